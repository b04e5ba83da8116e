/*
 * The filter APIs without the conntrack table: logic and attach errors of
 * event filters, and the bytes nfct_nlmsg_build_filter() writes (recorded
 * from the original library).
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <libnfnetlink/linux_nfnetlink.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"

static void test_logic(void)
{
	struct nfct_filter *f = nfct_filter_create();

	CHECK(f != NULL);
	CHECK_ERRNO(nfct_filter_set_logic(f, NFCT_FILTER_MAX, NFCT_FILTER_LOGIC_NEGATIVE), -1, ENOTSUP);
	CHECK_ERRNO(nfct_filter_set_logic(f, (enum nfct_filter_attr)100, NFCT_FILTER_LOGIC_POSITIVE),
		    -1, ENOTSUP);
	/* Positive is the default and can be given again, or changed... */
	CHECK_ERRNO(nfct_filter_set_logic(f, NFCT_FILTER_L4PROTO, NFCT_FILTER_LOGIC_POSITIVE), 0, 0);
	CHECK_ERRNO(nfct_filter_set_logic(f, NFCT_FILTER_L4PROTO, NFCT_FILTER_LOGIC_POSITIVE), 0, 0);
	CHECK_ERRNO(nfct_filter_set_logic(f, NFCT_FILTER_L4PROTO, NFCT_FILTER_LOGIC_NEGATIVE), 0, 0);
	/* ...but once negative, the logic is fixed. */
	CHECK_ERRNO(nfct_filter_set_logic(f, NFCT_FILTER_L4PROTO, NFCT_FILTER_LOGIC_NEGATIVE), -1, EBUSY);
	CHECK_ERRNO(nfct_filter_set_logic(f, NFCT_FILTER_L4PROTO, NFCT_FILTER_LOGIC_POSITIVE), -1, EBUSY);
	/* Other attributes are independent. */
	CHECK_ERRNO(nfct_filter_set_logic(f, NFCT_FILTER_MARK, NFCT_FILTER_LOGIC_NEGATIVE), 0, 0);
	/* An out-of-range logic is stored, and blocks later changes. */
	CHECK_ERRNO(nfct_filter_set_logic(f, NFCT_FILTER_SRC_IPV4, NFCT_FILTER_LOGIC_MAX), 0, 0);
	CHECK_ERRNO(nfct_filter_set_logic(f, NFCT_FILTER_SRC_IPV4, NFCT_FILTER_LOGIC_POSITIVE), -1, EBUSY);
	nfct_filter_destroy(f);
}

