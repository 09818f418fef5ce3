/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgroupfs.h - control groups as the kernel shows them: the layout (pure v2,
 * hybrid, legacy v1), group paths resolved without leaving a hierarchy,
 * control files, and the translation of v2 key names and values to v1.
 */
#ifndef NSU_CGROUPFS_H
#define NSU_CGROUPFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum nsu_cg_layout {
	NSU_CG_UNIFIED, /* one cgroup2 hierarchy */
	NSU_CG_HYBRID,  /* v1 controller hierarchies and a cgroup2 one */
	NSU_CG_LEGACY,  /* v1 only */
};

struct nsu_cg_hier {
	char *mount;       /* mount point */
	int version;       /* 1 or 2 */
	char *controllers; /* comma-separated: "cpu,cpuacct", "name=systemd"; v2: NULL until nsu_cg_controllers() */
	dev_t dev;         /* its device: one hierarchy mounted twice is one */
};

struct nsu_cg {
	enum nsu_cg_layout layout;
	struct nsu_cg_hier *h;
	size_t n;
};

/* "unified", "hybrid" or "legacy". */
const char *nsu_cg_layout_name(enum nsu_cg_layout l);

/*
 * Find the hierarchies: the cgroup and cgroup2 mounts of /proc/self/mountinfo
 * (nsu_mnt_each(): cgctl then loads no mount library), or with @root a directory that is itself a hierarchy (checked
 * by statfs magic) or holds hierarchies as its subdirectories. Returns 0 or
 * -errno (-ENOENT: no cgroup hierarchy found).
 */
int nsu_cg_detect(struct nsu_cg *cg, const char *root);

void nsu_cg_free(struct nsu_cg *cg);

/* The controllers of @h, comma-separated (v2: its root's cgroup.controllers, read on first use). */
const char *nsu_cg_controllers(const struct nsu_cg_hier *h);
/* Whether @h has controller @c (a v1 named hierarchy only "name=X"). */
bool nsu_cg_hier_has(const struct nsu_cg_hier *h, const char *c);
/* The cgroup2 hierarchy, or NULL. */
struct nsu_cg_hier *nsu_cg_v2(const struct nsu_cg *cg);
/*
 * The hierarchy serving controller @c (v2 names: "memory", "io"...): the v2
 * one if it lists @c, else the v1 one with @c ("io" is "blkio" there). NULL if none.
 */
struct nsu_cg_hier *nsu_cg_hier_for(const struct nsu_cg *cg, const char *c);

/*
 * Normalise a group path ("a/b", "/a/b/", "a//b" -> "a/b"; "" or "/" is the
 * root). Components "." and ".." are refused (-EINVAL): a group never
 * leaves its hierarchy. Returns 0 and a malloc'ed *norm, or -errno.
 */
int nsu_cg_normalize(const char *group, char **norm);
/*
 * Open group @group (normalised) of @h as a directory fd: one lookup of the
 * whole path, which cannot leave the hierarchy (no ".." in @group, no links
 * in cgroupfs), its end checked to be on the hierarchy's device (-ESTALE
 * otherwise). Returns the fd or -errno (-ENOENT: no such group, -ENOTDIR: a
 * file on the way).
 */
int nsu_cg_open(const struct nsu_cg_hier *h, const char *group);
/*
 * Whether group @group of @h is there, without opening it: 0 (and its
 * directory's inode in *@ino, unless NULL), -ENOENT, or another -errno as
 * nsu_cg_open().
 */
int nsu_cg_stat(const struct nsu_cg_hier *h, const char *group, ino_t *ino);
/* The same below the root directory @rootfd of a hierarchy (kept open by a caller that opens many groups). */
int nsu_cg_open_at(int rootfd, const char *group);
/*
 * The hierarchy's mount point, opened anew (O_DIRECTORY, close-on-exec): no
 * descriptor is held per hierarchy, so the tools work under a small
 * "ulimit -n". -ESTALE when another file system is mounted there now.
 */
int nsu_cg_root(const struct nsu_cg_hier *h);

/* Read control file @file of the group at @gfd, trailing newline removed. 0 or -errno. */
int nsu_cg_read(int gfd, const char *file, char **value);
/* Write @value to control file @file in one write(2). 0 or -errno. */
int nsu_cg_write(int gfd, const char *file, const char *value);
/* Read a "key value" line file (cgroup.events, memory.events, cpu.stat): the value of @key. */
int nsu_cg_read_keyed(int gfd, const char *file, const char *key, uint64_t *v);
/* The value of @key in the text of such a file. 0, -ENOENT or -EINVAL. */
int nsu_cg_parse_keyed(const char *text, const char *key, uint64_t *v);
/*
 * The bytes read and written, summed over the devices, of v2 io.stat
 * (@version 2: "MAJ:MIN rbytes=N wbytes=N ...") or of v1
 * blkio.*io_service_bytes* ("MAJ:MIN Read N"). An empty io.stat is 0 and 0
 * (v2 lists a device once it saw IO); v1 without a device line is -ENODATA
 * (its throttle files count only throttled groups, its bfq files only bfq
 * devices). 0, -EINVAL on a number that is not one, -ENOMEM.
 */
