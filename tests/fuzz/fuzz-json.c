/*
 * Fuzz target: the JSON output (NFCT_O_JSON) of whatever the parsers make
 * of an arbitrary netlink message. A message of the expectation subsystem
 * goes to nfexp_nlmsg_parse(), any other to nfct_nlmsg_parse(); the object
 * left (whether the parse succeeded or not) is printed as JSON with every
 * message type and every combination of the output flags, and:
 *   - the text must be valid JSON (RFC 8259), checked by the strict
 *     validator below: one object, no duplicate key in any object, strings
 *     of valid UTF-8 with no raw control character, numbers as the grammar
 *     says, nothing after the object;
 *   - at every buffer size that cuts it (0 to its length), the return
 *     value is the full length, the bytes written are the prefix that
 *     fits, NUL-terminated, and nothing is written past the size (every
 *     size for two flag sets, none and all but NFCT_OF_TIME: the other
 *     flags only add members; a difference is retried a few times, as
 *     delta_time follows the clock).
 *
 * Input: the message, header included (the corpus is kernel messages of
 * both subsystems).
 */
#include "fuzz.h"

/* ---- a strict JSON validator ---------------------------------------------------- */

struct jv {
	const unsigned char *p, *end;
	int depth;
};

static void jv_ws(struct jv *v)
{
	while (v->p < v->end && (*v->p == ' ' || *v->p == '\t' || *v->p == '\n' || *v->p == '\r'))
		v->p++;
}

static bool jv_hex4(struct jv *v, unsigned int *out)
{
	unsigned int x = 0;

	if (v->end - v->p < 4)
		return false;
	for (int i = 0; i < 4; i++) {
		unsigned char c = v->p[i];

		x <<= 4;
		if (c >= '0' && c <= '9')
			x |= (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			x |= (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			x |= (unsigned int)(c - 'A' + 10);
		else
			return false;
	}
	v->p += 4;
	*out = x;
	return true;
}

/* One UTF-8 sequence starting with a byte >= 0x80 (RFC 3629). */
static bool jv_utf8(struct jv *v)
{
	unsigned char c = *v->p;
	size_t len;
	unsigned char lo = 0x80, hi = 0xbf;

	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		lo = c == 0xe0 ? 0xa0 : 0x80;
		hi = c == 0xed ? 0x9f : 0xbf;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;
	} else {
		return false;
	}
	if ((size_t)(v->end - v->p) < len || v->p[1] < lo || v->p[1] > hi)
		return false;
	for (size_t i = 2; i < len; i++)
		if (v->p[i] < 0x80 || v->p[i] > 0xbf)
			return false;
	v->p += len;
	return true;
}

/* A string; its raw extent (quotes excluded) in *s and *n. */
static bool jv_string(struct jv *v, const unsigned char **s, size_t *n)
{
	if (v->p >= v->end || *v->p != '"')
		return false;
	v->p++;
	*s = v->p;
	while (v->p < v->end) {
		unsigned char c = *v->p;

		if (c == '"') {
			*n = (size_t)(v->p - *s);
			v->p++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			unsigned int u, u2;

			if (++v->p >= v->end)
				return false;
			switch (*v->p++) {
			case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
				break;
			case 'u':
				if (!jv_hex4(v, &u))
					return false;
				if (u >= 0xdc00 && u <= 0xdfff)
					return false;	/* a lone low surrogate */
				if (u >= 0xd800 && u <= 0xdbff) {
					if (v->end - v->p < 2 || v->p[0] != '\\' || v->p[1] != 'u')
						return false;
					v->p += 2;
					if (!jv_hex4(v, &u2) || u2 < 0xdc00 || u2 > 0xdfff)
						return false;
				}
				break;
			default:
				return false;
			}
			continue;
		}
		if (c >= 0x80) {
			if (!jv_utf8(v))
				return false;
			continue;
		}
		v->p++;
	}
	return false;
}

static bool jv_digits(struct jv *v)
{
	const unsigned char *start = v->p;

	while (v->p < v->end && *v->p >= '0' && *v->p <= '9')
		v->p++;
	return v->p > start;
}

static bool jv_number(struct jv *v)
{
	if (v->p < v->end && *v->p == '-')
		v->p++;
	if (v->p < v->end && *v->p == '0')
		v->p++;
	else if (v->p >= v->end || *v->p < '1' || *v->p > '9' || !jv_digits(v))
		return false;
	if (v->p < v->end && *v->p == '.') {
		v->p++;
		if (!jv_digits(v))
			return false;
	}
	if (v->p < v->end && (*v->p == 'e' || *v->p == 'E')) {
		v->p++;
		if (v->p < v->end && (*v->p == '+' || *v->p == '-'))
			v->p++;
		if (!jv_digits(v))
			return false;
	}
	return true;
}

static bool jv_literal(struct jv *v, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(v->end - v->p) < n || memcmp(v->p, lit, n) != 0)
		return false;
	v->p += n;
	return true;
}

