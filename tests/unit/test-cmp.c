/*
 * nfct_cmp() with every flag, and nfct_compare(). Runs on both libraries.
 */
#include <arpa/inet.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"
#include "unit.h"

#define ALL	NFCT_CMP_ALL
#define ORIG	NFCT_CMP_ORIG
#define REPL	NFCT_CMP_REPL
#define MASK	NFCT_CMP_MASK
#define STRICT	NFCT_CMP_STRICT

/* Which part of the comparison looks at an attribute (ports and ICMP
 * fields aside: see test_layer4()). */
enum part { NEVER, TUPLE_ORIG, TUPLE_REPL, META };

static enum part part_of(unsigned int a)
{
	switch (a) {
	case ATTR_ORIG_IPV4_SRC: case ATTR_ORIG_IPV4_DST:
	case ATTR_ORIG_IPV6_SRC: case ATTR_ORIG_IPV6_DST:
	case ATTR_ORIG_L3PROTO: case ATTR_ORIG_L4PROTO: case ATTR_ORIG_ZONE:
		return TUPLE_ORIG;
	case ATTR_REPL_IPV4_SRC: case ATTR_REPL_IPV4_DST:
	case ATTR_REPL_IPV6_SRC: case ATTR_REPL_IPV6_DST:
	case ATTR_REPL_L3PROTO: case ATTR_REPL_L4PROTO: case ATTR_REPL_ZONE:
		return TUPLE_REPL;
	case ATTR_TCP_STATE: case ATTR_TIMEOUT: case ATTR_MARK: case ATTR_ID:
	case ATTR_STATUS: case ATTR_SCTP_STATE: case ATTR_DCCP_STATE: case ATTR_ZONE:
	case ATTR_SECCTX: case ATTR_CONNLABELS: case ATTR_CONNLABELS_MASK:
		return META;
	default:
		return NEVER;
	}
}

static bool is_l4_field(unsigned int a)
{
	return (a >= ATTR_ORIG_PORT_SRC && a <= ATTR_ICMP_ID);
}

/* Mark, zones: set in one object only, they still match MASK and STRICT
 * when their value is 0. */
static bool zero_rule(unsigned int a)
{
	return a == ATTR_MARK || a == ATTR_ZONE || a == ATTR_ORIG_ZONE || a == ATTR_REPL_ZONE;
}

/* A value of the attribute's type: v = 0 gives a zero value. */
static void set_value(struct nf_conntrack *ct, unsigned int a, uint8_t v)
{
	uint8_t buf[16];

	memset(buf, v, sizeof(buf));
	switch (a) {
	case ATTR_CONNLABELS:
	case ATTR_CONNLABELS_MASK: {
		struct nfct_bitmask *b = nfct_bitmask_new(31);

		if (v)
			nfct_bitmask_set_bit(b, v % 32);
		nfct_set_attr(ct, a, b);
		break;
	}
	case ATTR_HELPER_NAME:
		nfct_set_attr(ct, a, v ? "ftp" : "");
		break;
	case ATTR_HELPER_INFO:
		nfct_set_attr_l(ct, a, buf, 4);
		break;
	case ATTR_ICMP_TYPE:	/* types the original's answer table covers */
		nfct_set_attr_u8(ct, a, v == 0 ? 0 : v == 1 ? 8 : 13);
		break;
	default:
		nfct_set_attr(ct, a, buf);
		break;
	}
}

/* Each attribute with different values in both objects, and set in one
 * only, under every flag combination. */
