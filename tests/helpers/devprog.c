// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * devprog - a test helper: attach a foreign cgroup v2 device program (one
 * cgctl did not make) to a group, the way another manager would, with the
 * attach flags asked for: "override" (BPF_F_ALLOW_OVERRIDE), "multi"
 * (BPF_F_ALLOW_MULTI) or "exclusive" (none). It denies MAJOR:MINOR of
 * character devices and allows every other access; NAME (foreign_dev
 * unless given) is its program name. Usage:
 *   devprog GROUP-DIR override|multi|exclusive MAJOR MINOR [NAME]
 * It stays attached after devprog exits (the group holds it), until the
 * group goes. Exit 0 when attached, 1 with a message otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/bpf.h>

static int sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr)
{
	return (int)syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

#define INSN(c, d, s, o, i) ((struct bpf_insn){.code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i)})

int main(int argc, char **argv)
{
	unsigned int flags, major, minor;
	static char log[65536];
	union bpf_attr a;
	int gfd, prog;

	if ((argc != 5 && argc != 6) || sscanf(argv[3], "%u", &major) != 1 || sscanf(argv[4], "%u", &minor) != 1 ||
	    (argc == 6 && strlen(argv[5]) >= sizeof(a.prog_name))) {
		fprintf(stderr, "usage: devprog GROUP-DIR override|multi|exclusive MAJOR MINOR [NAME]\n");
		return 1;
	}
	if (strcmp(argv[2], "override") == 0)
		flags = BPF_F_ALLOW_OVERRIDE;
	else if (strcmp(argv[2], "multi") == 0)
		flags = BPF_F_ALLOW_MULTI;
	else if (strcmp(argv[2], "exclusive") == 0)
		flags = 0;
	else {
		fprintf(stderr, "devprog: unknown flags '%s'\n", argv[2]);
		return 1;
	}
	/*
	 * r2 = ctx->access_type & 0xffff (the device type); char devices only,
	 * then ctx->major, ctx->minor against ours: 0 (deny) on a match, 1 else.
	 */
	struct bpf_insn insns[] = {
		INSN(BPF_LDX | BPF_W | BPF_MEM, BPF_REG_2, BPF_REG_1, 0, 0),
		INSN(BPF_ALU | BPF_AND | BPF_K, BPF_REG_2, 0, 0, 0xffff),
		INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_2, 0, 6, BPF_DEVCG_DEV_CHAR),
		INSN(BPF_LDX | BPF_W | BPF_MEM, BPF_REG_3, BPF_REG_1, 4, 0),
		INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_3, 0, 4, (int)major),
		INSN(BPF_LDX | BPF_W | BPF_MEM, BPF_REG_4, BPF_REG_1, 8, 0),
		INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_4, 0, 2, (int)minor),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0),
		INSN(BPF_JMP | BPF_JA, 0, 0, 1, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 1),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
	a.insns = (unsigned long)insns;
	a.insn_cnt = sizeof(insns) / sizeof(insns[0]);
	a.license = (unsigned long)"GPL";
	snprintf(a.prog_name, sizeof(a.prog_name), "%s", argc == 6 ? argv[5] : "foreign_dev");
	a.log_buf = (unsigned long)log;
	a.log_size = sizeof(log);
	a.log_level = 1;
	prog = sys_bpf(BPF_PROG_LOAD, &a);
	if (prog < 0) {
		fprintf(stderr, "devprog: cannot load the program: %s\n%s", strerror(errno), log);
		return 1;
	}
	gfd = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (gfd < 0) {
		fprintf(stderr, "devprog: cannot open %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	memset(&a, 0, sizeof(a));
	a.target_fd = (unsigned int)gfd;
	a.attach_bpf_fd = (unsigned int)prog;
	a.attach_type = BPF_CGROUP_DEVICE;
	a.attach_flags = flags;
	if (sys_bpf(BPF_PROG_ATTACH, &a) < 0) {
		fprintf(stderr, "devprog: cannot attach to %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	return 0;
}
