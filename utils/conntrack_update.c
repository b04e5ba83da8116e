/*
 * conntrack_update: changes an existing entry, then reads it back.
 *
 * Shows nfct_query(NFCT_Q_UPDATE): the object names the entry by its
 * original tuple and carries only what should change. Here the mark
 * becomes 2, the timeout 300 seconds, and the ASSURED status bit is set
 * (an entry that is ASSURED is not dropped early when the table is full).
 * Reading the entry back with NFCT_Q_GET shows the result.
 *
 * The entry changed is the TCP connection 192.0.2.1:40000 ->
 * 198.51.100.1:80 that conntrack_create adds.
 *
 * usage: conntrack_update
 * Prints the entry after the change. Exit status: 0 on success, 1 when the
 * update or the read-back fails (for instance when the entry is missing).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static void fail(const char *what)
{
	fprintf(stderr, "conntrack_update: %s: %s\n", what, strerror(errno));
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

static int print_entry(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	char line[1024];

	if (nfct_snprintf(line, sizeof(line), ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		return NFCT_CB_FAILURE;
	printf("updated: %s\n", line);
	return NFCT_CB_CONTINUE;
}

int main(void)
{
	struct nf_conntrack *ct;
	struct nfct_handle *h;

	ct = nfct_new();
	if (ct == NULL)
		fail("nfct_new");

	/* Which entry: its original tuple. */
	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_SRC, ipv4("192.0.2.1"));
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_DST, ipv4("198.51.100.1"));
	nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_SRC, htons(40000));
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, htons(80));

	/* What changes. */
	nfct_set_attr_u32(ct, ATTR_MARK, 2);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 300);
	nfct_set_attr_u32(ct, ATTR_STATUS, IPS_ASSURED);

	h = nfct_open(CONNTRACK, 0);
	if (h == NULL)
		fail("nfct_open");
	if (nfct_query(h, NFCT_Q_UPDATE, ct) < 0)
		fail("cannot update the entry");

	/* The same object still holds the tuple: use it to read back. */
	if (nfct_callback_register(h, NFCT_T_ALL, print_entry, NULL) < 0)
		fail("nfct_callback_register");
	if (nfct_query(h, NFCT_Q_GET, ct) < 0)
		fail("cannot read the entry back");

	if (nfct_close(h) < 0)
		fail("nfct_close");
	nfct_destroy(ct);
	return EXIT_SUCCESS;
}
