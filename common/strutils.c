// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * strutils.c - strict parsers; see strutils.h for the contract.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cleanup.h"
#include "errors.h"
#include "strutils.h"

/* Digits only, at least one: what every number here starts with. */
static int parse_digits(const char **sp, uint64_t *res)
{
	const char *s = *sp;
	uint64_t v = 0;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	for (; isdigit((unsigned char)*s); s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*sp = s;
	*res = v;
	return 0;
}

int nsu_parse_u64(const char *s, uint64_t *res)
{
	uint64_t v;
	int r;

	if (!s)
		return -EINVAL;
	r = parse_digits(&s, &v);
	if (r < 0)
		return r;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}

int nsu_parse_s64(const char *s, int64_t *res)
{
	int neg = 0;
	uint64_t v;
	int r;

	if (!s)
		return -EINVAL;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	r = nsu_parse_u64(s, &v);
	if (r < 0)
		return r;
	if (neg) {
		if (v > (uint64_t)INT64_MAX + 1)
			return -ERANGE;
		*res = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	} else {
		if (v > INT64_MAX)
			return -ERANGE;
		*res = (int64_t)v;
	}
	return 0;
}

int nsu_parse_u64_range(const char *s, uint64_t min, uint64_t max, uint64_t *res)
{
	uint64_t v;
	int r = nsu_parse_u64(s, &v);

	if (r < 0)
		return r;
	if (v < min || v > max)
		return -ERANGE;
	*res = v;
	return 0;
}

/* One decimal of a list, up to the next character not a digit; -EINVAL if none, -ERANGE past @max. */
static int list_number(const char **s, uint64_t max, uint64_t *v)
{
	const char *p = *s;

	*v = 0;
	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		*v = *v * 10 + (uint64_t)(*p - '0');
		if (*v > max)
			return -ERANGE;
	}
	*s = p;
	return 0;
}

int nsu_parse_cpulist(const char *s, uint64_t *set, size_t nbits)
{
	memset(set, 0, (nbits + 63) / 64 * sizeof(*set));
	if (!s)
		return -EINVAL;
	while (*s) {
		uint64_t a, b;
		int r = list_number(&s, nbits - 1, &a);

		if (r < 0)
			return r;
		b = a;
		if (*s == '-') {
			s++;
			r = list_number(&s, nbits - 1, &b);
			if (r < 0)
				return r;
			if (b < a)
				return -EINVAL;
		}
		for (uint64_t i = a; i <= b; i++)
			set[i / 64] |= 1ULL << (i % 64);
		if (*s == ',' && s[1])
			s++;
		else if (*s)
			return -EINVAL;
	}
	return 0;
}

int nsu_parse_pid(const char *s, pid_t *pid)
{
	uint64_t v;
	int r = nsu_parse_u64_range(s, 1, INT_MAX, &v);

	if (r < 0)
		return r;
	*pid = (pid_t)v;
	return 0;
}

/*
 * A decimal with an optional fraction, scaled by @scale, rounded down:
 * "1.5" * 1024 = 1536. Works in integers so that no double rounding creeps in.
 */
static int parse_scaled(const char **sp, uint64_t scale, uint64_t *res)
{
	const char *s = *sp;
	uint64_t whole, frac = 0, div = 1;
	int r = parse_digits(&s, &whole);

	if (r < 0)
		return r;
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return -EINVAL;
		for (; isdigit((unsigned char)*s); s++) {
			/* Digits beyond 18 cannot change a 64-bit result we round down. */
			if (div < 1000000000000000000ULL) {
				frac = frac * 10 + (uint64_t)(*s - '0');
				div *= 10;
			}
		}
	}
	if (whole > UINT64_MAX / scale)
		return -ERANGE;
	whole *= scale;
	/* frac / div * scale without overflow: frac < div <= 1e18, scale <= 2^60. */
	{
		unsigned __int128 f = (unsigned __int128)frac * scale / div;

		if (whole > UINT64_MAX - (uint64_t)f)
			return -ERANGE;
		whole += (uint64_t)f;
	}
	*sp = s;
	*res = whole;
	return 0;
}

int nsu_parse_size(const char *s, uint64_t *bytes)
{
	static const char units[] = "KMGTPE";
	uint64_t scale = 1;
	const char *u, *p;
	int r;

	if (!s || !*s)
		return -EINVAL;
	/* Find the unit first: the scale applies to the fraction too. */
	for (p = s; isdigit((unsigned char)*p) || *p == '.'; p++)
		;
	if (*p) {
		u = strchr(units, toupper((unsigned char)*p));
		if (!u)
			return -EINVAL;
		scale = 1ULL << (10 * (u - units + 1));
		if (strcmp(p + 1, "") && strcmp(p + 1, "B") && strcmp(p + 1, "iB"))
			return -EINVAL;
	}
	r = parse_scaled(&s, scale, bytes);
	if (r < 0)
		return r;
	return s == p ? 0 : -EINVAL;
}

