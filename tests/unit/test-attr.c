/*
 * Conntrack attributes: set, get, unset, typed forms, errors.
 */
#include <arpa/inet.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"

int main(void)
{
	struct nf_conntrack *ct = nfct_new();

	CHECK(ct != NULL);
	for (int a = 0; a < ATTR_TIMESTAMP_EVENT; a++)
		CHECK_INT(nfct_attr_is_set(ct, a), 0);

	nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_SRC, htonl(0x0a000001));
	CHECK_INT(nfct_attr_is_set(ct, ATTR_ORIG_IPV4_SRC), 1);
	CHECK_UINT(nfct_get_attr_u32(ct, ATTR_ORIG_IPV4_SRC), htonl(0x0a000001));

	CHECK_NULL_ERRNO(nfct_get_attr(ct, ATTR_MARK), ENODATA);
	CHECK_NULL_ERRNO(nfct_get_attr(ct, ATTR_MAX), EINVAL);
	CHECK_ERRNO(nfct_attr_is_set(ct, ATTR_MAX), -1, EINVAL);
	CHECK_ERRNO(nfct_attr_unset(ct, ATTR_MAX), -1, EINVAL);

	nfct_destroy(ct);
	return test_done();
}
