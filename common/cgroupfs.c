// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgroupfs.c - hierarchies, groups, control files and v2 <-> v1 keys, after
 * Documentation/admin-guide/cgroup-v2.rst and the cgroup-v1 documents.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <unistd.h>
#ifdef SYS_openat2
#include <linux/openat2.h>
#endif

#include "cgroupfs.h"
#include "cleanup.h"
#include "devrules.h"
#include "mountutil.h"
#include "procfs.h"
#include "strutils.h"

#ifndef CGROUP_SUPER_MAGIC
#define CGROUP_SUPER_MAGIC 0x27e0eb
#endif
#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

/* v1 values at or above this are "no limit" (PAGE_COUNTER_MAX rounded to pages). */
#define V1_UNLIMITED (UINT64_C(1) << 62)

const char *nsu_cg_layout_name(enum nsu_cg_layout l)
{
	return l == NSU_CG_UNIFIED ? "unified" : l == NSU_CG_HYBRID ? "hybrid" : "legacy";
}

/* Mount options of a v1 hierarchy that are not controllers. */
static bool is_v1_flag(const char *o, size_t n)
{
	static const char *const flags[] = {"rw", "ro", "noprefix", "clone_children", "xattr", "cpuset_v2_mode",
					    "favordynmods"};

	if (n > 14 && strncmp(o, "release_agent=", 14) == 0)
		return true;
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (strlen(flags[i]) == n && strncmp(o, flags[i], n) == 0)
			return true;
	return false;
}

static char *v1_controllers(const char *opts)
{
	char *out = calloc(1, strlen(opts ? opts : "") + 1);
	const char *p = opts;

	if (!out || !p)
		return out;
	while (*p) {
		size_t n = strcspn(p, ",");

		if (n && !is_v1_flag(p, n)) {
			if (*out)
				strcat(out, ",");
			strncat(out, p, n);
		}
		p += n + (p[n] == ',');
	}
	return out;
}

static char *v2_controllers(const char *mount)
{
	_cleanup_free_ char *p = NULL;
	char *s = NULL;

	if (asprintf(&p, "%s/cgroup.controllers", mount) < 0)
		return NULL;
	if (nsu_cg_read(AT_FDCWD, p, &s) < 0)
		return strdup("");
	for (char *q = s; *q; q++)
		if (*q == ' ')
			*q = ',';
	return s;
}

static int add_hier(struct nsu_cg *cg, const char *mount, dev_t dev, int version, const char *v1opts)
{
	struct nsu_cg_hier *h, *nh;

	/* The same hierarchy mounted twice counts once. */
	for (size_t i = 0; i < cg->n; i++)
		if (cg->h[i].dev == dev)
			return 0;
	nh = realloc(cg->h, (cg->n + 1) * sizeof(*cg->h));
	if (!nh)
		return -ENOMEM;
	cg->h = nh;
	h = &cg->h[cg->n];
	h->mount = strdup(mount);
	h->version = version;
	h->dev = dev;
	/* v2's are read on first use (nsu_cg_controllers()): most commands never ask */
	h->controllers = version == 2 ? NULL : v1_controllers(v1opts);
	if (!h->mount || (version == 1 && !h->controllers)) {
		free(h->mount);
		free(h->controllers);
		return -ENOMEM;
	}
	cg->n++;
	return 0;
}

static int add_mount(const struct nsu_mnt *m, void *data)
{
	if (strcmp(m->fstype, "cgroup") != 0 && strcmp(m->fstype, "cgroup2") != 0)
		return 0;
	return add_hier(data, m->target, m->dev, m->fstype[6] == '2' ? 2 : 1, m->super_opts);
}

struct opts_of {
	const char *target;
	char *opts;
};

/* The last mount at the target wins: the one on top. */
static int find_opts(const struct nsu_mnt *m, void *data)
{
	struct opts_of *o = data;

	if (strcmp(m->target, o->target) != 0 || strcmp(m->fstype, "cgroup") != 0)
		return 0;
	free(o->opts);
	o->opts = strdup(m->super_opts);
	return o->opts ? 0 : -ENOMEM;
}

static int add_path(struct nsu_cg *cg, const char *path, bool must)
{
	struct statfs sfs;
	struct stat st;
	struct opts_of o = {.target = path};
	int r;

	if (statfs(path, &sfs) < 0 || stat(path, &st) < 0)
		return must ? -errno : 0;
	if ((unsigned long)sfs.f_type == CGROUP2_SUPER_MAGIC)
		return add_hier(cg, path, st.st_dev, 2, NULL);
	if ((unsigned long)sfs.f_type != CGROUP_SUPER_MAGIC)
		return must ? -ENOTDIR : 0;
	if (nsu_mnt_each(find_opts, &o) < 0 || !o.opts) {
		/* Not in our mount table (another view): the directory name says "cpu,cpuacct". */
		const char *base = strrchr(path, '/');

		free(o.opts);
		o.opts = strdup(base ? base + 1 : path);
		if (!o.opts)
			return -ENOMEM;
	}
	r = add_hier(cg, path, st.st_dev, 1, o.opts);
	free(o.opts);
	return r;
}

