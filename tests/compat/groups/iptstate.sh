# iptstate -1: one snapshot of the table, read through the library. It
# sizes its output to the terminal, so it runs on a pseudo-terminal of
# 160 columns (script(1)); the rows after the header are sorted (rows with
# equal sort keys come in the kernel's hash order) and the TTL column,
# which counts down, is replaced by "TTL".

# ipt ARGS: iptstate -1 ARGS under test.
ipt() {
	local out="$COMPAT_T/ipt.out"
	ut_env iptstate
	nsexec timeout -k 2 "$PROG_TIMEOUT" script -qec \
		"stty cols 160 rows 60; exec $(printf '%q ' "${UT_ENV[@]}") iptstate -1 $*" \
		/dev/null </dev/null >"$out" 2>&1
	printf '$ iptstate -1 %s\n' "$*"
	# the TTL column counts down (h:mm:ss)
	tr -d '\r' <"$out" | sed -E 's/[0-9]+:[0-9]{2}:[0-9]{2}/TTL/' >"$out.2"
	sed -n '1,/^Source /p' "$out.2"
	echo '@@sort-begin'
	sed '1,/^Source /d' "$out.2"
	echo '@@sort-end'
}

scenario ipt-snapshot "iptstate -1 on every kind of entry"
sc_ipt_snapshot() {
	seed_mix
	seed_nat
	ipt
	ipt -t
	ipt -c -o
}

scenario ipt-sort-filter "iptstate -1 sorted and filtered"
sc_ipt_sort_filter() {
	seed_mix
	seed_nat
	ipt -b d
	ipt -b p -r
	ipt -b s
	ipt -b t
	ipt -d 198.51.100.1
	ipt -s 192.0.2.0/255.255.255.0 -D 53
	ipt -S 40001 -i
	ipt -L -f -m
}

scenario ipt-counters "iptstate -1 -C with counters from real traffic"
sc_ipt_counters() {
	topo_fw
	on fw sysctl_set net.netfilter.nf_conntrack_acct 1
	on srv serve web tcp-server 198.51.100.2 80
	on srv serve dns udp-server 198.51.100.2 53
	on cli traffic tcp-client 192.0.2.2 41100 198.51.100.2 80
	on cli traffic udp-client 192.0.2.2 41101 198.51.100.2 53
	on cli traffic ping 192.0.2.2 198.51.100.2 0x4248
	on fw ipt -C
	on fw ipt -C -b b
	on fw ipt -C -b P -t
}
