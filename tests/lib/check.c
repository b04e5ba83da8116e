/*
 * Test harness: result accounting and the check of which library is loaded.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"

int check_failures;
int check_count;

static bool reference;

bool test_is_reference(void)
{
	return reference;
}

void test_ours_only(const char *why)
{
	if (reference) {
		printf("SKIP: %s (tests a behaviour of ours only)\n", why);
		exit(EXIT_SKIP);
	}
}

void check_report(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	check_failures++;
	fprintf(stderr, "%s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int test_done(void)
{
	printf("%d checks, %d failed (%s library)\n", check_count, check_failures,
	       reference ? "original" : "our");
	return check_failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* Runs before main(): finds which file nfct_new() came from and compares
 * it with what the environment asked for. */
__attribute__((constructor)) static void check_library(void)
{
	const char *want = getenv("NFCT_TEST_LIB");
	const char *ref_path = getenv("NFCT_REFERENCE_LIBRARY");
	Dl_info info;
	char real[4096], ref_real[4096];

	reference = want != NULL && strcmp(want, "reference") == 0;

	if (dladdr((void *)nfct_new, &info) == 0 || info.dli_fname == NULL) {
		fprintf(stderr, "cannot tell which library provides nfct_new()\n");
		exit(EXIT_HARD);
	}
	if (realpath(info.dli_fname, real) == NULL) {
		fprintf(stderr, "cannot resolve %s\n", info.dli_fname);
		exit(EXIT_HARD);
	}
	/* A test of internal functions has the library linked in: the
	 * original cannot stand in for it. */
	char self[4096];

	if (realpath("/proc/self/exe", self) != NULL && strcmp(self, real) == 0) {
		if (reference) {
			printf("SKIP: tests our internals (the library is linked in)\n");
			exit(EXIT_SKIP);
		}
		return;
	}
	if (reference) {
		if (ref_path == NULL || realpath(ref_path, ref_real) == NULL ||
		    strcmp(real, ref_real) != 0) {
			fprintf(stderr, "asked for the original library (%s) but loaded %s\n",
				ref_path ? ref_path : "unset", real);
			exit(EXIT_HARD);
		}
	} else {
		const char *ours = getenv("NFCT_OUR_LIBDIR");
		char ours_real[4096];

		if (ours != NULL && realpath(ours, ours_real) != NULL &&
		    strncmp(real, ours_real, strlen(ours_real)) != 0) {
			fprintf(stderr, "asked for our library (in %s) but loaded %s\n",
				ours_real, real);
			exit(EXIT_HARD);
		}
	}
}
