/* Intercoder agreement: percent agreement and Cohen's kappa per code at character level,
 * Krippendorff's alpha over characters and over a units x coders matrix, as pure functions
 * over plain arrays (see docs/statistics.md). */
#ifndef GENOMLYS_AGREEMENT_H
#define GENOMLYS_AGREEMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/span.h"
#include "genomlys/status.h"

/*
 * Character level, as NVivo defines it: each character (Unicode code point) of a letter is
 * coded or not coded by each coder for one code. Spans are struct gl_span (start inclusive,
 * end exclusive, in code points); a coder's spans may overlap or touch and are merged first.
 * Nothing is allocated per character: the counts come from a sweep over sorted span ends, so
 * a 10 MB letter costs what its spans cost.
 */

/* The 2 x 2 table of two coders, in characters. */
struct gl_agree_table {
	int64_t both;     /* coded by A and by B */
	int64_t only_a;   /* coded by A only */
	int64_t only_b;   /* coded by B only */
	int64_t neither;  /* coded by neither */
};

/* Percent agreement and Cohen's kappa from a 2 x 2 table. */
struct gl_agree_kappa {
	int64_t characters;  /* the sum of the four cells */
	double percent;      /* (both + neither) / characters, 0..1; NaN with no characters */
	bool kappa_defined;  /* false when p_e = 1: both coders coded nothing or everything */
	double kappa;        /* (p_o - p_e) / (1 - p_e); NaN when !kappa_defined */
};

/*
 * Cohen's kappa with the standard chance term p_e = p_A p_B + (1 - p_A)(1 - p_B), p_A and p_B
 * each coder's share of coded characters. Negative cells are GL_EINVAL.
 */
enum gl_status gl_agree_kappa(const struct gl_agree_table *t, struct gl_agree_kappa *out,
	struct gl_error *err);

/*
 * An accumulator of character counts for one code and a fixed set of coders (2 or more), over
 * any number of letters that every one of them has read. Embedded: gl_agree_chars_init
 * allocates the two arrays (GL_EINVAL for fewer than 2 coders, GL_ENOMEM), gl_agree_chars_finish
 * frees them (a zeroed or finished struct is safe to finish again).
 */
struct gl_agree_chars {
	size_t coders;
	size_t letters;      /* letters added */
	int64_t characters;  /* characters of those letters */
	int64_t *by_count;   /* [coders + 1]: characters coded by exactly k coders */
	int64_t *coded;      /* [coders]: characters coded by coder c */
};

enum gl_status gl_agree_chars_init(struct gl_agree_chars *a, size_t coders);
void gl_agree_chars_finish(struct gl_agree_chars *a);
/* Back to no letters, keeping the coders and the memory. */
void gl_agree_chars_clear(struct gl_agree_chars *a);
/* Adds src's counts to dst (same number of coders), e.g. a letter's to the code's total. */
enum gl_status gl_agree_chars_add(struct gl_agree_chars *dst, const struct gl_agree_chars *src,
	struct gl_error *err);

/*
 * Adds one letter of `length` code points: spans[c] is coder c's array of nspans[c] spans of
 * this code in this letter (NULL when nspans[c] is 0). GL_EINVAL, with the coder and span
 * named in err, for a negative length, a negative start, start > end, or end > length; an
 * empty span (start == end) codes nothing. Zero-length letters count as letters of no
 * characters. On error a is unchanged.
 */
enum gl_status gl_agree_chars_add_letter(struct gl_agree_chars *a, int64_t length,
	const struct gl_span *const *spans, const size_t *nspans, struct gl_error *err);

/* The 2 x 2 table of an accumulator of exactly two coders (coder 0 is A). */
enum gl_status gl_agree_chars_table(const struct gl_agree_chars *a, struct gl_agree_table *out,
	struct gl_error *err);

/* Measurement levels of Krippendorff's alpha. */
enum gl_agree_level {
	GL_AGREE_NOMINAL,   /* values are labels: delta^2 = 0 when equal, else 1 */
	GL_AGREE_ORDINAL,   /* values are ordered: delta^2 from the ranks of the pooled values */
	GL_AGREE_INTERVAL,  /* values are numbers: delta^2 = (c - k)^2 */
};

/* Krippendorff's alpha and what it rests on. */
struct gl_agree_alpha {
	bool defined;      /* false without pairable values or without any variation in them */
	double alpha;      /* 1 - D_o / D_e; NaN when !defined */
	double observed;   /* D_o, observed disagreement */
	double expected;   /* D_e, disagreement expected by chance; 0 when there is no variation */
	int64_t units;     /* pairable units (with values from 2 or more coders) */
	int64_t values;    /* n: the pairable values */
	const char *why;   /* N_() msgid saying why alpha is undefined; NULL when defined */
};

/*
 * Krippendorff's alpha of a reliability data matrix, coincidence-matrix formulation:
 * data[u * coders + c] is coder c's value for unit u, NaN for missing; infinite values are
 * GL_EINVAL. Units with fewer than two values are left out (they are not pairable). At nominal
 * level values are compared exactly (give category ids as whole numbers).
 */
enum gl_status gl_agree_alpha_matrix(const double *data, size_t units, size_t coders,
	enum gl_agree_level level, struct gl_agree_alpha *out, struct gl_error *err);

/*
 * Krippendorff's alpha for a binary variable (coded / not coded) per character over the letters
 * in a (each character is a unit valued by every coder); the same figure gl_agree_alpha_matrix
 * gives on the characters as rows, computed from the counts alone.
 */
enum gl_status gl_agree_alpha_chars(const struct gl_agree_chars *a, struct gl_agree_alpha *out,
	struct gl_error *err);

/* All the figures of one code's row in the agreement table. */
struct gl_agree_summary {
	size_t coders;
	size_t letters;
	int64_t characters;
	double percent;          /* characters where all coders agree (all or none coded); NaN
	                            with no characters */
	bool kappa_defined;      /* false with more than two coders or when kappa is undefined */
	double kappa;            /* Cohen's kappa, two coders only; else NaN */
	struct gl_agree_alpha alpha;
};

enum gl_status gl_agree_chars_summary(const struct gl_agree_chars *a,
	struct gl_agree_summary *out, struct gl_error *err);

/* Krippendorff's reading of alpha (N_() msgids; translate with _()): alpha >= 0.800
 * "reliable", 0.667 <= alpha < 0.800 "tentative", below "unreliable"; NaN gives "undefined". */
const char *gl_agree_alpha_words(double alpha);

#endif
