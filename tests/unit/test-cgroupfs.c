// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of common/cgroupfs: group paths that stay inside their
 * hierarchy, and v2 keys and values turned into v1 writes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cgroupfs.h"
#include "tap.h"

static int norm_is(const char *in, const char *want)
{
	char *out = NULL;
	int ok = nsu_cg_normalize(in, &out) == 0 && strcmp(out, want) == 0;

	free(out);
	return ok;
}

static int norm_refused(const char *in)
{
	char *out = NULL;

	return nsu_cg_normalize(in, &out) == -EINVAL;
}

/* KEY=VALUE for @version gives exactly the writes "file=value[;file=value]". */
static int set_is(const char *key, const char *value, int version, const char *want)
{
	struct nsu_cg_wr w[2];
	char got[512] = "";
	const char *why;
	size_t n;

	if (nsu_cg_translate_set(key, value, version, w, &n, &why) < 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s=%s", i ? ";" : "", w[i].file, w[i].value);
	return strcmp(got, want) == 0;
}

static int set_fails(const char *key, const char *value, int version, int err)
{
	struct nsu_cg_wr w[2];
	const char *why = NULL;
	size_t n;

	return nsu_cg_translate_set(key, value, version, w, &n, &why) == err && why && *why;
}

int main(void)
{
	ok(norm_is("a/b", "a/b"), "a/b");
	ok(norm_is("/a//b/", "a/b"), "slashes collapse");
	ok(norm_is("/", "") && norm_is("", ""), "the root");
	ok(norm_is("a/.b/..c", "a/.b/..c"), "dot-names are names");
	ok(norm_refused("..") && norm_refused("a/../b") && norm_refused("./a") && norm_refused("a/."),
	   ". and .. are refused");

	ok(set_is("memory.max", "64M", 2, "memory.max=67108864"), "v2 memory.max with a unit");
	ok(set_is("memory.max", "1.5G", 1, "memory.limit_in_bytes=1610612736"), "v1 memory.max");
	ok(set_is("memory.max", "max", 1, "memory.limit_in_bytes=-1"), "v1 memory.max max");
	ok(set_is("memory.high", "max", 2, "memory.high=max"), "v2 memory.high max");
	ok(set_is("memory.high", "1M", 1, "memory.soft_limit_in_bytes=1048576"), "v1 memory.high");
	ok(set_fails("memory.swap.max", "0", 1, -EOPNOTSUPP), "v1 has no memory.swap.max");
	ok(set_fails("memory.low", "1M", 1, -EOPNOTSUPP), "v1 has no memory.low");
	ok(set_fails("memory.max", "lots", 2, -EINVAL), "bad size");
	ok(set_is("cpu.max", "50%", 2, "cpu.max=50000 100000"), "v2 cpu.max 50%%");
	ok(set_is("cpu.max", "250%", 1, "cpu.cfs_period_us=100000;cpu.cfs_quota_us=250000"), "v1 cpu.max 250%%");
	ok(set_is("cpu.max", "20000 50000", 1, "cpu.cfs_period_us=50000;cpu.cfs_quota_us=20000"), "v1 quota period");
	ok(set_is("cpu.max", "max", 1, "cpu.cfs_period_us=100000;cpu.cfs_quota_us=-1"), "v1 cpu.max max");
	ok(set_is("cpu.max", "max 20000", 2, "cpu.max=max 20000"), "v2 max with period");
	ok(set_fails("cpu.max", "500", 2, -EINVAL), "quota below 1000us");
	ok(set_fails("cpu.max", "0%", 2, -EINVAL), "0%%");
	ok(set_fails("cpu.max", "10000 999", 2, -EINVAL), "period below 1000us");
	ok(set_is("cpu.weight", "100", 1, "cpu.shares=1024"), "weight 100 is 1024 shares");
	ok(set_is("cpu.weight", "1", 1, "cpu.shares=10"), "weight 1");
	ok(set_is("cpu.weight", "10000", 1, "cpu.shares=102400"), "weight 10000");
	ok(set_fails("cpu.weight", "0", 1, -EINVAL) && set_fails("cpu.weight", "10001", 2, -EINVAL), "weight range");
	ok(set_is("io.weight", "100", 2, "io.weight=default 100"), "v2 io.weight");
	ok(set_is("io.weight", "5", 1, "blkio.weight=10"), "v1 io.weight clamps low");
	ok(set_is("io.weight", "default 10000", 1, "blkio.weight=1000"), "v1 io.weight clamps high");
	ok(set_is("pids.max", "max", 1, "pids.max=max") && set_is("pids.max", "7", 2, "pids.max=7"), "pids.max");
	ok(set_fails("pids.max", "-1", 2, -EINVAL), "pids.max -1");
	ok(set_is("cpuset.cpus", "0-3,5", 1, "cpuset.cpus=0-3,5"), "cpuset list");
	ok(set_fails("cpuset.cpus", "a", 2, -EINVAL), "bad cpuset list");
	ok(set_is("devices.deny", "a *:* rwm", 1, "devices.deny=a *:* rwm"), "native v1 name passes");
	ok(set_fails("../x", "1", 2, -EINVAL), "a key is no path");
	{
		const char *events = "low 0\nhigh 3\nmax 12\noom 1\noom_kill 2\n";
		uint64_t v = 0;

		ok(nsu_cg_parse_keyed(events, "oom_kill", &v) == 0 && v == 2, "keyed: oom_kill, not oom");
		ok(nsu_cg_parse_keyed(events, "oom", &v) == 0 && v == 1, "keyed: oom");
		ok(nsu_cg_parse_keyed(events, "low", &v) == 0 && v == 0, "keyed: the first line");
		ok(nsu_cg_parse_keyed(events, "kill", &v) == -ENOENT, "keyed: a suffix is no key");
		ok(nsu_cg_parse_keyed("populated x\n", "populated", &v) == -EINVAL, "keyed: not a number");
		ok(nsu_cg_parse_keyed("", "populated", &v) == -ENOENT, "keyed: empty");
	}
	return tap_done();
}
