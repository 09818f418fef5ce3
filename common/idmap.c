// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * idmap.c - user namespace id maps.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanup.h"
#include "exec.h"
#include "idmap.h"
#include "procfs.h"
#include "strutils.h"

/* Split @s at @sep into exactly three decimal u32 fields. */
static int parse_triple(const char *s, char sep, uint32_t v[3])
{
	char buf[96];
	char *p = buf;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	for (int i = 0; i < 3; i++) {
		char *end = i < 2 ? strchr(p, sep) : NULL;
		uint64_t x;
		int r;

		if (i < 2 && !end)
			return -EINVAL;
		if (end)
			*end = '\0';
		r = nsu_parse_u64_range(p, 0, UINT32_MAX, &x);
		if (r < 0)
			return r;
		v[i] = (uint32_t)x;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

int nsu_idrange_parse(const char *s, struct nsu_idrange *r)
{
	uint32_t v[3];
	int rc;

	if (!s)
		return -EINVAL;
	if (strchr(s, ':')) {
		rc = parse_triple(s, ':', v);
		r->inner = v[0];
		r->outer = v[1];
	} else {
		rc = parse_triple(s, ',', v);
		r->outer = v[0];
		r->inner = v[1];
	}
	if (rc < 0)
		return rc;
	r->count = v[2];
	if (r->count == 0)
		return -ERANGE;
	if ((uint64_t)r->inner + r->count - 1 > UINT32_MAX - 1 ||
	    (uint64_t)r->outer + r->count - 1 > UINT32_MAX - 1)
		return -ERANGE;
	return 0;
}

int nsu_idmap_add(struct nsu_idmap *m, uint32_t inner, uint32_t outer, uint32_t count)
{
	if (m->n >= NSU_IDMAP_MAX)
		return -E2BIG;
	m->r[m->n++] = (struct nsu_idrange){inner, outer, count};
	return 0;
}

static int in_range(uint32_t id, uint32_t first, uint32_t count)
{
	return id >= first && (uint64_t)id < (uint64_t)first + count;
}

/*
 * Range @r without inner id @inner and outer id @outer: the k-th inner id that
 * is not @inner goes with the k-th outer id that is not @outer, @count pairs
 * in all. The pairs run in at most three stretches, cut where one side steps
 * over its skipped id; each stretch is appended to @out.
 */
static int add_skipping(struct nsu_idmap *out, const struct nsu_idrange *r, uint32_t count,
			uint32_t inner, uint32_t outer)
{
	uint32_t cut[4] = {0, count, count, count};
	size_t ncut = 2;

	if (in_range(inner, r->inner, count))
		cut[ncut++] = inner - r->inner;
	if (in_range(outer, r->outer, count))
		cut[ncut++] = outer - r->outer;
	/* sort the (at most four) cuts */
	for (size_t i = 1; i < ncut; i++)
		for (size_t j = i; j > 0 && cut[j - 1] > cut[j]; j--) {
			uint32_t t = cut[j];

			cut[j] = cut[j - 1];
			cut[j - 1] = t;
		}
	for (size_t i = 0; i + 1 < ncut; i++) {
		uint32_t k = cut[i], len = cut[i + 1] - cut[i];
		uint32_t in = r->inner + k, out_id = r->outer + k;
		int rc;

		if (!len)
			continue;
		/* Past the skipped id, every id of that side moves up by one. */
		in += inner >= r->inner && in >= inner;
		out_id += outer >= r->outer && out_id >= outer;
		rc = nsu_idmap_add(out, in, out_id, len);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int nsu_idmap_add_single(struct nsu_idmap *m, uint32_t inner, uint32_t outer, int auto_inner)
{
	struct nsu_idmap *out = malloc(sizeof(*out));
	int rc = 0;

	if (!out)
		return -ENOMEM;
	out->n = 0;
	nsu_idmap_add(out, inner, outer, 1);
	for (size_t i = 0; i < m->n && rc == 0; i++) {
		const struct nsu_idrange *r = &m->r[i];
		uint32_t count = r->count;

		/* The single id is taken out of the range: one pair fewer. */
		if (!auto_inner &&
		    (in_range(inner, r->inner, r->count) || in_range(outer, r->outer, r->count)))
			count--;
		rc = add_skipping(out, r, count, inner, outer);
	}
	if (rc == 0)
		*m = *out;
	free(out);
	return rc;
}

static int overlap(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
	return (uint64_t)a < (uint64_t)b + blen && (uint64_t)b < (uint64_t)a + alen;
}

int nsu_idmap_check(const struct nsu_idmap *m)
{
	for (size_t i = 0; i < m->n; i++)
		for (size_t j = i + 1; j < m->n; j++)
			if (overlap(m->r[i].inner, m->r[i].count, m->r[j].inner, m->r[j].count) ||
			    overlap(m->r[i].outer, m->r[i].count, m->r[j].outer, m->r[j].count))
				return -EINVAL;
	return 0;
}

int nsu_subid_parse(const char *line, const char *name, uint32_t id, struct nsu_idrange *r)
{
	const char *start = strchr(line, ':'), *count = start ? strchr(start + 1, ':') : NULL;
	char idstr[16], num[24];
	size_t olen, slen, clen;
	uint64_t s, c;

	if (!count)
		return -EINVAL;
	olen = (size_t)(start - line);
	slen = (size_t)(count - start - 1);
	clen = strcspn(count + 1, "\n");
	snprintf(idstr, sizeof(idstr), "%" PRIu32, id);
	if (!((olen == strlen(idstr) && memcmp(line, idstr, olen) == 0) ||
	      (name && olen == strlen(name) && memcmp(line, name, olen) == 0)))
		return -ENOENT;
	if (slen >= sizeof(num) || clen >= sizeof(num))
		return -EINVAL;
	memcpy(num, start + 1, slen);
	num[slen] = '\0';
	if (nsu_parse_u64_range(num, 0, UINT32_MAX - 1, &s) < 0)
		return -EINVAL;
	memcpy(num, count + 1, clen);
	num[clen] = '\0';
	if (nsu_parse_u64_range(num, 1, UINT32_MAX, &c) < 0 || s + c - 1 > UINT32_MAX - 1)
		return -EINVAL;
	r->inner = 0;
	r->outer = (uint32_t)s;
	r->count = (uint32_t)c;
	return 0;
}

int nsu_subid_first(const char *file, const char *name, uint32_t id, struct nsu_idrange *r)
{
	_cleanup_fclose_ FILE *f = NULL;
	_cleanup_free_ char *line = NULL;
	size_t cap = 0;

	f = fopen(file, "re");
	if (!f)
		return -errno;
	while (getline(&line, &cap, f) > 0)
		if (nsu_subid_parse(line, name, id, r) == 0)
			return 0;
	return -ENOENT;
}

int nsu_idmap_read(const char *path, struct nsu_idmap *m)
{
	_cleanup_fclose_ FILE *f = NULL;
	unsigned int in, out, cnt;

	f = fopen(path, "re");
	if (!f)
		return -errno;
	m->n = 0;
	while (fscanf(f, "%u %u %u", &in, &out, &cnt) == 3) {
		int r = nsu_idmap_add(m, in, out, cnt);

		if (r < 0)
			return r;
	}
	return 0;
}

static int write_proc_file(pid_t pid, const char *file, const char *data, size_t len)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	return nsu_write_file_at(AT_FDCWD, path, data, len);
}

int nsu_idmap_write(pid_t pid, const char *file, const struct nsu_idmap *m)
{
	char buf[NSU_IDMAP_MAX * 33 + 1];
	size_t len = 0;

	for (size_t i = 0; i < m->n; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%u %u %u\n", m->r[i].inner,
					m->r[i].outer, m->r[i].count);
	return write_proc_file(pid, file, buf, len);
}

int nsu_setgroups_write(pid_t pid, const char *value)
{
	return write_proc_file(pid, "setgroups", value, strlen(value));
}

int nsu_idmap_run_helper(const char *helper, pid_t pid, const struct nsu_idmap *m)
{
	char *argv[2 + 3 * NSU_IDMAP_MAX + 1];
	char numbers[1 + 3 * NSU_IDMAP_MAX][12];
	size_t argc = 0, k = 0;
	pid_t child;
	int status, r;

	argv[argc++] = (char *)helper;
	snprintf(numbers[k], sizeof(numbers[k]), "%d", (int)pid);
	argv[argc++] = numbers[k++];
	for (size_t i = 0; i < m->n; i++) {
		uint32_t v[3] = {m->r[i].inner, m->r[i].outer, m->r[i].count};

		for (int j = 0; j < 3; j++) {
			snprintf(numbers[k], sizeof(numbers[k]), "%u", v[j]);
			argv[argc++] = numbers[k++];
		}
	}
	argv[argc] = NULL;

	child = fork();
	if (child < 0)
		return -errno;
	if (child == 0) {
		execvp(helper, argv);
		_exit(errno == ENOENT ? 127 : 126);
	}
	r = nsu_wait(child, &status);
	if (r < 0)
		return r;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return -ENOENT;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : nsu_status_to_exit(status);
}
