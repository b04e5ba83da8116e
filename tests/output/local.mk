# Output tests: nfct_snprintf(), nfct_snprintf_labels() and the label map.
#
# test-print     fixed expectations of both formats, errors, truncation (both
#                libraries; size 0 on ours only)
# test-labelmap  connlabel.conf parsing with good and bad files (both)
# test-fmt       the internal number and address formatting and the output
#                accumulator, against glibc (ours only: links the objects)
# output-diff.sh runs output-gen, a pseudo-random generator of thousands of
#                objects printed every way, on both libraries, and compares
# test-golden-kernel
#                real kernel entries (loopback traffic in a private network
#                namespace, nft rules for mark, zones, NAT, labels, helper)
#                printed every way, against written-out expected lines
#                (both libraries; skips without root)
output_tests = \
	output/test-print \
	output/test-labelmap \
	output/test-fmt \
	output/test-golden-kernel

check_PROGRAMS += $(output_tests) output/output-gen
TESTS += $(output_tests) output/output-diff.sh
EXTRA_DIST += output/output-diff.sh

# The generator and test-print replace time(): the libraries must see the
# program's definition.
output_output_gen_LDFLAGS = $(AM_LDFLAGS) -Wl,--export-dynamic
output_test_print_LDFLAGS = $(AM_LDFLAGS) -Wl,--export-dynamic

# Internal functions: the library's objects linked in, without the test
# harness (whose library check expects the shared library).
output_test_fmt_LDADD = $(top_builddir)/src/libnfct-core.la \
	$(LIBNFNETLINK_LIBS) $(LIBMNL_LIBS)

output_test_golden_kernel_SOURCES = output/test-golden-kernel.c \
	kernel/ctk.c kernel/ctk.h
