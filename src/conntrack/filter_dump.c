/*
 * Dump and flush filters: conditions sent to the kernel with a dump or
 * flush request, so that only matching entries are returned or deleted.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <libnfnetlink/linux_nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

#include "internal/build.h"
#include "internal/filter.h"

/* Bits of CTA_FILTER_ORIG_FLAGS: which fields of CTA_TUPLE_ORIG the kernel
 * compares (its CTA_FILTER_FLAG() values; older headers lack them). */
enum {
	FLT_IP_SRC		= 1 << 0,
	FLT_IP_DST		= 1 << 1,
	FLT_TUPLE_ZONE		= 1 << 2,
	FLT_PROTO_NUM		= 1 << 3,
	FLT_PROTO_SRC_PORT	= 1 << 4,
	FLT_PROTO_DST_PORT	= 1 << 5,
	FLT_ICMP_TYPE		= 1 << 6,
	FLT_ICMP_CODE		= 1 << 7,
	FLT_ICMP_ID		= 1 << 8,
	FLT_ICMPV6_TYPE		= 1 << 9,
	FLT_ICMPV6_CODE		= 1 << 10,
	FLT_ICMPV6_ID		= 1 << 11,
};

/**
 * Allocates an empty dump filter (one that matches every entry).
 *
 * \return the filter, owned by the caller (free it with
 * nfct_filter_dump_destroy()), or NULL with errno ENOMEM.
 *
 * Examples: utils/conntrack_dump_filter.c, utils/conntrack_flush_filter.c.
 */
NFCT_EXPORT struct nfct_filter_dump *nfct_filter_dump_create(void)
{
	return calloc(1, sizeof(struct nfct_filter_dump));
}

/**
 * Frees a dump filter and what it holds.
 *
 * \param filter the filter; NULL does nothing (the original aborts).
 *
 * Example: utils/conntrack_dump_filter.c.
 */
NFCT_EXPORT void nfct_filter_dump_destroy(struct nfct_filter_dump *filter)
{
	if (filter == NULL)
		return;
	nfct_destroy(filter->tuple);
	free(filter);
}

/**
 * Sets one condition of a dump filter, replacing its previous value.
 *
 * \param filter_dump the filter.
 * \param type the condition; \p data points to:
 *	- NFCT_FILTER_DUMP_MARK: a struct nfct_filter_dump_mark: entries whose
 *	  mark ANDed with \c mask equals \c val (sent as CTA_MARK and
 *	  CTA_MARK_MASK);
 *	- NFCT_FILTER_DUMP_L3NUM: a uint8_t family (AF_INET, AF_INET6), sent
 *	  as the request's nfgen_family;
 *	- NFCT_FILTER_DUMP_STATUS: a struct nfct_filter_dump_mark of IPS_*
 *	  bits: entries whose status ANDed with \c mask equals \c val (sent as
 *	  CTA_STATUS and CTA_STATUS_MASK);
 *	- NFCT_FILTER_DUMP_ZONE: a uint16_t zone (1.1.1, sent as CTA_ZONE);
 *	- NFCT_FILTER_DUMP_TUPLE: a const struct nf_conntrack * whose
 *	  original-direction attributes that are set (addresses, layer-4
 *	  protocol, ports, ICMP type, code and id, tuple zone) must match;
 *	  ATTR_ORIG_L3PROTO must be set (1.1.1). The filter keeps a copy: the
 *	  object may be destroyed afterwards.
 * \param data the value, copied.
 *
 * An unknown \p type is ignored. When the tuple cannot be copied, errno is
 * ENOMEM and the condition is left unset.
 *
 * Examples: utils/conntrack_dump_filter.c (a mark),
 * utils/conntrack_dump_filter_tuple.c (a tuple).
 */
