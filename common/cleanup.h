/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cleanup.h - scope-bound ownership for fds and heap memory.
 *
 * Variables marked _cleanup_close_ must start at -1 and _cleanup_free_ at NULL;
 * take_fd()/take_ptr() hand ownership out of a scope without it being released.
 */
#ifndef NSU_CLEANUP_H
#define NSU_CLEANUP_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <dirent.h>
#include <unistd.h>

static inline void nsu_freep(void *p)
{
	free(*(void **)p);
}

/* Close, keeping errno: cleanup runs on error paths whose errno matters. */
static inline void nsu_closep(int *fd)
{
	if (*fd >= 0) {
		int saved = errno;

		close(*fd);
		errno = saved;
	}
}

static inline void nsu_fclosep(FILE **f)
{
	if (*f) {
		int saved = errno;

		fclose(*f);
		errno = saved;
	}
}

static inline void nsu_closedirp(DIR **d)
{
	if (*d) {
		int saved = errno;

		closedir(*d);
		errno = saved;
	}
}

#define _cleanup_free_ __attribute__((cleanup(nsu_freep)))
#define _cleanup_close_ __attribute__((cleanup(nsu_closep)))
#define _cleanup_fclose_ __attribute__((cleanup(nsu_fclosep)))
#define _cleanup_closedir_ __attribute__((cleanup(nsu_closedirp)))

static inline int nsu_take_fd(int *fd)
{
	int r = *fd;

	*fd = -1;
	return r;
}

static inline void *nsu_take_ptr(void *pp)
{
	void **p = pp;
	void *r = *p;

	*p = NULL;
	return r;
}

#define take_fd(fd) nsu_take_fd(&(fd))
#define take_ptr(p) nsu_take_ptr(&(p))

#define NSU_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* NSU_CLEANUP_H */
