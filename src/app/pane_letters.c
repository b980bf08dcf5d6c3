/* The letters pane: letters filtered by school, group and search, and the letter view that
 * opens one of them. */
#include "genomlys/app.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/queries.h"
#include "app_internal.h"

/* What a row of the list carries. */
struct letter_row {
	int64_t id;
	int64_t codings;
};

struct reads_job;

struct letters {
	struct gl_table table;
	struct gl_letter_view view;
	/* the caption's read marks under a filter: counted (or being counted, job) for rj's
	 * filter and data version */
	struct reads_job *rj;
	struct gl_store_job *job;
};

static struct gl_filter letters_filter(const struct gl_app *a)
{
	/* blind: the codings counted are the active coder's own */
	struct gl_filter f = { .school_id = a->school_id, .group_id = a->group_id,
		.match = a->search, .coder_id = a->blind ? (a->coder_id > 0 ? a->coder_id : -1) : 0 };
	return f;
}

static const char *text_or(const struct gl_value *v, const char *alt)
{
	return v->type == GL_VAL_TEXT ? v->s : alt;
}

/* Columns of GL_LIST_LETTERS: id, uuid, kind, school, group, author, date, title, length,
 * codings, source. */
static int letter_row(void *ctx, const struct gl_row *row)
{
	struct gl_table *t = ctx;
	const struct gl_value *v = row->values;
	struct gl_trow *r = gl_table_append(t, v[0].i, 0);
	struct letter_row *d = gl_table_row_data(t, r, sizeof *d);
	if (!r || !d)
		return 1;
	d->id = v[0].i;
	d->codings = v[9].i;
	const char *title = text_or(&v[7], NULL);
	if (!title) {
		/* No title: the file it came from says most. */
		const char *src = text_or(&v[10], "");
		const char *slash = strrchr(src, '/');
		title = slash ? slash + 1 : src;
	}
	gl_table_cellf(t, r, 0, 0, "%lld", (long long)v[0].i);
	gl_table_cell(t, r, 1, text_or(&v[3], ""), 0);
	gl_table_cell(t, r, 2, text_or(&v[4], ""), 0);
	gl_table_cell(t, r, 3, text_or(&v[5], "–"), v[5].type == GL_VAL_TEXT ? 0 : GL_CELL_DIM);
	gl_table_cell(t, r, 4, text_or(&v[6], ""), 0);
	gl_table_cell(t, r, 5, title, 0);
	gl_table_cellf(t, r, 6, 0, "%lld", (long long)v[8].i);
	gl_table_cellf(t, r, 7, v[9].i ? 0 : GL_CELL_DIM, "%lld", (long long)v[9].i);
	return 0;
}

static enum gl_status letters_fetch(void *ctx, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err)
{
	struct gl_pane *p = ctx;
	struct gl_filter f = letters_filter(p->app);
	return gl_store_list(p->app->store, GL_LIST_LETTERS, &f, offset, limit, letter_row, t, err);
}

enum { COL_GROUP = 2 };  /* the table's Group column (after # and School) */

static enum gl_status letters_init(struct gl_pane *p)
{
	struct letters *l = calloc(1, sizeof *l);
	if (!l)
		return GL_ENOMEM;
	p->priv = l;
	struct gl_table *t = &l->table;
	gl_table_init(t, letters_fetch, p);
	gl_table_column(t, "#", 6, 0, GL_ALIGN_RIGHT);
	gl_table_column(t, _("School"), 12, 2, GL_ALIGN_LEFT);
	/* every group's name whole (set again at each reload) */
	gl_table_column(t, _("Group"), app_group_width(p->app), 0, GL_ALIGN_LEFT);
	gl_table_column(t, _("Author"), 8, 1, GL_ALIGN_LEFT);
	gl_table_column(t, _("Date"), 10, 0, GL_ALIGN_LEFT);
	gl_table_column(t, _("Title"), 14, 4, GL_ALIGN_LEFT);
	gl_table_column(t, _("Length"), 6, 0, GL_ALIGN_RIGHT);
	gl_table_column(t, _("Codings"), 7, 0, GL_ALIGN_RIGHT);
	t->frozen = 1;
	p->tables[0] = t;
	p->ntables = 1;
	gl_letter_view_init(&l->view, p->app);
	return GL_OK;
}

