/*
 * A tiny test harness shared by the test programs.
 *
 * Every test program runs against the library under test: ours by default,
 * the original when NFCT_TEST_LIB=reference (make check-reference). The
 * harness verifies at start-up that the library really loaded is the one
 * asked for, so a reference run can never silently test ours.
 *
 * Exit codes follow automake: 0 pass, 1 fail, 77 skip, 99 hard error.
 */
#ifndef NFCT_TEST_CHECK_H
#define NFCT_TEST_CHECK_H

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_SKIP	77
#define EXIT_HARD	99

extern int check_failures;
extern int check_count;

/* True when running against the original library. */
bool test_is_reference(void);

/* Skips the whole test (exit 77) when running against the original: for
 * tests of behaviour that only ours has. */
void test_ours_only(const char *why);

/* Prints the result line and returns the exit code for main(). */
int test_done(void);

void check_report(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define CHECK(cond) do { \
	check_count++; \
	if (!(cond)) \
		check_report(__FILE__, __LINE__, "CHECK(%s) failed", #cond); \
} while (0)

#define CHECK_MSG(cond, ...) do { \
	check_count++; \
	if (!(cond)) \
		check_report(__FILE__, __LINE__, __VA_ARGS__); \
} while (0)

#define CHECK_INT(expr, want) do { \
	long long check_got_ = (long long)(expr); \
	long long check_want_ = (long long)(want); \
	check_count++; \
	if (check_got_ != check_want_) \
		check_report(__FILE__, __LINE__, "%s = %lld, want %lld", \
			     #expr, check_got_, check_want_); \
} while (0)

#define CHECK_UINT(expr, want) do { \
	unsigned long long check_got_ = (unsigned long long)(expr); \
	unsigned long long check_want_ = (unsigned long long)(want); \
	check_count++; \
	if (check_got_ != check_want_) \
		check_report(__FILE__, __LINE__, "%s = %llu (0x%llx), want %llu (0x%llx)", \
			     #expr, check_got_, check_got_, check_want_, check_want_); \
} while (0)

#define CHECK_STR(expr, want) do { \
	const char *check_got_ = (expr); \
	const char *check_want_ = (want); \
	check_count++; \
	if (check_got_ == NULL || strcmp(check_got_, check_want_) != 0) \
		check_report(__FILE__, __LINE__, "%s = \"%s\", want \"%s\"", \
			     #expr, check_got_ ? check_got_ : "(null)", check_want_); \
} while (0)

#define CHECK_MEM(got, want, len) do { \
	check_count++; \
	if (memcmp((got), (want), (len)) != 0) \
		check_report(__FILE__, __LINE__, "%s differs from %s", #got, #want); \
} while (0)

/* Evaluates expr with errno cleared, then checks its result and errno. */
#define CHECK_ERRNO(expr, want, want_errno) do { \
	errno = 0; \
	long long check_got_ = (long long)(expr); \
	int check_errno_ = errno; \
	check_count++; \
	if (check_got_ != (long long)(want) || check_errno_ != (want_errno)) \
		check_report(__FILE__, __LINE__, "%s = %lld errno %d (%s), want %lld errno %d (%s)", \
			     #expr, check_got_, check_errno_, strerror(check_errno_), \
			     (long long)(want), (want_errno), strerror(want_errno)); \
} while (0)

#define CHECK_NULL_ERRNO(expr, want_errno) do { \
	errno = 0; \
	const void *check_got_ = (expr); \
	int check_errno_ = errno; \
	check_count++; \
	if (check_got_ != NULL || check_errno_ != (want_errno)) \
		check_report(__FILE__, __LINE__, "%s = %p errno %d, want NULL errno %d", \
			     #expr, check_got_, check_errno_, (want_errno)); \
} while (0)

#endif
