/*
 * Test helper for shmtouch.
 *
 * helper mkobj [-s] dir name ...
 *	Create the shm (or with -s sem) object file of each name in dir the
 *	way OpenBSD's libc does: O_CREAT | O_EXCL | O_NOFOLLOW, mode 0600,
 *	and for a semaphore a size of one page.  On OpenBSD, with dir /tmp,
 *	call the real shm_open(3) and sem_open(3).
 * helper age seconds file ...
 *	Set the access and modification times of each file, not following
 *	symbolic links, to that many seconds ago.
 * helper names count seed
 *	Print count random names, one a line: 1 to 64 random bytes, none of
 *	them NUL or newline, not starting with #.
 */

#include "../compat.h"

#include <sys/types.h>
#include <sys/stat.h>

#include <err.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef __OpenBSD__
#include <sys/mman.h>
#include <semaphore.h>
#endif

#include "../sha256.h"

static void	age(int, char *[]);
static void	mkobj(int, char *[]);
static void	names(int, char *[]);

int
main(int argc, char *argv[])
{
	if (argc >= 2 && strcmp(argv[1], "mkobj") == 0)
		mkobj(argc - 1, argv + 1);
	else if (argc >= 3 && strcmp(argv[1], "age") == 0)
		age(argc - 1, argv + 1);
	else if (argc == 4 && strcmp(argv[1], "names") == 0)
		names(argc - 1, argv + 1);
	else {
		fprintf(stderr, "usage: helper mkobj [-s] dir name ...\n"
		    "       helper age seconds file ...\n"
		    "       helper names count seed\n");
		return 2;
	}
	return 0;
}

static void
mkobj(int argc, char *argv[])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t md[SHA256_DIGEST_LENGTH];
	char path[PATH_MAX], file[2 * SHA256_DIGEST_LENGTH + 1];
	const char *dir;
	int fd, i, sem = 0;

	if (argc > 1 && strcmp(argv[1], "-s") == 0) {
		sem = 1;
		argc--;
		argv++;
	}
	if (argc < 3)
		errx(2, "mkobj: dir and name needed");
	dir = argv[1];
	for (argv += 2; *argv != NULL; argv++) {
#ifdef __OpenBSD__
		if (strcmp(dir, "/tmp") == 0) {
			sem_t *s;

			if (sem) {
				s = sem_open(*argv, O_CREAT | O_EXCL, 0600, 0);
				if (s == SEM_FAILED)
					err(1, "sem_open %s", *argv);
				sem_close(s);
			} else {
				fd = shm_open(*argv, O_RDWR | O_CREAT | O_EXCL,
				    0600);
				if (fd == -1)
					err(1, "shm_open %s", *argv);
				close(fd);
			}
			continue;
		}
#endif
		sha256(*argv, strlen(*argv), md);
		for (i = 0; i < SHA256_DIGEST_LENGTH; i++) {
			file[2 * i] = hex[md[i] >> 4];
			file[2 * i + 1] = hex[md[i] & 0xf];
		}
		file[2 * i] = '\0';
		snprintf(path, sizeof(path), "%s/%s.%s", dir, file,
		    sem ? "sem" : "shm");
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd == -1)
			err(1, "%s", path);
		if (sem && ftruncate(fd, sysconf(_SC_PAGESIZE)) == -1)
			err(1, "%s", path);
		close(fd);
	}
}

static void
age(int argc, char *argv[])
{
	struct timespec ts[2];
	long secs;
	char *end;

	(void)argc;
	secs = strtol(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0')
		errx(2, "age: bad seconds: %s", argv[1]);
	ts[0].tv_sec = time(NULL) - secs;
	ts[0].tv_nsec = 0;
	ts[1] = ts[0];
	for (argv += 2; *argv != NULL; argv++)
		if (utimensat(AT_FDCWD, *argv, ts, AT_SYMLINK_NOFOLLOW) == -1)
			err(1, "%s", *argv);
}

static void
names(int argc, char *argv[])
{
	long count, i;
	int c, j, len;

	(void)argc;
	count = strtol(argv[1], NULL, 10);
	srand((unsigned)strtoul(argv[2], NULL, 10));
	for (i = 0; i < count; i++) {
		len = 1 + rand() % 64;
		for (j = 0; j < len; j++) {
			do
				c = 1 + rand() % 255;
			while (c == '\n' || (j == 0 && c == '#'));
			putchar(c);
		}
		putchar('\n');
	}
}
