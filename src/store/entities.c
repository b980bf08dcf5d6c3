/* Typed insert, update, delete and lookup functions per entity; each is one transaction. */
#include "genomlys/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"
#include "store_internal.h"

/* Runs "SELECT id FROM ... WHERE <col> = ?" with one text parameter. */
static enum gl_status find_id(struct gl_store *s, const char *sql, const char *key, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare_cached(s, sql, &st, err);
	if (ret != GL_OK)
		return ret;
	db_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		ret = GL_ENOTFOUND;
	else
		ret = db_error(s, err, _("cannot read the project"));
	db_release(s, st);
	return ret;
}

/* The entity words that messages interpolate, marked for translation. */
static const char *const entity_words[] = { N_("school"), N_("coder"), N_("code"),
	N_("coding"), N_("document"), N_("finding") };

static const char *word(const char *entity)
{
	for (size_t i = 0; i < sizeof entity_words / sizeof entity_words[0]; i++)
		if (!strcmp(entity, entity_words[i]))
			return _(entity_words[i]);
	return entity;
}

/* Shared by schools and coders: a name with a case-folded unique key. */
static enum gl_status named_find(struct gl_store *s, const char *table, const char *what,
	const char *name, int64_t *id, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	struct gl_str key = GL_STR_INIT;
	enum gl_status ret = db_name_key(name, &key);
	if (ret != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("the name of a %s must not be empty"), word(what));
	}
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE name_key = ?", table);
	ret = find_id(s, sql, gl_str_cstr(&key), id, err);
	if (ret == GL_ENOTFOUND)
		gl_error_set(err, ret, _("no %s named '%s'"), word(what), name);
	gl_str_finish(&key);
	return ret;
}

static enum gl_status named_ensure(struct gl_store *s, const char *table, const char *what,
	const char *name, int64_t *id, bool *created, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	if (created)
		*created = false;
	if (rules_name(name, err) != GL_OK)
		return GL_EINVAL;
	enum gl_status ret = named_find(s, table, what, name, id, err);
	if (ret != GL_ENOTFOUND)
		return ret;
	gl_error_clear(err);
	struct gl_str key = GL_STR_INIT;
	char uuid[GL_UUID_LEN + 1];
	db_name_key(name, &key);
	if ((ret = gl_uuid_new(uuid)) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	}
	ret = gl_store_begin(s, err);
	if (ret != GL_OK) {
		gl_str_finish(&key);
		return ret;
	}
	char sql[128];
	snprintf(sql, sizeof sql, "INSERT INTO %s (uuid, name, name_key) VALUES (?, trim(?), ?)",
		table);
	sqlite3_stmt *st;
	ret = db_prepare(s, sql, &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, uuid);
		db_bind_text(st, 2, name);
		db_bind_text(st, 3, gl_str_cstr(&key));
		ret = db_exec_stmt(s, st, err);
	}
	if (ret == GL_OK) {
		*id = sqlite3_last_insert_rowid(s->db);
		ret = db_audit(s, "create", what, uuid, name, err);
	}
	ret = db_finish(s, ret, err);
	gl_str_finish(&key);
	if (ret == GL_OK && created)
		*created = true;
	return ret;
}

/* Deletes one row by id, with its audit entry, in one transaction. */
static enum gl_status delete_row(struct gl_store *s, const char *table, const char *what,
	int64_t id, struct gl_error *err)
{
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, table, id, uuid);
	if (!uuid[0])
		return gl_error_set(err, GL_ENOTFOUND, _("no %s with id %lld"), word(what),
			(long long)id);
	enum gl_status ret = gl_store_begin(s, err);
	if (ret != GL_OK)
		return ret;
	char sql[96];
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?", table);
	sqlite3_stmt *st;
	ret = db_prepare(s, sql, &st, err);
	if (ret == GL_OK) {
		sqlite3_bind_int64(st, 1, id);
		ret = db_exec_stmt(s, st, err);
	}
	if (ret == GL_OK)
		ret = db_audit(s, "delete", what, uuid, NULL, err);
	return db_finish(s, ret, err);
}

/* ---- Schools ---- */

enum gl_status gl_store_school_find(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	return named_find(s, "schools", "school", name, id, err);
}

enum gl_status gl_store_school_ensure(struct gl_store *s, const char *name, int64_t *id,
	bool *created, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	return named_ensure(s, "schools", "school", name, id, created, err);
}

