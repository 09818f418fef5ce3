// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * unshare - run a program in new namespaces.
 *
 * A drop-in for util-linux unshare(1): same options, same defaults, same exit
 * codes. Work that must happen outside the new namespaces (bind-mounting them
 * to files, writing id maps with privileges of the parent user namespace) is
 * done by a helper child forked before unshare(2) and released after it.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* How --map-users/--map-groups was given. */
enum map_kind { MAP_NONE, MAP_RANGES, MAP_AUTO, MAP_SUBIDS, MAP_ALL };

struct idopts {
	enum map_kind kind;   /* of the ranges */
	struct nsu_idmap map; /* explicit ranges, then the resolved map */
	int single_set;       /* --map-user/--map-group/-r/-c */
	uint32_t single;      /* the id inside the namespace for our own id */
};

struct opts {
	int flags;                            /* CLONE_NEW* */
	const char *files[NSU_NS_COUNT];      /* persistent namespace targets */
	int fork;
	int kill_sig;                         /* --kill-child: 0 = off */
	int forward_signals;
	const char *proc_dir;                 /* --mount-proc */
	const char *binfmt_dir;               /* --mount-binfmt */
	const char *interp;                   /* --load-interp */
	unsigned long propagation;
	const char *setgroups;                /* "allow", "deny" or NULL */
	struct idopts uids, gids;
	int keep_caps;
	const char *root, *wd;
	int set_uid, set_gid;
	uid_t uid;
	gid_t gid;
	int monotonic_set, boottime_set;
	int64_t monotonic, boottime;
	int owner_set;
	uid_t owner_uid;
	gid_t owner_gid;
	int clear_env;
	char **keep_env;                      /* --whitelist-env names; NULL-ended */
	size_t nkeep_env;
	char **argv;
};

enum {
	OPT_KILL_CHILD = CHAR_MAX + 1,
	OPT_MOUNT_PROC,
	OPT_MOUNT_BINFMT,
	OPT_PROPAGATION,
	OPT_SETGROUPS,
	OPT_MAP_USER,
	OPT_MAP_USERS,
	OPT_MAP_GROUP,
	OPT_MAP_GROUPS,
	OPT_MAP_AUTO,
	OPT_MAP_SUBIDS,
	OPT_KEEP_CAPS,
	OPT_MONOTONIC,
	OPT_BOOTTIME,
	OPT_OWNER,
	OPT_FORWARD_SIGNALS,
	OPT_CLEAR_ENV,
	OPT_WHITELIST_ENV,
};

static const struct option longopts[] = {
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	NSU_NS_LONGOPTIONS,
	{"fork", no_argument, NULL, 'f'},
	{"kill-child", optional_argument, NULL, OPT_KILL_CHILD},
	{"forward-signals", no_argument, NULL, OPT_FORWARD_SIGNALS},
	{"mount-proc", optional_argument, NULL, OPT_MOUNT_PROC},
	{"mount-binfmt", optional_argument, NULL, OPT_MOUNT_BINFMT},
	{"load-interp", required_argument, NULL, 'l'},
	{"map-user", required_argument, NULL, OPT_MAP_USER},
	{"map-users", required_argument, NULL, OPT_MAP_USERS},
	{"map-group", required_argument, NULL, OPT_MAP_GROUP},
	{"map-groups", required_argument, NULL, OPT_MAP_GROUPS},
	{"map-root-user", no_argument, NULL, 'r'},
	{"map-current-user", no_argument, NULL, 'c'},
	{"map-auto", no_argument, NULL, OPT_MAP_AUTO},
	{"map-subids", no_argument, NULL, OPT_MAP_SUBIDS},
	{"owner", required_argument, NULL, OPT_OWNER},
	{"propagation", required_argument, NULL, OPT_PROPAGATION},
	{"setgroups", required_argument, NULL, OPT_SETGROUPS},
	{"keep-caps", no_argument, NULL, OPT_KEEP_CAPS},
	{"setuid", required_argument, NULL, 'S'},
	{"setgid", required_argument, NULL, 'G'},
	{"root", required_argument, NULL, 'R'},
	{"wd", required_argument, NULL, 'w'},
	{"monotonic", required_argument, NULL, OPT_MONOTONIC},
	{"boottime", required_argument, NULL, OPT_BOOTTIME},
	{"clear-env", no_argument, NULL, OPT_CLEAR_ENV},
	{"whitelist-env", required_argument, NULL, OPT_WHITELIST_ENV},
	{NULL, 0, NULL, 0},
};

