/*
 * Expectation differential driver: builds random expectation objects and
 * random well-formed ctnetlink expectation messages, and prints every
 * observable result: attribute by attribute dumps, comparisons, clones,
 * built messages (nfexp_nlmsg_build, nfexp_build_expect,
 * nfexp_build_query), parses (nfexp_nlmsg_parse, nfexp_parse_expect) and
 * text output (nfexp_snprintf, both formats, every flag and message type,
 * every buffer size for some objects). exp-diff.sh runs it on our library
 * and on the original and compares the traces.
 *
 * Only public API. Deterministic: the seed is argv[1], the round count
 * argv[2]. time() is replaced (this program exports its own), so
 * NFCT_OF_TIME prints the same on both runs.
 *
 * Deliberately not compared (see exp-diff.sh): errno after a failed
 * nfexp_build_expect(), the marks of non-tuple attributes in what
 * nfexp_get_attr() returns for a tuple, typed access of a width the
 * attribute does not have, NULL arguments, size 0 for nfexp_snprintf(),
 * function names of more than 23 characters in messages.
 */
#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

/* A fixed clock for <when>: Tuesday 2024-03-05 06:07:08 UTC. */
time_t time(time_t *t)
{
	time_t now = 1709618828;

	if (t != NULL)
		*t = now;
	return now;
}

static uint64_t rng_state;

static uint32_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * UINT64_C(2685821657736338717)) >> 32);
}

static unsigned int pick(unsigned int n)
{
	return rnd() % n;
}

static bool chance(unsigned int percent)
{
	return pick(100) < percent;
}

static void hex(const void *p, size_t len)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < len; i++)
		printf("%02x", b[i]);
}

