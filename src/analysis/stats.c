/* The analysis as one query layer (stats.h): counts from the store's queries (queries.h), no
 * SQL of its own, and the figures from agreement.c and freq.c. */
#include "genomlys/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/str.h"

static enum gl_status oom(struct gl_error *err)
{
	return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
}

static const char *text_of(const struct gl_value *v)
{
	return v->type == GL_VAL_TEXT ? v->s : "";
}

/* ---- id -> index maps (sorted arrays) ---- */

struct id_index {
	int64_t id;
	size_t index;
};

static int id_index_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct id_index *)a)->id, y = ((const struct id_index *)b)->id;
	return x < y ? -1 : x > y;
}

struct id_map {
	struct id_index *v;
	size_t n, cap;
};

static bool id_map_add(struct id_map *m, int64_t id, size_t index)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		struct id_index *p = realloc(m->v, cap * sizeof *p);
		if (!p)
			return false;
		m->v = p;
		m->cap = cap;
	}
	m->v[m->n++] = (struct id_index){ id, index };
	return true;
}

static void id_map_sort(struct id_map *m)
{
	if (m->n)
		qsort(m->v, m->n, sizeof *m->v, id_index_cmp);
}

/* The index of id, or SIZE_MAX. */
static size_t id_map_get(const struct id_map *m, int64_t id)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->v[lo].id == id ? m->v[lo].index : SIZE_MAX;
}

static void id_map_free(struct id_map *m)
{
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* ---- labels ---- */

struct labels {
	struct gl_stats_label *v;
	size_t n, cap;
	size_t *parent;    /* codes: the parent's index, SIZE_MAX at the top or outside the rows */
	size_t pcap;
	struct id_map map;
	bool failed;
};

static struct gl_stats_label *labels_add(struct labels *l, int64_t id, const char *name,
	const char *short_name)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct gl_stats_label *p = realloc(l->v, cap * sizeof *p);
		if (!p)
			return NULL;
		l->v = p;
		l->cap = cap;
	}
	if (l->n == l->pcap) {
		size_t cap = l->pcap ? l->pcap * 2 : 32;
		size_t *p = realloc(l->parent, cap * sizeof *p);
		if (!p)
			return NULL;
		l->parent = p;
		l->pcap = cap;
	}
	struct gl_stats_label *x = &l->v[l->n];
	memset(x, 0, sizeof *x);
	x->id = id;
	x->name = gl_strdup(name);
	x->short_name = gl_strdup(short_name);
	if (!x->name || !x->short_name || !id_map_add(&l->map, id, l->n)) {
		free(x->name);
		free(x->short_name);
		return NULL;
	}
	l->parent[l->n] = SIZE_MAX;
	l->n++;
	return x;
}

static void labels_free_array(struct gl_stats_label *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].short_name);
	}
	free(v);
}

static void labels_free(struct labels *l)
{
	labels_free_array(l->v, l->n);
	free(l->parent);
	id_map_free(&l->map);
	memset(l, 0, sizeof *l);
}

/* Codes in codebook order; the exclusive categories and their values are skipped into
 * `exclusive` (for the agreement's categories) when it is not NULL. */
struct code_load {
	struct labels *rows;
	struct labels *exclusive;
	struct id_map skip;  /* ids of exclusive categories */
};

/* codes: id, uuid, parent_id, path, name, description, color, exclusive, value, codings */
static int code_row(void *ctx, const struct gl_row *row)
{
	struct code_load *c = ctx;
	const struct gl_value *v = row->values;
	int64_t id = v[0].i, parent = v[2].type == GL_VAL_INT ? v[2].i : 0;
	bool excl = v[7].i != 0;
	/* the skip map is searched while it grows: a linear look at the few exclusive ids */
	bool parent_excl = false;
	for (size_t i = 0; i < c->skip.n; i++)
		if (c->skip.v[i].id == parent)
			parent_excl = true;
	if (excl) {
		if (!id_map_add(&c->skip, id, 0))
			return 1;
		if (c->exclusive && !labels_add(c->exclusive, id, text_of(&v[3]), text_of(&v[4])))
			return 1;
		return 0;
	}
	if (parent_excl)
		return 0;
	/* the parent comes before its children in codebook order */
	size_t p = SIZE_MAX;
	for (size_t i = c->rows->n; parent && i-- > 0;)
		if (c->rows->v[i].id == parent) {
			p = i;
			break;
		}
	struct gl_stats_label *x = labels_add(c->rows, id, text_of(&v[3]), text_of(&v[4]));
	if (!x)
		return 1;
	c->rows->parent[c->rows->n - 1] = p;
	x->depth = p == SIZE_MAX ? 1 : c->rows->v[p].depth + 1;
	if (p != SIZE_MAX)
		c->rows->v[p].category = true;
	return 0;
}

static enum gl_status load_codes(struct gl_store *s, struct labels *rows,
	struct labels *exclusive, struct gl_error *err)
{
	struct code_load c = { rows, exclusive, { 0 } };
	enum gl_status st = gl_store_list(s, GL_LIST_CODES, NULL, 0, 0, code_row, &c, err);
	id_map_free(&c.skip);
	if (st == GL_ECANCELLED)
		return oom(err);
	if (st != GL_OK)
		return st;
	id_map_sort(&rows->map);
	if (exclusive)
		id_map_sort(&exclusive->map);
	return GL_OK;
}

/* schools: id, uuid, name, ...; groups: id, uuid, key, name_sv, name_en, letters, name (the
 * interface's language) */
static int school_col(void *ctx, const struct gl_row *row)
{
	struct labels *l = ctx;
	const char *name = text_of(&row->values[2]);
	return labels_add(l, row->values[0].i, name, name) ? 0 : 1;
}

static int group_col(void *ctx, const struct gl_row *row)
{
	struct labels *l = ctx;
	const char *name = text_of(&row->values[6]);
	return labels_add(l, row->values[0].i, name, name) ? 0 : 1;
}

static enum gl_status load_cols(struct gl_store *s, enum gl_stats_by by, struct labels *cols,
	struct gl_error *err)
{
	enum gl_status st = by == GL_STATS_BY_SCHOOL ?
		gl_store_list(s, GL_LIST_SCHOOLS, NULL, 0, 0, school_col, cols, err) :
		gl_store_list(s, GL_LIST_GROUPS, NULL, 0, 0, group_col, cols, err);
	if (st == GL_ECANCELLED)
		return oom(err);
	id_map_sort(&cols->map);
	return st;
}

/* ---- the letters, as integer arrays ---- */

/* The letters of the filter's kind by id, read once from a covering index (never their text):
 * a coding's school, group and length come from here instead of a join per coding. */
struct corpus {
	int64_t *id, *school, *group, *length;
	size_t n, cap;
	size_t last;       /* the index found last: codings come in letter order */
	int64_t characters;
};

/* rows: id, school_id, group_id, length */
static int corpus_row(void *ctx, const struct gl_row *row)
{
	struct corpus *c = ctx;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1024;
		int64_t *v[4] = { c->id, c->school, c->group, c->length };
		for (int i = 0; i < 4; i++) {
			int64_t *p = realloc(v[i], cap * sizeof *p);
			if (!p)
				return 1;
			v[i] = p;
		}
		c->id = v[0];
		c->school = v[1];
		c->group = v[2];
		c->length = v[3];
		c->cap = cap;
	}
	c->id[c->n] = row->values[0].i;
	c->school[c->n] = row->values[1].i;
	c->group[c->n] = row->values[2].i;
	c->length[c->n] = row->values[3].i;
	c->characters += row->values[3].i;
	c->n++;
	return 0;
}

