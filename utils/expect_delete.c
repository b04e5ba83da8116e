/*
 * expect_delete: removes one expectation.
 *
 * Shows nfexp_query(NFCT_Q_DESTROY) on an expectation named by its
 * expected tuple. The master connection stays.
 *
 * The expectation removed is the one expect_create adds: a TCP connection
 * from 198.51.100.1 to 192.0.2.1:50021.
 *
 * usage: expect_delete
 * Exit status: 0 when the kernel removed it, 1 otherwise ("No such file or
 * directory" when it is not there).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static void fail(const char *what)
{
	fprintf(stderr, "expect_delete: %s: %s\n", what, strerror(errno));
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
	struct nf_conntrack *expected;
	struct nfct_handle *h;
	struct nf_expect *exp;

	expected = nfct_new();
	if (expected == NULL)
		fail("nfct_new");
	nfct_set_attr_u8(expected, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u32(expected, ATTR_ORIG_IPV4_SRC, ipv4("198.51.100.1"));
	nfct_set_attr_u32(expected, ATTR_ORIG_IPV4_DST, ipv4("192.0.2.1"));
	nfct_set_attr_u8(expected, ATTR_ORIG_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(expected, ATTR_ORIG_PORT_SRC, 0);
	nfct_set_attr_u16(expected, ATTR_ORIG_PORT_DST, htons(50021));

	exp = nfexp_new();
	if (exp == NULL)
		fail("nfexp_new");
	nfexp_set_attr(exp, ATTR_EXP_EXPECTED, expected);

	h = nfct_open(EXPECT, 0);
	if (h == NULL)
		fail("nfct_open");
	if (nfexp_query(h, NFCT_Q_DESTROY, exp) < 0)
		fail("cannot delete the expectation");
	printf("deleted: expectation of tcp 198.51.100.1 -> 192.0.2.1:50021\n");

	if (nfct_close(h) < 0)
		fail("nfct_close");
	nfexp_destroy(exp);
	nfct_destroy(expected);
	return EXIT_SUCCESS;
}
