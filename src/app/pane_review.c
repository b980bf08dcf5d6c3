/* The review pane (facilitator): every coding as a row filtered by code, coder, school and
 * group; or the overlaps of two coders side by side, to keep one or merge them. The review's
 * filter and view are its own state. */
#include "genomlys/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "app_internal.h"

/* What a row carries: one coding, or an overlap of two. */
struct review_row {
	int64_t id, other_id;
	int64_t letter;
	int64_t start, end;
};

struct review {
	struct gl_table table;
	int64_t code_id, coder_id;   /* 0: all */
	char *code, *coder;          /* their names as given */
	bool overlaps;
	/* The overlaps are paged by key (issue 17): the keys (letter, start, id, other_id) of the
	 * rows of the table's window, so that the next window down or up is found after or before
	 * one of them, not by skipping rows with OFFSET. Forgotten when the list is reloaded. */
	int64_t (*keys)[4];
	int64_t keys_off, keys_n;
	/* After a change elsewhere, the cursor's pair is found again by its key (issue 17): the
	 * rows from row `at` on sort from `key` on (the pair, or the next one when it went), those
	 * before it before it. The window is read from there, by key. */
	struct {
		bool on;
		int64_t at;
		int64_t key[4];
	} anchor;
	/* The count of the whole list on a thread of its own (gl_count_job): how many rows sort
	 * before the job's key (or all of them) and the total. It counted what the pane shows when
	 * the filter and the data's version are still those it started with; its answer then
	 * places the unplaced rows (job_at: the provisional number of the row at its key, or of
	 * the end) or, placed, makes the number exact (job_at < 0: only the total is wanted). */
	struct gl_count_job *job;
	struct gl_filter job_filter;
	bool job_overlaps;       /* which list it counts */
	uint64_t job_version;
	int64_t job_at;
	/* what the overlaps' last reload saw: a reload without a change keeps the rows as they
	 * are (an idle poll that finds nothing new, a pane switch) */
	bool loaded;
	uint64_t loaded_version;
	struct gl_filter loaded_filter;
	/* Around the pane's own keep or merge, and the undo or redo of one: the letter it changes
	 * and its overlaps (under the pane's filter) counted there just before, so that the reload
	 * that follows at once counts them again there and adjusts the number by the difference
	 * instead of counting every pair (1.3 s at region scale). Set only for the length of the
	 * action; taken only when no other program wrote since the last reload (data_version);
	 * anything else counts again. */
	struct {
		bool on;
		int64_t letter, before;
	} pend;
	uint32_t others_loaded;  /* the others' commits (data_version's high half) at the reload */
	int id_digits;           /* of the largest coding id: the id columns show ids whole */
	/* The letter of each undo step of this pane's ("remove coding 12": coding 12's), by its
	 * label: a label names the codings it changed, whose letter never changes. */
	struct own_step {
		char *label;
		int64_t letter;
	} *steps;
	size_t nsteps;
};

#define REVIEW_STEPS 256  /* the own steps remembered; older ones are counted again */

/* The overlaps are counted at opening only this far (and past the cursor): a list longer than
 * that shows "1000+" until it is scrolled to its end or G counts it (docs/review.md). */
#define REVIEW_COUNT_FIRST 1000
/* Rows of overlaps per page: each costs about 12 µs to read (two quotes, six tables), so the
 * table's window of three pages is 150 rows (2 ms), not 600 (7 ms at region scale). */
#define REVIEW_PAGE 50

static struct gl_filter review_filter(const struct gl_pane *p)
{
	const struct review *rv = p->priv;
	const struct gl_app *a = p->app;
	struct gl_filter f = { .school_id = a->school_id, .group_id = a->group_id,
		.code_id = rv->code_id, .coder_id = rv->coder_id };
	return f;
}

static const char *text_or(const struct gl_value *v, const char *alt)
{
	return v->type == GL_VAL_TEXT ? v->s : alt;
}

/* GL_LIST_CODINGS: id, uuid, letter, code, code_id, coder, school, group, start, end, quote. */
static int coding_row(void *ctx, const struct gl_row *row)
{
	struct gl_table *t = ctx;
	const struct gl_value *v = row->values;
	struct gl_trow *r = gl_table_append(t, v[0].i, 0);
	struct review_row *d = gl_table_row_data(t, r, sizeof *d);
	if (!r || !d)
		return 1;
	d->id = v[0].i;
	d->other_id = 0;  /* its key: (letter, start, id, 0), compared by its id */
	d->letter = v[2].i;
	d->start = v[8].i;
	d->end = v[9].i;
	gl_table_cellf(t, r, 0, 0, "%lld", (long long)v[0].i);
	gl_table_cell(t, r, 1, text_or(&v[3], ""), 0);
	gl_table_cell(t, r, 2, text_or(&v[5], ""), 0);
	gl_table_cell(t, r, 3, text_or(&v[6], ""), 0);
	gl_table_cell(t, r, 4, text_or(&v[7], ""), 0);
	gl_table_cellf(t, r, 5, 0, "%lld", (long long)v[2].i);
	gl_table_cell(t, r, 6, text_or(&v[10], ""), 0);
	return 0;
}

