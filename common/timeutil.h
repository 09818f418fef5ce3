/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * timeutil.h - the clocks of bounded waits (for the kernel to settle, for a
 * file someone else is creating) and of the timings tools report.
 */
#ifndef NSU_TIMEUTIL_H
#define NSU_TIMEUTIL_H

#include <stddef.h>

/* Sleep @ms milliseconds (a signal may cut it short). */
void nsu_sleep_ms(int ms);
/* Seconds on the monotonic clock: for deadlines and durations. */
double nsu_now_s(void);
/* The wall-clock time now in ISO 8601 with microseconds and the UTC offset: 2026-12-02T03:40:01.123456+00:00. */
void nsu_iso8601_now(char *buf, size_t size);

#endif /* NSU_TIMEUTIL_H */
