/*
 * expect_events: prints the changes of the expectation table as they
 * happen.
 *
 * Shows an event handle for the EXPECT subsystem: nfct_open() with the
 * expectation groups (NF_NETLINK_CONNTRACK_EXP_NEW, _UPDATE and _DESTROY)
 * subscribes to them, and nfexp_catch() waits for events, calling the
 * callback registered with nfexp_callback_register() once per event,
 * until the callback returns NFCT_CB_STOP.
 *
 * usage: expect_events [COUNT [SECONDS]]
 *   COUNT    stop after this many events (0, the default: no limit)
 *   SECONDS  stop when no event has come for this many seconds (0, the
 *            default: wait for ever); stopping so before COUNT events came
 *            is a failure
 * Prints "listening" once subscribed, one line per event, then how many
 * events it saw. Exit status: 0 on success, 1 on failure.
 */
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
	fprintf(stderr, "expect_events: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

static unsigned long number(const char *text)
{
	unsigned long value;
	char *end;

	errno = 0;
	value = strtoul(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || text[0] == '-') {
		fprintf(stderr, "usage: expect_events [COUNT [SECONDS]]\n");
		exit(EXIT_FAILURE);
	}
	return value;
}

static int print_event(enum nf_conntrack_msg_type type, struct nf_expect *exp, void *data)
{
	struct progress *progress = data;
	char line[1024];

	if (nfexp_snprintf(line, sizeof(line), exp, type, NFCT_O_DEFAULT, 0) < 0)
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
	unsigned long seconds = 0;
	struct nfct_handle *h;
	int ret, status = EXIT_SUCCESS;

	if (argc > 3) {
		fprintf(stderr, "usage: expect_events [COUNT [SECONDS]]\n");
		return EXIT_FAILURE;
	}
	if (argc > 1)
		progress.wanted = number(argv[1]);
	if (argc > 2)
		seconds = number(argv[2]);
	setvbuf(stdout, NULL, _IOLBF, 0);

	h = nfct_open(EXPECT, NF_NETLINK_CONNTRACK_EXP_NEW | NF_NETLINK_CONNTRACK_EXP_UPDATE |
			      NF_NETLINK_CONNTRACK_EXP_DESTROY);
	if (h == NULL)
		fail("nfct_open");
	if (seconds > 0) {
		/* nfexp_catch() returns -1 with errno EAGAIN when no event
		 * came within the socket's receive timeout. */
		struct timeval limit = { .tv_sec = (time_t)seconds };

		if (setsockopt(nfct_fd(h), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit)) < 0)
			fail("setsockopt(SO_RCVTIMEO)");
	}
	if (nfexp_callback_register(h, NFCT_T_ALL, print_event, &progress) < 0)
		fail("nfexp_callback_register");
	printf("listening\n");

	ret = nfexp_catch(h);
	if (ret < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		/* Quiet for too long: the end, or a failure if events are
		 * still missing. */
		if (progress.wanted != 0) {
			fprintf(stderr, "expect_events: no event for %lu seconds, "
				"saw %lu of %lu\n", seconds, progress.seen, progress.wanted);
			status = EXIT_FAILURE;
		}
	} else if (ret < 0) {
		fail("nfexp_catch");
	}
	if (status == EXIT_SUCCESS)
		printf("%lu events\n", progress.seen);

	if (nfct_close(h) < 0)
		fail("nfct_close");
	return status;
}
