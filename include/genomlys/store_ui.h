/* Queries for the terminal interface's panes: aggregated, ordered and paged in SQL. */
#ifndef GENOMLYS_STORE_UI_H
#define GENOMLYS_STORE_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/store.h"

/* Schools with their letters per respondent group. Rows: id, name, letters, then one column
 * per group ("g1", "g2" ...: letters of that group), low (survey results of the survey and
 * year below the threshold), findings. */
struct gl_ui_school_query {
	const int64_t *group_ids;
	size_t ngroups;
	double threshold;
	const char *survey;  /* NULL: low is 0 */
	int year;
};
enum gl_status gl_store_ui_schools(struct gl_store *s, const struct gl_ui_school_query *q,
	int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err);
/* The same columns for the municipality (id 0, name NULL): letters of all schools; low counts
 * the items whose municipal mean is below the threshold; findings those about no school. */
enum gl_status gl_store_ui_municipality(struct gl_store *s, const struct gl_ui_school_query *q,
	gl_row_fn fn, void *ctx, struct gl_error *err);

/* Every (survey, year, group) with results, the latest year first. Rows: survey, year,
 * group_id, group, items. */
enum gl_status gl_store_ui_survey_sets(struct gl_store *s, gl_row_fn fn, void *ctx,
	struct gl_error *err);
/* The items of one survey, year and group in the order they were imported. Rows: item, mean
 * (the municipal mean over the schools). */
enum gl_status gl_store_ui_survey_items(struct gl_store *s, const char *survey, int year,
	int64_t group_id, gl_row_fn fn, void *ctx, struct gl_error *err);

/* Schools x items for one survey, year and group. Rows: id, name, then one value per item
 * ("v1", "v2" ...; NULL where the school has none). Only schools with results. */
struct gl_ui_survey_query {
	const char *survey;
	int year;
	int64_t group_id;
	const char *const *items;
	size_t nitems;
	int sort;         /* -1: by school name; 0..nitems-1: by that item's value */
	bool descending;
};
enum gl_status gl_store_ui_survey_matrix(struct gl_store *s, const struct gl_ui_survey_query *q,
	int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err);
enum gl_status gl_store_ui_survey_matrix_count(struct gl_store *s,
	const struct gl_ui_survey_query *q, int64_t *count, struct gl_error *err);

/* One school's results in a survey and year for every group. Rows: item, group_id, group,
 * value, n, mean (the municipal mean of that item and group); items in import order. */
enum gl_status gl_store_ui_survey_school(struct gl_store *s, int64_t school_id,
	const char *survey, int year, gl_row_fn fn, void *ctx, struct gl_error *err);

/* The name of a school by id, copied into out. */
enum gl_status gl_store_ui_school_name(struct gl_store *s, int64_t id, struct gl_str *out,
	struct gl_error *err);

/* The codings of one letter (by one coder when coder_id > 0), by start. Rows: id, code_id,
 * coder_id, start, end, code ("Category > Code"), name, coder, color (the code's, else its
 * category's; may be NULL), memo, created_at. */
enum gl_status gl_store_ui_letter_codings(struct gl_store *s, int64_t document_id,
	int64_t coder_id, gl_row_fn fn, void *ctx, struct gl_error *err);
/* The coder's classification values of a letter as "Category: Value · ..." into out (empty when
 * none), and the number of memos on the letter. */
enum gl_status gl_store_ui_letter_notes(struct gl_store *s, int64_t document_id,
	int64_t coder_id, struct gl_str *classes, int64_t *memos, struct gl_error *err);
/* The memos on a target ("document", "coding" ...), oldest first. Rows: id, coder, text,
 * created_at. */
enum gl_status gl_store_ui_memos(struct gl_store *s, const char *target, int64_t target_id,
	gl_row_fn fn, void *ctx, struct gl_error *err);

/* The parent of a code (0: top level). */
enum gl_status gl_store_ui_code_parent(struct gl_store *s, int64_t id, int64_t *parent,
	struct gl_error *err);

#endif
