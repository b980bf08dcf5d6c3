/* Unit tests of rank aggregation against published results: Borda, Schulze, Kemeny-Young,
 * Kendall's W, dots and impact/effort. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "genomlys/rank.h"

/* A ballot pattern and how many ballots carry it: "M>N=C" over the candidates named by one
 * letter each; candidates not in the pattern are unranked. */
struct pattern {
	int count;
	const char *order;
};

/* Expands patterns into an m x n ballot matrix (free() it); positions are competition style. */
static int *ballots(const char *names, const struct pattern *p, size_t np, size_t *m)
{
	size_t n = strlen(names);
	*m = 0;
	for (size_t i = 0; i < np; i++)
		*m += (size_t)p[i].count;
	int *rank = calloc(*m * n + 1, sizeof *rank);
	assert_non_null(rank);
	size_t b = 0;
	for (size_t i = 0; i < np; i++) {
		int row[26] = { 0 };
		int place = 1, seen = 0;
		for (const char *s = p[i].order; *s; s++) {
			if (*s == '>') {
				place = seen + 1;
				continue;
			}
			if (*s == '=')
				continue;
			const char *at = strchr(names, *s);
			assert_non_null(at);
			row[at - names] = place;
			seen++;
		}
		for (int k = 0; k < p[i].count; k++, b++)
			memcpy(rank + b * n, row, n * sizeof *row);
	}
	return rank;
}

/* The order as a string of candidate letters, e.g. "NCKM". */
static void order_str(const char *names, const size_t *order, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = names[order[i]];
	out[n] = '\0';
}

/* Tennessee capital: 42 % Memphis, 26 % Nashville, 15 % Chattanooga, 17 % Knoxville voters. */
static const struct pattern tennessee[] = {
	{ 42, "M>N>C>K" }, { 26, "N>C>K>M" }, { 15, "C>K>N>M" }, { 17, "K>C>N>M" },
};

static void test_tennessee_borda(void **state)
{
	(void)state;
	size_t m;
	int *r = ballots("MNCK", tennessee, 4, &m);
	double points[4];
	size_t pos[4], order[4];
	char s[5];
	assert_int_equal(gl_rank_borda(r, m, 4, points, pos, order, NULL), GL_OK);
	assert_true(points[0] == 126 && points[1] == 194 && points[2] == 173 && points[3] == 107);
	order_str("MNCK", order, 4, s);
	assert_string_equal(s, "NCMK");
	assert_true(pos[1] == 1 && pos[2] == 2 && pos[0] == 3 && pos[3] == 4);
	free(r);
}

static void test_tennessee_schulze_kemeny(void **state)
{
	(void)state;
	size_t m;
	int *r = ballots("MNCK", tennessee, 4, &m);
	size_t d[16], p[16], pos[4], order[4];
	char s[5];
	assert_int_equal(gl_rank_schulze(r, m, 4, d, p, pos, order, NULL), GL_OK);
	order_str("MNCK", order, 4, s);
	assert_string_equal(s, "NCKM");
	/* Nashville beats each other city 68, 68 and 58 to 32, 32 and 42. */
	assert_int_equal(d[1 * 4 + 0], 58);
	assert_int_equal(d[0 * 4 + 1], 42);
	assert_int_equal(d[1 * 4 + 2], 68);
	assert_int_equal(d[2 * 4 + 3], 83);
	assert_int_equal(p[1 * 4 + 3], 68);

	struct gl_rank_kemeny k;
	size_t kpos[4];
	assert_int_equal(gl_rank_kemeny(r, m, 4, kpos, order, &k, NULL), GL_OK);
	assert_true(k.computed);
	order_str("MNCK", order, 4, s);
	assert_string_equal(s, "NCKM");
	/* N>C 68 + N>K 68 + N>M 58 + C>K 83 + C>M 58 + K>M 58. */
	assert_int_equal(k.score, 393);
	assert_int_equal(k.optimal_orders, 1);

	/* Borda puts Memphis third and Knoxville fourth; Schulze and Kemeny the other way. */
	double points[4];
	size_t bpos[4];
	assert_int_equal(gl_rank_borda(r, m, 4, points, bpos, NULL, NULL), GL_OK);
	const size_t *all[] = { bpos, pos, kpos };
	bool differs[4];
	size_t ndiffer;
	assert_int_equal(gl_rank_compare(all, 3, 4, differs, &ndiffer, NULL), GL_OK);
	assert_int_equal(ndiffer, 2);
	assert_true(differs[0] && !differs[1] && !differs[2] && differs[3]);
	assert_int_equal(gl_rank_compare(all + 1, 2, 4, differs, &ndiffer, NULL), GL_OK);
	assert_int_equal(ndiffer, 0);
	assert_false(differs[0] || differs[3]);
	free(r);
}