int nsu_parse_duration_us(const char *s, uint64_t *us)
{
	static const struct {
		const char *unit;
		uint64_t scale;
	} units[] = {{"us", 1}, {"ms", 1000}, {"s", 1000000}};
	const char *p;

	if (!s || !*s)
		return -EINVAL;
	for (p = s; isdigit((unsigned char)*p) || *p == '.'; p++)
		;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		int r;

		if (strcmp(p, units[i].unit) != 0)
			continue;
		r = parse_scaled(&s, units[i].scale, us);
		if (r < 0)
			return r;
		return s == p ? 0 : -EINVAL;
	}
	return -EINVAL;
}

int nsu_parse_seconds_us(const char *s, uint64_t *us)
{
	const char *p = s;
	int r;

	if (nsu_parse_duration_us(s, us) == 0)
		return 0;
	if (!s || !*s)
		return -EINVAL;
	r = parse_scaled(&p, 1000000, us);
	if (r < 0)
		return r;
	return *p ? -EINVAL : 0;
}

int nsu_parse_percent(const char *s, uint64_t *millipercent)
{
	uint64_t v;
	int r;

	if (!s)
		return -EINVAL;
	r = parse_scaled(&s, 1000, &v);
	if (r < 0)
		return r;
	if (strcmp(s, "%") != 0)
		return -EINVAL;
	*millipercent = v;
	return 0;
}

static const struct {
	const char *name;
	int sig;
} signames[] = {
	{"HUP", SIGHUP},   {"INT", SIGINT},       {"QUIT", SIGQUIT},   {"ILL", SIGILL},
	{"TRAP", SIGTRAP}, {"ABRT", SIGABRT},     {"IOT", SIGIOT},     {"BUS", SIGBUS},
	{"FPE", SIGFPE},   {"KILL", SIGKILL},     {"USR1", SIGUSR1},   {"SEGV", SIGSEGV},
	{"USR2", SIGUSR2}, {"PIPE", SIGPIPE},     {"ALRM", SIGALRM},   {"TERM", SIGTERM},
	{"STKFLT", SIGSTKFLT}, {"CHLD", SIGCHLD}, {"CLD", SIGCHLD},    {"CONT", SIGCONT},
	{"STOP", SIGSTOP}, {"TSTP", SIGTSTP},     {"TTIN", SIGTTIN},   {"TTOU", SIGTTOU},
	{"URG", SIGURG},   {"XCPU", SIGXCPU},     {"XFSZ", SIGXFSZ},   {"VTALRM", SIGVTALRM},
	{"PROF", SIGPROF}, {"WINCH", SIGWINCH},   {"IO", SIGIO},       {"POLL", SIGPOLL},
	{"PWR", SIGPWR},   {"SYS", SIGSYS},
};

static int parse_rt_signal(const char *s, int *sig)
{
	int base, lim;
	uint64_t off = 0;

	if (strncasecmp(s, "RTMIN", 5) == 0) {
		base = SIGRTMIN;
		s += 5;
	} else if (strncasecmp(s, "RTMAX", 5) == 0) {
		base = SIGRTMAX;
		s += 5;
	} else {
		return -EINVAL;
	}
	if (*s == '+' || *s == '-') {
		int neg = *s == '-';

		if (nsu_parse_u64(s + 1, &off) < 0)
			return -EINVAL;
		lim = neg ? base - SIGRTMIN : SIGRTMAX - base;
		if (off > (uint64_t)lim)
			return -ERANGE;
		*sig = neg ? base - (int)off : base + (int)off;
		return 0;
	}
	if (*s)
		return -EINVAL;
	*sig = base;
	return 0;
}

int nsu_parse_signal(const char *s, int *sig)
{
	uint64_t n;

	if (!s || !*s)
		return -EINVAL;
	if (isdigit((unsigned char)*s)) {
		int r = nsu_parse_u64_range(s, 1, (uint64_t)SIGRTMAX, &n);

		if (r < 0)
			return r;
		*sig = (int)n;
		return 0;
	}
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (size_t i = 0; i < NSU_ARRAY_SIZE(signames); i++)
		if (strcasecmp(s, signames[i].name) == 0) {
			*sig = signames[i].sig;
			return 0;
		}
	return parse_rt_signal(s, sig);
}

const char *nsu_signal_name(int sig)
{
	for (size_t i = 0; i < NSU_ARRAY_SIZE(signames); i++)
		if (signames[i].sig == sig)
			return signames[i].name;
	return NULL;
}

