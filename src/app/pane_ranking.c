/* The Ranking pane: a workshop ranks the development areas of the level shown (a school, or
 * the municipality) in rounds. The facilitator runs one participant's turn at a time on the
 * shared screen; between turns no ballot is visible, and results show once a round is
 * revealed: each method's order and where they disagree, Kendall's W in words, dots and the
 * impact/effort grid (docs/ranking.md). */
#include "genomlys/app.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "genomlys/i18n.h"
#include "genomlys/ranking.h"
#include "app_internal.h"

/* A row of the table: an area of the ballot in a turn, or of the round's result. */
struct area_row {
	size_t area;      /* index into the pane's areas (the result's, or the turn's) */
	int64_t id;       /* the finding */
};

struct ranking {
	struct gl_table table;
	struct gl_detail detail;
	int64_t round_id;            /* the round shown (0: the level's newest) */
	int64_t level;               /* the level it belongs to */
	struct gl_round_result res;  /* the round shown, with every method computed */
	bool have_res;
	/* a participant's turn: the ballot on the screen */
	bool turn;
	char *participant;
	size_t *slot;                /* slot[k]: the area (index into res.areas) at row k */
	bool *tied;                  /* the area at row k shares the place of the one above */
	bool *unranked;              /* the area at row k is unranked (these come last) */
};

static struct ranking *priv(struct gl_pane *p)
{
	return p->priv;
}

static bool results_visible(const struct ranking *r)
{
	return r->have_res && r->res.round.state != GL_ROUND_OPEN;
}

/* ---- drawing helpers: bars and the grid, in block characters readable without colour ---- */

