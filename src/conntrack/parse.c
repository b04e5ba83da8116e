/*
 * Parsing ctnetlink conntrack messages into an object.
 *
 * One forward pass over the message. What each attribute of a level must
 * look like, where its value goes and which presence bit it sets is data:
 * one const policy table per level, whose nest entries name the table of
 * the level below. Scalars are checked and stored by one generic routine;
 * only variable-length attributes (helper, security context, labels) go to
 * a small handler. Unknown attributes are skipped, so newer kernels do not
 * break older programs; an attribute of the wrong length stops the parse
 * with -1 and errno set, and nothing is ever read past the message.
 *
 * The walk is the hot path of every dump and event (bench/README): a
 * scalar costs one length comparison, one store and one OR of its presence
 * bit, and nests need no call.
 */
#include <stdlib.h>
#include <string.h>

#include "internal/attr.h"
#include "internal/bitmask.h"
#include "internal/parse.h"

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
	W_PAIR,		/* two bytes stored two bytes apart: TCP (flags, mask) */
	W_LEAF,		/* a nested level of scalars only, parsed with the
			 * entry's sub table (parse_leaf()) */
	W_NEST,		/* a nested level with nests or handlers of its own */
	W_TUPLE,	/* a nested tuple: as W_NEST, and its layer-3 protocol
			 * becomes the message's family */
	W_OTHER,	/* variable length: handled by the level's handler */
};

struct level;

/*
 * One attribute type of a level. For scalars, offset locates the field
 * from the level's base pointer, len is the exact attribute length
 * (header included) and the presence bits are a word index and a mask of
 * the object's bitmap, so marking them costs one OR (a zero mask marks
 * nothing). For nests, offset moves the base for the sub level, which says
 * itself what to mark when it is entered.
 */
struct wire_pol {
	uint8_t kind;
	uint8_t len;
	uint8_t word;
	uint16_t offset;
	union {
		uint64_t mask;
		const struct level *sub;
	};
};

_Static_assert(ATTR_MAX / 64 <= UINT8_MAX, "presence word index fits in wire_pol.word");

#define POL_BIT(attr)	.word = (attr) / 64, .mask = UINT64_C(1) << ((attr) % 64)

#define SCALAR(k, n, attr, off) \
	{ .kind = (k), .len = NLA_HDRLEN + (n), POL_BIT(attr), .offset = (off) }
#define P_U8(attr, off)		SCALAR(W_U8, 1, attr, off)
#define P_BE16(attr, off)	SCALAR(W_BE16, 2, attr, off)
#define P_BE32(attr, off)	SCALAR(W_BE32, 4, attr, off)
#define P_BE64(attr, off)	SCALAR(W_BE64, 8, attr, off)
#define P_BE32_64(attr, off)	SCALAR(W_BE32_64, 4, attr, off)
#define P_RAW16(attr, off)	SCALAR(W_RAW16, 2, attr, off)
#define P_RAW32(attr, off)	SCALAR(W_RAW32, 4, attr, off)
#define P_RAW128(attr, off)	SCALAR(W_RAW128, 16, attr, off)
/* Two attributes in one word, stored as a W_PAIR. */
#define P_PAIR(attr1, attr2, off) \
	{ .kind = W_PAIR, .len = NLA_HDRLEN + 2, .word = (attr1) / 64, .offset = (off), \
	  .mask = UINT64_C(1) << ((attr1) % 64) | UINT64_C(1) << ((attr2) % 64) }
/* A nest at base + off, parsed with the level lv (of scalars only for
 * P_LEAF). */
#define P_NEST(lv, off)		{ .kind = W_NEST, .offset = (off), .sub = (lv) }
#define P_LEAF(lv, off)		{ .kind = W_LEAF, .offset = (off), .sub = (lv) }
/* A tuple at base + off, whose layer-3 protocol is the message's family. */
#define P_TUPLE(lv, off)	{ .kind = W_TUPLE, .offset = (off), .sub = (lv) }
#define P_OTHER			{ .kind = W_OTHER }

