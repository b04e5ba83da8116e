# Helpers of the example tests (sourced by the scripts in this directory).
#
# Each script runs the programs of utils/ and examples/ in a private
# network namespace (and a private mount namespace), and checks three
# things about every run: its exit status, what it printed (compared with
# the text written in the script, after normalisation), and what the
# kernel's table holds afterwards, as Debian's conntrack tool shows it.
# That tool always runs on the original library: it is the independent
# observer. The programs under test run on the library chosen by the test
# environment: ours, or the original one with NFCT_TEST_LIB=reference
# (LD_PRELOAD, set by tests/Makefile.am).
#
# Normalisation replaces the timeouts, which tick while the test runs, by
# "T" (the third field of a conntrack line, the first of an expectation).
#
# Exit status: 0 when every check passed, 1 otherwise, 77 when the
# namespaces cannot be made (not root), 99 on a harness error.

set -u

ex_pass=0
ex_fail=0
ex_skip=0
ex_pids=
RC=0

# ---- results ----------------------------------------------------------------

note() { printf '# %s\n' "$*"; }
pass() { ex_pass=$((ex_pass + 1)); printf 'ok: %s\n' "$*"; }
fail() { ex_fail=$((ex_fail + 1)); printf 'FAIL: %s\n' "$*"; }
skip() { ex_skip=$((ex_skip + 1)); printf 'skip: %s\n' "$*"; }

# ex_done: prints the summary and exits with the result.
ex_done() {
	ex_stop_all
	printf '%d passed, %d failed, %d skipped\n' "$ex_pass" "$ex_fail" "$ex_skip"
	[ "$ex_fail" -eq 0 ] || exit 1
	exit 0
}

hard_error() {
	printf 'ERROR: %s\n' "$*"
	exit 99
}

is_reference() { [ "${NFCT_TEST_LIB:-ours}" = reference ]; }

# ---- set-up -------------------------------------------------------------------

# ex_init "$@": checks the conditions, moves the script into new network and
# mount namespaces (by running it again there), and prepares them: loopback
# up, events for every entry, a scratch directory in $T.
ex_init() {
	if [ "$(id -u)" != 0 ]; then
		echo "SKIP: needs root for a private network namespace"
		exit 77
	fi
	if [ -z "${EX_IN_NETNS:-}" ]; then
		if ! unshare -n -m --propagation private true 2>/dev/null; then
			echo "SKIP: cannot create network and mount namespaces"
			exit 77
		fi
		EX_IN_NETNS=1 exec unshare -n -m --propagation private bash "$0" "$@"
	fi

	here=$(cd "$(dirname "$0")" && pwd)
	top_builddir=${top_builddir:-$(cd "$here/../.." && pwd)}
	UTILS=$top_builddir/utils
	EXAMPLES=$top_builddir/examples
	for p in "$UTILS/conntrack_dump" "$EXAMPLES/nfct-mnl-dump"; do
		[ -x "$p" ] || hard_error "$p is not built"
	done
	command -v conntrack >/dev/null || hard_error "Debian's conntrack tool is not installed"

	T=$(mktemp -d "${TMPDIR:-/tmp}/nfct-examples.XXXXXX") || hard_error "mktemp"
	trap 'ex_stop_all; ex_unmount; rm -rf "$T"' EXIT

	ip link set lo up || hard_error "cannot bring lo up"
	# Events for every entry, whenever it was made (the default, 2,
	# depends on whether a listener existed when the entry was made).
	echo 1 >/proc/sys/net/netfilter/nf_conntrack_events ||
		hard_error "cannot enable conntrack events"
	note "library under test: ${NFCT_TEST_LIB:-ours}"
	check_library "$UTILS/conntrack_dump"
	check_library "$EXAMPLES/nfct-mnl-dump"
}

# check_library PROG: the program's library calls really go to the library
# under test (an environment mistake would otherwise test the wrong one).
check_library() {
	local want got
	if is_reference; then
		want=$(readlink -f "${NFCT_REFERENCE_LIBRARY:-/nonexistent}")
	else
		want=$(readlink -f "${NFCT_OUR_LIBDIR:-$top_builddir/src/.libs}/libnetfilter_conntrack.so.3")
	fi
	got=$(LD_BIND_NOW=1 LD_DEBUG=bindings "$1" --probe-library 2>&1 >/dev/null |
		sed -n "s/.* to \(.*\) \[[0-9]*\]: normal symbol \`nfct_new'.*/\1/p" | head -n 1)
	got=$(readlink -f "$got")
	if [ -n "$got" ] && [ "$got" = "$want" ]; then
		note "${1##*/} calls $got"
	else
		hard_error "${1##*/} calls ${got:-nothing} instead of $want"
	fi
}