static void set_layout(struct nsu_cg *cg)
{
	bool v1 = false, v2 = false;

	for (size_t i = 0; i < cg->n; i++) {
		if (cg->h[i].version == 2)
			v2 = true;
		else if (*cg->h[i].controllers && strncmp(cg->h[i].controllers, "name=", 5) != 0)
			v1 = true;
	}
	cg->layout = v2 && !v1 ? NSU_CG_UNIFIED : v2 ? NSU_CG_HYBRID : NSU_CG_LEGACY;
}

int nsu_cg_detect(struct nsu_cg *cg, const char *root)
{
	int r = 0;

	memset(cg, 0, sizeof(*cg));
	if (root) {
		struct statfs sfs;

		if (statfs(root, &sfs) < 0) {
			r = -errno;
		} else if ((unsigned long)sfs.f_type == CGROUP2_SUPER_MAGIC ||
			   (unsigned long)sfs.f_type == CGROUP_SUPER_MAGIC) {
			r = add_path(cg, root, true);
		} else {
			_cleanup_closedir_ DIR *d = opendir(root);
			struct dirent *de;

			if (!d)
				r = -errno;
			while (d && r == 0 && (de = readdir(d))) {
				_cleanup_free_ char *p = NULL;

				if (de->d_name[0] == '.' || asprintf(&p, "%s/%s", root, de->d_name) < 0)
					continue;
				r = add_path(cg, p, false);
			}
		}
	} else {
		r = nsu_mnt_each(add_mount, cg);
	}
	if (r == 0 && cg->n == 0)
		r = -ENOENT;
	if (r < 0) {
		nsu_cg_free(cg);
		return r;
	}
	set_layout(cg);
	return 0;
}

void nsu_cg_free(struct nsu_cg *cg)
{
	for (size_t i = 0; i < cg->n; i++) {
		free(cg->h[i].mount);
		free(cg->h[i].controllers);
	}
	free(cg->h);
	cg->h = NULL;
	cg->n = 0;
}

const char *nsu_cg_controllers(const struct nsu_cg_hier *h)
{
	/* a cache filled on first use: the hierarchy is otherwise unchanged */
	struct nsu_cg_hier *m = (struct nsu_cg_hier *)h;

	if (!m->controllers)
		m->controllers = v2_controllers(h->mount);
	return m->controllers ? m->controllers : "";
}

bool nsu_cg_hier_has(const struct nsu_cg_hier *h, const char *c)
{
	size_t n = strlen(c);

	for (const char *p = nsu_cg_controllers(h); *p;) {
		size_t len = strcspn(p, ",");

		if (len == n && strncmp(p, c, n) == 0)
			return true;
		p += len + (p[len] == ',');
	}
	return false;
}

struct nsu_cg_hier *nsu_cg_v2(const struct nsu_cg *cg)
{
	for (size_t i = 0; i < cg->n; i++)
		if (cg->h[i].version == 2)
			return &cg->h[i];
	return NULL;
}

struct nsu_cg_hier *nsu_cg_hier_for(const struct nsu_cg *cg, const char *c)
{
	struct nsu_cg_hier *v2 = nsu_cg_v2(cg);
	const char *v1name = strcmp(c, "io") == 0 ? "blkio" : c;

	if (v2 && nsu_cg_hier_has(v2, c))
		return v2;
	for (size_t i = 0; i < cg->n; i++)
		if (cg->h[i].version == 1 && nsu_cg_hier_has(&cg->h[i], v1name))
			return &cg->h[i];
	return NULL;
}

int nsu_cg_normalize(const char *group, char **norm)
{
	char *out = malloc(strlen(group) + 1), *o = out;
	const char *p = group;

	if (!out)
		return -ENOMEM;
	while (*p) {
		size_t n;

		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (!n)
			break;
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.')) {
			free(out);
			return -EINVAL;
		}
		if (o != out)
			*o++ = '/';
		memcpy(o, p, n);
		o += n;
		p += n;
	}
	*o = '\0';
	*norm = out;
	return 0;
}

int nsu_cg_root(const struct nsu_cg_hier *h)
{
	int fd = open(h->mount, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct stat st;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || st.st_dev != h->dev) {
		int e = errno;

		close(fd);
		return st.st_dev != h->dev ? -ESTALE : -e;
	}
	return fd;
}

