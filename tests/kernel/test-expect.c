/*
 * Expectations against the kernel: masters created with a helper, then
 * expectations created (flags, zone, a NAT tuple the library does not
 * send), read back with a get and a dump field by field, deleted, flushed,
 * and their events (new, destroy) watched, on an expectation-only handle
 * and on a handle with both callbacks. Runs in a private network
 * namespace, on both libraries.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"
#include "ctk.h"
#include "kernel.h"

#define MASTER_SRC	"10.40.0.1"
#define MASTER_DST	"10.40.0.2"

/* A master entry: an FTP control connection with the ftp helper. */
static struct nf_conntrack *master4(uint16_t sport, uint16_t zone)
{
	struct nf_conntrack *ct = ctk_flow4(IPPROTO_TCP, MASTER_SRC, MASTER_DST, sport, 21, 600);

	nfct_set_attr(ct, ATTR_HELPER_NAME, "ftp");
	if (zone != 0)
		nfct_set_attr_u16(ct, ATTR_ZONE, zone);
	return ct;
}

static struct nf_conntrack *tuple4(const char *src, const char *dst, uint16_t sport,
				   uint16_t dport)
{
	struct nf_conntrack *ct = nfct_new();

	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_IPV4_SRC, ctk_ip4(src));
	nfct_set_attr_u32(ct, ATTR_IPV4_DST, ctk_ip4(dst));
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(sport));
	nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(dport));
	return ct;
}

/* An expectation of a data connection to dport, from the master given. */
static struct nf_expect *expect4(const struct nf_conntrack *master, uint16_t dport)
{
	struct nf_expect *exp = nfexp_new();
	struct nf_conntrack *expected = tuple4(MASTER_SRC, MASTER_DST, 0, dport);
	struct nf_conntrack *mask = tuple4("255.255.255.255", "255.255.255.255", 0, 0xffff);

	nfexp_set_attr(exp, ATTR_EXP_MASTER, master);
	nfexp_set_attr(exp, ATTR_EXP_EXPECTED, expected);
	nfexp_set_attr(exp, ATTR_EXP_MASK, mask);
	nfexp_set_attr_u32(exp, ATTR_EXP_TIMEOUT, 200);
	nfct_destroy(expected);
	nfct_destroy(mask);
	return exp;
}

static int exp_query(enum nf_conntrack_query q, const void *data)
{
	struct nfct_handle *h = nfct_open(EXPECT, 0);
	int ret, err;

	if (h == NULL)
		return -1;
	ret = nfexp_query(h, q, data);
	err = errno;
	nfct_close(h);
	errno = err;
	return ret;
}

/* What the callbacks saw. */
struct seen {
	struct nf_expect *exp[16];
	unsigned int type[16];
	const struct nlmsghdr *nlh_ok;	/* register2: a message came along */
	int n;
	int want;			/* stop after this many (0: never) */
	int ct_n;			/* conntrack events on a shared handle */
	unsigned int ct_type[16];
};

/* Keeps the objects: steals them, or clones the last one when it stops
 * (a stopping callback does not own its object). */
static int keep_cb(enum nf_conntrack_msg_type type, struct nf_expect *exp, void *data)
{
	struct seen *s = data;

	if (s->n < 16) {
		bool stop = s->want && s->n + 1 + s->ct_n >= s->want;

		s->exp[s->n] = stop ? nfexp_clone(exp) : exp;
		s->type[s->n] = type;
		s->n++;
		return stop ? NFCT_CB_STOP : NFCT_CB_STOLEN;
	}
	return NFCT_CB_CONTINUE;
}

static int keep_cb2(const struct nlmsghdr *nlh, enum nf_conntrack_msg_type type,
		    struct nf_expect *exp, void *data)
{
	struct seen *s = data;

