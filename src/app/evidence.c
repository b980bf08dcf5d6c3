/* Attaching evidence to a finding from wherever it is seen (e): a coding in the reader or the
 * review, a survey value in the Surveys pane. A fuzzy picker offers the findings of the school
 * and of the municipality; a new title creates a finding (its kind asked next). One undo step. */
#include "genomlys/app.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"
#include "app_internal.h"

struct evidence_ctx {
	enum gl_evidence type;
	int64_t target;      /* the coding or survey result */
	int64_t school_id;   /* where it comes from: a new finding goes there */
	char *title;         /* a new finding's title */
};

static void evidence_ctx_free(void *p)
{
	struct evidence_ctx *c = p;
	free(c->title);
	free(c);
}

static const char *const kind_words[GL_FINDING_KINDS] = { N_("strength"),
	N_("development area"), N_("challenge") };

/* Links the evidence of the dialog to finding. */
static enum gl_status link(struct gl_app *a, const struct evidence_ctx *c, int64_t finding,
	struct gl_error *err)
{
	switch (c->type) {
	case GL_EVIDENCE_CODING: return gl_store_finding_link_coding(a->store, finding, c->target, err);
	case GL_EVIDENCE_SURVEY: return gl_store_finding_link_survey(a->store, finding, c->target, err);
	default: return gl_store_finding_link_finding(a->store, finding, c->target, err);
	}
}

static unsigned attach(struct gl_app *a, struct evidence_ctx *c, int64_t finding,
	const char *title)
{
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = link(a, c, finding, &err);
	st = app_step_end(a, st, &err, _("evidence for %s"), title);
	if (st == GL_EEXIST)  /* the store's message names ids: say it with the finding's title */
		gl_app_message(a, true, c->type == GL_EVIDENCE_CODING ?
			_("The coding is evidence for %s already") : c->type == GL_EVIDENCE_SURVEY ?
			_("The survey value is evidence for %s already") :
			_("The school's finding supports %s already"), title);
	else if (st != GL_OK)
		app_error(a, &err);
	else
		gl_app_message(a, false, c->type == GL_EVIDENCE_CODING ?
			_("The coding is evidence for %s (u undoes)") : c->type == GL_EVIDENCE_SURVEY ?
			_("The survey value is evidence for %s (u undoes)") :
			_("The school's finding supports %s (u undoes)"), title);
	app_changed(a);
	return APP_OK_REDRAW;
}

static unsigned kind_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct evidence_ctx *c = ctx;
	struct gl_error err = { 0 };
	int64_t finding = 0;
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_finding_insert(a->store, &(struct gl_finding){ c->school_id,
			gl_finding_kind_name((int)r->id), c->title, NULL, a->coder_id }, &finding, &err);
	if (st == GL_OK)
		st = link(a, c, finding, &err);
	st = app_step_end(a, st, &err, _("new finding %s with evidence"), c->title);
	if (st != GL_OK)
		app_error(a, &err);
	else
		gl_app_message(a, false, _("New %s %s, with this as its evidence (u undoes)"),
			_(kind_words[r->id >= 0 && r->id < GL_FINDING_KINDS ? r->id : 0]), c->title);
	app_changed(a);
	return APP_OK_REDRAW;
}

static unsigned finding_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct evidence_ctx *c = ctx;
	if (!r->is_new)
		return attach(a, c, r->id, r->label ? r->label : "");
	if (!*r->text)
		return APP_OK_REDRAW;
	free(c->title);
	c->title = gl_strdup(r->text);
	struct gl_str q = GL_STR_INIT;
	gl_str_printf(&q, _("The new finding %s is a:"), r->text);
	struct gl_dialog d = { "evidence-kind", kind_accept, c, evidence_ctx_free };
	app_picker_open(a, &d, gl_str_cstr(&q), false);
	for (int k = 0; k < GL_FINDING_KINDS; k++)
		app_picker_add(a, k, _(kind_words[k]), "");
	app_picker_filter(a);
	gl_str_finish(&q);
	return APP_OK_REDRAW;
}

/* GL_LIST_FINDINGS: id, uuid, school, kind, title, ... */
static int finding_item(void *ctx, const struct gl_row *row)
{
	struct gl_app *a = ctx;
	const struct gl_value *v = row->values;
	int k = gl_finding_kind_index(v[3].type == GL_VAL_TEXT ? v[3].s : NULL);
	struct gl_str hint = GL_STR_INIT;
	gl_str_printf(&hint, "%s · %s", k >= 0 ? _(kind_words[k]) : "",
		v[2].type == GL_VAL_TEXT ? v[2].s : _("the municipality"));
	if (v[4].type == GL_VAL_TEXT)
		app_picker_add(a, v[0].i, v[4].s, gl_str_cstr(&hint));
	gl_str_finish(&hint);
	return 0;
}

unsigned app_evidence_open(struct gl_app *a, enum gl_evidence type, int64_t target,
	int64_t school_id, const char *what)
{
	if (!app_need_coder(a, GL_ACT_EVIDENCE))
		return APP_OK_REDRAW;
	struct evidence_ctx *c = app_dialog_ctx(sizeof *c);
	if (!c)
		return APP_OK_REDRAW;
	c->type = type;
	c->target = target;
	c->school_id = school_id;
	struct gl_str q = GL_STR_INIT;
	if (type == GL_EVIDENCE_FINDING)
		gl_str_printf(&q, _("%s supports this finding of the municipality (a new title creates "
			"one):"), what);
	else
		gl_str_printf(&q, _("%s is evidence for (a new title creates a finding):"), what);
	struct gl_dialog d = { "evidence-finding", finding_accept, c, evidence_ctx_free };
	app_picker_open(a, &d, gl_str_cstr(&q), true);
	/* the school's findings first, then the municipality's (a school's finding is cited by the
	 * municipality's only) */
	struct gl_filter f = { .school_id = school_id > 0 ? school_id : -1 };
	gl_store_list(a->store, GL_LIST_FINDINGS, &f, 0, 0, finding_item, a, NULL);
	if (school_id > 0 && type != GL_EVIDENCE_FINDING) {
		f.school_id = -1;
		gl_store_list(a->store, GL_LIST_FINDINGS, &f, 0, 0, finding_item, a, NULL);
	}
	app_picker_filter(a);
	gl_str_finish(&q);
	return APP_OK_REDRAW;
}

unsigned app_evidence_coding(struct gl_app *a, int64_t coding_id)
{
	struct gl_coding k;
	struct gl_str storage = GL_STR_INIT;
	struct gl_document d;
	struct gl_error err = { 0 };
	if (gl_store_coding_get(a->store, coding_id, &k, &storage, &err) != GL_OK) {
		gl_str_finish(&storage);
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	gl_str_finish(&storage);
	if (gl_store_document_get(a->store, k.document_id, &d, &err) != GL_OK) {
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	int64_t school = d.school_id;
	struct gl_str what = GL_STR_INIT;
	size_t b0 = gl_utf8_offset(d.text, d.text_len, (size_t)k.start);
	size_t b1 = gl_utf8_offset(d.text, d.text_len, (size_t)k.end);
	struct gl_str q = GL_STR_INIT;
	app_quote(d.text, b0, b1, 40, &q);
	gl_str_printf(&what, "“%s”", gl_str_cstr(&q));
	gl_str_finish(&q);
	gl_document_finish(&d);
	unsigned f = app_evidence_open(a, GL_EVIDENCE_CODING, coding_id, school, gl_str_cstr(&what));
	gl_str_finish(&what);
	return f;
}
