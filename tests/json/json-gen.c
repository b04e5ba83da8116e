/*
 * JSON output against the getters, over the objects of the output
 * differential generator (tests/output/output-gen.c, compiled in here with
 * its main() renamed, so the objects are exactly those the text formats
 * are compared on).
 *
 * For each object, this program writes what the getters say about it and
 * what nfct_snprintf(NFCT_O_JSON) and nfct_snprintf_labels() print; the
 * checker (json-check.py) parses every JSON text with python's json module
 * and compares it, member by member, with what it computes from the
 * getters. The truncation contract is checked here, in C, at every buffer
 * size for a sample of objects (failures are reported as "E" lines).
 *
 * Lines written (one record per line, first the label map once):
 *   M {"<bit>":"<name hex>",...}         names of the label map
 *   O <n> <now>                          an object, and the clock it sees
 *   A {"ATTR_NAME":value,...}            the attributes set, by the getters
 *   P <ret> <hex of the plain text>      the default format (flags 0)
 *   J <type> <flags> <map> <ret> <json>  one JSON print
 *   E <message>                          a failed C-side check
 * then, for objects / 4 expectations built with the setters:
 *   X <n> <now>                          an expectation
 *   T <tuple> {"ATTR_NAME":value,...}    each tuple set, by the getters
 *   S {"NAME":value,...}                 the other attributes set
 *   K <type> <flags> <ret> <json>        one JSON print (nfexp_snprintf)
 *
 * Usage: json-gen [--objects=N] [--seed=S]
 */
#include <arpa/inet.h>

/* output-gen.c's main() becomes output_gen_main(), which is not used. */
int output_gen_main(int argc, char **argv);
#define main output_gen_main
#include "../output/output-gen.c"
#undef main

enum kind { K_U8, K_U16, K_U32, K_U64, K_IP4, K_IP6, K_PORT, K_STR, K_LABELS };

#define A(name, kind)	{ ATTR_##name, #name, kind }

static const struct {
	int attr;
	const char *name;
	enum kind kind;
} attrs[] = {
	A(ORIG_L3PROTO, K_U8), A(REPL_L3PROTO, K_U8),
	A(ORIG_L4PROTO, K_U8), A(REPL_L4PROTO, K_U8),
	A(ORIG_IPV4_SRC, K_IP4), A(ORIG_IPV4_DST, K_IP4),
	A(REPL_IPV4_SRC, K_IP4), A(REPL_IPV4_DST, K_IP4),
	A(ORIG_IPV6_SRC, K_IP6), A(ORIG_IPV6_DST, K_IP6),
	A(REPL_IPV6_SRC, K_IP6), A(REPL_IPV6_DST, K_IP6),
	A(ORIG_PORT_SRC, K_PORT), A(ORIG_PORT_DST, K_PORT),
	A(REPL_PORT_SRC, K_PORT), A(REPL_PORT_DST, K_PORT),
	A(ICMP_TYPE, K_U8), A(ICMP_CODE, K_U8), A(ICMP_ID, K_PORT),
	A(ORIG_ZONE, K_U16), A(REPL_ZONE, K_U16),
	A(ORIG_COUNTER_PACKETS, K_U64), A(ORIG_COUNTER_BYTES, K_U64),
	A(REPL_COUNTER_PACKETS, K_U64), A(REPL_COUNTER_BYTES, K_U64),
	A(TIMEOUT, K_U32), A(TCP_STATE, K_U8), A(SCTP_STATE, K_U8), A(DCCP_STATE, K_U8),
	A(STATUS, K_U32), A(MARK, K_U32), A(SECMARK, K_U32), A(SECCTX, K_STR),
	A(ZONE, K_U16), A(USE, K_U32), A(ID, K_U32),
	A(TIMESTAMP_START, K_U64), A(TIMESTAMP_STOP, K_U64), A(TIMESTAMP_EVENT, K_U64),
	A(HELPER_NAME, K_STR), A(CONNLABELS, K_LABELS),
};

static void put_hex(const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		printf("%02x", c[i]);
}

/* The attributes, read back through the public getters only, after the
 * prefix given ("A", or "T <tuple>" for an expectation's tuple). */
