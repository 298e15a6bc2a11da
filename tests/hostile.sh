# Sourced by tests/run.sh: shmtouch against a hostile /tmp and bad input
# (issue 3, parts 1 and 3), and against what an unprivileged user of the
# machine can do to a root shmtouch.  Root (CI) runs every case; other
# users get a SKIP line for each case that needs root, never a pass.

# snap dir ...: every entry of each dir, with its type, owner, group,
# mode, size and link count, but not its times.  The names hold no
# blank, quote or backslash.
snap() {
	for d; do
		ls -a "$d" | sed "/^\.\.\{0,1\}\$/d; s|^|$d/|"
	done | xargs stat $STAT "$LSTAT"
}

# === Part 1: the adversarial directory ================================
#
# $A is world-writable and sticky, like /tmp.  Each entry is named like
# the object of "/hostile-<kind>" (.sem for kinds ending in -sem); the
# victims live in $V, outside $A, except "inside", which lives in $A under
# a name no object has.  Every symbolic link is root's (or the test
# user's) own, so that fs.protected_symlinks cannot hide a shmtouch that
# follows one.

A=$T/adv
V=$T/victims
mkdir "$A" "$V"
chmod 1777 "$A"

REFUSED="symlink-out symlink-in symlink-dir symlink-sem dangling symlink-loop
    symlink-fifo hardlink hardlink-fifo fifo socket dir chardev"
VALID="other-user mode000 empty plain-sem"

apath() {
	case $1 in
	*-sem)	echo "$A/$(hash "/hostile-$1").sem" ;;
	*)	echo "$A/$(hash "/hostile-$1").shm" ;;
	esac
}
# sflag kind: -s for the kinds whose object is a semaphore.
sflag() { case $1 in *-sem) printf '%s\n' -s ;; esac; }
why() {
	case $1 in
	symlink-*|dangling)	echo "symbolic link, not followed" ;;
	hardlink)		echo "more than one hard link" ;;
	hardlink-fifo|fifo|socket|dir|chardev)
				echo "not a regular file" ;;
	esac
}

: >"$V/outside"
printf 'victim\n' >"$V/hard"
mkdir "$V/dir"
: >"$V/dir/file"
mkfifo "$V/fifo"
: >"$A/inside"
set -- $(ls -l /dev/null)
NULLDEV="${5%,} $6"

# made: the kinds that exist; why each missing one was skipped is in
# $T/skipped.
made=
: >"$T/skipped"
for k in $REFUSED $VALID; do
	p=$(apath "$k")
	case $k in
	symlink-out|symlink-sem) ln -s "$V/outside" "$p" ;;
	symlink-in)	ln -s "$A/inside" "$p" ;;
	symlink-dir)	ln -s "$V/dir" "$p" ;;
	dangling)	ln -s "$V/nowhere" "$p" ;;
	symlink-loop)	ln -s "$p" "$p" ;;
	symlink-fifo)	ln -s "$V/fifo" "$p" ;;
	hardlink)	ln "$V/hard" "$p" ;;
	hardlink-fifo)	ln "$V/fifo" "$p" ;;
	fifo)		mkfifo "$p" ;;
	socket)		pid=$(cd "$A" && "$HH" listen "${p##*/}") &&
			    pids="$pids $pid" ;;
	dir)		mkdir "$p" && : >"$p/file" ;;
	chardev)
		if [ $root = no ]; then
			echo "$k: mknod needs root" >>"$T/skipped"
			continue
		fi
		mknod "$p" c $NULLDEV ;;
	other-user)
		if [ $root = no ] || ! id nobody >/dev/null 2>&1; then
			echo "$k: chown needs root and a user nobody" \
			    >>"$T/skipped"
			continue
		fi
		: >"$p" && chown nobody "$p" ;;
	mode000)
		# Only root can open a file of mode 000; a user's own such
		# file is refused ("Permission denied"), as libc refuses it.
		if [ $root = no ]; then
			echo "$k: only root opens a mode 000 file" \
			    >>"$T/skipped"
			continue
		fi
		printf 'data\n' >"$p" && chmod 000 "$p" ;;
	empty)		: >"$p" ;;
	plain-sem)	"$H" mkobj -s "$A" "/hostile-$k" ;;
	esac || { echo "hostile.sh: cannot make $k" >&2; exit 2; }
	made="$made $k"
