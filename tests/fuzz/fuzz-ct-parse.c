/*
 * Fuzz target: nfct_parse_conntrack(), the libnfnetlink-style parser, on
 * an arbitrary message, then every printer, clone and build on the object.
 *
 * Input: the message, header included.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh = fuzz_nlmsg(data, size);
	struct nf_conntrack *ct;

	if (nlh == NULL)
		return 0;
	ct = nfct_new();
	FUZZ_ASSERT(ct != NULL, "nfct_new failed");
	nfct_parse_conntrack(NFCT_T_UPDATE, nlh, ct);
	fuzz_check_ct(ct);
	nfct_destroy(ct);
	free(nlh);
	return 0;
}
