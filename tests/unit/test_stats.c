/* Unit tests of the analysis query layer (stats.h) on a small project: categories counted once
 * per letter, a school's profile, co-occurrence, agreement over the letters every coder has
 * read (code points, not bytes: å, ä, ö and an emoji), exclusive categories with missing data,
 * and the refusals. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "genomlys/stats.h"
#include "genomlys/store.h"

#define NEAR(a, b, eps) assert_true(fabs((a) - (b)) < (eps))

struct proj {
	char dir[64], path[96];
	struct gl_store *s;
	int64_t north, south;           /* schools */
	int64_t anna, bosse, cecilia;   /* coders */
	int64_t l1, l2, l3, l4;         /* letters: l1 l2 at north, l3 l4 at south */
	int64_t cat, studiero, trygghet, helhet, neg, pos;
};

static int64_t code(struct gl_store *s, const char *name, int64_t parent, bool exclusive,
	double value)
{
	struct gl_code c = { parent, name, NULL, NULL, exclusive, value > 0, value };
	int64_t id = 0;
	struct gl_error err = { 0 };
	if (gl_store_code_insert(s, &c, &id, &err) != GL_OK)
		fail_msg("%s", err.message);
	return id;
}

static int64_t letter(struct gl_store *s, int64_t school, int64_t group, const char *text)
{
	struct gl_document d = { 0 };
	d.kind = "letter";
	d.school_id = school;
	d.group_id = group;
	d.text = text;
	d.text_len = strlen(text);
	int64_t id = 0;
	bool dup;
	struct gl_error err = { 0 };
	if (gl_store_document_insert(s, &d, &id, &dup, &err) != GL_OK)
		fail_msg("%s", err.message);
	return id;
}

static void coding(struct proj *p, int64_t doc, int64_t code_id, int64_t coder, int64_t a,
	int64_t b)
{
	struct gl_coding k = { doc, code_id, coder, a, b, NULL, NULL };
	struct gl_error err = { 0 };
	if (gl_store_coding_insert(p->s, &k, NULL, &err) != GL_OK)
		fail_msg("%s", err.message);
}

static int setup(void **state)
{
	struct proj *p = calloc(1, sizeof *p);
	snprintf(p->dir, sizeof p->dir, "/tmp/gl-stats-XXXXXX");
	if (!mkdtemp(p->dir))
		return -1;
	snprintf(p->path, sizeof p->path, "%s/p.db", p->dir);
	struct gl_error err = { 0 };
	if (gl_store_create(p->path, "test", &p->s, &err) != GL_OK)
		return -1;
	gl_store_school_ensure(p->s, "Norrskolan", &p->north, NULL, &err);
	gl_store_school_ensure(p->s, "Söderskolan", &p->south, NULL, &err);
	gl_store_coder_ensure(p->s, "Anna", &p->anna, NULL, &err);
	gl_store_coder_ensure(p->s, "Bosse", &p->bosse, NULL, &err);
	gl_store_coder_ensure(p->s, "Cecilia", &p->cecilia, NULL, &err);
	/* 20 code points, more bytes: "Trygghet 😀 är viktig" */
	p->l1 = letter(p->s, p->north, 2, "Trygghet 😀 är viktig");
	p->l2 = letter(p->s, p->north, 1, "Studiero och trygghet på lektionerna.");
	p->l3 = letter(p->s, p->south, 2, "Maten är god.");
	p->l4 = letter(p->s, p->south, 1, "Lärarna är bra.");
	p->cat = code(p->s, "Lärmiljö", 0, false, 0);
	p->studiero = code(p->s, "Studiero", p->cat, false, 0);
	p->trygghet = code(p->s, "Trygghet", p->cat, false, 0);
	p->helhet = code(p->s, "Helhet", 0, true, 0);
	p->neg = code(p->s, "Negativ", p->helhet, false, 2);
	p->pos = code(p->s, "Positiv", p->helhet, false, 4);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	struct proj *p = *state;
	gl_store_close(p->s);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", p->dir);
	int rc = system(cmd);
	free(p);
	return rc == 0 ? 0 : -1;
}

