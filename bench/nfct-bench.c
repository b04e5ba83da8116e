/*
 * nfct-bench: measures libnetfilter_conntrack through its public API only,
 * so the same binary runs on the original library and on ours (the run
 * script picks the library with LD_LIBRARY_PATH).
 *
 *   nfct-bench user [-n N] [-t SECONDS]  userspace operations, wall time
 *   nfct-bench cg [-n N]                 the same, once, for callgrind
 *   nfct-bench kernel [-n N]             against the kernel (root, in a
 *                                        private network namespace)
 *   nfct-bench info                      library, object size
 *   nfct-bench dumpmsg                   the generated messages, in hex
 *
 * Userspace operations run on a table of N generated ctnetlink messages
 * (see gen_msg()): a deterministic mix of TCP, UDP and ICMP over IPv4 and
 * IPv6, some NAT, counters and timestamps, laid out attribute by attribute
 * as the kernel dumps them. Every line of output is "name value unit".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <libnfnetlink/libnfnetlink.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack_tcp.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <valgrind/callgrind.h>

#include "bench-config.h"

/* ------------------------------------------------------------------ */
/* Heap allocation counter: this program's malloc family replaces the C
 * library's for the whole process (the libraries' calls included) and
 * counts calls while counting is on. */

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static unsigned long alloc_calls;
static bool alloc_counting;

void *malloc(size_t n)
{
	if (alloc_counting)
		alloc_calls++;
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
	if (alloc_counting)
		alloc_calls++;
	return __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
	if (alloc_counting)
		alloc_calls++;
	return __libc_realloc(p, n);
}

void free(void *p)
{
	__libc_free(p);
}

/* ------------------------------------------------------------------ */
/* The generated table. */

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

struct flow {
	int family;			/* AF_INET / AF_INET6 */
	uint8_t l4;			/* IPPROTO_* */
	uint32_t osrc[4], odst[4];	/* original tuple, network order */
	uint32_t rsrc[4], rdst[4];	/* reply tuple */
	uint16_t osport, odport, rsport, rdport;	/* host order */
	uint16_t icmp_id;
	uint8_t icmp_type, icmp_code, icmp_rtype;
	uint8_t tcp_state;
	uint32_t status, timeout, mark, id;
	uint64_t pkts[2], bytes[2];
	uint64_t ts_start;
};

/* The i-th flow of the deterministic mix. */
static void gen_flow(struct flow *f, unsigned int i)
{
	uint32_t r = rng(), r2 = rng();
	bool v6 = r % 100 < 20;
	unsigned int p = (r / 100) % 100;

	memset(f, 0, sizeof(*f));
	f->family = v6 ? AF_INET6 : AF_INET;
	f->l4 = p < 70 ? IPPROTO_TCP : p < 92 ? IPPROTO_UDP : v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
	if (v6) {
		f->osrc[0] = htonl(0x20010db8);
		f->osrc[3] = htonl(0x1000 + (i & 0xffff));
		f->odst[0] = htonl(0x2a001450);
		f->odst[1] = htonl(0x40010800);
		f->odst[3] = htonl(0x200e + r2 % 64);
	} else {
		f->osrc[0] = htonl(0xc0a80000 | (i & 0xffff));	/* 192.168.x.y */
		f->odst[0] = htonl(0x5db8d800 | (r2 & 0xff));	/* 93.184.216.z */
	}
	memcpy(f->rsrc, f->odst, 16);
	memcpy(f->rdst, f->osrc, 16);
	f->osport = (uint16_t)(32768 + (i % 28000));
	f->odport = (uint16_t[]){ 443, 80, 53, 22, 8080, 123 }[r2 % 6];
	f->rsport = f->odport;
	f->rdport = f->osport;
	f->status = IPS_CONFIRMED | IPS_SEEN_REPLY | IPS_ASSURED;
	/* Source NAT for a quarter of the IPv4 flows. */
	if (!v6 && r2 % 4 == 0) {
		f->rdst[0] = htonl(0xcb007100 | (r2 % 200));	/* 203.0.113.x */
		f->rdport = (uint16_t)(1024 + (i % 60000));
		f->status |= IPS_SRC_NAT | IPS_SRC_NAT_DONE | IPS_DST_NAT_DONE;
	}
	if (f->l4 == IPPROTO_ICMP || f->l4 == IPPROTO_ICMPV6) {
		f->icmp_id = (uint16_t)(i * 7 + 1);
		f->icmp_type = f->l4 == IPPROTO_ICMP ? 8 : 128;
		f->icmp_rtype = f->l4 == IPPROTO_ICMP ? 0 : 129;
		f->timeout = 30;
	} else if (f->l4 == IPPROTO_TCP) {
		unsigned int s = r2 % 20;

		f->tcp_state = s < 15 ? TCP_CONNTRACK_ESTABLISHED : s < 18 ? TCP_CONNTRACK_TIME_WAIT
									   : TCP_CONNTRACK_SYN_SENT;
		f->timeout = f->tcp_state == TCP_CONNTRACK_ESTABLISHED ? 432000 - r % 1000 : 120;
		if (f->tcp_state == TCP_CONNTRACK_SYN_SENT)
			f->status = IPS_CONFIRMED;
	} else {
		f->timeout = 30 + r % 150;
		if (r2 % 5 == 0)
			f->status = IPS_CONFIRMED;	/* unreplied */
	}
	if (r % 10 == 0)
		f->mark = 0x100 + r % 7;
	f->id = 0x9e370001u * (i + 1);
	f->pkts[0] = 1 + r % 5000;
	f->bytes[0] = f->pkts[0] * (60 + r2 % 1400);
	if (f->status & IPS_SEEN_REPLY) {
		f->pkts[1] = 1 + r2 % 9000;
		f->bytes[1] = f->pkts[1] * (60 + r % 1400);
	}
	f->ts_start = UINT64_C(1764000000000000000) + (uint64_t)i * 1000003;
}

