/*
 * Conntrack attributes: set, get, unset, the typed forms, what unset
 * attributes read as, the attributes that share storage, the setters'
 * side effects, and the errors. Runs on both libraries.
 */
#include <arpa/inet.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"
#include "unit.h"

#define NATTR	NATTR_BOTH

/* Integer attributes, their width, and whether a value set through the API
 * is kept (the counters, use and timestamps only ever come from the
 * kernel: setting them marks them and stores nothing). */
static const struct {
	enum nf_conntrack_attr attr;
	unsigned int width;
	bool kernel;
} ints[] = {
	{ ATTR_ORIG_IPV4_SRC, 4, false }, { ATTR_ORIG_IPV4_DST, 4, false },
	{ ATTR_REPL_IPV4_SRC, 4, false }, { ATTR_REPL_IPV4_DST, 4, false },
	{ ATTR_ORIG_PORT_SRC, 2, false }, { ATTR_ORIG_PORT_DST, 2, false },
	{ ATTR_REPL_PORT_SRC, 2, false }, { ATTR_REPL_PORT_DST, 2, false },
	{ ATTR_ICMP_TYPE, 1, false }, { ATTR_ICMP_CODE, 1, false }, { ATTR_ICMP_ID, 2, false },
	{ ATTR_ORIG_L3PROTO, 1, false }, { ATTR_REPL_L3PROTO, 1, false },
	{ ATTR_ORIG_L4PROTO, 1, false }, { ATTR_REPL_L4PROTO, 1, false },
	{ ATTR_TCP_STATE, 1, false }, { ATTR_SNAT_IPV4, 4, false }, { ATTR_DNAT_IPV4, 4, false },
	{ ATTR_SNAT_PORT, 2, false }, { ATTR_DNAT_PORT, 2, false },
	{ ATTR_TIMEOUT, 4, false }, { ATTR_MARK, 4, false },
	{ ATTR_ORIG_COUNTER_PACKETS, 8, true }, { ATTR_REPL_COUNTER_PACKETS, 8, true },
	{ ATTR_ORIG_COUNTER_BYTES, 8, true }, { ATTR_REPL_COUNTER_BYTES, 8, true },
	{ ATTR_USE, 4, true }, { ATTR_ID, 4, false }, { ATTR_STATUS, 4, false },
	{ ATTR_TCP_FLAGS_ORIG, 1, false }, { ATTR_TCP_FLAGS_REPL, 1, false },
	{ ATTR_TCP_MASK_ORIG, 1, false }, { ATTR_TCP_MASK_REPL, 1, false },
	{ ATTR_MASTER_IPV4_SRC, 4, false }, { ATTR_MASTER_IPV4_DST, 4, false },
	{ ATTR_MASTER_PORT_SRC, 2, false }, { ATTR_MASTER_PORT_DST, 2, false },
	{ ATTR_MASTER_L3PROTO, 1, false }, { ATTR_MASTER_L4PROTO, 1, false },
	{ ATTR_SECMARK, 4, false },
	{ ATTR_ORIG_NAT_SEQ_CORRECTION_POS, 4, false }, { ATTR_ORIG_NAT_SEQ_OFFSET_BEFORE, 4, false },
	{ ATTR_ORIG_NAT_SEQ_OFFSET_AFTER, 4, false }, { ATTR_REPL_NAT_SEQ_CORRECTION_POS, 4, false },
	{ ATTR_REPL_NAT_SEQ_OFFSET_BEFORE, 4, false }, { ATTR_REPL_NAT_SEQ_OFFSET_AFTER, 4, false },
	{ ATTR_SCTP_STATE, 1, false }, { ATTR_SCTP_VTAG_ORIG, 4, false },
	{ ATTR_SCTP_VTAG_REPL, 4, false }, { ATTR_DCCP_STATE, 1, false },
	{ ATTR_DCCP_ROLE, 1, false }, { ATTR_DCCP_HANDSHAKE_SEQ, 8, false },
	{ ATTR_TCP_WSCALE_ORIG, 1, false }, { ATTR_TCP_WSCALE_REPL, 1, false },
	{ ATTR_ZONE, 2, false }, { ATTR_TIMESTAMP_START, 8, true }, { ATTR_TIMESTAMP_STOP, 8, true },
	{ ATTR_ORIG_ZONE, 2, false }, { ATTR_REPL_ZONE, 2, false },
	{ ATTR_SYNPROXY_ISN, 4, false }, { ATTR_SYNPROXY_ITS, 4, false },
	{ ATTR_SYNPROXY_TSOFF, 4, false },
};