static void test_attach(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER);
	int file = open("/dev/null", O_RDONLY);
	struct nfct_filter *f = nfct_filter_create();

	CHECK(fd >= 0);
	/* An empty filter attaches and lets everything through. */
	CHECK_INT(nfct_filter_attach(fd, f), 0);
	CHECK_INT(nfct_filter_detach(fd), 0);
	CHECK_ERRNO(nfct_filter_detach(fd), -1, ENOENT);

	nfct_filter_add_attr_u32(f, NFCT_FILTER_L4PROTO, IPPROTO_TCP);
	CHECK_INT(nfct_filter_attach(fd, f), 0);
	/* Attaching again replaces the program. */
	CHECK_INT(nfct_filter_attach(fd, f), 0);
	CHECK_INT(nfct_filter_detach(fd), 0);

	CHECK_ERRNO(nfct_filter_attach(-1, f), -1, EBADF);
	CHECK_ERRNO(nfct_filter_attach(file, f), -1, ENOTSOCK);
	CHECK_ERRNO(nfct_filter_detach(-1), -1, EBADF);
	CHECK_ERRNO(nfct_filter_detach(file), -1, ENOTSOCK);
	nfct_filter_destroy(f);

	/* Unknown attributes are ignored. */
	f = nfct_filter_create();
	nfct_filter_add_attr_u32(f, NFCT_FILTER_MAX, 6);
	CHECK_INT(nfct_filter_attach(fd, f), 0);
	nfct_filter_destroy(f);

	/* Bad input: a state of a protocol that has none, a logic outside
	 * the enumeration. */
	f = nfct_filter_create();
	nfct_filter_add_attr(f, NFCT_FILTER_L4PROTO_STATE,
			     &(struct nfct_filter_proto){ .proto = IPPROTO_UDP, .state = 1 });
	CHECK_ERRNO(nfct_filter_attach(fd, f), -1, EINVAL);
	nfct_filter_destroy(f);
	f = nfct_filter_create();
	nfct_filter_add_attr_u32(f, NFCT_FILTER_L4PROTO, IPPROTO_UDP);
	nfct_filter_set_logic(f, NFCT_FILTER_L4PROTO, NFCT_FILTER_LOGIC_MAX);
	CHECK_ERRNO(nfct_filter_attach(fd, f), -1, EINVAL);
	nfct_filter_destroy(f);

	/* Too many entries are not an error: the extra ones are ignored. */
	f = nfct_filter_create();
	for (int i = 0; i < 300; i++) {
		struct nfct_filter_ipv4 a = { .addr = 0x0a000000U + (uint32_t)i, .mask = ~0U };
		struct nfct_filter_ipv6 b = { .addr = { 1, 2, 3, (uint32_t)i }, .mask = { ~0U, ~0U, ~0U, ~0U } };
		struct nfct_filter_dump_mark m = { .val = (uint32_t)i, .mask = ~0U };

		nfct_filter_add_attr(f, NFCT_FILTER_SRC_IPV4, &a);
		nfct_filter_add_attr(f, NFCT_FILTER_DST_IPV4, &a);
		nfct_filter_add_attr(f, NFCT_FILTER_SRC_IPV6, &b);
		nfct_filter_add_attr(f, NFCT_FILTER_DST_IPV6, &b);
		nfct_filter_add_attr(f, NFCT_FILTER_MARK, &m);
	}
	CHECK_INT(nfct_filter_attach(fd, f), 0);
	nfct_filter_destroy(f);

	if (!test_is_reference()) {
		/* The original aborts on these. */
		CHECK_ERRNO(nfct_filter_attach(fd, NULL), -1, EINVAL);
		nfct_filter_destroy(NULL);
		f = nfct_filter_create();
		errno = 0;
		nfct_filter_add_attr(f, NFCT_FILTER_MARK, NULL);
		CHECK_INT(errno, EINVAL);
		CHECK_INT(nfct_filter_attach(fd, f), 0);
		nfct_filter_destroy(f);
	}
	close(file);
	close(fd);
}

/* Builds the filter into a request whose header the original fills as the
 * test does, and compares the bytes. */
