/*
 * nfct_new(), nfct_clone(), nfct_destroy(), nfct_sizeof(), nfct_maxsize().
 * Runs on both libraries.
 */
#include <arpa/inet.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"
#include "unit.h"

static struct nf_conntrack *entry(void)
{
	struct nf_conntrack *ct = nfct_new();
	struct nfct_bitmask *b = nfct_bitmask_new(127), *m = nfct_bitmask_new(127);
	static const uint8_t info[3] = { 7, 8, 9 };

	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_IPV4_SRC, htonl(0xc0a80001));
	nfct_set_attr_u32(ct, ATTR_IPV4_DST, htonl(0xc0a80002));
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_UDP);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(53));
	nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(53));
	nfct_setobjopt(ct, NFCT_SOPT_SETUP_REPLY);
	nfct_set_attr_u32(ct, ATTR_MARK, 0x10);
	nfct_set_attr_u16(ct, ATTR_ZONE, 2);
	nfct_set_attr(ct, ATTR_HELPER_NAME, "tftp");
	nfct_set_attr_l(ct, ATTR_HELPER_INFO, info, sizeof(info));
	nfct_bitmask_set_bit(b, 1);
	nfct_bitmask_set_bit(b, 99);
	nfct_bitmask_set_bit(m, 99);
	nfct_set_attr(ct, ATTR_CONNLABELS, b);
	nfct_set_attr(ct, ATTR_CONNLABELS_MASK, m);
	/* An unset attribute keeps its value in the clone too. */
	nfct_set_attr_u32(ct, ATTR_STATUS, IPS_SRC_NAT_DONE);
	nfct_attr_unset(ct, ATTR_STATUS);
	return ct;
}

static void test_clone(void)
{
	struct nf_conntrack *ct = entry(), *c = nfct_clone(ct);

	CHECK(c != NULL && c != ct);
	for (unsigned int a = 0; a < NATTR_BOTH; a++)
		CHECK_INT(nfct_attr_is_set(c, a), nfct_attr_is_set(ct, a));
	for (unsigned int f = 0; f < 128; f++)
		CHECK_INT(nfct_cmp(ct, c, f), 1);
	CHECK_UINT(nfct_get_attr_u32(c, ATTR_MARK), 0x10);
	CHECK_STR(nfct_get_attr(c, ATTR_HELPER_NAME), "tftp");
	nfct_set_attr_u32(c, ATTR_STATUS, 0);
	nfct_set_attr_u32(ct, ATTR_STATUS, 0);

	/* Owned data is the clone's own. */
	const struct nfct_bitmask *b1 = nfct_get_attr(ct, ATTR_CONNLABELS);
	const struct nfct_bitmask *b2 = nfct_get_attr(c, ATTR_CONNLABELS);

	CHECK(b1 != b2);
	CHECK(nfct_bitmask_equal(b1, b2));
	CHECK(nfct_get_attr(ct, ATTR_CONNLABELS_MASK) != nfct_get_attr(c, ATTR_CONNLABELS_MASK));
	CHECK(nfct_get_attr(ct, ATTR_HELPER_INFO) != nfct_get_attr(c, ATTR_HELPER_INFO));

	/* Independent: changing one leaves the other. */
	nfct_set_attr_u32(c, ATTR_MARK, 0x20);
	nfct_attr_unset(c, ATTR_ZONE);
	CHECK_UINT(nfct_get_attr_u32(ct, ATTR_MARK), 0x10);
	CHECK_INT(nfct_attr_is_set(ct, ATTR_ZONE), 1);
	nfct_destroy(ct);
	CHECK_INT(nfct_bitmask_test_bit(b2, 99), 1);
	CHECK_STR(nfct_get_attr(c, ATTR_HELPER_NAME), "tftp");

	/* A clone of a clone, and of an empty object. */
	struct nf_conntrack *cc = nfct_clone(c);

	CHECK_INT(nfct_compare(c, cc), 1);
	nfct_destroy(c);
	nfct_destroy(cc);
	struct nf_conntrack *e = nfct_new(), *ec = nfct_clone(e);

	for (unsigned int a = 0; a < NATTR_BOTH; a++)
		CHECK_INT(nfct_attr_is_set(ec, a), 0);
	nfct_destroy(e);
	nfct_destroy(ec);
}

/* The clone keeps the stored values of unset attributes, which the object
 * options see. */
static void test_clone_keeps_stored(void)
{
	struct nf_conntrack *ct = nfct_new();

	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_SRC, htonl(1));
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, htonl(2));
	for (unsigned int a = 0; a < NATTR_BOTH; a++)
		nfct_attr_unset(ct, a);
	struct nf_conntrack *c = nfct_clone(ct);

	CHECK_INT(nfct_getobjopt(c, NFCT_GOPT_IS_SNAT), 1);
	nfct_setobjopt(c, NFCT_SOPT_UNDO_SNAT);
	CHECK_UINT(nfct_get_attr_u32(c, ATTR_SNAT_IPV4), htonl(2));
	nfct_destroy(ct);
	nfct_destroy(c);
}

static void test_sizes(void)
{
	struct nf_conntrack *ct = nfct_new();

	CHECK(ct != NULL);
	CHECK_UINT(nfct_sizeof(ct), nfct_maxsize());
	/* The original's object is 392 bytes; ours is no larger. */
	if (test_is_reference())
		CHECK_UINT(nfct_maxsize(), 392);
	else
		CHECK(nfct_maxsize() <= 392 && nfct_maxsize() > 0);
	nfct_destroy(ct);
}

int main(void)
{
	test_clone();
	test_clone_keeps_stored();
	test_sizes();
	return test_done();
}
