/* The findings pane: strengths, development areas and challenges of a school or the
 * municipality, side by side, in the group's order; add, edit, reorder, move and delete them
 * (each one undo step); Enter shows a finding with its evidence (gl_plan_read_finding). */
#include "genomlys/app.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/ranking.h"
#include "genomlys/num.h"
#include "genomlys/plan.h"
#include "genomlys/queries.h"
#include "app_internal.h"

/* What a row carries: the finding as read. */
struct finding_row {
	int64_t id;
	char *title, *description, *author, *created_at;
	int64_t evidence;
};

static void finding_row_finish(void *data)
{
	struct finding_row *f = data;
	free(f->title);
	free(f->description);
	free(f->author);
	free(f->created_at);
}

struct kind_ctx {
	struct gl_pane *p;
	int kind;
};

struct findings {
	struct gl_table tables[GL_FINDING_KINDS];
	struct kind_ctx ctx[GL_FINDING_KINDS];
	struct gl_detail detail;
	int64_t detail_id;   /* the finding shown in the detail view */
};

static const char *const kind_words[GL_FINDING_KINDS] = { N_("strength"),
	N_("development area"), N_("challenge") };

static int64_t level_of(const struct gl_app *a)
{
	return a->school_id > 0 ? a->school_id : 0;
}

static struct gl_filter findings_filter(const struct gl_app *a, int kind)
{
	struct gl_filter f = { .school_id = a->school_id > 0 ? a->school_id : -1,
		.kind = gl_finding_kind_name(kind) };
	return f;
}

static char *text_of(const struct gl_value *v)
{
	return v->type == GL_VAL_TEXT ? gl_strdup(v->s) : NULL;
}

/* Columns of GL_LIST_FINDINGS: id, uuid, school, kind, title, description, author,
 * created_at, position, evidence. */
static int finding_row(void *ctx, const struct gl_row *row)
{
	struct gl_table *t = ctx;
	const struct gl_value *v = row->values;
	struct gl_trow *r = gl_table_append(t, v[0].i, 0);
	struct finding_row *d = gl_table_row_data(t, r, sizeof *d);
	if (!r || !d)
		return 1;
	d->id = v[0].i;
	d->title = text_of(&v[4]);
	d->description = text_of(&v[5]);
	d->author = text_of(&v[6]);
	d->created_at = row->ncols > 7 ? text_of(&v[7]) : NULL;
	d->evidence = row->ncols > 9 ? v[9].i : 0;
	gl_table_cell(t, r, 0, d->title ? d->title : "", 0);
	gl_table_cellf(t, r, 1, d->evidence ? 0 : GL_CELL_DIM, "%lld", (long long)d->evidence);
	return 0;
}

static enum gl_status findings_fetch(void *ctx, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err)
{
	struct kind_ctx *k = ctx;
	struct gl_filter f = findings_filter(k->p->app, k->kind);
	return gl_store_list(k->p->app->store, GL_LIST_FINDINGS, &f, offset, limit, finding_row,
		t, err);
}

static enum gl_status findings_init(struct gl_pane *p)
{
	struct findings *fs = calloc(1, sizeof *fs);
	if (!fs)
		return GL_ENOMEM;
	p->priv = fs;
	p->ntables = GL_FINDING_KINDS;
	static const unsigned char styles[GL_FINDING_KINDS] = { GL_CELL_STRENGTH, GL_CELL_AREA,
		GL_CELL_CHALLENGE };
	static const char *const captions[GL_FINDING_KINDS] = { N_("Strengths (potential)"),
		N_("Development areas"), N_("Challenges") };
	for (int k = 0; k < GL_FINDING_KINDS; k++) {
		fs->ctx[k].p = p;
		fs->ctx[k].kind = k;
		struct gl_table *t = &fs->tables[k];
		gl_table_init(t, findings_fetch, &fs->ctx[k]);
		t->data_finish = finding_row_finish;
		gl_table_column(t, _("Finding"), 10, 1, GL_ALIGN_LEFT);
		/* how many pieces of evidence back it */
		gl_table_column(t, _("Ev."), 3, 0, GL_ALIGN_RIGHT);
		gl_table_set_caption(t, _(captions[k]), styles[k]);
		p->tables[k] = t;
	}
	gl_detail_init(&fs->detail);
	return GL_OK;
}

