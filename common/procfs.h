/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * procfs.h - reading /proc/PID without races: everything through a directory
 * fd of the process (openat), so a PID reused mid-read cannot mix two processes.
 */
#ifndef NSU_PROCFS_H
#define NSU_PROCFS_H

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct nsu_procstat {
	pid_t pid;
	pid_t ppid;
	char state;
	char comm[64];
	unsigned long long starttime; /* clock ticks since boot */
};

/* Open /proc/PID as a directory fd (O_PATH would refuse openat of some files). */
int nsu_proc_open(pid_t pid);
/* Open ns/ENTRY under a /proc/PID fd, read-only. Returns fd or -errno. */
int nsu_proc_open_ns(int procfd, const char *entry);
/*
 * Read a whole /proc file (@name relative to @procfd; AT_FDCWD for absolute
 * paths) into a NUL-terminated malloc'ed buffer; *len excludes the NUL.
 * Returns 0 or -errno.
 */
int nsu_read_file_at(int dirfd, const char *name, char **buf, size_t *len);
/*
 * Write @len bytes of @data to @name (relative to @dirfd; AT_FDCWD for absolute
 * paths) in one write(2): /proc files such as uid_map, timens_offsets or
 * cgroup.procs take their content only whole. Returns 0 or -errno (-EIO for a
 * short write).
 */
int nsu_write_file_at(int dirfd, const char *name, const char *data, size_t len);
/* Parse /proc/PID/stat. Returns 0 or -errno. */
int nsu_proc_read_stat(int procfd, struct nsu_procstat *st);
/*
 * The command line of the process at @procfd, its NULs as spaces, malloc'ed
 * in *@cmd; a kernel thread has none: its @comm then. 0 or -errno.
 */
int nsu_proc_command(int procfd, const char *comm, char **cmd);
/* The memory in use by the whole system from the text of /proc/meminfo (MemTotal - MemAvailable), in bytes: 0 or -EINVAL. */
int nsu_proc_parse_meminfo_used(const char *text, uint64_t *used);
/*
 * Next PID from an opendir("/proc") stream; 0 at the end. Non-numeric entries
 * are skipped.
 */
pid_t nsu_proc_next_pid(DIR *proc);

/* @path (relative to @dirfd) as a directory stream, or NULL with errno set. */
DIR *nsu_opendir_at(int dirfd, const char *path);

/*
 * The entries of a /proc directory read straight with getdents64: no
 * fstat and fcntl as fdopendir makes, and no second call to learn the end
 * when a call left room for more (procfs fills the buffer while entries
 * remain). For directories read once per process of a walk.
 */
struct nsu_procdir {
	int fd;
	size_t pos, len;
	int eof;
	char buf[8192] __attribute__((aligned(8)));
};
/* Open @path under @dirfd. Returns 0 or -errno. */
int nsu_procdir_open(struct nsu_procdir *d, int dirfd, const char *path);
/* The next entry's name ("." and ".." included), or NULL at the end or on error. */
const char *nsu_procdir_next(struct nsu_procdir *d);
void nsu_procdir_close(struct nsu_procdir *d);
/* "PID/SUB" into @buf (room for 12 + strlen(@sub) bytes), cheaper than snprintf. */
char *nsu_pid_path(char *buf, pid_t pid, const char *sub);
/* Open a pidfd for @pid (pidfd_open, Linux 5.3). Returns fd or -errno. */
int nsu_pidfd_open(pid_t pid);
/*
 * The inode number that identifies the process behind @pidfd for as long as
 * it lives (pidfs, Linux 6.9). -EOPNOTSUPP where pidfds have no such inode.
 */
int nsu_pidfd_inode(int pidfd, unsigned long long *ino);

#endif /* NSU_PROCFS_H */
