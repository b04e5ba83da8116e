/*
 * What only our library does: NULL objects and arguments, out-of-range ids
 * and wrong-width typed accessors fail cleanly with EINVAL instead of
 * crashing or reading out of bounds, helper names and helper info are
 * bounded by the given length, and copies keep the helper info's bytes.
 * The original crashes or reads out of bounds here, so this skips there.
 */
#include <arpa/inet.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"
#include "unit.h"

static void test_null_objects(void)
{
	unsigned char buf[64];
	enum nf_conntrack_attr list[1] = { ATTR_MARK };

	CHECK_NULL_ERRNO(nfct_clone(NULL), EINVAL);
	nfct_destroy(NULL);
	CHECK_ERRNO(nfct_sizeof(NULL), 0, EINVAL);

	errno = 0;
	nfct_set_attr(NULL, ATTR_MARK, buf);
	CHECK_INT(errno, EINVAL);
	errno = 0;
	nfct_set_attr_l(NULL, ATTR_MARK, buf, 4);
	CHECK_INT(errno, EINVAL);
	errno = 0;
	nfct_set_attr_u8(NULL, ATTR_TCP_STATE, 1);
	CHECK_INT(errno, EINVAL);
	errno = 0;
	nfct_set_attr_u16(NULL, ATTR_ZONE, 1);
	CHECK_INT(errno, EINVAL);
	errno = 0;
	nfct_set_attr_u32(NULL, ATTR_MARK, 1);
	CHECK_INT(errno, EINVAL);
	errno = 0;
	nfct_set_attr_u64(NULL, ATTR_DCCP_HANDSHAKE_SEQ, 1);
	CHECK_INT(errno, EINVAL);

	CHECK_NULL_ERRNO(nfct_get_attr(NULL, ATTR_MARK), EINVAL);
	CHECK_ERRNO(nfct_get_attr_u8(NULL, ATTR_TCP_STATE), 0, EINVAL);
	CHECK_ERRNO(nfct_get_attr_u16(NULL, ATTR_ZONE), 0, EINVAL);
	CHECK_ERRNO(nfct_get_attr_u32(NULL, ATTR_MARK), 0, EINVAL);
	CHECK_ERRNO(nfct_get_attr_u64(NULL, ATTR_DCCP_HANDSHAKE_SEQ), 0, EINVAL);
	CHECK_ERRNO(nfct_attr_is_set(NULL, ATTR_MARK), -1, EINVAL);
	CHECK_ERRNO(nfct_attr_is_set_array(NULL, list, 1), -1, EINVAL);
	CHECK_ERRNO(nfct_attr_unset(NULL, ATTR_MARK), -1, EINVAL);

	errno = 0;
	nfct_set_attr_grp(NULL, ATTR_GRP_ORIG_IPV4, buf);
	CHECK_INT(errno, EINVAL);
	CHECK_ERRNO(nfct_get_attr_grp(NULL, ATTR_GRP_ORIG_IPV4, buf), -1, EINVAL);
	CHECK_ERRNO(nfct_attr_grp_is_set(NULL, ATTR_GRP_ORIG_IPV4), -1, EINVAL);
	CHECK_ERRNO(nfct_attr_grp_unset(NULL, ATTR_GRP_ORIG_IPV4), -1, EINVAL);

	CHECK_ERRNO(nfct_setobjopt(NULL, NFCT_SOPT_UNDO_SNAT), -1, EINVAL);
	CHECK_ERRNO(nfct_getobjopt(NULL, NFCT_GOPT_IS_SNAT), -1, EINVAL);

	struct nf_conntrack *ct = nfct_new();

	errno = 0;
	nfct_copy(NULL, ct, NFCT_CP_ALL);
	CHECK_INT(errno, EINVAL);
	errno = 0;
	nfct_copy(ct, NULL, NFCT_CP_OVERRIDE);
	CHECK_INT(errno, EINVAL);
	errno = 0;
	nfct_copy_attr(NULL, ct, ATTR_MARK);
	CHECK_INT(errno, EINVAL);
	errno = 0;
	nfct_copy_attr(ct, NULL, ATTR_MARK);
	CHECK_INT(errno, EINVAL);
	CHECK_ERRNO(nfct_cmp(NULL, ct, NFCT_CMP_ALL), 0, EINVAL);
	CHECK_ERRNO(nfct_cmp(ct, NULL, NFCT_CMP_ALL), 0, EINVAL);
	CHECK_ERRNO(nfct_compare(NULL, NULL), 0, EINVAL);

	/* NULL values and arrays. */
	errno = 0;
	nfct_set_attr(ct, ATTR_MARK, NULL);
	CHECK_INT(errno, EINVAL);
	errno = 0;
	nfct_set_attr(ct, ATTR_ORIG_COUNTER_BYTES, NULL);	/* kernel-only too */
	CHECK_INT(errno, EINVAL);
	errno = 0;
	nfct_set_attr(ct, ATTR_CONNLABELS, NULL);
	CHECK_INT(errno, EINVAL);
	errno = 0;
	nfct_set_attr_grp(ct, ATTR_GRP_ORIG_IPV4, NULL);
	CHECK_INT(errno, EINVAL);
	CHECK_ERRNO(nfct_get_attr_grp(ct, ATTR_GRP_ORIG_IPV4, NULL), -1, EINVAL);
	CHECK_ERRNO(nfct_attr_is_set_array(ct, NULL, 1), -1, EINVAL);
	CHECK_ERRNO(nfct_attr_is_set_array(ct, NULL, 0), 1, 0);
	for (unsigned int a = 0; a < ATTR_MAX; a++)
		CHECK_INT(nfct_attr_is_set(ct, a), 0);
	nfct_destroy(ct);
}

