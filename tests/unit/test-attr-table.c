/*
 * The attribute table (ct_attr_table), row by row: storage inside the
 * object, no overlay but the documented ones, and set, get, unset, copy and
 * compare behaving as each descriptor says. Ours only: it links the
 * library's internals.
 */
#include <arpa/inet.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "internal/attr.h"
#include "check.h"
#include "unit.h"

/* The overlays programs can observe, the original's (see object.h). Any
 * other overlap of two attributes is a table error. */
static const unsigned char overlays[][2] = {
	{ ATTR_ORIG_IPV4_SRC, ATTR_ORIG_IPV6_SRC }, { ATTR_ORIG_IPV4_DST, ATTR_ORIG_IPV6_DST },
	{ ATTR_REPL_IPV4_SRC, ATTR_REPL_IPV6_SRC }, { ATTR_REPL_IPV4_DST, ATTR_REPL_IPV6_DST },
	{ ATTR_MASTER_IPV4_SRC, ATTR_MASTER_IPV6_SRC },
	{ ATTR_MASTER_IPV4_DST, ATTR_MASTER_IPV6_DST },
	{ ATTR_SNAT_IPV4, ATTR_SNAT_IPV6 }, { ATTR_DNAT_IPV4, ATTR_DNAT_IPV6 },
	{ ATTR_ORIG_PORT_SRC, ATTR_ICMP_ID }, { ATTR_ORIG_PORT_DST, ATTR_ICMP_TYPE },
	{ ATTR_ORIG_PORT_DST, ATTR_ICMP_CODE },
	{ ATTR_TCP_STATE, ATTR_SCTP_STATE }, { ATTR_TCP_STATE, ATTR_DCCP_STATE },
	{ ATTR_SCTP_STATE, ATTR_DCCP_STATE }, { ATTR_TCP_FLAGS_ORIG, ATTR_DCCP_ROLE },
	{ ATTR_TCP_MASK_REPL, ATTR_SCTP_VTAG_ORIG }, { ATTR_SCTP_VTAG_ORIG, ATTR_TCP_WSCALE_ORIG },
	{ ATTR_SCTP_VTAG_ORIG, ATTR_TCP_WSCALE_REPL },
	{ ATTR_SCTP_VTAG_REPL, ATTR_DCCP_HANDSHAKE_SEQ },
};

static bool listed_overlay(unsigned int a, unsigned int b)
{
	for (size_t i = 0; i < ARRAY_LEN(overlays); i++)
		if ((overlays[i][0] == a && overlays[i][1] == b) ||
		    (overlays[i][0] == b && overlays[i][1] == a))
			return true;
	return false;
}

static bool inline_kind(unsigned int kind)
{
	return kind != CT_K_SECCTX && kind != CT_K_BLOB && kind != CT_K_BITMASK;
}

static void test_layout(void)
{
	for (unsigned int a = 0; a < ATTR_MAX; a++) {
		const struct ct_attr_desc *d = &ct_attr_table[a];

		CHECK_MSG(d->size > 0 && d->offset + d->size <= sizeof(struct nf_conntrack) &&
			  d->offset >= sizeof(((struct nf_conntrack *)0)->set),
			  "attr %u: offset %u size %u", a, d->offset, d->size);
		/* Exactly one nfct_copy() selection. */
		unsigned int cp = d->flags & (CT_F_CP_ORIG | CT_F_CP_REPL | CT_F_CP_META);

		CHECK_MSG(cp == CT_F_CP_ORIG || cp == CT_F_CP_REPL || cp == CT_F_CP_META,
			  "attr %u: copy flags %#x", a, cp);
		/* The ICMP side effects belong to fields of the original tuple. */
		if (d->flags & (CT_F_ICMP_ANSWER | CT_F_ICMP_MIRROR))
			CHECK_MSG(d->offset >= offsetof(struct nf_conntrack, orig) &&
				  d->offset < offsetof(struct nf_conntrack, orig) +
					      sizeof(struct ct_tuple), "attr %u: ICMP flags", a);
		if (d->cmp_how == CT_CMP_L4PROTO)
			CHECK(d->cmp_class == CT_C_ORIG || d->cmp_class == CT_C_REPL);

		for (unsigned int b = a + 1; b < ATTR_MAX; b++) {
			const struct ct_attr_desc *e = &ct_attr_table[b];
			bool overlap = d->offset < e->offset + e->size &&
				       e->offset < d->offset + d->size;

			CHECK_MSG(overlap == listed_overlay(a, b),
				  "attrs %u and %u: overlap %d, listed %d", a, b, overlap,
				  listed_overlay(a, b));
		}
	}
}

