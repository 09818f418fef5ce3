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
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgctl.h"
#include "cgctl-figures.h"
#include "devrules.h"
#include "cleanup.h"
#include "errors.h"
#include "procfs.h"
#include "strutils.h"
#include "verbs.h"

/* ---- options ---- */

/* Apply global option @o to @c; false if it is not one. */
static bool global_option(struct nsu_tool *c, int o)
{
	switch (o) {
	case 'J':
		c->out.json = true;
		return true;
	case 'r':
		c->out.raw = true;
		return true;
	case OPT_ROOT:
		/* main found it already, wherever it is (root_after_command) */
		if (c->root && strcmp(c->root, optarg) != 0)
			nsu_usage_error("--root is given twice or abbreviated after the command (write --root DIR)");
		c->root = optarg;
		return true;
	}
	return false;
}

/*
 * --root after the command: the hierarchies must be found before the command
 * runs, so main looks for it first ("--root DIR" or "--root=DIR", up to "--").
 */
static const char *root_after_command(int argc, char **argv)
{
	const char *root = NULL;

	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--root") == 0 && i + 1 < argc)
			root = argv[++i];
		else if (strncmp(argv[i], "--root=", 7) == 0)
			root = argv[i] + 7;
	}
	return root;
}

int cmd_getopt(struct nsu_tool *c, int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	static const struct option globals[] = {
		{"json", no_argument, NULL, 'J'},
		{"raw", no_argument, NULL, 'r'},
		{"root", required_argument, NULL, OPT_ROOT},
	};
	struct option all[32];
	char shorts[64];
	size_t n = 0;
	int o;

	for (; longopts && longopts[n].name; n++)
		all[n] = longopts[n];
	for (size_t i = 0; i < NSU_ARRAY_SIZE(globals); i++) {
		bool own = false;

		for (size_t k = 0; longopts && longopts[k].name; k++)
			own |= strcmp(longopts[k].name, globals[i].name) == 0;
		if (!own)
			all[n++] = globals[i];
	}
	all[n] = (struct option){NULL, 0, NULL, 0};
	/* -r is the command's own where it has one (delete -r is --recursive). */
	snprintf(shorts, sizeof(shorts), "%sJ%s", shortopts, strchr(shortopts, 'r') ? "" : "r");
	for (;;) {
		char *name = argv[0];
		bool own;

		/* getopt names argv[0] in its messages: the tool, not the command */
		argv[0] = program_invocation_short_name;
		o = getopt_long(argc, argv, shorts, all, NULL);
		argv[0] = name;
		if (o == -1)
			break;
		own = o > 0 && o < 0x100 && o != ':' && o != '?' && strchr(shortopts, o);

		for (size_t k = 0; longopts && longopts[k].name && !own; k++)
			own = longopts[k].val == o;
		if (own || !global_option(c, o))
			return o;
	}
	return -1;
}

int cmd_args(struct nsu_tool *c, int argc, char **argv)
{
	if (cmd_getopt(c, argc, argv, "", NULL) != -1)
		nsu_bad_usage();
	return optind;
}

/* ---- the commands ---- */

/* Parse the KEY=VALUE arguments argv[from..argc-1]; the array is the caller's (free). */
static struct setting *settings_or_err(const struct nsu_tool *c, int argc, char **argv, int from, size_t *ns)
{
	struct setting *s = calloc((size_t)(argc > from ? argc - from : 0) + 1, sizeof(*s));

	if (!s)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	*ns = 0;
	for (int i = from; i < argc; i++)
		setting_or_err(c, argv[i], &s[(*ns)++]);
	return s;
}

static void free_settings(struct setting *s, size_t ns)
{
	for (size_t i = 0; i < ns; i++) {
		free((char *)s[i].key);
		free(s[i].alias_value);
	}
	free(s);
}

/*
 * A group that exists in some of the hierarchies asked for is either one made
 * with -c, or one whose create was cut short (killed half-way). Either way say
 * where it is and how to finish or remove it.
 */
