/*
 * The event filter compiler: turns a struct nfct_filter into a classic BPF
 * program that the kernel runs on every ctnetlink event queued to the
 * socket.
 *
 * The program sees the netlink message: the nlmsghdr, the nfgenmsg, then
 * the conntrack attributes. It finds attributes with the kernel's netlink
 * helpers (the SKF_AD_NLATTR and SKF_AD_NLATTR_NEST ancillary loads), which
 * read attribute headers in host byte order as the kernel wrote them, and
 * loads attribute payloads with ordinary packet loads, which are
 * big-endian: exactly the byte order ctnetlink uses for addresses, marks
 * and zones. The only host-order field read directly is nlmsg_type, whose
 * subsystem byte sits at an offset that depends on the host (see
 * SUBSYS_BYTE). So one generator serves both endiannesses.
 *
 * Layout of a program:
 *
 *	if (subsystem of the message != ctnetlink) accept
 *	test 1		(falls through when the event passes it,
 *	test 2		 jumps to "reject" when it does not)
 *	...
 *	accept
 *   reject:
 *	drop
 *
 * Each test locates one value (layer-4 protocol, a protocol state, an
 * address, the mark, the zone), then compares it with the entries. An
 * event without the value passes the test, except that a missing mark or
 * zone reads as 0.
 *
 * Conditional jumps of classic BPF reach 255 instructions at most, so a
 * compare that may need to go further is written as a conditional skip
 * over an unconditional jump ("ja", 32-bit offset) to a label; labels are
 * resolved once the program is complete.
 */
#include <endian.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <libnfnetlink/linux_nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

#include "internal/filter.h"

/* Offset of the first conntrack attribute: netlink header plus the
 * nfgenmsg, each padded to 4 bytes. */
#define CT_ATTRS_OFFSET	(NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct nfgenmsg)))
/* Size of an attribute header: its payload starts this far in. */
#define NLA_PAYLOAD_OFF	NLA_HDRLEN

/* The subsystem is the high byte of the host-order nlmsg_type. */
#if __BYTE_ORDER == __LITTLE_ENDIAN
#define SUBSYS_BYTE	(offsetof(struct nlmsghdr, nlmsg_type) + 1)
#elif __BYTE_ORDER == __BIG_ENDIAN
#define SUBSYS_BYTE	(offsetof(struct nlmsghdr, nlmsg_type))
#else
#error "unknown byte order"
#endif

#define BSF_ACCEPT	0xffffffffU
#define BSF_DROP	0U
#define BSF_MAX_LABELS	32

struct bsf {
	struct sock_filter *prog;
	unsigned int len;
	bool full;
	unsigned int nlabels;
	int label_at[BSF_MAX_LABELS];		/* instruction index, -1 unbound */
	/* Instructions whose k holds a label number still to be resolved. */
	uint32_t pending[CT_BSF_MAX_INSNS / 32];
};

static unsigned int emit(struct bsf *b, uint16_t code, uint32_t k, uint8_t jt, uint8_t jf)
{
	if (b->len >= CT_BSF_MAX_INSNS) {
		b->full = true;
		return b->len;
	}
	b->prog[b->len] = (struct sock_filter){ .code = code, .jt = jt, .jf = jf, .k = k };
	return b->len++;
}

static unsigned int stmt(struct bsf *b, uint16_t code, uint32_t k)
{
	return emit(b, code, k, 0, 0);
}

static unsigned int new_label(struct bsf *b)
{
	/* The number of labels is fixed by the number of tests (at most one
	 * per attribute, direction and protocol with states). */
	if (b->nlabels >= BSF_MAX_LABELS) {
		b->full = true;
		return 0;
	}
	b->label_at[b->nlabels] = -1;
	return b->nlabels++;
}

static void bind_label(struct bsf *b, unsigned int label)
{
	b->label_at[label] = (int)b->len;
}

/* Unconditional jump to a label. */
static void jump_to(struct bsf *b, unsigned int label)
{
	unsigned int at = stmt(b, BPF_JMP | BPF_JA, label);

	if (!b->full)
		b->pending[at / 32] |= UINT32_C(1) << (at % 32);
}

/* Jumps to a label when A equals k, else goes on. */
static void jump_if_eq(struct bsf *b, uint32_t k, unsigned int label)
{
	emit(b, BPF_JMP | BPF_JEQ | BPF_K, k, 0, 1);
	jump_to(b, label);
}

