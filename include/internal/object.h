/*
 * The conntrack object, private to the library.
 *
 * Every field is reached through the attribute table (attr.h); only code
 * with a reason the table cannot express (wire formats, printing) touches
 * fields directly.
 */
#ifndef NFCT_OBJECT_H
#define NFCT_OBJECT_H

#include <netinet/in.h>
#include <string.h>

#include "internal.h"

/* An IPv4 or IPv6 address, network byte order. IPv4 uses the first word. */
union ct_addr {
	uint32_t v4;
	uint32_t v6[4];
	struct in6_addr in6;
};

/*
 * Layer-4 part of a tuple, network byte order. ICMP keeps its identifier
 * where ports keep the source port, and type and code where they keep the
 * destination port; both views share the storage, as on the wire.
 */
union ct_l4src {
	uint16_t all;
	uint16_t icmp_id;
};

union ct_l4dst {
	uint16_t all;
	struct {
		uint8_t type;
		uint8_t code;
	} icmp;
};

struct ct_tuple {
	union ct_addr src;
	union ct_addr dst;
	union ct_l4src l4src;
	union ct_l4dst l4dst;
	uint8_t l3proto;
	uint8_t l4proto;
	uint16_t zone;
};

/* Directions, used as array indexes. */
enum ct_dir {
	CT_DIR_ORIG = 0,
	CT_DIR_REPL = 1,
	CT_DIR_MAX
};

struct ct_counters {
	uint64_t packets;
	uint64_t bytes;
};

struct ct_natseq {
	uint32_t correction_pos;
	uint32_t offset_before;
	uint32_t offset_after;
};

/* NAT manipulation: the address and port the kernel maps to. */
struct ct_nat {
	union ct_addr addr;
	uint16_t port;
};

/*
 * Protocol state. TCP, SCTP and DCCP share their storage (an entry has one
 * layer-4 protocol), and the sharing is visible: setting ATTR_SCTP_STATE
 * changes ATTR_TCP_STATE, ATTR_DCCP_ROLE is ATTR_TCP_FLAGS_ORIG's byte,
 * ATTR_TCP_MASK_REPL and the window scales overlay the first three bytes of
 * ATTR_SCTP_VTAG_ORIG, ATTR_SCTP_VTAG_REPL the low half of
 * ATTR_DCCP_HANDSHAKE_SEQ (little-endian). COMPAT: the original overlays
 * them so; static assertions below pin the offsets.
 */
struct ct_tcpinfo {
	uint8_t state;
	uint8_t flags[CT_DIR_MAX];
	uint8_t mask[CT_DIR_MAX];
	uint8_t wscale[CT_DIR_MAX];
};

struct ct_sctpinfo {
	uint8_t state;
	uint32_t vtag[CT_DIR_MAX];
};

struct ct_dccpinfo {
	uint8_t state;
	uint8_t role;
	uint64_t handshake_seq;
};

/* Words of the presence bitmap: one bit per ATTR_* value. */
#define CT_SET_WORDS	((ATTR_MAX + 63) / 64)

struct nf_conntrack {
	uint64_t set[CT_SET_WORDS];

	struct ct_tuple orig;
	struct ct_tuple repl;
	struct ct_tuple master;

	uint32_t timeout;
	uint32_t mark;
	uint32_t secmark;
	uint32_t status;
	uint32_t use;
	uint32_t id;
	uint16_t zone;

	char helper_name[NFCT_HELPER_NAME_MAX];

	union {			/* see struct ct_tcpinfo */
		struct ct_tcpinfo tcp;
		struct ct_sctpinfo sctp;
		struct ct_dccpinfo dccp;
	};

	struct ct_counters counters[CT_DIR_MAX];
	struct ct_natseq natseq[CT_DIR_MAX];
	struct ct_nat snat;
	struct ct_nat dnat;

	uint64_t ts_start;
	uint64_t ts_stop;
	uint64_t ts_event;

	uint32_t synproxy_isn;
	uint32_t synproxy_its;
	uint32_t synproxy_tsoff;

	/* Owned heap data: freed by nfct_destroy(), deep-copied by copies. */
	uint32_t helper_info_len;
	void *helper_info;
	char *secctx;
	struct nfct_bitmask *labels;
	struct nfct_bitmask *labels_mask;
};

/*
 * The overlays that programs can observe through the attributes (see
 * struct ct_tcpinfo, union ct_addr, union ct_l4src/ct_l4dst): pinned here so
 * that a field reordering cannot silently change them.
 */
#define CT_OVL_OFF(field)	offsetof(struct nf_conntrack, field)
_Static_assert(CT_OVL_OFF(tcp.flags[CT_DIR_ORIG]) == CT_OVL_OFF(dccp.role),
	       "ATTR_TCP_FLAGS_ORIG overlays ATTR_DCCP_ROLE");
