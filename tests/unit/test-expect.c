/*
 * The expectation object API: nfexp_new/destroy/clone/sizeof/maxsize,
 * set, get, unset and is_set for every attribute, typed accessors, string
 * truncation, tuple heads read as conntrack objects, comparisons, and
 * out-of-range ids. Runs on both libraries.
 */
#include <arpa/inet.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"
#include "unit.h"

static struct nf_conntrack *tuple4(const char *src, const char *dst, uint8_t l4,
				   uint16_t sport, uint16_t dport)
{
	struct nf_conntrack *ct = nfct_new();

	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_SRC, inet_addr(src));
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_DST, inet_addr(dst));
	nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, l4);
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_SRC, htons(sport));
	nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, htons(dport));
	return ct;
}

/* An expectation with every attribute set. */
static struct nf_expect *full(void)
{
	struct nf_expect *exp = nfexp_new();
	struct nf_conntrack *m = tuple4("10.0.0.1", "10.0.0.2", IPPROTO_TCP, 40000, 21);
	struct nf_conntrack *e = tuple4("10.0.0.1", "10.0.0.2", IPPROTO_TCP, 0, 50000);
	struct nf_conntrack *k = tuple4("255.255.255.255", "255.255.255.255", IPPROTO_TCP, 0, 0xffff);
	struct nf_conntrack *n = tuple4("192.168.0.1", "0.0.0.0", IPPROTO_TCP, 0, 6000);

	nfct_set_attr_u16(m, ATTR_ORIG_ZONE, 3);
	nfexp_set_attr(exp, ATTR_EXP_MASTER, m);
	nfexp_set_attr(exp, ATTR_EXP_EXPECTED, e);
	nfexp_set_attr(exp, ATTR_EXP_MASK, k);
	nfexp_set_attr(exp, ATTR_EXP_NAT_TUPLE, n);
	nfexp_set_attr_u32(exp, ATTR_EXP_TIMEOUT, 300);
	nfexp_set_attr_u16(exp, ATTR_EXP_ZONE, 7);
	nfexp_set_attr_u32(exp, ATTR_EXP_FLAGS, NF_CT_EXPECT_PERMANENT | NF_CT_EXPECT_INACTIVE);
	nfexp_set_attr(exp, ATTR_EXP_HELPER_NAME, "ftp");
	nfexp_set_attr_u32(exp, ATTR_EXP_CLASS, 1);
	nfexp_set_attr_u32(exp, ATTR_EXP_NAT_DIR, 1);
	nfexp_set_attr(exp, ATTR_EXP_FN, "nat-follow-master");
	nfct_destroy(m);
	nfct_destroy(e);
	nfct_destroy(k);
	nfct_destroy(n);
	return exp;
}

static void test_empty(void)
{
	struct nf_expect *exp = nfexp_new();

	CHECK(exp != NULL);
	for (int a = 0; a < ATTR_EXP_MAX; a++) {
		CHECK_ERRNO(nfexp_attr_is_set(exp, a), 0, 0);
		CHECK_NULL_ERRNO(nfexp_get_attr(exp, a), ENODATA);
		CHECK_ERRNO(nfexp_attr_unset(exp, a), 0, 0);
	}
	CHECK_ERRNO(nfexp_get_attr_u8(exp, ATTR_EXP_TIMEOUT), 0, ENODATA);
	CHECK_ERRNO(nfexp_get_attr_u16(exp, ATTR_EXP_ZONE), 0, ENODATA);
	CHECK_ERRNO(nfexp_get_attr_u32(exp, ATTR_EXP_FLAGS), 0, ENODATA);

	/* Nothing to write: a NULL message is not touched. */
	CHECK_ERRNO(nfexp_nlmsg_build(NULL, exp), 0, 0);

	/* A message too short for its headers parses to nothing. */
	union {
		struct nlmsghdr nlh;
		char bytes[64];
	} msg;

	memset(&msg, 0, sizeof(msg));
	msg.nlh.nlmsg_len = 16;
	msg.nlh.nlmsg_type = (NFNL_SUBSYS_CTNETLINK_EXP << 8) | IPCTNL_MSG_EXP_NEW;
	CHECK_ERRNO(nfexp_nlmsg_parse(&msg.nlh, exp), 0, 0);
	CHECK_INT(nfexp_parse_expect(NFCT_T_ALL, &msg.nlh, exp), NFCT_T_UPDATE);
	for (int a = 0; a < ATTR_EXP_MAX; a++)
		CHECK_INT(nfexp_attr_is_set(exp, a), 0);
	nfexp_destroy(exp);
}

