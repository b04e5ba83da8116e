/*
 * Stress: dumps of 1,000,000 entries in all, with memory flat.
 *
 * In a private network namespace the table is filled with as many entries
 * as it may hold, up to 1,000,000 (nf_conntrack_max is fixed by the host:
 * 262144 by default, and a namespace cannot raise it), created in batches
 * of netlink messages built by nfct_nlmsg_build(). The table is then
 * dumped with nfct_query(NFCT_Q_DUMP) as many times as it takes to pass
 * 1,000,000 entries through the callback, each dump checked complete.
 * Memory must stay flat: the bytes malloc has in use are the same after
 * each dump as after the first one, and the peak resident size grows by
 * less than 8 MiB from before the first dump to the end (a library that
 * kept a copy of each entry would need hundreds of MiB).
 *
 * STRESS_ENTRIES and STRESS_TOTAL override the sizes.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

#include "check.h"
#include "kernel.h"

static long read_long(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;

	if (f != NULL) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/* A /proc/self/status field in KiB. */
static long status_kib(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	size_t n = strlen(field);

	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			v = atol(line + n + 1);
	if (f != NULL)
		fclose(f);
	return v;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void set_entry(struct nf_conntrack *ct, unsigned long i)
{
	uint32_t src = htonl(0x0a000000u | (uint32_t)(i >> 8));
	uint32_t dst = htonl(0x0b000001u);
	uint16_t sport = htons((uint16_t)(1024 + (i & 0xff))), dport = htons(53);

	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_IPV4_SRC, src);
	nfct_set_attr_u32(ct, ATTR_IPV4_DST, dst);
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_UDP);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, sport);
	nfct_set_attr_u16(ct, ATTR_PORT_DST, dport);
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, dst);
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, src);
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_UDP);
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, dport);
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, sport);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 3600);
	nfct_set_attr_u32(ct, ATTR_MARK, (uint32_t)i);
}

/* Creates entries 0..n-1 in batches: many create messages per datagram,
 * an acknowledgement asked only for the last of each batch, errors read
 * back. Returns the number of errors. */
static long fill(unsigned long n)
{
	struct mnl_socket *nl = mnl_socket_open(NETLINK_NETFILTER);
	static char buf[1 << 17];
	char rbuf[MNL_SOCKET_BUFFER_SIZE];
	struct nf_conntrack *ct = nfct_new();
	long errors = 0;
	unsigned long i = 0;
	uint32_t seq = 1;

	if (nl == NULL || ct == NULL || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("netlink");
		exit(EXIT_HARD);
	}
	int big = 1 << 22;

	setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof(big));
	while (i < n) {
		size_t len = 0;

		while (i < n && len + 512 < sizeof(buf)) {
			struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf + len);
			struct nfgenmsg *nfg;

			nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_NEW;
			nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL;
			nlh->nlmsg_seq = seq;
			nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
			nfg->nfgen_family = AF_INET;
			nfg->version = NFNETLINK_V0;
			set_entry(ct, i++);
			if (nfct_nlmsg_build(nlh, ct) < 0) {
				perror("nfct_nlmsg_build");
				exit(EXIT_HARD);
			}
			if (i == n || len + nlh->nlmsg_len + 512 >= sizeof(buf))
				nlh->nlmsg_flags |= NLM_F_ACK;
			len += nlh->nlmsg_len;
		}
		if (mnl_socket_sendto(nl, buf, len) < 0) {
			perror("sendto");
			exit(EXIT_HARD);
		}
		/* Errors come first, then the acknowledgement of the last
		 * message (an error with code 0). */
		for (bool acked = false; !acked;) {
			ssize_t r = mnl_socket_recvfrom(nl, rbuf, sizeof(rbuf));

			if (r <= 0) {
				perror("recv");
				exit(EXIT_HARD);
			}
			int left = (int)r;

			for (struct nlmsghdr *m = (struct nlmsghdr *)rbuf; mnl_nlmsg_ok(m, left);
			     m = mnl_nlmsg_next(m, &left)) {
				if (m->nlmsg_type != NLMSG_ERROR)
					continue;
				const struct nlmsgerr *e = mnl_nlmsg_get_payload(m);

				if (e->error != 0)
					errors++;
				if (e->error == 0 || e->msg.nlmsg_flags & NLM_F_ACK)
					acked = true;
			}
		}
		seq++;
	}
	nfct_destroy(ct);
	mnl_socket_close(nl);
	return errors;
}

struct tally {
	unsigned long count;
	unsigned long marks;	/* sum of the marks: every entry seen once */
};

static int count_cb(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct tally *t = data;

	t->count++;
	t->marks += nfct_get_attr_u32(ct, ATTR_MARK);
	return NFCT_CB_CONTINUE;
}

int main(void)
{
	unsigned long want_total = 1000000, n;
	long max;

	test_enter_netns();
	max = read_long("/proc/sys/net/netfilter/nf_conntrack_max");
	n = want_total;
	if (max > 0 && (unsigned long)max < n + 1000)
		n = (unsigned long)max - 1000;
	if (getenv("STRESS_ENTRIES") != NULL)
		n = strtoul(getenv("STRESS_ENTRIES"), NULL, 10);
	if (getenv("STRESS_TOTAL") != NULL)
		want_total = strtoul(getenv("STRESS_TOTAL"), NULL, 10);

	double t0 = now();
	long errors = fill(n);

	printf("created %lu entries in %.1f s (%ld errors; nf_conntrack_max %ld)\n", n,
	       now() - t0, errors, max);
	CHECK_INT(errors, 0);

	struct nfct_handle *h = nfct_open(CONNTRACK, 0);
	uint32_t family = AF_INET;
	unsigned long total = 0, expected_marks = 0;
	size_t in_use_first = 0;
	long rss_before = status_kib("VmRSS"), hwm_before, hwm_after;

	for (unsigned long i = 0; i < n; i++)
		expected_marks += (uint32_t)i;
	CHECK(h != NULL);
	if (h == NULL)
		return test_done();
	/* The first dump sets up what a dump needs once (the spare object,
	 * libnfnetlink's buffers): measured from there. */
	hwm_before = status_kib("VmHWM");
	for (int round = 0; total < want_total; round++) {
		struct tally t = { 0, 0 };

		nfct_callback_register(h, NFCT_T_ALL, count_cb, &t);
		t0 = now();
		CHECK_ERRNO(nfct_query(h, NFCT_Q_DUMP, &family), 0, 0);
		CHECK_UINT(t.count, n);
		CHECK_UINT(t.marks, expected_marks);
		total += t.count;

		size_t in_use = mallinfo2().uordblks;

		if (round == 0)
			in_use_first = in_use;
		printf("dump %d: %lu entries in %.1f s; %zu bytes in use, RSS %ld KiB, peak %ld KiB\n",
		       round + 1, t.count, now() - t0, in_use, status_kib("VmRSS"),
		       status_kib("VmHWM"));
		CHECK_MSG(in_use == in_use_first, "dump %d: %zu bytes in use, %zu after the first",
			  round + 1, in_use, in_use_first);
		if (t.count == 0)
			break;
	}
	hwm_after = status_kib("VmHWM");
	printf("%lu entries dumped in all; RSS before %ld KiB, peak %ld -> %ld KiB\n", total,
	       rss_before, hwm_before, hwm_after);
	CHECK_MSG(total >= want_total, "only %lu entries dumped", total);
	CHECK_MSG(hwm_after - hwm_before < 8192, "peak RSS grew by %ld KiB",
		  hwm_after - hwm_before);
	nfct_close(h);
	return test_done();
}
