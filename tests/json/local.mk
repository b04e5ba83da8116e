# JSON output (NFCT_O_JSON), an addition of ours: every test here skips
# (77) in `make check-reference`, the original having no JSON.
#
# json-check.py  runs json-gen over the objects of the output differential
#                generator (tests/output/output-gen.c, compiled into it) and
#                over expectations built from them: every JSON text parsed
#                by python's json module and compared with the getters;
#                truncation at every size for a sample
# test-json      exact outputs of hand-made entries and expectations,
#                string escaping, every flag, errors, truncation
# test-json-kernel  golden JSON of real kernel entries and an expectation,
#                made in a private network namespace
json_tests = \
	json/test-json \
	json/test-json-kernel

check_PROGRAMS += $(json_tests) json/json-gen
TESTS += $(json_tests) json/json-check.py
EXTRA_DIST += json/json-check.py

json_test_json_kernel_SOURCES = json/test-json-kernel.c kernel/ctk.c kernel/ctk.h
# json-gen and test-json replace time(): the library must see it.
json_json_gen_LDFLAGS = $(AM_LDFLAGS) -Wl,--export-dynamic
json_test_json_LDFLAGS = $(AM_LDFLAGS) -Wl,--export-dynamic
