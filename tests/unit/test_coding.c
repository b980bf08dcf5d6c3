/* Unit tests of span arithmetic on multi-byte text and of the codebook/classification store
 * operations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "genomlys/history.h"
#include "genomlys/queries.h"
#include "genomlys/span.h"
#include "genomlys/store.h"
#include "genomlys/utf8.h"

static void test_span_parse(void **state)
{
	(void)state;
	struct gl_span s;
	assert_true(gl_span_parse("3:10", &s));
	assert_int_equal(s.start, 3);
	assert_int_equal(s.end, 10);
	assert_false(gl_span_parse("10:3", &s));
	assert_false(gl_span_parse("4:4", &s));
	assert_false(gl_span_parse("-1:4", &s));
	assert_false(gl_span_parse("1:", &s));
	assert_false(gl_span_parse("1:2x", &s));
	assert_false(gl_span_parse("", &s));
}

static void test_span_find_multibyte(void **state)
{
	(void)state;
	/* å, ä, ö are 2 bytes, the emoji 4; offsets must count code points, not bytes. */
	const char *t = "Får vi 😀 läsa? Ja, vi får läsa.";
	size_t n = strlen(t);
	struct gl_span s;
	assert_int_equal(gl_span_find(t, n, "läsa", 1, &s), GL_OK);
	assert_int_equal(s.start, 9);
	assert_int_equal(s.end, 13);
	assert_int_equal(gl_span_find(t, n, "läsa", 2, &s), GL_OK);
	assert_int_equal(s.start, 26);
	assert_int_equal(gl_span_find(t, n, "läsa", 3, &s), GL_ENOTFOUND);
	assert_int_equal(gl_span_find(t, n, "far", 1, &s), GL_ENOTFOUND);  /* får is not far */
	/* the quote taken back out by code points is the text searched for */
	size_t b0 = gl_utf8_offset(t, n, (size_t)s.start), b1 = gl_utf8_offset(t, n, (size_t)s.end);
	assert_int_equal(b1 - b0, strlen("läsa"));
	assert_memory_equal(t + b0, "läsa", b1 - b0);
}

static void test_span_find_nfd_needle(void **state)
{
	(void)state;
	/* A decomposed needle (macOS input) finds the composed stored text: after NFC, "ö" is one
	 * code point, so the span is 5 long, not 6. */
	const char *t = "Vi är trötta.";
	struct gl_span s;
	assert_int_equal(gl_span_find(t, strlen(t), "tro\xcc\x88tta", 1, &s), GL_OK);
	assert_int_equal(s.start, 6);
	assert_int_equal(s.end, 12);
}

static void test_span_find_overlapping_hits(void **state)
{
	(void)state;
	struct gl_span s;
	assert_int_equal(gl_span_find("ååå", strlen("ååå"), "åå", 2, &s), GL_OK);
	assert_int_equal(s.start, 1);
	assert_int_equal(s.end, 3);
}

static void test_span_overlap_union(void **state)
{
	(void)state;
	struct gl_span a = { 0, 10 }, b = { 5, 15 }, c = { 10, 12 };
	assert_true(gl_span_overlaps(a, b));
	assert_false(gl_span_overlaps(a, c));  /* end is exclusive */
	assert_int_equal(gl_span_overlap_len(a, b), 5);
	assert_int_equal(gl_span_overlap_len(a, c), 0);
	struct gl_span u = gl_span_union(a, b);
	assert_int_equal(u.start, 0);
	assert_int_equal(u.end, 15);
}

/* ---- store operations ---- */

struct proj {
	char dir[64];
	char path[128];
	struct gl_store *s;
	int64_t school, coder, coder2, letter, cat, studiero, trygghet, helhet, neg, pos;
};

static int64_t code(struct gl_store *s, const char *name, int64_t parent, bool exclusive,
	double value)
{
	struct gl_code c = { 0 };
	c.name = name;
	c.parent_id = parent;
	c.exclusive = exclusive;
	c.has_value = value > 0;
	c.value = value;
	int64_t id = 0;
	struct gl_error err = { 0 };
	if (gl_store_code_insert(s, &c, &id, &err) != GL_OK)
		fail_msg("%s", err.message);
	return id;
}

