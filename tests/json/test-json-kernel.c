/*
 * Golden JSON of real kernel entries: in a private network namespace
 * (conntrack accounting and timestamps on), entries are made through the
 * library (TCP with state, mark, zone and status; UDP over IPv6; ICMP;
 * source NAT; an FTP master and its expectation) and by real traffic (a
 * UDP request and answer on loopback, tracked by an nftables rule), dumped
 * back from the kernel and printed with NFCT_O_JSON. Each text must equal the expected
 * one exactly once the fields that vary from run to run are replaced by N;
 * those (timeout, id, the timestamps, delta_time) are checked by range.
 * Ours only.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/time.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"
#include "../kernel/ctk.h"
#include "kernel.h"

#define FLAGS	(NFCT_OF_SHOW_LAYER3 | NFCT_OF_ID | NFCT_OF_TIMESTAMP)

static uint64_t t0;	/* nanoseconds since the epoch, at the start */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The values that vary, by key and depth (1: a member of the entry, 2: of
 * an object inside it), and the range each must be in. */
struct varying {
	const char *key;
	int depth;
	uint64_t min, max;
};

/*
 * Replaces the number after each "key": of the list, at its depth, by N,
 * checking it is in its range. Returns a new string.
 */
static char *normalise(const char *json, const struct varying *v, size_t nv, const char *what)
{
	char *out = malloc(strlen(json) + 1), *q = out;
	const char *p = json;
	int depth = 0;
	bool in_str = false;

	while (*p != '\0') {
		bool done = false;

		if (in_str) {
			if (*p == '\\' && p[1] != '\0')
				*q++ = *p++;
			else if (*p == '"')
				in_str = false;
			*q++ = *p++;
			continue;
		}
		for (size_t i = 0; i < nv && !done && *p == '"'; i++) {
			size_t n = strlen(v[i].key);

			if (depth != v[i].depth || strncmp(p + 1, v[i].key, n) != 0 ||
			    p[n + 1] != '"' || p[n + 2] != ':' || p[n + 3] < '0' || p[n + 3] > '9')
				continue;
			char *end;
			unsigned long long x = strtoull(p + n + 3, &end, 10);

			CHECK_MSG(x >= v[i].min && x <= v[i].max, "%s: %s = %llu, want %llu..%llu",
				  what, v[i].key, x, (unsigned long long)v[i].min,
				  (unsigned long long)v[i].max);
			memcpy(q, p, n + 3);
			q += n + 3;
			*q++ = 'N';
			p = end;
			done = true;
		}
		if (done)
			continue;
		if (*p == '{')
			depth++;
		else if (*p == '}')
			depth--;
		else if (*p == '"')
			in_str = true;
		*q++ = *p++;
	}
	*q = '\0';
	return out;
}

/* What a dump printed: normalised texts. */
struct texts {
	char *s[32];
	int n;
};

static struct varying ct_varying[] = {
	{ "timeout", 1, 1, 0 },		/* max set per test */
	{ "id", 1, 1, UINT32_MAX },
	{ "start", 2, 0, 0 },		/* the timestamps: set in main() */
	{ "delta_time", 1, 0, 60 },
};

static int dump_cb(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct texts *t = data;
	char buf[4096];
	int r = nfct_snprintf(buf, sizeof(buf), ct, NFCT_T_UNKNOWN, NFCT_O_JSON, FLAGS);

	CHECK_MSG(r > 0 && r < (int)sizeof(buf), "nfct_snprintf returned %d", r);
	if (t->n < 32 && r > 0)
		t->s[t->n++] = normalise(buf, ct_varying, 4, "conntrack");
	return NFCT_CB_CONTINUE;
}

/* Checks that want (NULL-terminated) and the texts are the same set. */
static void compare(struct texts *t, const char *const *want, const char *what)
{
	int n = 0;

	for (; want[n] != NULL; n++) {
		bool found = false;

		for (int i = 0; i < t->n && !found; i++)
			found = t->s[i] != NULL && strcmp(t->s[i], want[n]) == 0;
		CHECK_MSG(found, "%s: not printed: %s", what, want[n]);
	}
	CHECK_MSG(t->n == n, "%s: %d texts, want %d", what, t->n, n);
	for (int i = 0; i < t->n; i++) {
		bool found = false;

		for (int k = 0; want[k] != NULL && !found; k++)
			found = strcmp(t->s[i], want[k]) == 0;
		if (!found)
			CHECK_MSG(0, "%s: unexpected: %s", what, t->s[i]);
		free(t->s[i]);
	}
	t->n = 0;
}

