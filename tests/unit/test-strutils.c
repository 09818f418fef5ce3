// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of common/strutils: every parser against good input, garbage,
 * boundaries and overflow.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strutils.h"
#include "tap.h"

static void test_u64(void)
{
	uint64_t v = 0;

	ok(nsu_parse_u64("0", &v) == 0 && v == 0, "u64: 0");
	ok(nsu_parse_u64("18446744073709551615", &v) == 0 && v == UINT64_MAX, "u64: max");
	ok(nsu_parse_u64("18446744073709551616", &v) == -ERANGE, "u64: max+1 overflows");
	ok(nsu_parse_u64("99999999999999999999999", &v) == -ERANGE, "u64: far overflow");
	ok(nsu_parse_u64("", &v) == -EINVAL, "u64: empty");
	ok(nsu_parse_u64(NULL, &v) == -EINVAL, "u64: NULL");
	ok(nsu_parse_u64(" 1", &v) == -EINVAL, "u64: leading blank");
	ok(nsu_parse_u64("1 ", &v) == -EINVAL, "u64: trailing blank");
	ok(nsu_parse_u64("-1", &v) == -EINVAL, "u64: negative");
	ok(nsu_parse_u64("+1", &v) == -EINVAL, "u64: plus sign");
	ok(nsu_parse_u64("12abc", &v) == -EINVAL, "u64: trailing garbage");
	ok(nsu_parse_u64("0x10", &v) == -EINVAL, "u64: no hex");
}

static void test_s64(void)
{
	int64_t v = 0;

	ok(nsu_parse_s64("-9223372036854775808", &v) == 0 && v == INT64_MIN, "s64: min");
	ok(nsu_parse_s64("9223372036854775807", &v) == 0 && v == INT64_MAX, "s64: max");
	ok(nsu_parse_s64("9223372036854775808", &v) == -ERANGE, "s64: max+1");
	ok(nsu_parse_s64("-9223372036854775809", &v) == -ERANGE, "s64: min-1");
	ok(nsu_parse_s64("+42", &v) == 0 && v == 42, "s64: plus");
	ok(nsu_parse_s64("-", &v) == -EINVAL, "s64: sign only");
	ok(nsu_parse_s64("--1", &v) == -EINVAL, "s64: two signs");
}

static void test_pid(void)
{
	pid_t p = 0;

	ok(nsu_parse_pid("1", &p) == 0 && p == 1, "pid: 1");
	ok(nsu_parse_pid("2147483647", &p) == 0 && p == INT_MAX, "pid: INT_MAX");
	ok(nsu_parse_pid("2147483648", &p) == -ERANGE, "pid: INT_MAX+1");
	ok(nsu_parse_pid("0", &p) == -ERANGE, "pid: 0 refused");
	ok(nsu_parse_pid("abc", &p) == -EINVAL, "pid: garbage");
}