/* Renames a row of a table whose names have a case-folded unique key (schools, codes). */
enum gl_status db_rename(struct gl_store *s, const char *table, const char *entity, int64_t id,
	const char *name, struct gl_error *err)
{
	if (rules_name(name, err) != GL_OK)
		return GL_EINVAL;
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(name, &key) != GL_OK || (!strcmp(entity, "code") && strchr(name, '>'))) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, !strcmp(entity, "code")
			? _("a code name must not be empty or contain '>'")
			: _("the name of a %s must not be empty"), word(entity));
	}
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, table, id, uuid);
	enum gl_status ret = uuid[0] ? gl_store_begin(s, err)
		: gl_error_set(err, GL_ENOTFOUND, _("no %s with id %lld"), word(entity), (long long)id);
	if (ret != GL_OK) {
		gl_str_finish(&key);
		return ret;
	}
	char sql[96];
	snprintf(sql, sizeof sql, "UPDATE %s SET name = trim(?), name_key = ? WHERE id = ?", table);
	sqlite3_stmt *st;
	ret = db_prepare(s, sql, &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, name);
		db_bind_text(st, 2, gl_str_cstr(&key));
		sqlite3_bind_int64(st, 3, id);
		ret = db_exec_stmt(s, st, err);
		if (ret == GL_ECONSTRAINT)
			ret = gl_error_set(err, GL_EEXIST, _("a %s named '%s' exists already there"),
				word(entity), name);
	}
	if (ret == GL_OK)
		ret = db_audit(s, "rename", entity, uuid, name, err);
	gl_str_finish(&key);
	return db_finish(s, ret, err);
}

enum gl_status gl_store_school_rename(struct gl_store *s, int64_t id, const char *name,
	struct gl_error *err)
{
	return db_rename(s, "schools", "school", id, name, err);
}

enum gl_status gl_store_school_delete(struct gl_store *s, int64_t id, struct gl_error *err)
{
	return delete_row(s, "schools", "school", id, err);
}

/* ---- Groups ---- */

enum gl_status gl_store_group_find(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	struct gl_str key = GL_STR_INIT;
	enum gl_status ret = db_name_key(name, &key);
	if (ret == GL_OK)
		ret = find_id(s, "SELECT group_id FROM group_aliases WHERE alias_key = ?1 "
			"UNION ALL SELECT id FROM groups WHERE key = ?1 LIMIT 1", gl_str_cstr(&key), id, err);
	else
		ret = GL_ENOTFOUND;
	if (ret == GL_ENOTFOUND) {
		struct gl_str names = GL_STR_INIT;
		gl_store_group_names(s, &names, NULL);
		gl_error_set(err, ret, _("unknown respondent group '%s' (valid: %s)"), name ? name : "",
			gl_str_cstr(&names));
		gl_str_finish(&names);
	}
	gl_str_finish(&key);
	return ret;
}

enum gl_status gl_store_group_names(struct gl_store *s, struct gl_str *out, struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT name_sv, key FROM groups ORDER BY sort, id", &st,
		err);
	if (ret != GL_OK)
		return ret;
	gl_str_clear(out);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gl_str_printf(out, "%s%s/%s", out->len ? ", " : "", sqlite3_column_text(st, 0),
			sqlite3_column_text(st, 1));
	}
	if (rc != SQLITE_DONE)
		ret = db_error(s, err, _("cannot read the project"));
	sqlite3_finalize(st);
	return ret;
}

enum gl_status gl_store_group_alias_add(struct gl_store *s, int64_t group_id, const char *alias,
	struct gl_error *err)
{
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(alias, &key) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("a group name must not be empty"));
	}
	enum gl_status ret = gl_store_begin(s, err);
	if (ret == GL_OK) {
		sqlite3_stmt *st;
		ret = db_prepare(s, "INSERT INTO group_aliases (alias_key, group_id) VALUES (?, ?) "
			"ON CONFLICT DO NOTHING", &st, err);
		if (ret == GL_OK) {
			db_bind_text(st, 1, gl_str_cstr(&key));
			sqlite3_bind_int64(st, 2, group_id);
			ret = db_exec_stmt(s, st, err);
		}
		ret = db_finish(s, ret, err);
	}
	gl_str_finish(&key);
	return ret;
}

