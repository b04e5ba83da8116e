# Message tests: build and parse compared with the original, recorded
# kernel messages.
check_PROGRAMS += golden/msg-driver
TESTS += golden/msg-diff.sh
EXTRA_DIST += golden/msg-diff.sh

# Expectations: objects, messages and text compared with the original.
# -rdynamic: the driver's own time() replaces the C library's in both
# libraries, so NFCT_OF_TIME prints a fixed time.
check_PROGRAMS += golden/exp-driver
golden_exp_driver_LDFLAGS = $(AM_LDFLAGS) -rdynamic
TESTS += golden/exp-diff.sh
EXTRA_DIST += golden/exp-diff.sh
