/*
 * Queries against the kernel: create, get, update, delete, flush for every
 * protocol, with NAT, zones, marks and labels; kernel errors; callback
 * return codes. Runs in a private network namespace.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack_sctp.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack_tcp.h>

#include "check.h"
#include "ctk.h"
#include "kernel.h"

/* Every attribute of the original tuple that was set in want reads back
 * the same from got. */
static void check_same_tuple(const struct nf_conntrack *want, const struct nf_conntrack *got,
			     const char *what)
{
	static const enum nf_conntrack_attr attrs[] = {
		ATTR_ORIG_L3PROTO, ATTR_ORIG_L4PROTO, ATTR_ORIG_IPV4_SRC, ATTR_ORIG_IPV4_DST,
		ATTR_ORIG_IPV6_SRC, ATTR_ORIG_IPV6_DST, ATTR_ORIG_PORT_SRC, ATTR_ORIG_PORT_DST,
		ATTR_REPL_L3PROTO, ATTR_REPL_L4PROTO, ATTR_REPL_IPV4_SRC, ATTR_REPL_IPV4_DST,
		ATTR_REPL_IPV6_SRC, ATTR_REPL_IPV6_DST, ATTR_REPL_PORT_SRC, ATTR_REPL_PORT_DST,
		ATTR_ICMP_TYPE, ATTR_ICMP_CODE, ATTR_ICMP_ID,
	};
	static const size_t sizes[] = { 1, 1, 4, 4, 16, 16, 2, 2, 1, 1, 4, 4, 16, 16, 2, 2, 1, 1, 2 };

	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		if (!nfct_attr_is_set(want, attrs[i]))
			continue;
		CHECK_MSG(nfct_attr_is_set(got, attrs[i]) == 1, "%s: attribute %d missing",
			  what, attrs[i]);
		const void *a = nfct_get_attr(want, attrs[i]), *b = nfct_get_attr(got, attrs[i]);

		CHECK_MSG(a && b && memcmp(a, b, sizes[i]) == 0, "%s: attribute %d differs",
			  what, attrs[i]);
	}
}

/* Create, read back, delete: one entry of each protocol. */
static void test_protocols(void)
{
	static const struct {
		const char *name;
		uint8_t l4;
		bool v6;
		uint16_t sport, dport;
	} flows[] = {
		{ "tcp", IPPROTO_TCP, false, 1025, 80 },
		{ "udp", IPPROTO_UDP, false, 5353, 53 },
		{ "udplite", IPPROTO_UDPLITE, false, 7, 9 },
		{ "sctp", IPPROTO_SCTP, false, 3868, 3868 },
		{ "gre", IPPROTO_GRE, false, 12, 34 },
		{ "icmp", IPPROTO_ICMP, false, 77, 8 },
		{ "tcp6", IPPROTO_TCP, true, 1025, 443 },
		{ "udp6", IPPROTO_UDP, true, 5000, 5001 },
		{ "icmp6", IPPROTO_ICMPV6, true, 78, 128 },
		{ "unknown", 99, false, 0, 0 },
	};

	for (size_t i = 0; i < sizeof(flows) / sizeof(flows[0]); i++) {
		struct nf_conntrack *ct = flows[i].v6
			? ctk_flow6(flows[i].l4, "2001:db8::1", "2001:db8::2", flows[i].sport,
				    flows[i].dport, 200)
			: ctk_flow4(flows[i].l4, "10.0.0.1", "10.0.0.2", flows[i].sport,
				    flows[i].dport, 200);

		nfct_set_attr_u32(ct, ATTR_MARK, 0x100 + (uint32_t)i);
		CHECK_MSG(ctk_query(NFCT_Q_CREATE, ct) == 0, "%s: create: %s", flows[i].name,
			  strerror(errno));

		struct nf_conntrack *got = ctk_get(ct);

		CHECK_MSG(got != NULL, "%s: get: %s", flows[i].name, strerror(errno));
		if (got != NULL) {
			check_same_tuple(ct, got, flows[i].name);
			CHECK_UINT(nfct_get_attr_u32(got, ATTR_MARK), 0x100 + i);
			CHECK(nfct_get_attr_u32(got, ATTR_TIMEOUT) <= 200);
			CHECK(nfct_get_attr_u32(got, ATTR_TIMEOUT) >= 190);
			CHECK(nfct_get_attr_u32(got, ATTR_STATUS) & IPS_CONFIRMED);
			CHECK_INT(nfct_attr_is_set(got, ATTR_ID), 1);
			CHECK_INT(nfct_attr_is_set(got, ATTR_USE), 1);
			if (flows[i].l4 == IPPROTO_TCP)
				CHECK_UINT(nfct_get_attr_u8(got, ATTR_TCP_STATE),
					   TCP_CONNTRACK_ESTABLISHED);
			/* The object is equal to what was asked for, by the
			 * library's own comparison. */
			CHECK_INT(nfct_cmp(ct, got, NFCT_CMP_ORIG | NFCT_CMP_REPL), 1);
			nfct_destroy(got);
		}
		CHECK_MSG(ctk_query(NFCT_Q_DESTROY, ct) == 0, "%s: destroy: %s", flows[i].name,
			  strerror(errno));
		errno = 0;
		got = ctk_get(ct);
		CHECK_MSG(got == NULL && errno == ENOENT, "%s: still there after destroy",
			  flows[i].name);
		if (got != NULL)
			nfct_destroy(got);
		nfct_destroy(ct);
	}
	CHECK_INT(ctk_count(), 0);
}

