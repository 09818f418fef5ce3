/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgctl-make.h - the steps that change a group (cgctl-make.c): settings
 * checked before anything is written, directories made, v2 controllers
 * enabled, settings written, processes collected, signalled and frozen
 * groups emptied, groups removed; each change recorded in an undo list the
 * command owns. They say what went wrong and return -errno; only the
 * commands exit.
 */
#ifndef CGCTL_MAKE_H
#define CGCTL_MAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "cgctl.h"
#include "cgctl-group.h"

/* How long freeze, kill and delete --kill wait for the kernel. */
#define SETTLE_MS 10000

/* One setting of the command line, validated for the hierarchy it goes to. */
struct setting {
	const char *key, *value; /* key malloc'ed */
	char *alias_value;       /* the value a systemd name's was turned into (malloc'ed), or NULL */
	struct nsu_cg_hier *h;
	struct nsu_cg_wr wr[NSU_CG_WR_MAX];
	size_t nwr;
};

/* What a command changed, in order, to be put back when a later step fails. */
struct undo_step;
struct undo {
	struct undo_step *v;
	size_t n;
};
/* Put everything back, newest first, and empty the list. */
void undo_rollback(struct undo *u);
/* Keep the changes and empty the list. */
void undo_forget(struct undo *u);
/* Whether @u made the directory of @path in @h. */
bool undo_made(const struct undo *u, const struct nsu_cg_hier *h, const char *path);
/*
 * Put back only what was written on directories that @u did not make (exec
 * --rm after its program: its own directories go with their settings), newest
 * first, and empty the list.
 */
void undo_rollback_kept(struct undo *u);

/* The hierarchy that serves @key ("cgroup.*": v2, or the first v1); exits 1 if none. */
struct nsu_cg_hier *hier_for_key(const struct nsu_tool *c, const char *key);
/*
 * Exit 1 unless @key can be a setting in @h (the group's directory at @gfd,
 * or -1): "unknown key" with the nearest one as a hint, or which layout lacks
 * a v2-only key.
 */
void check_key_or_err(const struct nsu_tool *c, const struct nsu_cg_hier *h, int gfd, const char *key);
/*
 * Parse and validate KEY=VALUE (or a systemd name: MemoryMax=1G) for the
 * hierarchy serving its controller; exits 1 on error.
 */
void setting_or_err(const struct nsu_tool *c, const char *arg, struct setting *s);

/*
 * The hierarchies a new group goes into: those of @ctl (a comma list; NULL:
 * every one), those of the settings, and v2. 0 or -EINVAL (said).
 */
int group_targets(const struct nsu_tool *c, const char *ctl, const struct setting *s, size_t ns, struct nsu_cg_hier **t,
		  size_t *nt);
/*
 * Make the missing directories of @group in @h (the parents too with
 * @parents; else a missing parent is an error), each recorded in @u; a
 * directory another process made meanwhile counts as there. With @mark each
 * one made is marked as made by exec --rm. 0 or -errno (said).
 */
int make_dirs(struct nsu_cg_hier *h, const char *group, bool parents, bool mark, struct undo *u);
/* Whether @group in @h carries the mark of exec --rm. */
bool group_marked(const struct nsu_cg_hier *h, const char *group);
struct cg_group;
/*
 * Whether the last exec --rm out of @g may remove some of its directories
 * and leave its anchor's: the anchor's unmarked, another one marked. (It
 * removes marked ones only, the anchor's last and in the same step: a marked
 * anchor there means nothing of the group was removed.)
 */
bool group_partly_removable(const struct cg_group *g);
/* Whether @group in @h was made by a create or exec that has not finished (or was killed). */
/* A create of @group was cut short (its cgctl is gone) / is still under way. */
bool group_unfinished(const struct nsu_cg_hier *h, const char *group);
bool group_being_created(const struct nsu_cg_hier *h, const char *group);
/* The directories of @u, and @group in each of @t, are finished: their creating marks go. */
void finish_made(struct nsu_cg_hier **t, size_t nt, const char *group, const struct undo *u);
/*
 * v2: enable in every ancestor the controllers of @ctl and of the settings.
 * With @mark (exec --rm), each ancestor keeps a note of what was enabled in
 * it, for take_back_enabled(). 0 or -errno (said).
 */
int enable_for(const struct nsu_tool *c, const char *group, const char *ctl, const struct setting *s, size_t ns,
	       bool mark, struct undo *u);
/*
 * v2: disable again in @anc what exec --rm enabled there (enable_for() with
 * @mark), once no group is left below it. Said on failure.
 */
void take_back_enabled(const struct nsu_cg_hier *h, const char *anc);
/* Remove the directory of @path in @h (an empty group). 0 or -errno. */
int rmdir_group(const struct nsu_cg_hier *h, const char *path);
/* Whether @group in @h has processes or child groups (or cannot be read). */
bool group_in_use(const struct nsu_cg_hier *h, const char *group);
/*
 * cpuset.cpus and cpuset.mems within what the parent (its nearest existing
 * ancestor) has, before anything is written. 0 or -EINVAL (said).
 */
int check_cpusets(const char *group, const struct setting *s, size_t ns);
/* Write the settings, each old value recorded in @u. 0 or -errno (said). */
int apply_settings(const char *group, const struct setting *s, size_t ns, struct undo *u);
/* Hand the group to @uid:@gid (cgroup-v2.rst, delegation). 0 or -errno (said). */
int chown_group(struct nsu_cg_hier *h, const char *group, uid_t uid, gid_t gid);
/* USER[:GROUP]; exits 1 on a bad one. */
void parse_owner_or_err(const char *arg, uid_t *uid, gid_t *gid);
/* v1 cpuset: fill an empty cpuset.cpus/mems of the group at @fd from its parent's. 0 or -errno. */
int fill_cpuset(int parentfd, int fd);

/* Every PID of @group (with @recursive: and below) in every hierarchy, each once (free p->v). */
void group_pids(const struct nsu_tool *c, const char *group, bool recursive, struct pids *p);
/* The same in the @nh hierarchies @hs that hold it. */
void group_pids_in(struct nsu_cg_hier **hs, size_t nh, const char *group, bool recursive, struct pids *p);
struct cg_group;
/* 0 if the group @g (found) exists and (unless @recursive) has no child groups: what delete checks before killing. Said. */
int check_tree_removable(const struct cg_group *g, bool recursive);
/* 0 if @g can be deleted now: as above, and no processes. Said. */
int check_removable(const struct nsu_tool *c, const struct cg_group *g, bool recursive);
/* Remove @g (and with @recursive its subtree) from every hierarchy where it was found. 0 or -errno (said). */
int remove_group(const struct cg_group *g, bool recursive);
/*
 * Move @pid back into the groups it was in, in @hs[0..n-1], as @cgfile (its
 * /proc/PID/cgroup from before) names them; say where it stays in @group.
 */
void move_back(struct nsu_cg_hier **hs, size_t n, const char *cgfile, const char *pid, const char *group);
/*
 * Signal every process of @group and below, in every hierarchy, and with
 * @wait_empty wait until none is left. 0 or -errno (said): -EPERM when a
 * process could not be signalled, -ESRCH when some are out of reach (in
 * another PID namespace).
 */
int kill_group(const struct nsu_tool *c, const char *group, int sig, bool wait_empty);

#endif /* CGCTL_MAKE_H */
