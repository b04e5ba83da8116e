/*
 * Helpers shared by the unit tests of the conntrack object API.
 */
#ifndef NFCT_TEST_UNIT_H
#define NFCT_TEST_UNIT_H

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* The attributes both libraries have: ATTR_TIMESTAMP_EVENT (75) is ours
 * only, and the original's ATTR_MAX is 75. */
#define NATTR_BOTH	75

#endif
