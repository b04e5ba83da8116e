/*
 * nfexp-mnl-dump: lists the expectation table over a netlink socket of the
 * program's own (libmnl), using the library to read each expectation.
 *
 * Shows a dump of the CTNETLINK_EXP subsystem: IPCTNL_MSG_EXP_GET with
 * NLM_F_DUMP; each message of the answer becomes an expectation object
 * through nfexp_nlmsg_parse(), printed by nfexp_snprintf().
 *
 * usage: nfexp-mnl-dump [ipv4|ipv6|all]   (default: all)
 * Prints one line per expectation, as conntrack -L expect does, then how
 * many there were. Exit status: 0 on success, 1 on failure.
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
	fprintf(stderr, "nfexp-mnl-dump: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

static int print_expectation(const struct nlmsghdr *nlh, void *data)
{
	unsigned int *count = data;
	struct nf_expect *exp;
	char line[1024];
	int ret = MNL_CB_OK;

	exp = nfexp_new();
	if (exp == NULL)
		return MNL_CB_ERROR;
	if (nfexp_nlmsg_parse(nlh, exp) < 0 ||
	    nfexp_snprintf(line, sizeof(line), exp, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0) {
		ret = MNL_CB_ERROR;
	} else {
		printf("%s\n", line);
		(*count)++;
	}
	nfexp_destroy(exp);
	return ret;
}

int main(int argc, char *argv[])
{
	static char buf[32768];
	const char *which = argc > 1 ? argv[1] : "all";
	unsigned int seq, portid, count = 0;
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct nfgenmsg *nfh;
	uint8_t family;
	int ret;

	if (argc > 2) {
		fprintf(stderr, "usage: nfexp-mnl-dump [ipv4|ipv6|all]\n");
		return EXIT_FAILURE;
	}
	if (strcmp(which, "all") == 0)
		family = AF_UNSPEC;
	else if (strcmp(which, "ipv4") == 0)
		family = AF_INET;
	else if (strcmp(which, "ipv6") == 0)
		family = AF_INET6;
	else {
		fprintf(stderr, "usage: nfexp-mnl-dump [ipv4|ipv6|all]\n");
		return EXIT_FAILURE;
	}

	nl = mnl_socket_open(NETLINK_NETFILTER);
	if (nl == NULL)
		fail("mnl_socket_open");
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		fail("mnl_socket_bind");
	portid = mnl_socket_get_portid(nl);

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK_EXP << 8) | IPCTNL_MSG_EXP_GET;
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
		ret = mnl_cb_run(buf, (size_t)ret, seq, portid, print_expectation, &count);
	} while (ret > MNL_CB_STOP);
	if (ret < 0)
		fail("cannot dump the expectations");
	printf("%u expectations\n", count);

	if (mnl_socket_close(nl) < 0)
		fail("mnl_socket_close");
	return EXIT_SUCCESS;
}