noreturn static void usage(void)
{
	fputs("\nUsage:\n"
	      " unshare [options] [<program> [<argument>...]]\n"
	      "\nRun a program with some namespaces unshared from the parent.\n"
	      "\nOptions:\n"
	      " -m, --mount[=<file>]      unshare mounts namespace\n"
	      " -u, --uts[=<file>]        unshare UTS namespace (hostname etc)\n"
	      " -i, --ipc[=<file>]        unshare System V IPC namespace\n"
	      " -n, --net[=<file>]        unshare network namespace\n"
	      " -p, --pid[=<file>]        unshare pid namespace\n"
	      " -U, --user[=<file>]       unshare user namespace\n"
	      " -C, --cgroup[=<file>]     unshare cgroup namespace\n"
	      " -T, --time[=<file>]       unshare time namespace\n"
	      "\n"
	      " -f, --fork                fork before launching <program>\n"
	      " --forward-signals         forward SIGTERM and SIGINT to the child (implies --fork)\n"
	      " --map-user=<uid>|<name>   map current user to uid (implies --user)\n"
	      " --map-group=<gid>|<name>  map current group to gid (implies --user)\n"
	      " -r, --map-root-user       map current user to root (implies --user)\n"
	      " -c, --map-current-user    map current user to itself (implies --user)\n"
	      " --map-auto                map users and groups automatically (implies --user)\n"
	      " --map-subids              map users and groups to their subordinate ids\n"
	      "                             (implies --user)\n"
	      " --map-users=<inneruid>:<outeruid>:<count>|auto|subids|all\n"
	      "                           map count users from outeruid to inneruid\n"
	      "                             (implies --user)\n"
	      " --map-groups=<innergid>:<outergid>:<count>|auto|subids|all\n"
	      "                           map count groups from outergid to innergid\n"
	      "                             (implies --user)\n"
	      " --owner=<uid>:<gid>       set the owner of the new user namespace\n"
	      "                             (implies --user)\n"
	      "\n"
	      " --kill-child[=<signame>]  when dying, kill the forked child (implies --fork)\n"
	      "                             defaults to SIGKILL\n"
	      " --mount-proc[=<dir>]      mount proc filesystem first (implies --mount)\n"
	      " --mount-binfmt[=<dir>]    mount binfmt filesystem first (implies --user and\n"
	      "                             --mount; without <dir> also --mount-proc)\n"
	      " -l, --load-interp=<rule>  load binfmt definition in the namespace\n"
	      "                             (implies --mount-binfmt)\n"
	      " --propagation slave|shared|private|unchanged\n"
	      "                           modify mount propagation in mount namespace\n"
	      " --setgroups allow|deny    control the setgroups syscall in user namespaces\n"
	      " --keep-caps               retain capabilities granted in user namespaces\n"
	      "\n"
	      " -R, --root=<dir>          run the command with root directory set to <dir>\n"
	      " -w, --wd=<dir>            change working directory to <dir>\n"
	      " -S, --setuid <uid>        set uid in entered namespace\n"
	      " -G, --setgid <gid>        set gid in entered namespace\n"
	      " --monotonic <offset>      set clock monotonic offset (seconds) in time namespaces\n"
	      " --boottime <offset>       set clock boottime offset (seconds) in time namespaces\n"
	      " --clear-env               clear the environment of the program\n"
	      " --whitelist-env <list>    clear the environment except for the listed variables\n"
	      "\n"
	      " -h, --help                display this help\n"
	      " -V, --version             display version\n"
	      "\nFor more details see unshare(1).\n",
	      stdout);
	exit(EXIT_SUCCESS);
}

static void set_ns(struct opts *o, enum nsu_nstype type, const char *file)
{
	const struct nsu_nsinfo *ns = nsu_ns_get(type);

	o->flags |= ns->flag;
	if (file)
		o->files[type] = file;
}

#define BINFMT_DIR "/proc/sys/fs/binfmt_misc"

/*
 * --mount-binfmt and -l: binfmt_misc is per user namespace (Linux 6.7), so a
 * new one is made (and a mount namespace for the mount); never the host's.
 * The default place lies in /proc, which is then mounted anew first.
 */
static void want_binfmt(struct opts *o, const char *dir)
{
	set_ns(o, NSU_NS_MNT, NULL);
	set_ns(o, NSU_NS_USER, NULL);
	if (dir) {
		o->binfmt_dir = dir;
		return;
	}
	if (!o->proc_dir)
		o->proc_dir = "/proc";
	o->binfmt_dir = BINFMT_DIR;
}

static void parse_map_ranges(struct idopts *ids, const char *arg, const char *what)
{
	struct nsu_idrange r;
	int rc;

	static const struct {
		const char *name;
		enum map_kind kind;
	} words[] = {{"auto", MAP_AUTO}, {"subids", MAP_SUBIDS}, {"all", MAP_ALL}};

	for (size_t i = 0; i < NSU_ARRAY_SIZE(words); i++)
		if (strcmp(arg, words[i].name) == 0) {
			ids->kind = words[i].kind;
			return;
		}
	rc = nsu_idrange_parse(arg, &r);
	if (rc < 0)
		nsu_usage_error("invalid %s '%s': expected <inner>:<outer>:<count>, auto, subids or all",
				what, arg);
	if (ids->kind != MAP_NONE && ids->kind != MAP_RANGES)
		nsu_usage_error("%s '%s' cannot be combined with auto, subids or all", what, arg);
	ids->kind = MAP_RANGES;
	if (nsu_idmap_add(&ids->map, r.inner, r.outer, r.count) < 0)
		nsu_usage_error("too many %s ranges (at most %d)", what, NSU_IDMAP_MAX);
}

