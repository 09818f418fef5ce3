// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * devrules.c - the v1 devices controller's rules, kept and decided the way the
 * kernel documents them (Documentation/admin-guide/cgroup-v1/devices.rst),
 * and compiled to a cgroup v2 device program.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devrules.h"

/* A major or minor number: '*' or up to 11 digits that fit 32 bits, as the kernel reads them. */
static const char *parse_number(const char *s, uint32_t *v)
{
	uint64_t n = 0;
	int digits = 0;

	if (*s == '*') {
		*v = NSU_DEV_ANY;
		return s + 1;
	}
	for (; isdigit((unsigned char)*s); s++) {
		if (++digits > 11)
			return NULL;
		n = n * 10 + (uint64_t)(*s - '0');
	}
	/* ~0 is '*' */
	if (!digits || n >= UINT32_MAX)
		return NULL;
	*v = (uint32_t)n;
	return s;
}

int nsu_dev_rule_parse(const char *s, struct nsu_dev_rule *r)
{
	*r = (struct nsu_dev_rule){0};
	if (!s)
		return -EINVAL;
	/* "a" alone (or as "a *:* rwm"): everything */
	if (s[0] == 'a' && (s[1] == '\0' || s[1] == '\n' || strcmp(s + 1, " *:* rwm") == 0 ||
			    strcmp(s + 1, " *:* rwm\n") == 0)) {
		r->all = true;
		r->access = NSU_DEV_RWM;
		return 0;
	}
	if (s[0] == 'b')
		r->type = NSU_DEV_BLOCK;
	else if (s[0] == 'c')
		r->type = NSU_DEV_CHAR;
	else
		return -EINVAL;
	if (s[1] != ' ')
		return -EINVAL;
	s = parse_number(s + 2, &r->major);
	if (!s || *s != ':')
		return -EINVAL;
	s = parse_number(s + 1, &r->minor);
	if (!s || *s != ' ')
		return -EINVAL;
	for (s++; *s && *s != '\n'; s++) {
		unsigned bit = *s == 'r' ? NSU_DEV_READ : *s == 'w' ? NSU_DEV_WRITE : *s == 'm' ? NSU_DEV_MKNOD : 0;

		if (!bit || (r->access & bit))
			return -EINVAL;
		r->access |= bit;
	}
	if (!r->access || (*s == '\n' && s[1]))
		return -EINVAL;
	return 0;
}

void nsu_dev_rules_free(struct nsu_dev_rules *rules)
{
	free(rules->v);
	rules->v = NULL;
	rules->n = 0;
}

static struct nsu_dev_rule *exception_for(struct nsu_dev_rules *rules, const struct nsu_dev_rule *r)
{
	for (size_t i = 0; i < rules->n; i++)
		if (rules->v[i].type == r->type && rules->v[i].major == r->major && rules->v[i].minor == r->minor)
			return &rules->v[i];
	return NULL;
}

int nsu_dev_rules_apply(struct nsu_dev_rules *rules, const struct nsu_dev_rule *r, bool allow)
{
	struct nsu_dev_rule *ex;

	if (r->all) {
		nsu_dev_rules_free(rules);
		rules->allow = allow;
		return 0;
	}
	ex = exception_for(rules, r);
	if (allow == rules->allow) {
		/* along with the default: the exception for that device narrows */
		if (ex) {
			ex->access &= ~r->access;
			/* gone: the ones after it move up, as v1 keeps its list in the order rules came */
			if (!ex->access) {
				memmove(ex, ex + 1, (size_t)(rules->v + rules->n - ex - 1) * sizeof(*ex));
				rules->n--;
			}
		}
		return 0;
	}
	if (ex) {
		ex->access |= r->access;
		return 0;
	}
	ex = realloc(rules->v, (rules->n + 1) * sizeof(*rules->v));
	if (!ex)
		return -ENOMEM;
	rules->v = ex;
	rules->v[rules->n++] = *r;
	return 0;
}

static bool number_matches(uint32_t rule, uint32_t v)
{
	return rule == NSU_DEV_ANY || rule == v;
}

bool nsu_dev_rules_allow(const struct nsu_dev_rules *rules, int type, uint32_t major, uint32_t minor,
			 unsigned access)
{
	for (size_t i = 0; i < rules->n; i++) {
		const struct nsu_dev_rule *ex = &rules->v[i];

		if (ex->type != type || !number_matches(ex->major, major) || !number_matches(ex->minor, minor))
			continue;
		/* allowing by default, an exception denies any access it names; denying, one must allow all asked */
		if (rules->allow && (ex->access & access))
			return false;
		if (!rules->allow && !(access & ~ex->access))
			return true;
	}
	return rules->allow;
}

/* "c 1:3 rwm" of @r into @buf. */
static void rule_text(const struct nsu_dev_rule *r, char *buf, size_t size)
{
	char maj[12] = "*", min[12] = "*";

	if (r->major != NSU_DEV_ANY)
		snprintf(maj, sizeof(maj), "%u", r->major);
	if (r->minor != NSU_DEV_ANY)
		snprintf(min, sizeof(min), "%u", r->minor);
	snprintf(buf, size, "%c %s:%s %s%s%s", r->type == NSU_DEV_BLOCK ? 'b' : 'c', maj, min,
		 r->access & NSU_DEV_READ ? "r" : "", r->access & NSU_DEV_WRITE ? "w" : "",
		 r->access & NSU_DEV_MKNOD ? "m" : "");
}

/* @head, then each exception a line (malloc'ed). */
static char *lines(const struct nsu_dev_rules *rules, const char *head)
{
	size_t size = strlen(head) + 1 + rules->n * 40 + 1, len;
	char *s = malloc(size);

	if (!s)
		return NULL;
	len = (size_t)snprintf(s, size, "%s", head);
	for (size_t i = 0; i < rules->n; i++) {
		char buf[40];

		rule_text(&rules->v[i], buf, sizeof(buf));
		len += (size_t)snprintf(s + len, size - len, "%s%s", len ? "\n" : "", buf);
	}
	return s;
}

