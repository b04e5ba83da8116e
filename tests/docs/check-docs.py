#!/usr/bin/env python3
"""Checks the API documentation that doxygen extracted (its XML output).

usage: check-docs.py XMLDIR SRCDIR

The lists of what must be documented come from the sources, not from
doxygen (which leaves out what has no comment):
- every function of SRCDIR/src/exports.map must have a brief description,
  a description of each of its parameters, a description of its return
  value when it returns something, and a place in a group; when its
  documentation names programs of utils/ or examples/, they must exist and
  call it; when such a program calls it, its documentation must name one;
- every enum, enumerator, struct, union, field and macro defined in the
  public headers (include/libnetfilter_conntrack/*.h) must be documented.

Prints one line per problem and exits 1 when there is any, 0 otherwise.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET


def text(elem):
    """All the text of an XML element and its children, spaces folded."""
    if elem is None:
        return ""
    return " ".join("".join(elem.itertext()).split())


def strip_c_comments(src):
    src = re.sub(r"/\*.*?\*/", " ", src, flags=re.S)
    return re.sub(r"//[^\n]*", " ", src)


class Docs:
    """What doxygen extracted: members by name, compounds by name."""

    def __init__(self, xmldir):
        self.functions = {}     # name -> memberdef
        self.enums = []         # memberdef of every enum
        self.defines = {}       # name -> memberdef
        self.compounds = {}     # struct/union name -> compounddef
        self.group_of = {}      # member name -> group name
        self.groups = {}        # group name -> title
        index = ET.parse(os.path.join(xmldir, "index.xml")).getroot()
        for comp in index.findall("compound"):
            path = os.path.join(xmldir, comp.get("refid") + ".xml")
            if not os.path.exists(path):
                continue
            for cdef in ET.parse(path).getroot().findall("compounddef"):
                self._compound(cdef)

    @staticmethod
    def _documented(m):
        return text(m.find("briefdescription")) or text(m.find("detaileddescription"))

    def _keep(self, table, name, m):
        # The same member shows up in its file and in its group: keep
        # the documented copy.
        if name not in table or (self._documented(m) and not self._documented(table[name])):
            table[name] = m

    def _compound(self, cdef):
        kind = cdef.get("kind")
        name = cdef.findtext("compoundname")
        if kind in ("struct", "union"):
            self.compounds[name] = cdef
        if kind == "group":
            self.groups[name] = cdef.findtext("title")
        for m in cdef.iter("memberdef"):
            mname = m.findtext("name")
            mkind = m.get("kind")
            if kind == "group":
                self.group_of[mname] = name
            if mkind == "function":
                self._keep(self.functions, mname, m)
            elif mkind == "enum":
                self.enums.append(m)
            elif mkind == "define":
                self._keep(self.defines, mname, m)


def exported_functions(srcdir):
    with open(os.path.join(srcdir, "src", "exports.map")) as f:
        body = strip_c_comments(f.read())
    glob_part = body.split("global:", 1)[1].split("local:", 1)[0]
    return [s.strip() for s in glob_part.split(";") if s.strip()]


def program_calls(srcdir):
    """Source text of every utils/ and examples/ program, by relative path."""
    progs = {}
    for d in ("utils", "examples"):
        for path in sorted(glob.glob(os.path.join(srcdir, d, "*.c"))):
            with open(path) as f:
                progs[d + "/" + os.path.basename(path)] = strip_c_comments(f.read())
    return progs


def check_function(name, m, docs, progs, problems):
    def bad(msg):
        problems.append("%s(): %s" % (name, msg))

    if m is None:
        bad("not documented (doxygen extracted nothing for it)")
        return
    if not Docs._documented(m):
        bad("not documented (no doxygen comment)")
        return
    brief = text(m.find("briefdescription"))
    detail = m.find("detaileddescription")
    if not brief:
        bad("no brief description")

    params = []
    for p in m.findall("param"):
        declname = p.findtext("declname")
        if declname:
            params.append(declname)
        elif text(p.find("type")) not in ("void", ""):
            bad("a parameter has no name in the prototype")
    documented = {}
    for plist in detail.iter("parameterlist"):
        if plist.get("kind") != "param":
            continue
        for item in plist.findall("parameteritem"):
            desc = text(item.find("parameterdescription"))
            for pname in item.iter("parametername"):
                documented[text(pname)] = desc
    for p in params:
        if p not in documented:
            bad("parameter '%s' not documented" % p)
        elif not documented[p]:
            bad("parameter '%s' has an empty description" % p)
    for p in documented:
        if p not in params:
            bad("documents a parameter '%s' it does not have" % p)

    rtype = text(m.find("type"))
    rtype = re.sub(r"\b(static|inline|extern)\b", "", rtype).strip()
    if rtype != "void":
        ret = [text(s) for s in detail.iter("simplesect") if s.get("kind") == "return"]
        ret += [text(pl) for pl in detail.iter("parameterlist") if pl.get("kind") == "retval"]
        if not any(ret):
            bad("returns %s but has no \\return description" % rtype)
        elif re.search(r"(-1|\bNULL\b)", " ".join(ret)) and "errno" not in text(detail):
            bad("can fail (-1 or NULL) but says nothing of errno")

    if name not in docs.group_of:
        bad("not in any group")

    # Example programs: the ones named must call the function; when some
    # program calls it, at least one must be named.
    full = brief + " " + text(detail)
    named = sorted(set(re.findall(r"\b((?:utils|examples)/[\w.-]+\.c)\b", full)))
    call = re.compile(r"\b%s\s*\(" % re.escape(name))
    callers = [p for p, src in progs.items() if call.search(src)]
    for p in named:
        if p not in progs:
            bad("names %s, which does not exist" % p)
        elif p not in callers:
            bad("names %s, which does not call it" % p)
    if callers and not named:
        bad("names no example program, though %s calls it" % ", ".join(callers[:3]))


def public_definitions(srcdir):
    """Enums (with enumerators), structs/unions (with fields) and macros
    defined in the public headers."""
    enums, records, macros = [], [], []
    for path in sorted(glob.glob(os.path.join(srcdir, "include", "libnetfilter_conntrack", "*.h"))):
        with open(path) as f:
            raw = f.read()
        base = os.path.basename(path)
        for mac in re.findall(r"^#\s*define\s+(\w+)", raw, flags=re.M):
            if not mac.endswith("_H") and (base, mac) not in macros:
                macros.append((base, mac))
        src = strip_c_comments(raw)
        src = re.sub(r"^#[^\n]*$", " ", src, flags=re.M)
        for m in re.finditer(r"\benum\s*(\w*)\s*\{(.*?)\}", src, flags=re.S):
            names = [re.match(r"\s*(\w+)", e).group(1)
                     for e in m.group(2).split(",") if e.strip()]
            enums.append((base, m.group(1), names))
        for m in re.finditer(r"\b(struct|union)\s+(\w+)\s*\{(.*?)\}", src, flags=re.S):
            fields = []
            for decl in m.group(3).split(";"):
                decl = re.sub(r"\[[^\]]*\]", "", decl).strip()
                if not decl:
                    continue
                words = [w.strip() for w in decl.split(",")]
                fields.append(re.findall(r"\w+", words[0])[-1])
                fields.extend(re.findall(r"\w+", w)[-1] for w in words[1:])
            records.append((base, m.group(1), m.group(2), fields))
    return enums, records, macros


def check_types(docs, srcdir, problems):
    enums, records, macros = public_definitions(srcdir)
    by_value = {}
    for e in docs.enums:
        for v in e.findall("enumvalue"):
            by_value[v.findtext("name")] = (e, v)
    for base, ename, values in enums:
        label = "enum %s" % (ename or "{%s...}" % values[0])
        if values[0] not in by_value:
            problems.append("%s (%s): not documented" % (label, base))
            continue
        e = by_value[values[0]][0]
        if not Docs._documented(e):
            problems.append("%s (%s): no description" % (label, base))
        if e.findtext("name").startswith("@") is False and ename and e.findtext("name") != ename:
            problems.append("%s (%s): doxygen knows it as %s" % (label, base, e.findtext("name")))
        for v in values:
            if v not in by_value:
                problems.append("%s (%s): enumerator %s not documented" % (label, base, v))
            elif not Docs._documented(by_value[v][1]):
                problems.append("%s (%s): enumerator %s has no description" % (label, base, v))
    for base, kind, rname, fields in records:
        label = "%s %s (%s)" % (kind, rname, base)
        c = docs.compounds.get(rname)
        if c is None or not Docs._documented(c):
            problems.append("%s: not documented" % label)
            continue
        members = {m.findtext("name"): m for m in c.iter("memberdef")}
        for fname in fields:
            if fname not in members or not Docs._documented(members[fname]):
                problems.append("%s: field %s not documented" % (label, fname))
    for base, mac in macros:
        m = docs.defines.get(mac)
        if m is None or not Docs._documented(m):
            problems.append("macro %s (%s): not documented" % (mac, base))
    return len(enums), len(records), len(macros)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    xmldir, srcdir = sys.argv[1], sys.argv[2]
    docs = Docs(xmldir)
    progs = program_calls(srcdir)
    problems = []
    funcs = exported_functions(srcdir)
    for name in funcs:
        check_function(name, docs.functions.get(name), docs, progs, problems)
    ne, nr, nm = check_types(docs, srcdir, problems)
    for p in problems:
        print("undocumented: " + p)
    print("%d exported functions, %d enums, %d structs/unions, %d macros, "
          "%d groups checked: %d problems"
          % (len(funcs), ne, nr, nm, len(docs.groups), len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