static void reads_clear(struct letters *l);

static void letters_finish(struct gl_pane *p)
{
	struct letters *l = p->priv;
	if (!l)
		return;
	reads_clear(l);
	gl_letter_view_finish(&l->view);
	gl_table_finish(&l->table);
	free(l);
	p->priv = NULL;
	p->letter = NULL;
}

struct progress {
	struct gl_str *caption;
	int64_t only;     /* > 0: this coder's only */
	int64_t letters;
	int coders;
};

/* rows: coder_id, coder, read, letters */
static int progress_row(void *ctx, const struct gl_row *row)
{
	struct progress *pr = ctx;
	const struct gl_value *v = row->values;
	if (pr->only > 0 && v[0].i != pr->only)
		return 0;
	gl_str_printf(pr->caption, "%s%s %lld", pr->coders ? ", " : "",
		text_or(&v[1], "?"), (long long)v[2].i);
	if (row->ncols > 3)
		pr->letters = v[3].i;
	pr->coders++;
	return 0;
}

/* Each coder's letters read among the filter's letters, for the caption ("read of 120: Anna 40,
 * …"). Unfiltered they are the counts the triggers keep. Under a filter gl_store_read_progress
 * probes every coder's read marks for every letter of the filter: at region scale a group's
 * 33,000 letters took 50-60 ms and a broad search 150-250 ms of the interface's time (issue 17).
 * From READS_SYNC_LETTERS letters on (GENOMLYS_READS_SYNC moves it) they are counted on a
 * worker (gl_store_job) and the caption says so until they are in; the count is kept for its
 * filter and data version, and thrown away when either changed meanwhile. */
#define READS_SYNC_LETTERS 3000

struct reads_job {
	int64_t school_id, group_id, only;
	char *match;              /* the job's own copy of the search */
	uint64_t version;
	struct gl_str text;       /* "Anna 40, Bosse 30" */
	int64_t letters;
	int coders;
	bool done;
	enum gl_status st;
};

static void reads_clear(struct letters *l)
{
	if (l->job) {
		gl_store_job_cancel(l->job);
		gl_store_job_finish(l->job, NULL);
		l->job = NULL;
	}
	if (l->rj) {
		free(l->rj->match);
		gl_str_finish(&l->rj->text);
		free(l->rj);
		l->rj = NULL;
	}
}

static bool reads_same(const struct reads_job *j, const struct gl_filter *f, int64_t only,
	uint64_t version)
{
	return j && j->school_id == f->school_id && j->group_id == f->group_id && j->only == only &&
		j->version == version && !(j->match || f->match ? !j->match || !f->match ||
		strcmp(j->match, f->match) : false);
}

static enum gl_status reads_count(struct gl_store *s, void *ctx, struct gl_error *err)
{
	struct reads_job *j = ctx;
	struct gl_filter f = { .school_id = j->school_id, .group_id = j->group_id,
		.match = j->match };
	struct progress pr = { &j->text, j->only, j->letters, 0 };
	enum gl_status st = gl_store_read_progress(s, &f, progress_row, &pr, err);
	j->letters = pr.letters;
	j->coders = pr.coders;
	return st;
}

