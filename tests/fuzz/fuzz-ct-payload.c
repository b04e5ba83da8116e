/*
 * Fuzz target: nfct_payload_parse() on arbitrary attributes, then every
 * printer, clone and build on the object it leaves.
 *
 * Input: one byte giving the layer-3 protocol (the nfgenmsg family), then
 * the attributes (what follows the nfgenmsg header in a message).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nf_conntrack *ct;
	uint8_t *payload;
	int ret;

	if (size < 1)
		return 0;
	/* An exact-size copy, aligned as a message's payload is. */
	payload = malloc(size - 1 ? size - 1 : 1);
	FUZZ_ASSERT(payload != NULL, "out of memory");
	memcpy(payload, data + 1, size - 1);
	ct = nfct_new();
	FUZZ_ASSERT(ct != NULL, "nfct_new failed");
	errno = 0;
	ret = nfct_payload_parse(payload, size - 1, data[0], ct);
	FUZZ_ASSERT(ret == 0 || (ret == -1 && errno != 0), "parse returned %d errno %d", ret,
		    errno);
	fuzz_check_ct(ct);
	nfct_destroy(ct);
	free(payload);
	return 0;
}
