// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz target: the -o column lists of nslist and cgctl ("NS,TYPE", "+PID"). */
#include <libsmartcols.h>

#include "fuzz.h"
#include "output.h"

static const struct nsu_colinfo info[] = {
	{"NS", 10, 0, SCOLS_JSON_NUMBER, "ns"},       {"TYPE", 5, 0, SCOLS_JSON_STRING, "type"},
	{"PATH", 0, 0, SCOLS_JSON_STRING, "path"},    {"NPROCS", 5, 0, SCOLS_JSON_NUMBER, "n"},
	{"PID", 5, 0, SCOLS_JSON_NUMBER, "pid"},      {"COMMAND", 0, 0, SCOLS_JSON_STRING, "cmd"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int cols[16] = {0, 1};
	size_t ncols = 2;
	char *v[1], *bad = NULL;

	fuzz_split(data, size, v, 1, 0);
	nsu_columns_parse(v[0], info, sizeof(info) / sizeof(info[0]), cols, &ncols, 16, &bad);
	free(bad);
	free(v[0]);
	return 0;
}
