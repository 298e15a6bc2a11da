# Sourced by tests/run.sh: pledge(2) and unveil(2), mode by mode, through
# tests/shmtouch-pledge, shmtouch built as for OpenBSD with the calls
# recorded by tests/pledgestub.c.  Each mode must promise and unveil what
# it needs and no more, lock unveil, and do it all before it opens the
# directory or the names file.

# promises mode args ...: run the stub build; the log is in $log.
promises() {
	rm -f "$T/pledge.log"
	PLEDGE_LOG=$T/pledge.log "$top/tests/shmtouch-pledge" "$@" \
	    >/dev/null 2>"$T/err" </dev/null
	rc=$?
	log=$(cat "$T/pledge.log")
}

FIRST="pledge stdio rpath fattr getpw unveil NULL"

# want promises [file]: the log of a run that unveils $D (and file), then
# narrows to promises, then opens (file and) $D.
want() {
	printf '%s\n' "$FIRST" "unveil $D r"
	[ -z "${2-}" ] || printf 'unveil %s r\n' "$2"
	printf '%s\n' "unveil NULL NULL" "pledge $1 NULL"
	[ -z "${2-}" ] || printf 'fopen %s r\n' "$2"
	printf 'open %s NULL\n' "$D"
}

if [ "$(uname)" = OpenBSD ]; then
	try "pledge and unveil: recorded by the stub build"
	skip "OpenBSD has the real pledge(2); the stub build is for elsewhere"
else
	try "pledge and unveil: touch by name"
	mk /p
	promises -d "$D" /p
	assert "$rc" 0
	assert "$log" "$(want "stdio rpath fattr")"

	try "pledge and unveil: -a"
	promises -a -d "$D"
	assert "$rc" 0
	assert "$log" "$(want "stdio rpath fattr")"

	try "pledge and unveil: -n holds no fattr"
	promises -n -a -d "$D"
	assert "$log" "$(want "stdio rpath")"

	try "pledge and unveil: -l holds getpw, no fattr"
	promises -l -d "$D"
	assert "$log" "$(want "stdio rpath getpw")"

	try "pledge and unveil: -f file is unveiled read-only"
	printf '/p\n' >"$T/list"
	promises -d "$D" -f "$T/list"
	assert "$log" "$(want "stdio rpath fattr" "$T/list")"

	try "pledge and unveil: -f - unveils nothing more"
	promises -n -d "$D" -f -
	assert "$rc" 0
	assert "$log" "$(want "stdio rpath")"

	try "pledge and unveil: usage errors come before any unveil"
	promises -a -l
	assert "$rc" 2
	assert "$log" "$FIRST"

	try "pledge and unveil: the stub refuses what the kernel refuses"
	# A test that could not fail would prove nothing: the stub must
	# itself reject a widened pledge and an unveil after the lock.
	cat >"$T/stubcheck.c" <<'EOC'
int pledge(const char *, const char *);
int unveil(const char *, const char *);
int
main(void)
{
	return pledge("stdio rpath", 0) != 0 || pledge("stdio", 0) != 0 ||
	    pledge("stdio rpath", 0) != -1 || unveil(0, 0) != 0 ||
	    unveil("/", "r") != -1;
}
EOC
	if ${CC:-cc} -DPLEDGE_STUB -o "$T/stubcheck" "$T/stubcheck.c" \
	    "$top/tests/pledgestub.c" 2>"$T/err"; then
		"$T/stubcheck"
		assert "$?" 0
	else
		assert "$(cat "$T/err")" "stub check compiled"
	fi
fi
