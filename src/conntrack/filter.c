/*
 * Event filters: which conntrack events a netlink socket receives, decided
 * in the kernel by a classic BPF program (see bsf.c for the program).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "internal/filter.h"

/**
 * Allocates an empty event filter.
 *
 * An empty filter lets every event through. Add entries with
 * nfct_filter_add_attr(), then attach it with nfct_filter_attach().
 *
 * \return the new filter, owned by the caller (free it with
 * nfct_filter_destroy()), or NULL with errno ENOMEM.
 *
 * Example: utils/conntrack_filter.c.
 */
NFCT_EXPORT struct nfct_filter *nfct_filter_create(void)
{
	return calloc(1, sizeof(struct nfct_filter));
}

/**
 * Frees an event filter.
 *
 * A filter already attached to a socket stays in force there: the kernel
 * keeps its own copy of the program.
 *
 * \param filter the filter to free; NULL does nothing.
 *
 * Example: utils/conntrack_filter.c.
 */
NFCT_EXPORT void nfct_filter_destroy(struct nfct_filter *filter)
{
	free(filter);
}

static void set_bit32(uint32_t *map, unsigned int n)
{
	map[n / 32] |= UINT32_C(1) << (n % 32);
}

static void add_proto(struct nfct_filter *f, const void *value)
{
	uint32_t proto;

	memcpy(&proto, value, sizeof(proto));
	if (proto < CT_FILTER_PROTO_NUM)
		set_bit32(f->proto, proto);
	f->proto_entries++;
}

static void add_state(struct nfct_filter *f, const void *value)
{
	struct nfct_filter_proto p;

	memcpy(&p, value, sizeof(p));
	if (p.proto >= CT_FILTER_PROTO_NUM) {
		f->state_proto_bad = true;
		return;
	}
	set_bit32(f->state_proto, p.proto);
	/* COMPAT: the original keeps states 0..15 and drops the others. */
	if (p.state < CT_FILTER_STATE_NUM)
		f->state[p.proto] |= (uint16_t)(1U << p.state);
}

static void add_ipv4(struct nfct_filter *f, enum ct_filter_dir dir, const void *value)
{
	struct nfct_filter_ipv4 a;

	if (f->ipv4_count[dir] >= CT_FILTER_IPV4_MAX)
		return;
	memcpy(&a, value, sizeof(a));
	/* Keep the address under its mask: the program compares the masked
	 * address of the event with it. */
	a.addr &= a.mask;
	f->ipv4[dir][f->ipv4_count[dir]++] = a;
}

static void add_ipv6(struct nfct_filter *f, enum ct_filter_dir dir, const void *value)
{
	struct nfct_filter_ipv6 a;

	if (f->ipv6_count[dir] >= CT_FILTER_IPV6_MAX)
		return;
	memcpy(&a, value, sizeof(a));
	for (unsigned int i = 0; i < 4; i++)
		a.addr[i] &= a.mask[i];
	f->ipv6[dir][f->ipv6_count[dir]++] = a;
}

static void add_mark(struct nfct_filter *f, const void *value)
{
	struct nfct_filter_dump_mark m;

	if (f->mark_count >= CT_FILTER_MARK_MAX)
		return;
	memcpy(&m, value, sizeof(m));
	m.val &= m.mask;
	f->mark[f->mark_count++] = m;
}

static void add_zone(struct nfct_filter *f, const void *value)
{
	uint16_t zone;

	if (f->zone_count >= CT_FILTER_ZONE_MAX)
		return;
	memcpy(&zone, value, sizeof(zone));
	f->zone[f->zone_count++] = zone;
}

/**
 * Adds an entry to one attribute of an event filter.
 *
 * \param filter the filter.
 * \param attr which attribute; \p value points to:
 *	- NFCT_FILTER_L4PROTO: a uint32_t layer-4 protocol number (IPPROTO_*);
 *	- NFCT_FILTER_L4PROTO_STATE: a struct nfct_filter_proto, a protocol
 *	  with states (IPPROTO_TCP, IPPROTO_SCTP or IPPROTO_DCCP) and one of
 *	  its states (0..15, as TCP_CONNTRACK_* and the like);
 *	- NFCT_FILTER_SRC_IPV4, NFCT_FILTER_DST_IPV4: a struct
 *	  nfct_filter_ipv4, address and netmask in host byte order, matched
 *	  against the original direction's source or destination;
 *	- NFCT_FILTER_SRC_IPV6, NFCT_FILTER_DST_IPV6: a struct
 *	  nfct_filter_ipv6, address and netmask as four host byte order words;
 *	- NFCT_FILTER_MARK: a struct nfct_filter_dump_mark, matching events
 *	  whose mark ANDed with \c mask equals \c val ANDed with \c mask;
 *	- NFCT_FILTER_ZONE: a uint16_t zone (1.1.1).
 * \param value the entry, copied into the filter.
 *
 * Entries of one attribute are alternatives (any may match). The filter
 * keeps at most 127 IPv4 entries per direction, 20 IPv6 entries per
 * direction, 127 marks and 127 zones; further entries are ignored, as the
 * original library does. Protocol numbers above 255 and states above 15
 * never match. An unknown \p attr, or a NULL \p value, is ignored (errno
 * EINVAL for the latter; the original aborts).
 *
 * Example: utils/conntrack_filter.c.
 */
