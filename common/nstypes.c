// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nstypes.c - the namespace kind table, see namespaces(7).
 */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "compat.h"
#include "cleanup.h"
#include "nstypes.h"

static const struct nsu_nsinfo nstable[NSU_NS_COUNT] = {
	[NSU_NS_MNT] = {NSU_NS_MNT, "mnt", "mount", 'm', CLONE_NEWNS, "CLONE_NEWNS", "mnt", NULL},
	[NSU_NS_UTS] = {NSU_NS_UTS, "uts", "uts", 'u', CLONE_NEWUTS, "CLONE_NEWUTS", "uts", NULL},
	[NSU_NS_IPC] = {NSU_NS_IPC, "ipc", "ipc", 'i', CLONE_NEWIPC, "CLONE_NEWIPC", "ipc", NULL},
	[NSU_NS_NET] = {NSU_NS_NET, "net", "net", 'n', CLONE_NEWNET, "CLONE_NEWNET", "net", NULL},
	[NSU_NS_PID] = {NSU_NS_PID, "pid", "pid", 'p', CLONE_NEWPID, "CLONE_NEWPID", "pid", "pid_for_children"},
	[NSU_NS_USER] = {NSU_NS_USER, "user", "user", 'U', CLONE_NEWUSER, "CLONE_NEWUSER", "user", NULL},
	[NSU_NS_CGROUP] = {NSU_NS_CGROUP, "cgroup", "cgroup", 'C', CLONE_NEWCGROUP, "CLONE_NEWCGROUP", "cgroup", NULL},
	[NSU_NS_TIME] = {NSU_NS_TIME, "time", "time", 'T', CLONE_NEWTIME, "CLONE_NEWTIME", "time",
			 "time_for_children"},
};

const struct nsu_nsinfo *nsu_ns_get(enum nsu_nstype type)
{
	if ((unsigned int)type >= NSU_NS_COUNT)
		return NULL;
	return &nstable[type];
}

const struct nsu_nsinfo *nsu_ns_by_name(const char *name)
{
	for (size_t i = 0; i < NSU_ARRAY_SIZE(nstable); i++)
		if (strcmp(name, nstable[i].name) == 0 || strcmp(name, nstable[i].option) == 0)
			return &nstable[i];
	return NULL;
}

const struct nsu_nsinfo *nsu_ns_by_flag(int flag)
{
	for (size_t i = 0; i < NSU_ARRAY_SIZE(nstable); i++)
		if (nstable[i].flag == flag)
			return &nstable[i];
	return NULL;
}

const struct nsu_nsinfo *nsu_ns_by_shortopt(int c)
{
	for (size_t i = 0; i < NSU_ARRAY_SIZE(nstable); i++)
		if (nstable[i].shortopt == c)
			return &nstable[i];
	return NULL;
}

int nsu_ns_parse_link(const char *s, enum nsu_nstype *type, uint64_t *ino)
{
	const char *colon = strchr(s, ':'), *p;
	size_t len = colon ? (size_t)(colon - s) : 0;
	uint64_t v = 0;

	if (!colon || colon[1] != '[' || colon[2] < '0' || colon[2] > '9')
		return -EINVAL;
	/* by hand, not strtoull and strncmp: a walk parses ten links per process */
	for (p = colon + 2; *p >= '0' && *p <= '9'; p++)
		if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, (uint64_t)(*p - '0'), &v))
			return -EINVAL;
	if (p[0] != ']' || p[1] != '\0')
		return -EINVAL;
	for (size_t i = 0; i < NSU_ARRAY_SIZE(nstable); i++) {
		const char *name = nstable[i].proc;

		if (name[0] != s[0] || strnlen(name, len + 1) != len || memcmp(name, s, len) != 0)
			continue;
		*type = nstable[i].type;
		*ino = v;
		return 0;
	}
	return -EINVAL;
}

int nsu_ns_fd_info(int fd, enum nsu_nstype *type, uint64_t *ino)
{
	const struct nsu_nsinfo *info;
	struct stat st;
	int flag;

	if (fstat(fd, &st) < 0)
		return -errno;
	flag = ioctl(fd, NS_GET_NSTYPE);
	if (flag < 0)
		return errno == ENOTTY ? -EINVAL : -errno;
	info = nsu_ns_by_flag(flag);
	if (!info)
		return -EINVAL;
	*type = info->type;
	*ino = st.st_ino;
	return 0;
}

int nsu_ns_fd_related(int fd, unsigned long req)
{
	int r = ioctl(fd, req);

	return r < 0 ? -errno : r;
}

int nsu_ns_readlink(int dirfd, const char *name, enum nsu_nstype *type, uint64_t *ino)
{
	char buf[64];
	ssize_t n = readlinkat(dirfd, name, buf, sizeof(buf) - 1);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return nsu_ns_parse_link(buf, type, ino);
}

int nsu_is_nsfs(const char *path)
{
	struct statfs sfs;

	if (statfs(path, &sfs) < 0)
		return -errno;
	return (unsigned long)sfs.f_type == NSFS_MAGIC;
}

int nsu_fd_is_nsfs(int fd)
{
	struct statfs sfs;

	if (fstatfs(fd, &sfs) < 0)
		return -errno;
	return (unsigned long)sfs.f_type == NSFS_MAGIC;
}
