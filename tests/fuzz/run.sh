#!/bin/sh
# run.sh SRCDIR BUILDDIR SECONDS [NAME...]: builds every fuzz target
# SRCDIR/tests/fuzz/fuzz-*.c (or the NAMEs given) with libFuzzer, ASan and
# UBSan against the library objects of BUILDDIR (a tree configured by
# tree.sh with CC=clang and -fsanitize=fuzzer-no-link), then runs each for
# SECONDS seconds, starting from its committed corpus
# SRCDIR/tests/fuzz/corpus/NAME/.
#
# New interesting inputs go to BUILDDIR/fuzz/corpus/NAME/, crashes to
# BUILDDIR/fuzz/artifacts/NAME/; commit a crash (renamed) into the corpus
# with the fix, so that make check replays it from then on.
#
# Exit status: 0 when no target found anything, 1 otherwise.
set -eu

src=$1
build=$2
seconds=$3
shift 3

cc=$(sed -n 's/^CC = //p' "$build/Makefile")
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cppflags="-DFUZZ_LIBFUZZER -I$build -I$src/include $(pkg-config --cflags libnfnetlink libmnl)"
libs="$build/src/.libs/libnfct-core.a $(pkg-config --libs libnfnetlink libmnl)"

make -C "$build/src" libnfct-core.la >/dev/null

if [ $# -eq 0 ]; then
	for f in "$src"/tests/fuzz/fuzz-*.c; do
		n=${f##*/fuzz-}
		set -- "$@" "${n%.c}"
	done
fi

mkdir -p "$build/fuzz"
failed=
for name in "$@"; do
	bin=$build/fuzz/fuzz-$name
	echo "== fuzz-$name: building"
	# shellcheck disable=SC2086
	$cc $flags $cppflags "$src/tests/fuzz/fuzz-$name.c" $libs -o "$bin"
	seeds=$src/tests/fuzz/corpus/$name
	work=$build/fuzz/corpus/$name
	art=$build/fuzz/artifacts/$name
	mkdir -p "$work" "$art" "$seeds"
	echo "== fuzz-$name: running for ${seconds}s"
	if (cd "$build/fuzz" && "$bin" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$art/" "$work" "$seeds" \
		>"$build/fuzz/fuzz-$name.log" 2>&1); then
		grep -E '^stat::number_of_executed_units|^Done' "$build/fuzz/fuzz-$name.log" | tr '\n' ' '
		echo
		echo "== fuzz-$name: no finding"
	else
		tail -n 60 "$build/fuzz/fuzz-$name.log"
		echo "== fuzz-$name: FOUND A PROBLEM (input in $art, log $build/fuzz/fuzz-$name.log)"
		failed="$failed $name"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz: findings in:$failed"
	exit 1
fi
echo "fuzz: every target ran ${seconds}s without a finding"
