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
#include "output.h"

struct ctx {
	struct nsu_cg cg;
	struct nsu_output_opts out;
	const char *root; /* --root */
};

/* One setting of the command line, validated for the hierarchy it goes to. */
struct setting {
	const char *key, *value;
	struct nsu_cg_hier *h;
	struct nsu_cg_wr wr[2];
	size_t nwr;
};

/* "unified" for v2, else the controllers of a v1 hierarchy. */
const char *hier_label(const struct nsu_cg_hier *h);
/* Exit 1 explaining why @group could not be opened in @h. */
noreturn void bad_group(const char *group, const struct nsu_cg_hier *h, int r);
/* The hierarchy that serves @key ("cgroup.*": v2, or the first v1); exits 1 if none. */
struct nsu_cg_hier *hier_for_key(const struct ctx *c, const char *key);
/* The parent of a normalised group path ("" for a top-level group), malloc'ed. */
char *parent_of(const char *group);
/* Append the groups below @group in @h to *v (pre-order: parents first). */
void collect_tree(const struct nsu_cg_hier *h, const char *group, char ***v, size_t *n);

/* A group's path normalised, or exit 1 saying why. */
char *group_or_err(const char *arg);
/* The hierarchies the group exists in (at most cg.n), their count; exits 1 if none. */
size_t group_hiers_or_err(const struct ctx *c, const char *group, struct nsu_cg_hier **hs);
/* The hierarchy whose process lists the group's processes are read from. */
struct nsu_cg_hier *process_hier(const struct ctx *c, const char *group);

/* Parse and validate KEY=VALUE for the hierarchy serving its controller; exits 1 on error. */
void setting_or_err(const struct ctx *c, const char *group, const char *arg, struct setting *s);
/*
 * Make @group (with -p its missing parents) in every hierarchy @ctl asks for
 * (a comma list; NULL: all), enable on v2 the controllers @ctl and the
 * settings need, apply the settings, and chown with @owner. On failure,
 * undo all of it and exit 1. @exist_ok: an existing group is fine.
 */
void create_group(const struct ctx *c, const char *group, const char *ctl, struct setting *s, size_t ns,
		  bool parents, bool exist_ok, const char *owner);
/* Remove @group (and with @recursive its subtree) from every hierarchy. 0 or -errno (said). */
int remove_group(const struct ctx *c, const char *group, bool recursive);
/* Count the processes of @group and its subtree in @h. */
size_t count_procs(const struct nsu_cg_hier *h, const char *group, bool recursive);
/* Call @fn for each PID in @group and its subtree in @h. */
void for_each_proc(const struct nsu_cg_hier *h, const char *group, void (*fn)(pid_t pid, void *data),
		   void *data);

/* A table of the columns @ci (all @n of them, in order; JSON key @name); exits 1 if it cannot. */
struct libscols_table *table_or_err(const struct ctx *c, const char *name, const struct nsu_colinfo *ci, size_t n,
				    int tree_col);
/* A row of @n cells (NULL: empty) under @parent; exits 1 if out of memory. */
struct libscols_line *row(struct libscols_table *tb, struct libscols_line *parent, size_t n, ...);

int cmd_exec(struct ctx *c, int argc, char **argv);
int cmd_stat(struct ctx *c, int argc, char **argv);
int cmd_freeze(struct ctx *c, int argc, char **argv);
int cmd_thaw(struct ctx *c, int argc, char **argv);
int cmd_kill(struct ctx *c, int argc, char **argv);
int cmd_monitor(struct ctx *c, int argc, char **argv);
/* Kill everything in @group and below, and wait until it is empty. 0 or -errno (said). */
int kill_group(const struct ctx *c, const char *group, int sig, bool wait_empty);

#endif /* CGCTL_H */
