// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * creds.c - credentials, see credentials(7) and capabilities(7).
 */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "creds.h"

int nsu_set_ids(int set_uid, uid_t uid, int set_gid, gid_t gid, int drop_groups, const char **what)
{
	if (drop_groups && setgroups(0, NULL) < 0) {
		*what = "setgroups";
		return -errno;
	}
	if (set_gid && setresgid(gid, gid, gid) < 0) {
		*what = "setgid";
		return -errno;
	}
	if (set_uid && setresuid(uid, uid, uid) < 0) {
		*what = "setuid";
		return -errno;
	}
	return 0;
}

static int last_cap(void)
{
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
	int cap = CAP_LAST_CAP;

	if (f) {
		if (fscanf(f, "%d", &cap) != 1)
			cap = CAP_LAST_CAP;
		fclose(f);
	}
	return cap;
}

int nsu_caps_to_ambient(void)
{
	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[2];
	int last = last_cap();

	if (syscall(SYS_capget, &hdr, data) < 0)
		return -errno;
	/* An ambient capability must be permitted and inheritable. */
	data[0].inheritable = data[0].permitted;
	data[1].inheritable = data[1].permitted;
	if (syscall(SYS_capset, &hdr, data) < 0)
		return -errno;
	/* The effective ones, as util-linux: what the program could use now. */
	for (int cap = 0; cap <= last && cap < 64; cap++) {
		if (!(data[cap / 32].effective & (1U << (cap % 32))))
			continue;
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
			return -errno;
	}
	return 0;
}
