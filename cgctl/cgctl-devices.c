// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-devices.c - devices.allow, devices.deny and devices.list on cgroup
 * v2, where the kernel has no such files but runs a BPF_PROG_TYPE_CGROUP_DEVICE
 * program of the group (and of each ancestor) at every device access. The
 * group's rules are kept with the group itself, as the extended attribute
 * trusted.nsutils.devices of its directory (they go when it goes; only root
 * may read or change it, not the user a group is delegated to), and compiled
 * (common/devrules.c) into one program named nsu_devices (known as ours by
 * its id, kept as trusted.nsutils.devices.prog), attached with
 * BPF_F_ALLOW_MULTI next to programs of others (systemd's, a container
 * runtime's) and replaced atomically with BPF_F_REPLACE. The raw bpf(2)
 * system call does it: six commands, no object files, no libbpf.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <linux/bpf.h>

#include "cgctl.h"
#include "cgctl-devices.h"
#include "cgctl-group.h"
#include "cleanup.h"
#include "devrules.h"

/* trusted.*: only root reads or writes it, not a delegatee who owns the directory (user.* it may) */
#define DEVICES_XATTR "trusted.nsutils.devices"
/* the id of the program that enforces them: how cgctl tells its own program from others' */
#define DEVICES_PROG_XATTR "trusted.nsutils.devices.prog"
#define DEVICES_PROG_NAME "nsu_devices"

static int sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr)
{
	long r = syscall(SYS_bpf, cmd, attr, sizeof(*attr));

	return r < 0 ? -errno : (int)r;
}

/* The id of our program, kept with the group: 0 where none is. */
static uint32_t kept_prog_id(int gfd)
{
	char buf[16];
	ssize_t len = fgetxattr(gfd, DEVICES_PROG_XATTR, buf, sizeof(buf) - 1);
	unsigned long id;

	if (len <= 0)
		return 0;
	buf[len] = '\0';
	return sscanf(buf, "%lu", &id) == 1 && id <= UINT32_MAX ? (uint32_t)id : 0;
}

/*
 * Our program attached to the group at @gfd itself (not an ancestor's), as
 * an fd; -ENOENT if none. Ours is the one whose id is kept with the group
 * (a name can be anyone's: a foreign program called nsu_devices stays).
 */
static int attached_program(int gfd)
{
	uint32_t ids[64], want = kept_prog_id(gfd);
	union bpf_attr q = {0};
	int r;

	if (!want)
		return -ENOENT;
	q.query.target_fd = (uint32_t)gfd;
	q.query.attach_type = BPF_CGROUP_DEVICE;
	q.query.prog_ids = (uint64_t)(uintptr_t)ids;
	q.query.prog_cnt = NSU_ARRAY_SIZE(ids);
	r = sys_bpf(BPF_PROG_QUERY, &q);
	if (r < 0)
		return r;
	for (uint32_t i = 0; i < q.query.prog_cnt && i < NSU_ARRAY_SIZE(ids); i++) {
		union bpf_attr g = {0};

		if (ids[i] != want)
			continue;
		g.prog_id = ids[i];
		return sys_bpf(BPF_PROG_GET_FD_BY_ID, &g);
	}
	return -ENOENT;
}

/* The id of the program at @prog, or 0. */
static uint32_t prog_id(int prog)
{
	union bpf_attr in = {0};
	struct bpf_prog_info info = {0};

	in.info.bpf_fd = (uint32_t)prog;
	in.info.info_len = sizeof(info);
	in.info.info = (uint64_t)(uintptr_t)&info;
	return sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &in) == 0 ? info.id : 0;
}

/* How many device programs are attached to the group at @gfd itself, their flags in *@flags; -errno. */
static int attached_flags(int gfd, uint32_t *flags)
{
	union bpf_attr q = {0};
	int r;

	q.query.target_fd = (uint32_t)gfd;
	q.query.attach_type = BPF_CGROUP_DEVICE;
	r = sys_bpf(BPF_PROG_QUERY, &q);
	if (r < 0)
		return r;
	*flags = q.query.attach_flags;
	return (int)q.query.prog_cnt;
}

int devices_overridable(int gfd)
{
	uint32_t flags;
	int n = attached_flags(gfd, &flags);

	return n < 0 ? n : n > 0 && (flags & BPF_F_ALLOW_OVERRIDE) != 0;
}

int devices_exclusive(int gfd)
{
	uint32_t flags;
	int n = attached_flags(gfd, &flags);

	return n < 0 ? n : n > 0 && (flags & (BPF_F_ALLOW_OVERRIDE | BPF_F_ALLOW_MULTI)) == 0;
}

