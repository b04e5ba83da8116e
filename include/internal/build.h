/*
 * Building ctnetlink messages: helpers shared by conntrack, expectations
 * and the dump filters.
 */
#ifndef NFCT_BUILD_H
#define NFCT_BUILD_H

#include <libmnl/libmnl.h>

#include "object.h"

/* Which tuple of a conntrack object. */
enum ct_tuple_which {
	CT_TUPLE_ORIG,
	CT_TUPLE_REPL,
	CT_TUPLE_MASTER,
};

struct nlb;

/*
 * Appends a nested tuple attribute of the given type (CTA_TUPLE_ORIG,
 * CTA_EXPECT_TUPLE...) describing one tuple of ct, byte for byte as the
 * original library writes it: CTA_TUPLE_IP by the tuple's layer-3
 * protocol, CTA_TUPLE_PROTO with the number and the fields of that
 * protocol, and CTA_TUPLE_ZONE when the tuple's zone is set. The message
 * buffer must have room (as for nfct_nlmsg_build()). Returns 0, or -1
 * with errno EINVAL when the tuple's layer-3 protocol is neither IPv4 nor
 * IPv6 (nothing is appended then).
 */
int ct_build_tuple(struct nlmsghdr *nlh, const struct nf_conntrack *ct,
		   enum ct_tuple_which which, uint16_t type);

/* The same on a bounded builder (see nlb.h). */
int ct_build_tuple_nlb(struct nlb *b, const struct nf_conntrack *ct,
		       enum ct_tuple_which which, uint16_t type);

/*
 * Appends every attribute of ct that nfct_nlmsg_build() sends, in the
 * original's order. Returns 0, or -1 with errno: EINVAL when the original
 * layer-3 protocol is unset or a tuple has an unknown one, EMSGSIZE when
 * the builder ran out of room.
 */
int ct_build_attrs(struct nlb *b, const struct nf_conntrack *ct);

#endif
