/*
 * Conntrack object life cycle, copies, comparisons and object options.
 */
#include <stdlib.h>
#include <string.h>

#include "internal/attr.h"

/**
 * \addtogroup conntrack
 * @{
 */

/**
 * Allocates an empty conntrack object.
 *
 * \return the object, with no attribute set, to be freed with
 * nfct_destroy(); or NULL with errno ENOMEM
 */
NFCT_EXPORT struct nf_conntrack *nfct_new(void)
{
	struct nf_conntrack *ct = calloc(1, sizeof(*ct));

	if (ct == NULL)
		errno = ENOMEM;
	return ct;
}

void ct_reset(struct nf_conntrack *ct)
{
	free(ct->secctx);
	free(ct->helper_info);
	nfct_bitmask_destroy(ct->labels);
	nfct_bitmask_destroy(ct->labels_mask);
	memset(ct, 0, sizeof(*ct));
}

/**
 * Frees a conntrack object and everything it owns (labels, helper info,
 * security context). NULL is accepted and does nothing.
 *
 * \param ct the object
 */
NFCT_EXPORT void nfct_destroy(struct nf_conntrack *ct)
{
	if (ct == NULL)
		return;
	ct_reset(ct);
	free(ct);
}

int ct_copy_all(struct nf_conntrack *dst, const struct nf_conntrack *src)
{
	int ret = 0;

	if (dst == src)
		return 0;
	ct_reset(dst);
	memcpy(dst, src, sizeof(*dst));
	/* The owned pointers were copied too: give dst its own buffers. */
	dst->secctx = NULL;
	dst->helper_info = NULL;
	dst->helper_info_len = 0;
	dst->labels = NULL;
	dst->labels_mask = NULL;
	for (unsigned int a = 0; a < ATTR_MAX; a++) {
		const struct ct_attr_desc *d = &ct_attr_table[a];

		if (d->kind < CT_K_SECCTX)
			continue;
		if (ct_attr_get(src, a) == NULL)
			continue;
		bool was_set = ct_isset(src, a);

		if (ct_attr_copy(dst, src, a) < 0) {
			ct_mark_unset(dst, a);
			ret = -1;
			continue;
		}
		if (!was_set)
			ct_mark_unset(dst, a);
	}
	return ret;
}

/**
 * Duplicates a conntrack object, owned data included.
 *
 * \param ct the object
 * \return the copy, to be freed with nfct_destroy(), or NULL with errno
 * EINVAL (\p ct is NULL) or ENOMEM
 */
NFCT_EXPORT struct nf_conntrack *nfct_clone(const struct nf_conntrack *ct)
{
	if (ct == NULL)
		return fail_ptr(EINVAL);
	struct nf_conntrack *clone = nfct_new();

	if (clone == NULL)
		return NULL;
	if (ct_copy_all(clone, ct) < 0) {
		nfct_destroy(clone);
		return fail_ptr(ENOMEM);
	}
	return clone;
}

/**
 * Returns the size of a conntrack object in bytes.
 *
 * \param ct the object (only checked for NULL)
 * \return sizeof the object structure; 0 with errno EINVAL when \p ct is
 * NULL
 *
 * Deprecated: objects are opaque; this exists for old programs.
 */
NFCT_EXPORT size_t nfct_sizeof(const struct nf_conntrack *ct)
{
	if (ct == NULL) {
		errno = EINVAL;
		return 0;
	}
	return sizeof(*ct);
}

/**
 * Returns the largest size a conntrack object can have, in bytes.
 *
 * \return sizeof the object structure (owned data lives outside it)
 *
 * Deprecated: objects are opaque; this exists for old programs.
 */
NFCT_EXPORT size_t nfct_maxsize(void)
{
	return sizeof(struct nf_conntrack);
}

/*
 * Attribute sets derived from the table: which attributes each nfct_copy()
 * selection copies and which each nfct_cmp() part compares.
 */
/* The table's X-macro lives in attr.c; the sets are computed from the
 * descriptors once, on first use. */
struct ct_sets {
	struct ct_attrset copy_orig, copy_repl, copy_meta;
	struct ct_attrset cmp_orig, cmp_repl, cmp_meta;
};

static void attrset_add(struct ct_attrset *s, unsigned int a)
{
	s->w[a / 64] |= UINT64_C(1) << (a % 64);
}