static void dump_attrs(const char *prefix, const struct nf_conntrack *ct)
{
	const char *sep = "";
	char addr[INET6_ADDRSTRLEN];

	printf("%s {", prefix);
	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		int a = attrs[i].attr;

		if (nfct_attr_is_set(ct, a) <= 0)
			continue;
		printf("%s\"%s\":", sep, attrs[i].name);
		sep = ",";
		switch (attrs[i].kind) {
		case K_U8:
			printf("%u", nfct_get_attr_u8(ct, a));
			break;
		case K_U16:
			printf("%u", nfct_get_attr_u16(ct, a));
			break;
		case K_U32:
			printf("%" PRIu32, nfct_get_attr_u32(ct, a));
			break;
		case K_U64:
			printf("%" PRIu64, nfct_get_attr_u64(ct, a));
			break;
		case K_PORT:
			printf("%u", ntohs(nfct_get_attr_u16(ct, a)));
			break;
		case K_IP4: {
			uint32_t v = nfct_get_attr_u32(ct, a);

			printf("\"%s\"", inet_ntop(AF_INET, &v, addr, sizeof(addr)));
			break;
		}
		case K_IP6:
			printf("\"%s\"", inet_ntop(AF_INET6, nfct_get_attr(ct, a), addr, sizeof(addr)));
			break;
		case K_STR: {
			const char *s = nfct_get_attr(ct, a);

			if (s == NULL) {
				printf("null");
			} else {
				putchar('"');
				put_hex(s, strlen(s));
				putchar('"');
			}
			break;
		}
		case K_LABELS: {
			const struct nfct_bitmask *b = nfct_get_attr(ct, a);
			const char *s2 = "";

			putchar('[');
			if (b != NULL) {
				int max = nfct_bitmask_maxbit(b);

				for (int bit = 0; bit <= max; bit++) {
					if (nfct_bitmask_test_bit(b, (unsigned int)bit)) {
						printf("%s%d", s2, bit);
						s2 = ",";
					}
				}
			}
			putchar(']');
			break;
		}
		}
	}
	printf("}\n");
}

static int json_print(char *buf, unsigned int size, const struct nf_conntrack *ct,
		      unsigned int type, unsigned int flags, struct nfct_labelmap *map)
{
	if (map == NULL)
		return nfct_snprintf(buf, size, ct, type, NFCT_O_JSON, flags);
	return nfct_snprintf_labels(buf, size, ct, type, NFCT_O_JSON, flags, map);
}

static void json_line(const struct nf_conntrack *ct, unsigned int type, unsigned int flags,
		      struct nfct_labelmap *map)
{
	static char buf[16384];
	int r = json_print(buf, sizeof(buf), ct, type, flags, map);

	printf("J %u %u %d %d %s\n", type, flags, map != NULL, r, r < 0 ? "" : buf);
}

/* snprintf()'s contract at every size from 0 to the full length + 2. */
static void json_truncation(const struct nf_conntrack *ct, unsigned int n,
			    struct nfct_labelmap *map)
{
	static char full[16384], buf[16384 + 64];
	unsigned int type = msg_types[rnd_below(4)], flags = rnd_below(16);
	int len = json_print(full, sizeof(full), ct, type, flags, map);

	if (len < 0 || len > 16000) {
		printf("E object %u: full print returned %d\n", n, len);
		return;
	}
	if (json_print(NULL, 0, ct, type, flags, map) != len)
		printf("E object %u: size 0 with a NULL buffer does not return %d\n", n, len);
	for (unsigned int size = 0; size <= (unsigned int)len + 2; size++) {
		unsigned int kept = size == 0 ? 0 : size - 1 < (unsigned int)len ? size - 1
										  : (unsigned int)len;

		memset(buf, 0xa5, (size_t)len + 64);
		int r = json_print(buf, size, ct, type, flags, map);

		if (r != len) {
			printf("E object %u size %u: returned %d, want %d\n", n, size, r, len);
			continue;
		}
		if (memcmp(buf, full, kept) != 0)
			printf("E object %u size %u: the bytes written differ\n", n, size);
		if (size > 0 && buf[kept] != '\0')
			printf("E object %u size %u: no NUL at %u\n", n, size, kept);
		for (unsigned int i = size > 0 ? kept + 1 : 0; i < (unsigned int)len + 64; i++) {
			if ((unsigned char)buf[i] != 0xa5) {
				printf("E object %u size %u: byte %u written\n", n, size, i);
				break;
			}
		}
	}
}

