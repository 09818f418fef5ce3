// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nsenter - run a program in the namespaces of another process or of
 * namespace files.
 *
 * A drop-in for util-linux nsenter(1). With --target it pins the process with
 * a pidfd before anything else and enters its namespaces with one
 * setns(pidfd, flags) (Linux 5.8), so a PID recycled between the lookup and
 * the entry can never be entered; on older kernels, or when files are mixed
 * in, every file is opened through /proc/PID and the pidfd is checked to be
 * alive afterwards, which is just as safe.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroupfs.h"
#include "cleanup.h"
#include "compat.h"
#include "creds.h"
#include "errors.h"
#include "exec.h"
#include "idmap.h"
#include "mountutil.h"
#include "nstypes.h"
#include "procfs.h"
#include "strutils.h"

/* -S/-G "follow": take the id of the target. */
enum { ID_DEFAULT, ID_GIVEN, ID_FOLLOW };

struct opts {
	pid_t pid;
	int pin_ino_set;
	unsigned long long pin_ino;  /* --target PID:INODE */
	int all;
	int want[NSU_NS_COUNT];
	const char *file[NSU_NS_COUNT];
	int uid_mode, gid_mode;
	uid_t uid;
	gid_t gid;
	int preserve_cred;
	int keep_caps;
	int root_set, wd_set;
	const char *root, *wd, *wdns;
	int env;
	int no_fork;
	int follow_context;
	int join_cgroup;
	int user_parent;
	int net_socket;               /* -N FD; -1 when not given */
	char **argv;
};

/* What was opened before entering anything. */
struct acquired {
	int pidfd;
	int procfd;
	int nsfd[NSU_NS_COUNT];
	int rootfd, wdfd;
	int use_pidfd;                /* enter through setns(pidfd, flags) */
	int flags;                    /* kinds to enter */
	char *environ_buf;
	size_t environ_len;
	char *selinux_label;
};

enum {
	OPT_PRESERVE_CRED = CHAR_MAX + 1,
	OPT_KEEP_CAPS,
	OPT_USER_PARENT,
};

static const struct option longopts[] = {
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{"all", no_argument, NULL, 'a'},
	{"target", required_argument, NULL, 't'},
	NSU_NS_LONGOPTIONS,
	{"net-socket", required_argument, NULL, 'N'},
	{"user-parent", no_argument, NULL, OPT_USER_PARENT},
	{"setuid", required_argument, NULL, 'S'},
	{"setgid", required_argument, NULL, 'G'},
	{"preserve-credentials", no_argument, NULL, OPT_PRESERVE_CRED},
	{"keep-caps", no_argument, NULL, OPT_KEEP_CAPS},
	{"root", optional_argument, NULL, 'r'},
	{"wd", optional_argument, NULL, 'w'},
	{"wdns", optional_argument, NULL, 'W'},
	{"env", no_argument, NULL, 'e'},
	{"no-fork", no_argument, NULL, 'F'},
	{"follow-context", no_argument, NULL, 'Z'},
	{"join-cgroup", no_argument, NULL, 'c'},
	{NULL, 0, NULL, 0},
};

