// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of common/mountutil: the parsers, and the mount-table queries
 * against mounts every Linux system has.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <sys/mount.h>

#include "mountutil.h"
#include "tap.h"

static int mnt_is(const char *line, const char *target, const char *fstype, const char *opts, unsigned int min,
		  bool shared)
{
	char *copy = strdup(line);
	struct nsu_mnt m;
	int r = copy && nsu_mnt_parse_line(copy, &m) == 0 && strcmp(m.target, target) == 0 &&
		strcmp(m.fstype, fstype) == 0 && strcmp(m.super_opts, opts) == 0 && m.dev == makedev(0, min) &&
		m.shared == shared;

	free(copy);
	return r;
}

static int mnt_refused(const char *line)
{
	char *copy = strdup(line);
	struct nsu_mnt m;
	int r = copy && nsu_mnt_parse_line(copy, &m) == -EINVAL;

	free(copy);
	return r;
}

static void test_mountinfo(void)
{
	ok(mnt_is("35 26 0:30 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 "
		  "rw,nsdelegate",
		  "/sys/fs/cgroup/unified", "cgroup2", "rw,nsdelegate", 30, true),
	   "mountinfo: cgroup2 with an optional field");
	ok(mnt_is("40 26 0:35 / /sys/fs/cgroup/cpu,cpuacct rw shared:15 master:3 - cgroup cgroup rw,cpu,cpuacct",
		  "/sys/fs/cgroup/cpu,cpuacct", "cgroup", "rw,cpu,cpuacct", 35, true),
	   "mountinfo: v1 with two optional fields");
	ok(mnt_is("41 26 0:36 / /mnt/a\\040b\\134c rw - cgroup none rw,name=x", "/mnt/a b\\c", "cgroup", "rw,name=x", 36, false),
	   "mountinfo: an escaped space and backslash in the mount point");
	ok(mnt_is("42 26 0:37 / /m rw - cgroup2 none", "/m", "cgroup2", "", 37, false), "mountinfo: no super options");
	ok(mnt_is("43 26 0:38 / /p rw master:3 - tmpfs tmpfs rw", "/p", "tmpfs", "rw", 38, false) &&
		   mnt_is("44 26 0:39 / /q rw,shared:1 - tmpfs tmpfs rw", "/q", "tmpfs", "rw", 39, false),
	   "mountinfo: a slave is not shared, nor are options that say shared:");
	ok(mnt_refused("42 26 0:37 / /m rw cgroup2 none rw") && mnt_refused("42 26 x / /m rw - cgroup2 none rw") &&
		   mnt_refused("42 26 0:37 / /m rw -") && mnt_refused("") && mnt_refused("42 26 0:37 /"),
	   "mountinfo: a line without its separator, device, type or source is none");
}

int main(void)
{
	unsigned long flag = 1;
	char *target = NULL;

	test_mountinfo();
	ok(nsu_parse_propagation("private", &flag) == 0 && flag == MS_PRIVATE, "private");
	ok(nsu_parse_propagation("shared", &flag) == 0 && flag == MS_SHARED, "shared");
	ok(nsu_parse_propagation("slave", &flag) == 0 && flag == MS_SLAVE, "slave");
	ok(nsu_parse_propagation("unchanged", &flag) == 0 && flag == 0, "unchanged");
	ok(nsu_parse_propagation("Private", &flag) == -EINVAL, "case matters");
	ok(nsu_parse_propagation("", &flag) == -EINVAL, "empty");

	ok(nsu_path_on_shared_mount("/proc/self") >= 0, "propagation of /proc is known");

	ok(nsu_find_fstype("proc", &target) == 0 && target && strcmp(target, "/proc") == 0,
	   "the first proc mount is /proc (%s)", target ? target : "none");
	free(target);
	target = NULL;
	ok(nsu_find_fstype("nsutils-no-such-fs", &target) == -ENOENT && !target,
	   "no mount of an unknown type");
	return tap_done();
}
