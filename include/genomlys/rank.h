/* Rank aggregation for the workshop ranking: Borda, Schulze, Kemeny-Young, Kendall's W, dot
 * votes and impact/effort, as pure functions over plain arrays (see docs/statistics.md). */
#ifndef GENOMLYS_RANK_H
#define GENOMLYS_RANK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/status.h"

/*
 * Ballots. `rank` is an m x n matrix of int, row-major: rank[b * n + c] is the position that
 * ballot b gives candidate c. 1 is first; equal positions are ties; 0 or a negative value
 * means unranked. Only the order of the positions counts, so {1, 1, 2} and {1, 1, 3} both say
 * "two tied first, then one"; a position above n is GL_EINVAL. An unranked candidate is below
 * every ranked one on that ballot, and the unranked candidates of a ballot are tied with each
 * other. m may be 0 (no ballots yet: everything ties); n must be at least 1.
 *
 * Outputs are arrays the caller allocates with the sizes given; every output pointer documented
 * as optional may be NULL. No function keeps a pointer after it returns, prints, or exits.
 * On GL_EINVAL, err (when not NULL) says which ballot and candidate (0-based) are wrong.
 *
 * Positions on output are 1-based and shared by ties, standard competition style: "1, 2, 2, 4"
 * (a candidate's position is 1 + the number of candidates strictly ahead of it). An order lists
 * candidate indices best first, tied candidates in index order.
 */

/* The largest number of candidates for which Kemeny-Young is computed (exactly). */
#define GL_RANK_KEMENY_MAX 10

/* Checks a ballot matrix: GL_OK, or GL_EINVAL naming the first bad ballot and candidate. */
enum gl_status gl_rank_check(const int *rank, size_t m, size_t n, struct gl_error *err);

/*
 * Borda count: on each ballot the place k (0-based) is worth n - 1 - k points. Candidates that
 * share places share their points equally: a tie over places k..k+t-1 gives each of them the
 * mean of those places' points, and the u unranked candidates of a ballot occupy the last u
 * places (n - u .. n - 1) and get (u - 1) / 2 points each. Every ballot hands out n(n - 1)/2
 * points. points[n] (required) receives the totals, which are multiples of 0.5 and so compare
 * exactly; position[n] and order[n] are optional (equal points tie).
 */
enum gl_status gl_rank_borda(const int *rank, size_t m, size_t n, double *points,
	size_t *position, size_t *order, struct gl_error *err);

/* Pairwise preferences: d[i * n + j] = number of ballots that put i strictly ahead of j. */
enum gl_status gl_rank_pairwise(const int *rank, size_t m, size_t n, size_t *d,
	struct gl_error *err);

/*
 * Schulze method, winning votes. pairwise[n * n] (optional) receives d as gl_rank_pairwise
 * does; paths[n * n] (optional) the strengths of the strongest paths: p[i][j] starts as d[i][j]
 * when d[i][j] > d[j][i], else 0, and becomes the widest path (the largest, over paths from i
 * to j, of the weakest link) by the Floyd-Warshall variant; the diagonal is 0. i beats j when
 * p[i][j] > p[j][i]; this relation is transitive (Schulze 2011). A candidate's position is 1 +
 * the number of candidates that beat it, so candidates neither of which beats the other may
 * share a position (ties where the method gives ties). position[n] and order[n] are optional.
 */
enum gl_status gl_rank_schulze(const int *rank, size_t m, size_t n, size_t *pairwise,
	size_t *paths, size_t *position, size_t *order, struct gl_error *err);

/* What gl_rank_kemeny found. */
struct gl_rank_kemeny {
	bool computed;            /* false when n > GL_RANK_KEMENY_MAX: nothing else is set */
	uint64_t score;           /* sum of d[i][j] over the pairs the order puts i before j */
	uint64_t optimal_orders;  /* how many strict orders reach that score (1: unique) */
};

/*
 * Kemeny-Young: the strict order that agrees with the most pairwise preferences, i.e.
 * maximises the score above, found exactly by dynamic programming over subsets
 * (O(2^n * n^2) time, O(2^n) memory) for n <= GL_RANK_KEMENY_MAX. When several orders reach
 * the best score, the one chosen is the first in lexicographic order of candidate indices
 * (at each place, the lowest index that still allows a best order), and optimal_orders says
 * how many there are. For n > GL_RANK_KEMENY_MAX it returns GL_OK with out->computed false,
 * every position 0 and order the identity. out is required; position[n], order[n] optional.
 */
