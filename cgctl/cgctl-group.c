// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-group.c - groups across hierarchies: finding them, making them (with
 * their settings, undone as a whole on failure), v2 controller enabling,
 * delegation, walking and removing subtrees.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgctl.h"
#include "cleanup.h"
#include "errors.h"
#include "strutils.h"

static bool considered(const struct nsu_cg_hier *h)
{
	/* Named v1 hierarchies (name=systemd) belong to their manager, not to us. */
	return h->version == 2 || (*h->controllers && strncmp(h->controllers, "name=", 5) != 0);
}

const char *hier_label(const struct nsu_cg_hier *h)
{
	return h->version == 2 ? "unified" : h->controllers;
}

char *group_or_err(const char *arg)
{
	char *g = NULL;
	int r = nsu_cg_normalize(arg, &g);

	if (r == -EINVAL)
		nsu_errx(NSU_EXIT_FAILURE, "invalid group '%s': '.' and '..' would leave the hierarchy", arg);
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "invalid group '%s'", arg);
	return g;
}

/* A symlink or file on the way: say so instead of "not found". */
noreturn void bad_group(const char *group, const struct nsu_cg_hier *h, int r)
{
	if (r == -ELOOP || r == -ENOTDIR)
		nsu_errx(NSU_EXIT_FAILURE, "invalid group '%s': not a directory of %s (symlinks are not followed)",
			 group, h->mount);
	nsu_errc(NSU_EXIT_FAILURE, r, "cannot open group '%s' in %s", group, h->mount);
}

size_t group_hiers_or_err(const struct ctx *c, const char *group, struct nsu_cg_hier **hs)
{
	size_t n = 0;

	for (size_t i = 0; i < c->cg.n; i++) {
		int fd;

		if (!considered(&c->cg.h[i]))
			continue;
		fd = nsu_cg_open(&c->cg.h[i], group);
		if (fd >= 0) {
			close(fd);
			hs[n++] = &c->cg.h[i];
		} else if (fd != -ENOENT) {
			bad_group(group, &c->cg.h[i], fd);
		}
	}
	if (!n)
		nsu_errx(NSU_EXIT_FAILURE, "no such group: %s", *group ? group : "/");
	return n;
}

struct nsu_cg_hier *process_hier(const struct ctx *c, const char *group)
{
	struct nsu_cg_hier *hs[c->cg.n + 1];
	size_t n = group_hiers_or_err(c, group, hs);

	for (size_t i = 0; i < n; i++)
		if (hs[i]->version == 2)
			return hs[i];
	return hs[0];
}

static struct nsu_cg_hier *first_considered(const struct ctx *c)
{
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg);

	if (v2)
		return v2;
	for (size_t i = 0; i < c->cg.n; i++)
		if (considered(&c->cg.h[i]))
			return &c->cg.h[i];
	return &c->cg.h[0];
}

/* The hierarchy that serves @key ("cgroup.*" goes to v2 or the first). */
struct nsu_cg_hier *hier_for_key(const struct ctx *c, const char *key)
{
	char ctl[64];
	struct nsu_cg_hier *h;

	nsu_cg_key_controller(key, ctl, sizeof(ctl));
	if (strcmp(ctl, "cgroup") == 0)
		return first_considered(c);
	h = nsu_cg_hier_for(&c->cg, ctl);
	if (!h)
		nsu_errx(NSU_EXIT_FAILURE, "%s: no hierarchy has the %s controller (layout: %s)", key, ctl,
			 nsu_cg_layout_name(c->cg.layout));
	return h;
}

void setting_or_err(const struct ctx *c, const char *group, const char *arg, struct setting *s)
{
	const char *eq = strchr(arg, '=');
	const char *why;
	char *key;
	int r;

	(void)group;
	if (!eq || eq == arg)
		nsu_errx(NSU_EXIT_FAILURE, "invalid setting '%s': expected KEY=VALUE", arg);
	key = strndup(arg, (size_t)(eq - arg));
	if (!key)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	s->key = key;
	s->value = eq + 1;
	s->h = hier_for_key(c, key);
	r = nsu_cg_translate_set(key, s->value, s->h->version, s->wr, &s->nwr, &why);
	if (r == -EOPNOTSUPP)
		nsu_errx(NSU_EXIT_FAILURE, "%s cannot be set on cgroup v1: %s", key, why);
	if (r < 0)
		nsu_errx(NSU_EXIT_FAILURE, "invalid value '%s' for %s: %s", s->value, key, why);
}

/* What create did, to be undone if a later step fails. */
struct undo {
	struct nsu_cg_hier *h;
	char *path;
	char ctl[32]; /* "": a directory made; else a controller enabled in path's subtree_control */
};

static struct undo *undos;
static size_t nundos;

