/* Read-only queries named for what they return: survey matrices, a letter's codings, grouped
 * counts. Panes, the export and the analysis all use them; rows go to a gl_row_fn callback. */
#ifndef GENOMLYS_QUERIES_H
#define GENOMLYS_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/store.h"

/* ---- Schools (query_schools.c) ---- */

/* Schools in Swedish order, paged. Rows: id, name. */
enum gl_status gl_query_school_names(struct gl_store *s, int64_t offset, int64_t limit,
	gl_row_fn fn, void *ctx, struct gl_error *err);
/* Letters per school and respondent group, ordered by school then group. Rows: school_id,
 * group_id, letters. */
enum gl_status gl_query_letter_counts(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err);
/* Findings per school, ordered by school; school_id 0 counts those about the municipality.
 * Rows: school_id, findings. */
enum gl_status gl_query_finding_counts(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err);
/* Survey results of a survey and year below threshold, per school, ordered by school. Rows:
 * school_id, low. */
enum gl_status gl_query_low_counts(struct gl_store *s, const char *survey, int year,
	double threshold, gl_row_fn fn, void *ctx, struct gl_error *err);
/* The number of (group, item) pairs of a survey and year whose municipal mean (over the
 * schools) is below threshold. */
enum gl_status gl_query_low_items(struct gl_store *s, const char *survey, int year,
	double threshold, int64_t *count, struct gl_error *err);

/* ---- Surveys (query_surveys.c) ---- */

/* Every (survey, year, group) with results, the latest year first. Rows: survey, year,
 * group_id, group, items. Scans every result: the interface keeps it (overview.h). */
enum gl_status gl_query_survey_sets(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err);
/* The items of one survey, year and group in the order they were imported. Rows: item, mean
 * (the municipal mean over the schools). */
enum gl_status gl_query_survey_items(struct gl_store *s, const char *survey, int year,
	int64_t group_id, gl_row_fn fn, void *ctx, struct gl_error *err);

/* Schools x items for one survey, year and group. Rows: id, name, then one value per item
 * ("v1", "v2" ...; NULL where the school has none). Only schools with results. */
struct gl_survey_matrix_query {
	const char *survey;
	int year;
	int64_t group_id;
	const char *const *items;
	size_t nitems;
	int sort;         /* -1: by school name (Swedish order); 0..nitems-1: by that item's value */
	bool descending;
};
enum gl_status gl_query_survey_matrix(struct gl_store *s, const struct gl_survey_matrix_query *q,
	int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err);
enum gl_status gl_query_survey_matrix_count(struct gl_store *s,
	const struct gl_survey_matrix_query *q, int64_t *count, struct gl_error *err);

/* One school's results in a survey and year for every group. Rows: item, group_id, group,
 * value, n, mean (the municipal mean of that item and group); items in import order. */
enum gl_status gl_query_school_results(struct gl_store *s, int64_t school_id,
	const char *survey, int year, gl_row_fn fn, void *ctx, struct gl_error *err);

/* ---- Letters (query_letters.c) ---- */

/* The codings of one letter (by one coder when coder_id > 0), by start. Rows: id, code_id,
 * coder_id, start, end, code ("Category > Code"), name, coder, color (the code's, else its
 * category's; may be NULL), memo, created_at. */
enum gl_status gl_query_letter_codings(struct gl_store *s, int64_t document_id,
	int64_t coder_id, gl_row_fn fn, void *ctx, struct gl_error *err);
/* A letter's classifications as "Category: Value (Coder), Value (Coder) · ..." into out (empty
 * when none; categories and coders in Swedish order); with coder_id > 0 only that coder's, as
 * "Category: Value" (blind mode). And the number of memos on the letter. */
enum gl_status gl_query_letter_notes(struct gl_store *s, int64_t document_id,
	int64_t coder_id, struct gl_str *classes, int64_t *memos, struct gl_error *err);
/* The memos on a target ("document", "coding" ...), oldest first. Rows: id, coder, text,
 * created_at. */
enum gl_status gl_query_memos(struct gl_store *s, const char *target, int64_t target_id,
	gl_row_fn fn, void *ctx, struct gl_error *err);

/* ---- Export (query_export.c) ---- */

/* Every coding (of one school when school_id > 0) with what the workbook's Quotes sheet shows,
 * by letter and start, in one pass. Rows: id, code ("Category > Code"), category (the top-level
 * code), school_id, school, group_id, group_key, group_sv, group_en, author (may be NULL),
 * author_n (the author's number in gl_store_author_pseudonym, for gl_store_pseudonym_format),
 * letter (its id), title (may be NULL), quote, coder, memo (may be NULL). */
enum gl_status gl_query_export_codings(struct gl_store *s, int64_t school_id, gl_row_fn fn,
	void *ctx, struct gl_error *err);
