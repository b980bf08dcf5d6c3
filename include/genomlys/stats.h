/* The analysis of the coded material, as one query layer for `genomlys stats`, the Analysis
 * pane and the workbook: code frequencies by school and respondent group, a school's profile
 * against the rest of the municipality, co-occurrence, and intercoder agreement over the
 * letters every selected coder has read. Counts come from queries.h; the figures from
 * agreement.h and freq.h (docs/analysis.md says what each one means). */
#ifndef GENOMLYS_STATS_H
#define GENOMLYS_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/agreement.h"
#include "genomlys/freq.h"
#include "genomlys/queries.h"
#include "genomlys/status.h"
#include "genomlys/store.h"

/* What the columns of a code matrix are. */
enum gl_stats_by { GL_STATS_BY_SCHOOL, GL_STATS_BY_GROUP };
/* What a cell shows: codings, letters with the code, or those letters' share of the cell's
 * letters. */
enum gl_stats_measure { GL_STATS_CODINGS, GL_STATS_LETTERS, GL_STATS_SHARE };

/* A row or column of a matrix: a code (with its depth in the codebook, 1 = top, and whether it
 * has codes under it), a school or a group. */
struct gl_stats_label {
	int64_t id;
	char *name;     /* a code's whole path "Category > Code"; a school's or group's name */
	char *short_name;  /* a code's own name; else the same as name */
	int depth;
	bool category;  /* a code with codes under it: its counts include theirs */
};

/*
 * A matrix of counts. Rows are codes in codebook order (the codes of exclusive categories,
 * which classify whole letters, are left out) or, for gl_stats_school_group_matrix, schools.
 * A category's row counts the codings of its own and of every code under it, and a letter
 * once however many of them it has.
 */
struct gl_stats_matrix {
	size_t nrows, ncols;
	struct gl_stats_label *rows, *cols;
	int64_t *codings;      /* [nrows * ncols] codings */
	int64_t *letters;      /* [nrows * ncols] letters with the row's code (or a code under it) */
	int64_t *base;         /* [nrows * ncols] letters of the cell's school, group (or both) */
	int64_t *row_codings;  /* [nrows] over every column */
	int64_t *row_letters;  /* [nrows] */
	int64_t *row_base;     /* [nrows] */
	int64_t total_letters; /* letters of every column */
};

/* The figure of a cell (r, c) or, with c == ncols, of the row's total: a share is NaN when the
 * cell has no letters. */
double gl_stats_cell(const struct gl_stats_matrix *m, enum gl_stats_measure measure, size_t r,
	size_t c);
void gl_stats_matrix_finish(struct gl_stats_matrix *m);  /* a zeroed matrix is safe */

/* Codes x schools (every school, in Swedish order) or codes x respondent groups (every group,
 * in their order). f may be NULL (everyone's codings, every kind of document). */
enum gl_status gl_stats_code_matrix(struct gl_store *s, enum gl_stats_by by,
	const struct gl_query_stats_filter *f, struct gl_stats_matrix *out, struct gl_error *err);
/* Both code matrices (by school and by group) from one pass over the codings: the same as two
 * calls of gl_stats_code_matrix. */
enum gl_status gl_stats_code_matrices(struct gl_store *s, const struct gl_query_stats_filter *f,
	struct gl_stats_matrix *by_school, struct gl_stats_matrix *by_group, struct gl_error *err);
/* Schools x respondent groups within one code (and the codes under it). */
enum gl_status gl_stats_school_group_matrix(struct gl_store *s, int64_t code_id,
	const struct gl_query_stats_filter *f, struct gl_stats_matrix *out, struct gl_error *err);

/* Schools x respondent groups within every code of the codebook (the rows of
 * gl_stats_code_matrix), in one pass over the codings: (*out)[i] is what
 * gl_stats_school_group_matrix gives for (*code_ids)[i]. Free each with
 * gl_stats_matrix_finish, then both arrays. */
enum gl_status gl_stats_school_group_all(struct gl_store *s,
	const struct gl_query_stats_filter *f, struct gl_stats_matrix **out, int64_t **code_ids,
	size_t *n, struct gl_error *err);

/* One code in a school's profile: the school's letters with the code against the other
 * schools' letters with it, and the two-proportion z-test of the difference. */
struct gl_stats_profile_row {
	size_t row;            /* the code's row in the profile's matrix */
	int64_t code_id;
	const char *code;      /* the code's path (owned by the matrix) */
	bool category;
	int64_t codings;       /* the school's codings of the code */
	int64_t letters;       /* the school's letters with the code */
	int64_t school_letters;   /* the school's letters */
	int64_t other_with;    /* the other schools' letters with the code */
	int64_t other_letters; /* the other schools' letters */
	struct gl_freq_ztest test;  /* p1: the school's share, p2: the others' */
};

/* Codes over-represented (z >= GL_STATS_Z) or under-represented (z <= -GL_STATS_Z). */
#define GL_STATS_Z 1.96

