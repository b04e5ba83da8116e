#!/usr/bin/env python3
"""Checks the JSON output of conntrack objects against their getters.

Runs json-gen (see json-gen.c), which prints, for every object of the
output differential generator, the attributes read back through the
getters and the JSON texts nfct_snprintf() gives for several message
types, flags and label maps; then the same for expectations built with
the setters (their tuples read back as conntrack objects) and
nfexp_snprintf(). Each JSON text must:
  - be exactly as long as the return value says, valid UTF-8, one line,
    and parse with python's json module as one object, with no duplicate
    key and no NaN/Infinity;
  - equal, member by member and in order, the object this script builds
    from the getters following the schema of doc/json.dox.
C-side failures (the truncation contract) come as "E" lines.

Environment: builddir (tests/), NFCT_TEST_LIB (skips, 77, with the
original library, which has no JSON), NFCT_JSON_OBJECTS (default 4000).
Exit codes follow automake: 0 pass, 1 fail, 77 skip, 99 hard error.
"""
import json
import os
import re
import subprocess
import sys

if os.environ.get("NFCT_TEST_LIB") == "reference":
    print("SKIP: JSON output is ours only")
    sys.exit(77)

BUILDDIR = os.environ.get("builddir", os.path.join(os.path.dirname(__file__), ".."))
GEN = os.path.join(BUILDDIR, "json", "json-gen")
OBJECTS = int(os.environ.get("NFCT_JSON_OBJECTS", "4000"))

L3 = {2: "ipv4", 10: "ipv6"}
L4 = {1: "icmp", 6: "tcp", 17: "udp", 33: "dccp", 47: "gre", 58: "icmpv6",
      132: "sctp", 136: "udplite"}
PORTS = (6, 17, 136, 132, 33)
TCP = ["NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT",
       "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2"]
SCTP = ["NONE", "CLOSED", "COOKIE_WAIT", "COOKIE_ECHOED", "ESTABLISHED",
        "SHUTDOWN_SENT", "SHUTDOWN_RECD", "SHUTDOWN_ACK_SENT", "HEARTBEAT_SENT",
        "HEARTBEAT_ACKED"]
DCCP = ["NONE", "REQUEST", "RESPOND", "PARTOPEN", "OPEN", "CLOSEREQ", "CLOSING",
        "TIMEWAIT", "IGNORE", "INVALID"]
STATUS = ["EXPECTED", "SEEN_REPLY", "ASSURED", "CONFIRMED", "SRC_NAT", "DST_NAT",
          "SEQ_ADJUST", "SRC_NAT_DONE", "DST_NAT_DONE", "DYING", "FIXED_TIMEOUT",
          "TEMPLATE", "UNTRACKED", "HELPER", "OFFLOAD", "HW_OFFLOAD"]
TYPES = {1: "new", 2: "update", 4: "destroy"}
OF_SHOW_LAYER3, OF_TIME, OF_ID, OF_TIMESTAMP = 1, 2, 4, 8

failures = 0
checks = 0


def fail(msg):
    global failures
    failures += 1
    if failures <= 30:
        print("FAIL: " + msg)


def text(hexstr):
    """A string from the getters (hex of its bytes) as the JSON must show it:
    valid UTF-8 kept, every other byte replaced with U+FFFD."""
    if hexstr is None:
        return None
    b = bytes.fromhex(hexstr)
    out, i = [], 0
    while i < len(b):
        c = b[i]
        if c < 0x80:
            out.append(chr(c))
            i += 1
            continue
        n = 2 if 0xc2 <= c <= 0xdf else 3 if 0xe0 <= c <= 0xef else 4 if 0xf0 <= c <= 0xf4 else 0
        if n:
            try:
                out.append(b[i:i + n].decode("utf-8"))
                i += n
                continue
            except UnicodeDecodeError:
                pass
        out.append("\ufffd")
        i += 1
    return "".join(out)


def state_name(A):
    l4 = A.get("ORIG_L4PROTO")
    for attr, table, proto in (("SCTP_STATE", SCTP, 132), ("DCCP_STATE", DCCP, 33)):
        if l4 == proto and attr in A:
            v = A[attr]
            return table[v] if v < len(table) else "NONE"
    for attr, table in (("TCP_STATE", TCP), ("SCTP_STATE", SCTP), ("DCCP_STATE", DCCP)):
        if attr in A:
            v = A[attr]
            return table[v] if v < len(table) else "NONE"
    return None


def reply_icmp(A, plain):
    """The reply tuple's ICMP type, code and id, which no getter returns,
    from the default text format; None when it did not print them."""
    if plain is None:
        return None
    found = re.findall(r"type=(\d+) code=(\d+) id=(\d+)", plain)
    index = 1 if A.get("ORIG_L4PROTO") in (1, 58) else 0
    if len(found) <= index:
        return None
    return [int(x) for x in found[index]]


