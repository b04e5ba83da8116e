/*
 * Fuzz target: nfexp_nlmsg_parse() on an arbitrary netlink message, then
 * every printer, clone and build on the expectation it leaves.
 *
 * Input: the message, header included.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh = fuzz_nlmsg(data, size);
	struct nf_expect *exp;
	int ret;

	if (nlh == NULL)
		return 0;
	exp = nfexp_new();
	FUZZ_ASSERT(exp != NULL, "nfexp_new failed");
	errno = 0;
	ret = nfexp_nlmsg_parse(nlh, exp);
	FUZZ_ASSERT(ret == 0 || (ret == -1 && errno != 0), "parse returned %d errno %d", ret,
		    errno);
	fuzz_check_exp(exp);
	nfexp_destroy(exp);
	free(nlh);
	return 0;
}
