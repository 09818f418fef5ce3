// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nslist - list namespaces: a drop-in for util-linux lsns(8) that also sees
 * namespaces no process sits in (held by a thread, a *_for_children link, an
 * nsfs bind mount in any mount namespace, an open descriptor or a socket).
 *
 * This file holds the columns, options and output; nslist-scan.c finds the
 * namespaces, nslist-filter.c evaluates -Q.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libmount.h>

#include "cleanup.h"
#include "compat.h"
#include "errors.h"
#include "netlink.h"
#include "nslist.h"
#include "nstypes.h"
#include "output.h"
#include "procfs.h"
#include "strutils.h"

enum {
	COL_NS,
	COL_TYPE,
	COL_PATH,
	COL_NPROCS,
	COL_PID,
	COL_PPID,
	COL_COMMAND,
	COL_UID,
	COL_USER,
	COL_NETNSID,
	COL_NSFS,
	COL_PNS,
	COL_ONS,
	COL_NAME,
	COL_HOLDERS,
	NCOLS
};
_Static_assert((int)NCOLS <= (int)NSL_NCOLS_MAX, "struct needs has room for every column");

static const struct nsu_colinfo infos[NCOLS] = {
	[COL_NS] = {"NS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "namespace identifier (inode number)"},
	[COL_TYPE] = {"TYPE", 5, 0, SCOLS_JSON_STRING, "kind of namespace"},
	[COL_PATH] = {"PATH", 0, 0, SCOLS_JSON_STRING, "path to the namespace"},
	[COL_NPROCS] = {"NPROCS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "number of processes in the namespace"},
	[COL_PID] = {"PID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "lowest PID in the namespace"},
	[COL_PPID] = {"PPID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "PPID of the PID"},
	[COL_COMMAND] = {"COMMAND", 0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, "command line of the PID"},
	[COL_UID] = {"UID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "UID of the PID"},
	[COL_USER] = {"USER", 0, 0, SCOLS_JSON_STRING, "username of the PID"},
	[COL_NETNSID] = {"NETNSID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING,
			 "namespace ID as used by network subsystem"},
	[COL_NSFS] = {"NSFS", 0, NSU_COL_MULTILINE, SCOLS_JSON_STRING,
		      "nsfs mountpoint (usually used network subsystem)"},
	[COL_PNS] = {"PNS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "parent namespace identifier (inode number)"},
	[COL_ONS] = {"ONS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "owner namespace identifier (inode number)"},
	[COL_NAME] = {"NAME", 0, NSU_COL_MULTILINE, SCOLS_JSON_STRING,
		      "name(s) of a network namespace in /var/run/netns"},
	[COL_HOLDERS] = {"HOLDERS", 0, NSU_COL_MULTILINE, SCOLS_JSON_STRING,
			 "what keeps the namespace alive"},
};


struct opts {
	bool types[NSU_NS_COUNT], any_type;
	pid_t task;
	uint64_t nsarg;
	bool have_nsarg;
	bool persistent, list, list_columns, fds;
	enum tree_mode tree;
	int cols[NCOLS * 4];
	size_t ncols;
	const char *output;
	bool output_all;
	const char *filter_expr;
	struct nsl_filter *filter;
	struct nsu_output_opts out;
};

/* What one process tells about itself, read once per process shown. */
struct pinfo {
	pid_t pid;
	bool ok;
	pid_t ppid;
	uid_t uid;
	char *command;
};

static void pinfo_read(struct pinfo *pi, pid_t pid)
{
	_cleanup_close_ int fd = -1;
	struct nsu_procstat st;
	struct stat sb;

	if (pi->pid == pid && pid)
		return;
	free(pi->command);
	memset(pi, 0, sizeof(*pi));
	pi->pid = pid;
	if (!pid)
		return;
	fd = nsu_proc_open(pid);
	if (fd < 0 || fstat(fd, &sb) < 0 || nsu_proc_read_stat(fd, &st) < 0)
		return;
	pi->ok = true;
	pi->uid = sb.st_uid;
	pi->ppid = st.ppid;
	if (nsu_proc_command(fd, st.comm, &pi->command) < 0)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
}

static const char *user_name(uid_t uid)
{
	static uid_t cached = (uid_t)-1;
	static char name[64];
	struct passwd *pw;

	if (uid == cached)
		return name;
	pw = getpwuid(uid);
	if (pw)
		snprintf(name, sizeof(name), "%s", pw->pw_name);
	else
		snprintf(name, sizeof(name), "%u", (unsigned int)uid);
	cached = uid;
	return name;
}

/* The row being printed or filtered: a namespace, and in NS-argument mode one of its processes. */
struct row {
	struct nsent *e;
	pid_t pid;
	struct pinfo *pi;
	const struct opts *o;
};

static char *join(const struct strv *sv, const char *sep)
{
	size_t len = 1;
	char *s, *p;

	if (!sv->n)
		return NULL;
	for (size_t i = 0; i < sv->n; i++)
		len += strlen(sv->v[i]) + strlen(sep);
	s = p = nsu_xrealloc(NULL, len);
	for (size_t i = 0; i < sv->n; i++)
		p += sprintf(p, "%s%s", i ? sep : "", sv->v[i]);
	return s;
}

static char *holders_text(const struct nsent *e, const char *sep)
{
	struct strv sv = {NULL, 0};
	char *s;

	if (e->nprocs)
		strv_addf(&sv, "%u process%s", e->nprocs, e->nprocs == 1 ? "" : "es");
	for (size_t i = 0; i < e->nsfs.n; i++)
		strv_addf(&sv, "mount %s", e->nsfs.v[i]);
	for (size_t i = 0; i < e->items.n; i++)
		strv_add(&sv, nsu_xstrdup(e->items.v[i]));
	if (e->nowned)
		strv_addf(&sv, "owner of %u", e->nowned);
	if (e->nchildren)
		strv_addf(&sv, "parent of %u", e->nchildren);
	s = join(&sv, sep);
	for (size_t i = 0; i < sv.n; i++)
		free(sv.v[i]);
	free(sv.v);
	return s;
}

/* Names in the netns directory among the bind mounts (the table may say /run or /var/run). */
static char *netns_names(const struct nsent *e, const char *sep)
{
	static const char *const dirs[] = {NSU_NETNS_DIR "/", "/run/netns/"}; /* /var/run links to /run */
	struct strv sv = {NULL, 0};
	char *s;

	for (size_t i = 0; i < e->nsfs.n; i++)
		for (size_t d = 0; d < NSU_ARRAY_SIZE(dirs); d++)
			if (strncmp(e->nsfs.v[i], dirs[d], strlen(dirs[d])) == 0)
				strv_add(&sv, e->nsfs.v[i] + strlen(dirs[d]));
	s = join(&sv, sep);
	free(sv.v);
	return s;
}

/*
 * The uid lsns shows for a namespace no process is in: NS_GET_OWNER_UID,
 * which answers for a user namespace only; every other kind shows 0.
 */
static uid_t owner_uid(const struct nsent *e)
{
	_cleanup_close_ int fd = -1;
	uid_t uid = 0;

	if (e->type != NSU_NS_USER || !e->path)
		return 0;
	fd = open(e->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || ioctl(fd, NS_GET_OWNER_UID, &uid) < 0)
		return 0;
	return uid;
}

/*
 * The text of one cell; NULL for an empty one. @buf holds short answers; a
 * longer one is malloc'ed and also put in *@owned, for the caller to free:
 * each cell's text has its own owner, so two cells can be held at once.
 */
static const char *cell_text(int col, void *data, char *buf, size_t size, char **owned)
{
	struct row *r = data;
	const struct nsent *e = r->e;
	const char *sep = nsu_output_multiline_sep(&r->o->out);
	pid_t pid = r->pid;

	switch (col) {
	case COL_NS:
		snprintf(buf, size, "%" PRIu64, e->ino);
		return buf;
	case COL_TYPE:
		return nsu_ns_get(e->type)->name;
	case COL_PATH:
		if (pid) {
			snprintf(buf, size, "/proc/%d/ns/%s", (int)pid, nsu_ns_get(e->type)->proc);
			return buf;
		}
		return e->path;
	case COL_NPROCS:
		snprintf(buf, size, "%u", e->nprocs);
		return buf;
	case COL_PID:
		if (!pid)
			return NULL;
		snprintf(buf, size, "%d", (int)pid);
		return buf;
	case COL_UID:
	case COL_USER:
		/* No process: the owner of the user namespace, as lsns (NS_GET_OWNER_UID; 0 for others). */
		if (!pid) {
			uid_t owner = owner_uid(e);

			if (col == COL_USER)
				return user_name(owner);
			snprintf(buf, size, "%u", (unsigned int)owner);
			return buf;
		}
		/* fall through */
	case COL_PPID:
	case COL_COMMAND:
		if (!pid)
			return NULL;
		pinfo_read(r->pi, pid);
		if (!r->pi->ok)
			return NULL;
		if (col == COL_COMMAND)
			return r->pi->command;
		if (col == COL_USER)
			return user_name(r->pi->uid);
		snprintf(buf, size, "%u", col == COL_PPID ? (unsigned int)r->pi->ppid : (unsigned int)r->pi->uid);
		return buf;
	case COL_NETNSID:
		if (e->type != NSU_NS_NET || !e->nsid_done)
			return NULL;
		if (e->netnsid < 0)
			return "unassigned";
		snprintf(buf, size, "%d", e->netnsid);
		return buf;
	case COL_NSFS:
		return *owned = join(&e->nsfs, sep);
	case COL_PNS:
	case COL_ONS:
		snprintf(buf, size, "%" PRIu64, col == COL_PNS ? e->pns : e->ons);
		return buf;
	case COL_NAME:
		return *owned = e->type == NSU_NS_NET ? netns_names(e, sep) : NULL;
	case COL_HOLDERS:
		return *owned = holders_text(e, sep);
	}
	return NULL;
}

static int column_index(const char *name, size_t len)
{
	return nsu_column_index(infos, NCOLS, name, len);
}

static bool row_matches(struct row *r)
{
	static bool numeric[NCOLS];
	bool ok;

	if (!r->o->filter)
		return true;
	for (int i = 0; i < NCOLS; i++)
		numeric[i] = infos[i].json_type == SCOLS_JSON_NUMBER;
	ok = nsl_filter_match(r->o->filter, cell_text, r, numeric);
	return ok;
}

static void fill_line(struct libscols_line *ln, struct row *r)
{
	const struct opts *o = r->o;

	for (size_t i = 0; i < o->ncols; i++) {
		char buf[64];
		_cleanup_free_ char *owned = NULL;
		const char *s = cell_text(o->cols[i], r, buf, sizeof(buf), &owned);

		/* libsmartcols copies the text */
		if (s && nsu_output_set_text(ln, i, s, o->out.json) < 0)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	}
}

static int cmp_ino(const void *a, const void *b)
{
	const struct nsent *x = a, *y = b;

	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/*
 * The namespace of the same kind that the parent process of e's first
 * process is in, when that namespace's row is that very process, as lsns
 * draws it (a row shows its namespace's lowest PID).
 */
static uint64_t process_parent(const struct nsent *e, struct pinfo *pi)
{
	const struct proc *pp;
	const struct nsent *p;

	if (!e->pid)
		return 0;
	pinfo_read(pi, e->pid);
	pp = pi->ok && pi->ppid ? proc_find(pi->ppid) : NULL;
	p = pp ? ns_find(pp->ns[e->type]) : NULL;
	return p && p->pid == pp->pid ? p->ino : 0;
}

static struct libscols_line *tree_line(struct libscols_table *tb, size_t idx, struct pinfo *pi, struct row *r,
				       int depth)
{
	struct nsent *e = &db.v[idx];
	struct libscols_line *parent = NULL;

	if (e->line)
		return e->line;
	if (e->tree_parent && depth < 64)
		parent = tree_line(tb, e->tree_parent - 1, pi, r, depth + 1);
	e = &db.v[idx];
	e->line = scols_table_new_line(tb, parent);
	if (!e->line)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	r->e = e;
	r->pid = e->pid;
	fill_line(e->line, r);
	return e->line;
}

static void show_namespaces(const struct opts *o)
{
	struct libscols_table *tb;
	struct pinfo pi = {0};
	struct row r = {.pi = &pi, .o = o};
	int tree_col = -1;

	if (db.n)
		qsort(db.v, db.n, sizeof(*db.v), cmp_ino);
	ns_rehash();
	for (size_t i = 0; i < db.n; i++) {
		struct nsent *e = &db.v[i];

		r.e = e;
		r.pid = e->pid;
		e->wanted = e->holders && (!o->any_type || o->types[e->type]) && (!o->persistent || e->nprocs == 0) &&
			    row_matches(&r);
	}
	for (size_t i = 0; o->tree != TREE_NONE && i < o->ncols; i++)
		if (o->cols[i] == (o->tree == TREE_PROCESS ? COL_COMMAND : COL_NS))
			tree_col = (int)i;
	if (tree_col >= 0) {
		for (size_t i = 0; i < db.n; i++) {
			struct nsent *e = &db.v[i], *p = NULL;
			uint64_t up = o->tree == TREE_OWNER    ? e->ons
				      : o->tree == TREE_PARENT ? e->pns
							       : process_parent(e, &pi);

			if (up && up != e->ino)
				p = ns_find(up);
			e->tree_parent = p && p->wanted ? (size_t)(p - db.v) + 1 : 0;
		}
	}
	tb = nsu_output_table_or_err(&o->out, infos, o->cols, o->ncols, tree_col);
	for (size_t i = 0; i < db.n; i++) {
		if (!db.v[i].wanted)
			continue;
		if (tree_col >= 0) {
			tree_line(tb, i, &pi, &r, 0);
		} else {
			struct libscols_line *ln = scols_table_new_line(tb, NULL);

			if (!ln)
				nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
			r.e = &db.v[i];
			r.pid = db.v[i].pid;
			fill_line(ln, &r);
		}
	}
	free(pi.command);
	nsu_output_print_or_err(tb);
}

/* "nslist NS": the processes in one namespace, as lsns shows them. */
static void show_processes(const struct opts *o, struct nsent *e)
{
	struct libscols_table *tb;
	struct libscols_line **lines;
	struct pinfo pi = {0};
	struct row r = {.e = e, .pi = &pi, .o = o};
	int tree_col = -1;

	lines = calloc(db.nprocs ? db.nprocs : 1, sizeof(*lines));
	if (!lines)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	if (!o->list)
		for (size_t i = 0; i < o->ncols; i++)
			if (o->cols[i] == COL_COMMAND)
				tree_col = (int)i;
	tb = nsu_output_table_or_err(&o->out, infos, o->cols, o->ncols, tree_col);
	for (size_t i = 0; i < db.nprocs; i++) {
		const struct proc *pr = &db.procs[i];
		struct libscols_line *parent = NULL;

		if (pr->ns[e->type] != e->ino)
			continue;
		r.pid = pr->pid;
		if (!row_matches(&r))
			continue;
		if (tree_col >= 0) {
			const struct proc *pp;

			pinfo_read(&pi, pr->pid);
			pp = pi.ok ? proc_find(pi.ppid) : NULL;
			/* /proc lists parents before children unless PIDs wrapped. */
			if (pp && pp->ns[e->type] == e->ino)
				parent = lines[pp - db.procs];
		}
		lines[i] = scols_table_new_line(tb, parent);
		if (!lines[i])
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
		fill_line(lines[i], &r);
	}
	free(pi.command);
	free(lines);
	nsu_output_print_or_err(tb);
}

static const struct option longopts[] = {
	{"json", no_argument, NULL, 'J'},
	{"list", no_argument, NULL, 'l'},
	{"noheadings", no_argument, NULL, 'n'},
	{"output", required_argument, NULL, 'o'},
	{"output-all", no_argument, NULL, CHAR_MAX + 1},
	{"persistent", no_argument, NULL, 'P'},
	{"task", required_argument, NULL, 'p'},
	{"raw", no_argument, NULL, 'r'},
	{"notruncate", no_argument, NULL, 'u'},
	{"nowrap", no_argument, NULL, 'W'},
	{"type", required_argument, NULL, 't'},
	{"tree", optional_argument, NULL, 'T'},
	{"filter", required_argument, NULL, 'Q'},
	{"holders", no_argument, NULL, 'f'},
	{"list-columns", no_argument, NULL, 'H'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

noreturn static void usage(void)
{
	fputs("\nUsage:\n"
	      " nslist [options] [<namespace>]\n"
	      "\nList system namespaces.\n"
	      "\nOptions:\n"
	      " -J, --json             use JSON output format\n"
	      " -l, --list             use list format output\n"
	      " -n, --noheadings       don't print headings\n"
	      " -o, --output <list>    define which output columns to use\n"
	      "     --output-all       output all columns\n"
	      " -P, --persistent       namespaces without processes\n"
	      " -p, --task <pid>       print process namespaces\n"
	      " -r, --raw              use the raw output format\n"
	      " -u, --notruncate       don't truncate text in columns\n"
	      " -W, --nowrap           don't use multi-line representation\n"
	      " -t, --type <name>      namespace type (mnt, net, ipc, user, pid, uts, cgroup, time)\n"
	      " -T, --tree[=<rel>]     use tree format (parent, owner, or process)\n"
	      " -Q, --filter <expr>    apply display filter\n"
	      " -f, --holders          with -p, also read every process's descriptors\n"
	      " -H, --list-columns     list the available columns\n"
	      "\n"
	      " -h, --help             display this help\n"
	      " -V, --version          display version\n"
	      "\nAvailable output columns:\n",
	      stdout);
	for (size_t i = 0; i < NCOLS; i++)
		printf(" %11s  %s\n", infos[i].name, infos[i].help);
	fputs("\nFor more details see nslist(8).\n", stdout);
	exit(EXIT_SUCCESS);
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	const struct nsu_nsinfo *ns;
	int c;

	argv[0] = program_invocation_short_name;
	while ((c = getopt_long(argc, argv, "JlnHo:Pp:ruWt:T::Q:fhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'J':
			o->out.json = true;
			break;
		case 'l':
			o->list = true;
			break;
		case 'n':
			o->out.noheadings = true;
			break;
		case 'o':
			o->output = optarg;
			break;
		case CHAR_MAX + 1:
			o->output_all = true;
			break;
		case 'P':
			o->persistent = true;
			break;
		case 'p':
			o->task = nsu_pid_or_err(optarg, "PID");
			break;
		case 'r':
			o->out.raw = true;
			break;
		case 'u':
			o->out.notruncate = true;
			break;
		case 'W':
			o->out.nowrap = true;
			break;
		case 't':
			ns = nsu_ns_by_name(optarg);
			if (!ns)
				nsu_usage_error("unknown namespace type: %s", optarg);
			o->types[ns->type] = true;
			o->any_type = true;
			break;
		case 'T':
			/* -T=parent, as lsns reads it: the '=' of a short option's optional argument */
			if (optarg && *optarg == '=')
				optarg++;
			if (!optarg || strcmp(optarg, "owner") == 0)
				o->tree = TREE_OWNER;
			else if (strcmp(optarg, "parent") == 0)
				o->tree = TREE_PARENT;
			else if (strcmp(optarg, "process") == 0)
				o->tree = TREE_PROCESS;
			else
				nsu_usage_error("unknown tree type: %s", optarg);
			break;
		case 'Q':
			o->filter_expr = optarg;
			break;
		case 'f':
			o->fds = true;
			break;
		case 'H':
			o->list_columns = true;
			break;
		case 'h':
			usage();
		case 'V':
			nsu_print_version();
		default:
			nsu_bad_usage();
		}
	}
	if (optind < argc) {
		o->nsarg = nsu_u64_or_err(argv[optind++], "namespace");
		o->have_nsarg = true;
	}
	if (optind < argc)
		nsu_usage_error("unexpected argument '%s'", argv[optind]);
}

static void add_col(struct opts *o, int col)
{
	o->cols[o->ncols++] = col;
}

static void check_options(struct opts *o)
{
	char *bad = NULL;
	int r;

	if (o->list && o->tree != TREE_NONE)
		nsu_usage_error("options --list and --tree are mutually exclusive");
	if (o->out.json && o->out.raw)
		nsu_errx(NSU_EXIT_FAILURE, "mutually exclusive arguments: --json --raw");
	/* As lsns: without --list, namespaces hang below the namespace of their first process's parent. */
	if (!o->list && o->tree == TREE_NONE)
		o->tree = TREE_PROCESS;
	if (o->task && o->have_nsarg)
		nsu_usage_error("options --task and a namespace argument are mutually exclusive");
	/* The defaults of lsns: NS TYPE NPROCS PID USER [NETNSID NSFS] COMMAND; PID PPID USER COMMAND for NS. */
	if (o->output_all) {
		for (int i = 0; i < NCOLS; i++)
			add_col(o, i);
	} else if (o->have_nsarg) {
		add_col(o, COL_PID);
		add_col(o, COL_PPID);
		add_col(o, COL_USER);
		add_col(o, COL_COMMAND);
	} else {
		add_col(o, COL_NS);
		add_col(o, COL_TYPE);
		add_col(o, COL_NPROCS);
		add_col(o, COL_PID);
		add_col(o, COL_USER);
		if (o->any_type && o->types[NSU_NS_NET] && !o->types[NSU_NS_MNT] && !o->types[NSU_NS_UTS] &&
		    !o->types[NSU_NS_IPC] && !o->types[NSU_NS_PID] && !o->types[NSU_NS_USER] &&
		    !o->types[NSU_NS_CGROUP] && !o->types[NSU_NS_TIME]) {
			add_col(o, COL_NETNSID);
			add_col(o, COL_NSFS);
		}
		add_col(o, COL_COMMAND);
	}
	if (o->output) {
		r = nsu_columns_parse(o->output, infos, NCOLS, o->cols, &o->ncols, NSU_ARRAY_SIZE(o->cols), &bad);
		if (r == -E2BIG)
			nsu_usage_error("too many columns");
		if (r < 0)
			nsu_usage_error("unknown column: %s", bad ? bad : o->output);
	}
	if (o->filter_expr) {
		char *msg = NULL;

		o->filter = nsl_filter_parse(o->filter_expr, column_index, &msg);
		if (!o->filter)
			nsu_usage_error("invalid filter '%.60s%s': %s", o->filter_expr,
					strlen(o->filter_expr) > 60 ? "..." : "", msg ? msg : "out of memory");
	}
	o->out.name = "namespaces";
	/* The process tree is drawn in COMMAND, the others in NS: without that column, no tree. */
	if (o->tree != TREE_NONE) {
		int tree_col = o->tree == TREE_PROCESS ? COL_COMMAND : COL_NS;
		bool shown = false;

		for (size_t i = 0; i < o->ncols; i++)
			shown |= o->cols[i] == tree_col;
		if (!shown)
			o->tree = TREE_NONE;
	}
}

static void settle_needs(const struct opts *o, struct needs *n)
{
	for (size_t i = 0; i < o->ncols; i++)
		n->col[o->cols[i]] = true;
	if (o->filter)
		nsl_filter_columns(o->filter, n->col, NCOLS);
	n->relations = n->col[COL_PNS] || n->col[COL_ONS] || n->col[COL_HOLDERS] || o->tree == TREE_OWNER ||
		       o->tree == TREE_PARENT;
	n->nsid = n->col[COL_NETNSID];
	n->procs_hash = o->tree == TREE_PROCESS || o->have_nsarg;
	/*
	 * -p PID alone touches only that process: the walk over every process
	 * happens only for what counts processes (NPROCS, the lowest PID and what
	 * is read from it, holders, the process tree).
	 */
	n->scan = !o->task || n->col[COL_NPROCS] || n->col[COL_PID] || n->col[COL_PPID] || n->col[COL_COMMAND] ||
		  n->col[COL_UID] || n->col[COL_USER] || n->col[COL_HOLDERS] || o->tree == TREE_PROCESS;
	n->mounts = n->scan || n->col[COL_NSFS] || n->col[COL_NAME];
	/*
	 * Namespaces held only by a descriptor or a socket are listed like any
	 * other, as lsns does since 2.41: every walk reads every process's
	 * descriptors. -p lists that process's own namespaces, which no
	 * descriptor adds to (only the HOLDERS column reads them then).
	 */
	n->fds = !o->task || o->fds || o->persistent || o->have_nsarg || n->col[COL_HOLDERS];
}

int main(int argc, char **argv)
{
	struct opts o = {0};
	struct needs needs = {0};
	const struct proc *task = NULL;
	struct proc thread;

	setlocale(LC_ALL, "");
	nsu_close_stdout_at_exit();
	parse_args(&o, argc, argv);
	check_options(&o);
	if (o.list_columns) {
		struct libscols_table *tb = nsu_output_columns_table(&o.out, infos, NCOLS, "nslist-columns");

		if (!tb)
			nsu_err(NSU_EXIT_FAILURE, "cannot create the table");
		nsu_output_print_or_err(tb);
		return EXIT_SUCCESS;
	}
	settle_needs(&o, &needs);
	db.needs = &needs;
	db.procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (db.procfd < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot open /proc");
	/*
	 * -p of a process that is gone or cannot be read: no rows and exit 0,
	 * as lsns (scripts run "lsns -p $pid || fallback"), with a note.
	 */
	if (o.task && kill(o.task, 0) < 0 && errno == ESRCH) {
		nsu_warnc(ESRCH, "cannot inspect process %d", (int)o.task);
		show_namespaces(&o);
		return EXIT_SUCCESS;
	}
	if (needs.scan) {
		scan_all();
		/*
		 * An ordinary user sees few processes' namespaces: said once, as
		 * the list and its counts leave the others out. Root is told
		 * nothing (a supervisor's PID 1 may be closed even to it).
		 */
		if (db.ndenied && geteuid() != 0)
			nsu_warnx("%zu process%s could not be read: %s namespaces are not listed nor counted (needs root)",
				  db.ndenied, db.ndenied == 1 ? "" : "es", db.ndenied == 1 ? "its" : "their");
	} else {
		struct proc pr;

		/* -p without a full walk: the namespaces of one process, no counts. */
		if (scan_proc(o.task, &pr))
			add_proc(&pr);
	}
	if (o.task) {
		task = task_proc(o.task);
		/* a thread id: no process of the walk, but its namespaces are there to list */
		if (!task && task_ns(o.task, &thread))
			task = &thread;
		if (!task) {
			nsu_warnc(EACCES, "cannot read the namespaces of process %d", (int)o.task);
			for (size_t i = 0; i < db.n; i++)
				db.v[i].holders = 0;
			show_namespaces(&o);
			return EXIT_SUCCESS;
		}
	}
	if (needs.procs_hash)
		build_proc_hash();
	/* before the mounts and descriptors: a namespace only a socket holds is asked for its NSID then */
	if (needs.nsid)
		nsid_open();
	if (needs.mounts)
		scan_mounts();
	if (needs.fds)
		scan_fds();
	if (task) {
		keep_task(o.task, task);
		db.no_new = true;
	}
	if (needs.relations || needs.nsid)
		resolve_all();
	if (db.rel_notsup)
		nsu_errx(NSU_EXIT_NOTSUP, "NS_GET_USERNS is not supported by this kernel (Linux 4.9 needed)");
	if (o.have_nsarg) {
		struct nsent *e = ns_find(o.nsarg);

		if (!e || !e->holders)
			nsu_errx(NSU_EXIT_FAILURE, "namespace %" PRIu64 " not found", o.nsarg);
		if (e->nprocs) {
			show_processes(&o, e);
			return EXIT_SUCCESS;
		}
		/* No process to list: show the namespace itself and what holds it. */
		for (size_t i = 0; i < db.n; i++)
			if (db.v[i].ino != o.nsarg)
				db.v[i].holders = 0;
		if (!o.output && !o.output_all) {
			o.ncols = 0;
			add_col(&o, COL_NS);
			add_col(&o, COL_TYPE);
			add_col(&o, COL_PATH);
			add_col(&o, COL_HOLDERS);
		}
	}
	show_namespaces(&o);
	return EXIT_SUCCESS;
}
