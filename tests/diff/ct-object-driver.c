/*
 * Differential driver for the conntrack object API.
 *
 * A deterministic pseudo-random walk (fixed seeds) over the object API that
 * prints every observable result as a canonical trace: attribute values
 * (bytes, or NULL and errno), marks, groups, object options, comparisons
 * with every flag combination, copies with every flag combination, clones,
 * label bitmasks and the bitmask API. object-diff.sh runs it on our library
 * and on the original and compares the traces: they must be identical.
 *
 * Only the public API is used, and only in ways that are defined for the
 * original too:
 * - attributes 0..74 (ATTR_TIMESTAMP_EVENT, 75, exists in ours only);
 *   out-of-range ids are 76 and above, never negative;
 * - typed getters and setters only with the attribute's own width (the
 *   original reads and writes out of bounds otherwise);
 * - no NULL objects or arguments (the original asserts or crashes);
 * - ATTR_ICMP_TYPE (and the ICMP group) only with types the original's
 *   answer tables cover for the stored layer-3 protocol (it reads past
 *   them otherwise), so the driver makes sure ATTR_ORIG_L3PROTO is set and
 *   known first;
 * - the helper info is shown as present or not, never its bytes (the
 *   original's copies of it have a length of zero);
 * - the helper name is shown as a string (the bytes after its NUL differ);
 * - no copy of an object onto itself (the original's label copy then
 *   reads freed memory), no nfct_copy_attr() with an out-of-range id (the
 *   original does not check it and may crash);
 * - nothing that differs by design: sizes (nfct_sizeof(), nfct_maxsize()),
 *   pointers, errno after calls that set none in the original (setters,
 *   nfct_bitmask_new()).
 *
 * Output goes to stdout; the exit status is 0 unless something failed
 * outside the library (allocation in the driver).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

/* The attributes both libraries have. */
#define NATTR		75
/* Ids out of range in both. */
static const unsigned int bad_attrs[] = { 76, 77, 100, 1000, 0x7fffffff };

#define NOBJ		8
#define NMASK		4

/* -------------------------------------------------------------------- */
/* Pseudo-random numbers: splitmix64, so the walk is the same everywhere. */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static unsigned int rnd_below(unsigned int n)
{
	return (unsigned int)(rnd() % n);
}

#define PICK(arr)	((arr)[rnd_below(sizeof(arr) / sizeof((arr)[0]))])

/* -------------------------------------------------------------------- */
/* Attribute value types, from the public header. */

enum vkind { K_U8, K_U16, K_U32, K_U64, K_A16, K_NAME, K_SECCTX, K_INFO, K_LABELS };

static enum vkind kind_of(unsigned int a)
{
	switch (a) {
	case ATTR_ORIG_IPV6_SRC: case ATTR_ORIG_IPV6_DST:
	case ATTR_REPL_IPV6_SRC: case ATTR_REPL_IPV6_DST:
	case ATTR_MASTER_IPV6_SRC: case ATTR_MASTER_IPV6_DST:
	case ATTR_SNAT_IPV6: case ATTR_DNAT_IPV6:
		return K_A16;
	case ATTR_ORIG_PORT_SRC: case ATTR_ORIG_PORT_DST:
	case ATTR_REPL_PORT_SRC: case ATTR_REPL_PORT_DST:
	case ATTR_ICMP_ID: case ATTR_SNAT_PORT: case ATTR_DNAT_PORT:
	case ATTR_MASTER_PORT_SRC: case ATTR_MASTER_PORT_DST:
	case ATTR_ZONE: case ATTR_ORIG_ZONE: case ATTR_REPL_ZONE:
		return K_U16;
	case ATTR_ICMP_TYPE: case ATTR_ICMP_CODE:
	case ATTR_ORIG_L3PROTO: case ATTR_REPL_L3PROTO:
	case ATTR_ORIG_L4PROTO: case ATTR_REPL_L4PROTO:
	case ATTR_TCP_STATE: case ATTR_TCP_FLAGS_ORIG: case ATTR_TCP_FLAGS_REPL:
	case ATTR_TCP_MASK_ORIG: case ATTR_TCP_MASK_REPL:
	case ATTR_MASTER_L3PROTO: case ATTR_MASTER_L4PROTO:
	case ATTR_SCTP_STATE: case ATTR_DCCP_STATE: case ATTR_DCCP_ROLE:
	case ATTR_TCP_WSCALE_ORIG: case ATTR_TCP_WSCALE_REPL:
		return K_U8;
	case ATTR_ORIG_COUNTER_PACKETS: case ATTR_REPL_COUNTER_PACKETS:
	case ATTR_ORIG_COUNTER_BYTES: case ATTR_REPL_COUNTER_BYTES:
	case ATTR_DCCP_HANDSHAKE_SEQ:
	case ATTR_TIMESTAMP_START: case ATTR_TIMESTAMP_STOP:
		return K_U64;
	case ATTR_HELPER_NAME:
		return K_NAME;
	case ATTR_SECCTX:
		return K_SECCTX;
	case ATTR_HELPER_INFO:
		return K_INFO;
	case ATTR_CONNLABELS: case ATTR_CONNLABELS_MASK:
		return K_LABELS;
	default:
		return K_U32;
	}
}

