/* Span arithmetic in code points, shared by the CLI, the reader and the review view. */
#define _GNU_SOURCE  /* memmem */
#include "genomlys/span.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/num.h"
#include "genomlys/str.h"
#include "genomlys/utf8.h"

bool gl_span_parse(const char *s, struct gl_span *out)
{
	const char *colon = s ? strchr(s, ':') : NULL;
	if (!colon || colon == s || (size_t)(colon - s) >= 32)
		return false;
	char start[32];
	memcpy(start, s, (size_t)(colon - s));
	start[colon - s] = '\0';
	int64_t a, b;
	/* Digits only (no sign), and nothing beyond int64 is clamped into range. */
	if (start[0] == '+' || colon[1] == '+' || colon[1] == '-' ||
		gl_num_parse_int64(start, 0, INT64_MAX, &a, NULL) != GL_OK ||
		gl_num_parse_int64(colon + 1, 0, INT64_MAX, &b, NULL) != GL_OK || b <= a)
		return false;
	out->start = a;
	out->end = b;
	return true;
}

enum gl_status gl_span_find(const char *text, size_t text_len, const char *needle, int nth,
	struct gl_span *out)
{
	if (!needle || !*needle || nth < 1)
		return GL_EINVAL;
	struct gl_str n = GL_STR_INIT;
	enum gl_status st = gl_utf8_nfc(needle, strlen(needle), &n, NULL);
	if (st != GL_OK) {
		gl_str_finish(&n);
		return st;
	}
	/* Count code points incrementally between hits rather than from the start each time. */
	size_t pos = 0, counted_to = 0;
	int64_t cp = 0;
	st = GL_ENOTFOUND;
	while (pos + n.len <= text_len) {
		const char *hit = memmem(text + pos, text_len - pos, n.buf, n.len);
		if (!hit)
			break;
		size_t at = (size_t)(hit - text);
		cp += (int64_t)gl_utf8_count(text + counted_to, at - counted_to);
		counted_to = at;
		if (--nth == 0) {
			out->start = cp;
			out->end = cp + (int64_t)gl_utf8_count(n.buf, n.len);
			st = GL_OK;
			break;
		}
		/* Step past this hit's first character, so that overlapping hits count too. */
		pos = at + 1;
		while (pos < text_len && ((unsigned char)text[pos] & 0xC0) == 0x80)
			pos++;
	}
	gl_str_finish(&n);
	return st;
}

bool gl_span_overlaps(struct gl_span a, struct gl_span b)
{
	return a.start < b.end && b.start < a.end;
}

struct gl_span gl_span_union(struct gl_span a, struct gl_span b)
{
	struct gl_span u = { a.start < b.start ? a.start : b.start, a.end > b.end ? a.end : b.end };
	return u;
}

int64_t gl_span_overlap_len(struct gl_span a, struct gl_span b)
{
	int64_t s = a.start > b.start ? a.start : b.start;
	int64_t e = a.end < b.end ? a.end : b.end;
	return e > s ? e - s : 0;
}
