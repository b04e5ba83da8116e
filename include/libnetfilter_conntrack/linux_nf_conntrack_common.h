/*
 * Connection status bits (IPS_*), event and expectation constants.
 *
 * They are the kernel's own: this header takes them from the kernel UAPI
 * header, whose include guard keeps a program that includes both from
 * seeing anything twice.
 */
#ifndef LIBNETFILTER_CONNTRACK_LINUX_NF_CONNTRACK_COMMON_H
#define LIBNETFILTER_CONNTRACK_LINUX_NF_CONNTRACK_COMMON_H

#include <linux/netfilter/nf_conntrack_common.h>

#endif
