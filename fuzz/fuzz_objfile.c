/*
 * libFuzzer harness for the path mapper of shmtouch.c: objfile() and
 * isobjfile().
 *
 * shmtouch.c is included whole, with its main() renamed, so that its
 * static functions can be called.  Input: one flag byte (bit 0: .sem
 * rather than .shm; bit 1: corrupt the file name), one byte that splits
 * the name into objfile()'s prefix and name, then the name (up to its
 * first NUL).  Oracles:
 *  - objfile(prefix, rest) names the same file as objfile("", whole):
 *    missing() relies on that for its "/name" hint;
 *  - that file is 64 lowercase hex digits of the one-shot sha256() of
 *    the name, formatted here, then the suffix;
 *  - isobjfile() accepts it, and rejects it once any one of its bytes is
 *    changed to a byte not allowed at that place;
 *  - isobjfile() on the raw input agrees with a plain reference check.
 */

#define main shmtouch_main
#include "../shmtouch.c"
#undef main

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
refisobj(const char *s)
{
	size_t i;

	if (strlen(s) != OBJLEN)
		return 0;
	for (i = 0; i < HEXLEN; i++)
		if (strchr("0123456789abcdef", s[i]) == NULL)
			return 0;
	return strcmp(s + HEXLEN, ".shm") == 0 ||
	    strcmp(s + HEXLEN, ".sem") == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char f1[OBJLEN + 1], f2[OBJLEN + 1], want[OBJLEN + 1];
	uint8_t md[SHA256_DIGEST_LENGTH];
	const char *sfx;
	char *s, *prefix;
	size_t len, k, i, pos;
	unsigned flags;

	/* isobjfile() on the raw bytes, as readdir(3) could give them. */
	if ((s = malloc(size + 1)) == NULL)
		abort();
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	if (!isobjfile(s) != !refisobj(s))
		abort();
	free(s);

	if (size < 2)
		return 0;
	flags = data[0];
	sfx = flags & 1 ? ".sem" : ".shm";
	if ((s = malloc(size - 1)) == NULL)
		abort();
	memcpy(s, data + 2, size - 2);
	s[size - 2] = '\0';
	len = strlen(s);
	k = len ? data[1] % (len + 1) : 0;
	if ((prefix = strdup(s)) == NULL)
		abort();
	prefix[k] = '\0';

	memset(f1, 'X', sizeof(f1));
	memset(f2, 'Y', sizeof(f2));
	objfile(f1, prefix, s + k, sfx);
	objfile(f2, "", s, sfx);
	if (memchr(f1, '\0', sizeof(f1)) == NULL || strcmp(f1, f2) != 0)
		abort();

	sha256(s, len, md);
	for (i = 0; i < SHA256_DIGEST_LENGTH; i++)
		snprintf(want + 2 * i, 3, "%02x", md[i]);
	snprintf(want + HEXLEN, 5, "%s", sfx);
	if (strcmp(f1, want) != 0 || !isobjfile(f1) || !refisobj(f1))
		abort();

	if (flags & 2) {
		/* One byte made wrong for its place: no longer a file name. */
		pos = (flags >> 2) % OBJLEN;
		if (pos < HEXLEN)
			f1[pos] = (flags & 0x80) ? 'A' : 'g';
		else if (pos == HEXLEN)
			f1[pos] = '_';
		else
			f1[pos] = (flags & 0x80) ? 'x' : 'M';
		if (isobjfile(f1) || refisobj(f1))
			abort();
	}
	free(prefix);
	free(s);
	return 0;
}
