# Message tests: build and parse compared with the original, recorded
# kernel messages.
check_PROGRAMS += golden/msg-driver
TESTS += golden/msg-diff.sh
EXTRA_DIST += golden/msg-diff.sh
