/*
 * libnetfilter_conntrack: userspace access to the kernel's connection
 * tracking table over ctnetlink.
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License version 2 as published
 * by the Free Software Foundation.
 *
 * This header is the whole public interface. Every enumerator value, every
 * structure layout and every prototype is part of the binary interface
 * shared with programs built against libnetfilter_conntrack.so.3: values
 * are only ever appended, never renumbered.
 */
#ifndef LIBNETFILTER_CONNTRACK_H
#define LIBNETFILTER_CONNTRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <netinet/in.h>
#include <libnfnetlink/linux_nfnetlink.h>
#include <libnfnetlink/libnfnetlink.h>
#include <libnetfilter_conntrack/linux_nfnetlink_conntrack.h>
#include <libnetfilter_conntrack/linux_nf_conntrack_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * \def NFCT_DEPRECATED
 * Marks the functions kept only for old programs: the compiler warns when
 * they are used.
 */
#if defined(__GNUC__) || defined(__clang__)
#define NFCT_DEPRECATED __attribute__((deprecated))
#else
#define NFCT_DEPRECATED
#endif

/**
 * \addtogroup nfct_handle
 * @{
 */

/** Subsystem identifiers accepted by nfct_open(). */
enum {
	/** the conntrack table (NFNL_SUBSYS_CTNETLINK) */
	CONNTRACK = NFNL_SUBSYS_CTNETLINK,
	/** the expectation table (NFNL_SUBSYS_CTNETLINK_EXP) */
	EXPECT = NFNL_SUBSYS_CTNETLINK_EXP
};

/**
 * Every conntrack event group: new, update and destroy. Meant for event
 * handles only; a handle subscribed to events should not run dumps.
 */
#define NFCT_ALL_CT_GROUPS \
	(NF_NETLINK_CONNTRACK_NEW | NF_NETLINK_CONNTRACK_UPDATE | \
	 NF_NETLINK_CONNTRACK_DESTROY)

/** Opaque handle: a netlink socket plus the callbacks registered on it. */
struct nfct_handle;

struct nfct_handle *nfct_open(uint8_t subsys_id, unsigned int subscriptions);
struct nfct_handle *nfct_open_nfnl(struct nfnl_handle *nfnlh, uint8_t subsys_id,
				   unsigned int subscriptions);
int nfct_close(struct nfct_handle *cth);
int nfct_fd(struct nfct_handle *cth);
const struct nfnl_handle *nfct_nfnlh(struct nfct_handle *cth);

/** @} */

/**
 * \addtogroup nfct_object
 * @{
 */

/** Opaque connection tracking entry. */
struct nf_conntrack;

/**
 * Attributes of a conntrack object. The comment of each gives the type that
 * nfct_set_attr() reads and nfct_get_attr() returns. Addresses and ports are
 * in network byte order, everything else in host byte order.
 */
