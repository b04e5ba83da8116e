/*
 * Flag bits of the old (pre-attribute) UDP API, kept for source
 * compatibility only.
 */
#ifndef LIBNETFILTER_CONNTRACK_UDP_H
#define LIBNETFILTER_CONNTRACK_UDP_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Obsolete flag bits of the old API; new programs use attributes.
 * \ingroup nfct_protocols
 */
enum udp_flags {
	UDP_ORIG_SPORT_BIT = 0,	/**< bit number of UDP_ORIG_SPORT */
	UDP_ORIG_SPORT = (1 << UDP_ORIG_SPORT_BIT),	/**< old flag: original source port */

	UDP_ORIG_DPORT_BIT = 1,	/**< bit number of UDP_ORIG_DPORT */
	UDP_ORIG_DPORT = (1 << UDP_ORIG_DPORT_BIT),	/**< old flag: original destination port */

	UDP_REPL_SPORT_BIT = 2,	/**< bit number of UDP_REPL_SPORT */
	UDP_REPL_SPORT = (1 << UDP_REPL_SPORT_BIT),	/**< old flag: reply source port */

	UDP_REPL_DPORT_BIT = 3,	/**< bit number of UDP_REPL_DPORT */
	UDP_REPL_DPORT = (1 << UDP_REPL_DPORT_BIT),	/**< old flag: reply destination port */

	UDP_MASK_SPORT_BIT = 4,	/**< bit number of UDP_MASK_SPORT */
	UDP_MASK_SPORT = (1 << UDP_MASK_SPORT_BIT),	/**< old flag: mask source port */

	UDP_MASK_DPORT_BIT = 5,	/**< bit number of UDP_MASK_DPORT */
	UDP_MASK_DPORT = (1 << UDP_MASK_DPORT_BIT),	/**< old flag: mask destination port */

	UDP_EXPTUPLE_SPORT_BIT = 6,	/**< bit number of UDP_EXPTUPLE_SPORT */
	UDP_EXPTUPLE_SPORT = (1 << UDP_EXPTUPLE_SPORT_BIT),	/**< old flag: expected tuple source port */

	UDP_EXPTUPLE_DPORT_BIT = 7,	/**< bit number of UDP_EXPTUPLE_DPORT */
	UDP_EXPTUPLE_DPORT = (1 << UDP_EXPTUPLE_DPORT_BIT)	/**< old flag: expected tuple destination port */
};

#ifdef __cplusplus
}
#endif

#endif
