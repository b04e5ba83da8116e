/*
 * Parsing ctnetlink messages: helpers shared by conntrack and expectations.
 */
#ifndef NFCT_PARSE_H
#define NFCT_PARSE_H

#include <linux/netlink.h>

#include "build.h"
#include "object.h"

/*
 * Walks the attributes of one nesting level. Returns the next attribute
 * after *pos within [*pos, end) and advances *pos, or NULL at the end.
 * Sets *bad when the remaining bytes do not hold a well-formed attribute
 * (a header that claims more than is left), so a walk that ends on NULL
 * checks *bad.
 */
static inline const struct nlattr *nla_next(const char **pos, const char *end, bool *bad)
{
	const char *p = *pos;
	ptrdiff_t left = end - p;

	if (left < (ptrdiff_t)sizeof(struct nlattr)) {
		/* Up to three bytes of padding may trail the last attribute. */
		return NULL;
	}
	const struct nlattr *a = (const struct nlattr *)p;

	if (a->nla_len < sizeof(struct nlattr) || a->nla_len > left) {
		*bad = true;
		return NULL;
	}
	*pos = p + NLA_ALIGN(a->nla_len);
	return a;
}

static inline const void *nla_data(const struct nlattr *a)
{
	return (const char *)a + NLA_HDRLEN;
}

static inline size_t nla_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

static inline unsigned int nla_kind(const struct nlattr *a)
{
	return a->nla_type & NLA_TYPE_MASK;
}

/*
 * Parses a nested tuple attribute (CTA_TUPLE_ORIG and friends, or an
 * expectation's tuple) into one tuple of ct, marking the attributes of that
 * tuple present. The tuple's layer-3 protocol is the message's family, set
 * by the caller. Returns 0, or -1 with errno ERANGE (an attribute of the
 * wrong length) or EINVAL (malformed nesting).
 */
int ct_parse_tuple(struct nf_conntrack *ct, enum ct_tuple_which which,
		   const struct nlattr *nest);

/*
 * Parses the attributes of a ctnetlink conntrack message payload (after
 * the nfgenmsg header) into ct. Returns 0, or -1 with errno as above; the
 * object then holds what was parsed before the bad attribute.
 */
int ct_parse_attrs(struct nf_conntrack *ct, const void *payload, size_t len, uint8_t family);

/* What a ctnetlink message did, given its subsystem's two message types
 * (IPCTNL_MSG_CT_NEW and _DELETE, or IPCTNL_MSG_EXP_NEW and _DELETE):
 * NFCT_T_NEW, NFCT_T_UPDATE (also dumps and replies to a get),
 * NFCT_T_DESTROY, or NFCT_T_UNKNOWN. */
unsigned int ctnl_msg_type(const struct nlmsghdr *nlh, unsigned int msg_new,
			   unsigned int msg_delete);

#endif
