/*
 * The attacker of tests/race.sh.
 *
 * race-attacker mode dir object victim seconds
 *	In dir, keep swapping the entry object between a fresh regular file
 *	(one link, the attacker's own) and a trap, each put in place with
 *	rename(2) over object, in a tight loop:
 *	    symlink	a symbolic link to victim;
 *	    hardlink	a hard link to victim (same file system as dir);
 *	    fifo	a FIFO, which must never make shmtouch block.
 *	Stop after seconds, or at SIGTERM or SIGINT, whichever comes
 *	first, and print the number of swaps.  In fifo mode, also print
 *	how often the FIFO just put in place was found open by a reader
 *	(a writer's non-blocking open succeeded): shmtouch opening it in
 *	the window between its check and its open.  The work files are
 *	dir's .race-reg and .race-trap, which are not named like objects.
 */

#include "../compat.h"

#include <sys/types.h>
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void	onsig(int);
static void	usage(void);

static volatile sig_atomic_t stop;

int
main(int argc, char *argv[])
{
	struct sigaction sa;
	struct timespec start, now;
	const char *mode, *obj, *victim;
	unsigned long long swaps = 0, opened = 0;
	long secs;
	char *end;
	int dfd, fd, kind;

	if (argc != 6)
		usage();
	mode = argv[1];
	obj = argv[3];
	victim = argv[4];
	if (strcmp(mode, "symlink") == 0)
		kind = 0;
	else if (strcmp(mode, "hardlink") == 0)
		kind = 1;
	else if (strcmp(mode, "fifo") == 0)
		kind = 2;
	else
		usage();
	secs = strtol(argv[5], &end, 10);
	if (*argv[5] == '\0' || *end != '\0' || secs <= 0 || secs > 3600)
		errx(2, "bad seconds: %s", argv[5]);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onsig;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) == -1 ||
	    sigaction(SIGINT, &sa, NULL) == -1)
		err(2, "sigaction");

	if ((dfd = open(argv[2], O_RDONLY | O_DIRECTORY)) == -1)
		err(2, "%s", argv[2]);
	unlinkat(dfd, ".race-reg", 0);
	unlinkat(dfd, ".race-trap", 0);
	if (clock_gettime(CLOCK_MONOTONIC, &start) == -1)
		err(2, "clock_gettime");

	while (!stop) {
		/* Check the clock now and then only: keep the loop tight. */
		if (swaps % 256 == 0) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec - start.tv_sec >= secs)
				break;
		}

		fd = openat(dfd, ".race-reg",
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
		if (fd == -1)
			err(1, ".race-reg");
		close(fd);
		if (renameat(dfd, ".race-reg", dfd, obj) == -1)
			err(1, "rename .race-reg %s", obj);
		swaps++;

		switch (kind) {
		case 0:
			if (symlinkat(victim, dfd, ".race-trap") == -1)
				err(1, "symlink %s", victim);
			break;
		case 1:
			if (linkat(AT_FDCWD, victim, dfd, ".race-trap", 0) == -1)
				err(1, "link %s", victim);
			break;
		case 2:
			if (mkfifoat(dfd, ".race-trap", 0600) == -1)
				err(1, "mkfifo .race-trap");
			break;
		}
		if (renameat(dfd, ".race-trap", dfd, obj) == -1)
			err(1, "rename .race-trap %s", obj);
		swaps++;
		if (kind == 2 && (fd = openat(dfd, obj,
		    O_WRONLY | O_NONBLOCK | O_NOFOLLOW)) != -1) {
			opened++;
			close(fd);
		}
	}
	printf("%llu\n", swaps);
	if (kind == 2)
		printf("%llu\n", opened);
	return 0;
}

static void
onsig(int sig)
{
	(void)sig;
	stop = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: race-attacker symlink|hardlink|fifo "
	    "dir object victim seconds\n");
	exit(2);
}
