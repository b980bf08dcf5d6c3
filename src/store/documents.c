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
	if (!d->text || !gl_utf8_valid(d->text, d->text_len, NULL))
		return gl_error_set(err, GL_EENCODING, _("the text is not valid UTF-8"));
	char hash[65], uuid[GL_UUID_LEN + 1];
	gl_sha256_hex(d->text, d->text_len, hash);
	enum gl_status ret = gl_uuid_new(uuid);
	if (ret != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	if ((ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_prepare_cached(s, "SELECT id FROM documents WHERE school_id = ? AND group_id = ? AND "
		"content_hash = ?", &st, err);
	if (ret != GL_OK)
		return db_finish(s, ret, err);
	sqlite3_bind_int64(st, 1, d->school_id);
	sqlite3_bind_int64(st, 2, d->group_id);
	db_bind_text(st, 3, hash);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*duplicate = true;
	} else if (rc != SQLITE_DONE) {
		ret = db_error(s, err, _("cannot read the project"));
	}
	db_release(s, st);
	if (ret != GL_OK || *duplicate)
		return db_finish(s, ret, err);
	ret = db_prepare_cached(s, "INSERT INTO documents (uuid, kind, school_id, group_id, author, date, "
		"title, text, length, content_hash, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)", &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, uuid);
		db_bind_text(st, 2, d->kind);
		sqlite3_bind_int64(st, 3, d->school_id);
		sqlite3_bind_int64(st, 4, d->group_id);
		db_bind_text(st, 5, d->author);
		db_bind_text(st, 6, d->date);
		db_bind_text(st, 7, d->title);
		sqlite3_bind_text64(st, 8, d->text, d->text_len, SQLITE_STATIC, SQLITE_UTF8);
		sqlite3_bind_int64(st, 9, (sqlite3_int64)gl_utf8_count(d->text, d->text_len));
		db_bind_text(st, 10, hash);
		db_bind_text(st, 11, d->source);
		ret = db_exec_stmt(s, st, err);
		if (ret == GL_ECONSTRAINT)
			gl_error_set(err, ret, _("the letter's school or group does not exist"));
	}
	if (ret == GL_OK) {
		*id = sqlite3_last_insert_rowid(s->db);
		ret = db_audit(s, "create", "document", uuid, d->source, err);
	}
	return db_finish(s, ret, err);
}

enum gl_status gl_store_document_get(struct gl_store *s, int64_t id, struct gl_document *out,
	struct gl_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT d.id, d.uuid, d.kind, d.school_id, d.group_id, "
		"d.author, d.date, d.title, d.text, d.length, d.content_hash, d.source, s.name, g.name_sv "
		"FROM documents d JOIN schools s ON s.id = d.school_id JOIN groups g ON g.id = d.group_id "
		"WHERE d.id = ?", &st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		return gl_error_set(err, GL_ENOTFOUND, _("no letter with id %lld"), (long long)id);
	}
	if (rc != SQLITE_ROW) {
		ret = db_error(s, err, _("cannot read the project"));
		sqlite3_finalize(st);
		return ret;
	}
	/* Copy every text column into one buffer, then point into it. */
	static const int text_cols[] = { 2, 5, 6, 7, 8, 11, 12, 13 };
	size_t offsets[8];
	bool is_null[8];
	for (size_t i = 0; i < 8 && ret == GL_OK; i++) {
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
		sqlite3_finalize(st);
		gl_document_finish(out);
		return gl_error_set(err, ret, "%s", gl_status_str(ret));
	}
	const char *base = out->storage.buf;
	const char **fields[8] = { &out->kind, &out->author, &out->date, &out->title, &out->text,
		&out->source, &out->school, &out->group };
	for (size_t i = 0; i < 8; i++)
		*fields[i] = is_null[i] ? NULL : base + offsets[i];
	out->id = sqlite3_column_int64(st, 0);
	snprintf(out->uuid, sizeof out->uuid, "%s", (const char *)sqlite3_column_text(st, 1));
	out->school_id = sqlite3_column_int64(st, 3);
	out->group_id = sqlite3_column_int64(st, 4);
	out->length = sqlite3_column_int64(st, 9);
	snprintf(out->hash, sizeof out->hash, "%s", (const char *)sqlite3_column_text(st, 10));
	sqlite3_finalize(st);
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