static const struct ct_sets *ct_sets(void)
{
	static struct ct_sets sets;
	static bool ready;

	/* Benign if two threads race: both compute the same constant sets
	 * and store identical words. */
	if (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE)) {
		struct ct_sets s;

		memset(&s, 0, sizeof(s));
		for (unsigned int a = 0; a < ATTR_MAX; a++) {
			const struct ct_attr_desc *d = &ct_attr_table[a];

			if (d->flags & CT_F_CP_ORIG)
				attrset_add(&s.copy_orig, a);
			if (d->flags & CT_F_CP_REPL)
				attrset_add(&s.copy_repl, a);
			if (d->flags & CT_F_CP_META)
				attrset_add(&s.copy_meta, a);
			if (d->cmp_class == CT_C_ORIG)
				attrset_add(&s.cmp_orig, a);
			else if (d->cmp_class == CT_C_REPL)
				attrset_add(&s.cmp_repl, a);
			else if (d->cmp_class == CT_C_META)
				attrset_add(&s.cmp_meta, a);
		}
		memcpy(&sets, &s, sizeof(s));
		__atomic_store_n(&ready, true, __ATOMIC_RELEASE);
	}
	return &sets;
}

/* Copies the attributes of a set that are present in src. */
static void ct_copy_set(struct nf_conntrack *dst, const struct nf_conntrack *src,
			const struct ct_attrset *s)
{
	for (unsigned int w = 0; w < CT_SET_WORDS; w++) {
		uint64_t bits = src->set[w] & s->w[w];

		while (bits) {
			unsigned int a = w * 64 + (unsigned int)__builtin_ctzll(bits);

			bits &= bits - 1;
			ct_attr_copy(dst, src, a);
		}
	}
}

/**
 * Copies attributes from one conntrack object to another.
 *
 * \param dest the object written
 * \param source the object read
 * \param flags NFCT_CP_ALL (every attribute set in \p source), or any of
 * NFCT_CP_ORIG (original tuple), NFCT_CP_REPL (reply tuple) and
 * NFCT_CP_META (everything from the TCP state on); or NFCT_CP_OVERRIDE,
 * which makes \p dest an exact copy of \p source, unset attributes
 * included.
 *
 * Attributes of \p dest that are not copied keep their value. Owned data
 * (labels, helper info) is duplicated. NULL objects are ignored (errno
 * EINVAL).
 */
NFCT_EXPORT void nfct_copy(struct nf_conntrack *dest,
			   const struct nf_conntrack *source, unsigned int flags)
{
	if (dest == NULL || source == NULL) {
		errno = EINVAL;
		return;
	}
	if (flags & NFCT_CP_OVERRIDE) {
		ct_copy_all(dest, source);
		return;
	}
	if (dest == source)
		return;

	const struct ct_sets *s = ct_sets();

	if (flags == NFCT_CP_ALL) {
		struct ct_attrset all;

		memset(&all, 0xff, sizeof(all));
		ct_copy_set(dest, source, &all);
		return;
	}
	if (flags & NFCT_CP_ORIG)
		ct_copy_set(dest, source, &s->copy_orig);
	if (flags & NFCT_CP_REPL)
		ct_copy_set(dest, source, &s->copy_repl);
	if (flags & NFCT_CP_META)
		ct_copy_set(dest, source, &s->copy_meta);
}

/**
 * Copies one attribute from one conntrack object to another.
 *
 * \param ct1 the object written
 * \param ct2 the object read
 * \param type which attribute
 *
 * Nothing happens when the attribute is not set in \p ct2. NULL objects and
 * out-of-range attributes are ignored (errno EINVAL).
 */
NFCT_EXPORT void nfct_copy_attr(struct nf_conntrack *ct1,
				const struct nf_conntrack *ct2,
				const enum nf_conntrack_attr type)
{
	if (ct1 == NULL || ct2 == NULL || (unsigned int)type >= ATTR_MAX) {
		errno = EINVAL;
		return;
	}
	if (ct1 != ct2 && ct_isset(ct2, type))
		ct_attr_copy(ct1, ct2, type);
}

