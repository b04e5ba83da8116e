/*
 * Helpers for tests that talk to the kernel: each runs in a private
 * network namespace, so it starts from an empty conntrack table and never
 * touches the host's.
 */
#ifndef NFCT_TEST_KERNEL_H
#define NFCT_TEST_KERNEL_H

/* Moves the process into a new network namespace with loopback up and
 * conntrack accounting and timestamps on. Exits 77 (skip) when not root or
 * when namespaces are not allowed. */
void test_enter_netns(void);

/* Writes a sysctl under /proc/sys (path relative to it, dots or slashes).
 * Returns 0 or -1. */
int test_sysctl(const char *name, const char *value);

/* Runs a shell command; returns its exit status, or -1. */
int test_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