static void put_tuple(struct nlmsghdr *nlh, const struct flow *f, int type, bool reply)
{
	struct nlattr *t = mnl_attr_nest_start(nlh, (uint16_t)type);
	struct nlattr *n = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);
	const uint32_t *src = reply ? f->rsrc : f->osrc, *dst = reply ? f->rdst : f->odst;

	if (f->family == AF_INET) {
		mnl_attr_put_u32(nlh, CTA_IP_V4_SRC, src[0]);
		mnl_attr_put_u32(nlh, CTA_IP_V4_DST, dst[0]);
	} else {
		mnl_attr_put(nlh, CTA_IP_V6_SRC, 16, src);
		mnl_attr_put(nlh, CTA_IP_V6_DST, 16, dst);
	}
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, CTA_TUPLE_PROTO);
	mnl_attr_put_u8(nlh, CTA_PROTO_NUM, f->l4);
	if (f->l4 == IPPROTO_ICMP) {
		mnl_attr_put_u16(nlh, CTA_PROTO_ICMP_ID, htons(f->icmp_id));
		mnl_attr_put_u8(nlh, CTA_PROTO_ICMP_TYPE, reply ? f->icmp_rtype : f->icmp_type);
		mnl_attr_put_u8(nlh, CTA_PROTO_ICMP_CODE, f->icmp_code);
	} else if (f->l4 == IPPROTO_ICMPV6) {
		mnl_attr_put_u16(nlh, CTA_PROTO_ICMPV6_ID, htons(f->icmp_id));
		mnl_attr_put_u8(nlh, CTA_PROTO_ICMPV6_TYPE, reply ? f->icmp_rtype : f->icmp_type);
		mnl_attr_put_u8(nlh, CTA_PROTO_ICMPV6_CODE, f->icmp_code);
	} else {
		mnl_attr_put_u16(nlh, CTA_PROTO_SRC_PORT, htons(reply ? f->rsport : f->osport));
		mnl_attr_put_u16(nlh, CTA_PROTO_DST_PORT, htons(reply ? f->rdport : f->odport));
	}
	mnl_attr_nest_end(nlh, n);
	mnl_attr_nest_end(nlh, t);
}

