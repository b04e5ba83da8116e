/*
 * Golden output of real kernel entries: traffic over loopback in a private
 * network namespace (TCP established and SYN_SENT, UDP, ICMP, ICMPv6, TCP
 * and UDP over IPv6, marks, a zone, a per-direction zone, destination and
 * source NAT, the ftp helper, labels set by nft rules, counters and
 * timestamps switched on by sysctl), dumped with nfct_query() and printed
 * with nfct_snprintf() and nfct_snprintf_labels() in both formats and with
 * several flags; then two destroy events (stop timestamps).
 *
 * The expected lines are written out below; only what truly varies from run
 * to run is normalised before comparing: the timeout (T), the conntrack id
 * (ID), the timestamps (TIME) and the delta time (N). Their values are
 * checked for plausibility instead. Needs no original library; runs on both
 * (check-reference proves the expectations are the original's).
 *
 * Skips (77) without root, namespaces or nft.
 */
#define _GNU_SOURCE
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <regex.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"
#include "kernel.h"
#include "../kernel/ctk.h"

#define MAX_LINES	64

static time_t t_begin;
static bool have_helper;

static void die(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, strerror(errno));
	exit(EXIT_HARD);
}

/* ---- traffic ------------------------------------------------------------ */

static int sock_bound(int family, int type, int proto, const char *addr, uint16_t port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int one = 1;
	int fd = socket(family, type | SOCK_CLOEXEC, proto);

	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		sin->sin_addr.s_addr = ctk_ip4(addr);
		len = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		sin6->sin6_addr = ctk_ip6(addr);
		len = sizeof(*sin6);
	}
	if (bind(fd, (struct sockaddr *)&ss, len) < 0)
		die("bind");
	return fd;
}

static void sock_connect(int fd, int family, const char *addr, uint16_t port)
{
	struct sockaddr_storage ss;
	socklen_t len;

	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		sin->sin_addr.s_addr = ctk_ip4(addr);
		len = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		sin6->sin6_addr = ctk_ip6(addr);
		len = sizeof(*sin6);
	}
	if (connect(fd, (struct sockaddr *)&ss, len) < 0 && errno != EINPROGRESS)
		die("connect");
}

/* A TCP handshake, no data: the sockets stay open (state ESTABLISHED).
 * The server listens on laddr:lport, which NAT may differ from dst:dport. */
static void tcp_flow(int family, const char *src, uint16_t sport, const char *dst,
		     uint16_t dport, const char *laddr, uint16_t lport)
{
	int l = sock_bound(family, SOCK_STREAM, 0, laddr, lport);
	int c, a;

	if (listen(l, 4) < 0)
		die("listen");
	c = sock_bound(family, SOCK_STREAM, 0, src, sport);
	sock_connect(c, family, dst, dport);
	a = accept(l, NULL, NULL);
	if (a < 0)
		die("accept");
	/* Left open on purpose: the entries must keep their state. */
}

/* A SYN that the ruleset drops on input: the socket is closed at once, so
 * that nothing is sent again (state SYN_SENT, unreplied). */
static void tcp_syn_only(int family, const char *src, uint16_t sport, const char *dst,
			 uint16_t dport)
{
	int c = sock_bound(family, SOCK_STREAM | SOCK_NONBLOCK, 0, src, sport);

	sock_connect(c, family, dst, dport);
	close(c);
}

/* One datagram each way. */
static void udp_flow(int family, const char *src, uint16_t sport, const char *dst,
		     uint16_t dport)
{
	int s = sock_bound(family, SOCK_DGRAM, 0, dst, dport);
	int c = sock_bound(family, SOCK_DGRAM, 0, src, sport);
	struct sockaddr_storage from;
	socklen_t flen = sizeof(from);
	char msg[32] = "golden";

	sock_connect(c, family, dst, dport);
	if (send(c, msg, 10, 0) != 10 ||
	    recvfrom(s, msg, sizeof(msg), 0, (struct sockaddr *)&from, &flen) != 10 ||
	    sendto(s, msg, 20, 0, (struct sockaddr *)&from, flen) != 20 ||
	    recv(c, msg, sizeof(msg), 0) < 0)
		die("udp exchange");
	close(s);
	close(c);
}

/* One echo request with 56 bytes of data, and its reply. */
static void ping(int family, const char *dst, uint16_t id)
{
	int proto = family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6;
	int fd = socket(family, SOCK_RAW | SOCK_CLOEXEC, proto);
	unsigned char pkt[64], in[256];
	struct timeval tv = { 2, 0 };

	if (fd < 0)
		die("raw socket");
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	memset(pkt, 0x5a, sizeof(pkt));
	if (family == AF_INET) {
		struct icmphdr *h = (struct icmphdr *)pkt;
		uint32_t sum = 0;

		h->type = ICMP_ECHO;
		h->code = 0;
		h->checksum = 0;
		h->un.echo.id = htons(id);
		h->un.echo.sequence = htons(1);
		for (size_t i = 0; i < sizeof(pkt); i += 2)
			sum += (uint32_t)(pkt[i] << 8 | pkt[i + 1]);
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		h->checksum = htons((uint16_t)~sum);
	} else {
		struct icmp6_hdr *h = (struct icmp6_hdr *)pkt;

		/* The kernel computes ICMPv6 checksums of raw sockets. */
		h->icmp6_type = ICMP6_ECHO_REQUEST;
		h->icmp6_code = 0;
		h->icmp6_cksum = 0;
		h->icmp6_id = htons(id);
		h->icmp6_seq = htons(1);
	}
	sock_connect(fd, family, dst, 0);
	if (send(fd, pkt, sizeof(pkt), 0) != (ssize_t)sizeof(pkt))
		die("ping");
	/* Wait for the reply (the request itself may come back first). */
	for (;;) {
		ssize_t n = recv(fd, in, sizeof(in), 0);

		if (n < 0)
			die("ping reply");
		if (family == AF_INET && n >= 28 && in[(in[0] & 0xf) * 4] == ICMP_ECHOREPLY)
			break;
		if (family == AF_INET6 && n >= 8 && in[0] == ICMP6_ECHO_REPLY)
			break;
	}
	close(fd);
}

