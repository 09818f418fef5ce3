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
#include <pthread.h>
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
		/*
		 * ENOTTY from a namespace file: a kernel without the ioctl. From
		 * another file: the mount or descriptor went away between the scan
		 * and the open (another program's, at any moment), nothing to ask.
		 */
		if (rfd == -ENOTTY) {
			if (nsu_fd_is_nsfs(fd) == 1)
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

static void scan_threads(struct proc *pr)
{
	char path[64];
	struct nsu_procdir d;
	const char *name;

	if (nsu_procdir_open(&d, db.procfd, nsu_pid_path(path, pr->pid, "task")) < 0)
		return;
	while ((name = nsu_procdir_next(&d))) {
		_cleanup_close_ int nsfd = -1;
		char *end;
		long tid = strtol(name, &end, 10);

		if (*end || end == name || tid <= 0 || tid == pr->pid)
			continue;
		nsfd = openat(d.fd, nsu_pid_path(path, (pid_t)tid, "ns"), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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
	nsu_procdir_close(&d);
}

/*
 * What the kernel says of one process, read without touching the table, so
 * that several threads can read processes side by side; applied to the table
 * afterwards, in PID order, by one thread (the output does not depend on
 * which thread read what).
 */
struct rawproc {
	pid_t pid;
	bool opened, denied, threads;
	int r[NSU_NS_COUNT], cr[NSU_NS_COUNT]; /* 0 or -errno: own and *_for_children links */
	enum nsu_nstype type[NSU_NS_COUNT], ctype[NSU_NS_COUNT];
	uint64_t ino[NSU_NS_COUNT], cino[NSU_NS_COUNT];
	struct fdfact *fds;
	size_t nfds;
	bool fds_read;
};

/* The device of nsfs, to tell a namespace among descriptors. */
static dev_t nsfs_dev(void)
{
	struct stat st;

	return stat("/proc/self/ns/net", &st) == 0 ? st.st_dev : 0;
}

/*
 * The descriptors of process @pid worth a second look: sockets and nsfs
 * files, found with one stat each (following the link, which tells a
 * namespace however it was opened: the link may read as a bind mount's path,
 * or as "/" once that mount is gone).
 */
static void read_fds(pid_t pid, dev_t nsdev, struct fdfact **fds, size_t *nfds)
{
	struct nsu_procdir d;
	const char *name;
	char path[32];
	size_t cap = 0;

	if (nsu_procdir_open(&d, db.procfd, nsu_pid_path(path, pid, "fd")) < 0)
		return;
	while ((name = nsu_procdir_next(&d))) {
		long fdnum = 0;
		const char *c;
		struct stat st;

		/* a descriptor number, by hand: this runs for every fd of every process */
		for (c = name; *c >= '0' && *c <= '9' && fdnum <= INT_MAX; c++)
			fdnum = fdnum * 10 + (*c - '0');
		if (*c || c == name || fdnum > INT_MAX || fstatat(d.fd, name, &st, 0) < 0)
			continue;
		if (!S_ISSOCK(st.st_mode) && st.st_dev != nsdev)
			continue;
		if (*nfds == cap) {
			cap = cap ? cap * 2 : 4;
			*fds = nsu_xrealloc(*fds, cap * sizeof(**fds));
		}
		(*fds)[(*nfds)++] = (struct fdfact){(int)fdnum, S_ISSOCK(st.st_mode), (uint64_t)st.st_ino};
	}
	nsu_procdir_close(&d);
}

static void read_proc(struct rawproc *rp, bool want_fds, dev_t nsdev)
{
	char path[32];
	_cleanup_close_ int nsfd = -1;
	struct stat st;

	nsfd = openat(db.procfd, nsu_pid_path(path, rp->pid, "ns"), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (nsfd < 0) {
		/* gone, or not ours to see */
		rp->denied = errno == EACCES || errno == EPERM;
		return;
	}
	rp->opened = true;
	for (int t = 0; t < NSU_NS_COUNT; t++) {
		rp->r[t] = nsu_ns_readlink(nsfd, nsu_ns_get(t)->proc, &rp->type[t], &rp->ino[t]);
		/* EACCES: not ours to inspect (PID 1 here): skipped, counted (main says so to a non-root caller) */
		if (rp->r[t] == -EACCES || rp->r[t] == -EPERM) {
			rp->denied = true;
			return;
		}
	}
	for (int t = 0; t < NSU_NS_COUNT; t++) {
		const char *children = nsu_ns_get(t)->children;

		rp->cr[t] = children ? nsu_ns_readlink(nsfd, children, &rp->ctype[t], &rp->cino[t]) : -ENOENT;
	}
	/* A task directory links once per thread plus "." and "..". */
	rp->threads = fstatat(db.procfd, nsu_pid_path(path, rp->pid, "task"), &st, 0) == 0 && st.st_nlink > 3;
	if (want_fds && rp->pid != getpid()) {
		read_fds(rp->pid, nsdev, &rp->fds, &rp->nfds);
		rp->fds_read = true;
	}
}

/* One process read: its eight namespaces, the *_for_children ones, its threads'. */
static bool apply_proc(const struct rawproc *rp, struct proc *pr)
{
	bool any = false;

	if (!rp->opened || rp->denied)
		return false;
	memset(pr, 0, sizeof(*pr));
	pr->pid = rp->pid;
	for (int t = 0; t < NSU_NS_COUNT; t++) {
		struct nsent *e;

		if (rp->r[t] < 0)
			continue; /* a kind this kernel lacks, or the process just exited */
		pr->ns[t] = rp->ino[t];
		e = ns_get(rp->ino[t], rp->type[t]);
		e->holders |= H_PROC;
		e->nprocs++;
		if (!e->pid || rp->pid < e->pid)
			e->pid = rp->pid;
		any = true;
	}
	for (int t = 0; t < NSU_NS_COUNT; t++) {
		struct nsent *e;

		if (rp->cr[t] < 0 || rp->cino[t] == pr->ns[t])
			continue;
		e = ns_get(rp->cino[t], rp->ctype[t]);
		e->holders |= H_CHILDREN;
		strv_addf(&e->items, "children of %d", (int)rp->pid);
		if (!e->path && asprintf(&e->path, "/proc/%d/ns/%s", (int)rp->pid, nsu_ns_get(t)->children) < 0)
			e->path = NULL;
	}
	if (rp->threads)
		scan_threads(pr);
	pr->fds = rp->fds;
	pr->nfds = rp->nfds;
	pr->fds_read = rp->fds_read;
	return any;
}

bool scan_proc(pid_t pid, struct proc *pr)
{
	struct rawproc rp = {.pid = pid};

	read_proc(&rp, false, 0);
	return apply_proc(&rp, pr);
}

void add_proc(const struct proc *pr)
{
	if (db.nprocs == db.pcap) {
		db.pcap = db.pcap ? db.pcap * 2 : 1024;
		db.procs = nsu_xrealloc(db.procs, db.pcap * sizeof(*db.procs));
	}
	db.procs[db.nprocs++] = *pr;
}

struct walk {
	struct rawproc *v;
	size_t n, next;
	bool fds;
	dev_t nsdev;
};

static void *walk_worker(void *arg)
{
	struct walk *w = arg;
	size_t i;

	while ((i = __atomic_fetch_add(&w->next, 1, __ATOMIC_RELAXED)) < w->n)
		read_proc(&w->v[i], w->fds, w->nsdev);
	return NULL;
}

/*
 * Every process, read by as many threads as there are CPUs (at most 8; the
 * reading is all system calls, which run side by side), then applied in PID
 * order. With descriptors wanted, they are read in the same visit.
 */
void scan_all(void)
{
	_cleanup_closedir_ DIR *d = NULL;
	_cleanup_close_ int fd = dup(db.procfd);
	struct walk w = {.fds = db.needs->fds, .nsdev = nsfs_dev()};
	pthread_t tids[7];
	size_t cap = 0, nthreads = 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	pid_t pid;

	if (fd < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot open /proc");
	d = fdopendir(fd);
	if (!d)
		nsu_err(NSU_EXIT_FAILURE, "cannot open /proc");
	fd = -1;
	while ((pid = nsu_proc_next_pid(d))) {
		if (w.n == cap) {
			cap = cap ? cap * 2 : 1024;
			w.v = nsu_xrealloc(w.v, cap * sizeof(*w.v));
		}
		w.v[w.n++] = (struct rawproc){.pid = pid};
	}
	/* threads only where they pay for their start */
	if (w.n >= 256)
		for (long k = 1; k < ncpu && k < 8; k++)
			if (pthread_create(&tids[nthreads], NULL, walk_worker, &w) == 0)
				nthreads++;
	walk_worker(&w);
	for (size_t k = 0; k < nthreads; k++)
		pthread_join(tids[k], NULL);
	for (size_t i = 0; i < w.n; i++) {
		struct proc pr;

		db.ndenied += w.v[i].denied;
		if (apply_proc(&w.v[i], &pr))
			add_proc(&pr);
		else
			free(w.v[i].fds);
	}
	free(w.v);
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
 * The namespace behind descriptor @fdnum of process @pid, an nsfs file with
 * inode @ino: known by inode when a process sits in it, else asked of a copy
 * opened here.
 */
static struct nsent *fd_ns(pid_t pid, int fdnum, uint64_t ino)
{
	_cleanup_close_ int fd = -1;
	enum nsu_nstype type;
	char path[64];
	struct nsent *e = ns_find(ino);

	if (e)
		return e;
	snprintf(path, sizeof(path), "%d/fd/%d", (int)pid, fdnum);
	fd = openat(db.procfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 || nsu_ns_fd_info(fd, &type, &ino) < 0)
		return NULL;
	return ns_get(ino, type);
}

/*
 * The namespaces of every open descriptor of every process walked (read by
 * the walk, or here when the walk did not), and of every socket's network
 * namespace, asked of a copy (SIOCGSKNS).
 */
void scan_fds(void)
{
	dev_t nsdev = nsfs_dev();
	pid_t self = getpid();

	for (size_t i = 0; i < db.nprocs; i++) {
		struct proc *pr = &db.procs[i];
		_cleanup_close_ int pidfd = -1;

		if (!pr->fds_read && pr->pid != self)
			read_fds(pr->pid, nsdev, &pr->fds, &pr->nfds);
		for (size_t k = 0; k < pr->nfds; k++) {
			const struct fdfact *f = &pr->fds[k];
			struct nsent *e;

			if (f->sock) {
				if (pidfd < 0)
					pidfd = nsu_pidfd_open(pr->pid);
				if (pidfd >= 0)
					scan_socket(pidfd, pr, f->fd);
				continue;
			}
			e = fd_ns(pr->pid, f->fd, f->ino);
			if (!e)
				continue;
			e->holders |= H_FD;
			strv_addf(&e->items, "fd %d:%d", (int)pr->pid, f->fd);
			if (!e->path && asprintf(&e->path, "/proc/%d/fd/%d", (int)pr->pid, f->fd) < 0)
				e->path = NULL;
		}
		free(pr->fds);
		pr->fds = NULL;
		pr->nfds = 0;
	}
}

void nsid_open(void)
{
	db.nl = nsu_nl_open();
	if (!db.nl)
		nsu_warn("cannot open a netlink socket; NETNSID stays empty");
}

/* Relations and NSIDs of every entry not resolved on the way. */
void resolve_all(void)
{
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
