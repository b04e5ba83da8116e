/*
 * Dumps against the kernel: thousands of entries, each checked; dump and
 * reset of counters made by real traffic; the family filter of dumps and
 * flushes. Runs in a private network namespace.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"
#include "ctk.h"
#include "kernel.h"

#define ENTRIES 4000

struct seen {
	unsigned char port[ENTRIES];	/* times each source port was seen */
	int total;
	int bad;
	int v6;
};

static int collect(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct seen *s = data;

	s->total++;
	if (nfct_get_attr_u8(ct, ATTR_L3PROTO) == AF_INET6) {
		s->v6++;
		return NFCT_CB_CONTINUE;
	}

	uint16_t sport = ntohs(nfct_get_attr_u16(ct, ATTR_PORT_SRC));
	unsigned int i = sport - 10000U;

	/* Everything the entry was created with reads back. */
	if (i >= ENTRIES || type != NFCT_T_UPDATE ||
	    nfct_get_attr_u8(ct, ATTR_L4PROTO) != IPPROTO_UDP ||
	    nfct_get_attr_u32(ct, ATTR_IPV4_SRC) != ctk_ip4("10.20.0.1") ||
	    nfct_get_attr_u32(ct, ATTR_IPV4_DST) != htonl(0x0a150000 + i) ||
	    ntohs(nfct_get_attr_u16(ct, ATTR_PORT_DST)) != 53 ||
	    nfct_get_attr_u32(ct, ATTR_REPL_IPV4_SRC) != htonl(0x0a150000 + i) ||
	    nfct_get_attr_u32(ct, ATTR_MARK) != i * 7 ||
	    nfct_get_attr_u32(ct, ATTR_TIMEOUT) > 600 ||
	    !nfct_attr_is_set(ct, ATTR_ID)) {
		s->bad++;
		return NFCT_CB_CONTINUE;
	}
	s->port[i]++;
	return NFCT_CB_CONTINUE;
}

static void dump(uint32_t family, struct seen *s)
{
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);

	memset(s, 0, sizeof(*s));
	nfct_callback_register(h, NFCT_T_ALL, collect, s);
	CHECK_INT(nfct_query(h, NFCT_Q_DUMP, &family), 0);
	nfct_close(h);
}

static void test_many(void)
{
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);
	struct seen s;

	for (unsigned int i = 0; i < ENTRIES; i++) {
		char dst[32];
		struct nf_conntrack *ct;

		snprintf(dst, sizeof(dst), "10.21.%u.%u", i >> 8, i & 0xff);
		ct = ctk_flow4(IPPROTO_UDP, "10.20.0.1", dst, (uint16_t)(10000 + i), 53, 600);
		nfct_set_attr_u32(ct, ATTR_MARK, i * 7);
		if (nfct_query(h, NFCT_Q_CREATE, ct) < 0)
			CHECK_MSG(0, "create %u: %s", i, strerror(errno));
		nfct_destroy(ct);
	}
	/* A few IPv6 entries, which an IPv4 dump must not show. */
	for (uint16_t p = 1; p <= 5; p++) {
		struct nf_conntrack *ct = ctk_flow6(IPPROTO_TCP, "2001:db8::1", "2001:db8::2", p, 80, 600);

		CHECK_INT(nfct_query(h, NFCT_Q_CREATE, ct), 0);
		nfct_destroy(ct);
	}
	nfct_close(h);

	dump(AF_INET, &s);
	CHECK_INT(s.total, ENTRIES);
	CHECK_INT(s.bad, 0);
	CHECK_INT(s.v6, 0);
	int once = 0;

	for (unsigned int i = 0; i < ENTRIES; i++)
		once += s.port[i] == 1;
	CHECK_INT(once, ENTRIES);

	dump(AF_INET6, &s);
	CHECK_INT(s.total, 5);
	CHECK_INT(s.v6, 5);

	dump(AF_UNSPEC, &s);
	CHECK_INT(s.total, ENTRIES + 5);

	/* A flush takes every family (NFCT_Q_FLUSH sends version 0, which the
	 * kernel reads as "all families"), as with the original. */
	uint32_t family = AF_INET6;

	CHECK_INT(ctk_query(NFCT_Q_FLUSH, &family), 0);
	CHECK_INT(ctk_count(), 0);
}

/* Counters, from real packets over loopback. */
struct ctrs {
	uint64_t packets, bytes;
	int entries;
};

static int sum_counters(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct ctrs *c = data;

	if (nfct_get_attr_u8(ct, ATTR_L4PROTO) != IPPROTO_UDP)
		return NFCT_CB_CONTINUE;
	c->entries++;
	c->packets += nfct_get_attr_u64(ct, ATTR_ORIG_COUNTER_PACKETS);
	c->bytes += nfct_get_attr_u64(ct, ATTR_ORIG_COUNTER_BYTES);
	return NFCT_CB_CONTINUE;
}

static struct ctrs counters(enum nf_conntrack_query q)
{
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);
	uint32_t family = AF_INET;
	struct ctrs c = { 0, 0, 0 };

	nfct_callback_register(h, NFCT_T_ALL, sum_counters, &c);
	CHECK_INT(nfct_query(h, q, &family), 0);
	nfct_close(h);
	return c;
}

static void test_counters(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in from = { .sin_family = AF_INET, .sin_port = htons(40000) };
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(40001) };
	char payload[100] = { 0 };

	/* A namespace only tracks connections once a ruleset asks for it. */
	if (test_run("nft add table ip ctr && nft add chain ip ctr out "
		     "'{ type filter hook output priority 0; }' && "
		     "nft add rule ip ctr out ct state new accept") != 0) {
		printf("nft not available: counter test skipped\n");
		close(fd);
		return;
	}
	from.sin_addr.s_addr = to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK(fd >= 0);
	CHECK_INT(bind(fd, (struct sockaddr *)&from, sizeof(from)), 0);
	for (int i = 0; i < 10; i++)
		CHECK_INT(sendto(fd, payload, sizeof(payload), 0, (struct sockaddr *)&to, sizeof(to)),
			  sizeof(payload));
	close(fd);

	/* 10 packets of 100 bytes of UDP payload plus 28 bytes of headers. */
	struct ctrs c = counters(NFCT_Q_DUMP_RESET);

	CHECK_INT(c.entries, 1);
	CHECK_UINT(c.packets, 10);
	CHECK_UINT(c.bytes, 1280);

	c = counters(NFCT_Q_DUMP);
	CHECK_INT(c.entries, 1);
	CHECK_UINT(c.packets, 0);
	CHECK_UINT(c.bytes, 0);
}

int main(void)
{
	test_enter_netns();
	test_many();
	test_counters();
	return test_done();
}
