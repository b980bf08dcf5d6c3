/* Fuzz target: bytes as a search query through gl_store_search (the query rewrite and FTS5)
 * on the scratch project with a letter in it: any outcome but a crash or a broken rule. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

static int row(void *ctx, const struct gl_row *r)
{
	(void)ctx;
	(void)r;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gl_store *s = fuzz_scratch_store();
	char *q = malloc(size + 1);
	if (!q)
		return 0;
	memcpy(q, data, size);
	q[size] = '\0';
	struct gl_error err = { 0 };
	gl_store_search(s, q, NULL, 0, 20, row, NULL, &err);
	free(q);
	return 0;
}
