/*
 * Differential generator for nfct_snprintf() and nfct_snprintf_labels().
 *
 * Builds a deterministic stream of pseudo-random conntrack objects (fixed
 * seed), through the public API only:
 *   - with the attribute setters (nfct_set_attr*, groups, unsets);
 *   - by parsing synthetic, well-formed ctnetlink messages with
 *     nfct_nlmsg_parse() or nfct_parse_conntrack(), the only way to give
 *     counters, use, the security context and timestamps a value
 *     (switchable: --parse=off while the parser is not there).
 * Each object is printed in both formats, with every message type and
 * every flag combination, with and without a label map; a sample is also
 * printed into every buffer size from 1 to the full length + 2, with the
 * return value and the whole buffer (beyond the NUL too) recorded.
 *
 * The output is one digest line per object (FNV-1a over every result), so
 * that two runs, one on each library, compare with cmp; --dump=N prints
 * everything about object N in clear for a diff.
 *
 * time() is replaced below, and the time zone fixed, so that the outputs
 * that depend on the clock (delta-time, <when>, <deltatime>) are the same
 * in both runs.
 *
 * Usage: output-gen [--objects=N] [--seed=S] [--parse=on|off|probe]
 *                   [--dump=N] [--multi-state] [--labelmaps=N] [--dump-map=N]
 *   --parse=probe  prints "parse on" or "parse off": whether this library
 *                  parses messages (ours answers ENOSYS until it does).
 *   --labelmaps=N  after the objects, N random connlabel.conf files (default
 *                  400), loaded with nfct_labelmap_new() and queried with
 *                  every name and bit; one digest line each ("map K ...");
 *                  --dump-map=K prints file K and the answers in clear.
 *   --multi-state  also set two protocol states to different values: the
 *                  original keeps one shared byte for them.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <endian.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"

/* The clock both libraries read. */
static time_t fake_now = 1700000000;

time_t time(time_t *t)
{
	if (t != NULL)
		*t = fake_now;
	return fake_now;
}

/* xorshift64*: small, fast, and the same everywhere. */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static uint32_t rnd_below(uint32_t n)
{
	return (uint32_t)(rnd() % n);
}

/* True with probability pct percent. */
static bool chance(unsigned int pct)
{
	return rnd_below(100) < pct;
}

/* Integers skewed towards the interesting: small, edge and random. */
static uint64_t rnd_value(unsigned int bits)
{
	uint64_t mask = bits >= 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;

	switch (rnd_below(6)) {
	case 0:
		return rnd_below(10);
	case 1:
		return rnd_below(1000);
	case 2:
		return mask - rnd_below(3);
	case 3:
		return UINT64_C(1) << rnd_below(bits);
	default:
		return rnd() & mask;
	}
}

static const uint8_t l4protos[] = {
	IPPROTO_TCP, IPPROTO_UDP, IPPROTO_UDPLITE, IPPROTO_ICMP,
	IPPROTO_ICMPV6, IPPROTO_SCTP, IPPROTO_DCCP, IPPROTO_GRE,
};

static uint8_t rnd_l4proto(void)
{
	if (chance(85))
		return l4protos[rnd_below(sizeof(l4protos))];
	return (uint8_t)rnd_below(256);
}

static uint8_t rnd_l3proto(void)
{
	static const uint8_t odd[] = { 0, 1, 3, 99, 255 };

	if (chance(50))
		return AF_INET;
	if (chance(80))
		return AF_INET6;
	return odd[rnd_below(sizeof(odd))];
}

static void rnd_ipv6(uint8_t a[16])
{
	uint16_t w[8];

	for (int i = 0; i < 8; i++)
		w[i] = chance(40) ? 0 : (uint16_t)rnd_value(16);
	switch (rnd_below(8)) {
	case 0:	/* IPv4-mapped */
		memset(w, 0, 10);
		w[5] = 0xffff;
		break;
	case 1:	/* IPv4-compatible, loopback and neighbours */
		memset(w, 0, 12);
		if (chance(50))
			w[6] = 0;
		break;
	case 2:	/* link-local */
		w[0] = 0xfe80;
		memset(&w[1], 0, 6);
		break;
	default:
		break;
	}
	for (int i = 0; i < 8; i++) {
		a[2 * i] = (uint8_t)(w[i] >> 8);
		a[2 * i + 1] = (uint8_t)w[i];
	}
}

static void rnd_text(char *s, size_t max, const char *alphabet)
{
	size_t n = rnd_below((uint32_t)max) + (chance(90) ? 1 : 0);
	size_t k = strlen(alphabet);

	for (size_t i = 0; i < n && i < max; i++)
		s[i] = alphabet[rnd_below((uint32_t)k)];
	s[n < max ? n : max] = '\0';
}

static const char name_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789-_";
static const char ctx_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789_:.,<>&\"' ";

static struct nfct_bitmask *rnd_labels(void)
{
	static const unsigned int sizes[] = { 31, 63, 127, 127, 127, 255 };
	struct nfct_bitmask *b = nfct_bitmask_new(sizes[rnd_below(6)]);
	unsigned int n = rnd_below(6);

	if (b == NULL)
		return NULL;
	for (unsigned int i = 0; i < n; i++)
		nfct_bitmask_set_bit(b, chance(70) ? rnd_below(48) : rnd_below(256));
	return b;
}

