/* Unit tests of the store's one write path (white-box: they reach the connection to make a bind
 * or a step fail) and of every entity write leaving its audit row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "genomlys/store.h"
#include "store_internal.h"

struct fixture {
	char dir[64];
	char path[128];
	struct gl_store *s;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/gl-write-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/p.db", f->dir);
	struct gl_error err = { 0 };
	if (gl_store_create(f->path, "Älvnäs kommun", &f->s, &err) != GL_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	gl_store_close(f->s);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static int64_t rows(struct gl_store *s, const char *sql)
{
	int64_t n = -1;
	assert_int_equal(db_read_int(s, sql, NULL, &n, NULL), GL_OK);
	return n;
}

static void exec_sql(struct gl_store *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

/* Nothing of a failed write is left: no row, no audit row, and the connection takes the next
 * write normally. */
static void expect_nothing_written(struct gl_store *s, int64_t schools, int64_t audits)
{
	assert_int_equal(rows(s, "SELECT count(*) FROM schools"), schools);
	assert_int_equal(rows(s, "SELECT count(*) FROM audit_log"), audits);
	assert_int_equal(sqlite3_get_autocommit(s->db), 1);  /* no transaction left open */
}

static void test_failed_bind_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	int64_t audits = rows(f->s, "SELECT count(*) FROM audit_log");
	/* a value too long for the connection: sqlite3_bind_text fails with SQLITE_TOOBIG */
	sqlite3_limit(f->s->db, SQLITE_LIMIT_LENGTH, 20);
	assert_int_equal(gl_store_school_ensure(f->s, "Ekåsens skola i Älvnäs kommun", NULL, NULL,
		&err), GL_EINVAL);
	assert_non_null(strstr(err.message, "cannot pass value"));
	sqlite3_limit(f->s->db, SQLITE_LIMIT_LENGTH, 1000000000);
	expect_nothing_written(f->s, 0, audits);
	/* one value more than the statement has parameters: SQLITE_RANGE */
	assert_int_not_equal(db_write(f->s, &(struct db_write){ .sql = "INSERT INTO schools (uuid, "
		"name, name_key) VALUES (?1, ?2, ?3)", .args = DB_ARGS(DB_TEXT("u-1"), DB_TEXT("A"),
		DB_TEXT("a"), DB_INT(4)), .action = "create", .entity = "school" }, NULL, &err), GL_OK);
	expect_nothing_written(f->s, 0, audits);
	/* one value fewer: refused, not bound as NULL (which coder_id would take) */
	assert_int_not_equal(db_write(f->s, &(struct db_write){ .sql = "INSERT INTO memos (uuid, "
		"target, target_id, coder_id, text) VALUES (?1, 'project', 0, ?2, 'Hej')",
		.args = DB_ARGS(DB_TEXT("u-2")), .action = "create", .entity = "memo" }, NULL, &err),
		GL_OK);
	assert_int_equal(rows(f->s, "SELECT count(*) FROM memos"), 0);
	expect_nothing_written(f->s, 0, audits);
	assert_int_equal(gl_store_school_ensure(f->s, "Ekåsens skola", NULL, NULL, &err), GL_OK);
	expect_nothing_written(f->s, 1, audits + 1);
}

static void test_failed_step_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	int64_t audits = rows(f->s, "SELECT count(*) FROM audit_log");
	/* the statement's step fails */
	exec_sql(f->s, "CREATE TEMP TRIGGER refuse_school BEFORE INSERT ON main.schools "
		"BEGIN SELECT RAISE(ABORT, 'refused'); END");
	assert_int_not_equal(gl_store_school_ensure(f->s, "Norrbyskolan", NULL, NULL, &err), GL_OK);
	expect_nothing_written(f->s, 0, audits);
	exec_sql(f->s, "DROP TRIGGER refuse_school");
	/* the statement succeeds, then its audit row fails: the row goes too */
	exec_sql(f->s, "CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON main.audit_log "
		"BEGIN SELECT RAISE(ABORT, 'refused'); END");
	assert_int_not_equal(gl_store_school_ensure(f->s, "Norrbyskolan", NULL, NULL, &err), GL_OK);
	expect_nothing_written(f->s, 0, audits);
	/* inside a caller's transaction, a failed write spoils it: its commit saves nothing */
	exec_sql(f->s, "DROP TRIGGER refuse_audit");
	exec_sql(f->s, "CREATE TEMP TRIGGER refuse_coder BEFORE INSERT ON main.coders "
		"BEGIN SELECT RAISE(ABORT, 'refused'); END");
	assert_int_equal(gl_store_begin(f->s, &err), GL_OK);
	assert_int_equal(gl_store_school_ensure(f->s, "Sjövikskolan", NULL, NULL, &err), GL_OK);
	assert_int_not_equal(gl_store_coder_ensure(f->s, "Karin", NULL, NULL, &err), GL_OK);
	assert_int_equal(gl_store_commit(f->s, &err), GL_ECONSTRAINT);
	expect_nothing_written(f->s, 0, audits);
	/* a multi-statement write that fails at its last step leaves none of its steps */
	exec_sql(f->s, "DROP TRIGGER refuse_coder");
	exec_sql(f->s, "CREATE TEMP TRIGGER refuse_alias BEFORE INSERT ON main.group_aliases "
		"WHEN new.alias_key = 'assistants' BEGIN SELECT RAISE(ABORT, 'refused'); END");
	int64_t groups = rows(f->s, "SELECT count(*) FROM groups");
	assert_int_not_equal(gl_store_group_add(f->s, "assistant", "elevassistenter", "assistants",
		NULL, &err), GL_OK);
	assert_int_equal(rows(f->s, "SELECT count(*) FROM groups"), groups);
	expect_nothing_written(f->s, 0, audits);
}

