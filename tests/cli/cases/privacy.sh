# Issue 16, "Nothing leaked": the project, its -wal and -shm, the backup made before an
# upgrade, the interface's log and trace, and every export are readable by the owner only,
# under umask 000; an upgrade keeps a copy of the file as it was and says where.
umask 000
mode() { for f in "$@"; do [ -e "$f" ] && stat -c '%a %n' "$f"; done; }
$G init --db p.db --name 'Privat' >/dev/null
export GENOMLYS_DB=p.db
run $G codebook add Studiero
# while another program keeps the project open, its WAL and SHM files stay to be seen
/usr/bin/python3 -c 'import sqlite3, sys, time
c = sqlite3.connect("p.db"); c.execute("SELECT count(*) FROM codes").fetchall()
open("held", "w").close()
import os
for _ in range(1200):  # until told (at most 2 minutes: a slow run under valgrind)
    if os.path.exists("release"):
        break
    time.sleep(0.1)' &
holder=$!
while [ ! -e held ]; do sleep 0.1; done
run $G codebook add Trygghet
mode p.db p.db-wal p.db-shm
touch release
wait $holder
$G demo --db demo.db >/dev/null
mode demo.db demo.db-wal demo.db-shm
run $G codebook export --output codes.csv
mode codes.csv
# the terminal interface's log (stderr while curses runs) and the trace of a scripted session
printf ':save-display screen.txt\n' > s.script
XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME=$PWD/state GENOMLYS_HEADLESS=1 GENOMLYS_SIZE=100x20 \
	GENOMLYS_SCRIPT=s.script GENOMLYS_TRACE=trace.txt $G --db demo.db
echo "[tui exit $?]"
mode screen.txt trace.txt
find state | sort | xargs stat -c '%a %n'
# An older project is copied (VACUUM INTO, 0600) before it is upgraded; the copy is the old
# version, and a second upgrade of another old file with the same name does not overwrite it.
sqlite3 old.db < "$FIXTURES/schema/v4.sql"
sqlite3 old.db 'PRAGMA application_id=1196185939; PRAGMA user_version=4;'
chmod 600 old.db
run $G list schools --db old.db
mode old.db old.db.v4.bak
sqlite3 old.db.v4.bak 'PRAGMA user_version'
sqlite3 old.db 'PRAGMA user_version'
rm -f old.db old.db-wal old.db-shm
sqlite3 old.db < "$FIXTURES/schema/v4.sql"
sqlite3 old.db 'PRAGMA application_id=1196185939; PRAGMA user_version=4;'
chmod 600 old.db
run $G check --db old.db
mode old.db.v4.bak old.db.v4-2.bak
# the interface says the same in its status line
rm -f old.db old.db-wal old.db-shm
sqlite3 old.db < "$FIXTURES/schema/v4.sql"
sqlite3 old.db 'PRAGMA application_id=1196185939; PRAGMA user_version=4;'
printf ':save-display screen-old.txt\n' > s.script
XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME=$PWD/state GENOMLYS_HEADLESS=1 GENOMLYS_SIZE=200x20 \
	GENOMLYS_SCRIPT=s.script $G --db old.db
echo "[tui exit $?]"
grep -o 'Upgraded[^│]*bak' screen-old.txt
