// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netlink.c - rtnetlink requests through libmnl, see rtnetlink(7).
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <sys/socket.h>

#include "netlink.h"

/* Start a request of @type in @buf (zeroed) with an extra header of @extra bytes; returns that header. */
static void *nl_request(char *buf, size_t size, uint16_t type, uint16_t flags, size_t extra, struct nlmsghdr **nlh)
{
	memset(buf, 0, size);
	*nlh = mnl_nlmsg_put_header(buf);
	(*nlh)->nlmsg_type = type;
	(*nlh)->nlmsg_flags = flags;
	return mnl_nlmsg_put_extra_header(*nlh, extra);
}

/* A link request (RTM_*LINK) about @ifindex (0: by name, or a new link). */
static struct ifinfomsg *link_request(char *buf, size_t size, uint16_t type, uint16_t flags, int ifindex,
				      struct nlmsghdr **nlh)
{
	struct ifinfomsg *ifi = nl_request(buf, size, type, flags, sizeof(*ifi), nlh);

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	return ifi;
}

/* A namespace id request (RTM_*NSID). */
static void nsid_request(char *buf, size_t size, uint16_t type, uint16_t flags, struct nlmsghdr **nlh)
{
	struct rtgenmsg *g = nl_request(buf, size, type, flags, sizeof(*g), nlh);

	g->rtgen_family = AF_UNSPEC;
}

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

/*
 * Whether @buf holds whole netlink messages only. libmnl 1.0.4 compares a
 * message's length as a signed int: a length past 2 GiB passes, and its
 * next message lies far outside the buffer (found by tests/fuzz/netlink.c).
 */
static bool replies_ok(const void *buf, size_t len)
{
	const unsigned char *p = buf;

	while (len >= sizeof(struct nlmsghdr)) {
		const struct nlmsghdr *h = (const void *)p;
		size_t step = NLMSG_ALIGN(h->nlmsg_len);

		if (h->nlmsg_len < sizeof(*h) || h->nlmsg_len > len)
			return false;
		if (step >= len)
			return true;
		p += step;
		len -= step;
	}
	return true;
}

/*
 * What a failed mnl_cb_run() says: the error of an NLMSG_ERROR reply (libmnl
 * puts it in errno), -EIO where there is none or it is no errno value (a
 * reply may carry any int: INT_MIN would not even negate; found by
 * tests/fuzz/netlink.c).
 */
static int reply_error(void)
{
	return errno > 0 && errno < 4096 ? -errno : -EIO;
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
		if (!replies_ok(buf, (size_t)n))
			return -EBADMSG;
		/* mnl_cb_run turns an NLMSG_ERROR into -1 with errno set, an ACK into STOP. */
		errno = 0;
		r = mnl_cb_run(buf, (size_t)n, seq, portid, cb, data);
		if (r < 0)
			return reply_error();
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
	struct nsid_answer a = {-1, 0};
	int r;

	nsid_request(buf, sizeof(buf), RTM_GETNSID, 0, &nlh);
	mnl_attr_put_u32(nlh, NETNSA_FD, (uint32_t)nsfd);
	r = nsu_nl_talk(nl, nlh, nsid_msg_cb, &a);
	if (r < 0)
		return r;
	*nsid = a.found ? a.nsid : -1;
	return 0;
}

int nsu_nl_set_nsid(struct mnl_socket *nl, int nsfd, int nsid)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;

	nsid_request(buf, sizeof(buf), RTM_NEWNSID, 0, &nlh);
	mnl_attr_put_u32(nlh, NETNSA_FD, (uint32_t)nsfd);
	mnl_attr_put_u32(nlh, NETNSA_NSID, (uint32_t)nsid);
	return nsu_nl_talk(nl, nlh, NULL, NULL);
}

struct nsid_dump {
	void (*cb)(int nsid, void *data);
	void *data;
};

