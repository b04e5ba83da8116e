/*
 * The handle: a libnfnetlink handle with the conntrack and expectation
 * subsystems, and the callbacks registered on it.
 */
#ifndef NFCT_HANDLE_H
#define NFCT_HANDLE_H

#include <libnfnetlink/libnfnetlink.h>

#include "internal.h"

struct nf_expect;
struct cb_slot;

/*
 * One kind of object that callbacks receive: conntrack entries or
 * expectations. It tells the shared dispatcher (src/callback.c) how to
 * make, parse and recycle an object of the kind, and how to call the
 * program's function with it.
 */
struct cb_kind {
	void *(*alloc)(void);
	void (*reset)(void *obj);
	void (*destroy)(void *obj);
	/* Returns 0, or -1 with errno as the public parser does. */
	int (*parse)(const struct nlmsghdr *nlh, void *obj);
	/* Runs the program's function of slot->fn; NFCT_CB_CONTINUE when
	 * there is none. */
	int (*call)(const struct cb_slot *slot, const struct nlmsghdr *nlh,
		    unsigned int type, void *obj);
	uint16_t attr_count;	/* for libnfnetlink: CTA_MAX, CTA_EXPECT_MAX */
	uint8_t msg_new;	/* the two message types of the subsystem (they
				 * also tell what a message did: ctnl_msg_type()) */
	uint8_t msg_delete;
};

/* The program's functions, as it registered them; the member used is the
 * one of the slot's kind. With both set, cb is called. */
union cb_fn {
	struct {
		int (*cb)(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data);
		int (*cb2)(const struct nlmsghdr *nlh, enum nf_conntrack_msg_type type,
			   struct nf_conntrack *ct, void *data);
	} ct;
	struct {
		int (*cb)(enum nf_conntrack_msg_type type, struct nf_expect *exp, void *data);
		int (*cb2)(const struct nlmsghdr *nlh, enum nf_conntrack_msg_type type,
			   struct nf_expect *exp, void *data);
	} exp;
};

/* The callback of one kind on a handle. */
struct cb_slot {
	const struct cb_kind *kind;	/* set at the first registration */
	unsigned int type;		/* NFCT_T_* wanted */
	void *data;
	union cb_fn fn;
	/* An object kept between callbacks, so that a dump allocates
	 * nothing per entry unless the program steals the objects. */
	void *spare;
};

struct nfct_handle {
	struct nfnl_handle *nfnlh;
	struct nfnl_subsys_handle *ssh_ct;	/* NULL for an expectation-only handle */
	struct nfnl_subsys_handle *ssh_exp;	/* NULL for a conntrack-only handle */
	struct cb_slot ct;
	struct cb_slot exp;
};

/*
 * Makes libnfnetlink run the slot for the kind's two message types of the
 * subsystem ssh, and records the types wanted and the data; the program's
 * function is then stored in slot->fn by the caller. Returns 0, or -1
 * with errno: EINVAL when the handle lacks the subsystem (ssh is NULL),
 * else libnfnetlink's.
 */
int cb_register(struct cb_slot *slot, struct nfnl_subsys_handle *ssh,
		const struct cb_kind *kind, unsigned int type, void *data);

/* Forgets the program's functions and stops libnfnetlink calling the
 * slot; the spare object stays for a later registration. */
void cb_unregister(struct cb_slot *slot, struct nfnl_subsys_handle *ssh);

/* Frees the spare object of a slot. */
void cb_slot_free(struct cb_slot *slot);

/* The request buffer of nfct_query(), nfct_send(), nfexp_query() and
 * nfexp_send(), on their stack: 4 KiB, as the original's, far more than
 * any request needs. */
union query_buffer {
	struct nlmsghdr nlh;
	char bytes[4096];
};

/*
 * Builds the request for a conntrack query at the start of buf (size
 * bytes), as nfct_build_query() does but leaving the rest of buf alone.
 * Returns the request's length, or -1 with errno: EOPNOTSUPP for an
 * unknown query, EINVAL for bad data, ENOTSUP for a flush with a tuple
 * filter, EMSGSIZE when it does not fit.
 */
int ct_build_query(void *buf, size_t size, enum nf_conntrack_query query, const void *data);

/*
 * Receives and processes messages with the registered callbacks until a
 * callback stops or fails, or an error; what nfct_catch() and
 * nfexp_catch() do. Returns what libnfnetlink's processing returned, or -1
 * with errno (from the socket; EINVAL for a datagram that libnfnetlink
 * cannot parse safely).
 */
int handle_catch(struct nfct_handle *h);

/* Sends a request and processes the answers with the registered
 * callbacks, as nfct_query() does. */
int handle_query(struct nfct_handle *h, const struct nlmsghdr *nlh);

#endif
