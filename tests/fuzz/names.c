// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: names and paths from outside: group paths (normalised, and
 * refused when they would leave the hierarchy), the text every tool shows of
 * a name (escaped, and as a JSON string), keys, and the targets of
 * /proc/PID/ns links ("net:[4026531840]").
 */
#include <stdio.h>

#include "cgroupfs.h"
#include "fuzz.h"
#include "nstypes.h"
#include "strutils.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *v[1], *norm = NULL, *safe, ctl[64];
	enum nsu_nstype type;
	uint64_t ino;
	FILE *null = fopen("/dev/null", "w");

	fuzz_split(data, size, v, 1, 0);
	if (nsu_cg_normalize(v[0], &norm) == 0)
		free(norm);
	safe = nsu_safe_text(v[0]);
	free(safe);
	if (null) {
		nsu_json_string(null, v[0]);
		fclose(null);
	}
	nsu_cg_key_controller(v[0], ctl, sizeof(ctl));
	nsu_cg_v2_key(v[0]);
	nsu_cg_alias_key(v[0]);
	nsu_ns_parse_link(v[0], &type, &ino);
	free(v[0]);
	return 0;
}