done

# The victims: files outside $A, the one inside it, and every refused
# entry itself.  All are set to one time 10 days ago; none may ever change
# its times.  Following a link would change the link's own access time.
victims="$V/outside $V/hard $V/dir $V/fifo $A/inside"
valid=
nrefused=0 nrefusedshm=0
for k in $made; do
	case " $VALID " in
	*" $k "*)	valid="$valid $(apath "$k")" ;;
	*)		victims="$victims $(apath "$k")"
			nrefused=$((nrefused + 1))
			case $k in
			*-sem)	;;
			*)	nrefusedshm=$((nrefusedshm + 1)) ;;
			esac ;;
	esac
done
# The links' targets, read once here: reading a link sets its atime.
for k in $made; do
	case $k in
	symlink-*|dangling) echo "$k $(ls -l "$(apath "$k")" | sed 's/.* -> //')" ;;
	esac
done >"$T/targets"
VT=$(($(date +%s) - 10 * DAY))
"$HH" settime $VT $victims
vtimes() { ftimes $victims; }
vtimes >"$T/vtimes"
snap "$A" "$V" >"$T/snap"

# safe: after each run: it returned in time, no victim changed its
# times, nothing was created, removed, resized or given away.
safe() {
	check "returned within $BOUND s (exit $rc)" [ "$rc" -ne 124 ]
	vtimes >"$T/vtimes.now"
	check "victims keep their times:
$(diff "$T/vtimes" "$T/vtimes.now")" cmp -s "$T/vtimes" "$T/vtimes.now"
	snap "$A" "$V" >"$T/snap.now"
	check "nothing created or changed:
$(diff "$T/snap" "$T/snap.now")" cmp -s "$T/snap" "$T/snap.now"
	check "dangling link target not created" [ ! -e "$V/nowhere" ]
}

# ageall: age the valid objects again, so that a touch shows.
ageall() {
	[ -z "$valid" ] || "$H" age $((10 * DAY)) $valid
	t0=$(date +%s)
}

# The refusal lines of a run over the whole directory (-a, -l).
for k in $made; do
	w=$(why "$k")
	[ -z "$w" ] || echo "shmtouch: $(apath "$k"): $w"
done | sort >"$T/refusals"
for v in $valid; do echo "$v"; done | sort >"$T/validpaths"

while IFS= read -r line; do
	echo "SKIP: adversarial entry ${line%%:*}: ${line#*: }"
	skipped=$((skipped + 1))
done <"$T/skipped"

try "adversarial directory: the entries were made as asked"
assert "$(grep -c . "$T/targets")" 7
check "socket listening" [ -S "$(apath socket)" ]
check "fifo a FIFO" [ -p "$(apath fifo)" ]
assert "$(wc -l <"$T/refusals" | tr -d ' ')" "$nrefused"
assert "$nrefused" \
    "$(($(echo $REFUSED | wc -w) - $(grep -c '^chardev' "$T/skipped")))"

try "adversarial directory: -a touches the valid objects, refuses the rest"
ageall
run -a -d "$A"
cp "$T/err" "$T/all.err"
assert "$rc" 1
assert "$out" ""
assert "$(printf '%s\n' "$err" | sort)" "$(cat "$T/refusals")"
for v in $valid; do check "$v touched" touched "$v"; done
safe

try "adversarial directory: -a -n prints the valid objects only"
ageall
run -a -n -d "$A"
cp "$T/err" "$T/alln.err"
assert "$rc" 1
assert "$(printf '%s\n' "$out" | sort)" "$(cat "$T/validpaths")"
assert "$(printf '%s\n' "$err" | sort)" "$(cat "$T/refusals")"
for v in $valid; do check "$v untouched" untouched "$v"; done
safe

