/*
 * Shared part of the fuzz targets.
 *
 * Each tests/fuzz/fuzz-NAME.c defines LLVMFuzzerTestOneInput() and includes
 * this header once. Built with clang -fsanitize=fuzzer (make fuzz), the
 * fuzzing engine provides main(). Built normally (make check, FUZZ_LIBFUZZER
 * undefined), this header provides a main() that replays files: the ones
 * named on the command line (files or directories), or by default every
 * file of $top_srcdir/tests/fuzz/corpus/NAME/, NAME being the program's
 * name without its "fuzz-" prefix.
 *
 * A broken promise of the library (a printer's return value, a write past
 * the buffer, a clone that differs) aborts, which both the fuzzing engine
 * and the replay report as a failure.
 */
#ifndef NFCT_TEST_FUZZ_H
#define NFCT_TEST_FUZZ_H

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <sys/stat.h>
#include <arpa/inet.h>

#include <stdbool.h>

#include <libmnl/libmnl.h>
#include <linux/netlink.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: FUZZ_ASSERT(%s) failed: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} \
} while (0)

/* The printers, with the object as a const void * so that one checker
 * serves both. */
typedef int (*fuzz_printer)(char *buf, unsigned int size, const void *obj,
			    unsigned int msg_type, unsigned int out_type, unsigned int flags);

static inline int fuzz_print_ct(char *buf, unsigned int size, const void *obj,
				unsigned int msg_type, unsigned int out_type, unsigned int flags)
{
	return nfct_snprintf(buf, size, obj, msg_type, out_type, flags);
}

static inline int fuzz_print_exp(char *buf, unsigned int size, const void *obj,
				 unsigned int msg_type, unsigned int out_type, unsigned int flags)
{
	return nfexp_snprintf(buf, size, obj, msg_type, out_type, flags);
}

#define FUZZ_FULL	65536	/* far more than any object prints */
#define FUZZ_GUARD	32	/* canary bytes after the size given */

/* One print of obj at `size` bytes into a heap buffer of exactly that size
 * plus a canary, checked against the full output `full` whose return
 * value was `len`. Returns 0 when everything matches, 1 when the text or
 * its length differs: the clock may have moved between the two prints
 * (NFCT_OF_TIME prints the current time, and the timestamps' delta-time
 * is counted up to now), so the caller tries again, and only on its last
 * try (`last`) is a difference a failure. Writing past the buffer always
 * is. */
static inline int fuzz_print_at(fuzz_printer print, const void *obj, unsigned int msg,
				unsigned int type, unsigned int flags, unsigned int size,
				const char *full, int len, bool last)
{
	unsigned char *buf = malloc((size_t)size + FUZZ_GUARD);
	size_t full_len = strlen(full);
	int ret, clock = 0;

	FUZZ_ASSERT(buf != NULL, "out of memory");
	memset(buf, 0xa5, (size_t)size + FUZZ_GUARD);
	ret = print((char *)buf, size, obj, msg, type, flags);
	for (unsigned int i = size; i < size + FUZZ_GUARD; i++)
		FUZZ_ASSERT(buf[i] == 0xa5, "write at byte %u of a %u-byte buffer "
			    "(type %u flags %#x msg %u)", i, size, type, flags, msg);
	if (len < 0) {
		/* The object cannot be printed this way: the same failure
		 * at any size. */
		FUZZ_ASSERT(ret == -1, "size %u returned %d, full print -1 "
			    "(type %u flags %#x msg %u)", size, ret, type, flags, msg);
	} else if ((size_t)size > (size_t)len + 1) {
		/* Room to spare: exactly the full print. */
		if (ret != len || memcmp(buf, full, full_len + 1) != 0)
			clock = 1;
	} else {
		/* Cut: as snprintf() for JSON; for the original's formats,
		 * the count may include pieces only as far as they fitted,
		 * so it lies between what was written and the full length
		 * (plus the final space the plain format drops). */
		size_t want = full_len < (size_t)size - (size ? 1 : 0) ? full_len
								       : (size ? size - 1 : 0);

		if (type == NFCT_O_JSON && ret != len)
			clock = 1;
		if (ret < (int)want || ret > len + 1)
			clock = 1;
		if (size > 0 && (strnlen((char *)buf, size) != want ||
				 memcmp(buf, full, want) != 0))
			clock = 1;
	}
	if (clock) {
		FUZZ_ASSERT(!last, "size %u: returned %d (full print %d), wrote "
			    "\"%.*s\", full \"%s\" (type %u flags %#x msg %u)", size, ret, len,
			    (int)strnlen((char *)buf, size), (char *)buf, full, type, flags, msg);
	}
	free(buf);
	return clock;
}