static int setup(void **state)
{
	struct proj *p = calloc(1, sizeof *p);
	snprintf(p->dir, sizeof p->dir, "/tmp/gl-coding-XXXXXX");
	if (!mkdtemp(p->dir))
		return -1;
	snprintf(p->path, sizeof p->path, "%s/p.db", p->dir);
	struct gl_error err = { 0 };
	if (gl_store_create(p->path, "test", &p->s, &err) != GL_OK)
		return -1;
	gl_store_school_ensure(p->s, "Sjövikskolan", &p->school, NULL, &err);
	gl_store_coder_ensure(p->s, "Karin", &p->coder, NULL, &err);
	gl_store_coder_ensure(p->s, "Ali", &p->coder2, NULL, &err);
	struct gl_document d = { 0 };
	d.kind = "letter";
	d.school_id = p->school;
	d.group_id = 1;
	d.text = "Det är lugnt och tryggt här. Men det är stökigt på lektionerna.";
	d.text_len = strlen(d.text);
	bool dup;
	if (gl_store_document_insert(p->s, &d, &p->letter, &dup, &err) != GL_OK)
		return -1;
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

static int64_t add_coding(struct proj *p, int64_t code_id, int64_t coder, int64_t a, int64_t b)
{
	struct gl_coding k = { p->letter, code_id, coder, a, b, NULL, NULL };
	int64_t id = 0;
	struct gl_error err = { 0 };
	if (gl_store_coding_insert(p->s, &k, &id, &err) != GL_OK)
		fail_msg("%s", err.message);
	return id;
}

static int64_t codings_of(struct proj *p, int64_t code_id)
{
	struct gl_filter f = { 0 };
	f.code_id = code_id;
	int64_t n = -1;
	assert_int_equal(gl_store_count(p->s, GL_LIST_CODINGS, &f, &n, NULL), GL_OK);
	return n;
}

static void test_classify(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	int64_t v, prev = -1;
	assert_int_equal(gl_store_category_value_find(p->s, p->helhet, "4", &v, &err), GL_OK);
	assert_int_equal(v, p->pos);
	assert_int_equal(gl_store_category_value_find(p->s, p->helhet, "negativ", &v, &err), GL_OK);
	assert_int_equal(v, p->neg);
	assert_int_equal(gl_store_category_value_find(p->s, p->helhet, "3", &v, &err), GL_ENOTFOUND);
	assert_int_equal(gl_store_category_value_find(p->s, p->cat, "Studiero", &v, &err), GL_EINVAL);
	assert_int_equal(gl_store_classify(p->s, p->letter, p->helhet, p->pos, p->coder, &prev, &err),
		GL_OK);
	assert_int_equal(prev, 0);
	assert_int_equal(gl_store_classify(p->s, p->letter, p->helhet, p->neg, p->coder, &prev, &err),
		GL_OK);
	assert_int_equal(prev, p->pos);  /* replaced, not added: exclusive */
	assert_int_equal(gl_store_classify(p->s, p->letter, p->helhet, p->studiero, p->coder, NULL,
		&err), GL_EINVAL);
	assert_int_equal(gl_store_classify(p->s, p->letter, p->helhet, 0, p->coder, &prev, &err),
		GL_OK);
	assert_int_equal(prev, p->neg);
}

static void test_merge_moves_codings(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	add_coding(p, p->studiero, p->coder, 0, 5);
	add_coding(p, p->studiero, p->coder, 33, 40);
	add_coding(p, p->trygghet, p->coder, 0, 5);   /* same span, same coder: a duplicate after */
	add_coding(p, p->studiero, p->coder2, 0, 5);
	int64_t moved = -1;
	assert_int_equal(gl_store_code_merge(p->s, p->studiero, p->trygghet, &moved, &err), GL_OK);
	assert_int_equal(moved, 2);
	assert_int_equal(codings_of(p, p->trygghet), 3);
	int64_t id;
	assert_int_equal(gl_store_code_find(p->s, "Studiero", &id, &err), GL_ENOTFOUND);
	assert_int_equal(gl_store_code_merge(p->s, p->trygghet, p->trygghet, &moved, &err), GL_EINVAL);
	assert_int_equal(gl_store_code_merge(p->s, p->cat, p->trygghet, &moved, &err), GL_EINVAL);
}

static void test_delete_counts_and_cascades(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	add_coding(p, p->studiero, p->coder, 0, 5);
	add_coding(p, p->trygghet, p->coder, 6, 10);
	int64_t n = -1;
	assert_int_equal(gl_store_code_usage(p->s, p->cat, &n, &err), GL_OK);
	assert_int_equal(n, 2);  /* a category counts its children's codings */
	assert_int_equal(gl_store_code_delete(p->s, p->cat, &n, &err), GL_OK);
	assert_int_equal(n, 2);
	assert_int_equal(codings_of(p, 0), 0);
	int64_t id;
	assert_int_equal(gl_store_code_find(p->s, "Trygghet", &id, &err), GL_ENOTFOUND);
}

static void test_move_rename_describe(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_code_move(p->s, p->cat, p->studiero, &err), GL_EINVAL);  /* cycle */
	assert_int_equal(gl_store_code_move(p->s, p->studiero, 0, &err), GL_OK);
	int64_t id;
	assert_int_equal(gl_store_code_find(p->s, "Studiero", &id, &err), GL_OK);
	assert_int_equal(gl_store_code_rename(p->s, p->studiero, "Trygghet", &err), GL_OK);
	/* now two codes are named Trygghet: the bare name is ambiguous, the path is not */
	assert_int_equal(gl_store_code_find(p->s, "Trygghet", &id, &err), GL_EINVAL);
	assert_int_equal(gl_store_code_find(p->s, "Lärmiljö > Trygghet", &id, &err), GL_OK);
	assert_int_equal(id, p->trygghet);
	assert_int_equal(gl_store_code_move(p->s, p->studiero, p->cat, &err), GL_EEXIST);
	assert_int_equal(gl_store_code_describe(p->s, p->trygghet, "Att känna sig trygg", "#00ff00",
		&err), GL_OK);
	assert_int_equal(gl_store_code_describe(p->s, p->trygghet, NULL, "#zz0000", &err), GL_EINVAL);
}

static void test_exclusive_categories_keep_their_shape(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	int64_t n;
	/* a category with codes under it cannot become values, nor go under a value */
	assert_int_equal(gl_store_code_move(p->s, p->cat, p->helhet, &err), GL_EINVAL);
	assert_int_equal(gl_store_code_move(p->s, p->studiero, p->pos, &err), GL_EINVAL);
	assert_int_equal(gl_store_code_merge(p->s, p->cat, p->helhet, &n, &err), GL_EINVAL);
	/* span codes and values do not mix */
	assert_int_equal(gl_store_code_merge(p->s, p->studiero, p->pos, &n, &err), GL_EINVAL);
	assert_int_equal(gl_store_code_merge(p->s, p->neg, p->trygghet, &n, &err), GL_EINVAL);
	/* two values of a category merge; a leaf moves under an exclusive category as a value */
	assert_int_equal(gl_store_code_merge(p->s, p->neg, p->pos, &n, &err), GL_OK);
	assert_int_equal(gl_store_code_move(p->s, p->studiero, p->helhet, &err), GL_OK);
}

static void test_coding_restore_keeps_uuid(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	int64_t id = add_coding(p, p->studiero, p->coder, 33, 40);
	struct gl_coding k;
	struct gl_str buf = GL_STR_INIT;
	assert_int_equal(gl_store_coding_get(p->s, id, &k, &buf, &err), GL_OK);
	char uuid[GL_UUID_LEN + 1];
	snprintf(uuid, sizeof uuid, "%s", k.uuid);
	assert_int_equal(gl_store_coding_delete(p->s, id, &err), GL_OK);
	int64_t again;
	assert_int_equal(gl_store_coding_insert(p->s, &k, &again, &err), GL_OK);  /* undo */
	assert_int_equal(gl_store_coding_get(p->s, again, &k, &buf, &err), GL_OK);
	assert_string_equal(k.uuid, uuid);
	assert_int_equal(k.start, 33);
	gl_str_finish(&buf);
}

