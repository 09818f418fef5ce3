// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl - create, attach, limit, inspect, freeze, kill and delete control
 * groups, with no daemon and no configuration file, on every layout: pure
 * cgroup v2, hybrid (v1 controllers and a v2 hierarchy) and legacy v1.
 *
 * Keys are written with their v2 names and translated on v1 (see cgroupfs.c).
 * A group lives in every hierarchy it was created in: on v2 in the one
 * hierarchy, with its controllers enabled top-down; on hybrid and v1 in each
 * controller hierarchy asked for, plus the v2 one. This file holds the commands
 * that shape and show groups; cgctl-group.c the group helpers; cgctl-run.c
 * the commands that run, watch and stop what is inside.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgctl.h"
#include "cleanup.h"
#include "errors.h"
#include "procfs.h"
#include "strutils.h"
#include "verbs.h"

/* ---- the commands ---- */

static int cmd_create(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"parents", no_argument, NULL, 'p'},
		{"controllers", required_argument, NULL, 'c'},
		{"owner", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	const char *ctl = NULL, *owner = NULL;
	bool parents = false;
	struct setting *s;
	char *group;
	int o;

	while ((o = getopt_long(argc, argv, "+pc:", opts, NULL)) != -1) {
		if (o == 'p')
			parents = true;
		else if (o == 'c')
			ctl = optarg;
		else if (o == 'o')
			owner = optarg;
		else
			nsu_bad_usage();
	}
	if (optind >= argc)
		nsu_usage_error("create: a group is required");
	group = group_or_err(argv[optind++]);
	s = calloc((size_t)(argc - optind) + 1, sizeof(*s));
	if (!s)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	for (int i = optind; i < argc; i++)
		setting_or_err(c, group, argv[i], &s[i - optind]);
	create_group(c, group, ctl, s, (size_t)(argc - optind), parents, parents, owner);
	free(s);
	free(group);
	return EXIT_SUCCESS;
}

static int cmd_delete(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"recursive", no_argument, NULL, 'r'},
		{"kill", no_argument, NULL, 'k'},
		{NULL, 0, NULL, 0},
	};
	bool recursive = false, kill_first = false;
	int o, failed = 0;

	while ((o = getopt_long(argc, argv, "+rk", opts, NULL)) != -1) {
		if (o == 'r')
			recursive = true;
		else if (o == 'k')
			kill_first = true;
		else
			nsu_bad_usage();
	}
	if (optind >= argc)
		nsu_usage_error("delete: a group is required");
	for (int i = optind; i < argc; i++) {
		_cleanup_free_ char *group = group_or_err(argv[i]);
		size_t n;

		if (!*group)
			nsu_errx(NSU_EXIT_FAILURE, "cannot delete the root group");
		if (kill_first && kill_group(c, group, SIGKILL, true) < 0) {
			failed = 1;
			continue;
		}
		n = count_procs(process_hier(c, group), group, recursive);
		if (n) {
			nsu_warnx("cannot delete group '%s': it has %zu process%s", group, n, n == 1 ? "" : "es");
			nsu_hint("--kill kills them first");
			failed = 1;
			continue;
		}
		failed |= remove_group(c, group, recursive) < 0;
	}
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int cmd_attach(struct ctx *c, int argc, char **argv)
{
	struct nsu_cg_hier *hs[c->cg.n + 1];
	_cleanup_free_ char *group = NULL;
	size_t nh;

	if (argc < 3)
		nsu_usage_error("attach: expected GROUP PID...");
	group = group_or_err(argv[1]);
	for (int i = 2; i < argc; i++)
		nsu_pid_or_err(argv[i], "PID");
	nh = group_hiers_or_err(c, group, hs);
	for (int i = 2; i < argc; i++) {
		/* One PID a write: cgroup.procs takes no more (cgroup-v2.rst). */
		for (size_t j = 0; j < nh; j++) {
			_cleanup_close_ int fd = nsu_cg_open(hs[j], group);
			int r = fd < 0 ? fd : nsu_cg_write(fd, "cgroup.procs", argv[i]);

			if (r == -EBUSY && hs[j]->version == 2) {
				nsu_warnx("cannot move %s into '%s': the group gives controllers to its children, and "
					  "cgroup v2 allows processes only in groups that do not (no internal processes)",
					  argv[i], group);
				nsu_hint("attach to a child group instead");
				return EXIT_FAILURE;
			}
			if (r < 0)
				nsu_errc(NSU_EXIT_FAILURE, r, "cannot move process %s into '%s' (%s)", argv[i], group,
					 hier_label(hs[j]));
		}
	}
	return EXIT_SUCCESS;
}

