/*
 * Text output of conntrack objects: the accumulator, number and address
 * formatting, names, the tuple printers shared with expectations, and the
 * public entry points. The two formats live in print_plain.c and
 * print_xml.c.
 */
#include <arpa/inet.h>
#include <time.h>

#include "internal/print.h"
#include "internal/print_json.h"

/* "00" "01" ... "99": two digits at a time. */
static const char dec2[200] =
	"00010203040506070809" "10111213141516171819" "20212223242526272829"
	"30313233343536373839" "40414243444546474849" "50515253545556575859"
	"60616263646566676869" "70717273747576777879" "80818283848586878889"
	"90919293949596979899";

static const char hexdigit[16] = "0123456789abcdef";

void out_partial(struct out *o, const char *s, size_t n)
{
	/* Room for bytes before the last one, which is kept for the NUL. */
	if (o->len + 1 < o->size) {
		size_t room = o->size - 1 - o->len;

		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
}

int out_result(struct out *o)
{
	if (o->size > 0)
		o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
	return (int)(o->len - o->lost);
}

int out_result_plain(struct out *o)
{
	size_t counted = o->len - o->lost;

	out_result(o);
	if (counted == 0)
		return 0;
	/* COMPAT: the original drops the last character whatever it is and,
	 * when the whole text fitted, writes a NUL over it (leaving the NUL
	 * after it in place). Bytes are lost only when the text did not fit,
	 * so o->len is the true length here. */
	if (o->len <= o->size)
		o->buf[o->len - 1] = '\0';
	return (int)(counted - 1);
}

static inline unsigned int u32_digits(uint32_t v)
{
	if (v < 10)
		return 1;
	if (v < 100)
		return 2;
	if (v < 1000)
		return 3;
	if (v < 10000)
		return 4;
	if (v < 100000)
		return 5;
	if (v < 1000000)
		return 6;
	if (v < 10000000)
		return 7;
	if (v < 100000000)
		return 8;
	if (v < 1000000000)
		return 9;
	return 10;
}

size_t fmt_u32(char *dst, uint32_t v)
{
	unsigned int n = u32_digits(v);
	char *p = dst + n;

	while (v >= 100) {
		unsigned int r = v % 100;

		v /= 100;
		p -= 2;
		memcpy(p, &dec2[2 * r], 2);
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, &dec2[2 * v], 2);
	} else {
		*--p = (char)('0' + v);
	}
	return n;
}

size_t fmt_u64(char *dst, uint64_t v)
{
	char tmp[20];
	char *p = tmp + sizeof(tmp);
	size_t n;

	if (v <= UINT32_MAX)
		return fmt_u32(dst, (uint32_t)v);
	while (v >= 100) {
		unsigned int r = (unsigned int)(v % 100);

		v /= 100;
		p -= 2;
		memcpy(p, &dec2[2 * r], 2);
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, &dec2[2 * v], 2);
	} else {
		*--p = (char)('0' + v);
	}
	n = (size_t)(tmp + sizeof(tmp) - p);
	memcpy(dst, p, n);
	return n;
}

size_t fmt_hex32(char *dst, uint32_t v)
{
	unsigned int n = 1;

	while (n < 8 && (v >> (4 * n)) != 0)
		n++;
	for (unsigned int i = 0; i < n; i++)
		dst[i] = hexdigit[(v >> (4 * (n - 1 - i))) & 0xf];
	return n;
}

static inline char *fmt_octet(char *p, unsigned int v)
{
	if (v >= 100) {
		*p++ = (char)('0' + v / 100);
		memcpy(p, &dec2[2 * (v % 100)], 2);
		return p + 2;
	}
	if (v >= 10) {
		memcpy(p, &dec2[2 * v], 2);
		return p + 2;
	}
	*p = (char)('0' + v);
	return p + 1;
}

size_t fmt_ipv4(char *dst, uint32_t addr_be)
{
	uint8_t b[4];
	char *p = dst;

	memcpy(b, &addr_be, 4);
	p = fmt_octet(p, b[0]);
	*p++ = '.';
	p = fmt_octet(p, b[1]);
	*p++ = '.';
	p = fmt_octet(p, b[2]);
	*p++ = '.';
	p = fmt_octet(p, b[3]);
	return (size_t)(p - dst);
}