	if (nlh != NULL && NFNL_SUBSYS_ID(nlh->nlmsg_type) == NFNL_SUBSYS_CTNETLINK_EXP)
		s->nlh_ok = nlh;
	if (s->n < 16) {
		s->exp[s->n] = nfexp_clone(exp);
		s->type[s->n] = type;
		s->n++;
	}
	return NFCT_CB_CONTINUE;
}

static int ct_cb(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct seen *s = data;

	if (s->ct_n < 16)
		s->ct_type[s->ct_n++] = type;
	return s->want && s->n + s->ct_n >= s->want ? NFCT_CB_STOP : NFCT_CB_CONTINUE;
}

static void seen_free(struct seen *s)
{
	for (int i = 0; i < s->n && i < 16; i++)
		nfexp_destroy(s->exp[i]);
	memset(s, 0, sizeof(*s));
}

/* Runs a get or dump on a fresh handle, keeping what comes back. */
static int collect(enum nf_conntrack_query q, const void *data, struct seen *s)
{
	struct nfct_handle *h = nfct_open(EXPECT, 0);
	int ret, err;

	if (h == NULL)
		return -1;
	CHECK_INT(nfexp_callback_register(h, NFCT_T_ALL, keep_cb, s), 0);
	ret = nfexp_query(h, q, data);
	err = errno;
	nfct_close(h);
	errno = err;
	return ret;
}

static int count(uint32_t family)
{
	struct seen s = { .n = 0 };
	int ret = collect(NFCT_Q_DUMP, &family, &s), n = s.n;

	seen_free(&s);
	return ret < 0 ? -1 : n;
}

/* Checks a tuple read back from the kernel. */
static void check_tuple(const struct nf_conntrack *t, const char *src, const char *dst,
			uint16_t sport, uint16_t dport)
{
	CHECK(t != NULL);
	if (t == NULL)
		return;
	CHECK_UINT(nfct_get_attr_u8(t, ATTR_ORIG_L3PROTO), AF_INET);
	CHECK_UINT(nfct_get_attr_u32(t, ATTR_ORIG_IPV4_SRC), ctk_ip4(src));
	CHECK_UINT(nfct_get_attr_u32(t, ATTR_ORIG_IPV4_DST), ctk_ip4(dst));
	CHECK_UINT(nfct_get_attr_u8(t, ATTR_ORIG_L4PROTO), IPPROTO_TCP);
	CHECK_UINT(ntohs(nfct_get_attr_u16(t, ATTR_ORIG_PORT_SRC)), sport);
	CHECK_UINT(ntohs(nfct_get_attr_u16(t, ATTR_ORIG_PORT_DST)), dport);
}

