/*
 * libFuzzer harness for readnames(), the -f names-file reader of
 * shmtouch.c, and all it calls: doname(), touchname(), listname(),
 * objfile(), missing(), complain(), esc(), printpath(), and for -l
 * addobj() and listobjs().
 *
 * shmtouch.c is included whole, with its main() renamed, so that its
 * static functions can be called.  Input: one flag byte, then the names
 * file, read through fmemopen(3).  Flag bits 0-1 choose the mode (0, 1:
 * -n; 2: -l; 3: touch with -v), bit 2 sets -s, bit 3 -q.
 *
 * The object directory is a scratch directory that holds objects of
 * every kind shmtouch must tell apart (regular files, a symbolic link,
 * a directory, a file with two links, a FIFO), so that the fuzzer can
 * reach every branch by finding their names (the seed corpus has them).
 * Nothing there is outside the scratch directory: touching is harmless.
 *
 * Standard output goes to a scratch file, which is read back after each
 * input and compared with what the input must give, worked out here
 * independently: the lines as getline(3) splits them, less the newline;
 * a line holding a NUL is refused; empty lines and # lines are skipped;
 * every other line is a name, mapped with the one-shot sha256().  The
 * exit status shmtouch would give is checked as well.
 */

#define main shmtouch_main
#include "../shmtouch.c"
#undef main

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

enum kind { REG, LNK, DIRECTORY, HARD, FIFO };

static const struct fobj {
	const char	*name;
	const char	*sfx;
	enum kind	 kind;
} fobjs[] = {
	{ "a",		".shm",	REG },
	{ "a",		".sem",	REG },
	{ "/b",		".shm",	REG },
	{ "sym",	".shm",	LNK },
	{ "dir",	".sem",	DIRECTORY },
	{ "hard",	".shm",	HARD },
	{ "fifo",	".shm",	FIFO },
	{ "fifo",	".sem",	REG },
	{ "semonly",	".sem",	REG },	/* missing() hints at -s */
};
#define NFOBJS	(sizeof(fobjs) / sizeof(fobjs[0]))

static char	 base[900];		/* scratch: base/d, base/out, base/x */
static char	 ddir[1000], outfile[1000], xfile[1000];
static char	 fobjfile[NFOBJS][OBJLEN + 1];
#ifdef __GLIBC__
static FILE	*devnull;
#endif

static void
mapname(char *file, const char *name, size_t len, const char *sfx)
{
	uint8_t md[SHA256_DIGEST_LENGTH];
	size_t i;

	sha256(name, len, md);
	for (i = 0; i < SHA256_DIGEST_LENGTH; i++)
		snprintf(file + 2 * i, 3, "%02x", md[i]);
	snprintf(file + HEXLEN, 5, "%s", sfx);
}

/* Is file in the scratch directory, and is it a regular object there? */
static int
lookup(const char *file, int *good)
{
	size_t i;

	for (i = 0; i < NFOBJS; i++)
		if (strcmp(file, fobjfile[i]) == 0) {
			*good = fobjs[i].kind == REG;
			return 1;
		}
	*good = 0;
	return 0;
}