try "adversarial directory: -l lists the valid objects only"
ageall
run -l -d "$A"
cp "$T/err" "$T/list.err"
assert "$rc" 1
assert "$(printf '%s\n' "$out" | awk 'NR > 1 {print $7}' | sort)" \
    "$(cat "$T/validpaths")"
assert "$(printf '%s\n' "$err" | sort)" "$(cat "$T/refusals")"
for v in $valid; do check "$v untouched" untouched "$v"; done
safe

try "adversarial directory: every name at once, and with -f"
ageall
shm= sem=
for k in $made; do
	case $k in
	*-sem)	sem="$sem /hostile-$k" ;;
	*)	shm="$shm /hostile-$k" ;;
	esac
done
run -d "$A" $shm
assert "$rc" 1
assert "$out" ""
assert "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" "$nrefusedshm"
safe
run -s -d "$A" $sem
assert "$rc" 1
for v in $valid; do check "$v touched" touched "$v"; done
safe
ageall
printf '%s\n' $shm >"$T/list"
run -v -d "$A" -f "$T/list"
assert "$rc" 1
assert "$(printf '%s\n' "$out" | sort)" "$(grep -v '\.sem$' "$T/validpaths")"
assert "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" "$nrefusedshm"
safe
run -l -d "$A" -f "$T/list"
assert "$rc" 1
assert "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" "$nrefusedshm"
safe

for k in $made; do
	try "adversarial entry $k: by name, -n and -l; one line in -a, -l"
	n=/hostile-$k
	p=$(apath "$k")
	w=$(why "$k")
	s=$(sflag "$k")
	ageall
	run $s -d "$A" "$n"
	if [ -n "$w" ]; then
		assert "$rc" 1
		assert "$out" ""
		assert "$err" "shmtouch: $n: $p: $w"
	else
		assert "$rc" 0
		assert "$out$err" ""
		check "$p touched" touched "$p"
	fi
	safe

	ageall
	run -n $s -d "$A" "$n"
	assert "$out" "$p"
	if [ -n "$w" ]; then
		assert "$rc" 1
		assert "$err" "shmtouch: $n: $p: $w"
	else
		assert "$rc" 0
		assert "$err" ""
		check "$p untouched by -n" untouched "$p"
	fi
	safe

	run -l -d "$A" "$n"
	if [ -n "$w" ]; then
		assert "$rc" 1
		assert "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1
		assert "$err" "shmtouch: $n: $p: $w"
	else
		assert "$rc" 0
		assert "$(printf '%s\n' "$out" | awk 'NR > 1 {print $7, $8}')" \
		    "$p $n"
		assert "$err" ""
		check "$p untouched by -l" untouched "$p"
	fi
	safe

	# The runs over the whole directory: one line for this entry.
	for f in all alln list; do
		if [ -n "$w" ]; then
			assert "$f: $(grep -cF "$p: $w" "$T/$f.err")" "$f: 1"
		else
			assert "$f: $(grep -cF "$p" "$T/$f.err")" "$f: 0"
		fi
	done
done

try "adversarial directory: every link still points where it did"
for k in $made; do
	case $k in
	symlink-*|dangling) echo "$k $(ls -l "$(apath "$k")" | sed 's/.* -> //')" ;;
	esac
done >"$T/targets.now"
check "links unchanged" cmp -s "$T/targets" "$T/targets.now"
check "the victim outside is still empty" [ ! -s "$V/outside" ]
assert "$(cat "$V/hard")" victim

# === Part 3: bad input =================================================

try "names file with CRLF: the name keeps its \\r, shown as \\015"
cr=$(printf '\r')
"$H" mkobj "$D" "/crlf1$cr" /crlf1
"$H" age $((10 * DAY)) "$(obj "/crlf1$cr")" "$(obj /crlf1)"
printf '/crlf1\r\n/crlf2\r\n' >"$T/list"
t0=$(date +%s)
run -d "$D" -f "$T/list"
assert "$rc" 1
assert "$err" "shmtouch: /crlf2\\015: $(obj "/crlf2$cr"): No such file or directory"
check "/crlf1\\r touched" touched "$(obj "/crlf1$cr")"
check "/crlf1 untouched" untouched "$(obj /crlf1)"
run -n -d "$D" -f "$T/list"
assert "$out" "$(obj "/crlf1$cr")
$(obj "/crlf2$cr")"
run -l -d "$D" -f "$T/list"
assert "$(printf '%s\n' "$out" | awk 'NR == 2 {print $8}')" '/crlf1\015'
check "output printable" printable