NFCT_EXPORT void nfct_filter_add_attr(struct nfct_filter *filter,
				      const enum nfct_filter_attr attr,
				      const void *value)
{
	if (unlikely(filter == NULL || value == NULL)) {
		errno = EINVAL;
		return;
	}
	switch (attr) {
	case NFCT_FILTER_L4PROTO:
		add_proto(filter, value);
		break;
	case NFCT_FILTER_L4PROTO_STATE:
		add_state(filter, value);
		break;
	case NFCT_FILTER_SRC_IPV4:
		add_ipv4(filter, CT_FILTER_SRC, value);
		break;
	case NFCT_FILTER_DST_IPV4:
		add_ipv4(filter, CT_FILTER_DST, value);
		break;
	case NFCT_FILTER_SRC_IPV6:
		add_ipv6(filter, CT_FILTER_SRC, value);
		break;
	case NFCT_FILTER_DST_IPV6:
		add_ipv6(filter, CT_FILTER_DST, value);
		break;
	case NFCT_FILTER_MARK:
		add_mark(filter, value);
		break;
	case NFCT_FILTER_ZONE:
		add_zone(filter, value);
		break;
	case NFCT_FILTER_MAX:
	default:
		/* COMPAT: the original ignores unknown attributes silently. */
		break;
	}
}

/**
 * Adds a 32-bit entry to an event filter.
 *
 * Meant for NFCT_FILTER_L4PROTO; the same as nfct_filter_add_attr() with a
 * pointer to \p value. For NFCT_FILTER_ZONE the zone is \p value truncated
 * to 16 bits. Other attributes take structures and ignore this call.
 *
 * \param filter the filter.
 * \param attr the attribute.
 * \param value the entry.
 *
 * Example: utils/conntrack_filter.c.
 */
NFCT_EXPORT void nfct_filter_add_attr_u32(struct nfct_filter *filter,
					  const enum nfct_filter_attr attr,
					  const uint32_t value)
{
	switch (attr) {
	case NFCT_FILTER_L4PROTO:
		nfct_filter_add_attr(filter, attr, &value);
		break;
	case NFCT_FILTER_ZONE: {
		uint16_t zone = (uint16_t)value;

		nfct_filter_add_attr(filter, attr, &zone);
		break;
	}
	default:
		break;
	}
}

/**
 * Chooses whether an attribute's entries select or reject events.
 *
 * \param filter the filter.
 * \param attr the attribute.
 * \param logic NFCT_FILTER_LOGIC_POSITIVE (the default: only events that
 *	match an entry pass) or NFCT_FILTER_LOGIC_NEGATIVE (events that match
 *	an entry are dropped).
 *
 * Once an attribute has been given a logic other than positive, it cannot
 * be changed. A \p logic outside the enumeration is stored, and makes
 * nfct_filter_attach() fail with EINVAL.
 *
 * \return 0, or -1 with errno ENOTSUP for an unknown \p attr, EBUSY when
 * the attribute already has a logic other than positive.
 *
 * Example: utils/conntrack_filter.c.
 */
NFCT_EXPORT int nfct_filter_set_logic(struct nfct_filter *filter,
				      const enum nfct_filter_attr attr,
				      const enum nfct_filter_logic logic)
{
	if (unlikely((unsigned int)attr >= NFCT_FILTER_MAX))
		return fail(ENOTSUP, -1);
	/* COMPAT: the original refuses any change once the stored logic is
	 * not the default (zero), and stores out-of-range values. */
	if (filter->logic[attr] != NFCT_FILTER_LOGIC_POSITIVE)
		return fail(EBUSY, -1);
	filter->logic[attr] = (unsigned int)logic;
	return 0;
}

/**
 * Compiles an event filter and attaches it to a socket.
 *
 * The program replaces any filter the socket had. The filter object is
 * not referenced afterwards: destroy it, or change it and attach again.
 *
 * \param fd the netlink socket receiving the events (nfct_fd() of a
 *	handle opened with event groups).
 * \param filter the filter.
 * \return 0, or -1 with errno: EINVAL when \p filter is NULL, has a logic
 *	value that is neither positive nor negative, or has a state entry for
 *	a protocol without states (the original also fails, with the kernel's
 *	EINVAL, in the common cases); otherwise what
 *	setsockopt(SO_ATTACH_FILTER) sets (EBADF, ENOTSOCK, ENOMEM...).
 *
 * Example: utils/conntrack_filter.c.
 */
NFCT_EXPORT int nfct_filter_attach(int fd, struct nfct_filter *filter)
{
	struct sock_filter *prog;
	int len, ret;

	if (unlikely(filter == NULL))
		return fail(EINVAL, -1);
	prog = calloc(CT_BSF_MAX_INSNS, sizeof(*prog));
	if (prog == NULL)
		return -1;
	len = ct_bsf_compile(filter, prog);
	if (len < 0) {
		free(prog);
		return -1;
	}
	struct sock_fprog fprog = {
		.len = (unsigned short)len,
		.filter = prog,
	};

	ret = setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof(fprog));
	int err = errno;

	free(prog);
	errno = err;
	return ret < 0 ? -1 : 0;
}

/**
 * Removes the event filter attached to a socket.
 *
 * \param fd the socket.
 * \return 0, or -1 with errno ENOENT when the socket has no filter, or what
 *	setsockopt(SO_DETACH_FILTER) sets (EBADF, ENOTSOCK).
 */
NFCT_EXPORT int nfct_filter_detach(int fd)
{
	int unused = 0;

	return setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, &unused, sizeof(unused)) < 0 ? -1 : 0;
}