/* The read marks' part of the caption: counted now, or by the worker (started here). */
static void reads_caption(struct gl_pane *p, const struct gl_filter *f, int64_t n)
{
	struct gl_app *a = p->app;
	struct letters *l = p->priv;
	int64_t only = a->blind ? a->coder_id : 0;
	uint64_t version = gl_store_data_version(a->store);
	if (!reads_same(l->rj, f, only, version)) {
		reads_clear(l);
		struct reads_job *j = calloc(1, sizeof *j);
		if (!j || (f->match && !(j->match = gl_strdup(f->match)))) {
			free(j);
			return;
		}
		j->school_id = f->school_id;
		j->group_id = f->group_id;
		j->only = only;
		j->version = version;
		j->letters = n;
		j->st = GL_OK;
		l->rj = j;
		if (n < app_sync_limit("GENOMLYS_READS_SYNC", READS_SYNC_LETTERS) ||
			gl_store_job_start(gl_store_path(a->store), reads_count, j, &l->job,
			NULL) != GL_OK) {
			l->job = NULL;
			j->st = reads_count(a->store, j, NULL);  /* a small filter: at once */
			j->done = true;
		}
	}
	const struct reads_job *j = l->rj;
	if (!j->done)
		gl_str_puts(&p->caption, _(" · read: counting…"));
	else if (j->st == GL_OK && j->coders)
		gl_str_printf(&p->caption, _(" · read of %lld: %s"), (long long)j->letters,
			gl_str_cstr(&j->text));
}

static enum gl_status letters_reload(struct gl_pane *p, struct gl_error *err)
{
	struct gl_app *a = p->app;
	struct letters *l = p->priv;
	struct gl_table *t = &l->table;
	app_filter_moved(p);
	struct gl_filter f = letters_filter(a);
	int64_t n = 0;
	enum gl_status st = gl_store_count(a->store, GL_LIST_LETTERS, &f, &n, err);
	if (st != GL_OK)
		return st;
	gl_table_reset(t, n);
	/* another program may have imported a group with a longer name since the last reload */
	t->cols[COL_GROUP].width = app_group_width(a);
	gl_table_set_empty(t, a->search || a->school_id || a->group_id
		? _("No letters match (c: show all)") : _("The project has no letters yet"));
	gl_str_clear(&p->caption);
	gl_str_printf(&p->caption, ngettext("%lld letter", "%lld letters", (unsigned long)n),
		(long long)n);
	gl_str_printf(&p->caption, " · %s", a->school ? a->school : _("all schools"));
	gl_str_printf(&p->caption, " · %s", a->group ? a->group : _("all groups"));
	if (a->search)
		gl_str_printf(&p->caption, _(" · search: %s"), a->search);
	if (a->blind)
		gl_str_puts(&p->caption, _(" · blind: your codings only"));
	/* each coder's progress: letters read of the letters listed (blind: one's own only);
	 * unfiltered from the counts the triggers keep, filtered among the filter's letters */
	if (f.school_id || f.group_id || f.match) {
		reads_caption(p, &f, n);
	} else {
		reads_clear(l);
		struct gl_str who = GL_STR_INIT;
		struct progress pr = { &who, a->blind ? a->coder_id : 0, n, 0 };
		if (gl_query_read_progress(a->store, progress_row, &pr, err) == GL_OK && pr.coders)
			gl_str_printf(&p->caption, _(" · read of %lld: %s"), (long long)pr.letters,
				gl_str_cstr(&who));
		gl_str_finish(&who);
	}
	if (l->view.open)
		st = gl_letter_view_reload(&l->view, err);
	return st;
}

/* The worker's count, when it is in: the caption shows it (a reload takes it). Thrown away when
 * the data changed since it started; stopped when the pane is left. */
static unsigned letters_poll(struct gl_pane *p)
{
	struct letters *l = p->priv;
	if (!l || !l->job)
		return 0;
	if (gl_app_pane(p->app) != p) {
		reads_clear(l);
		p->stale = true;
		return 0;
	}
	if (!gl_store_job_done(l->job))
		return 0;
	struct reads_job *j = l->rj;
	j->st = gl_store_job_finish(l->job, NULL);
	l->job = NULL;
	j->done = true;
	/* a failure is kept (no caption part) until the filter or the data change */
	if (j->st == GL_ECANCELLED || gl_store_data_version(p->app->store) != j->version)
		reads_clear(l);
	p->stale = true;
	return APP_OK_REDRAW;
}

static bool letters_busy(const struct gl_pane *p)
{
	const struct letters *l = p->priv;
	return l && l->job;
}