static void test_undo_redo_coding(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	struct gl_history *h;
	assert_int_equal(gl_history_create(p->s, &h, &err), GL_OK);
	assert_false(gl_history_can_undo(h));
	int64_t id = 0;
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	struct gl_coding k = { p->letter, p->studiero, p->coder, 33, 40, NULL, NULL };
	enum gl_status st = gl_store_coding_insert(p->s, &k, &id, &err);
	assert_int_equal(gl_history_end(h, "code Studiero", st, &err), GL_OK);
	assert_int_equal(codings_of(p, p->studiero), 1);
	assert_string_equal(gl_history_undo_label(h), "code Studiero");
	/* a second action on another letter's classification, so undo goes across kinds */
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	st = gl_store_classify(p->s, p->letter, p->helhet, p->pos, p->coder, NULL, &err);
	assert_int_equal(gl_history_end(h, "classify", st, &err), GL_OK);

	assert_int_equal(gl_history_undo(h, &err), GL_OK);  /* the classification */
	int64_t prev = -1;
	assert_int_equal(gl_store_classify(p->s, p->letter, p->helhet, 0, p->coder, &prev, &err),
		GL_OK);
	assert_int_equal(prev, 0);  /* it was gone */
	assert_int_equal(gl_history_undo(h, &err), GL_OK);  /* the coding */
	assert_int_equal(codings_of(p, p->studiero), 0);
	assert_false(gl_history_can_undo(h));
	assert_int_equal(gl_history_undo(h, &err), GL_ENOTFOUND);
	assert_int_equal(gl_history_redo(h, &err), GL_OK);
	assert_int_equal(codings_of(p, p->studiero), 1);
	/* undo and redo are themselves in the audit log */
	struct gl_filter f = { 0 };
	int64_t audits = 0;
	assert_int_equal(gl_store_count(p->s, GL_LIST_AUDIT, &f, &audits, &err), GL_OK);
	assert_true(audits > 3);
	gl_history_destroy(h);
}

struct progress {
	int64_t coder, read, letters;
};

static int progress_row(void *ctx, const struct gl_row *row)
{
	struct progress *pr = ctx;
	if (row->values[0].i == pr->coder) {
		pr->read = row->values[2].i;
		pr->letters = row->values[3].i;
	}
	return 0;
}

/* Whether the coder has read the letter; the letters pane's progress (the counts the triggers
 * keep, issue 17) must say the same after every change: the tests below read only p->letter. */
static bool is_read(struct proj *p, int64_t coder)
{
	bool read = false;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_read_get(p->s, p->letter, coder, &read, &err), GL_OK);
	struct progress pr = { coder, -1, -1 };
	assert_int_equal(gl_query_read_progress(p->s, progress_row, &pr, &err), GL_OK);
	assert_int_equal(pr.read, read ? 1 : 0);
	int64_t letters = 0;
	assert_int_equal(gl_store_count(p->s, GL_LIST_LETTERS, NULL, &letters, &err), GL_OK);
	assert_int_equal(pr.letters, letters);
	return read;
}

/* Read marks (issue 14): coding or classifying marks a letter read by that coder, in the same
 * undo step; a mark set by hand is its own step; marking twice changes nothing. */
static void test_read_marks(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	struct gl_history *h;
	assert_int_equal(gl_history_create(p->s, &h, &err), GL_OK);
	assert_false(is_read(p, p->coder));
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	struct gl_coding k = { p->letter, p->studiero, p->coder, 33, 40, NULL, NULL };
	int64_t id = 0;
	enum gl_status st = gl_store_coding_insert(p->s, &k, &id, &err);
	assert_int_equal(gl_history_end(h, "code", st, &err), GL_OK);
	assert_true(id > 0);
	assert_true(is_read(p, p->coder));
	assert_false(is_read(p, p->coder2));
	/* a second coding of the same letter keeps the one mark */
	add_coding(p, p->trygghet, p->coder, 0, 5);
	assert_true(is_read(p, p->coder));
	/* undoing the coding that made the mark takes the mark back */
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	k.start = 1;
	k.end = 3;
	k.coder_id = p->coder2;
	st = gl_store_coding_insert(p->s, &k, &id, &err);
	assert_int_equal(gl_history_end(h, "code", st, &err), GL_OK);
	assert_true(is_read(p, p->coder2));
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	assert_false(is_read(p, p->coder2));
	assert_int_equal(gl_history_redo(h, &err), GL_OK);
	assert_true(is_read(p, p->coder2));
	/* by hand, undoable */
	bool changed = false;
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	st = gl_store_read_set(p->s, p->letter, p->coder2, false, &changed, &err);
	assert_int_equal(gl_history_end(h, "unread", st, &err), GL_OK);
	assert_true(changed);
	assert_false(is_read(p, p->coder2));
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	assert_true(is_read(p, p->coder2));
	assert_int_equal(gl_store_read_set(p->s, p->letter, p->coder2, true, &changed, &err), GL_OK);
	assert_false(changed);
	/* classifying marks read */
	int64_t third = 0;
	assert_int_equal(gl_store_coder_ensure(p->s, "Cecilia", &third, NULL, &err), GL_OK);
	assert_int_equal(gl_store_classify(p->s, p->letter, p->helhet, p->pos, third, NULL, &err),
		GL_OK);
	bool read = false;
	assert_int_equal(gl_store_read_get(p->s, p->letter, third, &read, &err), GL_OK);
	assert_true(read);
	assert_true(is_read(p, third));
	/* a letter that does not exist */
	assert_int_equal(gl_store_read_set(p->s, 9999, third, true, NULL, &err), GL_ENOTFOUND);
	assert_non_null(strstr(err.message, "9999"));
	/* undoing the marks one by one brings every count back to 0, and the check agrees */
	while (gl_history_can_undo(h))
		assert_int_equal(gl_history_undo(h, &err), GL_OK);
	assert_false(is_read(p, p->coder2));
	struct gl_str problems = GL_STR_INIT;
	assert_int_equal(gl_store_check(p->s, &problems, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&problems), "");
	gl_str_finish(&problems);
	gl_history_destroy(h);
}

