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

/* The integer of width bytes (1, 2, 4 or 8) at p, of which only avail
 * bytes belong to the value: the bytes past them read as zero. What the
 * typed getters of objects return. */
static inline uint64_t load_uint(const void *p, size_t width, size_t avail)
{
	union {
		uint8_t u8;
		uint16_t u16;
		uint32_t u32;
		uint64_t u64;
	} v = { .u64 = 0 };

	__builtin_memcpy(&v, p, width < avail ? width : avail);
	switch (width) {
	case 1: return v.u8;
	case 2: return v.u16;
	case 4: return v.u32;
	default: return v.u64;
	}
}

#endif
