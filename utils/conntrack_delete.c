/*
 * conntrack_delete: removes one entry from the connection tracking table.
 *
 * Shows nfct_query(NFCT_Q_DESTROY): as for a lookup, the object only needs
 * the original tuple of the entry.
 *
 * The entry removed is the TCP connection 192.0.2.1:40000 ->
 * 198.51.100.1:80 that conntrack_create adds.
 *
 * usage: conntrack_delete
 * Exit status: 0 when the kernel removed the entry, 1 otherwise ("No such
 * file or directory" when it is not there).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static void fail(const char *what)
{
	fprintf(stderr, "conntrack_delete: %s: %s\n", what, strerror(errno));
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

	ct = nfct_new();
	if (ct == NULL)
		fail("nfct_new");

	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_SRC, ipv4("192.0.2.1"));
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_DST, ipv4("198.51.100.1"));
	nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_SRC, htons(40000));
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, htons(80));

	h = nfct_open(CONNTRACK, 0);
	if (h == NULL)
		fail("nfct_open");
	if (nfct_query(h, NFCT_Q_DESTROY, ct) < 0)
		fail("cannot delete the entry");
	printf("deleted: tcp 192.0.2.1:40000 -> 198.51.100.1:80\n");

	if (nfct_close(h) < 0)
		fail("nfct_close");
	nfct_destroy(ct);
	return EXIT_SUCCESS;
}