static uint32_t fnv(const void *p, size_t len)
{
	const unsigned char *b = p;
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

/* The conntrack attributes of an original tuple, and their sizes. */
static const struct {
	int attr;
	size_t size;
} tuple_attrs[] = {
	{ ATTR_ORIG_IPV4_SRC, 4 }, { ATTR_ORIG_IPV4_DST, 4 },
	{ ATTR_ORIG_IPV6_SRC, 16 }, { ATTR_ORIG_IPV6_DST, 16 },
	{ ATTR_ORIG_PORT_SRC, 2 }, { ATTR_ORIG_PORT_DST, 2 },
	{ ATTR_ICMP_TYPE, 1 }, { ATTR_ICMP_CODE, 1 }, { ATTR_ICMP_ID, 2 },
	{ ATTR_ORIG_L3PROTO, 1 }, { ATTR_ORIG_L4PROTO, 1 }, { ATTR_ORIG_ZONE, 2 },
};

#define NTUPLE_ATTRS (sizeof(tuple_attrs) / sizeof(tuple_attrs[0]))

static void dump_head(const struct nf_conntrack *ct)
{
	printf("{");
	for (size_t i = 0; i < NTUPLE_ATTRS; i++) {
		int a = tuple_attrs[i].attr;

		if (nfct_attr_is_set(ct, a) != 1)
			continue;
		printf("%d=", a);
		hex(nfct_get_attr(ct, a), tuple_attrs[i].size);
		printf(",");
	}

	struct nfct_attr_grp_ipv4 g4;
	struct nfct_attr_grp_port gp;

	if (nfct_get_attr_grp(ct, ATTR_GRP_ORIG_IPV4, &g4) == 0)
		printf("g4=%08x/%08x,", g4.src, g4.dst);
	if (nfct_get_attr_grp(ct, ATTR_GRP_ORIG_PORT, &gp) == 0)
		printf("gp=%04x/%04x,", gp.sport, gp.dport);
	printf("}");
}

static void dump_exp(const struct nf_expect *exp)
{
	for (int a = 0; a < ATTR_EXP_MAX; a++) {
		int set = nfexp_attr_is_set(exp, a);

		errno = 0;
		const void *v = nfexp_get_attr(exp, a);
		int err = errno;

		if (!set) {
			printf(" %d:-%s%d", a, v ? "ptr" : "", err);
			continue;
		}
		printf(" %d:", a);
		if (v == NULL) {
			printf("NULL%d", err);
			continue;
		}
		switch (a) {
		case ATTR_EXP_MASTER:
		case ATTR_EXP_EXPECTED:
		case ATTR_EXP_MASK:
		case ATTR_EXP_NAT_TUPLE:
			dump_head(v);
			break;
		case ATTR_EXP_HELPER_NAME:
		case ATTR_EXP_FN:
			printf("'%s'", (const char *)v);
			break;
		case ATTR_EXP_ZONE:
			printf("%u/%u/%u", nfexp_get_attr_u16(exp, a), nfexp_get_attr_u8(exp, a),
			       *(const uint16_t *)v);
			break;
		default:
			printf("%u/%u/%u", nfexp_get_attr_u32(exp, a), nfexp_get_attr_u16(exp, a),
			       nfexp_get_attr_u8(exp, a));
			break;
		}
	}
	/* Getters of unset or out-of-range attributes. */
	errno = 0;
	uint32_t v = nfexp_get_attr_u32(exp, ATTR_EXP_MAX);
	printf(" oob=%u/%d", v, errno);
	printf("\n");
}

/* The original's libmnl leaves attribute padding as the buffer had it;
 * ours writes zeros. Padding carries nothing: zeroed before comparing. */
static void zero_padding(char *p, size_t len)
{
	size_t off = 0;

	while (off + sizeof(struct nlattr) <= len) {
		struct nlattr *a = (struct nlattr *)(p + off);
		size_t alen = a->nla_len, aligned = MNL_ALIGN(alen);

		if (alen < sizeof(struct nlattr) || off + alen > len)
			return;
		if (a->nla_type & NLA_F_NESTED)
			zero_padding(p + off + MNL_ATTR_HDRLEN, alen - MNL_ATTR_HDRLEN);
		if (off + aligned <= len)
			memset(p + off + alen, 0, aligned - alen);
		off += aligned;
	}
}

static void print_msg(const char *tag, int ret, const struct nlmsghdr *nlh)
{
	if (nlh->nlmsg_len <= 8192 && nlh->nlmsg_len >= MNL_NLMSG_HDRLEN + 4)
		zero_padding((char *)nlh + MNL_NLMSG_HDRLEN + 4,
			     nlh->nlmsg_len - MNL_NLMSG_HDRLEN - 4);
	printf("%s ret=%d len=%u type=%x flags=%x seq=%u pid=%u ", tag, ret, nlh->nlmsg_len,
	       nlh->nlmsg_type, nlh->nlmsg_flags, nlh->nlmsg_seq, nlh->nlmsg_pid);
	if (nlh->nlmsg_len <= 8192)
		hex(nlh, nlh->nlmsg_len);
	printf("\n");
}

static const uint8_t l4protos[] = { 6, 17, 136, 132, 33, 47, 1, 58, 99, 0 };
static const uint8_t families[] = { AF_INET, AF_INET6, AF_INET, AF_INET6, AF_INET, 0, 7 };

/* A random conntrack object to hand over as a tuple. */
static struct nf_conntrack *random_ct(uint8_t fam)
{
	struct nf_conntrack *ct = nfct_new();
	unsigned int density = 20 + pick(80);

	if (chance(90))
		nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, chance(85) ? fam : families[pick(7)]);
	if (chance(85))
		nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, l4protos[pick(sizeof(l4protos))]);
	for (size_t i = 0; i < NTUPLE_ATTRS; i++) {
		int a = tuple_attrs[i].attr;
		unsigned char v[16];

		if (a == ATTR_ORIG_L3PROTO || a == ATTR_ORIG_L4PROTO || !chance(density))
			continue;
		for (size_t j = 0; j < sizeof(v); j++)
			v[j] = (unsigned char)(chance(40) ? pick(3) : rnd());
		nfct_set_attr(ct, a, v);
	}
	/* Attributes outside the tuple: never part of an expectation. */
	if (chance(30))
		nfct_set_attr_u32(ct, ATTR_TIMEOUT, rnd());
	if (chance(30))
		nfct_set_attr_u32(ct, ATTR_MARK, rnd());
	if (chance(30))
		nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, rnd());
	/* Unset marks keep their value: printing and building use it. */
	if (chance(20))
		nfct_attr_unset(ct, tuple_attrs[pick(NTUPLE_ATTRS)].attr);
	return ct;
}

