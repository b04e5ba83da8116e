/*
 * Fuzz target: the label map parser (nfct_labelmap_new() on a file with
 * arbitrary contents), its lookups, and nfct_snprintf_labels() with the
 * map on an entry carrying labels, at every buffer size.
 *
 * Input: the contents of the connlabel.conf file.
 */
#include "fuzz.h"

#include <sys/mman.h>

static struct nfct_labelmap *map;

static int print_labels(char *buf, unsigned int size, const void *obj, unsigned int msg_type,
			unsigned int out_type, unsigned int flags)
{
	return nfct_snprintf_labels(buf, size, obj, msg_type, out_type, flags, map);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = memfd_create("connlabel.conf", MFD_CLOEXEC);

	FUZZ_ASSERT(fd >= 0, "memfd_create: %s", strerror(errno));
	FUZZ_ASSERT(size == 0 || write(fd, data, size) == (ssize_t)size, "write: %s",
		    strerror(errno));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	map = nfct_labelmap_new(path);
	close(fd);
	if (map == NULL)
		return 0;

	/* Every name found maps back to a bit that has a name. */
	for (unsigned int bit = 0; bit < 1024; bit++) {
		const char *name = nfct_labelmap_get_name(map, bit);

		if (name == NULL || name[0] == '\0')
			continue;
		int b = nfct_labelmap_get_bit(map, name);

		FUZZ_ASSERT(b >= 0, "name %s of bit %u not found", name, bit);
		FUZZ_ASSERT(nfct_labelmap_get_name(map, (unsigned int)b) != NULL,
			    "bit %d has no name", b);
	}
	FUZZ_ASSERT(nfct_labelmap_get_name(map, ~0u) == NULL ||
		    nfct_labelmap_get_name(map, ~0u)[0] == '\0', "bit ~0 has a name");

	/* Lookups of names taken from the input itself. */
	char name[64];
	size_t len = size < sizeof(name) - 1 ? size : sizeof(name) - 1;

	memcpy(name, data, len);
	name[len] = '\0';
	nfct_labelmap_get_bit(map, name);
	nfct_labelmap_get_bit(map, "");

	/* An entry with labels: bits with a name, and every third bit. */
	struct nf_conntrack *ct = nfct_new();
	struct nfct_bitmask *labels = nfct_bitmask_new(127);

	FUZZ_ASSERT(ct != NULL && labels != NULL, "out of memory");
	for (unsigned int bit = 0; bit <= 127; bit++)
		if (bit % 3 == 0 || nfct_labelmap_get_name(map, bit) != NULL)
			nfct_bitmask_set_bit(labels, bit);
	nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
	nfct_set_attr_u32(ct, ATTR_IPV4_SRC, htonl(0x0a000001));
	nfct_set_attr_u32(ct, ATTR_IPV4_DST, htonl(0x0a000002));
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_UDP);
	nfct_set_attr(ct, ATTR_CONNLABELS, labels);	/* the object owns it now */
	fuzz_check_printer(print_labels, ct);
	nfct_destroy(ct);

	nfct_labelmap_destroy(map);
	map = NULL;
	return 0;
}
