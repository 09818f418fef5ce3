// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-run.c - the commands that act on what runs in a group: exec (straight
 * into the group with clone3(CLONE_INTO_CGROUP) where the kernel has it),
 * stat, freeze and thaw, kill, monitor.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef HAVE_LINUX_SCHED_H
#include <linux/sched.h>
#endif

#include "cgctl.h"
#include "cgctl-figures.h"
#include "cleanup.h"
#include "compat.h"
#include "errors.h"
#include "exec.h"
#include "procfs.h"
#include "strutils.h"
#include "timeutil.h"

/* How long freeze, kill and delete --kill wait for the kernel. */
#define SETTLE_MS 10000

static struct nsu_cg_hier *hier_in_group(const struct nsu_tool *c, const char *group, const char *ctl)
{
	struct nsu_cg_hier *h = nsu_cg_hier_for(&c->cg, ctl);
	int fd;

	if (!h)
		return NULL;
	fd = nsu_cg_open(h, group);
	if (fd < 0)
		return NULL;
	close(fd);
	return h;
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

static pid_t child;

/* What the waiting parent passes on to the program (exec --rm, --stats). */
/*
 * Every signal whose default would end cgctl before it removed the group,
 * and that a program may be sent: passed on, so the program ends (or not) by
 * it and cgctl ends as the program did. SIGPIPE is not passed on but ignored
 * (entry_signals() gives the program cgctl's own disposition back): a reader
 * of the program's output that went away is the program's business.
 */
static const int forwarded[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH, SIGCONT,
				SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGPWR, SIGTRAP, SIGSYS};
static struct sigaction entry_pipe;

static void forward_signal(int sig, siginfo_t *si, void *uctx)
{
	(void)uctx;
	/*
	 * A signal from the terminal (^C, ^\\, a resize) came from the kernel to
	 * the whole foreground process group: the program has it already.
	 */
	if (si && si->si_code == SI_KERNEL)
		return;
	if (child > 0)
		kill(child, sig);
}

/* The dispositions cgctl was started with, for the program. */
static struct sigaction entry_actions[NSU_ARRAY_SIZE(forwarded)];

/*
 * Install the forwarding handlers, except for a signal ignored at entry (INT
 * and QUIT of a command started with & by a shell): the program inherits
 * that, as a shell does it.
 */
static void forward_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = forward_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	/* one call a signal: the handler in, the entry disposition out (put back where it was "ignore") */
	for (size_t i = 0; i < NSU_ARRAY_SIZE(forwarded); i++)
		if (sigaction(forwarded[i], &sa, &entry_actions[i]) == 0 && entry_actions[i].sa_handler == SIG_IGN)
			sigaction(forwarded[i], &entry_actions[i], NULL);
	sa = (struct sigaction){.sa_handler = SIG_IGN};
	sigaction(SIGPIPE, &sa, &entry_pipe);
}

/* In the child: the dispositions cgctl was started with. */
static void entry_signals(void)
{
	for (size_t i = 0; i < NSU_ARRAY_SIZE(forwarded); i++)
		sigaction(forwarded[i], &entry_actions[i], NULL);
	sigaction(SIGPIPE, &entry_pipe, NULL);
}

static void block_forwarded(int how)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < NSU_ARRAY_SIZE(forwarded); i++)
		sigaddset(&set, forwarded[i]);
	sigprocmask(how, &set, NULL);
}

/* fork(), or clone3() straight into the v2 group (Linux 5.7) so the program never runs outside it. */
static pid_t spawn(int cgfd, bool *placed)
{
#if defined(HAVE_LINUX_SCHED_H) && defined(SYS_clone3) && defined(CLONE_INTO_CGROUP)
	if (cgfd >= 0) {
		struct clone_args args;
		long r;

		memset(&args, 0, sizeof(args));
		args.flags = CLONE_INTO_CGROUP;
		args.exit_signal = SIGCHLD;
		args.cgroup = (uint64_t)cgfd;
		r = syscall(SYS_clone3, &args, sizeof(args));
		if (r >= 0) {
			*placed = true;
			return (pid_t)r;
		}
		if (errno == EBUSY)
			return -EBUSY; /* the group gives controllers to children: no processes of its own */
		/* ENOSYS, E2BIG, EINVAL: an older kernel; attach after fork instead. */
	}
#else
	(void)cgfd;
#endif
	*placed = false;
	return fork();
}

static void say_internal_processes(const char *group)
{
	nsu_warnx("cannot run a program in '%s': the group gives controllers to its children, and cgroup v2 "
		  "allows processes only in groups that do not (no internal processes)", group);
	nsu_hint("run it in a child group instead");
}

/* Join @group in every hierarchy (v2 done by clone3 when @placed). */
static int join(struct nsu_cg_hier **hs, size_t nh, const char *group, bool placed)
{
	for (size_t i = 0; i < nh; i++) {
		_cleanup_close_ int fd = -1;
		int r;

		if (placed && hs[i]->version == 2)
			continue;
		fd = nsu_cg_open(hs[i], group);
		/*
		 * "0" moves the writer itself (cgroup-v2.rst, cgroups(7)). On v1
		 * write it to "tasks": a forked child has one thread, so moving
		 * the thread moves the process, and the kernel then skips the
		 * global threadgroup lock whose RCU grace period costs a
		 * cgroup.procs write 10-20 ms here.
		 */
		r = fd < 0 ? fd : nsu_cg_write(fd, hs[i]->version == 1 ? "tasks" : "cgroup.procs", "0");
		/*
		 * v1 cpuset: a group another cgctl made a moment ago may not have
		 * its cpus and mems yet (ENOSPC): fill them from the parent, once.
		 */
		if (r == -ENOSPC && hs[i]->version == 1 && nsu_cg_hier_has(hs[i], "cpuset")) {
			_cleanup_free_ char *parent = parent_of(group);
			_cleanup_close_ int pfd = nsu_cg_open(hs[i], parent);

			r = pfd < 0 ? pfd : fill_cpuset(pfd, fd);
			if (r == 0)
				r = nsu_cg_write(fd, "tasks", "0");
		}
		if (r == -EBUSY && hs[i]->version == 2) {
			say_internal_processes(group);
			return r;
		}
		if (r < 0) {
			nsu_warnc(r, "cannot join group '%s' in %s", group_label(group), hs[i]->mount);
			return r;
		}
	}
	return 0;
}

/* exec's command line. */
struct exec_args {
	const char *ctl;      /* -c */
	const char **setargs; /* -s, ns of them */
	size_t ns;
	bool rm, stats;
	char *group;
	char **prog;
};

static void exec_args_or_err(struct nsu_tool *c, int argc, char **argv, struct exec_args *a)
{
	static const struct option opts[] = {
		{"controllers", required_argument, NULL, 'c'},
		{"set", required_argument, NULL, 's'},
		{"rm", no_argument, NULL, 'R'},
		{"stats", no_argument, NULL, 'S'},
		{NULL, 0, NULL, 0},
	};
	int o;

	memset(a, 0, sizeof(*a));
	a->setargs = calloc((size_t)argc + 1, sizeof(*a->setargs));
	if (!a->setargs)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	/*
	 * Options before GROUP, and between it and "--"; from the program on
	 * (the first word after GROUP that is no option), all is the program's.
	 */
	for (int round = 0; round < 2; round++) {
		while ((o = cmd_getopt(c, argc, argv, "+c:s:", opts)) != -1) {
			if (o == 'c')
				a->ctl = optarg;
			else if (o == 's')
				a->setargs[a->ns++] = optarg;
			else if (o == 'R')
				a->rm = true;
			else if (o == 'S')
				a->stats = true;
			else
				nsu_bad_usage();
		}
		if (round == 0) {
			/* "exec -- true": getopt took the "--" that comes after GROUP; the program is no group */
			if (optind > 1 && strcmp(argv[optind - 1], "--") == 0)
				nsu_usage_error("exec: expected GROUP before --");
			if (optind >= argc)
				nsu_usage_error("exec: expected GROUP -- PROGRAM [ARG...]");
			a->group = group_or_err(argv[optind++]);
			if (optind < argc && strcmp(argv[optind], "--") == 0) {
				optind++;
				break;
			}
		}
	}
	if (optind >= argc)
		nsu_usage_error("exec: a program is required (GROUP -- PROGRAM [ARG...])");
	a->prog = argv + optind;
}

