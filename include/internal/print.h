/*
 * Text output: the accumulator every printer writes through, number and
 * address formatting, and the tuple printers shared by conntrack and
 * expectation output.
 *
 * How printing works
 * ------------------
 * A printer appends pieces to a struct out. The accumulator copies what
 * fits into the caller's buffer (keeping the last byte for the final NUL)
 * and counts the full length of the output, so the caller gets snprintf()
 * semantics: the return value is the length the whole text would have.
 * Nothing here returns early or hides a return in a macro; a printer runs
 * to its end and reads the result with out_result() / out_result_plain().
 *
 * COMPAT: the original counts some pieces differently when the buffer is
 * too small, and the return value of a truncated print shows it:
 *   - the per-protocol part of an XML tuple (<sport>... or <srckey>...)
 *     counts only the bytes that fitted (out_clamp_begin/out_clamp_end);
 *   - each label name counts fully when the buffer still had room where
 *     it starts and not at all otherwise (out_if_room_begin/_end);
 *   - the plain format always drops its last character (the separating
 *     space, or the ',' / '=' of the labels) from the result, writing a NUL
 *     over it when it fits (out_result_plain()).
 * With a buffer large enough for the whole text none of this shows.
 *
 * Reuse by the expectation printer
 * --------------------------------
 * Expectations print tuples exactly as conntrack entries do:
 *   ct_plain_addrs(o, &tuple, "src=", "dst=")        -> "src=A dst=B "
 *   ct_plain_addrs(o, &tuple, "mask-src=", "mask-dst=")
 *   ct_plain_proto(o, &tuple)                         -> "sport=1 dport=2 "
 *   ct_xml_addrs(o, &tuple)                           -> "<src>A</src><dst>B</dst>"
 *   ct_xml_proto(o, &tuple)                           -> "<sport>1</sport>..."
 *                                                        (clamped as above)
 *   ct_l3_name() / ct_l4_name(), ct_plain_msgtype(), ct_xml_msgtype()
 * and end with out_result() or out_result_plain(). Whether the original's
 * expectation output clamps the same pieces must be checked against it.
 */
#ifndef NFCT_PRINT_H
#define NFCT_PRINT_H

#include <string.h>

#include "object.h"

/* The output accumulator. */
struct out {
	char *buf;	/* destination; may be NULL when size is 0 */
	size_t size;	/* bytes of buf, the final NUL included */
	size_t len;	/* length of the whole output so far (may exceed size) */
	size_t lost;	/* bytes of len the return value does not count (COMPAT) */
};

static inline void out_init(struct out *o, char *buf, size_t size)
{
	o->buf = buf;
	o->size = size;
	o->len = 0;
	o->lost = 0;
}

/* Copies the part of s[0..n) that fits; used when the fast path fails. */
void out_partial(struct out *o, const char *s, size_t n);

/* Appends n bytes. */
static inline void out_mem(struct out *o, const char *s, size_t n)
{
	if (likely(o->len + n < o->size))
		memcpy(o->buf + o->len, s, n);
	else
		out_partial(o, s, n);
	o->len += n;
}

/* Appends a string literal (its length is known at compile time). */
#define out_lit(o, lit)	out_mem((o), "" lit "", sizeof(lit) - 1)

