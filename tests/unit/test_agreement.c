/* Unit tests of intercoder agreement: the character sweep against a per-character recount,
 * Cohen's kappa and Krippendorff's alpha against published examples, and the edge cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "genomlys/agreement.h"

#define NEAR(a, b, eps) assert_true(fabs((a) - (b)) < (eps))

static void test_kappa_table(void **state)
{
	(void)state;
	/* Wikipedia, "Cohen's kappa": 20 both yes, 5 only A, 10 only B, 15 both no:
	 * p_o = 0.7, p_A = 0.5, p_B = 0.6, p_e = 0.3 + 0.2 = 0.5, kappa = 0.2 / 0.5 = 0.4. */
	struct gl_agree_table t = { 20, 5, 10, 15 };
	struct gl_agree_kappa k;
	assert_int_equal(gl_agree_kappa(&t, &k, NULL), GL_OK);
	assert_int_equal(k.characters, 50);
	NEAR(k.percent, 0.70, 1e-12);
	assert_true(k.kappa_defined);
	NEAR(k.kappa, 0.40, 1e-12);

	/* Chance agreement only: p_A = p_B = 0.5 and the coders independent. */
	struct gl_agree_table chance = { 25, 25, 25, 25 };
	assert_int_equal(gl_agree_kappa(&chance, &k, NULL), GL_OK);
	NEAR(k.kappa, 0, 1e-12);

	struct gl_agree_table neg = { 1, -1, 0, 0 };
	assert_int_equal(gl_agree_kappa(&neg, &k, NULL), GL_EINVAL);
}

/* Runs one letter through a fresh two-coder accumulator. */
static struct gl_agree_summary two_coders(int64_t length, const struct gl_span *a, size_t na,
	const struct gl_span *b, size_t nb, struct gl_agree_table *table)
{
	struct gl_agree_chars acc;
	assert_int_equal(gl_agree_chars_init(&acc, 2), GL_OK);
	const struct gl_span *spans[2] = { a, b };
	size_t n[2] = { na, nb };
	assert_int_equal(gl_agree_chars_add_letter(&acc, length, spans, n, NULL), GL_OK);
	struct gl_agree_summary s;
	assert_int_equal(gl_agree_chars_summary(&acc, &s, NULL), GL_OK);
	if (table)
		assert_int_equal(gl_agree_chars_table(&acc, table, NULL), GL_OK);
	gl_agree_chars_finish(&acc);
	return s;
}

static void test_percent_85(void **state)
{
	(void)state;
	/* 1,000 characters: 50 coded by both, 150 by one only (100 by A, 50 by B), 800 by neither.
	 * Percent agreement (50 + 800) / 1000 = 0.85. Kappa: p_A = 0.15, p_B = 0.1,
	 * p_e = 0.015 + 0.765 = 0.78, kappa = (0.85 - 0.78) / 0.22 = 0.318181... */
	const struct gl_span a[] = { { 0, 150 } };
	const struct gl_span b[] = { { 100, 200 } };
	struct gl_agree_table t;
	struct gl_agree_summary s = two_coders(1000, a, 1, b, 1, &t);
	assert_true(t.both == 50 && t.only_a == 100 && t.only_b == 50 && t.neither == 800);
	NEAR(s.percent, 0.85, 1e-12);
	assert_true(s.kappa_defined);
	NEAR(s.kappa, 0.07 / 0.22, 1e-12);
	assert_int_equal(s.characters, 1000);
	assert_int_equal(s.letters, 1);
}

/* The same letter as one reliability data row per character, for gl_agree_alpha_matrix. */
static double *char_matrix(int64_t length, size_t coders, const struct gl_span *const *spans,
	const size_t *n)
{
	double *data = calloc((size_t)length * coders + 1, sizeof *data);
	assert_non_null(data);
	for (size_t c = 0; c < coders; c++)
		for (size_t i = 0; i < n[c]; i++)
			for (int64_t x = spans[c][i].start; x < spans[c][i].end; x++)
				data[(size_t)x * coders + c] = 1;
	return data;
}

static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

/* The sweep against a per-character recount, and binary alpha from counts against alpha from
 * the character matrix, on random letters with overlapping, touching, empty and final spans. */
