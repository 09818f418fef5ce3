// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mountutil.c - mounts; see mount_namespaces(7) for propagation.
 */
#include <errno.h>
#include <libmount.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/vfs.h>

#include "cleanup.h"
#include "compat.h"
#include "mountutil.h"

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

/* The mount table entry under which @path lies, from /proc/self/mountinfo. */
static int with_mount_of(const char *path, int (*fn)(struct libmnt_fs *fs, const char *path))
{
	struct libmnt_table *tb = mnt_new_table();
	struct libmnt_fs *fs;
	_cleanup_free_ char *real = NULL;
	int r;

	if (!tb)
		return -ENOMEM;
	real = realpath(path, NULL);
	if (!real) {
		r = -errno;
		goto out;
	}
	r = mnt_table_parse_mtab(tb, NULL);
	if (r < 0)
		goto out;
	fs = mnt_table_find_mountpoint(tb, real, MNT_ITER_BACKWARD);
	r = fs ? fn(fs, real) : -ENOENT;
out:
	mnt_unref_table(tb);
	return r;
}

static int fs_is_shared(struct libmnt_fs *fs, const char *path)
{
	unsigned long prop = 0;

	(void)path;
	if (mnt_fs_get_propagation(fs, &prop) < 0)
		return -EINVAL;
	return (prop & MS_SHARED) != 0;
}

int nsu_path_on_shared_mount(const char *path)
{
	return with_mount_of(path, fs_is_shared);
}

int nsu_find_fstype(const char *fstype, char **target)
{
	struct libmnt_table *tb = mnt_new_table();
	struct libmnt_iter *it = mnt_new_iter(MNT_ITER_FORWARD);
	struct libmnt_fs *fs;
	int r = -ENOENT;

	if (!tb || !it) {
		r = -ENOMEM;
		goto out;
	}
	r = mnt_table_parse_mtab(tb, NULL);
	if (r < 0)
		goto out;
	r = -ENOENT;
	while (mnt_table_next_fs(tb, it, &fs) == 0) {
		if (mnt_fs_get_fstype(fs) && strcmp(mnt_fs_get_fstype(fs), fstype) == 0) {
			*target = strdup(mnt_fs_get_target(fs));
			r = *target ? 0 : -ENOMEM;
			break;
		}
	}
out:
	mnt_free_iter(it);
	mnt_unref_table(tb);
	return r;
}
