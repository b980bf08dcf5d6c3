/* Settings from config.ini and colour themes from themes/NAME.ini: parsed, checked, defaulted. */
#ifndef GENOMLYS_CONFIG_H
#define GENOMLYS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "genomlys/status.h"

/* A problem found in a settings or theme file: it is shown, and the default is used. */
struct gl_diag {
	char *file;     /* may be NULL */
	long line;      /* 0 when unknown */
	char *message;  /* translated, one line */
};

struct gl_diags {
	struct gl_diag *v;
	size_t n, cap;
};

void gl_diags_init(struct gl_diags *d);
void gl_diags_finish(struct gl_diags *d);
void gl_diags_add(struct gl_diags *d, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* "file:line: message" (or without the parts that are unknown) into buf. */
void gl_diag_format(const struct gl_diag *g, char *buf, size_t size);

/* One `action = keys` line of [keys], checked by the app (which knows the actions). */
struct gl_keybind {
	char *action;
	char *keys;
	char *file;
	long line;
};

struct gl_config {
	char *path;             /* the file read; NULL when none */
	char *theme;            /* theme name or path to an .ini file */
	char *coder;            /* active coder at start; NULL: $USER */
	char *survey;           /* survey shown first; NULL: the latest */
	double survey_threshold;/* survey values below this are highlighted */
	char **groups;          /* respondent groups shown as columns, in order */
	size_t ngroups;
	int dot_budget;         /* dots per participant in dot voting */
	bool mouse;
	int escape_delay;       /* ms the terminal waits after Esc for the rest of a key's sequence */
	struct gl_keybind *keys;
	size_t nkeys;
	struct gl_diags diags;  /* problems found while loading */
};

#define GL_CONFIG_THRESHOLD_DEFAULT 6.0
#define GL_CONFIG_DOT_BUDGET_DEFAULT 5
/* ncurses waits this long after an Esc for the rest of an arrow key's sequence; a terminal on a
 * slow link (ssh over a long way) may need more, a local one less. */
#define GL_CONFIG_ESCAPE_DELAY_DEFAULT 25
#define GL_CONFIG_ESCAPE_DELAY_MAX 1000

/* Fills c with the defaults. */
void gl_config_init(struct gl_config *c);
void gl_config_finish(struct gl_config *c);
/* Reads path over the defaults. Unknown keys and bad values become diagnostics with file and
 * line (the default stays); a missing file is GL_EIO when must_exist, else silently nothing. */
enum gl_status gl_config_load(struct gl_config *c, const char *path, bool must_exist,
	struct gl_error *err);
/* Writes the options named in keys ("general:theme", ...) with c's values into the settings
 * file at path, keeping its other lines and comments: a key it has gets its new value in
 * place, a key it lacks goes under its section (added at the end when missing). Written to a
 * temporary file and renamed; created 0600 when new. */
enum gl_status gl_config_write(const struct gl_config *c, const char *path,
	const char *const *keys, size_t nkeys, struct gl_error *err);
/* $XDG_CONFIG_HOME/genomlys/config.ini (or ~/.config/...); malloc'd, NULL without HOME. */
char *gl_config_default_path(void);
/* An XDG base directory joined with "genomlys": env_var, else $HOME/home_rel. malloc'd. */
char *gl_config_xdg_dir(const char *env_var, const char *home_rel);

/* ---- Themes ---- */

/* Named colour elements: (ID, "name", default fg, bg, attrs, attrs added without colour). */
#define GL_THEME_ELEMENTS(E) \
	E(NORMAL, "normal", -1, -1, 0, 0) \
	E(TAB_BAR, "tab.bar", 15, 238, 0, GL_ATTR_REVERSE) \
	E(TAB_ACTIVE, "tab.active", 16, 81, GL_ATTR_BOLD, GL_ATTR_BOLD) \
	E(TAB_INACTIVE, "tab.inactive", 252, 238, 0, GL_ATTR_REVERSE) \
	E(TAB_FILTER, "tab.filter", 222, 238, GL_ATTR_BOLD, GL_ATTR_REVERSE) \
	E(CAPTION, "caption", 250, -1, 0, 0) \
	E(STATUS, "status", 252, 236, 0, GL_ATTR_REVERSE) \
	E(STATUS_MESSAGE, "status.message", 120, 236, 0, GL_ATTR_REVERSE) \
	E(STATUS_ERROR, "status.error", 203, 236, GL_ATTR_BOLD, GL_ATTR_REVERSE | GL_ATTR_BOLD) \
	E(PROMPT, "prompt", -1, -1, 0, 0) \
	E(LIST_HEADER, "list.header", 117, -1, GL_ATTR_BOLD, GL_ATTR_UNDERLINE) \
	E(LIST_HEADER_ACTIVE, "list.header.active", 16, 117, GL_ATTR_BOLD, GL_ATTR_REVERSE) \
	E(LIST_SELECTED, "list.selected", 16, 153, 0, GL_ATTR_REVERSE) \
	E(LIST_SELECTED_INACTIVE, "list.selected.inactive", -1, 239, 0, GL_ATTR_UNDERLINE) \
	E(LIST_TOTAL, "list.total", 222, -1, GL_ATTR_BOLD, GL_ATTR_BOLD) \
	E(LIST_MARK, "list.mark", 120, -1, GL_ATTR_BOLD, GL_ATTR_BOLD) \
	E(LIST_EMPTY, "list.empty", 245, -1, 0, GL_ATTR_DIM) \
	E(SURVEY_LOW, "survey.low", 203, -1, GL_ATTR_BOLD, GL_ATTR_BOLD | GL_ATTR_UNDERLINE) \
	E(SURVEY_MEAN, "survey.mean", 222, -1, 0, 0) \
	E(FINDING_STRENGTH, "finding.strength", 120, -1, GL_ATTR_BOLD, GL_ATTR_BOLD) \
	E(FINDING_AREA, "finding.area", 222, -1, GL_ATTR_BOLD, GL_ATTR_BOLD) \
	E(FINDING_CHALLENGE, "finding.challenge", 203, -1, GL_ATTR_BOLD, GL_ATTR_BOLD) \
	E(READER_HEADER, "reader.header", 117, -1, GL_ATTR_BOLD, GL_ATTR_BOLD) \
	E(READER_TEXT, "reader.text", -1, -1, 0, 0) \
	E(READER_MATCH, "reader.match", 16, 222, 0, GL_ATTR_REVERSE) \
	E(HELP_KEY, "help.key", 117, -1, GL_ATTR_BOLD, GL_ATTR_BOLD) \
	E(HELP_TEXT, "help.text", -1, -1, 0, 0) \
	E(HELP_TITLE, "help.title", 222, -1, GL_ATTR_BOLD, GL_ATTR_BOLD | GL_ATTR_UNDERLINE) \
	E(CODE_1, "code.1", 16, 222, 0, GL_ATTR_UNDERLINE) \
	E(CODE_2, "code.2", 16, 120, 0, GL_ATTR_UNDERLINE) \
	E(CODE_3, "code.3", 16, 117, 0, GL_ATTR_UNDERLINE) \
	E(CODE_4, "code.4", 16, 211, 0, GL_ATTR_UNDERLINE) \
	E(CODE_5, "code.5", 16, 183, 0, GL_ATTR_UNDERLINE) \
	E(CODE_6, "code.6", 16, 216, 0, GL_ATTR_UNDERLINE) \
	E(TOO_SMALL, "too-small", 203, -1, GL_ATTR_BOLD, GL_ATTR_BOLD) \
	E(DETAIL_TITLE, "detail.title", 117, -1, GL_ATTR_BOLD, GL_ATTR_BOLD) \
	E(DETAIL_LINK, "detail.link", 117, -1, 0, GL_ATTR_UNDERLINE) \
	E(HEAT_1, "heat.1", -1, 236, 0, 0) \
	E(HEAT_2, "heat.2", -1, 24, 0, 0) \
	E(HEAT_3, "heat.3", 231, 31, 0, GL_ATTR_BOLD) \
	E(HEAT_4, "heat.4", 16, 81, GL_ATTR_BOLD, GL_ATTR_BOLD | GL_ATTR_REVERSE) \
	E(COLUMN_MORE, "column.more", 222, -1, GL_ATTR_BOLD, GL_ATTR_BOLD)

enum gl_attr {
	GL_ATTR_BOLD = 1 << 0,
	GL_ATTR_UNDERLINE = 1 << 1,
	GL_ATTR_REVERSE = 1 << 2,
	GL_ATTR_DIM = 1 << 3,
	GL_ATTR_ITALIC = 1 << 4,
};

#define GL_THEME_ENUM(id, name, fg, bg, attrs, mono) GL_EL_##id,
enum gl_theme_element { GL_THEME_ELEMENTS(GL_THEME_ENUM) GL_EL_COUNT };
#undef GL_THEME_ENUM
#define GL_CODE_COLOURS 6

/* A colour is -1 (the terminal's default) or 0-255 (the xterm palette). */
struct gl_style {
	int fg, bg;
	unsigned attrs;  /* enum gl_attr */
};

struct gl_theme {
	char *name;
	struct gl_style styles[GL_EL_COUNT];
};

/* The built-in dark theme (the same as themes/default.ini). */
void gl_theme_init(struct gl_theme *t);
void gl_theme_finish(struct gl_theme *t);
/* Reads a theme file over the current styles; problems become diagnostics (file and line; a
 * line of the file is never quoted). A file with a line that is neither [section] nor
 * key = value is refused whole (GL_EFORMAT at that line): it is no theme. */
enum gl_status gl_theme_load(struct gl_theme *t, const char *path, struct gl_diags *d,
	struct gl_error *err);
/* Finds a theme by name (NAME or NAME.ini): $GENOMLYS_THEMES, the config file's directory
 * /themes, $XDG_CONFIG_HOME/genomlys/themes, then the installed themes. A name with a '/' is a
 * path the user gave (./my.ini, /etc/x). malloc'd path or NULL. */
char *gl_theme_find(const char *name, const char *config_path);
/* Names of the themes found in those directories ("default", ...), sorted, unique; free with
 * gl_strv_free. */
char **gl_theme_list(const char *config_path, size_t *n);
void gl_strv_free(char **v, size_t n);

const char *gl_theme_element_name(enum gl_theme_element e);
bool gl_theme_element_from_name(const char *name, enum gl_theme_element *out);
/* Attributes that keep an element distinct without colour (NO_COLOR, mono terminals). */
unsigned gl_theme_mono_attrs(enum gl_theme_element e);
/* Parses "red", "bright-blue", "default", "208", "#ff8800" into -1..255. */
bool gl_color_parse(const char *s, int *out);
/* The nearest colour a terminal with ncolors (8, 16, 88, 256) can show. */
int gl_color_reduce(int color, int ncolors);

#endif