static int load_program(const struct nsu_dev_rules *rules)
{
	_cleanup_free_ struct bpf_insn *insns = NULL;
	union bpf_attr a = {0};
	size_t n;
	int r = nsu_dev_rules_compile(rules, &insns, &n);

	if (r < 0)
		return r;
	a.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
	a.insns = (uint64_t)(uintptr_t)insns;
	a.insn_cnt = (uint32_t)n;
	a.license = (uint64_t)(uintptr_t) "GPL";
	memcpy(a.prog_name, DEVICES_PROG_NAME, sizeof(DEVICES_PROG_NAME));
	return sys_bpf(BPF_PROG_LOAD, &a);
}

/* Attach @prog to the group, in place of @old (-1: none) in one step. */
static int attach(int gfd, int prog, int old)
{
	union bpf_attr a = {0};

	a.target_fd = (uint32_t)gfd;
	a.attach_bpf_fd = (uint32_t)prog;
	a.attach_type = BPF_CGROUP_DEVICE;
	a.attach_flags = BPF_F_ALLOW_MULTI | (old >= 0 ? BPF_F_REPLACE : 0);
	a.replace_bpf_fd = old >= 0 ? (uint32_t)old : 0;
	return sys_bpf(BPF_PROG_ATTACH, &a);
}

static int detach(int gfd, int prog)
{
	union bpf_attr a = {0};

	a.target_fd = (uint32_t)gfd;
	a.attach_bpf_fd = (uint32_t)prog;
	a.attach_type = BPF_CGROUP_DEVICE;
	return sys_bpf(BPF_PROG_DETACH, &a);
}

int devices_read_v2(int gfd, struct nsu_dev_rules *rules)
{
	char buf[64 * 1024];
	ssize_t len = fgetxattr(gfd, DEVICES_XATTR, buf, sizeof(buf) - 1);

	*rules = (struct nsu_dev_rules)NSU_DEV_RULES_INIT;
	if (len < 0 && errno == ENODATA) {
		/* no rules kept: everything allowed, unless our program is there (then its rules are not known) */
		_cleanup_close_ int prog = attached_program(gfd);

		return prog >= 0 ? -ENOKEY : 0;
	}
	if (len < 0)
		return -errno;
	buf[len] = '\0';
	return nsu_dev_rules_parse(buf, rules);
}

int devices_store_v2(int gfd, const struct nsu_dev_rules *rules)
{
	_cleanup_close_ int old = attached_program(gfd), prog = -1;
	_cleanup_free_ char *text = NULL;
	char id[16];
	int r;

	if (old < 0 && old != -ENOENT)
		return old;
	/* allowing everything: no program, no rules kept */
	if (rules->allow && rules->n == 0) {
		if (old >= 0 && (r = detach(gfd, old)) < 0)
			return r;
		if (fremovexattr(gfd, DEVICES_XATTR) < 0 && errno != ENODATA) {
			r = -errno;
			/* the kept rules stay: so does the program that enforces them */
			if (old >= 0)
				attach(gfd, old, -1);
			return r;
		}
		fremovexattr(gfd, DEVICES_PROG_XATTR);
		return 0;
	}
	text = nsu_dev_rules_format(rules);
	if (!text)
		return -ENOMEM;
	prog = load_program(rules);
	if (prog < 0)
		return prog;
	r = attach(gfd, prog, old);
	if (r < 0)
		return r;
	snprintf(id, sizeof(id), "%u", prog_id(prog));
	if (fsetxattr(gfd, DEVICES_PROG_XATTR, id, strlen(id), 0) < 0 ||
	    fsetxattr(gfd, DEVICES_XATTR, text, strlen(text), 0) < 0) {
		r = -errno;
		/* the program and the kept rules must not disagree: the old program back, and its id */
		if (old >= 0) {
			attach(gfd, old, prog);
			snprintf(id, sizeof(id), "%u", prog_id(old));
			fsetxattr(gfd, DEVICES_PROG_XATTR, id, strlen(id), 0);
		} else {
			detach(gfd, prog);
			fremovexattr(gfd, DEVICES_PROG_XATTR);
		}
		return r;
	}
	return 0;
}

int devices_lock(int gfd)
{
	/*
	 * Not the directory: exec --rm holds it shared while it runs, and create
	 * holds the root; a file nothing else locks serialises rule changes only.
	 */
	int fd = openat(gfd, "cgroup.controllers", O_RDONLY | O_CLOEXEC);

	return flock_or_close(fd < 0 ? -errno : fd, LOCK_EX);
}
