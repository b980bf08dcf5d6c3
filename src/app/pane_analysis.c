/* The Analysis pane (key 6): code frequencies by school or respondent group with heat shading,
 * intercoder agreement worst first, and suggested findings for the school in the filter. The
 * figures come from stats.h and are computed once per data version, not per key: on a worker
 * thread (gl_store_job, its own connection), so that the interface goes on meanwhile ("Computing
 * …" in the table) and the figure shows by itself when it is in (analysis_poll). A small project
 * (fewer codings than GENOMLYS_ANALYSIS_SYNC, default ANALYSIS_SYNC_CODINGS) computes at once. */
#include "genomlys/app.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/app_compare.h"
#include "genomlys/i18n.h"
#include "genomlys/queries.h"
#include "genomlys/stats.h"
#include "app_internal.h"

enum view { V_MATRIX, V_AGREEMENT, V_SUGGEST, NVIEWS };
#define BY_WITHIN 2   /* the third matrix: schools x respondent groups within one code */

#define MAX_CODERS 64

/* Below this many codings the figures are computed at once on the interface's thread (a few
 * milliseconds; the demo, the tests); GENOMLYS_ANALYSIS_SYNC=N sets another bound (0: always on
 * the worker). At region scale (1,000,000 codings) a matrix takes 0.2-0.3 s, the agreement 0.5 s. */
#define ANALYSIS_SYNC_CODINGS 10000

/* A figure computed on the worker: what, for which filter, and the result (moved into the
 * pane's caches when it is in and still wanted). */
enum job_what { J_MATRIX, J_WITHIN, J_AGREE, J_SUGG };

struct an_job {
	enum job_what what;
	int by;                       /* J_MATRIX: GL_STATS_BY_SCHOOL or GL_STATS_BY_GROUP */
	int64_t school_id;            /* J_SUGG: the school, survey, year and threshold */
	char *survey;
	int year;
	double threshold;
	int64_t coders[MAX_CODERS];   /* the filter's coders (J_AGREE: the coders compared) */
	size_t ncoders;
	int kind;
	uint64_t version;             /* the data version it was started at */
	bool done;                    /* the result (or st) is in */
	enum gl_status st;
	struct gl_error err;
	struct gl_stats_matrix matrix;
	struct gl_stats_matrix *within_all;
	int64_t *within_ids;
	size_t nwithin;
	struct gl_stats_agreement agree;
	struct gl_stats_profile profile;
	struct suggestion *sugg;
	size_t nsugg, sugg_cap;
};

/* A suggested finding: a survey value below the threshold, or a code over-represented in the
 * school's letters. */
struct suggestion {
	bool survey;
	char *title;
	char *evidence;
	int64_t survey_result_id;
	int64_t code_id;
	int64_t used;          /* a finding of the school it is already part of (0: none) */
	char *used_title;
};

struct analysis {
	struct gl_table table;
	struct gl_detail detail;
	enum view view;
	int by;             /* GL_STATS_BY_SCHOOL, GL_STATS_BY_GROUP, or BY_WITHIN */
	enum gl_stats_measure measure;
	int64_t within;     /* BY_WITHIN: schools x groups within this code */
	char *within_name;
	int64_t within_seen;  /* the code of the cached BY_WITHIN matrix */
	/* caches, valid for one data version (and, for the suggestions, one school) */
	uint64_t version;
	bool valid;
	bool have_matrix[3];
	struct gl_stats_matrix matrix[3];  /* [BY_WITHIN] is one of within_all's (not owned) */
	struct gl_stats_matrix *within_all;  /* schools x groups within every code, one pass */
	int64_t *within_ids;
	size_t nwithin;
	bool have_within_all;
	double heat_max[3][3][2];  /* by, measure, category rows (1) or codes (0) */
	bool have_agree;
	enum gl_status agree_status;
	struct gl_stats_agreement agree;
	int64_t coders[MAX_CODERS];
	char *coder_name[MAX_CODERS];
	size_t ncoders;
	/* the coders chosen with :agreement (none: every coder who has read a letter) */
	int64_t chosen[MAX_CODERS];
	size_t nchosen;
	struct gl_str coder_names;
	bool have_sugg;
	int64_t sugg_school;     /* the school, survey, year and threshold they are for */
	char *sugg_survey;
	int sugg_year;
	double sugg_threshold;
	struct suggestion *sugg;
	size_t nsugg, sugg_cap;
	bool transpose;        /* the matrix with codes as columns */
	int kind;              /* 0: every kind of document, else kinds[kind - 1] */
	/* the coders whose codings the matrices and suggestions count (:coders; none: all) */
	int64_t filter_coders[MAX_CODERS];
	size_t nfilter_coders;
	struct gl_str filter_names;
	size_t detail_sugg;    /* the suggestion shown in the detail view (SIZE_MAX: none) */
	int64_t detail_code;   /* the agreement drill-down's code (0: another drill-down) */
	char *detail_code_name;
	struct gl_stats_agree_letter *drill;  /* its letters, most disagreement first */
	size_t ndrill;
	struct gl_detail cmp;  /* one of them side by side (its lines laid out by the UI's width) */
	struct gl_compare compare;
	/* the figure being computed (or just computed) on the worker; job NULL once it is in */
	struct an_job *jd;
	struct gl_store_job *job;
};

static const char *const doc_kinds[3] = { "letter", "survey_text", "inspection" };

static const char *kind_of(const struct analysis *an)
{
	return an->kind > 0 && an->kind <= 3 ? doc_kinds[an->kind - 1] : NULL;
}

static const char *kind_word(int kind)
{
	return kind == 1 ? _("letters") : kind == 2 ? _("survey texts") : kind == 3 ?
		_("inspections") : _("every kind of document");
}

/* What a row of the table carries. */
struct an_row {
	size_t index;     /* matrix row, agreement code or category, or suggestion */
	bool category;    /* an exclusive category (agreement) */
};

static void sugg_clear(struct analysis *an)
{
	for (size_t i = 0; i < an->nsugg; i++) {
		free(an->sugg[i].title);
		free(an->sugg[i].evidence);
		free(an->sugg[i].used_title);
	}
	an->nsugg = 0;
	an->have_sugg = false;
}

static const char *kind_of_int(int kind)
{
	return kind > 0 && kind <= 3 ? doc_kinds[kind - 1] : NULL;
}

static enum gl_status sugg_run(struct gl_store *s, struct an_job *j, struct gl_error *err);

/* The worker's figure (its thread on the project's path, no gl_app, no curses). */
static enum gl_status job_run(struct gl_store *s, void *ctx, struct gl_error *err)
{
	struct an_job *j = ctx;
	struct gl_query_stats_filter f = { j->ncoders ? j->coders : NULL, j->ncoders,
		kind_of_int(j->kind), 0, false };
	switch (j->what) {
	case J_MATRIX:
		return gl_stats_code_matrix(s, (enum gl_stats_by)j->by, &f, &j->matrix, err);
	case J_WITHIN:
		return gl_stats_school_group_all(s, &f, &j->within_all, &j->within_ids, &j->nwithin,
			err);
	case J_AGREE:
		return gl_stats_agreement(s, &f, 0, &j->agree, err);
	case J_SUGG:
		return sugg_run(s, j, err);
	}
	return GL_EINVAL;
}

/* Stops the worker, if one runs (its answer is not wanted), and drops what it left. */
static void job_clear(struct analysis *an)
{
	if (an->job) {
		gl_store_job_cancel(an->job);
		gl_store_job_finish(an->job, NULL);
		an->job = NULL;
	}
	struct an_job *j = an->jd;
	if (!j)
		return;
	/* What was not moved into the caches (moving empties the job's copy). Whatever the
	 * status: a worker stopped after its function had finished reports GL_ECANCELLED but
	 * holds the figure all the same (a failed function leaves its outputs empty). */
	gl_stats_matrix_finish(&j->matrix);
	for (size_t i = 0; i < j->nwithin; i++)
		gl_stats_matrix_finish(&j->within_all[i]);
	free(j->within_all);
	free(j->within_ids);
	gl_stats_agreement_finish(&j->agree);
	gl_stats_profile_finish(&j->profile);
	for (size_t i = 0; i < j->nsugg; i++) {
		free(j->sugg[i].title);
		free(j->sugg[i].evidence);
		free(j->sugg[i].used_title);
	}
	free(j->sugg);
	free(j->survey);
	free(j);
	an->jd = NULL;
}

enum job_state { JOB_READY, JOB_PENDING, JOB_FAILED };

/* Where job j stands; its error in err when it failed. */
static enum job_state job_state(const struct an_job *j, struct gl_error *err)
{
	if (!j->done)
		return JOB_PENDING;
	if (j->st == GL_OK)
		return JOB_READY;
	if (err)
		*err = j->err;
	return JOB_FAILED;
}

/* The figure want describes (what, by, school, coders, kind): JOB_READY when it is in an->jd
 * (computed at once in a small project), JOB_PENDING while the worker computes it (started
 * here unless it runs already), JOB_FAILED with its error in err. */