struct gl_stats_profile {
	int64_t school_id;
	struct gl_stats_matrix matrix;  /* codes x schools, the counts behind the rows */
	size_t n;
	struct gl_stats_profile_row *rows;  /* the codes used anywhere, by z, highest first
	                                       (undefined z last) */
};

enum gl_status gl_stats_profile(struct gl_store *s, int64_t school_id,
	const struct gl_query_stats_filter *f, struct gl_stats_profile *out, struct gl_error *err);
void gl_stats_profile_finish(struct gl_stats_profile *p);
/* "over-represented", "under-represented", "as elsewhere" or "not defined" (N_() msgids). */
const char *gl_stats_profile_words(const struct gl_stats_profile_row *r);

/* Co-occurrence of codes as coded (categories are not added up). */
enum gl_stats_scope {
	GL_STATS_OVERLAP,  /* codings of the two codes whose spans overlap in a letter */
	GL_STATS_LETTER,   /* letters that have both codes */
};

struct gl_stats_pair {
	int64_t code_a, code_b;   /* code_a's path sorts first */
	const char *a, *b;        /* paths (owned by the co-occurrence) */
	int64_t count;     /* overlap: pairs of overlapping codings; letter: letters with both */
	int64_t letters;   /* letters where they overlap (overlap), or with both (letter) */
	int64_t letters_a, letters_b;  /* letters with each code */
	double jaccard;    /* letters with both / letters with either (letter scope; else NaN) */
};

struct gl_stats_cooccurrence {
	enum gl_stats_scope scope;
	size_t n;
	struct gl_stats_pair *pairs;  /* most frequent first */
	struct gl_stats_matrix codes; /* the codes (their labels and letters) */
};

enum gl_status gl_stats_cooccurrence(struct gl_store *s, enum gl_stats_scope scope,
	const struct gl_query_stats_filter *f, struct gl_stats_cooccurrence *out,
	struct gl_error *err);
void gl_stats_cooccurrence_finish(struct gl_stats_cooccurrence *c);

/* Intercoder agreement of one code over the letters every selected coder has read. */
struct gl_stats_agree_code {
	int64_t code_id;
	char *code;           /* path */
	struct gl_agree_summary sum;  /* percent, kappa (two coders), alpha, characters, letters */
};

/* Krippendorff's alpha of an exclusive category over the letters that two or more of the
 * selected coders classified (a coder who did not is missing). */
struct gl_stats_agree_category {
	int64_t category_id;
	char *category;
	bool numeric;   /* every value of the category has a number: ordinal and interval too */
	struct gl_agree_alpha nominal, ordinal, interval;
	int64_t letters;  /* letters classified by two or more of the coders */
};

struct gl_stats_agreement {
	size_t ncoders;
	size_t letters;        /* letters every coder has read */
	int64_t characters;    /* their characters */
	size_t ncodes;
	struct gl_stats_agree_code *codes;  /* worst first (lowest alpha; undefined last) */
	size_t ncategories;
	struct gl_stats_agree_category *categories;  /* worst first (lowest nominal alpha) */
};

/*
 * The agreement of f's coders (2 or more; GL_EINVAL otherwise) over the letters all of them
 * have read: every code that one of them used in those letters (only code_id when > 0), and
 * every exclusive category (none when code_id > 0). GL_ENOTFOUND (with no message) when no
 * letter has been read by all of them.
 */
enum gl_status gl_stats_agreement(struct gl_store *s, const struct gl_query_stats_filter *f,
	int64_t code_id, struct gl_stats_agreement *out, struct gl_error *err);
void gl_stats_agreement_finish(struct gl_stats_agreement *a);
/* gl_stats_code_matrices with cf and gl_stats_agreement with af (every code) from one read of
 * the codings, the export's Codes and Method sheets: when cf has no coders and af leaves its
 * coders out of the SQL (coders_in_c), the agreement's walk of the spans also counts them for
 * the matrices (otherwise each reads its own). Returns the matrices' status; the agreement's
 * is *agree_st (its message in agree_err), and *agree is to be finished either way. */
enum gl_status gl_stats_code_matrices_agreement(struct gl_store *s,
	const struct gl_query_stats_filter *cf, struct gl_stats_matrix *by_school,
	struct gl_stats_matrix *by_group, const struct gl_query_stats_filter *af,
	struct gl_stats_agreement *agree, enum gl_status *agree_st, struct gl_error *agree_err,
	struct gl_error *err);

/* A letter of one code's agreement, for the drill-down: how many of its characters the coders
 * disagree on (coded by some but not all). */
struct gl_stats_agree_letter {
	int64_t document_id;
	int64_t length;
	int64_t disagree;    /* characters coded by some of the coders but not all */
	int64_t coded;       /* characters coded by at least one */
	struct gl_agree_summary sum;  /* the letter's own percent, kappa and alpha */
};
/* The letters every coder has read where one of them used the code, most disagreement first. */
enum gl_status gl_stats_agreement_letters(struct gl_store *s,
	const struct gl_query_stats_filter *f, int64_t code_id, struct gl_stats_agree_letter **out,
	size_t *n, struct gl_error *err);

#endif
