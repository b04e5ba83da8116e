/* Obsolete: everything it once held is in libnetfilter_conntrack.h. */
#ifndef LIBNETFILTER_CONNTRACK_IPV4_H
#define LIBNETFILTER_CONNTRACK_IPV4_H

#warning "Please, remove libnetfilter_conntrack_ipv4.h from your includes!"

#endif
