// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * exec.c - exec and wait helpers shared by the tools that run a program.
 */
#include <errno.h>
#include <poll.h>
#include <pwd.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "errors.h"
#include "exec.h"

/* The program nsu_exec() runs: argv[0], or the shell (login shell name in *arg0, malloc'ed). */
static const char *program_of(char **argv)
{
	const char *shell;

	if (argv && argv[0])
		return argv[0];
	shell = getenv("SHELL");
	/* Unset or cleared (--clear-env): the user's login shell, as util-linux. */
	if (!shell || !*shell) {
		struct passwd *pw = getpwuid(getuid());

		shell = pw && pw->pw_shell && *pw->pw_shell ? pw->pw_shell : "/bin/sh";
	}
	return shell;
}

int nsu_exec(char **argv)
{
	const char *prog = program_of(argv);
	const char *base;
	char *arg0;

	if (argv && argv[0]) {
		execvp(prog, argv);
		return -errno;
	}
	base = strrchr(prog, '/');
	base = base ? base + 1 : prog;
	arg0 = malloc(strlen(base) + 2);
	if (!arg0)
		return -ENOMEM;
	arg0[0] = '-';
	strcpy(arg0 + 1, base);
	execl(prog, arg0, (char *)NULL);
	free(arg0);
	return -errno;
}

void nsu_exec_failed(char **argv, int r)
{
	nsu_errc(r == -ENOENT ? NSU_EXIT_NOT_FOUND : NSU_EXIT_CANNOT_EXEC, -r, "failed to execute %s",
		 program_of(argv));
}

void nsu_exec_or_err(char **argv)
{
	nsu_exec_failed(argv, nsu_exec(argv));
}

int nsu_wait(pid_t pid, int *status)
{
	for (;;) {
		if (waitpid(pid, status, 0) == pid)
			return 0;
		if (errno != EINTR)
			return -errno;
	}
}

int nsu_status_to_exit(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return NSU_EXIT_FAILURE;
}

void nsu_exit_like(int status)
{
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		struct rlimit nocore = {0, 0};
		sigset_t set;

		/* The child already dumped core if it was going to; we must not add ours. */
		setrlimit(RLIMIT_CORE, &nocore);
		signal(sig, SIG_DFL);
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		fflush(NULL);
		raise(sig);
		/* Still alive: a signal that does not kill (SIGCHLD...) or init of a pid ns. */
	}
	exit(nsu_status_to_exit(status));
}

int nsu_die_with_parent(int sig, int parent_pidfd)
{
	struct pollfd pfd = {.fd = parent_pidfd, .events = POLLIN};
	int n;

	if (prctl(PR_SET_PDEATHSIG, sig) < 0)
		return -errno;
	if (parent_pidfd < 0)
		return 0;
	/*
	 * The parent may have gone before prctl(): a pidfd turns readable when
	 * its process exits. (getppid() cannot tell: it is 0 in a new PID
	 * namespace, and a reaper's PID after reparenting.)
	 */
	do
		n = poll(&pfd, 1, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return n > 0 ? -ESRCH : 0;
}
