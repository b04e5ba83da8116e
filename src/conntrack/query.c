/*
 * Conntrack queries, callbacks and events.
 *
 * Requests go out and answers come back through libnfnetlink, as with the
 * original, so return values, errno and the handling of sequence numbers,
 * acknowledgements and errors are libnfnetlink's own.
 */
#include <stdlib.h>
#include <string.h>

#include "internal/attr.h"
#include "internal/filter.h"
#include "internal/handle.h"
#include "internal/nlb.h"
#include "internal/parse.h"

/* What data points to, for each query. */
enum query_data {
	QD_OBJECT,	/* const struct nf_conntrack * */
	QD_FAMILY,	/* const uint32_t *: the family */
	QD_FILTER,	/* const struct nfct_filter_dump * */
};

static const struct {
	uint8_t msg;
	uint8_t data;
	uint16_t flags;
} ct_queries[] = {
	[NFCT_Q_CREATE]		   = { IPCTNL_MSG_CT_NEW, QD_OBJECT,
				       NLM_F_REQUEST | NLM_F_CREATE | NLM_F_ACK | NLM_F_EXCL },
	[NFCT_Q_UPDATE]		   = { IPCTNL_MSG_CT_NEW, QD_OBJECT, NLM_F_REQUEST | NLM_F_ACK },
	[NFCT_Q_DESTROY]	   = { IPCTNL_MSG_CT_DELETE, QD_OBJECT, NLM_F_REQUEST | NLM_F_ACK },
	[NFCT_Q_GET]		   = { IPCTNL_MSG_CT_GET, QD_OBJECT, NLM_F_REQUEST | NLM_F_ACK },
	[NFCT_Q_FLUSH]		   = { IPCTNL_MSG_CT_DELETE, QD_FAMILY, NLM_F_REQUEST | NLM_F_ACK },
	[NFCT_Q_DUMP]		   = { IPCTNL_MSG_CT_GET, QD_FAMILY, NLM_F_REQUEST | NLM_F_DUMP },
	[NFCT_Q_DUMP_RESET]	   = { IPCTNL_MSG_CT_GET_CTRZERO, QD_FAMILY,
				       NLM_F_REQUEST | NLM_F_DUMP },
	[NFCT_Q_CREATE_UPDATE]	   = { IPCTNL_MSG_CT_NEW, QD_OBJECT,
				       NLM_F_REQUEST | NLM_F_CREATE | NLM_F_ACK },
	[NFCT_Q_DUMP_FILTER]	   = { IPCTNL_MSG_CT_GET, QD_FILTER, NLM_F_REQUEST | NLM_F_DUMP },
	[NFCT_Q_DUMP_FILTER_RESET] = { IPCTNL_MSG_CT_GET_CTRZERO, QD_FILTER,
				       NLM_F_REQUEST | NLM_F_DUMP },
	[NFCT_Q_FLUSH_FILTER]	   = { IPCTNL_MSG_CT_DELETE, QD_FILTER, NLM_F_REQUEST | NLM_F_ACK },
};

/* Requests with a dump filter are built in a scratch buffer of this size
 * (far more than any filter needs) and copied when they fit. */
#define FILTER_REQUEST_MAX	1024

int ct_build_query(void *buf, size_t size, enum nf_conntrack_query query, const void *data)
{
	struct nlb b;

	if ((unsigned int)query >= ARRAY_SIZE(ct_queries))
		return fail(EOPNOTSUPP, -1);
	if (buf == NULL || data == NULL)
		return fail(EINVAL, -1);

	unsigned int msg = ct_queries[query].msg, flags = ct_queries[query].flags;

	switch (ct_queries[query].data) {
	case QD_OBJECT: {
		const struct nf_conntrack *ct = data;

		if (!ct_isset(ct, ATTR_ORIG_L3PROTO))
			return fail(EINVAL, -1);
		nlb_init(&b, buf, size);
		nlb_put_nfnl_header(&b, NFNL_SUBSYS_CTNETLINK, (uint16_t)msg, (uint16_t)flags,
				    ct->orig.l3proto, NFNETLINK_V0);
		if (nlb_failed(&b))
			return fail(EMSGSIZE, -1);
		/* COMPAT: an object that cannot be built completely (a reply
		 * tuple without its layer-3 protocol...) goes out as far as it
		 * could be built, as with the original; a get or a delete
		 * only needs the original tuple. */
		if (ct_build_attrs(&b, ct) < 0 && nlb_failed(&b))
			return fail(EMSGSIZE, -1);
		return (int)b.nlh->nlmsg_len;
	}
	case QD_FAMILY: {
		uint32_t family;

		memcpy(&family, data, sizeof(family));
		nlb_init(&b, buf, size);
		nlb_put_nfnl_header(&b, NFNL_SUBSYS_CTNETLINK, (uint16_t)msg, (uint16_t)flags,
				    (uint8_t)family, NFNETLINK_V0);
		return nlb_failed(&b) ? fail(EMSGSIZE, -1) : (int)b.nlh->nlmsg_len;
	}
	default: {
		/* A flush only filters by family when the version is set
		 * (the kernel treats version 0 as "every family"). */
		bool flush = query == NFCT_Q_FLUSH_FILTER;
		union {
			struct nlmsghdr nlh;
			char bytes[FILTER_REQUEST_MAX];
		} scratch;

		memset(&scratch, 0, sizeof(scratch));
		nlb_init(&b, &scratch.nlh, sizeof(scratch));
		nlb_put_nfnl_header(&b, NFNL_SUBSYS_CTNETLINK, (uint16_t)msg, (uint16_t)flags,
				    AF_UNSPEC, flush ? 1 : NFNETLINK_V0);
		if (ct_filter_dump_put(&scratch.nlh, data, flush ? CT_FILTER_DUMP_OP_FLUSH
								  : CT_FILTER_DUMP_OP_DUMP) < 0)
			return -1;
		if (scratch.nlh.nlmsg_len > size)
			return fail(EMSGSIZE, -1);
		memcpy(buf, &scratch, scratch.nlh.nlmsg_len);
		return (int)scratch.nlh.nlmsg_len;
	}
	}
}

