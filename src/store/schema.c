/* The schema as an ordered list of migrations; PRAGMA user_version counts the steps applied. */
#include "schema.h"

#include <stddef.h>

#define NOW "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"

/* Step 1: the data model. Every row a person creates has a random uuid, so that projects
 * from several laptops can be merged later; integer ids are local handles only. */
static const char step1[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE schools ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL CHECK (length(name) > 0), name_key TEXT NOT NULL UNIQUE,"
	"  created_at TEXT NOT NULL DEFAULT " NOW ");"
	"CREATE TABLE groups ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, key TEXT NOT NULL UNIQUE,"
	"  name_sv TEXT NOT NULL, name_en TEXT NOT NULL, sort INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE group_aliases ("
	"  alias_key TEXT PRIMARY KEY,"
	"  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE) WITHOUT ROWID;"
	"CREATE TABLE coders ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL CHECK (length(name) > 0), name_key TEXT NOT NULL UNIQUE,"
	"  created_at TEXT NOT NULL DEFAULT " NOW ");"
	"CREATE TABLE documents ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('letter','survey_text','inspection')),"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,"
	"  group_id INTEGER NOT NULL REFERENCES groups(id),"
	"  author TEXT, date TEXT, title TEXT,"
	"  text TEXT NOT NULL, length INTEGER NOT NULL CHECK (length >= 0),"
	"  content_hash TEXT NOT NULL, source TEXT,"
	"  created_at TEXT NOT NULL DEFAULT " NOW ","
	"  UNIQUE (school_id, group_id, content_hash));"
	"CREATE INDEX documents_group ON documents(group_id);"
	"CREATE TABLE codes ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  parent_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL CHECK (length(name) > 0), name_key TEXT NOT NULL,"
	"  description TEXT, color TEXT,"
	"  exclusive INTEGER NOT NULL DEFAULT 0 CHECK (exclusive IN (0,1)), value REAL,"
	"  created_at TEXT NOT NULL DEFAULT " NOW ");"
	"CREATE UNIQUE INDEX codes_name ON codes(ifnull(parent_id, 0), name_key);"
	"CREATE INDEX codes_name_key ON codes(name_key);"
	"CREATE TABLE codings ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
	"  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,"
	"  coder_id INTEGER NOT NULL REFERENCES coders(id),"
	"  start INTEGER NOT NULL CHECK (start >= 0), end INTEGER NOT NULL CHECK (end > start),"
	"  memo TEXT, created_at TEXT NOT NULL DEFAULT " NOW ","
	"  UNIQUE (document_id, code_id, coder_id, start, end));"
	"CREATE INDEX codings_code ON codings(code_id);"
	"CREATE INDEX codings_coder ON codings(coder_id);"
	"CREATE TABLE classifications ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
	"  category_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,"
	"  value_code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,"
	"  coder_id INTEGER NOT NULL REFERENCES coders(id),"
	"  created_at TEXT NOT NULL DEFAULT " NOW ","
	"  UNIQUE (document_id, category_id, coder_id));"
	"CREATE TABLE memos ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  target TEXT NOT NULL CHECK (target IN ('project','document','code','coding','finding')),"
	"  target_id INTEGER NOT NULL, coder_id INTEGER REFERENCES coders(id),"
	"  text TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT " NOW ","
	"  updated_at TEXT NOT NULL DEFAULT " NOW ");"
	"CREATE INDEX memos_target ON memos(target, target_id);"
	"CREATE TABLE survey_results ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,"
	"  survey TEXT NOT NULL, year INTEGER NOT NULL,"
	"  group_id INTEGER NOT NULL REFERENCES groups(id),"
	"  item TEXT NOT NULL, value REAL NOT NULL, n INTEGER CHECK (n IS NULL OR n >= 0),"
	"  created_at TEXT NOT NULL DEFAULT " NOW ","
	"  UNIQUE (school_id, survey, year, group_id, item));"
	"CREATE TABLE findings ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  school_id INTEGER REFERENCES schools(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('strength','area','challenge')),"
	"  title TEXT NOT NULL CHECK (length(title) > 0), description TEXT,"
	"  author_id INTEGER REFERENCES coders(id),"
	"  created_at TEXT NOT NULL DEFAULT " NOW ","
	"  updated_at TEXT NOT NULL DEFAULT " NOW ");"
	"CREATE INDEX findings_school ON findings(school_id);"
	"CREATE TABLE finding_codings ("
	"  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,"
	"  coding_id INTEGER NOT NULL REFERENCES codings(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (finding_id, coding_id)) WITHOUT ROWID;"
	"CREATE TABLE finding_surveys ("
	"  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,"
	"  survey_result_id INTEGER NOT NULL REFERENCES survey_results(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (finding_id, survey_result_id)) WITHOUT ROWID;"
	"CREATE TABLE audit_log ("
	"  id INTEGER PRIMARY KEY, at TEXT NOT NULL DEFAULT " NOW ","
	"  actor TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL,"
	"  entity_uuid TEXT, detail TEXT);"
	/* The standard respondent groups; more can be configured. */
	"INSERT INTO groups (uuid, key, name_sv, name_en, sort) VALUES"
	"  ('5f0c1a2e-0001-4000-8000-000000000001','teacher','lärare','teachers',1),"
	"  ('5f0c1a2e-0002-4000-8000-000000000002','student','elever','students',2),"
	"  ('5f0c1a2e-0003-4000-8000-000000000003','politician','politiker','politicians',3),"
	"  ('5f0c1a2e-0004-4000-8000-000000000004','guardian','vårdnadshavare','guardians',4),"
	"  ('5f0c1a2e-0005-4000-8000-000000000005','principal','rektorer','principals',5),"
	"  ('5f0c1a2e-0006-4000-8000-000000000006','staff','övrig personal','other staff',6);"
	"INSERT INTO group_aliases (alias_key, group_id) VALUES"
	"  ('teacher',1),('teachers',1),('lärare',1),('läraren',1),('lärarna',1),"
	"  ('student',2),('students',2),('elev',2),('elever',2),('eleverna',2),('pupil',2),('pupils',2),"
	"  ('politician',3),('politicians',3),('politiker',3),('politikerna',3),"
	"  ('guardian',4),('guardians',4),('vårdnadshavare',4),('vårdnadshavarna',4),"
	"  ('parent',4),('parents',4),('förälder',4),('föräldrar',4),"
	"  ('principal',5),('principals',5),('rektor',5),('rektorer',5),('rektorerna',5),"
	"  ('staff',6),('other staff',6),('övrig personal',6),('personal',6);";

/* Step 2: full-text search over documents. unicode61 with diacritics kept, so that "får" and
 * "far" stay different words; kept in step with documents by triggers in the same transaction. */
static const char step2[] =
	"CREATE VIRTUAL TABLE documents_fts USING fts5("
	"  title, text, content='documents', content_rowid='id',"
	"  tokenize='unicode61 remove_diacritics 0');"
	"CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN"
	"  INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
	"END;"
	"CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN"
	"  INSERT INTO documents_fts(documents_fts, rowid, title, text)"
	"    VALUES ('delete', old.id, old.title, old.text);"
	"END;"
	"CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN"
	"  INSERT INTO documents_fts(documents_fts, rowid, title, text)"
	"    VALUES ('delete', old.id, old.title, old.text);"
	"  INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
	"END;"
	"INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');";

/* Step 3: workshop prioritisation of development areas. */
static const char step3[] =
	"CREATE TABLE ballots ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  school_id INTEGER REFERENCES schools(id) ON DELETE CASCADE,"
	"  participant TEXT NOT NULL, coder_id INTEGER REFERENCES coders(id),"
	"  created_at TEXT NOT NULL DEFAULT " NOW ");"
	"CREATE TABLE ballot_ranks ("
	"  ballot_id INTEGER NOT NULL REFERENCES ballots(id) ON DELETE CASCADE,"
	"  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,"
	"  rank INTEGER NOT NULL CHECK (rank >= 1),"
	"  PRIMARY KEY (ballot_id, finding_id)) WITHOUT ROWID;"
	"CREATE TABLE dot_votes ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  participant TEXT NOT NULL,"
	"  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,"
	"  dots INTEGER NOT NULL CHECK (dots >= 0),"
	"  created_at TEXT NOT NULL DEFAULT " NOW ","
	"  UNIQUE (participant, finding_id));"
	"CREATE TABLE impact_effort ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  participant TEXT NOT NULL,"
	"  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,"
	"  impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),"
	"  effort INTEGER NOT NULL CHECK (effort BETWEEN 1 AND 5),"
	"  created_at TEXT NOT NULL DEFAULT " NOW ","
	"  UNIQUE (participant, finding_id));";

/* Step 4: speed at region scale (bench/RESULTS.md). An import indexes its letters in one
 * statement before it commits (gl_store_bulk_begin/end) instead of one trigger call per letter,
 * which cost three quarters of an import: the trigger stands aside while the marker row is in
 * meta, which only exists inside an import's own transaction. Indexes let lists page through
 * letters without reading their text, and make the survey aggregates of start-up quick. */
static const char step4[] =
	"DROP TRIGGER documents_ai;"
	"CREATE TRIGGER documents_ai AFTER INSERT ON documents"
	"  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fts_deferred') BEGIN"
	"  INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
	"END;"
	"CREATE INDEX documents_list ON documents(id, school_id, group_id, kind, length, uuid,"
	"  author, date, title, source);"
	/* narrow, in id order: the cheapest way past the rows before a page */
	"CREATE INDEX documents_ids ON documents(id);"
	/* covering the survey aggregates of the schools pane (means and results below a value) */
	"CREATE INDEX survey_results_set ON survey_results(survey, year, group_id, item, value,"
	"  school_id);"
	"CREATE INDEX survey_results_school ON survey_results(school_id, survey, year, value);"
	/* How many codings each code has, kept by triggers: the code picker and the codebook show
	 * it on every open, and counting a million codings took 35-45 ms. Undo leaves this table
	 * to the triggers (history.c does not record it), which also fire when undo applies. */
	"CREATE TABLE code_usage ("
	"  code_id INTEGER PRIMARY KEY REFERENCES codes(id) ON DELETE CASCADE,"
	"  codings INTEGER NOT NULL DEFAULT 0);"
	"INSERT INTO code_usage (code_id, codings) SELECT code_id, count(*) FROM codings"
	"  GROUP BY code_id;"
	"CREATE TRIGGER codings_usage_ai AFTER INSERT ON codings BEGIN"
	"  INSERT INTO code_usage (code_id, codings) VALUES (new.code_id, 1)"
	"    ON CONFLICT (code_id) DO UPDATE SET codings = codings + 1;"
	"END;"
	"CREATE TRIGGER codings_usage_ad AFTER DELETE ON codings BEGIN"
	"  UPDATE code_usage SET codings = codings - 1 WHERE code_id = old.code_id;"
	"END;"
	"CREATE TRIGGER codings_usage_au AFTER UPDATE OF code_id ON codings"
	"  WHEN new.code_id <> old.code_id BEGIN"
	"  UPDATE code_usage SET codings = codings - 1 WHERE code_id = old.code_id;"
	"  INSERT INTO code_usage (code_id, codings) VALUES (new.code_id, 1)"
	"    ON CONFLICT (code_id) DO UPDATE SET codings = codings + 1;"
	"END;";

/* Step 5: project settings that everyone who opens the project shares (the survey threshold,
 * the groups shown, the chosen survey and year, the dot budget), typed, one row per key;
 * settings.c knows the keys. Undo records this table like any other. */
static const char step5[] =
	"CREATE TABLE settings ("
	"  key TEXT PRIMARY KEY,"
	"  value NOT NULL CHECK (typeof(value) IN ('integer', 'real', 'text')),"
	"  updated_at TEXT NOT NULL DEFAULT " NOW ") WITHOUT ROWID;";

/* Step 6: findings as the development plan (docs/findings.md). A finding has a position within
 * its level (school, or the municipality) and kind: the group's own order, which the ranking
 * may set; and, when a ranking has been run, its figures (score and a note such as "Schulze 1").
 * A municipal finding may cite school findings. Indexes let deleting a coding or a survey
 * result find its evidence links (the cascades). Independent of the other helpers' steps. */
static const char step6[] =
	"ALTER TABLE findings ADD COLUMN position INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE findings ADD COLUMN rank_score REAL;"
	"ALTER TABLE findings ADD COLUMN rank_note TEXT;"
	"UPDATE findings SET position = (SELECT count(*) FROM findings g"
	"  WHERE ifnull(g.school_id, 0) = ifnull(findings.school_id, 0) AND g.kind = findings.kind"
	"  AND g.id <= findings.id);"
	"CREATE INDEX findings_level ON findings(ifnull(school_id, 0), kind, position);"
	"CREATE TABLE finding_findings ("
	"  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,"
	"  cited_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (finding_id, cited_id)) WITHOUT ROWID;"
	"CREATE INDEX finding_findings_cited ON finding_findings(cited_id);"
	"CREATE INDEX finding_codings_coding ON finding_codings(coding_id);"
	"CREATE INDEX finding_surveys_result ON finding_surveys(survey_result_id);";

/* Step 7 (analysis, issue 14): which coder has read which
 * letter. Intercoder agreement compares coders over the letters all of them have read, so a
 * coder who read a letter and found nothing to code must differ from one who never opened it.
 * Coding or classifying a letter marks it read (the store's insert does it, in the same
 * transaction, so undo takes both back); the letters already coded or classified are read. */
static const char step7_reads[] =
	"CREATE TABLE letter_reads ("
	"  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
	"  coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  created_at TEXT NOT NULL DEFAULT " NOW ","
	"  PRIMARY KEY (document_id, coder_id)) WITHOUT ROWID;"
	"CREATE INDEX letter_reads_coder ON letter_reads(coder_id, document_id);"
	"INSERT OR IGNORE INTO letter_reads (document_id, coder_id, uuid)"
	"  SELECT document_id, coder_id, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) ||"
	"    '-4' || substr(hex(randomblob(2)), 2) || '-' ||"
	"    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||"
	"    hex(randomblob(6)))"
	"  FROM (SELECT document_id, coder_id FROM codings UNION"
	"    SELECT document_id, coder_id FROM classifications);";

/* Step 8 (speed, issue 17): how many letters each school has from each
 * respondent group, kept by triggers as code_usage keeps the coding counts. The Schools pane,
 * the first screen, showed them from a GROUP BY over every letter: 3,000 random page reads of a
 * region's project with the page cache empty. A bulk import drops the insert trigger with the
 * index trigger and counts its letters in one statement before it commits (store.c). Undo
 * leaves this table to the triggers (history.c does not record it). */
static const char step8_letter_counts[] =
	"CREATE TABLE letter_counts ("
	"  school_id INTEGER NOT NULL, group_id INTEGER NOT NULL,"
	"  letters INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (school_id, group_id)) WITHOUT ROWID;"
	"INSERT INTO letter_counts (school_id, group_id, letters)"
	"  SELECT school_id, group_id, count(*) FROM documents GROUP BY school_id, group_id;"
	"CREATE TRIGGER documents_counts_ai AFTER INSERT ON documents BEGIN"
	"  INSERT INTO letter_counts (school_id, group_id, letters)"
	"    VALUES (new.school_id, new.group_id, 1)"
	"    ON CONFLICT (school_id, group_id) DO UPDATE SET letters = letters + 1;"
	"END;"
	"CREATE TRIGGER documents_counts_ad AFTER DELETE ON documents BEGIN"
	"  UPDATE letter_counts SET letters = letters - 1"
	"    WHERE school_id = old.school_id AND group_id = old.group_id;"
	"END;"
	"CREATE TRIGGER documents_counts_au AFTER UPDATE OF school_id, group_id ON documents"
	"  WHEN new.school_id <> old.school_id OR new.group_id <> old.group_id BEGIN"
	"  UPDATE letter_counts SET letters = letters - 1"
	"    WHERE school_id = old.school_id AND group_id = old.group_id;"
	"  INSERT INTO letter_counts (school_id, group_id, letters)"
	"    VALUES (new.school_id, new.group_id, 1)"
	"    ON CONFLICT (school_id, group_id) DO UPDATE SET letters = letters + 1;"
	"END;"
	/* The survey sets the first screen offers (which survey, year and group has how many
	 * items): a whole index of survey results read with the page cache empty took a second at
	 * region scale. Kept the same way: results per survey, year, group and item. */
	"CREATE TABLE survey_items ("
	"  survey TEXT NOT NULL, year INTEGER NOT NULL, group_id INTEGER NOT NULL,"
	"  item TEXT NOT NULL, results INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (survey, year, group_id, item)) WITHOUT ROWID;"
	"INSERT INTO survey_items (survey, year, group_id, item, results)"
	"  SELECT survey, year, group_id, item, count(*) FROM survey_results"
	"  GROUP BY survey, year, group_id, item;"
	"CREATE TRIGGER survey_items_ai AFTER INSERT ON survey_results BEGIN"
	"  INSERT INTO survey_items (survey, year, group_id, item, results)"
	"    VALUES (new.survey, new.year, new.group_id, new.item, 1)"
	"    ON CONFLICT (survey, year, group_id, item) DO UPDATE SET results = results + 1;"
	"END;"
	"CREATE TRIGGER survey_items_ad AFTER DELETE ON survey_results BEGIN"
	"  UPDATE survey_items SET results = results - 1 WHERE survey = old.survey"
	"    AND year = old.year AND group_id = old.group_id AND item = old.item;"
	"END;"
	"CREATE TRIGGER survey_items_au AFTER UPDATE OF survey, year, group_id, item"
	"  ON survey_results BEGIN"
	"  UPDATE survey_items SET results = results - 1 WHERE survey = old.survey"
	"    AND year = old.year AND group_id = old.group_id AND item = old.item;"
	"  INSERT INTO survey_items (survey, year, group_id, item, results)"
	"    VALUES (new.survey, new.year, new.group_id, new.item, 1)"
	"    ON CONFLICT (survey, year, group_id, item) DO UPDATE SET results = results + 1;"
	"END;";

/* Step 9 (ranking): rounds of a workshop. A round is one voting occasion of a level (a school,
 * or the municipality when school_id is NULL): open (ballots hidden), revealed (results shown,
 * ballots still accepted) or closed (read-only; its order is the level's accepted order). The
 * ballots, dots and scores of step 3 gain the round they belong to, and a case-folded
 * participant key so that one participant has one ballot, one dot count per area and one
 * score per area in a round. Rows from before rounds existed go into one open round per level
 * that has any. */
#define UUID_SQL "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||" \
	" substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) ||" \
	" substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"
static const char step9[] =
	"CREATE TABLE rounds ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  school_id INTEGER REFERENCES schools(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL CHECK (length(name) > 0),"
	"  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','revealed','closed')),"
	"  dots INTEGER NOT NULL CHECK (dots BETWEEN 1 AND 100),"
	"  stacking INTEGER NOT NULL DEFAULT 1 CHECK (stacking IN (0,1)),"
	"  created_at TEXT NOT NULL DEFAULT " NOW ");"
	"CREATE INDEX rounds_school ON rounds(school_id);"
	"CREATE TEMP TABLE legacy_levels AS"
	"  SELECT school_id FROM ballots"
	"  UNION SELECT f.school_id FROM dot_votes v JOIN findings f ON f.id = v.finding_id"
	"  UNION SELECT f.school_id FROM impact_effort v JOIN findings f ON f.id = v.finding_id;"
	"INSERT INTO rounds (uuid, school_id, name, dots, stacking)"
	"  SELECT " UUID_SQL ", l.school_id, 'Round 1',"
	"    min(100, max(1, (SELECT (count(*) + 3) / 4 FROM findings a"
	"      WHERE a.kind = 'area' AND a.school_id IS l.school_id),"
	"      ifnull((SELECT max(t) FROM (SELECT sum(v.dots) AS t FROM dot_votes v"
	"        JOIN findings f ON f.id = v.finding_id WHERE f.school_id IS l.school_id"
	"        GROUP BY v.participant)), 0))), 1"
	"  FROM legacy_levels l ORDER BY l.school_id;"
	"DROP TABLE legacy_levels;"
	/* ballots keep their ids (ballot_ranks refer to them): columns are added, not rebuilt */
	"ALTER TABLE ballots ADD COLUMN round_id INTEGER REFERENCES rounds(id) ON DELETE CASCADE;"
	"ALTER TABLE ballots ADD COLUMN participant_key TEXT;"
	"UPDATE ballots SET participant_key = lower(trim(participant)),"
	"  round_id = (SELECT r.id FROM rounds r WHERE r.school_id IS ballots.school_id);"
	"DELETE FROM ballots WHERE id NOT IN (SELECT max(id) FROM ballots"
	"  GROUP BY round_id, participant_key);"
	"CREATE UNIQUE INDEX ballots_participant ON ballots(round_id, participant_key);"
	"CREATE TRIGGER ballots_round BEFORE INSERT ON ballots"
	"  WHEN new.round_id IS NULL OR new.participant_key IS NULL BEGIN"
	"  SELECT RAISE(ABORT, 'a ballot needs a round and a participant key');"
	"END;"
	"CREATE TABLE dot_votes_new ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,"
	"  participant TEXT NOT NULL, participant_key TEXT NOT NULL,"
	"  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,"
	"  dots INTEGER NOT NULL CHECK (dots >= 0),"
	"  created_at TEXT NOT NULL DEFAULT " NOW ","
	"  UNIQUE (round_id, participant_key, finding_id));"
	"INSERT OR IGNORE INTO dot_votes_new (id, uuid, round_id, participant, participant_key,"
	"  finding_id, dots, created_at)"
	"  SELECT v.id, v.uuid, r.id, v.participant, lower(trim(v.participant)), v.finding_id,"
	"    v.dots, v.created_at FROM dot_votes v JOIN findings f ON f.id = v.finding_id"
	"    JOIN rounds r ON r.school_id IS f.school_id ORDER BY v.id DESC;"
	"DROP TABLE dot_votes;"
	"ALTER TABLE dot_votes_new RENAME TO dot_votes;"
	"CREATE TABLE impact_effort_new ("
	"  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	"  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,"
	"  participant TEXT NOT NULL, participant_key TEXT NOT NULL,"
	"  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,"
	"  impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),"
	"  effort INTEGER NOT NULL CHECK (effort BETWEEN 1 AND 5),"
	"  created_at TEXT NOT NULL DEFAULT " NOW ","
	"  UNIQUE (round_id, participant_key, finding_id));"
	"INSERT OR IGNORE INTO impact_effort_new (id, uuid, round_id, participant, participant_key,"
	"  finding_id, impact, effort, created_at)"
	"  SELECT v.id, v.uuid, r.id, v.participant, lower(trim(v.participant)), v.finding_id,"
	"    v.impact, v.effort, v.created_at FROM impact_effort v"
	"    JOIN findings f ON f.id = v.finding_id JOIN rounds r ON r.school_id IS f.school_id"
	"    ORDER BY v.id DESC;"
	"DROP TABLE impact_effort;"
	"ALTER TABLE impact_effort_new RENAME TO impact_effort;";

/* Step 10 (speed, issue 17): how many letters each coder has read, kept by triggers as
 * letter_counts keeps the letters per school. The letters pane's caption ("read of 100000:
 * …") counted every coder's rows of letter_reads each time the list was reloaded (a filter, a
 * coding): 300,000 index entries and 13 ms of CPU at region scale. Rows stay at 0 when a
 * coder's reads are gone; nothing updates letter_reads, so insert and delete are enough. */
static const char step10_coder_reads[] =
	"CREATE TABLE coder_reads ("
	"  coder_id INTEGER PRIMARY KEY, letters INTEGER NOT NULL DEFAULT 0);"
	"INSERT INTO coder_reads (coder_id, letters)"
	"  SELECT coder_id, count(*) FROM letter_reads GROUP BY coder_id;"
	"CREATE TRIGGER letter_reads_count_ai AFTER INSERT ON letter_reads BEGIN"
	"  INSERT INTO coder_reads (coder_id, letters) VALUES (new.coder_id, 1)"
	"    ON CONFLICT (coder_id) DO UPDATE SET letters = letters + 1;"
	"END;"
	"CREATE TRIGGER letter_reads_count_ad AFTER DELETE ON letter_reads BEGIN"
	"  UPDATE coder_reads SET letters = letters - 1 WHERE coder_id = old.coder_id;"
	"END;";

/* Step 11 (issue 16): stable pseudonym numbers. An author's number ("Elev 3, Norrskolan") is
 * stored with each letter when it is imported and never changes: before, it was computed (the
 * authors of a school and group in the order of their first letter), so erasing "Elev 1"
 * renamed "Elev 2" to "Elev 1" in later workbooks and plans. author_key is the letter's
 * author as name_key() defines one author (NULL without a name: the letter is its own author);
 * a new letter by an author of its school and group takes that author's number, a new author
 * the next one. author_counters keeps the highest number given per school and group, so that
 * an erased author's number is never given again; it holds nothing else (no name). Existing
 * projects keep the numbers they had: the backfill is the old computation. */
static const char step11_authors[] =
	"ALTER TABLE documents ADD COLUMN author_key TEXT;"
	"ALTER TABLE documents ADD COLUMN author_n INTEGER;"
	"UPDATE documents SET author_key = name_key(author);"
	"UPDATE documents SET author_n = r.n FROM (SELECT id, dense_rank() OVER (PARTITION BY"
	"  school_id, group_id ORDER BY first) AS n FROM (SELECT id, school_id, group_id,"
	"  min(id) OVER (PARTITION BY school_id, group_id, ifnull(author_key, '#' || id)) AS first"
	"  FROM documents)) r WHERE r.id = documents.id;"
	"CREATE INDEX documents_author ON documents(school_id, group_id, author_key);"
	"CREATE TABLE author_counters ("
	"  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,"
	"  group_id INTEGER NOT NULL REFERENCES groups(id),"
	"  last INTEGER NOT NULL CHECK (last >= 0),"
	"  PRIMARY KEY (school_id, group_id)) WITHOUT ROWID;"
	"INSERT INTO author_counters (school_id, group_id, last)"
	"  SELECT school_id, group_id, max(author_n) FROM documents GROUP BY school_id, group_id;";

/* Step 12 (issue 15): the codings that have a memo, by letter. The workbook's Quotes sheet reads
 * a letter's codings from the unique index alone (document_id, code_id, coder_id, start, end,
 * and the rowid) and its memos from this index; before, every coding's table row was read for
 * its memo, which most codings do not have: a third of the sheet's SQLite work and a quarter of
 * the pages it read. Only codings with a memo are in it, so it costs nothing to the others. */
static const char step12_memos[] =
	"CREATE INDEX codings_memo ON codings(document_id) WHERE memo IS NOT NULL;";

static const char *const steps[] = { step1, step2, step3, step4, step5, step6, step7_reads,
	step8_letter_counts, step9, step10_coder_reads, step11_authors, step12_memos };

int schema_latest(void)
{
	return (int)(sizeof steps / sizeof steps[0]);
}

const char *schema_step(int version)
{
	if (version < 1 || version > schema_latest())
		return NULL;
	return steps[version - 1];
}
