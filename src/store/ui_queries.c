/* Aggregating queries for the terminal interface's panes (store_ui.h). */
#include "genomlys/store_ui.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

static enum gl_status run_sql(struct gl_store *s, struct gl_str *sql, enum gl_status built,
	sqlite3_stmt **st, struct gl_error *err)
{
	*st = NULL;
	if (built != GL_OK) {
		gl_str_finish(sql);
		return gl_error_set(err, built, "%s", gl_status_str(built));
	}
	enum gl_status ret = db_prepare(s, gl_str_cstr(sql), st, err);
	gl_str_finish(sql);
	return ret;
}

/* The columns shared by the school rows and the municipality row; where is "s.id" or NULL. */
static enum gl_status school_columns(struct gl_str *sql, const struct gl_ui_school_query *q,
	bool municipality)
{
	const char *doc_where = municipality ? "1" : "d.school_id = s.id";
	enum gl_status st = gl_str_printf(sql, "(SELECT count(*) FROM documents d WHERE %s) AS "
		"letters", doc_where);
	for (size_t i = 0; st == GL_OK && i < q->ngroups; i++)
		st = gl_str_printf(sql, ", (SELECT count(*) FROM documents d WHERE %s AND "
			"d.group_id = ?%zu) AS g%zu", doc_where, i + 4, i + 1);
	if (st != GL_OK)
		return st;
	if (municipality)
		st = gl_str_puts(sql, ", (SELECT count(*) FROM (SELECT avg(v.value) AS m FROM "
			"survey_results v WHERE v.survey = ?1 AND v.year = ?2 GROUP BY v.group_id, v.item) "
			"WHERE m < ?3) AS low, (SELECT count(*) FROM findings f WHERE f.school_id IS NULL) "
			"AS findings");
	else
		st = gl_str_puts(sql, ", (SELECT count(*) FROM survey_results v WHERE v.school_id = "
			"s.id AND v.survey = ?1 AND v.year = ?2 AND v.value < ?3) AS low,"
			" (SELECT count(*) FROM findings f WHERE f.school_id = s.id) AS findings");
	return st;
}

static void school_bind(sqlite3_stmt *st, const struct gl_ui_school_query *q)
{
	db_bind_text(st, 1, q->survey ? q->survey : "");
	sqlite3_bind_int(st, 2, q->year);
	sqlite3_bind_double(st, 3, q->threshold);
	for (size_t i = 0; i < q->ngroups; i++)
		sqlite3_bind_int64(st, (int)i + 4, q->group_ids[i]);
}

enum gl_status gl_store_ui_schools(struct gl_store *s, const struct gl_ui_school_query *q,
	int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	struct gl_str sql = GL_STR_INIT;
	enum gl_status ret = gl_str_puts(&sql, "SELECT s.id, s.name, ");
	if (ret == GL_OK)
		ret = school_columns(&sql, q, false);
	if (ret == GL_OK)
		ret = gl_str_printf(&sql, " FROM schools s ORDER BY s.name_key, s.id LIMIT %lld "
			"OFFSET %lld", (long long)(limit > 0 ? limit : -1),
			(long long)(offset > 0 ? offset : 0));
	sqlite3_stmt *st;
	ret = run_sql(s, &sql, ret, &st, err);
	if (ret != GL_OK)
		return ret;
	school_bind(st, q);
	ret = db_run_rows(s, st, fn, ctx, err);
	sqlite3_finalize(st);
	return ret;
}

enum gl_status gl_store_ui_municipality(struct gl_store *s, const struct gl_ui_school_query *q,
	gl_row_fn fn, void *ctx, struct gl_error *err)
{
	struct gl_str sql = GL_STR_INIT;
	enum gl_status ret = gl_str_puts(&sql, "SELECT 0 AS id, NULL AS name, ");
	if (ret == GL_OK)
		ret = school_columns(&sql, q, true);
	sqlite3_stmt *st;
	ret = run_sql(s, &sql, ret, &st, err);
	if (ret != GL_OK)
		return ret;
	school_bind(st, q);
	ret = db_run_rows(s, st, fn, ctx, err);
	sqlite3_finalize(st);
	return ret;
}

enum gl_status gl_store_ui_survey_sets(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT v.survey, v.year, v.group_id, g.name_sv AS "
		"\"group\", count(DISTINCT v.item) AS items FROM survey_results v JOIN groups g ON "
		"g.id = v.group_id GROUP BY v.survey, v.year, v.group_id "
		"ORDER BY v.year DESC, v.survey, g.sort, g.id", &st, err);
	if (ret != GL_OK)
		return ret;
	ret = db_run_rows(s, st, fn, ctx, err);
	sqlite3_finalize(st);
	return ret;
}

enum gl_status gl_store_ui_survey_items(struct gl_store *s, const char *survey, int year,
	int64_t group_id, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT v.item, avg(v.value) AS mean FROM "
		"survey_results v WHERE v.survey = ? AND v.year = ? AND v.group_id = ? "
		"GROUP BY v.item ORDER BY min(v.id)", &st, err);
	if (ret != GL_OK)
		return ret;
	db_bind_text(st, 1, survey);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int64(st, 3, group_id);
	ret = db_run_rows(s, st, fn, ctx, err);
	sqlite3_finalize(st);
	return ret;
}