static void test_sweep_recount(void **state)
{
	(void)state;
	uint32_t seed = 4242;
	for (int round = 0; round < 200; round++) {
		size_t coders = 2 + (size_t)round % 3;
		int64_t length = (int64_t)(lcg(&seed) % 60);
		struct gl_span sp[4][6];
		const struct gl_span *spans[4];
		size_t n[4];
		for (size_t c = 0; c < coders; c++) {
			n[c] = lcg(&seed) % 6;
			spans[c] = sp[c];
			for (size_t i = 0; i < n[c]; i++) {
				int64_t s = length ? (int64_t)(lcg(&seed) % (uint32_t)(length + 1)) : 0;
				int64_t e = s + (int64_t)(lcg(&seed) % (uint32_t)(length - s + 1));
				sp[c][i] = (struct gl_span){ s, e };
			}
		}
		struct gl_agree_chars acc;
		assert_int_equal(gl_agree_chars_init(&acc, coders), GL_OK);
		assert_int_equal(gl_agree_chars_add_letter(&acc, length, spans, n, NULL), GL_OK);
		double *data = char_matrix(length, coders, spans, n);
		int64_t by_count[5] = { 0 }, coded[4] = { 0 };
		for (int64_t x = 0; x < length; x++) {
			size_t k = 0;
			for (size_t c = 0; c < coders; c++) {
				k += data[(size_t)x * coders + c] == 1;
				coded[c] += data[(size_t)x * coders + c] == 1;
			}
			by_count[k]++;
		}
		assert_memory_equal(acc.by_count, by_count, (coders + 1) * sizeof *by_count);
		assert_memory_equal(acc.coded, coded, coders * sizeof *coded);
		assert_int_equal(acc.characters, length);

		struct gl_agree_alpha from_counts, from_matrix;
		assert_int_equal(gl_agree_alpha_chars(&acc, &from_counts, NULL), GL_OK);
		assert_int_equal(gl_agree_alpha_matrix(data, (size_t)length, coders, GL_AGREE_NOMINAL,
			&from_matrix, NULL), GL_OK);
		assert_int_equal(from_counts.defined, from_matrix.defined);
		assert_int_equal(from_counts.units, from_matrix.units);
		assert_int_equal(from_counts.values, from_matrix.values);
		if (from_counts.defined)
			NEAR(from_counts.alpha, from_matrix.alpha, 1e-9);
		free(data);
		gl_agree_chars_finish(&acc);
	}
}

/*
 * Wikipedia, "Krippendorff's alpha", the computational example: 3 coders, 15 units, values
 * 1-4, missing shown as NAN. Published: nominal 0.691, interval 0.811. The ordinal value and
 * the disagreements D_o and D_e come from tests/unit/alpha_reference.py, which builds the
 * coincidence matrix and the difference functions term by term (Krippendorff 2011,
 * "Computing Krippendorff's alpha-reliability").
 */
static void test_alpha_wikipedia(void **state)
{
	(void)state;
	const double X = NAN;
	const double coder[3][15] = {
		{ X, X, X, X, X, 3, 4, 1, 2, 1, 1, 3, 3, X, 3 },
		{ 1, X, 2, 1, 3, 3, 4, 3, X, X, X, X, X, X, X },
		{ X, X, 2, 1, 3, 4, 4, X, 2, 1, 1, 3, 3, X, 4 },
	};
	double data[15 * 3];
	for (size_t u = 0; u < 15; u++)
		for (size_t c = 0; c < 3; c++)
			data[u * 3 + c] = coder[c][u];
	struct gl_agree_alpha a;
	assert_int_equal(gl_agree_alpha_matrix(data, 15, 3, GL_AGREE_NOMINAL, &a, NULL), GL_OK);
	assert_true(a.defined);
	NEAR(a.alpha, 0.691, 0.0005);
	NEAR(a.alpha, 0.691358024691358, 1e-12);
	NEAR(a.observed, 0.23076923076923078, 1e-12);
	NEAR(a.expected, 0.7476923076923077, 1e-12);
	assert_int_equal(a.units, 12);  /* units 1, 2 and 14 have fewer than two values */
	assert_int_equal(a.values, 26);
	assert_int_equal(gl_agree_alpha_matrix(data, 15, 3, GL_AGREE_INTERVAL, &a, NULL), GL_OK);
	NEAR(a.alpha, 0.811, 0.0005);
	NEAR(a.alpha, 0.8108448928121059, 1e-12);
	NEAR(a.observed, 0.46153846153846156, 1e-12);
	NEAR(a.expected, 2.44, 1e-12);
	assert_int_equal(gl_agree_alpha_matrix(data, 15, 3, GL_AGREE_ORDINAL, &a, NULL), GL_OK);
	NEAR(a.alpha, 0.8067214199413153, 1e-12);
	NEAR(a.observed, 20.673076923076923, 1e-9);
	NEAR(a.expected, 106.96, 1e-9);
	assert_string_equal(gl_agree_alpha_words(a.alpha), "reliable");

	/* Relabelling values monotonically changes neither nominal nor ordinal alpha. */
	for (size_t i = 0; i < 45; i++)
		data[i] = data[i] * data[i] * 10 + 7;
	assert_int_equal(gl_agree_alpha_matrix(data, 15, 3, GL_AGREE_ORDINAL, &a, NULL), GL_OK);
	NEAR(a.alpha, 0.8067214199413153, 1e-12);
	assert_int_equal(gl_agree_alpha_matrix(data, 15, 3, GL_AGREE_NOMINAL, &a, NULL), GL_OK);
	NEAR(a.alpha, 0.691358024691358, 1e-12);

	data[4] = INFINITY;
	assert_int_equal(gl_agree_alpha_matrix(data, 15, 3, GL_AGREE_NOMINAL, &a, NULL), GL_EINVAL);
}

