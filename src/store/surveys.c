/* Survey results: one value per school, survey, year, group and item. */
#include "genomlys/store.h"

#include <stdio.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

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