static void parse_owner(struct opts *o, const char *arg)
{
	_cleanup_free_ char *copy = strdup(arg);
	char *colon;

	if (!copy)
		nsu_err(NSU_EXIT_FAILURE, "cannot allocate memory");
	colon = strchr(copy, ':');
	if (!colon)
		nsu_usage_error("invalid owner '%s': expected <uid>:<gid>", arg);
	*colon = '\0';
	o->owner_uid = nsu_uid_or_err(copy, "owner user");
	o->owner_gid = nsu_gid_or_err(colon + 1, "owner group");
	o->owner_set = 1;
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	const struct nsu_nsinfo *ns;
	int c;

	/* getopt's own complaints then name the tool as our messages do. */
	argv[0] = program_invocation_short_name;
	while ((c = getopt_long(argc, argv, "+fhVmuinpCTUrR:w:S:G:cl:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage();
		case 'V':
			nsu_print_version();
		case 'f':
			o->fork = 1;
			break;
		case OPT_KILL_CHILD:
			o->kill_sig = optarg ? nsu_signal_or_err(optarg, "signal") : SIGKILL;
			o->fork = 1;
			break;
		case OPT_FORWARD_SIGNALS:
			o->forward_signals = 1;
			o->fork = 1;
			break;
		case OPT_MOUNT_PROC:
			o->proc_dir = optarg ? optarg : "/proc";
			set_ns(o, NSU_NS_MNT, NULL);
			break;
		case 'l':
			o->interp = optarg;
			want_binfmt(o, o->binfmt_dir);
			break;
		case OPT_MOUNT_BINFMT:
			want_binfmt(o, optarg);
			break;
		case OPT_MAP_USER:
			o->uids.single = nsu_uid_or_err(optarg, "user");
			o->uids.single_set = 1;
			set_ns(o, NSU_NS_USER, NULL);
			break;
		case OPT_MAP_GROUP:
			o->gids.single = nsu_gid_or_err(optarg, "group");
			o->gids.single_set = 1;
			set_ns(o, NSU_NS_USER, NULL);
			break;
		case 'r':
			o->uids.single = 0;
			o->uids.single_set = 1;
			o->gids.single = 0;
			o->gids.single_set = 1;
			set_ns(o, NSU_NS_USER, NULL);
			break;
		case 'c':
			o->uids.single = (uint32_t)geteuid();
			o->uids.single_set = 1;
			o->gids.single = (uint32_t)getegid();
			o->gids.single_set = 1;
			set_ns(o, NSU_NS_USER, NULL);
			break;
		case OPT_MAP_USERS:
			parse_map_ranges(&o->uids, optarg, "--map-users");
			set_ns(o, NSU_NS_USER, NULL);
			break;
		case OPT_MAP_GROUPS:
			parse_map_ranges(&o->gids, optarg, "--map-groups");
			set_ns(o, NSU_NS_USER, NULL);
			break;
		case OPT_MAP_AUTO:
		case OPT_MAP_SUBIDS:
			parse_map_ranges(&o->uids, c == OPT_MAP_AUTO ? "auto" : "subids", "--map-users");
			parse_map_ranges(&o->gids, c == OPT_MAP_AUTO ? "auto" : "subids", "--map-groups");
			set_ns(o, NSU_NS_USER, NULL);
			break;
		case OPT_OWNER:
			parse_owner(o, optarg);
			set_ns(o, NSU_NS_USER, NULL);
			break;
		case OPT_PROPAGATION:
			if (nsu_parse_propagation(optarg, &o->propagation) < 0)
				nsu_usage_error("unsupported propagation mode: %s", optarg);
			break;
		case OPT_SETGROUPS:
			if (strcmp(optarg, "allow") != 0 && strcmp(optarg, "deny") != 0)
				nsu_usage_error("unsupported --setgroups argument '%s'", optarg);
			o->setgroups = optarg;
			break;
		case OPT_KEEP_CAPS:
			o->keep_caps = 1;
			break;
		case 'S':
			o->uid = nsu_uid_or_err(optarg, "user");
			o->set_uid = 1;
			break;
		case 'G':
			o->gid = nsu_gid_or_err(optarg, "group");
			o->set_gid = 1;
			break;
		case 'R':
			o->root = optarg;
			break;
		case 'w':
			o->wd = optarg;
			break;
		case OPT_MONOTONIC:
			o->monotonic = nsu_s64_or_err(optarg, "monotonic offset");
			o->monotonic_set = 1;
			break;
		case OPT_BOOTTIME:
			o->boottime = nsu_s64_or_err(optarg, "boottime offset");
			o->boottime_set = 1;
			break;
		case OPT_CLEAR_ENV:
			o->clear_env = 1;
			break;
		case OPT_WHITELIST_ENV:
			o->keep_env = nsu_xrealloc(o->keep_env, (o->nkeep_env + 2) * sizeof(char *));
			o->keep_env[o->nkeep_env++] = optarg;
			o->keep_env[o->nkeep_env] = NULL;
			break;
		default:
			/* -m -u -i -n -p -U -C -T: a namespace kind, with =FILE from the long form */
			ns = nsu_ns_by_shortopt(c);
			if (!ns)
				nsu_bad_usage();
			set_ns(o, ns->type, optarg);
		}
	}
	o->argv = argv + optind;
}

/*
 * --map-users=auto|subids: the caller's first range in /etc/subuid or
 * /etc/subgid. Both files are searched for the user (by name or uid), see
 * subuid(5) and subgid(5).
 */
static void resolve_subids(struct idopts *ids, const char *file, const char *name, uint32_t uid)
{
	struct nsu_idrange r;
	int rc;

	if (ids->kind != MAP_AUTO && ids->kind != MAP_SUBIDS)
		return;
	rc = nsu_subid_first(file, name, uid, &r);
	if (rc == -ENOENT)
		nsu_errx(NSU_EXIT_FAILURE, "no subordinate id range for %s (%u) in %s",
			 name ? name : "user", uid, file);
	if (rc < 0)
		nsu_errc(NSU_EXIT_FAILURE, rc, "cannot read %s", file);
	if (ids->kind == MAP_SUBIDS)
		r.inner = r.outer;
	ids->map.n = 0;
	nsu_idmap_add(&ids->map, r.inner, r.outer, r.count);
}

/* --map-users=all: every id the parent namespace has, mapped to itself. */
static void resolve_all(struct idopts *ids, const char *procfile)
{
	struct nsu_idmap parent;
	int rc;

	if (ids->kind != MAP_ALL)
		return;
	rc = nsu_idmap_read(procfile, &parent);
	if (rc < 0)
		nsu_errc(NSU_EXIT_FAILURE, rc, "cannot read %s", procfile);
	ids->map.n = 0;
	for (size_t i = 0; i < parent.n; i++)
		nsu_idmap_add(&ids->map, parent.r[i].inner, parent.r[i].inner, parent.r[i].count);
}

/*
 * Whether a map is written by the helper, from outside the new user
 * namespace: when it has ranges, and with --owner, whose process can no
 * longer write its own maps. Otherwise the single own-id mapping
 * (-r, -c, --map-user, --map-group) is written by unshare itself.
 */
static int map_by_helper(const struct opts *o, const struct idopts *ids)
{
	return ids->kind != MAP_NONE || o->owner_set;
}

static int need_helper_maps(const struct opts *o)
{
	return map_by_helper(o, &o->uids) || map_by_helper(o, &o->gids);
}

/* The single own-id mapping joins the ranges (util-linux's splitting, see idmap.h). */
static void merge_single(struct idopts *ids, uint32_t own, const char *what)
{
	int rc;

	if (!ids->single_set)
		return;
	rc = nsu_idmap_add_single(&ids->map, ids->single, own, ids->kind == MAP_AUTO);
	if (rc < 0)
		nsu_errc(NSU_EXIT_FAILURE, rc, "cannot add the single %s mapping", what);
	ids->single_set = 0;
}

/*
 * The value unshare writes to /proc/self/setgroups, or NULL: the one asked
 * for, else "deny" where a one-id gid map is written by an unprivileged
 * process (the kernel demands it since Linux 3.19, and util-linux writes it
 * for root too); never with --map-groups or --map-auto, whose helper may map
 * groups without it.
 */
static const char *setgroups_value(const struct opts *o)
{
	if (o->setgroups)
		return o->setgroups;
	return o->gids.single_set ? "deny" : NULL;
}

/* Options that contradict each other, before anything is done. */
static void check_combinations(const struct opts *o)
{
	if ((o->monotonic_set || o->boottime_set) && !(o->flags & CLONE_NEWTIME))
		nsu_usage_error("options --monotonic and --boottime require unsharing of a time "
				"namespace (-T)");
	if (o->files[NSU_NS_PID] && !o->fork)
		nsu_usage_error("--pid=%s requires --fork: a PID namespace lives only while its "
				"first process does", o->files[NSU_NS_PID]);
	if ((o->flags & CLONE_NEWPID) && !o->fork)
		nsu_warnx("--pid without --fork: %s stays in the current PID namespace and only "
			  "its first child becomes PID 1 of the new one (add --fork)",
			  o->argv[0] ? o->argv[0] : "the shell");
}

/* The files for persistent namespaces must exist, and a mount namespace's not be shared. */
static void check_persist_files(const struct opts *o)
{
	for (int t = 0; t < NSU_NS_COUNT; t++) {
		struct stat st;

		if (!o->files[t])
			continue;
		if (stat(o->files[t], &st) < 0) {
			nsu_warn("cannot use %s for the persistent %s namespace", o->files[t],
				 nsu_ns_get(t)->name);
			if (errno == ENOENT)
				nsu_hint("the file must exist: create it first (touch %s)", o->files[t]);
			exit(NSU_EXIT_FAILURE);
		}
		if (t == NSU_NS_MNT && nsu_path_on_shared_mount(o->files[t]) == 1) {
			nsu_warnx("cannot bind the mount namespace on %s: it is on a mount with "
				  "shared propagation", o->files[t]);
			nsu_hint("use a file on a private mount (findmnt -o+PROPAGATION), e.g. "
				 "mount --bind DIR DIR && mount --make-private DIR");
			exit(NSU_EXIT_FAILURE);
		}
	}
}

/*
 * Turn the map options into the maps to write: subordinate ranges looked up,
 * "all" read from the kernel, the single own-id mapping merged where a helper
 * writes the map. The outer ids are the caller's, also with --owner (as
 * util-linux maps them).
 */
static void resolve_maps(struct opts *o, uid_t own_uid, gid_t own_gid)
{
	struct passwd *pw = getpwuid(own_uid);
	const char *name = pw ? pw->pw_name : NULL;

	resolve_subids(&o->uids, "/etc/subuid", name, own_uid);
	resolve_all(&o->uids, "/proc/self/uid_map");
	resolve_subids(&o->gids, "/etc/subgid", name, own_uid);
	resolve_all(&o->gids, "/proc/self/gid_map");
	if (map_by_helper(o, &o->uids))
		merge_single(&o->uids, own_uid, "uid");
	if (map_by_helper(o, &o->gids))
		merge_single(&o->gids, own_gid, "gid");
	if (nsu_idmap_check(&o->uids.map) < 0)
		nsu_usage_error("the uid map ranges overlap");
	if (nsu_idmap_check(&o->gids.map) < 0)
		nsu_usage_error("the gid map ranges overlap");
	if (o->setgroups && strcmp(o->setgroups, "allow") == 0 && o->gids.single_set)
		nsu_usage_error("options --setgroups=allow and --map-group are mutually exclusive");
}

/*
 * The helper: a child forked before unshare(2), it stays in the original
 * namespaces and works for the "talker" (the unshare process) over a socket,
 * one byte per request:
 *   '1'  write the id maps and bind the persistent namespaces; answers k or f
 *   '2'  bind the persistent PID namespace (it shows in pid_for_children only
 *        once its first process exists, after the fork); answers k or f
 *   'c'  commit: the program runs (--fork); what was made stays
 *   'h'  commit and hand over: the talker is about to execute the program
 *        itself, so the helper forks a successor that stays until then and
 *        exits, leaving the program no child it does not know; answers k
 *   'u'  undo every bind mount made; answers d when done
 * End of file before a commit undoes too: whatever kills unshare before the
 * program runs, no bind mount is left behind. After a commit, end of file (the
 * talker's socket closed by execve) keeps them. The talker reaps the helper
 * whenever it ends before the talker does.
 */
static int helper_bind(const struct opts *o, pid_t ppid, int pid_only, int bound[])
{
	for (int t = 0; t < NSU_NS_COUNT; t++) {
		const struct nsu_nsinfo *ns = nsu_ns_get(t);
		char src[PATH_MAX];
		int rc;

		if (!o->files[t] || (t == NSU_NS_PID) != pid_only)
			continue;
		snprintf(src, sizeof(src), "/proc/%d/ns/%s", (int)ppid,
			 ns->children ? ns->children : ns->proc);
		rc = nsu_bind(src, o->files[t]);
		if (rc < 0) {
			nsu_warnc(rc, "cannot bind the %s namespace (%s) on %s", ns->name, src,
				  o->files[t]);
			return -1;
		}
		bound[t] = 1;
	}
	return 0;
}

static void helper_undo(const struct opts *o, int bound[])
{
	for (int t = 0; t < NSU_NS_COUNT; t++)
		if (bound[t] && umount2(o->files[t], MNT_DETACH) == 0)
			bound[t] = 0;
}

static int helper_maps(const struct opts *o, pid_t ppid)
{
	const struct {
		const struct idopts *ids;
		const char *file, *tool;
	} maps[] = {
		{&o->uids, "uid_map", "newuidmap"},
		{&o->gids, "gid_map", "newgidmap"},
	};

	for (size_t i = 0; i < NSU_ARRAY_SIZE(maps); i++) {
		int rc;

		if (maps[i].ids->map.n == 0)
			continue;
		/* Root writes the map itself; anybody else needs the setuid helpers. */
		if (geteuid() == 0) {
			rc = nsu_idmap_write(ppid, maps[i].file, &maps[i].ids->map);
			if (rc < 0) {
				nsu_warnc(rc, "cannot write /proc/%d/%s", (int)ppid, maps[i].file);
				return -1;
			}
			continue;
		}
		rc = nsu_idmap_run_helper(maps[i].tool, ppid, &maps[i].ids->map);
		if (rc == -ENOENT) {
			nsu_warnx("%s not found", maps[i].tool);
			nsu_hint("install the uidmap package");
			return -1;
		}
		if (rc != 0) {
			if (rc < 0)
				nsu_warnc(rc, "cannot run %s", maps[i].tool);
			else
				nsu_warnx("%s failed (exit status %d)", maps[i].tool, rc);
			return -1;
		}
	}
	return 0;
}

/*
 * Signals for the whole process group (^C, ^\\, a hangup, kill -- -PGID) must
 * not end the helper half-way: it would leave its bind mounts with nobody to
 * undo them. Its life is the socket's: end of file ends it.
 */
static void helper_ignore_signals(void)
{
	static const int sigs[] = {SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGTTIN, SIGTTOU,
				   SIGPIPE, SIGUSR1, SIGUSR2};

	for (size_t i = 0; i < NSU_ARRAY_SIZE(sigs); i++)
		signal(sigs[i], SIG_IGN);
}

noreturn static void helper_main(const struct opts *o, pid_t talker, int sock)
{
	int bound[NSU_NS_COUNT] = {0};
	int committed = 0;
	char c;

	for (;;) {
		ssize_t n = read(sock, &c, 1);
		char answer;

		if (n < 0 && errno == EINTR)
			continue;
		if (n != 1) {
			if (!committed)
				helper_undo(o, bound);
			_exit(0);
		}
		switch (c) {
		case '1':
			answer = helper_maps(o, talker) == 0 && helper_bind(o, talker, 0, bound) == 0
					 ? 'k'
					 : 'f';
			break;
		case '2':
			answer = helper_bind(o, talker, 1, bound) == 0 ? 'k' : 'f';
			break;
		case 'c':
			committed = 1;
			continue;
		case 'h':
			committed = 1;
			switch (fork()) {
			case 0:
				continue;
			case -1:
				/* no successor: this helper stays, a child of the program */
				send(sock, "k", 1, MSG_NOSIGNAL);
				continue;
			default:
				send(sock, "k", 1, MSG_NOSIGNAL);
				_exit(0);
			}
		default:
			helper_undo(o, bound);
			send(sock, "d", 1, MSG_NOSIGNAL);
			_exit(0);
		}
		send(sock, &answer, 1, MSG_NOSIGNAL);
	}
}

/*
 * The two ends the exit hook needs (an atexit() handler takes no argument):
 * every exit before the program runs undoes through them.
 */
static int helper_sock = -1;    /* the talker's end of the socket */
static pid_t helper_pid = -1;   /* the helper, while it is the talker's child */
static int exec_status_fd = -1; /* a forked child's news for its parent, see fork_and_wait() */

/* The helper ends once it read end of file or answered an undo: reap it. */
static void reap_helper(void)
{
	int status;

	if (helper_pid > 0)
		nsu_wait(helper_pid, &status);
	helper_pid = -1;
}

/* Every exit before the program runs (any error, a failed execve) lands here. */
static void undo_at_exit(void)
{
	char c;

	if (exec_status_fd >= 0 && write(exec_status_fd, "f", 1) < 0)
		exec_status_fd = -1;
	if (helper_sock >= 0 && send(helper_sock, "u", 1, MSG_NOSIGNAL) == 1) {
		while (read(helper_sock, &c, 1) < 0 && errno == EINTR)
			;
		reap_helper();
	}
}

static void start_helper(const struct opts *o)
{
	pid_t talker = getpid();
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		nsu_err(NSU_EXIT_FAILURE, "socketpair failed");
	helper_pid = fork();
	if (helper_pid < 0)
		nsu_err(NSU_EXIT_FAILURE, "fork failed");
	if (helper_pid == 0) {
		close(sv[0]);
		helper_ignore_signals();
		helper_main(o, talker, sv[1]);
	}
	close(sv[1]);
	helper_sock = sv[0];
	atexit(undo_at_exit);
}

/* Ask the helper for phase @phase ('1' or '2'); 0 when it was done. */
static int helper_request(char phase)
{
	char c = 0;

	if (send(helper_sock, &phase, 1, MSG_NOSIGNAL) != 1)
		return -1;
	while (read(helper_sock, &c, 1) < 0 && errno == EINTR)
		;
	return c == 'k' ? 0 : -1;
}

/* The forked child runs the program: what the helper made stays, and it ends. */
static void helper_commit(void)
{
	send(helper_sock, "c", 1, MSG_NOSIGNAL);
	close(helper_sock);
	helper_sock = -1;
	reap_helper();
}

/*
 * This process is about to execute the program: what the helper made stays,
 * and a successor of the helper's, which nobody needs to reap, undoes it
 * only if the execve fails.
 */
static void helper_hand_over(void)
{
	char c;

	if (helper_sock < 0)
		return;
	if (send(helper_sock, "h", 1, MSG_NOSIGNAL) == 1)
		while (read(helper_sock, &c, 1) < 0 && errno == EINTR)
			;
	reap_helper();
}

static void write_single_maps(const struct opts *o, uid_t own_uid, gid_t own_gid)
{
	struct nsu_idmap m = {.n = 0};
	int rc;

	if (o->uids.single_set) {
		nsu_idmap_add(&m, o->uids.single, own_uid, 1);
		rc = nsu_idmap_write(getpid(), "uid_map", &m);
		if (rc < 0)
			nsu_errc(NSU_EXIT_FAILURE, rc, "cannot write /proc/self/uid_map");
	}
	if (o->gids.single_set) {
		m.n = 0;
		nsu_idmap_add(&m, o->gids.single, own_gid, 1);
		rc = nsu_idmap_write(getpid(), "gid_map", &m);
		if (rc < 0)
			nsu_errc(NSU_EXIT_FAILURE, rc, "cannot write /proc/self/gid_map");
	}
}

noreturn static void unshare_failed(int flags, int e)
{
	/* Name the kinds asked for, so the message says what could not be made. */
	fprintf(stderr, "%s: unshare(", program_invocation_short_name);
	for (int t = 0, first = 1; t < NSU_NS_COUNT; t++) {
		const struct nsu_nsinfo *ns = nsu_ns_get(t);

		if (!(flags & ns->flag))
			continue;
		fprintf(stderr, "%s%s", first ? "" : "|", ns->flag_name);
		first = 0;
	}
	fprintf(stderr, ") failed: %s\n", strerror(e));
	if (e == EPERM && !(flags & CLONE_NEWUSER) && geteuid() != 0)
		nsu_hint("an unprivileged user needs --user or -r (--map-root-user)");
	else if (e == EINVAL && (flags & CLONE_NEWTIME))
		nsu_hint("time namespaces need Linux 5.6 or newer");
	else if (e == ENOSPC)
		nsu_hint("a limit in /proc/sys/user/max_*_namespaces was reached");
	exit(NSU_EXIT_FAILURE);
}

static void set_time_offsets(const struct opts *o)
{
	char buf[128];
	int len = 0, rc;

	if (o->monotonic_set)
		len += snprintf(buf + len, sizeof(buf) - (size_t)len, "monotonic %lld 0\n",
				(long long)o->monotonic);
	if (o->boottime_set)
		len += snprintf(buf + len, sizeof(buf) - (size_t)len, "boottime %lld 0\n",
				(long long)o->boottime);
	if (!len)
		return;
	rc = nsu_write_file_at(AT_FDCWD, "/proc/self/timens_offsets", buf, (size_t)len);
	if (rc < 0)
		nsu_errc(NSU_EXIT_FAILURE, rc, "cannot write /proc/self/timens_offsets");
}

/* For forward_signal(), a signal handler. */
static pid_t child_pid;

/*
 * --kill-child: @sig when the parent (pidfd @parent, -1 on kernels without
 * pidfds) dies, also when it died already; exits 1 then, as util-linux does.
 */
static void die_with_parent(int sig, int parent)
{
	int rc = nsu_die_with_parent(sig, parent);

	if (rc == -ESRCH)
		exit(NSU_EXIT_FAILURE);
	if (rc < 0)
		nsu_errc(NSU_EXIT_FAILURE, rc, "prctl(PR_SET_PDEATHSIG) failed");
}

static void forward_signal(int sig)
{
	if (child_pid > 0)
		kill(child_pid, sig);
}

/*
 * Fork; the parent waits and ends the way the child did. While it waits it
 * blocks SIGINT and SIGTERM (upstream's behaviour since 2.36), or with
 * --forward-signals passes them on. With a helper, the parent stays the one
 * that talks to it: it binds the PID namespace once the child exists, then
 * learns from the child whether the program was executed (the child's end of
 * a close-on-exec pipe closes silently) or not (the child says "f" on exit),
 * and commits or undoes accordingly.
 */
static int fork_and_wait(const struct opts *o)
{
	sigset_t block, old;
	int status, news[2] = {-1, -1}, parent = -1;
	char c = 0;

	if (helper_sock >= 0 && pipe2(news, O_CLOEXEC) < 0)
		nsu_err(NSU_EXIT_FAILURE, "pipe failed");
	/* --kill-child: the child tells by this pidfd whether we died before it asked. */
	if (o->kill_sig) {
		parent = nsu_pidfd_open(getpid());
		if (parent < 0 && parent != -ENOSYS)
			nsu_errc(NSU_EXIT_FAILURE, parent, "pidfd_open failed");
	}
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &old);

	fflush(NULL);
	child_pid = fork();
	if (child_pid < 0)
		nsu_err(NSU_EXIT_FAILURE, "fork failed");
	if (child_pid == 0) {
		if (helper_sock >= 0) {
			close(helper_sock);
			helper_sock = -1;
			helper_pid = -1; /* the parent's child, not this one's */
			close(news[0]);
			exec_status_fd = news[1];
		}
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (o->kill_sig)
			die_with_parent(o->kill_sig, parent);
		return parent;
	}
	if (parent >= 0)
		close(parent);
	if (helper_sock >= 0) {
		close(news[1]);
		if (o->files[NSU_NS_PID] && helper_request('2') < 0) {
			kill(child_pid, SIGKILL);
			nsu_wait(child_pid, &status);
			exit(NSU_EXIT_FAILURE);
		}
		while (read(news[0], &c, 1) < 0 && errno == EINTR)
			;
		close(news[0]);
		if (c != 'f')
			helper_commit();
	}
	if (o->forward_signals) {
		struct sigaction sa = {.sa_handler = forward_signal};

		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	if (nsu_wait(child_pid, &status) < 0)
		nsu_err(NSU_EXIT_FAILURE, "waitpid failed");
	if (o->forward_signals) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
	}
	nsu_exit_like(status);
}

