/*
 * Kernel test helpers: private network namespaces and sysctls.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "kernel.h"

int test_sysctl(const char *name, const char *value)
{
	char path[256];
	size_t n = (size_t)snprintf(path, sizeof(path), "/proc/sys/%s", name);

	if (n >= sizeof(path))
		return -1;
	for (char *p = path + strlen("/proc/sys/"); *p; p++)
		if (*p == '.')
			*p = '/';
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return -1;
	ssize_t w = write(fd, value, strlen(value));

	close(fd);
	return w == (ssize_t)strlen(value) ? 0 : -1;
}

static void loopback_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
}

void test_enter_netns(void)
{
	if (geteuid() != 0) {
		printf("SKIP: needs root for a private network namespace\n");
		exit(EXIT_SKIP);
	}
	if (unshare(CLONE_NEWNET) < 0) {
		printf("SKIP: unshare(CLONE_NEWNET): %s\n", strerror(errno));
		exit(EXIT_SKIP);
	}
	loopback_up();
	test_sysctl("net.netfilter.nf_conntrack_acct", "1");
	test_sysctl("net.netfilter.nf_conntrack_timestamp", "1");
}

int test_run(const char *fmt, ...)
{
	char *cmd;
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vasprintf(&cmd, fmt, ap);
	va_end(ap);
	if (ret < 0)
		return -1;
	ret = system(cmd);
	free(cmd);
	if (ret < 0 || !WIFEXITED(ret))
		return -1;
	return WEXITSTATUS(ret);
}
