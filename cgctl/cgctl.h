/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgctl.h - the command layer of cgctl: the context every command gets, the
 * command line they share (cgctl-args.c), and the commands themselves, one
 * file per family: cgctl-shape.c (create, delete, attach, set), cgctl-show.c
 * (get, list, stat, which, controllers), cgctl-exec.c, cgctl-freeze.c
 * (freeze, thaw, kill), cgctl-monitor.c, cgctl-top.c. Below them: the steps
 * that change a group (cgctl-make.h), the walk of the tree (cgctl-tree.h),
 * the group value (cgctl-group.h), its figures (cgctl-figures.h), device
 * rules (cgctl-devices.h), tables and JSON (cgctl-table.h, cgctl-json.h).
 * No file calls up into the layer above it.
 */
#ifndef CGCTL_H
#define CGCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdnoreturn.h>
#include <sys/types.h>

#include "cgroupfs.h"
#include "jsonw.h"
#include "output.h"

/* What every cgctl command is given (verbs.h): the hierarchies and the global options. */
struct nsu_tool {
	struct nsu_cg cg;
	struct nsu_output_opts out;
	const char *root; /* --root */
};

/* Apply global option @o (getopt_long's code) to @c: whether it is one (-J, -r, --root). */
bool global_option(struct nsu_tool *c, int o);
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

/* The commands (argv[0] is the command's name). */
int cmd_create(struct nsu_tool *c, int argc, char **argv);
int cmd_delete(struct nsu_tool *c, int argc, char **argv);
int cmd_attach(struct nsu_tool *c, int argc, char **argv);
int cmd_set(struct nsu_tool *c, int argc, char **argv);
int cmd_get(struct nsu_tool *c, int argc, char **argv);
int cmd_list(struct nsu_tool *c, int argc, char **argv);
int cmd_stat(struct nsu_tool *c, int argc, char **argv);
int cmd_which(struct nsu_tool *c, int argc, char **argv);
int cmd_controllers(struct nsu_tool *c, int argc, char **argv);
int cmd_exec(struct nsu_tool *c, int argc, char **argv);
int cmd_freeze(struct nsu_tool *c, int argc, char **argv);
int cmd_thaw(struct nsu_tool *c, int argc, char **argv);
int cmd_kill(struct nsu_tool *c, int argc, char **argv);
int cmd_monitor(struct nsu_tool *c, int argc, char **argv);
int cmd_top(struct nsu_tool *c, int argc, char **argv);

#endif /* CGCTL_H */
