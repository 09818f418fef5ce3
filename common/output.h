/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * output.h - the suite's tables: an lsns-style column table (enum + struct
 * nsu_colinfo[]) turned into a libsmartcols table honouring -o/+LIST,
 * --output-all, -n, -r, -J, -u, -W and tree mode.
 */
#ifndef NSU_OUTPUT_H
#define NSU_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <libsmartcols.h>

/* Column flags beyond libsmartcols' own SCOLS_FL_*. */
enum {
	NSU_COL_MULTILINE = 1 << 16, /* cell may hold several "\n"-separated values */
};

struct nsu_colinfo {
	const char *name;   /* heading, and the name -o takes (case-insensitive) */
	double whint;       /* width hint, see scols_table_new_column() */
	int flags;          /* SCOLS_FL_* | NSU_COL_* */
	int json_type;      /* SCOLS_JSON_* */
	const char *help;   /* one line for --help and --list-columns */
};

struct nsu_output_opts {
	bool json, raw, noheadings, notruncate, nowrap;
	const char *name; /* JSON top-level key, e.g. "namespaces" */
};

/* The index in @info of the column named by the @len bytes at @name (case-insensitive), or -1. */
int nsu_column_index(const struct nsu_colinfo *info, size_t ninfo, const char *name, size_t len);

/*
 * Parse a comma-separated column list into @cols (indexes into @info).
 * "+LIST" appends to the @ncols columns already there; otherwise the list
 * replaces them. On an unknown name returns -EINVAL and, if @bad is given,
 * a malloc'ed copy of the offending name; -E2BIG past @maxcols.
 */
int nsu_columns_parse(const char *list, const struct nsu_colinfo *info, size_t ninfo,
		      int *cols, size_t *ncols, size_t maxcols, char **bad);

/*
 * A new table with one column per @cols entry. @tree_col is the index in
 * @cols of the column that draws the tree, or -1. Returns NULL (errno set).
 */
struct libscols_table *nsu_output_table(const struct nsu_output_opts *o, const struct nsu_colinfo *info,
					const int *cols, size_t ncols, int tree_col);

/* nsu_output_table(), or exit 1 saying it could not. */
struct libscols_table *nsu_output_table_or_err(const struct nsu_output_opts *o, const struct nsu_colinfo *info,
					       const int *cols, size_t ncols, int tree_col);
/* Print @tb and free it; exit 1 when it cannot be printed. */
void nsu_output_print_or_err(struct libscols_table *tb);

/*
 * Set cell @col of @ln to @text (copied). A name or a path may hold any byte:
 * the tables of libsmartcols escape what a terminal cannot show (as
 * util-linux's tools do), but its JSON passes bytes that are not UTF-8
 * through, so with @json the text is made safe first (nsu_safe_text).
 * 0, or -ENOMEM.
 */
int nsu_output_set_text(struct libscols_line *ln, size_t col, const char *text, bool json);
/* The same for a JSON array cell: items one a line, each made safe on its own. */
int nsu_output_set_list(struct libscols_line *ln, size_t col, const char *text, bool json);

/* The separator of multi-line cells: "\n", or "," with -W or -r (one line a row). */
const char *nsu_output_multiline_sep(const struct nsu_output_opts *o);

/*
 * The --list-columns table: name, JSON type and description of every column
 * (JSON keys "holder", "type", "description", as util-linux uses).
 */
struct libscols_table *nsu_output_columns_table(const struct nsu_output_opts *o, const struct nsu_colinfo *info,
						size_t ninfo, const char *name);

#endif /* NSU_OUTPUT_H */
