/* Unit tests of the frequency statistics on hand-computed examples. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "genomlys/freq.h"

#define NEAR(a, b, eps) assert_true(fabs((a) - (b)) < (eps))

/*
 * A school where 30 of 100 letters have a code, against 60 of the other 400 letters:
 * p1 = 0.30, p2 = 0.15, pooled p = 90/500 = 0.18,
 * z = 0.15 / sqrt(0.18 * 0.82 * (1/100 + 1/400)) = 0.15 / sqrt(0.001845) = 3.492151...,
 * two-sided p = erfc(z / sqrt 2) = 0.000479146...
 */
static void test_two_proportions(void **state)
{
	(void)state;
	struct gl_freq_ztest t;
	assert_int_equal(gl_freq_two_proportions(30, 100, 60, 400, &t, NULL), GL_OK);
	assert_true(t.defined);
	NEAR(t.p1, 0.30, 1e-12);
	NEAR(t.p2, 0.15, 1e-12);
	NEAR(t.diff, 0.15, 1e-12);
	NEAR(t.z, 3.492151478847891, 1e-9);
	NEAR(t.p, 0.00047914643458730105, 1e-12);
	NEAR(t.p, erfc(t.z / sqrt(2)), 1e-12);
	assert_false(t.small_counts);

	/* Under-represented: the sign turns, the p-value does not. */
	struct gl_freq_ztest u;
	assert_int_equal(gl_freq_two_proportions(60, 400, 30, 100, &u, NULL), GL_OK);
	NEAR(u.z, -t.z, 1e-12);
	NEAR(u.p, t.p, 1e-15);

	/* Equal shares: z = 0, p = 1. */
	assert_int_equal(gl_freq_two_proportions(10, 50, 40, 200, &t, NULL), GL_OK);
	assert_true(t.z == 0 && t.p == 1);

	/* A small school: 2 of 20 letters against 100 of 1,000, pooled p = 0.1: n1 p = 2 is the
	 * one expected count below 5; the same with the roles swapped, and with p = 0.9. */
	assert_int_equal(gl_freq_two_proportions(2, 20, 100, 1000, &t, NULL), GL_OK);
	assert_true(t.defined && t.small_counts);
	assert_int_equal(gl_freq_two_proportions(100, 1000, 2, 20, &t, NULL), GL_OK);
	assert_true(t.defined && t.small_counts);
	assert_int_equal(gl_freq_two_proportions(18, 20, 900, 1000, &t, NULL), GL_OK);
	assert_true(t.defined && t.small_counts);
	assert_int_equal(gl_freq_two_proportions(900, 1000, 18, 20, &t, NULL), GL_OK);
	assert_true(t.defined && t.small_counts);
	assert_int_equal(gl_freq_two_proportions(10, 20, 500, 1000, &t, NULL), GL_OK);
	assert_false(t.small_counts);
}

static void test_two_proportions_undefined(void **state)
{
	(void)state;
	struct gl_freq_ztest t;
	/* A school without letters. */
	assert_int_equal(gl_freq_two_proportions(0, 0, 5, 100, &t, NULL), GL_OK);
	assert_false(t.defined);
	assert_true(isnan(t.p1) && isnan(t.z) && isnan(t.p));
	NEAR(t.p2, 0.05, 1e-12);
	/* A code nobody used, and a code in every letter: no variation. */
	assert_int_equal(gl_freq_two_proportions(0, 40, 0, 100, &t, NULL), GL_OK);
	assert_false(t.defined);
	assert_true(t.p1 == 0 && t.p2 == 0 && isnan(t.z));
	assert_int_equal(gl_freq_two_proportions(40, 40, 100, 100, &t, NULL), GL_OK);
	assert_false(t.defined);
	/* More letters with the code than letters. */
	struct gl_error err = { 0 };
	assert_int_equal(gl_freq_two_proportions(41, 40, 0, 100, &t, &err), GL_EINVAL);
	assert_non_null(strstr(err.message, "41 of 40"));
	assert_int_equal(gl_freq_two_proportions(-1, 40, 0, 100, &t, NULL), GL_EINVAL);
}