static void findings_finish(struct gl_pane *p)
{
	struct findings *fs = p->priv;
	if (fs) {
		for (int k = 0; k < GL_FINDING_KINDS; k++)
			gl_table_finish(&fs->tables[k]);
		gl_detail_finish(&fs->detail);
	}
	free(fs);
	p->priv = NULL;
	p->detail = NULL;
}

static void detail_show(struct gl_pane *p, int64_t id);

static enum gl_status findings_reload(struct gl_pane *p, struct gl_error *err)
{
	struct gl_app *a = p->app;
	struct findings *fs = p->priv;
	int64_t total = 0;
	if (app_filter_moved(p))
		p->detail = NULL;  /* another level: its findings, not this one's detail */
	for (int k = 0; k < GL_FINDING_KINDS; k++) {
		struct gl_filter f = findings_filter(a, k);
		int64_t n = 0;
		enum gl_status st = gl_store_count(a->store, GL_LIST_FINDINGS, &f, &n, err);
		if (st != GL_OK)
			return st;
		gl_table_reset(&fs->tables[k], n);
		gl_table_set_empty(&fs->tables[k], _("none yet (a adds one)"));
		total += n;
	}
	if (p->detail)
		detail_show(p, fs->detail_id);  /* after a change: the finding as it is now */
	gl_str_clear(&p->caption);
	if (a->school)
		gl_str_printf(&p->caption, ngettext("%lld finding for %s", "%lld findings for %s",
			(unsigned long)total), (long long)total, a->school);
	else
		gl_str_printf(&p->caption, ngettext("%lld finding for the municipality as school "
			"owner", "%lld findings for the municipality as school owner",
			(unsigned long)total), (long long)total);
	struct gl_str hints = GL_STR_INIT;
	if (p->detail) {
		gl_app_hint(a, &hints, GL_ACT_ENTER, _("go to the evidence"));
		gl_app_hint(a, &hints, GL_ACT_FINDING_DELETE, _("remove that evidence"));
		gl_app_hint(a, &hints, GL_ACT_BACK, _("back"));
	} else {
		gl_app_hint(a, &hints, GL_ACT_FINDING_ADD, _("add"));
		gl_app_hint(a, &hints, GL_ACT_FINDING_TITLE, _("edit"));
		gl_app_hint2(a, &hints, GL_ACT_FINDING_DOWN, GL_ACT_FINDING_UP, _("reorder"));
		gl_app_hint(a, &hints, GL_ACT_ENTER, _("evidence"));
	}
	if (hints.len)
		gl_str_printf(&p->caption, " · %s", gl_str_cstr(&hints));
	gl_str_finish(&hints);
	return GL_OK;
}

/* ---- The detail view: one finding with its evidence, every piece a link ---- */

