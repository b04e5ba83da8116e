# The programs of utils/ and examples/, run against the kernel: each script
# runs a group of them in private network and mount namespaces (it skips,
# 77, when it cannot make them) and checks their exit status, their output
# and the kernel's table afterwards. See examples/lib.sh.
examples_tests = \
	examples/utils-conntrack.sh \
	examples/utils-events.sh \
	examples/utils-expect.sh \
	examples/mnl-conntrack.sh \
	examples/mnl-expect.sh \
	examples/utils-json.sh

TESTS += $(examples_tests)
EXTRA_DIST += $(examples_tests) examples/lib.sh

# The programs under test live in other directories: bring them up to date
# before the tests run, also when `make check` starts in tests/.
examples/utils-conntrack.sh.log examples/utils-events.sh.log \
examples/utils-expect.sh.log examples/mnl-conntrack.sh.log \
examples/mnl-expect.sh.log examples/utils-json.sh.log: examples-programs
examples-programs:
	cd $(top_builddir)/utils && $(MAKE) $(AM_MAKEFLAGS) all
	cd $(top_builddir)/examples && $(MAKE) $(AM_MAKEFLAGS) all
.PHONY: examples-programs