/* What every handler of a walk knows. */
struct walk {
	struct nf_conntrack *ct;
	uint8_t family;		/* the message's, for the tuples */
};

struct level {
	const struct wire_pol *pol;
	unsigned int max;	/* highest attribute type the table covers */
	/* For W_OTHER attributes; returns 0 or -1 with errno. */
	int (*handler)(const struct walk *w, void *base, unsigned int type,
		       const struct nlattr *attr);
	/* For tuples: the presence bits marked when the tuple is met (its
	 * layer-3 protocol). */
	uint8_t enter_word;
	uint64_t enter_mask;
};

#define LEVEL(p, m, h, ...)	{ .pol = (p), .max = (m), .handler = (h), __VA_ARGS__ }
/* A level of scalars only, for P_LEAF entries. */
#define LEAF(p, m)		LEVEL(p, m, NULL)

#define LEVEL_ENTER(attr) \
	.enter_word = (attr) / 64, .enter_mask = UINT64_C(1) << ((attr) % 64)

/* Stores a fixed-size value of a scalar kind; the length was checked by
 * the caller. */
static inline void store(char *dst, unsigned int kind, const void *src)
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
	case W_PAIR:
		dst[0] = ((const char *)src)[0];
		dst[2] = ((const char *)src)[1];
		break;
	default:
		/* Only scalar entries have a length an attribute can match
		 * (the others have 0), so only they get here. */
		__builtin_unreachable();
	}
}

/*
 * The bound checks of one attribute header, those of nla_next() (parse.h)
 * written out for the loops below: at least a header, at most what is
 * left; one unsigned comparison checks both (a shorter one wraps around).
 */
static inline bool attr_fits(size_t alen, const char *pos, const char *end)
{
	return alen - NLA_HDRLEN <= (size_t)(end - pos) - NLA_HDRLEN;
}

/* What an attribute type beyond a level's table gets: skipped. */
static const struct wire_pol pol_unknown = { .kind = W_SKIP };

/*
 * Walks a level of scalars only (a W_LEAF nest): a tuple's addresses or
 * ports, counters, timestamps, TCP state... Returns 0 or -1 with errno.
 */
static inline int parse_leaf(uint64_t *set, char *base, const struct level *lv,
			     const char *pos, const char *end)
{
	while (end - pos >= (ptrdiff_t)NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)pos;
		size_t alen = a->nla_len;
		unsigned int type = a->nla_type & NLA_TYPE_MASK;
		const struct wire_pol *p = type <= lv->max ? &lv->pol[type] : &pol_unknown;

		/* A scalar of its exact length, which is more than a header's,
		 * within the level. A zero length (malformed) matches the
		 * length 0 of skipped and unknown entries (found by fuzzing):
		 * alen - 1 wraps around then, so the same comparison that
		 * checks the end sends it to attr_fits() below. */
		if (likely(alen == p->len) && likely(alen - 1 < (size_t)(end - pos))) {
			store(base + p->offset, p->kind, (const char *)a + NLA_HDRLEN);
			set[p->word] |= p->mask;
			pos += NLA_ALIGN(alen);
			continue;
		}
		if (unlikely(!attr_fits(alen, pos, end)))
			return fail(EINVAL, -1);
		pos += NLA_ALIGN(alen);
		/* Skipped and unknown entries have no length (0): they land
		 * here. */
		if (p->kind != W_SKIP)
			return fail(ERANGE, -1);
	}
	return 0;
}

/* The deepest nesting of levels with nests of their own the tables
 * describe, below the first (top -> tuple; top -> protocol information). */
#define PARSE_DEPTH	4

/*
 * Walks the attributes in [pos, pos + len) with the level lv, and every
 * nest met with the entry's own table: one forward pass. Levels of scalars
 * only (W_LEAF) are walked inline by parse_leaf(); the others are kept on a
 * small stack instead of recursion. Scalars are stored at base + offset.
 */