static void test_undo_code_delete_restores_codings(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	add_coding(p, p->studiero, p->coder, 0, 5);
	add_coding(p, p->trygghet, p->coder2, 6, 10);
	struct gl_history *h;
	assert_int_equal(gl_history_create(p->s, &h, &err), GL_OK);
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	int64_t n = 0;
	enum gl_status st = gl_store_code_delete(p->s, p->cat, &n, &err);
	assert_int_equal(gl_history_end(h, "delete Lärmiljö", st, &err), GL_OK);
	assert_int_equal(codings_of(p, 0), 0);
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	int64_t id;
	assert_int_equal(gl_store_code_find(p->s, "Lärmiljö > Trygghet", &id, &err), GL_OK);
	assert_int_equal(codings_of(p, p->studiero), 1);
	assert_int_equal(codings_of(p, p->trygghet), 1);
	struct gl_str problems = GL_STR_INIT;
	assert_int_equal(gl_store_check(p->s, &problems, &err), GL_OK);
	gl_str_finish(&problems);
	/* a failed action leaves no step and no change */
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	st = gl_store_code_rename(p->s, p->studiero, "", &err);
	assert_int_equal(gl_history_end(h, "rename", st, &err), GL_EINVAL);
	assert_string_equal(gl_history_redo_label(h), "delete Lärmiljö");
	gl_history_destroy(h);
}

/* A finding added with its evidence in one step (the Analysis pane's accept) is undone whole:
 * deleting the finding takes its evidence with it, which is no conflict. */
