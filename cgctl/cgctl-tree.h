/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgctl-tree.h - the groups below a group (cgctl-tree.c): one hierarchy's
 * paths, and the tree of several hierarchies joined (list, top).
 */
#ifndef CGCTL_TREE_H
#define CGCTL_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cgctl-group.h"

/* Append the groups below @group in @h to *v (pre-order: parents first). */
void collect_tree(const struct nsu_cg_hier *h, const char *group, char ***v, size_t *n);
/* The same, @depth levels at most (-1: all). */
void collect_tree_depth(const struct nsu_cg_hier *h, const char *group, long depth, char ***v, size_t *n);

/* Free the @n paths of @v and @v. */
void free_paths(char **v, size_t n);

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

#endif /* CGCTL_TREE_H */