static void dump_ct(struct texts *t)
{
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);
	uint32_t family = AF_UNSPEC;

	if (h == NULL) {
		CHECK_MSG(0, "nfct_open: %s", strerror(errno));
		return;
	}
	nfct_callback_register(h, NFCT_T_ALL, dump_cb, t);
	CHECK_INT(nfct_query(h, NFCT_Q_DUMP, &family), 0);
	nfct_close(h);
}

static void create(struct nf_conntrack *ct)
{
	CHECK_MSG(ctk_query(NFCT_Q_CREATE, ct) == 0, "create: %s", strerror(errno));
	nfct_destroy(ct);
}

static const char *const want_created[] = {
	"{\"l3proto\":\"ipv4\",\"l3protonum\":2,\"l4proto\":\"tcp\",\"l4protonum\":6,"
	"\"timeout\":N,\"state\":\"ESTABLISHED\","
	"\"orig\":{\"src\":\"192.0.2.1\",\"dst\":\"198.51.100.1\",\"sport\":40000,\"dport\":80,"
	"\"packets\":0,\"bytes\":0},"
	"\"reply\":{\"src\":\"198.51.100.1\",\"dst\":\"192.0.2.1\",\"sport\":80,\"dport\":40000,"
	"\"packets\":0,\"bytes\":0},"
	"\"status\":[\"SEEN_REPLY\",\"ASSURED\",\"CONFIRMED\"],\"mark\":5,\"zone\":3,\"use\":1,"
	"\"id\":N,\"timestamp\":{\"start\":N},\"delta_time\":N}",

	"{\"l3proto\":\"ipv6\",\"l3protonum\":10,\"l4proto\":\"udp\",\"l4protonum\":17,"
	"\"timeout\":N,"
	"\"orig\":{\"src\":\"2001:db8::1\",\"dst\":\"2001:db8::2\",\"sport\":5353,\"dport\":53,"
	"\"packets\":0,\"bytes\":0},"
	"\"reply\":{\"src\":\"2001:db8::2\",\"dst\":\"2001:db8::1\",\"sport\":53,\"dport\":5353,"
	"\"packets\":0,\"bytes\":0},"
	"\"status\":[\"CONFIRMED\"],\"mark\":0,\"use\":1,"
	"\"id\":N,\"timestamp\":{\"start\":N},\"delta_time\":N}",

	"{\"l3proto\":\"ipv4\",\"l3protonum\":2,\"l4proto\":\"icmp\",\"l4protonum\":1,"
	"\"timeout\":N,"
	"\"orig\":{\"src\":\"192.0.2.7\",\"dst\":\"192.0.2.8\",\"type\":8,\"code\":0,\"id\":77,"
	"\"packets\":0,\"bytes\":0},"
	"\"reply\":{\"src\":\"192.0.2.8\",\"dst\":\"192.0.2.7\",\"type\":0,\"code\":0,\"id\":77,"
	"\"packets\":0,\"bytes\":0},"
	"\"status\":[\"CONFIRMED\"],\"mark\":0,\"use\":1,"
	"\"id\":N,\"timestamp\":{\"start\":N},\"delta_time\":N}",

	"{\"l3proto\":\"ipv4\",\"l3protonum\":2,\"l4proto\":\"tcp\",\"l4protonum\":6,"
	"\"timeout\":N,\"state\":\"ESTABLISHED\","
	"\"orig\":{\"src\":\"192.0.2.2\",\"dst\":\"198.51.100.1\",\"sport\":40001,\"dport\":80,"
	"\"packets\":0,\"bytes\":0},"
	"\"reply\":{\"src\":\"198.51.100.1\",\"dst\":\"203.0.113.1\",\"sport\":80,\"dport\":50001,"
	"\"packets\":0,\"bytes\":0},"
	"\"status\":[\"CONFIRMED\",\"SRC_NAT_DONE\",\"DST_NAT_DONE\"],\"mark\":0,"
	"\"use\":1,\"id\":N,\"timestamp\":{\"start\":N},\"delta_time\":N}",
	NULL
};

