/*
 * The XML format of a conntrack object: one <flow> element. Text is
 * written as it is stored (helper names, security contexts and label
 * names are not escaped, as in the original).
 */
#include <time.h>

#include "internal/attr.h"
#include "internal/print.h"

#define NSEC_PER_SEC	UINT64_C(1000000000)

/* <meta direction="original|reply"> of one tuple. */
static void xml_tuple(struct out *o, const struct nf_conntrack *ct, enum ct_dir dir)
{
	const struct ct_tuple *t = dir == CT_DIR_ORIG ? &ct->orig : &ct->repl;

	if (dir == CT_DIR_ORIG)
		out_lit(o, "<meta direction=\"original\"><layer3 protonum=\"");
	else
		out_lit(o, "<meta direction=\"reply\"><layer3 protonum=\"");
	out_u32(o, t->l3proto);
	out_lit(o, "\" protoname=\"");
	out_str(o, ct_l3_name(t->l3proto));
	out_lit(o, "\">");
	ct_xml_addrs(o, t);
	out_lit(o, "</layer3><layer4 protonum=\"");
	out_u32(o, t->l4proto);
	out_lit(o, "\" protoname=\"");
	out_str(o, ct_l4_name(t->l4proto));
	out_lit(o, "\">");
	ct_xml_proto(o, t);
	out_lit(o, "</layer4>");

	if (ct_isset(ct, dir == CT_DIR_ORIG ? ATTR_ORIG_ZONE : ATTR_REPL_ZONE)) {
		out_lit(o, "<zone>");
		out_u32(o, t->zone);
		out_lit(o, "</zone>");
	}
	/* COMPAT: both directions print their counters when the original
	 * direction's are set; the reply's own presence is not looked at. */
	if (ct_isset(ct, ATTR_ORIG_COUNTER_PACKETS) && ct_isset(ct, ATTR_ORIG_COUNTER_BYTES)) {
		out_lit(o, "<counters><packets>");
		out_u64(o, ct->counters[dir].packets);
		out_lit(o, "</packets><bytes>");
		out_u64(o, ct->counters[dir].bytes);
		out_lit(o, "</bytes></counters>");
	}
	out_lit(o, "</meta>");
}

static void xml_u32(struct out *o, const char *open, size_t olen,
		    const char *close, size_t clen, uint32_t v)
{
	out_mem(o, open, olen);
	out_u32(o, v);
	out_mem(o, close, clen);
}

#define XML_U32(o, tag, v) \
	xml_u32((o), "<" tag ">", sizeof(tag) + 1, "</" tag ">", sizeof(tag) + 2, (v))

static void xml_labels(struct out *o, const struct nfct_bitmask *b,
		       const struct nfct_labelmap *map)
{
	const char *name;

	out_lit(o, "<labels>");
	for (unsigned int bit = 0; (name = labelmap_next(map, b, &bit)) != NULL; bit++) {
		/* COMPAT: counted only if there was room at its start. */
		size_t mark = out_if_room_begin(o);

		out_lit(o, "<label>");
		out_str(o, name);
		out_lit(o, "</label>");
		out_if_room_end(o, mark);
	}
	out_lit(o, "</labels>");
}

/* The attributes that open <meta direction="independent">. */
#define CT_INDEPENDENT(X) \
	X(ATTR_TCP_STATE) X(ATTR_SCTP_STATE) X(ATTR_DCCP_STATE) X(ATTR_TIMEOUT) \
	X(ATTR_MARK) X(ATTR_SECMARK) X(ATTR_ZONE) X(ATTR_USE) X(ATTR_ID) \
	X(ATTR_STATUS) X(ATTR_TIMESTAMP_START) X(ATTR_TIMESTAMP_STOP) \
	X(ATTR_CONNLABELS)
#define IN_WORD(a, w)	((a) / 64 == (w) ? UINT64_C(1) << ((a) % 64) : 0)
#define WORD0(a)	| IN_WORD(a, 0)
#define WORD1(a)	| IN_WORD(a, 1)

_Static_assert(CT_SET_WORDS == 2, "the set below spells out two words");
static const struct ct_attrset independent = { {
	0 CT_INDEPENDENT(WORD0), 0 CT_INDEPENDENT(WORD1)
} };

