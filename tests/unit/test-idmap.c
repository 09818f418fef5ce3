// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of common/idmap: range parsing in both upstream forms, hole
 * merging of a single id into ranges, overlap checks and /etc/subuid lookups.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "idmap.h"
#include "tap.h"

static void test_parse(void)
{
	struct nsu_idrange r;

	ok(nsu_idrange_parse("0:100000:65536", &r) == 0 && r.inner == 0 && r.outer == 100000 &&
		   r.count == 65536,
	   "range: inner:outer:count");
	ok(nsu_idrange_parse("100000,0,65536", &r) == 0 && r.inner == 0 && r.outer == 100000 &&
		   r.count == 65536,
	   "range: deprecated outer,inner,count");
	ok(nsu_idrange_parse("0:100000:0", &r) == -ERANGE, "range: count 0");
	ok(nsu_idrange_parse("0:4294967295:1", &r) == -ERANGE, "range: outer -1 refused");
	ok(nsu_idrange_parse("4294967000:0:1000", &r) == -ERANGE, "range: runs past 2^32-1");
	ok(nsu_idrange_parse("0:1", &r) == -EINVAL, "range: two fields");
	ok(nsu_idrange_parse("0:1:2:3", &r) == -EINVAL, "range: four fields");
	ok(nsu_idrange_parse("a:b:c", &r) == -EINVAL, "range: garbage");
	ok(nsu_idrange_parse("0:1:99999999999", &r) == -ERANGE, "range: count overflow");
	ok(nsu_idrange_parse("", &r) == -EINVAL, "range: empty");
}

static int has(const struct nsu_idmap *m, size_t i, uint32_t in, uint32_t out, uint32_t count)
{
	return i < m->n && m->r[i].inner == in && m->r[i].outer == out && m->r[i].count == count;
}

/* The expected maps are what util-linux 2.42's unshare writes for the same options. */
static void test_single(void)
{
	struct nsu_idmap m = {.n = 0};

	/* -r --map-groups=0:100000:10 */
	nsu_idmap_add(&m, 0, 100000, 10);
	ok(nsu_idmap_add_single(&m, 0, 0, 0) == 0 && m.n == 2 && has(&m, 0, 0, 0, 1) &&
		   has(&m, 1, 1, 100000, 9),
	   "single at the start of the inner ids: one id fewer, outer ids unmoved");
	/* --map-user=1000 --map-users=0:100000:65536, as uid 1000 */
	m.n = 0;
	nsu_idmap_add(&m, 0, 100000, 65536);
	ok(nsu_idmap_add_single(&m, 1000, 1000, 0) == 0 && m.n == 3 &&
		   has(&m, 0, 1000, 1000, 1) && has(&m, 1, 0, 100000, 1000) &&
		   has(&m, 2, 1001, 101000, 64535),
	   "single inside the inner ids splits the range");
	/* --map-user=0 --map-users=all on 0 0 1000, as uid 500: both sides overlap */
	m.n = 0;
	nsu_idmap_add(&m, 0, 0, 1000);
	ok(nsu_idmap_add_single(&m, 0, 500, 0) == 0 && m.n == 3 && has(&m, 0, 0, 500, 1) &&
		   has(&m, 1, 1, 0, 500) && has(&m, 2, 501, 501, 499) && nsu_idmap_check(&m) == 0,
	   "inner and outer both skip their id");
	/* --map-auto with -r: the auto range keeps its count, its inner ids move up */
	m.n = 0;
	nsu_idmap_add(&m, 0, 100000, 65536);
	ok(nsu_idmap_add_single(&m, 0, 0, 1) == 0 && m.n == 2 && has(&m, 1, 1, 100000, 65536),
	   "auto range keeps every id");
	m.n = 0;
	nsu_idmap_add(&m, 0, 100000, 1);
	ok(nsu_idmap_add_single(&m, 0, 0, 0) == 0 && m.n == 1, "a one-id range disappears");
	m.n = 0;
	nsu_idmap_add(&m, 10, 100000, 10);
	ok(nsu_idmap_add_single(&m, 0, 0, 0) == 0 && m.n == 2 && has(&m, 1, 10, 100000, 10),
	   "a range the single id misses stays whole");
	m.n = 0;
	nsu_idmap_add(&m, 0, 100000, 10);
	nsu_idmap_add(&m, 5, 200000, 10);
	ok(nsu_idmap_check(&m) == -EINVAL, "overlap inside is found");
	m.n = 0;
	nsu_idmap_add(&m, 0, 100000, 10);
	nsu_idmap_add(&m, 20, 100005, 10);
	ok(nsu_idmap_check(&m) == -EINVAL, "overlap outside is found");
}

static void test_subid(void)
{
	char path[] = "/tmp/nsutils-test-subid.XXXXXX";
	struct nsu_idrange r;
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (!f) {
		ok(0, "cannot create a temporary subuid file");
		return;
	}
	fputs("alice:100000:65536\n"
	      "garbage line\n"
	      "1000:300000:10\n"
	      "bob:200000:65536\n"
	      "bob:900000:5\n",
	      f);
	fclose(f);
	ok(nsu_subid_first(path, "bob", 1001, &r) == 0 && r.outer == 200000 && r.count == 65536,
	   "subuid: first range by name");
	ok(nsu_subid_first(path, "carol", 1000, &r) == 0 && r.outer == 300000 && r.count == 10,
	   "subuid: range by uid");
	ok(nsu_subid_first(path, "dave", 1002, &r) == -ENOENT, "subuid: none");
	ok(nsu_subid_first("/nonexistent/subuid", "bob", 1, &r) == -ENOENT, "subuid: no file");
	unlink(path);
}

int main(void)
{
	test_parse();
	test_single();
	test_subid();
	return tap_done();
}