static void test_out_of_range(void)
{
	struct nf_expect *exp = nfexp_new();

	for (int a = ATTR_EXP_MAX; a < ATTR_EXP_MAX + 3; a++) {
		CHECK_NULL_ERRNO(nfexp_get_attr(exp, a), EINVAL);
		CHECK_ERRNO(nfexp_attr_is_set(exp, a), -1, EINVAL);
		CHECK_ERRNO(nfexp_attr_unset(exp, a), -1, EINVAL);
		CHECK_ERRNO(nfexp_get_attr_u32(exp, a), 0, EINVAL);
		/* Setters ignore it and leave errno alone. */
		errno = 0;
		nfexp_set_attr_u32(exp, a, 5);
		nfexp_set_attr(exp, a, "x");
		CHECK_INT(errno, 0);
	}
	CHECK_NULL_ERRNO(nfexp_get_attr(exp, (enum nf_expect_attr)-1), EINVAL);
	for (int a = 0; a < ATTR_EXP_MAX; a++)
		CHECK_INT(nfexp_attr_is_set(exp, a), 0);
	nfexp_destroy(exp);
}

static void test_scalars(void)
{
	struct nf_expect *exp = full();

	CHECK_UINT(nfexp_get_attr_u32(exp, ATTR_EXP_TIMEOUT), 300);
	CHECK_UINT(nfexp_get_attr_u16(exp, ATTR_EXP_ZONE), 7);
	CHECK_UINT(nfexp_get_attr_u32(exp, ATTR_EXP_FLAGS), 3);
	CHECK_UINT(nfexp_get_attr_u32(exp, ATTR_EXP_CLASS), 1);
	CHECK_UINT(nfexp_get_attr_u32(exp, ATTR_EXP_NAT_DIR), 1);
	CHECK_STR(nfexp_get_attr(exp, ATTR_EXP_HELPER_NAME), "ftp");
	CHECK_STR(nfexp_get_attr(exp, ATTR_EXP_FN), "nat-follow-master");
	for (int a = 0; a < ATTR_EXP_MAX; a++)
		CHECK_INT(nfexp_attr_is_set(exp, a), 1);

	/* Narrower reads take the first bytes (little-endian here). */
	nfexp_set_attr_u32(exp, ATTR_EXP_TIMEOUT, 0x11223344);
	CHECK_UINT(nfexp_get_attr_u8(exp, ATTR_EXP_TIMEOUT), 0x44);
	CHECK_UINT(nfexp_get_attr_u16(exp, ATTR_EXP_TIMEOUT), 0x3344);
	CHECK_UINT(*(const uint32_t *)nfexp_get_attr(exp, ATTR_EXP_TIMEOUT), 0x11223344);
	nfexp_set_attr_u32(exp, ATTR_EXP_NAT_DIR, 0x12345678);
	CHECK_UINT(nfexp_get_attr_u32(exp, ATTR_EXP_NAT_DIR), 0x12345678);
	CHECK_UINT(nfexp_get_attr_u8(exp, ATTR_EXP_NAT_DIR), 0x78);

	/* The pointer shows later changes. */
	const uint16_t *zone = nfexp_get_attr(exp, ATTR_EXP_ZONE);

	nfexp_set_attr_u16(exp, ATTR_EXP_ZONE, 9);
	CHECK_UINT(*zone, 9);

	/* nfexp_set_attr() with a pointer to the value. */
	uint32_t v = 77;

	nfexp_set_attr(exp, ATTR_EXP_CLASS, &v);
	CHECK_UINT(nfexp_get_attr_u32(exp, ATTR_EXP_CLASS), 77);
	nfexp_destroy(exp);
}

static void test_strings(void)
{
	struct nf_expect *exp = nfexp_new();

	/* Helper names keep NFCT_HELPER_NAME_MAX - 1 characters, function
	 * names 23. */
	nfexp_set_attr(exp, ATTR_EXP_HELPER_NAME, "0123456789abcdefghij");
	CHECK_STR(nfexp_get_attr(exp, ATTR_EXP_HELPER_NAME), "0123456789abcde");
	nfexp_set_attr(exp, ATTR_EXP_HELPER_NAME, "sip");
	CHECK_STR(nfexp_get_attr(exp, ATTR_EXP_HELPER_NAME), "sip");
	nfexp_set_attr(exp, ATTR_EXP_HELPER_NAME, "");
	CHECK_STR(nfexp_get_attr(exp, ATTR_EXP_HELPER_NAME), "");
	CHECK_INT(nfexp_attr_is_set(exp, ATTR_EXP_HELPER_NAME), 1);

	nfexp_set_attr(exp, ATTR_EXP_FN, "nat-follow-master-and-more-0123456789");
	CHECK_STR(nfexp_get_attr(exp, ATTR_EXP_FN), "nat-follow-master-and-m");
	nfexp_set_attr(exp, ATTR_EXP_FN, "x");
	CHECK_STR(nfexp_get_attr(exp, ATTR_EXP_FN), "x");
	nfexp_destroy(exp);
}