static void undo_push(struct nsu_cg_hier *h, const char *path, const char *ctl)
{
	struct undo *u = realloc(undos, (nundos + 1) * sizeof(*undos));

	if (!u || !(u[nundos].path = strdup(path)))
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	undos = u;
	u[nundos].h = h;
	snprintf(u[nundos].ctl, sizeof(u[nundos].ctl), "%s", ctl);
	nundos++;
}

static void undo_all(void)
{
	while (nundos > 0) {
		struct undo *u = &undos[--nundos];
		int fd = nsu_cg_open(u->h, u->path);

		if (*u->ctl && fd >= 0) {
			char v[40];

			snprintf(v, sizeof(v), "-%s", u->ctl);
			nsu_cg_write(fd, "cgroup.subtree_control", v);
		} else if (!*u->ctl) {
			unlinkat(u->h->rootfd, u->path, AT_REMOVEDIR);
		}
		if (fd >= 0)
			close(fd);
		free(u->path);
	}
}

noreturn static void fail_undo(void)
{
	undo_all();
	exit(NSU_EXIT_FAILURE);
}

/* The parent of a normalised path ("" for a top-level group). */
char *parent_of(const char *group)
{
	const char *slash = strrchr(group, '/');

	return strndup(group, slash ? (size_t)(slash - group) : 0);
}

/* v1 cpuset: a new group's cpus and mems start empty and refuse tasks until set (cpuset(7)). */
static int fill_cpuset(int parentfd, int fd)
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
		  ctl, *path ? path : "/");
	nsu_hint("move its processes into a child group first");
}

/* Enable @ctl in the subtree_control of @anc, unless it is there. */
static void enable_in(struct nsu_cg_hier *h, const char *anc, const char *ctl)
{
	_cleanup_free_ char *cur = NULL;
	_cleanup_close_ int fd = nsu_cg_open(h, anc);
	char v[40];
	int r;

	if (fd < 0) {
		nsu_warnc(fd, "cannot open group '%s' in %s", *anc ? anc : "/", h->mount);
		fail_undo();
	}
	if (nsu_cg_read(fd, "cgroup.subtree_control", &cur) == 0) {
		char pad[512];

		snprintf(pad, sizeof(pad), " %s ", cur);
		snprintf(v, sizeof(v), " %s ", ctl);
		if (strstr(pad, v))
			return;
	}
	snprintf(v, sizeof(v), "+%s", ctl);
	r = nsu_cg_write(fd, "cgroup.subtree_control", v);
	if (r == -EBUSY) {
		explain_ebusy_subtree(anc, ctl);
		fail_undo();
	}
	if (r < 0) {
		nsu_warnc(r, "cannot enable %s in %s/%s/cgroup.subtree_control", ctl, h->mount, anc);
		fail_undo();
	}
	undo_push(h, anc, ctl);
}

/* v2: enable @ctl in the subtree_control of every ancestor of @group, the root first. */
static void enable_v2(struct nsu_cg_hier *h, const char *group, const char *ctl)
{
	_cleanup_free_ char *parent = parent_of(group);
	size_t len = strlen(parent);

	enable_in(h, "", ctl);
	for (size_t end = 1; end <= len; end++) {
		_cleanup_free_ char *anc = NULL;

		if (end < len && parent[end] != '/')
			continue;
		anc = strndup(parent, end);
		if (!anc)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
		enable_in(h, anc, ctl);
	}
}

static void add_target(struct nsu_cg_hier **t, size_t *n, struct nsu_cg_hier *h)
{
	for (size_t i = 0; i < *n; i++)
		if (t[i] == h)
			return;
	t[(*n)++] = h;
}

/* Make @group in @h, parents first when @parents. */
static void make_dirs(struct nsu_cg_hier *h, const char *group, bool parents, bool exist_ok)
{
	size_t len = strlen(group);

	for (size_t end = 1; end <= len; end++) {
		_cleanup_free_ char *path = NULL, *parent = NULL;
		_cleanup_close_ int pfd = -1, fd = -1;
		bool last = end == len;

		if (!last && group[end] != '/')
			continue;
		path = strndup(group, end);
		parent = path ? parent_of(path) : NULL;
		if (!parent)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
		fd = nsu_cg_open(h, path);
		if (fd >= 0) {
			if (last && !exist_ok) {
				nsu_warnc(EEXIST, "cannot create group '%s' in %s", group, h->mount);
				fail_undo();
			}
			continue;
		}
		if (fd != -ENOENT) {
			undo_all();
			bad_group(path, h, fd);
		}
		if (!last && !parents) {
			nsu_warnx("cannot create group '%s' in %s: its parent '%s' does not exist", group, h->mount,
				  path);
			nsu_hint("--parents creates the missing parents");
			fail_undo();
		}
		pfd = nsu_cg_open(h, parent);
		if (pfd < 0 || mkdirat(pfd, strrchr(path, '/') ? strrchr(path, '/') + 1 : path, 0755) < 0) {
			nsu_warn("cannot create group '%s' in %s", path, h->mount);
			fail_undo();
		}
		undo_push(h, path, "");
		fd = nsu_cg_open(h, path);
		if (h->version == 1 && nsu_cg_hier_has(h, "cpuset") && fd >= 0 && fill_cpuset(pfd, fd) < 0) {
			nsu_warn("cannot copy cpuset.cpus/mems of '%s' to '%s'", parent, path);
			fail_undo();
		}
	}
}

