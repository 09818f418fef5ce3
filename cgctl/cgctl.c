// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl - create, attach, limit, inspect, freeze, kill and delete control
 * groups, with no daemon and no configuration file, on every layout: pure
 * cgroup v2, hybrid (v1 controllers and a v2 hierarchy) and legacy v1.
 *
 * Keys are written with their v2 names and translated on v1 (see cgroupfs.c).
 * A group lives in every hierarchy it was created in: on v2 in the one
 * hierarchy, with its controllers enabled top-down; on hybrid and v1 in each
 * controller hierarchy asked for, plus the v2 one. This file holds main and
 * the table of commands; cgctl.h says which file holds what.
 */
#include <ctype.h>
#include <dirent.h>
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
#include "cgctl-figures.h"
#include "devrules.h"
#include "cleanup.h"
#include "errors.h"
#include "procfs.h"
#include "strutils.h"
#include "verbs.h"

/*
 * --root after the command: the hierarchies must be found before the command
 * runs, so main looks for it first ("--root DIR" or "--root=DIR", up to "--").
 */
static const char *root_after_command(int argc, char **argv)
{
	const char *root = NULL;

	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--root") == 0 && i + 1 < argc)
			root = argv[++i];
		else if (strncmp(argv[i], "--root=", 7) == 0)
			root = argv[i] + 7;
	}
	return root;
}

static const struct nsu_verb verbs[] = {
	NSU_VERB_OPTS("create", cmd_create,
		      "[-p|--parents] [-c|--controllers LIST] [--owner USER[:GROUP]] GROUP [KEY=VALUE...]",
		      "create a group, with settings",
		      " -p, --parents            create missing parents; an existing group is no error\n"
		      " -c, --controllers <list> only in the hierarchies of these controllers (memory,pids)\n"
		      "     --owner <user[:group]> delegate it: the directory and cgroup.procs, never the limits\n"),
	NSU_VERB_OPTS("delete", cmd_delete, "[-r|--recursive] [-k|--kill] GROUP...", "delete groups",
		      " -r, --recursive          delete the groups below it too\n"
		      " -k, --kill               kill the group's processes first (SIGKILL, until none is left)\n"),
	NSU_VERB("attach", cmd_attach, "GROUP PID...", "move processes into a group"),
	NSU_VERB_OPTS("exec", cmd_exec, "[-c LIST] [-s|--set KEY=VALUE]... [--rm] [--stats] GROUP -- PROGRAM [ARG...]",
		      "run a program in a group, creating the group (with parents) when missing",
		      " -c, --controllers <list> a new group only in the hierarchies of these controllers\n"
		      " -s, --set <key=value>    a setting, written before the program starts\n"
		      "     --rm                 remove what this exec made once the program ends (per hierarchy),\n"
		      "                          and put back what it set on a group that was there\n"
		      "     --stats              print wall and CPU time, peak memory and OOM kills at the end\n"
		      "Options come before GROUP (or between it and --); from PROGRAM on, all is the program's.\n"),
	NSU_VERB("set", cmd_set, "GROUP KEY=VALUE...", "change settings"),
	NSU_VERB("get", cmd_get, "GROUP [KEY...]", "print settings"),
	NSU_VERB_OPTS("list", cmd_list, "[-p|--procs] [-o|--output LIST] [-n|--noheadings] [-u|--notruncate] [--depth N] [GROUP]",
		      "the tree of groups, with process counts, usage and limits",
		      " -p, --procs              show each group's processes as leaves\n"
		      " -o, --output <list>      the columns (GROUP PATH PROCS TASKS MEMORY CPU PIDS.MAX\n"
		      "                          MEMORY.MAX FROZEN HIERARCHIES STATE)\n"
		      " -n, --noheadings         print no header line\n"
		      " -u, --notruncate         keep long lines whole (the tree is cut to the terminal)\n"
		      "     --depth <n>          at most n levels below GROUP\n"
		      "With -r (raw) there is no tree: GROUP is the group's path.\n"),
	NSU_VERB_OPTS("top", cmd_top,
		      "[-b|--batch] [-n|--iterations N] [-d|--delay SEC] [-s|--order KEY] [--depth N] [GROUP]",
		      "groups ordered by CPU, memory, IO or tasks (KEY: cpu, memory, io, tasks, path), live",
		      " -b, --batch              print snapshots instead of a live view\n"
		      " -n, --iterations <n>     stop after n snapshots\n"
		      " -d, --delay <sec>        between snapshots (0.5, 2, 500ms; default 1)\n"
		      " -s, --order <key>        cpu, memory, io, tasks or path (also -p -t -c -m -i)\n"
		      "     --depth <n>          at most n levels below GROUP (default 3)\n"),
	NSU_VERB("stat", cmd_stat, "GROUP", "memory, cpu, pids, oom kills and pressure"),
	NSU_VERB("freeze", cmd_freeze, "GROUP", "stop every process in a group"),
	NSU_VERB("thaw", cmd_thaw, "GROUP", "let them run again"),
	NSU_VERB_OPTS("kill", cmd_kill, "[-s|--signal SIGNAL] GROUP", "signal every process in a group and below",
		      " -s, --signal <signal>    the signal (TERM, 15, SIGTERM; default KILL, which waits until\n"
		      "                          the group is empty, frozen or not)\n"),
	NSU_VERB_OPTS("monitor", cmd_monitor, "[--threshold memory=SIZE]... [--pressure RES=SPEC]... GROUP",
		      "report events (oom, oom_kill, populated, frozen, thresholds, pressure) until interrupted",
		      "     --threshold <memory=size> say each time memory use crosses size, up or down\n"
		      "     --pressure <res=spec>  a PSI trigger: cpu|memory|io=some|full:STALL/WINDOW (v1 memory:\n"
		      "                          low|medium|critical)\n"),
	NSU_VERB("which", cmd_which, "[PID]", "the groups a process is in"),
	NSU_VERB("controllers", cmd_controllers, "", "the hierarchies, their controllers, and the layout"),
};

