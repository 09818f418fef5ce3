// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * timeutil.c - sleeping, the monotonic clock, and timestamps.
 */
#include <stdio.h>
#include <time.h>

#include "timeutil.h"

void nsu_sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

double nsu_now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void nsu_iso8601_now(char *buf, size_t size)
{
	struct timespec ts;
	struct tm tm;
	char date[32], zone[8];

	clock_gettime(CLOCK_REALTIME, &ts);
	if (!localtime_r(&ts.tv_sec, &tm) || !strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm) ||
	    !strftime(zone, sizeof(zone), "%z", &tm)) {
		snprintf(buf, size, "%lld", (long long)ts.tv_sec);
		return;
	}
	/* %z is +hhmm; ISO 8601 extended format wants +hh:mm */
	snprintf(buf, size, "%s.%06ld%.3s:%.2s", date, ts.tv_nsec / 1000, zone, zone + 3);
}
