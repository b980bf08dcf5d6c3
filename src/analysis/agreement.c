/* Intercoder agreement over plain arrays: character tables from span sweeps, Cohen's kappa,
 * and Krippendorff's alpha (coincidence-matrix formulation, without building the matrix). */
#include "genomlys/agreement.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"

enum gl_status gl_agree_kappa(const struct gl_agree_table *t, struct gl_agree_kappa *out,
	struct gl_error *err)
{
	if (!t || !out)
		return gl_error_set(err, GL_EINVAL, "%s", _("no table given"));
	if (t->both < 0 || t->only_a < 0 || t->only_b < 0 || t->neither < 0)
		return gl_error_set(err, GL_EINVAL, "%s", _("a count of characters is negative"));
	if (t->both > INT64_MAX - t->only_a - t->only_b - t->neither)
		return gl_error_set(err, GL_EINVAL, "%s", _("too many characters"));
	int64_t total = t->both + t->only_a + t->only_b + t->neither;
	int64_t coded_a = t->both + t->only_a, coded_b = t->both + t->only_b;
	out->characters = total;
	out->percent = total ? (double)(t->both + t->neither) / (double)total : NAN;
	/* p_e = 1, so kappa is 0/0, exactly when both coded nothing or both coded everything. */
	out->kappa_defined = total > 0 && !(coded_a == 0 && coded_b == 0)
		&& !(coded_a == total && coded_b == total);
	if (!out->kappa_defined) {
		out->kappa = NAN;
		return GL_OK;
	}
	/* The same as (p_o - p_e) / (1 - p_e) with the standard p_e, in counts: with a = both,
	 * b = only A, c = only B, d = neither, kappa = 2(ad - bc) / ((a+b)(b+d) + (a+c)(c+d)). */
	double a = (double)t->both, b = (double)t->only_a, c = (double)t->only_b;
	double d = (double)t->neither;
	out->kappa = 2 * (a * d - b * c) / ((a + b) * (b + d) + (a + c) * (c + d));
	return GL_OK;
}

enum gl_status gl_agree_chars_init(struct gl_agree_chars *a, size_t coders)
{
	memset(a, 0, sizeof *a);
	if (coders < 2 || coders > SIZE_MAX / sizeof(int64_t) - 1)
		return GL_EINVAL;
	a->coders = coders;
	a->by_count = calloc(coders + 1, sizeof *a->by_count);
	a->coded = calloc(coders, sizeof *a->coded);
	if (!a->by_count || !a->coded) {
		gl_agree_chars_finish(a);
		return GL_ENOMEM;
	}
	return GL_OK;
}

void gl_agree_chars_finish(struct gl_agree_chars *a)
{
	if (!a)
		return;
	free(a->by_count);
	free(a->coded);
	memset(a, 0, sizeof *a);
}

void gl_agree_chars_clear(struct gl_agree_chars *a)
{
	if (!a || !a->by_count)
		return;
	a->letters = 0;
	a->characters = 0;
	memset(a->by_count, 0, (a->coders + 1) * sizeof *a->by_count);
	memset(a->coded, 0, a->coders * sizeof *a->coded);
}

static bool chars_ready(const struct gl_agree_chars *a)
{
	return a && a->coders >= 2 && a->by_count && a->coded;
}

enum gl_status gl_agree_chars_add(struct gl_agree_chars *dst, const struct gl_agree_chars *src,
	struct gl_error *err)
{
	if (!chars_ready(dst) || !chars_ready(src) || dst->coders != src->coders)
		return gl_error_set(err, GL_EINVAL, "%s",
			_("the character counts are for different numbers of coders"));
	dst->letters += src->letters;
	dst->characters += src->characters;
	for (size_t k = 0; k <= dst->coders; k++)
		dst->by_count[k] += src->by_count[k];
	for (size_t c = 0; c < dst->coders; c++)
		dst->coded[c] += src->coded[c];
	return GL_OK;
}

static int span_cmp(const void *x, const void *y)
{
	const struct gl_span *a = x, *b = y;
	return (a->start > b->start) - (a->start < b->start);
}

static int i64_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

