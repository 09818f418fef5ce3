/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * strutils.h - strict parsing of numbers, sizes, percentages, signals and ids.
 *
 * Parsers return 0 or -EINVAL (not of the form) / -ERANGE (too large or small);
 * they never accept trailing garbage, leading blanks or an empty string, and
 * never truncate silently. The *_or_err() forms print "tool: invalid WHAT
 * 'STRING': reason" and exit 1.
 */
#ifndef NSU_STRUTILS_H
#define NSU_STRUTILS_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* Decimal unsigned 64-bit; no sign accepted. */
int nsu_parse_u64(const char *s, uint64_t *res);
/* Decimal signed 64-bit, with an optional leading '+' or '-'. */
int nsu_parse_s64(const char *s, int64_t *res);
/* Decimal unsigned in [min, max]; -ERANGE outside. */
int nsu_parse_u64_range(const char *s, uint64_t min, uint64_t max, uint64_t *res);
/*
 * A CPU or memory-node list as the kernel writes them ("0-3,8,10-11", "" is
 * empty) into the bitmap @set of @nbits bits. -EINVAL (not of the form, a
 * range backwards) or -ERANGE (an id of @nbits or more).
 */
int nsu_parse_cpulist(const char *s, uint64_t *set, size_t nbits);
/* A PID: decimal, 1 .. INT_MAX. */
int nsu_parse_pid(const char *s, pid_t *pid);
/*
 * A size in bytes: "4096", "64K", "64M", "1.5G", "2T", optionally followed by
 * "B" or "iB" ("64MiB"); units are binary (K = 1024). Fractions are rounded
 * down to a whole byte.
 */
int nsu_parse_size(const char *s, uint64_t *bytes);
/* A duration "150ms", "1s", "1.5s", "500us" (a unit is required) in microseconds. */
int nsu_parse_duration_us(const char *s, uint64_t *us);
/* A duration in seconds, as watch and systemd-cgtop take it ("1", "0.5"), or one with a unit ("500ms"). */
int nsu_parse_seconds_us(const char *s, uint64_t *us);
/* A percentage "50%", "12.5%" (the '%' is required) in thousandths of a percent. */
int nsu_parse_percent(const char *s, uint64_t *millipercent);
/* A signal by name ("KILL", "SIGKILL", "sigkill", "RTMIN+2") or number; -EINVAL if none. */
int nsu_parse_signal(const char *s, int *sig);
/* The name of @sig without "SIG" ("KILL"), or NULL when it has none. */
const char *nsu_signal_name(int sig);
/* A user by number or name (/etc/passwd, NSS); -ENOENT for an unknown name. */
int nsu_parse_uid(const char *s, uid_t *uid);
/* A group by number or name; -ENOENT for an unknown name. */
int nsu_parse_gid(const char *s, gid_t *gid);

/*
 * @s for a terminal or a JSON consumer: every byte that is not part of a
 * printable UTF-8 character (control characters, DEL, invalid or cut-short
 * sequences) written as \xHH, as util-linux shows them; a backslash before
 * an 'x' too, so the result reads back one way. Malloc'ed; NULL on ENOMEM.
 */
char *nsu_safe_text(const char *s);
/*
 * The same for JSON: control characters stay (JSON has escapes for them,
 * which nsu_json_string() and libsmartcols write); only bytes that are not
 * UTF-8 become \xHH.
 */
char *nsu_json_safe_text(const char *s);
/*
 * @s as a JSON string, quotes included, on @out: made safe as above (so the
 * JSON is valid whatever bytes @s holds), '"' and '\' escaped, control
 * characters as JSON's escapes (\t, \n, \u001b).
 */
void nsu_json_string(FILE *out, const char *s);

/* Reason text for a parser's negative return, for messages. */
const char *nsu_parse_strerror(int r);

uint64_t nsu_u64_or_err(const char *s, const char *what);
uint64_t nsu_u64_range_or_err(const char *s, uint64_t min, uint64_t max, const char *what);
int64_t nsu_s64_or_err(const char *s, const char *what);
pid_t nsu_pid_or_err(const char *s, const char *what);
int nsu_signal_or_err(const char *s, const char *what);
uid_t nsu_uid_or_err(const char *s, const char *what);
gid_t nsu_gid_or_err(const char *s, const char *what);

#endif /* NSU_STRUTILS_H */
