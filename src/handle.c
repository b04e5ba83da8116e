/*
 * The handle: opening and closing a ctnetlink socket through libnfnetlink.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/netfilter/nfnetlink.h>

#include "internal/handle.h"
#include "internal/object.h"

/**
 * Opens a handle on an existing libnfnetlink handle.
 *
 * \param nfnlh the libnfnetlink handle (from nfnl_open())
 * \param subsys_id CONNTRACK, EXPECT, or NFNL_SUBSYS_NONE for both
 * \param subscriptions event groups to join (NF_NETLINK_CONNTRACK_NEW...,
 * NFCT_ALL_CT_GROUPS), or 0 for a handle that only runs queries
 * \return the handle, or NULL with errno set (ENOMEM, or what libnfnetlink
 * reported)
 *
 * nfct_close() closes \p nfnlh too, as with the original. Other subsystem
 * numbers give a handle without subsystems, as with the original.
 */
NFCT_EXPORT struct nfct_handle *nfct_open_nfnl(struct nfnl_handle *nfnlh, uint8_t subsys_id,
					       unsigned int subscriptions)
{
	struct nfct_handle *h;

	if (nfnlh == NULL)
		return fail_ptr(EINVAL);
	h = calloc(1, sizeof(*h));
	if (h == NULL)
		return fail_ptr(ENOMEM);
	h->nfnlh = nfnlh;

	if (subsys_id == NFNL_SUBSYS_NONE || subsys_id == NFNL_SUBSYS_CTNETLINK) {
		h->ssh_ct = nfnl_subsys_open(nfnlh, NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_MAX,
					     subscriptions);
		if (h->ssh_ct == NULL)
			goto fail;
	}
	if (subsys_id == NFNL_SUBSYS_NONE || subsys_id == NFNL_SUBSYS_CTNETLINK_EXP) {
		h->ssh_exp = nfnl_subsys_open(nfnlh, NFNL_SUBSYS_CTNETLINK_EXP, IPCTNL_MSG_EXP_MAX,
					      subscriptions);
		if (h->ssh_exp == NULL)
			goto fail;
	}
	return h;

fail:
	{
		int err = errno;

		if (h->ssh_ct != NULL)
			nfnl_subsys_close(h->ssh_ct);
		free(h);
		errno = err;
	}
	return NULL;
}

/**
 * Opens a handle: a new netlink socket to ctnetlink.
 *
 * \param subsys_id CONNTRACK, EXPECT, or NFNL_SUBSYS_NONE for both
 * \param subscriptions event groups to join (NF_NETLINK_CONNTRACK_NEW,
 * _UPDATE, _DESTROY, the expectation groups, NFCT_ALL_CT_GROUPS), or 0 for
 * a handle that only runs queries
 * \return the handle, to be closed with nfct_close(), or NULL with errno
 * set (from socket(), bind() or ENOMEM)
 *
 * Example: utils/conntrack_events.c opens an event handle.
 */
NFCT_EXPORT struct nfct_handle *nfct_open(uint8_t subsys_id, unsigned int subscriptions)
{
	struct nfnl_handle *nfnlh = nfnl_open();
	struct nfct_handle *h;

	if (nfnlh == NULL)
		return NULL;
	h = nfct_open_nfnl(nfnlh, subsys_id, subscriptions);
	if (h == NULL) {
		int err = errno;

		nfnl_close(nfnlh);
		errno = err;
	}
	return h;
}

/**
 * Closes a handle, its subsystems and its netlink socket, and forgets its
 * callbacks.
 *
 * \param cth the handle (NULL: nothing happens, -1 with errno EINVAL)
 * \return 0, or -1 with errno when closing the socket failed
 *
 * Example: utils/conntrack_dump.c.
 */
NFCT_EXPORT int nfct_close(struct nfct_handle *cth)
{
	if (cth == NULL)
		return fail(EINVAL, -1);
	if (cth->ssh_exp != NULL)
		nfnl_subsys_close(cth->ssh_exp);
	if (cth->ssh_ct != NULL)
		nfnl_subsys_close(cth->ssh_ct);
	cb_slot_free(&cth->ct);
	cb_slot_free(&cth->exp);

	int ret = nfnl_close(cth->nfnlh);

	free(cth);
	return ret;
}