/* The state attributes share one byte in the original: set one of them,
 * or several with the same value, unless asked for the divergent case. */
static bool multi_state;

static void set_states(struct nf_conntrack *ct, uint8_t l4)
{
	static const enum nf_conntrack_attr attrs[] = {
		ATTR_TCP_STATE, ATTR_SCTP_STATE, ATTR_DCCP_STATE,
	};
	uint8_t v = chance(80) ? (uint8_t)rnd_below(14) : (uint8_t)rnd_below(256);
	unsigned int first = l4 == IPPROTO_SCTP ? 1 : l4 == IPPROTO_DCCP ? 2 : 0;

	if (!chance(70))
		first = rnd_below(3);
	nfct_set_attr_u8(ct, attrs[first], v);
	if (chance(10)) {
		unsigned int other = (first + 1 + rnd_below(2)) % 3;

		nfct_set_attr_u8(ct, attrs[other], multi_state ? (uint8_t)rnd_below(12) : v);
	}
}

/* Attributes the printers never show: setting them must change nothing. */
static void set_unprinted(struct nf_conntrack *ct)
{
	static const enum nf_conntrack_attr u8s[] = {
		ATTR_TCP_FLAGS_ORIG, ATTR_TCP_FLAGS_REPL, ATTR_TCP_MASK_ORIG,
		ATTR_TCP_MASK_REPL, ATTR_TCP_WSCALE_ORIG, ATTR_TCP_WSCALE_REPL,
		ATTR_DCCP_ROLE, ATTR_MASTER_L3PROTO, ATTR_MASTER_L4PROTO,
	};
	static const enum nf_conntrack_attr u32s[] = {
		ATTR_SNAT_IPV4, ATTR_DNAT_IPV4, ATTR_MASTER_IPV4_SRC,
		ATTR_MASTER_IPV4_DST, ATTR_ORIG_NAT_SEQ_CORRECTION_POS,
		ATTR_REPL_NAT_SEQ_OFFSET_AFTER, ATTR_SCTP_VTAG_ORIG,
		ATTR_SCTP_VTAG_REPL, ATTR_SYNPROXY_ISN, ATTR_SYNPROXY_TSOFF,
	};
	unsigned int n = rnd_below(4);

	for (unsigned int i = 0; i < n; i++) {
		if (chance(50))
			nfct_set_attr_u8(ct, u8s[rnd_below(sizeof(u8s) / sizeof(u8s[0]))],
					 (uint8_t)rnd());
		else
			nfct_set_attr_u32(ct, u32s[rnd_below(sizeof(u32s) / sizeof(u32s[0]))],
					  (uint32_t)rnd());
	}
	if (chance(5))
		nfct_set_attr_u16(ct, ATTR_SNAT_PORT, (uint16_t)rnd());
	if (chance(5))
		nfct_set_attr_u64(ct, ATTR_DCCP_HANDSHAKE_SEQ, rnd());
	if (chance(5))
		nfct_set_attr_l(ct, ATTR_HELPER_INFO, "\x01\x02\x03", 3);
	if (chance(5))
		nfct_set_attr(ct, ATTR_CONNLABELS_MASK, rnd_labels());
}

static void set_tuple_api(struct nf_conntrack *ct, bool reply, uint8_t l3, uint8_t l4)
{
	if (chance(92))
		nfct_set_attr_u8(ct, reply ? ATTR_REPL_L3PROTO : ATTR_ORIG_L3PROTO, l3);
	if (l3 == AF_INET || chance(10)) {
		if (chance(90))
			nfct_set_attr_u32(ct, reply ? ATTR_REPL_IPV4_SRC : ATTR_ORIG_IPV4_SRC,
					  (uint32_t)rnd_value(32));
		if (chance(90))
			nfct_set_attr_u32(ct, reply ? ATTR_REPL_IPV4_DST : ATTR_ORIG_IPV4_DST,
					  (uint32_t)rnd_value(32));
	} else if (l3 == AF_INET6 || chance(10)) {
		uint8_t a[16];

		rnd_ipv6(a);
		if (chance(90))
			nfct_set_attr(ct, reply ? ATTR_REPL_IPV6_SRC : ATTR_ORIG_IPV6_SRC, a);
		rnd_ipv6(a);
		if (chance(90))
			nfct_set_attr(ct, reply ? ATTR_REPL_IPV6_DST : ATTR_ORIG_IPV6_DST, a);
	}
	if (chance(95))
		nfct_set_attr_u8(ct, reply ? ATTR_REPL_L4PROTO : ATTR_ORIG_L4PROTO, l4);
	if (!reply && (l4 == IPPROTO_ICMP || l4 == IPPROTO_ICMPV6) && chance(60)) {
		/* ICMP setters (the original also writes the reply tuple). */
		if (chance(90))
			nfct_set_attr_u8(ct, ATTR_ICMP_TYPE, chance(50) ? 8 : (uint8_t)rnd());
		if (chance(90))
			nfct_set_attr_u8(ct, ATTR_ICMP_CODE, (uint8_t)rnd_value(8));
		if (chance(90))
			nfct_set_attr_u16(ct, ATTR_ICMP_ID, (uint16_t)rnd_value(16));
		return;
	}
	if (chance(90))
		nfct_set_attr_u16(ct, reply ? ATTR_REPL_PORT_SRC : ATTR_ORIG_PORT_SRC,
				  (uint16_t)rnd_value(16));
	if (chance(90))
		nfct_set_attr_u16(ct, reply ? ATTR_REPL_PORT_DST : ATTR_ORIG_PORT_DST,
				  (uint16_t)rnd_value(16));
}

