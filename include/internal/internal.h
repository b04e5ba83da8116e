/*
 * Definitions shared by every source file of the library.
 */
#ifndef NFCT_INTERNAL_H
#define NFCT_INTERNAL_H

#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

/* Marks a function as part of the exported interface. Everything else is
 * hidden (-fvisibility=hidden), and the version script in src/ lists the
 * same names, so the two together give exactly the 105 public symbols. */
#define NFCT_EXPORT __attribute__((visibility("default")))

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Sets errno and yields the given return value, for one-line error exits:
 * "return fail(EINVAL, -1);". */
static inline int fail(int err, int ret)
{
	errno = err;
	return ret;
}

static inline void *fail_ptr(int err)
{
	errno = err;
	return NULL;
}

#endif
