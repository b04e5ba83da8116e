/*
 * Records the seed corpora of the fuzz targets from a real kernel.
 *
 *   fuzz/record OUTDIR      (as root; tests/fuzz/corpus is the committed one)
 *
 * In a private network namespace it fills the conntrack table with entries
 * of every protocol the library knows (TCP, UDP, UDP-Lite, ICMP, ICMPv6,
 * SCTP, DCCP, GRE and an unknown one), over IPv4 and IPv6, with source and
 * destination NAT, marks, zones, labels, the ftp helper, counters and
 * timestamps (real traffic over the loopback), and FTP expectations. It
 * records what the kernel sends, byte for byte: the answers to dumps and
 * the events of a listener joined to every group, and writes them as the
 * inputs of each target:
 *
 *   ct-nlmsg/, ct-parse/   one conntrack message per file
 *   ct-payload/            the family byte, then the message's attributes
 *   ct-catch/              whole datagrams (dump parts and events)
 *   exp-nlmsg/, exp-parse/ one expectation message per file
 *   exp-catch/             whole expectation datagrams
 *
 * Datagrams keep their messages as the kernel sent them, except the port
 * id and sequence number, zeroed as in events (a handle drops answers to
 * requests that are not its own). Files already present are overwritten.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack_dccp.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack_sctp.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack_tcp.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

#include "check.h"
#include "kernel.h"

#ifndef IPPROTO_DCCP
#define IPPROTO_DCCP 33
#endif
#ifndef IPPROTO_UDPLITE
#define IPPROTO_UDPLITE 136
#endif

#define RECORD_BUF 32768

static const char *outdir;
static unsigned int file_no;

static void write_file(const char *target, const char *name, const void *a, size_t alen,
		       const void *b, size_t blen)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", outdir, target);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/%s-%03u", outdir, target, name, file_no++);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(a, 1, alen, f) != alen || (blen && fwrite(b, 1, blen, f) != blen)) {
		perror(path);
		exit(EXIT_HARD);
	}
	fclose(f);
}

/* Writes one message into the per-message corpora of its subsystem. */
static void record_message(const struct nlmsghdr *nlh, const char *name)
{
	bool exp = (nlh->nlmsg_type >> 8) == NFNL_SUBSYS_CTNETLINK_EXP;

	if ((nlh->nlmsg_type >> 8) != NFNL_SUBSYS_CTNETLINK && !exp)
		return;
	if (exp) {
		write_file("exp-nlmsg", name, nlh, nlh->nlmsg_len, NULL, 0);
		write_file("exp-parse", name, nlh, nlh->nlmsg_len, NULL, 0);
		return;
	}
	write_file("ct-nlmsg", name, nlh, nlh->nlmsg_len, NULL, 0);
	write_file("ct-parse", name, nlh, nlh->nlmsg_len, NULL, 0);

	const struct nfgenmsg *nfg = mnl_nlmsg_get_payload(nlh);
	uint8_t family = nfg->nfgen_family;
	size_t off = NLMSG_HDRLEN + MNL_ALIGN(sizeof(*nfg));

	if (nlh->nlmsg_len > off)
		write_file("ct-payload", name, &family, 1, (const char *)nlh + off,
			   nlh->nlmsg_len - off);
}

/* Writes a datagram into the catch corpus of its subsystem, and each of
 * its messages into the per-message corpora. */
static void record_datagram(char *buf, size_t len, const char *name)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	bool exp = len >= sizeof(*nlh) && (nlh->nlmsg_type >> 8) == NFNL_SUBSYS_CTNETLINK_EXP;
	int left = (int)len;

	for (nlh = (struct nlmsghdr *)buf; mnl_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		nlh->nlmsg_pid = 0;
		nlh->nlmsg_seq = 0;
		if (nlh->nlmsg_type >= NLMSG_MIN_TYPE)
			record_message(nlh, name);
	}
	write_file(exp ? "exp-catch" : "ct-catch", name, buf, len, NULL, 0);
}

/* Dumps a table (conntrack or expectations) with a raw socket and records
 * every datagram of the answer. */
static void record_dump(uint8_t subsys, uint8_t msg, uint8_t family, const char *name)
{
	struct mnl_socket *nl = mnl_socket_open(NETLINK_NETFILTER);
	char buf[RECORD_BUF];
	struct nlmsghdr *nlh;
	struct nfgenmsg *nfg;

	if (nl == NULL || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("mnl_socket");
		exit(EXIT_HARD);
	}
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (uint16_t)((subsys << 8) | msg);
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = 1;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = family;
	nfg->version = NFNETLINK_V0;
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		perror("sendto");
		exit(EXIT_HARD);
	}
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(nl, buf, sizeof(buf));

		if (n <= 0)
			break;
		bool done = false;
		int left = (int)n;

		for (nlh = (struct nlmsghdr *)buf; mnl_nlmsg_ok(nlh, left);
		     nlh = mnl_nlmsg_next(nlh, &left))
			if (nlh->nlmsg_type == NLMSG_DONE || nlh->nlmsg_type == NLMSG_ERROR)
				done = true;
		record_datagram(buf, (size_t)n, name);
		if (done)
			break;
	}
	mnl_socket_close(nl);
}

