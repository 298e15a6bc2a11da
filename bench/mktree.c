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
 * mktree: build and age the /tmp-like directories of bench/run.sh.
 *
 * Name i is "/psm_XXXXXXXX", as Python's multiprocessing.shared_memory
 * names them, with X the hex of i scrambled.  Object i is the object
 * file of name i: .sem when i % 10 is 9, .shm otherwise.
 *
 * mktree names n
 *	Print names 0 to n - 1, one a line.
 * mktree files n
 *	Print the file names of objects 0 to n - 1, one a line.
 * mktree objs dir n
 *	Create objects 0 to n - 1 in dir as libc does: O_CREAT | O_EXCL |
 *	O_NOFOLLOW, mode 0600, and a semaphore one page long.
 * mktree plain dir first count
 *	Create count ordinary files in dir, numbered from first: mostly
 *	mktemp(1)-like names, a tenth of them 64 hex digits then ".tmp" or
 *	".SHM", so that the name filter sees decoys too.
 * mktree age dir n days
 *	Set the times of objects 0 to n - 1 in dir to days ago.
 */

#define _POSIX_C_SOURCE	200809L

#include <sys/types.h>
#include <sys/stat.h>

#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../sha256.h"

#define HEXLEN	(2 * SHA256_DIGEST_LENGTH)
#define NAMELEN	32

static void		 age(const char *, long, long);
static void		 hexhash(char *, const char *);
static void		 name(char *, long);
static void		 objfile(char *, long);
static void		 objs(const char *, long);
static int		 opendir_fd(const char *);
static void		 plain(const char *, long, long);
static unsigned long	 scramble(long);
static void		 usage(void);

int
main(int argc, char *argv[])
{
	char buf[HEXLEN + 6];
	long i, n;

	if (argc == 3 && strcmp(argv[1], "names") == 0) {
		n = atol(argv[2]);
		for (i = 0; i < n; i++) {
			name(buf, i);
			puts(buf);
		}
	} else if (argc == 3 && strcmp(argv[1], "files") == 0) {
		n = atol(argv[2]);
		for (i = 0; i < n; i++) {
			objfile(buf, i);
			puts(buf);
		}
	} else if (argc == 4 && strcmp(argv[1], "objs") == 0)
		objs(argv[2], atol(argv[3]));
	else if (argc == 5 && strcmp(argv[1], "plain") == 0)
		plain(argv[2], atol(argv[3]), atol(argv[4]));
	else if (argc == 5 && strcmp(argv[1], "age") == 0)
		age(argv[2], atol(argv[3]), atol(argv[4]));
	else
		usage();
	if (fflush(stdout) == EOF)
		err(1, "stdout");
	return 0;
}

/* A bijection on 32-bit values, so that distinct i give distinct names. */
static unsigned long
scramble(long i)
{
	return ((unsigned long)i * 2654435761UL) & 0xffffffffUL;
}

static void
name(char *buf, long i)
{
	snprintf(buf, NAMELEN, "/psm_%08lx", scramble(i));
}

static void
hexhash(char *buf, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t md[SHA256_DIGEST_LENGTH];
	int j;

	sha256(s, strlen(s), md);
	for (j = 0; j < SHA256_DIGEST_LENGTH; j++) {
		buf[2 * j] = hex[md[j] >> 4];
		buf[2 * j + 1] = hex[md[j] & 0xf];
	}
	buf[HEXLEN] = '\0';
}

/* buf holds HEXLEN + 5 bytes. */
static void
objfile(char *buf, long i)
{
	char n[NAMELEN];

	name(n, i);
	hexhash(buf, n);
	memcpy(buf + HEXLEN, i % 10 == 9 ? ".sem" : ".shm", 5);
}

static int
opendir_fd(const char *dir)
{
	int dfd;

	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) == -1)
		err(1, "%s", dir);
	return dfd;
}

static void
objs(const char *dir, long n)
{
	char file[HEXLEN + 5];
	long i;
	int dfd, fd;

	dfd = opendir_fd(dir);
	for (i = 0; i < n; i++) {
		objfile(file, i);
		fd = openat(dfd, file, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW,
		    0600);
		if (fd == -1)
			err(1, "%s/%s", dir, file);
		if (i % 10 == 9 && ftruncate(fd, 4096) == -1)
			err(1, "%s/%s", dir, file);
		close(fd);
	}
	close(dfd);
}

static void
plain(const char *dir, long first, long count)
{
	static const char b62[] =
	    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	char file[HEXLEN + 16], tag[16], seed[32];
	unsigned long x;
	long i;
	int dfd, fd, j;

	dfd = opendir_fd(dir);
	for (i = first; i < first + count; i++) {
		/* Six base-62 digits hold any 32-bit x: names stay distinct. */
		x = scramble(i);
		for (j = 0; j < 6; j++, x /= 62)
			tag[j] = b62[x % 62];
		tag[j] = '\0';
		switch (i % 10) {
		case 6:
		case 7:
			snprintf(file, sizeof(file), "sess_%sq4m1k9d2vb7xw0",
			    tag);
			break;
		case 8:
			snprintf(file, sizeof(file), "ssh-%sPz0Q", tag);
			break;
		case 9:
			snprintf(seed, sizeof(seed), "plain%ld", i);
			hexhash(file, seed);
			memcpy(file + HEXLEN, i % 20 == 9 ? ".tmp" : ".SHM", 5);
			break;
		default:
			snprintf(file, sizeof(file), "tmp.%sXa4Z", tag);
			break;
		}
		fd = openat(dfd, file, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd == -1)
			err(1, "%s/%s", dir, file);
		close(fd);
	}
	close(dfd);
}

static void
age(const char *dir, long n, long days)
{
	struct timespec ts[2];
	char file[HEXLEN + 5];
	long i;
	int dfd;

	if (clock_gettime(CLOCK_REALTIME, &ts[0]) == -1)
		err(1, "clock_gettime");
	ts[0].tv_sec -= days * 86400;
	ts[1] = ts[0];
	dfd = opendir_fd(dir);
	for (i = 0; i < n; i++) {
		objfile(file, i);
		if (utimensat(dfd, file, ts, AT_SYMLINK_NOFOLLOW) == -1)
			err(1, "%s/%s", dir, file);
	}
	close(dfd);
}

static void
usage(void)
{
	fprintf(stderr, "usage: mktree names n\n"
	    "       mktree files n\n"
	    "       mktree objs dir n\n"
	    "       mktree plain dir first count\n"
	    "       mktree age dir n days\n");
	exit(2);
}