static void corpus_free(struct corpus *c)
{
	free(c->id);
	free(c->school);
	free(c->group);
	free(c->length);
	memset(c, 0, sizeof *c);
}

static enum gl_status corpus_load(struct gl_store *s, const struct gl_query_stats_filter *f,
	struct corpus *c, struct gl_error *err)
{
	memset(c, 0, sizeof *c);
	enum gl_status st = gl_query_stats_letters(s, f, corpus_row, c, err);
	return st == GL_ECANCELLED ? oom(err) : st;
}

/* The index of letter id, or SIZE_MAX when it is not one of them (another kind). */
static size_t corpus_find(struct corpus *c, int64_t id)
{
	if (c->last < c->n && c->id[c->last] == id)
		return c->last;
	if (c->last + 1 < c->n && c->id[c->last + 1] == id)
		return ++c->last;
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->n && c->id[lo] == id)
		return c->last = lo;
	return SIZE_MAX;
}

/* ---- matrices ---- */

void gl_stats_matrix_finish(struct gl_stats_matrix *m)
{
	if (!m)
		return;
	labels_free_array(m->rows, m->nrows);
	labels_free_array(m->cols, m->ncols);
	free(m->codings);
	free(m->letters);
	free(m->base);
	free(m->row_codings);
	free(m->row_letters);
	free(m->row_base);
	memset(m, 0, sizeof *m);
}

double gl_stats_cell(const struct gl_stats_matrix *m, enum gl_stats_measure measure, size_t r,
	size_t c)
{
	int64_t codings, letters, base;
	if (c >= m->ncols) {
		codings = m->row_codings[r];
		letters = m->row_letters[r];
		base = m->row_base[r];
	} else {
		size_t i = r * m->ncols + c;
		codings = m->codings[i];
		letters = m->letters[i];
		base = m->base[i];
	}
	switch (measure) {
	case GL_STATS_CODINGS: return (double)codings;
	case GL_STATS_LETTERS: return (double)letters;
	case GL_STATS_SHARE: return base > 0 ? (double)letters / (double)base : NAN;
	}
	return NAN;
}

/* Takes the labels' arrays into m and allocates the counts. */
static enum gl_status matrix_alloc(struct gl_stats_matrix *m, struct labels *rows,
	struct labels *cols, struct gl_error *err)
{
	memset(m, 0, sizeof *m);
	m->nrows = rows->n;
	m->ncols = cols->n;
	m->rows = rows->v;
	m->cols = cols->v;
	rows->v = NULL;
	rows->n = 0;
	cols->v = NULL;
	cols->n = 0;
	size_t cells = m->nrows * m->ncols + 1, nr = m->nrows + 1;
	m->codings = calloc(cells, sizeof *m->codings);
	m->letters = calloc(cells, sizeof *m->letters);
	m->base = calloc(cells, sizeof *m->base);
	m->row_codings = calloc(nr, sizeof *m->row_codings);
	m->row_letters = calloc(nr, sizeof *m->row_letters);
	m->row_base = calloc(nr, sizeof *m->row_base);
	if (!m->codings || !m->letters || !m->base || !m->row_codings || !m->row_letters ||
		!m->row_base)
		return oom(err);
	return GL_OK;
}

static void matrix_totals(struct gl_stats_matrix *m)
{
	for (size_t r = 0; r < m->nrows; r++) {
		m->row_codings[r] = m->row_letters[r] = m->row_base[r] = 0;
		for (size_t c = 0; c < m->ncols; c++) {
			m->row_codings[r] += m->codings[r * m->ncols + c];
			m->row_letters[r] += m->letters[r * m->ncols + c];
			m->row_base[r] += m->base[r * m->ncols + c];
		}
	}
}

/* Letters per column (code matrix) or per cell (school x group), from the corpus. */
static void population(struct gl_stats_matrix *m, const struct corpus *lt,
	const struct id_map *rows, const struct id_map *cols, enum gl_stats_by by)
{
	m->total_letters = (int64_t)lt->n;
	for (size_t i = 0; i < lt->n; i++) {
		if (rows) {  /* rows NULL: the column's letters go to every row */
			size_t r = id_map_get(rows, lt->school[i]), c = id_map_get(cols, lt->group[i]);
			if (r != SIZE_MAX && c != SIZE_MAX)
				m->base[r * m->ncols + c]++;
			continue;
		}
		size_t c = id_map_get(cols, by == GL_STATS_BY_SCHOOL ? lt->school[i] : lt->group[i]);
		if (c == SIZE_MAX)
			continue;
		for (size_t r = 0; r < m->nrows; r++)
			m->base[r * m->ncols + c]++;
	}
}

struct counting {
	struct gl_stats_matrix *m;
	const struct labels *codes;   /* the code rows (with their parents) */
	const struct id_map *cols;
	struct corpus *letters;
	enum gl_stats_by by;
	int64_t *last_doc;            /* per row: the last letter counted */
	/* school x group within a code: */
	const bool *in_code;          /* per code row: in the code's subtree */
	const struct id_map *school_rows;
	int64_t last;                 /* the last letter counted */
};

/* rows: code_id, document_id, codings (by letter) */
static int count_row(void *ctx, const struct gl_row *row)
{
	struct counting *k = ctx;
	const struct gl_value *v = row->values;
	int64_t doc = v[1].i, n = v[2].i;
	size_t r = id_map_get(&k->codes->map, v[0].i);
	if (r == SIZE_MAX)
		return 0;
	size_t li = corpus_find(k->letters, doc);
	if (li == SIZE_MAX)
		return 0;
	int64_t school = k->letters->school[li], group = k->letters->group[li];
	struct gl_stats_matrix *m = k->m;
	if (k->in_code) {
		if (!k->in_code[r])
			return 0;
		size_t sr = id_map_get(k->school_rows, school), c = id_map_get(k->cols, group);
		if (sr == SIZE_MAX || c == SIZE_MAX)
			return 0;
		m->codings[sr * m->ncols + c] += n;
		if (k->last != doc)
			m->letters[sr * m->ncols + c]++;
		k->last = doc;
		return 0;
	}
	size_t c = id_map_get(k->cols, k->by == GL_STATS_BY_SCHOOL ? school : group);
	if (c == SIZE_MAX)
		return 0;
	/* the code and every category above it; a letter once per row */
	for (size_t a = r; a != SIZE_MAX; a = k->codes->parent[a]) {
		m->codings[a * m->ncols + c] += n;
		if (k->last_doc[a] != doc) {
			m->letters[a * m->ncols + c]++;
			k->last_doc[a] = doc;
		}
	}
	return 0;
}

/* rows of gl_query_code_letter_counts for several matrices at once */
struct countings {
	struct counting *k;
	size_t n;
};

static int count_rows(void *ctx, const struct gl_row *row)
{
	struct countings *c = ctx;
	for (size_t i = 0; i < c->n; i++)
		count_row(&c->k[i], row);
	return 0;
}

/* The codings per letter and code counted from the agreement's walk of every coding's span
 * (gl_stats_code_matrices_agreement): the rows of gl_query_code_letter_counts (code_id,
 * document_id, codings; by letter and code) from consecutive spans of one letter and code, so
 * that the export reads the codings once for both. */
struct tap {
	gl_row_fn fn;
	void *ctx;
	int64_t doc, code, n;     /* the letter and code being counted; n == 0: none yet */
	bool fed, done;           /* a span was counted; every span was (and the last run given) */
};

static void tap_flush(struct tap *t)
{
	static const char *const names[] = { "code_id", "document_id", "codings" };
	if (!t->n)
		return;
	struct gl_value v[3] = {
		{ .type = GL_VAL_INT, .i = t->code, .r = (double)t->code },
		{ .type = GL_VAL_INT, .i = t->doc, .r = (double)t->doc },
		{ .type = GL_VAL_INT, .i = t->n, .r = (double)t->n } };
	struct gl_row r = { 3, names, v };
	t->fn(t->ctx, &r);
	t->n = 0;
}