static struct mnl_socket *events;

static void events_open(void)
{
	events = mnl_socket_open(NETLINK_NETFILTER);
	if (events == NULL ||
	    mnl_socket_bind(events, (1u << (NFNLGRP_CONNTRACK_NEW - 1)) |
				    (1u << (NFNLGRP_CONNTRACK_UPDATE - 1)) |
				    (1u << (NFNLGRP_CONNTRACK_DESTROY - 1)) |
				    (1u << (NFNLGRP_CONNTRACK_EXP_NEW - 1)) |
				    (1u << (NFNLGRP_CONNTRACK_EXP_DESTROY - 1)),
			    MNL_SOCKET_AUTOPID) < 0) {
		perror("events");
		exit(EXIT_HARD);
	}
}

/* Records the events queued so far (at most max datagrams). */
static void record_events(unsigned int max)
{
	char buf[RECORD_BUF];
	unsigned int n = 0;

	while (n < max) {
		ssize_t len = recv(mnl_socket_get_fd(events), buf, sizeof(buf), MSG_DONTWAIT);

		if (len <= 0)
			break;
		record_datagram(buf, (size_t)len, "event");
		n++;
	}
}

static void drain_events(void)
{
	char buf[RECORD_BUF];

	while (recv(mnl_socket_get_fd(events), buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
}

static uint32_t ip4(const char *s)
{
	struct in_addr a;

	inet_pton(AF_INET, s, &a);
	return a.s_addr;
}

static int query(enum nf_conntrack_query q, const void *data, bool exp)
{
	struct nfct_handle *h = nfct_open(exp ? EXPECT : CONNTRACK, 0);
	int ret;

	if (h == NULL)
		return -1;
	ret = exp ? nfexp_query(h, q, data) : nfct_query(h, q, data);
	if (ret < 0)
		fprintf(stderr, "query %d: %s\n", (int)q, strerror(errno));
	nfct_close(h);
	return ret;
}

static struct nf_conntrack *flow(uint8_t family, uint8_t l4, unsigned int n)
{
	struct nf_conntrack *ct = nfct_new();
	char a[64], b[64];

	nfct_set_attr_u8(ct, ATTR_L3PROTO, family);
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, family);
	if (family == AF_INET) {
		snprintf(a, sizeof(a), "10.1.%u.1", n);
		snprintf(b, sizeof(b), "10.2.%u.2", n);
		nfct_set_attr_u32(ct, ATTR_IPV4_SRC, ip4(a));
		nfct_set_attr_u32(ct, ATTR_IPV4_DST, ip4(b));
		nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, ip4(b));
		nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, ip4(a));
	} else {
		struct in6_addr s, d;

		snprintf(a, sizeof(a), "2001:db8:1::%x", n + 1);
		snprintf(b, sizeof(b), "2001:db8:2::%x", n + 1);
		inet_pton(AF_INET6, a, &s);
		inet_pton(AF_INET6, b, &d);
		nfct_set_attr(ct, ATTR_IPV6_SRC, &s);
		nfct_set_attr(ct, ATTR_IPV6_DST, &d);
		nfct_set_attr(ct, ATTR_REPL_IPV6_SRC, &d);
		nfct_set_attr(ct, ATTR_REPL_IPV6_DST, &s);
	}
	nfct_set_attr_u8(ct, ATTR_L4PROTO, l4);
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, l4);
	switch (l4) {
	case IPPROTO_ICMP:
		nfct_set_attr_u16(ct, ATTR_ICMP_ID, htons((uint16_t)(100 + n)));
		nfct_set_attr_u8(ct, ATTR_ICMP_TYPE, 8);
		nfct_set_attr_u8(ct, ATTR_ICMP_CODE, 0);
		break;
	case IPPROTO_ICMPV6:
		nfct_set_attr_u16(ct, ATTR_ICMP_ID, htons((uint16_t)(100 + n)));
		nfct_set_attr_u8(ct, ATTR_ICMP_TYPE, 128);
		nfct_set_attr_u8(ct, ATTR_ICMP_CODE, 0);
		break;
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
	case IPPROTO_GRE:
		nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons((uint16_t)(1000 + n)));
		nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(80));
		nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, htons(80));
		nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons((uint16_t)(1000 + n)));
		break;
	default:
		break;
	}
	if (l4 == IPPROTO_TCP) {
		nfct_set_attr_u8(ct, ATTR_TCP_STATE, TCP_CONNTRACK_ESTABLISHED);
		nfct_set_attr_u8(ct, ATTR_TCP_FLAGS_ORIG, 0x0a);
		nfct_set_attr_u8(ct, ATTR_TCP_MASK_ORIG, 0x0a);
	}
	if (l4 == IPPROTO_SCTP) {
		nfct_set_attr_u8(ct, ATTR_SCTP_STATE, SCTP_CONNTRACK_ESTABLISHED);
		nfct_set_attr_u32(ct, ATTR_SCTP_VTAG_ORIG, htonl(0x1234 + n));
		nfct_set_attr_u32(ct, ATTR_SCTP_VTAG_REPL, htonl(0x5678 + n));
	}
	if (l4 == IPPROTO_DCCP)
		nfct_set_attr_u8(ct, ATTR_DCCP_STATE, DCCP_CONNTRACK_OPEN);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 1000 + n);
	return ct;
}

