/* Rank aggregation over ballots in plain arrays: Borda, Schulze, Kemeny-Young, Kendall's W. */
#include "genomlys/rank.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "genomlys/i18n.h"

/* m * n without overflow, as the number of cells a matrix has. */
static bool cells_fit(size_t m, size_t n)
{
	return n == 0 || m <= SIZE_MAX / n / sizeof(double);
}

enum gl_status gl_rank_check(const int *rank, size_t m, size_t n, struct gl_error *err)
{
	if (n == 0)
		return gl_error_set(err, GL_EINVAL, "%s", _("a ranking needs at least one candidate"));
	if (!cells_fit(m, n) || n >= (size_t)INT_MAX)
		return gl_error_set(err, GL_EINVAL, "%s", _("too many ballots or candidates"));
	if (m > 0 && !rank)
		return gl_error_set(err, GL_EINVAL, "%s", _("no ballots given"));
	for (size_t b = 0; b < m; b++)
		for (size_t c = 0; c < n; c++) {
			int r = rank[b * n + c];
			if (r > (int)n)
				return gl_error_set(err, GL_EINVAL,
					_("ballot %zu gives candidate %zu the position %d, outside 1..%zu"),
					b, c, r, n);
		}
	return GL_OK;
}

/* A ballot's position of c with unranked candidates moved below every ranked one. */
static int effective(const int *ballot, size_t n, size_t c)
{
	return ballot[c] > 0 ? ballot[c] : (int)n + 1;
}

/*
 * Mid-ranks of one ballot (1-based places, ties share the mean of their places; unranked
 * candidates are one tie group at the bottom) into mid[n]; adds sum (t^3 - t) to *ties.
 * idx[n] is scratch.
 */
static void ballot_midranks(const int *ballot, size_t n, size_t *idx, double *mid, double *ties)
{
	for (size_t c = 0; c < n; c++)
		idx[c] = c;
	/* Insertion sort: n is the number of development areas, a handful to a few dozen. */
	for (size_t i = 1; i < n; i++) {
		size_t v = idx[i];
		int ev = effective(ballot, n, v);
		size_t j = i;
		while (j > 0 && effective(ballot, n, idx[j - 1]) > ev) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = v;
	}
	for (size_t i = 0; i < n;) {
		int e = effective(ballot, n, idx[i]);
		size_t k = i;
		while (k < n && effective(ballot, n, idx[k]) == e)
			k++;
		double t = (double)(k - i);
		double r = (double)(i + 1) + (t - 1) / 2;   /* mean of places i+1 .. k */
		for (size_t j = i; j < k; j++)
			mid[idx[j]] = r;
		*ties += t * t * t - t;
		i = k;
	}
}

/*
 * Sums the mid-ranks of every candidate over all ballots into sum[n]; *ties receives the tie
 * term T of Kendall's W. Borda points are m n - sum.
 */
static enum gl_status rank_sums(const int *rank, size_t m, size_t n, double *sum, double *ties)
{
	size_t *idx = malloc(n * sizeof *idx);
	double *mid = malloc(n * sizeof *mid);
	if (!idx || !mid) {
		free(idx);
		free(mid);
		return GL_ENOMEM;
	}
	for (size_t c = 0; c < n; c++)
		sum[c] = 0;
	*ties = 0;
	for (size_t b = 0; b < m; b++) {
		ballot_midranks(rank + b * n, n, idx, mid, ties);
		for (size_t c = 0; c < n; c++)
			sum[c] += mid[c];
	}
	free(idx);
	free(mid);
	return GL_OK;
}

/* position[c] = 1 + the number of candidates that beat c; beats(i, j) says whether i beats j. */
static void positions_from(size_t n, bool (*beats)(const void *ctx, size_t i, size_t j),
	const void *ctx, size_t *position)
{
	for (size_t c = 0; c < n; c++) {
		size_t ahead = 0;
		for (size_t o = 0; o < n; o++)
			if (o != c && beats(ctx, o, c))
				ahead++;
		position[c] = ahead + 1;
	}
}

enum gl_status gl_rank_order_from_positions(const size_t *position, size_t n, size_t *order,
	struct gl_error *err)
{
	if (!position || !order)
		return gl_error_set(err, GL_EINVAL, "%s", _("no positions given"));
	/* Stable insertion sort: ties stay in index order. */
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		while (j > 0 && position[order[j - 1]] > position[i]) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	return GL_OK;
}

