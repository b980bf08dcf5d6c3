/* Queries for coding in the terminal interface: one letter's codings, notes and memos. */
#include "genomlys/store_ui.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

/* Steps st and hands each row to fn; finalizes st. */
static enum gl_status coding_rows(struct gl_store *s, sqlite3_stmt *st, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	enum gl_status ret = db_run_rows(s, st, fn, ctx, err);
	sqlite3_finalize(st);
	return ret;
}

enum gl_status gl_store_ui_letter_codings(struct gl_store *s, int64_t document_id,
	int64_t coder_id, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s,
		"SELECT k.id, k.code_id, k.coder_id, k.start, k.end,"
		" CASE WHEN p.id IS NULL THEN c.name ELSE p.name || ' > ' || c.name END AS code,"
		" c.name, r.name AS coder, coalesce(c.color, p.color) AS color, k.memo, k.created_at"
		" FROM codings k JOIN codes c ON c.id = k.code_id LEFT JOIN codes p ON p.id = c.parent_id"
		" JOIN coders r ON r.id = k.coder_id"
		" WHERE k.document_id = ?1 AND (?2 <= 0 OR k.coder_id = ?2)"
		" ORDER BY k.start, k.end DESC, k.id", &st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, document_id);
	sqlite3_bind_int64(st, 2, coder_id);
	return coding_rows(s, st, fn, ctx, err);
}

static int class_row(void *ctx, const struct gl_row *row)
{
	struct gl_str *out = ctx;
	if (row->values[0].type != GL_VAL_TEXT || row->values[1].type != GL_VAL_TEXT)
		return 0;
	gl_str_printf(out, "%s%s: %s", out->len ? " · " : "", row->values[0].s, row->values[1].s);
	return 0;
}

static int count_row(void *ctx, const struct gl_row *row)
{
	*(int64_t *)ctx = row->values[0].i;
	return 0;
}

enum gl_status gl_store_ui_letter_notes(struct gl_store *s, int64_t document_id,
	int64_t coder_id, struct gl_str *classes, int64_t *memos, struct gl_error *err)
{
	sqlite3_stmt *st;
	gl_str_clear(classes);
	enum gl_status ret = db_prepare(s,
		"SELECT c.name, v.name FROM classifications k JOIN codes c ON c.id = k.category_id"
		" JOIN codes v ON v.id = k.value_code_id WHERE k.document_id = ?1 AND k.coder_id = ?2"
		" ORDER BY c.name_key", &st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, document_id);
	sqlite3_bind_int64(st, 2, coder_id);
	ret = coding_rows(s, st, class_row, classes, err);
	if (ret != GL_OK)
		return ret;
	*memos = 0;
	ret = db_prepare(s, "SELECT count(*) FROM memos WHERE target = 'document' AND "
		"target_id = ?1", &st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, document_id);
	return coding_rows(s, st, count_row, memos, err);
}

enum gl_status gl_store_ui_memos(struct gl_store *s, const char *target, int64_t target_id,
	gl_row_fn fn, void *ctx, struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s,
		"SELECT m.id, r.name AS coder, m.text, m.created_at FROM memos m"
		" LEFT JOIN coders r ON r.id = m.coder_id WHERE m.target = ?1 AND m.target_id = ?2"
		" ORDER BY m.id", &st, err);
	if (ret != GL_OK)
		return ret;
	db_bind_text(st, 1, target);
	sqlite3_bind_int64(st, 2, target_id);
	return coding_rows(s, st, fn, ctx, err);
}

enum gl_status gl_store_ui_code_parent(struct gl_store *s, int64_t id, int64_t *parent,
	struct gl_error *err)
{
	sqlite3_stmt *st;
	*parent = -1;
	enum gl_status ret = db_prepare(s, "SELECT ifnull(parent_id, 0) FROM codes WHERE id = ?1",
		&st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, id);
	ret = coding_rows(s, st, count_row, parent, err);
	if (ret == GL_OK && *parent < 0)
		ret = gl_error_set(err, GL_ENOTFOUND, _("no code with id %lld"), (long long)id);
	return ret;
}