static void load_interp(const char *dir, const char *rule)
{
	char path[PATH_MAX];
	int rc;

	snprintf(path, sizeof(path), "%s/register", dir);
	rc = nsu_write_file_at(AT_FDCWD, path, rule, strlen(rule));
	if (rc < 0)
		nsu_errc(NSU_EXIT_FAILURE, rc, "cannot register binfmt rule '%s' in %s", rule, path);
}

static void mount_binfmt(const char *dir)
{
	int rc = nsu_mount_private("binfmt_misc", dir);

	if (rc < 0)
		nsu_errc(NSU_EXIT_FAILURE, rc, "cannot mount binfmt_misc on %s", dir);
}

/*
 * A rule with the F flag opens its interpreter when it is registered, so
 * with --root it is registered before the chroot, where the path it names
 * is found (binfmt-misc.rst, "F - fix binary").
 */
static int interp_fixed(const char *rule)
{
	const char *flags = strrchr(rule, ':');

	return flags && strchr(flags, 'F') != NULL;
}

/* Drop the supplementary groups, become gid (-G), then uid (-S): each must succeed. */
static void set_ids(const struct opts *o)
{
	const char *what = NULL;
	int rc = nsu_set_ids(o->set_uid, o->uid, o->set_gid, o->gid, o->set_gid, &what);

	if (rc < 0)
		nsu_errc(NSU_EXIT_FAILURE, rc, "%s failed", what);
}