/*
 * The hierarchies exec makes the group in: a new group goes everywhere (or
 * where -c says), with the hierarchies of the settings; an existing one only
 * into those of -c and of the settings. The anchor always, and first: a group
 * is made there first and removed there last, so its lock guards it whole.
 */
static int exec_targets(const struct nsu_tool *c, const struct exec_args *a, const struct setting *s,
			const struct cg_group *g, struct nsu_cg_hier **t, size_t *nt)
{
	struct nsu_cg_hier *anchor = g->p[g->anchor].h;
	size_t keep = 0;
	int r;

	*nt = 0;
	if (group_here(g) && !a->ctl && !a->ns)
		return 0;
	r = group_targets(c, a->ctl, s, a->ns, t + 1, nt);
	if (r < 0)
		return r;
	/* group_targets() without -c names every hierarchy: an existing group keeps those of the settings */
	t[keep++] = anchor;
	for (size_t i = 1; i <= *nt; i++) {
		bool wanted = !group_here(g) || a->ctl;

		for (size_t k = 0; k < a->ns; k++)
			wanted |= s[k].h == t[i];
		if (wanted && t[i] != anchor)
			t[keep++] = t[i];
	}
	*nt = keep;
	return 0;
}

/*
 * Make what is missing of exec's group (with its parents, as systemd-run
 * does), enable its controllers and write its settings, each step recorded in
 * @u; with --rm each directory made is marked, so that the last exec --rm out
 * removes it. Under the lock of creates: another exec making the group now is
 * waited for and its work found. 0 or -errno (said).
 */
static int exec_make(const struct nsu_tool *c, const struct exec_args *a, const struct setting *s,
		     struct cg_group *g, struct undo *u)
{
	struct nsu_cg_hier *t[c->cg.n + 1];
	_cleanup_close_ int lock = -1;
	size_t nt = 0;
	int r;

	/*
	 * A group that is there, its anchor's directory too, gets nothing new
	 * without -c or -s (exec_targets() names no hierarchy). Unless another
	 * cgctl is making it right now (the anchor's is made first, marked as
	 * being made) or removing it (the anchor's goes last: found without it,
	 * the rest may be going): then that one is waited for (the lock of
	 * creates) and the group found again.
	 */
	if (!*g->path || (group_here(g) && !a->ctl && !a->ns && g->p[g->anchor].here &&
			  (group_whole(g) || !group_being_created(g->p[g->anchor].h, g->path))))
		return 0;
	lock = lock_creates(c);
	if (lock < 0) {
		nsu_warnc(lock, "cannot lock the cgroup hierarchy to make '%s'", g->path);
		return lock;
	}
	r = group_refind(g);
	if (r == 0)
		r = exec_targets(c, a, s, g, t, &nt);
	for (size_t i = 0; i < nt && r == 0; i++)
		r = make_dirs(t[i], g->path, true, a->rm, u);
	/* what was made is there: its inode is what a later lock checks against */
	for (size_t i = 0; i < g->n && r == 0; i++)
		if (undo_made(u, g->p[i].h, g->path)) {
			g->p[i].made = g->p[i].here = true;
			r = nsu_cg_stat(g->p[i].h, g->path, &g->p[i].ino);
			if (r < 0)
				say_bad_group(g->path, g->p[i].h, r);
		}
	if (r == 0)
		r = enable_for(c, g->path, a->ctl, s, a->ns, a->rm, u);
	/* (what was found or made stays: nobody removes a group while the lock of creates is held) */
	if (r == 0)
		r = apply_settings(g->path, s, a->ns, u);
	return r;
}

/*
 * exec --rm, after the program: remove the group and the parents this exec or
 * another exec --rm made, in each hierarchy only the directories that carry
 * the mark there (a directory that existed before stays, whichever hierarchy
 * it is in), deepest first, while they are empty. A group still in use
 * (another exec --rm inside, a process the program left) stays: its last user
 * removes it. Under the lock of creates (no exec makes a group meanwhile) and
 * the exclusive lock of each level's anchor (no exec is between finding it
 * and entering it). What an exec --rm enabled in a parent for the groups it
 * made goes once no group is left below that parent.
 */
/* The parent of @pid, and whether it is a cgctl (another exec's waiting parent): 0, or -errno. */
static int parent_of_pid(pid_t pid, pid_t *ppid, bool *cgctl)
{
	_cleanup_close_ int fd = nsu_proc_open(pid);
	_cleanup_close_ int pfd = -1;
	struct nsu_procstat st, pst;
	int r = fd < 0 ? fd : nsu_proc_read_stat(fd, &st);

	if (r < 0)
		return r;
	*ppid = st.ppid;
	pfd = nsu_proc_open(st.ppid);
	*cgctl = pfd >= 0 && nsu_proc_read_stat(pfd, &pst) == 0 &&
		 strcmp(pst.comm, program_invocation_short_name) == 0;
	return 0;
}

/*
 * How many processes of @group are not explained by another exec --rm
 * sharing it: those whose parent is neither a cgctl nor in the group (what
 * the program left running, or moved in meanwhile). They keep the group.
 */
static size_t left_in_group(const struct nsu_tool *c, const char *group)
{
	struct pids p;
	size_t left = 0;

	group_pids(c, group, false, &p);
	for (size_t i = 0; i < p.n; i++) {
		pid_t ppid;
		bool cgctl, inside = false;

		if (parent_of_pid(p.v[i], &ppid, &cgctl) < 0 || cgctl)
			continue;
		for (size_t k = 0; k < p.n && !inside; k++)
			inside = p.v[k] == ppid;
		left += !inside;
	}
	free(p.v);
	return left + p.unreachable;
}

static void remove_made(const struct nsu_tool *c, const char *group)
{
	_cleanup_close_ int creates = lock_creates(c);
	_cleanup_free_ char *path = strdup(group);
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg);

	while (path && *path) {
		struct cg_group lv;
		bool busy = false, any = false;
		int lock = -1;
		char *slash;

		if (group_find(c, path, &lv) < 0) {
			group_free(&lv);
			return;
		}
		if (lv.p[lv.anchor].here)
			lock = lock_live_group(lv.p[lv.anchor].h, path, LOCK_EX);
		for (size_t i = 0; i < lv.n && !busy; i++)
			busy = lv.p[i].here && group_in_use(lv.p[i].h, path);
		/* the group itself stays: say so when what keeps it is not another exec --rm */
		if (busy && strcmp(path, group) == 0 && group_marked(lv.p[lv.anchor].h, path)) {
			size_t n = left_in_group(c, path);

			if (n)
				nsu_warnx("exec --rm: group '%s' is left: %zu process%s the program did not take with it "
					  "%s still in it", path, n, n == 1 ? "" : "es", n == 1 ? "is" : "are");
		}
		/* the anchor's directory last: it carries the lock */
		for (size_t k = 0; k < lv.n && !busy; k++) {
			size_t i = (lv.anchor + 1 + k) % lv.n;

			if (lv.p[i].here && group_marked(lv.p[i].h, path) && rmdir_group(lv.p[i].h, path) == 0)
				any = true;
		}
		if (lock >= 0)
			close(lock);
		group_free(&lv);
		if (busy || !any)
			return;
		slash = strrchr(path, '/');
		if (slash)
			*slash = '\0';
		else
			*path = '\0';
		if (v2)
			take_back_enabled(v2, path);
	}
}