/* Fills in the label offsets; fails if one was never bound. */
static int resolve(struct bsf *b)
{
	for (unsigned int i = 0; i < b->len; i++) {
		if (!((b->pending[i / 32] >> (i % 32)) & 1))
			continue;
		uint32_t label = b->prog[i].k;

		if (label >= b->nlabels || b->label_at[label] < 0 ||
		    (unsigned int)b->label_at[label] <= i)
			return -1;
		b->prog[i].k = (uint32_t)b->label_at[label] - i - 1;
	}
	return 0;
}

/*
 * Attribute lookups. Each leaves in A the offset of the attribute found
 * and jumps to missing when there is none.
 *
 * COMPAT: the original looks up the tuple parts of the IPv4 address, the
 * layer-4 protocol and the protocol state tests by scanning forward from
 * the start of the enclosing attribute's payload to the end of the message
 * (find_after()), not just inside it; for an IPv6 event, a destination
 * IPv4 test thus reaches CTA_TUPLE_PROTO (same type number as
 * CTA_IP_V4_DST) and fails. The IPv6 tests look inside the enclosing
 * attribute only (find_inside()). We search the same way so that the same
 * events pass.
 */

/* Top-level attribute of the message. */
static void find_top(struct bsf *b, uint16_t type, unsigned int missing)
{
	stmt(b, BPF_LD | BPF_IMM, CT_ATTRS_OFFSET);
	stmt(b, BPF_LDX | BPF_IMM, type);
	stmt(b, BPF_LD | BPF_W | BPF_ABS, (uint32_t)(SKF_AD_OFF + SKF_AD_NLATTR));
	jump_if_eq(b, 0, missing);
}

/* First attribute of the type from the payload of the one at A onwards. */
static void find_after(struct bsf *b, uint16_t type, unsigned int missing)
{
	stmt(b, BPF_ALU | BPF_ADD | BPF_K, NLA_PAYLOAD_OFF);
	stmt(b, BPF_LDX | BPF_IMM, type);
	stmt(b, BPF_LD | BPF_W | BPF_ABS, (uint32_t)(SKF_AD_OFF + SKF_AD_NLATTR));
	jump_if_eq(b, 0, missing);
}

/* Attribute of the type nested in the one at A. */
static void find_inside(struct bsf *b, uint16_t type, unsigned int missing)
{
	stmt(b, BPF_LDX | BPF_IMM, type);
	stmt(b, BPF_LD | BPF_W | BPF_ABS, (uint32_t)(SKF_AD_OFF + SKF_AD_NLATTR_NEST));
	jump_if_eq(b, 0, missing);
}

/* Loads the payload of the attribute at A: size is BPF_B, BPF_H or BPF_W.
 * X keeps the attribute's offset. */
static void load_payload(struct bsf *b, uint16_t size)
{
	stmt(b, BPF_MISC | BPF_TAX, 0);
	stmt(b, BPF_LD | size | BPF_IND, NLA_PAYLOAD_OFF);
}

/* One test: where a match and a mismatch go, and the label after it. */
struct test {
	unsigned int pass;
	unsigned int match;
	unsigned int mismatch;
};

static int test_begin(struct bsf *b, struct test *t, unsigned int logic, unsigned int reject)
{
	t->pass = new_label(b);
	switch (logic) {
	case NFCT_FILTER_LOGIC_POSITIVE:
		t->match = t->pass;
		t->mismatch = reject;
		return 0;
	case NFCT_FILTER_LOGIC_NEGATIVE:
		t->match = reject;
		t->mismatch = t->pass;
		return 0;
	default:
		return -1;
	}
}

/* After the compares: an event that matched nothing goes to mismatch. */
static void test_end(struct bsf *b, const struct test *t)
{
	if (t->mismatch != t->pass)
		jump_to(b, t->mismatch);
	bind_label(b, t->pass);
}

/* A is a one-byte value; the test matches when its bit is set in map
 * (bits bits long). */
static void match_bits(struct bsf *b, const struct test *t, const uint32_t *map,
		       unsigned int bits)
{
	for (unsigned int v = 0; v < bits; v++)
		if (ct_filter_bit(map, v))
			jump_if_eq(b, v, t->match);
}

static int test_l4proto(struct bsf *b, const struct nfct_filter *f, unsigned int reject)
{
	struct test t;

	if (f->proto_entries == 0)
		return 0;
	if (test_begin(b, &t, f->logic[NFCT_FILTER_L4PROTO], reject) < 0)
		return -1;
	find_top(b, CTA_TUPLE_ORIG, t.pass);
	find_after(b, CTA_TUPLE_PROTO, t.pass);
	find_after(b, CTA_PROTO_NUM, t.pass);
	load_payload(b, BPF_B);
	match_bits(b, &t, f->proto, CT_FILTER_PROTO_NUM);
	test_end(b, &t);
	return 0;
}

