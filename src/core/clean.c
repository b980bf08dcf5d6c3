/* Cleaning names and text at the edges, and escaping control characters on the way out. */
#include "genomlys/clean.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"

static bool is_bidi(int32_t cp)
{
	return gl_utf8_is_bidi_control(cp);  /* the marks U+200E/F and U+061C too */
}

bool gl_clean_is_control(int32_t cp, unsigned flags)
{
	if (cp == '\t' || cp == '\n')
		return (flags & GL_CLEAN_BREAKS) != 0;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return true;
	return (flags & GL_CLEAN_BIDI) && is_bidi(cp);
}

/* The kind of sequence that s[0..n) starts and the length of its introducer: ESC x, or a C1
 * introducer (C2 xx). */
enum seq_kind { SEQ_NONE, SEQ_CSI, SEQ_STRING, SEQ_ESC };

static enum seq_kind seq_start(const unsigned char *s, size_t n, size_t *intro)
{
	*intro = 2;
	if (n < 2)
		return SEQ_NONE;
	if (s[0] == 0x1B) {
		switch (s[1]) {
		case '[':
			return SEQ_CSI;
		case ']': case 'P': case 'X': case '^': case '_':
			return SEQ_STRING;
		default:
			*intro = 1;
			return s[1] >= 0x20 && s[1] <= 0x7E ? SEQ_ESC : SEQ_NONE;
		}
	}
	if (s[0] == 0xC2) {
		switch (s[1]) {
		case 0x9B:
			return SEQ_CSI;
		case 0x9D: case 0x90: case 0x98: case 0x9E: case 0x9F:
			return SEQ_STRING;
		}
	}
	return SEQ_NONE;
}

/* The length of the escape sequence at s[0..n), or 0 when none starts there (see clean.h). */
static size_t seq_len(const unsigned char *s, size_t n)
{
	size_t i;
	switch (seq_start(s, n, &i)) {
	case SEQ_NONE:
		return 0;
	case SEQ_CSI:
		for (; i < n && i < GL_CLEAN_CSI_MAX; i++) {
			if (s[i] >= 0x40 && s[i] <= 0x7E)
				return i + 1;  /* the final byte */
			if (s[i] < 0x20 || s[i] > 0x3F)
				break;  /* not part of a CSI: it ends here, unfinished */
		}
		return i;
	case SEQ_ESC:
		while (i < n && i < 16 && s[i] >= 0x20 && s[i] <= 0x2F)
			i++;  /* intermediates */
		return i < n && s[i] >= 0x30 && s[i] <= 0x7E ? i + 1 : i;
	case SEQ_STRING:
		break;
	}
	size_t start = i;
	for (; i < n && i - start < GL_CLEAN_STRING_MAX; i++) {
		if (s[i] == 0x07)
			return i + 1;  /* BEL */
		if (s[i] == 0x1B && i + 1 < n && s[i + 1] == '\\')
			return i + 2;  /* ST */
		if (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0x9C)
			return i + 2;  /* ST as C1 */
		if (s[i] == '\n' || s[i] == 0x1B || s[i] == 0x18 || s[i] == 0x1A)
			break;  /* unterminated: a newline, another sequence, CAN or SUB ends it */
	}
	/* Unterminated (or too long): removed up to there, but not more than a bounded piece, and
	 * never in the middle of a character. */
	if (i - start > GL_CLEAN_UNTERMINATED_MAX) {
		i = start + GL_CLEAN_UNTERMINATED_MAX;
		while (i > start && (s[i] & 0xC0) == 0x80)
			i--;
	}
	return i;
}

size_t gl_clean_strip_count(char *buf, size_t n, unsigned flags, struct gl_clean_count *count)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t w = 0;
	long gone = 0, seqs = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		size_t len = 1;
		int32_t cp = c;
		if (c == 0x1B || (c == 0xC2 && i + 1 < n)) {
			size_t k = seq_len(p + i, n - i);
			if (k > 0) {
				seqs++;
				i += k;
				continue;
			}
		}
		/* Only the three lead bytes of what may be removed need decoding: C1 (C2 80..9F) and
		 * the bidi controls (E2 80 8E..8F and AA..AE, E2 81 A6..A9, D8 9C); the rest is copied
		 * byte by byte. */
		if (c == 0xC2 && i + 1 < n) {
			cp = 0x80 | (p[i + 1] & 0x3F);
			len = 2;
		} else if (c == 0xD8 && i + 1 < n && p[i + 1] == 0x9C) {
			cp = 0x061C;
			len = 2;
		} else if (c == 0xE2 && i + 2 < n && (p[i + 1] == 0x80 || p[i + 1] == 0x81)) {
			cp = 0x2000 | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
			len = 3;
		} else if (c >= 0x80) {
			cp = 0xFFFD;  /* any other non-ASCII byte: kept */
		}
		if (gl_clean_is_control(cp, flags)) {
			gone++;
		} else {
			memmove(buf + w, buf + i, len);
			w += len;
		}
		i += len;
	}
	if (count) {
		count->controls += gone;
		count->sequences += seqs;
	}
	if (w < n)
		buf[w] = '\0';
	return w;
}

