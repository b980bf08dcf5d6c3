# Issue 16, "Nothing leaked": erase a person's letters, a letter or a school, and redact a
# passage; the text is then gone from the file's bytes, its WAL and its SHM (grepped raw), also
# while another program has the project open; the audit log keeps that it happened, not what.
dump() { sqlite3 "$1" .dump | sha256sum | cut -c1-16; }
# raw: does any of the project's files hold the text? (the file, WAL and SHM as bytes)
raw() {
	local f found=
	for f in p.db p.db-wal p.db-shm; do
		[ -e "$f" ] && grep -a -q -F "$1" "$f" && found="$found $f"
	done
	echo "[raw '$1':${found:- nowhere}]"
}
cat > letters.csv <<'CSV'
school,group,author,date,title,text
Norrskolan,elever,Örjan Ekvallsson,2026-01-14,Om rasterna,"Jag heter Örjan och rastvakten Bertil Zandermark skrek på mig vid pingisbordet igår."
Norrskolan,elever,Örjan Ekvallsson,2026-01-15,Matsalen,"Det är kvävande högt i matsalen när klass 7C kommer in, säger Örjan."
Norrskolan,lärare,Lena Sandqvist,2026-01-16,Vikarier,"Vi har haft elva vikarier i svenska sedan höstlovet och eleverna tappar tråden."
Södra skolan,elever,Malin Öhrwall,2026-01-17,Bussen,"Skolbussen från Hammarbacken går tio minuter för tidigt varje morgon."
CSV
export GENOMLYS_DB=p.db
$G init --name Radering >/dev/null
$G import letters letters.csv >/dev/null
$G codebook add Studiero >/dev/null
$G codebook add Trygghet >/dev/null
run $G code 1 --code Trygghet --coder Anna --match 'rastvakten Bertil Zandermark skrek' --memo 'Bertil nämns vid namn'
run $G code 1 --code Studiero --coder Anna --span 0:15
run $G code 1 --code Studiero --coder Bosse --span 20:60
run $G code 1 --code Trygghet --coder Bosse --span 60:80
run $G code 2 --code Studiero --coder Anna --match 'kvävande högt i matsalen'
run $G code 3 --code Studiero --coder Anna --match 'elva vikarier'
sqlite3 p.db "INSERT INTO memos (uuid, target, target_id, text) VALUES ('m1', 'document', 2, 'Örjan verkar utsatt, följ upp med mentor Kvarnström')"
raw 'Zandermark'
raw 'Örjan Ekvallsson'
raw 'Kvarnström'
# erase asks first: without a terminal and without --yes nothing is erased
before=$(dump p.db)
run $G erase --author 'örjan ekvallsson' </dev/null
[ "$before" = "$(dump p.db)" ] && echo "[dump unchanged]" || echo "[DUMP CHANGED]"
run $G erase --author 'Ingen Alls' --yes
run $G erase --letter 99 --yes
run $G erase --school 'Ingen skola' --yes
run $G erase --author Örjan --letter 1 --yes
run $G erase --yes
# the author, with another program holding the project open (a reader between its reads)
/usr/bin/python3 -c 'import sqlite3, time
c = sqlite3.connect("p.db"); c.execute("SELECT count(*) FROM documents").fetchall()
open("held", "w").close(); time.sleep(6)' &
holder=$!
while [ ! -e held ]; do sleep 0.1; done
run $G erase --author 'örjan ekvallsson' --yes
raw 'Zandermark'
raw 'Örjan Ekvallsson'
raw 'Ekvallsson'
raw 'Kvarnström'
raw 'pingisbordet'
raw 'kvävande'
wait $holder
run $G list letters --format tsv
run $G list codings --format tsv
run $G search pingisbordet
run $G check
sqlite3 p.db "SELECT count(*) FROM memos"
# the audit log: the erasure is there, with its counts; no name, title or path of what went
run $G log --format tsv
$G log --format tsv | grep -c -i -e örjan -e 'letters.csv:[23]' -e Ekvallsson
# a passage: the name replaced by a marker; the coding after it moves, the one over it shrinks,
# the one inside it goes (said so)
run $G show letter 3
run $G code 3 --code Trygghet --coder Anna --span 0:10
run $G code 3 --code Trygghet --coder Bosse --span 15:30
run $G code 3 --code Studiero --coder Bosse --span 20:24
run $G code 3 --code Trygghet --coder Anna --span 8:14
run $G code 3 --code Studiero --coder Anna --span 40:50
run $G list codings --format tsv
run $G redact 3 --span 12:25 --with '[antal]'
run $G redact 3 --span 30:14
run $G redact 3 --span 0:9999
run $G redact 3 --span 5:5
run $G redact 99 --span 0:1
run $G redact 3
run $G redact 3 --span 1:2 --with "$(printf 'a\033[2Jb')"
run $G show letter 3
# the default marker
run $G redact 3 --span 25:35
run $G show letter 3
run $G list codings --format tsv
raw 'vikarier i svenska'
run $G check
# a school with everything of it: letters, codings, survey results, findings and memos on them
printf 'school,survey,year,group,item,value\nSödra skolan,Skolenkäten,2026,elever,Studiero,6.1\n' > survey.csv
$G import survey survey.csv >/dev/null
sqlite3 p.db "INSERT INTO findings (uuid, school_id, kind, title) VALUES ('f1', 2, 'area', 'Hammarbackens busstider'); INSERT INTO memos (uuid, target, target_id, text) VALUES ('m2', 'finding', 1, 'Prata med Hammarbackens trafikbolag')"
run $G code 4 --code Trygghet --coder Anna --match 'Hammarbacken'
run $G erase --school 'södra skolan' --yes
raw 'Hammarbacken'
raw 'Södra skolan'
raw 'Öhrwall'
run $G list schools --format tsv
run $G check
run $G log --since 2026-01-01 --coder anna --format tsv
run $G log --since yesterday
run $G log --coder ''
run $G log --since 2999-01-01 --format json
