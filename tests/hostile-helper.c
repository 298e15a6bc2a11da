/*
 * Test helper for tests/hostile.sh: the things a hostile user of /tmp
 * does that sh(1) cannot do by itself.
 *
 * hostile-helper listen path
 *	Bind a UNIX socket at path and listen on it.  A child process keeps
 *	it listening, for at most 120 seconds; its process ID is printed.
 *	When this command returns, the socket is listening.
 * hostile-helper lease file
 *	Open file and take a write lease on it (Linux), as its owner may,
 *	so that any other open(2) must either wait for the lease to be
 *	broken or fail at once with O_NONBLOCK.  A child process holds the
 *	lease, for at most 120 seconds; its process ID is printed.  Exits
 *	3 where leases are not supported or not allowed.
 * hostile-helper settime seconds file ...
 *	Set the access and modification times of each file, not following
 *	symbolic links, to seconds since the epoch: any 64-bit value, the
 *	file system clamps it.
 * hostile-helper garbage bytes seed
 *	Write bytes pseudo-random bytes, NUL and newline included, the same
 *	on every system for the same seed.
 * hostile-helper run seconds command [arg ...]
 *	Run command; kill it and exit 124 if it is still running after
 *	seconds, like timeout(1), which a stock OpenBSD lacks.  Otherwise
 *	exit with its status, or 128 + the signal that ended it.
 */

#if defined(__linux__)
#define _GNU_SOURCE		/* F_SETLEASE */
#elif !defined(__OpenBSD__)
#define _POSIX_C_SOURCE	200809L
#endif

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HOLD	120		/* seconds a holder lives at most */

static void	garbage(char *[]);
static void	hold(int);
static void	lease(char *[]);
static void	listensock(char *[]);
static void	onalarm(int);
static void	run(char *[]);
static void	settime(char *[]);
static void	usage(void);

static volatile sig_atomic_t timedout;

int
main(int argc, char *argv[])
{
	if (argc == 3 && strcmp(argv[1], "listen") == 0)
		listensock(argv + 2);
	else if (argc == 3 && strcmp(argv[1], "lease") == 0)
		lease(argv + 2);
	else if (argc >= 4 && strcmp(argv[1], "settime") == 0)
		settime(argv + 2);
	else if (argc == 4 && strcmp(argv[1], "garbage") == 0)
		garbage(argv + 2);
	else if (argc >= 4 && strcmp(argv[1], "run") == 0)
		run(argv + 2);
	else
		usage();
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: hostile-helper listen path\n"
	    "       hostile-helper lease file\n"
	    "       hostile-helper settime seconds file ...\n"
	    "       hostile-helper garbage bytes seed\n"
	    "       hostile-helper run seconds command [arg ...]\n");
	exit(2);
}

/*
 * Fork a child that keeps fd open until it is killed or HOLD seconds
 * pass, print its process ID and return in the parent.
 */
static void
hold(int fd)
{
	pid_t pid;
	int null;

	fflush(stdout);
	switch (pid = fork()) {
	case -1:
		err(1, "fork");
	case 0:
		/* Let the shell's $(...) see end of file at once. */
		if ((null = open("/dev/null", O_RDWR)) != -1) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		signal(SIGIO, SIG_IGN);	/* lease-break notices */
		alarm(HOLD);
		for (;;)
			pause();
	default:
		(void)fd;
		printf("%ld\n", (long)pid);
	}
}

static void
listensock(char *argv[])
{
	struct sockaddr_un sun;
	int s;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(argv[0]) >= sizeof(sun.sun_path))
		errx(1, "%s: path too long for a socket", argv[0]);
	strcpy(sun.sun_path, argv[0]);
	if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		err(1, "socket");
	if (bind(s, (struct sockaddr *)&sun, sizeof(sun)) == -1)
		err(1, "bind %s", argv[0]);
	if (listen(s, 5) == -1)
		err(1, "listen %s", argv[0]);
	hold(s);
}

static void
lease(char *argv[])
{
#ifdef F_SETLEASE
	int fd;

	if ((fd = open(argv[0], O_RDONLY | O_NOFOLLOW)) == -1)
		err(1, "%s", argv[0]);
	if (fcntl(fd, F_SETLEASE, F_WRLCK) == -1) {
		warn("F_SETLEASE %s", argv[0]);
		exit(3);
	}
	hold(fd);
#else
	warnx("%s: file leases are not supported here", argv[0]);
	exit(3);
#endif
}

static void
settime(char *argv[])
{
	struct timespec ts[2];
	long long secs;
	char *end;

	errno = 0;
	secs = strtoll(argv[0], &end, 10);
	if (*argv[0] == '\0' || *end != '\0' || errno != 0 ||
	    (time_t)secs != secs)
		errx(2, "settime: bad seconds: %s", argv[0]);
	ts[0].tv_sec = (time_t)secs;
	ts[0].tv_nsec = 0;
	ts[1] = ts[0];
	for (argv++; *argv != NULL; argv++)
		if (utimensat(AT_FDCWD, *argv, ts, AT_SYMLINK_NOFOLLOW) == -1)
			err(1, "%s", *argv);
}

static void
garbage(char *argv[])
{
	unsigned long long n;
	uint32_t x;

	n = strtoull(argv[0], NULL, 10);
	x = (uint32_t)strtoul(argv[1], NULL, 10) | 1;
	while (n-- > 0) {
		/* xorshift32: the same bytes everywhere. */
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		/* One byte in 40 a newline, so that lines stay short. */
		if (x % 40 == 0)
			putchar('\n');
		else
			putchar((int)(x >> 24));
	}
	if (fflush(stdout) == EOF)
		err(1, "stdout");
}

static void
onalarm(int sig)
{
	(void)sig;
	timedout = 1;
}

static void
run(char *argv[])
{
	struct sigaction sa;
	pid_t pid;
	long secs;
	char *end;
	int status;

	secs = strtol(argv[0], &end, 10);
	if (*argv[0] == '\0' || *end != '\0' || secs <= 0 || secs > INT_MAX)
		errx(2, "run: bad seconds: %s", argv[0]);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onalarm;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL) == -1)	/* no SA_RESTART */
		err(2, "sigaction");
	switch (pid = fork()) {
	case -1:
		err(2, "fork");
	case 0:
		execvp(argv[1], argv + 1);
		err(127, "%s", argv[1]);
	}
	alarm((unsigned)secs);
	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR)
			err(2, "waitpid");
		if (timedout) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			exit(124);
		}
	}
	if (WIFEXITED(status))
		exit(WEXITSTATUS(status));
	exit(128 + WTERMSIG(status));
}
