/*
 * Expectation attributes: the descriptor table, and the public getters
 * and setters that work from it.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal/attr.h"
#include "internal/expect.h"

#define F(field)	offsetof(struct nf_expect, field)
#define SZ(field)	sizeof(((struct nf_expect *)0)->field)

/*
 * One row per attribute, in ATTR_EXP_* order:
 *   X(attribute, field, kind, netlink type, tuple, compared)
 * The position of each row is pinned to its ATTR_EXP_ value by the
 * designated initializer, and the count to ATTR_EXP_MAX below. The netlink
 * type is what the parser reads the attribute from; the NAT tuple and
 * direction live inside CTA_EXPECT_NAT. COMPAT: nfexp_cmp() never looks at
 * the timeout, whatever the flags, as in the original.
 */
#define EXP_ATTRS(X) \
	X(MASTER,	tuple[EXP_T_MASTER],	TUPLE,	CTA_EXPECT_MASTER,	EXP_T_MASTER,	 true) \
	X(EXPECTED,	tuple[EXP_T_EXPECTED],	TUPLE,	CTA_EXPECT_TUPLE,	EXP_T_EXPECTED,	 true) \
	X(MASK,		tuple[EXP_T_MASK],	TUPLE,	CTA_EXPECT_MASK,	EXP_T_MASK,	 true) \
	X(TIMEOUT,	timeout,		U32,	CTA_EXPECT_TIMEOUT,	0,		 false) \
	X(ZONE,		zone,			U16,	CTA_EXPECT_ZONE,	0,		 true) \
	X(FLAGS,	flags,			U32,	CTA_EXPECT_FLAGS,	0,		 true) \
	X(HELPER_NAME,	helper_name,		NAME,	CTA_EXPECT_HELP_NAME,	0,		 true) \
	X(CLASS,	class,			U32,	CTA_EXPECT_CLASS,	0,		 true) \
	X(NAT_TUPLE,	tuple[EXP_T_NAT],	TUPLE,	CTA_EXPECT_NAT_TUPLE,	EXP_T_NAT,	 true) \
	X(NAT_DIR,	nat_dir,		U32,	CTA_EXPECT_NAT_DIR,	0,		 true) \
	X(FN,		fn,			NAME,	CTA_EXPECT_FN,		0,		 true)

