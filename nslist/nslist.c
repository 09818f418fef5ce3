// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nslist - list namespaces: a drop-in for util-linux lsns(8) that also sees
 * namespaces no process sits in (held by a thread, a *_for_children link, an
 * nsfs bind mount in any mount namespace, an open descriptor or a socket).
 *
 * Speed: one readlinkat(2) per namespace link of each process on a
 * /proc/PID/ns directory fd (the link text, "net:[4026531833]", carries kind
 * and inode, and costs less than a stat(2) that resolves the link); every
 * namespace and process is found through a hash, so the work grows linearly
 * with the number of processes; ioctls, netlink and descriptor scans run once
 * per namespace and only when a column, a tree or a holder kind needs them.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
#include "output.h"
#include "procfs.h"
#include "strutils.h"

enum {
	COL_NS,
	COL_TYPE,
	COL_PATH,
	COL_NPROCS,
	COL_PID,
	COL_PPID,
	COL_COMMAND,
	COL_UID,
	COL_USER,
	COL_NETNSID,
	COL_NSFS,
	COL_PNS,
	COL_ONS,
	COL_NAME,
	COL_HOLDERS,
	NCOLS
};

static const struct nsu_colinfo infos[NCOLS] = {
	[COL_NS] = {"NS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "namespace identifier (inode number)"},
	[COL_TYPE] = {"TYPE", 5, 0, SCOLS_JSON_STRING, "kind of namespace"},
	[COL_PATH] = {"PATH", 0, 0, SCOLS_JSON_STRING, "path to the namespace"},
	[COL_NPROCS] = {"NPROCS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "number of processes in the namespace"},
	[COL_PID] = {"PID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "lowest PID in the namespace"},
	[COL_PPID] = {"PPID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "PPID of the PID"},
	[COL_COMMAND] = {"COMMAND", 0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, "command line of the PID"},
	[COL_UID] = {"UID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "UID of the PID"},
	[COL_USER] = {"USER", 0, 0, SCOLS_JSON_STRING, "username of the PID"},
	[COL_NETNSID] = {"NETNSID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING,
			 "namespace ID as used by network subsystem"},
	[COL_NSFS] = {"NSFS", 0, NSU_COL_MULTILINE, SCOLS_JSON_STRING,
		      "nsfs mountpoint (usually used network subsystem)"},
	[COL_PNS] = {"PNS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "parent namespace identifier (inode number)"},
	[COL_ONS] = {"ONS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "owner namespace identifier (inode number)"},
	[COL_NAME] = {"NAME", 0, NSU_COL_MULTILINE, SCOLS_JSON_STRING,
		      "name(s) of a network namespace in /var/run/netns"},
	[COL_HOLDERS] = {"HOLDERS", 0, NSU_COL_MULTILINE, SCOLS_JSON_STRING,
			 "what keeps the namespace alive"},
};

/* What holds a namespace: HOLDERS names them in this order. */
enum {
	H_PROC = 1 << 0,     /* a process sits in it */
	H_THREAD = 1 << 1,   /* a thread whose namespace differs from its process's */
	H_CHILDREN = 1 << 2, /* pid_for_children / time_for_children */
	H_MOUNT = 1 << 3,    /* an nsfs bind mount */
	H_FD = 1 << 4,       /* an open file descriptor */
	H_SOCKET = 1 << 5,   /* a socket created in it */
	H_RELATIVE = 1 << 6, /* only seen as the parent or owner of another */
};

enum tree_mode { TREE_NONE, TREE_OWNER, TREE_PARENT, TREE_PROCESS };

struct strv {
	char **v;
	size_t n;
};

struct nsent {
	uint64_t ino;
	enum nsu_nstype type;
	unsigned int holders;
	unsigned int nprocs;
	pid_t pid;           /* lowest PID of a process in it; 0 if none */
	char *path;          /* how to open it when no process is in it */
	struct strv nsfs;    /* its bind mounts in our mount namespace */
	struct strv items;   /* holders beyond processes, as HOLDERS shows them */
	uint64_t pns, ons;
	bool rel_done, nsid_done, wanted;
	int netnsid;
	unsigned int nowned, nchildren;
	size_t tree_parent;  /* index + 1 of its parent in the tree; 0: a root */
	struct libscols_line *line;
};

struct proc {
	pid_t pid;
	uint64_t ns[NSU_NS_COUNT];
};

struct opts {
	bool types[NSU_NS_COUNT], any_type;
	pid_t task;
	uint64_t nsarg;
	bool have_nsarg;
	bool persistent, list, list_columns, fds;
	enum tree_mode tree;
	int cols[NCOLS * 4];
	size_t ncols;
	const char *output;
	bool output_all;
	const char *filter_expr;
	struct nsl_filter *filter;
	struct nsu_output_opts out;
};

/* What the columns, the filter and the tree need; settled before scanning. */
struct needs {
	bool col[NCOLS];
	bool scan;       /* walk every process */
	bool mounts;     /* read the nsfs bind mounts */
	bool fds;        /* scan open descriptors and sockets */
	bool relations;  /* NS_GET_USERNS / NS_GET_PARENT */
	bool nsid;       /* RTM_GETNSID */
	bool procs_hash; /* look processes up by PID */
};

static struct {
	struct nsent *v;
	size_t n, cap;
	uint32_t *hash; /* index + 1, open addressing on the inode */
	size_t hcap;
	struct proc *procs;
	size_t nprocs, pcap;
	uint32_t *phash; /* index + 1, open addressing on the PID */
	size_t phcap;
	int procfd;
	const struct needs *needs;
	struct mnt_ns_self {
		uint64_t ino;
	} self;
	struct mnl_socket *nl;
	bool rel_notsup;
	bool no_new; /* -p: relatives found later are not listed */
} db = {.procfd = -1};

static void *xrealloc(void *p, size_t n)
{
	void *r = realloc(p, n ? n : 1);

	if (!r)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	return r;
}

static char *xstrdup(const char *s)
{
	char *r = strdup(s);

	if (!r)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	return r;
}

static void strv_add(struct strv *sv, char *s)
{
	sv->v = xrealloc(sv->v, (sv->n + 1) * sizeof(*sv->v));
	sv->v[sv->n++] = s;
}

static void strv_addf(struct strv *sv, const char *fmt, ...) NSU_PRINTF(2, 3);
static void strv_addf(struct strv *sv, const char *fmt, ...)
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

static struct nsent *ns_find(uint64_t ino)
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
		db.v = xrealloc(db.v, db.cap * sizeof(*db.v));
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

static struct proc *proc_find(pid_t pid)
{
	if (!db.phcap)
		return NULL;
	for (size_t h = mix((uint64_t)pid) & (db.phcap - 1); db.phash[h]; h = (h + 1) & (db.phcap - 1))
		if (db.procs[db.phash[h] - 1].pid == pid)
			return &db.procs[db.phash[h] - 1];
	return NULL;
}

static void build_proc_hash(void)
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

/* readlinkat() of a namespace link; 0 and kind/inode, or -errno. */
static int read_nslink(int dirfd, const char *name, enum nsu_nstype *type, uint64_t *ino)
{
	char buf[64];
	ssize_t n = readlinkat(dirfd, name, buf, sizeof(buf) - 1);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return nsu_ns_parse_link(buf, type, ino);
}

/* /proc/PID/SUB as a directory stream, or NULL. */
static DIR *proc_opendir(pid_t pid, const char *sub)
{
	char path[32];
	_cleanup_close_ int fd = -1;
	DIR *d;

	snprintf(path, sizeof(path), "%d/%s", (int)pid, sub);
	fd = openat(db.procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (d)
		fd = -1; /* owned by d now */
	return d;
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

			if (read_nslink(nsfd, info->proc, &type, &ino) < 0 || ino == pr->ns[t])
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
static bool scan_proc(pid_t pid, struct proc *pr)
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
		int r = read_nslink(nsfd, nsu_ns_get(t)->proc, &type, &ino);

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

		if (!info->children || read_nslink(nsfd, info->children, &type, &ino) < 0 || ino == pr->ns[t])
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

static void add_proc(const struct proc *pr)
{
	if (db.nprocs == db.pcap) {
		db.pcap = db.pcap ? db.pcap * 2 : 1024;
		db.procs = xrealloc(db.procs, db.pcap * sizeof(*db.procs));
	}
	db.procs[db.nprocs++] = *pr;
}

static void scan_all(void)
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
			strv_add(&e->nsfs, xstrdup(target));
			if (!e->path)
				e->path = xstrdup(target);
		} else {
			strv_addf(&e->items, "mount %s in mnt:[%" PRIu64 "]", target, mntns);
			if (!e->path && asprintf(&e->path, "/proc/%d/root%s", (int)pid, target) < 0)
				e->path = NULL;
		}
	}
	mnt_free_iter(it);
	mnt_unref_table(tb);
}

static void scan_mounts(void)
{
	enum nsu_nstype t;
	size_t n = db.n;

	if (read_nslink(AT_FDCWD, "/proc/self/ns/mnt", &t, &db.self.ino) < 0)
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

static void scan_fds(void)
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
static void resolve_all(void)
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

/* What one process tells about itself, read once per process shown. */
struct pinfo {
	pid_t pid;
	bool ok;
	pid_t ppid;
	uid_t uid;
	char *command;
};

static void pinfo_read(struct pinfo *pi, pid_t pid)
{
	_cleanup_close_ int fd = -1;
	struct nsu_procstat st;
	struct stat sb;
	char *buf = NULL;
	size_t len = 0;

	if (pi->pid == pid && pid)
		return;
	free(pi->command);
	memset(pi, 0, sizeof(*pi));
	pi->pid = pid;
	if (!pid)
		return;
	fd = nsu_proc_open(pid);
	if (fd < 0 || fstat(fd, &sb) < 0 || nsu_proc_read_stat(fd, &st) < 0)
		return;
	pi->ok = true;
	pi->uid = sb.st_uid;
	pi->ppid = st.ppid;
	/* cmdline with its NULs as spaces; kernel threads have none: their comm. */
	if (nsu_read_file_at(fd, "cmdline", &buf, &len) == 0 && len > 0) {
		while (len > 0 && buf[len - 1] == '\0')
			len--;
		for (size_t i = 0; i < len; i++)
			if (buf[i] == '\0')
				buf[i] = ' ';
		buf[len] = '\0';
		pi->command = buf;
	} else {
		free(buf);
		pi->command = xstrdup(st.comm);
	}
}

static const char *user_name(uid_t uid)
{
	static uid_t cached = (uid_t)-1;
	static char name[64];
	struct passwd *pw;

	if (uid == cached)
		return name;
	pw = getpwuid(uid);
	if (pw)
		snprintf(name, sizeof(name), "%s", pw->pw_name);
	else
		snprintf(name, sizeof(name), "%u", (unsigned int)uid);
	cached = uid;
	return name;
}

/* The row being printed or filtered: a namespace, and in NS-argument mode one of its processes. */
struct row {
	struct nsent *e;
	pid_t pid;
	struct pinfo *pi;
	const struct opts *o;
	char *joined; /* scratch for multi-line cells, freed by the caller */
};

static char *join(const struct strv *sv, const char *sep)
{
	size_t len = 1;
	char *s, *p;

	if (!sv->n)
		return NULL;
	for (size_t i = 0; i < sv->n; i++)
		len += strlen(sv->v[i]) + strlen(sep);
	s = p = xrealloc(NULL, len);
	for (size_t i = 0; i < sv->n; i++)
		p += sprintf(p, "%s%s", i ? sep : "", sv->v[i]);
	return s;
}

static char *holders_text(const struct nsent *e, const char *sep)
{
	struct strv sv = {NULL, 0};
	char *s;

	if (e->nprocs)
		strv_addf(&sv, "%u process%s", e->nprocs, e->nprocs == 1 ? "" : "es");
	for (size_t i = 0; i < e->nsfs.n; i++)
		strv_addf(&sv, "mount %s", e->nsfs.v[i]);
	for (size_t i = 0; i < e->items.n; i++)
		strv_add(&sv, xstrdup(e->items.v[i]));
	if (e->nowned)
		strv_addf(&sv, "owner of %u", e->nowned);
	if (e->nchildren)
		strv_addf(&sv, "parent of %u", e->nchildren);
	s = join(&sv, sep);
	for (size_t i = 0; i < sv.n; i++)
		free(sv.v[i]);
	free(sv.v);
	return s;
}

/* Names under /var/run/netns (= /run/netns) among the bind mounts. */
static char *netns_names(const struct nsent *e, const char *sep)
{
	struct strv sv = {NULL, 0};
	char *s;

	for (size_t i = 0; i < e->nsfs.n; i++) {
		const char *p = e->nsfs.v[i];

		if (strncmp(p, "/run/netns/", 11) == 0)
			strv_add(&sv, (char *)p + 11);
		else if (strncmp(p, "/var/run/netns/", 15) == 0)
			strv_add(&sv, (char *)p + 15);
	}
	s = join(&sv, sep);
	free(sv.v);
	return s;
}

/* The text of one cell; NULL for an empty one. @buf holds short answers. */
static const char *cell_text(int col, void *data, char *buf, size_t size)
{
	struct row *r = data;
	const struct nsent *e = r->e;
	const char *sep = nsu_output_multiline_sep(&r->o->out);
	pid_t pid = r->pid;

	switch (col) {
	case COL_NS:
		snprintf(buf, size, "%" PRIu64, e->ino);
		return buf;
	case COL_TYPE:
		return nsu_ns_get(e->type)->name;
	case COL_PATH:
		if (pid) {
			snprintf(buf, size, "/proc/%d/ns/%s", (int)pid, nsu_ns_get(e->type)->proc);
			return buf;
		}
		return e->path;
	case COL_NPROCS:
		snprintf(buf, size, "%u", e->nprocs);
		return buf;
	case COL_PID:
		if (!pid)
			return NULL;
		snprintf(buf, size, "%d", (int)pid);
		return buf;
	case COL_PPID:
	case COL_COMMAND:
	case COL_UID:
	case COL_USER:
		if (!pid)
			return NULL;
		pinfo_read(r->pi, pid);
		if (!r->pi->ok)
			return NULL;
		if (col == COL_COMMAND)
			return r->pi->command;
		if (col == COL_USER)
			return user_name(r->pi->uid);
		snprintf(buf, size, "%u", col == COL_PPID ? (unsigned int)r->pi->ppid : (unsigned int)r->pi->uid);
		return buf;
	case COL_NETNSID:
		if (e->type != NSU_NS_NET || !e->nsid_done)
			return NULL;
		if (e->netnsid < 0)
			return "unassigned";
		snprintf(buf, size, "%d", e->netnsid);
		return buf;
	case COL_NSFS:
		free(r->joined);
		r->joined = join(&e->nsfs, sep);
		return r->joined;
	case COL_PNS:
	case COL_ONS:
		snprintf(buf, size, "%" PRIu64, col == COL_PNS ? e->pns : e->ons);
		return buf;
	case COL_NAME:
		free(r->joined);
		r->joined = e->type == NSU_NS_NET ? netns_names(e, sep) : NULL;
		return r->joined;
	case COL_HOLDERS:
		free(r->joined);
		r->joined = holders_text(e, sep);
		return r->joined;
	}
	return NULL;
}

static int column_index(const char *name, size_t len)
{
	for (int i = 0; i < NCOLS; i++)
		if (strlen(infos[i].name) == len && strncasecmp(infos[i].name, name, len) == 0)
			return i;
	return -1;
}

static bool row_matches(struct row *r)
{
	static bool numeric[NCOLS];
	bool ok;

	if (!r->o->filter)
		return true;
	for (int i = 0; i < NCOLS; i++)
		numeric[i] = infos[i].json_type == SCOLS_JSON_NUMBER;
	ok = nsl_filter_match(r->o->filter, cell_text, r, numeric);
	free(r->joined);
	r->joined = NULL;
	return ok;
}

static void fill_line(struct libscols_line *ln, struct row *r)
{
	const struct opts *o = r->o;

	for (size_t i = 0; i < o->ncols; i++) {
		char buf[64];
		const char *s = cell_text(o->cols[i], r, buf, sizeof(buf));

		if (s && scols_line_set_data(ln, i, s) < 0)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
		free(r->joined);
		r->joined = NULL;
	}
}

static int cmp_ino(const void *a, const void *b)
{
	const struct nsent *x = a, *y = b;

	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* The namespace of the same kind that the parent process of e's first process is in. */
static uint64_t process_parent(const struct nsent *e, struct pinfo *pi)
{
	const struct proc *pp;

	if (!e->pid)
		return 0;
	pinfo_read(pi, e->pid);
	pp = pi->ok && pi->ppid ? proc_find(pi->ppid) : NULL;
	return pp ? pp->ns[e->type] : 0;
}

static struct libscols_line *tree_line(struct libscols_table *tb, size_t idx, struct pinfo *pi, struct row *r,
				       int depth)
{
	struct nsent *e = &db.v[idx];
	struct libscols_line *parent = NULL;

	if (e->line)
		return e->line;
	if (e->tree_parent && depth < 64)
		parent = tree_line(tb, e->tree_parent - 1, pi, r, depth + 1);
	e = &db.v[idx];
	e->line = scols_table_new_line(tb, parent);
	if (!e->line)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	r->e = e;
	r->pid = e->pid;
	fill_line(e->line, r);
	return e->line;
}

static void print_table(struct libscols_table *tb)
{
	if (scols_print_table(tb) < 0)
		nsu_errx(NSU_EXIT_FAILURE, "cannot print the table");
	scols_unref_table(tb);
}

static void show_namespaces(const struct opts *o)
{
	struct libscols_table *tb;
	struct pinfo pi = {0};
	struct row r = {.pi = &pi, .o = o};
	int tree_col = -1;

	qsort(db.v, db.n, sizeof(*db.v), cmp_ino);
	rehash(&db.hash, &db.hcap, db.n, ns_key);
	for (size_t i = 0; i < db.n; i++) {
		struct nsent *e = &db.v[i];

		r.e = e;
		r.pid = e->pid;
		e->wanted = e->holders && (!o->any_type || o->types[e->type]) && (!o->persistent || e->nprocs == 0) &&
			    row_matches(&r);
	}
	for (size_t i = 0; o->tree != TREE_NONE && i < o->ncols; i++)
		if (o->cols[i] == (o->tree == TREE_PROCESS ? COL_COMMAND : COL_NS))
			tree_col = (int)i;
	if (tree_col >= 0) {
		for (size_t i = 0; i < db.n; i++) {
			struct nsent *e = &db.v[i], *p = NULL;
			uint64_t up = o->tree == TREE_OWNER    ? e->ons
				      : o->tree == TREE_PARENT ? e->pns
							       : process_parent(e, &pi);

			if (up && up != e->ino)
				p = ns_find(up);
			e->tree_parent = p && p->wanted ? (size_t)(p - db.v) + 1 : 0;
		}
	}
	tb = nsu_output_table(&o->out, infos, o->cols, o->ncols, tree_col);
	if (!tb)
		nsu_err(NSU_EXIT_FAILURE, "cannot create the table");
	for (size_t i = 0; i < db.n; i++) {
		if (!db.v[i].wanted)
			continue;
		if (tree_col >= 0) {
			tree_line(tb, i, &pi, &r, 0);
		} else {
			struct libscols_line *ln = scols_table_new_line(tb, NULL);

			if (!ln)
				nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
			r.e = &db.v[i];
			r.pid = db.v[i].pid;
			fill_line(ln, &r);
		}
	}
	free(pi.command);
	print_table(tb);
}

/* "nslist NS": the processes in one namespace, as lsns shows them. */
static void show_processes(const struct opts *o, struct nsent *e)
{
	struct libscols_table *tb;
	struct libscols_line **lines;
	struct pinfo pi = {0};
	struct row r = {.e = e, .pi = &pi, .o = o};
	int tree_col = -1;

	lines = calloc(db.nprocs ? db.nprocs : 1, sizeof(*lines));
	if (!lines)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	if (!o->list)
		for (size_t i = 0; i < o->ncols; i++)
			if (o->cols[i] == COL_COMMAND)
				tree_col = (int)i;
	tb = nsu_output_table(&o->out, infos, o->cols, o->ncols, tree_col);
	if (!tb)
		nsu_err(NSU_EXIT_FAILURE, "cannot create the table");
	for (size_t i = 0; i < db.nprocs; i++) {
		const struct proc *pr = &db.procs[i];
		struct libscols_line *parent = NULL;

		if (pr->ns[e->type] != e->ino)
			continue;
		r.pid = pr->pid;
		if (!row_matches(&r))
			continue;
		if (tree_col >= 0) {
			const struct proc *pp;

			pinfo_read(&pi, pr->pid);
			pp = pi.ok ? proc_find(pi.ppid) : NULL;
			/* /proc lists parents before children unless PIDs wrapped. */
			if (pp && pp->ns[e->type] == e->ino)
				parent = lines[pp - db.procs];
		}
		lines[i] = scols_table_new_line(tb, parent);
		if (!lines[i])
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
		fill_line(lines[i], &r);
	}
	free(pi.command);
	free(lines);
	print_table(tb);
}

static const struct option longopts[] = {
	{"json", no_argument, NULL, 'J'},
	{"list", no_argument, NULL, 'l'},
	{"noheadings", no_argument, NULL, 'n'},
	{"output", required_argument, NULL, 'o'},
	{"output-all", no_argument, NULL, CHAR_MAX + 1},
	{"persistent", no_argument, NULL, 'P'},
	{"task", required_argument, NULL, 'p'},
	{"raw", no_argument, NULL, 'r'},
	{"notruncate", no_argument, NULL, 'u'},
	{"nowrap", no_argument, NULL, 'W'},
	{"type", required_argument, NULL, 't'},
	{"tree", optional_argument, NULL, 'T'},
	{"filter", required_argument, NULL, 'Q'},
	{"holders", no_argument, NULL, 'f'},
	{"list-columns", no_argument, NULL, 'H'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

noreturn static void usage(void)
{
	fputs("\nUsage:\n"
	      " nslist [options] [<namespace>]\n"
	      "\nList system namespaces.\n"
	      "\nOptions:\n"
	      " -J, --json             use JSON output format\n"
	      " -l, --list             use list format output\n"
	      " -n, --noheadings       don't print headings\n"
	      " -o, --output <list>    define which output columns to use\n"
	      "     --output-all       output all columns\n"
	      " -P, --persistent       namespaces without processes\n"
	      " -p, --task <pid>       print process namespaces\n"
	      " -r, --raw              use the raw output format\n"
	      " -u, --notruncate       don't truncate text in columns\n"
	      " -W, --nowrap           don't use multi-line representation\n"
	      " -t, --type <name>      namespace type (mnt, net, ipc, user, pid, uts, cgroup, time)\n"
	      " -T, --tree[=<rel>]     use tree format (parent, owner, or process)\n"
	      " -Q, --filter <expr>    apply display filter\n"
	      " -f, --holders          also find namespaces held only by open descriptors or sockets\n"
	      " -H, --list-columns     list the available columns\n"
	      "\n"
	      " -h, --help             display this help\n"
	      " -V, --version          display version\n"
	      "\nAvailable output columns:\n",
	      stdout);
	for (size_t i = 0; i < NCOLS; i++)
		printf(" %11s  %s\n", infos[i].name, infos[i].help);
	fputs("\nFor more details see nslist(8).\n", stdout);
	exit(EXIT_SUCCESS);
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	const struct nsu_nsinfo *ns;
	int c;

	argv[0] = program_invocation_short_name;
	while ((c = getopt_long(argc, argv, "JlnHo:Pp:ruWt:T::Q:fhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'J':
			o->out.json = true;
			break;
		case 'l':
			o->list = true;
			break;
		case 'n':
			o->out.noheadings = true;
			break;
		case 'o':
			o->output = optarg;
			break;
		case CHAR_MAX + 1:
			o->output_all = true;
			break;
		case 'P':
			o->persistent = true;
			break;
		case 'p':
			o->task = nsu_pid_or_err(optarg, "PID");
			break;
		case 'r':
			o->out.raw = true;
			break;
		case 'u':
			o->out.notruncate = true;
			break;
		case 'W':
			o->out.nowrap = true;
			break;
		case 't':
			ns = nsu_ns_by_name(optarg);
			if (!ns)
				nsu_usage_error("unknown namespace type: %s", optarg);
			o->types[ns->type] = true;
			o->any_type = true;
			break;
		case 'T':
			if (!optarg || strcmp(optarg, "owner") == 0)
				o->tree = TREE_OWNER;
			else if (strcmp(optarg, "parent") == 0)
				o->tree = TREE_PARENT;
			else if (strcmp(optarg, "process") == 0)
				o->tree = TREE_PROCESS;
			else
				nsu_usage_error("unknown tree type: %s", optarg);
			break;
		case 'Q':
			o->filter_expr = optarg;
			break;
		case 'f':
			o->fds = true;
			break;
		case 'H':
			o->list_columns = true;
			break;
		case 'h':
			usage();
		case 'V':
			nsu_print_version();
		default:
			nsu_bad_usage();
		}
	}
	if (optind < argc) {
		o->nsarg = nsu_u64_or_err(argv[optind++], "namespace");
		o->have_nsarg = true;
	}
	if (optind < argc)
		nsu_usage_error("unexpected argument '%s'", argv[optind]);
}

static void add_col(struct opts *o, int col)
{
	o->cols[o->ncols++] = col;
}

static void check_options(struct opts *o)
{
	char *bad = NULL;
	int r;

	if (o->list && o->tree != TREE_NONE)
		nsu_usage_error("options --list and --tree are mutually exclusive");
	/* As lsns: without --list, namespaces hang below the namespace of their first process's parent. */
	if (!o->list && o->tree == TREE_NONE)
		o->tree = TREE_PROCESS;
	if (o->task && o->have_nsarg)
		nsu_usage_error("options --task and a namespace argument are mutually exclusive");
	/* The defaults of lsns: NS TYPE NPROCS PID USER [NETNSID NSFS] COMMAND; PID PPID USER COMMAND for NS. */
	if (o->output_all) {
		for (int i = 0; i < NCOLS; i++)
			add_col(o, i);
	} else if (o->have_nsarg) {
		add_col(o, COL_PID);
		add_col(o, COL_PPID);
		add_col(o, COL_USER);
		add_col(o, COL_COMMAND);
	} else {
		add_col(o, COL_NS);
		add_col(o, COL_TYPE);
		add_col(o, COL_NPROCS);
		add_col(o, COL_PID);
		add_col(o, COL_USER);
		if (o->any_type && o->types[NSU_NS_NET] && !o->types[NSU_NS_MNT] && !o->types[NSU_NS_UTS] &&
		    !o->types[NSU_NS_IPC] && !o->types[NSU_NS_PID] && !o->types[NSU_NS_USER] &&
		    !o->types[NSU_NS_CGROUP] && !o->types[NSU_NS_TIME]) {
			add_col(o, COL_NETNSID);
			add_col(o, COL_NSFS);
		}
		add_col(o, COL_COMMAND);
	}
	if (o->output) {
		r = nsu_columns_parse(o->output, infos, NCOLS, o->cols, &o->ncols, NSU_ARRAY_SIZE(o->cols), &bad);
		if (r == -E2BIG)
			nsu_usage_error("too many columns");
		if (r < 0)
			nsu_usage_error("unknown column: %s", bad ? bad : o->output);
	}
	if (o->filter_expr) {
		char *msg = NULL;

		o->filter = nsl_filter_parse(o->filter_expr, column_index, &msg);
		if (!o->filter)
			nsu_usage_error("invalid filter '%s': %s", o->filter_expr, msg ? msg : "out of memory");
	}
	o->out.name = "namespaces";
	/* The process tree is drawn in COMMAND, the others in NS: without that column, no tree. */
	if (o->tree != TREE_NONE) {
		int tree_col = o->tree == TREE_PROCESS ? COL_COMMAND : COL_NS;
		bool shown = false;

		for (size_t i = 0; i < o->ncols; i++)
			shown |= o->cols[i] == tree_col;
		if (!shown)
			o->tree = TREE_NONE;
	}
}

static void settle_needs(const struct opts *o, struct needs *n)
{
	for (size_t i = 0; i < o->ncols; i++)
		n->col[o->cols[i]] = true;
	if (o->filter)
		nsl_filter_columns(o->filter, n->col, NCOLS);
	n->relations = n->col[COL_PNS] || n->col[COL_ONS] || n->col[COL_HOLDERS] || o->tree == TREE_OWNER ||
		       o->tree == TREE_PARENT;
	n->nsid = n->col[COL_NETNSID];
	/* A namespace asked for by inode may be one that only a descriptor holds. */
	n->fds = o->fds || o->persistent || o->have_nsarg || n->col[COL_HOLDERS];
	n->procs_hash = o->tree == TREE_PROCESS || o->have_nsarg;
	/*
	 * -p PID alone touches only that process: the walk over every process
	 * happens only for what counts processes (NPROCS, the lowest PID and what
	 * is read from it, holders, the process tree).
	 */
	n->scan = !o->task || n->col[COL_NPROCS] || n->col[COL_PID] || n->col[COL_PPID] || n->col[COL_COMMAND] ||
		  n->col[COL_UID] || n->col[COL_USER] || n->col[COL_HOLDERS] || o->tree == TREE_PROCESS;
	n->mounts = n->scan || n->col[COL_NSFS] || n->col[COL_NAME];
}


/* Keep only the namespaces process @pid is in (and its *_for_children ones). */
static void keep_task(pid_t pid, const struct proc *pr)
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

		if (!keep && ch && nsfd >= 0 && read_nslink(nsfd, ch, &t, &ino) == 0 && ino == e->ino)
			keep = true;
		if (!keep)
			e->holders = 0;
	}
}

static const struct proc *task_proc(pid_t pid)
{
	for (size_t i = 0; i < db.nprocs; i++)
		if (db.procs[i].pid == pid)
			return &db.procs[i];
	return NULL;
}

int main(int argc, char **argv)
{
	struct opts o = {0};
	struct needs needs = {0};
	const struct proc *task = NULL;

	setlocale(LC_ALL, "");
	nsu_close_stdout_at_exit();
	parse_args(&o, argc, argv);
	check_options(&o);
	if (o.list_columns) {
		struct libscols_table *tb = nsu_output_columns_table(&o.out, infos, NCOLS, "nslist-columns");

		if (!tb)
			nsu_err(NSU_EXIT_FAILURE, "cannot create the table");
		print_table(tb);
		return EXIT_SUCCESS;
	}
	settle_needs(&o, &needs);
	db.needs = &needs;
	db.procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (db.procfd < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot open /proc");
	if (o.task && kill(o.task, 0) < 0 && errno == ESRCH)
		nsu_errc(NSU_EXIT_FAILURE, ESRCH, "cannot inspect process %d", (int)o.task);
	if (needs.scan) {
		scan_all();
	} else {
		struct proc pr;

		/* -p without a full walk: the namespaces of one process, no counts. */
		if (scan_proc(o.task, &pr))
			add_proc(&pr);
	}
	if (o.task) {
		task = task_proc(o.task);
		if (!task)
			nsu_errc(NSU_EXIT_FAILURE, EACCES, "cannot read the namespaces of process %d", (int)o.task);
	}
	if (needs.procs_hash)
		build_proc_hash();
	if (needs.mounts)
		scan_mounts();
	if (needs.fds)
		scan_fds();
	if (task) {
		keep_task(o.task, task);
		db.no_new = true;
	}
	if (needs.relations || needs.nsid)
		resolve_all();
	if (db.rel_notsup)
		nsu_errx(NSU_EXIT_NOTSUP, "NS_GET_USERNS is not supported by this kernel (Linux 4.9 needed)");
	if (o.have_nsarg) {
		struct nsent *e = ns_find(o.nsarg);

		if (!e || !e->holders)
			nsu_errx(NSU_EXIT_FAILURE, "namespace %" PRIu64 " not found", o.nsarg);
		if (e->nprocs) {
			show_processes(&o, e);
			return EXIT_SUCCESS;
		}
		/* No process to list: show the namespace itself and what holds it. */
		for (size_t i = 0; i < db.n; i++)
			if (db.v[i].ino != o.nsarg)
				db.v[i].holders = 0;
		if (!o.output && !o.output_all) {
			o.ncols = 0;
			add_col(&o, COL_NS);
			add_col(&o, COL_TYPE);
			add_col(&o, COL_PATH);
			add_col(&o, COL_HOLDERS);
		}
	}
	show_namespaces(&o);
	return EXIT_SUCCESS;
}
