/* UTF-8 helpers on top of utf8proc. */
#define _GNU_SOURCE  /* wcwidth */
#include "genomlys/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

/* Decodes the multi-byte character at p[i] (its lead byte is >= 0x80) into *cp and its length
 * *n; false when it is not well-formed UTF-8 (a bad lead or continuation byte, cut short,
 * overlong, a surrogate, past U+10FFFF). The one decoder of gl_utf8_valid and gl_utf8_scan. */
static bool decode_multibyte(const unsigned char *p, size_t len, size_t i, uint32_t *cp,
	size_t *n)
{
	unsigned char c = p[i];
	if ((c & 0xE0) == 0xC0) {
		*n = 2; *cp = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		*n = 3; *cp = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		*n = 4; *cp = c & 0x07;
	} else {
		return false;
	}
	if (i + *n > len)
		return false;
	for (size_t k = 1; k < *n; k++) {
		if ((p[i + k] & 0xC0) != 0x80)
			return false;
		*cp = (*cp << 6) | (p[i + k] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	return !((*n == 2 && *cp < 0x80) || (*n == 3 && *cp < 0x800) ||
		(*n == 4 && *cp < 0x10000) || (*cp >= 0xD800 && *cp <= 0xDFFF) || *cp > 0x10FFFF);
}

bool gl_utf8_valid(const char *buf, size_t len, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i = 0;
	while (i < len) {
		size_t n;
		uint32_t cp;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (!decode_multibyte(p, len, i, &cp, &n)) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		i += n;
	}
	return true;
}

bool gl_utf8_scan(const char *buf, size_t len, struct gl_utf8_info *info, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i = 0, count = 0;
	bool quick = true, controls = false;
	while (i < len) {
		/* eight ASCII bytes at a time while none is a control (nor DEL): the usual text */
		while (len - i >= 8) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
			uint64_t del = w ^ (0x7Fu * ones);
			if ((w & high) || ((w - 0x20u * ones) & ~w & high) || ((del - ones) & ~del & high))
				break;
			i += 8;
			count += 8;
		}
		if (i >= len)
			break;
		unsigned char c = p[i];
		size_t n;
		uint32_t cp;
		count++;
		if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
				controls = true;
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (p[i + 1] & 0xC0) == 0x80) {
			/* two bytes (å, ä, ö, é): decoded here, the usual case of Swedish text; C2-DF
			 * leads are never overlong, U+0080-U+009F (C1) are controls */
			if (c >= 0xCC)
				quick = false;  /* U+0300 and above */
			if (c == 0xC2 && p[i + 1] <= 0x9F)
				controls = true;
			i += 2;
			continue;
		}
		if (!decode_multibyte(p, len, i, &cp, &n)) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		if (cp >= 0x300)
			quick = false;
		if (cp <= 0x9F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			controls = true;
		i += n;
	}
	if (info)
		*info = (struct gl_utf8_info){ count, quick, controls };
	return true;
}

size_t gl_utf8_cut(const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t start = len;
	while (start > 0 && len - start < 4 && (p[start - 1] & 0xC0) == 0x80)
		start--;  /* back over continuation bytes to the character's first byte */
	if (start == 0)
		return len;
	start--;
	unsigned char c = p[start];
	size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
	return start + n > len ? start : len;
}

size_t gl_utf8_count(const char *buf, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)buf[i] & 0xC0) != 0x80)
			n++;
	return n;
}

size_t gl_utf8_offset(const char *buf, size_t len, size_t cp)
{
	size_t i = 0, n = 0;
	while (i < len) {
		if (((unsigned char)buf[i] & 0xC0) != 0x80) {
			if (n == cp)
				return i;
			n++;
		}
		i++;
	}
	return len;
}

size_t gl_utf8_decode(const char *buf, size_t len, int32_t *cp)
{
	utf8proc_int32_t c = 0;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)buf,
		(utf8proc_ssize_t)(len > 4 ? 4 : len), &c);
	if (n <= 0) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return (size_t)n;
}

size_t gl_utf8_encode(int32_t cp, char out[4])
{
	if (!utf8proc_codepoint_valid(cp))
		return 0;
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

static enum gl_status map(const char *buf, size_t len, utf8proc_option_t opts, struct gl_str *out)
{
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)buf, (utf8proc_ssize_t)len,
		&res, opts);
	if (n < 0)
		return n == UTF8PROC_ERROR_NOMEM ? GL_ENOMEM : GL_EENCODING;
	gl_str_clear(out);
	enum gl_status st = gl_str_append(out, (const char *)res, (size_t)n);
	free(res);
	return st;
}

enum gl_status gl_utf8_nfc(const char *buf, size_t len, struct gl_str *out, bool *changed)
{
	/* Text below U+0300 (ASCII, Latin-1, Latin Extended: all of Swedish) is NFC already, since
	 * combining marks start at U+0300: skip the library for the common case. Two-byte
	 * sequences with lead bytes C2-CB encode exactly U+0080..U+02FF. */
	const unsigned char *p = (const unsigned char *)buf;
	size_t i = 0;
	while (i < len) {
		if (p[i] < 0x80)
			i++;
		else if (p[i] >= 0xC2 && p[i] <= 0xCB && i + 1 < len && (p[i + 1] & 0xC0) == 0x80)
			i += 2;
		else
			break;
	}
	enum gl_status st;
	if (i == len) {
		gl_str_clear(out);
		st = gl_str_append(out, buf, len);
	} else {
		st = map(buf, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE, out);
	}
	if (st == GL_OK && changed)
		*changed = out->len != len || memcmp(gl_str_cstr(out), buf, len) != 0;
	return st;
}

enum gl_status gl_utf8_fold(const char *buf, size_t len, struct gl_str *out)
{
	return map(buf, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD, out);
}

bool gl_utf8_is_bidi_control(int32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
		(cp >= 0x2066 && cp <= 0x2069);
}

int gl_utf8_cp_width(int32_t cp)
{
	if (gl_utf8_is_bidi_control(cp))
		return 1;  /* drawn as a placeholder, never passed to the terminal */
	if (cp < 0x80)
		return cp >= 32 && cp != 127 ? 1 : 0;
	if (cp < 0xa0)
		return 0;  /* C1 controls */
	int w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	if (MB_CUR_MAX > 1)
		return 1;  /* a UTF-8 locale that does not know it: the UI draws a placeholder */
	w = utf8proc_charwidth(cp);  /* the plain C locale (tests, pipes): Unicode's width */
	return w > 0 ? w : 0;
}

size_t gl_utf8_width(const char *buf, size_t len)
{
	size_t w = 0, i = 0;
	while (i < len) {
		int32_t cp;
		size_t n = gl_utf8_decode(buf + i, len - i, &cp);
		i += n ? n : 1;
		w += (size_t)gl_utf8_cp_width(cp);
	}
	return w;
}
