/* What every change goes through: the active coder, undoable steps, undo and redo, reloading
 * after a change, blind mode. */
#include "genomlys/app.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "app_internal.h"

int app_code_color(const char *color)
{
	int c;
	if (!color || !*color || !gl_color_parse(color, &c))
		return -1;
	return c;
}

/* ---- The coder ---- */

struct coder_ctx {
	enum gl_action resume;  /* what to do once the coder has been named */
};

static unsigned coder_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct coder_ctx *c = ctx;
	struct gl_error err = { 0 };
	if (!*r->text) {
		gl_app_message(a, true, c->resume != GL_ACT_NONE ? _("No coder chosen; nothing was "
			"saved") : _("No coder chosen"));
		return APP_OK_REDRAW;
	}
	if (gl_app_set_coder(a, r->text, &err) != GL_OK) {
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	gl_app_message(a, false, _("The active coder is now %s"), a->coder);
	app_changed(a);
	if (c->resume != GL_ACT_NONE)
		return gl_app_action(a, c->resume);
	return APP_OK_REDRAW;
}

static void coder_open(struct gl_app *a, enum gl_action resume, const char *title,
	const char *text)
{
	struct coder_ctx *c = app_dialog_ctx(sizeof *c);
	if (!c)
		return;
	c->resume = resume;
	struct gl_dialog d = { "coder", coder_accept, c, NULL };
	app_input_open(a, &d, title, text);
}

bool app_need_coder(struct gl_app *a, enum gl_action act)
{
	if (a->coder_set && a->coder_id > 0)
		return true;
	if (a->coder_set) {
		struct gl_error err = { 0 };
		if (gl_app_set_coder(a, a->coder, &err) == GL_OK)
			return true;
		app_error(a, &err);
		return false;
	}
	coder_open(a, act, _("Who is coding? Your name (it is recorded with every coding and "
		"memo):"), "");
	return false;
}

unsigned app_coder_prompt(struct gl_app *a)
{
	coder_open(a, GL_ACT_NONE, _("Switch to the coder (a new name creates one):"), a->coder);
	return APP_OK_REDRAW;
}

/* ---- Undo steps ---- */

enum gl_status app_step_begin(struct gl_app *a, struct gl_error *err)
{
	return gl_history_begin(a->history, err);
}

enum gl_status app_step_end(struct gl_app *a, enum gl_status st, struct gl_error *err,
	const char *fmt, ...)
{
	struct gl_str label = GL_STR_INIT;
	va_list ap;
	va_start(ap, fmt);
	gl_str_vprintf(&label, fmt, ap);
	va_end(ap);
	st = gl_history_end(a->history, gl_str_cstr(&label), st, err);
	gl_str_finish(&label);
	return st;
}

void app_changed(struct gl_app *a)
{
	app_settings_load(a);  /* an undo may have changed them */
	gl_app_invalidate(a);
	/* the visible pane at once, so that what is drawn next is what the project holds */
	gl_app_prepare(a);
}

unsigned app_undo(struct gl_app *a, bool redo)
{
	struct gl_error err = { 0 };
	const char *label = redo ? gl_history_redo_label(a->history)
		: gl_history_undo_label(a->history);
	if (!label) {
		gl_app_message(a, true, redo ? _("Nothing to redo") : _("Nothing to undo"));
		return APP_OK_REDRAW;
	}
	char *copy = gl_strdup(label);
	enum gl_status st = redo ? gl_history_redo(a->history, &err)
		: gl_history_undo(a->history, &err);
	if (st != GL_OK)
		app_error(a, &err);
	else
		gl_app_message(a, false, redo ? _("Redid: %s") : _("Undid: %s"), copy ? copy : "");
	free(copy);
	app_changed(a);
	return APP_OK_REDRAW;
}

unsigned gl_app_blind(struct gl_app *a, bool on)
{
	a->blind = on;
	app_changed(a);
	gl_app_message(a, false, on ? _("Blind mode: only your codings are shown") :
		_("Blind mode off: every coder's codings are shown"));
	return APP_OK_REDRAW;
}