/*
 * Undo what a try of exec_prepare made, under the group's exclusive lock: a
 * joining exec --rm holds it shared from finding the group's directories until
 * its program is in them, so none of them may go from under it meanwhile (a
 * directory this try made may be one another exec found and is joining).
 * Where no such lock can be had (the group is gone from the anchor), nobody
 * can be joining it.
 */
static void undo_try(const struct nsu_tool *c, const char *group, struct undo *made)
{
	/* first the lock of creates, as remove_made(): no cgctl makes or removes the group meanwhile */
	int creates = made->n ? lock_creates(c) : -1;
	int lock = made->n && *group ? lock_live_group(anchor_hier(c), group, LOCK_EX) : -1;

	undo_rollback(made);
	if (lock >= 0)
		close(lock);
	if (creates >= 0)
		close(creates);
}

/*
 * Make or find the group @g, then hold it (a shared lock on the anchor's
 * directory, in *lock; -1 for the root or a group without one) until the
 * program is in: a concurrent exec --rm removing it waits. A group removed
 * between finding and locking it is made again (a few times at most).
 * 0 or -errno (said).
 */
static int exec_prepare(const struct nsu_tool *c, const struct exec_args *a, const struct setting *s,
			struct undo *made, struct cg_group *g, int *lock)
{
	bool vanished = false;
	int r = -ENOENT;

	*lock = -1;
	for (int tries = 0; tries < 5 && r == -ENOENT; tries++) {
		/* our own shared lock of the last try first: the undo takes the exclusive one */
		if (*lock >= 0) {
			close(*lock);
			*lock = -1;
		}
		undo_try(c, a->group, made);
		group_free(g);
		r = group_find(c, a->group, g);
		if (r == 0)
			r = exec_make(c, a, s, g, made);
		/* the last exec --rm of another cgctl removed it between finding and entering: again */
		vanished = r == 0 && *a->group && !group_here(g);
		if (vanished)
			r = -ENOENT;
		if (r < 0 || !*a->group || !g->p[g->anchor].here)
			continue;
		*lock = lock_group(g->p[g->anchor].h, a->group, LOCK_SH);
		/* removed meanwhile, or removed and made again (by a cgctl that may be making it still): again */
		if (*lock < 0 || faccessat(*lock, "cgroup.procs", F_OK, 0) < 0 || !same_dir(*lock, &g->p[g->anchor]))
			r = -ENOENT;
		/* the anchor's directory found is there: so is the rest, unless a remover could take part of it */
		else if (group_partly_removable(g))
			r = group_refind(g);
	}
	if (vanished)
		nsu_warnx("%s: no such group", group_label(a->group));
	if (r < 0 && *lock >= 0) {
		close(*lock);
		*lock = -1;
	}
	return r;
}

/*
 * Nothing to do after the program ends: cgctl moves itself into the group and
 * becomes the program (as cgexec and systemd-run --scope), so that $! is the
 * program and its signals and status are its own. When it cannot be executed,
 * cgctl moves back out and removes what it made.
 */
noreturn static void exec_in_place(const struct exec_args *a, struct undo *made, struct nsu_cg_hier **hs, size_t nh,
				   int lock)
{
	_cleanup_free_ char *cgfile = NULL;
	char pid[32];
	int r;

	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	r = nsu_read_file_at(AT_FDCWD, "/proc/self/cgroup", &cgfile, NULL);
	if (r < 0) {
		nsu_warnc(r, "cannot read /proc/self/cgroup");
	} else if (join(hs, nh, a->group, false) < 0) {
		move_back(hs, nh, cgfile, pid, a->group);
		r = -1;
	}
	if (lock >= 0)
		close(lock);
	if (r < 0) {
		undo_rollback(made);
		exit(NSU_EXIT_FAILURE);
	}
	/* The program is in: what was made for it is finished (no longer marked as being made). */
	finish_made(NULL, 0, a->group, made);
	fflush(NULL);
	r = nsu_exec(a->prog);
	move_back(hs, nh, cgfile, pid, a->group);
	undo_rollback(made);
	nsu_exec_failed(a->prog, r);
}

/*
 * In the child of the waiting parent @parent: in the group, then the program.
 * Its news for the parent on the close-on-exec pipe @newsfd: 'f' could not
 * join, 'x' could not execute; closed unwritten, the program runs.
 */
noreturn static void run_child(const struct exec_args *a, struct nsu_cg_hier **hs, size_t nh, bool placed,
			       pid_t parent, int newsfd)
{
	int r;

	entry_signals();
	block_forwarded(SIG_UNBLOCK);
	/* The program dies with cgctl (kill -9 of the parent): nothing runs on unwatched in the group. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent) {
		(void)!write(newsfd, "f", 1);
		_exit(NSU_EXIT_FAILURE);
	}
	if (join(hs, nh, a->group, placed) < 0) {
		(void)!write(newsfd, "f", 1);
		_exit(NSU_EXIT_FAILURE);
	}
	r = nsu_exec(a->prog);
	(void)!write(newsfd, "x", 1);
	nsu_exec_failed(a->prog, r);
}

/* Say what the OOM killer did in the group while the program ran. */
static void say_oom_kills(const char *group, const char *prog, const struct figures *before,
			  const struct figures *after, int status)
{
	int64_t n = after->oom_kills - before->oom_kills;

	if (before->oom_kills < 0 || n <= 0)
		return;
	fflush(stdout);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		fprintf(stderr, "%s: %s: %s was killed by the OOM killer (%" PRId64 " OOM kill%s in the group)\n",
			program_invocation_short_name, group, prog, n, n == 1 ? "" : "s");
	else
		fprintf(stderr, "%s: %s: the OOM killer killed %" PRId64 " process%s in the group\n",
			program_invocation_short_name, group, n, n == 1 ? "" : "es");
}

/*
 * The program's figures. Its peak memory is the group's memory.peak (v1
 * memory.max_usage_in_bytes), which counts from the group's making: the
 * job's own only in a group made for it, so in one that was there before
 * (@old_group) it is said to be the group's. Resetting it (v1 allows it, v2
 * from Linux 6.12 per reader) would change a group that is not ours.
 */
static void say_stats(const char *group, const struct figures *before, const struct figures *after,
		      const struct rusage *ru, double wall, bool old_group)
{
	double user = (double)ru->ru_utime.tv_sec + (double)ru->ru_utime.tv_usec / 1e6;
	double sys = (double)ru->ru_stime.tv_sec + (double)ru->ru_stime.tv_usec / 1e6;
	double cpu = after->cpu_usec >= 0 && before->cpu_usec >= 0
			     ? (double)(after->cpu_usec - before->cpu_usec) / 1e6
			     : user + sys;
	char peak[32];

	human_size(after->mem_peak >= 0 ? after->mem_peak : ru->ru_maxrss * 1024L, peak, sizeof(peak));
	fflush(stdout);
	fprintf(stderr, "%s: %s: wall %.3fs, cpu %.3fs (user %.3fs, system %.3fs), %speak memory %s, oom kills %" PRId64 "\n",
		program_invocation_short_name, group, wall, cpu, user, sys,
		after->mem_peak >= 0 && old_group ? "group " : "", peak,
		after->oom_kills >= 0 && before->oom_kills >= 0 ? after->oom_kills - before->oom_kills : 0);
}

/*
 * exec --rm and --stats: something happens after the program ends, so cgctl
 * stays as its parent, passes on the signals it is sent, waits, reports and
 * removes, then ends as the program did.
 */
noreturn static void exec_and_wait(const struct nsu_tool *c, const struct exec_args *a, struct undo *made,
				   struct nsu_cg_hier **hs, size_t nh, int lock, bool old_memory)
{
	/* (the anchor's hierarchy comes first: v2's, where there is one) */
	_cleanup_close_ int v2fd = nh && hs[0]->version == 2 ? nsu_cg_open(hs[0], a->group) : -1;
	struct fig_sources src;
	struct figures before, after;
	unsigned want = a->stats ? FIG_OOM | FIG_CPU | FIG_PEAK : FIG_OOM;
	struct rusage ru;
	bool placed = false;
	pid_t parent = getpid();
	int status, pipefd[2];
	char news = 0;
	double t0;

	fig_sources_find(c, &src);
	figures_read(c, &src, a->group, want, &before);
	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		nsu_warn("pipe failed");
		undo_rollback(made);
		exit(NSU_EXIT_FAILURE);
	}
	fflush(NULL);
	t0 = nsu_now_s();
	/* Handlers first, signals held until the child's PID is known to them. */
	block_forwarded(SIG_BLOCK);
	forward_signals();
	child = spawn(v2fd, &placed);
	if (child == 0) {
		close(pipefd[0]);
		run_child(a, hs, nh, placed, parent, pipefd[1]);
	}
	block_forwarded(SIG_UNBLOCK);
	if (child < 0) {
		if (child == -EBUSY)
			say_internal_processes(a->group);
		else
			nsu_warn("fork failed");
		undo_rollback(made);
		exit(NSU_EXIT_FAILURE);
	}
	close(pipefd[1]);
	/* The pipe closes at the program's execve(): it is in the group, the lock can go. */
	while (read(pipefd[0], &news, 1) < 0 && errno == EINTR)
		;
	close(pipefd[0]);
	if (lock >= 0)
		close(lock);
	/* The program runs: what was made for it is finished (no longer marked as being made). */
	if (news != 'f' && news != 'x')
		finish_made(NULL, 0, a->group, made);
	while (wait4(child, &status, 0, &ru) < 0) {
		if (errno != EINTR)
			nsu_err(NSU_EXIT_FAILURE, "wait failed");
	}
	/* The program never ran: what was made for it goes. */
	if (news == 'f' || news == 'x') {
		undo_rollback(made);
		nsu_exit_like(status);
	}
	/* --rm: what was set on directories that were there before is put back; the others go */
	if (a->rm)
		undo_rollback_kept(made);
	else
		undo_forget(made);
	figures_read(c, &src, a->group, want, &after);
	say_oom_kills(a->group, a->prog[0], &before, &after, status);
	if (a->stats)
		say_stats(a->group, &before, &after, &ru, nsu_now_s() - t0, old_memory);
	if (a->rm)
		remove_made(c, a->group);
	nsu_exit_like(status);
}