static void check_build(const char *name, const struct nfct_filter_dump *fd, int want_ret,
			int want_errno, const char *want_hex)
{
	char buf[512], hex[1024];
	struct nlmsghdr *nlh;
	struct nfgenmsg *g;

	memset(buf, 0xaa, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->nfgen_family = 0x77;
	g->version = 0;
	g->res_id = 0;
	errno = 0;
	int ret = nfct_nlmsg_build_filter(nlh, fd);
	int err = errno;

	CHECK_MSG(ret == want_ret && (ret == 0 || err == want_errno),
		  "%s: returned %d errno %d, want %d errno %d", name, ret, err, want_ret, want_errno);
	for (unsigned int i = 0; i < nlh->nlmsg_len && i < sizeof(hex) / 2 - 1; i++)
		sprintf(hex + 2 * i, "%02x", (unsigned char)buf[i]);
	hex[2 * nlh->nlmsg_len] = '\0';
	CHECK_MSG(strcmp(hex, want_hex) == 0, "%s:\n got  %s\n want %s", name, hex, want_hex);
}

#define HDR(len, fam) len "000000" "01010000" "00000000" "00000000" fam "000000"

static void test_dump_build(void)
{
	struct nfct_filter_dump *fd = nfct_filter_dump_create();
	struct nfct_filter_dump_mark m = { .val = 0x11223344, .mask = 0xff00ff00 };
	struct nfct_filter_dump_mark s = { .val = IPS_ASSURED, .mask = IPS_ASSURED | IPS_SEEN_REPLY };
	const char *mark_hex = "08000800" "11223344" "08001500" "ff00ff00";
	const char *status_hex = "08000300" "00000004" "08001a00" "00000006";

	CHECK(fd != NULL);
	check_build("empty", fd, 0, 0, HDR("14", "77"));
	nfct_filter_dump_set_attr(fd, NFCT_FILTER_DUMP_MARK, &m);
	char want[256];

	snprintf(want, sizeof(want), "%s%s", HDR("24", "77"), mark_hex);
	check_build("mark", fd, 0, 0, want);
	nfct_filter_dump_set_attr_u8(fd, NFCT_FILTER_DUMP_L3NUM, AF_INET);
	snprintf(want, sizeof(want), "%s%s", HDR("24", "02"), mark_hex);
	check_build("mark family", fd, 0, 0, want);
	nfct_filter_dump_set_attr(fd, NFCT_FILTER_DUMP_STATUS, &s);
	snprintf(want, sizeof(want), "%s%s%s", HDR("34", "02"), mark_hex, status_hex);
	check_build("mark family status", fd, 0, 0, want);
	/* Setting again replaces. */
	m.val = 1;
	nfct_filter_dump_set_attr(fd, NFCT_FILTER_DUMP_MARK, &m);
	snprintf(want, sizeof(want), "%s%s%s", HDR("34", "02"),
		 "08000800" "00000001" "08001500" "ff00ff00", status_hex);
	check_build("mark again", fd, 0, 0, want);
	/* Unknown types are ignored. */
	nfct_filter_dump_set_attr(fd, (enum nfct_filter_dump_attr)99, &m);
	check_build("unknown", fd, 0, 0, want);
	nfct_filter_dump_destroy(fd);

	fd = nfct_filter_dump_create();
	nfct_filter_dump_set_attr(fd, NFCT_FILTER_DUMP_STATUS, &s);
	snprintf(want, sizeof(want), "%s%s", HDR("24", "77"), status_hex);
	check_build("status", fd, 0, 0, want);
	uint8_t family = AF_INET6;

	nfct_filter_dump_set_attr(fd, NFCT_FILTER_DUMP_L3NUM, &family);
	snprintf(want, sizeof(want), "%s%s", HDR("24", "0a"), status_hex);
	check_build("status family", fd, 0, 0, want);
	nfct_filter_dump_destroy(fd);

	if (test_is_reference())
		return;

	/* 1.1.1: zone. */
	fd = nfct_filter_dump_create();
	nfct_filter_dump_set_attr_u16(fd, NFCT_FILTER_DUMP_ZONE, 0x1234);
	check_build("zone", fd, 0, 0, HDR("1c", "77") "06001200" "12340000");
	/* Typed setters only set conditions of their width. */
	nfct_filter_dump_set_attr_u8(fd, NFCT_FILTER_DUMP_MARK, 5);
	nfct_filter_dump_set_attr_u16(fd, NFCT_FILTER_DUMP_L3NUM, 5);
	nfct_filter_dump_set_attr_u8(fd, NFCT_FILTER_DUMP_ZONE, 5);
	check_build("typed", fd, 0, 0, HDR("1c", "77") "06001200" "12340000");
	nfct_filter_dump_set_attr(fd, NFCT_FILTER_DUMP_MARK, &m);
	snprintf(want, sizeof(want), "%s%s%s", HDR("2c", "77"),
		 "08000800" "00000001" "08001500" "ff00ff00", "06001200" "12340000");
	check_build("mark zone", fd, 0, 0, want);
	nfct_filter_dump_destroy(fd);
	nfct_filter_dump_destroy(NULL);
}

int main(void)
{
	test_logic();
	test_attach();
	test_dump_build();
	return test_done();
}