/* Compares the values of one attribute set in both objects. */
static bool ct_cmp_value(const struct nf_conntrack *ct1, const struct nf_conntrack *ct2,
			 unsigned int a, unsigned int flags)
{
	const struct ct_attr_desc *d = &ct_attr_table[a];

	switch (d->cmp_how) {
	case CT_CMP_TIMEOUT: {
		const unsigned int which = NFCT_CMP_TIMEOUT_EQ | NFCT_CMP_TIMEOUT_GT |
					   NFCT_CMP_TIMEOUT_LT;

		if (!(flags & which))
			return ct1->timeout == ct2->timeout;
		return ((flags & NFCT_CMP_TIMEOUT_GT) && ct1->timeout > ct2->timeout) ||
		       ((flags & NFCT_CMP_TIMEOUT_LT) && ct1->timeout < ct2->timeout) ||
		       ((flags & NFCT_CMP_TIMEOUT_EQ) && ct1->timeout == ct2->timeout);
	}
	case CT_CMP_STATUS:
		return (ct1->status & ct2->status) == ct1->status;
	case CT_CMP_STRING: {
		const char *s1 = ct_attr_get(ct1, a), *s2 = ct_attr_get(ct2, a);

		if (s1 == NULL || s2 == NULL)
			return s1 == s2;
		return strcmp(s1, s2) == 0;
	}
	case CT_CMP_LABELS:
		return nfct_bitmask_equal(ct1->labels, ct2->labels);
	default:
		return memcmp(ct_attr_cptr(ct1, a), ct_attr_cptr(ct2, a), d->size) == 0;
	}
}

/* One attribute: both unset compares equal; set on one side only fails
 * with NFCT_CMP_MASK when the first has it, and with NFCT_CMP_STRICT. */
static bool ct_cmp_attr(const struct nf_conntrack *ct1, const struct nf_conntrack *ct2,
			unsigned int a, unsigned int flags)
{
	bool in1 = ct_isset(ct1, a), in2 = ct_isset(ct2, a);

	if (in1 && in2)
		return ct_cmp_value(ct1, ct2, a, flags);
	if (!in1 && !in2)
		return true;
	if ((flags & NFCT_CMP_MASK) && in1)
		return false;
	if ((flags & NFCT_CMP_STRICT) && !(ct_attr_table[a].flags & CT_F_CMP_LAX))
		return false;
	return true;
}

static bool ct_cmp_set(const struct nf_conntrack *ct1, const struct nf_conntrack *ct2,
		       const struct ct_attrset *s, unsigned int flags)
{
	for (unsigned int w = 0; w < CT_SET_WORDS; w++) {
		uint64_t bits = (ct1->set[w] | ct2->set[w]) & s->w[w];

		while (bits) {
			unsigned int a = w * 64 + (unsigned int)__builtin_ctzll(bits);

			bits &= bits - 1;
			if (!ct_cmp_attr(ct1, ct2, a, flags))
				return false;
		}
	}
	return true;
}

/**
 * Compares two conntrack objects.
 *
 * \param ct1 an object
 * \param ct2 another
 * \param flags what to compare: NFCT_CMP_ALL (tuples and meta attributes:
 * id, mark, timeout, status, protocol states, zone, secctx, labels), or any
 * of NFCT_CMP_ORIG, NFCT_CMP_REPL and the NFCT_CMP_TIMEOUT_* relations;
 * plus NFCT_CMP_MASK (an attribute set in \p ct1 must be set in \p ct2) and
 * NFCT_CMP_STRICT (an attribute set in one must be set in the other)
 * \return 1 when they match, 0 when they do not or an object is NULL
 * (errno EINVAL)
 *
 * Attributes set in neither object always match; by default an attribute
 * set in only one matches too. Status matches when every bit of \p ct1's
 * status is set in \p ct2's.
 */
NFCT_EXPORT int nfct_cmp(const struct nf_conntrack *ct1,
			 const struct nf_conntrack *ct2, unsigned int flags)
{
	if (ct1 == NULL || ct2 == NULL)
		return fail(EINVAL, 0);

	const struct ct_sets *s = ct_sets();

	if ((flags & ~(NFCT_CMP_MASK | NFCT_CMP_STRICT)) == NFCT_CMP_ALL)
		return ct_cmp_set(ct1, ct2, &s->cmp_meta, flags) &&
		       ct_cmp_set(ct1, ct2, &s->cmp_orig, flags) &&
		       ct_cmp_set(ct1, ct2, &s->cmp_repl, flags);

	if ((flags & NFCT_CMP_ORIG) && !ct_cmp_set(ct1, ct2, &s->cmp_orig, flags))
		return 0;
	if ((flags & NFCT_CMP_REPL) && !ct_cmp_set(ct1, ct2, &s->cmp_repl, flags))
		return 0;
	if ((flags & (NFCT_CMP_TIMEOUT_EQ | NFCT_CMP_TIMEOUT_GT | NFCT_CMP_TIMEOUT_LT)) &&
	    !ct_cmp_attr(ct1, ct2, ATTR_TIMEOUT, flags))
		return 0;
	return 1;
}