/* The kernel's errors come back as -1 with its errno. */
static void test_errors(void)
{
	struct nf_conntrack *ct = ctk_flow4(IPPROTO_UDP, "10.1.0.1", "10.1.0.2", 1, 2, 100);

	CHECK_ERRNO(ctk_query(NFCT_Q_DESTROY, ct), -1, ENOENT);
	CHECK_ERRNO(ctk_query(NFCT_Q_GET, ct), -1, ENOENT);
	CHECK_ERRNO(ctk_query(NFCT_Q_UPDATE, ct), -1, ENOENT);
	CHECK_ERRNO(ctk_query(NFCT_Q_CREATE, ct), 0, 0);
	CHECK_ERRNO(ctk_query(NFCT_Q_CREATE, ct), -1, EEXIST);
	/* Create-or-update of an existing entry updates it. */
	nfct_set_attr_u32(ct, ATTR_MARK, 42);
	CHECK_ERRNO(ctk_query(NFCT_Q_CREATE_UPDATE, ct), 0, 0);

	struct nf_conntrack *got = ctk_get(ct);

	CHECK(got != NULL && nfct_get_attr_u32(got, ATTR_MARK) == 42);
	if (got != NULL)
		nfct_destroy(got);
	CHECK_ERRNO(ctk_query(NFCT_Q_DESTROY, ct), 0, 0);
	/* Create-or-update of a missing entry creates it. */
	CHECK_ERRNO(ctk_query(NFCT_Q_CREATE_UPDATE, ct), 0, 0);
	CHECK_INT(ctk_count(), 1);

	/* An unknown query is refused before anything is sent. */
	CHECK_ERRNO(ctk_query((enum nf_conntrack_query)77, ct), -1, EOPNOTSUPP);

	/* Without a reply tuple the kernel refuses to create. */
	struct nf_conntrack *half = nfct_new();

	nfct_set_attr_u8(half, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(half, ATTR_IPV4_SRC, ctk_ip4("10.1.0.3"));
	nfct_set_attr_u32(half, ATTR_IPV4_DST, ctk_ip4("10.1.0.4"));
	nfct_set_attr_u8(half, ATTR_L4PROTO, IPPROTO_UDP);
	nfct_set_attr_u16(half, ATTR_PORT_SRC, htons(1));
	nfct_set_attr_u16(half, ATTR_PORT_DST, htons(2));
	nfct_set_attr_u32(half, ATTR_TIMEOUT, 100);
	CHECK_ERRNO(ctk_query(NFCT_Q_CREATE, half), -1, EINVAL);
	nfct_destroy(half);

	uint32_t family = AF_UNSPEC;

	CHECK_ERRNO(ctk_query(NFCT_Q_FLUSH, &family), 0, 0);
	CHECK_INT(ctk_count(), 0);
	nfct_destroy(ct);
}

/* Updates change mark, timeout and status bits. */
static void test_update(void)
{
	struct nf_conntrack *ct = ctk_flow4(IPPROTO_TCP, "10.2.0.1", "10.2.0.2", 4000, 22, 300);

	CHECK_INT(ctk_query(NFCT_Q_CREATE, ct), 0);

	struct nf_conntrack *upd = nfct_new();

	nfct_copy(upd, ct, NFCT_CP_ORIG);
	nfct_set_attr_u32(upd, ATTR_MARK, 0xdeadbeef);
	nfct_set_attr_u32(upd, ATTR_TIMEOUT, 1000);
	nfct_set_attr_u32(upd, ATTR_STATUS, IPS_ASSURED);
	CHECK_ERRNO(ctk_query(NFCT_Q_UPDATE, upd), 0, 0);

	struct nf_conntrack *got = ctk_get(ct);

	CHECK(got != NULL);
	if (got != NULL) {
		CHECK_UINT(nfct_get_attr_u32(got, ATTR_MARK), 0xdeadbeef);
		CHECK(nfct_get_attr_u32(got, ATTR_TIMEOUT) > 900);
		CHECK(nfct_get_attr_u32(got, ATTR_STATUS) & IPS_ASSURED);
		nfct_destroy(got);
	}
	CHECK_INT(ctk_query(NFCT_Q_DESTROY, ct), 0);
	nfct_destroy(upd);
	nfct_destroy(ct);
}

/* Source and destination NAT, as conntrack -I --src-nat/--dst-nat. */
static void test_nat(void)
{
	struct nf_conntrack *ct = ctk_flow4(IPPROTO_TCP, "192.168.1.10", "8.8.8.8", 40000, 443, 300);

	nfct_set_attr_u32(ct, ATTR_SNAT_IPV4, ctk_ip4("203.0.113.1"));
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, ctk_ip4("203.0.113.1"));
	nfct_set_attr_u16(ct, ATTR_SNAT_PORT, htons(50000));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(50000));
	CHECK_ERRNO(ctk_query(NFCT_Q_CREATE, ct), 0, 0);

	struct nf_conntrack *got = ctk_get(ct);

	CHECK(got != NULL);
	if (got != NULL) {
		uint32_t status = nfct_get_attr_u32(got, ATTR_STATUS);

		CHECK(status & IPS_SRC_NAT_DONE);
		CHECK_UINT(nfct_get_attr_u32(got, ATTR_REPL_IPV4_DST), ctk_ip4("203.0.113.1"));
		CHECK_UINT(nfct_get_attr_u16(got, ATTR_REPL_PORT_DST), htons(50000));
		CHECK_INT(nfct_getobjopt(got, NFCT_GOPT_IS_SNAT), 1);
		CHECK_INT(nfct_getobjopt(got, NFCT_GOPT_IS_SPAT), 1);
		CHECK_INT(nfct_getobjopt(got, NFCT_GOPT_IS_DNAT), 0);
		nfct_destroy(got);
	}
	CHECK_INT(ctk_query(NFCT_Q_DESTROY, ct), 0);
	nfct_destroy(ct);

	ct = ctk_flow4(IPPROTO_UDP, "198.51.100.7", "203.0.113.1", 1234, 53, 300);
	nfct_set_attr_u32(ct, ATTR_DNAT_IPV4, ctk_ip4("10.9.9.9"));
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, ctk_ip4("10.9.9.9"));
	CHECK_ERRNO(ctk_query(NFCT_Q_CREATE, ct), 0, 0);
	got = ctk_get(ct);
	CHECK(got != NULL);
	if (got != NULL) {
		CHECK(nfct_get_attr_u32(got, ATTR_STATUS) & IPS_DST_NAT_DONE);
		CHECK_UINT(nfct_get_attr_u32(got, ATTR_REPL_IPV4_SRC), ctk_ip4("10.9.9.9"));
		CHECK_INT(nfct_getobjopt(got, NFCT_GOPT_IS_DNAT), 1);
		CHECK_INT(nfct_getobjopt(got, NFCT_GOPT_IS_SNAT), 0);
		nfct_destroy(got);
	}
	CHECK_INT(ctk_query(NFCT_Q_DESTROY, ct), 0);
	nfct_destroy(ct);
}

