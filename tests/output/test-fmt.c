/*
 * The internal formatting helpers of the printers (include/internal/
 * print.h), checked against glibc: numbers against snprintf(), addresses
 * against inet_ntop(), and the accumulator's snprintf semantics.
 *
 * Ours only: it links the library's objects, so it skips when the suite
 * runs against the original (NFCT_TEST_LIB=reference). It does without the
 * shared test harness, whose check of the loaded library expects a shared
 * library.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal/print.h"

static int failures, checks;

#define EXPECT(cond, ...) do { \
	checks++; \
	if (!(cond)) { \
		failures++; \
		fprintf(stderr, "%s:%d: ", __FILE__, __LINE__); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
	} \
} while (0)

static uint64_t rng = 88172645463325252u;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void check_ipv6(const uint8_t b[16])
{
	char want[INET6_ADDRSTRLEN], got[FMT_IPV6_MAX + 1];
	struct in6_addr a;
	size_t n;

	memcpy(&a, b, 16);
	inet_ntop(AF_INET6, &a, want, sizeof(want));
	n = fmt_ipv6(got, &a);
	got[n] = '\0';
	EXPECT(strcmp(got, want) == 0, "fmt_ipv6 \"%s\", inet_ntop \"%s\"", got, want);
}

static void test_ipv6(void)
{
	uint8_t b[16];

	/* Every pattern of zero and nonzero groups, with several values for
	 * the nonzero ones (among them 0xffff for the mapped form). */
	static const uint16_t vals[] = { 1, 0xffff, 0x1234, 0xa, 0x100, 0xfe80 };

	for (unsigned int mask = 0; mask < 256; mask++) {
		for (unsigned int v = 0; v < sizeof(vals) / sizeof(vals[0]); v++) {
			for (int i = 0; i < 8; i++) {
				uint16_t w = (mask >> i) & 1 ? vals[(v + i) % 6] : 0;

				b[2 * i] = (uint8_t)(w >> 8);
				b[2 * i + 1] = (uint8_t)w;
			}
			check_ipv6(b);
			/* The same with odd last 32 bits, for the dotted forms. */
			b[12] = (uint8_t)v;
			b[15] = (uint8_t)(mask ^ v);
			check_ipv6(b);
		}
	}
	for (int n = 0; n < 200000; n++) {
		for (int i = 0; i < 16; i += 2) {
			uint64_t r = rnd();

			if (r % 3 == 0) {
				b[i] = b[i + 1] = 0;
			} else {
				b[i] = (uint8_t)(r >> 8);
				b[i + 1] = (uint8_t)(r >> 16);
				if (r % 5 == 0)
					b[i] = 0;
			}
		}
		check_ipv6(b);
	}
}

static void test_numbers(void)
{
	char got[32], want[32];
	size_t n;
	uint32_t v32[] = { 0, 1, 9, 10, 99, 100, 255, 999, 1000, 65535, 99999999,
			   100000000, 999999999, 1000000000, 4294967295u };

	for (size_t i = 0; i < sizeof(v32) / sizeof(v32[0]); i++) {
		n = fmt_u32(got, v32[i]);
		got[n] = '\0';
		snprintf(want, sizeof(want), "%u", v32[i]);
		EXPECT(strcmp(got, want) == 0, "fmt_u32 %s, want %s", got, want);
		n = fmt_hex32(got, v32[i]);
		got[n] = '\0';
		snprintf(want, sizeof(want), "%x", v32[i]);
		EXPECT(strcmp(got, want) == 0, "fmt_hex32 %s, want %s", got, want);
	}
	for (int k = 0; k < 200000; k++) {
		uint64_t v = rnd() >> (rnd() % 64);

		n = fmt_u64(got, v);
		got[n] = '\0';
		snprintf(want, sizeof(want), "%llu", (unsigned long long)v);
		EXPECT(strcmp(got, want) == 0, "fmt_u64 %s, want %s", got, want);
		n = fmt_u32(got, (uint32_t)v);
		got[n] = '\0';
		snprintf(want, sizeof(want), "%u", (uint32_t)v);
		EXPECT(strcmp(got, want) == 0, "fmt_u32 %s, want %s", got, want);

		uint32_t a = (uint32_t)rnd();
		struct in_addr in = { a };

		n = fmt_ipv4(got, a);
		got[n] = '\0';
		EXPECT(strcmp(got, inet_ntoa(in)) == 0, "fmt_ipv4 %s, want %s", got, inet_ntoa(in));
	}
	n = fmt_u64(got, UINT64_MAX);
	got[n] = '\0';
	EXPECT(strcmp(got, "18446744073709551615") == 0, "fmt_u64 max %s", got);
}