/* Delegation: the directory and the files the kernel lists as delegatable (cgroup-v2.rst). */
static void chown_group(struct nsu_cg_hier *h, const char *group, uid_t uid, gid_t gid)
{
	static const char *const v1files[] = {"cgroup.procs", "tasks", "cgroup.clone_children"};
	_cleanup_close_ int fd = nsu_cg_open(h, group);
	_cleanup_free_ char *list = NULL;

	if (fd < 0 || fchown(fd, uid, gid) < 0) {
		nsu_warn("cannot change the owner of group '%s' in %s", group, h->mount);
		fail_undo();
	}
	if (h->version == 1) {
		for (size_t i = 0; i < NSU_ARRAY_SIZE(v1files); i++)
			if (fchownat(fd, v1files[i], uid, gid, 0) < 0 && errno != ENOENT) {
				nsu_warn("cannot change the owner of %s/%s/%s", h->mount, group, v1files[i]);
				fail_undo();
			}
		return;
	}
	if (nsu_cg_read(AT_FDCWD, "/sys/kernel/cgroup/delegate", &list) < 0)
		list = strdup("cgroup.procs\ncgroup.threads\ncgroup.subtree_control");
	for (char *save = NULL, *f = strtok_r(list, "\n", &save); f; f = strtok_r(NULL, "\n", &save)) {
		/* Lines such as "nsdelegate" are mount options, not files: they do not exist. */
		if (fchownat(fd, f, uid, gid, 0) < 0 && errno != ENOENT) {
			nsu_warn("cannot change the owner of %s/%s/%s", h->mount, group, f);
			fail_undo();
		}
	}
}

static void parse_owner(const char *arg, uid_t *uid, gid_t *gid)
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

void create_group(const struct ctx *c, const char *group, const char *ctl, struct setting *s, size_t ns,
		  bool parents, bool exist_ok, const char *owner)
{
	struct nsu_cg_hier *t[c->cg.n + 1];
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg);
	bool existing = false;
	size_t nt = 0;
	uid_t uid = 0;
	gid_t gid = 0;

	if (!*group)
		nsu_errx(NSU_EXIT_FAILURE, "the root group exists already");
	if (owner)
		parse_owner(owner, &uid, &gid);
	/*
	 * Which hierarchies: those of -c (default all), those of the settings,
	 * and v2. set and exec on an existing group touch only the hierarchies
	 * of -c and of the settings: the group is not spread into every other one.
	 */
	for (size_t i = 0; exist_ok && i < c->cg.n && !existing; i++) {
		int fd = considered(&c->cg.h[i]) ? nsu_cg_open(&c->cg.h[i], group) : -1;

		existing = fd >= 0;
		if (fd >= 0)
			close(fd);
	}
	if (ctl) {
		_cleanup_free_ char *list = strdup(ctl);

		for (char *save = NULL, *x = strtok_r(list, ",", &save); x; x = strtok_r(NULL, ",", &save)) {
			struct nsu_cg_hier *h = nsu_cg_hier_for(&c->cg, x);

			if (!h)
				nsu_errx(NSU_EXIT_FAILURE, "no hierarchy has the %s controller (layout: %s)", x,
					 nsu_cg_layout_name(c->cg.layout));
			add_target(t, &nt, h);
		}
	} else if (!existing) {
		for (size_t i = 0; i < c->cg.n; i++)
			if (considered(&c->cg.h[i]))
				add_target(t, &nt, &c->cg.h[i]);
	}
	for (size_t i = 0; i < ns; i++)
		add_target(t, &nt, s[i].h);
	if (v2 && !existing)
		add_target(t, &nt, v2);
	for (size_t i = 0; i < nt; i++)
		make_dirs(t[i], group, parents, exist_ok);
	if (v2) {
		_cleanup_free_ char *list = ctl ? strdup(ctl) : NULL;

		for (char *save = NULL, *x = list ? strtok_r(list, ",", &save) : NULL; x; x = strtok_r(NULL, ",", &save))
			if (nsu_cg_hier_has(v2, x))
				enable_v2(v2, group, x);
		for (size_t i = 0; i < ns; i++) {
			char k[64];

			nsu_cg_key_controller(s[i].key, k, sizeof(k));
			if (s[i].h == v2 && strcmp(k, "cgroup") != 0)
				enable_v2(v2, group, k);
		}
	}
	for (size_t i = 0; i < ns; i++) {
		_cleanup_close_ int fd = nsu_cg_open(s[i].h, group);

		for (size_t w = 0; w < s[i].nwr; w++) {
			int r = fd < 0 ? fd : nsu_cg_write(fd, s[i].wr[w].file, s[i].wr[w].value);

			if (r < 0) {
				nsu_warnc(r, "%s: cannot set %s to %s (%s/%s/%s)", group, s[i].key, s[i].value,
					  s[i].h->mount, group, s[i].wr[w].file);
				fail_undo();
			}
		}
	}
	if (owner)
		for (size_t i = 0; i < nt; i++)
			chown_group(t[i], group, uid, gid);
	for (size_t i = 0; i < nundos; i++)
		free(undos[i].path);
	nundos = 0;
}

