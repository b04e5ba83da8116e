/*
 * Parsing ctnetlink conntrack messages into an object.
 *
 * One forward pass per nesting level. What each attribute of a level must
 * look like, where its value goes and which presence bit it sets is data:
 * one const policy table per level. Scalars are checked and stored by one
 * generic routine; nests and variable-length attributes go to a small
 * handler. Unknown attributes are skipped, so newer kernels do not break
 * older programs; an attribute of the wrong length stops the parse with
 * -1 and errno set, and nothing is ever read past the message.
 */
#include <stdlib.h>
#include <string.h>

#include "internal/attr.h"
#include "internal/bitmask.h"
#include "internal/parse.h"

/**
 * \addtogroup lowlevel
 * @{
 */

/* How a payload is checked and stored. */
enum wire_kind {
	W_SKIP = 0,	/* not parsed: skipped like an unknown attribute */
	W_U8,		/* one byte */
	W_BE16,		/* big-endian integers, stored in host order */
	W_BE32,
	W_BE64,
	W_BE32_64,	/* a big-endian u32 stored in a u64 (old counters) */
	W_RAW16,	/* kept in network order: ports */
	W_RAW32,	/* IPv4 addresses */
	W_RAW128,	/* IPv6 addresses */
	W_NEST,		/* handled by the level's handler */
	W_OTHER,	/* variable length: handled by the level's handler */
};

#define NO_ATTR	0xff

struct wire_pol {
	uint8_t kind;
	uint8_t attr;		/* presence bit to set, NO_ATTR for none */
	uint16_t offset;	/* from the level's base pointer */
};

/* Exact payload length of each fixed-size kind. */
static const uint8_t wire_len[] = {
	[W_U8] = 1, [W_BE16] = 2, [W_BE32] = 4, [W_BE64] = 8, [W_BE32_64] = 4,
	[W_RAW16] = 2, [W_RAW32] = 4, [W_RAW128] = 16,
};

/* What every handler of a walk knows. */
struct walk {
	struct nf_conntrack *ct;
	uint8_t family;		/* the message's, for the tuples */
};

struct level {
	const struct wire_pol *pol;
	unsigned int max;	/* highest attribute type the table covers */
	/* For W_NEST and W_OTHER attributes; returns 0 or -1 with errno. */
	int (*handler)(const struct walk *w, void *base, unsigned int type,
		       const struct nlattr *attr);
};

/* Stores a fixed-size value; the length was checked by the caller. */
static void store(void *dst, unsigned int kind, const void *src)
{
	switch (kind) {
	case W_U8:
		*(uint8_t *)dst = *(const uint8_t *)src;
		break;
	case W_BE16: {
		uint16_t v;

		memcpy(&v, src, sizeof(v));
		v = be16toh(v);
		memcpy(dst, &v, sizeof(v));
		break;
	}
	case W_BE32: {
		uint32_t v;

		memcpy(&v, src, sizeof(v));
		v = be32toh(v);
		memcpy(dst, &v, sizeof(v));
		break;
	}
	case W_BE64: {
		uint64_t v;

		memcpy(&v, src, sizeof(v));
		v = be64toh(v);
		memcpy(dst, &v, sizeof(v));
		break;
	}
	case W_BE32_64: {
		uint32_t v;

		memcpy(&v, src, sizeof(v));
		uint64_t w = be32toh(v);

		memcpy(dst, &w, sizeof(w));
		break;
	}
	case W_RAW16:
		memcpy(dst, src, 2);
		break;
	case W_RAW32:
		memcpy(dst, src, 4);
		break;
	case W_RAW128:
		memcpy(dst, src, 16);
		break;
	default:
		break;
	}
}

/* Walks one level: the attributes in [data, data + len). Scalars are
 * stored at base + offset. */
