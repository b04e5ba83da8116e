/*
 * Callbacks: what runs for each message that nfct_query(), nfct_catch()
 * and their nfexp_ counterparts receive. One dispatcher serves conntrack
 * entries and expectations alike; what differs between them is described
 * by a struct cb_kind (src/conntrack/query.c, src/expect/query.c).
 */
#include <string.h>

#include "internal/handle.h"
#include "internal/parse.h"

/* The program's return value, as libnfnetlink wants it. */
static int cb_result(int ret)
{
	switch (ret) {
	case NFCT_CB_FAILURE:
		return NFNL_CB_FAILURE;
	case NFCT_CB_STOP:
		return NFNL_CB_STOP;
	case NFCT_CB_CONTINUE:
		return NFNL_CB_CONTINUE;
	default:
		/* Other values go to libnfnetlink as they are, as with the
		 * original: positive ones continue. */
		return ret;
	}
}

/* Called by libnfnetlink for every message of a registered type; data is
 * the slot. */
static int cb_dispatch(struct nlmsghdr *nlh, struct nfattr *nfa[], void *data)
{
	struct cb_slot *slot = data;
	const struct cb_kind *kind = slot->kind;
	unsigned int type = ctnl_msg_type(nlh, kind->msg_new, kind->msg_delete);
	void *obj;
	int ret;

	(void)nfa;
	if (!(type & slot->type))
		return NFNL_CB_CONTINUE;

	obj = slot->spare;
	slot->spare = NULL;
	if (obj == NULL && (obj = kind->alloc()) == NULL)
		return NFNL_CB_FAILURE;

	/* COMPAT: the original ends the process on a malformed message; we
	 * fail the query (or the catch) with the parser's errno. */
	if (kind->parse(nlh, obj) < 0) {
		int err = errno;

		kind->reset(obj);
		slot->spare = obj;
		errno = err;
		return NFNL_CB_FAILURE;
	}

	ret = kind->call(slot, nlh, type, obj);
	if (ret == NFCT_CB_STOLEN)
		return NFNL_CB_CONTINUE;	/* the program owns obj now */

	kind->reset(obj);
	slot->spare = obj;
	return cb_result(ret);
}

int cb_register(struct cb_slot *slot, struct nfnl_subsys_handle *ssh,
		const struct cb_kind *kind, unsigned int type, void *data)
{
	/* libnfnetlink keeps a copy of this. */
	struct nfnl_callback nfnl = {
		.call = cb_dispatch,
		.data = slot,
		.attr_count = kind->attr_count,
	};

	if (ssh == NULL)
		return fail(EINVAL, -1);
	slot->kind = kind;
	slot->type = type;
	slot->data = data;
	if (nfnl_callback_register(ssh, kind->msg_new, &nfnl) < 0 ||
	    nfnl_callback_register(ssh, kind->msg_delete, &nfnl) < 0)
		return -1;
	return 0;
}

void cb_unregister(struct cb_slot *slot, struct nfnl_subsys_handle *ssh)
{
	if (ssh != NULL && slot->kind != NULL) {
		nfnl_callback_unregister(ssh, slot->kind->msg_new);
		nfnl_callback_unregister(ssh, slot->kind->msg_delete);
	}
	slot->type = 0;
	slot->data = NULL;
	memset(&slot->fn, 0, sizeof(slot->fn));
}

void cb_slot_free(struct cb_slot *slot)
{
	if (slot->spare != NULL)
		slot->kind->destroy(slot->spare);
	slot->spare = NULL;
}