/* "NAME=value" for each variable of the comma-separated @list that is set. */
static void collect_env(const char *list, char ***keep, size_t *n)
{
	_cleanup_free_ char *copy = nsu_xstrdup(list);
	char *save = NULL;

	for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		const char *value = getenv(name);

		if (!value)
			continue;
		*keep = nsu_xrealloc(*keep, (*n + 1) * sizeof(**keep));
		if (asprintf(&(*keep)[*n], "%s=%s", name, value) < 0)
			nsu_err(NSU_EXIT_FAILURE, "cannot allocate memory");
		(*n)++;
	}
}

/* --clear-env and --whitelist-env: an empty environment but for the listed variables. */
static void clear_environment(const struct opts *o)
{
	char **keep = NULL;
	size_t n = 0;

	if (!o->clear_env && !o->nkeep_env)
		return;
	for (size_t i = 0; i < o->nkeep_env; i++)
		collect_env(o->keep_env[i], &keep, &n);
	clearenv();
	/* putenv() makes each string part of the environment: it owns them now. */
	for (size_t i = 0; i < n; i++)
		if (putenv(keep[i]) != 0)
			nsu_err(NSU_EXIT_FAILURE, "cannot set the environment");
	free(keep);
}

/*
 * What happens inside, just before exec, in util-linux's order: a fixed
 * interpreter, root and directory, /proc, binfmt_misc, then the ids, the
 * death signal again (a change of ids clears it), capabilities, environment.
 */