/* rows: document_id, code_id, ... (by letter and code) */
static void tap_row(struct tap *t, const struct gl_row *row)
{
	int64_t doc = row->values[0].i, code = row->values[1].i;
	if (t->n && (doc != t->doc || code != t->code))
		tap_flush(t);
	t->doc = doc;
	t->code = code;
	t->n++;
	t->fed = true;
}

static int tap_only_row(void *ctx, const struct gl_row *row)
{
	tap_row(ctx, row);
	return 0;
}

struct shared_scan;
static void shared_agreement(struct gl_store *s, struct shared_scan *sh, struct tap *t,
	struct gl_error *err);

/* The code matrices by[0..n) (n <= 2) from one read of the corpus and of the counts; with sh,
 * the counts come from the agreement's read of the codings (shared_agreement). */
static enum gl_status code_matrices(struct gl_store *s, const enum gl_stats_by *by, size_t n,
	const struct gl_query_stats_filter *f, struct gl_stats_matrix *out, struct gl_error *err,
	struct shared_scan *sh)
{
	struct labels rows[2] = { { 0 } }, cols[2] = { { 0 } };
	struct corpus lt = { 0 };
	int64_t *last_doc[2] = { NULL, NULL };
	bool moved[2] = { false, false };  /* rows[i].v is the matrix's (not to be freed here) */
	struct counting k[2];
	enum gl_status st = GL_OK;
	for (size_t i = 0; i < n; i++)
		memset(&out[i], 0, sizeof out[i]);
	for (size_t i = 0; st == GL_OK && i < n; i++) {
		st = load_codes(s, &rows[i], NULL, err);
		if (st == GL_OK)
			st = load_cols(s, by[i], &cols[i], err);
	}
	if (st == GL_OK)
		st = corpus_load(s, f, &lt, err);
	for (size_t i = 0; st == GL_OK && i < n; i++) {
		/* the labels' arrays move into the matrix; the maps and parents stay in rows/cols */
		struct labels code_rows = rows[i];  /* parent and map, read after the move */
		struct gl_stats_label *rv = rows[i].v;
		size_t rn = rows[i].n;
		st = matrix_alloc(&out[i], &rows[i], &cols[i], err);
		if (st != GL_OK)
			break;
		code_rows.v = rv;
		code_rows.n = rn;
		rows[i] = code_rows;
		moved[i] = true;
		population(&out[i], &lt, NULL, &cols[i].map, by[i]);
		last_doc[i] = malloc((rn + 1) * sizeof *last_doc[i]);
		if (!last_doc[i]) {
			st = oom(err);
			break;
		}
		for (size_t r = 0; r < rn; r++)
			last_doc[i][r] = -1;
		k[i] = (struct counting){ &out[i], &rows[i], &cols[i].map, &lt, by[i], last_doc[i],
			NULL, NULL, -1 };
	}
	struct countings all = { k, n };
	if (st == GL_OK && sh) {
		struct tap t = { count_rows, &all, -1, -1, 0, false, false };
		shared_agreement(s, sh, &t, err);
		if (!t.done)
			st = err->status ? err->status : GL_EIO;
	} else if (st == GL_OK)
		st = gl_query_code_letter_counts(s, f, count_rows, &all, err);
	for (size_t i = 0; st == GL_OK && i < n; i++)
		matrix_totals(&out[i]);
	corpus_free(&lt);
	for (size_t i = 0; i < n; i++) {
		free(last_doc[i]);
		if (moved[i]) {
			rows[i].v = NULL;  /* moved into the matrix */
			rows[i].n = 0;
		}
		labels_free(&rows[i]);
		labels_free(&cols[i]);
		if (st != GL_OK)
			gl_stats_matrix_finish(&out[i]);
	}
	return st;
}

enum gl_status gl_stats_code_matrix(struct gl_store *s, enum gl_stats_by by,
	const struct gl_query_stats_filter *f, struct gl_stats_matrix *out, struct gl_error *err)
{
	return code_matrices(s, &by, 1, f, out, err, NULL);
}

enum gl_status gl_stats_code_matrices(struct gl_store *s, const struct gl_query_stats_filter *f,
	struct gl_stats_matrix *by_school, struct gl_stats_matrix *by_group, struct gl_error *err)
{
	const enum gl_stats_by by[2] = { GL_STATS_BY_SCHOOL, GL_STATS_BY_GROUP };
	struct gl_stats_matrix m[2];
	enum gl_status st = code_matrices(s, by, 2, f, m, err, NULL);
	*by_school = m[0];
	*by_group = m[1];
	return st;
}

enum gl_status gl_stats_school_group_matrix(struct gl_store *s, int64_t code_id,
	const struct gl_query_stats_filter *f, struct gl_stats_matrix *out, struct gl_error *err)
{
	memset(out, 0, sizeof *out);
	struct labels codes = { 0 }, schools = { 0 }, groups = { 0 };
	struct corpus lt = { 0 };
	bool *in_code = NULL;
	enum gl_status st = load_codes(s, &codes, NULL, err);
	if (st == GL_OK)
		st = load_cols(s, GL_STATS_BY_SCHOOL, &schools, err);
	if (st == GL_OK)
		st = load_cols(s, GL_STATS_BY_GROUP, &groups, err);
	if (st == GL_OK)
		st = corpus_load(s, f, &lt, err);
	if (st != GL_OK)
		goto out;
	size_t root = id_map_get(&codes.map, code_id);
	if (root == SIZE_MAX) {
		st = gl_error_set(err, GL_ENOTFOUND, "%s", _("the code is not in the codebook, or "
			"it classifies whole letters"));
		goto out;
	}
	in_code = calloc(codes.n + 1, sizeof *in_code);
	if (!in_code) {
		st = oom(err);
		goto out;
	}
	for (size_t i = 0; i < codes.n; i++)
		for (size_t a = i; a != SIZE_MAX && !in_code[i]; a = codes.parent[a])
			in_code[i] = a == root;
	struct id_map school_map = schools.map, group_map = groups.map;
	schools.map = (struct id_map){ 0 };
	groups.map = (struct id_map){ 0 };
	st = matrix_alloc(out, &schools, &groups, err);
	if (st == GL_OK)
		population(out, &lt, &school_map, &group_map, GL_STATS_BY_SCHOOL);
	struct counting k = { out, &codes, &group_map, &lt, GL_STATS_BY_GROUP, NULL, in_code,
		&school_map, -1 };
	if (st == GL_OK)
		st = gl_query_code_letter_counts(s, f, count_row, &k, err);
	if (st == GL_OK)
		matrix_totals(out);
	id_map_free(&school_map);
	id_map_free(&group_map);
out:
	corpus_free(&lt);
	free(in_code);
	labels_free(&codes);
	labels_free(&schools);
	labels_free(&groups);
	if (st != GL_OK)
		gl_stats_matrix_finish(out);
	return st;
}

/* Every code's schools x groups, in one pass. */
struct cube {
	struct gl_stats_matrix *m;    /* [codes] */
	const struct labels *codes;
	const struct id_map *schools, *groups;
	struct corpus *letters;
	int64_t *last_doc;            /* per code row: the last letter counted */
};

