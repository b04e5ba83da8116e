#!/bin/bash
# utils/conntrack_dump_json: the conntrack table (and the expectation
# table, with --expect) as JSON Lines. Entries are made by Debian's
# conntrack tool (TCP with state, status, mark and zone; UDP over IPv6;
# ICMP), by real traffic tracked by an nftables rule, and by expect_create
# (an FTP master and its expectation). Every line the program prints must
# parse with python's json module as one object, and the objects must
# agree, field by field, with what Debian's conntrack (on the original
# library) shows of the same table: protocols, addresses, ports, ICMP
# fields, state, [ASSURED]/[UNREPLIED] against the status flags, mark,
# zone, use, id, counters, timeouts within a few seconds, helper; the
# expectations likewise. JSON is ours only: skipped with the original.
if [ "${NFCT_TEST_LIB:-ours}" = reference ]; then
	echo "SKIP: JSON output is ours only"
	exit 77
fi
. "$(dirname "$0")/lib.sh"
ex_init "$@"

command -v python3 >/dev/null || hard_error "python3 is needed"
[ -x "$UTILS/conntrack_dump_json" ] || hard_error "conntrack_dump_json is not built"
echo 1 >/proc/sys/net/netfilter/nf_conntrack_acct

# ---- the entries ----------------------------------------------------------------

setup conntrack -I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40000 --dport 80 \
	--state ESTABLISHED -t 300 -u SEEN_REPLY,ASSURED -m 7 -w 3
setup conntrack -I -p udp -s 2001:db8::1 -d 2001:db8::2 --sport 5353 --dport 53 -t 200
setup conntrack -I -p icmp -s 192.0.2.7 -d 192.0.2.8 --icmp-type 8 --icmp-code 0 \
	--icmp-id 77 -t 100
if nft add table ip ej && nft add chain ip ej c '{ type filter hook output priority 0; }' &&
	nft add rule ip ej c ct state new accept; then
	echo x >/dev/udp/127.0.0.1/5300 2>/dev/null
	echo y >/dev/udp/127.0.0.1/5301 2>/dev/null
else
	note "no nft: no entry from real traffic"
fi
ut expect_create
expect_rc 0 "expect_create (master and expectation)"

# ---- the dumps ----------------------------------------------------------------------

# check_json WHAT KIND: $T/out (the program's lines) against $T/obs (the
# observer's), by the python checker below.
check_json() {
	if python3 "$T/check.py" "$2" "$T/out" "$T/obs" >"$T/py.out" 2>&1; then
		pass "$1"
	else
		fail "$1"
	fi
	show "$T/py.out" '    '
}

cat >"$T/check.py" <<'EOF'
import json, re, sys

kind, json_file, text_file = sys.argv[1:4]
bad = []

def strict(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)

def no_constant(name):
    raise ValueError("not JSON: " + name)

objs = []
with open(json_file, "rb") as f:
    for raw in f.read().split(b"\n"):
        if not raw:
            continue
        try:
            o = json.loads(raw.decode("utf-8"), object_pairs_hook=strict,
                           parse_constant=no_constant)
        except ValueError as e:
            bad.append("invalid JSON (%s): %r" % (e, raw))
            continue
        if not isinstance(o, dict):
            bad.append("not an object: %r" % raw)
            continue
        objs.append(o)

def tuple_fields(tokens):
    """key=value tokens of one tuple, ICMP id included."""
    t = {}
    for k, v in tokens:
        t[k] = v if k in ("src", "dst") else int(v, 0)
    return t

def parse_ct(line):
    """One line of conntrack -L -o extended,id."""
    w = line.split()
    e = {"l3proto": w[0], "l3protonum": int(w[1]), "l4proto": w[2], "l4protonum": int(w[3]),
         "timeout": int(w[4])}
    rest = w[5:]
    if rest and "=" not in rest[0] and not rest[0].startswith("["):
        e["state"] = rest.pop(0)
    dirs, flags, top = [[], []], set(), {}
    d = -1
    prev = None
    for tok in rest:
        if tok.startswith("["):
            flags.add(tok.strip("[]"))
            continue
        k, _, v = tok.partition("=")
        if k == "src":
            d += 1
        if k in ("src", "dst", "sport", "dport", "type", "code", "packets", "bytes") or \
           (k == "id" and prev == "code"):
            dirs[d].append((k, v))
        elif k in ("zone-orig", "zone-reply"):
            dirs[0 if k == "zone-orig" else 1].append(("zone", v))
        else:
            top[k] = v
        prev = k
    e["orig"], e["reply"] = tuple_fields(dirs[0]), tuple_fields(dirs[1])
    e["flags"], e["top"] = flags, top
    return e

