// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netnsctl connect, disconnect - wire two network namespaces with a veth pair, through
 * rtnetlink: both ends are created at once, each directly in its namespace
 * (IFLA_NET_NS_FD), then addressed and brought up together with lo. Any
 * failure deletes the pair (which takes its addresses along) and puts back
 * any lo it brought up: nothing is left behind. disconnect removes pairs
 * (one end deleted takes the other), each checked to be a veth first.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "errors.h"
#include "netlink.h"
#include "netnsctl.h"
#include "strutils.h"

struct side {
	const char *spec;
	char ns[NAME_MAX + 1]; /* "-" for the current namespace */
	char ifname[IFNAMSIZ];
	bool has_addr;
	int family;
	unsigned char addr[16];
	unsigned int prefix;
	int nsfd;
	struct mnl_socket *nl;
	int ifindex, lo;
	bool lo_raised;
};

static void check_ifname(const struct side *s, const char *name)
{
	const char *why = NULL;

	if (!*name)
		why = "empty";
	else if (strlen(name) >= IFNAMSIZ)
		why = "longer than 15 characters";
	else if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		why = "not a valid name";
	else
		for (const char *p = name; *p && !why; p++)
			/* (unsigned: a UTF-8 byte such as the first of 'é' is no control character) */
			if (*p == '/' || *p == ':' || (unsigned char)*p <= ' ' || *p == 0x7f)
				why = "contains '/', ':' or white space";
	if (why)
		nsu_errx(NSU_EXIT_FAILURE, "invalid interface name '%s' in '%s': %s", name, s->spec, why);
}

/* NS[:IF][=ADDR[/PREFIX]]: the address comes last and may itself hold ':' (IPv6). */
static void parse_side(struct side *s, const char *spec)
{
	_cleanup_free_ char *copy = strdup(spec);
	char *eq, *colon, *slash;
	uint64_t v;

	if (!copy)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	s->spec = spec;
	s->nsfd = -1;
	eq = strchr(copy, '=');
	if (eq) {
		*eq++ = '\0';
		slash = strchr(eq, '/');
		if (slash)
			*slash++ = '\0';
		if (inet_pton(AF_INET, eq, s->addr) == 1)
			s->family = AF_INET;
		else if (inet_pton(AF_INET6, eq, s->addr) == 1)
			s->family = AF_INET6;
		else
			nsu_errx(NSU_EXIT_FAILURE, "invalid address '%s' in '%s'", eq, spec);
		s->prefix = s->family == AF_INET ? 32 : 128;
		/* without one, a host route (/32) that cannot reach the other end: say so, as --help does */
		if (!slash)
			nsu_errx(NSU_EXIT_FAILURE, "invalid address '%s' in '%s': a prefix length is required (%s/%u for a "
				 "lone host)", eq, spec, eq, s->prefix);
		if (nsu_parse_u64_range(slash, 0, s->prefix, &v) < 0)
			nsu_errx(NSU_EXIT_FAILURE, "invalid prefix length '%s' in '%s'", slash, spec);
		s->prefix = (unsigned int)v;
		s->has_addr = true;
	}
	colon = strchr(copy, ':');
	if (colon) {
		*colon++ = '\0';
		check_ifname(s, colon);
		snprintf(s->ifname, sizeof(s->ifname), "%s", colon);
	}
	if (strcmp(copy, "-") != 0)
		check_name(copy);
	snprintf(s->ns, sizeof(s->ns), "%s", copy);
}

/* The default name of an end: "veth-" and the other side's name, cut to fit. */
static void default_ifname(struct side *s, const struct side *other)
{
	if (*s->ifname)
		return;
	snprintf(s->ifname, sizeof(s->ifname), "veth-%.10s", strcmp(other->ns, "-") == 0 ? "host" : other->ns);
	check_ifname(s, s->ifname);
}

