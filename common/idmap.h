/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * idmap.h - user and group id maps of user namespaces, see user_namespaces(7):
 * parsing, /etc/subuid and /etc/subgid, writing uid_map/gid_map/setgroups
 * directly or through newuidmap(1)/newgidmap(1).
 */
#ifndef NSU_IDMAP_H
#define NSU_IDMAP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The kernel accepts at most 340 lines in a map (Linux 4.15). */
#define NSU_IDMAP_MAX 340

struct nsu_idrange {
	uint32_t inner; /* first id inside the namespace */
	uint32_t outer; /* first id in the parent namespace */
	uint32_t count;
};

struct nsu_idmap {
	struct nsu_idrange r[NSU_IDMAP_MAX];
	size_t n;
};

/*
 * Parse "INNER:OUTER:COUNT" (the order of /proc/PID/uid_map), or the form of
 * util-linux before 2.39, "OUTER,INNER,COUNT". Returns 0, -EINVAL or -ERANGE
 * (count 0, or a range past 2^32-1).
 */
int nsu_idrange_parse(const char *s, struct nsu_idrange *r);
/* Append a range; -E2BIG when the map is full. */
int nsu_idmap_add(struct nsu_idmap *m, uint32_t inner, uint32_t outer, uint32_t count);
/*
 * Map inner id @inner to outer id @outer (the caller's own id, for --map-user
 * and its kin) and make room for it in the ranges of @m, as util-linux
 * unshare does: a range loses the pair that would overlap (one id fewer;
 * not with @auto_inner, for --map-auto ranges whose inner ids may move up),
 * its inner ids skip @inner, its outer ids skip @outer, and it is cut into
 * up to three ranges where either side skips. The single mapping comes first,
 * then the ranges in their order. -E2BIG when the map is full, -ENOMEM.
 */
int nsu_idmap_add_single(struct nsu_idmap *m, uint32_t inner, uint32_t outer, int auto_inner);
/* 0 if no two ranges overlap inside or outside, else -EINVAL. */
int nsu_idmap_check(const struct nsu_idmap *m);
/*
 * The first range of subordinate ids of user/group @name or @id in @file
 * (/etc/subuid or /etc/subgid, "NAME_OR_ID:START:COUNT" lines): -ENOENT if none.
 */
int nsu_subid_first(const char *file, const char *name, uint32_t id, struct nsu_idrange *r);
/* One such line (a newline may end it): 0 and *r when it is @name's or @id's, -ENOENT when another's, -EINVAL. */
int nsu_subid_parse(const char *line, const char *name, uint32_t id, struct nsu_idrange *r);
/* Read a map as the kernel shows it (/proc/PID/uid_map). */
int nsu_idmap_read(const char *path, struct nsu_idmap *m);
/* Write @m into /proc/@pid/@file ("uid_map" or "gid_map") in one write(2). */
int nsu_idmap_write(pid_t pid, const char *file, const struct nsu_idmap *m);
/* Write "allow" or "deny" into /proc/@pid/setgroups. -ENOENT before Linux 3.19. */
int nsu_setgroups_write(pid_t pid, const char *value);
/*
 * Run @helper ("newuidmap" or "newgidmap") for @pid with the ranges of @m, and
 * wait for it. Returns 0, -errno when it could not run, or a positive exit status.
 */
int nsu_idmap_run_helper(const char *helper, pid_t pid, const struct nsu_idmap *m);

#endif /* NSU_IDMAP_H */
