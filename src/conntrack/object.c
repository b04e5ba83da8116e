/*
 * Conntrack object life cycle, copies, comparisons and object options.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal/attr.h"

/**
 * Allocates an empty conntrack object.
 *
 * \return the object, with no attribute set, to be freed with
 * nfct_destroy(); or NULL with errno ENOMEM
 *
 * Example: utils/conntrack_create.c.
 */
NFCT_EXPORT struct nf_conntrack *nfct_new(void)
{
	struct nf_conntrack *ct = calloc(1, sizeof(*ct));

	if (ct == NULL)
		errno = ENOMEM;
	return ct;
}

/* Frees the owned data of an object, leaving its pointers dangling. */
static void ct_free_owned(struct nf_conntrack *ct)
{
	free(ct->secctx);
	free(ct->helper_info);
	nfct_bitmask_destroy(ct->labels);
	nfct_bitmask_destroy(ct->labels_mask);
}

static bool ct_owns_any(const struct nf_conntrack *ct)
{
	return ct->secctx != NULL || ct->helper_info != NULL ||
	       ct->labels != NULL || ct->labels_mask != NULL;
}

void ct_reset(struct nf_conntrack *ct)
{
	if (ct_owns_any(ct))
		ct_free_owned(ct);
	memset(ct, 0, sizeof(*ct));
}

/**
 * Frees a conntrack object and everything it owns (labels, helper info,
 * security context). NULL is accepted and does nothing (the original
 * asserts).
 *
 * \param ct the object
 *
 * Example: utils/conntrack_create.c.
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
	if (ct_owns_any(dst))
		ct_free_owned(dst);
	memcpy(dst, src, sizeof(*dst));
	if (!ct_owns_any(src))
		return 0;
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
 * EINVAL (\p ct is NULL; the original crashes) or ENOMEM
 *
 * The copy is exact, as with nfct_copy(NFCT_CP_OVERRIDE): the same
 * attributes set, and unset attributes keep their stored values (which
 * nfct_setobjopt() and nfct_getobjopt() see). Labels and helper info are
 * duplicated.
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
 * \return sizeof the object structure, the same as nfct_maxsize() (at most
 * the original's 392 bytes); 0 with errno EINVAL when \p ct is NULL (the
 * original crashes)
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
 * \return sizeof the object structure (owned data lives outside it);
 * it never fails and leaves errno alone
 *
 * Deprecated: objects are opaque; this exists for old programs.
 */
NFCT_EXPORT size_t nfct_maxsize(void)
{
	return sizeof(struct nf_conntrack);
}

/*
 * Attribute sets derived from the table: which attributes each nfct_copy()
 * selection copies and which each nfct_cmp() part compares. They are
 * computed from the descriptors once, on first use.
 */
struct ct_sets {
	struct ct_attrset copy_orig, copy_repl, copy_meta;
	struct ct_attrset cmp[CT_C_ICMP + 1];	/* by enum ct_cmp_class */
};

static void attrset_add(struct ct_attrset *s, unsigned int a)
{
	s->w[a / 64] |= UINT64_C(1) << (a % 64);
}

static struct ct_sets ct_sets_value;

static void ct_sets_init(void)
{
	struct ct_sets *s = &ct_sets_value;

	for (unsigned int a = 0; a < ATTR_MAX; a++) {
		const struct ct_attr_desc *d = &ct_attr_table[a];

		if (d->flags & CT_F_CP_ORIG)
			attrset_add(&s->copy_orig, a);
		if (d->flags & CT_F_CP_REPL)
			attrset_add(&s->copy_repl, a);
		if (d->flags & CT_F_CP_META)
			attrset_add(&s->copy_meta, a);
		attrset_add(&s->cmp[d->cmp_class], a);
	}
}

/* The sets, computed by the first caller; threads may call this at once. */
static const struct ct_sets *ct_sets(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, ct_sets_init);
	return &ct_sets_value;
}

