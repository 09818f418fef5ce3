// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netnsctl-entry.c - the entries of /var/run/netns: their state, atomic
 * creation, deletion, and the processes inside.
 *
 * A bind mount needs its target file to exist and a mounted file cannot be
 * renamed (EBUSY), so `ip netns add` shows a bare placeholder before the
 * mount, and leaves it behind for good when killed in between. netnsctl
 * makes the placeholder as an unnamed O_TMPFILE, locks it (flock) and only
 * then links it under its name (linkat fails with EEXIST, so exactly one of
 * concurrent adds wins); it stays locked until the namespace is mounted on
 * it. Readers tell "being created" (locked: wait) from "debris" (unlocked
 * and not a namespace): add takes debris over, delete removes it.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "cleanup.h"
#include "compat.h"
#include "errors.h"
#include "netnsctl.h"
#include "nstypes.h"
#include "procfs.h"
#include "timeutil.h"

char *entry_path(const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", NETNS_RUN_DIR, name) < 0)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	return p;
}

void check_name(const char *name)
{
	const char *why = NULL;

	if (!*name)
		why = "empty";
	else if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		why = "not a file name";
	else if (strchr(name, '/'))
		why = "contains '/'";
	else if (strlen(name) > NAME_MAX)
		why = "longer than NAME_MAX (255)";
	if (why)
		nsu_errx(NSU_EXIT_FAILURE, "invalid name '%s': %s", name, why);
}

int entry_state(const char *name, int wait_ms)
{
	_cleanup_free_ char *path = entry_path(name);
	_cleanup_close_ int fd = -1;
	struct stat st;
	int r;

	/* A link is never followed: neither into a namespace nor out of the directory. */
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? ENTRY_MISSING : -errno;
	if (S_ISLNK(st.st_mode))
		return ENTRY_LINK;
	for (int waited = 0;; waited += 10) {
		r = nsu_is_nsfs(path);
		if (r == -ENOENT)
			return ENTRY_MISSING;
		if (r < 0)
			return r;
		if (r == 1)
			return ENTRY_READY;
		if (fd < 0) {
			fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
			if (fd < 0)
				return errno == ENOENT ? ENTRY_MISSING : -errno;
		}
		if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
			flock(fd, LOCK_UN);
			/* The creator may have mounted and unlocked in between. */
			r = nsu_is_nsfs(path);
			if (r == 1)
				return ENTRY_READY;
			return r == -ENOENT ? ENTRY_MISSING : ENTRY_DEBRIS;
		}
		if (errno != EWOULDBLOCK)
			return -errno;
		if (waited >= wait_ms)
			return ENTRY_CREATING;
		nsu_sleep_ms(10);
	}
}

int open_netns_or_err(const char *name)
{
	_cleanup_free_ char *path = entry_path(name);
	int st = entry_state(name, CREATING_WAIT_MS);
	int fd;

	check_name(name);
	if (st == ENTRY_MISSING)
		nsu_errc(NSU_EXIT_FAILURE, ENOENT, "cannot open network namespace \"%s\"", name);
	if (st == ENTRY_DEBRIS)
		nsu_errx(NSU_EXIT_FAILURE, "%s is not a network namespace (left over from an interrupted add; "
			 "'netnsctl delete %s' removes it)", path, name);
	if (st == ENTRY_LINK)
		nsu_errx(NSU_EXIT_FAILURE, "%s is a symbolic link, not a network namespace ('netnsctl delete %s' "
			 "removes it)", path, name);
	if (st == ENTRY_CREATING)
		nsu_errx(NSU_EXIT_FAILURE, "%s is still being created", path);
	if (st < 0)
		nsu_errc(NSU_EXIT_FAILURE, st, "cannot open network namespace \"%s\"", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot open network namespace \"%s\"", name);
	return fd;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of /var/run/netns, sorted; none when it does not exist. */
char **list_entries(size_t *n)
{
	_cleanup_closedir_ DIR *d = opendir(NETNS_RUN_DIR);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d) {
		if (errno != ENOENT)
			nsu_err(NSU_EXIT_FAILURE, "cannot open %s", NETNS_RUN_DIR);
		return NULL;
	}
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = nsu_xrealloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = nsu_xstrdup(de->d_name);
	}
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

/*
 * "netnsctl: WHAT: REASON" (and " (needs root)" after a missing privilege
 * of a caller who is not root, as every netnsctl message with a reason).
 */
static void warn_change(int err, const char *fmt, ...) NSU_PRINTF(2, 3);
static void warn_change(int err, const char *fmt, ...)
{
	char what[PATH_MAX + 128];
	va_list ap;

	if (err < 0)
		err = -err;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	nsu_warnc(err, "%s", what);
}

/*
 * flock(2) on /var/run/netns, the lock ip takes to prepare it: an fd to close,
 * or -1 (no directory: nothing to serialise).
 */
