# Issue 9, items 2, 9, 10, 11 and 14: a damaged project opens read-only and every write is
# refused (check it or restore a backup); a read-only file or folder is called read-only, not
# damaged; check while another program writes says busy; a failed init says why, once; an
# empty file is not "a database of another program". The dump is compared after each refusal.
dump() { sqlite3 "$1" .dump 2>/dev/null | sha256sum | cut -c1-16; }
bad() {
	local db=$1 before
	shift
	before=$(dump "$db")
	run "$@"
	[ "$before" = "$(dump "$db")" ] && echo "[dump unchanged]" || echo "[DUMP CHANGED]"
}
# damage DB INDEX: overwrites the index's root page with a fixed pattern under a valid header
damage() {
	sqlite3 "$1" 'PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;' >/dev/null
	local size page
	size=$(sqlite3 "$1" 'PRAGMA page_size')
	page=$(sqlite3 "$1" "SELECT rootpage FROM sqlite_schema WHERE name = '$2'")
	{ printf '\012\000\000\000\005\017\360\000'; head -c $((size - 8)) /dev/zero | tr '\0' 'Z'; } |
		dd of="$1" bs="$size" seek=$((page - 1)) conv=notrunc status=none
}
mkdir -m 777 state
tui() {
	XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME=$PWD/state GENOMLYS_HEADLESS=1 \
		GENOMLYS_SIZE=120x20 GENOMLYS_SCRIPT=s.script "$@"
	echo "[tui exit $?]"
}
mkdir -p letters/Norrskolan/elever
printf 'Ett nytt brev om rasterna.\n' > letters/Norrskolan/elever/nytt.txt
$G demo --uncoded --db p.db >/dev/null
cp p.db damaged.db
damage damaged.db codings_code
run $G check --db damaged.db > check.out 2>&1
head -3 check.out
tail -2 check.out
bad damaged.db $G code 1 --code Studiero --coder Ny --span 0:3 --db damaged.db
bad damaged.db $G import letters letters --db damaged.db
bad damaged.db $G codebook add Ny --db damaged.db
run $G list coders --db damaged.db
printf ':save-display screen-damaged.txt\n' > s.script
tui $G --db damaged.db
tail -1 screen-damaged.txt | sed 's/ *$//'
# a project above the size checked at open is checked before its first write
cp damaged.db big.db
export GENOMLYS_CHECK_AT_OPEN=1000
run $G list schools --db big.db
bad big.db $G codebook add Ny --db big.db
unset GENOMLYS_CHECK_AT_OPEN
# An empty file is refused as such, and stays empty.
: > empty.db
bad empty.db $G list schools --db empty.db
bad empty.db $G code 1 --code X --coder Y --span 0:1 --db empty.db
stat -c '%s %n' empty.db
# A read-only project in a read-only folder (as another user when the tests run as root).
# other CMD...: runs CMD as a user who may not write what root may (nobody), or as is
other() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent "$@"
	else
		"$@"
	fi
}
chmod 755 .
mkdir ro
cp p.db ro/p.db
chmod 444 ro/p.db
chmod 555 ro
bad ro/p.db other $G list schools --db ro/p.db
bad ro/p.db other $G check --db ro/p.db
bad ro/p.db other $G code 1 --code Studiero --coder Ny --span 0:3 --db ro/p.db
bad ro/p.db other $G import letters letters --db ro/p.db
printf ':save-display! %s/state/screen-ro.txt\n' "$PWD" > s.script
tui other $G --db ro/p.db
tail -1 state/screen-ro.txt | sed 's/ *$//'
ls ro
# only the file read-only, in a folder that can be written
mkdir rw
cp p.db rw/p.db
chmod 444 rw/p.db
chmod 777 rw
bad rw/p.db other $G codebook add Ny --db rw/p.db
chmod 755 ro
# check while another program holds the write lock: busy (after the 5 s wait), not damaged
/usr/bin/python3 - p.db <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN IMMEDIATE')
c.execute("INSERT INTO meta VALUES ('held', 'x')")
open('locked', 'w').close()
time.sleep(8)
c.execute('ROLLBACK')
PY
while [ ! -e locked ]; do sleep 0.1; done
bad p.db $G check --db p.db
wait
run $G check --db p.db
# init on a full disk: one message with its cause, and no file left
for kb in 8 64; do
	(ulimit -f $kb; trap '' XFSZ; run $G init --db full.db)
	ls full.db* 2>&1
done
# an upgrade that fails for want of space says so once, with its cause, and changes nothing
sqlite3 old.db < "$FIXTURES/schema/v1.sql"
sqlite3 old.db 'PRAGMA application_id=1196185939; PRAGMA user_version=1;'
before=$(dump old.db)
(ulimit -f 32; trap '' XFSZ; run $G list schools --db old.db)
[ "$before" = "$(dump old.db)" ] && echo "[dump unchanged]" || echo "[DUMP CHANGED]"
sqlite3 old.db 'PRAGMA user_version'
run $G list schools --db old.db
