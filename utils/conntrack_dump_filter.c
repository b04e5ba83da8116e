/*
 * conntrack_dump_filter: lists only the IPv4 entries that carry a given
 * mark, filtered by the kernel.
 *
 * Shows a dump filter (struct nfct_filter_dump) and
 * nfct_query(NFCT_Q_DUMP_FILTER): the kernel compares each entry's mark,
 * under a mask, with the value asked for, and only sends the entries that
 * match; the family is part of the filter too.
 *
 * usage: conntrack_dump_filter [MARK [MASK]]   (default: 1, mask 0xffffffff)
 * MARK and MASK are numbers in C notation (decimal, 0x hexadecimal).
 * Prints one line per entry, then how many there were. Exit status: 0 on
 * success, 1 on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static void fail(const char *what)
{
	fprintf(stderr, "conntrack_dump_filter: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

/* Reads a 32-bit number; ends the program when the text is not one. */
static uint32_t number(const char *text)
{
	unsigned long long value;
	char *end;

	errno = 0;
	value = strtoull(text, &end, 0);
	if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || value > UINT32_MAX) {
		fprintf(stderr, "conntrack_dump_filter: not a 32-bit number: %s\n", text);
		exit(EXIT_FAILURE);
	}
	return (uint32_t)value;
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
	struct nfct_filter_dump_mark mark = { .val = 1, .mask = 0xffffffff };
	struct nfct_filter_dump *filter;
	struct nfct_handle *h;
	unsigned int count = 0;

	if (argc > 3) {
		fprintf(stderr, "usage: conntrack_dump_filter [MARK [MASK]]\n");
		return EXIT_FAILURE;
	}
	if (argc > 1)
		mark.val = number(argv[1]);
	if (argc > 2)
		mark.mask = number(argv[2]);

	filter = nfct_filter_dump_create();
	if (filter == NULL)
		fail("nfct_filter_dump_create");
	nfct_filter_dump_set_attr(filter, NFCT_FILTER_DUMP_MARK, &mark);
	nfct_filter_dump_set_attr_u8(filter, NFCT_FILTER_DUMP_L3NUM, AF_INET);

	h = nfct_open(CONNTRACK, 0);
	if (h == NULL)
		fail("nfct_open");
	if (nfct_callback_register(h, NFCT_T_ALL, print_entry, &count) < 0)
		fail("nfct_callback_register");
	if (nfct_query(h, NFCT_Q_DUMP_FILTER, filter) < 0)
		fail("cannot dump the table");
	printf("%u entries with mark 0x%x/0x%x\n", count, mark.val, mark.mask);

	if (nfct_close(h) < 0)
		fail("nfct_close");
	nfct_filter_dump_destroy(filter);
	return EXIT_SUCCESS;
}