/* Every field of an expectation of expect4(master sport, dport). */
static void check_exp(const struct nf_expect *exp, uint16_t master_sport, uint16_t dport,
		      uint32_t flags)
{
	check_tuple(nfexp_get_attr(exp, ATTR_EXP_MASTER), MASTER_SRC, MASTER_DST, master_sport, 21);
	check_tuple(nfexp_get_attr(exp, ATTR_EXP_EXPECTED), MASTER_SRC, MASTER_DST, 0, dport);
	check_tuple(nfexp_get_attr(exp, ATTR_EXP_MASK), "255.255.255.255", "255.255.255.255",
		    0, 0xffff);
	/* The kernel applies the helper's own timeout (300 s for ftp). */
	CHECK_INT(nfexp_attr_is_set(exp, ATTR_EXP_TIMEOUT), 1);
	CHECK(nfexp_get_attr_u32(exp, ATTR_EXP_TIMEOUT) > 0 &&
	      nfexp_get_attr_u32(exp, ATTR_EXP_TIMEOUT) <= 300);
	CHECK_INT(nfexp_attr_is_set(exp, ATTR_EXP_FLAGS), 1);
	CHECK_UINT(nfexp_get_attr_u32(exp, ATTR_EXP_FLAGS), flags);
	CHECK_STR(nfexp_get_attr(exp, ATTR_EXP_HELPER_NAME), "ftp");
	CHECK_INT(nfexp_attr_is_set(exp, ATTR_EXP_CLASS), 1);
	CHECK_UINT(nfexp_get_attr_u32(exp, ATTR_EXP_CLASS), 0);
	/* The kernel does not report the zone. */
	CHECK_INT(nfexp_attr_is_set(exp, ATTR_EXP_ZONE), 0);
	CHECK_INT(nfexp_attr_is_set(exp, ATTR_EXP_NAT_TUPLE), 0);
	CHECK_INT(nfexp_attr_is_set(exp, ATTR_EXP_NAT_DIR), 0);
	CHECK_INT(nfexp_attr_is_set(exp, ATTR_EXP_FN), 0);

	/* And the text conntrack -L expect prints. */
	char buf[512], want[512];

	CHECK(nfexp_snprintf(buf, sizeof(buf), exp, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0) > 0);
	snprintf(want, sizeof(want),
		 " proto=6 src=%s dst=%s sport=0 dport=%u mask-src=255.255.255.255 "
		 "mask-dst=255.255.255.255 sport=0 dport=65535 master-src=%s master-dst=%s "
		 "sport=%u dport=21 ", MASTER_SRC, MASTER_DST, dport, MASTER_SRC, MASTER_DST,
		 master_sport);
	CHECK_MSG(strstr(buf, want) != NULL, "printed [%s]", buf);
	CHECK_MSG(strstr(buf, " helper=ftp") != NULL, "printed [%s]", buf);
}