/* Fills the optional position and order outputs from a "beats" relation. */
static enum gl_status finish_positions(size_t n, bool (*beats)(const void *, size_t, size_t),
	const void *ctx, size_t *position, size_t *order)
{
	if (!position && !order)
		return GL_OK;
	size_t *pos = position ? position : malloc(n * sizeof *pos);
	if (!pos)
		return GL_ENOMEM;
	positions_from(n, beats, ctx, pos);
	if (order)
		gl_rank_order_from_positions(pos, n, order, NULL);
	if (pos != position)
		free(pos);
	return GL_OK;
}

static bool borda_beats(const void *ctx, size_t i, size_t j)
{
	const double *points = ctx;
	return points[i] > points[j];
}

enum gl_status gl_rank_borda(const int *rank, size_t m, size_t n, double *points,
	size_t *position, size_t *order, struct gl_error *err)
{
	enum gl_status st = gl_rank_check(rank, m, n, err);
	if (st != GL_OK)
		return st;
	if (!points)
		return gl_error_set(err, GL_EINVAL, "%s", _("no output array given"));
	double ties;
	if ((st = rank_sums(rank, m, n, points, &ties)) != GL_OK)
		return gl_error_set(err, st, "%s", gl_status_str(st));
	/* A mid-rank r is worth n - r points, so a candidate's total is m n - its rank sum. */
	for (size_t c = 0; c < n; c++)
		points[c] = (double)m * (double)n - points[c];
	if ((st = finish_positions(n, borda_beats, points, position, order)) != GL_OK)
		return gl_error_set(err, st, "%s", gl_status_str(st));
	return GL_OK;
}

enum gl_status gl_rank_pairwise(const int *rank, size_t m, size_t n, size_t *d,
	struct gl_error *err)
{
	enum gl_status st = gl_rank_check(rank, m, n, err);
	if (st != GL_OK)
		return st;
	if (!d || n > SIZE_MAX / n / sizeof *d)
		return gl_error_set(err, GL_EINVAL, "%s", _("no output array given"));
	memset(d, 0, n * n * sizeof *d);
	for (size_t b = 0; b < m; b++) {
		const int *ballot = rank + b * n;
		for (size_t i = 0; i < n; i++) {
			int ei = effective(ballot, n, i);
			for (size_t j = 0; j < n; j++)
				if (ei < effective(ballot, n, j))
					d[i * n + j]++;
		}
	}
	return GL_OK;
}

struct schulze_ctx {
	const size_t *p;
	size_t n;
};

static bool schulze_beats(const void *ctx, size_t i, size_t j)
{
	const struct schulze_ctx *s = ctx;
	return s->p[i * s->n + j] > s->p[j * s->n + i];
}

enum gl_status gl_rank_schulze(const int *rank, size_t m, size_t n, size_t *pairwise,
	size_t *paths, size_t *position, size_t *order, struct gl_error *err)
{
	enum gl_status st = gl_rank_check(rank, m, n, err);
	if (st != GL_OK)
		return st;
	if (n > SIZE_MAX / n / sizeof(size_t))
		return gl_error_set(err, GL_EINVAL, "%s", _("too many ballots or candidates"));
	size_t *d = pairwise ? pairwise : malloc(n * n * sizeof *d);
	size_t *p = paths ? paths : malloc(n * n * sizeof *p);
	if (!d || !p) {
		st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		goto out;
	}
	if ((st = gl_rank_pairwise(rank, m, n, d, err)) != GL_OK)
		goto out;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			p[i * n + j] = i != j && d[i * n + j] > d[j * n + i] ? d[i * n + j] : 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			if (j == i)
				continue;
			for (size_t k = 0; k < n; k++) {
				if (k == i || k == j)
					continue;
				size_t via = p[j * n + i] < p[i * n + k] ? p[j * n + i] : p[i * n + k];
				if (via > p[j * n + k])
					p[j * n + k] = via;
			}
		}
	struct schulze_ctx ctx = { p, n };
	if ((st = finish_positions(n, schulze_beats, &ctx, position, order)) != GL_OK)
		gl_error_set(err, st, "%s", gl_status_str(st));
out:
	if (d != pairwise)
		free(d);
	if (p != paths)
		free(p);
	return st;
}

