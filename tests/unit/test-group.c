/*
 * Attribute groups: which attributes each group sets, marks, reads and
 * unsets. Runs on both libraries.
 */
#include <arpa/inet.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"
#include "unit.h"

/*
 * For each group: the attributes setting it marks (the last may be the
 * protocol it marks too), the layer-3 protocol it writes (0: none), whether
 * it is an address group (set when either address is), the size of its
 * structure, and whether its values are stored.
 */
static const struct {
	enum nf_conntrack_attr_grp grp;
	enum nf_conntrack_attr marks[3];
	unsigned int nmarks;
	uint8_t l3;
	bool any;
	size_t size;
	bool stored;
} groups[] = {
	{ ATTR_GRP_ORIG_IPV4, { ATTR_ORIG_IPV4_SRC, ATTR_ORIG_IPV4_DST, ATTR_ORIG_L3PROTO }, 3,
	  AF_INET, false, sizeof(struct nfct_attr_grp_ipv4), true },
	{ ATTR_GRP_REPL_IPV4, { ATTR_REPL_IPV4_SRC, ATTR_REPL_IPV4_DST, ATTR_REPL_L3PROTO }, 3,
	  AF_INET, false, sizeof(struct nfct_attr_grp_ipv4), true },
	{ ATTR_GRP_ORIG_IPV6, { ATTR_ORIG_IPV6_SRC, ATTR_ORIG_IPV6_DST, ATTR_ORIG_L3PROTO }, 3,
	  AF_INET6, false, sizeof(struct nfct_attr_grp_ipv6), true },
	{ ATTR_GRP_REPL_IPV6, { ATTR_REPL_IPV6_SRC, ATTR_REPL_IPV6_DST, ATTR_REPL_L3PROTO }, 3,
	  AF_INET6, false, sizeof(struct nfct_attr_grp_ipv6), true },
	{ ATTR_GRP_ORIG_PORT, { ATTR_ORIG_PORT_SRC, ATTR_ORIG_PORT_DST, ATTR_ORIG_L4PROTO }, 3,
	  0, false, sizeof(struct nfct_attr_grp_port), true },
	{ ATTR_GRP_REPL_PORT, { ATTR_REPL_PORT_SRC, ATTR_REPL_PORT_DST, ATTR_REPL_L4PROTO }, 3,
	  0, false, sizeof(struct nfct_attr_grp_port), true },
	{ ATTR_GRP_ICMP, { ATTR_ICMP_TYPE, ATTR_ICMP_CODE, ATTR_ICMP_ID }, 3,
	  0, false, sizeof(struct nfct_attr_grp_icmp), true },
	{ ATTR_GRP_MASTER_IPV4, { ATTR_MASTER_IPV4_SRC, ATTR_MASTER_IPV4_DST, ATTR_MASTER_L3PROTO }, 3,
	  AF_INET, false, sizeof(struct nfct_attr_grp_ipv4), true },
	{ ATTR_GRP_MASTER_IPV6, { ATTR_MASTER_IPV6_SRC, ATTR_MASTER_IPV6_DST, ATTR_MASTER_L3PROTO }, 3,
	  AF_INET6, false, sizeof(struct nfct_attr_grp_ipv6), true },
	{ ATTR_GRP_MASTER_PORT, { ATTR_MASTER_PORT_SRC, ATTR_MASTER_PORT_DST, ATTR_MASTER_L4PROTO }, 3,
	  0, false, sizeof(struct nfct_attr_grp_port), true },
	{ ATTR_GRP_ORIG_COUNTERS, { ATTR_ORIG_COUNTER_PACKETS, ATTR_ORIG_COUNTER_BYTES }, 2,
	  0, false, sizeof(struct nfct_attr_grp_ctrs), false },
	{ ATTR_GRP_REPL_COUNTERS, { ATTR_REPL_COUNTER_PACKETS, ATTR_REPL_COUNTER_BYTES }, 2,
	  0, false, sizeof(struct nfct_attr_grp_ctrs), false },
	{ ATTR_GRP_ORIG_ADDR_SRC, { ATTR_ORIG_IPV4_SRC, ATTR_ORIG_IPV6_SRC }, 2,
	  0, true, sizeof(union nfct_attr_grp_addr), false },
	{ ATTR_GRP_ORIG_ADDR_DST, { ATTR_ORIG_IPV4_DST, ATTR_ORIG_IPV6_DST }, 2,
	  0, true, sizeof(union nfct_attr_grp_addr), false },
	{ ATTR_GRP_REPL_ADDR_SRC, { ATTR_REPL_IPV4_SRC, ATTR_REPL_IPV6_SRC }, 2,
	  0, true, sizeof(union nfct_attr_grp_addr), false },
	{ ATTR_GRP_REPL_ADDR_DST, { ATTR_REPL_IPV4_DST, ATTR_REPL_IPV6_DST }, 2,
	  0, true, sizeof(union nfct_attr_grp_addr), false },
};

