/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nslist.h - what nslist's parts share: the filter expressions of -Q.
 */
#ifndef NSLIST_H
#define NSLIST_H

#include <stdbool.h>
#include <stddef.h>

struct nsl_filter;

/* Column index for a name (case-insensitive), or -1. */
typedef int (*nsl_colfunc)(const char *name, size_t len);
/* The text of column @col for the row @row; NULL when the cell is empty. */
typedef const char *(*nsl_cellfunc)(int col, void *row, char *buf, size_t size);

/*
 * Parse a filter expression in the syntax of scols-filter(5): column names,
 * "strings", numbers, == != < <= > >= =~ !~ (and eq ne lt le gt ge),
 * and/&&, or/||, not/!, parentheses. On error returns NULL and a malloc'ed
 * message in *err.
 */
struct nsl_filter *nsl_filter_parse(const char *expr, nsl_colfunc colfunc, char **err);
/* Mark in @used[] every column the expression reads. */
void nsl_filter_columns(const struct nsl_filter *f, bool *used, size_t ncols);
/* Whether @row matches; @numeric[col] says which columns compare as numbers. */
bool nsl_filter_match(const struct nsl_filter *f, nsl_cellfunc cell, void *row, const bool *numeric);
void nsl_filter_free(struct nsl_filter *f);

#endif /* NSLIST_H */