static int nsid_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nsid_dump *d = data;
	struct nsid_answer a = {-1, 0};

	if (nlh->nlmsg_type != RTM_NEWNSID)
		return MNL_CB_OK;
	mnl_attr_parse(nlh, sizeof(struct rtgenmsg), nsid_attr_cb, &a);
	if (a.found && a.nsid >= 0)
		d->cb(a.nsid, d->data);
	return MNL_CB_OK;
}

int nsu_nl_dump_nsids(struct mnl_socket *nl, int target_nsid, void (*cb)(int nsid, void *data), void *data)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct nsid_dump d = {cb, data};

	nsid_request(buf, sizeof(buf), RTM_GETNSID, NLM_F_DUMP, &nlh);
	if (target_nsid >= 0)
		mnl_attr_put_u32(nlh, NETNSA_TARGET_NSID, (uint32_t)target_nsid);
	return nsu_nl_talk(nl, nlh, nsid_dump_cb, &d);
}

int nsu_nl_open_in(int nsfd, struct mnl_socket **nl)
{
	int self, r = 0;

	if (nsfd < 0) {
		*nl = nsu_nl_open();
		return *nl ? 0 : -errno;
	}
	self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (self < 0)
		return -errno;
	if (setns(nsfd, CLONE_NEWNET) < 0) {
		r = -errno;
		close(self);
		return r;
	}
	*nl = nsu_nl_open();
	if (!*nl)
		r = -errno;
	if (setns(self, CLONE_NEWNET) < 0) {
		if (*nl)
			mnl_socket_close(*nl);
		*nl = NULL;
		r = -ENOTRECOVERABLE;
	}
	close(self);
	return r;
}

struct link_answer {
	int index;
	unsigned int flags;
};

static int link_msg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct link_answer *a = data;
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);

	/* a message too short for its header has no link in it */
	if (nlh->nlmsg_type == RTM_NEWLINK && mnl_nlmsg_get_payload_len(nlh) >= sizeof(*ifi)) {
		a->index = ifi->ifi_index;
		a->flags = ifi->ifi_flags;
	}
	return MNL_CB_OK;
}

static int link_get(struct mnl_socket *nl, const char *name, int ifindex, struct link_answer *a)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	int r;

	link_request(buf, sizeof(buf), RTM_GETLINK, 0, ifindex, &nlh);
	if (name)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	a->index = 0;
	r = nsu_nl_talk(nl, nlh, link_msg_cb, a);
	if (r == 0 && a->index <= 0)
		r = -ENODEV;
	return r;
}

int nsu_nl_link_index(struct mnl_socket *nl, const char *name)
{
	struct link_answer a;
	int r = link_get(nl, name, 0, &a);

	return r < 0 ? r : a.index;
}

int nsu_nl_link_is_up(struct mnl_socket *nl, int ifindex)
{
	struct link_answer a;
	int r = link_get(nl, NULL, ifindex, &a);

	return r < 0 ? r : !!(a.flags & IFF_UP);
}

struct link_dump {
	void (*cb)(int index, const char *name, const char *kind, void *data);
	void *data;
	const char *name, *kind;
};

static int linkinfo_attr_cb(const struct nlattr *attr, void *data)
{
	struct link_dump *d = data;

	if (mnl_attr_get_type(attr) == IFLA_INFO_KIND && mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
		d->kind = mnl_attr_get_str(attr);
	return MNL_CB_OK;
}

static int link_attr_cb(const struct nlattr *attr, void *data)
{
	struct link_dump *d = data;

	if (mnl_attr_get_type(attr) == IFLA_IFNAME && mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
		d->name = mnl_attr_get_str(attr);
	else if (mnl_attr_get_type(attr) == IFLA_LINKINFO && mnl_attr_validate(attr, MNL_TYPE_NESTED) == 0)
		mnl_attr_parse_nested(attr, linkinfo_attr_cb, d);
	return MNL_CB_OK;
}

static int link_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct link_dump *d = data;
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != RTM_NEWLINK || mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifi))
		return MNL_CB_OK;
	d->name = d->kind = NULL;
	mnl_attr_parse(nlh, sizeof(*ifi), link_attr_cb, d);
	if (d->name)
		d->cb(ifi->ifi_index, d->name, d->kind ? d->kind : "", d->data);
	return MNL_CB_OK;
}

