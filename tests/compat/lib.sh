# Helpers for the compat scenarios. Sourced by runner.sh inside the private
# namespaces of one run (one scenario on one side).
#
# Naming: "ut" runs a program under test (on the library of the side being
# run), "ref" runs one on the original library (used to set up a scenario
# and to look at the kernel's state afterwards, so a failure shows where it
# happens). Everything a scenario prints on stdout is compared between the
# two sides after normalisation (normalize.pl).
#
# Environment set by runner.sh:
#   COMPAT_SRC     tests/compat source directory
#   COMPAT_LIBDIR  directory holding the libnetfilter_conntrack.so.3 to test
#   COMPAT_T       scratch directory of this run
#   COMPAT_SIDE    orig or ours (informative only: never print it)

PY=/usr/bin/python3
NETPY="$COMPAT_SRC/tools/net.py"
PROG_TIMEOUT=${COMPAT_PROG_TIMEOUT:-15}
NETNS=                 # current host, see "on"; empty: the runner's netns
_seq=0                 # numbers the event listeners' output files

# ---- running programs --------------------------------------------------

# nsexec CMD...: runs CMD in the current host's network namespace.
nsexec() {
	if [ -n "$NETNS" ]; then
		nsenter --net="/run/netns/$NETNS" -- "$@"
	else
		"$@"
	fi
}

# ut PROG ARGS...: runs PROG on the library under test, with a time limit.
ut() {
	ut_env "$1"
	nsexec timeout -k 2 "$PROG_TIMEOUT" "${UT_ENV[@]}" "$@"
}
# ut_env PROG: sets UT_ENV to the env command that loads the library
# under test. The first run of each program in a run also logs the
# dynamic linker's decisions (LD_DEBUG=libs, to a file): runner.sh checks
# from them which libnetfilter_conntrack.so.3 it really loaded. (Every run
# of a program gets the same environment; logging each would only cost.)
ut_env() {
	local prog=${1##*/}
	UT_ENV=(env -u LD_PRELOAD LD_LIBRARY_PATH="$COMPAT_LIBDIR")
	if mkdir "$COMPAT_T/ld/.$prog" 2>/dev/null; then
		UT_ENV+=(LD_DEBUG=libs LD_DEBUG_OUTPUT="$COMPAT_T/ld/$prog")
	fi
}

# ref PROG ARGS...: runs PROG on the original library.
ref() {
	nsexec timeout -k 2 "$PROG_TIMEOUT" env -u LD_PRELOAD -u LD_LIBRARY_PATH "$@"
}

# _show SORT PREFIX... -- ARGS: runs PREFIX ARGS, prints the command line,
# its stdout (between sort markers when SORT=1: the normaliser sorts the
# lines, for kernel dumps whose order depends on hashing), its stderr
# prefixed by "2> ", and its exit status when not 0.
_show() {
	local sort=$1; shift
	local pre=()
	while [ "$1" != -- ]; do pre+=("$1"); shift; done
	shift
	local out="$COMPAT_T/cmd.out" err="$COMPAT_T/cmd.err" rc=0
	local shown="${pre[*]:1}"
	case ${pre[0]} in
	ut) printf '$ %s\n' "${shown:+$shown }$*";;
	*) printf '[original] $ %s\n' "${shown:+$shown }$*";;
	esac
	"${pre[@]}" "$@" >"$out" 2>"$err" </dev/null || rc=$?
	[ "$sort" = 1 ] && echo '@@sort-begin'
	cat "$out"
	[ "$sort" = 1 ] && echo '@@sort-end'
	sed 's/^/2> /' "$err"
	[ "$rc" = 0 ] || printf '[exit %s]\n' "$rc"
}

# ct ARGS: conntrack under test, its stdout sorted (event listeners: see
# ev_start). rct ARGS: conntrack on the original, for setup; prints
# nothing unless it fails.
ct() { _show 1 ut conntrack -- "$@"; }
rct() {
	local err="$COMPAT_T/rct.err"
	if ! ref conntrack "$@" >/dev/null 2>"$err"; then
		printf '## setup failed: conntrack %s: %s\n' "$*" "$(head -n 1 "$err")"
	fi
}
# kstate [ARGS]: the kernel table as the original library shows it
# (sorted, extended output), to check what a command under test did.
kstate() { _show 1 ref conntrack -- -L -o extended "$@"; }
kexp() { _show 1 ref conntrack -- -L expect "$@"; }

