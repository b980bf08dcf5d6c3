/* Queries over survey results: the survey sets, their items, schools x items, one school's
 * results. */
#include "genomlys/queries.h"

#include <stdlib.h>

#include "store_internal.h"

enum gl_status gl_query_survey_sets(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	/* survey_items is kept by triggers (schema step 10): a few pages, not every result */
	return db_read(s, "SELECT v.survey, v.year, v.group_id, " DB_GROUP_NAME("g") " AS \"group\", "
		"count(*) AS items FROM survey_items v JOIN groups g ON g.id = v.group_id "
		"WHERE v.results > 0 GROUP BY v.survey, v.year, v.group_id "
		"ORDER BY v.year DESC, v.survey, g.sort, g.id", NULL, fn, ctx, err);
}

enum gl_status gl_query_survey_items(struct gl_store *s, const char *survey, int year,
	int64_t group_id, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	/* the municipal mean is a mean over schools: none when one school has a value */
	return db_read(s, "SELECT v.item, " GL_SQL_MUNICIPAL_MEAN("v.value") " AS mean FROM "
		"survey_results v WHERE v.survey = ?1 AND v.year = ?2 AND v.group_id = ?3 "
		"GROUP BY v.item ORDER BY min(v.id)",
		DB_ARGS(DB_TEXT(survey), DB_INT(year), DB_INT(group_id)), fn, ctx, err);
}

/* Parameters: ?1 survey, ?2 year, ?3 group, ?4... items. */
static enum gl_status matrix_sql(struct gl_str *sql, const struct gl_survey_matrix_query *q,
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
			st = gl_str_printf(sql, " ORDER BY v%d IS NULL, v%d %s, s.name COLLATE %s, s.id",
				q->sort + 1, q->sort + 1, dir, DB_COLLATION);
		else
			st = gl_str_printf(sql, " ORDER BY s.name COLLATE %s %s, s.id", DB_COLLATION, dir);
	}
	return st;
}

/* The matrix query's arguments: survey, year, group, then the items (none for the count). */
static struct db_arg *matrix_args(const struct gl_survey_matrix_query *q, bool count)
{
	size_t n = 3 + (count ? 0 : q->nitems);
	struct db_arg *args = calloc(n + 1, sizeof *args);
	if (!args)
		return NULL;
	args[0] = DB_TEXT(q->survey);
	args[1] = DB_INT(q->year);
	args[2] = DB_INT(q->group_id);
	for (size_t i = 3; i < n; i++)
		args[i] = DB_TEXT(q->items[i - 3]);
	args[n] = DB_END;
	return args;
}

static enum gl_status matrix_read(struct gl_store *s, const struct gl_survey_matrix_query *q,
	bool count, int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	struct gl_str sql = GL_STR_INIT;
	struct db_arg *args = matrix_args(q, count);
	enum gl_status ret = args ? matrix_sql(&sql, q, count) : GL_ENOMEM;
	if (ret == GL_OK && !count)
		ret = gl_str_printf(&sql, " LIMIT %lld OFFSET %lld", (long long)(limit > 0 ? limit : -1),
			(long long)(offset > 0 ? offset : 0));
	if (ret == GL_OK)
		ret = db_read(s, gl_str_cstr(&sql), args, fn, ctx, err);
	else
		gl_error_set(err, ret, "%s", gl_status_str(ret));
	gl_str_finish(&sql);
	free(args);
	return ret;
}

enum gl_status gl_query_survey_matrix(struct gl_store *s, const struct gl_survey_matrix_query *q,
	int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	return matrix_read(s, q, false, offset, limit, fn, ctx, err);
}

static int count_row(void *ctx, const struct gl_row *row)
{
	*(int64_t *)ctx = row->values[0].i;
	return 0;
}

enum gl_status gl_query_survey_matrix_count(struct gl_store *s,
	const struct gl_survey_matrix_query *q, int64_t *count, struct gl_error *err)
{
	*count = 0;
	return matrix_read(s, q, true, 0, 0, count_row, count, err);
}

enum gl_status gl_query_school_results(struct gl_store *s, int64_t school_id,
	const char *survey, int year, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	return db_read(s, "SELECT v.item, v.group_id, " DB_GROUP_NAME("g") " AS \"group\", "
		"v.value, v.n, (SELECT " GL_SQL_MUNICIPAL_MEAN("m.value") " FROM survey_results m WHERE m.survey = v.survey "
		"AND m.year = v.year AND m.group_id = v.group_id AND m.item = v.item) AS mean "
		"FROM survey_results v JOIN groups g ON g.id = v.group_id "
		"WHERE v.school_id = ?1 AND v.survey = ?2 AND v.year = ?3 "
		"ORDER BY (SELECT min(o.id) FROM survey_results o WHERE o.survey = v.survey AND "
		"o.year = v.year AND o.item = v.item), g.sort, g.id",
		DB_ARGS(DB_INT(school_id), DB_TEXT(survey), DB_INT(year)), fn, ctx, err);
}