static char *fmt_hex16(char *p, unsigned int w)
{
	if (w >= 0x1000)
		*p++ = hexdigit[w >> 12];
	if (w >= 0x100)
		*p++ = hexdigit[(w >> 8) & 0xf];
	if (w >= 0x10)
		*p++ = hexdigit[(w >> 4) & 0xf];
	*p++ = hexdigit[w & 0xf];
	return p;
}

static char *fmt_words(char *p, const unsigned int *w, int from, int to)
{
	for (int i = from; i < to; i++) {
		if (i != from)
			*p++ = ':';
		p = fmt_hex16(p, w[i]);
	}
	return p;
}

/*
 * The text form inet_ntop() gives (RFC 5952 style as glibc writes it): the
 * first longest run of two or more zero groups becomes "::", and the
 * IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) forms end in
 * dotted quad.
 */
size_t fmt_ipv6(char *dst, const struct in6_addr *a)
{
	const uint8_t *b = a->s6_addr;
	unsigned int w[8];
	int base = -1, len = 0;
	char *p = dst;

	for (int i = 0; i < 8; i++)
		w[i] = (unsigned int)b[2 * i] << 8 | b[2 * i + 1];

	for (int i = 0; i < 8; ) {
		if (w[i] != 0) {
			i++;
			continue;
		}
		int j = i;

		while (j < 8 && w[j] == 0)
			j++;
		if (j - i > len) {
			base = i;
			len = j - i;
		}
		i = j;
	}
	if (len < 2) {
		p = fmt_words(p, w, 0, 8);
		return (size_t)(p - dst);
	}
	if (base == 0 && (len == 6 || (len == 5 && w[5] == 0xffff))) {
		uint32_t v4;

		memcpy(p, "::", 2);
		p += 2;
		if (len == 5) {
			memcpy(p, "ffff:", 5);
			p += 5;
		}
		memcpy(&v4, b + 12, 4);
		p += fmt_ipv4(p, v4);
		return (size_t)(p - dst);
	}
	p = fmt_words(p, w, 0, base);
	*p++ = ':';
	*p++ = ':';
	p = fmt_words(p, w, base + len, 8);
	return (size_t)(p - dst);
}

void out_u64(struct out *o, uint64_t v)
{
	if (o->len + 20 < o->size) {
		o->len += fmt_u64(o->buf + o->len, v);
	} else {
		char tmp[20];

		out_mem(o, tmp, fmt_u64(tmp, v));
	}
}

void out_hex32(struct out *o, uint32_t v)
{
	char tmp[8];

	out_mem(o, tmp, fmt_hex32(tmp, v));
}

void out_ipv4(struct out *o, uint32_t addr_be)
{
	if (o->len + 15 < o->size) {
		o->len += fmt_ipv4(o->buf + o->len, addr_be);
	} else {
		char tmp[15];

		out_mem(o, tmp, fmt_ipv4(tmp, addr_be));
	}
}

void out_ipv6(struct out *o, const struct in6_addr *a)
{
	if (o->len + FMT_IPV6_MAX < o->size) {
		o->len += fmt_ipv6(o->buf + o->len, a);
	} else {
		char tmp[FMT_IPV6_MAX];

		out_mem(o, tmp, fmt_ipv6(tmp, a));
	}
}

uint64_t ct_now(void)
{
	return (uint64_t)time(NULL);
}

/* Names. */

const char *ct_l3_name(uint8_t l3proto)
{
	switch (l3proto) {
	case AF_INET:
		return "ipv4";
	case AF_INET6:
		return "ipv6";
	default:
		return "unknown";
	}
}