enum gl_status gl_store_group_add(struct gl_store *s, const char *key, const char *name_sv,
	const char *name_en, int64_t *id, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	if (!key || !*key || !name_sv || !*name_sv || !name_en || !*name_en)
		return gl_error_set(err, GL_EINVAL, _("a group needs a key, a Swedish and an English name"));
	char uuid[GL_UUID_LEN + 1];
	enum gl_status ret = gl_uuid_new(uuid);
	if (ret != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	if ((ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_prepare(s, "INSERT INTO groups (uuid, key, name_sv, name_en, sort) VALUES "
		"(?, ?, ?, ?, (SELECT ifnull(max(sort), 0) + 1 FROM groups))", &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, uuid);
		db_bind_text(st, 2, key);
		db_bind_text(st, 3, name_sv);
		db_bind_text(st, 4, name_en);
		ret = db_exec_stmt(s, st, err);
		if (ret == GL_ECONSTRAINT)
			ret = gl_error_set(err, GL_EEXIST, _("a group '%s' exists already"), key);
	}
	if (ret == GL_OK) {
		*id = sqlite3_last_insert_rowid(s->db);
		ret = gl_store_group_alias_add(s, *id, key, err);
	}
	if (ret == GL_OK)
		ret = gl_store_group_alias_add(s, *id, name_sv, err);
	if (ret == GL_OK)
		ret = gl_store_group_alias_add(s, *id, name_en, err);
	if (ret == GL_OK)
		ret = db_audit(s, "create", "group", uuid, key, err);
	return db_finish(s, ret, err);
}

/* ---- Coders ---- */

enum gl_status gl_store_coder_find(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	return named_find(s, "coders", "coder", name, id, err);
}

enum gl_status gl_store_coder_ensure(struct gl_store *s, const char *name, int64_t *id,
	bool *created, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	return named_ensure(s, "coders", "coder", name, id, created, err);
}

/* ---- Documents ---- */

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
	if (rules_document(d, err) != GL_OK)
		return GL_EINVAL;
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
	return delete_row(s, "documents", "document", id, err);
}

/* ---- Survey results ---- */

enum gl_status gl_store_survey_upsert(struct gl_store *s, const struct gl_survey_result *r,
	int64_t *id, bool *updated, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	bool unused_upd;
	if (!updated)
		updated = &unused_upd;
	*updated = false;
	if (!r->survey || !*r->survey || !r->item || !*r->item)
		return gl_error_set(err, GL_EINVAL, _("a survey result needs a survey and an item"));
	if (rules_number(r->value, err) != GL_OK)
		return GL_EINVAL;
	char uuid[GL_UUID_LEN + 1];
	enum gl_status ret = gl_uuid_new(uuid);
	if (ret != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	if ((ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_prepare(s, "SELECT id, uuid, value, n FROM survey_results WHERE school_id = ? AND "
		"survey = ? AND year = ? AND group_id = ? AND item = ?", &st, err);
	if (ret != GL_OK)
		return db_finish(s, ret, err);
	sqlite3_bind_int64(st, 1, r->school_id);
	db_bind_text(st, 2, r->survey);
	sqlite3_bind_int(st, 3, r->year);
	sqlite3_bind_int64(st, 4, r->group_id);
	db_bind_text(st, 5, r->item);
	int rc = sqlite3_step(st);
	int64_t existing = 0;
	bool same = false;
	if (rc == SQLITE_ROW) {
		existing = sqlite3_column_int64(st, 0);
		snprintf(uuid, sizeof uuid, "%s", (const char *)sqlite3_column_text(st, 1));
		bool n_null = sqlite3_column_type(st, 3) == SQLITE_NULL;
		same = sqlite3_column_double(st, 2) == r->value &&
			(r->n < 0 ? n_null : !n_null && sqlite3_column_int64(st, 3) == r->n);
	} else if (rc != SQLITE_DONE) {
		ret = db_error(s, err, _("cannot read the project"));
	}
	sqlite3_finalize(st);
	if (ret != GL_OK || same) {
		*id = existing;
		return db_finish(s, ret, err);
	}
	if (existing)
		ret = db_prepare(s, "UPDATE survey_results SET value = ?6, n = ?7 WHERE id = ?8", &st, err);
	else
		ret = db_prepare(s, "INSERT INTO survey_results (uuid, school_id, survey, year, group_id, "
			"item, value, n) VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7)", &st, err);
	if (ret == GL_OK) {
		if (existing) {
			sqlite3_bind_int64(st, 8, existing);
		} else {
			sqlite3_bind_int64(st, 1, r->school_id);
			db_bind_text(st, 2, r->survey);
			sqlite3_bind_int(st, 3, r->year);
			sqlite3_bind_int64(st, 4, r->group_id);
			db_bind_text(st, 5, r->item);
			db_bind_text(st, 9, uuid);
		}
		sqlite3_bind_double(st, 6, r->value);
		if (r->n < 0)
			sqlite3_bind_null(st, 7);
		else
			sqlite3_bind_int64(st, 7, r->n);
		ret = db_exec_stmt(s, st, err);
		if (ret == GL_ECONSTRAINT)
			gl_error_set(err, ret, _("the survey result's school or group does not exist"));
	}
	if (ret == GL_OK) {
		*id = existing ? existing : sqlite3_last_insert_rowid(s->db);
		*updated = existing != 0;
		ret = db_audit(s, existing ? "update" : "create", "survey_result", uuid, r->item, err);
	}
	return db_finish(s, ret, err);
}

/* ---- Codes ---- */

enum gl_status gl_store_code_find(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	if (!name || !*name)
		return gl_error_set(err, GL_EINVAL, _("a code name must not be empty"));
	const char *sep = strrchr(name, '>');  /* the last '>': "A > B > C" is C under "A > B" */
	enum gl_status ret;
	if (sep) {
		/* "Category > Code": find the category, then the code under it. */
		char *parent = strndup(name, (size_t)(sep - name));
		if (!parent)
			return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		int64_t pid;
		ret = gl_store_code_find(s, parent, &pid, err);
		free(parent);
		if (ret != GL_OK)
			return ret;
		struct gl_str key = GL_STR_INIT;
		if (db_name_key(sep + 1, &key) != GL_OK) {
			gl_str_finish(&key);
			return gl_error_set(err, GL_EINVAL, _("a code name must not be empty"));
		}
		sqlite3_stmt *st;
		ret = db_prepare(s, "SELECT id FROM codes WHERE parent_id = ? AND name_key = ?", &st, err);
		if (ret == GL_OK) {
			sqlite3_bind_int64(st, 1, pid);
			db_bind_text(st, 2, gl_str_cstr(&key));
			int rc = sqlite3_step(st);
			if (rc == SQLITE_ROW)
				*id = sqlite3_column_int64(st, 0);
			else if (rc == SQLITE_DONE)
				ret = gl_error_set(err, GL_ENOTFOUND, _("no code named '%s'"), name);
			else
				ret = db_error(s, err, _("cannot read the project"));
			sqlite3_finalize(st);
		}
		gl_str_finish(&key);
		return ret;
	}
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(name, &key) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("a code name must not be empty"));
	}
	sqlite3_stmt *st;
	ret = db_prepare(s, "SELECT id FROM codes WHERE name_key = ? ORDER BY parent_id IS NOT NULL, "
		"id LIMIT 2", &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, gl_str_cstr(&key));
		int found = 0, rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (found++ == 0)
				*id = sqlite3_column_int64(st, 0);
		}
		if (rc != SQLITE_DONE)
			ret = db_error(s, err, _("cannot read the project"));
		else if (found == 0)
			ret = gl_error_set(err, GL_ENOTFOUND, _("no code named '%s'"), name);
		else if (found > 1)
			ret = gl_error_set(err, GL_EINVAL, _("several codes are named '%s'; write "
				"'Category > %s'"), name, name);
		sqlite3_finalize(st);
	}
	gl_str_finish(&key);
	return ret;
}

