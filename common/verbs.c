// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * verbs.c - verb tables of multi-verb tools.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "verbs.h"

static const struct nsu_verb *find(const struct nsu_verb *v, size_t n, const char *name, bool prefixes)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, v[i].name) == 0)
			return &v[i];
	for (size_t i = 0; prefixes && *name && i < n; i++)
		if (strncmp(name, v[i].name, strlen(name)) == 0)
			return &v[i];
	return NULL;
}

const struct nsu_verb *nsu_verb_select(const struct nsu_verb *v, size_t n, int argc, char **argv, const char *page,
				       bool prefixes)
{
	const struct nsu_verb *f = find(v, n, argv[0], prefixes);

	if (!f)
		nsu_usage_error("unknown command '%s'", argv[0]);
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		/* An alias shows the usage of the verb it stands for: the listed one with its function. */
		const struct nsu_verb *u = f;

		for (size_t i = 0; !u->help && i < n; i++)
			if (v[i].fn == f->fn && v[i].help)
				u = &v[i];
		printf("\nUsage:\n %s %s %s\n\n%s.\n", program_invocation_short_name, u->name, u->args, u->help);
		if (u->options)
			printf("\nOptions:\n%s", u->options);
		printf("\nFor more details see %s.\n", page);
		exit(EXIT_SUCCESS);
	}
	return f;
}

void nsu_verbs_usage(FILE *out, const struct nsu_verb *v, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i].help && strlen(v[i].name) > w)
			w = strlen(v[i].name);
	for (size_t i = 0; i < n; i++)
		if (v[i].help)
			fprintf(out, " %-*s %s\n %*s   %s\n", (int)w, v[i].name, v[i].args, (int)w, "", v[i].help);
}
