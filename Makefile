# shmtouch: one Makefile for GNU make and BSD make alike.

PROG=		shmtouch
OBJS=		shmtouch.o sha256.o

PREFIX?=	/usr/local
BINDIR?=	${PREFIX}/bin
# Manual pages go to ${PREFIX}/man on OpenBSD, ${PREFIX}/share/man
# elsewhere.  != is understood by BSD make and by GNU make 4.0 and later.
MANSUB!=	if [ "`uname`" = OpenBSD ]; then echo man; else echo share/man; fi
MANDIR?=	${PREFIX}/${MANSUB}

CC?=		cc
CFLAGS?=	-O2 -g
# Kept apart from CFLAGS, so that make CFLAGS=... keeps the checks.
WARNS=		-std=c99 -Wall -Wextra -Wpedantic

all: ${PROG}

${PROG}: ${OBJS}
	${CC} ${LDFLAGS} -o $@ ${OBJS}

shmtouch.o: shmtouch.c compat.h sha256.h
sha256.o: sha256.c sha256.h

.c.o:
	${CC} ${WARNS} ${CFLAGS} ${CPPFLAGS} -c $<

TESTPROGS=	tests/sha256test tests/unit tests/helper tests/hostile-helper \
		tests/shmtouch-pledge

tests/sha256test: tests/sha256test.c sha256.o
	${CC} ${WARNS} ${CFLAGS} ${CPPFLAGS} -o $@ tests/sha256test.c sha256.o

tests/unit: tests/unit.c shmtouch.c compat.h sha256.h sha256.o
	${CC} ${WARNS} ${CFLAGS} ${CPPFLAGS} -o $@ tests/unit.c sha256.o

tests/hostile-helper: tests/hostile-helper.c
	${CC} ${WARNS} ${CFLAGS} ${CPPFLAGS} -o $@ tests/hostile-helper.c

tests/race-attacker: tests/race-attacker.c compat.h
	${CC} ${WARNS} ${CFLAGS} ${CPPFLAGS} -o $@ tests/race-attacker.c

tests/helper: tests/helper.c sha256.o
	${CC} ${WARNS} ${CFLAGS} ${CPPFLAGS} -o $@ tests/helper.c sha256.o

# shmtouch as built for OpenBSD, with pledge(2) and unveil(2) recorded.
tests/shmtouch-pledge: shmtouch.c sha256.c compat.h sha256.h tests/pledgestub.c
	${CC} ${WARNS} ${CFLAGS} ${CPPFLAGS} -DPLEDGE_STUB -o $@ shmtouch.c \
	    sha256.c tests/pledgestub.c

test: ${PROG} ${TESTPROGS}
	MAKE="${MAKE}" sh tests/run.sh

race: ${PROG} ${TESTPROGS} tests/race-attacker
	sh tests/race.sh

# The benchmark of issue 4: one table, in about a minute.
bench: ${PROG}
	sh bench/run.sh

# Sanitizers, valgrind, cppcheck, clang-tidy and SHA-256 at scale.
check: ${PROG} ${TESTPROGS}
	MAKE="${MAKE}" sh tests/check.sh

# libFuzzer harnesses, FUZZTIME seconds each (clang).
FUZZTIME=	60

fuzz:
	sh fuzz/run.sh ${FUZZTIME}

demo: ${PROG} tests/helper
	sh tests/demo.sh

install: ${PROG}
	mkdir -p ${DESTDIR}${BINDIR} ${DESTDIR}${MANDIR}/man1
	cp ${PROG} ${DESTDIR}${BINDIR}/${PROG}
	chmod 555 ${DESTDIR}${BINDIR}/${PROG}
	cp shmtouch.1 ${DESTDIR}${MANDIR}/man1/shmtouch.1
	chmod 444 ${DESTDIR}${MANDIR}/man1/shmtouch.1

uninstall:
	rm -f ${DESTDIR}${BINDIR}/${PROG} ${DESTDIR}${MANDIR}/man1/shmtouch.1

clean:
	rm -f ${PROG} ${OBJS} ${TESTPROGS} tests/race-attacker

.PHONY: all test race bench check fuzz demo install uninstall clean
