/*
 * conntrack_create_nat: adds an entry whose source is translated (SNAT),
 * as a masquerading router would make it.
 *
 * Shows the NAT attributes: ATTR_SNAT_IPV4 and ATTR_SNAT_PORT ask the
 * kernel to translate the source address and port. The reply tuple says
 * what the translation looks like from the other side: the server answers
 * to the translated address and port.
 *
 * The client 192.0.2.2:40001 talks to 198.51.100.1:80 over TCP; the router
 * rewrites the source to 203.0.113.1:50001. The entry lives 120 seconds.
 *
 * usage: conntrack_create_nat
 * Prints the entry it asked for. Exit status: 0 when the kernel created the
 * entry, 1 otherwise.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack_tcp.h>

static void fail(const char *what)
{
	fprintf(stderr, "conntrack_create_nat: %s: %s\n", what, strerror(errno));
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

	/* Before translation: the client's own address. */
	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_SRC, ipv4("192.0.2.2"));
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_DST, ipv4("198.51.100.1"));
	nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_SRC, htons(40001));
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, htons(80));

	/* The server replies to the translated address and port. */
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, ipv4("198.51.100.1"));
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, ipv4("203.0.113.1"));
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, htons(80));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(50001));

	/* The translation itself. */
	nfct_set_attr_u32(ct, ATTR_SNAT_IPV4, ipv4("203.0.113.1"));
	nfct_set_attr_u16(ct, ATTR_SNAT_PORT, htons(50001));

	nfct_set_attr_u8(ct, ATTR_TCP_STATE, TCP_CONNTRACK_ESTABLISHED);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 120);

	h = nfct_open(CONNTRACK, 0);
	if (h == NULL)
		fail("nfct_open");
	if (nfct_query(h, NFCT_Q_CREATE, ct) < 0)
		fail("cannot create the entry");

	if (nfct_snprintf(line, sizeof(line), ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		fail("nfct_snprintf");
	printf("created: %s\n", line);
	printf("source NAT: %s\n", nfct_getobjopt(ct, NFCT_GOPT_IS_SNAT) == 1 ? "yes" : "no");

	if (nfct_close(h) < 0)
		fail("nfct_close");
	nfct_destroy(ct);
	return EXIT_SUCCESS;
}
