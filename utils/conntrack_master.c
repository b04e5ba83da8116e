/*
 * conntrack_master: adds a related entry that belongs to a master entry,
 * as the data connection of an FTP session belongs to its control
 * connection.
 *
 * Shows the ATTR_MASTER_* attributes: they hold the original tuple of the
 * master. The kernel links the new entry to that master (which must
 * exist) and marks the new entry EXPECTED. Reading the entry back shows
 * the link in the same attributes, read here with an attribute group.
 *
 * The master is the TCP control connection 192.0.2.1:40020 ->
 * 198.51.100.1:21; the related entry is the data connection the server
 * opens from 198.51.100.1:20 to 192.0.2.1:50020.
 *
 * usage: conntrack_master
 * Prints both entries and the master tuple read back from the related
 * one. Exit status: 0 on success, 1 when a step fails.
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
	fprintf(stderr, "conntrack_master: %s: %s\n", what, strerror(errno));
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

/* A new established TCP entry between two ends, with its reply tuple. */
static struct nf_conntrack *tcp_entry(const char *src, uint16_t sport,
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
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, ipv4(dst));
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, ipv4(src));
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, htons(dport));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(sport));
	nfct_set_attr_u8(ct, ATTR_TCP_STATE, TCP_CONNTRACK_ESTABLISHED);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 120);
	return ct;
}

static void print_entry(const char *label, const struct nf_conntrack *ct)
{
	char line[1024];

	if (nfct_snprintf(line, sizeof(line), ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		fail("nfct_snprintf");
	printf("%s: %s\n", label, line);
}

/* Keeps the entry read back: the callback takes ownership (STOLEN). */
static int keep_entry(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct nf_conntrack **result = data;

	if (*result != NULL)
		nfct_destroy(*result);
	*result = ct;
	return NFCT_CB_STOLEN;
}

int main(void)
{
	struct nf_conntrack *master, *related, *got = NULL;
	struct nfct_attr_grp_ipv4 addrs;
	struct nfct_attr_grp_port ports;
	struct nfct_handle *h;
	char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN];

	master = tcp_entry("192.0.2.1", 40020, "198.51.100.1", 21);
	related = tcp_entry("198.51.100.1", 20, "192.0.2.1", 50020);

	/* The related entry names its master by the master's original tuple. */
	nfct_set_attr_u8(related, ATTR_MASTER_L3PROTO, AF_INET);
	nfct_set_attr_u8(related, ATTR_MASTER_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u32(related, ATTR_MASTER_IPV4_SRC, ipv4("192.0.2.1"));
	nfct_set_attr_u32(related, ATTR_MASTER_IPV4_DST, ipv4("198.51.100.1"));
	nfct_set_attr_u16(related, ATTR_MASTER_PORT_SRC, htons(40020));
	nfct_set_attr_u16(related, ATTR_MASTER_PORT_DST, htons(21));

	h = nfct_open(CONNTRACK, 0);
	if (h == NULL)
		fail("nfct_open");
	if (nfct_query(h, NFCT_Q_CREATE, master) < 0)
		fail("cannot create the master entry");
	print_entry("master", master);
	if (nfct_query(h, NFCT_Q_CREATE, related) < 0)
		fail("cannot create the related entry");
	print_entry("related", related);

	/* Read the related entry back to see what the kernel recorded. */
	if (nfct_callback_register(h, NFCT_T_ALL, keep_entry, &got) < 0)
		fail("nfct_callback_register");
	if (nfct_query(h, NFCT_Q_GET, related) < 0)
		fail("cannot read the related entry back");
	if (got == NULL) {
		fprintf(stderr, "conntrack_master: the kernel sent no entry\n");
		return EXIT_FAILURE;
	}
	print_entry("read back", got);

	if (nfct_get_attr_grp(got, ATTR_GRP_MASTER_IPV4, &addrs) < 0 ||
	    nfct_get_attr_grp(got, ATTR_GRP_MASTER_PORT, &ports) < 0) {
		fprintf(stderr, "conntrack_master: the entry read back has no master\n");
		return EXIT_FAILURE;
	}
	if (inet_ntop(AF_INET, &addrs.src, src, sizeof(src)) == NULL ||
	    inet_ntop(AF_INET, &addrs.dst, dst, sizeof(dst)) == NULL)
		fail("inet_ntop");
	printf("its master: src=%s dst=%s sport=%u dport=%u\n", src, dst,
	       ntohs(ports.sport), ntohs(ports.dport));
	printf("expected: %s\n",
	       (nfct_get_attr_u32(got, ATTR_STATUS) & IPS_EXPECTED) ? "yes" : "no");

	if (nfct_close(h) < 0)
		fail("nfct_close");
	nfct_destroy(got);
	nfct_destroy(related);
	nfct_destroy(master);
	return EXIT_SUCCESS;
}
