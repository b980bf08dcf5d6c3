# Issue 16, "Bad input": every case is refused (or read with a warning) with a message naming
# the file and line where there is one, a known exit code, and the project's content byte for
# byte unchanged (the sqlite3 .dump hash before and after). Cases: letters, survey and codebook
# importers; config and theme files; command-line arguments; the ranking's order strings,
# ballots (typed and imported), duplicate participants, dots, scores and rounds.
dump() { sqlite3 "$1" .dump | sha256sum | cut -c1-16; }
n=0
bad() {
	local before
	n=$((n + 1))
	before=$(dump p.db)
	printf '## %d\n' "$n"
	run "$@"
	[ "$before" = "$(dump p.db)" ] && echo "[dump unchanged]" || echo "[DUMP CHANGED]"
}
# input that is odd but valid is taken (on a copy, so that the cases after it compare with the
# same project): what was made of it is shown
edge() {
	n=$((n + 1))
	cp p.db q.db
	printf '## %d (taken)\n' "$n"
	run "$@" --db q.db
}
# a session with a settings file: the message goes to the status line and the log
tui() {
	printf ':save-display screen.txt\n' > s.script
	rm -f screen.txt
	bad env XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME=$PWD/state GENOMLYS_HEADLESS=1 \
		GENOMLYS_SIZE=160x20 GENOMLYS_SCRIPT=s.script $G --db p.db "$@"
	[ -e screen.txt ] && tail -1 screen.txt | sed 's/  \+[0-9/]*$//; s/ *$//'
}
export GENOMLYS_DB=p.db
$G demo --db p.db >/dev/null
B="$FIXTURES/import/bad"
# ---- letters importer
bad $G import letters "$B/binary.csv"
bad $G import letters "$B/binary.txt"
bad $G import letters "$B/ragged.csv"
bad $G import letters "$B/unterminated_quote.csv"
bad $G import letters "$B/invalid_utf16.csv"
bad $G import letters "$B/missing_text_column.csv"
bad $G import letters "$B/unknown_group.csv"
bad $G import letters "$B/empty_text.csv"
bad $G import letters "$B/empty.csv"
printf 'school,group,text\nNorrskolan,elever,"ett brev"\n,elever,"utan skola"\n' > noschool.csv
bad $G import letters noschool.csv
printf 'school,group,text,text\nNorrskolan,elever,a,b\n' > duphead.csv
bad $G import letters duphead.csv
printf 'school,group,text\nNorrskolan,elever,ok\nNorrskolan,elever,"nul\0byte"\n' > nul.csv
bad $G import letters nul.csv
{ printf 'school,group,text\n'; printf 'Norrskolan,elever,"'; head -c 3000000 /dev/zero | tr '\0' 'a'; printf '"\n'; } > huge.csv
edge $G import letters huge.csv
printf 'school,group,text\n%s,elever,text\n' "$(head -c 5000 /dev/zero | tr '\0' 'x')" > longschool.csv
edge $G import letters longschool.csv
sqlite3 q.db "SELECT length(name) FROM schools ORDER BY id DESC LIMIT 1"
bad $G import letters does-not-exist.csv
# ---- survey importer
bad $G import survey "$B/survey_bad_value.csv"
bad $G import survey "$B/survey_bad_year.csv"
S='school,survey,year,group,item,value,n'
printf '%s\nNorrskolan,Skolenkäten,2026,elever,Studiero,1e999,\n' "$S" > s1.csv
bad $G import survey s1.csv
printf '%s\nNorrskolan,Skolenkäten,2026,elever,Studiero,nan,\n' "$S" > s2.csv
bad $G import survey s2.csv
printf '%s\nNorrskolan,Skolenkäten,2026,elever,Studiero,6.1,-3\n' "$S" > s3.csv
bad $G import survey s3.csv
printf '%s\nNorrskolan,Skolenkäten,99999999999999999999,elever,Studiero,6.1,\n' "$S" > s4.csv
bad $G import survey s4.csv
printf '%s\nNorrskolan,Skolenkäten,2026,marsianer,Studiero,6.1,\n' "$S" > s5.csv
bad $G import survey s5.csv
printf '%s\nNorrskolan,Skolenkäten,2026,elever,Studiero\n' "$S" > s6.csv
bad $G import survey s6.csv
printf '%s\nNorrskolan,Skolenkäten,2026,elever,,6.1,\n' "$S" > s7.csv
bad $G import survey s7.csv
printf '%s\nNorrskolan,Skolenkäten,2026,elever,Studiero,6.1,12abc\n' "$S" > s8.csv
bad $G import survey s8.csv
# ---- codebook importer
bad $G import codebook "$B/codebook_bad_color.csv"
bad $G import codebook "$B/codebook_bad_value.csv"
bad $G import codebook "$B/codebook_too_deep.csv"
printf '%s\nNy kod,Finns inte,,,,\n' 'code,parent,description,color,exclusive,value' > parent.csv
bad $G import codebook parent.csv
C='code,parent,description,color,exclusive,value'
printf '%s\nNy,,,999,,\n' "$C" > c1.csv
bad $G import codebook c1.csv
printf '%s\nNy,,,,kanske,\n' "$C" > c2.csv
bad $G import codebook c2.csv
printf '%s\n,,,,,\n' "$C" > c3.csv
bad $G import codebook c3.csv
printf '%s\nA > B,,,,,\n' "$C" > c4.csv
bad $G import codebook c4.csv
# ---- settings and theme files (the project is not touched; the message names file and line)
{ printf '[general]\ntheme = '; head -c 5000 /dev/zero | tr '\0' 'x'; printf '\n'; } > long.ini
tui --config long.ini
printf '[general]\nmouse = kanske\n' > mouse.ini
tui --config mouse.ini
printf '\377\376[\000g\000e\000n\000]\000\n\001\002\003 = \033[2J\n' > binary.ini
tui --config binary.ini
printf '[theme]\nname = trasig\n[colors]\nnormal = lila ingenting blinkande\n' > trasig.ini
printf '[general]\ntheme = %s/trasig.ini\n' "$PWD" > theme.ini
tui --config theme.ini
printf '[keys]\nmove-down = C-\n' > keys.ini
tui --config keys.ini
bad $G --config does-not-exist.ini --db p.db
# ---- command-line arguments
bad $G code 1 --code Trygghet --coder Anna --span 5:3
bad $G code 1 --code Trygghet --coder Anna --span 0:999999
bad $G code 1 --code Trygghet --coder Anna --span 0:99999999999999999999
bad $G code 1 --code Trygghet --coder Anna --span -1:3
bad $G code -1 --code Trygghet --coder Anna --span 0:3
bad $G code 0 --code Trygghet --coder Anna --span 0:3
bad $G code 99999999999999999999 --code Trygghet --coder Anna --span 0:3
bad $G code 1 --code 'Finns inte' --coder Anna --span 0:3
bad $G code 1 --code '' --coder Anna --span 0:3
bad $G code 1 --code Trygghet --coder '' --span 0:3
edge $G code 1 --code Trygghet --coder "$(printf 'A\033]52;c;aGVq\007')" --span 0:3
bad $G list letters --format xml
bad $G list nothing
bad $G list letters --school 'Ingen skola'
bad $G redact 1 --span a:b
bad $G redact 1 --span 0:99999999999999999999
bad $G erase --letter abc --yes
bad $G erase --letter 0 --yes
bad $G log --since 2026-13-01
bad $G search '"unterminated'
bad $G search ''
# ---- ranking: order strings, ballots, duplicate participants, dots and scores (the demo's
# open round is Ekåsens skola's "Workshop 1"; the municipality's round is closed)
E='Ekåsens skola'
bad $G rank vote --school "$E" --participant Anna --order 'Studiero på lektionerna > Okänt område'
bad $G rank vote --school "$E" --participant Anna --order ''
bad $G rank vote --school "$E" --participant Anna --order '   '
bad $G rank vote --school "$E" --participant Anna --order 'Studiero på lektionerna >> Återkoppling på bedömning'
bad $G rank vote --school "$E" --participant Anna --order 'Studiero på lektionerna > studiero på lektionerna'
bad $G rank vote --school "$E" --participant Anna --order '"Studiero på lektionerna > Återkoppling på bedömning'
bad $G rank vote --school "$E" --participant Anna --order 'Studiero "på" lektionerna'
bad $G rank vote --school "$E" --participant Anna --order 'Studiero på lektionerna >'
bad $G rank vote --school "$E" --participant Anna --order "$(printf 'Studiero p\345 lektionerna')"
bad $G rank vote --school "$E" --participant Anna --order "$(head -c 5000 /dev/zero | tr '\0' 'x')"
bad $G rank vote --school "$E" --participant Anna --order 'Studiero i undervisningen'
bad $G rank vote --school "$E" --participant '' --order 'Studiero på lektionerna'
bad $G rank vote --participant Anna --order 'Studiero i undervisningen'
bad $G rank vote --school "$E" --round abc --participant Anna --order 'Studiero på lektionerna'
bad $G rank vote --school "$E" --round 99999999999999999999 --participant Anna --order 'Studiero på lektionerna'
bad $G rank vote --school "$E" --round 1 --participant Anna --order 'Studiero på lektionerna'
bad $G rank vote --school 'Ingen skola' --participant Anna --order 'Studiero på lektionerna'
R='participant,order'
printf '%s\nÖrjan,Studiero på lektionerna\nSaga,Återkoppling på bedömning\nörjan,Vikarier och personalomsättning\n' "$R" > b1.csv
bad $G rank import b1.csv --school "$E"
printf '%s\nÖrjan,Studiero på lektionerna\n%s,Återkoppling på bedömning\n' "$R" "$(printf 'O\314\210rjan')" > b2.csv
bad $G rank import b2.csv --school "$E"
printf '%s\n Saga ,Studiero på lektionerna\nsaga,Återkoppling på bedömning\n' "$R" > b3.csv
bad $G rank import b3.csv --school "$E"
printf '%s\nSaga,Studiero på lektionerna\nLena,Vikarier och personalomsättning > Okänt område\n' "$R" > b4.csv
bad $G rank import b4.csv --school "$E"
printf '%s\n,Studiero på lektionerna\n' "$R" > b5.csv
bad $G rank import b5.csv --school "$E"
printf '%s\n' "$R" > b6.csv
bad $G rank import b6.csv --school "$E"
printf 'participant\nSaga\n' > b7.csv
bad $G rank import b7.csv --school "$E"
printf '%s\nSaga,Studiero på lektionerna,extra\n' "$R" > b8.csv
bad $G rank import b8.csv --school "$E"
printf '%s\nSaga,"Studiero på lektionerna\n' "$R" > b9.csv
bad $G rank import b9.csv --school "$E"
printf '%s\nSaga,Studiero p\345 lektionerna = \n' "$R" > b10.csv
bad $G rank import b10.csv --school "$E"
printf '\0\1\2\3participant\0order\n' > b11.csv
bad $G rank import b11.csv --school "$E"
printf '%s\nSaga,Studiero på lektionerna\n' "$R" > b12.csv
bad $G rank import b12.csv
bad $G rank import does-not-exist.csv --school "$E"
bad $G rank dots --school "$E" --participant Saga --area 'Studiero på lektionerna' --dots -1
bad $G rank dots --school "$E" --participant Saga --area 'Studiero på lektionerna' --dots 99999999999999999999
bad $G rank dots --school "$E" --participant Saga --area 'Studiero på lektionerna' --dots 999
bad $G rank dots --school "$E" --participant Saga --area 'Okänt område' --dots 1
bad $G rank dots --school "$E" --participant Saga --area 'Studiero på lektionerna' --dots 50
bad $G rank dots --school "$E" --participant '' --area 'Studiero på lektionerna' --dots 1
bad $G rank score --school "$E" --participant Saga --area 'Okänt område' --impact 3 --effort 2
bad $G rank score --school "$E" --participant Saga --area 'Studiero på lektionerna' --impact 6 --effort 2
bad $G rank score --school "$E" --participant Saga --area 'Studiero på lektionerna' --impact 3 --effort 0
bad $G rank score --school "$E" --participant Saga --area 'Studiero på lektionerna' --impact 3.5 --effort 2
bad $G rank round new --school "$E" --dots -3
bad $G rank round new --school "$E" --dots 99999999999999999999
bad $G rank result --method condorcet
bad $G rank close --round 1
# ---- escape sequences in a letter: removed whole (CSI, OSC to BEL or ST, DCS, the C1 forms),
# an unterminated OSC only to the end of its line; the count says so
printf 'school,group,text\nNorrskolan,elever,"Rensa\033[2J skärmen, \033]52;c;aGVq\007urklipp, \033]0;titel\033\\ titel, \302\2332J C1, \033P1$qm\033\\ DCS\nOSC utan slut \033]0;resten går\nmen å ä ö står kvar."\n' > escapes.csv
edge $G import letters escapes.csv
sqlite3 q.db "SELECT text FROM documents ORDER BY id DESC LIMIT 1"
# ---- a new user's review of the command line
# the same result twice in one file (the group by another name): refused, naming both lines
printf '%s\nLindåsskolan,Skolenkäten,2026,elever,Kamrater,7.1,\nLindåsskolan,Skolenkäten,2026,Elever,Kamrater,3.1,\n' "$S" > s9.csv
bad $G import survey s9.csv
# a redaction must stay visible: an empty or blank --with is refused
bad $G redact 2 --span 30:40 --with ''
bad $G redact 2 --span 30:40 --with '  '
echo "$n cases"
