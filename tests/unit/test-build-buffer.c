/*
 * The caller's buffer after a libnfnetlink-style build (nfct_build_conntrack,
 * nfct_build_query, nfexp_build_expect, nfexp_build_query): the message at
 * its start, and every byte after it up to the size given zeroed, whatever
 * the buffer held before. The original clears the whole buffer first; a
 * program may send or inspect more than nlmsg_len bytes and rely on the
 * zeroes. Runs on both libraries.
 */
#include <arpa/inet.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnfnetlink/libnfnetlink.h>

#include "check.h"

#define BUF_SIZE	4096

/* Two buffers, filled with different garbage, for the same build. */
struct pair {
	union {
		struct nlmsghdr nlh;
		unsigned char bytes[BUF_SIZE];
	} a, b;
};

static void fill(struct pair *p)
{
	memset(p->a.bytes, 0x5a, BUF_SIZE);
	memset(p->b.bytes, 0xa5, BUF_SIZE);
}

/* Both buffers hold the same message of at least min_len bytes (0: the
 * empty request), and nothing but zeroes after it. */
static void check_pair(const char *what, const struct pair *p, size_t size, uint32_t min_len)
{
	uint32_t len = p->a.nlh.nlmsg_len;
	size_t nonzero = 0;

	CHECK_MSG(len >= min_len && len <= size, "%s: nlmsg_len %u", what, len);
	if (len > size)
		return;
	CHECK_MSG(memcmp(p->a.bytes, p->b.bytes, size) == 0,
		  "%s: the result depends on what the buffer held", what);
	for (size_t i = len; i < size; i++)
		nonzero += p->a.bytes[i] != 0;
	CHECK_MSG(nonzero == 0, "%s: %zu bytes after the message not zeroed", what, nonzero);
	/* Past the size given, nothing is touched. */
	nonzero = 0;
	for (size_t i = size; i < BUF_SIZE; i++)
		nonzero += p->a.bytes[i] != 0x5a;
	CHECK_MSG(nonzero == 0, "%s: %zu bytes written past the size", what, nonzero);
}

static struct nf_conntrack *flow(void)
{
	struct nf_conntrack *ct = nfct_new();

	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_IPV4_SRC, inet_addr("10.0.0.1"));
	nfct_set_attr_u32(ct, ATTR_IPV4_DST, inet_addr("10.0.0.2"));
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(40000));
	nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(21));
	nfct_setobjopt(ct, NFCT_SOPT_SETUP_REPLY);
	nfct_set_attr_u8(ct, ATTR_TCP_STATE, 3);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 100);
	nfct_set_attr_u32(ct, ATTR_MARK, 7);
	/* Odd lengths, so the attributes carry padding. */
	nfct_set_attr(ct, ATTR_HELPER_NAME, "ftp");
	nfct_set_attr_u8(ct, ATTR_TCP_WSCALE_ORIG, 7);
	return ct;
}

static void test_conntrack(struct nfnl_subsys_handle *ssh)
{
	struct nf_conntrack *ct = flow();
	uint32_t family = AF_INET;
	static struct pair p;

	/* nfct_build_conntrack, with the whole buffer and with less. */
	static const size_t sizes[] = { BUF_SIZE, 1000, 200 };

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		fill(&p);
		CHECK_INT(nfct_build_conntrack(ssh, &p.a, sizes[s], IPCTNL_MSG_CT_NEW,
					       NLM_F_REQUEST | NLM_F_CREATE, ct), 0);
		CHECK_INT(nfct_build_conntrack(ssh, &p.b, sizes[s], IPCTNL_MSG_CT_NEW,
					       NLM_F_REQUEST | NLM_F_CREATE, ct), 0);
		check_pair("nfct_build_conntrack", &p, sizes[s], 100);
	}

	static const enum nf_conntrack_query object_queries[] = {
		NFCT_Q_CREATE, NFCT_Q_UPDATE, NFCT_Q_DESTROY, NFCT_Q_GET, NFCT_Q_CREATE_UPDATE,
	};
	for (size_t q = 0; q < sizeof(object_queries) / sizeof(object_queries[0]); q++) {
		fill(&p);
		CHECK_INT(nfct_build_query(ssh, object_queries[q], ct, &p.a, BUF_SIZE), 1);
		CHECK_INT(nfct_build_query(ssh, object_queries[q], ct, &p.b, BUF_SIZE), 1);
		check_pair("nfct_build_query, object", &p, BUF_SIZE, 100);
	}

	static const enum nf_conntrack_query family_queries[] = {
		NFCT_Q_FLUSH, NFCT_Q_DUMP, NFCT_Q_DUMP_RESET,
	};
	for (size_t q = 0; q < sizeof(family_queries) / sizeof(family_queries[0]); q++) {
		fill(&p);
		CHECK_INT(nfct_build_query(ssh, family_queries[q], &family, &p.a, BUF_SIZE), 1);
		CHECK_INT(nfct_build_query(ssh, family_queries[q], &family, &p.b, BUF_SIZE), 1);
		check_pair("nfct_build_query, family", &p, BUF_SIZE, 20);
	}

	struct nfct_filter_dump *fd = nfct_filter_dump_create();
	struct nfct_filter_dump_mark mark = { .val = 1, .mask = 0xff };

	nfct_filter_dump_set_attr(fd, NFCT_FILTER_DUMP_MARK, &mark);
	nfct_filter_dump_set_attr_u8(fd, NFCT_FILTER_DUMP_L3NUM, AF_INET);
	fill(&p);
	CHECK_INT(nfct_build_query(ssh, NFCT_Q_DUMP_FILTER, fd, &p.a, BUF_SIZE), 1);
	CHECK_INT(nfct_build_query(ssh, NFCT_Q_DUMP_FILTER, fd, &p.b, BUF_SIZE), 1);
	check_pair("nfct_build_query, dump filter", &p, BUF_SIZE, 36);
	nfct_filter_dump_destroy(fd);
	nfct_destroy(ct);
}

