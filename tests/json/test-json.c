/*
 * NFCT_O_JSON: exact outputs of hand-made conntrack entries (through the
 * setters, and through parsed messages for what only the kernel gives:
 * counters, use, secctx, timestamps, labels) and expectations, every
 * message type and flag, string escaping (every byte value, invalid
 * UTF-8), errors, and snprintf()'s truncation contract at every size.
 * Ours only: the original has no JSON.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <endian.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack_tcp.h>

#include "check.h"

static time_t fake_now = 2000000000;

time_t time(time_t *t)
{
	if (t != NULL)
		*t = fake_now;
	return fake_now;
}

static char buf[16384];

/* The text, its length as the return value, and the truncation contract
 * at every size. */
static void check_trunc(const char *want, int (*print)(char *, unsigned int, const void *),
			const void *obj)
{
	static char small[16384 + 64];
	size_t len = strlen(want);

	for (size_t size = 0; size <= len + 2; size++) {
		size_t kept = size == 0 ? 0 : size - 1 < len ? size - 1 : len;
		int r;

		memset(small, 0x5a, len + 64);
		r = print(size == 0 && size % 2 == 0 ? NULL : small, (unsigned int)size, obj);
		CHECK_MSG(r == (int)len, "size %zu: returned %d, want %zu", size, r, len);
		CHECK_MSG(memcmp(small, want, kept) == 0, "size %zu: the bytes differ", size);
		if (size > 0)
			CHECK_MSG(small[kept] == '\0', "size %zu: no NUL at %zu", size, kept);
		for (size_t i = size > 0 ? kept + 1 : 0; i < len + 64; i++)
			if (small[i] != 0x5a) {
				CHECK_MSG(0, "size %zu: byte %zu written", size, i);
				break;
			}
	}
}

static unsigned int cur_type, cur_flags;
static struct nfct_labelmap *cur_map;

static int print_ct(char *b, unsigned int size, const void *ct)
{
	return nfct_snprintf_labels(b, size, ct, cur_type, NFCT_O_JSON, cur_flags, cur_map);
}

static int print_exp(char *b, unsigned int size, const void *exp)
{
	return nfexp_snprintf(b, size, exp, cur_type, NFCT_O_JSON, cur_flags);
}

#define CHECK_CT(ct, type, flags, map, want) do { \
	cur_type = (type); cur_flags = (flags); cur_map = (map); \
	memset(buf, '~', sizeof(buf)); \
	int r_ = print_ct(buf, sizeof(buf), (ct)); \
	CHECK_STR(buf, (want)); \
	CHECK_INT(r_, strlen(want)); \
} while (0)

#define CHECK_EXP(exp, type, flags, want) do { \
	cur_type = (type); cur_flags = (flags); \
	memset(buf, '~', sizeof(buf)); \
	int r_ = print_exp(buf, sizeof(buf), (exp)); \
	CHECK_STR(buf, (want)); \
	CHECK_INT(r_, strlen(want)); \
} while (0)

static struct nf_conntrack *tcp_entry(void)
{
	struct nf_conntrack *ct = nfct_new();

	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_IPV4_SRC, inet_addr("1.2.3.4"));
	nfct_set_attr_u32(ct, ATTR_IPV4_DST, inet_addr("5.6.7.8"));
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, inet_addr("5.6.7.8"));
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, inet_addr("1.2.3.4"));
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(1234));
	nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(80));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, htons(80));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(1234));
	nfct_set_attr_u8(ct, ATTR_TCP_STATE, TCP_CONNTRACK_ESTABLISHED);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 100);
	nfct_set_attr_u32(ct, ATTR_MARK, 7);
	nfct_set_attr_u32(ct, ATTR_STATUS, IPS_ASSURED | IPS_SEEN_REPLY);
	nfct_set_attr_u32(ct, ATTR_ID, 12345);
	return ct;
}

