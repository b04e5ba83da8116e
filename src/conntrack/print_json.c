/*
 * The JSON format (NFCT_O_JSON): one object per conntrack entry, the
 * helpers expectations share with it (include/internal/print_json.h), and
 * nothing the original library has. The schema is doc/json.dox.
 *
 * Every member is printed only when the attribute behind it is set, so
 * what a program reads with the getters and what the JSON shows agree.
 */
#include <arpa/inet.h>

#include "internal/print_json.h"

#define NSEC_PER_SEC	UINT64_C(1000000000)

static const char hexdigit[16] = "0123456789abcdef";

/* Length of the valid UTF-8 sequence at s (n bytes available) that starts
 * with a byte >= 0x80, or 0 when it is not one (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xbf;

	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

void json_str(struct out *o, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0;

	out_char(o, '"');
	while (i < n && s[i] != '\0') {
		unsigned char c = s[i];

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (c >= 0x80) {
			size_t len = utf8_seq(s + i, n - i);

			if (len != 0) {
				i += len;
				continue;
			}
		}
		/* Flush the plain run before the byte to escape. */
		out_mem(o, (const char *)s + run, i - run);
		switch (c) {
		case '"':
			out_lit(o, "\\\"");
			break;
		case '\\':
			out_lit(o, "\\\\");
			break;
		case '\n':
			out_lit(o, "\\n");
			break;
		case '\r':
			out_lit(o, "\\r");
			break;
		case '\t':
			out_lit(o, "\\t");
			break;
		case '\b':
			out_lit(o, "\\b");
			break;
		case '\f':
			out_lit(o, "\\f");
			break;
		default:
			if (c < 0x20) {
				char esc[6] = { '\\', 'u', '0', '0', hexdigit[c >> 4],
						hexdigit[c & 0xf] };

				out_mem(o, esc, sizeof(esc));
			} else {
				/* Not UTF-8: the replacement character. */
				out_lit(o, "\\ufffd");
			}
			break;
		}
		i++;
		run = i;
	}
	out_mem(o, (const char *)s + run, i - run);
	out_char(o, '"');
}

/*
 * Writes a tuple object at p, which has room for JSON_TUPLE_MAX bytes, and
 * returns the end. Inlined where the attribute numbers are constants, so
 * that each presence test is a constant mask.
 */
static inline __attribute__((always_inline)) char *
tuple_put(char *p, const uint64_t *set, const struct ct_tuple *t,
	  const struct json_tuple_attrs *a, const struct ct_counters *c,
	  unsigned int packets_attr, unsigned int bytes_attr)
{
	char *first = p + 1;
	uint8_t l3 = json_isset(set, a->l3) ? t->l3proto : 0;

	*p++ = '{';
	if (l3 == AF_INET) {
		if (json_isset(set, a->v4src)) {
			p = PUT(p, "\"src\":\"");
			p += fmt_ipv4(p, t->src.v4);
			*p++ = '"';
		}
		if (json_isset(set, a->v4dst)) {
			p = sep(p, first);
			p = PUT(p, "\"dst\":\"");
			p += fmt_ipv4(p, t->dst.v4);
			*p++ = '"';
		}
	} else if (l3 == AF_INET6) {
		if (json_isset(set, a->v6src)) {
			p = PUT(p, "\"src\":\"");
			p += fmt_ipv6(p, &t->src.in6);
			*p++ = '"';
		}
		if (json_isset(set, a->v6dst)) {
			p = sep(p, first);
			p = PUT(p, "\"dst\":\"");
			p += fmt_ipv6(p, &t->dst.in6);
			*p++ = '"';
		}
	}
	if (json_isset(set, a->l4)) {
		switch (ct_l4_kind(t->l4proto)) {
		case CT_L4_PORTS:
			if (json_isset(set, a->psrc)) {
				p = sep(p, first);
				p = PUT(p, "\"sport\":");
				p += fmt_u32(p, ntohs(t->l4src.all));
			}
			if (json_isset(set, a->pdst)) {
				p = sep(p, first);
				p = PUT(p, "\"dport\":");
				p += fmt_u32(p, ntohs(t->l4dst.all));
			}
			break;
		case CT_L4_ICMP:
			if (json_isset(set, ATTR_ICMP_TYPE)) {
				p = sep(p, first);
				p = PUT(p, "\"type\":");
				p += fmt_u32(p, t->l4dst.icmp.type);
			}
			if (json_isset(set, ATTR_ICMP_CODE)) {
				p = sep(p, first);
				p = PUT(p, "\"code\":");
				p += fmt_u32(p, t->l4dst.icmp.code);
			}
			if (json_isset(set, ATTR_ICMP_ID)) {
				p = sep(p, first);
				p = PUT(p, "\"id\":");
				p += fmt_u32(p, ntohs(t->l4src.icmp_id));
			}
			break;
		case CT_L4_GRE:
			if (json_isset(set, a->psrc)) {
				p = sep(p, first);
				p = PUT(p, "\"srckey\":");
				p += fmt_u32(p, ntohs(t->l4src.all));
			}
			if (json_isset(set, a->pdst)) {
				p = sep(p, first);
				p = PUT(p, "\"dstkey\":");
				p += fmt_u32(p, ntohs(t->l4dst.all));
			}
			break;
		default:
			break;
		}
	}
	if (a->zone < ATTR_MAX && json_isset(set, a->zone)) {
		p = sep(p, first);
		p = PUT(p, "\"zone\":");
		p += fmt_u32(p, t->zone);
	}
	if (c != NULL) {
		if (json_isset(set, packets_attr)) {
			p = sep(p, first);
			p = PUT(p, "\"packets\":");
			p += fmt_u64(p, c->packets);
		}
		if (json_isset(set, bytes_attr)) {
			p = sep(p, first);
			p = PUT(p, "\"bytes\":");
			p += fmt_u64(p, c->bytes);
		}
	}
	*p++ = '}';
	return p;
}

