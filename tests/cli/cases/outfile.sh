# Issue 9, items 1 and 7: a file genomlys writes (codebook export, :codebook-export,
# :save-display) never lands on the open project or its -wal/-shm/-journal, replaces an
# existing file only when asked (--force, a confirmation, NAME!), and is created 0600 even
# under umask 000. After every refusal the project's dump is compared with the one before.
dump() { sqlite3 "$1" .dump | sha256sum | cut -c1-16; }
bad() {
	local before
	before=$(dump p.db)
	run "$@"
	[ "$before" = "$(dump p.db)" ] && echo "[dump unchanged]" || echo "[DUMP CHANGED]"
}
umask 000
$G demo --db p.db >/dev/null
export GENOMLYS_DB=p.db
bad $G codebook export --output p.db
bad $G codebook export --output p.db-wal
bad $G codebook export --output p.db-shm
bad $G codebook export --output p.db-journal
ln -s p.db link.db
bad $G codebook export --output link.db
ln p.db hard.db
bad $G codebook export --output hard.db
mkdir sub
bad $G codebook export --output sub/../p.db
bad $G codebook export --output "$PWD/p.db"
bad $G codebook export --output sub
# through a link to the project's folder, and with the project named through a link
ln -s . here
bad $G codebook export --output here/p.db
bad $G codebook export --db link.db --output p.db
run $G check
# a new file: 0600 whatever the umask; then refused without --force, replaced with it
run $G codebook export --output codes.csv
stat -c '%a %n' codes.csv
head -2 codes.csv
echo "changed by hand" > codes.csv
chmod 644 codes.csv
bad $G codebook export --output codes.csv
cat codes.csv
run $G codebook export --output codes.csv --force
stat -c '%a %n' codes.csv
head -1 codes.csv
run $G codebook export --force
run $G codebook add X --force
# no temporary file is left behind by any of it
ls
# The terminal interface: the same refusals; an existing file is replaced after a question
# (answered here with y) or with NAME!; every screen file is 0600.
cat > s.script <<'SCRIPT'
:codebook-export p.db
:save-display s0.txt
:save-display s1.txt
:save-display p.db-wal
:save-display s2.txt
:save-display s1.txt
:save-display! s3.txt
key y
:codebook-export tui.csv
:codebook-export tui.csv
key n
:save-display! s4.txt
:codebook-export! tui.csv
:save-display! s5.txt
SCRIPT
before=$(dump p.db)
XDG_CONFIG_HOME=$PWD XDG_STATE_HOME=$PWD GENOMLYS_HEADLESS=1 GENOMLYS_SIZE=110x20 \
	GENOMLYS_SCRIPT=s.script $G --db p.db
echo "[tui exit $?]"
[ "$before" = "$(dump p.db)" ] && echo "[dump unchanged]" || echo "[DUMP CHANGED]"
for f in s0.txt s1.txt s2.txt s4.txt s5.txt tui.csv; do
	stat -c '%a %n' $f
	tail -1 $f | sed 's/ *$//'
done
stat -c '%a %n' s3.txt
grep -o "s1.txt exists.*(y/n)" s3.txt
run $G check
ls
