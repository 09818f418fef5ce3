// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of common/procfs against this process's own /proc entries.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procfs.h"
#include "tap.h"

int main(void)
{
	struct nsu_procstat st;
	char *buf = NULL;
	size_t len = 0;
	int procfd = nsu_proc_open(getpid());
	int found = 0;
	DIR *d;
	pid_t p;

	ok(procfd >= 0, "open /proc/self by PID");
	ok(nsu_proc_open(0x7ffffff0) == -ENOENT, "a PID that does not exist");
	ok(nsu_proc_read_stat(procfd, &st) == 0, "read stat");
	ok(st.pid == getpid() && st.ppid == getppid(), "stat: pid and ppid");
	ok(strncmp(st.comm, "procfs.unit", 15) == 0, "stat: comm is '%s'", st.comm);
	ok(nsu_read_file_at(procfd, "cmdline", &buf, &len) == 0 && len > 0 &&
		   strstr(buf, "procfs.unit"),
	   "read cmdline (%zu bytes)", len);
	free(buf);
	ok(nsu_read_file_at(procfd, "nsutils-no-such-file", &buf, &len) == -ENOENT,
	   "read a missing file");
	{
		int fd = nsu_proc_open_ns(procfd, "net");

		ok(fd >= 0, "open ns/net");
		if (fd >= 0)
			close(fd);
	}
	ok(nsu_proc_open_ns(procfd, "bogus") == -ENOENT, "open ns/bogus");

	d = opendir("/proc");
	while (d && (p = nsu_proc_next_pid(d)) > 0)
		found |= p == getpid();
	if (d)
		closedir(d);
	ok(found, "iterating /proc finds our PID");

	{
		char path[] = "/tmp/nsutils-test-write.XXXXXX";
		int fd = mkstemp(path);

		if (fd >= 0)
			close(fd);
		ok(nsu_write_file_at(AT_FDCWD, path, "hello", 5) == 0 &&
			   nsu_read_file_at(AT_FDCWD, path, &buf, &len) == 0 && len == 5 &&
			   strcmp(buf, "hello") == 0,
		   "write then read a file");
		free(buf);
		unlink(path);
		ok(nsu_write_file_at(AT_FDCWD, "/nonexistent/nsutils-test", "x", 1) == -ENOENT,
		   "write to a missing directory");
	}
	{
		int pidfd = nsu_pidfd_open(getpid());
		unsigned long long ino = 0;
		int r;

		ok(pidfd >= 0 || pidfd == -ENOSYS, "pidfd_open of ourselves");
		r = pidfd >= 0 ? nsu_pidfd_inode(pidfd, &ino) : -EOPNOTSUPP;
		ok((r == 0 && ino > 0) || r == -EOPNOTSUPP, "pidfd inode, or a clear no (%d)", r);
		if (pidfd >= 0)
			close(pidfd);
	}
	close(procfd);
	return tap_done();
}
