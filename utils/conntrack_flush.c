/*
 * conntrack_flush: empties the connection tracking table.
 *
 * Shows nfct_query(NFCT_Q_FLUSH). Its argument is a layer-3 family, but
 * the kernel removes the entries of every family whatever it says (the
 * message carries nfnetlink version 0, for which the kernel keeps its old
 * behaviour): conntrack_flush_filter shows how to remove only some
 * entries.
 *
 * usage: conntrack_flush
 * Exit status: 0 on success, 1 on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static void fail(const char *what)
{
	fprintf(stderr, "conntrack_flush: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

int main(int argc, char *argv[])
{
	uint32_t family = AF_UNSPEC;
	struct nfct_handle *h;

	if (argc > 1) {
		fprintf(stderr, "usage: conntrack_flush\n");
		return EXIT_FAILURE;
	}

	h = nfct_open(CONNTRACK, 0);
	if (h == NULL)
		fail("nfct_open");
	if (nfct_query(h, NFCT_Q_FLUSH, &family) < 0)
		fail("cannot flush the table");
	printf("flushed the conntrack table\n");

	if (nfct_close(h) < 0)
		fail("nfct_close");
	return EXIT_SUCCESS;
}
