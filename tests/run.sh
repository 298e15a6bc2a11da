#!/bin/sh
#
# shmtouch tests: one named case per behaviour, in the suites below.  Run
# from the top of the tree by "make test".  Ends with the line
# "N passed, N failed, N skipped".

. "$(pwd)/tests/lib.sh"

# --- SHA-256 -----------------------------------------------------------

try "sha256 known answers"
res=$("$top/tests/sha256test" "$top/tests/SHA256ShortMsg.rsp")
check "sha256test exits 0" [ $? -eq 0 ]
printf '%s\n' "$res" | grep '^FAIL' 
assert "$(printf '%s\n' "$res" | tail -n 1)" "74 passed, 0 failed"

try "unit tests: LEFT, object file names, escaping"
res=$("$top/tests/unit")
check "unit exits 0" [ $? -eq 0 ]
printf '%s\n' "$res" | grep '^FAIL'
assert "$(printf '%s\n' "$res" | tail -n 1)" "28 passed, 0 failed"

# --- Mapping -----------------------------------------------------------

try "map 200 random names like sha256sum"
"$H" names 200 42 >"$T/names"
run -q -n -d "$D" -f "$T/names"
assert "$rc" 1
while IFS= read -r n; do
	obj "$n"
done <"$T/names" >"$T/want"
assert "$(cat "$T/want" | wc -l | tr -d ' ')" 200
check "paths equal sha256sum" cmp -s "$T/out" "$T/want"

try "map real-world names to their OpenBSD paths"
grep -v '^#' "$top/tests/real-names.tsv" | while IFS='	' read -r n kind path; do
	if [ "$kind" = sem ]; then s=-s; else s=; fi
	got=$("$ST" -q -n $s -- "$n")
	printf '%s %s\n' "$got" "$path"
done >"$T/pairs"
assert "$(wc -l <"$T/pairs" | tr -d ' ')" 9
while read -r got want; do
	assert "$got" "$want"
done <"$T/pairs"

try "map a 1 MiB name given with -f"
dd if=/dev/zero bs=1024 count=1024 2>/dev/null | tr '\0' x >"$T/big"
echo >>"$T/big"
run -q -n -d "$D" -f "$T/big"
head -c 1048576 "$T/big" >"$T/bigname"
assert "$out" "$D/$(hashfile "$T/bigname").shm"

try "map the empty name, no slash and several slashes"
for n in "" "noslash" "//a//b/" "/"; do
	run -q -n -d "$D" -- "$n"
	assert "$out" "$(obj "$n")"
done

try "map with -s to .sem"
run -q -n -s -d "$D" /sem.x
assert "$out" "$(obj /sem.x sem)"

try "map ignores TMPDIR: /tmp is the default"
TMPDIR=$D run -q -n /myshm
assert "$out" "/tmp/$(hash /myshm).shm"
assert "$out" "/tmp/18ca178dd6b1e2df015578e1fa3cf5aeadf009711715415b1a812aee1646b78d.shm"

# --- Touch -------------------------------------------------------------

try "touch by name: silent, exit 0, times now"
mk /a /b
t0=$(date +%s)
run -d "$D" /a
assert "$rc" 0
assert "$out$err" ""
check "/a touched" touched "$(obj /a)"
check "/b untouched" untouched "$(obj /b)"

try "touch leaves size, mode and owner alone"
mk -s /s
before=$(ls -ln "$(obj /s sem)" | awk '{print $1, $3, $4, $5}')
run -s -d "$D" /s
assert "$rc" 0
assert "$(ls -ln "$(obj /s sem)" | awk '{print $1, $3, $4, $5}')" "$before"

try "touch a missing object: name and path, exit 1, the rest go on"
mk /there
t0=$(date +%s)
run -d "$D" /gone /there
assert "$rc" 1
assert "$err" "shmtouch: /gone: $(obj /gone): No such file or directory"
check "/there touched" touched "$(obj /there)"
check "nothing created" [ ! -e "$(obj /gone)" ]
assert "$(ls "$D" | wc -l | tr -d ' ')" 1

try "missing name hints at the slashed spelling"
mk /psm_3a5f9c1e
run -d "$D" psm_3a5f9c1e
assert "$rc" 1
assert "$err" "shmtouch: psm_3a5f9c1e: $(obj psm_3a5f9c1e): No such file or directory, but /psm_3a5f9c1e exists: $(obj /psm_3a5f9c1e)"

try "missing name hints at the unslashed spelling"
mk -s jack_sem.1000_default_system
run -s -d "$D" /jack_sem.1000_default_system
assert "$rc" 1
assert "$err" "shmtouch: /jack_sem.1000_default_system: $(obj /jack_sem.1000_default_system sem): No such file or directory, but jack_sem.1000_default_system exists: $(obj jack_sem.1000_default_system sem)"

