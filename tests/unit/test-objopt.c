/*
 * Object options: nfct_setobjopt() and nfct_getobjopt(). Runs on both
 * libraries.
 */
#include <arpa/inet.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"
#include "unit.h"

static const uint8_t A6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0xa };
static const uint8_t B6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0xb };
static const uint8_t N6[16] = { 0xfd, 0, [15] = 0x99 };
static const uint8_t M6[16] = { 0xfd, 0, [15] = 0x98 };

/* An entry whose reply tuple shows source and destination NAT:
 * a -> b becomes n <- m. */
static struct nf_conntrack *natted(uint8_t l3)
{
	struct nf_conntrack *ct = nfct_new();

	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, l3);
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, l3);
	nfct_set_attr(ct, ATTR_ORIG_IPV6_SRC, A6);
	nfct_set_attr(ct, ATTR_ORIG_IPV6_DST, B6);
	nfct_set_attr(ct, ATTR_REPL_IPV6_SRC, M6);
	nfct_set_attr(ct, ATTR_REPL_IPV6_DST, N6);
	nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_SRC, htons(1000));
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, htons(80));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, htons(8080));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(2000));
	return ct;
}

static void test_undo(void)
{
	static const uint8_t l3s[] = { AF_INET, AF_INET6, 0, 7 };

	for (size_t i = 0; i < ARRAY_LEN(l3s); i++) {
		uint8_t l3 = l3s[i];
		bool v4 = l3 == AF_INET, v6 = l3 == AF_INET6;
		struct nf_conntrack *ct = natted(l3);

		/* UNDO_SNAT: the reply destination moves into the SNAT
		 * address; 4 bytes for IPv4, 16 for IPv6, nothing else. */
		CHECK_ERRNO(nfct_setobjopt(ct, NFCT_SOPT_UNDO_SNAT), 0, 0);
		CHECK_INT(nfct_attr_is_set(ct, ATTR_SNAT_IPV4), v4);
		CHECK_INT(nfct_attr_is_set(ct, ATTR_SNAT_IPV6), v6);
		const uint8_t *rdst = nfct_get_attr(ct, ATTR_REPL_IPV6_DST);

		if (v6) {
			CHECK_MEM(nfct_get_attr(ct, ATTR_SNAT_IPV6), N6, 16);
			CHECK_MEM(rdst, A6, 16);
		} else if (v4) {
			CHECK_MEM(nfct_get_attr(ct, ATTR_SNAT_IPV4), N6, 4);
			CHECK_MEM(rdst, A6, 4);
			CHECK_MEM(rdst + 4, N6 + 4, 12);	/* the rest is left */
		} else {
			CHECK_MEM(rdst, N6, 16);
		}

		/* UNDO_DNAT: likewise with the reply source. */
		CHECK_ERRNO(nfct_setobjopt(ct, NFCT_SOPT_UNDO_DNAT), 0, 0);
		CHECK_INT(nfct_attr_is_set(ct, ATTR_DNAT_IPV4), v4);
		CHECK_INT(nfct_attr_is_set(ct, ATTR_DNAT_IPV6), v6);
		if (v6) {
			CHECK_MEM(nfct_get_attr(ct, ATTR_DNAT_IPV6), M6, 16);
			CHECK_MEM(nfct_get_attr(ct, ATTR_REPL_IPV6_SRC), B6, 16);
		} else if (v4) {
			CHECK_MEM(nfct_get_attr(ct, ATTR_DNAT_IPV4), M6, 4);
		}

		/* The port options ignore the protocols. */
		CHECK_ERRNO(nfct_setobjopt(ct, NFCT_SOPT_UNDO_SPAT), 0, 0);
		CHECK_UINT(nfct_get_attr_u16(ct, ATTR_SNAT_PORT), htons(2000));
		CHECK_UINT(nfct_get_attr_u16(ct, ATTR_REPL_PORT_DST), htons(1000));
		CHECK_ERRNO(nfct_setobjopt(ct, NFCT_SOPT_UNDO_DPAT), 0, 0);
		CHECK_UINT(nfct_get_attr_u16(ct, ATTR_DNAT_PORT), htons(8080));
		CHECK_UINT(nfct_get_attr_u16(ct, ATTR_REPL_PORT_SRC), htons(80));
		nfct_destroy(ct);
	}

	/* Unset attributes are used as stored. */
	struct nf_conntrack *ct = natted(AF_INET);

	nfct_attr_unset(ct, ATTR_ORIG_L3PROTO);
	nfct_attr_unset(ct, ATTR_REPL_IPV6_DST);
	nfct_setobjopt(ct, NFCT_SOPT_UNDO_SNAT);
	CHECK_INT(nfct_attr_is_set(ct, ATTR_SNAT_IPV4), 1);
	CHECK_MEM(nfct_get_attr(ct, ATTR_SNAT_IPV4), N6, 4);
	CHECK_INT(nfct_attr_is_set(ct, ATTR_REPL_IPV6_DST), 0);
	nfct_destroy(ct);
}