/* Prints obj in every output type below NFCT_O_MAX, with every combination
 * of the four output flags and every message type, checking the printers'
 * documented contract: nothing written past size (nor anything at size
 * 0), a NUL-terminated prefix of the full text when cut, the full text and
 * its exact length when it fits, and a return value that tells a cut text
 * (at least size - 1; exactly snprintf()'s for JSON). Sizes tried: 0, 1, 2,
 * half, length - 1, length, length + 1, length + 2 (all of them for some
 * combinations only when fuzzing, see below). */
static inline void fuzz_check_printer(fuzz_printer print, const void *obj)
{
	static const unsigned int msgs[] = {
		NFCT_T_UNKNOWN, NFCT_T_NEW, NFCT_T_UPDATE, NFCT_T_DESTROY
	};
	const unsigned int all_flags = NFCT_OF_SHOW_LAYER3 | NFCT_OF_TIME | NFCT_OF_ID |
				       NFCT_OF_TIMESTAMP;
	char *full = malloc(FUZZ_FULL);

	FUZZ_ASSERT(full != NULL, "out of memory");
	for (unsigned int type = 0; type < NFCT_O_MAX; type++)
	for (unsigned int flags = 0; flags <= all_flags; flags++) {
		if (flags & ~all_flags)
			continue;
		for (size_t m = 0; m < sizeof(msgs) / sizeof(msgs[0]); m++) {
			int attempts = 0, len;
			bool again;

			do {
				full[0] = '\0';	/* a failed print may write nothing */
				len = print(full, FUZZ_FULL, obj, msgs[m], type, flags);
				FUZZ_ASSERT(len >= -1 && len < FUZZ_FULL - 1, "full print returned %d "
					    "(type %u flags %#x msg %u)", len, type, flags, msgs[m]);
				FUZZ_ASSERT(len < 0 || strlen(full) == (size_t)len, "full print: "
					    "length %zu, returned %d", strlen(full), len);
				unsigned int l = len > 0 ? (unsigned int)len : 0;
				const unsigned int sizes[] = {
					0, 1, 2, l / 2, l > 0 ? l - 1 : 0, l, l + 1, l + 2
				};
				size_t nsizes = sizeof(sizes) / sizeof(sizes[0]);

				again = false;
#ifdef FUZZ_LIBFUZZER
				/* Fuzzing: every size for no flag and all flags,
				 * with and without a prefix; the others at the
				 * full size and 0 and 1 (speed). The replay in
				 * make check does everything. */
				if ((flags != 0 && flags != all_flags) ||
				    (msgs[m] != NFCT_T_UNKNOWN && msgs[m] != NFCT_T_DESTROY))
					nsizes = 2;
#endif
				for (size_t s = 0; s < nsizes && !again; s++)
					again = fuzz_print_at(print, obj, msgs[m], type, flags,
							      sizes[s], full, len, attempts == 4) != 0;
			} while (again && ++attempts < 5);
		}
	}
	free(full);
}

/* What every parsed conntrack object goes through: all the printers, a
 * clone that compares equal, and a message built back from it. */
static inline void fuzz_check_ct(const struct nf_conntrack *ct)
{
	struct nf_conntrack *clone;

	fuzz_check_printer(fuzz_print_ct, ct);

	clone = nfct_clone(ct);
	FUZZ_ASSERT(clone != NULL, "nfct_clone failed: %s", strerror(errno));
	FUZZ_ASSERT(nfct_cmp(ct, clone, NFCT_CMP_ALL) == 1, "a clone differs");
	nfct_destroy(clone);

	/* nfct_nlmsg_build() promises that an MNL_SOCKET_BUFFER_SIZE buffer
	 * is enough: a heap buffer of exactly that size lets ASan see a
	 * write past it. */
	size_t size = MNL_SOCKET_BUFFER_SIZE;
	char *buf = calloc(1, size);

	FUZZ_ASSERT(buf != NULL, "out of memory");
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_NEW;
	struct nfgenmsg *nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = AF_INET;
	nfct_nlmsg_build(nlh, ct);
	FUZZ_ASSERT(nlh->nlmsg_len <= size, "built %u bytes", nlh->nlmsg_len);
	free(buf);
}

/* The same for expectations. */
static inline void fuzz_check_exp(const struct nf_expect *exp)
{
	struct nf_expect *clone;

	fuzz_check_printer(fuzz_print_exp, exp);

	clone = nfexp_clone(exp);
	FUZZ_ASSERT(clone != NULL, "nfexp_clone failed: %s", strerror(errno));
	FUZZ_ASSERT(nfexp_cmp(exp, clone, NFCT_CMP_ALL) == 1, "a clone differs");
	nfexp_destroy(clone);

	size_t size = MNL_SOCKET_BUFFER_SIZE;
	char *buf = calloc(1, size);

	FUZZ_ASSERT(buf != NULL, "out of memory");
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK_EXP << 8) | IPCTNL_MSG_EXP_NEW;
	struct nfgenmsg *nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = AF_INET;
	nfexp_nlmsg_build(nlh, exp);
	FUZZ_ASSERT(nlh->nlmsg_len <= size, "built %u bytes", nlh->nlmsg_len);
	free(buf);
}

