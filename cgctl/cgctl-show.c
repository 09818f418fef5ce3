// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-show.c - the commands that show groups: get, list, stat, which,
 * controllers.
 */
#include <dirent.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgctl.h"
#include "cgctl-group.h"
#include "cgctl-make.h"
#include "cgctl-tree.h"
#include "cgctl-figures.h"
#include "cgctl-table.h"
#include "cgctl-json.h"
#include "cgctl-devices.h"
#include "cleanup.h"
#include "devrules.h"
#include "errors.h"
#include "procfs.h"
#include "strutils.h"
#include "compat.h"
#include "exec.h"
#include "timeutil.h"

/* The value of @key of @group in its v2 form, malloc'ed; exits 1 saying why it cannot be read. */
static char *read_key_or_err(const struct nsu_tool *c, const char *group, const char *name)
{
	const char *key = nsu_cg_alias_key(name) ? nsu_cg_alias_key(name) : name;
	struct nsu_cg_hier *h;
	_cleanup_close_ int fd = -1;
	char *v = NULL;
	const char *why;
	int r;

	h = hier_for_key(c, key);
	fd = nsu_cg_open(h, group);
	if (fd >= 0)
		check_key_or_err(c, h, fd, key);
	if (fd == -ENOENT)
		nsu_errx(NSU_EXIT_FAILURE, "%s: group '%s' is not in the %s hierarchy", key, group_label(group),
			 hier_label(h));
	if (fd < 0) {
		say_bad_group(group, h, fd);
		exit(NSU_EXIT_FAILURE);
	}
	if (h->version == 2 && strcmp(key, "devices.list") == 0) {
		struct nsu_dev_rules rules = NSU_DEV_RULES_INIT;

		r = devices_read_v2(fd, &rules);
		v = r == 0 ? nsu_dev_rules_list(&rules) : NULL;
		nsu_dev_rules_free(&rules);
		if (r == -ENOKEY)
			nsu_errx(NSU_EXIT_FAILURE, "cannot read the device rules of '%s': its device program has no rules "
				 "kept with it (trusted.nsutils.devices; devices.deny=a starts over)", group_label(group));
		if (r < 0)
			nsu_errc(NSU_EXIT_FAILURE, r, "cannot read the device rules of '%s'", group_label(group));
		if (!v)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
		return v;
	}
	r = nsu_cg_translate_get(fd, key, h->version, &v, &why);
	if (r == -EOPNOTSUPP)
		nsu_errx(NSU_EXIT_FAILURE, "%s cannot be read on cgroup v1: %s", key, why);
	if (r == -ENOENT && h->version == 2)
		nsu_errx(NSU_EXIT_FAILURE, "%s: no such key in '%s' (is its controller enabled? "
			 "cgctl create -c CONTROLLER enables it)", key, group_label(group));
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot read %s of '%s'", key, group_label(group));
	return v;
}

/* Whether @name is among the @n names of @seen; if not, it is added. */
static bool seen_before(const char ***seen, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*seen)[i], name) == 0)
			return true;
	*seen = nsu_xrealloc(*seen, (*n + 1) * sizeof(**seen));
	(*seen)[(*n)++] = name;
	return false;
}

