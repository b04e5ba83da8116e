/*
 * TCP states as the kernel reports them in ATTR_TCP_STATE, and the flag
 * bits of the old (pre-attribute) API, kept for source compatibility.
 */
#ifndef LIBNETFILTER_CONNTRACK_TCP_H
#define LIBNETFILTER_CONNTRACK_TCP_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * TCP connection states (ATTR_TCP_STATE).
 * \ingroup nfct_protocols
 */
enum tcp_state {
	TCP_CONNTRACK_NONE,	/**< no state yet */
	TCP_CONNTRACK_SYN_SENT,	/**< SYN seen in the original direction */
	TCP_CONNTRACK_SYN_RECV,	/**< SYN-ACK seen in the reply direction */
	TCP_CONNTRACK_ESTABLISHED,	/**< handshake completed */
	TCP_CONNTRACK_FIN_WAIT,	/**< FIN seen */
	TCP_CONNTRACK_CLOSE_WAIT,	/**< FIN acknowledged, the other side still open */
	TCP_CONNTRACK_LAST_ACK,	/**< FIN seen in both directions, last ACK awaited */
	TCP_CONNTRACK_TIME_WAIT,	/**< closed, waiting for late packets */
	TCP_CONNTRACK_CLOSE,	/**< closed (or reset) */
	TCP_CONNTRACK_LISTEN,	/**< simultaneous open (SYN_SENT2 in the kernel) */
/** The kernel's name of TCP_CONNTRACK_LISTEN. \ingroup nfct_protocols */
#define TCP_CONNTRACK_SYN_SENT2	TCP_CONNTRACK_LISTEN
	TCP_CONNTRACK_MAX,	/**< number of states */
	TCP_CONNTRACK_IGNORE	/**< packet ignored by the tracker */
};

/**
 * Obsolete flag bits of the old API; new programs use attributes.
 * \ingroup nfct_protocols
 */
enum tcp_flags {
	TCP_ORIG_SPORT_BIT = 0,	/**< bit number of TCP_ORIG_SPORT */
	TCP_ORIG_SPORT = (1 << TCP_ORIG_SPORT_BIT),	/**< old flag: original source port */

	TCP_ORIG_DPORT_BIT = 1,	/**< bit number of TCP_ORIG_DPORT */
	TCP_ORIG_DPORT = (1 << TCP_ORIG_DPORT_BIT),	/**< old flag: original destination port */

	TCP_REPL_SPORT_BIT = 2,	/**< bit number of TCP_REPL_SPORT */
	TCP_REPL_SPORT = (1 << TCP_REPL_SPORT_BIT),	/**< old flag: reply source port */

	TCP_REPL_DPORT_BIT = 3,	/**< bit number of TCP_REPL_DPORT */
	TCP_REPL_DPORT = (1 << TCP_REPL_DPORT_BIT),	/**< old flag: reply destination port */

	TCP_MASK_SPORT_BIT = 4,	/**< bit number of TCP_MASK_SPORT */
	TCP_MASK_SPORT = (1 << TCP_MASK_SPORT_BIT),	/**< old flag: mask source port */

	TCP_MASK_DPORT_BIT = 5,	/**< bit number of TCP_MASK_DPORT */
	TCP_MASK_DPORT = (1 << TCP_MASK_DPORT_BIT),	/**< old flag: mask destination port */

	TCP_STATE_BIT = 6,	/**< bit number of TCP_STATE */
	TCP_STATE = (1 << TCP_STATE_BIT),	/**< old flag: state */

	TCP_EXPTUPLE_SPORT_BIT = 7,	/**< bit number of TCP_EXPTUPLE_SPORT */
	TCP_EXPTUPLE_SPORT = (1 << TCP_EXPTUPLE_SPORT_BIT),	/**< old flag: expected tuple source port */

	TCP_EXPTUPLE_DPORT_BIT = 8,	/**< bit number of TCP_EXPTUPLE_DPORT */
	TCP_EXPTUPLE_DPORT = (1 << TCP_EXPTUPLE_DPORT_BIT)	/**< old flag: expected tuple destination port */
};

#ifdef __cplusplus
}
#endif

#endif
