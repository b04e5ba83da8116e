/*
 * Bitmask helpers shared inside the library (labels, comparisons).
 */
#ifndef NFCT_BITMASK_H
#define NFCT_BITMASK_H

#include "object.h"

/* Number of 32-bit words a bitmask needs to hold bit numbers 0..maxbit. */
static inline unsigned int bitmask_words(unsigned int maxbit)
{
	return maxbit / 32 + 1;
}

/* Allocates a bitmask of the given number of words, all clear; NULL with
 * errno ENOMEM on failure. */
struct nfct_bitmask *bitmask_alloc(unsigned int words);

#endif
