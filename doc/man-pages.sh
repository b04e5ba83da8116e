#!/bin/sh
# Tidies the section-3 man pages doxygen wrote, so that what `make install`
# installs is one page per group (nfct_object.3, nfexp_queries.3...), one
# per public structure, one per documentation page, and a link page per
# exported function.
#
# usage: man-pages.sh MANDIR SRCDIR
#   MANDIR  doxygen's man3 directory (doc/man/man3 of the build tree)
#   SRCDIR  the source tree (for src/exports.map and doc/*.dox)
#
# - MAN_LINKS makes a link page (".so man3/GROUP.3") for every documented
#   name, enumerators included; only those of exported functions are kept,
#   so `man nfct_query` works without filling man3 with hundreds of names.
# - A \page NAME of doc/*.dox becomes NAME.3; it is renamed
#   libnetfilter_conntrack_NAME.3 so that a generic name (json) cannot
#   collide with another package's page.
set -eu

mandir=$1
srcdir=$2
exports=$srcdir/src/exports.map

test -d "$mandir" || { echo "man-pages.sh: no $mandir" >&2; exit 1; }
test -r "$exports" || { echo "man-pages.sh: cannot read $exports" >&2; exit 1; }

for page in "$mandir"/*.3; do
	head=$(head -c 4 "$page")
	test "$head" = ".so " || continue
	name=$(basename "$page" .3)
	if ! grep -Eq "(^|[[:space:]])$name;" "$exports" 2>/dev/null; then
		rm -f "$page"
	fi
done

for id in $(sed -n 's/^\\page \([A-Za-z0-9_]*\) .*/\1/p' "$srcdir"/doc/*.dox); do
	page=$mandir/$id.3
	test -f "$page" || continue
	new=libnetfilter_conntrack_$id
	sed -e "1s/^\\.TH \"$id\"/.TH \"$new\"/" -e "s/^$id \\\\- /$new \\\\- /" \
		"$page" > "$mandir/$new.3"
	rm -f "$page"
done

# Every exported function must have its link page: a missing one means a
# function outside every group, which doxygen does not always report.
missing=
for name in $(sed -n '/global:/,/local:/p' "$exports" | tr ';' '\n' |
	      sed -n 's/^[[:space:]]*\(nf[a-z0-9_]*\)[[:space:]]*$/\1/p'); do
	test -f "$mandir/$name.3" || missing="$missing $name"
done
if test -n "$missing"; then
	echo "man-pages.sh: no man page for:$missing" >&2
	exit 1
fi
