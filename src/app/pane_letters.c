/* The letters pane: letters filtered by school, group and search, and the reader. */
#include "genomlys/app.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "app_internal.h"

static struct gl_filter letters_filter(const struct gl_app *a)
{
	struct gl_filter f = { .school_id = a->school_id, .group_id = a->group_id,
		.match = a->search };
	return f;
}

struct fill {
	struct gl_table *t;
};

static const char *text_or(const struct gl_value *v, const char *alt)
{
	return v->type == GL_VAL_TEXT ? v->s : alt;
}

/* Columns of GL_LIST_LETTERS: id, uuid, kind, school, group, author, date, title, length,
 * codings, source. */
static int letter_row(void *ctx, const struct gl_row *row)
{
	struct fill *f = ctx;
	const struct gl_value *v = row->values;
	struct gl_trow *r = gl_table_append(f->t, v[0].i, 0);
	if (!r)
		return 1;
	const char *title = text_or(&v[7], NULL);
	if (!title) {
		/* No title: the file it came from says most. */
		const char *src = text_or(&v[10], "");
		const char *slash = strrchr(src, '/');
		title = slash ? slash + 1 : src;
	}
	gl_table_cellf(f->t, r, 0, 0, "%lld", (long long)v[0].i);
	gl_table_cell(f->t, r, 1, text_or(&v[3], ""), 0);
	gl_table_cell(f->t, r, 2, text_or(&v[4], ""), 0);
	gl_table_cell(f->t, r, 3, text_or(&v[5], "–"), v[5].type == GL_VAL_TEXT ? 0 : GL_CELL_DIM);
	gl_table_cell(f->t, r, 4, text_or(&v[6], ""), 0);
	gl_table_cell(f->t, r, 5, title, 0);
	gl_table_cellf(f->t, r, 6, 0, "%lld", (long long)v[8].i);
	gl_table_cellf(f->t, r, 7, v[9].i ? 0 : GL_CELL_DIM, "%lld", (long long)v[9].i);
	return 0;
}

static enum gl_status letters_fetch(void *ctx, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err)
{
	struct gl_pane *p = ctx;
	struct gl_filter f = letters_filter(p->app);
	struct fill fill = { t };
	return gl_store_list(p->app->store, GL_LIST_LETTERS, &f, offset, limit, letter_row, &fill,
		err);
}

static enum gl_status letters_init(struct gl_pane *p)
{
	struct gl_table *t = &p->tables[0];
	gl_table_init(t, letters_fetch, p);
	gl_table_column(t, "#", 6, 0, GL_ALIGN_RIGHT);
	gl_table_column(t, _("School"), 12, 2, GL_ALIGN_LEFT);
	gl_table_column(t, _("Group"), 9, 0, GL_ALIGN_LEFT);
	gl_table_column(t, _("Author"), 8, 1, GL_ALIGN_LEFT);
	gl_table_column(t, _("Date"), 10, 0, GL_ALIGN_LEFT);
	gl_table_column(t, _("Title"), 14, 4, GL_ALIGN_LEFT);
	gl_table_column(t, _("Length"), 6, 0, GL_ALIGN_RIGHT);
	gl_table_column(t, _("Codings"), 7, 0, GL_ALIGN_RIGHT);
	t->frozen = 1;
	return GL_OK;
}

static void letters_finish(struct gl_pane *p)
{
	if (p->reading)
		app_reader_close(p);
}

void app_reader_close(struct gl_pane *p)
{
	if (!p->reading)
		return;
	gl_reader_set_text(&p->reader, NULL, 0);
	gl_letter_state_clear(&p->ls);
	p->ls.selecting = false;
	gl_document_finish(&p->doc);
	memset(&p->doc, 0, sizeof p->doc);
	p->reading = false;
}

static enum gl_status letters_reload(struct gl_pane *p, struct gl_error *err)
{
	struct gl_app *a = p->app;
	struct gl_table *t = &p->tables[0];
	struct gl_filter f = letters_filter(a);
	int64_t n = 0;
	enum gl_status st = gl_store_count(a->store, GL_LIST_LETTERS, &f, &n, err);
	if (st != GL_OK)
		return st;
	gl_table_reset(t, n);
	gl_table_set_empty(t, a->search || a->school_id || a->group_id
		? _("No letters match (c: show all)") : _("The project has no letters yet"));
	gl_str_clear(&p->caption);
	gl_str_printf(&p->caption, ngettext("%lld letter", "%lld letters", (unsigned long)n),
		(long long)n);
	gl_str_printf(&p->caption, " · %s", a->school ? a->school : _("all schools"));
	gl_str_printf(&p->caption, " · %s", a->group ? a->group : _("all groups"));
	if (a->search)
		gl_str_printf(&p->caption, _(" · search: %s"), a->search);
	return GL_OK;
}

enum gl_status app_reader_open(struct gl_pane *p, int64_t id, struct gl_error *err)
{
	struct gl_document doc;
	memset(&doc, 0, sizeof doc);
	enum gl_status st = gl_store_document_get(p->app->store, id, &doc, err);
	if (st != GL_OK) {
		gl_document_finish(&doc);
		return st;
	}
	app_reader_close(p);
	p->doc = doc;
	p->reading = true;
	gl_reader_set_text(&p->reader, p->doc.text, p->doc.text_len);
	memset(&p->ls.cursor, 0, sizeof p->ls.cursor);
	p->ls.selecting = false;
	return app_letter_load(p, err);
}

static unsigned letters_request(struct gl_pane *p, enum gl_action act)
{
	if (p->reading)
		return app_reader_request(p, act);
	if (act != GL_ACT_ENTER)
		return 0;
	const struct gl_trow *r = gl_table_selected(&p->tables[0]);
	if (!r)
		return GL_F_HANDLED;
	struct gl_error err = { 0 };
	if (app_reader_open(p, r->id, &err) != GL_OK)
		app_error(p->app, &err);
	return GL_F_HANDLED | GL_F_REDRAW;
}

const struct gl_pane_ops gl_pane_letters_ops = {
	"letters", N_("Letters"), letters_init, letters_reload, letters_request, letters_finish,
};
