/* Frequency statistics: two-proportion z-test, adjusted residuals, Jaccard index. */
#include "genomlys/freq.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "genomlys/i18n.h"

/* A part of a whole: 0 <= part <= whole. */
static bool part_of(int64_t part, int64_t whole)
{
	return part >= 0 && whole >= 0 && part <= whole;
}

enum gl_status gl_freq_two_proportions(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
	struct gl_freq_ztest *out, struct gl_error *err)
{
	if (!out)
		return gl_error_set(err, GL_EINVAL, "%s", _("no output given"));
	if (!part_of(x1, n1) || !part_of(x2, n2) || n1 > INT64_MAX - n2)
		return gl_error_set(err, GL_EINVAL,
			_("the counts %lld of %lld and %lld of %lld are not parts of wholes"),
			(long long)x1, (long long)n1, (long long)x2, (long long)n2);
	double d1 = (double)n1, d2 = (double)n2;
	out->p1 = n1 ? (double)x1 / d1 : NAN;
	out->p2 = n2 ? (double)x2 / d2 : NAN;
	out->diff = out->p1 - out->p2;
	out->z = out->p = NAN;
	out->defined = false;
	out->small_counts = true;
	if (n1 == 0 || n2 == 0)
		return GL_OK;
	double pooled = (double)(x1 + x2) / (d1 + d2);
	out->small_counts = d1 * pooled < 5 || d1 * (1 - pooled) < 5 || d2 * pooled < 5
		|| d2 * (1 - pooled) < 5;
	if (x1 + x2 == 0 || x1 + x2 == n1 + n2)
		return GL_OK;
	out->defined = true;
	out->z = out->diff / sqrt(pooled * (1 - pooled) * (1 / d1 + 1 / d2));
	gsl_set_error_handler_off();  /* GSL's default handler aborts the process */
	out->p = 2 * gsl_cdf_ugaussian_Q(fabs(out->z));
	if (out->p > 1)
		out->p = 1;
	return GL_OK;
}

/* The residual from checked counts; NaN where it does not exist. */
static double adjusted_residual(int64_t o, int64_t row, int64_t col, int64_t total)
{
	if (total == 0)
		return NAN;
	double n = (double)total, r = (double)row / n, c = (double)col / n;
	double e = (double)row * c;
	double var = e * (1 - r) * (1 - c);
	if (!(var > 0))
		return NAN;
	return ((double)o - e) / sqrt(var);
}

enum gl_status gl_freq_adjusted_residual(int64_t observed, int64_t row_total, int64_t col_total,
	int64_t total, double *out, struct gl_error *err)
{
	if (!out)
		return gl_error_set(err, GL_EINVAL, "%s", _("no output given"));
	/* A cell lies in its row and its column, and those lie in the table; besides, a cell
	 * outside its row and column both needs o >= row + col - total. */
	if (!part_of(observed, row_total) || !part_of(observed, col_total)
		|| !part_of(row_total, total) || !part_of(col_total, total)
		|| observed < row_total - (total - col_total))
		return gl_error_set(err, GL_EINVAL,
			_("the count %lld does not fit a row of %lld, a column of %lld and a total of %lld"),
			(long long)observed, (long long)row_total, (long long)col_total,
			(long long)total);
	*out = adjusted_residual(observed, row_total, col_total, total);
	return GL_OK;
}

enum gl_status gl_freq_adjusted_residuals(const int64_t *table, size_t rows, size_t cols,
	double *out, struct gl_error *err)
{
	if (rows == 0 || cols == 0)
		return GL_OK;
	if (!table || !out || rows > SIZE_MAX / cols / sizeof(int64_t))
		return gl_error_set(err, GL_EINVAL, "%s", _("no table given"));
	int64_t *row = calloc(rows, sizeof *row), *col = calloc(cols, sizeof *col), total = 0;
	enum gl_status st = GL_OK;
	if (!row || !col) {
		st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		goto out;
	}
	for (size_t i = 0; i < rows; i++)
		for (size_t j = 0; j < cols; j++) {
			int64_t v = table[i * cols + j];
			if (v < 0 || v > INT64_MAX - total) {
				st = gl_error_set(err, GL_EINVAL,
					_("the count %lld in row %zu, column %zu is not usable"),
					(long long)v, i, j);
				goto out;
			}
			row[i] += v;
			col[j] += v;
			total += v;
		}
	for (size_t i = 0; i < rows; i++)
		for (size_t j = 0; j < cols; j++)
			out[i * cols + j] = adjusted_residual(table[i * cols + j], row[i], col[j], total);
out:
	free(row);
	free(col);
	return st;
}

enum gl_status gl_freq_jaccard(int64_t both, int64_t a, int64_t b, double *out,
	struct gl_error *err)
{
	if (!out)
		return gl_error_set(err, GL_EINVAL, "%s", _("no output given"));
	if (!part_of(both, a) || !part_of(both, b) || a > INT64_MAX - b)
		return gl_error_set(err, GL_EINVAL,
			_("%lld letters with both codes do not fit %lld and %lld letters with each"),
			(long long)both, (long long)a, (long long)b);
	int64_t either = a + b - both;
	*out = either ? (double)both / (double)either : NAN;
	return GL_OK;
}