static void test_code_nobody_used(void **state)
{
	(void)state;
	struct gl_agree_summary s = two_coders(500, NULL, 0, NULL, 0, NULL);
	NEAR(s.percent, 1, 1e-12);
	assert_false(s.kappa_defined);
	assert_true(isnan(s.kappa));
	assert_false(s.alpha.defined);
	assert_true(isnan(s.alpha.alpha));
	assert_non_null(s.alpha.why);
	assert_string_equal(gl_agree_alpha_words(s.alpha.alpha), "undefined");
}

static void test_one_coder_everything(void **state)
{
	(void)state;
	/* A codes all 10 characters, B the first 4. p_o = p_e = 0.4: kappa 0. Alpha by hand:
	 * n = 20 values, 14 ones and 6 zeros; the 6 characters with one mismatch give
	 * sum_o = 6 * 2 * 1 * 1 / 1 = 12, sum_e = 2 * 14 * 6 = 168,
	 * alpha = 1 - 19 * 12 / 168 = -5/14. */
	const struct gl_span a[] = { { 0, 10 } }, b[] = { { 0, 4 } };
	struct gl_agree_summary s = two_coders(10, a, 1, b, 1, NULL);
	assert_true(s.kappa_defined);
	NEAR(s.kappa, 0, 1e-12);
	NEAR(s.percent, 0.4, 1e-12);
	assert_true(s.alpha.defined);
	NEAR(s.alpha.alpha, -5.0 / 14, 1e-12);
	assert_string_equal(gl_agree_alpha_words(s.alpha.alpha), "unreliable");

	/* Both code everything: no variation, kappa and alpha undefined, agreement 1. */
	s = two_coders(10, a, 1, a, 1, NULL);
	NEAR(s.percent, 1, 1e-12);
	assert_false(s.kappa_defined);
	assert_false(s.alpha.defined);
}

static void test_identical_coders(void **state)
{
	(void)state;
	const struct gl_span a[] = { { 3, 9 }, { 20, 31 } };
	const struct gl_span b[] = { { 20, 31 }, { 3, 5 }, { 5, 9 } };  /* the same characters */
	struct gl_agree_summary s = two_coders(40, a, 2, b, 3, NULL);
	NEAR(s.percent, 1, 1e-12);
	assert_true(s.kappa_defined);
	NEAR(s.kappa, 1, 1e-12);
	assert_true(s.alpha.defined);
	NEAR(s.alpha.alpha, 1, 1e-12);
	assert_string_equal(gl_agree_alpha_words(s.alpha.alpha), "reliable");

	/* Three identical coders on a units x coders matrix too. */
	const double data[4 * 3] = { 1, 1, 1, 2, 2, 2, NAN, 3, 3, 1, 1, NAN };
	struct gl_agree_alpha al;
	assert_int_equal(gl_agree_alpha_matrix(data, 4, 3, GL_AGREE_ORDINAL, &al, NULL), GL_OK);
	NEAR(al.alpha, 1, 1e-12);
}

static void test_overlapping_spans(void **state)
{
	(void)state;
	/* A's spans overlap, touch, nest and come unsorted: together they cover 0..20 once. */
	const struct gl_span a[] = { { 15, 20 }, { 0, 10 }, { 5, 15 }, { 2, 3 }, { 7, 7 } };
	const struct gl_span b[] = { { 10, 30 } };
	struct gl_agree_table t;
	two_coders(30, a, 5, b, 1, &t);
	assert_true(t.both == 10 && t.only_a == 10 && t.only_b == 10 && t.neither == 0);
}