/* Protocols with states, and where ctnetlink puts the state. */
static const struct {
	uint8_t proto;
	uint16_t info;		/* nested in CTA_PROTOINFO */
	uint16_t state;		/* nested in info */
} state_protos[] = {
	{ IPPROTO_TCP, CTA_PROTOINFO_TCP, CTA_PROTOINFO_TCP_STATE },
	{ IPPROTO_DCCP, CTA_PROTOINFO_DCCP, CTA_PROTOINFO_DCCP_STATE },
	{ IPPROTO_SCTP, CTA_PROTOINFO_SCTP, CTA_PROTOINFO_SCTP_STATE },
};

static int test_states(struct bsf *b, const struct nfct_filter *f, unsigned int reject)
{
	unsigned int known = 0;

	if (f->state_proto_bad)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(state_protos); i++) {
		uint32_t map = f->state[state_protos[i].proto];
		struct test t;

		if (!ct_filter_bit(f->state_proto, state_protos[i].proto))
			continue;
		known++;
		/* COMPAT: with only states above 15, the original has no
		 * test for the protocol. */
		if (map == 0)
			continue;
		/* One test per protocol: an event of another protocol has no
		 * state of this one and passes it. COMPAT: the original
		 * writes a broken program for states of two protocols or
		 * more; ours tests each. */
		if (test_begin(b, &t, f->logic[NFCT_FILTER_L4PROTO_STATE], reject) < 0)
			return -1;
		find_top(b, CTA_PROTOINFO, t.pass);
		find_after(b, state_protos[i].info, t.pass);
		find_after(b, state_protos[i].state, t.pass);
		load_payload(b, BPF_B);
		match_bits(b, &t, &map, CT_FILTER_STATE_NUM);
		test_end(b, &t);
	}
	/* A state entry for a protocol without states: the original's
	 * program for it is refused by the kernel with EINVAL. */
	unsigned int entries = 0;

	for (unsigned int i = 0; i < CT_FILTER_PROTO_NUM / 32; i++)
		entries += (unsigned int)__builtin_popcount(f->state_proto[i]);
	if (entries != known)
		return -1;
	return 0;
}

static int test_ipv4(struct bsf *b, const struct nfct_filter *f, enum ct_filter_dir dir,
		     unsigned int reject)
{
	enum nfct_filter_attr attr = dir == CT_FILTER_SRC ? NFCT_FILTER_SRC_IPV4 : NFCT_FILTER_DST_IPV4;
	struct test t;

	if (f->ipv4_count[dir] == 0)
		return 0;
	if (test_begin(b, &t, f->logic[attr], reject) < 0)
		return -1;
	find_top(b, CTA_TUPLE_ORIG, t.pass);
	find_after(b, CTA_TUPLE_IP, t.pass);
	find_after(b, dir == CT_FILTER_SRC ? CTA_IP_V4_SRC : CTA_IP_V4_DST, t.pass);
	stmt(b, BPF_MISC | BPF_TAX, 0);
	for (unsigned int i = 0; i < f->ipv4_count[dir]; i++) {
		const struct nfct_filter_ipv4 *e = &f->ipv4[dir][i];

		stmt(b, BPF_LD | BPF_W | BPF_IND, NLA_PAYLOAD_OFF);
		if (e->mask != 0xffffffffU)
			stmt(b, BPF_ALU | BPF_AND | BPF_K, e->mask);
		jump_if_eq(b, e->addr, t.match);
	}
	test_end(b, &t);
	return 0;
}

static int test_ipv6(struct bsf *b, const struct nfct_filter *f, enum ct_filter_dir dir,
		     unsigned int reject)
{
	enum nfct_filter_attr attr = dir == CT_FILTER_SRC ? NFCT_FILTER_SRC_IPV6 : NFCT_FILTER_DST_IPV6;
	struct test t;

	if (f->ipv6_count[dir] == 0)
		return 0;
	if (test_begin(b, &t, f->logic[attr], reject) < 0)
		return -1;
	find_top(b, CTA_TUPLE_ORIG, t.pass);
	find_inside(b, CTA_TUPLE_IP, t.pass);
	find_inside(b, dir == CT_FILTER_SRC ? CTA_IP_V6_SRC : CTA_IP_V6_DST, t.pass);
	stmt(b, BPF_MISC | BPF_TAX, 0);
	for (unsigned int i = 0; i < f->ipv6_count[dir]; i++) {
		const struct nfct_filter_ipv6 *e = &f->ipv6[dir][i];
		unsigned int mismatch[4], n = 0;

		/* Word by word; the first word that differs moves on to the
		 * next entry. COMPAT: the original gives up on the whole
		 * test instead, so its later entries rarely match; ours
		 * tries every entry. */
		for (unsigned int w = 0; w < 4; w++) {
			if (e->mask[w] == 0)
				continue;
			stmt(b, BPF_LD | BPF_W | BPF_IND, NLA_PAYLOAD_OFF + 4 * w);
			if (e->mask[w] != 0xffffffffU)
				stmt(b, BPF_ALU | BPF_AND | BPF_K, e->mask[w]);
			mismatch[n++] = emit(b, BPF_JMP | BPF_JEQ | BPF_K, e->addr[w], 0, 0);
		}
		jump_to(b, t.match);
		/* The entry is at most 13 instructions: the skips fit. */
		for (unsigned int j = 0; j < n && !b->full; j++)
			b->prog[mismatch[j]].jf = (uint8_t)(b->len - mismatch[j] - 1);
	}
	test_end(b, &t);
	return 0;
}