static size_t row_of(const struct gl_stats_matrix *m, int64_t id)
{
	for (size_t r = 0; r < m->nrows; r++)
		if (m->rows[r].id == id)
			return r;
	fail_msg("no row %lld", (long long)id);
	return 0;
}

static size_t col_of(const struct gl_stats_matrix *m, int64_t id)
{
	for (size_t c = 0; c < m->ncols; c++)
		if (m->cols[c].id == id)
			return c;
	fail_msg("no column %lld", (long long)id);
	return 0;
}

/* A category counts its codes' codings, and a letter once however many of them it has. */
static void test_matrix_category_once(void **state)
{
	struct proj *p = *state;
	coding(p, p->l2, p->studiero, p->anna, 0, 8);
	coding(p, p->l2, p->trygghet, p->anna, 12, 21);
	coding(p, p->l2, p->trygghet, p->bosse, 12, 21);
	coding(p, p->l3, p->trygghet, p->anna, 0, 5);
	struct gl_stats_matrix m;
	struct gl_error err = { 0 };
	assert_int_equal(gl_stats_code_matrix(p->s, GL_STATS_BY_SCHOOL, NULL, &m, &err), GL_OK);
	/* exclusive categories classify whole letters: not rows */
	assert_int_equal(m.nrows, 3);
	assert_int_equal(m.ncols, 2);
	size_t cat = row_of(&m, p->cat), tr = row_of(&m, p->trygghet), n = col_of(&m, p->north);
	assert_true(m.rows[cat].category);
	assert_int_equal(m.codings[cat * m.ncols + n], 3);
	assert_int_equal(m.letters[cat * m.ncols + n], 1);
	assert_int_equal(m.codings[tr * m.ncols + n], 2);
	assert_int_equal(m.letters[tr * m.ncols + n], 1);
	assert_int_equal(m.row_letters[cat], 2);
	assert_int_equal(m.total_letters, 4);
	NEAR(gl_stats_cell(&m, GL_STATS_SHARE, cat, n), 0.5, 1e-12);
	NEAR(gl_stats_cell(&m, GL_STATS_SHARE, cat, m.ncols), 0.5, 1e-12);
	gl_stats_matrix_finish(&m);
	/* one coder's codings only */
	struct gl_query_stats_filter f = { &p->bosse, 1, NULL, 0, false };
	assert_int_equal(gl_stats_code_matrix(p->s, GL_STATS_BY_GROUP, &f, &m, &err), GL_OK);
	cat = row_of(&m, p->cat);
	assert_int_equal(m.row_codings[cat], 1);
	gl_stats_matrix_finish(&m);
	/* schools x groups within the category */
	assert_int_equal(gl_stats_school_group_matrix(p->s, p->cat, NULL, &m, &err), GL_OK);
	assert_int_equal(m.nrows, 2);
	size_t north = row_of(&m, p->north), teachers = col_of(&m, 1);
	assert_int_equal(m.codings[north * m.ncols + teachers], 3);
	assert_int_equal(m.letters[north * m.ncols + teachers], 1);
	assert_int_equal(m.base[north * m.ncols + teachers], 1);
	gl_stats_matrix_finish(&m);
	assert_int_equal(gl_stats_school_group_matrix(p->s, p->helhet, NULL, &m, &err),
		GL_ENOTFOUND);
}

