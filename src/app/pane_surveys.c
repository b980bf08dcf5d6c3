/* The surveys pane: schools x items for one survey, year and group with the municipal mean;
 * Enter shows one school's results for every group. */
#include "genomlys/app.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/overview.h"
#include "genomlys/queries.h"
#include "app_internal.h"

struct group {
	int64_t id;
	char *name;
};

/* One cell of a school's results: item x group. */
struct detail_row {
	char *item;
	double *value;  /* per group; NaN-free: has[] says which exist */
	double *mean;
	bool *has;
};

struct surveys {
	struct gl_table table;
	struct group *groups;       /* the groups with results in the survey and year */
	size_t ngroups;
	int64_t group_id;           /* the group shown */
	char **items;
	double *means;
	size_t nitems;
	int sort;                   /* column sorted by (0: school) */
	bool descending;
	int64_t detail_school;      /* > 0: one school's results for all groups */
	char *detail_name;
	int64_t last_filter;        /* the app's school filter when last reloaded */
	int64_t matrix_cursor;      /* where the matrix was before the detail view */
	int matrix_col;
	struct detail_row *rows;
	size_t nrows;
	struct gl_survey_matrix_query q;
};

static void groups_free(struct surveys *s)
{
	for (size_t i = 0; i < s->ngroups; i++)
		free(s->groups[i].name);
	free(s->groups);
	s->groups = NULL;
	s->ngroups = 0;
}

static void items_free(struct surveys *s)
{
	gl_strv_free(s->items, s->nitems);
	free(s->means);
	s->items = NULL;
	s->means = NULL;
	s->nitems = 0;
}

static void detail_free(struct surveys *s)
{
	for (size_t i = 0; i < s->nrows; i++) {
		free(s->rows[i].item);
		free(s->rows[i].value);
		free(s->rows[i].mean);
		free(s->rows[i].has);
	}
	free(s->rows);
	s->rows = NULL;
	s->nrows = 0;
}

static void cell_value(struct gl_table *t, struct gl_trow *r, int col, double v, double thr)
{
	char buf[32];
	app_format_value(v, buf, sizeof buf);
	gl_table_cell(t, r, col, buf, v < thr ? GL_CELL_LOW : 0);
}

/* ---- The matrix ---- */

struct fill {
	struct gl_pane *p;
	struct gl_table *t;
};

static int matrix_row(void *ctx, const struct gl_row *row)
{
	struct fill *f = ctx;
	struct gl_app *a = f->p->app;
	int64_t id = row->values[0].i;
	struct gl_trow *r = gl_table_append(f->t, id, id == a->school_id ? GL_CELL_MARK : 0);
	if (!r)
		return 1;
	gl_table_cellf(f->t, r, 0, 0, "%s%s", id == a->school_id ? "» " : "",
		row->values[1].s ? row->values[1].s : "");
	for (int c = 2; c < row->ncols; c++) {
		if (row->values[c].type == GL_VAL_NULL)
			gl_table_cell(f->t, r, c - 1, "–", GL_CELL_DIM);
		else
			cell_value(f->t, r, c - 1, row->values[c].r, a->threshold);
	}
	return 0;
}

static enum gl_status matrix_fetch(struct gl_pane *p, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err)
{
	struct surveys *s = p->priv;
	struct gl_app *a = p->app;
	if (offset == 0) {
		struct gl_trow *r = gl_table_append(t, 0, GL_CELL_MEAN);
		gl_table_cell(t, r, 0, _("Municipality (mean)"), 0);
		for (size_t i = 0; i < s->nitems; i++) {
			if (isnan(s->means[i]))  /* one school has a value: no mean over schools */
				gl_table_cell(t, r, (int)i + 1, "–", GL_CELL_DIM);
			else
				cell_value(t, r, (int)i + 1, s->means[i], a->threshold);
		}
		limit--;
	} else {
		offset--;
	}
	struct fill f = { p, t };
	if (limit <= 0)
		return GL_OK;
	return gl_query_survey_matrix(a->store, &s->q, offset, limit, matrix_row, &f, err);
}

