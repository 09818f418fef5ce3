// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of common/devrules.c: rules parsed and applied as the v1 devices
 * controller does (cgroup-v1/devices.rst), their list and stored text, and
 * the compiled program agreeing with them on every device and access tried.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "devrules.h"
#include "devprog.h"
#include "tap.h"

static struct nsu_dev_rules rules_of(bool allow_default, const char *const *ops)
{
	struct nsu_dev_rules rules = NSU_DEV_RULES_INIT;
	struct nsu_dev_rule r;

	rules.allow = allow_default;
	for (; *ops; ops++)
		if (nsu_dev_rule_parse(*ops + 1, &r) == 0)
			nsu_dev_rules_apply(&rules, &r, **ops == '+');
	return rules;
}

static bool allows(const struct nsu_dev_rules *rules, const char *what, uint32_t major, uint32_t minor)
{
	unsigned access = (strchr(what, 'r') ? NSU_DEV_READ : 0) | (strchr(what, 'w') ? NSU_DEV_WRITE : 0) |
			  (strchr(what, 'm') ? NSU_DEV_MKNOD : 0);

	return nsu_dev_rules_allow(rules, what[0] == 'b' ? NSU_DEV_BLOCK : NSU_DEV_CHAR, major, minor, access);
}

/* Whether the program of @rules decides as the rules on every device and access of a small grid. */
static bool program_agrees(const struct nsu_dev_rules *rules)
{
	static const uint32_t nums[] = {0, 1, 3, 5, 8, 4095};
	struct bpf_insn *p;
	size_t n;
	bool same = true;

	if (nsu_dev_rules_compile(rules, &p, &n) < 0)
		return false;
	for (int type = NSU_DEV_BLOCK; type <= NSU_DEV_CHAR; type++)
		for (size_t a = 0; a < 6; a++)
			for (size_t b = 0; b < 6; b++)
				for (unsigned access = 1; access <= NSU_DEV_RWM; access++)
					same &= devprog_run(p, n, type, nums[a], nums[b], access) ==
						(int)nsu_dev_rules_allow(rules, type, nums[a], nums[b], access);
	free(p);
	return same;
}

