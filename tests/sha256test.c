/*
 * Known-answer tests for sha256.c: the NIST SHAVS short messages, the
 * FIPS 180-2 examples, the padding edges, and streamed input.
 *
 * usage: sha256test SHA256ShortMsg.rsp
 * Prints one line per failure and a count; exits 1 on any failure.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../sha256.h"

static int	check(const char *, const uint8_t *, size_t, const char *);
static int	hexval(int);

static int	failed, passed;

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Hash msg one-shot and in odd-sized pieces; both must give want. */
static int
check(const char *what, const uint8_t *msg, size_t len, const char *want)
{
	static const size_t steps[] = { 1, 3, 55, 63, 64, 65, 1000 };
	uint8_t md[SHA256_DIGEST_LENGTH];
	char got[2 * SHA256_DIGEST_LENGTH + 1];
	struct sha256 ctx;
	size_t i, j, n;
	int ok = 1;

	sha256(msg, len, md);
	for (i = 0; i < SHA256_DIGEST_LENGTH; i++)
		snprintf(got + 2 * i, 3, "%02x", md[i]);
	if (strcmp(got, want) != 0) {
		printf("FAIL: sha256 %s: '%s' != '%s'\n", what, got, want);
		ok = 0;
	}
	for (j = 0; j < sizeof(steps) / sizeof(steps[0]); j++) {
		sha256_init(&ctx);
		for (i = 0; i < len; i += n) {
			n = len - i < steps[j] ? len - i : steps[j];
			sha256_update(&ctx, msg + i, n);
		}
		sha256_final(&ctx, md);
		for (i = 0; i < SHA256_DIGEST_LENGTH; i++)
			snprintf(got + 2 * i, 3, "%02x", md[i]);
		if (strcmp(got, want) != 0) {
			printf("FAIL: sha256 %s in pieces of %zu: '%s' != '%s'\n",
			    what, steps[j], got, want);
			ok = 0;
		}
	}
	if (ok)
		passed++;
	else
		failed++;
	return ok;
}

int
main(int argc, char *argv[])
{
	/* Messages of n bytes 'a' for the padding edges, from sha256sum. */
	static const struct {
		size_t		 len;
		const char	*md;
	} edges[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 57, "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed6589dfe8c6" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
	};
	char line[4096], what[64], md[65];
	uint8_t *msg;
	size_t i, len = 0, vectors = 0;
	FILE *fp;

	if (argc != 2) {
		fprintf(stderr, "usage: sha256test SHA256ShortMsg.rsp\n");
		return 2;
	}
	if ((msg = malloc(1000000)) == NULL) {
		perror("malloc");
		return 2;
	}

	/* NIST SHAVS: "Len = bits", "Msg = hex", "MD = hex". */
	if ((fp = fopen(argv[1], "r")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (sscanf(line, "Len = %zu", &len) == 1)
			len /= 8;
		else if (strncmp(line, "Msg = ", 6) == 0) {
			for (i = 0; i < len; i++)
				msg[i] = hexval(line[6 + 2 * i]) << 4 |
				    hexval(line[7 + 2 * i]);
		} else if (sscanf(line, "MD = %64s", md) == 1) {
			snprintf(what, sizeof(what), "NIST Len = %zu", len * 8);
			check(what, msg, len, md);
			vectors++;
		}
	}
	fclose(fp);
	if (vectors != 65) {
		printf("FAIL: read %zu NIST vectors, want 65\n", vectors);
		failed++;
	}

	check("abc", (const uint8_t *)"abc", 3,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check("448-bit message", (const uint8_t *)
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	memset(msg, 'a', 1000000);
	check("one million a", msg, 1000000,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		snprintf(what, sizeof(what), "%zu bytes", edges[i].len);
		check(what, msg, edges[i].len, edges[i].md);
	}

	free(msg);
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
