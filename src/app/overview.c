/* The Schools pane's numbers and the survey sets, kept until the project changes.
 *
 * Counting letters per school and group with a subquery a cell cost 25-30 ms per reload at
 * region scale (500 schools, 100,000 letters); the pane reloads on every filter change. The
 * counts are taken with three grouped queries instead (queries.h) and kept until the data
 * version moves (this connection's commits, or another program's).
 *
 * This is the interface's cache: the app owns it (gl_app.overview), and it uses only the
 * public store API. */
#include "genomlys/overview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/queries.h"

struct count {
	int64_t school;  /* 0: no school (findings about the municipality) */
	int64_t group;
	int64_t n;
};

struct counts {
	struct count *v;
	size_t n, cap;
};

struct survey_set {
	char *survey, *group;
	int year;
	int64_t group_id, items;
};

struct gl_overview {
	struct gl_store *store;
	uint64_t version;
	bool counts_valid;
	struct counts letters;   /* per (school, group), sorted */
	struct counts findings;  /* per school, sorted */
	/* results below the threshold: per school, and the municipality's items */
	struct counts low;
	char *low_survey;
	int low_year;
	double low_threshold;
	bool low_valid;
	/* the survey sets (survey, year, group): a grouped scan of every result */
	struct survey_set *sets;
	size_t nsets, capsets;
	uint64_t sets_version;
	bool sets_valid;
};

static void sets_clear(struct gl_overview *c)
{
	for (size_t i = 0; i < c->nsets; i++) {
		free(c->sets[i].survey);
		free(c->sets[i].group);
	}
	c->nsets = 0;
}

struct gl_overview *gl_overview_create(struct gl_store *s)
{
	struct gl_overview *c = calloc(1, sizeof *c);
	if (c)
		c->store = s;
	return c;
}

void gl_overview_destroy(struct gl_overview *c)
{
	if (!c)
		return;
	free(c->letters.v);
	free(c->findings.v);
	free(c->low.v);
	free(c->low_survey);
	sets_clear(c);
	free(c->sets);
	free(c);
}

/* Rows (school, [group,] n) in order. */
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

/* A callback that stopped could only have run out of memory. */
static enum gl_status loaded(enum gl_status ret, struct gl_error *err)
{
	if (ret == GL_ECANCELLED)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
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

static enum gl_status counts_get(struct gl_overview *c, const struct gl_overview_query *q,
	struct gl_error *err)
{
	struct gl_store *s = c->store;
	uint64_t version = gl_store_data_version(s);
	enum gl_status ret = GL_OK;
	if (c->version != version || !c->counts_valid) {
		c->counts_valid = c->low_valid = false;
		c->letters.n = c->findings.n = 0;
		ret = loaded(gl_query_letter_counts(s, count_push, &c->letters, err), err);
		if (ret == GL_OK)
			ret = loaded(gl_query_finding_counts(s, count_push, &c->findings, err), err);
	}
	const char *survey = q->survey ? q->survey : "";
	if (ret == GL_OK && !(c->low_valid && c->low_year == q->year &&
		c->low_threshold == q->threshold && c->low_survey && !strcmp(c->low_survey, survey))) {
		c->low.n = 0;
		ret = loaded(gl_query_low_counts(s, survey, q->year, q->threshold, count_push, &c->low,
			err), err);
		free(c->low_survey);
		c->low_survey = strdup(survey);
		c->low_year = q->year;
		c->low_threshold = q->threshold;
		c->low_valid = ret == GL_OK && c->low_survey;
	}
	if (ret != GL_OK)
		return ret;
	c->version = version;
	c->counts_valid = true;
	return GL_OK;
}

/* One row of the pane: id, name, letters, g1..gn, low, findings. */
static int school_emit(struct gl_overview *c, const struct gl_overview_query *q, int64_t id,
	const char *name, gl_row_fn fn, void *ctx)
{
	size_t ncols = 5 + q->ngroups;
	const char **names = calloc(ncols, sizeof *names);
	struct gl_value *vals = calloc(ncols, sizeof *vals);
	char *gnames = calloc(q->ngroups ? q->ngroups : 1, 24);
	int stop = 1;  /* out of memory stops the listing */
	if (!names || !vals || !gnames)
		goto out;
	int n = 0;
	int64_t school = id ? id : -1;
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
	for (size_t g = 0; g < q->ngroups; g++) {
		snprintf(gnames + 24 * g, 24, "g%zu", g + 1);
		names[n] = gnames + 24 * g;
		vals[n].type = GL_VAL_INT;
		vals[n++].i = counts_sum(&c->letters, school, q->group_ids[g]);
	}
	names[n] = "low";
	vals[n].type = GL_VAL_INT;
	/* the municipality's results below the threshold are all its schools' (the column means
	 * the same in every row) */
	vals[n++].i = !q->survey ? 0 : counts_sum(&c->low, school, 0);
	names[n] = "findings";
	vals[n].type = GL_VAL_INT;
	vals[n++].i = counts_sum(&c->findings, id, 0);
	for (int i = 0; i < n; i++)
		if (vals[i].type == GL_VAL_INT)
			vals[i].r = (double)vals[i].i;
	struct gl_row row = { n, names, vals };
	stop = fn(ctx, &row);
out:
	free(names);
	free(vals);
	free(gnames);
	return stop;
}

struct school_page {
	struct gl_overview *c;
	const struct gl_overview_query *q;
	gl_row_fn fn;
	void *ctx;
};

static int school_page_row(void *ctx, const struct gl_row *row)
{
	struct school_page *p = ctx;
	return school_emit(p->c, p->q, row->values[0].i, row->values[1].s, p->fn, p->ctx);
}

enum gl_status gl_overview_schools(struct gl_overview *c, const struct gl_overview_query *q,
	int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	enum gl_status ret = counts_get(c, q, err);
	if (ret != GL_OK)
		return ret;
	struct school_page page = { c, q, fn, ctx };
	return gl_query_school_names(c->store, offset, limit, school_page_row, &page, err);
}

enum gl_status gl_overview_municipality(struct gl_overview *c,
	const struct gl_overview_query *q, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	enum gl_status ret = counts_get(c, q, err);
	if (ret == GL_OK && school_emit(c, q, 0, NULL, fn, ctx) != 0)
		ret = GL_ECANCELLED;
	return ret;
}

static int set_push(void *ctx, const struct gl_row *row)
{
	struct gl_overview *c = ctx;
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

enum gl_status gl_overview_survey_sets(struct gl_overview *c, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	struct gl_store *s = c->store;
	uint64_t version = gl_store_data_version(s);
	if (!c->sets_valid || c->sets_version != version) {
		sets_clear(c);
		c->sets_valid = false;
		enum gl_status ret = loaded(gl_query_survey_sets(s, set_push, c, err), err);
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
