/* The curses-free controller: one context (store, settings, filter, coder, panes) that every
 * handler receives; handlers change state and return GL_F_* flags, and the UI draws. */
#ifndef GENOMLYS_APP_H
#define GENOMLYS_APP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "genomlys/app_action.h"
#include "genomlys/app_coding.h"
#include "genomlys/app_reader.h"
#include "genomlys/app_table.h"
#include "genomlys/config.h"
#include "genomlys/history.h"
#include "genomlys/status.h"
#include "genomlys/store.h"
#include "genomlys/str.h"

/* ---- The command-line editor (curses-free, so that it can be tested) ---- */

enum gl_edit_result { GL_EDIT_CONTINUE, GL_EDIT_ACCEPT, GL_EDIT_CANCEL, GL_EDIT_COMPLETE };

struct gl_lineedit {
	struct gl_str text;  /* UTF-8 */
	size_t cursor;       /* byte offset */
};

void gl_lineedit_init(struct gl_lineedit *e);
void gl_lineedit_finish(struct gl_lineedit *e);
void gl_lineedit_set(struct gl_lineedit *e, const char *text);
enum gl_edit_result gl_lineedit_key(struct gl_lineedit *e, int key);

/* The panes in tab order; later issues add ranking and analysis. The codebook and the review
 * are panes too, reached with C and R (or :codebook, :review) and shown as a tab while open. */
enum gl_pane_id {
	GL_PANE_SCHOOLS,
	GL_PANE_SURVEYS,
	GL_PANE_LETTERS,
	GL_PANE_FINDINGS,
	GL_PANE_CODEBOOK,
	GL_PANE_REVIEW,
	GL_PANE_COUNT
};
#define GL_PANE_TABS 4  /* panes with a number key and a tab of their own */

struct gl_app;
struct gl_pane;

/* A pane is a table of operations over the one table model (tig's view_ops). */
struct gl_pane_ops {
	const char *name;   /* "schools": for :pane */
	const char *title;  /* N_("Schools"): the tab */
	enum gl_status (*init)(struct gl_pane *p);
	/* Reads counts and columns again after a change of filter or data. */
	enum gl_status (*reload)(struct gl_pane *p, struct gl_error *err);
	/* Handles an action (movement has been tried on the focused table first when this returns
	 * 0); returns GL_F_* flags, 0 when not handled. */
	unsigned (*request)(struct gl_pane *p, enum gl_action act);
	void (*finish)(struct gl_pane *p);
};

struct gl_pane {
	const struct gl_pane_ops *ops;
	struct gl_app *app;
	struct gl_table tables[3];  /* side by side; most panes have one */
	int ntables;
	int focus;                  /* the table that has the cursor */
	struct gl_str caption;      /* the line above the tables: what is shown */
	bool stale;                 /* reload before the next draw */
	/* A pane may show one text instead of its tables (the letter reader). */
	bool reading;
	struct gl_reader reader;
	struct gl_document doc;
	int64_t doc_codings;
	int text_height;            /* lines of text the reader showed last (for paging) */
	struct gl_letter_state ls;  /* the reader's cursor, selection and codings */
	void *priv;
};

/* ---- Small dialogs over the panes: keys go to them first; the UI draws them ---- */

enum gl_modal_kind {
	GL_MODAL_NONE,
	GL_MODAL_PICKER,   /* a list filtered by fuzzy matching of what is typed */
	GL_MODAL_INPUT,    /* one line of text */
	GL_MODAL_CONFIRM,  /* y or n */
	GL_MODAL_MEMO,     /* a few lines of text */
	GL_MODAL_INFO,     /* text to read; any key closes */
};

struct gl_pick_item {
	int64_t id;
	char *label;  /* "Lärmiljö > Trygghet" */
	char *fold;   /* label case-folded, for matching */
	char *hint;   /* right-aligned: "3 codings" */
};

struct gl_modal {
	enum gl_modal_kind kind;
	int purpose;                /* what accepting does (modal.c) */
	struct gl_str title;
	struct gl_str body;         /* the question, or the text to read */
	struct gl_lineedit edit;    /* the picker's filter, the input line */
	struct gl_textedit memo;
	struct gl_pick_item *items;
	size_t nitems;
	size_t *shown;              /* indices of items matching the filter, best first */
	size_t nshown;
	size_t cursor;              /* in shown; nshown: the "new" row */
	size_t top;                 /* first shown row (the UI keeps the cursor visible) */
	bool allow_new;             /* typing a name that is not there offers to create it */
	int64_t target, target2;
	char *pending;              /* a new code's name while its category is picked */
	enum gl_action resume;      /* what to do once the coder has been named */
};

