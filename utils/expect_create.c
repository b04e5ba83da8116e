/*
 * expect_create: adds an expectation, a connection that the kernel waits
 * for on behalf of an existing one.
 *
 * Shows how an expectation is built from three conntrack objects: its
 * master (the connection it belongs to, by original tuple), the expected
 * tuple, and a mask saying which fields of the expected tuple must match
 * (a zero field matches anything). The kernel only accepts an expectation
 * whose master has a helper, so the program first creates the master with
 * the kernel's "ftp" helper attached (ATTR_HELPER_NAME).
 *
 * The master is the FTP control connection 192.0.2.1:40021 ->
 * 198.51.100.1:21; the expectation waits 300 seconds for the server to
 * open a data connection from any of its ports to 192.0.2.1:50021, as
 * after an FTP PORT command.
 *
 * usage: expect_create
 * Prints the master and the expectation it asked for. Exit status: 0 when
 * both were created, 1 otherwise.
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
	fprintf(stderr, "expect_create: %s: %s\n", what, strerror(errno));
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

int main(void)
{
	struct nf_conntrack *master, *expected, *mask;
	struct nfct_handle *cth, *exph;
	struct nf_expect *exp;
	char line[1024];

	/* The master: a complete conntrack entry with a helper. */
	master = tcp_tuple("192.0.2.1", 40021, "198.51.100.1", 21);
	nfct_set_attr_u8(master, ATTR_REPL_L3PROTO, AF_INET);
	nfct_set_attr_u32(master, ATTR_REPL_IPV4_SRC, ipv4("198.51.100.1"));
	nfct_set_attr_u32(master, ATTR_REPL_IPV4_DST, ipv4("192.0.2.1"));
	nfct_set_attr_u8(master, ATTR_REPL_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(master, ATTR_REPL_PORT_SRC, htons(21));
	nfct_set_attr_u16(master, ATTR_REPL_PORT_DST, htons(40021));
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

	/* The connection expected: from the server, any source port, to
	 * the client's port 50021. The mask ignores the source port. */
	expected = tcp_tuple("198.51.100.1", 0, "192.0.2.1", 50021);
	mask = tcp_tuple("255.255.255.255", 0, "255.255.255.255", 0xffff);

	exp = nfexp_new();
	if (exp == NULL)
		fail("nfexp_new");
	nfexp_set_attr(exp, ATTR_EXP_MASTER, master);
	nfexp_set_attr(exp, ATTR_EXP_EXPECTED, expected);
	nfexp_set_attr(exp, ATTR_EXP_MASK, mask);
	nfexp_set_attr_u32(exp, ATTR_EXP_TIMEOUT, 300);

	exph = nfct_open(EXPECT, 0);
	if (exph == NULL)
		fail("nfct_open(EXPECT)");
	if (nfexp_query(exph, NFCT_Q_CREATE, exp) < 0)
		fail("cannot create the expectation");
	if (nfexp_snprintf(line, sizeof(line), exp, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		fail("nfexp_snprintf");
	printf("expectation: %s\n", line);

	if (nfct_close(exph) < 0)
		fail("nfct_close");
	nfexp_destroy(exp);
	nfct_destroy(mask);
	nfct_destroy(expected);
	nfct_destroy(master);
	return EXIT_SUCCESS;
}
