// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-make.c - the steps that change groups across hierarchies (each
 * recording its undo in a list the command owns): settings checked, the
 * directories made, v2 controllers enabled, settings written, delegation,
 * the processes of a group in every hierarchy, signalling them, and
 * removing groups. These helpers say what went wrong and return -errno;
 * only the commands exit.
 */
#include <dirent.h>

#include <errno.h>
#include <inttypes.h>

#include <fcntl.h>

#include <pwd.h>

#include <signal.h>
#include <stdio.h>

#include <stdlib.h>

#include <string.h>

#include <sys/file.h>

#include <sys/stat.h>

#include <sys/xattr.h>

#include <unistd.h>

#include "cgctl.h"
#include "cgctl-group.h"
#include "cgctl-make.h"
#include "cgctl-tree.h"
#include "cgctl-figures.h"
#include "cgctl-table.h"
#include "cgctl-json.h"
#include "cgctl-devices.h"

#include "devrules.h"

#include "cleanup.h"

#include "errors.h"

#include "procfs.h"

#include "strutils.h"
#include "timeutil.h"

/* The hierarchy that serves @key ("cgroup.*" goes to v2 or the first). */
struct nsu_cg_hier *hier_for_key(const struct nsu_tool *c, const char *key)
{
	char ctl[64];
	struct nsu_cg_hier *h;

	nsu_cg_key_controller(key, ctl, sizeof(ctl));
	/* a key names a file of the group's own directory: "cpu.max", not "../x" */
	if (!*ctl || strchr(key, '/'))
		nsu_errx(NSU_EXIT_FAILURE, "invalid key '%s'", key);
	if (strcmp(ctl, "cgroup") == 0)
		return anchor_hier(c);
	h = nsu_cg_hier_for(&c->cg, ctl);
	/* without a v1 devices hierarchy, device rules are v2's (a device program) */
	if (!h && strcmp(ctl, "devices") == 0)
		h = nsu_cg_v2(&c->cg);
	if (!h && !nsu_cg_v2_key(key)) {
		const char *near = nsu_cg_nearest_key(key, NULL, 0);

		nsu_warnx("unknown key %s (and no hierarchy has a controller named %s)", key, ctl);
		if (near)
			nsu_hint("did you mean %s?", near);
		exit(NSU_EXIT_FAILURE);
	}
	if (!h)
		nsu_errx(NSU_EXIT_FAILURE, "%s: no hierarchy has the %s controller (layout: %s)", key, ctl,
			 nsu_cg_layout_name(c->cg.layout));
	return h;
}

/* "unknown key KEY", with the nearest key of v2 or of @h's root as a hint. */
static void say_unknown_key(const struct nsu_cg_hier *h, const char *key)
{
	int dfd = nsu_cg_root(h);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	const char **names = NULL;
	const char *near;
	size_t n = 0;

	if (!d && dfd >= 0)
		close(dfd);
	/* the root's files as candidates too (v1 names); without memory for them, v2's alone */
	for (struct dirent *e = d ? readdir(d) : NULL; e; e = readdir(d)) {
		const char **more = e->d_type == DT_REG ? realloc(names, (n + 1) * sizeof(*names)) : NULL;

		if (more) {
			names = more;
			names[n++] = e->d_name;
		}
	}
	near = nsu_cg_nearest_key(key, names, n);
	nsu_warnx("unknown key %s", key);
	if (near)
		nsu_hint("did you mean %s?", near);
	free(names);
	if (d)
		closedir(d);
}

void check_key_or_err(const struct nsu_tool *c, const struct nsu_cg_hier *h, int gfd, const char *key)
{
	char ctl[64];
	const char *why = NULL;
	struct nsu_cg_wr w[NSU_CG_WR_MAX];
	size_t n;
	int r = nsu_cg_key_known(h, gfd, key);

	if (r == -ENOENT) {
		say_unknown_key(h, key);
		exit(NSU_EXIT_FAILURE);
	}
	if (r == -EOPNOTSUPP) {
		nsu_cg_key_controller(key, ctl, sizeof(ctl));
		nsu_cg_translate_set(key, "max", 1, w, &n, &why);
		nsu_errx(NSU_EXIT_FAILURE, "%s is cgroup v2 only, and this %s layout has the %s controller in a cgroup v1 "
			 "hierarchy (%s): %s", key, nsu_cg_layout_name(c->cg.layout), ctl, hier_label(h),
			 why ? why : "no v1 file has its meaning");
	}
}

void setting_or_err(const struct nsu_tool *c, const char *arg, struct setting *s)
{
	const char *eq = strchr(arg, '=');
	const char *why, *key;
	char *name, *value = NULL;
	int r;

	if (!eq || eq == arg)
		nsu_errx(NSU_EXIT_FAILURE, "invalid setting '%s': expected KEY=VALUE", arg);
	name = strndup(arg, (size_t)(eq - arg));
	if (!name)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	/* systemd's names: MemoryMax=1G is memory.max=1G */
	r = nsu_cg_alias(name, eq + 1, &key, &value, &why);
	if (r == -EINVAL)
		nsu_errx(NSU_EXIT_FAILURE, "invalid value '%s' for %s: %s", eq + 1, name, why);
	if (r == -ENOMEM)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	if (r == 0) {
		free(name);
		name = strdup(key);
		if (!name)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	}
	s->key = name;
	s->value = value ? value : eq + 1;
	s->alias_value = value;
	s->h = hier_for_key(c, name);
	check_key_or_err(c, s->h, -1, name);
	r = nsu_cg_translate_set(name, s->value, s->h->version, s->wr, &s->nwr, &why);
	if (r == -EOPNOTSUPP)
		nsu_errx(NSU_EXIT_FAILURE, "%s cannot be set on cgroup v1: %s", name, why);
	if (r < 0)
		nsu_errx(NSU_EXIT_FAILURE, "invalid value '%s' for %s: %s", s->value, name, why);
}

/* ---- the undo list ---- */

struct undo_step {
	enum { UNDO_RMDIR, UNDO_DISABLE, UNDO_WRITE, UNDO_DEVICES } kind;
	struct nsu_cg_hier *h;
	char *path;
	char file[64];
	/* UNDO_DISABLE: the controller; UNDO_WRITE: the old value; UNDO_DEVICES: v2 the rules kept, v1 see restore_devices_v1() */
	char *value;
	/* UNDO_RMDIR: the inode of the directory made (0: unknown), so that one made again at its path stays */
	ino_t ino;
};

static int undo_push(struct undo *u, int kind, struct nsu_cg_hier *h, const char *path, const char *file,
		     const char *value)
{
	struct undo_step *v = realloc(u->v, (u->n + 1) * sizeof(*u->v));
	struct undo_step *s;

	if (!v)
		return -ENOMEM;
	u->v = v;
	s = &v[u->n];
	*s = (struct undo_step){.kind = kind, .h = h};
	s->path = strdup(path);
	s->value = value ? strdup(value) : NULL;
	if (!s->path || (value && !s->value)) {
		free(s->path);
		free(s->value);
		return -ENOMEM;
	}
	snprintf(s->file, sizeof(s->file), "%s", file ? file : "");
	u->n++;
	return 0;
}

