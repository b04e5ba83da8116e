/*
 * Events: every operation's event arrives with its type and content, a
 * receive-buffer overrun reports ENOBUFS and the handle stays usable.
 * Runs in a private network namespace.
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

struct event {
	unsigned int type;
	uint16_t sport;
	uint32_t mark;
	bool has_mark, has_reply;
};

struct collector {
	struct event ev[64];
	int n;
	int want;		/* stop after this many */
};

static int on_event(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct collector *c = data;

	if (c->n < 64) {
		struct event *e = &c->ev[c->n];

		e->type = type;
		e->sport = ntohs(nfct_get_attr_u16(ct, ATTR_PORT_SRC));
		e->has_mark = nfct_attr_is_set(ct, ATTR_MARK) == 1;
		e->mark = nfct_get_attr_u32(ct, ATTR_MARK);
		e->has_reply = nfct_attr_is_set(ct, ATTR_REPL_IPV4_SRC) == 1;
	}
	c->n++;
	return c->n >= c->want ? NFCT_CB_STOP : NFCT_CB_CONTINUE;
}

/* An event handle whose reads give up after a second. */
static struct nfct_handle *event_handle(unsigned int groups)
{
	struct nfct_handle *h = nfct_open(CONNTRACK, groups);
	struct timeval tv = { .tv_sec = 1 };

	CHECK(h != NULL);
	setsockopt(nfct_fd(h), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return h;
}

static void test_types(void)
{
	struct nfct_handle *ev = event_handle(NFCT_ALL_CT_GROUPS);
	struct collector c = { .want = 3 };
	struct nf_conntrack *ct = ctk_flow4(IPPROTO_UDP, "10.30.0.1", "10.30.0.2", 1111, 53, 100);

	nfct_callback_register(ev, NFCT_T_ALL, on_event, &c);

	nfct_set_attr_u32(ct, ATTR_MARK, 5);
	CHECK_INT(ctk_query(NFCT_Q_CREATE, ct), 0);
	nfct_set_attr_u32(ct, ATTR_MARK, 6);
	CHECK_INT(ctk_query(NFCT_Q_UPDATE, ct), 0);
	CHECK_INT(ctk_query(NFCT_Q_DESTROY, ct), 0);

	CHECK_INT(nfct_catch(ev), 0);
	CHECK_INT(c.n, 3);
	CHECK_UINT(c.ev[0].type, NFCT_T_NEW);
	CHECK_UINT(c.ev[1].type, NFCT_T_UPDATE);
	CHECK_UINT(c.ev[2].type, NFCT_T_DESTROY);
	for (int i = 0; i < 3; i++) {
		CHECK_UINT(c.ev[i].sport, 1111);
		CHECK(c.ev[i].has_reply);
	}
	CHECK(c.ev[0].has_mark && c.ev[0].mark == 5);
	CHECK(c.ev[1].has_mark && c.ev[1].mark == 6);

	/* A callback for destroy events only sees the destroy. */
	nfct_callback_unregister(ev);
	memset(&c, 0, sizeof(c));
	c.want = 1;
	nfct_callback_register(ev, NFCT_T_DESTROY, on_event, &c);
	CHECK_INT(ctk_query(NFCT_Q_CREATE, ct), 0);
	CHECK_INT(ctk_query(NFCT_Q_DESTROY, ct), 0);
	CHECK_INT(nfct_catch(ev), 0);
	CHECK_INT(c.n, 1);
	CHECK_UINT(c.ev[0].type, NFCT_T_DESTROY);
	nfct_close(ev);

	/* A handle subscribed to new entries only gets those. */
	ev = event_handle(NF_NETLINK_CONNTRACK_NEW);
	memset(&c, 0, sizeof(c));
	c.want = 2;
	nfct_callback_register(ev, NFCT_T_ALL, on_event, &c);
	CHECK_INT(ctk_query(NFCT_Q_CREATE, ct), 0);
	CHECK_INT(ctk_query(NFCT_Q_DESTROY, ct), 0);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(2222));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(2222));
	CHECK_INT(ctk_query(NFCT_Q_CREATE, ct), 0);
	CHECK_INT(nfct_catch(ev), 0);
	CHECK_INT(c.n, 2);
	CHECK_UINT(c.ev[0].type, NFCT_T_NEW);
	CHECK_UINT(c.ev[1].type, NFCT_T_NEW);
	CHECK_UINT(c.ev[1].sport, 2222);
	nfct_close(ev);
	nfct_destroy(ct);

	uint32_t family = AF_UNSPEC;

	CHECK_INT(ctk_query(NFCT_Q_FLUSH, &family), 0);
}

/* Fill a small receive buffer with more events than it holds. */
static void test_overrun(void)
{
	struct nfct_handle *ev = event_handle(NF_NETLINK_CONNTRACK_NEW);
	struct nfct_handle *q = nfct_open(CONNTRACK, 0);
	struct collector c = { .want = 1000000 };
	int size = 4096;

	setsockopt(nfct_fd(ev), SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	nfct_callback_register(ev, NFCT_T_ALL, on_event, &c);

	for (uint16_t p = 1; p <= 500; p++) {
		struct nf_conntrack *ct = ctk_flow4(IPPROTO_UDP, "10.31.0.1", "10.31.0.2", p, 9, 100);

		nfct_query(q, NFCT_Q_CREATE, ct);
		nfct_destroy(ct);
	}
	CHECK_ERRNO(nfct_catch(ev), -1, ENOBUFS);

	/* Still usable: drain what is queued, then a new event arrives. */
	c.want = 1000000;
	nfct_catch(ev);		/* ends when the 1 s timeout expires */
	c.n = 0;
	c.want = 1;

	struct nf_conntrack *ct = ctk_flow4(IPPROTO_UDP, "10.31.0.1", "10.31.0.2", 4242, 9, 100);

	CHECK_INT(nfct_query(q, NFCT_Q_CREATE, ct), 0);
	CHECK_INT(nfct_catch(ev), 0);
	CHECK_INT(c.n, 1);
	CHECK_UINT(c.ev[0].sport, 4242);
	nfct_destroy(ct);
	nfct_close(q);
	nfct_close(ev);
}

int main(void)
{
	test_enter_netns();
	test_types();
	test_overrun();
	return test_done();
}
