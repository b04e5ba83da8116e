/*
 * conntrack_grp_create: adds an entry described with attribute groups.
 *
 * Shows nfct_set_attr_grp(): a group sets several related attributes in
 * one call from a small structure, here both addresses of a direction
 * (struct nfct_attr_grp_ipv4) and both ports of a direction (struct
 * nfct_attr_grp_port). Values are in network byte order, as with the
 * single-attribute setters.
 *
 * The entry is a UDP flow 192.0.2.3:40002 -> 198.51.100.2:53 that lives
 * 120 seconds.
 *
 * usage: conntrack_grp_create
 * Prints the entry it asked for. Exit status: 0 when the kernel created the
 * entry, 1 otherwise.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static void fail(const char *what)
{
	fprintf(stderr, "conntrack_grp_create: %s: %s\n", what, strerror(errno));
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
	struct nfct_attr_grp_ipv4 orig_addrs, repl_addrs;
	struct nfct_attr_grp_port orig_ports, repl_ports;
	struct nf_conntrack *ct;
	struct nfct_handle *h;
	char line[1024];

	orig_addrs.src = ipv4("192.0.2.3");
	orig_addrs.dst = ipv4("198.51.100.2");
	orig_ports.sport = htons(40002);
	orig_ports.dport = htons(53);

	/* The reply is the original with both ends swapped. */
	repl_addrs.src = orig_addrs.dst;
	repl_addrs.dst = orig_addrs.src;
	repl_ports.sport = orig_ports.dport;
	repl_ports.dport = orig_ports.sport;

	ct = nfct_new();
	if (ct == NULL)
		fail("nfct_new");

	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET);
	nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, IPPROTO_UDP);
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_UDP);
	nfct_set_attr_grp(ct, ATTR_GRP_ORIG_IPV4, &orig_addrs);
	nfct_set_attr_grp(ct, ATTR_GRP_REPL_IPV4, &repl_addrs);
	nfct_set_attr_grp(ct, ATTR_GRP_ORIG_PORT, &orig_ports);
	nfct_set_attr_grp(ct, ATTR_GRP_REPL_PORT, &repl_ports);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 120);

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
