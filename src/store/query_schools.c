/* Queries per school: the schools in order, and the grouped counts of the Schools pane. */
#include "genomlys/queries.h"

#include "store_internal.h"

enum gl_status gl_query_school_names(struct gl_store *s, int64_t offset, int64_t limit,
	gl_row_fn fn, void *ctx, struct gl_error *err)
{
	return db_read(s, "SELECT id, name FROM schools ORDER BY name COLLATE " DB_COLLATION ", id "
		"LIMIT ?1 OFFSET ?2",
		DB_ARGS(DB_INT(limit > 0 ? limit : -1), DB_INT(offset > 0 ? offset : 0)), fn, ctx, err);
}

enum gl_status gl_query_letter_counts(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	/* kept by triggers (schema step 10): a few pages, not a pass over every letter */
	return db_read(s, "SELECT school_id, group_id, letters FROM letter_counts WHERE letters > 0 "
		"ORDER BY school_id, group_id", NULL, fn, ctx, err);
}

enum gl_status gl_query_finding_counts(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	return db_read(s, "SELECT ifnull(school_id, 0) AS school_id, count(*) AS findings FROM "
		"findings GROUP BY 1 ORDER BY 1", NULL, fn, ctx, err);
}

enum gl_status gl_query_low_counts(struct gl_store *s, const char *survey, int year,
	double threshold, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	return db_read(s, "SELECT school_id, count(*) AS low FROM survey_results "
		"WHERE survey = ?1 AND year = ?2 AND value < ?3 GROUP BY school_id ORDER BY school_id",
		DB_ARGS(DB_TEXT(survey), DB_INT(year), DB_REAL(threshold)), fn, ctx, err);
}

enum gl_status gl_query_low_items(struct gl_store *s, const char *survey, int year,
	double threshold, int64_t *count, struct gl_error *err)
{
	*count = 0;
	return db_read_int(s, "SELECT count(*) FROM (SELECT avg(value) AS m FROM survey_results "
		"WHERE survey = ?1 AND year = ?2 GROUP BY group_id, item) WHERE m < ?3",
		DB_ARGS(DB_TEXT(survey), DB_INT(year), DB_REAL(threshold)), count, err);
}
