/* Unit tests of the project store: create, open, migrate, refuse, constraints, paging. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>  /* only to build fixture files the way another program would */

#include "genomlys/history.h"
#include "genomlys/import.h"
#include "genomlys/overview.h"
#include "genomlys/plan.h"
#include "genomlys/queries.h"
#include "genomlys/store.h"
#include "genomlys/utf8.h"

struct fixture {
	char dir[64];
	char path[128];
	struct gl_store *s;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/gl-unit-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/p.db", f->dir);
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

static int64_t count(struct gl_store *s, enum gl_list what)
{
	int64_t n = -1;
	assert_int_equal(gl_store_count(s, what, NULL, &n, NULL), GL_OK);
	return n;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("%s", msg);
	sqlite3_close(db);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	rewind(fp);
	char *buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

static void test_create_and_reopen(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "Älvnäs kommun", &f->s, &err), GL_OK);
	struct stat sb;
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);  /* personal data: owner only */
	struct gl_str name = GL_STR_INIT;
	assert_int_equal(gl_store_meta_get(f->s, "name", &name, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&name), "Älvnäs kommun");
	assert_int_equal(count(f->s, GL_LIST_GROUPS), 6);
	gl_store_close(f->s);
	f->s = NULL;
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	assert_int_equal(gl_store_meta_get(f->s, "name", &name, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&name), "Älvnäs kommun");
	struct gl_str problems = GL_STR_INIT;
	assert_int_equal(gl_store_check(f->s, &problems, &err), GL_OK);
	assert_int_equal(problems.len, 0);
	gl_str_finish(&problems);
	gl_str_finish(&name);
}

static void test_create_refuses_existing(void **state)
{
	struct fixture *f = *state;
	FILE *fp = fopen(f->path, "w");
	fputs("precious", fp);
	fclose(fp);
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_EEXIST);
	assert_null(f->s);
	size_t len;
	char *buf = read_file(f->path, &len);
	assert_string_equal(buf, "precious");
	free(buf);
}

static void test_open_missing_and_foreign(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_ENOTFOUND);
	assert_string_equal(err.file, f->path);

	FILE *fp = fopen(f->path, "w");
	fputs("this is not a database, just text\n", fp);
	fclose(fp);
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_ESCHEMA);
	assert_non_null(strstr(err.message, "not a genomlys project"));

	unlink(f->path);
	raw_exec(f->path, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_ESCHEMA);
	assert_non_null(strstr(err.message, "another program"));
}

static void test_newer_schema_refused_untouched(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	gl_store_close(f->s);
	f->s = NULL;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d; PRAGMA journal_mode=DELETE;",
		gl_store_schema_version() + 1);
	raw_exec(f->path, sql);
	size_t before_len, after_len;
	char *before = read_file(f->path, &before_len);
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_ESCHEMA);
	assert_non_null(strstr(err.message, "newer genomlys"));
	char *after = read_file(f->path, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	char wal[160];
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	assert_int_not_equal(access(wal, F_OK), 0);  /* not even switched to WAL */
	free(before);
	free(after);
}

static int collect_first_text(void *ctx, const struct gl_row *row)
{
	struct gl_str *s = ctx;
	for (int i = 0; i < row->ncols; i++) {
		if (!strcmp(row->names[i], "snippet") || !strcmp(row->names[i], "quote")) {
			gl_str_append(s, row->values[i].s, row->values[i].len);
			gl_str_putc(s, '|');
		}
	}
	return 0;
}

static int take_letters(void *ctx, const struct gl_row *row);

static int take_items(void *ctx, const struct gl_row *row)
{
	for (int i = 0; i < row->ncols; i++)
		if (!strcmp(row->names[i], "items"))
			*(int64_t *)ctx += row->values[i].i;
	return 0;
}

static void test_migrate_from_v1(void **state)
{
	struct fixture *f = *state;
	size_t len;
	char *sql = read_file(GL_FIXTURES "/schema/v1.sql", &len);
	raw_exec(f->path, sql);
	free(sql);
	raw_exec(f->path, "PRAGMA application_id=1196185939; PRAGMA user_version=1;");
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	/* the data survived, and the new full-text index covers the old letter */
	assert_int_equal(count(f->s, GL_LIST_LETTERS), 1);
	struct gl_str out = GL_STR_INIT;
	assert_int_equal(gl_store_search(f->s, "stökigt", NULL, 0, 10, collect_first_text, &out,
		&err), GL_OK);
	assert_non_null(strstr(gl_str_cstr(&out), "[stökigt]"));
	gl_str_clear(&out);
	assert_int_equal(gl_store_list(f->s, GL_LIST_CODINGS, NULL, 0, 0, collect_first_text, &out,
		&err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "stökigt på lektionerna|");
	gl_str_finish(&out);
	struct gl_str problems = GL_STR_INIT;
	assert_int_equal(gl_store_check(f->s, &problems, &err), GL_OK);
	gl_str_finish(&problems);
	gl_store_close(f->s);
	f->s = NULL;
	/* reopening does not migrate again */
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	assert_int_equal(count(f->s, GL_LIST_LETTERS), 1);
}

/* A version-5 project (written by genomlys at that version: letters, codings by two coders,
 * survey results, a school's and the municipality's findings with evidence, a memo on a
 * finding, a project setting) comes through every later step with its data and its index. */
static void test_migrate_from_v5(void **state)
{
	struct fixture *f = *state;
	size_t len;
	char *sql = read_file(GL_FIXTURES "/schema/v5.sql", &len);
	raw_exec(f->path, sql);
	free(sql);
	raw_exec(f->path, "PRAGMA application_id=1196185939; PRAGMA user_version=5;");
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	assert_int_equal(count(f->s, GL_LIST_LETTERS), 3);
	assert_int_equal(count(f->s, GL_LIST_CODINGS), 3);
	int64_t counted = 0;  /* step 10 counted the letters that were there */
	assert_int_equal(gl_query_letter_counts(f->s, take_letters, &counted, &err), GL_OK);
	assert_int_equal(counted, 3);
	/* and the survey items there were (the survey sets of the first screen) */
	int64_t items = 0;
	assert_int_equal(gl_query_survey_sets(f->s, take_items, &items, &err), GL_OK);
	assert_true(items >= 1);
	raw_exec(f->path, "DELETE FROM survey_items");
	struct gl_str drift = GL_STR_INIT;
	assert_int_equal(gl_store_check(f->s, &drift, &err), GL_ESCHEMA);
	assert_non_null(strstr(gl_str_cstr(&drift), "survey_items"));
	gl_str_finish(&drift);
	raw_exec(f->path, "INSERT INTO survey_items SELECT survey, year, group_id, item, count(*) "
		"FROM survey_results GROUP BY 1, 2, 3, 4");
	assert_int_equal(count(f->s, GL_LIST_SURVEY), 2);
	assert_int_equal(count(f->s, GL_LIST_FINDINGS), 2);
	/* step 6: each finding gets the first position of its column, and keeps its evidence */
	struct gl_plan plan;
	assert_int_equal(gl_plan_read(f->s, 1, &plan, &err), GL_OK);
	assert_int_equal(plan.n[1], 1);
	assert_int_equal(plan.findings[1][0].position, 1);
	assert_true(plan.findings[1][0].nevidence > 0);
	gl_plan_finish(&plan);
	assert_int_equal(gl_plan_read(f->s, 0, &plan, &err), GL_OK);
	assert_int_equal(plan.n[0], 1);
	assert_int_equal(plan.findings[0][0].position, 1);
	gl_plan_finish(&plan);
	/* the analysis step: the letters coded before it are read by their coders (letter 1 by
	 * coders 1 and 2, letter 2 by coder 1) */
	bool read = false;
	assert_int_equal(gl_store_read_get(f->s, 1, 1, &read, &err), GL_OK);
	assert_true(read);
	assert_int_equal(gl_store_read_get(f->s, 1, 2, &read, &err), GL_OK);
	assert_true(read);
	assert_int_equal(gl_store_read_get(f->s, 2, 1, &read, &err), GL_OK);
	assert_true(read);
	assert_int_equal(gl_store_read_get(f->s, 2, 2, &read, &err), GL_OK);
	assert_false(read);
	double threshold = 0;
	assert_int_equal(gl_store_setting_get_double(f->s, GL_SETTING_THRESHOLD, &threshold, &err),
		GL_OK);
	assert_true(threshold == 6.5);
	struct gl_str out = GL_STR_INIT;
	assert_int_equal(gl_store_search(f->s, "arbetsro", NULL, 0, 10, collect_first_text, &out,
		&err), GL_OK);
	assert_non_null(strstr(gl_str_cstr(&out), "[arbetsro]"));
	gl_str_finish(&out);
	struct gl_str problems = GL_STR_INIT;
	assert_int_equal(gl_store_check(f->s, &problems, &err), GL_OK);
	gl_str_finish(&problems);
}

/* A version-4 project (written by genomlys at that version) gains the settings table; its
 * letters, codings, survey results and full-text index come through. */
static void test_migrate_from_v4(void **state)
{
	struct fixture *f = *state;
	size_t len;
	char *sql = read_file(GL_FIXTURES "/schema/v4.sql", &len);
	raw_exec(f->path, sql);
	free(sql);
	raw_exec(f->path, "PRAGMA application_id=1196185939; PRAGMA user_version=4;");
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	assert_int_equal(count(f->s, GL_LIST_LETTERS), 1);
	assert_int_equal(count(f->s, GL_LIST_SURVEY), 1);
	struct gl_str out = GL_STR_INIT;
	assert_int_equal(gl_store_search(f->s, "arbetsro", NULL, 0, 10, collect_first_text, &out,
		&err), GL_OK);
	assert_non_null(strstr(gl_str_cstr(&out), "[arbetsro]"));
	gl_str_clear(&out);
	assert_int_equal(gl_store_list(f->s, GL_LIST_CODINGS, NULL, 0, 0, collect_first_text, &out,
		&err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "stökigt på lektionerna|");
	gl_str_finish(&out);
	double threshold = 0;
	assert_int_equal(gl_store_setting_get_double(f->s, GL_SETTING_THRESHOLD, &threshold, &err),
		GL_ENOTFOUND);
	assert_int_equal(gl_store_setting_set_double(f->s, GL_SETTING_THRESHOLD, 6.5, &err), GL_OK);
	struct gl_str problems = GL_STR_INIT;
	assert_int_equal(gl_store_check(f->s, &problems, &err), GL_OK);
	gl_str_finish(&problems);
	gl_store_close(f->s);
	f->s = NULL;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), gl_store_schema_version());
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_true(gl_store_schema_version() >= 6);  /* later steps (findings: 6) come on top */
}

