# Real traffic through a stateful, NATing firewall (see topo_fw in
# lib.sh): TCP, UDP, ICMP and ICMPv6 with fixed ports and identifiers, an
# FTP session through the ftp helper. The entries and events it makes on
# the firewall are listed and watched through the library under test.

scenario tr-tcp-masq "TCP through masquerade: events and table"
sc_tr_tcp_masq() {
	topo_fw
	on fw ev_start
	on fw ev_start -o extended,id
	on srv serve web tcp-server 198.51.100.2 80
	on cli traffic tcp-client 192.0.2.2 40100 198.51.100.2 80
	on fw ev_stop
	on fw ct -L -o extended
	on fw ct -L --src-nat -p tcp
	on fw ct -G -p tcp -s 192.0.2.2 -d 198.51.100.2 --sport 40100 --dport 80 -o xml
}

scenario tr-udp-icmp "UDP, ICMP and ICMPv6 through the firewall"
sc_tr_udp_icmp() {
	topo_fw
	on fw ev_start
	on fw ev_start -o xml
	on srv serve dns udp-server 198.51.100.2 53
	on cli traffic udp-client 192.0.2.2 40200 198.51.100.2 53
	on cli traffic ping 192.0.2.2 198.51.100.2 0x4242
	on cli traffic ping 2001:db8:1::2 2001:db8:2::2 0x4243
	on fw ev_stop
	on fw ct -L
	on fw ct -L -f ipv6 -o extended
	on fw ct -L -p icmp -o xml
}

scenario tr-dnat "port forwarding (DNAT) of TCP and UDP"
sc_tr_dnat() {
	topo_fw
	on fw ev_start --dst-nat
	on cli serve web tcp-server 192.0.2.2 80
	on cli serve dns udp-server 192.0.2.2 53
	on srv traffic tcp-client 198.51.100.2 40300 198.51.100.1 8080
	on srv traffic udp-client 198.51.100.2 40301 198.51.100.1 5353
	on fw ev_stop
	on fw ct -L --dst-nat
	on fw ct -L -g 192.0.2.2
	on fw ct -L -g 192.0.2.2:53 -p udp
	on fw ct -L -j 192.0.2.2 -o xml
	on fw ct -G -p udp -s 198.51.100.2 -d 198.51.100.1 --sport 40301 --dport 5353
}

scenario tr-ipv6 "IPv6 TCP and UDP through masquerade"
sc_tr_ipv6() {
	topo_fw
	on fw ev_start -f ipv6
	on srv serve web tcp-server 2001:db8:2::2 80
	on srv serve dns udp-server 2001:db8:2::2 53
	on cli traffic tcp-client 2001:db8:1::2 40400 2001:db8:2::2 80
	on cli traffic udp-client 2001:db8:1::2 40401 2001:db8:2::2 53
	on fw ev_stop
	on fw ct -L -f ipv6
	on fw ct -L -f ipv6 --src-nat -o xml
	on fw ct -L -s 2001:db8:1::2 -p udp
}

scenario tr-ftp "FTP through NAT: helper, expectations, related flows"
sc_tr_ftp() {
	topo_fw
	on fw ev_start expect
	on fw ev_start -p tcp
	on srv serve_ftp ftp 198.51.100.2 21 50000
	on cli bg ftpc $PY "$NETPY" ftp-client 192.0.2.2 40500 198.51.100.2 21 \
		pasv data:40501 port:192.0.2.2:50600 data:0 pasv ready:"$COMPAT_T/holding" hold:"$COMPAT_T/go"
	local c=$bg_pid
	wait_file "$COMPAT_T/holding"
	on fw wait_tcp_settled 21
	on fw ct -L expect
	on fw ct -L expect -o xml
	on fw ct -L -o extended
	on fw ct -L -u EXPECTED
	on fw ct -L -p tcp --dport 21 --src-nat
	touch "$COMPAT_T/go"
	wait_bg "$c"
	on fw ev_stop
	on fw kexp
}

scenario tr-counters "packet and byte counters, zeroing them (-z)"
sc_tr_counters() {
	topo_fw
	on fw sysctl_set net.netfilter.nf_conntrack_acct 1
	on fw sysctl_set net.netfilter.nf_conntrack_timestamp 1
	on srv serve dns udp-server 198.51.100.2 53 2
	on cli traffic udp-client 192.0.2.2 40700 198.51.100.2 53
	on cli traffic udp-client 192.0.2.2 40701 198.51.100.2 53
	on cli traffic ping 192.0.2.2 198.51.100.2 0x4244
	on fw ct -L -o extended
	on fw ct -L -z -p udp
	on fw ct -L -o xml
	on fw ev_start -e DESTROY
	on fw rct -F
	on fw ev_stop sorted
}

scenario tr-filtered-events "filtered listeners while traffic flows"
sc_tr_filtered_events() {
	topo_fw
	on fw ev_start -p udp
	on fw ev_start -m 0x10 -e NEW
	on fw ev_start -s 192.0.2.2 -p icmp
	on fw ev_start -d 198.51.100.2 -e UPDATE
	on fw ev_start --src-nat -o xml -e NEW
	on srv serve web tcp-server 198.51.100.2 80
	on srv serve dns udp-server 198.51.100.2 53
	on cli traffic tcp-client 192.0.2.2 40800 198.51.100.2 80
	on cli traffic udp-client 192.0.2.2 40801 198.51.100.2 53
	on cli traffic ping 192.0.2.2 198.51.100.2 0x4245
	on fw ev_stop
}

scenario tr-change-real "update and delete entries made by traffic"
sc_tr_change_real() {
	topo_fw
	on srv serve web tcp-server 198.51.100.2 80
	on srv serve dns udp-server 198.51.100.2 53
	on cli traffic tcp-client 192.0.2.2 40900 198.51.100.2 80
	on cli traffic udp-client 192.0.2.2 40901 198.51.100.2 53
	on fw ct -U -p tcp -s 192.0.2.2 -d 198.51.100.2 --sport 40900 --dport 80 -m 0x99
	on fw ct -U -p udp -s 192.0.2.2 -d 198.51.100.2 --sport 40901 --dport 53 -t 3000
	on fw ct -L -m 0x99
	on fw ct -L -m 0x10
	on fw ct -L -u ASSURED
	on fw ct -L -p tcp --state TIME_WAIT
	on fw ct -D -p udp --src-nat
	on fw kstate
	on fw ct -F
	on fw ct -C
}
