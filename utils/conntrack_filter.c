/*
 * conntrack_filter: prints only the conntrack events that pass a filter,
 * applied in the kernel before the events reach the program.
 *
 * Shows the event filter (struct nfct_filter): each attribute added says
 * what to accept (positive logic, the default) or what to drop (negative
 * logic, nfct_filter_set_logic()). nfct_filter_attach() compiles the
 * filter to a BPF program on the socket, so rejected events never reach
 * userspace. This one keeps the TCP events of the clients in
 * 192.0.2.0/24, except those of connections to 198.51.100.99. Addresses in
 * a filter are in host byte order.
 *
 * usage: conntrack_filter [COUNT [SECONDS]]
 *   COUNT    stop after this many events (0, the default: no limit)
 *   SECONDS  stop when no event has come for this many seconds (0, the
 *            default: wait for ever); stopping so before COUNT events came
 *            is a failure
 * Prints "listening" once the filter is attached, one line per event
 * that passed, then how many. Exit status: 0 on success, 1 on failure.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

struct progress {
	unsigned long seen;	/* events printed so far */
	unsigned long wanted;	/* stop after this many; 0: no limit */
};

static void fail(const char *what)
{
	fprintf(stderr, "conntrack_filter: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

static unsigned long number(const char *text)
{
	unsigned long value;
	char *end;

	errno = 0;
	value = strtoul(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || text[0] == '-') {
		fprintf(stderr, "usage: conntrack_filter [COUNT [SECONDS]]\n");
		exit(EXIT_FAILURE);
	}
	return value;
}

/* An IPv4 address in host byte order, as filters take them. */
static uint32_t host_ipv4(const char *text)
{
	struct in_addr addr;

	if (inet_pton(AF_INET, text, &addr) != 1) {
		errno = EINVAL;
		fail(text);
	}
	return ntohl(addr.s_addr);
}

static int print_event(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct progress *progress = data;
	char line[1024];

	if (nfct_snprintf(line, sizeof(line), ct, type, NFCT_O_DEFAULT, 0) < 0)
		return NFCT_CB_FAILURE;
	printf("%s\n", line);
	progress->seen++;
	if (progress->wanted != 0 && progress->seen >= progress->wanted)
		return NFCT_CB_STOP;
	return NFCT_CB_CONTINUE;
}

int main(int argc, char *argv[])
{
	struct progress progress = { 0, 0 };
	struct nfct_filter_ipv4 clients = {
		.addr = host_ipv4("192.0.2.0"), .mask = 0xffffff00,
	};
	struct nfct_filter_ipv4 excluded = {
		.addr = host_ipv4("198.51.100.99"), .mask = 0xffffffff,
	};
	struct nfct_filter *filter;
	unsigned long seconds = 0;
	struct nfct_handle *h;
	int ret, status = EXIT_SUCCESS;

	if (argc > 3) {
		fprintf(stderr, "usage: conntrack_filter [COUNT [SECONDS]]\n");
		return EXIT_FAILURE;
	}
	if (argc > 1)
		progress.wanted = number(argv[1]);
	if (argc > 2)
		seconds = number(argv[2]);
	setvbuf(stdout, NULL, _IOLBF, 0);

	h = nfct_open(CONNTRACK, NFCT_ALL_CT_GROUPS);
	if (h == NULL)
		fail("nfct_open");

	filter = nfct_filter_create();
	if (filter == NULL)
		fail("nfct_filter_create");
	/* Accept TCP only... */
	nfct_filter_add_attr_u32(filter, NFCT_FILTER_L4PROTO, IPPROTO_TCP);
	/* ...from the clients' network... */
	nfct_filter_add_attr(filter, NFCT_FILTER_SRC_IPV4, &clients);
	/* ...but not to this server. */
	nfct_filter_add_attr(filter, NFCT_FILTER_DST_IPV4, &excluded);
	if (nfct_filter_set_logic(filter, NFCT_FILTER_DST_IPV4, NFCT_FILTER_LOGIC_NEGATIVE) < 0)
		fail("nfct_filter_set_logic");
	if (nfct_filter_attach(nfct_fd(h), filter) < 0)
		fail("nfct_filter_attach");
	/* The kernel holds the compiled program: the filter can go. */
	nfct_filter_destroy(filter);

	if (seconds > 0) {
		struct timeval limit = { .tv_sec = (time_t)seconds };

		if (setsockopt(nfct_fd(h), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit)) < 0)
			fail("setsockopt(SO_RCVTIMEO)");
	}
	if (nfct_callback_register(h, NFCT_T_ALL, print_event, &progress) < 0)
		fail("nfct_callback_register");
	printf("listening\n");

	ret = nfct_catch(h);
	if (ret < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		/* Quiet for too long: the end, or a failure if events are
		 * still missing. */
		if (progress.wanted != 0) {
			fprintf(stderr, "conntrack_filter: no event for %lu seconds, "
				"saw %lu of %lu\n", seconds, progress.seen, progress.wanted);
			status = EXIT_FAILURE;
		}
	} else if (ret < 0) {
		fail("nfct_catch");
	}
	if (status == EXIT_SUCCESS)
		printf("%lu events\n", progress.seen);

	if (nfct_close(h) < 0)
		fail("nfct_close");
	return status;
}