/* Copies the attributes of a set that are set in src, in ATTR_ order (the
 * order matters where attributes share storage). */
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
 * \param flags NFCT_CP_ALL (0: every attribute set in \p source), or any
 * of NFCT_CP_ORIG (the original tuple: addresses, ports, ICMP type, code
 * and id, layer-3 and layer-4 protocols), NFCT_CP_REPL (the reply tuple's)
 * and NFCT_CP_META (every attribute from ATTR_TCP_STATE on, the tuple
 * zones included); or NFCT_CP_OVERRIDE, which makes \p dest an exact copy
 * of \p source, the marks and the stored values of unset attributes
 * included, whatever other flags are given.
 *
 * Only attributes set in \p source are copied, each with its mark; the
 * others of \p dest keep their value and mark. Copies have none of the
 * setters' side effects (the reply ICMP fields are not touched). Owned
 * data (labels, helper info) is duplicated. NULL objects are ignored
 * (errno EINVAL; the original crashes), and so is a copy of an object onto
 * itself.
 *
 * Example: examples/nfct-mnl-set-label.c.
 */
NFCT_EXPORT void nfct_copy(struct nf_conntrack *dest,
			   const struct nf_conntrack *source, unsigned int flags)
{
	if (dest == NULL || source == NULL) {
		errno = EINVAL;
		return;
	}
	if (dest == source)
		return;
	if (flags & NFCT_CP_OVERRIDE) {
		ct_copy_all(dest, source);
		return;
	}

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
 * The attribute is copied with its mark when it is set in \p ct2; nothing
 * happens otherwise. Like nfct_copy(), no setter side effects. NULL
 * objects and out-of-range attributes are ignored (errno EINVAL; the
 * original crashes on NULL and ignores the latter without errno).
 *
 * Example: examples/nfct-mnl-set-label.c.
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

/* Labels match when the same bits are set, whatever the sizes (unlike
 * nfct_bitmask_equal()). COMPAT: the original compares labels so. */
static bool ct_cmp_labels(const struct nfct_bitmask *b1, const struct nfct_bitmask *b2)
{
	if (b1 == NULL || b2 == NULL)
		return b1 == b2;

	unsigned int n = b1->words > b2->words ? b1->words : b2->words;

	for (unsigned int i = 0; i < n; i++) {
		uint32_t w1 = i < b1->words ? b1->bits[i] : 0;
		uint32_t w2 = i < b2->words ? b2->bits[i] : 0;

		if (w1 != w2)
			return false;
	}
	return true;
}

static bool ct_cmp_set(const struct nf_conntrack *ct1, const struct nf_conntrack *ct2,
		       const struct ct_attrset *s, unsigned int flags);

/* The class of the layer-4 fields that a tuple's protocol brings into the
 * comparison, or CT_C_NONE. */
static enum ct_cmp_class ct_l4_class(enum ct_cmp_class tuple, uint8_t l4proto)
{
	/* COMPAT: GRE keys are not compared, as with the original. */
	switch (ct_l4_kind(l4proto)) {
	case CT_L4_PORTS:
		return tuple == CT_C_ORIG ? CT_C_ORIG_L4 : CT_C_REPL_L4;
	case CT_L4_ICMP:
		return CT_C_ICMP;
	default:
		return CT_C_NONE;
	}
}

/* Are two stored values equal? The sizes of the table (1, 2, 4, 8, 16
 * bytes) are compared inline, others with memcmp(). */
static inline bool ct_bytes_equal(const void *p1, const void *p2, size_t size)
{
	switch (size) {
	case 1:
		return *(const uint8_t *)p1 == *(const uint8_t *)p2;
	case 2: {
		uint16_t a, b;

		memcpy(&a, p1, 2);
		memcpy(&b, p2, 2);
		return a == b;
	}
	case 4: {
		uint32_t a, b;

		memcpy(&a, p1, 4);
		memcpy(&b, p2, 4);
		return a == b;
	}
	case 8: {
		uint64_t a, b;

		memcpy(&a, p1, 8);
		memcpy(&b, p2, 8);
		return a == b;
	}
	case 16: {
		uint64_t a[2], b[2];

		memcpy(a, p1, 16);
		memcpy(b, p2, 16);
		return ((a[0] ^ b[0]) | (a[1] ^ b[1])) == 0;
	}
	default:
		return memcmp(p1, p2, size) == 0;
	}
}

static void ct_attrset_or(struct ct_attrset *s, const struct ct_attrset *t)
{
	for (unsigned int w = 0; w < CT_SET_WORDS; w++)
		s->w[w] |= t->w[w];
}

/*
 * Adds a tuple's attributes to the set nfct_cmp() compares, and the
 * layer-4 fields its protocol brings in (ports, or ICMP type, code and id)
 * when both objects have the layer-4 protocol set and equal. Returns false
 * when both have it set and different: the objects differ. All in one set,
 * the comparison is one pass; the result is that of comparing each part
 * on its own, since comparing has no side effects.
 */
static bool ct_cmp_tuple_set(const struct nf_conntrack *ct1, const struct nf_conntrack *ct2,
			     enum ct_cmp_class tuple, unsigned int l4attr,
			     struct ct_attrset *set)
{
	const struct ct_sets *s = ct_sets();

	ct_attrset_or(set, &s->cmp[tuple]);
	if (!ct_isset(ct1, l4attr) || !ct_isset(ct2, l4attr))
		return true;

	uint8_t p1 = *(const uint8_t *)ct_attr_cptr(ct1, l4attr);
	uint8_t p2 = *(const uint8_t *)ct_attr_cptr(ct2, l4attr);
	enum ct_cmp_class c = ct_l4_class(tuple, p1);

	if (p1 != p2)
		return false;
	if (c != CT_C_NONE)
		ct_attrset_or(set, &s->cmp[c]);
	return true;
}

/* Compares the values of one attribute set in both objects. */
static bool ct_cmp_value(const struct nf_conntrack *ct1, const struct nf_conntrack *ct2,
			 unsigned int a, unsigned int flags)
{
	const struct ct_attr_desc *d = &ct_attr_table[a];

	switch (d->cmp_how) {
	case CT_CMP_STATUS: {
		uint32_t s1 = ct1->status, s2 = ct2->status;

		return (s1 & s2) == s1;
	}
	case CT_CMP_STRING: {
		const char *s1 = ct_attr_get(ct1, a), *s2 = ct_attr_get(ct2, a);

		if (s1 == NULL || s2 == NULL)
			return s1 == s2;
		return strcmp(s1, s2) == 0;
	}
	case CT_CMP_LABELS:
		return ct_cmp_labels(ct_attr_get(ct1, a), ct_attr_get(ct2, a));
	case CT_CMP_L4PROTO:
		/* The layer-4 fields under it are in the set compared: see
		 * ct_cmp_tuples(). */
		return *(const uint8_t *)ct_attr_cptr(ct1, a) ==
		       *(const uint8_t *)ct_attr_cptr(ct2, a);
	default:
		return ct_bytes_equal(ct_attr_cptr(ct1, a), ct_attr_cptr(ct2, a), d->size);
	}
}

/* Is the stored value of an attribute all zero bytes? */
static bool ct_value_is_zero(const struct nf_conntrack *ct, unsigned int a)
{
	const unsigned char *p = ct_attr_cptr(ct, a);

	for (unsigned int i = 0; i < ct_attr_table[a].size; i++)
		if (p[i] != 0)
			return false;
	return true;
}

/* One attribute: set in both, the values decide; set in neither, it
 * matches; set in one only, it fails with NFCT_CMP_MASK when the first has
 * it, and always with NFCT_CMP_STRICT, except that a CT_F_CMP_ZERO
 * attribute then matches when its value is 0. */
static bool ct_cmp_attr(const struct nf_conntrack *ct1, const struct nf_conntrack *ct2,
			unsigned int a, unsigned int flags)
{
	bool in1 = ct_isset(ct1, a), in2 = ct_isset(ct2, a);

	if (in1 && in2)
		return ct_cmp_value(ct1, ct2, a, flags);
	if (!in1 && !in2)
		return true;
	if (((flags & NFCT_CMP_MASK) && in1) || (flags & NFCT_CMP_STRICT)) {
		if (ct_attr_table[a].flags & CT_F_CMP_ZERO)
			return ct_value_is_zero(in1 ? ct1 : ct2, a);
		return false;
	}
	return true;
}

/* Every attribute of the set matches (ct_cmp_attr()). The attributes set
 * in both objects go first, by value; those set in one object only matter
 * with NFCT_CMP_MASK or NFCT_CMP_STRICT. The order does not change the
 * result: comparing has no side effects. */
static bool ct_cmp_set(const struct nf_conntrack *ct1, const struct nf_conntrack *ct2,
		       const struct ct_attrset *s, unsigned int flags)
{
	for (unsigned int w = 0; w < CT_SET_WORDS; w++) {
		uint64_t both = ct1->set[w] & ct2->set[w] & s->w[w];

		while (both) {
			unsigned int a = w * 64 + (unsigned int)__builtin_ctzll(both);
			const struct ct_attr_desc *d = &ct_attr_table[a];

			both &= both - 1;
			if (likely(d->cmp_how == CT_CMP_BYTES)) {
				if (!ct_bytes_equal(ct_attr_cptr(ct1, a), ct_attr_cptr(ct2, a),
						    d->size))
					return false;
			} else if (!ct_cmp_value(ct1, ct2, a, flags)) {
				return false;
			}
		}
	}
	if (!(flags & (NFCT_CMP_MASK | NFCT_CMP_STRICT)))
		return true;
	for (unsigned int w = 0; w < CT_SET_WORDS; w++) {
		uint64_t one = (ct1->set[w] ^ ct2->set[w]) & s->w[w];

		while (one) {
			unsigned int a = w * 64 + (unsigned int)__builtin_ctzll(one);

			one &= one - 1;
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
 * \param flags what to compare: NFCT_CMP_ALL (0: both tuples and the meta
 * attributes), or NFCT_CMP_ORIG and/or NFCT_CMP_REPL (one tuple each);
 * plus NFCT_CMP_MASK (an attribute set in \p ct1 must be set in \p ct2)
 * and NFCT_CMP_STRICT (an attribute set in either must be set in both)
 * \return 1 when they match, 0 when they do not or an object is NULL
 * (errno EINVAL; the original crashes)
 *
 * A tuple is compared on its addresses, layer-3 and layer-4 protocols and
 * zone; when both objects have the layer-4 protocol set and equal, on the
 * ports too for TCP, UDP, UDP-Lite, SCTP and DCCP, or on the ICMP type,
 * code and id for ICMP and ICMPv6. The meta attributes are the id, mark,
 * timeout, status, TCP, SCTP and DCCP states, zone, security context,
 * labels and label mask. Status matches when every bit of \p ct1's status
 * is set in \p ct2's; labels when the same bits are set.
 *
 * Attributes set in neither object always match; without MASK or STRICT,
 * an attribute set in only one matches too. Where MASK or STRICT fails an
 * attribute set in one object only, the mark and the zones (ATTR_MARK,
 * ATTR_ZONE, ATTR_ORIG_ZONE, ATTR_REPL_ZONE) still match when their value
 * is 0, as in the original: "mark 0" selects entries without a mark too.
 * The NFCT_CMP_TIMEOUT_* flags
 * have no effect: timeouts are compared for equality with NFCT_CMP_ALL
 * only, as in the original (any other flag selects the tuples alone).
 */
NFCT_EXPORT int nfct_cmp(const struct nf_conntrack *ct1,
			 const struct nf_conntrack *ct2, unsigned int flags)
{
	if (ct1 == NULL || ct2 == NULL)
		return fail(EINVAL, 0);

	const struct ct_sets *s = ct_sets();
	struct ct_attrset set;
	bool orig, repl;

	memset(&set, 0, sizeof(set));
	if ((flags & ~(NFCT_CMP_MASK | NFCT_CMP_STRICT)) == NFCT_CMP_ALL) {
		orig = repl = true;
		ct_attrset_or(&set, &s->cmp[CT_C_META]);
	} else {
		orig = flags & NFCT_CMP_ORIG;
		repl = flags & NFCT_CMP_REPL;
	}
	if (orig && !ct_cmp_tuple_set(ct1, ct2, CT_C_ORIG, ATTR_ORIG_L4PROTO, &set))
		return 0;
	if (repl && !ct_cmp_tuple_set(ct1, ct2, CT_C_REPL, ATTR_REPL_L4PROTO, &set))
		return 0;
	return ct_cmp_set(ct1, ct2, &set, flags);
}

/**
 * Compares two conntrack objects on everything nfct_cmp() looks at with
 * NFCT_CMP_ALL.
 *
 * \param ct1 an object
 * \param ct2 another
 * \return 1 when they match, 0 otherwise (and 0 with errno EINVAL for a
 * NULL object; the original crashes)
 */
NFCT_EXPORT int nfct_compare(const struct nf_conntrack *ct1,
			     const struct nf_conntrack *ct2)
{
	return nfct_cmp(ct1, ct2, NFCT_CMP_ALL);
}

/* Object options. */

/* The tuple attributes that NFCT_SOPT_SETUP_* marks set. COMPAT: the
 * original marks both tuples' attributes (zones aside) whichever tuple it
 * fills, IPv4 and IPv6 addresses and ICMP fields alike. */
static bool ct_is_tuple_attr(unsigned int a)
{
	unsigned int c = ct_attr_table[a].cmp_class;

	return a != ATTR_ORIG_ZONE && a != ATTR_REPL_ZONE &&
	       (c == CT_C_ORIG || c == CT_C_REPL || c == CT_C_ORIG_L4 ||
		c == CT_C_REPL_L4 || c == CT_C_ICMP);
}

/* Fills one tuple from the other: addresses swapped (whole 16 bytes),
 * protocols copied, ports swapped for the protocols with ports. COMPAT:
 * the ICMP fields are left alone (their setters already filled the reply
 * side), and GRE keys are swapped like ports. */
static void setup_tuple(struct nf_conntrack *ct, struct ct_tuple *to,
			const struct ct_tuple *from)
{
	to->l3proto = from->l3proto;
	to->l4proto = from->l4proto;
	to->src = from->dst;
	to->dst = from->src;

	switch (ct_l4_kind(to->l4proto)) {
	case CT_L4_PORTS:
	case CT_L4_GRE:
		to->l4src.all = from->l4dst.all;
		to->l4dst.all = from->l4src.all;
		break;
	default:
		break;
	}
	for (unsigned int a = 0; a < ATTR_MAX; a++)
		if (ct_is_tuple_attr(a))
			ct_mark_set(ct, a);
}

/* NAT undo: the translated address of the reply tuple moves into the NAT
 * attribute and the reply tuple gets the untranslated one back. IPv4 moves
 * 4 bytes, IPv6 16; another layer-3 protocol does nothing. */
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
 *    address (ATTR_SNAT_IPV4 or ATTR_SNAT_IPV6, set) and the reply
 *    destination is set back to the original source; only for an original
 *    tuple of AF_INET or AF_INET6;
 *  - NFCT_SOPT_UNDO_DNAT: likewise with the reply source, the original
 *    destination and DNAT;
 *  - NFCT_SOPT_UNDO_SPAT, NFCT_SOPT_UNDO_DPAT: the same for ports
 *    (ATTR_SNAT_PORT, ATTR_DNAT_PORT), whatever the protocols;
 *  - NFCT_SOPT_SETUP_ORIGINAL: the original tuple is derived from the reply
 *    tuple: addresses swapped, protocols copied, ports swapped for TCP,
 *    UDP, UDP-Lite, SCTP, DCCP and GRE (ICMP fields are left as they are);
 *  - NFCT_SOPT_SETUP_REPLY: the reply tuple is derived from the original.
 *  The SETUP options mark every attribute of both tuples set (not the
 *  zones).
 * \return 0, or -1 with errno EOPNOTSUPP for an unknown option or EINVAL
 * for a NULL object (the original crashes)
 *
 * The options work on the stored values, set or not: an unset attribute
 * still holds the value it had. conntrackd uses the undo options to turn
 * an entry seen after NAT back into the one it must create on another
 * firewall.
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
		setup_tuple(ct, &ct->orig, &ct->repl);
		break;
	case NFCT_SOPT_SETUP_REPLY:
		setup_tuple(ct, &ct->repl, &ct->orig);
		break;
	default:
		return fail(EOPNOTSUPP, -1);
	}
	return 0;
}

/* Is an address of the reply tuple different from the original's? */
static bool addr_differs(const struct nf_conntrack *ct, const union ct_addr *repl,
			 const union ct_addr *orig)
{
	switch (ct->orig.l3proto) {
	case AF_INET:
		return repl->v4 != orig->v4;
	case AF_INET6:
		return memcmp(&repl->in6, &orig->in6, sizeof(repl->in6)) != 0;
	default:
		return false;
	}
}

/* May the entry have the NAT of this status bit? COMPAT: without a status
 * the original assumes it may. */
static bool may_nat(const struct nf_conntrack *ct, uint32_t bit)
{
	return !ct_isset(ct, ATTR_STATUS) || (ct->status & bit);
}

/**
 * Queries a property of a conntrack object.
 *
 * \param ct the object
 * \param option one of:
 *  - NFCT_GOPT_IS_SNAT: the reply destination address differs from the
 *    original source (compared as IPv4 or IPv6 after the original tuple's
 *    layer-3 protocol; 0 for another protocol);
 *  - NFCT_GOPT_IS_DNAT: the reply source differs from the original
 *    destination;
 *  - NFCT_GOPT_IS_SPAT: the reply destination port differs from the
 *    original source port;
 *  - NFCT_GOPT_IS_DPAT: the reply source port differs from the original
 *    destination port;
 *  each only when the status, if set, has IPS_SRC_NAT_DONE (SNAT, SPAT)
 *  or IPS_DST_NAT_DONE (DNAT, DPAT). The stored values are used, set or
 *  not, as in the original.
 * \return 1 or 0, or -1 with errno EOPNOTSUPP for an unknown option or
 * EINVAL for a NULL object (the original crashes)
 *
 * Example: utils/conntrack_create_nat.c.
 */
NFCT_EXPORT int nfct_getobjopt(const struct nf_conntrack *ct, unsigned int option)
{
	if (ct == NULL)
		return fail(EINVAL, -1);

	switch (option) {
	case NFCT_GOPT_IS_SNAT:
		return may_nat(ct, IPS_SRC_NAT_DONE) &&
		       addr_differs(ct, &ct->repl.dst, &ct->orig.src);
	case NFCT_GOPT_IS_DNAT:
		return may_nat(ct, IPS_DST_NAT_DONE) &&
		       addr_differs(ct, &ct->repl.src, &ct->orig.dst);
	case NFCT_GOPT_IS_SPAT:
		return may_nat(ct, IPS_SRC_NAT_DONE) &&
		       ct->repl.l4dst.all != ct->orig.l4src.all;
	case NFCT_GOPT_IS_DPAT:
		return may_nat(ct, IPS_DST_NAT_DONE) &&
		       ct->repl.l4src.all != ct->orig.l4dst.all;
	default:
		return fail(EOPNOTSUPP, -1);
	}
}