static void detail_show(struct gl_pane *p, int64_t id)
{
	struct findings *fs = p->priv;
	struct gl_detail *d = &fs->detail;
	struct gl_plan plan;
	struct gl_error err = { 0 };
	if (gl_plan_read_finding(p->app->store, id, &plan, &err) != GL_OK) {
		gl_plan_finish(&plan);
		p->detail = NULL;  /* gone (deleted, or undone) */
		return;
	}
	const struct gl_plan_finding *f = NULL;
	for (int k = 0; k < GL_FINDING_KINDS && !f; k++)
		if (plan.n[k])
			f = &plan.findings[k][0];
	if (!f) {
		gl_plan_finish(&plan);
		p->detail = NULL;
		return;
	}
	size_t keep = d->cursor;
	gl_detail_clear(d);
	fs->detail_id = id;
	gl_detail_set_title(d, f->title ? f->title : "");
	gl_detail_add(d, GL_CELL_TITLE, 0, NULL, "%s", f->title ? f->title : "");
	gl_detail_add(d, GL_CELL_DIM, 0, NULL, _("%s of %s · no. %lld in its column"),
		_(kind_words[f->kind]), f->school ? f->school : _("the municipality"),
		(long long)f->position);
	if (f->description && *f->description)
		gl_detail_add(d, GL_CELL_NORMAL, 0, NULL, "%s", f->description);
	/* "2026-12-02T14:05:31.944Z" as "2026-12-02 14:05" (UTC) */
	char when[17] = "";
	if (f->created_at && strlen(f->created_at) >= 16) {
		memcpy(when, f->created_at, 16);
		when[10] = ' ';
	}
	gl_detail_add(d, GL_CELL_DIM, 0, NULL, _("Author: %s · %s UTC"), f->author ? f->author :
		"–", when);
	if (f->ranked) {
		struct gl_str note = GL_STR_INIT;
		gl_round_note_render(f->rank_note, &note);
		gl_detail_add(d, GL_CELL_DIM, 0, NULL, _("Ranking: %s"), gl_str_cstr(&note));
		gl_str_finish(&note);
	}
	if (f->memo && *f->memo)
		gl_detail_add(d, GL_CELL_NORMAL, 0, NULL, _("Memo: %s"), f->memo);
	gl_detail_add(d, GL_CELL_NORMAL, 0, NULL, "%s", "");
	if (f->nevidence == 0)
		gl_detail_add(d, GL_CELL_DIM, 0, NULL, "%s", _("No evidence yet: e in the reader, the "
			"review or the Surveys pane attaches some"));
	else
		gl_detail_add(d, GL_CELL_TOTAL, 0, NULL, ngettext("%zu piece of evidence",
			"%zu pieces of evidence", (unsigned long)f->nevidence), f->nevidence);
	for (size_t i = 0; i < f->nevidence; i++) {
		const struct gl_plan_evidence *e = &f->evidence[i];
		struct gl_detail_line *l = NULL;
		if (e->type == GL_EVIDENCE_CODING) {
			struct gl_link link = { GL_LINK_CODING, e->id, e->start, e->end };
			l = gl_detail_add(d, GL_CELL_NORMAL, 2, &link, "“%s”", e->quote ? e->quote : "");
			if (l)
				l->tag = GL_EVIDENCE_CODING * 1000000000000LL + e->id;
			/* a pseudonym names the group and school already */
			/* a letter without a title by its number, as the Letters pane's # shows it */
			char letter[64];
			if (!e->letter_title)
				snprintf(letter, sizeof letter, _("letter %lld"), (long long)e->letter_id);
			const char *which = e->letter_title ? e->letter_title : letter;
			if (e->author_named)
				gl_detail_add(d, GL_CELL_DIM, 4, NULL, "— %s (%s, %s) · %s", e->author,
					e->group ? e->group : "", e->school ? e->school : "", which);
			else
				gl_detail_add(d, GL_CELL_DIM, 4, NULL, "— %s · %s", e->author ? e->author : "",
					which);
		} else if (e->type == GL_EVIDENCE_SURVEY) {
			char value[32], mean[32] = "–";
			app_format_value(e->value, value, sizeof value);
			struct gl_link link = { GL_LINK_SURVEY, e->id, 0, 0 };
			if (e->has_mean) {
				app_format_value(e->municipal_mean, mean, sizeof mean);
				l = gl_detail_add(d, GL_CELL_NORMAL, 2, &link, _("%s: %s (municipal mean %s) · "
					"%s, %s %d, %s"), e->item ? e->item : "", value, mean,
					e->group ? e->group : "", e->survey ? e->survey : "", e->year,
					e->school ? e->school : "");
			} else {  /* one school has a value: no mean over schools */
				l = gl_detail_add(d, GL_CELL_NORMAL, 2, &link, _("%s: %s (the only school "
					"with a value) · %s, %s %d, %s"), e->item ? e->item : "", value,
					e->group ? e->group : "", e->survey ? e->survey : "", e->year,
					e->school ? e->school : "");
			}
		} else {
			struct gl_link link = { GL_LINK_FINDING, e->id, 0, 0 };
			int k = gl_finding_kind_index(e->kind);
			l = gl_detail_add(d, GL_CELL_NORMAL, 2, &link, _("Supported by %s: %s (%s)"),
				e->school ? e->school : "", e->title ? e->title : "",
				k >= 0 ? _(kind_words[k]) : "");
		}
		if (l)
			l->tag = (int64_t)e->type * 1000000000000LL + e->id;
	}
	d->cursor = keep < d->n ? keep : 0;
	gl_plan_finish(&plan);
	p->detail = d;
}

