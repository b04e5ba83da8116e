#!/bin/bash
# The event programs of utils/: conntrack_events sees every change, and
# conntrack_filter only those its BPF filter lets through, while other
# programs and Debian's conntrack change the table. Then a real packet,
# once a ruleset makes the namespace track connections. Then the time
# limit of a listener that hears nothing.
. "$(dirname "$0")/lib.sh"
ex_init "$@"

# Six changes: conntrack_filter keeps the first and the fifth (TCP from
# 192.0.2.0/24, not to 198.51.100.99); the three between fail one of its
# conditions each.
listen all "$UTILS/conntrack_events" 6 10
listen filtered "$UTILS/conntrack_filter" 2 10
ut conntrack_create
expect_rc 0 "conntrack_create (event 1)"
setup observe -I -p udp -s 192.0.2.5 -d 198.51.100.1 --sport 1 --dport 2 -t 50
setup observe -I -p tcp -s 203.0.113.5 -d 198.51.100.1 --sport 1 --dport 2 -t 50 --state ESTABLISHED
setup observe -I -p tcp -s 192.0.2.6 -d 198.51.100.99 --sport 1 --dport 2 -t 50 --state ESTABLISHED
ut conntrack_update
expect_rc 0 "conntrack_update (event 5)"
ut conntrack_delete
expect_rc 0 "conntrack_delete (event 6)"

collect all
expect_rc 0 "conntrack_events 6"
expect_out "conntrack_events saw the six changes" <<'EOF'
listening
    [NEW] tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40000 dport=80 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=80 dport=40000 mark=1
    [NEW] udp      17 T src=192.0.2.5 dst=198.51.100.1 sport=1 dport=2 [UNREPLIED] src=198.51.100.1 dst=192.0.2.5 sport=2 dport=1 mark=0
    [NEW] tcp      6 T ESTABLISHED src=203.0.113.5 dst=198.51.100.1 sport=1 dport=2 [UNREPLIED] src=198.51.100.1 dst=203.0.113.5 sport=2 dport=1 mark=0
    [NEW] tcp      6 T ESTABLISHED src=192.0.2.6 dst=198.51.100.99 sport=1 dport=2 [UNREPLIED] src=198.51.100.99 dst=192.0.2.6 sport=2 dport=1 mark=0
 [UPDATE] tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40000 dport=80 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=80 dport=40000 [ASSURED] mark=2
[DESTROY] tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40000 dport=80 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=80 dport=40000 [ASSURED] mark=2
6 events
EOF

collect filtered
expect_rc 0 "conntrack_filter 2"
expect_out "conntrack_filter saw only the two changes that pass" <<'EOF'
listening
    [NEW] tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40000 dport=80 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=80 dport=40000 mark=1
 [UPDATE] tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40000 dport=80 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=80 dport=40000 [ASSURED] mark=2
2 events
EOF
expect_kernel "the three other entries are still there" -L <<'EOF'
udp      17 T src=192.0.2.5 dst=198.51.100.1 sport=1 dport=2 [UNREPLIED] src=198.51.100.1 dst=192.0.2.5 sport=2 dport=1 mark=0 use=1
tcp      6 T ESTABLISHED src=203.0.113.5 dst=198.51.100.1 sport=1 dport=2 [UNREPLIED] src=198.51.100.1 dst=203.0.113.5 sport=2 dport=1 mark=0 use=1
tcp      6 T ESTABLISHED src=192.0.2.6 dst=198.51.100.99 sport=1 dport=2 [UNREPLIED] src=198.51.100.99 dst=192.0.2.6 sport=2 dport=1 mark=0 use=1
EOF

# A flush: one DESTROY event per entry, in the kernel's hash order.
listen flush "$UTILS/conntrack_events" 3 10
ut conntrack_flush
expect_rc 0 "conntrack_flush (three events)"
collect flush
expect_rc 0 "conntrack_events 3"
expect_out_sorted "conntrack_events saw the flush" <<'EOF'
listening
[DESTROY] udp      17 T src=192.0.2.5 dst=198.51.100.1 sport=1 dport=2 [UNREPLIED] src=198.51.100.1 dst=192.0.2.5 sport=2 dport=1
[DESTROY] tcp      6 T ESTABLISHED src=203.0.113.5 dst=198.51.100.1 sport=1 dport=2 [UNREPLIED] src=198.51.100.1 dst=203.0.113.5 sport=2 dport=1
[DESTROY] tcp      6 T ESTABLISHED src=192.0.2.6 dst=198.51.100.99 sport=1 dport=2 [UNREPLIED] src=198.51.100.99 dst=192.0.2.6 sport=2 dport=1
3 events
EOF

# ---- a real packet --------------------------------------------------------------

# A namespace tracks packets only once a ruleset uses conntrack.
setup nft -f - <<'EOF'
table inet examples {
	chain out {
		type filter hook output priority 0;
		ct state new counter
	}
}
EOF
if [ -x /usr/bin/python3 ]; then
	listen packet "$UTILS/conntrack_events" 1 10
	# One UDP datagram over loopback, from a fixed port.
	setup /usr/bin/python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 40100))
s.sendto(b"x", ("127.0.0.1", 40101))'
	collect packet
	expect_rc 0 "conntrack_events 1 (a packet)"
	expect_out "conntrack_events saw the packet's new entry" <<'EOF'
listening
    [NEW] udp      17 T src=127.0.0.1 dst=127.0.0.1 sport=40100 dport=40101 [UNREPLIED] src=127.0.0.1 dst=127.0.0.1 sport=40101 dport=40100
1 events
EOF
	expect_kernel "the kernel tracks the packet" -L <<'EOF'
udp      17 T src=127.0.0.1 dst=127.0.0.1 sport=40100 dport=40101 [UNREPLIED] src=127.0.0.1 dst=127.0.0.1 sport=40101 dport=40100 mark=0 use=1
EOF
else
	skip "a real packet: no /usr/bin/python3 to send it"
fi

# ---- time limits --------------------------------------------------------------------

# No count: the time limit ends the program normally.
ut conntrack_events 0 1
expect_rc 0 "conntrack_events 0 1 (quiet)"
expect_out "conntrack_events 0 1 stops after a quiet second" <<'EOF'
listening
0 events
EOF

# A count not reached in time: a failure.
ut conntrack_filter 1 1
expect_rc 1 "conntrack_filter 1 1 (quiet)"
expect_err "conntrack_filter says what it missed" "no event for 1 seconds, saw 0 of 1"

ut conntrack_events x
expect_rc 1 "conntrack_events with a bad count"
expect_err "conntrack_events prints its usage" "usage: conntrack_events [COUNT [SECONDS]]"

ex_done