static void put_counters(struct nlmsghdr *nlh, int type, uint64_t pkts, uint64_t bytes)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, (uint16_t)type);

	mnl_attr_put_u64(nlh, CTA_COUNTERS_PACKETS, htobe64(pkts));
	mnl_attr_put_u64(nlh, CTA_COUNTERS_BYTES, htobe64(bytes));
	mnl_attr_nest_end(nlh, n);
}

/* One dump message for a flow, in the order the kernel writes a dumped
 * entry (ctnetlink_fill_info()): tuples, status, mark, id, use, counters,
 * timestamp, timeout, protocol information. */
static struct nlmsghdr *gen_msg(void *buf, const struct flow *f)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *nfg;

	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_NEW;
	nlh->nlmsg_flags = NLM_F_MULTI;
	nlh->nlmsg_seq = 1;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = (uint8_t)f->family;
	nfg->version = NFNETLINK_V0;
	nfg->res_id = 0;

	put_tuple(nlh, f, CTA_TUPLE_ORIG, false);
	put_tuple(nlh, f, CTA_TUPLE_REPLY, true);
	mnl_attr_put_u32(nlh, CTA_STATUS, htonl(f->status));
	mnl_attr_put_u32(nlh, CTA_MARK, htonl(f->mark));
	mnl_attr_put_u32(nlh, CTA_ID, htonl(f->id));
	mnl_attr_put_u32(nlh, CTA_USE, htonl(1));
	put_counters(nlh, CTA_COUNTERS_ORIG, f->pkts[0], f->bytes[0]);
	put_counters(nlh, CTA_COUNTERS_REPLY, f->pkts[1], f->bytes[1]);
	struct nlattr *n = mnl_attr_nest_start(nlh, CTA_TIMESTAMP);

	mnl_attr_put_u64(nlh, CTA_TIMESTAMP_START, htobe64(f->ts_start));
	mnl_attr_nest_end(nlh, n);
	mnl_attr_put_u32(nlh, CTA_TIMEOUT, htonl(f->timeout));
	if (f->l4 == IPPROTO_TCP) {
		struct nlattr *pi = mnl_attr_nest_start(nlh, CTA_PROTOINFO);
		struct nlattr *tcp = mnl_attr_nest_start(nlh, CTA_PROTOINFO_TCP);
		uint8_t fl[2] = { IP_CT_TCP_FLAG_SACK_PERM | IP_CT_TCP_FLAG_WINDOW_SCALE,
				  0xff };

		mnl_attr_put_u8(nlh, CTA_PROTOINFO_TCP_STATE, f->tcp_state);
		mnl_attr_put_u8(nlh, CTA_PROTOINFO_TCP_WSCALE_ORIGINAL, 7);
		mnl_attr_put_u8(nlh, CTA_PROTOINFO_TCP_WSCALE_REPLY, 9);
		mnl_attr_put(nlh, CTA_PROTOINFO_TCP_FLAGS_ORIGINAL, 2, fl);
		mnl_attr_put(nlh, CTA_PROTOINFO_TCP_FLAGS_REPLY, 2, fl);
		mnl_attr_nest_end(nlh, tcp);
		mnl_attr_nest_end(nlh, pi);
	}
	return nlh;
}

#define MSG_ROOM	512

static unsigned int nmsg;
static char *msgbuf;			/* nmsg slots of MSG_ROOM bytes */
static struct nf_conntrack **objs;	/* each message, parsed */
static struct nf_conntrack **clones;	/* a copy of each */

static const struct nlmsghdr *msg_at(unsigned int i)
{
	return (const struct nlmsghdr *)(msgbuf + (size_t)i * MSG_ROOM);
}

static void gen_table(unsigned int n)
{
	struct flow f;

	nmsg = n;
	msgbuf = aligned_alloc(16, (size_t)n * MSG_ROOM);
	objs = calloc(n, sizeof(*objs));
	clones = calloc(n, sizeof(*clones));
	if (msgbuf == NULL || objs == NULL || clones == NULL) {
		perror("table");
		exit(1);
	}
	rng_state = 12345;
	for (unsigned int i = 0; i < n; i++) {
		gen_flow(&f, i);
		gen_msg(msgbuf + (size_t)i * MSG_ROOM, &f);
		objs[i] = nfct_new();
		if (objs[i] == NULL || nfct_nlmsg_parse(msg_at(i), objs[i]) < 0) {
			perror("parse");
			exit(1);
		}
		clones[i] = nfct_clone(objs[i]);
	}
}

