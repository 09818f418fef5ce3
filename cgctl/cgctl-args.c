// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-args.c - the command line every command shares: options in any place
 * (the global -J, -r, --root among them) and finding the hierarchies.
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

/* ---- options ---- */

/* Apply global option @o to @c; false if it is not one. */
bool global_option(struct nsu_tool *c, int o)
{
	switch (o) {
	case 'J':
		c->out.json = true;
		return true;
	case 'r':
		c->out.raw = true;
		return true;
	case OPT_ROOT:
		/* main found it already, wherever it is (root_after_command) */
		if (c->root && strcmp(c->root, optarg) != 0)
			nsu_usage_error("--root is given twice or abbreviated after the command (write --root DIR)");
		c->root = optarg;
		return true;
	}
	return false;
}

int cmd_getopt(struct nsu_tool *c, int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	static const struct option globals[] = {
		{"json", no_argument, NULL, 'J'},
		{"raw", no_argument, NULL, 'r'},
		{"root", required_argument, NULL, OPT_ROOT},
	};
	struct option all[32];
	char shorts[64];
	size_t n = 0;
	int o;

	for (; longopts && longopts[n].name; n++)
		all[n] = longopts[n];
	for (size_t i = 0; i < NSU_ARRAY_SIZE(globals); i++) {
		bool own = false;

		for (size_t k = 0; longopts && longopts[k].name; k++)
			own |= strcmp(longopts[k].name, globals[i].name) == 0;
		if (!own)
			all[n++] = globals[i];
	}
	all[n] = (struct option){NULL, 0, NULL, 0};
	/* -r is the command's own where it has one (delete -r is --recursive). */
	snprintf(shorts, sizeof(shorts), "%sJ%s", shortopts, strchr(shortopts, 'r') ? "" : "r");
	for (;;) {
		char *name = argv[0];
		bool own;

		/* getopt names argv[0] in its messages: the tool, not the command */
		argv[0] = program_invocation_short_name;
		o = getopt_long(argc, argv, shorts, all, NULL);
		argv[0] = name;
		if (o == -1)
			break;
		own = o > 0 && o < 0x100 && o != ':' && o != '?' && strchr(shortopts, o);

		for (size_t k = 0; longopts && longopts[k].name && !own; k++)
			own = longopts[k].val == o;
		if (own || !global_option(c, o))
			return o;
	}
	return -1;
}

int cmd_args(struct nsu_tool *c, int argc, char **argv)
{
	if (cmd_getopt(c, argc, argv, "", NULL) != -1)
		nsu_bad_usage();
	return optind;
}

void detect_or_err(struct nsu_tool *c)
{
	int r = nsu_cg_detect(&c->cg, c->root);

	if (r == -ENOENT)
		nsu_errx(NSU_EXIT_FAILURE, "no cgroup hierarchy found%s%s", c->root ? " in " : " (is cgroup mounted?)",
			 c->root ? c->root : "");
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot find the cgroup hierarchies%s%s", c->root ? " in " : "",
			 c->root ? c->root : "");
}
