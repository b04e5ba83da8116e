#!/bin/bash
# The expectation programs of utils/: create (plain, with NAT attributes,
# as a userspace helper would), get, dump, delete, flush, while
# expect_events and ctexp_events (both tables on one handle) listen. Each
# creation makes its master entry first, with the kernel's ftp helper.
. "$(dirname "$0")/lib.sh"
ex_init "$@"

listen exp "$UTILS/expect_events" 4 10
listen both "$UTILS/ctexp_events" 7 10

ut expect_create
expect_rc 0 expect_create
expect_out "expect_create prints the master and the expectation" <<'EOF'
master: tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40021 dport=21 src=198.51.100.1 dst=192.0.2.1 sport=21 dport=40021 helper=ftp
expectation: 300 proto=6 src=198.51.100.1 dst=192.0.2.1 sport=0 dport=50021 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.1 master-dst=198.51.100.1 sport=40021 dport=21
EOF
expect_kernel "expect_create made the expectation" -L expect <<'EOF'
300 proto=6 src=198.51.100.1 dst=192.0.2.1 sport=0 dport=50021 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.1 master-dst=198.51.100.1 sport=40021 dport=21 class=0 helper=ftp
EOF
expect_kernel "expect_create made the master, with its helper" -L <<'EOF'
tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40021 dport=21 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=21 dport=40021 mark=0 helper=ftp use=1
EOF

ut expect_create
expect_rc 1 "expect_create again"
expect_err "expect_create says why" "cannot create the master: File exists"

ut expect_get
expect_rc 0 expect_get
expect_out "expect_get prints the expectation" <<'EOF'
300 proto=6 src=198.51.100.1 dst=192.0.2.1 sport=0 dport=50021 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.1 master-dst=198.51.100.1 sport=40021 dport=21 class=0 helper=ftp
EOF
same_as_kernel expect_get -L expect

ut expect_create_nat
expect_rc 0 expect_create_nat
expect_out "expect_create_nat prints the master, the expectation, the NAT kept" <<'EOF'
master: tcp      6 T ESTABLISHED src=192.0.2.2 dst=198.51.100.1 sport=40022 dport=21 src=198.51.100.1 dst=203.0.113.1 sport=21 dport=40022 helper=ftp
expectation: 300 proto=6 src=198.51.100.1 dst=203.0.113.1 sport=0 dport=50022 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.2 master-dst=198.51.100.1 sport=40022 dport=21
nat: none
EOF
expect_kernel "expect_create_nat made a source-NATed master" -L --src-nat <<'EOF'
tcp      6 T ESTABLISHED src=192.0.2.2 dst=198.51.100.1 sport=40022 dport=21 [UNREPLIED] src=198.51.100.1 dst=203.0.113.1 sport=21 dport=40022 mark=0 helper=ftp use=1
EOF

ut expect_create_userspace
expect_rc 0 expect_create_userspace
expect_out "expect_create_userspace prints what it asked for and what the kernel kept" <<'EOF'
master: tcp      6 T ESTABLISHED src=192.0.2.3 dst=198.51.100.1 sport=40023 dport=21 src=198.51.100.1 dst=192.0.2.3 sport=21 dport=40023 helper=ftp
expectation: 300 proto=6 src=198.51.100.1 dst=192.0.2.3 sport=0 dport=50023 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.3 master-dst=198.51.100.1 sport=40023 dport=21 PERMANENT class=0 helper=ftp
read back: 300 proto=6 src=198.51.100.1 dst=192.0.2.3 sport=0 dport=50023 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.3 master-dst=198.51.100.1 sport=40023 dport=21 PERMANENT class=0 helper=ftp
flags: 0x1
EOF

ut expect_dump
expect_rc 0 expect_dump
EX_DROP='^[0-9]+ expectations$' same_as_kernel expect_dump -L expect
expect_out_sorted "expect_dump lists the three expectations" <<'EOF'
300 proto=6 src=198.51.100.1 dst=192.0.2.1 sport=0 dport=50021 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.1 master-dst=198.51.100.1 sport=40021 dport=21 class=0 helper=ftp
300 proto=6 src=198.51.100.1 dst=203.0.113.1 sport=0 dport=50022 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.2 master-dst=198.51.100.1 sport=40022 dport=21 class=0 helper=ftp
300 proto=6 src=198.51.100.1 dst=192.0.2.3 sport=0 dport=50023 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.3 master-dst=198.51.100.1 sport=40023 dport=21 PERMANENT class=0 helper=ftp
3 expectations
EOF

