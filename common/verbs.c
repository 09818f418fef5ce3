// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * verbs.c - verb tables of multi-verb tools.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "verbs.h"

const struct nsu_verb *nsu_verb_select(const struct nsu_verb *v, size_t n, int argc, char **argv, const char *page)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(argv[0], v[i].name) != 0)
			continue;
		if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			printf("\nUsage:\n %s %s %s\n\n%s.\n\nFor more details see %s.\n", program_invocation_short_name,
			       v[i].name, v[i].args, v[i].help, page);
			exit(EXIT_SUCCESS);
		}
		return &v[i];
	}
	nsu_usage_error("unknown command '%s'", argv[0]);
}

void nsu_verbs_usage(FILE *out, const struct nsu_verb *v, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++)
		if (strlen(v[i].name) > w)
			w = strlen(v[i].name);
	for (size_t i = 0; i < n; i++)
		fprintf(out, " %-*s %s\n %*s   %s\n", (int)w, v[i].name, v[i].args, (int)w, "", v[i].help);
}