static void undo(struct side *a, struct side *b)
{
	int idx;

	/* Deleting either end takes the pair; find one if the lookup stopped short. */
	if (a->ifindex > 0)
		nsu_nl_link_del(a->nl, a->ifindex);
	else if ((idx = nsu_nl_link_index(b->nl, b->ifname)) > 0)
		nsu_nl_link_del(b->nl, idx);
	if (a->lo_raised)
		nsu_nl_link_set_up(a->nl, a->lo, 0);
	if (b->lo_raised)
		nsu_nl_link_set_up(b->nl, b->lo, 0);
}

/* lo up, remembering whether it was down (to put it back on failure). */
static int raise_lo(struct side *s)
{
	int up;

	s->lo = nsu_nl_link_index(s->nl, "lo");
	if (s->lo < 0)
		return s->lo;
	up = nsu_nl_link_is_up(s->nl, s->lo);
	if (up != 0)
		return up < 0 ? up : 0;
	s->lo_raised = true;
	return nsu_nl_link_set_up(s->nl, s->lo, 1);
}

static int netns_stat(const struct side *s, struct stat *st)
{
	return s->nsfd >= 0 ? fstat(s->nsfd, st) : stat("/proc/self/ns/net", st);
}

static bool same_netns(const struct side *a, const struct side *b)
{
	struct stat x, y;

	return netns_stat(a, &x) == 0 && netns_stat(b, &y) == 0 && x.st_ino == y.st_ino && x.st_dev == y.st_dev;
}

/* The namespace of @s and a netlink socket in it; exits 1 saying why not (a command's step). */
static void open_side_or_err(struct side *s)
{
	int r;

	if (strcmp(s->ns, "-") != 0)
		s->nsfd = open_netns_or_err(s->ns);
	r = nsu_nl_open_in(s->nsfd, &s->nl);
	if (r == -ENOTRECOVERABLE)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot return to our network namespace");
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot open a netlink socket in \"%s\"", s->ns);
}

int cmd_connect(struct nsu_tool *g, int argc, char **argv)
{
	struct side s[2] = {0};
	struct mnl_socket *nl;
	const char *step;
	int r;

	(void)g;
	if (argc != 3)
		nsu_usage_error("connect: expected NS1[:IF1][=ADDR1/PREFIX] NS2[:IF2][=ADDR2/PREFIX]");
	parse_side(&s[0], argv[1]);
	parse_side(&s[1], argv[2]);
	default_ifname(&s[0], &s[1]);
	default_ifname(&s[1], &s[0]);
	for (int i = 0; i < 2; i++)
		open_side_or_err(&s[i]);
	if (same_netns(&s[0], &s[1]) && strcmp(s[0].ifname, s[1].ifname) == 0)
		nsu_errx(NSU_EXIT_FAILURE, "both ends would be %s in one namespace: name them (NS:IF)", s[0].ifname);

	nl = nsu_nl_open();
	if (!nl)
		nsu_err(NSU_EXIT_FAILURE, "cannot open a netlink socket");
	r = nsu_nl_veth_create(nl, s[0].ifname, s[0].nsfd, s[1].ifname, s[1].nsfd);
	mnl_socket_close(nl);
	if (r < 0)
		nsu_errc(NSU_EXIT_FAILURE, r, "cannot create veth pair %s (in %s) and %s (in %s)", s[0].ifname, s[0].ns,
			 s[1].ifname, s[1].ns);
	for (int i = 0; i < 2; i++) {
		int idx = nsu_nl_link_index(s[i].nl, s[i].ifname);

		if (idx < 0) {
			r = idx;
			step = "find";
			goto fail;
		}
		s[i].ifindex = idx;
	}
	for (int i = 0; i < 2; i++) {
		if (!s[i].has_addr)
			continue;
		step = "address";
		r = nsu_nl_addr_add(s[i].nl, s[i].ifindex, s[i].family, s[i].addr, s[i].prefix);
		if (r < 0) {
			char text[INET6_ADDRSTRLEN];

			inet_ntop(s[i].family, s[i].addr, text, sizeof(text));
			nsu_warnc(r, "cannot add address %s/%u to %s in %s", text, s[i].prefix, s[i].ifname, s[i].ns);
			undo(&s[0], &s[1]);
			return EXIT_FAILURE;
		}
	}
	for (int i = 0; i < 2; i++) {
		step = "bring up";
		r = nsu_nl_link_set_up(s[i].nl, s[i].ifindex, 1);
		if (r < 0)
			goto fail;
		step = "bring up lo next to";
		r = raise_lo(&s[i]);
		if (r < 0)
			goto fail;
	}
	for (int i = 0; i < 2; i++) {
		mnl_socket_close(s[i].nl);
		if (s[i].nsfd >= 0)
			close(s[i].nsfd);
	}
	return EXIT_SUCCESS;
fail:
	nsu_warnc(r, "cannot %s the veth ends %s/%s", step, s[0].ifname, s[1].ifname);
	undo(&s[0], &s[1]);
	return EXIT_FAILURE;
}