static enum job_state job_want(struct gl_pane *p, const struct an_job *want,
	struct gl_error *err)
{
	struct gl_app *a = p->app;
	struct analysis *an = p->priv;
	uint64_t v = gl_store_data_version(a->store);
	struct an_job *j = an->jd;
	if (j && j->version == v && j->what == want->what && j->by == want->by &&
		j->school_id == want->school_id && j->kind == want->kind &&
		j->year == want->year && j->threshold == want->threshold &&
		(j->survey ? want->survey && !strcmp(j->survey, want->survey) : !want->survey) &&
		j->ncoders == want->ncoders && !memcmp(j->coders, want->coders,
		want->ncoders * sizeof want->coders[0])) {
		return job_state(j, err);
	}
	job_clear(an);
	j = calloc(1, sizeof *j);
	if (!j) {
		gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		return JOB_FAILED;
	}
	j->what = want->what;
	j->by = want->by;
	j->school_id = want->school_id;
	j->survey = want->survey ? gl_strdup(want->survey) : NULL;
	j->year = want->year;
	j->threshold = want->threshold;
	j->kind = want->kind;
	j->ncoders = want->ncoders;
	memcpy(j->coders, want->coders, want->ncoders * sizeof want->coders[0]);
	j->version = v;
	an->jd = j;
	int64_t codings = 0;
	if (gl_store_codings_total(a->store, &codings, NULL) != GL_OK ||
		codings < app_sync_limit("GENOMLYS_ANALYSIS_SYNC", ANALYSIS_SYNC_CODINGS)) {
		/* a small project: at once, as the worker would */
		j->st = job_run(a->store, j, &j->err);
		j->done = true;
	} else if ((j->st = gl_store_job_start(gl_store_path(a->store), job_run, j, &an->job,
		&j->err)) != GL_OK) {
		an->job = NULL;
		j->done = true;
	}
	return job_state(j, err);
}

/* The filter's coders and kind into a job's description. */
static void job_filter(const struct analysis *an, struct an_job *w)
{
	memcpy(w->coders, an->filter_coders, an->nfilter_coders * sizeof an->filter_coders[0]);
	w->ncoders = an->nfilter_coders;
	w->kind = an->kind;
}

static void caches_drop(struct analysis *an)
{
	job_clear(an);
	for (int i = 0; i < 3; i++) {
		if (an->have_matrix[i] && i != BY_WITHIN)
			gl_stats_matrix_finish(&an->matrix[i]);
		memset(&an->matrix[i], 0, sizeof an->matrix[i]);
		an->have_matrix[i] = false;
	}
	for (size_t i = 0; i < an->nwithin; i++)
		gl_stats_matrix_finish(&an->within_all[i]);
	free(an->within_all);
	free(an->within_ids);
	an->within_all = NULL;
	an->within_ids = NULL;
	an->nwithin = 0;
	an->have_within_all = false;
	if (an->have_agree && an->agree_status == GL_OK)
		gl_stats_agreement_finish(&an->agree);
	an->have_agree = false;
	sugg_clear(an);
}

/* ---- computing (once per data version) ---- */

static void heat_scale(struct analysis *an, int by)
{
	const struct gl_stats_matrix *m = &an->matrix[by];
	/* categories add up their codes: they are shaded against each other, codes likewise */
	for (int k = 0; k < 3; k++) {
		double max[2] = { 0, 0 };
		for (size_t r = 0; r < m->nrows; r++)
			for (size_t c = 0; c < m->ncols; c++) {
				double v = gl_stats_cell(m, (enum gl_stats_measure)k, r, c);
				int cat = m->rows[r].category;
				if (!isnan(v) && v > max[cat])
					max[cat] = v;
			}
		an->heat_max[by][k][0] = max[0];
		an->heat_max[by][k][1] = max[1];
	}
}

/* The matrix of an->by: GL_OK with have_matrix[by] set, or *pending while the worker computes
 * it. */
static enum gl_status need_matrix(struct gl_pane *p, struct analysis *an, bool *pending,
	struct gl_error *err)
{
	int by = an->by;
	*pending = false;
	if (an->have_matrix[by] && (by != BY_WITHIN || an->within_seen == an->within))
		return GL_OK;
	if (an->have_matrix[by] && by != BY_WITHIN)
		gl_stats_matrix_finish(&an->matrix[by]);
	an->have_matrix[by] = false;
	enum gl_status st = GL_OK;
	struct an_job want = { .what = by == BY_WITHIN ? J_WITHIN : J_MATRIX,
		.by = by == BY_WITHIN ? 0 : by };
	job_filter(an, &want);
	if (by != BY_WITHIN || !an->have_within_all) {
		enum job_state js = job_want(p, &want, err);
		if (js == JOB_PENDING) {
			*pending = true;
			return GL_OK;
		}
		if (js == JOB_FAILED)
			return an->jd ? an->jd->st : GL_ENOMEM;
	}
	if (by == BY_WITHIN) {
		/* every code's at once: moving to another code reads, it does not compute */
		if (!an->have_within_all) {
			an->within_all = an->jd->within_all;
			an->within_ids = an->jd->within_ids;
			an->nwithin = an->jd->nwithin;
			an->jd->within_all = NULL;
			an->jd->within_ids = NULL;
			an->jd->nwithin = 0;
			job_clear(an);
			an->have_within_all = true;
		}
		size_t i = 0;
		while (st == GL_OK && i < an->nwithin && an->within_ids[i] != an->within)
			i++;
		if (st == GL_OK && i == an->nwithin)
			st = gl_error_set(err, GL_ENOTFOUND, "%s", _("the code is not in the codebook, "
				"or it classifies whole letters"));
		if (st == GL_OK)
			an->matrix[by] = an->within_all[i];
	} else {
		an->matrix[by] = an->jd->matrix;
		memset(&an->jd->matrix, 0, sizeof an->jd->matrix);
		job_clear(an);
	}
	an->within_seen = an->within;
	if (st == GL_OK) {
		an->have_matrix[by] = true;
		heat_scale(an, by);
	}
	return st;
}

/* rows: coder_id, coder, read, letters: every coder who has read a letter */
static int coder_row(void *ctx, const struct gl_row *row)
{
	struct analysis *an = ctx;
	if (row->values[2].i > 0 && an->ncoders < MAX_CODERS) {
		free(an->coder_name[an->ncoders]);
		an->coder_name[an->ncoders] = gl_strdup(row->values[1].type == GL_VAL_TEXT ?
			row->values[1].s : "?");
		an->coders[an->ncoders++] = row->values[0].i;
		gl_str_printf(&an->coder_names, "%s%s", an->coder_names.len ? ", " : "",
			row->values[1].type == GL_VAL_TEXT ? row->values[1].s : "?");
	}
	return 0;
}

/* The agreement of the chosen coders (or of every coder who has read a letter): have_agree set
 * with agree_status, or *pending while the worker computes it. */
static void need_agreement(struct gl_pane *p, struct analysis *an, bool *pending)
{
	struct gl_app *a = p->app;
	*pending = false;
	if (an->have_agree)
		return;
	an->ncoders = 0;
	gl_str_clear(&an->coder_names);
	struct gl_error err = { 0 };
	an->agree_status = gl_query_read_progress(a->store, coder_row, an, &err);
	if (an->agree_status == GL_OK && an->nchosen) {
		/* keep the chosen ones, in the order of the progress list (Swedish order) */
		size_t k = 0;
		gl_str_clear(&an->coder_names);
		for (size_t i = 0; i < an->ncoders; i++) {
			bool chosen = false;
			for (size_t j = 0; j < an->nchosen; j++)
				chosen |= an->chosen[j] == an->coders[i];
			if (!chosen) {
				free(an->coder_name[i]);
				an->coder_name[i] = NULL;
				continue;
			}
			an->coders[k] = an->coders[i];
			an->coder_name[k] = an->coder_name[i];
			if (k != i)
				an->coder_name[i] = NULL;
			gl_str_printf(&an->coder_names, "%s%s", k ? ", " : "", an->coder_name[k]);
			k++;
		}
		an->ncoders = k;
		if (k < an->nchosen)  /* a chosen coder has read nothing */
			an->agree_status = GL_ENOTFOUND;
	}
	if (an->agree_status == GL_OK && an->ncoders < 2)
		an->agree_status = GL_EINVAL;
	if (an->agree_status == GL_OK) {
		struct an_job want = { .what = J_AGREE, .kind = an->kind, .ncoders = an->ncoders };
		memcpy(want.coders, an->coders, an->ncoders * sizeof an->coders[0]);
		enum job_state js = job_want(p, &want, &err);
		if (js == JOB_PENDING) {
			*pending = true;
			return;
		}
		an->agree_status = an->jd ? an->jd->st : GL_ENOMEM;
		if (js == JOB_READY) {
			an->agree = an->jd->agree;
			memset(&an->jd->agree, 0, sizeof an->jd->agree);
		}
		job_clear(an);
	}
	an->have_agree = true;
}

static struct suggestion *sugg_add(struct an_job *j)
{
	if (j->nsugg == j->sugg_cap) {
		size_t cap = j->sugg_cap ? j->sugg_cap * 2 : 16;
		struct suggestion *p = realloc(j->sugg, cap * sizeof *p);
		if (!p)
			return NULL;
		j->sugg = p;
		j->sugg_cap = cap;
	}
	struct suggestion *s = &j->sugg[j->nsugg++];
	memset(s, 0, sizeof *s);
	return s;
}

struct school_results {
	struct gl_store *s;
	struct an_job *j;
};