static const char *const helper_names[] = {
	"ftp", "sip", "", "tftp", "a-very-long-helper-name-x", "0123456789abcde",
	"0123456789abcdef", "irc", "amanda",
};

static const char *const fn_names[] = {
	"nat-follow-master", "sip", "", "0123456789abcdefghijklm", "0123456789abcdefghijklmn",
	"0123456789abcdefghijklmnopqrstuvwxyz", "callforwarding",
};

static struct nf_expect *random_exp(void)
{
	struct nf_expect *exp = nfexp_new();
	uint8_t fam = families[pick(5)];
	unsigned int density = 20 + pick(80);

	static const int tuples[] = { ATTR_EXP_MASTER, ATTR_EXP_EXPECTED, ATTR_EXP_MASK,
				      ATTR_EXP_NAT_TUPLE };
	for (size_t i = 0; i < 4; i++) {
		if (!chance(i == 3 ? density / 2 : 30 + density / 2))
			continue;
		struct nf_conntrack *ct = random_ct(fam);

		nfexp_set_attr(exp, tuples[i], ct);
		nfct_destroy(ct);
	}
	if (chance(density))
		nfexp_set_attr_u32(exp, ATTR_EXP_TIMEOUT, chance(50) ? pick(1000) : rnd());
	if (chance(density))
		nfexp_set_attr_u16(exp, ATTR_EXP_ZONE, (uint16_t)(chance(50) ? pick(3) : rnd()));
	if (chance(density))
		nfexp_set_attr_u32(exp, ATTR_EXP_FLAGS, chance(70) ? pick(16) : rnd());
	if (chance(density))
		nfexp_set_attr(exp, ATTR_EXP_HELPER_NAME, helper_names[pick(9)]);
	if (chance(density))
		nfexp_set_attr_u32(exp, ATTR_EXP_CLASS, chance(70) ? pick(4) : rnd());
	if (chance(density))
		nfexp_set_attr_u32(exp, ATTR_EXP_NAT_DIR, pick(3));
	if (chance(density))
		nfexp_set_attr(exp, ATTR_EXP_FN, fn_names[pick(7)]);
	while (chance(15))
		nfexp_attr_unset(exp, pick(ATTR_EXP_MAX));
	return exp;
}

/* Text output: every format, flag and message type at full size; every
 * buffer size when all is asked. */
static void test_print(const struct nf_expect *exp, bool all)
{
	static const unsigned int types[] = { NFCT_T_UNKNOWN, NFCT_T_NEW, NFCT_T_UPDATE,
					      NFCT_T_DESTROY, NFCT_T_ERROR, 99 };
	char buf[4096];

	for (unsigned int fmt = 0; fmt < 2; fmt++) {
		for (unsigned int t = 0; t < 6; t++) {
			unsigned int flags = t == 0 ? pick(16) : 0;
			int r;

			memset(buf, '#', sizeof(buf));
			r = nfexp_snprintf(buf, sizeof(buf), exp, types[t], fmt, flags);
			printf("print fmt=%u type=%u flags=%u r=%d [%s] tail=%02x\n", fmt, types[t],
			       flags, r, buf, r >= 0 && r < 4000 ? (unsigned char)buf[r + 1] : 0);
		}
		memset(buf, '#', sizeof(buf));

		int full = nfexp_snprintf(buf, sizeof(buf), exp, NFCT_T_UNKNOWN, fmt, NFCT_OF_TIME);

		if (!all || full < 0 || full > 4000)
			continue;
		/* Every size: the return value and the whole buffer. */
		uint32_t h = 0;

		printf("sizes fmt=%u:", fmt);
		for (int size = 1; size <= full + 2; size++) {
			memset(buf, '#', sizeof(buf));
			int r = nfexp_snprintf(buf, (unsigned int)size, exp, NFCT_T_UNKNOWN, fmt,
					       NFCT_OF_TIME);

			printf(" %d", r);
			h = h * 31 + fnv(buf, (size_t)size + 2);
		}
		printf(" hash=%08x\n", h);
	}
	/* An output type neither library has (2 is our NFCT_O_JSON). */
	int r = nfexp_snprintf(buf, sizeof(buf), exp, NFCT_T_UNKNOWN, 3, 0);

	printf("print fmt=3 r=%d\n", r);
}