/* ------------------------------------------------------------------ */
/* The measured operations: each runs once over the whole table. Kept out
 * of line: callgrind collects inside functions named measure_*. */

#define NOINLINE __attribute__((noinline))

static struct nf_conntrack *scratch;
static char outbuf[4096];
static volatile unsigned long sink;
static struct nfnl_handle *nfnlh;
static struct nfnl_subsys_handle *ssh;
static union {
	struct nlmsghdr nlh;
	char bytes[4096];
} req;

NOINLINE static void measure_nlmsg_parse(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)nfct_nlmsg_parse(msg_at(i), scratch);
}

NOINLINE static void measure_parse_conntrack(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)nfct_parse_conntrack(NFCT_T_ALL, msg_at(i), scratch);
}

#define FLAGS_ALL	(NFCT_OF_SHOW_LAYER3 | NFCT_OF_ID | NFCT_OF_TIMESTAMP)

NOINLINE static void measure_snprintf_plain(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)nfct_snprintf(outbuf, sizeof(outbuf), objs[i],
						     NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0);
}

NOINLINE static void measure_snprintf_plain_flags(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)nfct_snprintf(outbuf, sizeof(outbuf), objs[i],
						     NFCT_T_NEW, NFCT_O_DEFAULT, FLAGS_ALL);
}

NOINLINE static void measure_snprintf_xml(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)nfct_snprintf(outbuf, sizeof(outbuf), objs[i],
						     NFCT_T_UNKNOWN, NFCT_O_XML, 0);
}

NOINLINE static void measure_snprintf_xml_flags(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)nfct_snprintf(outbuf, sizeof(outbuf), objs[i],
						     NFCT_T_NEW, NFCT_O_XML,
						     FLAGS_ALL | NFCT_OF_TIME);
}

/* The JSON format, when our header has one (bench-config.h, generated
 * from it); the original answers -1 for it, so it is measured only when a
 * first print succeeds. */
#ifdef HAVE_NFCT_O_JSON
#define OUT_JSON	NFCT_O_JSON
#else
#define OUT_JSON	NFCT_O_MAX	/* never succeeds */
#endif

NOINLINE static void measure_snprintf_json(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)nfct_snprintf(outbuf, sizeof(outbuf), objs[i],
						     NFCT_T_UNKNOWN, OUT_JSON, 0);
}

NOINLINE static void measure_nlmsg_build(void)
{
	for (unsigned int i = 0; i < nmsg; i++) {
		struct nlmsghdr *nlh = &req.nlh;

		nlh->nlmsg_len = MNL_ALIGN(sizeof(struct nlmsghdr)) +
				 MNL_ALIGN(sizeof(struct nfgenmsg));
		sink += (unsigned long)nfct_nlmsg_build(nlh, objs[i]);
	}
}

NOINLINE static void measure_build_conntrack(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)nfct_build_conntrack(ssh, &req, sizeof(req),
							    IPCTNL_MSG_CT_NEW,
							    NLM_F_REQUEST | NLM_F_CREATE,
							    objs[i]);
}

/* The same into a 512-byte buffer: the function clears the caller's whole
 * buffer first (both libraries), which with 4 KiB outweighs the build. */
NOINLINE static void measure_build_conntrack_512(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)nfct_build_conntrack(ssh, &req, 512, IPCTNL_MSG_CT_NEW,
							    NLM_F_REQUEST | NLM_F_CREATE,
							    objs[i]);
}

NOINLINE static void measure_cmp(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)nfct_cmp(objs[i], clones[i], NFCT_CMP_ALL);
}

NOINLINE static void measure_copy(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		nfct_copy(scratch, objs[i], NFCT_CP_OVERRIDE);
}

/*
 * Baselines: the same loops calling stubs of the same signatures, so that
 * the loop's own instructions can be subtracted and the counts are the
 * library's alone (the script subtracts "<op>.base" from "<op>").
 */
#define STUB	__attribute__((noinline, noipa))