/* A bar of value/max over width columns, in eighths of a block. */
static void bar(struct gl_str *out, double value, double max, int width)
{
	static const char *const part[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	if (!(max > 0) || !(value > 0))
		return;
	long eighths = lround(value / max * width * 8);
	for (long i = 0; i < eighths / 8; i++)
		gl_str_puts(out, "█");
	gl_str_puts(out, part[eighths % 8]);
}

/* The label of area i on the grid: 1-9, then A-Z. */
static char grid_label(size_t i)
{
	return i < 9 ? (char)('1' + i) : i < 35 ? (char)('A' + i - 9) : '+';
}

#define GRID_W 41   /* columns inside the frame: effort 1 at the left, 5 at the right */
#define GRID_H 11   /* rows: impact 5 at the top, 1 at the bottom */

/* " left          right": the names of two quadrants over the halves of the grid. */
static void quadrant_names(struct gl_str *line, const char *left, const char *right, int mx)
{
	gl_str_putc(line, ' ');
	gl_str_puts(line, left);
	for (int w = 1 + app_text_width(left); w < mx + 2; w++)
		gl_str_putc(line, ' ');
	gl_str_putc(line, ' ');
	gl_str_puts(line, right);
}

/* Appends the impact/effort 2x2 grid as lines of the detail view. */
static void grid_lines(struct gl_detail *d, const struct gl_round_result *r)
{
	/* cells of the grid as code points, so that the frame can be written in UTF-8 after */
	char cell[GRID_H][GRID_W];
	memset(cell, ' ', sizeof cell);
	int mx = GRID_W / 2, my = GRID_H / 2;
	for (size_t k = 0; k < r->n; k++) {
		size_t c = r->order[k];
		if (isnan(r->impact[c]) || isnan(r->effort[c]))
			continue;
		int x = (int)lround((r->effort[c] - 1) / 4 * (GRID_W - 1));
		int y = (int)lround((5 - r->impact[c]) / 4 * (GRID_H - 1));
		/* on the midpoint: the less attractive side, as gl_rank_quadrant_of */
		if (x == mx)
			x++;
		if (y == my)
			y++;
		for (int tries = 0; tries < GRID_W && cell[y][x] != ' '; tries++)
			x = x + 1 < GRID_W && x + 1 != mx ? x + 1 : x + 2 < GRID_W ? x + 2 : 0;
		cell[y][x] = grid_label(k);
	}
	const char *names[4] = { _(gl_rank_quadrant_name(GL_QUADRANT_QUICK_WIN)),
		_(gl_rank_quadrant_name(GL_QUADRANT_MAJOR_PROJECT)),
		_(gl_rank_quadrant_name(GL_QUADRANT_FILL_IN)),
		_(gl_rank_quadrant_name(GL_QUADRANT_THANKLESS)) };
	struct gl_str line = GL_STR_INIT;
	/* the quadrants' names above and below the frame, over their halves */
	quadrant_names(&line, names[0], names[1], mx);
	gl_detail_add(d, GL_CELL_TITLE, 2, NULL, "%s", gl_str_cstr(&line));
	gl_str_clear(&line);
	gl_str_puts(&line, "┌");
	for (int x = 0; x < GRID_W; x++)
		gl_str_puts(&line, x == mx ? "┬" : "─");
	gl_str_puts(&line, "┐ ");
	gl_str_puts(&line, _("high impact"));
	gl_detail_add(d, GL_CELL_NORMAL, 2, NULL, "%s", gl_str_cstr(&line));
	for (int y = 0; y < GRID_H; y++) {
		gl_str_clear(&line);
		gl_str_puts(&line, y == my ? "├" : "│");
		for (int x = 0; x < GRID_W; x++) {
			if (cell[y][x] != ' ')
				gl_str_putc(&line, cell[y][x]);
			else if (x == mx)
				gl_str_puts(&line, y == my ? "┼" : "│");
			else
				gl_str_puts(&line, y == my ? "─" : " ");
		}
		gl_str_puts(&line, y == my ? "┤" : "│");
		gl_detail_add(d, GL_CELL_NORMAL, 2, NULL, "%s", gl_str_cstr(&line));
	}
	gl_str_clear(&line);
	gl_str_puts(&line, "└");
	for (int x = 0; x < GRID_W; x++)
		gl_str_puts(&line, x == mx ? "┴" : "─");
	gl_str_puts(&line, "┘ ");
	gl_str_puts(&line, _("low impact"));
	gl_detail_add(d, GL_CELL_NORMAL, 2, NULL, "%s", gl_str_cstr(&line));
	gl_str_clear(&line);
	quadrant_names(&line, names[2], names[3], mx);
	gl_detail_add(d, GL_CELL_TITLE, 2, NULL, "%s", gl_str_cstr(&line));
	gl_detail_add(d, GL_CELL_DIM, 2, NULL, "%s", _(" low effort ←  → high effort"));
	gl_str_finish(&line);
}

/* ---- the round ---- */

static void turn_end(struct ranking *r)
{
	r->turn = false;
	free(r->participant);
	free(r->slot);
	free(r->tied);
	free(r->unranked);
	r->participant = NULL;
	r->slot = NULL;
	r->tied = r->unranked = NULL;
}

/* The ballot's places: 1 + the ranked areas before the start of a tie group; 0 unranked. */
static void turn_places(const struct ranking *r, int *place)
{
	size_t n = r->res.n;
	int current = 0;
	for (size_t k = 0; k < n; k++) {
		if (r->unranked[k]) {
			place[k] = 0;
			continue;
		}
		if (k == 0 || !r->tied[k] || r->unranked[k - 1])
			current = (int)k + 1;
		place[k] = current;
	}
}

static enum gl_status table_fetch(void *ctx, struct gl_table *t, int64_t offset, int64_t limit,
	struct gl_error *err)
{
	struct gl_pane *p = ctx;
	struct ranking *r = priv(p);
	const struct gl_round_result *res = &r->res;
	int *place = NULL;
	if (r->turn) {
		place = calloc(res->n ? res->n : 1, sizeof *place);
		if (!place)
			return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		turn_places(r, place);
	}
	double max_points = 0;
	int64_t max_dots = 0;
	for (size_t c = 0; results_visible(r) && c < res->n; c++) {
		if (res->borda[c] > max_points)
			max_points = res->borda[c];
		if (res->dots[c] > max_dots)
			max_dots = res->dots[c];
	}
	for (int64_t k = offset; k < offset + limit && k < (int64_t)res->n; k++) {
		size_t c = r->turn ? r->slot[k] : results_visible(r) ? res->order[k] : (size_t)k;
		struct gl_trow *row = gl_table_append(t, res->areas[c].id, 0);
		struct area_row *d = gl_table_row_data(t, row, sizeof *d);
		if (!row || !d) {
			free(place);
			return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		}
		d->area = c;
		d->id = res->areas[c].id;
		if (r->turn) {
			if (place[k])
				gl_table_cellf(t, row, 0, 0, "%s%d", r->tied[k] && k > 0 ? "= " : "", place[k]);
			else
				gl_table_cell(t, row, 0, "–", GL_CELL_DIM);
			gl_table_cell(t, row, 1, res->areas[c].title, place[k] ? 0 : GL_CELL_DIM);
			continue;
		}
		if (!results_visible(r)) {
			gl_table_cell(t, row, 0, res->areas[c].title, 0);
			continue;
		}
		struct gl_str b = GL_STR_INIT;
		char num[32];
		gl_table_cellf(t, row, 0, 0, "%zu", res->position[c]);
		gl_table_cell(t, row, 1, res->areas[c].title, 0);
		app_format_number(res->borda[c], num, sizeof num);
		gl_table_cell(t, row, 2, num, 0);
		bar(&b, res->borda[c], max_points, 8);
		gl_table_cell(t, row, 3, gl_str_cstr(&b), GL_CELL_AREA);
		gl_table_cellf(t, row, 4, res->differs[c] ? GL_CELL_LOW : 0, "%zu",
			res->borda_position[c]);
		gl_table_cellf(t, row, 5, res->differs[c] ? GL_CELL_LOW : 0, "%zu",
			res->schulze_position[c]);
		if (res->kemeny.computed)
			gl_table_cellf(t, row, 6, res->differs[c] ? GL_CELL_LOW : 0, "%zu",
				res->kemeny_position[c]);
		else
			gl_table_cell(t, row, 6, "–", GL_CELL_DIM);
		gl_table_cell(t, row, 7, res->differs[c] ? "≠" : "", GL_CELL_LOW);
		gl_table_cellf(t, row, 8, 0, "%lld", (long long)res->dots[c]);
		gl_str_clear(&b);
		bar(&b, (double)res->dots[c], (double)max_dots, 5);
		gl_table_cell(t, row, 9, gl_str_cstr(&b), GL_CELL_AREA);
		gl_table_cell(t, row, 10, _(gl_rank_quadrant_name(gl_rank_quadrant_of(res->impact[c],
			res->effort[c]))), 0);
		gl_str_finish(&b);
	}
	free(place);
	return GL_OK;
}

/* Columns for what the table shows now. */
static void table_columns(struct gl_pane *p)
{
	struct ranking *r = priv(p);
	struct gl_table *t = &r->table;
	gl_table_clear_columns(t);
	t->frozen = 0;
	if (r->turn) {
		gl_table_column(t, _("Place"), 7, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Development area"), 20, 1, GL_ALIGN_LEFT);
	} else if (!results_visible(r)) {
		gl_table_column(t, _("Development area"), 20, 1, GL_ALIGN_LEFT);
	} else {
		gl_table_column(t, "#", 2, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Development area"), 26, 1, GL_ALIGN_LEFT);
		gl_table_column(t, _("Points"), 6, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, "", 8, 0, GL_ALIGN_LEFT);
		gl_table_column(t, _("Borda"), 5, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Schulze"), 7, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Kemeny"), 6, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, "", 1, 0, GL_ALIGN_LEFT);
		gl_table_column(t, _("Dots"), 4, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, "", 5, 0, GL_ALIGN_LEFT);
		gl_table_column(t, _("Impact/effort"), 15, 0, GL_ALIGN_LEFT);
		t->frozen = 2;
		/* in a narrow terminal the area's name keeps a readable width (20, or what the
		 * names need): the bars give way first, then impact/effort, the dots and Kemeny,
		 * all of which the details (Enter) show */
		int need = 0;
		for (size_t c = 0; c < r->res.n; c++) {
			int w = app_text_width(r->res.areas[c].title);
			if (w > need)
				need = w;
		}
		gl_table_column_keep(t, 1, need < 20 ? need : 20);
		gl_table_column_hide(t, 3, 4);
		gl_table_column_hide(t, 9, 4);
		gl_table_column_hide(t, 10, 3);
		gl_table_column_hide(t, 8, 2);
		gl_table_column_hide(t, 6, 1);
	}
}

static void caption(struct gl_pane *p)
{
	struct gl_app *a = p->app;
	struct ranking *r = priv(p);
	struct gl_str *c = &p->caption;
	gl_str_clear(c);
	const char *level = a->school ? a->school : _("The municipality");
	if (!r->have_res) {
		if (a->school)
			gl_str_printf(c, _("Ranking for %s: no round yet"), a->school);
		else
			gl_str_puts(c, _("Ranking for the municipality: no round yet"));
		struct gl_str hints = GL_STR_INIT;
		gl_app_hint(a, &hints, GL_ACT_RANK_ROUND_NEW, _("new round"));
		if (hints.len)
			gl_str_printf(c, " · %s", gl_str_cstr(&hints));
		gl_str_finish(&hints);
		return;
	}
	const struct gl_round_result *res = &r->res;
	struct gl_str hints = GL_STR_INIT;
	if (r->turn) {
		gl_str_printf(c, _("%s's ballot (%s): put the areas in your order"), r->participant,
			res->round.name);
		gl_app_hint2(a, &hints, GL_ACT_RANK_AREA_DOWN, GL_ACT_RANK_AREA_UP, _("move"));
		gl_app_hint(a, &hints, GL_ACT_RANK_POSITION, _("position"));
		gl_app_hint(a, &hints, GL_ACT_RANK_TIE, _("tie"));
		gl_app_hint(a, &hints, GL_ACT_RANK_UNRANKED, _("unranked"));
		gl_app_hint(a, &hints, GL_ACT_ENTER, _("submit"));
		gl_app_hint(a, &hints, GL_ACT_BACK, _("cancel"));
	} else {
		gl_str_printf(c, _("%s · %s (%s)"), level, res->round.name,
			gl_round_state_words(res->round.state));
		gl_str_printf(c, ngettext(" · %zu ballot", " · %zu ballots", (unsigned long)res->m),
			res->m);
		if (results_visible(r)) {
			if (res->w.defined) {
				char w[32];
				app_format_fixed(res->w.w, 2, w, sizeof w);
				gl_str_printf(c, _(" · W %s: %s agreement"), w, _(res->w.words));
			}
			if (res->ndiffer)
				gl_str_printf(c, ngettext(" · methods disagree on %zu area (≠)",
					" · methods disagree on %zu areas (≠)", (unsigned long)res->ndiffer),
					res->ndiffer);
			else
				gl_str_puts(c, _(" · methods agree"));
			gl_app_hint(a, &hints, GL_ACT_ENTER, _("details"));
		} else {
			gl_str_puts(c, _(" · ballots hidden until revealed"));
		}
		if (res->round.state != GL_ROUND_CLOSED)
			gl_app_hint(a, &hints, GL_ACT_RANK_TURN, _("next participant"));
		gl_app_hint2(a, &hints, GL_ACT_RANK_ROUND_PREV, GL_ACT_RANK_ROUND_NEXT, _("round"));
	}
	if (hints.len)
		gl_str_printf(c, " · %s", gl_str_cstr(&hints));
	gl_str_finish(&hints);
}

static void table_refresh(struct gl_pane *p)
{
	struct ranking *r = priv(p);
	table_columns(p);
	int64_t cursor = r->table.cursor;
	gl_table_reset(&r->table, r->have_res ? (int64_t)r->res.n : 0);
	gl_table_set_empty(&r->table, r->have_res ? _("This level has no development areas (add "
		"them in Findings)") : _("No round yet: N starts one"));
	if (cursor > 0)
		gl_table_select(&r->table, cursor);
	caption(p);
}

static enum gl_status ranking_reload(struct gl_pane *p, struct gl_error *err)
{
	struct gl_app *a = p->app;
	struct ranking *r = priv(p);
	int64_t level = a->school_id > 0 ? a->school_id : 0;
	if (app_filter_moved(p) || level != r->level) {
		p->detail = NULL;
		turn_end(r);
		r->round_id = 0;
		r->level = level;
	}
	if (r->turn) {  /* a turn keeps its ballot; the areas stay as they were at its start */
		table_refresh(p);
		return GL_OK;
	}
	if (r->have_res)
		gl_round_result_finish(&r->res);
	r->have_res = false;
	int64_t id = r->round_id;
	enum gl_status st = GL_OK;
	if (!id) {
		st = gl_store_round_newest(a->store, level, false, &id, err);
		if (st == GL_ENOTFOUND) {
			gl_error_clear(err);
			st = GL_OK;
			id = 0;
		}
	}
	if (st == GL_OK && id) {
		st = gl_round_result_load(a->store, id, GL_METHOD_ALL, &r->res, err);
		if (st == GL_ENOTFOUND && r->round_id) {  /* the round went (undo): the newest */
			r->round_id = 0;
			gl_error_clear(err);
			return ranking_reload(p, err);
		} else if (st == GL_ENOTFOUND) {
			gl_error_clear(err);
			st = GL_OK;
		} else if (st == GL_OK) {
			r->have_res = true;
			r->round_id = id;
		}
	}
	table_refresh(p);
	return st;
}

/* ---- details: where the methods disagree, W, bar charts, the grid, the matrices ---- */

/* The level's rounds side by side: how agreement moved between votes (revealed rounds only). */
static void rounds_compared(struct gl_pane *p, struct gl_detail *d)
{
	struct ranking *r = priv(p);
	struct gl_round *rounds = NULL;
	size_t n = 0;
	struct gl_error err = { 0 };
	if (gl_store_rounds(p->app->store, r->level, &rounds, &n, &err) != GL_OK || n < 2) {
		gl_rounds_free(rounds, n);
		return;
	}
	gl_detail_add(d, GL_CELL_TITLE, 0, NULL, "%s", _("The level's rounds"));
	for (size_t i = 0; i < n; i++) {
		struct gl_round_result other;
		if (rounds[i].state == GL_ROUND_OPEN) {
			gl_detail_add(d, GL_CELL_DIM, 2, NULL, _("%s: not revealed yet"), rounds[i].name);
		} else if (gl_round_result_load(p->app->store, rounds[i].id, GL_METHOD_ALL, &other,
			&err) == GL_OK) {
			char w[32];
			app_format_fixed(other.w.w, 2, w, sizeof w);
			if (other.w.defined)
				gl_detail_add(d, GL_CELL_NORMAL, 2, NULL, _("%s: W = %s, %s agreement (%zu "
					"ballots)"), rounds[i].name, w, _(other.w.words), other.m);
			else
				gl_detail_add(d, GL_CELL_NORMAL, 2, NULL, ngettext("%s: W undefined (%zu "
					"ballot)", "%s: W undefined (%zu ballots)", other.m), rounds[i].name, other.m);
			gl_round_result_finish(&other);
		}
	}
	gl_rounds_free(rounds, n);
}

static void details_show(struct gl_pane *p)
{
	struct ranking *r = priv(p);
	const struct gl_round_result *res = &r->res;
	struct gl_detail *d = &r->detail;
	gl_detail_clear(d);
	gl_detail_set_title(d, res->round.name);
	char num[32], num2[32];
	gl_detail_add(d, GL_CELL_TITLE, 0, NULL, ngettext("%s: %zu ballot (%s)",
		"%s: %zu ballots (%s)", res->m), res->round.name, res->m,
		gl_round_state_words(res->round.state));
	gl_detail_add(d, GL_CELL_TITLE, 0, NULL, "%s", _("Agreement (Kendall's W)"));
	char wtext[32], chi2[32], pv[32];
	app_format_fixed(res->w.w, 3, wtext, sizeof wtext);
	app_format_fixed(res->w.chi2, 2, chi2, sizeof chi2);
	app_format_fixed(res->w.p, 4, pv, sizeof pv);
	if (res->w.defined)
		gl_detail_add(d, GL_CELL_NORMAL, 2, NULL, _("W = %s: %s agreement (chi-square %s, "
			"df %zu, p = %s)"), wtext, _(res->w.words), chi2, res->w.df, pv);
	else
		gl_detail_add(d, GL_CELL_NORMAL, 2, NULL, _("W is undefined: %s"), _(res->w.why));
	rounds_compared(p, d);
	gl_detail_add(d, GL_CELL_TITLE, 0, NULL, "%s", _("The methods"));
	if (!res->kemeny.computed)
		gl_detail_add(d, GL_CELL_NORMAL, 2, NULL, _("Kemeny-Young is not computed for more than "
			"%d areas."), GL_RANK_KEMENY_MAX);
	if (res->ndiffer == 0)
		gl_detail_add(d, GL_CELL_NORMAL, 2, NULL, "%s", _("Borda, Schulze and Kemeny-Young "
			"agree on every position."));
	for (size_t k = 0; k < res->n; k++) {
		size_t c = res->order[k];
		if (!res->differs[c])
			continue;
		struct gl_link link = { GL_LINK_FINDING, res->areas[c].id, 0, 0 };
		if (res->kemeny.computed)
			gl_detail_add(d, GL_CELL_LINK, 2, &link, _("≠ %s: Borda %zu, Schulze %zu, Kemeny %zu"),
				res->areas[c].title, res->borda_position[c], res->schulze_position[c],
				res->kemeny_position[c]);
		else
			gl_detail_add(d, GL_CELL_LINK, 2, &link, _("≠ %s: Borda %zu, Schulze %zu"),
				res->areas[c].title, res->borda_position[c], res->schulze_position[c]);
	}
	gl_detail_add(d, GL_CELL_TITLE, 0, NULL, ngettext("Impact and effort (%zu participant "
		"scored)", "Impact and effort (%zu participants scored)",
		(unsigned long)res->score_participants), res->score_participants);
	grid_lines(d, res);
	for (size_t k = 0; k < res->n; k++) {
		size_t c = res->order[k];
		struct gl_link link = { GL_LINK_FINDING, res->areas[c].id, 0, 0 };
		if (isnan(res->impact[c])) {
			gl_detail_add(d, GL_CELL_LINK, 2, &link, _("%c %s: not scored"), grid_label(k),
				res->areas[c].title);
			continue;
		}
		app_format_value(res->impact[c], num, sizeof num);
		app_format_value(res->effort[c], num2, sizeof num2);
		gl_detail_add(d, GL_CELL_LINK, 2, &link, _("%c %s: impact %s, effort %s: %s"),
			grid_label(k), res->areas[c].title, num, num2,
			_(gl_rank_quadrant_name(gl_rank_quadrant_of(res->impact[c], res->effort[c]))));
	}
	/* bar charts: Borda points and dots, in the Schulze order */
	double max_points = 0;
	int64_t max_dots = 0;
	int width = 0;
	for (size_t c = 0; c < res->n; c++) {
		if (res->borda[c] > max_points)
			max_points = res->borda[c];
		if (res->dots[c] > max_dots)
			max_dots = res->dots[c];
		int w = app_text_width(res->areas[c].title);
		if (w > width)
			width = w;
	}
	if (width > 36)
		width = 36;
	struct gl_str line = GL_STR_INIT, b = GL_STR_INIT, title = GL_STR_INIT;
	for (int chart = 0; chart < 2; chart++) {
		gl_detail_add(d, GL_CELL_TITLE, 0, NULL, "%s", chart == 0 ? _("Borda points") :
			_("Dots"));
		for (size_t k = 0; k < res->n; k++) {
			size_t c = res->order[k];
			gl_str_clear(&b);
			if (chart == 0) {
				bar(&b, res->borda[c], max_points, 30);
				app_format_number(res->borda[c], num, sizeof num);
			} else {
				bar(&b, (double)res->dots[c], (double)max_dots, 30);
				snprintf(num, sizeof num, "%lld", (long long)res->dots[c]);
			}
			gl_str_clear(&title);
			app_quote(res->areas[c].title, 0, strlen(res->areas[c].title), 200, &title);
			gl_str_clear(&line);
			gl_str_puts(&line, gl_str_cstr(&title));
			for (int pad = app_text_width(gl_str_cstr(&title)); pad < width; pad++)
				gl_str_putc(&line, ' ');
			gl_str_printf(&line, " %5s %s", num, gl_str_cstr(&b));
			gl_detail_add(d, GL_CELL_NORMAL, 2, NULL, "%s", gl_str_cstr(&line));
		}
	}
	/* the matrices: row i, column j; areas by their number in the Schulze order */
	for (int m = 0; m < 2; m++) {
		const size_t *mx = m == 0 ? res->pairwise : res->paths;
		gl_detail_add(d, GL_CELL_TITLE, 0, NULL, "%s", m == 0 ?
			_("Pairwise preferences: ballots that put the row's area ahead of the column's") :
			_("Strongest paths (Schulze): the row beats the column when its number is larger"));
		gl_str_clear(&line);
		gl_str_puts(&line, "    ");
		for (size_t j = 0; j < res->n; j++)
			gl_str_printf(&line, " %4c", grid_label(j));
		gl_detail_add(d, GL_CELL_DIM, 2, NULL, "%s", gl_str_cstr(&line));
		for (size_t i = 0; i < res->n; i++) {
			size_t ci = res->order[i];
			gl_str_clear(&line);
			gl_str_printf(&line, "%4c", grid_label(i));
			for (size_t j = 0; j < res->n; j++) {
				size_t cj = res->order[j];
				if (i == j)
					gl_str_puts(&line, "    ·");
				else
					gl_str_printf(&line, " %4zu", mx[ci * res->n + cj]);
			}
			gl_detail_add(d, GL_CELL_NORMAL, 2, NULL, "%s", gl_str_cstr(&line));
		}
	}
	gl_detail_add(d, GL_CELL_TITLE, 0, NULL, "%s", _("The ballots"));
	for (size_t i = 0; i < res->m; i++) {
		gl_round_ballot_text(res, i, &line);
		gl_detail_add(d, GL_CELL_NORMAL, 2, NULL, "%s: %s", res->participants[i],
			line.len ? gl_str_cstr(&line) : _("(nothing ranked)"));
	}
	gl_str_finish(&line);
	gl_str_finish(&b);
	gl_str_finish(&title);
	d->cursor = d->top = 0;
	p->detail = d;
}

/* ---- actions and their dialogs ---- */

/* What the pane's dialogs need: the pane, the participant typed, the area chosen. */
struct rank_ctx {
	struct gl_pane *p;
	int64_t round_id;
	int64_t area_id;
	char *area;
	char *participant;
	char *name;   /* a new round's name, then its dots, while its dialogs ask */
	int dots;
};

static void rank_ctx_free(void *ctx)
{
	struct rank_ctx *c = ctx;
	if (!c)
		return;
	free(c->area);
	free(c->participant);
	free(c->name);
	free(c);
}

static struct rank_ctx *rank_ctx_new(struct gl_pane *p)
{
	struct ranking *r = priv(p);
	struct rank_ctx *c = app_dialog_ctx(sizeof *c);
	if (!c)
		return NULL;
	c->p = p;
	c->round_id = r->have_res ? r->res.round.id : 0;
	const struct area_row *row = gl_table_selected_data(&r->table);
	if (row && r->have_res) {
		c->area_id = row->id;
		c->area = gl_strdup(r->res.areas[row->area].title);
	}
	return c;
}

/* Ends one undo step: the message on success, the error otherwise; the panes read again. */
static unsigned step_done(struct gl_app *a, enum gl_status st, struct gl_error *err,
	const char *label, const char *done)
{
	st = app_step_end(a, st, err, "%s", label);
	if (st == GL_OK)
		gl_app_message(a, false, "%s", done);
	else
		app_error(a, err);
	app_changed(a);
	return APP_OK_REDRAW;
}

/* A new round: its name, then its dots per participant, then whether dots may be stacked; the
 * round is made when the last is answered, in one undo step. */
static unsigned round_stacking_accept(struct gl_app *a, void *ctx,
	const struct gl_dialog_result *d)
{
	struct rank_ctx *c = ctx;
	struct ranking *r = priv(c->p);
	bool stacking;
	if (!strcasecmp(d->text, "y") || !strcasecmp(d->text, "yes") || !strcasecmp(d->text, "j") ||
		!strcasecmp(d->text, "ja"))
		stacking = true;
	else if (!strcasecmp(d->text, "n") || !strcasecmp(d->text, "no") ||
		!strcasecmp(d->text, "nej"))
		stacking = false;
	else {
		gl_app_message(a, true, "%s", _("Answer y or n: may a participant put several dots on "
			"one area?"));
		return APP_OK_REDRAW;
	}
	struct gl_error err = { 0 };
	int64_t id = 0;
	const char *name = c->name ? c->name : "";
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_round_create(a->store, r->level, name, c->dots, stacking, &id, &err);
	if (st == GL_OK)
		r->round_id = id;
	struct gl_str done = GL_STR_INIT;
	if (*name)
		gl_str_printf(&done, _("A new round: %s (t starts a participant's turn; u undoes)"),
			name);
	else
		gl_str_puts(&done, _("A new round (t starts a participant's turn; u undoes)"));
	unsigned f = step_done(a, st, &err, _("new round"), gl_str_cstr(&done));
	gl_str_finish(&done);
	return f;
}

static unsigned round_dots_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *d)
{
	struct rank_ctx *c = ctx;
	char *end = NULL;
	long dots = strtol(d->text, &end, 10);
	if (!*d->text || *end || dots < 1 || dots > 100) {
		gl_app_message(a, true, "%s", _("A round's dots per participant are a whole number "
			"from 1 to 100"));
		return APP_OK_REDRAW;
	}
	c->dots = (int)dots;
	struct gl_dialog next = { "rank-round-stacking", round_stacking_accept, c, rank_ctx_free };
	/* TRANSLATORS: the answer yes (pre-filled); y, yes, j and ja are all accepted */
	app_input_open(a, &next, _("May a participant put several dots on one area? (y/n):"),
		_("y"));
	return APP_OK_REDRAW;
}

static unsigned round_new_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *d)
{
	struct rank_ctx *c = ctx;
	struct ranking *r = priv(c->p);
	free(c->name);
	c->name = gl_strdup(d->text);
	int dots = 0;
	struct gl_error err = { 0 };
	if (gl_store_round_dots_default(a->store, r->level, &dots, &err) != GL_OK) {
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	char text[16];
	snprintf(text, sizeof text, "%d", dots);
	struct gl_dialog next = { "rank-round-dots", round_dots_accept, c, rank_ctx_free };
	app_input_open(a, &next, _("Dots per participant in the round (1-100):"), text);
	return APP_OK_REDRAW;
}

static unsigned state_accept(struct gl_app *a, void *ctx, enum gl_round_state state)
{
	struct rank_ctx *c = ctx;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = state == GL_ROUND_CLOSED ? gl_round_close(a->store, c->round_id, &err) :
			gl_store_round_set_state(a->store, c->round_id, state, &err);
	return step_done(a, st, &err, state == GL_ROUND_CLOSED ? _("close round") :
		_("reveal round"), state == GL_ROUND_CLOSED ? _("The round is closed: its order is the "
		"level's order in the development plan") : _("The round is revealed: its results show"));
}

static unsigned reveal_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *d)
{
	(void)d;
	return state_accept(a, ctx, GL_ROUND_REVEALED);
}

