/*
 * Flag bits of the old (pre-attribute) ICMP API, kept for source
 * compatibility only.
 */
#ifndef LIBNETFILTER_CONNTRACK_ICMP_H
#define LIBNETFILTER_CONNTRACK_ICMP_H

#ifdef __cplusplus
extern "C" {
#endif

/** Obsolete flag bits of the old API; new programs use attributes. */
enum icmp_flags {
	ICMP_TYPE_BIT = 0,
	ICMP_TYPE = (1 << ICMP_TYPE_BIT),

	ICMP_CODE_BIT = 1,
	ICMP_CODE = (1 << ICMP_CODE_BIT),

	ICMP_ID_BIT = 2,
	ICMP_ID = (1 << ICMP_ID_BIT)
};

#ifdef __cplusplus
}
#endif

#endif
