/*
 * conntrack_dump_json: dumps the connection tracking table (or the
 * expectation table) as JSON Lines, one JSON object per entry.
 *
 * Shows NFCT_O_JSON, an output type of this library that the original
 * does not have (there nfct_snprintf() fails with ENOENT, and so does this
 * program), and the snprintf()-style return value: an entry whose text
 * does not fit the buffer is printed again into a buffer of the size the
 * first call returned. The schema is in the API documentation (the "JSON
 * output" page).
 *
 * usage: conntrack_dump_json [--expect] [ipv4|ipv6|all]   (default: all)
 * Prints one line per entry on stdout, nothing else. Exit status: 0 on
 * success, 1 on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#define FLAGS	(NFCT_OF_SHOW_LAYER3 | NFCT_OF_ID | NFCT_OF_TIMESTAMP)

static void fail(const char *what)
{
	fprintf(stderr, "conntrack_dump_json: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

/* Writes one line from whichever printer: the first try uses a buffer on
 * the stack, a longer text gets a buffer of its exact size. */
static int print_line(int (*print)(char *, unsigned int, const void *), const void *obj)
{
	char line[2048];
	int n = print(line, sizeof(line), obj);

	if (n < 0)
		return -1;
	if ((size_t)n < sizeof(line)) {
		puts(line);
		return 0;
	}
	char *big = malloc((size_t)n + 1);

	if (big == NULL || print(big, (unsigned int)n + 1, obj) != n) {
		free(big);
		return -1;
	}
	puts(big);
	free(big);
	return 0;
}

static int print_ct(char *buf, unsigned int size, const void *ct)
{
	return nfct_snprintf(buf, size, ct, NFCT_T_UNKNOWN, NFCT_O_JSON, FLAGS);
}

static int print_exp(char *buf, unsigned int size, const void *exp)
{
	return nfexp_snprintf(buf, size, exp, NFCT_T_UNKNOWN, NFCT_O_JSON, FLAGS);
}

static int ct_cb(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	return print_line(print_ct, ct) < 0 ? NFCT_CB_FAILURE : NFCT_CB_CONTINUE;
}

static int exp_cb(enum nf_conntrack_msg_type type, struct nf_expect *exp, void *data)
{
	return print_line(print_exp, exp) < 0 ? NFCT_CB_FAILURE : NFCT_CB_CONTINUE;
}

int main(int argc, char *argv[])
{
	struct nfct_handle *h;
	uint32_t family = AF_UNSPEC;
	int expect = 0, ret;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--expect") == 0 && !expect) {
			expect = 1;
		} else if (i == argc - 1 && strcmp(argv[i], "ipv4") == 0) {
			family = AF_INET;
		} else if (i == argc - 1 && strcmp(argv[i], "ipv6") == 0) {
			family = AF_INET6;
		} else if (i == argc - 1 && strcmp(argv[i], "all") == 0) {
			family = AF_UNSPEC;
		} else {
			fprintf(stderr, "usage: conntrack_dump_json [--expect] [ipv4|ipv6|all]\n");
			return EXIT_FAILURE;
		}
	}

	h = nfct_open(expect ? EXPECT : CONNTRACK, 0);
	if (h == NULL)
		fail("nfct_open");
	if (expect) {
		if (nfexp_callback_register(h, NFCT_T_ALL, exp_cb, NULL) < 0)
			fail("nfexp_callback_register");
		ret = nfexp_query(h, NFCT_Q_DUMP, &family);
	} else {
		if (nfct_callback_register(h, NFCT_T_ALL, ct_cb, NULL) < 0)
			fail("nfct_callback_register");
		ret = nfct_query(h, NFCT_Q_DUMP, &family);
	}
	if (ret < 0)
		fail("cannot dump the table (or print JSON)");
	if (fflush(stdout) != 0)
		fail("stdout");
	if (nfct_close(h) < 0)
		fail("nfct_close");
	return EXIT_SUCCESS;
}
