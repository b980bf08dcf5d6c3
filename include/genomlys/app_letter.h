/* The letter view: one component (the reader with its cursor, selection and codings, and the
 * coding actions on it) that a pane embeds to show a letter. The Letters pane has one; the
 * analysis drill-down can have its own. */
#ifndef GENOMLYS_APP_LETTER_H
#define GENOMLYS_APP_LETTER_H

#include <stdbool.h>
#include <stdint.h>

#include "genomlys/app_action.h"
#include "genomlys/app_coding.h"
#include "genomlys/app_reader.h"
#include "genomlys/status.h"
#include "genomlys/store.h"

struct gl_app;

struct gl_letter_view {
	struct gl_app *app;
	bool open;                  /* a letter is shown */
	struct gl_document doc;
	struct gl_reader reader;
	struct gl_letter_state ls;  /* cursor, selection, the codings shown */
	int64_t codings;            /* codings shown (only the coder's in blind mode) */
	int text_height;            /* lines of text the UI showed last (for paging) */
	bool from_link;             /* opened by following a link: closing goes back */
	int64_t just_coded;         /* the coding just made: the next reload makes it the current
	                             * one, so that e, x, m and Enter act on it (0: none) */
};

void gl_letter_view_init(struct gl_letter_view *v, struct gl_app *a);
void gl_letter_view_finish(struct gl_letter_view *v);
/* Opens letter id with the cursor at its start. */
enum gl_status gl_letter_view_open(struct gl_letter_view *v, int64_t id, struct gl_error *err);
void gl_letter_view_close(struct gl_letter_view *v);
/* Reads the open letter's codings again (after a change, or blind mode switched). */
enum gl_status gl_letter_view_reload(struct gl_letter_view *v, struct gl_error *err);
/* Puts the cursor at code point cp (and the span's start on screen). */
void gl_letter_view_goto(struct gl_letter_view *v, int64_t cp);
/* How far into the letter the cursor is, 0-100 (100 at the end, and for an empty letter). */
int gl_letter_view_percent(const struct gl_letter_view *v);
/* The reader's handling of an action; 0 when not handled (J/K belong to the embedding pane). */
unsigned gl_letter_view_request(struct gl_letter_view *v, enum gl_action act);

#endif
