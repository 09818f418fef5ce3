// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-exec.c - cgctl exec: a program in a group made or found for it, as
 * cgexec and systemd-run do; with --rm the group goes when the program ends.
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
#include "cgctl-group.h"
#include "cgctl-make.h"
#include "cgctl-tree.h"
#include "cgctl-figures.h"
#include "cgctl-table.h"
#include "cgctl-json.h"
#include "cgctl-devices.h"
#include "cleanup.h"
#include "errors.h"
#include "procfs.h"
#include "strutils.h"
#include "compat.h"
#include "exec.h"
#include "timeutil.h"

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
static int join(struct nsu_cg_hier **hs, size_t nh, const char *group, bool placed, size_t *joined)
{
	*joined = 0;
	for (size_t i = 0; i < nh; i++, (*joined)++) {
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
			/* v2's common-ancestor rule: a move needs write access to both groups' common ancestor */
			if (r == -EACCES && hs[i]->version == 2 && geteuid() != 0)
				nsu_hint("cgroup v2 moves a process only below a group it may write to that holds it "
					 "already: run cgctl from inside the delegated group (cgctl attach GROUP $$ "
					 "as root, once), then exec into groups below it");
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
	size_t joined = 0;
	int r;

	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	r = nsu_read_file_at(AT_FDCWD, "/proc/self/cgroup", &cgfile, NULL);
	if (r < 0) {
		nsu_warnc(r, "cannot read /proc/self/cgroup");
	} else if (join(hs, nh, a->group, false, &joined) < 0) {
		/* back in the hierarchies it had joined (the one refused and those after it it never left) */
		move_back(hs, joined, cgfile, pid, a->group);
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
	size_t joined;
	int r;

	entry_signals();
	block_forwarded(SIG_UNBLOCK);
	/* The program dies with cgctl (kill -9 of the parent): nothing runs on unwatched in the group. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent) {
		(void)!write(newsfd, "f", 1);
		_exit(NSU_EXIT_FAILURE);
	}
	if (join(hs, nh, a->group, placed, &joined) < 0) {
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