static struct nf_conntrack *make_api_object(void)
{
	struct nf_conntrack *ct = nfct_new();
	uint8_t l3 = rnd_l3proto(), l4 = rnd_l4proto();
	char s[64];

	if (ct == NULL)
		return NULL;
	if (chance(97))
		set_tuple_api(ct, false, l3, l4);
	if (chance(80))
		set_tuple_api(ct, true, chance(90) ? l3 : rnd_l3proto(),
			      chance(90) ? l4 : rnd_l4proto());
	if (chance(5)) {
		struct nfct_attr_grp_port p = { (uint16_t)rnd(), (uint16_t)rnd() };

		nfct_set_attr_grp(ct, chance(50) ? ATTR_GRP_ORIG_PORT : ATTR_GRP_REPL_PORT, &p);
	}
	if (chance(5)) {
		struct nfct_attr_grp_ipv4 g = { (uint32_t)rnd(), (uint32_t)rnd() };

		nfct_set_attr_grp(ct, chance(50) ? ATTR_GRP_ORIG_IPV4 : ATTR_GRP_REPL_IPV4, &g);
	}
	if (chance(60))
		nfct_set_attr_u32(ct, ATTR_TIMEOUT, (uint32_t)rnd_value(32));
	if (chance(50))
		set_states(ct, l4);
	if (chance(70)) {
		uint32_t st = (uint32_t)rnd_value(32);

		if (chance(60))
			st = (chance(60) ? IPS_SEEN_REPLY : 0) | (chance(60) ? IPS_ASSURED : 0) |
			     (chance(15) ? IPS_OFFLOAD : 0) | (chance(10) ? IPS_HW_OFFLOAD : 0) |
			     (chance(50) ? IPS_CONFIRMED : 0);
		nfct_set_attr_u32(ct, ATTR_STATUS, st);
	}
	if (chance(40))
		nfct_set_attr_u32(ct, ATTR_MARK, (uint32_t)rnd_value(32));
	if (chance(20))
		nfct_set_attr_u32(ct, ATTR_SECMARK, (uint32_t)rnd_value(32));
	if (chance(40))
		nfct_set_attr_u32(ct, ATTR_ID, (uint32_t)rnd_value(32));
	if (chance(20))
		nfct_set_attr_u16(ct, ATTR_ZONE, (uint16_t)rnd_value(16));
	if (chance(15))
		nfct_set_attr_u16(ct, ATTR_ORIG_ZONE, (uint16_t)rnd_value(16));
	if (chance(15))
		nfct_set_attr_u16(ct, ATTR_REPL_ZONE, (uint16_t)rnd_value(16));
	if (chance(20)) {
		rnd_text(s, NFCT_HELPER_NAME_MAX - 1, chance(90) ? name_chars : ctx_chars);
		nfct_set_attr(ct, ATTR_HELPER_NAME, s);
	}
	/* Values only the kernel gives: the setters mark them present and
	 * store nothing (in both libraries). */
	if (chance(10))
		nfct_set_attr_u32(ct, ATTR_USE, 5);
	if (chance(5))
		nfct_set_attr(ct, ATTR_SECCTX, "ignored");
	if (chance(5))
		nfct_set_attr_u64(ct, ATTR_TIMESTAMP_START, 5);
	if (chance(5))
		nfct_set_attr_u64(ct, ATTR_TIMESTAMP_STOP, 5);
	if (chance(10)) {
		nfct_set_attr_u64(ct, ATTR_ORIG_COUNTER_PACKETS, 1);
		if (chance(80))
			nfct_set_attr_u64(ct, ATTR_ORIG_COUNTER_BYTES, 1);
	}
	if (chance(10)) {
		nfct_set_attr_u64(ct, ATTR_REPL_COUNTER_BYTES, 1);
		if (chance(80))
			nfct_set_attr_u64(ct, ATTR_REPL_COUNTER_PACKETS, 1);
	}
	if (chance(25)) {
		struct nfct_bitmask *b = rnd_labels();

		if (b != NULL)
			nfct_set_attr(ct, ATTR_CONNLABELS, b);
	}
	set_unprinted(ct);
	/* Occasionally lose a protocol: the default format then fails. */
	if (chance(3))
		nfct_attr_unset(ct, chance(50) ? ATTR_ORIG_L4PROTO : ATTR_ORIG_L3PROTO);
	return ct;
}

/* Messages. */