static void test_undo_finding_with_evidence(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	struct gl_history *h;
	assert_int_equal(gl_history_create(p->s, &h, &err), GL_OK);
	int64_t coding = add_coding(p, p->studiero, p->coder, 33, 40), finding = 0;
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	struct gl_finding f = { p->school, "area", "Studiero", NULL, 0 };
	enum gl_status st = gl_store_finding_insert(p->s, &f, &finding, &err);
	if (st == GL_OK)
		st = gl_store_finding_link_coding(p->s, finding, coding, &err);
	assert_int_equal(gl_history_end(h, "accept", st, &err), GL_OK);
	struct gl_filter none = { 0 };
	int64_t n = -1;
	assert_int_equal(gl_store_count(p->s, GL_LIST_FINDINGS, &none, &n, &err), GL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	assert_int_equal(gl_store_count(p->s, GL_LIST_FINDINGS, &none, &n, &err), GL_OK);
	assert_int_equal(n, 0);
	assert_int_equal(gl_history_redo(h, &err), GL_OK);
	assert_int_equal(gl_store_count(p->s, GL_LIST_FINDINGS, &none, &n, &err), GL_OK);
	assert_int_equal(n, 1);
	gl_history_destroy(h);
}

static void test_undo_refuses_after_conflicting_change(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	struct gl_history *h;
	assert_int_equal(gl_history_create(p->s, &h, &err), GL_OK);
	int64_t id = 0;
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	enum gl_status st = gl_store_code_describe(p->s, p->studiero, "Lugn och ro", NULL, &err);
	assert_int_equal(gl_history_end(h, "describe", st, &err), GL_OK);
	/* someone else (not through this history) deletes the code meanwhile */
	assert_int_equal(gl_store_code_delete(p->s, p->studiero, NULL, &err), GL_OK);
	assert_int_equal(gl_history_undo(h, &err), GL_ECONSTRAINT);
	assert_non_null(strstr(err.message, "changed since"));
	assert_int_equal(gl_store_code_find(p->s, "Studiero", &id, &err), GL_ENOTFOUND);
	gl_history_destroy(h);
}

static int count_rows(void *ctx, const struct gl_row *row)
{
	(void)row;
	++*(int *)ctx;
	return 0;
}

static int pair_row(void *ctx, const struct gl_row *row)
{
	gl_str_printf(ctx, "%lld&%lld;", (long long)row->values[0].i, (long long)row->values[1].i);
	return 0;
}

/* Two coders' Studiero spans in one letter: five overlapping pairs (the review's tests). */
static void add_overlapping(struct proj *p)
{
	static const int spans[][2] = { { 40, 50 }, { 0, 10 }, { 20, 30 } };
	static const int others[][2] = { { 45, 55 }, { 5, 15 }, { 25, 35 }, { 8, 22 } };
	for (size_t i = 0; i < 3; i++)
		add_coding(p, p->studiero, p->coder, spans[i][0], spans[i][1]);
	for (size_t i = 0; i < 4; i++)
		add_coding(p, p->studiero, p->coder2, others[i][0], others[i][1]);
}

/* The overlaps' pages (the review pane's, found by the pairs' ids first) put together are the
 * list read in one go, in its order, with and without a school filter (issue 17). */
static void test_overlaps_pages(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	add_overlapping(p);
	struct gl_filter school = { .school_id = p->school };
	for (int k = 0; k < 2; k++) {
		const struct gl_filter *f = k ? &school : NULL;
		struct gl_str all = GL_STR_INIT, paged = GL_STR_INIT;
		assert_int_equal(gl_store_list(p->s, GL_LIST_OVERLAPS, f, 0, 0, pair_row, &all, &err),
			GL_OK);
		for (int64_t off = 0; off < 8; off += 2)
			assert_int_equal(gl_store_list(p->s, GL_LIST_OVERLAPS, f, off, 2, pair_row,
				&paged, &err), GL_OK);
		int64_t n = 0;
		assert_int_equal(gl_store_count(p->s, GL_LIST_OVERLAPS, f, &n, &err), GL_OK);
		assert_int_equal(n, 5);
		assert_string_equal(gl_str_cstr(&all), gl_str_cstr(&paged));
		/* in the list's order: by letter, the first coding's start, then ids */
		assert_string_equal(gl_str_cstr(&all), "2&5;2&7;3&6;3&7;1&4;");
		gl_str_finish(&all);
		gl_str_finish(&paged);
	}
}

struct key_rows {
	struct gl_str ids;
	int64_t first[4], last[4];
	int n;
};

/* GL_LIST_OVERLAPS: id, other_id, letter, ..., start (column 8) */
static int key_row(void *ctx, const struct gl_row *row)
{
	struct key_rows *k = ctx;
	int64_t key[4] = { row->values[2].i, row->values[8].i, row->values[0].i, row->values[1].i };
	if (k->n == 0)
		memcpy(k->first, key, sizeof key);
	memcpy(k->last, key, sizeof key);
	k->n++;
	gl_str_printf(&k->ids, "%lld&%lld;", (long long)row->values[0].i,
		(long long)row->values[1].i);
	return 0;
}

/* Paging the overlaps by key (the review pane, issue 17): forward from the first page and
 * backward from the last, pages of 2, put together they are the list in its order. */
static void test_overlaps_by_key(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	add_overlapping(p);
	struct gl_filter school = { .school_id = p->school }, code = { .code_id = p->cat };
	for (int k = 0; k < 3; k++) {
		const struct gl_filter *f = k == 1 ? &school : k == 2 ? &code : NULL;
		struct gl_str all = GL_STR_INIT, fwd = GL_STR_INIT;
		assert_int_equal(gl_store_list(p->s, GL_LIST_OVERLAPS, f, 0, 0, pair_row, &all, &err),
			GL_OK);
		/* forward */
		int64_t key[4];
		bool have = false;
		for (int page = 0; page < 10; page++) {
			struct key_rows r = { GL_STR_INIT, { 0 }, { 0 }, 0 };
			assert_int_equal(gl_store_overlaps_by_key(p->s, f, have ? key : NULL, false, 2,
				key_row, &r, &err), GL_OK);
			gl_str_puts(&fwd, gl_str_cstr(&r.ids));
			memcpy(key, r.last, sizeof key);
			have = true;
			gl_str_finish(&r.ids);
			if (r.n < 2)
				break;
		}
		assert_string_equal(gl_str_cstr(&all), gl_str_cstr(&fwd));
		/* backward: each page goes in front of the ones read before it */
		struct gl_str back = GL_STR_INIT;
		have = false;
		for (int page = 0; page < 10; page++) {
			struct key_rows r = { GL_STR_INIT, { 0 }, { 0 }, 0 };
			assert_int_equal(gl_store_overlaps_by_key(p->s, f, have ? key : NULL, true, 2,
				key_row, &r, &err), GL_OK);
			gl_str_puts(&r.ids, gl_str_cstr(&back));
			gl_str_clear(&back);
			gl_str_puts(&back, gl_str_cstr(&r.ids));
			memcpy(key, r.first, sizeof key);
			have = true;
			gl_str_finish(&r.ids);
			if (r.n < 2)
				break;
		}
		assert_string_equal(gl_str_cstr(&all), gl_str_cstr(&back));
		assert_string_equal(gl_str_cstr(&all), "2&5;2&7;3&6;3&7;1&4;");
		gl_str_finish(&all);
		gl_str_finish(&fwd);
		gl_str_finish(&back);
	}
}

struct all_keys {
	int64_t k[16][4];
	int n;
};

static int all_key_row(void *ctx, const struct gl_row *row)
{
	struct all_keys *a = ctx;
	if (a->n < 16) {
		int64_t key[4] = { row->values[2].i, row->values[8].i, row->values[0].i,
			row->values[1].i };
		memcpy(a->k[a->n++], key, sizeof key);
	}
	return 0;
}

/* The overlaps before a key (the review pane's row number of a pair found by key, issue 17):
 * for every pair of the list its place, up to a limit or all with the total beside it, under
 * a filter too; a key no pair has (one that went) counts the pairs before where it was; and
 * the same count on a thread of its own (gl_count_job) gives the same numbers. */
static void test_overlaps_before(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	add_overlapping(p);
	struct gl_filter school = { .school_id = p->school }, coder = { .coder_id = p->coder2 };
	for (int k = 0; k < 3; k++) {
		const struct gl_filter *f = k == 1 ? &school : k == 2 ? &coder : NULL;
		struct all_keys all = { .n = 0 };
		assert_int_equal(gl_store_list(p->s, GL_LIST_OVERLAPS, f, 0, 0, all_key_row, &all,
			&err), GL_OK);
		assert_int_equal(all.n, 5);
		for (int i = 0; i < all.n; i++) {
			int64_t before = -1, total = -1;
			assert_int_equal(gl_store_overlaps_before(p->s, f, all.k[i], 0, &before, &total,
				&err), GL_OK);
			assert_int_equal(before, i);
			assert_int_equal(total, 5);
			assert_int_equal(gl_store_overlaps_before(p->s, f, all.k[i], 3, &before, &total,
				&err), GL_OK);
			assert_int_equal(before, i < 3 ? i : 3);
			assert_int_equal(total, before);
			/* a key between this pair and the next (other_id + 1: no such pair) */
			int64_t gone[4];
			memcpy(gone, all.k[i], sizeof gone);
			gone[3]++;
			assert_int_equal(gl_store_overlaps_before(p->s, f, gone, 0, &before, NULL, &err),
				GL_OK);
			assert_int_equal(before, i + 1);
		}
		int64_t before = -1, total = -1;
		assert_int_equal(gl_store_overlaps_before(p->s, f, NULL, 0, &before, &total, &err),
			GL_OK);
		assert_int_equal(before, 5);
		assert_int_equal(total, 5);
		/* on a thread of its own, with its own connection */
		struct gl_count_job *j = NULL;
		assert_int_equal(gl_count_job_start(p->path, GL_LIST_OVERLAPS, f, all.k[2], &j, &err), GL_OK);
		assert_int_equal(gl_count_job_finish(j, &before, &total, &err), GL_OK);
		assert_int_equal(before, 2);
		assert_int_equal(total, 5);
		assert_int_equal(gl_count_job_start(p->path, GL_LIST_OVERLAPS, f, NULL, &j, &err), GL_OK);
		while (!gl_count_job_done(j))
			nanosleep(&(struct timespec){ 0, 1000 * 1000 }, NULL);
		assert_int_equal(gl_count_job_finish(j, &before, &total, &err), GL_OK);
		assert_int_equal(before, 5);
		assert_int_equal(total, 5);
		/* stopped: says so, and frees */
		assert_int_equal(gl_count_job_start(p->path, GL_LIST_OVERLAPS, f, NULL, &j, &err), GL_OK);
		gl_count_job_cancel(j);
		enum gl_status st = gl_count_job_finish(j, &before, &total, &err);
		assert_true(st == GL_ECANCELLED || st == GL_OK);
	}
	assert_int_equal(gl_count_job_finish(NULL, NULL, NULL, NULL), GL_OK);
}

/* A coding's key as the review pane keeps it: (letter, start, id, 0). */
static int coding_key_row(void *ctx, const struct gl_row *row)
{
	struct all_keys *a = ctx;
	if (a->n < 16) {
		int64_t key[4] = { row->values[2].i, row->values[8].i, row->values[0].i, 0 };
		memcpy(a->k[a->n++], key, sizeof key);
	}
	return 0;
}

static int coding_id_row(void *ctx, const struct gl_row *row)
{
	struct all_keys *a = ctx;
	if (a->n < 16)
		a->k[a->n++][2] = row->values[0].i;
	return 0;
}

/* The codings paged and counted by key (gl_store_list_by_key and gl_store_list_before with
 * GL_LIST_CODINGS: the review's codings view, issue 17): pages after and before every coding's
 * key are the list's, every coding's place up to a limit or all with the total beside it,
 * under filters; a key between two codings (one that went); the count on a thread of its own
 * gives the same numbers; a list not paged by key is refused. */
static void test_codings_before(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	for (int i = 0; i < 5; i++)
		add_coding(p, p->studiero, p->coder, 10 * i, 10 * i + 5);
	for (int i = 0; i < 3; i++)
		add_coding(p, p->trygghet, p->coder2, 7 * i, 7 * i + 3);
	struct gl_filter school = { .school_id = p->school }, coder = { .coder_id = p->coder2 };
	for (int k = 0; k < 3; k++) {
		const struct gl_filter *f = k == 1 ? &school : k == 2 ? &coder : NULL;
		struct all_keys all = { .n = 0 };
		assert_int_equal(gl_store_list(p->s, GL_LIST_CODINGS, f, 0, 0, coding_key_row, &all,
			&err), GL_OK);
		int n = all.n;
		assert_int_equal(n, k == 2 ? 3 : 8);
		for (int i = 0; i < n; i++) {
			int64_t before = -1, total = -1;
			assert_int_equal(gl_store_list_before(p->s, GL_LIST_CODINGS, f, all.k[i], 0,
				&before, &total, &err), GL_OK);
			assert_int_equal(before, i);
			assert_int_equal(total, n);
			assert_int_equal(gl_store_list_before(p->s, GL_LIST_CODINGS, f, all.k[i], 2,
				&before, &total, &err), GL_OK);
			assert_int_equal(before, i < 2 ? i : 2);
			assert_int_equal(total, before);
			int64_t key[4];
			memcpy(key, all.k[i], sizeof key);
			key[3]++;  /* between this coding and the next */
			assert_int_equal(gl_store_list_before(p->s, GL_LIST_CODINGS, f, key, 0, &before,
				NULL, &err), GL_OK);
			assert_int_equal(before, i + 1);
			/* after it: the next two */
			struct all_keys page = { .n = 0 };
			assert_int_equal(gl_store_list_by_key(p->s, GL_LIST_CODINGS, f, all.k[i], false, 2,
				coding_id_row, &page, &err), GL_OK);
			assert_int_equal(page.n, n - i - 1 < 2 ? n - i - 1 : 2);
			for (int j = 0; j < page.n; j++)
				assert_int_equal(page.k[j][2], all.k[i + 1 + j][2]);
			/* from it on (other_id - 1: between it and the one before) */
			key[3] = -1;
			page.n = 0;
			assert_int_equal(gl_store_list_by_key(p->s, GL_LIST_CODINGS, f, key, false, 2,
				coding_id_row, &page, &err), GL_OK);
			assert_int_equal(page.n, n - i < 2 ? n - i : 2);
			assert_int_equal(page.k[0][2], all.k[i][2]);
			/* before it, backward: the two before, in the list's order */
			page.n = 0;
			assert_int_equal(gl_store_list_by_key(p->s, GL_LIST_CODINGS, f, all.k[i], true, 2,
				coding_id_row, &page, &err), GL_OK);
			assert_int_equal(page.n, i < 2 ? i : 2);
			for (int j = 0; j < page.n; j++)
				assert_int_equal(page.k[j][2], all.k[i - page.n + j][2]);
		}
		/* the last page of the whole list, read backward */
		struct all_keys page = { .n = 0 };
		assert_int_equal(gl_store_list_by_key(p->s, GL_LIST_CODINGS, f, NULL, true, 2,
			coding_id_row, &page, &err), GL_OK);
		assert_int_equal(page.n, 2);
		assert_int_equal(page.k[1][2], all.k[n - 1][2]);
		int64_t before = -1, total = -1;
		assert_int_equal(gl_store_list_before(p->s, GL_LIST_CODINGS, f, NULL, 0, &before,
			&total, &err), GL_OK);
		assert_int_equal(before, n);
		assert_int_equal(total, n);
		/* on a thread of its own, with its own connection */
		struct gl_count_job *j = NULL;
		assert_int_equal(gl_count_job_start(p->path, GL_LIST_CODINGS, f, all.k[2], &j, &err),
			GL_OK);
		assert_int_equal(gl_count_job_finish(j, &before, &total, &err), GL_OK);
		assert_int_equal(before, 2);
		assert_int_equal(total, n);
	}
	int64_t before = -1;
	assert_int_equal(gl_store_list_before(p->s, GL_LIST_SCHOOLS, NULL, NULL, 0, &before, NULL,
		&err), GL_EINVAL);
	assert_int_equal(gl_store_list_by_key(p->s, GL_LIST_SCHOOLS, NULL, NULL, false, 1,
		coding_id_row, NULL, &err), GL_EINVAL);
}

/* The overlaps' count (from the pairs alone, issue 17) is the number of rows the list gives,
 * under every filter the review pane sets: school, group, a code (with the codes under it), a
 * coder on either side, and filters that leave nothing. */
static void test_overlaps_count_filters(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	add_coding(p, p->studiero, p->coder, 0, 10);
	add_coding(p, p->studiero, p->coder2, 5, 15);
	add_coding(p, p->studiero, p->coder2, 8, 30);
	add_coding(p, p->trygghet, p->coder, 20, 40);
	add_coding(p, p->trygghet, p->coder2, 35, 45);
	add_coding(p, p->trygghet, p->coder2, 50, 60);  /* apart: no pair */
	struct gl_filter filters[] = {
		{ 0 },
		{ .school_id = p->school },
		{ .school_id = p->school + 1000 },  /* no such school: none */
		{ .group_id = 1 },
		{ .group_id = 2 },
		{ .code_id = p->studiero },
		{ .code_id = p->trygghet },
		{ .code_id = p->cat },  /* the category: the codes under it */
		{ .coder_id = p->coder },
		{ .coder_id = p->coder2 },
		{ .school_id = p->school, .code_id = p->trygghet, .coder_id = p->coder2 },
	};
	int64_t total = -1;
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		int rows = 0;
		int64_t n = -1;
		assert_int_equal(gl_store_list(p->s, GL_LIST_OVERLAPS, &filters[i], 0, 0, count_rows,
			&rows, &err), GL_OK);
		assert_int_equal(gl_store_count(p->s, GL_LIST_OVERLAPS, &filters[i], &n, &err), GL_OK);
		if (n != rows)
			fail_msg("filter %zu: count %lld, list %d rows", i, (long long)n, rows);
		if (i == 0)
			total = n;
		/* counted up to a limit (the review pane at opening): the rows, never past the limit;
		 * the limit reached says "at least" */
		for (int64_t limit = 1; limit <= rows + 2; limit++) {
			int64_t upto = -1;
			assert_int_equal(gl_store_count_upto(p->s, GL_LIST_OVERLAPS, &filters[i], limit,
				&upto, &err), GL_OK);
			if (upto != (rows < limit ? rows : limit))
				fail_msg("filter %zu, up to %lld: %lld, list %d rows", i, (long long)limit,
					(long long)upto, rows);
		}
	}
	assert_int_equal(total, 3);
	/* the codings and the letters up to a limit (counted by their pages' ids) agree with
	 * their whole count under the same filters, a letter's kind too */
	enum gl_list others[] = { GL_LIST_CODINGS, GL_LIST_LETTERS };
	for (size_t w = 0; w < 2; w++)
		for (size_t i = 0; i <= sizeof filters / sizeof filters[0]; i++) {
			struct gl_filter kind = { .kind = "letter", .school_id = p->school };
			const struct gl_filter *fi = i < sizeof filters / sizeof filters[0] ? &filters[i]
				: &kind;
			int64_t n = -1;
			assert_int_equal(gl_store_count(p->s, others[w], fi, &n, &err), GL_OK);
			for (int64_t limit = 1; limit <= n + 2; limit++) {
				int64_t upto = -1;
				assert_int_equal(gl_store_count_upto(p->s, others[w], fi, limit, &upto, &err),
					GL_OK);
				if (upto != (n < limit ? n : limit))
					fail_msg("%s, filter %zu, up to %lld: %lld of %lld", gl_list_name(others[w]),
						i, (long long)limit, (long long)upto, (long long)n);
			}
			if (w == 0 && i == 0)
				assert_int_equal(n, 6);
		}
}