static void setup_inside(const struct opts *o, int parent)
{
	int rc, loaded = 0;

	if (o->interp && o->root && interp_fixed(o->interp)) {
		mount_binfmt(BINFMT_DIR);
		load_interp(BINFMT_DIR, o->interp);
		loaded = 1;
	}
	if (o->root) {
		if (chroot(o->root) < 0)
			nsu_err(NSU_EXIT_FAILURE, "cannot change root directory to %s", o->root);
		if (!o->wd && chdir("/") < 0)
			nsu_err(NSU_EXIT_FAILURE, "cannot change directory to /");
	}
	if (o->wd && chdir(o->wd) < 0)
		nsu_err(NSU_EXIT_FAILURE, "cannot change directory to %s", o->wd);
	if (o->proc_dir) {
		rc = nsu_mount_proc(o->proc_dir);
		if (rc < 0)
			nsu_errc(NSU_EXIT_FAILURE, rc, "cannot mount proc on %s", o->proc_dir);
	}
	if (o->binfmt_dir && !loaded) {
		mount_binfmt(o->binfmt_dir);
		if (o->interp)
			load_interp(o->binfmt_dir, o->interp);
	}
	set_ids(o);
	if (o->kill_sig && (o->set_uid || o->set_gid))
		die_with_parent(o->kill_sig, parent);
	if (o->keep_caps && (o->flags & CLONE_NEWUSER)) {
		rc = nsu_caps_to_ambient();
		if (rc < 0)
			nsu_errc(NSU_EXIT_FAILURE, rc, "cannot keep capabilities");
	}
	clear_environment(o);
}