static int parse_level(const struct walk *w, char *base, const struct level *lv,
		       const char *pos, size_t len)
{
	struct {
		const char *pos, *end;	/* the parent's walk, after the nest */
		char *base;
		const struct level *lv;
	} stack[PARSE_DEPTH];
	unsigned int depth = 0;
	const char *end = pos + len;
	uint64_t *set = w->ct->set;

	for (;;) {
		if (end - pos < (ptrdiff_t)NLA_HDRLEN) {
			/* This level is done (up to three bytes of padding may
			 * trail its last attribute, then pos passes end). */
			if (depth == 0)
				return 0;
			depth--;
			pos = stack[depth].pos;
			end = stack[depth].end;
			base = stack[depth].base;
			lv = stack[depth].lv;
			continue;
		}

		const struct nlattr *a = (const struct nlattr *)pos;
		size_t alen = a->nla_len;
		unsigned int type = a->nla_type & NLA_TYPE_MASK;
		const struct wire_pol *p = type <= lv->max ? &lv->pol[type] : &pol_unknown;
		const char *data = (const char *)a + NLA_HDRLEN;

		/* Scalars of the right length first (see parse_leaf()):
		 * entries of other kinds have no length (0), which only a
		 * malformed attribute has (it fails attr_fits() below). */
		if (likely(alen == p->len) && likely(alen - 1 < (size_t)(end - pos))) {
			store(base + p->offset, p->kind, data);
			set[p->word] |= p->mask;
			pos += NLA_ALIGN(alen);
			continue;
		}
		if (unlikely(!attr_fits(alen, pos, end)))
			return fail(EINVAL, -1);
		pos += NLA_ALIGN(alen);

		char *sub = base + p->offset;
		const struct level *sublv = p->sub;

		alen -= NLA_HDRLEN;
		/* Nests: empty ones are fine; otherwise they hold attributes. */
		if (p->kind == W_LEAF) {
			if (alen != 0 && alen < NLA_HDRLEN)
				return fail(ERANGE, -1);
			if (parse_leaf(set, sub, sublv, data, data + alen) < 0)
				return -1;
			continue;
		}
		switch (p->kind) {
		case W_SKIP:
			continue;
		case W_OTHER:
			if (lv->handler(w, base, type, a) < 0)
				return -1;
			continue;
		case W_NEST:
		case W_TUPLE:
			if (alen != 0 && alen < NLA_HDRLEN)
				return fail(ERANGE, -1);
			break;
		default:
			/* A scalar of the wrong length. */
			return fail(ERANGE, -1);
		}
		if (p->kind == W_TUPLE) {
			((struct ct_tuple *)sub)->l3proto = w->family;
			set[sublv->enter_word] |= sublv->enter_mask;
		}
		if (unlikely(depth == PARSE_DEPTH))
			return fail(EINVAL, -1);	/* not with our tables */
		stack[depth].pos = pos;
		stack[depth].end = end;
		stack[depth].base = base;
		stack[depth].lv = lv;
		depth++;
		pos = data;
		end = data + alen;
		base = sub;
		lv = sublv;
	}
}

/* Tuples. One table per tuple for each level, since the presence bits
 * differ; the ICMP attributes exist once, for every tuple. Each tuple's
 * tables are at base = the tuple. */

#define TUPLE_OFF(field)	offsetof(struct ct_tuple, field)