#define TCP_BODY \
	"\"l4proto\":\"tcp\",\"l4protonum\":6,\"timeout\":100,\"state\":\"ESTABLISHED\"," \
	"\"orig\":{\"src\":\"1.2.3.4\",\"dst\":\"5.6.7.8\",\"sport\":1234,\"dport\":80}," \
	"\"reply\":{\"src\":\"5.6.7.8\",\"dst\":\"1.2.3.4\",\"sport\":80,\"dport\":1234}," \
	"\"status\":[\"SEEN_REPLY\",\"ASSURED\"],\"mark\":7"

static void test_types_and_flags(void)
{
	struct nf_conntrack *ct = tcp_entry();

	CHECK_CT(ct, NFCT_T_UNKNOWN, 0, NULL, "{" TCP_BODY "}");
	CHECK_CT(ct, NFCT_T_NEW, 0, NULL, "{\"type\":\"new\"," TCP_BODY "}");
	CHECK_CT(ct, NFCT_T_UPDATE, 0, NULL, "{\"type\":\"update\"," TCP_BODY "}");
	CHECK_CT(ct, NFCT_T_DESTROY, 0, NULL, "{\"type\":\"destroy\"," TCP_BODY "}");
	/* Anything else adds no type, as the text formats. */
	CHECK_CT(ct, NFCT_T_NEW | NFCT_T_UPDATE, 0, NULL, "{" TCP_BODY "}");
	CHECK_CT(ct, NFCT_T_ALL, 0, NULL, "{" TCP_BODY "}");
	CHECK_CT(ct, (unsigned int)NFCT_T_ERROR, 0, NULL, "{" TCP_BODY "}");

	CHECK_CT(ct, NFCT_T_UNKNOWN, NFCT_OF_SHOW_LAYER3, NULL,
		 "{\"l3proto\":\"ipv4\",\"l3protonum\":2," TCP_BODY "}");
	CHECK_CT(ct, NFCT_T_UNKNOWN, NFCT_OF_ID, NULL, "{" TCP_BODY ",\"id\":12345}");
	CHECK_CT(ct, NFCT_T_UNKNOWN, NFCT_OF_TIME, NULL, "{" TCP_BODY ",\"time\":2000000000}");
	/* Nothing to show for the timestamps. */
	CHECK_CT(ct, NFCT_T_UNKNOWN, NFCT_OF_TIMESTAMP, NULL, "{" TCP_BODY "}");
	CHECK_CT(ct, NFCT_T_NEW, NFCT_OF_SHOW_LAYER3 | NFCT_OF_ID | NFCT_OF_TIME, NULL,
		 "{\"type\":\"new\",\"l3proto\":\"ipv4\",\"l3protonum\":2," TCP_BODY
		 ",\"id\":12345,\"time\":2000000000}");

	cur_type = NFCT_T_NEW;
	cur_flags = NFCT_OF_SHOW_LAYER3 | NFCT_OF_ID | NFCT_OF_TIME;
	cur_map = NULL;
	check_trunc("{\"type\":\"new\",\"l3proto\":\"ipv4\",\"l3protonum\":2," TCP_BODY
		    ",\"id\":12345,\"time\":2000000000}", print_ct, ct);

	/* Without the layer-3 protocol: no l3 members, no addresses; without
	 * the layer-4 protocol: no l4 members, no ports (the default format
	 * fails there; JSON prints what is set). */
	nfct_attr_unset(ct, ATTR_ORIG_L3PROTO);
	nfct_attr_unset(ct, ATTR_ORIG_L4PROTO);
	CHECK_CT(ct, NFCT_T_UNKNOWN, NFCT_OF_SHOW_LAYER3, NULL,
		 "{\"timeout\":100,\"state\":\"ESTABLISHED\",\"orig\":{},"
		 "\"reply\":{\"src\":\"5.6.7.8\",\"dst\":\"1.2.3.4\",\"sport\":80,\"dport\":1234},"
		 "\"status\":[\"SEEN_REPLY\",\"ASSURED\"],\"mark\":7}");
	nfct_destroy(ct);

	/* The empty object. */
	ct = nfct_new();
	CHECK_CT(ct, NFCT_T_UNKNOWN, 15, NULL, "{\"orig\":{},\"reply\":{},\"time\":2000000000}");
	nfct_destroy(ct);
}

