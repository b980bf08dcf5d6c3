# A new project: create, refuse to overwrite, list the empty project in every format, check.
run $G init --db p.db --name "Älvnäs kommun"
run $G init --db p.db --name "Another"
stat -c '%a %n' p.db
run $G list schools --db p.db
run $G list groups --db p.db
run $G list groups --db p.db --format tsv
run $G list groups --format json --db p.db
run $G list letters --db p.db --format json
run $G check --db p.db
GENOMLYS_DB=p.db run $G list coders
run $G list audit --db p.db
