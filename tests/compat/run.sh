#!/bin/bash
# The drop-in proof: runs real programs (conntrack, conntrackd, iptstate,
# ulogd) on the original libnetfilter_conntrack and on ours, each run in
# private namespaces of its own, and compares their normalised results.
# See README in this directory.
#
# usage: run.sh [options] [PATTERN...]
#   PATTERN        scenario names or shell patterns (ct-*) or group names;
#                  default: every scenario
#   --ours DIR     directory holding our libnetfilter_conntrack.so.3
#                  (default: $NFCT_OUR_LIBDIR, else ../../src/.libs of the
#                  build tree, else of the source tree)
#   --self-test    use the original library on both sides (checks that the
#                  harness is deterministic)
#   --repeat N     run each side N times; all runs must agree (default 1)
#   --jobs N       run N scenarios at once (default 1)
#   --keep DIR     keep raw and normalised outputs in DIR
#   --timeout S    time limit of one run (default 120)
#   --list         list the scenarios and exit
#   -v             show the normalised output of passing scenarios too
# Exit status: 0 all passed, 1 some failed, 77 cannot run here (not root,
# no namespaces), 99 harness error.
set -u

here=$(cd "$(dirname "$0")" && pwd)
ours_dir=${NFCT_OUR_LIBDIR:-}
self_test=0
repeat=1
jobs=1
keep=
verbose=0
list=0
run_timeout=120
patterns=()

while [ $# -gt 0 ]; do
	case $1 in
	--ours) ours_dir=$2; shift;;
	--ours=*) ours_dir=${1#*=};;
	--self-test) self_test=1;;
	--repeat) repeat=$2; shift;;
	--repeat=*) repeat=${1#*=};;
	--jobs|-j) jobs=$2; shift;;
	--jobs=*) jobs=${1#*=};;
	--keep) keep=$2; shift;;
	--keep=*) keep=${1#*=};;
	--timeout) run_timeout=$2; shift;;
	--list) list=1;;
	-v) verbose=1;;
	-h|--help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0;;
	-*) echo "run.sh: unknown option $1" >&2; exit 99;;
	*) patterns+=("$1");;
	esac
	shift
done

# ---- the scenarios -------------------------------------------------------