NFCT_EXPORT void nfct_filter_dump_set_attr(struct nfct_filter_dump *filter_dump,
					   const enum nfct_filter_dump_attr type,
					   const void *data)
{
	if (unlikely(filter_dump == NULL || data == NULL)) {
		errno = EINVAL;
		return;
	}
	switch (type) {
	case NFCT_FILTER_DUMP_MARK:
		memcpy(&filter_dump->mark, data, sizeof(filter_dump->mark));
		break;
	case NFCT_FILTER_DUMP_L3NUM:
		memcpy(&filter_dump->l3num, data, sizeof(filter_dump->l3num));
		break;
	case NFCT_FILTER_DUMP_STATUS:
		memcpy(&filter_dump->status, data, sizeof(filter_dump->status));
		break;
	case NFCT_FILTER_DUMP_ZONE:
		memcpy(&filter_dump->zone, data, sizeof(filter_dump->zone));
		break;
	case NFCT_FILTER_DUMP_TUPLE: {
		struct nf_conntrack *copy = nfct_clone(data);

		if (copy == NULL) {
			filter_dump->set &= ~(UINT32_C(1) << type);
			return;
		}
		nfct_destroy(filter_dump->tuple);
		filter_dump->tuple = copy;
		break;
	}
	case NFCT_FILTER_DUMP_MAX:
	default:
		/* COMPAT: the original ignores unknown types silently. */
		return;
	}
	filter_dump->set |= UINT32_C(1) << type;
}

/**
 * Sets a one-byte condition of a dump filter: NFCT_FILTER_DUMP_L3NUM.
 *
 * \param filter_dump the filter.
 * \param type the condition; other conditions are not one byte wide and
 *	ignore this call (the original stores garbage for them).
 * \param data the family.
 *
 * Example: utils/conntrack_dump_filter.c.
 */
NFCT_EXPORT void nfct_filter_dump_set_attr_u8(struct nfct_filter_dump *filter_dump,
					      const enum nfct_filter_dump_attr type,
					      uint8_t data)
{
	if (type == NFCT_FILTER_DUMP_L3NUM)
		nfct_filter_dump_set_attr(filter_dump, type, &data);
}

/**
 * Sets a two-byte condition of a dump filter: NFCT_FILTER_DUMP_ZONE
 * (added in 1.1.1).
 *
 * \param filter_dump the filter.
 * \param type the condition; others ignore this call.
 * \param data the zone.
 */
NFCT_EXPORT void nfct_filter_dump_set_attr_u16(struct nfct_filter_dump *filter_dump,
					       const enum nfct_filter_dump_attr type,
					       uint16_t data)
{
	if (type == NFCT_FILTER_DUMP_ZONE)
		nfct_filter_dump_set_attr(filter_dump, type, &data);
}

static bool has(const struct nfct_filter_dump *fd, enum nfct_filter_dump_attr type)
{
	return (fd->set >> type) & 1;
}

/* Which tuple fields the kernel is to compare: those set on the object. */
static uint32_t tuple_flags(const struct nf_conntrack *ct)
{
	uint32_t flags = 0;
	bool v6 = ct->orig.l3proto == AF_INET6;

	if (ct_isset(ct, ATTR_ORIG_IPV4_SRC) || ct_isset(ct, ATTR_ORIG_IPV6_SRC))
		flags |= FLT_IP_SRC;
	if (ct_isset(ct, ATTR_ORIG_IPV4_DST) || ct_isset(ct, ATTR_ORIG_IPV6_DST))
		flags |= FLT_IP_DST;
	if (ct_isset(ct, ATTR_ORIG_ZONE))
		flags |= FLT_TUPLE_ZONE;
	if (!ct_isset(ct, ATTR_ORIG_L4PROTO))
		return flags;
	flags |= FLT_PROTO_NUM;
	switch (ct->orig.l4proto) {
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		if (ct_isset(ct, ATTR_ICMP_TYPE))
			flags |= v6 ? FLT_ICMPV6_TYPE : FLT_ICMP_TYPE;
		if (ct_isset(ct, ATTR_ICMP_CODE))
			flags |= v6 ? FLT_ICMPV6_CODE : FLT_ICMP_CODE;
		if (ct_isset(ct, ATTR_ICMP_ID))
			flags |= v6 ? FLT_ICMPV6_ID : FLT_ICMP_ID;
		break;
	default:
		if (ct_isset(ct, ATTR_ORIG_PORT_SRC))
			flags |= FLT_PROTO_SRC_PORT;
		if (ct_isset(ct, ATTR_ORIG_PORT_DST))
			flags |= FLT_PROTO_DST_PORT;
		break;
	}
	return flags;
}

