#!/usr/bin/env python3
"""Breaks the documentation of a copy of the source tree in one way.

usage: mutate.py TREE MUTATION

Used by docs.sh to prove that the checks catch what they claim to catch:
each mutation removes one piece of documentation from TREE (a copy of the
sources, never the real tree) and prints the line check-docs.py must then
report. Exits 2 when the mutation cannot be applied (the comment it edits
has changed shape: update this script).
"""
import glob
import os
import re
import sys


def function_comment(tree, name):
    """(path, text, start, end) of the doxygen comment of an exported
    function's definition."""
    for path in glob.glob(os.path.join(tree, "src", "**", "*.c"), recursive=True):
        with open(path) as f:
            s = f.read()
        m = re.search(r"\nNFCT_EXPORT [^;{]*?\b%s\(" % re.escape(name), s)
        if not m:
            continue
        end = s.rfind("*/", 0, m.start() + 1) + 2
        start = s.rfind("/**", 0, end)
        if start < 0 or s[end:m.start() + 1].strip():
            break
        return path, s, start, end
    sys.exit("mutate.py: no doxygen comment found for %s" % name)


def write(path, s):
    with open(path, "w") as f:
        f.write(s)


def drop_param(tree, name, param):
    """Removes the \\param paragraph of one parameter."""
    path, s, start, end = function_comment(tree, name)
    comment = s[start:end]
    new = re.sub(r" \* \\param %s\b.*?\n(?= \* \\| \*\n| \*/)" % re.escape(param),
                 "", comment, count=1, flags=re.S)
    if new == comment:
        sys.exit(2)
    write(path, s[:start] + new + s[end:])
    return "%s(): parameter '%s' not documented" % (name, param)


def drop_return(tree, name):
    """Removes the \\return paragraph."""
    path, s, start, end = function_comment(tree, name)
    comment = s[start:end]
    new = re.sub(r" \* \\return\b.*?\n(?= \* \\| \*\n| \*/)", "", comment,
                 count=1, flags=re.S)
    if new == comment:
        sys.exit(2)
    write(path, s[:start] + new + s[end:])
    return "%s(): returns" % name


def drop_comment(tree, name):
    """Turns the doxygen comment into an ordinary one."""
    path, s, start, end = function_comment(tree, name)
    write(path, s[:start] + "/*" + s[start + 3:])
    return "%s(): not documented" % name


def wrong_example(tree, name, program):
    """Names an example program that does not call the function."""
    path, s, start, end = function_comment(tree, name)
    new = re.sub(r"\b(?:utils|examples)/[\w.-]+\.c", program, s[start:end])
    if new == s[start:end]:
        sys.exit(2)
    write(path, s[:start] + new + s[end:])
    return "%s(): names %s, which does not call it" % (name, program)


def drop_header_doc(tree, header, line_re, what):
    """Removes the doxygen comment at the end of a header line."""
    path = os.path.join(tree, "include", "libnetfilter_conntrack", header)
    with open(path) as f:
        s = f.read()
    new, n = re.subn(r"(%s)[ \t]*/\*\*<[^\n]*?\*/" % line_re, r"\1", s, count=1)
    if n != 1:
        sys.exit(2)
    write(path, new)
    return what


MUTATIONS = {
    "param": lambda t: drop_param(t, "nfct_open", "subscriptions"),
    "return": lambda t: drop_return(t, "nfct_fd"),
    "comment": lambda t: drop_comment(t, "nfct_close"),
    "example": lambda t: wrong_example(t, "nfct_fd", "utils/conntrack_dump.c"),
    "enumerator": lambda t: drop_header_doc(
        t, "libnetfilter_conntrack.h", r"\tATTR_ZONE = 61,",
        "enumerator ATTR_ZONE has no description"),
    "field": lambda t: drop_header_doc(
        t, "libnetfilter_conntrack.h", r"\tuint32_t val;",
        "struct nfct_filter_dump_mark (libnetfilter_conntrack.h): field val not documented"),
}


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in MUTATIONS:
        sys.exit(__doc__ + "\nmutations: " + " ".join(MUTATIONS))
    print(MUTATIONS[sys.argv[2]](sys.argv[1]))


if __name__ == "__main__":
    main()
