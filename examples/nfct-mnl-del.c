/*
 * nfct-mnl-del: removes one conntrack entry over a netlink socket of the
 * program's own (libmnl).
 *
 * Shows IPCTNL_MSG_CT_DELETE with the entry's original tuple, written by
 * nfct_nlmsg_build() from an object that has only the tuple, and the
 * acknowledgement the kernel answers with.
 *
 * The entry removed is the one nfct-mnl-create adds: TCP
 * [2001:db8::1]:41000 -> [2001:db8:1::1]:443.
 *
 * usage: nfct-mnl-del
 * Exit status: 0 when the kernel removed the entry, 1 otherwise ("No such
 * file or directory" when it is not there).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static void fail(const char *what)
{
	fprintf(stderr, "nfct-mnl-del: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

static struct in6_addr ipv6(const char *text)
{
	struct in6_addr addr;

	if (inet_pton(AF_INET6, text, &addr) != 1) {
		errno = EINVAL;
		fail(text);
	}
	return addr;
}

int main(void)
{
	static char buf[8192];
	struct in6_addr client = ipv6("2001:db8::1"), server = ipv6("2001:db8:1::1");
	unsigned int seq, portid;
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct nfgenmsg *nfh;
	struct nf_conntrack *ct;
	int ret;

	ct = nfct_new();
	if (ct == NULL)
		fail("nfct_new");
	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET6);
	nfct_set_attr(ct, ATTR_ORIG_IPV6_SRC, &client);
	nfct_set_attr(ct, ATTR_ORIG_IPV6_DST, &server);
	nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_SRC, htons(41000));
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, htons(443));

	nl = mnl_socket_open(NETLINK_NETFILTER);
	if (nl == NULL)
		fail("mnl_socket_open");
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		fail("mnl_socket_bind");
	portid = mnl_socket_get_portid(nl);

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_DELETE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq = (unsigned int)time(NULL);
	nfh = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfh));
	nfh->nfgen_family = AF_INET6;
	nfh->version = NFNETLINK_V0;
	nfh->res_id = 0;
	if (nfct_nlmsg_build(nlh, ct) < 0)
		fail("nfct_nlmsg_build");
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		fail("mnl_socket_sendto");

	ret = (int)mnl_socket_recvfrom(nl, buf, sizeof(buf));
	if (ret < 0)
		fail("mnl_socket_recvfrom");
	if (mnl_cb_run(buf, (size_t)ret, seq, portid, NULL, NULL) < 0)
		fail("cannot delete the entry");
	printf("deleted: tcp [2001:db8::1]:41000 -> [2001:db8:1::1]:443\n");

	if (mnl_socket_close(nl) < 0)
		fail("mnl_socket_close");
	nfct_destroy(ct);
	return EXIT_SUCCESS;
}
