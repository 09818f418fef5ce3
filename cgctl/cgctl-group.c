// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-group.c - the group value (cgctl-group.h) and the locks that keep
 * several cgctl from making, joining and removing one group at once.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgctl.h"
#include "cgctl-group.h"
#include "errors.h"

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