const char *ct_l4_name(uint8_t l4proto)
{
	switch (l4proto) {
	case IPPROTO_ICMP:
		return "icmp";
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_DCCP:
		return "dccp";
	case IPPROTO_GRE:
		return "gre";
	case IPPROTO_ICMPV6:
		return "icmpv6";
	case IPPROTO_SCTP:
		return "sctp";
	case IPPROTO_UDPLITE:
		return "udplite";
	default:
		return "unknown";
	}
}

static const char *const tcp_states[] = {
	"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
	"CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2",
};

static const char *const sctp_states[] = {
	"NONE", "CLOSED", "COOKIE_WAIT", "COOKIE_ECHOED", "ESTABLISHED",
	"SHUTDOWN_SENT", "SHUTDOWN_RECD", "SHUTDOWN_ACK_SENT",
	"HEARTBEAT_SENT", "HEARTBEAT_ACKED",
};

static const char *const dccp_states[] = {
	"NONE", "REQUEST", "RESPOND", "PARTOPEN", "OPEN", "CLOSEREQ",
	"CLOSING", "TIMEWAIT", "IGNORE", "INVALID",
};

/* COMPAT: the original prints "NONE" for a state beyond its table. */
const char *ct_tcp_state_name(uint8_t state)
{
	return state < ARRAY_SIZE(tcp_states) ? tcp_states[state] : tcp_states[0];
}

const char *ct_sctp_state_name(uint8_t state)
{
	return state < ARRAY_SIZE(sctp_states) ? sctp_states[state] : sctp_states[0];
}

const char *ct_dccp_state_name(uint8_t state)
{
	return state < ARRAY_SIZE(dccp_states) ? dccp_states[state] : dccp_states[0];
}

void ct_plain_protonum(struct out *o, const char *name, uint8_t num)
{
	/* "%-8s %u ": the name padded to eight columns. */
	char tmp[8 + 1 + 3 + 1];
	size_t n = strlen(name);
	char *p = tmp;

	if (n > 8) {
		out_mem(o, name, n);
		n = 8;
	} else {
		memcpy(p, name, n);
		p += n;
	}
	memset(p, ' ', 8 - n + 1);
	p += 8 - n + 1;
	p = fmt_octet(p, num);
	*p++ = ' ';
	out_mem(o, tmp, (size_t)(p - tmp));
}

void ct_plain_msgtype(struct out *o, unsigned int msg_type)
{
	switch (msg_type) {
	case NFCT_T_NEW:
		out_lit(o, "    [NEW] ");
		break;
	case NFCT_T_UPDATE:
		out_lit(o, " [UPDATE] ");
		break;
	case NFCT_T_DESTROY:
		out_lit(o, "[DESTROY] ");
		break;
	default:
		break;
	}
}

void ct_xml_msgtype(struct out *o, unsigned int msg_type)
{
	switch (msg_type) {
	case NFCT_T_NEW:
		out_lit(o, "<flow type=\"new\">");
		break;
	case NFCT_T_UPDATE:
		out_lit(o, "<flow type=\"update\">");
		break;
	case NFCT_T_DESTROY:
		out_lit(o, "<flow type=\"destroy\">");
		break;
	default:
		out_lit(o, "<flow>");
		break;
	}
}

/* Tuples. */

static inline char *put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

void ct_plain_addrs(struct out *o, const struct ct_tuple *t,
		    const char *src_key, const char *dst_key)
{
	/* Keys are short ("master-src="); two IPv6 addresses and two keys
	 * of up to 32 bytes fit. */
	char tmp[2 * (32 + FMT_IPV6_MAX + 1)];
	char *p = tmp;

	if (strlen(src_key) > 32 || strlen(dst_key) > 32)
		return;
	switch (t->l3proto) {
	case AF_INET:
		p = put_str(p, src_key);
		p += fmt_ipv4(p, t->src.v4);
		*p++ = ' ';
		p = put_str(p, dst_key);
		p += fmt_ipv4(p, t->dst.v4);
		*p++ = ' ';
		break;
	case AF_INET6:
		p = put_str(p, src_key);
		p += fmt_ipv6(p, &t->src.in6);
		*p++ = ' ';
		p = put_str(p, dst_key);
		p += fmt_ipv6(p, &t->dst.in6);
		*p++ = ' ';
		break;
	default:
		return;
	}
	out_mem(o, tmp, (size_t)(p - tmp));
}

