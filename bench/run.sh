#!/bin/sh
# Runs the benchmark on our library and on the original in one go and
# prints a table of ratios ours / original. Normally started by `make bench`
# in the build directory, which passes --prog, --ours and --reference.
#
#   run.sh --prog BIN --ours DIR --reference LIB [--quick] [-n N] [--no-kernel]
#
#   --quick       fewer entries and shorter timings (a quick look)
#   -n N          entries created in the kernel part (default 100000)
#   --no-kernel   skip the kernel part (it needs root and unshare -n)
#
# Instruction counts come from callgrind, which collects only inside the
# program's measure_* functions (one pass over the table calling the
# library) and base_* functions (the same loop calling a stub of the same
# signature); the table shows the difference, the library's own
# instructions per entry. Wall times are the best of three timed runs and
# include the loop.
set -eu

prog= ours= ref= quick=0 kn=100000 kernel=1 un=2000 rounds=4
while [ $# -gt 0 ]; do
	case "$1" in
	--prog) prog=$2; shift ;;
	--ours) ours=$2; shift ;;
	--reference) ref=$2; shift ;;
	--quick) quick=1 ;;
	-n) kn=$2; shift ;;
	--no-kernel) kernel=0 ;;
	*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
[ -n "$prog" ] && [ -x "$prog" ] || { echo "run.sh: --prog BIN is required" >&2; exit 2; }
[ -d "$ours" ] || { echo "run.sh: --ours DIR (our .libs) is required" >&2; exit 2; }
[ -n "$ref" ] && [ -e "$ref" ] || { echo "run.sh: the original library ($ref) is missing" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "run.sh: valgrind is needed" >&2; exit 2; }

utime=0.6
if [ $quick = 1 ]; then
	utime=0.15
	[ "$kn" = 100000 ] && kn=10000
	un=500
	rounds=2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The original, under the name the program asks for.
mkdir "$tmp/ref"
ln -s "$ref" "$tmp/ref/libnetfilter_conntrack.so.3"

# runlib ours|orig ARGS...: the program on one library.
runlib() {
	lib=$1; shift
	if [ "$lib" = ours ]; then dir=$ours; else dir=$tmp/ref; fi
	LD_LIBRARY_PATH="$dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$@"
}

for lib in ours orig; do
	runlib $lib "$prog" info > "$tmp/info.$lib"
	grep -q "^library .*libnetfilter_conntrack" "$tmp/info.$lib"
done
# Make sure each run used the library it was meant to.
if [ "$(sed -n 's/^library //p' "$tmp/info.ours")" = "$(sed -n 's/^library //p' "$tmp/info.orig")" ]; then
	echo "run.sh: both runs loaded the same library" >&2
	exit 1
fi

echo "ours:     $(sed -n 's/^library //p' "$tmp/info.ours")" >&2
echo "original: $(sed -n 's/^library //p' "$tmp/info.orig")" >&2

# Callgrind: one profile per operation.
for lib in ours orig; do
	echo "callgrind ($lib)..." >&2
	mkdir "$tmp/cg.$lib"
	runlib $lib valgrind --tool=callgrind --collect-atstart=no \
		--toggle-collect='measure_*' --toggle-collect='base_*' \
		--callgrind-out-file="$tmp/cg.$lib/out" \
		"$prog" cg -n $un > "$tmp/cgrun.$lib" 2> "$tmp/cgerr.$lib" ||
		{ cat "$tmp/cgerr.$lib" >&2; exit 1; }
	n=$(sed -n 's/^entries //p' "$tmp/cgrun.$lib")
	for f in "$tmp/cg.$lib"/out.*; do
		awk -v n="$n" '
			/^desc: Trigger: Client Request: / { name = $NF }
			/^(totals|summary): / { ir = $2 }
			END { if (name != "") printf "%s %.1f ir\n", name, ir / n }' "$f"
	done > "$tmp/irraw.$lib"
	# Each operation less its baseline (the same loop around a stub).
	awk '{ v[$1] = $2 } END { for (k in v) if (k !~ /\.base$/ && (k ".base") in v)
		printf "%s %.1f ir\n", k, v[k] - v[k ".base"] }' "$tmp/irraw.$lib" > "$tmp/ir.$lib"