static bool color_valid(const char *c)
{
	static const char *const names[] = { "black", "red", "green", "yellow", "blue", "magenta",
		"cyan", "white", "orange", "purple", "pink", "brown", "grey", "gray" };
	if (!c || !*c)
		return true;
	if (c[0] == '#') {
		if (strlen(c) != 7)
			return false;
		for (int i = 1; i < 7; i++)
			if (!strchr("0123456789abcdefABCDEF", c[i]))
				return false;
		return true;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcasecmp(c, names[i]))
			return true;
	return false;
}

enum gl_status db_code_check(const struct gl_code *c, struct gl_error *err)
{
	if (!color_valid(c->color))
		return gl_error_set(err, GL_EINVAL, _("invalid colour '%s' (use a name such as red or "
			"blue, or #rrggbb)"), c->color);
	return rules_code(c, err);
}

static void bind_code(sqlite3_stmt *st, const struct gl_code *c)
{
	db_bind_text(st, 1, c->description && *c->description ? c->description : NULL);
	db_bind_text(st, 2, c->color && *c->color ? c->color : NULL);
	sqlite3_bind_int(st, 3, c->exclusive ? 1 : 0);
	if (c->has_value)
		sqlite3_bind_double(st, 4, c->value);
	else
		sqlite3_bind_null(st, 4);
}