char *nsu_dev_rules_list(const struct nsu_dev_rules *rules)
{
	/* as v1: allowing by default, its list is that, whatever it denies */
	if (rules->allow)
		return strdup("a *:* rwm");
	return lines(rules, "");
}

char *nsu_dev_rules_format(const struct nsu_dev_rules *rules)
{
	return lines(rules, rules->allow ? "allow" : "deny");
}

int nsu_dev_rules_parse(const char *text, struct nsu_dev_rules *rules)
{
	const char *line = text, *end;
	char buf[64];
	int r;

	nsu_dev_rules_free(rules);
	end = strchr(line, '\n');
	if (strncmp(line, "allow", 5) == 0 && (line[5] == '\n' || !line[5]))
		rules->allow = true;
	else if (strncmp(line, "deny", 4) == 0 && (line[4] == '\n' || !line[4]))
		rules->allow = false;
	else
		return -EINVAL;
	while (end && end[1]) {
		struct nsu_dev_rule rule;
		size_t len;

		line = end + 1;
		end = strchr(line, '\n');
		len = end ? (size_t)(end - line) : strlen(line);
		if (len >= sizeof(buf))
			goto bad;
		memcpy(buf, line, len);
		buf[len] = '\0';
		if (nsu_dev_rule_parse(buf, &rule) < 0 || rule.all)
			goto bad;
		/* each exception once: against the default, so applying it adds it */
		if (exception_for(rules, &rule))
			goto bad;
		r = nsu_dev_rules_apply(rules, &rule, !rules->allow);
		if (r < 0) {
			nsu_dev_rules_free(rules);
			return r;
		}
	}
	return 0;
bad:
	nsu_dev_rules_free(rules);
	return -EINVAL;
}

/* ---- the program ---- */

/*
 * The loader of a device program is privileged (CAP_SYS_ADMIN, or CAP_BPF
 * with CAP_NET_ADMIN), whose limit is a million instructions; the rules
 * kept as text in one extended attribute (64 KiB at most) hold fewer.
 */
#define MAX_INSNS (8 + NSU_DEV_RULES_MAX * 8)

#define INSN(c, d, s, o, i) ((struct bpf_insn){.code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i)})

int nsu_dev_rules_compile(const struct nsu_dev_rules *rules, struct bpf_insn **insns, size_t *n)
{
	/* 6 to load the context, at most 8 an exception, 2 to end */
	size_t cap = 8 + rules->n * 8, k = 0;
	struct bpf_insn *p;

	*insns = NULL;
	*n = 0;
	if (cap > MAX_INSNS)
		return -E2BIG;
	p = calloc(cap, sizeof(*p));
	if (!p)
		return -ENOMEM;
	/* struct bpf_cgroup_dev_ctx: access_type (access << 16 | type), major, minor */
	p[k++] = INSN(BPF_LDX | BPF_MEM | BPF_W, BPF_REG_2, BPF_REG_1, 0, 0);
	p[k++] = INSN(BPF_ALU | BPF_AND | BPF_K, BPF_REG_2, 0, 0, 0xffff);
	p[k++] = INSN(BPF_LDX | BPF_MEM | BPF_W, BPF_REG_3, BPF_REG_1, 0, 0);
	p[k++] = INSN(BPF_ALU | BPF_RSH | BPF_K, BPF_REG_3, 0, 0, 16);
	p[k++] = INSN(BPF_LDX | BPF_MEM | BPF_W, BPF_REG_4, BPF_REG_1, 4, 0);
	p[k++] = INSN(BPF_LDX | BPF_MEM | BPF_W, BPF_REG_5, BPF_REG_1, 8, 0);
	/* type in r2, access in r3, major in r4, minor in r5; r1 is scratch from here */
	for (size_t i = 0; i < rules->n; i++) {
		const struct nsu_dev_rule *ex = &rules->v[i];
		size_t jumps[4], nj = 0;

		jumps[nj++] = k;
		p[k++] = INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_2, 0, 0, ex->type);
		p[k++] = INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, BPF_REG_3, 0, 0);
		if (rules->allow) {
			/* denied when the access asked and the exception's overlap */
			p[k++] = INSN(BPF_ALU | BPF_AND | BPF_K, BPF_REG_1, 0, 0, (int32_t)ex->access);
			jumps[nj++] = k;
			p[k++] = INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_1, 0, 0, 0);
		} else {
			/* allowed when the exception covers all the access asked */
			p[k++] = INSN(BPF_ALU | BPF_AND | BPF_K, BPF_REG_1, 0, 0, (int32_t)(~ex->access & 0xffff));
			jumps[nj++] = k;
			p[k++] = INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_1, 0, 0, 0);
		}
		if (ex->major != NSU_DEV_ANY) {
			jumps[nj++] = k;
			p[k++] = INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_4, 0, 0, (int32_t)ex->major);
		}
		if (ex->minor != NSU_DEV_ANY) {
			jumps[nj++] = k;
			p[k++] = INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_5, 0, 0, (int32_t)ex->minor);
		}
		p[k++] = INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, rules->allow ? 0 : 1);
		p[k++] = INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
		/* a test that fails goes on to the next exception */
		for (size_t j = 0; j < nj; j++)
			p[jumps[j]].off = (int16_t)(k - jumps[j] - 1);
	}
	p[k++] = INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, rules->allow ? 1 : 0);
	p[k++] = INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	*insns = p;
	*n = k;
	return 0;
}