static int cmd_set(struct ctx *c, int argc, char **argv)
{
	_cleanup_free_ char *group = NULL;
	struct setting *s;

	if (argc < 3)
		nsu_usage_error("set: expected GROUP KEY=VALUE...");
	group = group_or_err(argv[1]);
	s = calloc((size_t)argc, sizeof(*s));
	if (!s)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	for (int i = 2; i < argc; i++)
		setting_or_err(c, group, argv[i], &s[i - 2]);
	/* The group exists already; a hierarchy it lacks (v1: another controller) gets it. */
	create_group(c, group, NULL, s, (size_t)argc - 2, false, true, NULL);
	free(s);
	return EXIT_SUCCESS;
}

struct libscols_table *table_or_err(const struct ctx *c, const char *name, const struct nsu_colinfo *ci,
					   size_t n, int tree_col)
{
	static const int cols[] = {0, 1, 2, 3, 4, 5, 6, 7};
	struct nsu_output_opts o = c->out;

	o.name = name;
	return nsu_output_table_or_err(&o, ci, cols, n, tree_col);
}

struct libscols_line *row(struct libscols_table *tb, struct libscols_line *parent, size_t n, ...)
{
	struct libscols_line *ln = scols_table_new_line(tb, parent);
	va_list ap;

	if (!ln)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		const char *s = va_arg(ap, const char *);

		if (s && scols_line_set_data(ln, i, s) < 0)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	}
	va_end(ap);
	return ln;
}

