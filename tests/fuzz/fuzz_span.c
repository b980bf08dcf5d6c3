/* Fuzz target: bytes as the span syntax START:END (gl_span_parse) and, split at the first NUL,
 * a letter and a needle for gl_span_find; a parsed span must be non-empty. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/span.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	struct gl_span sp;
	if (gl_span_parse(s, &sp) && (sp.start < 0 || sp.end <= sp.start))
		abort();
	size_t first = strlen(s);
	if (first < size) {
		struct gl_span found;
		gl_span_find(s + first + 1, strlen(s + first + 1), s, 1, &found);
	}
	free(s);
	return 0;
}