/**
 * Returns the file descriptor of a handle's socket, for poll() or select().
 *
 * \param cth the handle
 * \return the descriptor, or -1 with errno EINVAL for a NULL handle
 *
 * Example: utils/conntrack_filter.c attaches a filter to the descriptor.
 */
NFCT_EXPORT int nfct_fd(struct nfct_handle *cth)
{
	if (cth == NULL)
		return fail(EINVAL, -1);
	return nfnl_fd(cth->nfnlh);
}

/**
 * Returns the libnfnetlink handle behind a handle.
 *
 * \param cth the handle
 * \return the libnfnetlink handle (owned by \p cth), or NULL with errno
 * EINVAL for a NULL handle
 */
NFCT_EXPORT const struct nfnl_handle *nfct_nfnlh(struct nfct_handle *cth)
{
	if (cth == NULL)
		return fail_ptr(EINVAL);
	return cth->nfnlh;
}

/*
 * Receiving. libnfnetlink's nfnl_catch() and nfnl_query() are a loop of
 * nfnl_recv() and nfnl_process(); ours is the same loop with a check in
 * between: libnfnetlink files each top-level attribute of a message at
 * index type - 1 of an array on its stack, so an attribute of type 0
 * writes before that array (libnfnetlink 1.0.2; the original library
 * crashes on such a datagram). Only the kernel can send to the handle
 * (nfnl_recv() drops other senders) and it sends no such attribute; a
 * datagram that has one is refused whole.
 */

/* The largest datagram the kernel sends on ctnetlink sockets (dump
 * batches are at most 32 KiB), with room to spare. */
#define HANDLE_RECV_MAX	65536

/* Are the top-level attributes of every nfnetlink message in buf safe for
 * libnfnetlink? Walks them as nfnl_process() and nfnl_parse_attr() will. */
static bool handle_datagram_safe(const unsigned char *buf, size_t len)
{
	const size_t head = NLMSG_ALIGN(NLMSG_LENGTH(sizeof(struct nfgenmsg)));

	while (len >= NLMSG_HDRLEN) {
		struct nlmsghdr nlh;

		memcpy(&nlh, buf, sizeof(nlh));
		if (nlh.nlmsg_len < NLMSG_HDRLEN || nlh.nlmsg_len > len)
			return true;	/* libnfnetlink stops here too */
		if (nlh.nlmsg_type >= NLMSG_MIN_TYPE && nlh.nlmsg_len >= head) {
			size_t off = head;

			while (off + sizeof(struct nfattr) <= nlh.nlmsg_len) {
				struct nfattr a;

				memcpy(&a, buf + off, sizeof(a));
				if (a.nfa_len < sizeof(a) || a.nfa_len > nlh.nlmsg_len - off)
					break;
				if ((a.nfa_type & ~NFNL_NFA_NEST) == 0)
					return false;
				off += NFA_ALIGN(a.nfa_len);
			}
		}
		if (NLMSG_ALIGN(nlh.nlmsg_len) >= len)
			break;
		len -= NLMSG_ALIGN(nlh.nlmsg_len);
		buf += NLMSG_ALIGN(nlh.nlmsg_len);
	}
	return true;
}

int handle_catch(struct nfct_handle *h)
{
	unsigned char buf[HANDLE_RECV_MAX] __attribute__((aligned(8)));
	int ret;

	for (;;) {
		ret = nfnl_recv(h->nfnlh, buf, sizeof(buf));
		if (ret == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (ret > 0 && !handle_datagram_safe(buf, (size_t)ret))
			return fail(EINVAL, -1);
		ret = nfnl_process(h->nfnlh, buf, ret);
		if (ret <= NFNL_CB_STOP)
			break;
	}
	return ret;
}

int handle_query(struct nfct_handle *h, const struct nlmsghdr *nlh)
{
	if (nfnl_send(h->nfnlh, (struct nlmsghdr *)nlh) < 0)
		return -1;
	return handle_catch(h);
}
