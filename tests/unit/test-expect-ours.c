/*
 * Expectations, what only our library does: NULL arguments fail with
 * EINVAL (the original aborts), typed accessors of another width convert
 * instead of reading past the value, tuple heads mark only the tuple's
 * attributes, and malformed messages fail with -1 and errno (the original
 * aborts or reads past them). Skips on the original.
 */
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"
#include "unit.h"

static int count_cb(enum nf_conntrack_msg_type type, struct nf_expect *exp, void *data)
{
	return NFCT_CB_CONTINUE;
}

static void test_null(void)
{
	struct nf_expect *exp = nfexp_new();
	char buf[64];

	CHECK_NULL_ERRNO(nfexp_clone(NULL), EINVAL);
	nfexp_destroy(NULL);
	CHECK_ERRNO(nfexp_sizeof(NULL), 0, EINVAL);
	errno = 0;
	nfexp_set_attr(NULL, ATTR_EXP_TIMEOUT, buf);
	CHECK_INT(errno, EINVAL);
	errno = 0;
	nfexp_set_attr(exp, ATTR_EXP_HELPER_NAME, NULL);
	CHECK_INT(errno, EINVAL);
	CHECK_INT(nfexp_attr_is_set(exp, ATTR_EXP_HELPER_NAME), 0);
	errno = 0;
	nfexp_set_attr_u32(NULL, ATTR_EXP_TIMEOUT, 1);
	CHECK_INT(errno, EINVAL);
	CHECK_NULL_ERRNO(nfexp_get_attr(NULL, ATTR_EXP_TIMEOUT), EINVAL);
	CHECK_ERRNO(nfexp_get_attr_u32(NULL, ATTR_EXP_TIMEOUT), 0, EINVAL);
	CHECK_ERRNO(nfexp_attr_is_set(NULL, ATTR_EXP_TIMEOUT), -1, EINVAL);
	CHECK_ERRNO(nfexp_attr_unset(NULL, ATTR_EXP_TIMEOUT), -1, EINVAL);
	CHECK_ERRNO(nfexp_cmp(NULL, exp, 0), 0, EINVAL);
	CHECK_ERRNO(nfexp_cmp(exp, NULL, 0), 0, EINVAL);
	CHECK_ERRNO(nfexp_snprintf(NULL, 10, exp, 0, 0, 0), -1, EINVAL);
	CHECK_ERRNO(nfexp_snprintf(buf, sizeof(buf), NULL, 0, 0, 0), -1, EINVAL);
	/* NULL message: tolerated as by the original while there is
	 * nothing to write. */
	CHECK_ERRNO(nfexp_nlmsg_build(NULL, exp), 0, 0);
	CHECK_ERRNO(nfexp_nlmsg_build((struct nlmsghdr *)buf, NULL), -1, EINVAL);
	CHECK_ERRNO(nfexp_nlmsg_parse(NULL, exp), -1, EINVAL);
	CHECK_ERRNO(nfexp_parse_expect(NFCT_T_ALL, NULL, exp), NFCT_T_ERROR, EINVAL);
	CHECK_ERRNO(nfexp_build_expect(NULL, buf, sizeof(buf), 0, 0, exp), -1, EINVAL);
	CHECK_ERRNO(nfexp_build_query(NULL, NFCT_Q_GET, exp, buf, sizeof(buf)), -1, EINVAL);
	CHECK_ERRNO(nfexp_query(NULL, NFCT_Q_GET, exp), -1, EINVAL);
	CHECK_ERRNO(nfexp_send(NULL, NFCT_Q_GET, exp), -1, EINVAL);
	CHECK_ERRNO(nfexp_catch(NULL), -1, EINVAL);
	CHECK_ERRNO(nfexp_callback_register(NULL, NFCT_T_ALL, count_cb, NULL), -1, EINVAL);
	nfexp_callback_unregister(NULL);
	nfexp_callback_unregister2(NULL);

	/* A conntrack-only handle has no expectation subsystem. */
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);

	if (h != NULL) {
		uint32_t family = AF_INET;

		CHECK_ERRNO(nfexp_callback_register(h, NFCT_T_ALL, count_cb, NULL), -1, EINVAL);
		CHECK_ERRNO(nfexp_callback_register(h, NFCT_T_ALL, NULL, NULL), -1, EINVAL);
		CHECK_ERRNO(nfexp_query(h, NFCT_Q_DUMP, &family), -1, EINVAL);
		CHECK_ERRNO(nfexp_send(h, NFCT_Q_DUMP, &family), -1, EINVAL);
		nfexp_callback_unregister(h);
		nfct_close(h);
	}
	nfexp_destroy(exp);
}

