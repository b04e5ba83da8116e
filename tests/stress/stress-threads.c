/*
 * Stress: two threads, each with its own handle, working at once.
 *
 * In a private network namespace, each thread creates ENTRIES entries of
 * its own (its own addresses, marked with its number), reads each back
 * with a get, dumps the table counting its own, updates and deletes them,
 * and prints every object it gets, also with a label map that both
 * threads share read-only. Every result must be exact: a handle used by
 * one thread is independent of the other thread's handle, and the map
 * and the printers, copies and comparisons can be used from both at once.
 *
 * Run it under ASan or valgrind's helgrind for more (make check-asan
 * builds it too).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack_tcp.h>

#include "check.h"
#include "kernel.h"

#define ENTRIES	20000

static pthread_barrier_t start;
static struct nfct_labelmap *map;

struct worker {
	unsigned int id;	/* 1 or 2 */
	long created, got, dumped, updated, deleted, printed, left;
	long errors;
	/* Which of this thread's entries the current dump returned: a dump
	 * that runs while the other thread changes the table may return an
	 * entry twice (the kernel resumes each batch where the last one
	 * stopped), so entries are counted once each. */
	unsigned char seen[ENTRIES];
};

static struct nf_conntrack *entry(const struct worker *w, unsigned int i)
{
	struct nf_conntrack *ct = nfct_new();
	uint32_t src = htonl((10u << 24) | (w->id << 16) | i), dst = htonl(0x0b000001u);
	struct nfct_bitmask *labels = nfct_bitmask_new(127);

	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_IPV4_SRC, src);
	nfct_set_attr_u32(ct, ATTR_IPV4_DST, dst);
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(2000));
	nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(80));
	nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, dst);
	nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, src);
	nfct_set_attr_u8(ct, ATTR_REPL_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, htons(80));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(2000));
	nfct_set_attr_u8(ct, ATTR_TCP_STATE, TCP_CONNTRACK_ESTABLISHED);
	nfct_set_attr_u32(ct, ATTR_TIMEOUT, 600);
	nfct_set_attr_u32(ct, ATTR_MARK, w->id);
	nfct_bitmask_set_bit(labels, w->id);
	nfct_set_attr(ct, ATTR_CONNLABELS, labels);
	return ct;
}

static void print_check(struct worker *w, const struct nf_conntrack *ct)
{
	char buf[2048], want[32];

	if (nfct_snprintf_labels(buf, sizeof(buf), ct, NFCT_T_UPDATE, NFCT_O_DEFAULT,
				 NFCT_OF_SHOW_LAYER3, map) <= 0)
		w->errors++;
	snprintf(want, sizeof(want), "mark=%u", w->id);
	if (strstr(buf, want) == NULL)
		w->errors++;
	w->printed++;

	/* Copies and comparisons, whose attribute sets the library
	 * computes on first use. */
	struct nf_conntrack *copy = nfct_new();

	nfct_copy(copy, ct, NFCT_CP_ALL);
	if (nfct_cmp(ct, copy, NFCT_CMP_ALL) != 1)
		w->errors++;
	nfct_destroy(copy);
}

static int dump_cb(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct worker *w = data;

	if (nfct_get_attr_u32(ct, ATTR_MARK) == w->id) {
		unsigned int i = ntohl(nfct_get_attr_u32(ct, ATTR_ORIG_IPV4_SRC)) & 0xffff;

		if (i < ENTRIES && !w->seen[i]) {
			w->seen[i] = 1;
			w->dumped++;
		}
		print_check(w, ct);
	}
	return NFCT_CB_CONTINUE;
}

static int get_cb(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct worker *w = data;

	if (nfct_get_attr_u32(ct, ATTR_MARK) == w->id)
		w->got++;
	print_check(w, ct);
	return NFCT_CB_CONTINUE;
}

static long count_own(struct nfct_handle *h, struct worker *w)
{
	uint32_t family = AF_INET;
	long before = w->dumped;

	memset(w->seen, 0, sizeof(w->seen));
	nfct_callback_register(h, NFCT_T_ALL, dump_cb, w);
	if (nfct_query(h, NFCT_Q_DUMP, &family) < 0)
		w->errors++;
	return w->dumped - before;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);

	if (h == NULL) {
		w->errors++;
		return NULL;
	}
	pthread_barrier_wait(&start);
	for (unsigned int i = 0; i < ENTRIES; i++) {
		struct nf_conntrack *ct = entry(w, i);

		if (nfct_query(h, NFCT_Q_CREATE, ct) == 0)
			w->created++;
		nfct_destroy(ct);
	}
	nfct_callback_register(h, NFCT_T_ALL, get_cb, w);
	for (unsigned int i = 0; i < ENTRIES; i++) {
		struct nf_conntrack *ct = entry(w, i);

		if (nfct_query(h, NFCT_Q_GET, ct) < 0)
			w->errors++;
		nfct_destroy(ct);
	}
	w->dumped = 0;
	long own = count_own(h, w);

	for (unsigned int i = 0; i < ENTRIES; i++) {
		struct nf_conntrack *ct = entry(w, i);

		nfct_set_attr_u32(ct, ATTR_TIMEOUT, 1200);
		if (nfct_query(h, NFCT_Q_UPDATE, ct) == 0)
			w->updated++;
		if (nfct_query(h, NFCT_Q_DESTROY, ct) == 0)
			w->deleted++;
		nfct_destroy(ct);
	}
	long left = count_own(h, w);

	w->dumped = own;
	w->left = left;
	nfct_close(h);
	return NULL;
}

int main(void)
{
	struct worker w[2] = { { .id = 1 }, { .id = 2 } };
	pthread_t t[2];
	char path[] = "/tmp/nfct-stress-labels.XXXXXX";
	int fd;

	test_enter_netns();
	if (test_run("nft add table ip lbl && nft add chain ip lbl c "
		     "'{ type filter hook output priority 0; }' && "
		     "nft add rule ip lbl c ct label set 1") != 0)
		printf("nft not available: entries without labels\n");

	fd = mkstemp(path);
	if (fd < 0 || write(fd, "1 one\n2 two\n", 12) != 12) {
		perror(path);
		return EXIT_HARD;
	}
	close(fd);
	map = nfct_labelmap_new(path);
	unlink(path);
	CHECK(map != NULL);

	pthread_barrier_init(&start, NULL, 2);
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, work, &w[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&start);

	for (int i = 0; i < 2; i++) {
		printf("thread %u: created %ld, got %ld, dumped %ld, updated %ld, deleted %ld, "
		       "printed %ld, left %ld, errors %ld\n", w[i].id, w[i].created, w[i].got,
		       w[i].dumped, w[i].updated, w[i].deleted, w[i].printed, w[i].left, w[i].errors);
		CHECK_INT(w[i].created, ENTRIES);
		CHECK_INT(w[i].got, ENTRIES);
		CHECK_INT(w[i].dumped, ENTRIES);
		CHECK_INT(w[i].updated, ENTRIES);
		CHECK_INT(w[i].deleted, ENTRIES);
		CHECK_INT(w[i].left, 0);
		CHECK_INT(w[i].errors, 0);
	}
	nfct_labelmap_destroy(map);
	return test_done();
}