/* The accumulator against snprintf() of the same pieces. */
static void test_out(void)
{
	static const char *pieces[] = { "abc", "", "defgh", "i", "jklmnopq" };
	char full[64] = "";

	for (size_t i = 0; i < 5; i++)
		strcat(full, pieces[i]);
	for (size_t size = 0; size < 24; size++) {
		char buf[32], want[32];
		struct out o;
		int r;

		memset(buf, '~', sizeof(buf));
		memset(want, '~', sizeof(want));
		out_init(&o, size ? buf : NULL, size);
		for (size_t i = 0; i < 5; i++)
			out_str(&o, pieces[i]);
		r = out_result(&o);
		EXPECT(r == (int)strlen(full), "size %zu: returned %d", size, r);
		if (size)
			snprintf(want, size, "%s", full);
		EXPECT(memcmp(buf, want, sizeof(buf)) == 0, "size %zu: buffer differs", size);
	}

	/* Clamped pieces count what fitted; if-room pieces all or nothing. */
	for (size_t size = 0; size < 12; size++) {
		char buf[16];
		struct out o;
		size_t mark;

		out_init(&o, size ? buf : NULL, size);
		out_lit(&o, "ab");			/* counts 2 */
		mark = out_clamp_begin(&o);
		out_lit(&o, "cdef");			/* counts min(4, room) */
		out_clamp_end(&o, mark);
		mark = out_if_room_begin(&o);
		out_lit(&o, "gh");			/* 2 if room at start */
		out_if_room_end(&o, mark);
		out_lit(&o, "ij");			/* counts 2 */

		size_t room = size > 2 ? size - 2 : 0;
		int want = 2 + (int)(room < 4 ? room : 4) + (size > 6 ? 2 : 0) + 2;

		EXPECT(out_result(&o) == want, "clamp size %zu: %d, want %d",
		       size, out_result(&o), want);
	}

	/* Plain results drop the last character and NUL it when it fits. */
	{
		char buf[8];
		struct out o;

		memset(buf, '~', sizeof(buf));
		out_init(&o, buf, sizeof(buf));
		out_lit(&o, "abc ");
		EXPECT(out_result_plain(&o) == 3, "plain result");
		EXPECT(memcmp(buf, "abc\0\0~", 6) == 0, "plain buffer");

		memset(buf, '~', sizeof(buf));
		out_init(&o, buf, 4);
		out_lit(&o, "abc ");
		EXPECT(out_result_plain(&o) == 3, "plain result, exact");
		EXPECT(memcmp(buf, "abc\0~", 5) == 0, "plain buffer, exact");

		memset(buf, '~', sizeof(buf));
		out_init(&o, buf, 3);
		out_lit(&o, "abc ");
		EXPECT(out_result_plain(&o) == 3, "plain result, short");
		EXPECT(memcmp(buf, "ab\0~", 4) == 0, "plain buffer, short");
	}
}

int main(void)
{
	const char *lib = getenv("NFCT_TEST_LIB");

	if (lib != NULL && strcmp(lib, "reference") == 0) {
		printf("SKIP: tests internal functions of ours\n");
		return 77;
	}
	test_numbers();
	test_ipv6();
	test_out();
	printf("%d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
