/* Builds the UI tests' project. Usage: mkproject DB [--letters N] [--big-letter BYTES] [--ranking] */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/store.h"
#include "project.h"

/* --ranking: three more development areas of the municipality (it has one), to rank. */
static int ranking_areas(const char *path)
{
	static const char *const titles[] = { "Studiero i undervisningen",
		"Trygghet och kränkningar", "Extra anpassningar i tid" };
	struct gl_store *s;
	struct gl_error err = { 0 };
	if (gl_store_open(path, &s, &err) != GL_OK)
		return fprintf(stderr, "%s\n", err.message), 1;
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		struct gl_finding f = { .kind = "area", .title = titles[i] };
		if (gl_store_finding_insert(s, &f, NULL, &err) != GL_OK) {
			fprintf(stderr, "%s\n", err.message);
			gl_store_close(s);
			return 1;
		}
	}
	gl_store_close(s);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mkproject DB [--letters N] [--big-letter BYTES] [--ranking]\n");
		return 2;
	}
	long extra = 0, big = 0;
	bool ranking = false;
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--ranking"))
			ranking = true;
	for (int i = 2; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--letters"))
			extra = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--big-letter"))
			big = atol(argv[i + 1]);
	}
	int rc = ui_test_project(argv[1], extra, big);
	if (rc == 0 && ranking)
		rc = ranking_areas(argv[1]);
	return rc;
}
