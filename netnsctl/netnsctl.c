// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netnsctl - named network namespaces, with the on-disk contract of iproute2's
 * `ip netns`: /var/run/netns/NAME is an nsfs bind mount, and /var/run/netns a
 * mount point with shared propagation, so that ip and netnsctl each use what
 * the other made. This file holds the commands; netnsctl-entry.c the entries
 * (atomic add, debris), netnsctl-connect.c the veth wiring.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cleanup.h"
#include "compat.h"
#include "errors.h"
#include "jsonw.h"
#include "exec.h"
#include "netlink.h"
#include "netnsctl.h"
#include "nstypes.h"
#include "procfs.h"
#include "strutils.h"
#include "verbs.h"

/* JSON string body with the escapes RFC 8259 requires. */
/* A name as plain text: any byte but '/' may be in it, so shown escaped, as util-linux does. */
static void put_name(const char *name, const char *end)
{
	_cleanup_free_ char *shown = nsu_safe_text(name);

	fputs(shown ? shown : name, stdout);
	fputs(end, stdout);
}

/* A JSON writer for a list: with -p each element on its own line, as ip -j -p. */
static void json_list(const struct nsu_tool *g, struct nsu_json *j)
{
	nsu_json_begin(j, stdout, g->pretty ? NSU_JSON_OUTER_LINES : NSU_JSON_COMPACT);
	nsu_json_open(j, NULL, '[');
}

/* The id our namespace has for the namespace of @fd, -1 if none. */
static int nsid_of(struct mnl_socket *nl, int fd)
{
	int nsid = -1;

	if (!nl || nsu_nl_get_nsid(nl, fd, &nsid) < 0)
		return -1;
	return nsid;
}

static int cmd_list(struct nsu_tool *g, int argc, char **argv)
{
	size_t n;
	char **names;
	struct mnl_socket *nl;
	struct nsu_json j;

	if (argc > 1)
		nsu_usage_error("list: unexpected argument '%s'", argv[1]);
	names = list_entries(&n);
	nl = nsu_nl_open();
	if (g->json)
		json_list(g, &j);
	for (size_t i = 0; i < n; i++) {
		/* never stall on an entry being made: say so instead */
		int st = entry_state(names[i], 0);
		int nsid = -1;
		/* a name may hold any byte but '/': shown escaped, as util-linux does */
		_cleanup_free_ char *shown = nsu_safe_text(names[i]);
		const char *name = shown ? shown : names[i];

		if (st == ENTRY_MISSING)
			continue; /* deleted while we looked */
		if (st == ENTRY_READY) {
			_cleanup_free_ char *path = entry_path(names[i]);
			_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);

			if (fd >= 0)
				nsid = nsid_of(nl, fd);
		}
		if (g->json) {
			nsu_json_open(&j, NULL, '{');
			nsu_json_str(&j, "name", names[i]);
			if (nsid >= 0)
				nsu_json_i64(&j, "id", nsid);
			if (st == ENTRY_DEBRIS || st == ENTRY_LINK)
				nsu_json_bool(&j, "debris", true);
			if (st == ENTRY_CREATING)
				nsu_json_bool(&j, "creating", true);
			nsu_json_close(&j);
		} else if (st == ENTRY_READY) {
			fputs(name, stdout);
			if (nsid >= 0)
				printf(" (id: %d)", nsid);
			putchar('\n');
		} else if (st == ENTRY_CREATING) {
			printf("%s (being created)\n", name);
		} else if (st == ENTRY_LINK) {
			printf("%s (debris: a symbolic link, not a namespace; 'netnsctl delete %s' removes it)\n",
			       name, name);
		} else if (st < 0) {
			printf("%s (cannot check: %s)\n", name, strerror(-st));
		} else {
			printf("%s (debris: not a namespace; 'netnsctl delete %s' removes it)\n", name, name);
		}
		free(names[i]);
	}
	if (g->json)
		nsu_json_close(&j);
	free(names);
	if (nl)
		mnl_socket_close(nl);
	return EXIT_SUCCESS;
}

