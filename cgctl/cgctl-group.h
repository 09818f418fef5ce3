/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgctl-group.h - a group as one value: its path, checked once, and for every
 * hierarchy cgctl considers, whether its directory is there and what this
 * command knows of it (existed, made by this command). No descriptor is kept
 * (a command works under a small ulimit -n); the steps of cgctl-make.c still
 * open each directory by its path.
 */
#ifndef CGCTL_GROUP_H
#define CGCTL_GROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "cgctl.h"

/* The group's directory in one hierarchy. */
struct cg_place {
	struct nsu_cg_hier *h;
	bool here;    /* the directory exists (found, or made by this command) */
	bool existed; /* it was there when this command first found the group */
	bool made;    /* this command made it */
	ino_t ino;    /* its inode when last found: the same path may be a new directory later */
};

struct cg_group {
	char *path;         /* normalised: "" is the root */
	struct cg_place *p; /* one per hierarchy cgctl considers, in the layout's order */
	size_t n;
	/*
	 * The place whose directory carries exec's locks (v2's, else the first
	 * hierarchy's): exec makes a group there first and removes it there
	 * last, so a lock on it guards the group in every hierarchy.
	 */
	size_t anchor;
};

/* Whether cgctl manages groups in @h (not a named v1 hierarchy such as name=systemd). */
bool hier_considered(const struct nsu_cg_hier *h);
/* The hierarchy of the anchor: v2's, else the first one cgctl considers. */
struct nsu_cg_hier *anchor_hier(const struct nsu_tool *c);

/*
 * Find @path (normalised) in every hierarchy: @g's places, each marked here
 * and existed where the directory is. 0, or -errno (said: a symlink or file
 * on the way, no permission). @g is to be freed with group_free() either way.
 */
int group_find(const struct nsu_tool *c, const char *path, struct cg_group *g);
/* Look again where the group is now (after waiting for a lock); what existed stays as first found. 0 or -errno (said). */
int group_refind(struct cg_group *g);
void group_free(struct cg_group *g);
/* How many places hold the group now. */
size_t group_here(const struct cg_group *g);
/*
 * The hierarchies that hold the group now, into @hs (room for g->n), the
 * anchor's first: a move of processes goes through the hierarchy that can
 * refuse it (v2's common-ancestor rule) before any other. Their count.
 */
size_t group_hiers_of(const struct cg_group *g, struct nsu_cg_hier **hs);
/* Whether the group is in every hierarchy cgctl considers. */
bool group_whole(const struct cg_group *g);

/* Whether @fd is the directory @p was found as (not one made again at its path since). */
bool same_dir(int fd, const struct cg_place *p);

/* flock(2) @fd with @op (waiting through signals): @fd, or -errno with @fd closed (a negative @fd passes through). */
int flock_or_close(int fd, int op);
/* Open @group in @h and flock(2) it with @op: the fd, or -errno. */
int lock_group(const struct nsu_cg_hier *h, const char *group, int op);
/*
 * The same for the group there when the lock is had: a lock won on a
 * directory removed meanwhile (and perhaps made again) guards nothing, so it
 * is taken again on the one there now. The fd, or -errno (-ENOENT: none).
 */
int lock_live_group(const struct nsu_cg_hier *h, const char *group, int op);
/*
 * Several cgctl making or deleting groups at once: one at a time does it,
 * under this exclusive lock on the root of the anchor's hierarchy, and the
 * others find the group whole or gone. An fd to close, or -errno.
 */
int lock_creates(const struct nsu_tool *c);

/* The PIDs of a group, each once, from every hierarchy it is in. */
struct pids {
	pid_t *v;
	size_t n;
	size_t unreachable; /* listed as 0: outside our PID namespace */
};

/* "unified" for v2, else the controllers of a v1 hierarchy. */
const char *hier_label(const struct nsu_cg_hier *h);
/* A group for messages: "/" for the root. */
const char *group_label(const char *group);
/* Say why @group could not be opened in @h. */
void say_bad_group(const char *group, const struct nsu_cg_hier *h, int r);
/* The parent of a normalised group path ("" for a top-level group), malloc'ed. */
char *parent_of(const char *group);
/* A group's path normalised (no control characters, no . or ..), or exit 1 saying why. */
char *group_or_err(const char *arg);
/* The hierarchies @group exists in, into @hs (room for cg.n), their count in *n. 0 or -errno (said). */
int group_hiers(const struct nsu_tool *c, const char *group, struct nsu_cg_hier **hs, size_t *n);
/* The same, saying "GROUP: no such group" and returning -ENOENT when it is in none. */
int group_hiers_said(const struct nsu_tool *c, const char *group, struct nsu_cg_hier **hs, size_t *n);
/* The same, exiting 1 with "GROUP: no such group" when it is in none. */
size_t group_hiers_or_err(const struct nsu_tool *c, const char *group, struct nsu_cg_hier **hs);
/* The hierarchy a group's processes are moved through: v2, else its first; exits 1 if no such group. */
struct nsu_cg_hier *process_hier(const struct nsu_tool *c, const char *group);
/* The hierarchy of controller @ctl if @group is in it, else NULL. */
struct nsu_cg_hier *hier_in_group(const struct nsu_tool *c, const char *group, const char *ctl);

#endif /* CGCTL_GROUP_H */