/* ---- Dialogs ---- */

struct finding_ctx {
	int64_t id;       /* the finding acted on (0: a new one) */
	int kind;
	char *title;      /* add: the title typed */
	struct gl_finding_edit edit;  /* a move to another level or kind, while it is confirmed */
	char *what;       /* what the move is called ("moved to Ekåsens skola") */
	char *told;       /* the same for the status line ("Moved to Ekåsens skola") */
};

static void finding_ctx_free(void *p)
{
	struct finding_ctx *c = p;
	free(c->title);
	free(c->what);
	free(c->told);
	free(c);
}

static struct finding_ctx *finding_ctx_new(int64_t id, int kind)
{
	struct finding_ctx *c = app_dialog_ctx(sizeof *c);
	if (c) {
		c->id = id;
		c->kind = kind;
	}
	return c;
}

/* Ends an undo step, says what happened, and puts the cursor on the finding. */
/* The same with the status line's words given whole (told; NULL: "Findings: what"). */
static unsigned done_told(struct gl_app *a, enum gl_status st, struct gl_error *err,
	int64_t follow, const char *what, const char *told)
{
	st = app_step_end(a, st, err, "%s", what);
	if (st != GL_OK)
		app_error(a, err);
	else if (told)
		gl_app_message(a, false, "%s", told);
	else
		gl_app_message(a, false, _("Findings: %s (u undoes)"), what);
	app_changed(a);
	struct gl_pane *p = &a->panes[GL_PANE_FINDINGS];
	struct findings *fs = p->priv;
	if (st == GL_OK && follow > 0) {
		app_pane_prepare(p);
		for (int k = 0; k < GL_FINDING_KINDS; k++) {
			if (gl_table_select_id(&fs->tables[k], follow)) {
				p->focus = k;
				break;
			}
		}
	}
	return APP_OK_REDRAW;
}

static unsigned done(struct gl_app *a, enum gl_status st, struct gl_error *err, int64_t follow,
	const char *what)
{
	return done_told(a, st, err, follow, what, NULL);
}

static unsigned add_description_accept(struct gl_app *a, void *ctx,
	const struct gl_dialog_result *r)
{
	struct finding_ctx *c = ctx;
	struct gl_error err = { 0 };
	int64_t id = 0;
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_finding_insert(a->store, &(struct gl_finding){ level_of(a),
			gl_finding_kind_name(c->kind), c->title, *r->text ? r->text : NULL,
			a->coder_id }, &id, &err);
	return done(a, st, &err, id, _("finding added"));
}

static unsigned add_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct finding_ctx *c = ctx;
	if (!*r->text)
		return APP_OK_REDRAW;
	free(c->title);
	c->title = gl_strdup(r->text);
	struct gl_str title = GL_STR_INIT;
	gl_str_printf(&title, _("Description of %s (optional, Enter skips):"), r->text);
	struct gl_dialog d = { "finding-add-description", add_description_accept, c,
		finding_ctx_free };
	app_input_open(a, &d, gl_str_cstr(&title), "");
	gl_str_finish(&title);
	return APP_OK_REDRAW;
}

static unsigned title_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct finding_ctx *c = ctx;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_finding_update(a->store, c->id, &(struct gl_finding_edit){ .title =
			r->text }, &err);
	return done(a, st, &err, c->id, _("title changed"));
}