def tuple_of(A, D, plain, got):
    t = {}
    l3 = A.get(D + "_L3PROTO", 0) if D + "_L3PROTO" in A else 0
    fam = {2: "IPV4", 10: "IPV6"}.get(l3)
    if fam:
        for end, key in (("SRC", "src"), ("DST", "dst")):
            name = "%s_%s_%s" % (D, fam, end)
            if name in A:
                t[key] = A[name]
    if D + "_L4PROTO" in A:
        l4 = A[D + "_L4PROTO"]
        if l4 in PORTS or l4 == 47:
            keys = ("sport", "dport") if l4 != 47 else ("srckey", "dstkey")
            for end, key in zip(("SRC", "DST"), keys):
                if "%s_PORT_%s" % (D, end) in A:
                    t[key] = A["%s_PORT_%s" % (D, end)]
        elif l4 in (1, 58):
            values = None
            if D == "REPL":
                values = reply_icmp(A, plain)
            for i, (attr, key) in enumerate((("ICMP_TYPE", "type"), ("ICMP_CODE", "code"),
                                             ("ICMP_ID", "id"))):
                if attr not in A:
                    continue
                if D == "ORIG":
                    t[key] = A[attr]
                elif values is not None:
                    t[key] = values[i]
                else:
                    # Nothing tells the value: the member must be there.
                    t[key] = got.get(key) if isinstance(got.get(key), int) else "<number>"
    if D + "_ZONE" in A:
        t["zone"] = A[D + "_ZONE"]
    for attr, key in (("COUNTER_PACKETS", "packets"), ("COUNTER_BYTES", "bytes")):
        if D + "_" + attr in A:
            t[key] = A[D + "_" + attr]
    return t


def expected(A, now, mtype, flags, names, plain, got):
    d = {}
    if mtype in TYPES:
        d["type"] = TYPES[mtype]
    if flags & OF_SHOW_LAYER3 and "ORIG_L3PROTO" in A:
        d["l3proto"] = L3.get(A["ORIG_L3PROTO"], "unknown")
        d["l3protonum"] = A["ORIG_L3PROTO"]
    if "ORIG_L4PROTO" in A:
        d["l4proto"] = L4.get(A["ORIG_L4PROTO"], "unknown")
        d["l4protonum"] = A["ORIG_L4PROTO"]
    if "TIMEOUT" in A:
        d["timeout"] = A["TIMEOUT"]
    s = state_name(A)
    if s is not None:
        d["state"] = s
    d["orig"] = tuple_of(A, "ORIG", plain, got.get("orig", {}))
    d["reply"] = tuple_of(A, "REPL", plain, got.get("reply", {}))
    if "STATUS" in A:
        d["status"] = [STATUS[b] if b < len(STATUS) else "BIT_%d" % b
                       for b in range(32) if A["STATUS"] >> b & 1]
    for attr, key in (("MARK", "mark"), ("SECMARK", "secmark")):
        if attr in A:
            d[key] = A[attr]
    if "SECCTX" in A:
        d["secctx"] = text(A["SECCTX"])
    for attr, key in (("ZONE", "zone"), ("USE", "use")):
        if attr in A:
            d[key] = A[attr]
    if flags & OF_ID and "ID" in A:
        d["id"] = A["ID"]
    ts = {}
    if flags & OF_TIMESTAMP:
        for attr, key in (("TIMESTAMP_START", "start"), ("TIMESTAMP_STOP", "stop"),
                          ("TIMESTAMP_EVENT", "event")):
            if attr in A:
                ts[key] = A[attr]
        if ts:
            d["timestamp"] = ts
    if "TIMESTAMP_START" in A:
        start = A["TIMESTAMP_START"] // 10**9
        stop = A.get("TIMESTAMP_STOP", 0)
        end = stop // 10**9 if "TIMESTAMP_STOP" in A and stop != 0 else now
        d["delta_time"] = max(end - start, 0)
    if "HELPER_NAME" in A:
        d["helper"] = text(A["HELPER_NAME"])
    if "CONNLABELS" in A:
        if names is None:
            d["labels"] = list(A["CONNLABELS"])
        else:
            d["labels"] = [names[b] for b in A["CONNLABELS"] if names.get(b)]
    if flags & OF_TIME:
        d["time"] = now
    return d


EXP_FLAGS = ["PERMANENT", "INACTIVE", "USERSPACE"]


def expected_exp(T, S, now, mtype, flags):
    """What an expectation prints, from its getters."""
    d = {}
    if mtype in TYPES:
        d["type"] = TYPES[mtype]
    e = T.get("EXPECTED")
    if e is not None:
        if flags & OF_SHOW_LAYER3 and "ORIG_L3PROTO" in e:
            d["l3proto"] = L3.get(e["ORIG_L3PROTO"], "unknown")
            d["l3protonum"] = e["ORIG_L3PROTO"]
        if "ORIG_L4PROTO" in e:
            d["l4proto"] = L4.get(e["ORIG_L4PROTO"], "unknown")
            d["l4protonum"] = e["ORIG_L4PROTO"]
    if "TIMEOUT" in S:
        d["timeout"] = S["TIMEOUT"]
    for name, key in (("EXPECTED", "expected"), ("MASK", "mask"), ("MASTER", "master"),
                      ("NAT_TUPLE", "nat")):
        if name in T:
            d[key] = tuple_of(T[name], "ORIG", None, {})
    for name, key in (("NAT_DIR", "nat_dir"), ("ZONE", "zone")):
        if name in S:
            d[key] = S[name]
    if "FLAGS" in S:
        d["flags"] = [EXP_FLAGS[b] if b < 3 else "BIT_%d" % b
                      for b in range(32) if S["FLAGS"] >> b & 1]
    if "CLASS" in S:
        d["class"] = S["CLASS"]
    if "HELPER_NAME" in S:
        d["helper"] = text(S["HELPER_NAME"])
    if "FN" in S:
        d["fn"] = text(S["FN"])
    if flags & OF_TIME:
        d["time"] = now
    return d