static void test_created(void)
{
	struct nf_conntrack *ct;

	ct = ctk_flow4(IPPROTO_TCP, "192.0.2.1", "198.51.100.1", 40000, 80, 300);
	nfct_set_attr_u32(ct, ATTR_MARK, 5);
	nfct_set_attr_u16(ct, ATTR_ZONE, 3);
	nfct_set_attr_u32(ct, ATTR_STATUS, IPS_SEEN_REPLY | IPS_ASSURED);
	create(ct);
	create(ctk_flow6(IPPROTO_UDP, "2001:db8::1", "2001:db8::2", 5353, 53, 300));
	create(ctk_flow4(IPPROTO_ICMP, "192.0.2.7", "192.0.2.8", 77, 8, 300));

	/* Source NAT: the reply goes to the translated address. The kernel
	 * finds the reply tuple already translated, so it marks the NAT done
	 * without IPS_SRC_NAT. */
	ct = ctk_flow4(IPPROTO_TCP, "192.0.2.2", "198.51.100.1", 40001, 80, 300);
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, ctk_ip4("203.0.113.1"));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(50001));
	nfct_set_attr_u32(ct, ATTR_SNAT_IPV4, ctk_ip4("203.0.113.1"));
	nfct_set_attr_u16(ct, ATTR_SNAT_PORT, htons(50001));
	create(ct);

	struct texts t = { .n = 0 };

	ct_varying[0].max = 300;
	dump_ct(&t);
	compare(&t, want_created, "created entries");
}

/* A UDP request and its answer on loopback, from and to fixed ports. */
static int udp_exchange(void)
{
	struct sockaddr_in srv = { .sin_family = AF_INET, .sin_port = htons(5300) };
	struct sockaddr_in cli = { .sin_family = AF_INET, .sin_port = htons(4300) };
	struct sockaddr_in from;
	socklen_t fromlen = sizeof(from);
	struct timeval tv = { 2, 0 };
	char msg[4];
	int s = socket(AF_INET, SOCK_DGRAM, 0), c = socket(AF_INET, SOCK_DGRAM, 0);
	int ok = -1;

	srv.sin_addr.s_addr = cli.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s < 0 || c < 0 || bind(s, (struct sockaddr *)&srv, sizeof(srv)) < 0 ||
	    bind(c, (struct sockaddr *)&cli, sizeof(cli)) < 0)
		goto out;
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (sendto(c, "ping", 4, 0, (struct sockaddr *)&srv, sizeof(srv)) != 4 ||
	    recvfrom(s, msg, sizeof(msg), 0, (struct sockaddr *)&from, &fromlen) != 4 ||
	    sendto(s, "pong", 4, 0, (struct sockaddr *)&from, fromlen) != 4 ||
	    recv(c, msg, sizeof(msg), 0) != 4)
		goto out;
	ok = 0;
out:
	if (s >= 0)
		close(s);
	if (c >= 0)
		close(c);
	return ok;
}

/* Real traffic, tracked by an nftables rule: real counters and status. */
static void test_traffic(void)
{
	static const char *const want[] = {
		"{\"l3proto\":\"ipv4\",\"l3protonum\":2,\"l4proto\":\"udp\",\"l4protonum\":17,"
		"\"timeout\":N,"
		"\"orig\":{\"src\":\"127.0.0.1\",\"dst\":\"127.0.0.1\",\"sport\":4300,"
		"\"dport\":5300,\"packets\":1,\"bytes\":32},"
		"\"reply\":{\"src\":\"127.0.0.1\",\"dst\":\"127.0.0.1\",\"sport\":5300,"
		"\"dport\":4300,\"packets\":1,\"bytes\":32},"
		"\"status\":[\"SEEN_REPLY\",\"CONFIRMED\"],\"mark\":0,\"use\":1,"
		"\"id\":N,\"timestamp\":{\"start\":N},\"delta_time\":N}",
		NULL
	};
	struct texts t = { .n = 0 };
	uint32_t family = AF_UNSPEC;

	if (test_run("nft add table ip jt && nft add chain ip jt c "
		     "'{ type filter hook output priority 0; }' && "
		     "nft add rule ip jt c ct state new accept") != 0) {
		printf("# no nft: the traffic part is skipped\n");
		return;
	}
	CHECK_INT(ctk_query(NFCT_Q_FLUSH, &family), 0);
	CHECK_INT(udp_exchange(), 0);
	ct_varying[0].max = 180;
	dump_ct(&t);
	compare(&t, want, "udp traffic");
	test_run("nft delete table ip jt");
}

