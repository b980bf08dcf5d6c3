/* The demo's workshop ranking (fixtures/demo/rounds.csv, ballots.csv, workshop.csv): the
 * municipality's finished round of six participants, with disagreement, a tie, dots and
 * impact/effort scores, and an open round at a school, so that the Ranking pane shows a result
 * and a workshop in progress.
 *
 * rounds.csv: school (empty: the municipality), round, state (open, revealed, closed).
 * ballots.csv: school, round, participant, order ("A > B = C").
 * workshop.csv: school, round, participant, area, dots, impact, effort (each may be empty).
 * Areas are named by title; the demo's findings step creates them. */
#include "import_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/ranking.h"

/* The development areas of the demo's levels (the findings step's fixed titles): made here
 * only when that step has not made them, so that the ranking has its candidates either way. */
static const struct { const char *school, *title; } demo_areas[] = {
	{ NULL, "Studiero i undervisningen" }, { NULL, "Behöriga lärare och kontinuitet" },
	{ NULL, "Elevhälsans tillgänglighet" }, { NULL, "Trygghet och kränkningar" },
	{ NULL, "Extra anpassningar i tid" }, { "Ekåsens skola", "Studiero på lektionerna" },
	{ "Ekåsens skola", "Vikarier och personalomsättning" },
	{ "Ekåsens skola", "Återkoppling på bedömning" },
};

#define MAX_COLS 7

struct demo_file {
	struct gl_store *s;
	const char *name;
	int which;  /* 0 rounds, 1 ballots, 2 workshop */
	int idx[MAX_COLS];
	struct csv_table table;
	struct gl_str f[MAX_COLS], scratch;
	/* rounds made, and their states to set at the end */
	int64_t rounds[16];
	char *states[16];
	size_t nrounds;
};

static const struct csv_column round_cols[] = {
	{ { "school", "skola", NULL }, false }, { { "round", "omgång", NULL }, true },
	{ { "state", "läge", NULL }, true } };
static const struct csv_column ballot_cols[] = {
	{ { "school", "skola", NULL }, false }, { { "round", "omgång", NULL }, true },
	{ { "participant", "deltagare", NULL }, true }, { { "order", "ordning", NULL }, true } };
static const struct csv_column workshop_cols[] = {
	{ { "school", "skola", NULL }, false }, { { "round", "omgång", NULL }, true },
	{ { "participant", "deltagare", NULL }, true }, { { "area", "område", NULL }, true },
	{ { "dots", "prickar", NULL }, false }, { { "impact", "effekt", NULL }, false },
	{ { "effort", "insats", NULL }, false } };

static enum gl_status at(const struct demo_file *d, long line, enum gl_status st,
	struct gl_error *err)
{
	return import_error_at(err, st, d->name, line);
}

/* The school of the row (0: the municipality). */
static enum gl_status level_of(struct demo_file *d, int64_t *school, struct gl_error *err)
{
	*school = 0;
	if (d->f[0].len == 0)
		return GL_OK;
	return gl_store_school_find(d->s, gl_str_cstr(&d->f[0]), school, err);
}

/* The round of the level named so in the row. */
static enum gl_status round_of(struct demo_file *d, int64_t school, int64_t *id,
	struct gl_error *err)
{
	struct gl_round *rounds;
	size_t n;
	enum gl_status st = gl_store_rounds(d->s, school, &rounds, &n, err);
	if (st != GL_OK)
		return st;
	*id = 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rounds[i].name, gl_str_cstr(&d->f[1])))
			*id = rounds[i].id;
	gl_rounds_free(rounds, n);
	if (!*id)
		return gl_error_set(err, GL_ENOTFOUND, "no round '%s' in rounds.csv",
			gl_str_cstr(&d->f[1]));
	return GL_OK;
}

static int small_int(const struct gl_str *f)
{
	long long v = 0;
	return f->len && text_parse_int(gl_str_cstr(f), 0, 100, &v) ? (int)v : -1;
}

