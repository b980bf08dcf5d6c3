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

/* ---- The schools pane's numbers, kept until the project changes ----
 *
 * Counting letters per school and group with a subquery a cell cost 25-30 ms per reload at
 * region scale (500 schools, 100,000 letters); the pane reloads on every filter change. The
 * counts are taken with three grouped queries instead and kept until the data version moves
 * (this connection's commits, or another program's, which PRAGMA data_version reports). */

struct count {
	int64_t school;  /* 0: no school (findings about the municipality) */
	int64_t group;
	int64_t n;
};

struct counts {
	struct count *v;
	size_t n, cap;
};

struct ui_cache {
	uint64_t version;
	struct counts letters;   /* per (school, group), sorted */
	struct counts findings;  /* per school, sorted */
	/* results below the threshold: per school, and the municipality's items */
	struct counts low;
	int64_t low_municipality;
	char *low_survey;
	int low_year;
	double low_threshold;
	bool low_valid;
	/* the survey sets (survey, year, group): a grouped scan of every result */
	struct survey_set {
		char *survey, *group;
		int year;
		int64_t group_id, items;
	} *sets;
	size_t nsets, capsets;
	uint64_t sets_version;
	bool sets_valid;
};

void ui_cache_free(struct ui_cache *c)
{
	if (!c)
		return;
	free(c->letters.v);
	free(c->findings.v);
	free(c->low.v);
	free(c->low_survey);
	for (size_t i = 0; i < c->nsets; i++) {
		free(c->sets[i].survey);
		free(c->sets[i].group);
	}
	free(c->sets);
	free(c);
}

static int count_push(void *ctx, const struct gl_row *row)
{
	struct counts *c = ctx;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct count *v = realloc(c->v, cap * sizeof *v);
		if (!v)
			return 1;
		c->v = v;
		c->cap = cap;
	}
	struct count *e = &c->v[c->n++];
	e->school = row->values[0].type == GL_VAL_INT ? row->values[0].i : 0;
	e->group = row->ncols > 2 && row->values[1].type == GL_VAL_INT ? row->values[1].i : 0;
	e->n = row->values[row->ncols - 1].i;
	return 0;
}

static enum gl_status counts_load(struct gl_store *s, struct counts *c, const char *sql,
	const struct gl_ui_school_query *q, struct gl_error *err)
{
	c->n = 0;
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, sql, &st, err);
	if (ret != GL_OK)
		return ret;
	if (q) {
		db_bind_text(st, 1, q->survey ? q->survey : "");
		sqlite3_bind_int(st, 2, q->year);
		sqlite3_bind_double(st, 3, q->threshold);
	}
	ret = db_run_rows(s, st, count_push, c, err);
	sqlite3_finalize(st);
	if (ret == GL_ECANCELLED)
		ret = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	return ret;
}

/* The sum of the entries of school (any school when school < 0) and group (any when 0). */
static int64_t counts_sum(const struct counts *c, int64_t school, int64_t group)
{
	size_t lo = 0, hi = c->n;
	if (school >= 0) {  /* sorted by school: the first entry of this school */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (c->v[mid].school < school)
				lo = mid + 1;
			else
				hi = mid;
		}
		hi = c->n;
	}
	int64_t sum = 0;
	for (size_t i = lo; i < hi && (school < 0 || c->v[i].school == school); i++)
		if (!group || c->v[i].group == group)
			sum += c->v[i].n;
	return sum;
}