STUB static int stub_parse(const struct nlmsghdr *nlh, struct nf_conntrack *ct)
{
	(void)nlh; (void)ct;
	return 0;
}

STUB static int stub_parse_ct(enum nf_conntrack_msg_type t, const struct nlmsghdr *nlh,
			      struct nf_conntrack *ct)
{
	(void)t; (void)nlh; (void)ct;
	return 0;
}

STUB static int stub_snprintf(char *buf, unsigned int size, const struct nf_conntrack *ct,
			      unsigned int msg, unsigned int out, unsigned int flags)
{
	(void)buf; (void)size; (void)ct; (void)msg; (void)out; (void)flags;
	return 0;
}

STUB static int stub_build(struct nlmsghdr *nlh, const struct nf_conntrack *ct)
{
	(void)nlh; (void)ct;
	return 0;
}

STUB static int stub_build_ct(struct nfnl_subsys_handle *h, void *r, size_t size,
			      uint16_t type, uint16_t flags, const struct nf_conntrack *ct)
{
	(void)h; (void)r; (void)size; (void)type; (void)flags; (void)ct;
	return 0;
}

STUB static int stub_cmp(const struct nf_conntrack *a, const struct nf_conntrack *b,
			 unsigned int flags)
{
	(void)a; (void)b; (void)flags;
	return 0;
}

STUB static void stub_copy(struct nf_conntrack *a, const struct nf_conntrack *b,
			   unsigned int flags)
{
	(void)a; (void)b; (void)flags;
}

NOINLINE static void base_nlmsg_parse(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)stub_parse(msg_at(i), scratch);
}

NOINLINE static void base_parse_conntrack(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)stub_parse_ct(NFCT_T_ALL, msg_at(i), scratch);
}

NOINLINE static void base_snprintf(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)stub_snprintf(outbuf, sizeof(outbuf), objs[i],
						     NFCT_T_NEW, NFCT_O_XML, FLAGS_ALL);
}

NOINLINE static void base_nlmsg_build(void)
{
	for (unsigned int i = 0; i < nmsg; i++) {
		struct nlmsghdr *nlh = &req.nlh;

		nlh->nlmsg_len = MNL_ALIGN(sizeof(struct nlmsghdr)) +
				 MNL_ALIGN(sizeof(struct nfgenmsg));
		sink += (unsigned long)stub_build(nlh, objs[i]);
	}
}

NOINLINE static void base_build_conntrack(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)stub_build_ct(ssh, &req, sizeof(req), IPCTNL_MSG_CT_NEW,
						     NLM_F_REQUEST | NLM_F_CREATE, objs[i]);
}

NOINLINE static void base_cmp(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		sink += (unsigned long)stub_cmp(objs[i], clones[i], NFCT_CMP_ALL);
}

NOINLINE static void base_copy(void)
{
	for (unsigned int i = 0; i < nmsg; i++)
		stub_copy(scratch, objs[i], NFCT_CP_OVERRIDE);
}

static const struct op {
	const char *name;
	void (*fn)(void);
	void (*base)(void);
} ops[] = {
	{ "nlmsg_parse", measure_nlmsg_parse, base_nlmsg_parse },
	{ "parse_conntrack", measure_parse_conntrack, base_parse_conntrack },
	{ "snprintf_plain", measure_snprintf_plain, base_snprintf },
	{ "snprintf_plain_flags", measure_snprintf_plain_flags, base_snprintf },
	{ "snprintf_xml", measure_snprintf_xml, base_snprintf },
	{ "snprintf_xml_flags", measure_snprintf_xml_flags, base_snprintf },
	{ "snprintf_json", measure_snprintf_json, base_snprintf },
	{ "nlmsg_build", measure_nlmsg_build, base_nlmsg_build },
	{ "build_conntrack", measure_build_conntrack, base_build_conntrack },
	{ "build_conntrack_512", measure_build_conntrack_512, base_build_conntrack },
	{ "cmp", measure_cmp, base_cmp },
	{ "copy", measure_copy, base_copy },
};

