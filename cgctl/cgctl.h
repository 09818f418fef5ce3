/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgctl.h - what cgctl's parts share: the context every command gets, and the
 * group helpers of cgctl.c used by the running commands of cgctl-run.c.
 */
#ifndef CGCTL_H
#define CGCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdnoreturn.h>
#include <sys/types.h>

#include "cgroupfs.h"
#include "cgctl-group.h"
#include "jsonw.h"
#include "output.h"

/* What every cgctl command is given (verbs.h): the hierarchies and the global options. */
struct nsu_tool {
	struct nsu_cg cg;
	struct nsu_output_opts out;
	const char *root; /* --root */
};

/* Find the hierarchies (of --root, if given) into c->cg, or exit 1 saying why. */
void detect_or_err(struct nsu_tool *c);

struct option;
/* getopt_long's code of --root. */
#define OPT_ROOT 0x100

/*
 * The next option of a command: one of its own (@shortopts, @longopts) or a
 * global one (-J, -r unless the command has its own -r, --root), which is
 * applied to @c. Options go anywhere among the arguments ("--" ends them);
 * with @shortopts starting "+", only up to the first argument (exec: the
 * program's own options are not ours). At the end, -1 with optind at the
 * first argument.
 */
int cmd_getopt(struct nsu_tool *c, int argc, char **argv, const char *shortopts, const struct option *longopts);
/* The same for a command with no options of its own: the index of its first argument. */
int cmd_args(struct nsu_tool *c, int argc, char **argv);
/* A command with no options of its own: its options parsed, argv[1] on are then its arguments. */
#define SHIFT_TO_ARGS(c, argc, argv)                          \
	do {                                                   \
		int first_ = cmd_args((c), (argc), (argv));    \
		(argc) -= first_ - 1;                          \
		(argv) += first_ - 1;                          \
	} while (0)

/* One setting of the command line, validated for the hierarchy it goes to. */
struct setting {
	const char *key, *value; /* key malloc'ed */
	char *alias_value;       /* the value a systemd name's was turned into (malloc'ed), or NULL */
	struct nsu_cg_hier *h;
	struct nsu_cg_wr wr[2];
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
/* The hierarchy that serves @key ("cgroup.*": v2, or the first v1); exits 1 if none. */
struct nsu_cg_hier *hier_for_key(const struct nsu_tool *c, const char *key);
/* The parent of a normalised group path ("" for a top-level group), malloc'ed. */
char *parent_of(const char *group);
/* Append the groups below @group in @h to *v (pre-order: parents first). */
void collect_tree(const struct nsu_cg_hier *h, const char *group, char ***v, size_t *n);
/* The same, @depth levels at most (-1: all). */
void collect_tree_depth(const struct nsu_cg_hier *h, const char *group, long depth, char ***v, size_t *n);

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

/* A group of the union of the trees of several hierarchies (list, top). */
struct node {
	char *path;
	char hiers[256]; /* the hierarchies it is in (hier_label), blank-separated */
	uint64_t in;     /* the same as bits: the indices into the hierarchies walked (the first 64) */
	size_t parent;   /* index of the parent node, or SIZE_MAX */
	size_t first_child, next_sibling; /* its children, in path order (SIZE_MAX: none) */
	/* filled by the caller that wants them */
	bool unfinished;
	struct pids procs;
};
/* How many levels @path is below @group (a group below it). */
size_t depth_below(const char *group, const char *path);
/*
 * The union of the trees of @hs below @group, @group first (@depth levels at
 * most, -1: all), sorted by path: a parent before its children.
 */
struct node *collect_nodes(struct nsu_cg_hier **hs, size_t nh, const char *group,
			   long depth, size_t *nn);
void free_nodes(struct node *nodes, size_t nn);

/* ---- devices.allow, devices.deny, devices.list on cgroup v2 (cgctl-devices.c) ---- */
struct nsu_dev_rules;
/* The device rules of the v2 group at @gfd: those kept with it, or "allow everything". 0 or -errno. */
int devices_read_v2(int gfd, struct nsu_dev_rules *rules);
/*
 * Make @rules the group's: its device program loaded and attached in place of
 * the previous one in one step (or detached for "allow everything"), then the
 * rules kept with the group; nothing changed on failure. 0 or -errno.
 */
int devices_store_v2(int gfd, const struct nsu_dev_rules *rules);
/* Serialise changes of the rules of the group at @gfd: an fd to close to unlock, or -errno. */
int devices_lock(int gfd);

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
/* A table of the columns @ci (all @n of them, in order; JSON key @name); exits 1 if it cannot. */
struct libscols_table *table_or_err(const struct nsu_tool *c, const char *name, const struct nsu_colinfo *ci, size_t n,
				    int tree_col);
/* A row of @n cells (NULL: empty) under @parent; exits 1 if out of memory. */
struct libscols_line *row(struct libscols_table *tb, struct libscols_line *parent, size_t n, ...);

/*
 * The text of control file @file as the member @key of @j, typed: numbers,
 * "max" a string, a switch's 0/1 a boolean, words an array, lines of "KEY
 * VALUE" or "KEY K=V..." an object (memory.stat, cpu.pressure, io.max).
 */
void json_value(struct nsu_json *j, const char *key, const char *file, const char *text);

/* The number in control file @file of the group at @gfd (-1: none), or -1. */
int64_t number_in(int gfd, const char *file);
/* The value of @key in the "key value" file @file of the group at @gfd, or -1. */
int64_t keyed_in(int gfd, const char *file, const char *key);
/* A group's figures, -1 where its layout has none. */
/* Whether @group is frozen in every freezer it is in: 1, 0, or -1 when none says. */
int frozen_state(const struct nsu_tool *c, const char *group);
/* @v bytes as "1.5M" ("-" for a negative one). */
void human_size(int64_t v, char *buf, size_t size);

int cmd_exec(struct nsu_tool *c, int argc, char **argv);
int cmd_stat(struct nsu_tool *c, int argc, char **argv);
int cmd_freeze(struct nsu_tool *c, int argc, char **argv);
int cmd_thaw(struct nsu_tool *c, int argc, char **argv);
int cmd_top(struct nsu_tool *c, int argc, char **argv);
int cmd_kill(struct nsu_tool *c, int argc, char **argv);
int cmd_monitor(struct nsu_tool *c, int argc, char **argv);
/*
 * Signal every process of @group and below, in every hierarchy, and with
 * @wait_empty wait until none is left. 0 or -errno (said): -EPERM when a
 * process could not be signalled, -ESRCH when some are out of reach (in
 * another PID namespace).
 */
int kill_group(const struct nsu_tool *c, const char *group, int sig, bool wait_empty);

#endif /* CGCTL_H */