/* ---- One school ---- */

static int detail_result(void *ctx, const struct gl_row *row)
{
	struct surveys *s = ctx;
	const char *item = row->values[0].s;
	int64_t gid = row->values[1].i;
	size_t g = 0;
	while (g < s->ngroups && s->groups[g].id != gid)
		g++;
	if (!item || g == s->ngroups)
		return 0;
	size_t i = 0;
	while (i < s->nrows && strcmp(s->rows[i].item, item))
		i++;
	if (i == s->nrows) {
		struct detail_row *v = realloc(s->rows, (s->nrows + 1) * sizeof *v);
		if (!v)
			return 1;
		s->rows = v;
		struct detail_row *d = &v[s->nrows++];
		d->item = gl_strdup(item);
		d->value = calloc(s->ngroups, sizeof *d->value);
		d->mean = calloc(s->ngroups, sizeof *d->mean);
		d->has = calloc(s->ngroups, sizeof *d->has);
		if (!d->value || !d->mean || !d->has)
			return 1;
	}
	s->rows[i].value[g] = row->values[3].r;
	s->rows[i].mean[g] = row->values[5].type == GL_VAL_NULL ? NAN : row->values[5].r;
	s->rows[i].has[g] = true;
	return 0;
}

static enum gl_status detail_fetch(struct gl_pane *p, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err)
{
	(void)err;
	struct surveys *s = p->priv;
	double thr = p->app->threshold;
	for (int64_t i = offset; i < offset + limit && i < (int64_t)s->nrows; i++) {
		const struct detail_row *d = &s->rows[i];
		struct gl_trow *r = gl_table_append(t, i + 1, 0);
		gl_table_cell(t, r, 0, d->item, 0);
		for (size_t g = 0; g < s->ngroups; g++) {
			if (!d->has[g]) {
				gl_table_cell(t, r, (int)g + 1, "–", GL_CELL_DIM);
				continue;
			}
			char v[32], m[32] = "–";
			app_format_value(d->value[g], v, sizeof v);
			if (!isnan(d->mean[g]))  /* else the only school with a value */
				app_format_value(d->mean[g], m, sizeof m);
			gl_table_cellf(t, r, (int)g + 1, d->value[g] < thr ? GL_CELL_LOW : 0, "%s (%s)",
				v, m);
		}
	}
	return GL_OK;
}

static enum gl_status surveys_fetch(void *ctx, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err)
{
	struct gl_pane *p = ctx;
	struct surveys *s = p->priv;
	return s->detail_school > 0 ? detail_fetch(p, t, offset, limit, err)
		: matrix_fetch(p, t, offset, limit, err);
}

/* ---- Loading ---- */

static int group_row(void *ctx, const struct gl_row *row)
{
	struct gl_pane *p = ctx;
	struct surveys *s = p->priv;
	struct gl_app *a = p->app;
	if (!row->values[0].s || strcmp(row->values[0].s, a->survey) || row->values[1].i != a->year)
		return 0;
	struct group *v = realloc(s->groups, (s->ngroups + 1) * sizeof *v);
	if (!v)
		return 1;
	s->groups = v;
	v[s->ngroups].id = row->values[2].i;
	v[s->ngroups].name = gl_strdup(row->values[3].s);
	s->ngroups++;
	return 0;
}

static int item_row(void *ctx, const struct gl_row *row)
{
	struct surveys *s = ctx;
	char **items = realloc(s->items, (s->nitems + 1) * sizeof *items);
	if (items)
		s->items = items;
	double *means = realloc(s->means, (s->nitems + 1) * sizeof *means);
	if (means)
		s->means = means;
	if (!items || !means)
		return 1;
	s->items[s->nitems] = gl_strdup(row->values[0].s);
	s->means[s->nitems] = row->values[1].type == GL_VAL_NULL ? NAN : row->values[1].r;
	s->nitems++;
	return 0;
}

static const char *group_name(const struct surveys *s, int64_t id)
{
	for (size_t i = 0; i < s->ngroups; i++)
		if (s->groups[i].id == id)
			return s->groups[i].name;
	return "";
}

