// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-top.c - cgctl top: the groups below one with their tasks, CPU,
 * memory and IO, refreshed, like systemd-cgtop but on every layout and
 * without a service manager. Figures of a group include its descendants (as
 * the kernel counts them). Live on a terminal (ncurses), else batch: a table
 * or one JSON object per snapshot.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cgctl.h"
#include "cgctl-curses.h"
#include "cgctl-group.h"
#include "cgctl-tree.h"
#include "cgctl-table.h"
#include "cgctl-figures.h"
#include "cleanup.h"
#include "errors.h"
#include "strutils.h"

enum order { ORD_PATH, ORD_TASKS, ORD_CPU, ORD_MEMORY, ORD_IO };
static const char *const order_names[] = {"path", "tasks", "cpu", "memory", "io"};

enum { T_PATH, T_TASKS, T_CPU, T_MEMORY, T_INPUT, T_OUTPUT, T_NCOLS };
static const struct nsu_colinfo top_cols[T_NCOLS] = {
	[T_PATH] = {"PATH", 0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, "the group"},
	[T_TASKS] = {"TASKS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "tasks in it and below"},
	[T_CPU] = {"%CPU", 6, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "CPU time used per time passed"},
	[T_MEMORY] = {"MEMORY", 7, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "memory in use"},
	[T_INPUT] = {"INPUT/S", 8, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "bytes read per second"},
	[T_OUTPUT] = {"OUTPUT/S", 8, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "bytes written per second"},
};

/* One group in one snapshot; -1 where the layout has no such figure. */
struct sample {
	char *path;
	int64_t tasks, memory, cpu_usec, rd, wr; /* counters as read */
	double cpu, rd_rate, wr_rate;            /* since the previous snapshot */
};

struct snapshot {
	struct sample *v;
	size_t n;
	struct timespec at; /* CLOCK_MONOTONIC */
};

struct top_opts {
	const char *group; /* normalised */
	long depth;
	uint64_t delay_us;
	uint64_t iterations; /* 0: until stopped */
	enum order order;
	bool batch;
};

/* The counters of @m (its path set): the figures every command reads, from the roots kept open. */
static void read_sample(const struct nsu_tool *c, const struct fig_sources *src, struct sample *m)
{
	struct figures f;

	figures_read(c, src, m->path, FIG_CPU | FIG_MEMORY | FIG_IO | FIG_TASKS, &f);
	m->cpu_usec = f.cpu_usec;
	m->memory = f.memory;
	m->rd = f.rd;
	m->wr = f.wr;
	m->tasks = f.tasks;
}

static int cmp_sample_path(const void *a, const void *b)
{
	return strcmp(((const struct sample *)a)->path, ((const struct sample *)b)->path);
}

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static double rate(int64_t now, int64_t before, double seconds)
{
	return now < 0 || before < 0 || now < before || seconds <= 0 ? -1 : (double)(now - before) / seconds;
}

/*
 * A snapshot of the groups below the group of @o, read from @src, with rates
 * against @prev (sorted by path, or empty). -ENOENT when the group is gone.
 */
static int take_snapshot(const struct nsu_tool *c, const struct fig_sources *src, const struct top_opts *o,
			 const struct snapshot *prev, struct snapshot *s)
{
	struct nsu_cg_hier *hs[c->cg.n + 1];
	struct node *nodes;
	size_t nh = 0, nn;
	double seconds;

	*s = (struct snapshot){0};
	if (group_hiers(c, o->group, hs, &nh) < 0 || nh == 0)
		return -ENOENT;
	nodes = collect_nodes(hs, nh, o->group, o->depth, &nn);
	clock_gettime(CLOCK_MONOTONIC, &s->at);
	seconds = prev->n ? seconds_between(&prev->at, &s->at) : 0;
	s->v = nsu_xrealloc(NULL, (nn ? nn : 1) * sizeof(*s->v));
	for (size_t i = 0; i < nn; i++) {
		struct sample *m = &s->v[s->n++];
		const struct sample *was;

		*m = (struct sample){.path = nodes[i].path, .cpu = -1, .rd_rate = -1, .wr_rate = -1};
		nodes[i].path = NULL;
		read_sample(c, src, m);
		was = prev->n ? bsearch(m, prev->v, prev->n, sizeof(*m), cmp_sample_path) : NULL;
		if (was) {
			m->cpu = rate(m->cpu_usec, was->cpu_usec, seconds);
			m->cpu = m->cpu < 0 ? -1 : m->cpu / 1e4; /* usec per second, as a percentage */
			m->rd_rate = rate(m->rd, was->rd, seconds);
			m->wr_rate = rate(m->wr, was->wr, seconds);
		}
	}
	free_nodes(nodes, nn);
	/* collect_nodes sorts by path already: prev stays searchable */
	return 0;
}

static void free_snapshot(struct snapshot *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].path);
	free(s->v);
	*s = (struct snapshot){0};
}