/**
 * Compares two conntrack objects on everything nfct_cmp() looks at with
 * NFCT_CMP_ALL.
 *
 * \param ct1 an object
 * \param ct2 another
 * \return 1 when they match, 0 otherwise (errno EINVAL for a NULL object)
 */
NFCT_EXPORT int nfct_compare(const struct nf_conntrack *ct1,
			     const struct nf_conntrack *ct2)
{
	return nfct_cmp(ct1, ct2, NFCT_CMP_ALL);
}

/* Object options. */

static void setup_tuple(struct nf_conntrack *ct, struct ct_tuple *to,
			const struct ct_tuple *from, const unsigned int attrs[], size_t n)
{
	to->src = from->dst;
	to->dst = from->src;
	to->l3proto = from->l3proto;
	to->l4proto = from->l4proto;
	to->l4src.all = from->l4dst.all;
	to->l4dst.all = from->l4src.all;

	for (size_t i = 0; i < n; i++)
		ct_mark_set(ct, attrs[i]);
}

static void setup_icmp(struct ct_tuple *to, const struct ct_tuple *from)
{
	switch (to->l4proto) {
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		/* Identifier and code are shared; the type is answered. */
		to->l4src.icmp_id = from->l4src.icmp_id;
		to->l4dst.icmp.code = from->l4dst.icmp.code;
		to->l4dst.icmp.type = ct_icmp_reply_type(from->l3proto, from->l4dst.icmp.type);
		break;
	default:
		break;
	}
}

static const unsigned int orig_tuple_attrs[] = {
	ATTR_ORIG_IPV4_SRC, ATTR_ORIG_IPV4_DST, ATTR_ORIG_IPV6_SRC, ATTR_ORIG_IPV6_DST,
	ATTR_ORIG_PORT_SRC, ATTR_ORIG_PORT_DST, ATTR_ORIG_L3PROTO, ATTR_ORIG_L4PROTO,
	ATTR_ICMP_TYPE, ATTR_ICMP_CODE, ATTR_ICMP_ID,
};

static const unsigned int repl_tuple_attrs[] = {
	ATTR_REPL_IPV4_SRC, ATTR_REPL_IPV4_DST, ATTR_REPL_IPV6_SRC, ATTR_REPL_IPV6_DST,
	ATTR_REPL_PORT_SRC, ATTR_REPL_PORT_DST, ATTR_REPL_L3PROTO, ATTR_REPL_L4PROTO,
};

/* NAT undo: the translated address (or port) of the reply tuple moves into
 * the NAT attribute and the reply tuple gets the untranslated one back. */
static void undo_nat_addr(struct nf_conntrack *ct, struct ct_nat *nat,
			  union ct_addr *repl, const union ct_addr *orig,
			  unsigned int attr4, unsigned int attr6)
{
	switch (ct->orig.l3proto) {
	case AF_INET:
		nat->addr.v4 = repl->v4;
		repl->v4 = orig->v4;
		ct_mark_set(ct, attr4);
		break;
	case AF_INET6:
		nat->addr.in6 = repl->in6;
		repl->in6 = orig->in6;
		ct_mark_set(ct, attr6);
		break;
	default:
		break;
	}
}

/**
 * Applies an option to a conntrack object.
 *
 * \param ct the object
 * \param option one of:
 *  - NFCT_SOPT_UNDO_SNAT: the reply destination address becomes the SNAT
 *    address and the reply destination is set back to the original source;
 *  - NFCT_SOPT_UNDO_DNAT: likewise with the reply source and DNAT;
 *  - NFCT_SOPT_UNDO_SPAT, NFCT_SOPT_UNDO_DPAT: the same for ports;
 *  - NFCT_SOPT_SETUP_ORIGINAL: the original tuple is derived from the reply
 *    tuple (addresses and ports swapped, ICMP type answered);
 *  - NFCT_SOPT_SETUP_REPLY: the reply tuple is derived from the original.
 * \return 0, or -1 with errno EOPNOTSUPP for an unknown option or EINVAL
 * for a NULL object
 *
 * conntrackd uses the undo options to turn an entry seen after NAT back
 * into the one it must create on another firewall.
 */
