// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-tree.c - the groups below a group: each hierarchy walked once by
 * directory fd, and the walks of several hierarchies joined into one tree.
 */
#include <dirent.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "cgctl.h"
#include "cgctl-group.h"
#include "cgctl-make.h"
#include "cgctl-tree.h"
#include "cgctl-figures.h"
#include "cgctl-table.h"
#include "cgctl-json.h"
#include "cgctl-devices.h"
#include "cleanup.h"
#include "devrules.h"
#include "errors.h"
#include "procfs.h"
#include "strutils.h"

/* ---- walking groups and their processes ---- */

/* Below the open group @fd (at @path): each child's path, then its own children. */
static void collect_at(int fd, const char *path, long depth, char ***v, size_t *n)
{
	_cleanup_closedir_ DIR *d = fdopendir(fd);
	struct dirent *de;

	if (!d) {
		close(fd);
		return;
	}
	while ((de = readdir(d))) {
		int child = -1;
		char *p;

		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		/*
		 * By directory fd: the walk never goes back through the path, nor
		 * through a link. A directory of cgroupfs links 2 + its child
		 * groups: one with 2 is a leaf, not opened.
		 */
		if (depth != 1) {
			struct stat st;

			if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode))
				continue;
			child = st.st_nlink == 2 ? -1
						 : openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (child < 0 && st.st_nlink != 2)
				continue;
		}
		if (asprintf(&p, "%s%s%s", path, *path ? "/" : "", de->d_name) < 0)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
		*v = nsu_xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[(*n)++] = p;
		/* the last level asked for: its children are not listed, so not opened */
		if (child >= 0)
			collect_at(child, p, depth < 0 ? depth : depth - 1, v, n);
	}
}

void collect_tree_depth(const struct nsu_cg_hier *h, const char *group, long depth, char ***v, size_t *n)
{
	int fd = depth != 0 ? nsu_cg_open(h, group) : -1;

	if (fd >= 0)
		collect_at(fd, group, depth, v, n);
}

void collect_tree(const struct nsu_cg_hier *h, const char *group, char ***v, size_t *n)
{
	collect_tree_depth(h, group, -1, v, n);
}

void free_paths(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

size_t depth_below(const char *group, const char *path)
{
	size_t d = *group || !*path ? 0 : 1;

	for (const char *p = path + strlen(group); *p; p++)
		d += *p == '/';
	return d;
}

/* A group's path as one hierarchy has it (collect_nodes()). */
struct found_path {
	char *path;
	size_t h; /* index into the hierarchies walked */
};

static int cmp_found(const void *a, const void *b)
{
	const struct found_path *x = a, *y = b;
	int r = strcmp(x->path, y->path);

	return r ? r : (x->h > y->h) - (x->h < y->h);
}

static int cmp_path_node(const void *key, const void *n)
{
	return strcmp(key, ((const struct node *)n)->path);
}

struct node *collect_nodes(struct nsu_cg_hier **hs, size_t nh, const char *group,
				  long depth, size_t *nn)
{
	struct found_path *f = NULL;
	struct node *nodes;
	size_t nf = 0;

	/* every hierarchy walked once; then one sort joins what they say of the same path */
	for (size_t i = 0; i < nh; i++) {
		char **v = NULL;
		size_t n = 0;

		collect_tree_depth(hs[i], group, depth, &v, &n);
		f = nsu_xrealloc(f, (nf + n + 1) * sizeof(*f));
		f[nf++] = (struct found_path){nsu_xstrdup(group), i};
		for (size_t j = 0; j < n; j++) {
			if (depth >= 0 && depth_below(group, v[j]) > (size_t)depth)
				free(v[j]);
			else
				f[nf++] = (struct found_path){v[j], i};
		}
		free(v);
	}
	if (nf)
		qsort(f, nf, sizeof(*f), cmp_found);
	nodes = nsu_xrealloc(NULL, (nf ? nf : 1) * sizeof(*nodes));
	*nn = 0;
	for (size_t i = 0; i < nf; i++) {
		struct node *n = *nn ? &nodes[*nn - 1] : NULL;

		if (!n || strcmp(n->path, f[i].path) != 0) {
			n = &nodes[(*nn)++];
			*n = (struct node){.path = f[i].path, .parent = SIZE_MAX, .first_child = SIZE_MAX,
					   .next_sibling = SIZE_MAX};
		} else {
			free(f[i].path);
		}
		if (f[i].h < 64)
			n->in |= UINT64_C(1) << f[i].h;
		snprintf(n->hiers + strlen(n->hiers), sizeof(n->hiers) - strlen(n->hiers), "%s%s",
			 n->hiers[0] ? " " : "", hier_label(hs[f[i].h]));
	}
	free(f);
	/* sorted by path: a parent is found by bsearch, and comes before its children */
	for (size_t i = *nn; i-- > 0;) {
		_cleanup_free_ char *parentpath = NULL;
		struct node *p;

		if (strcmp(nodes[i].path, group) == 0)
			continue;
		parentpath = parent_of(nodes[i].path);
		p = bsearch(parentpath, nodes, i, sizeof(*nodes), cmp_path_node);
		if (!p)
			continue;
		/* children linked backwards from the last: each parent's list ends up in path order */
		nodes[i].parent = (size_t)(p - nodes);
		nodes[i].next_sibling = p->first_child;
		p->first_child = i;
	}
	return nodes;
}

void free_nodes(struct node *nodes, size_t nn)
{
	for (size_t i = 0; i < nn; i++) {
		free(nodes[i].path);
		free(nodes[i].procs.v);
	}
	free(nodes);
}
