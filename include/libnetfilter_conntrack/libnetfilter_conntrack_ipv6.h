/* Obsolete: everything it once held is in libnetfilter_conntrack.h. */
#ifndef LIBNETFILTER_CONNTRACK_IPV6_H
#define LIBNETFILTER_CONNTRACK_IPV6_H

#warning "Please, remove libnetfilter_conntrack_ipv6.h from your includes!"

#endif