/* ---- disconnect ---- */

/* The veth ends of one namespace that a disconnect removes, found by a dump of its links. */
struct ends {
	const char *want; /* an interface's name, or NULL: every veth end */
	bool other;       /* @want is there, but no veth end */
	size_t n;
	int index[64];
	char name[64][IFNAMSIZ];
};

static void collect_end(int index, const char *name, const char *kind, void *data)
{
	struct ends *e = data;

	if (e->want && strcmp(name, e->want) != 0)
		return;
	if (strcmp(kind, "veth") != 0) {
		e->other = e->want != NULL;
		return;
	}
	if (e->n < sizeof(e->index) / sizeof(e->index[0])) {
		e->index[e->n] = index;
		snprintf(e->name[e->n], sizeof(e->name[e->n]), "%s", name);
		e->n++;
	}
}

static const char *ns_label(const struct side *s)
{
	return strcmp(s->ns, "-") == 0 ? "the current namespace" : s->ns;
}

int cmd_disconnect(struct nsu_tool *g, int argc, char **argv)
{
	size_t n = argc > 1 ? (size_t)argc - 1 : 0;
	struct side *s = calloc(n + 1, sizeof(*s));
	struct ends *e = calloc(n + 1, sizeof(*e));
	int failed = 0, r;

	(void)g;
	if (!s || !e)
		nsu_errx(NSU_EXIT_FAILURE, "cannot allocate memory");
	if (!n)
		nsu_usage_error("disconnect: expected NS[:IF]...");
	/* every end found before any is removed: a bad argument changes nothing */
	for (size_t i = 0; i < n; i++) {
		if (strchr(argv[i + 1], '='))
			nsu_usage_error("disconnect: expected NS[:IF], not an address: '%s'", argv[i + 1]);
		parse_side(&s[i], argv[i + 1]);
		open_side_or_err(&s[i]);
		e[i].want = *s[i].ifname ? s[i].ifname : NULL;
		r = nsu_nl_dump_links(s[i].nl, collect_end, &e[i]);
		if (r < 0)
			nsu_errc(NSU_EXIT_FAILURE, r, "cannot list the interfaces of %s", ns_label(&s[i]));
		if (e[i].n)
			continue;
		if (e[i].other)
			nsu_errx(NSU_EXIT_FAILURE, "cannot disconnect %s: %s is no veth end (disconnect removes veth pairs only)",
				 argv[i + 1], e[i].want);
		if (e[i].want)
			nsu_errx(NSU_EXIT_FAILURE, "cannot disconnect %s: no interface %s in %s", argv[i + 1], e[i].want,
				 ns_label(&s[i]));
		nsu_errx(NSU_EXIT_FAILURE, "cannot disconnect %s: no veth pair in %s", argv[i + 1], ns_label(&s[i]));
	}
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < e[i].n; k++) {
			r = nsu_nl_link_del(s[i].nl, e[i].index[k]);
			/* (gone already: the peer of one removed a moment ago, in the same namespace) */
			if (r < 0 && r != -ENODEV) {
				nsu_warnc(r, "cannot remove the veth pair of %s in %s", e[i].name[k], ns_label(&s[i]));
				failed = 1;
			}
		}
		mnl_socket_close(s[i].nl);
		if (s[i].nsfd >= 0)
			close(s[i].nsfd);
	}
	free(s);
	free(e);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
