/*
 * The label map: connlabel.conf files good and bad, written to temporary
 * files, and what the original makes of them. Runs on both libraries.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "check.h"

static char tmpdir[] = "/tmp/nfct-labelmap.XXXXXX";
static char path[64];

/* Writes content (n bytes, NULs allowed) to the map file; returns its path. */
static const char *file_n(const char *content, size_t n)
{
	FILE *f;

	snprintf(path, sizeof(path), "%s/connlabel.conf", tmpdir);
	f = fopen(path, "w");
	if (f == NULL || fwrite(content, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(EXIT_HARD);
	}
	return path;
}

static const char *file(const char *content)
{
	return file_n(content, strlen(content));
}

/* Loads the map, errno preset to a marker; *err gets errno afterwards. */
static struct nfct_labelmap *load(const char *p, int *err)
{
	struct nfct_labelmap *m;

	errno = 4321;
	m = nfct_labelmap_new(p);
	*err = errno;
	return m;
}

/* Number of bits with a slot: get_name() is NULL from there on. */
static unsigned int slots(struct nfct_labelmap *m)
{
	unsigned int n = 0;

	while (n < 5000 && nfct_labelmap_get_name(m, n) != NULL)
		n++;
	return n;
}

#define CHECK_NAME(m, bit, want)	CHECK_STR(nfct_labelmap_get_name((m), (bit)), (want))
#define CHECK_BIT(m, name, want)	CHECK_INT(nfct_labelmap_get_bit((m), (name)), (want))

/* A file that names nothing: NULL with errno 0. */
static void check_no_labels(const char *content)
{
	int err;
	struct nfct_labelmap *m = load(file(content), &err);

	CHECK_MSG(m == NULL && err == 0, "\"%s\": map %p errno %d, want NULL 0", content,
		  (void *)m, err);
	if (m != NULL)
		nfct_labelmap_destroy(m);
}

static void test_open_errors(void)
{
	struct nfct_labelmap *m;
	int err;

	errno = 77;
	CHECK_STR(nfct_labels_get_path(), "/etc/xtables/connlabel.conf");
	CHECK_INT(errno, 77);

	m = load("/nonexistent/connlabel.conf", &err);
	CHECK(m == NULL);
	CHECK_INT(err, ENOENT);
	m = load("", &err);
	CHECK(m == NULL);
	CHECK_INT(err, ENOENT);

	/* A directory opens but reads nothing. */
	m = load(tmpdir, &err);
	CHECK(m == NULL);
	CHECK_INT(err, 0);

	/* NULL: the default file, or its absence. */
	m = load(NULL, &err);
	if (access(nfct_labels_get_path(), F_OK) != 0) {
		CHECK(m == NULL);
		CHECK_INT(err, ENOENT);
	} else if (m != NULL) {
		nfct_labelmap_destroy(m);
	}

	if (geteuid() != 0) {
		file("1 a\n");
		chmod(path, 0);
		m = load(path, &err);
		CHECK(m == NULL);
		CHECK_INT(err, EACCES);
	}
}

/* In a child with a private mount namespace and a tmpfs over /etc: NULL
 * reads the default file, whatever the directory holds. Root only. */
static int default_path_child(void)
{
	static const char text[] = "# default\n3 three\n9 nine\n";
	const char *p = nfct_labels_get_path();
	struct nfct_labelmap *m;
	FILE *f;
	int err;

	if (unshare(CLONE_NEWNS) < 0 || mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount("tmpfs", "/etc", "tmpfs", 0, "size=64k") < 0)
		return EXIT_SKIP;
	/* No directory: ENOENT. */
	m = load(NULL, &err);
	CHECK(m == NULL);
	CHECK_INT(err, ENOENT);
	if (mkdir("/etc/xtables", 0755) < 0 || (f = fopen(p, "w")) == NULL ||
	    fwrite(text, 1, sizeof(text) - 1, f) != sizeof(text) - 1 || fclose(f) != 0)
		return EXIT_HARD;
	m = load(NULL, &err);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_INT(err, 4321);
		CHECK_NAME(m, 3, "three");
		CHECK_NAME(m, 9, "nine");
		CHECK_NAME(m, 4, "");
		CHECK_BIT(m, "nine", 9);
		CHECK_INT(slots(m), 10);
		nfct_labelmap_destroy(m);
	}
	/* An empty default file: NULL, errno 0. */
	if ((f = fopen(p, "w")) == NULL || fclose(f) != 0)
		return EXIT_HARD;
	m = load(NULL, &err);
	CHECK(m == NULL);
	CHECK_INT(err, 0);
	/* Unreadable is not a question for root; a directory reads nothing. */
	if (unlink(p) < 0 || mkdir(p, 0755) < 0)
		return EXIT_HARD;
	m = load(NULL, &err);
	CHECK(m == NULL);
	CHECK_INT(err, 0);
	return check_failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

static void test_default_path(void)
{
	pid_t pid;
	int status;

	if (geteuid() != 0 || strcmp(nfct_labels_get_path(), "/etc/xtables/connlabel.conf") != 0)
		return;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return;
	if (pid == 0)
		_exit(default_path_child());
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		CHECK_MSG(false, "the default-path child did not finish");
		return;
	}
	if (WEXITSTATUS(status) == EXIT_SKIP) {
		printf("NOTE: no private mount namespace: the default path is not checked\n");
		return;
	}
	CHECK_MSG(WEXITSTATUS(status) == 0, "the default-path child failed (%d)",
		  WEXITSTATUS(status));
}

