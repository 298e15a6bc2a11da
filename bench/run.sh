#!/bin/sh
#
# shmtouch benchmark (issue 4).  Run from the top of the tree, after make
# has built ./shmtouch:  sh bench/run.sh
#
# Builds its helpers (bench/floor.c, bench/rss.c, bench/mktree.c) with
# ${CC:-cc}, then in a scratch directory under /tmp a /tmp-like directory
# of 110 000 entries (10 000 object files aged 10 days, 100 000 ordinary
# files), later grown to 1 000 000 entries with the same objects.  Each
# group of commands runs once to warm up, then $ROUNDS rounds (default 7).
# Within a round every command runs once, in an order that rotates from
# round to round, and each ratio is taken between two runs of the same
# round: the table shows the median, min and max of those per-round
# ratios.  The objects are aged again before every run that touches
# them; bench/rss times only the command itself (CLOCK_MONOTONIC, no
# shell) and reports its peak RSS.  Prints one table, then one line per
# target of the issue.

set -u
export LC_ALL=C

ROUNDS=${ROUNDS:-7}
NOBJ=10000
NPLAIN=100000
NBIG=1000000
NNAMES=1000000
DAYS=10

top=$(pwd)
ST=$top/shmtouch
if [ ! -x "$ST" ] || [ ! -f "$top/bench/floor.c" ]; then
	echo "run.sh: run from the top of the tree after make" >&2
	exit 2
fi
if [ "$ROUNDS" -lt 5 ]; then
	echo "run.sh: ROUNDS must be at least 5" >&2
	exit 2
fi

S=$(mktemp -d /tmp/shmtouch-bench.XXXXXXXXXX) || exit 2
trap 'echo "cleaning up $S" >&2; rm -rf "$S"' EXIT
trap 'exit 2' HUP INT TERM

B=$S/bin D=$S/d R=$S/r
mkdir "$B" "$D" "$R" || exit 2
t0=$(date +%s)

say() {
	echo "bench: $(($(date +%s) - t0)) s: $*" >&2
}

die() {
	echo "run.sh: $*" >&2
	exit 1
}

say "building helpers with ${CC:-cc}"
${CC:-cc} -O2 -o "$B/floor" bench/floor.c &&
    ${CC:-cc} -O2 -o "$B/rss" bench/rss.c &&
    ${CC:-cc} -O2 -o "$B/mktree" bench/mktree.c sha256.c ||
    die "cannot build the helpers"

# A floor built against another libc than ./shmtouch (say musl-gcc for
# one, cc for the other) is no floor: say so.
note=
if command -v file >/dev/null 2>&1; then
	i1=$(file -L "$ST" | sed -n 's/.*interpreter \([^,]*\).*/\1/p')
	i2=$(file -L "$B/floor" | sed -n 's/.*interpreter \([^,]*\).*/\1/p')
	[ "$i1" = "$i2" ] || note="warning: ./shmtouch uses $i1, the floor $i2"
fi

PY=
if command -v python3 >/dev/null 2>&1; then
	# The interpreter itself, not a wrapper such as a pyenv shim.
	PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
fi
cat >"$S/loop.py" <<'EOF'
import hashlib
import sys

d = sys.argv[2].rstrip('/').encode() + b'/'
w = sys.stdout.buffer.write
sha256 = hashlib.sha256
with open(sys.argv[1], 'rb') as f:
    for line in f:
        if line.endswith(b'\n'):
            line = line[:-1]
        if not line or line.startswith(b'#'):
            continue
        w(d + sha256(line).hexdigest().encode() + b'.shm\n')
EOF

say "building $D: $NOBJ objects + $NPLAIN ordinary files"
"$B/mktree" objs "$D" $NOBJ && "$B/mktree" plain "$D" 0 $NPLAIN &&
    "$B/mktree" names $NNAMES >"$S/names" &&
    "$B/mktree" files $NOBJ >"$S/files" || die "cannot build $D"
FILES=$(cat "$S/files")
entries=110k

# age: make the objects 10 days old again, and write it all out, so
# that every timed run finds the same work and no pending writeback.
age() {
	"$B/mktree" age "$D" $NOBJ $DAYS || die "cannot age the objects"
	sync
}

