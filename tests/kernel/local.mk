# Kernel tests: each runs in a private network namespace and skips (77)
# when it cannot create one.
kernel_tests = \
	kernel/test-query \
	kernel/test-dump \
	kernel/test-events

check_PROGRAMS += $(kernel_tests)
TESTS += $(kernel_tests)

kernel_test_query_SOURCES = kernel/test-query.c kernel/ctk.c kernel/ctk.h
kernel_test_dump_SOURCES = kernel/test-dump.c kernel/ctk.c kernel/ctk.h
kernel_test_events_SOURCES = kernel/test-events.c kernel/ctk.c kernel/ctk.h

# Expectations: masters with the ftp helper, create, get, dump, delete,
# flush, events.
check_PROGRAMS += kernel/test-expect
TESTS += kernel/test-expect
kernel_test_expect_SOURCES = kernel/test-expect.c kernel/ctk.c kernel/ctk.h
