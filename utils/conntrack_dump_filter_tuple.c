/*
 * conntrack_dump_filter_tuple: lists only the TCP entries going to a given
 * IPv4 address and port, filtered by the kernel.
 *
 * Shows the tuple dump filter (NFCT_FILTER_DUMP_TUPLE, added in 1.1.1):
 * the filter takes an object, and the kernel keeps the entries whose
 * original tuple matches every tuple attribute set on that object (here
 * the protocol, the destination address and the destination port). The
 * object's family must agree with the family of the filter.
 *
 * usage: conntrack_dump_filter_tuple [ADDRESS [PORT]]
 *        (default: 198.51.100.1 port 80)
 * Prints one line per entry, then how many there were. Exit status: 0 on
 * success, 1 on failure (kernels before 5.9 know no tuple filter).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static void fail(const char *what)
{
	fprintf(stderr, "conntrack_dump_filter_tuple: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

static int print_entry(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	unsigned int *count = data;
	char line[1024];

	if (nfct_snprintf(line, sizeof(line), ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		return NFCT_CB_FAILURE;
	printf("%s\n", line);
	(*count)++;
	return NFCT_CB_CONTINUE;
}

int main(int argc, char *argv[])
{
	const char *address = argc > 1 ? argv[1] : "198.51.100.1";
	const char *port_text = argc > 2 ? argv[2] : "80";
	struct nfct_filter_dump *filter;
	struct nf_conntrack *tuple;
	struct nfct_handle *h;
	struct in_addr dst;
	unsigned int count = 0;
	unsigned long port;
	char *end;

	if (argc > 3) {
		fprintf(stderr, "usage: conntrack_dump_filter_tuple [ADDRESS [PORT]]\n");
		return EXIT_FAILURE;
	}
	if (inet_pton(AF_INET, address, &dst) != 1) {
		fprintf(stderr, "conntrack_dump_filter_tuple: not an IPv4 address: %s\n", address);
		return EXIT_FAILURE;
	}
	errno = 0;
	port = strtoul(port_text, &end, 10);
	if (errno != 0 || end == port_text || *end != '\0' || port > 65535) {
		fprintf(stderr, "conntrack_dump_filter_tuple: not a port: %s\n", port_text);
		return EXIT_FAILURE;
	}

	/* Only the attributes that are set take part in the match. */
	tuple = nfct_new();
	if (tuple == NULL)
		fail("nfct_new");
	nfct_set_attr_u8(tuple, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u8(tuple, ATTR_ORIG_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u32(tuple, ATTR_ORIG_IPV4_DST, dst.s_addr);
	nfct_set_attr_u16(tuple, ATTR_ORIG_PORT_DST, htons((uint16_t)port));

	filter = nfct_filter_dump_create();
	if (filter == NULL)
		fail("nfct_filter_dump_create");
	nfct_filter_dump_set_attr_u8(filter, NFCT_FILTER_DUMP_L3NUM, AF_INET);
	nfct_filter_dump_set_attr(filter, NFCT_FILTER_DUMP_TUPLE, tuple);

	h = nfct_open(CONNTRACK, 0);
	if (h == NULL)
		fail("nfct_open");
	if (nfct_callback_register(h, NFCT_T_ALL, print_entry, &count) < 0)
		fail("nfct_callback_register");
	if (nfct_query(h, NFCT_Q_DUMP_FILTER, filter) < 0)
		fail("cannot dump the table");
	printf("%u entries to tcp %s:%lu\n", count, address, port);

	if (nfct_close(h) < 0)
		fail("nfct_close");
	nfct_filter_dump_destroy(filter);
	nfct_destroy(tuple);
	return EXIT_SUCCESS;
}