static const enum nf_conntrack_attr addrs16[] = {
	ATTR_ORIG_IPV6_SRC, ATTR_ORIG_IPV6_DST, ATTR_REPL_IPV6_SRC, ATTR_REPL_IPV6_DST,
	ATTR_MASTER_IPV6_SRC, ATTR_MASTER_IPV6_DST, ATTR_SNAT_IPV6, ATTR_DNAT_IPV6,
};

/* A value of the given width, different per attribute and per round. */
static uint64_t pattern(unsigned int attr, unsigned int width, unsigned int round)
{
	uint64_t v = UINT64_C(0x8070605040302010) + attr * UINT64_C(0x0101010101010101) + round;

	return width == 8 ? v : v & ((UINT64_C(1) << (8 * width)) - 1);
}

static void set_typed(struct nf_conntrack *ct, unsigned int attr, unsigned int width, uint64_t v)
{
	switch (width) {
	case 1: nfct_set_attr_u8(ct, attr, (uint8_t)v); break;
	case 2: nfct_set_attr_u16(ct, attr, (uint16_t)v); break;
	case 4: nfct_set_attr_u32(ct, attr, (uint32_t)v); break;
	default: nfct_set_attr_u64(ct, attr, v); break;
	}
}

static uint64_t get_typed(const struct nf_conntrack *ct, unsigned int attr, unsigned int width)
{
	switch (width) {
	case 1: return nfct_get_attr_u8(ct, attr);
	case 2: return nfct_get_attr_u16(ct, attr);
	case 4: return nfct_get_attr_u32(ct, attr);
	default: return nfct_get_attr_u64(ct, attr);
	}
}

static uint64_t read_ptr(const void *p, unsigned int width)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	switch (width) {
	case 1: memcpy(&u8, p, 1); return u8;
	case 2: memcpy(&u16, p, 2); return u16;
	case 4: memcpy(&u32, p, 4); return u32;
	default: memcpy(&u64, p, 8); return u64;
	}
}

/* A new object has nothing set; unset attributes read as NULL (ENODATA)
 * and the typed getters as 0 (ENODATA). */
static void test_unset_reads(void)
{
	struct nf_conntrack *ct = nfct_new();

	CHECK(ct != NULL);
	for (unsigned int a = 0; a < NATTR; a++) {
		CHECK_ERRNO(nfct_attr_is_set(ct, a), 0, 0);
		CHECK_NULL_ERRNO(nfct_get_attr(ct, a), ENODATA);
	}
	for (size_t i = 0; i < ARRAY_LEN(ints); i++) {
		CHECK_ERRNO(nfct_get_attr_u8(ct, ints[i].attr), 0, ENODATA);
		CHECK_ERRNO(nfct_get_attr_u16(ct, ints[i].attr), 0, ENODATA);
		CHECK_ERRNO(nfct_get_attr_u32(ct, ints[i].attr), 0, ENODATA);
		CHECK_ERRNO(nfct_get_attr_u64(ct, ints[i].attr), 0, ENODATA);
	}
	nfct_destroy(ct);
}