static void test_create_get_delete(void)
{
	struct nf_conntrack *m1 = master4(40000, 0);
	struct seen s = { .n = 0 };

	CHECK_INT(ctk_query(NFCT_Q_CREATE, m1), 0);

	/* A master without a helper cannot have expectations. */
	struct nf_conntrack *plain = ctk_flow4(IPPROTO_TCP, MASTER_SRC, MASTER_DST, 40009, 21, 600);
	struct nf_expect *e0 = expect4(plain, 50009);

	CHECK_INT(ctk_query(NFCT_Q_CREATE, plain), 0);
	CHECK_ERRNO(exp_query(NFCT_Q_CREATE, e0), -1, EOPNOTSUPP);
	nfexp_destroy(e0);
	nfct_destroy(plain);

	/* Without a master entry: ENOENT. */
	struct nf_conntrack *ghost = master4(40099, 0);
	struct nf_expect *eg = expect4(ghost, 50099);

	CHECK_ERRNO(exp_query(NFCT_Q_CREATE, eg), -1, ENOENT);
	nfexp_destroy(eg);
	nfct_destroy(ghost);

	/* Flags and a helper name. */
	struct nf_expect *e1 = expect4(m1, 50000);

	nfexp_set_attr_u32(e1, ATTR_EXP_FLAGS, NF_CT_EXPECT_PERMANENT);
	nfexp_set_attr(e1, ATTR_EXP_HELPER_NAME, "ftp");
	CHECK_INT(exp_query(NFCT_Q_CREATE, e1), 0);
	CHECK_ERRNO(exp_query(NFCT_Q_CREATE, e1), -1, EEXIST);

	/* A NAT tuple, class and function: the library does not send them
	 * (as the original), so the kernel makes a plain expectation. The
	 * kernel drops USERSPACE from the flags. Another master: the ftp
	 * helper keeps one expectation per master, the newest. */
	struct nf_conntrack *m1b = master4(40010, 0);
	struct nf_expect *e2 = expect4(m1b, 50001);
	struct nf_conntrack *nat = tuple4("10.40.0.9", MASTER_DST, 0, 6000);

	nfexp_set_attr(e2, ATTR_EXP_NAT_TUPLE, nat);
	nfexp_set_attr_u32(e2, ATTR_EXP_NAT_DIR, 1);	/* the reply direction */
	nfexp_set_attr_u32(e2, ATTR_EXP_CLASS, 0);
	nfexp_set_attr(e2, ATTR_EXP_FN, "nat-follow-master");
	nfexp_set_attr_u32(e2, ATTR_EXP_FLAGS, NF_CT_EXPECT_INACTIVE | NF_CT_EXPECT_USERSPACE);
	CHECK_INT(ctk_query(NFCT_Q_CREATE, m1b), 0);
	CHECK_INT(exp_query(NFCT_Q_CREATE_UPDATE, e2), 0);
	nfct_destroy(nat);

	/* Get by the expected tuple. */
	struct nf_expect *key = nfexp_new();

	nfexp_set_attr(key, ATTR_EXP_EXPECTED, nfexp_get_attr(e1, ATTR_EXP_EXPECTED));
	CHECK_INT(collect(NFCT_Q_GET, key, &s), 0);
	CHECK_INT(s.n, 1);
	if (s.n == 1) {
		CHECK_UINT(s.type[0], NFCT_T_UPDATE);
		check_exp(s.exp[0], 40000, 50000, NF_CT_EXPECT_PERMANENT);
	}
	seen_free(&s);

	nfexp_set_attr(key, ATTR_EXP_EXPECTED, nfexp_get_attr(e2, ATTR_EXP_EXPECTED));
	CHECK_INT(collect(NFCT_Q_GET, key, &s), 0);
	CHECK_INT(s.n, 1);
	if (s.n == 1)
		check_exp(s.exp[0], 40010, 50001, NF_CT_EXPECT_INACTIVE);
	seen_free(&s);

	/* Dumps: both, by family. */
	CHECK_INT(count(AF_INET), 2);
	CHECK_INT(count(AF_UNSPEC), 2);
	CHECK_INT(count(AF_INET6), 0);

	/* Delete one; it is gone, the other stays. */
	CHECK_INT(exp_query(NFCT_Q_DESTROY, e2), 0);
	CHECK_ERRNO(exp_query(NFCT_Q_DESTROY, e2), -1, ENOENT);
	CHECK_ERRNO(collect(NFCT_Q_GET, key, &s), -1, ENOENT);
	CHECK_INT(s.n, 0);
	seen_free(&s);
	CHECK_INT(count(AF_INET), 1);

	/* An expectation without a family: ENODATA, nothing sent. */
	struct nf_expect *empty = nfexp_new();

	CHECK_ERRNO(exp_query(NFCT_Q_GET, empty), -1, ENODATA);
	nfexp_destroy(empty);

	/* Queries expectations do not have. */
	CHECK_ERRNO(exp_query(NFCT_Q_UPDATE, e1), -1, EOPNOTSUPP);
	CHECK_ERRNO(exp_query(NFCT_Q_DUMP_RESET, e1), -1, EOPNOTSUPP);

	nfexp_destroy(key);
	nfexp_destroy(e1);
	nfexp_destroy(e2);
	nfct_destroy(m1);
	nfct_destroy(m1b);
}

/* A master in a zone: the expectation is created and read back in it. */
static void test_zone(void)
{
	struct nf_conntrack *m = master4(40001, 5);
	struct nf_expect *e = expect4(m, 50005);
	struct seen s = { .n = 0 };
	uint32_t family = AF_INET;

	CHECK_INT(ctk_query(NFCT_Q_CREATE, m), 0);
	/* Not found in the default zone. */
	CHECK_ERRNO(exp_query(NFCT_Q_CREATE, e), -1, ENOENT);
	nfexp_set_attr_u16(e, ATTR_EXP_ZONE, 5);
	CHECK_INT(exp_query(NFCT_Q_CREATE, e), 0);

	CHECK_INT(collect(NFCT_Q_DUMP, &family, &s), 0);
	for (int i = 0; i < s.n; i++) {
		const struct nf_conntrack *t = nfexp_get_attr(s.exp[i], ATTR_EXP_EXPECTED);

		if (ntohs(nfct_get_attr_u16(t, ATTR_ORIG_PORT_DST)) == 50005)
			check_exp(s.exp[i], 40001, 50005, 0);
	}
	seen_free(&s);

	/* A get finds it in its zone only (the kernel does not report the
	 * zone back). */
	CHECK_INT(collect(NFCT_Q_GET, e, &s), 0);
	CHECK_INT(s.n, 1);
	seen_free(&s);
	nfexp_attr_unset(e, ATTR_EXP_ZONE);
	CHECK_ERRNO(collect(NFCT_Q_GET, e, &s), -1, ENOENT);
	CHECK_INT(s.n, 0);
	seen_free(&s);
	nfexp_set_attr_u16(e, ATTR_EXP_ZONE, 6);
	CHECK_ERRNO(collect(NFCT_Q_GET, e, &s), -1, ENOENT);
	seen_free(&s);
	nfexp_destroy(e);
	nfct_destroy(m);
}