/* Wikipedia, "Schulze method", the example with 45 voters: there is no Condorcet winner
 * (the pairwise majorities cycle), and the result is E > A > C > B > D. */
static const struct pattern schulze45[] = {
	{ 5, "A>C>B>E>D" }, { 5, "A>D>E>C>B" }, { 8, "B>E>D>A>C" }, { 3, "C>A>B>E>D" },
	{ 7, "C>A>E>B>D" }, { 2, "C>B>A>D>E" }, { 7, "D>C>E>B>A" }, { 8, "E>B>A>D>C" },
};

static void test_schulze_cycle(void **state)
{
	(void)state;
	size_t m;
	int *r = ballots("ABCDE", schulze45, 8, &m);
	assert_int_equal(m, 45);
	size_t d[25], p[25], pos[5], order[5];
	char s[6];
	assert_int_equal(gl_rank_schulze(r, m, 5, d, p, pos, order, NULL), GL_OK);
	/* Both matrices as the article prints them (rows A..E, diagonal 0). */
	static const size_t want_d[25] = {
		0, 20, 26, 30, 22,  25, 0, 16, 33, 18,  19, 29, 0, 17, 24,
		15, 12, 28, 0, 14,  23, 27, 21, 31, 0,
	};
	static const size_t want_p[25] = {
		0, 28, 28, 30, 24,  25, 0, 28, 33, 24,  25, 29, 0, 29, 24,
		25, 28, 28, 0, 24,  25, 28, 28, 31, 0,
	};
	assert_memory_equal(d, want_d, sizeof d);
	assert_memory_equal(p, want_p, sizeof p);
	order_str("ABCDE", order, 5, s);
	assert_string_equal(s, "EACBD");
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(pos[order[i]], i + 1);
	free(r);
}

/* Siegel & Castellan (1988), Kendall's W without ties: 3 raters, 8 items. */
static void test_kendall_w_siegel(void **state)
{
	(void)state;
	/* Items: airfare, climate, season, people, program, publicity, present, interest. */
	const int r[3 * 8] = {
		5, 6, 7, 1, 2, 4, 3, 8,
		1, 7, 6, 2, 3, 5, 4, 8,
		4, 5, 1, 3, 2, 7, 6, 8,
	};
	struct gl_rank_kendall_w w;
	double sum[8];
	assert_int_equal(gl_rank_kendall_w(r, 3, 8, sum, &w, NULL), GL_OK);
	assert_true(w.defined);
	assert_null(w.why);
	assert_true(sum[0] == 10 && sum[7] == 24);
	assert_true(w.ties == 0);
	assert_true(fabs(w.w - 0.6561) < 0.00005);
	assert_true(fabs(w.chi2 - 13.78) < 0.005);
	assert_int_equal(w.df, 7);
	assert_true(fabs(w.p - 0.0553) < 0.00005);
	assert_string_equal(w.words, "moderate");
}