static unsigned close_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *d)
{
	(void)d;
	return state_accept(a, ctx, GL_ROUND_CLOSED);
}

static unsigned turn_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *d)
{
	struct rank_ctx *c = ctx;
	struct gl_pane *p = c->p;
	struct ranking *r = priv(p);
	if (!*d->text || !r->have_res || r->res.n == 0)
		return APP_OK_REDRAW;
	size_t n = r->res.n;
	turn_end(r);
	r->participant = gl_strdup(d->text);
	r->slot = calloc(n, sizeof *r->slot);
	r->tied = calloc(n, sizeof *r->tied);
	r->unranked = calloc(n, sizeof *r->unranked);
	if (!r->participant || !r->slot || !r->tied || !r->unranked) {
		turn_end(r);
		return APP_OK_REDRAW;
	}
	for (size_t k = 0; k < n; k++)
		r->slot[k] = k;
	r->turn = true;
	p->detail = NULL;
	r->table.cursor = 0;
	table_refresh(p);
	gl_app_message(a, false, _("%s's turn: the others look away"), d->text);
	return APP_OK_REDRAW;
}

static unsigned position_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *d)
{
	struct rank_ctx *c = ctx;
	struct gl_pane *p = c->p;
	struct ranking *r = priv(p);
	if (!r->turn)
		return APP_OK_REDRAW;
	size_t n = r->res.n, ranked = 0;
	for (size_t k = 0; k < n; k++)
		ranked += !r->unranked[k];
	char *end = NULL;
	long want = strtol(d->text, &end, 10);
	if (!*d->text || *end || want < 1 || want > (long)n) {
		gl_app_message(a, true, _("A position is a number from 1 to %zu"), n);
		return APP_OK_REDRAW;
	}
	size_t from = (size_t)r->table.cursor, to = (size_t)want - 1;
	if (r->unranked[from]) {  /* a typed position ranks it */
		r->unranked[from] = false;
		ranked++;
	}
	if (to >= ranked)
		to = ranked - 1;
	size_t area = r->slot[from];
	bool tie = false;
	if (from < to)
		for (size_t k = from; k < to; k++) {
			r->slot[k] = r->slot[k + 1];
			r->tied[k] = r->tied[k + 1];
			r->unranked[k] = r->unranked[k + 1];
		}
	else
		for (size_t k = from; k > to; k--) {
			r->slot[k] = r->slot[k - 1];
			r->tied[k] = r->tied[k - 1];
			r->unranked[k] = r->unranked[k - 1];
		}
	r->slot[to] = area;
	r->tied[to] = tie;
	r->unranked[to] = false;
	r->tied[0] = false;
	table_refresh(p);
	gl_table_select(&r->table, (int64_t)to);
	return APP_OK_REDRAW;
}

