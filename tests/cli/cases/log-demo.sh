# The demo's audit log names who did what: each coder's codings and classifications are theirs
# (the README's `genomlys log --coder Anna`), the rest is the account that built the demo.
$G demo --db d.db >/dev/null
echo "Anna's rows: actor, action, entity"
$G log --db d.db --coder Anna --format tsv | cut -f3,4,5 | sort | uniq -c
echo "every row's actor"
$G log --db d.db --format tsv | cut -f3 | sort | uniq -c
# what a row is about: evidence links name the finding they belong to, a classification its
# letter and value; a closed round's ranking is in words (a coding's own rows: nothing)
echo "about"
$G log --db d.db --format tsv | awk -F'\t' '$4 == "link" || $4 == "rank" || $4 == "classify" || ($4 == "create" && $5 == "coding")' | cut -f4-7 | sort -u -t'	' -k1,2 | head -8