static bool has_json(void)
{
	return nfct_snprintf(outbuf, sizeof(outbuf), objs[0], NFCT_T_UNKNOWN, OUT_JSON, 0) >= 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void user_setup(unsigned int n)
{
	gen_table(n);
	scratch = nfct_new();
	nfnlh = nfnl_open();
	if (scratch == NULL || nfnlh == NULL) {
		perror("setup");
		exit(1);
	}
	ssh = nfnl_subsys_open(nfnlh, NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_MAX, 0);
	if (ssh == NULL) {
		perror("nfnl_subsys_open");
		exit(1);
	}
	mnl_nlmsg_put_header(&req);
	mnl_nlmsg_put_extra_header(&req.nlh, sizeof(struct nfgenmsg));
}

/* Wall time per entry: repeats each operation over the table for at least
 * `secs` seconds, and keeps the best of three such runs. */
static int cmd_user(unsigned int n, double secs)
{
	user_setup(n);
	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		double best = 1e30;

		if (ops[k].fn == measure_snprintf_json && !has_json())
			continue;
		for (int run = 0; run < 3; run++) {
			unsigned long rounds = 0;
			double t0 = now_s(), t;

			do {
				ops[k].fn();
				rounds++;
				t = now_s() - t0;
			} while (t < secs / 3);
			t = t / (double)rounds / nmsg * 1e9;
			if (t < best)
				best = t;
		}
		printf("%s %.1f ns\n", ops[k].name, best);
	}
	return 0;
}

/* One run of each operation and of its baseline for callgrind, which
 * collects only inside the measure_* and base_* functions
 * (--toggle-collect) and writes one profile per run (the dump request
 * names it). */
static int cmd_cg(unsigned int n)
{
	user_setup(n);
	printf("entries %u\n", nmsg);
	CALLGRIND_ZERO_STATS;
	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		if (ops[k].fn == measure_snprintf_json && !has_json())
			continue;
		char name[64];

		ops[k].fn();
		CALLGRIND_DUMP_STATS_AT(ops[k].name);
		ops[k].base();
		snprintf(name, sizeof(name), "%s.base", ops[k].name);
		CALLGRIND_DUMP_STATS_AT(name);
	}
	return 0;
}

/* Which library file provides the API, and the object size. */
static int cmd_info(void)
{
	Dl_info info;

	if (dladdr((void *)nfct_new, &info) != 0 && info.dli_fname != NULL)
		printf("library %s\n", info.dli_fname);
	printf("object_size %zu bytes\n", nfct_maxsize());
	return 0;
}

static int cmd_dumpmsg(unsigned int n)
{
	gen_table(n);
	for (unsigned int i = 0; i < nmsg; i++) {
		const struct nlmsghdr *nlh = msg_at(i);
		const unsigned char *p = (const void *)nlh;

		for (unsigned int j = 0; j < nlh->nlmsg_len; j++)
			printf("%02x", p[j]);
		printf("\n");
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Against the kernel. */

/* The k-th entry created: a TCP flow between 10.x.y.z addresses. */
static struct nf_conntrack *kernel_flow(unsigned int k)
{
	struct nf_conntrack *ct = nfct_new();
	uint32_t src = htonl(0x0a000000 | (k >> 8)), dst = htonl(0x0b000000 | (k & 0xff));
	uint16_t sport = htons((uint16_t)(1024 + k % 50000)), dport = htons(443);

	if (ct == NULL) {
		perror("nfct_new");
		exit(1);
	}
	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_IPV4_SRC, src);
	nfct_set_attr_u32(ct, ATTR_IPV4_DST, dst);
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, sport);
	nfct_set_attr_u16(ct, ATTR_PORT_DST, dport);
	nfct_setobjopt(ct, NFCT_SOPT_SETUP_REPLY);
	nfct_set_attr_u8(ct, ATTR_TCP_STATE, TCP_CONNTRACK_ESTABLISHED);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 3600);
	nfct_set_attr_u32(ct, ATTR_STATUS, IPS_SEEN_REPLY | IPS_ASSURED);
	if (k % 10 == 0)
		nfct_set_attr_u32(ct, ATTR_MARK, k);
	return ct;
}

struct kstate {
	unsigned long entries;
	uint64_t sum;
	FILE *devnull;
	unsigned long want;	/* events: stop after this many */
};

