# Runtime errors exit 1 with "genomlys: <file>: <what>", and leave files alone.
run $G list schools --db missing.db
printf 'just some text, not a database\n' > notes.txt
run $G list schools --db notes.txt
run $G check --db notes.txt
cat notes.txt
run $G init --db p.db
run $G show letter 99 --db p.db
run $G list letters --db p.db --school "Ingenstans skola"
run $G list letters --db p.db --group rektorer2
run $G list codings --db p.db --code Studiero
run $G list codings --db p.db --coder Karin
mkdir dir.db
run $G list schools --db dir.db
# a project written by a newer genomlys is refused and left untouched
$G init --db newer.db >/dev/null
sqlite3 newer.db 'PRAGMA user_version=99; PRAGMA journal_mode=DELETE;' >/dev/null
before=$(sha256sum newer.db)
run $G list schools --db newer.db
[ "$before" = "$(sha256sum newer.db)" ] && echo "newer.db unchanged"
# damage the middle of a project file: check must say so and exit 1
$G init --db broken.db >/dev/null
sqlite3 broken.db 'PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;' >/dev/null
dd if=/dev/urandom of=broken.db bs=1024 seek=4 count=8 conv=notrunc status=none
$G check --db broken.db >/dev/null 2>&1
echo "[check on a damaged file: exit $?]"