static void test_size(void)
{
	uint64_t v = 0;

	ok(nsu_parse_duration_us("150ms", &v) == 0 && v == 150000, "duration: ms");
	ok(nsu_parse_duration_us("1s", &v) == 0 && v == 1000000, "duration: s");
	ok(nsu_parse_duration_us("1.5s", &v) == 0 && v == 1500000, "duration: a fraction");
	ok(nsu_parse_duration_us("500us", &v) == 0 && v == 500, "duration: us");
	ok(nsu_parse_duration_us("150", &v) == -EINVAL, "duration: a unit is required");
	ok(nsu_parse_seconds_us("2", &v) == 0 && v == 2000000, "seconds: a bare number");
	ok(nsu_parse_seconds_us("0.25", &v) == 0 && v == 250000, "seconds: a fraction");
	ok(nsu_parse_seconds_us("150ms", &v) == 0 && v == 150000, "seconds: a unit");
	ok(nsu_parse_seconds_us("1x", &v) == -EINVAL && nsu_parse_seconds_us("", &v) == -EINVAL &&
	   nsu_parse_seconds_us("-1", &v) == -EINVAL && nsu_parse_seconds_us(".5", &v) == -EINVAL,
	   "seconds: junk, empty, negative, no leading digit");
	ok(nsu_parse_seconds_us("18446744073710", &v) == -ERANGE, "seconds: overflow");
	ok(nsu_parse_duration_us("ms", &v) == -EINVAL && nsu_parse_duration_us("", &v) == -EINVAL,
	   "duration: no number");
	ok(nsu_parse_duration_us("1h", &v) == -EINVAL && nsu_parse_duration_us("1.s", &v) == -EINVAL,
	   "duration: unknown unit, bare point");
	ok(nsu_parse_duration_us("18446744073709551616us", &v) == -ERANGE &&
	   nsu_parse_duration_us("18446744073709552s", &v) == -ERANGE, "duration: overflow");
	ok(nsu_parse_size("4096", &v) == 0 && v == 4096, "size: plain bytes");
	ok(nsu_parse_size("64K", &v) == 0 && v == 65536, "size: K");
	ok(nsu_parse_size("64M", &v) == 0 && v == 64ULL << 20, "size: M");
	ok(nsu_parse_size("64m", &v) == 0 && v == 64ULL << 20, "size: lower-case m");
	ok(nsu_parse_size("1.5G", &v) == 0 && v == 3ULL << 29, "size: 1.5G");
	ok(nsu_parse_size("64MiB", &v) == 0 && v == 64ULL << 20, "size: MiB");
	ok(nsu_parse_size("64MB", &v) == 0 && v == 64ULL << 20, "size: MB is binary too");
	ok(nsu_parse_size("2T", &v) == 0 && v == 2ULL << 40, "size: T");
	ok(nsu_parse_size("15E", &v) == 0 && v == 15ULL << 60, "size: 15E fits");
	ok(nsu_parse_size("16E", &v) == -ERANGE, "size: 16E overflows");
	ok(nsu_parse_size("17179869184G", &v) == -ERANGE, "size: G overflow");
	ok(nsu_parse_size("0.5K", &v) == 0 && v == 512, "size: fraction");
	ok(nsu_parse_size("1.", &v) == -EINVAL, "size: dot without digits");
	ok(nsu_parse_size(".5K", &v) == -EINVAL, "size: no leading digit");
	ok(nsu_parse_size("1.2.3M", &v) == -EINVAL, "size: two dots");
	ok(nsu_parse_size("M", &v) == -EINVAL, "size: unit only");
	ok(nsu_parse_size("12Q", &v) == -EINVAL, "size: unknown unit");
	ok(nsu_parse_size("12Mx", &v) == -EINVAL, "size: garbage after unit");
	ok(nsu_parse_size("-1M", &v) == -EINVAL, "size: negative");
	ok(nsu_parse_size("", &v) == -EINVAL, "size: empty");
}

static void test_percent(void)
{
	uint64_t v = 0;

	ok(nsu_parse_percent("50%", &v) == 0 && v == 50000, "percent: 50%%");
	ok(nsu_parse_percent("250%", &v) == 0 && v == 250000, "percent: 250%%");
	ok(nsu_parse_percent("12.5%", &v) == 0 && v == 12500, "percent: 12.5%%");
	ok(nsu_parse_percent("50", &v) == -EINVAL, "percent: no sign");
	ok(nsu_parse_percent("50%%", &v) == -EINVAL, "percent: two signs");
	ok(nsu_parse_percent("%", &v) == -EINVAL, "percent: sign only");
	ok(nsu_parse_percent("99999999999999999999%", &v) == -ERANGE, "percent: overflow");
}