static void test_overlaps_and_union(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	int64_t a = add_coding(p, p->studiero, p->coder, 29, 45);
	int64_t b = add_coding(p, p->studiero, p->coder2, 33, 60);
	add_coding(p, p->trygghet, p->coder2, 33, 60);   /* other code: not a pair */
	add_coding(p, p->studiero, p->coder2, 0, 5);     /* apart: not a pair */
	int n = 0;
	assert_int_equal(gl_store_list(p->s, GL_LIST_OVERLAPS, NULL, 0, 0, count_rows, &n, &err),
		GL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(gl_store_coding_merge_union(p->s, a, b, &err), GL_OK);
	struct gl_coding k;
	struct gl_str buf = GL_STR_INIT;
	assert_int_equal(gl_store_coding_get(p->s, a, &k, &buf, &err), GL_OK);
	assert_int_equal(k.start, 29);
	assert_int_equal(k.end, 60);
	assert_int_equal(gl_store_coding_get(p->s, b, &k, &buf, &err), GL_ENOTFOUND);
	n = 0;
	assert_int_equal(gl_store_list(p->s, GL_LIST_OVERLAPS, NULL, 0, 0, count_rows, &n, &err),
		GL_OK);
	assert_int_equal(n, 0);
	assert_int_equal(gl_store_coding_memo_set(p->s, a, "Båda kodarna såg detta", &err), GL_OK);
	assert_int_equal(gl_store_coding_get(p->s, a, &k, &buf, &err), GL_OK);
	assert_string_equal(k.memo, "Båda kodarna såg detta");
	gl_str_finish(&buf);
}

static int64_t findings_citing(struct proj *p, int64_t coding)
{
	int64_t codings = 0, findings = 0;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_codings_evidence(p->s, 0, coding, &codings, &findings, &err),
		GL_OK);
	return findings;
}

