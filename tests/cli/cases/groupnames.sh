# Respondent groups are shown in the interface's language (the messages' language: LANGUAGE,
# LC_MESSAGES): English "teachers", "students", Swedish "lärare", "elever", in lists (text,
# tsv, json), the statistics' columns, the plan and the search. Input takes the key and either
# name in any case, whatever the language; the workbook keeps its own --lang.
$G demo --db p.db >/dev/null
export GENOMLYS_DB=p.db
run sh -c "$G list letters --format tsv | cut -f3-5 | head -4"
run sh -c "LANGUAGE=sv $G list letters --format tsv | cut -f3-5 | head -4"
run sh -c "$G list letters | head -3"
run sh -c "LANGUAGE=sv $G list letters | head -3"
run sh -c "$G list letters --format json | head -2"
run sh -c "LANGUAGE=sv $G list letters --format json | head -2"
run sh -c "$G stats codes --by group --measure letters | head -2"
run sh -c "LANGUAGE=sv $G stats codes --by group --measure letters | head -2"
run sh -c "$G list survey --format tsv | cut -f3,6,7 | head -3"
run sh -c "LANGUAGE=sv $G list survey --format tsv | cut -f3,6,7 | head -3"
run sh -c "$G search rastvakter | head -3"
run sh -c "LANGUAGE=sv $G search rastvakter | head -3"
run sh -c "$G list codings --format tsv | cut -f4,8 | head -3"
run sh -c "LANGUAGE=sv $G list codings --format tsv | cut -f4,8 | head -3"
run sh -c "$G plan --school 'Ekåsens skola' | grep -m2 -E '(teachers|students|lärare|elever)'"
run sh -c "LANGUAGE=sv $G plan --school 'Ekåsens skola' | grep -m2 -E '(teachers|students|lärare|elever)'"
# the same filter by the key, the Swedish and the English name, any case, in both languages
for g in student ELEVER Students; do
	run sh -c "$G list letters --group $g --format tsv | cut -f5 | sort | uniq -c"
	run sh -c "LANGUAGE=sv $G list letters --group $g --format tsv | cut -f5 | sort | uniq -c"
done
run sh -c "$G list letters --group lärarna | head -2"
run sh -c "LANGUAGE=sv $G list letters --group lärarna | head -2"
# an import names its group by key or either name, whatever the language
cat > letters.csv <<'CSV'
school,group,author,date,title,text
Sjövikskolan,Teachers,Lärare Ö,2026-03-01,Ett,"Om rastvakter på gården."
Sjövikskolan,LÄRARE,Lärare Ö,2026-03-02,Två,"Om rastvakter i matsalen."
Sjövikskolan,teacher,Lärare Ö,2026-03-03,Tre,"Om rastvakter vid bussen."
CSV
run env LANGUAGE=sv $G import letters letters.csv
run sh -c "$G list letters --school Sjövikskolan --format tsv | cut -f4,5,9"
run sh -c "LANGUAGE=sv $G list letters --school Sjövikskolan --format tsv | cut -f4,5,9"
