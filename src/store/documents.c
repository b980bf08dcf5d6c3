/* Documents: letters, free-text survey answers and inspection remarks. */
#include "genomlys/store.h"

#include <stdio.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"
#include "store_internal.h"

bool gl_document_kind_valid(const char *kind)
{
	return kind && (!strcmp(kind, "letter") || !strcmp(kind, "survey_text") ||
		!strcmp(kind, "inspection"));
}

enum gl_status gl_store_document_insert(struct gl_store *s, const struct gl_document *d,
	int64_t *id, bool *duplicate, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	bool unused_dup;
	if (!duplicate)
		duplicate = &unused_dup;
	*duplicate = false;
	if (!gl_document_kind_valid(d->kind))
		return gl_error_set(err, GL_EINVAL, _("unknown document kind '%s' (valid: letter, "
			"survey_text, inspection)"), d->kind ? d->kind : "");
	bool checked = d->text && d->text_checked;
	if (!d->text || (!checked && !gl_utf8_valid(d->text, d->text_len, NULL)))
		return gl_error_set(err, GL_EENCODING, _("the text is not valid UTF-8"));
	if (rules_document(d, err) != GL_OK)
		return GL_EINVAL;
	char hash[65], uuid[GL_UUID_LEN + 1];
	gl_sha256_hex(d->text, d->text_len, hash);
	enum gl_status ret = gl_uuid_new(uuid);
	if (ret != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	struct gl_str key = GL_STR_INIT;
	bool have_key = d->author && db_name_key(d->author, &key) == GL_OK;
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) != GL_OK) {
		gl_str_finish(&key);
		return tx.status;
	}
	ret = db_read_int_hot(s, "SELECT id FROM documents WHERE school_id = ?1 AND group_id = ?2 "
		"AND content_hash = ?3", DB_ARGS(DB_INT(d->school_id), DB_INT(d->group_id),
		DB_TEXT(hash)), id, err);
	if (ret == GL_OK) {
		*duplicate = true;  /* nothing to write */
	} else if (ret == GL_ENOTFOUND) {
		/* The author's pseudonym number (schema step 11): the number of the author's earlier
		 * letters in this school and group, else the next one of its counter; never reused. */
		db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO documents (uuid, kind, "
			"school_id, group_id, author, date, title, text, length, content_hash, source, "
			"author_key, author_n) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
			"coalesce((SELECT author_n FROM documents WHERE school_id = ?3 AND group_id = ?4 "
			"AND author_key = ?12 LIMIT 1), (SELECT last + 1 FROM author_counters WHERE "
			"school_id = ?3 AND group_id = ?4), 1))", .hot = true,
			.args = DB_ARGS(DB_TEXT(uuid), DB_TEXT(d->kind), DB_INT(d->school_id),
				DB_INT(d->group_id), DB_TEXT(d->author), DB_TEXT(d->date), DB_TEXT(d->title),
				DB_TEXT_STATIC(d->text, d->text_len), DB_INT(checked ? d->length
				: (int64_t)gl_utf8_count(d->text, d->text_len)),
				DB_TEXT(hash), DB_TEXT(d->source), DB_TEXT(have_key ? gl_str_cstr(&key) : NULL)),
			.constraint_msg = _("the letter's school or group does not exist"),
			.action = "create", .entity = "document", .uuid = uuid, .detail = d->source });
		*id = tx.last_id;
		db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO author_counters (school_id, "
			"group_id, last) SELECT school_id, group_id, author_n FROM documents WHERE id = ?1 "
			"ON CONFLICT (school_id, group_id) DO UPDATE SET last = max(last, excluded.last)",
			.hot = true, .args = DB_ARGS(DB_INT(*id)) });
	} else {
		db_tx_fail(&tx, ret);
	}
	gl_str_finish(&key);
	return db_tx_end(&tx);
}

enum gl_status gl_store_document_find_source(struct gl_store *s, const char *source, int64_t *id,
	struct gl_error *err)
{
	enum gl_status ret = db_read_int(s, "SELECT id FROM documents WHERE source = ?1 "
		"ORDER BY id LIMIT 1", DB_ARGS(DB_TEXT(source)), id, err);
	if (ret == GL_ENOTFOUND)
		return gl_error_set(err, ret, _("no letter was imported from '%s'"), source);
	return ret;
}

enum gl_status gl_store_document_get(struct gl_store *s, int64_t id, struct gl_document *out,
	struct gl_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st;
	enum gl_status ret = db_statement(s, "SELECT d.id, d.uuid, d.kind, d.school_id, d.group_id, "
		"d.author, d.date, d.title, d.text, d.length, d.content_hash, d.source, s.name, "
		DB_GROUP_NAME("g") ", g.key FROM documents d JOIN schools s ON s.id = d.school_id "
		"JOIN groups g ON g.id = d.group_id WHERE d.id = ?1", DB_ARGS(DB_INT(id)), false, &st, err);
	if (ret != GL_OK)
		return ret;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		db_release(s, st);
		return gl_error_set(err, GL_ENOTFOUND, _("no letter with id %lld"), (long long)id);
	}
	if (rc != SQLITE_ROW) {
		ret = db_error(s, err, _("cannot read the project"));
		db_release(s, st);
		return ret;
	}
	/* Copy every text column into one buffer, then point into it. */
	static const int text_cols[] = { 2, 5, 6, 7, 8, 11, 12, 13, 14 };
	enum { NTEXT = sizeof text_cols / sizeof text_cols[0] };
	size_t offsets[NTEXT];
	bool is_null[NTEXT];
	for (size_t i = 0; i < NTEXT && ret == GL_OK; i++) {
		int c = text_cols[i];
		is_null[i] = sqlite3_column_type(st, c) == SQLITE_NULL;
		const char *t = (const char *)sqlite3_column_text(st, c);
		size_t n = (size_t)sqlite3_column_bytes(st, c);
		offsets[i] = out->storage.len;
		ret = gl_str_append(&out->storage, t ? t : "", n);
		if (ret == GL_OK)
			ret = gl_str_putc(&out->storage, '\0');
		if (c == 8)
			out->text_len = n;
	}
	if (ret != GL_OK) {
		db_release(s, st);
		gl_document_finish(out);
		return gl_error_set(err, ret, "%s", gl_status_str(ret));
	}
	const char *base = out->storage.buf;
	const char **fields[NTEXT] = { &out->kind, &out->author, &out->date, &out->title,
		&out->text, &out->source, &out->school, &out->group, &out->group_key };
	for (size_t i = 0; i < NTEXT; i++)
		*fields[i] = is_null[i] ? NULL : base + offsets[i];
	out->id = sqlite3_column_int64(st, 0);
	snprintf(out->uuid, sizeof out->uuid, "%s", (const char *)sqlite3_column_text(st, 1));
	out->school_id = sqlite3_column_int64(st, 3);
	out->group_id = sqlite3_column_int64(st, 4);
	out->length = sqlite3_column_int64(st, 9);
	snprintf(out->hash, sizeof out->hash, "%s", (const char *)sqlite3_column_text(st, 10));
	db_release(s, st);
	return GL_OK;
}

void gl_document_finish(struct gl_document *d)
{
	if (!d)
		return;
	gl_str_finish(&d->storage);
	memset(d, 0, sizeof *d);
}

enum gl_status gl_store_document_delete(struct gl_store *s, int64_t id, struct gl_error *err)
{
	if (s->bulk)
		return gl_error_set(err, GL_EINVAL, "no document deletes during a bulk insert");
	return db_delete_row(s, "documents", "document", id, err);
}