_Static_assert(CT_OVL_OFF(tcp.mask[CT_DIR_REPL]) == CT_OVL_OFF(sctp.vtag[CT_DIR_ORIG]) &&
	       CT_OVL_OFF(tcp.wscale[CT_DIR_ORIG]) == CT_OVL_OFF(sctp.vtag[CT_DIR_ORIG]) + 1 &&
	       CT_OVL_OFF(tcp.wscale[CT_DIR_REPL]) == CT_OVL_OFF(sctp.vtag[CT_DIR_ORIG]) + 2,
	       "the TCP reply mask and window scales overlay the original SCTP vtag");
_Static_assert(CT_OVL_OFF(sctp.vtag[CT_DIR_REPL]) == CT_OVL_OFF(dccp.handshake_seq),
	       "ATTR_SCTP_VTAG_REPL overlays ATTR_DCCP_HANDSHAKE_SEQ");
_Static_assert(CT_OVL_OFF(orig.l4src.icmp_id) == CT_OVL_OFF(orig.l4src.all) &&
	       CT_OVL_OFF(orig.l4dst.icmp.type) == CT_OVL_OFF(orig.l4dst.all) &&
	       CT_OVL_OFF(orig.l4dst.icmp.code) == CT_OVL_OFF(orig.l4dst.all) + 1,
	       "ICMP id, type and code overlay the ports");
_Static_assert(sizeof(struct nf_conntrack) <= 392,
	       "no larger than the original's object (nfct_maxsize())");
#undef CT_OVL_OFF

/* The bitmask behind connection labels. */
struct nfct_bitmask {
	unsigned int words;
	uint32_t bits[];
};

/*
 * What a layer-4 protocol's tuple fields are: the one list of protocols
 * the builder, the comparison, tuple reversal and the printers switch on.
 */
enum ct_l4_kind {
	CT_L4_OTHER,	/* no layer-4 fields */
	CT_L4_PORTS,	/* source and destination ports */
	CT_L4_ICMP,	/* type, code and id (ICMP and ICMPv6) */
	CT_L4_GRE,	/* GRE keys, stored where the ports are */
};

static inline enum ct_l4_kind ct_l4_kind(uint8_t l4proto)
{
	switch (l4proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
		return CT_L4_PORTS;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return CT_L4_ICMP;
	case IPPROTO_GRE:
		return CT_L4_GRE;
	default:
		return CT_L4_OTHER;
	}
}

/* Presence bits. */
static inline bool ct_isset(const struct nf_conntrack *ct, unsigned int attr)
{
	return (ct->set[attr / 64] >> (attr % 64)) & 1;
}

static inline void ct_mark_set(struct nf_conntrack *ct, unsigned int attr)
{
	ct->set[attr / 64] |= UINT64_C(1) << (attr % 64);
}

static inline void ct_mark_unset(struct nf_conntrack *ct, unsigned int attr)
{
	ct->set[attr / 64] &= ~(UINT64_C(1) << (attr % 64));
}

/* Attribute sets as bitmaps of the same shape as ct->set. */
struct ct_attrset {
	uint64_t w[CT_SET_WORDS];
};

/*
 * A constant attribute set from an X-macro list of ATTR_* values:
 *   #define MY_ATTRS(X) X(ATTR_MARK) X(ATTR_ZONE)
 *   static const struct ct_attrset my_set = CT_ATTRSET_OF(MY_ATTRS);
 */
#define CT_ATTRSET_BIT_(a, w)	((a) / 64 == (w) ? UINT64_C(1) << ((a) % 64) : 0)
#define CT_ATTRSET_W0_(a)	| CT_ATTRSET_BIT_(a, 0)
#define CT_ATTRSET_W1_(a)	| CT_ATTRSET_BIT_(a, 1)
#define CT_ATTRSET_OF(LIST)	{ { 0 LIST(CT_ATTRSET_W0_), 0 LIST(CT_ATTRSET_W1_) } }
_Static_assert(CT_SET_WORDS == 2, "CT_ATTRSET_OF spells out two words");

static inline bool ct_has_all(const struct nf_conntrack *ct, const struct ct_attrset *s)
{
	for (unsigned int i = 0; i < CT_SET_WORDS; i++)
		if ((ct->set[i] & s->w[i]) != s->w[i])
			return false;
	return true;
}

static inline bool ct_has_any(const struct nf_conntrack *ct, const struct ct_attrset *s)
{
	for (unsigned int i = 0; i < CT_SET_WORDS; i++)
		if (ct->set[i] & s->w[i])
			return true;
	return false;
}

/* Frees the owned data of an object and resets it to the empty object. */
void ct_reset(struct nf_conntrack *ct);

/* Makes dst an exact, independent copy of src. Returns -1 (ENOMEM) when an
 * owned buffer cannot be duplicated; dst then lacks that attribute. */
int ct_copy_all(struct nf_conntrack *dst, const struct nf_conntrack *src);

/* The reply ICMP type that answers an original one (echo request -> echo
 * reply and so on), or 255 when the type has no answer. */
uint8_t ct_icmp_reply_type(uint8_t l3proto, uint8_t type);

#endif