int nsu_cg_open_at(int rootfd, const char *group)
{
	_cleanup_free_ char *copy = NULL;
	char *save = NULL;
	int fd;

#ifdef SYS_openat2
	if (*group) {
		/* one lookup, never through a link nor above the root */
		struct open_how how = {
			.flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC,
			.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
		};

		fd = (int)syscall(SYS_openat2, rootfd, group, &how, sizeof(how));
		if (fd >= 0)
			return fd;
		/* a kernel before 5.6, or a filter that refuses the call: the walk below */
		if (errno != ENOSYS && errno != EPERM)
			return -errno;
	}
#endif
	copy = strdup(group);
	if (!copy)
		return -ENOMEM;
	fd = fcntl(rootfd, F_DUPFD_CLOEXEC, 3);
	if (fd < 0)
		return -errno;
	for (char *c = strtok_r(copy, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		int nfd = openat(fd, c, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		int e = errno;

		close(fd);
		if (nfd < 0)
			return -e;
		fd = nfd;
	}
	return fd;
}

int nsu_cg_open(const struct nsu_cg_hier *h, const char *group)
{
	_cleanup_free_ char *p = NULL;
	struct stat st;
	int fd;

	if (!*group)
		return nsu_cg_root(h);
	/*
	 * One lookup by the whole path: @group is normalised (no "..") and
	 * cgroupfs holds no links, so the walk stays in the hierarchy; the
	 * device says it ended there (not on something mounted over a group).
	 */
	if (asprintf(&p, "%s/%s", h->mount, group) < 0)
		return -ENOMEM;
	fd = open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || st.st_dev != h->dev) {
		int e = errno;

		close(fd);
		return e && st.st_dev == h->dev ? -e : -ESTALE;
	}
	return fd;
}

int nsu_cg_stat(const struct nsu_cg_hier *h, const char *group, ino_t *ino)
{
	_cleanup_free_ char *p = NULL;
	struct stat st;

	if (asprintf(&p, "%s%s%s", h->mount, *group ? "/" : "", group) < 0)
		return -ENOMEM;
	if (stat(p, &st) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	if (ino)
		*ino = st.st_ino;
	return st.st_dev == h->dev ? 0 : -ESTALE;
}

int nsu_cg_read(int gfd, const char *file, char **value)
{
	size_t len = 0;
	int r = nsu_read_file_at(gfd, file, value, &len);

	if (r < 0)
		return r;
	while (len > 0 && ((*value)[len - 1] == '\n' || (*value)[len - 1] == ' '))
		(*value)[--len] = '\0';
	return 0;
}

int nsu_cg_write(int gfd, const char *file, const char *value)
{
	return nsu_write_file_at(gfd, file, value, strlen(value));
}

int nsu_cg_parse_keyed(const char *text, const char *key, uint64_t *v)
{
	size_t n = strlen(key);

	for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (strncmp(line, key, n) == 0 && line[n] == ' ')
			return nsu_parse_u64(strndupa(line + n + 1, strcspn(line + n + 1, "\n")), v);
	}
	return -ENOENT;
}

/* @a + @b, or UINT64_MAX past it. */
static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

int nsu_cg_parse_io_bytes(const char *text, int version, uint64_t *rd, uint64_t *wr)
{
	uint64_t r = 0, w = 0;
	bool device = version == 2;

	for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		_cleanup_free_ char *l = strndup(line, strcspn(line, "\n"));
		char *save = NULL, *word[3] = {NULL, NULL, NULL};
		uint64_t v;

		if (!l)
			return -ENOMEM;
		if (version == 2) {
			/* "8:0 rbytes=N wbytes=N rios=N wios=N dbytes=N dios=N" */
			for (char *t = strtok_r(l, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
				bool isr = strncmp(t, "rbytes=", 7) == 0, isw = strncmp(t, "wbytes=", 7) == 0;

				if (!isr && !isw)
					continue;
				if (nsu_parse_u64(t + 7, &v) < 0)
					return -EINVAL;
				if (isr)
					r = add_sat(r, v);
				else
					w = add_sat(w, v);
			}
			continue;
		}
		/* v1 blkio: "8:0 Read N", "8:0 Write N"..., "Total N" */
		for (int i = 0; i < 3; i++)
			word[i] = strtok_r(i ? NULL : l, " ", &save);
		if (!word[2] || strtok_r(NULL, " ", &save))
			continue;
		if (strcmp(word[1], "Read") != 0 && strcmp(word[1], "Write") != 0)
			continue;
		if (nsu_parse_u64(word[2], &v) < 0)
			return -EINVAL;
		device = true;
		if (word[1][0] == 'R')
			r = add_sat(r, v);
		else
			w = add_sat(w, v);
	}
	if (!device)
		return -ENODATA;
	*rd = r;
	*wr = w;
	return 0;
}

int nsu_cg_read_keyed(int gfd, const char *file, const char *key, uint64_t *v)
{
	_cleanup_free_ char *s = NULL;
	int r = nsu_cg_read(gfd, file, &s);

	return r < 0 ? r : nsu_cg_parse_keyed(s, key, v);
}

void nsu_cg_key_controller(const char *key, char *buf, size_t size)
{
	snprintf(buf, size, "%.*s", (int)strcspn(key, "."), key);
}

/* Why a v2 memory key has no v1 counterpart. */
static const char *v1_memory_why(const char *key)
{
	if (strncmp(key, "memory.swap", 11) == 0)
		return "cgroup v1 limits memory and swap together: use memory.memsw.limit_in_bytes";
	if (strcmp(key, "memory.high") == 0)
		return "cgroup v1 has no throttling limit (memory.soft_limit_in_bytes is only a reclaim target)";
	return "cgroup v1 has no such protection (memory.low and memory.min are v2 only)";
}

static bool is_list(const char *v)
{
	/* cpuset lists: "0-3,5"; empty is allowed (v2: inherit). */
	for (const char *p = v; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '-' && *p != ',')
			return false;
	return true;
}

static int size_or_max(const char *v, uint64_t *bytes, bool *max)
{
	*max = strcmp(v, "max") == 0;
	if (*max)
		return 0;
	return nsu_parse_size(v, bytes);
}

static void wr(struct nsu_cg_wr *w, const char *file, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void wr(struct nsu_cg_wr *w, const char *file, const char *fmt, ...)
{
	va_list ap;

	snprintf(w->file, sizeof(w->file), "%s", file);
	va_start(ap, fmt);
	vsnprintf(w->value, sizeof(w->value), fmt, ap);
	va_end(ap);
}

static uint64_t clamp(uint64_t v, uint64_t lo, uint64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/*
 * The largest quota the kernel takes: its bandwidth is kept in nanoseconds
 * with 20 bits of fixed point, so 2^44 - 1 microseconds (kernel/sched/core.c,
 * max_cfs_runtime).
 */
#define CPU_QUOTA_MAX ((1ULL << 44) - 1)

/* Split @v at blanks into at most @max words of @size bytes; -EINVAL for more, or a word too long. */
static int split_words(const char *v, char words[][64], size_t max, size_t *n)
{
	*n = 0;
	while (*v) {
		size_t len;

		while (*v == ' ' || *v == '\t')
			v++;
		if (!*v)
			break;
		len = strcspn(v, " \t");
		if (*n == max || len >= 64)
			return -EINVAL;
		memcpy(words[*n], v, len);
		words[(*n)++][len] = '\0';
		v += len;
	}
	return 0;
}

/* cpu.max: "max [PERIOD]", "QUOTA [PERIOD]" (microseconds) or "N%" of one CPU. */
static int parse_cpu_max(const char *v, bool *max, uint64_t *quota, uint64_t *period, const char **why)
{
	char w[2][64];
	size_t n;
	uint64_t mp;

	*period = 100000;
	if (split_words(v, w, 2, &n) < 0 || n == 0) {
		*why = "expected max, QUOTA [PERIOD] or a percentage of one CPU (50%), and nothing after";
		return -EINVAL;
	}
	if (n == 2 && nsu_parse_u64_range(w[1], 1000, 1000000, period) < 0) {
		*why = "the period must be 1000..1000000 microseconds";
		return -EINVAL;
	}
	*max = strcmp(w[0], "max") == 0;
	if (*max)
		return 0;
	if (w[0][strlen(w[0]) - 1] == '%') {
		if (n == 2 || nsu_parse_percent(w[0], &mp) < 0 || mp == 0) {
			*why = "expected a percentage of one CPU such as 50% or 250%";
			return -EINVAL;
		}
		/* thousandths of a percent of the period; checked first, so the product cannot overflow */
		if (mp > CPU_QUOTA_MAX * 100000 / *period) {
			*why = "the percentage is more than the kernel can give";
			return -EINVAL;
		}
		*quota = mp * *period / 100000;
	} else if (nsu_parse_u64(w[0], quota) < 0) {
		*why = "expected max, QUOTA [PERIOD] or a percentage of one CPU (50%)";
		return -EINVAL;
	}
	if (*quota < 1000) {
		*why = "the quota must be at least 1000 microseconds";
		return -EINVAL;
	}
	if (*quota > CPU_QUOTA_MAX) {
		*why = "the quota is more than the kernel accepts (2^44-1 microseconds)";
		return -EINVAL;
	}
	return 0;
}

uint64_t nsu_cg_io_weight_v1(const char *file, uint64_t w)
{
	/* CFQ's default 500 is v2's 100 (as systemd maps them); BFQ's default is 100 as v2's */
	return strcmp(file, "blkio.bfq.weight") == 0 ? clamp(w, 1, 1000) : clamp(w * 5, 10, 1000);
}

uint64_t nsu_cg_io_weight_v2(const char *file, uint64_t w)
{
	/* rounded: 33 is 165 and 165 is 33 again */
	return strcmp(file, "blkio.bfq.weight") == 0 ? clamp(w, 1, 10000) : clamp((w + 2) / 5, 1, 10000);
}

int nsu_cg_v1_weight_file(int gfd, const char **file)
{
	/* blkio.weight went with CFQ in Linux 5.0; BFQ has its own (1..1000 too). */
	static const char *const files[] = {"blkio.weight", "blkio.bfq.weight"};

	for (size_t i = 0; i < 2; i++)
		if (faccessat(gfd, files[i], F_OK, 0) == 0) {
			*file = files[i];
			return 0;
		}
	return -ENOENT;
}

/* The v1 files of the four limits of v2 io.max, in its order. */
static const char *const throttle_keys[] = {"rbps", "wbps", "riops", "wiops"};
static const char *const throttle_files[] = {"blkio.throttle.read_bps_device", "blkio.throttle.write_bps_device",
					     "blkio.throttle.read_iops_device", "blkio.throttle.write_iops_device"};

/*
 * "MAJ:MIN KEY=N|max..." (v2 io.max): the device, and each limit given
 * (UINT64_MAX: max; 0 where not given, in @set). 0 or -EINVAL.
 */
static int parse_io_max(const char *v, unsigned int *maj, unsigned int *min, uint64_t lim[4], bool set[4])
{
	char words[5][64];
	size_t n;
	int len = 0;

	if (split_words(v, words, 5, &n) < 0 || n < 2 || sscanf(words[0], "%u:%u%n", maj, min, &len) != 2 ||
	    words[0][len] != '\0')
		return -EINVAL;
	for (size_t i = 0; i < 4; i++)
		set[i] = false;
	for (size_t w = 1; w < n; w++) {
		const char *eq = strchr(words[w], '=');
		size_t k;

		for (k = 0; k < 4; k++)
			if (eq && strlen(throttle_keys[k]) == (size_t)(eq - words[w]) &&
			    strncmp(words[w], throttle_keys[k], (size_t)(eq - words[w])) == 0)
				break;
		if (k == 4 || set[k])
			return -EINVAL;
		if (strcmp(eq + 1, "max") == 0)
			lim[k] = UINT64_MAX;
		else if (nsu_parse_u64(eq + 1, &lim[k]) < 0 || lim[k] == 0)
			return -EINVAL;
		set[k] = true;
	}
	return 0;
}

char *nsu_cg_throttle_inverse(const char *old, const char *written)
{
	size_t dev = strcspn(written, " ");
	char *out;

	for (const char *p = old; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, written, dev) == 0 && p[dev] == ' ')
			return strndup(p, strcspn(p, "\n"));
	return asprintf(&out, "%.*s 0", (int)dev, written) < 0 ? NULL : out;
}

int nsu_cg_translate_set(const char *key, const char *value, int version, struct nsu_cg_wr out[NSU_CG_WR_MAX], size_t *n,
			 const char **why)
{
	uint64_t u, q, p;
	bool max;

	*n = 1;
	*why = NULL;
	if (strcmp(key, "devices.allow") == 0 || strcmp(key, "devices.deny") == 0) {
		struct nsu_dev_rule r;

		if (nsu_dev_rule_parse(value, &r) < 0) {
			*why = "expected a, or b or c, MAJOR:MINOR (a number or *) and access r, w, m (c 1:3 rwm)";
			return -EINVAL;
		}
		wr(&out[0], key, "%s", value);
		return 0;
	}
	if (strcmp(key, "memory.max") == 0 || strcmp(key, "memory.high") == 0 || strcmp(key, "memory.low") == 0 ||
	    strcmp(key, "memory.min") == 0 || strcmp(key, "memory.swap.max") == 0 ||
	    strcmp(key, "memory.swap.high") == 0) {
		if (size_or_max(value, &u, &max) < 0) {
			*why = "expected a size (bytes, or with K, M, G, T: 64M, 1.5G) or max";
			return -EINVAL;
		}
		if (version == 2) {
			if (max)
				wr(&out[0], key, "max");
			else
				wr(&out[0], key, "%" PRIu64, u);
			return 0;
		}
		if (strcmp(key, "memory.max") == 0) {
			if (max)
				wr(&out[0], "memory.limit_in_bytes", "-1");
			else
				wr(&out[0], "memory.limit_in_bytes", "%" PRIu64, u);
			return 0;
		}
		*why = v1_memory_why(key);
		return -EOPNOTSUPP;
	}
	/* v1's own byte limits: checked before anything is written, with units, max as -1 (no limit) */
	if (strcmp(key, "memory.limit_in_bytes") == 0 || strcmp(key, "memory.soft_limit_in_bytes") == 0 ||
	    strcmp(key, "memory.memsw.limit_in_bytes") == 0 || strcmp(key, "memory.kmem.limit_in_bytes") == 0 ||
	    strcmp(key, "memory.kmem.tcp.limit_in_bytes") == 0) {
		if (strcmp(value, "-1") == 0)
			max = true;
		else if (size_or_max(value, &u, &max) < 0) {
			*why = "expected a size (bytes, or with K, M, G, T: 64M, 1.5G), max or -1";
			return -EINVAL;
		}
		if (max)
			wr(&out[0], key, "-1");
		else
			wr(&out[0], key, "%" PRIu64, u);
		return 0;
	}
	if (strcmp(key, "pids.max") == 0) {
		if (strcmp(value, "max") != 0 && nsu_parse_u64_range(value, 0, INT32_MAX, &u) < 0) {
			*why = "expected a number of processes or max";
			return -EINVAL;
		}
		wr(&out[0], key, "%s", value);
		return 0;
	}
	if (strcmp(key, "cpu.max") == 0) {
		if (parse_cpu_max(value, &max, &q, &p, why) < 0)
			return -EINVAL;
		if (version == 2) {
			if (max)
				wr(&out[0], key, "max %" PRIu64, p);
			else
				wr(&out[0], key, "%" PRIu64 " %" PRIu64, q, p);
			return 0;
		}
		/* The period first: the quota is checked against it. */
		wr(&out[0], "cpu.cfs_period_us", "%" PRIu64, p);
		if (max)
			wr(&out[1], "cpu.cfs_quota_us", "-1");
		else
			wr(&out[1], "cpu.cfs_quota_us", "%" PRIu64, q);
		*n = 2;
		return 0;
	}
	if (strcmp(key, "cpu.weight") == 0) {
		if (nsu_parse_u64_range(value, 1, 10000, &u) < 0) {
			*why = "expected a weight of 1..10000 (default 100)";
			return -EINVAL;
		}
		if (version == 2)
			wr(&out[0], key, "%" PRIu64, u);
		else /* cpu.shares: 1024 is the default weight 100; rounded, so that get gives back u */
			wr(&out[0], "cpu.shares", "%" PRIu64, clamp((u * 1024 + 50) / 100, 2, 262144));
		return 0;
	}
	if (strcmp(key, "io.weight") == 0) {
		const char *num = strncmp(value, "default ", 8) == 0 ? value + 8 : value;

		if (nsu_parse_u64_range(num, 1, 10000, &u) < 0) {
			*why = "expected a weight of 1..10000 (default 100)";
			return -EINVAL;
		}
		if (version == 2)
			wr(&out[0], key, "default %" PRIu64, u);
		else /* blkio.weight; a kernel with blkio.bfq.weight instead gets nsu_cg_io_weight_v1() of that */
			wr(&out[0], "blkio.weight", "%" PRIu64, nsu_cg_io_weight_v1("blkio.weight", u));
		return 0;
	}
	if (strcmp(key, "io.max") == 0) {
		unsigned int maj, min;
		uint64_t lim[4];
		bool set[4];

		if (parse_io_max(value, &maj, &min, lim, set) < 0) {
			*why = "expected MAJOR:MINOR and limits rbps=, wbps=, riops=, wiops= (a number, or max)";
			return -EINVAL;
		}
		*n = 0;
		if (version == 2) {
			wr(&out[(*n)++], key, "%s", value);
			return 0;
		}
		/* v1: a file a limit, "MAJ:MIN 0" for no limit */
		for (size_t k = 0; k < 4; k++)
			if (set[k])
				wr(&out[(*n)++], throttle_files[k], "%u:%u %" PRIu64, maj, min, lim[k] == UINT64_MAX ? 0 : lim[k]);
		return 0;
	}
	if (strcmp(key, "cpuset.cpus") == 0 || strcmp(key, "cpuset.mems") == 0) {
		if (!is_list(value)) {
			*why = "expected a list such as 0-3,5";
			return -EINVAL;
		}
	}
	if (strlen(key) >= sizeof(out[0].file) || strlen(value) >= sizeof(out[0].value) || strchr(key, '/')) {
		*why = "not a control file name";
		return -EINVAL;
	}
	wr(&out[0], key, "%s", value);
	return 0;
}

static int read_s64(int gfd, const char *file, int64_t *v)
{
	_cleanup_free_ char *s = NULL;
	int r = nsu_cg_read(gfd, file, &s);

	return r < 0 ? r : nsu_parse_s64(s, v);
}

static int v1_max(int gfd, const char *file, char **value)
{
	int64_t v;
	int r = read_s64(gfd, file, &v);

	if (r < 0)
		return r;
	if (v < 0 || (uint64_t)v >= V1_UNLIMITED)
		return (*value = strdup("max")) ? 0 : -ENOMEM;
	return asprintf(value, "%" PRId64, v) < 0 ? -ENOMEM : 0;
}

/* v1 io.max: the four blkio.throttle files joined a line a device, as v2 shows it. */
static int v1_io_max(int gfd, char **value)
{
	struct dev {
		unsigned int maj, min;
		uint64_t lim[4];
	} d[64];
	size_t nd = 0, len = 0;
	char *out;

	for (size_t k = 0; k < 4; k++) {
		_cleanup_free_ char *text = NULL;
		int r = nsu_cg_read(gfd, throttle_files[k], &text);

		if (r < 0)
			return r;
		for (char *line = text, *next; line && *line; line = next) {
			unsigned int maj, min;
			uint64_t v;
			size_t i;

			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			if (sscanf(line, "%u:%u %" SCNu64, &maj, &min, &v) != 3)
				continue;
			for (i = 0; i < nd && (d[i].maj != maj || d[i].min != min); i++)
				;
			if (i == nd) {
				if (nd == sizeof(d) / sizeof(d[0]))
					continue;
				d[nd++] = (struct dev){maj, min, {UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX}};
			}
			d[i].lim[k] = v;
		}
	}
	out = calloc(nd ? nd : 1, 96);
	if (!out)
		return -ENOMEM;
	for (size_t i = 0; i < nd; i++) {
		len += (size_t)sprintf(out + len, "%s%u:%u", i ? "\n" : "", d[i].maj, d[i].min);
		for (size_t k = 0; k < 4; k++) {
			if (d[i].lim[k] == UINT64_MAX)
				len += (size_t)sprintf(out + len, " %s=max", throttle_keys[k]);
			else
				len += (size_t)sprintf(out + len, " %s=%" PRIu64, throttle_keys[k], d[i].lim[k]);
		}
	}
	*value = out;
	return 0;
}

/* A v1 weight: "500" (blkio.weight), or "default 100" and per-device lines (blkio.bfq.weight). */
static int read_weight(int gfd, const char *file, int64_t *v)
{
	_cleanup_free_ char *s = NULL;
	int r = nsu_cg_read(gfd, file, &s);
	char *p = s;

	if (r < 0)
		return r;
	if (strncmp(p, "default ", 8) == 0)
		p += 8;
	p[strcspn(p, "\n")] = '\0';
	return nsu_parse_s64(p, v) < 0 ? -EINVAL : 0;
}

int nsu_cg_translate_get(int gfd, const char *key, int version, char **value, const char **why)
{
	int64_t a, b;
	const char *file = NULL;
	int r;

	*why = NULL;
	if (version == 2)
		return nsu_cg_read(gfd, key, value);
	if (strcmp(key, "memory.max") == 0)
		return v1_max(gfd, "memory.limit_in_bytes", value);
	if (strcmp(key, "memory.swap.max") == 0 || strcmp(key, "memory.low") == 0 || strcmp(key, "memory.min") == 0 ||
	    strcmp(key, "memory.high") == 0) {
		*why = v1_memory_why(key);
		return -EOPNOTSUPP;
	}
	if (strcmp(key, "cpu.max") == 0) {
		r = read_s64(gfd, "cpu.cfs_quota_us", &a);
		if (r == 0)
			r = read_s64(gfd, "cpu.cfs_period_us", &b);
		if (r < 0)
			return r;
		if (a < 0)
			return asprintf(value, "max %" PRId64, b) < 0 ? -ENOMEM : 0;
		return asprintf(value, "%" PRId64 " %" PRId64, a, b) < 0 ? -ENOMEM : 0;
	}
	if (strcmp(key, "cpu.weight") == 0) {
		r = read_s64(gfd, "cpu.shares", &a);
		if (r < 0)
			return r;
		/* rounded: 33 is 338 shares and 338 is 33 again (truncated, 32) */
		return asprintf(value, "%" PRIu64, clamp(((uint64_t)a * 100 + 512) / 1024, 1, 10000)) < 0 ? -ENOMEM : 0;
	}
	if (strcmp(key, "io.max") == 0)
		return v1_io_max(gfd, value);
	if (strcmp(key, "io.weight") == 0) {
		r = nsu_cg_v1_weight_file(gfd, &file);
		if (r == 0)
			r = read_weight(gfd, file, &a);
		if (r == -ENOENT) {
			*why = "not available on this kernel's v1 blkio (no blkio.weight, no blkio.bfq.weight)";
			return -EOPNOTSUPP;
		}
		if (r < 0)
			return r;
		return asprintf(value, "default %" PRIu64, nsu_cg_io_weight_v2(file, (uint64_t)a)) < 0 ? -ENOMEM : 0;
	}
	return nsu_cg_read(gfd, key, value);
}

/* ---- the keys there are ---- */

/* The interface files of cgroup v2 (Documentation/admin-guide/cgroup-v2.rst). */
static const char *const v2_keys[] = {
	"cgroup.type", "cgroup.procs", "cgroup.threads", "cgroup.controllers", "cgroup.subtree_control",
	"cgroup.events", "cgroup.max.descendants", "cgroup.max.depth", "cgroup.stat", "cgroup.freeze",
	"cgroup.kill", "cgroup.pressure", "cpu.stat", "cpu.stat.local", "cpu.weight", "cpu.weight.nice", "cpu.max", "cpu.max.burst",
	"cpu.pressure", "cpu.uclamp.min", "cpu.uclamp.max", "cpu.idle", "memory.current", "memory.min",
	"memory.low", "memory.high", "memory.max", "memory.reclaim", "memory.peak", "memory.oom.group",
	"memory.events", "memory.events.local", "memory.stat", "memory.numa_stat", "memory.swap.current",
	"memory.swap.high", "memory.swap.peak", "memory.swap.max", "memory.swap.events", "memory.zswap.current",
	"memory.zswap.max", "memory.zswap.writeback", "memory.pressure", "io.stat", "io.cost.qos",
	"io.cost.model", "io.weight", "io.max", "io.pressure", "io.latency", "io.bfq.weight", "pids.max",
	"pids.current", "pids.peak", "pids.events", "pids.events.local", "cpuset.cpus", "cpuset.cpus.effective", "cpuset.mems",
	"cpuset.mems.effective", "cpuset.cpus.partition", "cpuset.cpus.exclusive",
	"cpuset.cpus.exclusive.effective",
	/* no files on v2, where a device program does their work: nsutils keeps them */
	"devices.allow", "devices.deny", "devices.list", "rdma.max", "rdma.current", "misc.capacity", "misc.current",
	"misc.max", "misc.events", "irq.pressure",
};

/* v1 files of a group that its hierarchy's root lacks (the root cannot be limited or frozen). */
static const char *const v1_group_only[] = {
	"pids.max", "pids.current", "pids.events", "freezer.state", "freezer.self_freezing",
	"freezer.parent_freezing",
};

static bool in(const char *const *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], key) == 0)
			return true;
	return false;
}