/* The code points [from, to) of a quote that begins at code point start, appended to out. */
static void quote_part(const char *quote, int64_t start, int64_t from, int64_t to,
	struct gl_str *out)
{
	struct gl_textpos p = { 0, 0 };
	size_t len = strlen(quote);
	size_t b0 = gl_textpos_find(quote, len, &p, from - start);
	size_t b1 = gl_textpos_find(quote, len, &p, to - start);
	if (b1 > b0)
		gl_str_append(out, quote + b0, b1 - b0);
}

/* One side of an overlap: the coder, the span, the text only this side coded (in «»), then
 * the text both coded, so that what differs is seen first however narrow the column. */
static void overlap_side(struct gl_str *out, const char *coder, int64_t a0, int64_t a1,
	int64_t b0, int64_t b1, const char *quote)
{
	int64_t s0 = a0 > b0 ? a0 : b0, s1 = a1 < b1 ? a1 : b1;
	gl_str_printf(out, "%s %lld:%lld ", coder, (long long)a0, (long long)a1);
	if (a0 < s0 || s1 < a1) {
		gl_str_puts(out, "+«");
		quote_part(quote, a0, a0, s0, out);
		if (a0 < s0 && s1 < a1)
			gl_str_puts(out, "…");
		quote_part(quote, a0, s1, a1, out);
		gl_str_puts(out, "» ");
	} else {
		gl_str_puts(out, _("(within the other) "));
	}
	quote_part(quote, a0, s0, s1, out);
}

/* GL_LIST_OVERLAPS: id, other_id, letter, code, coder, other_coder, school, group, start, end,
 * other_start, other_end, quote, other_quote. */
static int overlap_row(void *ctx, const struct gl_row *row)
{
	struct gl_table *t = ctx;
	const struct gl_value *v = row->values;
	struct gl_trow *r = gl_table_append(t, v[0].i, 0);
	struct review_row *d = gl_table_row_data(t, r, sizeof *d);
	if (!r || !d)
		return 1;
	d->id = v[0].i;
	d->other_id = v[1].i;
	d->letter = v[2].i;
	d->start = v[8].i;
	d->end = v[9].i;
	gl_table_cellf(t, r, 0, 0, "%lld & %lld", (long long)v[0].i, (long long)v[1].i);
	gl_table_cell(t, r, 1, text_or(&v[3], ""), 0);
	struct gl_str side = GL_STR_INIT;
	overlap_side(&side, text_or(&v[4], ""), v[8].i, v[9].i, v[10].i, v[11].i,
		text_or(&v[12], ""));
	gl_table_cell(t, r, 2, gl_str_cstr(&side), 0);
	gl_str_clear(&side);
	overlap_side(&side, text_or(&v[5], ""), v[10].i, v[11].i, v[8].i, v[9].i,
		text_or(&v[13], ""));
	gl_table_cell(t, r, 3, gl_str_cstr(&side), 0);
	gl_str_finish(&side);
	return 0;
}

/* The list the review shows: the overlaps or every coding. Both are paged by key (issue 17),
 * the codings by their id (a row's key (letter, start, id, 0)). */
static enum gl_list review_list(const struct review *rv)
{
	return rv->overlaps ? GL_LIST_OVERLAPS : GL_LIST_CODINGS;
}

/* Rows per page: an overlap costs more to read than a coding. */
static int64_t review_page(const struct review *rv)
{
	return rv->overlaps ? REVIEW_PAGE : GL_TABLE_PAGE;
}

/* At most limit rows of the review's list after key (or before it: backward), into t. */
static enum gl_status by_key(struct gl_pane *p, const struct gl_filter *f, const int64_t *key,
	bool backward, int64_t limit, struct gl_table *t, struct gl_error *err)
{
	const struct review *rv = p->priv;
	return gl_store_list_by_key(p->app->store, review_list(rv), f, key, backward, limit,
		rv->overlaps ? overlap_row : coding_row, t, err);
}

/* The index of a row in [from, to] whose key is kept, nearest from; -1 when none. */
static int64_t kept_index(const struct review *rv, int64_t from, int64_t to)
{
	int64_t i = from > rv->keys_off ? from : rv->keys_off;
	return i <= to && i < rv->keys_off + rv->keys_n ? i : -1;
}

/* Where the window [offset, offset + limit) can be found by key: a row b in it (or just past
 * it) such that the rows before b sort before key and those from b on from key on. From a row
 * kept from the last window (b: that row, or the one after it) or from the anchor. */
static bool window_boundary(const struct review *rv, int64_t offset, int64_t limit, int64_t *b,
	int64_t key[4])
{
	int64_t k = kept_index(rv, offset - 1, offset + limit);
	if (k >= 0) {
		memcpy(key, rv->keys[k - rv->keys_off], 4 * sizeof *key);
		*b = k;
		if (k == offset - 1) {  /* the rows after it: from (…, other_id + 1) on */
			key[3]++;
			*b = offset;
		}
		return true;
	}
	if (rv->anchor.on && rv->anchor.at >= offset && rv->anchor.at <= offset + limit) {
		memcpy(key, rv->anchor.key, 4 * sizeof *key);
		*b = rv->anchor.at;
		return true;
	}
	return false;
}

