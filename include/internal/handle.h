/*
 * The handle: a libnfnetlink handle with the conntrack and expectation
 * subsystems, and the callbacks registered on it.
 */
#ifndef NFCT_HANDLE_H
#define NFCT_HANDLE_H

#include <libnfnetlink/libnfnetlink.h>

#include "internal.h"

struct nf_expect;

/* Callbacks of one subsystem, as the program registered them. */
struct ct_callbacks {
	unsigned int type;	/* NFCT_T_* wanted */
	void *data;
	int (*cb)(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data);
	int (*cb2)(const struct nlmsghdr *nlh, enum nf_conntrack_msg_type type,
		   struct nf_conntrack *ct, void *data);
};

struct exp_callbacks {
	unsigned int type;
	void *data;
	int (*cb)(enum nf_conntrack_msg_type type, struct nf_expect *exp, void *data);
	int (*cb2)(const struct nlmsghdr *nlh, enum nf_conntrack_msg_type type,
		   struct nf_expect *exp, void *data);
};

struct nfct_handle {
	struct nfnl_handle *nfnlh;
	struct nfnl_subsys_handle *ssh_ct;	/* NULL for an expectation-only handle */
	struct nfnl_subsys_handle *ssh_exp;	/* NULL for a conntrack-only handle */

	struct ct_callbacks ct_cb;
	struct exp_callbacks exp_cb;
	/* What libnfnetlink calls; data points back to this handle. */
	struct nfnl_callback nfnl_ct;
	struct nfnl_callback nfnl_exp;

	/* An object kept between callbacks, so a dump allocates nothing per
	 * entry unless the program steals the objects. */
	struct nf_conntrack *spare_ct;
	struct nf_expect *spare_exp;
};

/*
 * Builds the request for a conntrack query into buf (size bytes), as
 * nfct_build_query() does. Returns 0, or -1 with errno: EOPNOTSUPP for an
 * unknown query, EINVAL for bad data, ENOTSUP for a flush with a tuple
 * filter, EMSGSIZE when it does not fit.
 */
int ct_build_query(void *buf, size_t size, enum nf_conntrack_query query, const void *data);

/* Sends a request and processes the answers with the registered
 * callbacks, as nfct_query() does. */
int handle_query(struct nfct_handle *h, const struct nlmsghdr *nlh);

/* Frees the objects a handle keeps between callbacks. */
void ct_spare_free(struct nfct_handle *h);

#endif