# ---- running programs ---------------------------------------------------------

# norm: the normalisation applied to both sides of a comparison.
norm() {
	sed -E -e 's/((tcp|udp|udplite|icmp|icmpv6|sctp|dccp|gre|unknown) +[0-9]+) [0-9]+ /\1 T /' \
	       -e 's/(^|[] :])[0-9]+ proto=/\1T proto=/'
}

# show FILE PREFIX: copies FILE into the log, each line prefixed.
show() { sed "s/^/$2/" "$1"; }

# run PROG ARGS...: runs a program under test (PROG is a path); its output
# goes to $T/out and $T/err, its exit status to RC. NFCT_TEST_WRAPPER, when
# set, is a command that runs it (make check-valgrind sets valgrind).
run() {
	local prog=$1
	shift
	printf '$ %s' "${prog##*/}"
	[ $# -eq 0 ] || printf ' %s' "$@"
	printf '\n'
	RC=0
	timeout -k 2 30 ${NFCT_TEST_WRAPPER:-} "$prog" "$@" >"$T/out" 2>"$T/err" </dev/null || RC=$?
	show "$T/out" '  | '
	show "$T/err" '  2> '
	[ "$RC" = 0 ] || printf '  [exit %s]\n' "$RC"
}
ut() { run "$UTILS/$1" "${@:2}"; }
ex() { run "$EXAMPLES/$1" "${@:2}"; }

# observe ARGS...: Debian's conntrack on the original library; its stdout
# goes to $T/obs (its stderr, a count of entries, is dropped).
observe() {
	env -u LD_PRELOAD -u LD_LIBRARY_PATH timeout -k 2 30 conntrack "$@" >"$T/obs" 2>"$T/obs.err" </dev/null
	local rc=$?
	printf '[observer] $ conntrack %s\n' "$*"
	show "$T/obs" '  | '
	return $rc
}

# setup CMD...: a set-up step; fails the test when it fails.
setup() {
	if ! "$@" >"$T/setup.out" 2>&1; then
		fail "set-up: $*"
		show "$T/setup.out" '    '
		return 1
	fi
}

# ---- checks -------------------------------------------------------------------

# expect_rc STATUS WHAT: the last program ended with STATUS; when that is
# 0, it wrote nothing on stderr either.
expect_rc() {
	if [ "$RC" != "$1" ]; then
		fail "$2: exit status $RC, want $1"
	elif [ "$1" = 0 ] && [ -s "$T/err" ]; then
		fail "$2: exit status 0 but a message on stderr"
	else
		pass "$2: exit status $1"
	fi
}

# _compare WHAT WANT GOT [sort]: compares two files, normalised (and then
# sorted).
_compare() {
	if [ "${4:-}" = sort ]; then
		norm <"$2" | sort >"$T/cmp.want"
		norm <"$3" | sort >"$T/cmp.got"
	else
		norm <"$2" >"$T/cmp.want"
		norm <"$3" >"$T/cmp.got"
	fi
	if cmp -s "$T/cmp.want" "$T/cmp.got"; then
		pass "$1"
	else
		fail "$1"
		diff -u "$T/cmp.want" "$T/cmp.got" | sed 's/^/    /'
	fi
}

# expect_out WHAT <<EOF: the program printed exactly this.
expect_out() {
	cat >"$T/want"
	_compare "$1" "$T/want" "$T/out"
}

# expect_out_sorted WHAT <<EOF: the same lines, in any order.
expect_out_sorted() {
	cat >"$T/want"
	_compare "$1" "$T/want" "$T/out" sort
}

# expect_err WHAT TEXT: the program's stderr holds TEXT.
expect_err() {
	if grep -qF -- "$2" "$T/err"; then
		pass "$1"
	else
		fail "$1: no \"$2\" on stderr"
	fi
}

# expect_kernel WHAT ARGS... <<EOF: conntrack ARGS shows these lines (in
# any order).
expect_kernel() {
	local what=$1
	shift
	cat >"$T/want"
	if ! observe "$@"; then
		fail "$what: conntrack $* failed: $(head -n 1 "$T/obs.err")"
		return
	fi
	_compare "$what (kernel)" "$T/want" "$T/obs" sort
}

# same_as_kernel WHAT ARGS...: the program's output, less the lines that
# match the regular expression in $EX_DROP (its summary), shows the same
# lines as conntrack ARGS, in any order.
same_as_kernel() {
	local what=$1
	shift
	if ! observe "$@"; then
		fail "$what: conntrack $* failed: $(head -n 1 "$T/obs.err")"
		return
	fi
	grep -Ev -- "${EX_DROP:-^$}" "$T/out" >"$T/out.kept"
	_compare "$what (same as conntrack $*)" "$T/obs" "$T/out.kept" sort
}

# kernel_count WHAT N ARGS...: conntrack ARGS shows N lines.
kernel_count() {
	local what=$1 n=$2
	shift 2
	if ! observe "$@"; then
		fail "$what: conntrack $* failed"
		return
	fi
	local got
	got=$(wc -l <"$T/obs")
	if [ "$got" -eq "$n" ]; then
		pass "$what: $n (kernel)"
	else
		fail "$what: the kernel shows $got, want $n"
	fi
}

# ---- background listeners -------------------------------------------------------

# listen NAME PROG ARGS...: starts an event program in the background and
# waits until it says it listens. Its output goes to $T/NAME.out.
listen() {
	local name=$1 prog=$2 n=1000
	shift 2
	printf '$ %s %s &\n' "${prog##*/}" "$*"
	timeout -k 2 60 ${NFCT_TEST_WRAPPER:-} "$prog" "$@" >"$T/$name.out" 2>"$T/$name.err" </dev/null &
	eval "pid_$name=$!"
	ex_pids="$ex_pids $!"
	while ! grep -q '^listening$' "$T/$name.out" 2>/dev/null; do
		n=$((n - 1))
		if [ $n -le 0 ] || ! kill -0 "$(eval echo "\$pid_$name")" 2>/dev/null; then
			fail "$name did not start listening"
			return 1
		fi
		sleep 0.01
	done
}

# collect NAME: waits for a listener to end; its output becomes $T/out and
# its exit status RC, as after run.
collect() {
	local name=$1 pid
	pid=$(eval echo "\$pid_$name")
	RC=0
	wait "$pid" || RC=$?
	ex_pids=$(echo "$ex_pids" | tr ' ' '\n' | grep -vx -- "$pid" | tr '\n' ' ')
	cp "$T/$name.out" "$T/out"
	cp "$T/$name.err" "$T/err"
	printf '[%s ended]\n' "$name"
	show "$T/out" '  | '
	show "$T/err" '  2> '
	[ "$RC" = 0 ] || printf '  [exit %s]\n' "$RC"
}

# ex_stop_all: ends the listeners still running (each by its own pid).
ex_stop_all() {
	local pid
	for pid in $ex_pids; do
		kill "$pid" 2>/dev/null
	done
	ex_pids=
}

# ---- the default label map --------------------------------------------------------

ex_mounts=

# etc_labels MAPFILE: makes MAPFILE the default label map
# (/etc/xtables/connlabel.conf, which the original library and ours read)
# for the processes of this test: /etc becomes an overlay, in this test's
# private mount namespace only. Returns 1 when that cannot be done.
etc_labels() {
	mkdir -p "$T/mnt" || return 1
	mount -t tmpfs nfct-examples "$T/mnt" 2>/dev/null || return 1
	ex_mounts="$T/mnt"
	mkdir -p "$T/mnt/upper" "$T/mnt/work" || return 1
	mount -t overlay nfct-examples-etc \
		-o "lowerdir=/etc,upperdir=$T/mnt/upper,workdir=$T/mnt/work" /etc 2>/dev/null || return 1
	ex_mounts="/etc $ex_mounts"
	mkdir -p /etc/xtables && cp "$1" /etc/xtables/connlabel.conf
}

# ex_unmount: undoes etc_labels (the namespace would drop the mounts at
# exit anyway, but the scratch directory must be free to go).
ex_unmount() {
	local m
	for m in $ex_mounts; do
		umount "$m" 2>/dev/null
	done
	ex_mounts=
}