struct gl_app {
	struct gl_store *store;
	struct gl_config config;
	struct gl_keymap keymap;
	char *project;           /* the project's name */
	char *coder;             /* the active coder's name ("" until one is chosen) */
	int64_t coder_id;        /* 0 until the coder exists in the project */
	bool coder_set;          /* chosen ([general] coder, :coder, the project's last coder) */
	bool blind;              /* hide other coders' codings in the reader */
	struct gl_history *history;  /* undo and redo of every change in this session */
	struct gl_modal modal;
	enum gl_pane_id pane_back;   /* where C and Esc leave the codebook or review for */
	/* the review's filter and view */
	int64_t review_code_id, review_coder_id;
	char *review_code, *review_coder;
	bool review_overlaps;
	/* what every pane shows: 0 / NULL means all */
	int64_t school_id;
	char *school;
	int64_t group_id;
	char *group;
	char *search;            /* FTS query for the letters */
	/* the survey and year the schools pane counts weak results in */
	char *survey;
	int year;
	struct gl_pane panes[GL_PANE_COUNT];
	enum gl_pane_id pane;
	bool help;               /* the help is shown */
	int help_top;
	struct gl_str message;   /* the status bar's message */
	bool message_error;
	char *save_display_path; /* set with GL_F_SAVE_DISPLAY */
	unsigned save_display_flags;  /* GL_OUTFILE_FORCE: may replace the file */
	int64_t nschools, nletters;
};

/* Takes over store and config (config is left empty); applies [keys]: bad bindings become
 * diagnostics in app->config.diags. */
enum gl_status gl_app_create(struct gl_store *store, struct gl_config *config,
	struct gl_app **out, struct gl_error *err);
void gl_app_destroy(struct gl_app *a);  /* closes the store; NULL is a no-op */

/* Sets the status bar's message (printf style). */
void gl_app_message(struct gl_app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void gl_app_message_clear(struct gl_app *a);

struct gl_pane *gl_app_pane(struct gl_app *a);
/* Reloads stale panes (the visible one at least); errors go to the message. */
void gl_app_prepare(struct gl_app *a);
/* Marks every pane for a reload (after a change of filter). */
void gl_app_invalidate(struct gl_app *a);

/* A key from the terminal or a script; looks up the key map. Returns GL_F_* flags. */
unsigned gl_app_key(struct gl_app *a, int key);
unsigned gl_app_action(struct gl_app *a, enum gl_action act);
/* A command line without the ':' ("school Björkdalsskolan"). */
unsigned gl_app_command(struct gl_app *a, const char *line);
/* The search prompt's text; empty clears the search. */
unsigned gl_app_search(struct gl_app *a, const char *query);

/* Filters: id 0 clears. */
enum gl_status gl_app_set_school(struct gl_app *a, int64_t id, struct gl_error *err);
enum gl_status gl_app_set_group(struct gl_app *a, int64_t id, struct gl_error *err);
enum gl_status gl_app_set_coder(struct gl_app *a, const char *name, struct gl_error *err);
/* Switches to pane id (clamped); returns flags. */
unsigned gl_app_switch(struct gl_app *a, int id);
/* The scope of the keys now (the reader, the codebook, the review or generic). */
enum gl_scope gl_app_scope(struct gl_app *a);
/* Opens letter id in the reader with the cursor at code point cp (the review's Enter). */
unsigned gl_app_open_letter(struct gl_app *a, int64_t id, int64_t cp, int64_t cp_end);
/* Blind mode on or off. */
unsigned gl_app_blind(struct gl_app *a, bool on);

/* Command-line completion of line: *out becomes the completed line; choices lists the
 * candidates when there is more than one. Returns true when line changed. */
bool gl_app_complete(struct gl_app *a, const char *line, struct gl_str *out,
	struct gl_str *choices);
/* The commands, for the help: name, arguments and help (translated) of command i. */
size_t gl_command_count(void);
void gl_command_info(size_t i, const char **name, const char **args, const char **help);

/* The words of an FTS query to highlight, case-folded (operators, quotes and '*' dropped);
 * free with gl_strv_free. */
char **gl_search_terms(const char *query, size_t *n);

/* Panes' operation tables. */
extern const struct gl_pane_ops gl_pane_schools_ops;
extern const struct gl_pane_ops gl_pane_surveys_ops;
extern const struct gl_pane_ops gl_pane_letters_ops;
extern const struct gl_pane_ops gl_pane_findings_ops;
extern const struct gl_pane_ops gl_pane_codebook_ops;
extern const struct gl_pane_ops gl_pane_review_ops;

/* ---- Scripts (GENOMLYS_SCRIPT): keys and commands fed to the application ---- */

enum gl_script_kind {
	GL_SCRIPT_END,
	GL_SCRIPT_KEY,      /* key */
	GL_SCRIPT_COMMAND,  /* text: a command line without ':' */
	GL_SCRIPT_RESIZE,   /* w, h */
	GL_SCRIPT_MOUSE,    /* x, y, button: 1 click, 4 wheel up, 5 wheel down */
};

struct gl_script_event {
	enum gl_script_kind kind;
	int key;
	const char *text;   /* valid until the next event */
	int w, h, x, y, button;
	long line;
};

struct gl_script;
enum gl_status gl_script_open(const char *path, struct gl_script **out, struct gl_error *err);
void gl_script_close(struct gl_script *s);
/* The next event; a malformed line is GL_EFORMAT with its line number in err. */
enum gl_status gl_script_next(struct gl_script *s, struct gl_script_event *ev,
	struct gl_error *err);

#endif
