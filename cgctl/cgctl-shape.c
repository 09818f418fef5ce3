// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-shape.c - the commands that shape groups: create, delete, attach, set.
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

int cmd_create(struct nsu_tool *c, int argc, char **argv)
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

int cmd_delete(struct nsu_tool *c, int argc, char **argv)
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

int cmd_attach(struct nsu_tool *c, int argc, char **argv)
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

int cmd_set(struct nsu_tool *c, int argc, char **argv)
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