/*
 * --owner: the new user namespace belongs to its creator's effective uid, so
 * unshare becomes UID:GID for good (real, effective and saved ids, no
 * supplementary groups) before making it, as util-linux does; the program
 * runs as UID:GID too.
 */
static void become_owner(const struct opts *o)
{
	const char *what = NULL;
	int rc = nsu_set_ids(1, o->owner_uid, 1, o->owner_gid, 1, &what);

	if (rc < 0)
		nsu_errc(NSU_EXIT_FAILURE, rc, "%s failed", what);
	/* A changed uid made /proc/self root's; unshare still writes files there. */
	if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) < 0)
		nsu_err(NSU_EXIT_FAILURE, "prctl(PR_SET_DUMPABLE) failed");
}

int main(int argc, char **argv)
{
	struct opts o = {.propagation = MS_PRIVATE};
	uid_t own_uid = geteuid();
	gid_t own_gid = getegid();
	const char *setgroups;
	int rc, has_files = 0, parent = -1;

	nsu_close_stdout_at_exit();
	parse_args(&o, argc, argv);
	check_combinations(&o);
	check_persist_files(&o);
	resolve_maps(&o, own_uid, own_gid);
	setgroups = setgroups_value(&o);
	for (int t = 0; t < NSU_NS_COUNT; t++)
		has_files |= o.files[t] != NULL;
	/* A caller that ignores SIGCHLD would make waitpid() fail (ECHILD). */
	signal(SIGCHLD, SIG_DFL);

	if (has_files || need_helper_maps(&o))
		start_helper(&o);
	if (o.owner_set)
		become_owner(&o);
	if (unshare(o.flags) < 0)
		unshare_failed(o.flags, errno);
	if (setgroups) {
		rc = nsu_setgroups_write(getpid(), setgroups);
		if (rc < 0) {
			nsu_warnc(rc, "cannot write /proc/self/setgroups");
			if (!(o.flags & CLONE_NEWUSER))
				nsu_hint("--setgroups acts on a new user namespace: add --user");
			exit(NSU_EXIT_FAILURE);
		}
	}
	/* From here on every failure exit undoes the helper's work (undo_at_exit). */
	if (helper_sock >= 0 && helper_request('1') < 0)
		exit(NSU_EXIT_FAILURE);
	write_single_maps(&o, own_uid, own_gid);
	if (o.flags & CLONE_NEWTIME)
		set_time_offsets(&o);
	if ((o.flags & CLONE_NEWNS) && o.propagation) {
		rc = nsu_set_propagation("/", o.propagation);
		if (rc < 0)
			nsu_errc(NSU_EXIT_FAILURE, rc, "cannot change propagation of / in the new "
							"mount namespace");
	}
	if (o.fork)
		parent = fork_and_wait(&o);
	setup_inside(&o, parent);
	helper_hand_over();
	nsu_exec_or_err(o.argv);
}