try "names file without a final newline: the last name counts"
"$H" mkobj "$D" /nf1 /nf2
"$H" age $((10 * DAY)) "$(obj /nf1)" "$(obj /nf2)"
printf '/nf1\n/nf2' >"$T/list"
t0=$(date +%s)
run -d "$D" -f "$T/list"
assert "$rc" 0
assert "$out$err" ""
check "/nf1 touched" touched "$(obj /nf1)"
check "/nf2 touched" touched "$(obj /nf2)"
printf '/nf1\n/nf3' | "$HH" run $BOUND "$ST" -n -d "$D" -f - >"$T/out" \
    2>"$T/err"
assert "$?" 1
assert "$(cat "$T/out")" "$(obj /nf1)
$(obj /nf3)"
assert "$(cat "$T/err")" "shmtouch: /nf3: $(obj /nf3): No such file or directory"

try "names file with NUL bytes: each such line refused by its number"
"$H" mkobj "$D" /ok1 /ok2 /bad
"$H" age $((10 * DAY)) "$(obj /ok1)" "$(obj /ok2)" "$(obj /bad)"
printf '/ok1\n/bad\000tail\n\000\n/ok2\n#c\000x\n/bad\000' >"$T/list"
t0=$(date +%s)
run -d "$D" -f "$T/list"
assert "$rc" 1
assert "$out" ""
assert "$err" "shmtouch: $T/list: line 2: NUL byte in name
shmtouch: $T/list: line 3: NUL byte in name
shmtouch: $T/list: line 5: NUL byte in name
shmtouch: $T/list: line 6: NUL byte in name"
check "/ok1 touched" touched "$(obj /ok1)"
check "/ok2 touched" touched "$(obj /ok2)"
check "/bad (the bytes before the NUL) untouched" untouched "$(obj /bad)"
run -q -n -d "$D" -f "$T/list"
assert "$rc" 1
assert "$out$err" "$(obj /ok1)
$(obj /ok2)"
"$HH" run $BOUND "$ST" -n -d "$D" -f - <"$T/list" >/dev/null 2>"$T/err"
assert "$(sed -n 1p "$T/err")" "shmtouch: stdin: line 2: NUL byte in name"

try "names file of 100 000 lines"
awk 'BEGIN { for (i = 1; i <= 100000; i++) print "/n" i }' >"$T/list"
"$H" mkobj "$D" /n1 /n50000 /n100000
"$H" age $((10 * DAY)) "$(obj /n1)" "$(obj /n50000)" "$(obj /n100000)"
t0=$(date +%s)
runlong -q -d "$D" -f "$T/list"
assert "$rc" 1
assert "$out$err" ""
for n in /n1 /n50000 /n100000; do check "$n touched" touched "$(obj "$n")"; done
runlong -n -d "$D" -f "$T/list"
assert "$rc" 1
assert "$(wc -l <"$T/out" | tr -d ' ')" 100000
assert "$(grep -c "^$D/[0-9a-f]\{64\}\.shm\$" "$T/out")" 100000
assert "$(sort -u "$T/out" | wc -l | tr -d ' ')" 100000
assert "$(sed -n 1p "$T/out")" "$(obj /n1)"
assert "$(sed -n 77777p "$T/out")" "$(obj /n77777)"
assert "$(sed -n 100000p "$T/out")" "$(obj /n100000)"
assert "$(wc -l <"$T/err" | tr -d ' ')" 99997
assert "$(grep -c ': No such file or directory$' "$T/err")" 99997
runlong -l -d "$D" -f "$T/list"
assert "$rc" 1
assert "$(printf '%s\n' "$out" | awk 'NR > 1 {print $8}' | sort)" "/n1
/n100000
/n50000"
assert "$(wc -l <"$T/err" | tr -d ' ')" $((2 * 99997))