static void test_protocols(void)
{
	struct nf_conntrack *ct = nfct_new();
	struct in6_addr a, b;

	/* ICMPv6 over IPv6, with zones; the ICMP setters fill the reply. */
	inet_pton(AF_INET6, "2001:db8::1", &a);
	inet_pton(AF_INET6, "::ffff:10.0.0.1", &b);
	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET6);
	nfct_set_attr(ct, ATTR_IPV6_SRC, &a);
	nfct_set_attr(ct, ATTR_IPV6_DST, &b);
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET6);
	nfct_set_attr(ct, ATTR_REPL_IPV6_SRC, &b);
	nfct_set_attr(ct, ATTR_REPL_IPV6_DST, &a);
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_ICMPV6);
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_ICMPV6);
	nfct_set_attr_u8(ct, ATTR_ICMP_TYPE, 128);
	nfct_set_attr_u8(ct, ATTR_ICMP_CODE, 0);
	nfct_set_attr_u16(ct, ATTR_ICMP_ID, htons(77));
	nfct_set_attr_u16(ct, ATTR_ORIG_ZONE, 3);
	nfct_set_attr_u16(ct, ATTR_REPL_ZONE, 4);
	nfct_set_attr_u16(ct, ATTR_ZONE, 5);
	nfct_set_attr_u32(ct, ATTR_SECMARK, 9);
	nfct_set_attr_u32(ct, ATTR_STATUS, 0xffffffff);
	CHECK_CT(ct, NFCT_T_UNKNOWN, NFCT_OF_SHOW_LAYER3, NULL,
		 "{\"l3proto\":\"ipv6\",\"l3protonum\":10,\"l4proto\":\"icmpv6\",\"l4protonum\":58,"
		 "\"orig\":{\"src\":\"2001:db8::1\",\"dst\":\"::ffff:10.0.0.1\",\"type\":128,"
		 "\"code\":0,\"id\":77,\"zone\":3},"
		 "\"reply\":{\"src\":\"::ffff:10.0.0.1\",\"dst\":\"2001:db8::1\",\"type\":129,"
		 "\"code\":0,\"id\":77,\"zone\":4},"
		 "\"status\":[\"EXPECTED\",\"SEEN_REPLY\",\"ASSURED\",\"CONFIRMED\",\"SRC_NAT\","
		 "\"DST_NAT\",\"SEQ_ADJUST\",\"SRC_NAT_DONE\",\"DST_NAT_DONE\",\"DYING\","
		 "\"FIXED_TIMEOUT\",\"TEMPLATE\",\"UNTRACKED\",\"HELPER\",\"OFFLOAD\",\"HW_OFFLOAD\","
		 "\"BIT_16\",\"BIT_17\",\"BIT_18\",\"BIT_19\",\"BIT_20\",\"BIT_21\",\"BIT_22\","
		 "\"BIT_23\",\"BIT_24\",\"BIT_25\",\"BIT_26\",\"BIT_27\",\"BIT_28\",\"BIT_29\","
		 "\"BIT_30\",\"BIT_31\"],\"secmark\":9,\"zone\":5}");
	nfct_destroy(ct);

	/* GRE keys, SCTP and DCCP states, an unknown protocol. */
	ct = nfct_new();
	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_GRE);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(0x1234));
	nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(0xffff));
	nfct_set_attr_u32(ct, ATTR_STATUS, 0);
	CHECK_CT(ct, NFCT_T_UNKNOWN, 0, NULL,
		 "{\"l4proto\":\"gre\",\"l4protonum\":47,\"orig\":{\"srckey\":4660,"
		 "\"dstkey\":65535},\"reply\":{},\"status\":[]}");
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_SCTP);
	nfct_set_attr_u8(ct, ATTR_SCTP_STATE, 3);
	CHECK_CT(ct, NFCT_T_UNKNOWN, 0, NULL,
		 "{\"l4proto\":\"sctp\",\"l4protonum\":132,\"state\":\"COOKIE_ECHOED\","
		 "\"orig\":{\"sport\":4660,\"dport\":65535},\"reply\":{},\"status\":[]}");
	nfct_attr_unset(ct, ATTR_SCTP_STATE);
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_DCCP);
	nfct_set_attr_u8(ct, ATTR_DCCP_STATE, 4);
	CHECK_CT(ct, NFCT_T_UNKNOWN, 0, NULL,
		 "{\"l4proto\":\"dccp\",\"l4protonum\":33,\"state\":\"OPEN\","
		 "\"orig\":{\"sport\":4660,\"dport\":65535},\"reply\":{},\"status\":[]}");
	/* A state beyond the table, on a protocol without states. */
	nfct_set_attr_u8(ct, ATTR_L4PROTO, 200);
	nfct_set_attr_u8(ct, ATTR_DCCP_STATE, 200);
	CHECK_CT(ct, NFCT_T_UNKNOWN, 0, NULL,
		 "{\"l4proto\":\"unknown\",\"l4protonum\":200,\"state\":\"NONE\","
		 "\"orig\":{},\"reply\":{},\"status\":[]}");
	nfct_destroy(ct);
}

