/*
 * Building ctnetlink expectation messages from an object.
 *
 * The attributes and their order are those the original library writes,
 * so the messages are byte for byte the same. COMPAT: like the original,
 * the class, the NAT tuple and direction and the function name are never
 * sent (the kernel then applies its defaults).
 */
#include <string.h>

#include "internal/build.h"
#include "internal/expect.h"
#include "internal/nlb.h"

/* What nfexp_nlmsg_build() writes, in this order. */
static const uint8_t build_order[] = {
	ATTR_EXP_EXPECTED, ATTR_EXP_MASTER, ATTR_EXP_MASK, ATTR_EXP_TIMEOUT,
	ATTR_EXP_FLAGS, ATTR_EXP_ZONE, ATTR_EXP_HELPER_NAME,
};

/* Does exp have anything nfexp_nlmsg_build() writes? */
static bool exp_has_attrs(const struct nf_expect *exp)
{
	for (size_t i = 0; i < ARRAY_SIZE(build_order); i++)
		if (exp_isset(exp, build_order[i]))
			return true;
	return false;
}

int exp_build_attrs(struct nlb *b, const struct nf_expect *exp)
{
	for (size_t i = 0; i < ARRAY_SIZE(build_order); i++) {
		unsigned int a = build_order[i];
		const struct exp_attr_desc *d = &exp_attr_table[a];
		const void *p = (const char *)exp + d->offset;

		if (!exp_isset(exp, a))
			continue;
		switch (d->kind) {
		case EXP_K_TUPLE: {
			/* Through a partial conntrack object with no marks:
			 * the tuple goes out without its zone. A tuple of
			 * another family than IPv4 or IPv6 is left out, as
			 * with the original. */
			struct nf_conntrack tmp;
			int err = errno;

			memset(tmp.set, 0, sizeof(tmp.set));
			tmp.orig = ((const struct exp_head *)p)->orig;
			if (ct_build_tuple_nlb(b, &tmp, CT_TUPLE_ORIG, d->wire) < 0) {
				if (nlb_failed(b))
					return fail(EMSGSIZE, -1);
				errno = err;
			}
			break;
		}
		case EXP_K_U16: {
			uint16_t v;

			memcpy(&v, p, sizeof(v));
			nlb_put_be16(b, d->wire, v);
			break;
		}
		case EXP_K_U32: {
			uint32_t v;

			memcpy(&v, p, sizeof(v));
			nlb_put_be32(b, d->wire, v);
			break;
		}
		default:	/* EXP_K_NAME */
			nlb_put_strz(b, d->wire, p);
			break;
		}
	}
	if (nlb_failed(b))
		return fail(EMSGSIZE, -1);
	return 0;
}

bool exp_family(const struct nf_expect *exp, uint8_t *family)
{
	const struct exp_head *m = &exp->tuple[EXP_T_MASTER];
	const struct exp_head *e = &exp->tuple[EXP_T_EXPECTED];
	const unsigned int w = ATTR_ORIG_L3PROTO / 64;
	const uint64_t bit = UINT64_C(1) << (ATTR_ORIG_L3PROTO % 64);

	if (m->set[w] & bit)
		*family = m->orig.l3proto;
	else if (e->set[w] & bit)
		*family = e->orig.l3proto;
	else
		return false;
	return true;
}

/**
 * Appends the ctnetlink attributes describing an expectation to a
 * message.
 *
 * \param nlh a message with its netlink and nfgenmsg headers in place
 * (from mnl_nlmsg_put_header() and mnl_nlmsg_put_extra_header(), for
 * instance); attributes are appended at nlmsg_len
 * \param exp the expectation
 * \return 0, or -1 with errno EINVAL when \p exp is NULL, or \p nlh is
 * NULL and there is something to write (the original crashes; with
 * nothing to write it answers 0, and so do we)
 *
 * Written when set, in this order: the expected tuple, the master tuple,
 * the mask, the timeout, the flags, the zone and the helper name (tuples
 * without their zones). A tuple whose layer-3 protocol is neither AF_INET
 * nor AF_INET6 is left out. The class, the NAT tuple and direction and the
 * function name are not written, as with the original. The buffer behind
 * \p nlh must have room (an MNL_SOCKET_BUFFER_SIZE buffer always has).
 *
 * The requests of nfexp_query() are built with the same attributes.
 */
NFCT_EXPORT int nfexp_nlmsg_build(struct nlmsghdr *nlh, const struct nf_expect *exp)
{
	struct nlb b;

	if (exp == NULL)
		return fail(EINVAL, -1);
	if (nlh == NULL) {
		/* COMPAT: the original only touches the message to write. */
		return exp_has_attrs(exp) ? fail(EINVAL, -1) : 0;
	}
	nlb_init(&b, nlh, SIZE_MAX);
	return exp_build_attrs(&b, exp);
}

/**
 * Builds a complete ctnetlink expectation message (libnfnetlink style).
 *
 * \param ssh a subsystem handle (only checked for NULL: the message is
 * always an expectation one)
 * \param req the buffer: the message goes at its start, and every byte
 * after it is zeroed, up to \p size (as with the original)
 * \param size its size in bytes
 * \param type the message type (IPCTNL_MSG_EXP_NEW, _GET, _DELETE)
 * \param flags netlink flags (NLM_F_REQUEST, NLM_F_CREATE...)
 * \param exp the expectation
 * \return 0, or -1 with errno: EINVAL for NULL arguments or when neither
 * the master nor the expected tuple has its layer-3 protocol set (which
 * gives the message's family; the original fails then too, leaving errno
 * alone); EMSGSIZE when the message does not fit in \p size bytes
 *
 * The attributes are those of nfexp_nlmsg_build().
 *
 * Deprecated: use nfexp_nlmsg_build().
 */
NFCT_EXPORT int nfexp_build_expect(struct nfnl_subsys_handle *ssh, void *req, size_t size,
				   uint16_t type, uint16_t flags,
				   const struct nf_expect *exp)
{
	struct nlb b;
	uint8_t family;

	if (ssh == NULL || req == NULL || exp == NULL)
		return fail(EINVAL, -1);
	if (!exp_family(exp, &family))
		return fail(EINVAL, -1);

	nlb_init(&b, req, size);
	nlb_put_nfnl_header(&b, NFNL_SUBSYS_CTNETLINK_EXP, type, flags, family, NFNETLINK_V0);
	if (nlb_failed(&b))
		return fail(EMSGSIZE, -1);

	int ret = exp_build_attrs(&b, exp);

	nlb_zero_after(req, size, b.nlh->nlmsg_len);
	return ret;
}
