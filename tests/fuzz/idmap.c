// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: id maps. Each line is an --map-users/--map-groups range
 * ("INNER:OUTER:COUNT") added to one map, then the map is checked; each line
 * is also read as an /etc/subuid line.
 */
#include "fuzz.h"
#include "idmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nsu_idmap m = {.n = 0};
	char *v[8];

	fuzz_split(data, size, v, 8, 1);
	for (size_t i = 0; i < 8; i++) {
		struct nsu_idrange r;

		if (nsu_idrange_parse(v[i], &r) == 0)
			nsu_idmap_add(&m, r.inner, r.outer, r.count);
		if (nsu_subid_parse(v[i], "user", 1000, &r) == 0)
			nsu_idmap_add_single(&m, r.outer, r.count, (int)(i & 1));
	}
	nsu_idmap_check(&m);
	free(v[0]);
	return 0;
}