/* The tuple attributes read back as conntrack objects, for the original
 * tuple's attributes. */
static void test_tuples(void)
{
	struct nf_expect *exp = full();
	const struct nf_conntrack *m = nfexp_get_attr(exp, ATTR_EXP_MASTER);
	const struct nf_conntrack *e = nfexp_get_attr(exp, ATTR_EXP_EXPECTED);
	const struct nf_conntrack *n = nfexp_get_attr(exp, ATTR_EXP_NAT_TUPLE);
	struct nfct_attr_grp_ipv4 g4;
	struct nfct_attr_grp_port gp;

	CHECK(m != NULL && e != NULL && n != NULL);
	CHECK(m != e && e != n);
	CHECK_UINT(nfct_get_attr_u8(m, ATTR_ORIG_L3PROTO), AF_INET);
	CHECK_UINT(nfct_get_attr_u32(m, ATTR_ORIG_IPV4_SRC), inet_addr("10.0.0.1"));
	CHECK_UINT(nfct_get_attr_u32(m, ATTR_ORIG_IPV4_DST), inet_addr("10.0.0.2"));
	CHECK_UINT(nfct_get_attr_u8(m, ATTR_ORIG_L4PROTO), IPPROTO_TCP);
	CHECK_UINT(nfct_get_attr_u16(m, ATTR_ORIG_PORT_SRC), htons(40000));
	CHECK_UINT(nfct_get_attr_u16(m, ATTR_ORIG_PORT_DST), htons(21));
	CHECK_INT(nfct_attr_is_set(m, ATTR_ORIG_ZONE), 1);
	CHECK_UINT(nfct_get_attr_u16(m, ATTR_ORIG_ZONE), 3);
	CHECK_INT(nfct_attr_is_set(m, ATTR_ORIG_IPV6_SRC), 0);
	CHECK_INT(nfct_attr_is_set(m, ATTR_REPL_IPV4_SRC), 0);
	CHECK_INT(nfct_attr_is_set(e, ATTR_ORIG_ZONE), 0);
	CHECK_UINT(nfct_get_attr_u16(e, ATTR_ORIG_PORT_DST), htons(50000));
	CHECK_UINT(nfct_get_attr_u32(n, ATTR_ORIG_IPV4_SRC), inet_addr("192.168.0.1"));

	CHECK_INT(nfct_get_attr_grp(e, ATTR_GRP_ORIG_IPV4, &g4), 0);
	CHECK_UINT(g4.src, inet_addr("10.0.0.1"));
	CHECK_UINT(g4.dst, inet_addr("10.0.0.2"));
	CHECK_INT(nfct_get_attr_grp(e, ATTR_GRP_ORIG_PORT, &gp), 0);
	CHECK_UINT(gp.dport, htons(50000));

	/* A tuple read back can be given to another expectation. */
	struct nf_expect *other = nfexp_new();

	nfexp_set_attr(other, ATTR_EXP_EXPECTED, m);
	CHECK_UINT(nfct_get_attr_u16(nfexp_get_attr(other, ATTR_EXP_EXPECTED), ATTR_ORIG_PORT_DST),
		   htons(21));
	CHECK_UINT(nfct_get_attr_u16(nfexp_get_attr(other, ATTR_EXP_EXPECTED), ATTR_ORIG_ZONE), 3);

	/* A conntrack copy of the tuple through nfct_copy(). */
	struct nf_conntrack *ct = nfct_new();

	nfct_copy(ct, e, NFCT_CP_ORIG);
	CHECK_UINT(nfct_get_attr_u16(ct, ATTR_ORIG_PORT_DST), htons(50000));
	CHECK_UINT(nfct_get_attr_u8(ct, ATTR_ORIG_L3PROTO), AF_INET);
	nfct_destroy(ct);

	/* Unsetting keeps the stored tuple: the pointer stays valid. */
	CHECK_INT(nfexp_attr_unset(exp, ATTR_EXP_MASTER), 0);
	CHECK_NULL_ERRNO(nfexp_get_attr(exp, ATTR_EXP_MASTER), ENODATA);
	CHECK_UINT(nfct_get_attr_u16(m, ATTR_ORIG_PORT_DST), htons(21));
	nfexp_destroy(other);
	nfexp_destroy(exp);
}