/* A conntrack message with what only the kernel gives. */
static struct nf_conntrack *parsed_entry(const char *secctx, const char *helper)
{
	static char mbuf[8192];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(mbuf);
	struct nfgenmsg *g;
	struct nlattr *n, *m;
	struct nf_conntrack *ct = nfct_new();
	uint32_t labels[2] = { (1u << 1) | (1u << 3), 1u << 2 };	/* bits 1, 3, 34 */

	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_NEW;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->nfgen_family = AF_INET;
	n = mnl_attr_nest_start(nlh, CTA_TUPLE_ORIG);
	m = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);
	mnl_attr_put_u32(nlh, CTA_IP_V4_SRC, inet_addr("10.0.0.1"));
	mnl_attr_put_u32(nlh, CTA_IP_V4_DST, inet_addr("10.0.0.2"));
	mnl_attr_nest_end(nlh, m);
	m = mnl_attr_nest_start(nlh, CTA_TUPLE_PROTO);
	mnl_attr_put_u8(nlh, CTA_PROTO_NUM, IPPROTO_UDP);
	mnl_attr_put_u16(nlh, CTA_PROTO_SRC_PORT, htons(5353));
	mnl_attr_put_u16(nlh, CTA_PROTO_DST_PORT, htons(53));
	mnl_attr_nest_end(nlh, m);
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, CTA_COUNTERS_ORIG);
	mnl_attr_put_u64(nlh, CTA_COUNTERS_PACKETS, htobe64(3));
	mnl_attr_put_u64(nlh, CTA_COUNTERS_BYTES, htobe64(UINT64_MAX));
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, CTA_COUNTERS_REPLY);
	mnl_attr_put_u64(nlh, CTA_COUNTERS_BYTES, htobe64(0));
	mnl_attr_nest_end(nlh, n);
	mnl_attr_put_u32(nlh, CTA_USE, htonl(2));
	n = mnl_attr_nest_start(nlh, CTA_TIMESTAMP);
	mnl_attr_put_u64(nlh, CTA_TIMESTAMP_START, htobe64(UINT64_C(1999999990123456789)));
	mnl_attr_nest_end(nlh, n);
	if (secctx != NULL) {
		n = mnl_attr_nest_start(nlh, CTA_SECCTX);
		mnl_attr_put_strz(nlh, CTA_SECCTX_NAME, secctx);
		mnl_attr_nest_end(nlh, n);
	}
	if (helper != NULL) {
		n = mnl_attr_nest_start(nlh, CTA_HELP);
		mnl_attr_put_strz(nlh, CTA_HELP_NAME, helper);
		mnl_attr_nest_end(nlh, n);
	}
	mnl_attr_put(nlh, CTA_LABELS, sizeof(labels), labels);
	CHECK_INT(nfct_nlmsg_parse(nlh, ct), 0);
	return ct;
}

static struct nfct_labelmap *labelmap(void)
{
	char path[] = "/tmp/nfct-json-labels.XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	struct nfct_labelmap *map;

	fprintf(f, "1 one\n3 three \"q\"\n");
	fclose(f);
	map = nfct_labelmap_new(path);
	unlink(path);
	return map;
}