/* rows: code_id, document_id, codings (by letter) */
static int cube_row(void *ctx, const struct gl_row *row)
{
	struct cube *k = ctx;
	const struct gl_value *v = row->values;
	int64_t doc = v[1].i, n = v[2].i;
	size_t r = id_map_get(&k->codes->map, v[0].i), li = corpus_find(k->letters, doc);
	if (r == SIZE_MAX || li == SIZE_MAX)
		return 0;
	size_t sr = id_map_get(k->schools, k->letters->school[li]);
	size_t c = id_map_get(k->groups, k->letters->group[li]);
	if (sr == SIZE_MAX || c == SIZE_MAX)
		return 0;
	for (size_t a = r; a != SIZE_MAX; a = k->codes->parent[a]) {
		struct gl_stats_matrix *m = &k->m[a];
		m->codings[sr * m->ncols + c] += n;
		if (k->last_doc[a] != doc) {
			m->letters[sr * m->ncols + c]++;
			k->last_doc[a] = doc;
		}
	}
	return 0;
}

static bool labels_clone(const struct labels *src, struct labels *dst)
{
	memset(dst, 0, sizeof *dst);
	for (size_t i = 0; i < src->n; i++)
		if (!labels_add(dst, src->v[i].id, src->v[i].name, src->v[i].short_name))
			return false;
	return true;
}

enum gl_status gl_stats_school_group_all(struct gl_store *s,
	const struct gl_query_stats_filter *f, struct gl_stats_matrix **out, int64_t **code_ids,
	size_t *n, struct gl_error *err)
{
	*out = NULL;
	*code_ids = NULL;
	*n = 0;
	struct labels codes = { 0 }, schools = { 0 }, groups = { 0 };
	struct corpus lt = { 0 };
	struct gl_stats_matrix *m = NULL;
	int64_t *ids = NULL, *last_doc = NULL;
	size_t made = 0;
	enum gl_status st = load_codes(s, &codes, NULL, err);
	if (st == GL_OK)
		st = load_cols(s, GL_STATS_BY_SCHOOL, &schools, err);
	if (st == GL_OK)
		st = load_cols(s, GL_STATS_BY_GROUP, &groups, err);
	if (st == GL_OK)
		st = corpus_load(s, f, &lt, err);
	if (st != GL_OK)
		goto out;
	m = calloc(codes.n + 1, sizeof *m);
	ids = calloc(codes.n + 1, sizeof *ids);
	last_doc = malloc((codes.n + 1) * sizeof *last_doc);
	if (!m || !ids || !last_doc) {
		st = oom(err);
		goto out;
	}
	for (; made < codes.n; made++) {
		struct labels r, c;
		bool ok = labels_clone(&schools, &r) && labels_clone(&groups, &c);
		st = ok ? matrix_alloc(&m[made], &r, &c, err) : oom(err);
		labels_free(&r);
		labels_free(&c);
		if (st != GL_OK) {
			made++;
			goto out;
		}
		ids[made] = codes.v[made].id;
		last_doc[made] = -1;
		if (made == 0)
			population(&m[0], &lt, &schools.map, &groups.map, GL_STATS_BY_SCHOOL);
		else
			memcpy(m[made].base, m[0].base, m[0].nrows * m[0].ncols * sizeof *m[0].base);
		m[made].total_letters = m[0].total_letters;
	}
	struct cube k = { m, &codes, &schools.map, &groups.map, &lt, last_doc };
	if ((st = gl_query_code_letter_counts(s, f, cube_row, &k, err)) != GL_OK)
		goto out;
	for (size_t i = 0; i < made; i++)
		matrix_totals(&m[i]);
	*out = m;
	*code_ids = ids;
	*n = made;
	m = NULL;
	ids = NULL;
out:
	for (size_t i = 0; m && i < made; i++)
		gl_stats_matrix_finish(&m[i]);
	free(m);
	free(ids);
	free(last_doc);
	corpus_free(&lt);
	labels_free(&codes);
	labels_free(&schools);
	labels_free(&groups);
	return st;
}

/* ---- a school's profile ---- */