static enum gl_status demo_row(void *ctx, const struct csv_row *row, struct gl_error *err)
{
	struct demo_file *d = ctx;
	bool is_header;
	enum gl_status st = csv_table_row(&d->table, row, d->f, &d->scratch, &is_header, err);
	if (st != GL_OK || is_header)
		return st;
	int64_t school = 0, round = 0;
	if ((st = level_of(d, &school, err)) != GL_OK)
		return at(d, row->line, st, err);
	if (d->which == 0) {
		if (d->nrounds >= sizeof d->rounds / sizeof d->rounds[0])
			return gl_error_set_at(err, GL_EFORMAT, d->name, row->line, "too many rounds");
		if ((st = gl_store_round_create(d->s, school, gl_str_cstr(&d->f[1]), 0, true, &round,
			err)) != GL_OK)
			return at(d, row->line, st, err);
		d->rounds[d->nrounds] = round;
		d->states[d->nrounds++] = gl_strdup(gl_str_cstr(&d->f[2]));
		return GL_OK;
	}
	if ((st = round_of(d, school, &round, err)) != GL_OK)
		return at(d, row->line, st, err);
	struct gl_area *areas;
	size_t n;
	if ((st = gl_store_areas(d->s, school, &areas, &n, err)) != GL_OK)
		return at(d, row->line, st, err);
	const char *who = gl_str_cstr(&d->f[2]);
	if (d->which == 1) {
		int *rank = calloc(n ? n : 1, sizeof *rank);
		int64_t *ids = calloc(n ? n : 1, sizeof *ids);
		if (!rank || !ids)
			st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		for (size_t i = 0; st == GL_OK && i < n; i++)
			ids[i] = areas[i].id;
		if (st == GL_OK)
			st = gl_rank_order_ranks(gl_str_cstr(&d->f[3]), areas, n, rank, err);
		if (st == GL_OK)
			st = gl_store_ballot_set(d->s, round, who, ids, rank, n, NULL, err);
		free(rank);
		free(ids);
	} else {
		size_t at_area = 0;
		st = gl_area_find(areas, n, gl_str_cstr(&d->f[3]), &at_area, err);
		int dots = small_int(&d->f[4]), impact = small_int(&d->f[5]),
			effort = small_int(&d->f[6]);
		if (st == GL_OK && dots > 0)
			st = gl_store_dots_set(d->s, round, who, areas[at_area].id, dots, err);
		if (st == GL_OK && (impact >= 0 || effort >= 0))
			st = gl_store_score_set(d->s, round, who, areas[at_area].id, impact, effort, err);
	}
	gl_areas_free(areas, n);
	return st == GL_OK ? GL_OK : at(d, row->line, st, err);
}

static enum gl_status read_file(struct demo_file *d, const char *dir, const char *file,
	int which, struct gl_error *err)
{
	static const struct csv_column *const cols[] = { round_cols, ballot_cols, workshop_cols };
	static const size_t ncols[] = { 3, 4, 7 };
	struct gl_str path = GL_STR_INIT;
	if (gl_str_printf(&path, "%s/%s", dir, file) != GL_OK)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	d->name = gl_str_cstr(&path);
	d->which = which;
	d->table = (struct csv_table){ d->name, cols[which], ncols[which], d->idx, 0, 0, 0 };
	enum gl_status st = csv_read_path(d->name, demo_row, d, err);
	d->name = NULL;
	gl_str_finish(&path);
	return st;
}

enum gl_status demo_ranking(struct gl_store *s, const char *dir, struct gl_error *err)
{
	enum gl_status st = GL_OK;
	for (size_t i = 0; st == GL_OK && i < sizeof demo_areas / sizeof demo_areas[0]; i++) {
		int64_t school = 0;
		if (demo_areas[i].school &&
			(st = gl_store_school_find(s, demo_areas[i].school, &school, err)) != GL_OK)
			break;
		struct gl_area *areas;
		size_t n, at_area;
		if ((st = gl_store_areas(s, school, &areas, &n, err)) != GL_OK)
			break;
		struct gl_error ignored = { 0 };
		bool have = gl_area_find(areas, n, demo_areas[i].title, &at_area, &ignored) == GL_OK;
		gl_areas_free(areas, n);
		if (!have) {
			struct gl_finding f = { .school_id = school, .kind = "area",
				.title = demo_areas[i].title };
			st = gl_store_finding_insert(s, &f, NULL, err);
		}
	}
	struct demo_file d = { .s = s };
	if (st == GL_OK)
		st = read_file(&d, dir, "rounds.csv", 0, err);
	if (st == GL_OK)
		st = read_file(&d, dir, "ballots.csv", 1, err);
	if (st == GL_OK)
		st = read_file(&d, dir, "workshop.csv", 2, err);
	for (size_t i = 0; i < d.nrounds; i++) {
		if (st == GL_OK && !strcmp(d.states[i], "revealed"))
			st = gl_store_round_set_state(s, d.rounds[i], GL_ROUND_REVEALED, err);
		else if (st == GL_OK && !strcmp(d.states[i], "closed"))
			st = gl_round_close(s, d.rounds[i], err);
		free(d.states[i]);
	}
	for (int i = 0; i < MAX_COLS; i++)
		gl_str_finish(&d.f[i]);
	gl_str_finish(&d.scratch);
	return st;
}
