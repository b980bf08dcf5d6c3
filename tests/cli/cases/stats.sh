# The analysis from the command line on the demo project: read marks, code matrices, a
# school's profile, co-occurrence and intercoder agreement, with their refusals.
$G demo --uncoded --db p.db >/dev/null
export GENOMLYS_DB=p.db
# two coders code letter 13 (å, ä, ö in it), one of them letter 14 too; both read letter 15
$G code 13 --code Studiero --coder Karin --match "mina kompisar" >/dev/null
$G code 13 --code Studiero --coder Ali --span 24:40 >/dev/null
$G code 13 --code Trygghet --coder Ali --span 30:50 >/dev/null
$G code 14 --code Trygghet --coder Karin --span 0:10 >/dev/null
$G classify 13 --category Helhetsbedömning --value 4 --coder Karin >/dev/null
$G classify 13 --category Helhetsbedömning --value 4 --coder Ali >/dev/null
run $G read 15 --coder Karin
run $G read 15 --coder Ali
run $G read 15 --coder Ali
run $G read 14 --coder Ali
run $G read 14 --coder Ali --undo
run $G read 14 --coder Nobody --undo
run $G read 999 --coder Ali
run $G read abc --coder Ali
run $G read 15
run $G stats reads
run $G stats agreement --coders Karin,Ali
run $G stats agreement --coders Karin,Ali --format json
run $G stats agreement --coders Karin,Ali --code Trygghet --format tsv
run $G stats agreement --coders Karin
run $G stats agreement --coders Karin,Okänd
run $G stats agreement --coders Karin,Ali,Bea
$G code 16 --code Studiero --coder Bea --span 0:4 >/dev/null
run $G stats agreement --coders Karin,Ali,Bea
run $G stats codes
run $G stats codes --by group --measure letters
run $G stats codes --by group --measure share --format tsv
run $G stats codes --coder Ali --format json
run $G stats codes --code Lärmiljö
run $G stats codes --measure often
run $G stats codes --by class
run $G stats profile --school "Ekåsens skola"
run $G stats profile --school "Ekåsens skola" --format json
run $G stats profile
run $G stats profile --school Okänd
run $G stats cooccurrence
run $G stats cooccurrence --scope letter --format tsv
run $G stats cooccurrence --scope sentence
run $G stats frequencies
run $G stats
# the demo as shipped: three coders with disagreement on a shared subset of letters
$G demo --db d.db >/dev/null
run $G stats reads --db d.db
run $G stats agreement --coders Anna,Bosse,Cecilia --db d.db
run $G stats agreement --coders Anna,Bosse --format json --db d.db
run $G stats profile --school "Ekåsens skola" --db d.db
