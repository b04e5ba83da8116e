# conntrack: the commands on the conntrack table (-L -G -I -U -D -F -C -S,
# the dying and unconfirmed lists, --load-file), every protocol, both
# families. After a change, "[original] $ conntrack -L" shows what the
# kernel holds, as the original library sees it.

scenario ct-list-empty "list an empty table, plain and extended"
sc_ct_list_empty() {
	ct -L
	ct -L conntrack -o extended
}

scenario ct-list-mix "list entries of every protocol and family"
sc_ct_list_mix() {
	seed_mix
	ct -L
	ct -L conntrack
}

scenario ct-create-tcp "create a TCP entry (IPv4)"
sc_ct_create_tcp() {
	ct -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 --state ESTABLISHED -t 5000
	ct -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40002 --dport 80 --state SYN_RECV -t 5000 -u SEEN_REPLY
	ct -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40003 --dport 80 --state TIME_WAIT -t 5000 -u SEEN_REPLY,ASSURED
	kstate
}

scenario ct-create-tcp6 "create a TCP entry (IPv6)"
sc_ct_create_tcp6() {
	ct -I -p tcp -s 2001:db8::1 -d 2001:db8:1::1 --sport 40001 --dport 443 --state ESTABLISHED -t 5000 -u SEEN_REPLY
	ct -I -p tcp -s 2001:db8::1 -d 2001:db8:1::1 --sport 40002 --dport 443 --state CLOSE_WAIT -t 5000
	kstate
}

scenario ct-create-udp "create UDP entries (IPv4, IPv6)"
sc_ct_create_udp() {
	ct -I -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 -t 5000
	ct -I -p udp -s 2001:db8::2 -d 2001:db8:1::2 --sport 40006 --dport 53 -t 5000 -u SEEN_REPLY
	kstate
}

scenario ct-create-udplite "create a UDP-Lite entry"
sc_ct_create_udplite() {
	ct -I -p udplite -s 192.0.2.6 -d 198.51.100.6 --sport 40008 --dport 5000 -t 5000
	ct -I -p udplite -s 2001:db8::6 -d 2001:db8:1::6 --sport 40008 --dport 5000 -t 5000
	kstate
}

scenario ct-create-icmp "create ICMP echo entries"
sc_ct_create_icmp() {
	ct -I -p icmp -s 192.0.2.1 -d 198.51.100.3 --icmp-type 8 --icmp-code 0 --icmp-id 4660 -t 5000
	ct -I -p icmp -s 192.0.2.1 -d 198.51.100.3 --icmp-type 13 --icmp-code 0 --icmp-id 7 -t 5000
	kstate
}

scenario ct-create-icmpv6 "create ICMPv6 echo entries"
sc_ct_create_icmpv6() {
	ct -I -p icmpv6 -s 2001:db8::1 -d 2001:db8:1::3 --icmpv6-type 128 --icmpv6-code 0 --icmpv6-id 4661 -t 5000
	ct -I -p ipv6-icmp -s 2001:db8::1 -d 2001:db8:1::4 --icmpv6-type 128 --icmpv6-code 0 --icmpv6-id 1 -t 5000
	kstate
}

scenario ct-create-sctp "create SCTP entries with states and vtags"
sc_ct_create_sctp() {
	ct -I -p sctp -s 192.0.2.4 -d 198.51.100.4 --sport 40007 --dport 3868 --state ESTABLISHED --orig-vtag 10 --reply-vtag 11 -t 5000
	ct -I -p sctp -s 192.0.2.4 -d 198.51.100.4 --sport 40008 --dport 3868 --state COOKIE_WAIT --orig-vtag 0x1234 --reply-vtag 0 -t 5000
	ct -I -p sctp -s 2001:db8::4 -d 2001:db8:1::4 --sport 40009 --dport 3868 --state SHUTDOWN_SENT --orig-vtag 1 --reply-vtag 2 -t 5000
	kstate
	ct -L -p sctp -o xml
}

scenario ct-create-dccp "DCCP: this kernel has no DCCP tracker (error compared)"
sc_ct_create_dccp() {
	ct -I -p dccp -s 192.0.2.7 -d 198.51.100.7 --sport 40010 --dport 5004 --state OPEN --role client -t 5000
	ct -I -p dccp -s 192.0.2.7 -d 198.51.100.7 --sport 40010 --dport 5004 -t 5000
	ct -L -p dccp
	kstate
}

scenario ct-create-gre "create a GRE entry with keys"
sc_ct_create_gre() {
	ct -I -p gre -s 192.0.2.5 -d 198.51.100.5 --srckey 0x100 --dstkey 0x200 -t 5000
	ct -I -p gre -s 2001:db8::5 -d 2001:db8:1::5 --srckey 7 --dstkey 8 -t 5000
	kstate
}