def no_dup_keys(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key in %r" % keys)
    return dict(pairs)


def bad_constant(name):
    raise ValueError("non-standard constant " + name)


def in_order(want, got):
    """Same members in the same order, nested objects too."""
    if isinstance(want, dict):
        if not isinstance(got, dict) or list(want) != list(got):
            return False
        return all(in_order(want[k], got[k]) for k in want)
    return want == got and type(want) is type(got)


def parse_one(where, ret, body):
    """The JSON text of one print, checked and parsed; None after a failure."""
    if ret != len(body):
        fail("%s: returned %d for %d bytes: %r" % (where, ret, len(body), body))
        return None
    try:
        s = body.decode("utf-8")
        got = json.loads(s, object_pairs_hook=no_dup_keys, parse_constant=bad_constant)
    except ValueError as e:
        fail("%s: not valid JSON (%s): %r" % (where, e, body))
        return None
    if not isinstance(got, dict) or s != s.strip():
        fail("%s: not one bare object: %r" % (where, body))
        return None
    return got


def main():
    global checks
    if not os.access(GEN, os.X_OK):
        print("ERROR: %s is not built" % GEN)
        return 99
    env = dict(os.environ)
    env.pop("LD_PRELOAD", None)
    r = subprocess.run([GEN, "--objects=%d" % OBJECTS], stdout=subprocess.PIPE, env=env)
    if r.returncode == 77:
        print("SKIP: json-gen skipped")
        return 77
    if r.returncode != 0:
        print("ERROR: json-gen exited with %d" % r.returncode)
        return 99

    names = None
    A = now = plain = None
    obj = exp_n = -1
    prints = exps = 0
    T, S = {}, {}
    for raw in r.stdout.split(b"\n"):
        if not raw:
            continue
        tag, _, rest = raw.partition(b" ")
        if tag == b"M":
            names = {int(k): text(v) for k, v in json.loads(rest).items()}
        elif tag == b"O":
            obj, now = (int(x) for x in rest.split())
        elif tag == b"A":
            A = json.loads(rest)
        elif tag == b"P":
            ret, _, hexs = rest.partition(b" ")
            plain = bytes.fromhex(hexs.decode()).decode("latin-1") if int(ret) > 0 else None
        elif tag == b"X":
            exp_n, now = (int(x) for x in rest.split())
            T, S = {}, {}
            exps += 1
        elif tag == b"T":
            name, _, attrs = rest.partition(b" ")
            T[name.decode()] = json.loads(attrs)
        elif tag == b"S":
            S = json.loads(rest)
        elif tag == b"K":
            fields = rest.split(b" ", 3)
            mtype, flags, ret = (int(x) for x in fields[:3])
            body = fields[3] if len(fields) > 3 else b""
            prints += 1
            checks += 1
            where = "expectation %d type %d flags %d" % (exp_n, mtype, flags)
            got = parse_one(where, ret, body)
            if got is None:
                continue
            want = expected_exp(T, S, now, mtype, flags)
            if not in_order(want, got):
                fail("%s:\n  got  %s\n  want %s\n  tuples %s\n  attrs %s" %
                     (where, json.dumps(got), json.dumps(want), json.dumps(T), json.dumps(S)))
        elif tag == b"E":
            fail(rest.decode("utf-8", "replace"))
        elif tag == b"J":
            fields = rest.split(b" ", 4)
            mtype, flags, with_map, ret = (int(x) for x in fields[:4])
            body = fields[4] if len(fields) > 4 else b""
            prints += 1
            checks += 1
            where = "object %d type %d flags %d map %d" % (obj, mtype, flags, with_map)
            got = parse_one(where, ret, body)
            if got is None:
                continue
            want = expected(A, now, mtype, flags, names if with_map else None, plain, got)
            if not in_order(want, got):
                fail("%s:\n  got  %s\n  want %s\n  attrs %s" %
                     (where, json.dumps(got), json.dumps(want), json.dumps(A)))
        else:
            print("ERROR: unexpected line %r" % raw[:80])
            return 99
    if obj + 1 != OBJECTS:
        print("ERROR: json-gen stopped after %d objects" % (obj + 1))
        return 99
    if exps != OBJECTS // 4:
        print("ERROR: json-gen stopped after %d expectations" % exps)
        return 99
    print("%d JSON texts of %d objects and %d expectations checked, %d failed" %
          (prints, OBJECTS, exps, failures))
    return 1 if failures else 0


sys.exit(main())