/* A constraint failure becomes the caller's status and message, with its arguments. */
static void test_constraint_message(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	int64_t a, b;
	assert_int_equal(gl_store_school_ensure(f->s, "Åbyskolan", &a, NULL, &err), GL_OK);
	assert_int_equal(gl_store_school_ensure(f->s, "Ängsskolan", &b, NULL, &err), GL_OK);
	assert_int_equal(gl_store_school_rename(f->s, b, "ÅBYSKOLAN", &err), GL_EEXIST);
	assert_string_equal(err.message, "a school named 'ÅBYSKOLAN' exists already there");
	assert_int_equal(db_write(f->s, &(struct db_write){ .sql = "INSERT INTO schools (uuid, name, "
		"name_key) VALUES ('u', 'x', ?1)", .args = DB_ARGS(DB_TEXT("åbyskolan")),
		.constraint = GL_EEXIST, .constraint_msg = "%s and %s: 100%% taken",
		.constraint_args = { "ett", "två" } }, NULL, &err), GL_EEXIST);
	assert_string_equal(err.message, "ett and två: 100% taken");
}

/* Audit rows of an action on an entity. */
static int64_t audits(struct gl_store *s, const char *action, const char *entity)
{
	int64_t n = -1;
	assert_int_equal(db_read_int(s, "SELECT count(*) FROM audit_log WHERE action = ?1 AND "
		"entity = ?2", DB_ARGS(DB_TEXT(action), DB_TEXT(entity)), &n, NULL), GL_OK);
	return n;
}