scenario ct-create-generic "create an entry of a protocol without tracker (generic)"
sc_ct_create_generic() {
	ct -I -p 253 -s 192.0.2.8 -d 198.51.100.8 -t 5000
	ct -I -p 50 -s 2001:db8::8 -d 2001:db8:1::8 -t 5000
	kstate
}

scenario ct-create-attrs "create with mark, zone, status, explicit reply tuple"
sc_ct_create_attrs() {
	ct -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40011 --dport 80 --state ESTABLISHED -t 5000 -m 0xdeadbeef -w 12 -u SEEN_REPLY,ASSURED
	ct -I -p udp -s 192.0.2.1 -d 198.51.100.2 -r 198.51.100.2 -q 192.0.2.1 --sport 40012 --dport 53 --reply-port-src 53 --reply-port-dst 40012 -t 5000 --orig-zone 3 --reply-zone 4
	ct -I -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40013 --dport 53 -t 5000 -w 65535
	kstate
}

scenario ct-create-nat "create with source and destination NAT"
sc_ct_create_nat() {
	ct -I -p tcp -s 192.0.2.10 -d 203.0.113.1 --sport 41000 --dport 80 --state ESTABLISHED -t 5000 --src-nat 198.51.100.10
	ct -I -p tcp -s 192.0.2.11 -d 203.0.113.1 --sport 41000 --dport 80 --state ESTABLISHED -t 5000 --dst-nat 198.51.100.20:8080
	ct -I -p udp -s 192.0.2.12 -d 203.0.113.1 --sport 41000 --dport 53 -t 5000 --src-nat 198.51.100.11:2000
	kstate
}

scenario ct-create-errors "create: duplicate entry, bad state, missing options"
sc_ct_create_errors() {
	rct -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 --state ESTABLISHED -t 5000
	ct -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 --state ESTABLISHED -t 5000
	ct -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40002 --dport 80 --state NOSUCH -t 5000
	ct -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40003 --dport 80 -t 5000
	ct -I -p udp -s 192.0.2.1 -d 198.51.100.1 --sport 40004 --dport 80
	ct -I -p udp -s 192.0.2.1 -d 2001:db8::1 --sport 40005 --dport 80 -t 10
	kstate
}

scenario ct-get "get entries by tuple, every protocol"
sc_ct_get() {
	seed_mix
	ct -G -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80
	ct -G -p udp -s 192.0.2.3 -d 198.51.100.2 --sport 40004 --dport 123 -w 7
	ct -G -p icmp -s 192.0.2.1 -d 198.51.100.3 --icmp-type 8 --icmp-code 0 --icmp-id 4660
	ct -G -p tcp -s 2001:db8::1 -d 2001:db8:1::1 --sport 40005 --dport 22
	ct -G -p icmpv6 -s 2001:db8::1 -d 2001:db8:1::3 --icmpv6-type 128 --icmpv6-code 0 --icmpv6-id 4661
	ct -G -p sctp -s 192.0.2.4 -d 198.51.100.4 --sport 40007 --dport 3868
	ct -G -p gre -s 192.0.2.5 -d 198.51.100.5 --srckey 0x100 --dstkey 0x200
	ct -G -p udplite -s 192.0.2.6 -d 198.51.100.6 --sport 40008 --dport 5000
}

scenario ct-get-formats "get one entry in every output format"
sc_ct_get_formats() {
	sysctl_set net.netfilter.nf_conntrack_timestamp 1
	sysctl_set net.netfilter.nf_conntrack_acct 1
	seed_mix
	local t="-p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80"
	ct -G $t -o extended
	ct -G $t -o xml
	ct -G $t -o id
	ct -G $t -o timestamp
	ct -G $t -o ktimestamp
	ct -G $t -o labels
	ct -G $t -o save
	ct -G $t -o xml,id,timestamp
	ct -G $t -o extended,id
}

scenario ct-get-missing "get: no such entry, reply tuple lookup, wrong zone"
sc_ct_get_missing() {
	seed_mix
	ct -G -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 81
	ct -G -p tcp -r 198.51.100.1 -q 192.0.2.1 --reply-port-src 80 --reply-port-dst 40001
	ct -G -p udp -s 192.0.2.3 -d 198.51.100.2 --sport 40004 --dport 123
	ct -G -p udp -s 192.0.2.3 -d 198.51.100.2 --sport 40004 --dport 123 -w 8
}

