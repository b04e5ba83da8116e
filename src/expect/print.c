/*
 * Text output of expectations: the default (plain) format and XML, through
 * the output accumulator and the tuple printers of print.h.
 */

#include "internal/expect.h"
#include "internal/print.h"
#include "internal/print_json.h"

/* Flag names, in the order they are printed. */
static const struct {
	uint32_t bit;
	const char *plain;
	const char *xml;
} exp_flag_names[] = {
	{ NF_CT_EXPECT_PERMANENT, "PERMANENT", "<permanent/>" },
	{ NF_CT_EXPECT_INACTIVE, "INACTIVE", "<inactive/>" },
	{ NF_CT_EXPECT_USERSPACE, "USERSPACE", "<userspace/>" },
};

static const struct ct_tuple *exp_tuple_of(const struct nf_expect *exp, enum exp_tuple t)
{
	return &exp->tuple[t].orig;
}

/*
 * "[NEW] 300 proto=6 src=.. dst=.. sport=.. dport=.. mask-src=.. ...
 * master-src=.. ... zone=1 PERMANENT,INACTIVE class=0 helper=ftp".
 * COMPAT, as the original: the tuples are printed by their stored
 * protocols whether their attributes are set or not, and so are the flags
 * (followed by a space whenever the value is not 0); the NAT tuple and
 * direction and the function name are not printed; NFCT_OF_* flags change
 * nothing; a final space is dropped only when the whole text fitted.
 */
static void exp_print_plain(struct out *o, const struct nf_expect *exp, unsigned int msg_type)
{
	const struct ct_tuple *expected = exp_tuple_of(exp, EXP_T_EXPECTED);
	const struct ct_tuple *mask = exp_tuple_of(exp, EXP_T_MASK);
	const struct ct_tuple *master = exp_tuple_of(exp, EXP_T_MASTER);

	ct_plain_msgtype(o, msg_type);
	if (exp_isset(exp, ATTR_EXP_TIMEOUT)) {
		out_u32(o, exp->timeout);
		out_char(o, ' ');
	}
	out_lit(o, "proto=");
	out_u32(o, expected->l4proto);
	out_char(o, ' ');
	ct_plain_addrs(o, expected, "src=", "dst=");
	ct_plain_proto(o, expected);
	ct_plain_addrs(o, mask, "mask-src=", "mask-dst=");
	ct_plain_proto(o, mask);
	ct_plain_addrs(o, master, "master-src=", "master-dst=");
	ct_plain_proto(o, master);
	if (exp_isset(exp, ATTR_EXP_ZONE)) {
		out_lit(o, "zone=");
		out_u32(o, exp->zone);
		out_char(o, ' ');
	}
	if (exp->flags != 0) {
		bool first = true;

		for (size_t i = 0; i < ARRAY_SIZE(exp_flag_names); i++) {
			if (!(exp->flags & exp_flag_names[i].bit))
				continue;
			if (!first)
				out_char(o, ',');
			out_str(o, exp_flag_names[i].plain);
			first = false;
		}
		out_char(o, ' ');
	}
	if (exp_isset(exp, ATTR_EXP_CLASS)) {
		out_lit(o, "class=");
		out_u32(o, exp->class);
		out_char(o, ' ');
	}
	if (exp_isset(exp, ATTR_EXP_HELPER_NAME)) {
		out_lit(o, "helper=");
		out_str(o, exp->helper_name);
	}
}

/* Ends a plain output: a final space goes when everything fitted. It is
 * overwritten with a NUL, the terminating NUL after it staying in place
 * (COMPAT: the original leaves the buffer so). */
static int exp_result_plain(struct out *o)
{
	int ret = out_result(o);

	if (o->len > 0 && o->len < o->size && o->buf[o->len - 1] == ' ') {
		o->buf[o->len - 1] = '\0';
		ret--;
	}
	return ret;
}

/*
 * <flow><layer3 ...><expected>addresses</expected><mask>..</mask>
 * <master>..</master></layer3><layer4 ...><expected>ports</expected>...
 * </layer4><meta>...</meta></flow>. The protocol numbers and names are the
 * expected tuple's. COMPAT, as the original: tuples and flags printed as
 * in the plain format; the ports of each tuple count only as far as they
 * fitted in a short buffer.
 */