static enum gl_status ui_cache_get(struct gl_store *s, const struct gl_ui_school_query *q,
	struct ui_cache **out, struct gl_error *err)
{
	uint64_t version = db_data_version(s);
	struct ui_cache *c = s->ui_cache;
	if (!c && !(c = s->ui_cache = calloc(1, sizeof *c)))
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	enum gl_status ret = GL_OK;
	if (c->version != version || !c->letters.v) {
		c->low_valid = false;
		ret = counts_load(s, &c->letters, "SELECT school_id, group_id, count(*) FROM documents "
			"GROUP BY school_id, group_id ORDER BY school_id, group_id", NULL, err);
		if (ret == GL_OK)
			ret = counts_load(s, &c->findings, "SELECT ifnull(school_id, 0), count(*) FROM "
				"findings GROUP BY 1 ORDER BY 1", NULL, err);
	}
	const char *survey = q->survey ? q->survey : "";
	if (ret == GL_OK && !(c->low_valid && c->low_year == q->year &&
		c->low_threshold == q->threshold && c->low_survey && !strcmp(c->low_survey, survey))) {
		ret = counts_load(s, &c->low, "SELECT school_id, count(*) FROM survey_results "
			"WHERE survey = ?1 AND year = ?2 AND value < ?3 GROUP BY school_id ORDER BY school_id",
			q, err);
		struct counts m = { 0 };
		if (ret == GL_OK)
			ret = counts_load(s, &m, "SELECT count(*) FROM (SELECT avg(value) AS m FROM "
				"survey_results WHERE survey = ?1 AND year = ?2 GROUP BY group_id, item) "
				"WHERE m < ?3", q, err);
		c->low_municipality = m.n ? m.v[0].n : 0;
		free(m.v);
		free(c->low_survey);
		c->low_survey = strdup(survey);
		c->low_year = q->year;
		c->low_threshold = q->threshold;
		c->low_valid = ret == GL_OK && c->low_survey;
	}
	if (ret != GL_OK) {
		c->version = 0;
		c->letters.n = 0;
		return ret;
	}
	c->version = version;
	*out = c;
	return GL_OK;
}

/* One row of the pane: id, name, letters, g1..gn, low, findings. */
static int school_emit(struct ui_cache *c, const struct gl_ui_school_query *q, int64_t id,
	const char *name, gl_row_fn fn, void *ctx)
{
	enum { MAXCOLS = 64 };
	const char *names[MAXCOLS];
	struct gl_value vals[MAXCOLS];
	static const char *const gnames[] = { "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8",
		"g9", "g10", "g11", "g12", "g13", "g14", "g15", "g16" };
	size_t ng = q->ngroups < 16 ? q->ngroups : 16;
	int n = 0;
	int64_t school = id ? id : -1;
	memset(vals, 0, sizeof vals);
	names[n] = "id";
	vals[n].type = GL_VAL_INT;
	vals[n++].i = id;
	names[n] = "name";
	if (name) {
		vals[n].type = GL_VAL_TEXT;
		vals[n].s = name;
		vals[n].len = strlen(name);
	}
	n++;
	names[n] = "letters";
	vals[n].type = GL_VAL_INT;
	vals[n++].i = counts_sum(&c->letters, school, 0);
	for (size_t g = 0; g < ng; g++) {
		names[n] = gnames[g];
		vals[n].type = GL_VAL_INT;
		vals[n++].i = counts_sum(&c->letters, school, q->group_ids[g]);
	}
	names[n] = "low";
	vals[n].type = GL_VAL_INT;
	vals[n++].i = !q->survey ? 0 : id ? counts_sum(&c->low, id, 0) : c->low_municipality;
	names[n] = "findings";
	vals[n].type = GL_VAL_INT;
	vals[n++].i = counts_sum(&c->findings, id, 0);
	for (int i = 0; i < n; i++)
		if (vals[i].type == GL_VAL_INT)
			vals[i].r = (double)vals[i].i;
	struct gl_row row = { n, names, vals };
	return fn(ctx, &row);
}

struct school_page {
	struct ui_cache *c;
	const struct gl_ui_school_query *q;
	gl_row_fn fn;
	void *ctx;
};

static int school_page_row(void *ctx, const struct gl_row *row)
{
	struct school_page *p = ctx;
	return school_emit(p->c, p->q, row->values[0].i, row->values[1].s, p->fn, p->ctx);
}