/*
 * Kendall's W with ties and unranked candidates, by hand. Three ballots over A B C D:
 *   A>B=C>D        mid-ranks A 1, B 2.5, C 2.5, D 4      tie group of 2: t^3 - t = 6
 *   A=B>C, D out   A 1.5, B 1.5, C 3, D 4               6
 *   B>A, C D out   A 2, B 1, C 3.5, D 3.5               6 (C and D tie at the bottom)
 * R = A 4.5, B 5, C 9, D 11.5; mean m(n + 1)/2 = 7.5; S = 9 + 6.25 + 2.25 + 16 = 33.5;
 * T = 18; W = 12 S / (m^2 (n^3 - n) - m T) = 402 / (540 - 54) = 67/81 = 0.827160...;
 * chi2 = m (n - 1) W = 67/9; df 3; p = erfc(sqrt(x/2)) + sqrt(2x/pi) e^(-x/2) for 3 df.
 * Borda points are n - mid-rank: A 3 + 2.5 + 2 = 7.5, B 7, C 3, D 0.5.
 */
static void test_kendall_w_ties(void **state)
{
	(void)state;
	static const struct pattern p[] = { { 1, "A>B=C>D" }, { 1, "A=B>C" }, { 1, "B>A" } };
	size_t m;
	int *r = ballots("ABCD", p, 3, &m);
	struct gl_rank_kendall_w w;
	assert_int_equal(gl_rank_kendall_w(r, m, 4, NULL, &w, NULL), GL_OK);
	assert_true(w.defined);
	assert_true(w.ties == 18);
	assert_true(fabs(w.w - 67.0 / 81) < 1e-12);
	assert_true(fabs(w.chi2 - 67.0 / 9) < 1e-12);
	assert_int_equal(w.df, 3);
	double x = 67.0 / 9;
	double p3 = erfc(sqrt(x / 2)) + sqrt(2 * x / M_PI) * exp(-x / 2);
	assert_true(fabs(w.p - p3) < 1e-9);
	assert_string_equal(w.words, "strong");

	double points[4];
	size_t pos[4];
	assert_int_equal(gl_rank_borda(r, m, 4, points, pos, NULL, NULL), GL_OK);
	assert_true(points[0] == 7.5 && points[1] == 7 && points[2] == 3 && points[3] == 0.5);
	assert_true(pos[0] == 1 && pos[1] == 2 && pos[2] == 3 && pos[3] == 4);
	free(r);
}

static void test_one_participant(void **state)
{
	(void)state;
	const int r[4] = { 1, 2, 2, 4 };  /* A > B = C > D */
	double points[4];
	size_t pos[4], order[4];
	assert_int_equal(gl_rank_borda(r, 1, 4, points, pos, order, NULL), GL_OK);
	assert_true(points[0] == 3 && points[1] == 1.5 && points[2] == 1.5 && points[3] == 0);
	assert_true(pos[0] == 1 && pos[1] == 2 && pos[2] == 2 && pos[3] == 4);
	assert_true(order[0] == 0 && order[1] == 1 && order[2] == 2 && order[3] == 3);

	assert_int_equal(gl_rank_schulze(r, 1, 4, NULL, NULL, pos, NULL, NULL), GL_OK);
	assert_true(pos[0] == 1 && pos[1] == 2 && pos[2] == 2 && pos[3] == 4);

	struct gl_rank_kemeny k;
	assert_int_equal(gl_rank_kemeny(r, 1, 4, pos, order, &k, NULL), GL_OK);
	assert_true(k.computed);
	assert_int_equal(k.optimal_orders, 2);  /* B and C either way round */
	assert_true(order[0] == 0 && order[1] == 1 && order[2] == 2 && order[3] == 3);
	assert_int_equal(k.score, 5);

	struct gl_rank_kendall_w w;
	assert_int_equal(gl_rank_kendall_w(r, 1, 4, NULL, &w, NULL), GL_OK);
	assert_false(w.defined);
	assert_true(isnan(w.w) && isnan(w.chi2) && isnan(w.p));
	assert_string_equal(w.why, "fewer than two participants");
	assert_string_equal(w.words, "undefined");
}