int nsu_parse_uid(const char *s, uid_t *uid)
{
	uint64_t v;
	struct passwd *pw;

	if (!s || !*s)
		return -EINVAL;
	if (isdigit((unsigned char)*s)) {
		/* (uid_t)-1 means "no change" to the kernel: never a valid id. */
		int r = nsu_parse_u64_range(s, 0, UINT32_MAX - 1, &v);

		if (r < 0)
			return r;
		*uid = (uid_t)v;
		return 0;
	}
	errno = 0;
	pw = getpwnam(s);
	if (!pw)
		return errno ? -errno : -ENOENT;
	*uid = pw->pw_uid;
	return 0;
}

int nsu_parse_gid(const char *s, gid_t *gid)
{
	uint64_t v;
	struct group *gr;

	if (!s || !*s)
		return -EINVAL;
	if (isdigit((unsigned char)*s)) {
		int r = nsu_parse_u64_range(s, 0, UINT32_MAX - 1, &v);

		if (r < 0)
			return r;
		*gid = (gid_t)v;
		return 0;
	}
	errno = 0;
	gr = getgrnam(s);
	if (!gr)
		return errno ? -errno : -ENOENT;
	*gid = gr->gr_gid;
	return 0;
}

const char *nsu_parse_strerror(int r)
{
	switch (r) {
	case -EINVAL:
		return "not a valid value";
	case -ERANGE:
		return "out of range";
	case -ENOENT:
		return "no such name";
	default:
		return strerror(-r);
	}
}

noreturn static void parse_fail(const char *s, const char *what, int r)
{
	nsu_errx(NSU_EXIT_FAILURE, "invalid %s '%s': %s", what, s ? s : "", nsu_parse_strerror(r));
}

uint64_t nsu_u64_or_err(const char *s, const char *what)
{
	uint64_t v;
	int r = nsu_parse_u64(s, &v);

	if (r < 0)
		parse_fail(s, what, r);
	return v;
}

uint64_t nsu_u64_range_or_err(const char *s, uint64_t min, uint64_t max, const char *what)
{
	uint64_t v;
	int r = nsu_parse_u64_range(s, min, max, &v);

	if (r < 0)
		parse_fail(s, what, r);
	return v;
}

int64_t nsu_s64_or_err(const char *s, const char *what)
{
	int64_t v;
	int r = nsu_parse_s64(s, &v);

	if (r < 0)
		parse_fail(s, what, r);
	return v;
}

pid_t nsu_pid_or_err(const char *s, const char *what)
{
	pid_t v;
	int r = nsu_parse_pid(s, &v);

	if (r < 0)
		parse_fail(s, what, r);
	return v;
}

int nsu_signal_or_err(const char *s, const char *what)
{
	int v;
	int r = nsu_parse_signal(s, &v);

	if (r < 0)
		parse_fail(s, what, r);
	return v;
}

uid_t nsu_uid_or_err(const char *s, const char *what)
{
	uid_t v;
	int r = nsu_parse_uid(s, &v);

	if (r < 0)
		parse_fail(s, what, r);
	return v;
}

gid_t nsu_gid_or_err(const char *s, const char *what)
{
	gid_t v;
	int r = nsu_parse_gid(s, &v);

	if (r < 0)
		parse_fail(s, what, r);
	return v;
}

/* Length of the valid UTF-8 sequence at @p (1-4), or 0 when it is invalid or cut short. */
static size_t utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xbf;

	if (c >= 0x20 && c < 0x7f)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0; /* control characters, DEL, continuation bytes, 0xc0 0xc1 0xf5.. */
	/* no overlong forms, no surrogates, nothing past U+10FFFF (RFC 3629) */
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

/* @s with every byte that is not shown as itself written \xHH; with @controls, control characters are shown. */
static char *safe_text(const char *s, bool controls)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = malloc(strlen(s) * 4 + 1), *q = out;

	if (!out)
		return NULL;
	while (*p) {
		size_t n = controls && (*p < 0x20 || *p == 0x7f) ? 1 : utf8_len(p);

		/* a backslash before 'x' is escaped too, so that the text reads back one way */
		if (n == 0 || (*p == '\\' && p[1] == 'x')) {
			q += sprintf(q, "\\x%02x", *p);
			p++;
			continue;
		}
		memcpy(q, p, n);
		q += n;
		p += n;
	}
	*q = '\0';
	return out;
}

char *nsu_safe_text(const char *s)
{
	return safe_text(s, false);
}

char *nsu_json_safe_text(const char *s)
{
	return safe_text(s, true);
}

void nsu_json_string(FILE *out, const char *s)
{
	_cleanup_free_ char *safe = nsu_json_safe_text(s);
	const char *p = safe ? safe : "";

	fputc('"', out);
	for (; *p; p++) {
		/* JSON's own escapes for what it has them for, as lsns writes them */
		const char *e = strchr("\b\f\n\r\t", *p);

		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p && e)
			fprintf(out, "\\%c", "bfnrt"[e - "\b\f\n\r\t"]);
		else if ((unsigned char)*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\u%04x", (unsigned char)*p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}
