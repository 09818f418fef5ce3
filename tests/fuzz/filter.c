// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: nslist's -Q filter expressions. The input's first line is the
 * expression; the lines after it are the cells of one row, which the parsed
 * filter is matched against (so the matching runs too).
 */
#include <stdbool.h>
#include <strings.h>

#include "fuzz.h"
#include "nslist.h"

static const char *const names[] = {"NS", "TYPE", "PATH", "NPROCS", "PID", "COMMAND"};
#define NCOLS (sizeof(names) / sizeof(names[0]))

static int colfunc(const char *name, size_t len)
{
	for (size_t i = 0; i < NCOLS; i++)
		if (strlen(names[i]) == len && strncasecmp(names[i], name, len) == 0)
			return (int)i;
	return -1;
}

static const char *cell(int col, void *row, char *buf, size_t size, char **owned)
{
	char **cells = row;

	(void)buf;
	(void)size;
	*owned = NULL;
	return *cells[col] ? cells[col] : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const bool numeric[NCOLS] = {true, false, false, true, true, false};
	char *v[1 + NCOLS], *err = NULL;
	bool used[NCOLS];
	struct nsl_filter *f;

	fuzz_split(data, size, v, 1 + NCOLS, 1);
	f = nsl_filter_parse(v[0], colfunc, &err);
	if (f) {
		nsl_filter_columns(f, used, NCOLS);
		nsl_filter_match(f, cell, v + 1, numeric);
		nsl_filter_free(f);
	}
	free(err);
	free(v[0]);
	return 0;
}