static void exp_print_xml(struct out *o, const struct nf_expect *exp, unsigned int msg_type,
			  unsigned int flags)
{
	const struct ct_tuple *expected = exp_tuple_of(exp, EXP_T_EXPECTED);
	const struct ct_tuple *mask = exp_tuple_of(exp, EXP_T_MASK);
	const struct ct_tuple *master = exp_tuple_of(exp, EXP_T_MASTER);

	ct_xml_msgtype(o, msg_type);
	out_lit(o, "<layer3 protonum=\"");
	out_u32(o, expected->l3proto);
	out_lit(o, "\" protoname=\"");
	out_str(o, ct_l3_name(expected->l3proto));
	out_lit(o, "\"><expected>");
	ct_xml_addrs(o, expected);
	out_lit(o, "</expected><mask>");
	ct_xml_addrs(o, mask);
	out_lit(o, "</mask><master>");
	ct_xml_addrs(o, master);
	out_lit(o, "</master></layer3><layer4 protonum=\"");
	out_u32(o, expected->l4proto);
	out_lit(o, "\" protoname=\"");
	out_str(o, ct_l4_name(expected->l4proto));
	out_lit(o, "\"><expected>");
	ct_xml_proto(o, expected);
	out_lit(o, "</expected><mask>");
	ct_xml_proto(o, mask);
	out_lit(o, "</mask><master>");
	ct_xml_proto(o, master);
	out_lit(o, "</master></layer4><meta>");
	if (exp_isset(exp, ATTR_EXP_HELPER_NAME)) {
		out_lit(o, "<helper-name>");
		out_str(o, exp->helper_name);
		out_lit(o, "</helper-name>");
	}
	if (exp_isset(exp, ATTR_EXP_TIMEOUT)) {
		out_lit(o, "<timeout>");
		out_u32(o, exp->timeout);
		out_lit(o, "</timeout>");
	}
	if (exp_isset(exp, ATTR_EXP_CLASS)) {
		out_lit(o, "<class>");
		out_u32(o, exp->class);
		out_lit(o, "</class>");
	}
	if (exp_isset(exp, ATTR_EXP_ZONE)) {
		out_lit(o, "<zone>");
		out_u32(o, exp->zone);
		out_lit(o, "</zone>");
	}
	if (flags & NFCT_OF_TIME)
		ct_xml_when(o);
	for (size_t i = 0; i < ARRAY_SIZE(exp_flag_names); i++)
		if (exp->flags & exp_flag_names[i].bit)
			out_str(o, exp_flag_names[i].xml);
	out_lit(o, "</meta></flow>");
}

/**
 * Prints an expectation as text.
 *
 * \param buf the buffer
 * \param size its size in bytes, the final NUL included
 * \param exp the expectation
 * \param msg_type NFCT_T_NEW, NFCT_T_UPDATE or NFCT_T_DESTROY to start
 * with "[NEW]", "[UPDATE]" or "[DESTROY]" (the XML \<flow\> gets a type
 * attribute), anything else for no prefix
 * \param out_type NFCT_O_DEFAULT (one line, as "conntrack -L expect"
 * prints), NFCT_O_XML, or NFCT_O_JSON (one JSON object, our addition: see
 * \ref json; its return value is exactly snprintf()'s)
 * \param out_flags for XML, NFCT_OF_TIME adds the current local time;
 * the other flags change nothing. For JSON, NFCT_OF_TIME adds "time" and
 * NFCT_OF_SHOW_LAYER3 the layer-3 protocol
 * \return the length of the whole text, as snprintf() does: when it is
 * \p size or more, the text was cut (and stays NUL-terminated); -1 with
 * errno ENOENT for an unknown \p out_type, EINVAL when \p buf or \p exp is
 * NULL (the original aborts)
 *
 * The plain format prints the timeout, the expected tuple's protocol, the
 * expected tuple, the mask (mask-src=, mask-dst=, then its ports), the
 * master tuple (master-src=, master-dst=, ports), the zone, the flags,
 * the class and the helper name; the NAT tuple and the function name are
 * not printed. COMPAT, as the original: when the text is cut, the return
 * value keeps a final space the complete text would have dropped, and in
 * XML the ports of a tuple count only as far as they fitted. With \p size
 * 0 (and \p buf NULL or not) nothing is written and the length of the cut
 * text is returned (the original aborts).
 *
 * Examples: utils/expect_dump.c, utils/expect_events.c.
 */
NFCT_EXPORT int nfexp_snprintf(char *buf, unsigned int size, const struct nf_expect *exp,
			       const unsigned int msg_type, const unsigned int out_type,
			       const unsigned int out_flags)
{
	struct out o;

	if (exp == NULL || (buf == NULL && size != 0))
		return fail(EINVAL, -1);
	out_init(&o, buf, size);
	switch (out_type) {
	case NFCT_O_DEFAULT:
		exp_print_plain(&o, exp, msg_type);
		return exp_result_plain(&o);
	case NFCT_O_XML:
		exp_print_xml(&o, exp, msg_type, out_flags);
		return out_result(&o);
	case NFCT_O_JSON:
		exp_print_json(&o, exp, msg_type, out_flags);
		return out_result(&o);
	default:
		return fail(ENOENT, -1);
	}
}
