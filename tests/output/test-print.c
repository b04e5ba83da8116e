/*
 * nfct_snprintf() and nfct_snprintf_labels(): fixed expectations, learnt
 * from the original library, for both formats, the message types and
 * flags, the protocols, errors and truncation. Runs on both libraries;
 * the size-0 checks run on ours only (the original stops on an assertion).
 *
 * Objects are built with the setters only, so this test does not depend on
 * the message parser; output-gen covers parsed objects.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <time.h>
#include <unistd.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack_tcp.h>

#include "check.h"

static time_t fake_now = 2000000000;	/* 2033-05-18 03:33:20 UTC */

time_t time(time_t *t)
{
	if (t != NULL)
		*t = fake_now;
	return fake_now;
}

static char buf[8192];

/* Prints into a large buffer, checks the text and the return value. */
#define CHECK_PRINT(ct, type, fmt, flags, want) do { \
	memset(buf, '~', sizeof(buf)); \
	int r_ = nfct_snprintf(buf, sizeof(buf), (ct), (type), (fmt), (flags)); \
	CHECK_STR(buf, (want)); \
	CHECK_INT(r_, strlen(want)); \
} while (0)

static struct nf_conntrack *tcp_entry(void)
{
	struct nf_conntrack *ct = nfct_new();

	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_IPV4_SRC, inet_addr("1.2.3.4"));
	nfct_set_attr_u32(ct, ATTR_IPV4_DST, inet_addr("5.6.7.8"));
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, inet_addr("5.6.7.8"));
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, inet_addr("1.2.3.4"));
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(1234));
	nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(80));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, htons(80));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(1234));
	nfct_set_attr_u8(ct, ATTR_TCP_STATE, TCP_CONNTRACK_ESTABLISHED);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 100);
	nfct_set_attr_u32(ct, ATTR_MARK, 7);
	nfct_set_attr_u32(ct, ATTR_STATUS, IPS_ASSURED | IPS_SEEN_REPLY);
	nfct_set_attr_u32(ct, ATTR_ID, 12345);
	return ct;
}

