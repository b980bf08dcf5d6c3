# Issue 16: pseudonymise --authors lists each author's stable pseudonym; --apply (asking first:
# --yes without a terminal) replaces the letters' author fields, and the names are then gone
# from the file's bytes (WAL and SHM too) and from the audit log; a second run finds nothing to
# do; the pseudonyms stay the same.
raw() {
	local f found=
	for f in p.db p.db-wal p.db-shm; do
		[ -e "$f" ] && grep -a -q -F "$1" "$f" && found="$found $f"
	done
	echo "[raw '$1':${found:- nowhere}]"
}
cat > letters.csv <<'CSV'
school,group,author,date,title,text
Norrskolan,elever,Örjan Ekvallsson,2026-01-14,Rasten,"Rastvakterna syns inte vid pingisbordet."
Norrskolan,elever,Saga Lindqvist,2026-01-15,Matsalen,"Det är för högt ljud i matsalen."
Norrskolan,elever,örjan ekvallsson,2026-01-16,Igen,"Fortfarande inga rastvakter vid pingisbordet."
Norrskolan,lärare,Lena Sandqvist,2026-01-16,Vikarier,"Elva vikarier i svenska sedan höstlovet."
Norrskolan,elever,,2026-01-17,,"Ett brev utan namn om bussen."
CSV
export GENOMLYS_DB=p.db
$G init --name Pseudonymer >/dev/null
$G import letters letters.csv >/dev/null
sqlite3 p.db "INSERT INTO audit_log (actor, action, entity, detail) VALUES ('Anna', 'note', 'document', 'brev från Saga Lindqvist')"
run $G pseudonymise
run $G pseudonymise --authors --format tsv
raw 'Ekvallsson'
raw 'Saga Lindqvist'
# --apply asks first, as erase does: with no terminal to ask it needs --yes and changes nothing
run $G pseudonymise --authors --apply
raw 'Saga Lindqvist'
run $G pseudonymise --authors --apply --yes
raw 'Ekvallsson'
raw 'Saga Lindqvist'
raw 'Sandqvist'
run $G list letters --format tsv
run $G pseudonymise --authors --apply
run $G log --format tsv
# nothing to show: the table says so, as list does (tsv and json keep their empty forms)
run $G pseudonymise --authors
run $G pseudonymise --authors --format json
run $G log --coder Nobody
run $G log --coder Nobody --format tsv
run $G check
