/*
 * expect_create_userspace: adds an expectation the way a connection
 * tracking helper that runs in userspace does (conntrackd's cthelper, for
 * instance): the program, not the kernel, reads the protocol and decides
 * what to expect.
 *
 * Shows the attributes such a helper sets besides the tuples:
 * ATTR_EXP_HELPER_NAME (the helper that owns the expectation, which the
 * expected connection inherits), ATTR_EXP_CLASS (the helper's class of
 * expectation), and ATTR_EXP_FLAGS: NF_CT_EXPECT_PERMANENT keeps the
 * expectation after a connection matched it. (NF_CT_EXPECT_USERSPACE is
 * the kernel's own business: it clears that flag in requests.)
 *
 * Note: neither this library nor the original it replaces puts
 * ATTR_EXP_CLASS in the messages it sends; class 0, the default, is what
 * the kernel uses.
 *
 * The master is the FTP control connection 192.0.2.3:40023 ->
 * 198.51.100.1:21, given the kernel's "ftp" helper (the kernel only takes
 * expectations for masters with a helper). The expectation waits 300
 * seconds for connections from 198.51.100.1 to 192.0.2.3:50023.
 *
 * usage: expect_create_userspace
 * Prints the master, the expectation asked for, and the flags the kernel
 * reports for it. Exit status: 0 on success, 1 when a step fails.
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
	fprintf(stderr, "expect_create_userspace: %s: %s\n", what, strerror(errno));
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

/* A TCP tuple (the original direction only) in a new object. */
static struct nf_conntrack *tcp_tuple(const char *src, uint16_t sport,
				      const char *dst, uint16_t dport)
{
	struct nf_conntrack *ct = nfct_new();

	if (ct == NULL)
		fail("nfct_new");
	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_SRC, ipv4(src));
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_DST, ipv4(dst));
	nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_SRC, htons(sport));
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, htons(dport));
	return ct;
}

static int print_expectation(enum nf_conntrack_msg_type type, struct nf_expect *exp, void *data)
{
	char line[1024];

	if (nfexp_snprintf(line, sizeof(line), exp, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		return NFCT_CB_FAILURE;
	printf("read back: %s\n", line);
	printf("flags: 0x%x\n", nfexp_get_attr_u32(exp, ATTR_EXP_FLAGS));
	return NFCT_CB_CONTINUE;
}

int main(void)
{
	struct nf_conntrack *master, *expected, *mask;
	struct nfct_handle *cth, *exph;
	struct nf_expect *exp;
	char line[1024];

	master = tcp_tuple("192.0.2.3", 40023, "198.51.100.1", 21);
	nfct_set_attr_u8(master, ATTR_REPL_L3PROTO, AF_INET);
	nfct_set_attr_u32(master, ATTR_REPL_IPV4_SRC, ipv4("198.51.100.1"));
	nfct_set_attr_u32(master, ATTR_REPL_IPV4_DST, ipv4("192.0.2.3"));
	nfct_set_attr_u8(master, ATTR_REPL_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(master, ATTR_REPL_PORT_SRC, htons(21));
	nfct_set_attr_u16(master, ATTR_REPL_PORT_DST, htons(40023));
	nfct_set_attr_u8(master, ATTR_TCP_STATE, TCP_CONNTRACK_ESTABLISHED);
	nfct_set_attr_u32(master, ATTR_TIMEOUT, 300);
	nfct_set_attr(master, ATTR_HELPER_NAME, "ftp");

	cth = nfct_open(CONNTRACK, 0);
	if (cth == NULL)
		fail("nfct_open(CONNTRACK)");
	if (nfct_query(cth, NFCT_Q_CREATE, master) < 0)
		fail("cannot create the master");
	if (nfct_snprintf(line, sizeof(line), master, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		fail("nfct_snprintf");
	printf("master: %s\n", line);
	if (nfct_close(cth) < 0)
		fail("nfct_close");

	expected = tcp_tuple("198.51.100.1", 0, "192.0.2.3", 50023);
	mask = tcp_tuple("255.255.255.255", 0, "255.255.255.255", 0xffff);

	exp = nfexp_new();
	if (exp == NULL)
		fail("nfexp_new");
	nfexp_set_attr(exp, ATTR_EXP_MASTER, master);
	nfexp_set_attr(exp, ATTR_EXP_EXPECTED, expected);
	nfexp_set_attr(exp, ATTR_EXP_MASK, mask);
	nfexp_set_attr_u32(exp, ATTR_EXP_TIMEOUT, 300);
	nfexp_set_attr(exp, ATTR_EXP_HELPER_NAME, "ftp");
	nfexp_set_attr_u32(exp, ATTR_EXP_CLASS, 0);
	nfexp_set_attr_u32(exp, ATTR_EXP_FLAGS, NF_CT_EXPECT_PERMANENT);

	exph = nfct_open(EXPECT, 0);
	if (exph == NULL)
		fail("nfct_open(EXPECT)");
	if (nfexp_query(exph, NFCT_Q_CREATE, exp) < 0)
		fail("cannot create the expectation");
	if (nfexp_snprintf(line, sizeof(line), exp, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		fail("nfexp_snprintf");
	printf("expectation: %s\n", line);

	if (nfexp_callback_register(exph, NFCT_T_ALL, print_expectation, NULL) < 0)
		fail("nfexp_callback_register");
	if (nfexp_query(exph, NFCT_Q_GET, exp) < 0)
		fail("cannot read the expectation back");

	if (nfct_close(exph) < 0)
		fail("nfct_close");
	nfexp_destroy(exp);
	nfct_destroy(mask);
	nfct_destroy(expected);
	nfct_destroy(master);
	return EXIT_SUCCESS;
}