static inline void out_str(struct out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

static inline void out_char(struct out *o, char c)
{
	if (likely(o->len + 1 < o->size))
		o->buf[o->len] = c;
	o->len++;
}

/*
 * Number formatting into a plain char array, no NUL. Each returns the
 * number of characters written; dst must have room for the widest value
 * (10 for u32, 20 for u64, 8 for hex32, 15 for an IPv4 address, 45 for an
 * IPv6 address).
 */
size_t fmt_u32(char *dst, uint32_t v);
size_t fmt_u64(char *dst, uint64_t v);
size_t fmt_hex32(char *dst, uint32_t v);
size_t fmt_ipv4(char *dst, uint32_t addr_be);
size_t fmt_ipv6(char *dst, const struct in6_addr *a);

#define FMT_IPV6_MAX	45

/* Appenders for the above. */
static inline void out_u32(struct out *o, uint32_t v)
{
	if (likely(o->len + 10 < o->size)) {
		o->len += fmt_u32(o->buf + o->len, v);
	} else {
		char tmp[10];

		out_mem(o, tmp, fmt_u32(tmp, v));
	}
}

void out_u64(struct out *o, uint64_t v);
void out_hex32(struct out *o, uint32_t v);
void out_ipv4(struct out *o, uint32_t addr_be);
void out_ipv6(struct out *o, const struct in6_addr *a);

/*
 * COMPAT pieces counted differently when truncated (see the top of this
 * file). Use them in pairs around the appends of the piece:
 *   size_t mark = out_clamp_begin(o); ...appends...; out_clamp_end(o, mark);
 */
static inline size_t out_clamp_begin(const struct out *o)
{
	return o->len;
}

/* The piece counts only the bytes the buffer had room for. */
static inline void out_clamp_end(struct out *o, size_t start)
{
	size_t n = o->len - start;
	size_t room = start < o->size ? o->size - start : 0;

	if (n > room)
		o->lost += n - room;
}

static inline size_t out_if_room_begin(const struct out *o)
{
	return o->len;
}

/* The piece counts fully if the buffer had room where it started, not at
 * all otherwise. */
static inline void out_if_room_end(struct out *o, size_t start)
{
	if (start >= o->size)
		o->lost += o->len - start;
}

/* Ends the output: NUL-terminates and returns the snprintf-style length. */
int out_result(struct out *o);

/* Ends a plain-format output: the last character is dropped (COMPAT: the
 * original always removes it), then as out_result(). */
int out_result_plain(struct out *o);

/* Names. */
const char *ct_l3_name(uint8_t l3proto);	/* "ipv4", "ipv6", "unknown" */
const char *ct_l4_name(uint8_t l4proto);	/* "tcp", ..., "unknown" */
const char *ct_tcp_state_name(uint8_t state);	/* out of range: "NONE" */
const char *ct_sctp_state_name(uint8_t state);
const char *ct_dccp_state_name(uint8_t state);

/*
 * "%-8s %u " of a protocol name and number, as the plain format prints the
 * layer-3 and layer-4 protocols ("tcp      6 ").
 */
void ct_plain_protonum(struct out *o, const char *name, uint8_t num);

/* Message type prefixes: "    [NEW] ", " [UPDATE] ", "[DESTROY] " or
 * nothing; <flow type="new"> and so on, or <flow>. */
void ct_plain_msgtype(struct out *o, unsigned int msg_type);
void ct_xml_msgtype(struct out *o, unsigned int msg_type);

/*
 * Tuples in the plain format. ct_plain_addrs() prints "<src_key>A
 * <dst_key>B " for IPv4 and IPv6 tuples and nothing for other layer-3
 * protocols; keys include their '='. ct_plain_proto() prints the layer-4
 * fields by the tuple's protocol number ("sport=1 dport=2 ", "type=8 code=0
 * id=1 ", "srckey=0x1 dstkey=0x2 ") and nothing for other protocols.
 */
void ct_plain_addrs(struct out *o, const struct ct_tuple *t,
		    const char *src_key, const char *dst_key);
void ct_plain_proto(struct out *o, const struct ct_tuple *t);

/*
 * Tuples in XML. ct_xml_addrs() prints "<src>A</src><dst>B</dst>" (empty
 * elements for layer-3 protocols other than IPv4 and IPv6);
 * ct_xml_proto() prints the layer-4 fields (ports, GRE keys; nothing for
 * ICMP and unknown protocols) as one clamped piece.
 */
void ct_xml_addrs(struct out *o, const struct ct_tuple *t);
void ct_xml_proto(struct out *o, const struct ct_tuple *t);

/* <when>: the local time now (NFCT_OF_TIME), for entries and
 * expectations alike. */
void ct_xml_when(struct out *o);

/*
 * The two formats of a conntrack object (print_plain.c, print_xml.c); map
 * may be NULL (no labels printed). ct_print_plain() returns 0, or -1 when
 * the object cannot be printed. COMPAT: the original fails without the
 * layer-4 protocol, and without the layer-3 protocol when
 * NFCT_OF_SHOW_LAYER3 asks for it, after writing what comes before.
 */
struct nfct_labelmap;
int ct_print_plain(struct out *o, const struct nf_conntrack *ct,
		   unsigned int msg_type, unsigned int flags,
		   const struct nfct_labelmap *map);
void ct_print_xml(struct out *o, const struct nf_conntrack *ct,
		  unsigned int msg_type, unsigned int flags,
		  const struct nfct_labelmap *map);

/* Seconds since the epoch now, through time() so tests can substitute it. */
uint64_t ct_now(void);

/* Label map access for the printers (labels.c). */
unsigned int labelmap_size(const struct nfct_labelmap *map);
const char *labelmap_name(const struct nfct_labelmap *map, unsigned int bit);

/* The first label from *bit on that is set in b and has a non-empty name
 * in map: stores its bit in *bit and returns its name; NULL when there is
 * none (or b or map is NULL). The text formats print these. */
const char *labelmap_next(const struct nfct_labelmap *map, const struct nfct_bitmask *b,
			  unsigned int *bit);

#endif