static int cb_read(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct kstate *s = data;

	(void)type;
	s->entries++;
	s->sum += nfct_get_attr_u32(ct, ATTR_ORIG_IPV4_SRC) +
		  nfct_get_attr_u16(ct, ATTR_ORIG_PORT_DST) +
		  nfct_get_attr_u8(ct, ATTR_ORIG_L4PROTO) +
		  nfct_get_attr_u32(ct, ATTR_MARK) +
		  nfct_get_attr_u64(ct, ATTR_ORIG_COUNTER_BYTES);
	return NFCT_CB_CONTINUE;
}

static int cb_print(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct kstate *s = data;
	char buf[1024];
	int n = nfct_snprintf(buf, sizeof(buf), ct, type, NFCT_O_DEFAULT, 0);

	s->entries++;
	if (n > 0) {
		buf[n < (int)sizeof(buf) - 1 ? n : (int)sizeof(buf) - 2] = '\n';
		fwrite(buf, 1, (size_t)n + 1 < sizeof(buf) ? (size_t)n + 1 : sizeof(buf) - 1,
		       s->devnull);
	}
	return NFCT_CB_CONTINUE;
}

static int cb_event(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct kstate *s = data;

	(void)type;
	s->entries++;
	s->sum += nfct_get_attr_u32(ct, ATTR_ORIG_IPV4_SRC) +
		  nfct_get_attr_u16(ct, ATTR_ORIG_PORT_DST);
	return s->entries >= s->want ? NFCT_CB_STOP : NFCT_CB_CONTINUE;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void timed_dump(const char *name, unsigned int n,
		       int (*cb)(enum nf_conntrack_msg_type, struct nf_conntrack *, void *))
{
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);
	struct kstate s = { 0, 0, NULL, 0 };
	uint32_t family = AF_INET;
	double t0;

	if (h == NULL)
		die("nfct_open");
	s.devnull = fopen("/dev/null", "w");
	nfct_callback_register(h, NFCT_T_ALL, cb, &s);
	alloc_calls = 0;
	alloc_counting = true;
	t0 = now_s();
	if (nfct_query(h, NFCT_Q_DUMP, &family) < 0)
		die("dump");
	double t = now_s() - t0;

	alloc_counting = false;
	if (s.entries != n) {
		fprintf(stderr, "%s: %lu entries, expected %u\n", name, s.entries, n);
		exit(1);
	}
	printf("%s %.4f s\n", name, t);
	printf("%s_allocs_per_entry %.4f allocs\n", name, (double)alloc_calls / n);
	fclose(s.devnull);
	nfct_close(h);
}

static int bare_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(*(unsigned long *)data)++;
	return MNL_CB_OK;
}

/* CPU time the process spent in the kernel so far, in seconds. */
static double system_s(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) < 0)
		die("getrusage");
	return (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* The floor: the same dump with libmnl, parsing nothing; bufsize bytes
 * per receive. Also reports how much of it was the kernel's own time. */
static void bare_dump(const char *name, unsigned int n, size_t bufsize)
{
	struct mnl_socket *nl = mnl_socket_open(NETLINK_NETFILTER);
	char *buf = malloc(bufsize);
	unsigned long count = 0;
	unsigned int seq = 1, portid;
	int ret;

	if (nl == NULL || buf == NULL || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		die("mnl_socket");
	portid = mnl_socket_get_portid(nl);

	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *nfg;

	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = AF_INET;
	nfg->version = NFNETLINK_V0;
	nfg->res_id = 0;

	double t0 = now_s(), s0 = system_s();

	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		die("sendto");
	while ((ret = (int)mnl_socket_recvfrom(nl, buf, bufsize)) > 0) {
		ret = mnl_cb_run(buf, (size_t)ret, seq, portid, bare_cb, &count);
		if (ret <= MNL_CB_STOP)
			break;
	}
	double t = now_s() - t0, sys = system_s() - s0;

	if (ret < 0)
		die("bare dump");
	if (count != n) {
		fprintf(stderr, "%s: %lu entries, expected %u\n", name, count, n);
		exit(1);
	}
	printf("%s %.4f s\n", name, t);
	printf("%s_system %.4f s\n", name, sys);
	mnl_socket_close(nl);
	free(buf);
}

static void set_sysctl(const char *path, const char *value)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(value, f) < 0 || fclose(f) != 0)
		fprintf(stderr, "warning: cannot set %s\n", path);
}