/* Schema step 11: a version-10 project's letters get the numbers the pseudonyms had (authors of
 * a school and group in the order of their first letter, one author per name_key, a letter
 * without a name its own author), and a counter per school and group; later letters take the
 * author's number or the next one. */
static void test_migrate_author_numbers(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	gl_store_close(f->s);
	f->s = NULL;
	/* back to version 10, as a project written before step 11 */
	raw_exec(f->path, "DROP INDEX codings_memo;"
		"DROP INDEX documents_author; ALTER TABLE documents DROP COLUMN author_n;"
		"ALTER TABLE documents DROP COLUMN author_key; DROP TABLE author_counters;"
		"PRAGMA user_version=10;"
		"INSERT INTO schools (id, uuid, name, name_key) VALUES (1, 's1', 'Åsskolan', 'åsskolan'),"
		"  (2, 's2', 'Björkskolan', 'björkskolan');"
		"INSERT INTO documents (id, uuid, kind, school_id, group_id, author, text, length,"
		"  content_hash) SELECT column1, 'd' || column1, 'letter', column2,"
		"  (SELECT id FROM groups WHERE key = column3), column4, 'Text ' || column1, 6,"
		"  'h' || column1 FROM (VALUES (1, 1, 'student', 'Örjan Ås'), (2, 1, 'student', NULL),"
		"  (3, 1, 'student', 'Lina Berg'), (4, 1, 'student', ' örjan ÅS '),"
		"  (5, 1, 'student', ''), (6, 2, 'student', 'Lina Berg'), (7, 1, 'teacher', 'Lina Berg'),"
		"  (8, 1, 'student', 'Mona Ek'));");
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	static const char *const want[] = { "Elev 1, Åsskolan", "Elev 2, Åsskolan",
		"Elev 3, Åsskolan", "Elev 1, Åsskolan", "Elev 4, Åsskolan", "Elev 1, Björkskolan",
		"Lärare 1, Åsskolan", "Elev 5, Åsskolan" };
	struct gl_str p = GL_STR_INIT;
	for (int64_t i = 1; i <= 8; i++) {
		assert_int_equal(gl_store_author_pseudonym(f->s, i, &p, &err), GL_OK);
		assert_string_equal(gl_str_cstr(&p), want[i - 1]);
	}
	int64_t student = 0;
	assert_int_equal(gl_store_group_find(f->s, "student", &student, &err), GL_OK);
	struct gl_document d = { .kind = "letter", .school_id = 1, .group_id = student,
		.author = "LINA BERG", .text = "Ny text", .text_len = 7 };
	int64_t id = 0;
	bool dup = false;
	assert_int_equal(gl_store_document_insert(f->s, &d, &id, &dup, &err), GL_OK);
	assert_int_equal(gl_store_author_pseudonym(f->s, id, &p, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&p), "Elev 3, Åsskolan");
	d.author = "Nils Nord";
	d.text = "En till";
	d.text_len = 7;
	assert_int_equal(gl_store_document_insert(f->s, &d, &id, &dup, &err), GL_OK);
	assert_int_equal(gl_store_author_pseudonym(f->s, id, &p, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&p), "Elev 6, Åsskolan");
	gl_str_finish(&p);
	struct gl_str problems = GL_STR_INIT;
	assert_int_equal(gl_store_check(f->s, &problems, &err), GL_OK);
	gl_str_finish(&problems);
}

/* The Quotes sheet cuts each quote from its letter's text in C (gl_query_export_codings), eight
 * bytes at a time where it can: every cut must be the bytes SQLite's substr() gives, also for
 * text that is not valid UTF-8 (a stray continuation byte after ASCII, a lead byte with too
 * many continuation bytes, a lone lead byte, a NUL), which a project file can hold. */
struct quote_check {
	sqlite3 *db;
	sqlite3_stmt *st;
	int rows;
};

static int quote_check_row(void *ctx, const struct gl_row *r)
{
	struct quote_check *q = ctx;
	const struct gl_value *id = NULL, *quote = NULL;
	for (int i = 0; i < r->ncols; i++) {
		if (!strcmp(r->names[i], "id"))
			id = &r->values[i];
		else if (!strcmp(r->names[i], "quote"))
			quote = &r->values[i];
	}
	assert_non_null(id);
	assert_non_null(quote);
	sqlite3_reset(q->st);
	sqlite3_bind_int64(q->st, 1, id->i);
	assert_int_equal(sqlite3_step(q->st), SQLITE_ROW);
	const char *want = (const char *)sqlite3_column_text(q->st, 0);
	size_t want_len = (size_t)sqlite3_column_bytes(q->st, 0);
	assert_int_equal(quote->type, GL_VAL_TEXT);
	if (quote->len != want_len || memcmp(quote->s, want, want_len) != 0)
		fail_msg("coding %lld: quote of %zu bytes, substr() gives %zu", (long long)id->i,
			quote->len, want_len);
	q->rows++;
	return 0;
}

