// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nslist-scan.c - finding every namespace and what holds it.
 *
 * One readlinkat(2) per namespace link of each process on a /proc/PID/ns
 * directory fd (the link text, "net:[4026531833]", carries kind and inode,
 * and costs less than a stat(2) that resolves the link); namespaces and
 * processes are found through hashes, so the work grows linearly with the
 * number of processes; ioctls, netlink and descriptor scans run once per
 * namespace and only when a column, a tree or a holder kind needs them.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libmount.h>

#include "cleanup.h"
#include "compat.h"
#include "errors.h"
#include "netlink.h"
#include "nslist.h"
#include "nstypes.h"
#include "procfs.h"

struct nsl_db db = {.procfd = -1};

void strv_add(struct strv *sv, char *s)
{
	sv->v = nsu_xrealloc(sv->v, (sv->n + 1) * sizeof(*sv->v));
	sv->v[sv->n++] = s;
}

void strv_addf(struct strv *sv, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	va_end(ap);
	strv_add(sv, s);
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

/* Grow an open-addressing table of index+1 slots to twice its load. */
static void rehash(uint32_t **tab, size_t *cap, size_t n, uint64_t (*key)(size_t))
{
	size_t ncap = *cap ? *cap * 2 : 1024;

	while (ncap < n * 2)
		ncap *= 2;
	free(*tab);
	*tab = calloc(ncap, sizeof(**tab));
	if (!*tab)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	*cap = ncap;
	for (size_t i = 0; i < n; i++) {
		size_t h = mix(key(i)) & (ncap - 1);

		while ((*tab)[h])
			h = (h + 1) & (ncap - 1);
		(*tab)[h] = (uint32_t)(i + 1);
	}
}

static uint64_t ns_key(size_t i)
{
	return db.v[i].ino;
}

static uint64_t proc_key(size_t i)
{
	return (uint64_t)db.procs[i].pid;
}

struct nsent *ns_find(uint64_t ino)
{
	if (!db.hcap)
		return NULL;
	for (size_t h = mix(ino) & (db.hcap - 1); db.hash[h]; h = (h + 1) & (db.hcap - 1))
		if (db.v[db.hash[h] - 1].ino == ino)
			return &db.v[db.hash[h] - 1];
	return NULL;
}

/* The entry for a namespace, made on first sight. Pointers die at the next call. */
static struct nsent *ns_get(uint64_t ino, enum nsu_nstype type)
{
	struct nsent *e = ns_find(ino);

	if (e)
		return e;
	if (db.n == db.cap) {
		db.cap = db.cap ? db.cap * 2 : 256;
		db.v = nsu_xrealloc(db.v, db.cap * sizeof(*db.v));
	}
	e = &db.v[db.n++];
	memset(e, 0, sizeof(*e));
	e->ino = ino;
	e->type = type;
	e->netnsid = -1;
	if (db.n * 2 > db.hcap) {
		rehash(&db.hash, &db.hcap, db.n, ns_key);
	} else {
		size_t h = mix(ino) & (db.hcap - 1);

		while (db.hash[h])
			h = (h + 1) & (db.hcap - 1);
		db.hash[h] = (uint32_t)db.n;
	}
	return e;
}

struct proc *proc_find(pid_t pid)
{
	if (!db.phcap)
		return NULL;
	for (size_t h = mix((uint64_t)pid) & (db.phcap - 1); db.phash[h]; h = (h + 1) & (db.phcap - 1))
		if (db.procs[db.phash[h] - 1].pid == pid)
			return &db.procs[db.phash[h] - 1];
	return NULL;
}

void build_proc_hash(void)
{
	rehash(&db.phash, &db.phcap, db.nprocs, proc_key);
}

/*
 * Relations and NSID of a namespace we hold an fd for. Owners and parents
 * found on the way enter the table too: a user namespace no process sits in
 * is kept alive by what it owns.
 */
static void ns_seen_fd(size_t idx, int fd)
{
	if (db.needs->nsid && db.v[idx].type == NSU_NS_NET && !db.v[idx].nsid_done && db.nl) {
		int nsid;

		db.v[idx].nsid_done = true;
		if (nsu_nl_get_nsid(db.nl, fd, &nsid) == 0)
			db.v[idx].netnsid = nsid;
	}
	if (!db.needs->relations || db.v[idx].rel_done)
		return;
	db.v[idx].rel_done = true;
	for (int k = 0; k < 2; k++) {
		unsigned long req = k == 0 ? NS_GET_USERNS : NS_GET_PARENT;
		_cleanup_close_ int rfd = -1;
		enum nsu_nstype t;
		uint64_t ino;
		struct nsent *r;

		if (req == NS_GET_PARENT && db.v[idx].type != NSU_NS_PID && db.v[idx].type != NSU_NS_USER)
			continue;
		rfd = nsu_ns_fd_related(fd, req);
		if (rfd == -ENOTTY) {
			db.rel_notsup = true;
			return;
		}
		/* -EPERM: the owner or parent lies outside our user namespace. */
		if (rfd < 0 || nsu_ns_fd_info(rfd, &t, &ino) < 0)
			continue;
		if (k == 0)
			db.v[idx].ons = ino;
		else
			db.v[idx].pns = ino;
		r = ns_get(ino, t);
		if (!r->holders && !db.no_new)
			r->holders = H_RELATIVE;
		ns_seen_fd((size_t)(r - db.v), rfd);
	}
}

static void ns_seen_path(size_t idx, int dirfd, const char *path)
{
	_cleanup_close_ int fd = -1;

	if ((!db.needs->relations || db.v[idx].rel_done) &&
	    (!db.needs->nsid || db.v[idx].type != NSU_NS_NET || db.v[idx].nsid_done))
		return;
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd >= 0)
		ns_seen_fd(idx, fd);
}