static void test_formats(void)
{
	struct nf_conntrack *ct = tcp_entry();
	static const char tuples[] =
		"tcp      6 100 ESTABLISHED src=1.2.3.4 dst=5.6.7.8 sport=1234 dport=80 "
		"src=5.6.7.8 dst=1.2.3.4 sport=80 dport=1234 [ASSURED] mark=7";

	CHECK_PRINT(ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0, tuples);
	CHECK_PRINT(ct, NFCT_T_NEW, NFCT_O_DEFAULT, 0,
		    "    [NEW] tcp      6 100 ESTABLISHED src=1.2.3.4 dst=5.6.7.8 sport=1234 dport=80 "
		    "src=5.6.7.8 dst=1.2.3.4 sport=80 dport=1234 [ASSURED] mark=7");
	CHECK_PRINT(ct, NFCT_T_UPDATE, NFCT_O_DEFAULT, NFCT_OF_ID,
		    " [UPDATE] tcp      6 100 ESTABLISHED src=1.2.3.4 dst=5.6.7.8 sport=1234 dport=80 "
		    "src=5.6.7.8 dst=1.2.3.4 sport=80 dport=1234 [ASSURED] mark=7 id=12345");
	CHECK_PRINT(ct, NFCT_T_DESTROY, NFCT_O_DEFAULT, NFCT_OF_SHOW_LAYER3,
		    "[DESTROY] ipv4     2 tcp      6 100 ESTABLISHED src=1.2.3.4 dst=5.6.7.8 "
		    "sport=1234 dport=80 src=5.6.7.8 dst=1.2.3.4 sport=80 dport=1234 [ASSURED] mark=7");
	/* Other message types add nothing, NFCT_T_NEW | NFCT_T_UPDATE too. */
	CHECK_PRINT(ct, NFCT_T_NEW | NFCT_T_UPDATE, NFCT_O_DEFAULT, 0, tuples);
	CHECK_PRINT(ct, NFCT_T_ERROR, NFCT_O_DEFAULT, 0, tuples);

	CHECK_PRINT(ct, NFCT_T_NEW, NFCT_O_XML, 0,
		    "<flow type=\"new\"><meta direction=\"original\"><layer3 protonum=\"2\" "
		    "protoname=\"ipv4\"><src>1.2.3.4</src><dst>5.6.7.8</dst></layer3>"
		    "<layer4 protonum=\"6\" protoname=\"tcp\"><sport>1234</sport><dport>80</dport>"
		    "</layer4></meta><meta direction=\"reply\"><layer3 protonum=\"2\" "
		    "protoname=\"ipv4\"><src>5.6.7.8</src><dst>1.2.3.4</dst></layer3>"
		    "<layer4 protonum=\"6\" protoname=\"tcp\"><sport>80</sport><dport>1234</dport>"
		    "</layer4></meta><meta direction=\"independent\"><state>ESTABLISHED</state>"
		    "<timeout>100</timeout><mark>7</mark><id>12345</id><assured/></meta></flow>");
	CHECK_PRINT(ct, NFCT_T_UNKNOWN, NFCT_O_XML, NFCT_OF_TIME,
		    "<flow><meta direction=\"original\"><layer3 protonum=\"2\" "
		    "protoname=\"ipv4\"><src>1.2.3.4</src><dst>5.6.7.8</dst></layer3>"
		    "<layer4 protonum=\"6\" protoname=\"tcp\"><sport>1234</sport><dport>80</dport>"
		    "</layer4></meta><meta direction=\"reply\"><layer3 protonum=\"2\" "
		    "protoname=\"ipv4\"><src>5.6.7.8</src><dst>1.2.3.4</dst></layer3>"
		    "<layer4 protonum=\"6\" protoname=\"tcp\"><sport>80</sport><dport>1234</dport>"
		    "</layer4></meta><meta direction=\"independent\"><state>ESTABLISHED</state>"
		    "<timeout>100</timeout><mark>7</mark><id>12345</id><assured/></meta>"
		    "<when><hour>3</hour><min>33</min><sec>20</sec><wday>4</wday><day>18</day>"
		    "<month>5</month><year>2033</year></when></flow>");
	nfct_destroy(ct);
}

static void test_errors(void)
{
	struct nf_conntrack *ct = nfct_new();
	int r;

	/* No layer-4 protocol: the default format fails after the prefix,
	 * errno untouched. */
	memset(buf, '~', sizeof(buf));
	errno = 1234;
	r = nfct_snprintf(buf, sizeof(buf), ct, NFCT_T_NEW, NFCT_O_DEFAULT, 0);
	CHECK_INT(r, -1);
	CHECK_INT(errno, 1234);
	CHECK_STR(buf, "    [NEW] ");
	/* Failing before writing anything: not even a NUL. */
	memset(buf, '~', sizeof(buf));
	CHECK_INT(nfct_snprintf(buf, sizeof(buf), ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0), -1);
	CHECK(buf[0] == '~');
	CHECK_INT(nfct_snprintf(buf, 1, ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT, 0), -1);
	CHECK(buf[0] == '~');
	/* Failing after the prefix, in a buffer too small for it. */
	CHECK_INT(nfct_snprintf(buf, 4, ct, NFCT_T_DESTROY, NFCT_O_DEFAULT, 0), -1);
	CHECK(memcmp(buf, "[DE\0~", 5) == 0);

	/* NFCT_OF_SHOW_LAYER3 needs the layer-3 protocol. */
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_UDP);
	CHECK_ERRNO(nfct_snprintf(buf, sizeof(buf), ct, 0, NFCT_O_DEFAULT, NFCT_OF_SHOW_LAYER3),
		    -1, 0);
	CHECK_PRINT(ct, 0, NFCT_O_DEFAULT, 0, "udp      17 sport=0 dport=0");
	nfct_set_attr_u8(ct, ATTR_L3PROTO, 0);
	CHECK_PRINT(ct, 0, NFCT_O_DEFAULT, NFCT_OF_SHOW_LAYER3,
		    "unknown  0 udp      17 sport=0 dport=0");

	/* An unknown format: ENOENT, nothing written. */
	memset(buf, '~', 16);
	CHECK_ERRNO(nfct_snprintf(buf, sizeof(buf), ct, 0, NFCT_O_MAX, 0), -1, ENOENT);
	CHECK(buf[0] == '~');
	CHECK_ERRNO(nfct_snprintf(buf, sizeof(buf), ct, 0, 0xffffffff, 0), -1, ENOENT);

	/* XML needs nothing. */
	nfct_destroy(ct);
	ct = nfct_new();
	CHECK_PRINT(ct, 0, NFCT_O_XML, 0,
		    "<flow><meta direction=\"original\"><layer3 protonum=\"0\" protoname=\"unknown\">"
		    "<src></src><dst></dst></layer3><layer4 protonum=\"0\" protoname=\"unknown\">"
		    "</layer4></meta><meta direction=\"reply\"><layer3 protonum=\"0\" "
		    "protoname=\"unknown\"><src></src><dst></dst></layer3><layer4 protonum=\"0\" "
		    "protoname=\"unknown\"></layer4></meta></flow>");
	/* Success leaves errno alone. */
	CHECK_ERRNO(nfct_snprintf(buf, sizeof(buf), ct, 0, NFCT_O_XML, 0), 322, 0);
	nfct_destroy(ct);
}

