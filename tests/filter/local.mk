# Filter tests: event filters (BPF on the event socket) and dump/flush
# filters. The kernel ones enter a private network namespace and skip
# (77) when not root.
filter_tests = \
	filter/test-filter-api \
	filter/test-filter-bpf \
	filter/test-filter-events \
	filter/test-filter-dump

check_PROGRAMS += $(filter_tests)
TESTS += $(filter_tests)
EXTRA_DIST += filter/nl.h
