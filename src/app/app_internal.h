/* Private to src/app: helpers shared by the context, the panes, the letter view and the
 * commands. */
#ifndef GENOMLYS_APP_INTERNAL_H
#define GENOMLYS_APP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "genomlys/app.h"

#define APP_OK_REDRAW (GL_F_HANDLED | GL_F_REDRAW)

/* (survey, year) pairs with results, the newest first. */
struct app_set {
	char *survey;
	int year;
};

struct app_sets {
	struct app_set *v;
	size_t n;
};

enum gl_status app_sets_load(struct gl_app *a, struct app_sets *s, struct gl_error *err);
void app_sets_finish(struct app_sets *s);
void app_set_survey(struct gl_app *a, const char *survey, int year);
/* Shows err in the status bar. */
void app_error(struct gl_app *a, const struct gl_error *err);
/* The export's thread (command.c): its progress or its end on the status bar (GL_F_REDRAW when
 * something changed); stopping it (Esc); waiting for it (quitting). */
unsigned app_export_poll(struct gl_app *a);
void app_export_stop(struct gl_app *a, bool wait);
/* A value as text with one decimal in the interface language's style ("6.5" or "6,5"). */
void app_format_value(double v, char *buf, size_t size);
/* A number as short as it can be ("%g"), with that decimal separator ("2,5", "3"). */
void app_format_number(double v, char *buf, size_t size);
/* A number with a fixed count of decimals and that separator ("0,70"). */
void app_format_fixed(double v, int decimals, char *buf, size_t size);
/* The interface language's decimal separator. */
const char *app_decimal_separator(void);
/* Display columns of UTF-8 text. */
int app_text_width(const char *s);
/* A short quote of text[b0, b1) for messages and titles: at most max bytes (cut on a character
 * boundary, with '…'), line breaks and tabs as spaces. */
void app_quote(const char *text, size_t b0, size_t b1, size_t max, struct gl_str *out);
/* Below how much work a pane does it at once rather than on a worker thread: dflt, or the
 * number in the environment variable name (the tests' GENOMLYS_*_SYNC; 0: always a worker). */
int64_t app_sync_limit(const char *name, int64_t dflt);
/* The width of a Group column: the longest name, in the interface's language, of the groups
 * that have letters ("vårdnadshavare" is 14 wide, "politicians" 11), between 6 and 16. */
int app_group_width(struct gl_app *a);
/* Reloads pane p when it is stale (errors go to the message). */
void app_pane_prepare(struct gl_pane *p);
/* Resets the cursor of a pane's tables when the filter changed since its last reload (lists
 * start again at their top); returns true when it had. */
bool app_filter_moved(struct gl_pane *p);

/* ---- privacy.c: :log and :erase (issue 16) ---- */
unsigned app_cmd_log(struct gl_app *a, struct gl_pane *p, const char *arg);
unsigned app_cmd_erase(struct gl_app *a, struct gl_pane *p, const char *arg);
void app_log_free(struct gl_app *a);

/* ---- modal.c: dialogs ---- */
/* A context of size bytes for a dialog (zeroed; GL_ENOMEM leaves NULL). */
void *app_dialog_ctx(size_t size);
void app_modal_close(struct gl_app *a);
unsigned app_modal_key(struct gl_app *a, int key);
void app_picker_open(struct gl_app *a, const struct gl_dialog *d, const char *title,
	bool allow_new);
void app_picker_add(struct gl_app *a, int64_t id, const char *label, const char *hint);
/* Filters and orders the items by the typed text. */
void app_picker_filter(struct gl_app *a);
/* An input line pre-filled with text, selected (typing replaces it). */
void app_input_open(struct gl_app *a, const struct gl_dialog *d, const char *title,
	const char *text);
void app_confirm_open(struct gl_app *a, const struct gl_dialog *d, const char *question);
void app_memo_open(struct gl_app *a, const struct gl_dialog *d, const char *title,
	const char *text);
void app_info_open(struct gl_app *a, const char *title, const char *body);
/* The label of picker item id (for messages), "" when none. */
const char *app_picker_label(const struct gl_app *a, int64_t id);

/* Adds the codes to the open picker: codable ones (no exclusive categories or their values),
 * the codes that may have codes under them (any level but the deepest, no exclusive category
 * or value), or all; skipping id skip and its descendants. */
enum app_codes { APP_CODES_CODABLE, APP_CODES_CATEGORIES, APP_CODES_ALL };
void app_picker_codes(struct gl_app *a, enum app_codes which, int64_t skip);

/* ---- evidence.c: e attaches what is under the cursor to a finding ---- */
/* Opens the picker of findings (the school's, then the municipality's; a new title creates
 * one at school_id) for a coding or survey result; what names it in the title. */
unsigned app_evidence_open(struct gl_app *a, enum gl_evidence type, int64_t target,
	int64_t school_id, const char *what);
/* The same for a coding, its school and quote looked up. */
unsigned app_evidence_coding(struct gl_app *a, int64_t coding_id);

/* ---- settings.c: the analysis's settings ---- */
/* Reads them again: the project's, else config.ini's. */
void app_settings_load(struct gl_app *a);
void app_settings_finish(struct gl_app *a);
/* Each saves one in the project as an undo step and says so; returns flags. */
unsigned app_setting_threshold(struct gl_app *a, double v);
unsigned app_setting_groups(struct gl_app *a, const char *names);
unsigned app_setting_survey(struct gl_app *a, const char *survey, int year);
unsigned app_setting_dot_budget(struct gl_app *a, int dots);
bool app_setting_keep_names_get(struct gl_app *a);
unsigned app_setting_keep_names(struct gl_app *a, bool keep);

/* ---- changes ---- */
/* True when a coder is chosen (and exists); else asks for one and runs act after. */
bool app_need_coder(struct gl_app *a, enum gl_action act);
/* One undoable step: begin, then end with the label (printf style) and the status. */
enum gl_status app_step_begin(struct gl_app *a, struct gl_error *err);
enum gl_status app_step_end(struct gl_app *a, enum gl_status st, struct gl_error *err,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* After a change of data: every pane reads the project again before it is drawn. */
void app_changed(struct gl_app *a);
unsigned app_undo(struct gl_app *a, bool redo);
/* Asks for the name of the coder to switch to (@). */
unsigned app_coder_prompt(struct gl_app *a);
/* The colour of a code as -1..255 (-1: none or unreadable). */
int app_code_color(const char *color);

#endif
