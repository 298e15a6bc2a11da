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
 * shmtouch: keep OpenBSD's POSIX shared memory and semaphore files in /tmp
 * from being removed by daily(8).
 *
 * shm_open(3) and sem_open(3) keep the object called name in the file
 * /tmp/<SHA-256 of name, lowercase hex>.shm (or .sem), and daily(8)
 * removes files in /tmp whose access time is older than 7 days.
 */

#include "compat.h"

#include <sys/types.h>
#include <sys/stat.h>

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sha256.h"

#define HEXLEN	(2 * SHA256_DIGEST_LENGTH)
#define OBJLEN	(HEXLEN + 4)		/* "<hex>.shm" */
#define KEEP	(7 * 86400 + 1)		/* daily(8)'s find -atime +7 */

struct obj {				/* one line of -l */
	struct timespec	 atime;
	off_t		 size;
	uid_t		 uid;
	char		 file[OBJLEN + 1];
	char		*name;		/* NULL when found by reading dir */
};

struct owner {
	uid_t		 uid;
	char		*name;
};

static void	 addobj(const char *, const char *, const struct stat *);
static void	 allobjs(DIR *);
static void	 complain(const char *, const char *, const char *);
static void	 doname(const char *);
static const char *esc(const char *);
static void	 fmtleft(char *, size_t, time_t, time_t);
static int	 isobjfile(const char *);
static void	 listname(const char *);
static void	 listobjs(void);
static void	 missing(const char *, const char *);
static const char *objcheck(const struct stat *);
static int	 objcmp(const void *, const void *);
static void	 objfile(char *, const char *, const char *, const char *);
static const char *owner(uid_t);
static void	 printpath(const char *);
static void	 readnames(FILE *, const char *);
static void	 touchname(const char *);
static void	 touchobj(const char *, const char *, const struct stat *);
static void	 usage(void);

static int	 aflag, lflag, nflag, qflag, sflag, vflag;
static int	 dfd;			/* the object directory */
static char	*dname;			/* its name, escaped, no trailing / */
static uid_t	 euid;
static int	 rval;

static struct obj *objs;		/* -l: the objects to list */
static size_t	 nobjs, maxobjs;

