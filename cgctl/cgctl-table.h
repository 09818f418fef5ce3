/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgctl-table.h - the tables of the commands that show (cgctl-table.c).
 */
#ifndef CGCTL_TABLE_H
#define CGCTL_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "cgctl.h"

/* A table of the columns @ci (all @n of them, in order; JSON key @name); exits 1 if it cannot. */
struct libscols_table *table_or_err(const struct nsu_tool *c, const char *name, const struct nsu_colinfo *ci, size_t n,
				    int tree_col);
/* A row of @n cells (NULL: empty) under @parent; exits 1 if out of memory. */
struct libscols_line *row(struct libscols_table *tb, struct libscols_line *parent, size_t n, ...);

/* @v bytes as "1.5M" ("-" for a negative one). */
void human_size(int64_t v, char *buf, size_t size);

#endif /* CGCTL_TABLE_H */
