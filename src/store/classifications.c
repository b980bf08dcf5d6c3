/* Classifications: a coder's value of an exclusive category for a whole letter. */
#include "genomlys/store.h"

#include <stdio.h>
#include <stdlib.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

enum gl_status gl_store_category_value_find(struct gl_store *s, int64_t category_id,
	const char *value, int64_t *value_code_id, struct gl_error *err)
{
	bool exclusive = false;
	enum gl_status ret = db_code_info(s, category_id, NULL, &exclusive, err);
	if (ret != GL_OK)
		return ret;
	if (!exclusive)
		return gl_error_set(err, GL_EINVAL, _("the category is not exclusive: its codes are "
			"applied to spans, not to whole letters"));
	char *end;
	double num = strtod(value, &end);
	bool numeric = end != value && *end == '\0';
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(value, &key) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("empty classification value"));
	}
	sqlite3_stmt *st;
	ret = db_prepare(s, "SELECT id FROM codes WHERE parent_id = ?1 AND (name_key = ?2 OR "
		"(?3 AND value = ?4)) ORDER BY name_key = ?2 DESC LIMIT 1", &st, err);
	if (ret == GL_OK) {
		sqlite3_bind_int64(st, 1, category_id);
		db_bind_text(st, 2, gl_str_cstr(&key));
		sqlite3_bind_int(st, 3, numeric);
		sqlite3_bind_double(st, 4, num);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*value_code_id = sqlite3_column_int64(st, 0);
		else if (rc == SQLITE_DONE)
			ret = gl_error_set(err, GL_ENOTFOUND, _("the category has no value '%s'"), value);
		else
			ret = db_error(s, err, _("cannot read the project"));
		sqlite3_finalize(st);
	}
	gl_str_finish(&key);
	return ret;
}

enum gl_status gl_store_classify(struct gl_store *s, int64_t document_id, int64_t category_id,
	int64_t value_code_id, int64_t coder_id, int64_t *previous, struct gl_error *err)
{
	bool exclusive = false;
	enum gl_status ret = db_code_info(s, category_id, NULL, &exclusive, err);
	if (ret != GL_OK)
		return ret;
	if (!exclusive)
		return gl_error_set(err, GL_EINVAL, _("the category is not exclusive: its codes are "
			"applied to spans, not to whole letters"));
	if (value_code_id) {
		int64_t parent = 0;
		if ((ret = db_code_info(s, value_code_id, &parent, NULL, err)) != GL_OK)
			return ret;
		if (parent != category_id)
			return gl_error_set(err, GL_EINVAL, _("that value does not belong to the category"));
	}
	if ((ret = gl_store_begin(s, err)) != GL_OK)
		return ret;
	sqlite3_stmt *st;
	int64_t prev = 0;
	char uuid[GL_UUID_LEN + 1] = "";
	ret = db_prepare(s, "SELECT value_code_id, uuid FROM classifications WHERE document_id = ? "
		"AND category_id = ? AND coder_id = ?", &st, err);
	if (ret == GL_OK) {
		sqlite3_bind_int64(st, 1, document_id);
		sqlite3_bind_int64(st, 2, category_id);
		sqlite3_bind_int64(st, 3, coder_id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			prev = sqlite3_column_int64(st, 0);
			snprintf(uuid, sizeof uuid, "%s", (const char *)sqlite3_column_text(st, 1));
		}
		sqlite3_finalize(st);
	}
	if (ret == GL_OK && !uuid[0] && (ret = gl_uuid_new(uuid)) != GL_OK)
		gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	if (ret == GL_OK && value_code_id == 0) {
		ret = db_prepare(s, "DELETE FROM classifications WHERE document_id = ? AND "
			"category_id = ? AND coder_id = ?", &st, err);
		if (ret == GL_OK) {
			sqlite3_bind_int64(st, 1, document_id);
			sqlite3_bind_int64(st, 2, category_id);
			sqlite3_bind_int64(st, 3, coder_id);
			ret = db_exec_stmt(s, st, err);
		}
	} else if (ret == GL_OK) {
		ret = db_prepare(s, "INSERT INTO classifications (uuid, document_id, category_id, "
			"value_code_id, coder_id) VALUES (?,?,?,?,?) ON CONFLICT (document_id, category_id, "
			"coder_id) DO UPDATE SET value_code_id = excluded.value_code_id, "
			"created_at = excluded.created_at", &st, err);
		if (ret == GL_OK) {
			db_bind_text(st, 1, uuid);
			sqlite3_bind_int64(st, 2, document_id);
			sqlite3_bind_int64(st, 3, category_id);
			sqlite3_bind_int64(st, 4, value_code_id);
			sqlite3_bind_int64(st, 5, coder_id);
			ret = db_exec_stmt(s, st, err);
			if (ret == GL_ECONSTRAINT)
				gl_error_set(err, GL_ENOTFOUND, _("no such letter or coder"));
		}
	}
	if (ret == GL_OK)
		ret = db_audit(s, value_code_id ? "classify" : "unclassify", "classification", uuid,
			NULL, err);
	ret = db_finish(s, ret, err);
	if (ret == GL_OK && previous)
		*previous = prev;
	return ret;
}