/* Whether the group's directory in the hierarchy of the memory controller was there before this exec. */
static bool memory_existed(const struct nsu_tool *c, const struct cg_group *g)
{
	const struct nsu_cg_hier *mem = nsu_cg_hier_for(&c->cg, "memory");

	for (size_t i = 0; i < g->n; i++)
		if (g->p[i].h == mem)
			return g->p[i].existed;
	return false;
}

/* exec once the hierarchies are found: the group, then the program in it. */
noreturn static void exec_found(struct nsu_tool *c, struct exec_args *a)
{
	struct nsu_cg_hier *hs[c->cg.n + 1];
	struct cg_group g = {0};
	struct undo made = {0};
	struct setting *s = calloc(a->ns + 1, sizeof(*s));
	size_t nh;
	int lock;

	if (!s)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	for (size_t i = 0; i < a->ns; i++)
		setting_or_err(c, a->setargs[i], &s[i]);
	if (!*a->group && (a->ns || a->rm))
		nsu_errx(NSU_EXIT_FAILURE, "exec /: the root group takes no --set and is never removed (--rm)");
	if (check_cpusets(a->group, s, a->ns) < 0)
		exit(NSU_EXIT_FAILURE);
	if (exec_prepare(c, a, s, &made, &g, &lock) < 0) {
		undo_rollback(&made);
		exit(NSU_EXIT_FAILURE);
	}
	nh = group_hiers_of(&g, hs);
	if (a->rm || a->stats)
		exec_and_wait(c, a, &made, hs, nh, lock, memory_existed(c, &g));
	exec_in_place(a, &made, hs, nh, lock);
}

int cmd_exec(struct nsu_tool *c, int argc, char **argv)
{
	struct exec_args a;

	exec_args_or_err(c, argc, argv, &a);
	/* (only now: a --root among the program's arguments is the program's) */
	detect_or_err(c);
	exec_found(c, &a);
}

/* Whether the group is frozen: v2 cgroup.events "frozen 1", else the v1 freezer's FROZEN; -1 if neither. */
int frozen_state(const struct nsu_tool *c, const char *group)
{
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg);
	struct nsu_cg_hier *frz = hier_in_group(c, group, "freezer");
	_cleanup_close_ int fd2 = v2 ? nsu_cg_open(v2, group) : -1;
	_cleanup_close_ int fd1 = frz && frz->version == 1 ? nsu_cg_open(frz, group) : -1;
	_cleanup_free_ char *state = NULL;
	uint64_t f = 0;
	int known = 0, frozen = 1;

	if (fd2 >= 0 && *group && nsu_cg_read_keyed(fd2, "cgroup.events", "frozen", &f) == 0) {
		known = 1;
		frozen &= f == 1;
	}
	if (fd1 >= 0 && nsu_cg_read(fd1, "freezer.state", &state) == 0) {
		known = 1;
		frozen &= strcmp(state, "FROZEN") == 0;
	}
	return known ? frozen : -1;
}

/* stat -J: one object, every figure a number in base units (null where the layout has none). */
static void stat_json(const struct nsu_tool *c, const char *group, const struct figures *k, int frozen)
{
	static const char *const pressure[] = {"cpu.pressure", "memory.pressure", "io.pressure"};
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg);
	const struct {
		const char *key;
		int64_t v;
	} nums[] = {
		{"memory.current", k->memory}, {"memory.peak", k->mem_peak}, {"cpu.usage_usec", k->cpu_usec},
		{"pids.current", k->pids},	    {"pids.max_hits", k->pids_max_hits},
		{"oom_kills", k->oom_kills},
	};
	struct nsu_json j;

	nsu_json_begin(&j, stdout, NSU_JSON_INDENTED);
	nsu_json_open(&j, NULL, '{');
	for (size_t i = 0; i < NSU_ARRAY_SIZE(nums); i++)
		if (nums[i].v < 0)
			nsu_json_null(&j, nums[i].key);
		else
			nsu_json_i64(&j, nums[i].key, nums[i].v);
	/* v1 only: a v2 group never waits on an OOM (the kernel kills) */
	if (k->under_oom >= 0)
		nsu_json_bool(&j, "under_oom", k->under_oom > 0);
	if (frozen < 0)
		nsu_json_null(&j, "frozen");
	else
		nsu_json_bool(&j, "frozen", frozen);
	/* Pressure (PSI), v2 only: "some" and "full", each avg10/avg60/avg300 (%) and total (usec). */
	for (size_t i = 0; i < NSU_ARRAY_SIZE(pressure); i++) {
		_cleanup_close_ int fd = v2 ? nsu_cg_open(v2, group) : -1;
		_cleanup_free_ char *s = NULL;

		if (fd >= 0 && nsu_cg_read(fd, pressure[i], &s) == 0)
			json_value(&j, pressure[i], pressure[i], s);
		else
			nsu_json_null(&j, pressure[i]);
	}
	nsu_json_close(&j);
}

