/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgctl-devices.h - devices.allow, devices.deny and devices.list on cgroup
 * v2, where a device program attached to the group enforces them
 * (cgctl-devices.c).
 */
#ifndef CGCTL_DEVICES_H
#define CGCTL_DEVICES_H

struct nsu_dev_rules;
/*
 * The device rules of the v2 group at @gfd: those kept with it, or "allow
 * everything" where it has neither rules nor our program. 0 or -errno:
 * -ENOKEY when our program is attached but no rules are kept with it (an
 * older cgctl kept them where a delegatee could change them).
 */
int devices_read_v2(int gfd, struct nsu_dev_rules *rules);
/*
 * Make @rules the group's: its device program loaded and attached in place of
 * the previous one in one step (or detached for "allow everything"), then the
 * rules kept with the group; nothing changed on failure. 0 or -errno.
 */
int devices_store_v2(int gfd, const struct nsu_dev_rules *rules);
/* Serialise changes of the rules of the group at @gfd: an fd to close to unlock, or -errno. */
int devices_lock(int gfd);

/*
 * Whether the group at @gfd has a device program attached with
 * BPF_F_ALLOW_OVERRIDE (a program of a group below replaces it there): 1,
 * 0, or -errno.
 */
int devices_overridable(int gfd);
/* Whether the group at @gfd has a device program attached with neither flag (it alone may be there): 1, 0, -errno. */
int devices_exclusive(int gfd);

#endif /* CGCTL_DEVICES_H */
