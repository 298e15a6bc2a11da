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
 * Included before any system header, so that main() reads the same on
 * every system.
 *
 * OpenBSD shows its whole libc by default, pledge(2) and unveil(2)
 * included, and a POSIX feature macro would hide those two.  Elsewhere
 * ask for POSIX.1-2008 and nothing more: it brings openat(2), fstatat(2),
 * futimens(2), fdopendir(3), getline(3), localtime_r(3) and st_atim,
 * and keeps the build honest about what it uses.
 */
#ifndef __OpenBSD__
#define _POSIX_C_SOURCE	200809L
#endif

#include <unistd.h>

#if defined(__OpenBSD__)
/* pledge(2) and unveil(2) come from <unistd.h>. */
#elif defined(PLEDGE_STUB)
/* Test build: tests/pledgestub.c records every call. */
int	pledge(const char *, const char *);
int	unveil(const char *, const char *);
#else
static inline int
pledge(const char *promises, const char *execpromises)
{
	(void)promises;
	(void)execpromises;
	return 0;
}

static inline int
unveil(const char *path, const char *permissions)
{
	(void)path;
	(void)permissions;
	return 0;
}
#endif
