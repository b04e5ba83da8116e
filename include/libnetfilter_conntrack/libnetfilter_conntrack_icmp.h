/*
 * Flag bits of the old (pre-attribute) ICMP API, kept for source
 * compatibility only.
 */
#ifndef LIBNETFILTER_CONNTRACK_ICMP_H
#define LIBNETFILTER_CONNTRACK_ICMP_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Obsolete flag bits of the old API; new programs use attributes.
 * \ingroup nfct_protocols
 */
enum icmp_flags {
	ICMP_TYPE_BIT = 0,	/**< bit number of ICMP_TYPE */
	ICMP_TYPE = (1 << ICMP_TYPE_BIT),	/**< old flag: type */

	ICMP_CODE_BIT = 1,	/**< bit number of ICMP_CODE */
	ICMP_CODE = (1 << ICMP_CODE_BIT),	/**< old flag: code */

	ICMP_ID_BIT = 2,	/**< bit number of ICMP_ID */
	ICMP_ID = (1 << ICMP_ID_BIT)	/**< old flag: identifier */
};

#ifdef __cplusplus
}
#endif

#endif