static void test_widths(void)
{
	struct nf_expect *exp = nfexp_new();
	struct nf_conntrack *ct = nfct_new();

	/* Narrower typed setters zero-extend. */
	nfexp_set_attr_u8(exp, ATTR_EXP_FLAGS, 7);
	CHECK_UINT(nfexp_get_attr_u32(exp, ATTR_EXP_FLAGS), 7);
	nfexp_set_attr_u16(exp, ATTR_EXP_TIMEOUT, 0xffff);
	CHECK_UINT(nfexp_get_attr_u32(exp, ATTR_EXP_TIMEOUT), 0xffff);
	nfexp_set_attr_u32(exp, ATTR_EXP_ZONE, 0x12345);
	CHECK_UINT(nfexp_get_attr_u16(exp, ATTR_EXP_ZONE), 0x2345);
	/* A wider read of the zone is zero-extended. */
	CHECK_UINT(nfexp_get_attr_u32(exp, ATTR_EXP_ZONE), 0x2345);

	/* An integer is no tuple. */
	errno = 0;
	nfexp_set_attr_u32(exp, ATTR_EXP_MASTER, 1);
	CHECK_INT(errno, EINVAL);
	CHECK_INT(nfexp_attr_is_set(exp, ATTR_EXP_MASTER), 0);

	/* Tuple heads hold and mark only the original tuple. */
	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 5);
	nfct_set_attr_u32(ct, ATTR_MARK, 5);
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, 5);
	nfexp_set_attr(exp, ATTR_EXP_MASTER, ct);

	const struct nf_conntrack *m = nfexp_get_attr(exp, ATTR_EXP_MASTER);

	/* Something to write: a NULL message is refused. */
	CHECK_ERRNO(nfexp_nlmsg_build(NULL, exp), -1, EINVAL);

	CHECK_INT(nfct_attr_is_set(m, ATTR_ORIG_L3PROTO), 1);
	CHECK_INT(nfct_attr_is_set(m, ATTR_TIMEOUT), 0);
	CHECK_INT(nfct_attr_is_set(m, ATTR_MARK), 0);
	CHECK_INT(nfct_attr_is_set(m, ATTR_REPL_IPV4_SRC), 0);

	nfct_destroy(ct);
	nfexp_destroy(exp);

	/* Size 0 writes nothing and returns the length of a cut text: the
	 * final space counts ("proto=0 "). */
	exp = nfexp_new();
	CHECK_INT(nfexp_snprintf(NULL, 0, exp, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0), 8);
	CHECK_INT(nfexp_snprintf(NULL, 0, exp, NFCT_T_UNKNOWN, NFCT_O_XML, 0), 294);
	nfexp_destroy(exp);
}

/* A message: header, nfgenmsg, then what the test appends. */
static struct nlmsghdr *msg_start(char *buf, size_t size)
{
	memset(buf, 0, size);

	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK_EXP << 8) | IPCTNL_MSG_EXP_NEW;
	struct nfgenmsg *nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));

	nfg->nfgen_family = AF_INET;
	return nlh;
}

static int parse(const struct nlmsghdr *nlh, struct nf_expect **out)
{
	struct nf_expect *exp = nfexp_new();
	int ret;

	errno = 0;
	ret = nfexp_nlmsg_parse(nlh, exp);
	if (out != NULL)
		*out = exp;
	else
		nfexp_destroy(exp);
	return ret;
}

