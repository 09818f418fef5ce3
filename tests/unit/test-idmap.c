// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of common/idmap: range parsing in both upstream forms, hole
 * punching, overlap checks and /etc/subuid lookups.
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

static void test_holes(void)
{
	struct nsu_idmap m = {.n = 0};

	nsu_idmap_add(&m, 0, 100000, 65536);
	ok(nsu_idmap_punch_hole(&m, 1000) == 0 && m.n == 2, "hole in the middle splits");
	ok(m.r[0].inner == 0 && m.r[0].count == 1000, "left part");
	ok(m.r[1].inner == 1001 && m.r[1].outer == 101001 && m.r[1].count == 64535, "right part");
	ok(nsu_idmap_add(&m, 1000, 1000, 1) == 0 && nsu_idmap_check(&m) == 0,
	   "single id fits in the hole");

	m.n = 0;
	nsu_idmap_add(&m, 0, 100000, 10);
	ok(nsu_idmap_punch_hole(&m, 0) == 0 && m.n == 1 && m.r[0].inner == 1 &&
		   m.r[0].outer == 100001 && m.r[0].count == 9,
	   "hole at the start");
	m.n = 0;
	nsu_idmap_add(&m, 0, 100000, 1);
	ok(nsu_idmap_punch_hole(&m, 0) == 0 && m.n == 0, "hole removes a one-id range");
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
	test_holes();
	test_subid();
	return tap_done();
}
