/*
 * JSON output (NFCT_O_JSON): the pieces conntrack entries and expectations
 * share. The schema is documented in doc/json.dox; keep the two in step.
 *
 * JSON is our own format, so none of the COMPAT counting of print.h
 * applies: a printer appends through the accumulator and ends with
 * out_result(), which gives exact snprintf() semantics (the full length,
 * at most size - 1 bytes written plus the NUL, nothing at all for size 0).
 *
 * Objects are written with their members separated by commas; a member is
 * started with json_key(), which adds the comma unless the member is the
 * first of its object (the object's opening position is remembered in a
 * struct json_obj).
 */
#ifndef NFCT_PRINT_JSON_H
#define NFCT_PRINT_JSON_H

#include "print.h"

/* An open JSON object: where its members start. */
struct json_obj {
	size_t first;	/* o->len right after the '{' */
};

static inline void json_open(struct out *o, struct json_obj *j)
{
	out_char(o, '{');
	j->first = o->len;
}

/* Starts a member: ',' unless first, then the key literal with its quotes
 * and colon ("\"mark\":"). */
static inline void json_key(struct out *o, const struct json_obj *j, const char *key, size_t n)
{
	if (o->len != j->first)
		out_char(o, ',');
	out_mem(o, key, n);
}

#define JSON_KEY(o, j, name)	json_key((o), (j), "\"" name "\":", sizeof(name) + 2)

static inline void json_u32(struct out *o, const struct json_obj *j, const char *key, size_t n,
			    uint32_t v)
{
	json_key(o, j, key, n);
	out_u32(o, v);
}

#define JSON_U32(o, j, name, v)	json_u32((o), (j), "\"" name "\":", sizeof(name) + 2, (v))

/*
 * A JSON string of the n bytes at s (stopping early at a NUL), quotes
 * included. '"', '\\' and control characters are escaped; valid UTF-8
 * passes unchanged; every byte that is not part of a valid UTF-8 sequence
 * becomes U+FFFD, so the output is always valid UTF-8 and valid JSON.
 */
void json_str(struct out *o, const char *s, size_t n);

/* The presence bits that describe one tuple's fields. */
struct json_tuple_attrs {
	uint8_t l3, l4;			/* ATTR_*_L3PROTO, ATTR_*_L4PROTO */
	uint8_t v4src, v4dst;		/* ATTR_*_IPV4_SRC/DST */
	uint8_t v6src, v6dst;		/* ATTR_*_IPV6_SRC/DST */
	uint8_t psrc, pdst;		/* ATTR_*_PORT_SRC/DST */
	uint8_t zone;			/* ATTR_*_ZONE, or ATTR_MAX for none */
};

_Static_assert(ATTR_MAX < 256, "attribute numbers fit struct json_tuple_attrs");

/* Bit test in a presence bitmap of struct nf_conntrack's shape. */
static inline bool json_isset(const uint64_t *set, unsigned int attr)
{
	return (set[attr / 64] >> (attr % 64)) & 1;
}

/*
 * Windows of the output: a piece of bounded length is written with plain
 * pointer stores (the helpers below), straight into the caller's buffer
 * when the rest of it surely holds max bytes, else into tmp, which
 * win_end() copies through the accumulator:
 *   char tmp[MAX], *start = win_begin(o, tmp, MAX), *p = start;
 *   p = PUT(p, "..."); ...; win_end(o, tmp, start, p);
 */
static inline char *win_begin(struct out *o, char *tmp, size_t max)
{
	return o->len + max < o->size ? o->buf + o->len : tmp;
}

static inline void win_end(struct out *o, const char *tmp, char *start, const char *end)
{
	if (start == tmp)
		out_mem(o, tmp, (size_t)(end - tmp));
	else
		o->len += (size_t)(end - start);
}

static inline char *json_put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

#define PUT(p, lit)	json_put((p), "" lit "", sizeof(lit) - 1)

/* ',' before every member of an object but the first, which starts at
 * first. */
static inline char *sep(char *p, const char *first)
{
	if (p != first)
		*p++ = ',';
	return p;
}

/* A name known to need no escaping (protocol, state), without quotes. */
static inline char *json_put_name(char *p, const char *name)
{
	return json_put(p, name, strlen(name));
}

/* "type":"new" (or "update", "destroy") for an event's message type, as
 * the first member; nothing for other types. */
static inline char *json_put_type(char *p, unsigned int msg_type)
{
	switch (msg_type) {
	case NFCT_T_NEW:
		return PUT(p, "\"type\":\"new\"");
	case NFCT_T_UPDATE:
		return PUT(p, "\"type\":\"update\"");
	case NFCT_T_DESTROY:
		return PUT(p, "\"type\":\"destroy\"");
	default:
		return p;
	}
}

/* "key":<u32>, after a ',' unless first. */
#define PUT_U32(p, first, lit, v) do { \
	(p) = sep((p), (first)); \
	(p) = PUT((p), "\"" lit "\":"); \
	(p) += fmt_u32((p), (v)); \
} while (0)

/* The longest tuple object: two IPv6 addresses, two ports, a zone and two
 * 64-bit counters with their keys, well under this. */
#define JSON_TUPLE_MAX	256

/*
 * Writes the object of a tuple whose presence bits are those of a
 * conntrack original tuple (ATTR_ORIG_*; expectations store their tuples
 * so) at p, which has room for JSON_TUPLE_MAX bytes, and returns the end:
 * "src"/"dst" (when the layer-3 protocol is set to IPv4 or IPv6 and the
 * address of that family is set), the layer-4 fields by the layer-4
 * protocol when it is set ("sport"/"dport", "type"/"code"/"id" from the
 * ICMP attributes, "srckey"/"dstkey"), "zone"; no counters.
 */
char *json_tuple_put_orig(char *p, const uint64_t *set, const struct ct_tuple *t);

/*
 * The protocols of a tuple with the presence bits of a conntrack original
 * tuple, each after a ',' unless at first: "l3proto" and "l3protonum" with
 * NFCT_OF_SHOW_LAYER3 in flags, then "l4proto" and "l4protonum", each pair
 * only when that protocol is set (names of at most 16 bytes). Writes at
 * most 100 bytes at p and returns the end.
 */
char *json_put_protos(char *p, const char *first, const uint64_t *set,
		      const struct ct_tuple *t, unsigned int flags);

/* "time":<seconds since the epoch, now> (NFCT_OF_TIME). */
void json_time(struct out *o, const struct json_obj *j);

/* The conntrack format (src/conntrack/print_json.c); map may be NULL. */
void ct_print_json(struct out *o, const struct nf_conntrack *ct,
		   unsigned int msg_type, unsigned int flags,
		   const struct nfct_labelmap *map);

/* The expectation format (src/expect/print_json.c). */
struct nf_expect;
void exp_print_json(struct out *o, const struct nf_expect *exp, unsigned int msg_type,
		    unsigned int flags);

#endif