static void test_export_quotes_cut_as_substr(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	gl_store_close(f->s);
	f->s = NULL;
	raw_exec(f->path,
		"INSERT INTO schools (id, uuid, name, name_key) VALUES (1, 's1', 'Åsskolan', 'åsskolan');"
		"INSERT INTO coders (id, uuid, name, name_key) VALUES (1, 'c1', 'Kim', 'kim');"
		"INSERT INTO codes (id, uuid, name, name_key) VALUES (1, 'k1', 'Trygghet', 'trygghet');"
		"INSERT INTO documents (id, uuid, kind, school_id, group_id, text, length, content_hash)"
		"  SELECT column1, 'd' || column1, 'letter', 1, (SELECT id FROM groups LIMIT 1),"
		"  column2, 0, 'h' || column1 FROM (VALUES"
		"  (1, 'Hej på dig, åäö ÅÄÖ – en längre mening med ASCII-text här och där, slut.'),"
		"  (2, CAST(X'6162638080646566C3A5A5A5676869206A6B6C6D6E6F70E28093F09F9880'"
		"    || X'7172737475767778797A303132333435363738394142434445464748C3' AS TEXT)),"
		"  (3, CAST(X'61626364656667686970717273747576C3A4C3A4C3A4C3A4C3A4C3A4' ||"
		"    X'00414243444546474849' AS TEXT)),"
		"  (4, CAST(X'41424344454647C3A54849808081828384858687884A4B4C4D4E4F50515253'"
		"    || X'BF5455565758595A6162636465666768' AS TEXT)));"
		/* every span of every letter, and spans past its end (and past the NUL) */
		"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 100)"
		"INSERT INTO codings (uuid, document_id, code_id, coder_id, start, end)"
		"  SELECT 'q' || d.id || '-' || a.i || '-' || b.i, d.id, 1, 1, a.i, b.i"
		"  FROM documents d, n a, n b WHERE b.i > a.i"
		"  AND a.i <= length(CAST(d.text AS BLOB)) + 1"
		"  AND b.i <= length(CAST(d.text AS BLOB)) + 3;");
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	struct quote_check q = { 0 };
	assert_int_equal(sqlite3_open(f->path, &q.db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(q.db, "SELECT substr(d.text, k.start + 1,"
		" k.end - k.start) FROM codings k JOIN documents d ON d.id = k.document_id"
		" WHERE k.id = ?1", -1, &q.st, NULL), SQLITE_OK);
	assert_int_equal(gl_query_export_codings(f->s, 0, quote_check_row, &q, &err), GL_OK);
	sqlite3_finalize(q.st);
	sqlite3_close(q.db);
	assert_true(q.rows > 4000);
}

/* The Quotes sheet reads a letter's codings from their unique index and the memos from
 * codings_memo (schema step 12): each memo must land on its own coding, also when the codings'
 * order by start differs from their ids' and from the index's (code, coder, start), in a project
 * upgraded from version 11 whose codings already had memos, and after memos change. */
struct memo_check {
	int rows;
	bool changed;  /* coding 2 was given a memo, coding 3's was taken away */
};

static int memo_check_row(void *ctx, const struct gl_row *r)
{
	struct memo_check *m = ctx;
	const struct gl_value *id = NULL, *memo = NULL;
	for (int i = 0; i < r->ncols; i++) {
		if (!strcmp(r->names[i], "id"))
			id = &r->values[i];
		else if (!strcmp(r->names[i], "memo"))
			memo = &r->values[i];
	}
	assert_non_null(id);
	assert_non_null(memo);
	/* coding n has "memo n, ö" when n is odd, none when even (until changed) */
	bool has = id->i % 2 == 1;
	if (m->changed && (id->i == 2 || id->i == 3))
		has = !has;
	if (!has) {
		if (memo->type != GL_VAL_NULL)
			fail_msg("coding %lld: a memo it does not have", (long long)id->i);
	} else {
		char want[32];
		snprintf(want, sizeof want, "memo %lld, ö", (long long)id->i);
		if (memo->type != GL_VAL_TEXT || memo->len != strlen(want) ||
			memcmp(memo->s, want, memo->len) != 0)
			fail_msg("coding %lld: not its memo", (long long)id->i);
	}
	m->rows++;
	return 0;
}

static void test_export_memos_after_step12(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	gl_store_close(f->s);
	f->s = NULL;
	/* a version-11 project: no codings_memo yet */
	raw_exec(f->path, "DROP INDEX codings_memo; PRAGMA user_version=11;"
		"INSERT INTO schools (id, uuid, name, name_key) VALUES (1, 's1', 'Åsskolan', 'åsskolan');"
		"INSERT INTO coders (id, uuid, name, name_key) VALUES (1, 'c1', 'Kim', 'kim'),"
		"  (2, 'c2', 'Lo', 'lo');"
		"INSERT INTO codes (id, uuid, name, name_key) VALUES (1, 'k1', 'Trygghet', 'trygghet'),"
		"  (2, 'k2', 'Studiero', 'studiero');"
		"INSERT INTO documents (id, uuid, kind, school_id, group_id, text, length, content_hash)"
		"  SELECT column1, 'd' || column1, 'letter', 1, (SELECT id FROM groups LIMIT 1),"
		"  'Lärarna lyssnar på oss och det är lugnt i klassrummet.', 55, 'h' || column1"
		"  FROM (VALUES (1), (2), (3));"
		/* later ids start earlier; two codes, two coders, three letters */
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 24)"
		"INSERT INTO codings (id, uuid, document_id, code_id, coder_id, start, end, memo)"
		"  SELECT i, 'q' || i, 1 + i % 3, 1 + i % 2, 1 + (i / 2) % 2, 40 - i, 50 - i % 5,"
		"  CASE WHEN i % 2 = 1 THEN 'memo ' || i || ', ö' END FROM n;");
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	struct memo_check m = { 0 };
	assert_int_equal(gl_query_export_codings(f->s, 0, memo_check_row, &m, &err), GL_OK);
	assert_int_equal(m.rows, 24);
	assert_int_equal(gl_store_coding_memo_set(f->s, 2, "memo 2, ö", &err), GL_OK);
	assert_int_equal(gl_store_coding_memo_set(f->s, 3, "", &err), GL_OK);
	m = (struct memo_check){ .changed = true };
	assert_int_equal(gl_query_export_codings(f->s, 0, memo_check_row, &m, &err), GL_OK);
	assert_int_equal(m.rows, 24);
	struct gl_str problems = GL_STR_INIT;
	assert_int_equal(gl_store_check(f->s, &problems, &err), GL_OK);
	assert_int_equal(problems.len, 0);
	gl_str_finish(&problems);
}

static int64_t add_letter(struct gl_store *s, int64_t school, int64_t group, const char *text)
{
	struct gl_document d = { 0 };
	d.kind = "letter";
	d.school_id = school;
	d.group_id = group;
	d.text = text;
	d.text_len = strlen(text);
	int64_t id = 0;
	bool dup = false;
	struct gl_error err = { 0 };
	if (gl_store_document_insert(s, &d, &id, &dup, &err) != GL_OK)
		fail_msg("%s", err.message);
	assert_false(dup);
	return id;
}

static void test_foreign_keys_enforced(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	struct gl_document d = { 0 };
	d.kind = "letter";
	d.school_id = 4711;  /* no such school */
	d.group_id = 1;
	d.text = "Hej";
	d.text_len = 3;
	int64_t id;
	bool dup;
	assert_int_equal(gl_store_document_insert(f->s, &d, &id, &dup, &err), GL_ECONSTRAINT);
	assert_int_equal(count(f->s, GL_LIST_LETTERS), 0);

	int64_t school, coder;
	assert_int_equal(gl_store_school_ensure(f->s, "Björkdalsskolan", &school, NULL, &err), GL_OK);
	assert_int_equal(gl_store_coder_ensure(f->s, "Karin", &coder, NULL, &err), GL_OK);
	int64_t letter = add_letter(f->s, school, 1, "Det är lugnt på rasterna.");
	struct gl_coding c = { letter, 999, coder, 0, 3, NULL, NULL };  /* no such code */
	assert_int_equal(gl_store_coding_insert(f->s, &c, &id, &err), GL_ENOTFOUND);
	assert_int_equal(count(f->s, GL_LIST_CODINGS), 0);
	/* deleting a school removes its letters with it (ON DELETE CASCADE) */
	assert_int_equal(gl_store_school_delete(f->s, school, &err), GL_OK);
	assert_int_equal(count(f->s, GL_LIST_LETTERS), 0);
}

static void test_names_case_insensitive_and_duplicates(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	int64_t a, b, g;
	bool created;
	assert_int_equal(gl_store_school_ensure(f->s, "Ekåsens skola", &a, &created, &err), GL_OK);
	assert_true(created);
	assert_int_equal(gl_store_school_ensure(f->s, " EKÅSENS SKOLA ", &b, &created, &err), GL_OK);
	assert_false(created);
	assert_int_equal(a, b);
	assert_int_equal(gl_store_group_find(f->s, "Elever", &g, &err), GL_OK);
	assert_int_equal(g, 2);
	assert_int_equal(gl_store_group_find(f->s, "TEACHER", &g, &err), GL_OK);
	assert_int_equal(g, 1);
	assert_int_equal(gl_store_group_find(f->s, "rektorer2", &g, &err), GL_ENOTFOUND);
	/* the names the interface shows: English here (no catalogue is bound), with the keys */
	assert_non_null(strstr(err.message, "teachers/teacher"));
	int64_t l1 = add_letter(f->s, a, 2, "Maten är god.");
	struct gl_document d = { 0 };
	d.kind = "letter";
	d.school_id = a;
	d.group_id = 2;
	d.text = "Maten är god.";
	d.text_len = strlen(d.text);
	int64_t id;
	bool dup;
	assert_int_equal(gl_store_document_insert(f->s, &d, &id, &dup, &err), GL_OK);
	assert_true(dup);
	assert_int_equal(id, l1);
	assert_int_equal(count(f->s, GL_LIST_LETTERS), 1);
}

/* A version-4 UUID: 8-4-4-4-12 lowercase hex digits, version 4, RFC 4122 variant. */
static bool uuid_v4(const char *u, size_t len)
{
	if (!u || len != 36 || u[14] != '4' || !strchr("89ab", u[19]))
		return false;
	for (size_t i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? u[i] != '-' : !strchr("0123456789abcdef", u[i]))
			return false;
	}
	return true;
}

static int collect_uuid(void *ctx, const struct gl_row *row)
{
	sqlite3 *db = ctx;
	for (int i = 0; i < row->ncols; i++) {
		if (!strcmp(row->names[i], "uuid")) {
			if (row->values[i].type != GL_VAL_TEXT ||
				!uuid_v4(row->values[i].s, row->values[i].len))
				return 1;  /* a malformed uuid stops the listing */
			char *sql = sqlite3_mprintf("INSERT INTO u VALUES (%Q)", row->values[i].s);
			int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
			sqlite3_free(sql);
			if (rc != SQLITE_OK)
				return 1;  /* a duplicate uuid stops the listing */
		}
	}
	return 0;
}

static int64_t uuids_seen(sqlite3 *db)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM u", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void test_uuids_unique(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	assert_int_equal(gl_store_begin(f->s, &err), GL_OK);
	for (int i = 0; i < 2000; i++) {
		char name[32];
		snprintf(name, sizeof name, "Skola %d", i);
		int64_t id;
		assert_int_equal(gl_store_school_ensure(f->s, name, &id, NULL, &err), GL_OK);
	}
	assert_int_equal(gl_store_commit(f->s, &err), GL_OK);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	sqlite3_exec(db, "CREATE TABLE u (x TEXT PRIMARY KEY)", NULL, NULL, NULL);
	assert_int_equal(gl_store_list(f->s, GL_LIST_SCHOOLS, NULL, 0, 0, collect_uuid, db, &err),
		GL_OK);
	/* every listed school had its own well-formed uuid (a list without the column fails) */
	assert_int_equal(uuids_seen(db), 2000);
	sqlite3_close(db);
	assert_int_equal(count(f->s, GL_LIST_SCHOOLS), 2000);
}

