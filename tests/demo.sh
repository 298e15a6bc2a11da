#!/bin/sh
#
# make demo: the whole story in a scratch directory.

set -eu
top=$(pwd)
H=$top/tests/helper
D=$(mktemp -d /tmp/shmtouch-demo.XXXXXXXXXX)
trap 'rm -rf "$D"' EXIT

say() { printf '\n== %s\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

say "Three programs create their objects the way OpenBSD's libc does."
"$H" mkobj "$D" /PostgreSQL.1804289383 /pulse-shm-2804473385
"$H" mkobj -s "$D" jack_sem.1000_default_system
show ls -l "$D"

say "Eight days pass.  The objects are in use, but nobody reads the files."
"$H" age $((8 * 86400)) "$D"/*
show ./shmtouch -l -d "$D"

say "shmtouch touches two of them by name, silently."
show ./shmtouch -d "$D" /PostgreSQL.1804289383
show ./shmtouch -s -d "$D" jack_sem.1000_default_system
show ./shmtouch -l -d "$D" /PostgreSQL.1804289383 \
    /pulse-shm-2804473385 jack_sem.1000_default_system

say "daily(8) cleans up: find -x . -type f -atime +7 -delete"
if find -x . -prune >/dev/null 2>&1; then
	(cd "$D" && find -x . -type f -atime +7 -delete)
else
	(cd "$D" && find . -xdev -type f -atime +7 -delete)
fi

say "The touched objects survived; PulseAudio's is gone."
show ./shmtouch -l -d "$D" /PostgreSQL.1804289383 \
    /pulse-shm-2804473385 jack_sem.1000_default_system || true