static void step_free(struct undo_step *s)
{
	free(s->path);
	free(s->value);
}

int rmdir_group(const struct nsu_cg_hier *h, const char *path)
{
	_cleanup_free_ char *p = NULL;

	/* (a normalised path, in a file system without links: it stays in the hierarchy) */
	if (!*path)
		return -EBUSY;
	if (asprintf(&p, "%s/%s", h->mount, path) < 0)
		return -ENOMEM;
	return rmdir(p) < 0 ? -errno : 0;
}

/* Whether @line is one of the lines of @list. */
static bool has_line(const char *list, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = list; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, line, n) == 0 && (p[n] == '\n' || !p[n]))
			return true;
	return false;
}

/*
 * Undo a v1 device rule. @undo is "FILE RULE" (what was written), then the
 * devices.list read before it. v1 refuses to change a group's default while
 * it has children, so the lists are made equal line by line: each listed line
 * that is new is denied, each old one allowed again. Allowing by default, v1
 * lists no exception: a rule denied is allowed again; a rule allowed then
 * narrowed an exception nobody can see, and stays.
 */
static int restore_devices_v1(int fd, const char *undo, const char *where)
{
	const char *old = strchr(undo, '\n') ? strchr(undo, '\n') + 1 : "";
	_cleanup_free_ char *now = NULL, *copy = NULL;
	bool was_allow = strcmp(old, "a *:* rwm") == 0, is_allow;
	int r = nsu_cg_read(fd, "devices.list", &now);

	if (r < 0)
		return r;
	is_allow = strcmp(now, "a *:* rwm") == 0;
	/*
	 * A group that allows by default lists no exception: what it denied
	 * before cannot be seen, so an undo never allows anything there (that
	 * could drop an earlier deny). It denies what was allowed instead, or
	 * leaves the deny: the group is left tighter, never looser, and says so.
	 */
	if (was_allow) {
		const char *rule = strchr(undo, ' ') + 1;
		_cleanup_free_ char *r1 = strndup(rule, strcspn(rule, "\n"));
		bool denied = strncmp(undo, "devices.deny ", 13) == 0;

		if (!r1)
			return -ENOMEM;
		if (!denied)
			r = nsu_cg_write(fd, "devices.deny", r1);
		nsu_warnx("the device rules of %s are left tighter than before: %s%s was not undone (a group that "
			  "allows by default lists no exception, so what it denied before cannot be put back)",
			  where, denied ? "devices.deny " : "devices.allow ", r1);
		if (denied && !is_allow)
			nsu_hint("devices.allow=a, then the devices.deny rules it had, put them back");
		return r;
	}
	/* allowed all by this command: deny all again, then allow what the list had */
	if (is_allow) {
		r = nsu_cg_write(fd, "devices.deny", "a");
		free(now);
		now = strdup("");
		if (r == 0 && !now)
			r = -ENOMEM;
		if (r < 0)
			return r;
	}
	copy = strdup(now);
	if (!copy)
		return -ENOMEM;
	for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l && r == 0; l = strtok_r(NULL, "\n", &save))
		if (!has_line(old, l))
			r = nsu_cg_write(fd, "devices.deny", l);
	free(copy);
	copy = strdup(old);
	if (!copy)
		return -ENOMEM;
	for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l && r == 0; l = strtok_r(NULL, "\n", &save))
		r = nsu_cg_write(fd, "devices.allow", l);
	return r;
}

static int restore_devices(int fd, int version, const char *old, const char *where)
{
	struct nsu_dev_rules rules = NSU_DEV_RULES_INIT;
	int r;

	if (version == 1)
		return restore_devices_v1(fd, old, where);
	r = nsu_dev_rules_parse(old, &rules);
	if (r == 0)
		r = devices_store_v2(fd, &rules);
	nsu_dev_rules_free(&rules);
	return r;
}

static void unmark_enabled(int fd, const char *ctl);

/* Put back what step @s changed. */
static void undo_step(struct undo_step *s)
{
	_cleanup_close_ int fd = s->kind == UNDO_RMDIR ? -1 : nsu_cg_open(s->h, s->path);

	if (s->kind == UNDO_RMDIR) {
		ino_t now = 0;

		/* (makers and removers hold the lock of creates: nothing changes between the look and the rmdir) */
		if (!s->ino || (nsu_cg_stat(s->h, s->path, &now) == 0 && now == s->ino))
			rmdir_group(s->h, s->path);
	} else if (s->kind == UNDO_DEVICES && fd >= 0) {
		char where[PATH_MAX];

		snprintf(where, sizeof(where), "%s/%s", s->h->mount, s->path);
		if (restore_devices(fd, s->h->version, s->value, where) < 0)
			nsu_warnx("could not put back the device rules of %s", where);
	} else if (s->kind == UNDO_DISABLE && fd >= 0) {
		char v[40];

		snprintf(v, sizeof(v), "-%s", s->value);
		nsu_cg_write(fd, "cgroup.subtree_control", v);
		unmark_enabled(fd, s->value);
	} else if (fd >= 0 && nsu_cg_write(fd, s->file, s->value) < 0) {
		nsu_warnx("could not put back %s/%s/%s to '%s'", s->h->mount, s->path, s->file, s->value);
	}
}

void undo_rollback(struct undo *u)
{
	while (u->n > 0) {
		struct undo_step *s = &u->v[--u->n];

		undo_step(s);
		step_free(s);
	}
	free(u->v);
	u->v = NULL;
}

bool undo_made(const struct undo *u, const struct nsu_cg_hier *h, const char *path)
{
	for (size_t i = 0; i < u->n; i++)
		if (u->v[i].kind == UNDO_RMDIR && u->v[i].h == h && strcmp(u->v[i].path, path) == 0)
			return true;
	return false;
}

void undo_rollback_kept(struct undo *u)
{
	for (size_t i = u->n; i-- > 0;) {
		struct undo_step *s = &u->v[i];

		if ((s->kind == UNDO_WRITE || s->kind == UNDO_DEVICES) && !undo_made(u, s->h, s->path))
			undo_step(s);
	}
	undo_forget(u);
}

void undo_forget(struct undo *u)
{
	for (size_t i = 0; i < u->n; i++)
		step_free(&u->v[i]);
	free(u->v);
	u->v = NULL;
	u->n = 0;
}

/* v1 cpuset: a new group's cpus and mems start empty and refuse tasks until set (cpuset(7)). */
int fill_cpuset(int parentfd, int fd)
{
	static const char *const files[] = {"cpuset.cpus", "cpuset.mems"};

	for (size_t i = 0; i < 2; i++) {
		_cleanup_free_ char *mine = NULL, *theirs = NULL;
		int r = nsu_cg_read(fd, files[i], &mine);

		if (r < 0 || *mine)
			continue;
		r = nsu_cg_read(parentfd, files[i], &theirs);
		if (r == 0)
			r = nsu_cg_write(fd, files[i], theirs);
		if (r < 0)
			return r;
	}
	return 0;
}

static void explain_ebusy_subtree(const char *path, const char *ctl)
{
	nsu_warnx("cannot enable %s for the groups below '%s': it has processes of its own, and cgroup v2 "
		  "gives controllers only to groups without them (no internal processes)",
		  ctl, group_label(path));
	nsu_hint("move its processes into a child group first");
}