static void test_expect(struct nfnl_subsys_handle *ssh)
{
	struct nf_expect *exp = nfexp_new();
	struct nf_conntrack *master = flow();
	struct nf_conntrack *expected = flow();
	struct nf_conntrack *mask = flow();
	uint32_t family = AF_INET;
	static struct pair p;

	nfexp_set_attr(exp, ATTR_EXP_MASTER, master);
	nfexp_set_attr(exp, ATTR_EXP_EXPECTED, expected);
	nfexp_set_attr(exp, ATTR_EXP_MASK, mask);
	nfexp_set_attr_u32(exp, ATTR_EXP_TIMEOUT, 300);
	nfexp_set_attr(exp, ATTR_EXP_HELPER_NAME, "ftp");

	fill(&p);
	CHECK_INT(nfexp_build_expect(ssh, &p.a, BUF_SIZE, IPCTNL_MSG_EXP_NEW, NLM_F_REQUEST, exp), 0);
	CHECK_INT(nfexp_build_expect(ssh, &p.b, BUF_SIZE, IPCTNL_MSG_EXP_NEW, NLM_F_REQUEST, exp), 0);
	check_pair("nfexp_build_expect", &p, BUF_SIZE, 100);

	fill(&p);
	CHECK_INT(nfexp_build_query(ssh, NFCT_Q_CREATE, exp, &p.a, BUF_SIZE), 1);
	CHECK_INT(nfexp_build_query(ssh, NFCT_Q_CREATE, exp, &p.b, BUF_SIZE), 1);
	check_pair("nfexp_build_query, object", &p, BUF_SIZE, 100);

	fill(&p);
	CHECK_INT(nfexp_build_query(ssh, NFCT_Q_DUMP, &family, &p.a, BUF_SIZE), 1);
	CHECK_INT(nfexp_build_query(ssh, NFCT_Q_DUMP, &family, &p.b, BUF_SIZE), 1);
	check_pair("nfexp_build_query, family", &p, BUF_SIZE, 20);

	/* Without a family (neither tuple has its layer-3 protocol): an
	 * empty request, the whole buffer zeroed. */
	struct nf_expect *bare = nfexp_new();

	nfexp_set_attr_u32(bare, ATTR_EXP_TIMEOUT, 300);
	fill(&p);
	CHECK_INT(nfexp_build_query(ssh, NFCT_Q_GET, bare, &p.a, BUF_SIZE), 1);
	CHECK_INT(nfexp_build_query(ssh, NFCT_Q_GET, bare, &p.b, BUF_SIZE), 1);
	CHECK_UINT(p.a.nlh.nlmsg_len, 0);
	check_pair("nfexp_build_query, empty request", &p, BUF_SIZE, 0);

	nfexp_destroy(bare);
	nfct_destroy(master);
	nfct_destroy(expected);
	nfct_destroy(mask);
	nfexp_destroy(exp);
}

int main(void)
{
	struct nfnl_handle *h = nfnl_open();

	if (h == NULL) {
		fprintf(stderr, "nfnl_open: %s\n", strerror(errno));
		return EXIT_HARD;
	}
	struct nfnl_subsys_handle *ssh_ct = nfnl_subsys_open(h, NFNL_SUBSYS_CTNETLINK,
							      IPCTNL_MSG_MAX, 0);
	struct nfnl_subsys_handle *ssh_exp = nfnl_subsys_open(h, NFNL_SUBSYS_CTNETLINK_EXP,
							       IPCTNL_MSG_EXP_MAX, 0);

	if (ssh_ct == NULL || ssh_exp == NULL) {
		fprintf(stderr, "nfnl_subsys_open: %s\n", strerror(errno));
		return EXIT_HARD;
	}
	test_conntrack(ssh_ct);
	test_expect(ssh_exp);
	nfnl_subsys_close(ssh_exp);
	nfnl_subsys_close(ssh_ct);
	nfnl_close(h);
	return test_done();
}
