/*
 * The expectation object, private to the library, and the functions the
 * files of src/expect/ share.
 *
 * An expectation holds four tuples (master, expected, mask, NAT) and a few
 * scalars. The getters of the tuple attributes return a pointer that
 * programs use as a struct nf_conntrack (nfct_get_attr(), groups...), so
 * each tuple is stored as a "tuple head": the first members of struct
 * nf_conntrack, its presence bitmap and its original tuple, laid out
 * exactly as there (pinned by static assertions below). Only the
 * attributes of the original tuple are ever marked in a head.
 */
#ifndef NFCT_EXPECT_H
#define NFCT_EXPECT_H

#include <linux/netlink.h>

#include "object.h"

/* The tuples of an expectation, as array indexes. */
enum exp_tuple {
	EXP_T_MASTER,
	EXP_T_EXPECTED,
	EXP_T_MASK,
	EXP_T_NAT,
	EXP_T_MAX
};

/* What a struct nf_conntrack starts with. */
struct exp_head {
	uint64_t set[CT_SET_WORDS];
	struct ct_tuple orig;
};

_Static_assert(offsetof(struct nf_conntrack, set) == offsetof(struct exp_head, set) &&
	       offsetof(struct nf_conntrack, orig) == offsetof(struct exp_head, orig) &&
	       sizeof(((struct nf_conntrack *)0)->set) == sizeof(((struct exp_head *)0)->set),
	       "a tuple head is the beginning of a conntrack object");

/*
 * Longest function name kept, NUL included. COMPAT: the original keeps 23
 * characters (and aborts on a longer CTA_EXPECT_FN); helper names keep
 * NFCT_HELPER_NAME_MAX - 1.
 */
#define EXP_FN_MAX	24

struct nf_expect {
	struct exp_head tuple[EXP_T_MAX];
	/* Inline, not allocated: conntrackd copies expectations byte for
	 * byte (nfexp_maxsize() bytes), so the object must own no memory. */
	char fn[EXP_FN_MAX];
	uint32_t timeout;
	uint32_t flags;
	uint32_t class;
	uint32_t nat_dir;
	uint16_t zone;
	uint16_t set;		/* presence bits, one per ATTR_EXP_* */
	char helper_name[NFCT_HELPER_NAME_MAX];
};

_Static_assert(ATTR_EXP_MAX <= 16, "the presence bits fit their word");
/* The original's object is 276 bytes; ours is a little larger (the
 * tuple heads carry a wider presence bitmap). Nothing outside the library
 * can depend on the size but through nfexp_sizeof()/nfexp_maxsize(). */
_Static_assert(sizeof(struct nf_expect) <= 288, "the object stays compact");

static inline bool exp_isset(const struct nf_expect *exp, unsigned int attr)
{
	return (exp->set >> attr) & 1;
}

static inline void exp_mark_set(struct nf_expect *exp, unsigned int attr)
{
	exp->set = (uint16_t)(exp->set | (1U << attr));
}

static inline void exp_mark_unset(struct nf_expect *exp, unsigned int attr)
{
	exp->set = (uint16_t)(exp->set & ~(1U << attr));
}

/* How an attribute is stored. */
enum exp_kind {
	EXP_K_TUPLE,	/* struct exp_head; set from and read as a conntrack */
	EXP_K_U16,
	EXP_K_U32,
	EXP_K_NAME,	/* char[size], NUL-terminated (helper and function names) */
};

struct exp_attr_desc {
	uint16_t offset;	/* of the stored value in struct nf_expect */
	uint8_t size;		/* bytes stored */
	uint8_t kind;		/* enum exp_kind */
	uint8_t wire;		/* CTA_EXPECT_* (CTA_EXPECT_NAT_* for the NAT
				 * tuple and direction, inside CTA_EXPECT_NAT) */
	uint8_t tuple;		/* enum exp_tuple, for EXP_K_TUPLE */
	bool cmp;		/* looked at by nfexp_cmp() */
};

extern const struct exp_attr_desc exp_attr_table[ATTR_EXP_MAX];

/* Stores a value and marks the attribute set; value is what
 * nfexp_set_attr() takes, len bounds strings (0: no bound). Returns 0 (it
 * cannot fail: the object owns no memory). */
int exp_attr_set(struct nf_expect *exp, unsigned int attr, const void *value, size_t len);

/* Makes a partial conntrack object of a head: tmp->set and tmp->orig are
 * written, nothing else, and only they are read by the tuple builder,
 * parser and comparison used on it. */
void exp_head_to_ct(struct nf_conntrack *tmp, const struct exp_head *head);

/* Forgets every attribute. */
void exp_reset(struct nf_expect *exp);

/* Parses a whole ctnetlink expectation message into exp (one too short
 * for its headers has no attributes). Returns 0, or -1 with errno EINVAL
 * (malformed), or ERANGE (an attribute of the wrong length); exp
 * then holds what was parsed before the bad attribute. */
int exp_parse_message(const struct nlmsghdr *nlh, struct nf_expect *exp);

struct nlb;

/* Appends the attributes nfexp_nlmsg_build() writes, in the original's
 * order. Returns 0, or -1 with errno EMSGSIZE when the builder ran out of
 * room. */
int exp_build_attrs(struct nlb *b, const struct nf_expect *exp);

/* The family a request about exp carries: the master tuple's layer-3
 * protocol when it is marked, else the expected tuple's. Returns false
 * when neither is marked. */
bool exp_family(const struct nf_expect *exp, uint8_t *family);

#endif
