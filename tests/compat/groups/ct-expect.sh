# conntrack on the expectation table. Expectations need a master entry
# with a helper: an FTP control connection over this host's loopback, to
# which an nftables "ct helper" assigns the kernel's ftp helper; its PORT,
# PASV, EPRT and EPSV commands make the expectations.

ftp_setup() {
	nsexec ip addr add 192.0.2.1/32 dev lo
	nsexec ip addr add 192.0.2.2/32 dev lo
	nsexec ip addr add 2001:db8::1/128 dev lo nodad
	nsexec ip addr add 2001:db8::2/128 dev lo nodad
	nsexec nft -f - <<-'NFT'
	table inet compat_ftp {
		ct helper ftp-std { type "ftp" protocol tcp; }
		chain out {
			type filter hook output priority 0;
			tcp dport 21 ct helper set "ftp-std"
		}
	}
	NFT
}

# ftp_expectations: two control connections left open, one IPv4 (PORT)
# and one IPv6 (EPRT), so two expectations stay in the table until
# ftp_release.
ftp_expectations() {
	ftp_setup
	serve_ftp ftp4 192.0.2.2 21 50000 1
	serve_ftp ftp6 2001:db8::2 21 50000 1
	bg ftpc4 $PY "$NETPY" ftp-client 192.0.2.1 40021 192.0.2.2 21 \
		port:192.0.2.1:50100 ready:"$COMPAT_T/ready4" hold:"$COMPAT_T/go"
	ftp_c4=$bg_pid
	bg ftpc6 $PY "$NETPY" ftp-client 2001:db8::1 40022 2001:db8::2 21 \
		eprt:2001:db8::1:50101 ready:"$COMPAT_T/ready6" hold:"$COMPAT_T/go"
	ftp_c6=$bg_pid
	wait_file "$COMPAT_T/ready4"
	wait_file "$COMPAT_T/ready6"
	wait_tcp_settled 21
}

ftp_release() {
	touch "$COMPAT_T/go"
	wait_bg "$ftp_c4"
	wait_bg "$ftp_c6"
}

scenario exp-list "list expectations in every format"
sc_exp_list() {
	ftp_expectations
	ct -L expect
	ct -L expect -o extended
	ct -L expect -o xml
	ct -L expect -o id
	ct -L expect -o timestamp
	ct -L expect -f ipv6
	ct -L
	ftp_release
}

scenario exp-get "get an expectation by its tuple"
sc_exp_get() {
	ftp_expectations
	ct -G expect -p tcp -s 192.0.2.2 -d 192.0.2.1 --sport 0 --dport 50100 --reply-port-src 0 --reply-port-dst 50100
	ct -G expect -p tcp -s 2001:db8::2 -d 2001:db8::1 --sport 0 --dport 50101 --reply-port-src 0 --reply-port-dst 50101
	ct -G expect -p tcp -s 192.0.2.2 -d 192.0.2.1 --sport 0 --dport 50999 --reply-port-src 0 --reply-port-dst 50999
	ct -G expect -p tcp -s 192.0.2.2 -d 192.0.2.1 --sport 0 --dport 50100
	ftp_release
}

scenario exp-delete "delete expectations"
sc_exp_delete() {
	ftp_expectations
	ct -D expect -p tcp -s 192.0.2.2 -d 192.0.2.1 --sport 0 --dport 50100 --reply-port-src 0 --reply-port-dst 50100
	kexp
	ct -D expect -p tcp -s 192.0.2.2 -d 192.0.2.1 --sport 0 --dport 50100 --reply-port-src 0 --reply-port-dst 50100
	ct -D expect -p tcp -s 2001:db8::2 -d 2001:db8::1 --sport 0 --dport 50101 --reply-port-src 0 --reply-port-dst 50101
	kexp
	ftp_release
}

scenario exp-create "create expectations on a master"
sc_exp_create() {
	ftp_expectations
	ct -I expect -p tcp -s 192.0.2.1 -d 192.0.2.2 --sport 40021 --dport 21 \
		--tuple-src 192.0.2.2 --tuple-dst 192.0.2.1 --tuple-port-src 0 --tuple-port-dst 50200 \
		--mask-src 255.255.255.255 --mask-dst 255.255.255.255 --mask-port-src 0 --mask-port-dst 65535 -t 500
	ct -I expect -p tcp -s 2001:db8::1 -d 2001:db8::2 --sport 40022 --dport 21 \
		--tuple-src 2001:db8::2 --tuple-dst 2001:db8::1 --tuple-port-src 0 --tuple-port-dst 50201 \
		--mask-src ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff --mask-dst ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff \
		--mask-port-src 0 --mask-port-dst 65535 -t 600
	ct -I expect -p tcp -s 192.0.2.1 -d 192.0.2.2 --sport 49999 --dport 21 \
		--tuple-src 192.0.2.2 --tuple-dst 192.0.2.1 --tuple-port-src 0 --tuple-port-dst 50202 \
		--mask-src 255.255.255.255 --mask-dst 255.255.255.255 --mask-port-src 0 --mask-port-dst 65535 -t 500
	ct -I expect -p tcp -s 192.0.2.1 -d 192.0.2.2 --sport 40021 --dport 21 \
		--tuple-src 192.0.2.2 --tuple-dst 192.0.2.1 --tuple-port-dst 50203 -t 500
	kexp
	ftp_release
}

scenario exp-flush-count "count, statistics, update (refused) and flush of expectations"
sc_exp_flush_count() {
	ftp_expectations
	ct -C expect
	ct -S expect
	ct -U expect -p tcp -s 192.0.2.2 -d 192.0.2.1 --sport 0 --dport 50100 -m 1
	ct -F expect
	kexp
	ct -F expect
	ct -C expect
	ftp_release
}

scenario exp-events "expectation events, plain and XML"
sc_exp_events() {
	ftp_setup
	ev_start expect
	ev_start expect -o xml
	ev_start expect -e NEW
	serve_ftp ftp4 192.0.2.2 21 50000 1
	traffic ftp-client 192.0.2.1 40021 192.0.2.2 21 pasv data:40031 port:192.0.2.1:50100
	rct -F expect
	ev_stop
}

scenario exp-related "an FTP data connection: RELATED entry and its master"
sc_exp_related() {
	ftp_setup
	ev_start
	serve_ftp ftp4 192.0.2.2 21 50000 1
	traffic ftp-client 192.0.2.1 40021 192.0.2.2 21 pasv data:40031 epsv data:40032
	ct -L -o extended
	ct -L -u EXPECTED
	ct -L -p tcp --dport 21 -o xml
	ev_stop
}
