/*
 * nfct_copy() with every flag, and nfct_copy_attr(). Runs on both
 * libraries.
 */
#include <arpa/inet.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"
#include "unit.h"

/* Which selection copies an attribute: the original tuple, the reply
 * tuple, or the rest (the tuple zones are part of the rest). */
enum part { ORIG, REPL, META };

static enum part part_of(unsigned int a)
{
	switch (a) {
	case ATTR_ORIG_IPV4_SRC: case ATTR_ORIG_IPV4_DST:
	case ATTR_ORIG_IPV6_SRC: case ATTR_ORIG_IPV6_DST:
	case ATTR_ORIG_PORT_SRC: case ATTR_ORIG_PORT_DST:
	case ATTR_ICMP_TYPE: case ATTR_ICMP_CODE: case ATTR_ICMP_ID:
	case ATTR_ORIG_L3PROTO: case ATTR_ORIG_L4PROTO:
		return ORIG;
	case ATTR_REPL_IPV4_SRC: case ATTR_REPL_IPV4_DST:
	case ATTR_REPL_IPV6_SRC: case ATTR_REPL_IPV6_DST:
	case ATTR_REPL_PORT_SRC: case ATTR_REPL_PORT_DST:
	case ATTR_REPL_L3PROTO: case ATTR_REPL_L4PROTO:
		return REPL;
	default:
		return META;
	}
}

/* Sets attribute a with a value of its type (v picks which). */
static void set_value(struct nf_conntrack *ct, unsigned int a, uint8_t v)
{
	uint8_t buf[16];

	memset(buf, v, sizeof(buf));
	switch (a) {
	case ATTR_CONNLABELS:
	case ATTR_CONNLABELS_MASK: {
		struct nfct_bitmask *b = nfct_bitmask_new(63);

		nfct_bitmask_set_bit(b, v % 64);
		nfct_set_attr(ct, a, b);
		break;
	}
	case ATTR_HELPER_NAME:
		nfct_set_attr(ct, a, v == 1 ? "ftp" : "sip");
		break;
	case ATTR_HELPER_INFO:
		nfct_set_attr_l(ct, a, buf, 4);
		break;
	case ATTR_ICMP_TYPE:
		nfct_set_attr_u8(ct, a, v == 1 ? 8 : 0);
		break;
	default:
		nfct_set_attr(ct, a, buf);
		break;
	}
}

/* Every attribute alone, every selection. */
static void test_selections(void)
{
	for (unsigned int flags = 0; flags < 16; flags++) {
		for (unsigned int a = 0; a < NATTR_BOTH; a++) {
			struct nf_conntrack *src = nfct_new(), *dst = nfct_new();
			bool want;

			set_value(src, a, 1);
			nfct_copy(dst, src, flags);
			if (flags == NFCT_CP_ALL || (flags & NFCT_CP_OVERRIDE))
				want = true;
			else
				want = (part_of(a) == ORIG && (flags & NFCT_CP_ORIG)) ||
				       (part_of(a) == REPL && (flags & NFCT_CP_REPL)) ||
				       (part_of(a) == META && (flags & NFCT_CP_META));
			CHECK_MSG(nfct_attr_is_set(dst, a) == want, "flags %u attr %u: is_set %d",
				  flags, a, nfct_attr_is_set(dst, a));
			for (unsigned int b = 0; b < NATTR_BOTH; b++)
				if (b != a)
					CHECK_INT(nfct_attr_is_set(dst, b), 0);
			nfct_destroy(src);
			nfct_destroy(dst);
		}
	}
	/* Unknown bits alone select nothing. */
	struct nf_conntrack *src = nfct_new(), *dst = nfct_new();

	set_value(src, ATTR_MARK, 1);
	set_value(src, ATTR_ORIG_PORT_SRC, 1);
	nfct_copy(dst, src, 0x10);
	nfct_copy(dst, src, 0x100);
	CHECK_INT(nfct_attr_is_set(dst, ATTR_MARK), 0);
	CHECK_INT(nfct_attr_is_set(dst, ATTR_ORIG_PORT_SRC), 0);
	nfct_destroy(src);
	nfct_destroy(dst);
}