static void test_each_attribute(void)
{
	for (unsigned int a = 0; a < NATTR_BOTH; a++) {
		if (is_l4_field(a))
			continue;
		enum part p = part_of(a);
		/* Kernel-only attributes and the secctx cannot hold different
		 * values set through the API. */
		bool can_differ = !(a >= ATTR_ORIG_COUNTER_PACKETS && a <= ATTR_USE) &&
				  a != ATTR_SECCTX && a != ATTR_TIMESTAMP_START &&
				  a != ATTR_TIMESTAMP_STOP;

		for (unsigned int flags = 0; flags < 128; flags++) {
			unsigned int sel = flags & ~(unsigned int)(MASK | STRICT);
			bool looked = (sel == ALL && p != NEVER) ||
				      (sel != ALL && (((flags & ORIG) && p == TUPLE_ORIG) ||
						      ((flags & REPL) && p == TUPLE_REPL)));
			struct nf_conntrack *c1 = nfct_new(), *c2 = nfct_new(), *e = nfct_new();

			set_value(c1, a, 1);
			set_value(c2, a, 2);
			CHECK_MSG(nfct_cmp(c1, c2, flags) == !(looked && can_differ),
				  "attr %u flags %u: different values give %d", a, flags,
				  nfct_cmp(c1, c2, flags));
			CHECK_INT(nfct_cmp(c1, c1, flags), 1);

			/* Set in the first only: MASK and STRICT fail it. */
			bool fails1 = looked && (flags & (MASK | STRICT));
			/* Set in the second only: STRICT fails it. */
			bool fails2 = looked && (flags & STRICT);

			CHECK_MSG(nfct_cmp(c1, e, flags) == !fails1, "attr %u flags %u: first only",
				  a, flags);
			CHECK_MSG(nfct_cmp(e, c1, flags) == !fails2, "attr %u flags %u: second only",
				  a, flags);

			/* With a zero value the mark and the zones match anyway. */
			struct nf_conntrack *z = nfct_new();

			set_value(z, a, 0);
			if (zero_rule(a)) {
				CHECK_INT(nfct_cmp(z, e, flags), 1);
				CHECK_INT(nfct_cmp(e, z, flags), 1);
			} else if (a != ATTR_SECCTX && (a < ATTR_ORIG_COUNTER_PACKETS ||
							a > ATTR_USE)) {
				CHECK_MSG(nfct_cmp(z, e, flags) == !fails1, "attr %u flags %u: zero",
					  a, flags);
			}
			nfct_destroy(z);
			nfct_destroy(c1);
			nfct_destroy(c2);
			nfct_destroy(e);
		}
	}
}

/*
 * Ports and ICMP fields are compared inside the layer-4 protocol: only
 * when both objects have it set and equal, and only for the protocols that
 * have them. The ICMP fields count for the reply tuple too when its
 * protocol is ICMP.
 */