static int parse_level(const struct walk *w, void *base, const struct level *lv,
		       const void *data, size_t len)
{
	const char *pos = data, *end = pos + len;
	const struct nlattr *a;
	bool bad = false;

	while ((a = nla_next(&pos, end, &bad)) != NULL) {
		unsigned int type = nla_kind(a);

		if (type > lv->max)
			continue;

		const struct wire_pol *p = &lv->pol[type];

		switch (p->kind) {
		case W_SKIP:
			continue;
		case W_NEST:
			/* Empty nests are fine; otherwise they hold attributes. */
			if (nla_len(a) != 0 && nla_len(a) < NLA_HDRLEN)
				return fail(ERANGE, -1);
			/* fall through */
		case W_OTHER:
			if (lv->handler(w, base, type, a) < 0)
				return -1;
			continue;
		default:
			if (nla_len(a) != wire_len[p->kind])
				return fail(ERANGE, -1);
			store((char *)base + p->offset, p->kind, nla_data(a));
			if (p->attr != NO_ATTR)
				ct_mark_set(w->ct, p->attr);
			continue;
		}
	}
	if (bad)
		return fail(EINVAL, -1);
	return 0;
}

static int parse_nested(const struct walk *w, void *base, const struct level *lv,
			const struct nlattr *nest)
{
	return parse_level(w, base, lv, nla_data(nest), nla_len(nest));
}

/* Tuples. One table per tuple for each level, since the presence bits
 * differ; the ICMP attributes exist once, for every tuple. */

#define TUPLE_OFF(field)	offsetof(struct ct_tuple, field)