enum nf_conntrack_attr {
	ATTR_ORIG_IPV4_SRC = 0,			/**< uint32_t */
	ATTR_IPV4_SRC = ATTR_ORIG_IPV4_SRC,	/**< alias */
	ATTR_ORIG_IPV4_DST = 1,			/**< uint32_t */
	ATTR_IPV4_DST = ATTR_ORIG_IPV4_DST,	/**< alias */
	ATTR_REPL_IPV4_SRC = 2,			/**< uint32_t */
	ATTR_REPL_IPV4_DST = 3,			/**< uint32_t */
	ATTR_ORIG_IPV6_SRC = 4,			/**< 16 bytes */
	ATTR_IPV6_SRC = ATTR_ORIG_IPV6_SRC,	/**< alias */
	ATTR_ORIG_IPV6_DST = 5,			/**< 16 bytes */
	ATTR_IPV6_DST = ATTR_ORIG_IPV6_DST,	/**< alias */
	ATTR_REPL_IPV6_SRC = 6,			/**< 16 bytes */
	ATTR_REPL_IPV6_DST = 7,			/**< 16 bytes */
	ATTR_ORIG_PORT_SRC = 8,			/**< uint16_t */
	ATTR_PORT_SRC = ATTR_ORIG_PORT_SRC,	/**< alias */
	ATTR_ORIG_PORT_DST = 9,			/**< uint16_t */
	ATTR_PORT_DST = ATTR_ORIG_PORT_DST,	/**< alias */
	ATTR_REPL_PORT_SRC = 10,		/**< uint16_t */
	ATTR_REPL_PORT_DST = 11,		/**< uint16_t */
	ATTR_ICMP_TYPE = 12,			/**< uint8_t */
	ATTR_ICMP_CODE = 13,			/**< uint8_t */
	ATTR_ICMP_ID = 14,			/**< uint16_t */
	ATTR_ORIG_L3PROTO = 15,			/**< uint8_t */
	ATTR_L3PROTO = ATTR_ORIG_L3PROTO,	/**< alias */
	ATTR_REPL_L3PROTO = 16,			/**< uint8_t */
	ATTR_ORIG_L4PROTO = 17,			/**< uint8_t */
	ATTR_L4PROTO = ATTR_ORIG_L4PROTO,	/**< alias */
	ATTR_REPL_L4PROTO = 18,			/**< uint8_t */
	ATTR_TCP_STATE = 19,			/**< uint8_t */
	ATTR_SNAT_IPV4 = 20,			/**< uint32_t */
	ATTR_DNAT_IPV4 = 21,			/**< uint32_t */
	ATTR_SNAT_PORT = 22,			/**< uint16_t */
	ATTR_DNAT_PORT = 23,			/**< uint16_t */
	ATTR_TIMEOUT = 24,			/**< uint32_t */
	ATTR_MARK = 25,				/**< uint32_t */
	ATTR_ORIG_COUNTER_PACKETS = 26,		/**< uint64_t */
	ATTR_REPL_COUNTER_PACKETS = 27,		/**< uint64_t */
	ATTR_ORIG_COUNTER_BYTES = 28,		/**< uint64_t */
	ATTR_REPL_COUNTER_BYTES = 29,		/**< uint64_t */
	ATTR_USE = 30,				/**< uint32_t */
	ATTR_ID = 31,				/**< uint32_t */
	ATTR_STATUS = 32,			/**< uint32_t */
	ATTR_TCP_FLAGS_ORIG = 33,		/**< uint8_t */
	ATTR_TCP_FLAGS_REPL = 34,		/**< uint8_t */
	ATTR_TCP_MASK_ORIG = 35,		/**< uint8_t */
	ATTR_TCP_MASK_REPL = 36,		/**< uint8_t */
	ATTR_MASTER_IPV4_SRC = 37,		/**< uint32_t */
	ATTR_MASTER_IPV4_DST = 38,		/**< uint32_t */
	ATTR_MASTER_IPV6_SRC = 39,		/**< 16 bytes */
	ATTR_MASTER_IPV6_DST = 40,		/**< 16 bytes */
	ATTR_MASTER_PORT_SRC = 41,		/**< uint16_t */
	ATTR_MASTER_PORT_DST = 42,		/**< uint16_t */
	ATTR_MASTER_L3PROTO = 43,		/**< uint8_t */
	ATTR_MASTER_L4PROTO = 44,		/**< uint8_t */
	ATTR_SECMARK = 45,			/**< uint32_t */
	ATTR_ORIG_NAT_SEQ_CORRECTION_POS = 46,	/**< uint32_t */
	ATTR_ORIG_NAT_SEQ_OFFSET_BEFORE = 47,	/**< uint32_t */
	ATTR_ORIG_NAT_SEQ_OFFSET_AFTER = 48,	/**< uint32_t */
	ATTR_REPL_NAT_SEQ_CORRECTION_POS = 49,	/**< uint32_t */
	ATTR_REPL_NAT_SEQ_OFFSET_BEFORE = 50,	/**< uint32_t */
	ATTR_REPL_NAT_SEQ_OFFSET_AFTER = 51,	/**< uint32_t */
	ATTR_SCTP_STATE = 52,			/**< uint8_t */
	ATTR_SCTP_VTAG_ORIG = 53,		/**< uint32_t */
	ATTR_SCTP_VTAG_REPL = 54,		/**< uint32_t */
	ATTR_HELPER_NAME = 55,			/**< string, at most NFCT_HELPER_NAME_MAX bytes with its NUL */
	ATTR_DCCP_STATE = 56,			/**< uint8_t */
	ATTR_DCCP_ROLE = 57,			/**< uint8_t */
	ATTR_DCCP_HANDSHAKE_SEQ = 58,		/**< uint64_t */
	ATTR_TCP_WSCALE_ORIG = 59,		/**< uint8_t */
	ATTR_TCP_WSCALE_REPL = 60,		/**< uint8_t */
	ATTR_ZONE = 61,				/**< uint16_t */
	ATTR_SECCTX = 62,			/**< string */
	ATTR_TIMESTAMP_START = 63,		/**< uint64_t, nanoseconds */
	ATTR_TIMESTAMP_STOP = 64,		/**< uint64_t, nanoseconds */
	ATTR_HELPER_INFO = 65,			/**< bytes, set with nfct_set_attr_l() */
	ATTR_CONNLABELS = 66,			/**< struct nfct_bitmask *, owned by the object */
	ATTR_CONNLABELS_MASK = 67,		/**< struct nfct_bitmask *, owned by the object */
	ATTR_ORIG_ZONE = 68,			/**< uint16_t */
	ATTR_REPL_ZONE = 69,			/**< uint16_t */
	ATTR_SNAT_IPV6 = 70,			/**< 16 bytes */
	ATTR_DNAT_IPV6 = 71,			/**< 16 bytes */
	ATTR_SYNPROXY_ISN = 72,			/**< uint32_t */
	ATTR_SYNPROXY_ITS = 73,			/**< uint32_t */
	ATTR_SYNPROXY_TSOFF = 74,		/**< uint32_t */
	ATTR_TIMESTAMP_EVENT = 75,		/**< uint64_t, nanoseconds (added in 1.1.1) */
	ATTR_MAX				/**< number of attributes */
};

