/*
 * expect_get: reads one expectation back from the kernel.
 *
 * Shows nfexp_query(NFCT_Q_GET): the expectation is looked up by its
 * expected tuple (ATTR_EXP_EXPECTED), and the kernel's answer reaches the
 * callback registered with nfexp_callback_register().
 *
 * The expectation looked up is the one expect_create adds: a TCP
 * connection from 198.51.100.1 to 192.0.2.1:50021.
 *
 * usage: expect_get
 * Prints the expectation as conntrack -L expect does. Exit status: 0 when
 * it was found, 1 otherwise ("No such file or directory" when it is not
 * there).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static void fail(const char *what)
{
	fprintf(stderr, "expect_get: %s: %s\n", what, strerror(errno));
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

static int print_expectation(enum nf_conntrack_msg_type type, struct nf_expect *exp, void *data)
{
	unsigned int *found = data;
	char line[1024];

	if (nfexp_snprintf(line, sizeof(line), exp, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		return NFCT_CB_FAILURE;
	printf("%s\n", line);
	(*found)++;
	return NFCT_CB_CONTINUE;
}

int main(void)
{
	struct nf_conntrack *expected;
	struct nfct_handle *h;
	struct nf_expect *exp;
	unsigned int found = 0;

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
	if (nfexp_callback_register(h, NFCT_T_ALL, print_expectation, &found) < 0)
		fail("nfexp_callback_register");
	if (nfexp_query(h, NFCT_Q_GET, exp) < 0)
		fail("cannot get the expectation");
	if (found != 1) {
		fprintf(stderr, "expect_get: the kernel sent %u expectations, not one\n", found);
		return EXIT_FAILURE;
	}

	if (nfct_close(h) < 0)
		fail("nfct_close");
	nfexp_destroy(exp);
	nfct_destroy(expected);
	return EXIT_SUCCESS;
}