/* Out-of-range ids: errno EINVAL where the original stays silent or
 * crashes (nfct_copy_attr() reads past its tables). ATTR_TIMESTAMP_EVENT is
 * a real attribute here. */
static void test_out_of_range(void)
{
	struct nf_conntrack *ct = nfct_new(), *other = nfct_new();
	static const unsigned int bad[] = { ATTR_MAX, ATTR_MAX + 1, 1000, 0xffffffff };

	nfct_set_attr_u32(other, ATTR_MARK, 1);
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		errno = 0;
		nfct_set_attr_u32(ct, bad[i], 1);
		CHECK_INT(errno, EINVAL);
		errno = 0;
		nfct_set_attr(ct, bad[i], "x");
		CHECK_INT(errno, EINVAL);
		errno = 0;
		nfct_copy_attr(ct, other, bad[i]);
		CHECK_INT(errno, EINVAL);
		CHECK_NULL_ERRNO(nfct_get_attr(ct, bad[i]), EINVAL);
		CHECK_ERRNO(nfct_attr_is_set(ct, bad[i]), -1, EINVAL);
		errno = 0;
		nfct_set_attr_grp(ct, ATTR_GRP_MAX + i, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
		CHECK_INT(errno, EINVAL);
	}

	/* The one attribute the original lacks: kernel-only, like the other
	 * timestamps. */
	nfct_set_attr_u64(ct, ATTR_TIMESTAMP_EVENT, 5);
	CHECK_INT(nfct_attr_is_set(ct, ATTR_TIMESTAMP_EVENT), 1);
	CHECK_ERRNO(nfct_get_attr_u64(ct, ATTR_TIMESTAMP_EVENT), 0, 0);
	nfct_copy(other, ct, NFCT_CP_META);
	CHECK_INT(nfct_attr_is_set(other, ATTR_TIMESTAMP_EVENT), 1);
	nfct_destroy(ct);
	nfct_destroy(other);
}

/*
 * Typed accessors of the wrong width: the setters convert the value to the
 * attribute's width (zero-extended, or truncated to the low bytes) and the
 * getters read at most the attribute's bytes, zero-extended. The original
 * reads or writes out of bounds.
 */
static void test_wrong_widths(void)
{
	struct nf_conntrack *ct = nfct_new();

	nfct_set_attr_u8(ct, ATTR_MARK, 0xab);			/* u32 attribute */
	CHECK_UINT(nfct_get_attr_u32(ct, ATTR_MARK), 0xab);
	CHECK_UINT(nfct_get_attr_u64(ct, ATTR_MARK), 0xab);
	CHECK_UINT(nfct_get_attr_u8(ct, ATTR_MARK), 0xab);
	nfct_set_attr_u64(ct, ATTR_MARK, UINT64_C(0x1122334455667788));
	CHECK_UINT(nfct_get_attr_u32(ct, ATTR_MARK), 0x55667788);
	CHECK_UINT(nfct_get_attr_u16(ct, ATTR_MARK), 0x7788);	/* low bytes, as stored */
	nfct_set_attr_u32(ct, ATTR_TCP_STATE, 0x103);		/* u8 attribute */
	CHECK_UINT(nfct_get_attr_u8(ct, ATTR_TCP_STATE), 3);
	CHECK_UINT(nfct_get_attr_u64(ct, ATTR_TCP_STATE), 3);

	/* An IPv6 address from a u32: the first word, the rest cleared. */
	nfct_set_attr_u32(ct, ATTR_ORIG_IPV6_SRC, htonl(0x0a000001));
	const uint8_t *p = nfct_get_attr(ct, ATTR_ORIG_IPV6_SRC);

	CHECK(p[0] == 10 && p[3] == 1 && p[4] == 0 && p[15] == 0);
	CHECK_UINT(nfct_get_attr_u64(ct, ATTR_ORIG_IPV6_SRC), htonl(0x0a000001));

	/* Integers are no bitmasks. */
	errno = 0;
	nfct_set_attr_u64(ct, ATTR_CONNLABELS, 0x1234);
	CHECK_INT(errno, EINVAL);
	CHECK_INT(nfct_attr_is_set(ct, ATTR_CONNLABELS), 0);

	/* Typed getters of owned data stay within it. */
	static const uint8_t two[2] = { 0x11, 0x22 };

	nfct_set_attr_l(ct, ATTR_HELPER_INFO, two, sizeof(two));
	CHECK_UINT(nfct_get_attr_u64(ct, ATTR_HELPER_INFO), 0x2211);
	nfct_set_attr_l(ct, ATTR_HELPER_INFO, two, 0);		/* zero length */
	CHECK(nfct_get_attr(ct, ATTR_HELPER_INFO) != NULL);
	CHECK_ERRNO(nfct_get_attr_u32(ct, ATTR_HELPER_INFO), 0, 0);
	nfct_set_attr(ct, ATTR_SECCTX, "x");
	CHECK_ERRNO(nfct_get_attr_u32(ct, ATTR_SECCTX), 0, 0);	/* NULL: nothing to read */
	nfct_destroy(ct);
}