/**
 * Attribute groups: several attributes set or read in one call through the
 * structure named in each comment.
 */
enum nf_conntrack_attr_grp {
	ATTR_GRP_ORIG_IPV4 = 0,		/**< struct nfct_attr_grp_ipv4 */
	ATTR_GRP_REPL_IPV4 = 1,		/**< struct nfct_attr_grp_ipv4 */
	ATTR_GRP_ORIG_IPV6 = 2,		/**< struct nfct_attr_grp_ipv6 */
	ATTR_GRP_REPL_IPV6 = 3,		/**< struct nfct_attr_grp_ipv6 */
	ATTR_GRP_ORIG_PORT = 4,		/**< struct nfct_attr_grp_port */
	ATTR_GRP_REPL_PORT = 5,		/**< struct nfct_attr_grp_port */
	ATTR_GRP_ICMP = 6,		/**< struct nfct_attr_grp_icmp */
	ATTR_GRP_MASTER_IPV4 = 7,	/**< struct nfct_attr_grp_ipv4 */
	ATTR_GRP_MASTER_IPV6 = 8,	/**< struct nfct_attr_grp_ipv6 */
	ATTR_GRP_MASTER_PORT = 9,	/**< struct nfct_attr_grp_port */
	ATTR_GRP_ORIG_COUNTERS = 10,	/**< struct nfct_attr_grp_ctrs */
	ATTR_GRP_REPL_COUNTERS = 11,	/**< struct nfct_attr_grp_ctrs */
	ATTR_GRP_ORIG_ADDR_SRC = 12,	/**< union nfct_attr_grp_addr */
	ATTR_GRP_ORIG_ADDR_DST = 13,	/**< union nfct_attr_grp_addr */
	ATTR_GRP_REPL_ADDR_SRC = 14,	/**< union nfct_attr_grp_addr */
	ATTR_GRP_REPL_ADDR_DST = 15,	/**< union nfct_attr_grp_addr */
	ATTR_GRP_MAX			/**< number of groups */
};

/** Source and destination IPv4 addresses, network byte order. */
struct nfct_attr_grp_ipv4 {
	uint32_t src;	/**< source address */
	uint32_t dst;	/**< destination address */
};

/** Source and destination IPv6 addresses, network byte order. */
struct nfct_attr_grp_ipv6 {
	uint32_t src[4];	/**< source address */
	uint32_t dst[4];	/**< destination address */
};

/** Source and destination ports, network byte order. */
struct nfct_attr_grp_port {
	uint16_t sport;	/**< source port */
	uint16_t dport;	/**< destination port */
};

/** ICMP identifier (network byte order), code and type. */
struct nfct_attr_grp_icmp {
	uint16_t id;	/**< identifier (ATTR_ICMP_ID) */
	uint8_t code;	/**< code (ATTR_ICMP_CODE) */
	uint8_t type;	/**< type (ATTR_ICMP_TYPE) */
};

/** Packet and byte counters of one direction. */
struct nfct_attr_grp_ctrs {
	uint64_t packets;	/**< packets seen */
	uint64_t bytes;	/**< bytes seen */
};

/** An IPv4 or IPv6 address, following the object's layer-3 protocol. */
union nfct_attr_grp_addr {
	uint32_t ip;		/**< IPv4 address */
	uint32_t ip6[4];	/**< IPv6 address */
	uint32_t addr[4];	/**< either, as raw words */
};

/** Message types: what a netlink message did to an entry. */
enum nf_conntrack_msg_type {
	NFCT_T_UNKNOWN = 0,			/**< not a conntrack change */

	NFCT_T_NEW_BIT = 0,			/**< bit number of NFCT_T_NEW */
	NFCT_T_NEW = (1 << NFCT_T_NEW_BIT),	/**< entry created */

	NFCT_T_UPDATE_BIT = 1,			/**< bit number of NFCT_T_UPDATE */
	NFCT_T_UPDATE = (1 << NFCT_T_UPDATE_BIT), /**< entry changed (or dumped) */

	NFCT_T_DESTROY_BIT = 2,			/**< bit number of NFCT_T_DESTROY */
	NFCT_T_DESTROY = (1 << NFCT_T_DESTROY_BIT), /**< entry removed */

	NFCT_T_ALL = NFCT_T_NEW | NFCT_T_UPDATE | NFCT_T_DESTROY, /**< any of the above */

	NFCT_T_ERROR_BIT = 31,			/**< bit number of NFCT_T_ERROR */
	/** parse failure: bit 31, the value 1 << NFCT_T_ERROR_BIT has as an
	 * int, written so that it is a valid constant in ISO C and C++ */
	NFCT_T_ERROR = (-0x7fffffff - 1),
};

struct nf_conntrack *nfct_new(void);
void nfct_destroy(struct nf_conntrack *ct);
struct nf_conntrack *nfct_clone(const struct nf_conntrack *ct);
NFCT_DEPRECATED size_t nfct_sizeof(const struct nf_conntrack *ct);
NFCT_DEPRECATED size_t nfct_maxsize(void);