done

# Wall time.
for lib in ours orig; do
	echo "wall time ($lib)..." >&2
	runlib $lib "$prog" user -n $un -t $utime > "$tmp/ns.$lib"
done

# The kernel part: each run in its own network namespace, both libraries
# $rounds times; the best of each is kept (the machine may be shared: the
# best run is the one least disturbed).
if [ $kernel = 1 ]; then
	if [ "$(id -u)" != 0 ] || ! unshare -n true 2>/dev/null; then
		echo "kernel part skipped: needs root and unshare -n" >&2
		kernel=0
	else
		# The order alternates from round to round, and each run
		# starts a second after the previous one ended (the kernel
		# dismantles a namespace in the background): what runs first
		# was seen to be favoured or not, whichever library it was.
		for round in $(seq $rounds); do
			if [ $((round % 2)) = 1 ]; then order="ours orig"; else order="orig ours"; fi
			for lib in $order; do
				echo "kernel, $kn entries ($lib, round $round)..." >&2
				sleep 1
				runlib $lib unshare -n "$prog" kernel -n $kn >> "$tmp/k.$lib"
			done
		done
	fi
fi

# best FILE NAME: the smallest value of NAME in FILE.
best() {
	awk -v k="$2" '$1 == k && (m == "" || $2 < m) { m = $2 } END { print m }' "$1"
}

line() {	# metric, ours, original, unit, target
	awk -v m="$1" -v a="$2" -v b="$3" -v u="$4" -v t="$5" 'BEGIN {
		if (a == "" || b == "") { printf "| %-31s | %12s | %12s | %6s | %-16s |\n", m, a, b, "-", t; exit }
		r = b > 0 ? a / b : 0
		printf "| %-31s | %12s | %12s | %6.3f | %-16s |\n", m, a " " u, b " " u, r, t }'
}

echo
echo "Userspace, per entry ($un generated entries; Ir = instructions, callgrind):"
echo
echo "| operation                       |         ours |     original |  ratio | target           |"
echo "|---------------------------------|--------------|--------------|--------|------------------|"
target_of() {
	case "$1" in
	nlmsg_parse|parse_conntrack) echo "<= 0.25" ;;
	snprintf_plain|snprintf_plain_flags) echo "<= 0.25" ;;
	snprintf_xml|snprintf_xml_flags) echo "<= 0.5" ;;
	nlmsg_build|build_conntrack|build_conntrack_512) echo "<= 0.5" ;;
	*) echo "" ;;
	esac
}
for op in $(awk '$1 != "snprintf_json" { print $1 }' "$tmp/ns.ours"); do
	line "$op (Ir)" "$(best "$tmp/ir.ours" $op)" "$(best "$tmp/ir.orig" $op)" Ir "$(target_of $op)"
	line "$op (time)" "$(best "$tmp/ns.ours" $op)" "$(best "$tmp/ns.orig" $op)" ns ""
done

if grep -q '^snprintf_json ' "$tmp/ir.ours"; then
	echo
	echo "JSON (ours only), compared with our default text:"
	echo
	echo "| operation                       |         JSON | default text |  ratio |"
	echo "|---------------------------------|--------------|--------------|--------|"
	line "snprintf_json (Ir)" "$(best "$tmp/ir.ours" snprintf_json)" \
		"$(best "$tmp/ir.ours" snprintf_plain)" Ir "" | cut -d'|' -f1-5 | sed 's/$/|/'
	line "snprintf_json (time)" "$(best "$tmp/ns.ours" snprintf_json)" \
		"$(best "$tmp/ns.ours" snprintf_plain)" ns "" | cut -d'|' -f1-5 | sed 's/$/|/'
fi