static void put_tuple(struct nlmsghdr *nlh, uint16_t type, uint8_t l3, uint8_t l4)
{
	struct nlattr *tuple = mnl_attr_nest_start(nlh, type);

	if (chance(97)) {
		struct nlattr *ip = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);

		if (l3 == AF_INET6) {
			uint8_t a[16];

			rnd_ipv6(a);
			mnl_attr_put(nlh, CTA_IP_V6_SRC, 16, a);
			rnd_ipv6(a);
			mnl_attr_put(nlh, CTA_IP_V6_DST, 16, a);
		} else {
			mnl_attr_put_u32(nlh, CTA_IP_V4_SRC, (uint32_t)rnd_value(32));
			mnl_attr_put_u32(nlh, CTA_IP_V4_DST, (uint32_t)rnd_value(32));
		}
		mnl_attr_nest_end(nlh, ip);
	}
	struct nlattr *proto = mnl_attr_nest_start(nlh, CTA_TUPLE_PROTO);

	mnl_attr_put_u8(nlh, CTA_PROTO_NUM, l4);
	if (l4 == IPPROTO_ICMP) {
		mnl_attr_put_u16(nlh, CTA_PROTO_ICMP_ID, (uint16_t)rnd_value(16));
		mnl_attr_put_u8(nlh, CTA_PROTO_ICMP_TYPE, (uint8_t)rnd_value(8));
		mnl_attr_put_u8(nlh, CTA_PROTO_ICMP_CODE, (uint8_t)rnd_value(8));
	} else if (l4 == IPPROTO_ICMPV6) {
		mnl_attr_put_u16(nlh, CTA_PROTO_ICMPV6_ID, (uint16_t)rnd_value(16));
		mnl_attr_put_u8(nlh, CTA_PROTO_ICMPV6_TYPE, (uint8_t)rnd_value(8));
		mnl_attr_put_u8(nlh, CTA_PROTO_ICMPV6_CODE, (uint8_t)rnd_value(8));
	} else if (chance(95)) {
		mnl_attr_put_u16(nlh, CTA_PROTO_SRC_PORT, (uint16_t)rnd_value(16));
		mnl_attr_put_u16(nlh, CTA_PROTO_DST_PORT, (uint16_t)rnd_value(16));
	}
	mnl_attr_nest_end(nlh, proto);
	if (chance(10))
		mnl_attr_put_u16(nlh, CTA_TUPLE_ZONE, htons((uint16_t)rnd_value(16)));
	mnl_attr_nest_end(nlh, tuple);
}

static void put_u64_pair(struct nlmsghdr *nlh, uint16_t type, uint16_t a, uint16_t b,
			 bool with_a, bool with_b)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, type);

	if (with_a)
		mnl_attr_put_u64(nlh, a, htobe64(rnd_value(64)));
	if (with_b)
		mnl_attr_put_u64(nlh, b, htobe64(rnd_value(64)));
	mnl_attr_nest_end(nlh, n);
}

static void put_timestamps(struct nlmsghdr *nlh)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, CTA_TIMESTAMP);
	/* Around the fake clock, in nanoseconds, and some odd values. */
	uint64_t start = (uint64_t)(fake_now - (time_t)rnd_below(100000)) * 1000000000 +
			 rnd_below(1000000000);
	uint64_t stop = start + rnd_value(40);

	if (chance(10))
		start = rnd_value(64);
	if (chance(10))
		stop = chance(50) ? 0 : rnd_value(64);
	if (chance(90))
		mnl_attr_put_u64(nlh, CTA_TIMESTAMP_START, htobe64(start));
	if (chance(40))
		mnl_attr_put_u64(nlh, CTA_TIMESTAMP_STOP, htobe64(stop));
	mnl_attr_nest_end(nlh, n);
}

static void put_protoinfo(struct nlmsghdr *nlh, uint8_t l4)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, CTA_PROTOINFO);
	uint8_t state = chance(85) ? (uint8_t)rnd_below(14) : (uint8_t)rnd_below(256);
	unsigned int which = l4 == IPPROTO_SCTP ? 1 : l4 == IPPROTO_DCCP ? 2 : 0;
	struct nlattr *p;

	if (chance(10))
		which = rnd_below(3);
	switch (which) {
	case 0:
		p = mnl_attr_nest_start(nlh, CTA_PROTOINFO_TCP);
		mnl_attr_put_u8(nlh, CTA_PROTOINFO_TCP_STATE, state);
		if (chance(50)) {
			mnl_attr_put_u8(nlh, CTA_PROTOINFO_TCP_WSCALE_ORIGINAL, (uint8_t)rnd_below(15));
			mnl_attr_put_u8(nlh, CTA_PROTOINFO_TCP_WSCALE_REPLY, (uint8_t)rnd_below(15));
		}
		mnl_attr_nest_end(nlh, p);
		break;
	case 1:
		p = mnl_attr_nest_start(nlh, CTA_PROTOINFO_SCTP);
		mnl_attr_put_u8(nlh, CTA_PROTOINFO_SCTP_STATE, state);
		mnl_attr_put_u32(nlh, CTA_PROTOINFO_SCTP_VTAG_ORIGINAL, (uint32_t)rnd());
		mnl_attr_put_u32(nlh, CTA_PROTOINFO_SCTP_VTAG_REPLY, (uint32_t)rnd());
		mnl_attr_nest_end(nlh, p);
		break;
	default:
		p = mnl_attr_nest_start(nlh, CTA_PROTOINFO_DCCP);
		mnl_attr_put_u8(nlh, CTA_PROTOINFO_DCCP_STATE, state);
		mnl_attr_put_u8(nlh, CTA_PROTOINFO_DCCP_ROLE, (uint8_t)rnd_below(2));
		mnl_attr_put_u64(nlh, CTA_PROTOINFO_DCCP_HANDSHAKE_SEQ, htobe64(rnd()));
		mnl_attr_nest_end(nlh, p);
		break;
	}
	mnl_attr_nest_end(nlh, n);
}