bool nsu_cg_v2_key(const char *key)
{
	/* hugetlb.<size>.max, .current, .events, .rsvd.max...: one set for each huge page size */
	return in(v2_keys, NSU_ARRAY_SIZE(v2_keys), key) || strncmp(key, "hugetlb.", 8) == 0;
}

int nsu_cg_key_known(const struct nsu_cg_hier *h, int gfd, const char *key)
{
	const char *why;
	struct nsu_cg_wr w[NSU_CG_WR_MAX];
	size_t n;
	int r;

	if (!*key || strchr(key, '/') || strcmp(key, ".") == 0 || strcmp(key, "..") == 0)
		return -ENOENT;
	/* a key every group of its version has: known without a look */
	if ((h->version == 2 && nsu_cg_v2_key(key)) ||
	    (h->version == 1 && in(v1_group_only, NSU_ARRAY_SIZE(v1_group_only), key)))
		return 0;
	/* a file of the group itself, or of the hierarchy's root */
	if (gfd >= 0 && faccessat(gfd, key, F_OK, 0) == 0)
		return 0;
	{
		_cleanup_close_ int root = nsu_cg_root(h);

		if (root >= 0 && faccessat(root, key, F_OK, 0) == 0)
			return 0;
	}
	if (h->version == 2)
		return nsu_cg_v2_key(key) ? 0 : -ENOENT;
	if (in(v1_group_only, NSU_ARRAY_SIZE(v1_group_only), key))
		return 0;
	/* a v2 key: translated for v1, or a meaning v1 lacks */
	if (nsu_cg_v2_key(key)) {
		/* a value the key takes: "max" for limits, a number for weights and lists */
		r = nsu_cg_translate_set(key, "max", 1, w, &n, &why);
		if (r == -EINVAL)
			r = nsu_cg_translate_set(key, "1", 1, w, &n, &why);
		if (r == -EOPNOTSUPP)
			return -EOPNOTSUPP;
		/* w[] is filled only on success (valgrind found it read when not) */
		return r == 0 && n > 0 && strcmp(w[0].file, key) == 0 ? -EOPNOTSUPP : 0;
	}
	return -ENOENT;
}

