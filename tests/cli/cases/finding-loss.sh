# What a finding's move takes with it, said by the command (on the demo project): moving the
# municipality's development area "Trygghet och kränkningar" (38) to Ekåsens skola clears the
# municipal round's figures and removes the citations and the other schools' survey values;
# a kind change clears the ranking. A school's finding refuses another school's coding or
# survey value, naming both schools; the municipality's takes any school's.
$G demo --db p.db >/dev/null
export GENOMLYS_DB=p.db
plan_of() {  # the lines of one finding in a plan
	"$@" | awk '/^ *[0-9]+\. / { on = /Trygghet och kränkningar/ } /^$/ { on = 0 } on'
}
plan_of $G plan
run $G finding edit 38 --school "Ekåsens skola"
plan_of $G plan --school "Ekåsens skola"
run $G finding edit 38 --municipality
run $G finding edit 37 --kind strength
run $G finding edit 37 --kind area
# a school's finding and another school's evidence (finding 1: Björkdalsskolan; coding 107
# and the survey value below: Ekåsens skola)
run $G finding evidence 1 --coding 107
run $G finding evidence 1 --survey "Ekåsens skola/Skolenkäten/2026/elever/Trygghet"
run $G finding evidence 38 --coding 107
run $G finding evidence 38 --survey "Ekåsens skola/Skolenkäten/2026/elever/Trygghet"
# Removing codings that are evidence says so, before (without --yes) and after: three of
# Studiero's codings are quotes of two findings; coding 2 is evidence, coding 1 is not.
$G demo --db q.db >/dev/null
export GENOMLYS_DB=q.db
run $G codebook delete Studiero
run $G codebook delete Studiero --yes
run $G codebook delete Lärmiljö
run $G uncode 1
run $G uncode 2
