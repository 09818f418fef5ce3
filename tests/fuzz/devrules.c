// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: device rules (cgctl devices.allow / devices.deny, the rules
 * kept with a v2 group) and their device program. Each line is a rule
 * written to devices.allow ('+' first) or devices.deny (anything else); the
 * whole input is also read as kept rules. Every program compiled must decide
 * as the rules on every device and access of a grid (tests/unit/devprog.h
 * runs it): a difference aborts.
 */
#include "devrules.h"
#include "fuzz.h"
#include "../unit/devprog.h"

static void check(const struct nsu_dev_rules *rules)
{
	static const uint32_t nums[] = {0, 1, 3, 7, 4095, 4294967294u};
	struct bpf_insn *p;
	size_t n;
	char *text;

	if (nsu_dev_rules_compile(rules, &p, &n) < 0)
		return;
	for (int type = NSU_DEV_BLOCK; type <= NSU_DEV_CHAR; type++)
		for (size_t a = 0; a < 6; a++)
			for (size_t b = 0; b < 6; b++)
				for (unsigned access = 1; access <= NSU_DEV_RWM; access++)
					if (devprog_run(p, n, type, nums[a], nums[b], access) !=
					    (int)nsu_dev_rules_allow(rules, type, nums[a], nums[b], access))
						abort();
	free(p);
	/* what is kept reads back as the same rules */
	text = nsu_dev_rules_format(rules);
	if (text) {
		struct nsu_dev_rules back = NSU_DEV_RULES_INIT;
		char *again;

		if (nsu_dev_rules_parse(text, &back) < 0)
			abort();
		again = nsu_dev_rules_format(&back);
		if (!again || strcmp(again, text) != 0)
			abort();
		free(again);
		nsu_dev_rules_free(&back);
		free(text);
	}
	free(nsu_dev_rules_list(rules));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nsu_dev_rules rules = NSU_DEV_RULES_INIT, kept = NSU_DEV_RULES_INIT;
	char *v[16];

	fuzz_split(data, size, v, 16, 1);
	for (size_t i = 0; i < 16; i++) {
		struct nsu_dev_rule r;

		if (*v[i] && nsu_dev_rule_parse(v[i] + 1, &r) == 0)
			nsu_dev_rules_apply(&rules, &r, v[i][0] == '+');
	}
	check(&rules);
	nsu_dev_rules_free(&rules);
	free(v[0]);
	/* the input as kept rules */
	{
		char *s = malloc(size + 1);

		if (!s)
			abort();
		memcpy(s, data, size);
		s[size] = '\0';
		if (nsu_dev_rules_parse(s, &kept) == 0)
			check(&kept);
		nsu_dev_rules_free(&kept);
		free(s);
	}
	return 0;
}
