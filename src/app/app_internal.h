/* Private to src/app: helpers shared by the context, the panes and the commands. */
#ifndef GENOMLYS_APP_INTERNAL_H
#define GENOMLYS_APP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "genomlys/app.h"

/* (survey, year) pairs with results, the newest first. */
struct app_set {
	char *survey;
	int year;
};

struct app_sets {
	struct app_set *v;
	size_t n;
};

struct app_ids {
	int64_t *v;
	size_t n;
};

enum gl_status app_sets_load(struct gl_app *a, struct app_sets *s, struct gl_error *err);
void app_sets_finish(struct app_sets *s);
void app_set_survey(struct gl_app *a, const char *survey, int year);
/* Shows err in the status bar. */
void app_error(struct gl_app *a, const struct gl_error *err);
/* Closes the letter shown in p's reader. */
void app_reader_close(struct gl_pane *p);
/* Opens letter id in p's reader, the cursor at its start. */
enum gl_status app_reader_open(struct gl_pane *p, int64_t id, struct gl_error *err);
/* A value as text with one decimal in the locale's style ("6.5" or "6,5"). */
void app_format_value(double v, char *buf, size_t size);
/* Display columns of UTF-8 text. */
int app_text_width(const char *s);

/* What accepting a dialog does. */
enum app_purpose {
	APP_P_NONE,
	APP_P_CODER,          /* input: the coder's name, then the action waiting for it */
	APP_P_CODE_PICK,      /* picker over the codes: code the selection */
	APP_P_CODE_CATEGORY,  /* picker over the categories of a new code (modal.pending) */
	APP_P_UNCODE,         /* confirm: remove coding modal.target */
	APP_P_MEMO_CODING,    /* memo on coding modal.target */
	APP_P_MEMO_LETTER,    /* memo on letter modal.target */
	APP_P_CLASSIFY,       /* picker over the values of exclusive categories */
	APP_P_INFO,
	APP_P_CB_ADD,         /* input: a new code's name, then its category */
	APP_P_CB_ADD_CATEGORY,
	APP_P_CB_RENAME,
	APP_P_CB_DESCRIBE,
	APP_P_CB_COLOR,
	APP_P_CB_MOVE,        /* picker: the new parent */
	APP_P_CB_MERGE,       /* picker: the code to merge into */
	APP_P_CB_MERGE_YES,   /* confirm */
	APP_P_CB_DELETE,      /* confirm */
	APP_P_REVIEW_KEEP,    /* confirm: remove modal.target (keep the other) */
	APP_P_REVIEW_MERGE,   /* confirm: merge modal.target2 into modal.target */
	APP_P_REPLACE_FILE,   /* confirm: replace the file modal.pending (what: modal.target) */
};

/* ---- modal.c ---- */
void app_modal_close(struct gl_app *a);
unsigned app_modal_key(struct gl_app *a, int key);
void app_picker_open(struct gl_app *a, int purpose, const char *title, bool allow_new);
void app_picker_add(struct gl_app *a, int64_t id, const char *label, const char *hint);
/* Filters and orders the items by the typed text. */
void app_picker_filter(struct gl_app *a);
void app_input_open(struct gl_app *a, int purpose, const char *title, const char *text);
void app_confirm_open(struct gl_app *a, int purpose, const char *question);
void app_memo_open(struct gl_app *a, int purpose, const char *title, const char *text);
void app_info_open(struct gl_app *a, const char *title, const char *body);

/* ---- coding.c ---- */
/* True when a coder is chosen (and exists); else asks for one and runs act after. */
bool app_need_coder(struct gl_app *a, enum gl_action act);
/* One undoable step: begin, then end with the label (printf style) and the status. */
enum gl_status app_step_begin(struct gl_app *a, struct gl_error *err);
enum gl_status app_step_end(struct gl_app *a, enum gl_status st, struct gl_error *err,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* After a change: the open letter's codings and every pane are read again. */
void app_changed(struct gl_app *a);
/* Reads the codings of the letter open in p (only the coder's in blind mode). */
enum gl_status app_letter_load(struct gl_pane *p, struct gl_error *err);
/* The reader's handling of an action; 0 when not handled. */
unsigned app_reader_request(struct gl_pane *p, enum gl_action act);
unsigned app_undo(struct gl_app *a, bool redo);
/* Accepting the coding dialogs. */
unsigned app_coding_accept(struct gl_app *a, int purpose, const char *text, int64_t id,
	bool is_new);
/* Codebook and review dialogs (pane_codebook.c, pane_review.c). */
unsigned app_codebook_accept(struct gl_app *a, int purpose, const char *text, int64_t id,
	bool is_new);
unsigned app_review_accept(struct gl_app *a, int purpose);
/* Accepting the question whether to replace an existing file (command.c). */
unsigned app_replace_accept(struct gl_app *a);
/* Adds the codes to the open picker: codable ones (no exclusive categories or their values),
 * categories only (top-level), or all; skipping id skip and its children. */
enum app_codes { APP_CODES_CODABLE, APP_CODES_CATEGORIES, APP_CODES_ALL };
void app_picker_codes(struct gl_app *a, enum app_codes which, int64_t skip);
/* The colour of a code as -1..255 (-1: none or unreadable). */
int app_code_color(const char *color);

#endif
