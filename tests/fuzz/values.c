// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the values of cgctl and the numbers of every tool. The first
 * byte picks a key, the rest of the first line is the value: sizes with
 * units, percentages, cpu.max, cpuset lists, weights, signals, PIDs, and
 * systemd's property names (MemoryMax=, CPUQuota=...); each value goes
 * through the number parsers and the translation for cgroup v2 and v1.
 */
#include <sys/types.h>

#include "cgroupfs.h"
#include "fuzz.h"
#include "strutils.h"

static const char *const keys[] = {
	"memory.max",  "memory.high", "memory.low",  "memory.swap.max", "cpu.max",     "cpu.weight",
	"cpuset.cpus", "cpuset.mems", "pids.max",    "io.weight",       "io.max",      "cpu.shares",
	"MemoryMax",   "CPUQuota",    "CPUWeight",   "TasksMax",        "AllowedCPUs", "IOWeight",
	"MemorySwapMax", "AllowedMemoryNodes", "memory.limit_in_bytes", "cgroup.procs",
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *key = keys[size ? data[0] % NKEYS : 0], *why = NULL, *akey = NULL;
	uint64_t u, set[16];
	int64_t s;
	int sig;
	pid_t pid;
	char *v[1], *alias = NULL;
	struct nsu_cg_wr wr[NSU_CG_WR_MAX];
	size_t n;

	fuzz_split(size ? data + 1 : data, size ? size - 1 : 0, v, 1, 1);
	nsu_parse_size(v[0], &u);
	nsu_parse_percent(v[0], &u);
	nsu_parse_duration_us(v[0], &u);
	nsu_parse_seconds_us(v[0], &u);
	nsu_parse_cpulist(v[0], set, 16 * 64);
	nsu_parse_signal(v[0], &sig);
	nsu_parse_u64(v[0], &u);
	nsu_parse_s64(v[0], &s);
	nsu_parse_u64_range(v[0], 1, 10000, &u);
	nsu_parse_pid(v[0], &pid);
	if (nsu_cg_alias(key, v[0], &akey, &alias, &why) == 0)
		key = akey;
	for (int version = 1; version <= 2; version++)
		nsu_cg_translate_set(key, alias ? alias : v[0], version, wr, &n, &why);
	nsu_cg_nearest_key(v[0], NULL, 0);
	free(alias);
	free(v[0]);
	return 0;
}
