/*
 * conntrack_flush_filter: removes only the IPv4 entries that carry a given
 * mark.
 *
 * Shows nfct_query(NFCT_Q_FLUSH_FILTER): the same filter object as a
 * filtered dump (struct nfct_filter_dump) tells the kernel which entries
 * to remove; the others stay.
 *
 * usage: conntrack_flush_filter [MARK [MASK]]   (default: 1, mask 0xffffffff)
 * MARK and MASK are numbers in C notation (decimal, 0x hexadecimal).
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
	fprintf(stderr, "conntrack_flush_filter: %s: %s\n", what, strerror(errno));
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
		fprintf(stderr, "conntrack_flush_filter: not a 32-bit number: %s\n", text);
		exit(EXIT_FAILURE);
	}
	return (uint32_t)value;
}

int main(int argc, char *argv[])
{
	struct nfct_filter_dump_mark mark = { .val = 1, .mask = 0xffffffff };
	struct nfct_filter_dump *filter;
	struct nfct_handle *h;

	if (argc > 3) {
		fprintf(stderr, "usage: conntrack_flush_filter [MARK [MASK]]\n");
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
	if (nfct_query(h, NFCT_Q_FLUSH_FILTER, filter) < 0)
		fail("cannot flush");
	printf("flushed the ipv4 entries with mark 0x%x/0x%x\n", mark.val, mark.mask);

	if (nfct_close(h) < 0)
		fail("nfct_close");
	nfct_filter_dump_destroy(filter);
	return EXIT_SUCCESS;
}