/* rows: item, group_id, group, value, n, mean */
static int result_row(void *ctx, const struct gl_row *row)
{
	struct school_results *sr = ctx;
	struct an_job *j = sr->j;
	const struct gl_value *v = row->values;
	double value = v[3].type == GL_VAL_INT ? (double)v[3].i : v[3].r;
	double mean = v[5].type == GL_VAL_INT ? (double)v[5].i : v[5].r;
	if (v[3].type == GL_VAL_NULL || !(value < j->threshold))
		return 0;
	struct suggestion *s = sugg_add(j);
	if (!s)
		return 1;
	s->survey = true;
	char val[32], mn[32], th[32];
	app_format_value(value, val, sizeof val);
	app_format_value(mean, mn, sizeof mn);
	app_format_value(j->threshold, th, sizeof th);
	struct gl_str t = GL_STR_INIT;
	gl_str_printf(&t, _("%s (%s): %s, below %s"), v[0].s, v[2].type == GL_VAL_TEXT ? v[2].s :
		"", val, th);
	s->title = gl_str_steal(&t);
	if (v[5].type == GL_VAL_NULL)  /* no mean over schools when one school has a value */
		gl_str_printf(&t, _("%s %d: %s; the only school with a value"), j->survey ? j->survey
			: "", j->year, val);
	else
		gl_str_printf(&t, _("%s %d: %s; municipal mean %s"), j->survey ? j->survey : "",
			j->year, val, mn);
	s->evidence = gl_str_steal(&t);
	struct gl_survey_result r = { j->school_id, j->survey, j->year, v[1].i, v[0].s, value,
		-1 };
	gl_store_survey_find(sr->s, &r, &s->survey_result_id, NULL);
	return 0;
}

/* rows: id, title of the finding a suggestion is already part of */
static int used_row(void *ctx, const struct gl_row *row)
{
	struct suggestion *x = ctx;
	x->used = row->values[0].i;
	free(x->used_title);
	x->used_title = gl_strdup(row->values[1].type == GL_VAL_TEXT ? row->values[1].s : "");
	return 0;
}

/* On the worker: the suggestions for j->school_id (its survey values below the threshold, the
 * codes over-represented in its letters), each with the finding it is already part of. */
static enum gl_status sugg_run(struct gl_store *s, struct an_job *j, struct gl_error *err)
{
	struct school_results sr = { s, j };
	enum gl_status st = GL_OK;
	if (j->survey)
		st = gl_query_school_results(s, j->school_id, j->survey, j->year, result_row, &sr,
			err);
	if (st != GL_OK)
		return st;
	struct gl_query_stats_filter f = { j->ncoders ? j->coders : NULL, j->ncoders,
		kind_of_int(j->kind), 0, false };
	struct gl_stats_profile *pr = &j->profile;
	if ((st = gl_stats_profile(s, j->school_id, &f, pr, err)) != GL_OK)
		return st;
	for (size_t i = 0; i < pr->n; i++) {
		const struct gl_stats_profile_row *x = &pr->rows[i];
		if (!x->test.defined || x->test.z < GL_STATS_Z || x->category)
			continue;
		struct suggestion *g = sugg_add(j);
		if (!g)
			break;
		g->code_id = x->code_id;
		struct gl_str t = GL_STR_INIT;
		const char *name = pr->matrix.rows[x->row].short_name;
		gl_str_printf(&t, _("%s: raised in %lld of %lld letters"), name,
			(long long)x->letters, (long long)x->school_letters);
		g->title = gl_str_steal(&t);
		char z[64];  /* with the interface language's separator, as the values above */
		snprintf(z, sizeof z, "%.2f", x->test.z);
		char *dot = strpbrk(z, ".,");
		if (dot && strlen(app_decimal_separator()) == 1)
			*dot = app_decimal_separator()[0];
		gl_str_printf(&t, _("other schools %lld of %lld; z = %s%s"), (long long)x->other_with,
			(long long)x->other_letters, z, x->test.small_counts ?
			_(" (small counts)") : "");
		g->evidence = gl_str_steal(&t);
	}
	gl_stats_profile_finish(pr);
	for (size_t i = 0; i < j->nsugg; i++) {
		struct suggestion *x = &j->sugg[i];
		if ((st = gl_query_suggestion_used(s, j->school_id, x->survey_result_id,
			x->code_id, x->title, used_row, x, err)) != GL_OK)
			return st;
	}
	return GL_OK;
}

/* The suggestions for the school in the filter: GL_OK with have_sugg set, or *pending while the
 * worker computes them. */
static enum gl_status need_suggestions(struct gl_pane *p, struct analysis *an, bool *pending,
	struct gl_error *err)
{
	struct gl_app *a = p->app;
	*pending = false;
	bool same_survey = (!an->sugg_survey && !a->survey) || (an->sugg_survey && a->survey &&
		!strcmp(an->sugg_survey, a->survey));
	if (an->have_sugg && an->sugg_school == a->school_id && same_survey &&
		an->sugg_year == a->year && an->sugg_threshold == a->threshold)
		return GL_OK;
	sugg_clear(an);
	enum gl_status st = GL_OK;
	if (a->school_id > 0) {
		struct an_job want = { .what = J_SUGG, .school_id = a->school_id,
			.survey = a->survey, .year = a->year, .threshold = a->threshold };
		job_filter(an, &want);
		enum job_state js = job_want(p, &want, err);
		if (js == JOB_PENDING) {
			*pending = true;
			return GL_OK;
		}
		if (js == JOB_READY) {
			free(an->sugg);
			an->sugg = an->jd->sugg;
			an->nsugg = an->jd->nsugg;
			an->sugg_cap = an->jd->sugg_cap;
			an->jd->sugg = NULL;
			an->jd->nsugg = an->jd->sugg_cap = 0;
		} else {
			st = an->jd ? an->jd->st : GL_ENOMEM;
		}
		job_clear(an);
	}
	an->sugg_school = a->school_id;
	free(an->sugg_survey);
	an->sugg_survey = a->survey ? gl_strdup(a->survey) : NULL;
	an->sugg_year = a->year;
	an->sugg_threshold = a->threshold;
	an->have_sugg = true;
	return st;
}

/* ---- the table ---- */

static const char *const glyphs[5] = { " ", "░", "▒", "▓", "█" };

static int heat_level(double v, double max)
{
	if (isnan(v) || v <= 0 || max <= 0)
		return 0;
	double x = v / max;
	return x > 0.75 ? 4 : x > 0.5 ? 3 : x > 0.25 ? 2 : 1;
}

static void matrix_cell(struct analysis *an, struct gl_table *t, struct gl_trow *r, int col,
	size_t row, size_t c)
{
	const struct gl_stats_matrix *m = &an->matrix[an->by];
	double v = gl_stats_cell(m, an->measure, row, c);
	int level = c < m->ncols ? heat_level(v,
		an->heat_max[an->by][an->measure][m->rows[row].category]) : 0;
	static const unsigned char styles[5] = { 0, GL_CELL_HEAT1, GL_CELL_HEAT2, GL_CELL_HEAT3,
		GL_CELL_HEAT4 };
	if (isnan(v))
		gl_table_cell(t, r, col, "–", GL_CELL_DIM);
	else if (an->measure == GL_STATS_SHARE)
		gl_table_cellf(t, r, col, styles[level], "%.0f%% %s", v * 100, glyphs[level]);
	else
		gl_table_cellf(t, r, col, v == 0 ? GL_CELL_DIM : styles[level], "%.0f %s", v,
			glyphs[level]);
}

/* v with the given decimals and the interface language's separator ("0,491" in Swedish) */
static const char *decimal(char *buf, size_t size, int decimals, double v)
{
	snprintf(buf, size, "%.*f", decimals, v);
	char *dot = strpbrk(buf, ".,");
	const char *sep = app_decimal_separator();
	if (dot && strlen(sep) == 1)
		*dot = sep[0];
	return buf;
}

static void fmt_fig(struct gl_table *t, struct gl_trow *r, int col, double v, bool defined)
{
	char buf[64];
	if (!defined || isnan(v))
		gl_table_cell(t, r, col, "–", GL_CELL_DIM);
	else
		gl_table_cell(t, r, col, decimal(buf, sizeof buf, 3, v), 0);
}

