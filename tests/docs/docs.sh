#!/bin/sh
# The API documentation is complete, and the checks that say so work.
#
# 1. doxygen, with the configuration `make doc` uses, reports no warning,
#    and doc/man-pages.sh finds a man page for every exported function.
# 2. doxygen's XML output, read by check-docs.py, documents every exported
#    function (brief, each parameter, return value, errno when it can fail,
#    a group, example programs that really call it) and every enum,
#    enumerator, struct, field and macro of the public headers.
# 3. The documentation sources are consistent: every file of doc/ is in
#    doc_sources of Makefile.am (so it is distributed), every program of
#    utils/ and examples/ has its \example in doc/examples.dox, and the
#    code the main page quotes (\dontinclude, \skip, \until) is still in
#    the example programs.
# 4. Each way of breaking the documentation that mutate.py knows, applied
#    to a copy of the sources, makes step 2 fail with the expected message;
#    removing a function's comment also makes step 1 (make doc) fail.
#
# Skips (77) without doxygen or python3, and in check-reference: it checks
# our sources, not a library's behaviour.
set -u

: "${top_srcdir:?}"
here=$top_srcdir/tests/docs

if test "${NFCT_TEST_LIB:-ours}" = reference; then
	echo "SKIP: checks our documentation, not the library's behaviour"
	exit 77
fi
if ! command -v doxygen >/dev/null 2>&1; then
	echo "SKIP: doxygen not found"
	exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP: python3 not found"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nfct-docs.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
	printf 'FAIL: %s\n' "$*"
	failures=$((failures + 1))
}

# doxygen with the real configuration (HTML and man pages): $1 source
# tree, $2 output directory. Prints what doxygen printed.
doxygen_real() {
	mkdir -p "$2"
	DOXYGEN_SRCDIR=$1 DOXYGEN_OUTDIR=$2 DOXYGEN_VERSION=test \
		doxygen "$1/doxygen.cfg" > "$2/log" 2>&1
	rc=$?
	cat "$2/log"
	return $rc
}

# doxygen with XML output: $1 source tree, $2 output directory. The XML
# generator of doxygen 1.9 reports parameters as undocumented for every
# function documented at its definition, so that warning is off here:
# check-docs.py does that check itself.
doxygen_xml() {
	mkdir -p "$2"
	cat > "$2/Doxyfile" <<EOF
@INCLUDE = $1/doxygen.cfg
GENERATE_XML = YES
XML_PROGRAMLISTING = NO
GENERATE_HTML = NO
GENERATE_MAN = NO
WARN_NO_PARAMDOC = NO
WARN_AS_ERROR = NO
EOF
	DOXYGEN_SRCDIR=$1 DOXYGEN_OUTDIR=$2 DOXYGEN_VERSION=test \
		doxygen "$2/Doxyfile" > "$2/log" 2>&1
}

# ---- 1. make doc's configuration: no warning -------------------------------

if ! out=$(doxygen_real "$top_srcdir" "$tmp/real"); then
	fail "doxygen failed with the configuration of make doc:"
	echo "$out"
elif test -n "$out"; then
	fail "doxygen printed something (warnings?):"
	echo "$out"
fi
if test -d "$tmp/real/man/man3"; then
	if ! sh "$top_srcdir/doc/man-pages.sh" "$tmp/real/man/man3" "$top_srcdir"; then
		fail "doc/man-pages.sh"
	else
		echo "man pages: $(ls "$tmp/real/man/man3" | wc -l) files" \
		     "($(grep -L '^\.so ' "$tmp/real/man/man3"/*.3 | wc -l) pages," \
		     "the others links)"
	fi
fi

# ---- 2. every exported function, type and macro is documented ------------

doxygen_xml "$top_srcdir" "$tmp/xml" || { fail "doxygen (XML)"; cat "$tmp/xml/log"; }
if ! python3 "$here/check-docs.py" "$tmp/xml/xml" "$top_srcdir"; then
	fail "check-docs.py found undocumented parts (above)"
