/*
 * conntrack_create: adds one entry to the kernel's connection tracking
 * table.
 *
 * Shows how to describe a connection with nfct_set_attr*(): an entry needs
 * both of its tuples (the original direction and the reply), its layer-3
 * and layer-4 protocols and a timeout. Addresses and ports are given in
 * network byte order, as they appear in packets.
 *
 * The entry is a TCP connection 192.0.2.1:40000 -> 198.51.100.1:80 in
 * state ESTABLISHED, with mark 1, that expires after 120 seconds.
 *
 * usage: conntrack_create
 * Prints the entry it asked for. Exit status: 0 when the kernel created the
 * entry, 1 otherwise (for instance "File exists" when it is already there).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack_tcp.h>

/* Reports what failed, with errno's explanation, and ends the program. */
static void fail(const char *what)
{
	fprintf(stderr, "conntrack_create: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

static uint32_t ipv4(const char *text)
{
	struct in_addr addr;

	if (inet_pton(AF_INET, text, &addr) != 1) {
		errno = EINVAL;
		fail(text);
	}
	return addr.s_addr;
}

int main(void)
{
	struct nf_conntrack *ct;
	struct nfct_handle *h;
	char line[1024];

	ct = nfct_new();
	if (ct == NULL)
		fail("nfct_new");

	/* Original direction: the client talks to the server. */
	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_SRC, ipv4("192.0.2.1"));
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_DST, ipv4("198.51.100.1"));
	nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_SRC, htons(40000));
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, htons(80));

	/* Reply direction: the same flow as the server answers it. */
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, ipv4("198.51.100.1"));
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, ipv4("192.0.2.1"));
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, htons(80));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(40000));

	/* Everything else: protocol state, lifetime in seconds, mark. */
	nfct_set_attr_u8(ct, ATTR_TCP_STATE, TCP_CONNTRACK_ESTABLISHED);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 120);
	nfct_set_attr_u32(ct, ATTR_MARK, 1);

	h = nfct_open(CONNTRACK, 0);
	if (h == NULL)
		fail("nfct_open");
	if (nfct_query(h, NFCT_Q_CREATE, ct) < 0)
		fail("cannot create the entry");

	if (nfct_snprintf(line, sizeof(line), ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		fail("nfct_snprintf");
	printf("created: %s\n", line);

	if (nfct_close(h) < 0)
		fail("nfct_close");
	nfct_destroy(ct);
	return EXIT_SUCCESS;
}
