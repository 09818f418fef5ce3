// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-figures.c - a group's figures, read one way for every command
 * (cgctl-figures.h).
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgctl.h"
#include "cgctl-figures.h"
#include "cgctl-group.h"
#include "cgctl-tree.h"
#include "cleanup.h"
#include "procfs.h"
#include "strutils.h"

int64_t keyed_in(int gfd, const char *file, const char *key)
{
	uint64_t v;

	return gfd >= 0 && nsu_cg_read_keyed(gfd, file, key, &v) == 0 && v <= INT64_MAX ? (int64_t)v : -1;
}

int64_t number_in(int gfd, const char *file)
{
	_cleanup_free_ char *s = NULL;
	int64_t v;

	return gfd >= 0 && nsu_cg_read(gfd, file, &s) == 0 && nsu_parse_s64(s, &v) == 0 && v >= 0 ? v : -1;
}

void fig_sources_find(const struct nsu_tool *c, struct fig_sources *src)
{
	*src = (struct fig_sources){
		.v2 = nsu_cg_v2(&c->cg),
		.cpuacct = nsu_cg_hier_for(&c->cg, "cpuacct"),
		.memory = nsu_cg_hier_for(&c->cg, "memory"),
		.pids = nsu_cg_hier_for(&c->cg, "pids"),
		.io = nsu_cg_hier_for(&c->cg, "io"),
	};
	if (!src->io || src->io->version != 2)
		src->io = nsu_cg_hier_for(&c->cg, "blkio");
}

static void keep_root(struct fig_sources *src, const struct nsu_cg_hier *h)
{
	for (size_t i = 0; i < src->nroots; i++)
		if (src->h[i] == h)
			return;
	if (h && src->nroots < sizeof(src->h) / sizeof(src->h[0])) {
		src->h[src->nroots] = h;
		src->root[src->nroots++] = nsu_cg_root(h);
	}
}

void fig_keep_roots(struct fig_sources *src)
{
	keep_root(src, src->v2);
	keep_root(src, src->cpuacct);
	keep_root(src, src->memory);
	keep_root(src, src->pids);
	keep_root(src, src->io);
}

void fig_sources_close(struct fig_sources *src)
{
	for (size_t i = 0; i < src->nroots; i++)
		if (src->root[i] >= 0)
			close(src->root[i]);
	src->nroots = 0;
}

/* A group's directories, each hierarchy's opened once for all the files read from it. */
struct dirs {
	const struct fig_sources *src;
	const char *path;
	const struct nsu_cg_hier *h[5];
	int fd[5];
	size_t n;
};

/* The directory of the group in @h, or -1. */
static int dir_in(struct dirs *d, const struct nsu_cg_hier *h)
{
	int fd = -1;

	if (!h)
		return -1;
	for (size_t i = 0; i < d->n; i++)
		if (d->h[i] == h)
			return d->fd[i];
	if (d->n == sizeof(d->h) / sizeof(d->h[0]))
		return -1;
	for (size_t i = 0; i < d->src->nroots; i++)
		if (d->src->h[i] == h)
			fd = d->src->root[i] < 0 ? -1 : *d->path ? nsu_cg_open_at(d->src->root[i], d->path)
								   : fcntl(d->src->root[i], F_DUPFD_CLOEXEC, 3);
	if (!d->src->nroots)
		fd = nsu_cg_open(h, d->path);
	d->h[d->n] = h;
	d->fd[d->n] = fd;
	return d->fd[d->n++];
}

static void close_dirs(struct dirs *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->fd[i] >= 0)
			close(d->fd[i]);
	d->n = 0;
}

static int64_t cpu_of(struct dirs *d)
{
	int64_t v = keyed_in(dir_in(d, d->src->v2), "cpu.stat", "usage_usec");

	if (v < 0 && (v = number_in(dir_in(d, d->src->cpuacct), "cpuacct.usage")) >= 0)
		v /= 1000;
	return v;
}

static int64_t memory_of(struct dirs *d)
{
	const struct nsu_cg_hier *m = d->src->memory;
	int64_t current = number_in(dir_in(d, m), m && m->version == 1 ? "memory.usage_in_bytes" : "memory.current");
	_cleanup_free_ char *text = NULL;
	uint64_t used;

	/* the root of v2 has no memory.current: the system's */
	if (current < 0 && !*d->path && nsu_read_file_at(AT_FDCWD, "/proc/meminfo", &text, NULL) == 0 &&
	    nsu_proc_parse_meminfo_used(text, &used) == 0 && used <= INT64_MAX)
		return (int64_t)used;
	return current;
}

/* The threads of @path and below in @h, from the thread lists, or -1. */
static int64_t count_tasks_in(const struct nsu_cg_hier *h, const char *path)
{
	const char *file = h->version == 2 ? "cgroup.threads" : "tasks";
	char **v = NULL;
	size_t n = 0;
	int64_t total = -1;

	collect_tree(h, path, &v, &n);
	for (size_t i = 0; i <= n; i++) {
		_cleanup_close_ int fd = nsu_cg_open(h, i < n ? v[i] : path);
		_cleanup_free_ char *s = NULL;

		if (i < n)
			free(v[i]);
		if (fd < 0 || nsu_cg_read(fd, file, &s) < 0)
			continue;
		/* one TID a line (nsu_cg_read took the last newline) */
		total = total < 0 ? 0 : total;
		if (*s)
			total++;
		for (const char *p = s; (p = strchr(p, '\n')); p++)
			total++;
	}
	free(v);
	return total;
}