static void test_protocols(void)
{
	struct nf_conntrack *ct;
	struct in6_addr a6;

	ct = nfct_new();
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_GRE);
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_ICMP);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(0x1234));
	nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(0xabcd));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, htons(0x5678));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(0xef01));
	CHECK_PRINT(ct, 0, NFCT_O_DEFAULT, 0,
		    "gre      47 srckey=0x1234 dstkey=0xabcd type=239 code=1 id=22136");
	nfct_set_attr_u8(ct, ATTR_L4PROTO, 200);
	CHECK_PRINT(ct, 0, NFCT_O_DEFAULT, 0, "unknown  200 type=239 code=1 id=22136");
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_UDPLITE);
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_ICMPV6);
	CHECK_PRINT(ct, 0, NFCT_O_DEFAULT, 0,
		    "udplite  136 sport=4660 dport=43981 type=239 code=1 id=22136");
	nfct_destroy(ct);

	/* IPv6 as inet_ntop() writes it. */
	ct = nfct_new();
	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET6);
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_SCTP);
	inet_pton(AF_INET6, "::ffff:10.0.0.1", &a6);
	nfct_set_attr(ct, ATTR_IPV6_SRC, &a6);
	inet_pton(AF_INET6, "fe80:0:0:1::", &a6);
	nfct_set_attr(ct, ATTR_IPV6_DST, &a6);
	nfct_set_attr_u8(ct, ATTR_SCTP_STATE, 4);
	CHECK_PRINT(ct, 0, NFCT_O_DEFAULT, NFCT_OF_SHOW_LAYER3,
		    "ipv6     10 sctp     132 ESTABLISHED src=::ffff:10.0.0.1 dst=fe80:0:0:1:: "
		    "sport=0 dport=0");
	nfct_destroy(ct);

	/* State names: each state attribute by its own table in the default
	 * format, by the TCP table in XML; out of range is NONE. */
	ct = nfct_new();
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_DCCP);
	nfct_set_attr_u8(ct, ATTR_DCCP_STATE, 2);
	CHECK_PRINT(ct, 0, NFCT_O_DEFAULT, 0, "dccp     33 RESPOND sport=0 dport=0");
	memset(buf, 0, sizeof(buf));
	nfct_snprintf(buf, sizeof(buf), ct, 0, NFCT_O_XML, 0);
	CHECK(strstr(buf, "<state>SYN_RECV</state>") != NULL);
	nfct_set_attr_u8(ct, ATTR_DCCP_STATE, 10);
	CHECK_PRINT(ct, 0, NFCT_O_DEFAULT, 0, "dccp     33 NONE sport=0 dport=0");
	nfct_destroy(ct);
}

