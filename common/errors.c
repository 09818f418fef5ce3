// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * errors.c - messages and exits in the suite's style.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errors.h"

static bool say_needs_root;

void nsu_errors_say_needs_root(void)
{
	say_needs_root = true;
}

const char *nsu_needs_root(int errnum)
{
	if (errnum < 0)
		errnum = -errnum;
	return (errnum == EPERM || errnum == EACCES) && geteuid() != 0 ? " (needs root)" : "";
}

static void vmessage(int errnum, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_short_name);
	vfprintf(stderr, fmt, ap);
	if (errnum)
		fprintf(stderr, ": %s%s", strerror(errnum < 0 ? -errnum : errnum),
			say_needs_root ? nsu_needs_root(errnum) : "");
	fputc('\n', stderr);
}

void nsu_err(int eval, const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vmessage(e, fmt, ap);
	va_end(ap);
	exit(eval);
}

void nsu_errx(int eval, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(0, fmt, ap);
	va_end(ap);
	exit(eval);
}

void nsu_errc(int eval, int errnum, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(errnum, fmt, ap);
	va_end(ap);
	exit(eval);
}

void nsu_warn(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vmessage(e, fmt, ap);
	va_end(ap);
	errno = e;
}

void nsu_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(0, fmt, ap);
	va_end(ap);
}

void nsu_warnc(int errnum, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(errnum, fmt, ap);
	va_end(ap);
}

void nsu_hint(const char *fmt, ...)
{
	va_list ap;

	fputs("hint: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void nsu_bad_usage(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", program_invocation_short_name);
	exit(NSU_EXIT_FAILURE);
}

void nsu_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(0, fmt, ap);
	va_end(ap);
	nsu_bad_usage();
}

void nsu_print_version(void)
{
	printf("%s from %s %s\n", program_invocation_short_name, PACKAGE_NAME, PACKAGE_VERSION);
	exit(EXIT_SUCCESS);
}

static void close_stdout(void)
{
	int pending = __fpending(stdout) != 0;
	int failed = ferror(stdout) != 0;

	/*
	 * Report what a full disk made us lose. A stdout that was closed
	 * before we started (EBADF with nothing pending) lost nothing, and a
	 * reader that went away (EPIPE) is not ours to report.
	 */
	if (fclose(stdout) != 0 && (pending || errno != EBADF))
		failed = 1;
	if (failed) {
		int e = errno;

		if (e != EPIPE)
			fprintf(stderr, "%s: write error%s%s\n", program_invocation_short_name,
				e ? ": " : "", e ? strerror(e) : "");
		_exit(NSU_EXIT_FAILURE);
	}
}

void nsu_close_stdout_at_exit(void)
{
	atexit(close_stdout);
}

void *nsu_xrealloc(void *p, size_t n)
{
	void *r = realloc(p, n ? n : 1);

	if (!r)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	return r;
}

char *nsu_xstrdup(const char *s)
{
	char *r = strdup(s);

	if (!r)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	return r;
}
