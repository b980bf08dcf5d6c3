# Workshop ranking from the command line: rounds, ballots (typed and imported), dots,
# impact/effort, reveal, close and the results; and every refusal the issue lists.
$G init --db p.db >/dev/null
export GENOMLYS_DB=p.db
# development areas (findings of kind 'area'): the municipality's five and one school's two
sqlite3 p.db "INSERT INTO schools (uuid, name, name_key) VALUES ('s1', 'Ekåsens skola', 'ekåsens skola');
INSERT INTO findings (uuid, school_id, kind, title) VALUES
 ('a1', NULL, 'area', 'Studiero i undervisningen'), ('a2', NULL, 'area', 'Behöriga lärare och kontinuitet'),
 ('a3', NULL, 'area', 'Elevhälsans tillgänglighet'), ('a4', NULL, 'area', 'Trygghet och kränkningar'),
 ('a5', NULL, 'area', 'Extra anpassningar i tid'), ('a6', 1, 'area', 'Studiero på lektionerna'),
 ('a7', 1, 'area', 'Vikarier och personalomsättning'), ('a8', NULL, 'strength', 'Engagerade lärare');"
run $G rank --help
run $G rank
run $G rank vote --participant Anna --order 'Studiero i undervisningen'
run $G rank result
# a round: 5 areas give a default of 2 dots
run $G rank round new
run $G rank round new --school 'Ekåsens skola' --name 'Före diskussionen' --dots 1 --no-stacking
run $G rank round new --school 'Okänd skola'
run $G rank round new --dots 0
run $G rank round
# ballots: ties with '=', unranked areas, case and NFC in titles, replacing one's ballot
run $G rank vote --participant Anna --order 'Studiero i undervisningen > Trygghet och kränkningar = Elevhälsans tillgänglighet > Extra anpassningar i tid'
run $G rank vote --participant Bosse --order 'trygghet och kränkningar > STUDIERO I UNDERVISNINGEN > Behöriga lärare och kontinuitet'
run $G rank vote --participant bosse --order "Trygghet och kra$(printf '\314\210')nkningar > Studiero i undervisningen > Elevhälsans tillgänglighet"
run $G rank vote --participant Cecilia --order 'Studiero i undervisningen > Okänt område'
run $G rank vote --participant Cecilia --order '"Studiero i undervisningen" Trygghet och kränkningar'
run $G rank vote --participant Cecilia --order 'Studiero i undervisningen >> Trygghet och kränkningar'
run $G rank vote --participant Cecilia --order 'Studiero i undervisningen > Studiero i undervisningen'
run $G rank vote --participant Cecilia
run $G rank vote --participant '' --order 'Studiero i undervisningen'
run $G rank vote --participant Cecilia --order 'Studiero på lektionerna'
run $G rank vote --school 'Ekåsens skola' --participant Cecilia --order 'Studiero på lektionerna > Vikarier och personalomsättning'
# the results stay hidden until the round is revealed, unless the facilitator forces them
run $G rank result
run $G rank result --round 1 --force --format tsv
# import: all or nothing
printf 'participant,order\nCecilia,Studiero i undervisningen > Elevhälsans tillgänglighet\nDavid,Okänt område > Studiero i undervisningen\n' > unknown.csv
printf 'deltagare;ordning\nCecilia;Studiero i undervisningen > Elevhälsans tillgänglighet\nDavid;"""Studiero"" Trygghet"\nEva;Studiero i undervisningen\nFilip;Trygghet och kränkningar\nGun;Studiero i undervisningen\nHans;"""Studiero"" Trygghet och kränkningar"\n' > bad.csv
printf 'participant,order\nCecilia,Studiero i undervisningen\nDavid,Trygghet och kränkningar\ncecilia,Elevhälsans tillgänglighet\n' > twice.csv
printf 'participant,order\nCecilia,Studiero i undervisningen = Elevhälsans tillgänglighet > Trygghet och kränkningar\nDavid,Trygghet och kränkningar > Studiero i undervisningen > Extra anpassningar i tid > Behöriga lärare och kontinuitet > Elevhälsans tillgänglighet\nAnna,Studiero i undervisningen > Trygghet och kränkningar > Elevhälsans tillgänglighet > Extra anpassningar i tid > Behöriga lärare och kontinuitet\n' > ballots.csv
run $G rank import unknown.csv
run $G rank import bad.csv
run $G rank import twice.csv
run $G rank import missing.csv
run $G rank result --force --format tsv
run $G rank import ballots.csv
# dots (2 each, stacking allowed) and impact/effort scores
run $G rank dots --participant Anna --area 'studiero i undervisningen' --dots 2
run $G rank dots --participant Anna --area 'Trygghet och kränkningar' --dots 1
run $G rank dots --participant Bosse --area 'Trygghet och kränkningar' --dots 1
run $G rank dots --participant Bosse --area 'Elevhälsans tillgänglighet' --dots 1
run $G rank dots --participant Bosse --area 'Okänt område' --dots 1
run $G rank dots --participant Bosse --area 'Elevhälsans tillgänglighet' --dots -1
run $G rank dots --school 'Ekåsens skola' --participant Bosse --area 'Studiero på lektionerna' --dots 2
run $G rank score --participant Anna --area 'Studiero i undervisningen' --impact 5 --effort 2
run $G rank score --participant Bosse --area 'Studiero i undervisningen' --impact 4 --effort 3
run $G rank score --participant Bosse --area 'Behöriga lärare och kontinuitet' --impact 4 --effort 5
run $G rank score --participant Bosse --area 'Trygghet och kränkningar' --impact 0 --effort 3
run $G rank score --participant Bosse --area 'Trygghet och kränkningar' --impact 3 --effort 6
run $G rank score --participant Bosse --area 'Trygghet och kränkningar' --impact 3
# reveal and the results by each method
run $G rank reveal
run $G rank reveal --round 1
run $G rank result
run $G rank result --method borda --format tsv
run $G rank result --method kemeny --format tsv
run $G rank result --method condorcet
run $G rank result --format json
# close: read-only; result still shows the newest round; --round of another level is refused
run $G rank close
run $G rank vote --round 1 --participant Anna --order 'Extra anpassningar i tid'
run $G rank vote --participant Anna --order 'Extra anpassningar i tid'
run $G rank result --format tsv
run $G rank result --round 2
run $G rank result --school 'Ekåsens skola' --round 1
run $G rank result --round 99
run $G rank close --round 1
run $G rank result --force --round 1 --method nonsense
run sh -c "sqlite3 p.db 'SELECT count(*) FROM ballots; SELECT action, entity, detail FROM audit_log WHERE entity IN (\"round\", \"ballot\") ORDER BY id;'"
