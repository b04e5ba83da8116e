/*
 * Building ctnetlink conntrack messages from an object.
 *
 * The attributes, their nesting and their order are those the original
 * library writes, so the messages are byte for byte the same.
 */
#include <stdlib.h>
#include <string.h>

#include "internal/attr.h"
#include "internal/build.h"
#include "internal/nlb.h"

/* The zone attribute of each tuple (the master tuple has none). */
static const uint8_t tuple_zone_attr[] = {
	[CT_TUPLE_ORIG] = ATTR_ORIG_ZONE,
	[CT_TUPLE_REPL] = ATTR_REPL_ZONE,
	[CT_TUPLE_MASTER] = ATTR_MAX,
};

static const struct ct_tuple *tuple_of(const struct nf_conntrack *ct, enum ct_tuple_which which)
{
	switch (which) {
	case CT_TUPLE_REPL:
		return &ct->repl;
	case CT_TUPLE_MASTER:
		return &ct->master;
	default:
		return &ct->orig;
	}
}

/* Is any attribute of the tuple set? The ICMP attributes count for the
 * original tuple only; the master tuple has no zone attribute. */
#define TUPLE_SET(D, X) \
	X(ATTR_##D##_IPV4_SRC) X(ATTR_##D##_IPV4_DST) X(ATTR_##D##_IPV6_SRC) \
	X(ATTR_##D##_IPV6_DST) X(ATTR_##D##_PORT_SRC) X(ATTR_##D##_PORT_DST) \
	X(ATTR_##D##_L3PROTO) X(ATTR_##D##_L4PROTO)
#define ORIG_TUPLE_SET(X)	TUPLE_SET(ORIG, X) X(ATTR_ORIG_ZONE) \
	X(ATTR_ICMP_TYPE) X(ATTR_ICMP_CODE) X(ATTR_ICMP_ID)
#define REPL_TUPLE_SET(X)	TUPLE_SET(REPL, X) X(ATTR_REPL_ZONE)
#define MASTER_TUPLE_SET(X)	TUPLE_SET(MASTER, X)

static const struct ct_attrset tuple_sets[] = {
	[CT_TUPLE_ORIG] = CT_ATTRSET_OF(ORIG_TUPLE_SET),
	[CT_TUPLE_REPL] = CT_ATTRSET_OF(REPL_TUPLE_SET),
	[CT_TUPLE_MASTER] = CT_ATTRSET_OF(MASTER_TUPLE_SET),
};

static bool tuple_present(const struct nf_conntrack *ct, enum ct_tuple_which which)
{
	return ct_has_any(ct, &tuple_sets[which]);
}

/* Layer-4 fields of a tuple, by protocol. */
static void build_proto(struct nlb *b, const struct ct_tuple *t)
{
	struct nlattr *nest = nlb_nest_start(b, CTA_TUPLE_PROTO);

	nlb_put_u8(b, CTA_PROTO_NUM, t->l4proto);
	switch (ct_l4_kind(t->l4proto)) {
	case CT_L4_PORTS:
	case CT_L4_GRE:
		nlb_put_u16(b, CTA_PROTO_SRC_PORT, t->l4src.all);
		nlb_put_u16(b, CTA_PROTO_DST_PORT, t->l4dst.all);
		break;
	case CT_L4_ICMP:
		if (t->l4proto == IPPROTO_ICMP) {
			nlb_put_u8(b, CTA_PROTO_ICMP_CODE, t->l4dst.icmp.code);
			nlb_put_u8(b, CTA_PROTO_ICMP_TYPE, t->l4dst.icmp.type);
			nlb_put_u16(b, CTA_PROTO_ICMP_ID, t->l4src.icmp_id);
		} else {
			nlb_put_u8(b, CTA_PROTO_ICMPV6_CODE, t->l4dst.icmp.code);
			nlb_put_u8(b, CTA_PROTO_ICMPV6_TYPE, t->l4dst.icmp.type);
			nlb_put_u16(b, CTA_PROTO_ICMPV6_ID, t->l4src.icmp_id);
		}
		break;
	case CT_L4_OTHER:
		break;
	}
	nlb_nest_end(b, nest);
}

int ct_build_tuple_nlb(struct nlb *b, const struct nf_conntrack *ct,
		       enum ct_tuple_which which, uint16_t type)
{
	const struct ct_tuple *t = tuple_of(ct, which);
	const unsigned int zone = tuple_zone_attr[which];
	uint32_t start = b->nlh->nlmsg_len;

	if (t->l3proto != AF_INET && t->l3proto != AF_INET6) {
		/* Nothing is left behind for an unknown family. */
		return fail(EINVAL, -1);
	}

	struct nlattr *nest = nlb_nest_start(b, type);
	struct nlattr *ip = nlb_nest_start(b, CTA_TUPLE_IP);

	if (t->l3proto == AF_INET) {
		nlb_put_u32(b, CTA_IP_V4_SRC, t->src.v4);
		nlb_put_u32(b, CTA_IP_V4_DST, t->dst.v4);
	} else {
		nlb_put(b, CTA_IP_V6_SRC, sizeof(t->src.in6), &t->src.in6);
		nlb_put(b, CTA_IP_V6_DST, sizeof(t->dst.in6), &t->dst.in6);
	}
	nlb_nest_end(b, ip);
	build_proto(b, t);
	if (zone != ATTR_MAX && ct_isset(ct, zone))
		nlb_put_be16(b, CTA_TUPLE_ZONE, t->zone);
	nlb_nest_end(b, nest);

	if (nlb_failed(b)) {
		b->nlh->nlmsg_len = start;
		return fail(EMSGSIZE, -1);
	}
	return 0;
}

int ct_build_tuple(struct nlmsghdr *nlh, const struct nf_conntrack *ct,
		   enum ct_tuple_which which, uint16_t type)
{
	struct nlb b;

	nlb_init(&b, nlh, SIZE_MAX);
	return ct_build_tuple_nlb(&b, ct, which, type);
}

#define TCP_SET(X) \
	X(ATTR_TCP_STATE) X(ATTR_TCP_FLAGS_ORIG) X(ATTR_TCP_FLAGS_REPL) X(ATTR_TCP_MASK_ORIG) \
	X(ATTR_TCP_MASK_REPL) X(ATTR_TCP_WSCALE_ORIG) X(ATTR_TCP_WSCALE_REPL)
#define SCTP_SET(X)	X(ATTR_SCTP_STATE) X(ATTR_SCTP_VTAG_ORIG) X(ATTR_SCTP_VTAG_REPL)
#define DCCP_SET(X)	X(ATTR_DCCP_STATE) X(ATTR_DCCP_ROLE) X(ATTR_DCCP_HANDSHAKE_SEQ)

static const struct ct_attrset tcp_set = CT_ATTRSET_OF(TCP_SET);
static const struct ct_attrset sctp_set = CT_ATTRSET_OF(SCTP_SET);
static const struct ct_attrset dccp_set = CT_ATTRSET_OF(DCCP_SET);

/* Protocol state, by the original tuple's layer-4 protocol. TCP flags go
 * out as (flags, mask) pairs, only where both halves are set. */
static void build_protoinfo(struct nlb *b, const struct nf_conntrack *ct)
{
	struct nlattr *outer, *inner;

	switch (ct->orig.l4proto) {
	case IPPROTO_TCP:
		if (!ct_has_any(ct, &tcp_set))
			return;
		outer = nlb_nest_start(b, CTA_PROTOINFO);
		inner = nlb_nest_start(b, CTA_PROTOINFO_TCP);
		if (ct_isset(ct, ATTR_TCP_STATE))
			nlb_put_u8(b, CTA_PROTOINFO_TCP_STATE, ct->tcp.state);
		for (unsigned int dir = 0; dir < CT_DIR_MAX; dir++) {
			static const uint8_t flag_attr[] = { ATTR_TCP_FLAGS_ORIG, ATTR_TCP_FLAGS_REPL };
			static const uint8_t mask_attr[] = { ATTR_TCP_MASK_ORIG, ATTR_TCP_MASK_REPL };

			if (ct_isset(ct, flag_attr[dir]) && ct_isset(ct, mask_attr[dir])) {
				uint8_t pair[2] = { ct->tcp.flags[dir], ct->tcp.mask[dir] };

				nlb_put(b, dir == CT_DIR_ORIG ? CTA_PROTOINFO_TCP_FLAGS_ORIGINAL
							      : CTA_PROTOINFO_TCP_FLAGS_REPLY,
					sizeof(pair), pair);
			}
		}
		if (ct_isset(ct, ATTR_TCP_WSCALE_ORIG))
			nlb_put_u8(b, CTA_PROTOINFO_TCP_WSCALE_ORIGINAL, ct->tcp.wscale[CT_DIR_ORIG]);
		if (ct_isset(ct, ATTR_TCP_WSCALE_REPL))
			nlb_put_u8(b, CTA_PROTOINFO_TCP_WSCALE_REPLY, ct->tcp.wscale[CT_DIR_REPL]);
		break;
	case IPPROTO_SCTP:
		if (!ct_has_any(ct, &sctp_set))
			return;
		outer = nlb_nest_start(b, CTA_PROTOINFO);
		inner = nlb_nest_start(b, CTA_PROTOINFO_SCTP);
		if (ct_isset(ct, ATTR_SCTP_STATE))
			nlb_put_u8(b, CTA_PROTOINFO_SCTP_STATE, ct->sctp.state);
		if (ct_isset(ct, ATTR_SCTP_VTAG_ORIG))
			nlb_put_be32(b, CTA_PROTOINFO_SCTP_VTAG_ORIGINAL, ct->sctp.vtag[CT_DIR_ORIG]);
		if (ct_isset(ct, ATTR_SCTP_VTAG_REPL))
			nlb_put_be32(b, CTA_PROTOINFO_SCTP_VTAG_REPLY, ct->sctp.vtag[CT_DIR_REPL]);
		break;
	case IPPROTO_DCCP:
		if (!ct_has_any(ct, &dccp_set))
			return;
		outer = nlb_nest_start(b, CTA_PROTOINFO);
		inner = nlb_nest_start(b, CTA_PROTOINFO_DCCP);
		if (ct_isset(ct, ATTR_DCCP_STATE))
			nlb_put_u8(b, CTA_PROTOINFO_DCCP_STATE, ct->dccp.state);
		if (ct_isset(ct, ATTR_DCCP_ROLE))
			nlb_put_u8(b, CTA_PROTOINFO_DCCP_ROLE, ct->dccp.role);
		if (ct_isset(ct, ATTR_DCCP_HANDSHAKE_SEQ))
			nlb_put_u64(b, CTA_PROTOINFO_DCCP_HANDSHAKE_SEQ,
				    htobe64(ct->dccp.handshake_seq));
		break;
	default:
		return;
	}
	nlb_nest_end(b, inner);
	nlb_nest_end(b, outer);
}

/* One NAT manipulation: the address (the IPv4 attribute wins when both are
 * set, whatever the family), then the port range (written for TCP and UDP
 * only, the nest itself always). */
static void build_nat(struct nlb *b, const struct nf_conntrack *ct, uint16_t type,
		      const struct ct_nat *nat, unsigned int attr4, unsigned int attr6,
		      unsigned int attr_port)
{
	bool ip4 = ct_isset(ct, attr4), ip6 = ct_isset(ct, attr6), port = ct_isset(ct, attr_port);

	if (!ip4 && !ip6 && !port)
		return;

	struct nlattr *nest = nlb_nest_start(b, type);

	if (ip4)
		nlb_put_u32(b, CTA_NAT_V4_MINIP, nat->addr.v4);
	else if (ip6)
		nlb_put(b, CTA_NAT_V6_MINIP, sizeof(nat->addr.in6), &nat->addr.in6);
	if (port) {
		struct nlattr *proto = nlb_nest_start(b, CTA_NAT_PROTO);

		if (ct->orig.l4proto == IPPROTO_TCP || ct->orig.l4proto == IPPROTO_UDP) {
			nlb_put_u16(b, CTA_PROTONAT_PORT_MIN, nat->port);
			nlb_put_u16(b, CTA_PROTONAT_PORT_MAX, nat->port);
		}
		nlb_nest_end(b, proto);
	}
	nlb_nest_end(b, nest);
}

#define NATSEQ_SET(D, X) \
	X(ATTR_##D##_NAT_SEQ_CORRECTION_POS) X(ATTR_##D##_NAT_SEQ_OFFSET_BEFORE) \
	X(ATTR_##D##_NAT_SEQ_OFFSET_AFTER)
#define ORIG_NATSEQ_SET(X)	NATSEQ_SET(ORIG, X)
#define REPL_NATSEQ_SET(X)	NATSEQ_SET(REPL, X)

static const struct ct_attrset natseq_sets[CT_DIR_MAX] = {
	CT_ATTRSET_OF(ORIG_NATSEQ_SET),
	CT_ATTRSET_OF(REPL_NATSEQ_SET),
};

static void build_natseq(struct nlb *b, const struct nf_conntrack *ct, unsigned int dir)
{
	if (!ct_has_all(ct, &natseq_sets[dir]))
		return;

	const struct ct_natseq *s = &ct->natseq[dir];
	struct nlattr *nest = nlb_nest_start(b, dir == CT_DIR_ORIG ? CTA_NAT_SEQ_ADJ_ORIG
								    : CTA_NAT_SEQ_ADJ_REPLY);

	nlb_put_be32(b, CTA_NAT_SEQ_CORRECTION_POS, s->correction_pos);
	nlb_put_be32(b, CTA_NAT_SEQ_OFFSET_BEFORE, s->offset_before);
	nlb_put_be32(b, CTA_NAT_SEQ_OFFSET_AFTER, s->offset_after);
	nlb_nest_end(b, nest);
}

/* Labels go out as the bitmask's 32-bit words, in host order; the mask
 * only when it has the same size as the labels. */
static void build_labels(struct nlb *b, const struct nf_conntrack *ct)
{
	const struct nfct_bitmask *labels = ct->labels, *mask = ct->labels_mask;

	if (!ct_isset(ct, ATTR_CONNLABELS) || labels == NULL)
		return;

	size_t len = (size_t)labels->words * sizeof(labels->bits[0]);

	nlb_put(b, CTA_LABELS, len, labels->bits);
	if (ct_isset(ct, ATTR_CONNLABELS_MASK) && mask != NULL && mask->words == labels->words)
		nlb_put(b, CTA_LABELS_MASK, len, mask->bits);
}

#define SYNPROXY_SET(X)	X(ATTR_SYNPROXY_ISN) X(ATTR_SYNPROXY_ITS) X(ATTR_SYNPROXY_TSOFF)
static const struct ct_attrset synproxy_set = CT_ATTRSET_OF(SYNPROXY_SET);

/* What the rarely set attributes after the protocol information are: an
 * object with none of them skips their checks. */
#define RARE_SET(X) \
	X(ATTR_SNAT_IPV4) X(ATTR_SNAT_IPV6) X(ATTR_SNAT_PORT) \
	X(ATTR_DNAT_IPV4) X(ATTR_DNAT_IPV6) X(ATTR_DNAT_PORT) \
	ORIG_NATSEQ_SET(X) REPL_NATSEQ_SET(X) X(ATTR_HELPER_NAME) X(ATTR_ZONE) \
	X(ATTR_CONNLABELS) SYNPROXY_SET(X)
static const struct ct_attrset rare_set = CT_ATTRSET_OF(RARE_SET);

int ct_build_attrs(struct nlb *b, const struct nf_conntrack *ct)
{
	if (!ct_isset(ct, ATTR_ORIG_L3PROTO))
		return fail(EINVAL, -1);

	/* The original tuple is always there: its layer-3 protocol is. */
	if (ct_build_tuple_nlb(b, ct, CT_TUPLE_ORIG, CTA_TUPLE_ORIG) < 0)
		return -1;
	if (tuple_present(ct, CT_TUPLE_REPL) &&
	    ct_build_tuple_nlb(b, ct, CT_TUPLE_REPL, CTA_TUPLE_REPLY) < 0)
		return -1;
	/* COMPAT: a master tuple that cannot be built (no or an unknown
	 * layer-3 protocol) is left out silently, where a bad reply tuple
	 * fails the whole message: the original does so. */
	if (tuple_present(ct, CT_TUPLE_MASTER))
		ct_build_tuple_nlb(b, ct, CT_TUPLE_MASTER, CTA_TUPLE_MASTER);

	/* COMPAT: the original always sends the status with IPS_CONFIRMED. */
	if (ct_isset(ct, ATTR_STATUS))
		nlb_put_be32(b, CTA_STATUS, ct->status | IPS_CONFIRMED);
	if (ct_isset(ct, ATTR_TIMEOUT))
		nlb_put_be32(b, CTA_TIMEOUT, ct->timeout);
	if (ct_isset(ct, ATTR_MARK))
		nlb_put_be32(b, CTA_MARK, ct->mark);
	if (ct_isset(ct, ATTR_SECMARK))
		nlb_put_be32(b, CTA_SECMARK, ct->secmark);

	build_protoinfo(b, ct);
	if (!ct_has_any(ct, &rare_set))
		goto done;
	build_nat(b, ct, CTA_NAT_SRC, &ct->snat, ATTR_SNAT_IPV4, ATTR_SNAT_IPV6, ATTR_SNAT_PORT);
	build_nat(b, ct, CTA_NAT_DST, &ct->dnat, ATTR_DNAT_IPV4, ATTR_DNAT_IPV6, ATTR_DNAT_PORT);
	build_natseq(b, ct, CT_DIR_ORIG);
	build_natseq(b, ct, CT_DIR_REPL);

	if (ct_isset(ct, ATTR_HELPER_NAME)) {
		struct nlattr *nest = nlb_nest_start(b, CTA_HELP);

		nlb_put_strz(b, CTA_HELP_NAME, ct->helper_name);
		if (ct_isset(ct, ATTR_HELPER_INFO) && ct->helper_info != NULL)
			nlb_put(b, CTA_HELP_INFO, ct->helper_info_len, ct->helper_info);
		nlb_nest_end(b, nest);
	}
	if (ct_isset(ct, ATTR_ZONE))
		nlb_put_be16(b, CTA_ZONE, ct->zone);
	build_labels(b, ct);

	if (ct_has_all(ct, &synproxy_set)) {
		struct nlattr *nest = nlb_nest_start(b, CTA_SYNPROXY);

		nlb_put_be32(b, CTA_SYNPROXY_ISN, ct->synproxy_isn);
		nlb_put_be32(b, CTA_SYNPROXY_ITS, ct->synproxy_its);
		nlb_put_be32(b, CTA_SYNPROXY_TSOFF, ct->synproxy_tsoff);
		nlb_nest_end(b, nest);
	}
done:
	if (nlb_failed(b))
		return fail(EMSGSIZE, -1);
	return 0;
}

void nlb_put_nfnl_header(struct nlb *b, uint8_t subsys, uint16_t type, uint16_t flags,
			 uint8_t family, uint8_t version)
{
	const size_t len = NLMSG_HDRLEN + NLB_ALIGN(sizeof(struct nfgenmsg));

	if (b->room < len) {
		b->full = true;
		b->room = 0;
		return;
	}
	struct nlmsghdr *nlh = b->nlh;
	struct nfgenmsg *nfg = (struct nfgenmsg *)((char *)nlh + NLMSG_HDRLEN);

	memset(nlh, 0, len);
	nlh->nlmsg_len = (uint32_t)len;
	nlh->nlmsg_type = (uint16_t)((subsys << 8) | type);
	nlh->nlmsg_flags = flags;
	nfg->nfgen_family = family;
	nfg->version = version;
	nfg->res_id = 0;
}

/**
 * Appends the ctnetlink attributes describing a conntrack object to a
 * message.
 *
 * \param nlh a message with its header (and the nfgenmsg header) already
 * in place, for instance from mnl_nlmsg_put_header() and
 * mnl_nlmsg_put_extra_header(); attributes are appended at nlmsg_len
 * \param ct the object; its original layer-3 protocol must be set
 * \return 0, or -1 with errno EINVAL (no layer-3 protocol, or a tuple with
 * a family other than IPv4 and IPv6)
 *
 * The buffer behind \p nlh must have room for the attributes (an
 * MNL_SOCKET_BUFFER_SIZE buffer always has). Only attributes the kernel
 * accepts are written: tuples, status, timeout, mark, secmark, protocol
 * info, NAT, sequence adjustment, helper, zone, labels, synproxy.
 *
 * Example: examples/nfct-mnl-create.c.
 */
NFCT_EXPORT int nfct_nlmsg_build(struct nlmsghdr *nlh, const struct nf_conntrack *ct)
{
	struct nlb b;

	if (nlh == NULL || ct == NULL)
		return fail(EINVAL, -1);
	nlb_init(&b, nlh, SIZE_MAX);
	return ct_build_attrs(&b, ct);
}

/**
 * Builds a complete ctnetlink conntrack message (libnfnetlink style).
 *
 * \param ssh a subsystem handle (only checked: the message is always a
 * conntrack one, as with the original)
 * \param req the buffer: the message goes at its start, and every byte
 * after it is zeroed, up to \p size (as with the original)
 * \param size its size in bytes
 * \param type the ctnetlink message type (IPCTNL_MSG_CT_NEW...)
 * \param flags netlink flags (NLM_F_REQUEST, NLM_F_CREATE...)
 * \param ct the object; its original layer-3 protocol must be set
 * \return 0, or -1 with errno EINVAL (bad arguments, no layer-3 protocol)
 * or EMSGSIZE (the message does not fit in \p size bytes; the original
 * writes past the buffer instead)
 *
 * Deprecated: use nfct_nlmsg_build().
 */
NFCT_EXPORT int nfct_build_conntrack(struct nfnl_subsys_handle *ssh, void *req, size_t size,
				     uint16_t type, uint16_t flags,
				     const struct nf_conntrack *ct)
{
	struct nlb b;

	if (ssh == NULL || req == NULL || ct == NULL)
		return fail(EINVAL, -1);
	if (!ct_isset(ct, ATTR_ORIG_L3PROTO))
		return fail(EINVAL, -1);

	nlb_init(&b, req, size);
	nlb_put_nfnl_header(&b, NFNL_SUBSYS_CTNETLINK, type, flags,
			    ct->orig.l3proto, NFNETLINK_V0);
	if (nlb_failed(&b))
		return fail(EMSGSIZE, -1);

	int ret = ct_build_attrs(&b, ct);

	nlb_zero_after(req, size, b.nlh->nlmsg_len);
	return ret;
}
