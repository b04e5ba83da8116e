/*
 * SCTP association states as the kernel reports them in ATTR_SCTP_STATE.
 */
#ifndef LIBNETFILTER_CONNTRACK_SCTP_H
#define LIBNETFILTER_CONNTRACK_SCTP_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * SCTP association states (ATTR_SCTP_STATE).
 * \ingroup nfct_protocols
 */
enum sctp_state {
	SCTP_CONNTRACK_NONE,	/**< no state yet */
	SCTP_CONNTRACK_CLOSED,	/**< association closed */
	SCTP_CONNTRACK_COOKIE_WAIT,	/**< INIT seen */
	SCTP_CONNTRACK_COOKIE_ECHOED,	/**< COOKIE ECHO seen */
	SCTP_CONNTRACK_ESTABLISHED,	/**< association established */
	SCTP_CONNTRACK_SHUTDOWN_SENT,	/**< SHUTDOWN seen */
	SCTP_CONNTRACK_SHUTDOWN_RECD,	/**< SHUTDOWN seen from the other side */
	SCTP_CONNTRACK_SHUTDOWN_ACK_SENT,	/**< SHUTDOWN ACK seen */
	SCTP_CONNTRACK_HEARTBEAT_SENT,	/**< HEARTBEAT seen (secondary path) */
	SCTP_CONNTRACK_HEARTBEAT_ACKED,	/**< HEARTBEAT ACK seen (kept for old programs) */
	SCTP_CONNTRACK_MAX	/**< number of states */
};

#ifdef __cplusplus
}
#endif

#endif