static int cmd_get(struct ctx *c, int argc, char **argv)
{
	static const struct nsu_colinfo ci[] = {
		{"KEY", 0, 0, SCOLS_JSON_STRING, "key"},
		{"VALUE", 0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, "value"},
		{"HIERARCHY", 0, 0, SCOLS_JSON_STRING, "hierarchy"},
	};
	_cleanup_free_ char *group = NULL;
	struct libscols_table *tb;

	if (argc < 2)
		nsu_usage_error("get: expected GROUP [KEY...]");
	group = group_or_err(argv[1]);
	if (argc > 2) {
		tb = c->out.json ? table_or_err(c, "settings", ci, 3, -1) : NULL;
		for (int i = 2; i < argc; i++) {
			struct nsu_cg_hier *h = hier_for_key(c, argv[i]);
			_cleanup_close_ int fd = nsu_cg_open(h, group);
			_cleanup_free_ char *v = NULL;
			const char *why;
			int r;

			if (strchr(argv[i], '/'))
				nsu_errx(NSU_EXIT_FAILURE, "invalid key '%s'", argv[i]);
			if (fd == -ENOENT)
				nsu_errx(NSU_EXIT_FAILURE, "no such group: %s (in %s)", group, h->mount);
			if (fd < 0)
				bad_group(group, h, fd);
			r = nsu_cg_translate_get(fd, argv[i], h->version, &v, &why);
			if (r == -EOPNOTSUPP)
				nsu_errx(NSU_EXIT_FAILURE, "%s cannot be read on cgroup v1: %s", argv[i], why);
			if (r == -ENOENT && h->version == 2)
				nsu_errx(NSU_EXIT_FAILURE, "%s: no such key in '%s' (is its controller enabled? "
					 "cgctl create -c CONTROLLER enables it)", argv[i], group);
			if (r < 0)
				nsu_errc(NSU_EXIT_FAILURE, r, "cannot read %s of '%s'", argv[i], group);
			if (tb)
				row(tb, NULL, 3, argv[i], v, hier_label(h));
			else
				puts(v);
		}
		if (tb)
			nsu_output_print_or_err(tb);
		return EXIT_SUCCESS;
	}
	/* No key: every single-line readable file of the group, in each hierarchy. */
	{
		struct nsu_cg_hier *hs[c->cg.n + 1];
		size_t nh = group_hiers_or_err(c, group, hs);

		tb = table_or_err(c, "settings", ci, 3, -1);
		for (size_t i = 0; i < nh; i++) {
			_cleanup_close_ int fd = nsu_cg_open(hs[i], group);
			struct dirent **names = NULL;
			int n = fd < 0 ? -1 : scandirat(fd, ".", &names, NULL, alphasort);

			for (int k = 0; k < n; k++) {
				_cleanup_free_ char *v = NULL;
				struct stat st;

				if (names[k]->d_name[0] != '.' && fstatat(fd, names[k]->d_name, &st, 0) == 0 &&
				    S_ISREG(st.st_mode) && (st.st_mode & 0444) &&
				    nsu_cg_read(fd, names[k]->d_name, &v) == 0 && !strchr(v, '\n') &&
				    strcmp(names[k]->d_name, "cgroup.procs") != 0 && strcmp(names[k]->d_name, "tasks") != 0 &&
				    strcmp(names[k]->d_name, "cgroup.threads") != 0)
					row(tb, NULL, 3, names[k]->d_name, v, hier_label(hs[i]));
				free(names[k]);
			}
			free(names);
		}
		nsu_output_print_or_err(tb);
	}
	return EXIT_SUCCESS;
}

/* list: the union of the group trees of every hierarchy, with process counts. */
struct node {
	char *path;
	char hiers[256];
};

static int cmp_node(const void *a, const void *b)
{
	return strcmp(((const struct node *)a)->path, ((const struct node *)b)->path);
}