/* Every public write leaves exactly its audit rows (counted per action and entity). */
static void test_every_write_audited(void **state)
{
	struct fixture *f = *state;
	struct gl_store *s = f->s;
	struct gl_error err = { 0 };
	int64_t school, other, coder, group, cat, code, code2, value, letter, coding, coding2,
		finding, result, memo;
	assert_int_equal(gl_store_school_ensure(s, "Tallbacka skola", &school, NULL, &err), GL_OK);
	assert_int_equal(gl_store_school_ensure(s, "Tallbacka skola", NULL, NULL, &err), GL_OK);
	assert_int_equal(gl_store_school_ensure(s, "Björkdalsskolan", &other, NULL, &err), GL_OK);
	assert_int_equal(gl_store_school_rename(s, other, "Björkdals skola", &err), GL_OK);
	assert_int_equal(audits(s, "create", "school"), 2);
	assert_int_equal(audits(s, "rename", "school"), 1);
	assert_int_equal(gl_store_coder_ensure(s, "Ali", &coder, NULL, &err), GL_OK);
	assert_int_equal(audits(s, "create", "coder"), 1);
	assert_int_equal(gl_store_group_add(s, "assistant", "elevassistenter", "assistants", &group,
		&err), GL_OK);
	assert_int_equal(gl_store_group_alias_add(s, group, "assistent", &err), GL_OK);
	assert_int_equal(audits(s, "create", "group"), 1);
	assert_int_equal(audits(s, "alias", "group"), 1);

	struct gl_document d = { 0 };
	d.kind = "letter";
	d.school_id = school;
	d.group_id = 2;
	d.text = "Det är lugnt på rasterna och tryggt i matsalen.";
	d.text_len = strlen(d.text);
	bool dup;
	assert_int_equal(gl_store_document_insert(s, &d, &letter, &dup, &err), GL_OK);
	assert_int_equal(gl_store_document_insert(s, &d, NULL, &dup, &err), GL_OK);  /* duplicate */
	assert_true(dup);
	assert_int_equal(audits(s, "create", "document"), 1);

	struct gl_survey_result r = { school, "Skolenkäten", 2026, 2, "Trygghet", 7.5, 40 };
	assert_int_equal(gl_store_survey_upsert(s, &r, &result, NULL, &err), GL_OK);
	assert_int_equal(gl_store_survey_upsert(s, &r, NULL, NULL, &err), GL_OK);  /* unchanged */
	r.value = 7.9;
	assert_int_equal(gl_store_survey_upsert(s, &r, NULL, NULL, &err), GL_OK);
	assert_int_equal(audits(s, "create", "survey_result"), 1);
	assert_int_equal(audits(s, "update", "survey_result"), 1);

	struct gl_code c = { 0 };
	c.name = "Lärmiljö";
	assert_int_equal(gl_store_code_insert(s, &c, &cat, &err), GL_OK);
	c.parent_id = cat;
	c.name = "Trygghet";
	assert_int_equal(gl_store_code_insert(s, &c, &code, &err), GL_OK);
	c.name = "Studiero";
	assert_int_equal(gl_store_code_insert(s, &c, &code2, &err), GL_OK);
	c.color = "#12ab34";
	assert_int_equal(gl_store_code_update(s, code2, &c, &err), GL_OK);
	assert_int_equal(gl_store_code_describe(s, code2, "Arbetsro på lektionerna", NULL, &err),
		GL_OK);
	assert_int_equal(gl_store_code_rename(s, code2, "Arbetsro", &err), GL_OK);
	assert_int_equal(gl_store_code_move(s, code2, 0, &err), GL_OK);
	assert_int_equal(audits(s, "create", "code"), 3);
	assert_int_equal(audits(s, "update", "code"), 2);
	assert_int_equal(audits(s, "rename", "code"), 1);
	assert_int_equal(audits(s, "move", "code"), 1);

	struct gl_coding k = { letter, code, coder, 7, 12, NULL, NULL };
	assert_int_equal(gl_store_coding_insert(s, &k, &coding, &err), GL_OK);
	k.start = 10;
	k.end = 20;
	assert_int_equal(gl_store_coding_insert(s, &k, &coding2, &err), GL_OK);
	assert_int_equal(gl_store_coding_memo_set(s, coding, "lugnt", &err), GL_OK);
	assert_int_equal(gl_store_coding_merge_union(s, coding, coding2, &err), GL_OK);
	k.code_id = code2;
	assert_int_equal(gl_store_coding_insert(s, &k, &coding2, &err), GL_OK);
	assert_int_equal(gl_store_coding_delete(s, coding2, &err), GL_OK);
	assert_int_equal(audits(s, "create", "coding"), 3);
	assert_int_equal(audits(s, "memo", "coding"), 1);
	assert_int_equal(audits(s, "merge", "coding"), 1);
	assert_int_equal(audits(s, "delete", "coding"), 1);

	struct gl_code x = { 0 };
	x.name = "Helhet";
	x.exclusive = true;
	assert_int_equal(gl_store_code_insert(s, &x, &cat, &err), GL_OK);
	x.parent_id = cat;
	x.exclusive = false;
	x.name = "Positiv";
	x.has_value = true;
	x.value = 4;
	assert_int_equal(gl_store_code_insert(s, &x, &value, &err), GL_OK);
	assert_int_equal(gl_store_classify(s, letter, cat, value, coder, NULL, &err), GL_OK);
	assert_int_equal(gl_store_classify(s, letter, cat, 0, coder, NULL, &err), GL_OK);
	assert_int_equal(audits(s, "classify", "classification"), 1);
	assert_int_equal(audits(s, "unclassify", "classification"), 1);

	struct gl_finding fi = { school, "area", "Studiero i klassrummen", NULL, coder };
	assert_int_equal(gl_store_finding_insert(s, &fi, &finding, &err), GL_OK);
	assert_int_equal(gl_store_finding_link_coding(s, finding, coding, &err), GL_OK);
	assert_int_equal(gl_store_finding_link_survey(s, finding, result, &err), GL_OK);
	assert_int_equal(audits(s, "create", "finding"), 1);
	assert_int_equal(audits(s, "link", "coding"), 1);
	assert_int_equal(audits(s, "link", "survey_result"), 1);
	assert_int_equal(gl_store_memo_insert(s, "finding", finding, coder, "Se brev 1.", &memo,
		&err), GL_OK);
	assert_int_equal(audits(s, "create", "memo"), 1);

	assert_int_equal(gl_store_meta_set(s, "name", "Forsby kommun", &err), GL_OK);
	assert_int_equal(audits(s, "set", "meta"), 3);  /* two when the project was created */
	assert_int_equal(gl_store_setting_set_int(s, GL_SETTING_YEAR, 2026, &err), GL_OK);
	assert_int_equal(gl_store_setting_clear(s, GL_SETTING_YEAR, &err), GL_OK);
	assert_int_equal(audits(s, "set", "setting"), 1);
	assert_int_equal(audits(s, "clear", "setting"), 1);

	int64_t moved;
	assert_int_equal(gl_store_code_merge(s, code2, code, &moved, &err), GL_OK);
	assert_int_equal(audits(s, "merge", "code"), 1);
	assert_int_equal(gl_store_code_delete(s, code, NULL, &err), GL_OK);
	assert_int_equal(audits(s, "delete", "code"), 1);
	assert_int_equal(gl_store_finding_delete(s, finding, &err), GL_OK);
	assert_int_equal(audits(s, "delete", "finding"), 1);
	assert_int_equal(gl_store_document_delete(s, letter, &err), GL_OK);
	assert_int_equal(audits(s, "delete", "document"), 1);
	assert_int_equal(gl_store_school_delete(s, school, &err), GL_OK);
	assert_int_equal(audits(s, "delete", "school"), 1);
	/* and nothing else: every audit row is one counted above (the project's own create too) */
	assert_int_equal(rows(s, "SELECT count(*) FROM audit_log"), 41);
}

