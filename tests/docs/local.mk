# tests/docs: the API documentation is complete (every exported function,
# enum, struct and macro), doxygen reports no warning, and the checks
# behind both really catch a missing piece (docs.sh breaks a copy of the
# sources on purpose). Needs doxygen and python3; skips without them.
docs_tests = docs/docs.sh

TESTS += $(docs_tests)
EXTRA_DIST += $(docs_tests) docs/check-docs.py docs/mutate.py
