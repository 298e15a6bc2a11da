/*
 * Unit tests of shmtouch's own functions, which are static: the file is
 * included whole, its main() renamed out of the way.
 *
 * Prints one line per failure and a count; exits 1 on any failure.
 */

#define main shmtouch_main
#include "../shmtouch.c"
#undef main

static int	failed, passed;

static void
expect(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want) == 0)
		passed++;
	else {
		printf("FAIL: %s: '%s' != '%s'\n", what, got, want);
		failed++;
	}
}

int
main(void)
{
	/* now - atime, and LEFT: due once now - atime >= 7 days + 1 s. */
	static const struct {
		long long	 ago;
		const char	*want;
	} lefts[] = {
		{ 0, "7d0h" },
		{ 1, "7d0h" },
		{ 2, "6d23h" },
		{ 3601, "6d23h" },
		{ 3602, "6d22h" },
		{ 7 * 86400 - 3599, "0d1h" },
		{ 7 * 86400 - 3598, "0d0h" },
		{ 7 * 86400, "0d0h" },
		{ 7 * 86400 + 1, "due" },
		{ 30 * 86400, "due" },
		{ -86400, "8d0h" },
	};
	static const struct {
		const char	*name;
		int		 isobj;
	} files[] = {
		{ "18ca178dd6b1e2df015578e1fa3cf5aeadf009711715415b1a812aee1646b78d.shm", 1 },
		{ "18ca178dd6b1e2df015578e1fa3cf5aeadf009711715415b1a812aee1646b78d.sem", 1 },
		{ "18CA178DD6B1E2DF015578E1FA3CF5AEADF009711715415B1A812AEE1646B78D.shm", 0 },
		{ "8ca178dd6b1e2df015578e1fa3cf5aeadf009711715415b1a812aee1646b78d.shm", 0 },
		{ "18ca178dd6b1e2df015578e1fa3cf5aeadf009711715415b1a812aee1646b78d.shm~", 0 },
		{ "18ca178dd6b1e2df015578e1fa3cf5aeadf009711715415b1a812aee1646b78d.SHM", 0 },
		{ "18ca178dd6b1e2df015578e1fa3cf5aeadf009711715415b1a812aee1646b78d", 0 },
		{ ".18ca178dd6b1e2df015578e1fa3cf5aeadf009711715415b1a812aee1646b78", 0 },
		{ "g8ca178dd6b1e2df015578e1fa3cf5aeadf009711715415b1a812aee1646b78d.shm", 0 },
		{ "", 0 },
	};
	char buf[256], line[512], file[OBJLEN + 1], what[128];
	FILE *fp;
	int fd;
	time_t now = 1800000000;
	size_t i;

	for (i = 0; i < sizeof(lefts) / sizeof(lefts[0]); i++) {
		fmtleft(buf, sizeof(buf), now - lefts[i].ago, now);
		snprintf(what, sizeof(what), "LEFT %lld s after access",
		    lefts[i].ago);
		expect(what, buf, lefts[i].want);
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(what, sizeof(what), "isobjfile %s", files[i].name);
		expect(what, isobjfile(files[i].name) ? "object" : "not",
		    files[i].isobj ? "object" : "not");
	}

	objfile(file, "", "/myshm", ".shm");
	expect("objfile /myshm", file, files[0].name);
	objfile(file, "/", "myshm", ".sem");
	expect("objfile / + myshm", file, files[1].name);

	expect("esc printable", esc("/a b~"), "/a b~");
	expect("esc controls", esc("\n\033[1m\177"), "\\012\\033[1m\\177");
	expect("esc backslash", esc("a\\b"), "a\\134b");
	expect("esc high bytes", esc("\303\234\377"), "\\303\\234\\377");

	/* An access time no date can show keeps -l's columns. */
	if ((objs = calloc(1, sizeof(*objs))) == NULL)
		err(1, NULL);
	objs[0].atime.tv_sec = INT64_MAX;
	memcpy(objs[0].file, files[0].name, sizeof(objs[0].file));
	nobjs = 1;
	dname = "d";
	fflush(stdout);
	if ((fp = tmpfile()) == NULL || (fd = dup(1)) == -1 ||
	    dup2(fileno(fp), 1) == -1)
		err(1, "tmpfile");
	listobjs();
	fflush(stdout);
	if (dup2(fd, 1) == -1 || fseek(fp, 0, SEEK_SET) == -1 ||
	    fgets(buf, sizeof(buf), fp) == NULL || fgets(line, sizeof(line),
	    fp) == NULL)
		err(1, "tmpfile");
	fclose(fp);
	line[strcspn(line, "\n")] = '\0';
	expect("-l shows dashes for a time no date can show",
	    strstr(line, " ---------- --:-- ") != NULL ? "dashes" : line,
	    "dashes");

	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