int cmd_stat(struct nsu_tool *c, int argc, char **argv)
{
	static const struct nsu_colinfo ci[] = {
		{"KEY", 0, 0, SCOLS_JSON_STRING, "key"},
		{"VALUE", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, "value"},
	};
	static const char *const pressure[] = {"cpu.pressure", "memory.pressure", "io.pressure"};
	_cleanup_free_ char *group = NULL;
	struct libscols_table *tb;
	struct fig_sources src;
	struct figures k;
	char buf[64];
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg);
	struct {
		const char *key;
		int64_t v;
		int kind; /* 0 number, 1 size, 2 microseconds */
	} rows[6];
	int frozen;

	SHIFT_TO_ARGS(c, argc, argv);
	if (argc != 2)
		nsu_usage_error("stat: expected GROUP");
	group = group_or_err(argv[1]);
	process_hier(c, group); /* exits when there is no such group */
	fig_sources_find(c, &src);
	figures_read(c, &src, group, FIG_MEMORY | FIG_PEAK | FIG_CPU | FIG_PIDS | FIG_PIDS_HITS | FIG_OOM | FIG_UNDER_OOM,
		     &k);
	frozen = frozen_state(c, group);
	if (c->out.json) {
		stat_json(c, group, &k, frozen);
		return EXIT_SUCCESS;
	}
	rows[0].key = "memory.current", rows[0].v = k.memory, rows[0].kind = 1;
	rows[1].key = "memory.peak", rows[1].v = k.mem_peak, rows[1].kind = 1;
	rows[2].key = "cpu.usage", rows[2].v = k.cpu_usec, rows[2].kind = 2;
	rows[3].key = "pids.current", rows[3].v = k.pids, rows[3].kind = 0;
	rows[4].key = "pids.max_hits", rows[4].v = k.pids_max_hits, rows[4].kind = 0;
	rows[5].key = "oom_kills", rows[5].v = k.oom_kills, rows[5].kind = 0;
	tb = table_or_err(c, "stat", ci, 2, -1);
	for (size_t i = 0; i < NSU_ARRAY_SIZE(rows); i++) {
		if (rows[i].v < 0)
			buf[0] = '\0';
		else if (rows[i].kind == 1 && !c->out.raw)
			human_size(rows[i].v, buf, sizeof(buf));
		else if (rows[i].kind == 2)
			snprintf(buf, sizeof(buf), "%.3fs", (double)rows[i].v / 1e6);
		else
			snprintf(buf, sizeof(buf), "%" PRId64, rows[i].v);
		row(tb, NULL, 2, rows[i].key, *buf ? buf : NULL);
	}
	if (k.under_oom >= 0)
		row(tb, NULL, 2, "under_oom", k.under_oom ? "yes" : "no");
	row(tb, NULL, 2, "frozen", frozen < 0 ? NULL : frozen ? "yes" : "no");
	/* Pressure (PSI): the "some avg10" share of time stalled, v2 only. */
	for (size_t i = 0; v2 && i < NSU_ARRAY_SIZE(pressure); i++) {
		_cleanup_close_ int fd = nsu_cg_open(v2, group);
		_cleanup_free_ char *s = NULL;
		char *p;

		if (fd < 0 || nsu_cg_read(fd, pressure[i], &s) < 0 || !(p = strstr(s, "avg10=")))
			continue;
		snprintf(buf, sizeof(buf), "%.*s%%", (int)strcspn(p + 6, " "), p + 6);
		row(tb, NULL, 2, pressure[i], buf);
	}
	nsu_output_print_or_err(tb);
	return EXIT_SUCCESS;
}

/* One hierarchy's freezer: the write, then wait until the kernel says it is done. */
static int freeze_in(const struct nsu_cg_hier *h, const char *group, bool on, double end)
{
	_cleanup_close_ int fd = nsu_cg_open(h, group);
	int r;

	if (fd < 0)
		return fd;
	if (h->version == 2)
		r = nsu_cg_write(fd, "cgroup.freeze", on ? "1" : "0");
	else
		r = nsu_cg_write(fd, "freezer.state", on ? "FROZEN" : "THAWED");
	if (r < 0) {
		nsu_warnc(r, "cannot %s group '%s' in %s", on ? "freeze" : "thaw", group, h->mount);
		return r;
	}
	while (nsu_now_s() < end) {
		_cleanup_free_ char *state = NULL;
		uint64_t frozen;

		if (h->version == 2) {
			struct pollfd p = {openat(fd, "cgroup.events", O_RDONLY | O_CLOEXEC), POLLPRI, 0};

			if (nsu_cg_read_keyed(fd, "cgroup.events", "frozen", &frozen) == 0 && frozen == (uint64_t)on) {
				close(p.fd);
				return 0;
			}
			/* cgroup.events signals a change with POLLPRI (cgroup-v2.rst). */
			if (p.fd >= 0)
				poll(&p, 1, 100);
			close(p.fd);
		} else {
			if (nsu_cg_read(fd, "freezer.state", &state) == 0 && strcmp(state, on ? "FROZEN" : "THAWED") == 0)
				return 0;
			nsu_sleep_ms(10);
		}
	}
	nsu_warnx("group '%s' did not %s within %d s in %s", group, on ? "freeze" : "thaw", SETTLE_MS / 1000,
		  h->mount);
	return -ETIMEDOUT;
}

/*
 * v2 cgroup.freeze (waits for "frozen" in cgroup.events) and the v1 freezer,
 * in every one the group is in: on a hybrid layout a process may sit in one
 * and not the other. Thawing goes on after a failure; freezing undoes itself.
 */
