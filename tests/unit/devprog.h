/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * devprog.h - runs a device program of nsu_dev_rules_compile() the way the
 * kernel would, for the instructions it emits only (loads from the context,
 * AND, RSH, MOV, JEQ, JNE, EXIT): what the unit test and the fuzzer check
 * the compiler against nsu_dev_rules_allow() with. Returns 1 (allow), 0
 * (deny), or -1 for an instruction it does not know or a jump out of the
 * program.
 */
#ifndef NSU_TEST_DEVPROG_H
#define NSU_TEST_DEVPROG_H

#include <stddef.h>
#include <stdint.h>

#include <linux/bpf.h>

static inline int devprog_run(const struct bpf_insn *p, size_t n, int type, uint32_t major, uint32_t minor,
			      unsigned access)
{
	uint32_t ctx[3] = {(uint32_t)access << 16 | (uint32_t)type, major, minor};
	uint64_t r[11] = {0};

	for (size_t pc = 0; pc < n; pc++) {
		const struct bpf_insn *i = &p[pc];
		uint64_t src = i->imm;
		long next = (long)pc;

		switch (i->code) {
		case BPF_LDX | BPF_MEM | BPF_W:
			if (i->src_reg != BPF_REG_1 || i->off < 0 || i->off > 8 || i->off % 4)
				return -1;
			r[i->dst_reg] = ctx[i->off / 4];
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			r[i->dst_reg] = (uint32_t)(r[i->dst_reg] & (uint32_t)i->imm);
			break;
		case BPF_ALU | BPF_RSH | BPF_K:
			r[i->dst_reg] = (uint32_t)r[i->dst_reg] >> i->imm;
			break;
		case BPF_ALU64 | BPF_MOV | BPF_X:
			r[i->dst_reg] = r[i->src_reg];
			break;
		case BPF_ALU64 | BPF_MOV | BPF_K:
			r[i->dst_reg] = (uint64_t)(int64_t)i->imm;
			break;
		case BPF_JMP | BPF_JNE | BPF_K:
		case BPF_JMP | BPF_JEQ | BPF_K:
			src = (uint64_t)(int64_t)i->imm;
			if ((r[i->dst_reg] == src) == ((i->code & 0xf0) == BPF_JEQ))
				next += i->off;
			if (next < 0 || (size_t)next >= n)
				return -1;
			pc = (size_t)next;
			break;
		case BPF_JMP | BPF_EXIT:
			return r[0] ? 1 : 0;
		default:
			return -1;
		}
	}
	return -1;
}

#endif /* NSU_TEST_DEVPROG_H */
