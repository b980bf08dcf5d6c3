/* Cleaning text where it enters (names, memos, file names, CSV cells) and escaping it where it
 * leaves for a terminal: control characters and bidirectional overrides can rewrite a screen,
 * set a terminal's title or clipboard, or make text read backwards. */
#ifndef GENOMLYS_CLEAN_H
#define GENOMLYS_CLEAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/status.h"
#include "genomlys/str.h"

/* Always removed: C0 controls other than tab and newline, DEL, C1 controls (U+0080-U+009F). */
#define GL_CLEAN_BIDI   (1u << 0)  /* also the bidi embeddings, overrides and isolates
                                    * U+202A-U+202E and U+2066-U+2069 */
#define GL_CLEAN_BREAKS (1u << 1)  /* also tab and newline (a one-line value) */

/* True when the code point is one that gl_clean_strip removes under flags. */
bool gl_clean_is_control(int32_t cp, unsigned flags);

/* Removes those characters from buf[0..n) in place (buf is valid UTF-8, or at least its
 * removed characters are) and returns the new length; adds their number to *removed (may be
 * NULL), a whole escape sequence counting one. The letter importer and the name cleaning below
 * share this one function.
 *
 * Terminal escape sequences go whole, not only their ESC (whose printable rest would otherwise
 * stay as text such as "[2J" or "]52;c;..."):
 * - CSI: ESC [ or U+009B, parameter and intermediate bytes (0x20-0x3F), a final byte
 *   (0x40-0x7E). Without a final byte within GL_CLEAN_CSI_MAX bytes, what was read of it goes
 *   (the first other character stays).
 * - Strings: OSC (ESC ] or U+009D), DCS (ESC P, U+0090), SOS (ESC X, U+0098), PM (ESC ^,
 *   U+009E), APC (ESC _, U+009F), up to and with their terminator: BEL, ST (ESC \ or U+009C).
 *   The terminator is looked for within GL_CLEAN_STRING_MAX bytes on the same line. An
 *   unterminated string (a newline, another ESC or the end of the text comes first) is removed
 *   up to there, but at most GL_CLEAN_UNTERMINATED_MAX bytes: it never takes more than the rest
 *   of its line, nor more than that of a long line.
 * - Any other ESC with the intermediates (0x20-0x2F) and the final byte (0x30-0x7E) after it:
 *   ESC 7, ESC c, ESC ( B, a stray ESC \.
 * - An ESC that starts none of these goes alone, as every other control. */
#define GL_CLEAN_CSI_MAX 64
#define GL_CLEAN_STRING_MAX 4096
#define GL_CLEAN_UNTERMINATED_MAX 256
size_t gl_clean_strip(char *buf, size_t n, unsigned flags, long *removed);

/* What gl_clean_strip_count removed: single control characters, and escape sequences. */
struct gl_clean_count {
	long controls;
	long sequences;
};
/* gl_clean_strip, adding to count (may be NULL) what it removed, by kind. */
size_t gl_clean_strip_count(char *buf, size_t n, unsigned flags, struct gl_clean_count *count);

/* True when s shows something: a character other than white space (U+0020, U+00A0, U+2028,
 * U+2029, ...), format characters (U+200B zero width space, U+200E, the bidi controls, U+FEFF)
 * and controls. A letter or name without one is empty. */
bool gl_clean_has_visible(const char *s, size_t n);

/* A name (coder, code, school, project, title): valid UTF-8 (else GL_EENCODING), controls and
 * bidi controls removed, NFC, blanks trimmed at both ends; GL_EINVAL when nothing visible is
 * left. The messages are "the name is not valid UTF-8" and "the name is empty"; callers that
 * know what is named say so themselves. out's content is replaced. */
enum gl_status gl_clean_name(const char *in, size_t n, struct gl_str *out, struct gl_error *err);

/* A memo or a description: the same, but tab and newline stay, and an empty result is
 * allowed. */
enum gl_status gl_clean_text(const char *in, size_t n, struct gl_str *out, struct gl_error *err);

/* True when s has a character that gl_clean_strip would remove under flags (the store
 * refuses names and memos that do: they are cleaned where they come in). */
bool gl_clean_has_controls(const char *s, size_t n, unsigned flags);

/* For output to a terminal or a line-based format: appends s to out with every character that
 * gl_clean_strip(GL_CLEAN_BIDI | GL_CLEAN_BREAKS) would remove written as a visible escape:
 * \t \n \r for those, \x1B for other C0 controls and DEL, \u009B and \u202E for C1 and bidi
 * controls. Invalid UTF-8 bytes become \xHH too (\uFFFD with GL_ESCAPE_UNICODE). */
#define GL_ESCAPE_KEEP_BREAKS (1u << 0)  /* leave tab and newline as they are */
#define GL_ESCAPE_BACKSLASH   (1u << 1)  /* and write a backslash as \\ (TSV) */
#define GL_ESCAPE_UNICODE     (1u << 2)  /* \u007F rather than \x7F (inside JSON strings) */
enum gl_status gl_clean_escape(const char *s, size_t n, unsigned flags, struct gl_str *out);

#endif