struct ids {
	int64_t v[64];
	int n;
};

static int collect_ids(void *ctx, const struct gl_row *row)
{
	struct ids *ids = ctx;
	ids->v[ids->n++] = row->values[0].i;
	return ids->n >= 64;
}

static void test_paging(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	int64_t school, other;
	assert_int_equal(gl_store_school_ensure(f->s, "Norrbyskolan", &school, NULL, &err), GL_OK);
	assert_int_equal(gl_store_school_ensure(f->s, "Sjövikskolan", &other, NULL, &err), GL_OK);
	for (int i = 0; i < 25; i++) {
		char text[64];
		snprintf(text, sizeof text, "Brev nummer %d om läxor.", i);
		add_letter(f->s, i % 5 == 0 ? other : school, 1 + i % 2, text);
	}
	struct ids ids = { 0 };
	assert_int_equal(gl_store_list(f->s, GL_LIST_LETTERS, NULL, 10, 10, collect_ids, &ids, &err),
		GL_OK);
	assert_int_equal(ids.n, 10);
	assert_int_equal(ids.v[0], 11);
	assert_int_equal(ids.v[9], 20);
	ids.n = 0;
	assert_int_equal(gl_store_list(f->s, GL_LIST_LETTERS, NULL, 20, 10, collect_ids, &ids, &err),
		GL_OK);
	assert_int_equal(ids.n, 5);
	struct gl_filter flt = { 0 };
	flt.school_id = other;
	int64_t n;
	assert_int_equal(gl_store_count(f->s, GL_LIST_LETTERS, &flt, &n, &err), GL_OK);
	assert_int_equal(n, 5);
	flt.group_id = 1;
	assert_int_equal(gl_store_count(f->s, GL_LIST_LETTERS, &flt, &n, &err), GL_OK);
	assert_int_equal(n, 3);  /* i = 0, 10, 20 */
}

static void test_transactions_nest_and_roll_back(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	int64_t id;
	assert_int_equal(gl_store_begin(f->s, &err), GL_OK);
	assert_int_equal(gl_store_school_ensure(f->s, "A-skolan", &id, NULL, &err), GL_OK);
	assert_int_equal(gl_store_school_ensure(f->s, "", &id, NULL, &err), GL_EINVAL);
	assert_int_equal(gl_store_school_ensure(f->s, "B-skolan", &id, NULL, &err), GL_OK);
	gl_store_rollback(f->s);
	assert_int_equal(count(f->s, GL_LIST_SCHOOLS), 0);
	assert_int_equal(gl_store_begin(f->s, &err), GL_OK);
	assert_int_equal(gl_store_school_ensure(f->s, "A-skolan", &id, NULL, &err), GL_OK);
	assert_int_equal(gl_store_commit(f->s, &err), GL_OK);
	assert_int_equal(count(f->s, GL_LIST_SCHOOLS), 1);
	/* a nested step that fails inside spoils the outer transaction: nothing half-saved */
	assert_int_equal(gl_store_begin(f->s, &err), GL_OK);
	assert_int_equal(gl_store_school_ensure(f->s, "C-skolan", &id, NULL, &err), GL_OK);
	assert_int_equal(gl_store_begin(f->s, &err), GL_OK);
	gl_store_rollback(f->s);
	assert_int_equal(gl_store_commit(f->s, &err), GL_ECONSTRAINT);
	assert_int_equal(count(f->s, GL_LIST_SCHOOLS), 1);
	assert_int_equal(gl_store_school_ensure(f->s, "D-skolan", &id, NULL, &err), GL_OK);
	assert_int_equal(count(f->s, GL_LIST_SCHOOLS), 2);
}

static void test_codings_and_spans(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	int64_t school, coder, cat, code, id;
	assert_int_equal(gl_store_school_ensure(f->s, "Tallbacka skola", &school, NULL, &err), GL_OK);
	assert_int_equal(gl_store_coder_ensure(f->s, "Ali", &coder, NULL, &err), GL_OK);
	struct gl_code c = { 0 };
	c.name = "Lärmiljö";
	assert_int_equal(gl_store_code_insert(f->s, &c, &cat, &err), GL_OK);
	c.parent_id = cat;
	c.name = "Trygghet";
	c.color = "#12ab34";
	assert_int_equal(gl_store_code_insert(f->s, &c, &code, &err), GL_OK);
	c.color = "#12zz99";
	c.name = "Studiero";
	assert_int_equal(gl_store_code_insert(f->s, &c, &id, &err), GL_EINVAL);
	int64_t found;
	assert_int_equal(gl_store_code_find(f->s, "lärmiljö > trygghet", &found, &err), GL_OK);
	assert_int_equal(found, code);
	int64_t letter = add_letter(f->s, school, 2, "Jag känner mig trygg på skolgården 😀.");
	struct gl_coding k = { letter, code, coder, 15, 20, NULL, NULL };  /* "trygg" */
	assert_int_equal(gl_store_coding_insert(f->s, &k, &id, &err), GL_OK);
	assert_int_equal(gl_store_coding_insert(f->s, &k, &id, &err), GL_EEXIST);
	k.end = 100;
	assert_int_equal(gl_store_coding_insert(f->s, &k, &id, &err), GL_EINVAL);
	k.start = 5;
	k.end = 5;
	assert_int_equal(gl_store_coding_insert(f->s, &k, &id, &err), GL_EINVAL);
	struct gl_str out = GL_STR_INIT;
	assert_int_equal(gl_store_list(f->s, GL_LIST_CODINGS, NULL, 0, 0, collect_first_text, &out,
		&err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "trygg|");
	gl_str_finish(&out);
}

static void test_out_parameters_may_be_null(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	int64_t school;
	assert_int_equal(gl_store_school_ensure(f->s, "Norrbyskolan", &school, NULL, &err), GL_OK);
	assert_int_equal(gl_store_school_ensure(f->s, "Sjövikskolan", NULL, NULL, &err), GL_OK);
	struct gl_survey_result r = { school, "Skolenkäten", 2026, 2, "Trygghet", 7.5, 40 };
	assert_int_equal(gl_store_survey_upsert(f->s, &r, NULL, NULL, &err), GL_OK);
	r.value = 7.9;
	assert_int_equal(gl_store_survey_upsert(f->s, &r, NULL, NULL, &err), GL_OK);
	struct gl_finding fi = { school, "area", "Studiero i klassrummen", NULL, 0 };
	assert_int_equal(gl_store_finding_insert(f->s, &fi, NULL, &err), GL_OK);
	struct gl_document d = { 0 };
	d.kind = "letter";
	d.school_id = school;
	d.group_id = 1;
	d.text = "Hej";
	d.text_len = 3;
	assert_int_equal(gl_store_document_insert(f->s, &d, NULL, NULL, &err), GL_OK);
	assert_int_equal(gl_store_document_insert(f->s, &d, NULL, NULL, &err), GL_OK);
	assert_int_equal(count(f->s, GL_LIST_SURVEY), 1);
	assert_int_equal(count(f->s, GL_LIST_FINDINGS), 1);
	assert_int_equal(count(f->s, GL_LIST_LETTERS), 1);
}

static int count_search(void *ctx, const struct gl_row *row)
{
	(void)row;
	++*(int *)ctx;
	return 0;
}

static void test_bulk_insert_indexes_at_the_end(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	int64_t school;
	assert_int_equal(gl_store_school_ensure(f->s, "Norrbyskolan", &school, NULL, &err), GL_OK);
	add_letter(f->s, school, 1, "Före importen: rastvakter.");
	assert_int_equal(gl_store_bulk_begin(f->s, &err), GL_EINVAL);  /* needs a transaction */
	assert_int_equal(gl_store_begin(f->s, &err), GL_OK);
	assert_int_equal(gl_store_bulk_begin(f->s, &err), GL_OK);
	add_letter(f->s, school, 2, "Under importen: rastvakter och läxor.");
	add_letter(f->s, school, 2, "Under importen: bara läxor.");
	int n = 0;
	assert_int_equal(gl_store_search(f->s, "läxor", NULL, 0, 0, count_search, &n, &err), GL_OK);
	assert_int_equal(n, 0);  /* not indexed yet */
	assert_int_equal(gl_store_document_delete(f->s, 1, &err), GL_EINVAL);
	assert_int_equal(gl_store_bulk_end(f->s, &err), GL_OK);
	assert_int_equal(gl_store_commit(f->s, &err), GL_OK);
	n = 0;
	assert_int_equal(gl_store_search(f->s, "rastvakter", NULL, 0, 0, count_search, &n, &err),
		GL_OK);
	assert_int_equal(n, 2);  /* each letter indexed once: the old one and one new one */
	/* a rolled-back bulk import leaves neither letters nor the marker behind */
	assert_int_equal(gl_store_begin(f->s, &err), GL_OK);
	assert_int_equal(gl_store_bulk_begin(f->s, &err), GL_OK);
	add_letter(f->s, school, 3, "Ångrat brev.");
	gl_store_rollback(f->s);
	add_letter(f->s, school, 3, "Efteråt: ett vanligt brev om läxor.");
	n = 0;
	assert_int_equal(gl_store_search(f->s, "läxor", NULL, 0, 0, count_search, &n, &err), GL_OK);
	assert_int_equal(n, 3);
	struct gl_str problems = GL_STR_INIT;
	assert_int_equal(gl_store_check(f->s, &problems, &err), GL_OK);
	gl_str_finish(&problems);
}

/* The index trigger as another program sees it: 1 when the project file has it. */
static int trigger_count(const char *path)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE "
		"type = 'trigger' AND name = 'documents_ai'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* The search index's hashsize as the project file keeps it: 0 when it keeps none (FTS5's
 * default, 1 MB). */