static void test_profile_and_cooccurrence(void **state)
{
	struct proj *p = *state;
	coding(p, p->l1, p->trygghet, p->anna, 0, 8);
	coding(p, p->l2, p->trygghet, p->anna, 12, 21);
	coding(p, p->l2, p->studiero, p->bosse, 0, 15);
	struct gl_stats_profile pr;
	struct gl_error err = { 0 };
	assert_int_equal(gl_stats_profile(p->s, p->north, NULL, &pr, &err), GL_OK);
	assert_true(pr.n >= 2);
	const struct gl_stats_profile_row *first = &pr.rows[0];
	assert_int_equal(first->school_letters, 2);
	assert_int_equal(first->other_letters, 2);
	assert_true(first->test.defined);
	assert_true(first->test.z > 0);
	gl_stats_profile_finish(&pr);
	assert_int_equal(gl_stats_profile(p->s, 999, NULL, &pr, &err), GL_ENOTFOUND);

	struct gl_stats_cooccurrence c;
	assert_int_equal(gl_stats_cooccurrence(p->s, GL_STATS_OVERLAP, NULL, &c, &err), GL_OK);
	assert_int_equal(c.n, 1);  /* 0:15 and 12:21 overlap in letter 2 */
	assert_int_equal(c.pairs[0].count, 1);
	assert_int_equal(c.pairs[0].letters, 1);
	gl_stats_cooccurrence_finish(&c);
	assert_int_equal(gl_stats_cooccurrence(p->s, GL_STATS_LETTER, NULL, &c, &err), GL_OK);
	assert_int_equal(c.n, 1);
	/* Studiero in 1 letter, Trygghet in 2, both in 1: 1 / (1 + 2 - 1) */
	NEAR(c.pairs[0].jaccard, 0.5, 1e-12);
	gl_stats_cooccurrence_finish(&c);
}

/* Identical coders agree fully, counted in code points (the emoji and å are one each); a letter
 * one of them has not read is left out. */
static void test_agreement_code_points_and_reads(void **state)
{
	struct proj *p = *state;
	coding(p, p->l1, p->trygghet, p->anna, 0, 10);
	coding(p, p->l1, p->trygghet, p->bosse, 0, 10);
	/* Anna's coding of letter 3, which Bosse has not read, does not count */
	coding(p, p->l3, p->trygghet, p->anna, 0, 5);
	int64_t both[2] = { p->anna, p->bosse };
	struct gl_query_stats_filter f = { both, 2, NULL, 0, false };
	struct gl_stats_agreement a;
	struct gl_error err = { 0 };
	assert_int_equal(gl_stats_agreement(p->s, &f, 0, &a, &err), GL_OK);
	assert_int_equal(a.letters, 1);
	assert_int_equal(a.characters, 20);
	assert_int_equal(a.ncodes, 1);
	NEAR(a.codes[0].sum.percent, 1.0, 1e-12);
	assert_true(a.codes[0].sum.kappa_defined);
	NEAR(a.codes[0].sum.kappa, 1.0, 1e-12);
	assert_true(a.codes[0].sum.alpha.defined);
	NEAR(a.codes[0].sum.alpha.alpha, 1.0, 1e-12);
	gl_stats_agreement_finish(&a);
	/* Bosse reads letter 2 and codes nothing in it: 37 more characters, all agreed */
	assert_int_equal(gl_store_read_set(p->s, p->l2, p->bosse, true, NULL, &err), GL_OK);
	assert_int_equal(gl_store_read_set(p->s, p->l2, p->anna, true, NULL, &err), GL_OK);
	assert_int_equal(gl_stats_agreement(p->s, &f, p->trygghet, &a, &err), GL_OK);
	assert_int_equal(a.letters, 2);
	assert_int_equal(a.codes[0].sum.characters, 57);
	gl_stats_agreement_finish(&a);
	/* a code nobody used, asked for by name: every character agreed, kappa undefined */
	assert_int_equal(gl_stats_agreement(p->s, &f, p->studiero, &a, &err), GL_OK);
	assert_int_equal(a.ncodes, 1);
	NEAR(a.codes[0].sum.percent, 1.0, 1e-12);
	assert_false(a.codes[0].sum.kappa_defined);
	assert_false(a.codes[0].sum.alpha.defined);
	gl_stats_agreement_finish(&a);
	/* the letters where they differ: none differ */
	struct gl_stats_agree_letter *ls = NULL;
	size_t n = 0;
	assert_int_equal(gl_stats_agreement_letters(p->s, &f, p->trygghet, &ls, &n, &err), GL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ls[0].document_id, p->l1);
	assert_int_equal(ls[0].disagree, 0);
	assert_int_equal(ls[0].coded, 10);
	free(ls);
	/* refusals */
	struct gl_query_stats_filter one = { both, 1, NULL, 0, false };
	assert_int_equal(gl_stats_agreement(p->s, &one, 0, &a, &err), GL_EINVAL);
	int64_t with_c[2] = { p->anna, p->cecilia };
	struct gl_query_stats_filter none = { with_c, 2, NULL, 0, false };
	assert_int_equal(gl_stats_agreement(p->s, &none, 0, &a, &err), GL_ENOTFOUND);
}

