/*
 * Expectation queries, callbacks and events.
 *
 * As for conntrack (src/conntrack/query.c), requests go out and answers
 * come back through libnfnetlink, so return values, errno and the handling
 * of sequence numbers, acknowledgements and errors are libnfnetlink's own.
 */
#include <string.h>

#include "internal/expect.h"
#include "internal/handle.h"
#include "internal/nlb.h"

/* What data points to, for each query. */
enum exp_query_data {
	EQ_NONE,	/* not an expectation query */
	EQ_OBJECT,	/* const struct nf_expect * */
	EQ_FAMILY,	/* const uint32_t *: the family */
};

static const struct {
	uint8_t msg;
	uint8_t data;
	uint16_t flags;
} exp_queries[] = {
	[NFCT_Q_CREATE]		= { IPCTNL_MSG_EXP_NEW, EQ_OBJECT,
				    NLM_F_REQUEST | NLM_F_CREATE | NLM_F_ACK | NLM_F_EXCL },
	[NFCT_Q_DESTROY]	= { IPCTNL_MSG_EXP_DELETE, EQ_OBJECT, NLM_F_REQUEST | NLM_F_ACK },
	[NFCT_Q_GET]		= { IPCTNL_MSG_EXP_GET, EQ_OBJECT, NLM_F_REQUEST | NLM_F_ACK },
	[NFCT_Q_FLUSH]		= { IPCTNL_MSG_EXP_DELETE, EQ_FAMILY, NLM_F_REQUEST | NLM_F_ACK },
	[NFCT_Q_DUMP]		= { IPCTNL_MSG_EXP_GET, EQ_FAMILY, NLM_F_REQUEST | NLM_F_DUMP },
	[NFCT_Q_CREATE_UPDATE]	= { IPCTNL_MSG_EXP_NEW, EQ_OBJECT,
				    NLM_F_REQUEST | NLM_F_CREATE | NLM_F_ACK },
};

/*
 * Builds a query's request at the start of buf (size bytes), leaving the
 * rest alone. Returns its length, or -1 with errno: EOPNOTSUPP for a query
 * expectations do not have (update, the dump-resets, the filtered ones),
 * EINVAL for NULL arguments, EMSGSIZE when it does not fit. COMPAT: an
 * expectation without a family (neither the master nor the expected tuple
 * has its layer-3 protocol) gives an empty request: length 0, nothing
 * written, as with the original.
 */
static int exp_build_query(void *buf, size_t size, enum nf_conntrack_query query,
			   const void *data)
{
	struct nlb b;
	uint8_t family;

	if ((unsigned int)query >= ARRAY_SIZE(exp_queries) ||
	    exp_queries[query].data == EQ_NONE)
		return fail(EOPNOTSUPP, -1);
	if (buf == NULL || data == NULL)
		return fail(EINVAL, -1);

	uint16_t msg = exp_queries[query].msg, flags = exp_queries[query].flags;

	nlb_init(&b, buf, size);
	if (exp_queries[query].data == EQ_FAMILY) {
		uint32_t f;

		memcpy(&f, data, sizeof(f));
		nlb_put_nfnl_header(&b, NFNL_SUBSYS_CTNETLINK_EXP, msg, flags, (uint8_t)f,
				    NFNETLINK_V0);
		return nlb_failed(&b) ? fail(EMSGSIZE, -1) : (int)b.nlh->nlmsg_len;
	}
	if (!exp_family(data, &family))
		return 0;
	nlb_put_nfnl_header(&b, NFNL_SUBSYS_CTNETLINK_EXP, msg, flags, family, NFNETLINK_V0);
	if (nlb_failed(&b))
		return fail(EMSGSIZE, -1);
	if (exp_build_attrs(&b, data) < 0)
		return -1;
	return (int)b.nlh->nlmsg_len;
}

/**
 * Builds the request of an expectation query without sending it
 * (libnfnetlink style).
 * \ingroup nfexp_messages
 *
 * \param ssh a subsystem handle (only checked for NULL)
 * \param qt the query: NFCT_Q_CREATE, NFCT_Q_CREATE_UPDATE, NFCT_Q_GET,
 * NFCT_Q_DESTROY (with a struct nf_expect), NFCT_Q_FLUSH or NFCT_Q_DUMP
 * (with a uint32_t family)
 * \param data what the query needs
 * \param buffer the buffer: the request goes at its start, and every
 * byte after it is zeroed, up to \p size (as with the original)
 * \param size its size in bytes
 * \return 1, or -1 with errno: EOPNOTSUPP for another query, EINVAL for
 * NULL arguments (the original aborts), EMSGSIZE when the request does
 * not fit
 *
 * As with the original, an expectation whose master and expected tuples
 * both lack their layer-3 protocol gives 1 and an empty buffer (a message
 * of length 0, which the kernel refuses).
 *
 * Deprecated: build messages with nfexp_nlmsg_build().
 */
