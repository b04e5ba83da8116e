/*
 * Fuzz target: nfct_catch() on an arbitrary datagram (see fuzz_feed in
 * fuzz.h), with a callback that checks every object it gets.
 *
 * Input: the datagram. Its size (in 4-byte units, as messages are aligned) picks the callback's answer (continue,
 * steal, stop, fail) and which registration function is used, so every
 * path of the dispatcher is reached.
 */
#include "fuzz.h"

static unsigned int answer;

static int answer_for(struct nf_conntrack *ct)
{
	fuzz_check_ct(ct);
	switch (answer) {
	case 0:
		return NFCT_CB_CONTINUE;
	case 1:
		nfct_destroy(ct);
		return NFCT_CB_STOLEN;
	case 2:
		return NFCT_CB_STOP;
	default:
		return NFCT_CB_FAILURE;
	}
}

static int cb(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	FUZZ_ASSERT(data == &answer, "callback data");
	return answer_for(ct);
}

static int cb2(const struct nlmsghdr *nlh, enum nf_conntrack_msg_type type,
	       struct nf_conntrack *ct, void *data)
{
	FUZZ_ASSERT(nlh != NULL && data == &answer, "callback arguments");
	return answer_for(ct);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fuzz_feed feed;
	int ret;

	if (feed.h == NULL)
		fuzz_feed_open(&feed, NFNL_SUBSYS_CTNETLINK);
	if (size == 0 || size > 65536)
		return 0;
	answer = (size / 4) % 4;
	nfct_callback_unregister(feed.h);
	if ((size / 16) % 2 == 0)
		nfct_callback_register(feed.h, NFCT_T_ALL, cb, &answer);
	else
		nfct_callback_register2(feed.h, NFCT_T_ALL, cb2, &answer);
	fuzz_feed_send(&feed, data, size);
	errno = 0;
	ret = nfct_catch(feed.h);
	FUZZ_ASSERT(ret >= -1, "nfct_catch returned %d", ret);
	/* Refused before libnfnetlink could parse it (see fuzz.h). */
	if (fuzz_has_type0_attr(data, size))
		FUZZ_ASSERT(ret == -1 && errno == EINVAL, "nfct_catch on a type-0 attribute: %d, errno %d",
			    ret, errno);
	fuzz_feed_drain(&feed);
	return 0;
}