scenario ct-delete "delete by tuple, with and without zone"
sc_ct_delete() {
	seed_mix
	ct -D -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80
	ct -D -p udp -s 192.0.2.3 -d 198.51.100.2 --sport 40004 --dport 123 -w 7
	ct -D -p icmpv6 -s 2001:db8::1 -d 2001:db8:1::3 --icmpv6-type 128 --icmpv6-code 0 --icmpv6-id 4661
	ct -D -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80
	kstate
}

scenario ct-delete-filter "delete every entry matching a filter"
sc_ct_delete_filter() {
	seed_mix
	ct -D -p udp
	ct -D -f ipv6
	ct -D -s 192.0.2.1
	ct -D -m 2
	ct -D -p sctp --state ESTABLISHED
	kstate
	ct -D
	kstate
}

scenario ct-update-mark "update the mark of one entry and of many"
sc_ct_update_mark() {
	seed_mix
	ct -U -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 -m 42
	ct -U -p tcp -s 2001:db8::1 -d 2001:db8:1::1 --sport 40005 --dport 22 -m 0xffffffff
	ct -U -p udp -m 7
	ct -U -m 1 -m 99
	ct -U -p icmp -s 192.0.2.1 -d 198.51.100.3 --icmp-type 8 --icmp-code 0 --icmp-id 4660 -m 0
	kstate
}

scenario ct-update-timeout-status "update timeout and status"
sc_ct_update_timeout_status() {
	rct -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 --state ESTABLISHED -t 5000
	rct -I -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 -t 5000
	ct -U -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 -t 700
	ct -U -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 -u SEEN_REPLY
	ct -U -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 -u ASSURED -t 900
	ct -U -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 --state FIN_WAIT
	ct -U -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40009 --dport 80 -m 1
	kstate
}

scenario ct-update-labels "add and delete connection labels (connlabel.conf)"
sc_ct_update_labels() {
	labels_on
	rct -I -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 -t 5000 -m 3
	rct -I -p udp -s 192.0.2.2 -d 198.51.100.2 --sport 40003 --dport 53 -t 5000 -m 3
	ct -U -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 --label-add blue
	ct -U -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 --label-add web,db
	ct -U -p udp -s 192.0.2.2 --label-add bit63
	ct -U -p udp -s 192.0.2.2 --label-add last,zero,bit31,bit32
	ct -U -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 --label-del blue
	ct -U -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 --label-add nosuch
	kstate -o labels
	ct -U -p udp -s 192.0.2.2 -d 198.51.100.2 --sport 40003 --dport 53 --label-del
	kstate -o labels
}

scenario ct-flush "flush the whole table and one family"
sc_ct_flush() {
	seed_mix
	ct -F -f ipv6
	kstate
	ct -F
	kstate
	ct -F conntrack
}

scenario ct-count-stats "count (-C) and statistics (-S)"
sc_ct_count_stats() {
	seed_mix
	ct -C
	ct -C conntrack
	ct -S
	ct -F
	ct -C
}

scenario ct-dying-unconfirmed "the dying and unconfirmed lists"
sc_ct_dying_unconfirmed() {
	seed_mix
	ct -L dying
	ct -L unconfirmed
	ct -L dying -o xml
}

scenario ct-load-file "run commands from a file (-R / --load-file)"
sc_ct_load_file() {
	cat >"$COMPAT_T/batch" <<-'EOF'
	-I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 --state ESTABLISHED -t 5000
	-I -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 -t 5000 -m 5
	-I -p udp -s 192.0.2.2 -d 198.51.100.2 --sport 40003 --dport 53 -t 5000
	-D -p udp -s 192.0.2.2 -d 198.51.100.2 --sport 40003 --dport 53
	-U -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 -m 6
	EOF
	ct -R "$COMPAT_T/batch"
	kstate
	printf '%s\n' '-F' >"$COMPAT_T/batch2"
	ct --load-file "$COMPAT_T/batch2"
	kstate
}

scenario ct-save-restore "save the table (-o save) and load it back"
sc_ct_save_restore() {
	seed_mix
	ut conntrack -L -o save >"$COMPAT_T/saved" 2>/dev/null
	# the timeouts count down: pin them before comparing
	sed -i 's/-t [0-9]*/-t 4000/' "$COMPAT_T/saved"
	sort "$COMPAT_T/saved"
	rct -F
	ct -R "$COMPAT_T/saved"
	kstate
}

scenario ct-buffer-zero "list with a socket buffer size and zero the counters"
sc_ct_buffer_zero() {
	sysctl_set net.netfilter.nf_conntrack_acct 1
	seed_mix
	ct -L -b 1048576
	ct -L -z -p tcp
	kstate
}