static unsigned describe_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct finding_ctx *c = ctx;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_finding_update(a->store, c->id, &(struct gl_finding_edit){ .description =
			r->text }, &err);
	return done(a, st, &err, c->id, _("description changed"));
}

/* Moves the finding as c->edit says; the status says what went with it. */
static unsigned move_apply(struct gl_app *a, struct finding_ctx *c)
{
	struct gl_error err = { 0 };
	struct gl_finding_loss loss;
	struct gl_str what = GL_STR_INIT, lost = GL_STR_INIT, told = GL_STR_INIT;
	enum gl_status st = gl_store_finding_update_loss(a->store, c->id, &c->edit, &loss, &err);
	if (st == GL_OK)
		st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_finding_update(a->store, c->id, &c->edit, &err);
	gl_str_puts(&what, c->what ? c->what : "");
	bool lossy = st == GL_OK && gl_finding_loss_any(&loss);
	if (lossy && gl_finding_loss_describe(&loss, &lost) == GL_OK)
		gl_str_printf(&what, _("; removed with it: %s"), gl_str_cstr(&lost));
	/* the undo step keeps every word (u and C-r show it); the status line the brief form,
	 * sized for 100 columns: "Moved to Ekåsens skola; gone: ranking, 2 cited findings, 2
	 * survey values (u undoes)" (the confirmation before named each in full) */
	const char *told_what = c->told ? c->told : "";
	if (lossy && gl_finding_loss_brief(&loss, 64 - app_text_width(told_what), &lost) == GL_OK)
		gl_str_printf(&told, _("%s; gone: %s (u undoes)"), told_what, gl_str_cstr(&lost));
	unsigned f = done_told(a, st, &err, c->edit.move_level ? 0 : c->id, gl_str_cstr(&what),
		told.len ? gl_str_cstr(&told) : NULL);
	gl_str_finish(&what);
	gl_str_finish(&lost);
	gl_str_finish(&told);
	return f;
}

static unsigned move_confirm_accept(struct gl_app *a, void *ctx,
	const struct gl_dialog_result *r)
{
	(void)r;
	return move_apply(a, ctx);
}

/* Asks first when the move takes a ranking or evidence with it; else moves at once. */
static unsigned move_start(struct gl_app *a, struct finding_ctx *c, const char *what,
	const char *told, const char *ask)
{
	free(c->what);
	c->what = gl_strdup(what);
	free(c->told);
	c->told = gl_strdup(told);
	struct gl_error err = { 0 };
	struct gl_finding_loss loss;
	if (gl_store_finding_update_loss(a->store, c->id, &c->edit, &loss, &err) != GL_OK) {
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	if (!gl_finding_loss_any(&loss))
		return move_apply(a, c);
	struct gl_str lost = GL_STR_INIT, q = GL_STR_INIT;
	gl_finding_loss_describe(&loss, &lost);
	gl_str_printf(&q, "%s ", ask);
	gl_str_printf(&q, _("That removes %s. (y/n)"), gl_str_cstr(&lost));
	struct gl_dialog d = { "finding-move-confirm", move_confirm_accept, c, finding_ctx_free };
	app_confirm_open(a, &d, gl_str_cstr(&q));
	gl_str_finish(&lost);
	gl_str_finish(&q);
	return APP_OK_REDRAW;
}

static unsigned kind_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct finding_ctx *c = ctx;
	c->edit = (struct gl_finding_edit){ .kind = gl_finding_kind_name((int)r->id) };
	struct gl_str ask = GL_STR_INIT;
	gl_str_printf(&ask, _("Make %s a %s?"), c->title ? c->title : "",
		r->id >= 0 && r->id < GL_FINDING_KINDS ? _(kind_words[r->id]) : "");
	unsigned f = move_start(a, c, _("kind changed"), _("Kind changed"), gl_str_cstr(&ask));
	gl_str_finish(&ask);
	return f;
}

