#!/bin/sh
# Runs the output generator on our library and on the original one and
# compares the digests, which must be identical. On a difference, dumps the
# first differing object from both libraries and shows the diff.
#
# Environment (set by tests/Makefile.am): NFCT_REFERENCE_LIBRARY, the
# original libnetfilter_conntrack.so.3; top_builddir. Exit 77 (skip) when
# the original is not installed.
#   NFCT_OUTPUT_PARSE=on|off   objects from parsed messages (default: on
#                              when our library parses them)
#   NFCT_OUTPUT_OBJECTS=N      how many objects (default 4000)
#   NFCT_OUTPUT_ARGS=...       more generator arguments (--seed=, --multi-state,
#                              --labelmaps=N)

builddir=${top_builddir:-.}/tests
gen=$builddir/output/output-gen
ref=${NFCT_REFERENCE_LIBRARY:-}
objects=${NFCT_OUTPUT_OBJECTS:-4000}

if test -z "$ref" || test ! -e "$ref"; then
	echo "SKIP: the original library is not installed (NFCT_REFERENCE_LIBRARY='$ref')"
	exit 77
fi
if test ! -x "$gen"; then
	echo "ERROR: $gen is not built"
	exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/output-diff.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

# make check-reference preloads the original: each run below sets its
# library explicitly, and the test harness checks which one it got.
ours() { (unset LD_PRELOAD; NFCT_TEST_LIB=ours "$gen" "$@"); }
orig() { (LD_PRELOAD=$ref NFCT_TEST_LIB=reference "$gen" "$@"); }

parse=${NFCT_OUTPUT_PARSE:-}
if test -z "$parse"; then
	parse=$(ours --parse=probe | sed -n 's/^parse //p')
	test -n "$parse" || { echo "ERROR: the generator cannot probe the parser"; exit 99; }
fi
if test "$parse" = off; then
	echo "NOTE: our library does not parse messages yet: objects from messages" \
	     "(counters, use, secctx, timestamps with values) are left out"
fi

# compare ARGS...: one run of the generator on each library with the same
# arguments; 0 when the digests are identical.
compare() {
	ours "$@" >"$tmp/ours" 2>"$tmp/ours.err"
	ours_rc=$?
	orig "$@" >"$tmp/ref" 2>"$tmp/ref.err"
	ref_rc=$?

	if test $ref_rc -ne 0; then
		echo "FAIL: the generator failed on the original library (exit $ref_rc)"
		cat "$tmp/ref.err"
		exit 99
	fi
	if test $ours_rc -ne 0; then
		echo "FAIL: the generator failed on our library (exit $ours_rc)"
		cat "$tmp/ours.err"
		exit 1
	fi

	if cmp -s "$tmp/ours" "$tmp/ref"; then
		echo "PASS: identical output ($*)"
		return 0
	fi

	bad=$(diff "$tmp/ref" "$tmp/ours" | sed -n 's/^< obj \([0-9]*\) .*/\1/p' | head -n 1)
	count=$(diff "$tmp/ref" "$tmp/ours" | grep -c '^< obj ')
	echo "FAIL: $count objects print differently ($*); first: object $bad"
	badmap=$(diff "$tmp/ref" "$tmp/ours" | sed -n 's/^< map \([0-9]*\) .*/\1/p' | head -n 1)
	if test -n "$badmap"; then
		count=$(diff "$tmp/ref" "$tmp/ours" | grep -c '^< map ')
		echo "FAIL: $count label map files load differently; first: file $badmap"
		ours "$@" --dump-map="$badmap" | sed -n '/^0000000/,$p' >"$tmp/ours.dump" 2>&1
		orig "$@" --dump-map="$badmap" | sed -n '/^0000000/,$p' >"$tmp/ref.dump" 2>&1
		echo "differences for file $badmap (- original, + ours):"
		diff -u "$tmp/ref.dump" "$tmp/ours.dump" | sed -n '3,80p'
	fi
	if test -n "$bad"; then
		ours "$@" --dump="$bad" >"$tmp/ours.dump" 2>&1
		orig "$@" --dump="$bad" >"$tmp/ref.dump" 2>&1
		echo "differences for object $bad (- original, + ours):"
		diff -u "$tmp/ref.dump" "$tmp/ours.dump" | sed -n '3,80p'
	fi
	if test -n "${NFCT_DIFF_KEEP:-}"; then
		cp "$tmp/ref" "$NFCT_DIFF_KEEP.ref" && cp "$tmp/ours" "$NFCT_DIFF_KEEP.ours" &&
			echo "digests kept in $NFCT_DIFF_KEEP.ref and $NFCT_DIFF_KEEP.ours"
	fi
	return 1
}

# The main run (the fixed default seed), then a shorter one with another
# seed in which two protocol states may differ (the original stores one).
rc=0
# shellcheck disable=SC2086
compare --objects="$objects" --parse="$parse" ${NFCT_OUTPUT_ARGS:-} || rc=1
if test -z "${NFCT_OUTPUT_ARGS:-}"; then
	compare --objects=$((objects / 2)) --parse="$parse" --seed=2 --multi-state || rc=1
fi
exit $rc