/**
 * Builds the request of a query without sending it (libnfnetlink style).
 * \ingroup nfct_messages
 *
 * \param ssh a subsystem handle (only checked: the request is always a
 * conntrack one)
 * \param query the query (enum nf_conntrack_query)
 * \param data what the query needs: an object, a family (uint32_t *) or a
 * dump filter
 * \param req the buffer: the request goes at its start, and every byte
 * after it is zeroed, up to \p size (as with the original)
 * \param size its size in bytes
 * \return 1, or -1 with errno: EOPNOTSUPP for an unknown query; EINVAL for
 * NULL arguments or an object without a layer-3 protocol (the original
 * answers 1 and leaves an empty buffer, which nfct_query() would send and
 * then wait forever for an answer); ENOTSUP for a flush with a tuple
 * filter; EMSGSIZE when the request does not fit
 *
 * An object whose later parts cannot be built (a reply tuple without its
 * layer-3 protocol, for instance) gives a request with the parts before,
 * as with the original.
 *
 * Deprecated: build messages with nfct_nlmsg_build().
 */
NFCT_EXPORT int nfct_build_query(struct nfnl_subsys_handle *ssh,
				 const enum nf_conntrack_query query, const void *data,
				 void *req, unsigned int size)
{
	if (ssh == NULL)
		return fail(EINVAL, -1);

	int len = ct_build_query(req, size, query, data);

	if (len < 0)
		return -1;
	nlb_zero_after(req, size, (size_t)len);
	return 1;
}

/**
 * Runs a query: sends the request and processes the whole answer, calling
 * the registered callback for every entry it carries.
 *
 * \param h the handle
 * \param query what to do (enum nf_conntrack_query)
 * \param data what the query needs: a struct nf_conntrack for create,
 * update, destroy, get and create-or-update; a uint32_t family (AF_INET,
 * AF_INET6, AF_UNSPEC) for flush, dump and dump-reset; a struct
 * nfct_filter_dump for the filtered dumps and flush
 * \return 0 on success; -1 with errno on failure: the kernel's error
 * (EEXIST when creating an existing entry, ENOENT when deleting a missing
 * one...), EOPNOTSUPP for an unknown query, EINVAL for bad arguments,
 * ENOTSUP for a flush with a tuple filter, or what a callback left in
 * errno after returning NFCT_CB_FAILURE
 *
 * A callback returning NFCT_CB_STOP ends the processing early with 0.
 *
 * Example: utils/conntrack_create.c, utils/conntrack_dump.c.
 */
NFCT_EXPORT int nfct_query(struct nfct_handle *h, const enum nf_conntrack_query query,
			   const void *data)
{
	union query_buffer req;

	if (h == NULL)
		return fail(EINVAL, -1);
	if (ct_build_query(&req, sizeof(req), query, data) < 0)
		return -1;
	return handle_query(h, &req.nlh);
}

/**
 * Sends the request of a query without waiting for the answer.
 *
 * \param h the handle
 * \param query what to do (as for nfct_query())
 * \param data what the query needs (as for nfct_query())
 * \return the number of bytes sent, or -1 with errno (as for nfct_query(),
 * or from sendto())
 *
 * Process the answer with nfct_catch().
 */
NFCT_EXPORT int nfct_send(struct nfct_handle *h, const enum nf_conntrack_query query,
			  const void *data)
{
	union query_buffer req;

	if (h == NULL)
		return fail(EINVAL, -1);
	if (ct_build_query(&req, sizeof(req), query, data) < 0)
		return -1;
	return nfnl_send(h->nfnlh, &req.nlh);
}

