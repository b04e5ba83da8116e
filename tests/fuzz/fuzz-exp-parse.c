/*
 * Fuzz target: nfexp_parse_expect(), the libnfnetlink-style parser, on an
 * arbitrary message, then every printer, clone and build on the
 * expectation.
 *
 * Input: the message, header included.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh = fuzz_nlmsg(data, size);
	struct nf_expect *exp;

	if (nlh == NULL)
		return 0;
	exp = nfexp_new();
	FUZZ_ASSERT(exp != NULL, "nfexp_new failed");
	nfexp_parse_expect(NFCT_T_UPDATE, nlh, exp);
	fuzz_check_exp(exp);
	nfexp_destroy(exp);
	free(nlh);
	return 0;
}