static void test_build(const struct nf_expect *exp, int i)
{
	char buf[8192];
	struct nlmsghdr *nlh;
	char tag[64];
	int ret;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK_EXP << 8) | IPCTNL_MSG_EXP_NEW;
	struct nfgenmsg *nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));

	nfg->nfgen_family = AF_INET;
	errno = 0;
	ret = nfexp_nlmsg_build(nlh, exp);
	snprintf(tag, sizeof(tag), "nlmsg_build %d errno=%d", i, errno);
	print_msg(tag, ret, nlh);

	/* What it parses back to. */
	struct nf_expect *back = nfexp_new();

	ret = nfexp_nlmsg_parse(nlh, back);
	printf("reparse %d ret=%d:", i, ret);
	dump_exp(back);
	nfexp_destroy(back);
}

static void test_legacy(const struct nf_expect *exp, int i)
{
	struct nfnl_handle *h = nfnl_open();
	char buf[8192];
	char tag[64];
	int ret;

	if (h == NULL) {
		printf("nfnl_open failed\n");
		return;
	}

	struct nfnl_subsys_handle *ssh_exp = nfnl_subsys_open(h, NFNL_SUBSYS_CTNETLINK_EXP,
							       IPCTNL_MSG_EXP_MAX, 0);
	struct nfnl_subsys_handle *ssh_ct = nfnl_subsys_open(h, NFNL_SUBSYS_CTNETLINK,
							      IPCTNL_MSG_MAX, 0);
	static const uint16_t types[] = { IPCTNL_MSG_EXP_NEW, IPCTNL_MSG_EXP_GET,
					  IPCTNL_MSG_EXP_DELETE };
	static const uint16_t flags[] = { 0, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK,
					  NLM_F_REQUEST | NLM_F_ACK };

	for (int s = 0; s < 2; s++) {
		memset(buf, 0x5a, sizeof(buf));
		ret = nfexp_build_expect(s ? ssh_ct : ssh_exp, buf, sizeof(buf), types[pick(3)],
					 flags[pick(3)], exp);
		snprintf(tag, sizeof(tag), "build_expect %d/%d", i, s);
		if (ret == 0)
			print_msg(tag, ret, (const void *)buf);
		else
			printf("%s ret=%d\n", tag, ret);
	}
	for (int q = NFCT_Q_CREATE; q <= NFCT_Q_FLUSH_FILTER + 1; q++) {
		uint32_t family = families[pick(7)];
		const void *data = (q == NFCT_Q_FLUSH || q == NFCT_Q_DUMP || q == NFCT_Q_DUMP_RESET)
				   ? (const void *)&family : (const void *)exp;

		memset(buf, 0x5a, sizeof(buf));
		errno = 0;
		ret = nfexp_build_query(ssh_exp, q, data, buf, sizeof(buf));
		snprintf(tag, sizeof(tag), "build_query %d/%d errno=%d", i, q, errno);
		if (ret >= 0)
			print_msg(tag, ret, (const void *)buf);
		else
			printf("%s ret=%d\n", tag, ret);
	}
	nfnl_subsys_close(ssh_ct);
	nfnl_subsys_close(ssh_exp);
	nfnl_close(h);
}

