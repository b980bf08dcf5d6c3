/* The curses-free controller: one context (the session: store, settings, key map, coder,
 * filter, undo history, the open dialog, the message) that every handler receives; panes own
 * their state; handlers change state and return GL_F_* flags, and the UI draws. The contracts
 * for panes and dialogs are explained in docs/architecture.md. */
#ifndef GENOMLYS_APP_H
#define GENOMLYS_APP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "genomlys/app_action.h"
#include "genomlys/app_coding.h"
#include "genomlys/app_detail.h"
#include "genomlys/app_letter.h"
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
	bool selected;       /* the text is pre-filled and selected: typing replaces it */
};

void gl_lineedit_init(struct gl_lineedit *e);
void gl_lineedit_finish(struct gl_lineedit *e);
void gl_lineedit_set(struct gl_lineedit *e, const char *text);
/* Sets text selected, as a prompt pre-filled with the last value: the first character typed
 * replaces it, a movement key keeps it for editing. */
void gl_lineedit_set_selected(struct gl_lineedit *e, const char *text);
enum gl_edit_result gl_lineedit_key(struct gl_lineedit *e, int key);

/* The panes in the order of the registry (panes.c): the first GL_PANE_TABS have a number key
 * and a tab; the codebook and the review are shown as a tab while open. */
enum gl_pane_id {
	GL_PANE_SCHOOLS,
	GL_PANE_SURVEYS,
	GL_PANE_LETTERS,
	GL_PANE_FINDINGS,
	GL_PANE_RANKING,   /* a tab (key 5): before the panes shown only while open */
	GL_PANE_ANALYSIS,  /* issue 14 (key 6) */
	GL_PANE_CODEBOOK,
	GL_PANE_REVIEW,
	GL_PANE_COUNT
};
#define GL_PANE_TABS 6
#define GL_PANE_MAX_TABLES 3

struct gl_app;
struct gl_pane;
struct gl_overview;

/* A command of the ':' line: "school NAME". A pane may bring its own (the review's filters). */
enum gl_complete { GL_COMPLETE_NONE, GL_COMPLETE_SCHOOL, GL_COMPLETE_GROUP, GL_COMPLETE_CODER,
	GL_COMPLETE_PANE, GL_COMPLETE_THEME, GL_COMPLETE_SURVEY, GL_COMPLETE_CODE };

struct gl_command {
	const char *name;
	const char *args;   /* N_() */
	const char *help;   /* N_() */
	/* p: the pane that brings the command (NULL for the global ones). */
	unsigned (*run)(struct gl_app *a, struct gl_pane *p, const char *arg);
	enum gl_complete complete;
};

/* A pane is a table of operations (tig's view_ops) over its own state (priv). */
struct gl_pane_ops {
	const char *name;        /* "schools": for :pane */
	const char *title;       /* N_("Schools"): the tab */
	enum gl_action show;     /* the action that shows it (pane-schools, codebook ...) */
	enum gl_scope scope;     /* whose key bindings apply besides the generic ones */
	const struct gl_command *commands;  /* the pane's own ':' commands; may be NULL */
	size_t ncommands;
	enum gl_status (*init)(struct gl_pane *p);
	/* Reads counts and columns again after a change of filter or data. */
	enum gl_status (*reload)(struct gl_pane *p, struct gl_error *err);
	/* Handles an action before the generic handling (movement on the focused table, the
	 * letter view, the detail view); returns GL_F_* flags, 0 when not handled. */
	unsigned (*request)(struct gl_pane *p, enum gl_action act);
	/* Shows what a link points to when it can (returns flags), else 0; may be NULL. */
	unsigned (*follow)(struct gl_pane *p, const struct gl_link *link);
	void (*finish)(struct gl_pane *p);
	/* True while the pane holds the screen for one person (a participant's ranking turn):
	 * ':' commands other than the harmless ones are refused then; may be NULL. */
	bool (*holds_screen)(struct gl_pane *p);
	/* Work of the pane's on a thread of its own (the review's count, issue 17): poll takes
	 * its result when it is in (gl_app_poll; returns flags), busy says it is not yet; may be
	 * NULL. */
	unsigned (*poll)(struct gl_pane *p);
	bool (*busy)(const struct gl_pane *p);
};

/* What the pane shows is one of: a detail view, a letter, or its tables; the UI draws the
 * first that is set. The pointers point into the pane's own state. */