static void put_string_nest(struct nlmsghdr *nlh, uint16_t type, uint16_t inner,
			    const char *alphabet, size_t max)
{
	char s[64];
	struct nlattr *n = mnl_attr_nest_start(nlh, type);

	rnd_text(s, max, alphabet);
	mnl_attr_put_strz(nlh, inner, s);
	mnl_attr_nest_end(nlh, n);
}

/* Attributes the printers never show (ours parses some that the original
 * skips, e.g. the event timestamp): the output must not change. */
static void put_unprinted(struct nlmsghdr *nlh, uint8_t l3, uint8_t l4)
{
	struct nlattr *n;

	if (chance(50))
		mnl_attr_put_u64(nlh, CTA_TIMESTAMP_EVENT, htobe64(rnd()));
	if (chance(30))
		put_tuple(nlh, CTA_TUPLE_MASTER, l3, l4);
	if (chance(30)) {
		n = mnl_attr_nest_start(nlh, CTA_NAT_SEQ_ADJ_ORIG);
		mnl_attr_put_u32(nlh, CTA_NAT_SEQ_CORRECTION_POS, (uint32_t)rnd());
		mnl_attr_put_u32(nlh, CTA_NAT_SEQ_OFFSET_BEFORE, (uint32_t)rnd());
		mnl_attr_put_u32(nlh, CTA_NAT_SEQ_OFFSET_AFTER, (uint32_t)rnd());
		mnl_attr_nest_end(nlh, n);
	}
	if (chance(30)) {
		n = mnl_attr_nest_start(nlh, CTA_SYNPROXY);
		mnl_attr_put_u32(nlh, CTA_SYNPROXY_ISN, (uint32_t)rnd());
		mnl_attr_put_u32(nlh, CTA_SYNPROXY_ITS, (uint32_t)rnd());
		mnl_attr_put_u32(nlh, CTA_SYNPROXY_TSOFF, (uint32_t)rnd());
		mnl_attr_nest_end(nlh, n);
	}
	if (chance(30)) {
		uint32_t mask[4] = { (uint32_t)rnd(), (uint32_t)rnd(), 0, 0 };

		mnl_attr_put(nlh, CTA_LABELS_MASK, sizeof(mask), mask);
	}
}

static void build_message(char *buf, uint16_t msgtype)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *g;
	uint8_t l3 = chance(55) ? AF_INET : AF_INET6;
	uint8_t l4 = rnd_l4proto();

	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | msgtype;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->nfgen_family = l3;
	g->version = NFNETLINK_V0;
	g->res_id = 0;

	put_tuple(nlh, CTA_TUPLE_ORIG, l3, l4);
	if (chance(95))
		put_tuple(nlh, CTA_TUPLE_REPLY, l3, l4);
	if (chance(90)) {
		uint32_t st = (chance(70) ? IPS_SEEN_REPLY : 0) | (chance(60) ? IPS_ASSURED : 0) |
			      (chance(10) ? IPS_OFFLOAD : 0) | (chance(5) ? IPS_HW_OFFLOAD : 0) |
			      IPS_CONFIRMED;

		if (chance(20))
			st = (uint32_t)rnd_value(32);
		mnl_attr_put_u32(nlh, CTA_STATUS, htonl(st));
	}
	if (chance(85))
		mnl_attr_put_u32(nlh, CTA_TIMEOUT, htonl((uint32_t)rnd_value(32)));
	if (chance(50))
		mnl_attr_put_u32(nlh, CTA_MARK, htonl((uint32_t)rnd_value(32)));
	if (chance(20))
		mnl_attr_put_u32(nlh, CTA_SECMARK, htonl((uint32_t)rnd_value(32)));
	if (chance(60))
		mnl_attr_put_u32(nlh, CTA_ID, htonl((uint32_t)rnd_value(32)));
	if (chance(60))
		mnl_attr_put_u32(nlh, CTA_USE, htonl((uint32_t)rnd_value(32)));
	if (chance(20))
		mnl_attr_put_u16(nlh, CTA_ZONE, htons((uint16_t)rnd_value(16)));
	if (chance(50))
		put_u64_pair(nlh, CTA_COUNTERS_ORIG, CTA_COUNTERS_PACKETS, CTA_COUNTERS_BYTES,
			     chance(95), chance(95));
	if (chance(50))
		put_u64_pair(nlh, CTA_COUNTERS_REPLY, CTA_COUNTERS_PACKETS, CTA_COUNTERS_BYTES,
			     chance(95), chance(95));
	if (chance(40))
		put_timestamps(nlh);
	if (chance(30))
		put_string_nest(nlh, CTA_SECCTX, CTA_SECCTX_NAME, ctx_chars, 40);
	if (chance(25))
		put_string_nest(nlh, CTA_HELP, CTA_HELP_NAME, name_chars, NFCT_HELPER_NAME_MAX - 1);
	if ((l4 == IPPROTO_TCP || l4 == IPPROTO_SCTP || l4 == IPPROTO_DCCP) ? chance(80) : chance(5))
		put_protoinfo(nlh, l4);
	if (chance(10))
		put_unprinted(nlh, l3, l4);
	if (chance(30)) {
		/* Host-order words, as the kernel sends its bitmap. */
		uint32_t words[4] = { 0, 0, 0, 0 };
		unsigned int n = 1 + rnd_below(4), bits = rnd_below(6);

		for (unsigned int i = 0; i < bits; i++) {
			unsigned int bit = chance(70) ? rnd_below(48) : rnd_below(32 * n);

			words[(bit / 32) % n] |= UINT32_C(1) << (bit % 32);
		}
		mnl_attr_put(nlh, CTA_LABELS, 4 * n, words);
	}
}

