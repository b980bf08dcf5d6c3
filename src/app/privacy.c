/* Privacy in the interface: :log shows the audit log, :erase erases after a question. */
#include "genomlys/app.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "genomlys/app_detail.h"
#include "genomlys/app_letter.h"
#include "genomlys/app_table.h"
#include "genomlys/i18n.h"
#include "genomlys/num.h"
#include "genomlys/ranking.h"
#include "app_internal.h"

void app_log_free(struct gl_app *a)
{
	if (!a->log)
		return;
	for (int i = 0; i < GL_PANE_COUNT; i++)
		if (a->panes[i].detail == a->log)
			a->panes[i].detail = NULL;
	gl_detail_finish(a->log);
	free(a->log);
	a->log = NULL;
}

static const char *text_of(const struct gl_row *row, int i)
{
	return row->values[i].type == GL_VAL_TEXT ? row->values[i].s : "";
}

static int log_row(void *ctx, const struct gl_row *row)
{
	struct gl_detail *d = ctx;
	/* at: "2026-03-02T14:05:11.123Z" shown to the minute; a closed round's note on an area
	 * (stored as figures) in words; what the row is about (the finding an evidence link went
	 * to, a coding's code and letter) after a dash */
	const char *at = text_of(row, 1);
	const char *detail = text_of(row, 5);
	const char *about = row->ncols > 6 ? text_of(row, 6) : "";
	struct gl_str note = GL_STR_INIT;
	if (!strcmp(text_of(row, 3), "rank") && *detail) {
		gl_round_note_render(detail, &note);
		detail = gl_str_cstr(&note);
	}
	gl_detail_add(d, GL_CELL_NORMAL, 0, NULL, "%.10s %.5s  %s  %s %s%s%s%s%s", at,
		strlen(at) > 11 ? at + 11 : "", text_of(row, 2), text_of(row, 3), text_of(row, 4),
		*detail ? ": " : "", detail, *about ? " \u2014 " : "", about);
	gl_str_finish(&note);
	return 0;
}

unsigned app_cmd_log(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;  /* NULL for a global command: the log goes over the pane shown */
	app_log_free(a);
	struct gl_detail *d = calloc(1, sizeof *d);
	if (!d)
		return APP_OK_REDRAW;
	gl_detail_init(d);
	struct gl_audit_filter f = { *arg ? arg : NULL, NULL };
	struct gl_str title = GL_STR_INIT;
	if (*arg)
		gl_str_printf(&title, _("Audit log: changes by %s (Esc closes)"), arg);
	else
		gl_str_puts(&title, _("Audit log: who changed what and when (Esc closes)"));
	gl_detail_set_title(d, gl_str_cstr(&title));
	gl_str_finish(&title);
	struct gl_error err = { 0 };
	if (gl_store_audit_log(a->store, &f, log_row, d, &err) != GL_OK) {
		gl_detail_finish(d);
		free(d);
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	if (!d->n)
		gl_detail_add(d, GL_CELL_DIM, 0, NULL, "%s", _("(no changes recorded)"));
	d->cursor = d->n - 1;  /* the newest at hand */
	a->log = d;
	gl_app_pane(a)->detail = d;
	return APP_OK_REDRAW;
}

unsigned gl_app_poll(struct gl_app *a)
{
	unsigned f = app_export_poll(a);
	for (int i = 0; i < GL_PANE_COUNT; i++)
		if (a->panes[i].ops && a->panes[i].ops->poll)
			f |= a->panes[i].ops->poll(&a->panes[i]);
	/* the high half of the data version counts the other programs' commits */
	uint32_t others = (uint32_t)(gl_store_data_version(a->store) >> 32);
	if (others == a->others_seen)
		return f;
	a->others_seen = others;
	gl_app_invalidate(a);
	return GL_F_REDRAW;
}

struct erase_ctx {
	enum gl_erase_kind kind;
	char *name;
	int64_t id;
};

static void erase_ctx_free(void *p)
{
	struct erase_ctx *c = p;
	free(c->name);
	free(c);
}

static unsigned erase_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	(void)r;
	struct erase_ctx *c = ctx;
	struct gl_error err = { 0 };
	struct gl_erase_counts n;
	if (gl_store_erase(a->store, c->kind, c->name, c->id, false, &n, &err) != GL_OK) {
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	/* the undo steps hold what was erased (and could bring it back): forgotten */
	gl_history_forget(a->history);
	/* an open letter may be one that went; its text leaves memory too */
	for (int i = 0; i < GL_PANE_COUNT; i++) {
		if (a->panes[i].letter)
			gl_letter_view_close(a->panes[i].letter);
		a->panes[i].letter = NULL;
		a->panes[i].detail = NULL;
	}
	gl_app_invalidate(a);
	gl_app_message(a, false, ngettext("Erased %lld letter; this cannot be undone%s",
		"Erased %lld letters; this cannot be undone%s", n.letters), (long long)n.letters,
		n.wal_truncated ? "" : _(" (another program has the project open: the text may stay in "
		"its WAL file until it closes the project)"));
	return APP_OK_REDRAW;
}

unsigned app_cmd_erase(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	const char *sp = strchr(arg, ' ');
	size_t klen = sp ? (size_t)(sp - arg) : strlen(arg);
	const char *rest = sp ? sp + 1 : "";
	while (*rest == ' ')
		rest++;
	struct erase_ctx *c = app_dialog_ctx(sizeof *c);
	if (!c)
		return APP_OK_REDRAW;
	struct gl_error err = { 0 };
	if (klen == 6 && !strncasecmp(arg, "author", 6) && *rest) {
		c->kind = GL_ERASE_AUTHOR;
	} else if (klen == 6 && !strncasecmp(arg, "school", 6) && *rest) {
		c->kind = GL_ERASE_SCHOOL;
	} else if (klen == 6 && !strncasecmp(arg, "letter", 6) &&
		gl_num_parse_int64(rest, 1, INT64_MAX, &c->id, &err) == GL_OK) {
		c->kind = GL_ERASE_LETTER;
	} else {
		free(c);
		gl_app_message(a, true, _("erase author NAME, erase letter ID or erase school NAME"));
		return APP_OK_REDRAW;
	}
	if (c->kind != GL_ERASE_LETTER && !(c->name = gl_strdup(rest))) {
		free(c);
		return APP_OK_REDRAW;
	}
	struct gl_erase_counts n;
	if (gl_store_erase(a->store, c->kind, c->name, c->id, true, &n, &err) != GL_OK) {
		erase_ctx_free(c);
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	struct gl_str q = GL_STR_INIT;
	if (c->kind == GL_ERASE_AUTHOR)
		gl_str_printf(&q, _("Erase the letters of %s"), c->name);
	else if (c->kind == GL_ERASE_LETTER)
		gl_str_printf(&q, _("Erase letter %lld"), (long long)c->id);
	else
		gl_str_printf(&q, _("Erase the school %s with its findings and survey results"),
			c->name);
	gl_str_printf(&q, _(" (letters: %lld, codings: %lld, memos: %lld)? It cannot be undone. (y/n)"),
		(long long)n.letters, (long long)n.codings, (long long)n.memos);
	struct gl_dialog d = { "erase", erase_accept, c, erase_ctx_free };
	app_confirm_open(a, &d, gl_str_cstr(&q));
	gl_str_finish(&q);
	return APP_OK_REDRAW;
}