noreturn static void usage(void)
{
	fputs("\nUsage:\n"
	      " nsenter [options] [<program> [<argument>...]]\n"
	      "\nRun a program with namespaces of other processes.\n"
	      "\nOptions:\n"
	      " -a, --all              enter all namespaces (but the caller's own user namespace)\n"
	      " -t, --target <pid>[:<inode>]\n"
	      "                        target process to get namespaces from; with :<inode>\n"
	      "                          only the process whose pidfd has that inode\n"
	      " -m, --mount[=<file>]   enter mount namespace\n"
	      " -u, --uts[=<file>]     enter UTS namespace (hostname etc)\n"
	      " -i, --ipc[=<file>]     enter System V IPC namespace\n"
	      " -n, --net[=<file>]     enter network namespace\n"
	      " -N, --net-socket <fd>  enter the network namespace of the target's socket <fd>\n"
	      " -p, --pid[=<file>]     enter pid namespace\n"
	      " -C, --cgroup[=<file>]  enter cgroup namespace\n"
	      " -U, --user[=<file>]    enter user namespace\n"
	      "     --user-parent      enter the parent user namespace\n"
	      " -T, --time[=<file>]    enter time namespace\n"
	      " -S, --setuid <uid>     set uid in entered namespace ('follow': the target's)\n"
	      " -G, --setgid <gid>     set gid in entered namespace ('follow': the target's)\n"
	      "     --preserve-credentials do not touch uids or gids\n"
	      "     --keep-caps        retain capabilities granted in user namespaces\n"
	      " -r, --root[=<dir>]     set the root directory\n"
	      " -w, --wd[=<dir>]       set the working directory\n"
	      " -W, --wdns[=<dir>]     set the working directory in namespace\n"
	      " -e, --env              inherit environment variables from target process\n"
	      " -F, --no-fork          do not fork before exec'ing <program>\n"
	      " -c, --join-cgroup      join the cgroup of the target process\n"
	      " -Z, --follow-context   set SELinux context according to --target PID\n"
	      "\n"
	      " -h, --help             display this help\n"
	      " -V, --version          display version\n"
	      "\nFor more details see nsenter(1).\n",
	      stdout);
	exit(EXIT_SUCCESS);
}

static void want_ns(struct opts *o, enum nsu_nstype t, const char *file)
{
	o->want[t] = 1;
	o->file[t] = file;
}

static void parse_target(struct opts *o, const char *arg)
{
	_cleanup_free_ char *copy = strdup(arg);
	char *colon;

	if (!copy)
		nsu_err(NSU_EXIT_FAILURE, "cannot allocate memory");
	colon = strchr(copy, ':');
	if (colon) {
		uint64_t ino;

		*colon = '\0';
		if (nsu_parse_u64(colon + 1, &ino) < 0)
			nsu_usage_error("invalid target '%s': expected <pid> or <pid>:<inode>", arg);
		o->pin_ino = ino;
		o->pin_ino_set = 1;
	}
	o->pid = nsu_pid_or_err(copy, "target PID");
}

/* "-w=DIR" and "--wd==DIR" mean DIR, as util-linux reads them. */
static const char *skip_equals(const char *arg)
{
	return arg && *arg == '=' ? arg + 1 : arg;
}