void ct_plain_proto(struct out *o, const struct ct_tuple *t)
{
	char tmp[48];
	char *p = tmp;

	switch (ct_l4_kind(t->l4proto)) {
	case CT_L4_PORTS:
		memcpy(p, "sport=", 6);
		p += 6;
		p += fmt_u32(p, ntohs(t->l4src.all));
		memcpy(p, " dport=", 7);
		p += 7;
		p += fmt_u32(p, ntohs(t->l4dst.all));
		*p++ = ' ';
		break;
	case CT_L4_ICMP:
		memcpy(p, "type=", 5);
		p += 5;
		p += fmt_u32(p, t->l4dst.icmp.type);
		memcpy(p, " code=", 6);
		p += 6;
		p += fmt_u32(p, t->l4dst.icmp.code);
		memcpy(p, " id=", 4);
		p += 4;
		p += fmt_u32(p, ntohs(t->l4src.icmp_id));
		*p++ = ' ';
		break;
	case CT_L4_GRE:
		memcpy(p, "srckey=0x", 9);
		p += 9;
		p += fmt_hex32(p, ntohs(t->l4src.all));
		memcpy(p, " dstkey=0x", 10);
		p += 10;
		p += fmt_hex32(p, ntohs(t->l4dst.all));
		*p++ = ' ';
		break;
	default:
		return;
	}
	out_mem(o, tmp, (size_t)(p - tmp));
}

void ct_xml_addrs(struct out *o, const struct ct_tuple *t)
{
	char tmp[2 * FMT_IPV6_MAX + 24];
	char *p = tmp;

	memcpy(p, "<src>", 5);
	p += 5;
	switch (t->l3proto) {
	case AF_INET:
		p += fmt_ipv4(p, t->src.v4);
		memcpy(p, "</src><dst>", 11);
		p += 11;
		p += fmt_ipv4(p, t->dst.v4);
		break;
	case AF_INET6:
		p += fmt_ipv6(p, &t->src.in6);
		memcpy(p, "</src><dst>", 11);
		p += 11;
		p += fmt_ipv6(p, &t->dst.in6);
		break;
	default:
		memcpy(p, "</src><dst>", 11);
		p += 11;
		break;
	}
	memcpy(p, "</dst>", 6);
	p += 6;
	out_mem(o, tmp, (size_t)(p - tmp));
}

void ct_xml_proto(struct out *o, const struct ct_tuple *t)
{
	char tmp[64];
	char *p = tmp;
	size_t mark;

	switch (ct_l4_kind(t->l4proto)) {
	case CT_L4_PORTS:
		memcpy(p, "<sport>", 7);
		p += 7;
		p += fmt_u32(p, ntohs(t->l4src.all));
		memcpy(p, "</sport><dport>", 15);
		p += 15;
		p += fmt_u32(p, ntohs(t->l4dst.all));
		memcpy(p, "</dport>", 8);
		p += 8;
		break;
	case CT_L4_GRE:
		memcpy(p, "<srckey>0x", 10);
		p += 10;
		p += fmt_hex32(p, ntohs(t->l4src.all));
		memcpy(p, "</srckey><dstkey>0x", 19);
		p += 19;
		p += fmt_hex32(p, ntohs(t->l4dst.all));
		memcpy(p, "</dstkey>", 9);
		p += 9;
		break;
	default:
		return;
	}
	/* COMPAT: counted only as far as it fitted. */
	mark = out_clamp_begin(o);
	out_mem(o, tmp, (size_t)(p - tmp));
	out_clamp_end(o, mark);
}