static size_t int_width(enum vkind k)
{
	switch (k) {
	case K_U8: return 1;
	case K_U16: return 2;
	case K_U32: return 4;
	case K_U64: return 8;
	default: return 0;
	}
}

/* -------------------------------------------------------------------- */
/* Output. */

static unsigned long opno;

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

static void out_hex(const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		out("%02x", b[i]);
}

static void out_mask(const struct nfct_bitmask *b)
{
	unsigned int max = nfct_bitmask_maxbit(b);

	out("<max %u:", max);
	for (unsigned int i = 0; i <= max; i++)
		if (nfct_bitmask_test_bit(b, i))
			out(" %u", i);
	out(">");
}

/* One attribute as nfct_get_attr() and the typed getter of its width see
 * it. */
static void out_attr(const struct nf_conntrack *ct, unsigned int a)
{
	enum vkind k = kind_of(a);

	errno = 0;
	const void *p = nfct_get_attr(ct, a);
	int e = errno;

	out(" %u=", a);
	if (p == NULL) {
		out("NULL/%d", e);
	} else {
		switch (k) {
		case K_U8: case K_U16: case K_U32: case K_U64: case K_A16:
			out_hex(p, k == K_A16 ? 16 : int_width(k));
			break;
		case K_NAME:
			out("\"%.*s\"", NFCT_HELPER_NAME_MAX, (const char *)p);
			break;
		case K_SECCTX:
			out("\"%s\"", (const char *)p);
			break;
		case K_INFO:
			out("info");
			break;
		case K_LABELS:
			out_mask(p);
			break;
		}
	}
	if (int_width(k) != 0) {
		uint64_t v = 0;

		errno = 0;
		switch (k) {
		case K_U8: v = nfct_get_attr_u8(ct, a); break;
		case K_U16: v = nfct_get_attr_u16(ct, a); break;
		case K_U32: v = nfct_get_attr_u32(ct, a); break;
		default: v = nfct_get_attr_u64(ct, a); break;
		}
		e = errno;
		out("[%" PRIx64 "/%d]", v, e);
	}
}

/* The whole object: marks, then every attribute that is set. */
static void out_obj(const char *tag, const struct nf_conntrack *ct)
{
	char marks[NATTR + 1];

	for (unsigned int a = 0; a < NATTR; a++) {
		int r = nfct_attr_is_set(ct, a);

		marks[a] = r == 1 ? '1' : r == 0 ? '0' : '?';
	}
	marks[NATTR] = '\0';
	out("  %s %s", tag, marks);
	for (unsigned int a = 0; a < NATTR; a++)
		if (marks[a] == '1')
			out_attr(ct, a);
	out("\n");
}

/* -------------------------------------------------------------------- */
/* Value pools: small, so that equal values come up often. */

static const uint8_t l3_pool[] = { AF_INET, AF_INET6, AF_INET, AF_INET6, 0, 7 };
static const uint8_t l4_pool[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP, IPPROTO_ICMPV6,
				   IPPROTO_GRE, IPPROTO_SCTP, IPPROTO_DCCP, IPPROTO_UDPLITE,
				   0, 2, IPPROTO_TCP, IPPROTO_ICMP };
