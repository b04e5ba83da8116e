/*
 * DCCP connection states and roles as the kernel reports them in
 * ATTR_DCCP_STATE and ATTR_DCCP_ROLE.
 */
#ifndef LIBNETFILTER_CONNTRACK_DCCP_H
#define LIBNETFILTER_CONNTRACK_DCCP_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * DCCP connection states (ATTR_DCCP_STATE).
 * \ingroup nfct_protocols
 */
enum dccp_state {
	DCCP_CONNTRACK_NONE,	/**< no state yet */
	DCCP_CONNTRACK_REQUEST,	/**< Request seen */
	DCCP_CONNTRACK_RESPOND,	/**< Response seen */
	DCCP_CONNTRACK_PARTOPEN,	/**< Ack to the Response seen */
	DCCP_CONNTRACK_OPEN,	/**< connection open */
	DCCP_CONNTRACK_CLOSEREQ,	/**< CloseReq seen */
	DCCP_CONNTRACK_CLOSING,	/**< Close seen */
	DCCP_CONNTRACK_TIMEWAIT,	/**< closed, waiting for late packets */
	DCCP_CONNTRACK_IGNORE,	/**< packet ignored by the tracker */
	DCCP_CONNTRACK_INVALID,	/**< invalid packet */
	DCCP_CONNTRACK_MAX	/**< number of states */
};

/**
 * DCCP roles (ATTR_DCCP_ROLE).
 * \ingroup nfct_protocols
 */
enum dccp_roles {
	DCCP_CONNTRACK_ROLE_CLIENT,	/**< the endpoint that opened the connection */
	DCCP_CONNTRACK_ROLE_SERVER,	/**< the endpoint that accepted it */
	__DCCP_CONNTRACK_ROLE_MAX	/**< number of roles */
};
/** Highest valid DCCP role. \ingroup nfct_protocols */
#define DCCP_ROLE_MAX		(__DCCP_CONNTRACK_ROLE_MAX - 1)

#ifdef __cplusplus
}
#endif

#endif