/* A value for the attribute: n picks one of several. */
static void fill(unsigned int a, unsigned char *buf, size_t len, unsigned int n)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (unsigned char)(0x11 * (n + 1) + a + i);
	if (a == ATTR_HELPER_NAME)
		buf[5] = '\0';
	if (a == ATTR_ICMP_TYPE)
		buf[0] = n ? 0 : 8;
}

static void set_value(struct nf_conntrack *ct, unsigned int a, unsigned int n)
{
	const struct ct_attr_desc *d = &ct_attr_table[a];
	unsigned char buf[32];

	fill(a, buf, sizeof(buf), n);
	if (d->kind == CT_K_BITMASK) {
		struct nfct_bitmask *b = nfct_bitmask_new(63);

		nfct_bitmask_set_bit(b, n + 1);
		CHECK_INT(ct_attr_set(ct, a, b, 0), 0);
	} else {
		CHECK_INT(ct_attr_set(ct, a, buf, d->kind == CT_K_BLOB ? 7 : 0), 0);
	}
}

static void test_set_get_unset_copy(void)
{
	for (unsigned int a = 0; a < ATTR_MAX; a++) {
		const struct ct_attr_desc *d = &ct_attr_table[a];
		struct nf_conntrack *ct = nfct_new(), *cp = nfct_new();
		unsigned char buf[32], zero[32] = { 0 };

		fill(a, buf, sizeof(buf), 0);
		set_value(ct, a, 0);
		CHECK_MSG(ct_isset(ct, a), "attr %u: not marked", a);
		for (unsigned int b = 0; b < ATTR_MAX; b++)
			if (b != a)
				CHECK_MSG(!ct_isset(ct, b), "setting %u marks %u", a, b);

		const void *p = nfct_get_attr(ct, a);

		if (d->flags & CT_F_KERNEL) {
			/* Nothing stored. */
			if (inline_kind(d->kind))
				CHECK_MSG(p == ct_attr_cptr(ct, a) &&
					  memcmp(p, zero, d->size) == 0, "attr %u: kernel-only", a);
			else
				CHECK(p == NULL);
		} else if (inline_kind(d->kind)) {
			CHECK_MSG(p == ct_attr_cptr(ct, a), "attr %u: get points to the field", a);
			if (d->kind == CT_K_NAME)
				CHECK_STR(p, (const char *)buf);
			else
				CHECK_MSG(memcmp(p, buf, d->size) == 0, "attr %u: value", a);
			CHECK_UINT(ct_attr_avail(ct, a), d->size);
		} else {
			CHECK(p != NULL && p == *(void *const *)ct_attr_cptr(ct, a));
		}

		/* Copy: the value and the mark, owned data duplicated. */
		CHECK_INT(ct_attr_copy(cp, ct, a), 0);
		CHECK(ct_isset(cp, a));
		if (inline_kind(d->kind))
			CHECK_MSG(memcmp(ct_attr_cptr(cp, a), ct_attr_cptr(ct, a), d->size) == 0,
				  "attr %u: copy", a);
		else if (p != NULL)
			CHECK(nfct_get_attr(cp, a) != p);
		for (unsigned int f = 0; f < 128; f++)
			CHECK_INT(nfct_cmp(ct, cp, f), 1);

		/* Unset: the mark only. */
		CHECK_INT(nfct_attr_unset(ct, a), 0);
		CHECK(!ct_isset(ct, a));
		if (inline_kind(d->kind) && !(d->flags & CT_F_KERNEL))
			CHECK_MSG(memcmp(ct_attr_cptr(ct, a), ct_attr_cptr(cp, a), d->size) == 0,
				  "attr %u: unset keeps the value", a);
		nfct_destroy(ct);
		nfct_destroy(cp);
	}
}