int main(void)
{
	struct nsu_dev_rule r;
	struct nsu_dev_rules rules;
	char *s;

	ok(nsu_dev_rule_parse("c 1:3 rwm", &r) == 0 && !r.all && r.type == NSU_DEV_CHAR && r.major == 1 &&
		   r.minor == 3 && r.access == NSU_DEV_RWM,
	   "parse: c 1:3 rwm");
	ok(nsu_dev_rule_parse("b *:* m\n", &r) == 0 && r.type == NSU_DEV_BLOCK && r.major == NSU_DEV_ANY &&
		   r.minor == NSU_DEV_ANY && r.access == NSU_DEV_MKNOD,
	   "parse: b *:* m, a newline after it");
	ok(nsu_dev_rule_parse("a", &r) == 0 && r.all && nsu_dev_rule_parse("a *:* rwm", &r) == 0 && r.all,
	   "parse: a, a *:* rwm");
	ok(nsu_dev_rule_parse("c 1:3", &r) == -EINVAL && nsu_dev_rule_parse("c 1:3 ", &r) == -EINVAL,
	   "parse: no access");
	ok(nsu_dev_rule_parse("x 1:3 r", &r) == -EINVAL && nsu_dev_rule_parse("c1:3 r", &r) == -EINVAL &&
		   nsu_dev_rule_parse("c 1 r", &r) == -EINVAL && nsu_dev_rule_parse("c 1:3 rx", &r) == -EINVAL &&
		   nsu_dev_rule_parse("c 1:3 rr", &r) == -EINVAL && nsu_dev_rule_parse("c -1:3 r", &r) == -EINVAL &&
		   nsu_dev_rule_parse("", &r) == -EINVAL && nsu_dev_rule_parse("a b", &r) == -EINVAL,
	   "parse: bad type, spaces, numbers, access, repeats, empty");
	ok(nsu_dev_rule_parse("c 4294967295:1 r", &r) == -EINVAL && nsu_dev_rule_parse("c 4294967294:1 r", &r) == 0 &&
		   nsu_dev_rule_parse("c 000000000001:1 r", &r) == -EINVAL,
	   "parse: numbers below 2^32 - 1 (that one is *), 11 digits at most");

	rules = rules_of(true, (const char *const[]){"-c 1:3 w", NULL});
	ok(allows(&rules, "cr", 1, 3) && !allows(&rules, "cw", 1, 3) && !allows(&rules, "crw", 1, 3) &&
		   allows(&rules, "cw", 1, 5) && allows(&rules, "bw", 1, 3),
	   "allowing: an exception denies the access it names, on that device only");
	s = nsu_dev_rules_list(&rules);
	ok(s && strcmp(s, "a *:* rwm") == 0, "allowing: listed as v1 lists it, a *:* rwm");
	free(s);
	nsu_dev_rules_free(&rules);

	rules = rules_of(true, (const char *const[]){"-a", "+c 1:3 rw", "+c *:* m", "+b 8:* r", NULL});
	ok(!rules.allow && allows(&rules, "cr", 1, 3) && allows(&rules, "crw", 1, 3) && !allows(&rules, "crwm", 1, 3) &&
		   allows(&rules, "cm", 7, 7) && !allows(&rules, "cr", 1, 5) && allows(&rules, "br", 8, 16) &&
		   !allows(&rules, "bw", 8, 16) && !allows(&rules, "cr", 8, 16),
	   "denying: allowed only what one exception covers whole");
	s = nsu_dev_rules_list(&rules);
	ok(s && strcmp(s, "c 1:3 rw\nc *:* m\nb 8:* r") == 0, "denying: the exceptions listed, v1 form");
	free(s);
	s = nsu_dev_rules_format(&rules);
	ok(s && strcmp(s, "deny\nc 1:3 rw\nc *:* m\nb 8:* r") == 0, "stored text");
	{
		struct nsu_dev_rules back = NSU_DEV_RULES_INIT;
		char *again = NULL;

		ok(s && nsu_dev_rules_parse(s, &back) == 0 && (again = nsu_dev_rules_format(&back)) &&
			   strcmp(again, s) == 0,
		   "stored text read back");
		free(again);
		nsu_dev_rules_free(&back);
		ok(nsu_dev_rules_parse("deny\nc 1:3 r\nc 1:3 w", &back) == -EINVAL &&
			   nsu_dev_rules_parse("maybe", &back) == -EINVAL && nsu_dev_rules_parse("allow\na", &back) == -EINVAL &&
			   nsu_dev_rules_parse("deny\nc 1:3 r", &back) == 0 && back.n == 1,
		   "stored text: one line a device, a default first, no 'a'");
		nsu_dev_rules_free(&back);
	}
	free(s);
	ok(program_agrees(&rules), "denying: the program decides as the rules");
	nsu_dev_rules_free(&rules);

	/* a rule along with the default narrows the exception, and drops it when nothing is left */
	rules = rules_of(true, (const char *const[]){"-c 1:3 rwm", "+c 1:3 rw", NULL});
	ok(rules.n == 1 && rules.v[0].access == NSU_DEV_MKNOD && allows(&rules, "crw", 1, 3) && !allows(&rules, "cm", 1, 3),
	   "allowing: allow narrows a deny exception");
	ok(program_agrees(&rules), "allowing: the program decides as the rules");
	rules = rules_of(true, (const char *const[]){"-c 1:3 rwm", "+c 1:3 rwm", "-c 1:3 r", "-c 1:3 w", NULL});
	ok(rules.n == 1 && rules.v[0].access == (NSU_DEV_READ | NSU_DEV_WRITE), "exceptions for one device merge");
	nsu_dev_rules_free(&rules);
	rules = rules_of(true, (const char *const[]){"-c 1:3 rwm", "+a", NULL});
	ok(rules.allow && rules.n == 0 && program_agrees(&rules), "a drops every exception");

	/* many rule sets, each checked against its program */
	{
		static const char *const pool[] = {"c 1:3 r", "c 1:3 w", "c 1:3 m", "c 1:* rw", "c *:3 wm", "b 8:0 r",
						   "b *:* m", "c 5:1 rwm", "b 8:* w", "a", "c 4095:0 r", "b 0:8 rw"};
		unsigned seed = 1;
		bool all = true;

		for (int round = 0; round < 300; round++) {
			rules = (struct nsu_dev_rules)NSU_DEV_RULES_INIT;
			for (int k = 0; k < 1 + round % 12; k++) {
				seed = seed * 1103515245 + 12345;
				if (nsu_dev_rule_parse(pool[(seed >> 16) % 12], &r) == 0)
					nsu_dev_rules_apply(&rules, &r, (seed >> 8) & 1);
			}
			all &= program_agrees(&rules);
			nsu_dev_rules_free(&rules);
		}
		ok(all, "300 rule sets: each program decides as its rules");
	}
	{
		struct bpf_insn *p = NULL;
		size_t n;

		rules = (struct nsu_dev_rules)NSU_DEV_RULES_INIT;
		rules.allow = false;
		for (uint32_t i = 0; i < NSU_DEV_RULES_MAX; i++) {
			r = (struct nsu_dev_rule){.type = NSU_DEV_CHAR, .major = i, .minor = 0, .access = NSU_DEV_READ};
			nsu_dev_rules_apply(&rules, &r, true);
		}
		ok(nsu_dev_rules_compile(&rules, &p, &n) == 0 && p, "as many exceptions as a program holds");
		free(p);
		p = NULL;
		r = (struct nsu_dev_rule){.type = NSU_DEV_CHAR, .major = 9999, .minor = 0, .access = NSU_DEV_READ};
		nsu_dev_rules_apply(&rules, &r, true);
		ok(nsu_dev_rules_compile(&rules, &p, &n) == -E2BIG && !p, "more exceptions than a program holds");
		nsu_dev_rules_free(&rules);
	}
	return tap_done();
}