/* Lengths given to nfct_set_attr_l() bound what is read. */
static void test_lengths(void)
{
	struct nf_conntrack *ct = nfct_new();

	nfct_set_attr_l(ct, ATTR_HELPER_NAME, "ftp-extra", 3);
	CHECK_STR(nfct_get_attr(ct, ATTR_HELPER_NAME), "ftp");
	nfct_set_attr_l(ct, ATTR_HELPER_NAME, "abcdefghijklmnopqrstuvwxyz", 100);
	CHECK_STR(nfct_get_attr(ct, ATTR_HELPER_NAME), "abcdefghijklmno");
	nfct_set_attr_l(ct, ATTR_HELPER_NAME, "abcdefghijklmnopqrstuvwxyz", 0);
	CHECK_STR(nfct_get_attr(ct, ATTR_HELPER_NAME), "abcdefghijklmno");
	/* The field is cleared after the name. */
	nfct_set_attr(ct, ATTR_HELPER_NAME, "ab");
	const char *name = nfct_get_attr(ct, ATTR_HELPER_NAME);

	for (unsigned int i = 2; i < NFCT_HELPER_NAME_MAX; i++)
		CHECK_INT(name[i], 0);

	/* A short fixed-size value is zero-extended. */
	uint32_t mark = 0xffffffff;

	nfct_set_attr_l(ct, ATTR_MARK, &mark, 2);
	CHECK_UINT(nfct_get_attr_u32(ct, ATTR_MARK), 0xffff);

	/* Oversized helper info. */
	errno = 0;
	nfct_set_attr_l(ct, ATTR_HELPER_INFO, &mark, (size_t)UINT32_MAX + 1);
	CHECK_INT(errno, EINVAL);
	CHECK_INT(nfct_attr_is_set(ct, ATTR_HELPER_INFO), 0);
	nfct_destroy(ct);
}

/* Copies of the helper info keep its bytes; a copy onto itself changes
 * nothing. */
static void test_copies(void)
{
	struct nf_conntrack *ct = nfct_new();
	static const uint8_t info[4] = { 1, 2, 3, 4 };
	struct nfct_bitmask *b = nfct_bitmask_new(31);

	nfct_set_attr_l(ct, ATTR_HELPER_INFO, info, sizeof(info));
	nfct_bitmask_set_bit(b, 4);
	nfct_set_attr(ct, ATTR_CONNLABELS, b);

	struct nf_conntrack *c = nfct_clone(ct);

	CHECK_MEM(nfct_get_attr(c, ATTR_HELPER_INFO), info, sizeof(info));
	CHECK_UINT(nfct_get_attr_u32(c, ATTR_HELPER_INFO), 0x04030201);

	for (unsigned int flags = 0; flags < 16; flags++)
		nfct_copy(ct, ct, flags);
	nfct_copy_attr(ct, ct, ATTR_CONNLABELS);
	CHECK(nfct_get_attr(ct, ATTR_CONNLABELS) == b);
	CHECK_INT(nfct_bitmask_test_bit(b, 4), 1);
	CHECK_MEM(nfct_get_attr(ct, ATTR_HELPER_INFO), info, sizeof(info));
	nfct_destroy(ct);
	nfct_destroy(c);
}

int main(void)
{
	test_ours_only("NULL objects, out-of-range ids, wrong widths, lengths");
	test_null_objects();
	test_out_of_range();
	test_wrong_widths();
	test_lengths();
	test_copies();
	return test_done();
}