static void test_meta(void)
{
	struct nf_conntrack *ct = nfct_new();

	setenv("TZ", "UTC0", 1);
	tzset();
	nfct_set_attr_u8(ct, ATTR_L4PROTO, 250);
	/* Status: [UNREPLIED] without SEEN_REPLY; one of HW_OFFLOAD, OFFLOAD,
	 * ASSURED in that order of precedence. */
	nfct_set_attr_u32(ct, ATTR_STATUS, IPS_ASSURED | IPS_OFFLOAD);
	CHECK_PRINT(ct, 0, NFCT_O_DEFAULT, 0, "unknown  250 [UNREPLIED] [OFFLOAD]");
	nfct_set_attr_u32(ct, ATTR_STATUS, 0xffffffff);
	CHECK_PRINT(ct, 0, NFCT_O_DEFAULT, 0, "unknown  250 [HW_OFFLOAD]");
	nfct_attr_unset(ct, ATTR_STATUS);

	/* Values only the kernel gives: set, they print as zero or (null). */
	nfct_set_attr_u32(ct, ATTR_USE, 9);
	nfct_set_attr(ct, ATTR_SECCTX, "x");
	nfct_set_attr_u64(ct, ATTR_TIMESTAMP_START, 9);
	nfct_set_attr_u16(ct, ATTR_ORIG_ZONE, 3);
	nfct_set_attr(ct, ATTR_HELPER_NAME, "a<b&c>");
	CHECK_PRINT(ct, 0, NFCT_O_DEFAULT, NFCT_OF_TIMESTAMP,
		    "unknown  250 zone-orig=3 secctx=(null) delta-time=2000000000 "
		    "[start=Thu Jan  1 00:00:00 1970] helper=a<b&c> use=0");
	memset(buf, 0, sizeof(buf));
	nfct_snprintf(buf, sizeof(buf), ct, 0, NFCT_O_XML, NFCT_OF_TIMESTAMP);
	CHECK(strstr(buf, "<layer4 protonum=\"250\" protoname=\"unknown\"></layer4><zone>3</zone>"
			  "</meta>") != NULL);
	CHECK(strstr(buf, "<meta direction=\"independent\"><secctx>(null)</secctx><use>0</use>"
			  "<timestamp><start>0</start></timestamp>"
			  "<deltatime>2000000000</deltatime></meta><helper>a<b&c></helper></flow>")
	      != NULL);
	nfct_destroy(ct);
}

/* Every size of a short default line, and the return values of XML. */
static void test_truncation(void)
{
	struct nf_conntrack *ct = nfct_new();
	static const char line[] =
		"    [NEW] tcp      6 55 src=1.1.1.1 dst=2.2.2.2 sport=11 dport=22 mark=66";
	const int len = (int)sizeof(line) - 1;	/* 73 */
	char b[128];

	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_IPV4_SRC, inet_addr("1.1.1.1"));
	nfct_set_attr_u32(ct, ATTR_IPV4_DST, inet_addr("2.2.2.2"));
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(11));
	nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(22));
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 55);
	nfct_set_attr_u32(ct, ATTR_MARK, 66);

	for (int size = 1; size <= len + 3; size++) {
		memset(b, '~', sizeof(b));
		CHECK_INT(nfct_snprintf(b, (unsigned int)size, ct, NFCT_T_NEW, NFCT_O_DEFAULT, 0),
			  len);
		int copied = size - 1 < len ? size - 1 : len;

		CHECK_MSG(memcmp(b, line, (size_t)copied) == 0 && b[copied] == '\0',
			  "size %d: \"%.*s\"", size, copied, b);
		/* The dropped trailing space is overwritten with a NUL, and
		 * the NUL after it stays. */
		if (size >= len + 2)
			CHECK_MSG(b[len + 1] == '\0' && b[len + 2] == '~', "size %d: tail", size);
		else
			CHECK_MSG(b[size] == '~', "size %d: wrote past the buffer", size);
	}

	/* XML counts the port elements only as far as they fitted. */
	int full = nfct_snprintf(buf, sizeof(buf), ct, NFCT_T_NEW, NFCT_O_XML, 0);
	const char *ports = strstr(buf, "<sport>11</sport><dport>22</dport></layer4>");
	int start = ports ? (int)(ports - buf) : 0, plen = 34, base = full - plen;

	CHECK(ports != NULL);
	CHECK_INT(full, 447);
	for (int size = 1; size < full + 3; size++) {
		int want = size <= start ? base : size >= start + plen ? full : base + (size - start);

		CHECK_INT(nfct_snprintf(buf, (unsigned int)size, ct, NFCT_T_NEW, NFCT_O_XML, 0),
			  want);
	}

	if (!test_is_reference()) {
		/* Size 0 (the original asserts): nothing written, and the
		 * value a too short buffer gives. */
		memset(b, '~', sizeof(b));
		CHECK_INT(nfct_snprintf(b, 0, ct, NFCT_T_NEW, NFCT_O_DEFAULT, 0), len);
		CHECK(b[0] == '~');
		CHECK_INT(nfct_snprintf(NULL, 0, ct, NFCT_T_NEW, NFCT_O_DEFAULT, 0), len);
		CHECK_INT(nfct_snprintf(NULL, 0, ct, NFCT_T_NEW, NFCT_O_XML, 0), base);
		CHECK_ERRNO(nfct_snprintf(NULL, 10, ct, NFCT_T_NEW, NFCT_O_XML, 0), -1, EINVAL);
		CHECK_ERRNO(nfct_snprintf(b, sizeof(b), NULL, NFCT_T_NEW, NFCT_O_XML, 0),
			    -1, EINVAL);
	}
	nfct_destroy(ct);
}

