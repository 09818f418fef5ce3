/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgctl-figures.h - the one reader of a group's figures (memory, CPU,
 * tasks, IO, OOM and pids counts) for stat, list, top and exec --stats, so
 * that they all say the same of a group.
 */
#ifndef CGCTL_FIGURES_H
#define CGCTL_FIGURES_H

#include <stdint.h>

struct nsu_tool;
struct nsu_cg_hier;

/* The hierarchies a figure comes from, found once for a command. */
struct fig_sources {
	const struct nsu_cg_hier *v2, *cpuacct, *memory, *pids, *io;
	/* with fig_keep_roots(): their roots, open for the whole command (top) */
	const struct nsu_cg_hier *h[5];
	int root[5];
	size_t nroots;
};
void fig_sources_find(const struct nsu_tool *c, struct fig_sources *src);
/* Keep the roots open: a group's directories are then opened below them, one call each. */
void fig_keep_roots(struct fig_sources *src);
void fig_sources_close(struct fig_sources *src);

/* What to read: only these are looked for, the others stay -1. */
enum {
	FIG_MEMORY = 1 << 0,    /* memory in use: v2 memory.current, v1 memory.usage_in_bytes */
	FIG_PEAK = 1 << 1,      /* its peak: v2 memory.peak, v1 memory.max_usage_in_bytes */
	FIG_CPU = 1 << 2,       /* CPU time: v2 cpu.stat usage_usec (every group), v1 cpuacct.usage */
	FIG_PIDS = 1 << 3,      /* pids.current */
	FIG_TASKS = 1 << 4,     /* pids.current, else the threads of it and below counted */
	FIG_IO = 1 << 5,        /* bytes read and written: v2 io.stat, v1 blkio */
	FIG_OOM = 1 << 6,       /* OOM kills: v2 memory.events, v1 memory.oom_control oom_kill */
	FIG_PIDS_HITS = 1 << 7, /* pids.events max: forks pids.max refused */
	FIG_UNDER_OOM = 1 << 8, /* v1 memory.oom_control under_oom */
};

/* A group's figures, each -1 where the layout (or the group) has none. */
struct figures {
	int64_t memory, mem_peak, cpu_usec, pids, tasks, rd, wr, oom_kills, pids_max_hits, under_oom;
};

/*
 * Read the figures @want asks for of @path (normalised; "" the root: its
 * memory is the system's, MemTotal less MemAvailable, where no file has it).
 */
void figures_read(const struct nsu_tool *c, const struct fig_sources *src, const char *path, unsigned want,
		  struct figures *f);

/* Of the open group @gfd: @key of the flat keyed @file, or the number that is @file; -1 if none. */
int64_t keyed_in(int gfd, const char *file, const char *key);
int64_t number_in(int gfd, const char *file);

/* Whether @group is frozen in every freezer it is in: 1, 0, or -1 when none says. */
int frozen_state(const struct nsu_tool *c, const char *group);

#endif /* CGCTL_FIGURES_H */
