#!/bin/sh
#
# tests/check.sh: the checks beyond "make test".  Run from the top of the
# tree by "make check", after ./shmtouch and tests/helper are built.
#
#  asan      the whole test suite ("make test") once more, built with
#            -fsanitize=address,undefined in a scratch copy of the tree,
#            so ./shmtouch is left alone;
#  valgrind  ./shmtouch under valgrind over every mode;
#  cppcheck  cppcheck --enable=warning,portability over the sources;
#  tidy      clang-tidy's clang-analyzer-* checks over the sources;
#  sha256    100 000 random names mapped by ./shmtouch -n -f, each path
#            compared with Python's hashlib (or openssl dgst).
#
# Each step prints PASS, FAIL or SKIP (a tool is missing); the script
# exits 1 if any step failed.  Run only some steps with
# "sh tests/check.sh asan sha256".  Environment: SANCC (compiler for
# the sanitizer build, default clang, else cc), SHA_SEED (seed for the
# random names, printed on every run), SHA_TOOL=openssl (use openssl dgst
# even when python3 is there), MAKE (the make for the sanitizer build,
# default make; "make check" passes its own as MAKE="${MAKE}").

set -u
export LC_ALL=C TZ=UTC0

top=$(pwd)
ST=$top/shmtouch
H=$top/tests/helper
steps=${*:-asan valgrind cppcheck tidy sha256}

if [ ! -f "$top/shmtouch.c" ] || [ ! -x "$ST" ] || [ ! -x "$H" ]; then
	echo "tests/check.sh: run from the top of the tree after make" \
	    "shmtouch tests/helper (make check does both)" >&2
	exit 2
fi

W=$(mktemp -d /tmp/shmtouch-check.XXXXXXXXXX) || exit 2
# The test suite runs shmtouch as another user too: let it reach the copy.
chmod 755 "$W"
trap 'chmod -R u+rwx "$W" 2>/dev/null; rm -rf "$W"' EXIT
trap 'exit 2' HUP INT TERM

failed=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
skip() { echo "SKIP: $*"; }
have() { command -v "$1" >/dev/null 2>&1; }
# show file: the last lines of a log, indented, after a FAIL.
show() { tail -n "${2:-20}" "$1" | sed 's/^/	/'; }

# copytree dir: a copy of the source tree, without .git and fuzz/work.
copytree() {
	mkdir "$1" || return 1
	for f in "$top"/* "$top"/.[!.]*; do
		[ -e "$f" ] || continue
		case ${f##*/} in
		.git|fuzz)	continue ;;
		esac
		cp -R "$f" "$1/" || return 1
	done
}