static const uint8_t icmp4_types[] = { 0, 8, 13, 14, 15, 16, 17, 18, 3, 11, 5 };
static const uint8_t icmp6_types[] = { 128, 129, 139, 140, 130, 135, 136 };
static const uint8_t icmpx_types[] = { 0, 8, 128, 129, 200, 255 };
static const uint8_t u8_pool[] = { 0, 1, 2, 3, 7, 0x80, 0xff };
static const uint16_t u16_pool[] = { 0, 1, 0x5000, 0x0004, 0xffff, 0x3412 };
static const uint32_t u32_pool[] = { 0, 1, 0x0100000a, 0x0200000a, 0x08080808, 0xffffffff, 600 };
static const uint32_t status_pool[] = {
	0, IPS_SRC_NAT_DONE, IPS_DST_NAT_DONE, IPS_SRC_NAT_DONE | IPS_DST_NAT_DONE,
	IPS_SEEN_REPLY | IPS_ASSURED | IPS_CONFIRMED,
	IPS_SEEN_REPLY | IPS_ASSURED | IPS_CONFIRMED | IPS_SRC_NAT | IPS_SRC_NAT_DONE,
	0xffffffff,
};
static const uint64_t u64_pool[] = { 0, 1, UINT64_C(1) << 40, UINT64_MAX, 12345 };
static const char *const name_pool[] = {
	"ftp", "sip", "", "amanda", "abcdefghijklmnopqrstuvwxyz", "0123456789abcde",
};
static const uint8_t a16_pool[][16] = {
	{ 0 },
	{ 0x0a, 0, 0, 1 },					/* IPv4 10.0.0.1 */
	{ 0x0a, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9 },	/* same first word */
	{ 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
	{ 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 },
	{ 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
};
static const unsigned int maxbit_pool[] = { 0, 31, 32, 63, 127, 100 };
static const unsigned int bit_pool[] = { 0, 1, 5, 31, 32, 40, 63, 64, 100, 127 };

/* -------------------------------------------------------------------- */
/* Objects and standalone bitmasks. */

static struct nf_conntrack *obj[NOBJ];
static struct nfct_bitmask *masks[NMASK];

static struct nfct_bitmask *rnd_labels(void)
{
	struct nfct_bitmask *b = nfct_bitmask_new(PICK(maxbit_pool));

	if (b == NULL) {
		fprintf(stderr, "nfct_bitmask_new failed\n");
		exit(99);
	}
	unsigned int n = rnd_below(4);

	for (unsigned int i = 0; i < n; i++)
		nfct_bitmask_set_bit(b, PICK(bit_pool));
	return b;
}

/* Makes sure the stored original layer-3 protocol is known (set), so that
 * an ICMP type can be chosen that the original's tables cover, and returns
 * the type. */
static uint8_t icmp_type_for(struct nf_conntrack *ct)
{
	if (nfct_attr_is_set(ct, ATTR_ORIG_L3PROTO) != 1) {
		uint8_t l3 = PICK(l3_pool);

		nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, l3);
		out("  (l3 %u first)", l3);
	}
	switch (nfct_get_attr_u8(ct, ATTR_ORIG_L3PROTO)) {
	case AF_INET:
		return PICK(icmp4_types);
	case AF_INET6:
		return PICK(icmp6_types);
	default:
		return PICK(icmpx_types);
	}
}

/* Sets an attribute to a value from its pool, by one of the ways the API
 * offers for its type. */
static void set_random(struct nf_conntrack *ct, unsigned int a)
{
	enum vkind k = kind_of(a);
	unsigned int how = rnd_below(3);	/* set_attr, set_attr_l, typed */
	union {
		uint8_t u8;
		uint16_t u16;
		uint32_t u32;
		uint64_t u64;
		uint8_t a16[16];
	} v;

	memset(&v, 0, sizeof(v));
	out("set %u", a);
	switch (k) {
	case K_U8:
		if (a == ATTR_ORIG_L3PROTO || a == ATTR_REPL_L3PROTO || a == ATTR_MASTER_L3PROTO)
			v.u8 = PICK(l3_pool);
		else if (a == ATTR_ORIG_L4PROTO || a == ATTR_REPL_L4PROTO ||
			 a == ATTR_MASTER_L4PROTO)
			v.u8 = PICK(l4_pool);
		else if (a == ATTR_ICMP_TYPE)
			v.u8 = icmp_type_for(ct);
		else
			v.u8 = PICK(u8_pool);
		break;
	case K_U16:
		v.u16 = PICK(u16_pool);
		break;
	case K_U32:
		v.u32 = a == ATTR_STATUS ? PICK(status_pool) : PICK(u32_pool);
		break;
	case K_U64:
		v.u64 = PICK(u64_pool);
		break;
	case K_A16:
		memcpy(v.a16, PICK(a16_pool), 16);
		break;
	case K_NAME: {
		const char *name = PICK(name_pool);

		out(" \"%s\"", name);
		if (how == 1)
			nfct_set_attr_l(ct, a, name, strlen(name) + 1);
		else
			nfct_set_attr(ct, a, name);
		out(" by %u\n", how == 1 ? 1 : 0);
		return;
	}
	case K_SECCTX:
		/* Stores nothing in both: only the mark changes. */
		nfct_set_attr(ct, a, "system_u:object_r:unlabeled_t:s0");
		out("\n");
		return;
	case K_INFO: {
		static const uint8_t info[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

		if (how == 0)
			nfct_set_attr(ct, a, info);	/* an empty buffer */
		else
			nfct_set_attr_l(ct, a, info, sizeof(info));
		out(" info by %u\n", how ? 1 : 0);
		return;
	}
	case K_LABELS: {
		struct nfct_bitmask *b = rnd_labels();

		out(" ");
		out_mask(b);
		nfct_set_attr(ct, a, b);	/* the object owns it now */
		out("\n");
		return;
	}
	}

	size_t w = k == K_A16 ? 16 : int_width(k);

	out(" ");
	out_hex(&v, w);
	if (k == K_A16 && how == 2)
		how = 0;
	switch (how) {
	case 0:
		nfct_set_attr(ct, a, &v);
		break;
	case 1:
		nfct_set_attr_l(ct, a, &v, w);
		break;
	default:
		switch (k) {
		case K_U8: nfct_set_attr_u8(ct, a, v.u8); break;
		case K_U16: nfct_set_attr_u16(ct, a, v.u16); break;
		case K_U32: nfct_set_attr_u32(ct, a, v.u32); break;
		default: nfct_set_attr_u64(ct, a, v.u64); break;
		}
		break;
	}
	out(" by %u\n", how);
}

/* -------------------------------------------------------------------- */
/* Groups. */

static size_t grp_size(unsigned int g)
{
	switch (g) {
	case ATTR_GRP_ORIG_IPV4: case ATTR_GRP_REPL_IPV4: case ATTR_GRP_MASTER_IPV4:
		return sizeof(struct nfct_attr_grp_ipv4);
	case ATTR_GRP_ORIG_IPV6: case ATTR_GRP_REPL_IPV6: case ATTR_GRP_MASTER_IPV6:
		return sizeof(struct nfct_attr_grp_ipv6);
	case ATTR_GRP_ORIG_PORT: case ATTR_GRP_REPL_PORT: case ATTR_GRP_MASTER_PORT:
		return sizeof(struct nfct_attr_grp_port);
	case ATTR_GRP_ICMP:
		return sizeof(struct nfct_attr_grp_icmp);
	case ATTR_GRP_ORIG_COUNTERS: case ATTR_GRP_REPL_COUNTERS:
		return sizeof(struct nfct_attr_grp_ctrs);
	default:
		return sizeof(union nfct_attr_grp_addr);
	}
}

static void op_group(struct nf_conntrack *ct)
{
	unsigned int g = rnd_below(ATTR_GRP_MAX);
	unsigned char buf[64];
	int r, e;

	switch (rnd_below(4)) {
	case 0: {
		for (size_t i = 0; i < sizeof(buf); i++)
			buf[i] = (unsigned char)rnd();
		/* Pool values, so that comparisons match now and then. */
		switch (g) {
		case ATTR_GRP_ORIG_IPV4: case ATTR_GRP_REPL_IPV4: case ATTR_GRP_MASTER_IPV4: {
			struct nfct_attr_grp_ipv4 v = { PICK(u32_pool), PICK(u32_pool) };

			memcpy(buf, &v, sizeof(v));
			break;
		}
		case ATTR_GRP_ORIG_IPV6: case ATTR_GRP_REPL_IPV6: case ATTR_GRP_MASTER_IPV6:
			memcpy(buf, PICK(a16_pool), 16);
			memcpy(buf + 16, PICK(a16_pool), 16);
			break;
		case ATTR_GRP_ORIG_PORT: case ATTR_GRP_REPL_PORT: case ATTR_GRP_MASTER_PORT: {
			struct nfct_attr_grp_port v = { PICK(u16_pool), PICK(u16_pool) };

			memcpy(buf, &v, sizeof(v));
			break;
		}
		case ATTR_GRP_ICMP: {
			out("#%lu grp-set-icmp", opno);
			struct nfct_attr_grp_icmp v = {
				.id = PICK(u16_pool), .code = PICK(u8_pool),
				.type = icmp_type_for(ct),
			};
			memcpy(buf, &v, sizeof(v));
			out("\n");
			break;
		}
		default:
			break;
		}
		out("#%lu grp-set %u ", opno, g);
		out_hex(buf, grp_size(g));
		nfct_set_attr_grp(ct, g, buf);
		out("\n");
		break;
	}
	case 1:
		memset(buf, 0xee, sizeof(buf));
		errno = 0;
		r = nfct_get_attr_grp(ct, g, buf);
		e = errno;
		out("#%lu grp-get %u -> %d/%d ", opno, g, r, e);
		if (r == 0)
			out_hex(buf, grp_size(g));
		out("\n");
		break;
	case 2:
		errno = 0;
		r = nfct_attr_grp_is_set(ct, g);
		e = errno;
		out("#%lu grp-isset %u -> %d/%d\n", opno, g, r, e);
		break;
	default:
		errno = 0;
		r = nfct_attr_grp_unset(ct, g);
		e = errno;
		out("#%lu grp-unset %u -> %d/%d\n", opno, g, r, e);
		break;
	}
	out_obj("=", ct);
}

/* -------------------------------------------------------------------- */
/* Comparisons. */

/* nfct_cmp() with every combination of the 7 flag bits, and
 * nfct_compare(). */
static void out_cmp(const char *tag, const struct nf_conntrack *a, const struct nf_conntrack *b)
{
	char bits[129];

	for (unsigned int f = 0; f < 128; f++) {
		int r = nfct_cmp(a, b, f);

		bits[f] = r == 1 ? '1' : r == 0 ? '0' : '?';
	}
	bits[128] = '\0';
	out("  %s cmp %s compare %d\n", tag, bits, nfct_compare(a, b));
}

/* An attribute from the ones comparisons care about, most of the time. */
static unsigned int rnd_cmp_attr(void)
{
	static const unsigned int cmp_attrs[] = {
		ATTR_ORIG_IPV4_SRC, ATTR_ORIG_IPV4_DST, ATTR_REPL_IPV4_SRC, ATTR_REPL_IPV4_DST,
		ATTR_ORIG_IPV6_SRC, ATTR_ORIG_IPV6_DST, ATTR_REPL_IPV6_SRC, ATTR_REPL_IPV6_DST,
		ATTR_ORIG_PORT_SRC, ATTR_ORIG_PORT_DST, ATTR_REPL_PORT_SRC, ATTR_REPL_PORT_DST,
		ATTR_ICMP_TYPE, ATTR_ICMP_CODE, ATTR_ICMP_ID,
		ATTR_ORIG_L3PROTO, ATTR_REPL_L3PROTO, ATTR_ORIG_L4PROTO, ATTR_REPL_L4PROTO,
		ATTR_TCP_STATE, ATTR_TIMEOUT, ATTR_MARK, ATTR_ID, ATTR_STATUS,
		ATTR_SCTP_STATE, ATTR_DCCP_STATE, ATTR_ZONE, ATTR_SECCTX,
		ATTR_CONNLABELS, ATTR_CONNLABELS_MASK, ATTR_ORIG_ZONE, ATTR_REPL_ZONE,
	};

	if (rnd_below(4) == 0)
		return rnd_below(NATTR);
	return PICK(cmp_attrs);
}

/* -------------------------------------------------------------------- */
/* Realistic entries. */

static uint32_t ip4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	uint32_t v;
	uint8_t bytes[4] = { a, b, c, d };

	memcpy(&v, bytes, 4);
	return v;
}

static void shape(struct nf_conntrack *ct, unsigned int which)
{
	static const uint8_t six_a[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const uint8_t six_b[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	static const uint8_t six_n[16] = { 0xfd, 0, [15] = 0x99 };
	struct nfct_attr_grp_ipv4 g4;
	struct nfct_attr_grp_port gp;

	switch (which) {
	case 0:	/* IPv4 TCP, source NAT */
		nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
		nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_SRC, ip4(10, 0, 0, 1));
		nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_DST, ip4(8, 8, 8, 8));
		nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_TCP);
		nfct_set_attr_u16(ct, ATTR_ORIG_PORT_SRC, htons(40000));
		nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, htons(80));
		nfct_setobjopt(ct, NFCT_SOPT_SETUP_REPLY);
		nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, ip4(192, 0, 2, 1));
		nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(1024));
		nfct_set_attr_u32(ct, ATTR_STATUS, IPS_SRC_NAT | IPS_SRC_NAT_DONE |
				  IPS_SEEN_REPLY | IPS_CONFIRMED);
		nfct_set_attr_u8(ct, ATTR_TCP_STATE, 3);
		nfct_set_attr_u32(ct, ATTR_TIMEOUT, 432000);
		break;
	case 1:	/* IPv4 UDP, destination NAT, by groups */
		g4.src = ip4(198, 51, 100, 7);
		g4.dst = ip4(203, 0, 113, 1);
		nfct_set_attr_grp(ct, ATTR_GRP_ORIG_IPV4, &g4);
		g4.src = ip4(10, 1, 1, 1);
		g4.dst = ip4(198, 51, 100, 7);
		nfct_set_attr_grp(ct, ATTR_GRP_REPL_IPV4, &g4);
		nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, IPPROTO_UDP);
		nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_UDP);
		gp.sport = htons(5353);
		gp.dport = htons(53);
		nfct_set_attr_grp(ct, ATTR_GRP_ORIG_PORT, &gp);
		gp.sport = htons(5353);
		gp.dport = htons(5353);
		nfct_set_attr_grp(ct, ATTR_GRP_REPL_PORT, &gp);
		nfct_set_attr_u32(ct, ATTR_STATUS, IPS_DST_NAT | IPS_DST_NAT_DONE);
		nfct_set_attr_u32(ct, ATTR_MARK, 7);
		break;
	case 2:	/* IPv4 ICMP echo */
		nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
		nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_SRC, ip4(10, 0, 0, 2));
		nfct_set_attr_u32(ct, ATTR_ORIG_IPV4_DST, ip4(10, 0, 0, 3));
		nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_ICMP);
		nfct_set_attr_u8(ct, ATTR_ICMP_TYPE, 8);
		nfct_set_attr_u8(ct, ATTR_ICMP_CODE, 0);
		nfct_set_attr_u16(ct, ATTR_ICMP_ID, htons(77));
		nfct_setobjopt(ct, NFCT_SOPT_SETUP_REPLY);
		nfct_set_attr_u32(ct, ATTR_TIMEOUT, 30);
		break;
	case 3:	/* IPv6 UDP with NAT66 */
		nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET6);
		nfct_set_attr(ct, ATTR_ORIG_IPV6_SRC, six_a);
		nfct_set_attr(ct, ATTR_ORIG_IPV6_DST, six_b);
		nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_UDP);
		nfct_set_attr_u16(ct, ATTR_ORIG_PORT_SRC, htons(1000));
		nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, htons(2000));
		nfct_setobjopt(ct, NFCT_SOPT_SETUP_REPLY);
		nfct_set_attr(ct, ATTR_REPL_IPV6_DST, six_n);
		nfct_set_attr(ct, ATTR_REPL_IPV6_SRC, six_n);
		nfct_set_attr_u32(ct, ATTR_STATUS, IPS_SRC_NAT_DONE | IPS_DST_NAT_DONE);
		nfct_set_attr_u16(ct, ATTR_ZONE, 3);
		break;
	case 4:	/* IPv6 ICMPv6 echo, reply tuple first */
		nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET6);
		nfct_set_attr(ct, ATTR_REPL_IPV6_SRC, six_b);
		nfct_set_attr(ct, ATTR_REPL_IPV6_DST, six_a);
		nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_ICMPV6);
		nfct_setobjopt(ct, NFCT_SOPT_SETUP_ORIGINAL);
		nfct_set_attr_u8(ct, ATTR_ICMP_TYPE, 128);
		nfct_set_attr_u8(ct, ATTR_ICMP_CODE, 0);
		nfct_set_attr_u16(ct, ATTR_ICMP_ID, htons(5));
		break;
	default:	/* a mix of everything else */
		for (unsigned int i = 0; i < 12; i++) {
			out("  ");
			set_random(ct, rnd_below(NATTR));
		}
		break;
	}
}

