/*
 * Raw netlink helpers for the filter tests: they do not rely on the
 * library's handles, only on libmnl and the kernel.
 */
#ifndef NFCT_TEST_FILTER_NL_H
#define NFCT_TEST_FILTER_NL_H

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

/* A bound NETLINK_NETFILTER socket, subscribed to groups; exits 99 on
 * failure. Returns the fd and stores the port id. */
static inline int nl_open(unsigned int groups, unsigned int *portid)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = groups };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0) {
		perror("netlink socket");
		exit(99);
	}
	int size = 1 << 20;

	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (portid)
		*portid = sa.nl_pid;
	return fd;
}

/* Starts a ctnetlink message of the given subsystem and type. */
static inline struct nlmsghdr *nl_start(void *buf, uint8_t subsys, uint8_t type,
					uint16_t flags, uint8_t family, uint8_t version)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *g;

	nlh->nlmsg_type = (uint16_t)((subsys << 8) | type);
	nlh->nlmsg_flags = flags;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->nfgen_family = family;
	g->version = version;
	g->res_id = 0;
	return nlh;
}

/* The original-direction source address of a conntrack message, as text
 * (empty when missing). */
static inline void nl_orig_src(const struct nlmsghdr *nlh, char *out, size_t size)
{
	const struct nlattr *a, *b, *c;

	out[0] = '\0';
	mnl_attr_for_each(a, nlh, sizeof(struct nfgenmsg)) {
		if (mnl_attr_get_type(a) != CTA_TUPLE_ORIG)
			continue;
		mnl_attr_for_each_nested(b, a) {
			if (mnl_attr_get_type(b) != CTA_TUPLE_IP)
				continue;
			mnl_attr_for_each_nested(c, b) {
				if (mnl_attr_get_type(c) == CTA_IP_V4_SRC)
					inet_ntop(AF_INET, mnl_attr_get_payload(c), out, (socklen_t)size);
				else if (mnl_attr_get_type(c) == CTA_IP_V6_SRC)
					inet_ntop(AF_INET6, mnl_attr_get_payload(c), out, (socklen_t)size);
			}
		}
	}
}

#endif