/* -S/-G take an id, or "follow" for the target's (util-linux 2.39). */
static int id_mode(const char *arg)
{
	return strcmp(arg, "follow") == 0 ? ID_FOLLOW : ID_GIVEN;
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	const struct nsu_nsinfo *ns;
	int c;

	argv[0] = program_invocation_short_name;
	while ((c = getopt_long(argc, argv, "+ahVt:m::u::i::n::N:p::C::U::T::S:G:r::w::W::FZce",
				longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage();
		case 'V':
			nsu_print_version();
		case 'a':
			o->all = 1;
			break;
		case 't':
			/* one target: a second is refused, as util-linux does */
			if (o->pid)
				nsu_errx(NSU_EXIT_FAILURE, "option --target may be given only once");
			parse_target(o, optarg);
			break;
		case 'N':
			o->net_socket =
				(int)nsu_u64_range_or_err(optarg, 0, INT_MAX, "file descriptor");
			o->want[NSU_NS_NET] = 1;
			break;
		case OPT_USER_PARENT:
			/* implies --user: the parent of the target's user namespace */
			o->user_parent = 1;
			break;
		case 'S':
			o->uid_mode = id_mode(optarg);
			if (o->uid_mode == ID_GIVEN)
				o->uid = nsu_uid_or_err(optarg, "user");
			break;
		case 'G':
			o->gid_mode = id_mode(optarg);
			if (o->gid_mode == ID_GIVEN)
				o->gid = nsu_gid_or_err(optarg, "group");
			break;
		case OPT_PRESERVE_CRED:
			o->preserve_cred = 1;
			break;
		case OPT_KEEP_CAPS:
			o->keep_caps = 1;
			break;
		case 'r':
			o->root_set = 1;
			o->root = optarg;
			break;
		case 'w':
			o->wd_set = 1;
			o->wd = skip_equals(optarg);
			break;
		case 'W':
			/* optional, as in util-linux: "-W DIR" is -W and a program named DIR */
			o->wdns = skip_equals(optarg);
			break;
		case 'e':
			o->env = 1;
			break;
		case 'F':
			o->no_fork = 1;
			break;
		case 'Z':
			o->follow_context = 1;
			break;
		case 'c':
			o->join_cgroup = 1;
			break;
		default:
			/* -m -u -i -n -p -U -C -T, each with an optional FILE */
			ns = nsu_ns_by_shortopt(c);
			if (!ns)
				nsu_bad_usage();
			want_ns(o, ns->type, optarg);
		}
	}
	o->argv = argv + optind;
}

static void check_options(struct opts *o)
{
	int any = o->all || o->user_parent, files = 0;

	if (o->all && !o->pid)
		nsu_usage_error("no target PID specified for --all");
	if (o->wd_set && o->wdns)
		nsu_usage_error("--wd and --wdns are mutually exclusive");
	for (int t = 0; t < NSU_NS_COUNT; t++) {
		any |= o->want[t];
		files |= o->file[t] != NULL;
		if (o->want[t] && !o->file[t] && !o->pid && !(t == NSU_NS_NET && o->net_socket >= 0))
			nsu_usage_error("neither filename nor target pid supplied for ns/%s",
					nsu_ns_get(t)->proc);
	}
	if (!o->pid) {
		const char *needs = o->net_socket >= 0                   ? "--net-socket"
				    : o->join_cgroup                     ? "--join-cgroup"
				    : o->env                             ? "--env"
				    : o->follow_context                  ? "--follow-context"
				    : o->uid_mode == ID_FOLLOW           ? "--setuid follow"
				    : o->gid_mode == ID_FOLLOW           ? "--setgid follow"
				    : o->root_set && !o->root            ? "--root without a directory"
				    : o->wd_set && !o->wd                ? "--wd without a directory"
									 : NULL;

		if (needs)
			nsu_usage_error("%s needs a target process (--target)", needs);
	}
	if (!any)
		nsu_errx(NSU_EXIT_FAILURE, "no namespace specified");
	if (o->user_parent && !o->pid && !files)
		nsu_usage_error("--user-parent needs a target process or a namespace file");
}

/*
 * Say why a process's namespaces may not be opened or entered: the kernel
 * wants ptrace access to it (PTRACE_MODE_READ_FSCREDS) and CAP_SYS_ADMIN.
 */
static void access_hint(int err, pid_t pid)
{
	if (err != EPERM && err != EACCES)
		return;
	if (geteuid() != 0)
		nsu_hint("entering the namespaces of another process needs root");
	else if (pid)
		nsu_hint("process %d is out of reach even for root here (not dumpable, or "
			 "owned by a supervisor outside this container)", (int)pid);
}

/* 1 if the target's namespace of kind @t is the one we are in already. */
static int same_as_ours(int procfd, const struct nsu_nsinfo *ns)
{
	char path[64];
	struct stat a, b;

	snprintf(path, sizeof(path), "ns/%s", ns->proc);
	if (fstatat(procfd, path, &a, 0) < 0)
		return -errno;
	snprintf(path, sizeof(path), "/proc/self/ns/%s", ns->proc);
	if (stat(path, &b) < 0)
		return -errno;
	return a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

static int open_dir_or_err(const char *path, int dirfd)
{
	int fd = openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot open %s", path);
	return fd;
}

/* The namespace of socket @fd of the target, via a copy of the socket. */
static int open_socket_netns(const struct acquired *a, pid_t pid, int fd)
{
	_cleanup_close_ int sock = -1;
	int ns;

	/* (pidfd_open came in Linux 5.3, pidfd_getfd in 5.6) */
	sock = a->pidfd < 0 ? -1 : pidfd_getfd(a->pidfd, fd, 0);
	if (a->pidfd < 0 || (sock < 0 && errno == ENOSYS))
		nsu_errx(NSU_EXIT_FAILURE, "--net-socket needs pidfd_getfd (Linux 5.6)");
	if (sock < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot get file descriptor %d of process %d", fd,
			(int)pid);
	ns = ioctl(sock, SIOCGSKNS);
	if (ns < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot get the network namespace of socket %d", fd);
	return ns;
}

/*
 * The user namespace of the target: the one given (-U FILE, or the target's
 * when -U is given), else the target process's, else the owner of a
 * namespace file. Returns an fd the caller closes.
 */
static int open_target_userns(const struct opts *o, const struct acquired *a)
{
	int fd;

	if (a->nsfd[NSU_NS_USER] >= 0)
		fd = fcntl(a->nsfd[NSU_NS_USER], F_DUPFD_CLOEXEC, 0);
	else if (a->procfd >= 0)
		fd = nsu_proc_open_ns(a->procfd, "user");
	else {
		fd = -EBADF;
		for (int t = 0; t < NSU_NS_COUNT && fd < 0; t++)
			if (a->nsfd[t] >= 0)
				fd = ioctl(a->nsfd[t], NS_GET_USERNS);
	}
	if (fd < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot open the user namespace of %s",
			o->pid ? "the target" : "the namespace file");
	return fd;
}

/* --user-parent: enter the parent of the target's user namespace (NS_GET_PARENT). */
static void replace_user_with_parent(const struct opts *o, struct acquired *a)
{
	_cleanup_close_ int user = open_target_userns(o, a);
	int fd = ioctl(user, NS_GET_PARENT);

	if (fd < 0) {
		int e = errno;

		nsu_warnc(e, "cannot get the parent user namespace");
		if (e == ENOTTY)
			nsu_hint("--user-parent needs Linux 4.9 or newer");
		else if (e == EPERM)
			nsu_hint("the target's user namespace is the initial one or not below yours");
		exit(NSU_EXIT_FAILURE);
	}
	if (a->nsfd[NSU_NS_USER] >= 0)
		close(a->nsfd[NSU_NS_USER]);
	a->nsfd[NSU_NS_USER] = fd;
	a->flags |= CLONE_NEWUSER;
}

/* Is SELinux there at all? Its filesystem is mounted where it is enabled. */
static char *read_selinux_label(int procfd)
{
	char *label = NULL;
	size_t len;
	int r;

	if (access("/sys/fs/selinux/enforce", F_OK) < 0)
		nsu_errx(NSU_EXIT_FAILURE, "--follow-context: SELinux is not enabled on this system");
	r = nsu_read_file_at(procfd, "attr/current", &label, &len);
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot read the SELinux context of the target");
	while (len && (label[len - 1] == '\n' || label[len - 1] == '\0'))
		label[--len] = '\0';
	return label;
}

static void acquire(struct opts *o, struct acquired *a)
{
	int mixed = 0;

	if (o->pid) {
		int r = nsu_pidfd_open(o->pid);

		/*
		 * ENOSYS: no pidfds (Linux < 5.3). EINVAL (before Linux 6.9) or
		 * ENOENT (since): a thread id, for which pidfd_open() wants
		 * PIDFD_THREAD; /proc/TID serves then, as in util-linux.
		 */
		if (r < 0 && r != -ENOSYS && r != -EINVAL && r != -ENOENT)
			nsu_errc(NSU_EXIT_FAILURE, r, "cannot open process %d", (int)o->pid);
		a->pidfd = r < 0 ? -1 : r;
		if (o->pin_ino_set) {
			unsigned long long ino = 0;

			if (a->pidfd < 0)
				nsu_errx(NSU_EXIT_FAILURE, "--target %d:%llu needs pidfds (Linux 5.3)",
					 (int)o->pid, o->pin_ino);
			r = nsu_pidfd_inode(a->pidfd, &ino);
			if (r == -EOPNOTSUPP)
				nsu_errx(NSU_EXIT_FAILURE, "--target PID:INODE needs pidfs (Linux 6.9)");
			if (r < 0)
				nsu_errc(NSU_EXIT_FAILURE, r, "cannot stat the pidfd of process %d",
					 (int)o->pid);
			if (ino != o->pin_ino)
				nsu_errx(NSU_EXIT_FAILURE, "process %d is not the one with pidfd inode "
							   "%llu (it has %llu)",
					 (int)o->pid, o->pin_ino, ino);
		}
		a->procfd = nsu_proc_open(o->pid);
		/* (no /proc/PID: no such process, as pidfd_open() says where there are pidfds) */
		if (a->procfd < 0)
			nsu_errc(NSU_EXIT_FAILURE, a->procfd == -ENOENT ? -ESRCH : a->procfd,
				 "cannot open process %d", (int)o->pid);
	}

	for (int t = 0; t < NSU_NS_COUNT; t++) {
		const struct nsu_nsinfo *ns = nsu_ns_get(t);
		int same;

		if (!o->want[t] && !o->all)
			continue;
		if (o->file[t]) {
			a->nsfd[t] = open(o->file[t], O_RDONLY | O_CLOEXEC);
			if (a->nsfd[t] < 0)
				nsu_err(NSU_EXIT_FAILURE, "cannot open %s", o->file[t]);
			mixed = 1;
			a->flags |= ns->flag;
			continue;
		}
		if (t == NSU_NS_NET && o->net_socket >= 0)
			continue;
		same = same_as_ours(a->procfd, ns);
		/* a kind this kernel lacks; one that may not be seen is an error (util-linux: "stat of ... failed") */
		if (same == -ENOENT && o->all && !o->want[t])
			continue;
		if (same < 0) {
			nsu_warnc(-same, "cannot stat /proc/%d/ns/%s", (int)o->pid, ns->proc);
			access_hint(-same, o->pid);
			exit(NSU_EXIT_FAILURE);
		}
		/*
		 * Entering one's own user namespace is refused by the kernel
		 * (EINVAL): asked for with -U, that is the answer, as with
		 * util-linux, and nothing runs (skipping it would skip every
		 * credential change -U implies, and run the program with the
		 * caller's groups). -a skips it, and enters every other kind,
		 * the same or not, as util-linux does (entering one's own mount
		 * namespace again puts the working directory at its root; one's
		 * own PID namespace means a fork).
		 */
		if (same && t == NSU_NS_USER && o->want[t] && !o->user_parent) {
			nsu_warnc(EINVAL, "cannot enter the user namespace of process %d", (int)o->pid);
			nsu_hint("it is the caller's own user namespace, which the kernel does not enter again");
			exit(NSU_EXIT_FAILURE);
		}
		if (same && t == NSU_NS_USER)
			continue;
		a->flags |= ns->flag;
		a->nsfd[t] = nsu_proc_open_ns(a->procfd, ns->proc);
		if (a->nsfd[t] < 0) {
			nsu_warnc(-a->nsfd[t], "cannot open /proc/%d/ns/%s", (int)o->pid, ns->proc);
			access_hint(-a->nsfd[t], o->pid);
			exit(NSU_EXIT_FAILURE);
		}
	}
	if (o->net_socket >= 0) {
		a->nsfd[NSU_NS_NET] = open_socket_netns(a, o->pid, o->net_socket);
		a->flags |= CLONE_NEWNET;
		mixed = 1;
	}
	if (o->user_parent) {
		replace_user_with_parent(o, a);
		mixed = 1;
	}

	if (o->root_set)
		a->rootfd = o->root ? open_dir_or_err(o->root, AT_FDCWD)
				    : open_dir_or_err("root", a->procfd);
	if (o->wd_set)
		a->wdfd = o->wd ? open_dir_or_err(o->wd, AT_FDCWD) : open_dir_or_err("cwd", a->procfd);
	if (o->env) {
		int r = nsu_read_file_at(a->procfd, "environ", &a->environ_buf, &a->environ_len);

		if (r < 0)
			nsu_errc(NSU_EXIT_FAILURE, r, "cannot read /proc/%d/environ", (int)o->pid);
	}
	if (o->follow_context)
		a->selinux_label = read_selinux_label(a->procfd);

	/*
	 * Everything above came from /proc/PID; if the process is still alive
	 * now, it was the same process all along (its pidfd pins it).
	 */
	if (a->pidfd >= 0 && pidfd_send_signal(a->pidfd, 0, NULL, 0) < 0 && errno == ESRCH)
		nsu_errx(NSU_EXIT_FAILURE, "process %d exited", (int)o->pid);
	a->use_pidfd = a->pidfd >= 0 && !mixed && a->flags;
}

/*
 * The hierarchy of a /proc/PID/cgroup line's controllers field ("" for
 * cgroup2, "cpu,cpuacct", "name=systemd"), or NULL where it is not mounted.
 */
static const struct nsu_cg_hier *line_hier(const struct nsu_cg *cg, const char *ctls, size_t len)
{
	for (size_t i = 0; i < cg->n; i++) {
		const struct nsu_cg_hier *h = &cg->h[i];

		if (len == 0 ? h->version == 2
			     : h->version == 1 && strlen(h->controllers) == len && strncmp(h->controllers, ctls, len) == 0)
			return h;
	}
	return NULL;
}

/*
 * Move this process into the groups that @cgfile (a /proc/PID/cgroup)
 * names, cgroup2's first (it alone may refuse: no internal processes),
 * then each v1 hierarchy's. The number of
 * hierarchies joined in *@done; 0 or -errno, @failed naming the group.
 */
static int join_groups(const struct nsu_cg *cg, const char *cgfile, size_t *done, char *failed, size_t size)
{
	char pidstr[16];

	*done = 0;
	snprintf(pidstr, sizeof(pidstr), "%d", (int)getpid());
	for (int pass = 0; pass < 2; pass++) {
		for (const char *l = cgfile; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
			const char *c1 = strchr(l, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
			const struct nsu_cg_hier *h;
			char path[PATH_MAX];
			int r;

			if (!c2)
				continue;
			h = line_hier(cg, c1 + 1, (size_t)(c2 - c1 - 1));
			if (!h || (h->version == 2) != (pass == 0))
				continue;
			snprintf(path, sizeof(path), "%s%.*s/cgroup.procs", h->mount, (int)strcspn(c2 + 1, "\n"), c2 + 1);
			r = nsu_write_file_at(AT_FDCWD, path, pidstr, strlen(pidstr));
			if (r < 0) {
				snprintf(failed, size, "%s", path);
				return r;
			}
			(*done)++;
		}
	}
	return 0;
}

/*
 * Join the target's groups, before the mount namespace changes: in every
 * hierarchy of this layout (on hybrid the v1 ones too, where util-linux
 * joins cgroup2's only, so a shell entered into a container would escape
 * its v1 limits), all or nothing.
 */
static void join_cgroup(const struct opts *o, const struct acquired *a)
{
	_cleanup_free_ char *theirs = NULL, *ours = NULL;
	char failed[PATH_MAX] = "", ignored[PATH_MAX];
	struct nsu_cg cg;
	size_t done, back;
	int r;

	r = nsu_read_file_at(a->procfd, "cgroup", &theirs, NULL);
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot read /proc/%d/cgroup", (int)o->pid);
	if (!strstr(theirs, "0::") || (strstr(theirs, "0::") != theirs && strstr(theirs, "0::")[-1] != '\n'))
		nsu_errx(NSU_EXIT_FAILURE, "process %d is in no cgroup2 group", (int)o->pid);
	r = nsu_read_file_at(AT_FDCWD, "/proc/self/cgroup", &ours, NULL);
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot read /proc/self/cgroup");
	r = nsu_cg_detect(&cg, NULL);
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot find the cgroup hierarchies");
	r = join_groups(&cg, theirs, &done, failed, sizeof(failed));
	if (r < 0) {
		/* all or nothing: back where we were in the ones joined */
		if (done)
			join_groups(&cg, ours, &back, ignored, sizeof(ignored));
		nsu_cg_free(&cg);
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot join the cgroup of process %d (%s)", (int)o->pid, failed);
	}
	nsu_cg_free(&cg);
}

/* Upstream's two passes: all but the user namespace first, failures
 * forgiven; then the user namespace and whatever failed before. So entering
 * works both when the user namespace gives privilege and when it takes it. */
static void enter_by_files(struct acquired *a)
{
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i <= NSU_NS_COUNT; i++) {
			/* Pass 1 starts with the user namespace. */
			int t = pass == 0 ? i : (i == 0 ? NSU_NS_USER : i - 1);
			const struct nsu_nsinfo *ns;

			if (t >= NSU_NS_COUNT || (pass == 0 && t == NSU_NS_USER) ||
			    (pass == 1 && i > 0 && t == NSU_NS_USER))
				continue;
			if (a->nsfd[t] < 0)
				continue;
			ns = nsu_ns_get(t);
			if (setns(a->nsfd[t], ns->flag) < 0) {
				int e = errno;

				if (pass == 0)
					continue;
				nsu_warnc(e, "reassociate to namespace 'ns/%s' failed", ns->proc);
				access_hint(e, 0);
				exit(NSU_EXIT_FAILURE);
			}
			close(a->nsfd[t]);
			a->nsfd[t] = -1;
		}
	}
}

static void enter(const struct opts *o, struct acquired *a)
{
	if (a->use_pidfd) {
		if (setns(a->pidfd, a->flags) == 0)
			return;
		/*
		 * EINVAL: a kernel before 5.8 takes no pidfd here. EPERM with a
		 * user namespace: the one-step entry can fail where the
		 * two-pass one succeeds. The files were opened already.
		 */
		if (errno != EINVAL && !(errno == EPERM && (a->flags & CLONE_NEWUSER)))
			nsu_err(NSU_EXIT_FAILURE, "cannot enter the namespaces of process %d",
				(int)o->pid);
	}
	enter_by_files(a);
}

/*
 * -S follow / -G follow: the owner of /proc/PID, which is the target's
 * effective uid and gid (root's if it is not dumpable), as util-linux takes
 * them. Called after entering: stat(2) shows ids as the caller's user
 * namespace, now the entered one, sees them.
 */
static void target_ids(const struct acquired *a, uid_t *uid, gid_t *gid)
{
	struct stat st;

	if (fstat(a->procfd, &st) < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot stat the target process");
	*uid = st.st_uid;
	*gid = st.st_gid;
}

static void set_environment(const struct acquired *a)
{
	const char *p = a->environ_buf, *end = a->environ_buf + a->environ_len;

	clearenv();
	/* Entries are NUL-separated; the last one may lack its NUL: stop at the end. */
	while (p < end) {
		size_t n = strnlen(p, (size_t)(end - p));
		_cleanup_free_ char *entry = strndup(p, n);
		char *eq = entry ? strchr(entry, '=') : NULL;

		if (!entry)
			nsu_err(NSU_EXIT_FAILURE, "cannot allocate memory");
		p += n + 1;
		if (!eq || eq == entry)
			continue;
		*eq = '\0';
		if (setenv(entry, eq + 1, 1) != 0)
			nsu_err(NSU_EXIT_FAILURE, "cannot set the environment");
	}
}

/*
 * The ids the program gets: entering a user namespace sets uid and gid (0
 * unless -S/-G say otherwise), unless --preserve-credentials; an explicit
 * -S or -G is applied in any case, as in util-linux.
 */
static void wanted_ids(const struct opts *o, const struct acquired *a, int *set_uid, int *set_gid)
{
	int user = (a->flags & CLONE_NEWUSER) && !o->preserve_cred;

	*set_uid = o->uid_mode != ID_DEFAULT || user;
	*set_gid = o->gid_mode != ID_DEFAULT || user;
}

/*
 * Before entering a user namespace (not with --preserve-credentials), root
 * drops its supplementary groups: inside one whose setgroups is "deny" it
 * no longer can. Returns 1 when that failed: the second try after entering
 * must then succeed.
 */
static int drop_groups_before(const struct opts *o, const struct acquired *a)
{
	if (!(a->flags & CLONE_NEWUSER) || o->preserve_cred)
		return 0;
	return setgroups(0, NULL) < 0;
}

static void set_ids(const struct opts *o, const struct acquired *a, int groups_failed)
{
	const char *what = NULL;
	int set_uid, set_gid, r;
	uid_t uid = o->uid, fuid;
	gid_t gid = o->gid, fgid;

	wanted_ids(o, a, &set_uid, &set_gid);
	if (o->uid_mode == ID_FOLLOW || o->gid_mode == ID_FOLLOW) {
		target_ids(a, &fuid, &fgid);
		uid = o->uid_mode == ID_FOLLOW ? fuid : uid;
		gid = o->gid_mode == ID_FOLLOW ? fgid : gid;
	}
	/* util-linux complains only when both tries failed. */
	if (set_gid && setgroups(0, NULL) < 0 && groups_failed)
		nsu_err(NSU_EXIT_FAILURE, "setgroups failed");
	r = nsu_set_ids(set_uid, uid, set_gid, gid, 0, &what);
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "%s failed", what);
}

static void finish_inside(const struct opts *o, struct acquired *a, int groups_failed)
{
	int r;

	if (a->rootfd >= 0) {
		/*
		 * Without -w the working directory stays where it is (as
		 * util-linux does): the one of now, entered again after the
		 * chroot, even if it lies outside the new root.
		 */
		if (a->wdfd < 0 && !o->wdns) {
			a->wdfd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (a->wdfd < 0)
				nsu_err(NSU_EXIT_FAILURE, "cannot open the working directory");
		}
		if (fchdir(a->rootfd) < 0 || chroot(".") < 0)
			nsu_err(NSU_EXIT_FAILURE, "cannot change root directory to %s",
				o->root ? o->root : "that of the target");
	}
	if (a->wdfd >= 0 && fchdir(a->wdfd) < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot change directory to %s",
			o->wd ? o->wd : o->wd_set ? "that of the target" : "the one it was");
	if (o->wdns && chdir(o->wdns) < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot change directory to %s", o->wdns);
	if (o->env)
		set_environment(a);
	set_ids(o, a, groups_failed);
	if (o->keep_caps && (a->flags & CLONE_NEWUSER)) {
		r = nsu_caps_to_ambient();
		if (r < 0)
			nsu_errc(NSU_EXIT_FAILURE, r, "cannot keep capabilities");
	}
	if (a->selinux_label) {
		/* What setexeccon(3) does, without linking libselinux. */
		r = nsu_write_file_at(AT_FDCWD, "/proc/self/attr/exec", a->selinux_label,
				      strlen(a->selinux_label));
		if (r < 0)
			nsu_errc(NSU_EXIT_FAILURE, r, "cannot set the SELinux context %s",
				 a->selinux_label);
	}
}

/* A new PID namespace applies to children only: fork so the program is in it. */
static void fork_and_wait(void)
{
	pid_t child;
	int status;

	fflush(NULL);
	child = fork();
	if (child < 0)
		nsu_err(NSU_EXIT_FAILURE, "fork failed");
	if (child == 0)
		return;
	/* Pass job control through: when the child stops, stop too, then resume it. */
	for (;;) {
		if (waitpid(child, &status, WUNTRACED) < 0) {
			if (errno == EINTR)
				continue;
			nsu_err(NSU_EXIT_FAILURE, "waitpid failed");
		}
		if (WIFSTOPPED(status)) {
			kill(getpid(), SIGSTOP);
			kill(child, SIGCONT);
			continue;
		}
		break;
	}
	nsu_exit_like(status);
}

int main(int argc, char **argv)
{
	struct opts o = {.net_socket = -1};
	struct acquired a = {.pidfd = -1, .procfd = -1, .rootfd = -1, .wdfd = -1};
	int groups_failed;

	for (int t = 0; t < NSU_NS_COUNT; t++)
		a.nsfd[t] = -1;
	nsu_close_stdout_at_exit();
	parse_args(&o, argc, argv);
	check_options(&o);
	acquire(&o, &a);
	if (o.join_cgroup)
		join_cgroup(&o, &a);
	groups_failed = drop_groups_before(&o, &a);
	enter(&o, &a);
	finish_inside(&o, &a, groups_failed);
	if ((a.flags & CLONE_NEWPID) && !o.no_fork)
		fork_and_wait();
	nsu_exec_or_err(o.argv);
}