static int lock_run_dir(void)
{
	int fd = open(NETNS_RUN_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	while (fd >= 0 && flock(fd, LOCK_EX) < 0 && errno == EINTR)
		;
	return fd;
}

/*
 * Make /var/run/netns a mount point with shared propagation, as ip does, so a
 * namespace mounted there shows in every mount namespace that shares it.
 * Under the same lock as ip (flock on the directory, Debian bug #949235):
 * concurrent first adds, ours or ip's, would each stack a bind mount.
 */
static int prepare_run_dir(void)
{
	_cleanup_close_ int lock = -1;
	bool bound = false;
	int r = 0;

	if (mkdir("/var/run", 0755) < 0 && errno != EEXIST)
		r = -errno;
	else if (mkdir(NETNS_RUN_DIR, 0755) < 0 && errno != EEXIST)
		r = -errno;
	if (r < 0) {
		warn_change(r, "cannot create %s", NETNS_RUN_DIR);
		return r;
	}
	lock = lock_run_dir();
	for (;;) {
		if (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL) == 0)
			return 0;
		/* EINVAL: not a mount point yet; bind it onto itself once. */
		if (errno != EINVAL || bound)
			break;
		if (mount(NETNS_RUN_DIR, NETNS_RUN_DIR, "none", MS_BIND | MS_REC, NULL) < 0)
			break;
		bound = true;
	}
	r = -errno;
	warn_change(r, "cannot make %s a shared mount point", NETNS_RUN_DIR);
	return r;
}

/*
 * ip netns add makes its placeholder (mode 0, not locked) a moment before
 * mounting on it. One that young is taken for an add in progress, not debris.
 * Ours have mode 0600 and are locked while in progress: an unlocked one is
 * debris at once.
 */
#define PLACEHOLDER_FRESH_S 10
#define PLACEHOLDER_MODE 0600

static bool fresh_placeholder(int dirfd, const char *name)
{
	struct timespec now;
	struct stat st;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & 07777) != 0)
		return false;
	clock_gettime(CLOCK_REALTIME, &now);
	return now.tv_sec - st.st_mtim.tv_sec < PLACEHOLDER_FRESH_S;
}

/*
 * A locked placeholder file at NAME: a new one, or debris taken over.
 * Returns its fd (locked LOCK_EX), or -errno after saying why (-EEXIST when
 * NAME is a namespace, or one being made).
 */
static int take_placeholder(int dirfd, const char *name)
{
	char proc[64];
	int fd, r;

	for (int tries = 0; tries < 100; tries++) {
		int st;

		fd = openat(dirfd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, PLACEHOLDER_MODE);
		if (fd >= 0) {
			if (flock(fd, LOCK_EX) < 0) {
				r = -errno;
				close(fd);
				nsu_warnc(r, "cannot lock a file in %s", NETNS_RUN_DIR);
				return r;
			}
			snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
			/* linkat() fails with EEXIST: exactly one of concurrent adds gets the name. */
			if (linkat(AT_FDCWD, proc, dirfd, name, AT_SYMLINK_FOLLOW) == 0)
				return fd;
			r = -errno;
			close(fd);
			if (r != -EEXIST) {
				warn_change(r, "cannot create %s/%s", NETNS_RUN_DIR, name);
				return r;
			}
		} else if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) {
			/* No O_TMPFILE here: create, then lock (a reader may see it unlocked briefly). */
			fd = openat(dirfd, name, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, PLACEHOLDER_MODE);
			if (fd >= 0) {
				flock(fd, LOCK_EX);
				return fd;
			}
			r = -errno;
			if (r != -EEXIST) {
				warn_change(r, "cannot create %s/%s", NETNS_RUN_DIR, name);
				return r;
			}
		} else {
			r = -errno;
			warn_change(r, "cannot create a file in %s", NETNS_RUN_DIR);
			return r;
		}
		/* NAME exists: a namespace, one being made, or debris to take over. */
		st = entry_state(name, CREATING_WAIT_MS);
		if (st == ENTRY_READY || st == ENTRY_LINK || st == ENTRY_CREATING ||
		    (st == ENTRY_DEBRIS && fresh_placeholder(dirfd, name))) {
			/* as ip netns add says it; a fresh placeholder is another add at work (ip's) */
			nsu_warnc(EEXIST, "cannot create namespace file \"%s/%s\"", NETNS_RUN_DIR, name);
			return -EEXIST;
		}
		if (st == ENTRY_DEBRIS) {
			struct stat a, b;

			fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
			/* Still the same file at NAME (a mount on it would show another inode)? Then ours now. */
			if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &a) == 0 &&
			    fstatat(dirfd, name, &b, 0) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev)
				return fd;
			if (fd >= 0)
				close(fd);
		} else if (st < 0) {
			nsu_warnc(st, "cannot check %s/%s", NETNS_RUN_DIR, name);
			return st;
		}
	}
	nsu_warnx("cannot create %s/%s: it keeps changing", NETNS_RUN_DIR, name);
	return -EAGAIN;
}