/* Creates, dumps (reading, printing, bare), receives the events of the
 * creation, deletes. Meant for a fresh network namespace. */
static int cmd_kernel(unsigned int n)
{
	struct nfct_handle *h, *ev;
	struct kstate es = { 0, 0, NULL, 0 };
	double t0, t;

	if (geteuid() != 0) {
		fprintf(stderr, "kernel: needs root\n");
		return 77;
	}
	set_sysctl("/proc/sys/net/netfilter/nf_conntrack_acct", "1");
	set_sysctl("/proc/sys/net/netfilter/nf_conntrack_timestamp", "1");

	struct nf_conntrack **cts = calloc(n, sizeof(*cts));

	if (cts == NULL)
		die("calloc");
	for (unsigned int k = 0; k < n; k++)
		cts[k] = kernel_flow(k);

	/* The event socket listens during the creation, with a receive
	 * buffer large enough to hold every event; they are read later. */
	ev = nfct_open(CONNTRACK, NF_NETLINK_CONNTRACK_NEW);
	if (ev == NULL)
		die("nfct_open events");
	nfnl_rcvbufsiz(nfct_nfnlh(ev), 1u << 30);

	h = nfct_open(CONNTRACK, 0);
	if (h == NULL)
		die("nfct_open");
	t0 = now_s();
	for (unsigned int k = 0; k < n; k++)
		if (nfct_query(h, NFCT_Q_CREATE, cts[k]) < 0)
			die("create");
	t = now_s() - t0;
	printf("create %.4f s\n", t);

	/* Events: the creation's NEW events, already queued. */
	es.want = n;
	nfct_callback_register(ev, NFCT_T_ALL, cb_event, &es);
	alloc_calls = 0;
	alloc_counting = true;
	t0 = now_s();
	int ret = nfct_catch(ev);

	t = now_s() - t0;
	alloc_counting = false;
	if (ret < 0 || es.entries != n) {
		fprintf(stderr, "events: %lu of %u (%s)\n", es.entries, n,
			ret < 0 ? strerror(errno) : "stopped");
		return 1;
	}
	printf("events %.4f s\n", t);
	printf("events_allocs_per_entry %.4f allocs\n", (double)alloc_calls / n);
	nfct_close(ev);

	/* Each dump three times, alternating, the best kept by the script. */
	for (int round = 0; round < 3; round++) {
		bare_dump("bare_dump", n, 8192);
		bare_dump("bare_dump_32k", n, 32768);
		timed_dump("dump_read", n, cb_read);
		timed_dump("dump_print", n, cb_print);
	}

	t0 = now_s();
	for (unsigned int k = 0; k < n; k++)
		if (nfct_query(h, NFCT_Q_DESTROY, cts[k]) < 0)
			die("delete");
	t = now_s() - t0;
	printf("delete %.4f s\n", t);
	nfct_close(h);
	for (unsigned int k = 0; k < n; k++)
		nfct_destroy(cts[k]);
	free(cts);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: nfct-bench user|cg|kernel|info|dumpmsg [-n N] [-t SECONDS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned int n = 0;
	double secs = 0.6;
	int opt;

	if (argc < 2)
		usage();
	optind = 2;
	while ((opt = getopt(argc, argv, "n:t:")) != -1) {
		switch (opt) {
		case 'n':
			n = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 't':
			secs = strtod(optarg, NULL);
			break;
		default:
			usage();
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(argv[1], "user") == 0)
		return cmd_user(n ? n : 2000, secs);
	if (strcmp(argv[1], "cg") == 0)
		return cmd_cg(n ? n : 2000);
	if (strcmp(argv[1], "kernel") == 0)
		return cmd_kernel(n ? n : 100000);
	if (strcmp(argv[1], "info") == 0)
		return cmd_info();
	if (strcmp(argv[1], "dumpmsg") == 0)
		return cmd_dumpmsg(n ? n : 10);
	usage();
	return 2;
}