/* Checks every span of a letter before anything is counted. */
static enum gl_status check_letter(const struct gl_agree_chars *a, int64_t length,
	const struct gl_span *const *spans, const size_t *nspans, size_t *total, size_t *most,
	struct gl_error *err)
{
	if (!chars_ready(a))
		return gl_error_set(err, GL_EINVAL, "%s", _("the character counts are not set up"));
	if (length < 0)
		return gl_error_set(err, GL_EINVAL, _("a letter's length is negative (%lld)"),
			(long long)length);
	if (!nspans)
		return gl_error_set(err, GL_EINVAL, "%s", _("no span counts given"));
	*total = *most = 0;
	for (size_t c = 0; c < a->coders; c++) {
		if (nspans[c] == 0)
			continue;
		if (!spans || !spans[c])
			return gl_error_set(err, GL_EINVAL, _("coder %zu has no spans given"), c);
		for (size_t i = 0; i < nspans[c]; i++) {
			struct gl_span s = spans[c][i];
			if (s.start < 0 || s.start > s.end || s.end > length)
				return gl_error_set(err, GL_EINVAL,
					_("coder %zu has the span %lld:%lld outside a letter of %lld characters"),
					c, (long long)s.start, (long long)s.end, (long long)length);
		}
		if (nspans[c] > SIZE_MAX / 2 / sizeof(int64_t) - *total)
			return gl_error_set(err, GL_EINVAL, "%s", _("too many spans"));
		*total += nspans[c];
		if (nspans[c] > *most)
			*most = nspans[c];
	}
	return GL_OK;
}

enum gl_status gl_agree_chars_add_letter(struct gl_agree_chars *a, int64_t length,
	const struct gl_span *const *spans, const size_t *nspans, struct gl_error *err)
{
	size_t total = 0, most = 0;
	enum gl_status st = check_letter(a, length, spans, nspans, &total, &most, err);
	if (st != GL_OK)
		return st;
	/* Merged spans end up as separate sorted lists of starts and ends; the sweep between
	 * consecutive ends of spans sees a constant number of coders. */
	int64_t *starts = malloc((total ? total : 1) * sizeof *starts);
	int64_t *ends = malloc((total ? total : 1) * sizeof *ends);
	struct gl_span *tmp = malloc((most ? most : 1) * sizeof *tmp);
	if (!starts || !ends || !tmp) {
		st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		goto out;
	}
	size_t ne = 0;
	for (size_t c = 0; c < a->coders; c++) {
		size_t k = 0;
		for (size_t i = 0; i < nspans[c]; i++)
			if (spans[c][i].end > spans[c][i].start)
				tmp[k++] = spans[c][i];
		qsort(tmp, k, sizeof *tmp, span_cmp);
		int64_t coded = 0;
		for (size_t i = 0; i < k;) {
			struct gl_span cur = tmp[i++];
			while (i < k && tmp[i].start <= cur.end) {
				if (tmp[i].end > cur.end)
					cur.end = tmp[i].end;
				i++;
			}
			starts[ne] = cur.start;
			ends[ne++] = cur.end;
			coded += cur.end - cur.start;
		}
		a->coded[c] += coded;
	}
	qsort(starts, ne, sizeof *starts, i64_cmp);
	qsort(ends, ne, sizeof *ends, i64_cmp);
	size_t i = 0, j = 0, depth = 0;
	int64_t prev = 0;
	while (j < ne) {
		int64_t pos = i < ne && starts[i] < ends[j] ? starts[i] : ends[j];
		a->by_count[depth] += pos - prev;
		prev = pos;
		while (i < ne && starts[i] == pos) {
			depth++;
			i++;
		}
		while (j < ne && ends[j] == pos) {
			depth--;
			j++;
		}
	}
	a->by_count[0] += length - prev;
	a->characters += length;
	a->letters++;
out:
	free(starts);
	free(ends);
	free(tmp);
	return st;
}

enum gl_status gl_agree_chars_table(const struct gl_agree_chars *a, struct gl_agree_table *out,
	struct gl_error *err)
{
	if (!chars_ready(a) || a->coders != 2 || !out)
		return gl_error_set(err, GL_EINVAL, "%s", _("a 2 x 2 table needs exactly two coders"));
	out->both = a->by_count[2];
	out->neither = a->by_count[0];
	out->only_a = a->coded[0] - a->by_count[2];
	out->only_b = a->coded[1] - a->by_count[2];
	return GL_OK;
}