# on HOST CMD...: runs a helper function or command with NETNS=HOST.
on() {
	local save=$NETNS
	NETNS=$1; shift
	"$@"
	local rc=$?
	NETNS=$save
	return $rc
}

# ---- background processes ------------------------------------------------

# bg NAME CMD...: starts CMD in the background (in the current host);
# its stdout and stderr go to $COMPAT_T/NAME.out/.err, its pid to the
# variable bg_pid. (runner.sh ends whatever is left when the run ends.)
bg() {
	local name=$1; shift
	nsexec "$@" >"$COMPAT_T/$name.out" 2>"$COMPAT_T/$name.err" </dev/null &
	bg_pid=$!
}

# bgut NAME PROG ARGS...: bg for a program under test (time limit 120 s).
bgut() {
	local name=$1; shift
	ut_env "$1"
	bg "$name" timeout -k 2 120 "${UT_ENV[@]}" "$@"
}

# The real program's pid, below timeout/env/nsenter wrappers.
leaf_pid() {
	local pid=$1 child
	while child=$(cat "/proc/$pid/task/$pid/children" 2>/dev/null) && [ -n "$child" ]; do
		pid=${child%% *}
	done
	echo "$pid"
}

# wait_idle PID... : waits (5 s at most) until every PID (or the program
# below its wrappers) sleeps with nothing left to read on its netlink
# sockets: everything sent to it so far has been processed. See
# tools/idle.pl.
wait_idle() { perl "$COMPAT_SRC/tools/idle.pl" 5 "$@"; }

# wait_listening PID: waits until PID has a netlink socket subscribed to
# multicast groups (an event listener set up), then until it is idle.
wait_listening() { perl "$COMPAT_SRC/tools/idle.pl" --listening 5 "$@"; }

# stop_bg PID [SIG]: sends SIG (default INT) to the real program, waits
# for it.
stop_bg() {
	local pid=$1 sig=${2:-INT} leaf
	leaf=$(leaf_pid "$pid")
	kill -s "$sig" "$leaf" 2>/dev/null
	local end=$((SECONDS + 4))
	while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $end ]; do sleep 0.01; done
	if kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$leaf" "$pid" 2>/dev/null
		echo '## (had to be killed)'
	fi
	wait "$pid" 2>/dev/null
}

# ---- event listeners -----------------------------------------------------