static void test_all_tied(void **state)
{
	(void)state;
	const int tied[3 * 3] = { 1, 1, 1, 0, 0, 0, 2, 2, 2 };  /* unranked is a tie too */
	double points[3];
	size_t pos[3], order[3];
	assert_int_equal(gl_rank_borda(tied, 3, 3, points, pos, NULL, NULL), GL_OK);
	for (int c = 0; c < 3; c++)
		assert_true(points[c] == 3 && pos[c] == 1);
	assert_int_equal(gl_rank_schulze(tied, 3, 3, NULL, NULL, pos, NULL, NULL), GL_OK);
	assert_true(pos[0] == 1 && pos[1] == 1 && pos[2] == 1);
	struct gl_rank_kemeny k;
	assert_int_equal(gl_rank_kemeny(tied, 3, 3, pos, order, &k, NULL), GL_OK);
	assert_int_equal(k.score, 0);
	assert_int_equal(k.optimal_orders, 6);
	assert_true(order[0] == 0 && order[1] == 1 && order[2] == 2);
	struct gl_rank_kendall_w w;
	assert_int_equal(gl_rank_kendall_w(tied, 3, 3, NULL, &w, NULL), GL_OK);
	assert_false(w.defined);
	assert_true(w.ties == 3 * 24);
	assert_string_equal(w.why, "every participant tied all candidates");

	/* No ballots yet: everything ties, W is undefined. */
	assert_int_equal(gl_rank_borda(NULL, 0, 3, points, pos, NULL, NULL), GL_OK);
	assert_true(points[0] == 0 && pos[2] == 1);
	assert_int_equal(gl_rank_kendall_w(NULL, 0, 3, NULL, &w, NULL), GL_OK);
	assert_false(w.defined);
}

static void test_area_nobody_ranked(void **state)
{
	(void)state;
	static const struct pattern p[] = { { 2, "A>B>C" }, { 1, "C>A=B" }, { 1, "B>C>A" } };
	size_t m;
	int *r = ballots("ABCD", p, 3, &m);
	double points[4];
	size_t pos[4], order[4];
	assert_int_equal(gl_rank_borda(r, m, 4, points, pos, NULL, NULL), GL_OK);
	assert_true(points[3] == 0 && pos[3] == 4);
	assert_true(points[0] + points[1] + points[2] == (double)m * 6);
	assert_int_equal(gl_rank_schulze(r, m, 4, NULL, NULL, pos, NULL, NULL), GL_OK);
	assert_int_equal(pos[3], 4);
	struct gl_rank_kemeny k;
	assert_int_equal(gl_rank_kemeny(r, m, 4, pos, order, &k, NULL), GL_OK);
	assert_true(pos[3] == 4 && order[3] == 3);
	struct gl_rank_kendall_w w;
	assert_int_equal(gl_rank_kendall_w(r, m, 4, NULL, &w, NULL), GL_OK);
	assert_true(w.defined && w.w > 0 && w.w < 1);
	free(r);
}

static void test_two_areas(void **state)
{
	(void)state;
	const int split[2 * 2] = { 1, 2, 2, 1 };
	double points[2];
	size_t pos[2], order[2];
	assert_int_equal(gl_rank_borda(split, 2, 2, points, pos, NULL, NULL), GL_OK);
	assert_true(points[0] == 1 && points[1] == 1 && pos[0] == 1 && pos[1] == 1);
	assert_int_equal(gl_rank_schulze(split, 2, 2, NULL, NULL, pos, NULL, NULL), GL_OK);
	assert_true(pos[0] == 1 && pos[1] == 1);
	struct gl_rank_kemeny k;
	assert_int_equal(gl_rank_kemeny(split, 2, 2, pos, order, &k, NULL), GL_OK);
	assert_int_equal(k.optimal_orders, 2);
	assert_true(order[0] == 0 && pos[0] == 1 && pos[1] == 2);
	struct gl_rank_kendall_w w;
	assert_int_equal(gl_rank_kendall_w(split, 2, 2, NULL, &w, NULL), GL_OK);
	assert_true(w.defined && w.w == 0 && w.chi2 == 0 && w.p == 1);
	assert_string_equal(w.words, "very weak");

	/* Two for A, one for B: R = A 4, B 5, S = 0.5, W = 12 * 0.5 / (9 * 6) = 1/9. */
	const int two_one[3 * 2] = { 1, 2, 1, 2, 2, 1 };
	assert_int_equal(gl_rank_kendall_w(two_one, 3, 2, NULL, &w, NULL), GL_OK);
	assert_true(fabs(w.w - 1.0 / 9) < 1e-12);
	size_t d[4], p[4];
	assert_int_equal(gl_rank_schulze(two_one, 3, 2, d, p, pos, order, NULL), GL_OK);
	assert_true(pos[0] == 1 && pos[1] == 2);
	/* Only the winning link counts: B's one ballot over A is no path from B to A. */
	assert_true(d[1] == 2 && d[2] == 1);
	assert_true(p[0] == 0 && p[1] == 2 && p[2] == 0 && p[3] == 0);
}