static void test_zero_length_and_bounds(void **state)
{
	(void)state;
	struct gl_agree_chars acc;
	assert_int_equal(gl_agree_chars_init(&acc, 2), GL_OK);
	const struct gl_span empty[] = { { 0, 0 } };
	const struct gl_span *spans[2] = { empty, NULL };
	size_t n[2] = { 1, 0 };
	assert_int_equal(gl_agree_chars_add_letter(&acc, 0, spans, n, NULL), GL_OK);
	assert_int_equal(acc.letters, 1);
	assert_int_equal(acc.characters, 0);
	struct gl_agree_summary s;
	assert_int_equal(gl_agree_chars_summary(&acc, &s, NULL), GL_OK);
	assert_true(isnan(s.percent));
	assert_false(s.kappa_defined);
	assert_false(s.alpha.defined);

	/* Spans at the very end of a letter are inside it; one past is not. */
	const struct gl_span last[] = { { 99, 100 } };
	const struct gl_span past[] = { { 99, 101 } };
	const struct gl_span back[] = { { 5, 4 } };
	const struct gl_span before[] = { { -1, 4 } };
	spans[0] = last;
	spans[1] = last;
	n[1] = 1;
	assert_int_equal(gl_agree_chars_add_letter(&acc, 100, spans, n, NULL), GL_OK);
	assert_int_equal(acc.by_count[2], 1);
	assert_int_equal(acc.by_count[0], 99);
	struct gl_error err = { 0 };
	spans[1] = past;
	assert_int_equal(gl_agree_chars_add_letter(&acc, 100, spans, n, &err), GL_EINVAL);
	assert_non_null(strstr(err.message, "coder 1 has the span 99:101"));
	spans[1] = back;
	assert_int_equal(gl_agree_chars_add_letter(&acc, 100, spans, n, NULL), GL_EINVAL);
	spans[1] = before;
	assert_int_equal(gl_agree_chars_add_letter(&acc, 100, spans, n, NULL), GL_EINVAL);
	assert_int_equal(gl_agree_chars_add_letter(&acc, -1, spans, n, NULL), GL_EINVAL);
	spans[1] = NULL;
	assert_int_equal(gl_agree_chars_add_letter(&acc, 100, spans, n, NULL), GL_EINVAL);
	/* Nothing of the refused letters was counted. */
	assert_int_equal(acc.letters, 2);
	assert_int_equal(acc.characters, 100);
	assert_int_equal(acc.coded[0], 1);
	gl_agree_chars_finish(&acc);
	gl_agree_chars_finish(&acc);  /* finishing twice is harmless */
	assert_int_equal(gl_agree_chars_init(&acc, 1), GL_EINVAL);
}

/* Three coders over two letters: per-letter accumulators summed equal one accumulator. */
static void test_three_coders_two_letters(void **state)
{
	(void)state;
	const struct gl_span a1[] = { { 0, 6 } }, b1[] = { { 0, 4 } }, c1[] = { { 2, 6 } };
	const struct gl_span a2[] = { { 0, 2 } }, c2[] = { { 0, 2 } };
	const struct gl_span *l1[3] = { a1, b1, c1 }, *l2[3] = { a2, NULL, c2 };
	size_t n1[3] = { 1, 1, 1 }, n2[3] = { 1, 0, 1 };
	struct gl_agree_chars total, letter, sum;
	assert_int_equal(gl_agree_chars_init(&total, 3), GL_OK);
	assert_int_equal(gl_agree_chars_init(&letter, 3), GL_OK);
	assert_int_equal(gl_agree_chars_init(&sum, 3), GL_OK);
	assert_int_equal(gl_agree_chars_add_letter(&total, 10, l1, n1, NULL), GL_OK);
	assert_int_equal(gl_agree_chars_add_letter(&total, 4, l2, n2, NULL), GL_OK);
	assert_int_equal(gl_agree_chars_add_letter(&letter, 10, l1, n1, NULL), GL_OK);
	assert_int_equal(gl_agree_chars_add(&sum, &letter, NULL), GL_OK);
	gl_agree_chars_clear(&letter);
	assert_int_equal(letter.letters, 0);
	assert_int_equal(gl_agree_chars_add_letter(&letter, 4, l2, n2, NULL), GL_OK);
	assert_int_equal(gl_agree_chars_add(&sum, &letter, NULL), GL_OK);
	assert_int_equal(sum.letters, 2);
	assert_int_equal(sum.characters, 14);
	assert_memory_equal(sum.by_count, total.by_count, 4 * sizeof *sum.by_count);
	assert_memory_equal(sum.coded, total.coded, 3 * sizeof *sum.coded);
	/* Letter 1: chars 0-1 by A B, 2-3 by A B C, 4-5 by A C, 6-9 by none; letter 2: chars
	 * 0-1 by A C, 2-3 by none. All agree on 2 + 4 + 2 = 8 of 14 characters. */
	int64_t want[4] = { 6, 0, 6, 2 };
	assert_memory_equal(total.by_count, want, sizeof want);
	struct gl_agree_summary s;
	assert_int_equal(gl_agree_chars_summary(&total, &s, NULL), GL_OK);
	NEAR(s.percent, 8.0 / 14, 1e-12);
	assert_false(s.kappa_defined);   /* kappa is for two coders */
	assert_true(isnan(s.kappa));
	assert_true(s.alpha.defined);
	struct gl_agree_table t;
	assert_int_equal(gl_agree_chars_table(&total, &t, NULL), GL_EINVAL);
	struct gl_agree_chars two;
	assert_int_equal(gl_agree_chars_init(&two, 2), GL_OK);
	assert_int_equal(gl_agree_chars_add(&two, &total, NULL), GL_EINVAL);
	gl_agree_chars_finish(&two);
	gl_agree_chars_finish(&total);
	gl_agree_chars_finish(&letter);
	gl_agree_chars_finish(&sum);
}

