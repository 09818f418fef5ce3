/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mountutil.h - mount propagation, bind mounts (of namespaces too), proc
 * mounts, and the mount table of /proc/self/mountinfo read line by line.
 */
#ifndef NSU_MOUNTUTIL_H
#define NSU_MOUNTUTIL_H

#include <stdbool.h>
#include <sys/types.h>

/* One line of /proc/PID/mountinfo, its fields pointing into the line. */
struct nsu_mnt {
	const char *target;     /* the mount point, unescaped */
	const char *fstype;     /* "cgroup2" */
	const char *super_opts; /* "rw,cpu,cpuacct" */
	dev_t dev;              /* the st_dev of what is mounted */
	bool shared;            /* a peer group: shared propagation */
};
/* Split @line (no newline; changed in place) into @m. 0, or -EINVAL for a line that is not one. */
int nsu_mnt_parse_line(char *line, struct nsu_mnt *m);
/*
 * Each mount of /proc/self/mountinfo, in order, to @fn: 0 at the end, or the
 * first negative return of @fn or of the read (a positive one ends the walk
 * with 0).
 */
int nsu_mnt_each(int (*fn)(const struct nsu_mnt *m, void *data), void *data);

/* "private", "shared", "slave", "unchanged" -> MS_PRIVATE... or 0. -EINVAL if unknown. */
int nsu_parse_propagation(const char *s, unsigned long *flag);
/* Recursively set propagation @flag (MS_PRIVATE, ...) on @path. 0 or -errno. */
int nsu_set_propagation(const char *path, unsigned long flag);
/* Bind @src on @target (no recursion). 0 or -errno. */
int nsu_bind(const char *src, const char *target);
/* Mount a private proc filesystem on @dir, as unshare --mount-proc does. 0 or -errno. */
int nsu_mount_proc(const char *dir);
/* Mount a private filesystem of @fstype on @dir. 0 or -errno. */
int nsu_mount_private(const char *fstype, const char *dir);
/*
 * 1 if the mount that holds @path has shared propagation (a bind mount of a
 * mount namespace onto it would be refused), 0 if not, -errno on failure.
 */
int nsu_path_on_shared_mount(const char *path);

/* The mount point of the first filesystem of type @fstype (malloc'ed), or -ENOENT. */
int nsu_find_fstype(const char *fstype, char **target);

#endif /* NSU_MOUNTUTIL_H */