enum gl_status gl_store_code_insert(struct gl_store *s, const struct gl_code *c, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(c->name, &key) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("a code name must not be empty"));
	}
	if (strchr(c->name, '>')) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("a code name must not contain '>'"));
	}
	char uuid[GL_UUID_LEN + 1];
	enum gl_status ret = db_code_check(c, err);
	if (ret == GL_OK)
		ret = rules_code_depth(s, c->parent_id, 0, err);
	if (ret == GL_OK && (ret = gl_uuid_new(uuid)) != GL_OK)
		gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	if (ret == GL_OK)
		ret = gl_store_begin(s, err);
	if (ret != GL_OK) {
		gl_str_finish(&key);
		return ret;
	}
	sqlite3_stmt *st;
	ret = db_prepare(s, "INSERT INTO codes (description, color, exclusive, value, uuid, "
		"parent_id, name, name_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, trim(?7), ?8)", &st, err);
	if (ret == GL_OK) {
		bind_code(st, c);
		db_bind_text(st, 5, uuid);
		if (c->parent_id > 0)
			sqlite3_bind_int64(st, 6, c->parent_id);
		else
			sqlite3_bind_null(st, 6);
		db_bind_text(st, 7, c->name);
		db_bind_text(st, 8, gl_str_cstr(&key));
		ret = db_exec_stmt(s, st, err);
		if (ret == GL_ECONSTRAINT)
			ret = gl_error_set(err, GL_EEXIST, _("a code named '%s' exists already there"), c->name);
	}
	if (ret == GL_OK) {
		*id = sqlite3_last_insert_rowid(s->db);
		ret = db_audit(s, "create", "code", uuid, c->name, err);
	}
	gl_str_finish(&key);
	return db_finish(s, ret, err);
}

enum gl_status gl_store_code_update(struct gl_store *s, int64_t id, const struct gl_code *c,
	struct gl_error *err)
{
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "codes", id, uuid);
	if (!uuid[0])
		return gl_error_set(err, GL_ENOTFOUND, _("no code with id %lld"), (long long)id);
	enum gl_status ret = db_code_check(c, err);
	if (ret == GL_OK)
		ret = gl_store_begin(s, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_prepare(s, "UPDATE codes SET description = ?1, color = ?2, exclusive = ?3, "
		"value = ?4 WHERE id = ?5", &st, err);
	if (ret == GL_OK) {
		bind_code(st, c);
		sqlite3_bind_int64(st, 5, id);
		ret = db_exec_stmt(s, st, err);
	}
	if (ret == GL_OK)
		ret = db_audit(s, "update", "code", uuid, c->name, err);
	return db_finish(s, ret, err);
}

/* ---- Codings ---- */

enum gl_status gl_store_coding_insert(struct gl_store *s, const struct gl_coding *c, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	if (c->start < 0 || c->end <= c->start)
		return gl_error_set(err, GL_EINVAL, _("empty or reversed span %lld:%lld"),
			(long long)c->start, (long long)c->end);
	if (rules_text(c->memo, err) != GL_OK)
		return GL_EINVAL;
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
	return delete_row(s, "codings", "coding", id, err);
}

/* ---- Findings ---- */

bool gl_finding_kind_valid(const char *kind)
{
	return kind && (!strcmp(kind, "strength") || !strcmp(kind, "area") ||
		!strcmp(kind, "challenge"));
}