static int cmd_add(struct nsu_tool *g, int argc, char **argv)
{
	int failed = 0;

	(void)g;
	if (argc < 2)
		nsu_usage_error("add: a name is required");
	for (int i = 1; i < argc; i++)
		check_name(argv[i]);
	for (int i = 1; i < argc; i++)
		failed |= make_entry(argv[i], NULL) < 0;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int cmd_attach(struct nsu_tool *g, int argc, char **argv)
{
	char src[64];
	pid_t pid;

	(void)g;
	if (argc != 3)
		nsu_usage_error("attach: expected NAME PID");
	check_name(argv[1]);
	pid = nsu_pid_or_err(argv[2], "PID");
	snprintf(src, sizeof(src), "/proc/%d/ns/net", (int)pid);
	if (access(src, F_OK) < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot use the network namespace of process %d", (int)pid);
	return make_entry(argv[1], src) < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

static void print_pid(pid_t pid, void *data)
{
	(void)data;
	printf("%d\n", (int)pid);
}

static uint64_t entry_ino(const char *name)
{
	_cleanup_close_ int fd = open_netns_or_err(name);
	struct stat st;

	if (fstat(fd, &st) < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot stat network namespace \"%s\"", name);
	return st.st_ino;
}

static int cmd_delete(struct nsu_tool *g, int argc, char **argv)
{
	int failed = 0;

	if ((g->all && argc == 1) || (argc == 2 && strcmp(argv[1], "--all") == 0)) {
		size_t n;
		char **names = list_entries(&n);

		for (size_t i = 0; i < n; i++) {
			failed |= delete_one(names[i]) < 0;
			free(names[i]);
		}
		free(names);
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;
	}
	if (g->all || (argc > 2 && strcmp(argv[1], "--all") == 0))
		nsu_usage_error("delete: --all takes no names");
	if (argc < 2)
		nsu_usage_error("delete: a name or --all is required");
	for (int i = 1; i < argc; i++)
		check_name(argv[i]);
	for (int i = 1; i < argc; i++)
		failed |= delete_one(argv[i]) < 0;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int cmd_set(struct nsu_tool *g, int argc, char **argv)
{
	_cleanup_close_ int fd = -1;
	struct mnl_socket *nl;
	uint64_t v;
	int nsid = -1, r;

	(void)g;
	if (argc != 3)
		nsu_usage_error("set: expected NAME NSID|auto");
	check_name(argv[1]);
	if (strcmp(argv[2], "auto") != 0) {
		if (nsu_parse_u64_range(argv[2], 0, INT32_MAX, &v) < 0)
			nsu_errx(NSU_EXIT_FAILURE, "invalid id '%s': expected 0..%d or auto", argv[2], INT32_MAX);
		nsid = (int)v;
	}
	fd = open_netns_or_err(argv[1]);
	nl = nsu_nl_open();
	if (!nl)
		nsu_err(NSU_EXIT_FAILURE, "cannot open a netlink socket");
	r = nsu_nl_set_nsid(nl, fd, nsid);
	mnl_socket_close(nl);
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot set the id of \"%s\" to %s", argv[1], argv[2]);
	return EXIT_SUCCESS;
}

struct nsid_names {
	int *ids;
	char **names;
	size_t n;
	int only;
	const struct nsu_tool *g;
	struct nsu_json j;
};

static void print_nsid(int nsid, void *data)
{
	struct nsid_names *m = data;
	const char *name = NULL;

	if (m->only >= 0 && nsid != m->only)
		return;
	for (size_t i = 0; i < m->n; i++)
		if (m->ids[i] == nsid)
			name = m->names[i];
	if (m->g->json) {
		nsu_json_open(&m->j, NULL, '{');
		nsu_json_i64(&m->j, "nsid", nsid);
		if (name)
			nsu_json_str(&m->j, "name", name);
		nsu_json_close(&m->j);
	} else if (name) {
		printf("nsid %d (iproute2 netns name: ", nsid);
		put_name(name, ")\n");
	} else {
		printf("nsid %d\n", nsid);
	}
}

static int cmd_list_id(struct nsu_tool *g, int argc, char **argv)
{
	struct nsid_names m = {.ids = NULL, .names = NULL, .n = 0, .only = -1, .g = g};
	struct mnl_socket *nl;
	int target = -1, r;
	uint64_t v;
	char **names;
	size_t n;

	for (int i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			nsu_usage_error("list-id: %s needs a value", argv[i]);
		if (nsu_parse_u64_range(argv[i + 1], 0, INT32_MAX, &v) < 0)
			nsu_errx(NSU_EXIT_FAILURE, "invalid %s '%s'", argv[i], argv[i + 1]);
		if (strcmp(argv[i], "target-nsid") == 0)
			target = (int)v;
		else if (strcmp(argv[i], "nsid") == 0)
			m.only = (int)v;
		else
			nsu_usage_error("list-id: unknown argument '%s'", argv[i]);
	}
	nl = nsu_nl_open();
	if (!nl)
		nsu_err(NSU_EXIT_FAILURE, "cannot open a netlink socket");
	/* The names of the ids, as our namespace sees them. */
	names = list_entries(&n);
	m.ids = nsu_xrealloc(NULL, n * sizeof(*m.ids));
	m.names = names;
	m.n = n;
	for (size_t i = 0; i < n; i++) {
		_cleanup_free_ char *path = entry_path(names[i]);
		_cleanup_close_ int fd = -1;

		m.ids[i] = -1;
		if (target < 0 && entry_state(names[i], 0) == ENTRY_READY) {
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd >= 0)
				m.ids[i] = nsid_of(nl, fd);
		}
	}
	if (g->json)
		json_list(g, &m.j);
	r = nsu_nl_dump_nsids(nl, target, print_nsid, &m);
	if (g->json)
		nsu_json_close(&m.j);
	mnl_socket_close(nl);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(m.ids);
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot list the namespace ids");
	return EXIT_SUCCESS;
}

static int cmd_identify(struct nsu_tool *g, int argc, char **argv)
{
	pid_t pid = getpid();
	char path[64];
	struct stat want;
	char **names;
	size_t n;

	(void)g;
	if (argc > 2)
		nsu_usage_error("identify: unexpected argument '%s'", argv[2]);
	if (argc == 2)
		pid = nsu_pid_or_err(argv[1], "PID");
	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	if (stat(path, &want) < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot read the network namespace of process %d", (int)pid);
	names = list_entries(&n);
	/* Every name bound to that namespace, not only the first (ip prints one). */
	for (size_t i = 0; i < n; i++) {
		_cleanup_free_ char *p = entry_path(names[i]);
		struct stat st;

		if (nsu_is_nsfs(p) == 1 && stat(p, &st) == 0 && st.st_ino == want.st_ino &&
		    st.st_dev == want.st_dev)
			put_name(names[i], "\n");
		free(names[i]);
	}
	free(names);
	return EXIT_SUCCESS;
}

static int cmd_pids(struct nsu_tool *g, int argc, char **argv)
{
	(void)g;
	if (argc != 2)
		nsu_usage_error("pids: expected NAME");
	check_name(argv[1]);
	for_each_task_in(entry_ino(argv[1]), true, print_pid, NULL);
	return EXIT_SUCCESS;
}

/*
 * Enter the namespace the way ip netns exec does: setns, a mount namespace of
 * our own whose / is a slave (nothing leaks back), /sys of this namespace,
 * and /etc/netns/NAME/FILE bound over /etc/FILE.
 */
static void enter_netns(const char *name)
{
	_cleanup_close_ int fd = open_netns_or_err(name);
	_cleanup_free_ char *etc = NULL;
	_cleanup_closedir_ DIR *d = NULL;
	unsigned long sysflags = 0;
	struct statvfs sv;
	struct dirent *de;

	if (setns(fd, CLONE_NEWNET) < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot enter network namespace \"%s\"", name);
	if (unshare(CLONE_NEWNS) < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot create a mount namespace");
	if (mount("", "/", "none", MS_SLAVE | MS_REC, NULL) < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot make / a slave mount");
	/*
	 * As ip netns exec: a read-write /sys of the namespace in place of the
	 * old one; where that cannot be unmounted (none there, or one locked
	 * in a container), it is covered, and a read-only one only by a
	 * read-only one.
	 */
	if (umount2("/sys", MNT_DETACH) < 0 && statvfs("/sys", &sv) == 0 && (sv.f_flag & ST_RDONLY))
		sysflags = MS_RDONLY;
	if (mount(name, "/sys", "sysfs", sysflags, NULL) < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot mount /sys for \"%s\"", name);
	if (asprintf(&etc, "%s/%s", NETNS_ETC_DIR, name) < 0)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	d = opendir(etc);
	while (d && (de = readdir(d))) {
		_cleanup_free_ char *src = NULL, *dst = NULL;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (asprintf(&src, "%s/%s", etc, de->d_name) < 0 || asprintf(&dst, "/etc/%s", de->d_name) < 0)
			nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
		if (mount(src, dst, "none", MS_BIND, NULL) < 0)
			nsu_warn("cannot bind %s on %s", src, dst);
	}
}

static int cmd_exec(struct nsu_tool *g, int argc, char **argv)
{
	size_t n;
	char **names, **prog;
	int failed = 0;

	/* "exec --all PROGRAM", or "--all exec PROGRAM" as with ip -all netns exec. */
	prog = argv + 1;
	if (*prog && strcmp(*prog, "--all") == 0)
		prog++;
	else if (!g->all) {
		if (argc < 3)
			nsu_usage_error("exec: expected NAME PROGRAM [ARG...]");
		check_name(argv[1]);
		enter_netns(argv[1]);
		nsu_exec_or_err(argv + 2);
	}
	if (!*prog)
		nsu_usage_error("exec: expected NAME PROGRAM [ARG...] or --all PROGRAM [ARG...]");
	names = list_entries(&n);
	for (size_t i = 0; i < n; i++) {
		pid_t pid;
		int status;

		if (entry_state(names[i], CREATING_WAIT_MS) != ENTRY_READY) {
			free(names[i]);
			continue;
		}
		printf("\nnetns: %s\n", names[i]);
		fflush(stdout);
		pid = fork();
		if (pid < 0)
			nsu_err(NSU_EXIT_FAILURE, "cannot fork");
		if (pid == 0) {
			enter_netns(names[i]);
			nsu_exec_or_err(prog);
		}
		if (nsu_wait(pid, &status) < 0 || nsu_status_to_exit(status) != 0) {
			nsu_warnx("%s: %s failed in \"%s\"", "exec", prog[0], names[i]);
			failed = 1;
		}
		free(names[i]);
	}
	free(names);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* The names of ready namespaces, as one sorted NUL-separated list. */
static char *ready_set(void)
{
	size_t n, len = 1;
	char **names = list_entries(&n);
	char *set = NULL, *p;

	for (size_t i = 0; i < n; i++)
		len += strlen(names[i]) + 1;
	set = p = nsu_xrealloc(NULL, len);
	for (size_t i = 0; i < n; i++) {
		/* No waiting: one being created turns ready with its mount, which wakes us again. */
		if (entry_state(names[i], 0) == ENTRY_READY)
			p += sprintf(p, "%s", names[i]) + 1;
		free(names[i]);
	}
	*p = '\0';
	free(names);
	return set;
}

static bool in_set(const char *set, const char *name)
{
	for (const char *p = set; *p; p += strlen(p) + 1)
		if (strcmp(p, name) == 0)
			return true;
	return false;
}

static void report(const struct nsu_tool *g, const char *event, const char *name)
{
	if (g->json) {
		struct nsu_json j;

		nsu_json_begin(&j, stdout, NSU_JSON_COMPACT);
		nsu_json_open(&j, NULL, '{');
		nsu_json_str(&j, "event", event);
		nsu_json_str(&j, "name", name);
		nsu_json_close(&j);
	} else {
		printf("%s ", event);
		put_name(name, "\n");
	}
	fflush(stdout);
}

static int cmd_monitor(struct nsu_tool *g, int argc, char **argv)
{
	_cleanup_close_ int in = -1, mi = -1;
	char *set;

	(void)argv;
	if (argc > 1)
		nsu_usage_error("monitor: unexpected argument '%s'", argv[1]);
	if (mkdir(NETNS_RUN_DIR, 0755) < 0 && errno != EEXIST)
		nsu_err(NSU_EXIT_FAILURE, "cannot create %s", NETNS_RUN_DIR);
	in = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (in < 0 || inotify_add_watch(in, NETNS_RUN_DIR, IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO) < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot watch %s", NETNS_RUN_DIR);
	/* A mount or unmount anywhere makes mountinfo poll with POLLPRI (proc(5)). */
	mi = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
	if (mi < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot open /proc/self/mountinfo");
	set = ready_set();
	for (;;) {
		struct pollfd p[2] = {{in, POLLIN, 0}, {mi, POLLPRI, 0}};
		char buf[4096];
		char *now;

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			nsu_err(NSU_EXIT_FAILURE, "poll");
		}
		while (read(in, buf, sizeof(buf)) > 0)
			;
		if (p[1].revents)
			lseek(mi, 0, SEEK_SET), (void)!read(mi, buf, sizeof(buf));
		now = ready_set();
		for (const char *q = set; *q; q += strlen(q) + 1)
			if (!in_set(now, q))
				report(g, "delete", q);
		for (const char *q = now; *q; q += strlen(q) + 1)
			if (!in_set(set, q))
				report(g, "add", q);
		free(set);
		set = now;
	}
}


static const struct nsu_verb verbs[] = {
	NSU_VERB("list", cmd_list, "", "list the named network namespaces (the default)"),
	NSU_VERB("show", cmd_list, "", "the same as list"),
	NSU_VERB_ALIAS("lst", cmd_list),
	NSU_VERB("add", cmd_add, "NAME...", "create network namespaces and name them"),
	NSU_VERB("attach", cmd_attach, "NAME PID", "name the network namespace of a process"),
	NSU_VERB("delete", cmd_delete, "NAME... | --all", "remove names (and debris)"),
	NSU_VERB("set", cmd_set, "NAME NSID|auto", "assign a namespace id"),
	NSU_VERB("list-id", cmd_list_id, "[target-nsid N] [nsid N]", "list namespace ids"),
	NSU_VERB("identify", cmd_identify, "[PID]", "print every name of a process's network namespace"),
	NSU_VERB("pids", cmd_pids, "NAME", "print the processes and threads in a namespace"),
	NSU_VERB("exec", cmd_exec, "NAME PROGRAM [ARG...] | --all PROGRAM [ARG...]", "run a program inside"),
	NSU_VERB("monitor", cmd_monitor, "", "report names as they are added and deleted"),
	NSU_VERB("connect", cmd_connect, "NS1[:IF1][=ADDR1/PREFIX] NS2[:IF2][=ADDR2/PREFIX]",
	 "wire two namespaces with a veth pair"),
	NSU_VERB("disconnect", cmd_disconnect, "NS[:IF]...", "remove the veth pair of IF, or every one of NS"),
};

static const struct option longopts[] = {
	{"json", no_argument, NULL, 'J'},
	{"pretty", no_argument, NULL, 'p'},
	{"all", no_argument, NULL, 'a'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

noreturn static void usage(void)
{
	fputs("\nUsage:\n"
	      " netnsctl [options] <command> [<args>]\n"
	      "\nManage named network namespaces (/var/run/netns), as ip netns does.\n"
	      "\nCommands:\n",
	      stdout);
	nsu_verbs_usage(stdout, verbs, NSU_ARRAY_SIZE(verbs));
	fputs("\nOptions:\n"
	      " -J, -j, --json         use JSON output (list, list-id, monitor)\n"
	      " -p, --pretty           JSON arrays with one element a line\n"
	      "     --all              with delete and exec: every named namespace (as ip -all netns)\n"
	      "\n"
	      " -h, --help             display this help (after a command: its own)\n"
	      " -V, --version          display version\n"
	      "\nFor more details see netnsctl(8).\n",
	      stdout);
	exit(EXIT_SUCCESS);
}

int main(int argc, char **argv)
{
	struct nsu_tool g = {false};
	char *none[] = {(char *)"list", NULL};
	const struct nsu_verb *v;
	int c;

	nsu_close_stdout_at_exit();
	/* everything netnsctl changes or enters needs root, as with ip netns: its refusals say so */
	nsu_errors_say_needs_root();
	argv[0] = program_invocation_short_name;
	/* ip's single-dash long options: ip -json -pretty -all netns ... */
	for (int i = 1; i < argc && argv[i][0] == '-'; i++) {
		static const char *const ip_long[][2] = {
			{"-json", "--json"}, {"-pretty", "--pretty"}, {"-all", "--all"}};

		for (size_t k = 0; k < NSU_ARRAY_SIZE(ip_long); k++)
			if (strcmp(argv[i], ip_long[k][0]) == 0)
				argv[i] = (char *)ip_long[k][1];
	}
	/* "+": options after the verb are the verb's. */
	while ((c = getopt_long(argc, argv, "+JjphV", longopts, NULL)) != -1) {
		switch (c) {
		case 'J':
		case 'j':
			g.json = true;
			break;
		case 'p':
			g.pretty = true;
			break;
		case 'a':
			g.all = true;
			break;
		case 'h':
			usage();
		case 'V':
			nsu_print_version();
		default:
			nsu_bad_usage();
		}
	}
	argc -= optind;
	argv += optind;
	/* No command: list, as ip netns does. */
	if (argc == 0) {
		argc = 1;
		argv = none;
	}
	/* As ip netns: "help" (or a beginning of it), and commands abbreviated to any beginning. */
	if (strncmp(argv[0], "help", strlen(argv[0])) == 0 && *argv[0])
		usage();
	v = nsu_verb_select(verbs, NSU_ARRAY_SIZE(verbs), argc, argv, "netnsctl(8)", true);
	if (g.all && strcmp(v->name, "delete") != 0 && strcmp(v->name, "exec") != 0)
		nsu_usage_error("--all works with delete and exec only");
	return v->fn(&g, argc, argv);
}