static unsigned level_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct finding_ctx *c = ctx;
	c->edit = (struct gl_finding_edit){ .move_level = true, .school_id = r->id };
	struct gl_str what = GL_STR_INIT;
	gl_str_printf(&what, _("moved to %s"), r->label ? r->label : "");
	struct gl_str told = GL_STR_INIT;
	gl_str_printf(&told, _("Moved to %s"), r->label ? r->label : "");
	struct gl_str ask = GL_STR_INIT;
	gl_str_printf(&ask, _("Move %s to %s?"), c->title ? c->title : "", r->label ? r->label : "");
	unsigned f = move_start(a, c, gl_str_cstr(&what), gl_str_cstr(&told), gl_str_cstr(&ask));
	gl_str_finish(&told);
	gl_str_finish(&what);
	gl_str_finish(&ask);
	return f;
}

static unsigned delete_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	(void)r;
	struct finding_ctx *c = ctx;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_finding_delete(a->store, c->id, &err);
	return done(a, st, &err, 0, _("finding deleted"));
}

static unsigned memo_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct finding_ctx *c = ctx;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_finding_memo_set(a->store, c->id, a->coder_id, r->text, &err);
	return done(a, st, &err, c->id, *r->text ? _("memo saved") : _("memo removed"));
}

/* J/K: swap with the neighbour in the column. */
static unsigned reorder(struct gl_pane *p, struct gl_table *t, const struct finding_row *f,
	int dir)
{
	struct gl_app *a = p->app;
	int64_t cursor = t->cursor;
	if (cursor + dir < 0 || cursor + dir >= t->nrows)
		return GL_F_HANDLED;
	t->cursor = cursor + dir;
	const struct gl_trow *other = gl_table_selected(t);
	t->cursor = cursor;
	if (!other)
		return GL_F_HANDLED;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_finding_move(a->store, f->id, other->id, dir > 0, &err);
	return done(a, st, &err, f->id, dir > 0 ? _("moved down") : _("moved up"));
}

/* x in the detail view: that piece of evidence goes, the finding stays. */
static unsigned unlink_selected(struct gl_pane *p)
{
	struct findings *fs = p->priv;
	struct gl_app *a = p->app;
	const struct gl_detail_line *l = gl_detail_selected(p->detail);
	if (!l || l->link.kind == GL_LINK_NONE || l->tag <= 0) {
		gl_app_message(a, true, _("Choose a piece of evidence first (j/k)"));
		return APP_OK_REDRAW;
	}
	enum gl_evidence type = (enum gl_evidence)(l->tag / 1000000000000LL);
	int64_t target = l->tag % 1000000000000LL;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_finding_unlink(a->store, fs->detail_id, type, target, &err);
	return done(a, st, &err, 0, _("evidence removed"));
}

static int school_item(void *ctx, const struct gl_row *row)
{
	struct gl_app *a = ctx;
	if (row->values[0].i != a->school_id && row->values[1].type == GL_VAL_TEXT)
		app_picker_add(a, row->values[0].i, row->values[1].s, "");
	return 0;
}

static unsigned level_open(struct gl_app *a, struct finding_ctx *c, const char *title)
{
	struct gl_str q = GL_STR_INIT;
	gl_str_printf(&q, _("Move %s to:"), title);
	struct gl_dialog d = { "finding-level", level_accept, c, finding_ctx_free };
	app_picker_open(a, &d, gl_str_cstr(&q), false);
	if (a->school_id > 0)
		app_picker_add(a, 0, _("the municipality as school owner"), "");
	gl_query_school_names(a->store, 0, 0, school_item, a, NULL);
	app_picker_filter(a);
	gl_str_finish(&q);
	return APP_OK_REDRAW;
}

