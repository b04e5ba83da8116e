/*
 * The default text format of a conntrack object: one line, as conntrack -L
 * prints it. Every piece ends in a space; the accumulator's
 * out_result_plain() drops the last one.
 */
#include <time.h>

#include "internal/print.h"

#ifndef IPS_OFFLOAD
#define IPS_OFFLOAD	(1 << 14)
#endif
#ifndef IPS_HW_OFFLOAD
#define IPS_HW_OFFLOAD	(1 << 15)
#endif

#define NSEC_PER_SEC	UINT64_C(1000000000)

static const char wday_names[7][4] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};

static const char month_names[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static char *put_2d(char *p, int v)
{
	*p++ = (char)('0' + v / 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

/* "[<key>=Www Mmm dd hh:mm:ss yyyy] ": the local time of a timestamp in
 * nanoseconds, as ctime() writes it (without its newline). */
static void plain_time(struct out *o, const char *key, size_t keylen, uint64_t ns)
{
	time_t t = (time_t)(ns / NSEC_PER_SEC);
	struct tm tm;
	char tmp[64];
	char *p = tmp;

	*p++ = '[';
	memcpy(p, key, keylen);
	p += keylen;
	if (localtime_r(&t, &tm) == NULL ||
	    tm.tm_wday < 0 || tm.tm_wday > 6 || tm.tm_mon < 0 || tm.tm_mon > 11) {
		/* COMPAT: the original prints ctime()'s NULL as "(null)". */
		memcpy(p, "(null)", 6);
		p += 6;
	} else {
		long long year = (long long)tm.tm_year + 1900;

		memcpy(p, wday_names[tm.tm_wday], 3);
		p += 3;
		*p++ = ' ';
		memcpy(p, month_names[tm.tm_mon], 3);
		p += 3;
		/* "%3d" day of the month */
		*p++ = ' ';
		if (tm.tm_mday < 10) {
			*p++ = ' ';
			*p++ = (char)('0' + tm.tm_mday);
		} else {
			p = put_2d(p, tm.tm_mday);
		}
		*p++ = ' ';
		p = put_2d(p, tm.tm_hour);
		*p++ = ':';
		p = put_2d(p, tm.tm_min);
		*p++ = ':';
		p = put_2d(p, tm.tm_sec);
		*p++ = ' ';
		if (year < 0) {
			*p++ = '-';
			year = -year;
		}
		p += fmt_u64(p, (uint64_t)year);
	}
	*p++ = ']';
	*p++ = ' ';
	out_mem(o, tmp, (size_t)(p - tmp));
}

/* "labels=name,name," for the set bits that have a name in the map. */
static void plain_labels(struct out *o, const struct nfct_bitmask *b,
			 const struct nfct_labelmap *map)
{
	const char *name;

	out_lit(o, "labels=");
	for (unsigned int bit = 0; (name = labelmap_next(map, b, &bit)) != NULL; bit++) {
		/* COMPAT: a name counts only if the buffer had room where it
		 * starts. */
		size_t mark = out_if_room_begin(o);

		out_str(o, name);
		out_char(o, ',');
		out_if_room_end(o, mark);
	}
}

static void plain_counters(struct out *o, const struct ct_counters *c)
{
	out_lit(o, "packets=");
	out_u64(o, c->packets);
	out_lit(o, " bytes=");
	out_u64(o, c->bytes);
	out_char(o, ' ');
}

/* " key=<u32> " pieces. */
static inline void plain_u32(struct out *o, const char *key, size_t keylen, uint32_t v)
{
	out_mem(o, key, keylen);
	out_u32(o, v);
	out_char(o, ' ');
}

#define PLAIN_U32(o, lit, v)	plain_u32((o), "" lit "", sizeof(lit) - 1, (v))

int ct_print_plain(struct out *o, const struct nf_conntrack *ct,
		   unsigned int msg_type, unsigned int flags,
		   const struct nfct_labelmap *map)
{
	ct_plain_msgtype(o, msg_type);

	if (flags & NFCT_OF_SHOW_LAYER3) {
		if (!ct_isset(ct, ATTR_ORIG_L3PROTO))
			return -1;
		ct_plain_protonum(o, ct_l3_name(ct->orig.l3proto), ct->orig.l3proto);
	}
	if (!ct_isset(ct, ATTR_ORIG_L4PROTO))
		return -1;
	ct_plain_protonum(o, ct_l4_name(ct->orig.l4proto), ct->orig.l4proto);

	if (ct_isset(ct, ATTR_TIMEOUT)) {
		out_u32(o, ct->timeout);
		out_char(o, ' ');
	}
	/* COMPAT: each state attribute set is printed, by its own table. */
	if (ct_isset(ct, ATTR_TCP_STATE)) {
		out_str(o, ct_tcp_state_name(ct->tcp.state));
		out_char(o, ' ');
	}
	if (ct_isset(ct, ATTR_SCTP_STATE)) {
		out_str(o, ct_sctp_state_name(ct->sctp.state));
		out_char(o, ' ');
	}
	if (ct_isset(ct, ATTR_DCCP_STATE)) {
		out_str(o, ct_dccp_state_name(ct->dccp.state));
		out_char(o, ' ');
	}

	ct_plain_addrs(o, &ct->orig, "src=", "dst=");
	ct_plain_proto(o, &ct->orig);
	if (ct_isset(ct, ATTR_ORIG_ZONE))
		PLAIN_U32(o, "zone-orig=", ct->orig.zone);
	if (ct_isset(ct, ATTR_ORIG_COUNTER_PACKETS) && ct_isset(ct, ATTR_ORIG_COUNTER_BYTES))
		plain_counters(o, &ct->counters[CT_DIR_ORIG]);

	if (ct_isset(ct, ATTR_STATUS) && !(ct->status & IPS_SEEN_REPLY))
		out_lit(o, "[UNREPLIED] ");

	/* COMPAT: the reply tuple is printed whatever is set, by the values
	 * of its protocol fields (nothing shows for an all-zero tuple). */
	ct_plain_addrs(o, &ct->repl, "src=", "dst=");
	ct_plain_proto(o, &ct->repl);
	if (ct_isset(ct, ATTR_REPL_ZONE))
		PLAIN_U32(o, "zone-reply=", ct->repl.zone);
	if (ct_isset(ct, ATTR_REPL_COUNTER_PACKETS) && ct_isset(ct, ATTR_REPL_COUNTER_BYTES))
		plain_counters(o, &ct->counters[CT_DIR_REPL]);

	if (ct_isset(ct, ATTR_STATUS)) {
		if (ct->status & IPS_HW_OFFLOAD)
			out_lit(o, "[HW_OFFLOAD] ");
		else if (ct->status & IPS_OFFLOAD)
			out_lit(o, "[OFFLOAD] ");
		else if (ct->status & IPS_ASSURED)
			out_lit(o, "[ASSURED] ");
	}
	if (ct_isset(ct, ATTR_MARK))
		PLAIN_U32(o, "mark=", ct->mark);
	if (ct_isset(ct, ATTR_SECMARK))
		PLAIN_U32(o, "secmark=", ct->secmark);
	if (ct_isset(ct, ATTR_SECCTX)) {
		out_lit(o, "secctx=");
		/* COMPAT: set through nfct_set_attr(), it has no string. */
		out_str(o, ct->secctx ? ct->secctx : "(null)");
		out_char(o, ' ');
	}
	if (ct_isset(ct, ATTR_ZONE))
		PLAIN_U32(o, "zone=", ct->zone);

	if (ct_isset(ct, ATTR_TIMESTAMP_START)) {
		/* COMPAT: the end is the stop time when its value is nonzero,
		 * whether or not the attribute is set, else now; whole seconds
		 * of each are subtracted, modulo 2^64. */
		uint64_t end = ct->ts_stop ? ct->ts_stop / NSEC_PER_SEC : ct_now();

		out_lit(o, "delta-time=");
		out_u64(o, end - ct->ts_start / NSEC_PER_SEC);
		out_char(o, ' ');
	}
	if (flags & NFCT_OF_TIMESTAMP) {
		if (ct_isset(ct, ATTR_TIMESTAMP_START))
			plain_time(o, "start=", 6, ct->ts_start);
		if (ct_isset(ct, ATTR_TIMESTAMP_STOP))
			plain_time(o, "stop=", 5, ct->ts_stop);
	}
	if (ct_isset(ct, ATTR_HELPER_NAME)) {
		out_lit(o, "helper=");
		out_str(o, ct->helper_name);
		out_char(o, ' ');
	}
	if (ct_isset(ct, ATTR_USE))
		PLAIN_U32(o, "use=", ct->use);
	if ((flags & NFCT_OF_ID) && ct_isset(ct, ATTR_ID))
		PLAIN_U32(o, "id=", ct->id);
	if (map != NULL && ct_isset(ct, ATTR_CONNLABELS))
		plain_labels(o, ct->labels, map);
	return 0;
}