static void test_one_area(void **state)
{
	(void)state;
	const int r[3] = { 1, 0, 1 };
	double points[1];
	size_t pos[1], order[1], d[1], p[1];
	assert_int_equal(gl_rank_borda(r, 3, 1, points, pos, order, NULL), GL_OK);
	assert_true(points[0] == 0 && pos[0] == 1 && order[0] == 0);
	assert_int_equal(gl_rank_schulze(r, 3, 1, d, p, pos, order, NULL), GL_OK);
	assert_true(d[0] == 0 && p[0] == 0 && pos[0] == 1);
	struct gl_rank_kemeny k;
	assert_int_equal(gl_rank_kemeny(r, 3, 1, pos, order, &k, NULL), GL_OK);
	assert_true(k.computed && k.optimal_orders == 1 && pos[0] == 1);
	struct gl_rank_kendall_w w;
	assert_int_equal(gl_rank_kendall_w(r, 3, 1, NULL, &w, NULL), GL_OK);
	assert_false(w.defined);
	assert_string_equal(w.why, "fewer than two candidates");
}

/* A small deterministic generator, so that random profiles are the same on every run. */
static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

/* Ballots with ties and unranked candidates: positions 0 (unranked) .. n. */
static void random_ballots(int *r, size_t m, size_t n, uint32_t *seed)
{
	for (size_t i = 0; i < m * n; i++)
		r[i] = (int)(lcg(seed) % (n + 1));
}

static uint64_t order_score(const size_t *d, size_t n, const size_t *order)
{
	uint64_t s = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			s += d[order[i] * n + order[j]];
	return s;
}

/* Brute force over all permutations in lexicographic order: the first best one is the one
 * gl_rank_kemeny promises. */
static void kemeny_brute(const size_t *d, size_t n, size_t *best_order, uint64_t *best,
	uint64_t *ways)
{
	size_t perm[8];
	for (size_t i = 0; i < n; i++)
		perm[i] = i;
	*best = 0;
	*ways = 0;
	for (;;) {
		uint64_t s = order_score(d, n, perm);
		if (*ways == 0 || s > *best) {
			*best = s;
			*ways = 1;
			memcpy(best_order, perm, n * sizeof *perm);
		} else if (s == *best) {
			(*ways)++;
		}
		size_t i = n - 1;
		while (i > 0 && perm[i - 1] > perm[i])
			i--;
		if (i == 0)
			break;
		size_t j = n - 1;
		while (perm[j] < perm[i - 1])
			j--;
		size_t t = perm[i - 1];
		perm[i - 1] = perm[j];
		perm[j] = t;
		for (size_t a = i, b = n - 1; a < b; a++, b--) {
			t = perm[a];
			perm[a] = perm[b];
			perm[b] = t;
		}
	}
}