static unsigned findings_request(struct gl_pane *p, enum gl_action act)
{
	struct findings *fs = p->priv;
	struct gl_app *a = p->app;
	if (p->detail) {
		switch (act) {
		case GL_ACT_FINDING_DELETE: return unlink_selected(p);
		case GL_ACT_FINDING_KIND: return gl_detail_move(p->detail, GL_ACT_MOVE_UP);  /* k */
		case GL_ACT_FINDING_MEMO: case GL_ACT_FINDING_TITLE: case GL_ACT_FINDING_DESCRIBE:
			break;  /* on the finding shown */
		default: return 0;  /* the generic detail view's keys */
		}
	}
	switch (act) {
	case GL_ACT_MOVE_LEFT:
		if (p->focus > 0)
			p->focus--;
		return APP_OK_REDRAW;
	case GL_ACT_MOVE_RIGHT:
		if (p->focus < p->ntables - 1)
			p->focus++;
		return APP_OK_REDRAW;
	case GL_ACT_FINDING_ADD: {
		if (!app_need_coder(a, act))
			return APP_OK_REDRAW;
		struct finding_ctx *c = finding_ctx_new(0, p->focus);
		if (!c)
			return APP_OK_REDRAW;
		struct gl_str title = GL_STR_INIT;
		gl_str_printf(&title, _("New %s of %s:"), _(kind_words[p->focus]),
			a->school ? a->school : _("the municipality"));
		struct gl_dialog d = { "finding-add", add_accept, c, finding_ctx_free };
		app_input_open(a, &d, gl_str_cstr(&title), "");
		gl_str_finish(&title);
		return APP_OK_REDRAW;
	}
	default:
		break;
	}
	if (act == GL_ACT_FINDING_CITE) {
		const struct finding_row *f = gl_table_selected_data(&fs->tables[p->focus]);
		if (a->school_id <= 0 || !f) {
			gl_app_message(a, true, _("Choose a school's finding first: a finding of the "
				"municipality cites those of the schools"));
			return APP_OK_REDRAW;
		}
		struct gl_str what = GL_STR_INIT;
		gl_str_printf(&what, "%s (%s)", f->title ? f->title : "", a->school ? a->school : "");
		unsigned fl = app_evidence_open(a, GL_EVIDENCE_FINDING, f->id, 0, gl_str_cstr(&what));
		gl_str_finish(&what);
		return fl;
	}
	bool needs_finding = act == GL_ACT_ENTER || act == GL_ACT_FINDING_TITLE ||
		act == GL_ACT_FINDING_DESCRIBE || act == GL_ACT_FINDING_KIND ||
		act == GL_ACT_FINDING_DELETE || act == GL_ACT_FINDING_DOWN ||
		act == GL_ACT_FINDING_UP || act == GL_ACT_FINDING_LEVEL || act == GL_ACT_FINDING_MEMO;
	if (!needs_finding)
		return 0;
	struct gl_table *t = &fs->tables[p->focus];
	const struct finding_row *f = gl_table_selected_data(t);
	int64_t id = p->detail ? fs->detail_id : f ? f->id : 0;
	if (!id) {
		gl_app_message(a, true, _("This column has no findings (a adds one)"));
		return APP_OK_REDRAW;
	}
	if (act == GL_ACT_ENTER) {
		fs->detail.cursor = 0;
		detail_show(p, id);
		return APP_OK_REDRAW;
	}
	if (act == GL_ACT_FINDING_DOWN || act == GL_ACT_FINDING_UP)
		return reorder(p, t, f, act == GL_ACT_FINDING_DOWN ? 1 : -1);
	struct gl_plan plan;
	struct gl_error err = { 0 };
	if (gl_plan_read_finding(a->store, id, &plan, &err) != GL_OK) {
		gl_plan_finish(&plan);
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	const struct gl_plan_finding *pf = NULL;
	for (int k = 0; k < GL_FINDING_KINDS && !pf; k++)
		if (plan.n[k])
			pf = &plan.findings[k][0];
	struct finding_ctx *c = pf ? finding_ctx_new(id, pf->kind) : NULL;
	if (!c) {
		gl_plan_finish(&plan);
		return APP_OK_REDRAW;
	}
	const char *name = pf->title ? pf->title : "";
	struct gl_str q = GL_STR_INIT;
	struct gl_dialog d = { NULL, NULL, c, finding_ctx_free };
	switch (act) {
	case GL_ACT_FINDING_TITLE:
		d.name = "finding-title";
		d.accept = title_accept;
		app_input_open(a, &d, _("Title of the finding:"), name);
		break;
	case GL_ACT_FINDING_DESCRIBE:
		gl_str_printf(&q, _("Description of %s (empty clears):"), name);
		d.name = "finding-describe";
		d.accept = describe_accept;
		app_input_open(a, &d, gl_str_cstr(&q), pf->description ? pf->description : "");
		break;
	case GL_ACT_FINDING_KIND:
		c->title = gl_strdup(name);
		gl_str_printf(&q, _("%s is a:"), name);
		d.name = "finding-kind";
		d.accept = kind_accept;
		app_picker_open(a, &d, gl_str_cstr(&q), false);
		for (int k = 0; k < GL_FINDING_KINDS; k++)
			if (k != pf->kind)
				app_picker_add(a, k, _(kind_words[k]), "");
		app_picker_filter(a);
		break;
	case GL_ACT_FINDING_LEVEL:
		c->title = gl_strdup(name);
		level_open(a, c, name);
		break;
	case GL_ACT_FINDING_MEMO:
		gl_str_printf(&q, _("Memo on %s (C-s saves, Esc cancels)"), name);
		d.name = "finding-memo";
		d.accept = memo_accept;
		app_memo_open(a, &d, gl_str_cstr(&q), pf->memo ? pf->memo : "");
		break;
	case GL_ACT_FINDING_DELETE: {
		size_t quotes = 0, values = 0, cited = 0;
		for (size_t i = 0; i < pf->nevidence; i++) {
			if (pf->evidence[i].type == GL_EVIDENCE_CODING)
				quotes++;
			else if (pf->evidence[i].type == GL_EVIDENCE_SURVEY)
				values++;
			else
				cited++;
		}
		if (pf->nevidence)
			gl_str_printf(&q, _("Delete %s with its evidence (%zu quotes, %zu survey values, "
				"%zu school findings cited)? The codings and values stay. (y/n)"), name, quotes,
				values, cited);
		else
			gl_str_printf(&q, _("Delete %s? It has no evidence. (y/n)"), name);
		d.name = "finding-delete";
		d.accept = delete_accept;
		app_confirm_open(a, &d, gl_str_cstr(&q));
		break;
	}
	default:
		finding_ctx_free(c);
		break;
	}
	gl_str_finish(&q);
	gl_plan_finish(&plan);
	return APP_OK_REDRAW;
}

static unsigned findings_follow(struct gl_pane *p, const struct gl_link *link)
{
	struct findings *fs = p->priv;
	struct gl_app *a = p->app;
	if (link->kind != GL_LINK_FINDING)
		return 0;
	/* the finding's level becomes the filter, so that its column is shown */
	struct gl_plan plan;
	struct gl_error err = { 0 };
	if (gl_plan_read_finding(a->store, link->id, &plan, &err) != GL_OK) {
		gl_plan_finish(&plan);
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	if (plan.school_id != level_of(a))
		gl_app_set_school(a, plan.school_id, &err);
	gl_plan_finish(&plan);
	app_pane_prepare(p);
	for (int k = 0; k < GL_FINDING_KINDS; k++) {
		if (gl_table_select_id(&fs->tables[k], link->id)) {
			p->focus = k;
			fs->detail.cursor = 0;
			detail_show(p, link->id);
			return APP_OK_REDRAW;
		}
	}
	return APP_OK_REDRAW;
}

const struct gl_pane_ops gl_pane_findings_ops = {
	.name = "findings", .title = N_("Findings"), .show = GL_ACT_PANE_FINDINGS,
	.scope = GL_SCOPE_FINDINGS, .init = findings_init, .reload = findings_reload,
	.request = findings_request, .follow = findings_follow, .finish = findings_finish,
};