enum gl_status gl_rank_kemeny(const int *rank, size_t m, size_t n, size_t *position,
	size_t *order, struct gl_rank_kemeny *out, struct gl_error *err)
{
	enum gl_status st = gl_rank_check(rank, m, n, err);
	if (st != GL_OK)
		return st;
	if (!out)
		return gl_error_set(err, GL_EINVAL, "%s", _("no output given"));
	memset(out, 0, sizeof *out);
	if (n > GL_RANK_KEMENY_MAX) {
		for (size_t c = 0; c < n; c++) {
			if (position)
				position[c] = 0;
			if (order)
				order[c] = c;
		}
		return GL_OK;
	}
	size_t d[GL_RANK_KEMENY_MAX * GL_RANK_KEMENY_MAX];
	if ((st = gl_rank_pairwise(rank, m, n, d, err)) != GL_OK)
		return st;
	/*
	 * best[R]: the highest score of an order of the candidate set R (a bit mask) counting only
	 * pairs inside R; count[R]: how many orders of R reach it. Placing c first in R adds
	 * d[c][r] for every other r in R: best[R] = max over c in R of gain(c, R) + best[R - c].
	 */
	size_t full = ((size_t)1 << n) - 1;
	uint64_t *best = malloc((full + 1) * sizeof *best);
	uint64_t *count = malloc((full + 1) * sizeof *count);
	if (!best || !count) {
		st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		goto out;
	}
	best[0] = 0;
	count[0] = 1;
	for (size_t set = 1; set <= full; set++) {
		uint64_t top = 0, ways = 0;
		for (size_t c = 0; c < n; c++) {
			if (!(set & ((size_t)1 << c)))
				continue;
			size_t rest = set & ~((size_t)1 << c);
			uint64_t s = best[rest];
			for (size_t r = 0; r < n; r++)
				if (rest & ((size_t)1 << r))
					s += d[c * n + r];
			if (ways == 0 || s > top) {
				top = s;
				ways = count[rest];
			} else if (s == top) {
				ways += count[rest];
			}
		}
		best[set] = top;
		count[set] = ways;
	}
	out->computed = true;
	out->score = best[full];
	out->optimal_orders = count[full];
	/* Walk down from the full set, taking at each place the lowest index that stays optimal. */
	size_t set = full;
	for (size_t place = 0; place < n; place++) {
		for (size_t c = 0; c < n; c++) {
			if (!(set & ((size_t)1 << c)))
				continue;
			size_t rest = set & ~((size_t)1 << c);
			uint64_t s = best[rest];
			for (size_t r = 0; r < n; r++)
				if (rest & ((size_t)1 << r))
					s += d[c * n + r];
			if (s == best[set]) {
				if (position)
					position[c] = place + 1;
				if (order)
					order[place] = c;
				set = rest;
				break;
			}
		}
	}
out:
	free(best);
	free(count);
	return st;
}

const char *gl_rank_kendall_w_words(double w)
{
	/* Schmidt (1997), table 1: 0.1 very weak, 0.3 weak, 0.5 moderate, 0.7 strong, 0.9
	 * unusually strong; a value is read by the highest of those points it reaches. */
	if (isnan(w))
		return N_("undefined");
	if (w < 0.3)
		return N_("very weak");
	if (w < 0.5)
		return N_("weak");
	if (w < 0.7)
		return N_("moderate");
	if (w < 0.9)
		return N_("strong");
	return N_("very strong");
}

static void kendall_w_undefined(struct gl_rank_kendall_w *out, const char *why)
{
	out->defined = false;
	out->w = out->chi2 = out->p = NAN;
	out->words = gl_rank_kendall_w_words(NAN);
	out->why = why;
}

enum gl_status gl_rank_kendall_w(const int *rank, size_t m, size_t n, double *rank_sum,
	struct gl_rank_kendall_w *out, struct gl_error *err)
{
	enum gl_status st = gl_rank_check(rank, m, n, err);
	if (st != GL_OK)
		return st;
	if (!out)
		return gl_error_set(err, GL_EINVAL, "%s", _("no output given"));
	memset(out, 0, sizeof *out);
	double *sum = rank_sum ? rank_sum : malloc(n * sizeof *sum);
	if (!sum)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	double ties;
	if ((st = rank_sums(rank, m, n, sum, &ties)) != GL_OK) {
		st = gl_error_set(err, st, "%s", gl_status_str(st));
		goto out;
	}
	out->df = n - 1;
	out->ties = ties;
	if (m < 2) {
		kendall_w_undefined(out, N_("fewer than two participants"));
		goto out;
	}
	if (n < 2) {
		kendall_w_undefined(out, N_("fewer than two candidates"));
		goto out;
	}
	double dm = (double)m, dn = (double)n;
	double mean = dm * (dn + 1) / 2, s = 0;
	for (size_t c = 0; c < n; c++)
		s += (sum[c] - mean) * (sum[c] - mean);
	double denom = dm * dm * (dn * dn * dn - dn) - dm * ties;
	/* Zero exactly when every ballot ties every candidate (T = m (n^3 - n)). */
	if (!(denom > 0.5)) {
		kendall_w_undefined(out, N_("every participant tied all candidates"));
		goto out;
	}
	double w = 12 * s / denom;
	if (w > 1)
		w = 1;  /* rounding only: W <= 1 holds exactly */
	out->defined = true;
	out->w = w;
	out->chi2 = dm * (dn - 1) * w;
	gsl_set_error_handler_off();  /* GSL's default handler aborts the process */
	out->p = gsl_cdf_chisq_Q(out->chi2, (double)out->df);
	out->words = gl_rank_kendall_w_words(w);
	out->why = NULL;
out:
	if (sum != rank_sum)
		free(sum);
	return st;
}

