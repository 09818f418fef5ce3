// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-group.c - the group value (cgctl-group.h): a group's path checked
 * once and where it is in each hierarchy; the locks that keep several cgctl
 * from making, joining and removing one group at once; and the names cgctl
 * gives groups and hierarchies in what it says.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgctl.h"
#include "cgctl-group.h"
#include "cleanup.h"
#include "errors.h"
#include "strutils.h"

bool hier_considered(const struct nsu_cg_hier *h)
{
	/* Named v1 hierarchies (name=systemd) belong to their manager, not to us. */
	return h->version == 2 || (*h->controllers && strncmp(h->controllers, "name=", 5) != 0);
}

struct nsu_cg_hier *anchor_hier(const struct nsu_tool *c)
{
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg);

	if (v2)
		return v2;
	for (size_t i = 0; i < c->cg.n; i++)
		if (hier_considered(&c->cg.h[i]))
			return &c->cg.h[i];
	return &c->cg.h[0];
}

int group_find(const struct nsu_tool *c, const char *path, struct cg_group *g)
{
	struct nsu_cg_hier *a = anchor_hier(c);
	int r;

	*g = (struct cg_group){0};
	g->path = strdup(path);
	g->p = calloc(c->cg.n + 1, sizeof(*g->p));
	if (!g->path || !g->p) {
		nsu_warnx("cannot allocate memory");
		return -ENOMEM;
	}
	for (size_t i = 0; i < c->cg.n; i++) {
		if (!hier_considered(&c->cg.h[i]))
			continue;
		if (&c->cg.h[i] == a)
			g->anchor = g->n;
		g->p[g->n++] = (struct cg_place){.h = &c->cg.h[i]};
	}
	r = group_refind(g);
	for (size_t i = 0; i < g->n; i++)
		g->p[i].existed = g->p[i].here;
	return r;
}

int group_refind(struct cg_group *g)
{
	for (size_t i = 0; i < g->n; i++) {
		int r = nsu_cg_stat(g->p[i].h, g->path, &g->p[i].ino);

		g->p[i].here = r == 0;
		if (r < 0 && r != -ENOENT) {
			say_bad_group(g->path, g->p[i].h, r);
			return r;
		}
	}
	return 0;
}

void group_free(struct cg_group *g)
{
	free(g->p);
	free(g->path);
	*g = (struct cg_group){0};
}

size_t group_here(const struct cg_group *g)
{
	size_t n = 0;

	for (size_t i = 0; i < g->n; i++)
		n += g->p[i].here;
	return n;
}

size_t group_hiers_of(const struct cg_group *g, struct nsu_cg_hier **hs)
{
	size_t n = 0;

	if (g->n && g->p[g->anchor].here)
		hs[n++] = g->p[g->anchor].h;
	for (size_t i = 0; i < g->n; i++)
		if (g->p[i].here && i != g->anchor)
			hs[n++] = g->p[i].h;
	return n;
}

bool group_whole(const struct cg_group *g)
{
	return group_here(g) == g->n;
}

int flock_or_close(int fd, int op)
{
	if (fd < 0)
		return fd;
	while (flock(fd, op) < 0) {
		if (errno != EINTR) {
			int r = -errno;

			close(fd);
			return r;
		}
	}
	return fd;
}

/* flock(2) on a group's directory: exec --rm joins under a shared lock, removes under an exclusive one. */
int lock_group(const struct nsu_cg_hier *h, const char *group, int op)
{
	return flock_or_close(nsu_cg_open(h, group), op);
}

int lock_live_group(const struct nsu_cg_hier *h, const char *group, int op)
{
	for (int tries = 0; tries < 10; tries++) {
		int fd = lock_group(h, group, op);

		if (fd < 0)
			return fd;
		/* a removed group's directory has no files left */
		if (faccessat(fd, "cgroup.procs", F_OK, 0) == 0)
			return fd;
		close(fd);
	}
	return -EAGAIN;
}

bool same_dir(int fd, const struct cg_place *p)
{
	struct stat st;

	return fstat(fd, &st) == 0 && st.st_dev == p->h->dev && st.st_ino == p->ino;
}