try "names file of one 10 MiB line"
dd if=/dev/zero bs=1048576 count=10 2>/dev/null | tr '\0' x >"$T/xs"
cp "$T/xs" "$T/name"
printf '\033' >>"$T/name"
cp "$T/name" "$T/list"
echo >>"$T/list"
h=$(hashfile "$T/name")
runlong -n -q -d "$D" -f "$T/list"
assert "$rc" 1
assert "$out" "$D/$h.shm"
runlong -d "$D" -f "$T/list"
assert "$rc" 1
{
	printf 'shmtouch: '
	cat "$T/xs"
	printf '\\033: %s: No such file or directory\n' "$D/$h.shm"
} >"$T/want"
check "one escaped message line" cmp -s "$T/err" "$T/want"
: >"$D/$h.shm"
"$H" age $((10 * DAY)) "$D/$h.shm"
t0=$(date +%s)
runlong -d "$D" -f "$T/list"
assert "$rc" 0
check "object touched" touched "$D/$h.shm"

try "names file of binary garbage"
"$HH" garbage 16384 7 >"$T/list"
mkdir "$T/lines"
(cd "$T/lines" && split -l 1 -a 4 "$T/list" l.)
n=0
for f in "$T/lines"/l.*; do
	n=$((n + 1))
	tr -d '\000\n' <"$f" >"$f.s"
done
# Each line's newlines (1, or 0 for an unterminated last one) and NULs
# are the bytes that tr removed.
if [ "$(tr -cd '\n' <"$T/list" | wc -c | tr -d ' ')" -eq "$n" ]; then
	lastnl=1
else
	lastnl=0
fi
(cd "$T/lines" && wc -c l.???? | sed '$d' >../sizes &&
    wc -c l.????.s | sed '$d' >../ssizes)
paste "$T/sizes" "$T/ssizes" | {
	i=0
	while read -r a f b fs; do
		i=$((i + 1))
		nl=1
		[ "$i" -eq "$n" ] && nl=$lastnl
		if [ $((a - b)) -ne "$nl" ]; then
			echo "shmtouch: $T/list: line $i: NUL byte in name" >&3
			continue
		fi
		[ "$b" -gt 0 ] || continue
		IFS= read -r line <"$T/lines/$fs"
		case $line in
		'#'*)	;;
		*)	echo "$T/lines/$fs" ;;
		esac
	done
} >"$T/wantfiles" 3>"$T/wantnul"
hashfiles $(cat "$T/wantfiles") | sed "s|^|$D/|; s|\$|.shm|" >"$T/want"
check "garbage split into lines" [ "$n" -gt 100 ]
check "garbage holds NUL lines" [ -s "$T/wantnul" ]
run -n -q -d "$D" -f "$T/list"
assert "$rc" 1
check "paths of the garbage lines" cmp -s "$T/out" "$T/want"
run -n -d "$D" -f "$T/list"
assert "$(grep 'NUL byte' "$T/err")" "$(cat "$T/wantnul")"
assert "$(wc -l <"$T/err" | tr -d ' ')" \
    "$(($(wc -l <"$T/want") + $(wc -l <"$T/wantnul")))"
check "messages printable" printable
run -l -d "$D" -f "$T/list"
assert "$rc" 1
check "listing printable" printable

try "-d at a symbolic link to a directory: followed, as libc does"
mkdir "$T/real"
ln -s real "$T/dlink"
D=$T/real
"$H" mkobj "$D" /via
"$H" age $((10 * DAY)) "$(obj /via)"
t0=$(date +%s)
run -d "$T/dlink" /via
assert "$rc" 0
assert "$out$err" ""
check "/via touched" touched "$(obj /via)"
run -n -a -d "$T/dlink/"
assert "$rc" 0
assert "$out" "$T/dlink/$(hash /via).shm"
run -l -d "$T/dlink"
assert "$rc" 0
assert "$(printf '%s\n' "$out" | awk 'NR == 2 {print $7}')" "$T/dlink/$(hash /via).shm"