static int clamp_width(const char *title, int lo, int hi)
{
	int w = app_text_width(title);
	return w < lo ? lo : w > hi ? hi : w;
}

static enum gl_status reload_detail(struct gl_pane *p, struct gl_error *err)
{
	struct surveys *s = p->priv;
	struct gl_app *a = p->app;
	struct gl_table *t = &s->table;
	detail_free(s);
	enum gl_status st = gl_query_school_results(a->store, s->detail_school, a->survey, a->year,
		detail_result, s, err);
	if (st != GL_OK)
		return st;
	free(s->detail_name);
	struct gl_str name = GL_STR_INIT;
	gl_store_school_name(a->store, s->detail_school, &name, NULL);
	s->detail_name = gl_str_steal(&name);
	gl_table_clear_columns(t);
	t->col_cursor = -1;
	t->frozen = 1;
	gl_table_column(t, _("Item"), 30, 0, GL_ALIGN_LEFT);
	for (size_t g = 0; g < s->ngroups; g++)
		gl_table_column(t, s->groups[g].name, clamp_width(s->groups[g].name, 11, 16), 0,
			GL_ALIGN_RIGHT);
	gl_table_set_empty(t, _("This school has no results in this survey"));
	gl_table_reset(t, (int64_t)s->nrows);
	char thr[32];
	app_format_value(a->threshold, thr, sizeof thr);
	gl_str_clear(&p->caption);
	gl_str_printf(&p->caption, _("%s · %s %d · value (municipal mean), below %s marked · "
		"Esc: all schools"), s->detail_name ? s->detail_name : "", a->survey, a->year, thr);
	return GL_OK;
}

static void caption_matrix(struct gl_pane *p)
{
	struct surveys *s = p->priv;
	struct gl_app *a = p->app;
	const struct gl_table *t = &s->table;
	char thr[32];
	app_format_value(a->threshold, thr, sizeof thr);
	gl_str_clear(&p->caption);
	gl_str_printf(&p->caption, _("%s %d · %s · below %s marked"), a->survey, a->year,
		group_name(s, s->group_id), thr);
	for (size_t i = 0; i < s->nitems; i++)
		if (isnan(s->means[i])) {
			gl_str_puts(&p->caption, _(" · mean –: one school only"));
			break;
		}
	int col = t->col_cursor;
	if (col > 0 && (size_t)col <= s->nitems)
		gl_str_printf(&p->caption, " · %s", s->items[col - 1]);
}

static void sort_titles(struct gl_pane *p)
{
	struct surveys *s = p->priv;
	struct gl_table *t = &s->table;
	for (int c = 0; c < t->ncols; c++) {
		const char *base = c == 0 ? _("School") : s->items[c - 1];
		struct gl_str title = GL_STR_INIT;
		/* the arrow first, so that a narrow column cuts the name, not the arrow */
		if (c == s->sort)
			gl_str_puts(&title, s->descending ? "▼" : "▲");
		gl_str_puts(&title, base);
		gl_table_column_title(t, c, gl_str_cstr(&title));
		gl_str_finish(&title);
	}
}