static struct nf_conntrack *make_parsed_object(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nf_conntrack *ct = nfct_new();
	static const uint16_t types[] = { IPCTNL_MSG_CT_NEW, IPCTNL_MSG_CT_NEW, IPCTNL_MSG_CT_DELETE };
	uint16_t type = types[rnd_below(3)];
	int ret;

	if (ct == NULL)
		return NULL;
	build_message(buf, type);
	if (chance(80)) {
		ret = nfct_nlmsg_parse((struct nlmsghdr *)buf, ct);
	} else {
		enum nf_conntrack_msg_type t = type == IPCTNL_MSG_CT_DELETE ?
					       NFCT_T_DESTROY : NFCT_T_NEW;

		ret = nfct_parse_conntrack(t, (struct nlmsghdr *)buf, ct);
		ret = ret < 0 ? ret : 0;
	}
	if (ret < 0) {
		fprintf(stderr, "parsing a generated message failed: %s\n", strerror(errno));
		exit(EXIT_FAILURE);
	}
	/* Then change it through the API, as programs do. */
	if (chance(15))
		nfct_set_attr_u32(ct, ATTR_MARK, (uint32_t)rnd_value(32));
	if (chance(10))
		nfct_attr_unset(ct, ATTR_TIMESTAMP_STOP);
	if (chance(5))
		nfct_attr_unset(ct, ATTR_TIMESTAMP_START);
	if (chance(5))
		nfct_attr_unset(ct, ATTR_ORIG_COUNTER_BYTES);
	if (chance(5))
		nfct_attr_unset(ct, ATTR_STATUS);
	if (chance(5))
		nfct_set_attr_u16(ct, ATTR_ORIG_ZONE, (uint16_t)rnd());
	if (chance(3))
		nfct_attr_unset(ct, ATTR_ORIG_L4PROTO);
	return ct;
}

/* Results. */

static uint64_t digest;
static int dump_object = -1;
static int current_object;

static void hash_bytes(const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++) {
		digest ^= c[i];
		digest *= UINT64_C(0x100000001b3);
	}
}

static void record(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Adds a line to the object's digest, and prints it when dumping. */
static void record(const char *fmt, ...)
{
	char line[8192];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	hash_bytes(line, (size_t)n);
	if (current_object == dump_object)
		printf("%s\n", line);
}

static const unsigned int msg_types[] = {
	NFCT_T_UNKNOWN, NFCT_T_NEW, NFCT_T_UPDATE, NFCT_T_DESTROY,
};
static const unsigned int odd_types[] = {
	NFCT_T_NEW | NFCT_T_UPDATE, NFCT_T_NEW | NFCT_T_DESTROY,
	NFCT_T_UPDATE | NFCT_T_DESTROY, NFCT_T_ALL, NFCT_T_ERROR,
	NFCT_T_ERROR | NFCT_T_NEW, 8, 0x10, 0x7fffffff, 0xffffffff,
};

static int print(char *buf, unsigned int size, const struct nf_conntrack *ct,
		 unsigned int type, unsigned int fmt, unsigned int flags,
		 struct nfct_labelmap *map)
{
	if (map == NULL)
		return nfct_snprintf(buf, size, ct, type, fmt, flags);
	return nfct_snprintf_labels(buf, size, ct, type, fmt, flags, map);
}

static void print_all(const struct nf_conntrack *ct, struct nfct_labelmap *map)
{
	static char buf[16384];
	unsigned int odd = odd_types[rnd_below(sizeof(odd_types) / sizeof(odd_types[0]))];

	for (unsigned int fmt = 0; fmt < 2; fmt++) {
		for (unsigned int t = 0; t <= 4; t++) {
			unsigned int type = t < 4 ? msg_types[t] : odd;

			for (unsigned int flags = 0; flags < 16; flags++) {
				int r = print(buf, sizeof(buf), ct, type, fmt, flags, NULL);

				record("fmt=%u type=%u flags=%u r=%d |%s|", fmt, type, flags,
				       r, r < 0 ? "" : buf);
			}
		}
		if (map != NULL) {
			for (unsigned int flags = 0; flags < 16; flags++) {
				int r = print(buf, sizeof(buf), ct, NFCT_T_UPDATE, fmt, flags, map);

				record("map fmt=%u flags=%u r=%d |%s|", fmt, flags, r,
				       r < 0 ? "" : buf);
			}
		}
	}
}

/* Every size from 1 to the full length + 2: return value and the whole
 * buffer, bytes past the NUL included. (Size 0 stops the original on an
 * assertion; tests/output/test-print checks ours.) */
static void print_truncated(const struct nf_conntrack *ct, struct nfct_labelmap *map)
{
	static char full[16384], buf[16384 + 64];
	unsigned int fmt = rnd_below(2);
	unsigned int type = msg_types[rnd_below(4)];
	unsigned int flags = rnd_below(16);
	struct nfct_labelmap *m = chance(50) ? map : NULL;
	int n = print(full, sizeof(full), ct, type, fmt, flags, m);

	/* A failing print leaves what it wrote before failing: a prefix, a
	 * few dozen bytes at most. */
	if (n < 0)
		n = 40;
	if (n > 16000)
		return;
	for (unsigned int size = 1; size <= (unsigned int)n + 2; size++) {
		memset(buf, 0xa5, (size_t)n + 64);
		int r = print(buf, size, ct, type, fmt, flags, m);

		hash_bytes(&r, sizeof(r));
		hash_bytes(buf, (size_t)n + 64);
		if (current_object == dump_object) {
			printf("trunc fmt=%u type=%u flags=%u map=%d size=%u r=%d |", fmt, type,
			       flags, m != NULL, size, r);
			for (int i = 0; i < n + 64; i++) {
				unsigned char c = (unsigned char)buf[i];

				if (c == 0xa5)
					putchar('~');
				else if (c == 0)
					putchar('@');
				else
					putchar(c);
			}
			printf("|\n");
		}
	}
}

static struct nfct_labelmap *make_labelmap(void)
{
	char path[] = "/tmp/nfct-output-labels.XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	struct nfct_labelmap *map;

	if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
		perror("label file");
		exit(EXIT_HARD);
	}
	fprintf(f, "# generated by output-gen\n\n");
	for (unsigned int bit = 0; bit < 130; bit++) {
		if (bit % 3 == 1)
			continue;
		if (bit % 7 == 0)
			fprintf(f, "%u label %u\n", bit, bit);
		else
			fprintf(f, "%u l%u-%c\n", bit, bit, 'a' + bit % 26);
	}
	fprintf(f, "5 duplicate-bit\n999 far-away\n1 bad!name\n");
	fclose(f);
	map = nfct_labelmap_new(path);
	unlink(path);
	if (map == NULL) {
		fprintf(stderr, "nfct_labelmap_new: %s\n", strerror(errno));
		exit(EXIT_HARD);
	}
	return map;
}