#define UDP_HEAD \
	"\"l4proto\":\"udp\",\"l4protonum\":17,\"orig\":{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.2\"," \
	"\"sport\":5353,\"dport\":53,\"packets\":3,\"bytes\":18446744073709551615}," \
	"\"reply\":{\"bytes\":0}"

static void test_kernel_values(void)
{
	struct nf_conntrack *ct = parsed_entry("system_u:object_r:unlabeled_t:s0", "ftp");
	struct nfct_labelmap *map = labelmap();

	CHECK(map != NULL);
	CHECK_CT(ct, NFCT_T_UNKNOWN, 0, NULL,
		 "{" UDP_HEAD ",\"secctx\":\"system_u:object_r:unlabeled_t:s0\",\"use\":2,"
		 "\"delta_time\":10,\"helper\":\"ftp\",\"labels\":[1,3,34]}");
	CHECK_CT(ct, NFCT_T_UNKNOWN, NFCT_OF_TIMESTAMP, map,
		 "{" UDP_HEAD ",\"secctx\":\"system_u:object_r:unlabeled_t:s0\",\"use\":2,"
		 "\"timestamp\":{\"start\":1999999990123456789},"
		 "\"delta_time\":10,\"helper\":\"ftp\",\"labels\":[\"one\"]}");
	/* The clock behind the start: 0, not a wrapped number. */
	fake_now = 1000;
	CHECK_CT(ct, NFCT_T_UNKNOWN, 0, NULL,
		 "{" UDP_HEAD ",\"secctx\":\"system_u:object_r:unlabeled_t:s0\",\"use\":2,"
		 "\"delta_time\":0,\"helper\":\"ftp\",\"labels\":[1,3,34]}");
	fake_now = 2000000000;
	/* A stop time ends the delta. */
	nfct_set_attr_u64(ct, ATTR_TIMESTAMP_STOP, 0);
	CHECK_CT(ct, NFCT_T_UNKNOWN, NFCT_OF_TIMESTAMP, NULL,
		 "{" UDP_HEAD ",\"secctx\":\"system_u:object_r:unlabeled_t:s0\",\"use\":2,"
		 "\"timestamp\":{\"start\":1999999990123456789,\"stop\":0},"
		 "\"delta_time\":10,\"helper\":\"ftp\",\"labels\":[1,3,34]}");
	cur_type = NFCT_T_DESTROY;
	cur_flags = 15;
	cur_map = map;
	nfct_snprintf_labels(buf, sizeof(buf), ct, cur_type, NFCT_O_JSON, cur_flags, map);
	check_trunc(buf, print_ct, ct);
	nfct_destroy(ct);

	/* A secctx marked set by a program has no text: null. */
	ct = nfct_new();
	nfct_set_attr(ct, ATTR_SECCTX, "ignored");
	CHECK_CT(ct, NFCT_T_UNKNOWN, 0, NULL, "{\"orig\":{},\"reply\":{},\"secctx\":null}");
	nfct_destroy(ct);
	nfct_labelmap_destroy(map);
}