/* Every integer attribute through each way of setting it. */
static void test_integers(void)
{
	for (size_t i = 0; i < ARRAY_LEN(ints); i++) {
		unsigned int a = ints[i].attr, w = ints[i].width;

		for (unsigned int how = 0; how < 3; how++) {
			struct nf_conntrack *ct = nfct_new();
			uint64_t v = pattern(a, w, how), want = ints[i].kernel ? 0 : v;
			unsigned char buf[8];

			if (a == ATTR_ICMP_TYPE)
				v = want = 8;		/* a type the original's table covers */
			memcpy(buf, &v, sizeof(buf));	/* little-endian: low bytes first */
			switch (how) {
			case 0: set_typed(ct, a, w, v); break;
			case 1: nfct_set_attr(ct, a, buf); break;
			default: nfct_set_attr_l(ct, a, buf, w); break;
			}
			CHECK_MSG(nfct_attr_is_set(ct, a) == 1, "attr %u how %u not set", a, how);
			errno = 0;
			const void *p = nfct_get_attr(ct, a);
			int e = errno;

			CHECK_MSG(p != NULL && e == 0, "attr %u: get %p errno %d", a, p, e);
			if (p != NULL)
				CHECK_MSG(read_ptr(p, w) == want, "attr %u how %u: stored %" PRIx64
					  ", want %" PRIx64, a, how, read_ptr(p, w), want);
			errno = 0;
			uint64_t got = get_typed(ct, a, w);

			e = errno;
			CHECK_MSG(got == want && e == 0, "attr %u how %u: typed %" PRIx64
				  " errno %d, want %" PRIx64, a, how, got, e, want);

			/* Unset: the mark goes, reads fail again. */
			CHECK_ERRNO(nfct_attr_unset(ct, a), 0, 0);
			CHECK_INT(nfct_attr_is_set(ct, a), 0);
			CHECK_NULL_ERRNO(nfct_get_attr(ct, a), ENODATA);
			errno = 0;
			got = get_typed(ct, a, w);
			e = errno;
			CHECK_MSG(got == 0 && e == ENODATA, "attr %u unset: %" PRIx64 "/%d", a, got, e);
			nfct_destroy(ct);
		}
	}
}

/* 16-byte addresses. */
static void test_addresses(void)
{
	for (size_t i = 0; i < ARRAY_LEN(addrs16); i++) {
		struct nf_conntrack *ct = nfct_new();
		uint8_t v[16];

		for (unsigned int k = 0; k < 16; k++)
			v[k] = (uint8_t)(addrs16[i] * 16 + k);
		nfct_set_attr(ct, addrs16[i], v);
		CHECK_INT(nfct_attr_is_set(ct, addrs16[i]), 1);
		const void *p = nfct_get_attr(ct, addrs16[i]);

		CHECK(p != NULL);
		if (p != NULL)
			CHECK_MEM(p, v, 16);
		/* The IPv4 view is the first word. */
		uint32_t w;

		memcpy(&w, v, 4);
		CHECK_UINT(nfct_get_attr_u32(ct, addrs16[i]), w);
		nfct_destroy(ct);
	}
}

/*
 * Attributes that share storage: setting one changes what the other reads
 * (when both are set). These overlays are the original's, and programs can
 * see them.
 */