static int cmd_list(struct ctx *c, int argc, char **argv)
{
	static const struct nsu_colinfo ci[] = {
		{"GROUP", 0, 0, SCOLS_JSON_STRING, "group"},
		{"PROCS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "processes in the group itself"},
		{"HIERARCHIES", 0, 0, SCOLS_JSON_STRING, "hierarchies the group is in"},
	};
	struct nsu_cg_hier *hs[c->cg.n + 1];
	_cleanup_free_ char *group = group_or_err(argc > 1 ? argv[1] : "");
	struct nsu_cg_hier *ph = process_hier(c, group);
	size_t nh = group_hiers_or_err(c, group, hs), nn = 0;
	struct node *nodes = NULL;
	struct libscols_line **lines;
	struct libscols_table *tb;

	if (argc > 2)
		nsu_usage_error("list: unexpected argument '%s'", argv[2]);
	/* Only the tree needs the locale (UTF-8 lines); loading it costs every other command time. */
	setlocale(LC_ALL, "");
	for (size_t i = 0; i < nh; i++) {
		char **v = NULL;
		size_t n = 0;

		collect_tree(hs[i], group, &v, &n);
		for (size_t j = 0; j <= n; j++) {
			char *p = j < n ? v[j] : strdup(group);
			struct node *found = NULL;

			for (size_t k = 0; k < nn && !found; k++)
				if (strcmp(nodes[k].path, p) == 0)
					found = &nodes[k];
			if (!found) {
				nodes = nsu_xrealloc(nodes, (nn + 1) * sizeof(*nodes));
				found = &nodes[nn++];
				found->path = p;
				found->hiers[0] = '\0';
			} else {
				free(p);
			}
			snprintf(found->hiers + strlen(found->hiers), sizeof(found->hiers) - strlen(found->hiers), "%s%s",
				 found->hiers[0] ? " " : "", hier_label(hs[i]));
		}
		free(v);
	}
	qsort(nodes, nn, sizeof(*nodes), cmp_node);
	lines = nsu_xrealloc(NULL, (nn + 1) * sizeof(*lines));
	tb = table_or_err(c, "groups", ci, 3, 0);
	for (size_t i = 0; i < nn; i++) {
		struct libscols_line *parent = NULL;
		_cleanup_free_ char *parentpath = parent_of(nodes[i].path);
		const char *slash = strrchr(nodes[i].path, '/');
		char count[32];

		/* Sorted paths put a parent before its children. */
		for (size_t k = i; k-- > 0 && !parent;)
			if (strcmp(nodes[k].path, parentpath) == 0 && strcmp(nodes[i].path, group) != 0)
				parent = lines[k];
		snprintf(count, sizeof(count), "%zu", count_procs(ph, nodes[i].path, false));
		lines[i] = row(tb, parent, 3,
			       strcmp(nodes[i].path, group) == 0 ? (*group ? group : "/")
			       : parent			   ? (slash ? slash + 1 : nodes[i].path)
							   : nodes[i].path,
			       count, nodes[i].hiers);
	}
	nsu_output_print_or_err(tb);
	for (size_t i = 0; i < nn; i++)
		free(nodes[i].path);
	free(nodes);
	free(lines);
	return EXIT_SUCCESS;
}

static int cmd_which(struct ctx *c, int argc, char **argv)
{
	static const struct nsu_colinfo ci[] = {
		{"HIERARCHY", 0, 0, SCOLS_JSON_STRING, "hierarchy"},
		{"GROUP", 0, 0, SCOLS_JSON_STRING, "group"},
		{"PATH", 0, 0, SCOLS_JSON_STRING, "path"},
	};
	_cleanup_free_ char *buf = NULL;
	char file[64];
	pid_t pid = argc > 1 ? nsu_pid_or_err(argv[1], "PID") : getpid();
	struct libscols_table *tb;
	int r;

	if (argc > 2)
		nsu_usage_error("which: unexpected argument '%s'", argv[2]);
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

static int cmd_controllers(struct ctx *c, int argc, char **argv)
{
	static const struct nsu_colinfo ci[] = {
		{"LAYOUT", 0, 0, SCOLS_JSON_STRING, "layout"},
		{"VERSION", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "version"},
		{"MOUNT", 0, 0, SCOLS_JSON_STRING, "mount point"},
		{"CONTROLLERS", 0, 0, SCOLS_JSON_STRING, "controllers"},
	};
	struct libscols_table *tb;

	if (argc > 1)
		nsu_usage_error("controllers: unexpected argument '%s'", argv[1]);
	(void)argv;
	tb = table_or_err(c, "hierarchies", ci, 4, -1);
	for (size_t i = 0; i < c->cg.n; i++)
		row(tb, NULL, 4, nsu_cg_layout_name(c->cg.layout), c->cg.h[i].version == 2 ? "2" : "1", c->cg.h[i].mount,
		    c->cg.h[i].controllers);
	nsu_output_print_or_err(tb);
	return EXIT_SUCCESS;
}

typedef int verb_fn(struct ctx *c, int argc, char **argv);

static const struct nsu_verb verbs[] = {
	NSU_VERB("create", cmd_create, "[-p|--parents] [-c|--controllers LIST] [--owner USER[:GROUP]] GROUP [KEY=VALUE...]",
	 "create a group, with settings"),
	NSU_VERB("delete", cmd_delete, "[-r|--recursive] [-k|--kill] GROUP...", "delete groups"),
	NSU_VERB("attach", cmd_attach, "GROUP PID...", "move processes into a group"),
	NSU_VERB("exec", cmd_exec, "[-c LIST] [-s|--set KEY=VALUE]... [--rm] [--stats] GROUP -- PROGRAM [ARG...]",
	 "run a program in a group"),
	NSU_VERB("set", cmd_set, "GROUP KEY=VALUE...", "change settings"),
	NSU_VERB("get", cmd_get, "GROUP [KEY...]", "print settings"),
	NSU_VERB("list", cmd_list, "[GROUP]", "the tree of groups, with process counts"),
	NSU_VERB("stat", cmd_stat, "GROUP", "memory, cpu, pids, oom kills and pressure"),
	NSU_VERB("freeze", cmd_freeze, "GROUP", "stop every process in a group"),
	NSU_VERB("thaw", cmd_thaw, "GROUP", "let them run again"),
	NSU_VERB("kill", cmd_kill, "[-s|--signal SIGNAL] GROUP", "signal every process in a group and below"),
	NSU_VERB("monitor", cmd_monitor, "GROUP", "report events (oom, oom_kill, populated, frozen) until interrupted"),
	NSU_VERB("which", cmd_which, "[PID]", "the groups a process is in"),
	NSU_VERB("controllers", cmd_controllers, "", "the hierarchies, their controllers, and the layout"),
};

static const struct option longopts[] = {
	{"json", no_argument, NULL, 'J'},
	{"raw", no_argument, NULL, 'r'},
	{"root", required_argument, NULL, CHAR_MAX + 1},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

noreturn static void usage(void)
{
	fputs("\nUsage:\n"
	      " cgctl [options] <command> [<args>]\n"
	      "\nCreate, limit, inspect, freeze, kill and delete control groups (cgroup v2, v1 and hybrid).\n"
	      "\nCommands:\n",
	      stdout);
	nsu_verbs_usage(stdout, verbs, NSU_ARRAY_SIZE(verbs));
	fputs("\nOptions:\n"
	      " -J, --json             use JSON output (list, get, stat, which, controllers)\n"
	      " -r, --raw              use the raw output format\n"
	      "     --root <dir>       the cgroup hierarchy (or directory of hierarchies) to use\n"
	      "\n"
	      " -h, --help             display this help (after a command: its own)\n"
	      " -V, --version          display version\n"
	      "\nKeys use cgroup v2 names (memory.max, cpu.max, cpu.weight, pids.max, cpuset.cpus,\n"
	      "io.weight...), translated on cgroup v1; native names of either version pass through.\n"
	      "\nFor more details see cgctl(8).\n",
	      stdout);
	exit(EXIT_SUCCESS);
}

int main(int argc, char **argv)
{
	struct ctx c = {0};
	const struct nsu_verb *v;
	int o, r;

	nsu_close_stdout_at_exit();
	argv[0] = program_invocation_short_name;
	while ((o = getopt_long(argc, argv, "+JrhV", longopts, NULL)) != -1) {
		switch (o) {
		case 'J':
			c.out.json = true;
			break;
		case 'r':
			c.out.raw = true;
			break;
		case CHAR_MAX + 1:
			c.root = optarg;
			break;
		case 'h':
			usage();
		case 'V':
			nsu_print_version();
		default:
			nsu_bad_usage();
		}
	}
	if (optind >= argc)
		nsu_usage_error("a command is required");
	argc -= optind;
	argv += optind;
	v = nsu_verb_select(verbs, NSU_ARRAY_SIZE(verbs), argc, argv, "cgctl(8)", false);
	r = nsu_cg_detect(&c.cg, c.root);
	if (r == -ENOENT)
		nsu_errx(NSU_EXIT_FAILURE, "no cgroup hierarchy found%s%s", c.root ? " in " : " (is cgroup mounted?)",
			 c.root ? c.root : "");
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot find the cgroup hierarchies%s%s", c.root ? " in " : "",
			 c.root ? c.root : "");
	/* Each command parses its own options from argv[0] on. */
	optind = 0;
	return ((verb_fn *)v->fn)(&c, argc, argv);
}