/* Every byte value and the UTF-8 corner cases, through the secctx. */
static void test_escaping(void)
{
	static char in[256], want[4096];
	struct nf_conntrack *ct;
	char *p = want;

	for (int c = 1; c < 256; c++)
		in[c - 1] = (char)c;
	p += sprintf(p, "{" UDP_HEAD ",\"secctx\":\"");
	for (int c = 1; c < 256; c++) {
		static const char *const named[] = {
			['\b'] = "\\b", ['\t'] = "\\t", ['\n'] = "\\n", ['\f'] = "\\f",
			['\r'] = "\\r", ['"'] = "\\\"", ['\\'] = "\\\\",
		};

		if (c < (int)(sizeof(named) / sizeof(named[0])) && named[c] != NULL)
			p += sprintf(p, "%s", named[c]);
		else if (c < 0x20)
			p += sprintf(p, "\\u%04x", c);
		else if (c < 0x80)
			*p++ = (char)c;
		else	/* no two consecutive bytes here make UTF-8 */
			p += sprintf(p, "\\ufffd");
	}
	sprintf(p, "\",\"use\":2,\"delta_time\":10,\"helper\":\"a\\\"b\\\\c\\u007f\",\"labels\":[1,3,34]}");
	/* \x7f passes unescaped: JSON allows it; put it back. */
	p = strstr(want, "\\u007f");
	memmove(p + 1, p + 6, strlen(p + 6) + 1);
	*p = 0x7f;
	ct = parsed_entry(in, "a\"b\\c\x7f");
	CHECK_CT(ct, NFCT_T_UNKNOWN, 0, NULL, want);
	nfct_destroy(ct);

	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80" },
		{ "\xc3", "\\ufffd" },				/* cut short */
		{ "a\xc3(", "a\\ufffd(" },
		{ "\xc0\xaf", "\\ufffd\\ufffd" },		/* overlong */
		{ "\xe0\x80\xaf", "\\ufffd\\ufffd\\ufffd" },
		{ "\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd" },	/* surrogate */
		{ "\xf4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd" },	/* > U+10FFFF */
		{ "\xf5", "\\ufffd" },
		{ "\xef\xbf\xbf\xf4\x8f\xbf\xbf", "\xef\xbf\xbf\xf4\x8f\xbf\xbf" },
		{ "\xe2\x82", "\\ufffd\\ufffd" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(want, sizeof(want),
			 "{" UDP_HEAD ",\"secctx\":\"%s\",\"use\":2,\"delta_time\":10,"
			 "\"labels\":[1,3,34]}", cases[i].out);
		ct = parsed_entry(cases[i].in, NULL);
		CHECK_CT(ct, NFCT_T_UNKNOWN, 0, NULL, want);
		nfct_destroy(ct);
	}
}

