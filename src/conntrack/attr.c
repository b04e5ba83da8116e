/*
 * Conntrack attributes: the descriptor table, and the public getters,
 * setters and group accessors that work from it.
 */
#include <stdlib.h>
#include <string.h>

#include "internal/attr.h"
#include "internal/bitmask.h"

#define F(field)	offsetof(struct nf_conntrack, field)
#define SZ(field)	sizeof(((struct nf_conntrack *)0)->field)

#define CP_ORIG		CT_F_CP_ORIG
#define CP_REPL		CT_F_CP_REPL
#define META		CT_F_CP_META
#define KERNEL		CT_F_KERNEL
#define ANSWER		CT_F_ICMP_ANSWER
#define MIRROR		CT_F_ICMP_MIRROR
#define ZERO		CT_F_CMP_ZERO

/*
 * One row per attribute:
 *   X(attribute, field, kind, flags, compare class, compare method)
 * The row's position is pinned to its ATTR_ value by the designated
 * initializer below, and the row count to ATTR_MAX by a static assertion.
 *
 * COMPAT notes on the rows, each what the original does:
 * - nfct_copy(NFCT_CP_ORIG) copies the original tuple without its zone;
 *   ATTR_ORIG_ZONE and ATTR_REPL_ZONE go with NFCT_CP_META, like every
 *   attribute from ATTR_TCP_STATE on.
 * - nfct_cmp() compares ATTR_TIMEOUT for equality only: the
 *   NFCT_CMP_TIMEOUT_* flags change nothing.
 * - the NAT, counter, sequence, master, helper, secmark, synproxy,
 *   timestamp and TCP flag/window attributes are never compared.
 */