static int profile_cmp(const void *a, const void *b)
{
	const struct gl_stats_profile_row *x = a, *y = b;
	if (x->test.defined != y->test.defined)
		return x->test.defined ? -1 : 1;
	if (x->test.defined && x->test.z != y->test.z)
		return x->test.z > y->test.z ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

enum gl_status gl_stats_profile(struct gl_store *s, int64_t school_id,
	const struct gl_query_stats_filter *f, struct gl_stats_profile *out, struct gl_error *err)
{
	memset(out, 0, sizeof *out);
	out->school_id = school_id;
	struct gl_stats_matrix *m = &out->matrix;
	enum gl_status st = gl_stats_code_matrix(s, GL_STATS_BY_SCHOOL, f, m, err);
	if (st != GL_OK)
		return st;
	size_t col = SIZE_MAX;
	for (size_t c = 0; c < m->ncols; c++)
		if (m->cols[c].id == school_id)
			col = c;
	if (col == SIZE_MAX) {
		gl_stats_profile_finish(out);
		return gl_error_set(err, GL_ENOTFOUND, "%s", _("no such school"));
	}
	out->rows = calloc(m->nrows + 1, sizeof *out->rows);
	if (!out->rows) {
		gl_stats_profile_finish(out);
		return oom(err);
	}
	for (size_t r = 0; r < m->nrows; r++) {
		if (m->row_letters[r] == 0)
			continue;
		size_t i = r * m->ncols + col;
		struct gl_stats_profile_row *p = &out->rows[out->n++];
		p->row = r;
		p->code_id = m->rows[r].id;
		p->code = m->rows[r].name;
		p->category = m->rows[r].category;
		p->codings = m->codings[i];
		p->letters = m->letters[i];
		p->school_letters = m->base[i];
		p->other_with = m->row_letters[r] - m->letters[i];
		p->other_letters = m->row_base[r] - m->base[i];
		if ((st = gl_freq_two_proportions(p->letters, p->school_letters, p->other_with,
			p->other_letters, &p->test, err)) != GL_OK) {
			gl_stats_profile_finish(out);
			return st;
		}
	}
	if (out->n)
		qsort(out->rows, out->n, sizeof *out->rows, profile_cmp);
	return GL_OK;
}

void gl_stats_profile_finish(struct gl_stats_profile *p)
{
	if (!p)
		return;
	gl_stats_matrix_finish(&p->matrix);
	free(p->rows);
	p->rows = NULL;
	p->n = 0;
}

const char *gl_stats_profile_words(const struct gl_stats_profile_row *r)
{
	if (!r->test.defined)
		return N_("not defined");
	if (r->test.z >= GL_STATS_Z)
		return N_("over-represented");
	if (r->test.z <= -GL_STATS_Z)
		return N_("under-represented");
	return N_("as elsewhere");
}

/* ---- co-occurrence ---- */

/* Pairs of code rows in an open-addressing table keyed by (a, b). */
struct pair_table {
	struct gl_stats_pair *v;  /* the pairs, in the order first seen */
	size_t n, cap;
	size_t *slot;             /* index + 1 into v; 0: empty */
	size_t nslots;
	size_t *ra, *rb;          /* the pairs' rows */
	int64_t *last_doc;        /* the last letter counted for the pair */
};

static size_t pair_hash(size_t a, size_t b, size_t nslots)
{
	uint64_t h = ((uint64_t)a * 0x9E3779B97F4A7C15u) ^ ((uint64_t)b + 0x632BE59BD9B4E019u);
	h ^= h >> 29;
	return (size_t)(h & (nslots - 1));
}

static bool pair_grow(struct pair_table *t)
{
	size_t nslots = t->nslots ? t->nslots * 2 : 1024;
	size_t *slot = calloc(nslots, sizeof *slot);
	if (!slot)
		return false;
	for (size_t i = 0; i < t->n; i++) {
		size_t h = pair_hash(t->ra[i], t->rb[i], nslots);
		while (slot[h])
			h = (h + 1) & (nslots - 1);
		slot[h] = i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslots = nslots;
	return true;
}

/* The pair (a, b), a < b, created with zero counts when new; NULL when out of memory. */
static size_t pair_get(struct pair_table *t, size_t a, size_t b)
{
	if ((t->n + 1) * 2 > t->nslots && !pair_grow(t))
		return SIZE_MAX;
	size_t h = pair_hash(a, b, t->nslots);
	while (t->slot[h]) {
		size_t i = t->slot[h] - 1;
		if (t->ra[i] == a && t->rb[i] == b)
			return i;
		h = (h + 1) & (t->nslots - 1);
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		struct gl_stats_pair *v = realloc(t->v, cap * sizeof *v);
		if (v)
			t->v = v;
		size_t *ra = realloc(t->ra, cap * sizeof *ra);
		if (ra)
			t->ra = ra;
		size_t *rb = realloc(t->rb, cap * sizeof *rb);
		if (rb)
			t->rb = rb;
		int64_t *ld = realloc(t->last_doc, cap * sizeof *ld);
		if (ld)
			t->last_doc = ld;
		if (!v || !ra || !rb || !ld)
			return SIZE_MAX;
		t->cap = cap;
	}
	size_t i = t->n++;
	memset(&t->v[i], 0, sizeof t->v[i]);
	t->ra[i] = a;
	t->rb[i] = b;
	t->last_doc[i] = -1;
	t->slot[h] = i + 1;
	return i;
}

/* One span of the current letter (overlap scope) or one code of it (letter scope). */
struct cspan {
	size_t row;
	int64_t start, end;
};

static int cspan_cmp(const void *a, const void *b)
{
	const struct cspan *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

struct cooc {
	struct pair_table pairs;
	const struct id_map *codes;
	struct corpus *letters;  /* of the filter's kind */
	int64_t *own_letters;  /* per code row: letters with the code as coded */
	int64_t *own_last;
	int64_t doc;
	struct cspan *v;       /* the current letter's codes or spans */
	size_t n, cap;
	bool failed;
};

static void cooc_flush_letter(struct cooc *c, enum gl_stats_scope scope)
{
	/* spans come by code, coder and start: the sweep needs them by start */
	if (scope == GL_STATS_OVERLAP && c->n > 1)
		qsort(c->v, c->n, sizeof *c->v, cspan_cmp);
	for (size_t i = 0; i < c->n && !c->failed; i++) {
		for (size_t j = i + 1; j < c->n; j++) {
			if (scope == GL_STATS_OVERLAP && c->v[j].start >= c->v[i].end)
				break;  /* sorted by start: no later span overlaps span i */
			size_t ri = c->v[i].row, rj = c->v[j].row;
			if (ri == rj)
				continue;
			size_t p = pair_get(&c->pairs, ri < rj ? ri : rj, ri < rj ? rj : ri);
			if (p == SIZE_MAX) {
				c->failed = true;
				break;
			}
			c->pairs.v[p].count++;
			if (c->pairs.last_doc[p] != c->doc) {
				c->pairs.v[p].letters++;
				c->pairs.last_doc[p] = c->doc;
			}
		}
	}
	c->n = 0;
}

static bool cooc_push(struct cooc *c, size_t row, int64_t start, int64_t end)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct cspan *v = realloc(c->v, cap * sizeof *v);
		if (!v)
			return false;
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = (struct cspan){ row, start, end };
	return true;
}

static int cooc_own(struct cooc *c, size_t r, int64_t doc)
{
	if (c->own_last[r] != doc) {
		c->own_letters[r]++;
		c->own_last[r] = doc;
	}
	return 0;
}

/* A row of letter doc with code code_id: false when it is not counted (another kind, or a
 * code outside the rows); the current letter flushed when doc starts a new one. */
static bool cooc_take(struct cooc *c, enum gl_stats_scope scope, int64_t doc, int64_t code_id,
	size_t *r)
{
	*r = id_map_get(c->codes, code_id);
	if (*r == SIZE_MAX || corpus_find(c->letters, doc) == SIZE_MAX)
		return false;
	if (doc != c->doc) {
		cooc_flush_letter(c, scope);
		c->doc = doc;
	}
	cooc_own(c, *r, doc);
	return true;
}

/* rows: code_id, document_id, codings */
static int cooc_letter_row(void *ctx, const struct gl_row *row)
{
	struct cooc *c = ctx;
	size_t r;
	if (!cooc_take(c, GL_STATS_LETTER, row->values[1].i, row->values[0].i, &r))
		return 0;
	return !cooc_push(c, r, 0, 0) || c->failed;
}

/* rows: document_id, code_id, coder_id, start, end (by letter, code, coder and start) */
static int cooc_span_row(void *ctx, const struct gl_row *row)
{
	struct cooc *c = ctx;
	size_t r;
	if (!cooc_take(c, GL_STATS_OVERLAP, row->values[0].i, row->values[1].i, &r))
		return 0;
	return !cooc_push(c, r, row->values[3].i, row->values[4].i) || c->failed;
}

static int pair_cmp(const void *a, const void *b)
{
	const struct gl_stats_pair *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->letters != y->letters)
		return x->letters > y->letters ? -1 : 1;
	/* then codebook order (a's row, b's row), kept in letters_a's place until here */
	if (x->code_a != y->code_a)
		return strcmp(x->a, y->a);
	return strcmp(x->b, y->b);
}

enum gl_status gl_stats_cooccurrence(struct gl_store *s, enum gl_stats_scope scope,
	const struct gl_query_stats_filter *f, struct gl_stats_cooccurrence *out,
	struct gl_error *err)
{
	memset(out, 0, sizeof *out);
	out->scope = scope;
	struct labels codes = { 0 }, none = { 0 };
	struct corpus lt = { 0 };
	struct cooc c = { .doc = -1, .letters = &lt };
	enum gl_status st = load_codes(s, &codes, NULL, err);
	if (st == GL_OK)
		st = corpus_load(s, f, &lt, err);
	if (st != GL_OK)
		goto out;
	struct id_map map = codes.map;
	codes.map = (struct id_map){ 0 };
	c.codes = &map;
	size_t n = codes.n;
	if ((st = matrix_alloc(&out->codes, &codes, &none, err)) != GL_OK)
		goto out_map;
	c.own_letters = out->codes.row_letters;
	c.own_last = malloc((n + 1) * sizeof *c.own_last);
	if (!c.own_last) {
		st = oom(err);
		goto out_map;
	}
	for (size_t i = 0; i < n; i++)
		c.own_last[i] = -1;
	st = scope == GL_STATS_LETTER ? gl_query_code_letter_counts(s, f, cooc_letter_row, &c, err) :
		gl_query_coding_spans(s, f, cooc_span_row, &c, err);
	if (st == GL_OK)
		cooc_flush_letter(&c, scope);
	if (st == GL_ECANCELLED || c.failed) {
		st = oom(err);
		goto out_map;
	}
	if (st != GL_OK)
		goto out_map;
	struct gl_stats_matrix *m = &out->codes;
	for (size_t i = 0; i < c.pairs.n; i++) {
		struct gl_stats_pair *p = &c.pairs.v[i];
		size_t a = c.pairs.ra[i], b = c.pairs.rb[i];
		p->code_a = m->rows[a].id;
		p->code_b = m->rows[b].id;
		p->a = m->rows[a].name;
		p->b = m->rows[b].name;
		p->letters_a = m->row_letters[a];
		p->letters_b = m->row_letters[b];
		p->jaccard = NAN;
		if (scope == GL_STATS_LETTER &&
			(st = gl_freq_jaccard(p->letters, p->letters_a, p->letters_b, &p->jaccard, err))
			!= GL_OK)
			goto out_map;
	}
	if (c.pairs.n)
		qsort(c.pairs.v, c.pairs.n, sizeof *c.pairs.v, pair_cmp);
	out->pairs = c.pairs.v;
	out->n = c.pairs.n;
	c.pairs.v = NULL;
out_map:
	id_map_free(&map);
out:
	free(c.pairs.v);
	free(c.pairs.slot);
	free(c.pairs.ra);
	free(c.pairs.rb);
	free(c.pairs.last_doc);
	free(c.own_last);
	free(c.v);
	corpus_free(&lt);
	labels_free(&codes);
	if (st != GL_OK)
		gl_stats_cooccurrence_finish(out);
	return st;
}

void gl_stats_cooccurrence_finish(struct gl_stats_cooccurrence *c)
{
	if (!c)
		return;
	free(c->pairs);
	c->pairs = NULL;
	c->n = 0;
	gl_stats_matrix_finish(&c->codes);
}

/* ---- intercoder agreement ---- */

/* One code's spans in one letter, per coder. */
struct spans {
	struct gl_span **v;
	size_t *n, *cap;
	size_t coders;
};

static bool spans_init(struct spans *sp, size_t coders)
{
	sp->coders = coders;
	sp->v = calloc(coders, sizeof *sp->v);
	sp->n = calloc(coders, sizeof *sp->n);
	sp->cap = calloc(coders, sizeof *sp->cap);
	return sp->v && sp->n && sp->cap;
}

static void spans_free(struct spans *sp)
{
	for (size_t i = 0; sp->v && i < sp->coders; i++)
		free(sp->v[i]);
	free(sp->v);
	free(sp->n);
	free(sp->cap);
}

static bool spans_push(struct spans *sp, size_t coder, int64_t start, int64_t end)
{
	if (sp->n[coder] == sp->cap[coder]) {
		size_t cap = sp->cap[coder] ? sp->cap[coder] * 2 : 8;
		struct gl_span *p = realloc(sp->v[coder], cap * sizeof *p);
		if (!p)
			return false;
		sp->v[coder] = p;
		sp->cap[coder] = cap;
	}
	sp->v[coder][sp->n[coder]++] = (struct gl_span){ start, end };
	return true;
}

/* One code's counts over the common letters. */
struct code_acc {
	int64_t code_id;
	struct gl_agree_chars chars;
	int64_t covered;   /* characters of the letters added (the rest: nobody coded them) */
};

/* One pass over the codings in letter order (letter, code, coder, start): the spans of one
 * code in one letter are a group, added to the code's counts (or, for the drill-down, to the
 * letter's own). */
struct agree_walk {
	const struct gl_query_stats_filter *f;
	struct tap *tap;              /* also counts every span for the code matrices (or NULL) */
	int64_t code_id;              /* > 0: this code only */
	struct corpus *letters;
	const bool *common;           /* per letter: read by every coder */
	struct spans spans;
	int64_t code, doc;            /* the current group (-1: none yet) */
	size_t doc_index;
	struct code_acc *acc;         /* the codes met so far */
	size_t nacc, acap, last_acc;
	struct gl_agree_chars one;    /* the current letter's (for the drill-down) */
	struct gl_stats_agree_letter *per_letter;  /* drill-down (NULL: not wanted) */
	size_t nletters, lcap;
	bool want_letters;
	enum gl_status status;
	struct gl_error *err;
};

static size_t coder_index(const struct gl_query_stats_filter *f, int64_t coder)
{
	for (size_t i = 0; i < f->ncoders; i++)
		if (f->coders[i] == coder)
			return i;
	return SIZE_MAX;
}

/* The counts of code_id, created when new; NULL when out of memory. */
static struct code_acc *walk_acc(struct agree_walk *w, int64_t code_id)
{
	if (w->last_acc < w->nacc && w->acc[w->last_acc].code_id == code_id)
		return &w->acc[w->last_acc];
	for (size_t i = 0; i < w->nacc; i++)
		if (w->acc[i].code_id == code_id)
			return &w->acc[w->last_acc = i];
	if (w->nacc == w->acap) {
		size_t cap = w->acap ? w->acap * 2 : 32;
		struct code_acc *p = realloc(w->acc, cap * sizeof *p);
		if (!p)
			return NULL;
		w->acc = p;
		w->acap = cap;
	}
	struct code_acc *x = &w->acc[w->nacc];
	memset(x, 0, sizeof *x);
	x->code_id = code_id;
	if (gl_agree_chars_init(&x->chars, w->f->ncoders) != GL_OK)
		return NULL;
	w->last_acc = w->nacc++;
	return x;
}

static void walk_acc_free(struct agree_walk *w)
{
	for (size_t i = 0; i < w->nacc; i++)
		gl_agree_chars_finish(&w->acc[i].chars);
	free(w->acc);
	w->acc = NULL;
	w->nacc = w->acap = 0;
}

/* Adds the current group (one code's spans in one letter) to the counts. */
static void walk_flush(struct agree_walk *w)
{
	if (w->doc < 0 || w->status != GL_OK)
		return;
	int64_t length = w->letters->length[w->doc_index];
	const struct gl_span *const *sp = (const struct gl_span *const *)w->spans.v;
	if (w->want_letters) {
		gl_agree_chars_clear(&w->one);
		w->status = gl_agree_chars_add_letter(&w->one, length, sp, w->spans.n, w->err);
		if (w->status == GL_OK && w->nletters == w->lcap) {
			size_t cap = w->lcap ? w->lcap * 2 : 64;
			struct gl_stats_agree_letter *p = realloc(w->per_letter, cap * sizeof *p);
			if (!p)
				w->status = oom(w->err);
			else {
				w->per_letter = p;
				w->lcap = cap;
			}
		}
		if (w->status == GL_OK) {
			int64_t all = w->one.by_count[w->one.coders], none = w->one.by_count[0];
			struct gl_stats_agree_letter *x = &w->per_letter[w->nletters];
			*x = (struct gl_stats_agree_letter){ w->doc, length, length - all - none,
				length - none, { 0 } };
			w->status = gl_agree_chars_summary(&w->one, &x->sum, w->err);
			if (w->status == GL_OK)
				w->nletters++;
		}
	} else {
		struct code_acc *a = walk_acc(w, w->code);
		if (!a)
			w->status = oom(w->err);
		else {
			w->status = gl_agree_chars_add_letter(&a->chars, length, sp, w->spans.n, w->err);
			a->covered += length;
		}
	}
	for (size_t c = 0; c < w->spans.coders; c++)
		w->spans.n[c] = 0;
	w->doc = -1;
}

/* rows: document_id, code_id, coder_id, start, end (by letter, code, coder and start) */
static int agree_row(void *ctx, const struct gl_row *row)
{
	struct agree_walk *w = ctx;
	const struct gl_value *v = row->values;
	int64_t doc = v[0].i, code = v[1].i;
	if (w->tap)
		tap_row(w->tap, row);  /* every coding, whoever coded it */
	if (w->code_id > 0 && code != w->code_id)
		return 0;
	/* another coder's coding (the SQL filters none with coders_in_c): before it could open a
	 * letter and code of its own */
	size_t c = coder_index(w->f, v[2].i);
	if (c == SIZE_MAX)
		return 0;
	if (doc != w->doc || code != w->code) {
		walk_flush(w);
		size_t i = corpus_find(w->letters, doc);
		if (i == SIZE_MAX || !w->common[i])
			return w->status != GL_OK;  /* another kind, or not read by every coder */
		w->doc = doc;
		w->doc_index = i;
		w->code = code;
	}
	if (!spans_push(&w->spans, c, v[3].i, v[4].i))
		w->status = oom(w->err);
	return w->status != GL_OK;
}

static double alpha_key(const struct gl_agree_alpha *a)
{
	return a->defined ? a->alpha : INFINITY;
}

static int agree_code_cmp(const void *a, const void *b)
{
	const struct gl_stats_agree_code *x = a, *y = b;
	double ka = alpha_key(&x->sum.alpha), kb = alpha_key(&y->sum.alpha);
	if (ka != kb)
		return ka < kb ? -1 : 1;
	return strcmp(x->code ? x->code : "", y->code ? y->code : "");
}

static int agree_cat_cmp(const void *a, const void *b)
{
	const struct gl_stats_agree_category *x = a, *y = b;
	double ka = alpha_key(&x->nominal), kb = alpha_key(&y->nominal);
	if (ka != kb)
		return ka < kb ? -1 : 1;
	return strcmp(x->category ? x->category : "", y->category ? y->category : "");
}

/* Classifications of one category as a units x coders matrix. */
struct class_walk {
	const struct gl_query_stats_filter *f;
	struct corpus *letters;   /* of the filter's kind */
	const struct labels *exclusive;
	int64_t category, doc;
	size_t unit;            /* the current letter's row in the matrices */
	double *nominal, *numeric;
	size_t units, cap;
	bool numeric_ok;
	struct gl_stats_agree_category *cats;
	size_t ncats, ccap;
	enum gl_status status;
	struct gl_error *err;
};

static void class_flush(struct class_walk *w)
{
	if (w->category < 0 || w->status != GL_OK)
		return;
	size_t k = w->f->ncoders;
	if (w->ncats == w->ccap) {
		size_t cap = w->ccap ? w->ccap * 2 : 8;
		struct gl_stats_agree_category *p = realloc(w->cats, cap * sizeof *p);
		if (!p) {
			w->status = oom(w->err);
			return;
		}
		w->cats = p;
		w->ccap = cap;
	}
	struct gl_stats_agree_category *c = &w->cats[w->ncats];
	memset(c, 0, sizeof *c);
	c->category_id = w->category;
	c->numeric = w->numeric_ok && w->units > 0;
	size_t i = id_map_get(&w->exclusive->map, w->category);
	c->category = gl_strdup(i != SIZE_MAX ? w->exclusive->v[i].name : "?");
	if (!c->category) {
		w->status = oom(w->err);
		return;
	}
	w->ncats++;
	w->status = gl_agree_alpha_matrix(w->nominal, w->units, k, GL_AGREE_NOMINAL, &c->nominal,
		w->err);
	c->letters = c->nominal.units;
	c->ordinal.alpha = c->interval.alpha = NAN;
	if (w->status == GL_OK && c->numeric)
		w->status = gl_agree_alpha_matrix(w->numeric, w->units, k, GL_AGREE_ORDINAL,
			&c->ordinal, w->err);
	if (w->status == GL_OK && c->numeric)
		w->status = gl_agree_alpha_matrix(w->numeric, w->units, k, GL_AGREE_INTERVAL,
			&c->interval, w->err);
	w->units = 0;
}

/* rows: category_id, document_id, coder_id, value_code_id, value */
static int class_row(void *ctx, const struct gl_row *row)
{
	struct class_walk *w = ctx;
	const struct gl_value *v = row->values;
	size_t k = w->f->ncoders;
	if (corpus_find(w->letters, v[1].i) == SIZE_MAX)
		return 0;  /* another kind of document */
	size_t c = coder_index(w->f, v[2].i);
	if (c == SIZE_MAX)
		return 0;  /* another coder's (the SQL filters none with coders_in_c) */
	if (v[0].i != w->category) {
		class_flush(w);
		w->category = v[0].i;
		w->doc = -1;
		w->numeric_ok = true;
	}
	if (v[1].i != w->doc) {
		if (w->units == w->cap) {
			size_t cap = w->cap ? w->cap * 2 : 256;
			double *a = realloc(w->nominal, cap * k * sizeof *a);
			if (a)
				w->nominal = a;
			double *b = realloc(w->numeric, cap * k * sizeof *b);
			if (b)
				w->numeric = b;
			if (!a || !b) {
				w->status = oom(w->err);
				return 1;
			}
			w->cap = cap;
		}
		w->unit = w->units++;
		for (size_t j = 0; j < k; j++)
			w->nominal[w->unit * k + j] = w->numeric[w->unit * k + j] = NAN;
		w->doc = v[1].i;
	}
	w->nominal[w->unit * k + c] = (double)v[3].i;
	if (v[4].type == GL_VAL_NULL)
		w->numeric_ok = false;
	else
		w->numeric[w->unit * k + c] = v[4].type == GL_VAL_INT ? (double)v[4].i : v[4].r;
	return 0;
}

void gl_stats_agreement_finish(struct gl_stats_agreement *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->ncodes; i++)
		free(a->codes[i].code);
	for (size_t i = 0; i < a->ncategories; i++)
		free(a->categories[i].category);
	free(a->codes);
	free(a->categories);
	memset(a, 0, sizeof *a);
}