static int freeze(struct nsu_tool *c, int argc, char **argv, bool on)
{
	struct nsu_cg_hier *hs[c->cg.n + 1], *done[2];
	_cleanup_free_ char *group = NULL;
	double end = nsu_now_s() + SETTLE_MS / 1000.0;
	size_t nh, nd = 0;
	int r = 0;

	SHIFT_TO_ARGS(c, argc, argv);
	if (argc != 2)
		nsu_usage_error("%s: expected GROUP", on ? "freeze" : "thaw");
	group = group_or_err(argv[1]);
	if (!*group)
		nsu_errx(NSU_EXIT_FAILURE, "the root group cannot be frozen");
	nh = group_hiers_or_err(c, group, hs);
	/*
	 * v2 first when freezing, last when thawing: a task the v1 freezer holds
	 * never reaches v2's freezing point, while one v2 holds sleeps freezable.
	 */
	for (size_t j = 1; j < nh; j++)
		if (hs[j]->version == 2) {
			struct nsu_cg_hier *first = hs[0];

			hs[0] = hs[j];
			hs[j] = first;
		}
	for (size_t k = 0; k < nh && (r == 0 || !on); k++) {
		size_t i = on ? k : nh - 1 - k;

		if (hs[i]->version != 2 && !nsu_cg_hier_has(hs[i], "freezer"))
			continue;
		if (freeze_in(hs[i], group, on, end) < 0)
			r = -1;
		else if (nd < 2)
			done[nd++] = hs[i];
	}
	if (!nd && r == 0)
		nsu_errx(NSU_EXIT_FAILURE, "%s: no freezer: no cgroup v2 hierarchy and no v1 freezer has it", group);
	if (r < 0 && on)
		for (size_t i = 0; i < nd; i++)
			freeze_in(done[i], group, false, end);
	return r < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

int cmd_freeze(struct nsu_tool *c, int argc, char **argv)
{
	return freeze(c, argc, argv, true);
}

int cmd_thaw(struct nsu_tool *c, int argc, char **argv)
{
	return freeze(c, argc, argv, false);
}

/* Signal each PID once; say which could not be. -EPERM when one could not. */
static int signal_pids(const struct pids *p, int sig)
{
	int r = 0;

	for (size_t i = 0; i < p->n; i++)
		if (kill(p->v[i], sig) < 0 && errno != ESRCH) {
			nsu_warn("cannot signal process %d", (int)p->v[i]);
			r = -errno;
		}
	return r;
}

/*
 * The v1 freezer holds a frozen task with its SIGKILL pending until it is
 * thawed (v2 lets a killed task die frozen or not): once the group is
 * signalled, thaw it and the groups below it that are frozen in their own
 * right, parents first. Only for SIGKILL: any other signal waits for the
 * thaw, as on v2. 0 or -errno (said).
 */
static int thaw_v1_for_kill(const struct nsu_tool *c, const char *group)
{
	struct nsu_cg_hier *h = hier_in_group(c, group, "freezer");
	char **v = NULL;
	size_t n = 0;
	int r = 0;

	if (!h || h->version != 1)
		return 0;
	collect_tree(h, group, &v, &n);
	for (size_t j = 0; j <= n; j++) {
		const char *g = j ? v[j - 1] : group;
		_cleanup_close_ int fd = nsu_cg_open(h, g);
		_cleanup_free_ char *state = NULL;

		if (r == 0 && fd >= 0 && nsu_cg_read(fd, "freezer.state", &state) == 0 && strcmp(state, "THAWED") != 0) {
			r = nsu_cg_write(fd, "freezer.state", "THAWED");
			if (r < 0)
				nsu_warnc(r, "cannot thaw group '%s' in %s for its processes to die of SIGKILL", g,
					  h->mount);
		}
	}
	for (size_t j = 0; j < n; j++)
		free(v[j]);
	free(v);
	return r;
}

int kill_group(const struct nsu_tool *c, const char *group, int sig, bool wait_empty)
{
	bool thawed = false;
	struct nsu_cg_hier *hs[c->cg.n + 1], *v2 = NULL;
	double end = nsu_now_s() + SETTLE_MS / 1000.0;
	bool killfile = false;
	size_t nh;
	int r;

	r = group_hiers_said(c, group, hs, &nh);
	if (r < 0)
		return r;
	for (size_t i = 0; i < nh; i++)
		if (hs[i]->version == 2)
			v2 = hs[i];
	/* cgroup.kill (Linux 5.14) kills the whole v2 subtree at once, forks and other PID namespaces included. */
	if (sig == SIGKILL && v2) {
		_cleanup_close_ int fd = nsu_cg_open(v2, group);

		killfile = fd >= 0 && nsu_cg_write(fd, "cgroup.kill", "1") == 0;
	}
	for (;;) {
		struct pids p;

		/* Every hierarchy: on hybrid a process may be in the group in one only. */
		group_pids(c, group, true, &p);
		r = signal_pids(&p, sig);
		if (r == 0 && sig == SIGKILL && !thawed) {
			thawed = true;
			r = thaw_v1_for_kill(c, group);
		}
		if (p.unreachable && !killfile) {
			nsu_warnx("%zu process%s of '%s' %s outside this PID namespace: out of reach from here",
				  p.unreachable, p.unreachable == 1 ? "" : "es", group, p.unreachable == 1 ? "is" : "are");
			r = r < 0 ? r : -ESRCH;
		}
		free(p.v);
		if (r < 0 || !wait_empty || p.n + p.unreachable == 0)
			return r;
		if (nsu_now_s() >= end)
			break;
		nsu_sleep_ms(20);
	}
	nsu_warnx("group '%s' still has processes after %d s", group, SETTLE_MS / 1000);
	return -EBUSY;
}

int cmd_kill(struct nsu_tool *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"signal", required_argument, NULL, 's'},
		{NULL, 0, NULL, 0},
	};
	_cleanup_free_ char *group = NULL;
	int sig = SIGKILL, o;

	while ((o = cmd_getopt(c, argc, argv, "s:", opts)) != -1) {
		if (o == 's')
			sig = nsu_signal_or_err(optarg, "signal");
		else
			nsu_bad_usage();
	}
	if (optind + 1 != argc)
		nsu_usage_error("kill: expected [-s SIGNAL] GROUP");
	group = group_or_err(argv[optind]);
	if (!*group)
		nsu_errx(NSU_EXIT_FAILURE, "cannot signal the root group: it holds every process");
	/* KILL until the group is empty; another signal once to each process. */
	return kill_group(c, group, sig, sig == SIGKILL) < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

/*
 * monitor sleeps in poll(2) until the kernel says something changed:
 * - v2: cgroup.events (populated, frozen) and memory.events (oom, oom_kill)
 *   wake with POLLPRI; a removed group wakes them with POLLERR.
 * - v1 memory: an eventfd registered through cgroup.event_control on
 *   memory.oom_control is signalled at each OOM and when the group goes
 *   (cgroup-v1/memory.rst, 9 and 10).
 * - v1 freezer: freezer.state has no event, but a write to it is an inotify
 *   IN_MODIFY; its state then settles (FREEZING, FROZEN) and is looked at
 *   until it has.
 * - pure v1 (no v2 hierarchy holds the group): nothing tells that the last
 *   process left, so cgroup.procs is looked at every 100 ms.
 * After each wake-up the values are read again a few times (20, 100, 500 ms
 * on): an OOM is told before its kill is counted.
 */
struct watch {
	const struct nsu_cg_hier *h;
	const char *file, *key;
	int fd;       /* kept open: kernfs tells changes since our last read with POLLPRI */
	int64_t last;
};

/*
 * One event: "TIME EVENT VALUE" (ISO 8601 time, as ip monitor -t stamps its
 * lines) or with -J one object a line; @v < 0: an event without a value.
 */
static void report(const struct nsu_tool *c, const char *event, int64_t v)
{
	char now[64];

	nsu_iso8601_now(now, sizeof(now));
	if (c->out.json) {
		struct nsu_json j;

		nsu_json_begin(&j, stdout, NSU_JSON_COMPACT);
		nsu_json_open(&j, NULL, '{');
		nsu_json_str(&j, "time", now);
		nsu_json_str(&j, "event", event);
		if (v >= 0)
			nsu_json_i64(&j, "value", v);
		nsu_json_close(&j);
	} else if (v >= 0) {
		printf("%s %s %" PRId64 "\n", now, event, v);
	} else {
		printf("%s %s\n", now, event);
	}
	fflush(stdout);
}

/*
 * The watched value now: a "key value" line, "populated" from a process
 * list, "frozen" as stat tells it (every freezer the group is in frozen);
 * *@settling when a v1 freezer is still FREEZING.
 */
static int64_t watch_read(const struct nsu_tool *c, const char *group, const struct watch *w, bool *settling)
{
	char buf[4096];
	ssize_t n = pread(w->fd, buf, sizeof(buf) - 1, 0);
	uint64_t v;

	if (n < 0)
		return -1;
	buf[n] = '\0';
	if (strcmp(w->file, "cgroup.procs") == 0)
		return n > 0;
	if (strcmp(w->key, "frozen") == 0) {
		*settling |= strncmp(buf, "FREEZING", 8) == 0;
		return frozen_state(c, group);
	}
	return nsu_cg_parse_keyed(buf, w->key, &v) == 0 ? (int64_t)v : -1;
}

/* v1: an eventfd signalled at each OOM of @group (and when it is removed), or -1 where none can be had. */
static int oom_eventfd(const struct watch *w, const char *group)
{
	_cleanup_close_ int gfd = nsu_cg_open(w->h, group);
	int efd = gfd < 0 ? -1 : eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	char line[64];

	if (efd < 0)
		return -1;
	snprintf(line, sizeof(line), "%d %d", efd, w->fd);
	if (nsu_cg_write(gfd, "cgroup.event_control", line) < 0) {
		close(efd);
		return -1;
	}
	return efd;
}

/*
 * The watches of @group into @w (room for 4, their count in *@nw), their
 * files opened, with the eventfd and inotify fd that tell their changes (-1
 * where none); *@look when something has to be looked at instead. 0, or
 * -errno when a file cannot be opened (said).
 */