enum gl_status gl_rank_kemeny(const int *rank, size_t m, size_t n, size_t *position,
	size_t *order, struct gl_rank_kemeny *out, struct gl_error *err);

/* Kendall's coefficient of concordance W with the correction for ties. */
struct gl_rank_kendall_w {
	bool defined;       /* false: fewer than 2 ballots or candidates, or every ballot all tied */
	double w;           /* 0..1; NaN when !defined */
	double chi2;        /* m (n - 1) W; NaN when !defined */
	size_t df;          /* n - 1 */
	double p;           /* upper tail of chi-square(df) at chi2 (GSL); NaN when !defined */
	double ties;        /* sum over ballots of sum over tie groups of t^3 - t */
	const char *words;  /* N_() msgid describing W ("weak", ...), or N_("undefined") */
	const char *why;    /* N_() msgid saying why W is undefined; NULL when defined */
};

/*
 * Kendall's W: each ballot's candidates get mid-ranks (a tie over places k..k+t-1, 1-based,
 * ranks all of them k + (t - 1)/2; the u unranked candidates are one tie group at the bottom),
 * R_c is the sum of candidate c's ranks and S = sum (R_c - m(n + 1)/2)^2;
 * W = 12 S / (m^2 (n^3 - n) - m T), T = out->ties. rank_sum[n] (optional) receives R_c.
 * The chi-square approximation is rough for n < 8 (see docs/statistics.md).
 */
enum gl_status gl_rank_kendall_w(const int *rank, size_t m, size_t n, double *rank_sum,
	struct gl_rank_kendall_w *out, struct gl_error *err);

/* Words for W (N_() msgids; translate with _()): below 0.3 "very weak", below 0.5 "weak",
 * below 0.7 "moderate", below 0.9 "strong", else "very strong"; NaN gives "undefined". */
const char *gl_rank_kendall_w_words(double w);

/*
 * Compares the positions that several methods give: positions[k] is method k's array of n
 * positions (each 1..n). *ndiffer (required) receives the number of candidates whose position
 * is not the same under every method (0: the methods agree), and differs[c] (optional) whether
 * candidate c is one of them. Leave out a Kemeny result that was not computed.
 */
enum gl_status gl_rank_compare(const size_t *const *positions, size_t methods, size_t n,
	bool *differs, size_t *ndiffer, struct gl_error *err);

/* Fills order[n] from position[n]: candidates by position, ties in index order. */
enum gl_status gl_rank_order_from_positions(const size_t *position, size_t n, size_t *order,
	struct gl_error *err);

/*
 * Dot votes: dots[m * n], dots[p * n + c] the dots participant p put on candidate c (0 or
 * more; negative is GL_EINVAL). total[n] (required) receives the sum per candidate.
 */
enum gl_status gl_rank_dot_totals(const int *dots, size_t m, size_t n, int64_t *total,
	struct gl_error *err);

/* The default dot budget of a round: one dot per four candidates, rounded up, at least 1. */
size_t gl_rank_dot_budget_default(size_t n);

/*
 * Means of impact or effort scores: scores[m * n], each 1..5, 0 = not scored (anything else is
 * GL_EINVAL). mean[n] (required) receives the mean of the given scores, NaN where nobody
 * scored; count[n] (optional) how many scores each mean rests on.
 */
enum gl_status gl_rank_score_means(const int *scores, size_t m, size_t n, double *mean,
	size_t *count, struct gl_error *err);

/* The midpoint of the 1-5 impact and effort scales. */
#define GL_RANK_SCORE_MIDPOINT 3.0

enum gl_rank_quadrant {
	GL_QUADRANT_NONE,            /* a mean is NaN (nobody scored) */
	GL_QUADRANT_QUICK_WIN,       /* high impact, low effort */
	GL_QUADRANT_MAJOR_PROJECT,   /* high impact, high effort */
	GL_QUADRANT_FILL_IN,         /* low impact, low effort */
	GL_QUADRANT_THANKLESS,       /* low impact, high effort */
};

/*
 * The impact/effort quadrant of mean scores. A mean exactly on the midpoint goes to the less
 * attractive side: impact 3 is low impact, effort 3 is high effort. So a quick win needs
 * impact > 3 and effort < 3, and an area scored 3 and 3 is a thankless task.
 */
enum gl_rank_quadrant gl_rank_quadrant_of(double impact, double effort);

/* The quadrant's name, an N_() msgid ("Quick wins", ...); "" for GL_QUADRANT_NONE. */
const char *gl_rank_quadrant_name(enum gl_rank_quadrant q);

#endif