static void test_overlays(void)
{
	struct nf_conntrack *ct = nfct_new();
	static const uint8_t six[16] = { 0x20, 0x01, 0x0d, 0xb8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	uint32_t v4;

	/* IPv4 is the first word of the IPv6 address. */
	nfct_set_attr(ct, ATTR_ORIG_IPV6_SRC, six);
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_SRC, htonl(0x0a000001));
	memcpy(&v4, nfct_get_attr(ct, ATTR_ORIG_IPV6_SRC), 4);
	CHECK_UINT(v4, htonl(0x0a000001));
	CHECK_MEM((const uint8_t *)nfct_get_attr(ct, ATTR_ORIG_IPV6_SRC) + 4, six + 4, 12);
	nfct_set_attr(ct, ATTR_SNAT_IPV6, six);
	nfct_set_attr_u32(ct, ATTR_SNAT_IPV4, 7);
	CHECK_UINT(nfct_get_attr_u32(ct, ATTR_SNAT_IPV6), 7);
	CHECK_MEM((const uint8_t *)nfct_get_attr(ct, ATTR_SNAT_IPV6) + 4, six + 4, 12);

	/* ICMP id is the source port, type and code the destination port. */
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_SRC, htons(1000));
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, 0);
	nfct_set_attr_u16(ct, ATTR_ICMP_ID, 0x1234);
	CHECK_UINT(nfct_get_attr_u16(ct, ATTR_ORIG_PORT_SRC), 0x1234);
	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u8(ct, ATTR_ICMP_TYPE, 8);
	nfct_set_attr_u8(ct, ATTR_ICMP_CODE, 3);
	const uint8_t *dport = nfct_get_attr(ct, ATTR_ORIG_PORT_DST);

	CHECK(dport[0] == 8 && dport[1] == 3);

	/* TCP, SCTP and DCCP share their state. */
	nfct_set_attr_u8(ct, ATTR_TCP_STATE, 3);
	nfct_set_attr_u8(ct, ATTR_SCTP_STATE, 5);
	CHECK_UINT(nfct_get_attr_u8(ct, ATTR_TCP_STATE), 5);
	nfct_set_attr_u8(ct, ATTR_DCCP_STATE, 6);
	CHECK_UINT(nfct_get_attr_u8(ct, ATTR_TCP_STATE), 6);
	CHECK_UINT(nfct_get_attr_u8(ct, ATTR_SCTP_STATE), 6);

	/* DCCP role is the original TCP flags. */
	nfct_set_attr_u8(ct, ATTR_TCP_FLAGS_ORIG, 0x11);
	nfct_set_attr_u8(ct, ATTR_DCCP_ROLE, 2);
	CHECK_UINT(nfct_get_attr_u8(ct, ATTR_TCP_FLAGS_ORIG), 2);

	/* The reply TCP mask and the window scales are the first bytes of
	 * the original SCTP vtag. */
	nfct_set_attr_u32(ct, ATTR_SCTP_VTAG_ORIG, 0);
	nfct_set_attr_u8(ct, ATTR_TCP_MASK_REPL, 0xaa);
	nfct_set_attr_u8(ct, ATTR_TCP_WSCALE_ORIG, 0xbb);
	nfct_set_attr_u8(ct, ATTR_TCP_WSCALE_REPL, 0xcc);
	CHECK_UINT(nfct_get_attr_u32(ct, ATTR_SCTP_VTAG_ORIG), 0x00ccbbaa);
	nfct_set_attr_u8(ct, ATTR_TCP_FLAGS_REPL, 0x55);
	nfct_set_attr_u8(ct, ATTR_TCP_MASK_ORIG, 0x66);
	CHECK_UINT(nfct_get_attr_u32(ct, ATTR_SCTP_VTAG_ORIG), 0x00ccbbaa);

	/* The reply vtag is the low half of the DCCP handshake sequence. */
	nfct_set_attr_u64(ct, ATTR_DCCP_HANDSHAKE_SEQ, UINT64_C(0x1122334455667788));
	nfct_set_attr_u32(ct, ATTR_SCTP_VTAG_REPL, 0xdeadbeef);
	CHECK_UINT(nfct_get_attr_u64(ct, ATTR_DCCP_HANDSHAKE_SEQ), UINT64_C(0x11223344deadbeef));

	/* The zones are three different attributes. */
	nfct_set_attr_u16(ct, ATTR_ZONE, 1);
	nfct_set_attr_u16(ct, ATTR_ORIG_ZONE, 2);
	nfct_set_attr_u16(ct, ATTR_REPL_ZONE, 3);
	CHECK_UINT(nfct_get_attr_u16(ct, ATTR_ZONE), 1);
	CHECK_UINT(nfct_get_attr_u16(ct, ATTR_ORIG_ZONE), 2);
	CHECK_UINT(nfct_get_attr_u16(ct, ATTR_REPL_ZONE), 3);
	nfct_destroy(ct);
}

/* The ICMP setters write the reply tuple too (its type, code and id share
 * storage with the reply ports); the answer depends on the original
 * tuple's layer-3 protocol, set or not. */
