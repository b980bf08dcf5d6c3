/* Importing letters, survey results and codebooks, and building the demo project. */
#ifndef GENOMLYS_IMPORT_H
#define GENOMLYS_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/status.h"
#include "genomlys/store.h"
#include "genomlys/str.h"

/* What happened to one imported row. */
enum gl_import_outcome {
	GL_IMPORT_ADDED,
	GL_IMPORT_UPDATED,    /* an existing survey result or code got new values */
	GL_IMPORT_UNCHANGED,  /* an existing survey result or code had the same values */
	GL_IMPORT_DUPLICATE,  /* the same letter (school, group, text) exists already */
};

/* Where imported rows go: the importers parse, check and normalise, the sink keeps. The store
 * sink writes to a project; tests and fuzzers use sinks of their own. Errors carry a message
 * but no file or line: the importer adds where the row came from. */
struct gl_import_sink_ops {
	/* Finds or creates a school. school and group are asked once per name and import: the
	 * importer keeps the id they gave for the rest of it. */
	enum gl_status (*school)(void *ctx, const char *name, int64_t *id, struct gl_error *err);
	/* Resolves a respondent group name (Swedish or English, any case). */
	enum gl_status (*group)(void *ctx, const char *name, int64_t *id, struct gl_error *err);
	enum gl_status (*letter)(void *ctx, const struct gl_document *d,
		enum gl_import_outcome *out, struct gl_error *err);
	enum gl_status (*survey)(void *ctx, const struct gl_survey_result *r,
		enum gl_import_outcome *out, struct gl_error *err);
	/* Finds a code by name or "Category > Code" path (for the parent column). */
	enum gl_status (*code_find)(void *ctx, const char *name, int64_t *id, struct gl_error *err);
	/* Adds the code under c->parent_id, or updates the one of that name there. */
	enum gl_status (*code)(void *ctx, const struct gl_code *c, int64_t *id,
		enum gl_import_outcome *out, struct gl_error *err);
};

struct gl_import_sink {
	const struct gl_import_sink_ops *ops;
	void *ctx;
};

/* A sink that writes to the project s (inside the caller's transaction, if any). */
void gl_import_sink_store(struct gl_import_sink *sink, struct gl_store *s);

struct gl_import_options {
	const char *school;  /* letters: the school of files that do not name one; NULL: none */
	const char *group;   /* letters: likewise the respondent group */
	const char *kind;    /* letters: "letter" (NULL), "survey_text" or "inspection" */
	bool dry_run;        /* check everything, write nothing */
};

/* Counts for the summary line; an import adds to what is there (zero it first). */
struct gl_import_summary {
	bool dry_run;
	/* letters */
	long letters;            /* letters added */
	long duplicates;         /* letters skipped because they exist already */
	long schools;            /* distinct schools of the letters added */
	long from_cp1252;        /* letters added whose file was converted from Windows-1252 */
	long from_utf16;         /* likewise from UTF-16 */
	long nfc_normalised;     /* letters added whose text arrived decomposed (not NFC) */
	long controls_removed;   /* control characters removed from the letters added */
	long controls_letters;   /* letters added that had any removed */
	long sequences_removed;  /* terminal escape sequences removed whole from the letters added */
	long sequences_letters;  /* letters added that had any */
	long bidi_kept;          /* bidi controls kept in the letters' texts (shown as placeholders) */
	long bidi_letters;       /* letters added whose text keeps any */
	long files_skipped;      /* files in folders that are not .txt */
	/* survey results */
	long results;            /* rows read */
	long results_updated;
	long results_unchanged;
	long result_schools;     /* distinct schools */
	/* codebook */
	long codes;              /* rows with a parent */
	long categories;         /* rows without one */
	long codes_updated;      /* rows that existed already and changed (categories included) */
	long codes_unchanged;    /* rows that existed already as they are in the file */
	/* the demo's codings (fixtures/demo/codings.csv) */
	long demo_codings;
	long demo_classifications;
	long demo_coders;
	/* the demo's findings (fixtures/demo/findings.csv) and their pieces of evidence */
	long demo_findings;
	long demo_evidence;
};