static void keep_keys(struct review *rv, struct gl_table *t);

/* Unplaced rows whose first row turned out to be at provisional number first (a page read
 * backward came back short): every number becomes true; the rows seen so far are there (a
 * lower bound), or the end was found already (exact). The rows read are kept, renumbered. */
static void found_top(struct gl_pane *p, int64_t first)
{
	struct review *rv = p->priv;
	struct gl_table *t = &rv->table;
	bool more = t->more;
	int64_t seen = t->known;
	if (rv->keys_n > 0 && rv->keys_off + rv->keys_n - first > seen)
		seen = rv->keys_off + rv->keys_n - first;
	if (t->cursor + 1 - first > seen)
		seen = t->cursor + 1 - first;
	t->cache_off = first;  /* the rows appended are the list's first */
	if (t->cache_n > seen)
		seen = t->cache_n;
	gl_table_renumber(t, first, more ? seen : t->nrows - first, more);
	rv->anchor.at -= first;
	if (rv->job && rv->job_at >= 0)
		rv->job_at -= first;
	keep_keys(rv, t);
	/* the rows on the screen, now by their numbers (the caller's are the old ones) */
	gl_table_ensure(t, t->top, t->view_height > 0 ? t->view_height : 1, NULL);
}

/* Rows [offset, offset + limit) of the review's list (overlaps or codings): around a boundary
 * (window_boundary; the rows before it read backward, those from it forward), from the start
 * or back from the end, and by OFFSET only for a jump into the middle of a list whose numbers
 * are known. */
static enum gl_status keyed_fetch(struct gl_pane *p, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err)
{
	struct review *rv = p->priv;
	struct gl_filter f = review_filter(p);
	struct gl_store *s = p->app->store;
	int64_t key[4], b = -1;
	enum gl_status st = GL_OK;
	if (offset == 0) {
		st = by_key(p, &f, NULL, false, limit, t, err);
	} else if (window_boundary(rv, offset, limit, &b, key)) {
		if (b > offset)
			st = by_key(p, &f, key, true, b - offset, t, err);
		if (st == GL_OK && t->unplaced && t->cache_n < b - offset) {
			/* fewer rows before b than asked: the list's first row is found, and with it
			 * every row's number */
			found_top(p, b - t->cache_n);
			return GL_OK;
		}
		key[3]--;  /* after (…, other_id - 1), a key of integers, is from the key on */
		if (st == GL_OK && b < offset + limit)
			st = by_key(p, &f, key, false, offset + limit - b, t, err);
	} else if (!t->more && offset + limit >= t->nrows) {
		st = offset < t->nrows ? by_key(p, &f, NULL, true, t->nrows - offset, t, err) : GL_OK;
	} else if (t->unplaced && rv->keys_n > 0) {
		/* no number to skip to (a jump no key reaches: not made by the keys): the rows after
		 * the last ones read, so that what is shown goes on from them */
		memcpy(key, rv->keys[rv->keys_n - 1], sizeof key);
		st = by_key(p, &f, key, false, limit, t, err);
	} else {
		st = gl_store_list(s, review_list(rv), &f, offset, limit,
			rv->overlaps ? overlap_row : coding_row, t, err);
	}
	rv->keys_n = 0;
	if (st == GL_OK)
		keep_keys(rv, t);
	return st;
}

/* Keeps the keys of the window's rows (a failure loses only the next page's way of being
 * found). */
static void keep_keys(struct review *rv, struct gl_table *t)
{
	rv->keys_n = 0;
	if (t->cache_n <= 0)
		return;
	int64_t (*kk)[4] = realloc(rv->keys, (size_t)t->cache_n * sizeof *kk);
	if (!kk)
		return;
	rv->keys = kk;
	for (int i = 0; i < t->cache_n; i++) {
		const struct review_row *d = t->cache[i].data;
		if (!d)
			return;
		kk[i][0] = d->letter;
		kk[i][1] = d->start;
		kk[i][2] = d->id;
		kk[i][3] = d->other_id;
	}
	rv->keys_off = t->cache_off;
	rv->keys_n = t->cache_n;
}

static enum gl_status review_fetch(void *ctx, struct gl_table *t, int64_t offset, int64_t limit,
	struct gl_error *err)
{
	return keyed_fetch(ctx, t, offset, limit, err);
}

