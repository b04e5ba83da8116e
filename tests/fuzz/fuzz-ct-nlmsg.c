/*
 * Fuzz target: nfct_nlmsg_parse() on an arbitrary netlink message, then
 * every printer, clone and build on the object it leaves.
 *
 * Input: the message, header included.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh = fuzz_nlmsg(data, size);
	struct nf_conntrack *ct;
	int ret;

	if (nlh == NULL)
		return 0;
	ct = nfct_new();
	FUZZ_ASSERT(ct != NULL, "nfct_new failed");
	errno = 0;
	ret = nfct_nlmsg_parse(nlh, ct);
	FUZZ_ASSERT(ret == 0 || (ret == -1 && errno != 0), "parse returned %d errno %d", ret,
		    errno);
	fuzz_check_ct(ct);
	nfct_destroy(ct);
	free(nlh);
	return 0;
}