static void
cleanup(void)
{
	size_t i;
	char path[2000];

	for (i = 0; i < NFOBJS; i++) {
		snprintf(path, sizeof(path), "%s/%s", ddir, fobjfile[i]);
		if (fobjs[i].kind == DIRECTORY)
			rmdir(path);
		else
			unlink(path);
	}
	rmdir(ddir);
	unlink(outfile);
	unlink(xfile);
	rmdir(base);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp;
	char path[2000];
	size_t i;
	int fd;

	(void)argc;
	(void)argv;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0' ||
	    strlen(tmp) > 800)
		tmp = "/tmp";
	snprintf(base, sizeof(base), "%s/shmtouch-fuzz.XXXXXX", tmp);
	if (mkdtemp(base) == NULL)
		err(1, "mkdtemp %s", base);
	snprintf(ddir, sizeof(ddir), "%s/d", base);
	snprintf(outfile, sizeof(outfile), "%s/out", base);
	snprintf(xfile, sizeof(xfile), "%s/x", base);
	if (mkdir(ddir, 0700) == -1)
		err(1, "%s", ddir);
	if ((fd = open(xfile, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1)
		err(1, "%s", xfile);
	close(fd);
	atexit(cleanup);

	for (i = 0; i < NFOBJS; i++) {
		mapname(fobjfile[i], fobjs[i].name, strlen(fobjs[i].name),
		    fobjs[i].sfx);
		snprintf(path, sizeof(path), "%s/%s", ddir, fobjfile[i]);
		switch (fobjs[i].kind) {
		case REG:
			if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL,
			    0600)) == -1)
				err(1, "%s", path);
			close(fd);
			break;
		case LNK:
			/* Dangling on purpose: it is never to be followed. */
			if (symlink("no-such-target", path) == -1)
				err(1, "%s", path);
			break;
		case DIRECTORY:
			if (mkdir(path, 0700) == -1)
				err(1, "%s", path);
			break;
		case HARD:
			if (link(xfile, path) == -1)
				err(1, "%s", path);
			break;
		case FIFO:
			if (mkfifo(path, 0600) == -1)
				err(1, "%s", path);
			break;
		}
	}

	if ((dfd = open(ddir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		err(1, "%s", ddir);
	if ((dname = strdup(ddir)) == NULL)
		err(1, NULL);
	euid = geteuid();
	if (freopen(outfile, "w+", stdout) == NULL)
		err(1, "%s", outfile);
#ifdef __GLIBC__
	/* glibc's warnx(3) writes to the stream stderr points to. */
	if ((devnull = fopen("/dev/null", "w")) == NULL)
		err(1, "/dev/null");
#endif
	return 0;
}

/* Append to *buf, growing it. */
static void
append(char **buf, size_t *len, size_t *size, const char *s)
{
	size_t n = strlen(s);

	if (*len + n + 1 > *size) {
		*size = (*len + n + 1) * 2;
		if ((*buf = realloc(*buf, *size)) == NULL)
			abort();
	}
	memcpy(*buf + *len, s, n + 1);
	*len += n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char file[OBJLEN + 1], file2[OBJLEN + 1];
	char *want = NULL, *got;
	const char *line, *end, *nl;
	size_t wlen = 0, wsize = 0, llen, nlist = 0;
	int mode, wrval = 0, good, good2, found, found2;
	struct stat sb;
	FILE *fp;
	ssize_t n;
#ifdef __GLIBC__
	FILE *olderr = stderr;
#endif

	if (size < 1)
		return 0;
	mode = data[0] & 3;
	aflag = lflag = nflag = qflag = sflag = vflag = 0;
	if (mode < 2)
		nflag = 1;
	else if (mode == 2)
		lflag = 1;
	else
		vflag = 1;
	sflag = data[0] >> 2 & 1;
	qflag = data[0] >> 3 & 1;
#ifndef __GLIBC__
	qflag = 1;			/* keep the fuzzer's stderr readable */
#endif
	if (lflag)
		sflag = 0;
	rval = 0;
	data++;
	size--;

	/* What the input must give. */
	append(&want, &wlen, &wsize, "");
	for (line = (const char *)data, end = line + size; line < end;
	    line = nl) {
		nl = memchr(line, '\n', (size_t)(end - line));
		nl = nl != NULL ? nl + 1 : end;
		llen = (size_t)(nl - line);
		if (line[llen - 1] == '\n')
			llen--;
		if (memchr(line, '\0', llen) != NULL) {
			wrval = 1;
			continue;
		}
		if (llen == 0 || line[0] == '#')
			continue;
		if (lflag) {
			mapname(file, line, llen, ".shm");
			mapname(file2, line, llen, ".sem");
			found = lookup(file, &good);
			found2 = lookup(file2, &good2);
			nlist += good + good2;
			if ((!found && !found2) || (found && !good) ||
			    (found2 && !good2))
				wrval = 1;
			continue;
		}
		mapname(file, line, llen, sflag ? ".sem" : ".shm");
		lookup(file, &good);
		if (!good)
			wrval = 1;
		if (nflag || good) {
			append(&want, &wlen, &wsize, ddir);
			append(&want, &wlen, &wsize, "/");
			append(&want, &wlen, &wsize, file);
			append(&want, &wlen, &wsize, "\n");
		}
	}

	/* What it gives. */
	if (fflush(stdout) == EOF || ftruncate(fileno(stdout), 0) == -1)
		err(1, "%s", outfile);
	rewind(stdout);
	if ((fp = fmemopen((void *)data, size, "r")) == NULL) {
		if (size == 0)		/* older fmemopen(3) refuse size 0 */
			goto out;
		err(1, "fmemopen");
	}
#ifdef __GLIBC__
	stderr = devnull;
#endif
	readnames(fp, "fuzz\nnames\033[2J");
	if (lflag) {
		listobjs();
		objs = NULL;
		nobjs = maxobjs = 0;
	}
#ifdef __GLIBC__
	stderr = olderr;
#endif
	fclose(fp);
	if (fflush(stdout) == EOF || fstat(fileno(stdout), &sb) == -1)
		err(1, "%s", outfile);
	if ((got = malloc((size_t)sb.st_size + 1)) == NULL)
		abort();
	if ((n = pread(fileno(stdout), got, (size_t)sb.st_size, 0)) !=
	    sb.st_size)
		err(1, "%s", outfile);
	got[n] = '\0';
	if (rval != wrval)
		abort();
	if (lflag) {
		/* The header, then one line per regular object named. */
		for (llen = 0, line = got; (line = strchr(line, '\n')) != NULL;
		    line++)
			llen++;
		if (llen != nlist + 1 || (size_t)n != strlen(got))
			abort();
	} else if ((size_t)n != wlen || memcmp(got, want, wlen) != 0)
		abort();
	free(got);
out:
	free(want);
	return 0;
}
