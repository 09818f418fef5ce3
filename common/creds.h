/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * creds.h - switching uid/gid and carrying capabilities across execve(2).
 */
#ifndef NSU_CREDS_H
#define NSU_CREDS_H

#include <sys/types.h>

/*
 * Become @gid (if @set_gid) and @uid (if @set_uid), in that order, each as
 * real, effective and saved id; with @drop_groups clear the supplementary
 * groups first. Every step must succeed (a user namespace whose setgroups is
 * "deny" refuses the first: EPERM). Returns 0 or -errno; *@what names the
 * failing step for the message. A uid other than 0 loses the capabilities
 * (no PR_SET_KEEPCAPS: util-linux keeps none across -S either).
 */
int nsu_set_ids(int set_uid, uid_t uid, int set_gid, gid_t gid, int drop_groups, const char **what);
/*
 * Make every permitted capability inheritable and every effective one
 * ambient, so that it survives
 * execve(2) of a program run as a non-root uid (Linux 4.3). Returns 0 or -errno.
 */
int nsu_caps_to_ambient(void);

#endif /* NSU_CREDS_H */