#define CT_ATTRS(X) \
	X(ORIG_IPV4_SRC,		orig.src.v4,		U32,	 CP_ORIG,		ORIG, BYTES) \
	X(ORIG_IPV4_DST,		orig.dst.v4,		U32,	 CP_ORIG,		ORIG, BYTES) \
	X(REPL_IPV4_SRC,		repl.src.v4,		U32,	 CP_REPL,		REPL, BYTES) \
	X(REPL_IPV4_DST,		repl.dst.v4,		U32,	 CP_REPL,		REPL, BYTES) \
	X(ORIG_IPV6_SRC,		orig.src.v6,		BYTES16, CP_ORIG,		ORIG, BYTES) \
	X(ORIG_IPV6_DST,		orig.dst.v6,		BYTES16, CP_ORIG,		ORIG, BYTES) \
	X(REPL_IPV6_SRC,		repl.src.v6,		BYTES16, CP_REPL,		REPL, BYTES) \
	X(REPL_IPV6_DST,		repl.dst.v6,		BYTES16, CP_REPL,		REPL, BYTES) \
	X(ORIG_PORT_SRC,		orig.l4src.all,		U16,	 CP_ORIG,		ORIG_L4, BYTES) \
	X(ORIG_PORT_DST,		orig.l4dst.all,		U16,	 CP_ORIG,		ORIG_L4, BYTES) \
	X(REPL_PORT_SRC,		repl.l4src.all,		U16,	 CP_REPL,		REPL_L4, BYTES) \
	X(REPL_PORT_DST,		repl.l4dst.all,		U16,	 CP_REPL,		REPL_L4, BYTES) \
	X(ICMP_TYPE,			orig.l4dst.icmp.type,	U8,	 CP_ORIG | ANSWER,	ICMP, BYTES) \
	X(ICMP_CODE,			orig.l4dst.icmp.code,	U8,	 CP_ORIG | MIRROR,	ICMP, BYTES) \
	X(ICMP_ID,			orig.l4src.icmp_id,	U16,	 CP_ORIG | MIRROR,	ICMP, BYTES) \
	X(ORIG_L3PROTO,			orig.l3proto,		U8,	 CP_ORIG,		ORIG, BYTES) \
	X(REPL_L3PROTO,			repl.l3proto,		U8,	 CP_REPL,		REPL, BYTES) \
	X(ORIG_L4PROTO,			orig.l4proto,		U8,	 CP_ORIG,		ORIG, L4PROTO) \
	X(REPL_L4PROTO,			repl.l4proto,		U8,	 CP_REPL,		REPL, L4PROTO) \
	X(TCP_STATE,			tcp.state,		U8,	 META,			META, BYTES) \
	X(SNAT_IPV4,			snat.addr.v4,		U32,	 META,			NONE, BYTES) \
	X(DNAT_IPV4,			dnat.addr.v4,		U32,	 META,			NONE, BYTES) \
	X(SNAT_PORT,			snat.port,		U16,	 META,			NONE, BYTES) \
	X(DNAT_PORT,			dnat.port,		U16,	 META,			NONE, BYTES) \
	X(TIMEOUT,			timeout,		U32,	 META,			META, BYTES) \
	X(MARK,				mark,			U32,	 META | ZERO,		META, BYTES) \
	X(ORIG_COUNTER_PACKETS,		counters[0].packets,	U64,	 META | KERNEL,		NONE, BYTES) \
	X(REPL_COUNTER_PACKETS,		counters[1].packets,	U64,	 META | KERNEL,		NONE, BYTES) \
	X(ORIG_COUNTER_BYTES,		counters[0].bytes,	U64,	 META | KERNEL,		NONE, BYTES) \
	X(REPL_COUNTER_BYTES,		counters[1].bytes,	U64,	 META | KERNEL,		NONE, BYTES) \
	X(USE,				use,			U32,	 META | KERNEL,		NONE, BYTES) \
	X(ID,				id,			U32,	 META,			META, BYTES) \
	X(STATUS,			status,			U32,	 META,			META, STATUS) \
	X(TCP_FLAGS_ORIG,		tcp.flags[0],		U8,	 META,			NONE, BYTES) \
	X(TCP_FLAGS_REPL,		tcp.flags[1],		U8,	 META,			NONE, BYTES) \
	X(TCP_MASK_ORIG,		tcp.mask[0],		U8,	 META,			NONE, BYTES) \
	X(TCP_MASK_REPL,		tcp.mask[1],		U8,	 META,			NONE, BYTES) \
	X(MASTER_IPV4_SRC,		master.src.v4,		U32,	 META,			NONE, BYTES) \
	X(MASTER_IPV4_DST,		master.dst.v4,		U32,	 META,			NONE, BYTES) \
	X(MASTER_IPV6_SRC,		master.src.v6,		BYTES16, META,			NONE, BYTES) \
	X(MASTER_IPV6_DST,		master.dst.v6,		BYTES16, META,			NONE, BYTES) \
	X(MASTER_PORT_SRC,		master.l4src.all,	U16,	 META,			NONE, BYTES) \
	X(MASTER_PORT_DST,		master.l4dst.all,	U16,	 META,			NONE, BYTES) \
	X(MASTER_L3PROTO,		master.l3proto,		U8,	 META,			NONE, BYTES) \
	X(MASTER_L4PROTO,		master.l4proto,		U8,	 META,			NONE, BYTES) \
	X(SECMARK,			secmark,		U32,	 META,			NONE, BYTES) \
	X(ORIG_NAT_SEQ_CORRECTION_POS,	natseq[0].correction_pos, U32,	 META,			NONE, BYTES) \
	X(ORIG_NAT_SEQ_OFFSET_BEFORE,	natseq[0].offset_before, U32,	 META,			NONE, BYTES) \
	X(ORIG_NAT_SEQ_OFFSET_AFTER,	natseq[0].offset_after,	U32,	 META,			NONE, BYTES) \
	X(REPL_NAT_SEQ_CORRECTION_POS,	natseq[1].correction_pos, U32,	 META,			NONE, BYTES) \
	X(REPL_NAT_SEQ_OFFSET_BEFORE,	natseq[1].offset_before, U32,	 META,			NONE, BYTES) \
	X(REPL_NAT_SEQ_OFFSET_AFTER,	natseq[1].offset_after,	U32,	 META,			NONE, BYTES) \
	X(SCTP_STATE,			sctp.state,		U8,	 META,			META, BYTES) \
	X(SCTP_VTAG_ORIG,		sctp.vtag[0],		U32,	 META,			NONE, BYTES) \
	X(SCTP_VTAG_REPL,		sctp.vtag[1],		U32,	 META,			NONE, BYTES) \
	X(HELPER_NAME,			helper_name,		NAME,	 META,			NONE, BYTES) \
	X(DCCP_STATE,			dccp.state,		U8,	 META,			META, BYTES) \
	X(DCCP_ROLE,			dccp.role,		U8,	 META,			NONE, BYTES) \
	X(DCCP_HANDSHAKE_SEQ,		dccp.handshake_seq,	U64,	 META,			NONE, BYTES) \
	X(TCP_WSCALE_ORIG,		tcp.wscale[0],		U8,	 META,			NONE, BYTES) \
	X(TCP_WSCALE_REPL,		tcp.wscale[1],		U8,	 META,			NONE, BYTES) \
	X(ZONE,				zone,			U16,	 META | ZERO,		META, BYTES) \
	X(SECCTX,			secctx,			SECCTX,	 META | KERNEL,		META, STRING) \
	X(TIMESTAMP_START,		ts_start,		U64,	 META | KERNEL,		NONE, BYTES) \
	X(TIMESTAMP_STOP,		ts_stop,		U64,	 META | KERNEL,		NONE, BYTES) \
	X(HELPER_INFO,			helper_info,		BLOB,	 META,			NONE, BYTES) \
	X(CONNLABELS,			labels,			BITMASK, META,			META, LABELS) \
	X(CONNLABELS_MASK,		labels_mask,		BITMASK, META,			META, LABELS) \
	X(ORIG_ZONE,			orig.zone,		U16,	 META | ZERO,		ORIG, BYTES) \
	X(REPL_ZONE,			repl.zone,		U16,	 META | ZERO,		REPL, BYTES) \
	X(SNAT_IPV6,			snat.addr.v6,		BYTES16, META,			NONE, BYTES) \
	X(DNAT_IPV6,			dnat.addr.v6,		BYTES16, META,			NONE, BYTES) \
	X(SYNPROXY_ISN,			synproxy_isn,		U32,	 META,			NONE, BYTES) \
	X(SYNPROXY_ITS,			synproxy_its,		U32,	 META,			NONE, BYTES) \
	X(SYNPROXY_TSOFF,		synproxy_tsoff,		U32,	 META,			NONE, BYTES) \
	X(TIMESTAMP_EVENT,		ts_event,		U64,	 META | KERNEL,		NONE, BYTES)