try "missing name hints only at a real object"
mk /real
ln -s "$(obj /real)" "$(obj /fake)"
run -d "$D" fake
assert "$err" "shmtouch: fake: $(obj fake): No such file or directory"
mkfifo "$(obj fake sem)"
run -d "$D" fake
assert "$err" "shmtouch: fake: $(obj fake): No such file or directory"

try "missing name hints at the other type"
mk -s /mysem
mk /myobj
run -d "$D" /mysem
assert "$rc" 1
assert "$err" "shmtouch: /mysem: $(obj /mysem): No such file or directory, but its semaphore (-s) exists: $(obj /mysem sem)"
run -s -d "$D" /myobj
assert "$err" "shmtouch: /myobj: $(obj /myobj sem): No such file or directory, but its shm object exists: $(obj /myobj)"

try "-s touches the semaphore, not the shm object"
mk /x
mk -s /x
t0=$(date +%s)
run -s -d "$D" /x
assert "$rc" 0
check ".sem touched" touched "$(obj /x sem)"
check ".shm untouched" untouched "$(obj /x)"

try "-v prints each touched path"
mk /v1 /v2
run -v -d "$D" /v1 /v2
assert "$rc" 0
assert "$out" "$(obj /v1)
$(obj /v2)"

try "-q silences object messages, keeps exit 1"
run -q -d "$D" /nope
assert "$rc" 1
assert "$out$err" ""

# --- -a ----------------------------------------------------------------

try "-a touches every object, skips decoys"
mk /a1 /a2
mk -s /a3
h=$(hash /decoy)
uh=$(printf '%s' "$h" | tr a-f A-F)
for f in "$uh.shm" "$(printf '%s' "$h" | cut -c2-).shm" "$h.shm~" "$h.SHM" \
    ".$h.shm" "$h.shmx" "x$h.shm" "$h.sem.old"; do
	: >"$D/$f"
	"$H" age $((10 * DAY)) "$D/$f"
done
t0=$(date +%s)
run -a -d "$D"
assert "$rc" 0
assert "$out$err" ""
for n in /a1 /a2; do check "$n touched" touched "$(obj "$n")"; done
check "/a3 touched" touched "$(obj /a3 sem)"
for f in "$uh.shm" "$(printf '%s' "$h" | cut -c2-).shm" "$h.shm~" "$h.SHM" \
    ".$h.shm" "$h.shmx" "x$h.shm" "$h.sem.old"; do
	check "decoy $f untouched" untouched "$D/$f"
done

try "-a in a directory with no objects exits 0"
: >"$D/ordinary"
run -a -d "$D"
assert "$rc" 0
assert "$out$err" ""

try "-a -n prints exactly what -a would touch, touches nothing"
mk /n1 /n2
mk -s /n3
ln -s "$T/victim" "$D/$(hash /link).shm"
: >"$D/$(printf '%s' "$(hash /d)" | tr a-f A-F).shm"
t0=$(date +%s)
run -a -n -d "$D"
assert "$rc" 1
assert "$(printf '%s\n' "$out" | sort)" "$(printf '%s\n' "$(obj /n1)" "$(obj /n2)" "$(obj /n3 sem)" | sort)"
for f in "$(obj /n1)" "$(obj /n2)" "$(obj /n3 sem)"; do
	check "$f untouched" untouched "$f"
done

try "-n prints the path of a name, even when missing"
mk /here
t0=$(date +%s)
run -n -d "$D" /here /absent
assert "$rc" 1
assert "$out" "$(obj /here)
$(obj /absent)"
assert "$err" "shmtouch: /absent: $(obj /absent): No such file or directory"
check "/here untouched" untouched "$(obj /here)"

# --- -l ----------------------------------------------------------------

try "-l columns: type, owner, size, accessed, left, path, name"
mk /l1
mk -s /l1
"$H" age $((3 * DAY + 5 * 3600 + 1800)) "$(obj /l1)"
now=$(date +%s)
run -l -d "$D"
assert "$rc" 0
assert "$(printf '%s\n' "$out" | head -n 1 | tr -s ' ')" "TYPE OWNER SIZE ACCESSED LEFT PATH NAME"
a=$(atime "$(obj /l1 sem)")
pg=$(getconf PAGESIZE)
assert "$(printf '%s\n' "$out" | sed -n 2p | tr -s ' ')" \
    "sem $(id -un) $pg $(localdate "$a") $(left "$a" "$now") $(obj /l1 sem) -"
a=$(atime "$(obj /l1)")
assert "$(printf '%s\n' "$out" | sed -n 3p | tr -s ' ')" \
    "shm $(id -un) 0 $(localdate "$a") $(left "$a" "$now") $(obj /l1) -"
assert "$(left "$a" "$now")" "3d18h"