def check_ct(o, e):
    where = "entry %s" % e["top"].get("id")
    for k in ("l3proto", "l3protonum", "l4proto", "l4protonum"):
        if o.get(k) != e[k]:
            bad.append("%s: %s = %r, the kernel shows %r" % (where, k, o.get(k), e[k]))
    if o.get("state") != e.get("state"):
        bad.append("%s: state %r, want %r" % (where, o.get("state"), e.get("state")))
    if not isinstance(o.get("timeout"), int) or abs(o["timeout"] - e["timeout"]) > 3:
        bad.append("%s: timeout %r, the kernel shows %d" % (where, o.get("timeout"), e["timeout"]))
    for d in ("orig", "reply"):
        if o.get(d) != e[d]:
            bad.append("%s: %s tuple %r, the kernel shows %r" % (where, d, o.get(d), e[d]))
    status = o.get("status", [])
    if ("ASSURED" in status) != ("ASSURED" in e["flags"]):
        bad.append("%s: status %r against %r" % (where, status, e["flags"]))
    if ("SEEN_REPLY" not in status) != ("UNREPLIED" in e["flags"]):
        bad.append("%s: status %r against %r" % (where, status, e["flags"]))
    for k in ("mark", "zone", "use", "id", "secmark"):
        want = int(e["top"][k]) if k in e["top"] else None
        if o.get(k) != want:
            bad.append("%s: %s = %r, the kernel shows %r" % (where, k, o.get(k), want))
    if o.get("helper") != e["top"].get("helper"):
        bad.append("%s: helper %r, want %r" % (where, o.get("helper"), e["top"].get("helper")))
    if not isinstance(o.get("timestamp", {}).get("start", 0), int):
        bad.append("%s: timestamp %r" % (where, o.get("timestamp")))

def parse_exp(line):
    """One line of conntrack -L expect."""
    w = line.split()
    e = {"timeout": int(w[0]), "proto": int(w[1].split("=")[1])}
    tuples = {"expected": [], "mask": [], "master": []}
    cur, top, flags = "expected", {}, []
    for tok in w[2:]:
        if "=" not in tok:
            flags = tok.split(",")
            continue
        k, _, v = tok.partition("=")
        if k.startswith("mask-"):
            cur, k = "mask", k[5:]
        elif k.startswith("master-"):
            cur, k = "master", k[7:]
        if k in ("src", "dst", "sport", "dport"):
            tuples[cur].append((k, v))
        else:
            top[k] = v
    e.update({t: tuple_fields(v) for t, v in tuples.items()})
    e["top"], e["flags"] = top, flags
    return e

def check_exp(o, e):
    where = "expectation to %s" % e["expected"]
    if o.get("l4protonum") != e["proto"]:
        bad.append("%s: l4protonum %r" % (where, o.get("l4protonum")))
    if not isinstance(o.get("timeout"), int) or abs(o["timeout"] - e["timeout"]) > 3:
        bad.append("%s: timeout %r, the kernel shows %d" % (where, o.get("timeout"), e["timeout"]))
    for t in ("expected", "mask", "master"):
        if o.get(t) != e[t]:
            bad.append("%s: %s %r, the kernel shows %r" % (where, t, o.get(t), e[t]))
    for k in ("class", "zone"):
        want = int(e["top"][k]) if k in e["top"] else None
        if o.get(k) != want:
            bad.append("%s: %s = %r, the kernel shows %r" % (where, k, o.get(k), want))
    if o.get("helper") != e["top"].get("helper"):
        bad.append("%s: helper %r" % (where, o.get("helper")))
    if o.get("flags") != e["flags"]:
        bad.append("%s: flags %r, the kernel shows %r" % (where, o.get("flags"), e["flags"]))

with open(text_file) as f:
    lines = [l for l in f.read().splitlines() if l.strip()]
if kind == "ct":
    kernel = [parse_ct(l) for l in lines]
    by_id = {int(e["top"]["id"]): e for e in kernel}
    for o in objs:
        e = by_id.pop(o.get("id"), None)
        if e is None:
            bad.append("not in the kernel's table: %s" % json.dumps(o))
        else:
            check_ct(o, e)
    for e in by_id.values():
        bad.append("not dumped: entry %s" % e["top"]["id"])
else:
    kernel = [parse_exp(l) for l in lines]
    for o in objs:
        match = [e for e in kernel if e["expected"] == o.get("expected")]
        if len(match) != 1:
            bad.append("no kernel expectation for %s" % json.dumps(o))
        else:
            kernel.remove(match[0])
            check_exp(o, match[0])
    for e in kernel:
        bad.append("not dumped: expectation to %s" % e["expected"])
for b in bad:
    print(b)
print("%d JSON objects, %d kernel lines, %d problems" % (len(objs), len(lines), len(bad)))
sys.exit(1 if bad or not objs else 0)
EOF

ut conntrack_dump_json
expect_rc 0 conntrack_dump_json
observe -L -o extended,id
n_ct=$(wc -l <"$T/out")
if [ "$n_ct" -ge 5 ]; then
	pass "conntrack_dump_json printed $n_ct entries"
else
	fail "conntrack_dump_json printed $n_ct entries, want 5 or more"
fi
check_json "conntrack_dump_json agrees with the kernel's table" ct

ut conntrack_dump_json ipv6
expect_rc 0 "conntrack_dump_json ipv6"
observe -L -f ipv6 -o extended,id
check_json "conntrack_dump_json ipv6 agrees with the kernel's IPv6 table" ct

ut conntrack_dump_json --expect
expect_rc 0 "conntrack_dump_json --expect"
observe -L expect
check_json "conntrack_dump_json --expect agrees with the kernel's expectations" exp

ut conntrack_dump_json bad-argument
expect_rc 1 "conntrack_dump_json with a bad argument"
expect_err "conntrack_dump_json shows its usage" "usage:"

nft delete table ip ej 2>/dev/null
ex_done