/** Options for nfct_setobjopt(). */
enum {
	NFCT_SOPT_UNDO_SNAT,		/**< move the reply destination address into the SNAT attribute */
	NFCT_SOPT_UNDO_DNAT,		/**< move the reply source address into the DNAT attribute */
	NFCT_SOPT_UNDO_SPAT,		/**< move the reply destination port into the SNAT port */
	NFCT_SOPT_UNDO_DPAT,		/**< move the reply source port into the DNAT port */
	NFCT_SOPT_SETUP_ORIGINAL,	/**< derive the original tuple from the reply tuple */
	NFCT_SOPT_SETUP_REPLY,		/**< derive the reply tuple from the original tuple */
	__NFCT_SOPT_MAX,		/**< number of options */
};
/** Highest valid nfct_setobjopt() option. */
#define NFCT_SOPT_MAX (__NFCT_SOPT_MAX - 1)

/** Options for nfct_getobjopt(). */
enum {
	NFCT_GOPT_IS_SNAT,		/**< is the entry source-NATed? */
	NFCT_GOPT_IS_DNAT,		/**< is the entry destination-NATed? */
	NFCT_GOPT_IS_SPAT,		/**< is the source port translated? */
	NFCT_GOPT_IS_DPAT,		/**< is the destination port translated? */
	__NFCT_GOPT_MAX,		/**< number of options */
};
/** Highest valid nfct_getobjopt() option. */
#define NFCT_GOPT_MAX (__NFCT_GOPT_MAX - 1)

int nfct_setobjopt(struct nf_conntrack *ct, unsigned int option);
int nfct_getobjopt(const struct nf_conntrack *ct, unsigned int option);

/** @} */

/**
 * \addtogroup nfct_queries
 * @{
 */

int nfct_callback_register(struct nfct_handle *h,
			   enum nf_conntrack_msg_type type,
			   int (*cb)(enum nf_conntrack_msg_type type,
				     struct nf_conntrack *ct,
				     void *data),
			   void *data);
void nfct_callback_unregister(struct nfct_handle *h);

int nfct_callback_register2(struct nfct_handle *h,
			    enum nf_conntrack_msg_type type,
			    int (*cb)(const struct nlmsghdr *nlh,
				      enum nf_conntrack_msg_type type,
				      struct nf_conntrack *ct,
				      void *data),
			    void *data);
void nfct_callback_unregister2(struct nfct_handle *h);

/** What a callback returns to the library. */
enum {
	NFCT_CB_FAILURE = -1,	/**< stop, and make the query fail */
	NFCT_CB_STOP = 0,	/**< stop processing messages */
	NFCT_CB_CONTINUE = 1,	/**< go on; the library frees the object */
	NFCT_CB_STOLEN = 2,	/**< go on; the callback keeps the object and must destroy it */
};

/** @} */

/**
 * \addtogroup nfct_bitmask
 * @{
 */

/** Opaque fixed-size bit set, used for connection labels. */
struct nfct_bitmask;

struct nfct_bitmask *nfct_bitmask_new(unsigned int maxbit);
struct nfct_bitmask *nfct_bitmask_clone(const struct nfct_bitmask *b);
unsigned int nfct_bitmask_maxbit(const struct nfct_bitmask *b);
void nfct_bitmask_set_bit(struct nfct_bitmask *b, unsigned int bit);
int nfct_bitmask_test_bit(const struct nfct_bitmask *b, unsigned int bit);
void nfct_bitmask_unset_bit(struct nfct_bitmask *b, unsigned int bit);
void nfct_bitmask_destroy(struct nfct_bitmask *b);
void nfct_bitmask_clear(struct nfct_bitmask *b);
bool nfct_bitmask_equal(const struct nfct_bitmask *b1, const struct nfct_bitmask *b2);

/** @} */

/**
 * \addtogroup nfct_labels
 * @{
 */

/** Opaque translation table between label names and bit numbers. */
struct nfct_labelmap;

const char *nfct_labels_get_path(void);
struct nfct_labelmap *nfct_labelmap_new(const char *mapfile);
void nfct_labelmap_destroy(struct nfct_labelmap *map);
const char *nfct_labelmap_get_name(struct nfct_labelmap *m, unsigned int bit);
int nfct_labelmap_get_bit(struct nfct_labelmap *m, const char *name);

/** @} */

/**
 * \addtogroup nfct_object
 * @{
 */

void nfct_set_attr(struct nf_conntrack *ct, const enum nf_conntrack_attr type,
		   const void *value);
void nfct_set_attr_u8(struct nf_conntrack *ct, const enum nf_conntrack_attr type,
		      uint8_t value);
void nfct_set_attr_u16(struct nf_conntrack *ct, const enum nf_conntrack_attr type,
		       uint16_t value);
void nfct_set_attr_u32(struct nf_conntrack *ct, const enum nf_conntrack_attr type,
		       uint32_t value);
void nfct_set_attr_u64(struct nf_conntrack *ct, const enum nf_conntrack_attr type,
		       uint64_t value);
void nfct_set_attr_l(struct nf_conntrack *ct, const enum nf_conntrack_attr type,
		     const void *value, size_t len);