/* Only the tuple's own fields are taken from the conntrack given. */
static void test_tuple_copy(void)
{
	struct nf_expect *exp = nfexp_new();
	struct nf_conntrack *ct = nfct_new();
	struct in6_addr a6;

	inet_pton(AF_INET6, "2001:db8::1", &a6);
	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET6);
	nfct_set_attr(ct, ATTR_ORIG_IPV6_SRC, &a6);
	nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, IPPROTO_ICMPV6);
	nfct_set_attr_u8(ct, ATTR_ICMP_TYPE, 128);
	nfct_set_attr_u8(ct, ATTR_ICMP_CODE, 0);
	nfct_set_attr_u16(ct, ATTR_ICMP_ID, htons(9));
	nfexp_set_attr(exp, ATTR_EXP_EXPECTED, ct);
	nfct_destroy(ct);	/* the expectation keeps its own copy */

	const struct nf_conntrack *e = nfexp_get_attr(exp, ATTR_EXP_EXPECTED);

	CHECK_MEM(nfct_get_attr(e, ATTR_ORIG_IPV6_SRC), &a6, sizeof(a6));
	CHECK_UINT(nfct_get_attr_u8(e, ATTR_ICMP_TYPE), 128);
	CHECK_UINT(nfct_get_attr_u16(e, ATTR_ICMP_ID), htons(9));
	CHECK_INT(nfct_attr_is_set(e, ATTR_ORIG_PORT_SRC), 0);
	nfexp_destroy(exp);
}

static void test_clone(void)
{
	struct nf_expect *exp = full();
	struct nf_expect *c = nfexp_clone(exp);

	CHECK(c != NULL && c != exp);
	CHECK_INT(nfexp_cmp(exp, c, 0), 1);
	CHECK_INT(nfexp_cmp(exp, c, NFCT_CMP_STRICT), 1);
	CHECK_STR(nfexp_get_attr(c, ATTR_EXP_FN), "nat-follow-master");
	CHECK(nfexp_get_attr(c, ATTR_EXP_FN) != nfexp_get_attr(exp, ATTR_EXP_FN));
	CHECK(nfexp_get_attr(c, ATTR_EXP_MASTER) != nfexp_get_attr(exp, ATTR_EXP_MASTER));
	for (int a = 0; a < ATTR_EXP_MAX; a++)
		CHECK_INT(nfexp_attr_is_set(c, a), 1);

	/* Independent: changing the clone leaves the original alone. */
	nfexp_set_attr(c, ATTR_EXP_FN, "sip");
	CHECK_STR(nfexp_get_attr(exp, ATTR_EXP_FN), "nat-follow-master");
	nfexp_destroy(exp);
	CHECK_STR(nfexp_get_attr(c, ATTR_EXP_HELPER_NAME), "ftp");
	nfexp_destroy(c);

	/* An unset attribute keeps its value in the clone too. */
	exp = nfexp_new();
	nfexp_set_attr_u32(exp, ATTR_EXP_FLAGS, NF_CT_EXPECT_USERSPACE);
	nfexp_attr_unset(exp, ATTR_EXP_FLAGS);
	c = nfexp_clone(exp);

	char b1[256], b2[256];

	nfexp_snprintf(b1, sizeof(b1), exp, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0);
	nfexp_snprintf(b2, sizeof(b2), c, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0);
	CHECK_STR(b2, b1);
	CHECK_STR(b1, "proto=0 USERSPACE");
	nfexp_destroy(exp);
	nfexp_destroy(c);
}

static void test_sizes(void)
{
	struct nf_expect *exp = nfexp_new();

	CHECK(nfexp_maxsize() > 0);
	CHECK_UINT(nfexp_sizeof(exp), nfexp_maxsize());
	nfexp_destroy(exp);
}

/*
 * conntrackd copies expectations into objects of its cache with
 * memcpy(dst, src, nfexp_maxsize()) and destroys both: the copy must be
 * independent and complete, the function name included.
 */