/* alpha = 1 - (n - 1) sum_o / sum_e, with sum_o = sum over units of the unit's ordered pairs'
 * delta^2 / (m_u - 1) (= n D_o) and sum_e = sum over ordered pairs of pooled values of delta^2
 * (= n (n - 1) D_e). */
static void alpha_finish(struct gl_agree_alpha *out, double sum_o, double sum_e, int64_t units,
	int64_t n)
{
	out->units = units;
	out->values = n;
	out->defined = false;
	out->alpha = NAN;
	out->observed = n > 0 ? sum_o / (double)n : NAN;
	out->expected = n > 1 ? sum_e / ((double)n * (double)(n - 1)) : NAN;
	if (units == 0 || n < 2) {
		out->why = N_("no unit has values from two coders");
		return;
	}
	if (!(sum_e > 0)) {
		out->expected = 0;
		out->why = N_("every value is the same, so there is no variation to agree on");
		return;
	}
	out->defined = true;
	out->why = NULL;
	out->alpha = 1 - (double)(n - 1) * sum_o / sum_e;
}

static int dbl_cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* The ordinal metric is the interval metric on each value's mid-rank among the pooled values:
 * delta_ck = sum_{g=c..k} n_g - (n_c + n_k)/2 = B_k - B_c with B_g = (values below g) + n_g/2. */
static double ordinal_position(const double *pool, size_t n, double v)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pool[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t below = lo;
	hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pool[mid] <= v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (double)below + (double)(lo - below) / 2;
}

/* Twice the sum of squared deviations from the mean, times k: the sum of (x_i - x_j)^2 over
 * the k(k - 1) ordered pairs of x[k]. */
static double pair_squares(const double *x, size_t k)
{
	double mean = 0, ss = 0;
	for (size_t i = 0; i < k; i++)
		mean += x[i];
	mean /= (double)k;
	for (size_t i = 0; i < k; i++)
		ss += (x[i] - mean) * (x[i] - mean);
	return 2 * (double)k * ss;
}

/* The number of ordered pairs of unequal values in sorted x[k]: k^2 - sum of run lengths^2. */
static double pair_mismatches(const double *x, size_t k)
{
	double same = 0;
	for (size_t i = 0; i < k;) {
		size_t j = i;
		while (j < k && x[j] == x[i])
			j++;
		same += (double)(j - i) * (double)(j - i);
		i = j;
	}
	return (double)k * (double)k - same;
}

/* Copies the values of one unit's row (missing ones left out) to unit[]; returns how many. */
static size_t unit_values(const double *row, size_t coders, double *unit)
{
	size_t k = 0;
	for (size_t c = 0; c < coders; c++)
		if (!isnan(row[c]))
			unit[k++] = row[c];
	return k;
}