static const struct option longopts[] = {
	{"json", no_argument, NULL, 'J'},
	{"raw", no_argument, NULL, 'r'},
	{"root", required_argument, NULL, OPT_ROOT},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

noreturn static void usage(void)
{
	fputs("\nUsage:\n"
	      " cgctl [options] <command> [<args>]\n"
	      "\nCreate, limit, inspect, freeze, kill and delete control groups (cgroup v2, v1 and hybrid).\n"
	      "\nCommands:\n",
	      stdout);
	nsu_verbs_usage(stdout, verbs, NSU_ARRAY_SIZE(verbs));
	fputs("\nOptions (before or after the command; -- ends them):\n"
	      " -J, --json             use JSON output (list, get, stat, top, which, controllers, monitor)\n"
	      " -r, --raw              use the raw output format\n"
	      "     --root <dir>       the cgroup hierarchy (or directory of hierarchies) to use\n"
	      "\n"
	      " -h, --help             display this help (after a command: its own)\n"
	      " -V, --version          display version\n"
	      "\nKeys use cgroup v2 names (memory.max, cpu.max, cpu.weight, pids.max, cpuset.cpus,\n"
	      "io.weight...), translated on cgroup v1; native names of either version pass through.\n"
	      "\nFor more details see cgctl(8).\n",
	      stdout);
	exit(EXIT_SUCCESS);
}

int main(int argc, char **argv)
{
	struct nsu_tool c = {0};
	const struct nsu_verb *v;
	int o;

	nsu_close_stdout_at_exit();
	argv[0] = program_invocation_short_name;
	while ((o = getopt_long(argc, argv, "+JrhV", longopts, NULL)) != -1) {
		if (global_option(&c, o))
			continue;
		switch (o) {
		case 'h':
			usage();
		case 'V':
			nsu_print_version();
		default:
			nsu_bad_usage();
		}
	}
	if (optind >= argc)
		nsu_usage_error("a command is required");
	argc -= optind;
	argv += optind;
	v = nsu_verb_select(verbs, NSU_ARRAY_SIZE(verbs), argc, argv, "cgctl(8)", false);
	/*
	 * exec finds them itself once its options are parsed: a --root among
	 * the program's arguments (dpkg --root, useradd --root) is the program's.
	 */
	if (v->fn != cmd_exec) {
		if (!c.root)
			c.root = root_after_command(argc, argv);
		detect_or_err(&c);
	}
	/* Each command parses its own options and the global ones from argv[0] on (cmd_getopt). */
	optind = 0;
	return v->fn(&c, argc, argv);
}