/**
 * Writes a conntrack object as text, naming its labels.
 *
 * \param buf destination; may be NULL when \p size is 0
 * \param size bytes available at \p buf, the terminating NUL included
 * \param ct the object
 * \param msg_type what happened to the entry: NFCT_T_NEW, NFCT_T_UPDATE or
 * NFCT_T_DESTROY add a prefix ("[NEW]"... or a type attribute in XML); any
 * other value (NFCT_T_UNKNOWN) adds nothing
 * \param out_type NFCT_O_DEFAULT (one line, as conntrack -L), NFCT_O_XML,
 * or NFCT_O_JSON (one JSON object, our addition: see \ref json; it
 * prints any object, and its return value is exactly snprintf()'s)
 * \param out_flags NFCT_OF_SHOW_LAYER3 (print the layer-3 protocol),
 * NFCT_OF_TIME (XML: add the current local time), NFCT_OF_ID (print the
 * entry id; XML always does), NFCT_OF_TIMESTAMP (print the start and stop
 * times), or'ed together
 * \param map label names (see nfct_labelmap_new()), or NULL to print no
 * labels; the map is only read
 *
 * \return as snprintf(): the length of the text, not counting the NUL,
 * even when \p buf was too small and the text truncated (the buffer then
 * holds as much as fitted, NUL-terminated). When the buffer is too small
 * the count follows the original library, which counts a few pieces only
 * as far as they fitted, so use a buffer of a few kilobytes and compare
 * the result with \p size - 1 to detect truncation.
 * -1 on failure: errno ENOENT for an unknown \p out_type (nothing is
 * written); errno unchanged when the default format cannot print the
 * object because the layer-4 protocol is unset, or the layer-3 protocol is
 * unset and NFCT_OF_SHOW_LAYER3 given (what comes before is written and
 * NUL-terminated; with nothing before, the buffer is left untouched);
 * errno EINVAL when \p ct is NULL, or \p buf is NULL with a nonzero
 * \p size.
 *
 * Unlike the original, which stops the program on an assertion, a \p size
 * of 0 is accepted: nothing is written and the length is returned.
 *
 * Example: examples/nfct-mnl-dump-labels.c.
 */
NFCT_EXPORT int nfct_snprintf_labels(char *buf, unsigned int size,
				     const struct nf_conntrack *ct,
				     const unsigned int msg_type,
				     const unsigned int out_type,
				     const unsigned int out_flags,
				     struct nfct_labelmap *map)
{
	struct out o;

	if (ct == NULL || (buf == NULL && size > 0))
		return fail(EINVAL, -1);

	out_init(&o, buf, size);
	switch (out_type) {
	case NFCT_O_DEFAULT:
		if (ct_print_plain(&o, ct, msg_type, out_flags, map) < 0) {
			/* COMPAT: the original terminates what it wrote
			 * before failing, but leaves the buffer untouched,
			 * with no NUL, when it failed before writing. */
			if (o.len > 0)
				out_result(&o);
			return -1;
		}
		return out_result_plain(&o);
	case NFCT_O_XML:
		ct_print_xml(&o, ct, msg_type, out_flags, map);
		return out_result(&o);
	case NFCT_O_JSON:
		ct_print_json(&o, ct, msg_type, out_flags, map);
		return out_result(&o);
	default:
		return fail(ENOENT, -1);
	}
}

/**
 * Writes a conntrack object as text.
 *
 * \param buf destination; may be NULL when \p size is 0
 * \param size bytes available at \p buf, the terminating NUL included
 * \param ct the object
 * \param msg_type NFCT_T_NEW, NFCT_T_UPDATE, NFCT_T_DESTROY for a prefix,
 * anything else for none
 * \param out_type NFCT_O_DEFAULT, NFCT_O_XML or NFCT_O_JSON
 * \param out_flags NFCT_OF_* flags
 *
 * \return the length of the text as snprintf() does, or -1; the same as
 * nfct_snprintf_labels() with no label map, where every detail of the
 * return value and errno is described. Labels are not printed.
 *
 * Example: utils/conntrack_dump.c.
 */
NFCT_EXPORT int nfct_snprintf(char *buf, unsigned int size,
			      const struct nf_conntrack *ct,
			      const unsigned int msg_type,
			      const unsigned int out_type,
			      const unsigned int out_flags)
{
	return nfct_snprintf_labels(buf, size, ct, msg_type, out_type,
				    out_flags, NULL);
}