NFCT_EXPORT int nfct_setobjopt(struct nf_conntrack *ct, unsigned int option)
{
	if (ct == NULL)
		return fail(EINVAL, -1);

	switch (option) {
	case NFCT_SOPT_UNDO_SNAT:
		undo_nat_addr(ct, &ct->snat, &ct->repl.dst, &ct->orig.src,
			      ATTR_SNAT_IPV4, ATTR_SNAT_IPV6);
		break;
	case NFCT_SOPT_UNDO_DNAT:
		undo_nat_addr(ct, &ct->dnat, &ct->repl.src, &ct->orig.dst,
			      ATTR_DNAT_IPV4, ATTR_DNAT_IPV6);
		break;
	case NFCT_SOPT_UNDO_SPAT:
		ct->snat.port = ct->repl.l4dst.all;
		ct->repl.l4dst.all = ct->orig.l4src.all;
		ct_mark_set(ct, ATTR_SNAT_PORT);
		break;
	case NFCT_SOPT_UNDO_DPAT:
		ct->dnat.port = ct->repl.l4src.all;
		ct->repl.l4src.all = ct->orig.l4dst.all;
		ct_mark_set(ct, ATTR_DNAT_PORT);
		break;
	case NFCT_SOPT_SETUP_ORIGINAL:
		setup_tuple(ct, &ct->orig, &ct->repl, orig_tuple_attrs,
			    ARRAY_SIZE(orig_tuple_attrs));
		setup_icmp(&ct->orig, &ct->repl);
		break;
	case NFCT_SOPT_SETUP_REPLY:
		setup_tuple(ct, &ct->repl, &ct->orig, repl_tuple_attrs,
			    ARRAY_SIZE(repl_tuple_attrs));
		setup_icmp(&ct->repl, &ct->orig);
		break;
	default:
		return fail(EOPNOTSUPP, -1);
	}
	return 0;
}

/* Is an address of the reply tuple different from the original's? */
static int addr_differs(const struct nf_conntrack *ct, const union ct_addr *repl,
			const union ct_addr *orig)
{
	switch (ct->orig.l3proto) {
	case AF_INET:
		return repl->v4 != orig->v4;
	case AF_INET6:
		return memcmp(repl, orig, sizeof(repl->in6)) != 0;
	default:
		return 0;
	}
}

/**
 * Queries a property of a conntrack object.
 *
 * \param ct the object
 * \param option one of:
 *  - NFCT_GOPT_IS_SNAT: the status says source NAT is done and the reply
 *    destination differs from the original source;
 *  - NFCT_GOPT_IS_DNAT: destination NAT is done and the reply source
 *    differs from the original destination;
 *  - NFCT_GOPT_IS_SPAT, NFCT_GOPT_IS_DPAT: the same for ports.
 * \return 1 or 0, or -1 with errno EOPNOTSUPP for an unknown option or
 * EINVAL for a NULL object
 */
NFCT_EXPORT int nfct_getobjopt(const struct nf_conntrack *ct, unsigned int option)
{
	if (ct == NULL)
		return fail(EINVAL, -1);

	bool snat = ct_isset(ct, ATTR_STATUS) && (ct->status & IPS_SRC_NAT_DONE);
	bool dnat = ct_isset(ct, ATTR_STATUS) && (ct->status & IPS_DST_NAT_DONE);

	switch (option) {
	case NFCT_GOPT_IS_SNAT:
		return snat && addr_differs(ct, &ct->repl.dst, &ct->orig.src);
	case NFCT_GOPT_IS_DNAT:
		return dnat && addr_differs(ct, &ct->repl.src, &ct->orig.dst);
	case NFCT_GOPT_IS_SPAT:
		return snat && ct->repl.l4dst.all != ct->orig.l4src.all;
	case NFCT_GOPT_IS_DPAT:
		return dnat && ct->repl.l4src.all != ct->orig.l4dst.all;
	default:
		return fail(EOPNOTSUPP, -1);
	}
}

/** @} */
