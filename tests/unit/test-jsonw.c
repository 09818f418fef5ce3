// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of common/jsonw and of cgctl's typed control file values: the
 * exact text of each style, escaping, and the type each kind of file gets.
 */
#include <stdlib.h>
#include <string.h>

#include "cgctl.h"
#include "cgctl-json.h"
#include "jsonw.h"
#include "tap.h"

/* What @fn writes with a writer of @style, as a string (malloc'ed). */
static char *written(enum nsu_json_style style, void (*fn)(struct nsu_json *j))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct nsu_json j;

	nsu_json_begin(&j, f, style);
	fn(&j);
	fclose(f);
	return buf;
}

static void list_of_two(struct nsu_json *j)
{
	nsu_json_open(j, NULL, '[');
	nsu_json_open(j, NULL, '{');
	nsu_json_str(j, "name", "a\"b\n");
	nsu_json_i64(j, "id", -1);
	nsu_json_close(j);
	nsu_json_open(j, NULL, '{');
	nsu_json_bool(j, "debris", true);
	nsu_json_null(j, "x");
	nsu_json_close(j);
	nsu_json_close(j);
}

static void empty_list(struct nsu_json *j)
{
	nsu_json_open(j, NULL, '[');
	nsu_json_close(j);
}

static void nested(struct nsu_json *j)
{
	nsu_json_open(j, NULL, '{');
	nsu_json_u64(j, "n", 18446744073709551615ULL);
	nsu_json_open(j, "l", '[');
	nsu_json_double(j, NULL, 0.25);
	nsu_json_close(j);
	nsu_json_close(j);
}

static void test_styles(void)
{
	char *s;

	s = written(NSU_JSON_COMPACT, list_of_two);
	ok(strcmp(s, "[{\"name\":\"a\\\"b\\\\x0a\",\"id\":-1},{\"debris\":true,\"x\":null}]\n") == 0 ||
		   strcmp(s, "[{\"name\":\"a\\\"b\\n\",\"id\":-1},{\"debris\":true,\"x\":null}]\n") == 0,
	   "compact, escaped: %s", s);
	free(s);
	s = written(NSU_JSON_OUTER_LINES, empty_list);
	ok(strcmp(s, "[]\n") == 0, "outer lines, empty: %s", s);
	free(s);
	s = written(NSU_JSON_OUTER_LINES, list_of_two);
	ok(strncmp(s, "[\n    {\"name\":", 14) == 0 && strstr(s, "},\n    {\"debris\":true,\"x\":null}\n]\n"),
	   "outer lines: one element a line: %s", s);
	free(s);
	s = written(NSU_JSON_INDENTED, nested);
	ok(strcmp(s, "{\n   \"n\": 18446744073709551615,\n   \"l\": [\n      0.25\n   ]\n}\n") == 0, "indented: %s", s);
	free(s);
}

/* json_value() of @text from @file, compact. */
static char *typed(const char *file, const char *text)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct nsu_json j;

	nsu_json_begin(&j, f, NSU_JSON_COMPACT);
	nsu_json_open(&j, NULL, '{');
	json_value(&j, file, file, text);
	nsu_json_close(&j);
	fclose(f);
	return buf;
}

static void expect(const char *file, const char *text, const char *want)
{
	char *s = typed(file, text);

	ok(strcmp(s, want) == 0, "%s: %s", file, s);
	free(s);
}

static void test_typed(void)
{
	expect("memory.max", "67108864", "{\"memory.max\":67108864}\n");
	expect("memory.max", "max", "{\"memory.max\":\"max\"}\n");
	expect("cpu.cfs_quota_us", "-1", "{\"cpu.cfs_quota_us\":-1}\n");
	expect("cpu.max", "max 100000", "{\"cpu.max\":[\"max\",100000]}\n");
	expect("cgroup.freeze", "1", "{\"cgroup.freeze\":true}\n");
	expect("cpuset.cpus", "0-1,3", "{\"cpuset.cpus\":\"0-1,3\"}\n");
	expect("cgroup.controllers", "cpu io memory", "{\"cgroup.controllers\":[\"cpu\",\"io\",\"memory\"]}\n");
	expect("memory.events", "low 0\nhigh 2\nmax 3\n",
	       "{\"memory.events\":{\"low\":0,\"high\":2,\"max\":3}}\n");
	expect("cpu.pressure", "some avg10=0.25 avg60=0.00 avg300=0.00 total=123\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0",
	       "{\"cpu.pressure\":{\"some\":{\"avg10\":0.25,\"avg60\":0,\"avg300\":0,\"total\":123},"
	       "\"full\":{\"avg10\":0,\"avg60\":0,\"avg300\":0,\"total\":0}}}\n");
	expect("io.max", "8:0 rbps=max wbps=1048576", "{\"io.max\":{\"8:0\":{\"rbps\":\"max\",\"wbps\":1048576}}}\n");
	expect("io.weight", "default 100", "{\"io.weight\":[\"default\",100]}\n");
	expect("cgroup.procs", "12\n34", "{\"cgroup.procs\":[12,34]}\n");
	expect("devices.list", "a *:* rwm\nc 1:3 rwm\nc 1:5 r", "{\"devices.list\":[\"a *:* rwm\",\"c 1:3 rwm\",\"c 1:5 r\"]}\n");
	expect("memory.swap.max", "", "{\"memory.swap.max\":\"\"}\n");
}

int main(void)
{
	test_styles();
	test_typed();
	return tap_done();
}
