/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * errors.h - the suite's message style: "tool: what: why" on stderr.
 *
 * Only tools (and *_or_err wrappers) call the nsu_err*() family; library code
 * returns -errno and lets the tool decide what to say.
 */
#ifndef NSU_ERRORS_H
#define NSU_ERRORS_H

#include <stddef.h>
#include <stdnoreturn.h>

#define NSU_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Exit codes shared by every tool (see EXIT STATUS in the man pages). */
enum {
	NSU_EXIT_FAILURE = 1,    /* failure or usage error */
	NSU_EXIT_NOTSUP = 2,     /* not supported by this kernel */
	NSU_EXIT_CANNOT_EXEC = 126,
	NSU_EXIT_NOT_FOUND = 127,
};

/* Print "tool: MSG: strerror(errno)" and exit with @eval. */
/* " (needs root)" for a missing privilege (EPERM, EACCES) of a caller who is not root, else "". */
const char *nsu_needs_root(int errnum);
/*
 * From now on the messages with a reason say " (needs root)" after one:
 * for a tool all of whose changes need root (netnsctl, as ip netns).
 */
void nsu_errors_say_needs_root(void);
noreturn void nsu_err(int eval, const char *fmt, ...) NSU_PRINTF(2, 3);
/* Print "tool: MSG" and exit with @eval. */
noreturn void nsu_errx(int eval, const char *fmt, ...) NSU_PRINTF(2, 3);
/* Print "tool: MSG: strerror(@errnum)" (errnum > 0 or < 0) and exit with @eval. */
noreturn void nsu_errc(int eval, int errnum, const char *fmt, ...) NSU_PRINTF(3, 4);
void nsu_warn(const char *fmt, ...) NSU_PRINTF(1, 2);
void nsu_warnx(const char *fmt, ...) NSU_PRINTF(1, 2);
void nsu_warnc(int errnum, const char *fmt, ...) NSU_PRINTF(2, 3);
/* Print "hint: MSG": a second line where it helps the user act. */
void nsu_hint(const char *fmt, ...) NSU_PRINTF(1, 2);

/* Print "tool: MSG" plus the --help suggestion and exit 1. */
noreturn void nsu_usage_error(const char *fmt, ...) NSU_PRINTF(1, 2);
/* Only the --help suggestion, for getopt's own complaint; exits 1. */
noreturn void nsu_bad_usage(void);
/* "tool from nsutils X.Y.Z" on stdout, exit 0. */
noreturn void nsu_print_version(void);

/* Allocation for tools: exit 1 with "cannot allocate memory" when it fails. */
void *nsu_xrealloc(void *p, size_t n);
char *nsu_xstrdup(const char *s);

/*
 * Register (once, from main) a check at exit that stdout was written in full:
 * "tool > /dev/full" must fail with a message, not succeed silently.
 */
void nsu_close_stdout_at_exit(void);

#endif /* NSU_ERRORS_H */