static enum gl_status surveys_reload(struct gl_pane *p, struct gl_error *err)
{
	struct surveys *s = p->priv;
	struct gl_app *a = p->app;
	struct gl_table *t = &s->table;
	groups_free(s);
	items_free(s);
	if (s->last_filter != a->school_id) {
		s->detail_school = a->school_id;
		s->last_filter = a->school_id;
	}
	if (!a->survey) {
		gl_table_clear_columns(t);
		gl_table_column(t, _("School"), 20, 1, GL_ALIGN_LEFT);
		gl_table_set_empty(t, _("The project has no survey results; import them with "
			"genomlys import survey"));
		gl_table_reset(t, 0);
		gl_str_clear(&p->caption);
		gl_str_puts(&p->caption, _("No survey results"));
		return GL_OK;
	}
	enum gl_status st = gl_overview_survey_sets(a->overview, group_row, p, err);
	if (st != GL_OK)
		return st;
	if (s->detail_school > 0)
		return reload_detail(p, err);
	/* The app's group filter wins when it has results; else keep ours, else the first. */
	bool have_app = false, have_own = false;
	for (size_t i = 0; i < s->ngroups; i++) {
		have_app |= s->groups[i].id == a->group_id;
		have_own |= s->groups[i].id == s->group_id;
	}
	if (have_app)
		s->group_id = a->group_id;
	else if (!have_own)
		s->group_id = s->ngroups ? s->groups[0].id : 0;
	st = gl_query_survey_items(a->store, a->survey, a->year, s->group_id, item_row, s, err);
	if (st != GL_OK)
		return st;
	int col = t->col_cursor;
	gl_table_clear_columns(t);
	t->frozen = 1;
	gl_table_column(t, _("School"), 26, 0, GL_ALIGN_LEFT);
	/* room for the item's name and the sort arrow */
	for (size_t i = 0; i < s->nitems; i++)
		gl_table_column(t, s->items[i], clamp_width(s->items[i], 6, 10) + 2, 0, GL_ALIGN_RIGHT);
	t->col_cursor = col < 0 ? 0 : col >= t->ncols ? t->ncols - 1 : col;
	if (s->sort >= t->ncols)
		s->sort = 0;
	sort_titles(p);
	s->q.survey = a->survey;
	s->q.year = a->year;
	s->q.group_id = s->group_id;
	s->q.items = (const char *const *)s->items;
	s->q.nitems = s->nitems;
	s->q.sort = s->sort - 1;
	s->q.descending = s->descending;
	int64_t n = 0;
	st = gl_query_survey_matrix_count(a->store, &s->q, &n, err);
	if (st != GL_OK)
		return st;
	gl_table_set_empty(t, _("No results for this group"));
	gl_table_reset(t, n + 1);
	caption_matrix(p);
	return GL_OK;
}

/* e: the value in the cell under the cursor (a school and an item of the matrix) becomes
 * evidence for a finding. */
static unsigned survey_evidence(struct gl_pane *p)
{
	struct surveys *s = p->priv;
	struct gl_app *a = p->app;
	const struct gl_trow *r = gl_table_selected(&s->table);
	int col = s->table.col_cursor;
	if (s->detail_school > 0 || !r || r->id <= 0 || col < 1 || (size_t)col > s->nitems ||
		!a->survey) {
		gl_app_message(a, true, _("Choose a school's value in the table first (h/l: the item)"));
		return APP_OK_REDRAW;
	}
	struct gl_survey_result q = { .school_id = r->id, .survey = a->survey, .year = a->year,
		.group_id = s->group_id, .item = s->items[col - 1] };
	int64_t id = 0;
	struct gl_error err = { 0 };
	if (gl_store_survey_find(a->store, &q, &id, &err) != GL_OK) {
		gl_app_message(a, true, _("This school has no value for %s"), q.item);
		return APP_OK_REDRAW;
	}
	struct gl_str what = GL_STR_INIT, school = GL_STR_INIT;
	gl_store_school_name(a->store, r->id, &school, NULL);
	gl_str_printf(&what, "%s (%s, %s)", q.item, group_name(s, s->group_id),
		gl_str_cstr(&school));
	gl_str_finish(&school);
	unsigned f = app_evidence_open(a, GL_EVIDENCE_SURVEY, id, r->id, gl_str_cstr(&what));
	gl_str_finish(&what);
	return f;
}

