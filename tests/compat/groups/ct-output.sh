# conntrack: every output format (-o) on a table holding every protocol,
# NAT, zones, marks, labels, counters and timestamps.

# seed_rich: seed_mix + NAT + labels, with accounting and timestamps on.
seed_rich() {
	sysctl_set net.netfilter.nf_conntrack_acct 1
	sysctl_set net.netfilter.nf_conntrack_timestamp 1
	labels_on
	seed_mix
	rct -I -p tcp -s 192.0.2.10 -d 203.0.113.1 --sport 41000 --dport 80 --state ESTABLISHED -t 5000 --src-nat 198.51.100.10 -u SEEN_REPLY
	rct -I -p tcp -s 192.0.2.11 -d 203.0.113.1 --sport 41000 --dport 80 --state ESTABLISHED -t 5000 --dst-nat 198.51.100.20:8080 -m 0x20
	rct -U -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 --label-add web,bit63
	rct -U -p tcp -s 2001:db8::1 -d 2001:db8:1::1 --sport 40005 --dport 22 --label-add last
}

scenario ct-out-default "default output of every kind of entry"
sc_ct_out_default() { seed_rich; ct -L; }

scenario ct-out-extended "-o extended"
sc_ct_out_extended() { seed_rich; ct -L -o extended; }

scenario ct-out-xml "-o xml"
sc_ct_out_xml() { seed_rich; ct -L -o xml; }

scenario ct-out-xml-all "-o xml with every flag"
sc_ct_out_xml_all() { seed_rich; ct -L -o xml,extended,id,timestamp,labels; }

scenario ct-out-id "-o id"
sc_ct_out_id() { seed_rich; ct -L -o id; ct -L -o extended,id; }

scenario ct-out-timestamp "-o timestamp and -o ktimestamp"
sc_ct_out_timestamp() {
	seed_rich
	ct -L -o timestamp
	ct -L -o ktimestamp
	ct -L -o extended,ktimestamp
}

scenario ct-out-labels "-o labels (names from connlabel.conf)"
sc_ct_out_labels() { seed_rich; ct -L -o labels; ct -L -o extended,labels; }

scenario ct-out-all "-o extended,id,timestamp,labels, and without extended"
sc_ct_out_all() {
	seed_rich
	ct -L -o extended,id,timestamp,labels
	ct -L -o id,timestamp,labels
}

scenario ct-out-save "-o save"
sc_ct_out_save() { seed_rich; ct -L -o save; }

scenario ct-out-userspace "-o userspace on a dump"
sc_ct_out_userspace() { seed_rich; ct -L -o userspace; }

scenario ct-out-noacct "output without accounting and timestamps"
sc_ct_out_noacct() {
	seed_mix
	seed_nat
	ct -L -o extended
	ct -L -o xml
}

scenario ct-out-bad "unknown output format"
sc_ct_out_bad() { seed_mix; ct -L -o nosuch; ct -L -o xml,nosuch; }