static int check_new(const char *group, struct nsu_cg_hier **t, size_t nt, bool parents)
{
	char have[512] = "", lack[512] = "";
	size_t nhave = 0;
	bool unfinished = false, busy = false;

	for (size_t i = 0; i < nt; i++) {
		int fd = nsu_cg_open(t[i], group);
		char *list = fd >= 0 ? have : lack;

		if (fd >= 0) {
			close(fd);
			nhave++;
			unfinished |= group_unfinished(t[i], group);
			busy |= group_being_created(t[i], group);
		}
		snprintf(list + strlen(list), 512 - strlen(list), "%s%s", *list ? " " : "", hier_label(t[i]));
	}
	if (!nhave || parents)
		return 0;
	if (busy) {
		/* another cgctl is making it right now: it exists, as far as this one is concerned */
		nsu_warnx("cannot create group '%s': %s (another cgctl is creating it)", group, strerror(EEXIST));
		return -EEXIST;
	}
	if (unfinished)
		nsu_warnx("cannot create group '%s': a create of it did not finish (it is in %s%s%s)", group, have,
			  *lack ? ", not in " : "", lack);
	else if (nhave == nt)
		nsu_warnc(EEXIST, "cannot create group '%s'", group);
	else
		nsu_warnx("cannot create group '%s': it exists in %s but not in %s (made with -c)", group, have,
			  lack);
	if (unfinished || nhave < nt)
		nsu_hint("cgctl create -p %s completes it; cgctl delete %s removes it", group, group);
	return -EEXIST;
}

static int cmd_create(struct nsu_tool *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"parents", no_argument, NULL, 'p'},
		{"controllers", required_argument, NULL, 'c'},
		{"owner", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	struct nsu_cg_hier *t[c->cg.n + 1];
	const char *ctl = NULL, *owner = NULL;
	_cleanup_free_ char *group = NULL;
	struct undo u = {0};
	bool parents = false;
	struct setting *s;
	_cleanup_close_ int lock = -1;
	uid_t uid = 0;
	gid_t gid = 0;
	size_t ns, nt;
	int o, r;

	while ((o = cmd_getopt(c, argc, argv, "pc:", opts)) != -1) {
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
	if (!*group)
		nsu_errx(NSU_EXIT_FAILURE, "the root group exists already");
	s = settings_or_err(c, argc, argv, optind, &ns);
	if (owner)
		parse_owner_or_err(owner, &uid, &gid);
	if (group_targets(c, ctl, s, ns, t, &nt) < 0)
		exit(NSU_EXIT_FAILURE);
	lock = lock_creates(c);
	if (lock < 0)
		nsu_errc(NSU_EXIT_FAILURE, lock, "cannot lock the cgroup hierarchy");
	if (check_new(group, t, nt, parents) < 0 || check_cpusets(group, s, ns) < 0)
		exit(NSU_EXIT_FAILURE);
	/* Each step records what it changed; a failure puts all of it back. */
	r = 0;
	for (size_t i = 0; i < nt && r == 0; i++)
		r = make_dirs(t[i], group, parents, false, &u);
	if (r == 0)
		r = enable_for(c, group, ctl, s, ns, false, &u);
	if (r == 0)
		r = apply_settings(group, s, ns, &u);
	for (size_t i = 0; owner && i < nt && r == 0; i++)
		r = chown_group(t[i], group, uid, gid);
	if (r < 0) {
		undo_rollback(&u);
		exit(NSU_EXIT_FAILURE);
	}
	finish_made(t, nt, group, &u);
	undo_forget(&u);
	free_settings(s, ns);
	return EXIT_SUCCESS;
}

static int cmd_delete(struct nsu_tool *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"recursive", no_argument, NULL, 'r'},
		{"kill", no_argument, NULL, 'k'},
		{NULL, 0, NULL, 0},
	};
	bool recursive = false, kill_first = false;
	int o, failed = 0;
	char **groups;

	while ((o = cmd_getopt(c, argc, argv, "rk", opts)) != -1) {
		if (o == 'r')
			recursive = true;
		else if (o == 'k')
			kill_first = true;
		else
			nsu_bad_usage();
	}
	if (optind >= argc)
		nsu_usage_error("delete: a group is required");
	/* Every name is checked before any group is touched. */
	groups = nsu_xrealloc(NULL, (size_t)(argc - optind) * sizeof(*groups));
	for (int i = optind; i < argc; i++) {
		groups[i - optind] = group_or_err(argv[i]);
		if (!*groups[i - optind])
			nsu_errx(NSU_EXIT_FAILURE, "cannot delete the root group");
	}
	/* One bad name does not stop the others: each is reported, the exit status says so. */
	for (int i = 0; i < argc - optind; i++) {
		const char *group = groups[i];
		/* deletes of one group at once: one deletes it, the others find no group */
		_cleanup_close_ int lock = lock_creates(c);
		struct cg_group g;

		/* nothing is killed for a delete that would be refused anyway (child groups) */
		if (group_find(c, group, &g) < 0)
			failed = 1;
		else if (kill_first && (check_tree_removable(&g, recursive) < 0 ||
					kill_group(c, group, SIGKILL, true) < 0))
			failed = 1;
		else if (check_removable(c, &g, recursive) < 0 || remove_group(&g, recursive) < 0)
			failed = 1;
		group_free(&g);
		free(groups[i]);
	}
	free(groups);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* Move @pid into @group in every hierarchy of @hs, or back where it was in all of them. */