/* The same tuple lives once per zone. */
static void test_zones(void)
{
	for (uint16_t zone = 0; zone < 3; zone++) {
		struct nf_conntrack *ct = ctk_flow4(IPPROTO_UDP, "10.3.0.1", "10.3.0.2", 9, 9, 100);

		nfct_set_attr_u16(ct, ATTR_ZONE, zone);
		nfct_set_attr_u32(ct, ATTR_MARK, zone);
		CHECK_ERRNO(ctk_query(NFCT_Q_CREATE, ct), 0, 0);
		nfct_destroy(ct);
	}
	CHECK_INT(ctk_count(), 3);
	for (uint16_t zone = 0; zone < 3; zone++) {
		struct nf_conntrack *ct = ctk_flow4(IPPROTO_UDP, "10.3.0.1", "10.3.0.2", 9, 9, 100);

		nfct_set_attr_u16(ct, ATTR_ZONE, zone);

		struct nf_conntrack *got = ctk_get(ct);

		CHECK(got != NULL);
		if (got != NULL) {
			CHECK_UINT(nfct_get_attr_u32(got, ATTR_MARK), zone);
			if (zone != 0)
				CHECK_UINT(nfct_get_attr_u16(got, ATTR_ZONE), zone);
			nfct_destroy(got);
		}
		CHECK_INT(ctk_query(NFCT_Q_DESTROY, ct), 0);
		nfct_destroy(ct);
	}
	CHECK_INT(ctk_count(), 0);
}