static void xml_independent(struct out *o, const struct nf_conntrack *ct,
			    unsigned int flags, const struct nfct_labelmap *map)
{
	bool open = ct_has_any(ct, &independent);

	if (open)
		out_lit(o, "<meta direction=\"independent\">");

	/* COMPAT: one <state> per state attribute set, each named from the
	 * TCP table whatever the protocol. */
	if (ct_isset(ct, ATTR_TCP_STATE)) {
		out_lit(o, "<state>");
		out_str(o, ct_tcp_state_name(ct->tcp.state));
		out_lit(o, "</state>");
	}
	if (ct_isset(ct, ATTR_SCTP_STATE)) {
		out_lit(o, "<state>");
		out_str(o, ct_tcp_state_name(ct->sctp.state));
		out_lit(o, "</state>");
	}
	if (ct_isset(ct, ATTR_DCCP_STATE)) {
		out_lit(o, "<state>");
		out_str(o, ct_tcp_state_name(ct->dccp.state));
		out_lit(o, "</state>");
	}
	if (ct_isset(ct, ATTR_TIMEOUT))
		XML_U32(o, "timeout", ct->timeout);
	if (ct_isset(ct, ATTR_MARK))
		XML_U32(o, "mark", ct->mark);
	if (map != NULL && ct_isset(ct, ATTR_CONNLABELS))
		xml_labels(o, ct->labels, map);
	if (ct_isset(ct, ATTR_SECMARK))
		XML_U32(o, "secmark", ct->secmark);
	/* COMPAT: printed even when nothing opened the element. */
	if (ct_isset(ct, ATTR_SECCTX)) {
		out_lit(o, "<secctx>");
		out_str(o, ct->secctx ? ct->secctx : "(null)");
		out_lit(o, "</secctx>");
	}
	if (ct_isset(ct, ATTR_ZONE))
		XML_U32(o, "zone", ct->zone);
	if (ct_isset(ct, ATTR_USE))
		XML_U32(o, "use", ct->use);
	if (ct_isset(ct, ATTR_ID))
		XML_U32(o, "id", ct->id);
	if (ct_isset(ct, ATTR_STATUS)) {
		if (ct->status & IPS_ASSURED)
			out_lit(o, "<assured/>");
		if (!(ct->status & IPS_SEEN_REPLY))
			out_lit(o, "<unreplied/>");
	}
	if ((flags & NFCT_OF_TIMESTAMP) &&
	    (ct_isset(ct, ATTR_TIMESTAMP_START) || ct_isset(ct, ATTR_TIMESTAMP_STOP))) {
		out_lit(o, "<timestamp>");
		if (ct_isset(ct, ATTR_TIMESTAMP_START)) {
			out_lit(o, "<start>");
			out_u64(o, ct->ts_start);
			out_lit(o, "</start>");
		}
		if (ct_isset(ct, ATTR_TIMESTAMP_STOP)) {
			out_lit(o, "<stop>");
			out_u64(o, ct->ts_stop);
			out_lit(o, "</stop>");
		}
		out_lit(o, "</timestamp>");
	}
	if (ct_isset(ct, ATTR_TIMESTAMP_START)) {
		/* COMPAT: with the stop attribute set, the nanoseconds are
		 * subtracted first (modulo 2^64); without it, whole seconds
		 * from now. */
		uint64_t delta;

		if (ct_isset(ct, ATTR_TIMESTAMP_STOP))
			delta = (ct->ts_stop - ct->ts_start) / NSEC_PER_SEC;
		else
			delta = ct_now() - ct->ts_start / NSEC_PER_SEC;
		out_lit(o, "<deltatime>");
		out_u64(o, delta);
		out_lit(o, "</deltatime>");
	}
	if (open)
		out_lit(o, "</meta>");
}

/* <tag>v</tag> with v as "%d", or as "%02d" when pad2 (minutes and
 * seconds). */
static void xml_int(struct out *o, const char *open, size_t olen,
		    const char *close, size_t clen, int v, bool pad2)
{
	out_mem(o, open, olen);
	if (pad2 && v >= 0 && v < 10)
		out_char(o, '0');
	if (v < 0) {
		out_char(o, '-');
		out_u64(o, (uint64_t)-(int64_t)v);
	} else {
		out_u32(o, (uint32_t)v);
	}
	out_mem(o, close, clen);
}

#define XML_TAG_INT(o, tag, v, pad2) \
	xml_int((o), "<" tag ">", sizeof(tag) + 1, "</" tag ">", sizeof(tag) + 2, (v), (pad2))
#define XML_INT(o, tag, v)	XML_TAG_INT(o, tag, v, false)
#define XML_INT2(o, tag, v)	XML_TAG_INT(o, tag, v, true)

void ct_xml_when(struct out *o)
{
	time_t now = (time_t)ct_now();
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	out_lit(o, "<when>");
	XML_INT(o, "hour", tm.tm_hour);
	XML_INT2(o, "min", tm.tm_min);
	XML_INT2(o, "sec", tm.tm_sec);
	XML_INT(o, "wday", tm.tm_wday + 1);
	XML_INT(o, "day", tm.tm_mday);
	XML_INT(o, "month", tm.tm_mon + 1);
	/* tm_year + 1900 as an int, wrapping as the original's does. */
	XML_INT(o, "year", (int)(uint32_t)((int64_t)tm.tm_year + 1900));
	out_lit(o, "</when>");
}

void ct_print_xml(struct out *o, const struct nf_conntrack *ct,
		  unsigned int msg_type, unsigned int flags,
		  const struct nfct_labelmap *map)
{
	ct_xml_msgtype(o, msg_type);
	xml_tuple(o, ct, CT_DIR_ORIG);
	xml_tuple(o, ct, CT_DIR_REPL);
	xml_independent(o, ct, flags, map);
	if (flags & NFCT_OF_TIME)
		ct_xml_when(o);
	if (ct_isset(ct, ATTR_HELPER_NAME)) {
		out_lit(o, "<helper>");
		out_str(o, ct->helper_name);
		out_lit(o, "</helper>");
	}
	out_lit(o, "</flow>");
}