/* The figure a sort key looks at: larger first; unknown (-1) last. */
static double order_figure(const struct sample *m, enum order o)
{
	switch (o) {
	case ORD_TASKS:
		return (double)m->tasks;
	case ORD_CPU:
		return m->cpu;
	case ORD_MEMORY:
		return (double)m->memory;
	case ORD_IO:
		return m->rd_rate < 0 && m->wr_rate < 0 ? -1 : (m->rd_rate > 0 ? m->rd_rate : 0) +
							     (m->wr_rate > 0 ? m->wr_rate : 0);
	case ORD_PATH:
		break;
	}
	return 0;
}

static enum order sort_order;

/* Whether @a is an ancestor of @b ("" is the root's path). */
static bool ancestor_of(const char *a, const char *b)
{
	size_t n = strlen(a);

	return !*a ? *b != '\0' : strncmp(a, b, n) == 0 && b[n] == '/';
}

static int cmp_display(const void *a, const void *b)
{
	const struct sample *x = *(const struct sample *const *)a, *y = *(const struct sample *const *)b;
	double fx = order_figure(x, sort_order), fy = order_figure(y, sort_order);

	/*
	 * A group before those below it, as systemd-cgtop orders: its figures
	 * include theirs, and two read a moment apart must not swap them.
	 */
	if (ancestor_of(x->path, y->path))
		return -1;
	if (ancestor_of(y->path, x->path))
		return 1;
	if (fx != fy)
		return fx > fy ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* The samples of @s in the display order of @o (an array of pointers, malloc'ed). */
static const struct sample **display_order(const struct snapshot *s, enum order o)
{
	const struct sample **v = nsu_xrealloc(NULL, (s->n ? s->n : 1) * sizeof(*v));

	for (size_t i = 0; i < s->n; i++)
		v[i] = &s->v[i];
	sort_order = o;
	qsort(v, s->n, sizeof(*v), cmp_display);
	return v;
}

static const char *path_label(const char *path)
{
	return *path ? path : "/";
}

static void cell(struct libscols_line *ln, size_t col, const char *text)
{
	if (nsu_output_set_text(ln, col, text, false) < 0)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
}

static void size_cell(const struct nsu_tool *c, struct libscols_line *ln, size_t col, double v)
{
	char buf[64];

	if (v < 0)
		snprintf(buf, sizeof(buf), "-");
	else if (c->out.raw)
		snprintf(buf, sizeof(buf), "%.0f", v);
	else
		human_size((int64_t)v, buf, sizeof(buf));
	cell(ln, col, buf);
}

/* The snapshot as a table (batch, and what the live view draws). */
static struct libscols_table *snapshot_table(const struct nsu_tool *c, const struct snapshot *s, enum order o)
{
	static const int cols[T_NCOLS] = {T_PATH, T_TASKS, T_CPU, T_MEMORY, T_INPUT, T_OUTPUT};
	_cleanup_free_ const struct sample **v = display_order(s, o);
	struct nsu_output_opts oo = c->out;
	struct libscols_table *tb;

	oo.json = false;
	tb = nsu_output_table_or_err(&oo, top_cols, cols, T_NCOLS, -1);
	for (size_t i = 0; i < s->n; i++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);
		char buf[64];

		if (!ln)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
		cell(ln, T_PATH, path_label(v[i]->path));
		snprintf(buf, sizeof(buf), v[i]->tasks < 0 ? "-" : "%" PRId64, v[i]->tasks);
		cell(ln, T_TASKS, buf);
		if (v[i]->cpu < 0)
			snprintf(buf, sizeof(buf), "-");
		else
			snprintf(buf, sizeof(buf), "%.1f", v[i]->cpu);
		cell(ln, T_CPU, buf);
		size_cell(c, ln, T_MEMORY, (double)v[i]->memory);
		size_cell(c, ln, T_INPUT, v[i]->rd_rate);
		size_cell(c, ln, T_OUTPUT, v[i]->wr_rate);
	}
	return tb;
}

static void json_figure(struct nsu_json *j, const char *key, double v, bool whole)
{
	if (v < 0)
		nsu_json_null(j, key);
	else if (whole)
		nsu_json_i64(j, key, (int64_t)v);
	else
		nsu_json_double(j, key, v);
}

/* One line: {"group":..., "interval":..., "groups":[{"path":..., "tasks":..., ...}]} */
static void print_json(const struct top_opts *o, const struct snapshot *s, double interval)
{
	_cleanup_free_ const struct sample **v = display_order(s, o->order);
	struct nsu_json j;

	nsu_json_begin(&j, stdout, NSU_JSON_COMPACT);
	nsu_json_open(&j, NULL, '{');
	nsu_json_str(&j, "group", path_label(o->group));
	json_figure(&j, "interval", interval, false);
	nsu_json_open(&j, "groups", '[');
	for (size_t i = 0; i < s->n; i++) {
		nsu_json_open(&j, NULL, '{');
		nsu_json_str(&j, "path", path_label(v[i]->path));
		json_figure(&j, "tasks", (double)v[i]->tasks, true);
		json_figure(&j, "cpu", v[i]->cpu, false);
		json_figure(&j, "memory", (double)v[i]->memory, true);
		json_figure(&j, "input", v[i]->rd_rate, false);
		json_figure(&j, "output", v[i]->wr_rate, false);
		nsu_json_close(&j);
	}
	nsu_json_close(&j);
	nsu_json_close(&j);
}

static void sleep_us(uint64_t us)
{
	struct timespec ts = {.tv_sec = (time_t)(us / 1000000), .tv_nsec = (long)(us % 1000000) * 1000};

	while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts) == EINTR)
		;
}