static void test_alpha_edge_cases(void **state)
{
	(void)state;
	struct gl_agree_alpha a;
	/* No unit has two values. */
	const double lonely[3 * 2] = { 1, NAN, NAN, 2, NAN, NAN };
	assert_int_equal(gl_agree_alpha_matrix(lonely, 3, 2, GL_AGREE_NOMINAL, &a, NULL), GL_OK);
	assert_false(a.defined);
	assert_int_equal(a.units, 0);
	assert_true(isnan(a.alpha));
	/* Everyone says the same everywhere: no variation. */
	const double same[2 * 2] = { 1, 1, 1, 1 };
	assert_int_equal(gl_agree_alpha_matrix(same, 2, 2, GL_AGREE_INTERVAL, &a, NULL), GL_OK);
	assert_false(a.defined);
	assert_true(a.expected == 0);
	assert_int_equal(gl_agree_alpha_matrix(NULL, 0, 3, GL_AGREE_NOMINAL, &a, NULL), GL_OK);
	assert_false(a.defined);
	/* Two coders who always disagree on two values: sum_o = 2 * 1 per unit over 2 units,
	 * n = 4, sum_e = 4^2 - 2^2 - 2^2 = 8: alpha = 1 - 3 * 4 / 8 = -0.5. */
	const double opposite[2 * 2] = { 1, 2, 2, 1 };
	assert_int_equal(gl_agree_alpha_matrix(opposite, 2, 2, GL_AGREE_NOMINAL, &a, NULL), GL_OK);
	NEAR(a.alpha, -0.5, 1e-12);
	assert_int_equal(gl_agree_alpha_matrix(opposite, 2, 2, 99, &a, NULL), GL_EINVAL);
}

static void test_alpha_words(void **state)
{
	(void)state;
	assert_string_equal(gl_agree_alpha_words(1), "reliable");
	assert_string_equal(gl_agree_alpha_words(0.800), "reliable");
	assert_string_equal(gl_agree_alpha_words(0.7999), "tentative");
	assert_string_equal(gl_agree_alpha_words(0.667), "tentative");
	assert_string_equal(gl_agree_alpha_words(0.6669), "unreliable");
	assert_string_equal(gl_agree_alpha_words(-1), "unreliable");
	assert_string_equal(gl_agree_alpha_words(NAN), "undefined");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kappa_table),
		cmocka_unit_test(test_percent_85),
		cmocka_unit_test(test_sweep_recount),
		cmocka_unit_test(test_alpha_wikipedia),
		cmocka_unit_test(test_code_nobody_used),
		cmocka_unit_test(test_one_coder_everything),
		cmocka_unit_test(test_identical_coders),
		cmocka_unit_test(test_overlapping_spans),
		cmocka_unit_test(test_zero_length_and_bounds),
		cmocka_unit_test(test_three_coders_two_letters),
		cmocka_unit_test(test_alpha_edge_cases),
		cmocka_unit_test(test_alpha_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
