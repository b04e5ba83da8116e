/*
 * Stress: an event storm against a deliberately slow reader.
 *
 * In a private network namespace, a child process makes STORM changes
 * (creates and deletes, each an event) as fast as it can, while the reader,
 * with a small receive buffer, sleeps in its callback. The socket overruns:
 * nfct_catch() must return -1 with errno ENOBUFS, and the same handle must
 * then go on receiving: the storm's end is marked by one last entry
 * created after a pause, which the reader must see. Memory held by the
 * library (malloc's count of bytes in use) must be the same after the
 * storm as before it, give or take one spare object.
 *
 * The same run is made on the original library (the program runs itself
 * again with it preloaded, when it is installed) and both must report the
 * overrun in the same way and recover.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnfnetlink/libnfnetlink.h>

#include "check.h"
#include "kernel.h"

/* Changes made: half creates, half deletes (STRESS_STORM overrides). */
static long STORM = 300000;
#define MARK_END	0xe0d0e0d0u

struct result {
	long events;		/* events the callback got */
	int enobufs;		/* catches that returned ENOBUFS */
	int other_errors;	/* catches that failed otherwise */
	int saw_end;		/* the end marker arrived after an overrun */
	long mem_growth;	/* bytes in use after the storm minus before */
};

static struct nf_conntrack *entry(unsigned int i, uint32_t mark)
{
	struct nf_conntrack *ct = nfct_new();

	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_IPV4_SRC, htonl(0x0a000000u | (i & 0xffffff)));
	nfct_set_attr_u32(ct, ATTR_IPV4_DST, htonl(0x0b000001u));
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_UDP);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(1000));
	nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(53));
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, htonl(0x0b000001u));
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, htonl(0x0a000000u | (i & 0xffffff)));
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_UDP);
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, htons(53));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(1000));
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 600);
	if (mark)
		nfct_set_attr_u32(ct, ATTR_MARK, mark);
	return ct;
}

/* The child: the storm, a pause, then the end marker. It first closes its
 * copy of the reader's handle. */
static void storm(struct nfct_handle *reader)
{
	nfct_close(reader);

	struct nfct_handle *h = nfct_open(CONNTRACK, 0);

	if (h == NULL)
		_exit(2);
	for (long i = 0; i < STORM / 2; i++) {
		struct nf_conntrack *ct = entry((unsigned int)(i % 4096), 0);

		nfct_query(h, NFCT_Q_CREATE, ct);
		nfct_query(h, NFCT_Q_DESTROY, ct);
		nfct_destroy(ct);
	}
	sleep(1);
	struct nf_conntrack *end = entry(0xfffff, MARK_END);

	if (nfct_query(h, NFCT_Q_CREATE, end) < 0)
		_exit(3);
	nfct_destroy(end);
	nfct_close(h);
	_exit(0);
}

static struct result res;

static int slow_cb(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	res.events++;
	if (nfct_attr_is_set(ct, ATTR_MARK) && nfct_get_attr_u32(ct, ATTR_MARK) == MARK_END) {
		res.saw_end = res.enobufs > 0;
		return NFCT_CB_STOP;
	}
	/* The slow reader: a pause now and then, and some real work. */
	char buf[1024];

	nfct_snprintf(buf, sizeof(buf), ct, type, NFCT_O_DEFAULT, 0);
	if (res.events % 16 == 0)
		usleep(1000);
	return NFCT_CB_CONTINUE;
}

static void run(void)
{
	struct nfct_handle *h;
	pid_t child;
	int status;

	test_enter_netns();
	test_sysctl("net.netfilter.nf_conntrack_events", "1");

	h = nfct_open(CONNTRACK, NF_NETLINK_CONNTRACK_NEW | NF_NETLINK_CONNTRACK_DESTROY);
	if (h == NULL) {
		printf("SKIP: cannot open an event handle: %s\n", strerror(errno));
		exit(EXIT_SKIP);
	}
	nfnl_rcvbufsiz(nfct_nfnlh(h), 32768);
	nfct_callback_register(h, NFCT_T_ALL, slow_cb, NULL);

	/* Warm up: one object and the socket buffer allocated. */
	size_t before = mallinfo2().uordblks;

	/* A reader that cannot wait forever: the catch returns EAGAIN after
	 * 5 s without an event. */
	struct timeval tv = { .tv_sec = 5 };

	setsockopt(nfct_fd(h), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	child = fork();
	if (child == 0)
		storm(h);
	alarm(600);
	for (;;) {
		errno = 0;
		int ret = nfct_catch(h);

		if (ret == -1 && errno == ENOBUFS) {
			res.enobufs++;
			continue;
		}
		if (ret == -1 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
		    waitpid(child, &status, WNOHANG) == 0)
			continue;
		if (ret == 0 && res.saw_end)
			break;
		if (ret == 0) {
			/* NFCT_CB_STOP on the end marker before any overrun. */
			break;
		}
		res.other_errors++;
		fprintf(stderr, "nfct_catch: %d %s\n", ret, strerror(errno));
		if (res.other_errors > 10)
			break;
	}
	if (waitpid(child, &status, 0) < 0)
		status = 0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fprintf(stderr, "the storm's process failed (%d)\n", status);
	res.mem_growth = (long)mallinfo2().uordblks - (long)before;
	nfct_close(h);
}

int main(int argc, char **argv)
{
	if (getenv("STRESS_STORM") != NULL)
		STORM = atol(getenv("STRESS_STORM"));
	run();
	printf("RESULT events=%ld enobufs=%d other_errors=%d saw_end=%d mem_growth=%ld (%s)\n",
	       res.events, res.enobufs, res.other_errors, res.saw_end, res.mem_growth,
	       test_is_reference() ? "original library" : "our library");
	if (argc > 1 && strcmp(argv[1], "--one") == 0)
		return 0;

	CHECK_MSG(res.enobufs > 0, "no ENOBUFS in %ld changes", STORM);
	CHECK_MSG(res.saw_end, "no event after the overrun");
	CHECK_INT(res.other_errors, 0);
	CHECK_MSG(res.events < STORM, "every event arrived (%ld): no overrun", res.events);
	/* One spare object at most (the handle keeps one for the next
	 * message) and the library's buffers. */
	CHECK_MSG(res.mem_growth < 4096, "%ld more bytes in use after the storm",
		  res.mem_growth);

	/* The same run on the original library, when it is there. */
	const char *ref = getenv("NFCT_REFERENCE_LIBRARY");

	if (!test_is_reference() && ref != NULL && ref[0] != '\0' && access(ref, R_OK) == 0) {
		char cmd[8192];

		snprintf(cmd, sizeof(cmd), "NFCT_TEST_LIB=reference LD_PRELOAD='%s' '/proc/%d/exe' --one",
			 ref, (int)getpid());
		FILE *p = popen(cmd, "r");
		char line[512];
		struct result o = { 0 };
		int found = 0;

		while (p != NULL && fgets(line, sizeof(line), p) != NULL) {
			fputs(line, stdout);
			if (sscanf(line, "RESULT events=%ld enobufs=%d other_errors=%d saw_end=%d",
				   &o.events, &o.enobufs, &o.other_errors, &o.saw_end) == 4)
				found = 1;
		}
		if (p != NULL)
			pclose(p);
		CHECK_MSG(found, "the run on the original gave no result");
		if (found) {
			CHECK_MSG(o.enobufs > 0, "the original saw no ENOBUFS");
			CHECK_MSG(o.saw_end, "the original did not recover");
			CHECK_INT(o.other_errors, 0);
		}
	} else {
		printf("the original library is not available: no comparison\n");
	}
	return test_done();
}