/*
 * The controllers an exec --rm enabled in a group's cgroup.subtree_control
 * for the groups it made below (blank-separated): whoever removes the last
 * group below it disables them again (take_back_enabled()).
 */
static bool has_child(const struct nsu_cg_hier *h, const char *group);

static ssize_t get_mark(const struct nsu_cg_hier *h, const char *group, const char *mark, char *v, size_t size);

static char *group_path(const struct nsu_cg_hier *h, const char *group);

#define ENABLED_MARK "user.nsutils.exec-rm-enabled"

/* Add @ctl to the ENABLED_MARK of the group at @fd. */
static int mark_enabled(int fd, const char *ctl)
{
	char v[512] = "";
	ssize_t n = fgetxattr(fd, ENABLED_MARK, v, sizeof(v) - 1);
	size_t len = n > 0 ? (size_t)n : 0;

	v[len] = '\0';
	if (len + strlen(ctl) + 2 > sizeof(v))
		return -E2BIG;
	snprintf(v + len, sizeof(v) - len, "%s%s", len ? " " : "", ctl);
	if (fsetxattr(fd, ENABLED_MARK, v, strlen(v), 0) == 0 || errno == EOPNOTSUPP)
		return 0;
	return -errno;
}

/*
 * Drop @ctl from the ENABLED_MARK of the group at @fd: an enable undone at
 * once is no exec --rm's any more (a later one by someone else must stay).
 */
static void unmark_enabled(int fd, const char *ctl)
{
	char v[512], out[512] = "";
	ssize_t n = fgetxattr(fd, ENABLED_MARK, v, sizeof(v) - 1);
	size_t len = 0;

	if (n <= 0)
		return;
	v[n] = '\0';
	for (char *save = NULL, *x = strtok_r(v, " ", &save); x; x = strtok_r(NULL, " ", &save))
		if (strcmp(x, ctl) != 0)
			len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s", len ? " " : "", x);
	if (len)
		fsetxattr(fd, ENABLED_MARK, out, len, 0);
	else
		fremovexattr(fd, ENABLED_MARK);
}

void take_back_enabled(const struct nsu_cg_hier *h, const char *anc)
{
	_cleanup_close_ int fd = -1;
	char v[512];
	ssize_t n = get_mark(h, anc, ENABLED_MARK, v, sizeof(v) - 1);

	/* a group left below it may use them: they stay until the last one goes */
	if (n <= 0 || has_child(h, anc))
		return;
	fd = nsu_cg_open(h, anc);
	if (fd < 0)
		return;
	v[n] = '\0';
	for (char *save = NULL, *x = strtok_r(v, " ", &save); x; x = strtok_r(NULL, " ", &save)) {
		char w[72];
		int r;

		snprintf(w, sizeof(w), "-%s", x);
		r = nsu_cg_write(fd, "cgroup.subtree_control", w);
		if (r < 0)
			nsu_warnc(r, "cannot disable %s again in %s/%s/cgroup.subtree_control", x, h->mount, anc);
	}
	fremovexattr(fd, ENABLED_MARK);
}

/* Enable @ctl in the subtree_control of @anc, unless it is there; with @mark, say it was exec --rm. */
static int enable_in(struct nsu_cg_hier *h, const char *anc, const char *ctl, bool mark, struct undo *u)
{
	_cleanup_free_ char *cur = NULL;
	_cleanup_close_ int fd = nsu_cg_open(h, anc);
	char v[40];
	int r;

	if (fd < 0) {
		say_bad_group(anc, h, fd);
		return fd;
	}
	if (nsu_cg_read(fd, "cgroup.subtree_control", &cur) == 0) {
		char pad[512];

		snprintf(pad, sizeof(pad), " %s ", cur);
		snprintf(v, sizeof(v), " %s ", ctl);
		if (strstr(pad, v))
			return 0;
	}
	snprintf(v, sizeof(v), "+%s", ctl);
	r = nsu_cg_write(fd, "cgroup.subtree_control", v);
	if (r == -EBUSY)
		explain_ebusy_subtree(anc, ctl);
	else if (r < 0)
		nsu_warnc(r, "cannot enable %s in %s/%s/cgroup.subtree_control", ctl, h->mount, anc);
	if (r == 0)
		r = undo_push(u, UNDO_DISABLE, h, anc, NULL, ctl);
	if (r == 0 && mark) {
		r = mark_enabled(fd, ctl);
		if (r < 0)
			nsu_warnc(r, "cannot mark %s/%s as given %s by exec --rm", h->mount, anc, ctl);
	}
	return r;
}

/* v2: enable @ctl in the subtree_control of every ancestor of @group, the root first. */
static int enable_v2(struct nsu_cg_hier *h, const char *group, const char *ctl, bool mark, struct undo *u)
{
	_cleanup_free_ char *parent = parent_of(group);
	size_t len = strlen(parent);
	int r = enable_in(h, "", ctl, mark, u);

	for (size_t end = 1; r == 0 && end <= len; end++) {
		_cleanup_free_ char *anc = NULL;

		if (end < len && parent[end] != '/')
			continue;
		anc = strndup(parent, end);
		if (!anc)
			return -ENOMEM;
		r = enable_in(h, anc, ctl, mark, u);
	}
	return r;
}

static void add_target(struct nsu_cg_hier **t, size_t *n, struct nsu_cg_hier *h)
{
	for (size_t i = 0; i < *n; i++)
		if (t[i] == h)
			return;
	t[(*n)++] = h;
}

int group_targets(const struct nsu_tool *c, const char *ctl, const struct setting *s, size_t ns, struct nsu_cg_hier **t,
		  size_t *nt)
{
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg);

	*nt = 0;
	if (ctl) {
		_cleanup_free_ char *list = strdup(ctl);

		if (!list)
			return -ENOMEM;
		if (ctl[strspn(ctl, ",")] == '\0') {
			nsu_warnx("empty controller list '%s'", ctl);
			return -EINVAL;
		}
		if (*ctl == ',' || ctl[strlen(ctl) - 1] == ',' || strstr(ctl, ",,")) {
			nsu_warnx("invalid controller list '%s': an empty name", ctl);
			return -EINVAL;
		}
		for (char *save = NULL, *x = strtok_r(list, ",", &save); x; x = strtok_r(NULL, ",", &save)) {
			struct nsu_cg_hier *h = nsu_cg_hier_for(&c->cg, x);

			if (!h) {
				nsu_warnx("no hierarchy has the %s controller (layout: %s)", x,
					  nsu_cg_layout_name(c->cg.layout));
				return -EINVAL;
			}
			add_target(t, nt, h);
		}
	} else {
		for (size_t i = 0; i < c->cg.n; i++)
			if (hier_considered(&c->cg.h[i]))
				add_target(t, nt, &c->cg.h[i]);
	}
	for (size_t i = 0; i < ns; i++)
		add_target(t, nt, s[i].h);
	if (v2)
		add_target(t, nt, v2);
	return 0;
}

