/*
 * Event filters (compiled to classic BPF and attached to a netlink socket)
 * and kernel-side dump/flush filters: the objects behind struct nfct_filter
 * and struct nfct_filter_dump, private to the library.
 */
#ifndef NFCT_FILTER_H
#define NFCT_FILTER_H

#include <linux/filter.h>
#include <linux/netlink.h>

#include "object.h"

/*
 * Entries kept per attribute. COMPAT: the original keeps at most 127 IPv4
 * entries per direction, 20 IPv6 entries per direction and 127 marks, and
 * silently ignores entries added beyond that (nfct_filter_attach() still
 * succeeds); zones follow the IPv4 and mark rule. Protocols are numbers
 * 0..255 and each protocol has states 0..15; anything else never matches.
 */
#define CT_FILTER_IPV4_MAX	127
#define CT_FILTER_IPV6_MAX	20
#define CT_FILTER_MARK_MAX	127
#define CT_FILTER_ZONE_MAX	127
#define CT_FILTER_PROTO_NUM	256
#define CT_FILTER_STATE_NUM	16

/* Directions of the address filters, as array indexes. */
enum ct_filter_dir {
	CT_FILTER_SRC = 0,
	CT_FILTER_DST = 1,
	CT_FILTER_DIRS
};

struct nfct_filter {
	/* What nfct_filter_set_logic() stored, one per attribute. */
	unsigned int logic[NFCT_FILTER_MAX];

	/* NFCT_FILTER_L4PROTO: protocols to match, plus how many entries were
	 * added (a number above 255 counts but matches nothing). */
	uint32_t proto[CT_FILTER_PROTO_NUM / 32];
	unsigned int proto_entries;

	/* NFCT_FILTER_L4PROTO_STATE: per protocol, whether it has entries and
	 * which states match. Protocols above 255 only set proto_bad. */
	uint32_t state_proto[CT_FILTER_PROTO_NUM / 32];
	uint16_t state[CT_FILTER_PROTO_NUM];
	bool state_proto_bad;

	unsigned int ipv4_count[CT_FILTER_DIRS];
	struct nfct_filter_ipv4 ipv4[CT_FILTER_DIRS][CT_FILTER_IPV4_MAX];

	unsigned int ipv6_count[CT_FILTER_DIRS];
	struct nfct_filter_ipv6 ipv6[CT_FILTER_DIRS][CT_FILTER_IPV6_MAX];

	unsigned int mark_count;
	struct nfct_filter_dump_mark mark[CT_FILTER_MARK_MAX];

	unsigned int zone_count;
	uint16_t zone[CT_FILTER_ZONE_MAX];
};

static inline bool ct_filter_bit(const uint32_t *map, unsigned int n)
{
	return (map[n / 32] >> (n % 32)) & 1;
}

/* Longest program the generator writes; the kernel's limit is 4096
 * instructions and a filter at every limit stays well below this. */
#define CT_BSF_MAX_INSNS	4096

/*
 * Compiles the filter into a classic BPF program for a ctnetlink event
 * socket. Returns the number of instructions written to prog (which has
 * room for CT_BSF_MAX_INSNS), or -1 with errno: EINVAL when a logic value
 * is neither positive nor negative or a state entry names a protocol
 * without states (only TCP, SCTP and DCCP have them), E2BIG when the
 * program would not fit.
 */
int ct_bsf_compile(const struct nfct_filter *f, struct sock_filter *prog);

/* The dump/flush filter. */
struct nfct_filter_dump {
	uint32_t set;			/* bit per NFCT_FILTER_DUMP_* */
	struct nfct_filter_dump_mark mark;
	struct nfct_filter_dump_mark status;
	uint8_t l3num;
	uint16_t zone;
	struct nf_conntrack *tuple;	/* owned copy */
};

/* What the request carrying a dump filter does. */
enum ct_filter_dump_op {
	CT_FILTER_DUMP_OP_DUMP,		/* IPCTNL_MSG_CT_GET with NLM_F_DUMP */
	CT_FILTER_DUMP_OP_FLUSH,	/* IPCTNL_MSG_CT_DELETE */
};

/*
 * Adds a dump filter to a request whose netlink header and struct nfgenmsg
 * are already written (the message must have room, as for
 * nfct_nlmsg_build()): sets nfgen_family when the filter has a layer-3
 * protocol (or a tuple), then appends CTA_MARK, CTA_MARK_MASK, CTA_STATUS,
 * CTA_STATUS_MASK, CTA_ZONE, CTA_TUPLE_ORIG and CTA_FILTER for what the
 * filter has set, in that order. Returns 0, or -1 with errno and the
 * message untouched: ENOTSUP for a flush with a tuple filter (the kernel
 * cannot flush by tuple), EINVAL when the tuple has no layer-3 protocol,
 * an unknown one, or one other than the filter's NFCT_FILTER_DUMP_L3NUM.
 */
int ct_filter_dump_put(struct nlmsghdr *nlh, const struct nfct_filter_dump *fd,
		       enum ct_filter_dump_op op);

#endif