static const struct json_tuple_attrs orig_attrs = {
	ATTR_ORIG_L3PROTO, ATTR_ORIG_L4PROTO, ATTR_ORIG_IPV4_SRC, ATTR_ORIG_IPV4_DST,
	ATTR_ORIG_IPV6_SRC, ATTR_ORIG_IPV6_DST, ATTR_ORIG_PORT_SRC, ATTR_ORIG_PORT_DST,
	ATTR_ORIG_ZONE,
};

static const struct json_tuple_attrs repl_attrs = {
	ATTR_REPL_L3PROTO, ATTR_REPL_L4PROTO, ATTR_REPL_IPV4_SRC, ATTR_REPL_IPV4_DST,
	ATTR_REPL_IPV6_SRC, ATTR_REPL_IPV6_DST, ATTR_REPL_PORT_SRC, ATTR_REPL_PORT_DST,
	ATTR_REPL_ZONE,
};

char *json_tuple_put_orig(char *p, const uint64_t *set, const struct ct_tuple *t)
{
	return tuple_put(p, set, t, &orig_attrs, NULL, 0, 0);
}

void json_time(struct out *o, const struct json_obj *j)
{
	JSON_KEY(o, j, "time");
	out_u64(o, ct_now());
}

/*
 * The protocol state: the three state attributes share one byte, so the
 * question is only which table names it. The layer-4 protocol's own
 * attribute when set (SCTP, DCCP; TCP for the others), else the first set
 * of TCP, SCTP, DCCP.
 */
static const char *state_name(const struct nf_conntrack *ct)
{
	bool tcp = ct_isset(ct, ATTR_TCP_STATE);
	bool sctp = ct_isset(ct, ATTR_SCTP_STATE);
	bool dccp = ct_isset(ct, ATTR_DCCP_STATE);
	uint8_t l4 = ct_isset(ct, ATTR_ORIG_L4PROTO) ? ct->orig.l4proto : 0;

	if (l4 == IPPROTO_SCTP && sctp)
		return ct_sctp_state_name(ct->sctp.state);
	if (l4 == IPPROTO_DCCP && dccp)
		return ct_dccp_state_name(ct->dccp.state);
	if (tcp)
		return ct_tcp_state_name(ct->tcp.state);
	if (sctp)
		return ct_sctp_state_name(ct->sctp.state);
	if (dccp)
		return ct_dccp_state_name(ct->dccp.state);
	return NULL;
}

/* Status bits as array members, quotes included, by bit number: the
 * kernel's IPS_* names without the prefix, "BIT_<n>" for the bits without
 * a name. Each fits 16 bytes, so it is copied as a whole 16-byte block. */
