# The plan in Swedish (LANGUAGE=sv): text and markdown write decimals with the interface
# language's comma, as the panes do; json keeps numbers. genomlys setting keep-names saves
# the project's choice between the letters' authors and pseudonyms in quotes.
$G demo --db p.db >/dev/null
export GENOMLYS_DB=p.db
run $G setting
run $G setting keep-names on
run $G setting keep-names
run $G setting keep-names off
run $G setting keep-names ja
run $G setting privacy
run $G setting keep-names on off
run $G list audit --format tsv | tail -3
LANGUAGE=sv run $G plan --school "Ekåsens skola"
LANGUAGE=sv run $G plan --school "Ekåsens skola" --format markdown
LANGUAGE=sv run $G plan --format json | grep -m4 -E "\"(value|municipal_mean)\""
run $G setting --help
# a closed round's note on each area is put into words when shown, in the language of that
# moment (the demo closed its round in English): Swedish words, a decimal comma in W
LANGUAGE=sv run sh -c "$G plan | grep -m2 'Schulze'"
LANGUAGE=sv run $G rank result
run sh -c "$G plan | grep -m1 'Schulze'"