static enum gl_status analysis_fetch(void *ctx, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err)
{
	struct gl_pane *p = ctx;
	struct analysis *an = p->priv;
	(void)err;
	for (int64_t i = offset; i < offset + limit && i < t->nrows; i++) {
		struct gl_trow *r = gl_table_append(t, i, 0);
		struct an_row *d = gl_table_row_data(t, r, sizeof *d);
		if (!r || !d)
			return GL_ENOMEM;
		d->index = (size_t)i;
		if (an->view == V_MATRIX && an->transpose) {
			/* a row per column of the matrix (and the total), a column per code */
			const struct gl_stats_matrix *m = &an->matrix[an->by];
			size_t c = (size_t)i;
			gl_table_cell(t, r, 0, c < m->ncols ? m->cols[c].name : _("Total"),
				c < m->ncols ? 0 : GL_CELL_TOTAL);
			for (size_t k = 0; k < m->nrows; k++)
				matrix_cell(an, t, r, (int)k + 1, k, c);
		} else if (an->view == V_MATRIX) {
			const struct gl_stats_matrix *m = &an->matrix[an->by];
			const struct gl_stats_label *l = &m->rows[i];
			gl_table_cellf(t, r, 0, l->category ? GL_CELL_TITLE : 0, "%*s%s",
				l->depth > 1 ? 2 * (l->depth - 1) : 0, "", l->short_name);
			for (size_t c = 0; c <= m->ncols; c++)
				matrix_cell(an, t, r, (int)c + 1, (size_t)i, c);
		} else if (an->view == V_AGREEMENT) {
			const struct gl_stats_agreement *g = &an->agree;
			if ((size_t)i < g->ncodes) {
				const struct gl_stats_agree_code *x = &g->codes[i];
				double al = x->sum.alpha.defined ? x->sum.alpha.alpha : NAN;
				gl_table_cell(t, r, 0, x->code, 0);
				char pct[64];
				gl_table_cellf(t, r, 1, 0, "%s%%", decimal(pct, sizeof pct, 1,
					x->sum.percent * 100));
				fmt_fig(t, r, 2, x->sum.kappa, x->sum.kappa_defined);
				fmt_fig(t, r, 3, al, x->sum.alpha.defined);
				gl_table_cell(t, r, 4, _(gl_agree_alpha_words(al)),
					isnan(al) || al < 0.667 ? GL_CELL_LOW : 0);
				gl_table_cellf(t, r, 5, 0, "%lld", (long long)x->sum.characters);
				gl_table_cellf(t, r, 6, 0, "%zu", x->sum.letters);
			} else {
				const struct gl_stats_agree_category *x = &g->categories[i - (int64_t)g->ncodes];
				double al = x->nominal.defined ? x->nominal.alpha : NAN;
				d->category = true;
				d->index = (size_t)i - g->ncodes;
				gl_table_cellf(t, r, 0, 0, _("%s (whole letters)"), x->category);
				gl_table_cell(t, r, 1, "", 0);
				gl_table_cell(t, r, 2, "", 0);
				fmt_fig(t, r, 3, al, x->nominal.defined);
				gl_table_cell(t, r, 4, _(gl_agree_alpha_words(al)),
					isnan(al) || al < 0.667 ? GL_CELL_LOW : 0);
				gl_table_cell(t, r, 5, "", 0);
				gl_table_cellf(t, r, 6, 0, "%lld", (long long)x->letters);
			}
		} else {
			const struct suggestion *s = &an->sugg[i];
			gl_table_cell(t, r, 0, s->survey ? _("survey") : _("letters"),
				s->used ? GL_CELL_DIM : s->survey ? GL_CELL_LOW : GL_CELL_AREA);
			/* one already part of a finding: ✓ and dim, so that nobody accepts it twice */
			gl_table_cellf(t, r, 1, s->used ? GL_CELL_DIM : 0, "%s%s", s->used ? "✓ " : "",
				s->title);
			gl_table_cell(t, r, 2, s->evidence, GL_CELL_DIM);
		}
	}
	return GL_OK;
}

static const char *measure_word(enum gl_stats_measure m)
{
	return m == GL_STATS_CODINGS ? _("codings") : m == GL_STATS_LETTERS ?
		_("letters with the code") : _("share of the letters");
}

