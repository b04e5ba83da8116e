# conntrackd, both daemons under test: state synchronisation between two
# firewalls (FTFW over UDP on a dedicated link), the caches, a failover
# commit into the backup's kernel table, and the statistics mode.
#
#   cli --- fw1 --- srv       fw1 = the firewall of topo_fw (NAT, helper)
#            |sync0
#           fw2                the backup: same ruleset, no traffic
#
# Every instance has its own configuration, UNIX socket, lock file and
# logs in the scratch directory.

# ctd_conf NAME SECTIONS: writes $COMPAT_T/NAME.conf with a General
# section (plus the filter given in CTD_FILTER) and SECTIONS.
ctd_conf() {
	local name=$1 extra=$2
	cat >"$COMPAT_T/$name.conf" <<-EOF
	General {
		Systemd off
		HashSize 1024
		HashLimit 8192
		LogFile $COMPAT_T/$name.log
		Syslog off
		LockFile $COMPAT_T/$name.lock
		UNIX {
			Path $COMPAT_T/$name.sock
		}
		NetlinkBufferSize 2097152
		NetlinkBufferSizeMaxGrowth 8388608
	$CTD_FILTER
	}
	$extra
	EOF
}

CTD_FILTER_KERNEL='	Filter From Kernelspace {
		Protocol Accept {
			TCP
			UDP
			ICMP
			IPv6-ICMP
		}
		Address Ignore {
			IPv4_address 127.0.0.1
			IPv6_address ::1
			IPv4_address 203.0.113.0/24
		}
	}'

# sync_section N [OPTIONS]: FTFW over UDP from 203.0.113.N to the other.
sync_section() {
	local n=$1 other=$((3 - $1))
	cat <<-EOF
	Sync {
		Mode FTFW {
			${2:-}
		}
		UDP {
			IPv4_address 203.0.113.$n
			IPv4_Destination_Address 203.0.113.$other
			Port 3780
			Interface sync0
			Checksum on
		}
		Options {
			ExpectationSync On
		}
	}
	EOF
}

# ctd HOST NAME ARGS: conntrackd client command under test, sorted output.
ctd() {
	local h=$1 n=$2; shift 2
	on "$h" _show 1 ut -- conntrackd -C "$COMPAT_T/$n.conf" "$@"
}
ctd_quiet() {
	local h=$1 n=$2; shift 2
	on "$h" ut conntrackd -C "$COMPAT_T/$n.conf" "$@" 2>/dev/null
}

# ctd_stats HOST NAME ARGS: statistics, only the lines that follow from
# the events the daemon parsed: not the traffic and timing counters, nor
# the external cache's updates (how many sync messages carry updates
# depends on timing).
ctd_stats() {
	local h=$1 n=$2; shift 2
	printf '$ conntrackd -s %s (cache and event counters)\n' "$*"
	ctd_quiet "$h" "$n" -s "$@" |
		grep -E 'cache|connections|active|creation|update|deletion|not found|no memory|no space|events (received|filtered|unknown)|catch event|dump unknown' |
		awk '/cache[: ]external/ { ext = 1 } /cache[: ]internal/ { ext = 0 }
			!(ext && /updated?[ :]/)'
}

# ctd_log NAME: the daemon's log, without what varies (dates, pids, times),
# and what it wrote on stderr (e.g. a crash).
ctd_log() {
	printf '## log of %s\n' "$1"
	sed -e 's/^\[[^]]*\] (pid=[0-9]*) //' -e 's/[0-9.]* seconds/N seconds/' \
		"$COMPAT_T/$1.log" 2>/dev/null
	if [ -s "$COMPAT_T/ctd-$1.err" ]; then
		printf '## stderr of conntrackd %s\n' "$1"
		sed 's/^/2> /' "$COMPAT_T/ctd-$1.err"
	fi
}