static void say_gone(const struct top_opts *o)
{
	nsu_warnx("%s: no such group", group_label(o->group));
}

/* Batch: a table (or a JSON line) per snapshot, to stdout. */
static int top_batch(const struct nsu_tool *c, const struct fig_sources *src, const struct top_opts *o)
{
	struct snapshot prev = {0}, s;

	for (uint64_t i = 0; !o->iterations || i < o->iterations; i++) {
		if (i)
			sleep_us(o->delay_us);
		if (take_snapshot(c, src, o, &prev, &s) < 0) {
			free_snapshot(&prev);
			say_gone(o);
			return NSU_EXIT_FAILURE;
		}
		if (c->out.json) {
			print_json(o, &s, prev.n ? seconds_between(&prev.at, &s.at) : -1);
		} else {
			if (i)
				putchar('\n');
			nsu_output_print_or_err(snapshot_table(c, &s, o->order));
		}
		if (fflush(stdout) == EOF)
			nsu_err(NSU_EXIT_FAILURE, "write error");
		free_snapshot(&prev);
		prev = s;
	}
	free_snapshot(&prev);
	return EXIT_SUCCESS;
}

/* ---- the live view ---- */

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

/* Draw @s: a status line, then the table as wide as the terminal. */
static void draw(const struct curses *cs, const struct nsu_tool *c, const struct top_opts *o,
		 const struct snapshot *s)
{
	WINDOW *w = *cs->stdscr;
	int cols = *cs->cols;
	struct libscols_table *tb = snapshot_table(c, s, o->order);
	_cleanup_free_ char *text = NULL;
	char status[512];
	int y = 1;

	scols_table_set_termforce(tb, SCOLS_TERMFORCE_ALWAYS);
	scols_table_set_termwidth(tb, cols > 0 ? (size_t)cols : 80);
	if (scols_print_table_to_string(tb, &text) < 0)
		text = NULL;
	scols_unref_table(tb);
	cs->werase(w);
	snprintf(status, sizeof(status), "%s: %zu groups, every %.2gs, by %s  (q quit; p t c m i: order; + -: delay)",
		 group_label(o->group), s->n, (double)o->delay_us / 1e6, order_names[o->order]);
	cs->wmove(w, 0, 0);
	cs->waddnstr(w, status, cols);
	for (char *line = text, *next; line && *line && y < *cs->lines; line = next, y++) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		cs->wmove(w, y, 0);
		cs->waddnstr(w, line, cols);
		if (!next)
			break;
	}
	cs->wrefresh(w);
}

