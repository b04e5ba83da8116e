# ulogd2's NFCT input plugin (the library's event socket, its filter API
# and, with the hash on, its compare and copy functions) feeding text
# outputs: LOGEMU through PRINTFLOW, GPRINT, and XML (which prints with the
# library's nfct_snprintf). ulogd loads the plugins with dlopen; the
# plugin's libnetfilter_conntrack.so.3 comes from LD_LIBRARY_PATH like a
# program's.

ULOGD_PLUGINS=/usr/lib/x86_64-linux-gnu/ulogd

# ulogd_conf STACKS SECTIONS: writes $COMPAT_T/ulogd.conf.
ulogd_conf() {
	local p
	{
		echo '[global]'
		echo "logfile=\"$COMPAT_T/ulogd.log\""
		echo 'loglevel=5'
		for p in inpflow_NFCT filter_IP2STR filter_PRINTFLOW output_LOGEMU \
			output_GPRINT output_XML; do
			echo "plugin=\"$ULOGD_PLUGINS/ulogd_$p.so\""
		done
		printf '%s\n' "$1"
		printf '%s\n' "$2"
	} >"$COMPAT_T/ulogd.conf"
}

# ulogd_start: starts ulogd under test, waits until its event sockets
# listen.
ulogd_start() {
	bgut ulogd ulogd -c "$COMPAT_T/ulogd.conf"
	ulogd_pid=$bg_pid
	wait_listening "$ulogd_pid" || true
}

# ulogd_stop: waits until ulogd has read every event, stops it (SIGTERM)
# and prints what it wrote.
ulogd_stop() {
	wait_idle "$ulogd_pid" || echo '## (ulogd did not become idle)'
	stop_bg "$ulogd_pid" TERM
	local f
	echo '## ulogd stdout (XML output)'
	cat "$COMPAT_T/ulogd.out"
	sed 's/^/2> /' "$COMPAT_T/ulogd.err"
	for f in emu gp emu2; do
		[ -e "$COMPAT_T/$f.log" ] || continue
		echo "## $f.log"
		cat "$COMPAT_T/$f.log"
	done
	echo '## ulogd.log (notices and errors)'
	sed 's/^[A-Z][a-z][a-z] [A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]* [0-9]* //' "$COMPAT_T/ulogd.log"
}

ulogd_changes() {
	rct -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 --state ESTABLISHED -t 5000 -m 5
	rct -I -p udp -s 192.0.2.2 -d 198.51.100.2 --sport 40002 --dport 53 -t 5000
	rct -I -p icmp -s 192.0.2.3 -d 198.51.100.3 --icmp-type 8 --icmp-code 0 --icmp-id 77 -t 5000
	rct -I -p tcp -s 2001:db8::1 -d 2001:db8:1::1 --sport 40004 --dport 22 --state ESTABLISHED -t 5000
	rct -I -p udp -s 192.0.2.10 -d 203.0.113.1 --sport 41000 --dport 53 -t 5000 --src-nat 198.51.100.10
	rct -U -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80 -m 6
	rct -U -p udp -s 192.0.2.2 -d 198.51.100.2 --sport 40002 --dport 53 -u SEEN_REPLY
	rct -D -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40001 --dport 80
	rct -D -p icmp -s 192.0.2.3 -d 198.51.100.3 --icmp-type 8 --icmp-code 0 --icmp-id 77
	rct -D -p tcp -s 2001:db8::1 -d 2001:db8:1::1 --sport 40004 --dport 22
	rct -D -p udp -s 192.0.2.10 -d 203.0.113.1 --sport 41000 --dport 53
}

scenario ulogd-events "ulogd NFCT events to LOGEMU, XML and GPRINT"
sc_ulogd_events() {
	ulogd_conf '
stack=ct1:NFCT,ip2str1:IP2STR,print1:PRINTFLOW,emu1:LOGEMU
stack=ct2:NFCT,xml1:XML' "
[ct1]
hash_enable=0
event_mask=0x00000007
[ct2]
hash_enable=0
event_mask=0x00000007
[emu1]
file=\"$COMPAT_T/emu.log\"
sync=1
[xml1]
stdout=1
sync=1"
	ulogd_start
	ulogd_changes
	ulogd_stop
}

scenario ulogd-hash "ulogd NFCT with its flow hash: ended flows to GPRINT"
sc_ulogd_hash() {
	sysctl_set net.netfilter.nf_conntrack_acct 1
	ulogd_conf '
stack=ct1:NFCT,ip2str1:IP2STR,gp1:GPRINT' "
[ct1]
hash_enable=1
[gp1]
file=\"$COMPAT_T/gp.log\"
sync=1"
	ulogd_start
	ulogd_changes
	ulogd_stop
}

scenario ulogd-filter "ulogd NFCT with kernel filters (source, destination, protocol)"
sc_ulogd_filter() {
	ulogd_conf '
stack=ct1:NFCT,ip2str1:IP2STR,print1:PRINTFLOW,emu1:LOGEMU
stack=ct2:NFCT,ip2str2:IP2STR,print2:PRINTFLOW,emu2:LOGEMU' "
[ct1]
hash_enable=0
event_mask=0x00000007
accept_src_filter=192.0.2.0/30,2001:db8::/64
accept_proto_filter=tcp,icmp
[ct2]
hash_enable=0
event_mask=0x00000005
accept_dst_filter=198.51.100.2,203.0.113.0/24
[emu1]
file=\"$COMPAT_T/emu.log\"
sync=1
[emu2]
file=\"$COMPAT_T/emu2.log\"
sync=1"
	ulogd_start
	ulogd_changes
	ulogd_stop
}

scenario ulogd-traffic "ulogd on the firewall while real traffic crosses it"
sc_ulogd_traffic() {
	topo_fw
	ulogd_conf '
stack=ct1:NFCT,ip2str1:IP2STR,print1:PRINTFLOW,emu1:LOGEMU
stack=ct2:NFCT,xml1:XML' "
[ct1]
hash_enable=0
event_mask=0x00000007
[ct2]
hash_enable=0
event_mask=0x00000005
[emu1]
file=\"$COMPAT_T/emu.log\"
sync=1
[xml1]
stdout=1
sync=1"
	on fw ulogd_start
	on srv serve web tcp-server 198.51.100.2 80
	on srv serve dns udp-server 198.51.100.2 53
	on cli traffic tcp-client 192.0.2.2 41200 198.51.100.2 80
	on cli traffic udp-client 192.0.2.2 41201 198.51.100.2 53
	on cli traffic ping 192.0.2.2 198.51.100.2 0x4249
	on fw rct -D -p tcp
	on fw rct -D -p udp
	on fw rct -D -p icmp
	on fw ulogd_stop
}
