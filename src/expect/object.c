/*
 * Expectation object life cycle and comparison.
 */
#include <stdlib.h>
#include <string.h>

#include "internal/expect.h"

/**
 * Allocates an empty expectation.
 *
 * \return the object, with no attribute set, to be freed with
 * nfexp_destroy(); or NULL with errno ENOMEM
 *
 * Example: utils/expect_create.c.
 */
NFCT_EXPORT struct nf_expect *nfexp_new(void)
{
	struct nf_expect *exp = calloc(1, sizeof(*exp));

	if (exp == NULL)
		errno = ENOMEM;
	return exp;
}

void exp_reset(struct nf_expect *exp)
{
	memset(exp, 0, sizeof(*exp));
}

/**
 * Frees an expectation and everything it owns.
 *
 * \param exp the expectation; NULL does nothing (the original aborts)
 *
 * Pointers obtained from nfexp_get_attr() become invalid.
 *
 * Example: utils/expect_create.c.
 */
NFCT_EXPORT void nfexp_destroy(struct nf_expect *exp)
{
	if (exp == NULL)
		return;
	free(exp);
}

/**
 * Duplicates an expectation.
 *
 * \param exp the expectation
 * \return an independent copy (the function name included), to be freed
 * with nfexp_destroy(); or NULL with errno EINVAL (\p exp is NULL; the
 * original aborts) or ENOMEM
 */
NFCT_EXPORT struct nf_expect *nfexp_clone(const struct nf_expect *exp)
{
	if (exp == NULL)
		return fail_ptr(EINVAL);

	struct nf_expect *clone = nfexp_new();

	if (clone == NULL)
		return NULL;
	memcpy(clone, exp, sizeof(*clone));
	return clone;
}

/**
 * Returns the size of an expectation object in bytes.
 *
 * \param exp the expectation (only checked for NULL)
 * \return sizeof the object structure; 0 with errno EINVAL when \p exp is NULL (the original aborts)
 *
 * Deprecated: objects are opaque; this exists for old programs.
 */
NFCT_EXPORT size_t nfexp_sizeof(const struct nf_expect *exp)
{
	if (exp == NULL) {
		errno = EINVAL;
		return 0;
	}
	return sizeof(*exp);
}

/**
 * Returns the largest size an expectation object can have, in bytes.
 *
 * \return sizeof the object structure. The object owns no other memory,
 * so copying this many bytes from one expectation into another (as
 * conntrackd does) makes an independent copy. It never fails and leaves
 * errno alone.
 *
 * Deprecated: objects are opaque; this exists for old programs.
 */
NFCT_EXPORT size_t nfexp_maxsize(void)
{
	return sizeof(struct nf_expect);
}

/* Compares the values of one attribute set in both objects. */
static bool exp_cmp_value(const struct nf_expect *exp1, const struct nf_expect *exp2,
			  unsigned int a, unsigned int flags)
{
	const struct exp_attr_desc *d = &exp_attr_table[a];
	const char *p1 = (const char *)exp1 + d->offset;
	const char *p2 = (const char *)exp2 + d->offset;

	switch (d->kind) {
	case EXP_K_TUPLE: {
		/* The original tuples, by the conntrack comparison rules. */
		struct nf_conntrack ct1, ct2;

		exp_head_to_ct(&ct1, (const struct exp_head *)p1);
		exp_head_to_ct(&ct2, (const struct exp_head *)p2);
		return nfct_cmp(&ct1, &ct2, NFCT_CMP_ORIG | (flags & (NFCT_CMP_MASK |
								       NFCT_CMP_STRICT)));
	}
	case EXP_K_NAME:
		return strcmp(p1, p2) == 0;
	default:
		return memcmp(p1, p2, d->size) == 0;
	}
}

/**
 * Compares two expectations.
 *
 * \param exp1 an expectation
 * \param exp2 another
 * \param flags 0 (NFCT_CMP_ALL), or NFCT_CMP_MASK (an attribute set in
 * \p exp1 must be set in \p exp2) or NFCT_CMP_STRICT (an attribute set in
 * either must be set in both); other NFCT_CMP_* flags change nothing
 * \return 1 when they match, 0 when they do not or an object is NULL
 * (errno EINVAL; the original aborts)
 *
 * Attributes are compared in ATTR_EXP_* order, all but the timeout (which
 * the original never compares either). One set in both matches
 * when the values are equal: the tuples by the rules of nfct_cmp() with
 * NFCT_CMP_ORIG (and the same MASK and STRICT flags), the names as
 * strings, the numbers as numbers. One set in neither always matches, and
 * one set in only one matches unless MASK or STRICT says otherwise.
 */
NFCT_EXPORT int nfexp_cmp(const struct nf_expect *exp1, const struct nf_expect *exp2,
			  unsigned int flags)
{
	if (exp1 == NULL || exp2 == NULL)
		return fail(EINVAL, 0);

	for (unsigned int a = 0; a < ATTR_EXP_MAX; a++) {
		if (!exp_attr_table[a].cmp)
			continue;

		bool in1 = exp_isset(exp1, a), in2 = exp_isset(exp2, a);

		if (in1 && in2) {
			if (!exp_cmp_value(exp1, exp2, a, flags))
				return 0;
		} else if (in1 != in2) {
			if ((flags & NFCT_CMP_MASK) && in1)
				return 0;
			if (flags & NFCT_CMP_STRICT)
				return 0;
		}
	}
	return 1;
}