/* -------------------------------------------------------------------- */
/* The walk. */

static void replace(unsigned int slot, struct nf_conntrack *ct)
{
	if (ct == NULL) {
		fprintf(stderr, "object allocation failed\n");
		exit(99);
	}
	if (obj[slot] != NULL)		/* the original asserts on NULL */
		nfct_destroy(obj[slot]);
	obj[slot] = ct;
}

static unsigned int other_slot(unsigned int s)
{
	return (s + 1 + rnd_below(NOBJ - 1)) % NOBJ;
}

static void op_bitmask(void)
{
	static const unsigned int new_pool[] = { 0, 1, 31, 32, 63, 64, 100, 127, 0xffff, 0x10000 };
	static const unsigned int bits[] = { 0, 1, 31, 32, 63, 64, 100, 127, 128, 1000, 0xffff,
					     0x10000 };
	unsigned int i = rnd_below(NMASK), j = rnd_below(NMASK);
	struct nfct_bitmask *b = masks[i];

	if (b == NULL) {
		unsigned int max = PICK(new_pool);

		masks[i] = nfct_bitmask_new(max);
		out("#%lu bm-new %u %u -> %s", opno, i, max, masks[i] ? "" : "NULL");
		if (masks[i])
			out("%u", nfct_bitmask_maxbit(masks[i]));
		out("\n");
		return;
	}
	unsigned int bit = PICK(bits);

	switch (rnd_below(10)) {
	case 0:
	case 1:
		nfct_bitmask_set_bit(b, bit);
		out("#%lu bm-set %u %u -> %d\n", opno, i, bit, nfct_bitmask_test_bit(b, bit));
		break;
	case 2:
		nfct_bitmask_unset_bit(b, bit);
		out("#%lu bm-unset %u %u -> %d\n", opno, i, bit, nfct_bitmask_test_bit(b, bit));
		break;
	case 3:
		out("#%lu bm-test %u %u -> %d\n", opno, i, bit, nfct_bitmask_test_bit(b, bit));
		break;
	case 4:
		if (masks[j] != NULL)
			out("#%lu bm-equal %u %u -> %d\n", opno, i, j,
			    nfct_bitmask_equal(b, masks[j]));
		break;
	case 5:
		if (i != j) {
			nfct_bitmask_destroy(masks[j]);
			masks[j] = nfct_bitmask_clone(b);
			out("#%lu bm-clone %u -> %u ", opno, i, j);
			out_mask(masks[j]);
			out(" equal %d\n", nfct_bitmask_equal(b, masks[j]));
		}
		break;
	case 6:
		nfct_bitmask_clear(b);
		out("#%lu bm-clear %u ", opno, i);
		out_mask(b);
		out("\n");
		break;
	case 7: {
		/* Give it to an object as labels: the object owns it now. */
		unsigned int s = rnd_below(NOBJ);
		unsigned int a = rnd_below(2) ? ATTR_CONNLABELS : ATTR_CONNLABELS_MASK;

		out("#%lu bm-give %u -> obj %u attr %u\n", opno, i, s, a);
		nfct_set_attr(obj[s], a, b);
		masks[i] = NULL;
		out_obj("=", obj[s]);
		break;
	}
	case 8:
		nfct_bitmask_destroy(b);
		masks[i] = NULL;
		out("#%lu bm-destroy %u\n", opno, i);
		break;
	default:
		out("#%lu bm-show %u ", opno, i);
		out_mask(b);
		out("\n");
		break;
	}
}

