/*
 * Shared helpers of the kernel tests: building entries and running simple
 * queries. Public API only, so the tests run on both libraries.
 */
#ifndef NFCT_TEST_CTK_H
#define NFCT_TEST_CTK_H

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack_tcp.h>

/* An IPv4 address from a dotted string, network byte order. */
uint32_t ctk_ip4(const char *s);

/* An IPv6 address from a string. */
struct in6_addr ctk_ip6(const char *s);

/* A new object describing a flow and its reply, as conntrack -I builds it:
 * both tuples, layer-4 protocol, timeout. sport/dport are host order (for
 * ICMP: id and type). */
struct nf_conntrack *ctk_flow4(uint8_t l4, const char *src, const char *dst,
			       uint16_t sport, uint16_t dport, uint32_t timeout);
struct nf_conntrack *ctk_flow6(uint8_t l4, const char *src, const char *dst,
			       uint16_t sport, uint16_t dport, uint32_t timeout);

/* Runs one query on a fresh handle; returns nfct_query()'s result with
 * errno preserved. */
int ctk_query(enum nf_conntrack_query q, const void *data);

/* Reads an entry back by the original tuple of ct (and its zone).
 * Returns a new object, or NULL with errno. */
struct nf_conntrack *ctk_get(const struct nf_conntrack *ct);

/* Counts the entries of the table (family AF_UNSPEC). */
int ctk_count(void);

#endif
