// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of common/mountutil: the parsers, and the mount-table queries
 * against mounts every Linux system has.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include "mountutil.h"
#include "tap.h"

int main(void)
{
	unsigned long flag = 1;
	char *target = NULL;

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