/* Labels need the label extension: a ruleset that uses labels turns it on. */
static void test_labels(void)
{
	if (test_run("nft add table ip lbl && nft add chain ip lbl c '{ type filter hook output priority 0; }' "
		     "&& nft add rule ip lbl c ct label set 1") != 0) {
		printf("nft not available: label test skipped\n");
		return;
	}

	struct nf_conntrack *ct = ctk_flow4(IPPROTO_UDP, "10.4.0.1", "10.4.0.2", 3, 4, 100);
	struct nfct_bitmask *b = nfct_bitmask_new(127);

	nfct_bitmask_set_bit(b, 0);
	nfct_bitmask_set_bit(b, 5);
	nfct_bitmask_set_bit(b, 127);
	nfct_set_attr(ct, ATTR_CONNLABELS, b);
	CHECK_ERRNO(ctk_query(NFCT_Q_CREATE, ct), 0, 0);

	struct nf_conntrack *got = ctk_get(ct);

	CHECK(got != NULL);
	if (got != NULL) {
		const struct nfct_bitmask *l = nfct_get_attr(got, ATTR_CONNLABELS);

		CHECK(l != NULL);
		if (l != NULL) {
			for (unsigned int i = 0; i <= nfct_bitmask_maxbit(l); i++)
				CHECK_INT(nfct_bitmask_test_bit(l, i), i == 0 || i == 5 || i == 127);
		}
		nfct_destroy(got);
	}

	/* Update with a mask: set bit 9, clear bit 5, keep the others. */
	struct nf_conntrack *upd = nfct_new();
	struct nfct_bitmask *nb = nfct_bitmask_new(127), *mask = nfct_bitmask_new(127);

	nfct_copy(upd, ct, NFCT_CP_ORIG);
	nfct_bitmask_set_bit(nb, 9);
	nfct_bitmask_set_bit(mask, 9);
	nfct_bitmask_set_bit(mask, 5);
	nfct_set_attr(upd, ATTR_CONNLABELS, nb);
	nfct_set_attr(upd, ATTR_CONNLABELS_MASK, mask);
	CHECK_ERRNO(ctk_query(NFCT_Q_UPDATE, upd), 0, 0);
	got = ctk_get(ct);
	CHECK(got != NULL);
	if (got != NULL) {
		const struct nfct_bitmask *l = nfct_get_attr(got, ATTR_CONNLABELS);

		CHECK(l != NULL);
		if (l != NULL) {
			for (unsigned int i = 0; i <= nfct_bitmask_maxbit(l); i++)
				CHECK_INT(nfct_bitmask_test_bit(l, i), i == 0 || i == 9 || i == 127);
		}
		nfct_destroy(got);
	}
	CHECK_INT(ctk_query(NFCT_Q_DESTROY, ct), 0);
	nfct_destroy(upd);
	nfct_destroy(ct);
	test_run("nft delete table ip lbl");
}

/* Callback return codes on a dump of three entries. */
struct cb_state {
	int calls;
	int ret;
	struct nf_conntrack *kept[8];
	unsigned int types;
	bool saw_nlh;
};

static int cb_fixed(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct cb_state *s = data;

	s->types |= type;
	if (s->ret == NFCT_CB_STOLEN && s->calls < 8)
		s->kept[s->calls] = ct;
	s->calls++;
	if (s->ret == NFCT_CB_FAILURE)
		errno = EPERM;
	return s->ret;
}

static int cb2_fixed(const struct nlmsghdr *nlh, enum nf_conntrack_msg_type type,
		     struct nf_conntrack *ct, void *data)
{
	struct cb_state *s = data;

	s->saw_nlh = nlh != NULL && nlh->nlmsg_len >= 20 &&
		     NFNL_SUBSYS_ID(nlh->nlmsg_type) == NFNL_SUBSYS_CTNETLINK;
	return cb_fixed(type, ct, data);
}