static void columns(struct gl_pane *p)
{
	struct review *rv = p->priv;
	struct gl_table *t = &rv->table;
	gl_table_clear_columns(t);
	int d = rv->id_digits > 3 ? rv->id_digits : 3;
	if (rv->overlaps) {
		gl_table_column(t, _("Codings"), 2 * d + 3, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Code"), 12, 1, GL_ALIGN_LEFT);
		gl_table_column(t, _("Left: +«only this one» text"), 20, 3, GL_ALIGN_LEFT);
		gl_table_column(t, _("Right: +«only this one» text"), 20, 3, GL_ALIGN_LEFT);
	} else {
		gl_table_column(t, "#", d + 1, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Code"), 12, 2, GL_ALIGN_LEFT);
		gl_table_column(t, _("Coder"), 8, 0, GL_ALIGN_LEFT);
		gl_table_column(t, _("School"), 10, 1, GL_ALIGN_LEFT);
		/* every group's name whole */
		gl_table_column(t, _("Group"), app_group_width(p->app), 0, GL_ALIGN_LEFT);
		gl_table_column(t, _("Letter"), 6, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Text"), 16, 4, GL_ALIGN_LEFT);
	}
	t->frozen = 1;
}

static enum gl_status review_init(struct gl_pane *p)
{
	struct review *rv = calloc(1, sizeof *rv);
	if (!rv)
		return GL_ENOMEM;
	p->priv = rv;
	gl_table_init(&rv->table, review_fetch, p);
	p->tables[0] = &rv->table;
	p->ntables = 1;
	columns(p);
	return GL_OK;
}

/* Stops the count on the thread, if one runs; its answer is not wanted. */
static void job_drop(struct review *rv)
{
	if (!rv->job)
		return;
	gl_count_job_cancel(rv->job);
	gl_count_job_finish(rv->job, NULL, NULL, NULL);
	rv->job = NULL;
}

/* Starts the count of the whole list on a thread (the key: also how many rows sort before
 * it; at: the provisional number of the row at the key, or of the end without one; -1: only
 * the total). A failure to start leaves the numbers unknown (the user's moves find them). */
static void job_start(struct gl_pane *p, const int64_t *key, int64_t at)
{
	struct review *rv = p->priv;
	struct gl_error err = { 0 };
	job_drop(rv);
	rv->job_filter = review_filter(p);
	rv->job_version = gl_store_data_version(p->app->store);
	rv->job_at = at;
	rv->job_overlaps = rv->overlaps;
	if (gl_count_job_start(gl_store_path(p->app->store), review_list(rv), &rv->job_filter, key,
		&rv->job, &err) != GL_OK)
		rv->job = NULL;
}

/* Another view or filter of the review's own: from the top, nothing kept of the last. */
static void review_restart(struct review *rv)
{
	job_drop(rv);
	rv->keys_n = 0;
	rv->anchor.on = false;
	rv->loaded = false;
	gl_table_reset_more(&rv->table, 0, false);
	rv->table.cursor = rv->table.top = 0;
}

static bool filter_same(const struct gl_filter *x, const struct gl_filter *y)
{
	return x->school_id == y->school_id && x->group_id == y->group_id &&
		x->code_id == y->code_id && x->coder_id == y->coder_id &&
		x->document_id == y->document_id;
}

static void review_finish(struct gl_pane *p)
{
	struct review *rv = p->priv;
	if (rv) {
		gl_table_finish(&rv->table);
		job_drop(rv);
		free(rv->keys);
		for (size_t i = 0; i < rv->nsteps; i++)
			free(rv->steps[i].label);
		free(rv->steps);
		free(rv->code);
		free(rv->coder);
	}
	free(rv);
	p->priv = NULL;
}

/* Every row under the filter (the table's count, for G at a list counted only so far). */
static enum gl_status review_count_all(void *ctx, struct gl_table *t, int64_t *n,
	struct gl_error *err)
{
	struct gl_pane *p = ctx;
	const struct review *rv = p->priv;
	struct gl_filter f = review_filter(p);
	(void)t;
	return gl_store_count(p->app->store, rv->overlaps ? GL_LIST_OVERLAPS : GL_LIST_CODINGS, &f,
		n, err);
}

/* The line above the table: how many rows ("1000+" while the end is not known), the filters,
 * the keys. */
static void review_caption(struct gl_pane *p)
{
	struct gl_app *a = p->app;
	struct review *rv = p->priv;
	long long n = gl_table_rows_known(&rv->table);
	bool more = rv->table.more || rv->table.unplaced;
	gl_str_clear(&p->caption);
	if (rv->overlaps && more)
		/* TRANSLATORS: at least %lld overlaps: the list is counted only so far */
		gl_str_printf(&p->caption, _("Review · %lld+ overlaps"), n);
	else if (more)
		/* TRANSLATORS: at least %lld codings: the list is counted only so far */
		gl_str_printf(&p->caption, _("Review · %lld+ codings"), n);
	else if (rv->overlaps)
		gl_str_printf(&p->caption, ngettext("Review · %lld overlap", "Review · %lld overlaps",
			(unsigned long)n), n);
	else
		gl_str_printf(&p->caption, ngettext("Review · %lld coding", "Review · %lld codings",
			(unsigned long)n), n);
	gl_str_printf(&p->caption, " · %s · %s", rv->code ? rv->code : _("all codes"),
		rv->coder ? rv->coder : _("all coders"));
	if (a->school)
		gl_str_printf(&p->caption, " · %s", a->school);
	if (a->group)
		gl_str_printf(&p->caption, " · %s", a->group);
	struct gl_str hints = GL_STR_INIT;
	if (rv->overlaps) {
		gl_app_hint(a, &hints, GL_ACT_KEEP_FIRST, _("keep left"));
		gl_app_hint(a, &hints, GL_ACT_KEEP_SECOND, _("keep right"));
		gl_app_hint(a, &hints, GL_ACT_MERGE_UNION, _("union"));
		gl_app_hint(a, &hints, GL_ACT_OVERLAPS, _("all"));
	} else {
		gl_app_hint(a, &hints, GL_ACT_ENTER, _("open"));
		gl_app_hint(a, &hints, GL_ACT_OVERLAPS, _("overlaps"));
	}
	if (hints.len)
		gl_str_printf(&p->caption, " · %s", gl_str_cstr(&hints));
	gl_str_finish(&hints);
}

/* The caption again when the table has learned more rows or found its end. */
static void review_grown(void *ctx, struct gl_table *t)
{
	(void)t;
	review_caption(ctx);
}

/* The overlaps under the pane's filter in one letter (where a keep or a merge changes them). */
static bool letter_overlaps(struct gl_pane *p, int64_t letter, int64_t *n)
{
	struct gl_filter f = review_filter(p);
	f.document_id = letter;
	return gl_store_count(p->app->store, GL_LIST_OVERLAPS, &f, n, NULL) == GL_OK;
}

/* Before an action that changes one letter's overlaps: counts them there (see pend). */
static void review_pend(struct gl_pane *p, int64_t letter)
{
	struct review *rv = p->priv;
	rv->pend.letter = letter;
	rv->pend.on = letter > 0 &&
		(uint32_t)(gl_store_data_version(p->app->store) >> 32) == rv->others_loaded &&
		letter_overlaps(p, letter, &rv->pend.before);
}

/* Remembers the letter of an undo step of this pane's. */
static void own_step(struct review *rv, const char *label, int64_t letter)
{
	char *copy = gl_strdup(label);
	if (!copy)
		return;
	if (rv->nsteps == REVIEW_STEPS) {
		free(rv->steps[0].label);
		memmove(rv->steps, rv->steps + 1, (REVIEW_STEPS - 1) * sizeof *rv->steps);
		rv->nsteps--;
	} else {
		struct own_step *v = realloc(rv->steps, (rv->nsteps + 1) * sizeof *v);
		if (!v) {
			free(copy);
			return;
		}
		rv->steps = v;
	}
	rv->steps[rv->nsteps++] = (struct own_step){ copy, letter };
}

/* The letter of the step undo (or redo) would take back, when it is this pane's; else 0. */
static int64_t own_step_letter(const struct review *rv, const char *label)
{
	for (size_t i = rv->nsteps; label && i-- > 0;)
		if (!strcmp(rv->steps[i].label, label))
			return rv->steps[i].letter;
	return 0;
}

/* The key of the cursor's pair, when known (a row of the last window, or the anchor). */
static bool cursor_key(const struct review *rv, int64_t key[4])
{
	const struct gl_table *t = &rv->table;
	if (t->cursor > 0 && t->cursor >= rv->keys_off && t->cursor < rv->keys_off + rv->keys_n) {
		memcpy(key, rv->keys[t->cursor - rv->keys_off], 4 * sizeof *key);
		return true;
	}
	if (t->cursor > 0 && rv->anchor.on && rv->anchor.at == t->cursor) {
		memcpy(key, rv->anchor.key, 4 * sizeof *key);
		return true;
	}
	return false;
}

/* The overlaps' number: adjusted after the pane's own keep or merge (see struct review);
 * after any other change the cursor's pair is found again by its key: its row number counted
 * when it is among the first REVIEW_COUNT_FIRST, else not known until the count on the thread
 * says it (the rows are unplaced meanwhile); at opening and after another filter, counted up
 * to REVIEW_COUNT_FIRST. */
static enum gl_status keyed_count(struct gl_pane *p, struct gl_error *err);

static enum gl_status keyed_reload(struct gl_pane *p, struct gl_error *err)
{
	struct review *rv = p->priv;
	enum gl_status st = keyed_count(p, err);
	if (st == GL_OK) {
		rv->loaded = true;
		rv->loaded_version = gl_store_data_version(p->app->store);
		rv->loaded_filter = review_filter(p);
	}
	return st;
}

static enum gl_status keyed_count(struct gl_pane *p, struct gl_error *err)
{
	struct review *rv = p->priv;
	struct gl_table *t = &rv->table;
	struct gl_store *s = p->app->store;
	struct gl_filter f = review_filter(p);
	uint64_t version = gl_store_data_version(s);
	uint32_t others = (uint32_t)(version >> 32);
	/* nothing changed since the last reload: the rows (and a count running) stay as they are */
	if (rv->loaded && !rv->pend.on && version == rv->loaded_version &&
		filter_same(&f, &rv->loaded_filter))
		return GL_OK;
	rv->loaded = false;
	int64_t after = 0;
	bool adjust = rv->pend.on && others == rv->others_loaded && !t->unplaced &&
		letter_overlaps(p, rv->pend.letter, &after);
	int64_t delta = after - rv->pend.before;
	rv->pend.on = false;
	rv->others_loaded = others;
	if (adjust && t->nrows + delta >= (t->more ? 1 : 0)) {
		/* the rows of the letters before the one changed keep their places, and so the keys
		 * kept of them still find their pages */
		int64_t k = 0;
		while (k < rv->keys_n && rv->keys[k][0] < rv->pend.letter)
			k++;
		rv->keys_n = k;
		if (rv->anchor.on && rv->anchor.key[0] >= rv->pend.letter)
			rv->anchor.on = false;
		gl_table_reset_more(t, t->nrows + delta, t->more);
		if (rv->job && rv->job_at < 0)  /* counting the total: counted again when wanted */
			job_drop(rv);
		return GL_OK;
	}
	/* the list may have changed: no page is found by an old key, no old count is wanted */
	job_drop(rv);
	int64_t key[4];
	bool keyed = cursor_key(rv, key);
	rv->keys_n = 0;
	rv->anchor.on = false;
	if (keyed) {
		int64_t before = 0, n = 0, shown = t->cursor - t->top;
		enum gl_status st = gl_store_list_before(s, review_list(rv), &f, key,
			REVIEW_COUNT_FIRST, &before, NULL, err);
		if (st != GL_OK)
			return st;
		int64_t at = before, limit = before + 3 * review_page(rv);
		if (before < REVIEW_COUNT_FIRST) {
			/* near the top: the number is counted at once */
			if (limit < REVIEW_COUNT_FIRST)
				limit = REVIEW_COUNT_FIRST;
			st = gl_store_count_upto(s, review_list(rv), &f, limit, &n, err);
			if (st != GL_OK)
				return st;
			gl_table_reset_more(t, n, n >= limit);
		} else {
			/* far down: at a provisional number until the thread has counted */
			at = t->unplaced ? t->cursor : GL_TABLE_UNPLACED + t->cursor;
			gl_table_reset_more(t, at + 3 * review_page(rv), true);
			t->unplaced = true;
			t->known = REVIEW_COUNT_FIRST;
			job_start(p, key, at);
		}
		memcpy(rv->anchor.key, key, sizeof key);
		rv->anchor.at = at;
		rv->anchor.on = true;
		t->top = at - shown;
		gl_table_select(t, at);
		return GL_OK;
	}
	int64_t limit = t->cursor + 3 * review_page(rv), n = 0;
	if (limit < REVIEW_COUNT_FIRST)
		limit = REVIEW_COUNT_FIRST;
	enum gl_status st = gl_store_count_upto(s, review_list(rv), &f, limit, &n, err);
	if (st != GL_OK)
		return st;
	gl_table_reset_more(t, n, n >= limit);
	return GL_OK;
}

static enum gl_status review_reload(struct gl_pane *p, struct gl_error *err)
{
	struct gl_app *a = p->app;
	struct review *rv = p->priv;
	int64_t max_id = 0;
	enum gl_status st = gl_store_codings_max_id(a->store, &max_id, err);
	if (st != GL_OK)
		return st;
	rv->id_digits = snprintf(NULL, 0, "%lld", (long long)max_id);
	columns(p);
	rv->table.count = review_count_all;
	rv->table.page = rv->overlaps ? REVIEW_PAGE : 0;
	rv->table.grown = review_grown;
	/* the codings as the overlaps (every coding of a region: 0.35 s to count them all) */
	st = keyed_reload(p, err);
	if (st != GL_OK)
		return st;
	gl_table_set_empty(&rv->table, rv->overlaps ? _("No two coders' codings overlap")
		: _("No codings match"));
	review_caption(p);
	return GL_OK;
}

struct pair_ctx {
	int64_t keep, drop;   /* merge: keep takes drop's span */
	int64_t moved;        /* merge: the findings whose evidence drop was (they cite keep) */
	struct gl_pane *pane;
	int64_t letter;       /* theirs */
};

static unsigned pair_accept(struct gl_app *a, struct pair_ctx *c, bool merge)
{
	struct gl_error err = { 0 };
	struct review *rv = c->pane->priv;
	struct gl_str label = GL_STR_INIT;
	if (merge)
		gl_str_printf(&label, _("merge codings %lld and %lld"), (long long)c->keep,
			(long long)c->drop);
	else
		gl_str_printf(&label, _("remove coding %lld"), (long long)c->drop);
	/* a keep or merge changes only the pairs of its letter (struct review's pend) */
	review_pend(c->pane, c->letter);
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK) {
		if (merge)
			st = gl_store_coding_merge_union(a->store, c->keep, c->drop, &err);
		else
			st = gl_store_coding_delete(a->store, c->drop, &err);
		st = app_step_end(a, st, &err, "%s", gl_str_cstr(&label));
	}
	if (st != GL_OK) {
		app_error(a, &err);
	} else {
		if (merge && c->moved > 0)
			gl_app_message(a, false, ngettext("Merged into their union; %lld finding cites "
				"coding %lld instead of %lld (u undoes)", "Merged into their union; %lld "
				"findings cite coding %lld instead of %lld (u undoes)", (unsigned long)c->moved),
				(long long)c->moved, (long long)c->keep, (long long)c->drop);
		else
			gl_app_message(a, false, merge ? _("Merged into their union (u undoes)")
				: _("Kept one, removed the other (u undoes)"));
		own_step(rv, gl_str_cstr(&label), c->letter);
	}
	gl_str_finish(&label);
	app_changed(a);
	rv->pend.on = false;
	return APP_OK_REDRAW;
}

static unsigned keep_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	(void)r;
	return pair_accept(a, ctx, false);
}

static unsigned union_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	(void)r;
	return pair_accept(a, ctx, true);
}