/* Loads a top-level attribute's payload into X, or 0 when it is missing. */
static void load_top_or_zero(struct bsf *b, uint16_t type, uint16_t size)
{
	stmt(b, BPF_LD | BPF_IMM, CT_ATTRS_OFFSET);
	stmt(b, BPF_LDX | BPF_IMM, type);
	stmt(b, BPF_LD | BPF_W | BPF_ABS, (uint32_t)(SKF_AD_OFF + SKF_AD_NLATTR));
	/* Missing: A is 0 already, skip the load. */
	emit(b, BPF_JMP | BPF_JEQ | BPF_K, 0, 2, 0);
	load_payload(b, size);
	stmt(b, BPF_MISC | BPF_TAX, 0);
}

static int test_mark(struct bsf *b, const struct nfct_filter *f, unsigned int reject)
{
	struct test t;

	if (f->mark_count == 0)
		return 0;
	if (test_begin(b, &t, f->logic[NFCT_FILTER_MARK], reject) < 0)
		return -1;
	load_top_or_zero(b, CTA_MARK, BPF_W);
	for (unsigned int i = 0; i < f->mark_count; i++) {
		stmt(b, BPF_MISC | BPF_TXA, 0);
		if (f->mark[i].mask != 0xffffffffU)
			stmt(b, BPF_ALU | BPF_AND | BPF_K, f->mark[i].mask);
		jump_if_eq(b, f->mark[i].val, t.match);
	}
	test_end(b, &t);
	return 0;
}

static int test_zone(struct bsf *b, const struct nfct_filter *f, unsigned int reject)
{
	struct test t;

	if (f->zone_count == 0)
		return 0;
	if (test_begin(b, &t, f->logic[NFCT_FILTER_ZONE], reject) < 0)
		return -1;
	/* CTA_ZONE is a big-endian u16; the kernel leaves it out for the
	 * default zone 0. */
	load_top_or_zero(b, CTA_ZONE, BPF_H);
	stmt(b, BPF_MISC | BPF_TXA, 0);
	for (unsigned int i = 0; i < f->zone_count; i++)
		jump_if_eq(b, f->zone[i], t.match);
	test_end(b, &t);
	return 0;
}

int ct_bsf_compile(const struct nfct_filter *f, struct sock_filter *prog)
{
	struct bsf *b = calloc(1, sizeof(*b));
	unsigned int reject;
	int ret = -1;

	if (b == NULL)
		return -1;
	b->prog = prog;
	reject = new_label(b);

	/* Messages of other subsystems (expectations, errors, done) pass. */
	stmt(b, BPF_LD | BPF_B | BPF_ABS, SUBSYS_BYTE);
	emit(b, BPF_JMP | BPF_JEQ | BPF_K, NFNL_SUBSYS_CTNETLINK, 1, 0);
	stmt(b, BPF_RET | BPF_K, BSF_ACCEPT);

	if (test_l4proto(b, f, reject) < 0 ||
	    test_states(b, f, reject) < 0 ||
	    test_ipv4(b, f, CT_FILTER_SRC, reject) < 0 ||
	    test_ipv4(b, f, CT_FILTER_DST, reject) < 0 ||
	    test_ipv6(b, f, CT_FILTER_SRC, reject) < 0 ||
	    test_ipv6(b, f, CT_FILTER_DST, reject) < 0 ||
	    test_mark(b, f, reject) < 0 ||
	    test_zone(b, f, reject) < 0) {
		errno = EINVAL;
		goto out;
	}

	stmt(b, BPF_RET | BPF_K, BSF_ACCEPT);
	bind_label(b, reject);
	stmt(b, BPF_RET | BPF_K, BSF_DROP);

	if (b->full || resolve(b) < 0) {
		errno = E2BIG;
		goto out;
	}
	ret = (int)b->len;
out:
	free(b);
	return ret;
}
