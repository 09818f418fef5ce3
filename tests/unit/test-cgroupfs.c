// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of common/cgroupfs: group paths that stay inside their
 * hierarchy, and v2 keys and values turned into v1 writes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroupfs.h"
#include "strutils.h"
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
	struct nsu_cg_wr w[NSU_CG_WR_MAX];
	char got[NSU_CG_WR_MAX * 240] = "";
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
	struct nsu_cg_wr w[NSU_CG_WR_MAX];
	const char *why = NULL;
	size_t n;

	return nsu_cg_translate_set(key, value, version, w, &n, &why) == err && why && *why;
}

/* nsu_cg_alias(@name, @value) gives @key=@want. */
static int alias_is(const char *name, const char *value, const char *key, const char *want)
{
	const char *k, *why;
	char *v = NULL;
	int ok_ = nsu_cg_alias(name, value, &k, &v, &why) == 0 && strcmp(k, key) == 0 && strcmp(v, want) == 0;

	free(v);
	return ok_;
}

static void test_keys(void)
{
	const char *k, *why;
	char *v = NULL;

	ok(nsu_cg_v2_key("memory.max") && nsu_cg_v2_key("io.max") && nsu_cg_v2_key("hugetlb.2MB.max"), "v2 keys");
	ok(!nsu_cg_v2_key("memory.maxx") && !nsu_cg_v2_key("memory.limit_in_bytes"), "not v2 keys");
	ok(nsu_cg_nearest_key("memory.maxx", NULL, 0) && strcmp(nsu_cg_nearest_key("memory.maxx", NULL, 0), "memory.max") == 0,
	   "nearest to memory.maxx");
	ok(nsu_cg_nearest_key("cpu.weigth", NULL, 0) && strcmp(nsu_cg_nearest_key("cpu.weigth", NULL, 0), "cpu.weight") == 0,
	   "nearest to cpu.weigth");
	ok(nsu_cg_nearest_key("completely.different.thing", NULL, 0) == NULL, "no hint far away");
	{
		const char *extra[] = {"memory.limit_in_bytes"};

		ok(strcmp(nsu_cg_nearest_key("memory.limit_in_byte", extra, 1), "memory.limit_in_bytes") == 0,
		   "nearest among the extra names");
	}
	ok(alias_is("MemoryMax", "1G", "memory.max", "1G"), "MemoryMax");
	ok(alias_is("MemoryHigh", "infinity", "memory.high", "max"), "MemoryHigh=infinity");
	ok(alias_is("TasksMax", "infinity", "pids.max", "max"), "TasksMax=infinity");
	ok(alias_is("TasksMax", "64", "pids.max", "64"), "TasksMax=64");
	ok(alias_is("CPUQuota", "150%", "cpu.max", "150%"), "CPUQuota=150%%");
	ok(alias_is("CPUWeight", "200", "cpu.weight", "200"), "CPUWeight");
	ok(alias_is("IOWeight", "50", "io.weight", "50"), "IOWeight");
	ok(alias_is("AllowedCPUs", "0 2-3", "cpuset.cpus", "0,2-3"), "AllowedCPUs with blanks");
	ok(alias_is("AllowedMemoryNodes", "0", "cpuset.mems", "0"), "AllowedMemoryNodes");
	ok(nsu_cg_alias("CPUQuota", "50000", &k, &v, &why) == -EINVAL, "CPUQuota without %% is refused");
	ok(nsu_cg_alias("MemoryMax", "120%", &k, &v, &why) == -EINVAL, "MemoryMax over 100%% is refused");
	ok(nsu_cg_alias("memorymax", "1G", &k, &v, &why) == -ENOENT, "names are case-sensitive, as systemd's");
	ok(nsu_cg_alias_key("TasksMax") && strcmp(nsu_cg_alias_key("TasksMax"), "pids.max") == 0, "alias key");
	ok(alias_is("MemoryMax", "50%", "memory.max", "") == 0, "MemoryMax=50%% is a number of bytes");
	if (nsu_cg_alias("MemoryMax", "50%", &k, &v, &why) == 0) {
		uint64_t u = 0;

		ok(nsu_parse_u64(v, &u) == 0 && u > 0, "MemoryMax=50%% gives %s bytes", v);
		free(v);
	}
}

