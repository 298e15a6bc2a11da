# Sourced by tests/run.sh: make install and make uninstall in a DESTDIR.

try "make install puts the binary (0555) and the page in place"
if [ "$(uname)" = OpenBSD ]; then mansub=man; else mansub=share/man; fi
S=$T/stage
(cd "$top" && ${MAKE:-make} -s install DESTDIR="$S" PREFIX=/opt/st) \
    >"$T/out" 2>&1
assert "$?" 0
assert "$(cd "$S" && find . -type f | sort)" "./opt/st/bin/shmtouch
./opt/st/$mansub/man1/shmtouch.1"
assert "$(ls -l "$S/opt/st/bin/shmtouch" | cut -c1-10)" "-r-xr-xr-x"
check "installed binary runs" cmp -s "$S/opt/st/bin/shmtouch" "$ST"
check "installed page is shmtouch.1" \
    cmp -s "$S/opt/st/$mansub/man1/shmtouch.1" "$top/shmtouch.1"

try "make install honours MANDIR, make uninstall removes exactly that"
(cd "$top" && ${MAKE:-make} -s install DESTDIR="$S" PREFIX=/opt/st \
    MANDIR=/opt/man) >"$T/out" 2>&1
check "page in MANDIR" [ -f "$S/opt/man/man1/shmtouch.1" ]
: >"$S/opt/st/bin/other"
(cd "$top" && ${MAKE:-make} -s uninstall DESTDIR="$S" PREFIX=/opt/st) \
    >"$T/out" 2>&1
assert "$?" 0
assert "$(cd "$S" && find . -type f | sort)" "./opt/man/man1/shmtouch.1
./opt/st/bin/other"
(cd "$top" && ${MAKE:-make} -s uninstall DESTDIR="$S" PREFIX=/opt/st \
    MANDIR=/opt/man) >"$T/out" 2>&1
assert "$(cd "$S" && find . -type f | sort)" "./opt/st/bin/other"
rm -rf "$S"
