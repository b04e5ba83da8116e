/*
 * nfct-mnl-dump-labels: lists the conntrack table with the names of each
 * entry's labels, over a netlink socket of the program's own (libmnl).
 *
 * Shows connection labels: a label is a bit of the entry's label set
 * (ATTR_CONNLABELS, a struct nfct_bitmask), and a label map
 * (connlabel.conf: one "bit name" pair per line) gives the bits names.
 * nfct_snprintf_labels() prints an entry with the names of its labels;
 * the program also walks the bits itself with nfct_bitmask_test_bit() and
 * nfct_labelmap_get_name().
 *
 * usage: nfct-mnl-dump-labels [MAPFILE]
 *   MAPFILE  the label map to use (default: the library's, whose path
 *            nfct_labels_get_path() tells)
 * Prints each entry, and under each labelled entry the line
 * "  labels: NAME(BIT) ...", then how many entries there were.
 * Exit status: 0 on success, 1 on failure (also when the map cannot be
 * read).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

struct dump {
	struct nfct_labelmap *map;
	unsigned int count;
};

static void fail(const char *what)
{
	fprintf(stderr, "nfct-mnl-dump-labels: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

/* Prints the bits set in the entry's labels, with their names. */
static void print_label_bits(const struct nf_conntrack *ct, struct nfct_labelmap *map)
{
	const struct nfct_bitmask *labels = nfct_get_attr(ct, ATTR_CONNLABELS);
	unsigned int bit, max;
	bool any = false;

	if (labels == NULL)
		return;
	max = nfct_bitmask_maxbit(labels);
	for (bit = 0; bit <= max; bit++) {
		const char *name;

		if (!nfct_bitmask_test_bit(labels, bit))
			continue;
		name = nfct_labelmap_get_name(map, bit);
		printf("%s %s(%u)", any ? "" : "  labels:", name != NULL ? name : "?", bit);
		any = true;
	}
	if (any)
		printf("\n");
}

static int print_entry(const struct nlmsghdr *nlh, void *data)
{
	struct dump *dump = data;
	struct nf_conntrack *ct;
	char line[1024];
	int ret = MNL_CB_OK;

	ct = nfct_new();
	if (ct == NULL)
		return MNL_CB_ERROR;
	if (nfct_nlmsg_parse(nlh, ct) < 0 ||
	    nfct_snprintf_labels(line, sizeof(line), ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0,
				 dump->map) < 0) {
		ret = MNL_CB_ERROR;
	} else {
		printf("%s\n", line);
		print_label_bits(ct, dump->map);
		dump->count++;
	}
	nfct_destroy(ct);
	return ret;
}

int main(int argc, char *argv[])
{
	static char buf[32768];
	struct dump dump = { NULL, 0 };
	unsigned int seq, portid;
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct nfgenmsg *nfh;
	int ret;

	if (argc > 2) {
		fprintf(stderr, "usage: nfct-mnl-dump-labels [MAPFILE]\n");
		return EXIT_FAILURE;
	}
	/* NULL: the default map. */
	dump.map = nfct_labelmap_new(argc > 1 ? argv[1] : NULL);
	if (dump.map == NULL) {
		fprintf(stderr, "nfct-mnl-dump-labels: cannot read the label map %s: %s\n",
			argc > 1 ? argv[1] : nfct_labels_get_path(), strerror(errno));
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
	nfh->nfgen_family = AF_UNSPEC;
	nfh->version = NFNETLINK_V0;
	nfh->res_id = 0;
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		fail("mnl_socket_sendto");

	do {
		ret = (int)mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (ret < 0)
			fail("mnl_socket_recvfrom");
		ret = mnl_cb_run(buf, (size_t)ret, seq, portid, print_entry, &dump);
	} while (ret > MNL_CB_STOP);
	if (ret < 0)
		fail("cannot dump the table");
	printf("%u entries\n", dump.count);

	if (mnl_socket_close(nl) < 0)
		fail("mnl_socket_close");
	nfct_labelmap_destroy(dump.map);
	return EXIT_SUCCESS;
}