/* pids.current where the group has it, else its threads counted (v2 first). */
static int64_t tasks_of(const struct nsu_tool *c, const char *path, int64_t pids_current)
{
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg);
	int64_t n;

	if (pids_current >= 0)
		return pids_current;
	if (v2 && (n = count_tasks_in(v2, path)) >= 0)
		return n;
	for (size_t i = 0; i < c->cg.n; i++)
		if (c->cg.h[i].version == 1 && (n = count_tasks_in(&c->cg.h[i], path)) >= 0)
			return n;
	return -1;
}

/* Bytes read and written by the group and below: v2 io.stat, else v1 blkio. */
static void io_of(struct dirs *d, int64_t *rd, int64_t *wr)
{
	/* the first that has accounted a device: throttled groups, bfq devices, old kernels' cfq */
	static const char *const v1_files[] = {"blkio.throttle.io_service_bytes_recursive",
					       "blkio.bfq.io_service_bytes_recursive", "blkio.io_service_bytes_recursive"};
	int fd = dir_in(d, d->src->io);
	int version = d->src->io ? d->src->io->version : 0;

	*rd = *wr = -1;
	for (size_t i = 0; fd >= 0 && i < (version == 2 ? 1 : sizeof(v1_files) / sizeof(v1_files[0])); i++) {
		_cleanup_free_ char *s = NULL;
		uint64_t r, w;

		if (nsu_cg_read(fd, version == 2 ? "io.stat" : v1_files[i], &s) < 0 ||
		    nsu_cg_parse_io_bytes(s, version, &r, &w) < 0)
			continue;
		/*
		 * A v1 file can list a device and count nothing: on Linux 6.1
		 * the throttle files count only throttled groups' bytes (6.18's
		 * count all), while bfq's count all. Zeros stand only if no file
		 * has more.
		 */
		if (*rd < 0 || r || w) {
			*rd = r > INT64_MAX ? INT64_MAX : (int64_t)r;
			*wr = w > INT64_MAX ? INT64_MAX : (int64_t)w;
		}
		if (r || w)
			break;
	}
}

void figures_read(const struct nsu_tool *c, const struct fig_sources *src, const char *path, unsigned want,
		  struct figures *f)
{
	struct dirs d = {.src = src, .path = path};
	const struct nsu_cg_hier *m = src->memory;
	bool m1 = m && m->version == 1;

	*f = (struct figures){-1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
	if (want & FIG_MEMORY)
		f->memory = memory_of(&d);
	if (want & FIG_PEAK)
		f->mem_peak = number_in(dir_in(&d, m), m1 ? "memory.max_usage_in_bytes" : "memory.peak");
	if (want & FIG_CPU)
		f->cpu_usec = cpu_of(&d);
	/* (the root has no pids.current) */
	if ((want & (FIG_PIDS | FIG_TASKS)) && *path)
		f->pids = number_in(dir_in(&d, src->pids), "pids.current");
	if (want & FIG_TASKS)
		f->tasks = tasks_of(c, path, f->pids);
	if (want & FIG_IO)
		io_of(&d, &f->rd, &f->wr);
	if (want & FIG_OOM)
		f->oom_kills = keyed_in(dir_in(&d, m), m1 ? "memory.oom_control" : "memory.events", "oom_kill");
	if (want & FIG_PIDS_HITS)
		f->pids_max_hits = keyed_in(dir_in(&d, src->pids), "pids.events", "max");
	if ((want & FIG_UNDER_OOM) && m1)
		f->under_oom = keyed_in(dir_in(&d, m), "memory.oom_control", "under_oom");
	close_dirs(&d);
}

/* Whether the group is frozen: v2 cgroup.events "frozen 1", else the v1 freezer's FROZEN; -1 if neither. */
int frozen_state(const struct nsu_tool *c, const char *group)
{
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg);
	struct nsu_cg_hier *frz = hier_in_group(c, group, "freezer");
	_cleanup_close_ int fd2 = v2 ? nsu_cg_open(v2, group) : -1;
	_cleanup_close_ int fd1 = frz && frz->version == 1 ? nsu_cg_open(frz, group) : -1;
	_cleanup_free_ char *state = NULL;
	uint64_t f = 0;
	int known = 0, frozen = 1;

	if (fd2 >= 0 && *group && nsu_cg_read_keyed(fd2, "cgroup.events", "frozen", &f) == 0) {
		known = 1;
		frozen &= f == 1;
	}
	if (fd1 >= 0 && nsu_cg_read(fd1, "freezer.state", &state) == 0) {
		known = 1;
		frozen &= strcmp(state, "FROZEN") == 0;
	}
	return known ? frozen : -1;
}