static const char ruleset[] =
	"table inet golden {\n"
	"	chain raw_out {\n"
	"		type filter hook output priority raw;\n"
	"		tcp dport 7003 ct zone set 7\n"
	"		tcp sport 7003 ct zone set 7\n"
	"		tcp dport 7008 ct original zone set 8\n"
	"	}\n"
	"	chain out {\n"
	"		type filter hook output priority filter;\n"
	"		ct state new tcp dport 7001 ct mark set 0x2a\n"
	"		ct state new tcp dport 7006 ct mark set 0xffffffff\n"
	"		udp dport 7004 ct label set 5\n"
	"		udp dport 7004 ct label set 70\n"
	"		tcp dport 7006 ct label set 127\n"
	"		ct state new accept\n"
	"	}\n"
	"	chain in {\n"
	"		type filter hook input priority filter;\n"
	"		tcp dport 7002 drop\n"
	"	}\n"
	"	chain nat_out {\n"
	"		type nat hook output priority -100;\n"
	"		ip daddr 127.0.0.5 tcp dport 7005 dnat ip to 127.0.0.1:7105\n"
	"	}\n"
	"	chain nat_post {\n"
	"		type nat hook postrouting priority 100;\n"
	"		ip daddr 127.0.0.6 tcp dport 7009 snat ip to 127.0.0.2\n"
	"	}\n"
	"}\n";

static const char helper_ruleset[] =
	"table inet golden_helper {\n"
	"	ct helper ftp-std { type \"ftp\" protocol tcp; }\n"
	"	chain out {\n"
	"		type filter hook output priority filter;\n"
	"		tcp dport 7021 ct helper set \"ftp-std\"\n"
	"	}\n"
	"}\n";

static int nft_load(const char *rules)
{
	char path[] = "/tmp/nfct-golden-nft.XXXXXX";
	int fd = mkstemp(path), ret;

	if (fd < 0 || write(fd, rules, strlen(rules)) != (ssize_t)strlen(rules))
		die("nft file");
	close(fd);
	ret = test_run("nft -f %s 2>&1", path);
	unlink(path);
	return ret;
}

static void make_traffic(void)
{
	if (test_run("nft --version >/dev/null 2>&1") != 0) {
		printf("SKIP: nft is not installed\n");
		exit(EXIT_SKIP);
	}
	if (nft_load(ruleset) != 0) {
		printf("SKIP: the kernel refused the nft ruleset\n");
		exit(EXIT_SKIP);
	}
	have_helper = nft_load(helper_ruleset) == 0;
	if (!have_helper)
		printf("NOTE: no ftp helper in this kernel: its entry is not checked\n");

	t_begin = time(NULL);
	tcp_flow(AF_INET, "127.0.0.1", 40001, "127.0.0.1", 7001, "127.0.0.1", 7001);
	tcp_syn_only(AF_INET, "127.0.0.1", 40002, "127.0.0.1", 7002);
	tcp_flow(AF_INET, "127.0.0.1", 40003, "127.0.0.1", 7003, "127.0.0.1", 7003);
	udp_flow(AF_INET, "127.0.0.1", 40004, "127.0.0.1", 7004);
	tcp_flow(AF_INET, "127.0.0.1", 40005, "127.0.0.5", 7005, "127.0.0.1", 7105);
	tcp_flow(AF_INET6, "::1", 40006, "::1", 7006, "::1", 7006);
	udp_flow(AF_INET6, "::1", 40007, "::1", 7007);
	tcp_flow(AF_INET, "127.0.0.1", 40008, "127.0.0.1", 7008, "127.0.0.1", 7008);
	ping(AF_INET, "127.0.0.1", 0x1234);
	ping(AF_INET6, "::1", 0x4321);
	tcp_flow(AF_INET, "127.0.0.1", 40009, "127.0.0.6", 7009, "127.0.0.6", 7009);
	if (have_helper)
		tcp_flow(AF_INET, "127.0.0.1", 40021, "127.0.0.1", 7021, "127.0.0.1", 7021);
}

/* ---- normalising ---------------------------------------------------------- */

struct rule {
	const char *re;		/* extended regular expression */
	const char *to;		/* replacement; "\1" is the first group */
};

static const struct rule rules[] = {
	/* The timeout, after the protocol numbers (plain format). */
	{ "^( *\\[[A-Z]+\\] )?((ipv[46] +[0-9]+ )?[a-z0-9]+ +[0-9]+ )[0-9]+ ", "\\1\\2T ", },
	{ "<timeout>[0-9]+</timeout>", "<timeout>T</timeout>", },
	/* The conntrack id of the plain format: see normalise_id(). */
	{ "<id>[0-9]+</id>", "<id>ID</id>", },
	{ "\\[(start|stop)=[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] "
	  "[0-2][0-9]:[0-5][0-9]:[0-6][0-9] [0-9]{4}\\]", "[\\1=TIME]", },
	{ "<(start|stop)>[0-9]+</(start|stop)>", "<\\1>TIME</\\1>", },
	{ "delta-time=[0-9]+", "delta-time=N", },
	{ "<deltatime>[0-9]+</deltatime>", "<deltatime>N</deltatime>", },
	{ "<when>.*</when>", "<when>NOW</when>", },
};

#define NRULES	(sizeof(rules) / sizeof(rules[0]))

static regex_t rules_rx[NRULES];

static void rules_init(void)
{
	for (size_t i = 0; i < NRULES; i++)
		if (regcomp(&rules_rx[i], rules[i].re, REG_EXTENDED) != 0) {
			fprintf(stderr, "bad expression %s\n", rules[i].re);
			exit(EXIT_HARD);
		}
}