# ev_start ARGS: starts "conntrack -E ARGS" under test and waits until it
# listens; several may run at once. ev_stop [sorted]: waits until each has
# read every event sent so far, stops them with SIGINT and prints what
# they printed, in the order they were started ("sorted": lines sorted,
# for events whose order follows the kernel's hash, like a flush).
ev_names=() ev_pids=() ev_argss=()
ev_start() {
	_seq=$((_seq + 1))
	bgut "ev$_seq" conntrack -E "$@"
	ev_names+=("ev$_seq") ev_pids+=("$bg_pid") ev_argss+=("$*")
	wait_listening "$bg_pid" || true
}
ev_stop() {
	local i
	[ ${#ev_pids[@]} -gt 0 ] || return 0
	wait_idle "${ev_pids[@]}" || echo '## (listener did not become idle)'
	for i in "${!ev_pids[@]}"; do
		stop_bg "${ev_pids[$i]}" INT
		printf '$ conntrack -E %s\n' "${ev_argss[$i]}"
		[ "${1:-}" = sorted ] && echo '@@sort-begin'
		cat "$COMPAT_T/${ev_names[$i]}.out"
		[ "${1:-}" = sorted ] && echo '@@sort-end'
		sed 's/^/2> /' "$COMPAT_T/${ev_names[$i]}.err"
	done
	ev_names=() ev_pids=() ev_argss=()
}

# wait_file FILE: waits up to 10 s for FILE to appear.
wait_file() {
	local end=$((SECONDS + 10))
	while [ ! -e "$1" ] && [ $SECONDS -lt $end ]; do sleep 0.01; done
	[ -e "$1" ] || echo "## (timed out waiting for ${1##*/})"
}

# wait_tcp_settled PORT: waits (5 s at most) until every ESTABLISHED TCP
# entry to PORT has its long timeout. The kernel gives a connection with
# unacknowledged data a 300 s timeout until the ACK comes, so a listing
# taken just after the last reply would differ from run to run. Uses the
# original library and prints nothing unless it times out.
wait_tcp_settled() {
	local end=$((SECONDS + 5))
	while [ $SECONDS -lt $end ]; do
		ref conntrack -L -p tcp --dport "$1" 2>/dev/null |
			awk '$4 == "ESTABLISHED" && $3 < 100000 { short = 1 } END { exit short }' &&
			return 0
		sleep 0.05
	done
	echo "## (timed out waiting for the tcp/$1 entries to settle)"
}

# ---- set-up helpers ------------------------------------------------------

sysctl_set() { nsexec sh -c "echo $2 > /proc/sys/$(echo "$1" | tr . /)"; }

# A few entries of every kind, made with the original library.
seed_mix() {
	rct -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 --state ESTABLISHED -t 5000 -u SEEN_REPLY,ASSURED -m 1
	rct -I -p tcp -s 192.0.2.2 -d 198.51.100.1 --sport 40002 --dport 443 --state SYN_SENT -t 5000 -m 2
	rct -I -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 -t 5000 -m 3
	rct -I -p udp -s 192.0.2.3 -d 198.51.100.2 --sport 40004 --dport 123 -t 5000 -u SEEN_REPLY -m 0x11 -w 7
	rct -I -p icmp -s 192.0.2.1 -d 198.51.100.3 --icmp-type 8 --icmp-code 0 --icmp-id 4660 -t 5000
	rct -I -p tcp -s 2001:db8::1 -d 2001:db8:1::1 --sport 40005 --dport 22 --state ESTABLISHED -t 5000 -u ASSURED -m 5
	rct -I -p udp -s 2001:db8::2 -d 2001:db8:1::2 --sport 40006 --dport 53 -t 5000
	rct -I -p icmpv6 -s 2001:db8::1 -d 2001:db8:1::3 --icmpv6-type 128 --icmpv6-code 0 --icmpv6-id 4661 -t 5000
	rct -I -p sctp -s 192.0.2.4 -d 198.51.100.4 --sport 40007 --dport 3868 --state ESTABLISHED --orig-vtag 10 --reply-vtag 11 -t 5000
	rct -I -p gre -s 192.0.2.5 -d 198.51.100.5 --srckey 0x100 --dstkey 0x200 -t 5000
	rct -I -p udplite -s 192.0.2.6 -d 198.51.100.6 --sport 40008 --dport 5000 -t 5000
}

# Entries whose reply tuple is given explicitly and differs from the
# inverted original one, as NAT makes it (but without the NAT status bits:
# see seed_nat_real in ct-filter.sh for those), e.g. 192.0.2.10:41000 ->
# 203.0.113.1:80 answered by 198.51.100.20:8080 -> 198.51.100.10:41000.
seed_nat() {
	rct -I -p tcp -s 192.0.2.10 -d 203.0.113.1 -r 198.51.100.20 -q 198.51.100.10 \
		--sport 41000 --dport 80 --reply-port-src 8080 --reply-port-dst 41000 \
		--state ESTABLISHED -t 5000
	rct -I -p udp -s 192.0.2.11 -d 203.0.113.2 -r 203.0.113.2 -q 198.51.100.11 \
		--sport 41001 --dport 53 --reply-port-src 53 --reply-port-dst 41001 -t 5000
	rct -I -p udp -s 192.0.2.12 -d 203.0.113.3 -r 198.51.100.30 -q 192.0.2.12 \
		--sport 41002 --dport 53 --reply-port-src 53 --reply-port-dst 41002 -t 5000
}

# ---- several hosts ---------------------------------------------------------

# host NAME...: creates network namespaces (under the private /run/netns)
# with loopback up.
host() {
	local h
	for h in "$@"; do
		ip netns add "$h"
		ip -n "$h" link set lo up
		nsenter --net="/run/netns/$h" sh -c 'echo 1 >/proc/sys/net/netfilter/nf_conntrack_events'
	done
}

# link A IFA ADDRA B IFB ADDRB: a veth pair between hosts A and B.
# ADDR may hold several addresses separated by commas.
link() {
	local a=$1 ifa=$2 adda=$3 b=$4 ifb=$5 addb=$6 x
	ip link add "$ifa" netns "$a" type veth peer name "$ifb" netns "$b"
	for x in ${adda//,/ }; do _addr "$a" "$ifa" "$x"; done
	for x in ${addb//,/ }; do _addr "$b" "$ifb" "$x"; done
	ip -n "$a" link set "$ifa" up
	ip -n "$b" link set "$ifb" up
}

# _addr HOST IF ADDR: IPv6 addresses skip duplicate address detection, so
# they are usable at once.
_addr() {
	case $3 in
	*:*) ip -n "$1" addr add "$3" dev "$2" nodad;;
	*) ip -n "$1" addr add "$3" dev "$2";;
	esac
}

forwarding() {
	nsenter --net="/run/netns/$1" sh -c 'echo 1 >/proc/sys/net/ipv4/ip_forward; echo 1 >/proc/sys/net/ipv6/conf/all/forwarding'
}

# serve NAME KIND ADDR PORT [COUNT]: starts a net.py server (tcp-server,
# udp-server) in the current host and waits until it listens.
serve() {
	local name=$1; shift
	local kind=$1; shift
	local a=$1 p=$2; shift 2
	bg "$name" $PY "$NETPY" "$kind" "$a" "$p" "$COMPAT_T/$name.ready" "$@"
	wait_file "$COMPAT_T/$name.ready"
}
# serve_ftp NAME ADDR PORT DATAPORT [COUNT]: the same for the FTP server.
serve_ftp() {
	local name=$1 a=$2 p=$3 dp=$4 count=${5:-1}
	bg "$name" $PY "$NETPY" ftp-server "$a" "$p" "$dp" "$COMPAT_T/$name.ready" "$count"
	wait_file "$COMPAT_T/$name.ready"
}

# traffic ARGS: runs a net.py client in the current host; prints a line
# only when it fails.
traffic() {
	local err="$COMPAT_T/traffic.err"
	if ! nsexec timeout -k 2 60 $PY "$NETPY" "$@" 2>"$err" >/dev/null; then
		printf '## traffic failed: %s: %s\n' "$*" "$(tail -n 1 "$err")"
	fi
}

# wait_bg PID: waits for a background helper to end by itself.
wait_bg() {
	local end=$((SECONDS + 15))
	while kill -0 "$1" 2>/dev/null && [ $SECONDS -lt $end ]; do sleep 0.01; done
	if kill -0 "$1" 2>/dev/null; then
		echo "## (background helper did not end)"
		kill "$1" 2>/dev/null
	fi
	wait "$1" 2>/dev/null
}

# labels_on: makes the kernel give new entries a label area (it does once
# a ruleset sets labels), so labels can be added to them.
labels_on() {
	nsexec nft -f - <<-'NFT'
	table ip compat_labels {
		chain c {
			type filter hook prerouting priority 0;
			meta mark 0x7e57 ct label set 127
		}
	}
	NFT
}

# ---- the firewall topology ---------------------------------------------------
#
#   cli 192.0.2.2    ---- in0  FW  out0 ----  srv 198.51.100.2
#       2001:db8:1::2      192.0.2.1              2001:db8:2::2
#                          198.51.100.1
#
# FW forwards with a stateful ruleset: replies and related flows pass,
# new flows only from the inside (they get ct mark 0x10) or when
# destination-NATed; the inside is masqueraded on out0; fw's TCP 8080 and
# UDP 5353 on out0 are forwarded to cli's 80 and 53; TCP 21 gets the ftp
# helper. All addresses are documentation ranges inside these namespaces.

# fw_ruleset HOST: loads the ruleset into HOST.
fw_ruleset() {
	nsenter --net="/run/netns/$1" nft -f - <<-'NFT'
	table inet compat_fw {
		ct helper ftp-std { type "ftp" protocol tcp; }
		chain helpers {
			type filter hook prerouting priority filter;
			tcp dport 21 ct helper set "ftp-std"
		}
		chain filter_forward {
			type filter hook forward priority filter; policy drop;
			ct state established,related accept
			ct state new iifname "in0" ct mark set 0x10 accept
			ct state new ct status dnat accept
		}
		chain nat_pre {
			type nat hook prerouting priority dstnat;
			iifname "out0" tcp dport 8080 dnat ip to 192.0.2.2:80
			iifname "out0" udp dport 5353 dnat ip to 192.0.2.2:53
		}
		chain nat_post {
			type nat hook postrouting priority srcnat;
			oifname "out0" masquerade
		}
	}
	NFT
}

# topo_fw [FW]: builds cli, FW (default "fw") and srv.
topo_fw() {
	local fw=${1:-fw}
	host cli "$fw" srv
	link cli eth0 192.0.2.2/24,2001:db8:1::2/64 "$fw" in0 192.0.2.1/24,2001:db8:1::1/64
	link "$fw" out0 198.51.100.1/24,2001:db8:2::1/64 srv eth0 198.51.100.2/24,2001:db8:2::2/64
	ip -n cli route add default via 192.0.2.1
	ip -n cli -6 route add default via 2001:db8:1::1
	forwarding "$fw"
	fw_ruleset "$fw"
}

