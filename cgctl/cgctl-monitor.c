// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-monitor.c - cgctl monitor: events of a group as they happen (OOM
 * kills, pids.max refusals, frozen, emptied, pressure and memory thresholds).
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
	ssize_t n;
	uint64_t v;

	/*
	 * v1 keeps the process list an open cgroup.procs was first read from
	 * and gives it again to that open file's later reads (its pidlists):
	 * kept open and read every 100 ms, it never saw a process arrive. What
	 * the group holds now is read through a new open of the same file.
	 */
	if (strcmp(w->file, "cgroup.procs") == 0) {
		char path[64];
		_cleanup_close_ int fd = -1;

		snprintf(path, sizeof(path), "/proc/self/fd/%d", w->fd);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		n = fd < 0 ? -1 : read(fd, buf, 1);
		return n < 0 ? -1 : n > 0;
	}
	n = pread(w->fd, buf, sizeof(buf) - 1, 0);
	if (n < 0)
		return -1;
	buf[n] = '\0';
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