/* Comparisons: a pool of objects, some of them clones with one change. */
static void test_cmp(struct nf_expect **pool, int n, int i)
{
	static const unsigned int flags[] = {
		NFCT_CMP_ALL, NFCT_CMP_MASK, NFCT_CMP_STRICT, NFCT_CMP_MASK | NFCT_CMP_STRICT,
		NFCT_CMP_ORIG, NFCT_CMP_REPL, NFCT_CMP_TIMEOUT_EQ, NFCT_CMP_TIMEOUT_GT,
		NFCT_CMP_TIMEOUT_LT, NFCT_CMP_TIMEOUT_GE | NFCT_CMP_MASK,
	};

	printf("cmp %d:", i);
	for (int a = 0; a < n; a++)
		for (int b = 0; b < n; b++)
			for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++)
				printf("%d", nfexp_cmp(pool[a], pool[b], flags[f]));
	printf("\n");
}

/* One change to a clone, so comparisons see near-equal objects. */
static void mutate(struct nf_expect *exp)
{
	unsigned int a = pick(ATTR_EXP_MAX);

	switch (pick(4)) {
	case 0:
		nfexp_attr_unset(exp, a);
		break;
	case 1:
		if (a == ATTR_EXP_MASTER || a == ATTR_EXP_EXPECTED || a == ATTR_EXP_MASK ||
		    a == ATTR_EXP_NAT_TUPLE) {
			struct nf_conntrack *ct = random_ct(families[pick(5)]);

			nfexp_set_attr(exp, a, ct);
			nfct_destroy(ct);
		} else if (a == ATTR_EXP_HELPER_NAME) {
			nfexp_set_attr(exp, a, helper_names[pick(9)]);
		} else if (a == ATTR_EXP_FN) {
			nfexp_set_attr(exp, a, fn_names[pick(7)]);
		} else if (a == ATTR_EXP_ZONE) {
			nfexp_set_attr_u16(exp, a, (uint16_t)pick(3));
		} else {
			nfexp_set_attr_u32(exp, a, pick(3));
		}
		break;
	case 2: {
		/* A tuple that differs in one field only. */
		const struct nf_conntrack *t = nfexp_get_attr(exp, ATTR_EXP_EXPECTED);

		if (t != NULL) {
			struct nf_conntrack *ct = nfct_new();

			nfct_copy(ct, t, NFCT_CP_ORIG);
			if (nfct_attr_is_set(t, ATTR_ORIG_ZONE))
				nfct_set_attr_u16(ct, ATTR_ORIG_ZONE, nfct_get_attr_u16(t, ATTR_ORIG_ZONE));
			if (chance(50))
				nfct_set_attr_u16(ct, ATTR_ORIG_PORT_DST, (uint16_t)pick(3));
			else
				nfct_attr_unset(ct, tuple_attrs[pick(NTUPLE_ATTRS)].attr);
			nfexp_set_attr(exp, ATTR_EXP_EXPECTED, ct);
			nfct_destroy(ct);
		}
		break;
	}
	default:
		break;
	}
}

static void test_objects(int i)
{
	struct nf_expect *pool[6];
	int n = 0;

	pool[n++] = random_exp();
	pool[n++] = random_exp();
	for (int k = 0; k < 4; k++) {
		pool[n] = nfexp_clone(pool[pick((unsigned int)n)]);
		mutate(pool[n]);
		n++;
	}
	for (int k = 0; k < 2; k++) {
		struct nf_expect *exp = pool[k];

		printf("object %d/%d:", i, k);
		dump_exp(exp);

		struct nf_expect *c = nfexp_clone(exp);

		printf("clone:");
		dump_exp(c);
		printf("clone cmp=%d strict=%d\n", nfexp_cmp(exp, c, 0),
		       nfexp_cmp(exp, c, NFCT_CMP_STRICT));
		nfexp_destroy(c);

		test_print(exp, chance(5));
		test_build(exp, i);
		if (i % 5 == 0)
			test_legacy(exp, i);
	}
	test_cmp(pool, n, i);
	for (int k = 0; k < n; k++)
		nfexp_destroy(pool[k]);
}

