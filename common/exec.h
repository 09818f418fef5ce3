/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * exec.h - running the user's program: exec with 126/127, waiting with
 * status passthrough, and the signal plumbing around a forked child.
 */
#ifndef NSU_EXEC_H
#define NSU_EXEC_H

#include <stdnoreturn.h>
#include <sys/types.h>

/*
 * Execute @argv (PATH search), or with no @argv (NULL or empty) "${SHELL}"
 * as a login shell, or where $SHELL is unset or empty the user's shell in the
 * password database (else /bin/sh), as util-linux does. On failure prints
 * "tool: failed to execute PROG: reason" and exits 127 when it was not found,
 * 126 otherwise.
 */
noreturn void nsu_exec_or_err(char **argv);
/* The same in two steps: nsu_exec() returns -errno when it could not execute... */
int nsu_exec(char **argv);
/* ...and nsu_exec_failed() says so for its result @r and exits 127 or 126. */
noreturn void nsu_exec_failed(char **argv, int r);

/*
 * Wait for @pid (retrying on EINTR) and return its wait status; -errno on failure.
 */
int nsu_wait(pid_t pid, int *status);

/*
 * End this process the way @status says the child ended: exit with its status,
 * or die of the same signal (the shell then sees 128+N). A signal that would
 * dump core is re-raised without a core file of our own.
 */
noreturn void nsu_exit_like(int status);

/* Exit code a shell would report for @status: the status, or 128+signal. */
int nsu_status_to_exit(int status);

/*
 * Ask the kernel to send @sig to this process when its parent dies
 * (PR_SET_PDEATHSIG), and close the race where the parent, whose pidfd is
 * @parent_pidfd (or -1: no check), died already: -ESRCH then. The setting is
 * cleared by any change of credentials: call again after setuid(2). Returns
 * 0 or -errno.
 */
int nsu_die_with_parent(int sig, int parent_pidfd);

#endif /* NSU_EXEC_H */
