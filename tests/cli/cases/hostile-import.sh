# Issue 16: the import counts what it removes from hostile text and says it: ESC (CSI, OSC),
# BEL, C1 controls go from every field (counted per letter); bidi overrides and isolates go from
# names and titles but stay in a letter's text (it may need them), counted and shown as
# placeholders. Escape sequences go whole (CSI, OSC, DCS, APC, C1 forms; an unterminated OSC
# only to the end of its line). The fixture carries them in a CSV and in a .txt letter of a folder.
export GENOMLYS_DB=p.db
$G init --name Fientlig >/dev/null
run $G import letters "$FIXTURES/import/hostile/letters.csv"
run $G import letters "$FIXTURES/import/hostile"
run $G list letters --format tsv
run $G show letter 1
run $G show letter 3
run $G show letter 4
sqlite3 p.db "SELECT count(*) FROM documents WHERE instr(text, char(27)) OR instr(text, char(7)) OR instr(text, char(155)) OR instr(title, char(27)) OR instr(author, char(8238))"
