/* Spans of text in Unicode code points: finding, parsing, overlap and union. */
#ifndef GENOMLYS_SPAN_H
#define GENOMLYS_SPAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/status.h"

struct gl_span {
	int64_t start;  /* inclusive */
	int64_t end;    /* exclusive */
};

/* Parses "START:END" (digits, END > START; a number beyond int64 is refused, not clamped). */
bool gl_span_parse(const char *s, struct gl_span *out);

/* Finds the nth (1-based) occurrence of needle (NFC-normalised first) in text (NFC). */
enum gl_status gl_span_find(const char *text, size_t text_len, const char *needle, int nth,
	struct gl_span *out);

bool gl_span_overlaps(struct gl_span a, struct gl_span b);
/* The smallest span covering both. */
struct gl_span gl_span_union(struct gl_span a, struct gl_span b);
/* Overlap length in code points (0 when apart). */
int64_t gl_span_overlap_len(struct gl_span a, struct gl_span b);

#endif
