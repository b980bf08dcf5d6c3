# Coding from the command line on the demo project: spans by offset and by match, refusals,
# classification, the review of overlaps, codebook editing and export.
$G demo --uncoded --db p.db >/dev/null
export GENOMLYS_DB=p.db
run $G show letter 13
run $G code 13 --code Studiero --coder Karin --match "mina kompisar"
run $G code 13 --code "Lärmiljö > Studiero" --coder Karin --match "mina kompisar"
run $G code 13 --code Trygghet --coder Ali --span 30:50 --memo "Kompisar ger trygghet"
run $G code 13 --code Studiero --coder Ali --span 35:60
run $G code 13 --code Studiero --coder Ali --span 5:99999
run $G code 13 --code Studiero --coder Ali --match "finns inte i brevet"
run $G code 13 --code Studiero --coder Ali --match "a" --nth 0
run $G code 13 --code Okänd --coder Ali --span 1:2
run $G code 999 --code Studiero --coder Ali --span 1:2
run $G code 13 --code Studiero --coder Ali --span 4:2
run $G code 13 --code Studiero --coder Ali
run $G list codings
run $G list codings --coder Ali --format json
run $G list overlaps
run $G classify 13 --category Helhetsbedömning --value 4 --coder Karin
run $G classify 13 --category Helhetsbedömning --value "mycket positiv" --coder Karin
run $G classify 13 --category Helhetsbedömning --value 9 --coder Karin
run $G classify 13 --category Lärmiljö --value Studiero --coder Karin
# an exclusive category with no values yet (on a copy): the message says how to add one
cp p.db q.db
$G codebook add Ton --exclusive --db q.db >/dev/null
run $G classify 13 --category Ton --value 1 --coder Karin --db q.db
run $G classify 13 --category Helhetsbedömning --value none --coder Karin
run $G list coders
run $G uncode 1
run $G uncode 1
run $G codebook add Skolmat --parent Lärmiljö --color "#aa5500" --description "Maten och matsalen"
run $G codebook add Fel --color "#12zz99"
run $G codebook rename Skolmat "Mat och matsal"
run $G codebook move "Mat och matsal" --top
run $G codebook merge Trygghet Studiero
run $G codebook delete Studiero
run $G codebook delete Studiero --yes
run $G codebook move Lärmiljö --parent Lärmiljö
run $G codebook frobnicate
run $G codebook export
run $G check
# a colour of the 256-colour palette, as the interface offers; an exclusive category is never
# coded on a span (it classifies whole letters)
run $G codebook describe "Mat och matsal" --color 208
run $G codebook describe "Mat och matsal" --color 256
run $G code 13 --code Helhetsbedömning --coder Ali --span 1:5
run $G code 13 --code "Helhetsbedömning > Positiv" --coder Ali --span 1:5
# deleting a category says what goes with it: the codes under it and their codings
run $G codebook delete Lärmiljö