static unsigned discard_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *d)
{
	(void)d;
	struct rank_ctx *c = ctx;
	struct ranking *r = priv(c->p);
	turn_end(r);
	table_refresh(c->p);
	gl_app_message(a, false, "%s", _("The ballot was not saved"));
	return APP_OK_REDRAW;
}

/* Enter in a turn: the ballot is saved and the screen shows no one's ballot again. */
static unsigned turn_submit(struct gl_pane *p)
{
	struct gl_app *a = p->app;
	struct ranking *r = priv(p);
	size_t n = r->res.n;
	int *place = calloc(n, sizeof *place), *rank = calloc(n, sizeof *rank);
	int64_t *ids = calloc(n, sizeof *ids);
	struct gl_error err = { 0 };
	enum gl_status st = GL_ENOMEM;
	bool replaced = false;
	if (place && rank && ids) {
		turn_places(r, place);
		for (size_t k = 0; k < n; k++) {
			ids[k] = r->res.areas[k].id;
			rank[r->slot[k]] = place[k];
		}
		st = app_step_begin(a, &err);
		if (st == GL_OK)
			st = gl_store_ballot_set(a->store, r->res.round.id, r->participant, ids, rank, n,
				&replaced, &err);
	} else {
		gl_error_set(&err, st, "%s", gl_status_str(st));
	}
	free(place);
	free(rank);
	free(ids);
	struct gl_str label = GL_STR_INIT, done = GL_STR_INIT;
	gl_str_printf(&label, _("ballot of %s"), r->participant);
	gl_str_printf(&done, replaced ? _("%s's ballot replaced the earlier one: pass the keyboard "
		"to the next participant") : _("%s's ballot is saved: pass the keyboard to the next "
		"participant"), r->participant);
	st = app_step_end(a, st, &err, "%s", gl_str_cstr(&label));
	if (st == GL_OK) {
		turn_end(r);
		gl_app_message(a, false, "%s", gl_str_cstr(&done));
	} else {
		app_error(a, &err);
	}
	gl_str_finish(&label);
	gl_str_finish(&done);
	app_changed(a);
	return APP_OK_REDRAW;
}

