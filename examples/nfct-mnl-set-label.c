/*
 * nfct-mnl-set-label: adds a connection label to every entry of the
 * conntrack table, over a netlink socket of the program's own (libmnl).
 *
 * Shows a read-modify-write pass: a dump collects the entries (each
 * parsed by nfct_nlmsg_parse() and kept), then one update per entry
 * (IPCTNL_MSG_CT_NEW without NLM_F_CREATE changes an existing entry). An
 * update names the entry by its original tuple (and zone) and carries
 * only what changes: the label set ATTR_CONNLABELS and the mask
 * ATTR_CONNLABELS_MASK, so that only the label given is added and the
 * entry's other labels stay. The object owns the bitmasks set on it.
 *
 * The kernel only keeps labels on entries made after something in the
 * network namespace uses labels (an nftables "ct label" rule, for
 * instance); on other entries the update fails with ENOSPC.
 *
 * usage: nfct-mnl-set-label LABEL [MAPFILE]
 *   LABEL    a label name from the map, or a bit number (0 to 127)
 *   MAPFILE  the label map for names (default: the library's, whose path
 *            nfct_labels_get_path() tells)
 * Prints each entry labelled, then how many. An entry that vanished
 * between the dump and its update is reported and skipped. Exit status: 0
 * on success, 1 on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

/* The highest label bit the kernel knows: it keeps 128 bits. */
#define LABEL_MAXBIT 127

/* The entries collected by the dump. */
struct table {
	struct nf_conntrack **entries;
	size_t count;
};

static void fail(const char *what)
{
	fprintf(stderr, "nfct-mnl-set-label: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

/* Finds the bit of LABEL: a number, or a name looked up in the map. */
static unsigned int label_bit(const char *label, const char *mapfile)
{
	struct nfct_labelmap *map;
	unsigned long number;
	char *end;
	int bit;

	errno = 0;
	number = strtoul(label, &end, 10);
	if (errno == 0 && end != label && *end == '\0' && label[0] != '-') {
		if (number > LABEL_MAXBIT) {
			fprintf(stderr, "nfct-mnl-set-label: label bit %lu above %u\n",
				number, LABEL_MAXBIT);
			exit(EXIT_FAILURE);
		}
		return (unsigned int)number;
	}

	map = nfct_labelmap_new(mapfile);
	if (map == NULL) {
		fprintf(stderr, "nfct-mnl-set-label: cannot read the label map %s: %s\n",
			mapfile != NULL ? mapfile : nfct_labels_get_path(), strerror(errno));
		exit(EXIT_FAILURE);
	}
	bit = nfct_labelmap_get_bit(map, label);
	nfct_labelmap_destroy(map);
	if (bit < 0 || bit > LABEL_MAXBIT) {
		fprintf(stderr, "nfct-mnl-set-label: no label named %s\n", label);
		exit(EXIT_FAILURE);
	}
	return (unsigned int)bit;
}

/* Keeps each entry of the dump. */
static int collect_entry(const struct nlmsghdr *nlh, void *data)
{
	struct table *table = data;
	struct nf_conntrack **grown, *ct;

	ct = nfct_new();
	if (ct == NULL)
		return MNL_CB_ERROR;
	if (nfct_nlmsg_parse(nlh, ct) < 0) {
		nfct_destroy(ct);
		return MNL_CB_ERROR;
	}
	grown = realloc(table->entries, (table->count + 1) * sizeof(*grown));
	if (grown == NULL) {
		nfct_destroy(ct);
		return MNL_CB_ERROR;
	}
	table->entries = grown;
	table->entries[table->count++] = ct;
	return MNL_CB_OK;
}

/* Fills the nfnetlink header of a request. */
static struct nlmsghdr *put_request(char *buf, uint8_t type, uint16_t flags, uint8_t family,
				    unsigned int seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *nfh;

	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	nfh = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfh));
	nfh->nfgen_family = family;
	nfh->version = NFNETLINK_V0;
	nfh->res_id = 0;
	return nlh;
}

/* Sends an update adding label bit to the entry ct; returns 0, or -1 with
 * errno set (ENOENT when the entry is gone). */
