/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nslist.h - what nslist's parts share: the namespace table the scan fills
 * (nslist-scan.c), and the filter expressions of -Q (nslist-filter.c).
 */
#ifndef NSLIST_H
#define NSLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <libmnl/libmnl.h>

#include "errors.h"
#include "nstypes.h"

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

/* A descriptor of a process that one stat found worth a second look. */
struct fdfact {
	int fd;
	bool sock;    /* a socket; else an nsfs file */
	uint64_t ino; /* the nsfs file's inode */
};

struct proc {
	pid_t pid;
	uint64_t ns[NSU_NS_COUNT];
	struct fdfact *fds; /* its sockets and nsfs descriptors, until scan_fds */
	size_t nfds;
	bool fds_read;      /* the walk read them */
};

enum { NSL_NCOLS_MAX = 16 };

/* What the columns, the filter and the tree need; settled before scanning. */
struct needs {
	bool col[NSL_NCOLS_MAX];
	bool scan;       /* walk every process */
	bool mounts;     /* read the nsfs bind mounts */
	bool fds;        /* scan open descriptors and sockets */
	bool relations;  /* NS_GET_USERNS / NS_GET_PARENT */
	bool nsid;       /* RTM_GETNSID */
	bool procs_hash; /* look processes up by PID */
};

/* Every namespace seen (v, hashed by inode) and every process walked (procs, by PID). */
struct nsl_db {
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
	size_t ndenied; /* processes whose namespaces we may not read */
};
extern struct nsl_db db;

void strv_add(struct strv *sv, char *s);
void strv_addf(struct strv *sv, const char *fmt, ...) NSU_PRINTF(2, 3);

/* The entry of a namespace, or NULL. Pointers die when the table grows. */
struct nsent *ns_find(uint64_t ino);
/* Rebuild the inode hash (after sorting db.v). */
void ns_rehash(void);
struct proc *proc_find(pid_t pid);
void build_proc_hash(void);
/* One process: its namespaces, *_for_children ones and its threads'. False if unreadable. */
bool scan_proc(pid_t pid, struct proc *pr);
void add_proc(const struct proc *pr);
/* Every process in /proc. */
void scan_all(void);
/* The nsfs mounts of our mount table and of every other mount namespace seen. */
void scan_mounts(void);
/* Open descriptors and sockets of every process walked. */
void scan_fds(void);
/* The netlink socket NETNSID is asked through, open until resolve_all() ends (warns if it cannot be opened). */
void nsid_open(void);
/* PNS/ONS (bringing in relatives) and NETNSID, as db.needs asks. */
void resolve_all(void);
/* Keep only the namespaces of process @pid (and its *_for_children ones). */
void keep_task(pid_t pid, const struct proc *pr);
const struct proc *task_proc(pid_t pid);
/*
 * The namespaces of task @pid (a thread id too: /proc shows it, unlisted)
 * that the scan found, without counting it as a process. false if none.
 */
bool task_ns(pid_t pid, struct proc *pr);

struct nsl_filter;

/* Column index for a name (case-insensitive), or -1. */
typedef int (*nsl_colfunc)(const char *name, size_t len);
/*
 * The text of column @col for the row @row; NULL when the cell is empty. A
 * short text may go into @buf; one the function allocates is also stored in
 * *@owned (left NULL otherwise), which the caller frees when done with it.
 */
typedef const char *(*nsl_cellfunc)(int col, void *row, char *buf, size_t size, char **owned);

/* How deep an expression may nest (parentheses, not, and/or chains). */
#define NSL_FILTER_MAX_DEPTH 200

/*
 * Parse a filter expression in the syntax of scols-filter(5): column names,
 * "strings", numbers, == != < <= > >= =~ !~ (and eq ne lt le gt ge),
 * and/&&, or/||, not/!, parentheses, nested at most NSL_FILTER_MAX_DEPTH
 * deep (neither parsing nor matching recurses deeper). On error returns NULL
 * and a malloc'ed message in *err.
 */
struct nsl_filter *nsl_filter_parse(const char *expr, nsl_colfunc colfunc, char **err);
/* Mark in @used[] every column the expression reads. */
void nsl_filter_columns(const struct nsl_filter *f, bool *used, size_t ncols);
/* Whether @row matches; @numeric[col] says which columns compare as numbers. */
bool nsl_filter_match(const struct nsl_filter *f, nsl_cellfunc cell, void *row, const bool *numeric);
void nsl_filter_free(struct nsl_filter *f);

#endif /* NSLIST_H */