/* Dots and scores: the participant first, then the number(s), in one chain of dialogs. */
static unsigned dots_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *d)
{
	struct rank_ctx *c = ctx;
	char *end = NULL;
	long dots = strtol(d->text, &end, 10);
	if (!*d->text || *end || dots < 0 || dots > 100) {
		gl_app_message(a, true, "%s", _("Dots are a whole number, 0 or more"));
		return APP_OK_REDRAW;
	}
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_dots_set(a->store, c->round_id, c->participant, c->area_id, (int)dots,
			&err);
	struct gl_str done = GL_STR_INIT;
	gl_str_printf(&done, ngettext("%s: %ld dot on %s", "%s: %ld dots on %s",
		(unsigned long)dots), c->participant, dots, c->area);
	unsigned f = step_done(a, st, &err, _("dots"), gl_str_cstr(&done));
	gl_str_finish(&done);
	return f;
}

static unsigned score_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *d)
{
	struct rank_ctx *c = ctx;
	int impact = 0, effort = 0;
	char extra = 0;
	if (sscanf(d->text, "%d %d %c", &impact, &effort, &extra) != 2 || impact < 1 ||
		impact > 5 || effort < 1 || effort > 5) {
		gl_app_message(a, true, "%s", _("Write impact and effort, each 1 to 5: \"4 2\""));
		return APP_OK_REDRAW;
	}
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_score_set(a->store, c->round_id, c->participant, c->area_id, impact,
			effort, &err);
	struct gl_str done = GL_STR_INIT;
	gl_str_printf(&done, _("%s scored %s: impact %d, effort %d"), c->participant, c->area,
		impact, effort);
	unsigned f = step_done(a, st, &err, _("impact and effort"), gl_str_cstr(&done));
	gl_str_finish(&done);
	return f;
}

