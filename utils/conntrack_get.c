/*
 * conntrack_get: reads one entry of the connection tracking table.
 *
 * Shows a lookup by tuple: the object passed to nfct_query(NFCT_Q_GET)
 * only needs the original tuple; the kernel answers with the whole entry,
 * which the library hands to the callback registered with
 * nfct_callback_register().
 *
 * The entry looked up is the TCP connection 192.0.2.1:40000 ->
 * 198.51.100.1:80 that conntrack_create adds.
 *
 * usage: conntrack_get
 * Prints the entry as conntrack -G does. Exit status: 0 when the entry was
 * found, 1 otherwise ("No such file or directory" when it is not there).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static void fail(const char *what)
{
	fprintf(stderr, "conntrack_get: %s: %s\n", what, strerror(errno));
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

/* Called once for the entry the kernel sent back. */
static int print_entry(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	unsigned int *found = data;
	char line[1024];

	if (nfct_snprintf(line, sizeof(line), ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		return NFCT_CB_FAILURE;
	printf("%s\n", line);
	(*found)++;
	return NFCT_CB_CONTINUE;
}

int main(void)
{
	struct nf_conntrack *ct;
	struct nfct_handle *h;
	unsigned int found = 0;

	ct = nfct_new();
	if (ct == NULL)
		fail("nfct_new");

	/* The key of the lookup: the original tuple. */
	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_SRC, ipv4("192.0.2.1"));
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_DST, ipv4("198.51.100.1"));
	nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_SRC, htons(40000));
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, htons(80));

	h = nfct_open(CONNTRACK, 0);
	if (h == NULL)
		fail("nfct_open");
	if (nfct_callback_register(h, NFCT_T_ALL, print_entry, &found) < 0)
		fail("nfct_callback_register");
	if (nfct_query(h, NFCT_Q_GET, ct) < 0)
		fail("cannot get the entry");
	if (found != 1) {
		fprintf(stderr, "conntrack_get: the kernel sent %u entries, not one\n", found);
		return EXIT_FAILURE;
	}

	if (nfct_close(h) < 0)
		fail("nfct_close");
	nfct_destroy(ct);
	return EXIT_SUCCESS;
}