static struct nf_conntrack *tuple4(uint8_t l4, const char *src, const char *dst,
				   uint16_t sport, uint16_t dport)
{
	struct nf_conntrack *t = nfct_new();

	nfct_set_attr_u8(t, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(t, ATTR_IPV4_SRC, inet_addr(src));
	nfct_set_attr_u32(t, ATTR_IPV4_DST, inet_addr(dst));
	nfct_set_attr_u8(t, ATTR_L4PROTO, l4);
	nfct_set_attr_u16(t, ATTR_PORT_SRC, htons(sport));
	nfct_set_attr_u16(t, ATTR_PORT_DST, htons(dport));
	return t;
}

static void test_expect(void)
{
	struct nf_expect *exp = nfexp_new();
	struct nf_conntrack *m = tuple4(IPPROTO_TCP, "10.0.0.1", "10.0.0.2", 40000, 21);
	struct nf_conntrack *e = tuple4(IPPROTO_TCP, "10.0.0.2", "10.0.0.1", 0, 40001);
	struct nf_conntrack *k = tuple4(IPPROTO_TCP, "255.255.255.255", "255.255.255.255",
					0, 65535);
	struct nf_conntrack *n = tuple4(IPPROTO_TCP, "192.0.2.1", "0.0.0.0", 0, 2000);

	CHECK_EXP(exp, NFCT_T_UNKNOWN, 15, "{\"time\":2000000000}");
	CHECK_EXP(exp, NFCT_T_NEW, 0, "{\"type\":\"new\"}");
	nfexp_set_attr(exp, ATTR_EXP_MASTER, m);
	nfexp_set_attr(exp, ATTR_EXP_EXPECTED, e);
	nfexp_set_attr(exp, ATTR_EXP_MASK, k);
	nfexp_set_attr_u32(exp, ATTR_EXP_TIMEOUT, 300);
	nfexp_set_attr_u32(exp, ATTR_EXP_FLAGS, 0);
	nfexp_set_attr(exp, ATTR_EXP_HELPER_NAME, "ftp");
	CHECK_EXP(exp, NFCT_T_UNKNOWN, 0,
		  "{\"l4proto\":\"tcp\",\"l4protonum\":6,\"timeout\":300,"
		  "\"expected\":{\"src\":\"10.0.0.2\",\"dst\":\"10.0.0.1\",\"sport\":0,\"dport\":40001},"
		  "\"mask\":{\"src\":\"255.255.255.255\",\"dst\":\"255.255.255.255\",\"sport\":0,"
		  "\"dport\":65535},"
		  "\"master\":{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.2\",\"sport\":40000,\"dport\":21},"
		  "\"flags\":[],\"helper\":\"ftp\"}");

	nfexp_set_attr(exp, ATTR_EXP_NAT_TUPLE, n);
	nfexp_set_attr_u8(exp, ATTR_EXP_NAT_DIR, 1);
	nfexp_set_attr_u16(exp, ATTR_EXP_ZONE, 7);
	nfexp_set_attr_u32(exp, ATTR_EXP_CLASS, 1);
	nfexp_set_attr_u32(exp, ATTR_EXP_FLAGS, NF_CT_EXPECT_PERMANENT | NF_CT_EXPECT_INACTIVE |
			   NF_CT_EXPECT_USERSPACE | 8);
	nfexp_set_attr(exp, ATTR_EXP_FN, "nat-\"follow\"");
	static const char full[] =
		"{\"type\":\"destroy\",\"l3proto\":\"ipv4\",\"l3protonum\":2,"
		"\"l4proto\":\"tcp\",\"l4protonum\":6,\"timeout\":300,"
		"\"expected\":{\"src\":\"10.0.0.2\",\"dst\":\"10.0.0.1\",\"sport\":0,\"dport\":40001},"
		"\"mask\":{\"src\":\"255.255.255.255\",\"dst\":\"255.255.255.255\",\"sport\":0,"
		"\"dport\":65535},"
		"\"master\":{\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.2\",\"sport\":40000,\"dport\":21},"
		"\"nat\":{\"src\":\"192.0.2.1\",\"dst\":\"0.0.0.0\",\"sport\":0,\"dport\":2000},"
		"\"nat_dir\":1,\"zone\":7,"
		"\"flags\":[\"PERMANENT\",\"INACTIVE\",\"USERSPACE\",\"BIT_3\"],\"class\":1,"
		"\"helper\":\"ftp\",\"fn\":\"nat-\\\"follow\\\"\",\"time\":2000000000}";
	CHECK_EXP(exp, NFCT_T_DESTROY, NFCT_OF_SHOW_LAYER3 | NFCT_OF_TIME | NFCT_OF_ID |
		  NFCT_OF_TIMESTAMP, full);
	cur_type = NFCT_T_DESTROY;
	cur_flags = 15;
	check_trunc(full, print_exp, exp);

	nfexp_destroy(exp);
	nfct_destroy(m);
	nfct_destroy(e);
	nfct_destroy(k);
	nfct_destroy(n);
}

static void test_errors(void)
{
	struct nf_conntrack *ct = tcp_entry();
	struct nf_expect *exp = nfexp_new();

	CHECK_INT(NFCT_O_JSON, 2);
	CHECK_INT(NFCT_O_MAX, 3);
	CHECK_ERRNO(nfct_snprintf(buf, sizeof(buf), ct, 0, NFCT_O_MAX, 0), -1, ENOENT);
	CHECK_ERRNO(nfexp_snprintf(buf, sizeof(buf), exp, 0, NFCT_O_MAX, 0), -1, ENOENT);
	CHECK_ERRNO(nfct_snprintf(buf, sizeof(buf), NULL, 0, NFCT_O_JSON, 0), -1, EINVAL);
	CHECK_ERRNO(nfexp_snprintf(buf, sizeof(buf), NULL, 0, NFCT_O_JSON, 0), -1, EINVAL);
	CHECK_ERRNO(nfct_snprintf(NULL, 10, ct, 0, NFCT_O_JSON, 0), -1, EINVAL);
	nfct_destroy(ct);
	nfexp_destroy(exp);
}

int main(void)
{
	test_ours_only("JSON output");
	setenv("TZ", "UTC0", 1);
	tzset();
	test_types_and_flags();
	test_protocols();
	test_kernel_values();
	test_escaping();
	test_expect();
	test_errors();
	return test_done();
}
