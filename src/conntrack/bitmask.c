/*
 * struct nfct_bitmask: a fixed-size set of bits, the value type of the
 * ATTR_CONNLABELS and ATTR_CONNLABELS_MASK attributes.
 */
#include <stdlib.h>
#include <string.h>

#include "internal/bitmask.h"

/* Highest bit number a bitmask may be created for. */
#define BITMASK_MAXBIT_LIMIT	0xffffU

struct nfct_bitmask *bitmask_alloc(unsigned int words)
{
	struct nfct_bitmask *b = calloc(1, sizeof(*b) + (size_t)words * sizeof(b->bits[0]));

	if (b == NULL)
		return fail_ptr(ENOMEM);
	b->words = words;
	return b;
}

/**
 * Creates a bitmask with room for bits 0 to \p maxbit, all clear.
 *
 * \param maxbit the highest bit number needed (at most 65535)
 * \return the bitmask, to be freed with nfct_bitmask_destroy(), or NULL
 * with errno EINVAL (maxbit too large) or ENOMEM
 *
 * The capacity is rounded up to a multiple of 32 bits; nfct_bitmask_maxbit()
 * tells the real highest bit.
 *
 * Example: examples/nfct-mnl-set-label.c.
 */
NFCT_EXPORT struct nfct_bitmask *nfct_bitmask_new(unsigned int maxbit)
{
	if (maxbit > BITMASK_MAXBIT_LIMIT)
		return fail_ptr(EINVAL);
	return bitmask_alloc(bitmask_words(maxbit));
}

/**
 * Duplicates a bitmask.
 *
 * \param b the bitmask
 * \return an independent copy, or NULL with errno EINVAL (\p b is NULL) or
 * ENOMEM
 */
NFCT_EXPORT struct nfct_bitmask *nfct_bitmask_clone(const struct nfct_bitmask *b)
{
	if (b == NULL)
		return fail_ptr(EINVAL);
	struct nfct_bitmask *copy = bitmask_alloc(b->words);

	if (copy != NULL)
		memcpy(copy->bits, b->bits, (size_t)b->words * sizeof(b->bits[0]));
	return copy;
}

/**
 * Returns the highest bit number a bitmask can hold.
 *
 * \param b the bitmask
 * \return the highest bit number (a multiple of 32, minus one), or 0 when
 * \p b is NULL; errno is left alone
 *
 * Example: examples/nfct-mnl-dump-labels.c walks every bit up to it.
 */
NFCT_EXPORT unsigned int nfct_bitmask_maxbit(const struct nfct_bitmask *b)
{
	if (b == NULL)
		return 0;
	return b->words * 32 - 1;
}

/**
 * Sets a bit. Bits beyond the maximum, and a NULL bitmask, are ignored.
 *
 * \param b the bitmask
 * \param bit the bit number
 *
 * Example: examples/nfct-mnl-set-label.c.
 */
NFCT_EXPORT void nfct_bitmask_set_bit(struct nfct_bitmask *b, unsigned int bit)
{
	if (b == NULL || bit / 32 >= b->words)
		return;
	b->bits[bit / 32] |= UINT32_C(1) << (bit % 32);
}

/**
 * Tests a bit.
 *
 * \param b the bitmask
 * \param bit the bit number
 * \return 1 if the bit is set, 0 if it is clear or beyond the maximum (or
 * \p b is NULL); errno is left alone
 *
 * Example: examples/nfct-mnl-dump-labels.c.
 */
NFCT_EXPORT int nfct_bitmask_test_bit(const struct nfct_bitmask *b, unsigned int bit)
{
	if (b == NULL || bit / 32 >= b->words)
		return 0;
	return (b->bits[bit / 32] >> (bit % 32)) & 1;
}

/**
 * Clears a bit. Bits beyond the maximum, and a NULL bitmask, are ignored.
 *
 * \param b the bitmask
 * \param bit the bit number
 */
NFCT_EXPORT void nfct_bitmask_unset_bit(struct nfct_bitmask *b, unsigned int bit)
{
	if (b == NULL || bit / 32 >= b->words)
		return;
	b->bits[bit / 32] &= ~(UINT32_C(1) << (bit % 32));
}

/**
 * Frees a bitmask. NULL is accepted and does nothing.
 *
 * \param b the bitmask
 *
 * Do not free a bitmask that was given to a conntrack object: the object
 * frees it.
 */
NFCT_EXPORT void nfct_bitmask_destroy(struct nfct_bitmask *b)
{
	free(b);
}

/**
 * Clears every bit of a bitmask. A NULL bitmask is ignored.
 *
 * \param b the bitmask
 */
NFCT_EXPORT void nfct_bitmask_clear(struct nfct_bitmask *b)
{
	if (b == NULL)
		return;
	memset(b->bits, 0, (size_t)b->words * sizeof(b->bits[0]));
}

/**
 * Compares two bitmasks.
 *
 * \param b1 a bitmask
 * \param b2 another
 * \return true when both have the same size and the same bits set (two
 * NULL bitmasks are equal; NULL and a bitmask are not); errno is left
 * alone
 */
NFCT_EXPORT bool nfct_bitmask_equal(const struct nfct_bitmask *b1,
				    const struct nfct_bitmask *b2)
{
	if (b1 == NULL || b2 == NULL)
		return b1 == b2;
	if (b1->words != b2->words)
		return false;
	return memcmp(b1->bits, b2->bits, (size_t)b1->words * sizeof(b1->bits[0])) == 0;
}
