/* Codings: spans of a letter labelled with a code by a coder. */
#include "genomlys/store.h"

#include <stdio.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

enum gl_status gl_store_coding_insert(struct gl_store *s, const struct gl_coding *c, int64_t *id,
	struct gl_error *err)
{
	if (c->start < 0 || c->end <= c->start)
		return gl_error_set(err, GL_EINVAL, _("empty or reversed span %lld:%lld"),
			(long long)c->start, (long long)c->end);
	if (rules_text(c->memo, err) != GL_OK)
		return GL_EINVAL;
	int64_t length = -1;
	enum gl_status ret = db_read_int(s, "SELECT length FROM documents WHERE id = ?1",
		DB_ARGS(DB_INT(c->document_id)), &length, err);
	if (ret == GL_ENOTFOUND)
		return gl_error_set(err, GL_ENOTFOUND, _("no letter with id %lld"),
			(long long)c->document_id);
	if (ret != GL_OK)
		return ret;
	if (c->end > length)
		return gl_error_set(err, GL_EINVAL, _("span %lld:%lld is outside the letter (%lld "
			"characters)"), (long long)c->start, (long long)c->end, (long long)length);
	/* an exclusive category and its values classify whole letters (gl_store_classify); they
	 * are never coded on a span */
	int64_t whole = 0;
	ret = db_read_int_hot(s, "SELECT c.exclusive OR ifnull(p.exclusive, 0) FROM codes c"
		" LEFT JOIN codes p ON p.id = c.parent_id WHERE c.id = ?1",
		DB_ARGS(DB_INT(c->code_id)), &whole, err);
	if (ret == GL_ENOTFOUND)
		return gl_error_set(err, GL_ENOTFOUND, _("no code with id %lld"), (long long)c->code_id);
	if (ret != GL_OK)
		return ret;
	if (whole)
		return gl_error_set(err, GL_EINVAL, _("an exclusive category and its values classify "
			"whole letters (genomlys classify, or t in the reader); they are not coded on a "
			"span"));
	char fresh[GL_UUID_LEN + 1];
	if (!c->uuid && (ret = gl_uuid_new(fresh)) != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	const char *uuid = c->uuid ? c->uuid : fresh;
	/* coding a letter marks it read by the coder, in the same transaction */
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) != GL_OK)
		return tx.status;
	db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO codings (uuid, document_id, "
		"code_id, coder_id, start, end, memo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", .hot = true,
		.args = DB_ARGS(DB_TEXT(uuid), DB_INT(c->document_id), DB_INT(c->code_id),
			DB_INT(c->coder_id), DB_INT(c->start), DB_INT(c->end), DB_TEXT(c->memo)),
		.constraint = GL_EEXIST,
		.constraint_msg = _("this coder has already coded that span with that code"),
		.action = "create", .entity = "coding", .uuid = uuid });
	int64_t coding_id = tx.last_id;
	db_tx_mark_read(&tx, c->document_id, c->coder_id);
	ret = db_tx_end(&tx);
	if (ret == GL_OK && id)
		*id = coding_id;
	return ret;
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
	enum gl_status ret = db_statement(s, "SELECT document_id, code_id, coder_id, start, end, "
		"uuid, memo FROM codings WHERE id = ?1", DB_ARGS(DB_INT(id)), false, &st, err);
	if (ret != GL_OK)
		return ret;
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
	db_release(s, st);
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
	struct db_tx tx;
	if (ret == GL_OK && db_tx_begin(s, &tx, err) == GL_OK) {
		/* Evidence that cited the dropped coding now cites the kept one. */
		db_tx_write(&tx, &(struct db_write){ .sql = "INSERT OR IGNORE INTO finding_codings "
			"SELECT finding_id, ?2 FROM finding_codings WHERE coding_id = ?1",
			.args = DB_ARGS(DB_INT(drop), DB_INT(keep)) });
		db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM codings WHERE id = ?1",
			.args = DB_ARGS(DB_INT(drop)) });
		/* ... and its memo too: after the kept one's (unless that holds it), or in its place */
		db_tx_write(&tx, &(struct db_write){ .sql = "UPDATE codings SET start = min(start, ?1), "
			"end = max(end, ?2), memo = CASE WHEN ?4 IS NULL OR instr(memo, ?4) THEN memo "
			"WHEN memo IS NULL THEN ?4 ELSE memo || char(10) || char(10) || ?4 END WHERE id = ?3",
			.args = DB_ARGS(DB_INT(b.start), DB_INT(b.end), DB_INT(keep), DB_TEXT(b.memo)),
			.constraint = GL_EEXIST,
			.constraint_msg = _("the coder has that span with that code already"),
			.action = "merge", .entity = "coding", .uuid = a.uuid });
		ret = db_tx_end(&tx);
	} else if (ret == GL_OK) {
		ret = tx.status;
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
	if (rules_text(memo, err) != GL_OK)
		return GL_EINVAL;
	return db_write(s, &(struct db_write){
		.sql = "UPDATE codings SET memo = nullif(?1, '') WHERE id = ?2",
		.args = DB_ARGS(DB_TEXT(memo), DB_INT(id)),
		.action = "memo", .entity = "coding", .uuid = uuid }, NULL, err);
}
