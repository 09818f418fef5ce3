// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: what cgctl reads from cgroupfs: flat keyed files (cpu.stat,
 * memory.stat, memory.events) and every file cgctl get and stat print as
 * JSON (pressure, io.stat, cpu.max, lists), the file picked by the first byte;
 * what cgctl top reads: io.stat and blkio bytes, /proc/meminfo; and the
 * lines of /proc/self/mountinfo that give the hierarchies.
 */
#include <stdio.h>
#include <string.h>

#include "cgctl.h"
#include "cgctl-json.h"
#include "cgroupfs.h"
#include "fuzz.h"
#include "jsonw.h"
#include "mountutil.h"
#include "procfs.h"

static const char *const files[] = {
	"cpu.stat",     "memory.stat",  "memory.events", "memory.pressure", "io.stat",    "cpu.max",
	"cpuset.cpus",  "cgroup.procs", "pids.max",      "memory.max",      "io.max",     "cgroup.events",
	"cpu.pressure", "io.pressure",  "cgroup.controllers", "memory.current", "freezer.state",
};
#define NFILES (sizeof(files) / sizeof(files[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *file = files[size ? data[0] % NFILES : 0];
	static const char *const keys[] = {"usage_usec", "oom_kill", "anon", "populated", "some", ""};
	FILE *null = fopen("/dev/null", "w");
	struct nsu_json j;
	uint64_t v, w;
	char *text[1];

	fuzz_split(size ? data + 1 : data, size ? size - 1 : 0, text, 1, 0);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		nsu_cg_parse_keyed(text[0], keys[i], &v);
	for (int version = 1; version <= 2; version++)
		nsu_cg_parse_io_bytes(text[0], version, &v, &w);
	nsu_proc_parse_meminfo_used(text[0], &v);
	for (char *line = text[0], *next; line && *line; line = next) {
		struct nsu_mnt m;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (nsu_mnt_parse_line(line, &m) == 0 && (!m.target || !m.fstype || !m.super_opts))
			__builtin_trap();
	}
	if (null) {
		nsu_json_begin(&j, null, NSU_JSON_INDENTED);
		nsu_json_open(&j, NULL, '{');
		json_value(&j, file, file, text[0]);
		nsu_json_close(&j);
		fclose(null);
	}
	free(text[0]);
	return 0;
}