/* Write @w as its file in the directory @dirfd (made if missing, as cgroupfs has it). */
static int put(int dirfd, const struct nsu_cg_wr *w)
{
	int fd = openat(dirfd, w->file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	size_t len = strlen(w->value);
	int done = fd >= 0 && write(fd, w->value, len) == (ssize_t)len;

	if (fd >= 0)
		close(fd);
	return done;
}

/*
 * Every cpu.weight 1..10000 written on v1 (cpu.shares, in a directory of
 * ours standing for the group) reads back as itself: the count of those
 * that do not.
 */
/* get io.weight from a directory holding one v1 weight file with @text: @want? (BFQ's file if @text says "default") */
static int bfq_weight_reads(const char *text, const char *want)
{
	char dir[] = "/tmp/nsutils-test-cgunit.XXXXXX";
	const char *file = strncmp(text, "default", 7) == 0 ? "blkio.bfq.weight" : "blkio.weight", *why;
	struct nsu_cg_wr w;
	char *got = NULL;
	int fd, r;

	if (!mkdtemp(dir))
		return 0;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	snprintf(w.file, sizeof(w.file), "%s", file);
	snprintf(w.value, sizeof(w.value), "%s", text);
	r = fd >= 0 && put(fd, &w) && nsu_cg_translate_get(fd, "io.weight", 1, &got, &why) == 0 && strcmp(got, want) == 0;
	free(got);
	if (fd >= 0) {
		unlinkat(fd, file, 0);
		close(fd);
	}
	rmdir(dir);
	return r;
}

static int weight_round_trips_failing(void)
{
	char dir[] = "/tmp/nsutils-test-cgunit.XXXXXX";
	int bad = 0, fd;

	if (!mkdtemp(dir))
		return -1;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (unsigned w = 1; fd >= 0 && w <= 10000; w++) {
		struct nsu_cg_wr out[NSU_CG_WR_MAX];
		const char *why = NULL;
		char v[16], *back = NULL;
		size_t n;

		snprintf(v, sizeof(v), "%u", w);
		if (nsu_cg_translate_set("cpu.weight", v, 1, out, &n, &why) < 0 || n != 1 || !put(fd, &out[0]) ||
		    nsu_cg_translate_get(fd, "cpu.weight", 1, &back, &why) < 0 || strcmp(back, v) != 0)
			bad++;
		free(back);
	}
	if (fd >= 0) {
		unlinkat(fd, "cpu.shares", 0);
		close(fd);
	}
	rmdir(dir);
	return fd < 0 ? -1 : bad;
}

int main(void)
{
	test_keys();
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
	ok(set_fails("memory.high", "1M", 1, -EOPNOTSUPP), "v1 memory.high: no throttling limit on v1");
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
	ok(set_is("io.weight", "100", 1, "blkio.weight=500"), "v1 io.weight: the defaults map (100 is CFQ's 500)");
	ok(set_is("io.weight", "1", 1, "blkio.weight=10"), "v1 io.weight clamps low");
	ok(set_is("io.weight", "default 10000", 1, "blkio.weight=1000"), "v1 io.weight clamps high");
	{
		int bad = 0;

		/* every weight v1 can hold reads back as written: 2..200 through CFQ, 1..1000 through BFQ */
		for (uint64_t w = 2; w <= 200; w++)
			bad += nsu_cg_io_weight_v2("blkio.weight", nsu_cg_io_weight_v1("blkio.weight", w)) != w;
		for (uint64_t w = 1; w <= 1000; w++)
			bad += nsu_cg_io_weight_v2("blkio.bfq.weight", nsu_cg_io_weight_v1("blkio.bfq.weight", w)) != w;
		ok(bad == 0 && nsu_cg_io_weight_v1("blkio.bfq.weight", 100) == 100, "io.weight round trips on v1 (%d off)",
		   bad);
	}
	ok(bfq_weight_reads("default 250\n8:0 300\n", "default 250") && bfq_weight_reads("500\n", "default 100"),
	   "v1 weight files read: BFQ's \"default N\" lines, CFQ's number");
	ok(set_is("pids.max", "max", 1, "pids.max=max") && set_is("pids.max", "7", 2, "pids.max=7"), "pids.max");
	ok(set_is("memory.soft_limit_in_bytes", "max", 1, "memory.soft_limit_in_bytes=-1") &&
		   set_is("memory.limit_in_bytes", "64M", 1, "memory.limit_in_bytes=67108864") &&
		   set_is("memory.memsw.limit_in_bytes", "-1", 1, "memory.memsw.limit_in_bytes=-1"),
	   "v1 byte limits: units, max and -1");
	ok(set_fails("memory.soft_limit_in_bytes", "lots", 1, -EINVAL), "v1 byte limits: checked before a write");
	ok(set_is("io.max", "8:0 rbps=1048576 wiops=max", 1,
		  "blkio.throttle.read_bps_device=8:0 1048576;blkio.throttle.write_iops_device=8:0 0"),
	   "v1 io.max: a throttle file a limit, max is 0");
	ok(set_is("io.max", "8:16 wbps=5 riops=7", 2, "io.max=8:16 wbps=5 riops=7"), "v2 io.max as given");
	ok(set_fails("io.max", "8:0", 1, -EINVAL) && set_fails("io.max", "sda rbps=1", 1, -EINVAL) &&
		   set_fails("io.max", "8:0 rbps=1 rbps=2", 2, -EINVAL) && set_fails("io.max", "8:0 bps=1", 1, -EINVAL) &&
		   set_fails("io.max", "8:0 rbps=0", 1, -EINVAL),
	   "io.max: no limit, no device, a limit twice, an unknown one, 0");
	{
		char *a = nsu_cg_throttle_inverse("8:0 100\n8:16 200", "8:16 5");
		char *b = nsu_cg_throttle_inverse("8:0 100", "7:1 5");

		ok(a && b && strcmp(a, "8:16 200") == 0 && strcmp(b, "7:1 0") == 0,
		   "throttle undo: the device's old line, else no limit");
		free(a);
		free(b);
	}
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
	{
		uint64_t r = 1, w = 1;

		ok(nsu_cg_parse_io_bytes("8:0 rbytes=4096 wbytes=512 rios=1 wios=1 dbytes=0 dios=0\n"
					 "253:1 rbytes=100 wbytes=0 rios=2 wios=0 dbytes=0 dios=0\n",
					 2, &r, &w) == 0 && r == 4196 && w == 512,
		   "io.stat: bytes summed over devices");
		ok(nsu_cg_parse_io_bytes("", 2, &r, &w) == 0 && r == 0 && w == 0, "io.stat: empty is no IO");
		ok(nsu_cg_parse_io_bytes("8:0 Read 10\n8:0 Write 20\n8:0 Sync 30\n8:0 Total 30\n"
					 "8:16 Read 5\n8:16 Write 0\nTotal 35\n", 1, &r, &w) == 0 && r == 15 && w == 20,
		   "blkio: Read and Write summed, Sync and Total not");
		ok(nsu_cg_parse_io_bytes("Total 0\n", 1, &r, &w) == -ENODATA &&
		   nsu_cg_parse_io_bytes("", 1, &r, &w) == -ENODATA, "blkio: no device line is no figure");
		ok(nsu_cg_parse_io_bytes("8:0 rbytes=x\n", 2, &r, &w) == -EINVAL &&
		   nsu_cg_parse_io_bytes("8:0 Read -1\n", 1, &r, &w) == -EINVAL, "io: a number that is not one");
		ok(nsu_cg_parse_io_bytes("8:0 rbytes=18446744073709551615\n8:1 rbytes=1\n", 2, &r, &w) == 0 &&
		   r == UINT64_MAX, "io: the sum saturates");
	}
	ok(weight_round_trips_failing() == 0, "cpu.weight 1..10000 on v1 reads back as written (33, not 32)");
	return tap_done();
}
