/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * verbs.h - multi-verb tools (cgctl, netnsctl): a table of exact verb names
 * (aliases listed as their own entries), the command list of --help, and
 * each verb's own --help.
 */
#ifndef NSU_VERBS_H
#define NSU_VERBS_H

#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdnoreturn.h>

/*
 * What a tool gives each of its commands (its global options, the state they
 * share): every multi-verb tool defines this structure itself.
 */
struct nsu_tool;

/* A command: the exit status of the tool. */
typedef int nsu_verb_fn(struct nsu_tool *t, int argc, char **argv);

struct nsu_verb {
	const char *name;
	nsu_verb_fn *fn;
	const char *args;
	const char *help;
	const char *options; /* the verb's own options, one "  -x, --long ARG  what" a line; or NULL */
};

#define NSU_VERB(name, fn, args, help) {name, fn, args, help, NULL}
/* A verb whose --help explains its options. */
#define NSU_VERB_OPTS(name, fn, args, help, options) {name, fn, args, help, options}

/* A verb with help NULL is an alias: it works, and --help does not list it. */
#define NSU_VERB_ALIAS(name, fn) {name, fn, NULL, NULL, NULL}

/*
 * The verb named argv[0]: an exact match, else with @prefixes the first verb
 * in table order that argv[0] begins (iproute2's rule: "del" is delete,
 * "a" is add), else exit 1 with the --help hint. When argv[1] is --help or
 * -h, print that verb's usage (ending "For more details see @page.") and exit 0.
 */
const struct nsu_verb *nsu_verb_select(const struct nsu_verb *v, size_t n, int argc, char **argv, const char *page,
				       bool prefixes);

/* The command list for a tool's --help: " name  args" and the help below it. */
void nsu_verbs_usage(FILE *out, const struct nsu_verb *v, size_t n);

#endif /* NSU_VERBS_H */
