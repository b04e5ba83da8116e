# conntrack: listing with filters (family, protocol, addresses and masks,
# ports, mark and mask, status, state, zones, NAT, labels). Some go to the
# kernel as dump filters, the others are applied by conntrack on the
# library's objects.

seed_filter() {
	seed_mix
	seed_nat_real
	rct -I -p tcp -s 192.0.2.20 -d 198.51.100.1 --sport 40020 --dport 80 --state ESTABLISHED -t 5000 -w 7 -m 0x102
	rct -I -p udp -s 192.0.2.21 -d 198.51.100.2 --sport 40021 --dport 53 -t 5000 --orig-zone 9
	rct -I -p udp -s 192.0.2.22 -d 198.51.100.2 --sport 40022 --dport 53 -t 5000 --reply-zone 9
}

# entries with the NAT status bits set
seed_nat_real() {
	rct -I -p tcp -s 192.0.2.10 -d 203.0.113.1 --sport 41000 --dport 80 --state ESTABLISHED -t 5000 --src-nat 198.51.100.10
	rct -I -p tcp -s 192.0.2.11 -d 203.0.113.1 --sport 41000 --dport 80 --state ESTABLISHED -t 5000 --dst-nat 198.51.100.20:8080
	rct -I -p udp -s 192.0.2.12 -d 203.0.113.1 --sport 41000 --dport 53 -t 5000 --src-nat 198.51.100.11:2000
}

scenario ct-filter-family "filter by family"
sc_ct_filter_family() {
	seed_filter
	ct -L -f ipv4
	ct -L -f ipv6
	ct -L -f ipv6 -o xml
	ct -L -f nosuch
}

scenario ct-filter-proto "filter by protocol"
sc_ct_filter_proto() {
	seed_filter
	local p
	for p in tcp udp udplite icmp icmpv6 sctp gre 253; do
		ct -L -p "$p"
	done
	ct -L -f ipv6 -p tcp
	ct -L -p nosuch
}

scenario ct-filter-addr "filter by original and reply addresses"
sc_ct_filter_addr() {
	seed_filter
	ct -L -s 192.0.2.1
	ct -L -d 198.51.100.2
	ct -L -s 192.0.2.1 -d 198.51.100.1
	ct -L -r 198.51.100.20
	ct -L -q 198.51.100.10
	ct -L --orig-src 192.0.2.3 --reply-src 198.51.100.2
	ct -L -s 203.0.113.99
}

scenario ct-filter-addr6 "filter by IPv6 addresses"
sc_ct_filter_addr6() {
	seed_filter
	ct -L -s 2001:db8::1
	ct -L -d 2001:db8:1::2
	ct -L -r 2001:db8:1::1 -q 2001:db8::1
	ct -L -s 2001:db8::1 -p icmpv6
}

scenario ct-filter-mask "filter by address with a mask (CIDR and --mask-src/dst)"
sc_ct_filter_mask() {
	seed_filter
	ct -L -s 192.0.2.0 --mask-src 255.255.255.0
	ct -L -s 192.0.2.0/24
	ct -L -d 198.51.100.0/30
	ct -L -s 192.0.2.16 --mask-src 255.255.255.240
	ct -L -s 2001:db8::/64
	ct -L -d 2001:db8:1:: --mask-dst ffff:ffff:ffff:ffff::
	ct -L -s 192.0.2.0/33
}

scenario ct-filter-port "filter by ports"
sc_ct_filter_port() {
	seed_filter
	ct -L -p tcp --dport 80
	ct -L -p udp --sport 40003
	ct -L -p tcp --orig-port-dst 80 --orig-port-src 41000
	ct -L -p tcp --reply-port-src 8080
	ct -L -p udp --reply-port-dst 2000
	ct -L -p sctp --dport 3868
	ct -L -p udplite --sport 40008
	ct -L -p tcp -f ipv6 --dport 22
}

scenario ct-filter-proto-fields "filter by ICMP, SCTP and GRE fields and TCP state"
sc_ct_filter_proto_fields() {
	seed_filter
	ct -L -p icmp --icmp-type 8
	ct -L -p icmp --icmp-id 4660
	ct -L -p icmpv6 --icmpv6-type 128 --icmpv6-code 0
	ct -L -p sctp --orig-vtag 10
	ct -L -p gre --srckey 0x100
	ct -L -p tcp --state ESTABLISHED
	ct -L -p tcp --state SYN_SENT
	ct -L -p sctp --state ESTABLISHED
}

scenario ct-filter-mark "filter by mark and mark/mask"
sc_ct_filter_mark() {
	seed_filter
	ct -L -m 1
	ct -L -m 0x11
	ct -L -m 0x2/0xff
	ct -L -m 0x0/0x1
	ct -L -m 0x100/0xf00
	ct -L -m 0
	ct -L -p udp -m 3
	ct -L -f ipv6 -m 5
}

scenario ct-filter-status "filter by status"
sc_ct_filter_status() {
	seed_filter
	ct -L -u ASSURED
	ct -L -u SEEN_REPLY
	ct -L -u SEEN_REPLY,ASSURED
	ct -L -u UNSET
	ct -L -u SRC_NAT
	ct -L -u DST_NAT
	ct -L -u EXPECTED
	ct -L -u NOSUCH
}

scenario ct-filter-zone "filter by zone, original and reply zone"
sc_ct_filter_zone() {
	seed_filter
	ct -L -w 7
	ct -L -w 0
	ct -L --orig-zone 9
	ct -L --reply-zone 9
	ct -L -w 7 -p tcp
	ct -L -w 8
}

scenario ct-filter-nat "filter by NAT"
sc_ct_filter_nat() {
	seed_filter
	ct -L --src-nat
	ct -L --dst-nat
	ct -L -n 198.51.100.10
	ct -L -n 198.51.100.11:2000
	ct -L -g 198.51.100.20
	ct -L -g 198.51.100.20:8080
	ct -L -j 198.51.100.20
	ct -L -j 198.51.100.10
	ct -L --any-nat
	ct -L -n 203.0.113.200
}

scenario ct-filter-label "filter by label"
sc_ct_filter_label() {
	labels_on
	seed_filter
	rct -U -p udp -s 192.0.2.1 -d 198.51.100.2 --sport 40003 --dport 53 --label-add web,db
	rct -U -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 --label-add web
	rct -U -p tcp -s 192.0.2.2 -d 198.51.100.1 --sport 40002 --dport 443 --label-add bit63
	ct -L -l web
	ct -L -l web,db
	ct -L -l db -l bit63
	ct -L -l last
	ct -L -l web -o labels
	ct -L -l nosuch
}

scenario ct-filter-combined "several filters at once"
sc_ct_filter_combined() {
	seed_filter
	ct -L -f ipv4 -p tcp -m 1 --dport 80
	ct -L -p udp -s 192.0.2.0/24 -u SEEN_REPLY
	ct -L -p tcp --state ESTABLISHED -d 203.0.113.1 --src-nat
	ct -L -f ipv6 -p udp -m 0 -o xml
	ct -L -p tcp -w 7 -m 0x102 -o extended,id
	ct -D -p udp -s 192.0.2.0/24 -m 3
	kstate -p udp
}

scenario ct-filter-expect "expectation table with filters (no master: empty)"
sc_ct_filter_expect() {
	seed_filter
	ct -L expect -f ipv4
	ct -L expect -p tcp
	ct -L expect -o xml
}
