/* Respondent groups and their aliases. */
#include "genomlys/store.h"

#include "genomlys/i18n.h"
#include "store_internal.h"

enum gl_status gl_store_group_find(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	struct gl_str key = GL_STR_INIT;
	enum gl_status ret = db_name_key(name, &key);
	if (ret == GL_OK)
		ret = db_find_id(s, "SELECT group_id FROM group_aliases WHERE alias_key = ?1 "
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