/* /proc/PID/SUB as a directory stream, or NULL. */
static DIR *proc_opendir(pid_t pid, const char *sub)
{
	char path[32];

	snprintf(path, sizeof(path), "%d/%s", (int)pid, sub);
	return nsu_opendir_at(db.procfd, path);
}

static void scan_threads(struct proc *pr)
{
	char path[64];
	_cleanup_closedir_ DIR *d = proc_opendir(pr->pid, "task");
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		_cleanup_close_ int nsfd = -1;
		char *end;
		long tid = strtol(de->d_name, &end, 10);

		if (*end || tid <= 0 || tid == pr->pid)
			continue;
		snprintf(path, sizeof(path), "%ld/ns", tid);
		nsfd = openat(dirfd(d), path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (nsfd < 0)
			continue;
		for (int t = 0; t < NSU_NS_COUNT; t++) {
			const struct nsu_nsinfo *info = nsu_ns_get(t);
			enum nsu_nstype type;
			uint64_t ino;
			struct nsent *e;

			if (nsu_ns_readlink(nsfd, info->proc, &type, &ino) < 0 || ino == pr->ns[t])
				continue;
			e = ns_get(ino, type);
			e->holders |= H_THREAD;
			strv_addf(&e->items, "thread %d/%ld", (int)pr->pid, tid);
			if (!e->path && asprintf(&e->path, "/proc/%d/task/%ld/ns/%s", (int)pr->pid, tid, info->proc) < 0)
				e->path = NULL;
		}
	}
}