static const char *memo_of(struct proj *p, int64_t coding, struct gl_str *buf)
{
	struct gl_coding k;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_coding_get(p->s, coding, &k, buf, &err), GL_OK);
	return k.memo ? k.memo : "(none)";
}

/* The union takes the dropped coding's evidence and memo along (never lost silently), in one
 * undo step that brings both codings back as they were. */
static void test_union_keeps_evidence_and_memo(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	int64_t a = add_coding(p, p->studiero, p->coder, 29, 45);
	int64_t b = add_coding(p, p->studiero, p->coder2, 33, 60);
	assert_int_equal(gl_store_coding_memo_set(p->s, b, "Elevens egna ord", &err), GL_OK);
	struct gl_finding f = { p->school, "area", "Studiero på lektionerna", NULL, 0 };
	int64_t only_b, both, only_a;
	assert_int_equal(gl_store_finding_insert(p->s, &f, &only_b, &err), GL_OK);
	f.title = "Stök i klassrummet";
	assert_int_equal(gl_store_finding_insert(p->s, &f, &both, &err), GL_OK);
	f.title = "Lugnt och tryggt";
	assert_int_equal(gl_store_finding_insert(p->s, &f, &only_a, &err), GL_OK);
	assert_int_equal(gl_store_finding_link_coding(p->s, only_b, b, &err), GL_OK);
	assert_int_equal(gl_store_finding_link_coding(p->s, both, a, &err), GL_OK);
	assert_int_equal(gl_store_finding_link_coding(p->s, both, b, &err), GL_OK);
	assert_int_equal(gl_store_finding_link_coding(p->s, only_a, a, &err), GL_OK);
	struct gl_history *h;
	assert_int_equal(gl_history_create(p->s, &h, &err), GL_OK);
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	enum gl_status st = gl_store_coding_merge_union(p->s, a, b, &err);
	assert_int_equal(gl_history_end(h, "merge", st, &err), GL_OK);
	/* the three findings cite the union, each once */
	assert_int_equal(findings_citing(p, a), 3);
	assert_int_equal(findings_citing(p, b), 0);
	int64_t counts[GL_EVIDENCE_TYPES];
	assert_int_equal(gl_store_finding_evidence_count(p->s, both, counts, &err), GL_OK);
	assert_int_equal(counts[GL_EVIDENCE_CODING], 1);
	struct gl_str buf = GL_STR_INIT;
	assert_string_equal(memo_of(p, a, &buf), "Elevens egna ord");
	/* one step back: both codings, each with its own evidence and memo */
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	assert_int_equal(findings_citing(p, a), 2);
	assert_int_equal(findings_citing(p, b), 2);
	assert_string_equal(memo_of(p, a, &buf), "(none)");
	assert_string_equal(memo_of(p, b, &buf), "Elevens egna ord");
	assert_int_equal(gl_history_redo(h, &err), GL_OK);
	assert_int_equal(findings_citing(p, a), 3);
	/* two memos: the kept one's first; the same memo twice: once */
	int64_t c = add_coding(p, p->trygghet, p->coder, 0, 12);
	int64_t d = add_coding(p, p->trygghet, p->coder2, 5, 27);
	int64_t e = add_coding(p, p->trygghet, p->coder2, 20, 28);
	assert_int_equal(gl_store_coding_memo_set(p->s, c, "Karins läsning", &err), GL_OK);
	assert_int_equal(gl_store_coding_memo_set(p->s, d, "Alis läsning", &err), GL_OK);
	assert_int_equal(gl_store_coding_memo_set(p->s, e, "Alis läsning", &err), GL_OK);
	assert_int_equal(gl_store_coding_merge_union(p->s, c, d, &err), GL_OK);
	assert_string_equal(memo_of(p, c, &buf), "Karins läsning\n\nAlis läsning");
	assert_int_equal(gl_store_coding_merge_union(p->s, c, e, &err), GL_OK);
	assert_string_equal(memo_of(p, c, &buf), "Karins läsning\n\nAlis läsning");
	gl_str_finish(&buf);
	gl_history_destroy(h);
}

