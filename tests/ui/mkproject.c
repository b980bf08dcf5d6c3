/* Builds the UI tests' project. Usage: mkproject DB [--letters N] [--big-letter BYTES] [--ranking]
 * [--overlaps] [--guardians] */
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

/* --overlaps: Anna and Bertil code Trygghet at 20 places of each of the 9 letters, two
 * characters apart, and Cecilia every 7th place of letters 3, 6 and 9 between them: 1,870
 * overlapping pairs, a list longer than the review counts at opening (as the unit tests'
 * overlapping_codings). */
static int overlaps(const char *path)
{
	struct gl_store *s;
	struct gl_error err = { 0 };
	int64_t code, coder[3];
	static const char *const names[] = { "Anna", "Bertil", "Cecilia" };
	if (gl_store_open(path, &s, &err) != GL_OK)
		return fprintf(stderr, "%s\n", err.message), 1;
	enum gl_status st = gl_store_code_find(s, "Trygghet", &code, &err);
	for (int i = 0; i < 3 && st == GL_OK; i++)
		st = gl_store_coder_ensure(s, names[i], &coder[i], NULL, &err);
	for (int64_t doc = 1; doc <= 9 && st == GL_OK; doc++)
		for (int64_t i = 1; i <= 20 && st == GL_OK; i++) {
			struct gl_coding c = { .document_id = doc, .code_id = code, .coder_id = coder[0],
				.start = i, .end = i + 6 };
			st = gl_store_coding_insert(s, &c, NULL, &err);
			c.coder_id = coder[1];
			c.start = i + 2;
			c.end = i + 8;
			if (st == GL_OK)
				st = gl_store_coding_insert(s, &c, NULL, &err);
			if (st == GL_OK && i % 7 == 0 && doc % 3 == 0) {
				c.coder_id = coder[2];
				c.start = i + 1;
				st = gl_store_coding_insert(s, &c, NULL, &err);
			}
		}
	gl_store_close(s);
	if (st != GL_OK)
		return fprintf(stderr, "%s\n", err.message), 1;
	return 0;
}

/* --guardians: a letter from a guardian, the group with the longest name ("vårdnadshavare"). */
static int guardians(const char *path)
{
	struct gl_store *s;
	struct gl_error err = { 0 };
	if (gl_store_open(path, &s, &err) != GL_OK)
		return fprintf(stderr, "%s\n", err.message), 1;
	static const char text[] = "Vi vårdnadshavare får för lite information om vad som händer "
		"i klassen.";
	struct gl_document d = { .kind = "letter", .author = "Förälder E", .date = "2026-02-12",
		.title = "Information hem", .text = text, .text_len = sizeof text - 1 };
	enum gl_status st = gl_store_school_ensure(s, "Ekåsens skola", &d.school_id, NULL, &err);
	if (st == GL_OK)
		st = gl_store_group_find(s, "vårdnadshavare", &d.group_id, &err);
	if (st == GL_OK)
		st = gl_store_document_insert(s, &d, NULL, NULL, &err);
	gl_store_close(s);
	if (st != GL_OK)
		return fprintf(stderr, "%s\n", err.message), 1;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mkproject DB [--letters N] [--big-letter BYTES] [--ranking] "
			"[--overlaps] [--guardians]\n");
		return 2;
	}
	long extra = 0, big = 0;
	bool ranking = false, overlapping = false, guardian = false;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--ranking"))
			ranking = true;
		if (!strcmp(argv[i], "--overlaps"))
			overlapping = true;
		if (!strcmp(argv[i], "--guardians"))
			guardian = true;
	}
	for (int i = 2; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--letters"))
			extra = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--big-letter"))
			big = atol(argv[i + 1]);
	}
	int rc = ui_test_project(argv[1], extra, big);
	if (rc == 0 && ranking)
		rc = ranking_areas(argv[1]);
	if (rc == 0 && overlapping)
		rc = overlaps(argv[1]);
	if (rc == 0 && guardian)
		rc = guardians(argv[1]);
	return rc;
}