try "-l keeps its columns aligned, whatever their widths"
mk /future /w
"$H" age $((-400 * DAY)) "$(obj /future)"
dd if=/dev/zero bs=1 count=0 seek=123456789 of="$(obj /w)" 2>/dev/null
run -l -d "$D"
assert "$rc" 0
assert "$(printf '%s\n' "$out" | awk 'NR == 1 { p = index($0, "PATH") } NR > 1 { print index($0, "/") == p }' | sort -u)" 1
assert "$(printf '%s\n' "$out" | awk 'NR == 1 { p = index($0, "ACCESSED") } NR > 1 { print index($0, " 20") + 1 == p }' | sort -u)" 1
assert "$(printf '%s\n' "$out" | awk 'NR == 2 { print $3 }')" "123456789"
assert "$(printf '%s\n' "$out" | awk 'NR == 3 { print $7 }')" "$(obj /future)"

try "-l sorts by time left and shows due"
mk /old /mid /new
"$H" age $((7 * DAY - 2 * 3600 - 1800)) "$(obj /mid)"
"$H" age 0 "$(obj /new)"
"$H" age $((7 * DAY + 1)) "$(obj /old)"
now=$(date +%s)
run -l -d "$D"
assert "$(printf '%s\n' "$out" | awk 'NR > 1 {print $6, $7}')" "due $(obj /old)
$(left "$(atime "$(obj /mid)")" "$now") $(obj /mid)
$(left "$(atime "$(obj /new)")" "$now") $(obj /new)"
assert "$(printf '%s\n' "$out" | awk 'NR == 3 {print $6}')" "0d2h"
assert "$(printf '%s\n' "$out" | awk 'NR == 4 {print $6}')" "7d0h"

try "-l with names lists both kinds with the name; absent is exit 1"
mk /both /other
mk -s /both
run -l -d "$D" /both /nothere
assert "$rc" 1
assert "$(printf '%s\n' "$out" | awk 'NR > 1 {print $1, $7, $8}' | sort)" "sem $(obj /both sem) /both
shm $(obj /both) /both"
assert "$err" "shmtouch: /nothere: $(obj /nothere): No such file or directory
shmtouch: /nothere: $(obj /nothere sem): No such file or directory"

try "-l changes nothing"
mk /keep
t0=$(date +%s)
run -l -d "$D"
run -l -d "$D" /keep
check "/keep untouched" untouched "$(obj /keep)"

# --- -f ----------------------------------------------------------------

try "-f skips comments and empty lines, keeps spaces"
mk /f1 "/f 2" "#f3"
printf '# a comment\n\n/f1\n/f 2\n #not a comment\n' >"$T/list"
t0=$(date +%s)
run -v -d "$D" -f "$T/list"
assert "$rc" 1
assert "$out" "$(obj /f1)
$(obj "/f 2")"
assert "$err" "shmtouch:  #not a comment: $(obj " #not a comment"): No such file or directory"
check "#f3 untouched" untouched "$(obj "#f3")"

try "-f - reads standard input, after the operands"
mk /in1 /in2
printf '/in2\n' | "$HH" run $BOUND "$ST" -v -d "$D" -f - /in1 >"$T/out" 2>&1
assert "$?" 0
assert "$(cat "$T/out")" "$(obj /in1)
$(obj /in2)"

try "-f works with -l and -n"
mk /fl
printf '/fl\n' >"$T/list"
run -l -d "$D" -f "$T/list"
assert "$(printf '%s\n' "$out" | awk 'NR == 2 {print $7, $8}')" "$(obj /fl) /fl"
run -n -d "$D" -f "$T/list"
assert "$out" "$(obj /fl)"

try "-f unreadable file is exit 2 and named"
run -d "$D" -f "$T/no-such-list"
assert "$rc" 2
assert "$err" "shmtouch: $T/no-such-list: No such file or directory"
mkdir "$T/dirlist"
run -d "$D" -f "$T/dirlist"
assert "$rc" 2
assert "$err" "shmtouch: $T/dirlist: Is a directory"

# --- Exit status and usage ---------------------------------------------

# Exit 2 and the usage text for every forbidden combination: hostile.sh.
try "usage errors name the conflict"
run -a -s
assert "$(printf '%s\n' "$err" | head -n 1)" "shmtouch: -a takes no names, -f, -l or -s"
run -l -q
assert "$(printf '%s\n' "$err" | head -n 1)" "shmtouch: -l takes no -n, -q, -s or -v"
run
assert "$(printf '%s\n' "$err" | head -n 1)" "shmtouch: no names, -f, -a or -l: nothing to do"
run -f a -f b
assert "$(printf '%s\n' "$err" | head -n 1)" "shmtouch: -f may be given once"