/* The groups below @group in @h, deepest last, as paths. */
void collect_tree(const struct nsu_cg_hier *h, const char *group, char ***v, size_t *n)
{
	_cleanup_close_ int fd = nsu_cg_open(h, group);
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;

	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (!d)
		return;
	fd = -1;
	while ((de = readdir(d))) {
		char *p;

		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		if (asprintf(&p, "%s%s%s", group, *group ? "/" : "", de->d_name) < 0)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
		*v = realloc(*v, (*n + 1) * sizeof(**v));
		if (!*v)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
		(*v)[(*n)++] = p;
		collect_tree(h, p, v, n);
	}
}

void for_each_proc(const struct nsu_cg_hier *h, const char *group, void (*fn)(pid_t pid, void *data), void *data)
{
	char **v = NULL;
	size_t n = 0;

	collect_tree(h, group, &v, &n);
	for (size_t i = 0; i <= n; i++) {
		const char *g = i < n ? v[i] : group;
		_cleanup_close_ int fd = nsu_cg_open(h, g);
		_cleanup_free_ char *procs = NULL;

		if (fd >= 0 && nsu_cg_read(fd, "cgroup.procs", &procs) == 0)
			for (char *save = NULL, *p = strtok_r(procs, "\n", &save); p; p = strtok_r(NULL, "\n", &save))
				fn((pid_t)atoi(p), data);
		if (i < n)
			free(v[i]);
	}
	free(v);
}

static void count_one(pid_t pid, void *data)
{
	(void)pid;
	(*(size_t *)data)++;
}

size_t count_procs(const struct nsu_cg_hier *h, const char *group, bool recursive)
{
	size_t n = 0;

	if (recursive) {
		for_each_proc(h, group, count_one, &n);
	} else {
		_cleanup_close_ int fd = nsu_cg_open(h, group);
		_cleanup_free_ char *procs = NULL;

		if (fd >= 0 && nsu_cg_read(fd, "cgroup.procs", &procs) == 0 && *procs) {
			n = 1;
			for (char *p = procs; *p; p++)
				n += *p == '\n';
		}
	}
	return n;
}

static bool has_children(const struct nsu_cg_hier *h, const char *group)
{
	char **v = NULL;
	size_t n = 0;

	collect_tree(h, group, &v, &n);
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return n > 0;
}

int remove_group(const struct ctx *c, const char *group, bool recursive)
{
	struct nsu_cg_hier *hs[c->cg.n + 1];
	size_t nh = group_hiers_or_err(c, group, hs);

	for (size_t i = 0; i < nh; i++) {
		char **v = NULL;
		size_t n = 0;

		if (recursive)
			collect_tree(hs[i], group, &v, &n);
		/* Pre-order paths: backwards, children go before their parents, the group last. */
		for (size_t j = n + 1; j-- > 0;) {
			const char *g = j > 0 ? v[j - 1] : group;
			int e = 0;

			if (unlinkat(hs[i]->rootfd, g, AT_REMOVEDIR) < 0 && errno != ENOENT)
				e = errno;
			if (e == EBUSY && has_children(hs[i], g))
				nsu_warnx("cannot delete group '%s': it has child groups (--recursive deletes them)", g);
			else if (e == EBUSY)
				nsu_warnx("cannot delete group '%s' in %s: it still has processes", g, hs[i]->mount);
			else if (e)
				nsu_warnc(e, "cannot delete group '%s' in %s", g, hs[i]->mount);
			if (e) {
				for (size_t k = 0; k < n; k++)
					free(v[k]);
				free(v);
				return -e;
			}
		}
		for (size_t k = 0; k < n; k++)
			free(v[k]);
		free(v);
	}
	return 0;
}
