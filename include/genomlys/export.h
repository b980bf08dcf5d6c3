/* Exports: the codebook as CSV (the import format); the municipality's workbook as .xlsx or as
 * CSV files (docs/export.md). */
#ifndef GENOMLYS_EXPORT_H
#define GENOMLYS_EXPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "genomlys/status.h"
#include "genomlys/store.h"

/* Writes the codebook as CSV with the columns code, parent, description, color, exclusive,
 * value: parents before their children, so that `genomlys import codebook` reads it back. */
enum gl_status gl_export_codebook_csv(struct gl_store *s, FILE *fp, struct gl_error *err);

/* The same into a file through <genomlys/outfile.h>: never onto the project, an existing file
 * replaced only with GL_OUTFILE_FORCE in flags (else GL_EEXIST), written whole or not at all,
 * readable by the owner only. */
enum gl_status gl_export_codebook_csv_file(struct gl_store *s, const char *path,
	unsigned flags, struct gl_error *err);

/* ---- The workbook (workbook.c) ---- */

enum gl_export_lang { GL_EXPORT_SV, GL_EXPORT_EN };
/* How letters' authors are named: as the project keeps them (GL_SETTING_KEEP_NAMES, default
 * pseudonyms), or as chosen for this export. Pseudonyms are gl_store_author_pseudonym's
 * ("Elev 3, Norrskolan"): the same on every sheet and in `genomlys plan`. */
enum gl_export_names { GL_NAMES_PROJECT, GL_NAMES_PSEUDONYMS, GL_NAMES_KEEP };

struct gl_export_options {
	bool force;               /* replace an existing file */
	const char *school;       /* only this school (its plan, quotes, results); NULL: all */
	enum gl_export_names names;
	enum gl_export_lang lang; /* sheet names and headings */
	char sep;                 /* CSV: ';' (0), ',' or '\t' */
	bool quiet;               /* a curses screen is on: the library's stderr is caught */
	double threshold;         /* survey values below it are highlighted when the project has
	                           * no threshold of its own (GL_SETTING_THRESHOLD) */
	/* Called now and then with the rows written and the rows to write; non-zero stops the
	 * export (GL_ECANCELLED, nothing written). May be NULL. It is called at the start of
	 * every part and every few thousand steps of every query of it (gl_store_set_interrupt),
	 * so that a stop takes effect within any sheet. */
	int (*progress)(void *ctx, int64_t done, int64_t total);
	void *progress_ctx;
	/* Called with progress_ctx as each part begins: "overview", "plans", "ranking", "codes",
	 * "quotes", "surveys", "method" (not translated: for tests and logs). May be NULL. */
	void (*part)(void *ctx, const char *part);
};

/* The language of the interface's locale (LC_MESSAGES, LANGUAGE): Swedish for sv, else English. */
enum gl_export_lang gl_export_lang_default(void);
/* "sv" or "en" (also "svenska", "english", any case); false for anything else. */
bool gl_export_lang_parse(const char *s, enum gl_export_lang *out);

/* The workbook as one .xlsx file at path: written whole or not at all, 0600, never onto the
 * project, an existing file replaced only with o->force (else GL_EEXIST). With
 * SOURCE_DATE_EPOCH set, its dates come from it and the same project gives the same bytes. */
enum gl_status gl_export_xlsx(struct gl_store *s, const char *path,
	const struct gl_export_options *o, struct gl_error *err);
/* ---- The workbook's file name (name.c) ---- */

/* True when the file part of path ends in .xlsx (any case). */
bool gl_export_xlsx_name_ok(const char *path);
/* The same as a status: GL_EINVAL with a message that names the file. */
enum gl_status gl_export_xlsx_name_check(const char *path, struct gl_error *err);
/* True when the file part of path has an extension ("a.txt"; not ".hidden", not "a."). */
bool gl_export_name_has_extension(const char *path);
/* The workbook's name when the user gives none: "<project>-<date>.xlsx", the project's name made
 * a file name ('/', control characters and a leading dot as '-'), the date's year left out
 * when the name ends in it ("Kommunen 2026-12-03.xlsx"). NULL project: "genomlys". Heap. */
char *gl_export_default_name(const char *project, int year, int month, int day);

/* The same tables as CSV files in the folder dir (created when missing), one file per sheet:
 * UTF-8 with a byte order mark, o->sep between fields, CRLF line ends, RFC 4180 quoting. */
enum gl_status gl_export_csv(struct gl_store *s, const char *dir,
	const struct gl_export_options *o, struct gl_error *err);

/* ---- The workbook on a thread of its own (job.c): the terminal interface stays responsive ---- */

struct gl_export_job;
/* Starts writing the workbook of the project at db_path to path on a worker thread with a
 * connection of its own, in one read transaction (gl_store_snapshot_begin): the workbook shows
 * the project as it was when the job began, whatever the user changes meanwhile. o is copied;
 * its progress callback is the job's own (gl_export_job_progress), o->school is not used. */
enum gl_status gl_export_job_start(const char *db_path, const char *path,
	const struct gl_export_options *o, struct gl_export_job **out, struct gl_error *err);
/* The rows written and to write so far; true once the job is done (gl_export_job_finish then
 * returns at once). Safe while the job runs: the one state shared with the worker is behind a
 * mutex. */
bool gl_export_job_progress(struct gl_export_job *j, int64_t *done, int64_t *total);
/* Asks the job to stop: it ends with GL_ECANCELLED and writes nothing. */
void gl_export_job_cancel(struct gl_export_job *j);
/* Waits for the job to end and frees it: its status, and its error in err. */
enum gl_status gl_export_job_finish(struct gl_export_job *j, struct gl_error *err);

#endif
