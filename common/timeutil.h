/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * timeutil.h - the clocks of bounded waits (for the kernel to settle, for a
 * file someone else is creating) and of the timings tools report.
 */
#ifndef NSU_TIMEUTIL_H
#define NSU_TIMEUTIL_H

/* Sleep @ms milliseconds (a signal may cut it short). */
void nsu_sleep_ms(int ms);
/* Seconds on the monotonic clock: for deadlines and durations. */
double nsu_now_s(void);

#endif /* NSU_TIMEUTIL_H */