try "setup errors: missing dir, dir not a directory"
run -d "$T/nodir" /x
assert "$rc" 2
assert "$err" "shmtouch: $T/nodir: No such file or directory"
: >"$T/file"
run -a -d "$T/file"
assert "$rc" 2
assert "$err" "shmtouch: $T/file: Not a directory"

# --- Safety ------------------------------------------------------------
# Symbolic links, FIFOs, sockets, devices, directories and hard links in
# an object's place, stdout full or closed: hostile.sh.

try "control bytes in names are escaped everywhere"
esc_nl="/a\\012b\\033[31m\\134"
n=$(printf '/a\nb\033[31m\\')
mk "$n"
run -v -d "$D" "$n" "$n-missing"
assert "$rc" 1
assert "$out" "$(obj "$n")"
assert "$err" "shmtouch: $esc_nl-missing: $(obj "$n-missing"): No such file or directory"
run -l -d "$D" "$n"
assert "$(printf '%s\n' "$out" | awk 'NR == 2 {print $8}')" "$esc_nl"
assert "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 2
check "nothing but printable ASCII" printable

try "a user other than root: -a skips, names refuse others' files"
if [ $nobody = no ]; then
	skip "needs root, setpriv(1) and a user nobody"
else
	chmod 1777 "$D"
	mk /root-owned /nobody-owned
	chown nobody "$(obj /nobody-owned)"
	t0=$(date +%s)
	asnobody "$ST" -a -d "$D" >"$T/out" 2>&1
	assert "$?" 0
	assert "$(cat "$T/out")" ""
	check "nobody's file touched" touched "$(obj /nobody-owned)"
	check "root's file untouched" untouched "$(obj /root-owned)"
	for n in "" -n; do
		asnobody "$ST" $n -d "$D" /root-owned >/dev/null 2>"$T/err"
		assert "$?" 1
		assert "$(cat "$T/err")" "shmtouch: /root-owned: $(obj /root-owned): owned by another user"
	done
	check "root's file still untouched" untouched "$(obj /root-owned)"
fi

# --- End to end --------------------------------------------------------

# daily(8)'s /tmp step: find -x . -type f -atime +7 -delete, less the
# prunes of ssh-*, tmux-* and the X11 directories, which GNU find will not
# combine with -delete and which the test directory does not hold.
# OpenBSD's find rounds the age up (true from 7 days + 1 s), GNU find down
# (from 8 days): objects aged 10 days and objects touched now fall on the
# same side for both.  GNU find spells -x as -xdev, after the path.
if find -x . -prune >/dev/null 2>&1; then
	daily() { (cd "$1" && find -x . -type f -atime +7 -delete); }
else
	daily() { (cd "$1" && find . -xdev -type f -atime +7 -delete); }
fi

for how in name file all; do
	try "end to end: objects touched by $how survive daily(8)"
	mk /kept-shm
	mk -s kept-sem
	case $how in
	name)	mk /lost
		run -d "$D" /kept-shm && run -s -d "$D" kept-sem ;;
	file)	mk /lost
		printf '/kept-shm\n' >"$T/list"
		run -d "$D" -f "$T/list" && run -s -d "$D" kept-sem ;;
	all)	run -a -d "$D"
		mk /lost ;;
	esac
	assert "$rc" 0
	daily "$D"
	check "/kept-shm survived" [ -f "$(obj /kept-shm)" ]
	check "kept-sem survived" [ -f "$(obj kept-sem sem)" ]
	check "/lost removed" [ ! -e "$(obj /lost)" ]
done

try "end to end with the real shm_open(3) and sem_open(3) in /tmp"
if [ "$(uname)" != OpenBSD ]; then
	skip "needs OpenBSD's libc"
else
	# Unique names; daily's expression limited to their files, since
	# this /tmp is the real one.
	k=/shmtouch-test-$$-kept l=/shmtouch-test-$$-lost
	"$H" mkobj /tmp "$k" "$l"
	"$H" mkobj -s /tmp "$k"
	fk=/tmp/$(hash "$k").shm fl=/tmp/$(hash "$l").shm
	fs=/tmp/$(hash "$k").sem
	"$H" age $((10 * DAY)) "$fk" "$fl" "$fs"
	run "$k"
	assert "$rc" 0
	run -s "$k"
	assert "$rc" 0
	(cd /tmp && find -x . \( -name "${fk#/tmp/}" -o -name "${fl#/tmp/}" \
	    -o -name "${fs#/tmp/}" \) -type f -atime +7 -delete)
	check "shm survived" [ -f "$fk" ]
	check "sem survived" [ -f "$fs" ]
	check "untouched removed" [ ! -e "$fl" ]
	rm -f "$fk" "$fs" "$fl"
fi

for suite in hostile pledge install; do
	. "$top/tests/$suite.sh"
done

summary
