// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * timeutil.c - sleeping and the monotonic clock.
 */
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