static void test_basic(void)
{
	struct nfct_labelmap *m;
	int err;

	m = load(file("# comment\n0 a\n1\tb\n5 eth0-in\n\n100 c\n127 zzz\n"), &err);
	CHECK(m != NULL);
	if (m == NULL)
		return;
	CHECK_INT(err, 4321);		/* success leaves errno alone */
	CHECK_NAME(m, 0, "a");
	CHECK_NAME(m, 1, "b");
	CHECK_NAME(m, 2, "");		/* no name, inside the map */
	CHECK_NAME(m, 5, "eth0-in");
	CHECK_NAME(m, 100, "c");
	CHECK_NAME(m, 127, "zzz");
	errno = 55;
	CHECK(nfct_labelmap_get_name(m, 128) == NULL);	/* beyond the map */
	CHECK(nfct_labelmap_get_name(m, 0xffffffff) == NULL);
	CHECK_INT(errno, 55);
	CHECK_INT(slots(m), 128);
	CHECK_BIT(m, "a", 0);
	CHECK_BIT(m, "eth0-in", 5);
	CHECK_BIT(m, "zzz", 127);
	CHECK_BIT(m, "ZZZ", -1);
	CHECK_BIT(m, "", -1);
	CHECK_BIT(m, "eth0", -1);
	CHECK_INT(errno, 55);
	nfct_labelmap_destroy(m);
}

static void test_syntax(void)
{
	struct nfct_labelmap *m;
	int err;

	/* Numbers: any base strtoul() takes, leading spaces and sign. */
	m = load(file("0x10 hex\n010 oct\n+5 plus\n  \t7 spaced\n\v9 vt\n"), &err);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_NAME(m, 16, "hex");
		CHECK_NAME(m, 8, "oct");
		CHECK_NAME(m, 5, "plus");
		CHECK_NAME(m, 7, "spaced");
		CHECK_NAME(m, 9, "vt");
		CHECK_INT(slots(m), 17);
		nfct_labelmap_destroy(m);
	}

	/* Names: spaces around are trimmed, inside they stay; no separator
	 * is needed after the number. */
	m = load(file("3   x  \n4\t\ty\t\n5 ok\r\n6 x y\n7abc name\n8 -\n9 007\n10 \vz\n"), &err);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_NAME(m, 3, "x");
		CHECK_NAME(m, 4, "y");
		CHECK_NAME(m, 5, "ok");
		CHECK_NAME(m, 6, "x y");
		CHECK_NAME(m, 7, "abc name");
		CHECK_NAME(m, 8, "-");
		CHECK_NAME(m, 9, "007");
		CHECK_NAME(m, 10, "z");
		CHECK_BIT(m, "x  ", -1);
		CHECK_BIT(m, "ok\r", -1);
		nfct_labelmap_destroy(m);
	}

	/* Only letters, digits, '-' and spaces: other lines are skipped. */
	m = load(file("1 x!y\n2 a_b\n3 a.b\n4 x\ty\n5 ok # comment\n6 \xc3\xa9t\xc3\xa9\n7 good\n"),
		 &err);
	CHECK(m != NULL);
	if (m != NULL) {
		for (unsigned int bit = 0; bit < 7; bit++)
			CHECK_NAME(m, bit, "");
		CHECK_NAME(m, 7, "good");
		CHECK_INT(slots(m), 8);
		CHECK_BIT(m, "x!y", -1);
		CHECK_BIT(m, "ok # comment", -1);
		nfct_labelmap_destroy(m);
	}

	/* The case matters, names do not clash across it. */
	m = load(file("5 A\n6 a\n"), &err);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_BIT(m, "A", 5);
		CHECK_BIT(m, "a", 6);
		nfct_labelmap_destroy(m);
	}

	/* Lines without a number or a name. */
	m = load(file("abc\n5\n6 \n# 8 no\n;x\n  # d\n7 z"), &err);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_NAME(m, 7, "z");	/* the last line needs no newline */
		CHECK_INT(slots(m), 8);
		CHECK_BIT(m, "no", -1);
		nfct_labelmap_destroy(m);
	}

	/* A NUL ends the line's text. */
	m = load(file_n("5 a\0b\n\0\n6 c\n", 12), &err);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_NAME(m, 5, "a");
		CHECK_NAME(m, 6, "c");
		nfct_labelmap_destroy(m);
	}
}