static bool marked_by(size_t g, unsigned int a)
{
	for (unsigned int i = 0; i < groups[g].nmarks; i++)
		if (groups[g].marks[i] == a)
			return true;
	return false;
}

static void test_set_get_unset(void)
{
	for (size_t g = 0; g < ARRAY_LEN(groups); g++) {
		struct nf_conntrack *ct = nfct_new();
		unsigned char in[64], out[64], zero[64] = { 0 };

		for (size_t i = 0; i < sizeof(in); i++)
			in[i] = (unsigned char)(0x40 + i);
		if (groups[g].grp == ATTR_GRP_ICMP) {
			struct nfct_attr_grp_icmp icmp = { .id = htons(7), .code = 1, .type = 8 };

			memcpy(in, &icmp, sizeof(icmp));
		}
		CHECK_ERRNO(nfct_get_attr_grp(ct, groups[g].grp, out), -1, ENODATA);
		CHECK_INT(nfct_attr_grp_is_set(ct, groups[g].grp), 0);

		nfct_set_attr_grp(ct, groups[g].grp, in);
		for (unsigned int a = 0; a < NATTR_BOTH; a++)
			CHECK_MSG(nfct_attr_is_set(ct, a) == marked_by(g, a),
				  "group %u: attr %u is_set %d", groups[g].grp, a,
				  nfct_attr_is_set(ct, a));
		CHECK_INT(nfct_attr_grp_is_set(ct, groups[g].grp), 1);
		if (groups[g].l3)
			CHECK_UINT(nfct_get_attr_u8(ct, groups[g].marks[2]), groups[g].l3);

		memset(out, 0xee, sizeof(out));
		CHECK_ERRNO(nfct_get_attr_grp(ct, groups[g].grp, out), 0, 0);
		if (groups[g].stored)
			CHECK_MSG(memcmp(out, in, groups[g].size) == 0, "group %u reads back",
				  groups[g].grp);
		else	/* counters and addresses store nothing */
			CHECK_MSG(memcmp(out, zero, groups[g].size) == 0, "group %u reads zero",
				  groups[g].grp);
		CHECK_UINT(out[groups[g].size], 0xee);	/* nothing written beyond */

		CHECK_ERRNO(nfct_attr_grp_unset(ct, groups[g].grp), 0, 0);
		for (unsigned int a = 0; a < NATTR_BOTH; a++)
			CHECK_INT(nfct_attr_is_set(ct, a), 0);
		CHECK_INT(nfct_attr_grp_is_set(ct, groups[g].grp), 0);
		nfct_destroy(ct);
	}
}

/* A group is set when all its marks are (the protocol included), an
 * address group when either address is. */
static void test_is_set(void)
{
	for (size_t g = 0; g < ARRAY_LEN(groups); g++) {
		for (unsigned int i = 0; i < groups[g].nmarks; i++) {
			struct nf_conntrack *ct = nfct_new();
			unsigned char out[64];

			static const uint8_t zero[16];

			/* All but one. */
			for (unsigned int j = 0; j < groups[g].nmarks; j++)
				if (j != i)
					nfct_set_attr(ct, groups[g].marks[j], zero);
			CHECK_INT(nfct_attr_grp_is_set(ct, groups[g].grp), groups[g].any ? 1 : 0);
			CHECK_ERRNO(nfct_get_attr_grp(ct, groups[g].grp, out),
				    groups[g].any ? 0 : -1, groups[g].any ? 0 : ENODATA);
			nfct_destroy(ct);
		}
	}
}

