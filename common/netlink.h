/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netlink.h - rtnetlink through libmnl: namespace ids (RTM_GETNSID/NEWNSID),
 * and what wiring namespaces needs.
 */
#ifndef NSU_NETLINK_H
#define NSU_NETLINK_H

#include <libmnl/libmnl.h>

/* Open and bind a NETLINK_ROUTE socket. Returns NULL with errno set. */
struct mnl_socket *nsu_nl_open(void);

/*
 * Send the request in @buf (one message, NLM_F_REQUEST|NLM_F_ACK is added)
 * and run @cb on each answer until the kernel acknowledges or finishes a
 * dump. Returns 0 or -errno (the kernel's error for the request).
 */
int nsu_nl_talk(struct mnl_socket *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);

/*
 * The id the namespace of @nl's network namespace uses for the network
 * namespace behind @nsfd (RTM_GETNSID with NETNSA_FD). *nsid is -1 when no id
 * is assigned. Returns 0 or -errno.
 */
int nsu_nl_get_nsid(struct mnl_socket *nl, int nsfd, int *nsid);

/* Give the network namespace behind @nsfd the id @nsid (-1: let the kernel pick). Returns 0 or -errno. */
int nsu_nl_set_nsid(struct mnl_socket *nl, int nsfd, int nsid);

/*
 * Every id @nl's namespace has for other namespaces (RTM_GETNSID dump);
 * @target_nsid >= 0 asks for the ids as the namespace with that id sees them.
 * @cb runs once per id. Returns 0 or -errno.
 */
int nsu_nl_dump_nsids(struct mnl_socket *nl, int target_nsid, void (*cb)(int nsid, void *data), void *data);

/*
 * A NETLINK_ROUTE socket inside the network namespace @nsfd (-1: the
 * current one): a socket stays in the namespace it was made in. The caller's
 * namespace is restored before returning; if that fails, -ENOTRECOVERABLE.
 * Returns 0 and *nl, or -errno.
 */
int nsu_nl_open_in(int nsfd, struct mnl_socket **nl);

/* The ifindex of link @name, or -errno (-ENODEV when there is none). */
int nsu_nl_link_index(struct mnl_socket *nl, const char *name);

/*
 * Create a veth pair: @name1 in the namespace of @nsfd1, its peer @name2 in
 * that of @nsfd2 (-1: @nl's own), both at once. Returns 0 or -errno
 * (-EEXIST when a name is taken).
 */
int nsu_nl_veth_create(struct mnl_socket *nl, const char *name1, int nsfd1, const char *name2, int nsfd2);

/* Delete link @ifindex (a veth takes its peer along). Returns 0 or -errno. */
int nsu_nl_link_del(struct mnl_socket *nl, int ifindex);
/* Each link of the namespace of @nl to @cb: its index, name and kind ("veth"; "" for none). 0 or -errno. */
int nsu_nl_dump_links(struct mnl_socket *nl, void (*cb)(int index, const char *name, const char *kind, void *data),
		      void *data);

/* Set link @ifindex up or down. Returns 0 or -errno. */
int nsu_nl_link_set_up(struct mnl_socket *nl, int ifindex, int up);

/* Whether link @ifindex is up: 1, 0, or -errno. */
int nsu_nl_link_is_up(struct mnl_socket *nl, int ifindex);

/*
 * Add address @addr (4 or 16 bytes by @family, AF_INET or AF_INET6) with
 * @prefix to link @ifindex. Returns 0 or -errno.
 */
int nsu_nl_addr_add(struct mnl_socket *nl, int ifindex, int family, const void *addr, unsigned int prefix);

/*
 * What the kernel's replies in @buf (@len bytes, as read from the socket)
 * say, without a socket: the parsing the calls above do, for tests and
 * fuzzing. Each returns 0, or -errno for an error reply or bytes that are
 * not netlink messages. An RTM_GETNSID answer: *nsid (-1: none). A dump:
 * @cb for each id. An RTM_GETLINK answer: *index (0: none) and *flags.
 */
int nsu_nl_parse_nsid(const void *buf, size_t len, int *nsid);
int nsu_nl_parse_nsid_dump(const void *buf, size_t len, void (*cb)(int nsid, void *data), void *data);
int nsu_nl_parse_link(const void *buf, size_t len, int *index, unsigned int *flags);

#endif /* NSU_NETLINK_H */