# ctd_start HOST NAME: starts the daemon under test and waits until it
# answers on its socket.
ctd_start() {
	on "$1" bgut "ctd-$2" conntrackd -C "$COMPAT_T/$2.conf"
	eval "ctd_pid_$2=\$bg_pid"
	local end=$((SECONDS + 10))
	while [ $SECONDS -lt $end ]; do
		[ -S "$COMPAT_T/$2.sock" ] && ctd_quiet "$1" "$2" -s runtime >/dev/null && return
		sleep 0.05
	done
	echo "## (conntrackd $2 did not start)"
}

# ctd_settle: lets fw1's daemon read its events, the sync messages cross,
# and fw2's daemon process them.
ctd_settle() {
	wait_idle "$ctd_pid_fw1" || true
	sleep 0.3
	wait_idle "$ctd_pid_fw2" || true
}

# ctd_wait HOST NAME N ARGS: until "conntrackd ARGS" lists N lines
# (5 s at most).
ctd_wait() {
	local h=$1 n=$2 want=$3; shift 3
	local end=$((SECONDS + 5))
	while [ $SECONDS -lt $end ]; do
		[ "$(ctd_quiet "$h" "$n" "$@" | wc -l)" -ge "$want" ] && return
		sleep 0.1
	done
}

# ha_topology [FW2-MODE-OPTIONS]: cli-fw1-srv, fw2, the sync link, and a
# daemon on each firewall.
ha_topology() {
	topo_fw fw1
	host fw2
	link fw1 sync0 203.0.113.1/24 fw2 sync0 203.0.113.2/24
	fw_ruleset fw2
	local h
	for h in fw1 fw2; do
		# the synchronisation traffic itself is not tracked
		nsenter --net="/run/netns/$h" nft -f - <<-'NFT'
		table inet compat_sync {
			chain raw_pre {
				type filter hook prerouting priority raw;
				udp dport 3780 notrack
			}
			chain raw_out {
				type filter hook output priority raw;
				udp dport 3780 notrack
			}
		}
		NFT
	done
	CTD_FILTER=$CTD_FILTER_KERNEL
	ctd_conf fw1 "$(sync_section 1)"
	ctd_conf fw2 "$(sync_section 2 "${1:-}")"
	ctd_start fw1 fw1
	ctd_start fw2 fw2
}

# ha_traffic: flows through fw1: closed TCP, a TCP connection and an FTP
# control connection (with a PASV expectation) held open, UDP, ICMP,
# ICMPv6, and a port-forwarded UDP flow.
ha_traffic() {
	on srv serve web tcp-server 198.51.100.2 80 2
	on srv serve dns udp-server 198.51.100.2 53
	on srv serve_ftp ftp 198.51.100.2 21 50000
	on cli serve dns-in udp-server 192.0.2.2 53
	on cli traffic tcp-client 192.0.2.2 40100 198.51.100.2 80
	on cli bg held $PY "$NETPY" tcp-client 192.0.2.2 40101 198.51.100.2 80 \
		hold "$COMPAT_T/go" "$COMPAT_T/held"
	ha_held=$bg_pid
	on cli traffic udp-client 192.0.2.2 40102 198.51.100.2 53
	on cli traffic ping 192.0.2.2 198.51.100.2 0x4246
	on cli traffic ping 2001:db8:1::2 2001:db8:2::2 0x4247
	on srv traffic udp-client 198.51.100.2 40103 198.51.100.1 5353
	on cli bg ftpc $PY "$NETPY" ftp-client 192.0.2.2 40104 198.51.100.2 21 \
		pasv ready:"$COMPAT_T/holding" hold:"$COMPAT_T/go"
	ha_ftp=$bg_pid
	wait_file "$COMPAT_T/holding"
	wait_file "$COMPAT_T/held"
	# both held connections have their long timeout once their last
	# reply is acknowledged
	on fw1 wait_tcp_settled 80
	on fw1 wait_tcp_settled 21
}

ha_release() {
	touch "$COMPAT_T/go"
	wait_bg "$ha_held"
	wait_bg "$ha_ftp"
}

