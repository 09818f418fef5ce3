/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * creds.h - switching uid/gid and carrying capabilities across execve(2).
 */
#ifndef NSU_CREDS_H
#define NSU_CREDS_H

#include <sys/types.h>

/*
 * Become @gid (if @set_gid) and @uid (if @set_uid), in that order; with
 * @drop_groups also clear the supplementary groups first (ignoring EPERM,
 * which a user namespace with setgroups "deny" returns). Returns 0 or -errno;
 * *@what names the failing step for the message.
 */
int nsu_set_ids(int set_uid, uid_t uid, int set_gid, gid_t gid, int drop_groups, const char **what);
/*
 * Keep the permitted capabilities across the next setuid(2) (PR_SET_KEEPCAPS),
 * for nsu_caps_to_ambient() after it. Returns 0 or -errno.
 */
int nsu_caps_keep_over_setuid(void);
/*
 * Make every permitted capability inheritable and ambient, so that it survives
 * execve(2) of a program run as a non-root uid (Linux 4.3). Returns 0 or -errno.
 */
int nsu_caps_to_ambient(void);

#endif /* NSU_CREDS_H */
