# Unit tests: the object API, no kernel needed.
unit_tests = \
	unit/test-attr \
	unit/test-bitmask

check_PROGRAMS += $(unit_tests)
TESTS += $(unit_tests)