/*
 * Bind the network namespace of @src (NULL: a new one) on NAME. Nothing is
 * left behind on failure: the placeholder is ours until the mount is there.
 */
int make_entry(const char *name, const char *src)
{
	_cleanup_free_ char *path = entry_path(name);
	_cleanup_close_ int dirfd = -1, lockfd = -1, self = -1;
	const char *from = src;
	int r = prepare_run_dir();

	if (r < 0)
		return r;
	dirfd = open(NETNS_RUN_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		r = -errno;
		nsu_warnc(r, "cannot open %s", NETNS_RUN_DIR);
		return r;
	}
	lockfd = take_placeholder(dirfd, name);
	if (lockfd < 0)
		return lockfd;
	if (!src) {
		self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
		if (self < 0 || unshare(CLONE_NEWNET) < 0) {
			r = -errno;
			warn_change(r, "cannot create a network namespace");
			goto fail;
		}
		from = "/proc/self/ns/net";
	}
	if (mount(from, path, "none", MS_BIND, NULL) < 0) {
		r = -errno;
		warn_change(r, "cannot bind %s on %s", from, path);
	}
	if (self >= 0 && setns(self, CLONE_NEWNET) < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot return to the original network namespace");
	if (r == 0)
		return 0;
fail:
	unlinkat(dirfd, name, 0);
	return r;
}

/*
 * Call @fn(pid, data) for each process in the network namespace @ino, and
 * with @threads for each thread that is there while its process is not.
 */
void for_each_task_in(uint64_t ino, bool threads, void (*fn)(pid_t pid, void *data), void *data)
{
	_cleanup_closedir_ DIR *d = opendir("/proc");
	pid_t pid;

	if (!d)
		nsu_err(NSU_EXIT_FAILURE, "cannot open /proc");
	while ((pid = nsu_proc_next_pid(d))) {
		_cleanup_closedir_ DIR *td = NULL;
		struct dirent *de;
		char path[64];
		enum nsu_nstype t;
		uint64_t got;
		struct stat st;

		snprintf(path, sizeof(path), "%d/ns/net", (int)pid);
		if (nsu_ns_readlink(dirfd(d), path, &t, &got) < 0)
			continue;
		if (got == ino) {
			fn(pid, data);
			continue;
		}
		/* Threads that joined a namespace on their own (setns) show only under task/. */
		snprintf(path, sizeof(path), "%d/task", (int)pid);
		if (!threads || fstatat(dirfd(d), path, &st, 0) < 0 || st.st_nlink <= 3)
			continue;
		td = nsu_opendir_at(dirfd(d), path);
		while (td && (de = readdir(td))) {
			if (!isdigit((unsigned char)de->d_name[0]))
				continue;
			snprintf(path, sizeof(path), "%.20s/ns/net", de->d_name);
			if (nsu_ns_readlink(dirfd(td), path, &t, &got) == 0 && got == ino)
				fn((pid_t)atoi(de->d_name), data);
		}
	}
}

struct pidlist {
	pid_t *v;
	size_t n;
};

static void collect_pid(pid_t pid, void *data)
{
	struct pidlist *l = data;

	l->v = nsu_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = pid;
}

int delete_one(const char *name)
{
	_cleanup_free_ char *path = entry_path(name);
	struct pidlist users = {NULL, 0};
	/* deletes of one name at once: one removes it, the others find it gone */
	_cleanup_close_ int lock = lock_run_dir();
	int st = entry_state(name, CREATING_WAIT_MS);

	if (st == ENTRY_MISSING) {
		nsu_warnc(ENOENT, "cannot remove namespace file \"%s\"", path);
		return -ENOENT;
	}
	if (st < 0 || st == ENTRY_CREATING) {
		nsu_warnc(st < 0 ? st : EBUSY, "cannot remove namespace file \"%s\"", path);
		return st < 0 ? st : -EBUSY;
	}
	if (st == ENTRY_READY) {
		struct stat sb;

		if (stat(path, &sb) == 0)
			for_each_task_in(sb.st_ino, false, collect_pid, &users);
		/* Stacked mounts (attach over add) come off one by one. */
		for (int i = 0; i < 16 && nsu_is_nsfs(path) == 1; i++) {
			if (umount2(path, MNT_DETACH) < 0) {
				int e = errno;

				nsu_warnc(e, "cannot unmount %s", path);
				free(users.v);
				return -e;
			}
		}
	}
	if (unlink(path) < 0 && errno != ENOENT) {
		int e = errno;

		nsu_warnc(e, "cannot remove namespace file \"%s\"", path);
		free(users.v);
		return -e;
	}
	if (users.n) {
		fflush(stdout);
		fprintf(stderr, "%s: %s deleted; the namespace lives on in process%s", program_invocation_short_name,
			name, users.n == 1 ? "" : "es");
		for (size_t i = 0; i < users.n; i++)
			fprintf(stderr, "%s %d", i ? "," : "", (int)users.v[i]);
		fputc('\n', stderr);
	}
	free(users.v);
	return 0;
}