/*
 * Marks on a group's directories (extended attributes, kept by the group
 * itself: cgroupfs has user xattrs since Linux 5.7). A kernel without them
 * just has no marks: --rm then removes nothing, and a cut-short create is
 * not recognised.
 */
/* made by exec --rm: whichever such exec is last out removes it */
#define RM_MARK "user.nsutils.exec-rm"

/* made by a create or exec that has not finished yet */
#define CREATING_MARK "user.nsutils.creating"

/* Mark a group; the value is the PID of this cgctl, so others can tell it is still at work. */
static int set_mark(int fd, const char *mark)
{
	char v[16];
	int n = snprintf(v, sizeof(v), "%d", (int)getpid());

	if (fsetxattr(fd, mark, v, (size_t)n, 0) == 0 || errno == EOPNOTSUPP)
		return 0;
	return -errno;
}

/* The path of @group in @h, malloc'ed (NULL: no memory). */
static char *group_path(const struct nsu_cg_hier *h, const char *group)
{
	char *p;

	return asprintf(&p, "%s%s%s", h->mount, *group ? "/" : "", group) < 0 ? NULL : p;
}

/* (by path, one call: a normalised group in cgroupfs, which has no links) */
static ssize_t get_mark(const struct nsu_cg_hier *h, const char *group, const char *mark, char *v, size_t size)
{
	_cleanup_free_ char *p = group_path(h, group);

	return p ? getxattr(p, mark, v, size) : -1;
}

static bool has_mark(const struct nsu_cg_hier *h, const char *group, const char *mark)
{
	char v[16]; /* a PID */

	return get_mark(h, group, mark, v, sizeof(v)) > 0;
}

static void remove_mark(const struct nsu_cg_hier *h, const char *group, const char *mark)
{
	_cleanup_free_ char *p = group_path(h, group);

	if (p)
		removexattr(p, mark);
}

/*
 * Whether the cgctl whose PID a creating mark holds still runs (and so is
 * still creating the group). Marks of older versions hold "1".
 */
static bool creator_alive(const struct nsu_cg_hier *h, const char *group)
{
	_cleanup_close_ int fd = nsu_cg_open(h, group);
	char v[16], path[64], comm[32] = "";
	_cleanup_free_ char *text = NULL;
	ssize_t n = fd >= 0 ? fgetxattr(fd, CREATING_MARK, v, sizeof(v) - 1) : -1;
	pid_t pid;

	if (n <= 0)
		return false;
	v[n] = '\0';
	if (nsu_parse_pid(v, &pid) < 0 || pid <= 1 || pid == getpid())
		return false;
	/* a PID used again since is not a cgctl (or is one that makes other groups: rare) */
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	if (nsu_read_file_at(AT_FDCWD, path, &text, NULL) < 0)
		return false;
	snprintf(comm, sizeof(comm), "%s", text);
	comm[strcspn(comm, "\n")] = '\0';
	return strcmp(comm, program_invocation_short_name) == 0;
}

bool group_unfinished(const struct nsu_cg_hier *h, const char *group)
{
	return has_mark(h, group, CREATING_MARK) && !creator_alive(h, group);
}

bool group_being_created(const struct nsu_cg_hier *h, const char *group)
{
	return has_mark(h, group, CREATING_MARK) && creator_alive(h, group);
}

void finish_made(struct nsu_cg_hier **t, size_t nt, const char *group, const struct undo *u)
{
	for (size_t i = 0; i < u->n; i++)
		if (u->v[i].kind == UNDO_RMDIR)
			remove_mark(u->v[i].h, u->v[i].path, CREATING_MARK);
	/* a group completed with -p: the marks of the create that was cut short go too */
	for (size_t i = 0; i < nt; i++)
		remove_mark(t[i], group, CREATING_MARK);
}

bool group_marked(const struct nsu_cg_hier *h, const char *group)
{
	return has_mark(h, group, RM_MARK);
}

bool group_partly_removable(const struct cg_group *g)
{
	if (!g->n || has_mark(g->p[g->anchor].h, g->path, RM_MARK))
		return false;
	for (size_t i = 0; i < g->n; i++)
		if (i != g->anchor && g->p[i].here && has_mark(g->p[i].h, g->path, RM_MARK))
			return true;
	return false;
}

int make_dirs(struct nsu_cg_hier *h, const char *group, bool parents, bool mark, struct undo *u)
{
	size_t len = strlen(group);

	for (size_t end = 1; end <= len; end++) {
		_cleanup_free_ char *path = NULL, *full = NULL;
		_cleanup_close_ int fd = -1;
		int r;

		if (end < len && group[end] != '/')
			continue;
		path = strndup(group, end);
		if (!path)
			return -ENOMEM;
		r = nsu_cg_stat(h, path, NULL);
		if (r == 0)
			continue;
		if (r != -ENOENT) {
			say_bad_group(path, h, r);
			return r;
		}
		if (end < len && !parents) {
			nsu_warnx("cannot create group '%s' in %s: its parent '%s' does not exist", group, h->mount,
				  path);
			nsu_hint("--parents creates the missing parents");
			return -ENOENT;
		}
		full = group_path(h, path);
		if (!full)
			return -ENOMEM;
		if (mkdir(full, 0755) < 0) {
			/* Another cgctl made it a moment ago: it is there, which is what we wanted. */
			if (errno == EEXIST)
				continue;
			r = -errno;
			nsu_warnc(r, "cannot create group '%s' in %s", path, h->mount);
			if (r == -EACCES || r == -EPERM)
				nsu_hint("a user creates groups below one delegated to it: as root, "
					 "cgctl create --owner USER GROUP");
			return r;
		}
		r = undo_push(u, UNDO_RMDIR, h, path, NULL, NULL);
		if (r < 0)
			return r;
		fd = nsu_cg_open(h, path);
		if (fd < 0) {
			nsu_warnc(fd, "cannot open group '%s' in %s", path, h->mount);
			return fd;
		}
		{
			struct stat st;

			if (fstat(fd, &st) == 0)
				u->v[u->n - 1].ino = st.st_ino;
		}
		r = set_mark(fd, CREATING_MARK);
		if (r < 0) {
			nsu_warnc(r, "cannot mark group '%s' in %s as being created", path, h->mount);
			return r;
		}
		if (h->version == 1 && nsu_cg_hier_has(h, "cpuset")) {
			_cleanup_free_ char *parent = parent_of(path);
			_cleanup_close_ int pfd = parent ? nsu_cg_open(h, parent) : -ENOMEM;

			r = pfd < 0 ? pfd : fill_cpuset(pfd, fd);
			if (r < 0) {
				nsu_warnc(r, "cannot copy cpuset.cpus/mems of '%s' to '%s'", group_label(parent), path);
				return r;
			}
		}
		r = mark ? set_mark(fd, RM_MARK) : 0;
		if (r < 0) {
			nsu_warnc(r, "cannot mark group '%s' in %s as made by exec --rm", path, h->mount);
			return r;
		}
	}
	return 0;
}