static long long fts_hashsize(const char *path)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT v FROM documents_fts_config WHERE "
		"k = 'hashsize'", -1, &st, NULL), SQLITE_OK);
	long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* The trigger in place, the FTS5 index complete (gl_store_check runs its integrity-check) and a
 * letter written outside an import found by search at once: the trigger works. The bulk
 * build's larger hashsize is gone: FTS5's default again. */
static void assert_index_whole(struct gl_store *s, const char *path, int64_t school,
	const char *word, int want)
{
	assert_int_equal(trigger_count(path), 1);
	long long hashsize = fts_hashsize(path);
	assert_true(hashsize == 0 || hashsize == 1048576);
	struct gl_error err = { 0 };
	struct gl_str problems = GL_STR_INIT;
	if (gl_store_check(s, &problems, &err) != GL_OK)
		fail_msg("%s", gl_str_cstr(&problems));
	gl_str_finish(&problems);
	char text[96];
	snprintf(text, sizeof text, "Ett vanligt brev om %s efter importen.", word);
	add_letter(s, school, 1, text);
	int n = 0;
	assert_int_equal(gl_store_search(s, word, NULL, 0, 0, count_search, &n, &err), GL_OK);
	assert_int_equal(n, want + 1);
	/* and the letter counts (schema step 10) follow, in the import and after it */
	if (gl_store_check(s, &problems, &err) != GL_OK)
		fail_msg("%s", gl_str_cstr(&problems));
	gl_str_finish(&problems);
}

static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Issue 17: an import drops the index trigger for its bulk insert and makes it again before it
 * commits; after success, failure and a kill the trigger is there and the index whole. */
static void test_import_keeps_the_index_trigger(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	int64_t school;
	assert_int_equal(gl_store_school_ensure(f->s, "Norrbyskolan", &school, NULL, &err), GL_OK);
	char csv[160];
	snprintf(csv, sizeof csv, "%s/ok.csv", f->dir);
	write_text(csv, "school,group,title,text\n"
		"Norrbyskolan,lärare,Brev 1,\"Om studiero i klassrummet.\"\n"
		"Ekåsens skola,elever,Brev 2,\"Studiero och trygghet, två stycken.\n\nAndra stycket.\"\n"
		"Ekåsens skola,elever,Brev 5,\"  \tStudiero med blanka runt om.  \n\n\"\n"
		"Ekåsens skola,elever,Brev 6,\"NFD: studiero p\x61\xcc\x8a lektionerna\x07.\"\n");
	const char *paths[] = { csv };
	struct gl_import_summary sum = { 0 };
	assert_int_equal(gl_import_letters(f->s, paths, 1, NULL, &sum, &err), GL_OK);
	assert_int_equal(sum.letters, 4);
	assert_index_whole(f->s, f->path, school, "studiero", 4);
	/* the importer counts each text in the pass that checks it: the counts are SQLite's */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*), sum(length = length(text)), "
		"sum(text = '  \tStudiero med blanka runt om.' OR text = 'NFD: studiero p\xc3\xa5 "
		"lektionerna.') FROM documents", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(q, 0), 5);
	assert_int_equal(sqlite3_column_int(q, 1), 5);
	assert_int_equal(sqlite3_column_int(q, 2), 2);  /* leading blanks kept, NFC, no BEL */
	sqlite3_finalize(q);
	sqlite3_close(db);

	/* failure: the second row has no school, so nothing of the file is kept */
	snprintf(csv, sizeof csv, "%s/bad.csv", f->dir);
	write_text(csv, "school,group,title,text\n"
		"Norrbyskolan,lärare,Brev 3,\"Om rastvakter.\"\n"
		",lärare,Brev 4,\"Om rastvakter igen.\"\n");
	memset(&sum, 0, sizeof sum);
	assert_int_not_equal(gl_import_letters(f->s, paths, 1, NULL, &sum, &err), GL_OK);
	assert_index_whole(f->s, f->path, school, "rastvakter", 0);

	/* a dry run does every write and rolls back */
	snprintf(csv, sizeof csv, "%s/ok.csv", f->dir);
	memset(&sum, 0, sizeof sum);
	assert_int_equal(gl_import_letters(f->s, paths, 1,
		&(struct gl_import_options){ .dry_run = true }, &sum, &err), GL_OK);
	assert_index_whole(f->s, f->path, school, "trygghet", 1);

	/* a kill in the middle of a bulk insert, after the trigger was dropped */
	gl_store_close(f->s);
	f->s = NULL;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct gl_store *c;
		if (gl_store_open(f->path, &c, NULL) != GL_OK || gl_store_begin(c, NULL) != GL_OK ||
			gl_store_bulk_begin(c, NULL) != GL_OK)
			_exit(3);
		for (int i = 0; i < 500; i++) {
			char text[64];
			snprintf(text, sizeof text, "Avbrutet brev %d om läxhjälp.", i);
			struct gl_document d = { .kind = "letter", .school_id = school, .group_id = 1,
				.text = text, .text_len = strlen(text) };
			if (gl_store_document_insert(c, &d, NULL, NULL, NULL) != GL_OK)
				_exit(4);
		}
		if (trigger_count(f->path) != 1)  /* another connection still sees the committed one */
			_exit(5);
		raise(SIGKILL);
		_exit(6);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	assert_index_whole(f->s, f->path, school, "läxhjälp", 0);
}

/* Ids and snippets of a search's hits, in order, one line each. */
static int hit_line(void *ctx, const struct gl_row *row)
{
	struct gl_str *out = ctx;
	for (int i = 0; i < row->ncols; i++) {
		if (!strcmp(row->names[i], "id"))
			gl_str_printf(out, "%lld", (long long)row->values[i].i);
		else if (!strcmp(row->names[i], "snippet") || !strcmp(row->names[i], "school") ||
			!strcmp(row->names[i], "group"))
			gl_str_printf(out, "|%s", row->values[i].s ? row->values[i].s : "");
	}
	gl_str_putc(out, '\n');
	return 0;
}

/* Issue 17: a school-filtered search checks hits against the school's letters before reading
 * them; the hits must be those of the whole search that belong to the school (and group),
 * in the same order, with the same snippets, whatever the query and the limit. */
static void test_search_school_filter(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	static const char *const names[] = { "Norrbyskolan", "Ekåsens skola", "Sjövikskolan" };
	int64_t schools[3];
	for (int i = 0; i < 3; i++)
		assert_int_equal(gl_store_school_ensure(f->s, names[i], &schools[i], NULL, &err), GL_OK);
	static const char *const words[] = { "trygghet", "studiero", "otrygg", "läxor", "beslut" };
	for (int i = 0; i < 120; i++) {
		char text[160];
		snprintf(text, sizeof text, "Brev %d om %s och %s, skrivet av grupp %d.", i,
			words[i % 5], words[(i * 7 / 3) % 5], i % 4);
		add_letter(f->s, schools[(i * i + i / 7) % 3], 1 + i % 3, text);
	}
	static const char *const queries[] = { "trygg", "otrygg", "studiero OR läxor",
		"\"om trygghet\"", "beslut NOT läxor", "brev" };
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		for (int sc = 0; sc < 3; sc++) {
			for (int64_t group = 0; group <= 2; group++) {
				for (int rank = 0; rank < 2; rank++) {
					/* expected: every hit of the whole search, then narrowed here */
					struct gl_str all = GL_STR_INIT, want = GL_STR_INIT, got = GL_STR_INIT;
					struct gl_filter none = { .by_rank = rank };
					assert_int_equal(gl_store_search(f->s, queries[q], &none, 0, 0, hit_line, &all,
						&err), GL_OK);
					const char *groups[] = { NULL, "teachers", "students" };  /* English: no catalogue */
					char school_part[64];
					snprintf(school_part, sizeof school_part, "|%s|", names[sc]);
					int kept = 0;
					for (char *line = all.buf, *nl; line && *line; line = nl + 1) {
						nl = strchr(line, '\n');
						*nl = '\0';
						if (strstr(line, school_part) && (!group || (strstr(line, groups[group])
							&& strstr(line, groups[group]) == strstr(line, school_part) +
							strlen(school_part))) && kept < 7) {
							gl_str_printf(&want, "%s\n", line);
							kept++;
						}
					}
					struct gl_filter fl = { .school_id = schools[sc], .group_id = group,
						.by_rank = rank };
					assert_int_equal(gl_store_search(f->s, queries[q], &fl, 0, 7, hit_line, &got,
						&err), GL_OK);
					if (strcmp(gl_str_cstr(&want), gl_str_cstr(&got)))
						fail_msg("%s, %s, group %lld, rank %d:\nwant\n%sgot\n%s", queries[q],
							names[sc], (long long)group, rank, gl_str_cstr(&want),
							gl_str_cstr(&got));
					assert_true(kept > 0 || q == 4 || group > 0);
					gl_str_finish(&all);
					gl_str_finish(&want);
					gl_str_finish(&got);
				}
			}
		}
	}
}

