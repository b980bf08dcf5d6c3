/* Coding in the reader, curses-free: cursor motions over UTF-8 text, the selection, fuzzy
 * matching of code names, the codings of the open letter, and the small dialogs (picker, line
 * input, confirmation, memo editor) that the UI draws. */
#ifndef GENOMLYS_APP_CODING_H
#define GENOMLYS_APP_CODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/str.h"

/* ---- Motions: byte offsets into valid UTF-8 text; each returns the new offset ---- */

size_t gl_text_next(const char *t, size_t len, size_t pos);       /* next code point */
size_t gl_text_prev(const char *t, size_t len, size_t pos);       /* previous code point */
size_t gl_text_word_next(const char *t, size_t len, size_t pos);  /* start of the next word */
size_t gl_text_word_prev(const char *t, size_t len, size_t pos);  /* start of this/previous */
/* A sentence ends at . ! or ? (and closing quotes or brackets) followed by a space or a line
 * end; a paragraph ends at a blank line. Both go to the start of the next or previous one. */
size_t gl_text_sentence_next(const char *t, size_t len, size_t pos);
size_t gl_text_sentence_prev(const char *t, size_t len, size_t pos);
size_t gl_text_paragraph_next(const char *t, size_t len, size_t pos);
size_t gl_text_paragraph_prev(const char *t, size_t len, size_t pos);
/* The word holding pos (letters, digits), as bytes [*b0, *b1); false when pos is not on one. */
bool gl_text_word_at(const char *t, size_t len, size_t pos, size_t *b0, size_t *b1);

/* A place in the text both as bytes (for drawing) and code points (for the store). */
struct gl_textpos {
	size_t byte;
	int64_t cp;
};

/* Moves p to byte (counting the code points between, so O(distance)). */
void gl_textpos_move(const char *t, size_t len, struct gl_textpos *p, size_t byte);
/* The byte offset of code point cp, counting from p (O(distance)). */
size_t gl_textpos_find(const char *t, size_t len, const struct gl_textpos *p, int64_t cp);

/* The span to code from a selection between anchor and cursor (the cursor is a caret between
 * characters): white space at both ends is dropped. Without a selection (anchor NULL) it is the
 * word under the cursor. False when nothing is left. */
bool gl_selection_span(const char *t, size_t len, const struct gl_textpos *anchor,
	const struct gl_textpos *cursor, struct gl_textpos *start, struct gl_textpos *end);

/* ---- Fuzzy matching (case-folded, in order, not necessarily adjacent) ---- */

/* A score for pattern in text (both case-folded UTF-8), higher is better; -1 when pattern's
 * characters do not all occur in order. Adjacent characters and word starts score more. */
int gl_fuzzy_score(const char *pattern, const char *text);

/* ---- The codings of the open letter ---- */

struct gl_reader_coding {
	int64_t id, code_id, coder_id;
	int64_t start, end;   /* code points, end exclusive */
	size_t b0, b1;        /* the same in bytes */
	int color;            /* the code's colour -1..255 (-1: none, use slot) */
	int slot;             /* 0..5: a theme colour code.N for codes without their own */
	char *code;           /* "Category > Code" */
	char *name;           /* "Code" */
	char *coder;
	char *memo;           /* NULL: none */
	char *created_at;
};

/* The reader's coding state: cursor, selection and the codings shown (sorted by start). */
struct gl_letter_state {
	struct gl_textpos cursor;
	struct gl_textpos anchor;
	bool selecting;
	struct gl_reader_coding *codings;
	size_t ncodings;
	long current;           /* the coding n/N went to or just made, while the cursor is on it
	                         * or still where it was made; -1: none */
	size_t current_at;      /* where the cursor was when current was coded (SIZE_MAX: n/N) */
	struct gl_str classes;  /* "Trygghet: 4" for the header; empty when none */
	int64_t memos;          /* memos on the letter */
};

void gl_letter_state_clear(struct gl_letter_state *ls);
/* Index of the innermost coding covering byte b, or -1. */
long gl_letter_coding_at(const struct gl_letter_state *ls, size_t b);
/* The coding the cursor is on: the one n/N went to while the cursor is still inside it (so that
 * details, memo and removal act on the coding the status line named), else the innermost. */
long gl_letter_coding_current(const struct gl_letter_state *ls);
/* The coding after (dir > 0) or before the current one in text order (start, then id), so that
 * codings starting at the same place are each reached; -1 at either end. */
long gl_letter_coding_step(const struct gl_letter_state *ls, int dir);

/* ---- The multi-line memo editor ---- */

struct gl_textedit {
	struct gl_str text;  /* UTF-8 */
	size_t cursor;       /* byte offset */
};

void gl_textedit_init(struct gl_textedit *e);
void gl_textedit_finish(struct gl_textedit *e);
void gl_textedit_set(struct gl_textedit *e, const char *text);
/* Characters insert, Enter breaks the line, Backspace/Del delete, arrows, Home/End move;
 * C-s or M-Enter accept, Esc cancels. Returns an enum gl_edit_result. */
int gl_textedit_key(struct gl_textedit *e, int key);

#endif