static unsigned who_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *d, bool dots)
{
	struct rank_ctx *c = ctx;
	if (!*d->text)
		return APP_OK_REDRAW;
	free(c->participant);
	c->participant = gl_strdup(d->text);
	struct gl_str title = GL_STR_INIT;
	struct gl_dialog next = { dots ? "rank-dots" : "rank-score", dots ? dots_accept :
		score_accept, c, rank_ctx_free };
	int64_t spent = 0;
	struct ranking *r = priv(c->p);
	if (dots && r->have_res && gl_store_dots_spent(a->store, c->round_id, d->text, &spent,
		NULL) == GL_OK)
		gl_str_printf(&title, _("%s's dots on %s (%lld of %d spent; %s):"), d->text, c->area,
			(long long)spent, r->res.round.dots, r->res.round.stacking ?
			_("several on one area allowed") : _("one per area"));
	else if (dots)
		gl_str_printf(&title, _("%s's dots on %s:"), d->text, c->area);
	else
		gl_str_printf(&title, _("%s's impact and effort of %s (1-5 each, e.g. 4 2):"), d->text,
			c->area);
	app_input_open(a, &next, gl_str_cstr(&title), "");
	gl_str_finish(&title);
	return APP_OK_REDRAW;
}

static unsigned dots_who_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *d)
{
	return who_accept(a, ctx, d, true);
}