NFCT_EXPORT int nfexp_build_query(struct nfnl_subsys_handle *ssh,
				  const enum nf_conntrack_query qt, const void *data,
				  void *buffer, unsigned int size)
{
	if (ssh == NULL)
		return fail(EINVAL, -1);

	int len = exp_build_query(buffer, size, qt, data);

	if (len < 0)
		return -1;
	nlb_zero_after(buffer, size, (size_t)len);
	return 1;
}

/* Builds a request for a handle with the expectation subsystem. Returns 0,
 * or -1 with errno as exp_build_query(); ENODATA for the empty request
 * (COMPAT: the kernel refuses the original's empty send with ENODATA, and
 * the query fails so; ours does not send it). */
static int exp_request(struct nfct_handle *h, void *buf, size_t size,
		       enum nf_conntrack_query qt, const void *data)
{
	if (h == NULL || h->ssh_exp == NULL)
		return fail(EINVAL, -1);

	int len = exp_build_query(buf, size, qt, data);

	if (len < 0)
		return -1;
	return len == 0 ? fail(ENODATA, -1) : 0;
}

/**
 * Runs an expectation query: sends the request and processes the whole
 * answer, calling the registered expectation callback for every
 * expectation it carries.
 *
 * \param h a handle opened for EXPECT or NFNL_SUBSYS_NONE
 * \param qt what to do: NFCT_Q_CREATE (fails with EEXIST when it exists),
 * NFCT_Q_CREATE_UPDATE, NFCT_Q_GET, NFCT_Q_DESTROY (with a struct
 * nf_expect), NFCT_Q_FLUSH, NFCT_Q_DUMP (with a uint32_t family: AF_INET,
 * AF_INET6, or AF_UNSPEC for all)
 * \param data what the query needs
 * \return 0 on success; -1 with errno on failure: the kernel's error
 * (ENOENT for a missing expectation or master, EOPNOTSUPP for a master
 * without a helper...), EOPNOTSUPP for another query, ENODATA for an
 * expectation without a family (see nfexp_build_query()), EINVAL for NULL
 * arguments or a handle without the expectation subsystem (the original
 * aborts), or what a callback left in errno after NFCT_CB_FAILURE
 *
 * A get or a delete needs the expected tuple (and its family); a create
 * needs the master, expected and mask tuples and the timeout, and a master
 * entry that has a helper. A callback returning NFCT_CB_STOP ends the
 * processing early with 0.
 *
 * Examples: utils/expect_create.c, utils/expect_get.c,
 * utils/expect_delete.c, utils/expect_flush.c, utils/expect_dump.c.
 */
NFCT_EXPORT int nfexp_query(struct nfct_handle *h, const enum nf_conntrack_query qt,
			    const void *data)
{
	union query_buffer req;

	if (exp_request(h, &req, sizeof(req), qt, data) < 0)
		return -1;
	return handle_query(h, &req.nlh);
}

/**
 * Sends the request of an expectation query without waiting for the
 * answer.
 *
 * \param h a handle opened for EXPECT or NFNL_SUBSYS_NONE
 * \param qt the query (as for nfexp_query())
 * \param data what the query needs (as for nfexp_query())
 * \return the number of bytes sent, or -1 with errno (as for
 * nfexp_query(), or from sendto())
 *
 * Process the answer with nfexp_catch().
 */
NFCT_EXPORT int nfexp_send(struct nfct_handle *h, const enum nf_conntrack_query qt,
			   const void *data)
{
	union query_buffer req;

	if (exp_request(h, &req, sizeof(req), qt, data) < 0)
		return -1;
	return nfnl_send(h->nfnlh, &req.nlh);
}

/**
 * Processes what arrives on a handle: the answer to nfexp_send(), or
 * events. It is the same as nfct_catch(): conntrack messages go to the
 * conntrack callback, expectation messages to the expectation callback.
 *
 * \param h the handle
 * \return for an answer, 0 once it is complete; for events, it returns
 * only on failure or when a callback returns NFCT_CB_STOP (0) or
 * NFCT_CB_FAILURE (-1); -1 with errno EINVAL for a NULL handle (the
 * original aborts). ENOBUFS means events were lost; the handle stays
 * usable.
 *
 * Example: utils/expect_events.c (a handle opened with
 * NF_NETLINK_CONNTRACK_EXP_NEW and friends). A handle that receives both
 * kinds of events processes them all with nfct_catch().
 */
NFCT_EXPORT int nfexp_catch(struct nfct_handle *h)
{
	if (h == NULL)
		return fail(EINVAL, -1);
	return handle_catch(h);
}