/* get without a key: every single-line readable file of the group, in each hierarchy. */
static void get_all(const struct nsu_tool *c, const char *group, struct nsu_json *j)
{
	static const struct nsu_colinfo ci[] = {
		{"KEY", 0, 0, SCOLS_JSON_STRING, "key"},
		{"VALUE", 0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, "value"},
		{"HIERARCHY", 0, 0, SCOLS_JSON_STRING, "hierarchy"},
	};
	struct nsu_cg_hier *hs[c->cg.n + 1];
	size_t nh = group_hiers_or_err(c, group, hs), nseen = 0;
	struct libscols_table *tb = j ? NULL : table_or_err(c, "settings", ci, 3, -1);
	struct dirent **names[c->cg.n + 1];
	int nnames[c->cg.n + 1];
	const char **seen = NULL;

	for (size_t i = 0; i < nh; i++) {
		_cleanup_close_ int fd = nsu_cg_open(hs[i], group);

		names[i] = NULL;
		nnames[i] = fd < 0 ? 0 : scandirat(fd, ".", &names[i], NULL, alphasort);
		for (int k = 0; k < nnames[i]; k++) {
			const char *name = names[i][k]->d_name;
			_cleanup_free_ char *v = NULL;
			struct stat st;

			if (name[0] == '.' || fstatat(fd, name, &st, 0) < 0 || !S_ISREG(st.st_mode) || !(st.st_mode & 0444) ||
			    strcmp(name, "cgroup.procs") == 0 || strcmp(name, "tasks") == 0 ||
			    strcmp(name, "cgroup.threads") == 0 || nsu_cg_read(fd, name, &v) < 0 || strchr(v, '\n'))
				continue;
			if (tb)
				row(tb, NULL, 3, name, v, hier_label(hs[i]));
			/* one member a name: a file of every v1 hierarchy (notify_on_release) from the first */
			else if (!seen_before(&seen, &nseen, name))
				json_value(j, name, name, v);
		}
	}
	if (tb)
		nsu_output_print_or_err(tb);
	for (size_t i = 0; i < nh; i++) {
		for (int k = 0; k < nnames[i]; k++)
			free(names[i][k]);
		free(names[i]);
	}
	free(seen);
}

int cmd_get(struct nsu_tool *c, int argc, char **argv)
{
	struct nsu_cg_hier *hs[c->cg.n + 1];
	_cleanup_free_ char *group = NULL;
	const char **seen = NULL;
	struct nsu_json j;
	size_t nseen = 0;
	char **values;

	SHIFT_TO_ARGS(c, argc, argv);
	if (argc < 2)
		nsu_usage_error("get: expected GROUP [KEY...]");
	group = group_or_err(argv[1]);
	group_hiers_or_err(c, group, hs);
	/* every key read before anything is printed: a bad one leaves stdout empty, not half an object */
	values = nsu_xrealloc(NULL, (size_t)argc * sizeof(*values));
	for (int i = 2; i < argc; i++)
		values[i] = read_key_or_err(c, group, argv[i]);
	/* JSON: one object, a member for each key, its value typed */
	if (c->out.json) {
		nsu_json_begin(&j, stdout, NSU_JSON_INDENTED);
		nsu_json_open(&j, NULL, '{');
	}
	if (argc == 2)
		get_all(c, group, c->out.json ? &j : NULL);
	for (int i = 2; i < argc; i++) {
		if (!c->out.json)
			puts(values[i]);
		else if (!seen_before(&seen, &nseen, argv[i]))
			json_value(&j, argv[i], argv[i], values[i]);
		free(values[i]);
	}
	if (c->out.json)
		nsu_json_close(&j);
	free(values);
	free(seen);
	return EXIT_SUCCESS;
}

/* A list of words (separated by @seps) as a cell: JSON arrays take one a line, tables blanks. */
static char *list_cell(const struct nsu_tool *c, const char *list, const char *seps)
{
	char *v = strdup(list ? list : "");

	if (!v)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	for (char *p = v; *p; p++)
		if (strchr(seps, *p))
			*p = c->out.json ? '\n' : ' ';
	return v;
}

/* list: the union of the group trees of every hierarchy, with process counts. */
enum {
	L_GROUP, L_PATH, L_PROCS, L_TASKS, L_MEMORY, L_CPU, L_PIDS_MAX, L_MEMORY_MAX, L_FROZEN, L_HIERARCHIES,
	L_STATE, L_NCOLS
};

