/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tap.h - the smallest TAP producer: ok/not ok lines and a plan at the end.
 */
#ifndef NSU_TAP_H
#define NSU_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...)                                                                          \
	do {                                                                                   \
		int ok_ = (cond);                                                              \
		tap_n++;                                                                       \
		if (!ok_)                                                                      \
			tap_failed++;                                                          \
		printf("%sok %d - ", ok_ ? "" : "not ", tap_n);                                \
		printf(__VA_ARGS__);                                                           \
		printf("\n");                                                                  \
		if (!ok_)                                                                      \
			printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, #cond);        \
	} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif /* NSU_TAP_H */
