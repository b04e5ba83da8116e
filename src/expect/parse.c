/*
 * Parsing ctnetlink expectation messages into an object.
 *
 * One forward pass per nesting level (the message, CTA_EXPECT_NAT), with
 * a const policy per level saying what each attribute must look like and
 * which ATTR_EXP_* it fills; the value is stored where the attribute
 * table says. Tuples are parsed by the conntrack tuple parser. Unknown
 * attributes are skipped; an attribute of the wrong length stops the parse
 * with -1 and errno set; nothing is read past the message.
 */
#include <endian.h>
#include <string.h>

#include "internal/expect.h"
#include "internal/parse.h"

/* How a payload is checked. */
enum exp_wire {
	EW_SKIP = 0,	/* not parsed */
	EW_BE16,	/* exactly 2 bytes, big-endian */
	EW_BE32,	/* exactly 4 bytes, big-endian */
	EW_STRING,	/* NUL-terminated */
	EW_TUPLE,	/* a tuple nest */
	EW_NAT,		/* the CTA_EXPECT_NAT nest */
};

struct exp_pol {
	uint8_t wire;	/* enum exp_wire */
	uint8_t attr;	/* ATTR_EXP_* filled */
};

static const struct exp_pol top_pol[CTA_EXPECT_MAX + 1] = {
	[CTA_EXPECT_MASTER] = { EW_TUPLE, ATTR_EXP_MASTER },
	[CTA_EXPECT_TUPLE] = { EW_TUPLE, ATTR_EXP_EXPECTED },
	[CTA_EXPECT_MASK] = { EW_TUPLE, ATTR_EXP_MASK },
	[CTA_EXPECT_TIMEOUT] = { EW_BE32, ATTR_EXP_TIMEOUT },
	/* CTA_EXPECT_ID: the original keeps no attribute for it. */
	[CTA_EXPECT_HELP_NAME] = { EW_STRING, ATTR_EXP_HELPER_NAME },
	[CTA_EXPECT_ZONE] = { EW_BE16, ATTR_EXP_ZONE },
	[CTA_EXPECT_FLAGS] = { EW_BE32, ATTR_EXP_FLAGS },
	[CTA_EXPECT_CLASS] = { EW_BE32, ATTR_EXP_CLASS },
	[CTA_EXPECT_NAT] = { EW_NAT, 0 },
	[CTA_EXPECT_FN] = { EW_STRING, ATTR_EXP_FN },
};

static const struct exp_pol nat_pol[CTA_EXPECT_NAT_MAX + 1] = {
	[CTA_EXPECT_NAT_DIR] = { EW_BE32, ATTR_EXP_NAT_DIR },
	[CTA_EXPECT_NAT_TUPLE] = { EW_TUPLE, ATTR_EXP_NAT_TUPLE },
};

/*
 * Which tuple gets the message's family as its layer-3 protocol when a
 * tuple nest is found. COMPAT: the original gives it to another tuple
 * than the one parsed (the master's nest sets the expected tuple's, the
 * expected one's the mask's, the mask's the master's); the kernel always
 * sends the three, so all get it, but a message with fewer leaves some
 * tuple without its family, which printing and building then show. The
 * NAT tuple gets it from the CTA_EXPECT_NAT nest, tuple or not.
 */
static const uint8_t family_of[EXP_T_MAX] = {
	[EXP_T_MASTER] = EXP_T_EXPECTED,
	[EXP_T_EXPECTED] = EXP_T_MASK,
	[EXP_T_MASK] = EXP_T_MASTER,
	[EXP_T_NAT] = EXP_T_MAX,	/* see EW_NAT */
};

static void set_family(struct exp_head *head, uint8_t family)
{
	head->orig.l3proto = family;
	head->set[ATTR_ORIG_L3PROTO / 64] |= UINT64_C(1) << (ATTR_ORIG_L3PROTO % 64);
}

/* A tuple nest into one head, through a partial conntrack object (the
 * tuple parser writes its set and orig members only, and never the
 * layer-3 protocol). */
static int parse_tuple(struct nf_expect *exp, unsigned int attr, const struct nlattr *nest,
		       uint8_t family)
{
	unsigned int t = exp_attr_table[attr].tuple;
	struct exp_head *head = &exp->tuple[t];
	struct nf_conntrack tmp;
	int ret;

	if (family_of[t] != EXP_T_MAX)
		set_family(&exp->tuple[family_of[t]], family);

	exp_head_to_ct(&tmp, head);
	ret = ct_parse_tuple(&tmp, CT_TUPLE_ORIG, nest);
	memcpy(head->set, tmp.set, sizeof(head->set));
	head->orig = tmp.orig;
	if (ret < 0)
		return -1;
	exp_mark_set(exp, attr);
	return 0;
}

/* A NUL-terminated string attribute: at least the NUL, and the NUL last. */
static int check_string(const struct nlattr *a)
{
	size_t len = nla_len(a);

	if (len == 0)
		return fail(ERANGE, -1);
	if (((const char *)nla_data(a))[len - 1] != '\0')
		return fail(EINVAL, -1);
	return 0;
}