static const struct nsu_colinfo list_cols[L_NCOLS] = {
	/* (truncated to the terminal, as systemd-cgls: -p puts whole command lines there) */
	[L_GROUP] = {"GROUP", 0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, "group (as a tree: its name under its parent)"},
	[L_PATH] = {"PATH", 0, 0, SCOLS_JSON_STRING, "path of the group below the root"},
	[L_PROCS] = {"PROCS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "processes in the group itself"},
	[L_TASKS] = {"TASKS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "tasks in the group and below (pids.current, else counted)"},
	[L_MEMORY] = {"MEMORY", 7, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "memory in use (memory.current), JSON in bytes"},
	[L_CPU] = {"CPU", 9, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "CPU time used (cpu.stat usage), JSON in microseconds"},
	[L_PIDS_MAX] = {"PIDS.MAX", 8, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, "limit of tasks (pids.max)"},
	[L_MEMORY_MAX] = {"MEMORY.MAX", 10, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, "limit of memory (memory.max)"},
	[L_FROZEN] = {"FROZEN", 6, 0, SCOLS_JSON_BOOLEAN, "whether the group is frozen"},
	[L_HIERARCHIES] = {"HIERARCHIES", 0, NSU_COL_MULTILINE, SCOLS_JSON_ARRAY_STRING, "hierarchies the group is in"},
	[L_STATE] = {"STATE", 0, 0, SCOLS_JSON_STRING, "unfinished: a create of it was cut short"},
};

/* The v2 form of @key of @path, where a hierarchy serves it (malloc'ed), or NULL. */
static char *list_limit(const struct nsu_tool *c, const char *path, const char *ctl, const char *key)
{
	struct nsu_cg_hier *h = nsu_cg_hier_for(&c->cg, ctl);
	_cleanup_close_ int fd = h && *path ? nsu_cg_open(h, path) : -1;
	const char *why;
	char *v = NULL;

	if (fd < 0 || nsu_cg_translate_get(fd, key, h->version, &v, &why) < 0)
		return NULL;
	v[strcspn(v, "\n")] = '\0';
	return v;
}

/* The figures of a node the columns @cols ask for. */
struct node_figures {
	struct figures k;
	int frozen;
	char *pids_max, *memory_max;
};

static void read_figures(const struct nsu_tool *c, const int *cols, size_t ncols, const char *path,
			 struct node_figures *f)
{
	unsigned want = 0;

	*f = (struct node_figures){.k = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1}, .frozen = -1};
	for (size_t i = 0; i < ncols; i++) {
		want |= cols[i] == L_TASKS ? FIG_TASKS : cols[i] == L_MEMORY ? FIG_MEMORY : cols[i] == L_CPU ? FIG_CPU : 0;
		if (cols[i] == L_FROZEN)
			f->frozen = frozen_state(c, path);
		else if (cols[i] == L_PIDS_MAX && !f->pids_max)
			f->pids_max = list_limit(c, path, "pids", "pids.max");
		else if (cols[i] == L_MEMORY_MAX && !f->memory_max)
			f->memory_max = list_limit(c, path, "memory", "memory.max");
	}
	if (want) {
		struct fig_sources src;

		fig_sources_find(c, &src);
		figures_read(c, &src, path, want, &f->k);
	}
}

static void free_figures(struct node_figures *f)
{
	free(f->pids_max);
	free(f->memory_max);
}

/* A PID and its command line, as systemd-cgls shows a process (malloc'ed). */
static char *process_text(pid_t pid)
{
	_cleanup_close_ int fd = nsu_proc_open(pid);
	_cleanup_free_ char *cmd = NULL;
	struct nsu_procstat st;
	char *s;

	if (fd < 0 || nsu_proc_read_stat(fd, &st) < 0 || nsu_proc_command(fd, st.comm, &cmd) < 0)
		cmd = NULL;
	if (asprintf(&s, "%d %s", (int)pid, cmd ? cmd : "(gone)") < 0)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	return s;
}

/* A cell of the table, malloc'ed, or NULL for an empty one. */
static char *list_text(const struct nsu_tool *c, const struct node *n, int col, const struct node_figures *f)
{
	const char *slash = strrchr(n->path, '/');
	char buf[64];
	int64_t v;

	switch (col) {
	case L_GROUP:
		/* raw output has no tree (as lsblk -r): there a group is its path */
		if (c->out.raw || n->parent == SIZE_MAX)
			return nsu_xstrdup(*n->path ? n->path : "/");
		return nsu_xstrdup(slash ? slash + 1 : n->path);
	case L_PATH:
		return nsu_xstrdup(*n->path ? n->path : "/");
	case L_PROCS:
		snprintf(buf, sizeof(buf), "%zu", n->procs.n + n->procs.unreachable);
		return nsu_xstrdup(buf);
	case L_TASKS:
	case L_MEMORY:
	case L_CPU:
		v = col == L_TASKS ? f->k.tasks : col == L_MEMORY ? f->k.memory : f->k.cpu_usec;
		if (v < 0)
			return NULL;
		if (col == L_MEMORY && !c->out.raw)
			human_size(v, buf, sizeof(buf));
		else if (col == L_CPU)
			snprintf(buf, sizeof(buf), "%.3fs", (double)v / 1e6);
		else
			snprintf(buf, sizeof(buf), "%" PRId64, v);
		return nsu_xstrdup(buf);
	case L_PIDS_MAX:
		return f->pids_max ? nsu_xstrdup(f->pids_max) : NULL;
	case L_MEMORY_MAX:
		return f->memory_max ? nsu_xstrdup(f->memory_max) : NULL;
	case L_FROZEN:
		return f->frozen < 0 ? NULL : nsu_xstrdup(f->frozen ? "yes" : "no");
	case L_HIERARCHIES:
		return list_cell(c, n->hiers, " ");
	case L_STATE:
		return n->unfinished ? nsu_xstrdup("unfinished") : NULL;
	}
	return NULL;
}

/* The row of node @i (and with @procs, a leaf for each of its processes). */
static struct libscols_line *list_row(const struct nsu_tool *c, struct libscols_table *tb, const struct node *nodes,
				      size_t i, struct libscols_line **lines, const int *cols, size_t ncols,
				      int tree_col, bool procs)
{
	const struct node *n = &nodes[i];
	struct libscols_line *ln = scols_table_new_line(tb, n->parent == SIZE_MAX ? NULL : lines[n->parent]);
	bool json = scols_table_is_json(tb);
	struct node_figures f;

	if (!ln)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	read_figures(c, cols, ncols, n->path, &f);
	for (size_t k = 0; k < ncols; k++) {
		_cleanup_free_ char *t = list_text(c, n, cols[k], &f);

		if (t && (cols[k] == L_HIERARCHIES ? nsu_output_set_list : nsu_output_set_text)(ln, k, t, json) < 0)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	}
	free_figures(&f);
	/* the processes as leaves, before the child groups (a tree needs GROUP: else under it, flat) */
	for (size_t k = 0; procs && k < n->procs.n; k++) {
		_cleanup_free_ char *t = process_text(n->procs.v[k]);
		struct libscols_line *p = scols_table_new_line(tb, tree_col >= 0 ? ln : NULL);

		if (!p || nsu_output_set_text(p, tree_col >= 0 ? (size_t)tree_col : 0, t, json) < 0)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	}
	return ln;
}

static void list_json_node(const struct nsu_tool *c, struct nsu_json *j, const struct node *nodes, size_t nn,
			   size_t i, const int *cols, size_t ncols, bool procs)
{
	const struct node *n = &nodes[i];
	const char *slash = strrchr(n->path, '/');
	bool children = false;
	struct node_figures f;

	read_figures(c, cols, ncols, n->path, &f);
	nsu_json_open(j, NULL, '{');
	for (size_t k = 0; k < ncols; k++) {
		char key[32];
		const char *name = list_cols[cols[k]].name;
		size_t len = strlen(name);

		for (size_t x = 0; x <= len && x < sizeof(key); x++)
			key[x] = (char)tolower((unsigned char)name[x]);
		switch (cols[k]) {
		case L_GROUP:
			nsu_json_str(j, key, n->parent == SIZE_MAX ? (*n->path ? n->path : "/") : slash ? slash + 1 : n->path);
			break;
		case L_PATH:
			nsu_json_str(j, key, *n->path ? n->path : "/");
			break;
		case L_PROCS:
			nsu_json_u64(j, key, n->procs.n + n->procs.unreachable);
			break;
		case L_TASKS:
		case L_MEMORY:
		case L_CPU: {
			int64_t v = cols[k] == L_TASKS ? f.k.tasks : cols[k] == L_MEMORY ? f.k.memory : f.k.cpu_usec;

			if (v < 0)
				nsu_json_null(j, key);
			else
				nsu_json_i64(j, key, v);
			break;
		}
		case L_PIDS_MAX:
		case L_MEMORY_MAX: {
			const char *v = cols[k] == L_PIDS_MAX ? f.pids_max : f.memory_max;

			if (v)
				json_value(j, key, key, v);
			else
				nsu_json_null(j, key);
			break;
		}
		case L_FROZEN:
			if (f.frozen < 0)
				nsu_json_null(j, key);
			else
				nsu_json_bool(j, key, f.frozen);
			break;
		case L_HIERARCHIES: {
			_cleanup_free_ char *h = nsu_xstrdup(n->hiers);

			nsu_json_open(j, key, '[');
			for (char *save = NULL, *w = strtok_r(h, " ", &save); w; w = strtok_r(NULL, " ", &save))
				nsu_json_str(j, NULL, w);
			nsu_json_close(j);
			break;
		}
		case L_STATE:
			if (n->unfinished)
				nsu_json_str(j, key, "unfinished");
			else
				nsu_json_null(j, key);
			break;
		}
	}
	free_figures(&f);
	if (procs) {
		nsu_json_open(j, "processes", '[');
		for (size_t k = 0; k < n->procs.n; k++) {
			_cleanup_free_ char *t = process_text(n->procs.v[k]);

			nsu_json_open(j, NULL, '{');
			nsu_json_i64(j, "pid", n->procs.v[k]);
			nsu_json_str(j, "command", strchr(t, ' ') + 1);
			nsu_json_close(j);
		}
		nsu_json_close(j);
	}
	/* children as an array, as libsmartcols nests a tree */
	for (size_t k = n->first_child; k != SIZE_MAX; k = nodes[k].next_sibling) {
		if (!children)
			nsu_json_open(j, "children", '[');
		children = true;
		list_json_node(c, j, nodes, nn, k, cols, ncols, procs);
	}
	if (children)
		nsu_json_close(j);
	nsu_json_close(j);
}

/* list's tree deeper than the JSON writer nests (each level: an object in an array) */
#define LIST_JSON_MAX_LEVELS ((NSU_JSON_MAX_DEPTH - 6) / 2)

int cmd_list(struct nsu_tool *c, int argc, char **argv)
{
	enum { OPT_DEPTH = 0x101 };
	static const struct option opts[] = {
		{"procs", no_argument, NULL, 'p'},
		{"output", required_argument, NULL, 'o'},
		{"depth", required_argument, NULL, OPT_DEPTH},
		{"noheadings", no_argument, NULL, 'n'},
		{"notruncate", no_argument, NULL, 'u'},
		{NULL, 0, NULL, 0},
	};
	struct nsu_cg_hier *hs[c->cg.n + 1];
	int cols[L_NCOLS * 2] = {L_GROUP, L_PROCS, L_HIERARCHIES, L_STATE};
	size_t ncols = 4, nh, nn;
	_cleanup_free_ char *group = NULL;
	const char *output = NULL;
	bool procs = false, noheadings = false, notruncate = false;
	long depth = -1;
	struct node *nodes;
	int o, tree_col = -1;

	while ((o = cmd_getopt(c, argc, argv, "po:nu", opts)) != -1) {
		if (o == 'p')
			procs = true;
		else if (o == 'n')
			noheadings = true;
		else if (o == 'u')
			notruncate = true;
		else if (o == 'o')
			output = optarg;
		else if (o == OPT_DEPTH)
			depth = (long)nsu_u64_range_or_err(optarg, 0, 4096, "depth");
		else
			nsu_bad_usage();
	}
	if (argc - optind > 1)
		nsu_usage_error("list: unexpected argument '%s'", argv[optind + 1]);
	if (output) {
		char *bad = NULL;
		int r = nsu_columns_parse(output, list_cols, L_NCOLS, cols, &ncols, NSU_ARRAY_SIZE(cols), &bad);

		if (r == -EINVAL) {
			char known[256] = "";

			for (size_t i = 0; i < L_NCOLS; i++)
				snprintf(known + strlen(known), sizeof(known) - strlen(known), "%s%s", i ? " " : "",
					 list_cols[i].name);
			nsu_warnx("unknown column: %s", bad);
			nsu_hint("the columns: %s", known);
			exit(NSU_EXIT_FAILURE);
		}
		if (r < 0)
			nsu_errx(NSU_EXIT_FAILURE, "too many columns: %s", output);
	}
	group = group_or_err(optind < argc ? argv[optind] : "");
	nh = group_hiers_or_err(c, group, hs);
	nodes = collect_nodes(hs, nh, group, depth, &nn);
	for (size_t i = 0; i < nn; i++) {
		/* the hierarchies the walk found it in: nothing is looked for again */
		struct nsu_cg_hier *in[nh + 1];
		size_t nin = 0;

		for (size_t k = 0; k < nh; k++)
			if (k >= 64 || (nodes[i].in & (UINT64_C(1) << k)))
				in[nin++] = hs[k];
		group_pids_in(in, nin, nodes[i].path, false, &nodes[i].procs);
		for (size_t k = 0; k < nin && !nodes[i].unfinished; k++)
			nodes[i].unfinished = group_unfinished(in[k], nodes[i].path);
	}
	if (c->out.json) {
		struct nsu_json j;

		for (size_t i = 0; i < nn; i++)
			if (depth_below(group, nodes[i].path) > LIST_JSON_MAX_LEVELS)
				nsu_errx(NSU_EXIT_FAILURE, "groups nested more than %d levels below '%s' for JSON: use --depth",
					 LIST_JSON_MAX_LEVELS, group_label(group));
		nsu_json_begin(&j, stdout, NSU_JSON_INDENTED);
		nsu_json_open(&j, NULL, '{');
		nsu_json_open(&j, "groups", '[');
		if (nn)
			list_json_node(c, &j, nodes, nn, 0, cols, ncols, procs);
		nsu_json_close(&j);
		nsu_json_close(&j);
	} else {
		struct libscols_line **lines = nsu_xrealloc(NULL, (nn + 1) * sizeof(*lines));
		struct nsu_output_opts oo = c->out;
		struct libscols_table *tb;

		/* Only the tree needs the locale (UTF-8 lines); loading it costs every other command time. */
		setlocale(LC_ALL, "");
		for (size_t i = 0; i < ncols && tree_col < 0 && !c->out.raw; i++)
			if (cols[i] == L_GROUP)
				tree_col = (int)i;
		oo.name = "groups";
		oo.noheadings = noheadings;
		oo.notruncate = notruncate;
		tb = nsu_output_table_or_err(&oo, list_cols, cols, ncols, tree_col);
		for (size_t i = 0; i < nn; i++)
			lines[i] = list_row(c, tb, nodes, i, lines, cols, ncols, tree_col, procs);
		nsu_output_print_or_err(tb);
		free(lines);
	}
	free_nodes(nodes, nn);
	return EXIT_SUCCESS;
}

int cmd_which(struct nsu_tool *c, int argc, char **argv)
{
	static const struct nsu_colinfo ci[] = {
		{"HIERARCHY", 0, 0, SCOLS_JSON_STRING, "hierarchy"},
		{"GROUP", 0, 0, SCOLS_JSON_STRING, "group"},
		{"PATH", 0, 0, SCOLS_JSON_STRING, "path"},
	};
	_cleanup_free_ char *buf = NULL;
	char file[64];
	struct libscols_table *tb;
	pid_t pid;
	int r;

	SHIFT_TO_ARGS(c, argc, argv);
	if (argc > 2)
		nsu_usage_error("which: unexpected argument '%s'", argv[2]);
	pid = argc > 1 ? nsu_pid_or_err(argv[1], "PID") : getpid();
	snprintf(file, sizeof(file), "/proc/%d/cgroup", (int)pid);
	r = nsu_read_file_at(AT_FDCWD, file, &buf, NULL);
	if (r == -ENOENT)
		nsu_errc(NSU_EXIT_FAILURE, ESRCH, "cannot read the groups of process %d", (int)pid);
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot read %s", file);
	tb = table_or_err(c, "cgroups", ci, 3, -1);
	for (char *save = NULL, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *c1 = strchr(l, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		const struct nsu_cg_hier *h = NULL;
		char path[PATH_MAX];

		if (!c2)
			continue;
		*c1 = *c2 = '\0';
		for (size_t i = 0; i < c->cg.n && !h; i++) {
			if (strcmp(l, "0") == 0 ? c->cg.h[i].version == 2
						: c->cg.h[i].version == 1 && strcmp(c->cg.h[i].controllers, c1 + 1) == 0)
				h = &c->cg.h[i];
		}
		snprintf(path, sizeof(path), "%s%s", h ? h->mount : "", c2 + 1);
		row(tb, NULL, 3, strcmp(l, "0") == 0 ? "unified" : c1 + 1, c2 + 1, h ? path : NULL);
	}
	nsu_output_print_or_err(tb);
	return EXIT_SUCCESS;
}

int cmd_controllers(struct nsu_tool *c, int argc, char **argv)
{
	static const struct nsu_colinfo ci[] = {
		{"LAYOUT", 0, 0, SCOLS_JSON_STRING, "layout"},
		{"VERSION", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "version"},
		{"MOUNT", 0, 0, SCOLS_JSON_STRING, "mount point"},
		{"CONTROLLERS", 0, NSU_COL_MULTILINE, SCOLS_JSON_ARRAY_STRING, "controllers"},
	};
	struct libscols_table *tb;

	SHIFT_TO_ARGS(c, argc, argv);
	if (argc > 1)
		nsu_usage_error("controllers: unexpected argument '%s'", argv[1]);
	tb = table_or_err(c, "hierarchies", ci, 4, -1);
	for (size_t i = 0; i < c->cg.n; i++) {
		_cleanup_free_ char *ctl = list_cell(c, nsu_cg_controllers(&c->cg.h[i]), c->cg.h[i].version == 2 ? " " : ",");

		row(tb, NULL, 4, nsu_cg_layout_name(c->cg.layout), c->cg.h[i].version == 2 ? "2" : "1", c->cg.h[i].mount,
		    ctl);
	}
	nsu_output_print_or_err(tb);
	return EXIT_SUCCESS;
}

/* stat -J: one object, every figure a number in base units (null where the layout has none). */
static void stat_json(const struct nsu_tool *c, const char *group, const struct figures *k, int frozen)
{
	static const char *const pressure[] = {"cpu.pressure", "memory.pressure", "io.pressure"};
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg);
	const struct {
		const char *key;
		int64_t v;
	} nums[] = {
		{"memory.current", k->memory}, {"memory.peak", k->mem_peak}, {"cpu.usage_usec", k->cpu_usec},
		{"pids.current", k->pids},	    {"pids.max_hits", k->pids_max_hits},
		{"oom_kills", k->oom_kills},
	};
	struct nsu_json j;

	nsu_json_begin(&j, stdout, NSU_JSON_INDENTED);
	nsu_json_open(&j, NULL, '{');
	for (size_t i = 0; i < NSU_ARRAY_SIZE(nums); i++)
		if (nums[i].v < 0)
			nsu_json_null(&j, nums[i].key);
		else
			nsu_json_i64(&j, nums[i].key, nums[i].v);
	/* v1 only: a v2 group never waits on an OOM (the kernel kills) */
	if (k->under_oom >= 0)
		nsu_json_bool(&j, "under_oom", k->under_oom > 0);
	if (frozen < 0)
		nsu_json_null(&j, "frozen");
	else
		nsu_json_bool(&j, "frozen", frozen);
	/* Pressure (PSI), v2 only: "some" and "full", each avg10/avg60/avg300 (%) and total (usec). */
	for (size_t i = 0; i < NSU_ARRAY_SIZE(pressure); i++) {
		_cleanup_close_ int fd = v2 ? nsu_cg_open(v2, group) : -1;
		_cleanup_free_ char *s = NULL;

		if (fd >= 0 && nsu_cg_read(fd, pressure[i], &s) == 0)
			json_value(&j, pressure[i], pressure[i], s);
		else
			nsu_json_null(&j, pressure[i]);
	}
	nsu_json_close(&j);
}

int cmd_stat(struct nsu_tool *c, int argc, char **argv)
{
	static const struct nsu_colinfo ci[] = {
		{"KEY", 0, 0, SCOLS_JSON_STRING, "key"},
		{"VALUE", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, "value"},
	};
	static const char *const pressure[] = {"cpu.pressure", "memory.pressure", "io.pressure"};
	_cleanup_free_ char *group = NULL;
	struct libscols_table *tb;
	struct fig_sources src;
	struct figures k;
	char buf[64];
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg);
	struct {
		const char *key;
		int64_t v;
		int kind; /* 0 number, 1 size, 2 microseconds */
	} rows[6];
	int frozen;

	SHIFT_TO_ARGS(c, argc, argv);
	if (argc != 2)
		nsu_usage_error("stat: expected GROUP");
	group = group_or_err(argv[1]);
	process_hier(c, group); /* exits when there is no such group */
	fig_sources_find(c, &src);
	figures_read(c, &src, group, FIG_MEMORY | FIG_PEAK | FIG_CPU | FIG_PIDS | FIG_PIDS_HITS | FIG_OOM | FIG_UNDER_OOM,
		     &k);
	frozen = frozen_state(c, group);
	if (c->out.json) {
		stat_json(c, group, &k, frozen);
		return EXIT_SUCCESS;
	}
	rows[0].key = "memory.current", rows[0].v = k.memory, rows[0].kind = 1;
	rows[1].key = "memory.peak", rows[1].v = k.mem_peak, rows[1].kind = 1;
	rows[2].key = "cpu.usage", rows[2].v = k.cpu_usec, rows[2].kind = 2;
	rows[3].key = "pids.current", rows[3].v = k.pids, rows[3].kind = 0;
	rows[4].key = "pids.max_hits", rows[4].v = k.pids_max_hits, rows[4].kind = 0;
	rows[5].key = "oom_kills", rows[5].v = k.oom_kills, rows[5].kind = 0;
	tb = table_or_err(c, "stat", ci, 2, -1);
	for (size_t i = 0; i < NSU_ARRAY_SIZE(rows); i++) {
		if (rows[i].v < 0)
			buf[0] = '\0';
		else if (rows[i].kind == 1 && !c->out.raw)
			human_size(rows[i].v, buf, sizeof(buf));
		else if (rows[i].kind == 2)
			snprintf(buf, sizeof(buf), "%.3fs", (double)rows[i].v / 1e6);
		else
			snprintf(buf, sizeof(buf), "%" PRId64, rows[i].v);
		row(tb, NULL, 2, rows[i].key, *buf ? buf : NULL);
	}
	if (k.under_oom >= 0)
		row(tb, NULL, 2, "under_oom", k.under_oom ? "yes" : "no");
	row(tb, NULL, 2, "frozen", frozen < 0 ? NULL : frozen ? "yes" : "no");
	/* Pressure (PSI): the "some avg10" share of time stalled, v2 only. */
	for (size_t i = 0; v2 && i < NSU_ARRAY_SIZE(pressure); i++) {
		_cleanup_close_ int fd = nsu_cg_open(v2, group);
		_cleanup_free_ char *s = NULL;
		char *p;

		if (fd < 0 || nsu_cg_read(fd, pressure[i], &s) < 0 || !(p = strstr(s, "avg10=")))
			continue;
		snprintf(buf, sizeof(buf), "%.*s%%", (int)strcspn(p + 6, " "), p + 6);
		row(tb, NULL, 2, pressure[i], buf);
	}
	nsu_output_print_or_err(tb);
	return EXIT_SUCCESS;
}