static unsigned surveys_request(struct gl_pane *p, enum gl_action act)
{
	struct surveys *s = p->priv;
	struct gl_app *a = p->app;
	struct gl_table *t = &s->table;
	struct gl_error err = { 0 };
	switch (act) {
	case GL_ACT_ENTER: {
		const struct gl_trow *r = gl_table_selected(t);
		if (s->detail_school > 0 || !r || r->id <= 0)
			return GL_F_HANDLED;
		s->detail_school = r->id;
		s->matrix_cursor = t->cursor;
		s->matrix_col = t->col_cursor;
		t->cursor = t->top = 0;
		break;
	}
	case GL_ACT_BACK:
		if (s->detail_school <= 0)
			return 0;
		s->detail_school = 0;
		t->cursor = s->matrix_cursor;
		t->col_cursor = s->matrix_col;
		break;
	case GL_ACT_SORT:
		if (s->detail_school > 0 || t->col_cursor < 0)
			return GL_F_HANDLED;
		if (s->sort == t->col_cursor)
			s->descending = !s->descending;
		else
			s->descending = false;
		s->sort = t->col_cursor;
		t->cursor = 0;
		break;
	case GL_ACT_GROUP_NEXT: {
		if (s->detail_school > 0 || s->ngroups == 0)
			return GL_F_HANDLED;
		size_t i = 0;
		while (i < s->ngroups && s->groups[i].id != s->group_id)
			i++;
		s->group_id = s->groups[(i + 1) % s->ngroups].id;
		if (a->group_id)
			gl_app_set_group(a, s->group_id, &err);  /* the filter follows */
		gl_app_message(a, false, _("Respondent group: %s"), group_name(s, s->group_id));
		break;
	}
	case GL_ACT_EVIDENCE:
		return survey_evidence(p);
	case GL_ACT_MOVE_LEFT:
	case GL_ACT_MOVE_RIGHT: {
		unsigned f = gl_table_move(t, act);
		if (s->detail_school <= 0)
			caption_matrix(p);
		return f | GL_F_HANDLED;
	}
	default:
		return 0;
	}
	if (surveys_reload(p, &err) != GL_OK)
		app_error(a, &err);
	return GL_F_HANDLED | GL_F_REDRAW;
}

static enum gl_status surveys_init(struct gl_pane *p)
{
	struct surveys *s = calloc(1, sizeof *s);
	if (!s)
		return GL_ENOMEM;
	p->priv = s;
	gl_table_init(&s->table, surveys_fetch, p);
	s->table.col_cursor = 0;
	p->tables[0] = &s->table;
	p->ntables = 1;
	return GL_OK;
}

static void surveys_finish(struct gl_pane *p)
{
	struct surveys *s = p->priv;
	if (s) {
		groups_free(s);
		items_free(s);
		detail_free(s);
		free(s->detail_name);
		gl_table_finish(&s->table);
	}
	free(s);
	p->priv = NULL;
}

/* A survey value's link (from a finding's evidence): its survey, year and group, the cursor on
 * its cell (the school's row and the item's column, or the item's row in one school's view). */
static unsigned surveys_follow(struct gl_pane *p, const struct gl_link *link)
{
	struct surveys *s = p->priv;
	struct gl_app *a = p->app;
	if (link->kind != GL_LINK_SURVEY)
		return 0;
	struct gl_survey_result r;
	struct gl_str storage = GL_STR_INIT;
	struct gl_error err = { 0 };
	if (gl_store_survey_get(a->store, link->id, &r, &storage, &err) != GL_OK) {
		gl_str_finish(&storage);
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	app_set_survey(a, r.survey, r.year);
	s->group_id = r.group_id;
	if (a->group_id && a->group_id != r.group_id)
		gl_app_set_group(a, r.group_id, &err);
	p->stale = true;
	app_pane_prepare(p);
	struct gl_table *t = &s->table;
	if (s->detail_school > 0) {
		for (size_t i = 0; i < s->nrows; i++)
			if (s->rows[i].item && !strcmp(s->rows[i].item, r.item))
				gl_table_select_id(t, (int64_t)i + 1);
	} else {
		gl_table_select_id(t, r.school_id);
		for (size_t i = 0; i < s->nitems; i++)
			if (!strcmp(s->items[i], r.item))
				t->col_cursor = (int)i + 1;
		caption_matrix(p);
	}
	gl_str_finish(&storage);
	return APP_OK_REDRAW;
}

const struct gl_pane_ops gl_pane_surveys_ops = {
	.name = "surveys", .title = N_("Surveys"), .show = GL_ACT_PANE_SURVEYS,
	.scope = GL_SCOPE_GENERIC, .init = surveys_init, .reload = surveys_reload,
	.request = surveys_request, .follow = surveys_follow, .finish = surveys_finish,
};
