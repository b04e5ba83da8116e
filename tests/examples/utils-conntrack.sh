#!/bin/bash
# The conntrack programs of utils/, in the order a user would run them:
# create (plain, NAT, with attribute groups, with a master), get, update,
# dump (whole, by mark, by tuple), filtered flush, delete, flush. After
# each change, Debian's conntrack (on the original library) shows what the
# kernel holds.
. "$(dirname "$0")/lib.sh"
ex_init "$@"

# ---- create, get, update ------------------------------------------------------

ut conntrack_create
expect_rc 0 conntrack_create
expect_out "conntrack_create prints the entry" <<'EOF'
created: tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40000 dport=80 src=198.51.100.1 dst=192.0.2.1 sport=80 dport=40000 mark=1
EOF
expect_kernel "conntrack_create made the entry" -L <<'EOF'
tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40000 dport=80 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=80 dport=40000 mark=1 use=1
EOF

ut conntrack_create
expect_rc 1 "conntrack_create of an existing entry"
expect_err "conntrack_create says why" "File exists"

ut conntrack_get
expect_rc 0 conntrack_get
expect_out "conntrack_get prints the entry" <<'EOF'
tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40000 dport=80 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=80 dport=40000 mark=1 use=2
EOF
same_as_kernel "conntrack_get" -G -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40000 --dport 80

ut conntrack_update
expect_rc 0 conntrack_update
expect_out "conntrack_update prints the changed entry" <<'EOF'
updated: tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40000 dport=80 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=80 dport=40000 [ASSURED] mark=2 use=2
EOF
expect_kernel "conntrack_update changed mark and status" -L <<'EOF'
tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40000 dport=80 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=80 dport=40000 [ASSURED] mark=2 use=1
EOF
timeout_left=$(awk '{ print $3 }' "$T/obs")
if [ "$timeout_left" -gt 250 ] && [ "$timeout_left" -le 300 ]; then
	pass "conntrack_update set the timeout (${timeout_left}s left of 300)"
else
	fail "conntrack_update: ${timeout_left}s left, want about 300"
fi

ut conntrack_create_nat
expect_rc 0 conntrack_create_nat
expect_out "conntrack_create_nat prints the entry" <<'EOF'
created: tcp      6 T ESTABLISHED src=192.0.2.2 dst=198.51.100.1 sport=40001 dport=80 src=198.51.100.1 dst=203.0.113.1 sport=80 dport=50001
source NAT: yes
EOF
expect_kernel "conntrack_create_nat made a source-NATed entry" -L --src-nat <<'EOF'
tcp      6 T ESTABLISHED src=192.0.2.2 dst=198.51.100.1 sport=40001 dport=80 [UNREPLIED] src=198.51.100.1 dst=203.0.113.1 sport=80 dport=50001 mark=0 use=1
EOF

ut conntrack_grp_create
expect_rc 0 conntrack_grp_create
expect_out "conntrack_grp_create prints the entry" <<'EOF'
created: udp      17 T src=192.0.2.3 dst=198.51.100.2 sport=40002 dport=53 src=198.51.100.2 dst=192.0.2.3 sport=53 dport=40002
EOF
expect_kernel "conntrack_grp_create made the entry" -L -p udp <<'EOF'
udp      17 T src=192.0.2.3 dst=198.51.100.2 sport=40002 dport=53 [UNREPLIED] src=198.51.100.2 dst=192.0.2.3 sport=53 dport=40002 mark=0 use=1
EOF

ut conntrack_master
expect_rc 0 conntrack_master
expect_out "conntrack_master prints both entries and the link" <<'EOF'
master: tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40020 dport=21 src=198.51.100.1 dst=192.0.2.1 sport=21 dport=40020
related: tcp      6 T ESTABLISHED src=198.51.100.1 dst=192.0.2.1 sport=20 dport=50020 src=192.0.2.1 dst=198.51.100.1 sport=50020 dport=20
read back: tcp      6 T ESTABLISHED src=198.51.100.1 dst=192.0.2.1 sport=20 dport=50020 [UNREPLIED] src=192.0.2.1 dst=198.51.100.1 sport=50020 dport=20 mark=0 use=2
its master: src=192.0.2.1 dst=198.51.100.1 sport=40020 dport=21
expected: yes
EOF
expect_kernel "conntrack_master: the related entry is EXPECTED" -L -u EXPECTED <<'EOF'
tcp      6 T ESTABLISHED src=198.51.100.1 dst=192.0.2.1 sport=20 dport=50020 [UNREPLIED] src=192.0.2.1 dst=198.51.100.1 sport=50020 dport=20 mark=0 use=1
EOF
# The master holds a reference of its related entry: use=2.
expect_kernel "conntrack_master: the master entry" -L -p tcp --dport 21 <<'EOF'
tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40020 dport=21 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=21 dport=40020 mark=0 use=2
EOF

# ---- dumps ------------------------------------------------------------------------

ut conntrack_dump
expect_rc 0 conntrack_dump
EX_DROP='^[0-9]+ entries$' same_as_kernel "conntrack_dump" -L
if [ "$(tail -n 1 "$T/out")" = "5 entries" ]; then
	pass "conntrack_dump counts 5 entries"
else
	fail "conntrack_dump: last line \"$(tail -n 1 "$T/out")\", want \"5 entries\""
fi

ut conntrack_dump ipv6
expect_rc 0 "conntrack_dump ipv6"
expect_out "conntrack_dump ipv6 finds nothing" <<'EOF'
0 entries
EOF