try "-d at a file, a FIFO or a dangling link: exit 2, named, no wait"
: >"$T/file"
mkfifo "$T/dfifo"
ln -s dfifo "$T/lfifo"
ln -s nowhere "$T/ldangle"
for d in file dfifo lfifo ldangle; do
	case $d in
	ldangle) e="No such file or directory" ;;
	*)	e="Not a directory" ;;
	esac
	for args in "/x" "-a" "-l" "-n -a"; do
		run -d "$T/$d" $args
		assert "$d $args: $rc" "$d $args: 2"
		assert "$out" ""
		assert "$err" "shmtouch: $T/$d: $e"
	done
done
check "nothing created" [ ! -e "$T/nowhere" ]

try "-d at a directory without read permission: exit 2"
mkdir "$T/noread"
chmod 311 "$T/noread"
if [ $root = yes ] && [ $nobody = no ]; then
	skip "root reads any directory; needs setpriv(1) to run as nobody"
else
	for args in "/x" "-a" "-l" "-n /x"; do
		if [ $root = yes ]; then
			asnobody "$HH" run $BOUND "$ST" -d "$T/noread" $args \
			    >"$T/out" 2>"$T/err"
		else
			"$HH" run $BOUND "$ST" -d "$T/noread" $args \
			    >"$T/out" 2>"$T/err"
		fi
		assert "$args: $?" "$args: 2"
		assert "$(cat "$T/out")" ""
		assert "$(cat "$T/err")" "shmtouch: $T/noread: Permission denied"
	done
fi

# A directory that can be read but not searched: every object is known
# by name but cannot be looked at.  -l by name must say "Permission
# denied" for each file, and not then claim that both are missing.
try "-l by name where the directory cannot be searched: no false 'missing'"
"$H" mkobj "$D" /hidden
chmod 644 "$D"
if [ $root = yes ] && [ $nobody = no ]; then
	skip "root searches any directory; needs setpriv(1) to run as nobody"
else
	if [ $root = yes ]; then as=asnobody; else as=; fi
	p=$(obj /hidden)
	$as "$HH" run $BOUND "$ST" -l -d "$D" /hidden >"$T/out" 2>"$T/err"
	assert "$?" 1
	assert "$(cat "$T/err")" "shmtouch: /hidden: $p: Permission denied
shmtouch: /hidden: $(obj /hidden sem): Permission denied"
	$as "$HH" run $BOUND "$ST" -d "$D" /hidden >"$T/out" 2>"$T/err"
	assert "$?" 1
	assert "$(cat "$T/err")" "shmtouch: /hidden: $p: Permission denied"
	$as "$HH" run $BOUND "$ST" -a -d "$D" >"$T/out" 2>"$T/err"
	assert "$?" 1
	assert "$(cat "$T/err")" "shmtouch: $p: Permission denied"
fi
chmod 755 "$D"

try "standard output full: exit 1 with a message, never success"
"$H" mkobj "$D" /full
if [ ! -w /dev/full ]; then
	skip "no /dev/full"
else
	for args in "-l" "-n -a" "-n /full" "-v /full" "-l /full"; do
		"$HH" run $BOUND "$ST" -d "$D" $args >/dev/full 2>"$T/err"
		assert "$args: $?" "$args: 1"
		stdouterr "$T/err"
	done
fi

try "standard output closed: exit 1 with a message, nothing written"
"$H" mkobj "$D" /closed
printf '/closed\n' >"$T/list"
snap "$D" >"$T/snap.d"
h0=$(hashfile "$T/list")
for args in "-l" "-n -a" "-n /closed" "-v /closed" "-v -f $T/list" \
    "-l -f $T/list"; do
	"$HH" run $BOUND "$ST" -d "$D" $args >&- 2>"$T/err"
	assert "$args: $?" "$args: 1"
	stdouterr "$T/err"
done
snap "$D" >"$T/snap.now"
check "nothing changed in the directory" cmp -s "$T/snap.d" "$T/snap.now"
assert "$(hashfile "$T/list")" "$h0"