enum gl_status gl_agree_alpha_matrix(const double *data, size_t units, size_t coders,
	enum gl_agree_level level, struct gl_agree_alpha *out, struct gl_error *err)
{
	if (!out || (units > 0 && coders > 0 && !data))
		return gl_error_set(err, GL_EINVAL, "%s", _("no reliability data given"));
	if (level != GL_AGREE_NOMINAL && level != GL_AGREE_ORDINAL && level != GL_AGREE_INTERVAL)
		return gl_error_set(err, GL_EINVAL, "%s", _("unknown level of measurement"));
	if (coders > 0 && units > SIZE_MAX / coders / sizeof(double))
		return gl_error_set(err, GL_EINVAL, "%s", _("too many units or coders"));
	memset(out, 0, sizeof *out);
	size_t n = 0;
	for (size_t u = 0; u < units; u++) {
		size_t k = 0;
		for (size_t c = 0; c < coders; c++) {
			double v = data[u * coders + c];
			if (isinf(v))
				return gl_error_set(err, GL_EINVAL,
					_("unit %zu has an infinite value from coder %zu"), u, c);
			k += !isnan(v);
		}
		if (k >= 2)
			n += k;
	}
	double *pool = malloc((n ? n : 1) * sizeof *pool);
	double *unit = malloc((coders ? coders : 1) * sizeof *unit);
	if (!pool || !unit) {
		free(pool);
		free(unit);
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	size_t np = 0;
	int64_t pairable = 0;
	for (size_t u = 0; u < units; u++) {
		size_t k = unit_values(data + u * coders, coders, unit);
		if (k < 2)
			continue;
		memcpy(pool + np, unit, k * sizeof *unit);
		np += k;
		pairable++;
	}
	qsort(pool, n, sizeof *pool, dbl_cmp);
	double sum_o = 0, sum_e;
	for (size_t u = 0; u < units; u++) {
		size_t k = unit_values(data + u * coders, coders, unit);
		if (k < 2)
			continue;
		if (level == GL_AGREE_NOMINAL) {
			qsort(unit, k, sizeof *unit, dbl_cmp);
			sum_o += pair_mismatches(unit, k) / (double)(k - 1);
		} else {
			if (level == GL_AGREE_ORDINAL)
				for (size_t i = 0; i < k; i++)
					unit[i] = ordinal_position(pool, n, unit[i]);
			sum_o += pair_squares(unit, k) / (double)(k - 1);
		}
	}
	if (level == GL_AGREE_NOMINAL) {
		sum_e = pair_mismatches(pool, n);
	} else {
		if (level == GL_AGREE_ORDINAL) {
			/* Each value's position in place; pool stays sorted because positions rise. */
			for (size_t i = 0; i < n;) {
				size_t j = i;
				while (j < n && pool[j] == pool[i])
					j++;
				double b = (double)i + (double)(j - i) / 2;
				for (size_t q = i; q < j; q++)
					pool[q] = b;
				i = j;
			}
		}
		sum_e = n ? pair_squares(pool, n) : 0;
	}
	alpha_finish(out, sum_o, sum_e, pairable, (int64_t)n);
	free(pool);
	free(unit);
	return GL_OK;
}

enum gl_status gl_agree_alpha_chars(const struct gl_agree_chars *a, struct gl_agree_alpha *out,
	struct gl_error *err)
{
	if (!chars_ready(a) || !out)
		return gl_error_set(err, GL_EINVAL, "%s", _("the character counts are not set up"));
	memset(out, 0, sizeof *out);
	/* A character coded by k of C coders holds k ones and C - k zeros: its k (C - k) ordered
	 * pairs of each mismatch contribute 2 k (C - k) / (C - 1) to sum_o. */
	double cc = (double)a->coders, sum_o = 0, ones = 0;
	for (size_t k = 0; k <= a->coders; k++) {
		double dk = (double)k, chars = (double)a->by_count[k];
		sum_o += chars * 2 * dk * (cc - dk) / (cc - 1);
		ones += chars * dk;
	}
	double n = (double)a->characters * cc;
	alpha_finish(out, sum_o, 2 * ones * (n - ones), a->characters,
		a->characters * (int64_t)a->coders);
	return GL_OK;
}

enum gl_status gl_agree_chars_summary(const struct gl_agree_chars *a,
	struct gl_agree_summary *out, struct gl_error *err)
{
	if (!chars_ready(a) || !out)
		return gl_error_set(err, GL_EINVAL, "%s", _("the character counts are not set up"));
	memset(out, 0, sizeof *out);
	out->coders = a->coders;
	out->letters = a->letters;
	out->characters = a->characters;
	out->percent = a->characters
		? (double)(a->by_count[0] + a->by_count[a->coders]) / (double)a->characters : NAN;
	out->kappa = NAN;
	if (a->coders == 2) {
		struct gl_agree_table t;
		struct gl_agree_kappa k;
		enum gl_status st = gl_agree_chars_table(a, &t, err);
		if (st == GL_OK)
			st = gl_agree_kappa(&t, &k, err);
		if (st != GL_OK)
			return st;
		out->kappa_defined = k.kappa_defined;
		out->kappa = k.kappa;
	}
	return gl_agree_alpha_chars(a, &out->alpha, err);
}

const char *gl_agree_alpha_words(double alpha)
{
	/* Krippendorff (2004, p. 241): rely on alpha >= .800; .667 <= alpha < .800 only for
	 * tentative conclusions. */
	if (isnan(alpha))
		return N_("undefined");
	if (alpha >= 0.800)
		return N_("reliable");
	if (alpha >= 0.667)
		return N_("tentative");
	return N_("unreliable");
}
