#!/usr/bin/env python3
"""Compares our public headers and library with the original's.

Checks, for every public header of the original (Debian's
libnetfilter-conntrack-dev, in ORIGINAL_INCLUDE):
  - every enumerator and every macro it defines exists in ours with the
    same value (ours may add names: the 1.1.1 additions);
  - every public structure and union has the same size and member offsets;
  - every function prototype is the same (gcc -aux-info canonical form);
and that our shared library exports exactly the 105 public functions.

Exit codes follow automake: 0 pass, 1 fail, 77 skip, 99 hard error.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

ORIG_INC = os.environ.get("ORIGINAL_INCLUDE", "/usr/include")
TOP_SRC = os.environ.get("top_srcdir", os.path.join(os.path.dirname(__file__), "..", ".."))
TOP_BUILD = os.environ.get("top_builddir", TOP_SRC)
OUR_INC = os.path.join(TOP_SRC, "include")
OUR_SO = os.path.join(TOP_BUILD, "src", ".libs", "libnetfilter_conntrack.so")
CC = os.environ.get("CC", "cc")

HEADERS = [
    "libnetfilter_conntrack.h",
    "libnetfilter_conntrack_dccp.h",
    "libnetfilter_conntrack_icmp.h",
    "libnetfilter_conntrack_sctp.h",
    "libnetfilter_conntrack_tcp.h",
    "libnetfilter_conntrack_udp.h",
    "linux_nf_conntrack_common.h",
    "linux_nfnetlink_conntrack.h",
]

# Names whose value changed on purpose between the original 1.0.9 and the
# 1.1.1 API we implement: the attribute and filter counts grew by the
# appended values.
GROWN = {
    "ATTR_MAX": 1,
    "NFCT_FILTER_MAX": 1,
    "NFCT_FILTER_DUMP_MAX": 2,
    # NFCT_O_JSON, our output format, comes right before it.
    "NFCT_O_MAX": 1,
}

failures = []


def fail(msg):
    failures.append(msg)


def original_dir():
    return os.path.join(ORIG_INC, "libnetfilter_conntrack")


def read_original(name):
    with open(os.path.join(original_dir(), name)) as f:
        return f.read()


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    # What only the kernel sees is no part of the userspace interface.
    text = re.sub(r"^#ifndef\s+__KERNEL__(.*?)^#else.*?^#endif", r"\1", text, flags=re.S | re.M)
    return re.sub(r"^#if(?:def|\s+defined)\s*\(?__KERNEL__\)?.*?^#(?:else|endif)", "",
                  text, flags=re.S | re.M)


def names_of(text):
    """Enumerators and object-like macros defined by one header."""
    text = strip_comments(text)
    names = set()
    for body in re.findall(r"\benum\b[^{;]*\{(.*?)\}", text, flags=re.S):
        body = re.sub(r"^\s*#.*$", "", body, flags=re.M)
        for item in body.split(","):
            m = re.match(r"\s*([A-Za-z_]\w*)", item)
            if m:
                names.add(m.group(1))
    for m in re.finditer(r"^\s*#\s*define\s+([A-Za-z_]\w*)(\(?)", text, flags=re.M):
        if m.group(2):          # function-like macro: compared by use only
            continue
        name = m.group(1)
        if name.startswith("_") and name.endswith("_H") or name.endswith("_H_"):
            continue            # include guards
        names.add(name)
    return names


def structs_of(text):
    """Public struct/union definitions: name -> list of member names."""
    text = strip_comments(text)
    out = {}
    for kind, name, body in re.findall(r"\b(struct|union)\s+(\w+)\s*\{(.*?)\}\s*;", text, flags=re.S):
        members = []
        for decl in body.split(";"):
            decl = decl.strip()
            if not decl:
                continue
            # "uint32_t src, dst" or "uint32_t src[4], dst[4]"
            parts = decl.split(",")
            first = re.match(r".*?([A-Za-z_]\w*)\s*(\[[^\]]*\])?\s*$", parts[0])
            if first:
                members.append(first.group(1))
            for p in parts[1:]:
                m = re.match(r"\s*\**\s*([A-Za-z_]\w*)", p)
                if m:
                    members.append(m.group(1))
        out[kind + " " + name] = members
    return out


def compile_and_run(src, include, tmp, tag, cxx=False):
    path = os.path.join(tmp, tag + ".c")
    exe = os.path.join(tmp, tag)
    with open(path, "w") as f:
        f.write(src)
    cmd = shlex.split(CC) + ["-w", "-I", include, path, "-o", exe]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        fail("%s: compile failed:\n%s" % (tag, r.stderr[-4000:]))
        return None
    r = subprocess.run([exe], capture_output=True, text=True)
    return r.stdout


def value_program(names, structs):
    lines = ["#include <stdio.h>", "#include <stddef.h>"]
    lines += ["#include <libnetfilter_conntrack/%s>" % h for h in HEADERS]
    lines += ["int main(void) {"]
    for n in sorted(names):
        lines.append('#ifdef %s' % n)
        lines.append('  printf("macro %s %%lld\\n", (long long)(%s));' % (n, n))
        lines.append('#else')
        lines.append('  printf("value %s %%lld\\n", (long long)(%s));' % (n, n))
        lines.append('#endif')
    for s, members in sorted(structs.items()):
        lines.append('  printf("sizeof %s %%zu\\n", sizeof(%s));' % (s, s))
        for m in members:
            lines.append('  printf("offsetof %s.%s %%zu\\n", offsetof(%s, %s));' % (s, m, s, m))
    lines += ["  return 0;", "}"]
    return "\n".join(lines) + "\n"


def check_values(tmp):
    names, structs = set(), {}
    for h in HEADERS:
        text = read_original(h)
        names |= names_of(text)
        structs.update(structs_of(text))
    # Macros that only configure the headers themselves.
    names.discard("NFCT_DEPRECATED")
    prog = value_program(names, structs)
    # Ours must compile the program: a missing name fails right here.
    ours = compile_and_run(prog, OUR_INC, tmp, "values-ours")
    theirs = compile_and_run(prog, ORIG_INC, tmp, "values-original")
    if ours is None or theirs is None:
        return
    mine = dict(l.rsplit(" ", 1) for l in ours.splitlines())
    orig = dict(l.rsplit(" ", 1) for l in theirs.splitlines())
    for key, val in orig.items():
        name = key.split(" ", 1)[1]
        if key.startswith("value ") or key.startswith("macro "):
            other = mine.get("value " + name, mine.get("macro " + name))
            want = int(val) + GROWN.get(name, 0)
            if other is None or int(other) != want:
                fail("%s: original %s, ours %s" % (name, val, other))
        elif mine.get(key) != val:
            fail("%s: original %s, ours %s" % (key, val, mine.get(key)))
    print("values: %d names, %d structures compared" % (len(names), len(structs)))


def prototypes(include, tmp, tag):
    path = os.path.join(tmp, tag + "-proto.c")
    info = os.path.join(tmp, tag + ".aux")
    with open(path, "w") as f:
        f.write("#include <libnetfilter_conntrack/libnetfilter_conntrack.h>\n")
    r = subprocess.run(["gcc", "-w", "-I", include, "-aux-info", info, "-c", path,
                        "-o", os.path.join(tmp, tag + ".o")], capture_output=True, text=True)
    if r.returncode != 0:
        fail("%s: prototype extraction failed: %s" % (tag, r.stderr[-2000:]))
        return {}
    protos = {}
    with open(info) as f:
        for line in f:
            m = re.search(r"\*/\s*(.*\b(nfct_\w+|nfexp_\w+)\s*\(.*\));", line)
            if m:
                # Parameter names are not part of the interface.
                protos[m.group(2)] = m.group(1)
    return protos


def check_prototypes(tmp):
    ours = prototypes(OUR_INC, tmp, "ours")
    theirs = prototypes(ORIG_INC, tmp, "original")
    for name, proto in theirs.items():
        if name not in ours:
            fail("prototype of %s missing" % name)
        elif ours[name] != proto:
            fail("prototype of %s differs:\n  original: %s\n  ours:     %s" % (name, proto, ours[name]))
    extra = sorted(set(ours) - set(theirs))
    if extra != ["nfct_filter_dump_set_attr_u16"]:
        fail("functions added to the header: %s (expected only nfct_filter_dump_set_attr_u16)" % extra)
    print("prototypes: %d compared" % len(theirs))


def check_exports():
    if not os.path.exists(OUR_SO):
        fail("library not built: %s" % OUR_SO)
        return
    r = subprocess.run(["nm", "-D", "--defined-only", OUR_SO], capture_output=True, text=True)
    syms = sorted(l.split()[-1] for l in r.stdout.splitlines() if l.split()[-2] in "TWiD")
    funcs = [s for s in syms if not s.startswith("_")]
    with open(os.path.join(TOP_SRC, "src", "exports.map")) as f:
        listed = sorted(re.findall(r"\b(nf(?:ct|exp)_\w+);", f.read()))
    if len(listed) != 105:
        fail("exports.map lists %d functions, not 105" % len(listed))
    if funcs != listed:
        fail("exported symbols differ from the list: extra %s, missing %s" %
             (sorted(set(funcs) - set(listed)), sorted(set(listed) - set(funcs))))
    r = subprocess.run(["objdump", "-p", OUR_SO], capture_output=True, text=True)
    soname = re.search(r"SONAME\s+(\S+)", r.stdout)
    if not soname or soname.group(1) != "libnetfilter_conntrack.so.3":
        fail("SONAME is %s" % (soname.group(1) if soname else None))
    needed = re.findall(r"NEEDED\s+(\S+)", r.stdout)
    for lib in ("libnfnetlink.so.0", "libmnl.so.0"):
        if lib not in needed:
            fail("%s not linked (NEEDED: %s)" % (lib, needed))
    print("exports: %d functions" % len(funcs))


def check_languages(tmp):
    """Our headers compile cleanly as C99, C11 and C++."""
    src = os.path.join(tmp, "lang.c")
    with open(src, "w") as f:
        for h in HEADERS:
            f.write("#include <libnetfilter_conntrack/%s>\n" % h)
        f.write("int lang_check_unused;\n")
    for std, compiler, extra in (("c99", CC, []), ("c11", CC, []), ("gnu11", CC, []),
                                 ("c++11", "g++", ["-x", "c++"]), ("c++17", "g++", ["-x", "c++"])):
        cmd = shlex.split(compiler) + extra + ["-std=" + std, "-Wall", "-Wextra", "-Werror", "-pedantic",
                                    "-I", OUR_INC, "-fsyntax-only", src]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            fail("headers do not compile as %s:\n%s" % (std, r.stderr[-3000:]))
    print("languages: c99 c11 gnu11 c++11 c++17")


def main():
    if not os.path.isdir(original_dir()):
        print("SKIP: the original headers (libnetfilter-conntrack-dev) are not installed")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        check_values(tmp)
        check_prototypes(tmp)
        check_exports()
        check_languages(tmp)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