static void make_entries(void)
{
	static const uint8_t l4s[] = {
		IPPROTO_TCP, IPPROTO_UDP, IPPROTO_UDPLITE, IPPROTO_SCTP, IPPROTO_DCCP,
		IPPROTO_GRE, 253
	};
	unsigned int n = 0;

	for (int f = 0; f < 2; f++) {
		uint8_t family = f ? AF_INET6 : AF_INET;

		for (size_t i = 0; i < sizeof(l4s); i++) {
			struct nf_conntrack *ct = flow(family, l4s[i], n++);

			/* Variety: marks, zones, status bits, NAT. */
			if (i % 2)
				nfct_set_attr_u32(ct, ATTR_MARK, 0x1000u + n);
			if (i % 3 == 1)
				nfct_set_attr_u16(ct, ATTR_ZONE, (uint16_t)(n % 7 + 1));
			if (i % 4 == 2)
				nfct_set_attr_u32(ct, ATTR_STATUS, IPS_ASSURED | IPS_SEEN_REPLY);
			if (family == AF_INET && i == 0) {
				nfct_set_attr_u32(ct, ATTR_SNAT_IPV4, ip4("203.0.113.1"));
				nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, ip4("203.0.113.1"));
				nfct_set_attr_u16(ct, ATTR_SNAT_PORT, htons(50000));
				nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(50000));
			}
			if (family == AF_INET && i == 1) {
				nfct_set_attr_u32(ct, ATTR_DNAT_IPV4, ip4("10.9.9.9"));
				nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, ip4("10.9.9.9"));
			}
			if (i == 2) {
				struct nfct_bitmask *b = nfct_bitmask_new(127);

				nfct_bitmask_set_bit(b, 0);
				nfct_bitmask_set_bit(b, 5);
				nfct_bitmask_set_bit(b, 127);
				nfct_set_attr(ct, ATTR_CONNLABELS, b);
			}
			query(NFCT_Q_CREATE, ct, false);
			nfct_destroy(ct);
		}
		struct nf_conntrack *ct = flow(family, family == AF_INET ? IPPROTO_ICMP
									 : IPPROTO_ICMPV6, n++);

		query(NFCT_Q_CREATE, ct, false);
		nfct_destroy(ct);
	}
}

/* Real traffic over the loopback: counters and timestamps, a TCP
 * connection with window scaling, UDP both ways. */
static void make_traffic(void)
{
	int ls = socket(AF_INET, SOCK_STREAM, 0), c = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(5555) };

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(ls, (struct sockaddr *)&sa, sizeof(sa)) == 0 && listen(ls, 1) == 0 &&
	    connect(c, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
		int a = accept(ls, NULL, NULL);

		if (write(c, "hello", 5) != 5 || write(a, "world!", 6) != 6)
			perror("write");
		close(a);
	}
	close(c);
	close(ls);

	for (int fam = 0; fam < 2; fam++) {
		int u = socket(fam ? AF_INET6 : AF_INET, SOCK_DGRAM, 0);

		if (fam) {
			struct sockaddr_in6 s6 = { .sin6_family = AF_INET6, .sin6_port = htons(5353) };

			s6.sin6_addr = in6addr_loopback;
			bind(u, (struct sockaddr *)&s6, sizeof(s6));
			sendto(u, "x", 1, 0, (struct sockaddr *)&s6, sizeof(s6));
		} else {
			sa.sin_port = htons(5353);
			bind(u, (struct sockaddr *)&sa, sizeof(sa));
			sendto(u, "x", 1, 0, (struct sockaddr *)&sa, sizeof(sa));
			sendto(u, "yy", 2, 0, (struct sockaddr *)&sa, sizeof(sa));
		}
		close(u);
	}
	if (test_run("ping -c 1 -W 1 127.0.0.1 >/dev/null 2>&1; ping -6 -c 1 -W 1 ::1 >/dev/null 2>&1") != 0)
		fprintf(stderr, "ping failed (no ICMP traffic entries)\n");
}

