/*
 * ctnetlink message types and attribute numbers (CTA_*, IPCTNL_MSG_*).
 *
 * They are the kernel's own: this header takes them from the kernel UAPI
 * header and adds what older kernel headers lack. It shares its include
 * guard with nothing, and the kernel header's guard keeps a program that
 * includes both from seeing anything twice.
 */
#ifndef LIBNETFILTER_CONNTRACK_LINUX_NFNETLINK_CONNTRACK_H
#define LIBNETFILTER_CONNTRACK_LINUX_NFNETLINK_CONNTRACK_H

#include <libnfnetlink/linux_nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

/**
 * Event timestamp (big-endian u64 nanoseconds), the ctattr_type value right
 * after CTA_STATUS_MASK. Older kernel headers do not name it; where the
 * kernel header does, this macro names the same value.
 * \ingroup nfct_messages
 */
#define CTA_TIMESTAMP_EVENT	(CTA_STATUS_MASK + 1)

#endif
