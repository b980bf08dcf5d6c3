/* Actions: one list generates the enum, the default key map, the help and the names users
 * bind in [keys]. Keys are curses-free codes: Unicode code points, or GL_KEY_* for the rest. */
#ifndef GENOMLYS_APP_ACTION_H
#define GENOMLYS_APP_ACTION_H

#include <stdbool.h>
#include <stddef.h>

#include "genomlys/i18n.h"
#include "genomlys/status.h"

/* Where an action's keys apply: a key is looked up in the scope shown first (the reader, the
 * codebook, the review), then in the generic scope; the same key may mean different things. */
enum gl_scope { GL_SCOPE_GENERIC, GL_SCOPE_READER, GL_SCOPE_CODEBOOK, GL_SCOPE_REVIEW,
	GL_SCOPE_FINDINGS, GL_SCOPE_ANALYSIS, GL_SCOPE_RANKING, GL_SCOPE_COUNT };

/* ACTION(ID, "config-name", scope, "default keys", N_("help")) */
#define GL_ACTIONS(ACTION) \
	ACTION(PANE_SCHOOLS, "pane-schools", GENERIC, "1", N_("Show the schools")) \
	ACTION(PANE_SURVEYS, "pane-surveys", GENERIC, "2", N_("Show the survey results")) \
	ACTION(PANE_LETTERS, "pane-letters", GENERIC, "3", N_("Show the letters")) \
	ACTION(PANE_FINDINGS, "pane-findings", GENERIC, "4", N_("Show the findings")) \
	ACTION(PANE_NEXT, "pane-next", GENERIC, "Tab", N_("Next pane")) \
	ACTION(PANE_PREV, "pane-prev", GENERIC, "S-Tab", N_("Previous pane")) \
	ACTION(MOVE_DOWN, "move-down", GENERIC, "j Down", N_("Move down one line")) \
	ACTION(MOVE_UP, "move-up", GENERIC, "k Up", N_("Move up one line")) \
	ACTION(MOVE_LEFT, "move-left", GENERIC, "h Left", \
		N_("Previous column (in the reader: one character left)")) \
	ACTION(MOVE_RIGHT, "move-right", GENERIC, "l Right", \
		N_("Next column (in the reader: one character right)")) \
	ACTION(PAGE_DOWN, "page-down", GENERIC, "PgDn C-f Space", N_("Move down one page")) \
	ACTION(PAGE_UP, "page-up", GENERIC, "PgUp C-b", N_("Move up one page")) \
	ACTION(MOVE_FIRST, "move-first", GENERIC, "g Home", N_("Go to the first line")) \
	ACTION(MOVE_LAST, "move-last", GENERIC, "G End", N_("Go to the last line")) \
	ACTION(ENTER, "enter", GENERIC, "Enter", \
		N_("Open the selected row; in the reader: the coding's details")) \
	ACTION(BACK, "back", GENERIC, "Esc Backspace", \
		N_("Cancel the selection, close the letter or the detail view")) \
	ACTION(SEARCH, "search", GENERIC, "/", N_("Search the letters (full text)")) \
	ACTION(PROMPT, "prompt", GENERIC, ":", N_("Open the command line")) \
	ACTION(GROUP_NEXT, "group-next", GENERIC, "r", N_("Next respondent group")) \
	ACTION(SURVEY_NEXT, "survey-next", GENERIC, "y", N_("Next survey or year")) \
	ACTION(SORT, "sort", GENERIC, "s", N_("Sort by the selected column (again: reverse)")) \
	ACTION(CLEAR_FILTER, "clear-filter", GENERIC, "c", \
		N_("Show all schools, groups and letters again")) \
	ACTION(UNDO, "undo", GENERIC, "u", N_("Undo the last change (a coding, memo, finding, ballot…)")) \
	ACTION(REDO, "redo", GENERIC, "C-r", N_("Redo what was undone")) \
	ACTION(CODEBOOK, "codebook", GENERIC, "C", N_("Show or hide the codebook")) \
	ACTION(REVIEW, "review", GENERIC, "R", N_("Review all codings (facilitator view)")) \
	ACTION(CODER, "coder", GENERIC, "@", N_("Switch the active coder")) \
	ACTION(BLIND, "blind", GENERIC, "B", \
		N_("Blind mode: show only the active coder's work (on or off)")) \
	ACTION(REDRAW, "redraw", GENERIC, "C-l", N_("Redraw the screen and read the project again")) \
	ACTION(HELP, "help", GENERIC, "? F1", N_("Show this help")) \
	ACTION(QUIT, "quit", GENERIC, "q C-c", N_("Quit genomlys")) \
	ACTION(WORD_NEXT, "word-next", READER, "w", N_("next word")) \
	ACTION(WORD_PREV, "word-prev", READER, "b", N_("previous word")) \
	ACTION(SENTENCE_NEXT, "sentence-next", READER, ")", N_("next sentence")) \
	ACTION(SENTENCE_PREV, "sentence-prev", READER, "(", N_("previous sentence")) \
	ACTION(PARAGRAPH_NEXT, "paragraph-next", READER, "}", N_("next paragraph")) \
	ACTION(PARAGRAPH_PREV, "paragraph-prev", READER, "{", N_("previous paragraph")) \
	ACTION(SELECT, "select", READER, "v", \
		N_("start a selection (movement extends it; Esc cancels)")) \
	ACTION(CODE, "code", READER, "c", \
		N_("code the selection (or the word) with a code picked by name")) \
	ACTION(CODING_NEXT, "coding-next", READER, "n", N_("next coding")) \
	ACTION(CODING_PREV, "coding-prev", READER, "N", N_("previous coding")) \
	ACTION(UNCODE, "uncode", READER, "x", N_("remove the coding at the cursor")) \
	ACTION(MEMO, "memo", READER, "m", \
		N_("write a memo on the coding at the cursor, else on the letter")) \
	ACTION(CLASSIFY, "classify", READER, "t", \
		N_("set this letter's value of an exclusive category")) \
	ACTION(LETTER_NEXT, "letter-next", READER, "J", N_("next letter in the list")) \
	ACTION(LETTER_PREV, "letter-prev", READER, "K", N_("previous letter in the list")) \
	ACTION(CODE_ADD, "code-add", CODEBOOK, "a", N_("add a code")) \
	ACTION(CODE_RENAME, "code-rename", CODEBOOK, "e", N_("rename the code")) \
	ACTION(CODE_DESCRIBE, "code-describe", CODEBOOK, "d", N_("describe the code")) \
	ACTION(CODE_COLOR, "code-color", CODEBOOK, "o", N_("recolour the code")) \
	ACTION(CODE_MOVE, "code-move", CODEBOOK, "M", \
		N_("move the code under another category")) \
	ACTION(CODE_MERGE, "code-merge", CODEBOOK, "m", \
		N_("merge the code into another (codings move)")) \
	ACTION(CODE_DELETE, "code-delete", CODEBOOK, "x Del", \
		N_("delete the code and its codings")) \
	ACTION(OVERLAPS, "overlaps", REVIEW, "o", \
		N_("all codings, or overlaps of two coders side by side")) \
	ACTION(KEEP_FIRST, "keep-first", REVIEW, "<", \
		N_("keep the left coding of an overlap, remove the right")) \
	ACTION(KEEP_SECOND, "keep-second", REVIEW, ">", \
		N_("keep the right coding of an overlap, remove the left")) \
	ACTION(MERGE_UNION, "merge-union", REVIEW, "U", \
		N_("merge an overlap into the union of both spans")) \
	ACTION(EVIDENCE, "evidence", GENERIC, "e", \
		N_("Attach the coding or survey value under the cursor to a finding")) \
	ACTION(FINDING_ADD, "finding-add", FINDINGS, "a", N_("add a finding to the column")) \
	ACTION(FINDING_TITLE, "finding-title", FINDINGS, "e", N_("edit the finding's title")) \
	ACTION(FINDING_DESCRIBE, "finding-describe", FINDINGS, "d", \
		N_("edit the finding's description")) \
	ACTION(FINDING_KIND, "finding-kind", FINDINGS, "t", \
		N_("change the kind (strength, development area, challenge)")) \
	ACTION(FINDING_DELETE, "finding-delete", FINDINGS, "x Del", \
		N_("delete the finding (in its detail: remove that piece of evidence)")) \
	ACTION(FINDING_DOWN, "finding-down", FINDINGS, "J", N_("move the finding down the column")) \
	ACTION(FINDING_UP, "finding-up", FINDINGS, "K", N_("move the finding up the column")) \
	ACTION(FINDING_LEVEL, "finding-level", FINDINGS, "M", \
		N_("move the finding to another school or to the municipality")) \
	ACTION(FINDING_MEMO, "finding-memo", FINDINGS, "m", N_("write a memo on the finding")) \
	ACTION(FINDING_CITE, "finding-cite", FINDINGS, "E", \
		N_("cite the school's finding in a finding of the municipality")) \
	/* the analysis (issue 14) */ \
	ACTION(MARK_READ, "mark-read", READER, ".", \
		N_("mark the letter read by the active coder (again: not read)")) \
	ACTION(PANE_ANALYSIS, "pane-analysis", GENERIC, "6", \
		N_("Show the analysis: code frequencies, agreement, suggested findings")) \
	ACTION(ANALYSIS_VIEW, "analysis-view", ANALYSIS, "v", \
		N_("next view: codes x schools or groups, agreement, suggested findings")) \
	ACTION(ANALYSIS_BY, "analysis-by", ANALYSIS, "b", \
		N_("columns: schools, respondent groups, or schools x groups within the code selected")) \
	ACTION(ANALYSIS_MEASURE, "analysis-measure", ANALYSIS, "m", \
		N_("measure: codings, letters with the code, share of the letters")) \
	ACTION(ANALYSIS_ACCEPT, "analysis-accept", ANALYSIS, "a", \
		N_("accept the suggested finding (with its evidence)")) \
	ACTION(ANALYSIS_TRANSPOSE, "analysis-transpose", ANALYSIS, "t", \
		N_("transpose the matrix: codes as columns (again: codes as rows)")) \
	ACTION(ANALYSIS_KIND, "analysis-kind", ANALYSIS, "f", \
		N_("documents analysed: all, letters, survey texts, inspections (:kind, :coders)")) \
	/* the ranking (issue 13) */ \
	ACTION(PANE_RANKING, "pane-ranking", GENERIC, "5", N_("Show the ranking of development areas")) \
	ACTION(RANK_TURN, "rank-turn", RANKING, "t", \
		N_("start a participant's turn: their ballot on the shared screen")) \
	ACTION(RANK_AREA_DOWN, "rank-area-down", RANKING, "J", N_("move the area down the ballot")) \
	ACTION(RANK_AREA_UP, "rank-area-up", RANKING, "K", N_("move the area up the ballot")) \
	ACTION(RANK_POSITION, "rank-position", RANKING, "p", \
		N_("move the area to a position typed")) \
	ACTION(RANK_TIE, "rank-tie", RANKING, "=", \
		N_("tie the area with the one above (again: untie)")) \
	ACTION(RANK_UNRANKED, "rank-unranked", RANKING, "-", \
		N_("leave the area unranked (again: rank it last)")) \
	ACTION(RANK_ROUND_NEW, "rank-round-new", RANKING, "N", N_("start a new round")) \
	ACTION(RANK_ROUND_PREV, "rank-round-prev", RANKING, "[", N_("the previous round")) \
	ACTION(RANK_ROUND_NEXT, "rank-round-next", RANKING, "]", N_("the next round")) \
	ACTION(RANK_REVEAL, "rank-reveal", RANKING, "V", \
		N_("reveal the round: its results show to everyone")) \
	ACTION(RANK_CLOSE, "rank-close", RANKING, "X", \
		N_("close the round: read-only, its order goes into the development plan")) \
	ACTION(RANK_DOTS, "rank-dots", RANKING, "d", N_("a participant's dots on the area")) \
	ACTION(RANK_SCORE, "rank-score", RANKING, "i", \
		N_("a participant's impact and effort scores of the area"))

#define GL_ACTION_ENUM(id, name, scope, keys, help) GL_ACT_##id,
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
enum gl_scope gl_action_scope(enum gl_action a);
const char *gl_scope_title(enum gl_scope s);  /* translated: "Reader" ... */
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
	GL_KEY_M_ENTER,  /* Esc then Enter (Alt-Enter): saves in the memo editor */
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
 * another action of the same scope moves. On a bad key name nothing changes and *bad names it. */
enum gl_status gl_keymap_bind(struct gl_keymap *km, enum gl_action action, const char *keys,
	char *bad, size_t bad_size);
/* The action of key in the generic scope. */
enum gl_action gl_keymap_lookup(const struct gl_keymap *km, int key);
/* The action of key in scope, else in the generic scope. */
enum gl_action gl_keymap_lookup_in(const struct gl_keymap *km, enum gl_scope scope, int key);
/* "j, Down" for the help. */
void gl_keymap_keys(const struct gl_keymap *km, enum gl_action action, char *buf, size_t size);

#endif
