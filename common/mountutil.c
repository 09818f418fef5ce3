// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mountutil.c - mounts and the mount table (/proc/self/mountinfo, read
 * here: the tools that only query it load no mount library); see
 * mount_namespaces(7) for propagation.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>

#include "cleanup.h"
#include "compat.h"
#include "mountutil.h"
#include "procfs.h"

int nsu_parse_propagation(const char *s, unsigned long *flag)
{
	static const struct {
		const char *name;
		unsigned long flag;
	} props[] = {
		{"private", MS_PRIVATE},
		{"shared", MS_SHARED},
		{"slave", MS_SLAVE},
		{"unchanged", 0},
	};

	for (size_t i = 0; i < NSU_ARRAY_SIZE(props); i++)
		if (strcmp(s, props[i].name) == 0) {
			*flag = props[i].flag;
			return 0;
		}
	return -EINVAL;
}

int nsu_set_propagation(const char *path, unsigned long flag)
{
	if (mount("none", path, "none", MS_REC | flag, NULL) < 0)
		return -errno;
	return 0;
}

int nsu_bind(const char *src, const char *target)
{
	if (mount(src, target, "none", MS_BIND, NULL) < 0)
		return -errno;
	return 0;
}

int nsu_mount_private(const char *fstype, const char *dir)
{
	/*
	 * Make the mount under @dir private first so the new mount does not
	 * propagate out (EINVAL: @dir is no mount point, nothing to propagate
	 * from it), then the new mount itself.
	 */
	if (mount("none", dir, "none", MS_PRIVATE | MS_REC, NULL) < 0 && errno != EINVAL)
		return -errno;
	if (mount(fstype, dir, fstype, MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return -errno;
	if (mount("none", dir, "none", MS_PRIVATE | MS_REC, NULL) < 0)
		return -errno;
	return 0;
}

int nsu_mount_proc(const char *dir)
{
	return nsu_mount_private("proc", dir);
}

/* Undo mountinfo's octal escapes (\040 for a space) in place. */
static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' && s[3] >= '0' &&
		    s[3] <= '7') {
			*o++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

int nsu_mnt_parse_line(char *line, struct nsu_mnt *m)
{
	char *f[5], *save = NULL, *t;
	unsigned int maj, min;
	size_t n = 0;

	*m = (struct nsu_mnt){0};
	/* ID PARENT MAJ:MIN ROOT TARGET OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER-OPTIONS */
	for (t = strtok_r(line, " ", &save); t && n < 5; t = strtok_r(NULL, " ", &save))
		f[n++] = t;
	if (n < 5 || sscanf(f[2], "%u:%u", &maj, &min) != 2)
		return -EINVAL;
	/* the mount options, then the optional fields up to a lone "-" */
	for (t = t ? strtok_r(NULL, " ", &save) : NULL; t && strcmp(t, "-") != 0; t = strtok_r(NULL, " ", &save))
		if (strncmp(t, "shared:", 7) == 0)
			m->shared = true;
	m->fstype = t ? strtok_r(NULL, " ", &save) : NULL;
	if (!m->fstype || !strtok_r(NULL, " ", &save))
		return -EINVAL;
	m->super_opts = strtok_r(NULL, " ", &save);
	if (!m->super_opts)
		m->super_opts = "";
	unescape(f[4]);
	m->target = f[4];
	m->dev = makedev(maj, min);
	return 0;
}

int nsu_mnt_each(int (*fn)(const struct nsu_mnt *m, void *data), void *data)
{
	_cleanup_free_ char *text = NULL;
	int r = nsu_read_file_at(AT_FDCWD, "/proc/self/mountinfo", &text, NULL);

	for (char *line = r < 0 ? NULL : text, *next; r == 0 && line && *line; line = next) {
		struct nsu_mnt m;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (nsu_mnt_parse_line(line, &m) == 0)
			r = fn(&m, data);
	}
	return r < 0 ? r : 0;
}

/* The mount under which a path lies: the last one (the one on top) at its longest mounted prefix. */
struct mount_of {
	const char *path;
	size_t best;
	bool found, shared;
};

static int note_mount(const struct nsu_mnt *m, void *data)
{
	struct mount_of *o = data;
	size_t n = strlen(m->target);

	/* "/" is a prefix of all; else the target, then the end of the path or a '/' */
	if (strcmp(m->target, "/") == 0)
		n = 0;
	else if (strncmp(o->path, m->target, n) != 0 || (o->path[n] != '\0' && o->path[n] != '/'))
		return 0;
	if (o->found && n < o->best)
		return 0;
	o->found = true;
	o->best = n;
	o->shared = m->shared;
	return 0;
}

int nsu_path_on_shared_mount(const char *path)
{
	_cleanup_free_ char *real = realpath(path, NULL);
	struct mount_of o = {0};
	int r;

	if (!real)
		return -errno;
	o.path = real;
	r = nsu_mnt_each(note_mount, &o);
	if (r < 0)
		return r;
	return o.found ? o.shared : -ENOENT;
}

struct first_of {
	const char *fstype;
	char *target;
};

static int first_fstype(const struct nsu_mnt *m, void *data)
{
	struct first_of *f = data;

	if (strcmp(m->fstype, f->fstype) != 0)
		return 0;
	f->target = strdup(m->target);
	return f->target ? 1 : -ENOMEM;
}

int nsu_find_fstype(const char *fstype, char **target)
{
	struct first_of f = {.fstype = fstype};
	int r = nsu_mnt_each(first_fstype, &f);

	if (r < 0)
		return r;
	if (!f.target)
		return -ENOENT;
	*target = f.target;
	return 0;
}