static void test_icmp_side_effects(void)
{
	static const struct {
		uint8_t l3, type, answer;
	} answers[] = {
		{ AF_INET, 8, 0 }, { AF_INET, 0, 8 }, { AF_INET, 13, 14 }, { AF_INET, 14, 13 },
		{ AF_INET, 15, 16 }, { AF_INET, 16, 15 }, { AF_INET, 17, 18 }, { AF_INET, 18, 17 },
		{ AF_INET, 3, 255 }, { AF_INET, 11, 255 }, { AF_INET, 1, 255 },
		{ AF_INET6, 128, 129 }, { AF_INET6, 129, 128 }, { AF_INET6, 139, 140 },
		{ AF_INET6, 140, 139 }, { AF_INET6, 130, 255 }, { AF_INET6, 135, 255 },
		{ 0, 8, 255 }, { 0, 128, 255 }, { 7, 0, 255 }, { 7, 200, 255 },
	};

	for (size_t i = 0; i < ARRAY_LEN(answers); i++) {
		struct nf_conntrack *ct = nfct_new();

		nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, answers[i].l3);
		nfct_attr_unset(ct, ATTR_ORIG_L3PROTO);	/* the stored value counts */
		nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(0x7777));
		nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, 0x6666);
		nfct_set_attr_u8(ct, ATTR_ICMP_TYPE, answers[i].type);

		const uint8_t *rdst = nfct_get_attr(ct, ATTR_REPL_PORT_DST);

		CHECK_MSG(rdst[0] == answers[i].answer, "l3 %u type %u: answer %u, want %u",
			  answers[i].l3, answers[i].type, rdst[0], answers[i].answer);
		CHECK_UINT(rdst[1], 0x77);	/* the code is left alone */
		CHECK_UINT(nfct_get_attr_u16(ct, ATTR_REPL_PORT_SRC), 0x6666);
		/* Only ATTR_ICMP_TYPE is marked. */
		CHECK_INT(nfct_attr_is_set(ct, ATTR_ORIG_L3PROTO), 0);
		CHECK_INT(nfct_attr_is_set(ct, ATTR_ICMP_CODE), 0);

		nfct_set_attr_u8(ct, ATTR_ICMP_CODE, 4);
		CHECK_UINT(rdst[1], 4);
		CHECK_UINT(rdst[0], answers[i].answer);
		nfct_set_attr_u16(ct, ATTR_ICMP_ID, htons(99));
		CHECK_UINT(nfct_get_attr_u16(ct, ATTR_REPL_PORT_SRC), htons(99));
		CHECK_UINT(nfct_get_attr_u16(ct, ATTR_ORIG_PORT_SRC), 0);	/* unset */
		nfct_destroy(ct);
	}
}

/* Strings, the helper info, the security context and the labels. */
static void test_special(void)
{
	struct nf_conntrack *ct = nfct_new();

	/* Helper names keep at most NFCT_HELPER_NAME_MAX - 1 characters. */
	nfct_set_attr(ct, ATTR_HELPER_NAME, "ftp");
	CHECK_STR(nfct_get_attr(ct, ATTR_HELPER_NAME), "ftp");
	nfct_set_attr(ct, ATTR_HELPER_NAME, "abcdefghijklmnopqrstuvwxyz");
	CHECK_STR(nfct_get_attr(ct, ATTR_HELPER_NAME), "abcdefghijklmno");
	nfct_set_attr_l(ct, ATTR_HELPER_NAME, "sip", 4);
	CHECK_STR(nfct_get_attr(ct, ATTR_HELPER_NAME), "sip");
	nfct_set_attr(ct, ATTR_HELPER_NAME, "");
	CHECK_STR(nfct_get_attr(ct, ATTR_HELPER_NAME), "");
	CHECK_INT(nfct_attr_is_set(ct, ATTR_HELPER_NAME), 1);

	/* The helper info is copied with its length. */
	static const uint8_t info[5] = { 9, 8, 7, 6, 5 };

	nfct_set_attr_l(ct, ATTR_HELPER_INFO, info, sizeof(info));
	CHECK_INT(nfct_attr_is_set(ct, ATTR_HELPER_INFO), 1);
	const void *p = nfct_get_attr(ct, ATTR_HELPER_INFO);

	CHECK(p != NULL && p != (const void *)info);
	if (p != NULL)
		CHECK_MEM(p, info, sizeof(info));
	/* Without a length it is an empty buffer, but still a pointer. */
	nfct_set_attr(ct, ATTR_HELPER_INFO, info);
	CHECK(nfct_get_attr(ct, ATTR_HELPER_INFO) != NULL);

	/* The security context cannot be set by a program: marked, but NULL
	 * (and errno left alone). */
	nfct_set_attr(ct, ATTR_SECCTX, "system_u:object_r:x:s0");
	CHECK_INT(nfct_attr_is_set(ct, ATTR_SECCTX), 1);
	CHECK_ERRNO(nfct_get_attr(ct, ATTR_SECCTX) == NULL, 1, 0);

	/* Labels: the object takes the bitmask itself. */
	struct nfct_bitmask *b = nfct_bitmask_new(127), *m = nfct_bitmask_new(31);

	nfct_bitmask_set_bit(b, 100);
	nfct_set_attr(ct, ATTR_CONNLABELS, b);
	nfct_set_attr(ct, ATTR_CONNLABELS_MASK, m);
	CHECK(nfct_get_attr(ct, ATTR_CONNLABELS) == b);
	CHECK(nfct_get_attr(ct, ATTR_CONNLABELS_MASK) == m);
	/* Setting the same bitmask again keeps it. */
	nfct_set_attr(ct, ATTR_CONNLABELS, b);
	CHECK(nfct_get_attr(ct, ATTR_CONNLABELS) == b);
	CHECK_INT(nfct_bitmask_test_bit(b, 100), 1);
	/* Unset keeps the bitmask alive (and owned); a new one replaces it. */
	nfct_attr_unset(ct, ATTR_CONNLABELS);
	CHECK_NULL_ERRNO(nfct_get_attr(ct, ATTR_CONNLABELS), ENODATA);
	CHECK_INT(nfct_bitmask_test_bit(b, 100), 1);
	struct nfct_bitmask *c = nfct_bitmask_new(0);

	nfct_set_attr(ct, ATTR_CONNLABELS, c);
	CHECK(nfct_get_attr(ct, ATTR_CONNLABELS) == c);
	nfct_destroy(ct);	/* frees c and m */
}