/* Applies one rule everywhere in s (in place, s holds size bytes). */
static void apply(const struct rule *r, regex_t *rx, char *s, size_t size)
{
	size_t pos = 0;
	regmatch_t m[4];

	while (pos < strlen(s) && regexec(rx, s + pos, 4, m, pos ? REG_NOTBOL : 0) == 0) {
		char out[8192], *o = out;
		size_t tail;

		for (const char *t = r->to; *t; t++) {
			if (t[0] == '\\' && t[1] >= '1' && t[1] <= '3') {
				int g = t[1] - '0';

				t++;
				if (m[g].rm_so < 0)
					continue;
				memcpy(o, s + pos + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
				o += m[g].rm_eo - m[g].rm_so;
			} else {
				*o++ = *t;
			}
		}
		tail = strlen(s + pos + m[0].rm_eo);
		if (pos + (size_t)m[0].rm_so + (size_t)(o - out) + tail >= size)
			break;
		memmove(s + pos + m[0].rm_so + (o - out), s + pos + m[0].rm_eo, tail + 1);
		memcpy(s + pos + m[0].rm_so, out, (size_t)(o - out));
		pos += (size_t)m[0].rm_so + (size_t)(o - out);
		if (m[0].rm_eo == 0)
			pos++;
	}
}

static void normalise(char *s, size_t size)
{
	for (size_t i = 0; i < NRULES; i++)
		apply(&rules[i], &rules_rx[i], s, size);
}

/* The plain format's " id=<conntrack id>" becomes " id=ID"; the ICMP ids
 * of the tuples (fixed by the test, unlike the conntrack id) stay. */
static void normalise_id(char *s, uint32_t id)
{
	char pat[32];
	size_t n = (size_t)snprintf(pat, sizeof(pat), " id=%u", id);

	for (char *p = strstr(s, pat); p != NULL; p = strstr(p, pat)) {
		if (p[n] != ' ' && p[n] != '\0') {
			p += n;
			continue;
		}
		memmove(p + 6, p + n, strlen(p + n) + 1);
		memcpy(p, " id=ID", 6);
		p += 6;
	}
}

/* ---- dumping and printing ------------------------------------------------- */

struct dump {
	int type;		/* message type to print with; -1: the callback's */
	unsigned int fmt, flags;
	struct nfct_labelmap *map;
	char *lines[MAX_LINES];
	unsigned int n;
};

/* The varying values, checked for plausibility. */
static void check_values(const struct nf_conntrack *ct, bool event)
{
	time_t now = time(NULL);
	uint64_t start = 0, stop;

	CHECK(event || nfct_attr_is_set(ct, ATTR_TIMEOUT));
	if (nfct_attr_is_set(ct, ATTR_TIMEOUT))
		CHECK(nfct_get_attr_u32(ct, ATTR_TIMEOUT) <= 432000);
	CHECK(nfct_attr_is_set(ct, ATTR_ID));
	CHECK(event || nfct_attr_is_set(ct, ATTR_USE));
	CHECK(nfct_attr_is_set(ct, ATTR_TIMESTAMP_START));
	if (nfct_attr_is_set(ct, ATTR_TIMESTAMP_START)) {
		start = nfct_get_attr_u64(ct, ATTR_TIMESTAMP_START) / 1000000000;
		CHECK_MSG(start + 2 >= (uint64_t)t_begin && start <= (uint64_t)now + 2,
			  "start timestamp %llu outside [%lld, %lld]",
			  (unsigned long long)start, (long long)t_begin, (long long)now);
	}
	CHECK(event == nfct_attr_is_set(ct, ATTR_TIMESTAMP_STOP));
	if (nfct_attr_is_set(ct, ATTR_TIMESTAMP_STOP)) {
		stop = nfct_get_attr_u64(ct, ATTR_TIMESTAMP_STOP) / 1000000000;
		CHECK_MSG(stop >= start && stop <= (uint64_t)now + 2,
			  "stop timestamp %llu outside [%llu, %lld]", (unsigned long long)stop,
			  (unsigned long long)start, (long long)now);
	}
}

static int dump_cb(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct dump *d = data;
	char buf[8192];
	bool event = type == NFCT_T_DESTROY;
	int r;

	if (d->type >= 0)
		type = (enum nf_conntrack_msg_type)d->type;
	if (d->map != NULL)
		r = nfct_snprintf_labels(buf, sizeof(buf), ct, type, d->fmt, d->flags, d->map);
	else
		r = nfct_snprintf(buf, sizeof(buf), ct, type, d->fmt, d->flags);
	CHECK_MSG(r > 0 && (size_t)r == strlen(buf), "nfct_snprintf returned %d for \"%s\"",
		  r, buf);
	check_values(ct, event);
	normalise(buf, sizeof(buf));
	if (nfct_attr_is_set(ct, ATTR_ID))
		normalise_id(buf, nfct_get_attr_u32(ct, ATTR_ID));
	if (d->n < MAX_LINES)
		d->lines[d->n++] = strdup(buf);
	return NFCT_CB_CONTINUE;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Dumps the table, prints every entry, and compares the sorted, normalised
 * lines with want (NULL-terminated, any order). Lines mentioning port 7021
 * (the helper's entry) are dropped when the kernel has no ftp helper. */
static void compare(const char *name, struct dump *d, const char *const *want)
{
	const char *w[MAX_LINES];
	unsigned int nw = 0;
	bool same;

	for (; *want != NULL && nw < MAX_LINES; want++)
		if (have_helper || strstr(*want, "7021") == NULL)
			w[nw++] = *want;
	qsort(w, nw, sizeof(w[0]), cmp_str);
	qsort(d->lines, d->n, sizeof(d->lines[0]), cmp_str);
	same = d->n == nw;
	for (unsigned int i = 0; same && i < nw; i++)
		same = strcmp(w[i], d->lines[i]) == 0;
	CHECK_MSG(same, "%s: printed differently", name);
	if (!same || getenv("NFCT_GOLDEN_SHOW") != NULL) {
		printf("--- %s: want %u lines\n", name, nw);
		for (unsigned int i = 0; i < nw; i++)
			printf("%s\"%s\",\n", i < d->n && strcmp(w[i], d->lines[i]) == 0 ? "  " : "- ",
			       w[i]);
		printf("--- %s: got %u lines\n", name, d->n);
		for (unsigned int i = 0; i < d->n; i++)
			printf("%s\"%s\",\n", i < nw && strcmp(w[i], d->lines[i]) == 0 ? "  " : "+ ",
			       d->lines[i]);
	}
	for (unsigned int i = 0; i < d->n; i++)
		free(d->lines[i]);
	d->n = 0;
}

static void check_dump(const char *name, int type, unsigned int fmt, unsigned int flags,
		       struct nfct_labelmap *map, const char *const *want)
{
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);
	struct dump d = { .type = type, .fmt = fmt, .flags = flags, .map = map };
	unsigned int family = AF_UNSPEC;

	if (h == NULL)
		die("nfct_open");
	nfct_callback_register(h, NFCT_T_ALL, dump_cb, &d);
	CHECK_INT(nfct_query(h, NFCT_Q_DUMP, &family), 0);
	nfct_close(h);
	compare(name, &d, want);
}

/* Deletes the entry of the flow sport -> dport (IPv4, loopback) and
 * prints the destroy event the kernel sends, in both formats. */
static void check_destroy(const char *name, uint8_t l4, uint16_t sport, uint16_t dport,
			  struct nfct_labelmap *map, const char *const *want)
{
	struct nfct_handle *ev = nfct_open(CONNTRACK, NF_NETLINK_CONNTRACK_DESTROY);
	struct nf_conntrack *ct = ctk_flow4(l4, "127.0.0.1", "127.0.0.1", sport, dport, 0);
	struct dump d = { .type = -1, .map = map };
	struct timeval tv = { 5, 0 };
	char buf[65536];
	ssize_t n;

	if (ev == NULL)
		die("nfct_open events");
	setsockopt(nfct_fd(ev), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	nfct_attr_unset(ct, ATTR_TIMEOUT);
	nfct_attr_unset(ct, ATTR_TCP_STATE);
	CHECK_INT(ctk_query(NFCT_Q_DESTROY, ct), 0);
	nfct_destroy(ct);

	/* One message; parsed here so that every format prints the same one. */
	n = recv(nfct_fd(ev), buf, sizeof(buf), 0);
	CHECK_MSG(n > 0, "%s: no destroy event (%s)", name, strerror(errno));
	if (n > 0) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
		struct nf_conntrack *e = nfct_new();

		CHECK_INT(nfct_nlmsg_parse(nlh, e), 0);
		for (unsigned int fmt = 0; fmt < 2; fmt++) {
			d.fmt = fmt;
			d.flags = NFCT_OF_SHOW_LAYER3 | NFCT_OF_ID | NFCT_OF_TIMESTAMP;
			dump_cb(NFCT_T_DESTROY, e, &d);
			d.flags = 0;
			d.type = NFCT_T_UNKNOWN;
			dump_cb(NFCT_T_DESTROY, e, &d);
			d.type = -1;
		}
		nfct_destroy(e);
	}
	nfct_close(ev);
	compare(name, &d, want);
}

/* ---- expectations --------------------------------------------------------- */

/*
 * Sorted, normalised. Worth knowing when reading them: the handshakes count
 * SYN and ACK (60 + 52 bytes over IPv4, 80 + 72 over IPv6) and the SYN-ACK;
 * the UDP datagrams carry 10 and 20 bytes; the pings 56. Without a label map
 * labels are not printed; with one, only named bits are (the IPv6 flow's bit
 * 127 has no name). Destroy events carry no use count, no labels, and a mark
 * only when it is not 0.
 */
static const char *const want_list[] = {
	"icmp     1 T src=127.0.0.1 dst=127.0.0.1 type=8 code=0 id=4660 packets=1 bytes=84 "
	"src=127.0.0.1 dst=127.0.0.1 type=0 code=0 id=4660 packets=1 bytes=84 mark=0 "
	"delta-time=N use=1",
	"icmpv6   58 T src=::1 dst=::1 type=128 code=0 id=17185 packets=1 bytes=104 src=::1 "
	"dst=::1 type=129 code=0 id=17185 packets=1 bytes=104 mark=0 delta-time=N use=1",
	"tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.1 sport=40001 dport=7001 "
	"packets=2 bytes=112 src=127.0.0.1 dst=127.0.0.1 sport=7001 dport=40001 packets=1 "
	"bytes=60 [ASSURED] mark=42 delta-time=N use=1",
	"tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.1 sport=40003 dport=7003 "
	"packets=2 bytes=112 src=127.0.0.1 dst=127.0.0.1 sport=7003 dport=40003 packets=1 "
	"bytes=60 [ASSURED] mark=0 zone=7 delta-time=N use=1",
	"tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.1 sport=40008 dport=7008 "
	"zone-orig=8 packets=2 bytes=112 src=127.0.0.1 dst=127.0.0.1 sport=7008 dport=40008 "
	"packets=1 bytes=60 [ASSURED] mark=0 delta-time=N use=1",
	"tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.1 sport=40021 dport=7021 "
	"packets=2 bytes=112 src=127.0.0.1 dst=127.0.0.1 sport=7021 dport=40021 packets=1 "
	"bytes=60 [ASSURED] mark=0 delta-time=N helper=ftp use=1",
	"tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.5 sport=40005 dport=7005 "
	"packets=2 bytes=112 src=127.0.0.1 dst=127.0.0.1 sport=7105 dport=40005 packets=1 "
	"bytes=60 [ASSURED] mark=0 delta-time=N use=1",
	"tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.6 sport=40009 dport=7009 "
	"packets=2 bytes=112 src=127.0.0.6 dst=127.0.0.2 sport=7009 dport=40009 packets=1 "
	"bytes=60 [ASSURED] mark=0 delta-time=N use=1",
	"tcp      6 T ESTABLISHED src=::1 dst=::1 sport=40006 dport=7006 packets=2 bytes=152 "
	"src=::1 dst=::1 sport=7006 dport=40006 packets=1 bytes=80 [ASSURED] mark=4294967295 "
	"delta-time=N use=1",
	"tcp      6 T SYN_SENT src=127.0.0.1 dst=127.0.0.1 sport=40002 dport=7002 packets=1 "
	"bytes=60 [UNREPLIED] src=127.0.0.1 dst=127.0.0.1 sport=7002 dport=40002 packets=0 "
	"bytes=0 mark=0 delta-time=N use=1",
	"udp      17 T src=127.0.0.1 dst=127.0.0.1 sport=40004 dport=7004 packets=1 bytes=38 "
	"src=127.0.0.1 dst=127.0.0.1 sport=7004 dport=40004 packets=1 bytes=48 mark=0 "
	"delta-time=N use=1",
	"udp      17 T src=::1 dst=::1 sport=40007 dport=7007 packets=1 bytes=58 src=::1 "
	"dst=::1 sport=7007 dport=40007 packets=1 bytes=68 mark=0 delta-time=N use=1",
	NULL,
};

static const char *const want_all[] = {
	" [UPDATE] ipv4     2 icmp     1 T src=127.0.0.1 dst=127.0.0.1 type=8 code=0 id=4660 "
	"packets=1 bytes=84 src=127.0.0.1 dst=127.0.0.1 type=0 code=0 id=4660 packets=1 "
	"bytes=84 mark=0 delta-time=N [start=TIME] use=1 id=ID",
	" [UPDATE] ipv4     2 tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.1 "
	"sport=40001 dport=7001 packets=2 bytes=112 src=127.0.0.1 dst=127.0.0.1 sport=7001 "
	"dport=40001 packets=1 bytes=60 [ASSURED] mark=42 delta-time=N [start=TIME] use=1 "
	"id=ID",
	" [UPDATE] ipv4     2 tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.1 "
	"sport=40003 dport=7003 packets=2 bytes=112 src=127.0.0.1 dst=127.0.0.1 sport=7003 "
	"dport=40003 packets=1 bytes=60 [ASSURED] mark=0 zone=7 delta-time=N [start=TIME] "
	"use=1 id=ID",
	" [UPDATE] ipv4     2 tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.1 "
	"sport=40008 dport=7008 zone-orig=8 packets=2 bytes=112 src=127.0.0.1 dst=127.0.0.1 "
	"sport=7008 dport=40008 packets=1 bytes=60 [ASSURED] mark=0 delta-time=N "
	"[start=TIME] use=1 id=ID",
	" [UPDATE] ipv4     2 tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.1 "
	"sport=40021 dport=7021 packets=2 bytes=112 src=127.0.0.1 dst=127.0.0.1 sport=7021 "
	"dport=40021 packets=1 bytes=60 [ASSURED] mark=0 delta-time=N [start=TIME] "
	"helper=ftp use=1 id=ID",
	" [UPDATE] ipv4     2 tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.5 "
	"sport=40005 dport=7005 packets=2 bytes=112 src=127.0.0.1 dst=127.0.0.1 sport=7105 "
	"dport=40005 packets=1 bytes=60 [ASSURED] mark=0 delta-time=N [start=TIME] use=1 "
	"id=ID",
	" [UPDATE] ipv4     2 tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.6 "
	"sport=40009 dport=7009 packets=2 bytes=112 src=127.0.0.6 dst=127.0.0.2 sport=7009 "
	"dport=40009 packets=1 bytes=60 [ASSURED] mark=0 delta-time=N [start=TIME] use=1 "
	"id=ID",
	" [UPDATE] ipv4     2 tcp      6 T SYN_SENT src=127.0.0.1 dst=127.0.0.1 sport=40002 "
	"dport=7002 packets=1 bytes=60 [UNREPLIED] src=127.0.0.1 dst=127.0.0.1 sport=7002 "
	"dport=40002 packets=0 bytes=0 mark=0 delta-time=N [start=TIME] use=1 id=ID",
	" [UPDATE] ipv4     2 udp      17 T src=127.0.0.1 dst=127.0.0.1 sport=40004 "
	"dport=7004 packets=1 bytes=38 src=127.0.0.1 dst=127.0.0.1 sport=7004 dport=40004 "
	"packets=1 bytes=48 mark=0 delta-time=N [start=TIME] use=1 id=ID labels=five,seventy",
	" [UPDATE] ipv6     10 icmpv6   58 T src=::1 dst=::1 type=128 code=0 id=17185 "
	"packets=1 bytes=104 src=::1 dst=::1 type=129 code=0 id=17185 packets=1 bytes=104 "
	"mark=0 delta-time=N [start=TIME] use=1 id=ID",
	" [UPDATE] ipv6     10 tcp      6 T ESTABLISHED src=::1 dst=::1 sport=40006 "
	"dport=7006 packets=2 bytes=152 src=::1 dst=::1 sport=7006 dport=40006 packets=1 "
	"bytes=80 [ASSURED] mark=4294967295 delta-time=N [start=TIME] use=1 id=ID labels",
	" [UPDATE] ipv6     10 udp      17 T src=::1 dst=::1 sport=40007 dport=7007 "
	"packets=1 bytes=58 src=::1 dst=::1 sport=7007 dport=40007 packets=1 bytes=68 mark=0 "
	"delta-time=N [start=TIME] use=1 id=ID",
	NULL,
};

static const char *const want_xml[] = {
	"<flow type=\"update\"><meta direction=\"original\"><layer3 protonum=\"10\" "
	"protoname=\"ipv6\"><src>::1</src><dst>::1</dst></layer3><layer4 protonum=\"17\" "
	"protoname=\"udp\"><sport>40007</sport><dport>7007</dport></layer4><counters>"
	"<packets>1</packets><bytes>58</bytes></counters></meta><meta direction=\"reply\">"
	"<layer3 protonum=\"10\" protoname=\"ipv6\"><src>::1</src><dst>::1</dst></layer3>"
	"<layer4 protonum=\"17\" protoname=\"udp\"><sport>7007</sport><dport>40007</dport>"
	"</layer4><counters><packets>1</packets><bytes>68</bytes></counters></meta><meta "
	"direction=\"independent\"><timeout>T</timeout><mark>0</mark><use>1</use><id>ID</id>"
	"<timestamp><start>TIME</start></timestamp><deltatime>N</deltatime></meta><when>"
	"NOW</when></flow>",
	"<flow type=\"update\"><meta direction=\"original\"><layer3 protonum=\"10\" "
	"protoname=\"ipv6\"><src>::1</src><dst>::1</dst></layer3><layer4 protonum=\"58\" "
	"protoname=\"icmpv6\"></layer4><counters><packets>1</packets><bytes>104</bytes>"
	"</counters></meta><meta direction=\"reply\"><layer3 protonum=\"10\" "
	"protoname=\"ipv6\"><src>::1</src><dst>::1</dst></layer3><layer4 protonum=\"58\" "
	"protoname=\"icmpv6\"></layer4><counters><packets>1</packets><bytes>104</bytes>"
	"</counters></meta><meta direction=\"independent\"><timeout>T</timeout><mark>0</mark>"
	"<use>1</use><id>ID</id><timestamp><start>TIME</start></timestamp><deltatime>"
	"N</deltatime></meta><when>NOW</when></flow>",
	"<flow type=\"update\"><meta direction=\"original\"><layer3 protonum=\"10\" "
	"protoname=\"ipv6\"><src>::1</src><dst>::1</dst></layer3><layer4 protonum=\"6\" "
	"protoname=\"tcp\"><sport>40006</sport><dport>7006</dport></layer4><counters>"
	"<packets>2</packets><bytes>152</bytes></counters></meta><meta direction=\"reply\">"
	"<layer3 protonum=\"10\" protoname=\"ipv6\"><src>::1</src><dst>::1</dst></layer3>"
	"<layer4 protonum=\"6\" protoname=\"tcp\"><sport>7006</sport><dport>40006</dport>"
	"</layer4><counters><packets>1</packets><bytes>80</bytes></counters></meta><meta "
	"direction=\"independent\"><state>ESTABLISHED</state><timeout>T</timeout><mark>"
	"4294967295</mark><labels></labels><use>1</use><id>ID</id><assured/><timestamp>"
	"<start>TIME</start></timestamp><deltatime>N</deltatime></meta><when>NOW</when>"
	"</flow>",
	"<flow type=\"update\"><meta direction=\"original\"><layer3 protonum=\"2\" "
	"protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.1</dst></layer3><layer4 "
	"protonum=\"1\" protoname=\"icmp\"></layer4><counters><packets>1</packets><bytes>"
	"84</bytes></counters></meta><meta direction=\"reply\"><layer3 protonum=\"2\" "
	"protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.1</dst></layer3><layer4 "
	"protonum=\"1\" protoname=\"icmp\"></layer4><counters><packets>1</packets><bytes>"
	"84</bytes></counters></meta><meta direction=\"independent\"><timeout>T</timeout>"
	"<mark>0</mark><use>1</use><id>ID</id><timestamp><start>TIME</start></timestamp>"
	"<deltatime>N</deltatime></meta><when>NOW</when></flow>",
	"<flow type=\"update\"><meta direction=\"original\"><layer3 protonum=\"2\" "
	"protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.1</dst></layer3><layer4 "
	"protonum=\"17\" protoname=\"udp\"><sport>40004</sport><dport>7004</dport></layer4>"
	"<counters><packets>1</packets><bytes>38</bytes></counters></meta><meta "
	"direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>127.0.0.1</src>"
	"<dst>127.0.0.1</dst></layer3><layer4 protonum=\"17\" protoname=\"udp\"><sport>"
	"7004</sport><dport>40004</dport></layer4><counters><packets>1</packets><bytes>"
	"48</bytes></counters></meta><meta direction=\"independent\"><timeout>T</timeout>"
	"<mark>0</mark><labels><label>five</label><label>seventy</label></labels><use>1</use>"
	"<id>ID</id><timestamp><start>TIME</start></timestamp><deltatime>N</deltatime></meta>"
	"<when>NOW</when></flow>",
	"<flow type=\"update\"><meta direction=\"original\"><layer3 protonum=\"2\" "
	"protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.1</dst></layer3><layer4 "
	"protonum=\"6\" protoname=\"tcp\"><sport>40001</sport><dport>7001</dport></layer4>"
	"<counters><packets>2</packets><bytes>112</bytes></counters></meta><meta "
	"direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>127.0.0.1</src>"
	"<dst>127.0.0.1</dst></layer3><layer4 protonum=\"6\" protoname=\"tcp\"><sport>"
	"7001</sport><dport>40001</dport></layer4><counters><packets>1</packets><bytes>"
	"60</bytes></counters></meta><meta direction=\"independent\"><state>"
	"ESTABLISHED</state><timeout>T</timeout><mark>42</mark><use>1</use><id>ID</id>"
	"<assured/><timestamp><start>TIME</start></timestamp><deltatime>N</deltatime></meta>"
	"<when>NOW</when></flow>",
	"<flow type=\"update\"><meta direction=\"original\"><layer3 protonum=\"2\" "
	"protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.1</dst></layer3><layer4 "
	"protonum=\"6\" protoname=\"tcp\"><sport>40002</sport><dport>7002</dport></layer4>"
	"<counters><packets>1</packets><bytes>60</bytes></counters></meta><meta "
	"direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>127.0.0.1</src>"
	"<dst>127.0.0.1</dst></layer3><layer4 protonum=\"6\" protoname=\"tcp\"><sport>"
	"7002</sport><dport>40002</dport></layer4><counters><packets>0</packets><bytes>"
	"0</bytes></counters></meta><meta direction=\"independent\"><state>SYN_SENT</state>"
	"<timeout>T</timeout><mark>0</mark><use>1</use><id>ID</id><unreplied/><timestamp>"
	"<start>TIME</start></timestamp><deltatime>N</deltatime></meta><when>NOW</when>"
	"</flow>",
	"<flow type=\"update\"><meta direction=\"original\"><layer3 protonum=\"2\" "
	"protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.1</dst></layer3><layer4 "
	"protonum=\"6\" protoname=\"tcp\"><sport>40003</sport><dport>7003</dport></layer4>"
	"<counters><packets>2</packets><bytes>112</bytes></counters></meta><meta "
	"direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>127.0.0.1</src>"
	"<dst>127.0.0.1</dst></layer3><layer4 protonum=\"6\" protoname=\"tcp\"><sport>"
	"7003</sport><dport>40003</dport></layer4><counters><packets>1</packets><bytes>"
	"60</bytes></counters></meta><meta direction=\"independent\"><state>"
	"ESTABLISHED</state><timeout>T</timeout><mark>0</mark><zone>7</zone><use>1</use><id>"
	"ID</id><assured/><timestamp><start>TIME</start></timestamp><deltatime>N</deltatime>"
	"</meta><when>NOW</when></flow>",
	"<flow type=\"update\"><meta direction=\"original\"><layer3 protonum=\"2\" "
	"protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.1</dst></layer3><layer4 "
	"protonum=\"6\" protoname=\"tcp\"><sport>40008</sport><dport>7008</dport></layer4>"
	"<zone>8</zone><counters><packets>2</packets><bytes>112</bytes></counters></meta>"
	"<meta direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>"
	"127.0.0.1</src><dst>127.0.0.1</dst></layer3><layer4 protonum=\"6\" "
	"protoname=\"tcp\"><sport>7008</sport><dport>40008</dport></layer4><counters>"
	"<packets>1</packets><bytes>60</bytes></counters></meta><meta "
	"direction=\"independent\"><state>ESTABLISHED</state><timeout>T</timeout><mark>"
	"0</mark><use>1</use><id>ID</id><assured/><timestamp><start>TIME</start></timestamp>"
	"<deltatime>N</deltatime></meta><when>NOW</when></flow>",
	"<flow type=\"update\"><meta direction=\"original\"><layer3 protonum=\"2\" "
	"protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.1</dst></layer3><layer4 "
	"protonum=\"6\" protoname=\"tcp\"><sport>40021</sport><dport>7021</dport></layer4>"
	"<counters><packets>2</packets><bytes>112</bytes></counters></meta><meta "
	"direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>127.0.0.1</src>"
	"<dst>127.0.0.1</dst></layer3><layer4 protonum=\"6\" protoname=\"tcp\"><sport>"
	"7021</sport><dport>40021</dport></layer4><counters><packets>1</packets><bytes>"
	"60</bytes></counters></meta><meta direction=\"independent\"><state>"
	"ESTABLISHED</state><timeout>T</timeout><mark>0</mark><use>1</use><id>ID</id>"
	"<assured/><timestamp><start>TIME</start></timestamp><deltatime>N</deltatime></meta>"
	"<when>NOW</when><helper>ftp</helper></flow>",
	"<flow type=\"update\"><meta direction=\"original\"><layer3 protonum=\"2\" "
	"protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.5</dst></layer3><layer4 "
	"protonum=\"6\" protoname=\"tcp\"><sport>40005</sport><dport>7005</dport></layer4>"
	"<counters><packets>2</packets><bytes>112</bytes></counters></meta><meta "
	"direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>127.0.0.1</src>"
	"<dst>127.0.0.1</dst></layer3><layer4 protonum=\"6\" protoname=\"tcp\"><sport>"
	"7105</sport><dport>40005</dport></layer4><counters><packets>1</packets><bytes>"
	"60</bytes></counters></meta><meta direction=\"independent\"><state>"
	"ESTABLISHED</state><timeout>T</timeout><mark>0</mark><use>1</use><id>ID</id>"
	"<assured/><timestamp><start>TIME</start></timestamp><deltatime>N</deltatime></meta>"
	"<when>NOW</when></flow>",
	"<flow type=\"update\"><meta direction=\"original\"><layer3 protonum=\"2\" "
	"protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.6</dst></layer3><layer4 "
	"protonum=\"6\" protoname=\"tcp\"><sport>40009</sport><dport>7009</dport></layer4>"
	"<counters><packets>2</packets><bytes>112</bytes></counters></meta><meta "
	"direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>127.0.0.6</src>"
	"<dst>127.0.0.2</dst></layer3><layer4 protonum=\"6\" protoname=\"tcp\"><sport>"
	"7009</sport><dport>40009</dport></layer4><counters><packets>1</packets><bytes>"
	"60</bytes></counters></meta><meta direction=\"independent\"><state>"
	"ESTABLISHED</state><timeout>T</timeout><mark>0</mark><use>1</use><id>ID</id>"
	"<assured/><timestamp><start>TIME</start></timestamp><deltatime>N</deltatime></meta>"
	"<when>NOW</when></flow>",
	NULL,
};

static const char *const want_destroy_tcp[] = {
	"<flow type=\"destroy\"><meta direction=\"original\"><layer3 protonum=\"2\" "
	"protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.1</dst></layer3><layer4 "
	"protonum=\"6\" protoname=\"tcp\"><sport>40001</sport><dport>7001</dport></layer4>"
	"<counters><packets>2</packets><bytes>112</bytes></counters></meta><meta "
	"direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>127.0.0.1</src>"
	"<dst>127.0.0.1</dst></layer3><layer4 protonum=\"6\" protoname=\"tcp\"><sport>"
	"7001</sport><dport>40001</dport></layer4><counters><packets>1</packets><bytes>"
	"60</bytes></counters></meta><meta direction=\"independent\"><state>"
	"ESTABLISHED</state><timeout>T</timeout><mark>42</mark><id>ID</id><assured/>"
	"<timestamp><start>TIME</start><stop>TIME</stop></timestamp><deltatime>N</deltatime>"
	"</meta></flow>",
	"<flow><meta direction=\"original\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>"
	"127.0.0.1</src><dst>127.0.0.1</dst></layer3><layer4 protonum=\"6\" "
	"protoname=\"tcp\"><sport>40001</sport><dport>7001</dport></layer4><counters>"
	"<packets>2</packets><bytes>112</bytes></counters></meta><meta direction=\"reply\">"
	"<layer3 protonum=\"2\" protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.1</dst>"
	"</layer3><layer4 protonum=\"6\" protoname=\"tcp\"><sport>7001</sport><dport>"
	"40001</dport></layer4><counters><packets>1</packets><bytes>60</bytes></counters>"
	"</meta><meta direction=\"independent\"><state>ESTABLISHED</state><timeout>"
	"T</timeout><mark>42</mark><id>ID</id><assured/><deltatime>N</deltatime></meta>"
	"</flow>",
	"[DESTROY] ipv4     2 tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.1 "
	"sport=40001 dport=7001 packets=2 bytes=112 src=127.0.0.1 dst=127.0.0.1 sport=7001 "
	"dport=40001 packets=1 bytes=60 [ASSURED] mark=42 delta-time=N [start=TIME] "
	"[stop=TIME] id=ID",
	"tcp      6 T ESTABLISHED src=127.0.0.1 dst=127.0.0.1 sport=40001 dport=7001 "
	"packets=2 bytes=112 src=127.0.0.1 dst=127.0.0.1 sport=7001 dport=40001 packets=1 "
	"bytes=60 [ASSURED] mark=42 delta-time=N",
	NULL,
};

static const char *const want_destroy_udp[] = {
	"<flow type=\"destroy\"><meta direction=\"original\"><layer3 protonum=\"2\" "
	"protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.1</dst></layer3><layer4 "
	"protonum=\"17\" protoname=\"udp\"><sport>40004</sport><dport>7004</dport></layer4>"
	"<counters><packets>1</packets><bytes>38</bytes></counters></meta><meta "
	"direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>127.0.0.1</src>"
	"<dst>127.0.0.1</dst></layer3><layer4 protonum=\"17\" protoname=\"udp\"><sport>"
	"7004</sport><dport>40004</dport></layer4><counters><packets>1</packets><bytes>"
	"48</bytes></counters></meta><meta direction=\"independent\"><timeout>T</timeout><id>"
	"ID</id><timestamp><start>TIME</start><stop>TIME</stop></timestamp><deltatime>"
	"N</deltatime></meta></flow>",
	"<flow><meta direction=\"original\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>"
	"127.0.0.1</src><dst>127.0.0.1</dst></layer3><layer4 protonum=\"17\" "
	"protoname=\"udp\"><sport>40004</sport><dport>7004</dport></layer4><counters>"
	"<packets>1</packets><bytes>38</bytes></counters></meta><meta direction=\"reply\">"
	"<layer3 protonum=\"2\" protoname=\"ipv4\"><src>127.0.0.1</src><dst>127.0.0.1</dst>"
	"</layer3><layer4 protonum=\"17\" protoname=\"udp\"><sport>7004</sport><dport>"
	"40004</dport></layer4><counters><packets>1</packets><bytes>48</bytes></counters>"
	"</meta><meta direction=\"independent\"><timeout>T</timeout><id>ID</id><deltatime>"
	"N</deltatime></meta></flow>",
	"[DESTROY] ipv4     2 udp      17 T src=127.0.0.1 dst=127.0.0.1 sport=40004 "
	"dport=7004 packets=1 bytes=38 src=127.0.0.1 dst=127.0.0.1 sport=7004 dport=40004 "
	"packets=1 bytes=48 delta-time=N [start=TIME] [stop=TIME] id=ID",
	"udp      17 T src=127.0.0.1 dst=127.0.0.1 sport=40004 dport=7004 packets=1 bytes=38 "
	"src=127.0.0.1 dst=127.0.0.1 sport=7004 dport=40004 packets=1 bytes=48 delta-time=N",
	NULL,
};

static struct nfct_labelmap *make_map(void)
{
	static const char text[] = "# golden\n1 one\n5 five\n70 seventy\n";
	char path[] = "/tmp/nfct-golden-labels.XXXXXX";
	int fd = mkstemp(path);
	struct nfct_labelmap *map;

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		die("label file");
	close(fd);
	map = nfct_labelmap_new(path);
	unlink(path);
	if (map == NULL)
		die("nfct_labelmap_new");
	return map;
}

int main(void)
{
	const unsigned int all = NFCT_OF_SHOW_LAYER3 | NFCT_OF_ID | NFCT_OF_TIMESTAMP;
	struct nfct_labelmap *map;

	test_enter_netns();
	rules_init();
	setenv("TZ", "UTC0", 1);
	tzset();
	map = make_map();
	/* Entries made before any listener exists send no events with the
	 * default "2" (automatic). */
	test_sysctl("net.netfilter.nf_conntrack_events", "1");
	make_traffic();

	/* As conntrack -L prints them. */
	check_dump("list", NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0, NULL, want_list);
	check_dump("list, every flag, labels", -1, NFCT_O_DEFAULT, all, map, want_all);
	check_dump("xml, every flag, labels", -1, NFCT_O_XML, all | NFCT_OF_TIME, map,
		   want_xml);
	check_destroy("destroy tcp", IPPROTO_TCP, 40001, 7001, NULL, want_destroy_tcp);
	check_destroy("destroy udp", IPPROTO_UDP, 40004, 7004, map, want_destroy_udp);
	nfct_labelmap_destroy(map);
	return test_done();
}
