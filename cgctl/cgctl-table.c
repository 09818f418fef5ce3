// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-table.c - the tables of the commands that show (libsmartcols), and sizes
 * as people read them.
 */
#include <dirent.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgctl.h"
#include "cgctl-group.h"
#include "cgctl-make.h"
#include "cgctl-tree.h"
#include "cgctl-figures.h"
#include "cgctl-table.h"
#include "cgctl-json.h"
#include "cgctl-devices.h"
#include "cleanup.h"
#include "devrules.h"
#include "errors.h"
#include "procfs.h"
#include "strutils.h"

struct libscols_table *table_or_err(const struct nsu_tool *c, const char *name, const struct nsu_colinfo *ci,
					   size_t n, int tree_col)
{
	static const int cols[] = {0, 1, 2, 3, 4, 5, 6, 7};
	struct nsu_output_opts o = c->out;

	o.name = name;
	return nsu_output_table_or_err(&o, ci, cols, n, tree_col);
}

struct libscols_line *row(struct libscols_table *tb, struct libscols_line *parent, size_t n, ...)
{
	struct libscols_line *ln = scols_table_new_line(tb, parent);
	va_list ap;

	if (!ln)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		const char *s = va_arg(ap, const char *);

		struct libscols_column *cl = scols_table_get_column(tb, i);
		bool list = cl && scols_column_get_json_type(cl) == SCOLS_JSON_ARRAY_STRING;

		if (s && (list ? nsu_output_set_list : nsu_output_set_text)(ln, i, s, scols_table_is_json(tb)) < 0)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	}
	va_end(ap);
	return ln;
}

void human_size(int64_t v, char *buf, size_t size)
{
	static const char units[] = "KMGTP";
	double d = (double)v;
	int u = -1;

	if (v < 0) {
		snprintf(buf, size, "-");
		return;
	}
	while (d >= 1024 && u < 4) {
		d /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, size, "%" PRId64 "B", v);
	else
		snprintf(buf, size, "%.1f%c", d, units[u]);
}