/* Values: copied ones replace, the others stay; marks of attributes unset
 * in the source stay as they were in the destination. */
static void test_values(void)
{
	struct nf_conntrack *src = nfct_new(), *dst = nfct_new();

	nfct_set_attr_u32(src, ATTR_MARK, 1);
	nfct_set_attr_u32(src, ATTR_ORIG_IPV4_SRC, htonl(0x0a000001));
	nfct_set_attr_u32(dst, ATTR_MARK, 2);
	nfct_set_attr_u32(dst, ATTR_ID, 3);
	nfct_set_attr_u32(dst, ATTR_ORIG_IPV4_SRC, htonl(0x0a000002));
	nfct_copy(dst, src, NFCT_CP_META);
	CHECK_UINT(nfct_get_attr_u32(dst, ATTR_MARK), 1);
	CHECK_UINT(nfct_get_attr_u32(dst, ATTR_ID), 3);
	CHECK_UINT(nfct_get_attr_u32(dst, ATTR_ORIG_IPV4_SRC), htonl(0x0a000002));
	nfct_copy(dst, src, NFCT_CP_ALL);
	CHECK_UINT(nfct_get_attr_u32(dst, ATTR_ORIG_IPV4_SRC), htonl(0x0a000001));
	CHECK_UINT(nfct_get_attr_u32(dst, ATTR_ID), 3);

	/* IPv4 copies copy 4 bytes: the rest of the IPv6 view stays. */
	static const uint8_t six[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

	nfct_set_attr(dst, ATTR_ORIG_IPV6_SRC, six);
	nfct_copy(dst, src, NFCT_CP_ORIG);
	const uint8_t *p = nfct_get_attr(dst, ATTR_ORIG_IPV6_SRC);

	CHECK_UINT(nfct_get_attr_u32(dst, ATTR_ORIG_IPV6_SRC), htonl(0x0a000001));
	CHECK_MEM(p + 4, six + 4, 12);

	/* OVERRIDE: an exact copy, unset attributes and their stored values
	 * included (which nfct_getobjopt() shows). */
	nfct_set_attr_u8(src, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u32(src, ATTR_REPL_IPV4_DST, htonl(0x0a0000ff));
	nfct_attr_unset(src, ATTR_ORIG_L3PROTO);
	nfct_attr_unset(src, ATTR_REPL_IPV4_DST);
	nfct_copy(dst, src, NFCT_CP_OVERRIDE | NFCT_CP_ORIG);
	for (unsigned int a = 0; a < NATTR_BOTH; a++)
		CHECK_INT(nfct_attr_is_set(dst, a), nfct_attr_is_set(src, a));
	CHECK_INT(nfct_attr_is_set(dst, ATTR_ID), 0);
	CHECK_INT(nfct_getobjopt(dst, NFCT_GOPT_IS_SNAT), 1);
	CHECK_INT(nfct_cmp(src, dst, NFCT_CMP_ALL | NFCT_CMP_STRICT), 1);
	nfct_destroy(src);
	nfct_destroy(dst);
}

/* Copies have none of the setters' side effects. */
static void test_no_side_effects(void)
{
	struct nf_conntrack *src = nfct_new();

	nfct_set_attr_u8(src, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u8(src, ATTR_ICMP_TYPE, 8);
	nfct_set_attr_u8(src, ATTR_ICMP_CODE, 3);
	nfct_set_attr_u16(src, ATTR_ICMP_ID, htons(9));
	static const unsigned int how[] = { 0, 1, 2 };

	for (size_t i = 0; i < ARRAY_LEN(how); i++) {
		struct nf_conntrack *dst = nfct_new();

		nfct_set_attr_u16(dst, ATTR_REPL_PORT_SRC, 0x7777);
		nfct_set_attr_u16(dst, ATTR_REPL_PORT_DST, 0x7777);
		if (how[i] == 0) {
			nfct_copy(dst, src, NFCT_CP_ORIG);
		} else if (how[i] == 1) {
			nfct_copy(dst, src, NFCT_CP_ALL);
		} else {
			nfct_copy_attr(dst, src, ATTR_ICMP_TYPE);
			nfct_copy_attr(dst, src, ATTR_ICMP_CODE);
			nfct_copy_attr(dst, src, ATTR_ICMP_ID);
		}
		CHECK_UINT(nfct_get_attr_u8(dst, ATTR_ICMP_TYPE), 8);
		CHECK_UINT(nfct_get_attr_u8(dst, ATTR_ICMP_CODE), 3);
		CHECK_UINT(nfct_get_attr_u16(dst, ATTR_ICMP_ID), htons(9));
		CHECK_UINT(nfct_get_attr_u16(dst, ATTR_REPL_PORT_SRC), 0x7777);
		CHECK_UINT(nfct_get_attr_u16(dst, ATTR_REPL_PORT_DST), 0x7777);
		nfct_destroy(dst);
	}
	nfct_destroy(src);
}

static void test_copy_attr(void)
{
	for (unsigned int a = 0; a < NATTR_BOTH; a++) {
		struct nf_conntrack *src = nfct_new(), *dst = nfct_new();

		/* Not set in the source: nothing happens. */
		set_value(dst, a, 2);
		nfct_copy_attr(dst, src, a);
		CHECK_INT(nfct_attr_is_set(dst, a), 1);

		set_value(src, a, 1);
		nfct_attr_unset(dst, a);
		nfct_copy_attr(dst, src, a);
		CHECK_INT(nfct_attr_is_set(dst, a), 1);
		for (unsigned int b = 0; b < NATTR_BOTH; b++)
			if (b != a)
				CHECK_INT(nfct_attr_is_set(dst, b), 0);
		nfct_destroy(src);
		nfct_destroy(dst);
	}
}

/* Owned data is duplicated, not shared. */
static void test_owned(void)
{
	struct nf_conntrack *src = nfct_new(), *dst = nfct_new(), *dst2 = nfct_new();
	struct nfct_bitmask *b = nfct_bitmask_new(127);
	static const uint8_t info[6] = { 1, 2, 3, 4, 5, 6 };

	nfct_bitmask_set_bit(b, 70);
	nfct_set_attr(src, ATTR_CONNLABELS, b);
	nfct_set_attr_l(src, ATTR_HELPER_INFO, info, sizeof(info));
	nfct_set_attr(src, ATTR_HELPER_NAME, "ftp");

	nfct_copy(dst, src, NFCT_CP_META);
	nfct_copy(dst2, src, NFCT_CP_OVERRIDE);
	for (int k = 0; k < 2; k++) {
		struct nf_conntrack *d = k ? dst2 : dst;
		const struct nfct_bitmask *c = nfct_get_attr(d, ATTR_CONNLABELS);

		CHECK(c != NULL && c != b);
		CHECK_INT(nfct_bitmask_test_bit(c, 70), 1);
		CHECK_UINT(nfct_bitmask_maxbit(c), 127);
		CHECK(nfct_get_attr(d, ATTR_HELPER_INFO) != NULL);
		CHECK(nfct_get_attr(d, ATTR_HELPER_INFO) != nfct_get_attr(src, ATTR_HELPER_INFO));
		/* The original's copies of the helper info lose its bytes. */
		if (!test_is_reference())
			CHECK_MEM(nfct_get_attr(d, ATTR_HELPER_INFO), info, sizeof(info));
		CHECK_STR(nfct_get_attr(d, ATTR_HELPER_NAME), "ftp");
	}
	nfct_destroy(src);	/* the copies live on */
	CHECK_INT(nfct_bitmask_test_bit(nfct_get_attr(dst, ATTR_CONNLABELS), 70), 1);
	nfct_destroy(dst);
	nfct_destroy(dst2);
}

int main(void)
{
	test_selections();
	test_values();
	test_no_side_effects();
	test_copy_attr();
	test_owned();
	return test_done();
}