# ------------------------------------------------------------------
# (a) The test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
#
# Every error is fatal (-fno-sanitize-recover=all) and is logged to a file
# under $W/san: a sanitizer report then fails this step even when the
# exit status it causes is one that a test expected.
step_asan() {
	if [ -n "${SANCC:-}" ]; then
		scc=$SANCC
	elif have clang; then
		scc=clang
	else
		scc=cc
	fi
	S=$W/asan
	san="-fsanitize=address,undefined -fno-sanitize-recover=all"
	san="$san -fno-omit-frame-pointer"
	if ! copytree "$S"; then
		fail "asan: cannot copy the tree"
		return
	fi
	mkdir "$W/san" && chmod 1777 "$W/san"	# for runs as another user
	(
		cd "$S" && ${MAKE:-make} clean >/dev/null 2>&1
		ASAN_OPTIONS="detect_leaks=1:exitcode=86:log_path=$W/san/asan" \
		UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$W/san/ubsan" \
		    ${MAKE:-make} CC="$scc" CFLAGS="-O1 -g $san" LDFLAGS="$san" test
	) >"$W/asan.log" 2>&1
	rc=$?
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$W/asan.log" | tail -n 1)
	# shellcheck disable=SC2012	# sanitizer log names are plain
	reports=$(ls "$W/san" | wc -l | tr -d ' ')
	if [ "$rc" -eq 0 ] && [ "$reports" -eq 0 ] && [ -n "$summary" ]; then
		pass "asan: make test with $scc -fsanitize=address,undefined: $summary"
	else
		fail "asan: make test exit $rc, $reports sanitizer report(s): ${summary:-no summary}"
		grep '^FAIL' "$W/asan.log" | head -n 20 | sed 's/^/	/'
		# The first report, then how many of each kind.
		for f in "$W"/san/*; do
			[ -f "$f" ] || continue
			echo "	--- $f"
			head -n 15 "$f" | sed 's/^/	/'
			break
		done
		[ "$reports" -gt 0 ] && cat "$W"/san/* | grep '^SUMMARY' |
		    sort | uniq -c | sed 's/^/	/'
		[ "$reports" -gt 0 ] || show "$W/asan.log"
	fi
}

# ------------------------------------------------------------------
# (b) Valgrind over every mode.
#
# shmtouch's own exit status 1 ("an object was missing or refused") cannot
# be told from --error-exitcode=1, so each run must also give its expected
# status and a log whose ERROR SUMMARY counts 0 errors.  With
# --leak-check=full, definite and possible leaks count as errors there.
step_valgrind() {
	if ! have valgrind; then
		skip "valgrind: valgrind not installed"
		return
	fi
	V=$W/vg
	D=$V/d			# regular objects only
	R=$V/r			# one refusal of each kind
	mkdir "$V" "$D" "$R" "$V/empty.d"
	"$H" mkobj "$D" /a b /c || { fail "valgrind: helper mkobj"; return; }
	"$H" mkobj -s "$D" /s || { fail "valgrind: helper mkobj -s"; return; }
	"$H" mkobj "$R" reg || { fail "valgrind: helper mkobj"; return; }
	: >"$V/victim"
	ln -s "$V/victim" "$("$ST" -q -n -d "$R" sym)"
	mkdir "$("$ST" -q -n -d "$R" dir)"
	mkfifo "$("$ST" -q -n -d "$R" fifo)"
	ln "$V/victim" "$("$ST" -q -n -d "$R" hard)"
	printf '# names\n/a\n\nb\r\nnosuch\n' >"$V/names"
	printf '/a\nb\n' >"$V/stdin"
	: >"$V/empty"

	n=0 bad=0
	# vg want stdin description -- args ...
	vg() {
		want=$1 in=$2 what=$3
		shift 4
		n=$((n + 1))
		valgrind --error-exitcode=1 --leak-check=full \
		    --log-file="$V/log.$n" "$ST" "$@" <"$in" >"$V/out.$n" 2>&1
		rc=$?
		if [ "$rc" -ne "$want" ] ||
		    ! grep -q 'ERROR SUMMARY: 0 errors' "$V/log.$n"; then
			echo "	$what: exit $rc (want $want):" \
			    "$(grep 'ERROR SUMMARY' "$V/log.$n")"
			grep -E '==[0-9]+== +(Invalid|Conditional|Use of|[0-9,]+ bytes in .* lost)' \
			    "$V/log.$n" | head -n 5 | sed 's/^/	/'
			bad=$((bad + 1))
		fi
	}
	e=$V/empty
	vg 0 "$e" "touch by name"	-- -d "$D" /a b
	vg 1 "$e" "missing, with the slash hint" -- -d "$D" a nosuch
	vg 0 "$e" "-s"			-- -s -d "$D" /s
	vg 0 "$e" "-a"			-- -a -d "$D"
	vg 1 "$e" "-a over refusals"	-- -a -d "$R"
	vg 1 "$e" "names over refusals"	-- -d "$R" reg sym dir fifo hard
	vg 0 "$e" "-a -n"		-- -a -n -d "$D"
	vg 1 "$e" "-n"			-- -n -d "$D" /a nosuch
	vg 0 "$e" "-l"			-- -l -d "$D"
	vg 0 "$e" "-l, empty directory"	-- -l -d "$V/empty.d"
	vg 1 "$e" "-l over refusals"	-- -l -d "$R"
	vg 0 "$e" "-l names"		-- -l -d "$D" /a /s
	vg 1 "$e" "-l names, missing"	-- -l -d "$D" nosuch
	vg 1 "$e" "-f file"		-- -d "$D" -f "$V/names"
	vg 0 "$V/stdin" "-f -"		-- -d "$D" -f -
	vg 1 "$e" "-l -f file"		-- -l -d "$D" -f "$V/names"
	vg 1 "$e" "-q"			-- -q -d "$D" nosuch /a
	vg 0 "$e" "-v"			-- -v -d "$D" /a b /c
	vg 0 "$e" "-a -v"		-- -a -v -d "$D"
	vg 2 "$e" "usage error"		-- -l -a
	vg 2 "$e" "unknown option"	-- -x
	vg 2 "$e" "no such -d"		-- -d "$V/nosuch" /a
	vg 2 "$e" "no such -f"		-- -d "$D" -f "$V/nosuch"
	rmdir "$V/empty.d"
	if [ "$bad" -eq 0 ]; then
		pass "valgrind: $n invocations, 0 errors, 0 leaks"
	else
		fail "valgrind: $bad of $n invocations"
	fi
}

# ------------------------------------------------------------------
# (c) Static analysers.
SRCS="shmtouch.c sha256.c"

# No suppressions: cppcheck finds nothing in either file.
step_cppcheck() {
	if ! have cppcheck; then
		skip "cppcheck: cppcheck not installed"
		return
	fi
	# shellcheck disable=SC2086
	if cppcheck -q --std=c99 --enable=warning,portability \
	    --error-exitcode=1 $SRCS >"$W/cppcheck.log" 2>&1; then
		pass "cppcheck: $SRCS ($(cppcheck --version))"
	else
		fail "cppcheck:"
		show "$W/cppcheck.log" 40
	fi
}

# No suppressions: clang-analyzer finds nothing in either file.
step_tidy() {
	if ! have clang-tidy; then
		skip "tidy: clang-tidy not installed"
		return
	fi
	found=0
	for f in $SRCS; do
		clang-tidy -quiet -checks='-*,clang-analyzer-*' "$f" -- \
		    -std=c99 -Wall -Wextra -I"$top" >"$W/tidy.log" 2>&1
		rc=$?
		if [ "$rc" -ne 0 ]; then
			fail "tidy: clang-tidy $f exit $rc"
			show "$W/tidy.log"
			return
		fi
		# file:line:col: warning: message [check]
		if grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' \
		    "$W/tidy.log" >"$W/tidy.diag"; then
			sed 's/^/	/' "$W/tidy.diag"
			found=$((found + $(wc -l <"$W/tidy.diag")))
		fi
	done
	if [ "$found" -eq 0 ]; then
		pass "tidy: clang-analyzer-* over $SRCS, no findings"
	else
		fail "tidy: $found finding(s) from clang-analyzer-*"
	fi
}

# ------------------------------------------------------------------
# (d) SHA-256 at scale.
#
# 100 000 names of 0 to 300 random bytes, each byte 1-255 but not the
# newline (NUL and newline cannot be in a line of -f).  -f skips empty
# lines and lines that begin with #, so the names that are empty or
# begin with # (about 700) are given as operands in the same run instead:
# every name is mapped.  The operands' paths come first, then the file's.
# The first names have the lengths that matter to SHA-256 padding, and
# one begins with #, so every run covers them.
NSHA=100000
step_sha256() {
	seed=${SHA_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
	if have python3 && [ "${SHA_TOOL:-}" != openssl ]; then
		sha_python
	elif have openssl; then
		sha_openssl
	else
		skip "sha256: neither python3 nor openssl to compare with"
	fi
}

sha_python() {
	mkdir "$W/sha"
	python3 - "$ST" "$W/sha" "$NSHA" "$seed" >"$W/sha.log" 2>&1 <<'EOF'
import hashlib, os, random, subprocess, sys

st, w, count, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
pool = b''
def randname(n):
    global pool
    while len(pool) < n:
        pool += rng.getrandbits(8 * 65536).to_bytes(65536, 'little') \
            .replace(b'\0', b'').replace(b'\n', b'')
    s, pool = pool[:n], pool[n:]
    return s
lens = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 299, 300]
names = [randname(n) for n in lens]
names.append(b'#' + randname(20))
names += [randname(rng.randint(0, 300)) for _ in range(count - len(names))]
skipped = lambda n: len(n) == 0 or n[0:1] == b'#'
ops = [n for n in names if skipped(n)]
lines = [n for n in names if not skipped(n)]
d = os.path.join(w, 'd')
f = os.path.join(w, 'names')
os.mkdir(d)
with open(f, 'wb') as fp:
    fp.write(b''.join(n + b'\n' for n in lines))
r = subprocess.run([st, '-q', '-n', '-d', d, '-f', f, '--'] + ops,
    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
got = r.stdout.split(b'\n')
if got and got[-1] == b'':
    got.pop()
bad = 0
if r.returncode != 1:      # every object is missing: status 1
    print('exit status %d, want 1' % r.returncode); bad += 1
if r.stderr:
    print('-q, yet stderr: %r' % r.stderr[:200]); bad += 1
if len(got) != len(names):
    print('%d paths for %d names' % (len(got), len(names))); bad += 1
for i, n in enumerate(ops + lines):
    want = (d + '/' + hashlib.sha256(n).hexdigest() + '.shm').encode()
    if i < len(got) and got[i] != want:
        bad += 1
        if bad <= 3:
            print('name %.60r... (%d bytes): got %r, want %r'
                % (n, len(n), got[i][-69:], want[-69:]))
print('%d names (%d lengths 0-300; %d given as operands), %d mismatches'
    % (len(names), len(set(map(len, names))), len(ops), bad))
sys.exit(1 if bad else 0)
EOF
	rc=$?
	if [ "$rc" -eq 0 ]; then
		pass "sha256: $(tail -n 1 "$W/sha.log"), python3 hashlib, seed $seed"
	else
		fail "sha256: python3 hashlib, seed $seed:"
		show "$W/sha.log"
	fi
}

# Without python3: awk makes the names, one file each, and openssl dgst
# hashes the files.
sha_openssl() {
	S=$W/sha
	mkdir "$S" "$S/n" "$S/d"
	awk -v seed="$seed" -v count="$NSHA" -v dir="$S/n" \
	    -v ops="$S/ops" -v lines="$S/lines" -v names="$S/names" '
	function randname(len,   s, j, c) {
		s = ""
		for (j = 0; j < len; j++) {
			c = 1 + int(rand() * 254)	# 1-254, then skip 10
			if (c >= 10)
				c++
			s = s sprintf("%c", c)
		}
		return s
	}
	BEGIN {
		srand(seed)
		split("0 1 55 56 57 63 64 65 119 120 128 299 300", fixed, " ")
		for (i = 1; i <= count; i++) {
			if (i in fixed)
				s = randname(fixed[i])
			else if (i == 14)
				s = "#" randname(20)
			else
				s = randname(int(rand() * 301))
			f = dir "/" i
			printf "%s", s > f
			close(f)
			if (s == "" || substr(s, 1, 1) == "#")
				print i > ops
			else {
				print i > lines
				print s > names
			}
		}
	}' || { fail "sha256: awk"; return; }
	touch "$S/ops" "$S/lines" "$S/names"
	# shmtouch: operands (the skipped names), then the file.
	set --
	while read -r i; do
		set -- "$@" "$(cat "$S/n/$i")"
	done <"$S/ops"
	"$ST" -q -n -d "$S/d" -f "$S/names" -- "$@" >"$S/got" 2>"$S/err"
	rc=$?
	# openssl: "<hex> *<dir>/<i>", put in the order shmtouch prints.
	# shellcheck disable=SC2011	# the files are named 1 to $NSHA
	(cd "$S/n" && ls | xargs openssl dgst -sha256 -r) >"$S/dgst" ||
	    { fail "sha256: openssl dgst"; return; }
	cat "$S/ops" "$S/lines" |
	awk -v d="$S/d" 'NR == FNR { sub(/^\*/, "", $2); h[$2] = $1; next }
	    { print d "/" h[$1] ".shm" }' "$S/dgst" - >"$S/want"
	nops=$(wc -l <"$S/ops" | tr -d ' ')
	nwant=$(wc -l <"$S/want" | tr -d ' ')
	ngot=$(wc -l <"$S/got" | tr -d ' ')
	nbad=$(paste -d '\n' "$S/got" "$S/want" |
	    awk 'NR % 2 { g = $0; next } g != $0 { n++ } END { print n + 0 }')
	if [ "$rc" -eq 1 ] && [ ! -s "$S/err" ] && [ "$nwant" -eq "$NSHA" ] &&
	    [ "$ngot" -eq "$NSHA" ] && [ "$nbad" -eq 0 ]; then
		pass "sha256: $NSHA names ($nops given as operands), 0 mismatches, openssl dgst, seed $seed"
	else
		fail "sha256: exit $rc (want 1), $ngot paths for $nwant names," \
		    "$nbad mismatches, openssl dgst, seed $seed"
		head -n 3 "$S/err" | sed 's/^/	/'
	fi
}

for s in $steps; do
	case $s in
	asan|valgrind|cppcheck|tidy|sha256)	"step_$s" ;;
	*)	echo "tests/check.sh: no step $s" >&2; exit 2 ;;
	esac
done
if [ "$failed" -eq 0 ]; then
	echo "check: all passed"
else
	echo "check: $failed step(s) failed"
fi
[ "$failed" -eq 0 ]
