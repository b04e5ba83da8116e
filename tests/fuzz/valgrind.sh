#!/bin/sh
# valgrind.sh TEST [ARGS...]: the LOG_COMPILER of make check-valgrind.
#
# A test program runs under valgrind memcheck; a test script runs as it is,
# with NFCT_TEST_WRAPPER set so that it runs each program under test under
# valgrind (tests/examples/lib.sh honours it). Any memcheck error, and any
# definite, indirect or possible leak, makes the program exit with 97: the
# test fails, and valgrind's report is in the test's log
# (still-reachable memory, libnfnetlink's and the C library's own, is not
# a leak).
#
# VALGRIND names the program (default: valgrind).
vg="${VALGRIND:-valgrind} -q --error-exitcode=97 --leak-check=full \
--show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
--track-origins=yes --num-callers=30"

case "$(head -c 4 "$1" 2>/dev/null | od -An -c | tr -d ' ')" in
177ELF)
	# shellcheck disable=SC2086
	exec $vg "$@" ;;
*)
	NFCT_TEST_WRAPPER=$vg
	export NFCT_TEST_WRAPPER
	exec "$@" ;;
esac