/* Edit distance of @a and @b (Levenshtein), stopping at 9. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[65];

	if (la > 64 || lb > 64)
		return 9;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb] > 9 ? 9 : row[lb];
}

const char *nsu_cg_nearest_key(const char *key, const char *const *extra, size_t nextra)
{
	const char *best = NULL;
	size_t bestd = 4; /* further than 3 edits is no hint */

	for (size_t i = 0; i < NSU_ARRAY_SIZE(v2_keys) + nextra; i++) {
		const char *k = i < NSU_ARRAY_SIZE(v2_keys) ? v2_keys[i] : extra[i - NSU_ARRAY_SIZE(v2_keys)];
		size_t d = distance(key, k);

		if (d < bestd) {
			bestd = d;
			best = k;
		}
	}
	return best;
}

/* ---- systemd's property names ---- */

enum alias_kind { ALIAS_SIZE, ALIAS_TASKS, ALIAS_CPU_QUOTA, ALIAS_PLAIN, ALIAS_LIST };

static const struct {
	const char *name, *key;
	enum alias_kind kind;
} aliases[] = {
	{"MemoryMax", "memory.max", ALIAS_SIZE},	  {"MemoryHigh", "memory.high", ALIAS_SIZE},
	{"MemoryLow", "memory.low", ALIAS_SIZE},	  {"MemoryMin", "memory.min", ALIAS_SIZE},
	{"MemorySwapMax", "memory.swap.max", ALIAS_SIZE}, {"CPUQuota", "cpu.max", ALIAS_CPU_QUOTA},
	{"CPUWeight", "cpu.weight", ALIAS_PLAIN},	  {"TasksMax", "pids.max", ALIAS_TASKS},
	{"IOWeight", "io.weight", ALIAS_PLAIN},		  {"AllowedCPUs", "cpuset.cpus", ALIAS_LIST},
	{"AllowedMemoryNodes", "cpuset.mems", ALIAS_LIST},
};