enum gl_status gl_store_ui_schools(struct gl_store *s, const struct gl_ui_school_query *q,
	int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	struct ui_cache *c;
	enum gl_status ret = ui_cache_get(s, q, &c, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_prepare(s, "SELECT id, name FROM schools ORDER BY name_key, id LIMIT ? OFFSET ?",
		&st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	sqlite3_bind_int64(st, 2, offset > 0 ? offset : 0);
	struct school_page page = { c, q, fn, ctx };
	ret = db_run_rows(s, st, school_page_row, &page, err);
	sqlite3_finalize(st);
	return ret;
}

enum gl_status gl_store_ui_municipality(struct gl_store *s, const struct gl_ui_school_query *q,
	gl_row_fn fn, void *ctx, struct gl_error *err)
{
	struct ui_cache *c;
	enum gl_status ret = ui_cache_get(s, q, &c, err);
	if (ret == GL_OK && school_emit(c, q, 0, NULL, fn, ctx) != 0)
		ret = GL_ECANCELLED;
	return ret;
}

static int set_push(void *ctx, const struct gl_row *row)
{
	struct ui_cache *c = ctx;
	if (c->nsets == c->capsets) {
		size_t cap = c->capsets ? c->capsets * 2 : 16;
		struct survey_set *v = realloc(c->sets, cap * sizeof *v);
		if (!v)
			return 1;
		c->sets = v;
		c->capsets = cap;
	}
	struct survey_set *e = &c->sets[c->nsets];
	e->survey = strdup(row->values[0].s ? row->values[0].s : "");
	e->group = strdup(row->values[3].s ? row->values[3].s : "");
	if (!e->survey || !e->group) {
		free(e->survey);
		free(e->group);
		return 1;
	}
	e->year = (int)row->values[1].i;
	e->group_id = row->values[2].i;
	e->items = row->values[4].i;
	c->nsets++;
	return 0;
}

/* Kept until the project changes, like the schools pane's counts: it scans every result. */
enum gl_status gl_store_ui_survey_sets(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	struct ui_cache *c = s->ui_cache;
	if (!c && !(c = s->ui_cache = calloc(1, sizeof *c)))
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	uint64_t version = db_data_version(s);
	enum gl_status ret = GL_OK;
	if (!c->sets_valid || c->sets_version != version) {
		for (size_t i = 0; i < c->nsets; i++) {
			free(c->sets[i].survey);
			free(c->sets[i].group);
		}
		c->nsets = 0;
		c->sets_valid = false;
		sqlite3_stmt *st;
		ret = db_prepare(s, "SELECT v.survey, v.year, v.group_id, g.name_sv AS "
			"\"group\", count(DISTINCT v.item) AS items FROM survey_results v JOIN groups g ON "
			"g.id = v.group_id GROUP BY v.survey, v.year, v.group_id "
			"ORDER BY v.year DESC, v.survey, g.sort, g.id", &st, err);
		if (ret != GL_OK)
			return ret;
		ret = db_run_rows(s, st, set_push, c, err);
		sqlite3_finalize(st);
		if (ret == GL_ECANCELLED)
			ret = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		if (ret != GL_OK)
			return ret;
		c->sets_valid = true;
		c->sets_version = version;
	}
	static const char *const names[] = { "survey", "year", "group_id", "group", "items" };
	for (size_t i = 0; i < c->nsets; i++) {
		const struct survey_set *e = &c->sets[i];
		struct gl_value v[5] = {
			{ GL_VAL_TEXT, 0, 0, e->survey, strlen(e->survey) },
			{ GL_VAL_INT, e->year, e->year, NULL, 0 },
			{ GL_VAL_INT, e->group_id, (double)e->group_id, NULL, 0 },
			{ GL_VAL_TEXT, 0, 0, e->group, strlen(e->group) },
			{ GL_VAL_INT, e->items, (double)e->items, NULL, 0 },
		};
		struct gl_row row = { 5, names, v };
		if (fn(ctx, &row) != 0)
			return GL_ECANCELLED;
	}
	return GL_OK;
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
