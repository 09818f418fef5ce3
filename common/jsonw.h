/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * jsonw.h - the one JSON writer of the suite for what is not a table (tables
 * are libsmartcols'): objects and arrays written as they are walked, each
 * value with its JSON type, strings made safe by nsu_json_string().
 */
#ifndef NSU_JSONW_H
#define NSU_JSONW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum nsu_json_style {
	NSU_JSON_COMPACT,     /* one line */
	NSU_JSON_OUTER_LINES, /* the outermost container's members one a line (ip -j -p) */
	NSU_JSON_INDENTED,    /* every member on its own line, indented as libsmartcols does */
};

/* nesting: cgctl list -J nests a group tree two levels a group */
#define NSU_JSON_MAX_DEPTH 256

struct nsu_json {
	FILE *out;
	enum nsu_json_style style;
	unsigned depth;
	bool members[NSU_JSON_MAX_DEPTH]; /* the container at each depth has a member already */
	char closer[NSU_JSON_MAX_DEPTH];
};

void nsu_json_begin(struct nsu_json *j, FILE *out, enum nsu_json_style style);

/*
 * Members. @key names the member inside an object and is NULL inside an
 * array or for the outermost value; a string @v NULL is written as null.
 */
void nsu_json_open(struct nsu_json *j, const char *key, char brace); /* '{' or '[' */
void nsu_json_close(struct nsu_json *j);                             /* the outermost: and a newline */
void nsu_json_str(struct nsu_json *j, const char *key, const char *v);
void nsu_json_i64(struct nsu_json *j, const char *key, int64_t v);
void nsu_json_u64(struct nsu_json *j, const char *key, uint64_t v);
void nsu_json_double(struct nsu_json *j, const char *key, double v);
void nsu_json_bool(struct nsu_json *j, const char *key, bool v);
void nsu_json_null(struct nsu_json *j, const char *key);

#endif /* NSU_JSONW_H */