static void test_is_set_array(void)
{
	struct nf_conntrack *ct = nfct_new();
	static const struct {
		enum nf_conntrack_attr list[4];
		int n, ret, err;
	} cases[] = {
		{ { ATTR_MARK, ATTR_ZONE }, 2, 1, 0 },
		{ { ATTR_MARK }, 1, 1, 0 },
		{ { ATTR_MARK, ATTR_ID, ATTR_ZONE }, 3, 0, 0 },
		{ { ATTR_ID, 1000 }, 2, 0, 0 },		/* stops at the first unset */
		{ { ATTR_MARK, 1000 }, 2, -1, EINVAL },	/* ... or out-of-range one */
		{ { 76, ATTR_ID }, 2, -1, EINVAL },
		{ { ATTR_ID }, 0, 1, 0 },		/* empty list */
		{ { ATTR_ID }, -3, 1, 0 },
	};

	nfct_set_attr_u32(ct, ATTR_MARK, 1);
	nfct_set_attr_u16(ct, ATTR_ZONE, 1);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		CHECK_ERRNO(nfct_attr_is_set_array(ct, cases[i].list, cases[i].n),
			    cases[i].ret, cases[i].err);
	nfct_destroy(ct);
}

/* Out-of-range attributes, in both libraries: 76 and above. */
static void test_out_of_range(void)
{
	struct nf_conntrack *ct = nfct_new();
	static const unsigned int bad[] = { 76, 77, 100, 1000, 0x7fffffff };

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		CHECK_NULL_ERRNO(nfct_get_attr(ct, bad[i]), EINVAL);
		CHECK_ERRNO(nfct_get_attr_u32(ct, bad[i]), 0, EINVAL);
		CHECK_ERRNO(nfct_attr_is_set(ct, bad[i]), -1, EINVAL);
		CHECK_ERRNO(nfct_attr_unset(ct, bad[i]), -1, EINVAL);
		nfct_set_attr_u32(ct, bad[i], 1);	/* ignored */
	}
	for (unsigned int a = 0; a < NATTR; a++)
		CHECK_INT(nfct_attr_is_set(ct, a), 0);
	nfct_destroy(ct);
}

int main(void)
{
	test_unset_reads();
	test_integers();
	test_addresses();
	test_overlays();
	test_icmp_side_effects();
	test_special();
	test_is_set_array();
	test_out_of_range();
	return test_done();
}