/* One process: its eight namespaces, the *_for_children ones, its threads'. */
bool scan_proc(pid_t pid, struct proc *pr)
{
	char path[32];
	_cleanup_close_ int nsfd = -1;
	struct stat st;
	bool any = false;

	snprintf(path, sizeof(path), "%d/ns", (int)pid);
	nsfd = openat(db.procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (nsfd < 0)
		return false; /* gone, or not ours to see */
	memset(pr, 0, sizeof(*pr));
	pr->pid = pid;
	for (int t = 0; t < NSU_NS_COUNT; t++) {
		enum nsu_nstype type;
		uint64_t ino;
		struct nsent *e;
		int r = nsu_ns_readlink(nsfd, nsu_ns_get(t)->proc, &type, &ino);

		/* EACCES: not ours to inspect (PID 1 here): skip it quietly. */
		if (r == -EACCES || r == -EPERM)
			return false;
		if (r < 0)
			continue; /* a kind this kernel lacks, or the process just exited */
		pr->ns[t] = ino;
		e = ns_get(ino, type);
		e->holders |= H_PROC;
		e->nprocs++;
		if (!e->pid || pid < e->pid)
			e->pid = pid;
		any = true;
	}
	for (int t = 0; t < NSU_NS_COUNT; t++) {
		const struct nsu_nsinfo *info = nsu_ns_get(t);
		enum nsu_nstype type;
		uint64_t ino;
		struct nsent *e;

		if (!info->children || nsu_ns_readlink(nsfd, info->children, &type, &ino) < 0 || ino == pr->ns[t])
			continue;
		e = ns_get(ino, type);
		e->holders |= H_CHILDREN;
		strv_addf(&e->items, "children of %d", (int)pid);
		if (!e->path && asprintf(&e->path, "/proc/%d/ns/%s", (int)pid, info->children) < 0)
			e->path = NULL;
	}
	/* A task directory links once per thread plus "." and "..". */
	snprintf(path, sizeof(path), "%d/task", (int)pid);
	if (fstatat(db.procfd, path, &st, 0) == 0 && st.st_nlink > 3)
		scan_threads(pr);
	return any;
}

void add_proc(const struct proc *pr)
{
	if (db.nprocs == db.pcap) {
		db.pcap = db.pcap ? db.pcap * 2 : 1024;
		db.procs = nsu_xrealloc(db.procs, db.pcap * sizeof(*db.procs));
	}
	db.procs[db.nprocs++] = *pr;
}

void scan_all(void)
{
	_cleanup_closedir_ DIR *d = NULL;
	_cleanup_close_ int fd = dup(db.procfd);
	pid_t pid;

	if (fd < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot open /proc");
	d = fdopendir(fd);
	if (!d)
		nsu_err(NSU_EXIT_FAILURE, "cannot open /proc");
	fd = -1;
	while ((pid = nsu_proc_next_pid(d))) {
		struct proc pr;

		if (scan_proc(pid, &pr))
			add_proc(&pr);
	}
}

/* The nsfs mounts of one mount table: @self tells whether it is ours. */
static void scan_mounttab(pid_t pid, bool self, uint64_t mntns)
{
	struct libmnt_table *tb;
	struct libmnt_iter *it;
	struct libmnt_fs *fs;
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/mountinfo", (int)pid);
	tb = mnt_new_table_from_file(self ? "/proc/self/mountinfo" : path);
	if (!tb)
		return;
	it = mnt_new_iter(MNT_ITER_FORWARD);
	if (!it) {
		mnt_unref_table(tb);
		return;
	}
	while (mnt_table_next_fs(tb, it, &fs) == 0) {
		const char *fstype = mnt_fs_get_fstype(fs), *root = mnt_fs_get_root(fs);
		const char *target = mnt_fs_get_target(fs);
		enum nsu_nstype type;
		uint64_t ino;
		struct nsent *e;

		if (!fstype || strcmp(fstype, "nsfs") != 0 || !root || !target)
			continue;
		/* The root of an nsfs mount names the namespace: "net:[4026532177]". */
		if (nsu_ns_parse_link(root[0] == '/' ? root + 1 : root, &type, &ino) < 0)
			continue;
		e = ns_get(ino, type);
		e->holders |= H_MOUNT;
		if (self) {
			strv_add(&e->nsfs, nsu_xstrdup(target));
			if (!e->path)
				e->path = nsu_xstrdup(target);
		} else {
			strv_addf(&e->items, "mount %s in mnt:[%" PRIu64 "]", target, mntns);
			if (!e->path && asprintf(&e->path, "/proc/%d/root%s", (int)pid, target) < 0)
				e->path = NULL;
		}
	}
	mnt_free_iter(it);
	mnt_unref_table(tb);
}

void scan_mounts(void)
{
	enum nsu_nstype t;
	size_t n = db.n;

	if (nsu_ns_readlink(AT_FDCWD, "/proc/self/ns/mnt", &t, &db.self.ino) < 0)
		db.self.ino = 0;
	scan_mounttab(0, true, db.self.ino);
	/* Every other mount namespace a process sits in has a table of its own. */
	for (size_t i = 0; i < n; i++)
		if (db.v[i].type == NSU_NS_MNT && db.v[i].pid && db.v[i].ino != db.self.ino)
			scan_mounttab(db.v[i].pid, false, db.v[i].ino);
}

/* A socket's network namespace, through a copy of the descriptor (SIOCGSKNS). */
static void scan_socket(int pidfd, const struct proc *pr, int fdnum)
{
	_cleanup_close_ int sfd = -1, nfd = -1;
	enum nsu_nstype type;
	uint64_t ino;
	struct nsent *e;

	sfd = pidfd_getfd(pidfd, fdnum, 0);
	if (sfd < 0)
		return;
	nfd = ioctl(sfd, SIOCGSKNS);
	if (nfd < 0 || nsu_ns_fd_info(nfd, &type, &ino) < 0)
		return;
	e = ns_get(ino, type);
	e->holders |= H_SOCKET;
	/* A socket in its process's own namespace tells nothing new. */
	if (ino != pr->ns[NSU_NS_NET]) {
		strv_addf(&e->items, "socket %d:%d", (int)pr->pid, fdnum);
		ns_seen_fd((size_t)(e - db.v), nfd);
	}
}

/*
 * An fd opened through a bind mount reads back as that path, or as "/" once
 * the mount is gone: only its device tells it is a namespace.
 */
static int fd_nsfs_info(int dirfd, const char *name, const char *link, dev_t nsfs_dev, enum nsu_nstype *type,
			uint64_t *ino)
{
	_cleanup_close_ int fd = -1;
	struct stat st;

	if (link[0] != '/' || fstatat(dirfd, name, &st, 0) < 0 || st.st_dev != nsfs_dev)
		return -EINVAL;
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	return nsu_ns_fd_info(fd, type, ino);
}

void scan_fds(void)
{
	pid_t self = getpid();
	struct stat st;
	dev_t nsfs_dev = 0;

	if (stat("/proc/self/ns/net", &st) == 0)
		nsfs_dev = st.st_dev;

	for (size_t i = 0; i < db.nprocs; i++) {
		const struct proc *pr = &db.procs[i];
		_cleanup_close_ int pidfd = -1;
		_cleanup_closedir_ DIR *d = NULL;
		struct dirent *de;

		if (pr->pid == self)
			continue;
		d = proc_opendir(pr->pid, "fd");
		if (!d)
			continue;
		while ((de = readdir(d))) {
			char link[64];
			enum nsu_nstype type;
			uint64_t ino;
			ssize_t n;
			char *end;
			long fdnum = strtol(de->d_name, &end, 10);
			struct nsent *e;

			if (*end || fdnum < 0 || fdnum > INT_MAX)
				continue;
			n = readlinkat(dirfd(d), de->d_name, link, sizeof(link) - 1);
			if (n < 0)
				continue;
			link[n] = '\0';
			if (strncmp(link, "socket:[", 8) == 0) {
				if (pidfd < 0)
					pidfd = nsu_pidfd_open(pr->pid);
				if (pidfd >= 0)
					scan_socket(pidfd, pr, (int)fdnum);
				continue;
			}
			if (nsu_ns_parse_link(link, &type, &ino) < 0 &&
			    fd_nsfs_info(dirfd(d), de->d_name, link, nsfs_dev, &type, &ino) < 0)
				continue;
			e = ns_get(ino, type);
			e->holders |= H_FD;
			strv_addf(&e->items, "fd %d:%ld", (int)pr->pid, fdnum);
			if (!e->path && asprintf(&e->path, "/proc/%d/fd/%ld", (int)pr->pid, fdnum) < 0)
				e->path = NULL;
		}
	}
}

/* Relations and NSIDs of every entry not resolved on the way. */
void resolve_all(void)
{
	if (db.needs->nsid) {
		db.nl = nsu_nl_open();
		if (!db.nl)
			nsu_warn("cannot open a netlink socket; NETNSID stays empty");
	}
	/* The table grows while we walk it: relatives are appended. */
	for (size_t i = 0; i < db.n; i++) {
		char path[64];

		if (!db.v[i].holders)
			continue;
		if (db.v[i].pid) {
			snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)db.v[i].pid, nsu_ns_get(db.v[i].type)->proc);
			ns_seen_path(i, AT_FDCWD, path);
		}
		if (db.v[i].path)
			ns_seen_path(i, AT_FDCWD, db.v[i].path);
	}
	if (db.nl) {
		mnl_socket_close(db.nl);
		db.nl = NULL;
	}
	for (size_t i = 0; i < db.n; i++) {
		struct nsent *o = db.v[i].ons ? ns_find(db.v[i].ons) : NULL;
		struct nsent *p = db.v[i].pns ? ns_find(db.v[i].pns) : NULL;

		if (o && o != &db.v[i])
			o->nowned++;
		if (p && p != &db.v[i])
			p->nchildren++;
	}
}


