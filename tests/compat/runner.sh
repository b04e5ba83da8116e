#!/bin/bash
# One run of one scenario on one side. run.sh starts it as
#   unshare -n -m --propagation private bash runner.sh SRC LIBDIR SIDE T SCENARIO
# so it owns a fresh network namespace (the "main" host) and a private
# mount namespace, in which it mounts:
#   - a tmpfs on /run: "ip netns add" names, lock files and sockets live
#     there, never collide with other runs and vanish with the namespace;
#   - an overlay on /etc providing /etc/xtables/connlabel.conf, the file the
#     library reads label names from.
# The scenario's stdout goes to T/raw; T/libcheck lists which
# libnetfilter_conntrack.so.3 each program run under test loaded (from
# the dynamic linker's log of its first run, see ut_env in lib.sh).
set -u

COMPAT_SRC=$1 COMPAT_LIBDIR=$2 COMPAT_SIDE=$3 COMPAT_T=$4 scenario=$5
export COMPAT_SRC COMPAT_LIBDIR COMPAT_SIDE COMPAT_T

mkdir -p "$COMPAT_T/ld"
readlink /proc/$$/ns/mnt >"$COMPAT_T/mntns"

mount -t tmpfs -o mode=755 compat-run /run || exit 99
mkdir -p /run/netns /run/lock /run/compat/etc-upper /run/compat/etc-work
if ! mount -t overlay compat-etc \
	-o lowerdir=/etc,upperdir=/run/compat/etc-upper,workdir=/run/compat/etc-work /etc
then
	# no overlayfs: a private copy of /etc instead
	cp -a /etc /run/compat/etc-copy && mount --bind /run/compat/etc-copy /etc ||
		echo "runner: cannot provide /etc/xtables/connlabel.conf" >&2
fi
mkdir -p /etc/xtables && cp "$COMPAT_SRC/connlabel.conf" /etc/xtables/connlabel.conf

ip link set lo up
# Events for every entry, not only for those made while a listener was
# there (the default, 2, depends on timing).
echo 1 >/proc/sys/net/netfilter/nf_conntrack_events

# Every process started here is in this mount namespace (nsenter only
# switches network namespaces): at exit, end all of them but this shell.
cleanup() {
	local p pid pids round
	trap - EXIT INT TERM
	for round in TERM KILL; do
		pids=
		for p in /proc/[0-9]*; do
			pid=${p#/proc/}
			[ "$pid" = $$ ] && continue
			[ "$pid" = "${BASHPID:-}" ] && continue
			[ "$p/ns/mnt" -ef /proc/$$/ns/mnt ] || continue
			pids="$pids $pid"
		done
		[ -n "$pids" ] || break
		kill -s $round $pids 2>/dev/null
		sleep 0.2
	done
}
trap cleanup EXIT
trap 'exit 1' INT TERM

. "$COMPAT_SRC/lib.sh"
scenario() { :; }
for f in "$COMPAT_SRC"/groups/*.sh; do . "$f"; done

fn="sc_$(echo "$scenario" | tr -- '-.' '__')"
if ! declare -F "$fn" >/dev/null; then
	echo "runner: no scenario $scenario ($fn)" >&2
	exit 99
fi

cd "$COMPAT_T" || exit 99
# the scenario's own exit status means nothing (its last command's)
"$fn" >"$COMPAT_T/raw" 2>"$COMPAT_T/raw.err"
cleanup

# Which library each program run under test loaded.
want=$(readlink -f "$COMPAT_LIBDIR/libnetfilter_conntrack.so.3")
: >"$COMPAT_T/libcheck"
for f in "$COMPAT_T"/ld/*; do
	[ -e "$f" ] || continue
	prog=$(sed -n 's/.*initialize program: \(.*\)$/\1/p' "$f" | head -n 1)
	lib=$(sed -n 's/.*calling init: \(.*libnetfilter_conntrack\.so[^ ]*\)$/\1/p' "$f" | head -n 1)
	[ -n "$lib" ] || continue
	if [ "$(readlink -f "$lib")" = "$want" ]; then
		echo "ok ${prog:-?} $lib" >>"$COMPAT_T/libcheck"
	else
		echo "WRONG ${prog:-?} $lib (wanted $want)" >>"$COMPAT_T/libcheck"
	fi
done
exit 0