static void test_malformed(void)
{
	char buf[512];
	struct nlmsghdr *nlh;
	struct nf_expect *exp;

	/* Wrong lengths of fixed-size attributes: ERANGE, what came before
	 * is kept. */
	static const struct {
		uint16_t type;
		uint16_t len;
	} bad[] = {
		{ CTA_EXPECT_TIMEOUT, 2 }, { CTA_EXPECT_TIMEOUT, 8 }, { CTA_EXPECT_ZONE, 4 },
		{ CTA_EXPECT_FLAGS, 1 }, { CTA_EXPECT_CLASS, 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char zero[8] = { 0 };

		nlh = msg_start(buf, sizeof(buf));
		mnl_attr_put_strz(nlh, CTA_EXPECT_HELP_NAME, "ftp");
		mnl_attr_put(nlh, bad[i].type, bad[i].len, zero);
		mnl_attr_put_u32(nlh, CTA_EXPECT_CLASS, htonl(1));
		CHECK_INT(parse(nlh, &exp), -1);
		CHECK_INT(errno, ERANGE);
		CHECK_STR(nfexp_get_attr(exp, ATTR_EXP_HELPER_NAME), "ftp");
		CHECK_INT(nfexp_attr_is_set(exp, ATTR_EXP_CLASS), 0);
		nfexp_destroy(exp);
	}

	/* A string without its NUL, an empty string attribute. */
	nlh = msg_start(buf, sizeof(buf));
	mnl_attr_put(nlh, CTA_EXPECT_HELP_NAME, 3, "ftp");
	CHECK_INT(parse(nlh, NULL), -1);
	CHECK_INT(errno, EINVAL);
	nlh = msg_start(buf, sizeof(buf));
	mnl_attr_put(nlh, CTA_EXPECT_FN, 0, "");
	CHECK_INT(parse(nlh, NULL), -1);
	CHECK_INT(errno, ERANGE);

	/* A function name longer than kept is cut (the original aborts). */
	nlh = msg_start(buf, sizeof(buf));
	mnl_attr_put_strz(nlh, CTA_EXPECT_FN, "0123456789abcdefghijklmnopqrstuvwxyz");
	CHECK_INT(parse(nlh, &exp), 0);
	CHECK_STR(nfexp_get_attr(exp, ATTR_EXP_FN), "0123456789abcdefghijklm");
	nfexp_destroy(exp);

	/* An attribute that claims more than the message has. */
	nlh = msg_start(buf, sizeof(buf));
	mnl_attr_put_u32(nlh, CTA_EXPECT_TIMEOUT, htonl(5));
	((struct nlattr *)((char *)nlh + MNL_NLMSG_HDRLEN + 4))->nla_len = 200;
	CHECK_INT(parse(nlh, NULL), -1);
	CHECK_INT(errno, EINVAL);

	/* A tuple nest with a bad inner attribute. */
	nlh = msg_start(buf, sizeof(buf));
	{
		struct nlattr *t = mnl_attr_nest_start(nlh, CTA_EXPECT_TUPLE);
		struct nlattr *ip = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);

		mnl_attr_put_u16(nlh, CTA_IP_V4_SRC, 1);
		mnl_attr_nest_end(nlh, ip);
		mnl_attr_nest_end(nlh, t);
	}
	CHECK_INT(parse(nlh, &exp), -1);
	CHECK_INT(errno, ERANGE);
	CHECK_INT(nfexp_attr_is_set(exp, ATTR_EXP_EXPECTED), 0);
	nfexp_destroy(exp);

	/* A nest too short for an attribute header. */
	nlh = msg_start(buf, sizeof(buf));
	mnl_attr_put(nlh, CTA_EXPECT_NAT, 2, "ab");
	CHECK_INT(parse(nlh, NULL), -1);
	CHECK_INT(errno, ERANGE);
	nlh = msg_start(buf, sizeof(buf));
	mnl_attr_put(nlh, CTA_EXPECT_MASTER | NLA_F_NESTED, 2, "ab");
	CHECK_INT(parse(nlh, NULL), -1);
	CHECK_INT(errno, ERANGE);

	/* A NAT nest with a direction of the wrong length. */
	nlh = msg_start(buf, sizeof(buf));
	{
		struct nlattr *n = mnl_attr_nest_start(nlh, CTA_EXPECT_NAT);

		mnl_attr_put_u8(nlh, CTA_EXPECT_NAT_DIR, 1);
		mnl_attr_nest_end(nlh, n);
	}
	CHECK_INT(parse(nlh, NULL), -1);
	CHECK_INT(errno, ERANGE);

	/* A message too short for its headers has no attributes; nothing
	 * is read past its length (the original reads its family). */
	nlh = msg_start(buf, sizeof(buf));
	mnl_attr_put_u32(nlh, CTA_EXPECT_TIMEOUT, htonl(5));
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 2;
	CHECK_INT(parse(nlh, &exp), 0);
	CHECK_INT(nfexp_attr_is_set(exp, ATTR_EXP_TIMEOUT), 0);
	CHECK_INT(nfexp_parse_expect(NFCT_T_ALL, nlh, exp), NFCT_T_UPDATE);
	nfexp_destroy(exp);

	/* Unknown attributes, at both levels, are skipped; an empty
	 * message is fine. */
	nlh = msg_start(buf, sizeof(buf));
	mnl_attr_put_u64(nlh, 30, 1);
	{
		struct nlattr *n = mnl_attr_nest_start(nlh, CTA_EXPECT_NAT);

		mnl_attr_put_u64(nlh, 7, 1);
		mnl_attr_put_u32(nlh, CTA_EXPECT_NAT_DIR, htonl(1));
		mnl_attr_nest_end(nlh, n);
	}
	CHECK_INT(parse(nlh, &exp), 0);
	CHECK_UINT(nfexp_get_attr_u32(exp, ATTR_EXP_NAT_DIR), 1);
	nfexp_destroy(exp);
	nlh = msg_start(buf, sizeof(buf));
	CHECK_INT(parse(nlh, NULL), 0);
}

