#!/bin/sh
# tree.sh SRCDIR DIR CONFIGURE-ARGS...: prepares a separate build tree of
# the project in DIR/build, configured with the arguments given (a
# compiler, sanitizer flags), for make fuzz and make check-asan.
#
# A source tree that was configured in place (./configure in the
# checkout) cannot also serve a second build directory: make would find
# the first build's objects through VPATH. Such a tree is copied to
# DIR/src first: the files in git's index (as they are in the working
# tree; the other untracked files of an in-place build are its products,
# so `git add` a new source file for it to be copied) plus the generated
# autotools files, with their times kept so that nothing is regenerated.
# Without git, make distdir makes the copy. A tree that was not configured
# in place is used directly.
#
# The tree is configured once; later runs only rebuild what changed (the
# copy is refreshed each time).
set -eu

src=$1
dir=$2
shift 2
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

if [ -f "$src/config.status" ]; then
	copy=$dir/src
	mkdir -p "$copy"
	if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		# Sources, then the autotools output; nothing below a
		# directory starting with "_" (these build trees), no ELF
		# file.
		( cd "$src" && {
			git ls-files -c
			ls configure aclocal.m4 config.h.in 2>/dev/null
			find build-aux m4 -type f 2>/dev/null
			find . -name Makefile.in -not -path './_*' | sed 's|^\./||'
		  } | grep -v '^_' | sort -u | while IFS= read -r f; do
			[ -f "$f" ] || continue
			case "$(head -c 4 "$f" | od -An -c | tr -d ' ')" in
			177ELF) continue ;;
			esac
			printf '%s\n' "$f"
		  done ) >"$dir/files"
		( cd "$src" && tar -cf - -T "$dir/files" ) | ( cd "$copy" && tar -xpf - )
		# Files gone from the source since the last copy go here too.
		( cd "$copy" && find . -type f | sed 's|^\./||' | sort ) |
			comm -23 - "$dir/files" | ( cd "$copy" && xargs -r rm -f -- )
	else
		# (make distdir mishandles an absolute distdir: made in place,
		# then moved.)
		name=$(sed -n 's/^PACKAGE_TARNAME = //p' "$src/Makefile")-$(sed -n 's/^VERSION = //p' "$src/Makefile")
		rm -rf "$copy" "${src:?}/$name"
		( cd "$src" && make distdir >/dev/null && mv "$name" "$copy" )
	fi
	src=$copy
fi

mkdir -p "$dir/build"
cd "$dir/build"
if [ ! -f config.status ] || [ "$(cat configured-with 2>/dev/null)" != "$*" ]; then
	"$src/configure" "$@" >configure.out 2>&1 || {
		tail -n 30 configure.out
		echo "tree.sh: configure failed in $dir/build (see configure.out)" >&2
		exit 1
	}
	printf '%s' "$*" >configured-with
fi