const void *nfct_get_attr(const struct nf_conntrack *ct,
			  const enum nf_conntrack_attr type);
uint8_t nfct_get_attr_u8(const struct nf_conntrack *ct,
			 const enum nf_conntrack_attr type);
uint16_t nfct_get_attr_u16(const struct nf_conntrack *ct,
			   const enum nf_conntrack_attr type);
uint32_t nfct_get_attr_u32(const struct nf_conntrack *ct,
			   const enum nf_conntrack_attr type);
uint64_t nfct_get_attr_u64(const struct nf_conntrack *ct,
			   const enum nf_conntrack_attr type);

int nfct_attr_is_set(const struct nf_conntrack *ct,
		     const enum nf_conntrack_attr type);
int nfct_attr_is_set_array(const struct nf_conntrack *ct,
			   const enum nf_conntrack_attr *type_array, int size);
int nfct_attr_unset(struct nf_conntrack *ct, const enum nf_conntrack_attr type);

void nfct_set_attr_grp(struct nf_conntrack *ct,
		       const enum nf_conntrack_attr_grp type, const void *value);
int nfct_get_attr_grp(const struct nf_conntrack *ct,
		      const enum nf_conntrack_attr_grp type, void *data);
int nfct_attr_grp_is_set(const struct nf_conntrack *ct,
			 const enum nf_conntrack_attr_grp type);
int nfct_attr_grp_unset(struct nf_conntrack *ct,
			const enum nf_conntrack_attr_grp type);

/** @} */

/**
 * \addtogroup nfct_output
 * @{
 */

/** Output formats of nfct_snprintf() and nfexp_snprintf(). */
enum {
	NFCT_O_PLAIN,			/**< one line of text, as conntrack -L prints */
	NFCT_O_DEFAULT = NFCT_O_PLAIN,	/**< alias of NFCT_O_PLAIN */
	NFCT_O_XML,			/**< one XML \<flow\> element */
	/**
	 * One JSON object (an addition of this library, not in the
	 * original; see \ref json "the JSON output schema"). Programs that
	 * may also run on the original should check the return value: it
	 * answers -1 with errno ENOENT for this format.
	 */
	NFCT_O_JSON,
	NFCT_O_MAX			/**< number of formats */
};

/** Output flags of nfct_snprintf() and nfexp_snprintf(). */
enum {
	NFCT_OF_SHOW_LAYER3_BIT = 0,	/**< bit number of NFCT_OF_SHOW_LAYER3 */
	NFCT_OF_SHOW_LAYER3 = (1 << NFCT_OF_SHOW_LAYER3_BIT),	/**< print the layer-3 protocol */

	NFCT_OF_TIME_BIT = 1,		/**< bit number of NFCT_OF_TIME */
	NFCT_OF_TIME = (1 << NFCT_OF_TIME_BIT),			/**< print the current time (XML) */

	NFCT_OF_ID_BIT = 2,		/**< bit number of NFCT_OF_ID */
	NFCT_OF_ID = (1 << NFCT_OF_ID_BIT),			/**< print the entry id */

	NFCT_OF_TIMESTAMP_BIT = 3,	/**< bit number of NFCT_OF_TIMESTAMP */
	NFCT_OF_TIMESTAMP = (1 << NFCT_OF_TIMESTAMP_BIT),	/**< print start/stop timestamps */
};

int nfct_snprintf(char *buf, unsigned int size, const struct nf_conntrack *ct,
		  const unsigned int msg_type, const unsigned int out_type,
		  const unsigned int out_flags);
int nfct_snprintf_labels(char *buf, unsigned int size,
			 const struct nf_conntrack *ct,
			 const unsigned int msg_type, const unsigned int out_type,
			 const unsigned int out_flags, struct nfct_labelmap *map);

/** @} */

/**
 * \addtogroup nfct_object
 * @{
 */

int nfct_compare(const struct nf_conntrack *ct1, const struct nf_conntrack *ct2);

/** Flags of nfct_cmp(): which parts to compare and how. */
enum {
	NFCT_CMP_ALL = 0,			/**< original, reply and meta attributes */
	NFCT_CMP_ORIG = (1 << 0),		/**< the original tuple */
	NFCT_CMP_REPL = (1 << 1),		/**< the reply tuple */
	NFCT_CMP_TIMEOUT_EQ = (1 << 2),		/**< timeouts are equal */
	NFCT_CMP_TIMEOUT_GT = (1 << 3),		/**< first timeout is greater */
	NFCT_CMP_TIMEOUT_GE = (NFCT_CMP_TIMEOUT_EQ | NFCT_CMP_TIMEOUT_GT), /**< first timeout is greater or equal */
	NFCT_CMP_TIMEOUT_LT = (1 << 4),		/**< first timeout is lower */
	NFCT_CMP_TIMEOUT_LE = (NFCT_CMP_TIMEOUT_EQ | NFCT_CMP_TIMEOUT_LT), /**< first timeout is lower or equal */
	NFCT_CMP_MASK = (1 << 5),		/**< attributes set in the first must be set in the second */
	NFCT_CMP_STRICT = (1 << 6),		/**< attributes set in either must be set in both */
};