/* A random well-formed message, shaped like what the kernel sends. */
static void put_tuple(struct nlmsghdr *nlh, uint16_t type, uint8_t fam, uint8_t l4)
{
	struct nlattr *t = mnl_attr_nest_start(nlh, type);

	if (chance(95)) {
		struct nlattr *ip = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);

		if (fam == AF_INET6) {
			unsigned char a6[16];

			for (int i = 0; i < 16; i++)
				a6[i] = (unsigned char)(chance(50) ? 0 : rnd());
			if (chance(95))
				mnl_attr_put(nlh, CTA_IP_V6_SRC, 16, a6);
			a6[15] ^= 1;
			if (chance(95))
				mnl_attr_put(nlh, CTA_IP_V6_DST, 16, a6);
		} else {
			if (chance(95))
				mnl_attr_put_u32(nlh, CTA_IP_V4_SRC, rnd());
			if (chance(95))
				mnl_attr_put_u32(nlh, CTA_IP_V4_DST, chance(30) ? 0xffffffff : rnd());
		}
		mnl_attr_nest_end(nlh, ip);
	}
	if (chance(95)) {
		struct nlattr *p = mnl_attr_nest_start(nlh, CTA_TUPLE_PROTO);

		mnl_attr_put_u8(nlh, CTA_PROTO_NUM, l4);
		if (l4 == IPPROTO_ICMP) {
			mnl_attr_put_u16(nlh, CTA_PROTO_ICMP_ID, (uint16_t)rnd());
			mnl_attr_put_u8(nlh, CTA_PROTO_ICMP_TYPE, (uint8_t)pick(20));
			mnl_attr_put_u8(nlh, CTA_PROTO_ICMP_CODE, (uint8_t)pick(4));
		} else if (l4 == IPPROTO_ICMPV6) {
			mnl_attr_put_u16(nlh, CTA_PROTO_ICMPV6_ID, (uint16_t)rnd());
			mnl_attr_put_u8(nlh, CTA_PROTO_ICMPV6_TYPE, (uint8_t)(128 + pick(16)));
			mnl_attr_put_u8(nlh, CTA_PROTO_ICMPV6_CODE, (uint8_t)pick(4));
		} else if (l4 != 99) {
			if (chance(95))
				mnl_attr_put_u16(nlh, CTA_PROTO_SRC_PORT, (uint16_t)(chance(30) ? 0 : rnd()));
			if (chance(95))
				mnl_attr_put_u16(nlh, CTA_PROTO_DST_PORT, (uint16_t)rnd());
		}
		mnl_attr_nest_end(nlh, p);
	}
	if (chance(15))
		mnl_attr_put_u16(nlh, CTA_TUPLE_ZONE, htons((uint16_t)pick(3)));
	mnl_attr_nest_end(nlh, t);
}

static void random_message(char *buf)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	uint8_t fam = chance(60) ? AF_INET : AF_INET6;
	uint8_t l4 = l4protos[pick(sizeof(l4protos) - 1)];
	static const uint16_t flags[] = { 0, NLM_F_CREATE, NLM_F_EXCL, NLM_F_CREATE | NLM_F_EXCL,
					  NLM_F_MULTI };

	nlh->nlmsg_type = (uint16_t)((NFNL_SUBSYS_CTNETLINK_EXP << 8) | pick(4));
	nlh->nlmsg_flags = flags[pick(5)];
	struct nfgenmsg *nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));

	nfg->nfgen_family = chance(95) ? fam : families[pick(7)];

	if (chance(95))
		put_tuple(nlh, CTA_EXPECT_MASTER, fam, l4);
	if (chance(95))
		put_tuple(nlh, CTA_EXPECT_TUPLE, fam, chance(90) ? l4 : l4protos[pick(9)]);
	if (chance(95))
		put_tuple(nlh, CTA_EXPECT_MASK, fam, chance(90) ? l4 : l4protos[pick(9)]);
	if (chance(90))
		mnl_attr_put_u32(nlh, CTA_EXPECT_TIMEOUT, htonl(chance(50) ? pick(600) : rnd()));
	if (chance(80))
		mnl_attr_put_u32(nlh, CTA_EXPECT_ID, htonl(rnd()));
	if (chance(80)) {
		static const char *const names[] = { "ftp", "sip", "", "0123456789abcdefgh", "tftp" };

		mnl_attr_put_strz(nlh, CTA_EXPECT_HELP_NAME, names[pick(5)]);
	}
	if (chance(40))
		mnl_attr_put_u16(nlh, CTA_EXPECT_ZONE, htons((uint16_t)(chance(50) ? pick(3) : rnd())));
	if (chance(80))
		mnl_attr_put_u32(nlh, CTA_EXPECT_FLAGS, htonl(chance(80) ? pick(8) : rnd()));
	if (chance(70))
		mnl_attr_put_u32(nlh, CTA_EXPECT_CLASS, htonl(pick(3)));
	if (chance(30)) {
		struct nlattr *n = mnl_attr_nest_start(nlh, CTA_EXPECT_NAT);

		if (chance(90))
			mnl_attr_put_u32(nlh, CTA_EXPECT_NAT_DIR, htonl(pick(2)));
		if (chance(90))
			put_tuple(nlh, CTA_EXPECT_NAT_TUPLE, fam, l4);
		if (chance(10))
			mnl_attr_put_u32(nlh, 9, rnd());	/* unknown */
		mnl_attr_nest_end(nlh, n);
	}
	if (chance(30)) {
		/* At most 23 characters: the original aborts on longer. */
		static const char *const names[] = { "nat-follow-master", "sip", "",
						     "0123456789abcdefghijklm" };

		mnl_attr_put_strz(nlh, CTA_EXPECT_FN, names[pick(4)]);
	}
	if (chance(10))
		mnl_attr_put_u32(nlh, 30, rnd());	/* unknown to everyone */
}