/* G at a list (overlaps or codings) not counted to its end: the last page read backward by
 * key at once, its rows unplaced until the count on the thread says where they are. g from
 * unplaced rows: the top, counted so far (a count running for the total goes on). */
static unsigned keyed_move(struct gl_pane *p, enum gl_action act)
{
	struct review *rv = p->priv;
	struct gl_table *t = &rv->table;
	if (act == GL_ACT_MOVE_FIRST && t->unplaced) {
		int64_t known = t->known;
		rv->keys_n = 0;
		rv->anchor.on = false;
		if (rv->job && rv->job_at >= 0)
			rv->job_at = -1;
		gl_table_reset_more(t, known, true);
		return 0;  /* the generic move goes to the top */
	}
	if (act != GL_ACT_MOVE_LAST || !t->more)
		return 0;
	int64_t known = gl_table_rows_known(t), end = 2 * GL_TABLE_UNPLACED;
	rv->keys_n = 0;
	rv->anchor.on = false;
	gl_table_reset_more(t, end, false);
	t->unplaced = true;
	t->known = known;
	gl_table_select(t, end - 1);
	if (rv->job && rv->job_at < 0 && gl_store_data_version(p->app->store) == rv->job_version)
		rv->job_at = end;  /* the total being counted places the end */
	else
		job_start(p, NULL, end);
	review_caption(p);
	return GL_F_HANDLED | GL_F_REDRAW;
}