/* Expectations, built through the setters: random tuples (the original
 * tuples of generated conntrack objects) and scalars. */
static const struct {
	int attr;
	const char *name;
} exp_tuples[] = {
	{ ATTR_EXP_MASTER, "MASTER" }, { ATTR_EXP_EXPECTED, "EXPECTED" },
	{ ATTR_EXP_MASK, "MASK" }, { ATTR_EXP_NAT_TUPLE, "NAT_TUPLE" },
};

static struct nf_expect *make_expect(void)
{
	struct nf_expect *exp = nfexp_new();
	char s[64];

	if (exp == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof(exp_tuples) / sizeof(exp_tuples[0]); i++) {
		if (!chance(i == 3 ? 30 : 90))
			continue;
		struct nf_conntrack *ct = make_api_object();

		if (ct == NULL)
			return exp;
		nfexp_set_attr(exp, exp_tuples[i].attr, ct);
		nfct_destroy(ct);
	}
	if (chance(80))
		nfexp_set_attr_u32(exp, ATTR_EXP_TIMEOUT, (uint32_t)rnd_value(32));
	if (chance(30))
		nfexp_set_attr_u16(exp, ATTR_EXP_ZONE, (uint16_t)rnd_value(16));
	if (chance(70))
		nfexp_set_attr_u32(exp, ATTR_EXP_FLAGS, chance(70) ? rnd_below(8) :
				   (uint32_t)rnd_value(32));
	if (chance(50))
		nfexp_set_attr_u32(exp, ATTR_EXP_CLASS, (uint32_t)rnd_value(32));
	if (chance(20))
		nfexp_set_attr_u8(exp, ATTR_EXP_NAT_DIR, (uint8_t)rnd_below(2));
	if (chance(60)) {
		rnd_text(s, NFCT_HELPER_NAME_MAX - 1, chance(80) ? name_chars : ctx_chars);
		nfexp_set_attr(exp, ATTR_EXP_HELPER_NAME, s);
	}
	if (chance(20)) {
		rnd_text(s, 23, ctx_chars);
		nfexp_set_attr(exp, ATTR_EXP_FN, s);
	}
	return exp;
}

/* An expectation's attributes through the getters: "T <name> {...}" per
 * tuple set, then "S {...}" for the rest. */
static void dump_expect(const struct nf_expect *exp)
{
	static const struct {
		int attr;
		const char *name;
		int width;	/* 1, 2, 4; 0 for strings */
	} scalars[] = {
		{ ATTR_EXP_TIMEOUT, "TIMEOUT", 4 }, { ATTR_EXP_ZONE, "ZONE", 2 },
		{ ATTR_EXP_FLAGS, "FLAGS", 4 }, { ATTR_EXP_CLASS, "CLASS", 4 },
		{ ATTR_EXP_NAT_DIR, "NAT_DIR", 1 }, { ATTR_EXP_HELPER_NAME, "HELPER_NAME", 0 },
		{ ATTR_EXP_FN, "FN", 0 },
	};
	const char *sep = "";
	char prefix[32];

	for (size_t i = 0; i < sizeof(exp_tuples) / sizeof(exp_tuples[0]); i++) {
		if (nfexp_attr_is_set(exp, exp_tuples[i].attr) <= 0)
			continue;
		snprintf(prefix, sizeof(prefix), "T %s", exp_tuples[i].name);
		dump_attrs(prefix, nfexp_get_attr(exp, exp_tuples[i].attr));
	}
	printf("S {");
	for (size_t i = 0; i < sizeof(scalars) / sizeof(scalars[0]); i++) {
		int a = scalars[i].attr;

		if (nfexp_attr_is_set(exp, a) <= 0)
			continue;
		printf("%s\"%s\":", sep, scalars[i].name);
		sep = ",";
		switch (scalars[i].width) {
		case 1:
			printf("%u", nfexp_get_attr_u8(exp, a));
			break;
		case 2:
			printf("%u", nfexp_get_attr_u16(exp, a));
			break;
		case 4:
			printf("%" PRIu32, nfexp_get_attr_u32(exp, a));
			break;
		default: {
			const char *str = nfexp_get_attr(exp, a);

			putchar('"');
			put_hex(str, strlen(str));
			putchar('"');
			break;
		}
		}
	}
	printf("}\n");
}