static void test_parse(int i)
{
	char buf[8192];
	struct nf_expect *exp = nfexp_new();
	int ret, err;

	memset(buf, 0, sizeof(buf));
	random_message(buf);

	const struct nlmsghdr *nlh = (const void *)buf;

	errno = 0;
	ret = nfexp_nlmsg_parse(nlh, exp);
	err = errno;
	printf("parse %d ret=%d errno=%d:", i, ret, ret < 0 ? err : 0);
	dump_exp(exp);
	test_print(exp, chance(3));

	/* What it rebuilds to. */
	char out[8192];

	memset(out, 0, sizeof(out));
	struct nlmsghdr *o = mnl_nlmsg_put_header(out);

	o->nlmsg_type = nlh->nlmsg_type;
	mnl_nlmsg_put_extra_header(o, sizeof(struct nfgenmsg));
	ret = nfexp_nlmsg_build(o, exp);
	print_msg("rebuild", ret, o);

	/* The old interface: type filter and return value. */
	static const unsigned int wanted[] = { NFCT_T_ALL, NFCT_T_NEW, NFCT_T_UPDATE,
					       NFCT_T_DESTROY, NFCT_T_NEW | NFCT_T_DESTROY, 0 };
	struct nf_expect *old = nfexp_new();
	unsigned int w = wanted[pick(6)];

	ret = nfexp_parse_expect((enum nf_conntrack_msg_type)w, nlh, old);
	printf("parse_expect want=%u ret=%d:", w, ret);
	dump_exp(old);

	/* Parsing into an object that already has attributes. */
	struct nf_expect *acc = nfexp_clone(exp);

	memset(buf, 0, sizeof(buf));
	random_message(buf);
	ret = nfexp_nlmsg_parse(nlh, acc);
	printf("parse again ret=%d:", ret);
	dump_exp(acc);
	printf("cmp parsed=%d%d%d\n", nfexp_cmp(exp, acc, 0), nfexp_cmp(exp, acc, NFCT_CMP_MASK),
	       nfexp_cmp(acc, old, NFCT_CMP_STRICT));
	nfexp_destroy(acc);
	nfexp_destroy(old);
	nfexp_destroy(exp);
}

int main(int argc, char **argv)
{
	int rounds = argc > 2 ? atoi(argv[2]) : 1000;

	rng_state = argc > 1 ? strtoull(argv[1], NULL, 0) : 0x5eed1234abcdULL;
	if (rng_state == 0)
		rng_state = 1;
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	for (int i = 0; i < rounds; i++) {
		test_objects(i);
		test_parse(i);
	}
	return 0;
}
