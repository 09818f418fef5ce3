// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netlink.c - rtnetlink requests through libmnl, see rtnetlink(7).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "netlink.h"

struct mnl_socket *nsu_nl_open(void)
{
	struct mnl_socket *nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);

	if (!nl)
		return NULL;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		int saved = errno;

		mnl_socket_close(nl);
		errno = saved;
		return NULL;
	}
	return nl;
}

int nsu_nl_talk(struct mnl_socket *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	static uint32_t seq_base;
	char buf[32768]; /* MNL_SOCKET_DUMP_SIZE of newer libmnl */
	unsigned int portid = mnl_socket_get_portid(nl);
	uint32_t seq;
	ssize_t n;
	int r;

	if (!seq_base)
		seq_base = (uint32_t)time(NULL);
	seq = ++seq_base;
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n < 0)
			return -errno;
		/* mnl_cb_run turns an NLMSG_ERROR into -1 with errno set, an ACK into STOP. */
		r = mnl_cb_run(buf, (size_t)n, seq, portid, cb, data);
		if (r < 0)
			return errno ? -errno : -EIO;
		if (r == MNL_CB_STOP)
			return 0;
	}
}

struct nsid_answer {
	int nsid;
	int found;
};

static int nsid_attr_cb(const struct nlattr *attr, void *data)
{
	struct nsid_answer *a = data;

	if (mnl_attr_get_type(attr) == NETNSA_NSID && mnl_attr_validate(attr, MNL_TYPE_U32) == 0) {
		a->nsid = (int)mnl_attr_get_u32(attr);
		a->found = 1;
	}
	return MNL_CB_OK;
}

static int nsid_msg_cb(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_type == RTM_NEWNSID)
		mnl_attr_parse(nlh, sizeof(struct rtgenmsg), nsid_attr_cb, data);
	return MNL_CB_OK;
}

int nsu_nl_get_nsid(struct mnl_socket *nl, int nsfd, int *nsid)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct rtgenmsg *g;
	struct nsid_answer a = {-1, 0};
	int r;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETNSID;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->rtgen_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, NETNSA_FD, (uint32_t)nsfd);
	r = nsu_nl_talk(nl, nlh, nsid_msg_cb, &a);
	if (r < 0)
		return r;
	*nsid = a.found ? a.nsid : -1;
	return 0;
}
