// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-json.c - control file values as typed JSON: numbers as numbers (the
 * kernel's base units: bytes, microseconds, counts), "max" as a string,
 * 0/1 switches as booleans, words as arrays, "key value" lines as objects.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cgctl.h"
#include "cgctl-json.h"
#include "cleanup.h"
#include "errors.h"
#include "strutils.h"

/* Files whose 0 or 1 is a switch. */
static const char *const switches[] = {
	"cgroup.freeze",	 "memory.oom.group",	   "cpuset.cpu_exclusive", "cpuset.mem_exclusive",
	"cpuset.mem_hardwall",	 "cpuset.memory_migrate",  "cpuset.sched_load_balance",
	"cpuset.memory_spread_page", "cpuset.memory_spread_slab", "notify_on_release",
	"cgroup.clone_children", "memory.use_hierarchy",   "memory.zswap.writeback", "cpu.idle",
};

/*
 * Files whose type does not depend on what they hold today (cgctl(8), JSON
 * types): lists of processes are always arrays of numbers, controller lists
 * always arrays of words, device rules always arrays of rules, CPU and node
 * lists always strings ("0" and "0-1" alike).
 */
static const char *const id_lists[] = {"cgroup.procs", "cgroup.threads", "tasks"};
static const char *const word_lists[] = {"cgroup.controllers", "cgroup.subtree_control"};
static const char *const line_lists[] = {"devices.list"};
static const char *const cpusets[] = {
	"cpuset.cpus",		 "cpuset.mems",		    "cpuset.cpus.effective", "cpuset.mems.effective",
	"cpuset.cpus.exclusive", "cpuset.cpus.exclusive.effective", "cpuset.effective_cpus", "cpuset.effective_mems",
};

static bool named(const char *file, const char *const *names, size_t n)
{
	for (size_t i = 0; file && i < n; i++)
		if (strcmp(file, names[i]) == 0)
			return true;
	return false;
}

static bool is_switch(const char *file)
{
	return named(file, switches, NSU_ARRAY_SIZE(switches));
}

/* One word: an integer, a decimal ("0.25" in pressure files), else a string. */
static void scalar(struct nsu_json *j, const char *key, const char *w, bool boolean)
{
	uint64_t u;
	int64_t v;
	char *end;
	double d;

	if (boolean && (strcmp(w, "0") == 0 || strcmp(w, "1") == 0)) {
		nsu_json_bool(j, key, *w == '1');
		return;
	}
	if (nsu_parse_u64(w, &u) == 0) {
		nsu_json_u64(j, key, u);
		return;
	}
	if (nsu_parse_s64(w, &v) == 0) {
		nsu_json_i64(j, key, v);
		return;
	}
	if (isdigit((unsigned char)*w) && strchr(w, '.')) {
		d = strtod(w, &end);
		if (!*end) {
			nsu_json_double(j, key, d);
			return;
		}
	}
	nsu_json_str(j, key, w);
}

/* Split @s in place at blanks; the words' count (at most @max). */
static size_t words(char *s, char **w, size_t max)
{
	size_t n = 0;

	for (char *save = NULL, *t = strtok_r(s, " \t", &save); t && n < max; t = strtok_r(NULL, " \t", &save))
		w[n++] = t;
	return n;
}

/* Words after a line's first: all KEY=VALUE (an object), one (a scalar), else an array. */
static void rest_of_line(struct nsu_json *j, const char *key, char **w, size_t n, bool boolean)
{
	bool pairs = n > 0;

	for (size_t i = 0; i < n; i++)
		pairs &= strchr(w[i], '=') != NULL && w[i][0] != '=';
	if (pairs) {
		nsu_json_open(j, key, '{');
		for (size_t i = 0; i < n; i++) {
			char *eq = strchr(w[i], '=');

			*eq = '\0';
			scalar(j, w[i], eq + 1, false);
		}
		nsu_json_close(j);
	} else if (n == 1) {
		scalar(j, key, w[0], boolean);
	} else {
		nsu_json_open(j, key, '[');
		for (size_t i = 0; i < n; i++)
			scalar(j, NULL, w[i], false);
		nsu_json_close(j);
	}
}

void json_value(struct nsu_json *j, const char *key, const char *file, const char *text)
{
	_cleanup_free_ char *copy = strdup(text);
	char **lines = NULL, *w[64];
	size_t nl = 0;
	bool keyed = true, single = true;

	if (!copy || named(file, cpusets, NSU_ARRAY_SIZE(cpusets))) {
		nsu_json_str(j, key, text);
		return;
	}
	for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		lines = nsu_xrealloc(lines, (nl + 1) * sizeof(*lines));
		lines[nl++] = l;
	}
	if (named(file, id_lists, NSU_ARRAY_SIZE(id_lists)) || named(file, line_lists, NSU_ARRAY_SIZE(line_lists)) ||
	    named(file, word_lists, NSU_ARRAY_SIZE(word_lists))) {
		bool ids = named(file, id_lists, NSU_ARRAY_SIZE(id_lists));
		bool words_only = named(file, word_lists, NSU_ARRAY_SIZE(word_lists));

		nsu_json_open(j, key, '[');
		for (size_t i = 0; i < nl; i++) {
			size_t n = words_only ? words(lines[i], w, NSU_ARRAY_SIZE(w)) : 0;

			if (ids)
				scalar(j, NULL, lines[i], false);
			else if (!words_only)
				nsu_json_str(j, NULL, lines[i]);
			for (size_t k = 0; k < n; k++)
				nsu_json_str(j, NULL, w[k]);
		}
		nsu_json_close(j);
		free(lines);
		return;
	}
	if (nl <= 1) {
		/* one line: a value, its words, or "KEY K=V..." (io.max of one device) */
		size_t n = nl ? words(lines[0], w, NSU_ARRAY_SIZE(w)) : 0;
		bool pairs = n >= 2 && !strchr(w[0], '=');

		for (size_t i = 1; i < n; i++)
			pairs &= strchr(w[i], '=') > w[i];
		if (n == 0) {
			nsu_json_str(j, key, "");
		} else if (pairs) {
			nsu_json_open(j, key, '{');
			rest_of_line(j, w[0], w + 1, n - 1, false);
			nsu_json_close(j);
		} else {
			rest_of_line(j, key, w, n, is_switch(file));
		}
		free(lines);
		return;
	}
	/* several lines: an object keyed by their first words when those are unique, else an array */
	for (size_t i = 0; i < nl; i++) {
		size_t len = strcspn(lines[i], " \t");

		single &= lines[i][len] == '\0';
		for (size_t k = 0; k < i && keyed; k++)
			keyed = strcspn(lines[k], " \t") != len || strncmp(lines[k], lines[i], len) != 0;
	}
	if (single || !keyed) {
		nsu_json_open(j, key, '[');
		for (size_t i = 0; i < nl; i++)
			if (single)
				scalar(j, NULL, lines[i], false);
			else
				nsu_json_str(j, NULL, lines[i]);
		nsu_json_close(j);
	} else {
		nsu_json_open(j, key, '{');
		for (size_t i = 0; i < nl; i++) {
			size_t n = words(lines[i], w, NSU_ARRAY_SIZE(w));

			if (n)
				rest_of_line(j, w[0], w + 1, n - 1, false);
		}
		nsu_json_close(j);
	}
	free(lines);
}