/* Whether this library parses messages (ours says ENOSYS until it does). */
static bool parse_works(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nf_conntrack *ct = nfct_new();
	bool ok;

	rng_state = 1;
	build_message(buf, IPCTNL_MSG_CT_NEW);
	errno = 0;
	ok = nfct_nlmsg_parse((struct nlmsghdr *)buf, ct) == 0;
	nfct_destroy(ct);
	return ok;
}

/* The replaced time() must be the one both libraries call. */
static void check_clock(void)
{
	struct nf_conntrack *ct = nfct_new();
	char buf[2048];

	fake_now = 86400 * 366 + 3600 * 5 + 60 * 7 + 9;	/* 1971-01-02 05:07:09 UTC */
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_TCP);
	if (nfct_snprintf(buf, sizeof(buf), ct, 0, NFCT_O_XML, NFCT_OF_TIME) < 0 ||
	    strstr(buf, "<when><hour>5</hour><min>07</min><sec>09</sec><wday>7</wday>"
			"<day>2</day><month>1</month><year>1971</year></when>") == NULL) {
		fprintf(stderr, "the library does not read the replaced clock: %s\n", buf);
		exit(EXIT_HARD);
	}
	nfct_destroy(ct);
}

/* Label map files: random lines of every kind the parser meets. */

static const char *const label_names[] = {
	"a", "b", "web", "db", "eth0-in", "x y", "A", "-", "007", "zz-top",
};

static void rnd_label_number(FILE *f)
{
	switch (rnd_below(12)) {
	case 0:
		fprintf(f, "0x%x", rnd_below(1100));
		break;
	case 1:
		fprintf(f, "0%o", rnd_below(1100));
		break;
	case 2:
		fprintf(f, "-%u", rnd_below(5));
		break;
	case 3:
		fprintf(f, "+%u", rnd_below(130));
		break;
	case 4:
		fprintf(f, "%u", 1020 + rnd_below(8));
		break;
	case 5:
		fprintf(f, "99999999999999999999");
		break;
	case 6:
		fprintf(f, "%s%u", chance(50) ? " " : "\t", rnd_below(130));
		break;
	default:
		fprintf(f, "%u", chance(80) ? rnd_below(40) : rnd_below(300));
		break;
	}
}

static void rnd_label_name(FILE *f)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyzABC0123456789-- \t_!.#\r\v";

	if (chance(50)) {
		fputs(label_names[rnd_below(sizeof(label_names) / sizeof(label_names[0]))], f);
	} else {
		unsigned int n = rnd_below(12);

		for (unsigned int i = 0; i < n; i++)
			fputc(chars[rnd_below(sizeof(chars) - 1)], f);
	}
	if (chance(5))
		for (unsigned int i = 0, n = 1000 + rnd_below(60); i < n; i++)
			fputc('n', f);
}

static void write_label_file(FILE *f)
{
	unsigned int lines = rnd_below(14);

	for (unsigned int i = 0; i < lines; i++) {
		switch (rnd_below(10)) {
		case 0:
			fputs(chance(50) ? "# comment 5 five" : "  # indented", f);
			break;
		case 1:
			fputs(chance(50) ? "" : " \t ", f);
			break;
		case 2:
			rnd_label_number(f);
			break;
		case 3:
			rnd_label_name(f);
			break;
		default:
			rnd_label_number(f);
			fputs(chance(10) ? "" : chance(70) ? " " : chance(50) ? "\t" : "  ", f);
			rnd_label_name(f);
			if (chance(10))
				fputs(chance(50) ? "  " : "\t", f);
			break;
		}
		if (i + 1 < lines || chance(80))
			fputc(chance(5) ? '\0' : '\n', f);
	}
}