static int64_t letter(struct gl_store *s, int64_t school, const char *text)
{
	struct gl_document d = { .kind = "letter", .school_id = school, .group_id = 1, .text = text,
		.text_len = strlen(text) };
	int64_t id = 0;
	struct gl_error err = { 0 };
	if (gl_store_document_insert(s, &d, &id, NULL, &err) != GL_OK)
		fail_msg("%s", err.message);
	return id;
}

static int64_t stok_count(struct gl_store *s)
{
	struct gl_error err = { 0 };
	int64_t n = -1;
	assert_int_equal(gl_store_count(s, GL_LIST_LETTERS, &(struct gl_filter){ .match = "stök" },
		&n, &err), GL_OK);
	return n;
}

/* The letters' search memo is kept while no letter changes: a coding leaves the letters
 * version as it was, so the memo is read again (seen here by a wrong id planted in it); a
 * letter added, one redacted and one added by another program each change the version, and
 * the memo is made again (the planted id gone). */
static void test_letters_version(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	int64_t school, coder, cat, code, id;
	assert_int_equal(gl_store_school_ensure(f->s, "Åsens skola", &school, NULL, &err), GL_OK);
	assert_int_equal(gl_store_coder_ensure(f->s, "Ali", &coder, NULL, &err), GL_OK);
	struct gl_code c = { .name = "Lärmiljö" };
	assert_int_equal(gl_store_code_insert(f->s, &c, &cat, &err), GL_OK);
	c.parent_id = cat;
	c.name = "Stök";
	assert_int_equal(gl_store_code_insert(f->s, &c, &code, &err), GL_OK);
	int64_t stok = letter(f->s, school, "Stök vid skåpen varje morgon.");
	int64_t calm = letter(f->s, school, "Lugnt i matsalen.");
	assert_int_equal(stok_count(f->s), 1);
	char plant[96];
	snprintf(plant, sizeof plant, "INSERT INTO temp.gl_hits VALUES (%lld)", (long long)calm);
	assert_int_equal(sqlite3_exec(f->s->db, plant, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(stok_count(f->s), 2);  /* the memo is what the count reads */
	uint64_t v = db_letters_version(f->s);
	struct gl_coding k = { stok, code, coder, 0, 4, NULL, NULL };
	assert_int_equal(gl_store_coding_insert(f->s, &k, &id, &err), GL_OK);
	assert_true(db_letters_version(f->s) == v);
	assert_int_equal(stok_count(f->s), 2);  /* kept across the coding */
	letter(f->s, school, "Ännu ett brev om rasten.");
	assert_true(db_letters_version(f->s) != v);
	assert_int_equal(stok_count(f->s), 1);  /* made again */
	assert_int_equal(sqlite3_exec(f->s->db, plant, NULL, NULL, NULL), SQLITE_OK);
	v = db_letters_version(f->s);
	assert_int_equal(gl_store_redact(f->s, stok, 22, 28, NULL, NULL, &err), GL_OK);
	assert_true(db_letters_version(f->s) != v);
	assert_int_equal(stok_count(f->s), 1);
	assert_int_equal(sqlite3_exec(f->s->db, plant, NULL, NULL, NULL), SQLITE_OK);
	v = db_letters_version(f->s);
	struct gl_store *other;
	assert_int_equal(gl_store_open(f->path, &other, &err), GL_OK);
	letter(other, school, "Stök i korridoren.");
	gl_store_close(other);
	assert_true(db_letters_version(f->s) != v);
	assert_int_equal(stok_count(f->s), 2);  /* the other program's letter, not the planted id */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_failed_bind_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_step_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_constraint_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_write_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_letters_version, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
