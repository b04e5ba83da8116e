/*
 * The nfct_bitmask API.
 */
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"

int main(void)
{
	struct nfct_bitmask *b, *c;

	/* Capacity rounds up to whole 32-bit words. */
	static const struct { unsigned int ask, maxbit; } sizes[] = {
		{ 0, 31 }, { 1, 31 }, { 31, 31 }, { 32, 63 }, { 127, 127 },
		{ 128, 159 }, { 0xffff, 0xffff },
	};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		b = nfct_bitmask_new(sizes[i].ask);
		CHECK(b != NULL);
		CHECK_UINT(nfct_bitmask_maxbit(b), sizes[i].maxbit);
		nfct_bitmask_destroy(b);
	}
	CHECK(nfct_bitmask_new(0x10000) == NULL);

	b = nfct_bitmask_new(100);
	for (unsigned int bit = 0; bit <= 200; bit++)
		CHECK_INT(nfct_bitmask_test_bit(b, bit), 0);
	nfct_bitmask_set_bit(b, 0);
	nfct_bitmask_set_bit(b, 31);
	nfct_bitmask_set_bit(b, 32);
	nfct_bitmask_set_bit(b, 127);
	nfct_bitmask_set_bit(b, 128);		/* beyond: ignored */
	nfct_bitmask_set_bit(b, 100000);	/* far beyond: ignored */
	for (unsigned int bit = 0; bit <= 200; bit++)
		CHECK_INT(nfct_bitmask_test_bit(b, bit),
			  bit == 0 || bit == 31 || bit == 32 || bit == 127);

	c = nfct_bitmask_clone(b);
	CHECK(c != NULL && c != b);
	CHECK(nfct_bitmask_equal(b, c));
	CHECK_UINT(nfct_bitmask_maxbit(c), 127);
	nfct_bitmask_unset_bit(c, 31);
	nfct_bitmask_unset_bit(c, 5000);	/* beyond: ignored */
	CHECK_INT(nfct_bitmask_test_bit(c, 31), 0);
	CHECK_INT(nfct_bitmask_test_bit(b, 31), 1);
	CHECK(!nfct_bitmask_equal(b, c));
	nfct_bitmask_set_bit(c, 31);
	CHECK(nfct_bitmask_equal(b, c));

	/* Same bits, different sizes: not equal. */
	struct nfct_bitmask *d = nfct_bitmask_new(200);
	nfct_bitmask_set_bit(d, 0);
	nfct_bitmask_set_bit(d, 31);
	nfct_bitmask_set_bit(d, 32);
	nfct_bitmask_set_bit(d, 127);
	CHECK(!nfct_bitmask_equal(b, d));

	nfct_bitmask_clear(c);
	for (unsigned int bit = 0; bit <= 127; bit++)
		CHECK_INT(nfct_bitmask_test_bit(c, bit), 0);
	CHECK_UINT(nfct_bitmask_maxbit(c), 127);

	nfct_bitmask_destroy(b);
	nfct_bitmask_destroy(c);
	nfct_bitmask_destroy(d);
	nfct_bitmask_destroy(NULL);	/* tolerated by both libraries */

	if (!test_is_reference()) {
		/* Ours also tolerates NULL everywhere; the original crashes. */
		CHECK(nfct_bitmask_clone(NULL) == NULL);
		CHECK_UINT(nfct_bitmask_maxbit(NULL), 0);
		nfct_bitmask_set_bit(NULL, 1);
		nfct_bitmask_unset_bit(NULL, 1);
		nfct_bitmask_clear(NULL);
		CHECK_INT(nfct_bitmask_test_bit(NULL, 1), 0);
		CHECK(nfct_bitmask_equal(NULL, NULL));
	}
	return test_done();
}
