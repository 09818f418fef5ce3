/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * devrules.h - device access rules as the cgroup v1 devices controller keeps
 * them (a default, allow or deny, and exceptions to it; devices.allow and
 * devices.deny change them, devices.list shows them), and the same rules as a
 * BPF_PROG_TYPE_CGROUP_DEVICE program, which is how cgroup v2 controls
 * device access. Pure functions over bytes: no system calls.
 */
#ifndef NSU_DEVRULES_H
#define NSU_DEVRULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/bpf.h>

/* Access and device types, with the values of BPF_DEVCG_ACC_* and BPF_DEVCG_DEV_*. */
enum { NSU_DEV_MKNOD = 1, NSU_DEV_READ = 2, NSU_DEV_WRITE = 4, NSU_DEV_RWM = 7 };
enum { NSU_DEV_BLOCK = 1, NSU_DEV_CHAR = 2 };
/* A major or minor number given as '*'. */
#define NSU_DEV_ANY UINT32_MAX

/* One line of devices.allow or devices.deny: "a", or "b|c MAJOR:MINOR ACCESS". */
struct nsu_dev_rule {
	bool all; /* "a": every device, every access; the other fields unused */
	int type; /* NSU_DEV_BLOCK or NSU_DEV_CHAR */
	uint32_t major, minor;
	unsigned access; /* NSU_DEV_* bits, at least one */
};

struct nsu_dev_rules {
	bool allow; /* the default: allow (the exceptions are denied) or deny (they are allowed) */
	struct nsu_dev_rule *v;
	size_t n;
};

/* The exceptions a v2 group's program holds: their text ("c 1234:5678 rwm" a line) fits one attribute (64 KiB). */
#define NSU_DEV_RULES_MAX 4000

/* The rules of a new group: allow everything, no exception ("a *:* rwm"). */
#define NSU_DEV_RULES_INIT {.allow = true}

/* Parse one rule as devices.allow and devices.deny take it. 0 or -EINVAL. */
int nsu_dev_rule_parse(const char *s, struct nsu_dev_rule *r);
/*
 * Apply @r written to devices.allow (@allow) or devices.deny, as v1 does:
 * "a" sets the default and drops every exception; a rule against the default
 * becomes (or widens) the exception for exactly that device, a rule along
 * with it narrows that exception (dropped with no access left). 0 or -ENOMEM.
 */
int nsu_dev_rules_apply(struct nsu_dev_rules *rules, const struct nsu_dev_rule *r, bool allow);
/* Whether @access to the device @type @major:@minor passes, as the v1 controller decides. */
bool nsu_dev_rules_allow(const struct nsu_dev_rules *rules, int type, uint32_t major, uint32_t minor,
			 unsigned access);
/* devices.list as v1 prints it: "a *:* rwm" while the default is allow, else the exceptions (malloc'ed). */
char *nsu_dev_rules_list(const struct nsu_dev_rules *rules);
/* The whole rules as text (kept with the group): "allow" or "deny", then each exception a line (malloc'ed). */
char *nsu_dev_rules_format(const struct nsu_dev_rules *rules);
/* Text of nsu_dev_rules_format() back into @rules (emptied first). 0, -EINVAL or -ENOMEM. */
int nsu_dev_rules_parse(const char *text, struct nsu_dev_rules *rules);
void nsu_dev_rules_free(struct nsu_dev_rules *rules);

/*
 * The rules as a device program: returns 1 to allow, 0 to deny, exactly as
 * nsu_dev_rules_allow() decides. *insns malloc'ed, *n instructions; 0 or
 * -ENOMEM, -E2BIG past NSU_DEV_RULES_MAX exceptions.
 */
int nsu_dev_rules_compile(const struct nsu_dev_rules *rules, struct bpf_insn **insns, size_t *n);

#endif /* NSU_DEVRULES_H */