const char *nsu_cg_alias_key(const char *name)
{
	for (size_t i = 0; i < NSU_ARRAY_SIZE(aliases); i++)
		if (strcmp(aliases[i].name, name) == 0)
			return aliases[i].key;
	return NULL;
}

/* @pct percent (in thousandths) of @whole, for "N%" values of systemd. */
static int percent_of(const char *v, uint64_t whole, uint64_t *res)
{
	uint64_t mp;

	if (nsu_parse_percent(v, &mp) < 0 || mp > 100000)
		return -EINVAL;
	/* whole < 2^63 and mp <= 10^5: split to keep the product in range */
	*res = whole / 100000 * mp + whole % 100000 * mp / 100000;
	return 0;
}

int nsu_cg_alias(const char *name, const char *value, const char **key, char **v, const char **why)
{
	enum alias_kind kind = ALIAS_PLAIN;
	uint64_t u;
	int r = 0;

	*key = NULL;
	*why = NULL;
	for (size_t i = 0; i < NSU_ARRAY_SIZE(aliases) && !*key; i++)
		if (strcmp(aliases[i].name, name) == 0) {
			*key = aliases[i].key;
			kind = aliases[i].kind;
		}
	if (!*key)
		return -ENOENT;
	switch (kind) {
	case ALIAS_SIZE:
	case ALIAS_TASKS:
		if (strcmp(value, "infinity") == 0) {
			*v = strdup("max");
		} else if (*value && value[strlen(value) - 1] == '%') {
			/* of the physical memory, or (TasksMax) of the kernel's pid_max */
			uint64_t whole = 0;

			if (kind == ALIAS_SIZE) {
				long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);

				whole = pages > 0 && size > 0 ? (uint64_t)pages * (uint64_t)size : 0;
			} else {
				_cleanup_free_ char *text = NULL;

				if (nsu_read_file_at(AT_FDCWD, "/proc/sys/kernel/pid_max", &text, NULL) == 0) {
					text[strcspn(text, "\n")] = '\0';
					if (nsu_parse_u64(text, &whole) < 0)
						whole = 0;
				}
			}
			if (!whole || percent_of(value, whole, &u) < 0) {
				*why = "expected a percentage of 0..100%";
				return -EINVAL;
			}
			r = asprintf(v, "%" PRIu64, u) < 0 ? -ENOMEM : 0;
			return r;
		} else {
			*v = strdup(value);
		}
		break;
	case ALIAS_CPU_QUOTA:
		/* systemd's CPUQuota is a percentage of one CPU, as cpu.max's "N%" */
		if (!*value || value[strlen(value) - 1] != '%') {
			*why = "CPUQuota takes a percentage of one CPU (50%, 200%)";
			return -EINVAL;
		}
		*v = strdup(value);
		break;
	case ALIAS_LIST:
		/* systemd takes "0 2-3" as well as "0,2-3" */
		*v = strdup(value);
		for (char *p = *v; p && *p; p++)
			if (*p == ' ')
				*p = ',';
		break;
	case ALIAS_PLAIN:
		*v = strdup(value);
		break;
	}
	return *v ? 0 : -ENOMEM;
}