names=() groups=() descs=()
current_group=
scenario() { names+=("$1"); groups+=("$current_group"); descs+=("$2"); }
for f in "$here"/groups/*.sh; do
	current_group=$(basename "$f" .sh)
	. "$f"
done

selected=()
for i in "${!names[@]}"; do
	if [ ${#patterns[@]} = 0 ]; then selected+=("$i"); continue; fi
	for p in "${patterns[@]}"; do
		# shellcheck disable=SC2053
		if [[ ${names[$i]} == $p ]] || [ "${groups[$i]}" = "$p" ]; then
			selected+=("$i"); break
		fi
	done
done

if [ $list = 1 ]; then
	for i in "${selected[@]}"; do
		printf '%-28s %-12s %s\n' "${names[$i]}" "${groups[$i]}" "${descs[$i]}"
	done
	exit 0
fi
if [ ${#selected[@]} = 0 ]; then
	echo "run.sh: no scenario matches ${patterns[*]}" >&2
	exit 99
fi

# ---- can we run here? -----------------------------------------------------

skip() { echo "SKIP: $*"; echo "0 passed, 0 failed, ${#selected[@]} skipped"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (network and mount namespaces)"
unshare -n -m true 2>/dev/null || skip "cannot create namespaces (unshare -n -m)"
for p in conntrack conntrackd iptstate ulogd nft ip nsenter unshare timeout perl script; do
	command -v $p >/dev/null || skip "$p is not installed (see README)"
done
[ -x /usr/bin/python3 ] || skip "/usr/bin/python3 is not installed"

# ---- the two libraries ----------------------------------------------------

orig_lib=${NFCT_REFERENCE_LIBRARY:-}
if [ -z "$orig_lib" ] || [ ! -e "$orig_lib" ]; then
	orig_lib=$(/sbin/ldconfig -p 2>/dev/null |
		sed -n 's/^[[:space:]]*libnetfilter_conntrack\.so\.3 (.*) => //p' | head -n 1)
fi
[ -n "$orig_lib" ] && [ -e "$orig_lib" ] ||
	skip "the original libnetfilter_conntrack.so.3 is not installed"
orig_lib=$(readlink -f "$orig_lib")

work=$(mktemp -d "${TMPDIR:-/tmp}/nfct-compat.XXXXXX") || exit 99
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

# The original gets a directory of its own too, so both sides are loaded
# the same way (LD_LIBRARY_PATH).
mkdir "$work/lib-orig"
ln -s "$orig_lib" "$work/lib-orig/libnetfilter_conntrack.so.3"
orig_dir=$work/lib-orig

# make check-reference runs the tests with the original preloaded: there
# "ours" is the original.
if [ "${NFCT_TEST_LIB:-}" = reference ]; then
	self_test=1
fi
if [ $self_test = 1 ]; then
	mkdir "$work/lib-self"
	ln -s "$orig_lib" "$work/lib-self/libnetfilter_conntrack.so.3"
	ours_dir=$work/lib-self
	ours_label="original (self-test)"
else
	if [ -z "$ours_dir" ]; then
		for d in "${top_builddir:-}/src/.libs" "$here/../../src/.libs"; do
			[ -e "$d/libnetfilter_conntrack.so.3" ] && { ours_dir=$d; break; }
		done
	fi
	if [ -z "$ours_dir" ] || [ ! -e "$ours_dir/libnetfilter_conntrack.so.3" ]; then
		echo "run.sh: our library is not built: no libnetfilter_conntrack.so.3 in ${ours_dir:-src/.libs}" >&2
		echo "        (build it, or give --ours DIR, or --self-test)" >&2
		exit 99
	fi
	ours_dir=$(cd "$ours_dir" && pwd)
	ours_label=$(readlink -f "$ours_dir/libnetfilter_conntrack.so.3")
fi

echo "original: $orig_lib"
echo "ours:     $ours_label"
echo "runs:     ${#selected[@]} scenarios x 2 sides x $repeat"

# ---- running --------------------------------------------------------------

# end_namespace MNTNS: ends every process in that mount namespace (all
# started by one run).
end_namespace() {
	local p pids round
	for round in TERM KILL; do
		pids=
		for p in /proc/[0-9]*; do
			[ "$(readlink "$p/ns/mnt" 2>/dev/null)" = "$1" ] && pids="$pids ${p#/proc/}"
		done
		[ -n "$pids" ] || return 0
		kill -s $round $pids 2>/dev/null
		sleep 0.5
	done
}

# one_run SCENARIO SIDE N: one run in fresh namespaces; leaves
# $work/SCENARIO/SIDE.N/{raw,norm,libcheck,status}.
one_run() {
	local name=$1 side=$2 n=$3 dir lib rc
	dir=$work/$name/$side.$n
	mkdir -p "$dir"
	[ "$side" = orig ] && lib=$orig_dir || lib=$ours_dir
	local t0=$EPOCHREALTIME
	timeout -k 5 "$run_timeout" unshare -n -m --propagation private \
		bash "$here/runner.sh" "$here" "$lib" "$side" "$dir" "$name" \
		>"$dir/runner.out" 2>&1 </dev/null
	rc=$?
	echo "$rc" >"$dir/status"
	# a runner stopped by the time limit may leave processes behind in its
	# namespaces: end them (the runner wrote its mount namespace's id)
	if [ "$rc" != 0 ] && [ -s "$dir/mntns" ]; then
		end_namespace "$(cat "$dir/mntns")"
	fi
	awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f\n", b - a }' >"$dir/seconds"
	perl "$here/normalize.pl" "$dir" <"$dir/raw" >"$dir/norm" 2>/dev/null
	if [ -s "$dir/raw.err" ]; then
		{ echo '## stderr of the scenario script:'; cat "$dir/raw.err"; } >>"$dir/norm"
	fi
}

# check SCENARIO: compares the runs; prints the verdict; returns 0 on pass.
check() {
	local name=$1 dir=$work/$1 n verdict=PASS why= f
	for n in $(seq 1 "$repeat"); do
		for side in orig ours; do
			f=$dir/$side.$n
			if [ "$(cat "$f/status")" != 0 ]; then
				verdict=FAIL
				why="$why; $side run $n: harness status $(cat "$f/status") ($(tail -n 1 "$f/runner.out"))"
			fi
			if ! grep -q '^ok ' "$f/libcheck" 2>/dev/null; then
				verdict=FAIL; why="$why; $side run $n: no program loaded libnetfilter_conntrack"
			fi
			if grep -q '^WRONG' "$f/libcheck" 2>/dev/null; then
				verdict=FAIL; why="$why; $side run $n: $(grep -m1 '^WRONG' "$f/libcheck")"
			fi
		done
	done
	# the scenario itself must work on the original
	if grep -q '^## (\|^## setup failed\|^## traffic failed\|^## stderr of the scenario' "$dir/orig.1/norm"; then
		verdict=FAIL; why="$why; BROKEN: the scenario misbehaves on the original (see ## lines)"
	fi
	for n in $(seq 2 "$repeat"); do
		if ! cmp -s "$dir/orig.1/norm" "$dir/orig.$n/norm"; then
			verdict=FAIL; why="$why; UNSTABLE: original run $n differs from run 1"
		fi
	done
	for n in $(seq 1 "$repeat"); do
		if ! cmp -s "$dir/orig.1/norm" "$dir/ours.$n/norm"; then
			verdict=FAIL; why="$why; ours (run $n) differs from the original"
		fi
	done
	{
		local secs
		secs=$(cat "$dir"/*/seconds | awk '{ s += $1 } END { printf "%.1f", s }')
		if [ $verdict = PASS ]; then
			echo "PASS $name ($secs s)"
			[ $verbose = 1 ] && sed 's/^/    /' "$dir/orig.1/norm"
		else
			echo "FAIL $name${why:+ (${why#; })}"
			case $why in *BROKEN*)
				grep '^## (\|^## setup failed\|^## traffic failed' "$dir/orig.1/norm" | sed 's/^/    /'
				sed -n '/^## stderr of the scenario/,$p' "$dir/orig.1/norm" | sed 's/^/    /';;
			esac
			for n in $(seq 2 "$repeat"); do
				cmp -s "$dir/orig.1/norm" "$dir/orig.$n/norm" ||
					diff -u --label "original run 1" --label "original run $n" \
						"$dir/orig.1/norm" "$dir/orig.$n/norm" | sed 's/^/    /'
			done
			for n in $(seq 1 "$repeat"); do
				if ! cmp -s "$dir/orig.1/norm" "$dir/ours.$n/norm"; then
					diff -u --label original --label "ours (run $n)" \
						"$dir/orig.1/norm" "$dir/ours.$n/norm" | sed 's/^/    /'
					break
				fi
			done
		fi
	} >"$dir/verdict.tmp"
	mv "$dir/verdict.tmp" "$dir/verdict"
	[ $verdict = PASS ]
}