static int open_watches(const struct nsu_tool *c, const char *group, struct watch *w, size_t *nwp, int *efd,
			int *ino, bool *look)
{
	struct nsu_cg_hier *ph = process_hier(c, group);
	bool v2 = ph->version == 2;
	struct nsu_cg_hier *mem = hier_in_group(c, group, "memory");
	struct nsu_cg_hier *frz = hier_in_group(c, group, "freezer");
	size_t nw = 0;

	w[nw++] = (struct watch){ph, v2 ? "cgroup.events" : "cgroup.procs", "populated", -1, -1};
	/* frozen: v2's in cgroup.events (polled above), and a v1 freezer's, which has no event of its own */
	if (frz && frz->version == 1)
		w[nw++] = (struct watch){frz, "freezer.state", "frozen", -1, -1};
	else if (v2)
		w[nw++] = (struct watch){ph, "cgroup.events", "frozen", -1, -1};
	if (mem) {
		bool m2 = mem->version == 2;

		w[nw++] = (struct watch){mem, m2 ? "memory.events" : "memory.oom_control", m2 ? "oom" : "under_oom", -1, -1};
		w[nw++] = (struct watch){mem, m2 ? "memory.events" : "memory.oom_control", "oom_kill", -1, -1};
	}
	*efd = *ino = -1;
	*look = !v2;
	for (size_t i = 0; i < nw; i++) {
		_cleanup_close_ int gfd = nsu_cg_open(w[i].h, group);
		char path[PATH_MAX];

		w[i].fd = gfd < 0 ? -1 : openat(gfd, w[i].file, O_RDONLY | O_CLOEXEC);
		if (w[i].fd < 0) {
			nsu_warn("cannot open %s of '%s'", w[i].file, group);
			*nwp = i;
			return -1;
		}
		if (strcmp(w[i].file, "memory.oom_control") == 0 && *efd < 0) {
			*efd = oom_eventfd(&w[i], group);
			*look |= *efd < 0;
		}
		if (strcmp(w[i].file, "freezer.state") == 0) {
			snprintf(path, sizeof(path), "/proc/self/fd/%d", w[i].fd);
			*ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
			if (*ino < 0 || inotify_add_watch(*ino, path, IN_MODIFY) < 0) {
				nsu_warn("cannot watch %s of '%s'", w[i].file, group);
				*nwp = i + 1;
				return -1;
			}
		}
	}
	/*
	 * The group's removal: v2's files wake their pollers with POLLERR only
	 * from Linux 6.2 or so, and v1's memory eventfd needs a memory group; an
	 * rmdir is an IN_DELETE (a rename an IN_MOVED_FROM) in its parent.
	 */
	if (*group) {
		_cleanup_free_ char *parent = parent_of(group);
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/%s", ph->mount, parent);
		if (*ino < 0)
			*ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
		if (*ino < 0 || inotify_add_watch(*ino, path, IN_DELETE | IN_MOVED_FROM | IN_ONLYDIR) < 0) {
			nsu_warn("cannot watch %s", path);
			*nwp = nw;
			return -1;
		}
	}
	*nwp = nw;
	return 0;
}

/* What --pressure and --threshold ask to be told. */
struct trigger {
	int fd;      /* polled: a PSI trigger (POLLPRI) or an eventfd (POLLIN) */
	int file;    /* v1: the control file the eventfd was registered on */
	short events;
	char event[32];
	uint64_t threshold; /* --threshold: bytes; else 0 */
	int usage;          /* --threshold: memory.current or memory.usage_in_bytes */
	int above;          /* --threshold: the side last told, -1 before the first */
};

static void close_trigger(struct trigger *t)
{
	if (t->fd >= 0)
		close(t->fd);
	if (t->file >= 0)
		close(t->file);
	if (t->usage >= 0)
		close(t->usage);
}

/* v1: an eventfd registered on @file of the group at @gfd with @args ("" or " ARGS"); -errno. */
static int register_eventfd(int gfd, int file, const char *args)
{
	int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK), r;
	char line[128];

	if (efd < 0)
		return -errno;
	snprintf(line, sizeof(line), "%d %d%s", efd, file, args);
	r = nsu_cg_write(gfd, "cgroup.event_control", line);
	if (r < 0) {
		close(efd);
		return r;
	}
	return efd;
}

/* --pressure RESOURCE=SPEC, parsed: a v1 level, or a PSI trigger. */
struct pressure {
	char res[8];
	const char *level; /* "low", "medium", "critical", or NULL */
	bool some;
	uint64_t stall, window;
};

/* Parse --pressure @arg into @pr: 0, or -1 (said: the argument is the user's). */
static int parse_pressure(const char *arg, struct pressure *pr)
{
	static const char *const levels[] = {"low", "medium", "critical"};
	const char *spec = strchr(arg, '='), *slash;
	char stall[32];

	*pr = (struct pressure){0};
	if (!spec || spec - arg >= (ptrdiff_t)sizeof(pr->res)) {
		nsu_warnx("invalid pressure '%s': expected cpu, memory or io=SPEC", arg);
		return -1;
	}
	memcpy(pr->res, arg, (size_t)(spec - arg));
	spec++;
	if (strcmp(pr->res, "cpu") != 0 && strcmp(pr->res, "memory") != 0 && strcmp(pr->res, "io") != 0) {
		nsu_warnx("invalid pressure '%s': expected cpu, memory or io=SPEC", arg);
		return -1;
	}
	for (size_t i = 0; i < NSU_ARRAY_SIZE(levels); i++)
		if (strcmp(spec, levels[i]) == 0 && strcmp(pr->res, "memory") == 0) {
			pr->level = levels[i];
			return 0;
		}
	pr->some = strncmp(spec, "some:", 5) == 0;
	slash = strchr(spec, '/');
	if ((!pr->some && strncmp(spec, "full:", 5) != 0) || !slash || slash - spec - 5 >= (ptrdiff_t)sizeof(stall)) {
		nsu_warnx("invalid pressure '%s': expected some|full:STALL/WINDOW (150ms/1s), or memory=low, medium "
			  "or critical (v1)", arg);
		return -1;
	}
	snprintf(stall, sizeof(stall), "%.*s", (int)(slash - spec - 5), spec + 5);
	if (nsu_parse_duration_us(stall, &pr->stall) < 0 || nsu_parse_duration_us(slash + 1, &pr->window) < 0 ||
	    pr->stall == 0 || pr->stall > pr->window || pr->window < 500000 || pr->window > 10000000) {
		nsu_warnx("invalid pressure '%s': a stall from 1us up to the window, a window from 500ms to 10s", arg);
		return -1;
	}
	return 0;
}

/*
 * --pressure: on a v2 hierarchy a PSI trigger written to RESOURCE.pressure
 * (Documentation/accounting/psi.rst); on v1 memory an eventfd on
 * memory.pressure_level at a level. 0, or -1 (said).
 */