/* Partial agreement of two coders on one letter, by hand: Anna codes 0:10, Bosse 5:15 of the
 * 20-character letter: both 5, only A 5, only B 5, neither 5. */
static void test_agreement_partial(void **state)
{
	struct proj *p = *state;
	coding(p, p->l1, p->trygghet, p->anna, 0, 10);
	coding(p, p->l1, p->trygghet, p->bosse, 5, 15);
	int64_t both[2] = { p->anna, p->bosse };
	struct gl_query_stats_filter f = { both, 2, NULL, 0, false };
	struct gl_stats_agreement a;
	struct gl_error err = { 0 };
	assert_int_equal(gl_stats_agreement(p->s, &f, 0, &a, &err), GL_OK);
	NEAR(a.codes[0].sum.percent, 0.5, 1e-12);
	/* p_A = p_B = 0.5: p_e = 0.5, kappa = 0 */
	NEAR(a.codes[0].sum.kappa, 0.0, 1e-12);
	gl_stats_agreement_finish(&a);
	struct gl_stats_agree_letter *ls = NULL;
	size_t n = 0;
	assert_int_equal(gl_stats_agreement_letters(p->s, &f, p->trygghet, &ls, &n, &err), GL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ls[0].disagree, 10);
	assert_int_equal(ls[0].coded, 15);
	NEAR(ls[0].sum.percent, 0.5, 1e-12);  /* the letter's own figures */
	assert_true(ls[0].sum.kappa_defined);
	NEAR(ls[0].sum.kappa, 0.0, 1e-12);
	free(ls);
}

/* An exclusive category: alpha over the letters two or more coders classified, a coder who did
 * not classify a letter missing; ordinal and interval since every value has a number. */
static void test_agreement_category(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	int64_t v[4][3] = {  /* Anna, Bosse, Cecilia per letter; 0: not classified */
		{ p->pos, p->pos, p->pos }, { p->neg, p->neg, 0 }, { p->pos, p->neg, p->pos },
		{ p->neg, 0, 0 } };
	int64_t docs[4] = { p->l1, p->l2, p->l3, p->l4 };
	int64_t coders[3] = { p->anna, p->bosse, p->cecilia };
	for (int d = 0; d < 4; d++)
		for (int c = 0; c < 3; c++)
			if (v[d][c])
				assert_int_equal(gl_store_classify(p->s, docs[d], p->helhet, v[d][c], coders[c],
					NULL, &err), GL_OK);
	struct gl_query_stats_filter f = { coders, 3, NULL, 0, false };
	struct gl_stats_agreement a;
	assert_int_equal(gl_stats_agreement(p->s, &f, 0, &a, &err), GL_OK);
	assert_int_equal(a.letters, 2);  /* letters 1 and 3 are read (classified) by all three */
	assert_int_equal(a.ncategories, 1);
	const struct gl_stats_agree_category *c = &a.categories[0];
	assert_int_equal(c->letters, 3);  /* letter 4 has one value: not pairable */
	assert_true(c->numeric);
	/* the same matrix through the pure function */
	double data[4 * 3];
	for (int d = 0; d < 4; d++)
		for (int k = 0; k < 3; k++)
			data[d * 3 + k] = v[d][k] ? (double)v[d][k] : NAN;
	struct gl_agree_alpha want;
	assert_int_equal(gl_agree_alpha_matrix(data, 4, 3, GL_AGREE_NOMINAL, &want, &err), GL_OK);
	NEAR(c->nominal.alpha, want.alpha, 1e-12);
	assert_true(c->interval.defined);
	assert_true(c->ordinal.defined);
	gl_stats_agreement_finish(&a);
}