/* SETUP_REPLY and SETUP_ORIGINAL: addresses swapped, protocols copied,
 * ports swapped for the protocols with ports (GRE too), ICMP left alone;
 * every tuple attribute of both directions marked. */
static void test_setup(void)
{
	static const struct {
		uint8_t l4;
		bool swap;
	} protos[] = {
		{ IPPROTO_TCP, true }, { IPPROTO_UDP, true }, { IPPROTO_UDPLITE, true },
		{ IPPROTO_SCTP, true }, { IPPROTO_DCCP, true }, { IPPROTO_GRE, true },
		{ IPPROTO_ICMP, false }, { IPPROTO_ICMPV6, false }, { 0, false }, { 2, false },
	};

	for (size_t i = 0; i < ARRAY_LEN(protos); i++) {
		for (int dir = 0; dir < 2; dir++) {
			struct nf_conntrack *ct = nfct_new();
			/* dir 0: fill the reply from the original; 1: the other way */
			enum nf_conntrack_attr from_src = dir ? ATTR_REPL_IPV6_SRC : ATTR_ORIG_IPV6_SRC;
			enum nf_conntrack_attr from_dst = dir ? ATTR_REPL_IPV6_DST : ATTR_ORIG_IPV6_DST;
			enum nf_conntrack_attr to_src = dir ? ATTR_ORIG_IPV6_SRC : ATTR_REPL_IPV6_SRC;
			enum nf_conntrack_attr to_dst = dir ? ATTR_ORIG_IPV6_DST : ATTR_REPL_IPV6_DST;

			nfct_set_attr_u8(ct, dir ? ATTR_REPL_L3PROTO : ATTR_ORIG_L3PROTO, AF_INET6);
			nfct_set_attr_u8(ct, dir ? ATTR_REPL_L4PROTO : ATTR_ORIG_L4PROTO, protos[i].l4);
			nfct_set_attr(ct, from_src, A6);
			nfct_set_attr(ct, from_dst, B6);
			nfct_set_attr_u16(ct, dir ? ATTR_REPL_PORT_SRC : ATTR_ORIG_PORT_SRC, 0x1111);
			nfct_set_attr_u16(ct, dir ? ATTR_REPL_PORT_DST : ATTR_ORIG_PORT_DST, 0x2222);
			nfct_set_attr_u16(ct, dir ? ATTR_ORIG_PORT_SRC : ATTR_REPL_PORT_SRC, 0x3333);
			nfct_set_attr_u16(ct, dir ? ATTR_ORIG_PORT_DST : ATTR_REPL_PORT_DST, 0x4444);
			nfct_attr_unset(ct, dir ? ATTR_ORIG_PORT_SRC : ATTR_REPL_PORT_SRC);
			nfct_attr_unset(ct, dir ? ATTR_ORIG_PORT_DST : ATTR_REPL_PORT_DST);

			CHECK_ERRNO(nfct_setobjopt(ct, dir ? NFCT_SOPT_SETUP_ORIGINAL
							   : NFCT_SOPT_SETUP_REPLY), 0, 0);
			for (unsigned int a = 0; a < NATTR_BOTH; a++)
				CHECK_MSG(nfct_attr_is_set(ct, a) == (a <= ATTR_REPL_L4PROTO),
					  "proto %u dir %d: attr %u is_set %d", protos[i].l4, dir, a,
					  nfct_attr_is_set(ct, a));
			CHECK_MEM(nfct_get_attr(ct, to_src), B6, 16);
			CHECK_MEM(nfct_get_attr(ct, to_dst), A6, 16);
			CHECK_UINT(nfct_get_attr_u8(ct, dir ? ATTR_ORIG_L3PROTO : ATTR_REPL_L3PROTO),
				   AF_INET6);
			CHECK_UINT(nfct_get_attr_u8(ct, dir ? ATTR_ORIG_L4PROTO : ATTR_REPL_L4PROTO),
				   protos[i].l4);
			uint16_t sport = nfct_get_attr_u16(ct, dir ? ATTR_ORIG_PORT_SRC
								   : ATTR_REPL_PORT_SRC);
			uint16_t dport = nfct_get_attr_u16(ct, dir ? ATTR_ORIG_PORT_DST
								   : ATTR_REPL_PORT_DST);

			CHECK_MSG(sport == (protos[i].swap ? 0x2222 : 0x3333) &&
				  dport == (protos[i].swap ? 0x1111 : 0x4444),
				  "proto %u dir %d: ports %x %x", protos[i].l4, dir, sport, dport);
			nfct_destroy(ct);
		}
	}

	/* An ICMP reply tuple comes from the ICMP setters, not from SETUP. */
	struct nf_conntrack *ct = nfct_new();

	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, IPPROTO_ICMP);
	nfct_set_attr_u8(ct, ATTR_ICMP_TYPE, 8);
	nfct_set_attr_u8(ct, ATTR_ICMP_CODE, 0);
	nfct_set_attr_u16(ct, ATTR_ICMP_ID, htons(42));
	nfct_setobjopt(ct, NFCT_SOPT_SETUP_REPLY);
	const uint8_t *rdst = nfct_get_attr(ct, ATTR_REPL_PORT_DST);

	CHECK(rdst[0] == 0 && rdst[1] == 0);	/* echo reply, code 0 */
	CHECK_UINT(nfct_get_attr_u16(ct, ATTR_REPL_PORT_SRC), htons(42));
	CHECK_UINT(nfct_get_attr_u8(ct, ATTR_ICMP_TYPE), 8);
	nfct_destroy(ct);
}