/* The count on the thread, when it is in: the unplaced rows placed, or the number made exact;
 * thrown away when the filter or the data changed since it started (the reload that follows
 * such a change counts again where needed). */
static unsigned review_poll(struct gl_pane *p)
{
	struct review *rv = p->priv;
	struct gl_table *t = &rv->table;
	if (!rv->job || !gl_count_job_done(rv->job))
		return 0;
	struct gl_error err = { 0 };
	int64_t before = 0, total = 0;
	enum gl_status st = gl_count_job_finish(rv->job, &before, &total, &err);
	rv->job = NULL;
	if (st != GL_OK) {
		if (st != GL_ECANCELLED)
			app_error(p->app, &err);
		return APP_OK_REDRAW;
	}
	struct gl_filter f = review_filter(p);
	if (rv->job_overlaps != rv->overlaps || !filter_same(&f, &rv->job_filter) ||
		gl_store_data_version(p->app->store) != rv->job_version)
		return 0;
	if (t->unplaced && rv->job_at >= 0) {
		int64_t d = before - rv->job_at;
		gl_table_place(t, rv->job_at, before, total);
		rv->keys_off += d;
		rv->anchor.at += d;
	} else if (!t->unplaced && t->more) {
		gl_table_place(t, 0, 0, total);
	}
	review_caption(p);
	return APP_OK_REDRAW;
}

