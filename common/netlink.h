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

#endif /* NSU_NETLINK_H */