/* Input as a netlink message: a copy in an aligned heap buffer of exactly
 * the input's size (so ASan sees any read past it). */
static inline struct nlmsghdr *fuzz_nlmsg(const uint8_t *data, size_t size)
{
	if (size < sizeof(struct nlmsghdr))
		return NULL;
	struct nlmsghdr *nlh = malloc(size);

	FUZZ_ASSERT(nlh != NULL, "out of memory");
	memcpy(nlh, data, size);
	/* The parsers trust nlmsg_len as the caller's promise of the
	 * message's extent (as the original does): keep it within the
	 * buffer. */
	if (nlh->nlmsg_len > size)
		nlh->nlmsg_len = (uint32_t)size;
	return nlh;
}


/*
 * Datagrams for nfct_catch() and nfexp_catch().
 *
 * The handle reads its socket through libnfnetlink, which only accepts a
 * datagram whose sender address has the size of a netlink address and a
 * port id of 0 (the kernel). An AF_UNIX datagram socket put in place of
 * the handle's netlink socket, fed by a sender bound to an abstract name
 * of exactly that size whose bytes at the port id's place are zero, passes
 * that check: the handle then processes whatever we send, with no kernel
 * involved (no privilege needed). The receiving end is non-blocking, so
 * a catch returns (-1, EAGAIN) once the datagram is processed.
 */
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

struct fuzz_feed {
	struct nfct_handle *h;
	int tx;			/* the sender */
	struct sockaddr_un rx_addr;
	socklen_t rx_len;
};

static inline void fuzz_feed_open(struct fuzz_feed *f, uint8_t subsys)
{
	struct sockaddr_un tx_addr;
	int rx, n = (int)getpid();

	f->h = nfct_open(subsys, 0);
	FUZZ_ASSERT(f->h != NULL, "nfct_open: %s", strerror(errno));

	/* Receiver: any abstract name. */
	memset(&f->rx_addr, 0, sizeof(f->rx_addr));
	f->rx_addr.sun_family = AF_UNIX;
	int len = snprintf(f->rx_addr.sun_path + 1, sizeof(f->rx_addr.sun_path) - 1,
			   "nfct-fuzz-%d", n);
	f->rx_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)len);
	rx = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	FUZZ_ASSERT(rx >= 0, "socket: %s", strerror(errno));
	FUZZ_ASSERT(bind(rx, (struct sockaddr *)&f->rx_addr, f->rx_len) == 0, "bind: %s",
		    strerror(errno));
	FUZZ_ASSERT(dup2(rx, nfct_fd(f->h)) >= 0, "dup2: %s", strerror(errno));
	close(rx);
	FUZZ_ASSERT(fcntl(nfct_fd(f->h), F_SETFL, O_NONBLOCK) == 0, "fcntl: %s",
		    strerror(errno));

	/* Sender: an abstract name as long as a struct sockaddr_nl, laid
	 * out as nl_pad (2 bytes, the leading NUL first), nl_pid (4 zero
	 * bytes) and nl_groups (4 bytes that make the name unique). */
	_Static_assert(sizeof(struct sockaddr_nl) == offsetof(struct sockaddr_un, sun_path) + 10,
		       "layout of the fake netlink address");
	memset(&tx_addr, 0, sizeof(tx_addr));
	tx_addr.sun_family = AF_UNIX;
	tx_addr.sun_path[1] = 'F';
	memcpy(tx_addr.sun_path + 6, &n, 4);
	f->tx = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	FUZZ_ASSERT(f->tx >= 0, "socket: %s", strerror(errno));
	FUZZ_ASSERT(bind(f->tx, (struct sockaddr *)&tx_addr, sizeof(struct sockaddr_nl)) == 0,
		    "bind: %s", strerror(errno));
	int sndbuf = 1 << 20;

	setsockopt(f->tx, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	setsockopt(nfct_fd(f->h), SOL_SOCKET, SO_RCVBUF, &sndbuf, sizeof(sndbuf));
}

/*
 * libnfnetlink 1.0.2 (Debian 12) cannot take a top-level attribute of type
 * 0: nfnl_parse_attr() stores it at tb[type - 1], one slot before its
 * array on the stack, overwriting a return address; the original library
 * crashes so (corpus/ct-catch/libnfnetlink-type0-attr). Ours checks each
 * datagram before libnfnetlink parses it and refuses such a one with -1
 * and errno EINVAL, which the catch targets assert. Returns true when
 * some message of the datagram that libnfnetlink would parse has one
 * (the same rule as the library's check, in src/handle.c).
 */
