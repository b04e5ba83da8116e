/*
 * nfct-mnl-create: adds a conntrack entry over a netlink socket of the
 * program's own (libmnl), using the library only to write the entry into
 * the message.
 *
 * Shows the parts of a ctnetlink request: the netlink header (message
 * type: subsystem CTNETLINK, IPCTNL_MSG_CT_NEW; flags: create, fail if it
 * exists, acknowledge), the nfnetlink header (the layer-3 family), and the
 * attributes, which nfct_nlmsg_build() appends from a conntrack object.
 * The kernel's acknowledgement comes back as an NLMSG_ERROR message, which
 * mnl_cb_run() turns into its return value and errno.
 *
 * The entry is a TCP connection [2001:db8::1]:41000 -> [2001:db8:1::1]:443
 * in state ESTABLISHED, with mark 7, that expires after 200 seconds.
 *
 * usage: nfct-mnl-create
 * Prints the entry it asked for. Exit status: 0 when the kernel created
 * it, 1 otherwise (for instance "File exists").
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack_tcp.h>

static void fail(const char *what)
{
	fprintf(stderr, "nfct-mnl-create: %s: %s\n", what, strerror(errno));
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
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct nfgenmsg *nfh;
	struct nf_conntrack *ct;
	unsigned int seq, portid;
	char line[1024];
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
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET6);
	nfct_set_attr(ct, ATTR_REPL_IPV6_SRC, &server);
	nfct_set_attr(ct, ATTR_REPL_IPV6_DST, &client);
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, htons(443));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(41000));
	nfct_set_attr_u8(ct, ATTR_TCP_STATE, TCP_CONNTRACK_ESTABLISHED);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 200);
	nfct_set_attr_u32(ct, ATTR_MARK, 7);

	nl = mnl_socket_open(NETLINK_NETFILTER);
	if (nl == NULL)
		fail("mnl_socket_open");
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		fail("mnl_socket_bind");
	portid = mnl_socket_get_portid(nl);

	/* The request: headers first, then the entry's attributes. */
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_NEW;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK;
	nlh->nlmsg_seq = seq = (unsigned int)time(NULL);
	nfh = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfh));
	nfh->nfgen_family = AF_INET6;
	nfh->version = NFNETLINK_V0;
	nfh->res_id = 0;
	if (nfct_nlmsg_build(nlh, ct) < 0)
		fail("nfct_nlmsg_build");

	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		fail("mnl_socket_sendto");
	/* The answer is the acknowledgement: an error code, 0 on success. */
	ret = (int)mnl_socket_recvfrom(nl, buf, sizeof(buf));
	if (ret < 0)
		fail("mnl_socket_recvfrom");
	if (mnl_cb_run(buf, (size_t)ret, seq, portid, NULL, NULL) < 0)
		fail("cannot create the entry");

	if (nfct_snprintf(line, sizeof(line), ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		fail("nfct_snprintf");
	printf("created: %s\n", line);

	if (mnl_socket_close(nl) < 0)
		fail("mnl_socket_close");
	nfct_destroy(ct);
	return EXIT_SUCCESS;
}