static unsigned score_who_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *d)
{
	return who_accept(a, ctx, d, false);
}

/* Moves the selected area of the ballot one row down (+1) or up (-1), within its group. */
static unsigned turn_move(struct gl_pane *p, int delta)
{
	struct ranking *r = priv(p);
	int64_t k = r->table.cursor, j = k + delta;
	if (j < 0 || j >= (int64_t)r->res.n || r->unranked[k] != r->unranked[j])
		return APP_OK_REDRAW;
	size_t s = r->slot[k];
	r->slot[k] = r->slot[j];
	r->slot[j] = s;
	bool t = r->tied[k];
	r->tied[k] = r->tied[j];
	r->tied[j] = t;
	r->tied[0] = false;
	table_refresh(p);
	gl_table_select(&r->table, j);
	return APP_OK_REDRAW;
}

/* '-': an area leaves the ranking for the bottom, or comes back at the end of the ranked. */
static unsigned turn_unranked(struct gl_pane *p)
{
	struct ranking *r = priv(p);
	size_t n = r->res.n, k = (size_t)r->table.cursor;
	size_t area = r->slot[k];
	bool now = !r->unranked[k];
	for (size_t i = k; i + 1 < n; i++) {
		r->slot[i] = r->slot[i + 1];
		r->tied[i] = r->tied[i + 1];
		r->unranked[i] = r->unranked[i + 1];
	}
	/* the ranked ones first, then the unranked */
	size_t ranked = 0;
	for (size_t i = 0; i + 1 < n; i++)
		ranked += !r->unranked[i];
	size_t to = now ? n - 1 : ranked;
	for (size_t i = n - 1; i > to; i--) {
		r->slot[i] = r->slot[i - 1];
		r->tied[i] = r->tied[i - 1];
		r->unranked[i] = r->unranked[i - 1];
	}
	r->slot[to] = area;
	r->tied[to] = false;
	r->unranked[to] = now;
	r->tied[0] = false;
	table_refresh(p);
	gl_table_select(&r->table, (int64_t)(now ? k : to));
	return APP_OK_REDRAW;
}