int lock_creates(const struct nsu_tool *c)
{
	return lock_group(anchor_hier(c), "", LOCK_EX);
}

/* ---- where a group is ---- */

const char *hier_label(const struct nsu_cg_hier *h)
{
	return h->version == 2 ? "unified" : h->controllers;
}

const char *group_label(const char *group)
{
	return *group ? group : "/";
}

char *group_or_err(const char *arg)
{
	char *g = NULL;
	int r;

	/* /proc/PID/cgroup shows a path per line: a newline in a name would forge a line. */
	for (const char *p = arg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			_cleanup_free_ char *shown = nsu_safe_text(arg);

			nsu_errx(NSU_EXIT_FAILURE, "invalid group '%s': control characters are not allowed",
				 shown ? shown : "?");
		}
	r = nsu_cg_normalize(arg, &g);
	if (r == -EINVAL)
		nsu_errx(NSU_EXIT_FAILURE, "invalid group '%s': '.' and '..' would leave the hierarchy", arg);
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "invalid group '%s'", arg);
	/* cgroupfs takes longer names than any other file system: other tools could not open them */
	for (const char *p = g; *p; p += strcspn(p, "/"), p += *p == '/')
		if (strcspn(p, "/") > NAME_MAX) {
			free(g);
			nsu_errx(NSU_EXIT_FAILURE, "invalid group '%s': a name longer than %d bytes", arg,
				 NAME_MAX);
		}
	return g;
}

/* A symlink or file on the way: say so instead of "not found". */
void say_bad_group(const char *group, const struct nsu_cg_hier *h, int r)
{
	if (r == -ELOOP || r == -ENOTDIR)
		nsu_warnx("invalid group '%s': not a directory of %s (symlinks are not followed)", group, h->mount);
	else
		nsu_warnc(r, "cannot open group '%s' in %s", group_label(group), h->mount);
}

int group_hiers(const struct nsu_tool *c, const char *group, struct nsu_cg_hier **hs, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < c->cg.n; i++) {
		int r;

		if (!hier_considered(&c->cg.h[i]))
			continue;
		r = *group ? nsu_cg_stat(&c->cg.h[i], group, NULL) : 0;
		if (r == 0) {
			hs[(*n)++] = &c->cg.h[i];
		} else if (r != -ENOENT) {
			say_bad_group(group, &c->cg.h[i], r);
			return r;
		}
	}
	return 0;
}

int group_hiers_said(const struct nsu_tool *c, const char *group, struct nsu_cg_hier **hs, size_t *n)
{
	if (group_hiers(c, group, hs, n) < 0)
		return -EIO;
	if (!*n) {
		nsu_warnx("%s: no such group", group_label(group));
		return -ENOENT;
	}
	return 0;
}

size_t group_hiers_or_err(const struct nsu_tool *c, const char *group, struct nsu_cg_hier **hs)
{
	size_t n;

	if (group_hiers_said(c, group, hs, &n) < 0)
		exit(NSU_EXIT_FAILURE);
	return n;
}

struct nsu_cg_hier *process_hier(const struct nsu_tool *c, const char *group)
{
	struct nsu_cg_hier *hs[c->cg.n + 1];
	size_t n = group_hiers_or_err(c, group, hs);

	for (size_t i = 0; i < n; i++)
		if (hs[i]->version == 2)
			return hs[i];
	return hs[0];
}

/* ---- making groups ---- */

/* The parent of a normalised path ("" for a top-level group). */
char *parent_of(const char *group)
{
	const char *slash = strrchr(group, '/');
	char *p = strndup(group, slash ? (size_t)(slash - group) : 0);

	if (!p)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	return p;
}

struct nsu_cg_hier *hier_in_group(const struct nsu_tool *c, const char *group, const char *ctl)
{
	struct nsu_cg_hier *h = nsu_cg_hier_for(&c->cg, ctl);
	int fd;

	if (!h)
		return NULL;
	fd = nsu_cg_open(h, group);
	if (fd < 0)
		return NULL;
	close(fd);
	return h;
}