echo
echo "Memory:"
echo
echo "| metric                          |         ours |     original |  ratio | target           |"
echo "|---------------------------------|--------------|--------------|--------|------------------|"
line "object size (nfct_maxsize)" "$(sed -n 's/^object_size \([0-9]*\).*/\1/p' "$tmp/info.ours")" \
	"$(sed -n 's/^object_size \([0-9]*\).*/\1/p' "$tmp/info.orig")" B "<= 1"

if [ $kernel = 1 ]; then
	for m in dump_read dump_print events; do
		a=$(best "$tmp/k.ours" ${m}_allocs_per_entry)
		b=$(best "$tmp/k.orig" ${m}_allocs_per_entry)
		printf "| %-31s | %12s | %12s | %6s | %-16s |\n" "allocs/entry, $m" "$a" "$b" "-" "0 (aim)"
	done

	echo
	echo "Kernel, $kn entries, wall time in a private network namespace (best of $rounds runs,"
	echo "dumps best of $((rounds * 3))):"
	echo
	echo "| operation                       |         ours |     original |  ratio | target           |"
	echo "|---------------------------------|--------------|--------------|--------|------------------|"
	line "create" "$(best "$tmp/k.ours" create)" "$(best "$tmp/k.orig" create)" s "<= 1 (no slower)"
	line "dump, reading callback" "$(best "$tmp/k.ours" dump_read)" "$(best "$tmp/k.orig" dump_read)" s "<= 0.667"
	line "dump and print" "$(best "$tmp/k.ours" dump_print)" "$(best "$tmp/k.orig" dump_print)" s "<= 0.5"
	line "delete" "$(best "$tmp/k.ours" delete)" "$(best "$tmp/k.orig" delete)" s "<= 1 (no slower)"
	line "events (receive)" "$(best "$tmp/k.ours" events)" "$(best "$tmp/k.orig" events)" s "<= 1 (no slower)"
	floor=$(cat "$tmp/k.ours" "$tmp/k.orig" > "$tmp/k.all"; best "$tmp/k.all" bare_dump)
	floor32=$(best "$tmp/k.all" bare_dump_32k)
	echo
	# The lower of the two floors bounds every library.
	low=$(awk -v a="$floor" -v b="$floor32" 'BEGIN { print (a < b) ? a : b }')
	echo "Floor: a bare libmnl dump that parses nothing, with an 8 KiB receive buffer"
	echo "(libnfnetlink's default, which the original receives with) and with 32 KiB"
	echo "(the largest batch the kernel sends; ours receives with 64 KiB):"
	echo
	echo "| dump vs floor                   |         dump |        floor |  ratio | target           |"
	echo "|---------------------------------|--------------|--------------|--------|------------------|"
	line "ours, reading, 8 KiB floor" "$(best "$tmp/k.ours" dump_read)" "$floor" s ""
	line "original, reading, 8 KiB floor" "$(best "$tmp/k.orig" dump_read)" "$floor" s ""
	line "ours, reading, 32 KiB floor" "$(best "$tmp/k.ours" dump_read)" "$floor32" s "<= 1.3"
	line "original, reading, 32 KiB floor" "$(best "$tmp/k.orig" dump_read)" "$floor32" s ""
	sys32=$(best "$tmp/k.all" bare_dump_32k_system)
	awk -v s="$sys32" -v f="$floor32" 'BEGIN {
		share = f > 0 ? 100 * s / f : 0
		printf "\nOf the 32 KiB floor, %.4f s (%.0f %%) is system time: the kernel writing the\n", s, share
		print "entries (getrusage; the lowest of the runs)." }'
	echo
	echo "The lower floor bounds every library: no dump can take less than floor / original"
	echo "of the original's time on this machine."
	echo
	echo "| lowest reachable ratio          |        floor |     original |  ratio | target           |"
	echo "|---------------------------------|--------------|--------------|--------|------------------|"
	line "dump, reading callback" "$low" "$(best "$tmp/k.orig" dump_read)" s "(<= 0.667)"
	line "dump and print" "$low" "$(best "$tmp/k.orig" dump_print)" s "(<= 0.5)"
fi