struct gl_pane {
	const struct gl_pane_ops *ops;
	struct gl_app *app;
	void *priv;                   /* the pane's state */
	bool stale;                   /* reload before the next draw */
	uint64_t filter_seen;         /* app->filter_gen at the last reload */
	struct gl_str caption;        /* the line above the tables: what is shown */
	struct gl_table *tables[GL_PANE_MAX_TABLES];  /* side by side; most panes have one */
	int ntables;
	int focus;                    /* the table that has the cursor */
	struct gl_letter_view *letter;  /* a letter shown (NULL: none) */
	struct gl_detail *detail;       /* a detail view shown (NULL: none) */
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

/* What the user gave: the text typed (trimmed), the item chosen in a picker (id and label), or
 * a new name (is_new). */
struct gl_dialog_result {
	const char *text;
	int64_t id;
	const char *label;
	bool is_new;
};

/* Accepting a dialog: ctx is the context given when it was opened. A dialog opened from the
 * callback with the same ctx takes it over; otherwise it is freed after the callback. */
typedef unsigned (*gl_dialog_fn)(struct gl_app *a, void *ctx, const struct gl_dialog_result *r);

/* How a dialog is opened: its name (for logs and the test that every dialog is reached), what
 * accepting does, and its context (owned by the dialog; ctx_free NULL means free()). */
struct gl_dialog {
	const char *name;
	gl_dialog_fn accept;
	void *ctx;
	void (*ctx_free)(void *ctx);
};

struct gl_modal {
	enum gl_modal_kind kind;
	struct gl_dialog dialog;
	struct gl_str title;
	struct gl_str body;         /* the question, or the text to read */
	struct gl_lineedit edit;    /* the picker's filter, the input line */
	struct gl_textedit memo;
	bool edited;                /* something was typed: quitting must not lose it */
	struct gl_pick_item *items;
	size_t nitems;
	size_t *shown;              /* indices of items matching the filter, best first */
	size_t nshown;
	size_t cursor;              /* in shown; nshown: the "new" row */
	size_t top;                 /* first shown row (the UI keeps the cursor visible) */
	bool allow_new;             /* typing a name that is not there offers to create it */
};

/* True when the picker offers to create what was typed (no item is called that). */
bool gl_modal_offers_new(const struct gl_modal *m);

#define GL_BACK_MAX 16

struct gl_app {
	struct gl_store *store;
	struct gl_config config;
	struct gl_keymap keymap;
	char *project;           /* the project's name */
	char *coder;             /* the active coder's name ("" until one is chosen) */
	int64_t coder_id;        /* 0 until the coder exists in the project */
	bool coder_set;          /* chosen ([general] coder, :coder, the project's last coder) */
	bool blind;              /* show the active coder's work only */
	struct gl_history *history;  /* undo and redo of every change in this session */
	struct gl_overview *overview;  /* the Schools pane's counts, kept until the data changes */
	struct gl_detail *log;   /* :log's view of the audit log, shown over a pane (privacy.c) */
	struct gl_modal modal;
	/* what every pane shows: 0 / NULL means all */
	int64_t school_id;
	char *school;
	int64_t group_id;
	char *group;
	char *search;            /* FTS query for the letters */
	uint64_t filter_gen;     /* counts changes of the filter: lists start again at the top */
	uint32_t others_seen;    /* other programs' commits seen (gl_app_poll) */
	/* the analysis's settings: the project's, else config.ini's (settings.c) */
	char *survey;            /* the survey and year the panes show */
	int year;
	double threshold;        /* survey values below it are marked */
	char **groups;           /* the respondent groups shown as columns */
	size_t ngroups;
	int dot_budget;          /* dots per participant in dot voting */
	struct gl_pane panes[GL_PANE_COUNT];
	int pane;                /* the pane shown */
	int pane_back;           /* the tab that the codebook or the review returns to */
	int back[GL_BACK_MAX];   /* panes to return to after following links */
	int nback;
	bool help;               /* the help is shown */
	int help_top;
	struct gl_str message;   /* the status bar's message */
	bool message_error;
	char *save_display_path; /* set with GL_F_SAVE_DISPLAY */
	unsigned save_display_flags;  /* GL_OUTFILE_FORCE: may replace the file */
	int64_t nschools, nletters;
	FILE *trace;             /* when set: a line per dialog opened and accepted (tests) */
	/* Set by the terminal interface while it runs: shows how far a long task (the export)
	 * has come, and returns true when the user pressed Esc to stop it. NULL: nothing shown.
	 * total < 0: a wait that cannot be measured or stopped; only what is shown. */
	bool (*progress)(void *ctx, const char *what, int64_t done, int64_t total);
	void *progress_ctx;
	/* The workbook being written on a thread of its own (:export; command.c): NULL when none.
	 * gl_app_poll shows its progress and its end; Esc stops it. */
	struct gl_export_job *export_job;
	char *export_path;
	int export_shown;        /* the percent last shown; -1: none */
};

struct gl_export_job;

/* True while a workbook is being written on its own thread (:export), or a pane waits for
 * work of its own thread (the review's count of overlaps). */
bool gl_app_busy(const struct gl_app *a);

/* Takes over store and config (config is left empty); applies [keys]: bad bindings become
 * diagnostics in app->config.diags. */
enum gl_status gl_app_create(struct gl_store *store, struct gl_config *config,
	struct gl_app **out, struct gl_error *err);
void gl_app_destroy(struct gl_app *a);  /* closes the store; NULL is a no-op */

/* The one start-up path of the interface: the settings file (config_path, else the default
 * one), the project (db_path; with demo, a fresh demo project built by gl_demo_build), the
 * app. On a mistake in an explicit settings file *usage is set (exit 2). */
struct gl_app_options {
	const char *db_path;
	const char *config_path;
	bool demo;
};
enum gl_status gl_app_open(const struct gl_app_options *o, struct gl_app **out, bool *usage,
	struct gl_error *err);

/* Sets the status bar's message (printf style). */
void gl_app_message(struct gl_app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void gl_app_message_clear(struct gl_app *a);

struct gl_pane *gl_app_pane(struct gl_app *a);
/* Reloads the visible pane when it is stale; errors go to the message. */
void gl_app_prepare(struct gl_app *a);
/* Marks every pane for a reload (after a change of data). */
void gl_app_invalidate(struct gl_app *a);
/* Called when no key came for a while (and before each scripted event): when another program
 * (a second terminal on the same project, a command) has committed since, every pane reads
 * again. Returns GL_F_REDRAW then, else 0. */
unsigned gl_app_poll(struct gl_app *a);
/* The interface has drawn its first screen: the background work that must not delay it (the
 * check of a large project) starts now. Once; calling it again does nothing. */
void gl_app_first_screen_drawn(struct gl_app *a);

/* A key from the terminal or a script; looks up the key map. Returns GL_F_* flags. */
unsigned gl_app_key(struct gl_app *a, int key);
unsigned gl_app_action(struct gl_app *a, enum gl_action act);
/* A command line without the ':' ("school Björkdalsskolan"). */
unsigned gl_app_command(struct gl_app *a, const char *line);
/* The search prompt's text; empty clears the search. */
unsigned gl_app_search(struct gl_app *a, const char *query);
/* True when quitting now would lose typed text (an open memo or input): ask first. */
bool gl_app_unsaved(const struct gl_app *a);

/* Filters: id 0 clears. */
enum gl_status gl_app_set_school(struct gl_app *a, int64_t id, struct gl_error *err);
enum gl_status gl_app_set_group(struct gl_app *a, int64_t id, struct gl_error *err);
enum gl_status gl_app_set_coder(struct gl_app *a, const char *name, struct gl_error *err);
/* Switches to pane id (clamped); returns flags. */
unsigned gl_app_switch(struct gl_app *a, int id);
/* The pane named name ("letters"), or -1. */
int gl_app_pane_find(const struct gl_app *a, const char *name);
/* The scope of the keys now (the reader, the codebook, the review or generic). */
enum gl_scope gl_app_scope(struct gl_app *a);
/* Shows what a link points to, in the pane that can show it; Esc there comes back. */
unsigned gl_app_follow(struct gl_app *a, const struct gl_link *link);
/* Returns to the pane a link was followed from; false when there is none. */
bool gl_app_back(struct gl_app *a);
/* Opens letter id in the reader with the cursor at code point cp (a link to a letter). */
unsigned gl_app_open_letter(struct gl_app *a, int64_t id, int64_t cp, int64_t cp_end);
/* Blind mode on or off. */
unsigned gl_app_blind(struct gl_app *a, bool on);

/* Command-line completion of line: *out becomes the completed line; choices lists the
 * candidates when there is more than one. Returns true when line changed. */
bool gl_app_complete(struct gl_app *a, const char *line, struct gl_str *out,
	struct gl_str *choices);
/* The commands, for the help: name, arguments and help (translated) of command i. */
size_t gl_command_count(const struct gl_app *a);
void gl_command_info(const struct gl_app *a, size_t i, const char **name, const char **args,
	const char **help);

/* The words of an FTS query to highlight, case-folded (operators, quotes and '*' dropped);
 * free with gl_strv_free. */
char **gl_search_terms(const char *query, size_t *n);

/* The key hint of an action as shown in captions ("a add"): its first bound key and label;
 * nothing when the action has no key. Appends " · " first when out is not empty. */
void gl_app_hint(const struct gl_app *a, struct gl_str *out, enum gl_action act,
	const char *label);
/* The same for a pair of actions: "h/l column", "J/K letters". */
void gl_app_hint2(const struct gl_app *a, struct gl_str *out, enum gl_action act,
	enum gl_action act2, const char *label);

/* Panes' operation tables, in registry order (panes.c). */
extern const struct gl_pane_ops *const gl_pane_registry[GL_PANE_COUNT];
extern const struct gl_pane_ops gl_pane_schools_ops;
extern const struct gl_pane_ops gl_pane_surveys_ops;
extern const struct gl_pane_ops gl_pane_letters_ops;
extern const struct gl_pane_ops gl_pane_findings_ops;
extern const struct gl_pane_ops gl_pane_analysis_ops;
extern const struct gl_pane_ops gl_pane_codebook_ops;
extern const struct gl_pane_ops gl_pane_review_ops;
extern const struct gl_pane_ops gl_pane_ranking_ops;

/* ---- Scripts (GENOMLYS_SCRIPT): keys and commands fed to the application ---- */

enum gl_script_kind {
	GL_SCRIPT_END,
	GL_SCRIPT_KEY,      /* key */
	GL_SCRIPT_COMMAND,  /* text: a command line without ':' */
	GL_SCRIPT_RESIZE,   /* w, h */
	GL_SCRIPT_MOUSE,    /* x, y, button: 1 click, 4 wheel up, 5 wheel down */
	GL_SCRIPT_WAIT,     /* "wait": until the workbook being written (:export) is done */
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