ut conntrack_dump bogus
expect_rc 1 "conntrack_dump with a bad argument"
expect_err "conntrack_dump prints its usage" "usage: conntrack_dump"

ut conntrack_dump_filter 2
expect_rc 0 "conntrack_dump_filter 2"
expect_out "conntrack_dump_filter 2: the entry with mark 2" <<'EOF'
tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40000 dport=80 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=80 dport=40000 [ASSURED] mark=2 use=1
1 entries with mark 0x2/0xffffffff
EOF

ut conntrack_dump_filter 0
expect_rc 0 "conntrack_dump_filter 0"
EX_DROP='entries with mark' same_as_kernel "conntrack_dump_filter 0" -L -m 0

# A mask: the kernel keeps the entries whose mark, masked, equals the value.
ut conntrack_dump_filter 0x2 0x3
expect_rc 0 "conntrack_dump_filter 0x2 0x3"
expect_out "conntrack_dump_filter 0x2 0x3: the mask applies" <<'EOF'
tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40000 dport=80 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=80 dport=40000 [ASSURED] mark=2 use=1
1 entries with mark 0x2/0x3
EOF

ut conntrack_dump_filter_tuple
expect_rc 0 conntrack_dump_filter_tuple
if is_reference; then
	# The original 1.0.9 has no tuple filter: it ignores the attribute
	# and dumps everything.
	skip "conntrack_dump_filter_tuple output: NFCT_FILTER_DUMP_TUPLE is an addition of 1.1.1"
else
	EX_DROP='entries to tcp' same_as_kernel "conntrack_dump_filter_tuple" \
		-L -p tcp -d 198.51.100.1 --dport 80
	expect_out_sorted "conntrack_dump_filter_tuple: both entries to port 80" <<'EOF'
tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40000 dport=80 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=80 dport=40000 [ASSURED] mark=2 use=1
tcp      6 T ESTABLISHED src=192.0.2.2 dst=198.51.100.1 sport=40001 dport=80 [UNREPLIED] src=198.51.100.1 dst=203.0.113.1 sport=80 dport=50001 mark=0 use=1
2 entries to tcp 198.51.100.1:80
EOF
	ut conntrack_dump_filter_tuple 198.51.100.1 21
	expect_rc 0 "conntrack_dump_filter_tuple 198.51.100.1 21"
	expect_out "conntrack_dump_filter_tuple: the FTP master" <<'EOF'
tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40020 dport=21 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=21 dport=40020 mark=0 use=2
1 entries to tcp 198.51.100.1:21
EOF
fi

# ---- delete, flushes ----------------------------------------------------------------

ut conntrack_delete
expect_rc 0 conntrack_delete
expect_out "conntrack_delete says what it did" <<'EOF'
deleted: tcp 192.0.2.1:40000 -> 198.51.100.1:80
EOF
kernel_count "conntrack_delete removed one entry of five" 4 -L
kernel_count "conntrack_delete removed the right one" 0 -L -p tcp -s 192.0.2.1 --dport 80

ut conntrack_delete
expect_rc 1 "conntrack_delete of a missing entry"
expect_err "conntrack_delete says why" "No such file or directory"

ut conntrack_get
expect_rc 1 "conntrack_get of a missing entry"
expect_err "conntrack_get says why" "No such file or directory"

# The four entries left have mark 0. One more has mark 5, and an IPv6 one
# mark 0: the filter names the family (IPv4) too.
setup observe -I -p udp -s 192.0.2.5 -d 198.51.100.5 --sport 1000 --dport 2000 -t 100 -m 5
setup observe -I -p udp -s 2001:db8::5 -d 2001:db8:1::5 --sport 1000 --dport 2000 -t 100
ut conntrack_flush_filter 0
expect_rc 0 "conntrack_flush_filter 0"
expect_out "conntrack_flush_filter 0 says what it did" <<'EOF'
flushed the ipv4 entries with mark 0x0/0xffffffff
EOF
if is_reference; then
	# The original 1.0.9 sends NFCT_Q_FLUSH_FILTER without its filter
	# (an empty flush request): the kernel flushes everything.
	skip "conntrack_flush_filter: the original 1.0.9 does not send the filter"
else
	expect_kernel "conntrack_flush_filter 0 kept the entry with mark 5 and the IPv6 one" -L <<'EOF'
udp      17 T src=192.0.2.5 dst=198.51.100.5 sport=1000 dport=2000 [UNREPLIED] src=198.51.100.5 dst=192.0.2.5 sport=2000 dport=1000 mark=5 use=1
udp      17 T src=2001:db8::5 dst=2001:db8:1::5 sport=1000 dport=2000 [UNREPLIED] src=2001:db8:1::5 dst=2001:db8::5 sport=2000 dport=1000 mark=0 use=1
EOF
fi

setup observe -I -p tcp -s 2001:db8::8 -d 2001:db8:1::8 --sport 1000 --dport 2000 -t 100 --state ESTABLISHED
kernel_count "an entry to flush" 1 -L -p tcp

ut conntrack_flush
expect_rc 0 conntrack_flush
expect_out "conntrack_flush says what it did" <<'EOF'
flushed the conntrack table
EOF
kernel_count "conntrack_flush emptied the table" 0 -L

ut conntrack_flush ipv4
expect_rc 1 "conntrack_flush takes no argument"
expect_err "conntrack_flush prints its usage" "usage: conntrack_flush"

ex_done
