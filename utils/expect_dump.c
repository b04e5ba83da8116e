/*
 * expect_dump: lists the expectation table.
 *
 * Shows nfexp_query(NFCT_Q_DUMP) on a handle opened for the EXPECT
 * subsystem: the argument is a layer-3 family (AF_UNSPEC for every
 * family) and the callback runs once per expectation.
 *
 * usage: expect_dump [ipv4|ipv6|all]   (default: all)
 * Prints one line per expectation, as conntrack -L expect does, then how
 * many there were. Exit status: 0 on success, 1 on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static void fail(const char *what)
{
	fprintf(stderr, "expect_dump: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

static int print_expectation(enum nf_conntrack_msg_type type, struct nf_expect *exp, void *data)
{
	unsigned int *count = data;
	char line[1024];

	if (nfexp_snprintf(line, sizeof(line), exp, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		return NFCT_CB_FAILURE;
	printf("%s\n", line);
	(*count)++;
	return NFCT_CB_CONTINUE;
}

int main(int argc, char *argv[])
{
	const char *which = argc > 1 ? argv[1] : "all";
	struct nfct_handle *h;
	unsigned int count = 0;
	uint32_t family;

	if (argc > 2) {
		fprintf(stderr, "usage: expect_dump [ipv4|ipv6|all]\n");
		return EXIT_FAILURE;
	}
	if (strcmp(which, "all") == 0)
		family = AF_UNSPEC;
	else if (strcmp(which, "ipv4") == 0)
		family = AF_INET;
	else if (strcmp(which, "ipv6") == 0)
		family = AF_INET6;
	else {
		fprintf(stderr, "usage: expect_dump [ipv4|ipv6|all]\n");
		return EXIT_FAILURE;
	}

	h = nfct_open(EXPECT, 0);
	if (h == NULL)
		fail("nfct_open");
	if (nfexp_callback_register(h, NFCT_T_ALL, print_expectation, &count) < 0)
		fail("nfexp_callback_register");
	if (nfexp_query(h, NFCT_Q_DUMP, &family) < 0)
		fail("cannot dump the expectations");
	printf("%u expectations\n", count);

	if (nfct_close(h) < 0)
		fail("nfct_close");
	return EXIT_SUCCESS;
}
