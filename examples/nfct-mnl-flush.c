/*
 * nfct-mnl-flush: empties the conntrack table, or removes only the
 * entries with a given mark, over a netlink socket of the program's own
 * (libmnl).
 *
 * Shows that a flush is IPCTNL_MSG_CT_DELETE without a tuple. The kernel
 * takes the family in the nfnetlink header as a filter only when the
 * header's version is 1; with version 0 (NFNETLINK_V0) it removes the
 * entries of every family, as old kernels did. With a mark,
 * nfct_nlmsg_build_filter() adds the attributes of a kernel-side filter
 * (struct nfct_filter_dump) to the message, and only the matching entries
 * go.
 *
 * usage: nfct-mnl-flush [ipv4|ipv6|all [MARK [MASK]]]
 *   (default: all, every mark; MASK defaults to 0xffffffff)
 * MARK and MASK are numbers in C notation (decimal, 0x hexadecimal).
 * Exit status: 0 on success, 1 on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static void fail(const char *what)
{
	fprintf(stderr, "nfct-mnl-flush: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

static void usage(void)
{
	fprintf(stderr, "usage: nfct-mnl-flush [ipv4|ipv6|all [MARK [MASK]]]\n");
	exit(EXIT_FAILURE);
}

/* Reads a 32-bit number; ends the program when the text is not one. */
static uint32_t number(const char *text)
{
	unsigned long long value;
	char *end;

	errno = 0;
	value = strtoull(text, &end, 0);
	if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || value > UINT32_MAX)
		usage();
	return (uint32_t)value;
}

int main(int argc, char *argv[])
{
	static char buf[8192];
	const char *which = argc > 1 ? argv[1] : "all";
	struct nfct_filter_dump_mark mark = { 0, 0xffffffff };
	unsigned int seq, portid;
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct nfgenmsg *nfh;
	uint8_t family;
	int ret;

	if (argc > 4)
		usage();
	if (strcmp(which, "all") == 0)
		family = AF_UNSPEC;
	else if (strcmp(which, "ipv4") == 0)
		family = AF_INET;
	else if (strcmp(which, "ipv6") == 0)
		family = AF_INET6;
	else
		usage();
	if (argc > 2)
		mark.val = number(argv[2]);
	if (argc > 3)
		mark.mask = number(argv[3]);

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
	nfh->nfgen_family = family;
	/* Version 1: the family is a filter. */
	nfh->version = family == AF_UNSPEC ? NFNETLINK_V0 : 1;
	nfh->res_id = 0;

	if (argc > 2) {
		struct nfct_filter_dump *filter = nfct_filter_dump_create();

		if (filter == NULL)
			fail("nfct_filter_dump_create");
		nfct_filter_dump_set_attr(filter, NFCT_FILTER_DUMP_MARK, &mark);
		if (nfct_nlmsg_build_filter(nlh, filter) < 0)
			fail("nfct_nlmsg_build_filter");
		nfct_filter_dump_destroy(filter);
	}

	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		fail("mnl_socket_sendto");
	ret = (int)mnl_socket_recvfrom(nl, buf, sizeof(buf));
	if (ret < 0)
		fail("mnl_socket_recvfrom");
	if (mnl_cb_run(buf, (size_t)ret, seq, portid, NULL, NULL) < 0)
		fail("cannot flush");
	if (argc > 2)
		printf("flushed the entries (%s) with mark 0x%x/0x%x\n", which, mark.val, mark.mask);
	else
		printf("flushed the conntrack table (%s)\n", which);

	if (mnl_socket_close(nl) < 0)
		fail("mnl_socket_close");
	return EXIT_SUCCESS;
}