int nsu_nl_dump_links(struct mnl_socket *nl, void (*cb)(int index, const char *name, const char *kind, void *data),
		      void *data)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct link_dump d = {cb, data, NULL, NULL};

	link_request(buf, sizeof(buf), RTM_GETLINK, NLM_F_DUMP, 0, &nlh);
	return nsu_nl_talk(nl, nlh, link_dump_cb, &d);
}

int nsu_nl_veth_create(struct mnl_socket *nl, const char *name1, int nsfd1, const char *name2, int nsfd2)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct ifinfomsg *peer;
	struct nlattr *linkinfo, *data, *peerattr;

	link_request(buf, sizeof(buf), RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, &nlh);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name1);
	if (nsfd1 >= 0)
		mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (uint32_t)nsfd1);
	linkinfo = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	/* VETH_INFO_PEER carries a whole ifinfomsg, then the peer's attributes. */
	peerattr = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
	peer = mnl_nlmsg_put_extra_header(nlh, sizeof(*peer));
	peer->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name2);
	if (nsfd2 >= 0)
		mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (uint32_t)nsfd2);
	mnl_attr_nest_end(nlh, peerattr);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, linkinfo);
	return nsu_nl_talk(nl, nlh, NULL, NULL);
}

int nsu_nl_link_del(struct mnl_socket *nl, int ifindex)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;

	link_request(buf, sizeof(buf), RTM_DELLINK, 0, ifindex, &nlh);
	return nsu_nl_talk(nl, nlh, NULL, NULL);
}

int nsu_nl_link_set_up(struct mnl_socket *nl, int ifindex, int up)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;

	ifi = link_request(buf, sizeof(buf), RTM_NEWLINK, 0, ifindex, &nlh);
	ifi->ifi_change = IFF_UP;
	ifi->ifi_flags = up ? IFF_UP : 0;
	return nsu_nl_talk(nl, nlh, NULL, NULL);
}

int nsu_nl_addr_add(struct mnl_socket *nl, int ifindex, int family, const void *addr, unsigned int prefix)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	size_t len = family == AF_INET ? 4 : 16;

	ifa = nl_request(buf, sizeof(buf), RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, sizeof(*ifa), &nlh);
	ifa->ifa_family = (unsigned char)family;
	ifa->ifa_prefixlen = (unsigned char)prefix;
	ifa->ifa_index = (unsigned int)ifindex;
	mnl_attr_put(nlh, IFA_LOCAL, len, addr);
	mnl_attr_put(nlh, IFA_ADDRESS, len, addr);
	return nsu_nl_talk(nl, nlh, NULL, NULL);
}

/* Replies as bytes, without a socket: what the callbacks above make of them. */
static int parse_replies(const void *buf, size_t len, mnl_cb_t cb, void *data)
{
	int r;

	if (!replies_ok(buf, len))
		return -EBADMSG;
	errno = 0;
	r = mnl_cb_run(buf, len, 0, 0, cb, data);
	if (r < 0)
		return reply_error();
	return 0;
}

int nsu_nl_parse_nsid(const void *buf, size_t len, int *nsid)
{
	struct nsid_answer a = {-1, 0};
	int r = parse_replies(buf, len, nsid_msg_cb, &a);

	*nsid = a.found ? a.nsid : -1;
	return r;
}

int nsu_nl_parse_nsid_dump(const void *buf, size_t len, void (*cb)(int nsid, void *data), void *data)
{
	struct nsid_dump d = {cb, data};

	return parse_replies(buf, len, nsid_dump_cb, &d);
}

int nsu_nl_parse_link(const void *buf, size_t len, int *index, unsigned int *flags)
{
	struct link_answer a = {0, 0};
	int r = parse_replies(buf, len, link_msg_cb, &a);

	*index = a.index;
	*flags = a.flags;
	return r;
}