static bool review_busy(const struct gl_pane *p)
{
	const struct review *rv = p->priv;
	return rv && rv->job;
}

/* Undo or redo of a keep or merge of this pane's: the number adjusted as after the keep (its
 * letter counted before and after); 0 for any other step (the generic undo counts again). */
static unsigned review_undo(struct gl_pane *p, bool redo)
{
	struct gl_app *a = p->app;
	struct review *rv = p->priv;
	int64_t letter = own_step_letter(rv, redo ? gl_history_redo_label(a->history)
		: gl_history_undo_label(a->history));
	if (!letter)
		return 0;
	review_pend(p, letter);
	unsigned flags = app_undo(a, redo);
	rv->pend.on = false;
	return flags;
}

static unsigned review_request(struct gl_pane *p, enum gl_action act)
{
	struct gl_app *a = p->app;
	struct review *rv = p->priv;
	const struct review_row *d = gl_table_selected_data(&rv->table);
	unsigned moved = !p->detail && !p->letter ? keyed_move(p, act) : 0;
	if (moved)
		return moved;
	if (rv->overlaps && !p->detail && !p->letter && (act == GL_ACT_UNDO || act == GL_ACT_REDO))
		return review_undo(p, act == GL_ACT_REDO);
	switch (act) {
	case GL_ACT_BACK:
		return gl_app_switch(a, a->pane_back);
	case GL_ACT_OVERLAPS:
		rv->overlaps = !rv->overlaps;
		review_restart(rv);
		p->stale = true;
		return APP_OK_REDRAW;
	case GL_ACT_ENTER: {
		if (!d)
			return GL_F_HANDLED;
		struct gl_link l = { GL_LINK_CODING, d->id, d->start, d->end };
		return gl_app_follow(a, &l);
	}
	case GL_ACT_EVIDENCE:
		if (!d)
			return GL_F_HANDLED;
		return app_evidence_coding(a, d->id);
	case GL_ACT_KEEP_FIRST:
	case GL_ACT_KEEP_SECOND:
	case GL_ACT_MERGE_UNION: {
		if (!rv->overlaps || !d || !d->other_id) {
			gl_app_message(a, true, _("Choose an overlap first (o shows them)"));
			return APP_OK_REDRAW;
		}
		struct pair_ctx *c = app_dialog_ctx(sizeof *c);
		if (!c)
			return APP_OK_REDRAW;
		c->pane = p;
		c->letter = d->letter;
		struct gl_str q = GL_STR_INIT;
		long long left = d->id, right = d->other_id;
		if (act == GL_ACT_MERGE_UNION) {
			c->keep = left;
			c->drop = right;
			/* the findings citing the coding that goes are said to move with it */
			int64_t ev_codings = 0;
			struct gl_error err = { 0 };
			if (gl_store_codings_evidence(a->store, 0, c->drop, &ev_codings, &c->moved,
				&err) != GL_OK)
				c->moved = 0;
			if (c->moved > 0)
				gl_str_printf(&q, ngettext("Merge codings %lld and %lld into one covering both? "
					"Coding %lld is evidence for %lld finding: it will cite %lld instead. (y/n)",
					"Merge codings %lld and %lld into one covering both? Coding %lld is evidence "
					"for %lld findings: they will cite %lld instead. (y/n)",
					(unsigned long)c->moved), left, right, right, (long long)c->moved, left);
			else
				gl_str_printf(&q, _("Merge codings %lld and %lld into one covering both? (y/n)"),
					left, right);
			struct gl_dialog dlg = { "review-union", union_accept, c, NULL };
			app_confirm_open(a, &dlg, gl_str_cstr(&q));
		} else {
			c->keep = act == GL_ACT_KEEP_FIRST ? left : right;
			c->drop = act == GL_ACT_KEEP_FIRST ? right : left;
			/* a quote gone from a finding is said before it goes */
			int64_t ev_codings = 0, ev_findings = 0;
			struct gl_error err = { 0 };
			if (gl_store_codings_evidence(a->store, 0, c->drop, &ev_codings, &ev_findings,
				&err) == GL_OK && ev_findings > 0)
				gl_str_printf(&q, ngettext("Keep coding %lld and remove coding %lld? It is "
					"evidence for %lld finding. (y/n)", "Keep coding %lld and remove coding "
					"%lld? It is evidence for %lld findings. (y/n)", (unsigned long)ev_findings),
					(long long)c->keep, (long long)c->drop, (long long)ev_findings);
			else
				gl_str_printf(&q, _("Keep coding %lld and remove coding %lld? (y/n)"),
					(long long)c->keep, (long long)c->drop);
			struct gl_dialog dlg = { "review-keep", keep_accept, c, NULL };
			app_confirm_open(a, &dlg, gl_str_cstr(&q));
		}
		gl_str_finish(&q);
		return APP_OK_REDRAW;
	}
	default:
		return 0;
	}
}

