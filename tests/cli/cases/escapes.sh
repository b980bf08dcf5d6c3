# Issue 9, items 6, 8 and 13: what the project holds never reaches the terminal as escape
# sequences. A hostile project (written with sqlite3, past genomlys's own cleaning) has a
# letter, a coder, a code, a memo and a source file name with U+202E, ESC [2J, OSC 52 (set the
# clipboard) and OSC 0 (set the title); every output format shows them escaped, and after
# each command the number of raw control characters in its output is printed (always 0).
raw() { LC_ALL=C grep -c -P '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$@"; }
out() {
	printf '$'
	printf ' %q' "$@" | LC_ALL=C sed -e 's/\xe2\x80[\xaa-\xae]/<bidi>/g'
	printf '\n'
	"$@" > o.txt 2> e.txt
	local rc=$?
	cat o.txt e.txt
	printf '[exit %d] [raw controls: %s]\n' $rc "$(cat o.txt e.txt | raw)"
}
$G demo --uncoded --db p.db >/dev/null
export GENOMLYS_DB=p.db
sqlite3 p.db <<'SQL'
INSERT INTO coders (uuid, name, name_key) VALUES ('c-x', 'Eve' || char(27) || '[2J', 'eve');
INSERT INTO codes (uuid, parent_id, name, name_key, description) VALUES ('k-x', 1,
	'Kod' || char(8238) || 'ardnu', 'kodardnu', 'Se' || char(27) || ']52;c;aGVqCg==' || char(7));
INSERT INTO documents (uuid, kind, school_id, group_id, author, title, text, length,
	content_hash, source) VALUES ('d-x', 'letter', 1, 2, 'Elev ' || char(155) || '31m',
	'Om ' || char(8238) || 'rasten', 'Elev ' || char(8238) || 'skriver om rasten: ' ||
	char(27) || '[2J' || char(27) || ']52;c;aGVqCg==' || char(7) || char(27) ||
	']0;pwned' || char(7) || ' slut.' || char(10) || 'Rad två' || char(9) || 'med tabb.', 80,
	'hash-x', 'brev' || char(27) || ']0;t' || char(7) || '.txt');
INSERT INTO codings (uuid, document_id, code_id, coder_id, start, end, memo)
	VALUES ('g-x', (SELECT id FROM documents WHERE uuid = 'd-x'),
	(SELECT id FROM codes WHERE uuid = 'k-x'), (SELECT id FROM coders WHERE uuid = 'c-x'),
	0, 30, 'Memo ' || char(27) || '[31m' || char(127));
SQL
id=$(sqlite3 p.db "SELECT id FROM documents WHERE uuid = 'd-x'")
out $G list coders
out $G list codes --code "Lärmiljö > Kodardnu" --format tsv
out $G list codings
out $G list codings --format tsv
out $G list codings --format json
out $G list letters --school Björkdalsskolan --format tsv
out $G show letter $id
out $G show letter $id --format json
out $G search rasten --school Björkdalsskolan
out $G search pwned --format tsv
out $G search pwned --format json
out $G code $id --code Trygghet --coder Karin --span 0:30
# Names from the command line are cleaned where they come in (see transactions); an error
# quoting what the user typed is escaped too.
out $G list codings --coder $'Nobody\e]0;x\a'
# A theme is a name from the theme folders or a path with a '/': a file that is not a theme
# is refused without quoting it (nothing of it reaches the status bar or the log).
printf 'root:$6$salt$hashhashhash:19000:0:99999:7:::\nadmin:x:1000:1000::/home/admin:/bin/sh\n' > shadow
mkdir -p genomlys
printf '[general]\ntheme = %s/shadow\n[survey]\nthreshold = nan\nname = "Skolenk\n' "$PWD" > genomlys/config.ini
printf ':save-display screen.txt\n:theme shadow\n:save-display screen-name.txt\n:threshold inf\n:save-display screen-inf.txt\n' > s.script
XDG_CONFIG_HOME=$PWD XDG_STATE_HOME=$PWD GENOMLYS_HEADLESS=1 GENOMLYS_SIZE=150x20 \
	GENOMLYS_SCRIPT=s.script $G --db p.db
echo "[tui exit $?]"
for f in screen.txt screen-name.txt screen-inf.txt; do tail -1 $f | sed 's/ *$//'; done
sed 's/^genomlys [0-9.]*: session started .*/(session started)/' genomlys/genomlys.log
grep -c 'root\|hash\|admin' screen.txt genomlys/genomlys.log
# a folder as the settings file
mkdir folder.ini
XDG_STATE_HOME=$PWD GENOMLYS_HEADLESS=1 GENOMLYS_SCRIPT=s.script run $G --db p.db --config folder.ini