static bool jv_value(struct jv *v);

#define JV_MAX_KEYS	128

static bool jv_object(struct jv *v)
{
	const unsigned char *key[JV_MAX_KEYS];
	size_t keylen[JV_MAX_KEYS];
	int nkeys = 0;

	v->p++;	/* '{' */
	jv_ws(v);
	if (v->p < v->end && *v->p == '}') {
		v->p++;
		return true;
	}
	for (;;) {
		const unsigned char *s;
		size_t n;

		jv_ws(v);
		if (!jv_string(v, &s, &n))
			return false;
		/* Duplicate keys: compared as written (our keys need no
		 * escapes, so equal keys are written the same). */
		for (int i = 0; i < nkeys; i++)
			if (keylen[i] == n && memcmp(key[i], s, n) == 0)
				return false;
		if (nkeys == JV_MAX_KEYS)
			return false;
		key[nkeys] = s;
		keylen[nkeys++] = n;
		jv_ws(v);
		if (v->p >= v->end || *v->p++ != ':')
			return false;
		if (!jv_value(v))
			return false;
		jv_ws(v);
		if (v->p >= v->end)
			return false;
		if (*v->p == '}') {
			v->p++;
			return true;
		}
		if (*v->p++ != ',')
			return false;
	}
}

static bool jv_array(struct jv *v)
{
	v->p++;	/* '[' */
	jv_ws(v);
	if (v->p < v->end && *v->p == ']') {
		v->p++;
		return true;
	}
	for (;;) {
		if (!jv_value(v))
			return false;
		jv_ws(v);
		if (v->p >= v->end)
			return false;
		if (*v->p == ']') {
			v->p++;
			return true;
		}
		if (*v->p++ != ',')
			return false;
	}
}

static bool jv_value(struct jv *v)
{
	const unsigned char *s;
	size_t n;
	bool ok;

	jv_ws(v);
	if (v->p >= v->end || ++v->depth > 64)
		return false;
	switch (*v->p) {
	case '{':
		ok = jv_object(v);
		break;
	case '[':
		ok = jv_array(v);
		break;
	case '"':
		ok = jv_string(v, &s, &n);
		break;
	case 't':
		ok = jv_literal(v, "true");
		break;
	case 'f':
		ok = jv_literal(v, "false");
		break;
	case 'n':
		ok = jv_literal(v, "null");
		break;
	default:
		ok = jv_number(v);
		break;
	}
	v->depth--;
	return ok;
}

/* The whole text is one JSON object, with nothing around it. */
static bool json_valid_object(const char *text, size_t len)
{
	struct jv v = { (const unsigned char *)text, (const unsigned char *)text + len, 0 };

	if (len == 0 || text[0] != '{' || !jv_value(&v))
		return false;
	return v.p == v.end;
}