/* :review-code and :review-coder: one of the review's filters (a code or a coder; '-' or
 * nothing: all), then the review. */
static unsigned review_filter_set(struct gl_app *a, struct gl_pane *p, const char *arg,
	bool code)
{
	struct review *rv = p->priv;
	struct gl_error err = { 0 };
	int64_t id = 0;
	if (*arg && strcmp(arg, "-") &&
		(code ? gl_store_code_find(a->store, arg, &id, &err)
			: gl_store_coder_find(a->store, arg, &id, &err)) != GL_OK) {
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	char **name = code ? &rv->code : &rv->coder;
	free(*name);
	*name = id ? gl_strdup(arg) : NULL;
	if (code)
		rv->code_id = id;
	else
		rv->coder_id = id;
	review_restart(rv);
	p->stale = true;
	int self = gl_app_pane_find(a, p->ops->name);
	return a->pane == self ? APP_OK_REDRAW : gl_app_switch(a, self);
}

static unsigned cmd_review_code(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	return review_filter_set(a, p, arg, true);
}

static unsigned cmd_review_coder(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	return review_filter_set(a, p, arg, false);
}

static const struct gl_command review_commands[] = {
	{ "review-code", N_("[CODE|-]"), N_("review the codings of one code (and the codes under "
		"it); '-': all"), cmd_review_code, GL_COMPLETE_CODE },
	{ "review-coder", N_("[NAME|-]"), N_("review one coder's codings; '-': all"),
		cmd_review_coder, GL_COMPLETE_CODER },
};

const struct gl_pane_ops gl_pane_review_ops = {
	.name = "review", .title = N_("Review"), .show = GL_ACT_REVIEW, .scope = GL_SCOPE_REVIEW,
	.commands = review_commands,
	.ncommands = sizeof review_commands / sizeof review_commands[0],
	.init = review_init, .reload = review_reload, .request = review_request,
	.finish = review_finish, .poll = review_poll, .busy = review_busy,
};