enum gl_status gl_store_finding_insert(struct gl_store *s, const struct gl_finding *f,
	int64_t *id, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	if (!gl_finding_kind_valid(f->kind))
		return gl_error_set(err, GL_EINVAL, _("unknown finding kind '%s' (valid: strength, area, "
			"challenge)"), f->kind ? f->kind : "");
	if (!f->title || !*f->title)
		return gl_error_set(err, GL_EINVAL, _("a finding needs a title"));
	if (rules_name(f->title, err) != GL_OK || rules_text(f->description, err) != GL_OK)
		return GL_EINVAL;
	char uuid[GL_UUID_LEN + 1];
	enum gl_status ret = gl_uuid_new(uuid);
	if (ret != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	if ((ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_prepare(s, "INSERT INTO findings (uuid, school_id, kind, title, description, "
		"author_id) VALUES (?,?,?,?,?,?)", &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, uuid);
		if (f->school_id > 0)
			sqlite3_bind_int64(st, 2, f->school_id);
		else
			sqlite3_bind_null(st, 2);
		db_bind_text(st, 3, f->kind);
		db_bind_text(st, 4, f->title);
		db_bind_text(st, 5, f->description);
		if (f->author_id > 0)
			sqlite3_bind_int64(st, 6, f->author_id);
		else
			sqlite3_bind_null(st, 6);
		ret = db_exec_stmt(s, st, err);
		if (ret == GL_ECONSTRAINT)
			gl_error_set(err, ret, _("the finding's school or author does not exist"));
	}
	if (ret == GL_OK) {
		*id = sqlite3_last_insert_rowid(s->db);
		ret = db_audit(s, "create", "finding", uuid, f->title, err);
	}
	return db_finish(s, ret, err);
}

enum gl_status gl_store_finding_delete(struct gl_store *s, int64_t id, struct gl_error *err)
{
	return delete_row(s, "findings", "finding", id, err);
}

static enum gl_status link(struct gl_store *s, const char *sql, int64_t a, int64_t b,
	const char *what, struct gl_error *err)
{
	enum gl_status ret = gl_store_begin(s, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_prepare(s, sql, &st, err);
	if (ret == GL_OK) {
		sqlite3_bind_int64(st, 1, a);
		sqlite3_bind_int64(st, 2, b);
		ret = db_exec_stmt(s, st, err);
		if (ret == GL_ECONSTRAINT)
			gl_error_set(err, GL_ENOTFOUND, _("no such finding or %s"), what);
	}
	if (ret == GL_OK) {
		char uuid[GL_UUID_LEN + 1];
		db_row_uuid(s, "findings", a, uuid);
		ret = db_audit(s, "link", what, uuid, NULL, err);
	}
	return db_finish(s, ret, err);
}

enum gl_status gl_store_finding_link_coding(struct gl_store *s, int64_t finding_id,
	int64_t coding_id, struct gl_error *err)
{
	return link(s, "INSERT OR IGNORE INTO finding_codings VALUES (?, ?)", finding_id, coding_id,
		"coding", err);
}

enum gl_status gl_store_finding_link_survey(struct gl_store *s, int64_t finding_id,
	int64_t survey_result_id, struct gl_error *err)
{
	return link(s, "INSERT OR IGNORE INTO finding_surveys VALUES (?, ?)", finding_id,
		survey_result_id, "survey_result", err);
}

/* ---- Memos ---- */

enum gl_status gl_store_memo_insert(struct gl_store *s, const char *target, int64_t target_id,
	int64_t coder_id, const char *text, int64_t *id, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	if (!text || !*text)
		return gl_error_set(err, GL_EINVAL, _("a memo must not be empty"));
	if (rules_text(text, err) != GL_OK)
		return GL_EINVAL;
	char uuid[GL_UUID_LEN + 1];
	enum gl_status ret = gl_uuid_new(uuid);
	if (ret != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	if ((ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_prepare(s, "INSERT INTO memos (uuid, target, target_id, coder_id, text) "
		"VALUES (?,?,?,?,?)", &st, err);
	if (ret == GL_OK) {
		db_bind_text(st, 1, uuid);
		db_bind_text(st, 2, target);
		sqlite3_bind_int64(st, 3, target_id);
		if (coder_id > 0)
			sqlite3_bind_int64(st, 4, coder_id);
		else
			sqlite3_bind_null(st, 4);
		db_bind_text(st, 5, text);
		ret = db_exec_stmt(s, st, err);
		if (ret == GL_ECONSTRAINT)
			gl_error_set(err, GL_EINVAL, _("a memo belongs to a project, document, code, coding "
				"or finding"));
	}
	if (ret == GL_OK) {
		*id = sqlite3_last_insert_rowid(s->db);
		ret = db_audit(s, "create", "memo", uuid, target, err);
	}
	return db_finish(s, ret, err);
}
