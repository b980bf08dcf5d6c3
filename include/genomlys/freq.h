/* Frequency statistics for code profiles and co-occurrence: the two-proportion z-test, the
 * adjusted residual of a contingency table cell and the Jaccard index (docs/statistics.md). */
#ifndef GENOMLYS_FREQ_H
#define GENOMLYS_FREQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/status.h"

/*
 * Counts are int64_t and must be 0 or more (GL_EINVAL otherwise, as for a part larger than its
 * whole). A figure that does not exist for the counts given (a share of nothing, a test
 * without variation) is NaN, never an error; outputs are caller-allocated.
 */

/* The two-proportion z-test of x1 / n1 (e.g. a school's letters with a code) against x2 / n2
 * (the rest of the municipality's letters). */
struct gl_freq_ztest {
	double p1, p2;      /* the two shares; NaN when n1 (n2) is 0 */
	double diff;        /* p1 - p2 */
	bool defined;       /* false when n1 or n2 is 0, or the pooled share is 0 or 1 */
	double z;           /* (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)), p = (x1 + x2) / (n1 + n2) */
	double p;           /* two-sided p-value, 2 Q(|z|) from GSL; NaN when !defined */
	bool small_counts;  /* some expected count n1 p, n1 (1 - p), n2 p, n2 (1 - p) is below 5:
	                       the normal approximation is rough; say so beside the figure */
};

enum gl_status gl_freq_two_proportions(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
	struct gl_freq_ztest *out, struct gl_error *err);

/*
 * The adjusted (standardised) residual of a cell of a contingency table (Haberman 1973):
 * (o - e) / sqrt(e (1 - row/total) (1 - col/total)), e = row col / total, from the cell's
 * count and its row, column and grand totals. About N(0, 1) under independence: beyond +-1.96
 * is unusual at the 5 % level. *out is NaN when e or the variance is 0.
 */
enum gl_status gl_freq_adjusted_residual(int64_t observed, int64_t row_total, int64_t col_total,
	int64_t total, double *out, struct gl_error *err);

/* The adjusted residual of every cell of table[rows * cols] (row-major) into out[rows * cols]. */
enum gl_status gl_freq_adjusted_residuals(const int64_t *table, size_t rows, size_t cols,
	double *out, struct gl_error *err);

/* Jaccard index of two codes over letters: both / (a + b - both), where a and b are the letters
 * with each code and both the letters with the two. NaN when no letter has either. */
enum gl_status gl_freq_jaccard(int64_t both, int64_t a, int64_t b, double *out,
	struct gl_error *err);

#endif
