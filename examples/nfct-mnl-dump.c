/*
 * nfct-mnl-dump: lists the conntrack table over a netlink socket of the
 * program's own (libmnl), using the library to read each entry.
 *
 * Shows a netlink dump: IPCTNL_MSG_CT_GET with NLM_F_DUMP and no
 * attribute asks for the whole table of a family (AF_UNSPEC: every
 * family). The kernel answers with many messages, spread over several
 * reads, and ends with NLMSG_DONE, at which mnl_cb_run() returns
 * MNL_CB_STOP. Each message becomes an object through nfct_nlmsg_parse().
 *
 * usage: nfct-mnl-dump [ipv4|ipv6|all]   (default: all)
 * Prints one line per entry, as conntrack -L does, then how many there
 * were. Exit status: 0 on success, 1 on failure.
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
	fprintf(stderr, "nfct-mnl-dump: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

static int print_entry(const struct nlmsghdr *nlh, void *data)
{
	unsigned int *count = data;
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
		(*count)++;
	}
	nfct_destroy(ct);
	return ret;
}

int main(int argc, char *argv[])
{
	/* Large enough for the biggest batch the kernel sends at once. */
	static char buf[32768];
	const char *which = argc > 1 ? argv[1] : "all";
	unsigned int seq, portid, count = 0;
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct nfgenmsg *nfh;
	uint8_t family;
	int ret;

	if (argc > 2) {
		fprintf(stderr, "usage: nfct-mnl-dump [ipv4|ipv6|all]\n");
		return EXIT_FAILURE;
	}
	if (strcmp(which, "all") == 0)
		family = AF_UNSPEC;
	else if (strcmp(which, "ipv4") == 0)
		family = AF_INET;
	else if (strcmp(which, "ipv6") == 0)
		family = AF_INET6;
	else {
		fprintf(stderr, "usage: nfct-mnl-dump [ipv4|ipv6|all]\n");
		return EXIT_FAILURE;
	}

	nl = mnl_socket_open(NETLINK_NETFILTER);
	if (nl == NULL)
		fail("mnl_socket_open");
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		fail("mnl_socket_bind");
	portid = mnl_socket_get_portid(nl);

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq = (unsigned int)time(NULL);
	nfh = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfh));
	nfh->nfgen_family = family;
	nfh->version = NFNETLINK_V0;
	nfh->res_id = 0;
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		fail("mnl_socket_sendto");

	do {
		ret = (int)mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (ret < 0)
			fail("mnl_socket_recvfrom");
		ret = mnl_cb_run(buf, (size_t)ret, seq, portid, print_entry, &count);
	} while (ret > MNL_CB_STOP);
	if (ret < 0)
		fail("cannot dump the table");
	printf("%u entries\n", count);

	if (mnl_socket_close(nl) < 0)
		fail("mnl_socket_close");
	return EXIT_SUCCESS;
}