/* Self-test of the validator, once. */
static void jv_selftest(void)
{
	static const char *const good[] = {
		"{}", "{\"a\":[1,-2,3.5e+2,true,false,null,{\"b\":\"\\u00e9\\n\\\"\"}]}",
		"{\"a\":\"\xc3\xa9\xf0\x9f\x98\x80\",\"b\":\"\\ud83d\\ude00\"}",
	};
	static const char *const bad[] = {
		"", "[]", "{\"a\":1,}", "{\"a\":1,\"a\":2}", "{\"a\":01}", "{\"a\":\"\x01\"}",
		"{\"a\":\"\xc3\"}", "{\"a\":\"\\x\"}", "{\"a\":1} ", "{\"a\":NaN}", "{\"a\":-}",
		"{\"a\":\"\\udc00\"}", "{\"a\":1", "{\"a\" 1}", "{\"a\":\"\xed\xa0\x80\"}",
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		FUZZ_ASSERT(json_valid_object(good[i], strlen(good[i])), "validator refuses %s",
			    good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		FUZZ_ASSERT(!json_valid_object(bad[i], strlen(bad[i])), "validator accepts %s",
			    bad[i]);
}

/* ---- the target ------------------------------------------------------------------- */

static int print_json(char *buf, unsigned int size, const void *obj, bool exp,
		      unsigned int msg, unsigned int flags)
{
	if (exp)
		return nfexp_snprintf(buf, size, obj, msg, NFCT_O_JSON, flags);
	return nfct_snprintf(buf, size, obj, msg, NFCT_O_JSON, flags);
}

/*
 * Prints at every size from 0 to len (the cut ones) and checks each
 * against full. Returns false when a text differs from full, which only
 * a moving clock explains (delta_time counts up to now); the caller then
 * starts again.
 */
static bool check_cuts(const void *obj, bool exp, unsigned int msg, unsigned int flags,
		       const char *full, int len)
{
	for (unsigned int size = 0; size <= (unsigned int)len; size++) {
		unsigned char *buf = malloc((size_t)size + FUZZ_GUARD);
		size_t kept = size ? size - 1 : 0;
		bool same;
		int r;

		FUZZ_ASSERT(buf != NULL, "out of memory");
		memset(buf, 0xa5, (size_t)size + FUZZ_GUARD);
		/* Into a buffer of exactly that size (ASan sees an
		 * overflow), plus a canary. */
		r = print_json(size ? (char *)buf : NULL, size, obj, exp, msg, flags);
		for (size_t i = size; i < (size_t)size + FUZZ_GUARD; i++)
			FUZZ_ASSERT(buf[i] == 0xa5, "size %u: byte %zu written", size, i);
		if (size > 0)
			FUZZ_ASSERT(buf[kept] == '\0', "size %u: no NUL at %zu", size, kept);
		same = r == len && (size == 0 || memcmp(buf, full, kept) == 0);
		free(buf);
		if (!same)
			return false;
	}
	return true;
}

static void check_json(const void *obj, bool exp)
{
	static const unsigned int msgs[] = {
		NFCT_T_UNKNOWN, NFCT_T_NEW, NFCT_T_UPDATE, NFCT_T_DESTROY
	};
	static char full[FUZZ_FULL];

	for (unsigned int flags = 0; flags < 16; flags++) {
		for (size_t m = 0; m < sizeof(msgs) / sizeof(msgs[0]); m++) {
			bool cut_ok = false;

			for (int attempt = 0; attempt < 5 && !cut_ok; attempt++) {
				int len = print_json(full, sizeof(full), obj, exp, msgs[m], flags);

				FUZZ_ASSERT(len > 0 && len < (int)sizeof(full) - 1,
					    "JSON print returned %d", len);
				FUZZ_ASSERT(strlen(full) == (size_t)len, "length %zu, returned %d",
					    strlen(full), len);
				FUZZ_ASSERT(json_valid_object(full, (size_t)len), "invalid JSON: %s",
					    full);
				/* Every size for two flag sets: none, and all but
				 * the clock (the others only add members). */
				if (flags != 0 && flags != (NFCT_OF_SHOW_LAYER3 | NFCT_OF_ID |
							    NFCT_OF_TIMESTAMP))
					cut_ok = true;
				else
					cut_ok = check_cuts(obj, exp, msgs[m], flags, full, len);
			}
			FUZZ_ASSERT(cut_ok, "a cut print is not the prefix of the full one, or "
				    "returns another length (flags %#x msg %u): %s", flags, msgs[m],
				    full);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool tested;
	struct nlmsghdr *nlh;

	if (!tested) {
		jv_selftest();
		tested = true;
	}
	nlh = fuzz_nlmsg(data, size);
	if (nlh == NULL)
		return 0;
	if (NFNL_SUBSYS_ID(nlh->nlmsg_type) == NFNL_SUBSYS_CTNETLINK_EXP) {
		struct nf_expect *exp = nfexp_new();

		FUZZ_ASSERT(exp != NULL, "nfexp_new failed");
		nfexp_nlmsg_parse(nlh, exp);
		check_json(exp, true);
		nfexp_destroy(exp);
	} else {
		struct nf_conntrack *ct = nfct_new();

		FUZZ_ASSERT(ct != NULL, "nfct_new failed");
		nfct_nlmsg_parse(nlh, ct);
		check_json(ct, false);
		nfct_destroy(ct);
	}
	free(nlh);
	return 0;
}
