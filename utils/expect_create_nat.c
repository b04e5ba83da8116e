/*
 * expect_create_nat: adds an expectation on behalf of a connection that is
 * source-NATed, as the FTP helper does for a client behind a masquerading
 * router.
 *
 * The master is the FTP control connection of the client 192.0.2.2:40022
 * to 198.51.100.1:21, masqueraded as 203.0.113.1 (so it is created with
 * ATTR_SNAT_IPV4 and a reply tuple that goes to 203.0.113.1), with the
 * kernel's "ftp" helper. The server is to open the data connection to the
 * public address 203.0.113.1:50022: that is the tuple the expectation
 * waits for.
 *
 * Shows the NAT attributes of an expectation too: ATTR_EXP_NAT_TUPLE (the
 * address and port to forward the expected connection to, here the
 * client's 192.0.2.2:50022), ATTR_EXP_NAT_DIR (the master direction it
 * follows) and ATTR_EXP_FN (the kernel function applied on arrival). Note:
 * neither this library nor the original 1.0.9 it replaces puts these three
 * attributes in the messages it sends, so the kernel creates a plain
 * expectation. The program reads the expectation back and prints the NAT
 * details the kernel holds, so that this shows ("nat: none").
 *
 * usage: expect_create_nat
 * Prints the master, the expectation asked for, and the NAT details read
 * back. Exit status: 0 when the master and the expectation were created,
 * 1 when a step fails.
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
	fprintf(stderr, "expect_create_nat: %s: %s\n", what, strerror(errno));
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

/* Keeps the expectation read back (the callback takes ownership). */
static int keep_expectation(enum nf_conntrack_msg_type type, struct nf_expect *exp, void *data)
{
	struct nf_expect **result = data;

	if (*result != NULL)
		nfexp_destroy(*result);
	*result = exp;
	return NFCT_CB_STOLEN;
}

/* Prints the NAT details of an expectation read from the kernel. */
static void print_nat(const struct nf_expect *exp)
{
	const struct nf_conntrack *nat;
	const void *addr;
	char text[INET_ADDRSTRLEN];

	if (!nfexp_attr_is_set(exp, ATTR_EXP_NAT_TUPLE)) {
		printf("nat: none\n");
		return;
	}
	nat = nfexp_get_attr(exp, ATTR_EXP_NAT_TUPLE);
	addr = nat != NULL ? nfct_get_attr(nat, ATTR_ORIG_IPV4_SRC) : NULL;
	if (addr == NULL || inet_ntop(AF_INET, addr, text, sizeof(text)) == NULL) {
		printf("nat: (no address)\n");
		return;
	}
	printf("nat: to %s:%u, direction %u\n", text,
	       ntohs(nfct_get_attr_u16(nat, ATTR_ORIG_PORT_SRC)),
	       nfexp_get_attr_u8(exp, ATTR_EXP_NAT_DIR));
}

int main(void)
{
	struct nf_conntrack *master, *expected, *mask, *nat;
	struct nf_expect *exp, *got = NULL;
	struct nfct_handle *cth, *exph;
	char line[1024];

	/* The master, masqueraded: the server answers to 203.0.113.1. */
	master = tcp_tuple("192.0.2.2", 40022, "198.51.100.1", 21);
	nfct_set_attr_u8(master, ATTR_REPL_L3PROTO, AF_INET);
	nfct_set_attr_u32(master, ATTR_REPL_IPV4_SRC, ipv4("198.51.100.1"));
	nfct_set_attr_u32(master, ATTR_REPL_IPV4_DST, ipv4("203.0.113.1"));
	nfct_set_attr_u8(master, ATTR_REPL_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(master, ATTR_REPL_PORT_SRC, htons(21));
	nfct_set_attr_u16(master, ATTR_REPL_PORT_DST, htons(40022));
	nfct_set_attr_u32(master, ATTR_SNAT_IPV4, ipv4("203.0.113.1"));
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

	/* The server connects from any port to the public address. */
	expected = tcp_tuple("198.51.100.1", 0, "203.0.113.1", 50022);
	mask = tcp_tuple("255.255.255.255", 0, "255.255.255.255", 0xffff);
	/* Where that connection is to be forwarded: only the source part
	 * of this tuple counts. */
	nat = tcp_tuple("192.0.2.2", 50022, "0.0.0.0", 0);

	exp = nfexp_new();
	if (exp == NULL)
		fail("nfexp_new");
	nfexp_set_attr(exp, ATTR_EXP_MASTER, master);
	nfexp_set_attr(exp, ATTR_EXP_EXPECTED, expected);
	nfexp_set_attr(exp, ATTR_EXP_MASK, mask);
	nfexp_set_attr_u32(exp, ATTR_EXP_TIMEOUT, 300);
	nfexp_set_attr(exp, ATTR_EXP_NAT_TUPLE, nat);
	nfexp_set_attr_u8(exp, ATTR_EXP_NAT_DIR, NFCT_DIR_REPLY);
	nfexp_set_attr(exp, ATTR_EXP_FN, "nat-follow-master");

	exph = nfct_open(EXPECT, 0);
	if (exph == NULL)
		fail("nfct_open(EXPECT)");
	if (nfexp_query(exph, NFCT_Q_CREATE, exp) < 0)
		fail("cannot create the expectation");
	if (nfexp_snprintf(line, sizeof(line), exp, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		fail("nfexp_snprintf");
	printf("expectation: %s\n", line);

	/* Read it back: the same object names it by its expected tuple. */
	if (nfexp_callback_register(exph, NFCT_T_ALL, keep_expectation, &got) < 0)
		fail("nfexp_callback_register");
	if (nfexp_query(exph, NFCT_Q_GET, exp) < 0)
		fail("cannot read the expectation back");
	if (got == NULL) {
		fprintf(stderr, "expect_create_nat: the kernel sent no expectation\n");
		return EXIT_FAILURE;
	}
	print_nat(got);

	if (nfct_close(exph) < 0)
		fail("nfct_close");
	nfexp_destroy(got);
	nfexp_destroy(exp);
	nfct_destroy(nat);
	nfct_destroy(mask);
	nfct_destroy(expected);
	nfct_destroy(master);
	return EXIT_SUCCESS;
}
