// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of common/nstypes: the table agrees with the kernel's names.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "nstypes.h"
#include "tap.h"

int main(void)
{
	int flags = 0;

	for (int t = 0; t < NSU_NS_COUNT; t++) {
		const struct nsu_nsinfo *ns = nsu_ns_get(t);
		char path[64];

		ok(ns && ns->type == (enum nsu_nstype)t, "entry %d is in its place", t);
		ok(nsu_ns_by_name(ns->name) == ns && nsu_ns_by_name(ns->option) == ns,
		   "%s found by both names", ns->name);
		ok(nsu_ns_by_flag(ns->flag) == ns, "%s found by flag", ns->name);
		ok(nsu_ns_by_shortopt(ns->shortopt) == ns, "%s found by -%c", ns->name, ns->shortopt);
		ok((flags & ns->flag) == 0, "%s has its own flag", ns->name);
		flags |= ns->flag;
		snprintf(path, sizeof(path), "/proc/self/ns/%s", ns->proc);
		ok(access(path, F_OK) == 0, "%s exists", path);
	}
	ok(nsu_ns_by_name("bogus") == NULL, "unknown name");
	ok(nsu_ns_by_flag(CLONE_NEWNS | CLONE_NEWNET) == NULL, "no entry for two flags");
	ok(nsu_ns_get(NSU_NS_COUNT) == NULL, "past the end");
	ok(nsu_ns_by_shortopt('f') == NULL, "-f is no namespace");

	/* Link texts and nsfs mount roots: "kind:[inode]", nothing else. */
	{
		enum nsu_nstype t = NSU_NS_COUNT;
		uint64_t ino = 0;
		int fd;

		ok(nsu_ns_parse_link("net:[4026531833]", &t, &ino) == 0 && t == NSU_NS_NET && ino == 4026531833ULL,
		   "net:[4026531833] parses");
		ok(nsu_ns_parse_link("pid_for_children:[1]", &t, &ino) == -EINVAL, "a link name is no kind");
		ok(nsu_ns_parse_link("mnt:[18446744073709551616]", &t, &ino) == -EINVAL, "inode overflow");
		ok(nsu_ns_parse_link("mnt:[12]x", &t, &ino) == -EINVAL, "trailing garbage");
		ok(nsu_ns_parse_link("mnt:[]", &t, &ino) == -EINVAL, "empty inode");
		ok(nsu_ns_parse_link("mnt:[18446744073709551615]", &t, &ino) == 0 && ino == UINT64_MAX,
		   "the largest inode");
		ok(nsu_ns_parse_link("cgroup_for_something_long:[1]", &t, &ino) == -EINVAL, "a long unknown kind");
		ok(nsu_ns_parse_link("ne:[1]", &t, &ino) == -EINVAL, "a prefix of a kind");
		ok(nsu_ns_parse_link("time:[7]", &t, &ino) == 0 && t == NSU_NS_TIME && ino == 7, "time");
		ok(nsu_ns_parse_link("mnt:[-1]", &t, &ino) == -EINVAL, "negative inode");
		ok(nsu_ns_parse_link("socket:[123]", &t, &ino) == -EINVAL, "a socket is no namespace");
		ok(nsu_ns_parse_link("/", &t, &ino) == -EINVAL, "a path is no namespace");
		fd = open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC);
		ok(fd >= 0 && nsu_ns_fd_info(fd, &t, &ino) == 0 && t == NSU_NS_UTS, "NS_GET_NSTYPE of our uts");
		if (fd >= 0)
			close(fd);
		fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
		ok(fd >= 0 && nsu_ns_fd_info(fd, &t, &ino) == -EINVAL, "a /proc file is no namespace");
		if (fd >= 0)
			close(fd);
		fd = open("/proc/self/ns", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		ok(fd >= 0 && nsu_ns_readlink(fd, "ipc", &t, &ino) == 0 && t == NSU_NS_IPC && ino > 0,
		   "readlink of ns/ipc");
		ok(fd >= 0 && nsu_ns_readlink(fd, "nsutils-none", &t, &ino) == -ENOENT, "a missing link");
		if (fd >= 0)
			close(fd);
		ok(nsu_ns_readlink(AT_FDCWD, "/proc/self/exe", &t, &ino) == -EINVAL, "a link to a file is no namespace");
		ok(nsu_is_nsfs("/proc/self/ns/net") == 1, "/proc/self/ns/net is on nsfs");
		ok(nsu_is_nsfs("/proc/self") == 0, "/proc/self is not");
		ok(nsu_is_nsfs("/nonexistent/nsutils-test") == -ENOENT, "a missing path");
	}
	return tap_done();
}