/* A dump through nfexp_send() and nfexp_catch(), with the callback that
 * gets the message. */
static void test_send_catch(void)
{
	struct nfct_handle *h = nfct_open(EXPECT, 0);
	struct seen s = { .n = 0 };
	uint32_t family = AF_INET;

	CHECK(h != NULL);
	CHECK_INT(nfexp_callback_register2(h, NFCT_T_ALL, keep_cb2, &s), 0);
	CHECK(nfexp_send(h, NFCT_Q_DUMP, &family) > 0);
	CHECK_INT(nfexp_catch(h), 0);
	CHECK_INT(s.n, 2);
	CHECK(s.nlh_ok != NULL);
	for (int i = 0; i < s.n; i++)
		CHECK_UINT(s.type[i], NFCT_T_UPDATE);
	seen_free(&s);

	/* After unregistering, a dump runs without calling anything. */
	nfexp_callback_unregister2(h);
	CHECK_INT(nfexp_query(h, NFCT_Q_DUMP, &family), 0);
	CHECK_INT(s.n, 0);
	nfct_close(h);
}

/* An event handle whose reads give up after a second. */
static struct nfct_handle *event_handle(uint8_t subsys, unsigned int groups)
{
	struct nfct_handle *h = nfct_open(subsys, groups);
	struct timeval tv = { .tv_sec = 1 };