static void test_layer4(void)
{
	static const struct {
		uint8_t proto;
		bool ports, icmp;
	} protos[] = {
		{ IPPROTO_TCP, true, false }, { IPPROTO_UDP, true, false },
		{ IPPROTO_UDPLITE, true, false }, { IPPROTO_SCTP, true, false },
		{ IPPROTO_DCCP, true, false }, { IPPROTO_ICMP, false, true },
		{ IPPROTO_ICMPV6, false, true }, { IPPROTO_GRE, false, false },
		{ 0, false, false }, { 255, false, false },
	};
	static const unsigned int fields[] = {
		ATTR_ORIG_PORT_SRC, ATTR_ORIG_PORT_DST, ATTR_REPL_PORT_SRC, ATTR_REPL_PORT_DST,
		ATTR_ICMP_TYPE, ATTR_ICMP_CODE, ATTR_ICMP_ID,
	};

	for (size_t i = 0; i < ARRAY_LEN(protos); i++) {
		for (size_t f = 0; f < ARRAY_LEN(fields); f++) {
			unsigned int a = fields[f];
			bool is_icmp = a >= ATTR_ICMP_TYPE;
			bool orig_field = a == ATTR_ORIG_PORT_SRC || a == ATTR_ORIG_PORT_DST;

			/* which: 0 the protocol in the original tuple, 1 in the
			 * reply; marks: set in both, in one, in none */
			for (int which = 0; which < 2; which++) {
				for (int marks = 0; marks < 3; marks++) {
					struct nf_conntrack *c1 = nfct_new(), *c2 = nfct_new();
					unsigned int l4 = which ? ATTR_REPL_L4PROTO : ATTR_ORIG_L4PROTO;

					nfct_set_attr_u8(c1, l4, protos[i].proto);
					nfct_set_attr_u8(c2, l4, protos[i].proto);
					if (marks >= 1)
						nfct_attr_unset(c2, l4);
					if (marks >= 2)
						nfct_attr_unset(c1, l4);
					set_value(c1, a, 1);
					set_value(c2, a, 2);

					bool in_tuple = is_icmp ? protos[i].icmp
								: protos[i].ports &&
								  orig_field == (which == 0);
					bool compared = marks == 0 && in_tuple;
					unsigned int part = which ? REPL : ORIG;

					CHECK_MSG(nfct_cmp(c1, c2, part) == !compared,
						  "proto %u attr %u which %d marks %d: %d",
						  protos[i].proto, a, which, marks,
						  nfct_cmp(c1, c2, part));
					CHECK_INT(nfct_cmp(c1, c2, ALL), !compared);
					CHECK_INT(nfct_cmp(c1, c2, which ? ORIG : REPL), 1);
					/* MASK and STRICT apply inside. */
					nfct_attr_unset(c2, a);
					/* (a protocol set in one object only fails
					 * STRICT by itself) */
					CHECK_INT(nfct_cmp(c1, c2, part | STRICT),
						  !compared && marks != 1);
					CHECK_INT(nfct_cmp(c2, c1, part | MASK), 1);
					nfct_destroy(c1);
					nfct_destroy(c2);
				}
			}
		}
	}

	/* Different protocols fail before their fields matter. */
	struct nf_conntrack *c1 = nfct_new(), *c2 = nfct_new();

	nfct_set_attr_u8(c1, ATTR_ORIG_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u8(c2, ATTR_ORIG_L4PROTO, IPPROTO_UDP);
	CHECK_INT(nfct_cmp(c1, c2, ORIG), 0);
	CHECK_INT(nfct_cmp(c1, c2, REPL), 1);
	nfct_destroy(c1);
	nfct_destroy(c2);
}

static void test_status(void)
{
	static const struct {
		uint32_t s1, s2;
		int want;
	} cases[] = {
		{ 0, 0, 1 }, { 0, 0xff, 1 }, { 0x3, 0x7, 1 }, { 0x7, 0x3, 0 },
		{ IPS_SEEN_REPLY, IPS_SEEN_REPLY | IPS_ASSURED, 1 },
		{ IPS_SEEN_REPLY | IPS_ASSURED, IPS_SEEN_REPLY, 0 }, { 0x10, 0x01, 0 },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct nf_conntrack *c1 = nfct_new(), *c2 = nfct_new();

		nfct_set_attr_u32(c1, ATTR_STATUS, cases[i].s1);
		nfct_set_attr_u32(c2, ATTR_STATUS, cases[i].s2);
		CHECK_MSG(nfct_cmp(c1, c2, ALL) == cases[i].want, "status %x vs %x",
			  cases[i].s1, cases[i].s2);
		CHECK_INT(nfct_compare(c1, c2), cases[i].want);
		nfct_destroy(c1);
		nfct_destroy(c2);
	}
}

/* Labels match on the bits set, whatever the bitmask sizes. */
static void test_labels(void)
{
	static const struct {
		unsigned int max1, bit1, max2, bit2;	/* bit ~0u: none */
		int want;
	} cases[] = {
		{ 31, 3, 31, 3, 1 }, { 31, 3, 31, 4, 0 }, { 31, 3, 127, 3, 1 },
		{ 127, 100, 31, ~0u, 0 }, { 31, ~0u, 127, 100, 0 }, { 0, ~0u, 127, ~0u, 1 },
		{ 63, 40, 127, 40, 1 },
	};

	for (int mask = 0; mask < 2; mask++) {
		unsigned int attr = mask ? ATTR_CONNLABELS_MASK : ATTR_CONNLABELS;

		for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
			struct nf_conntrack *c1 = nfct_new(), *c2 = nfct_new();
			struct nfct_bitmask *b1 = nfct_bitmask_new(cases[i].max1);
			struct nfct_bitmask *b2 = nfct_bitmask_new(cases[i].max2);

			if (cases[i].bit1 != ~0u)
				nfct_bitmask_set_bit(b1, cases[i].bit1);
			if (cases[i].bit2 != ~0u)
				nfct_bitmask_set_bit(b2, cases[i].bit2);
			nfct_set_attr(c1, attr, b1);
			nfct_set_attr(c2, attr, b2);
			CHECK_MSG(nfct_cmp(c1, c2, ALL) == cases[i].want, "attr %u case %zu",
				  attr, i);
			CHECK_INT(nfct_cmp(c2, c1, ALL), cases[i].want);
			CHECK_INT(nfct_cmp(c1, c2, ORIG | REPL), 1);
			nfct_destroy(c1);
			nfct_destroy(c2);
		}
	}
}

