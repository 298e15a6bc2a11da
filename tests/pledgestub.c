/*
 * A stand-in for OpenBSD's pledge(2) and unveil(2), linked into a test
 * build of shmtouch (make tests/shmtouch-pledge, with -DPLEDGE_STUB).
 * Every call is appended to the file named by $PLEDGE_LOG, one line each,
 * and so are the open(2) and fopen(3) calls that shmtouch makes itself,
 * so that the test sees the order: promises and unveils before the
 * directory or the names file is opened.
 *
 * Like the kernel, it refuses unveil(2) once unveil(NULL, NULL) has
 * locked it, and a pledge(2) that asks for a promise not held before.
 */

#include "../compat.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void	logcall(const char *, const char *, const char *);

static int	locked;
static char	held[256];		/* the promises, space-separated */

static void
logcall(const char *call, const char *a, const char *b)
{
	const char *path = getenv("PLEDGE_LOG");
	char line[4096];
	int fd, n;

	if (path == NULL)
		return;
	n = snprintf(line, sizeof(line), "%s %s %s\n", call,
	    a ? a : "NULL", b ? b : "NULL");
	if (n < 0 || (size_t)n >= sizeof(line))
		abort();
	/* openat(2), not open(2): this file's open() logs. */
	if ((fd = openat(AT_FDCWD, path, O_WRONLY | O_APPEND | O_CREAT,
	    0644)) == -1 || write(fd, line, n) != n)
		abort();
	close(fd);
}

int
pledge(const char *promises, const char *execpromises)
{
	char buf[256], have[258], want[258], *p, *word;

	logcall("pledge", promises, execpromises);
	if (promises == NULL)
		return 0;
	if (strlen(promises) >= sizeof(buf))
		abort();
	if (held[0] != '\0') {
		snprintf(have, sizeof(have), " %s ", held);
		strcpy(buf, promises);
		for (p = buf; (word = strtok(p, " ")) != NULL; p = NULL) {
			snprintf(want, sizeof(want), " %s ", word);
			if (strstr(have, want) == NULL) {
				errno = EPERM;
				return -1;
			}
		}
	}
	strcpy(held, promises);
	return 0;
}

int
unveil(const char *path, const char *permissions)
{
	logcall("unveil", path, permissions);
	if (locked) {
		errno = EPERM;
		return -1;
	}
	if (path == NULL && permissions == NULL)
		locked = 1;
	return 0;
}

int
open(const char *path, int flags, ...)
{
	va_list ap;
	int mode = 0;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	logcall("open", path, NULL);
	return openat(AT_FDCWD, path, flags, mode);
}

FILE *
fopen(const char *path, const char *mode)
{
	int fd;

	logcall("fopen", path, mode);
	if (strcmp(mode, "r") != 0)
		abort();
	if ((fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	return fdopen(fd, mode);
}
