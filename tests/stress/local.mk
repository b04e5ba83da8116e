# Stress tests (make check-stress at the top level, not part of make
# check): see each program's header. They need root (private network
# namespaces) and skip without it; together they take under a minute.
stress_tests = \
	stress/stress-events \
	stress/stress-dump \
	stress/stress-threads

EXTRA_PROGRAMS = $(stress_tests)
CLEANFILES += $(stress_tests) stress/*.log
stress_stress_threads_LDADD = $(LDADD) -lpthread

# Run in the environment of make check; each output goes to its .log too.
check-stress: $(stress_tests)
	@fail=0; for t in $(stress_tests); do \
		echo "== $$t"; \
		( $(AM_TESTS_ENVIRONMENT) ./$$t ) >$$t.log 2>&1; rc=$$?; \
		sed 's/^/  /' $$t.log; \
		case $$rc in \
		0) echo "PASS: $$t" ;; \
		77) echo "SKIP: $$t" ;; \
		*) echo "FAIL: $$t (exit $$rc)"; fail=1 ;; \
		esac; \
	done; exit $$fail
.PHONY: check-stress
