// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of common/nstypes: the table agrees with the kernel's names.
 */
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "nstypes.h"
#include "tap.h"

int main(void)
{
	int flags = 0;

	for (int t = 0; t < NSU_NS_COUNT; t++) {
		const struct nsu_nsinfo *ns = nsu_ns_get(t);
		char path[64];

		ok(ns && ns->type == (enum nsu_nstype)t, "entry %d is in its place", t);
		ok(nsu_ns_by_name(ns->name) == ns && nsu_ns_by_name(ns->option) == ns,
		   "%s found by both names", ns->name);
		ok(nsu_ns_by_flag(ns->flag) == ns, "%s found by flag", ns->name);
		ok(nsu_ns_by_shortopt(ns->shortopt) == ns, "%s found by -%c", ns->name, ns->shortopt);
		ok((flags & ns->flag) == 0, "%s has its own flag", ns->name);
		flags |= ns->flag;
		snprintf(path, sizeof(path), "/proc/self/ns/%s", ns->proc);
		ok(access(path, F_OK) == 0, "%s exists", path);
	}
	ok(nsu_ns_all_flags() == flags, "all flags");
	ok(nsu_ns_by_name("bogus") == NULL, "unknown name");
	ok(nsu_ns_by_flag(CLONE_NEWNS | CLONE_NEWNET) == NULL, "no entry for two flags");
	ok(nsu_ns_get(NSU_NS_COUNT) == NULL, "past the end");
	ok(nsu_ns_by_shortopt('f') == NULL, "-f is no namespace");
	return tap_done();
}