fi

# ---- 3. documentation sources --------------------------------------------

doc_sources=$(sed -n '/^doc_sources *=/,/[^\\]$/p' "$top_srcdir/Makefile.am" |
	      sed 's/^doc_sources *=//; s/\\$//')
for f in "$top_srcdir"/doc/*; do
	name=doc/$(basename "$f")
	case $name in
	# What make doc writes, in the source tree when it is the build tree.
	doc/html|doc/man|doc/stamp) continue ;;
	esac
	case " $(echo $doc_sources) " in
	*" $name "*) ;;
	*) fail "$name is not in doc_sources of Makefile.am (it would not be distributed)" ;;
	esac
done
for f in "$top_srcdir"/utils/*.c "$top_srcdir"/examples/*.c; do
	grep -q "^\\\\example $(basename "$f")\$" "$top_srcdir/doc/examples.dox" ||
		fail "$(basename "$f") has no \\example in doc/examples.dox"
done
python3 - "$top_srcdir" <<'EOF' || fail "the main page quotes code that is not in the examples"
import glob, os, re, sys
top = sys.argv[1]
bad = 0
for dox in sorted(glob.glob(os.path.join(top, "doc", "*.dox"))):
    src, pos = None, 0
    for line in open(dox):
        m = re.match(r"\\(dontinclude|skip|until|line|skipline)\s+(.*\S)", line)
        if not m:
            continue
        cmd, arg = m.groups()
        if cmd == "dontinclude":
            found = [p for d in ("utils", "examples")
                     for p in [os.path.join(top, d, arg)] if os.path.exists(p)]
            src, pos = (open(found[0]).read() if found else None), 0
            if not found:
                print("%s: \\dontinclude %s: no such example" % (dox, arg)); bad = 1
            continue
        if src is None:
            continue
        i = src.find(arg, pos)
        if i < 0:
            print("%s: \\%s %s: not found (in order) in the example" % (dox, cmd, arg)); bad = 1
        else:
            pos = i + len(arg)
sys.exit(bad)
EOF

# ---- 4. the checks catch what they claim to catch -------------------------

copy=$tmp/tree
for m in param return comment example enumerator field; do
	rm -rf "$copy"
	mkdir -p "$copy"
	# (in make distcheck the sources are read-only, and so is a copy)
	(cd "$top_srcdir" && cp -R doxygen.cfg doc include src utils examples "$copy/") &&
		chmod -R u+w "$copy" || { fail "cannot copy the sources"; break; }
	expected=$(python3 "$here/mutate.py" "$copy" "$m")
	rc=$?
	if test $rc -ne 0; then
		fail "mutation '$m' could not be applied (update tests/docs/mutate.py)"
		continue
	fi
	doxygen_xml "$copy" "$tmp/mut-$m"
	if out=$(python3 "$here/check-docs.py" "$tmp/mut-$m/xml" "$copy"); then
		fail "mutation '$m': check-docs.py did not notice ($expected)"
	elif ! printf '%s\n' "$out" | grep -qF -- "$expected"; then
		fail "mutation '$m': expected \"$expected\", got:"
		printf '%s\n' "$out"
	else
		echo "mutation '$m' caught: $expected"
	fi
	# make doc's own run must fail too for what doxygen can see: a missing
	# comment, parameter or return value (not an enumerator or a field:
	# doxygen does not warn about those, check-docs.py does).
	case $m in
	param|return|comment)
		if out=$(doxygen_real "$copy" "$tmp/mutreal-$m"); then
			fail "mutation '$m': make doc's doxygen run did not fail"
		else
			echo "mutation '$m' also fails make doc:" \
			     "$(printf '%s\n' "$out" | grep -m1 'error:' | sed 's|.*/||')"
		fi
		;;
	esac
	rm -rf "$tmp/mut-$m" "$tmp/mutreal-$m"
done

if test $failures -ne 0; then
	echo "$failures failure(s)"
	exit 1
fi
echo "documentation complete"
exit 0