int ct_filter_dump_put(struct nlmsghdr *nlh, const struct nfct_filter_dump *fd,
		       enum ct_filter_dump_op op)
{
	struct nfgenmsg *nfg = (struct nfgenmsg *)((char *)nlh + NLMSG_HDRLEN);
	const struct nf_conntrack *ct = NULL;
	uint32_t start = nlh->nlmsg_len;

	/* Everything that can fail is checked before anything is written. */
	if (has(fd, NFCT_FILTER_DUMP_TUPLE)) {
		ct = fd->tuple;
		if (op == CT_FILTER_DUMP_OP_FLUSH)
			return fail(ENOTSUP, -1);
		if (!ct_isset(ct, ATTR_ORIG_L3PROTO) ||
		    (ct->orig.l3proto != AF_INET && ct->orig.l3proto != AF_INET6))
			return fail(EINVAL, -1);
		if (has(fd, NFCT_FILTER_DUMP_L3NUM) && fd->l3num != ct->orig.l3proto)
			return fail(EINVAL, -1);
	}

	if (has(fd, NFCT_FILTER_DUMP_L3NUM))
		nfg->nfgen_family = fd->l3num;
	if (has(fd, NFCT_FILTER_DUMP_MARK)) {
		mnl_attr_put_u32(nlh, CTA_MARK, htonl(fd->mark.val));
		mnl_attr_put_u32(nlh, CTA_MARK_MASK, htonl(fd->mark.mask));
	}
	if (has(fd, NFCT_FILTER_DUMP_STATUS)) {
		mnl_attr_put_u32(nlh, CTA_STATUS, htonl(fd->status.val));
		mnl_attr_put_u32(nlh, CTA_STATUS_MASK, htonl(fd->status.mask));
	}
	if (has(fd, NFCT_FILTER_DUMP_ZONE)) {
		mnl_attr_put_u16(nlh, CTA_ZONE, htons(fd->zone));
		/* libmnl leaves the two bytes of padding as they were. */
		memset((char *)nlh + nlh->nlmsg_len - 2, 0, 2);
	}
	if (ct != NULL) {
		/* The kernel reads the tuple by the request's family. */
		nfg->nfgen_family = ct->orig.l3proto;
		if (ct_build_tuple(nlh, ct, CT_TUPLE_ORIG, CTA_TUPLE_ORIG) < 0) {
			nlh->nlmsg_len = start;
			return -1;
		}
		struct nlattr *nest = mnl_attr_nest_start(nlh, CTA_FILTER);

		/* A host byte order u32, as the kernel's policy says. */
		mnl_attr_put_u32(nlh, CTA_FILTER_ORIG_FLAGS, tuple_flags(ct));
		mnl_attr_nest_end(nlh, nest);
	}
	return 0;
}

/**
 * Appends a dump filter to a request being built.
 * \ingroup nfct_messages
 *
 * \param nlh a message that holds the netlink header and the struct
 *	nfgenmsg of a conntrack request, with room for the filter (a
 *	buffer of MNL_SOCKET_BUFFER_SIZE is plenty).
 * \param filter_dump the filter.
 *
 * Sets nfgen_family to the filter's layer-3 family, and appends CTA_MARK
 * and CTA_MARK_MASK, CTA_STATUS and CTA_STATUS_MASK (values in network
 * byte order), CTA_ZONE, then CTA_TUPLE_ORIG and CTA_FILTER, for the
 * conditions that are set, in that order; the bytes are the original
 * library's for the conditions it knows.
 *
 * \return 0, or -1 with errno EINVAL when the tuple condition's object has
 *	no layer-3 protocol, an unknown one, or one other than the filter's
 *	NFCT_FILTER_DUMP_L3NUM (the message is then unchanged).
 *
 * Example: examples/nfct-mnl-flush.c.
 */
NFCT_EXPORT int nfct_nlmsg_build_filter(struct nlmsghdr *nlh,
					const struct nfct_filter_dump *filter_dump)
{
	return ct_filter_dump_put(nlh, filter_dump, CT_FILTER_DUMP_OP_DUMP);
}