static void test_bytewise_copy(void)
{
	struct nf_expect *src = nfexp_new(), *dst = nfexp_new();

	nfexp_set_attr(src, ATTR_EXP_FN, "nat-follow-master");
	nfexp_set_attr(src, ATTR_EXP_HELPER_NAME, "ftp");
	nfexp_set_attr(dst, ATTR_EXP_FN, "other");
	memcpy(dst, src, nfexp_maxsize());
	nfexp_destroy(src);
	CHECK_STR(nfexp_get_attr(dst, ATTR_EXP_FN), "nat-follow-master");
	CHECK_STR(nfexp_get_attr(dst, ATTR_EXP_HELPER_NAME), "ftp");
	nfexp_set_attr(dst, ATTR_EXP_FN, "changed");
	CHECK_STR(nfexp_get_attr(dst, ATTR_EXP_FN), "changed");
	nfexp_destroy(dst);
}

/* One attribute different at a time. */
static void test_cmp(void)
{
	struct nf_expect *a = full(), *b = full();

	CHECK_INT(nfexp_cmp(a, b, 0), 1);

	/* The timeout is never compared, whatever the flags. */
	nfexp_set_attr_u32(b, ATTR_EXP_TIMEOUT, 1);
	CHECK_INT(nfexp_cmp(a, b, 0), 1);
	CHECK_INT(nfexp_cmp(a, b, NFCT_CMP_TIMEOUT_EQ), 1);
	nfexp_attr_unset(b, ATTR_EXP_TIMEOUT);
	CHECK_INT(nfexp_cmp(a, b, NFCT_CMP_STRICT), 1);
	CHECK_INT(nfexp_cmp(a, b, NFCT_CMP_MASK), 1);

	nfexp_set_attr_u16(b, ATTR_EXP_ZONE, 8);
	CHECK_INT(nfexp_cmp(a, b, 0), 0);
	nfexp_set_attr_u16(b, ATTR_EXP_ZONE, 7);
	CHECK_INT(nfexp_cmp(a, b, 0), 1);

	nfexp_set_attr(b, ATTR_EXP_HELPER_NAME, "sip");
	CHECK_INT(nfexp_cmp(a, b, 0), 0);
	nfexp_set_attr(b, ATTR_EXP_HELPER_NAME, "ftp");

	nfexp_set_attr(b, ATTR_EXP_FN, "sip");
	CHECK_INT(nfexp_cmp(a, b, 0), 0);
	nfexp_set_attr(b, ATTR_EXP_FN, "nat-follow-master");

	nfexp_set_attr_u32(b, ATTR_EXP_CLASS, 2);
	CHECK_INT(nfexp_cmp(a, b, 0), 0);
	nfexp_set_attr_u32(b, ATTR_EXP_CLASS, 1);
	CHECK_INT(nfexp_cmp(a, b, 0), 1);

	/* Presence: set in one only matches unless MASK (set in the first)
	 * or STRICT. */
	nfexp_attr_unset(b, ATTR_EXP_CLASS);
	CHECK_INT(nfexp_cmp(a, b, 0), 1);
	CHECK_INT(nfexp_cmp(a, b, NFCT_CMP_MASK), 0);
	CHECK_INT(nfexp_cmp(b, a, NFCT_CMP_MASK), 1);
	CHECK_INT(nfexp_cmp(b, a, NFCT_CMP_STRICT), 0);
	nfexp_set_attr_u32(b, ATTR_EXP_CLASS, 1);

	/* Tuples, by their fields. */
	struct nf_conntrack *t = tuple4("10.0.0.1", "10.0.0.2", IPPROTO_TCP, 0, 50001);

	nfexp_set_attr(b, ATTR_EXP_EXPECTED, t);
	CHECK_INT(nfexp_cmp(a, b, 0), 0);
	nfct_set_attr_u16(t, ATTR_ORIG_PORT_DST, htons(50000));
	nfexp_set_attr(b, ATTR_EXP_EXPECTED, t);
	CHECK_INT(nfexp_cmp(a, b, 0), 1);
	/* A tuple without its ports: matches unless MASK or STRICT. */
	nfct_attr_unset(t, ATTR_ORIG_PORT_DST);
	nfexp_set_attr(b, ATTR_EXP_EXPECTED, t);
	CHECK_INT(nfexp_cmp(a, b, 0), 1);
	CHECK_INT(nfexp_cmp(a, b, NFCT_CMP_MASK), 0);
	CHECK_INT(nfexp_cmp(b, a, NFCT_CMP_MASK), 1);
	CHECK_INT(nfexp_cmp(b, a, NFCT_CMP_STRICT), 0);
	nfct_destroy(t);

	nfexp_destroy(a);
	nfexp_destroy(b);
}

int main(void)
{
	test_empty();
	test_out_of_range();
	test_scalars();
	test_strings();
	test_tuples();
	test_tuple_copy();
	test_clone();
	test_sizes();
	test_bytewise_copy();
	test_cmp();
	return test_done();
}