#define TUPLE_IP_POL(D) { \
	[CTA_IP_V4_SRC] = { W_RAW32, ATTR_##D##_IPV4_SRC, TUPLE_OFF(src) }, \
	[CTA_IP_V4_DST] = { W_RAW32, ATTR_##D##_IPV4_DST, TUPLE_OFF(dst) }, \
	[CTA_IP_V6_SRC] = { W_RAW128, ATTR_##D##_IPV6_SRC, TUPLE_OFF(src) }, \
	[CTA_IP_V6_DST] = { W_RAW128, ATTR_##D##_IPV6_DST, TUPLE_OFF(dst) }, \
}

#define TUPLE_PROTO_POL(D) { \
	[CTA_PROTO_NUM] = { W_U8, ATTR_##D##_L4PROTO, TUPLE_OFF(l4proto) }, \
	[CTA_PROTO_SRC_PORT] = { W_RAW16, ATTR_##D##_PORT_SRC, TUPLE_OFF(l4src) }, \
	[CTA_PROTO_DST_PORT] = { W_RAW16, ATTR_##D##_PORT_DST, TUPLE_OFF(l4dst) }, \
	[CTA_PROTO_ICMP_ID] = { W_RAW16, ATTR_ICMP_ID, TUPLE_OFF(l4src.icmp_id) }, \
	[CTA_PROTO_ICMP_TYPE] = { W_U8, ATTR_ICMP_TYPE, TUPLE_OFF(l4dst.icmp.type) }, \
	[CTA_PROTO_ICMP_CODE] = { W_U8, ATTR_ICMP_CODE, TUPLE_OFF(l4dst.icmp.code) }, \
	[CTA_PROTO_ICMPV6_ID] = { W_RAW16, ATTR_ICMP_ID, TUPLE_OFF(l4src.icmp_id) }, \
	[CTA_PROTO_ICMPV6_TYPE] = { W_U8, ATTR_ICMP_TYPE, TUPLE_OFF(l4dst.icmp.type) }, \
	[CTA_PROTO_ICMPV6_CODE] = { W_U8, ATTR_ICMP_CODE, TUPLE_OFF(l4dst.icmp.code) }, \
}

#define TUPLE_POL(zone_attr) { \
	[CTA_TUPLE_IP] = { W_NEST, NO_ATTR, 0 }, \
	[CTA_TUPLE_PROTO] = { W_NEST, NO_ATTR, 0 }, \
	[CTA_TUPLE_ZONE] = { W_BE16, zone_attr, TUPLE_OFF(zone) }, \
}

static const struct wire_pol tuple_ip_pol[3][CTA_IP_MAX + 1] = {
	[CT_TUPLE_ORIG] = TUPLE_IP_POL(ORIG),
	[CT_TUPLE_REPL] = TUPLE_IP_POL(REPL),
	[CT_TUPLE_MASTER] = TUPLE_IP_POL(MASTER),
};

static const struct wire_pol tuple_proto_pol[3][CTA_PROTO_MAX + 1] = {
	[CT_TUPLE_ORIG] = TUPLE_PROTO_POL(ORIG),
	[CT_TUPLE_REPL] = TUPLE_PROTO_POL(REPL),
	[CT_TUPLE_MASTER] = TUPLE_PROTO_POL(MASTER),
};

/* The master tuple's zone is stored but has no attribute of its own. */
static const struct wire_pol tuple_pol[3][CTA_TUPLE_MAX + 1] = {
	[CT_TUPLE_ORIG] = TUPLE_POL(ATTR_ORIG_ZONE),
	[CT_TUPLE_REPL] = TUPLE_POL(ATTR_REPL_ZONE),
	[CT_TUPLE_MASTER] = TUPLE_POL(NO_ATTR),
};

static int tuple_handler(const struct walk *w, void *base, unsigned int type,
			 const struct nlattr *attr);

static const struct level tuple_ip_level[3] = {
	{ tuple_ip_pol[CT_TUPLE_ORIG], CTA_IP_MAX, NULL },
	{ tuple_ip_pol[CT_TUPLE_REPL], CTA_IP_MAX, NULL },
	{ tuple_ip_pol[CT_TUPLE_MASTER], CTA_IP_MAX, NULL },
};

static const struct level tuple_proto_level[3] = {
	{ tuple_proto_pol[CT_TUPLE_ORIG], CTA_PROTO_MAX, NULL },
	{ tuple_proto_pol[CT_TUPLE_REPL], CTA_PROTO_MAX, NULL },
	{ tuple_proto_pol[CT_TUPLE_MASTER], CTA_PROTO_MAX, NULL },
};

static const struct level tuple_level[3] = {
	{ tuple_pol[CT_TUPLE_ORIG], CTA_TUPLE_MAX, tuple_handler },
	{ tuple_pol[CT_TUPLE_REPL], CTA_TUPLE_MAX, tuple_handler },
	{ tuple_pol[CT_TUPLE_MASTER], CTA_TUPLE_MAX, tuple_handler },
};

static struct ct_tuple *tuple_ptr(struct nf_conntrack *ct, enum ct_tuple_which which)
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

static enum ct_tuple_which tuple_which(const struct nf_conntrack *ct, const void *base)
{
	if (base == &ct->repl)
		return CT_TUPLE_REPL;
	if (base == &ct->master)
		return CT_TUPLE_MASTER;
	return CT_TUPLE_ORIG;
}

static int tuple_handler(const struct walk *w, void *base, unsigned int type,
			 const struct nlattr *attr)
{
	enum ct_tuple_which which = tuple_which(w->ct, base);

	if (type == CTA_TUPLE_IP)
		return parse_nested(w, base, &tuple_ip_level[which], attr);
	return parse_nested(w, base, &tuple_proto_level[which], attr);
}

int ct_parse_tuple(struct nf_conntrack *ct, enum ct_tuple_which which,
		   const struct nlattr *nest)
{
	struct walk w = { ct, 0 };

	return parse_nested(&w, tuple_ptr(ct, which), &tuple_level[which], nest);
}

/* Protocol information. */

#define CT_OFF(field)	offsetof(struct nf_conntrack, field)

static const struct wire_pol tcp_pol[CTA_PROTOINFO_TCP_MAX + 1] = {
	[CTA_PROTOINFO_TCP_STATE] = { W_U8, ATTR_TCP_STATE, CT_OFF(tcp.state) },
	[CTA_PROTOINFO_TCP_WSCALE_ORIGINAL] = { W_U8, ATTR_TCP_WSCALE_ORIG, CT_OFF(tcp.wscale[0]) },
	[CTA_PROTOINFO_TCP_WSCALE_REPLY] = { W_U8, ATTR_TCP_WSCALE_REPL, CT_OFF(tcp.wscale[1]) },
	[CTA_PROTOINFO_TCP_FLAGS_ORIGINAL] = { W_OTHER, NO_ATTR, 0 },
	[CTA_PROTOINFO_TCP_FLAGS_REPLY] = { W_OTHER, NO_ATTR, 0 },
};

static const struct wire_pol sctp_pol[CTA_PROTOINFO_SCTP_MAX + 1] = {
	[CTA_PROTOINFO_SCTP_STATE] = { W_U8, ATTR_SCTP_STATE, CT_OFF(sctp.state) },
	[CTA_PROTOINFO_SCTP_VTAG_ORIGINAL] = { W_BE32, ATTR_SCTP_VTAG_ORIG, CT_OFF(sctp.vtag[0]) },
	[CTA_PROTOINFO_SCTP_VTAG_REPLY] = { W_BE32, ATTR_SCTP_VTAG_REPL, CT_OFF(sctp.vtag[1]) },
};

static const struct wire_pol dccp_pol[CTA_PROTOINFO_DCCP_MAX + 1] = {
	[CTA_PROTOINFO_DCCP_STATE] = { W_U8, ATTR_DCCP_STATE, CT_OFF(dccp.state) },
	[CTA_PROTOINFO_DCCP_ROLE] = { W_U8, ATTR_DCCP_ROLE, CT_OFF(dccp.role) },
	[CTA_PROTOINFO_DCCP_HANDSHAKE_SEQ] = { W_BE64, ATTR_DCCP_HANDSHAKE_SEQ,
					       CT_OFF(dccp.handshake_seq) },
};

/* TCP flags travel as a (flags, mask) byte pair. */
static int tcp_handler(const struct walk *w, void *base, unsigned int type,
		       const struct nlattr *attr)
{
	struct nf_conntrack *ct = w->ct;
	unsigned int dir = type == CTA_PROTOINFO_TCP_FLAGS_ORIGINAL ? CT_DIR_ORIG : CT_DIR_REPL;
	const uint8_t *pair = nla_data(attr);

	if (nla_len(attr) != 2)
		return fail(ERANGE, -1);
	ct->tcp.flags[dir] = pair[0];
	ct->tcp.mask[dir] = pair[1];
	ct_mark_set(ct, dir == CT_DIR_ORIG ? ATTR_TCP_FLAGS_ORIG : ATTR_TCP_FLAGS_REPL);
	ct_mark_set(ct, dir == CT_DIR_ORIG ? ATTR_TCP_MASK_ORIG : ATTR_TCP_MASK_REPL);
	return 0;
}

static const struct level tcp_level = { tcp_pol, CTA_PROTOINFO_TCP_MAX, tcp_handler };
static const struct level sctp_level = { sctp_pol, CTA_PROTOINFO_SCTP_MAX, NULL };
static const struct level dccp_level = { dccp_pol, CTA_PROTOINFO_DCCP_MAX, NULL };

static const struct wire_pol protoinfo_pol[CTA_PROTOINFO_MAX + 1] = {
	[CTA_PROTOINFO_TCP] = { W_NEST, NO_ATTR, 0 },
	[CTA_PROTOINFO_DCCP] = { W_NEST, NO_ATTR, 0 },
	[CTA_PROTOINFO_SCTP] = { W_NEST, NO_ATTR, 0 },
};

static int protoinfo_handler(const struct walk *w, void *base, unsigned int type,
			     const struct nlattr *attr)
{
	switch (type) {
	case CTA_PROTOINFO_TCP:
		return parse_nested(w, base, &tcp_level, attr);
	case CTA_PROTOINFO_SCTP:
		return parse_nested(w, base, &sctp_level, attr);
	default:
		return parse_nested(w, base, &dccp_level, attr);
	}
}

static const struct level protoinfo_level = { protoinfo_pol, CTA_PROTOINFO_MAX, protoinfo_handler };

/* Counters, in both the 64-bit and the old 32-bit form. */
#define COUNTERS_POL(D, i) { \
	[CTA_COUNTERS_PACKETS] = { W_BE64, ATTR_##D##_COUNTER_PACKETS, CT_OFF(counters[i].packets) }, \
	[CTA_COUNTERS_BYTES] = { W_BE64, ATTR_##D##_COUNTER_BYTES, CT_OFF(counters[i].bytes) }, \
	[CTA_COUNTERS32_PACKETS] = { W_BE32_64, ATTR_##D##_COUNTER_PACKETS, CT_OFF(counters[i].packets) }, \
	[CTA_COUNTERS32_BYTES] = { W_BE32_64, ATTR_##D##_COUNTER_BYTES, CT_OFF(counters[i].bytes) }, \
}

static const struct wire_pol counters_pol[CT_DIR_MAX][CTA_COUNTERS_MAX + 1] = {
	COUNTERS_POL(ORIG, 0),
	COUNTERS_POL(REPL, 1),
};

static const struct level counters_level[CT_DIR_MAX] = {
	{ counters_pol[CT_DIR_ORIG], CTA_COUNTERS_MAX, NULL },
	{ counters_pol[CT_DIR_REPL], CTA_COUNTERS_MAX, NULL },
};

#define NATSEQ_POL(D, i) { \
	[CTA_NAT_SEQ_CORRECTION_POS] = { W_BE32, ATTR_##D##_NAT_SEQ_CORRECTION_POS, \
					 CT_OFF(natseq[i].correction_pos) }, \
	[CTA_NAT_SEQ_OFFSET_BEFORE] = { W_BE32, ATTR_##D##_NAT_SEQ_OFFSET_BEFORE, \
					CT_OFF(natseq[i].offset_before) }, \
	[CTA_NAT_SEQ_OFFSET_AFTER] = { W_BE32, ATTR_##D##_NAT_SEQ_OFFSET_AFTER, \
				       CT_OFF(natseq[i].offset_after) }, \
}

static const struct wire_pol natseq_pol[CT_DIR_MAX][CTA_NAT_SEQ_MAX + 1] = {
	NATSEQ_POL(ORIG, 0),
	NATSEQ_POL(REPL, 1),
};

static const struct level natseq_level[CT_DIR_MAX] = {
	{ natseq_pol[CT_DIR_ORIG], CTA_NAT_SEQ_MAX, NULL },
	{ natseq_pol[CT_DIR_REPL], CTA_NAT_SEQ_MAX, NULL },
};

static const struct wire_pol timestamp_pol[CTA_TIMESTAMP_MAX + 1] = {
	[CTA_TIMESTAMP_START] = { W_BE64, ATTR_TIMESTAMP_START, CT_OFF(ts_start) },
	[CTA_TIMESTAMP_STOP] = { W_BE64, ATTR_TIMESTAMP_STOP, CT_OFF(ts_stop) },
};

static const struct level timestamp_level = { timestamp_pol, CTA_TIMESTAMP_MAX, NULL };

static const struct wire_pol synproxy_pol[CTA_SYNPROXY_MAX + 1] = {
	[CTA_SYNPROXY_ISN] = { W_BE32, ATTR_SYNPROXY_ISN, CT_OFF(synproxy_isn) },
	[CTA_SYNPROXY_ITS] = { W_BE32, ATTR_SYNPROXY_ITS, CT_OFF(synproxy_its) },
	[CTA_SYNPROXY_TSOFF] = { W_BE32, ATTR_SYNPROXY_TSOFF, CT_OFF(synproxy_tsoff) },
};

static const struct level synproxy_level = { synproxy_pol, CTA_SYNPROXY_MAX, NULL };

/* A NUL-terminated string attribute: at least the NUL, and the NUL last. */
static int check_string(const struct nlattr *attr)
{
	size_t len = nla_len(attr);

	if (len == 0)
		return fail(ERANGE, -1);
	if (((const char *)nla_data(attr))[len - 1] != '\0')
		return fail(EINVAL, -1);
	return 0;
}

static const struct wire_pol help_pol[CTA_HELP_MAX + 1] = {
	[CTA_HELP_NAME] = { W_OTHER, NO_ATTR, 0 },
	[CTA_HELP_INFO] = { W_OTHER, NO_ATTR, 0 },
};

static int help_handler(const struct walk *w, void *base, unsigned int type,
			const struct nlattr *attr)
{
	struct nf_conntrack *ct = w->ct;

	if (type == CTA_HELP_NAME) {
		if (check_string(attr) < 0)
			return -1;
		/* Longer names are cut to what the object holds. */
		size_t n = strnlen(nla_data(attr), sizeof(ct->helper_name) - 1);

		memcpy(ct->helper_name, nla_data(attr), n);
		memset(ct->helper_name + n, 0, sizeof(ct->helper_name) - n);
		ct_mark_set(ct, ATTR_HELPER_NAME);
		return 0;
	}

	size_t len = nla_len(attr);
	void *info = malloc(len ? len : 1);

	if (info == NULL)
		return fail(ENOMEM, -1);
	memcpy(info, nla_data(attr), len);
	free(ct->helper_info);
	ct->helper_info = info;
	ct->helper_info_len = (uint32_t)len;
	ct_mark_set(ct, ATTR_HELPER_INFO);
	return 0;
}

static const struct level help_level = { help_pol, CTA_HELP_MAX, help_handler };

static const struct wire_pol secctx_pol[CTA_SECCTX_MAX + 1] = {
	[CTA_SECCTX_NAME] = { W_OTHER, NO_ATTR, 0 },
};

static int secctx_handler(const struct walk *w, void *base, unsigned int type,
			  const struct nlattr *attr)
{
	struct nf_conntrack *ct = w->ct;

	if (check_string(attr) < 0)
		return -1;

	char *s = strdup(nla_data(attr));

	if (s == NULL)
		return fail(ENOMEM, -1);
	free(ct->secctx);
	ct->secctx = s;
	ct_mark_set(ct, ATTR_SECCTX);
	return 0;
}

static const struct level secctx_level = { secctx_pol, CTA_SECCTX_MAX, secctx_handler };

/* Labels: 32-bit words in host order, as many as the kernel sends. */
static int labels_parse(struct nf_conntrack *ct, const struct nlattr *attr)
{
	size_t len = nla_len(attr);
	struct nfct_bitmask **slot = &ct->labels;

	if (len == 0 || len % sizeof(uint32_t) != 0)
		return fail(ERANGE, -1);

	unsigned int words = (unsigned int)(len / sizeof(uint32_t));
	struct nfct_bitmask *b = *slot;

	if (b == NULL || b->words != words) {
		b = bitmask_alloc(words);
		if (b == NULL)
			return -1;
		nfct_bitmask_destroy(*slot);
		*slot = b;
	}
	memcpy(b->bits, nla_data(attr), len);
	ct_mark_set(ct, ATTR_CONNLABELS);
	return 0;
}

/* The top level of a conntrack message. */
static const struct wire_pol top_pol[CTA_TIMESTAMP_EVENT + 1] = {
	[CTA_TUPLE_ORIG] = { W_NEST, NO_ATTR, 0 },
	[CTA_TUPLE_REPLY] = { W_NEST, NO_ATTR, 0 },
	[CTA_STATUS] = { W_BE32, ATTR_STATUS, CT_OFF(status) },
	[CTA_PROTOINFO] = { W_NEST, NO_ATTR, 0 },
	[CTA_HELP] = { W_NEST, NO_ATTR, 0 },
	[CTA_TIMEOUT] = { W_BE32, ATTR_TIMEOUT, CT_OFF(timeout) },
	[CTA_MARK] = { W_BE32, ATTR_MARK, CT_OFF(mark) },
	[CTA_COUNTERS_ORIG] = { W_NEST, NO_ATTR, 0 },
	[CTA_COUNTERS_REPLY] = { W_NEST, NO_ATTR, 0 },
	[CTA_USE] = { W_BE32, ATTR_USE, CT_OFF(use) },
	[CTA_ID] = { W_BE32, ATTR_ID, CT_OFF(id) },
	[CTA_TUPLE_MASTER] = { W_NEST, NO_ATTR, 0 },
	[CTA_NAT_SEQ_ADJ_ORIG] = { W_NEST, NO_ATTR, 0 },
	[CTA_NAT_SEQ_ADJ_REPLY] = { W_NEST, NO_ATTR, 0 },
	[CTA_SECMARK] = { W_BE32, ATTR_SECMARK, CT_OFF(secmark) },
	[CTA_ZONE] = { W_BE16, ATTR_ZONE, CT_OFF(zone) },
	[CTA_SECCTX] = { W_NEST, NO_ATTR, 0 },
	[CTA_TIMESTAMP] = { W_NEST, NO_ATTR, 0 },
	[CTA_LABELS] = { W_OTHER, NO_ATTR, 0 },
	[CTA_SYNPROXY] = { W_NEST, NO_ATTR, 0 },
	[CTA_TIMESTAMP_EVENT] = { W_BE64, ATTR_TIMESTAMP_EVENT, CT_OFF(ts_event) },
	/* NAT manipulations, CTA_MARK_MASK, CTA_LABELS_MASK, CTA_FILTER and
	 * CTA_STATUS_MASK are requests to the kernel, never parsed (as in the
	 * original). */
};

static int top_handler(const struct walk *w, void *base, unsigned int type,
		       const struct nlattr *attr)
{
	struct nf_conntrack *ct = w->ct;

	switch (type) {
	case CTA_TUPLE_ORIG:
		ct->orig.l3proto = w->family;
		ct_mark_set(ct, ATTR_ORIG_L3PROTO);
		return parse_nested(w, &ct->orig, &tuple_level[CT_TUPLE_ORIG], attr);
	case CTA_TUPLE_REPLY:
		ct->repl.l3proto = w->family;
		ct_mark_set(ct, ATTR_REPL_L3PROTO);
		return parse_nested(w, &ct->repl, &tuple_level[CT_TUPLE_REPL], attr);
	case CTA_TUPLE_MASTER:
		ct->master.l3proto = w->family;
		ct_mark_set(ct, ATTR_MASTER_L3PROTO);
		return parse_nested(w, &ct->master, &tuple_level[CT_TUPLE_MASTER], attr);
	case CTA_PROTOINFO:
		return parse_nested(w, ct, &protoinfo_level, attr);
	case CTA_HELP:
		return parse_nested(w, ct, &help_level, attr);
	case CTA_COUNTERS_ORIG:
		return parse_nested(w, ct, &counters_level[CT_DIR_ORIG], attr);
	case CTA_COUNTERS_REPLY:
		return parse_nested(w, ct, &counters_level[CT_DIR_REPL], attr);
	case CTA_NAT_SEQ_ADJ_ORIG:
		return parse_nested(w, ct, &natseq_level[CT_DIR_ORIG], attr);
	case CTA_NAT_SEQ_ADJ_REPLY:
		return parse_nested(w, ct, &natseq_level[CT_DIR_REPL], attr);
	case CTA_SECCTX:
		return parse_nested(w, ct, &secctx_level, attr);
	case CTA_TIMESTAMP:
		return parse_nested(w, ct, &timestamp_level, attr);
	case CTA_SYNPROXY:
		return parse_nested(w, ct, &synproxy_level, attr);
	default:
		return labels_parse(ct, attr);
	}
}

static const struct level top_level = { top_pol, ARRAY_SIZE(top_pol) - 1, top_handler };

int ct_parse_attrs(struct nf_conntrack *ct, const void *payload, size_t len, uint8_t family)
{
	struct walk w = { ct, family };

	return parse_level(&w, ct, &top_level, payload, len);
}

/**
 * Parses the attributes of a ctnetlink conntrack message into an object.
 *
 * \param payload the attributes: the message payload after the nfgenmsg
 * header
 * \param payload_len their length in bytes
 * \param l3num the message's family (nfgen_family), which becomes the
 * tuples' layer-3 protocol
 * \param ct the object written; attributes already set in it that the
 * message does not carry stay as they are
 * \return 0, or -1 with errno ERANGE (an attribute of the wrong length) or
 * EINVAL (malformed attributes, NULL arguments), or ENOMEM. On failure the
 * object holds the attributes parsed before the bad one.
 *
 * Unknown attributes are skipped. Unlike the original, which ends the
 * process on an attribute of unexpected length, this never exits.
 */
NFCT_EXPORT int nfct_payload_parse(const void *payload, size_t payload_len, uint16_t l3num,
				   struct nf_conntrack *ct)
{
	if (ct == NULL || (payload == NULL && payload_len != 0))
		return fail(EINVAL, -1);
	return ct_parse_attrs(ct, payload, payload_len, (uint8_t)l3num);
}

/* The attributes of a whole message; -1 with EINVAL when it is too short
 * to hold the nfgenmsg header. */
static int ct_parse_message(const struct nlmsghdr *nlh, struct nf_conntrack *ct)
{
	const size_t head = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct nfgenmsg));

	if (nlh->nlmsg_len < head)
		return fail(EINVAL, -1);

	const struct nfgenmsg *nfg = (const void *)((const char *)nlh + NLMSG_HDRLEN);

	return ct_parse_attrs(ct, (const char *)nlh + head, nlh->nlmsg_len - head,
			      nfg->nfgen_family);
}

/**
 * Parses a ctnetlink conntrack message into an object.
 *
 * \param nlh the message (header, nfgenmsg, attributes); nlmsg_len bytes
 * are read
 * \param ct the object written (see nfct_payload_parse())
 * \return 0, or -1 with errno: EINVAL for a message too short for its
 * headers, malformed attributes or NULL arguments; ERANGE for an attribute
 * of the wrong length; ENOMEM
 *
 * Example: examples/nfct-mnl-dump.c.
 */
NFCT_EXPORT int nfct_nlmsg_parse(const struct nlmsghdr *nlh, struct nf_conntrack *ct)
{
	if (nlh == NULL || ct == NULL)
		return fail(EINVAL, -1);
	return ct_parse_message(nlh, ct);
}

unsigned int ct_msg_type(const struct nlmsghdr *nlh)
{
	switch (NFNL_MSG_TYPE(nlh->nlmsg_type)) {
	case IPCTNL_MSG_CT_NEW:
		if (nlh->nlmsg_flags & (NLM_F_CREATE | NLM_F_EXCL))
			return NFCT_T_NEW;
		return NFCT_T_UPDATE;
	case IPCTNL_MSG_CT_DELETE:
		return NFCT_T_DESTROY;
	default:
		return NFCT_T_UNKNOWN;
	}
}

/**
 * Parses a conntrack message of the wanted types (libnfnetlink style).
 *
 * \param msg the message types wanted (NFCT_T_NEW, NFCT_T_UPDATE,
 * NFCT_T_DESTROY, or NFCT_T_ALL)
 * \param nlh the message
 * \param ct the object written
 * \return the message's type (NFCT_T_NEW, NFCT_T_UPDATE or NFCT_T_DESTROY)
 * when it is one of \p msg and was parsed; 0 when it is not wanted (\p ct
 * untouched); NFCT_T_ERROR with errno set (see nfct_nlmsg_parse()) when it
 * is malformed
 *
 * Deprecated: use nfct_nlmsg_parse().
 */
NFCT_EXPORT int nfct_parse_conntrack(enum nf_conntrack_msg_type msg,
				     const struct nlmsghdr *nlh, struct nf_conntrack *ct)
{
	if (nlh == NULL || ct == NULL) {
		errno = EINVAL;
		return NFCT_T_ERROR;
	}

	unsigned int type = ct_msg_type(nlh);

	if (!(type & (unsigned int)msg))
		return 0;
	if (ct_parse_message(nlh, ct) < 0)
		return NFCT_T_ERROR;
	return (int)type;
}

/** @} */