/* Callbacks: expectations for the dispatcher of src/callback.c. */

static void *exp_kind_alloc(void)
{
	return nfexp_new();
}

static void exp_kind_reset(void *obj)
{
	exp_reset(obj);
}

static void exp_kind_destroy(void *obj)
{
	nfexp_destroy(obj);
}

static int exp_kind_parse(const struct nlmsghdr *nlh, void *obj)
{
	return exp_parse_message(nlh, obj);
}

static int exp_kind_call(const struct cb_slot *slot, const struct nlmsghdr *nlh,
			 unsigned int type, void *obj)
{
	if (slot->fn.exp.cb != NULL)
		return slot->fn.exp.cb((enum nf_conntrack_msg_type)type, obj, slot->data);
	if (slot->fn.exp.cb2 != NULL)
		return slot->fn.exp.cb2(nlh, (enum nf_conntrack_msg_type)type, obj, slot->data);
	return NFCT_CB_CONTINUE;
}

static const struct cb_kind exp_kind = {
	.alloc = exp_kind_alloc,
	.reset = exp_kind_reset,
	.destroy = exp_kind_destroy,
	.parse = exp_kind_parse,
	.call = exp_kind_call,
	.attr_count = CTA_EXPECT_MAX,
	.msg_new = IPCTNL_MSG_EXP_NEW,
	.msg_delete = IPCTNL_MSG_EXP_DELETE,
};

/**
 * Registers the function called for every expectation message that
 * nfexp_query(), nfexp_catch() or nfct_catch() processes.
 *
 * \param h the handle (opened for EXPECT or NFNL_SUBSYS_NONE: a handle can
 * have a conntrack callback and an expectation callback at once)
 * \param type the message types wanted (NFCT_T_NEW, NFCT_T_UPDATE,
 * NFCT_T_DESTROY, or NFCT_T_ALL); dumped expectations and the answer to a
 * get are NFCT_T_UPDATE
 * \param cb the callback; it gets an object owned by the library, valid
 * until it returns, and returns NFCT_CB_CONTINUE, NFCT_CB_STOP,
 * NFCT_CB_FAILURE, or NFCT_CB_STOLEN to keep the object (then freed by
 * the program with nfexp_destroy())
 * \param data passed to \p cb
 * \return 0, or -1 with errno EINVAL (NULL handle or callback, or a handle
 * without the expectation subsystem; the original aborts)
 *
 * One expectation callback per handle: registering again replaces it; one
 * registered with nfexp_callback_register() takes precedence over one
 * from nfexp_callback_register2().
 *
 * Examples: utils/expect_dump.c, utils/expect_events.c, and
 * utils/ctexp_events.c (conntrack and expectation callbacks on one
 * handle).
 */
NFCT_EXPORT int nfexp_callback_register(struct nfct_handle *h, enum nf_conntrack_msg_type type,
					int (*cb)(enum nf_conntrack_msg_type type,
						  struct nf_expect *exp, void *data),
					void *data)
{
	if (h == NULL || cb == NULL)
		return fail(EINVAL, -1);
	if (cb_register(&h->exp, h->ssh_exp, &exp_kind, type, data) < 0)
		return -1;
	h->exp.fn.exp.cb = cb;
	return 0;
}

/**
 * Like nfexp_callback_register(), for a callback that also gets the
 * netlink message.
 *
 * \param h the handle
 * \param type the message types wanted
 * \param cb the callback
 * \param data passed to \p cb
 * \return 0, or -1 with errno EINVAL
 */
NFCT_EXPORT int nfexp_callback_register2(struct nfct_handle *h, enum nf_conntrack_msg_type type,
					 int (*cb)(const struct nlmsghdr *nlh,
						   enum nf_conntrack_msg_type type,
						   struct nf_expect *exp, void *data),
					 void *data)
{
	if (h == NULL || cb == NULL)
		return fail(EINVAL, -1);
	if (cb_register(&h->exp, h->ssh_exp, &exp_kind, type, data) < 0)
		return -1;
	h->exp.fn.exp.cb2 = cb;
	return 0;
}

/**
 * Removes the expectation callback of a handle (registered by either
 * function). A NULL handle is ignored (the original aborts).
 *
 * \param h the handle
 */
NFCT_EXPORT void nfexp_callback_unregister(struct nfct_handle *h)
{
	if (h != NULL)
		cb_unregister(&h->exp, h->ssh_exp);
}

/**
 * Removes the expectation callback of a handle; same as
 * nfexp_callback_unregister().
 *
 * \param h the handle
 */
NFCT_EXPORT void nfexp_callback_unregister2(struct nfct_handle *h)
{
	if (h != NULL)
		cb_unregister(&h->exp, h->ssh_exp);
}