int enable_for(const struct nsu_tool *c, const char *group, const char *ctl, const struct setting *s, size_t ns,
	       bool mark, struct undo *u)
{
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg);
	_cleanup_free_ char *list = ctl ? strdup(ctl) : NULL;
	int r = 0;

	if (!v2 || !*group)
		return 0;
	for (char *save = NULL, *x = list ? strtok_r(list, ",", &save) : NULL; x && r == 0;
	     x = strtok_r(NULL, ",", &save))
		if (nsu_cg_hier_has(v2, x))
			r = enable_v2(v2, group, x, mark, u);
	for (size_t i = 0; i < ns && r == 0; i++) {
		char k[64];

		nsu_cg_key_controller(s[i].key, k, sizeof(k));
		/* (devices is no v2 controller: its rules need none) */
		if (s[i].h == v2 && strcmp(k, "cgroup") != 0 && nsu_cg_hier_has(v2, k))
			r = enable_v2(v2, group, k, mark, u);
	}
	return r;
}

/* v1 keeps the default of a group with children ("a" is EINVAL then): so does v2 here, saying why. */
static int check_devices_default(const char *group, const struct setting *s, const struct nsu_dev_rule *rule)
{
	if (!rule->all || !has_child(s->h, group))
		return 0;
	nsu_warnx("%s: cannot set %s to %s: a group with child groups keeps its default (as cgroup v1 requires); "
		  "change the rules before making children", group_label(group), s->key, s->value);
	return -EBUSY;
}

/* A device rule of @s on v2: the group's rules changed as v1 would change them. */
/*
 * v2 runs every ancestor's device program, but one attached with
 * BPF_F_ALLOW_OVERRIDE only until a group below it has a program of its
 * own: then that group's alone. A program of ours would so lift the
 * ancestor's rules: refused, naming it. 0 or -EPERM (said).
 */
static int check_no_override_above(const char *group, const struct setting *s)
{
	_cleanup_free_ char *p = parent_of(group);

	while (p) {
		_cleanup_close_ int fd = nsu_cg_open(s->h, p);
		char *next;

		if (fd >= 0 && devices_overridable(fd) == 1) {
			nsu_warnx("%s: cannot set %s to %s: '%s' has a device program attached with "
				  "BPF_F_ALLOW_OVERRIDE, which a program of '%s' would replace there (its rules "
				  "would no longer apply below it)",
				  group_label(group), s->key, s->value, group_label(p), group_label(group));
			nsu_hint("its owner may attach it with BPF_F_ALLOW_MULTI, or set the rules on '%s' instead",
				 group_label(p));
			return -EPERM;
		}
		if (!*p)
			break;
		next = parent_of(p);
		free(p);
		p = next;
	}
	return 0;
}

static int apply_devices_v2(const char *group, int fd, const struct setting *s, const struct nsu_dev_rule *rule,
			    struct undo *u)
{
	_cleanup_close_ int lock = devices_lock(fd);
	struct nsu_dev_rules rules = NSU_DEV_RULES_INIT;
	_cleanup_free_ char *old = NULL;
	int r = lock < 0 ? lock : check_no_override_above(group, s);

	if (r == -EPERM)
		return r;
	if (r == 0)
		r = devices_read_v2(fd, &rules);

	/*
	 * The rules of the program there are not known: only "a" (which starts
	 * over) may go on, and its undo denies everything, so that a failed
	 * command leaves no more access than the unknown rules gave.
	 */
	if (r == -ENOKEY && rule->all) {
		rules = (struct nsu_dev_rules){.allow = false};
		r = (old = nsu_dev_rules_format(&rules)) ? 0 : -ENOMEM;
	} else if (r == -ENOKEY) {
		nsu_warnx("%s: cannot set %s to %s: the device program of %s/%s has no rules kept with it "
			  "(trusted.nsutils.devices)", group_label(group), s->key, s->value, s->h->mount, group);
		nsu_hint("devices.deny=a (or devices.allow=a) starts over; then the rules again");
		return r;
	} else if (r == 0) {
		r = (old = nsu_dev_rules_format(&rules)) ? 0 : -ENOMEM;
	}
	if (r == 0)
		r = nsu_dev_rules_apply(&rules, rule, strcmp(s->key, "devices.allow") == 0);
	if (r == 0)
		r = devices_store_v2(fd, &rules);
	nsu_dev_rules_free(&rules);
	if (r == -E2BIG) {
		nsu_warnx("%s: cannot set %s to %s: a cgroup v2 group's device program holds at most %d exceptions",
			  group_label(group), s->key, s->value, NSU_DEV_RULES_MAX);
		return r;
	}
	if (r == -EPERM && devices_exclusive(fd) == 1) {
		nsu_warnx("%s: cannot set %s to %s: another program owns the device control of %s/%s (attached "
			  "with neither BPF_F_ALLOW_MULTI nor BPF_F_ALLOW_OVERRIDE, it alone may be there)",
			  group_label(group), s->key, s->value, s->h->mount, group);
		return r;
	}
	if (r < 0) {
		nsu_warnc(r, "%s: cannot set %s to %s (the device program of %s/%s)", group_label(group), s->key,
			  s->value, s->h->mount, group);
		return r;
	}
	return undo_push(u, UNDO_DEVICES, s->h, group, "", old);
}

/* A device rule of @s on v1: written to its file (which cannot be read: the list is what is put back). */
static int apply_devices_v1(const char *group, int fd, const struct setting *s, const struct nsu_dev_rule *rule,
			    struct undo *u)
{
	_cleanup_free_ char *list = NULL, *undo = NULL;
	int r = nsu_cg_read(fd, "devices.list", &list);

	if (r == 0)
		r = asprintf(&undo, "%s %s\n%s", s->key, s->value, list) < 0 ? -ENOMEM : 0;
	if (r == 0)
		r = nsu_cg_write(fd, s->key, s->value);
	/* "a" waits for removed children to go offline, which the kernel finishes a moment after rmdir */
	for (int i = 0; r == -EINVAL && rule->all && i < 40; i++) {
		usleep(25000);
		r = nsu_cg_write(fd, s->key, s->value);
	}
	if (r < 0) {
		nsu_warnc(r, "%s: cannot set %s to %s (%s/%s/%s)", group_label(group), s->key, s->value, s->h->mount,
			  group, s->key);
		return r;
	}
	return undo_push(u, UNDO_DEVICES, s->h, group, "", undo);
}

/*
 * What puts cgroup.subtree_control back after @written ("+a -b ...") when it
 * held @old ("a c"): "-a" for each controller enabled anew, "+b" for each
 * one disabled that was there. Malloc'ed ("" when nothing changed), or NULL.
 */
static char *subtree_inverse(const char *old, const char *written)
{
	_cleanup_free_ char *copy = strdup(written);
	char pad[512], *inv = calloc(1, strlen(written) + 2);
	size_t len = 0;

	if (!copy || !inv) {
		free(inv);
		return NULL;
	}
	snprintf(pad, sizeof(pad), " %s ", old);
	for (char *save = NULL, *t = strtok_r(copy, " \t\n", &save); t; t = strtok_r(NULL, " \t\n", &save)) {
		char name[72];
		bool was;

		if (*t != '+' && *t != '-')
			continue;
		snprintf(name, sizeof(name), " %s ", t + 1);
		was = strstr(pad, name) != NULL;
		if (*t == '+' && !was)
			len += (size_t)sprintf(inv + len, "%s-%s", len ? " " : "", t + 1);
		else if (*t == '-' && was)
			len += (size_t)sprintf(inv + len, "%s+%s", len ? " " : "", t + 1);
	}
	return inv;
}

