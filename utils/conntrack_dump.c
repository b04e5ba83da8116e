/*
 * conntrack_dump: lists the connection tracking table.
 *
 * Shows nfct_query(NFCT_Q_DUMP): the argument is a layer-3 family
 * (AF_UNSPEC for every family) and the callback runs once per entry. The
 * object passed to the callback belongs to the library, which frees it
 * when the callback returns NFCT_CB_CONTINUE.
 *
 * usage: conntrack_dump [ipv4|ipv6|all]   (default: all)
 * Prints one line per entry, as conntrack -L does, then how many there
 * were. Exit status: 0 on success, 1 on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static void fail(const char *what)
{
	fprintf(stderr, "conntrack_dump: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

static int print_entry(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	unsigned int *count = data;
	char line[1024];

	if (nfct_snprintf(line, sizeof(line), ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) < 0)
		return NFCT_CB_FAILURE;
	printf("%s\n", line);
	(*count)++;
	return NFCT_CB_CONTINUE;
}

int main(int argc, char *argv[])
{
	struct nfct_handle *h;
	unsigned int count = 0;
	uint32_t family = AF_UNSPEC;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "all") != 0 &&
			 strcmp(argv[1], "ipv4") != 0 && strcmp(argv[1], "ipv6") != 0)) {
		fprintf(stderr, "usage: conntrack_dump [ipv4|ipv6|all]\n");
		return EXIT_FAILURE;
	}
	if (argc == 2 && strcmp(argv[1], "ipv4") == 0)
		family = AF_INET;
	else if (argc == 2 && strcmp(argv[1], "ipv6") == 0)
		family = AF_INET6;

	h = nfct_open(CONNTRACK, 0);
	if (h == NULL)
		fail("nfct_open");
	if (nfct_callback_register(h, NFCT_T_ALL, print_entry, &count) < 0)
		fail("nfct_callback_register");
	if (nfct_query(h, NFCT_Q_DUMP, &family) < 0)
		fail("cannot dump the table");
	printf("%u entries\n", count);

	if (nfct_close(h) < 0)
		fail("nfct_close");
	return EXIT_SUCCESS;
}