/* Building into a buffer that is too small. */
static void test_small_buffer(void)
{
	struct nf_expect *exp = nfexp_new();
	struct nf_conntrack *ct = nfct_new();
	struct nfnl_handle *h = nfnl_open();
	char buf[4096];

	nfct_set_attr_u8(ct, ATTR_ORIG_L3PROTO, AF_INET);
	nfct_set_attr_u8(ct, ATTR_ORIG_L4PROTO, IPPROTO_TCP);
	nfexp_set_attr(exp, ATTR_EXP_MASTER, ct);
	nfexp_set_attr(exp, ATTR_EXP_EXPECTED, ct);
	nfexp_set_attr(exp, ATTR_EXP_HELPER_NAME, "ftp");
	if (h != NULL) {
		struct nfnl_subsys_handle *ssh = nfnl_subsys_open(h, NFNL_SUBSYS_CTNETLINK_EXP,
								   IPCTNL_MSG_EXP_MAX, 0);

		CHECK_ERRNO(nfexp_build_expect(ssh, buf, 40, IPCTNL_MSG_EXP_NEW, 0, exp), -1, EMSGSIZE);
		CHECK_ERRNO(nfexp_build_expect(ssh, buf, 10, IPCTNL_MSG_EXP_NEW, 0, exp), -1, EMSGSIZE);
		CHECK_ERRNO(nfexp_build_query(ssh, NFCT_Q_CREATE, exp, buf, 60), -1, EMSGSIZE);
		CHECK_ERRNO(nfexp_build_expect(ssh, buf, sizeof(buf), IPCTNL_MSG_EXP_NEW, 0, exp),
			    0, 0);
		nfnl_subsys_close(ssh);
		nfnl_close(h);
	}
	nfct_destroy(ct);
	nfexp_destroy(exp);
}

int main(void)
{
	test_ours_only("NULL arguments, widths, tuple heads, malformed messages");
	test_null();
	test_widths();
	test_malformed();
	test_small_buffer();
	return test_done();
}