try "standard error or input closed: nothing written anywhere"
"$H" mkobj "$D" /closed
printf '/closed\n/absent\n' >"$T/list"
snap "$D" >"$T/snap.d"
h0=$(hashfile "$T/list")
"$HH" run $BOUND "$ST" -d "$D" -f "$T/list" /absent2 >"$T/out" 2>&-
assert "$?" 1
assert "$(cat "$T/out")" ""
"$HH" run $BOUND "$ST" -a -d "$D" 2>&- <&- >"$T/out"
assert "$?" 0
"$HH" run $BOUND "$ST" -d "$D" -f - <&- >"$T/out" 2>"$T/err"
assert "$?" 2
assert "$(sed 's/: [^:]*$//' "$T/err")" "shmtouch: stdin"
assert "$(hashfile "$T/list")" "$h0"
snap "$D" >"$T/snap.now"
check "nothing changed in the directory" cmp -s "$T/snap.d" "$T/snap.now"

try "every option combination the usage forbids: exit 2, usage text"
set -f		# -? is an option here, not a pattern
for args in "" "-n" "-q" "-s" "-v" "-nqsv" "-d $D" "--" "-n -- " \
    "-a /n" "-a -- /n" "-a -s" "-a -f $T/list" "-a -f -" "-a -l" \
    "-n -a -s" "-q -v -a /n" \
    "-l -a" "-l -n" "-l -q" "-l -s" "-l -v" "-l -n /n" "-l -a -n" \
    "-f $T/list -f $T/list" "-l -f - -f -" \
    "-d" "-f" "-x" "-h" "-?" "--help" "-a -x" "-l -d"; do
	run $args
	assert "'$args': $rc" "'$args': 2"
	assert "$out" ""
	assert "$(printf '%s\n' "$err" | tail -n 3)" "$USAGE"
	# Only the usage text, and at most getopt's own line before it.
	check "'$args': at most 4 lines" \
	    [ "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" -le 4 ]
done
set +f

try "operands that look like options are names, after the first name"
run -q -n -d "$D" /first -s -a
assert "$out" "$(obj /first)
$(obj -s)
$(obj -a)"
run -q -n -d "$D" -- -l
assert "$out" "$(obj -l)"

try "control bytes in -d and -f are escaped in every message"
e=$(printf 'e\033[31m\nx')
mkdir "$T/$e"
"$H" mkobj "$T/$e" /esc
D=$T/$e
run -d "$D" /esc-missing
assert "$rc" 1
assert "$err" "shmtouch: /esc-missing: $T/e\\033[31m\\012x/$(hash /esc-missing).shm: No such file or directory"
run -l -d "$D"
assert "$(printf '%s\n' "$out" | awk 'NR == 2 {print $7}')" "$T/e\\033[31m\\012x/$(hash /esc).shm"
run -a -v -d "$D"
assert "$out" "$T/e\\033[31m\\012x/$(hash /esc).shm"
run -d "$D-gone" /x
assert "$rc" 2
assert "$err" "shmtouch: $T/e\\033[31m\\012x-gone: No such file or directory"
run -d "$D" -f "$D/list-gone"
assert "$rc" 2
assert "$err" "shmtouch: $T/e\\033[31m\\012x/list-gone: No such file or directory"
check "all printable" printable

# === An unprivileged attacker against root's shmtouch ==================
#
# The attacker is nobody when the tests run as root, else the test user
# against himself, which proves the same about shmtouch.

if [ $root = yes ] && [ $nobody = yes ]; then
	as=asnobody
else
	as=
fi
# attacker-dir: $D, writable by the attacker.
attackerdir() { chmod 1777 "$D"; }

try "attacker's write lease on his object: root's shmtouch does not wait"
if [ $root = yes ] && [ $nobody = no ]; then
	skip "needs setpriv(1) to run as nobody"