/* The material per kind of document (letter, survey_text, inspection). Rows: kind, documents,
 * first and last date (may be NULL), codings. */
enum gl_status gl_query_export_material(struct gl_store *s, int64_t school_id, gl_row_fn fn,
	void *ctx, struct gl_error *err);
/* Every survey result (of one school when school_id > 0) with the municipal mean of its
 * survey, year, group and item (over every school), the latest year first, schools in
 * Swedish order. Rows: survey, year, group_id, group_sv, group_en, school_id, school, item,
 * value, n (NULL: unknown), mean. */
enum gl_status gl_query_export_survey(struct gl_store *s, int64_t school_id, gl_row_fn fn,
	void *ctx, struct gl_error *err);
/* A letter's author as written (trimmed) into out; GL_ENOTFOUND (no message) when it has none. */
enum gl_status gl_query_export_author(struct gl_store *s, int64_t document_id,
	struct gl_str *out, struct gl_error *err);
/* The coders (id, name) in the order of the coders' list, without its count of codings. */
enum gl_status gl_query_export_coders(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err);
/* Respondent groups in their configured order. Rows: id, key, name_sv, name_en. */
enum gl_status gl_query_export_groups(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err);
/* ---- The analysis (query_stats.c; stats.h builds its figures on these) ---- */

/* Narrows the analysis: codings (and read marks) of these coders only (none: everyone's), and
 * documents of one kind (NULL: every kind). */
struct gl_query_stats_filter {
	const int64_t *coders;
	size_t ncoders;
	const char *kind;
	int64_t school_id;  /* > 0: only that school's letters (the analysis's corpus) */
	/* true: the SQL leaves the coders out and the caller keeps its coders' rows itself (the
	 * agreement does, row by row): cheaper when they are every coder (the export), since
	 * SQLite then probes no IN list for every coding. Only for gl_stats_agreement and
	 * gl_stats_agreement_letters; the other figures would count every coder. */
	bool coders_in_c;
};

/* Letters read per coder. Rows: coder_id, coder, read, letters (all letters of the project);
 * coders in Swedish order. */
enum gl_status gl_query_read_progress(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err);
/* The coders who have read a letter. Rows: coder_id, coder. */
enum gl_status gl_query_letter_readers(struct gl_store *s, int64_t document_id,
	gl_row_fn fn, void *ctx, struct gl_error *err);
/* Letters per school and group (of f's kind). Rows: school_id, group_id, letters. */
enum gl_status gl_query_letter_population(struct gl_store *s,
	const struct gl_query_stats_filter *f, gl_row_fn fn, void *ctx, struct gl_error *err);
/* Codings per code and letter of f's coders (every kind of document), by letter and code.
 * Rows: code_id, document_id, codings. */
enum gl_status gl_query_code_letter_counts(struct gl_store *s,
	const struct gl_query_stats_filter *f, gl_row_fn fn, void *ctx, struct gl_error *err);
/* Every coding's span of f's coders (every kind of document), by letter, code, coder and
 * start. Rows: document_id, code_id, coder_id, start, end. Both read only the codings' unique
 * index (no table rows, no sort). */
enum gl_status gl_query_coding_spans(struct gl_store *s, const struct gl_query_stats_filter *f,
	gl_row_fn fn, void *ctx, struct gl_error *err);
/* The letters of f's kind (and school), by id, from a covering index (their text is not read). Rows: id,
 * school_id, group_id, length. */
enum gl_status gl_query_stats_letters(struct gl_store *s, const struct gl_query_stats_filter *f,
	gl_row_fn fn, void *ctx, struct gl_error *err);
/* The read marks of f's coders, by letter and coder. Rows: document_id, coder_id. */
enum gl_status gl_query_stats_reads(struct gl_store *s, const struct gl_query_stats_filter *f,
	gl_row_fn fn, void *ctx, struct gl_error *err);
/* The first finding of the school that a suggested finding is already part of: the survey
 * result (survey_result_id > 0) or one of the school's codings of the code (code_id > 0) is its
 * evidence, or it has the same title. Rows (none or one): id, title. */
enum gl_status gl_query_suggestion_used(struct gl_store *s, int64_t school_id,
	int64_t survey_result_id, int64_t code_id, const char *title, gl_row_fn fn, void *ctx,
	struct gl_error *err);
/* Classifications by f's coders (every kind of document), by category, letter and coder.
 * Rows: category_id, document_id, coder_id, value_code_id, value (the value's number, or
 * NULL). */
enum gl_status gl_query_stats_classifications(struct gl_store *s,
	const struct gl_query_stats_filter *f, gl_row_fn fn, void *ctx, struct gl_error *err);

#endif