/* Parameters: ?1 survey, ?2 year, ?3 group, ?4... items. */
static enum gl_status matrix_sql(struct gl_str *sql, const struct gl_ui_survey_query *q,
	bool count)
{
	enum gl_status st = gl_str_puts(sql, count ? "SELECT count(*) FROM schools s"
		: "SELECT s.id, s.name");
	for (size_t i = 0; !count && st == GL_OK && i < q->nitems; i++)
		st = gl_str_printf(sql, ", (SELECT v.value FROM survey_results v WHERE v.school_id = "
			"s.id AND v.survey = ?1 AND v.year = ?2 AND v.group_id = ?3 AND v.item = ?%zu) "
			"AS v%zu", i + 4, i + 1);
	if (st == GL_OK && !count)
		st = gl_str_puts(sql, " FROM schools s");
	if (st == GL_OK)
		st = gl_str_puts(sql, " WHERE EXISTS (SELECT 1 FROM survey_results v WHERE "
			"v.school_id = s.id AND v.survey = ?1 AND v.year = ?2 AND v.group_id = ?3)");
	if (st == GL_OK && !count) {
		const char *dir = q->descending ? "DESC" : "ASC";
		if (q->sort >= 0 && (size_t)q->sort < q->nitems)
			st = gl_str_printf(sql, " ORDER BY v%d IS NULL, v%d %s, s.name_key, s.id",
				q->sort + 1, q->sort + 1, dir);
		else
			st = gl_str_printf(sql, " ORDER BY s.name_key %s, s.id", dir);
	}
	return st;
}

static void matrix_bind(sqlite3_stmt *st, const struct gl_ui_survey_query *q, bool count)
{
	db_bind_text(st, 1, q->survey);
	sqlite3_bind_int(st, 2, q->year);
	sqlite3_bind_int64(st, 3, q->group_id);
	for (size_t i = 0; !count && i < q->nitems; i++)
		db_bind_text(st, (int)i + 4, q->items[i]);
}

enum gl_status gl_store_ui_survey_matrix(struct gl_store *s, const struct gl_ui_survey_query *q,
	int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	struct gl_str sql = GL_STR_INIT;
	enum gl_status ret = matrix_sql(&sql, q, false);
	if (ret == GL_OK)
		ret = gl_str_printf(&sql, " LIMIT %lld OFFSET %lld", (long long)(limit > 0 ? limit : -1),
			(long long)(offset > 0 ? offset : 0));
	sqlite3_stmt *st;
	ret = run_sql(s, &sql, ret, &st, err);
	if (ret != GL_OK)
		return ret;
	matrix_bind(st, q, false);
	ret = db_run_rows(s, st, fn, ctx, err);
	sqlite3_finalize(st);
	return ret;
}

static int count_row(void *ctx, const struct gl_row *row)
{
	*(int64_t *)ctx = row->values[0].i;
	return 0;
}

enum gl_status gl_store_ui_survey_matrix_count(struct gl_store *s,
	const struct gl_ui_survey_query *q, int64_t *count, struct gl_error *err)
{
	struct gl_str sql = GL_STR_INIT;
	sqlite3_stmt *st;
	enum gl_status ret = run_sql(s, &sql, matrix_sql(&sql, q, true), &st, err);
	if (ret != GL_OK)
		return ret;
	matrix_bind(st, q, true);
	*count = 0;
	ret = db_run_rows(s, st, count_row, count, err);
	sqlite3_finalize(st);
	return ret;
}

enum gl_status gl_store_ui_survey_school(struct gl_store *s, int64_t school_id,
	const char *survey, int year, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT v.item, v.group_id, g.name_sv AS \"group\", "
		"v.value, v.n, (SELECT avg(m.value) FROM survey_results m WHERE m.survey = v.survey "
		"AND m.year = v.year AND m.group_id = v.group_id AND m.item = v.item) AS mean "
		"FROM survey_results v JOIN groups g ON g.id = v.group_id "
		"WHERE v.school_id = ?1 AND v.survey = ?2 AND v.year = ?3 "
		"ORDER BY (SELECT min(o.id) FROM survey_results o WHERE o.survey = v.survey AND "
		"o.year = v.year AND o.item = v.item), g.sort, g.id", &st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, survey);
	sqlite3_bind_int(st, 3, year);
	ret = db_run_rows(s, st, fn, ctx, err);
	sqlite3_finalize(st);
	return ret;
}

static int copy_name(void *ctx, const struct gl_row *row)
{
	struct gl_str *out = ctx;
	gl_str_clear(out);
	if (row->values[0].type == GL_VAL_TEXT)
		gl_str_append(out, row->values[0].s, row->values[0].len);
	return 0;
}

enum gl_status gl_store_ui_school_name(struct gl_store *s, int64_t id, struct gl_str *out,
	struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT name FROM schools WHERE id = ?", &st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, id);
	gl_str_clear(out);
	ret = db_run_rows(s, st, copy_name, out, err);
	sqlite3_finalize(st);
	if (ret == GL_OK && out->len == 0)
		ret = gl_error_set(err, GL_ENOTFOUND, _("no school with id %lld"), (long long)id);
	return ret;
}