static int attach_one(struct nsu_cg_hier **hs, size_t nh, const char *group, const char *pid)
{
	_cleanup_free_ char *cgfile = NULL;
	char path[64];
	int r = 0;
	size_t j;

	snprintf(path, sizeof(path), "/proc/%s/cgroup", pid);
	r = nsu_read_file_at(AT_FDCWD, path, &cgfile, NULL);
	if (r < 0) {
		nsu_warnc(r == -ENOENT ? ESRCH : r, "cannot move process %s into '%s'", pid, group_label(group));
		return r;
	}
	for (j = 0; j < nh && r == 0; j++) {
		_cleanup_close_ int fd = nsu_cg_open(hs[j], group);

		/* One PID a write: cgroup.procs takes no more (cgroup-v2.rst). */
		r = fd < 0 ? fd : nsu_cg_write(fd, "cgroup.procs", pid);
		if (r == -EBUSY && hs[j]->version == 2) {
			nsu_warnx("cannot move %s into '%s': the group gives controllers to its children, and "
				  "cgroup v2 allows processes only in groups that do not (no internal processes)",
				  pid, group);
			nsu_hint("attach to a child group instead");
		} else if (r < 0) {
			nsu_warnc(r, "cannot move process %s into '%s' (%s)", pid, group_label(group),
				  hier_label(hs[j]));
		}
	}
	if (r == 0)
		return 0;
	/* All or nothing: back into its old group in the hierarchies done before. */
	move_back(hs, j - 1, cgfile, pid, group);
	return r;
}

static int cmd_attach(struct nsu_tool *c, int argc, char **argv)
{
	struct nsu_cg_hier *hs[c->cg.n + 1];
	_cleanup_free_ char *group = NULL;
	struct cg_group g;
	size_t nh;
	int r;

	SHIFT_TO_ARGS(c, argc, argv);
	if (argc < 3)
		nsu_usage_error("attach: expected GROUP PID...");
	group = group_or_err(argv[1]);
	for (int i = 2; i < argc; i++)
		nsu_pid_or_err(argv[i], "PID");
	r = group_find(c, group, &g);
	/* the anchor (v2) first: it alone can refuse a move the others allow (the common-ancestor rule) */
	nh = r < 0 ? 0 : group_hiers_of(&g, hs);
	group_free(&g);
	if (r < 0)
		return EXIT_FAILURE;
	if (!nh) {
		nsu_warnx("%s: no such group", group_label(group));
		return EXIT_FAILURE;
	}
	for (int i = 2; i < argc; i++)
		if (attach_one(hs, nh, group, argv[i]) < 0)
			return EXIT_FAILURE;
	return EXIT_SUCCESS;
}

static int cmd_set(struct nsu_tool *c, int argc, char **argv)
{
	struct nsu_cg_hier *hs[c->cg.n + 1];
	_cleanup_free_ char *group = NULL;
	struct undo u = {0};
	struct setting *s;
	size_t ns, nh;
	int r;

	SHIFT_TO_ARGS(c, argc, argv);
	if (argc < 3)
		nsu_usage_error("set: expected GROUP KEY=VALUE...");
	group = group_or_err(argv[1]);
	s = settings_or_err(c, argc, argv, 2, &ns);
	/* set changes a group; only create makes one. */
	nh = group_hiers_or_err(c, group, hs);
	for (size_t i = 0; i < ns; i++) {
		bool in = false;

		for (size_t j = 0; j < nh; j++)
			in |= hs[j] == s[i].h;
		if (!in)
			nsu_errx(NSU_EXIT_FAILURE, "%s: group '%s' is not in the %s hierarchy (cgctl create -p -c ... adds it)",
				 s[i].key, group_label(group), hier_label(s[i].h));
	}
	r = check_cpusets(group, s, ns);
	if (r == 0)
		r = enable_for(c, group, NULL, s, ns, false, &u);
	if (r == 0)
		r = apply_settings(group, s, ns, &u);
	if (r < 0) {
		if (!*group)
			nsu_hint("the root group has few settings: limits apply to the groups below it");
		undo_rollback(&u);
		exit(NSU_EXIT_FAILURE);
	}
	undo_forget(&u);
	free_settings(s, ns);
	return EXIT_SUCCESS;
}