static void step(void)
{
	unsigned int s = rnd_below(NOBJ);
	struct nf_conntrack *ct = obj[s];
	unsigned int r = rnd_below(100);
	int ret, e;

	opno++;
	if (r < 20) {
		out("#%lu obj %u ", opno, s);
		set_random(ct, rnd_below(4) ? rnd_cmp_attr() : rnd_below(NATTR));
		out_obj("=", ct);
	} else if (r < 25) {
		unsigned int a = rnd_below(NATTR);

		errno = 0;
		ret = nfct_attr_unset(ct, a);
		e = errno;
		out("#%lu obj %u unset %u -> %d/%d\n", opno, s, a, ret, e);
		if (rnd_below(2))
			out_obj("=", ct);
	} else if (r < 30) {
		unsigned int a = rnd_below(NATTR);

		errno = 0;
		ret = nfct_attr_is_set(ct, a);
		e = errno;
		out("#%lu obj %u get %u isset %d/%d", opno, s, a, ret, e);
		out_attr(ct, a);
		out("\n");
	} else if (r < 33) {
		enum nf_conntrack_attr list[6];
		int n = (int)rnd_below(7) - 1;	/* -1 .. 5 */

		for (int i = 0; i < 6; i++)
			list[i] = rnd_below(12) == 0 ? PICK(bad_attrs) : rnd_below(NATTR);
		errno = 0;
		ret = nfct_attr_is_set_array(ct, list, n);
		e = errno;
		out("#%lu obj %u isset-array", opno, s);
		for (int i = 0; i < n; i++)
			out(" %u", (unsigned int)list[i]);
		out(" -> %d/%d\n", ret, e);
	} else if (r < 41) {
		op_group(ct);
	} else if (r < 45) {
		unsigned int opt = rnd_below(9) == 0 ? PICK(((const unsigned int[]){ 6, 7, 100 }))
						      : rnd_below(6);

		errno = 0;
		ret = nfct_setobjopt(ct, opt);
		e = errno;
		out("#%lu obj %u setobjopt %u -> %d/%d\n", opno, s, opt, ret, e);
		out_obj("=", ct);
	} else if (r < 49) {
		out("#%lu obj %u getobjopt", opno, s);
		for (unsigned int opt = 0; opt < 6; opt++) {
			errno = 0;
			ret = nfct_getobjopt(ct, opt == 5 ? 100 : opt);
			e = errno;
			out(" %d/%d", ret, e);
		}
		out("\n");
	} else if (r < 55) {
		unsigned int t = other_slot(s);

		out("#%lu cmp %u %u\n", opno, s, t);
		out_cmp("ab", ct, obj[t]);
		out_cmp("ba", obj[t], ct);
		if (rnd_below(8) == 0)
			out_cmp("aa", ct, ct);
	} else if (r < 67) {
		/* A related pair: a clone, mutated one attribute at a time. */
		unsigned int t = other_slot(s);
		unsigned int n = 1 + rnd_below(4);

		replace(t, nfct_clone(ct));
		out("#%lu pair %u -> %u\n", opno, s, t);
		out_cmp("clone", ct, obj[t]);
		for (unsigned int i = 0; i < n; i++) {
			struct nf_conntrack *m = rnd_below(3) ? obj[t] : ct;
			unsigned int a = rnd_cmp_attr();

			out("  mutate %s ", m == ct ? "a" : "b");
			switch (rnd_below(5)) {
			case 0:
				out("unset %u -> %d\n", a, nfct_attr_unset(m, a));
				break;
			case 1:
				out("copy %u\n", a);
				nfct_copy_attr(m, m == ct ? obj[t] : ct, a);
				break;
			default:
				set_random(m, a);
				break;
			}
			out_cmp("ab", ct, obj[t]);
			out_cmp("ba", obj[t], ct);
		}
		out_obj("a", ct);
		out_obj("b", obj[t]);
	} else if (r < 73) {
		unsigned int t = other_slot(s);
		unsigned int flags = rnd_below(10) == 0 ? PICK(((const unsigned int[]){ 16, 17, 32, 0x100 }))
							: rnd_below(16);

		out("#%lu copy %u -> %u flags %u\n", opno, s, t, flags);
		nfct_copy(obj[t], ct, flags);
		out_obj("=", obj[t]);
	} else if (r < 78) {
		unsigned int t = other_slot(s);
		unsigned int a = rnd_below(NATTR);

		out("#%lu copy-attr %u -> %u attr %u", opno, s, t, a);
		nfct_copy_attr(obj[t], ct, a);
		out_attr(obj[t], a);
		out(" isset %d\n", nfct_attr_is_set(obj[t], a));
		if (rnd_below(3) == 0)
			out_obj("=", obj[t]);
	} else if (r < 81) {
		unsigned int t = other_slot(s);

		out("#%lu clone %u -> %u\n", opno, s, t);
		replace(t, nfct_clone(ct));
		out_obj("=", obj[t]);
		out_cmp("ab", ct, obj[t]);
	} else if (r < 85) {
		unsigned int which = rnd_below(7);

		out("#%lu shape %u %u\n", opno, s, which);
		if (rnd_below(2))
			replace(s, nfct_new());
		shape(obj[s], which);
		out_obj("=", obj[s]);
		out("  getobjopt");
		for (unsigned int opt = 0; opt < 4; opt++)
			out(" %d", nfct_getobjopt(obj[s], opt));
		out("\n");
	} else if (r < 91) {
		op_bitmask();
	} else if (r < 92) {
		out("#%lu renew %u\n", opno, s);
		replace(s, nfct_new());
		out_obj("=", obj[s]);
	} else if (r < 94) {
		unsigned int a = PICK(bad_attrs);
		unsigned int g = PICK(((const unsigned int[]){ ATTR_GRP_MAX, 17, 100, 1000 }));
		unsigned char buf[64] = { 0 };
		int r1, e1, r2, e2, r3, e3, r4, e4, r5, e5;
		const void *p;

		errno = 0; r1 = nfct_attr_is_set(ct, a); e1 = errno;
		errno = 0; r2 = nfct_attr_unset(ct, a); e2 = errno;
		errno = 0; p = nfct_get_attr(ct, a); e3 = errno;
		errno = 0; r4 = nfct_get_attr_grp(ct, g, buf); e4 = errno;
		errno = 0; r5 = nfct_attr_grp_is_set(ct, g); e5 = errno;
		errno = 0; r3 = nfct_attr_grp_unset(ct, g); e = errno;
		out("#%lu obj %u bad attr %u: %d/%d %d/%d %s/%d grp %u: %d/%d %d/%d %d/%d",
		    opno, s, a, r1, e1, r2, e2, p ? "ptr" : "NULL", e3, g, r4, e4, r5, e5,
		    r3, e);
		errno = 0;
		unsigned int v8 = nfct_get_attr_u8(ct, a);

		e = errno;
		out(" u8 %u/%d\n", v8, e);
		/* Ignored by both (errno aside). nfct_copy_attr() is left out:
		 * the original does not check the id and may crash. */
		nfct_set_attr_u32(ct, a, 1);
		nfct_set_attr_grp(ct, g, buf);
		out_obj("=", ct);
	} else {
		out("#%lu obj %u", opno, s);
		out_obj("dump", ct);
	}
}

int main(int argc, char **argv)
{
	static const uint64_t seeds[] = { 1, 0x5eed, 20240601 };
	unsigned long steps = argc > 1 ? strtoul(argv[1], NULL, 0) : 20000;

	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	for (size_t k = 0; k < sizeof(seeds) / sizeof(seeds[0]); k++) {
		rng_state = seeds[k];
		out("=== seed %" PRIu64 "\n", seeds[k]);
		for (unsigned int s = 0; s < NOBJ; s++)
			replace(s, nfct_new());
		for (unsigned long i = 0; i < steps; i++)
			step();
		for (unsigned int s = 0; s < NOBJ; s++) {
			out_obj("final", obj[s]);
			nfct_destroy(obj[s]);
			obj[s] = NULL;
		}
		for (unsigned int i = 0; i < NMASK; i++) {
			nfct_bitmask_destroy(masks[i]);
			masks[i] = NULL;
		}
	}
	out("=== end\n");
	return fflush(stdout) == 0 ? 0 : 1;
}