static void test_signal(void)
{
	int s = 0;

	ok(nsu_parse_signal("KILL", &s) == 0 && s == SIGKILL, "signal: KILL");
	ok(nsu_parse_signal("SIGTERM", &s) == 0 && s == SIGTERM, "signal: SIGTERM");
	ok(nsu_parse_signal("sigint", &s) == 0 && s == SIGINT, "signal: case-insensitive");
	ok(nsu_parse_signal("9", &s) == 0 && s == 9, "signal: number");
	ok(nsu_parse_signal("0", &s) == -ERANGE, "signal: 0 refused");
	ok(nsu_parse_signal("65", &s) == -ERANGE, "signal: past SIGRTMAX");
	ok(nsu_parse_signal("RTMIN+1", &s) == 0 && s == SIGRTMIN + 1, "signal: RTMIN+1");
	ok(nsu_parse_signal("RTMAX-1", &s) == 0 && s == SIGRTMAX - 1, "signal: RTMAX-1");
	ok(nsu_parse_signal("RTMIN+99", &s) == -ERANGE, "signal: RTMIN+99 out of range");
	ok(nsu_parse_signal("BOGUS", &s) == -EINVAL, "signal: unknown name");
	ok(nsu_parse_signal("", &s) == -EINVAL, "signal: empty");
	ok(nsu_signal_name(SIGKILL) && strcmp(nsu_signal_name(SIGKILL), "KILL") == 0,
	   "signal: name of 9 is KILL");
}

static void test_ids(void)
{
	uid_t u = 1;
	gid_t g = 1;

	ok(nsu_parse_uid("0", &u) == 0 && u == 0, "uid: 0");
	ok(nsu_parse_uid("root", &u) == 0 && u == 0, "uid: root by name");
	ok(nsu_parse_uid("4294967295", &u) == -ERANGE, "uid: (uid_t)-1 refused");
	ok(nsu_parse_uid("4294967296", &u) == -ERANGE, "uid: 2^32 refused");
	ok(nsu_parse_uid("nsutils-no-such-user", &u) == -ENOENT, "uid: unknown name");
	ok(nsu_parse_gid("0", &g) == 0 && g == 0, "gid: 0");
	ok(nsu_parse_gid("root", &g) == 0 && g == 0, "gid: root by name");
	ok(nsu_parse_gid("nsutils-no-such-group", &g) == -ENOENT, "gid: unknown name");
}

static void test_cpulist(void)
{
	uint64_t set[2];

	ok(nsu_parse_cpulist("0-3,8,10-11", set, 128) == 0 && set[0] == 0xd0f && set[1] == 0, "cpu list");
	ok(nsu_parse_cpulist("", set, 128) == 0 && set[0] == 0, "empty list");
	ok(nsu_parse_cpulist("64", set, 128) == 0 && set[0] == 0 && set[1] == 1, "second word");
	ok(nsu_parse_cpulist("128", set, 128) == -ERANGE, "past the bitmap");
	ok(nsu_parse_cpulist("99999999999999999999", set, 128) == -ERANGE, "overflow");
	ok(nsu_parse_cpulist("3-1", set, 128) == -EINVAL, "backwards range");
	ok(nsu_parse_cpulist("1,", set, 128) == -EINVAL, "trailing comma");
	ok(nsu_parse_cpulist("1 2", set, 128) == -EINVAL, "blank");
	ok(nsu_parse_cpulist("-1", set, 128) == -EINVAL, "sign");
	ok(nsu_parse_cpulist("a-b", set, 128) == -EINVAL, "garbage");
}

/* Whether nsu_safe_text(@in) is @want. */
static int safe_is(const char *in, const char *want)
{
	char *t = nsu_safe_text(in);
	int same = t && strcmp(t, want) == 0;

	free(t);
	return same;
}

static void test_safe_text(void)
{
	ok(safe_is("plain ü €", "plain ü €"), "printable UTF-8 stays");
	ok(safe_is("a\nb\tc\x7f", "a\\x0ab\\x09c\\x7f"), "control characters as \\xHH");
	ok(safe_is("x\xffy\xc3", "x\\xffy\\xc3"), "invalid and cut-short sequences as \\xHH");
	ok(safe_is("\xed\xa0\x80\xc0\xaf", "\\xed\\xa0\\x80\\xc0\\xaf"), "surrogates and overlong forms too");
	ok(safe_is("a\\xb\\n", "a\\x5cxb\\n"), "a backslash before x is escaped, others stay");
}

int main(void)
{
	test_u64();
	test_s64();
	test_pid();
	test_size();
	test_percent();
	test_signal();
	test_ids();
	test_cpulist();
	test_safe_text();
	return tap_done();
}