/* nfct_copy() selections follow the copy flags. */
static void test_copy_flags(void)
{
	static const struct {
		unsigned int cp, flag;
	} sel[] = {
		{ NFCT_CP_ORIG, CT_F_CP_ORIG }, { NFCT_CP_REPL, CT_F_CP_REPL },
		{ NFCT_CP_META, CT_F_CP_META },
	};

	for (unsigned int a = 0; a < ATTR_MAX; a++) {
		for (size_t s = 0; s < ARRAY_LEN(sel); s++) {
			struct nf_conntrack *src = nfct_new(), *dst = nfct_new();

			set_value(src, a, 0);
			nfct_copy(dst, src, sel[s].cp);
			CHECK_MSG(ct_isset(dst, a) == !!(ct_attr_table[a].flags & sel[s].flag),
				  "attr %u selection %u", a, sel[s].cp);
			nfct_destroy(src);
			nfct_destroy(dst);
		}
	}
}

/* nfct_cmp() looks at an attribute as its compare class says. */
static void test_compare_classes(void)
{
	for (unsigned int a = 0; a < ATTR_MAX; a++) {
		const struct ct_attr_desc *d = &ct_attr_table[a];
		struct nf_conntrack *c1 = nfct_new(), *c2 = nfct_new();
		unsigned int l4 = ATTR_MAX;
		uint8_t proto = 0;

		switch (d->cmp_class) {
		case CT_C_ORIG_L4:
			l4 = ATTR_ORIG_L4PROTO;
			proto = IPPROTO_TCP;
			break;
		case CT_C_REPL_L4:
			l4 = ATTR_REPL_L4PROTO;
			proto = IPPROTO_SCTP;
			break;
		case CT_C_ICMP:
			l4 = ATTR_REPL_L4PROTO;
			proto = IPPROTO_ICMPV6;
			break;
		default:
			break;
		}
		if (l4 != ATTR_MAX) {
			ct_attr_set(c1, l4, &proto, 0);
			ct_attr_set(c2, l4, &proto, 0);
		}
		set_value(c1, a, 0);
		set_value(c2, a, 1);

		bool can_differ = !(d->flags & CT_F_KERNEL);
		bool in_all = d->cmp_class != CT_C_NONE;
		bool in_orig = d->cmp_class == CT_C_ORIG || d->cmp_class == CT_C_ORIG_L4;
		bool in_repl = d->cmp_class == CT_C_REPL || d->cmp_class == CT_C_REPL_L4 ||
			       d->cmp_class == CT_C_ICMP;

		CHECK_MSG(nfct_cmp(c1, c2, NFCT_CMP_ALL) == !(can_differ && in_all),
			  "attr %u: ALL", a);
		CHECK_MSG(nfct_cmp(c1, c2, NFCT_CMP_ORIG) == !(can_differ && in_orig),
			  "attr %u: ORIG", a);
		CHECK_MSG(nfct_cmp(c1, c2, NFCT_CMP_REPL) == !(can_differ && in_repl),
			  "attr %u: REPL", a);

		/* Set in the first only: MASK fails what is compared, except
		 * a zero value of a CT_F_CMP_ZERO attribute. */
		struct nf_conntrack *e = nfct_new();

		if (l4 != ATTR_MAX)
			ct_attr_set(e, l4, &proto, 0);
		CHECK_MSG(nfct_cmp(c1, e, NFCT_CMP_MASK) == !in_all, "attr %u: MASK", a);
		if ((d->flags & CT_F_CMP_ZERO) && inline_kind(d->kind)) {
			memset(ct_attr_ptr(c1, a), 0, d->size);
			CHECK_MSG(nfct_cmp(c1, e, NFCT_CMP_MASK | NFCT_CMP_STRICT) == 1,
				  "attr %u: zero", a);
		}
		nfct_destroy(c1);
		nfct_destroy(c2);
		nfct_destroy(e);
	}
}

int main(void)
{
	test_layout();
	test_set_get_unset_copy();
	test_copy_flags();
	test_compare_classes();
	return test_done();
}