#define STATUS_NAME_MAX	16
static const struct {
	char text[STATUS_NAME_MAX];
	uint8_t len;
} status_names[32] = {
#define SN(s)	{ "\"" s "\"", sizeof(s) + 1 }
	SN("EXPECTED"), SN("SEEN_REPLY"), SN("ASSURED"), SN("CONFIRMED"), SN("SRC_NAT"),
	SN("DST_NAT"), SN("SEQ_ADJUST"), SN("SRC_NAT_DONE"), SN("DST_NAT_DONE"), SN("DYING"),
	SN("FIXED_TIMEOUT"), SN("TEMPLATE"), SN("UNTRACKED"), SN("HELPER"), SN("OFFLOAD"),
	SN("HW_OFFLOAD"), SN("BIT_16"), SN("BIT_17"), SN("BIT_18"), SN("BIT_19"), SN("BIT_20"),
	SN("BIT_21"), SN("BIT_22"), SN("BIT_23"), SN("BIT_24"), SN("BIT_25"), SN("BIT_26"),
	SN("BIT_27"), SN("BIT_28"), SN("BIT_29"), SN("BIT_30"), SN("BIT_31"),
#undef SN
};

/* The status array: at most 32 names, commas and brackets. */
#define STATUS_MAX	(32 * (STATUS_NAME_MAX + 1) + 2)

static char *status_put(char *p, uint32_t status)
{
	*p++ = '[';
	while (status != 0) {
		unsigned int bit = (unsigned int)__builtin_ctz(status);

		status &= status - 1;
		memcpy(p, status_names[bit].text, STATUS_NAME_MAX);
		p += status_names[bit].len;
		if (status != 0)
			*p++ = ',';
	}
	*p++ = ']';
	return p;
}

/* "labels":[...]: names of the set bits that have one in the map, or
 * every set bit's number without a map. */
static void json_labels(struct out *o, const struct json_obj *j, const struct nfct_bitmask *b,
			const struct nfct_labelmap *map)
{
	bool first = true;
	unsigned int named = map != NULL ? labelmap_size(map) : 0;

	JSON_KEY(o, j, "labels");
	out_char(o, '[');
	for (unsigned int w = 0; b != NULL && w < b->words; w++) {
		uint32_t word = b->bits[w];

		while (word != 0) {
			unsigned int bit = w * 32 + (unsigned int)__builtin_ctz(word);
			const char *name = NULL;

			word &= word - 1;
			if (map != NULL) {
				name = bit < named ? labelmap_name(map, bit) : NULL;
				if (name == NULL || name[0] == '\0')
					continue;
			}
			if (!first)
				out_char(o, ',');
			first = false;
			if (name != NULL)
				json_str(o, name, strlen(name));
			else
				out_u32(o, bit);
		}
	}
	out_char(o, ']');
}

/* The bounded part before the first string: protocols, timeout, state
 * (names of at most 16 bytes), the two tuples, the status, marks. */
#define HEAD_MAX	(160 + 2 * (10 + JSON_TUPLE_MAX) + 10 + STATUS_MAX + 2 * 22)

/* After the secctx: zone, use, id, timestamps, delta_time. */
#define MID_MAX		(3 * 20 + 14 + 3 * 30 + 16 + 32)

char *json_put_protos(char *p, const char *first, const uint64_t *set,
		      const struct ct_tuple *t, unsigned int flags)
{
	if ((flags & NFCT_OF_SHOW_LAYER3) && json_isset(set, ATTR_ORIG_L3PROTO)) {
		p = sep(p, first);
		p = PUT(p, "\"l3proto\":\"");
		p = json_put_name(p, ct_l3_name(t->l3proto));
		p = PUT(p, "\",\"l3protonum\":");
		p += fmt_u32(p, t->l3proto);
	}
	if (json_isset(set, ATTR_ORIG_L4PROTO)) {
		p = sep(p, first);
		p = PUT(p, "\"l4proto\":\"");
		p = json_put_name(p, ct_l4_name(t->l4proto));
		p = PUT(p, "\",\"l4protonum\":");
		p += fmt_u32(p, t->l4proto);
	}
	return p;
}