static void test_kemeny_brute_force(void **state)
{
	(void)state;
	uint32_t seed = 12345;
	for (int round = 0; round < 60; round++) {
		size_t n = 2 + (size_t)round % 6, m = 1 + (size_t)round % 7;
		int r[7 * 7];
		random_ballots(r, m, n, &seed);
		size_t d[49], order[7], pos[7], want[8];
		uint64_t best, ways;
		struct gl_rank_kemeny k;
		assert_int_equal(gl_rank_pairwise(r, m, n, d, NULL), GL_OK);
		kemeny_brute(d, n, want, &best, &ways);
		assert_int_equal(gl_rank_kemeny(r, m, n, pos, order, &k, NULL), GL_OK);
		assert_int_equal(k.score, best);
		assert_int_equal(k.optimal_orders, ways);
		assert_memory_equal(order, want, n * sizeof *order);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(pos[order[i]], i + 1);
	}
}

/* Ten areas: still exact (checked by score and by every single move), and fast. */
static void test_kemeny_ten(void **state)
{
	(void)state;
	enum { N = 10, M = 9 };
	uint32_t seed = 777;
	int r[M * N];
	random_ballots(r, M, N, &seed);
	size_t d[N * N], order[N], pos[N];
	struct gl_rank_kemeny k;
	assert_int_equal(gl_rank_pairwise(r, M, N, d, NULL), GL_OK);
	assert_int_equal(gl_rank_kemeny(r, M, N, pos, order, &k, NULL), GL_OK);
	assert_true(k.computed);
	assert_int_equal(order_score(d, N, order), k.score);
	/* No order one move away (a candidate taken out and put back elsewhere) scores more. */
	for (size_t from = 0; from < N; from++)
		for (size_t to = 0; to < N; to++) {
			size_t moved[N], k2 = 0;
			for (size_t i = 0; i < N; i++)
				if (i != from)
					moved[k2++] = order[i];
			memmove(moved + to + 1, moved + to, (N - 1 - to) * sizeof *moved);
			moved[to] = order[from];
			assert_true(order_score(d, N, moved) <= k.score);
		}
	/* Nor does any of a thousand random orders, or Borda's. */
	for (int t = 0; t < 1000; t++) {
		size_t perm[N];
		for (size_t i = 0; i < N; i++)
			perm[i] = i;
		for (size_t i = N - 1; i > 0; i--) {
			size_t j = lcg(&seed) % (i + 1), x = perm[i];
			perm[i] = perm[j];
			perm[j] = x;
		}
		assert_true(order_score(d, N, perm) <= k.score);
	}
	double points[N];
	size_t border[N];
	assert_int_equal(gl_rank_borda(r, M, N, points, NULL, border, NULL), GL_OK);
	assert_true(order_score(d, N, border) <= k.score);

	/* Ballots near 0 < 1 < ... < 9, no pair swapped by a majority: that is the order. */
	int near[5 * N];
	for (size_t b = 0; b < 5; b++)
		for (size_t c = 0; c < N; c++)
			near[b * N + c] = (int)c + 1;
	near[0 * N + 0] = 2, near[0 * N + 1] = 1;
	near[1 * N + 4] = 6, near[1 * N + 5] = 5;
	near[2 * N + 8] = 10, near[2 * N + 9] = 9;
	near[3 * N + 0] = 2, near[3 * N + 1] = 1;
	assert_int_equal(gl_rank_kemeny(near, 5, N, pos, order, &k, NULL), GL_OK);
	assert_int_equal(k.optimal_orders, 1);
	for (size_t c = 0; c < N; c++)
		assert_true(order[c] == c && pos[c] == c + 1);
}

static void test_kemeny_too_many(void **state)
{
	(void)state;
	enum { N = GL_RANK_KEMENY_MAX + 1 };
	int r[N];
	for (int c = 0; c < N; c++)
		r[c] = N - c;
	size_t pos[N], order[N];
	struct gl_rank_kemeny k;
	assert_int_equal(gl_rank_kemeny(r, 1, N, pos, order, &k, NULL), GL_OK);
	assert_false(k.computed);
	for (size_t c = 0; c < N; c++)
		assert_true(pos[c] == 0 && order[c] == c);
	/* The other methods have no such limit. */
	assert_int_equal(gl_rank_schulze(r, 1, N, NULL, NULL, pos, order, NULL), GL_OK);
	assert_true(order[0] == N - 1 && pos[0] == N);
}