	CHECK(h != NULL);
	setsockopt(nfct_fd(h), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return h;
}

static void test_events(void)
{
	struct nfct_handle *ev = event_handle(EXPECT, NF_NETLINK_CONNTRACK_EXP_NEW |
						      NF_NETLINK_CONNTRACK_EXP_DESTROY);
	struct nf_conntrack *m = master4(40002, 0);
	struct nf_expect *e = expect4(m, 50002);
	struct seen s = { .want = 2 };

	CHECK_INT(ctk_query(NFCT_Q_CREATE, m), 0);
	CHECK_INT(nfexp_callback_register(ev, NFCT_T_ALL, keep_cb, &s), 0);
	CHECK_INT(exp_query(NFCT_Q_CREATE, e), 0);
	CHECK_INT(exp_query(NFCT_Q_DESTROY, e), 0);
	CHECK_INT(nfexp_catch(ev), 0);
	CHECK_INT(s.n, 2);
	if (s.n == 2) {
		CHECK_UINT(s.type[0], NFCT_T_NEW);
		CHECK_UINT(s.type[1], NFCT_T_DESTROY);
		check_exp(s.exp[0], 40002, 50002, 0);
		check_tuple(nfexp_get_attr(s.exp[1], ATTR_EXP_EXPECTED), MASTER_SRC, MASTER_DST,
			    0, 50002);
		/* The event's text starts with its type. */
		char buf[512];

		nfexp_snprintf(buf, sizeof(buf), s.exp[0], NFCT_T_NEW, NFCT_O_DEFAULT, 0);
		CHECK_MSG(strncmp(buf, "    [NEW] ", 10) == 0, "printed [%s]", buf);
		nfexp_snprintf(buf, sizeof(buf), s.exp[1], NFCT_T_DESTROY, NFCT_O_XML, 0);
		CHECK_MSG(strncmp(buf, "<flow type=\"destroy\">", 21) == 0, "printed [%s]", buf);
	}
	seen_free(&s);

	/* Destroy events only. */
	nfexp_callback_unregister(ev);
	s.want = 1;
	CHECK_INT(nfexp_callback_register(ev, NFCT_T_DESTROY, keep_cb, &s), 0);
	CHECK_INT(exp_query(NFCT_Q_CREATE, e), 0);
	CHECK_INT(exp_query(NFCT_Q_DESTROY, e), 0);
	CHECK_INT(nfexp_catch(ev), 0);
	CHECK_INT(s.n, 1);
	if (s.n == 1)
		CHECK_UINT(s.type[0], NFCT_T_DESTROY);
	seen_free(&s);
	nfct_close(ev);

	/* One handle, both tables: the conntrack event goes to the
	 * conntrack callback, the expectation event to the expectation one,
	 * whichever catch function reads them. */
	ev = event_handle(NFNL_SUBSYS_NONE, NF_NETLINK_CONNTRACK_NEW |
					    NF_NETLINK_CONNTRACK_EXP_NEW);
	s.want = 2;
	CHECK_INT(nfct_callback_register(ev, NFCT_T_ALL, ct_cb, &s), 0);
	CHECK_INT(nfexp_callback_register(ev, NFCT_T_ALL, keep_cb, &s), 0);

	struct nf_conntrack *m2 = master4(40003, 0);
	struct nf_expect *e2 = expect4(m2, 50003);

	CHECK_INT(ctk_query(NFCT_Q_CREATE, m2), 0);
	CHECK_INT(exp_query(NFCT_Q_CREATE, e2), 0);
	CHECK_INT(nfct_catch(ev), 0);
	CHECK_INT(s.ct_n, 1);
	CHECK_INT(s.n, 1);
	if (s.ct_n == 1)
		CHECK_UINT(s.ct_type[0], NFCT_T_NEW);
	if (s.n == 1) {
		CHECK_UINT(s.type[0], NFCT_T_NEW);
		check_exp(s.exp[0], 40003, 50003, 0);
	}
	seen_free(&s);
	nfct_close(ev);

	nfexp_destroy(e);
	nfexp_destroy(e2);
	nfct_destroy(m);
	nfct_destroy(m2);
}

static void test_flush(void)
{
	struct nfct_handle *ev = event_handle(EXPECT, NF_NETLINK_CONNTRACK_EXP_DESTROY);
	struct seen s = { .n = 0 };
	uint32_t family = AF_INET;
	int before = count(AF_UNSPEC);

	CHECK(before >= 2);
	s.want = before;
	CHECK_INT(nfexp_callback_register(ev, NFCT_T_ALL, keep_cb, &s), 0);
	CHECK_INT(exp_query(NFCT_Q_FLUSH, &family), 0);
	CHECK_INT(count(AF_UNSPEC), 0);
	CHECK_ERRNO(nfexp_catch(ev), 0, 0);
	CHECK_INT(s.n, before);
	for (int i = 0; i < s.n; i++)
		CHECK_UINT(s.type[i], NFCT_T_DESTROY);
	seen_free(&s);
	nfct_close(ev);

	/* The masters stay. */
	CHECK(ctk_count() >= 4);
	CHECK_INT(exp_query(NFCT_Q_FLUSH, &family), 0);
}

int main(void)
{
	test_enter_netns();
	/* Events for every entry: with the default (2), only entries
	 * created while someone listened can report their expectations. */
	test_sysctl("net.netfilter.nf_conntrack_events", "1");
	test_create_get_delete();
	test_zone();
	test_send_catch();
	test_events();
	test_flush();
	return test_done();
}