# aged: print how many objects are still older than a day.
aged() {
	find "$D" -maxdepth 1 -type f -name '*.s[eh]m' -mtime +1 | wc -l |
	    tr -d ' '
}

# meas case want command ...: time one run; keep it unless warming up.
meas() {
	m_case=$1 m_want=$2
	shift 2
	set -- $("$B/rss" "$@")
	[ $# -eq 5 ] || die "$m_case: rss failed"
	[ "$3" -eq "$m_want" ] || die "$m_case: exit status $3, not $m_want"
	[ "$warm" -eq 1 ] || echo "$*" >>"$R/$m_case"
}

# one case: run one case once.
one() {
	case $1 in
	safe|safe1m)
		age
		meas "$1" 0 "$B/floor" "$D" ;;
	unsafe)
		age
		meas "$1" 0 "$B/floor" -u "$D" ;;
	find)
		age
		meas "$1" 0 find "$D" -maxdepth 1 -type f -name '*.s[eh]m' \
		    -exec touch -c {} + ;;
	a|a1m)
		age
		meas "$1" 0 "$ST" -a -d "$D" ;;
	l)
		meas "$1" 0 "$ST" -l -d "$D" ;;
	ls)
		# ls sorts its operands itself: the order given is free.
		cd "$D" || die "cannot cd to $D"
		meas "$1" 0 ls -l $FILES
		cd "$top" || die "cannot cd to $top" ;;
	n)
		meas "$1" 1 "$ST" -q -n -f "$S/names" -d "$D" ;;
	py)
		meas "$1" 0 "$PY" "$S/loop.py" "$S/names" "$D" ;;
	esac
	if [ "$warm" -eq 1 ]; then
		case $1 in
		safe|safe1m|unsafe|find|a|a1m)
			[ "$(aged)" -eq 0 ] || die "$1 left objects untouched" ;;
		esac
	fi
}

# group case ...: warm up, then $ROUNDS rounds in rotating order.
group() {
	say "$entries: warming up: $*"
	warm=1
	for c; do
		one "$c"
	done
	warm=0
	g_r=0
	while [ $g_r -lt "$ROUNDS" ]; do
		g_r=$((g_r + 1))
		say "$entries: round $g_r/$ROUNDS: $*"
		for c; do
			one "$c"
		done
		# Rotate: the next round starts with the next case.
		c=$1
		shift
		set -- "$@" "$c"
	done
}

# stats: median, min and max of the numbers on standard input.
stats() {
	sort -n | awk '{ v[NR] = $1 }
	    END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		print m, v[1], v[NR]
	    }'
}

# tstats case: median, min and max in ms, and the median peak RSS in KiB.
tstats() {
	set -- $(cut -d ' ' -f 1 "$R/$1" | stats) \
	    $(cut -d ' ' -f 2 "$R/$1" | stats)
	printf '%9.1f %9.1f %9.1f %9d' \
	    "$(echo "$1" | awk '{ print $1 / 1000 }')" \
	    "$(echo "$2" | awk '{ print $1 / 1000 }')" \
	    "$(echo "$3" | awk '{ print $1 / 1000 }')" "$4"
}

# ratio a b: median, min and max of a's time over b's, round by round.
ratio() {
	paste -d ' ' "$R/$1" "$R/$2" | awk '{ print $1 / $6 }' | stats
}

group safe unsafe find a

say "$entries: checking that -l and ls -l list the $NOBJ objects"
[ "$("$ST" -l -d "$D" | wc -l)" -eq $((NOBJ + 1)) ] ||
    die "shmtouch -l does not list $NOBJ objects"
(cd "$D" && ls -l $FILES) | wc -l | grep -q "^ *$NOBJ\$" ||
    die "ls -l does not list $NOBJ files"
group l ls

if [ -n "$PY" ]; then
	say "$entries: checking that shmtouch -n and python3 print the same"
	c1=$("$ST" -q -n -f "$S/names" -d "$D" | cksum)
	c2=$("$PY" "$S/loop.py" "$S/names" "$D" | cksum)
	[ "$c1" = "$c2" ] || die "shmtouch -n and python3 differ"
	group n py
else
	say "no python3: skipping the names comparison"
fi

