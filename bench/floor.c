/*
 * Copyright (c) 2026 The shmtouch authors
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */

/*
 * floor: the least work "shmtouch -a" can do, as a yardstick for
 * bench/run.sh.
 *
 * floor [-u] dir
 *	For every file directly in dir named like a libc object file (64
 *	lowercase hex digits, then .shm or .sem), make the system calls a
 *	safe touch needs and nothing else: fstatat(2) without following,
 *	open(2) without following, blocking or a controlling terminal,
 *	fstat(2), futimens(2) and close(2).  With -u, make the calls of an
 *	unsafe touch: fstatat(2) and utimensat(2).
 *
 * Neither checks what it finds: the floor is the cost of the calls.
 * The exit status is 1 if any call failed, so that a broken run shows.
 */

#define _POSIX_C_SOURCE	200809L

#include <sys/types.h>
#include <sys/stat.h>

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HEXLEN	64

static int	isobjfile(const char *);
static void	usage(void);

int
main(int argc, char *argv[])
{
	struct dirent *dp;
	struct stat sb;
	DIR *dirp;
	int ch, dfd, fd, rval = 0, uflag = 0;

	while ((ch = getopt(argc, argv, "u")) != -1) {
		switch (ch) {
		case 'u':
			uflag = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage();

	if ((dfd = open(argv[0], O_RDONLY | O_DIRECTORY)) == -1)
		err(2, "%s", argv[0]);
	if ((dirp = fdopendir(dfd)) == NULL)
		err(2, "%s", argv[0]);
	while ((errno = 0, dp = readdir(dirp)) != NULL) {
		if (!isobjfile(dp->d_name))
			continue;
		if (fstatat(dfd, dp->d_name, &sb, AT_SYMLINK_NOFOLLOW) == -1) {
			rval = 1;
			continue;
		}
		if (uflag) {
			if (utimensat(dfd, dp->d_name, NULL,
			    AT_SYMLINK_NOFOLLOW) == -1)
				rval = 1;
			continue;
		}
		fd = openat(dfd, dp->d_name,
		    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
		if (fd == -1) {
			rval = 1;
			continue;
		}
		if (fstat(fd, &sb) == -1 || futimens(fd, NULL) == -1)
			rval = 1;
		close(fd);
	}
	if (errno != 0)
		err(2, "%s", argv[0]);
	closedir(dirp);
	return rval;
}

/* The filter of shmtouch: 64 lowercase hex digits, then .shm or .sem. */
static int
isobjfile(const char *s)
{
	int i;

	for (i = 0; i < HEXLEN; i++)
		if ((s[i] < '0' || s[i] > '9') && (s[i] < 'a' || s[i] > 'f'))
			return 0;
	return strcmp(s + HEXLEN, ".shm") == 0 ||
	    strcmp(s + HEXLEN, ".sem") == 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: floor [-u] dir\n");
	exit(2);
}
