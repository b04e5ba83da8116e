# Fuzz targets: tests/fuzz/fuzz-NAME.c, one per entry point that reads
# outside input (see fuzz.h). `make fuzz` (top level) builds each with
# libFuzzer, ASan and UBSan and runs it for FUZZ_SECONDS (run.sh finds
# them by the file pattern). Here, in `make check`, each is built with the
# normal compiler and a small main() that replays its committed corpus,
# fuzz/corpus/NAME/: the recorded kernel messages and every input that once
# showed a bug. They skip on the original library (some inputs are
# malformed on purpose and the original exits on those).
#
# A new target: add its line to fuzz_targets and its corpus directory.
fuzz_targets = \
	fuzz/fuzz-ct-nlmsg \
	fuzz/fuzz-ct-payload \
	fuzz/fuzz-ct-parse \
	fuzz/fuzz-ct-catch \
	fuzz/fuzz-exp-nlmsg \
	fuzz/fuzz-exp-parse \
	fuzz/fuzz-exp-catch \
	fuzz/fuzz-labelmap \
	fuzz/fuzz-json

check_PROGRAMS += $(fuzz_targets)
TESTS += $(fuzz_targets)
EXTRA_DIST += fuzz/fuzz.h fuzz/run.sh fuzz/tree.sh fuzz/valgrind.sh fuzz/lsan.supp fuzz/corpus

# The recorder of the seed corpora (run by hand, as root; see record.c):
# built with the tests, not run by them.
check_PROGRAMS += fuzz/record

# make check-valgrind (top level): every test program (not the scripts that
# compare outputs) and the example scripts, with valgrind.sh as the log
# compiler, in their own summary (test-suite-valgrind.log).
check-valgrind:
	@list=; for t in $(TESTS); do \
		case $$t in *.sh|*.py) ;; *) list="$$list $$t" ;; esac; \
	done; \
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="$$list $(examples_tests)" \
		LOG_COMPILER='$(SHELL) $(abs_srcdir)/fuzz/valgrind.sh' \
		TEST_SUITE_LOG=test-suite-valgrind.log
.PHONY: check-valgrind
