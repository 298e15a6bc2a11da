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
 * rss: time one command and report its peak memory, for bench/run.sh.
 *
 * rss command [arg ...]
 *	Run command with standard output on /dev/null, wait for it, and
 *	print one line: the wall-clock time in microseconds, the peak
 *	resident set size in KiB, the exit status, and the user and
 *	system CPU time in microseconds.
 *
 * The clock (CLOCK_MONOTONIC) runs from just before the spawn to just
 * after the wait, so no shell start-up is counted.  posix_spawnp(3)
 * rather than fork(2): glibc spawns without copying this process's
 * memory, so the child's peak RSS is the command's alone.  The peak
 * comes from getrusage(RUSAGE_CHILDREN), exact here because there is
 * only ever one child.
 */

#define _POSIX_C_SOURCE	200809L

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long	usec(const struct timeval *);

int
main(int argc, char *argv[])
{
	posix_spawn_file_actions_t fa;
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	long long us;
	int e, status;

	if (argc < 2) {
		fprintf(stderr, "usage: rss command [arg ...]\n");
		return 2;
	}
	if ((e = posix_spawn_file_actions_init(&fa)) != 0 ||
	    (e = posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO,
	    "/dev/null", O_WRONLY, 0)) != 0) {
		errno = e;
		err(2, "posix_spawn_file_actions");
	}

	if (clock_gettime(CLOCK_MONOTONIC, &t0) == -1)
		err(2, "clock_gettime");
	if ((e = posix_spawnp(&pid, argv[1], &fa, NULL, argv + 1,
	    environ)) != 0) {
		errno = e;
		err(2, "%s", argv[1]);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			err(2, "waitpid");
	if (clock_gettime(CLOCK_MONOTONIC, &t1) == -1)
		err(2, "clock_gettime");
	if (getrusage(RUSAGE_CHILDREN, &ru) == -1)
		err(2, "getrusage");

	us = (long long)(t1.tv_sec - t0.tv_sec) * 1000000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000;
	printf("%lld %ld %d %lld %lld\n", us, (long)ru.ru_maxrss,
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
	    usec(&ru.ru_utime), usec(&ru.ru_stime));
	return 0;
}

static long long
usec(const struct timeval *tv)
{
	return (long long)tv->tv_sec * 1000000 + tv->tv_usec;
}