/* coders_in_c (the export's agreement of every coder): the SQL keeps every coder's rows and the
 * agreement drops the other coders' itself, with the figures of the filtered query. Cecilia,
 * not asked, codes a code of her own, reads a letter Bosse has not, and classifies a letter:
 * none of it may open a code, make a letter common or open a category. */
static void test_agreement_coders_in_c(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	coding(p, p->l1, p->trygghet, p->anna, 0, 10);
	coding(p, p->l1, p->trygghet, p->bosse, 5, 15);
	coding(p, p->l1, p->studiero, p->cecilia, 0, 5);
	coding(p, p->l3, p->trygghet, p->anna, 0, 5);
	coding(p, p->l3, p->trygghet, p->cecilia, 0, 5);
	assert_int_equal(gl_store_classify(p->s, p->l1, p->helhet, p->pos, p->cecilia, NULL, &err),
		GL_OK);
	int64_t both[2] = { p->anna, p->bosse };
	struct gl_stats_agreement want, got;
	struct gl_query_stats_filter f = { both, 2, NULL, 0, false };
	assert_int_equal(gl_stats_agreement(p->s, &f, 0, &want, &err), GL_OK);
	f.coders_in_c = true;
	assert_int_equal(gl_stats_agreement(p->s, &f, 0, &got, &err), GL_OK);
	assert_int_equal(want.letters, 1);
	assert_int_equal(want.ncodes, 1);
	assert_int_equal(want.ncategories, 0);
	assert_int_equal(got.letters, want.letters);
	assert_int_equal(got.characters, want.characters);
	assert_int_equal(got.ncodes, want.ncodes);
	assert_int_equal(got.ncategories, want.ncategories);
	assert_int_equal(got.codes[0].code_id, want.codes[0].code_id);
	NEAR(got.codes[0].sum.percent, want.codes[0].sum.percent, 1e-12);
	NEAR(got.codes[0].sum.kappa, want.codes[0].sum.kappa, 1e-12);
	gl_stats_agreement_finish(&want);
	gl_stats_agreement_finish(&got);
}

static void same_matrix(const struct gl_stats_matrix *a, const struct gl_stats_matrix *b)
{
	assert_int_equal(a->nrows, b->nrows);
	assert_int_equal(a->ncols, b->ncols);
	assert_int_equal(a->total_letters, b->total_letters);
	for (size_t i = 0; i < a->nrows * a->ncols; i++) {
		assert_int_equal(a->codings[i], b->codings[i]);
		assert_int_equal(a->letters[i], b->letters[i]);
		assert_int_equal(a->base[i], b->base[i]);
	}
	for (size_t r = 0; r < a->nrows; r++) {
		assert_int_equal(a->row_codings[r], b->row_codings[r]);
		assert_int_equal(a->row_letters[r], b->row_letters[r]);
	}
}

/* The export's one read for the code matrices and the agreement gives what the two calls give:
 * when the agreement reads the spans (every coder's codings counted, the last letter's last
 * code too), when it stops before reading them (no letter read by all: the matrices read the
 * spans alone), and when the two filters differ (each its own query). */