static int dump_map = -1;

static void map_record(unsigned int k, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void map_record(unsigned int k, const char *fmt, ...)
{
	char line[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	hash_bytes(line, (size_t)n);
	if ((int)k == dump_map)
		printf("%s\n", line);
}

/* Loads one random file; records errno, every bit's name, and the bit of
 * every name the file could hold. */
static void check_labelmap(unsigned int k)
{
	char path[] = "/tmp/nfct-output-map.XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	struct nfct_labelmap *m;
	int err;

	if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
		perror("label file");
		exit(EXIT_HARD);
	}
	write_label_file(f);
	fclose(f);
	if ((int)k == dump_map) {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "od -c %s", path);
		fflush(stdout);
		if (system(cmd) != 0)
			printf("(od failed)\n");
	}
	errno = 4321;
	m = nfct_labelmap_new(path);
	err = errno;
	unlink(path);
	map_record(k, "map %p errno %d", m == NULL ? NULL : (void *)1, err);
	if (m == NULL)
		return;
	for (unsigned int bit = 0; bit < 1100; bit++) {
		const char *name = nfct_labelmap_get_name(m, bit);

		if (name == NULL) {
			map_record(k, "slots %u", bit);
			break;
		}
		if (*name != '\0')
			map_record(k, "bit %u |%s| -> %d", bit, name, nfct_labelmap_get_bit(m, name));
	}
	for (size_t i = 0; i < sizeof(label_names) / sizeof(label_names[0]); i++)
		map_record(k, "name |%s| -> %d", label_names[i],
			   nfct_labelmap_get_bit(m, label_names[i]));
	map_record(k, "empty -> %d", nfct_labelmap_get_bit(m, ""));
	nfct_labelmap_destroy(m);
}

int main(int argc, char **argv)
{
	unsigned int objects = 4000;
	uint64_t seed = 0x6e666374u;	/* "nfct" */
	int parse = 1;
	unsigned int labelmaps = 400;
	struct nfct_labelmap *map;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strncmp(a, "--objects=", 10) == 0) {
			objects = (unsigned int)strtoul(a + 10, NULL, 0);
		} else if (strncmp(a, "--seed=", 7) == 0) {
			seed = strtoull(a + 7, NULL, 0);
		} else if (strcmp(a, "--parse=on") == 0) {
			parse = 1;
		} else if (strcmp(a, "--parse=off") == 0) {
			parse = 0;
		} else if (strcmp(a, "--parse=probe") == 0) {
			printf("parse %s\n", parse_works() ? "on" : "off");
			return 0;
		} else if (strncmp(a, "--dump=", 7) == 0) {
			dump_object = atoi(a + 7);
		} else if (strcmp(a, "--multi-state") == 0) {
			multi_state = true;
		} else if (strncmp(a, "--labelmaps=", 12) == 0) {
			labelmaps = (unsigned int)strtoul(a + 12, NULL, 0);
		} else if (strncmp(a, "--dump-map=", 11) == 0) {
			dump_map = atoi(a + 11);
		} else {
			fprintf(stderr, "usage: %s [--objects=N] [--seed=S] "
				"[--parse=on|off|probe] [--dump=N] [--multi-state] "
				"[--labelmaps=N] [--dump-map=N]\n", argv[0]);
			return EXIT_HARD;
		}
	}

	setenv("TZ", "UTC0", 1);
	tzset();
	check_clock();
	/* Local time in a fixed zone with a half-hour offset, no tzdata. */
	setenv("TZ", "XST-5:30", 1);
	tzset();
	map = make_labelmap();
	rng_state = seed ? seed : 1;
	printf("objects %u parse %s\n", objects, parse ? "on" : "off");

	for (unsigned int i = 0; i < objects; i++) {
		struct nf_conntrack *ct;

		current_object = (int)i;
		digest = UINT64_C(0xcbf29ce484222325);
		/* The clock moves, and sometimes runs behind the timestamps. */
		fake_now = 1700000000 + (time_t)rnd_below(1000000);
		if (chance(3))
			fake_now = (time_t)rnd_below(100000);
		ct = parse && chance(45) ? make_parsed_object() : make_api_object();
		if (ct == NULL) {
			fprintf(stderr, "out of memory\n");
			return EXIT_HARD;
		}
		print_all(ct, chance(30) ? map : NULL);
		if (i % 16 == 0)
			print_truncated(ct, map);
		if (dump_object < 0)
			printf("obj %u %016llx\n", i, (unsigned long long)digest);
		nfct_destroy(ct);
	}
	nfct_labelmap_destroy(map);

	current_object = -2;
	for (unsigned int k = 0; k < labelmaps; k++) {
		digest = UINT64_C(0xcbf29ce484222325);
		check_labelmap(k);
		if (dump_object < 0 && dump_map < 0)
			printf("map %u %016llx\n", k, (unsigned long long)digest);
	}
	return 0;
}
