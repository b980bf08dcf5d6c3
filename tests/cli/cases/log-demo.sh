# The demo's audit log names who did what: each coder's codings and classifications are theirs
# (the README's `genomlys log --coder Anna`), the rest is the account that built the demo.
$G demo --db d.db >/dev/null
echo "Anna's rows: actor, action, entity"
$G log --db d.db --coder Anna --format tsv | cut -f3,4,5 | sort | uniq -c
echo "every row's actor"
$G log --db d.db --format tsv | cut -f3 | sort | uniq -c