int nsu_cg_parse_io_bytes(const char *text, int version, uint64_t *rd, uint64_t *wr);

/* The controller a key belongs to: "memory" for "memory.max", "cgroup" for "cgroup.procs". */
void nsu_cg_key_controller(const char *key, char *buf, size_t size);

/* One file write a setting turns into (cpu.max on v1 takes two). */
struct nsu_cg_wr {
	char file[64];
	char value[160];
};
/* At most this many files for one key (v1 io.max: the four blkio.throttle.*_device files). */
#define NSU_CG_WR_MAX 4

/*
 * Validate KEY=VALUE (v2 names and values: sizes with units, "max", cpu.max
 * as "QUOTA [PERIOD]" or a percentage of one CPU, ...) and turn it into the
 * writes for a hierarchy of @version; native names of either version pass
 * through. On error returns -EINVAL (bad value) or -EOPNOTSUPP (no such
 * meaning on this version) with a reason in *why (static text).
 */
int nsu_cg_translate_set(const char *key, const char *value, int version, struct nsu_cg_wr out[NSU_CG_WR_MAX], size_t *n,
			 const char **why);
/*
 * The v1 file io.weight maps to in the group at @gfd: blkio.weight, gone in
 * Linux 5.0 with CFQ, or BFQ's blkio.bfq.weight. 0 or -ENOENT (neither).
 */
int nsu_cg_v1_weight_file(int gfd, const char **file);
/*
 * io.weight @w (1..10000, default 100) as v1 @file takes it: blkio.weight
 * (CFQ, 10..1000, default 500) times 5, blkio.bfq.weight (1..1000, default
 * 100) as is, clamped; and back.
 */
uint64_t nsu_cg_io_weight_v1(const char *file, uint64_t w);
uint64_t nsu_cg_io_weight_v2(const char *file, uint64_t w);
/*
 * Read KEY of the group at @gfd of a hierarchy of @version, in its v2 form
 * ("max" for unlimited v1 values, cpu.max from the CFS files...). Returns 0
 * and a malloc'ed *value, or -errno (-EOPNOTSUPP with *why as for set).
 */
int nsu_cg_translate_get(int gfd, const char *key, int version, char **value, const char **why);

/* Whether @key is an interface file of cgroup v2 (cgroup-v2.rst; hugetlb.* for every page size). */
bool nsu_cg_v2_key(const char *key);
/*
 * Whether @key can be a setting of a group of @h (the group's directory at
 * @gfd, or -1 when it does not exist yet): 0 when it is a file there or at
 * the root, a v2 key on v2, a v1 file, or a v2 key that is translated for v1;
 * -EOPNOTSUPP for a v2 key with no v1 meaning (io.max, memory.high on v1);
 * -ENOENT for an unknown key.
 */
int nsu_cg_key_known(const struct nsu_cg_hier *h, int gfd, const char *key);
/* The known key nearest to @key (at most 3 edits away), among v2's and @extra's; NULL if none. */
const char *nsu_cg_nearest_key(const char *key, const char *const *extra, size_t nextra);

/*
 * systemd's resource-control property names (MemoryMax, MemoryHigh, MemoryLow,
 * MemoryMin, MemorySwapMax, CPUQuota, CPUWeight, TasksMax, IOWeight,
 * AllowedCPUs, AllowedMemoryNodes): the key @name stands for, or NULL.
 */
const char *nsu_cg_alias_key(const char *name);
/*
 * The setting systemd's @name=@value means: *key (static) and *v (malloc'ed),
 * "infinity" as "max", a percentage of memory or of pid_max as a number,
 * CPU lists with blanks as commas. 0, -ENOENT (no such name), -EINVAL with
 * *why, or -ENOMEM.
 */
int nsu_cg_alias(const char *name, const char *value, const char **key, char **v, const char **why);

/*
 * What puts v1 blkio.throttle file @file back after @written ("MAJ:MIN N")
 * when it listed @old (its lines "MAJ:MIN N", one a device): that device's
 * old line, or "MAJ:MIN 0" (no limit) where it had none. Malloc'ed, or NULL.
 */
char *nsu_cg_throttle_inverse(const char *old, const char *written);

#endif /* NSU_CGROUPFS_H */