#define TUPLE_IP_POL(D) { \
	[CTA_IP_V4_SRC] = P_RAW32(ATTR_##D##_IPV4_SRC, TUPLE_OFF(src)), \
	[CTA_IP_V4_DST] = P_RAW32(ATTR_##D##_IPV4_DST, TUPLE_OFF(dst)), \
	[CTA_IP_V6_SRC] = P_RAW128(ATTR_##D##_IPV6_SRC, TUPLE_OFF(src)), \
	[CTA_IP_V6_DST] = P_RAW128(ATTR_##D##_IPV6_DST, TUPLE_OFF(dst)), \
}

#define TUPLE_PROTO_POL(D) { \
	[CTA_PROTO_NUM] = P_U8(ATTR_##D##_L4PROTO, TUPLE_OFF(l4proto)), \
	[CTA_PROTO_SRC_PORT] = P_RAW16(ATTR_##D##_PORT_SRC, TUPLE_OFF(l4src)), \
	[CTA_PROTO_DST_PORT] = P_RAW16(ATTR_##D##_PORT_DST, TUPLE_OFF(l4dst)), \
	[CTA_PROTO_ICMP_ID] = P_RAW16(ATTR_ICMP_ID, TUPLE_OFF(l4src.icmp_id)), \
	[CTA_PROTO_ICMP_TYPE] = P_U8(ATTR_ICMP_TYPE, TUPLE_OFF(l4dst.icmp.type)), \
	[CTA_PROTO_ICMP_CODE] = P_U8(ATTR_ICMP_CODE, TUPLE_OFF(l4dst.icmp.code)), \
	[CTA_PROTO_ICMPV6_ID] = P_RAW16(ATTR_ICMP_ID, TUPLE_OFF(l4src.icmp_id)), \
	[CTA_PROTO_ICMPV6_TYPE] = P_U8(ATTR_ICMP_TYPE, TUPLE_OFF(l4dst.icmp.type)), \
	[CTA_PROTO_ICMPV6_CODE] = P_U8(ATTR_ICMP_CODE, TUPLE_OFF(l4dst.icmp.code)), \
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

static const struct level tuple_ip_level[3] = {
	LEAF(tuple_ip_pol[CT_TUPLE_ORIG], CTA_IP_MAX),
	LEAF(tuple_ip_pol[CT_TUPLE_REPL], CTA_IP_MAX),
	LEAF(tuple_ip_pol[CT_TUPLE_MASTER], CTA_IP_MAX),
};

static const struct level tuple_proto_level[3] = {
	LEAF(tuple_proto_pol[CT_TUPLE_ORIG], CTA_PROTO_MAX),
	LEAF(tuple_proto_pol[CT_TUPLE_REPL], CTA_PROTO_MAX),
	LEAF(tuple_proto_pol[CT_TUPLE_MASTER], CTA_PROTO_MAX),
};

#define TUPLE_POL(which, ...) { \
	[CTA_TUPLE_IP] = P_LEAF(&tuple_ip_level[which], 0), \
	[CTA_TUPLE_PROTO] = P_LEAF(&tuple_proto_level[which], 0), \
	[CTA_TUPLE_ZONE] = __VA_ARGS__, \
}

/* The master tuple's zone is stored but has no attribute of its own. */
static const struct wire_pol tuple_pol[3][CTA_TUPLE_MAX + 1] = {
	[CT_TUPLE_ORIG] = TUPLE_POL(CT_TUPLE_ORIG, P_BE16(ATTR_ORIG_ZONE, TUPLE_OFF(zone))),
	[CT_TUPLE_REPL] = TUPLE_POL(CT_TUPLE_REPL, P_BE16(ATTR_REPL_ZONE, TUPLE_OFF(zone))),
	[CT_TUPLE_MASTER] = TUPLE_POL(CT_TUPLE_MASTER,
				      { .kind = W_BE16, .len = NLA_HDRLEN + 2,
					.offset = TUPLE_OFF(zone) }),
};

static const struct level tuple_level[3] = {
	LEVEL(tuple_pol[CT_TUPLE_ORIG], CTA_TUPLE_MAX, NULL,
	      LEVEL_ENTER(ATTR_ORIG_L3PROTO)),
	LEVEL(tuple_pol[CT_TUPLE_REPL], CTA_TUPLE_MAX, NULL,
	      LEVEL_ENTER(ATTR_REPL_L3PROTO)),
	LEVEL(tuple_pol[CT_TUPLE_MASTER], CTA_TUPLE_MAX, NULL,
	      LEVEL_ENTER(ATTR_MASTER_L3PROTO)),
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

int ct_parse_tuple(struct nf_conntrack *ct, enum ct_tuple_which which,
		   const struct nlattr *nest)
{
	struct walk w = { ct, 0 };

	return parse_level(&w, (char *)tuple_ptr(ct, which), &tuple_level[which],
			   nla_data(nest), nla_len(nest));
}

/* The other levels are at base = the object. */

#define CT_OFF(field)	offsetof(struct nf_conntrack, field)

/* Protocol information. TCP flags travel as a (flags, mask) byte pair,
 * stored in tcp.flags[dir] and tcp.mask[dir], two bytes apart. */
_Static_assert(CT_OFF(tcp.mask[0]) == CT_OFF(tcp.flags[0]) + 2 &&
	       CT_OFF(tcp.mask[1]) == CT_OFF(tcp.flags[1]) + 2,
	       "W_PAIR stores the TCP mask two bytes after the flags");
_Static_assert(ATTR_TCP_FLAGS_ORIG / 64 == ATTR_TCP_MASK_ORIG / 64 &&
	       ATTR_TCP_FLAGS_REPL / 64 == ATTR_TCP_MASK_REPL / 64,
	       "a W_PAIR marks two bits of one word");

static const struct wire_pol tcp_pol[CTA_PROTOINFO_TCP_MAX + 1] = {
	[CTA_PROTOINFO_TCP_STATE] = P_U8(ATTR_TCP_STATE, CT_OFF(tcp.state)),
	[CTA_PROTOINFO_TCP_WSCALE_ORIGINAL] = P_U8(ATTR_TCP_WSCALE_ORIG, CT_OFF(tcp.wscale[0])),
	[CTA_PROTOINFO_TCP_WSCALE_REPLY] = P_U8(ATTR_TCP_WSCALE_REPL, CT_OFF(tcp.wscale[1])),
	[CTA_PROTOINFO_TCP_FLAGS_ORIGINAL] = P_PAIR(ATTR_TCP_FLAGS_ORIG, ATTR_TCP_MASK_ORIG,
						    CT_OFF(tcp.flags[0])),
	[CTA_PROTOINFO_TCP_FLAGS_REPLY] = P_PAIR(ATTR_TCP_FLAGS_REPL, ATTR_TCP_MASK_REPL,
						 CT_OFF(tcp.flags[1])),
};

static const struct wire_pol sctp_pol[CTA_PROTOINFO_SCTP_MAX + 1] = {
	[CTA_PROTOINFO_SCTP_STATE] = P_U8(ATTR_SCTP_STATE, CT_OFF(sctp.state)),
	[CTA_PROTOINFO_SCTP_VTAG_ORIGINAL] = P_BE32(ATTR_SCTP_VTAG_ORIG, CT_OFF(sctp.vtag[0])),
	[CTA_PROTOINFO_SCTP_VTAG_REPLY] = P_BE32(ATTR_SCTP_VTAG_REPL, CT_OFF(sctp.vtag[1])),
};

static const struct wire_pol dccp_pol[CTA_PROTOINFO_DCCP_MAX + 1] = {
	[CTA_PROTOINFO_DCCP_STATE] = P_U8(ATTR_DCCP_STATE, CT_OFF(dccp.state)),
	[CTA_PROTOINFO_DCCP_ROLE] = P_U8(ATTR_DCCP_ROLE, CT_OFF(dccp.role)),
	[CTA_PROTOINFO_DCCP_HANDSHAKE_SEQ] = P_BE64(ATTR_DCCP_HANDSHAKE_SEQ,
						    CT_OFF(dccp.handshake_seq)),
};

static const struct level tcp_level = LEAF(tcp_pol, CTA_PROTOINFO_TCP_MAX);
static const struct level sctp_level = LEAF(sctp_pol, CTA_PROTOINFO_SCTP_MAX);
static const struct level dccp_level = LEAF(dccp_pol, CTA_PROTOINFO_DCCP_MAX);

static const struct wire_pol protoinfo_pol[CTA_PROTOINFO_MAX + 1] = {
	[CTA_PROTOINFO_TCP] = P_LEAF(&tcp_level, 0),
	[CTA_PROTOINFO_DCCP] = P_LEAF(&dccp_level, 0),
	[CTA_PROTOINFO_SCTP] = P_LEAF(&sctp_level, 0),
};

static const struct level protoinfo_level = LEVEL(protoinfo_pol, CTA_PROTOINFO_MAX, NULL);

/* Counters, in both the 64-bit and the old 32-bit form. */
#define COUNTERS_POL(D, i) { \
	[CTA_COUNTERS_PACKETS] = P_BE64(ATTR_##D##_COUNTER_PACKETS, CT_OFF(counters[i].packets)), \
	[CTA_COUNTERS_BYTES] = P_BE64(ATTR_##D##_COUNTER_BYTES, CT_OFF(counters[i].bytes)), \
	[CTA_COUNTERS32_PACKETS] = P_BE32_64(ATTR_##D##_COUNTER_PACKETS, \
					     CT_OFF(counters[i].packets)), \
	[CTA_COUNTERS32_BYTES] = P_BE32_64(ATTR_##D##_COUNTER_BYTES, CT_OFF(counters[i].bytes)), \
}

static const struct wire_pol counters_pol[CT_DIR_MAX][CTA_COUNTERS_MAX + 1] = {
	COUNTERS_POL(ORIG, 0),
	COUNTERS_POL(REPL, 1),
};

static const struct level counters_level[CT_DIR_MAX] = {
	LEAF(counters_pol[CT_DIR_ORIG], CTA_COUNTERS_MAX),
	LEAF(counters_pol[CT_DIR_REPL], CTA_COUNTERS_MAX),
};

#define NATSEQ_POL(D, i) { \
	[CTA_NAT_SEQ_CORRECTION_POS] = P_BE32(ATTR_##D##_NAT_SEQ_CORRECTION_POS, \
					      CT_OFF(natseq[i].correction_pos)), \
	[CTA_NAT_SEQ_OFFSET_BEFORE] = P_BE32(ATTR_##D##_NAT_SEQ_OFFSET_BEFORE, \
					     CT_OFF(natseq[i].offset_before)), \
	[CTA_NAT_SEQ_OFFSET_AFTER] = P_BE32(ATTR_##D##_NAT_SEQ_OFFSET_AFTER, \
					    CT_OFF(natseq[i].offset_after)), \
}

static const struct wire_pol natseq_pol[CT_DIR_MAX][CTA_NAT_SEQ_MAX + 1] = {
	NATSEQ_POL(ORIG, 0),
	NATSEQ_POL(REPL, 1),
};

static const struct level natseq_level[CT_DIR_MAX] = {
	LEAF(natseq_pol[CT_DIR_ORIG], CTA_NAT_SEQ_MAX),
	LEAF(natseq_pol[CT_DIR_REPL], CTA_NAT_SEQ_MAX),
};

static const struct wire_pol timestamp_pol[CTA_TIMESTAMP_MAX + 1] = {
	[CTA_TIMESTAMP_START] = P_BE64(ATTR_TIMESTAMP_START, CT_OFF(ts_start)),
	[CTA_TIMESTAMP_STOP] = P_BE64(ATTR_TIMESTAMP_STOP, CT_OFF(ts_stop)),
};

static const struct level timestamp_level = LEAF(timestamp_pol, CTA_TIMESTAMP_MAX);

static const struct wire_pol synproxy_pol[CTA_SYNPROXY_MAX + 1] = {
	[CTA_SYNPROXY_ISN] = P_BE32(ATTR_SYNPROXY_ISN, CT_OFF(synproxy_isn)),
	[CTA_SYNPROXY_ITS] = P_BE32(ATTR_SYNPROXY_ITS, CT_OFF(synproxy_its)),
	[CTA_SYNPROXY_TSOFF] = P_BE32(ATTR_SYNPROXY_TSOFF, CT_OFF(synproxy_tsoff)),
};

static const struct level synproxy_level = LEAF(synproxy_pol, CTA_SYNPROXY_MAX);

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

static const struct wire_pol help_pol[CTA_HELP_MAX + 1] = {
	[CTA_HELP_NAME] = P_OTHER,
	[CTA_HELP_INFO] = P_OTHER,
};

static const struct level help_level = LEVEL(help_pol, CTA_HELP_MAX, help_handler);

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

static const struct wire_pol secctx_pol[CTA_SECCTX_MAX + 1] = {
	[CTA_SECCTX_NAME] = P_OTHER,
};

static const struct level secctx_level = LEVEL(secctx_pol, CTA_SECCTX_MAX, secctx_handler);

/* Labels: 32-bit words in host order, as many as the kernel sends. The
 * top level's only W_OTHER attribute. */
static int top_handler(const struct walk *w, void *base, unsigned int type,
		       const struct nlattr *attr)
{
	struct nf_conntrack *ct = w->ct;
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
	[CTA_TUPLE_ORIG] = P_TUPLE(&tuple_level[CT_TUPLE_ORIG], CT_OFF(orig)),
	[CTA_TUPLE_REPLY] = P_TUPLE(&tuple_level[CT_TUPLE_REPL], CT_OFF(repl)),
	[CTA_STATUS] = P_BE32(ATTR_STATUS, CT_OFF(status)),
	[CTA_PROTOINFO] = P_NEST(&protoinfo_level, 0),
	[CTA_HELP] = P_NEST(&help_level, 0),
	[CTA_TIMEOUT] = P_BE32(ATTR_TIMEOUT, CT_OFF(timeout)),
	[CTA_MARK] = P_BE32(ATTR_MARK, CT_OFF(mark)),
	[CTA_COUNTERS_ORIG] = P_LEAF(&counters_level[CT_DIR_ORIG], 0),
	[CTA_COUNTERS_REPLY] = P_LEAF(&counters_level[CT_DIR_REPL], 0),
	[CTA_USE] = P_BE32(ATTR_USE, CT_OFF(use)),
	[CTA_ID] = P_BE32(ATTR_ID, CT_OFF(id)),
	[CTA_TUPLE_MASTER] = P_TUPLE(&tuple_level[CT_TUPLE_MASTER], CT_OFF(master)),
	[CTA_NAT_SEQ_ADJ_ORIG] = P_LEAF(&natseq_level[CT_DIR_ORIG], 0),
	[CTA_NAT_SEQ_ADJ_REPLY] = P_LEAF(&natseq_level[CT_DIR_REPL], 0),
	[CTA_SECMARK] = P_BE32(ATTR_SECMARK, CT_OFF(secmark)),
	[CTA_ZONE] = P_BE16(ATTR_ZONE, CT_OFF(zone)),
	[CTA_SECCTX] = P_NEST(&secctx_level, 0),
	[CTA_TIMESTAMP] = P_LEAF(&timestamp_level, 0),
	[CTA_LABELS] = P_OTHER,
	[CTA_SYNPROXY] = P_LEAF(&synproxy_level, 0),
	[CTA_TIMESTAMP_EVENT] = P_BE64(ATTR_TIMESTAMP_EVENT, CT_OFF(ts_event)),
	/* NAT manipulations, CTA_MARK_MASK, CTA_LABELS_MASK, CTA_FILTER and
	 * CTA_STATUS_MASK are requests to the kernel, never parsed (as in the
	 * original). */
};

static const struct level top_level = LEVEL(top_pol, ARRAY_SIZE(top_pol) - 1, top_handler);

int ct_parse_attrs(struct nf_conntrack *ct, const void *payload, size_t len, uint8_t family)
{
	struct walk w = { ct, family };

	return parse_level(&w, (char *)ct, &top_level, payload, len);
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

unsigned int ctnl_msg_type(const struct nlmsghdr *nlh, unsigned int msg_new,
			   unsigned int msg_delete)
{
	unsigned int msg = NFNL_MSG_TYPE(nlh->nlmsg_type);

	if (msg == msg_new)
		return nlh->nlmsg_flags & (NLM_F_CREATE | NLM_F_EXCL) ? NFCT_T_NEW : NFCT_T_UPDATE;
	if (msg == msg_delete)
		return NFCT_T_DESTROY;
	return NFCT_T_UNKNOWN;
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

	unsigned int type = ctnl_msg_type(nlh, IPCTNL_MSG_CT_NEW, IPCTNL_MSG_CT_DELETE);

	if (!(type & (unsigned int)msg))
		return 0;
	if (ct_parse_message(nlh, ct) < 0)
		return NFCT_T_ERROR;
	return (int)type;
}
