// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * output.c - column lists and libsmartcols tables.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cleanup.h"
#include "errors.h"
#include "output.h"
#include "strutils.h"

int nsu_column_index(const struct nsu_colinfo *info, size_t ninfo, const char *name, size_t len)
{
	for (size_t i = 0; i < ninfo; i++)
		if (strlen(info[i].name) == len && strncasecmp(info[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

int nsu_columns_parse(const char *list, const struct nsu_colinfo *info, size_t ninfo,
		      int *cols, size_t *ncols, size_t maxcols, char **bad)
{
	const char *p = list;
	size_t n = 0;

	if (*p == '+') {
		n = *ncols;
		p++;
	}
	if (!*p)
		goto invalid;
	for (;;) {
		size_t len = strcspn(p, ",");
		int c = nsu_column_index(info, ninfo, p, len);

		if (c < 0) {
			if (bad)
				*bad = strndup(p, len);
			return -EINVAL;
		}
		if (n >= maxcols)
			return -E2BIG;
		cols[n++] = c;
		if (!p[len])
			break;
		p += len + 1;
	}
	*ncols = n;
	return 0;
invalid:
	if (bad)
		*bad = strdup(list);
	return -EINVAL;
}

static int setup_column(struct libscols_table *tb, const struct nsu_output_opts *o,
			const struct nsu_colinfo *ci, bool tree)
{
	struct libscols_column *cl;
	int flags = ci->flags & 0xffff;

	if (o->notruncate)
		flags &= ~SCOLS_FL_TRUNC;
	if (tree)
		flags = (flags | SCOLS_FL_TREE) & ~SCOLS_FL_RIGHT;
	if ((ci->flags & NSU_COL_MULTILINE) && !o->nowrap && !o->raw)
		flags |= SCOLS_FL_WRAP;
	cl = scols_table_new_column(tb, ci->name, ci->whint, flags);
	if (!cl)
		return -ENOMEM;
	if (o->json)
		scols_column_set_json_type(cl, ci->json_type);
	if (flags & SCOLS_FL_WRAP) {
		scols_column_set_wrapfunc(cl, scols_wrapnl_chunksize, scols_wrapnl_nextchunk, NULL);
		scols_column_set_safechars(cl, "\n");
	}
	return 0;
}

static struct libscols_table *new_table(const struct nsu_output_opts *o)
{
	struct libscols_table *tb = scols_new_table();

	if (!tb)
		return NULL;
	scols_table_enable_json(tb, o->json);
	scols_table_enable_raw(tb, o->raw);
	scols_table_enable_noheadings(tb, o->noheadings);
	scols_table_enable_nowrap(tb, o->nowrap);
	if (o->name)
		scols_table_set_name(tb, o->name);
	return tb;
}

struct libscols_table *nsu_output_table(const struct nsu_output_opts *o, const struct nsu_colinfo *info,
					const int *cols, size_t ncols, int tree_col)
{
	struct libscols_table *tb = new_table(o);

	if (!tb)
		return NULL;
	for (size_t i = 0; i < ncols; i++) {
		if (setup_column(tb, o, &info[cols[i]], (int)i == tree_col) < 0) {
			scols_unref_table(tb);
			errno = ENOMEM;
			return NULL;
		}
	}
	return tb;
}

const char *nsu_output_multiline_sep(const struct nsu_output_opts *o)
{
	return o->nowrap || o->raw ? "," : "\n";
}

static const char *json_type_name(int t)
{
	switch (t) {
	case SCOLS_JSON_NUMBER:
		return "<integer>";
	case SCOLS_JSON_BOOLEAN:
	case SCOLS_JSON_BOOLEAN_OPTIONAL:
		return "<boolean>";
	case SCOLS_JSON_ARRAY_STRING:
		return "<string-array>";
	case SCOLS_JSON_ARRAY_NUMBER:
		return "<integer-array>";
	default:
		return "<string>";
	}
}

struct libscols_table *nsu_output_columns_table(const struct nsu_output_opts *o, const struct nsu_colinfo *info,
						size_t ninfo, const char *name)
{
	static const struct nsu_colinfo meta[] = {
		{"HOLDER", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, NULL},
		{"TYPE", 0, 0, SCOLS_JSON_STRING, NULL},
		{"DESCRIPTION", 0, 0, SCOLS_JSON_STRING, NULL},
	};
	struct nsu_output_opts mo = *o;
	struct libscols_table *tb;

	mo.name = name;
	tb = new_table(&mo);
	if (!tb)
		return NULL;
	/* As util-linux prints its column lists: names right-aligned, no heading line. */
	scols_table_enable_noheadings(tb, 1);
	for (size_t i = 0; i < 3; i++)
		if (setup_column(tb, &mo, &meta[i], false) < 0)
			goto fail;
	for (size_t i = 0; i < ninfo; i++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln || scols_line_set_data(ln, 0, info[i].name) < 0 ||
		    scols_line_set_data(ln, 1, json_type_name(info[i].json_type)) < 0 ||
		    scols_line_set_data(ln, 2, info[i].help) < 0)
			goto fail;
	}
	return tb;
fail:
	scols_unref_table(tb);
	errno = ENOMEM;
	return NULL;
}

struct libscols_table *nsu_output_table_or_err(const struct nsu_output_opts *o, const struct nsu_colinfo *info,
					       const int *cols, size_t ncols, int tree_col)
{
	struct libscols_table *tb = nsu_output_table(o, info, cols, ncols, tree_col);

	if (!tb)
		nsu_err(NSU_EXIT_FAILURE, "cannot create the table");
	return tb;
}

void nsu_output_print_or_err(struct libscols_table *tb)
{
	if (scols_print_table(tb) < 0)
		nsu_errx(NSU_EXIT_FAILURE, "cannot print the table");
	scols_unref_table(tb);
}

int nsu_output_set_text(struct libscols_line *ln, size_t col, const char *text, bool json)
{
	_cleanup_free_ char *safe = NULL;

	if (json) {
		safe = nsu_json_safe_text(text);
		if (!safe)
			return -ENOMEM;
		text = safe;
	}
	return scols_line_set_data(ln, col, text) < 0 ? -ENOMEM : 0;
}

int nsu_output_set_list(struct libscols_line *ln, size_t col, const char *text, bool json)
{
	_cleanup_free_ char *safe = NULL;
	char *p;

	if (!json)
		return nsu_output_set_text(ln, col, text, false);
	/* each item made safe on its own: the newlines between them stay */
	safe = malloc(strlen(text) * 4 + 1);
	if (!safe)
		return -ENOMEM;
	p = safe;
	for (const char *item = text;;) {
		size_t len = strcspn(item, "\n");
		_cleanup_free_ char *one = strndup(item, len), *shown = one ? nsu_json_safe_text(one) : NULL;

		if (!shown)
			return -ENOMEM;
		p = stpcpy(p, shown);
		if (!item[len])
			break;
		*p++ = '\n';
		item += len + 1;
	}
	*p = '\0';
	return scols_line_set_data(ln, col, safe) < 0 ? -ENOMEM : 0;
}