scenario ctd-sync-ftfw "HA pair: state sync over FTFW, caches, failover commit"
sc_ctd_sync_ftfw() {
	ha_topology
	ha_traffic
	ctd_wait fw2 fw2 7 -e
	ctd_wait fw2 fw2 1 -e expect
	ctd fw1 fw1 -i
	ctd fw1 fw1 -i expect
	ctd fw2 fw2 -e
	ctd fw2 fw2 -e expect
	ctd fw2 fw2 -e -x
	ctd fw2 fw2 -e expect -x
	ctd fw2 fw2 -i
	ctd_stats fw1 fw1 cache
	ctd_stats fw2 fw2 cache
	ctd_stats fw1 fw1 expect
	# failover: the backup commits what it learnt into its kernel table
	ctd fw2 fw2 -c
	ctd fw2 fw2 -c expect
	on fw2 kstate
	on fw2 kexp
	ha_release
	ctd_log fw1
	ctd_log fw2
}

scenario ctd-sync-destroy "HA pair: updates and destroys reach the backup; resync, bulk, flush"
sc_ctd_sync_destroy() {
	ha_topology
	ha_traffic
	ctd_wait fw2 fw2 7 -e
	ha_release
	on fw1 rct -U -p udp -s 192.0.2.2 -d 198.51.100.2 --sport 40102 --dport 53 -m 0x77
	on fw1 rct -D -p icmp
	ctd_settle
	ctd fw1 fw1 -i
	ctd fw2 fw2 -e
	ctd fw2 fw2 -f external
	ctd fw2 fw2 -e
	ctd fw2 fw2 -n
	ctd_wait fw2 fw2 6 -e
	ctd fw2 fw2 -e
	ctd fw1 fw1 -B
	ctd fw1 fw1 -R
	ctd fw1 fw1 -i
	ctd fw1 fw1 -f internal
	ctd fw1 fw1 -i
	ctd fw1 fw1 -F
	on fw1 kstate
	ctd fw1 fw1 -k
	ctd fw2 fw2 -k
	ctd_log fw1
	ctd_log fw2
}

scenario ctd-sync-direct "HA pair, backup without external cache: entries go straight to its kernel"
sc_ctd_sync_direct() {
	ha_topology "DisableExternalCache On"
	ha_traffic
	local end=$((SECONDS + 5))
	while [ $SECONDS -lt $end ]; do
		[ "$(on fw2 ref conntrack -L 2>/dev/null | wc -l)" -ge 6 ] && break
		sleep 0.1
	done
	on fw2 kstate
	ctd fw2 fw2 -e
	ha_release
	ctd_settle
	on fw2 kstate
	ctd_log fw2
}

scenario ctd-stats "statistics mode: cache, dumps, logged flows, selective flush"
sc_ctd_stats() {
	CTD_FILTER='	Filter From Userspace {
		Protocol Accept {
			TCP
			UDP
			SCTP
		}
		Address Ignore {
			IPv4_address 127.0.0.1
			IPv4_address 192.0.2.128/25
		}
	}'
	ctd_conf st "Stats {
	LogFile $COMPAT_T/st-flows.log
	Syslog off
}"
	seed_mix
	ctd_start "" st
	rct -I -p tcp -s 192.0.2.1 -d 198.51.100.9 --sport 40050 --dport 25 --state ESTABLISHED -t 5000
	rct -I -p tcp -s 192.0.2.200 -d 198.51.100.9 --sport 40051 --dport 25 --state ESTABLISHED -t 5000
	rct -U -p tcp -s 192.0.2.1 -d 198.51.100.9 --sport 40050 --dport 25 -m 9
	rct -D -p udp
	rct -D -p tcp -s 192.0.2.1 -d 198.51.100.9 --sport 40050 --dport 25
	sleep 0.3
	ctd "" st -i
	ctd "" st -i -x
	ctd_stats "" st
	ctd_stats "" st runtime
	ctd "" st -f internal
	ctd "" st -i
	ctd "" st -R
	ctd "" st -i
	ctd "" st -F
	kstate
	ctd "" st -k
	sleep 0.3
	printf '## flows logged by the statistics mode\n@@sort-begin\n'
	sed 's/^[A-Z][a-z][a-z] [A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]* [0-9]*\t/DATE\t/' "$COMPAT_T/st-flows.log"
	printf '@@sort-end\n'
	ctd_log st
}