int nfct_cmp(const struct nf_conntrack *ct1, const struct nf_conntrack *ct2,
	     unsigned int flags);

/** @} */

/**
 * \addtogroup nfct_queries
 * @{
 */

/** Operations of nfct_query() and nfct_send(), and what \p data points to. */
enum nf_conntrack_query {
	NFCT_Q_CREATE,		/**< create an entry (struct nf_conntrack) */
	NFCT_Q_UPDATE,		/**< update an entry (struct nf_conntrack) */
	NFCT_Q_DESTROY,		/**< delete an entry (struct nf_conntrack) */
	NFCT_Q_GET,		/**< read one entry (struct nf_conntrack) */
	NFCT_Q_FLUSH,		/**< delete every entry of a family (uint32_t) */
	NFCT_Q_DUMP,		/**< read every entry of a family (uint32_t) */
	NFCT_Q_DUMP_RESET,	/**< read and zero the counters (uint32_t) */
	NFCT_Q_CREATE_UPDATE,	/**< create, or update if it exists (struct nf_conntrack) */
	NFCT_Q_DUMP_FILTER,	/**< filtered dump (struct nfct_filter_dump) */
	NFCT_Q_DUMP_FILTER_RESET, /**< filtered dump and counter reset (struct nfct_filter_dump) */
	NFCT_Q_FLUSH_FILTER,	/**< filtered flush (struct nfct_filter_dump) */
};

int nfct_query(struct nfct_handle *h, const enum nf_conntrack_query query,
	       const void *data);
int nfct_send(struct nfct_handle *h, const enum nf_conntrack_query query,
	      const void *data);
int nfct_catch(struct nfct_handle *h);

/** @} */

/**
 * \addtogroup nfct_object
 * @{
 */

/** Flags of nfct_copy(): which attributes to copy. */
enum {
	NFCT_CP_ALL = 0,		/**< every attribute set in the source */
	NFCT_CP_ORIG = (1 << 0),	/**< the original tuple */
	NFCT_CP_REPL = (1 << 1),	/**< the reply tuple */
	NFCT_CP_META = (1 << 2),	/**< everything that is not a tuple */
	NFCT_CP_OVERRIDE = (1 << 3),	/**< make the destination an exact copy */
};

void nfct_copy(struct nf_conntrack *dest, const struct nf_conntrack *source,
	       unsigned int flags);
void nfct_copy_attr(struct nf_conntrack *ct1, const struct nf_conntrack *ct2,
		    const enum nf_conntrack_attr type);

/** @} */

/**
 * \addtogroup nfct_filter
 * @{
 */

/** Opaque event filter, compiled to a BPF program by nfct_filter_attach(). */
struct nfct_filter;

struct nfct_filter *nfct_filter_create(void);
void nfct_filter_destroy(struct nfct_filter *filter);

/** A layer-4 protocol and one of its states (NFCT_FILTER_L4PROTO_STATE). */
struct nfct_filter_proto {
	uint16_t proto;	/**< layer-4 protocol number (IPPROTO_TCP...) */
	uint16_t state;	/**< state of that protocol (TCP_CONNTRACK_ESTABLISHED...) */
};

/** An IPv4 address and netmask, host byte order (NFCT_FILTER_*_IPV4). */
struct nfct_filter_ipv4 {
	uint32_t addr;	/**< address */
	uint32_t mask;	/**< netmask: the bits of addr that must match */
};

/** An IPv6 address and netmask, host byte order words (NFCT_FILTER_*_IPV6). */
struct nfct_filter_ipv6 {
	uint32_t addr[4];	/**< address */
	uint32_t mask[4];	/**< netmask: the bits of addr that must match */
};

/** Attributes of an event filter, and the value each one takes. */
enum nfct_filter_attr {
	NFCT_FILTER_L4PROTO = 0,	/**< uint32_t protocol number */
	NFCT_FILTER_L4PROTO_STATE,	/**< struct nfct_filter_proto */
	NFCT_FILTER_SRC_IPV4,		/**< struct nfct_filter_ipv4 */
	NFCT_FILTER_DST_IPV4,		/**< struct nfct_filter_ipv4 */
	NFCT_FILTER_SRC_IPV6,		/**< struct nfct_filter_ipv6 */
	NFCT_FILTER_DST_IPV6,		/**< struct nfct_filter_ipv6 */
	NFCT_FILTER_MARK,		/**< struct nfct_filter_dump_mark */
	NFCT_FILTER_ZONE,		/**< uint16_t zone (added in 1.1.1) */
	NFCT_FILTER_MAX			/**< number of attributes */
};

void nfct_filter_add_attr(struct nfct_filter *filter,
			  const enum nfct_filter_attr attr, const void *value);
void nfct_filter_add_attr_u32(struct nfct_filter *filter,
			      const enum nfct_filter_attr attr,
			      const uint32_t value);

