#!/bin/sh
#
# fuzz/run.sh [seconds [harness ...]]: build the libFuzzer harnesses with
# clang (-fsanitize=fuzzer,address,undefined) and run each for the given
# number of seconds (default 60), one after the other.  Harnesses: esc,
# objfile, readnames (all three when none is named).  Run from the top of
# the tree ("make fuzz").
#
# The committed seed corpus fuzz/corpus/<harness> is only read: new inputs
# go to fuzz/work/<harness>/corpus, crashes to fuzz/work/<harness>/, and
# the run's log to fuzz/work/<harness>/log.  Prints one line per harness
# with its executions and coverage, and exits non-zero if any harness
# found a crash (or could not be built).
#
# Environment: FUZZCC (default clang), FUZZFLAGS (extra compiler flags),
# FUZZOPTS (extra libFuzzer options).

set -u
export LC_ALL=C

secs=${1:-60}
[ $# -gt 0 ] && shift
harnesses=${*:-esc objfile readnames}
case $secs in
''|*[!0-9]*)
	echo "usage: fuzz/run.sh [seconds [harness ...]]" >&2
	exit 2
	;;
esac

CC=${FUZZCC:-clang}
CFLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -std=c99 -Wall -Wextra -Wpedantic ${FUZZFLAGS:-}"
B=fuzz/work
if ! command -v "$CC" >/dev/null 2>&1; then
	echo "SKIP: fuzz: no $CC (libFuzzer needs clang)"
	exit 0
fi
[ -f shmtouch.c ] || { echo "fuzz/run.sh: run from the top of the tree" >&2; exit 2; }

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

fail=0
for h in $harnesses; do
	case $h in
	esc|objfile)	opts="-max_len=4096" ;;
	readnames)	opts="-max_len=8192" ;;
	*)	echo "fuzz/run.sh: no harness $h" >&2; exit 2 ;;
	esac
	W=$B/$h
	mkdir -p "$W/corpus"
	# shellcheck disable=SC2086
	if ! $CC $CFLAGS -o "$W/fuzz_$h" "fuzz/fuzz_$h.c" sha256.c; then
		echo "FAIL: fuzz $h: build"
		fail=1
		continue
	fi
	# shellcheck disable=SC2086
	TMPDIR=$(pwd)/$W "$W/fuzz_$h" -max_total_time="$secs" -timeout=10 -print_final_stats=1 \
	    -artifact_prefix="$W/" $opts ${FUZZOPTS:-} \
	    "$W/corpus" "fuzz/corpus/$h" >"$W/log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$W/log" | tail -n 1)
	cov=$(grep -E '^#[0-9]+' "$W/log" | grep 'cov:' | tail -n 1 |
	    sed 's/.*\(cov: [0-9]*\).*\(ft: [0-9]*\).*/\1 \2/')
	corp=$(grep -E '^#[0-9]+' "$W/log" | grep 'corp:' | tail -n 1 |
	    sed 's/.*corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/')
	if [ "$rc" -eq 0 ]; then
		echo "PASS: fuzz $h: ${secs}s, ${runs:-?} executions, ${cov:-cov: ?}, corpus ${corp:-?}"
	else
		echo "FAIL: fuzz $h: exit $rc, see $W/log:"
		grep -E 'ERROR|SUMMARY|artifact' "$W/log" | head -n 10
		fail=1
	fi
done
exit $fail