static void test_limits(void)
{
	struct nfct_labelmap *m;
	char big[2200];
	int err;

	/* Bits 0 to 1023. */
	m = load(file("1023 top\n1024 over\n0x400 hexover\n-1 neg\n2000 big\n3 low\n"), &err);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_NAME(m, 1023, "top");
		CHECK_INT(slots(m), 1024);
		CHECK_BIT(m, "over", -1);
		CHECK_BIT(m, "hexover", -1);
		CHECK_BIT(m, "neg", -1);
		CHECK_BIT(m, "big", -1);
		CHECK_BIT(m, "low", 3);
		nfct_labelmap_destroy(m);
	}

	/* The first definition of a bit or a name wins; the map ends at the
	 * highest bit accepted. */
	m = load(file("0 a\n0 b\n1 a\n5 c\n5 d\n7 d\n"), &err);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_NAME(m, 0, "a");
		CHECK_NAME(m, 1, "");
		CHECK_NAME(m, 5, "c");
		CHECK_NAME(m, 7, "d");
		CHECK_BIT(m, "a", 0);
		CHECK_BIT(m, "b", -1);
		CHECK_BIT(m, "d", 7);
		CHECK_INT(slots(m), 8);
		nfct_labelmap_destroy(m);
	}
	m = load(file("0 a\n9 a\n"), &err);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_INT(slots(m), 1);
		nfct_labelmap_destroy(m);
	}

	/* A number too large for strtoul(): the line is skipped and, as with
	 * the original, its ERANGE stays in errno on success. */
	m = load(file("99999999999999999999 a\n3 b\n"), &err);
	CHECK(m != NULL);
	CHECK_INT(err, ERANGE);
	if (m != NULL)
		nfct_labelmap_destroy(m);

	/* Lines are read 1023 bytes at a time: a longer name is cut, and
	 * what follows is read as a line of its own. */
	memset(big, 'n', sizeof(big));
	memcpy(big, "5 ", 2);
	memcpy(big + 1023, "7 split\n6 b\n", 13);
	m = load(file(big), &err);
	CHECK(m != NULL);
	if (m != NULL) {
		const char *n = nfct_labelmap_get_name(m, 5);

		CHECK(n != NULL && strlen(n) == 1021 && strspn(n, "n") == 1021);
		CHECK_NAME(m, 7, "split");
		CHECK_NAME(m, 6, "b");
		nfct_labelmap_destroy(m);
	}
}

static void test_empty(void)
{
	check_no_labels("");
	check_no_labels("\n\n\n");
	check_no_labels("# only a comment\n");
	check_no_labels("3  \n");
	check_no_labels("3 x!y\n");
	check_no_labels("2000 far\n-1 neg\n");
	check_no_labels("99999999999999999999 a\n");	/* errno 0, not ERANGE */
}

int main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return EXIT_HARD;
	}
	test_open_errors();
	test_default_path();
	test_basic();
	test_syntax();
	test_limits();
	test_empty();
	snprintf(path, sizeof(path), "%s/connlabel.conf", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	return test_done();
}