static void test_code_matrices_agreement(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 }, aerr = { 0 };
	coding(p, p->l1, p->trygghet, p->anna, 0, 10);
	coding(p, p->l1, p->trygghet, p->bosse, 5, 15);
	coding(p, p->l3, p->studiero, p->cecilia, 0, 5);  /* the only letter she has read */
	coding(p, p->l2, p->studiero, p->anna, 0, 8);
	coding(p, p->l4, p->trygghet, p->bosse, 0, 7);
	coding(p, p->l4, p->studiero, p->bosse, 2, 9);
	int64_t two[2] = { p->anna, p->bosse };
	int64_t three[3] = { p->anna, p->bosse, p->cecilia };
	struct gl_query_stats_filter none = { NULL, 0, NULL, 0, false };
	struct gl_stats_matrix ws, wg, gs, gg;
	assert_int_equal(gl_stats_code_matrices(p->s, &none, &ws, &wg, &err), GL_OK);
	struct {
		int64_t *coders;
		size_t n;
		bool in_c;
		enum gl_status agree;
	} cases[] = { { two, 2, true, GL_OK }, { three, 3, true, GL_ENOTFOUND },
		{ two, 2, false, GL_OK } };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct gl_query_stats_filter af = { cases[i].coders, cases[i].n, NULL, 0,
			cases[i].in_c };
		struct gl_stats_agreement want, got;
		enum gl_status want_st = gl_stats_agreement(p->s, &af, 0, &want, &aerr), got_st;
		assert_int_equal(want_st, cases[i].agree);
		assert_int_equal(gl_stats_code_matrices_agreement(p->s, &none, &gs, &gg, &af, &got,
			&got_st, &aerr, &err), GL_OK);
		assert_int_equal(got_st, want_st);
		same_matrix(&gs, &ws);
		same_matrix(&gg, &wg);
		if (want_st == GL_OK) {
			assert_int_equal(got.letters, want.letters);
			assert_int_equal(got.characters, want.characters);
			assert_int_equal(got.ncodes, want.ncodes);
			for (size_t c = 0; c < got.ncodes; c++) {
				assert_int_equal(got.codes[c].code_id, want.codes[c].code_id);
				NEAR(got.codes[c].sum.percent, want.codes[c].sum.percent, 1e-12);
			}
		}
		gl_stats_agreement_finish(&want);
		gl_stats_agreement_finish(&got);
		gl_stats_matrix_finish(&gs);
		gl_stats_matrix_finish(&gg);
	}
	gl_stats_matrix_finish(&ws);
	gl_stats_matrix_finish(&wg);
}

/* Every code's schools x groups in one pass equal each code's own matrix. */
static void test_school_group_all(void **state)
{
	struct proj *p = *state;
	coding(p, p->l2, p->studiero, p->anna, 0, 8);
	coding(p, p->l2, p->trygghet, p->anna, 12, 21);
	coding(p, p->l2, p->trygghet, p->bosse, 12, 21);
	coding(p, p->l3, p->trygghet, p->anna, 0, 5);
	coding(p, p->l4, p->studiero, p->bosse, 0, 7);
	struct gl_stats_matrix *all = NULL;
	int64_t *ids = NULL;
	size_t n = 0;
	struct gl_error err = { 0 };
	assert_int_equal(gl_stats_school_group_all(p->s, NULL, &all, &ids, &n, &err), GL_OK);
	assert_int_equal(n, 3);  /* Lärmiljö, Studiero, Trygghet (not the exclusive category) */
	for (size_t i = 0; i < n; i++) {
		struct gl_stats_matrix one;
		assert_int_equal(gl_stats_school_group_matrix(p->s, ids[i], NULL, &one, &err), GL_OK);
		assert_int_equal(all[i].nrows, one.nrows);
		assert_int_equal(all[i].ncols, one.ncols);
		size_t cells = one.nrows * one.ncols;
		assert_memory_equal(all[i].codings, one.codings, cells * sizeof *one.codings);
		assert_memory_equal(all[i].letters, one.letters, cells * sizeof *one.letters);
		assert_memory_equal(all[i].base, one.base, cells * sizeof *one.base);
		assert_memory_equal(all[i].row_letters, one.row_letters,
			one.nrows * sizeof *one.row_letters);
		assert_int_equal(all[i].total_letters, one.total_letters);
		gl_stats_matrix_finish(&one);
	}
	size_t cat = 0;
	while (cat < n && ids[cat] != p->cat)
		cat++;
	assert_true(cat < n);
	size_t north = row_of(&all[cat], p->north), teachers = col_of(&all[cat], 1);
	assert_int_equal(all[cat].codings[north * all[cat].ncols + teachers], 3);
	assert_int_equal(all[cat].letters[north * all[cat].ncols + teachers], 1);
	for (size_t i = 0; i < n; i++)
		gl_stats_matrix_finish(&all[i]);
	free(all);
	free(ids);
}