/* An FTP master and one expectation. */
static int exp_cb(enum nf_conntrack_msg_type type, struct nf_expect *exp, void *data)
{
	struct texts *t = data;
	char buf[4096];
	static const struct varying v[] = { { "timeout", 1, 1, 300 } };
	int r = nfexp_snprintf(buf, sizeof(buf), exp, NFCT_T_UNKNOWN, NFCT_O_JSON, FLAGS);

	CHECK_MSG(r > 0 && r < (int)sizeof(buf), "nfexp_snprintf returned %d", r);
	if (t->n < 32 && r > 0)
		t->s[t->n++] = normalise(buf, v, 1, "expectation");
	return NFCT_CB_CONTINUE;
}

/* The kernel applies the ftp helper's timeout (300 s) and sends no zone
 * for zone 0. */
static void test_expect(void)
{
	static const char *const want[] = {
		"{\"l3proto\":\"ipv4\",\"l3protonum\":2,\"l4proto\":\"tcp\",\"l4protonum\":6,"
		"\"timeout\":N,"
		"\"expected\":{\"src\":\"10.40.0.1\",\"dst\":\"10.40.0.2\",\"sport\":0,\"dport\":2000},"
		"\"mask\":{\"src\":\"255.255.255.255\",\"dst\":\"255.255.255.255\",\"sport\":0,"
		"\"dport\":65535},"
		"\"master\":{\"src\":\"10.40.0.1\",\"dst\":\"10.40.0.2\",\"sport\":40000,\"dport\":21},"
		"\"flags\":[\"PERMANENT\"],\"class\":0,\"helper\":\"ftp\"}",
		NULL
	};
	struct nf_conntrack *master = ctk_flow4(IPPROTO_TCP, "10.40.0.1", "10.40.0.2", 40000, 21,
						600);
	struct nf_conntrack *e = nfct_new(), *m = nfct_new();
	struct nf_expect *exp = nfexp_new();
	struct nfct_handle *h;
	struct texts t = { .n = 0 };
	uint32_t family = AF_INET;

	nfct_set_attr(master, ATTR_HELPER_NAME, "ftp");
	if (ctk_query(NFCT_Q_CREATE, master) != 0) {
		printf("# no ftp helper (%s): the expectation part is skipped\n", strerror(errno));
		nfct_destroy(master);
		nfct_destroy(e);
		nfct_destroy(m);
		nfexp_destroy(exp);
		return;
	}
	for (int i = 0; i < 2; i++) {
		struct nf_conntrack *x = i == 0 ? e : m;

		nfct_set_attr_u8(x, ATTR_L3PROTO, AF_INET);
		nfct_set_attr_u32(x, ATTR_IPV4_SRC, ctk_ip4(i == 0 ? "10.40.0.1" : "255.255.255.255"));
		nfct_set_attr_u32(x, ATTR_IPV4_DST, ctk_ip4(i == 0 ? "10.40.0.2" : "255.255.255.255"));
		nfct_set_attr_u8(x, ATTR_L4PROTO, IPPROTO_TCP);
		nfct_set_attr_u16(x, ATTR_PORT_SRC, 0);
		nfct_set_attr_u16(x, ATTR_PORT_DST, htons(i == 0 ? 2000 : 0xffff));
	}
	nfexp_set_attr(exp, ATTR_EXP_MASTER, master);
	nfexp_set_attr(exp, ATTR_EXP_EXPECTED, e);
	nfexp_set_attr(exp, ATTR_EXP_MASK, m);
	nfexp_set_attr_u32(exp, ATTR_EXP_TIMEOUT, 200);
	nfexp_set_attr_u32(exp, ATTR_EXP_FLAGS, NF_CT_EXPECT_PERMANENT);
	h = nfct_open(EXPECT, 0);
	CHECK(h != NULL);
	if (h != NULL) {
		CHECK_MSG(nfexp_query(h, NFCT_Q_CREATE, exp) == 0, "expectation: %s",
			  strerror(errno));
		nfexp_callback_register(h, NFCT_T_ALL, exp_cb, &t);
		CHECK_INT(nfexp_query(h, NFCT_Q_DUMP, &family), 0);
		nfct_close(h);
		compare(&t, want, "expectation");
	}
	nfct_destroy(master);
	nfct_destroy(e);
	nfct_destroy(m);
	nfexp_destroy(exp);
}

int main(void)
{
	test_ours_only("JSON output");
	test_enter_netns();
	t0 = now_ns();
	ct_varying[2].min = t0 - UINT64_C(5) * 1000000000u;
	ct_varying[2].max = t0 + UINT64_C(120) * 1000000000u;
	test_created();
	test_traffic();
	test_expect();
	return test_done();
}