/* The letters' ids under a filter, one per line */
static int id_line(void *ctx, const struct gl_row *row)
{
	struct gl_str *out = ctx;
	for (int i = 0; i < row->ncols; i++)
		if (!strcmp(row->names[i], "id"))
			gl_str_printf(out, "%lld\n", (long long)row->values[i].i);
	return 0;
}

/* The letters list, its count and its read marks' count under f, against the search's own
 * hits (gl_store_search asks the index itself) narrowed to the school. */
static void letters_agree(struct gl_store *s, const char *query, int64_t school,
	const char *school_name)
{
	struct gl_error err = { 0 };
	struct gl_str want = GL_STR_INIT, got = GL_STR_INIT, all = GL_STR_INIT;
	assert_int_equal(gl_store_search(s, query, &(struct gl_filter){ 0 }, 0, 0, hit_line, &all,
		&err), GL_OK);
	int64_t n = 0;
	for (char *line = all.buf, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		char part[80];
		snprintf(part, sizeof part, "|%s|", school_name ? school_name : "");
		if (!school_name || strstr(line, part)) {
			gl_str_printf(&want, "%lld\n", strtoll(line, NULL, 10));
			n++;
		}
	}
	struct gl_filter f = { .match = query, .school_id = school };
	assert_int_equal(gl_store_list(s, GL_LIST_LETTERS, &f, 0, 0, id_line, &got, &err), GL_OK);
	if (strcmp(gl_str_cstr(&want), gl_str_cstr(&got)))
		fail_msg("%s in %s:\nwant\n%sgot\n%s", query, school_name ? school_name : "all",
			gl_str_cstr(&want), gl_str_cstr(&got));
	int64_t count = -1;
	assert_int_equal(gl_store_count(s, GL_LIST_LETTERS, &f, &count, &err), GL_OK);
	assert_int_equal(count, n);
	gl_str_finish(&want);
	gl_str_finish(&got);
	gl_str_finish(&all);
}

/* Issue 17: the letters under a search read the query's hits from a memo made once per query
 * and data version (lists.c, search_hits). Whatever changes in between (another query, a
 * letter added here or by another program, a transaction, a rollback), the list and its count
 * are the index's hits; a query that is not valid still says so. */
static void test_letters_search_memo(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	int64_t schools[2];
	static const char *const names[] = { "Ängsskolan", "Björkdalsskolan" };
	for (int i = 0; i < 2; i++)
		assert_int_equal(gl_store_school_ensure(f->s, names[i], &schools[i], NULL, &err), GL_OK);
	for (int i = 0; i < 40; i++) {
		char text[120];
		snprintf(text, sizeof text, "Brev %d: %s på rasten, %s i klassrummet.", i,
			i % 3 ? "trygghet" : "otrygghet", i % 4 ? "studiero" : "stök");
		add_letter(f->s, schools[i % 2], 1 + i % 3, text);
	}
	static const char *const queries[] = { "trygg", "otrygghet", "studiero", "stök",
		"trygg studiero" };
	for (int round = 0; round < 2; round++)  /* the second: every memo made before */
		for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
			letters_agree(f->s, queries[q], 0, NULL);
			letters_agree(f->s, queries[q], schools[1], names[1]);
		}
	/* a letter added here: the same query again sees it */
	letters_agree(f->s, "stök", 0, NULL);
	add_letter(f->s, schools[0], 1, "Stök överallt, sa eleven.");
	letters_agree(f->s, "stök", 0, NULL);
	/* by another program (connection) */
	struct gl_store *other;
	assert_int_equal(gl_store_open(f->path, &other, &err), GL_OK);
	add_letter(other, schools[1], 2, "Mer stök i matsalen.");
	gl_store_close(other);
	letters_agree(f->s, "stök", schools[1], names[1]);
	letters_agree(f->s, "stök", 0, NULL);
	/* inside a transaction, and after its rollback */
	assert_int_equal(gl_store_begin(f->s, &err), GL_OK);
	add_letter(f->s, schools[0], 3, "Stök i korridoren.");
	letters_agree(f->s, "stök", 0, NULL);
	gl_store_rollback(f->s);
	letters_agree(f->s, "stök", 0, NULL);
	/* a coding changes no letter (the memo is kept: test_write's test_letters_version) and
	 * every list still agrees; a redacted passage leaves the hits at once */
	int64_t coder, cat, code, id;
	assert_int_equal(gl_store_coder_ensure(f->s, "Ali", &coder, NULL, &err), GL_OK);
	struct gl_code c = { 0 };
	c.name = "Lärmiljö";
	assert_int_equal(gl_store_code_insert(f->s, &c, &cat, &err), GL_OK);
	c.parent_id = cat;
	c.name = "Stök";
	assert_int_equal(gl_store_code_insert(f->s, &c, &code, &err), GL_OK);
	int64_t letter = add_letter(f->s, schools[0], 2, "Stök vid skåpen varje morgon.");
	letters_agree(f->s, "stök", 0, NULL);
	struct gl_coding k = { letter, code, coder, 0, 4, NULL, NULL };
	assert_int_equal(gl_store_coding_insert(f->s, &k, &id, &err), GL_OK);
	letters_agree(f->s, "stök", 0, NULL);
	letters_agree(f->s, "skåpen", 0, NULL);
	int64_t n_before = 0, n_after = 0;
	struct gl_filter morgon = { .match = "morgon" };
	assert_int_equal(gl_store_count(f->s, GL_LIST_LETTERS, &morgon, &n_before, &err), GL_OK);
	assert_int_equal(n_before, 1);
	assert_int_equal(gl_store_redact(f->s, letter, 22, 28, NULL, NULL, &err), GL_OK);
	assert_int_equal(gl_store_count(f->s, GL_LIST_LETTERS, &morgon, &n_after, &err), GL_OK);
	assert_int_equal(n_after, 0);
	letters_agree(f->s, "morgon", 0, NULL);
	letters_agree(f->s, "skåpen", 0, NULL);
	/* not a valid query: the index's words, as before */
	struct gl_filter bad = { .match = "\"stök" };
	int64_t n = 0;
	enum gl_status st = gl_store_count(f->s, GL_LIST_LETTERS, &bad, &n, &err);
	assert_int_not_equal(st, GL_OK);
	assert_true(err.message[0] != '\0');
}

/* Every column of a row, one line (the page and the whole list must agree on all of it). */
static int row_line(void *ctx, const struct gl_row *row)
{
	struct gl_str *out = ctx;
	for (int i = 0; i < row->ncols; i++) {
		const struct gl_value *v = &row->values[i];
		if (v->type == GL_VAL_INT)
			gl_str_printf(out, "%lld|", (long long)v->i);
		else if (v->type == GL_VAL_TEXT)
			gl_str_printf(out, "%.*s|", (int)v->len, v->s);
		else
			gl_str_puts(out, "-|");
	}
	gl_str_putc(out, '\n');
	return 0;
}

static int count_rows(void *ctx, const struct gl_row *row)
{
	(void)row;
	++*(int64_t *)ctx;
	return 0;
}

/* Issue 17: the codings list pages by finding the page's ids first (in codings alone, or
 * joined to the letters when a filter names a letter's column); every page, under every filter,
 * is the same rows as that slice of the whole list. */