static inline bool fuzz_has_type0_attr(const uint8_t *data, size_t size)
{
	size_t off = 0;

	while (off < size && size - off >= sizeof(struct nlmsghdr)) {
		struct nlmsghdr nlh;

		memcpy(&nlh, data + off, sizeof(nlh));
		if (nlh.nlmsg_len < sizeof(nlh) || nlh.nlmsg_len > size - off)
			break;
		size_t pos = off + NLMSG_SPACE(sizeof(struct nfgenmsg));
		size_t end = off + nlh.nlmsg_len;

		/* Control messages (below NLMSG_MIN_TYPE) and messages too
		 * short for the nfnetlink header: libnfnetlink never parses
		 * their attributes, so they are harmless. */
		if (nlh.nlmsg_type < NLMSG_MIN_TYPE)
			pos = end;
		while (pos + 4 <= end) {
			uint16_t alen, atype;

			memcpy(&alen, data + pos, 2);
			memcpy(&atype, data + pos + 2, 2);
			if (alen < 4 || alen > end - pos)
				break;
			if ((atype & 0x7fff) == 0)
				return true;
			pos += (alen + 3u) & ~3u;
		}
		off += NLMSG_ALIGN(nlh.nlmsg_len);
	}
	return false;
}

/* Queues one datagram for the handle. */
static inline void fuzz_feed_send(struct fuzz_feed *f, const uint8_t *data, size_t size)
{
	ssize_t n = sendto(f->tx, data, size, 0, (struct sockaddr *)&f->rx_addr, f->rx_len);

	FUZZ_ASSERT(n == (ssize_t)size, "sendto of %zu bytes: %s", size, strerror(errno));
}

/* Drops whatever a catch left unread. */
static inline void fuzz_feed_drain(struct fuzz_feed *f)
{
	char buf[256];

	while (recv(nfct_fd(f->h), buf, sizeof(buf), MSG_DONTWAIT) >= 0)
		;
}

#ifndef FUZZ_LIBFUZZER
#include "check.h"

static int fuzz_replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t size = 0, cap = 0;

	if (f == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (size == cap) {
			cap = cap ? cap * 2 : 4096;
			data = realloc(data, cap);
			if (data == NULL) {
				fclose(f);
				return -1;
			}
		}
		size_t n = fread(data + size, 1, cap - size, f);

		if (n == 0)
			break;
		size += n;
	}
	fclose(f);
	/* An exact-size copy, as the fuzzing engine gives. */
	uint8_t *exact = malloc(size ? size : 1);

	if (exact == NULL) {
		free(data);
		return -1;
	}
	memcpy(exact, data, size);
	free(data);
	LLVMFuzzerTestOneInput(exact, size);
	free(exact);
	return 0;
}

static int fuzz_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays a file, or every regular file of a directory (sorted). Returns
 * the number of files replayed, or -1. */
static int fuzz_replay(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return fuzz_replay_file(path) < 0 ? -1 : 1;

	struct dirent **names;
	int n = scandir(path, &names, NULL, NULL), count = 0;

	if (n < 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	qsort(names, (size_t)n, sizeof(*names), fuzz_cmp_names);
	for (int i = 0; i < n; i++) {
		char file[4096];

		if (names[i]->d_name[0] != '.' &&
		    (size_t)snprintf(file, sizeof(file), "%s/%s", path, names[i]->d_name) <
			    sizeof(file) &&
		    stat(file, &st) == 0 && S_ISREG(st.st_mode)) {
			if (fuzz_replay_file(file) < 0)
				count = -1;
			else if (count >= 0)
				count++;
		}
		free(names[i]);
	}
	free(names);
	return count;
}

int main(int argc, char **argv)
{
	int total = 0;

	/* The original ends the process on some malformed messages: the
	 * corpus holds such messages on purpose. */
	test_ours_only("replays fuzzing inputs, some malformed");
	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			int n = fuzz_replay(argv[i]);

			if (n < 0)
				return EXIT_FAILURE;
			total += n;
		}
	} else {
		const char *top = getenv("top_srcdir");
		const char *name = strrchr(argv[0], '/');
		char dir[4096];

		name = name ? name + 1 : argv[0];
		if (strncmp(name, "fuzz-", 5) == 0)
			name += 5;
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", top ? top : ".", name);
		total = fuzz_replay(dir);
		if (total <= 0) {
			fprintf(stderr, "%s: no corpus replayed\n", dir);
			return EXIT_FAILURE;
		}
	}
	printf("%d inputs replayed\n", total);
	return EXIT_SUCCESS;
}
#endif /* !FUZZ_LIBFUZZER */

#endif