# run_scenario SCENARIO: all its runs, then the verdict.
run_scenario() {
	local name=$1 n
	for n in $(seq 1 "$repeat"); do
		one_run "$name" orig "$n"
		one_run "$name" ours "$n"
	done
	check "$name"
}

start=$(date +%s)
pass=0 fail=0 failed=()
running=0 shown=0

# show_done: prints the verdicts of the scenarios finished so far, in the
# order they were started.
show_done() {
	while [ $shown -lt ${#started[@]} ] && [ -e "$work/${started[$shown]}/verdict" ]; do
		cat "$work/${started[$shown]}/verdict"
		shown=$((shown + 1))
	done
}

started=()
for i in "${selected[@]}"; do
	name=${names[$i]}
	started+=("$name")
	if [ "$jobs" -gt 1 ]; then
		run_scenario "$name" >/dev/null &
		running=$((running + 1))
		if [ $running -ge "$jobs" ]; then
			wait -n
			running=$((running - 1))
		fi
	else
		run_scenario "$name" >/dev/null
	fi
	show_done
done
wait
show_done
for name in "${started[@]}"; do
	if head -n 1 "$work/$name/verdict" | grep -q '^PASS'; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); failed+=("$name")
	fi
done

if [ -n "$keep" ]; then
	mkdir -p "$keep"
	for i in "${selected[@]}"; do
		name=${names[$i]}
		rm -rf "${keep:?}/$name"
		cp -r "$work/$name" "$keep/$name"
	done
	echo "outputs kept in $keep"
fi

echo
echo "compat: $((  $(date +%s) - start )) s; original: $orig_lib; ours: $ours_label"
[ $fail = 0 ] || echo "failed: ${failed[*]}"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