static unsigned open_letter(struct gl_pane *p, int64_t id, int64_t cp, bool from_link)
{
	struct letters *l = p->priv;
	struct gl_error err = { 0 };
	if (gl_letter_view_open(&l->view, id, &err) != GL_OK) {
		app_error(p->app, &err);
		return APP_OK_REDRAW;
	}
	l->view.from_link = from_link;
	if (cp > 0)
		gl_letter_view_goto(&l->view, cp);
	p->letter = &l->view;
	return APP_OK_REDRAW;
}

static void close_letter(struct gl_pane *p)
{
	struct letters *l = p->priv;
	bool back = l->view.from_link;
	gl_letter_view_close(&l->view);
	p->letter = NULL;
	if (back)
		gl_app_back(p->app);
}

/* J/K: the next or previous letter of the list, in the reader. */
static unsigned letter_step(struct gl_pane *p, int delta)
{
	struct letters *l = p->priv;
	struct gl_table *t = &l->table;
	gl_app_prepare(p->app);
	/* the row of the letter shown, which the list may have moved since it was opened; when the
	 * filter changed and it is not in the list, J goes to the list's first letter, K to its
	 * last */
	int64_t row;
	if (gl_table_select_id(t, l->view.doc.id))
		row = t->cursor + delta;
	else
		row = delta > 0 ? 0 : t->nrows - 1;
	if (row < 0 || row >= t->nrows) {
		gl_app_message(p->app, true, delta > 0 ? _("This is the last letter in the list")
			: _("This is the first letter in the list"));
		return APP_OK_REDRAW;
	}
	gl_table_select(t, row);
	const struct letter_row *d = gl_table_selected_data(t);
	if (!d)
		return APP_OK_REDRAW;
	bool from_link = l->view.from_link;
	unsigned f = open_letter(p, d->id, 0, from_link);
	return f;
}

static unsigned letters_request(struct gl_pane *p, enum gl_action act)
{
	struct letters *l = p->priv;
	if (l->view.open) {
		switch (act) {
		case GL_ACT_LETTER_NEXT: return letter_step(p, 1);
		case GL_ACT_LETTER_PREV: return letter_step(p, -1);
		case GL_ACT_BACK:
			if (l->view.ls.selecting) {
				l->view.ls.selecting = false;
				gl_app_message(p->app, false, _("Selection cancelled"));
			} else {
				close_letter(p);
			}
			return APP_OK_REDRAW;
		default:
			return gl_letter_view_request(&l->view, act);
		}
	}
	if (act != GL_ACT_ENTER)
		return 0;
	const struct letter_row *d = gl_table_selected_data(&l->table);
	if (!d)
		return GL_F_HANDLED;
	return open_letter(p, d->id, 0, false);
}

static unsigned letters_follow(struct gl_pane *p, const struct gl_link *link)
{
	struct letters *l = p->priv;
	struct gl_app *a = p->app;
	switch (link->kind) {
	case GL_LINK_LETTER:
		if (link->id <= 0) {  /* the list itself */
			gl_letter_view_close(&l->view);
			p->letter = NULL;
			return APP_OK_REDRAW;
		}
		return open_letter(p, link->id, link->start, true);
	case GL_LINK_CODING: {
		struct gl_coding k;
		struct gl_str storage = GL_STR_INIT;
		struct gl_error err = { 0 };
		if (gl_store_coding_get(a->store, link->id, &k, &storage, &err) != GL_OK) {
			gl_str_finish(&storage);
			app_error(a, &err);
			return APP_OK_REDRAW;
		}
		gl_str_finish(&storage);
		unsigned f = open_letter(p, k.document_id, k.start, true);
		gl_app_message(a, false, _("Coding %lld (%lld:%lld); Esc returns"),
			(long long)link->id, (long long)k.start, (long long)k.end);
		return f;
	}
	default:
		return 0;
	}
}

const struct gl_pane_ops gl_pane_letters_ops = {
	.name = "letters", .title = N_("Letters"), .show = GL_ACT_PANE_LETTERS,
	.scope = GL_SCOPE_GENERIC, .init = letters_init, .reload = letters_reload,
	.request = letters_request, .follow = letters_follow, .finish = letters_finish,
	.poll = letters_poll, .busy = letters_busy,
};
