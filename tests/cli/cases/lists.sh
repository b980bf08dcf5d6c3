# What list's filters do: codes narrowed to a coder, a school or a group keep every code and
# count only those codings; letters narrowed to a coder count only theirs; a filter that a list
# cannot honour is refused (exit 2), never silently ignored.
$G demo --uncoded --db p.db >/dev/null
export GENOMLYS_DB=p.db
$G code 13 --code Studiero --coder Åsa --match "mina kompisar" >/dev/null
$G code 13 --code Trygghet --coder Karin --span 30:50 >/dev/null
$G code 1 --code Studiero --coder Karin --span 0:10 >/dev/null
run sh -c "$G list codes --format tsv | cut -f4,10 | grep -v '	0$'"
run sh -c "$G list codes --coder Åsa --format tsv | cut -f4,10 | grep -v '	0$'"
run sh -c "$G list codes --coder Karin --format tsv | cut -f4,10 | grep -v '	0$'"
run sh -c "$G list codes --school Björkdalsskolan --format tsv | cut -f4,10 | grep -v '	0$'"
run sh -c "$G list letters --coder Åsa --format tsv | cut -f1,10 | grep -v '	0$'"
run sh -c "$G list codings --code Lärmiljö --format tsv | cut -f4,6"
run sh -c "$G list codings --kind survey_text --format tsv | cut -f4,6"
run $G list schools --coder Åsa
run $G list coders --code Studiero
run $G list survey --kind letter
run $G list audit --school Björkdalsskolan
run sh -c "$G list --help | head -3"
# classifications: listed, by coder and category; counted in the codebook as letters classified
$G classify 13 --category Helhetsbedömning --value 4 --coder Karin >/dev/null
$G classify 13 --category Helhetsbedömning --value negativ --coder Åsa >/dev/null
$G classify 12 --category Helhetsbedömning --value 4 --coder Åsa >/dev/null
run $G list classifications
run $G list classifications --coder Åsa --category Helhetsbedömning --format json
run sh -c "$G list codes --format tsv | cut -f4,10 | grep Helhet"
run sh -c "$G list codes --coder Karin --format tsv | cut -f4,10 | grep Helhet"
run $G list classifications --code Studiero