/** Whether a filter attribute accepts (positive) or rejects (negative) what it matches. */
enum nfct_filter_logic {
	NFCT_FILTER_LOGIC_POSITIVE,	/**< deliver only matching events */
	NFCT_FILTER_LOGIC_NEGATIVE,	/**< drop matching events */
	NFCT_FILTER_LOGIC_MAX		/**< number of logics */
};

int nfct_filter_set_logic(struct nfct_filter *filter,
			  const enum nfct_filter_attr attr,
			  const enum nfct_filter_logic logic);
int nfct_filter_attach(int fd, struct nfct_filter *filter);
int nfct_filter_detach(int fd);

/** @} */

/**
 * \addtogroup nfct_filter_dump
 * @{
 */

/** Opaque kernel-side dump and flush filter. */
struct nfct_filter_dump;

/** A value and the mask it is compared under. */
struct nfct_filter_dump_mark {
	uint32_t val;	/**< value to match */
	uint32_t mask;	/**< bits of the entry's value compared with val */
};

/** Attributes of a dump filter, and the value each one takes. */
enum nfct_filter_dump_attr {
	NFCT_FILTER_DUMP_MARK = 0,	/**< struct nfct_filter_dump_mark */
	NFCT_FILTER_DUMP_L3NUM,		/**< uint8_t family */
	NFCT_FILTER_DUMP_STATUS,	/**< struct nfct_filter_dump_mark */
	NFCT_FILTER_DUMP_ZONE,		/**< uint16_t zone (added in 1.1.1) */
	NFCT_FILTER_DUMP_TUPLE,		/**< const struct nf_conntrack * (added in 1.1.1) */
	NFCT_FILTER_DUMP_MAX		/**< number of attributes */
};

struct nfct_filter_dump *nfct_filter_dump_create(void);
void nfct_filter_dump_destroy(struct nfct_filter_dump *filter);
void nfct_filter_dump_set_attr(struct nfct_filter_dump *filter_dump,
			       const enum nfct_filter_dump_attr type,
			       const void *data);
void nfct_filter_dump_set_attr_u8(struct nfct_filter_dump *filter_dump,
				  const enum nfct_filter_dump_attr type,
				  uint8_t data);
void nfct_filter_dump_set_attr_u16(struct nfct_filter_dump *filter_dump,
				   const enum nfct_filter_dump_attr type,
				   uint16_t data);

/** @} */

/**
 * \addtogroup nfct_messages
 * @{
 */

NFCT_DEPRECATED
int nfct_build_conntrack(struct nfnl_subsys_handle *ssh, void *req, size_t size,
			 uint16_t type, uint16_t flags,
			 const struct nf_conntrack *ct);
NFCT_DEPRECATED
int nfct_parse_conntrack(enum nf_conntrack_msg_type msg,
			 const struct nlmsghdr *nlh, struct nf_conntrack *ct);
NFCT_DEPRECATED
int nfct_build_query(struct nfnl_subsys_handle *ssh,
		     const enum nf_conntrack_query query, const void *data,
		     void *req, unsigned int size);

int nfct_nlmsg_build(struct nlmsghdr *nlh, const struct nf_conntrack *ct);
int nfct_nlmsg_build_filter(struct nlmsghdr *nlh,
			    const struct nfct_filter_dump *filter_dump);
int nfct_nlmsg_parse(const struct nlmsghdr *nlh, struct nf_conntrack *ct);
int nfct_payload_parse(const void *payload, size_t payload_len, uint16_t l3num,
		       struct nf_conntrack *ct);

/** @} */

/**
 * \addtogroup nfexp_object
 * @{
 */

/** Opaque expectation: a connection the kernel waits for on behalf of a helper. */
struct nf_expect;

/** Attributes of an expectation object, and the value each one takes. */
enum nf_expect_attr {
	ATTR_EXP_MASTER = 0,	/**< struct nf_conntrack *: the master's original tuple */
	ATTR_EXP_EXPECTED,	/**< struct nf_conntrack *: the expected tuple */
	ATTR_EXP_MASK,		/**< struct nf_conntrack *: mask of the expected tuple */
	ATTR_EXP_TIMEOUT,	/**< uint32_t seconds */
	ATTR_EXP_ZONE,		/**< uint16_t */
	ATTR_EXP_FLAGS,		/**< uint32_t NF_CT_EXPECT_* */
	ATTR_EXP_HELPER_NAME,	/**< string, at most NFCT_HELPER_NAME_MAX bytes with its NUL */
	ATTR_EXP_CLASS,		/**< uint32_t */
	ATTR_EXP_NAT_TUPLE,	/**< struct nf_conntrack *: tuple after NAT */
	ATTR_EXP_NAT_DIR,	/**< uint8_t direction of the NAT */
	ATTR_EXP_FN,		/**< string: helper function that created it */
	ATTR_EXP_MAX		/**< number of attributes */
};

struct nf_expect *nfexp_new(void);
void nfexp_destroy(struct nf_expect *exp);
struct nf_expect *nfexp_clone(const struct nf_expect *exp);
size_t nfexp_sizeof(const struct nf_expect *exp);
size_t nfexp_maxsize(void);

/** @} */