/* The IPv6 address of an address group is what it reads, 16 bytes. */
static void test_address_group(void)
{
	struct nf_conntrack *ct = nfct_new();
	static const uint8_t six[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 5 };
	union nfct_attr_grp_addr a;

	nfct_set_attr(ct, ATTR_REPL_IPV6_DST, six);
	CHECK_INT(nfct_get_attr_grp(ct, ATTR_GRP_REPL_ADDR_DST, &a), 0);
	CHECK_MEM(&a, six, 16);
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, htonl(0x0a000001));
	nfct_attr_unset(ct, ATTR_REPL_IPV6_DST);
	CHECK_INT(nfct_get_attr_grp(ct, ATTR_GRP_REPL_ADDR_DST, &a), 0);
	CHECK_UINT(a.ip, htonl(0x0a000001));
	CHECK_MEM((const uint8_t *)&a + 4, six + 4, 12);
	nfct_destroy(ct);
}

/* The ICMP group has the side effects of the ICMP setters; the port group
 * marks the protocol without writing it. */
static void test_side_effects(void)
{
	struct nf_conntrack *ct = nfct_new();
	struct nfct_attr_grp_icmp icmp = { .id = htons(0x1234), .code = 5, .type = 13 };
	struct nfct_attr_grp_port port = { htons(1), htons(2) };

	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, 0);
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, 0);
	nfct_set_attr_grp(ct, ATTR_GRP_ICMP, &icmp);
	const uint8_t *rdst = nfct_get_attr(ct, ATTR_REPL_PORT_DST);

	CHECK(rdst[0] == 14 && rdst[1] == 5);
	CHECK_UINT(nfct_get_attr_u16(ct, ATTR_REPL_PORT_SRC), htons(0x1234));
	CHECK_UINT(nfct_get_attr_u8(ct, ATTR_ICMP_TYPE), 13);
	CHECK_UINT(nfct_get_attr_u8(ct, ATTR_ICMP_CODE), 5);
	CHECK_UINT(nfct_get_attr_u16(ct, ATTR_ICMP_ID), htons(0x1234));

	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_UDP);
	nfct_attr_unset(ct, ATTR_REPL_L4PROTO);
	nfct_set_attr_grp(ct, ATTR_GRP_REPL_PORT, &port);
	CHECK_INT(nfct_attr_is_set(ct, ATTR_REPL_L4PROTO), 1);
	CHECK_UINT(nfct_get_attr_u8(ct, ATTR_REPL_L4PROTO), IPPROTO_UDP);

	/* Counters cannot be set by a program. */
	struct nfct_attr_grp_ctrs ctrs = { 10, 20 };

	nfct_set_attr_grp(ct, ATTR_GRP_ORIG_COUNTERS, &ctrs);
	CHECK_UINT(nfct_get_attr_u64(ct, ATTR_ORIG_COUNTER_PACKETS), 0);
	CHECK_UINT(nfct_get_attr_u64(ct, ATTR_ORIG_COUNTER_BYTES), 0);
	nfct_destroy(ct);
}

static void test_out_of_range(void)
{
	struct nf_conntrack *ct = nfct_new();
	static const unsigned int bad[] = { ATTR_GRP_MAX, 17, 100, 0x7fffffff };
	unsigned char buf[64] = { 0 };

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		CHECK_ERRNO(nfct_get_attr_grp(ct, bad[i], buf), -1, EINVAL);
		CHECK_ERRNO(nfct_attr_grp_is_set(ct, bad[i]), -1, EINVAL);
		CHECK_ERRNO(nfct_attr_grp_unset(ct, bad[i]), -1, EINVAL);
		nfct_set_attr_grp(ct, bad[i], buf);	/* ignored */
	}
	for (unsigned int a = 0; a < NATTR_BOTH; a++)
		CHECK_INT(nfct_attr_is_set(ct, a), 0);
	nfct_destroy(ct);
}

int main(void)
{
	test_set_get_unset();
	test_is_set();
	test_address_group();
	test_side_effects();
	test_out_of_range();
	return test_done();
}