struct row_pick {
	int64_t id, n;
};

static int pick_usage(void *ctx, const struct gl_row *row)
{
	struct row_pick *w = ctx;
	int64_t id = -1, n = -1;
	for (int i = 0; i < row->ncols; i++) {
		if (!strcmp(row->names[i], "id"))
			id = row->values[i].i;
		else if (!strcmp(row->names[i], "codings"))
			n = row->values[i].i;
	}
	if (id == w->id)
		w->n = n;
	return 0;
}

static int64_t usage_of(struct proj *p, int64_t code_id)
{
	struct row_pick want = { code_id, -1 };
	struct gl_error err = { 0 };
	/* the codes list reads the counts the triggers keep */
	assert_int_equal(gl_store_list(p->s, GL_LIST_CODES, NULL, 0, 0, pick_usage, &want, &err),
		GL_OK);
	return want.n;
}

static void check_ok(struct proj *p)
{
	struct gl_str problems = GL_STR_INIT;
	struct gl_error err = { 0 };
	if (gl_store_check(p->s, &problems, &err) != GL_OK)
		fail_msg("%s", gl_str_cstr(&problems));
	gl_str_finish(&problems);
}

static void test_usage_counts_follow_every_change(void **state)
{
	struct proj *p = *state;
	struct gl_error err = { 0 };
	add_coding(p, p->studiero, p->coder, 0, 5);
	int64_t k2 = add_coding(p, p->studiero, p->coder2, 6, 10);
	add_coding(p, p->trygghet, p->coder, 6, 10);
	assert_int_equal(usage_of(p, p->studiero), 2);
	assert_int_equal(gl_store_coding_delete(p->s, k2, &err), GL_OK);
	assert_int_equal(usage_of(p, p->studiero), 1);
	struct gl_history *h;
	assert_int_equal(gl_history_create(p->s, &h, &err), GL_OK);
	int64_t moved;
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	enum gl_status st = gl_store_code_merge(p->s, p->studiero, p->trygghet, &moved, &err);
	assert_int_equal(gl_history_end(h, "merge", st, &err), GL_OK);
	assert_int_equal(usage_of(p, p->trygghet), 2);
	check_ok(p);
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	assert_int_equal(usage_of(p, p->studiero), 1);
	assert_int_equal(usage_of(p, p->trygghet), 1);
	check_ok(p);
	assert_int_equal(gl_history_redo(h, &err), GL_OK);
	assert_int_equal(usage_of(p, p->trygghet), 2);
	assert_int_equal(gl_history_begin(h, &err), GL_OK);
	st = gl_store_code_delete(p->s, p->cat, NULL, &err);
	assert_int_equal(gl_history_end(h, "delete", st, &err), GL_OK);
	check_ok(p);
	assert_int_equal(gl_history_undo(h, &err), GL_OK);
	assert_int_equal(usage_of(p, p->trygghet), 2);
	check_ok(p);
	gl_history_destroy(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_span_parse),
		cmocka_unit_test(test_span_find_multibyte),
		cmocka_unit_test(test_span_find_nfd_needle),
		cmocka_unit_test(test_span_find_overlapping_hits),
		cmocka_unit_test(test_span_overlap_union),
		cmocka_unit_test_setup_teardown(test_classify, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_moves_codings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_counts_and_cascades, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_rename_describe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coding_restore_keeps_uuid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exclusive_categories_keep_their_shape, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_undo_redo_coding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_marks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_finding_with_evidence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlaps_and_union, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlaps_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlaps_count_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlaps_by_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_union_keeps_evidence_and_memo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlaps_before, setup, teardown),
		cmocka_unit_test_setup_teardown(test_codings_before, setup, teardown),
		cmocka_unit_test_setup_teardown(test_usage_counts_follow_every_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_code_delete_restores_codings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_refuses_after_conflicting_change, setup,
			teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
