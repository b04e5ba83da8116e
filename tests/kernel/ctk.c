/*
 * Shared helpers of the kernel tests.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "ctk.h"

uint32_t ctk_ip4(const char *s)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1) {
		fprintf(stderr, "bad address %s\n", s);
		exit(99);
	}
	return a.s_addr;
}

struct in6_addr ctk_ip6(const char *s)
{
	struct in6_addr a;

	if (inet_pton(AF_INET6, s, &a) != 1) {
		fprintf(stderr, "bad address %s\n", s);
		exit(99);
	}
	return a;
}

static void set_l4(struct nf_conntrack *ct, uint8_t l4, uint16_t sport, uint16_t dport)
{
	nfct_set_attr_u8(ct, ATTR_L4PROTO, l4);
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, l4);
	switch (l4) {
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		nfct_set_attr_u16(ct, ATTR_ICMP_ID, htons(sport));
		nfct_set_attr_u8(ct, ATTR_ICMP_TYPE, (uint8_t)dport);
		nfct_set_attr_u8(ct, ATTR_ICMP_CODE, 0);
		break;
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
	case IPPROTO_GRE:
		nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(sport));
		nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(dport));
		nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, htons(dport));
		nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(sport));
		break;
	default:
		/* Other protocols have no ports in their tuples. */
		break;
	}
	if (l4 == IPPROTO_TCP)
		nfct_set_attr_u8(ct, ATTR_TCP_STATE, TCP_CONNTRACK_ESTABLISHED);
}

struct nf_conntrack *ctk_flow4(uint8_t l4, const char *src, const char *dst,
			       uint16_t sport, uint16_t dport, uint32_t timeout)
{
	struct nf_conntrack *ct = nfct_new();

	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_IPV4_SRC, ctk_ip4(src));
	nfct_set_attr_u32(ct, ATTR_IPV4_DST, ctk_ip4(dst));
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, ctk_ip4(dst));
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, ctk_ip4(src));
	set_l4(ct, l4, sport, dport);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, timeout);
	return ct;
}

struct nf_conntrack *ctk_flow6(uint8_t l4, const char *src, const char *dst,
			       uint16_t sport, uint16_t dport, uint32_t timeout)
{
	struct nf_conntrack *ct = nfct_new();
	struct in6_addr s = ctk_ip6(src), d = ctk_ip6(dst);

	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET6);
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET6);
	nfct_set_attr(ct, ATTR_IPV6_SRC, &s);
	nfct_set_attr(ct, ATTR_IPV6_DST, &d);
	nfct_set_attr(ct, ATTR_REPL_IPV6_SRC, &d);
	nfct_set_attr(ct, ATTR_REPL_IPV6_DST, &s);
	set_l4(ct, l4, sport, dport);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, timeout);
	return ct;
}

int ctk_query(enum nf_conntrack_query q, const void *data)
{
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);
	int ret, err;

	if (h == NULL)
		return -1;
	ret = nfct_query(h, q, data);
	err = errno;
	nfct_close(h);
	errno = err;
	return ret;
}

static int keep_cb(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct nf_conntrack **out = data;

	if (*out == NULL) {
		*out = ct;
		return NFCT_CB_STOLEN;
	}
	return NFCT_CB_CONTINUE;
}

struct nf_conntrack *ctk_get(const struct nf_conntrack *ct)
{
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);
	struct nf_conntrack *found = NULL;
	int ret, err;

	if (h == NULL)
		return NULL;
	nfct_callback_register(h, NFCT_T_ALL, keep_cb, &found);
	ret = nfct_query(h, NFCT_Q_GET, ct);
	err = errno;
	nfct_close(h);
	if (ret < 0) {
		if (found != NULL)
			nfct_destroy(found);
		errno = err;
		return NULL;
	}
	if (found == NULL)
		errno = ENOENT;
	return found;
}

static int count_cb(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	(*(int *)data)++;
	return NFCT_CB_CONTINUE;
}

int ctk_count(void)
{
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);
	uint32_t family = AF_UNSPEC;
	int n = 0;

	if (h == NULL)
		return -1;
	nfct_callback_register(h, NFCT_T_ALL, count_cb, &n);
	if (nfct_query(h, NFCT_Q_DUMP, &family) < 0)
		n = -1;
	nfct_close(h);
	return n;
}