/**
 * Processes what arrives on a handle: the answer to nfct_send(), or events.
 *
 * \param h the handle
 * \return for an answer, 0 once it is complete; for events, it returns
 * only on failure or when a callback returns NFCT_CB_STOP (0) or
 * NFCT_CB_FAILURE (-1). -1 with errno ENOBUFS means the socket's receive
 * buffer overran and events were lost; the handle stays usable, so call
 * nfct_catch() again.
 *
 * Example: utils/conntrack_events.c.
 */
NFCT_EXPORT int nfct_catch(struct nfct_handle *h)
{
	if (h == NULL)
		return fail(EINVAL, -1);
	return handle_catch(h);
}

/* Callbacks: conntrack entries for the dispatcher of src/callback.c. */

static void *ct_kind_alloc(void)
{
	return nfct_new();
}

static void ct_kind_reset(void *obj)
{
	ct_reset(obj);
}

static void ct_kind_destroy(void *obj)
{
	nfct_destroy(obj);
}

static int ct_kind_parse(const struct nlmsghdr *nlh, void *obj)
{
	return nfct_nlmsg_parse(nlh, obj);
}

static int ct_kind_call(const struct cb_slot *slot, const struct nlmsghdr *nlh,
			unsigned int type, void *obj)
{
	if (slot->fn.ct.cb != NULL)
		return slot->fn.ct.cb((enum nf_conntrack_msg_type)type, obj, slot->data);
	if (slot->fn.ct.cb2 != NULL)
		return slot->fn.ct.cb2(nlh, (enum nf_conntrack_msg_type)type, obj, slot->data);
	return NFCT_CB_CONTINUE;
}

static const struct cb_kind ct_kind = {
	.alloc = ct_kind_alloc,
	.reset = ct_kind_reset,
	.destroy = ct_kind_destroy,
	.parse = ct_kind_parse,
	.call = ct_kind_call,
	.attr_count = CTA_MAX,
	.msg_new = IPCTNL_MSG_CT_NEW,
	.msg_delete = IPCTNL_MSG_CT_DELETE,
};

/**
 * Registers the function called for every conntrack message that
 * nfct_query() or nfct_catch() processes.
 *
 * \param h the handle (opened for CONNTRACK or NFNL_SUBSYS_NONE)
 * \param type the message types wanted (NFCT_T_NEW, NFCT_T_UPDATE,
 * NFCT_T_DESTROY, or NFCT_T_ALL); dumped entries and the answer to a get
 * are NFCT_T_UPDATE
 * \param cb the callback; it returns NFCT_CB_CONTINUE, NFCT_CB_STOP,
 * NFCT_CB_FAILURE or NFCT_CB_STOLEN (it keeps the object)
 * \param data passed to \p cb
 * \return 0, or -1 with errno EINVAL (NULL handle or callback, or a handle
 * without the conntrack subsystem)
 *
 * One callback per handle: registering again replaces it, and a callback
 * registered with nfct_callback_register() takes precedence over one from
 * nfct_callback_register2().
 *
 * Examples: utils/conntrack_dump.c (a dump), utils/conntrack_events.c
 * (events).
 */
NFCT_EXPORT int nfct_callback_register(struct nfct_handle *h, enum nf_conntrack_msg_type type,
				       int (*cb)(enum nf_conntrack_msg_type type,
						 struct nf_conntrack *ct, void *data),
				       void *data)
{
	if (h == NULL || cb == NULL)
		return fail(EINVAL, -1);
	if (cb_register(&h->ct, h->ssh_ct, &ct_kind, type, data) < 0)
		return -1;
	h->ct.fn.ct.cb = cb;
	return 0;
}

/**
 * Like nfct_callback_register(), for a callback that also gets the
 * netlink message.
 *
 * \param h the handle
 * \param type the message types wanted
 * \param cb the callback
 * \param data passed to \p cb
 * \return 0, or -1 with errno EINVAL
 */
NFCT_EXPORT int nfct_callback_register2(struct nfct_handle *h, enum nf_conntrack_msg_type type,
					int (*cb)(const struct nlmsghdr *nlh,
						  enum nf_conntrack_msg_type type,
						  struct nf_conntrack *ct, void *data),
					void *data)
{
	if (h == NULL || cb == NULL)
		return fail(EINVAL, -1);
	if (cb_register(&h->ct, h->ssh_ct, &ct_kind, type, data) < 0)
		return -1;
	h->ct.fn.ct.cb2 = cb;
	return 0;
}

/**
 * Removes the conntrack callback of a handle (registered by either
 * function). A NULL handle is ignored.
 *
 * \param h the handle
 */
NFCT_EXPORT void nfct_callback_unregister(struct nfct_handle *h)
{
	if (h != NULL)
		cb_unregister(&h->ct, h->ssh_ct);
}

/**
 * Removes the conntrack callback of a handle; same as
 * nfct_callback_unregister().
 *
 * \param h the handle
 */
NFCT_EXPORT void nfct_callback_unregister2(struct nfct_handle *h)
{
	if (h != NULL)
		cb_unregister(&h->ct, h->ssh_ct);
}