static int64_t ms_until(const struct timespec *deadline)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec) / 1000000;
}

/* A key of the live view: false when it quits. */
static bool live_key(int ch, struct top_opts *o, bool *now)
{
	static const char order_keys[] = "ptcmi";
	const char *k = ch > 0 && ch < 256 ? strchr(order_keys, ch) : NULL;

	if (ch == 'q' || ch == 'Q')
		return false;
	if (k && *k)
		o->order = (enum order)(k - order_keys);
	else if (ch == '+' && o->delay_us < 3600ULL * 1000000)
		o->delay_us *= 2;
	else if (ch == '-' && o->delay_us > 20000)
		o->delay_us /= 2;
	else if (ch == ' ')
		*now = true;
	return true;
}

static int top_live(const struct nsu_tool *c, const struct fig_sources *src, struct top_opts *o)
{
	static const int stops[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa = {.sa_handler = on_stop_signal};
	struct snapshot prev = {0}, s = {0};
	struct curses cs;
	const char *why = NULL;
	SCREEN *scr;
	bool gone = false, quit = false;

	setlocale(LC_ALL, "");
	/* ours before ncurses': it leaves handlers it finds alone, and we put the terminal back ourselves */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NSU_ARRAY_SIZE(stops); i++)
		sigaction(stops[i], &sa, NULL);
	if (curses_load(&cs, &why) < 0)
		nsu_errx(NSU_EXIT_FAILURE, "top: cannot load ncurses for the live view: %s (use -b)", why);
	scr = cs.newterm(NULL, stdout, stdin);
	if (!scr)
		nsu_errx(NSU_EXIT_FAILURE, "top: cannot drive the terminal '%s' (use -b)",
			 getenv("TERM") ? getenv("TERM") : "");
	cs.cbreak();
	cs.noecho();
	cs.keypad(*cs.stdscr, TRUE);
	cs.curs_set(0);
	for (uint64_t i = 0; !quit && !stop_signal && (!o->iterations || i < o->iterations); i++) {
		struct timespec deadline;
		bool now = false;

		if (take_snapshot(c, src, o, &prev, &s) < 0) {
			gone = true;
			break;
		}
		draw(&cs, c, o, &s);
		free_snapshot(&prev);
		prev = s;
		s = (struct snapshot){0};
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += (time_t)(o->delay_us / 1000000);
		deadline.tv_nsec += (long)(o->delay_us % 1000000) * 1000;
		if (deadline.tv_nsec >= 1000000000) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000;
		}
		if (o->iterations && i + 1 == o->iterations)
			break;
		while (!quit && !now && !stop_signal) {
			int64_t ms = ms_until(&deadline);
			int ch;

			if (ms <= 0)
				break;
			cs.wtimeout(*cs.stdscr, (int)(ms > 1000 ? 1000 : ms));
			ch = cs.wgetch(*cs.stdscr);
			if (ch == ERR)
				continue;
			if (ch == KEY_RESIZE) {
				draw(&cs, c, o, &prev);
				continue;
			}
			quit = !live_key(ch, o, &now);
			if (!quit && !now)
				draw(&cs, c, o, &prev);
		}
	}
	cs.endwin();
	cs.delscreen(scr);
	curses_unload(&cs);
	free_snapshot(&prev);
	if (stop_signal) {
		/* the terminal is back as it was: now end as the signal ends a program */
		signal(stop_signal, SIG_DFL);
		raise(stop_signal);
	}
	if (gone) {
		say_gone(o);
		return NSU_EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

static enum order order_or_err(const char *arg)
{
	for (size_t i = 0; i < NSU_ARRAY_SIZE(order_names); i++)
		if (strcmp(arg, order_names[i]) == 0)
			return (enum order)i;
	nsu_errx(NSU_EXIT_FAILURE, "invalid order '%s': expected path, tasks, cpu, memory or io", arg);
}

int cmd_top(struct nsu_tool *c, int argc, char **argv)
{
	enum { OPT_DEPTH = 0x101 };
	static const struct option opts[] = {
		{"order", required_argument, NULL, 's'},
		{"delay", required_argument, NULL, 'd'}, {"iterations", required_argument, NULL, 'n'},
		{"batch", no_argument, NULL, 'b'},       {"depth", required_argument, NULL, OPT_DEPTH},
		{NULL, 0, NULL, 0},
	};
	struct top_opts o = {.depth = 3, .delay_us = 1000000, .order = ORD_CPU};
	_cleanup_free_ char *group = NULL;
	struct nsu_cg_hier *hs[c->cg.n + 1];
	struct fig_sources src;
	int opt, r;

	while ((opt = cmd_getopt(c, argc, argv, "s:d:n:b1ptcmi", opts)) != -1) {
		switch (opt) {
		case 's':
			o.order = order_or_err(optarg);
			break;
		case 'p':
		case 't':
		case 'c':
		case 'm':
		case 'i':
			o.order = (enum order)(strchr("ptcmi", opt) - "ptcmi");
			break;
		case 'd': {
			int e = nsu_parse_seconds_us(optarg, &o.delay_us);

			if (e < 0 || o.delay_us < 10000 || o.delay_us > 86400ULL * 1000000)
				nsu_errx(NSU_EXIT_FAILURE, "invalid delay '%s': %s", optarg,
					 e < 0 ? nsu_parse_strerror(e) : "from 0.01 to 86400 seconds");
			break;
		}
		case 'n':
			o.iterations = nsu_u64_range_or_err(optarg, 1, UINT64_MAX, "iterations");
			break;
		case '1':
			o.iterations = 1;
			break;
		case 'b':
			o.batch = true;
			break;
		case OPT_DEPTH:
			o.depth = (long)nsu_u64_range_or_err(optarg, 0, 4096, "depth");
			break;
		default:
			nsu_bad_usage();
		}
	}
	if (argc - optind > 1)
		nsu_usage_error("top: unexpected argument '%s'", argv[optind + 1]);
	group = group_or_err(optind < argc ? argv[optind] : "");
	o.group = group;
	group_hiers_or_err(c, group, hs);
	/* live only on a terminal, both ways; JSON is for programs */
	fig_sources_find(c, &src);
	fig_keep_roots(&src);
	if (o.batch || c->out.json || !isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO))
		r = top_batch(c, &src, &o);
	else
		r = top_live(c, &src, &o);
	fig_sources_close(&src);
	return r;
}