/* Imports letters from .txt files, .csv files and folders laid out <school>/<group>/NAME.txt,
 * all in one transaction: on any error nothing is written and err names the file and line.
 * With o->dry_run the same checks run and the transaction is rolled back. */
enum gl_status gl_import_letters(struct gl_store *s, const char *const *paths, size_t npaths,
	const struct gl_import_options *o, struct gl_import_summary *sum, struct gl_error *err);
/* Survey results in long format: school, survey, year, group, item, value[, n]. */
enum gl_status gl_import_survey(struct gl_store *s, const char *path,
	const struct gl_import_options *o, struct gl_import_summary *sum, struct gl_error *err);
/* A codebook: code, parent, description, color, exclusive, value. */
enum gl_status gl_import_codebook(struct gl_store *s, const char *path,
	const struct gl_import_options *o, struct gl_import_summary *sum, struct gl_error *err);

/* The same into any sink; no transaction (the caller's business). */
enum gl_status gl_import_letters_sink(const struct gl_import_sink *k, const char *const *paths,
	size_t npaths, const struct gl_import_options *o, struct gl_import_summary *sum,
	struct gl_error *err);
enum gl_status gl_import_survey_sink(const struct gl_import_sink *k, const char *path,
	struct gl_import_summary *sum, struct gl_error *err);
enum gl_status gl_import_codebook_sink(const struct gl_import_sink *k, const char *path,
	struct gl_import_summary *sum, struct gl_error *err);

/* A CSV file held in memory (fuzzers, tests); name stands for the file in messages. */
enum gl_import_csv { GL_IMPORT_CSV_LETTERS, GL_IMPORT_CSV_SURVEY, GL_IMPORT_CSV_CODEBOOK };
enum gl_status gl_import_csv_memory(const struct gl_import_sink *k, enum gl_import_csv what,
	const void *data, size_t len, const char *name, const struct gl_import_options *o,
	struct gl_import_summary *sum, struct gl_error *err);

/* The line a person reads, e.g. "Imported 42 letters from 4 schools (3 converted from
 * Windows-1252); 2 duplicates skipped." ("Would import ..." for a dry run). */
enum gl_status gl_import_summary_letters(const struct gl_import_summary *sum, struct gl_str *out);
enum gl_status gl_import_summary_survey(const struct gl_import_summary *sum, struct gl_str *out);
/* "Added 321 codings and 85 classifications by 3 coders." */
enum gl_status gl_import_summary_demo(const struct gl_import_summary *s, struct gl_str *out);
enum gl_status gl_import_summary_codebook(const struct gl_import_summary *sum,
	struct gl_str *out);

/* ---- The demo project ---- */

/* Creates a new project at db_path (refused when the file exists) named after
 * demo_dir/project.txt, and imports demo_dir/codebook.csv, the letters under demo_dir/letters and
 * demo_dir/survey.csv through the importers above, then the coders' work (demo_dir/codings.csv)
 * unless flags has GL_DEMO_UNCODED. demo_dir NULL: gl_demo_dir(). All in one transaction; on
 * failure the new file is removed. */
#define GL_DEMO_UNCODED 1u  /* letters, codebook and surveys only: no codings, findings, rounds */
enum gl_status gl_demo_create(const char *db_path, const char *demo_dir, unsigned flags,
	struct gl_import_summary *sum, struct gl_error *err);

/* Builds a fresh demo project at path, replacing an earlier demo there in one step (never any
 * other file: a file at path that is not a demo project is refused and left alone). */
enum gl_status gl_demo_replace(const char *path, struct gl_error *err);

/* Where the demo fixtures are: $GENOMLYS_DATADIR/demo when that variable is set, else the
 * installed copy when it exists, else the source tree's fixtures/demo (NULL when unknown). */
const char *gl_demo_dir(void);

#endif