#define CT_ROW(name, field, kind, flags, cmpc, how) \
	[ATTR_##name] = { F(field), SZ(field), CT_K_##kind, (flags), CT_C_##cmpc, CT_CMP_##how },

const struct ct_attr_desc ct_attr_table[ATTR_MAX] = { CT_ATTRS(CT_ROW) };

#define CT_COUNT(...) + 1
_Static_assert(0 CT_ATTRS(CT_COUNT) == ATTR_MAX, "one row per attribute");

/* Every stored value must fit the descriptor's byte count, and each kind
 * has its own storage size. */
#define KSZ_U8		1
#define KSZ_U16		2
#define KSZ_U32		4
#define KSZ_U64		8
#define KSZ_BYTES16	16
#define KSZ_NAME	NFCT_HELPER_NAME_MAX
#define KSZ_SECCTX	sizeof(char *)
#define KSZ_BLOB	sizeof(void *)
#define KSZ_BITMASK	sizeof(struct nfct_bitmask *)
#define CT_FITS(name, field, kind, flags, cmpc, how) \
	_Static_assert(SZ(field) <= UINT8_MAX && F(field) <= UINT16_MAX, #name " fits its descriptor"); \
	_Static_assert(SZ(field) == KSZ_##kind, #name " is stored as its kind says");
CT_ATTRS(CT_FITS)

/*
 * ICMP types and their answers, for the reply tuple of an original one.
 * COMPAT: the original answers only these; any other type gets 255 (which
 * the kernel refuses), and so does every type when the original tuple's
 * layer-3 protocol is neither AF_INET nor AF_INET6. The original looks the
 * type up in tables sized for the types below and reads past them for
 * larger IPv4 types and for IPv6 types below 128 or above 140; we answer
 * 255 there.
 */
static const struct {
	uint8_t l3proto, type, answer;
} icmp_answers[] = {
	{ AF_INET, 0, 8 },	/* echo reply <-> echo request */
	{ AF_INET, 8, 0 },
	{ AF_INET, 13, 14 },	/* timestamp */
	{ AF_INET, 14, 13 },
	{ AF_INET, 15, 16 },	/* information */
	{ AF_INET, 16, 15 },
	{ AF_INET, 17, 18 },	/* address mask */
	{ AF_INET, 18, 17 },
	{ AF_INET6, 128, 129 },	/* echo request <-> echo reply */
	{ AF_INET6, 129, 128 },
	{ AF_INET6, 139, 140 },	/* node information query <-> reply */
	{ AF_INET6, 140, 139 },
};

uint8_t ct_icmp_reply_type(uint8_t l3proto, uint8_t type)
{
	for (size_t i = 0; i < ARRAY_SIZE(icmp_answers); i++)
		if (icmp_answers[i].l3proto == l3proto && icmp_answers[i].type == type)
			return icmp_answers[i].answer;
	return 255;	/* no answer: the kernel rejects such a reply tuple */
}

/* The same field in the reply tuple as an ICMP field of the original. */
static void *ct_attr_mirror(struct nf_conntrack *ct, unsigned int attr)
{
	return (char *)ct_attr_ptr(ct, attr) +
	       (offsetof(struct nf_conntrack, repl) - offsetof(struct nf_conntrack, orig));
}

void ct_attr_release(struct nf_conntrack *ct, unsigned int attr)
{
	switch (ct_attr_table[attr].kind) {
	case CT_K_SECCTX:
		free(ct->secctx);
		ct->secctx = NULL;
		break;
	case CT_K_BLOB:
		free(ct->helper_info);
		ct->helper_info = NULL;
		ct->helper_info_len = 0;
		break;
	case CT_K_BITMASK: {
		struct nfct_bitmask **b = ct_attr_ptr(ct, attr);

		nfct_bitmask_destroy(*b);
		*b = NULL;
		break;
	}
	default:
		break;
	}
}

int ct_attr_set(struct nf_conntrack *ct, unsigned int attr, const void *value, size_t len)
{
	const struct ct_attr_desc *d = &ct_attr_table[attr];
	void *dst = ct_attr_ptr(ct, attr);

	if (value == NULL)
		return fail(EINVAL, -1);
	if (d->flags & CT_F_KERNEL) {
		ct_mark_set(ct, attr);
		return 0;
	}

	switch (d->kind) {
	case CT_K_U8:
	case CT_K_U16:
	case CT_K_U32:
	case CT_K_U64:
	case CT_K_BYTES16:
		/* A short len (nfct_set_attr_l() misuse) copies what is there
		 * and zeroes the rest rather than read past the caller's data. */
		if (len == 0 || len >= d->size) {
			memcpy(dst, value, d->size);
		} else {
			memcpy(dst, value, len);
			memset((char *)dst + len, 0, d->size - len);
		}
		if (d->flags & CT_F_ICMP_MIRROR)
			memcpy(ct_attr_mirror(ct, attr), dst, d->size);
		if (d->flags & CT_F_ICMP_ANSWER)
			*(uint8_t *)ct_attr_mirror(ct, attr) =
				ct_icmp_reply_type(ct->orig.l3proto, *(const uint8_t *)dst);
		break;
	case CT_K_NAME: {
		/* At most size - 1 characters, and no more than len when
		 * given; the rest of the field is cleared. */
		size_t max = d->size - 1;

		if (len != 0 && len < max)
			max = len;
		size_t n = strnlen(value, max);

		memcpy(dst, value, n);
		memset((char *)dst + n, 0, d->size - n);
		break;
	}
	case CT_K_BLOB: {
		if (len > UINT32_MAX)
			return fail(EINVAL, -1);
		/* malloc(1) for an empty blob: the getter still returns a
		 * pointer, as the original's calloc(1, 0) does. */
		void *copy = malloc(len ? len : 1);

		if (copy == NULL)
			return fail(ENOMEM, -1);
		memcpy(copy, value, len);
		free(ct->helper_info);
		ct->helper_info = copy;
		ct->helper_info_len = (uint32_t)len;
		break;
	}
	case CT_K_BITMASK: {
		/* The object takes ownership of the bitmask it is given; the
		 * one it held is freed, unless it is the same. */
		struct nfct_bitmask **b = dst;

		if (*b != value)
			nfct_bitmask_destroy(*b);
		*b = (struct nfct_bitmask *)value;
		break;
	}
	default:	/* CT_K_SECCTX is kernel-only and handled above */
		return fail(EINVAL, -1);
	}
	ct_mark_set(ct, attr);
	return 0;
}

const void *ct_attr_get(const struct nf_conntrack *ct, unsigned int attr)
{
	const void *p = ct_attr_cptr(ct, attr);

	switch (ct_attr_table[attr].kind) {
	case CT_K_SECCTX:
	case CT_K_BLOB:
	case CT_K_BITMASK:
		/* Owned data: the getter returns the pointer itself. */
		return *(const void *const *)p;
	default:
		return p;
	}
}

size_t ct_attr_avail(const struct nf_conntrack *ct, unsigned int attr)
{
	const void *p = ct_attr_get(ct, attr);

	if (p == NULL)
		return 0;
	switch (ct_attr_table[attr].kind) {
	case CT_K_SECCTX:
		return strlen(p) + 1;
	case CT_K_BLOB:
		return ct->helper_info_len;
	case CT_K_BITMASK: {
		const struct nfct_bitmask *b = p;

		return sizeof(*b) + (size_t)b->words * sizeof(b->bits[0]);
	}
	default:
		return ct_attr_table[attr].size;
	}
}

int ct_attr_copy(struct nf_conntrack *dst, const struct nf_conntrack *src, unsigned int attr)
{
	const struct ct_attr_desc *d = &ct_attr_table[attr];

	switch (d->kind) {
	case CT_K_SECCTX: {
		char *s = NULL;

		if (src->secctx != NULL && (s = strdup(src->secctx)) == NULL)
			return fail(ENOMEM, -1);
		free(dst->secctx);
		dst->secctx = s;
		break;
	}
	case CT_K_BLOB: {
		/* COMPAT: the original's copies of the helper info lose its
		 * bytes (it allocates a length it never recorded); ours are
		 * whole copies. */
		void *b = NULL;

		if (src->helper_info != NULL) {
			b = malloc(src->helper_info_len ? src->helper_info_len : 1);
			if (b == NULL)
				return fail(ENOMEM, -1);
			memcpy(b, src->helper_info, src->helper_info_len);
		}
		free(dst->helper_info);
		dst->helper_info = b;
		dst->helper_info_len = b ? src->helper_info_len : 0;
		break;
	}
	case CT_K_BITMASK: {
		struct nfct_bitmask *const *from = ct_attr_cptr(src, attr);
		struct nfct_bitmask **to = ct_attr_ptr(dst, attr);
		struct nfct_bitmask *b = NULL;

		if (*from != NULL && (b = nfct_bitmask_clone(*from)) == NULL)
			return fail(ENOMEM, -1);
		nfct_bitmask_destroy(*to);
		*to = b;
		break;
	}
	default:
		/* The field only: copies never run the ICMP side effects. */
		memcpy(ct_attr_ptr(dst, attr), ct_attr_cptr(src, attr), d->size);
		break;
	}
	ct_mark_set(dst, attr);
	return 0;
}

/**
 * Sets an attribute of a conntrack object.
 *
 * \param ct the object
 * \param type which attribute (enum nf_conntrack_attr)
 * \param value points to the value, of the type listed for the attribute
 *
 * Fixed-size attributes are copied. ATTR_HELPER_NAME is copied up to
 * NFCT_HELPER_NAME_MAX - 1 characters. ATTR_CONNLABELS and
 * ATTR_CONNLABELS_MASK take \p value as a struct nfct_bitmask pointer and
 * the object becomes its owner (the bitmask it held before is freed).
 * ATTR_HELPER_INFO needs a length: use nfct_set_attr_l() (here it gets an
 * empty buffer).
 *
 * Side effects, as in the original: ATTR_ICMP_TYPE also sets the reply
 * tuple's ICMP type to the answering type for the original tuple's layer-3
 * protocol (echo request -> echo reply, 255 when there is none), and
 * ATTR_ICMP_CODE and ATTR_ICMP_ID also set the reply tuple's code and
 * identifier; these share storage with the reply ports. Attributes that
 * only the kernel provides (counters, use, secctx, timestamps) are marked
 * set but keep their value.
 *
 * Nothing happens when \p ct or \p value is NULL or \p type is out of
 * range; errno is then EINVAL (the original crashes on NULL, ignores an
 * out-of-range type and leaves errno alone).
 *
 * Example: examples/nfct-mnl-create.c.
 */
NFCT_EXPORT void nfct_set_attr(struct nf_conntrack *ct,
			       const enum nf_conntrack_attr type,
			       const void *value)
{
	nfct_set_attr_l(ct, type, value, 0);
}

/**
 * Sets an attribute from a buffer of known length.
 *
 * \param ct the object
 * \param type which attribute
 * \param value points to the value
 * \param len bytes at \p value; 0 means the attribute's natural size
 *
 * Needed for ATTR_HELPER_INFO, whose length is not implied by its type.
 * For the other attributes it bounds what is read from \p value: a shorter
 * fixed-size value is zero-extended (the original reads the natural size
 * whatever \p len says). Side effects as nfct_set_attr(). On failure (NULL
 * arguments, \p type out of range, out of memory) the object is unchanged
 * and errno is set to EINVAL or ENOMEM.
 */
NFCT_EXPORT void nfct_set_attr_l(struct nf_conntrack *ct,
				 const enum nf_conntrack_attr type,
				 const void *value, size_t len)
{
	if (ct == NULL || (unsigned int)type >= ATTR_MAX) {
		errno = EINVAL;
		return;
	}
	ct_attr_set(ct, type, value, len);
}

/* Typed setters: the value is converted to the attribute's own width, so a
 * u8 given for a u32 attribute is zero-extended rather than read past (the
 * original reads the attribute's width from the argument's address). */
static void ct_set_typed(struct nf_conntrack *ct, unsigned int type, uint64_t v, size_t width)
{
	union {
		uint8_t u8;
		uint16_t u16;
		uint32_t u32;
		uint64_t u64;
		unsigned char bytes[8];
	} buf;

	if (ct == NULL || type >= ATTR_MAX) {
		errno = EINVAL;
		return;
	}
	switch (ct_attr_table[type].kind) {
	case CT_K_U8:
		buf.u8 = (uint8_t)v;
		break;
	case CT_K_U16:
		buf.u16 = (uint16_t)v;
		break;
	case CT_K_U32:
		buf.u32 = (uint32_t)v;
		break;
	case CT_K_U64:
		buf.u64 = v;
		break;
	case CT_K_BITMASK:
		/* An integer is no bitmask pointer. */
		errno = EINVAL;
		return;
	default:
		/* Not an integer: hand over the value's own bytes. */
		switch (width) {
		case 1: buf.u8 = (uint8_t)v; break;
		case 2: buf.u16 = (uint16_t)v; break;
		case 4: buf.u32 = (uint32_t)v; break;
		default: buf.u64 = v; break;
		}
		ct_attr_set(ct, type, buf.bytes, width);
		return;
	}
	ct_attr_set(ct, type, buf.bytes, 0);
}

/**
 * Sets an 8-bit attribute.
 *
 * \param ct the object
 * \param type which attribute
 * \param value the value
 *
 * The value is converted to the attribute's width. Side effects and errors
 * as nfct_set_attr(); an integer for a label bitmask fails with EINVAL.
 *
 * Example: utils/conntrack_create.c.
 */
NFCT_EXPORT void nfct_set_attr_u8(struct nf_conntrack *ct,
				  const enum nf_conntrack_attr type, uint8_t value)
{
	ct_set_typed(ct, type, value, sizeof(value));
}

/**
 * Sets a 16-bit attribute (ports in network byte order).
 *
 * \param ct the object
 * \param type which attribute
 * \param value the value
 *
 * The value is converted to the attribute's width. Side effects and errors
 * as nfct_set_attr(); an integer for a label bitmask fails with EINVAL.
 *
 * Example: utils/conntrack_create.c.
 */
NFCT_EXPORT void nfct_set_attr_u16(struct nf_conntrack *ct,
				   const enum nf_conntrack_attr type, uint16_t value)
{
	ct_set_typed(ct, type, value, sizeof(value));
}

/**
 * Sets a 32-bit attribute (IPv4 addresses in network byte order).
 *
 * \param ct the object
 * \param type which attribute
 * \param value the value
 *
 * The value is converted to the attribute's width. Side effects and errors
 * as nfct_set_attr(); an integer for a label bitmask fails with EINVAL.
 *
 * Example: utils/conntrack_create.c.
 */
NFCT_EXPORT void nfct_set_attr_u32(struct nf_conntrack *ct,
				   const enum nf_conntrack_attr type, uint32_t value)
{
	ct_set_typed(ct, type, value, sizeof(value));
}

/**
 * Sets a 64-bit attribute.
 *
 * \param ct the object
 * \param type which attribute
 * \param value the value
 *
 * The value is converted to the attribute's width. Side effects and errors
 * as nfct_set_attr(); an integer for a label bitmask fails with EINVAL.
 */
NFCT_EXPORT void nfct_set_attr_u64(struct nf_conntrack *ct,
				   const enum nf_conntrack_attr type, uint64_t value)
{
	ct_set_typed(ct, type, value, sizeof(value));
}

/**
 * Returns an attribute of a conntrack object.
 *
 * \param ct the object
 * \param type which attribute
 * \return a pointer to the value (valid while the object lives and the
 * attribute is not set again), or NULL: errno is ENODATA when the attribute
 * is not set, EINVAL when \p type is out of range or \p ct is NULL.
 *
 * For ATTR_SECCTX, ATTR_HELPER_INFO, ATTR_CONNLABELS and
 * ATTR_CONNLABELS_MASK the result is the stored pointer itself (a string,
 * the helper data, a struct nfct_bitmask *), still owned by the object.
 * ATTR_SECCTX marked set through nfct_set_attr() holds no string: the
 * result is then NULL and errno is left alone, as in the original.
 *
 * Example: examples/nfct-mnl-dump-labels.c reads ATTR_CONNLABELS.
 */
NFCT_EXPORT const void *nfct_get_attr(const struct nf_conntrack *ct,
				      const enum nf_conntrack_attr type)
{
	if (ct == NULL || (unsigned int)type >= ATTR_MAX)
		return fail_ptr(EINVAL);
	if (!ct_isset(ct, type))
		return fail_ptr(ENODATA);
	return ct_attr_get(ct, type);
}

/* Typed getters read the first width bytes of what nfct_get_attr() points
 * to, in host order, as the original does; where fewer bytes are there
 * (a u64 read of a u32 attribute, say) the value is zero-extended instead
 * of read past. */
static uint64_t ct_get_typed(const struct nf_conntrack *ct, unsigned int type, size_t width)
{
	const void *p = nfct_get_attr(ct, type);

	return p != NULL ? load_uint(p, width, ct_attr_avail(ct, type)) : 0;
}

/**
 * Returns an 8-bit attribute.
 *
 * \param ct the object
 * \param type which attribute
 * \return the value, or 0 with errno set as by nfct_get_attr()
 *
 * Example: examples/nfct-mnl-set-label.c.
 */
NFCT_EXPORT uint8_t nfct_get_attr_u8(const struct nf_conntrack *ct,
				     const enum nf_conntrack_attr type)
{
	return (uint8_t)ct_get_typed(ct, type, sizeof(uint8_t));
}

/**
 * Returns a 16-bit attribute.
 *
 * \param ct the object
 * \param type which attribute
 * \return the value, or 0 with errno set as by nfct_get_attr()
 *
 * Example: utils/expect_create_nat.c.
 */
NFCT_EXPORT uint16_t nfct_get_attr_u16(const struct nf_conntrack *ct,
				       const enum nf_conntrack_attr type)
{
	return (uint16_t)ct_get_typed(ct, type, sizeof(uint16_t));
}

/**
 * Returns a 32-bit attribute.
 *
 * \param ct the object
 * \param type which attribute
 * \return the value, or 0 with errno set as by nfct_get_attr()
 *
 * Example: utils/conntrack_master.c.
 */
NFCT_EXPORT uint32_t nfct_get_attr_u32(const struct nf_conntrack *ct,
				       const enum nf_conntrack_attr type)
{
	return (uint32_t)ct_get_typed(ct, type, sizeof(uint32_t));
}

/**
 * Returns a 64-bit attribute.
 *
 * \param ct the object
 * \param type which attribute
 * \return the value, or 0 with errno set as by nfct_get_attr()
 */
NFCT_EXPORT uint64_t nfct_get_attr_u64(const struct nf_conntrack *ct,
				       const enum nf_conntrack_attr type)
{
	return ct_get_typed(ct, type, sizeof(uint64_t));
}

/**
 * Tells whether an attribute is set.
 *
 * \param ct the object
 * \param type which attribute
 * \return 1 if set, 0 if not, -1 with errno EINVAL when \p type is out of
 * range or \p ct is NULL
 *
 * Example: examples/nfct-mnl-set-label.c.
 */
NFCT_EXPORT int nfct_attr_is_set(const struct nf_conntrack *ct,
				 const enum nf_conntrack_attr type)
{
	if (ct == NULL || (unsigned int)type >= ATTR_MAX)
		return fail(EINVAL, -1);
	return ct_isset(ct, type);
}

/**
 * Tells whether all attributes of a list are set.
 *
 * \param ct the object
 * \param type_array the attributes
 * \param size how many there are (0 or less: an empty list)
 * \return 1 if all are set (also for an empty list), 0 at the first one
 * that is not, -1 with errno EINVAL at the first out-of-range one (the list
 * is checked in order), or when \p ct is NULL, or \p type_array is NULL
 * with a positive \p size
 */
NFCT_EXPORT int nfct_attr_is_set_array(const struct nf_conntrack *ct,
				       const enum nf_conntrack_attr *type_array,
				       int size)
{
	if (ct == NULL || (size > 0 && type_array == NULL))
		return fail(EINVAL, -1);
	for (int i = 0; i < size; i++) {
		if ((unsigned int)type_array[i] >= ATTR_MAX)
			return fail(EINVAL, -1);
		if (!ct_isset(ct, type_array[i]))
			return 0;
	}
	return 1;
}

/**
 * Unsets an attribute.
 *
 * \param ct the object
 * \param type which attribute
 * \return 0, or -1 with errno EINVAL when \p type is out of range or \p ct
 * is NULL
 *
 * Only the attribute's mark is cleared: the value stays stored, and
 * nfct_setobjopt() and nfct_getobjopt() still see it, as with the
 * original. Owned data (labels, helper info) stays allocated until the
 * object is destroyed or the attribute set again, so pointers a program
 * obtained earlier stay valid.
 */
NFCT_EXPORT int nfct_attr_unset(struct nf_conntrack *ct,
				const enum nf_conntrack_attr type)
{
	if (ct == NULL || (unsigned int)type >= ATTR_MAX)
		return fail(EINVAL, -1);
	ct_mark_unset(ct, type);
	return 0;
}

/*
 * Attribute groups. A group writes and reads its members at offsets of the
 * public group structure, through the members' own setters (so the ICMP
 * group has the side effects of the ICMP attributes); "also" names an
 * attribute that setting the group marks set too (the layer-3 protocol,
 * written with "also_value", or the layer-4 protocol, left as it is).
 */
struct ct_grp_member {
	uint8_t attr;
	uint8_t offset;		/* in the public group structure */
};

struct ct_grp_desc {
	struct ct_grp_member m[3];
	uint8_t n;
	uint8_t also;		/* ATTR_MAX: none */
	uint8_t also_value;	/* 0: mark only */
	/* Address groups: set when either member is; setting marks both
	 * and stores nothing; reading copies the whole 16-byte address.
	 * COMPAT: this is what the original does. */
	bool any;
};

#define GM(a, type, field)	{ ATTR_##a, offsetof(type, field) }
#define G_IPV4(dir, l3)	{ { GM(dir##_IPV4_SRC, struct nfct_attr_grp_ipv4, src), \
			    GM(dir##_IPV4_DST, struct nfct_attr_grp_ipv4, dst) }, \
			  2, ATTR_##l3, AF_INET, false }
#define G_IPV6(dir, l3)	{ { GM(dir##_IPV6_SRC, struct nfct_attr_grp_ipv6, src), \
			    GM(dir##_IPV6_DST, struct nfct_attr_grp_ipv6, dst) }, \
			  2, ATTR_##l3, AF_INET6, false }
#define G_PORT(dir, l4)	{ { GM(dir##_PORT_SRC, struct nfct_attr_grp_port, sport), \
			    GM(dir##_PORT_DST, struct nfct_attr_grp_port, dport) }, \
			  2, ATTR_##l4, 0, false }
#define G_CTRS(dir)	{ { GM(dir##_COUNTER_PACKETS, struct nfct_attr_grp_ctrs, packets), \
			    GM(dir##_COUNTER_BYTES, struct nfct_attr_grp_ctrs, bytes) }, \
			  2, ATTR_MAX, 0, false }
#define G_ADDR(dir, end) { { { ATTR_##dir##_IPV4_##end, 0 }, { ATTR_##dir##_IPV6_##end, 0 } }, \
			  2, ATTR_MAX, 0, true }

static const struct ct_grp_desc ct_grp_table[ATTR_GRP_MAX] = {
	[ATTR_GRP_ORIG_IPV4]	 = G_IPV4(ORIG, ORIG_L3PROTO),
	[ATTR_GRP_REPL_IPV4]	 = G_IPV4(REPL, REPL_L3PROTO),
	[ATTR_GRP_ORIG_IPV6]	 = G_IPV6(ORIG, ORIG_L3PROTO),
	[ATTR_GRP_REPL_IPV6]	 = G_IPV6(REPL, REPL_L3PROTO),
	[ATTR_GRP_ORIG_PORT]	 = G_PORT(ORIG, ORIG_L4PROTO),
	[ATTR_GRP_REPL_PORT]	 = G_PORT(REPL, REPL_L4PROTO),
	[ATTR_GRP_ICMP]		 = { { GM(ICMP_ID, struct nfct_attr_grp_icmp, id),
				       GM(ICMP_CODE, struct nfct_attr_grp_icmp, code),
				       GM(ICMP_TYPE, struct nfct_attr_grp_icmp, type) },
				     3, ATTR_MAX, 0, false },
	[ATTR_GRP_MASTER_IPV4]	 = G_IPV4(MASTER, MASTER_L3PROTO),
	[ATTR_GRP_MASTER_IPV6]	 = G_IPV6(MASTER, MASTER_L3PROTO),
	[ATTR_GRP_MASTER_PORT]	 = G_PORT(MASTER, MASTER_L4PROTO),
	[ATTR_GRP_ORIG_COUNTERS] = G_CTRS(ORIG),
	[ATTR_GRP_REPL_COUNTERS] = G_CTRS(REPL),
	[ATTR_GRP_ORIG_ADDR_SRC] = G_ADDR(ORIG, SRC),
	[ATTR_GRP_ORIG_ADDR_DST] = G_ADDR(ORIG, DST),
	[ATTR_GRP_REPL_ADDR_SRC] = G_ADDR(REPL, SRC),
	[ATTR_GRP_REPL_ADDR_DST] = G_ADDR(REPL, DST),
};

/* The attributes whose presence makes up a group. */
static struct ct_attrset ct_grp_attrs(const struct ct_grp_desc *g)
{
	struct ct_attrset s = { { 0 } };

	for (unsigned int i = 0; i < g->n; i++)
		s.w[g->m[i].attr / 64] |= UINT64_C(1) << (g->m[i].attr % 64);
	if (g->also != ATTR_MAX)
		s.w[g->also / 64] |= UINT64_C(1) << (g->also % 64);
	return s;
}

static bool ct_grp_present(const struct nf_conntrack *ct, const struct ct_grp_desc *g)
{
	struct ct_attrset s = ct_grp_attrs(g);

	return g->any ? ct_has_any(ct, &s) : ct_has_all(ct, &s);
}

/**
 * Sets a group of attributes at once.
 *
 * \param ct the object
 * \param type which group (enum nf_conntrack_attr_grp)
 * \param value the group structure named for the group
 *
 * The IPv4 and IPv6 groups also set the layer-3 protocol of their tuple
 * (AF_INET, AF_INET6); the port groups mark the tuple's layer-4 protocol
 * set without changing it; the ICMP group has the side effects of
 * ATTR_ICMP_TYPE, ATTR_ICMP_CODE and ATTR_ICMP_ID (see nfct_set_attr()).
 * The counter and address (ATTR_GRP_*_ADDR_*) groups only mark their
 * attributes set and store nothing, as in the original. Nothing happens
 * (errno EINVAL) for NULL arguments or an out-of-range group (the original
 * crashes on NULL and ignores the latter without errno).
 *
 * Example: utils/conntrack_grp_create.c.
 */
NFCT_EXPORT void nfct_set_attr_grp(struct nf_conntrack *ct,
				   const enum nf_conntrack_attr_grp type,
				   const void *value)
{
	if (ct == NULL || value == NULL || (unsigned int)type >= ATTR_GRP_MAX) {
		errno = EINVAL;
		return;
	}
	const struct ct_grp_desc *g = &ct_grp_table[type];

	for (unsigned int i = 0; i < g->n; i++) {
		if (g->any)
			ct_mark_set(ct, g->m[i].attr);
		else
			ct_attr_set(ct, g->m[i].attr,
				    (const char *)value + g->m[i].offset, 0);
	}
	if (g->also != ATTR_MAX) {
		if (g->also_value)
			*(uint8_t *)ct_attr_ptr(ct, g->also) = g->also_value;
		ct_mark_set(ct, g->also);
	}
}

/**
 * Reads a group of attributes at once.
 *
 * \param ct the object
 * \param type which group
 * \param data where to write the group structure
 * \return 0, or -1 with errno: ENODATA when the group is not set (see
 * nfct_attr_grp_is_set()), EINVAL for an out-of-range group or NULL
 * arguments
 *
 * Only the group's values are written: the layer-3 or layer-4 protocol
 * whose mark the group needs is not part of the structure.
 *
 * Example: utils/conntrack_master.c.
 */
NFCT_EXPORT int nfct_get_attr_grp(const struct nf_conntrack *ct,
				  const enum nf_conntrack_attr_grp type,
				  void *data)
{
	if (ct == NULL || data == NULL || (unsigned int)type >= ATTR_GRP_MAX)
		return fail(EINVAL, -1);
	const struct ct_grp_desc *g = &ct_grp_table[type];

	if (!ct_grp_present(ct, g))
		return fail(ENODATA, -1);
	if (g->any) {
		/* The IPv6 member's storage is the whole address. */
		unsigned int a = g->m[1].attr;

		memcpy(data, ct_attr_cptr(ct, a), ct_attr_table[a].size);
		return 0;
	}
	for (unsigned int i = 0; i < g->n; i++) {
		unsigned int a = g->m[i].attr;

		memcpy((char *)data + g->m[i].offset, ct_attr_cptr(ct, a),
		       ct_attr_table[a].size);
	}
	return 0;
}

/**
 * Tells whether a group of attributes is set.
 *
 * \param ct the object
 * \param type which group
 * \return 1 when every attribute of the group is set, including the
 * layer-3 or layer-4 protocol that setting the group marks (for the
 * address groups: either the IPv4 or the IPv6 address), 0 otherwise, -1
 * with errno EINVAL for an out-of-range group or a NULL object
 */
NFCT_EXPORT int nfct_attr_grp_is_set(const struct nf_conntrack *ct,
				     const enum nf_conntrack_attr_grp type)
{
	if (ct == NULL || (unsigned int)type >= ATTR_GRP_MAX)
		return fail(EINVAL, -1);
	return ct_grp_present(ct, &ct_grp_table[type]);
}

/**
 * Unsets every attribute of a group, including the protocol attribute
 * that setting the group marks.
 *
 * \param ct the object
 * \param type which group
 * \return 0, or -1 with errno EINVAL for an out-of-range group or a NULL
 * object
 */
NFCT_EXPORT int nfct_attr_grp_unset(struct nf_conntrack *ct,
				    const enum nf_conntrack_attr_grp type)
{
	if (ct == NULL || (unsigned int)type >= ATTR_GRP_MAX)
		return fail(EINVAL, -1);
	struct ct_attrset s = ct_grp_attrs(&ct_grp_table[type]);

	for (unsigned int i = 0; i < CT_SET_WORDS; i++)
		ct->set[i] &= ~s.w[i];
	return 0;
}