/**
 * \addtogroup nfexp_queries
 * @{
 */

int nfexp_callback_register(struct nfct_handle *h,
			    enum nf_conntrack_msg_type type,
			    int (*cb)(enum nf_conntrack_msg_type type,
				      struct nf_expect *exp,
				      void *data),
			    void *data);
void nfexp_callback_unregister(struct nfct_handle *h);

int nfexp_callback_register2(struct nfct_handle *h,
			     enum nf_conntrack_msg_type type,
			     int (*cb)(const struct nlmsghdr *nlh,
				       enum nf_conntrack_msg_type type,
				       struct nf_expect *exp,
				       void *data),
			     void *data);
void nfexp_callback_unregister2(struct nfct_handle *h);

/** @} */

/**
 * \addtogroup nfexp_object
 * @{
 */

void nfexp_set_attr(struct nf_expect *exp, const enum nf_expect_attr type,
		    const void *value);
void nfexp_set_attr_u8(struct nf_expect *exp, const enum nf_expect_attr type,
		       uint8_t value);
void nfexp_set_attr_u16(struct nf_expect *exp, const enum nf_expect_attr type,
			uint16_t value);
void nfexp_set_attr_u32(struct nf_expect *exp, const enum nf_expect_attr type,
			uint32_t value);

const void *nfexp_get_attr(const struct nf_expect *exp,
			   const enum nf_expect_attr type);
uint8_t nfexp_get_attr_u8(const struct nf_expect *exp,
			  const enum nf_expect_attr type);
uint16_t nfexp_get_attr_u16(const struct nf_expect *exp,
			    const enum nf_expect_attr type);
uint32_t nfexp_get_attr_u32(const struct nf_expect *exp,
			    const enum nf_expect_attr type);

int nfexp_attr_is_set(const struct nf_expect *exp, const enum nf_expect_attr type);
int nfexp_attr_unset(struct nf_expect *exp, const enum nf_expect_attr type);

/** @} */

/**
 * \addtogroup nfexp_queries
 * @{
 */

int nfexp_query(struct nfct_handle *h, const enum nf_conntrack_query qt,
		const void *data);

/** @} */

/**
 * \addtogroup nfexp_output
 * @{
 */

int nfexp_snprintf(char *buf, unsigned int size, const struct nf_expect *exp,
		   const unsigned int msg_type, const unsigned int out_type,
		   const unsigned int out_flags);

/** @} */

/**
 * \addtogroup nfexp_object
 * @{
 */

int nfexp_cmp(const struct nf_expect *exp1, const struct nf_expect *exp2,
	      unsigned int flags);

/** @} */

/**
 * \addtogroup nfexp_queries
 * @{
 */

int nfexp_send(struct nfct_handle *h, const enum nf_conntrack_query qt,
	       const void *data);
int nfexp_catch(struct nfct_handle *h);

/** @} */

/**
 * \addtogroup nfexp_messages
 * @{
 */

NFCT_DEPRECATED
int nfexp_build_expect(struct nfnl_subsys_handle *ssh, void *req, size_t size,
		       uint16_t type, uint16_t flags,
		       const struct nf_expect *exp);
NFCT_DEPRECATED
int nfexp_parse_expect(enum nf_conntrack_msg_type type,
		       const struct nlmsghdr *nlh, struct nf_expect *exp);
NFCT_DEPRECATED
int nfexp_build_query(struct nfnl_subsys_handle *ssh,
		      const enum nf_conntrack_query qt, const void *data,
		      void *buffer, unsigned int size);

int nfexp_nlmsg_build(struct nlmsghdr *nlh, const struct nf_expect *exp);
int nfexp_nlmsg_parse(const struct nlmsghdr *nlh, struct nf_expect *exp);

/** @} */

/**
 * \addtogroup nfct_protocols
 * @{
 */

/* TCP flags of ATTR_TCP_FLAGS_ORIG / ATTR_TCP_FLAGS_REPL, as the kernel uses them. */
#define IP_CT_TCP_FLAG_WINDOW_SCALE	0x01	/**< TCP flag bit: the sender advertised window scaling */
#define IP_CT_TCP_FLAG_SACK_PERM	0x02	/**< TCP flag bit: the sender allows SACK */
#define IP_CT_TCP_FLAG_CLOSE_INIT	0x04	/**< TCP flag bit: this side sent the first FIN */
#define IP_CT_TCP_FLAG_BE_LIBERAL	0x08	/**< TCP flag bit: skip window checks */

/* Directions, kept for old programs; new code uses the ATTR_ORIG_ / ATTR_REPL_ names. */
#define NFCT_DIR_ORIGINAL	0	/**< old name of the original direction */
#define NFCT_DIR_REPLY		1	/**< old name of the reply direction */
#define NFCT_DIR_MAX		NFCT_DIR_REPLY+1	/**< number of directions */

/** @} */

/**
 * \addtogroup nfct_object
 * @{
 */

/** Longest helper name the kernel accepts, counting the terminating NUL. */
#define NFCT_HELPER_NAME_MAX	16

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* LIBNETFILTER_CONNTRACK_H */