static void test_bad_ballots(void **state)
{
	(void)state;
	const int r[2 * 3] = { 1, 2, 3, 1, 4, 2 };
	double points[3];
	size_t pos[3];
	struct gl_error err = { 0 };
	assert_int_equal(gl_rank_borda(r, 2, 3, points, pos, NULL, &err), GL_EINVAL);
	assert_non_null(strstr(err.message, "ballot 1 gives candidate 1 the position 4"));
	assert_int_equal(gl_rank_check(r, 1, 3, NULL), GL_OK);
	assert_int_equal(gl_rank_check(r, 2, 3, NULL), GL_EINVAL);
	struct gl_rank_kemeny k;
	struct gl_rank_kendall_w w;
	assert_int_equal(gl_rank_kemeny(r, 2, 3, NULL, NULL, &k, NULL), GL_EINVAL);
	assert_int_equal(gl_rank_kendall_w(r, 2, 3, NULL, &w, NULL), GL_EINVAL);
	assert_int_equal(gl_rank_schulze(r, 2, 3, NULL, NULL, pos, NULL, NULL), GL_EINVAL);
	assert_int_equal(gl_rank_borda(r, 1, 0, points, pos, NULL, NULL), GL_EINVAL);
	assert_int_equal(gl_rank_borda(NULL, 1, 3, points, pos, NULL, NULL), GL_EINVAL);
	/* Gaps in positions mean the same as no gaps: only the order counts. */
	const int gaps[3] = { 1, 3, 3 }, dense[3] = { 1, 2, 2 };
	double pg[3], pd[3];
	assert_int_equal(gl_rank_borda(gaps, 1, 3, pg, NULL, NULL, NULL), GL_OK);
	assert_int_equal(gl_rank_borda(dense, 1, 3, pd, NULL, NULL, NULL), GL_OK);
	assert_memory_equal(pg, pd, sizeof pg);
	/* Positions outside 1..n cannot be compared. */
	const size_t bad[3] = { 1, 0, 2 };
	const size_t *one[] = { bad };
	size_t nd;
	assert_int_equal(gl_rank_compare(one, 1, 3, NULL, &nd, NULL), GL_EINVAL);
}

static void test_kendall_w_words(void **state)
{
	(void)state;
	assert_string_equal(gl_rank_kendall_w_words(0), "very weak");
	assert_string_equal(gl_rank_kendall_w_words(0.2999), "very weak");
	assert_string_equal(gl_rank_kendall_w_words(0.3), "weak");
	assert_string_equal(gl_rank_kendall_w_words(0.5), "moderate");
	assert_string_equal(gl_rank_kendall_w_words(0.6999), "moderate");
	assert_string_equal(gl_rank_kendall_w_words(0.7), "strong");
	assert_string_equal(gl_rank_kendall_w_words(0.9), "very strong");
	assert_string_equal(gl_rank_kendall_w_words(1), "very strong");
	assert_string_equal(gl_rank_kendall_w_words(NAN), "undefined");
}