/* A kind of document narrows every figure to its documents: a survey text's codings are
 * counted without the filter and left out with kind "letter". */
static void test_kind_filter(void **state)
{
	struct proj *p = *state;
	struct gl_document d = { 0 };
	d.kind = "survey_text";
	d.school_id = p->north;
	d.group_id = 2;
	d.text = "Trygghet i fritext.";
	d.text_len = strlen(d.text);
	int64_t st_id = 0;
	bool dup;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_document_insert(p->s, &d, &st_id, &dup, &err), GL_OK);
	coding(p, st_id, p->trygghet, p->anna, 0, 8);
	coding(p, st_id, p->trygghet, p->bosse, 0, 4);
	coding(p, p->l1, p->trygghet, p->anna, 0, 8);
	coding(p, p->l1, p->trygghet, p->bosse, 0, 8);
	struct gl_stats_matrix m;
	assert_int_equal(gl_stats_code_matrix(p->s, GL_STATS_BY_SCHOOL, NULL, &m, &err), GL_OK);
	size_t tr = row_of(&m, p->trygghet), north = col_of(&m, p->north);
	assert_int_equal(m.codings[tr * m.ncols + north], 4);
	assert_int_equal(m.letters[tr * m.ncols + north], 2);
	assert_int_equal(m.total_letters, 5);
	gl_stats_matrix_finish(&m);
	struct gl_query_stats_filter f = { NULL, 0, "letter", 0, false };
	assert_int_equal(gl_stats_code_matrix(p->s, GL_STATS_BY_SCHOOL, &f, &m, &err), GL_OK);
	tr = row_of(&m, p->trygghet);
	north = col_of(&m, p->north);
	assert_int_equal(m.codings[tr * m.ncols + north], 2);
	assert_int_equal(m.letters[tr * m.ncols + north], 1);
	assert_int_equal(m.base[tr * m.ncols + north], 2);
	assert_int_equal(m.total_letters, 4);
	gl_stats_matrix_finish(&m);
	/* co-occurrence and agreement take the same letters */
	struct gl_stats_cooccurrence c;
	assert_int_equal(gl_stats_cooccurrence(p->s, GL_STATS_LETTER, &f, &c, &err), GL_OK);
	assert_int_equal(c.codes.row_letters[row_of(&c.codes, p->trygghet)], 1);
	gl_stats_cooccurrence_finish(&c);
	int64_t coders[2] = { p->anna, p->bosse };
	struct gl_query_stats_filter g = { coders, 2, "letter", 0, false };
	struct gl_stats_agreement a;
	assert_int_equal(gl_stats_agreement(p->s, &g, p->trygghet, &a, &err), GL_OK);
	assert_int_equal(a.letters, 1);  /* the survey text is read too, but not a letter */
	assert_int_equal(a.ncodes, 1);
	NEAR(a.codes[0].sum.percent, 1.0, 1e-12);  /* l1: both coded 0-8 */
	gl_stats_agreement_finish(&a);
	g.kind = NULL;
	assert_int_equal(gl_stats_agreement(p->s, &g, p->trygghet, &a, &err), GL_OK);
	assert_int_equal(a.letters, 2);
	assert_true(a.codes[0].sum.percent < 1.0);
	gl_stats_agreement_finish(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_matrix_category_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profile_and_cooccurrence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agreement_code_points_and_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agreement_partial, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agreement_category, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agreement_coders_in_c, setup, teardown),
		cmocka_unit_test_setup_teardown(test_code_matrices_agreement, setup, teardown),
		cmocka_unit_test_setup_teardown(test_school_group_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kind_filter, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