/* Whether control file @file of the group at @fd can only be written (cgroupfs shows it as mode 0200). */
static bool write_only(int fd, const char *file)
{
	struct stat st;

	return fstatat(fd, file, &st, 0) == 0 && (st.st_mode & 0444) == 0;
}

static bool is_device_rule(const struct setting *s)
{
	return strcmp(s->key, "devices.allow") == 0 || strcmp(s->key, "devices.deny") == 0;
}

int apply_settings(const char *group, const struct setting *s, size_t ns, struct undo *u)
{
	/* device rules last: a setting refused after them would have them undone, which v1 cannot do exactly */
	for (size_t k = 0; k < 2 * ns; k++) {
		size_t i = k % ns;
		_cleanup_close_ int fd = -1;

		if (is_device_rule(&s[i]) != (k >= ns))
			continue;
		fd = nsu_cg_open(s[i].h, group);

		if (fd < 0) {
			say_bad_group(group, s[i].h, fd);
			return fd;
		}
		if (is_device_rule(&s[i])) {
			struct nsu_dev_rule rule;
			/* (the value was checked by nsu_cg_translate_set) */
			int r = nsu_dev_rule_parse(s[i].value, &rule);

			if (r == 0)
				r = check_devices_default(group, &s[i], &rule);
			if (r == 0)
				r = (s[i].h->version == 2 ? apply_devices_v2 : apply_devices_v1)(group, fd, &s[i], &rule, u);

			if (r < 0)
				return r;
			continue;
		}
		for (size_t w = 0; w < s[i].nwr; w++) {
			_cleanup_free_ char *old = NULL;
			const char *file = s[i].wr[w].file, *value = s[i].wr[w].value;
			char bfq[24];
			int r = 0;

			if (strcmp(file, "blkio.weight") == 0 && nsu_cg_v1_weight_file(fd, &file) < 0) {
				nsu_warnx("%s: not available on this kernel's v1 blkio (no blkio.weight, no "
					  "blkio.bfq.weight)", s[i].key);
				return -EOPNOTSUPP;
			}
			/* BFQ's weight has v2's scale: from the weight asked for ("default N" or N) */
			if (strcmp(file, "blkio.bfq.weight") == 0 && strcmp(s[i].wr[w].file, "blkio.weight") == 0) {
				const char *num = strncmp(s[i].value, "default ", 8) == 0 ? s[i].value + 8 : s[i].value;
				uint64_t asked = strtoull(num, NULL, 10);

				snprintf(bfq, sizeof(bfq), "%" PRIu64, nsu_cg_io_weight_v1(file, asked));
				value = bfq;
			}
			/*
			 * A file without a read operation (memory.force_empty,
			 * memory.reclaim, cgroup.kill: mode 0200) is an action,
			 * not a value: written, with nothing to put back.
			 */
			if (!write_only(fd, file))
				r = nsu_cg_read(fd, file, &old);
			if (r == 0)
				r = nsu_cg_write(fd, file, value);
			if (r < 0) {
				nsu_warnc(r, "%s: cannot set %s to %s (%s/%s/%s)", group_label(group), s[i].key,
					  s[i].value, s[i].h->mount, group, file);
				return r;
			}
			/* cgroup.subtree_control reads "cpu memory" but takes "+cpu -memory": undo is the inverse */
			if (old && strcmp(file, "cgroup.subtree_control") == 0) {
				char *inv = subtree_inverse(old, s[i].wr[w].value);

				free(old);
				old = inv;
				r = old ? 0 : -ENOMEM;
			}
			/* v1 memory.oom_control reads "oom_kill_disable N\nunder_oom ..." but takes N */
			if (old && strcmp(file, "memory.oom_control") == 0) {
				uint64_t v;

				r = nsu_cg_parse_keyed(old, "oom_kill_disable", &v);
				free(old);
				old = NULL;
				if (r == 0 && asprintf(&old, "%" PRIu64, v) < 0)
					r = -ENOMEM;
			}
			/* BFQ's weight lists "default N" and per-device lines, and takes one: the default's back */
			if (old && strcmp(file, "blkio.bfq.weight") == 0)
				old[strcspn(old, "\n")] = '\0';
			/* a v1 throttle file lists every device but takes one: undo is that device's old line */
			if (old && strncmp(file, "blkio.throttle.", 15) == 0) {
				char *inv = nsu_cg_throttle_inverse(old, s[i].wr[w].value);

				free(old);
				old = inv;
				r = old ? 0 : -ENOMEM;
			}
			if (r == 0 && old && *old)
				r = undo_push(u, UNDO_WRITE, s[i].h, group, file, old);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

/* More CPUs and memory nodes than any kernel here is built for (NR_CPUS is 8192 on Debian). */
#define CPUSET_BITS 8192

/* The nearest ancestor of @group (not itself) that exists in @h, open; -errno. */
static int open_nearest_ancestor(const struct nsu_cg_hier *h, const char *group)
{
	_cleanup_free_ char *p = strdup(group);
	int fd = -ENOENT;

	while (p && *p && fd == -ENOENT) {
		char *slash = strrchr(p, '/');

		if (slash)
			*slash = '\0';
		else
			*p = '\0';
		fd = nsu_cg_open(h, p);
	}
	return p ? fd : -ENOMEM;
}

int check_cpusets(const char *group, const struct setting *s, size_t ns)
{
	for (size_t i = 0; i < ns; i++) {
		uint64_t want[CPUSET_BITS / 64], have[CPUSET_BITS / 64];
		_cleanup_free_ char *theirs = NULL;
		_cleanup_close_ int fd = -1;
		char file[64];

		if (strcmp(s[i].key, "cpuset.cpus") != 0 && strcmp(s[i].key, "cpuset.mems") != 0)
			continue;
		/* v2 gives a child what the parent has in effect; v1 what the parent has. */
		snprintf(file, sizeof(file), "%s%s", s[i].key, s[i].h->version == 2 ? ".effective" : "");
		fd = open_nearest_ancestor(s[i].h, group);
		if (fd < 0 || nsu_cg_read(fd, file, &theirs) < 0 || nsu_parse_cpulist(theirs, have, CPUSET_BITS) < 0)
			continue; /* nothing to compare with: the kernel will judge */
		if (nsu_parse_cpulist(s[i].value, want, CPUSET_BITS) < 0) {
			nsu_warnx("invalid value '%s' for %s: expected a list such as 0-3,5", s[i].value, s[i].key);
			return -EINVAL;
		}
		for (size_t w = 0; w < CPUSET_BITS / 64; w++)
			if (want[w] & ~have[w]) {
				nsu_warnx("invalid value '%s' for %s: not within the parent's %s (%s)", s[i].value,
					  s[i].key, file, *theirs ? theirs : "empty");
				return -EINVAL;
			}
	}
	return 0;
}

/* Delegation: the directory and the files the kernel lists as delegatable (cgroup-v2.rst). */
int chown_group(struct nsu_cg_hier *h, const char *group, uid_t uid, gid_t gid)
{
	static const char *const v1files[] = {"cgroup.procs", "tasks", "cgroup.clone_children"};
	_cleanup_close_ int fd = nsu_cg_open(h, group);
	_cleanup_free_ char *list = NULL;

	if (fd < 0 || fchown(fd, uid, gid) < 0) {
		nsu_warn("cannot change the owner of group '%s' in %s", group, h->mount);
		return -errno;
	}
	if (h->version == 1) {
		for (size_t i = 0; i < NSU_ARRAY_SIZE(v1files); i++)
			if (fchownat(fd, v1files[i], uid, gid, 0) < 0 && errno != ENOENT) {
				nsu_warn("cannot change the owner of %s/%s/%s", h->mount, group, v1files[i]);
				return -errno;
			}
		return 0;
	}
	if (nsu_cg_read(AT_FDCWD, "/sys/kernel/cgroup/delegate", &list) < 0)
		list = strdup("cgroup.procs\ncgroup.threads\ncgroup.subtree_control");
	for (char *save = NULL, *f = list ? strtok_r(list, "\n", &save) : NULL; f; f = strtok_r(NULL, "\n", &save)) {
		/* Lines such as "nsdelegate" are mount options, not files: they do not exist. */
		if (fchownat(fd, f, uid, gid, 0) < 0 && errno != ENOENT) {
			nsu_warn("cannot change the owner of %s/%s/%s", h->mount, group, f);
			return -errno;
		}
	}
	return 0;
}

/* Whether the group open at @fd (a descriptor fresh from open) has a child group: stops at the first. */
static bool has_child_at(int fd)
{
	char buf[4096];
	ssize_t n;

	while ((n = getdents64(fd, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; off < n;) {
			const struct dirent64 *d = (const struct dirent64 *)(buf + off);

			if (d->d_type == DT_DIR && d->d_name[0] != '.')
				return true;
			off += d->d_reclen;
		}
	return false;
}

/* Whether @group has a child group in @h. */
static bool has_child(const struct nsu_cg_hier *h, const char *group)
{
	_cleanup_close_ int fd = nsu_cg_open(h, group);

	return fd >= 0 && has_child_at(fd);
}

bool group_in_use(const struct nsu_cg_hier *h, const char *group)
{
	_cleanup_close_ int fd = nsu_cg_open(h, group);
	_cleanup_free_ char *procs = NULL;

	if (fd < 0)
		return false;
	return has_child_at(fd) || nsu_cg_read(fd, "cgroup.procs", &procs) < 0 || *procs;
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return x < y ? -1 : x > y;
}

/* The PIDs of a cgroup.procs text (changed in place), added to @p. */
static void add_pids_text(char *procs, struct pids *p)
{
	for (char *save = NULL, *s = strtok_r(procs, "\n", &save); s; s = strtok_r(NULL, "\n", &save)) {
		pid_t pid = (pid_t)atoi(s);

		/* 0: a process outside our PID namespace (cgroup-v2.rst); kill(0) would hit our own group. */
		if (pid <= 0) {
			p->unreachable++;
			continue;
		}
		p->v = nsu_xrealloc(p->v, (p->n + 1) * sizeof(*p->v));
		p->v[p->n++] = pid;
	}
}

/* The processes of the group open at @fd, added to @p. */
static void add_pids_at(int fd, struct pids *p)
{
	_cleanup_free_ char *procs = NULL;

	if (nsu_cg_read(fd, "cgroup.procs", &procs) == 0)
		add_pids_text(procs, p);
}

static void add_pids(const struct nsu_cg_hier *h, const char *group, struct pids *p)
{
	_cleanup_free_ char *dir = group_path(h, group), *file = NULL, *procs = NULL;

	/* (the path of a group found: one open, no look at the directory, for each of many groups) */
	if (dir && asprintf(&file, "%s/cgroup.procs", dir) >= 0 && nsu_read_file_at(AT_FDCWD, file, &procs, NULL) == 0)
		add_pids_text(procs, p);
}

/* A process is in every hierarchy at once: count it once. */
static void unique_pids(struct pids *p)
{
	size_t out = 0;

	if (p->n)
		qsort(p->v, p->n, sizeof(*p->v), cmp_pid);
	for (size_t i = 0; i < p->n; i++)
		if (i == 0 || p->v[i] != p->v[i - 1])
			p->v[out++] = p->v[i];
	p->n = out;
}

void group_pids_in(struct nsu_cg_hier **hs, size_t nh, const char *group, bool recursive, struct pids *p)
{
	*p = (struct pids){0};
	for (size_t i = 0; i < nh; i++) {
		char **v = NULL;
		size_t n = 0;

		if (recursive)
			collect_tree(hs[i], group, &v, &n);
		add_pids(hs[i], group, p);
		for (size_t j = 0; j < n; j++)
			add_pids(hs[i], v[j], p);
		free_paths(v, n);
	}
	unique_pids(p);
}

void group_pids(const struct nsu_tool *c, const char *group, bool recursive, struct pids *p)
{
	struct nsu_cg_hier *hs[c->cg.n + 1];
	size_t nh = 0;

	*p = (struct pids){0};
	if (group_hiers(c, group, hs, &nh) == 0)
		group_pids_in(hs, nh, group, recursive, p);
}

/* ---- removing groups ---- */

static int say_has_children(const char *group)
{
	nsu_warnx("cannot delete group '%s': it has child groups (--recursive deletes them)", group);
	return -ENOTEMPTY;
}

/* "no such group" for a group in no hierarchy: -ENOENT, else 0. */
static int say_if_nowhere(const struct cg_group *g)
{
	if (group_here(g))
		return 0;
	nsu_warnx("%s: no such group", group_label(g->path));
	return -ENOENT;
}

int check_tree_removable(const struct cg_group *g, bool recursive)
{
	int r = say_if_nowhere(g);

	for (size_t i = 0; i < g->n && r == 0 && !recursive; i++)
		if (g->p[i].here && has_child(g->p[i].h, g->path))
			r = say_has_children(g->path);
	return r;
}

int check_removable(const struct nsu_tool *c, const struct cg_group *g, bool recursive)
{
	struct nsu_cg_hier *hs[g->n + 1];
	size_t nh = group_hiers_of(g, hs), n;
	struct pids p = {0};
	int r = say_if_nowhere(g);

	if (r < 0)
		return r;
	/* one look at each directory: its child groups, then its processes */
	for (size_t i = 0; i < nh && !recursive; i++) {
		_cleanup_close_ int fd = nsu_cg_open(hs[i], g->path);

		if (fd >= 0 && has_child_at(fd)) {
			free(p.v);
			return say_has_children(g->path);
		}
		if (fd >= 0)
			add_pids_at(fd, &p);
	}
	if (recursive)
		group_pids_in(hs, nh, g->path, true, &p);
	else
		unique_pids(&p);
	n = p.n + p.unreachable;
	free(p.v);
	if (n) {
		_cleanup_free_ char *parent = parent_of(g->path);
		_cleanup_close_ int pfd = nsu_cg_open(anchor_hier(c), parent);

		nsu_warnx("cannot delete group '%s': it has %zu process%s", g->path, n, n == 1 ? "" : "es");
		/* --kill helps only one who may remove the group afterwards (write access to its parent) */
		if (pfd >= 0 && faccessat(pfd, ".", W_OK, AT_EACCESS) == 0)
			nsu_hint("--kill kills them first");
		else
			nsu_hint("deleting it needs root, or write access to '%s'", group_label(parent));
		return -EBUSY;
	}
	return 0;
}

int remove_group(const struct cg_group *g, bool recursive)
{
	size_t nh = group_here(g), done = 0;
	int e = 0;

	for (size_t i = 0; i < g->n && !e; i++) {
		const struct cg_place *pl = &g->p[i];
		char **v = NULL;
		size_t n = 0;

		if (!pl->here)
			continue;
		if (recursive)
			collect_tree(pl->h, g->path, &v, &n);
		/* Parents come first in the list: backwards, children go before them, the group last. */
		for (size_t j = n + 1; j-- > 0 && !e;) {
			const char *path = j > 0 ? v[j - 1] : g->path;
			int r = rmdir_group(pl->h, path);

			if (r < 0 && r != -ENOENT) {
				e = -r;
				nsu_warnc(e, "cannot delete group '%s' in %s", path, pl->h->mount);
			}
		}
		free_paths(v, n);
		done += !e;
	}
	if (e && done)
		nsu_warnx("group '%s' was deleted from %zu of its %zu hierarchies; run the delete again once "
			  "the cause is gone",
			  g->path, done, nh);
	return -e;
}

/* ---- owners ---- */

void parse_owner_or_err(const char *arg, uid_t *uid, gid_t *gid)
{
	_cleanup_free_ char *u = strdup(arg);
	char *colon = u ? strchr(u, ':') : NULL;

	if (!u)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	if (colon)
		*colon++ = '\0';
	*uid = nsu_uid_or_err(u, "owner");
	if (colon && *colon) {
		*gid = nsu_gid_or_err(colon, "group");
	} else {
		struct passwd *pw = getpwuid(*uid);

		*gid = pw ? pw->pw_gid : (gid_t)*uid;
	}
}

/* The group @pid is in within @h, from /proc/PID/cgroup (malloc'ed), or NULL. */
static char *group_of_pid(const char *cgfile, const struct nsu_cg_hier *h)
{
	_cleanup_free_ char *text = strdup(cgfile);

	for (char *save = NULL, *l = text ? strtok_r(text, "\n", &save) : NULL; l; l = strtok_r(NULL, "\n", &save)) {
		char *c1 = strchr(l, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

		if (!c2)
			continue;
		*c1 = *c2 = '\0';
		if (strcmp(l, "0") == 0 ? h->version == 2 : h->version == 1 && strcmp(h->controllers, c1 + 1) == 0)
			return strdup(c2 + 1 + (c2[1] == '/'));
	}
	return NULL;
}

void move_back(struct nsu_cg_hier **hs, size_t n, const char *cgfile, const char *pid, const char *group)
{
	for (size_t k = 0; k < n; k++) {
		_cleanup_free_ char *old = group_of_pid(cgfile, hs[k]);
		_cleanup_close_ int fd = old ? nsu_cg_open(hs[k], old) : -1;

		if (fd < 0 || nsu_cg_write(fd, "cgroup.procs", pid) < 0)
			nsu_warnx("process %s stays in '%s' in %s: it could not be moved back", pid, group_label(group),
				  hier_label(hs[k]));
	}
}

/* ---- freeze and kill ---- */

/* Signal each PID once; say which could not be. -EPERM when one could not. */
static int signal_pids(const struct pids *p, int sig)
{
	int r = 0;

	for (size_t i = 0; i < p->n; i++)
		if (kill(p->v[i], sig) < 0 && errno != ESRCH) {
			nsu_warn("cannot signal process %d", (int)p->v[i]);
			r = -errno;
		}
	return r;
}

/*
 * The v1 freezer holds a frozen task with its SIGKILL pending until it is
 * thawed (v2 lets a killed task die frozen or not): once the group is
 * signalled, thaw it and the groups below it that are frozen in their own
 * right, parents first. Only for SIGKILL: any other signal waits for the
 * thaw, as on v2. 0 or -errno (said).
 */
static int thaw_v1_for_kill(const struct nsu_tool *c, const char *group)
{
	struct nsu_cg_hier *h = hier_in_group(c, group, "freezer");
	char **v = NULL;
	size_t n = 0;
	int r = 0;

	if (!h || h->version != 1)
		return 0;
	collect_tree(h, group, &v, &n);
	for (size_t j = 0; j <= n; j++) {
		const char *g = j ? v[j - 1] : group;
		_cleanup_close_ int fd = nsu_cg_open(h, g);
		_cleanup_free_ char *state = NULL;

		if (r == 0 && fd >= 0 && nsu_cg_read(fd, "freezer.state", &state) == 0 && strcmp(state, "THAWED") != 0) {
			r = nsu_cg_write(fd, "freezer.state", "THAWED");
			if (r < 0)
				nsu_warnc(r, "cannot thaw group '%s' in %s for its processes to die of SIGKILL", g,
					  h->mount);
		}
	}
	for (size_t j = 0; j < n; j++)
		free(v[j]);
	free(v);
	return r;
}

int kill_group(const struct nsu_tool *c, const char *group, int sig, bool wait_empty)
{
	bool thawed = false;
	struct nsu_cg_hier *hs[c->cg.n + 1], *v2 = NULL;
	double end = nsu_now_s() + SETTLE_MS / 1000.0;
	bool killfile = false;
	size_t nh;
	int r;

	r = group_hiers_said(c, group, hs, &nh);
	if (r < 0)
		return r;
	for (size_t i = 0; i < nh; i++)
		if (hs[i]->version == 2)
			v2 = hs[i];
	/* cgroup.kill (Linux 5.14) kills the whole v2 subtree at once, forks and other PID namespaces included. */
	if (sig == SIGKILL && v2) {
		_cleanup_close_ int fd = nsu_cg_open(v2, group);

		killfile = fd >= 0 && nsu_cg_write(fd, "cgroup.kill", "1") == 0;
	}
	for (;;) {
		struct pids p;

		/* Every hierarchy: on hybrid a process may be in the group in one only. */
		group_pids(c, group, true, &p);
		r = signal_pids(&p, sig);
		if (r == 0 && sig == SIGKILL && !thawed) {
			thawed = true;
			r = thaw_v1_for_kill(c, group);
		}
		if (p.unreachable && !killfile) {
			nsu_warnx("%zu process%s of '%s' %s outside this PID namespace: out of reach from here",
				  p.unreachable, p.unreachable == 1 ? "" : "es", group, p.unreachable == 1 ? "is" : "are");
			r = r < 0 ? r : -ESRCH;
		}
		free(p.v);
		if (r < 0 || !wait_empty || p.n + p.unreachable == 0)
			return r;
		if (nsu_now_s() >= end)
			break;
		nsu_sleep_ms(20);
	}
	nsu_warnx("group '%s' still has processes after %d s", group, SETTLE_MS / 1000);
	return -EBUSY;
}
