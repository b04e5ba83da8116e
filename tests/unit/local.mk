# Unit tests: the object API, no kernel needed. Each runs on both libraries
# (make check, make check-reference) unless it says otherwise.
unit_tests = \
	unit/test-attr \
	unit/test-bitmask \
	unit/test-group \
	unit/test-objopt \
	unit/test-copy \
	unit/test-cmp \
	unit/test-clone \
	unit/test-ours-only \
	unit/test-attr-table \
	unit/test-build-buffer

check_PROGRAMS += $(unit_tests)
TESTS += $(unit_tests)
EXTRA_DIST += unit/unit.h

# Ours only: walks the internal attribute table, so it links the library's
# objects directly (and skips on the original).
unit_test_attr_table_LDADD = $(nfct_internal_ldadd)

# Expectations: the object API (both libraries), and what only ours does
# (NULL arguments, malformed messages; skips on the original).
check_PROGRAMS += unit/test-expect unit/test-expect-ours
TESTS += unit/test-expect unit/test-expect-ours

# Bad input from the API side: NULL objects, ids out of range, oversize
# strings, empty labels, size-0 buffers (each case in a child process; the
# cases where the original crashes run on ours only).
check_PROGRAMS += unit/test-badinput
TESTS += unit/test-badinput