static void test_labels(void)
{
	char path[] = "/tmp/nfct-test-print.XXXXXX";
	int fd = mkstemp(path);
	struct nfct_labelmap *map;
	struct nf_conntrack *ct;
	struct nfct_bitmask *b;
	static const char conf[] = "0 zero\n2 two\n5 five five\n6 -\n";

	CHECK(fd >= 0);
	CHECK_INT(write(fd, conf, sizeof(conf) - 1), sizeof(conf) - 1);
	close(fd);
	map = nfct_labelmap_new(path);
	unlink(path);
	CHECK(map != NULL);
	if (map == NULL)
		return;

	ct = nfct_new();
	nfct_set_attr_u8(ct, ATTR_L4PROTO, 250);
	b = nfct_bitmask_new(127);
	nfct_bitmask_set_bit(b, 0);
	nfct_bitmask_set_bit(b, 1);	/* no name */
	nfct_bitmask_set_bit(b, 5);
	nfct_bitmask_set_bit(b, 100);	/* beyond the map */
	nfct_set_attr(ct, ATTR_CONNLABELS, b);
	nfct_set_attr_u32(ct, ATTR_MARK, 1);

	memset(buf, '~', sizeof(buf));
	CHECK_INT(nfct_snprintf_labels(buf, sizeof(buf), ct, 0, NFCT_O_DEFAULT, 0, map), 41);
	CHECK_STR(buf, "unknown  250 mark=1 labels=zero,five five");
	/* The last separator becomes the NUL, the NUL after it stays. */
	CHECK(buf[41] == '\0' && buf[42] == '\0' && buf[43] == '~');
	/* Without a map, no labels. */
	CHECK_PRINT(ct, 0, NFCT_O_DEFAULT, 0, "unknown  250 mark=1");

	memset(buf, 0, sizeof(buf));
	nfct_snprintf_labels(buf, sizeof(buf), ct, 0, NFCT_O_XML, 0, map);
	CHECK(strstr(buf, "<meta direction=\"independent\"><mark>1</mark><labels>"
			  "<label>zero</label><label>five five</label></labels></meta></flow>")
	      != NULL);

	/* No named bit: the '=' is what gets dropped. */
	b = nfct_bitmask_new(127);
	nfct_bitmask_set_bit(b, 9);
	nfct_set_attr(ct, ATTR_CONNLABELS, b);
	memset(buf, 0, sizeof(buf));
	CHECK_INT(nfct_snprintf_labels(buf, sizeof(buf), ct, 0, NFCT_O_DEFAULT, 0, map), 26);
	CHECK_STR(buf, "unknown  250 mark=1 labels");

	nfct_destroy(ct);
	nfct_labelmap_destroy(map);
}

int main(void)
{
	test_formats();
	test_errors();
	test_protocols();
	test_meta();
	test_truncation();
	test_labels();
	return test_done();
}