size_t gl_clean_strip(char *buf, size_t n, unsigned flags, long *removed)
{
	struct gl_clean_count k = { 0, 0 };
	size_t w = gl_clean_strip_count(buf, n, flags, &k);
	if (removed)
		*removed += k.controls + k.sequences;
	return w;
}

bool gl_clean_has_visible(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += gl_utf8_decode(s + i, n - i, &cp);
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
		case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF:
			break;
		default:
			return true;
		}
	}
	return false;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static enum gl_status clean(const char *in, size_t n, unsigned flags, struct gl_str *out,
	struct gl_error *err)
{
	if (!in)
		in = "";
	if (!gl_utf8_valid(in, n, NULL))
		return gl_error_set(err, GL_EENCODING, _("the name is not valid UTF-8"));
	struct gl_str tmp = GL_STR_INIT;
	enum gl_status st = gl_str_append(&tmp, in, n);
	if (st == GL_OK) {
		tmp.len = gl_clean_strip(tmp.buf, tmp.len, flags, NULL);
		st = gl_utf8_nfc(gl_str_cstr(&tmp), tmp.len, out, NULL);
	}
	gl_str_finish(&tmp);
	if (st != GL_OK)
		return gl_error_set(err, st, "%s", gl_status_str(st));
	size_t k = 0;
	while (k < out->len && is_blank(out->buf[k]))
		k++;
	size_t e = out->len;
	while (e > k && is_blank(out->buf[e - 1]))
		e--;
	memmove(out->buf, out->buf + k, e - k);
	out->len = e - k;
	out->buf[out->len] = '\0';
	return GL_OK;
}

enum gl_status gl_clean_name(const char *in, size_t n, struct gl_str *out, struct gl_error *err)
{
	enum gl_status st = clean(in, n, GL_CLEAN_BIDI, out, err);
	if (st == GL_OK && !gl_clean_has_visible(gl_str_cstr(out), out->len))
		st = gl_error_set(err, GL_EINVAL, _("the name is empty"));
	return st;
}

enum gl_status gl_clean_text(const char *in, size_t n, struct gl_str *out, struct gl_error *err)
{
	return clean(in, n, GL_CLEAN_BIDI, out, err);
}

bool gl_clean_has_controls(const char *s, size_t n, unsigned flags)
{
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += gl_utf8_decode(s + i, n - i, &cp);
		if (gl_clean_is_control(cp, flags))
			return true;
	}
	return false;
}

enum gl_status gl_clean_escape(const char *s, size_t n, unsigned flags, struct gl_str *out)
{
	enum gl_status st = gl_str_reserve(out, n);
	size_t run = 0;  /* start of the bytes not yet copied */
	for (size_t i = 0; i < n && st == GL_OK;) {
		unsigned char c = (unsigned char)s[i];
		size_t len;
		int32_t cp;
		if (c >= 0x20 && c < 0x7F && (c != '\\' || !(flags & GL_ESCAPE_BACKSLASH))) {
			i++;  /* printable ASCII, most of any text: kept as it is */
			continue;
		}
		if (c < 0x80) {
			len = 1;
			cp = c;
		} else {
			len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (len <= n - i && gl_utf8_valid(s + i, len, NULL)) {
				gl_utf8_decode(s + i, len, &cp);
			} else {
				len = 1;
				cp = -1;  /* not UTF-8 */
			}
		}
		bool keep = cp >= 0 && !gl_clean_is_control(cp, GL_CLEAN_BIDI | GL_CLEAN_BREAKS);
		if (cp == '\\' && (flags & GL_ESCAPE_BACKSLASH))
			keep = false;
		if ((cp == '\n' || cp == '\t') && (flags & GL_ESCAPE_KEEP_BREAKS))
			keep = true;
		if (keep) {
			i += len;
			continue;
		}
		st = gl_str_append(out, s + run, i - run);
		char esc[16];
		if (cp == '\\')
			snprintf(esc, sizeof esc, "\\\\");
		else if (cp == '\n')
			snprintf(esc, sizeof esc, "\\n");
		else if (cp == '\t')
			snprintf(esc, sizeof esc, "\\t");
		else if (cp == '\r')
			snprintf(esc, sizeof esc, "\\r");
		else if (cp < 0 && (flags & GL_ESCAPE_UNICODE))
			snprintf(esc, sizeof esc, "\\uFFFD");  /* JSON has no escape for a stray byte */
		else if (cp >= 0 && (cp >= 0x80 || (flags & GL_ESCAPE_UNICODE)))
			snprintf(esc, sizeof esc, "\\u%04X", (unsigned)cp);
		else
			snprintf(esc, sizeof esc, "\\x%02X", cp < 0 ? c : (unsigned)cp);
		if (st == GL_OK)
			st = gl_str_puts(out, esc);
		i += len;
		run = i;
	}
	if (st == GL_OK)
		st = gl_str_append(out, s + run, n - run);
	return st;
}
