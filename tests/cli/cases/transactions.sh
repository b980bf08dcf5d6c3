# Issue 9, items 3, 5 and 12: a command that fails changes nothing (no new coder, no audit
# row); numbers beyond int64 are refused as such, never clamped; values are finite; the
# codebook is at most 8 levels deep. The dump is compared after each refusal.
dump() { sqlite3 "$1" .dump | sha256sum | cut -c1-16; }
# Like run, but the command is shown quoted, so that control characters in arguments do not
# end up raw in the expected output.
runq() {
	printf '$'
	printf ' %q' "$@" | LC_ALL=C sed -e 's/\xe2\x80[\xaa-\xae]/<bidi>/g' -e 's/\xe2\x81[\xa6-\xa9]/<bidi>/g'
	printf '\n'
	"$@" 2>&1
	printf '[exit %d]\n' $?
}
bad() {
	local before
	before=$(dump p.db)
	runq "$@"
	[ "$before" = "$(dump p.db)" ] && echo "[dump unchanged]" || echo "[DUMP CHANGED]"
}
$G demo --uncoded --db p.db >/dev/null
export GENOMLYS_DB=p.db
bad $G code 99999999999999999999 --code Studiero --coder Newcoder --span 0:3
bad $G code -1 --code Studiero --coder Newcoder --span 0:3
bad $G code 999 --code Studiero --coder Newcoder --span 0:3
bad $G code 1 --code Okänd --coder Newcoder --span 0:3
bad $G code 1 --code '' --coder Newcoder --span 0:3
bad $G code 1 --code Lärmiljö --coder Newcoder --span 0:3 --nth 0
bad $G code 1 --code Studiero --coder Newcoder --span 0:99999
bad $G code 1 --code Studiero --coder Newcoder --span 0:99999999999999999999
bad $G code 1 --code Studiero --coder Newcoder --span 3:3
bad $G code 1 --code Studiero --coder Newcoder --match ''
bad $G code 1 --code Studiero --coder Newcoder --match rasten --nth 999
bad $G code 1 --code Studiero --coder Newcoder --match rasten --nth 99999999999999999999
bad $G code 1 --code Studiero --coder Newcoder --match rasten --nth 1x
bad $G code 1 --code Studiero --coder $'\e\u202e' --span 0:3
$G code 1 --code Studiero --coder Karin --span 0:3 >/dev/null
bad $G code 1 --code Studiero --coder Karin --span 0:3
bad $G classify 1 --category Okänd --value 1 --coder Newcoder
bad $G classify 1 --category Lärmiljö --value Studiero --coder Newcoder
bad $G classify 1 --category Helhetsbedömning --value 99 --coder Newcoder
bad $G classify 1 --category Helhetsbedömning --value nan --coder Newcoder
bad $G classify 99999999999999999999 --category Helhetsbedömning --value 1 --coder Newcoder
bad $G classify 999 --category Helhetsbedömning --value 1 --coder Newcoder
bad $G uncode 99999999999999999999
bad $G uncode 999
bad $G show letter 99999999999999999999
bad $G search rasten --limit 99999999999999999999
bad $G search rasten --limit -1
bad $G codebook add Ny --parent Okänd
bad $G codebook add Studiero --parent Lärmiljö
bad $G codebook add Ny --value 1e400
bad $G codebook add Ny --value nan
bad $G codebook add Ny --value inf
bad $G codebook add Ny --value 0x10
bad $G codebook add $'\e\u202e\u2066'
bad $G codebook rename Studiero Trygghet
bad $G codebook rename Okänd Ny
bad $G codebook move Okänd --top
bad $G codebook merge Studiero Okänd
bad $G codebook delete Studiero
run $G list coders
# the values --value accepts: a decimal comma or point
run $G codebook add "Värde 2,5" --parent Helhetsbedömning --value 2,5
run $G codebook add "Värde 3.25" --parent Helhetsbedömning --value 3.25
# names are cleaned as they come in: control characters and bidi overrides go
runq $G codebook add $'Ny\e[2J\u202ekod' --description $'Rad 1\nRad 2\e]52;c;aGVq\a'
runq $G code 1 --code Studiero --coder $'\u202eKarin\e]0;x\a' --span 9:12 --memo $'M\e[31memo'
run $G list coders
# At most 8 levels: a category is level 1.
parent=
for i in 1 2 3 4 5 6 7 8; do
	$G codebook add "Nivå $i" ${parent:+--parent "$parent"} >/dev/null || echo "level $i refused"
	parent="Nivå $i"
done
bad $G codebook add "Nivå 9" --parent "Nivå 8"
bad $G codebook move Lärmiljö --parent "Nivå 7"
run $G codebook move Lärmiljö --parent "Nivå 6"
$G codebook add Djup --parent "Organisation > Ledarskap" >/dev/null
bad $G codebook merge "Nivå 2" Djup
run $G codebook merge "Nivå 7" Ledarskap
run $G list codings --code "Nivå 1"
run $G code 1 --code "Nivå 6 > Lärmiljö > Studiero" --coder Karin --span 5:9
run $G list codings --code "Nivå 1" --format tsv
run $G list codes --format tsv
run $G check
