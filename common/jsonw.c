// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * jsonw.c - a streaming JSON writer: separators, indentation and types.
 */
#include <assert.h>
#include <inttypes.h>
#include <math.h>

#include "jsonw.h"
#include "strutils.h"

void nsu_json_begin(struct nsu_json *j, FILE *out, enum nsu_json_style style)
{
	j->out = out;
	j->style = style;
	j->depth = 0;
	j->members[0] = false;
}

/* A new line for something at @depth, where the style puts one. */
static void indent(const struct nsu_json *j, unsigned depth)
{
	if (j->style == NSU_JSON_INDENTED) {
		fputc('\n', j->out);
		for (unsigned i = 0; i < depth; i++)
			fputs("   ", j->out);
	} else if (j->style == NSU_JSON_OUTER_LINES && depth <= 1) {
		fputs(depth == 1 ? "\n    " : "\n", j->out);
	}
}

/* What goes before a member: the comma, its line, its key. */
static void member(struct nsu_json *j, const char *key)
{
	if (j->depth > 0) {
		if (j->members[j->depth])
			fputc(',', j->out);
		indent(j, j->depth);
	}
	j->members[j->depth] = true;
	if (key) {
		nsu_json_string(j->out, key);
		fputs(j->style == NSU_JSON_INDENTED ? ": " : ":", j->out);
	}
}

/* After a member: a newline when it was the outermost value. */
static void done(struct nsu_json *j)
{
	if (j->depth == 0)
		fputc('\n', j->out);
}

void nsu_json_open(struct nsu_json *j, const char *key, char brace)
{
	member(j, key);
	fputc(brace, j->out);
	/* callers nest a few levels; past the limit the JSON would be wrong, so it is a bug */
	assert(j->depth + 1 < NSU_JSON_MAX_DEPTH);
	j->depth++;
	j->members[j->depth] = false;
	j->closer[j->depth] = brace == '{' ? '}' : ']';
}

void nsu_json_close(struct nsu_json *j)
{
	if (j->depth == 0)
		return;
	/* the members were each on a line: so is the end */
	if (j->members[j->depth] && (j->style == NSU_JSON_INDENTED || (j->style == NSU_JSON_OUTER_LINES && j->depth == 1)))
		indent(j, j->depth - 1);
	fputc(j->closer[j->depth], j->out);
	j->depth--;
	done(j);
}

void nsu_json_str(struct nsu_json *j, const char *key, const char *v)
{
	member(j, key);
	if (v)
		nsu_json_string(j->out, v);
	else
		fputs("null", j->out);
	done(j);
}

void nsu_json_i64(struct nsu_json *j, const char *key, int64_t v)
{
	member(j, key);
	fprintf(j->out, "%" PRId64, v);
	done(j);
}

void nsu_json_u64(struct nsu_json *j, const char *key, uint64_t v)
{
	member(j, key);
	fprintf(j->out, "%" PRIu64, v);
	done(j);
}

void nsu_json_double(struct nsu_json *j, const char *key, double v)
{
	member(j, key);
	/* JSON has no NaN or infinity */
	if (isfinite(v))
		fprintf(j->out, "%.15g", v);
	else
		fputs("null", j->out);
	done(j);
}

void nsu_json_bool(struct nsu_json *j, const char *key, bool v)
{
	member(j, key);
	fputs(v ? "true" : "false", j->out);
	done(j);
}

void nsu_json_null(struct nsu_json *j, const char *key)
{
	member(j, key);
	fputs("null", j->out);
	done(j);
}