enum gl_status gl_rank_compare(const size_t *const *positions, size_t methods, size_t n,
	bool *differs, size_t *ndiffer, struct gl_error *err)
{
	if (!ndiffer || (methods > 0 && !positions))
		return gl_error_set(err, GL_EINVAL, "%s", _("no positions given"));
	*ndiffer = 0;
	for (size_t k = 0; k < methods; k++) {
		if (!positions[k])
			return gl_error_set(err, GL_EINVAL, "%s", _("no positions given"));
		for (size_t c = 0; c < n; c++)
			if (positions[k][c] < 1 || positions[k][c] > n)
				return gl_error_set(err, GL_EINVAL,
					_("method %zu gives candidate %zu the position %zu, outside 1..%zu"),
					k, c, positions[k][c], n);
	}
	for (size_t c = 0; c < n; c++) {
		bool diff = false;
		for (size_t k = 1; k < methods; k++)
			if (positions[k][c] != positions[0][c])
				diff = true;
		if (differs)
			differs[c] = diff;
		*ndiffer += diff;
	}
	return GL_OK;
}

enum gl_status gl_rank_dot_totals(const int *dots, size_t m, size_t n, int64_t *total,
	struct gl_error *err)
{
	if (!total || (m > 0 && n > 0 && !dots) || !cells_fit(m, n))
		return gl_error_set(err, GL_EINVAL, "%s", _("no dots given"));
	for (size_t c = 0; c < n; c++)
		total[c] = 0;
	for (size_t p = 0; p < m; p++)
		for (size_t c = 0; c < n; c++) {
			int v = dots[p * n + c];
			if (v < 0)
				return gl_error_set(err, GL_EINVAL,
					_("participant %zu gives candidate %zu %d dots, fewer than 0"), p, c, v);
			total[c] += v;
		}
	return GL_OK;
}

size_t gl_rank_dot_budget_default(size_t n)
{
	size_t b = n / 4 + (n % 4 != 0);
	return b < 1 ? 1 : b;
}

enum gl_status gl_rank_score_means(const int *scores, size_t m, size_t n, double *mean,
	size_t *count, struct gl_error *err)
{
	if (!mean || (m > 0 && n > 0 && !scores) || !cells_fit(m, n))
		return gl_error_set(err, GL_EINVAL, "%s", _("no scores given"));
	for (size_t c = 0; c < n; c++) {
		double sum = 0;
		size_t k = 0;
		for (size_t p = 0; p < m; p++) {
			int v = scores[p * n + c];
			if (v < 0 || v > 5)
				return gl_error_set(err, GL_EINVAL,
					_("participant %zu scores candidate %zu %d, outside 1..5"), p, c, v);
			if (v > 0) {
				sum += v;
				k++;
			}
		}
		mean[c] = k ? sum / (double)k : NAN;
		if (count)
			count[c] = k;
	}
	return GL_OK;
}

enum gl_rank_quadrant gl_rank_quadrant_of(double impact, double effort)
{
	if (isnan(impact) || isnan(effort))
		return GL_QUADRANT_NONE;
	bool high_impact = impact > GL_RANK_SCORE_MIDPOINT;
	bool high_effort = effort >= GL_RANK_SCORE_MIDPOINT;
	if (high_impact)
		return high_effort ? GL_QUADRANT_MAJOR_PROJECT : GL_QUADRANT_QUICK_WIN;
	return high_effort ? GL_QUADRANT_THANKLESS : GL_QUADRANT_FILL_IN;
}

const char *gl_rank_quadrant_name(enum gl_rank_quadrant q)
{
	switch (q) {
	case GL_QUADRANT_NONE: return "";
	case GL_QUADRANT_QUICK_WIN: return N_("Quick wins");
	case GL_QUADRANT_MAJOR_PROJECT: return N_("Major projects");
	case GL_QUADRANT_FILL_IN: return N_("Fill-ins");
	case GL_QUADRANT_THANKLESS: return N_("Thankless tasks");
	}
	return "";
}
