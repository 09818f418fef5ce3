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
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgctl.h"
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
		r = enable_for(c, group, ctl, s, ns, &u);
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

		/* nothing is killed for a delete that would be refused anyway (child groups) */
		if (kill_first && (check_tree_removable(c, group, recursive) < 0 ||
				   kill_group(c, group, SIGKILL, true) < 0))
			failed = 1;
		else if (check_removable(c, group, recursive) < 0 || remove_group(c, group, recursive) < 0)
			failed = 1;
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
	size_t nh;

	SHIFT_TO_ARGS(c, argc, argv);
	if (argc < 3)
		nsu_usage_error("attach: expected GROUP PID...");
	group = group_or_err(argv[1]);
	for (int i = 2; i < argc; i++)
		nsu_pid_or_err(argv[i], "PID");
	nh = group_hiers_or_err(c, group, hs);
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
		r = enable_for(c, group, NULL, s, ns, &u);
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

		if (s && nsu_output_set_text(ln, i, s, scols_table_is_json(tb)) < 0)
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

	SHIFT_TO_ARGS(c, argc, argv);
	if (argc < 2)
		nsu_usage_error("get: expected GROUP [KEY...]");
	group = group_or_err(argv[1]);
	group_hiers_or_err(c, group, hs);
	/* JSON: one object, a member for each key, its value typed */
	if (c->out.json) {
		nsu_json_begin(&j, stdout, NSU_JSON_INDENTED);
		nsu_json_open(&j, NULL, '{');
	}
	if (argc == 2)
		get_all(c, group, c->out.json ? &j : NULL);
	for (int i = 2; i < argc; i++) {
		_cleanup_free_ char *v = read_key_or_err(c, group, argv[i]);

		if (!c->out.json)
			puts(v);
		else if (!seen_before(&seen, &nseen, argv[i]))
			json_value(&j, argv[i], argv[i], v);
	}
	if (c->out.json)
		nsu_json_close(&j);
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
struct node {
	char *path;
	char hiers[256];
	bool unfinished;
};

static int cmp_node(const void *a, const void *b)
{
	return strcmp(((const struct node *)a)->path, ((const struct node *)b)->path);
}

static int cmd_list(struct nsu_tool *c, int argc, char **argv)
{
	static const struct nsu_colinfo ci[] = {
		{"GROUP", 0, 0, SCOLS_JSON_STRING, "group"},
		{"PROCS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "processes in the group itself"},
		{"HIERARCHIES", 0, NSU_COL_MULTILINE, SCOLS_JSON_ARRAY_STRING, "hierarchies the group is in"},
		{"STATE", 0, 0, SCOLS_JSON_STRING, "unfinished: a create of it was cut short"},
	};
	struct nsu_cg_hier *hs[c->cg.n + 1];
	_cleanup_free_ char *group = NULL;
	size_t nh, nn = 0;
	struct node *nodes = NULL;
	struct libscols_line **lines;
	struct libscols_table *tb;

	SHIFT_TO_ARGS(c, argc, argv);
	if (argc > 2)
		nsu_usage_error("list: unexpected argument '%s'", argv[2]);
	group = group_or_err(argc > 1 ? argv[1] : "");
	nh = group_hiers_or_err(c, group, hs);
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
				found->unfinished = false;
			} else {
				free(p);
			}
			snprintf(found->hiers + strlen(found->hiers), sizeof(found->hiers) - strlen(found->hiers), "%s%s",
				 found->hiers[0] ? " " : "", hier_label(hs[i]));
			found->unfinished |= group_unfinished(hs[i], found->path);
		}
		free(v);
	}
	if (nn)
		qsort(nodes, nn, sizeof(*nodes), cmp_node);
	lines = nsu_xrealloc(NULL, (nn + 1) * sizeof(*lines));
	tb = table_or_err(c, "groups", ci, 4, 0);
	for (size_t i = 0; i < nn; i++) {
		struct libscols_line *parent = NULL;
		_cleanup_free_ char *parentpath = parent_of(nodes[i].path);
		const char *slash = strrchr(nodes[i].path, '/');
		struct pids p;
		char count[32], *hiers;

		/* Sorted paths put a parent before its children. */
		for (size_t k = i; k-- > 0 && !parent;)
			if (strcmp(nodes[k].path, parentpath) == 0 && strcmp(nodes[i].path, group) != 0)
				parent = lines[k];
		group_pids(c, nodes[i].path, false, &p);
		snprintf(count, sizeof(count), "%zu", p.n + p.unreachable);
		free(p.v);
		hiers = list_cell(c, nodes[i].hiers, " ");
		lines[i] = row(tb, parent, 4,
			       strcmp(nodes[i].path, group) == 0 ? (*group ? group : "/")
			       : parent			   ? (slash ? slash + 1 : nodes[i].path)
							   : nodes[i].path,
			       count, hiers, nodes[i].unfinished ? "unfinished" : NULL);
		free(hiers);
	}
	nsu_output_print_or_err(tb);
	for (size_t i = 0; i < nn; i++)
		free(nodes[i].path);
	free(nodes);
	free(lines);
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
		_cleanup_free_ char *ctl = list_cell(c, c->cg.h[i].controllers, c->cg.h[i].version == 2 ? " " : ",");

		row(tb, NULL, 4, nsu_cg_layout_name(c->cg.layout), c->cg.h[i].version == 2 ? "2" : "1", c->cg.h[i].mount,
		    ctl);
	}
	nsu_output_print_or_err(tb);
	return EXIT_SUCCESS;
}

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
	      " -J, --json             use JSON output (list, get, stat, which, controllers, monitor)\n"
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
	struct nsu_tool c = {0};
	const struct nsu_verb *v;
	int o, r;

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
	if (!c.root)
		c.root = root_after_command(argc, argv);
	r = nsu_cg_detect(&c.cg, c.root);
	if (r == -ENOENT)
		nsu_errx(NSU_EXIT_FAILURE, "no cgroup hierarchy found%s%s", c.root ? " in " : " (is cgroup mounted?)",
			 c.root ? c.root : "");
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot find the cgroup hierarchies%s%s", c.root ? " in " : "",
			 c.root ? c.root : "");
	/* Each command parses its own options and the global ones from argv[0] on (cmd_getopt). */
	optind = 0;
	return v->fn(&c, argc, argv);
}