else
	attackerdir
	$as "$H" mkobj "$D" /leased
	if pid=$($as "$HH" lease "$(obj /leased)" 2>"$T/err"); then
		pids="$pids $pid"
		# Without O_NONBLOCK, open(2) waits for the lease break: 45 s.
		e="$(obj /leased): Resource temporarily unavailable"
		run -d "$D" /leased
		assert "$rc" 1
		assert "$err" "shmtouch: /leased: $e"
		run -v -d "$D" /leased
		assert "$rc" 1
		assert "$out" ""
		run -a -d "$D"
		assert "$rc" 1
		assert "$err" "shmtouch: $e"
		run -l -d "$D" /leased
		assert "$rc" 0
		kill "$pid"
	else
		skip "no file leases here: $(cat "$T/err")"
	fi
fi

try "attacker's absurd times: -l shows them, -a fixes them"
attackerdir
$as "$H" mkobj "$D" /future /past /epoch
$as "$HH" settime 9223372036854775807 "$(obj /future)"
$as "$HH" settime -9223372036854775807 "$(obj /past)"
$as "$HH" settime 0 "$(obj /epoch)"
now=$(date +%s)
run -l -d "$D"
assert "$rc" 0
assert "$err" ""
assert "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 4
for n in /past /epoch /future; do
	a=$(atime "$(obj "$n")")
	line=$(printf '%s\n' "$out" | grep -F "$(obj "$n")" | tr -s ' ')
	# Where the file system keeps times outside the years 1000 to
	# 9999, ACCESSED keeps its two words of 16 bytes, as dashes.
	if [ "$a" -ge -30610224000 ] && [ "$a" -le 253402300799 ]; then
		when=$(localdate "$a")
	else
		when="---------- --:--"
	fi
	assert "$(echo "$line" | cut -d' ' -f4-7)" \
	    "$when $(left "$a" "$now") $(obj "$n")"
done
t0=$(date +%s)
run -a -d "$D"
assert "$rc" 0
for n in /past /epoch /future; do check "$n touched" touched "$(obj "$n")"; done

try "attacker's decoys with control bytes: ignored, never printed raw"
attackerdir
h=$(hash /decoy)
nl='
'
for f in "$h.shm$(printf '\033[2J')" "$h$nl.shm" "$h.shm$nl" \
    "$(printf '\033')$h.shm" "$h.shm$(printf '\r')" "$h.sem$(printf '\t')"; do
	$as sh -c ': >"$1"' sh "$D/$f"
done
$as "$H" mkobj "$D" /real
run -a -n -d "$D"
assert "$rc" 0
assert "$out$err" "$(obj /real)"
run -l -d "$D"
assert "$rc" 0
assert "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 2
check "all printable" printable
run -a -d "$D"
assert "$rc" 0
assert "$out$err" ""

try "attacker floods the directory with 5000 objects"
attackerdir
awk 'BEGIN { for (i = 1; i <= 5000; i++) print "/flood" i }' >"$T/list"
$as sh -c 'xargs "$1" mkobj "$2" <"$3"' sh "$H" "$D" "$T/list"
"$H" age $((10 * DAY)) "$D"/*
runlong -l -d "$D"
assert "$rc" 0
assert "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 5001
t0=$(date +%s)
runlong -a -d "$D"
assert "$rc" 0
assert "$out$err" ""
check "/flood1 touched" touched "$(obj /flood1)"
check "/flood5000 touched" touched "$(obj /flood5000)"
runlong -l -d "$D" -f "$T/list"
assert "$rc" 0
assert "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 5001

try "attacker's 1 TiB sparse object: listed, touched, never read"
attackerdir
$as "$H" mkobj "$D" /huge
if $as dd if=/dev/null of="$(obj /huge)" bs=1 seek=1099511627776 \
    2>/dev/null; then
	"$H" age $((10 * DAY)) "$(obj /huge)"
	run -l -d "$D"
	assert "$rc" 0
	assert "$(printf '%s\n' "$out" | awk 'NR == 2 {print $3}')" 1099511627776
	t0=$(date +%s)
	run -a -d "$D"
	assert "$rc" 0
	check "touched" touched "$(obj /huge)"
	assert "$(lstat "$(obj /huge)" | cut -d'|' -f6)" 1099511627776
else
	skip "the file system refuses a 1 TiB file"
fi
