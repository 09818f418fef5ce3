// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nsthread - a test helper: a process whose second thread moves into a new
 * network namespace of its own (unshare(CLONE_NEWNET) acts on the calling
 * thread only), prints that thread's TID and waits to be killed. No shell
 * tool makes such a thread; nslist and netnsctl must still find it.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *run(void *arg)
{
	(void)arg;
	if (unshare(CLONE_NEWNET) < 0) {
		perror("nsthread: unshare(CLONE_NEWNET)");
		_exit(1);
	}
	printf("%ld\n", (long)syscall(SYS_gettid));
	fflush(stdout);
	for (;;)
		pause();
	return NULL;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, run, NULL) != 0) {
		fputs("nsthread: cannot create a thread\n", stderr);
		return 1;
	}
	for (;;)
		pause();
}