struct libscols_table *table_or_err(const struct nsu_tool *c, const char *name, const struct nsu_colinfo *ci,
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

		struct libscols_column *cl = scols_table_get_column(tb, i);
		bool list = cl && scols_column_get_json_type(cl) == SCOLS_JSON_ARRAY_STRING;

		if (s && (list ? nsu_output_set_list : nsu_output_set_text)(ln, i, s, scols_table_is_json(tb)) < 0)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	}
	va_end(ap);
	return ln;
}

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

static int cmd_get(struct nsu_tool *c, int argc, char **argv)
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
	[L_GROUP] = {"GROUP", 0, 0, SCOLS_JSON_STRING, "group (as a tree: its name under its parent)"},
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

size_t depth_below(const char *group, const char *path)
{
	size_t d = *group || !*path ? 0 : 1;

	for (const char *p = path + strlen(group); *p; p++)
		d += *p == '/';
	return d;
}

/* A group's path as one hierarchy has it (collect_nodes()). */
struct found_path {
	char *path;
	size_t h; /* index into the hierarchies walked */
};

static int cmp_found(const void *a, const void *b)
{
	const struct found_path *x = a, *y = b;
	int r = strcmp(x->path, y->path);

	return r ? r : (x->h > y->h) - (x->h < y->h);
}

static int cmp_path_node(const void *key, const void *n)
{
	return strcmp(key, ((const struct node *)n)->path);
}

struct node *collect_nodes(struct nsu_cg_hier **hs, size_t nh, const char *group,
				  long depth, size_t *nn)
{
	struct found_path *f = NULL;
	struct node *nodes;
	size_t nf = 0;

	/* every hierarchy walked once; then one sort joins what they say of the same path */
	for (size_t i = 0; i < nh; i++) {
		char **v = NULL;
		size_t n = 0;

		collect_tree_depth(hs[i], group, depth, &v, &n);
		f = nsu_xrealloc(f, (nf + n + 1) * sizeof(*f));
		f[nf++] = (struct found_path){nsu_xstrdup(group), i};
		for (size_t j = 0; j < n; j++) {
			if (depth >= 0 && depth_below(group, v[j]) > (size_t)depth)
				free(v[j]);
			else
				f[nf++] = (struct found_path){v[j], i};
		}
		free(v);
	}
	if (nf)
		qsort(f, nf, sizeof(*f), cmp_found);
	nodes = nsu_xrealloc(NULL, (nf ? nf : 1) * sizeof(*nodes));
	*nn = 0;
	for (size_t i = 0; i < nf; i++) {
		struct node *n = *nn ? &nodes[*nn - 1] : NULL;

		if (!n || strcmp(n->path, f[i].path) != 0) {
			n = &nodes[(*nn)++];
			*n = (struct node){.path = f[i].path, .parent = SIZE_MAX, .first_child = SIZE_MAX,
					   .next_sibling = SIZE_MAX};
		} else {
			free(f[i].path);
		}
		if (f[i].h < 64)
			n->in |= UINT64_C(1) << f[i].h;
		snprintf(n->hiers + strlen(n->hiers), sizeof(n->hiers) - strlen(n->hiers), "%s%s",
			 n->hiers[0] ? " " : "", hier_label(hs[f[i].h]));
	}
	free(f);
	/* sorted by path: a parent is found by bsearch, and comes before its children */
	for (size_t i = *nn; i-- > 0;) {
		_cleanup_free_ char *parentpath = NULL;
		struct node *p;

		if (strcmp(nodes[i].path, group) == 0)
			continue;
		parentpath = parent_of(nodes[i].path);
		p = bsearch(parentpath, nodes, i, sizeof(*nodes), cmp_path_node);
		if (!p)
			continue;
		/* children linked backwards from the last: each parent's list ends up in path order */
		nodes[i].parent = (size_t)(p - nodes);
		nodes[i].next_sibling = p->first_child;
		p->first_child = i;
	}
	return nodes;
}