static unsigned ranking_request(struct gl_pane *p, enum gl_action act)
{
	struct gl_app *a = p->app;
	struct ranking *r = priv(p);
	if (p->detail)
		return 0;
	if (r->turn) {
		switch (act) {
		case GL_ACT_RANK_AREA_DOWN: return turn_move(p, 1);
		case GL_ACT_RANK_AREA_UP: return turn_move(p, -1);
		case GL_ACT_RANK_TIE: {
			int64_t k = r->table.cursor;
			if (k > 0 && !r->unranked[k])
				r->tied[k] = !r->tied[k];
			table_refresh(p);
			return APP_OK_REDRAW;
		}
		case GL_ACT_RANK_UNRANKED: return turn_unranked(p);
		case GL_ACT_RANK_POSITION: {
			struct rank_ctx *c = rank_ctx_new(p);
			if (!c)
				return APP_OK_REDRAW;
			struct gl_str title = GL_STR_INIT;
			gl_str_printf(&title, _("Position of %s (1-%zu):"), c->area ? c->area : "",
				r->res.n);
			struct gl_dialog d = { "rank-position", position_accept, c, rank_ctx_free };
			app_input_open(a, &d, gl_str_cstr(&title), "");
			gl_str_finish(&title);
			return APP_OK_REDRAW;
		}
		case GL_ACT_ENTER: return turn_submit(p);
		case GL_ACT_BACK: {
			struct rank_ctx *c = rank_ctx_new(p);
			if (!c)
				return APP_OK_REDRAW;
			struct gl_str q = GL_STR_INIT;
			gl_str_printf(&q, _("Discard %s's ballot without saving it?"), r->participant);
			struct gl_dialog d = { "rank-discard", discard_accept, c, rank_ctx_free };
			app_confirm_open(a, &d, gl_str_cstr(&q));
			gl_str_finish(&q);
			return APP_OK_REDRAW;
		}
		case GL_ACT_MOVE_DOWN: case GL_ACT_MOVE_UP: case GL_ACT_PAGE_DOWN: case GL_ACT_PAGE_UP:
		case GL_ACT_MOVE_FIRST: case GL_ACT_MOVE_LAST: case GL_ACT_HELP: case GL_ACT_REDRAW:
		case GL_ACT_PROMPT: case GL_ACT_QUIT:
			return 0;
		default:
			/* nothing else during a turn: another pane would show the ballot to the room */
			gl_app_message(a, true, _("Finish %s's ballot first (Enter submits, Esc cancels)"),
				r->participant);
			return APP_OK_REDRAW;
		}
	}
	switch (act) {
	case GL_ACT_RANK_ROUND_NEW: {
		struct rank_ctx *c = rank_ctx_new(p);
		if (!c)
			return APP_OK_REDRAW;
		struct gl_dialog d = { "rank-round-new", round_new_accept, c, rank_ctx_free };
		app_input_open(a, &d, _("Name of the new round (empty: numbered):"), "");
		return APP_OK_REDRAW;
	}
	case GL_ACT_RANK_ROUND_PREV:
	case GL_ACT_RANK_ROUND_NEXT: {
		struct gl_round *rounds = NULL;
		size_t n = 0, at = 0;
		struct gl_error err = { 0 };
		if (gl_store_rounds(a->store, r->level, &rounds, &n, &err) != GL_OK) {
			app_error(a, &err);
			return APP_OK_REDRAW;
		}
		for (size_t i = 0; i < n; i++)
			if (rounds[i].id == r->round_id)
				at = i;
		if (act == GL_ACT_RANK_ROUND_PREV && at > 0)
			r->round_id = rounds[at - 1].id;
		else if (act == GL_ACT_RANK_ROUND_NEXT && at + 1 < n)
			r->round_id = rounds[at + 1].id;
		gl_rounds_free(rounds, n);
		p->stale = true;
		return APP_OK_REDRAW;
	}
	default:
		break;
	}
	if (act != GL_ACT_RANK_TURN && act != GL_ACT_RANK_REVEAL && act != GL_ACT_RANK_CLOSE &&
		act != GL_ACT_RANK_DOTS && act != GL_ACT_RANK_SCORE && act != GL_ACT_ENTER)
		return 0;
	if (!r->have_res) {
		gl_app_message(a, true, "%s", _("No round yet: N starts one"));
		return APP_OK_REDRAW;
	}
	if (act == GL_ACT_ENTER) {
		if (results_visible(r) && r->res.n)
			details_show(p);
		else
			gl_app_message(a, false, "%s", _("The results show when the round is revealed"));
		return APP_OK_REDRAW;
	}
	if (r->res.round.state == GL_ROUND_CLOSED) {
		gl_app_message(a, true, "%s", _("This round is closed (N starts a new one)"));
		return APP_OK_REDRAW;
	}
	if (r->res.n == 0) {
		gl_app_message(a, true, "%s", _("This level has no development areas to rank"));
		return APP_OK_REDRAW;
	}
	struct rank_ctx *c = rank_ctx_new(p);
	if (!c)
		return APP_OK_REDRAW;
	struct gl_str q = GL_STR_INIT;
	struct gl_dialog d = { NULL, NULL, c, rank_ctx_free };
	switch (act) {
	case GL_ACT_RANK_TURN:
		d.name = "rank-turn";
		d.accept = turn_accept;
		app_input_open(a, &d, _("Whose turn? The participant's name:"), "");
		break;
	case GL_ACT_RANK_REVEAL:
		if (r->res.round.state != GL_ROUND_OPEN) {
			rank_ctx_free(c);
			gl_app_message(a, true, "%s", _("This round is revealed already"));
			break;
		}
		d.name = "rank-reveal";
		d.accept = reveal_accept;
		gl_str_printf(&q, ngettext("Reveal %s? Its results (%zu ballot) show to everyone.",
			"Reveal %s? Its results (%zu ballots) show to everyone.", (unsigned long)r->res.m),
			r->res.round.name, r->res.m);
		app_confirm_open(a, &d, gl_str_cstr(&q));
		break;
	case GL_ACT_RANK_CLOSE:
		d.name = "rank-close";
		d.accept = close_accept;
		gl_str_printf(&q, _("Close %s? It becomes read-only, and its order the level's order "
			"in the development plan."), r->res.round.name);
		app_confirm_open(a, &d, gl_str_cstr(&q));
		break;
	case GL_ACT_RANK_DOTS:
	case GL_ACT_RANK_SCORE:
		if (!c->area) {
			rank_ctx_free(c);
			break;
		}
		d.name = act == GL_ACT_RANK_DOTS ? "rank-dots-who" : "rank-score-who";
		d.accept = act == GL_ACT_RANK_DOTS ? dots_who_accept : score_who_accept;
		gl_str_printf(&q, act == GL_ACT_RANK_DOTS ? _("Who puts dots on %s? The participant's "
			"name:") : _("Who scores %s? The participant's name:"), c->area);
		app_input_open(a, &d, gl_str_cstr(&q), "");
		break;
	default:
		rank_ctx_free(c);
		break;
	}
	gl_str_finish(&q);
	return APP_OK_REDRAW;
}

static enum gl_status ranking_init(struct gl_pane *p)
{
	struct ranking *r = calloc(1, sizeof *r);
	if (!r)
		return GL_ENOMEM;
	p->priv = r;
	gl_table_init(&r->table, table_fetch, p);
	gl_detail_init(&r->detail);
	p->tables[0] = &r->table;
	p->ntables = 1;
	r->level = -1;
	return GL_OK;
}

static void ranking_finish(struct gl_pane *p)
{
	struct ranking *r = priv(p);
	if (r) {
		turn_end(r);
		if (r->have_res)
			gl_round_result_finish(&r->res);
		gl_table_finish(&r->table);
		gl_detail_finish(&r->detail);
	}
	free(r);
	p->priv = NULL;
	p->detail = NULL;
}

static bool ranking_holds_screen(struct gl_pane *p)
{
	struct ranking *r = priv(p);
	return r && r->turn;
}

const struct gl_pane_ops gl_pane_ranking_ops = {
	.name = "ranking", .title = N_("Ranking"), .show = GL_ACT_PANE_RANKING,
	.scope = GL_SCOPE_RANKING, .init = ranking_init, .reload = ranking_reload,
	.request = ranking_request, .finish = ranking_finish,
	.holds_screen = ranking_holds_screen,
};