/* getobjopt: the addresses or ports differ, and the status, when set, has
 * the NAT bit. */
static void test_get(void)
{
	static const struct {
		uint8_t l3;
		int status;		/* -1: unset */
		bool differ;		/* addresses and ports */
		int want[4];		/* SNAT DNAT SPAT DPAT */
	} cases[] = {
		{ AF_INET, -1, true, { 1, 1, 1, 1 } },
		{ AF_INET, 0, true, { 0, 0, 0, 0 } },
		{ AF_INET, IPS_SRC_NAT_DONE, true, { 1, 0, 1, 0 } },
		{ AF_INET, IPS_DST_NAT_DONE, true, { 0, 1, 0, 1 } },
		{ AF_INET, IPS_SRC_NAT_DONE | IPS_DST_NAT_DONE, true, { 1, 1, 1, 1 } },
		{ AF_INET, IPS_SRC_NAT | IPS_DST_NAT, true, { 0, 0, 0, 0 } },
		{ AF_INET, -1, false, { 0, 0, 0, 0 } },
		{ AF_INET6, -1, true, { 1, 1, 1, 1 } },
		{ AF_INET6, IPS_SRC_NAT_DONE | IPS_DST_NAT_DONE, false, { 0, 0, 0, 0 } },
		{ 0, -1, true, { 0, 0, 1, 1 } },
		{ 7, IPS_SRC_NAT_DONE | IPS_DST_NAT_DONE, true, { 0, 0, 1, 1 } },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct nf_conntrack *ct = nfct_new();

		nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, cases[i].l3);
		nfct_set_attr(ct, ATTR_ORIG_IPV6_SRC, A6);
		nfct_set_attr(ct, ATTR_ORIG_IPV6_DST, B6);
		nfct_set_attr(ct, ATTR_REPL_IPV6_SRC, cases[i].differ ? M6 : B6);
		nfct_set_attr(ct, ATTR_REPL_IPV6_DST, cases[i].differ ? N6 : A6);
		nfct_set_attr_u16(ct, ATTR_ORIG_PORT_SRC, 1);
		nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, 2);
		nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, cases[i].differ ? 3 : 2);
		nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, cases[i].differ ? 4 : 1);
		if (cases[i].status >= 0)
			nfct_set_attr_u32(ct, ATTR_STATUS, (uint32_t)cases[i].status);
		for (unsigned int opt = 0; opt < 4; opt++)
			CHECK_MSG(nfct_getobjopt(ct, opt) == cases[i].want[opt],
				  "case %zu option %u: %d", i, opt, nfct_getobjopt(ct, opt));

		/* Marks do not matter, stored values do. */
		for (unsigned int a = 0; a <= ATTR_REPL_L4PROTO; a++)
			nfct_attr_unset(ct, a);
		for (unsigned int opt = 0; opt < 4; opt++)
			CHECK_INT(nfct_getobjopt(ct, opt), cases[i].want[opt]);
		nfct_destroy(ct);
	}

	/* IPv4 compares the first word only. */
	struct nf_conntrack *ct = nfct_new();
	uint8_t other[16];

	memcpy(other, A6, 16);
	other[15] ^= 1;
	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr(ct, ATTR_ORIG_IPV6_SRC, A6);
	nfct_set_attr(ct, ATTR_REPL_IPV6_DST, other);
	CHECK_INT(nfct_getobjopt(ct, NFCT_GOPT_IS_SNAT), 0);
	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET6);
	CHECK_INT(nfct_getobjopt(ct, NFCT_GOPT_IS_SNAT), 1);
	nfct_destroy(ct);
}

static void test_errors(void)
{
	struct nf_conntrack *ct = nfct_new();
	static const unsigned int bad_set[] = { NFCT_SOPT_MAX + 1, 100, 0xffffffff };
	static const unsigned int bad_get[] = { NFCT_GOPT_MAX + 1, 100, 0xffffffff };

	for (size_t i = 0; i < ARRAY_LEN(bad_set); i++)
		CHECK_ERRNO(nfct_setobjopt(ct, bad_set[i]), -1, EOPNOTSUPP);
	for (size_t i = 0; i < ARRAY_LEN(bad_get); i++)
		CHECK_ERRNO(nfct_getobjopt(ct, bad_get[i]), -1, EOPNOTSUPP);
	/* An empty object: nothing to undo, nothing NATed. */
	for (unsigned int opt = 0; opt < 4; opt++)
		CHECK_ERRNO(nfct_getobjopt(ct, opt), 0, 0);
	nfct_destroy(ct);
}

int main(void)
{
	test_undo();
	test_setup();
	test_get();
	test_errors();
	return test_done();
}