static void test_codings_pages(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	int64_t schools[2], coders[2], cat, codes[2];
	assert_int_equal(gl_store_school_ensure(f->s, "Norrbyskolan", &schools[0], NULL, &err), GL_OK);
	assert_int_equal(gl_store_school_ensure(f->s, "Ekåsens skola", &schools[1], NULL, &err), GL_OK);
	assert_int_equal(gl_store_coder_ensure(f->s, "Anna", &coders[0], NULL, &err), GL_OK);
	assert_int_equal(gl_store_coder_ensure(f->s, "Bosse", &coders[1], NULL, &err), GL_OK);
	struct gl_code c = { .name = "Lärmiljö" };
	assert_int_equal(gl_store_code_insert(f->s, &c, &cat, &err), GL_OK);
	c.parent_id = cat;
	c.name = "Studiero";
	assert_int_equal(gl_store_code_insert(f->s, &c, &codes[0], &err), GL_OK);
	c.name = "Trygghet";
	assert_int_equal(gl_store_code_insert(f->s, &c, &codes[1], &err), GL_OK);
	int64_t letters[6];
	for (int i = 0; i < 6; i++) {
		char text[96];
		snprintf(text, sizeof text, "Brev %d: studiero och trygghet på lektionerna, åäö.", i);
		letters[i] = add_letter(f->s, schools[i % 2], 1 + i % 3, text);
	}
	for (int i = 0; i < 40; i++) {
		struct gl_coding k = { letters[(i * 5) % 6], codes[i % 2], coders[(i / 3) % 2], i % 20,
			i % 20 + 5, NULL, NULL };
		assert_int_equal(gl_store_coding_insert(f->s, &k, NULL, &err), GL_OK);
	}
	/* letter counts by school and group come from letter_counts: the same as the lists */
	const struct gl_filter by[] = { { 0 }, { .school_id = schools[0] }, { .group_id = 2 },
		{ .school_id = schools[1], .group_id = 2 }, { .school_id = schools[1], .group_id = 3 },
		{ .school_id = 999 }, { .kind = "letter", .school_id = schools[0] } };
	for (size_t i = 0; i < sizeof by / sizeof by[0]; i++) {
		int64_t n = -1, rows = 0;
		assert_int_equal(gl_store_count(f->s, GL_LIST_LETTERS, &by[i], &n, &err), GL_OK);
		assert_int_equal(gl_store_list(f->s, GL_LIST_LETTERS, &by[i], 0, 0, count_rows, &rows,
			&err), GL_OK);
		assert_int_equal(n, rows);
	}
	const struct gl_filter filters[] = { { 0 }, { .school_id = schools[1] }, { .group_id = 2 },
		{ .coder_id = coders[0] }, { .code_id = codes[1] }, { .code_id = cat },
		{ .document_id = letters[3] }, { .kind = "letter" },
		{ .school_id = schools[0], .coder_id = coders[1], .code_id = codes[0] } };
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		struct gl_str whole = GL_STR_INIT, pages = GL_STR_INIT;
		assert_int_equal(gl_store_list(f->s, GL_LIST_CODINGS, &filters[i], 0, 0, row_line, &whole,
			&err), GL_OK);
		assert_true(whole.len > 0);
		for (int64_t off = 0; off < 45; off += 7) {
			/* lines off .. off + 6 of the whole list */
			const char *a = gl_str_cstr(&whole), *b;
			for (int64_t n = 0; n < off && *a; n++)
				a = strchr(a, '\n') + 1;
			b = a;
			for (int n = 0; n < 7 && *b; n++)
				b = strchr(b, '\n') + 1;
			gl_str_clear(&pages);
			assert_int_equal(gl_store_list(f->s, GL_LIST_CODINGS, &filters[i], off, 7, row_line,
				&pages, &err), GL_OK);
			if (pages.len != (size_t)(b - a) || memcmp(a, gl_str_cstr(&pages), pages.len))
				fail_msg("filter %zu, offset %lld:\nwant\n%.*s\ngot\n%s", i, (long long)off,
					(int)(b - a), a, gl_str_cstr(&pages));
		}
		gl_str_finish(&whole);
		gl_str_finish(&pages);
	}
}

static int take_letters(void *ctx, const struct gl_row *row)
{
	for (int i = 0; i < row->ncols; i++)
		if (!strcmp(row->names[i], "letters"))
			*(int64_t *)ctx += row->values[i].i;
	return 0;
}

static int64_t pane_letters(struct gl_overview *o)
{
	int64_t groups[] = { 1, 2 };
	struct gl_overview_query q = { groups, 2, 6.0, NULL, 0 };
	int64_t n = 0;
	assert_int_equal(gl_overview_municipality(o, &q, take_letters, &n, NULL), GL_OK);
	int64_t per_school = 0;
	assert_int_equal(gl_overview_schools(o, &q, 0, 0, take_letters, &per_school, NULL), GL_OK);
	assert_int_equal(per_school, n);
	return n;
}

static void test_pane_counts_follow_changes(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	int64_t school;
	assert_int_equal(gl_store_school_ensure(f->s, "Tallbacka skola", &school, NULL, &err), GL_OK);
	struct gl_overview *o = gl_overview_create(f->s);
	assert_non_null(o);
	add_letter(f->s, school, 1, "Ett.");
	assert_int_equal(pane_letters(o), 1);
	add_letter(f->s, school, 2, "Två.");  /* this connection */
	assert_int_equal(pane_letters(o), 2);
	int sets = 0;
	assert_int_equal(gl_overview_survey_sets(o, count_search, &sets, &err), GL_OK);
	assert_int_equal(sets, 0);
	struct gl_store *other;  /* another program on the same project */
	assert_int_equal(gl_store_open(f->path, &other, &err), GL_OK);
	add_letter(other, school, 2, "Tre.");
	struct gl_survey_result r = { school, "Skolenkäten", 2026, 2, "Studiero", 6.1, 30 };
	assert_int_equal(gl_store_survey_upsert(other, &r, NULL, NULL, &err), GL_OK);
	gl_store_close(other);
	assert_int_equal(pane_letters(o), 3);
	assert_int_equal(gl_overview_survey_sets(o, count_search, &sets, &err), GL_OK);
	assert_int_equal(sets, 1);
	gl_overview_destroy(o);
}

/* genomlys check notices when the coding counts kept by triggers (code_usage) have drifted
 * from the codings, and says which table. */
static void test_check_reports_coding_count_drift(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	int64_t school, coder, code, other;
	assert_int_equal(gl_store_school_ensure(f->s, "Tallbacka skola", &school, NULL, &err), GL_OK);
	assert_int_equal(gl_store_coder_ensure(f->s, "Ali", &coder, NULL, &err), GL_OK);
	struct gl_code c = { 0 };
	c.name = "Trygghet";
	assert_int_equal(gl_store_code_insert(f->s, &c, &code, &err), GL_OK);
	c.name = "Studiero";
	assert_int_equal(gl_store_code_insert(f->s, &c, &other, &err), GL_OK);
	int64_t letter = add_letter(f->s, school, 2, "Jag känner mig trygg på skolgården.");
	struct gl_coding k = { letter, code, coder, 15, 20, NULL, NULL };
	assert_int_equal(gl_store_coding_insert(f->s, &k, NULL, &err), GL_OK);
	struct gl_str problems = GL_STR_INIT;
	assert_int_equal(gl_store_check(f->s, &problems, &err), GL_OK);
	/* another program changes the counts behind the triggers' back */
	raw_exec(f->path, "UPDATE code_usage SET codings = 7; "
		"INSERT INTO code_usage (code_id, codings) VALUES (2, 1);");
	assert_int_equal(gl_store_check(f->s, &problems, &err), GL_ESCHEMA);
	assert_non_null(strstr(gl_str_cstr(&problems), "code_usage"));
	assert_non_null(strstr(gl_str_cstr(&problems), "coding counts of 2 codes"));
	gl_str_finish(&problems);
}

static int take_actor(void *ctx, const struct gl_row *row)
{
	struct gl_str *out = ctx;
	for (int i = 0; i < row->ncols; i++)
		if (!strcmp(row->names[i], "actor")) {
			gl_str_clear(out);
			gl_str_append(out, row->values[i].s, row->values[i].len);
		}
	return 0;
}

/* The audit log records who acted, whole: a 200-character name of ö was cut in the middle of
 * a character (128 bytes), which left invalid UTF-8 in the project. */
static void test_long_actor_kept_whole(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	struct gl_str name = GL_STR_INIT;
	for (int i = 0; i < 200; i++)
		gl_str_puts(&name, "ö");
	gl_store_set_actor(f->s, gl_str_cstr(&name));
	assert_string_equal(gl_store_actor(f->s), gl_str_cstr(&name));
	assert_int_equal(gl_store_school_ensure(f->s, "Ekåsens skola", NULL, NULL, &err), GL_OK);
	struct gl_str actor = GL_STR_INIT;
	assert_int_equal(gl_store_list(f->s, GL_LIST_AUDIT, NULL, 0, 0, take_actor, &actor, &err),
		GL_OK);
	assert_true(gl_utf8_valid(actor.buf, actor.len, NULL));
	assert_int_equal(actor.len, 400);
	assert_string_equal(gl_str_cstr(&actor), gl_str_cstr(&name));
	gl_store_set_actor(f->s, NULL);  /* back to $USER or "unknown" */
	assert_string_not_equal(gl_store_actor(f->s), gl_str_cstr(&name));
	gl_str_finish(&actor);
	gl_str_finish(&name);
}

struct names {
	const char *column;
	struct gl_str out;  /* "a|b|c|" */
};

static int take_names(void *ctx, const struct gl_row *row)
{
	struct names *n = ctx;
	for (int i = 0; i < row->ncols; i++)
		if (!strcmp(row->names[i], n->column)) {
			gl_str_append(&n->out, row->values[i].s, row->values[i].len);
			gl_str_putc(&n->out, '|');
		}
	return 0;
}

static void expect_names(struct gl_store *s, enum gl_list what, const char *column,
	const char *expected)
{
	struct names n = { column, GL_STR_INIT };
	assert_int_equal(gl_store_list(s, what, NULL, 0, 0, take_names, &n, NULL), GL_OK);
	assert_string_equal(gl_str_cstr(&n.out), expected);
	gl_str_finish(&n.out);
}

/* Lists sort as a Swede expects: å, ä, ö after z, and case only breaks ties. In code point
 * order "Ängsskolan" came before "Åbyskolan", and a folded key put "ekskolan" after
 * "Ekåsens skola" only by luck of the bytes. */
