/* Lookups for the importers: a code under a given parent, an existing survey result. */
#include "genomlys/store_import.h"

#include "genomlys/i18n.h"
#include "store_internal.h"

enum gl_status gl_store_code_find_child(struct gl_store *s, int64_t parent_id, const char *name,
	int64_t *id, struct gl_error *err)
{
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(name, &key) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("a code name must not be empty"));
	}
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT id FROM codes WHERE ifnull(parent_id, 0) = ? AND "
		"name_key = ?", &st, err);
	if (ret == GL_OK) {
		sqlite3_bind_int64(st, 1, parent_id > 0 ? parent_id : 0);
		db_bind_text(st, 2, gl_str_cstr(&key));
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		else if (rc == SQLITE_DONE)
			ret = GL_ENOTFOUND;
		else
			ret = db_error(s, err, _("cannot read the project"));
		sqlite3_finalize(st);
	}
	gl_str_finish(&key);
	return ret;
}

enum gl_status gl_store_survey_find(struct gl_store *s, const struct gl_survey_result *r,
	int64_t *id, struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT id FROM survey_results WHERE school_id = ? AND "
		"survey = ? AND year = ? AND group_id = ? AND item = ?", &st, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_bind_int64(st, 1, r->school_id);
	db_bind_text(st, 2, r->survey);
	sqlite3_bind_int(st, 3, r->year);
	sqlite3_bind_int64(st, 4, r->group_id);
	db_bind_text(st, 5, r->item);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		ret = GL_ENOTFOUND;
	else
		ret = db_error(s, err, _("cannot read the project"));
	sqlite3_finalize(st);
	return ret;
}