/* Keep only the namespaces process @pid is in (and its *_for_children ones). */
void keep_task(pid_t pid, const struct proc *pr)
{
	char path[32];
	_cleanup_close_ int nsfd = -1;

	snprintf(path, sizeof(path), "%d/ns", (int)pid);
	nsfd = openat(db.procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (size_t i = 0; i < db.n; i++) {
		struct nsent *e = &db.v[i];
		bool keep = pr->ns[e->type] == e->ino;
		const char *ch = nsu_ns_get(e->type)->children;
		enum nsu_nstype t;
		uint64_t ino;

		if (!keep && ch && nsfd >= 0 && nsu_ns_readlink(nsfd, ch, &t, &ino) == 0 && ino == e->ino)
			keep = true;
		if (!keep)
			e->holders = 0;
	}
}

bool task_ns(pid_t pid, struct proc *pr)
{
	char path[32];
	_cleanup_close_ int nsfd = -1;
	bool any = false;

	snprintf(path, sizeof(path), "%d/ns", (int)pid);
	nsfd = openat(db.procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (nsfd < 0)
		return false;
	memset(pr, 0, sizeof(*pr));
	pr->pid = pid;
	for (int t = 0; t < NSU_NS_COUNT; t++) {
		enum nsu_nstype type;
		uint64_t ino;

		if (nsu_ns_readlink(nsfd, nsu_ns_get(t)->proc, &type, &ino) < 0 || !ns_find(ino))
			continue;
		pr->ns[t] = ino;
		any = true;
	}
	return any;
}

const struct proc *task_proc(pid_t pid)
{
	for (size_t i = 0; i < db.nprocs; i++)
		if (db.procs[i].pid == pid)
			return &db.procs[i];
	return NULL;
}
void ns_rehash(void)
{
	rehash(&db.hash, &db.hcap, db.n, ns_key);
}
