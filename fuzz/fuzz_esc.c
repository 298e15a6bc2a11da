/*
 * libFuzzer harness for esc(), the name escaper of shmtouch.c.
 *
 * shmtouch.c is included whole, with its main() renamed, so that its
 * static functions can be called.  Oracle: the result holds printable
 * ASCII only, every backslash starts a \ooo escape of a byte that needed
 * escaping (a byte outside 0x20-0x7e, or the backslash), every other
 * byte stands for itself, and decoding the result gives back the input.
 */

#define main shmtouch_main
#include "../shmtouch.c"
#undef main

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
needesc(unsigned char c)
{
	return c < 0x20 || c > 0x7e || c == '\\';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *out, *p;
	char *s;
	size_t i, len, nesc = 0;
	unsigned char c, v;

	if ((s = malloc(size + 1)) == NULL)
		abort();
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';			/* a name ends at its first NUL */
	len = strlen(s);

	out = esc(s);
	for (p = out, i = 0; *p != '\0'; i++) {
		if (i >= len)
			abort();	/* more output than input */
		c = (unsigned char)*p;
		if (c < 0x20 || c > 0x7e)
			abort();	/* raw control or 8-bit byte */
		if (c != '\\') {
			if (needesc(c) || (unsigned char)s[i] != c)
				abort();
			p++;
			continue;
		}
		if (p[1] < '0' || p[1] > '3' || p[2] < '0' || p[2] > '7' ||
		    p[3] < '0' || p[3] > '7')
			abort();	/* not \ooo */
		v = (unsigned char)((p[1] - '0') << 6 | (p[2] - '0') << 3 |
		    (p[3] - '0'));
		if (v == 0 || !needesc(v) || (unsigned char)s[i] != v)
			abort();
		nesc++;
		p += 4;
	}
	if (i != len || strlen(out) != len + 3 * nesc)
		abort();
	free(s);
	return 0;
}
