# Differential tests: one driver, run on our library and on the original,
# whose traces must be identical.
#
# ct-object-driver walks the conntrack object API (attributes, groups,
# options, comparisons, copies, clones, bitmasks) and prints every
# observable result; object-diff.sh runs it on both libraries and diffs.
check_PROGRAMS += diff/ct-object-driver
TESTS += diff/object-diff.sh
EXTRA_DIST += diff/object-diff.sh