static int add_label(struct mnl_socket *nl, char *buf, size_t size, unsigned int seq,
		     const struct nf_conntrack *ct, unsigned int bit)
{
	struct nfct_bitmask *labels, *mask;
	struct nf_conntrack *update;
	struct nlmsghdr *nlh;
	int ret, saved;

	update = nfct_new();
	labels = nfct_bitmask_new(LABEL_MAXBIT);
	mask = nfct_bitmask_new(LABEL_MAXBIT);
	if (update == NULL || labels == NULL || mask == NULL)
		fail("out of memory");
	/* The entry's identity: its original tuple, and its zone. */
	nfct_copy(update, ct, NFCT_CP_ORIG);
	if (nfct_attr_is_set(ct, ATTR_ZONE) > 0)
		nfct_copy_attr(update, ct, ATTR_ZONE);
	nfct_bitmask_set_bit(labels, bit);
	nfct_bitmask_set_bit(mask, bit);
	/* From here on the object owns both bitmasks. */
	nfct_set_attr(update, ATTR_CONNLABELS, labels);
	nfct_set_attr(update, ATTR_CONNLABELS_MASK, mask);

	nlh = put_request(buf, IPCTNL_MSG_CT_NEW, NLM_F_REQUEST | NLM_F_ACK,
			  nfct_get_attr_u8(ct, ATTR_ORIG_L3PROTO), seq);
	ret = nfct_nlmsg_build(nlh, update);
	saved = errno;
	nfct_destroy(update);
	if (ret < 0) {
		errno = saved;
		fail("nfct_nlmsg_build");
	}
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		fail("mnl_socket_sendto");
	ret = (int)mnl_socket_recvfrom(nl, buf, size);
	if (ret < 0)
		fail("mnl_socket_recvfrom");
	return mnl_cb_run(buf, (size_t)ret, seq, mnl_socket_get_portid(nl), NULL, NULL) < 0 ? -1 : 0;
}

int main(int argc, char *argv[])
{
	static char buf[32768];
	struct table table = { NULL, 0 };
	unsigned int bit, seq, portid, labelled = 0;
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	char line[1024];
	int ret;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: nfct-mnl-set-label LABEL [MAPFILE]\n");
		return EXIT_FAILURE;
	}
	bit = label_bit(argv[1], argc > 2 ? argv[2] : NULL);

	nl = mnl_socket_open(NETLINK_NETFILTER);
	if (nl == NULL)
		fail("mnl_socket_open");
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		fail("mnl_socket_bind");
	portid = mnl_socket_get_portid(nl);

	/* First pass: read the whole table. */
	seq = (unsigned int)time(NULL);
	nlh = put_request(buf, IPCTNL_MSG_CT_GET, NLM_F_REQUEST | NLM_F_DUMP, AF_UNSPEC, seq);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		fail("mnl_socket_sendto");
	do {
		ret = (int)mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (ret < 0)
			fail("mnl_socket_recvfrom");
		ret = mnl_cb_run(buf, (size_t)ret, seq, portid, collect_entry, &table);
	} while (ret > MNL_CB_STOP);
	if (ret < 0)
		fail("cannot dump the table");

	/* Second pass: one update per entry, once the dump is over. */
	for (size_t i = 0; i < table.count; i++) {
		if (nfct_snprintf(line, sizeof(line), table.entries[i], NFCT_T_UNKNOWN,
				  NFCT_O_DEFAULT, 0) < 0)
			fail("nfct_snprintf");
		if (add_label(nl, buf, sizeof(buf), ++seq, table.entries[i], bit) < 0) {
			if (errno != ENOENT)
				fail("cannot update an entry");
			printf("gone: %s\n", line);
		} else {
			printf("label %u added to: %s\n", bit, line);
			labelled++;
		}
		nfct_destroy(table.entries[i]);
	}
	printf("%u entries labelled\n", labelled);

	free(table.entries);
	if (mnl_socket_close(nl) < 0)
		fail("mnl_socket_close");
	return EXIT_SUCCESS;
}
