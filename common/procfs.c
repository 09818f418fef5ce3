// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * procfs.c - /proc readers, see proc(5).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "cleanup.h"
#include "compat.h"
#include "procfs.h"

#ifndef PIDFS_MAGIC
#define PIDFS_MAGIC 0x50494446
#endif

int nsu_proc_open(pid_t pid)
{
	char path[32];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int nsu_proc_open_ns(int procfd, const char *entry)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "ns/%s", entry);
	fd = openat(procfd, path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int nsu_read_file_at(int dirfd, const char *name, char **buf, size_t *len)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *b = NULL;
	size_t size = 4096, used = 0;

	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	b = malloc(size);
	if (!b)
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		if (used + 1 >= size) {
			char *nb;

			if (size > (size_t)64 << 20)
				return -EFBIG;
			nb = realloc(b, size * 2);
			if (!nb)
				return -ENOMEM;
			b = nb;
			size *= 2;
		}
		n = read(fd, b + used, size - used - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	b[used] = '\0';
	if (len)
		*len = used;
	*buf = take_ptr(b);
	return 0;
}

int nsu_write_file_at(int dirfd, const char *name, const char *data, size_t len)
{
	_cleanup_close_ int fd = -1;
	ssize_t n;

	fd = openat(dirfd, name, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, data, len);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int nsu_proc_command(int procfd, const char *comm, char **cmd)
{
	char *buf = NULL;
	size_t len = 0;

	if (nsu_read_file_at(procfd, "cmdline", &buf, &len) == 0 && len > 0) {
		while (len > 0 && buf[len - 1] == '\0')
			len--;
		for (size_t i = 0; i < len; i++)
			if (buf[i] == '\0')
				buf[i] = ' ';
		buf[len] = '\0';
		*cmd = buf;
		return 0;
	}
	free(buf);
	*cmd = strdup(comm);
	return *cmd ? 0 : -ENOMEM;
}

int nsu_proc_read_stat(int procfd, struct nsu_procstat *st)
{
	_cleanup_free_ char *buf = NULL;
	char *open, *close;
	size_t n;
	int r;

	r = nsu_read_file_at(procfd, "stat", &buf, NULL);
	if (r < 0)
		return r;
	/* comm may hold spaces and parentheses: it ends at the last ')'. */
	open = strchr(buf, '(');
	close = strrchr(buf, ')');
	if (!open || !close || close < open)
		return -EINVAL;
	n = (size_t)(close - open - 1);
	if (n >= sizeof(st->comm))
		n = sizeof(st->comm) - 1;
	memcpy(st->comm, open + 1, n);
	st->comm[n] = '\0';
	st->pid = (pid_t)strtol(buf, NULL, 10);
	/* Fields after comm: 3 state, 4 ppid, ... 22 starttime. */
	if (sscanf(close + 2, "%c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d "
			      "%*d %*d %llu",
		   &st->state, &st->ppid, &st->starttime) != 3)
		return -EINVAL;
	return 0;
}

pid_t nsu_proc_next_pid(DIR *proc)
{
	struct dirent *d;

	while ((d = readdir(proc))) {
		char *end;
		long v;

		if (!isdigit((unsigned char)d->d_name[0]))
			continue;
		v = strtol(d->d_name, &end, 10);
		if (*end == '\0' && v > 0 && v <= INT_MAX)
			return (pid_t)v;
	}
	return 0;
}

int nsu_pidfd_open(pid_t pid)
{
	int fd = pidfd_open(pid, 0);

	return fd < 0 ? -errno : fd;
}

int nsu_pidfd_inode(int pidfd, unsigned long long *ino)
{
	struct statfs sfs;
	struct stat st;

	if (fstatfs(pidfd, &sfs) < 0 || fstat(pidfd, &st) < 0)
		return -errno;
	/* Before pidfs every pidfd shared one anonymous inode: useless as an identity. */
	if ((unsigned long)sfs.f_type != PIDFS_MAGIC)
		return -EOPNOTSUPP;
	*ino = (unsigned long long)st.st_ino;
	return 0;
}

DIR *nsu_opendir_at(int dirfd, const char *path)
{
	int fd = openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d) {
		int e = errno;

		close(fd);
		errno = e;
	}
	return d;
}

struct nsu_dirent64 {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

int nsu_procdir_open(struct nsu_procdir *d, int dirfd, const char *path)
{
	d->pos = d->len = 0;
	d->eof = 0;
	d->fd = openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return d->fd < 0 ? -errno : 0;
}

const char *nsu_procdir_next(struct nsu_procdir *d)
{
	const struct nsu_dirent64 *e;

	if (d->pos >= d->len) {
		long n;

		if (d->eof || d->fd < 0)
			return NULL;
		n = syscall(SYS_getdents64, d->fd, d->buf, sizeof(d->buf));
		if (n <= 0) {
			d->eof = 1;
			return NULL;
		}
		d->pos = 0;
		d->len = (size_t)n;
		/* room left for the longest entry: the kernel stopped at the end */
		if (d->len + sizeof(struct nsu_dirent64) + 256 <= sizeof(d->buf))
			d->eof = 1;
	}
	e = (const struct nsu_dirent64 *)(d->buf + d->pos);
	d->pos += e->reclen;
	return e->name;
}

void nsu_procdir_close(struct nsu_procdir *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}

char *nsu_pid_path(char *buf, pid_t pid, const char *sub)
{
	char digits[12];
	size_t n = 0, k = 0;
	unsigned long v = pid < 0 ? 0 : (unsigned long)pid;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		buf[k++] = digits[--n];
	buf[k++] = '/';
	strcpy(buf + k, sub);
	return buf;
}

/* The kB figure of a "Name:   N kB" line of /proc/meminfo, in bytes. */
static int meminfo_field(const char *line, const char *name, uint64_t *bytes)
{
	size_t n = strlen(name);
	uint64_t v = 0;
	const char *p;

	if (strncmp(line, name, n) != 0 || line[n] != ':')
		return -ENOENT;
	for (p = line + n + 1; *p == ' '; p++)
		;
	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	for (; isdigit((unsigned char)*p); p++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -ERANGE;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (strncmp(p, " kB", 3) != 0 || (p[3] != '\n' && p[3] != '\0') || v > UINT64_MAX / 1024)
		return -EINVAL;
	*bytes = v * 1024;
	return 0;
}

int nsu_proc_parse_meminfo_used(const char *text, uint64_t *used)
{
	uint64_t total = 0, avail = 0;
	int have = 0;

	for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (meminfo_field(line, "MemTotal", &total) == 0)
			have |= 1;
		else if (meminfo_field(line, "MemAvailable", &avail) == 0)
			have |= 2;
	}
	if (have != 3 || avail > total)
		return -EINVAL;
	*used = total - avail;
	return 0;
}