void ct_print_json(struct out *o, const struct nf_conntrack *ct,
		   unsigned int msg_type, unsigned int flags,
		   const struct nfct_labelmap *map)
{
	char tmp[HEAD_MAX > MID_MAX ? HEAD_MAX : MID_MAX];
	char *start = win_begin(o, tmp, HEAD_MAX);
	char *p = start, *first;
	const char *state;
	struct json_obj j;

	*p++ = '{';
	first = p;
	p = json_put_type(p, msg_type);
	p = json_put_protos(p, first, ct->set, &ct->orig, flags);
	if (ct_isset(ct, ATTR_TIMEOUT))
		PUT_U32(p, first, "timeout", ct->timeout);
	state = state_name(ct);
	if (state != NULL) {
		p = sep(p, first);
		p = PUT(p, "\"state\":\"");
		p = json_put_name(p, state);
		*p++ = '"';
	}
	p = sep(p, first);
	p = PUT(p, "\"orig\":");
	p = tuple_put(p, ct->set, &ct->orig, &orig_attrs, &ct->counters[CT_DIR_ORIG],
		      ATTR_ORIG_COUNTER_PACKETS, ATTR_ORIG_COUNTER_BYTES);
	p = PUT(p, ",\"reply\":");
	p = tuple_put(p, ct->set, &ct->repl, &repl_attrs, &ct->counters[CT_DIR_REPL],
		      ATTR_REPL_COUNTER_PACKETS, ATTR_REPL_COUNTER_BYTES);
	if (ct_isset(ct, ATTR_STATUS)) {
		p = PUT(p, ",\"status\":");
		p = status_put(p, ct->status);
	}
	if (ct_isset(ct, ATTR_MARK))
		PUT_U32(p, first, "mark", ct->mark);
	if (ct_isset(ct, ATTR_SECMARK))
		PUT_U32(p, first, "secmark", ct->secmark);
	win_end(o, tmp, start, p);
	/* "orig" came first or after something: the object has members
	 * from here on. */
	j.first = SIZE_MAX;

	if (ct_isset(ct, ATTR_SECCTX)) {
		JSON_KEY(o, &j, "secctx");
		/* Marked set through the API, it has no text: null. */
		if (ct->secctx != NULL)
			json_str(o, ct->secctx, strlen(ct->secctx));
		else
			out_lit(o, "null");
	}

	start = p = win_begin(o, tmp, MID_MAX);
	first = NULL;
	if (ct_isset(ct, ATTR_ZONE))
		PUT_U32(p, first, "zone", ct->zone);
	if (ct_isset(ct, ATTR_USE))
		PUT_U32(p, first, "use", ct->use);
	if ((flags & NFCT_OF_ID) && ct_isset(ct, ATTR_ID))
		PUT_U32(p, first, "id", ct->id);
	if ((flags & NFCT_OF_TIMESTAMP) &&
	    (ct_isset(ct, ATTR_TIMESTAMP_START) || ct_isset(ct, ATTR_TIMESTAMP_STOP) ||
	     ct_isset(ct, ATTR_TIMESTAMP_EVENT))) {
		char *ts;

		p = PUT(p, ",\"timestamp\":{");
		ts = p;
		if (ct_isset(ct, ATTR_TIMESTAMP_START)) {
			p = PUT(p, "\"start\":");
			p += fmt_u64(p, ct->ts_start);
		}
		if (ct_isset(ct, ATTR_TIMESTAMP_STOP)) {
			p = sep(p, ts);
			p = PUT(p, "\"stop\":");
			p += fmt_u64(p, ct->ts_stop);
		}
		if (ct_isset(ct, ATTR_TIMESTAMP_EVENT)) {
			p = sep(p, ts);
			p = PUT(p, "\"event\":");
			p += fmt_u64(p, ct->ts_event);
		}
		*p++ = '}';
	}
	if (ct_isset(ct, ATTR_TIMESTAMP_START)) {
		/* Whole seconds from the start to the stop (when set and not
		 * zero) or to now; 0 when the clock is behind the start. */
		uint64_t begin = ct->ts_start / NSEC_PER_SEC;
		uint64_t end = ct_isset(ct, ATTR_TIMESTAMP_STOP) && ct->ts_stop != 0 ?
			       ct->ts_stop / NSEC_PER_SEC : ct_now();

		p = PUT(p, ",\"delta_time\":");
		p += fmt_u64(p, end > begin ? end - begin : 0);
	}
	win_end(o, tmp, start, p);

	if (ct_isset(ct, ATTR_HELPER_NAME)) {
		JSON_KEY(o, &j, "helper");
		json_str(o, ct->helper_name, sizeof(ct->helper_name));
	}
	if (ct_isset(ct, ATTR_CONNLABELS))
		json_labels(o, &j, ct->labels, map);
	if (flags & NFCT_OF_TIME)
		json_time(o, &j);
	out_char(o, '}');
}