static void expect_line(const struct nf_expect *exp, unsigned int type, unsigned int flags)
{
	static char buf[16384];
	int r = nfexp_snprintf(buf, sizeof(buf), exp, type, NFCT_O_JSON, flags);

	printf("K %u %u %d %s\n", type, flags, r, r < 0 ? "" : buf);
}

static void json_expectations(unsigned int count)
{
	for (unsigned int i = 0; i < count; i++) {
		struct nf_expect *exp;

		fake_now = 1700000000 + (time_t)rnd_below(1000000);
		exp = make_expect();
		if (exp == NULL) {
			fprintf(stderr, "out of memory\n");
			exit(EXIT_HARD);
		}
		printf("X %u %lld\n", i, (long long)fake_now);
		dump_expect(exp);
		if (i % 32 == 0) {
			for (unsigned int t = 0; t < 5; t++)
				for (unsigned int flags = 0; flags < 16; flags++)
					expect_line(exp, t < 4 ? msg_types[t] : odd_types[rnd_below(5)],
						    flags);
		} else {
			expect_line(exp, msg_types[rnd_below(4)], rnd_below(16));
		}
		nfexp_destroy(exp);
	}
}

int main(int argc, char **argv)
{
	unsigned int objects = 4000;
	uint64_t seed = 0x6e666374u;
	struct nfct_labelmap *map;
	const char *sep = "";

	test_ours_only("JSON output");
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--objects=", 10) == 0) {
			objects = (unsigned int)strtoul(argv[i] + 10, NULL, 0);
		} else if (strncmp(argv[i], "--seed=", 7) == 0) {
			seed = strtoull(argv[i] + 7, NULL, 0);
		} else {
			fprintf(stderr, "usage: %s [--objects=N] [--seed=S]\n", argv[0]);
			return EXIT_HARD;
		}
	}
	setenv("TZ", "UTC0", 1);
	tzset();
	map = make_labelmap();
	printf("M {");
	for (unsigned int bit = 0; bit < 1024; bit++) {
		const char *name = nfct_labelmap_get_name(map, bit);

		if (name != NULL) {
			printf("%s\"%u\":\"", sep, bit);
			put_hex(name, strlen(name));
			putchar('"');
			sep = ",";
		}
	}
	printf("}\n");

	rng_state = seed ? seed : 1;
	for (unsigned int i = 0; i < objects; i++) {
		static char plain[16384];
		struct nf_conntrack *ct;
		int r;

		fake_now = 1700000000 + (time_t)rnd_below(1000000);
		if (chance(3))
			fake_now = (time_t)rnd_below(100000);
		ct = chance(45) ? make_parsed_object() : make_api_object();
		if (ct == NULL) {
			fprintf(stderr, "out of memory\n");
			return EXIT_HARD;
		}
		printf("O %u %lld\n", i, (long long)fake_now);
		dump_attrs("A", ct);
		r = nfct_snprintf(plain, sizeof(plain), ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0);
		printf("P %d ", r);
		if (r > 0)
			put_hex(plain, strlen(plain));
		putchar('\n');

		if (i % 32 == 0) {
			/* Every message type and flag, with and without the map. */
			for (unsigned int t = 0; t < 5; t++) {
				unsigned int type = t < 4 ? msg_types[t] : odd_types[rnd_below(5)];

				for (unsigned int flags = 0; flags < 16; flags++)
					json_line(ct, type, flags, NULL);
			}
			for (unsigned int flags = 0; flags < 16; flags++)
				json_line(ct, NFCT_T_UPDATE, flags, map);
		} else {
			json_line(ct, msg_types[rnd_below(4)], rnd_below(16), NULL);
			json_line(ct, msg_types[rnd_below(4)], rnd_below(16), map);
		}
		if (i % 16 == 0)
			json_truncation(ct, i, chance(50) ? map : NULL);
		nfct_destroy(ct);
	}
	json_expectations(objects / 4);
	nfct_labelmap_destroy(map);
	return 0;
}
