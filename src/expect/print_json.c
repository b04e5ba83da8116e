/*
 * The JSON format of expectations (NFCT_O_JSON), through the helpers the
 * conntrack JSON printer shares (include/internal/print_json.h). Every
 * member is printed only when its attribute is set. Schema: doc/json.dox.
 */
#include "internal/expect.h"
#include "internal/print_json.h"

/* Flags as array members, quotes included, by bit number ("BIT_<n>" for
 * the bits without a name); each fits FLAG_NAME_MAX bytes and is copied as
 * a whole block. */
#define FLAG_NAME_MAX	12
static const struct {
	char text[FLAG_NAME_MAX];
	uint8_t len;
} exp_flag_names[32] = {
#define FN(s)	{ "\"" s "\"", sizeof(s) + 1 }
	FN("PERMANENT"), FN("INACTIVE"), FN("USERSPACE"), FN("BIT_3"), FN("BIT_4"),
	FN("BIT_5"), FN("BIT_6"), FN("BIT_7"), FN("BIT_8"), FN("BIT_9"), FN("BIT_10"),
	FN("BIT_11"), FN("BIT_12"), FN("BIT_13"), FN("BIT_14"), FN("BIT_15"), FN("BIT_16"),
	FN("BIT_17"), FN("BIT_18"), FN("BIT_19"), FN("BIT_20"), FN("BIT_21"), FN("BIT_22"),
	FN("BIT_23"), FN("BIT_24"), FN("BIT_25"), FN("BIT_26"), FN("BIT_27"), FN("BIT_28"),
	FN("BIT_29"), FN("BIT_30"), FN("BIT_31"),
#undef FN
};

_Static_assert(NF_CT_EXPECT_PERMANENT == 1 && NF_CT_EXPECT_INACTIVE == 2 &&
	       NF_CT_EXPECT_USERSPACE == 4, "flag names by bit number");

static char *flags_put(char *p, uint32_t flags)
{
	*p++ = '[';
	while (flags != 0) {
		unsigned int bit = (unsigned int)__builtin_ctz(flags);

		flags &= flags - 1;
		p = json_put(p, exp_flag_names[bit].text, FLAG_NAME_MAX);
		p -= FLAG_NAME_MAX - exp_flag_names[bit].len;
		if (flags != 0)
			*p++ = ',';
	}
	*p++ = ']';
	return p;
}

/* One tuple member ("expected":{...}) when its attribute is set. */
static char *tuple_member(char *p, const char *first, const struct nf_expect *exp,
			  unsigned int attr, const char *key, size_t keylen)
{
	const struct exp_head *h = &exp->tuple[exp_attr_table[attr].tuple];

	if (!exp_isset(exp, attr))
		return p;
	p = sep(p, first);
	p = json_put(p, key, keylen);
	return json_tuple_put_orig(p, h->set, &h->orig);
}

#define TUPLE_MEMBER(p, first, exp, attr, name) \
	tuple_member((p), (first), (exp), (attr), "\"" name "\":", sizeof(name) + 2)

/* The bounded part before the strings: type, protocols (names of at most
 * 16 bytes), timeout, four tuples, NAT direction, zone, flags, class. */
#define EXP_HEAD_MAX	(160 + 4 * (12 + JSON_TUPLE_MAX) + 3 * 22 + 10 + \
			 32 * (FLAG_NAME_MAX + 1) + 2)

void exp_print_json(struct out *o, const struct nf_expect *exp, unsigned int msg_type,
		    unsigned int flags)
{
	const struct exp_head *expected = &exp->tuple[EXP_T_EXPECTED];
	char tmp[EXP_HEAD_MAX];
	char *start = win_begin(o, tmp, EXP_HEAD_MAX);
	char *p = start, *first;
	struct json_obj j;

	*p++ = '{';
	first = p;
	p = json_put_type(p, msg_type);
	/* The protocols are the expected tuple's, as in the XML format. */
	if (exp_isset(exp, ATTR_EXP_EXPECTED))
		p = json_put_protos(p, first, expected->set, &expected->orig, flags);
	if (exp_isset(exp, ATTR_EXP_TIMEOUT))
		PUT_U32(p, first, "timeout", exp->timeout);
	p = TUPLE_MEMBER(p, first, exp, ATTR_EXP_EXPECTED, "expected");
	p = TUPLE_MEMBER(p, first, exp, ATTR_EXP_MASK, "mask");
	p = TUPLE_MEMBER(p, first, exp, ATTR_EXP_MASTER, "master");
	p = TUPLE_MEMBER(p, first, exp, ATTR_EXP_NAT_TUPLE, "nat");
	if (exp_isset(exp, ATTR_EXP_NAT_DIR))
		PUT_U32(p, first, "nat_dir", exp->nat_dir);
	if (exp_isset(exp, ATTR_EXP_ZONE))
		PUT_U32(p, first, "zone", exp->zone);
	if (exp_isset(exp, ATTR_EXP_FLAGS)) {
		p = sep(p, first);
		p = PUT(p, "\"flags\":");
		p = flags_put(p, exp->flags);
	}
	if (exp_isset(exp, ATTR_EXP_CLASS))
		PUT_U32(p, first, "class", exp->class);
	/* The object so far: its first member is where the window began. */
	j.first = o->len + (size_t)(first - start);
	win_end(o, tmp, start, p);

	if (exp_isset(exp, ATTR_EXP_HELPER_NAME)) {
		JSON_KEY(o, &j, "helper");
		json_str(o, exp->helper_name, sizeof(exp->helper_name));
	}
	if (exp_isset(exp, ATTR_EXP_FN)) {
		JSON_KEY(o, &j, "fn");
		json_str(o, exp->fn, sizeof(exp->fn));
	}
	if (flags & NFCT_OF_TIME)
		json_time(o, &j);
	out_char(o, '}');
}
