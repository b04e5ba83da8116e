/*
 * nfexp-mnl-event: prints expectation events received on a netlink socket
 * of the program's own (libmnl).
 *
 * Shows the expectation side of events: the socket joins
 * NFNLGRP_CONNTRACK_EXP_NEW, _UPDATE and _DESTROY; each message of the
 * CTNETLINK_EXP subsystem is an expectation that nfexp_nlmsg_parse()
 * reads. IPCTNL_MSG_EXP_NEW is a new expectation when it carries
 * NLM_F_CREATE and an update otherwise, IPCTNL_MSG_EXP_DELETE a removal
 * (the expectation was met, timed out or was deleted). poll() gives the
 * optional time limit.
 *
 * usage: nfexp-mnl-event [COUNT [SECONDS]]
 *   COUNT    stop after this many events (0, the default: no limit)
 *   SECONDS  stop when no event has come for this many seconds (0, the
 *            default: wait for ever); stopping so before COUNT events came
 *            is a failure
 * Prints "listening" once subscribed, one line per event, then how many
 * events it saw. Exit status: 0 on success, 1 on failure.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

struct progress {
	unsigned long seen;	/* events printed so far */
	unsigned long wanted;	/* stop after this many; 0: no limit */
};

static void fail(const char *what)
{
	fprintf(stderr, "nfexp-mnl-event: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE);
}

static unsigned long number(const char *text)
{
	unsigned long value;
	char *end;

	errno = 0;
	value = strtoul(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || text[0] == '-') {
		fprintf(stderr, "usage: nfexp-mnl-event [COUNT [SECONDS]]\n");
		exit(EXIT_FAILURE);
	}
	return value;
}

static int print_event(const struct nlmsghdr *nlh, void *data)
{
	struct progress *progress = data;
	enum nf_conntrack_msg_type type;
	struct nf_expect *exp;
	char line[1024];

	switch (nlh->nlmsg_type & 0xff) {
	case IPCTNL_MSG_EXP_NEW:
		type = (nlh->nlmsg_flags & NLM_F_CREATE) ? NFCT_T_NEW : NFCT_T_UPDATE;
		break;
	case IPCTNL_MSG_EXP_DELETE:
		type = NFCT_T_DESTROY;
		break;
	default:
		return MNL_CB_OK;	/* not an expectation change */
	}

	exp = nfexp_new();
	if (exp == NULL)
		return MNL_CB_ERROR;
	if (nfexp_nlmsg_parse(nlh, exp) < 0 ||
	    nfexp_snprintf(line, sizeof(line), exp, type, NFCT_O_DEFAULT, 0) < 0) {
		nfexp_destroy(exp);
		return MNL_CB_ERROR;
	}
	printf("%s\n", line);
	nfexp_destroy(exp);

	progress->seen++;
	if (progress->wanted != 0 && progress->seen >= progress->wanted)
		return MNL_CB_STOP;
	return MNL_CB_OK;
}

int main(int argc, char *argv[])
{
	static const int groups[] = {
		NFNLGRP_CONNTRACK_EXP_NEW, NFNLGRP_CONNTRACK_EXP_UPDATE,
		NFNLGRP_CONNTRACK_EXP_DESTROY,
	};
	static char buf[8192];
	struct progress progress = { 0, 0 };
	unsigned long seconds = 0;
	struct mnl_socket *nl;
	struct pollfd pfd;
	int ret, status = EXIT_SUCCESS;

	if (argc > 3) {
		fprintf(stderr, "usage: nfexp-mnl-event [COUNT [SECONDS]]\n");
		return EXIT_FAILURE;
	}
	if (argc > 1)
		progress.wanted = number(argv[1]);
	if (argc > 2)
		seconds = number(argv[2]);
	if (seconds > 1000000) {
		fprintf(stderr, "nfexp-mnl-event: at most 1000000 seconds\n");
		return EXIT_FAILURE;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	nl = mnl_socket_open(NETLINK_NETFILTER);
	if (nl == NULL)
		fail("mnl_socket_open");
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		fail("mnl_socket_bind");
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		int group = groups[i];

		if (mnl_socket_setsockopt(nl, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)) < 0)
			fail("joining a multicast group");
	}
	printf("listening\n");

	pfd.fd = mnl_socket_get_fd(nl);
	pfd.events = POLLIN;
	for (;;) {
		ret = poll(&pfd, 1, seconds > 0 ? (int)(seconds * 1000) : -1);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0)
			fail("poll");
		if (ret == 0) {
			/* Quiet for too long: the end, or a failure if events
			 * are still missing. */
			if (progress.wanted != 0) {
				fprintf(stderr, "nfexp-mnl-event: no event for %lu seconds, "
					"saw %lu of %lu\n", seconds, progress.seen, progress.wanted);
				status = EXIT_FAILURE;
			}
			break;
		}
		ret = (int)mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (ret < 0)
			fail("mnl_socket_recvfrom");
		ret = mnl_cb_run(buf, (size_t)ret, 0, 0, print_event, &progress);
		if (ret < 0)
			fail("cannot read an event");
		if (ret == MNL_CB_STOP)
			break;
	}
	if (status == EXIT_SUCCESS)
		printf("%lu events\n", progress.seen);

	if (mnl_socket_close(nl) < 0)
		fail("mnl_socket_close");
	return status;
}
