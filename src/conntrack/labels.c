/*
 * Connection label names: the map between label bit numbers and the names
 * given to them in connlabel.conf.
 */
#include <stdio.h>
#include <stdlib.h>

#include "internal/print.h"

#ifndef NFCT_CONNLABEL_CONF
#define NFCT_CONNLABEL_CONF	"/etc/xtables/connlabel.conf"
#endif

/* COMPAT: the original reads lines of up to 1023 bytes (a longer line is
 * read as several), and accepts bit numbers 0 to 1023. */
#define LABEL_LINE_MAX	1024
#define LABEL_BIT_MAX	1023

struct nfct_labelmap {
	unsigned int size;	/* bit numbers below this have a slot */
	char **names;		/* names[bit], NULL when the bit has no name */
};

/**
 * Returns the path of the label file read by nfct_labelmap_new(NULL).
 *
 * \return "/etc/xtables/connlabel.conf", a constant string; errno is not
 * changed
 *
 * Example: examples/nfct-mnl-dump-labels.c.
 */
NFCT_EXPORT const char *nfct_labels_get_path(void)
{
	return NFCT_CONNLABEL_CONF;
}

static bool label_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static bool label_name_valid(const char *s)
{
	for (; *s; s++) {
		char c = *s;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == ' '))
			return false;
	}
	return true;
}

static void names_free(char **names, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		free(names[i]);
}

/* Reads the file into slots[]; returns the number of slots used (highest
 * named bit + 1), or -1 with errno ENOMEM. */
static int labelmap_read(FILE *fp, char **slots)
{
	char line[LABEL_LINE_MAX];
	unsigned int used = 0;

	while (fgets(line, sizeof(line), fp) != NULL) {
		char *end, *name;
		unsigned long bit;
		size_t n;

		/* COMPAT: strtoul() as the original uses it: leading spaces,
		 * a sign and any base; its ERANGE stays in errno. */
		bit = strtoul(line, &end, 0);
		if (end == line || bit > LABEL_BIT_MAX)
			continue;
		name = end;
		while (label_space(*name))
			name++;
		n = strlen(name);
		while (n > 0 && label_space(name[n - 1]))
			n--;
		name[n] = '\0';
		if (n == 0 || !label_name_valid(name) || slots[bit] != NULL)
			continue;

		bool taken = false;

		for (unsigned int i = 0; i < used && !taken; i++)
			taken = slots[i] != NULL && strcmp(slots[i], name) == 0;
		if (taken)
			continue;

		slots[bit] = strdup(name);
		if (slots[bit] == NULL) {
			names_free(slots, used);
			return fail(ENOMEM, -1);
		}
		if (bit + 1 > used)
			used = (unsigned int)bit + 1;
	}
	return (int)used;
}

/**
 * Reads a label file.
 *
 * \param mapfile path of the file, or NULL for the default one
 * (nfct_labels_get_path())
 *
 * \return a new map, which the caller owns and frees with
 * nfct_labelmap_destroy(); or NULL: errno as set by fopen() when the file
 * cannot be opened (ENOENT, EACCES...), ENOMEM when memory runs out, and 0
 * when the file was read but names no label (empty, only comments or
 * invalid lines), as with the original.
 *
 * On success errno is not changed, except that a bit number too large for
 * strtoul() leaves ERANGE there, as with the original.
 *
 * Examples: examples/nfct-mnl-dump-labels.c, examples/nfct-mnl-set-label.c.
 */
NFCT_EXPORT struct nfct_labelmap *nfct_labelmap_new(const char *mapfile)
{
	char **slots;
	struct nfct_labelmap *map;
	FILE *fp;
	int used;

	if (mapfile == NULL)
		mapfile = nfct_labels_get_path();
	fp = fopen(mapfile, "re");
	if (fp == NULL)
		return NULL;
	slots = calloc(LABEL_BIT_MAX + 1, sizeof(*slots));
	if (slots == NULL) {
		fclose(fp);
		return fail_ptr(ENOMEM);
	}
	used = labelmap_read(fp, slots);
	fclose(fp);
	if (used <= 0) {
		free(slots);
		/* COMPAT: a file without labels fails with errno 0. */
		if (used == 0)
			errno = 0;
		return NULL;
	}

	map = malloc(sizeof(*map));
	if (map == NULL) {
		names_free(slots, (unsigned int)used);
		free(slots);
		return fail_ptr(ENOMEM);
	}
	/* Keep only the slots in use (when shrinking fails, keep them all). */
	char **names = realloc(slots, (size_t)used * sizeof(*names));

	if (names != NULL)
		slots = names;
	map->names = slots;
	map->size = (unsigned int)used;
	return map;
}

/**
 * Frees a label map and its names.
 *
 * \param map the map, or NULL (nothing happens; the original crashes)
 *
 * Names returned by nfct_labelmap_get_name() become invalid.
 *
 * Example: examples/nfct-mnl-dump-labels.c.
 */
NFCT_EXPORT void nfct_labelmap_destroy(struct nfct_labelmap *map)
{
	if (map == NULL)
		return;
	names_free(map->names, map->size);
	free(map->names);
	free(map);
}

/**
 * Returns the name of a label bit.
 *
 * \param m the map
 * \param bit the bit number
 *
 * \return the name, owned by the map and valid until it is destroyed; ""
 * for a bit without a name below the highest named bit; NULL for a bit
 * above it. errno is not changed, except EINVAL for a NULL map.
 *
 * Example: examples/nfct-mnl-dump-labels.c.
 */
NFCT_EXPORT const char *nfct_labelmap_get_name(struct nfct_labelmap *m, unsigned int bit)
{
	if (m == NULL)
		return fail_ptr(EINVAL);
	if (bit >= m->size)
		return NULL;
	return m->names[bit] ? m->names[bit] : "";
}

/**
 * Returns the bit number of a label name.
 *
 * \param m the map
 * \param name the name, compared exactly (case matters)
 *
 * \return the bit number, or -1 when no label has that name (errno not
 * changed) or \p m or \p name is NULL (errno EINVAL)
 *
 * Example: examples/nfct-mnl-set-label.c.
 */
NFCT_EXPORT int nfct_labelmap_get_bit(struct nfct_labelmap *m, const char *name)
{
	if (m == NULL || name == NULL)
		return fail(EINVAL, -1);
	for (unsigned int bit = 0; bit < m->size; bit++)
		if (m->names[bit] != NULL && strcmp(m->names[bit], name) == 0)
			return (int)bit;
	return -1;
}


unsigned int labelmap_size(const struct nfct_labelmap *map)
{
	return map ? map->size : 0;
}

const char *labelmap_name(const struct nfct_labelmap *map, unsigned int bit)
{
	return bit < map->size ? map->names[bit] : NULL;
}

const char *labelmap_next(const struct nfct_labelmap *map, const struct nfct_bitmask *b,
			  unsigned int *bit)
{
	unsigned int nbits = labelmap_size(map);

	if (b == NULL)
		return NULL;
	if (nbits > b->words * 32)
		nbits = b->words * 32;
	for (unsigned int i = *bit; i < nbits; i++) {
		const char *name = map->names[i];

		if (((b->bits[i / 32] >> (i % 32)) & 1) && name != NULL && name[0] != '\0') {
			*bit = i;
			return name;
		}
	}
	return NULL;
}