static void columns_set(struct gl_pane *p)
{
	struct analysis *an = p->priv;
	struct gl_table *t = &an->table;
	gl_table_clear_columns(t);
	t->frozen = 1;
	if (an->view == V_MATRIX && an->transpose) {
		const struct gl_stats_matrix *m = &an->matrix[an->by];
		gl_table_column(t, an->by == BY_WITHIN ? _("Group") : an->by == GL_STATS_BY_SCHOOL ?
			_("School") : _("Group"), 20, 2, GL_ALIGN_LEFT);
		for (size_t k = 0; k < m->nrows; k++)
			gl_table_column(t, m->rows[k].short_name, 7, 1, GL_ALIGN_RIGHT);
		if (t->col_cursor < 1 || t->col_cursor >= t->ncols)
			t->col_cursor = 1;
	} else if (an->view == V_MATRIX) {
		const struct gl_stats_matrix *m = &an->matrix[an->by];
		gl_table_column(t, an->by == BY_WITHIN ? _("School") : _("Code"), 20, 2,
			GL_ALIGN_LEFT);
		for (size_t c = 0; c < m->ncols; c++)
			gl_table_column(t, m->cols[c].name, 7, 1, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Total"), 7, 1, GL_ALIGN_RIGHT);
		if (t->col_cursor < 1 || t->col_cursor >= t->ncols)
			t->col_cursor = 1;
	} else if (an->view == V_AGREEMENT) {
		gl_table_column(t, _("Code"), 20, 3, GL_ALIGN_LEFT);
		gl_table_column(t, _("Agreement"), 9, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Kappa"), 6, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Alpha"), 6, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Reading"), 10, 0, GL_ALIGN_LEFT);
		gl_table_column(t, _("Characters"), 10, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Letters"), 7, 0, GL_ALIGN_RIGHT);
		t->col_cursor = -1;
	} else {
		gl_table_column(t, _("From"), 7, 0, GL_ALIGN_LEFT);
		gl_table_column(t, _("Suggestion"), 24, 3, GL_ALIGN_LEFT);
		gl_table_column(t, _("Evidence"), 20, 2, GL_ALIGN_LEFT);
		t->col_cursor = -1;
	}
}

static enum gl_status analysis_reload(struct gl_pane *p, struct gl_error *err)
{
	struct gl_app *a = p->app;
	struct analysis *an = p->priv;
	struct gl_table *t = &an->table;
	if (app_filter_moved(p))
		p->detail = NULL;
	uint64_t v = gl_store_data_version(a->store);
	if (!an->valid || v != an->version) {
		caches_drop(an);
		an->version = v;
		an->valid = true;
	}
	enum gl_status st = GL_OK;
	int64_t n = 0;
	bool pending = false;  /* the figure is being computed on the worker */
	gl_str_clear(&p->caption);
	struct gl_str hints = GL_STR_INIT;
	gl_app_hint(a, &hints, GL_ACT_ANALYSIS_VIEW, _("view"));
	if (an->view == V_MATRIX) {
		if ((st = need_matrix(p, an, &pending, err)) != GL_OK) {
			gl_str_finish(&hints);
			return st;
		}
		n = pending ? 0 : an->transpose ? (int64_t)an->matrix[an->by].ncols + 1 :
			(int64_t)an->matrix[an->by].nrows;
		if (an->by == BY_WITHIN)
			gl_str_printf(&p->caption, _("Schools x respondent groups within %s · %s"),
				an->within_name ? an->within_name : "", measure_word(an->measure));
		else
			gl_str_printf(&p->caption, _("Codes x %s · %s"), an->by == GL_STATS_BY_SCHOOL ?
				_("schools") : _("respondent groups"), measure_word(an->measure));
		gl_app_hint(a, &hints, GL_ACT_ANALYSIS_BY, _("schools/groups/within the code"));
		gl_app_hint(a, &hints, GL_ACT_ANALYSIS_MEASURE, _("measure"));
		gl_app_hint(a, &hints, GL_ACT_ANALYSIS_TRANSPOSE, _("transpose"));
		gl_app_hint(a, &hints, GL_ACT_ENTER, _("codings"));
		gl_table_set_empty(t, !pending ? _("The codebook has no codes yet") :
			an->by == BY_WITHIN ? _("Computing schools x respondent groups within every "
			"code…") : an->by == GL_STATS_BY_SCHOOL ? _("Computing the codes x schools "
			"matrix…") : _("Computing the codes x respondent groups matrix…"));
	} else if (an->view == V_AGREEMENT) {
		need_agreement(p, an, &pending);
		if (pending) {
			gl_str_printf(&p->caption, _("Agreement of %s"), gl_str_cstr(&an->coder_names));
		} else if (an->agree_status == GL_OK) {
			n = (int64_t)(an->agree.ncodes + an->agree.ncategories);
			gl_str_printf(&p->caption, _("Agreement of %s, worst first (letters all of "
				"them have read: %zu)"), gl_str_cstr(&an->coder_names), an->agree.letters);
			gl_app_hint(a, &hints, GL_ACT_ENTER, _("letters that differ most"));
		} else {
			gl_str_puts(&p->caption, _("Intercoder agreement"));
		}
		gl_table_set_empty(t, pending ? _("Computing the agreement…") :
			an->agree_status == GL_EINVAL ? _("Agreement needs two or more "
			"coders who have read letters ('.' in the reader marks a letter read)") :
			an->agree_status == GL_ENOTFOUND ? _("No letter has been read by every coder") :
			_("Agreement could not be computed"));
	} else {
		if ((st = need_suggestions(p, an, &pending, err)) != GL_OK) {
			gl_str_finish(&hints);
			return st;
		}
		n = (int64_t)an->nsugg;
		if (a->school_id > 0)
			gl_str_printf(&p->caption, _("Suggested findings for %s"), a->school);
		else
			gl_str_puts(&p->caption, _("Suggested findings"));
		gl_app_hint(a, &hints, GL_ACT_ENTER, _("evidence"));
		gl_app_hint(a, &hints, GL_ACT_ANALYSIS_ACCEPT, _("accept as a finding"));
		for (size_t i = 0; i < an->nsugg; i++)
			if (an->sugg[i].used) {
				gl_str_printf(&hints, "%s%s", hints.len ? " · " : "",
					_("✓ already a finding"));
				break;
			}
		gl_table_set_empty(t, pending ? _("Computing the suggestions…") :
			a->school_id > 0 ? _("Nothing stands out for this school") :
			_("Choose a school (:school NAME) to see suggestions for it"));
	}
	if (an->kind)
		gl_str_printf(&p->caption, _(" · only %s"), kind_word(an->kind));
	if (an->nfilter_coders && an->view != V_AGREEMENT)
		gl_str_printf(&p->caption, _(" · codings of %s"), gl_str_cstr(&an->filter_names));
	if (hints.len)
		gl_str_printf(&p->caption, " · %s", gl_str_cstr(&hints));
	gl_str_finish(&hints);
	columns_set(p);
	gl_table_reset(t, n);
	return GL_OK;
}

/* ---- drill-downs ---- */

struct coding_lines {
	struct gl_detail *d;
	int64_t n;
};

/* codings: id, uuid, letter, code, code_id, coder, school, group, start, end, quote, memo, ... */
/* The codings a cell's drill-down lists at most. */
#define DRILL_MAX 500

static int coding_line(void *ctx, const struct gl_row *row)
{
	struct coding_lines *cl = ctx;
	const struct gl_value *v = row->values;
	struct gl_link link = { GL_LINK_CODING, v[0].i, v[8].i, v[9].i };
	gl_detail_add(cl->d, GL_CELL_LINK, 2, &link, _("Letter %lld · %s · %s · %s: «%s»"),
		(long long)v[2].i, v[6].s, v[7].s, v[5].s, v[10].type == GL_VAL_TEXT ? v[10].s : "");
	cl->n++;
	return 0;
}

static unsigned matrix_drill(struct gl_pane *p, const struct an_row *row)
{
	struct gl_app *a = p->app;
	struct analysis *an = p->priv;
	const struct gl_stats_matrix *m = &an->matrix[an->by];
	int col = an->table.col_cursor - 1;
	struct an_row cell = *row;  /* the matrix's own row and column */
	const struct an_row *d = &cell;
	if (an->transpose) {
		if (col < 0 || (size_t)col >= m->nrows)
			return GL_F_HANDLED;
		cell.index = (size_t)col;
		col = (int)row->index;
	}
	if (col < 0 || (size_t)col > m->ncols)
		col = (int)m->ncols;
	struct gl_filter f = { .code_id = m->rows[d->index].id };
	const char *where = _("all schools"), *what = m->rows[d->index].name;
	struct gl_str both = GL_STR_INIT;
	if (an->by == BY_WITHIN) {
		/* rows are schools, columns groups, all within one code */
		f.code_id = an->within;
		f.school_id = m->rows[d->index].id;
		what = an->within_name ? an->within_name : "";
		where = m->rows[d->index].name;
		if ((size_t)col < m->ncols) {
			f.group_id = m->cols[col].id;
			gl_str_printf(&both, "%s, %s", m->rows[d->index].name, m->cols[col].name);
			where = gl_str_cstr(&both);
		}
	} else if ((size_t)col < m->ncols) {
		if (an->by == GL_STATS_BY_SCHOOL)
			f.school_id = m->cols[col].id;
		else
			f.group_id = m->cols[col].id;
		where = m->cols[col].name;
	}
	f.kind = kind_of(an);  /* the documents counted (f, :kind) */
	struct gl_detail *dt = &an->detail;
	an->detail_code = 0;
	an->detail_sugg = SIZE_MAX;
	gl_detail_clear(dt);
	gl_detail_set_title(dt, what);
	size_t i = d->index * m->ncols + (size_t)col;
	int64_t codings = (size_t)col < m->ncols ? m->codings[i] : m->row_codings[d->index];
	int64_t letters = (size_t)col < m->ncols ? m->letters[i] : m->row_letters[d->index];
	gl_detail_add(dt, GL_CELL_TITLE, 0, NULL, _("%s · %s: codings %lld, letters %lld "
		"(Enter opens one in the reader)"), what, where, (long long)codings,
		(long long)letters);
	struct coding_lines cl = { dt, 0 };
	struct gl_error err = { 0 };
	/* the codings counted: every coder's, or those of each coder :coders names */
	size_t passes = an->nfilter_coders ? an->nfilter_coders : 1;
	for (size_t k = 0; k < passes && cl.n < DRILL_MAX; k++) {
		if (an->nfilter_coders)
			f.coder_id = an->filter_coders[k];
		if (gl_store_list(a->store, GL_LIST_CODINGS, &f, 0, DRILL_MAX - (int64_t)cl.n,
				coding_line, &cl, &err) != GL_OK) {
			app_error(a, &err);
			break;
		}
	}
	gl_str_finish(&both);
	dt->cursor = cl.n ? 1 : 0;
	dt->top = 0;
	p->detail = dt;
	return GL_F_HANDLED | GL_F_REDRAW;
}

/* The letters whose classifications in one category differ among the chosen coders. */
struct class_diff {
	int64_t *kind_ids;    /* the documents of the kind analysed, by id (NULL: every kind) */
	size_t nkind, kcap;
	int64_t category;
	size_t ncoders;
	const int64_t *coders;
	int64_t doc;
	int64_t *values;      /* the current letter's value per coder (0: not classified) */
	int64_t *found;       /* per letter that differs: document id, then ncoders values */
	size_t nfound, cap;
	size_t letters;       /* letters classified by two or more of the coders */
	bool failed;
};

static void class_diff_flush(struct class_diff *c)
{
	if (c->doc <= 0)
		return;
	size_t given = 0;
	bool differ = false;
	int64_t first = 0;
	for (size_t k = 0; k < c->ncoders; k++) {
		if (!c->values[k])
			continue;
		if (given++ == 0)
			first = c->values[k];
		else if (c->values[k] != first)
			differ = true;
	}
	if (given >= 2)
		c->letters++;
	if (given >= 2 && differ) {
		size_t w = c->ncoders + 1;
		if (c->nfound == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 64;
			int64_t *p = realloc(c->found, cap * w * sizeof *p);
			if (!p) {
				c->failed = true;
				return;
			}
			c->found = p;
			c->cap = cap;
		}
		c->found[c->nfound * w] = c->doc;
		memcpy(&c->found[c->nfound * w + 1], c->values, c->ncoders * sizeof *c->values);
		c->nfound++;
	}
	memset(c->values, 0, c->ncoders * sizeof *c->values);
	c->doc = 0;
}

/* rows: category_id, document_id, coder_id, value_code_id, value */
static int class_diff_row(void *ctx, const struct gl_row *row)
{
	struct class_diff *c = ctx;
	const struct gl_value *v = row->values;
	if (v[0].i != c->category)
		return 0;
	if (c->kind_ids) {  /* a document of another kind? */
		size_t lo = 0, hi = c->nkind;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (c->kind_ids[mid] < v[1].i)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == c->nkind || c->kind_ids[lo] != v[1].i)
			return 0;
	}
	if (v[1].i != c->doc) {
		class_diff_flush(c);
		c->doc = v[1].i;
	}
	for (size_t k = 0; k < c->ncoders; k++)
		if (c->coders[k] == v[2].i)
			c->values[k] = v[3].i;
	return c->failed;
}

/* rows: id, school_id, group_id, length: the documents of the kind, by id */
static int kind_doc_row(void *ctx, const struct gl_row *row)
{
	struct class_diff *c = ctx;
	if (c->nkind == c->kcap) {
		size_t cap = c->kcap ? c->kcap * 2 : 256;
		int64_t *p = realloc(c->kind_ids, cap * sizeof *p);
		if (!p)
			return 1;
		c->kind_ids = p;
		c->kcap = cap;
	}
	c->kind_ids[c->nkind++] = row->values[0].i;
	return 0;
}

/* codes: id, uuid, parent_id, path, name, ...: the names of a category's values */
struct value_names {
	int64_t category;
	int64_t ids[64];
	char *names[64];
	size_t n;
};

static int value_name_row(void *ctx, const struct gl_row *row)
{
	struct value_names *vn = ctx;
	const struct gl_value *v = row->values;
	if (v[2].type == GL_VAL_INT && v[2].i == vn->category && vn->n < 64) {
		vn->ids[vn->n] = v[0].i;
		vn->names[vn->n++] = gl_strdup(v[4].type == GL_VAL_TEXT ? v[4].s : "?");
	}
	return 0;
}

static const char *value_name(const struct value_names *vn, int64_t id)
{
	for (size_t i = 0; i < vn->n; i++)
		if (vn->ids[i] == id && vn->names[i])
			return vn->names[i];
	return "?";
}

#define CLASS_DRILL_MAX 500  /* letters listed at most */

static unsigned category_drill(struct gl_pane *p, const struct an_row *d)
{
	struct gl_app *a = p->app;
	struct analysis *an = p->priv;
	const struct gl_stats_agree_category *x = &an->agree.categories[d->index];
	struct gl_query_stats_filter f = { an->coders, an->ncoders, kind_of(an), 0, false };
	struct class_diff c = { NULL, 0, 0, x->category_id, an->ncoders, an->coders, 0,
		calloc(an->ncoders + 1, sizeof *c.values), NULL, 0, 0, 0, false };
	struct value_names vn = { .category = x->category_id };
	struct gl_error err = { 0 };
	enum gl_status st = c.values ? GL_OK : GL_ENOMEM;
	if (st == GL_OK && f.kind) {
		st = gl_query_stats_letters(a->store, &f, kind_doc_row, &c, &err);
		if (st == GL_OK && !c.kind_ids)  /* none of that kind: an empty list, not every kind */
			c.kind_ids = calloc(1, sizeof *c.kind_ids);
		if (st == GL_ECANCELLED || (st == GL_OK && !c.kind_ids))
			st = GL_ENOMEM;
	}
	if (st == GL_OK)
		st = gl_query_stats_classifications(a->store, &f, class_diff_row, &c, &err);
	if (st == GL_OK) {
		class_diff_flush(&c);
		if (c.failed)
			st = gl_error_set(&err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	if (st == GL_OK)
		st = gl_store_list(a->store, GL_LIST_CODES, NULL, 0, 0, value_name_row, &vn, &err);
	if (st != GL_OK) {
		if (st == GL_ENOMEM && !err.message[0])
			gl_error_set(&err, st, "%s", gl_status_str(st));
		app_error(a, &err);
	} else {
		struct gl_detail *dt = &an->detail;
		an->detail_code = 0;
		an->detail_sugg = SIZE_MAX;
		gl_detail_clear(dt);
		gl_detail_set_title(dt, x->category);
		gl_detail_add(dt, GL_CELL_TITLE, 0, NULL, _("%s: %zu of %zu letters classified by two or "
			"more of the coders are classified differently (Enter opens one)"), x->category,
			c.nfound, c.letters);
		struct gl_str line = GL_STR_INIT;
		size_t w = an->ncoders + 1;
		for (size_t i = 0; i < c.nfound && i < CLASS_DRILL_MAX; i++) {
			gl_str_clear(&line);
			for (size_t k = 0; k < an->ncoders; k++)
				gl_str_printf(&line, "%s%s: %s", k ? " · " : "",
					an->coder_name[k] ? an->coder_name[k] : "?", c.found[i * w + 1 + k] ?
					value_name(&vn, c.found[i * w + 1 + k]) : "–");
			struct gl_link link = { GL_LINK_LETTER, c.found[i * w], 0, 0 };
			gl_detail_add(dt, GL_CELL_LINK, 0, &link, _("Letter %lld: %s"),
				(long long)c.found[i * w], gl_str_cstr(&line));
		}
		if (c.nfound > CLASS_DRILL_MAX)
			gl_detail_add(dt, GL_CELL_DIM, 0, NULL, _("… and %zu more"),
				c.nfound - CLASS_DRILL_MAX);
		if (c.nfound == 0)
			gl_detail_add(dt, GL_CELL_DIM, 0, NULL, "%s", _("Every letter is classified "
				"alike by the coders who classified it"));
		gl_str_finish(&line);
		dt->cursor = c.nfound ? 1 : 0;
		dt->top = 0;
		p->detail = dt;
	}
	for (size_t i = 0; i < vn.n; i++)
		free(vn.names[i]);
	free(c.values);
	free(c.found);
	free(c.kind_ids);
	return GL_F_HANDLED | GL_F_REDRAW;
}

static unsigned agreement_drill(struct gl_pane *p, const struct an_row *d)
{
	struct gl_app *a = p->app;
	struct analysis *an = p->priv;
	if (d->category)
		return category_drill(p, d);
	const struct gl_stats_agree_code *x = &an->agree.codes[d->index];
	struct gl_query_stats_filter f = { an->coders, an->ncoders, kind_of(an), 0, false };
	struct gl_stats_agree_letter *ls = NULL;
	size_t n = 0;
	struct gl_error err = { 0 };
	if (gl_stats_agreement_letters(a->store, &f, x->code_id, &ls, &n, &err) != GL_OK) {
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	struct gl_detail *dt = &an->detail;
	gl_detail_clear(dt);
	gl_detail_set_title(dt, x->code);
	free(an->drill);
	an->drill = ls;
	an->ndrill = n;
	an->detail_code = x->code_id;
	an->detail_sugg = SIZE_MAX;
	free(an->detail_code_name);
	an->detail_code_name = gl_strdup(x->code);
	gl_detail_add(dt, GL_CELL_TITLE, 0, NULL, _("%s: the letters where the coders differ "
		"most (Enter shows one side by side)"), x->code);
	for (size_t i = 0; i < n && i < 20; i++) {
		if (ls[i].disagree == 0 && i > 0)
			break;
		struct gl_link link = { GL_LINK_LETTER, ls[i].document_id, 0, 0 };
		struct gl_detail_line *l = gl_detail_add(dt, GL_CELL_LINK, 0, &link, _("Letter %lld: "
			"%lld of %lld coded characters differ"), (long long)ls[i].document_id,
			(long long)ls[i].disagree, (long long)ls[i].coded);
		if (l)
			l->tag = (int64_t)i + 1;  /* Enter: side by side */
		for (size_t c = 0; c < an->ncoders; c++) {
			struct gl_filter cf = { .document_id = ls[i].document_id, .coder_id = an->coders[c],
				.code_id = x->code_id };
			struct coding_lines cl = { dt, 0 };
			gl_store_list(a->store, GL_LIST_CODINGS, &cf, 0, 50, coding_line, &cl, NULL);
			if (cl.n == 0)
				gl_detail_add(dt, GL_CELL_DIM, 2, NULL, _("%s: nothing coded"),
					an->coder_name[c] ? an->coder_name[c] : "?");
		}
	}
	dt->cursor = 1;
	dt->top = 0;
	p->detail = dt;
	return GL_F_HANDLED | GL_F_REDRAW;
}

/* ---- one letter side by side ---- */

/* Lays the letter out again for the width the UI has; the cursor stays on the same text. */
static void compare_relayout(struct gl_detail *d, int width, void *ctx)
{
	struct analysis *an = ctx;
	const struct gl_detail_line *sel = d->laid_width ? gl_detail_selected(d) : NULL;
	int64_t at = sel && sel->link.kind == GL_LINK_LETTER ? sel->link.start : -1;
	if (gl_compare_layout(&an->compare, width, d) != GL_OK) {
		d->laid_width = width;  /* not again at this width */
		return;
	}
	size_t first = 3;  /* heading, legend, names */
	d->cursor = first < d->n ? first : 0;
	for (size_t i = first; i < d->n; i++) {
		const struct gl_detail_line *l = &d->lines[i];
		/* the first row where the coders differ, or the row of the text shown before */
		if (at < 0 ? strncmp(l->text, "≠", strlen("≠")) == 0 : l->link.end > at) {
			d->cursor = i;
			break;
		}
	}
	if (d->top > d->cursor)
		d->top = d->cursor;
}

/* codings: id, uuid, letter, code, code_id, coder, school, group, start, end, ... */
struct compare_spans {
	struct gl_compare *c;
	size_t coder;
	int64_t code_id;
	bool failed;
};

static int compare_span(void *ctx, const struct gl_row *row)
{
	struct compare_spans *cs = ctx;
	if (row->values[4].i != cs->code_id)
		return 0;  /* a code under it: the agreement is of the code as coded */
	if (!gl_compare_add_span(cs->c, cs->coder, row->values[8].i, row->values[9].i))
		cs->failed = true;
	return cs->failed;
}

static unsigned compare_open(struct gl_pane *p, size_t index)
{
	struct gl_app *a = p->app;
	struct analysis *an = p->priv;
	if (index >= an->ndrill)
		return GL_F_HANDLED;
	const struct gl_stats_agree_letter *x = &an->drill[index];
	struct gl_compare *c = &an->compare;
	gl_compare_finish(c);
	struct gl_error err = { 0 };
	struct gl_document doc;
	if (gl_store_document_get(a->store, x->document_id, &doc, &err) != GL_OK) {
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	c->document_id = x->document_id;
	c->text = gl_strdup(doc.text);
	c->text_len = doc.text_len;
	gl_document_finish(&doc);
	struct gl_str h = GL_STR_INIT;
	gl_str_printf(&h, _("Letter %lld · %s: %lld of %lld coded characters differ"),
		(long long)x->document_id, an->detail_code_name ? an->detail_code_name : "",
		(long long)x->disagree, (long long)x->coded);
	c->heading = gl_str_steal(&h);
	bool ok = c->text && c->heading;
	for (size_t k = 0; ok && k < an->ncoders && k < GL_COMPARE_MAX; k++) {
		ok = gl_compare_add_coder(c, an->coder_name[k]);
		struct gl_filter f = { .document_id = x->document_id, .coder_id = an->coders[k],
			.code_id = an->detail_code };
		struct compare_spans cs = { c, k, an->detail_code, false };
		if (ok && gl_store_list(a->store, GL_LIST_CODINGS, &f, 0, 0, compare_span, &cs,
			&err) != GL_OK && !cs.failed) {
			app_error(a, &err);
			gl_compare_finish(c);
			return APP_OK_REDRAW;
		}
		ok = ok && !cs.failed;
	}
	if (!ok) {
		gl_compare_finish(c);
		gl_app_message(a, true, "%s", gl_status_str(GL_ENOMEM));
		return APP_OK_REDRAW;
	}
	if (an->ncoders > GL_COMPARE_MAX)
		gl_app_message(a, false, _("The first %d coders side by side"), GL_COMPARE_MAX);
	struct gl_detail *d = &an->cmp;
	gl_detail_clear(d);
	gl_detail_set_title(d, c->heading);
	d->wide = true;
	d->relayout = compare_relayout;
	d->relayout_ctx = an;
	d->laid_width = 0;  /* laid out when drawn, at the screen's width */
	d->cursor = d->top = 0;
	p->detail = d;
	return GL_F_HANDLED | GL_F_REDRAW;
}

/* ---- accepting a suggestion ---- */

struct accept_ctx {
	int64_t school_id;
	char *title;
	char *evidence;
	int64_t survey_result_id;
	int64_t code_id;
	int kind;      /* chosen in the first dialog: an index of kinds[] */
	char *label;   /* its words, for the message */
};

static void accept_ctx_free(void *p)
{
	struct accept_ctx *c = p;
	if (!c)
		return;
	free(c->title);
	free(c->evidence);
	free(c->label);
	free(c);
}

struct link_ctx {
	struct gl_store *s;
	int64_t finding;
	enum gl_status st;
	struct gl_error *err;
	int64_t n;
};

static int link_coding(void *ctx, const struct gl_row *row)
{
	struct link_ctx *l = ctx;
	l->st = gl_store_finding_link_coding(l->s, l->finding, row->values[0].i, l->err);
	l->n++;
	return l->st != GL_OK;
}

static const char *const kinds[3] = { "area", "challenge", "strength" };

/* The finding's title, the suggestion's words offered to be edited (they become the title in
 * the plan and the workbook): the finding is made with its evidence, one undo step. */
static unsigned accept_title(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct accept_ctx *c = ctx;
	const char *title = r->text && *r->text ? r->text : c->title;
	struct gl_error err = { 0 };
	int64_t finding = 0;
	struct link_ctx l = { a->store, 0, GL_OK, &err, 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK) {
		struct gl_finding f = { c->school_id, kinds[c->kind], title, c->evidence,
			a->coder_id };
		st = gl_store_finding_insert(a->store, &f, &finding, &err);
		if (st == GL_OK && c->survey_result_id > 0)
			st = gl_store_finding_link_survey(a->store, finding, c->survey_result_id, &err);
		if (st == GL_OK && c->code_id > 0) {
			l.finding = finding;
			struct gl_filter cf = { .school_id = c->school_id, .code_id = c->code_id };
			st = gl_store_list(a->store, GL_LIST_CODINGS, &cf, 0, 0, link_coding, &l, &err);
			if (st == GL_ECANCELLED)
				st = l.st;
		}
		st = app_step_end(a, st, &err, _("accept %s"), title);
	}
	if (st != GL_OK)
		app_error(a, &err);
	else
		gl_app_message(a, false, _("Finding added (%s): %s (u undoes)"),
			c->label ? c->label : "", title);
	app_changed(a);
	return APP_OK_REDRAW;
}

static unsigned accept_kind(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct accept_ctx *c = ctx;
	if (r->id < 0 || r->id > 2)
		return APP_OK_REDRAW;
	c->kind = (int)r->id;
	free(c->label);
	c->label = gl_strdup(r->label ? r->label : "");
	struct gl_dialog dlg = { "accept-title", accept_title, c, accept_ctx_free };
	app_input_open(a, &dlg, _("The finding's title (Enter keeps it, Esc cancels):"), c->title);
	return APP_OK_REDRAW;
}

static unsigned accept_open(struct gl_pane *p, const struct an_row *d)
{
	struct gl_app *a = p->app;
	struct analysis *an = p->priv;
	const struct suggestion *s = &an->sugg[d->index];
	if (s->used) {
		gl_app_message(a, true, _("Already part of the finding «%s» (Enter shows it)"),
			s->used_title ? s->used_title : "");
		return APP_OK_REDRAW;
	}
	struct accept_ctx *c = app_dialog_ctx(sizeof *c);
	if (!c)
		return APP_OK_REDRAW;
	c->school_id = a->school_id;
	c->title = gl_strdup(s->title);
	c->evidence = gl_strdup(s->evidence);
	c->survey_result_id = s->survey_result_id;
	c->code_id = s->code_id;
	struct gl_dialog dlg = { "accept-suggestion", accept_kind, c, accept_ctx_free };
	app_picker_open(a, &dlg, _("Accept as a finding of which kind?"), false);
	app_picker_add(a, 0, _("Development area"), "");
	app_picker_add(a, 1, _("Challenge"), "");
	app_picker_add(a, 2, _("Strength (potential)"), "");
	app_picker_filter(a);
	return APP_OK_REDRAW;
}

/* A suggestion in full (its evidence is cut in the table at 80 columns): what it rests on,
 * with links to the survey value or the school's codings of the code, and the finding it is
 * already part of. */
static unsigned suggestion_detail(struct gl_pane *p, const struct an_row *d)
{
	struct gl_app *a = p->app;
	struct analysis *an = p->priv;
	const struct suggestion *s = &an->sugg[d->index];
	struct gl_detail *dt = &an->detail;
	an->detail_code = 0;
	an->detail_sugg = d->index;
	gl_detail_clear(dt);
	gl_detail_set_title(dt, s->title);
	gl_detail_add(dt, GL_CELL_TITLE, 0, NULL, "%s", s->title);
	gl_detail_add(dt, 0, 0, NULL, "%s", s->evidence);
	if (s->used) {
		struct gl_link l = { GL_LINK_FINDING, s->used, 0, 0 };
		gl_detail_add(dt, GL_CELL_LINK, 0, &l, _("✓ Already part of the finding «%s»"),
			s->used_title ? s->used_title : "");
	} else {
		gl_detail_add(dt, GL_CELL_DIM, 0, NULL, "%s", _("Not a finding yet: a accepts it "
			"(with this evidence)"));
	}
	if (s->survey_result_id > 0) {
		struct gl_link l = { GL_LINK_SURVEY, s->survey_result_id, 0, 0 };
		gl_detail_add(dt, GL_CELL_LINK, 0, &l, "%s", _("The value in the Surveys pane"));
	}
	if (s->code_id > 0) {
		gl_detail_add(dt, GL_CELL_TITLE, 0, NULL, "%s", _("The school's codings of the code:"));
		struct gl_filter f = { .school_id = a->school_id, .code_id = s->code_id };
		struct coding_lines cl = { dt, 0 };
		struct gl_error err = { 0 };
		if (gl_store_list(a->store, GL_LIST_CODINGS, &f, 0, 200, coding_line, &cl, &err)
			!= GL_OK)
			app_error(a, &err);
	}
	dt->cursor = 0;
	for (size_t i = 0; i < dt->n; i++)
		if (dt->lines[i].link.kind != GL_LINK_NONE) {
			dt->cursor = i;
			break;
		}
	dt->top = 0;
	p->detail = dt;
	return GL_F_HANDLED | GL_F_REDRAW;
}

/* ---- the pane ---- */

static unsigned analysis_request(struct gl_pane *p, enum gl_action act)
{
	struct analysis *an = p->priv;
	if (p->detail == &an->cmp && act == GL_ACT_BACK) {
		p->detail = &an->detail;  /* back to the letters that differ */
		return APP_OK_REDRAW;
	}
	if (p->detail == &an->detail && an->detail_code > 0 && act == GL_ACT_ENTER) {
		const struct gl_detail_line *l = gl_detail_selected(&an->detail);
		if (l && l->tag > 0)
			return compare_open(p, (size_t)(l->tag - 1));
	}
	if (p->detail == &an->detail && an->detail_sugg < an->nsugg &&
		act == GL_ACT_ANALYSIS_ACCEPT) {
		if (!app_need_coder(p->app, act))
			return APP_OK_REDRAW;
		struct an_row d = { an->detail_sugg, false };
		return accept_open(p, &d);
	}
	if (p->detail)
		return 0;  /* the generic detail view's keys */
	switch (act) {
	case GL_ACT_ANALYSIS_VIEW:
		an->view = (enum view)((an->view + 1) % NVIEWS);
		gl_table_select(&an->table, 0);
		p->stale = true;
		return APP_OK_REDRAW;
	case GL_ACT_ANALYSIS_BY:
		if (an->view != V_MATRIX)
			return GL_F_HANDLED;
		if (an->by == GL_STATS_BY_GROUP) {
			/* the third: schools x groups within the code selected */
			const struct an_row *d = gl_table_selected_data(&an->table);
			const struct gl_stats_matrix *m = &an->matrix[an->by];
			/* the code selected: the row, or transposed the column */
			size_t code = an->transpose ? (size_t)(an->table.col_cursor - 1) :
				d ? d->index : SIZE_MAX;
			if (code >= m->nrows) {
				an->by = GL_STATS_BY_SCHOOL;
			} else {
				an->within = m->rows[code].id;
				free(an->within_name);
				an->within_name = gl_strdup(m->rows[code].name);
				an->by = BY_WITHIN;
				an->transpose = false;  /* its rows are schools */
			}
		} else {
			an->by = an->by == GL_STATS_BY_SCHOOL ? GL_STATS_BY_GROUP : GL_STATS_BY_SCHOOL;
		}
		an->table.col_cursor = 1;
		p->stale = true;
		return APP_OK_REDRAW;
	case GL_ACT_ANALYSIS_TRANSPOSE:
		if (an->view != V_MATRIX)
			return GL_F_HANDLED;
		an->transpose = !an->transpose;
		an->table.col_cursor = 1;
		gl_table_select(&an->table, 0);
		p->stale = true;
		return APP_OK_REDRAW;
	case GL_ACT_ANALYSIS_KIND:
		an->kind = (an->kind + 1) % 4;
		an->valid = false;  /* every figure again, for these documents */
		p->detail = NULL;
		p->stale = true;
		gl_app_message(p->app, false, _("Analysing %s"), kind_word(an->kind));
		return APP_OK_REDRAW;
	case GL_ACT_ANALYSIS_MEASURE:
		if (an->view != V_MATRIX)
			return GL_F_HANDLED;
		an->measure = (enum gl_stats_measure)((an->measure + 1) % 3);
		p->stale = true;
		return APP_OK_REDRAW;
	case GL_ACT_ENTER: {
		const struct an_row *d = gl_table_selected_data(&an->table);
		if (!d)
			return GL_F_HANDLED;
		if (an->view == V_MATRIX)
			return matrix_drill(p, d);
		if (an->view == V_AGREEMENT)
			return agreement_drill(p, d);
		return suggestion_detail(p, d);
	}
	case GL_ACT_ANALYSIS_ACCEPT: {
		const struct an_row *d = gl_table_selected_data(&an->table);
		if (an->view != V_SUGGEST || !d) {
			gl_app_message(p->app, true, _("Only a suggested finding can be accepted (v "
				"shows them)"));
			return APP_OK_REDRAW;
		}
		/* the active coder is the finding's author, as a finding added in the Findings pane */
		if (!app_need_coder(p->app, act))
			return APP_OK_REDRAW;
		return accept_open(p, d);
	}
	default:
		return 0;
	}
}

/* The worker's figure, when it is in: shown at once (the reload that follows takes it into the
 * caches). Thrown away when the data changed since it started (the reload computes again);
 * stopped when the pane is left (computed again when it is shown). */
static unsigned analysis_poll(struct gl_pane *p)
{
	struct analysis *an = p->priv;
	if (!an || !an->job)
		return 0;
	if (gl_app_pane(p->app) != p) {
		job_clear(an);
		p->stale = true;
		return 0;
	}
	if (!gl_store_job_done(an->job))
		return 0;
	struct an_job *j = an->jd;
	j->st = gl_store_job_finish(an->job, &j->err);
	an->job = NULL;
	j->done = true;
	if (j->st == GL_ECANCELLED || gl_store_data_version(p->app->store) != j->version)
		job_clear(an);
	p->stale = true;
	return APP_OK_REDRAW;
}

static bool analysis_busy(const struct gl_pane *p)
{
	const struct analysis *an = p->priv;
	return an && an->job;
}

static enum gl_status analysis_init(struct gl_pane *p)
{
	struct analysis *an = calloc(1, sizeof *an);
	if (!an)
		return GL_ENOMEM;
	p->priv = an;
	gl_table_init(&an->table, analysis_fetch, p);
	an->table.col_cursor = 1;
	gl_detail_init(&an->detail);
	gl_detail_init(&an->cmp);
	an->detail_sugg = SIZE_MAX;
	gl_str_init(&an->coder_names);
	gl_str_init(&an->filter_names);
	p->tables[0] = &an->table;
	p->ntables = 1;
	return GL_OK;
}

static void analysis_finish(struct gl_pane *p)
{
	struct analysis *an = p->priv;
	if (an) {
		caches_drop(an);
		free(an->sugg);
		free(an->sugg_survey);
		free(an->within_name);
		for (size_t i = 0; i < MAX_CODERS; i++)
			free(an->coder_name[i]);
		gl_table_finish(&an->table);
		gl_detail_finish(&an->detail);
		gl_detail_finish(&an->cmp);
		gl_compare_finish(&an->compare);
		free(an->drill);
		free(an->detail_code_name);
		gl_str_finish(&an->coder_names);
		gl_str_finish(&an->filter_names);
	}
	free(an);
	p->priv = NULL;
	p->detail = NULL;
}

/* :agreement NAME, NAME...: the agreement of these coders ('-' or nothing: of every coder who
 * has read a letter). */
static unsigned cmd_agreement(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	struct analysis *an = p->priv;
	int64_t ids[MAX_CODERS];
	size_t n = 0;
	char *list = gl_strdup(arg ? arg : "");
	struct gl_error err = { 0 };
	for (char *save = NULL, *t = list ? strtok_r(list, ",", &save) : NULL; t && n < MAX_CODERS;
		t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		size_t len = strlen(t);
		while (len && t[len - 1] == ' ')
			t[--len] = '\0';
		if (!*t || !strcmp(t, "-"))
			continue;
		if (gl_store_coder_find(a->store, t, &ids[n], &err) != GL_OK) {
			free(list);
			app_error(a, &err);
			return APP_OK_REDRAW;
		}
		n++;
	}
	free(list);
	if (n == 1) {
		gl_app_message(a, true, _("Agreement needs two or more coders (:agreement Anna, "
			"Bosse; '-': all)"));
		return APP_OK_REDRAW;
	}
	memcpy(an->chosen, ids, n * sizeof ids[0]);
	an->nchosen = n;
	if (an->have_agree && an->agree_status == GL_OK)
		gl_stats_agreement_finish(&an->agree);
	an->have_agree = false;
	an->view = V_AGREEMENT;
	p->detail = NULL;
	gl_table_select(&an->table, 0);
	p->stale = true;
	int self = gl_app_pane_find(a, p->ops->name);
	return a->pane == self ? APP_OK_REDRAW : gl_app_switch(a, self);
}

/* :coders NAME, NAME...: the matrices and suggestions count these coders' codings ('-' or
 * nothing: everyone's). */
static unsigned cmd_coders(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	struct analysis *an = p->priv;
	int64_t ids[MAX_CODERS];
	size_t n = 0;
	struct gl_str names = GL_STR_INIT;
	char *list = gl_strdup(arg ? arg : "");
	struct gl_error err = { 0 };
	for (char *save = NULL, *t = list ? strtok_r(list, ",", &save) : NULL; t && n < MAX_CODERS;
		t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		size_t len = strlen(t);
		while (len && t[len - 1] == ' ')
			t[--len] = '\0';
		if (!*t || !strcmp(t, "-"))
			continue;
		if (gl_store_coder_find(a->store, t, &ids[n], &err) != GL_OK) {
			free(list);
			gl_str_finish(&names);
			app_error(a, &err);
			return APP_OK_REDRAW;
		}
		gl_str_printf(&names, "%s%s", n ? ", " : "", t);
		n++;
	}
	free(list);
	memcpy(an->filter_coders, ids, n * sizeof ids[0]);
	an->nfilter_coders = n;
	gl_str_clear(&an->filter_names);
	gl_str_puts(&an->filter_names, gl_str_cstr(&names));
	gl_str_finish(&names);
	an->valid = false;
	p->detail = NULL;
	p->stale = true;
	if (n)
		gl_app_message(a, false, _("The matrices and suggestions count the codings of %s"),
			gl_str_cstr(&an->filter_names));
	else
		gl_app_message(a, false, "%s", _("The matrices and suggestions count every coder's "
			"codings"));
	int self = gl_app_pane_find(a, p->ops->name);
	return a->pane == self ? APP_OK_REDRAW : gl_app_switch(a, self);
}

/* :kind letter|survey_text|inspection|-: the documents every view of the pane analyses. */
static unsigned cmd_kind(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	struct analysis *an = p->priv;
	while (arg && *arg == ' ')
		arg++;
	int kind = 0;
	for (int i = 0; i < 3 && arg && *arg && strcmp(arg, "-"); i++)
		if (!strcmp(arg, doc_kinds[i]))
			kind = i + 1;
	if (arg && *arg && strcmp(arg, "-") && !kind) {
		gl_app_message(a, true, _("No such kind of document: %s (letter, survey_text, "
			"inspection or -)"), arg);
		return APP_OK_REDRAW;
	}
	an->kind = kind;
	an->valid = false;
	p->detail = NULL;
	p->stale = true;
	gl_app_message(a, false, _("Analysing %s"), kind_word(an->kind));
	int self = gl_app_pane_find(a, p->ops->name);
	return a->pane == self ? APP_OK_REDRAW : gl_app_switch(a, self);
}

static const struct gl_command analysis_commands[] = {
	{ "coders", N_("[NAME, NAME...|-]"), N_("the Analysis pane's matrices and suggestions count "
		"these coders' codings; '-': everyone's"), cmd_coders, GL_COMPLETE_CODER },
	{ "kind", N_("[letter|survey_text|inspection|-]"), N_("the Analysis pane analyses this kind "
		"of document only; '-': every kind"), cmd_kind, GL_COMPLETE_NONE },
	{ "agreement", N_("[NAME, NAME...|-]"), N_("the Analysis pane's agreement of these coders; "
		"'-': of every coder who has read a letter"), cmd_agreement, GL_COMPLETE_CODER },
};

const struct gl_pane_ops gl_pane_analysis_ops = {
	.name = "analysis", .title = N_("Analysis"), .show = GL_ACT_PANE_ANALYSIS,
	.scope = GL_SCOPE_ANALYSIS, .init = analysis_init, .reload = analysis_reload,
	.commands = analysis_commands,
	.ncommands = sizeof analysis_commands / sizeof analysis_commands[0],
	.request = analysis_request, .finish = analysis_finish,
	.poll = analysis_poll, .busy = analysis_busy,
};