static void test_swedish_order(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	static const char *const schools[] = { "Örebro-skolan", "Ängsskolan", "Zetaskolan",
		"Åbyskolan", "Ekåsens skola", "ekskolan" };
	const char *sorted = "ekskolan|Ekåsens skola|Zetaskolan|Åbyskolan|Ängsskolan|Örebro-skolan|";
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(gl_store_school_ensure(f->s, schools[i], NULL, NULL, &err), GL_OK);
		assert_int_equal(gl_store_coder_ensure(f->s, schools[i], NULL, NULL, &err), GL_OK);
	}
	expect_names(f->s, GL_LIST_SCHOOLS, "name", sorted);
	expect_names(f->s, GL_LIST_CODERS, "name", sorted);
	/* the Schools pane's list */
	struct names n = { "name", GL_STR_INIT };
	struct gl_overview_query q = { NULL, 0, 6.0, NULL, 0 };
	struct gl_overview *o = gl_overview_create(f->s);
	assert_int_equal(gl_overview_schools(o, &q, 0, 0, take_names, &n, &err), GL_OK);
	gl_overview_destroy(o);
	assert_string_equal(gl_str_cstr(&n.out), sorted);
	gl_str_finish(&n.out);
	/* the codebook: categories in Swedish order, each followed by its own codes */
	static const char *const codes[][2] = { { "Ängar", NULL }, { "Zeta", NULL },
		{ "Åby", NULL }, { "öl", "Zeta" }, { "Ark", "Zeta" }, { "Äng", "Åby" }, { "ål", "Åby" },
		{ "Zon", "Åby" } };
	for (size_t i = 0; i < 8; i++) {
		struct gl_code c = { 0 };
		c.name = codes[i][0];
		if (codes[i][1])
			assert_int_equal(gl_store_code_find(f->s, codes[i][1], &c.parent_id, &err), GL_OK);
		assert_int_equal(gl_store_code_insert(f->s, &c, NULL, &err), GL_OK);
	}
	expect_names(f->s, GL_LIST_CODES, "path",
		"Zeta|Zeta > Ark|Zeta > öl|Åby|Åby > Zon|Åby > ål|Åby > Äng|Ängar|");
}

/* Audit rows of an action on an entity, read back the way a user would (list audit). */
struct audit_match {
	const char *action, *entity;
	int64_t n;
};

static int audit_row(void *ctx, const struct gl_row *row)
{
	struct audit_match *m = ctx;
	const char *action = NULL, *entity = NULL;
	for (int i = 0; i < row->ncols; i++) {
		if (!strcmp(row->names[i], "action"))
			action = row->values[i].s;
		else if (!strcmp(row->names[i], "entity"))
			entity = row->values[i].s;
	}
	m->n += action && entity && !strcmp(action, m->action) && !strcmp(entity, m->entity);
	return 0;
}

static int64_t audit_count(struct gl_store *s, const char *action, const char *entity)
{
	struct audit_match m = { action, entity, 0 };
	assert_int_equal(gl_store_list(s, GL_LIST_AUDIT, NULL, 0, 0, audit_row, &m, NULL), GL_OK);
	return m.n;
}

/* Project settings: typed, validated, shared through the file, audited, undoable. */
static void test_settings(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "x", &f->s, &err), GL_OK);
	double d = 0;
	int64_t i = 0;
	struct gl_str text = GL_STR_INIT;
	assert_int_equal(gl_store_setting_get_double(f->s, GL_SETTING_THRESHOLD, &d, &err),
		GL_ENOTFOUND);
	assert_int_equal(gl_store_setting_set_double(f->s, GL_SETTING_THRESHOLD, 6.5, &err), GL_OK);
	assert_int_equal(gl_store_setting_set_double(f->s, GL_SETTING_THRESHOLD, INFINITY, &err),
		GL_EINVAL);
	assert_int_equal(gl_store_setting_set_int(f->s, GL_SETTING_DOT_BUDGET, 7, &err), GL_OK);
	assert_int_equal(gl_store_setting_set_int(f->s, GL_SETTING_DOT_BUDGET, 101, &err), GL_EINVAL);
	assert_non_null(strstr(err.message, GL_SETTING_DOT_BUDGET));
	assert_int_equal(gl_store_setting_set_int(f->s, GL_SETTING_YEAR, 2026, &err), GL_OK);
	assert_int_equal(gl_store_setting_set_text(f->s, GL_SETTING_SURVEY, "Skolenkäten", &err),
		GL_OK);
	/* a value of the wrong kind, an unknown key */
	assert_int_equal(gl_store_setting_set_int(f->s, GL_SETTING_THRESHOLD, 6, &err), GL_EINVAL);
	assert_int_equal(gl_store_setting_get_int(f->s, GL_SETTING_SURVEY, &i, &err), GL_EINVAL);
	assert_int_equal(gl_store_setting_set_int(f->s, "survey.thresold", 6, &err), GL_EINVAL);
	/* groups by any name, stored as keys in the given order; an unknown one is refused */
	assert_int_equal(gl_store_setting_set_text(f->s, GL_SETTING_GROUPS, " Elever, lärare,,"
		"vårdnadshavare", &err), GL_OK);
	assert_int_equal(gl_store_setting_set_text(f->s, GL_SETTING_GROUPS, "lärare, rektorer2",
		&err), GL_ENOTFOUND);
	assert_int_equal(gl_store_setting_set_text(f->s, GL_SETTING_GROUPS, " , ", &err), GL_EINVAL);
	/* another program opening the file sees the same settings */
	struct gl_store *other;
	assert_int_equal(gl_store_open(f->path, &other, &err), GL_OK);
	assert_int_equal(gl_store_setting_get_double(other, GL_SETTING_THRESHOLD, &d, &err), GL_OK);
	assert_true(d == 6.5);
	assert_int_equal(gl_store_setting_get_int(other, GL_SETTING_DOT_BUDGET, &i, &err), GL_OK);
	assert_int_equal(i, 7);
	assert_int_equal(gl_store_setting_get_int(other, GL_SETTING_YEAR, &i, &err), GL_OK);
	assert_int_equal(i, 2026);
	assert_int_equal(gl_store_setting_get_text(other, GL_SETTING_SURVEY, &text, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&text), "Skolenkäten");
	assert_int_equal(gl_store_setting_get_text(other, GL_SETTING_GROUPS, &text, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&text), "student,teacher,guardian");
	gl_store_close(other);
	assert_int_equal(audit_count(f->s, "set", "setting"), 5);

	/* undo restores the previous value, then unsets a key that had none */
	struct gl_history *h;
	assert_int_equal(gl_history_create(f->s, &h, &err), GL_OK);
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	assert_int_equal(gl_history_end(h, "threshold", gl_store_setting_set_double(f->s,
		GL_SETTING_THRESHOLD, 5.0, &err), &err), GL_OK);
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	assert_int_equal(gl_history_end(h, "budget", gl_store_setting_clear(f->s,
		GL_SETTING_DOT_BUDGET, &err), &err), GL_OK);
	assert_int_equal(gl_store_setting_get_int(f->s, GL_SETTING_DOT_BUDGET, &i, &err),
		GL_ENOTFOUND);
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	assert_int_equal(gl_store_setting_get_int(f->s, GL_SETTING_DOT_BUDGET, &i, &err), GL_OK);
	assert_int_equal(i, 7);
	assert_int_equal(gl_store_setting_get_double(f->s, GL_SETTING_THRESHOLD, &d, &err), GL_OK);
	assert_true(d == 5.0);
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	assert_int_equal(gl_store_setting_get_double(f->s, GL_SETTING_THRESHOLD, &d, &err), GL_OK);
	assert_true(d == 6.5);
	assert_int_equal(gl_history_redo(h, &err), GL_OK);
	assert_int_equal(gl_store_setting_get_double(f->s, GL_SETTING_THRESHOLD, &d, &err), GL_OK);
	assert_true(d == 5.0);
	assert_int_equal(gl_store_setting_clear(f->s, GL_SETTING_THRESHOLD, &err), GL_OK);
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	assert_int_equal(gl_history_end(h, "threshold", gl_store_setting_set_double(f->s,
		GL_SETTING_THRESHOLD, 6.0, &err), &err), GL_OK);
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	assert_int_equal(gl_store_setting_get_double(f->s, GL_SETTING_THRESHOLD, &d, &err),
		GL_ENOTFOUND);
	gl_history_destroy(h);
	gl_str_finish(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_and_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_refuses_existing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_missing_and_foreign, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_from_v1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_from_v4, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_from_v5, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_keys_enforced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_case_insensitive_and_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_uuids_unique, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paging, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transactions_nest_and_roll_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_codings_and_spans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_parameters_may_be_null, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulk_insert_indexes_at_the_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_keeps_the_index_trigger, setup, teardown),
		cmocka_unit_test_setup_teardown(test_letters_search_memo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_school_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_codings_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pane_counts_follow_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_reports_coding_count_drift, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_actor_kept_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_swedish_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_author_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_memos_after_step12, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_quotes_cut_as_substr, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
