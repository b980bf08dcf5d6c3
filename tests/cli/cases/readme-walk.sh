# Defects found walking the README as a new user (clifix2).
$G demo --db p.db >/dev/null
# 1. check lists a school's finding citing another school's coding or survey value (a project
# written before the store refused them): the finding, the evidence, both schools, and the
# command that removes the link; exit 1. After those commands, check is content.
run $G check --db p.db
coding=$(sqlite3 p.db "SELECT c.id FROM codings c JOIN documents d ON d.id = c.document_id
	WHERE d.school_id = 2 ORDER BY c.id LIMIT 1")
result=$(sqlite3 p.db "SELECT id FROM survey_results WHERE school_id = 3 ORDER BY id LIMIT 1")
sqlite3 p.db "INSERT INTO finding_codings VALUES (3, $coding);
	INSERT INTO finding_surveys VALUES (3, $result)"
run $G check --db p.db
run $G finding evidence 3 --coding $coding --remove --db p.db
run $G finding evidence 3 --survey "Norrbyskolan/Skolenkäten/2026/student/Trygghet" --remove --db p.db
run $G check --db p.db
# a municipal finding may cite any school's evidence: not a problem
sqlite3 p.db "INSERT INTO finding_codings VALUES (33, $coding)"
run $G check --db p.db
# 3. export xlsx refuses a name that does not end in .xlsx (any case), naming it; nothing written
run $G export xlsx a.txt --db p.db
run $G export xlsx rapport --db p.db
run $G export xlsx mapp.xlsx/rapport --db p.db
run $G export xlsx Rapport.XLSX --db p.db
ls
# 6. classify's list of valid values and its answer write a non-whole value with the interface
# language's decimal separator (a comma in Swedish), and take the value as typed either way
run $G codebook add "Övervägande positiv" --parent Helhetsbedömning --value 2,5 --db p.db
LANGUAGE=sv LANG=C.UTF-8 run $G classify 1 --category Helhetsbedömning --value 9 --coder Anna --db p.db
LANGUAGE=sv LANG=C.UTF-8 run $G classify 1 --category Helhetsbedömning --value 2,5 --coder Anna --db p.db
run $G classify 1 --category Helhetsbedömning --value 9 --coder Bosse --db p.db
run $G classify 1 --category Helhetsbedömning --value 2.5 --coder Bosse --db p.db
# 8. CSV: a number's own field has a decimal comma with ';' (and tab) whatever --lang says, a
# point with ','; numbers inside texts follow --lang. Documented in export --help.
$G export csv en-semi --lang en --db p.db >/dev/null
$G export csv en-comma --lang en --sep , --db p.db >/dev/null
$G export csv sv-semi --lang sv --db p.db >/dev/null
grep -h "^Kendall" en-semi/08-Ranking.csv en-comma/08-Ranking.csv sv-semi/08-Rangordning.csv | tr -d '\r'
$G export --help | grep -o "A number in a field[^.]*\. "
