/* Codings: spans of a letter labelled with a code by a coder. */
#include "genomlys/store.h"

#include <stdio.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

enum gl_status gl_store_coding_insert(struct gl_store *s, const struct gl_coding *c, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	if (c->start < 0 || c->end <= c->start)
		return gl_error_set(err, GL_EINVAL, _("empty or reversed span %lld:%lld"),
			(long long)c->start, (long long)c->end);
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT length FROM documents WHERE id = ?", &st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, c->document_id);
	int rc = sqlite3_step(st);
	int64_t length = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	if (length < 0)
		return gl_error_set(err, GL_ENOTFOUND, _("no letter with id %lld"),
			(long long)c->document_id);
	if (c->end > length)
		return gl_error_set(err, GL_EINVAL, _("span %lld:%lld is outside the letter (%lld "
			"characters)"), (long long)c->start, (long long)c->end, (long long)length);
	char uuid[GL_UUID_LEN + 1];
	if (c->uuid)
		snprintf(uuid, sizeof uuid, "%s", c->uuid);
	else if ((ret = gl_uuid_new(uuid)) != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	if ((ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	ret = db_prepare(s, "INSERT INTO codings (uuid, document_id, code_id, coder_id, start, end, "
		"memo) VALUES (?,?,?,?,?,?,?)", &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, uuid);
		sqlite3_bind_int64(st, 2, c->document_id);
		sqlite3_bind_int64(st, 3, c->code_id);
		sqlite3_bind_int64(st, 4, c->coder_id);
		sqlite3_bind_int64(st, 5, c->start);
		sqlite3_bind_int64(st, 6, c->end);
		db_bind_text(st, 7, c->memo);
		ret = db_exec_stmt(s, st, err);
		if (ret == GL_ECONSTRAINT) {
			char dup[GL_UUID_LEN + 1];
			db_row_uuid(s, "codes", c->code_id, dup);
			if (!dup[0])
				gl_error_set(err, GL_ENOTFOUND, _("no code with id %lld"), (long long)c->code_id);
			else
				gl_error_set(err, GL_EEXIST, _("this coder has already coded that span with "
					"that code"));
			ret = dup[0] ? GL_EEXIST : GL_ENOTFOUND;
		}
	}
	if (ret == GL_OK) {
		*id = sqlite3_last_insert_rowid(s->db);
		ret = db_audit(s, "create", "coding", uuid, NULL, err);
	}
	return db_finish(s, ret, err);
}

enum gl_status gl_store_coding_delete(struct gl_store *s, int64_t id, struct gl_error *err)
{
	return db_delete_row(s, "codings", "coding", id, err);
}

enum gl_status gl_store_coding_get(struct gl_store *s, int64_t id, struct gl_coding *out,
	struct gl_str *storage, struct gl_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT document_id, code_id, coder_id, start, end, uuid, "
		"memo FROM codings WHERE id = ?", &st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->document_id = sqlite3_column_int64(st, 0);
		out->code_id = sqlite3_column_int64(st, 1);
		out->coder_id = sqlite3_column_int64(st, 2);
		out->start = sqlite3_column_int64(st, 3);
		out->end = sqlite3_column_int64(st, 4);
		/* uuid, NUL, memo, NUL in one buffer */
		gl_str_clear(storage);
		gl_str_puts(storage, (const char *)sqlite3_column_text(st, 5));
		size_t memo_at = storage->len + 1;
		bool has_memo = sqlite3_column_type(st, 6) != SQLITE_NULL;
		ret = gl_str_putc(storage, '\0');
		if (ret == GL_OK && has_memo)
			ret = gl_str_puts(storage, (const char *)sqlite3_column_text(st, 6));
		if (ret == GL_OK) {
			out->uuid = storage->buf;
			out->memo = has_memo ? storage->buf + memo_at : NULL;
		}
	} else if (rc == SQLITE_DONE) {
		ret = gl_error_set(err, GL_ENOTFOUND, _("no coding with id %lld"), (long long)id);
	} else {
		ret = db_error(s, err, _("cannot read the project"));
	}
	sqlite3_finalize(st);
	return ret;
}

enum gl_status gl_store_coding_merge_union(struct gl_store *s, int64_t keep, int64_t drop,
	struct gl_error *err)
{
	struct gl_coding a, b;
	struct gl_str sa = GL_STR_INIT, sb = GL_STR_INIT;
	enum gl_status ret = gl_store_coding_get(s, keep, &a, &sa, err);
	if (ret == GL_OK)
		ret = gl_store_coding_get(s, drop, &b, &sb, err);
	if (ret == GL_OK && (keep == drop || a.document_id != b.document_id ||
		a.code_id != b.code_id))
		ret = gl_error_set(err, GL_EINVAL, _("only two codings of the same letter with the "
			"same code can be merged"));
	char uuid[GL_UUID_LEN + 1] = "";
	if (ret == GL_OK) {
		snprintf(uuid, sizeof uuid, "%s", a.uuid);
		ret = gl_store_begin(s, err);
	}
	if (ret == GL_OK) {
		/* Evidence that cited the dropped coding now cites the kept one. */
		ret = db_exec_ids(s, "INSERT OR IGNORE INTO finding_codings SELECT finding_id, ?2 FROM "
			"finding_codings WHERE coding_id = ?1", drop, keep, err);
		if (ret == GL_OK)
			ret = db_exec_ids(s, "DELETE FROM codings WHERE id = ?1", drop, 0, err);
		sqlite3_stmt *st;
		if (ret == GL_OK)
			ret = db_prepare(s, "UPDATE codings SET start = min(start, ?1), end = max(end, ?2) "
				"WHERE id = ?3", &st, err);
		if (ret == GL_OK) {
			sqlite3_bind_int64(st, 1, b.start);
			sqlite3_bind_int64(st, 2, b.end);
			sqlite3_bind_int64(st, 3, keep);
			ret = db_exec_stmt(s, st, err);
			if (ret == GL_ECONSTRAINT)
				ret = gl_error_set(err, GL_EEXIST, _("the coder has that span with that code "
					"already"));
		}
		if (ret == GL_OK)
			ret = db_audit(s, "merge", "coding", uuid, NULL, err);
		ret = db_finish(s, ret, err);
	}
	gl_str_finish(&sa);
	gl_str_finish(&sb);
	return ret;
}

enum gl_status gl_store_coding_memo_set(struct gl_store *s, int64_t id, const char *memo,
	struct gl_error *err)
{
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "codings", id, uuid);
	if (!uuid[0])
		return gl_error_set(err, GL_ENOTFOUND, _("no coding with id %lld"), (long long)id);
	enum gl_status ret = gl_store_begin(s, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_prepare(s, "UPDATE codings SET memo = nullif(?1, '') WHERE id = ?2", &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, memo);
		sqlite3_bind_int64(st, 2, id);
		ret = db_exec_stmt(s, st, err);
	}
	if (ret == GL_OK)
		ret = db_audit(s, "memo", "coding", uuid, NULL, err);
	return db_finish(s, ret, err);
}
