#!/bin/bash
# The libmnl expectation programs of examples/: a real expectation, made
# by the kernel's tftp helper for a TFTP read request over loopback, then
# met by the server's answer; expectations made by utils/; dumps; a
# flush; nfexp-mnl-event listening all along.
. "$(dirname "$0")/lib.sh"
ex_init "$@"

# Python sends the packets of the real expectation.
if [ -x /usr/bin/python3 ]; then events=8; else events=4; fi
listen ev "$EXAMPLES/nfexp-mnl-event" "$events" 10

# ---- a real expectation -----------------------------------------------------------

# udp_send SPORT DPORT PAYLOAD: one UDP datagram over loopback, from a
# fixed port (PAYLOAD in Python bytes notation).
udp_send() {
	/usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.sendto(eval(sys.argv[3]), ("127.0.0.1", int(sys.argv[2])))' "$@"
}

# The kernel's tftp helper watches UDP port 69 once a ruleset assigns it.
setup nft -f - <<'EOF'
table inet examples_tftp {
	ct helper tftp-std {
		type "tftp" protocol udp;
	}
	chain out {
		type filter hook output priority 0;
		udp dport 69 ct helper set "tftp-std"
	}
}
EOF
if [ -x /usr/bin/python3 ]; then
	# A read request: the helper expects the server's answer, from any
	# of its ports, to the client's port 40069.
	setup udp_send 40069 69 'b"\x00\x01file\x00octet\x00"'
	ex nfexp-mnl-dump
	expect_rc 0 "nfexp-mnl-dump (the tftp expectation)"
	expect_out "nfexp-mnl-dump shows the tftp expectation" <<'EOF'
300 proto=17 src=127.0.0.1 dst=127.0.0.1 sport=0 dport=40069 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=127.0.0.1 master-dst=127.0.0.1 sport=40069 dport=69 class=0 helper=tftp
1 expectations
EOF
	EX_DROP='^[0-9]+ expectations$' same_as_kernel nfexp-mnl-dump -L expect

	# The server answers from another port: the expectation is met.
	setup udp_send 40070 40069 'b"\x00\x03\x00\x01data"'
	kernel_count "the answer met the expectation" 0 -L expect
	expect_kernel "the answer is a related (EXPECTED) entry" -L -u EXPECTED <<'EOF'
udp      17 T src=127.0.0.1 dst=127.0.0.1 sport=40070 dport=40069 [UNREPLIED] src=127.0.0.1 dst=127.0.0.1 sport=40069 dport=40070 mark=0 use=1
EOF
else
	skip "a real expectation: no /usr/bin/python3 to send the packets"
fi

# ---- expectations made by utils/ ------------------------------------------------

ut expect_create
expect_rc 0 "expect_create"
ut expect_create_userspace
expect_rc 0 "expect_create_userspace"

ex nfexp-mnl-dump ipv4
expect_rc 0 "nfexp-mnl-dump ipv4"
expect_out_sorted "nfexp-mnl-dump ipv4 shows both" <<'EOF'
300 proto=6 src=198.51.100.1 dst=192.0.2.1 sport=0 dport=50021 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.1 master-dst=198.51.100.1 sport=40021 dport=21 class=0 helper=ftp
300 proto=6 src=198.51.100.1 dst=192.0.2.3 sport=0 dport=50023 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.3 master-dst=198.51.100.1 sport=40023 dport=21 PERMANENT class=0 helper=ftp
2 expectations
EOF
EX_DROP='^[0-9]+ expectations$' same_as_kernel "nfexp-mnl-dump ipv4" -L expect

ex nfexp-mnl-dump ipv6
expect_rc 0 "nfexp-mnl-dump ipv6"
expect_out "nfexp-mnl-dump ipv6 finds nothing" <<'EOF'
0 expectations
EOF

ex nfexp-mnl-dump bogus
expect_rc 1 "nfexp-mnl-dump with a bad argument"
expect_err "nfexp-mnl-dump prints its usage" "usage: nfexp-mnl-dump"

ut expect_flush
expect_rc 0 "expect_flush"
ex nfexp-mnl-dump
expect_rc 0 "nfexp-mnl-dump of an empty table"
expect_out "nfexp-mnl-dump of an empty table" <<'EOF'
0 expectations
EOF

# Eight events. Over loopback the tftp helper sees the request twice (as
# it leaves and as it arrives) and replaces its first expectation by an
# equal one: made, replaced, made, met. Then the two made by utils/, and
# the flush of those two (in hash order: all compared sorted).
tftp='300 proto=17 src=127.0.0.1 dst=127.0.0.1 sport=0 dport=40069 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=127.0.0.1 master-dst=127.0.0.1 sport=40069 dport=69 class=0 helper=tftp'
ftp1='300 proto=6 src=198.51.100.1 dst=192.0.2.1 sport=0 dport=50021 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.1 master-dst=198.51.100.1 sport=40021 dport=21 class=0 helper=ftp'
ftp3='300 proto=6 src=198.51.100.1 dst=192.0.2.3 sport=0 dport=50023 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.3 master-dst=198.51.100.1 sport=40023 dport=21 PERMANENT class=0 helper=ftp'
collect ev
expect_rc 0 "nfexp-mnl-event $events"
{
	echo listening
	if [ "$events" = 8 ]; then
		printf '    [NEW] %s\n[DESTROY] %s\n' "$tftp" "$tftp" "$tftp" "$tftp"
	fi
	printf '    [NEW] %s\n' "$ftp1" "$ftp3"
	printf '[DESTROY] %s\n' "$ftp1" "$ftp3"
	echo "$events events"
} | expect_out_sorted "nfexp-mnl-event saw the $events changes"

ex nfexp-mnl-event 0 1
expect_rc 0 "nfexp-mnl-event 0 1 (quiet)"
expect_out "nfexp-mnl-event 0 1 stops after a quiet second" <<'EOF'
listening
0 events
EOF

ex_done
