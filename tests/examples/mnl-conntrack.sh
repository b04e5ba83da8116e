#!/bin/bash
# The libmnl conntrack programs of examples/: create, get, dump, labels
# (set and listed with their names), delete, flushes by family and by
# mark, while nfct-mnl-event listens.
. "$(dirname "$0")/lib.sh"
ex_init "$@"

# Entries get room for labels once a ruleset uses labels.
setup nft -f - <<'EOF'
table ip examples_labels {
	chain c {
		type filter hook prerouting priority 0;
		meta mark 0x7e57 ct label set 127
	}
}
EOF
map=$T/connlabel.conf
printf '%s\n' '# labels of the example tests' '0 zero' '1 web' '5 blue' '127 last' >"$map"

listen ev "$EXAMPLES/nfct-mnl-event" 8 10

ex nfct-mnl-create
expect_rc 0 nfct-mnl-create
expect_out "nfct-mnl-create prints the entry" <<'EOF'
created: tcp      6 T ESTABLISHED src=2001:db8::1 dst=2001:db8:1::1 sport=41000 dport=443 src=2001:db8:1::1 dst=2001:db8::1 sport=443 dport=41000 mark=7
EOF
expect_kernel "nfct-mnl-create made the entry" -L <<'EOF'
tcp      6 T ESTABLISHED src=2001:db8::1 dst=2001:db8:1::1 sport=41000 dport=443 [UNREPLIED] src=2001:db8:1::1 dst=2001:db8::1 sport=443 dport=41000 mark=7 use=1
EOF

ex nfct-mnl-create
expect_rc 1 "nfct-mnl-create again"
expect_err "nfct-mnl-create says why" "File exists"

ex nfct-mnl-get
expect_rc 0 nfct-mnl-get
expect_out "nfct-mnl-get prints the entry" <<'EOF'
tcp      6 T ESTABLISHED src=2001:db8::1 dst=2001:db8:1::1 sport=41000 dport=443 [UNREPLIED] src=2001:db8:1::1 dst=2001:db8::1 sport=443 dport=41000 mark=7 use=2
EOF
same_as_kernel nfct-mnl-get -G -p tcp -s 2001:db8::1 -d 2001:db8:1::1 --sport 41000 --dport 443

setup observe -I -p udp -s 192.0.2.9 -d 198.51.100.9 --sport 1000 --dport 2000 -t 100 -m 3

ex nfct-mnl-dump
expect_rc 0 nfct-mnl-dump
EX_DROP='^[0-9]+ entries$' same_as_kernel nfct-mnl-dump -L
if [ "$(tail -n 1 "$T/out")" = "2 entries" ]; then
	pass "nfct-mnl-dump counts 2 entries"
else
	fail "nfct-mnl-dump: last line \"$(tail -n 1 "$T/out")\", want \"2 entries\""
fi

ex nfct-mnl-dump ipv4
expect_rc 0 "nfct-mnl-dump ipv4"
expect_out "nfct-mnl-dump ipv4 lists the IPv4 entry" <<'EOF'
udp      17 T src=192.0.2.9 dst=198.51.100.9 sport=1000 dport=2000 [UNREPLIED] src=198.51.100.9 dst=192.0.2.9 sport=2000 dport=1000 mark=3 use=1
1 entries
EOF

# ---- labels ---------------------------------------------------------------------

ex nfct-mnl-set-label web "$map"
expect_rc 0 "nfct-mnl-set-label web"
expect_out_sorted "nfct-mnl-set-label web labels both entries" <<'EOF'
label 1 added to: tcp      6 T ESTABLISHED src=2001:db8::1 dst=2001:db8:1::1 sport=41000 dport=443 [UNREPLIED] src=2001:db8:1::1 dst=2001:db8::1 sport=443 dport=41000 mark=7 use=1
label 1 added to: udp      17 T src=192.0.2.9 dst=198.51.100.9 sport=1000 dport=2000 [UNREPLIED] src=198.51.100.9 dst=192.0.2.9 sport=2000 dport=1000 mark=3 use=1
2 entries labelled
EOF

# A bit number needs no map; the label of bit 1 stays.
ex nfct-mnl-set-label 5
expect_rc 0 "nfct-mnl-set-label 5"

ex nfct-mnl-set-label nosuch "$map"
expect_rc 1 "nfct-mnl-set-label of an unknown name"
expect_err "nfct-mnl-set-label says why" "no label named nosuch"
ex nfct-mnl-set-label 128
expect_rc 1 "nfct-mnl-set-label of a bit too high"
expect_err "nfct-mnl-set-label says why" "label bit 128 above 127"

ex nfct-mnl-dump-labels "$map"
expect_rc 0 "nfct-mnl-dump-labels MAP"
expect_out_sorted "nfct-mnl-dump-labels shows both labels of both entries" <<'EOF'
tcp      6 T ESTABLISHED src=2001:db8::1 dst=2001:db8:1::1 sport=41000 dport=443 [UNREPLIED] src=2001:db8:1::1 dst=2001:db8::1 sport=443 dport=41000 mark=7 use=1 labels=web,blue
  labels: web(1) blue(5)
udp      17 T src=192.0.2.9 dst=198.51.100.9 sport=1000 dport=2000 [UNREPLIED] src=198.51.100.9 dst=192.0.2.9 sport=2000 dport=1000 mark=3 use=1 labels=web,blue
  labels: web(1) blue(5)
2 entries
EOF
cp "$T/out" "$T/labels-with-map"

