/* UTF-8 helpers: validation, NFC normalisation, code point offsets, case folding. */
#ifndef GENOMLYS_UTF8_H
#define GENOMLYS_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/status.h"
#include "genomlys/str.h"

/* True when buf[0..len) is valid UTF-8. On failure *bad_offset (if given) is the first bad byte. */
bool gl_utf8_valid(const char *buf, size_t len, size_t *bad_offset);

/* What one pass over a text learns besides its validity (gl_utf8_scan). */
struct gl_utf8_info {
	size_t count;     /* code points */
	bool nfc_quick;   /* nothing at or above U+0300: NFC already (no marks, nothing composes) */
	bool controls;    /* a character gl_clean_strip may remove: C0 but tab and LF, DEL, C1, bidi */
};

/* gl_utf8_valid, counting and classifying in the same pass: an importer reads each text once. */
bool gl_utf8_scan(const char *buf, size_t len, struct gl_utf8_info *info, size_t *bad_offset);

/* Where to cut valid UTF-8 to at most len bytes without splitting a character: len, or the
 * start of the character that a cut at len would split. Reads only buf[0..len). */
size_t gl_utf8_cut(const char *buf, size_t len);

/* Number of code points in valid UTF-8. */
size_t gl_utf8_count(const char *buf, size_t len);

/* Byte offset of code point index cp (clamped to len). */
size_t gl_utf8_offset(const char *buf, size_t len, size_t cp);

/* Decodes one code point at buf (valid UTF-8 assumed); returns its byte length. */
size_t gl_utf8_decode(const char *buf, size_t len, int32_t *cp);

/* Encodes one code point as UTF-8 into out; returns its length (0 for an invalid code point). */
size_t gl_utf8_encode(int32_t cp, char out[4]);

/* NFC-normalises valid UTF-8 into out (replacing its content). *changed tells whether it differed. */
enum gl_status gl_utf8_nfc(const char *buf, size_t len, struct gl_str *out, bool *changed);

/* Case-folded NFC copy (for case-insensitive comparison of names). */
enum gl_status gl_utf8_fold(const char *buf, size_t len, struct gl_str *out);

/* Terminal columns of valid UTF-8 text (wide characters count 2, combining marks 0). */
size_t gl_utf8_width(const char *buf, size_t len);
/* Bidirectional formatting controls (U+061C, U+200E-200F, U+202A-202E, U+2066-2069): text that
 * shows on a terminal in another order than it is stored. The interface draws each as a visible
 * placeholder of width 1 (gl_utf8_cp_width counts them so). */
bool gl_utf8_is_bidi_control(int32_t cp);
/* The display width of one code point, as the terminal library counts it (wcwidth under a
 * UTF-8 locale, which is what curses uses to place text); Unicode's own width where the
 * locale cannot say (the plain C locale of a test). 0 for combining marks and controls. The one
 * width function of the program: every column computation goes through it. */
int gl_utf8_cp_width(int32_t cp);

#endif