static void test_dots_and_scores(void **state)
{
	(void)state;
	const int dots[3 * 4] = { 2, 0, 1, 0, 0, 3, 0, 0, 1, 1, 0, 1 };
	int64_t total[4];
	assert_int_equal(gl_rank_dot_totals(dots, 3, 4, total, NULL), GL_OK);
	assert_true(total[0] == 3 && total[1] == 4 && total[2] == 1 && total[3] == 1);
	const int neg[2] = { 1, -1 };
	assert_int_equal(gl_rank_dot_totals(neg, 1, 2, total, NULL), GL_EINVAL);
	assert_int_equal(gl_rank_dot_budget_default(0), 1);
	assert_int_equal(gl_rank_dot_budget_default(1), 1);
	assert_int_equal(gl_rank_dot_budget_default(4), 1);
	assert_int_equal(gl_rank_dot_budget_default(5), 2);
	assert_int_equal(gl_rank_dot_budget_default(8), 2);
	assert_int_equal(gl_rank_dot_budget_default(9), 3);

	const int impact[3 * 3] = { 5, 2, 0, 4, 3, 0, 4, 0, 0 };
	double mean[3];
	size_t count[3];
	assert_int_equal(gl_rank_score_means(impact, 3, 3, mean, count, NULL), GL_OK);
	assert_true(fabs(mean[0] - 13.0 / 3) < 1e-12 && mean[1] == 2.5 && isnan(mean[2]));
	assert_true(count[0] == 3 && count[1] == 2 && count[2] == 0);
	const int six[1] = { 6 };
	assert_int_equal(gl_rank_score_means(six, 1, 1, mean, NULL, NULL), GL_EINVAL);
}

static void test_quadrants(void **state)
{
	(void)state;
	assert_int_equal(gl_rank_quadrant_of(4, 2), GL_QUADRANT_QUICK_WIN);
	assert_int_equal(gl_rank_quadrant_of(4, 4), GL_QUADRANT_MAJOR_PROJECT);
	assert_int_equal(gl_rank_quadrant_of(2, 2), GL_QUADRANT_FILL_IN);
	assert_int_equal(gl_rank_quadrant_of(2, 4), GL_QUADRANT_THANKLESS);
	/* On the midpoint: impact 3 is low, effort 3 is high. */
	assert_int_equal(gl_rank_quadrant_of(3, 2), GL_QUADRANT_FILL_IN);
	assert_int_equal(gl_rank_quadrant_of(3.01, 2.99), GL_QUADRANT_QUICK_WIN);
	assert_int_equal(gl_rank_quadrant_of(4, 3), GL_QUADRANT_MAJOR_PROJECT);
	assert_int_equal(gl_rank_quadrant_of(3, 3), GL_QUADRANT_THANKLESS);
	assert_int_equal(gl_rank_quadrant_of(NAN, 3), GL_QUADRANT_NONE);
	assert_int_equal(gl_rank_quadrant_of(3, NAN), GL_QUADRANT_NONE);
	assert_string_equal(gl_rank_quadrant_name(GL_QUADRANT_QUICK_WIN), "Quick wins");
	assert_string_equal(gl_rank_quadrant_name(GL_QUADRANT_THANKLESS), "Thankless tasks");
	assert_string_equal(gl_rank_quadrant_name(GL_QUADRANT_NONE), "");
}

static void test_order_from_positions(void **state)
{
	(void)state;
	const size_t pos[5] = { 3, 1, 3, 1, 5 };
	size_t order[5];
	assert_int_equal(gl_rank_order_from_positions(pos, 5, order, NULL), GL_OK);
	const size_t want[5] = { 1, 3, 0, 2, 4 };
	assert_memory_equal(order, want, sizeof order);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tennessee_borda),
		cmocka_unit_test(test_tennessee_schulze_kemeny),
		cmocka_unit_test(test_schulze_cycle),
		cmocka_unit_test(test_kendall_w_siegel),
		cmocka_unit_test(test_kendall_w_ties),
		cmocka_unit_test(test_one_participant),
		cmocka_unit_test(test_all_tied),
		cmocka_unit_test(test_area_nobody_ranked),
		cmocka_unit_test(test_two_areas),
		cmocka_unit_test(test_one_area),
		cmocka_unit_test(test_kemeny_brute_force),
		cmocka_unit_test(test_kemeny_ten),
		cmocka_unit_test(test_kemeny_too_many),
		cmocka_unit_test(test_bad_ballots),
		cmocka_unit_test(test_kendall_w_words),
		cmocka_unit_test(test_dots_and_scores),
		cmocka_unit_test(test_quadrants),
		cmocka_unit_test(test_order_from_positions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
