/*
 * expect_flush: empties the expectation table.
 *
 * Shows nfexp_query(NFCT_Q_FLUSH) on a handle opened for the EXPECT
 * subsystem. Its argument is a layer-3 family, but the kernel removes the
 * expectations of every family. Their master connections stay.
 *
 * usage: expect_flush
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
	fprintf(stderr, "expect_flush: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

int main(int argc, char *argv[])
{
	uint32_t family = AF_UNSPEC;
	struct nfct_handle *h;

	if (argc > 1) {
		fprintf(stderr, "usage: expect_flush\n");
		return EXIT_FAILURE;
	}

	h = nfct_open(EXPECT, 0);
	if (h == NULL)
		fail("nfct_open");
	if (nfexp_query(h, NFCT_Q_FLUSH, &family) < 0)
		fail("cannot flush the expectations");
	printf("flushed the expectation table\n");

	if (nfct_close(h) < 0)
		fail("nfct_close");
	return EXIT_SUCCESS;
}
