#!/bin/sh
# Runs the conntrack object driver on our library and on the original one
# and compares the traces, which must be identical.
#
# Environment (set by tests/Makefile.am): NFCT_REFERENCE_LIBRARY, the
# original libnetfilter_conntrack.so.3; top_builddir. Exit 77 (skip) when
# the original is not installed.
#
# Usage: object-diff.sh [steps per seed]

steps=${1:-20000}
builddir=${top_builddir:-.}/tests
driver=$builddir/diff/ct-object-driver
ref=${NFCT_REFERENCE_LIBRARY:-}

if test -z "$ref" || test ! -e "$ref"; then
	echo "SKIP: the original library is not installed (NFCT_REFERENCE_LIBRARY='$ref')"
	exit 77
fi
if test ! -x "$driver"; then
	echo "ERROR: $driver is not built"
	exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/object-diff.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

# The driver's test harness checks which library it really loaded, so a
# mistake here cannot compare a library with itself.
(unset LD_PRELOAD; NFCT_TEST_LIB=ours "$driver" "$steps") >"$tmp/ours" 2>"$tmp/ours.err"
ours_rc=$?
(LD_PRELOAD=$ref NFCT_TEST_LIB=reference "$driver" "$steps") >"$tmp/ref" 2>"$tmp/ref.err"
ref_rc=$?

if test $ref_rc -ne 0; then
	echo "FAIL: the driver failed on the original library (exit $ref_rc)"
	cat "$tmp/ref.err"
	exit 99
fi
if test $ours_rc -ne 0; then
	echo "FAIL: the driver failed on our library (exit $ours_rc)"
	cat "$tmp/ours.err"
	exit 1
fi

lines=$(wc -l <"$tmp/ref")
if cmp -s "$tmp/ours" "$tmp/ref"; then
	echo "PASS: identical traces ($lines lines)"
	exit 0
fi

echo "FAIL: the traces differ (- original, + ours); first differences:"
diff -u "$tmp/ref" "$tmp/ours" | sed -n '3,60p'
if test -n "${NFCT_DIFF_KEEP:-}"; then
	cp "$tmp/ref" "$NFCT_DIFF_KEEP.ref" && cp "$tmp/ours" "$NFCT_DIFF_KEEP.ours" &&
		echo "traces kept in $NFCT_DIFF_KEEP.ref and $NFCT_DIFF_KEEP.ours"
fi
exit 1