static int parse_level(struct nf_expect *exp, const struct exp_pol *pol, unsigned int max,
		       const void *data, size_t len, uint8_t family)
{
	const char *pos = data, *end = pos + len;
	const struct nlattr *a;
	bool bad = false;

	while ((a = nla_next(&pos, end, &bad)) != NULL) {
		unsigned int type = nla_kind(a);

		if (type > max)
			continue;

		const struct exp_pol *p = &pol[type];
		void *dst = (char *)exp + exp_attr_table[p->attr].offset;

		switch (p->wire) {
		case EW_SKIP:
			continue;
		case EW_BE16: {
			uint16_t v;

			if (nla_len(a) != sizeof(v))
				return fail(ERANGE, -1);
			memcpy(&v, nla_data(a), sizeof(v));
			v = be16toh(v);
			memcpy(dst, &v, sizeof(v));
			break;
		}
		case EW_BE32: {
			uint32_t v;

			if (nla_len(a) != sizeof(v))
				return fail(ERANGE, -1);
			memcpy(&v, nla_data(a), sizeof(v));
			v = be32toh(v);
			memcpy(dst, &v, sizeof(v));
			break;
		}
		case EW_STRING:
			/* Longer names are cut to what the object keeps.
			 * COMPAT: the original aborts on a function name of
			 * more than 23 characters. */
			if (check_string(a) < 0 || exp_attr_set(exp, p->attr, nla_data(a), 0) < 0)
				return -1;
			continue;
		case EW_TUPLE:
			if (nla_len(a) != 0 && nla_len(a) < NLA_HDRLEN)
				return fail(ERANGE, -1);
			if (parse_tuple(exp, p->attr, a, family) < 0)
				return -1;
			continue;
		default:	/* EW_NAT */
			if (nla_len(a) != 0 && nla_len(a) < NLA_HDRLEN)
				return fail(ERANGE, -1);
			set_family(&exp->tuple[EXP_T_NAT], family);
			if (parse_level(exp, nat_pol, CTA_EXPECT_NAT_MAX, nla_data(a),
					nla_len(a), family) < 0)
				return -1;
			continue;
		}
		exp_mark_set(exp, p->attr);
	}
	if (bad)
		return fail(EINVAL, -1);
	return 0;
}

int exp_parse_message(const struct nlmsghdr *nlh, struct nf_expect *exp)
{
	const size_t head = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct nfgenmsg));

	/* COMPAT: a message too short for its headers has no attributes,
	 * and parses to nothing, as with the original. */
	if (nlh->nlmsg_len < head)
		return 0;

	const struct nfgenmsg *nfg = (const void *)((const char *)nlh + NLMSG_HDRLEN);

	return parse_level(exp, top_pol, CTA_EXPECT_MAX, (const char *)nlh + head,
			   nlh->nlmsg_len - head, nfg->nfgen_family);
}

/**
 * Parses a ctnetlink expectation message into an object.
 *
 * \param nlh the message (netlink header, nfgenmsg, attributes);
 * nlmsg_len bytes are read
 * \param exp the object written; attributes it already has that the
 * message does not carry stay as they are
 * \return 0, or -1 with errno: EINVAL for NULL arguments, malformed
 * attributes or a string without its NUL; ERANGE for an attribute of the
 * wrong length. On failure the object holds what was parsed
 * before the bad attribute. A message too short for its headers carries
 * no attribute: it gives 0 and changes nothing, as with the original.
 *
 * The message's family becomes the layer-3 protocol of the tuples, with
 * the original's quirk: the master's nest gives it to the expected tuple,
 * the expected tuple's nest to the mask, the mask's to the master, and
 * the CTA_EXPECT_NAT nest to the NAT tuple (kernel messages carry the
 * three tuples, so all get it).
 * Names longer than the object keeps are cut (helper names to 15
 * characters, function names to 23). Unknown attributes are skipped.
 * Unlike the original, which aborts the process on some malformed
 * messages, this never exits.
 *
 * Examples: examples/nfexp-mnl-dump.c and examples/nfexp-mnl-event.c.
 */
NFCT_EXPORT int nfexp_nlmsg_parse(const struct nlmsghdr *nlh, struct nf_expect *exp)
{
	if (nlh == NULL || exp == NULL)
		return fail(EINVAL, -1);
	return exp_parse_message(nlh, exp);
}

/**
 * Parses an expectation message of the wanted types (libnfnetlink style).
 *
 * \param type the message types wanted (NFCT_T_NEW, NFCT_T_UPDATE,
 * NFCT_T_DESTROY, or NFCT_T_ALL)
 * \param nlh the message
 * \param exp the object written
 * \return the message's type (NFCT_T_NEW for a new expectation,
 * NFCT_T_UPDATE for a dumped one or the answer to a get, NFCT_T_DESTROY)
 * when it is one of \p type and was parsed; 0 when it is not wanted or not
 * an expectation event (\p exp untouched); NFCT_T_ERROR with errno set as
 * by nfexp_nlmsg_parse() when it is malformed or an argument is NULL
 *
 * Deprecated: use nfexp_nlmsg_parse().
 */
NFCT_EXPORT int nfexp_parse_expect(enum nf_conntrack_msg_type type,
				   const struct nlmsghdr *nlh, struct nf_expect *exp)
{
	if (nlh == NULL || exp == NULL) {
		errno = EINVAL;
		return NFCT_T_ERROR;
	}

	unsigned int t = ctnl_msg_type(nlh, IPCTNL_MSG_EXP_NEW, IPCTNL_MSG_EXP_DELETE);

	if (!(t & (unsigned int)type))
		return 0;
	if (exp_parse_message(nlh, exp) < 0)
		return NFCT_T_ERROR;
	return (int)t;
}
