/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nstypes.h - the eight kinds of Linux namespace, in one table.
 */
#ifndef NSU_NSTYPES_H
#define NSU_NSTYPES_H

#include <stddef.h>
#include <stdint.h>

/* Indexes into the table; also the order in which tools list kinds. */
enum nsu_nstype {
	NSU_NS_MNT = 0,
	NSU_NS_UTS,
	NSU_NS_IPC,
	NSU_NS_NET,
	NSU_NS_PID,
	NSU_NS_USER,
	NSU_NS_CGROUP,
	NSU_NS_TIME,
	NSU_NS_COUNT
};

struct nsu_nsinfo {
	enum nsu_nstype type;
	const char *name;     /* lsns's TYPE column: "mnt", "net", ... */
	const char *option;   /* the long option of unshare/nsenter: "mount", "net", ... */
	char shortopt;        /* its short option: 'm', 'n', ... */
	int flag;             /* CLONE_NEW* */
	const char *flag_name; /* "CLONE_NEWNS", for messages */
	const char *proc;     /* entry under /proc/PID/ns/ */
	const char *children; /* the *_for_children entry, or NULL */
};

/* The entry for @type (0 <= type < NSU_NS_COUNT). */
const struct nsu_nsinfo *nsu_ns_get(enum nsu_nstype type);
/* Look up by type name or option name ("mnt" and "mount" both work); NULL if unknown. */
const struct nsu_nsinfo *nsu_ns_by_name(const char *name);
/* Look up by a single CLONE_NEW* flag; NULL if unknown. */
const struct nsu_nsinfo *nsu_ns_by_flag(int flag);
/* Look up by the short option of unshare/nsenter ('m', 'U', ...); NULL if none. */
const struct nsu_nsinfo *nsu_ns_by_shortopt(int c);

/*
 * Parse the text of a namespace link or of an nsfs mount root, "net:[4026531833]",
 * into its kind and inode. Returns 0 or -EINVAL.
 */
int nsu_ns_parse_link(const char *s, enum nsu_nstype *type, uint64_t *ino);
/*
 * Kind and inode of the namespace behind the nsfs file descriptor @fd
 * (NS_GET_NSTYPE, Linux 4.11). Returns 0, -EINVAL if @fd is not a namespace,
 * or -errno.
 */
int nsu_ns_fd_info(int fd, enum nsu_nstype *type, uint64_t *ino);
/*
 * A new O_CLOEXEC fd for a namespace related to @fd: @req is NS_GET_USERNS
 * (the owning user namespace) or NS_GET_PARENT (of a pid or user namespace),
 * see ioctl_ns(2). Returns the fd or -errno (-EPERM past the caller's own
 * user namespace, -EINVAL for a kind without parent, -ENOTTY before 4.9).
 */
int nsu_ns_fd_related(int fd, unsigned long req);
/*
 * readlinkat() of a namespace link (@name relative to @dirfd, e.g. "net" in a
 * /proc/PID/ns fd) into its kind and inode. Returns 0, -EINVAL, or -errno.
 */
int nsu_ns_readlink(int dirfd, const char *name, enum nsu_nstype *type, uint64_t *ino);
/* Where named network namespaces are bound, as iproute2 has it (/var/run is /run). */
#define NSU_NETNS_DIR "/var/run/netns"

/* 1 if @path is on nsfs (a namespace file or its bind mount), 0 if not, -errno. */
int nsu_is_nsfs(const char *path);
/* The same for an open file: 1, 0, or -errno. */
int nsu_fd_is_nsfs(int fd);

/*
 * The eight namespace options of unshare and nsenter, each with an optional
 * "=FILE", for a getopt_long() table (needs <getopt.h>); the short option is
 * the value returned, see nsu_ns_by_shortopt(). One entry a line: the docs
 * test reads option names from here.
 */
#define NSU_NS_LONGOPTIONS \
	{"mount", optional_argument, NULL, 'm'}, \
	{"uts", optional_argument, NULL, 'u'}, \
	{"ipc", optional_argument, NULL, 'i'}, \
	{"net", optional_argument, NULL, 'n'}, \
	{"pid", optional_argument, NULL, 'p'}, \
	{"user", optional_argument, NULL, 'U'}, \
	{"cgroup", optional_argument, NULL, 'C'}, \
	{"time", optional_argument, NULL, 'T'}

#endif /* NSU_NSTYPES_H */
