// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coverage-exit.c - linked into the tools of make coverage only (with
 * -Wl,--wrap=_exit): gcov writes its counts at exit() and execve(), not at
 * _exit() nor when a signal ends the process, so what a forked helper ran
 * before _exit(), or a monitor before the test stopped it with SIGTERM,
 * would count as never run. This writes them first. (gcov's writing is not
 * async-signal-safe: good enough for a measurement, never for the tools.)
 */
#include <signal.h>
#include <unistd.h>

void __gcov_dump(void);
void __real__exit(int status) __attribute__((noreturn));
void __wrap__exit(int status) __attribute__((noreturn));

void __wrap__exit(int status)
{
	__gcov_dump();
	__real__exit(status);
}

static void dump_and_die(int sig)
{
	__gcov_dump();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Only where the signal would end the process anyway: a tool's own handlers replace this one. */
__attribute__((constructor)) static void catch_ending_signals(void)
{
	static const int sigs[] = {SIGTERM, SIGINT, SIGHUP};

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
			signal(sigs[i], dump_and_die);
	}
}