int
main(int argc, char *argv[])
{
	const char *dir = "/tmp", *fname = NULL;
	FILE *fp = NULL;
	DIR *dirp;
	char *p;
	int ch;

	if (pledge("stdio rpath fattr getpw unveil", NULL) == -1)
		err(2, "pledge");

	while ((ch = getopt(argc, argv, "ad:f:lnqsv")) != -1) {
		switch (ch) {
		case 'a':
			aflag = 1;
			break;
		case 'd':
			dir = optarg;
			break;
		case 'f':
			if (fname != NULL) {
				warnx("-f may be given once");
				usage();
			}
			fname = optarg;
			break;
		case 'l':
			lflag = 1;
			break;
		case 'n':
			nflag = 1;
			break;
		case 'q':
			qflag = 1;
			break;
		case 's':
			sflag = 1;
			break;
		case 'v':
			vflag = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;

	if (aflag && (lflag || sflag || fname != NULL || argc > 0)) {
		warnx("-a takes no names, -f, -l or -s");
		usage();
	}
	if (lflag && (nflag || qflag || sflag || vflag)) {
		warnx("-l takes no -n, -q, -s or -v");
		usage();
	}
	if (!aflag && !lflag && fname == NULL && argc == 0) {
		warnx("no names, -f, -a or -l: nothing to do");
		usage();
	}
	if (fname != NULL && strcmp(fname, "-") == 0) {
		fname = NULL;
		fp = stdin;
	}

	/* Time zone first: unveil would hide it from localtime(3). */
	if (lflag)
		tzset();
	if (unveil(dir, "r") == -1)
		err(2, "unveil %s", esc(dir));
	if (fname != NULL && unveil(fname, "r") == -1)
		err(2, "unveil %s", esc(fname));
	if (unveil(NULL, NULL) == -1)
		err(2, "unveil");
	if (pledge(lflag ? "stdio rpath getpw" :
	    nflag ? "stdio rpath" : "stdio rpath fattr", NULL) == -1)
		err(2, "pledge");

	if (fname != NULL && (fp = fopen(fname, "r")) == NULL)
		err(2, "%s", esc(fname));
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		err(2, "%s", esc(dir));
	if ((dname = strdup(esc(dir))) == NULL)
		err(2, NULL);
	for (p = dname + strlen(dname); p > dname && p[-1] == '/'; p--)
		p[-1] = '\0';
	euid = geteuid();

	if (aflag || (lflag && fp == NULL && argc == 0)) {
		if ((dirp = fdopendir(dfd)) == NULL)
			err(2, "%s", dname);
		allobjs(dirp);
		closedir(dirp);
	} else {
		for (; *argv != NULL; argv++)
			doname(*argv);
		if (fp != NULL) {
			readnames(fp, fname != NULL ? fname : "stdin");
			if (fp != stdin)
				fclose(fp);
		}
		close(dfd);
	}
	if (lflag)
		listobjs();

	if (fflush(stdout) == EOF)
		err(1, "stdout");
	if (ferror(stdout))
		errx(1, "stdout: write error");
	return rval;
}

/*
 * Put the file name of the object called prefix followed by name, with
 * the suffix sfx, into file, which holds OBJLEN + 1 bytes.
 */
static void
objfile(char *file, const char *prefix, const char *name, const char *sfx)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t md[SHA256_DIGEST_LENGTH];
	struct sha256 ctx;
	int i;

	sha256_init(&ctx);
	sha256_update(&ctx, prefix, strlen(prefix));
	sha256_update(&ctx, name, strlen(name));
	sha256_final(&ctx, md);
	for (i = 0; i < SHA256_DIGEST_LENGTH; i++) {
		file[2 * i] = hex[md[i] >> 4];
		file[2 * i + 1] = hex[md[i] & 0xf];
	}
	memcpy(file + HEXLEN, sfx, 5);
}

/* Is s named like a libc object file: 64 lowercase hex digits, .shm/.sem? */
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

/*
 * Return s with every byte outside printable ASCII, and the backslash,
 * written as \ooo, so that no name can drive the terminal or break a
 * message over two lines.  The result lives until the next call.
 */
static const char *
esc(const char *s)
{
	static char *buf;
	static size_t size;
	size_t need;
	char *p;
	unsigned char c;

	need = strlen(s);
	if (need > (SIZE_MAX - 1) / 4)
		errx(2, "name too long");
	need = need * 4 + 1;
	if (need > size) {
		if ((p = realloc(buf, need)) == NULL)
			err(2, NULL);
		buf = p;
		size = need;
	}
	for (p = buf; (c = (unsigned char)*s) != '\0'; s++) {
		if (c < 0x20 || c > 0x7e || c == '\\') {
			*p++ = '\\';
			*p++ = '0' + (c >> 6);
			*p++ = '0' + (c >> 3 & 7);
			*p++ = '0' + (c & 7);
		} else
			*p++ = c;
	}
	*p = '\0';
	return buf;
}

/*
 * Read names from fp, one a line.  A line's bytes are the name, less the
 * newline; empty lines and lines that begin with # are skipped.
 */
static void
readnames(FILE *fp, const char *fname)
{
	char *line = NULL;
	size_t size = 0;
	ssize_t len;
	unsigned long lineno = 0;

	while ((len = getline(&line, &size, fp)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (strlen(line) != (size_t)len) {
			rval = 1;
			if (!qflag)
				warnx("%s: line %lu: NUL byte in name",
				    esc(fname), lineno);
			continue;
		}
		if (len == 0 || line[0] == '#')
			continue;
		doname(line);
	}
	if (ferror(fp))
		err(2, "%s", esc(fname));
	free(line);
}

static void
doname(const char *name)
{
	if (lflag)
		listname(name);
	else
		touchname(name);
}

/*
 * Return why a file found without following symbolic links is no object
 * file, or NULL if it may be one.  Object files are regular files with
 * one link: anything else in their place was put there by someone else.
 */
static const char *
objcheck(const struct stat *sb)
{
	if (S_ISLNK(sb->st_mode))
		return "symbolic link, not followed";
	if (!S_ISREG(sb->st_mode))
		return "not a regular file";
	/* 0 links: unlinked since it was found; touchobj() skips it. */
	if (sb->st_nlink > 1)
		return "more than one hard link";
	return NULL;
}

/* Report a problem with file, and with name if that named it. */
static void
complain(const char *name, const char *file, const char *why)
{
	rval = 1;
	if (qflag)
		return;
	if (name == NULL)
		warnx("%s/%s: %s", dname, file, why);
	else
		warnx("%s: %s/%s: %s", esc(name), dname, file, why);
}

/*
 * Report the missing object file of name.  Python and JACK users often
 * give a name without the leading slash that the program used, or the
 * other way round, or forget -s: say so when such an object exists.
 */
static void
missing(const char *name, const char *file)
{
	char alt[OBJLEN + 1];
	struct stat sb;
	const char *e, *sfx = file + HEXLEN;

	rval = 1;
	if (qflag)
		return;
	/* The slash is printable: the other spelling escapes alike. */
	e = esc(name);
	if (name[0] == '/')
		objfile(alt, "", name + 1, sfx);
	else
		objfile(alt, "/", name, sfx);
	if (fstatat(dfd, alt, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    objcheck(&sb) == NULL) {
		warnx("%s: %s/%s: %s, but %s%s exists: %s/%s", e, dname, file,
		    strerror(ENOENT), e[0] == '/' ? "" : "/",
		    e[0] == '/' ? e + 1 : e, dname, alt);
		return;
	}
	objfile(alt, "", name, strcmp(sfx, ".shm") == 0 ? ".sem" : ".shm");
	if (fstatat(dfd, alt, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    objcheck(&sb) == NULL)
		warnx("%s: %s/%s: %s, but its %s exists: %s/%s", e, dname,
		    file, strerror(ENOENT), sflag ? "shm object" :
		    "semaphore (-s)", dname, alt);
	else
		warnx("%s: %s/%s: %s", e, dname, file, strerror(ENOENT));
}

static void
printpath(const char *file)
{
	printf("%s/%s\n", dname, file);
}

/* Touch the object called name, or with -n print its path. */
static void
touchname(const char *name)
{
	char file[OBJLEN + 1];
	struct stat sb;
	const char *why;

	objfile(file, "", name, sflag ? ".sem" : ".shm");
	if (nflag)
		printpath(file);
	if (fstatat(dfd, file, &sb, AT_SYMLINK_NOFOLLOW) == -1) {
		if (errno == ENOENT)
			missing(name, file);
		else
			complain(name, file, strerror(errno));
	} else if ((why = objcheck(&sb)) != NULL)
		complain(name, file, why);
	else if (euid != 0 && sb.st_uid != euid)
		complain(name, file, "owned by another user");
	else if (!nflag)
		touchobj(file, name, &sb);
}

/*
 * Set the times of file, which fstatat(2) found as sb, to now.
 *
 * The file is opened without following a symbolic link, without blocking
 * and without becoming a controlling terminal, then checked and touched
 * through that one descriptor, so whatever is touched is the regular file
 * that was checked.  An attacker who swaps the entry after the fstatat(2)
 * can make the open fail, or make it open a FIFO or a device that he can
 * link into the directory, which O_NONBLOCK and O_NOCTTY make harmless
 * and fstat(2) then refuses; or he can put one of his own files there,
 * whose times he may set anyway.  A victim's file reached by a hard link
 * has two links and is refused.
 */
static void
touchobj(const char *file, const char *name, const struct stat *sb)
{
	struct stat fsb;
	const char *why = NULL;
	int fd, gone = 0;

	fd = openat(dfd, file,
	    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd == -1) {
		gone = errno == ENOENT;
		why = strerror(errno);
	} else {
		if (fstat(fd, &fsb) == -1)
			why = strerror(errno);
		else if (fsb.st_dev != sb->st_dev || fsb.st_ino != sb->st_ino)
			why = "replaced while being checked";
		else if (fsb.st_nlink == 0)
			gone = 1;	/* unlinked, or renamed over */
		else if ((why = objcheck(&fsb)) == NULL &&
		    futimens(fd, NULL) == -1)
			why = strerror(errno);
		close(fd);
	}
	if (gone) {
		/* Unlinked since fstatat(2) found it: -a skips it. */
		if (name != NULL)
			missing(name, file);
	} else if (why != NULL)
		complain(name, file, why);
	else if (vflag)
		printpath(file);
}

/*
 * Touch, print (-n) or collect for listing (-l) every object file in the
 * directory.  Touching, a user other than root takes only his own files:
 * libc would refuse him the others anyway.
 */
static void
allobjs(DIR *dirp)
{
	struct dirent *dp;
	struct stat sb;
	const char *why;

	while ((errno = 0, dp = readdir(dirp)) != NULL) {
		if (!isobjfile(dp->d_name))
			continue;
		if (fstatat(dfd, dp->d_name, &sb, AT_SYMLINK_NOFOLLOW) == -1) {
			/* Unlinked by its owner since readdir(3). */
			if (errno != ENOENT)
				complain(NULL, dp->d_name, strerror(errno));
			continue;
		}
		if (!lflag && euid != 0 && sb.st_uid != euid)
			continue;
		if ((why = objcheck(&sb)) != NULL)
			complain(NULL, dp->d_name, why);
		else if (lflag)
			addobj(dp->d_name, NULL, &sb);
		else if (nflag)
			printpath(dp->d_name);
		else
			touchobj(dp->d_name, NULL, &sb);
	}
	if (errno != 0)
		err(1, "%s", dname);
}

/* Collect the shm and sem object files of name for listing. */
static void
listname(const char *name)
{
	static const char *sfx[] = { ".shm", ".sem" };
	char file[2][OBJLEN + 1];
	struct stat sb;
	const char *why;
	int i, found = 0;

	for (i = 0; i < 2; i++) {
		objfile(file[i], "", name, sfx[i]);
		if (fstatat(dfd, file[i], &sb, AT_SYMLINK_NOFOLLOW) == -1) {
			if (errno == ENOENT)
				continue;
			complain(name, file[i], strerror(errno));
		} else if ((why = objcheck(&sb)) != NULL)
			complain(name, file[i], why);
		else
			addobj(file[i], name, &sb);
		found = 1;
	}
	if (!found)
		for (i = 0; i < 2; i++)
			missing(name, file[i]);
}

static void
addobj(const char *file, const char *name, const struct stat *sb)
{
	struct obj *o;
	size_t n;

	if (nobjs == maxobjs) {
		n = maxobjs ? maxobjs * 2 : 64;
		if (n > SIZE_MAX / sizeof(*objs) ||
		    (o = realloc(objs, n * sizeof(*objs))) == NULL)
			err(2, NULL);
		objs = o;
		maxobjs = n;
	}
	o = &objs[nobjs++];
	o->atime = sb->st_atim;
	o->size = sb->st_size;
	o->uid = sb->st_uid;
	memcpy(o->file, file, sizeof(o->file));
	o->name = NULL;
	if (name != NULL && (o->name = strdup(name)) == NULL)
		err(2, NULL);
}

/* Least time left first: oldest access first, then by file name. */
static int
objcmp(const void *a, const void *b)
{
	const struct obj *x = a, *y = b;

	if (x->atime.tv_sec != y->atime.tv_sec)
		return x->atime.tv_sec < y->atime.tv_sec ? -1 : 1;
	if (x->atime.tv_nsec != y->atime.tv_nsec)
		return x->atime.tv_nsec < y->atime.tv_nsec ? -1 : 1;
	return strcmp(x->file, y->file);
}

/*
 * Write how long daily(8) leaves a file accessed at atime: its
 * find -atime +7 becomes true once now - atime >= 7 days + 1 second.
 * Hours are rounded down, so the time left is never overstated.
 */
static void
fmtleft(char *buf, size_t size, time_t atime, time_t now)
{
	long long left;

	if (atime <= now - KEEP)
		snprintf(buf, size, "due");
	else {
		left = (long long)atime - (now - KEEP);
		snprintf(buf, size, "%lldd%lldh", left / 86400,
		    left % 86400 / 3600);
	}
}

/* Return the name of user uid, or uid as a number; look each up once. */
static const char *
owner(uid_t uid)
{
	static struct owner *cache;
	static size_t ncache;
	struct passwd *pw;
	struct owner *o;
	char buf[32];
	size_t i;

	for (i = 0; i < ncache; i++)
		if (cache[i].uid == uid)
			return cache[i].name;
	if ((o = realloc(cache, (ncache + 1) * sizeof(*cache))) == NULL)
		err(2, NULL);
	cache = o;
	o = &cache[ncache];
	if ((pw = getpwuid(uid)) != NULL)
		o->name = strdup(pw->pw_name);
	else {
		snprintf(buf, sizeof(buf), "%lu", (unsigned long)uid);
		o->name = strdup(buf);
	}
	if (o->name == NULL)
		err(2, NULL);
	o->uid = uid;
	ncache++;
	return o->name;
}

static void
listobjs(void)
{
	char left[32], when[32], size[32];
	struct tm tm;
	time_t now = time(NULL);
	size_t i;
	int n, ow = 5, sw = 4, lw = 5;

	/* With no objects objs is NULL, which qsort(3) must not be given. */
	if (nobjs > 0)
		qsort(objs, nobjs, sizeof(*objs), objcmp);
	for (i = 0; i < nobjs; i++) {
		if ((n = strlen(esc(owner(objs[i].uid)))) > ow)
			ow = n;
		if ((n = snprintf(size, sizeof(size), "%lld",
		    (long long)objs[i].size)) > sw)
			sw = n;
		fmtleft(left, sizeof(left), objs[i].atime.tv_sec, now);
		if ((n = strlen(left)) > lw)
			lw = n;
	}

	printf("TYPE %-*s %*s %-16s %-*s PATH NAME\n", ow, "OWNER", sw, "SIZE",
	    "ACCESSED", lw, "LEFT");
	for (i = 0; i < nobjs; i++) {
		/* Keep two words of 16 bytes, whatever time was set. */
		if (localtime_r(&objs[i].atime.tv_sec, &tm) == NULL ||
		    strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm) != 16)
			snprintf(when, sizeof(when), "---------- --:--");
		fmtleft(left, sizeof(left), objs[i].atime.tv_sec, now);
		printf("%-4s %-*s %*lld %-16s %-*s %s/%s ",
		    objs[i].file + HEXLEN + 1, ow, esc(owner(objs[i].uid)), sw,
		    (long long)objs[i].size, when, lw, left, dname, objs[i].file);
		printf("%s\n", objs[i].name ? esc(objs[i].name) : "-");
		free(objs[i].name);
	}
	free(objs);
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: shmtouch [-nqsv] [-d dir] [-f file] [name ...]\n"
	    "       shmtouch [-nqv] [-d dir] -a\n"
	    "       shmtouch -l [-d dir] [-f file] [name ...]\n");
	exit(2);
}