static int pressure_trigger(const struct nsu_tool *c, const char *group, const char *arg,
			    const struct pressure *pr, struct trigger *t)
{
	struct nsu_cg_hier *v2 = nsu_cg_v2(&c->cg), *mem = hier_in_group(c, group, "memory");
	_cleanup_close_ int gfd = -1;
	char buf[64];

	snprintf(t->event, sizeof(t->event), "%.7s.pressure", pr->res);
	if (pr->level) {
		if (!mem || mem->version != 1) {
			nsu_warnx("invalid pressure '%s': levels are cgroup v1's (memory.pressure_level); "
				  "on v2 give some|full:STALL/WINDOW", arg);
			return -1;
		}
		gfd = nsu_cg_open(mem, group);
		t->file = gfd < 0 ? -1 : openat(gfd, "memory.pressure_level", O_RDONLY | O_CLOEXEC);
		snprintf(buf, sizeof(buf), " %s", pr->level);
		t->fd = t->file < 0 ? -errno : register_eventfd(gfd, t->file, buf);
		if (t->fd < 0) {
			nsu_warnc(-t->fd, "cannot watch memory.pressure_level of '%s'", group);
			return -1;
		}
		t->events = POLLIN;
		return 0;
	}
	gfd = v2 ? nsu_cg_open(v2, group) : -1;
	if (gfd < 0) {
		nsu_warnx("invalid pressure '%s': pressure stall information (PSI) needs the group in a cgroup v2 "
			  "hierarchy; on v1 give memory=low, medium or critical", arg);
		return -1;
	}
	snprintf(buf, sizeof(buf), "%.7s.pressure", pr->res);
	t->fd = openat(gfd, buf, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (t->fd < 0) {
		nsu_warn("cannot open %s of '%s' (without PSI: psi=1 on the kernel command line)", buf, group);
		return -1;
	}
	snprintf(buf, sizeof(buf), "%s %" PRIu64 " %" PRIu64, pr->some ? "some" : "full", pr->stall, pr->window);
	if (write(t->fd, buf, strlen(buf) + 1) < 0) {
		nsu_warn("cannot set the trigger '%s' on %s.pressure of '%s'", buf, pr->res, group);
		return -1;
	}
	t->events = POLLPRI;
	return 0;
}

/*
 * --threshold memory=SIZE: on v1 an eventfd registered on
 * memory.usage_in_bytes, told at each crossing; v2 has no such event, so
 * memory.current is looked at (*@look). 0, or -1 (said).
 */
/* Parse --threshold @arg: 0, or -1 (said). */
static int parse_threshold(const char *arg, uint64_t *bytes)
{
	if (strncmp(arg, "memory=", 7) != 0 || nsu_parse_size(arg + 7, bytes) < 0 || !*bytes) {
		nsu_warnx("invalid threshold '%s': expected memory=SIZE", arg);
		return -1;
	}
	return 0;
}

static int threshold_trigger(const struct nsu_tool *c, const char *group, uint64_t bytes, struct trigger *t,
			     bool *look)
{
	struct nsu_cg_hier *mem = hier_in_group(c, group, "memory");
	_cleanup_close_ int gfd = -1;
	char args[32];

	t->threshold = bytes;
	if (!mem) {
		nsu_warnx("cannot watch the memory of '%s': it is in no memory hierarchy", group);
		return -1;
	}
	gfd = nsu_cg_open(mem, group);
	t->usage = gfd < 0 ? -1 : openat(gfd, mem->version == 2 ? "memory.current" : "memory.usage_in_bytes",
					 O_RDONLY | O_CLOEXEC);
	if (t->usage < 0) {
		nsu_warn("cannot open the memory usage of '%s'", group);
		return -1;
	}
	t->above = -1;
	snprintf(t->event, sizeof(t->event), "memory");
	if (mem->version == 2) {
		*look = true;
		return 0;
	}
	snprintf(args, sizeof(args), " %" PRIu64, t->threshold);
	t->fd = register_eventfd(gfd, t->usage, args);
	if (t->fd < 0) {
		nsu_warnc(t->fd, "cannot set a threshold on memory.usage_in_bytes of '%s'", group);
		return -1;
	}
	t->events = POLLIN;
	return 0;
}

/* A threshold's side now: told when it changed ("memory.above" or "memory.below", with the usage). */
static void threshold_check(const struct nsu_tool *c, struct trigger *t)
{
	char buf[64];
	ssize_t n = pread(t->usage, buf, sizeof(buf) - 1, 0);
	uint64_t v;
	int above;

	if (n <= 0)
		return;
	buf[n] = '\0';
	if (nsu_parse_u64(strtok(buf, "\n"), &v) < 0)
		return;
	above = v >= t->threshold;
	if (t->above >= 0 && above != t->above)
		report(c, above ? "memory.above" : "memory.below", (int64_t)v);
	t->above = above;
}

int cmd_monitor(struct nsu_tool *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"pressure", required_argument, NULL, 'P'},
		{"threshold", required_argument, NULL, 'T'},
		{NULL, 0, NULL, 0},
	};
	/* after a wake-up, the values are read again at these times (ms): counts lag their events */
	static const int settle_ms[] = {20, 80, 400};
	const char *specs[8];
	char kinds[8];
	struct pressure pr[8];
	uint64_t bytes[8];
	size_t nspecs = 0, nt = 0, nw = 0, settle = NSU_ARRAY_SIZE(settle_ms);
	_cleanup_free_ char *group = NULL;
	_cleanup_close_ int efd = -1, ino = -1;
	struct nsu_cg_hier *ph;
	struct trigger t[8];
	struct watch w[4];
	bool look, settling = false;
	int o, rc = EXIT_FAILURE;

	while ((o = cmd_getopt(c, argc, argv, "", opts)) != -1) {
		if ((o != 'P' && o != 'T') || nspecs == NSU_ARRAY_SIZE(specs))
			nsu_bad_usage();
		kinds[nspecs] = (char)o;
		specs[nspecs] = optarg;
		/* the arguments are judged before the group is looked for */
		if ((o == 'P' ? parse_pressure(optarg, &pr[nspecs]) : parse_threshold(optarg, &bytes[nspecs])) < 0)
			return EXIT_FAILURE;
		nspecs++;
	}
	if (optind + 1 != argc)
		nsu_usage_error("monitor: expected GROUP");
	group = group_or_err(argv[optind]);
	ph = process_hier(c, group);
	if (open_watches(c, group, w, &nw, &efd, &ino, &look) < 0)
		goto out;
	for (; nt < nspecs; nt++) {
		t[nt] = (struct trigger){.fd = -1, .file = -1, .usage = -1};
		if ((kinds[nt] == 'P' ? pressure_trigger(c, group, specs[nt], &pr[nt], &t[nt])
				      : threshold_trigger(c, group, bytes[nt], &t[nt], &look)) < 0) {
			close_trigger(&t[nt]);
			goto out;
		}
	}
	for (size_t i = 0; i < nw; i++)
		w[i].last = watch_read(c, group, &w[i], &settling);
	for (size_t i = 0; i < nt; i++)
		if (t[i].threshold)
			threshold_check(c, &t[i]);
	for (;;) {
		struct pollfd p[16];
		size_t np = 0, first_t;
		int timeout = -1, gfd;
		char buf[4096];

		for (size_t i = 0; i < nw; i++)
			if (w[i].h->version == 2)
				p[np++] = (struct pollfd){w[i].fd, POLLPRI, 0};
		if (efd >= 0)
			p[np++] = (struct pollfd){efd, POLLIN, 0};
		if (ino >= 0)
			p[np++] = (struct pollfd){ino, POLLIN, 0};
		first_t = np;
		for (size_t i = 0; i < nt; i++)
			p[np++] = (struct pollfd){t[i].fd, t[i].events, 0};
		if (settling)
			timeout = 50;
		else if (settle < NSU_ARRAY_SIZE(settle_ms))
			timeout = settle_ms[settle] - (settle ? settle_ms[settle - 1] : 0);
		if (look && (timeout < 0 || timeout > 100))
			timeout = 100;
		if (poll(p, np, timeout) > 0) {
			settle = 0;
			if (efd >= 0)
				(void)!read(efd, buf, sizeof(buf));
			if (ino >= 0)
				while (read(ino, buf, sizeof(buf)) > 0)
					;
		} else if (settle < NSU_ARRAY_SIZE(settle_ms)) {
			settle++;
		}
		gfd = nsu_cg_open(ph, group);
		if (gfd < 0) {
			report(c, "removed", -1);
			rc = EXIT_SUCCESS;
			break;
		}
		close(gfd);
		settling = false;
		for (size_t i = 0; i < nw; i++) {
			int64_t now = watch_read(c, group, &w[i], &settling);

			if (now >= 0 && now != w[i].last)
				report(c, strcmp(w[i].key, "under_oom") == 0 ? "oom" : w[i].key, now);
			w[i].last = now;
		}
		for (size_t i = 0; i < nt; i++) {
			bool fired = p[first_t + i].revents & (POLLPRI | POLLIN);

			if (fired && t[i].events == POLLIN)
				(void)!read(t[i].fd, buf, sizeof(buf));
			if (t[i].threshold)
				threshold_check(c, &t[i]);
			else if (fired)
				report(c, t[i].event, -1);
		}
	}
out:
	for (size_t i = 0; i < nt; i++)
		close_trigger(&t[i]);
	for (size_t i = 0; i < nw; i++)
		close(w[i].fd);
	return rc;
}