/* Masters with the ftp helper and their expectations. */
static void make_expectations(void)
{
	for (unsigned int i = 0; i < 3; i++) {
		struct nf_conntrack *m = flow(AF_INET, IPPROTO_TCP, 50 + i);

		nfct_set_attr(m, ATTR_HELPER_NAME, "ftp");
		if (i == 1)
			nfct_set_attr_u16(m, ATTR_ZONE, 3);
		if (query(NFCT_Q_CREATE, m, false) < 0) {
			nfct_destroy(m);
			continue;
		}

		struct nf_expect *exp = nfexp_new();
		struct nf_conntrack *expected = nfct_new(), *mask = nfct_new();

		nfct_set_attr_u8(expected, ATTR_L3PROTO, AF_INET);
		nfct_set_attr_u32(expected, ATTR_IPV4_SRC, nfct_get_attr_u32(m, ATTR_IPV4_SRC));
		nfct_set_attr_u32(expected, ATTR_IPV4_DST, nfct_get_attr_u32(m, ATTR_IPV4_DST));
		nfct_set_attr_u8(expected, ATTR_L4PROTO, IPPROTO_TCP);
		nfct_set_attr_u16(expected, ATTR_PORT_SRC, 0);
		nfct_set_attr_u16(expected, ATTR_PORT_DST, htons((uint16_t)(20000 + i)));
		nfct_set_attr_u8(mask, ATTR_L3PROTO, AF_INET);
		nfct_set_attr_u32(mask, ATTR_IPV4_SRC, 0xffffffff);
		nfct_set_attr_u32(mask, ATTR_IPV4_DST, 0xffffffff);
		nfct_set_attr_u8(mask, ATTR_L4PROTO, IPPROTO_TCP);
		nfct_set_attr_u16(mask, ATTR_PORT_SRC, 0);
		nfct_set_attr_u16(mask, ATTR_PORT_DST, 0xffff);
		nfexp_set_attr(exp, ATTR_EXP_MASTER, m);
		nfexp_set_attr(exp, ATTR_EXP_EXPECTED, expected);
		nfexp_set_attr(exp, ATTR_EXP_MASK, mask);
		nfexp_set_attr_u32(exp, ATTR_EXP_TIMEOUT, 200 + i);
		if (i == 2) {
			nfexp_set_attr_u32(exp, ATTR_EXP_FLAGS, NF_CT_EXPECT_PERMANENT);
			nfexp_set_attr(exp, ATTR_EXP_HELPER_NAME, "ftp");
		}
		if (i == 1)
			nfexp_set_attr_u16(exp, ATTR_EXP_ZONE, 3);
		query(NFCT_Q_CREATE, exp, true);
		nfexp_destroy(exp);
		nfct_destroy(expected);
		nfct_destroy(mask);
		nfct_destroy(m);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
		return EXIT_HARD;
	}
	outdir = argv[1];
	mkdir(outdir, 0755);
	test_enter_netns();
	test_sysctl("net.netfilter.nf_conntrack_events", "1");
	if (test_run("modprobe nf_conntrack_ftp 2>/dev/null; "
		     "nft add table ip t && "
		     "nft add chain ip t c '{ type filter hook output priority 0; }' && "
		     "nft add rule ip t c ct state new accept && "
		     "nft add rule ip t c ct label set 1 && "
		     "nft add table ip6 t && "
		     "nft add chain ip6 t c '{ type filter hook output priority 0; }' && "
		     "nft add rule ip6 t c ct state new accept") != 0)
		fprintf(stderr, "nft set-up failed: no traffic entries, no labels\n");

	events_open();
	make_entries();
	record_events(40);
	make_traffic();
	usleep(100000);
	record_events(40);
	record_dump(NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_GET, AF_UNSPEC, "dump");

	drain_events();
	make_expectations();
	record_events(20);
	record_dump(NFNL_SUBSYS_CTNETLINK_EXP, IPCTNL_MSG_EXP_GET, AF_UNSPEC, "dump");

	/* Destroy events: expectations then entries (stop timestamps). */
	uint32_t family = AF_UNSPEC;

	query(NFCT_Q_FLUSH, &family, true);
	query(NFCT_Q_FLUSH, &family, false);
	usleep(100000);
	record_events(60);
	mnl_socket_close(events);
	printf("%u files written to %s\n", file_no, outdir);
	return 0;
}
