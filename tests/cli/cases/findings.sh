# Findings and the development plan from the command line on the demo project: every finding
# subcommand and its refusals, evidence of all three kinds, the order, the cascades, and the
# plan in text, markdown and json for a school and for the municipality.
$G demo --uncoded --db p.db >/dev/null
export GENOMLYS_DB=p.db
# evidence to cite: codings by two coders in Ekåsens skola's letters
$G code 13 --code Studiero --coder Anna --match "mina kompisar" >/dev/null
$G code 13 --code Trygghet --coder Bosse --match "Biblioteket är också bra" >/dev/null
run $G finding add --kind area --title "Studiero på lektionerna" --school "Ekåsens skola" --coder Anna --description "Eleverna beskriver stök och avbrott;
lärarna håller med."
run $G finding add --kind strength --title "Ett omtyckt bibliotek" --school "Ekåsens skola" --coder Bosse
run $G finding add --kind area --title "Återkoppling på bedömning" --school "Ekåsens skola"
run $G finding add --kind area --title "Vikarier och personalomsättning" --school "Ekåsens skola"
run $G finding add --kind area --title "Studiero i undervisningen" --coder Cecilia
run $G finding add --kind challenge --title "Trygghet och kränkningar"
# refusals: nothing is half-saved (Dora is not created by a refused add)
run $G finding add --kind area --title "  studiero PÅ lektionerna " --school "Ekåsens skola" --coder Dora
run $G finding add --kind area --title "Studiero på lektionerna" --school "Okänd skola"
run $G finding add --kind weakness --title "X"
run $G finding add --kind area
run $G finding add --kind area --title "   "
run $G finding add --kind area --title "X" --before 1
run $G list coders
# evidence of every kind, and the refusals
run $G finding evidence 1 --coding 1
run $G finding evidence 1 --coding 1
run $G finding evidence 2 --coding 2
run $G finding evidence 1 --survey "Ekåsens skola/Skolenkäten/2025/elever/Studiero"
run $G finding evidence 1 --survey "Ekåsens skola/Skolenkäten/2025/elever/Studiero"
run $G finding evidence 1 --survey "Ekåsens skola/Skolenkäten/1999/elever/Studiero"
run $G finding evidence 1 --survey "Okänd skola/Skolenkäten/2025/elever/Studiero"
run $G finding evidence 1 --survey "Ekåsens skola/Skolenkäten/2025/astronauter/Studiero"
run $G finding evidence 1 --survey "Ekåsens skola/Skolenkäten"
run $G finding evidence 1 --survey "Ekåsens skola/Skolenkäten/tjugo/elever/Studiero"
run $G finding evidence 5 --finding 1
run $G finding evidence 5 --finding 1
run $G finding evidence 1 --finding 5
run $G finding evidence 5 --finding 6
run $G finding evidence 99 --coding 1
run $G finding evidence 1 --coding 99
run $G finding evidence 1 --finding 999
run $G finding evidence 1 --coding 1 --finding 5
run $G finding evidence 1
run $G finding evidence 1 --title X
# order within a column
run $G list findings --school "Ekåsens skola" --kind area
run $G finding move 4 --before 1
run $G finding move 3 --after 1
run $G finding move 3 --after 2
run $G finding move 3 --after 99
run $G finding move 3
run $G finding move 3 --before 1 --after 4
run $G list findings --school "Ekåsens skola" --kind area --format tsv
# edits: title, description, kind, level
run $G finding edit 3 --title "Återkoppling och bedömning" --description ""
run $G finding edit 3 --title "Studiero på lektionerna"
run $G finding edit 3 --kind challenge
run $G finding edit 3 --kind nonsense
run $G finding edit 3
run $G finding edit 3 --school "Ekåsens skola" --municipality
run $G finding edit 99 --title X
run $G finding edit 3 --school "Okänd skola"
run $G finding edit 4 --municipality
run $G list findings --municipality
run $G finding edit 4 --school "Norrbyskolan"
run $G list findings --school Norrbyskolan --format json
# the plans
run $G plan --school "Ekåsens skola"
run $G plan
run $G plan --school "Ekåsens skola" --format markdown
run $G plan --format json
run $G plan --school "Ekåsens skola" --format json
run $G plan --school "Okänd skola"
run $G plan --format pdf
run $G plan extra
# a project that keeps names (a project setting) names the author of a letter that has one
sqlite3 p.db "UPDATE documents SET author = 'Alva Ekström' WHERE id = 13;
  INSERT INTO settings (key, value) VALUES ('privacy.keep_names', 1)"
run $G plan --school "Ekåsens skola"
sqlite3 p.db "DELETE FROM settings WHERE key = 'privacy.keep_names'"
run $G plan --school "Ekåsens skola" --format markdown
# cascades: deleting a coding removes its evidence link, not the finding; deleting a school
# finding removes the municipality's citation of it
run $G uncode 1
run $G list findings --school "Ekåsens skola" --kind area
run $G finding delete 1
run $G finding delete 1
run $G finding delete abc
run $G plan
run $G finding evidence 2 --coding 2 --remove
run $G finding evidence 2 --coding 2 --remove
run $G finding frobnicate 1
run $G finding
run $G finding edit
run $G finding --help
run $G plan --help
run $G list findings --school "Ekåsens skola" --municipality
run $G list findings --kind weakness
run $G list letters --municipality
run $G check
run $G list audit --format tsv | tail -n 26