/* Counts the read marks per letter. */
struct read_count {
	struct corpus *letters;
	unsigned *count;
	const struct gl_query_stats_filter *f;
};

/* rows: document_id, coder_id */
static int read_row(void *ctx, const struct gl_row *row)
{
	struct read_count *r = ctx;
	if (coder_index(r->f, row->values[1].i) == SIZE_MAX)
		return 0;  /* another coder's (the SQL filters none with coders_in_c) */
	size_t i = corpus_find(r->letters, row->values[0].i);
	if (i != SIZE_MAX)
		r->count[i]++;
	return 0;
}

/* The letters (of f's kind) and which of them every coder of f has read (*common, one flag per
 * letter; *n of them, *characters theirs): GL_ENOTFOUND (no message) when there are none. */
static enum gl_status common_letters(struct gl_store *s, const struct gl_query_stats_filter *f,
	struct corpus *l, bool **common, size_t *n, int64_t *characters, struct gl_error *err)
{
	*common = NULL;
	*n = 0;
	*characters = 0;
	if (!f || f->ncoders < 2)
		return gl_error_set(err, GL_EINVAL, "%s", _("agreement needs two or more coders"));
	enum gl_status st = corpus_load(s, f, l, err);
	if (st != GL_OK)
		return st;
	struct read_count r = { l, calloc(l->n + 1, sizeof *r.count), f };
	*common = calloc(l->n + 1, sizeof **common);
	if (!r.count || !*common) {
		free(r.count);
		return oom(err);
	}
	st = gl_query_stats_reads(s, f, read_row, &r, err);
	for (size_t i = 0; st == GL_OK && i < l->n; i++)
		if (r.count[i] == f->ncoders) {
			(*common)[i] = true;
			(*n)++;
			*characters += l->length[i];
		}
	free(r.count);
	if (st == GL_OK && *n == 0)
		return GL_ENOTFOUND;
	return st;
}

