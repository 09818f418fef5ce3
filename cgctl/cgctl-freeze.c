// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgctl-freeze.c - the commands that stop what is in a group: freeze, thaw,
 * kill.
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