void free_nodes(struct node *nodes, size_t nn)
{
	for (size_t i = 0; i < nn; i++) {
		free(nodes[i].path);
		free(nodes[i].procs.v);
	}
	free(nodes);
}

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

static int cmd_list(struct nsu_tool *c, int argc, char **argv)
{
	enum { OPT_DEPTH = 0x101 };
	static const struct option opts[] = {
		{"procs", no_argument, NULL, 'p'},
		{"output", required_argument, NULL, 'o'},
		{"depth", required_argument, NULL, OPT_DEPTH},
		{"noheadings", no_argument, NULL, 'n'},
		{NULL, 0, NULL, 0},
	};
	struct nsu_cg_hier *hs[c->cg.n + 1];
	int cols[L_NCOLS * 2] = {L_GROUP, L_PROCS, L_HIERARCHIES, L_STATE};
	size_t ncols = 4, nh, nn;
	_cleanup_free_ char *group = NULL;
	const char *output = NULL;
	bool procs = false, noheadings = false;
	long depth = -1;
	struct node *nodes;
	int o, tree_col = -1;

	while ((o = cmd_getopt(c, argc, argv, "po:n", opts)) != -1) {
		if (o == 'p')
			procs = true;
		else if (o == 'n')
			noheadings = true;
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

		if (r == -EINVAL)
			nsu_errx(NSU_EXIT_FAILURE, "unknown column: %s", bad);
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
		tb = nsu_output_table_or_err(&oo, list_cols, cols, ncols, tree_col);
		for (size_t i = 0; i < nn; i++)
			lines[i] = list_row(c, tb, nodes, i, lines, cols, ncols, tree_col, procs);
		nsu_output_print_or_err(tb);
		free(lines);
	}
	free_nodes(nodes, nn);
	return EXIT_SUCCESS;
}
static int cmd_which(struct nsu_tool *c, int argc, char **argv)
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

static int cmd_controllers(struct nsu_tool *c, int argc, char **argv)
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