static void walk_free(struct agree_walk *w)
{
	walk_acc_free(w);
	spans_free(&w->spans);
	gl_agree_chars_finish(&w->one);
	free(w->per_letter);
	w->per_letter = NULL;
}

static enum gl_status agreement(struct gl_store *s, const struct gl_query_stats_filter *f,
	int64_t code_id, struct gl_stats_agreement *out, struct gl_error *err, struct tap *tap)
{
	memset(out, 0, sizeof *out);
	struct corpus l = { 0 };
	bool *common = NULL;
	struct labels codes = { 0 }, exclusive = { 0 };
	struct agree_walk w = { .f = f, .tap = tap, .code_id = code_id, .letters = &l,
		.code = -1, .doc = -1, .err = err };
	struct class_walk cw = { .f = f, .letters = &l, .exclusive = &exclusive, .category = -1,
		.doc = -1, .err = err };
	size_t nletters = 0;
	int64_t characters = 0;
	enum gl_status st = common_letters(s, f, &l, &common, &nletters, &characters, err);
	if (st != GL_OK)
		goto out;
	w.common = common;
	out->ncoders = f->ncoders;
	out->letters = nletters;
	out->characters = characters;
	if ((st = load_codes(s, &codes, &exclusive, err)) != GL_OK)
		goto out;
	if (code_id > 0 && id_map_get(&codes.map, code_id) == SIZE_MAX) {
		st = gl_error_set(err, GL_EINVAL, "%s", _("that code classifies whole letters: its "
			"agreement is the category's (without --code)"));
		goto out;
	}
	if (!spans_init(&w.spans, f->ncoders)) {
		st = oom(err);
		goto out;
	}
	st = gl_query_coding_spans(s, f, agree_row, &w, err);
	if (tap && st == GL_OK) {
		tap_flush(tap);
		tap->done = true;
	}
	if (st == GL_ECANCELLED)
		st = w.status;
	if (st == GL_OK) {
		walk_flush(&w);
		st = w.status;
	}
	/* a code asked for that nobody used in these letters: all characters "neither" */
	if (st == GL_OK && code_id > 0 && w.nacc == 0 && !walk_acc(&w, code_id))
		st = oom(err);
	if (st != GL_OK)
		goto out;
	out->codes = calloc(w.nacc + 1, sizeof *out->codes);
	if (!out->codes) {
		st = oom(err);
		goto out;
	}
	for (size_t i = 0; i < w.nacc; i++) {
		struct code_acc *a = &w.acc[i];
		/* the letters without the code's spans are characters nobody coded */
		int64_t rest = characters - a->covered;
		if (rest > 0 && (st = gl_agree_chars_add_letter(&a->chars, rest,
			(const struct gl_span *const *)w.spans.v, w.spans.n, err)) != GL_OK)
			goto out;
		a->chars.letters = nletters;
		struct gl_stats_agree_code *c = &out->codes[out->ncodes];
		c->code_id = a->code_id;
		size_t r = id_map_get(&codes.map, a->code_id);
		c->code = gl_strdup(r != SIZE_MAX ? codes.v[r].name : "?");
		if (!c->code) {
			st = oom(err);
			goto out;
		}
		out->ncodes++;
		if ((st = gl_agree_chars_summary(&a->chars, &c->sum, err)) != GL_OK)
			goto out;
	}
	if (out->ncodes)
		qsort(out->codes, out->ncodes, sizeof *out->codes, agree_code_cmp);
	if (code_id <= 0) {
		st = gl_query_stats_classifications(s, f, class_row, &cw, err);
		if (st == GL_ECANCELLED)
			st = cw.status;
		if (st == GL_OK) {
			class_flush(&cw);
			st = cw.status;
		}
		if (cw.ncats)
			qsort(cw.cats, cw.ncats, sizeof *cw.cats, agree_cat_cmp);
		out->categories = cw.cats;
		out->ncategories = cw.ncats;
		cw.cats = NULL;
	}
out:
	walk_free(&w);
	free(cw.nominal);
	free(cw.numeric);
	free(common);
	corpus_free(&l);
	labels_free(&codes);
	labels_free(&exclusive);
	if (st != GL_OK)
		gl_stats_agreement_finish(out);
	return st;
}

