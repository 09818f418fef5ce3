// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of common/procfs against this process's own /proc entries.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
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
	{
		uint64_t used = 0;

		ok(nsu_proc_parse_meminfo_used("MemTotal:       16000 kB\nMemFree:  1 kB\nMemAvailable:   4000 kB\n", &used) ==
			   0 && used == 12000 * 1024,
		   "meminfo: total less available");
		ok(nsu_proc_parse_meminfo_used("MemTotal: 16000 kB\n", &used) == -EINVAL, "meminfo: no MemAvailable");
		ok(nsu_proc_parse_meminfo_used("MemTotal: 1 kB\nMemAvailable: 2 kB\n", &used) == -EINVAL,
		   "meminfo: more available than total");
		ok(nsu_proc_parse_meminfo_used("MemTotal: 99999999999999999999 kB\nMemAvailable: 1 kB\n", &used) == -EINVAL,
		   "meminfo: overflow");
	}
	ok(nsu_proc_open(0x7ffffff0) == -ENOENT, "a PID that does not exist");
	ok(nsu_proc_read_stat(procfd, &st) == 0, "read stat");
	ok(st.pid == getpid() && st.ppid == getppid(), "stat: pid and ppid");
	/* the comm the kernel shows (under valgrind it is valgrind's, not ours) */
	{
		FILE *f = fopen("/proc/self/comm", "r");
		char comm[32] = "";

		if (f && fgets(comm, sizeof(comm), f))
			comm[strcspn(comm, "\n")] = '\0';
		if (f)
			fclose(f);
		ok(strcmp(st.comm, comm) == 0, "stat: comm is '%s'", st.comm);
	}
	/* the arguments, NUL-separated: ours is among them */
	ok(nsu_read_file_at(procfd, "cmdline", &buf, &len) == 0 && len > 0 &&
		   memmem(buf, len, "procfs.unit", 11),
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
	{
		char path[32];

		ok(strcmp(nsu_pid_path(path, 2147483647, "task"), "2147483647/task") == 0, "pid path of the largest PID");
		ok(strcmp(nsu_pid_path(path, 1, "fd"), "1/fd") == 0, "pid path of PID 1");
	}
	{
		/* the descriptors of this process, read straight: every open one is listed once */
		int extra[64], seen[256] = {0}, nseen = 0, r;
		struct nsu_procdir pd;
		const char *name;
		bool all = true;

		for (int i = 0; i < 64; i++)
			extra[i] = open("/dev/null", O_RDONLY | O_CLOEXEC);
		r = nsu_procdir_open(&pd, procfd, "fd");
		ok(r == 0, "procdir of fd opens");
		while (r == 0 && (name = nsu_procdir_next(&pd))) {
			int n = atoi(name);

			if (name[0] >= '0' && name[0] <= '9' && n < 256) {
				seen[n]++;
				nseen++;
			}
		}
		nsu_procdir_close(&pd);
		for (int i = 0; i < 64; i++)
			all = all && extra[i] >= 0 && extra[i] < 256 && seen[extra[i]] == 1;
		ok(all && nseen >= 67, "procdir lists each of %d descriptors once", nseen);
		for (int i = 0; i < 64; i++)
			close(extra[i]);
		ok(nsu_procdir_open(&pd, procfd, "nsutils-no-such-dir") == -ENOENT, "procdir of a missing directory");
	}
	{
		/* a directory longer than one buffer: the end is not guessed too early */
		char dir[] = "/tmp/nsutils-test-procdir.XXXXXX", path[64];
		struct nsu_procdir pd;
		bool self = false;
		int n = 0;
		const char *name;

		if (nsu_procdir_open(&pd, AT_FDCWD, "/proc") == 0) {
			while ((name = nsu_procdir_next(&pd)))
				self |= atoi(name) == getpid();
			nsu_procdir_close(&pd);
		}
		ok(self, "procdir of /proc finds our PID");
		if (mkdtemp(dir)) {
			for (int i = 0; i < 2000; i++) {
				snprintf(path, sizeof(path), "%s/entry-%d", dir, i);
				close(open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
			}
			if (nsu_procdir_open(&pd, AT_FDCWD, dir) == 0) {
				while ((name = nsu_procdir_next(&pd)))
					n += strncmp(name, "entry-", 6) == 0;
				nsu_procdir_close(&pd);
			}
			for (int i = 0; i < 2000; i++) {
				snprintf(path, sizeof(path), "%s/entry-%d", dir, i);
				unlink(path);
			}
			rmdir(dir);
		}
		ok(n == 2000, "procdir reads all 2000 entries of a long directory (%d)", n);
	}
	close(procfd);
	return tap_done();
}
