# conntrack -E: event listeners under test (every event type, every
# output flag, event masks, the kernel-side BPF filters conntrack builds
# with the library's filter API and the filters it applies itself) while
# the original library makes the changes. Each listener is running and
# idle before the first change and has read every event before it stops.

# changes: new, updated and destroyed entries of every kind.
changes() {
	rct -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 --state ESTABLISHED -t 5000 -u SEEN_REPLY,ASSURED -m 1
	rct -I -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 -t 5000 -m 2 -w 7
	rct -I -p icmp -s 192.0.2.2 -d 198.51.100.3 --icmp-type 8 --icmp-code 0 --icmp-id 4660 -t 5000 -m 0x11
	rct -I -p tcp -s 2001:db8::1 -d 2001:db8:1::1 --sport 40005 --dport 22 --state SYN_SENT -t 5000 -m 5
	rct -I -p icmpv6 -s 2001:db8::1 -d 2001:db8:1::3 --icmpv6-type 128 --icmpv6-code 0 --icmpv6-id 4661 -t 5000
	rct -I -p sctp -s 192.0.2.4 -d 198.51.100.4 --sport 40007 --dport 3868 --state ESTABLISHED --orig-vtag 10 --reply-vtag 11 -t 5000
	rct -I -p gre -s 192.0.2.5 -d 198.51.100.5 --srckey 0x100 --dstkey 0x200 -t 5000
	rct -I -p udplite -s 2001:db8::6 -d 2001:db8:1::6 --sport 40008 --dport 5000 -t 5000
	rct -I -p tcp -s 192.0.2.10 -d 203.0.113.1 --sport 41000 --dport 80 --state ESTABLISHED -t 5000 --src-nat 198.51.100.10
	rct -I -p udp -s 192.0.2.11 -d 203.0.113.1 --sport 41001 --dport 53 -t 5000 --dst-nat 198.51.100.20:5353
	rct -U -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 -m 6
	rct -U -p udplite -s 2001:db8::6 -d 2001:db8:1::6 --sport 40008 --dport 5000 -u SEEN_REPLY -m 9
	rct -U -p icmp -s 192.0.2.2 -d 198.51.100.3 --icmp-type 8 --icmp-code 0 --icmp-id 4660 -t 600
	rct -U -p tcp -s 2001:db8::1 -d 2001:db8:1::1 --sport 40005 --dport 22 --state ESTABLISHED
	rct -D -p tcp -s 2001:db8::1 -d 2001:db8:1::1 --sport 40005 --dport 22
	rct -D -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 -w 7
	rct -D -p icmp -s 192.0.2.2 -d 198.51.100.3 --icmp-type 8 --icmp-code 0 --icmp-id 4660
	rct -D -p tcp -s 192.0.2.10 -d 203.0.113.1 --sport 41000 --dport 80
}

scenario ev-all "all events, default output"
sc_ev_all() { ev_start; changes; ev_stop; }

scenario ev-conntrack-table "-E conntrack (table named)"
sc_ev_conntrack_table() { ev_start conntrack; changes; ev_stop; }

scenario ev-mask-new "event mask NEW"
sc_ev_mask_new() { ev_start -e NEW; changes; ev_stop; }

scenario ev-mask-update "event mask UPDATE"
sc_ev_mask_update() { ev_start -e UPDATE; changes; ev_stop; }

scenario ev-mask-destroy "event mask DESTROY"
sc_ev_mask_destroy() { ev_start -e DESTROY; changes; ev_stop; }

scenario ev-mask-combo "event masks NEW,DESTROY and ALL"
sc_ev_mask_combo() { ev_start -e NEW,DESTROY; ev_start -e ALL; changes; ev_stop; }

scenario ev-filter-proto "kernel filter by protocol"
sc_ev_filter_proto() {
	ev_start -p udp
	ev_start -p icmpv6
	ev_start -p tcp -e NEW
	changes
	ev_stop
}

scenario ev-filter-addr "kernel filter by IPv4 addresses"
sc_ev_filter_addr() {
	ev_start -s 192.0.2.1
	ev_start -d 198.51.100.1
	ev_start -s 192.0.2.0/24 -p tcp
	changes
	ev_stop
}

scenario ev-filter-addr6 "kernel filter by IPv6 addresses"
sc_ev_filter_addr6() {
	ev_start -s 2001:db8::1
	ev_start -d 2001:db8:1::6
	changes
	ev_stop
}

scenario ev-filter-mark "filter by mark and mark/mask"
sc_ev_filter_mark() {
	ev_start -m 6
	ev_start -m 0x1/0x1
	changes
	ev_stop
}

scenario ev-filter-zone-reply "filter by zone and by reply addresses"
sc_ev_filter_zone_reply() {
	ev_start -w 7
	ev_start --orig-zone 7 -e NEW
	ev_start -r 198.51.100.20
	ev_start -q 198.51.100.10 -e DESTROY
	changes
	ev_stop
}

scenario ev-filter-port-nat "filter by port and by NAT"
sc_ev_filter_port_nat() {
	ev_start -p tcp --dport 80
	ev_start --src-nat
	ev_start -g 198.51.100.20
	changes
	ev_stop
}

scenario ev-out-xml "events as XML"
sc_ev_out_xml() { ev_start -o xml; changes; ev_stop; }

scenario ev-out-extended-id "events with -o extended,id"
sc_ev_out_extended_id() { ev_start -o extended,id; changes; ev_stop; }

scenario ev-out-timestamp "events with time stamps (user and kernel)"
sc_ev_out_timestamp() {
	sysctl_set net.netfilter.nf_conntrack_timestamp 1
	ev_start -o timestamp
	ev_start -o ktimestamp
	ev_start -o xml,timestamp
	changes
	ev_stop
}

scenario ev-out-userspace "events with -o userspace (origin of the change)"
sc_ev_out_userspace() { ev_start -o userspace; changes; ev_stop; }

scenario ev-counters "destroy events with counters and delta-time"
sc_ev_counters() {
	sysctl_set net.netfilter.nf_conntrack_acct 1
	sysctl_set net.netfilter.nf_conntrack_timestamp 1
	ev_start -e DESTROY
	ev_start -e DESTROY -o xml
	changes
	ev_stop
}

scenario ev-labels "events of label changes, -o labels"
sc_ev_labels() {
	labels_on
	ev_start -o labels
	ev_start -o xml,labels
	ev_start -l web -o labels
	rct -I -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 -t 5000
	rct -U -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 --label-add web
	rct -U -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 --label-add bit63,last
	rct -U -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 --label-del web
	rct -D -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53
	ev_stop
}

scenario ev-flush "destroy events of a flush"
sc_ev_flush() {
	seed_mix
	ev_start
	ev_start -e DESTROY -p udp
	rct -F
	ev_stop sorted
}

scenario ev-buffer "events with a socket buffer size (-b)"
sc_ev_buffer() { ev_start -b 2097152 -e NEW; changes; ev_stop; }

scenario ev-made-by-ours "events of changes made by conntrack under test"
sc_ev_made_by_ours() {
	ev_start
	ct -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 --state ESTABLISHED -t 5000
	ct -U -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 -m 77
	ct -D -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80
	ev_stop
}