enum gl_status gl_stats_agreement(struct gl_store *s, const struct gl_query_stats_filter *f,
	int64_t code_id, struct gl_stats_agreement *out, struct gl_error *err)
{
	return agreement(s, f, code_id, out, err, NULL);
}

struct shared_scan {
	const struct gl_query_stats_filter *f;  /* the agreement's */
	struct gl_stats_agreement *out;
	enum gl_status st;
	struct gl_error *err;
};

/* The agreement, its walk of the spans counting them for the matrices too (t); when it stops
 * before it reads a span (no letter every coder has read, too few coders), the spans are read
 * for the matrices alone. t->done tells whether the counts are whole; err has why not. */
static void shared_agreement(struct gl_store *s, struct shared_scan *sh, struct tap *t,
	struct gl_error *err)
{
	sh->st = agreement(s, sh->f, 0, sh->out, sh->err, t);
	if (t->done)
		return;
	if (t->fed) {  /* stopped halfway: the counts are not whole */
		*err = *sh->err;
		if (!err->status)
			gl_error_set(err, sh->st, "%s", gl_status_str(sh->st));
		return;
	}
	enum gl_status st = gl_query_coding_spans(s, sh->f, tap_only_row, t, err);
	if (st == GL_OK) {
		tap_flush(t);
		t->done = true;
	}
}

enum gl_status gl_stats_code_matrices_agreement(struct gl_store *s,
	const struct gl_query_stats_filter *cf, struct gl_stats_matrix *by_school,
	struct gl_stats_matrix *by_group, const struct gl_query_stats_filter *af,
	struct gl_stats_agreement *agree, enum gl_status *agree_st, struct gl_error *agree_err,
	struct gl_error *err)
{
	const enum gl_stats_by by[2] = { GL_STATS_BY_SCHOOL, GL_STATS_BY_GROUP };
	struct gl_stats_matrix m[2];
	enum gl_status st;
	memset(agree, 0, sizeof *agree);
	if ((cf && cf->ncoders) || !af || (af->ncoders && !af->coders_in_c)) {
		/* the two queries would not read the same codings: each its own */
		st = code_matrices(s, by, 2, cf, m, err, NULL);
		*agree_st = st == GL_OK ? agreement(s, af, 0, agree, agree_err, NULL) : st;
	} else {
		struct shared_scan sh = { af, agree, GL_OK, agree_err };
		st = code_matrices(s, by, 2, cf, m, err, &sh);
		*agree_st = st == GL_OK ? sh.st : st;
		if (st != GL_OK)
			gl_stats_agreement_finish(agree);
	}
	*by_school = m[0];
	*by_group = m[1];
	return st;
}

static int agree_letter_cmp(const void *a, const void *b)
{
	const struct gl_stats_agree_letter *x = a, *y = b;
	if (x->disagree != y->disagree)
		return x->disagree > y->disagree ? -1 : 1;
	return x->document_id < y->document_id ? -1 : x->document_id > y->document_id;
}

enum gl_status gl_stats_agreement_letters(struct gl_store *s,
	const struct gl_query_stats_filter *f, int64_t code_id, struct gl_stats_agree_letter **out,
	size_t *n, struct gl_error *err)
{
	*out = NULL;
	*n = 0;
	struct corpus l = { 0 };
	bool *common = NULL;
	size_t nletters = 0;
	int64_t characters = 0;
	struct agree_walk w = { .f = f, .code_id = code_id, .letters = &l, .code = -1,
		.doc = -1, .err = err, .want_letters = true };
	enum gl_status st = common_letters(s, f, &l, &common, &nletters, &characters, err);
	w.common = common;
	if (st == GL_OK && !spans_init(&w.spans, f->ncoders))
		st = oom(err);
	if (st == GL_OK && (st = gl_agree_chars_init(&w.one, f->ncoders)) != GL_OK)
		gl_error_set(err, st, "%s", gl_status_str(st));
	if (st == GL_OK)
		st = gl_query_coding_spans(s, f, agree_row, &w, err);
	if (st == GL_ECANCELLED)
		st = w.status;
	if (st == GL_OK) {
		walk_flush(&w);
		st = w.status;
	}
	if (st == GL_OK) {
		if (w.nletters)
			qsort(w.per_letter, w.nletters, sizeof *w.per_letter, agree_letter_cmp);
		*out = w.per_letter;
		*n = w.nletters;
		w.per_letter = NULL;
	}
	walk_free(&w);
	free(common);
	corpus_free(&l);
	return st;
}