/*
 * Adjusted residuals. The 2 x 2 table of the school above (rows: school, rest; columns: with
 * the code, without): [[30, 70], [60, 340]]. Cell (0, 0): e = 100 * 90 / 500 = 18,
 * variance 18 * (1 - 100/500) * (1 - 90/500) = 11.808, r = 12 / sqrt(11.808) = 3.492151...:
 * in a 2 x 2 table the adjusted residual is the pooled two-proportion z.
 * A 2 x 3 table [[10, 20, 30], [20, 20, 20]]: N 120, rows 60 60, columns 30 40 50.
 * Cell (0, 0): e = 15, variance 15 * 0.5 * 0.75 = 5.625, r = -5 / sqrt(5.625) = -2.108185...
 * Cell (1, 1): e = 20, observed 20: r = 0.
 */
static void test_adjusted_residuals(void **state)
{
	(void)state;
	double r;
	assert_int_equal(gl_freq_adjusted_residual(30, 100, 90, 500, &r, NULL), GL_OK);
	NEAR(r, 3.492151478847891, 1e-9);
	const int64_t two[4] = { 30, 70, 60, 340 };
	double out2[4];
	assert_int_equal(gl_freq_adjusted_residuals(two, 2, 2, out2, NULL), GL_OK);
	NEAR(out2[0], r, 1e-12);
	NEAR(out2[3], r, 1e-12);     /* in a 2 x 2 table the diagonal cells share it */
	NEAR(out2[1], -r, 1e-12);

	const int64_t t[6] = { 10, 20, 30, 20, 20, 20 };
	double out[6];
	assert_int_equal(gl_freq_adjusted_residuals(t, 2, 3, out, NULL), GL_OK);
	NEAR(out[0], -2.1081851067789197, 1e-12);
	NEAR(out[3], 2.1081851067789197, 1e-12);
	NEAR(out[4], 0, 1e-12);
	assert_int_equal(gl_freq_adjusted_residual(10, 60, 30, 120, &r, NULL), GL_OK);
	NEAR(r, out[0], 1e-12);

	/* An empty column, and a row that is the whole table: no variance. */
	const int64_t empty[4] = { 0, 5, 0, 7 };
	assert_int_equal(gl_freq_adjusted_residuals(empty, 2, 2, out, NULL), GL_OK);
	assert_true(isnan(out[0]) && isnan(out[2]));
	assert_int_equal(gl_freq_adjusted_residual(5, 10, 5, 10, &r, NULL), GL_OK);
	assert_true(isnan(r));
	/* Counts that cannot be: a cell larger than its row; a cell too small for its margins
	 * (row 8 + column 8 in a table of 10 share at least 6). */
	assert_int_equal(gl_freq_adjusted_residual(11, 10, 20, 30, &r, NULL), GL_EINVAL);
	assert_int_equal(gl_freq_adjusted_residual(5, 8, 8, 10, &r, NULL), GL_EINVAL);
	assert_int_equal(gl_freq_adjusted_residual(6, 8, 8, 10, &r, NULL), GL_OK);
	const int64_t neg[2] = { 1, -1 };
	assert_int_equal(gl_freq_adjusted_residuals(neg, 1, 2, out, NULL), GL_EINVAL);
}

static void test_jaccard(void **state)
{
	(void)state;
	double j;
	/* 10 letters with A, 15 with B, 5 with both: 5 / (10 + 15 - 5) = 0.25. */
	assert_int_equal(gl_freq_jaccard(5, 10, 15, &j, NULL), GL_OK);
	NEAR(j, 0.25, 1e-12);
	assert_int_equal(gl_freq_jaccard(7, 7, 7, &j, NULL), GL_OK);
	NEAR(j, 1, 1e-12);
	assert_int_equal(gl_freq_jaccard(0, 3, 4, &j, NULL), GL_OK);
	assert_true(j == 0);
	assert_int_equal(gl_freq_jaccard(0, 0, 0, &j, NULL), GL_OK);
	assert_true(isnan(j));
	assert_int_equal(gl_freq_jaccard(6, 5, 10, &j, NULL), GL_EINVAL);
	assert_int_equal(gl_freq_jaccard(-1, 5, 10, &j, NULL), GL_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_proportions),
		cmocka_unit_test(test_two_proportions_undefined),
		cmocka_unit_test(test_adjusted_residuals),
		cmocka_unit_test(test_jaccard),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