say "growing $D to $NBIG entries"
"$B/mktree" plain "$D" $NPLAIN $((NBIG - NOBJ - NPLAIN)) ||
    die "cannot grow $D"
entries=1M
group safe1m a1m

# The table.
line() {
	printf '%-40s %4s %s\n' "$1" "$2" "$3"
}
hr=$(printf '%80s' '' | tr ' ' -)

echo "shmtouch benchmark: $NOBJ objects aged $DAYS days among 110 000" \
    "and 1 000 000 entries"
echo "$(uname -srm), $(getconf _NPROCESSORS_ONLN 2>/dev/null) CPUs," \
    "$ROUNDS rounds after a warm-up; times in ms, RSS in KiB"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null |
    sed 1q)
[ -n "$cpu" ] && echo "cpu: $cpu"
[ -n "$note" ] && echo "$note"
echo "$hr"
line "case" "dir" "   median       min       max  peak RSS"
echo "$hr"
line "safe floor" 110k "$(tstats safe)"
line "unsafe floor" 110k "$(tstats unsafe)"
line "find -exec touch -c {} +" 110k "$(tstats find)"
line "shmtouch -a" 110k "$(tstats a)"
line "shmtouch -l" 110k "$(tstats l)"
line "ls -l of the $NOBJ objects" 110k "$(tstats ls)"
if [ -n "$PY" ]; then
	line "shmtouch -q -n -f, $NNAMES names" 110k "$(tstats n)"
	line "python3 hashlib loop, $NNAMES names" - "$(tstats py)"
else
	line "shmtouch -n -f / python3" - "skipped: no python3"
fi
line "safe floor" 1M "$(tstats safe1m)"
line "shmtouch -a" 1M "$(tstats a1m)"
echo "$hr"
line "ratio, pair by pair within each round" "" "   median       min       max"
echo "$hr"
pr() {
	set -- $(ratio "$1" "$2")
	printf '%9.3f %9.3f %9.3f' "$1" "$2" "$3"
}
line "shmtouch -a / safe floor" 110k "$(pr a safe)"
line "shmtouch -a / unsafe floor" 110k "$(pr a unsafe)"
line "find + touch / shmtouch -a" 110k "$(pr find a)"
line "shmtouch -l / ls -l" 110k "$(pr l ls)"
[ -n "$PY" ] && line "python3 / shmtouch -n -f" - "$(pr py n)"
line "shmtouch -a / safe floor" 1M "$(pr a1m safe1m)"
rss1=$(cut -d ' ' -f 2 "$R/a" | stats | cut -d ' ' -f 1)
rss2=$(cut -d ' ' -f 2 "$R/a1m" | stats | cut -d ' ' -f 1)
line "shmtouch -a peak RSS, 1M / 110k" - \
    "$(echo "$rss2 $rss1" | awk '{ printf "%9.3f", $1 / $2 }')"
echo "$hr"

# The targets, from the median per-round ratios above.
# target text figure condition: condition is awk, on x, the figure.
target() {
	if echo "$2" | awk "{ x = \$1; exit !($3) }"; then
		echo "met:    $1: $2"
	else
		echo "MISSED: $1: $2"
	fi
}
med() {
	ratio "$1" "$2" | awk '{ printf "%.3f", $1 }'
}
target "shmtouch -a <= 1.10 x safe floor (110k)" "$(med a safe)" 'x <= 1.10'
target "find + touch >= 2 x shmtouch -a (110k)" "$(med find a)" 'x >= 2'
target "-a peak RSS 1M / 110k within 10% ($rss2 / $rss1 KiB)" \
    "$(echo "$rss2 $rss1" | awk '{ printf "%.3f", $1 / $2 }')" \
    'x >= 0.90 && x <= 1.10'
target "shmtouch -l <= 1.5 x ls -l (10 000 objects)" "$(med l ls)" 'x <= 1.5'
if [ -n "$PY" ]; then
	target "python3 >= 3 x shmtouch -n -f ($NNAMES names)" \
	    "$(med py n)" 'x >= 3'
else
	echo "skipped: python3 >= 3 x shmtouch -n -f: no python3"
fi
echo "total $(($(date +%s) - t0)) s, clean-up not counted"
