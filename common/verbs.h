/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * verbs.h - multi-verb tools (cgctl, netnsctl): a table of exact verb names
 * (aliases listed as their own entries), the command list of --help, and
 * each verb's own --help.
 */
#ifndef NSU_VERBS_H
#define NSU_VERBS_H

#include <stddef.h>
#include <stdio.h>
#include <stdnoreturn.h>

struct nsu_verb {
	const char *name;
	void (*fn)(void); /* the tool's own function type: cast back before calling */
	const char *args;
	const char *help;
};

#define NSU_VERB(name, fn, args, help) {name, (void (*)(void))(fn), args, help}

/*
 * The verb named argv[0] (exact match), or exit 1 with the --help hint. When
 * argv[1] is --help or -h, print that verb's usage (ending "For more details
 * see @page.") and exit 0.
 */
const struct nsu_verb *nsu_verb_select(const struct nsu_verb *v, size_t n, int argc, char **argv, const char *page);

/* The command list for a tool's --help: " name  args" and the help below it. */
void nsu_verbs_usage(FILE *out, const struct nsu_verb *v, size_t n);

#endif /* NSU_VERBS_H */