if etc_labels "$map"; then
	# The same map at the default place: the library finds it alone,
	# and so does Debian's conntrack, which then shows the labels too.
	ex nfct-mnl-dump-labels
	expect_rc 0 "nfct-mnl-dump-labels (default map)"
	_compare "nfct-mnl-dump-labels reads the default map" "$T/labels-with-map" "$T/out" sort
	EX_DROP='^  labels: |^[0-9]+ entries$' same_as_kernel nfct-mnl-dump-labels -L -o labels
else
	skip "nfct-mnl-dump-labels with the default map: cannot overlay /etc here"
fi

# ---- delete, flushes --------------------------------------------------------------

ex nfct-mnl-del
expect_rc 0 nfct-mnl-del
expect_out "nfct-mnl-del says what it did" <<'EOF'
deleted: tcp [2001:db8::1]:41000 -> [2001:db8:1::1]:443
EOF
kernel_count "nfct-mnl-del removed the IPv6 entry" 0 -L -f ipv6
ex nfct-mnl-del
expect_rc 1 "nfct-mnl-del of a missing entry"
expect_err "nfct-mnl-del says why" "No such file or directory"

setup observe -I -p udp -s 2001:db8::9 -d 2001:db8:1::9 --sport 1000 --dport 2000 -t 100 -m 3
ex nfct-mnl-flush ipv6
expect_rc 0 "nfct-mnl-flush ipv6"
expect_out "nfct-mnl-flush ipv6 says what it did" <<'EOF'
flushed the conntrack table (ipv6)
EOF
expect_kernel "nfct-mnl-flush ipv6 kept the IPv4 entry" -L <<'EOF'
udp      17 T src=192.0.2.9 dst=198.51.100.9 sport=1000 dport=2000 [UNREPLIED] src=198.51.100.9 dst=192.0.2.9 sport=2000 dport=1000 mark=3 use=1
EOF

ex nfct-mnl-flush all 4
expect_rc 0 "nfct-mnl-flush all 4"
kernel_count "nfct-mnl-flush all 4 kept the entry with mark 3" 1 -L
ex nfct-mnl-flush all 0x3 0xf
expect_rc 0 "nfct-mnl-flush all 0x3 0xf"
expect_out "nfct-mnl-flush all 0x3 0xf says what it did" <<'EOF'
flushed the entries (all) with mark 0x3/0xf
EOF
kernel_count "nfct-mnl-flush all 0x3 0xf removed it" 0 -L

ex nfct-mnl-flush bogus
expect_rc 1 "nfct-mnl-flush with a bad argument"
expect_err "nfct-mnl-flush prints its usage" "usage: nfct-mnl-flush"

# The first eight events: two creations, two label passes over two
# entries, the deletion, the IPv6 entry made before the flushes. The order
# of each label pass is the kernel's hash order: compared sorted.
collect ev
expect_rc 0 "nfct-mnl-event 8"
expect_out_sorted "nfct-mnl-event saw the changes" <<'EOF'
listening
    [NEW] tcp      6 T ESTABLISHED src=2001:db8::1 dst=2001:db8:1::1 sport=41000 dport=443 [UNREPLIED] src=2001:db8:1::1 dst=2001:db8::1 sport=443 dport=41000 mark=7
    [NEW] udp      17 T src=192.0.2.9 dst=198.51.100.9 sport=1000 dport=2000 [UNREPLIED] src=198.51.100.9 dst=192.0.2.9 sport=2000 dport=1000 mark=3
 [UPDATE] tcp      6 T ESTABLISHED src=2001:db8::1 dst=2001:db8:1::1 sport=41000 dport=443 [UNREPLIED] src=2001:db8:1::1 dst=2001:db8::1 sport=443 dport=41000 mark=7
 [UPDATE] tcp      6 T ESTABLISHED src=2001:db8::1 dst=2001:db8:1::1 sport=41000 dport=443 [UNREPLIED] src=2001:db8:1::1 dst=2001:db8::1 sport=443 dport=41000 mark=7
 [UPDATE] udp      17 T src=192.0.2.9 dst=198.51.100.9 sport=1000 dport=2000 [UNREPLIED] src=198.51.100.9 dst=192.0.2.9 sport=2000 dport=1000 mark=3
 [UPDATE] udp      17 T src=192.0.2.9 dst=198.51.100.9 sport=1000 dport=2000 [UNREPLIED] src=198.51.100.9 dst=192.0.2.9 sport=2000 dport=1000 mark=3
[DESTROY] tcp      6 T ESTABLISHED src=2001:db8::1 dst=2001:db8:1::1 sport=41000 dport=443 [UNREPLIED] src=2001:db8:1::1 dst=2001:db8::1 sport=443 dport=41000 mark=7
    [NEW] udp      17 T src=2001:db8::9 dst=2001:db8:1::9 sport=1000 dport=2000 [UNREPLIED] src=2001:db8:1::9 dst=2001:db8::9 sport=2000 dport=1000 mark=3
8 events
EOF

ex nfct-mnl-event 0 1
expect_rc 0 "nfct-mnl-event 0 1 (quiet)"
expect_out "nfct-mnl-event 0 1 stops after a quiet second" <<'EOF'
listening
0 events
EOF
ex nfct-mnl-event 1 1
expect_rc 1 "nfct-mnl-event 1 1 (quiet)"
expect_err "nfct-mnl-event says what it missed" "no event for 1 seconds, saw 0 of 1"

ex_done
