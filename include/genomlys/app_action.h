/* Actions: one list generates the enum, the default key map, the help and the names users
 * bind in [keys]. Keys are curses-free codes: Unicode code points, or GL_KEY_* for the rest. */
#ifndef GENOMLYS_APP_ACTION_H
#define GENOMLYS_APP_ACTION_H

#include <stdbool.h>
#include <stddef.h>

#include "genomlys/i18n.h"
#include "genomlys/status.h"

/* ACTION(ID, "config-name", "default keys", N_("help")) */
#define GL_ACTIONS(ACTION) \
	ACTION(PANE_SCHOOLS, "pane-schools", "1", N_("Show the schools")) \
	ACTION(PANE_SURVEYS, "pane-surveys", "2", N_("Show the survey results")) \
	ACTION(PANE_LETTERS, "pane-letters", "3", N_("Show the letters")) \
	ACTION(PANE_FINDINGS, "pane-findings", "4", N_("Show the findings")) \
	ACTION(PANE_NEXT, "pane-next", "Tab", N_("Next pane")) \
	ACTION(PANE_PREV, "pane-prev", "S-Tab", N_("Previous pane")) \
	ACTION(MOVE_DOWN, "move-down", "j Down", N_("Move down one line")) \
	ACTION(MOVE_UP, "move-up", "k Up", N_("Move up one line")) \
	ACTION(MOVE_LEFT, "move-left", "h Left", N_("Previous column")) \
	ACTION(MOVE_RIGHT, "move-right", "l Right", N_("Next column")) \
	ACTION(PAGE_DOWN, "page-down", "PgDn C-f Space", N_("Move down one page")) \
	ACTION(PAGE_UP, "page-up", "PgUp C-b", N_("Move up one page")) \
	ACTION(MOVE_FIRST, "move-first", "g Home", N_("Go to the first line")) \
	ACTION(MOVE_LAST, "move-last", "G End", N_("Go to the last line")) \
	ACTION(ENTER, "enter", "Enter", N_("Open the selected row (a school filters every pane)")) \
	ACTION(BACK, "back", "Esc Backspace", N_("Close the letter or the detail view")) \
	ACTION(SEARCH, "search", "/", N_("Search the letters (full text)")) \
	ACTION(PROMPT, "prompt", ":", N_("Open the command line")) \
	ACTION(GROUP_NEXT, "group-next", "r", N_("Next respondent group")) \
	ACTION(SURVEY_NEXT, "survey-next", "y", N_("Next survey or year")) \
	ACTION(SORT, "sort", "s", N_("Sort by the selected column (again: reverse)")) \
	ACTION(CLEAR_FILTER, "clear-filter", "c", N_("Show all schools, groups and letters again")) \
	ACTION(REDRAW, "redraw", "C-l", N_("Redraw the screen and read the project again")) \
	ACTION(HELP, "help", "? F1", N_("Show this help")) \
	ACTION(QUIT, "quit", "q C-c", N_("Quit genomlys"))

#define GL_ACTION_ENUM(id, name, keys, help) GL_ACT_##id,
enum gl_action { GL_ACT_NONE = -1, GL_ACTIONS(GL_ACTION_ENUM) GL_ACT_COUNT };
#undef GL_ACTION_ENUM

/* What a handler did; one loop draws afterwards (htop's model). */
enum gl_flag {
	GL_F_HANDLED = 1 << 0,       /* the key or command was used */
	GL_F_REDRAW = 1 << 1,        /* the screen must be drawn again */
	GL_F_QUIT = 1 << 2,
	GL_F_PROMPT = 1 << 3,        /* open the command line */
	GL_F_SEARCH = 1 << 4,        /* open the search prompt */
	GL_F_SAVE_DISPLAY = 1 << 5,  /* write the screen to app->save_display_path */
	GL_F_THEME = 1 << 6,         /* load app->config.theme again */
	GL_F_REPAINT = 1 << 7,       /* clear and repaint the whole terminal */
};

const char *gl_action_name(enum gl_action a);
const char *gl_action_help(enum gl_action a);  /* translated */
enum gl_action gl_action_from_name(const char *name);  /* GL_ACT_NONE when unknown */

/* Keys that are not characters. Control characters are their code points (C-a is 1). */
enum gl_key {
	GL_KEY_BASE = 0x110000,
	GL_KEY_UP = GL_KEY_BASE, GL_KEY_DOWN, GL_KEY_LEFT, GL_KEY_RIGHT,
	GL_KEY_PGUP, GL_KEY_PGDN, GL_KEY_HOME, GL_KEY_END,
	GL_KEY_ENTER, GL_KEY_TAB, GL_KEY_BTAB, GL_KEY_ESC, GL_KEY_BACKSPACE, GL_KEY_DELETE,
	GL_KEY_INSERT,
	GL_KEY_F1, GL_KEY_F12 = GL_KEY_F1 + 11,
	GL_KEY_LAST,
};

/* Parses one key name: "j", "Space", "Enter", "Tab", "S-Tab", "Esc", "Backspace", "Del",
 * "Up", "PgDn", "Home", "F1" ... "F12", "C-x" or "^X", or a single character. */
bool gl_key_parse(const char *name, int *key);
/* The key's name as gl_key_parse reads it (UTF-8). */
void gl_key_name(int key, char *buf, size_t size);

struct gl_binding {
	int key;
	enum gl_action action;
};

struct gl_keymap {
	struct gl_binding *v;
	size_t n, cap;
};

/* The default bindings from GL_ACTIONS. */
enum gl_status gl_keymap_init(struct gl_keymap *km);
void gl_keymap_finish(struct gl_keymap *km);
/* Replaces the keys of action with the space-separated key names in keys; a key bound to
 * another action moves. On a bad key name nothing changes and *bad names it. */
enum gl_status gl_keymap_bind(struct gl_keymap *km, enum gl_action action, const char *keys,
	char *bad, size_t bad_size);
enum gl_action gl_keymap_lookup(const struct gl_keymap *km, int key);
/* "j, Down" for the help. */
void gl_keymap_keys(const struct gl_keymap *km, enum gl_action action, char *buf, size_t size);

#endif
