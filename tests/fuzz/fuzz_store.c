/* A scratch project for the fuzz targets, made once per process and removed at exit. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "genomlys/store.h"

static struct gl_store *store;
static char dir[4096];

static void remove_store(void)
{
	static const char *const files[] = { "fuzz.db", "fuzz.db-wal", "fuzz.db-shm",
		"fuzz.db-journal" };
	gl_store_close(store);
	store = NULL;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char p[4200];
		snprintf(p, sizeof p, "%s/%s", dir, files[i]);
		unlink(p);
	}
	rmdir(dir);
}

struct gl_store *fuzz_scratch_store(void)
{
	if (store)
		return store;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/genomlys-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		abort();
	}
	char path[4200];
	snprintf(path, sizeof path, "%s/fuzz.db", dir);
	struct gl_error err = { 0 };
	if (gl_store_create(path, "fuzz", &store, &err) != GL_OK) {
		fprintf(stderr, "cannot create %s: %s\n", path, err.message);
		abort();
	}
	/* A category to hang codes on, as a real project would have. */
	struct gl_code c = { .name = "Lärmiljö", .color = "yellow" };
	int64_t id;
	gl_store_code_insert(store, &c, &id, NULL);
	/* and a letter for the search target to find */
	int64_t school = 0;
	gl_store_school_ensure(store, "Norrskolan", &school, NULL, NULL);
	int64_t group = 0;
	gl_store_group_find(store, "elever", &group, NULL);
	static const char text[] = "Studieron på lektionerna är bättre, men rasterna är stökiga.";
	struct gl_document d = { .kind = "letter", .school_id = school, .group_id = group,
		.text = text, .text_len = sizeof text - 1 };
	gl_store_document_insert(store, &d, NULL, NULL, NULL);
	atexit(remove_store);
	return store;
}

int fuzz_import(enum gl_import_csv what, const uint8_t *data, size_t size)
{
	struct gl_store *s = fuzz_scratch_store();
	struct gl_import_sink k;
	gl_import_sink_store(&k, s);
	struct gl_import_summary sum = { 0 };
	struct gl_error err = { 0 };
	struct gl_import_options o = { 0 };
	if (gl_store_begin(s, &err) != GL_OK)
		abort();
	enum gl_status st = gl_import_csv_memory(&k, what, data, size, "fuzz.csv", &o, &sum, &err);
	gl_store_rollback(s);
	/* Every failure says what went wrong; every success counts what it did. */
	if (st != GL_OK && err.message[0] == '\0')
		abort();
	if (st == GL_OK && sum.letters + sum.duplicates + sum.results + sum.codes + sum.categories
		== 0)
		abort();
	struct gl_str line = GL_STR_INIT;
	gl_import_summary_letters(&sum, &line);
	gl_import_summary_survey(&sum, &line);
	gl_import_summary_codebook(&sum, &line);
	gl_str_finish(&line);
	return 0;
}
