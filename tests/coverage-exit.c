// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * coverage-exit.c - linked into the tools of make coverage only (with
 * -Wl,--wrap=_exit): gcov writes its counts at exit() and execve(), not at
 * _exit(), so what a forked helper or child ran before _exit() would count
 * as never run. This writes them first.
 */
#include <unistd.h>

void __gcov_dump(void);
void __real__exit(int status) __attribute__((noreturn));
void __wrap__exit(int status) __attribute__((noreturn));

void __wrap__exit(int status)
{
	__gcov_dump();
	__real__exit(status);
}