ut expect_dump ipv6
expect_rc 0 "expect_dump ipv6"
expect_out "expect_dump ipv6 finds nothing" <<'EOF'
0 expectations
EOF

ut expect_delete
expect_rc 0 expect_delete
expect_out "expect_delete says what it did" <<'EOF'
deleted: expectation of tcp 198.51.100.1 -> 192.0.2.1:50021
EOF
expect_kernel "expect_delete removed that one only" -L expect <<'EOF'
300 proto=6 src=198.51.100.1 dst=203.0.113.1 sport=0 dport=50022 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.2 master-dst=198.51.100.1 sport=40022 dport=21 class=0 helper=ftp
300 proto=6 src=198.51.100.1 dst=192.0.2.3 sport=0 dport=50023 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.3 master-dst=198.51.100.1 sport=40023 dport=21 PERMANENT class=0 helper=ftp
EOF
kernel_count "expect_delete left the masters" 3 -L -p tcp --dport 21

ut expect_delete
expect_rc 1 "expect_delete of a missing expectation"
expect_err "expect_delete says why" "No such file or directory"
ut expect_get
expect_rc 1 "expect_get of a missing expectation"
expect_err "expect_get says why" "No such file or directory"

collect exp
expect_rc 0 "expect_events 4"
expect_out "expect_events saw three creations and a deletion" <<'EOF'
listening
    [NEW] 300 proto=6 src=198.51.100.1 dst=192.0.2.1 sport=0 dport=50021 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.1 master-dst=198.51.100.1 sport=40021 dport=21 class=0 helper=ftp
    [NEW] 300 proto=6 src=198.51.100.1 dst=203.0.113.1 sport=0 dport=50022 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.2 master-dst=198.51.100.1 sport=40022 dport=21 class=0 helper=ftp
    [NEW] 300 proto=6 src=198.51.100.1 dst=192.0.2.3 sport=0 dport=50023 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.3 master-dst=198.51.100.1 sport=40023 dport=21 PERMANENT class=0 helper=ftp
[DESTROY] 300 proto=6 src=198.51.100.1 dst=192.0.2.1 sport=0 dport=50021 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.1 master-dst=198.51.100.1 sport=40021 dport=21 class=0 helper=ftp
4 events
EOF

collect both
expect_rc 0 "ctexp_events 7"
expect_out "ctexp_events saw the masters and the expectations, in order" <<'EOF'
listening
conntrack     [NEW] tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=40021 dport=21 [UNREPLIED] src=198.51.100.1 dst=192.0.2.1 sport=21 dport=40021 mark=0 helper=ftp
expect     [NEW] 300 proto=6 src=198.51.100.1 dst=192.0.2.1 sport=0 dport=50021 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.1 master-dst=198.51.100.1 sport=40021 dport=21 class=0 helper=ftp
conntrack     [NEW] tcp      6 T ESTABLISHED src=192.0.2.2 dst=198.51.100.1 sport=40022 dport=21 [UNREPLIED] src=198.51.100.1 dst=203.0.113.1 sport=21 dport=40022 mark=0 helper=ftp
expect     [NEW] 300 proto=6 src=198.51.100.1 dst=203.0.113.1 sport=0 dport=50022 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.2 master-dst=198.51.100.1 sport=40022 dport=21 class=0 helper=ftp
conntrack     [NEW] tcp      6 T ESTABLISHED src=192.0.2.3 dst=198.51.100.1 sport=40023 dport=21 [UNREPLIED] src=198.51.100.1 dst=192.0.2.3 sport=21 dport=40023 mark=0 helper=ftp
expect     [NEW] 300 proto=6 src=198.51.100.1 dst=192.0.2.3 sport=0 dport=50023 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.3 master-dst=198.51.100.1 sport=40023 dport=21 PERMANENT class=0 helper=ftp
expect [DESTROY] 300 proto=6 src=198.51.100.1 dst=192.0.2.1 sport=0 dport=50021 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.1 master-dst=198.51.100.1 sport=40021 dport=21 class=0 helper=ftp
7 events
EOF

ut expect_flush
expect_rc 0 expect_flush
expect_out "expect_flush says what it did" <<'EOF'
flushed the expectation table
EOF
kernel_count "expect_flush emptied the expectation table" 0 -L expect
kernel_count "expect_flush left the masters" 3 -L -p tcp --dport 21

ut expect_dump
expect_rc 0 "expect_dump of an empty table"
expect_out "expect_dump of an empty table" <<'EOF'
0 expectations
EOF

ex_done
