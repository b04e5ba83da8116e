/*
 * nfct-mnl-get: reads one conntrack entry over a netlink socket of the
 * program's own (libmnl), using the library to write the request and to
 * read the answer.
 *
 * Shows a request and its answer: IPCTNL_MSG_CT_GET with the original
 * tuple (nfct_nlmsg_build() of an object that has only the tuple), and the
 * kernel's answer, a conntrack message that nfct_nlmsg_parse() turns back
 * into an object. mnl_cb_run() calls the callback for that message and
 * stops at the acknowledgement.
 *
 * The entry looked up is the one nfct-mnl-create adds: TCP
 * [2001:db8::1]:41000 -> [2001:db8:1::1]:443.
 *
 * usage: nfct-mnl-get
 * Prints the entry as conntrack -G does. Exit status: 0 when it was found,
 * 1 otherwise ("No such file or directory" when it is not there).
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
	fprintf(stderr, "nfct-mnl-get: %s: %s\n", what, strerror(errno));
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

/* Called by mnl_cb_run() for each conntrack message of the answer. */
static int print_entry(const struct nlmsghdr *nlh, void *data)
{
	unsigned int *found = data;
	struct nf_conntrack *ct;
	char line[1024];
	int ret = MNL_CB_OK;

	ct = nfct_new();
	if (ct == NULL)
		return MNL_CB_ERROR;
	if (nfct_nlmsg_parse(nlh, ct) < 0 ||
	    nfct_snprintf(line, sizeof(line), ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0) {
		ret = MNL_CB_ERROR;
	} else {
		printf("%s\n", line);
		(*found)++;
	}
	nfct_destroy(ct);
	return ret;
}

int main(void)
{
	static char buf[8192];
	struct in6_addr client = ipv6("2001:db8::1"), server = ipv6("2001:db8:1::1");
	unsigned int seq, portid, found = 0;
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
	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET;
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

	/* The entry, then the acknowledgement (or only an error). */
	do {
		ret = (int)mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (ret < 0)
			fail("mnl_socket_recvfrom");
		ret = mnl_cb_run(buf, (size_t)ret, seq, portid, print_entry, &found);
	} while (ret > MNL_CB_STOP);
	if (ret < 0)
		fail("cannot get the entry");
	if (found != 1) {
		fprintf(stderr, "nfct-mnl-get: the kernel sent %u entries, not one\n", found);
		return EXIT_FAILURE;
	}

	if (mnl_socket_close(nl) < 0)
		fail("mnl_socket_close");
	nfct_destroy(ct);
	return EXIT_SUCCESS;
}