#define EXP_ROW(name, field, kind, wire, t, cmp) \
	[ATTR_EXP_##name] = { F(field), (uint8_t)SZ(field), \
			      EXP_K_##kind, (wire), (t), (cmp) },

const struct exp_attr_desc exp_attr_table[ATTR_EXP_MAX] = { EXP_ATTRS(EXP_ROW) };

#define EXP_COUNT(...) + 1
_Static_assert(0 EXP_ATTRS(EXP_COUNT) == ATTR_EXP_MAX, "one row per attribute");

#define KSZ_TUPLE	sizeof(struct exp_head)
#define KSZ_U16		2
#define KSZ_U32		4
#define KSZ_NAME	0	/* any size: the string field's own */
#define EXP_FITS(name, field, kind, wire, t, cmp) \
	_Static_assert(KSZ_##kind == 0 || SZ(field) == KSZ_##kind, #name " is stored as its kind says");
EXP_ATTRS(EXP_FITS)

/* Tuple heads. The attributes a head marks are those stored inside a
 * conntrack object's original tuple: derived from the conntrack table. */

/* The attributes of a conntrack's original tuple (those a head marks). */
static struct ct_attrset exp_head_attrs_value;

static void exp_head_attrs_init(void)
{
	const size_t from = offsetof(struct nf_conntrack, orig);
	const size_t to = from + sizeof(struct ct_tuple);

	for (unsigned int a = 0; a < ATTR_MAX; a++) {
		const struct ct_attr_desc *d = &ct_attr_table[a];

		if (d->offset >= from && d->offset + d->size <= to)
			exp_head_attrs_value.w[a / 64] |= UINT64_C(1) << (a % 64);
	}
}

/* Computed by the first caller; threads may call this at once. */
static const struct ct_attrset *exp_head_attrs(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, exp_head_attrs_init);
	return &exp_head_attrs_value;
}

/* Copies a conntrack object's original tuple, and the marks of its
 * attributes, into one tuple head. */
static void exp_head_from_ct(struct exp_head *head, const struct nf_conntrack *ct)
{
	const struct ct_attrset *mask = exp_head_attrs();

	/* COMPAT: the original copies the whole presence bitmap along, so
	 * its heads claim attributes (timeout, mark...) they do not hold;
	 * ours mark only what they hold. */
	for (unsigned int w = 0; w < CT_SET_WORDS; w++)
		head->set[w] = ct->set[w] & mask->w[w];
	head->orig = ct->orig;
}

void exp_head_to_ct(struct nf_conntrack *tmp, const struct exp_head *head)
{
	memcpy(tmp->set, head->set, sizeof(tmp->set));
	tmp->orig = head->orig;
}

int exp_attr_set(struct nf_expect *exp, unsigned int attr, const void *value, size_t len)
{
	const struct exp_attr_desc *d = &exp_attr_table[attr];
	void *dst = (char *)exp + d->offset;

	switch (d->kind) {
	case EXP_K_TUPLE:
		exp_head_from_ct(dst, value);
		break;
	case EXP_K_U16:
	case EXP_K_U32:
		memmove(dst, value, d->size);
		break;
	case EXP_K_NAME: {
		/* At most size - 1 characters (and no more than len when
		 * given); the rest of the field is cleared. */
		size_t max = d->size - 1;

		if (len != 0 && len < max)
			max = len;

		size_t n = strnlen(value, max);

		memmove(dst, value, n);	/* value may be the stored name */
		memset((char *)dst + n, 0, d->size - n);
		break;
	}
	}
	exp_mark_set(exp, attr);
	return 0;
}

/**
 * Sets an attribute of an expectation.
 *
 * \param exp the expectation
 * \param type which attribute (enum nf_expect_attr)
 * \param value points to the value: a struct nf_conntrack for
 * ATTR_EXP_MASTER, ATTR_EXP_EXPECTED, ATTR_EXP_MASK and ATTR_EXP_NAT_TUPLE
 * (its original tuple is copied, with the marks of the tuple's
 * attributes); a uint32_t for ATTR_EXP_TIMEOUT, ATTR_EXP_FLAGS,
 * ATTR_EXP_CLASS and ATTR_EXP_NAT_DIR; a uint16_t for ATTR_EXP_ZONE; a
 * string for ATTR_EXP_HELPER_NAME (NFCT_HELPER_NAME_MAX - 1 characters
 * are kept) and ATTR_EXP_FN (23 characters are kept)
 *
 * The object keeps copies: \p value may be freed afterwards. Nothing
 * happens when \p type is out of range (errno is left alone, as with the
 * original), nor when \p exp or \p value is NULL (errno EINVAL; the
 * original aborts).
 *
 * Examples: utils/expect_create.c (the tuples and the timeout),
 * utils/expect_create_userspace.c (helper name, class and flags),
 * utils/expect_create_nat.c (the NAT tuple and direction).
 */
NFCT_EXPORT void nfexp_set_attr(struct nf_expect *exp, const enum nf_expect_attr type,
				const void *value)
{
	if ((unsigned int)type >= ATTR_EXP_MAX)
		return;
	if (exp == NULL || value == NULL) {
		errno = EINVAL;
		return;
	}
	exp_attr_set(exp, type, value, 0);
}

/* Typed setters: the value is converted to the attribute's own width, so
 * a u8 given for a u32 attribute is zero-extended rather than read past
 * (the original reads four bytes at the argument's address). Strings get
 * the value's own bytes. */
static void exp_set_typed(struct nf_expect *exp, unsigned int type, uint32_t v, size_t width)
{
	union {
		uint8_t u8;
		uint16_t u16;
		uint32_t u32;
		char bytes[4];
	} buf;

	if (type >= ATTR_EXP_MAX)
		return;
	if (exp == NULL) {
		errno = EINVAL;
		return;
	}
	switch (exp_attr_table[type].kind) {
	case EXP_K_U16:
		buf.u16 = (uint16_t)v;
		exp_attr_set(exp, type, &buf, 0);
		return;
	case EXP_K_U32:
		buf.u32 = v;
		exp_attr_set(exp, type, &buf, 0);
		return;
	case EXP_K_TUPLE:
		/* An integer is no conntrack object. */
		errno = EINVAL;
		return;
	default:
		switch (width) {
		case 1: buf.u8 = (uint8_t)v; break;
		case 2: buf.u16 = (uint16_t)v; break;
		default: buf.u32 = v; break;
		}
		exp_attr_set(exp, type, buf.bytes, width);
		return;
	}
}

/**
 * Sets an 8-bit attribute of an expectation.
 *
 * \param exp the expectation
 * \param type which attribute
 * \param value the value, converted to the attribute's width
 *
 * Errors as nfexp_set_attr(); a tuple attribute fails with EINVAL.
 *
 * Example: utils/expect_create_nat.c.
 */
NFCT_EXPORT void nfexp_set_attr_u8(struct nf_expect *exp, const enum nf_expect_attr type,
				   uint8_t value)
{
	exp_set_typed(exp, type, value, sizeof(value));
}

/**
 * Sets a 16-bit attribute of an expectation (ATTR_EXP_ZONE).
 *
 * \param exp the expectation
 * \param type which attribute
 * \param value the value, converted to the attribute's width
 *
 * Errors as nfexp_set_attr(); a tuple attribute fails with EINVAL.
 */
NFCT_EXPORT void nfexp_set_attr_u16(struct nf_expect *exp, const enum nf_expect_attr type,
				    uint16_t value)
{
	exp_set_typed(exp, type, value, sizeof(value));
}

/**
 * Sets a 32-bit attribute of an expectation (timeout, flags, class, NAT
 * direction).
 *
 * \param exp the expectation
 * \param type which attribute
 * \param value the value, converted to the attribute's width
 *
 * Errors as nfexp_set_attr(); a tuple attribute fails with EINVAL.
 *
 * Example: utils/expect_create.c sets ATTR_EXP_TIMEOUT so.
 */
NFCT_EXPORT void nfexp_set_attr_u32(struct nf_expect *exp, const enum nf_expect_attr type,
				    uint32_t value)
{
	exp_set_typed(exp, type, value, sizeof(value));
}

static const void *exp_attr_ptr(const struct nf_expect *exp, unsigned int attr)
{
	const struct exp_attr_desc *d = &exp_attr_table[attr];
	const void *p = (const char *)exp + d->offset;

	return p;
}

/**
 * Returns an attribute of an expectation.
 *
 * \param exp the expectation
 * \param type which attribute
 * \return a pointer to the value, owned by \p exp and valid while it lives
 * (it shows later changes of the attribute); or NULL with errno ENODATA
 * when the attribute is not set, EINVAL when \p type is out of range or
 * \p exp is NULL (the original aborts on NULL)
 *
 * For the tuple attributes (ATTR_EXP_MASTER, ATTR_EXP_EXPECTED,
 * ATTR_EXP_MASK, ATTR_EXP_NAT_TUPLE) the result is read as a const struct
 * nf_conntrack *, for the attributes of its original tuple only (see the
 * group's description). Strings are NUL-terminated.
 *
 * Example: utils/expect_create_nat.c reads the expected tuple back.
 */
NFCT_EXPORT const void *nfexp_get_attr(const struct nf_expect *exp,
				       const enum nf_expect_attr type)
{
	if (exp == NULL || (unsigned int)type >= ATTR_EXP_MAX)
		return fail_ptr(EINVAL);
	if (!exp_isset(exp, type))
		return fail_ptr(ENODATA);
	return exp_attr_ptr(exp, type);
}

/* Typed getters read the first width bytes of the value in host order;
 * where the attribute has fewer (a u32 read of the zone) the value is
 * zero-extended instead of read past. */
static uint32_t exp_get_typed(const struct nf_expect *exp, unsigned int type, size_t width)
{
	const void *p = nfexp_get_attr(exp, type);

	return p != NULL ? (uint32_t)load_uint(p, width, exp_attr_table[type].size) : 0;
}

/**
 * Returns an 8-bit attribute of an expectation.
 *
 * \param exp the expectation
 * \param type which attribute
 * \return the first byte of the value, or 0 with errno set as by
 * nfexp_get_attr()
 *
 * Example: utils/expect_create_nat.c.
 */
NFCT_EXPORT uint8_t nfexp_get_attr_u8(const struct nf_expect *exp,
				      const enum nf_expect_attr type)
{
	return (uint8_t)exp_get_typed(exp, type, sizeof(uint8_t));
}

/**
 * Returns a 16-bit attribute of an expectation (ATTR_EXP_ZONE).
 *
 * \param exp the expectation
 * \param type which attribute
 * \return the value, or 0 with errno set as by nfexp_get_attr()
 */
NFCT_EXPORT uint16_t nfexp_get_attr_u16(const struct nf_expect *exp,
					const enum nf_expect_attr type)
{
	return (uint16_t)exp_get_typed(exp, type, sizeof(uint16_t));
}

/**
 * Returns a 32-bit attribute of an expectation (timeout, flags, class,
 * NAT direction).
 *
 * \param exp the expectation
 * \param type which attribute
 * \return the value, or 0 with errno set as by nfexp_get_attr()
 *
 * Example: utils/expect_create_userspace.c.
 */
NFCT_EXPORT uint32_t nfexp_get_attr_u32(const struct nf_expect *exp,
					const enum nf_expect_attr type)
{
	return exp_get_typed(exp, type, sizeof(uint32_t));
}

/**
 * Tells whether an attribute of an expectation is set.
 *
 * \param exp the expectation
 * \param type which attribute
 * \return 1 if set, 0 if not; -1 with errno EINVAL when \p type is out of
 * range or \p exp is NULL (the original aborts on NULL)
 *
 * Example: utils/expect_create_nat.c.
 */
NFCT_EXPORT int nfexp_attr_is_set(const struct nf_expect *exp, const enum nf_expect_attr type)
{
	if (exp == NULL || (unsigned int)type >= ATTR_EXP_MAX)
		return fail(EINVAL, -1);
	return exp_isset(exp, type);
}

/**
 * Unsets an attribute of an expectation.
 *
 * \param exp the expectation
 * \param type which attribute
 * \return 0, or -1 with errno EINVAL when \p type is out of range or \p
 * exp is NULL (the original aborts on NULL)
 *
 * Only the mark is cleared, as with the original: the stored value stays,
 * and nfexp_snprintf() still prints the tuples and the flags (which it
 * prints whether set or not), and pointers obtained before stay valid.
 */
NFCT_EXPORT int nfexp_attr_unset(struct nf_expect *exp, const enum nf_expect_attr type)
{
	if (exp == NULL || (unsigned int)type >= ATTR_EXP_MAX)
		return fail(EINVAL, -1);
	exp_mark_unset(exp, type);
	return 0;
}
