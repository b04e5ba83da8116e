# The drop-in proof (issue 8): the real programs linked against
# libnetfilter_conntrack (conntrack, conntrackd, iptstate, ulogd2's NFCT
# plugin) run in private namespaces, once on the original library and once
# on ours, and their normalised results are compared. See compat/README.
#
# Its own target, not in TESTS: the whole suite (101 scenarios, each run on
# both libraries) takes about two and a half minutes with two jobs on two
# cores; it needs root (network and mount namespaces) and the Debian
# programs; and it proves the library as a whole. So it runs on its own,
# from the tests directory of the build tree:
#
#   make -C tests check-compat        ours (src/.libs) against the original
#   make -C tests check-compat-self   the original against itself, twice:
#                                     checks that the harness is
#                                     deterministic
#   make -C tests check-compat COMPAT_ARGS='ct-* -v'   a selection
#
# Where it cannot run (not root, no namespaces, a program missing) run.sh
# exits 77 and the targets say so and succeed.

COMPAT_JOBS = 2
COMPAT_ARGS =

compat_scripts = \
	compat/run.sh \
	compat/runner.sh \
	compat/lib.sh \
	compat/normalize.pl \
	compat/tools/net.py \
	compat/tools/idle.pl \
	compat/groups/ct-basic.sh \
	compat/groups/ct-output.sh \
	compat/groups/ct-filter.sh \
	compat/groups/ct-events.sh \
	compat/groups/ct-expect.sh \
	compat/groups/traffic.sh \
	compat/groups/conntrackd.sh \
	compat/groups/iptstate.sh \
	compat/groups/ulogd.sh

EXTRA_DIST += compat/README compat/connlabel.conf $(compat_scripts)

compat_env = \
	NFCT_OUR_LIBDIR='$(abs_top_builddir)/src/.libs' \
	NFCT_REFERENCE_LIBRARY='$(REFERENCE_LIBRARY)' \
	LD_PRELOAD= NFCT_TEST_LIB=

compat_run = rc=0; $(compat_env) bash $(srcdir)/compat/run.sh
compat_end = || rc=$$?; \
	if test $$rc = 77; then echo "$@: skipped (see above)"; rc=0; fi; exit $$rc

check-compat:
	cd $(top_builddir)/src && $(MAKE) $(AM_MAKEFLAGS) libnetfilter_conntrack.la
	@$(compat_run) --jobs $(COMPAT_JOBS) $(COMPAT_ARGS) $(compat_end)

check-compat-self:
	@$(compat_run) --self-test --repeat 2 --jobs $(COMPAT_JOBS) $(COMPAT_ARGS) $(compat_end)

.PHONY: check-compat check-compat-self
