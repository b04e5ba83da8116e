/*
 * The attribute table: one const descriptor per ATTR_* value, from which
 * get, set, unset, copy, compare and the attribute groups all work.
 */
#ifndef NFCT_ATTR_H
#define NFCT_ATTR_H

#include "object.h"

/* How an attribute's value is stored in the object. */
enum ct_kind {
	CT_K_U8,	/* integers of 1, 2, 4, 8 bytes */
	CT_K_U16,
	CT_K_U32,
	CT_K_U64,
	CT_K_BYTES16,	/* 16 bytes: an IPv6 address */
	CT_K_NAME,	/* char[NFCT_HELPER_NAME_MAX], always NUL-terminated */
	CT_K_SECCTX,	/* char *, owned */
	CT_K_BLOB,	/* void * plus length, owned */
	CT_K_BITMASK,	/* struct nfct_bitmask *, owned */
};

/* Attribute flags. */
enum {
	/* Which nfct_copy() selections copy the attribute. */
	CT_F_CP_ORIG	= 1 << 0,
	CT_F_CP_REPL	= 1 << 1,
	CT_F_CP_META	= 1 << 2,
	/* The value only ever comes from the kernel: setting it through the
	 * API marks it present and leaves the stored value alone.
	 * COMPAT: the original behaves so for counters, use, secctx and the
	 * timestamps, so a value "set" by a program reads back as zero. */
	CT_F_KERNEL	= 1 << 3,
	/* An ICMP field of the original tuple whose setter also writes the
	 * same field of the reply tuple: ANSWER writes the answering type
	 * (echo request -> echo reply...), MIRROR the same value (code, id).
	 * COMPAT: the original's setters and ICMP group do so; copies do not. */
	CT_F_ICMP_ANSWER = 1 << 4,
	CT_F_ICMP_MIRROR = 1 << 5,
	/* In nfct_cmp(), where NFCT_CMP_MASK or NFCT_CMP_STRICT would fail
	 * an attribute set in one object only, the unset side counts as 0
	 * instead, and the values are compared (so "mark 0" matches an entry
	 * without a mark). COMPAT: the original treats the mark and the
	 * zones so, and only them. */
	CT_F_CMP_ZERO	= 1 << 6,
};

/*
 * Which part of nfct_cmp() looks at the attribute. The layer-4 fields are
 * compared only inside the comparison of their tuple's layer-4 protocol,
 * when both objects have it set, equal, and it is a protocol with ports
 * (TCP, UDP, UDP-Lite, SCTP, DCCP) or ICMP/ICMPv6 respectively. COMPAT: the
 * ICMP fields (original tuple storage) are compared inside the reply
 * tuple's comparison too when the reply protocol is ICMP, as the original
 * does.
 */
enum ct_cmp_class {
	CT_C_NONE,	/* never compared */
	CT_C_ORIG,	/* original tuple */
	CT_C_REPL,	/* reply tuple */
	CT_C_META,	/* everything else that is compared */
	CT_C_ORIG_L4,	/* original ports, under ATTR_ORIG_L4PROTO */
	CT_C_REPL_L4,	/* reply ports, under ATTR_REPL_L4PROTO */
	CT_C_ICMP,	/* ICMP type, code, id, under either L4PROTO */
};

enum ct_cmp_how {
	CT_CMP_BYTES,	/* the stored bytes are equal */
	CT_CMP_STATUS,	/* the first's bits are all set in the second */
	CT_CMP_STRING,	/* strings are equal (two NULL strings too) */
	CT_CMP_LABELS,	/* the same bits set, whatever the bitmask sizes */
	CT_CMP_L4PROTO,	/* equal, and so are the layer-4 fields under it */
};

struct ct_attr_desc {
	uint16_t offset;	/* of the stored value in struct nf_conntrack */
	uint8_t size;		/* bytes stored at offset */
	uint8_t kind;		/* enum ct_kind */
	uint8_t flags;		/* CT_F_* */
	uint8_t cmp_class;	/* enum ct_cmp_class */
	uint8_t cmp_how;	/* enum ct_cmp_how */
};

extern const struct ct_attr_desc ct_attr_table[ATTR_MAX];

static inline void *ct_attr_ptr(struct nf_conntrack *ct, unsigned int attr)
{
	return (char *)ct + ct_attr_table[attr].offset;
}

static inline const void *ct_attr_cptr(const struct nf_conntrack *ct, unsigned int attr)
{
	return (const char *)ct + ct_attr_table[attr].offset;
}

/* Stores a value for an attribute and marks it present. value holds len
 * bytes (len 0: as many as the attribute's type has). Returns -1 with errno
 * on failure (ENOMEM, EINVAL). */
int ct_attr_set(struct nf_conntrack *ct, unsigned int attr, const void *value, size_t len);

/* What nfct_get_attr() returns for a present attribute. */
const void *ct_attr_get(const struct nf_conntrack *ct, unsigned int attr);

/* How many bytes can be read at what ct_attr_get() returns (0 for NULL). */
size_t ct_attr_avail(const struct nf_conntrack *ct, unsigned int attr);

/* Copies one present attribute from src to dst. Returns -1 (ENOMEM) on
 * failure. */
int ct_attr_copy(struct nf_conntrack *dst, const struct nf_conntrack *src, unsigned int attr);

/* Frees what an owned attribute holds (a no-op for the others). */
void ct_attr_release(struct nf_conntrack *ct, unsigned int attr);

#endif
