# What a search finds: a word finds the words that begin with it (studiero: Studieron),
# "quotes" only that word, hyphenated words are words, and mistakes are sentences.
$G demo --db p.db >/dev/null
export GENOMLYS_DB=p.db
run sh -c "$G search studiero --format tsv | cut -f1-5"
run sh -c "$G search '\"studiero\"' --format tsv | cut -f1-5"
run sh -c "$G search 'studiero OR \"stökigt i klassrummet\"' --format tsv | cut -f1"
run sh -c "$G search F-klass --format tsv | cut -f1"
run $G search '"studiero'
run $G search 'studiero AND'
