/* Fuzz target: bytes as a CSV of ballots (participant, order) through gl_import_ballots into an
 * open round of the scratch project, whose municipality has four development areas; each input
 * is rolled back (the import's own transaction nested in one that is). Rules: a refusal says
 * why and counts nothing; a success stores as many ballots as it counts; after the rollback
 * the round has no ballot. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/ranking.h"
#include "genomlys/store.h"

static int64_t round_id;

static struct gl_store *ranking_store(void)
{
	struct gl_store *s = fuzz_scratch_store();
	if (round_id)
		return s;
	static const char *const titles[] = { "Studiero i undervisningen",
		"Elevhälsans tillgänglighet", "Trygghet och kränkningar", "Återkoppling på bedömning" };
	struct gl_error err = { 0 };
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		struct gl_finding f = { .school_id = 0, .kind = "area", .title = titles[i] };
		if (gl_store_finding_insert(s, &f, NULL, &err) != GL_OK)
			abort();
	}
	if (gl_store_round_create(s, 0, "Omgång 1", 0, true, &round_id, &err) != GL_OK)
		abort();
	return s;
}

static size_t stored(struct gl_store *s)
{
	char **names = NULL;
	size_t n = 0;
	struct gl_error err = { 0 };
	if (gl_store_round_participants(s, round_id, &names, &n, &err) != GL_OK)
		abort();
	gl_names_free(names, n);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gl_store *s = ranking_store();
	const char *path = fuzz_file(data, size);
	struct gl_error err = { 0 };
	if (gl_store_begin(s, &err) != GL_OK)
		abort();
	long ballots = 0, replaced = 0;
	enum gl_status st = gl_import_ballots(s, round_id, path, &ballots, &replaced, &err);
	size_t n = stored(s);
	gl_store_rollback(s);
	/* (nested, a refused import's rows stay until the outer rollback: the all-or-nothing of
	 * a top-level import is what tests/bad checks with the project's dump) */
	if (st != GL_OK && (err.message[0] == '\0' || ballots != 0 || replaced != 0))
		abort();
	if (st == GL_OK && (ballots <= 0 || (size_t)ballots != n || replaced != 0))
		abort();
	if (stored(s) != 0)
		abort();
	return 0;
}
