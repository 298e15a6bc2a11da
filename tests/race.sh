#!/bin/sh
#
# shmtouch against an attacker who swaps an object's entry between its
# check and its touch (issue 3, part 2).  Run from the top of the tree by
# "make race".  Bounded to about 10 seconds (RACE_SECONDS), and every
# process it starts stops by itself.
#
# tests/race-attacker keeps renaming a fresh regular file and a trap over
# one object path, in a tight loop, while shmtouch runs again and again,
# by name and with -a in turn.  Whatever it touches, the victim's times
# must never change, no run may block, crash or leave a file behind.
# Ends with the line "N passed, N failed, N skipped".

. "$(pwd)/tests/lib.sh"

RA=$top/tests/race-attacker
TOTAL=${RACE_SECONDS:-10}
MINRUNS=1000		# runs of the symlink phase, at the least
CAP=30			# seconds an attacker lives at most

if [ ! -x "$RA" ]; then
	echo "race.sh: $RA: not built" >&2
	exit 2
fi
# Words, not a function: the attacker's process ID must be $!.
[ $nobody = no ] ||
    ASNOBODY="setpriv --reuid=nobody --regid=$NOGID --clear-groups"

NAME=/race
OBJ=$(hash $NAME).shm

# race mode seconds minruns expected [as]: run the attacker in mode
# against $D/$OBJ and the victim $T/victim, as the user "as" runs it (or
# as this user), and shmtouch over and over, for at least seconds and
# minruns runs.  expected: the messages (after the last ": ") a refused
# run may give, separated by |.
race() {
	mode=$1 secs=$2 minruns=$3 expected=$4 as=${5-}
	rm -f "$T/bad"
	: >"$T/victim"
	"$H" age $((10 * DAY)) "$T/victim"
	before=$(ftimes "$T/victim")
	: >"$T/err"
	$as "$RA" "$mode" "$D" "$OBJ" "$T/victim" $CAP >"$T/swaps" \
	    2>"$T/aerr" &
	apid=$!
	pids=$apid
	# Start when the attacker's first swap is there: no sleep.
	n=0
	until [ -e "$D/$OBJ" ] || [ -L "$D/$OBJ" ] || [ $n -ge 100000 ]; do
		n=$((n + 1))
	done
	start=$(date +%s)
	runs=0 named=0 all=0 ok=0 refused=0 other=0
	while :; do
		if [ $((runs % 2)) -eq 0 ]; then
			"$HH" run 5 "$ST" -d "$D" "$NAME" 2>>"$T/err"
			rc=$?
			named=$((named + 1))
		else
			"$HH" run 5 "$ST" -a -d "$D" 2>>"$T/err"
			rc=$?
			all=$((all + 1))
		fi
		runs=$((runs + 1))
		case $rc in
		0)	ok=$((ok + 1)) ;;
		1)	refused=$((refused + 1)) ;;
		*)	other=$((other + 1))
			echo "run $runs: exit $rc" >>"$T/bad" ;;
		esac
		[ $((runs % 50)) -eq 0 ] || continue
		kill -0 "$apid" 2>/dev/null || break
		elapsed=$(($(date +%s) - start))
		[ "$runs" -ge "$minruns" ] && [ "$elapsed" -ge "$secs" ] && break
	done
	elapsed=$(($(date +%s) - start))
	kill "$apid" 2>/dev/null
	wait "$apid"
	arc=$?
	if kill -0 "$apid" 2>/dev/null; then
		check "attacker $apid stopped" false
	fi
	apid= pids=
	swaps=$(sed -n 1p "$T/swaps")
	opened=$(sed -n 2p "$T/swaps")
	after=$(ftimes "$T/victim")

	assert "victim's atime and mtime: $after" \
	    "victim's atime and mtime: $before"
	assert "attacker exit $arc: $(cat "$T/aerr")" "attacker exit 0: "
	check "at least $minruns runs, not $runs" [ "$runs" -ge "$minruns" ]
	check "the attacker swapped" [ "${swaps:-0}" -gt 0 ]
	assert "runs exiting neither 0 nor 1 (124: blocked): $other" \
	    "runs exiting neither 0 nor 1 (124: blocked): 0"
	[ "$other" -eq 0 ] || head -n 5 "$T/bad"
	rm -f "$T/bad"
	# Every message one line, about the object, of an expected kind.
	sed 's/.*: //' "$T/err" | sort | uniq -c | sed 's/^ *//' >"$T/kinds"
	grep -Ev "^shmtouch: ($NAME: )?$D/$OBJ: ($expected)\$" "$T/err" |
	    sort -u | head -n 5 >"$T/unexpected"
	check "unexpected messages:
$(cat "$T/unexpected")" [ ! -s "$T/unexpected" ]
	# Nothing left behind but the attacker's own entries.
	ls -a "$D" | grep -v -e '^\.\.\{0,1\}$' -e '^\.race-reg$' \
	    -e '^\.race-trap$' -e "^$OBJ\$" >"$T/extra"
	check "files created: $(cat "$T/extra")" [ ! -s "$T/extra" ]
	ls -a "$T" | grep -v -e '^\.\.\{0,1\}$' -e '^d$' -e '^victim$' \
	    -e '^err$' -e '^aerr$' -e '^swaps$' -e '^kinds$' \
	    -e '^unexpected$' -e '^extra$' >"$T/extra"
	check "files created beside the victim: $(cat "$T/extra")" \
	    [ ! -s "$T/extra" ]
	printf '%s: %s swaps, %s runs (%s by name, %s with -a) in %s s;' \
	    "$mode" "${swaps:-0}" "$runs" "$named" "$all" "$elapsed"
	printf ' %s exit 0, %s exit 1, with:\n' "$ok" "$refused"
	sed 's/^/    /' "$T/kinds"
	# Allowed (see touchobj()), but worth knowing: how often shmtouch
	# had the attacker's FIFO open when the attacker looked.
	[ -z "$opened" ] ||
	    echo "    the attacker found his FIFO open by a reader $opened times"
}

# The regular file that shmtouch opened may be renamed over, so unlinked,
# before its fstat(2): that is an object gone, reported by name as
# missing, like an ENOENT, and never as "more than one hard link".
GONE='No such file or directory'

# Phase times: 60 % at least for the symbolic link, 10 % each for the
# others, which need fewer runs.
S1=$((TOTAL * 6 / 10))
S2=$(((TOTAL + 9) / 10))
S3=$S2

try "race: regular file and symlink to the victim swapped, $MINRUNS runs or more"
# The attacker is this user, in a private directory: so the kernel's
# fs.protected_symlinks, which guards only sticky world-writable
# directories, cannot be what saves the victim.  OpenBSD has no such
# guard.
race symlink $S1 $MINRUNS \
    "symbolic link, not followed|Too many levels of symbolic links|$GONE|replaced while being checked"

try "race: regular file and hard link to the victim swapped"
race hardlink $S2 100 \
    "more than one hard link|$GONE|replaced while being checked"

try "race: regular file and FIFO swapped, by nobody when root: no run blocks"
if [ $nobody = yes ]; then
	chmod 1777 "$D"
	race fifo $S3 100 "not a regular file|$GONE|replaced while being checked" \
	    "$ASNOBODY"
elif [ $root = yes ]; then
	skip "needs setpriv(1) to run the attacker as nobody"
else
	echo "race: not root: the FIFO attacker is this user"
	race fifo $S3 100 "not a regular file|$GONE|replaced while being checked"
fi

summary