static int dump_with(int ret, bool second_form, struct cb_state *s)
{
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);
	uint32_t family = AF_INET;
	int r;

	memset(s, 0, sizeof(*s));
	s->ret = ret;
	if (second_form)
		nfct_callback_register2(h, NFCT_T_ALL, cb2_fixed, s);
	else
		nfct_callback_register(h, NFCT_T_ALL, cb_fixed, s);
	errno = 0;
	r = nfct_query(h, NFCT_Q_DUMP, &family);
	int err = errno;

	nfct_close(h);
	errno = err;
	return r;
}

static void test_callbacks(void)
{
	struct cb_state s;

	for (uint16_t p = 1; p <= 3; p++) {
		struct nf_conntrack *ct = ctk_flow4(IPPROTO_UDP, "10.5.0.1", "10.5.0.2", p, 7, 100);

		CHECK_INT(ctk_query(NFCT_Q_CREATE, ct), 0);
		nfct_destroy(ct);
	}

	CHECK_INT(dump_with(NFCT_CB_CONTINUE, false, &s), 0);
	CHECK_INT(s.calls, 3);
	/* Dumped entries are updates. */
	CHECK_UINT(s.types, NFCT_T_UPDATE);

	CHECK_INT(dump_with(NFCT_CB_STOP, false, &s), 0);
	CHECK_INT(s.calls, 1);

	CHECK_ERRNO(dump_with(NFCT_CB_FAILURE, false, &s), -1, EPERM);
	CHECK_INT(s.calls, 1);

	CHECK_INT(dump_with(NFCT_CB_STOLEN, false, &s), 0);
	CHECK_INT(s.calls, 3);
	/* Stolen objects stay valid and distinct after the query. */
	CHECK(s.kept[0] != s.kept[1] && s.kept[1] != s.kept[2]);
	for (int i = 0; i < 3; i++) {
		CHECK_UINT(nfct_get_attr_u16(s.kept[i], ATTR_PORT_DST), htons(7));
		nfct_destroy(s.kept[i]);
	}

	CHECK_INT(dump_with(NFCT_CB_CONTINUE, true, &s), 0);
	CHECK_INT(s.calls, 3);
	CHECK(s.saw_nlh);

	/* A callback for new entries only sees nothing of a dump. */
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);
	uint32_t family = AF_INET;

	memset(&s, 0, sizeof(s));
	s.ret = NFCT_CB_CONTINUE;
	nfct_callback_register(h, NFCT_T_NEW, cb_fixed, &s);
	CHECK_INT(nfct_query(h, NFCT_Q_DUMP, &family), 0);
	CHECK_INT(s.calls, 0);
	/* After unregistering, a dump calls nothing. */
	nfct_callback_register(h, NFCT_T_ALL, cb_fixed, &s);
	nfct_callback_unregister(h);
	CHECK_INT(nfct_query(h, NFCT_Q_DUMP, &family), 0);
	CHECK_INT(s.calls, 0);
	nfct_close(h);

	/* nfct_send() then nfct_catch() is nfct_query() in two steps. */
	h = nfct_open(CONNTRACK, 0);
	memset(&s, 0, sizeof(s));
	s.ret = NFCT_CB_CONTINUE;
	nfct_callback_register(h, NFCT_T_ALL, cb_fixed, &s);
	CHECK_INT(nfct_send(h, NFCT_Q_DUMP, &family), 20);
	CHECK_INT(nfct_catch(h), 0);
	CHECK_INT(s.calls, 3);
	nfct_close(h);

	CHECK_INT(ctk_query(NFCT_Q_FLUSH, &family), 0);
}

/* A handle with both subsystems, and the handle accessors. */
static void test_handle(void)
{
	struct nfct_handle *h = nfct_open(NFNL_SUBSYS_NONE, 0);

	CHECK(h != NULL);
	CHECK(nfct_fd(h) >= 0);
	CHECK(nfct_nfnlh(h) != NULL);
	CHECK_INT(nfnl_fd((struct nfnl_handle *)nfct_nfnlh(h)), nfct_fd(h));
	CHECK_INT(nfct_close(h), 0);

	struct nfnl_handle *nfnlh = nfnl_open();

	h = nfct_open_nfnl(nfnlh, CONNTRACK, 0);
	CHECK(h != NULL);
	CHECK(nfct_nfnlh(h) == nfnlh);
	CHECK_INT(nfct_close(h), 0);
}

int main(void)
{
	test_enter_netns();
	test_handle();
	test_protocols();
	test_errors();
	test_update();
	test_nat();
	test_zones();
	test_labels();
	test_callbacks();
	return test_done();
}
