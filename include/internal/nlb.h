/*
 * A netlink message builder that knows how much room it has.
 *
 * Attributes are laid out exactly as libmnl's mnl_attr_put() does (aligned
 * tail, zeroed padding, NLA_F_NESTED on nests), so messages are byte for
 * byte those of the original library. When the room runs out the builder
 * stops writing and remembers it; the caller checks nlb_failed() once at
 * the end.
 */
#ifndef NFCT_NLB_H
#define NFCT_NLB_H

#include <endian.h>
#include <linux/netlink.h>
#include <string.h>

#include "internal.h"

#define NLB_ALIGN(len)	(((len) + 3U) & ~3U)
#define NLB_HDRLEN	NLB_ALIGN(sizeof(struct nlattr))

struct nlb {
	struct nlmsghdr *nlh;
	size_t room;		/* bytes usable from nlh on; SIZE_MAX: unknown;
				 * 0 once full */
	bool full;
};

static inline void nlb_init(struct nlb *b, struct nlmsghdr *nlh, size_t room)
{
	b->nlh = nlh;
	b->room = room;
	b->full = false;
}

static inline bool nlb_failed(const struct nlb *b)
{
	return b->full;
}

/* Appends an attribute header and returns where its len payload bytes
 * go, or NULL when there is no room. */
static inline void *nlb_put_hdr(struct nlb *b, uint16_t type, size_t len)
{
	size_t at = NLB_ALIGN(b->nlh->nlmsg_len);
	size_t total = NLB_ALIGN(NLB_HDRLEN + len);

	/* at + total cannot wrap (at < 2^32 + 4, total < 2^17). A builder
	 * that failed once has no room left, so this one comparison refuses
	 * everything after the first failure. */
	if (unlikely(len > UINT16_MAX - NLB_HDRLEN || at + total > b->room)) {
		b->full = true;
		b->room = 0;
		return NULL;
	}
	struct nlattr *attr = (struct nlattr *)((char *)b->nlh + at);
	char *payload = (char *)attr + NLB_HDRLEN;

	attr->nla_type = type;
	attr->nla_len = (uint16_t)(NLB_HDRLEN + len);
	if (total > NLB_HDRLEN + len)
		memset(payload + len, 0, total - NLB_HDRLEN - len);
	b->nlh->nlmsg_len = (uint32_t)(at + total);
	return payload;
}

static inline void nlb_put(struct nlb *b, uint16_t type, size_t len, const void *data)
{
	void *p = nlb_put_hdr(b, type, len);

	if (p != NULL && len != 0)
		memcpy(p, data, len);
}

static inline void nlb_put_u8(struct nlb *b, uint16_t type, uint8_t v)
{
	nlb_put(b, type, sizeof(v), &v);
}

/* Network byte order values: the caller converts (or stores them so). */
static inline void nlb_put_u16(struct nlb *b, uint16_t type, uint16_t v)
{
	nlb_put(b, type, sizeof(v), &v);
}

static inline void nlb_put_u32(struct nlb *b, uint16_t type, uint32_t v)
{
	nlb_put(b, type, sizeof(v), &v);
}

static inline void nlb_put_u64(struct nlb *b, uint16_t type, uint64_t v)
{
	nlb_put(b, type, sizeof(v), &v);
}

static inline void nlb_put_be32(struct nlb *b, uint16_t type, uint32_t v)
{
	nlb_put_u32(b, type, htobe32(v));
}

static inline void nlb_put_be16(struct nlb *b, uint16_t type, uint16_t v)
{
	nlb_put_u16(b, type, htobe16(v));
}

static inline void nlb_put_strz(struct nlb *b, uint16_t type, const char *s)
{
	nlb_put(b, type, strlen(s) + 1, s);
}

/* Opens a nest; returns it for nlb_nest_end() (NULL when out of room). */
static inline struct nlattr *nlb_nest_start(struct nlb *b, uint16_t type)
{
	void *p = nlb_put_hdr(b, NLA_F_NESTED | type, 0);

	return p ? (struct nlattr *)((char *)p - NLB_HDRLEN) : NULL;
}

static inline void nlb_nest_end(struct nlb *b, struct nlattr *nest)
{
	if (nest != NULL && !b->full)
		nest->nla_len = (uint16_t)((char *)b->nlh + b->nlh->nlmsg_len - (char *)nest);
}

/* COMPAT: the libnfnetlink-style builders (nfct_build_conntrack() and the
 * like) leave zeroes after the message of len bytes, up to the size the
 * caller gave, as the original does by clearing the whole buffer before
 * building. The library's own requests skip this: only the message is sent,
 * and every byte of it is written. */
static inline void nlb_zero_after(void *buf, size_t size, size_t len)
{
	if (len < size)
		memset((char *)buf + len, 0, size - len);
}

/* Netlink message header plus the nfnetlink header, as the original writes
 * them for a request of the given subsystem and type. */
void nlb_put_nfnl_header(struct nlb *b, uint8_t subsys, uint16_t type, uint16_t flags,
			 uint8_t family, uint8_t version);

#endif