/* The NFCT_CMP_TIMEOUT_* flags change nothing: timeouts count with
 * NFCT_CMP_ALL only, for equality. */
static void test_timeout(void)
{
	static const uint32_t t[][2] = { { 5, 5 }, { 5, 7 }, { 7, 5 } };
	static const unsigned int flags[] = {
		NFCT_CMP_TIMEOUT_EQ, NFCT_CMP_TIMEOUT_GT, NFCT_CMP_TIMEOUT_LT,
		NFCT_CMP_TIMEOUT_GE, NFCT_CMP_TIMEOUT_LE, NFCT_CMP_TIMEOUT_EQ | ORIG,
		NFCT_CMP_TIMEOUT_GT | MASK | STRICT,
	};

	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		struct nf_conntrack *c1 = nfct_new(), *c2 = nfct_new();

		nfct_set_attr_u32(c1, ATTR_TIMEOUT, t[i][0]);
		nfct_set_attr_u32(c2, ATTR_TIMEOUT, t[i][1]);
		CHECK_INT(nfct_cmp(c1, c2, ALL), t[i][0] == t[i][1]);
		for (size_t f = 0; f < ARRAY_LEN(flags); f++)
			CHECK_INT(nfct_cmp(c1, c2, flags[f]), 1);
		nfct_destroy(c1);
		nfct_destroy(c2);
	}
}

/* Whole entries: nfct_compare() is nfct_cmp(NFCT_CMP_ALL). */
static void test_entries(void)
{
	struct nf_conntrack *c1 = nfct_new();

	nfct_set_attr_u8(c1, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(c1, ATTR_IPV4_SRC, htonl(0x0a000001));
	nfct_set_attr_u32(c1, ATTR_IPV4_DST, htonl(0x0a000002));
	nfct_set_attr_u8(c1, ATTR_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(c1, ATTR_PORT_SRC, htons(1000));
	nfct_set_attr_u16(c1, ATTR_PORT_DST, htons(22));
	nfct_setobjopt(c1, NFCT_SOPT_SETUP_REPLY);
	nfct_set_attr_u32(c1, ATTR_MARK, 1);
	nfct_set_attr_u8(c1, ATTR_TCP_STATE, 3);

	struct nf_conntrack *c2 = nfct_clone(c1);

	CHECK_INT(nfct_compare(c1, c2), 1);
	for (unsigned int f = 0; f < 128; f++)
		CHECK_INT(nfct_cmp(c1, c2, f), 1);
	nfct_set_attr_u16(c2, ATTR_REPL_PORT_SRC, htons(23));
	CHECK_INT(nfct_compare(c1, c2), 0);
	CHECK_INT(nfct_cmp(c1, c2, ORIG), 1);
	CHECK_INT(nfct_cmp(c1, c2, REPL), 0);
	nfct_set_attr_u16(c2, ATTR_REPL_PORT_SRC, htons(22));
	nfct_set_attr_u8(c2, ATTR_TCP_STATE, 4);
	CHECK_INT(nfct_compare(c1, c2), 0);
	CHECK_INT(nfct_cmp(c1, c2, ORIG | REPL), 1);
	/* The SCTP state is the TCP state's storage: setting it to 3 makes
	 * the TCP states equal again; set in c2 only, it fails STRICT. */
	nfct_set_attr_u8(c2, ATTR_SCTP_STATE, 3);
	CHECK_INT(nfct_get_attr_u8(c2, ATTR_TCP_STATE), 3);
	CHECK_INT(nfct_compare(c1, c2), 1);
	CHECK_INT(nfct_cmp(c1, c2, ALL | MASK), 1);
	CHECK_INT(nfct_cmp(c1, c2, ALL | STRICT), 0);
	CHECK_INT(nfct_cmp(c2, c1, ALL | MASK), 0);

	/* The security context set through the API holds nothing: equal. */
	nfct_set_attr(c1, ATTR_SECCTX, "a");
	nfct_set_attr(c2, ATTR_SECCTX, "b");
	CHECK_INT(nfct_compare(c1, c2), 1);
	nfct_destroy(c1);
	nfct_destroy(c2);
}

int main(void)
{
	test_each_attribute();
	test_layer4();
	test_status();
	test_labels();
	test_timeout();
	test_entries();
	return test_done();
}
