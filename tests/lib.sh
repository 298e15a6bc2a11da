# Shared by the test scripts: sourced from the top of the tree after make.
# Sets up a scratch directory $T, the counters and the helpers below.
# Expected values come from sha256sum (or OpenBSD's sha256), stat(1) and
# date(1), never from shmtouch itself.

set -u
export LC_ALL=C TZ=UTC0

top=$(pwd)
ST=$top/shmtouch
H=$top/tests/helper
HH=$top/tests/hostile-helper
DAY=86400
BOUND=${BOUND:-10}	# seconds any one run may take: nothing may block

for p in "$ST" "$H" "$HH"; do
	if [ ! -x "$p" ]; then
		echo "$0: $p: not built" >&2
		exit 2
	fi
done

T=$(mktemp -d /tmp/shmtouch-test.XXXXXXXXXX) || exit 2
pids=			# processes started by the tests, killed at exit
cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	chmod -R u+rwx "$T" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM

passed=0 failed=0 skipped=0 name= bad=0

# try "name": start a case, with an empty object directory $D.
try() {
	finish
	name=$1
	bad=0
	D=$T/d
	chmod -R u+rwx "$D" 2>/dev/null
	rm -rf "$D"
	mkdir "$D"
}

finish() {
	[ -n "$name" ] || return 0
	if [ "$bad" -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
	name=
}

skip() {
	echo "SKIP: $name: $*"
	skipped=$((skipped + 1))
	name=
}

# summary: the closing line; fails if any case failed.
summary() {
	finish
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
}

# assert got want
assert() {
	[ "$1" = "$2" ] && return 0
	printf "FAIL: %s: '%s' != '%s'\n" "$name" "$1" "$2"
	bad=1
}

# stdouterr file: file holds one message that stdout failed.  Its reason
# varies: glibc has the errno of the failed write, musl "write error".
stdouterr() {
	case $(cat "$1") in
	*"
"*)	;;
	"shmtouch: stdout: "?*) return 0 ;;
	esac
	printf "FAIL: %s: '%s' is not one line 'shmtouch: stdout: ...'\n" \
	    "$name" "$(cat "$1")"
	bad=1
}

# check "what" command ...: the command must succeed.
check() {
	what=$1
	shift
	"$@" && return 0
	printf 'FAIL: %s: %s\n' "$name" "$what"
	bad=1
}

# run shmtouch args ...: sets $out, $err and $rc.  Killed after $BOUND
# seconds, when $rc is 124 (hostile-helper run: stock OpenBSD has no
# timeout(1)).  runlong: the same, with 60 seconds for big inputs.
run() { runfor $BOUND "$@"; }
runlong() { runfor 60 "$@"; }
runfor() {
	secs=$1
	shift
	"$HH" run "$secs" "$ST" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
}

if command -v sha256sum >/dev/null 2>&1; then
	hash() { printf '%s' "$1" | sha256sum | cut -c1-64; }
	hashfile() { sha256sum <"$1" | cut -c1-64; }
	hashfiles() { sha256sum "$@" | cut -c1-64; }
else
	hash() { printf '%s' "$1" | sha256 -q; }
	hashfile() { sha256 -q <"$1"; }
	hashfiles() { sha256 -q "$@"; }
fi

# From stat(1), GNU or BSD, never following links: atime file, mtime
# file; ftimes file ...: name, atime and mtime of each; lstat file ...:
# name, type, owner, group, mode, size and links of each.
if stat -c %X / >/dev/null 2>&1; then
	STAT=-c TIMES='%n %X %Y' LSTAT='%n|%F|%u|%g|%a|%s|%h'
	atime() { stat -c %X "$1"; }
	mtime() { stat -c %Y "$1"; }
else
	STAT=-f TIMES='%N %a %m' LSTAT='%N|%HT|%u|%g|%Lp|%z|%l'
	atime() { stat -f %a "$1"; }
	mtime() { stat -f %m "$1"; }
fi
ftimes() { stat $STAT "$TIMES" "$@"; }
lstat() { stat $STAT "$LSTAT" "$@"; }

# localdate epoch: as shmtouch -l shows it.
localdate() {
	date -d "@$1" '+%Y-%m-%d %H:%M' 2>/dev/null ||
	    date -r "$1" '+%Y-%m-%d %H:%M'
}

# left atime now: what LEFT must say (daily: now - atime >= 7d + 1s).
left() {
	l=$(($1 + 7 * DAY + 1 - $2))
	if [ "$l" -le 0 ]; then
		echo due
	else
		echo "$((l / DAY))d$((l % DAY / 3600))h"
	fi
}

# obj name [sem]: the path of name's object file in $D.
obj() { echo "$D/$(hash "$1").${2:-shm}"; }

# mk [-s] name ...: create objects in $D as libc does, aged 10 days.
mk() {
	if [ "$1" = -s ]; then
		shift
		"$H" mkobj -s "$D" "$@"
		for n; do "$H" age $((10 * DAY)) "$(obj "$n" sem)"; done
	else
		"$H" mkobj "$D" "$@"
		for n; do "$H" age $((10 * DAY)) "$(obj "$n")"; done
	fi
}

# touched file: touched by the run that began at $t0?  untouched file:
# still aged, as mk left it?
touched() {
	[ "$(atime "$1")" -ge $((t0 - 1)) ] && [ "$(mtime "$1")" -ge $((t0 - 1)) ]
}
untouched() {
	[ "$(atime "$1")" -lt $((t0 - DAY)) ] &&
	    [ "$(mtime "$1")" -lt $((t0 - DAY)) ]
}

# printable: no byte of $out and $err outside printable ASCII but newline.
printable() {
	printf '%s%s' "$out" "$err" | tr -d '\n -~' >"$T/raw"
	[ ! -s "$T/raw" ]
}

# root, nobody: yes or no; asnobody command ...: run it as nobody.
root=no
[ "$(id -u)" -eq 0 ] && root=yes
nobody=no
if [ $root = yes ] && command -v setpriv >/dev/null 2>&1 &&
    id nobody >/dev/null 2>&1; then
	nobody=yes
	NOGID=$(id -g nobody)
	chmod 711 "$T"
fi
asnobody() {
	setpriv --reuid=nobody --regid="$NOGID" --clear-groups "$@"
}

USAGE='usage: shmtouch [-nqsv] [-d dir] [-f file] [name ...]
       shmtouch [-nqv] [-d dir] -a
       shmtouch -l [-d dir] [-f file] [name ...]'