static const struct nsu_verb verbs[] = {
	NSU_VERB_OPTS("create", cmd_create,
		      "[-p|--parents] [-c|--controllers LIST] [--owner USER[:GROUP]] GROUP [KEY=VALUE...]",
		      "create a group, with settings",
		      " -p, --parents            create missing parents; an existing group is no error\n"
		      " -c, --controllers <list> only in the hierarchies of these controllers (memory,pids)\n"
		      "     --owner <user[:group]> delegate it: the directory and cgroup.procs, never the limits\n"),
	NSU_VERB_OPTS("delete", cmd_delete, "[-r|--recursive] [-k|--kill] GROUP...", "delete groups",
		      " -r, --recursive          delete the groups below it too\n"
		      " -k, --kill               kill the group's processes first (SIGKILL, until none is left)\n"),
	NSU_VERB("attach", cmd_attach, "GROUP PID...", "move processes into a group"),
	NSU_VERB_OPTS("exec", cmd_exec, "[-c LIST] [-s|--set KEY=VALUE]... [--rm] [--stats] GROUP -- PROGRAM [ARG...]",
		      "run a program in a group, creating the group (with parents) when missing",
		      " -c, --controllers <list> a new group only in the hierarchies of these controllers\n"
		      " -s, --set <key=value>    a setting, written before the program starts\n"
		      "     --rm                 remove what this exec made once the program ends (per hierarchy),\n"
		      "                          and put back what it set on a group that was there\n"
		      "     --stats              print wall and CPU time, peak memory and OOM kills at the end\n"
		      "Options come before GROUP (or between it and --); from PROGRAM on, all is the program's.\n"),
	NSU_VERB("set", cmd_set, "GROUP KEY=VALUE...", "change settings"),
	NSU_VERB("get", cmd_get, "GROUP [KEY...]", "print settings"),
	NSU_VERB_OPTS("list", cmd_list, "[-p|--procs] [-o|--output LIST] [-n|--noheadings] [--depth N] [GROUP]",
		      "the tree of groups, with process counts, usage and limits",
		      " -p, --procs              show each group's processes as leaves\n"
		      " -o, --output <list>      the columns (GROUP PATH PROCS TASKS MEMORY CPU PIDS.MAX\n"
		      "                          MEMORY.MAX FROZEN HIERARCHIES STATE)\n"
		      " -n, --noheadings         print no header line\n"
		      "     --depth <n>          at most n levels below GROUP\n"
		      "With -r (raw) there is no tree: GROUP is the group's path.\n"),
	NSU_VERB_OPTS("top", cmd_top,
		      "[-b|--batch] [-n|--iterations N] [-d|--delay SEC] [-s|--order KEY] [--depth N] [GROUP]",
		      "groups ordered by CPU, memory, IO or tasks (KEY: cpu, memory, io, tasks, path), live",
		      " -b, --batch              print snapshots instead of a live view\n"
		      " -n, --iterations <n>     stop after n snapshots\n"
		      " -d, --delay <sec>        between snapshots (0.5, 2, 500ms; default 1)\n"
		      " -s, --order <key>        cpu, memory, io, tasks or path (also -p -t -c -m -i)\n"
		      "     --depth <n>          at most n levels below GROUP (default 3)\n"),
	NSU_VERB("stat", cmd_stat, "GROUP", "memory, cpu, pids, oom kills and pressure"),
	NSU_VERB("freeze", cmd_freeze, "GROUP", "stop every process in a group"),
	NSU_VERB("thaw", cmd_thaw, "GROUP", "let them run again"),
	NSU_VERB_OPTS("kill", cmd_kill, "[-s|--signal SIGNAL] GROUP", "signal every process in a group and below",
		      " -s, --signal <signal>    the signal (TERM, 15, SIGTERM; default KILL, which waits until\n"
		      "                          the group is empty, frozen or not)\n"),
	NSU_VERB_OPTS("monitor", cmd_monitor, "[--threshold memory=SIZE]... [--pressure RES=SPEC]... GROUP",
		      "report events (oom, oom_kill, populated, frozen, thresholds, pressure) until interrupted",
		      "     --threshold <memory=size> say each time memory use crosses size, up or down\n"
		      "     --pressure <res=spec>  a PSI trigger: cpu|memory|io=some|full:STALL/WINDOW (v1 memory:\n"
		      "                          low|medium|critical)\n"),
	NSU_VERB("which", cmd_which, "[PID]", "the groups a process is in"),
	NSU_VERB("controllers", cmd_controllers, "", "the hierarchies, their controllers, and the layout"),
};

static const struct option longopts[] = {
	{"json", no_argument, NULL, 'J'},
	{"raw", no_argument, NULL, 'r'},
	{"root", required_argument, NULL, OPT_ROOT},
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
	fputs("\nOptions (before or after the command; -- ends them):\n"
	      " -J, --json             use JSON output (list, get, stat, top, which, controllers, monitor)\n"
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

void detect_or_err(struct nsu_tool *c)
{
	int r = nsu_cg_detect(&c->cg, c->root);

	if (r == -ENOENT)
		nsu_errx(NSU_EXIT_FAILURE, "no cgroup hierarchy found%s%s", c->root ? " in " : " (is cgroup mounted?)",
			 c->root ? c->root : "");
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot find the cgroup hierarchies%s%s", c->root ? " in " : "",
			 c->root ? c->root : "");
}

int main(int argc, char **argv)
{
	struct nsu_tool c = {0};
	const struct nsu_verb *v;
	int o;

	nsu_close_stdout_at_exit();
	argv[0] = program_invocation_short_name;
	while ((o = getopt_long(argc, argv, "+JrhV", longopts, NULL)) != -1) {
		if (global_option(&c, o))
			continue;
		switch (o) {
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
	/*
	 * exec finds them itself once its options are parsed: a --root among
	 * the program's arguments (dpkg --root, useradd --root) is the program's.
	 */
	if (v->fn != cmd_exec) {
		if (!c.root)
			c.root = root_after_command(argc, argv);
		detect_or_err(&c);
	}
	/* Each command parses its own options and the global ones from argv[0] on (cmd_getopt). */
	optind = 0;
	return v->fn(&c, argc, argv);
}
