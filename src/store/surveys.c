/* Survey results: one value per school, survey, year, group and item. */
#include "genomlys/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/num.h"
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
	if (rules_number(r->value, err) != GL_OK)
		return GL_EINVAL;
	char uuid[GL_UUID_LEN + 1];
	enum gl_status ret = gl_uuid_new(uuid);
	if (ret != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	/* ?1 school, ?2 survey, ?3 year, ?4 group, ?5 item, ?6 value, ?7 n, ?8 uuid */
	const struct db_arg *args = DB_ARGS(DB_INT(r->school_id), DB_TEXT(r->survey),
		DB_INT(r->year), DB_INT(r->group_id), DB_TEXT(r->item), DB_REAL(r->value),
		r->n < 0 ? DB_NULL : DB_INT(r->n), DB_TEXT(uuid));
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) != GL_OK)
		return tx.status;
	sqlite3_stmt *st;
	ret = db_statement(s, "SELECT id, uuid, value, n FROM survey_results WHERE school_id = ?1 "
		"AND survey = ?2 AND year = ?3 AND group_id = ?4 AND item = ?5",
		DB_ARGS(args[0], args[1], args[2], args[3], args[4]), false, &st, err);
	int64_t existing = 0;
	bool same = false;
	if (ret == GL_OK) {
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			existing = sqlite3_column_int64(st, 0);
			snprintf(uuid, sizeof uuid, "%s", (const char *)sqlite3_column_text(st, 1));
			bool n_null = sqlite3_column_type(st, 3) == SQLITE_NULL;
			same = sqlite3_column_double(st, 2) == r->value &&
				(r->n < 0 ? n_null : !n_null && sqlite3_column_int64(st, 3) == r->n);
		} else if (rc != SQLITE_DONE) {
			ret = db_error(s, err, _("cannot read the project"));
		}
		db_release(s, st);
	}
	db_tx_fail(&tx, ret);
	if (existing && !same)
		db_tx_write(&tx, &(struct db_write){
			.sql = "UPDATE survey_results SET value = ?1, n = ?2 WHERE id = ?3",
			.args = DB_ARGS(args[5], args[6], DB_INT(existing)),
			.action = "update", .entity = "survey_result", .uuid = uuid, .detail = r->item });
	else if (!existing)
		db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO survey_results (school_id, "
			"survey, year, group_id, item, value, n, uuid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			.args = args,
			.constraint_msg = _("the survey result's school or group does not exist"),
			.action = "create", .entity = "survey_result", .uuid = uuid, .detail = r->item });
	ret = db_tx_end(&tx);
	if (ret == GL_OK) {
		*id = existing ? existing : tx.last_id;
		*updated = existing && !same;
	}
	return ret;
}

enum gl_status gl_store_survey_find(struct gl_store *s, const struct gl_survey_result *r,
	int64_t *id, struct gl_error *err)
{
	return db_read_int(s, "SELECT id FROM survey_results WHERE school_id = ?1 AND survey = ?2 "
		"AND year = ?3 AND group_id = ?4 AND item = ?5", DB_ARGS(DB_INT(r->school_id),
		DB_TEXT(r->survey), DB_INT(r->year), DB_INT(r->group_id), DB_TEXT(r->item)), id, err);
}

/* "SCHOOL/SURVEY/YEAR/GROUP/ITEM" (the item may hold '/') to a survey result's id. */
enum gl_status gl_store_survey_find_path(struct gl_store *s, const char *path, int64_t *id,
	struct gl_error *err)
{
	char *copy = gl_strdup(path);
	char *part[5] = { 0 };
	char *p = copy;
	int n = 0;
	while (p && n < 4) {
		part[n++] = p;
		p = strchr(p, '/');
		if (p)
			*p++ = '\0';
	}
	part[4] = p;
	enum gl_status st = GL_OK;
	int64_t year = 0;
	struct gl_survey_result r = { 0 };
	if (!copy)
		st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	else if (n < 4 || !part[4] || !*part[1] || !*part[4])
		st = gl_error_set(err, GL_EINVAL, _("'%s' is not a survey path SCHOOL/SURVEY/YEAR/GROUP/"
			"ITEM"), path);
	else if (gl_num_parse_int64(part[2], 1900, 9999, &year, NULL) != GL_OK)
		st = gl_error_set(err, GL_EINVAL, _("'%s': the year '%s' is not a year"), path, part[2]);
	if (st == GL_OK)
		st = gl_store_school_find(s, part[0], &r.school_id, err);
	if (st == GL_OK)
		st = gl_store_group_find(s, part[3], &r.group_id, err);
	if (st == GL_OK) {
		r.survey = part[1];
		r.year = (int)year;
		r.item = part[4];
		st = gl_store_survey_find(s, &r, id, err);
		if (st == GL_ENOTFOUND)
			st = gl_error_set(err, GL_ENOTFOUND, _("no survey result '%s'"), path);
	}
	free(copy);
	return st;
}

enum gl_status gl_store_survey_get(struct gl_store *s, int64_t id, struct gl_survey_result *out,
	struct gl_str *storage, struct gl_error *err)
{
	sqlite3_stmt *st;
	enum gl_status ret = db_statement(s, "SELECT school_id, survey, year, group_id, item, value,"
		" ifnull(n, -1) FROM survey_results WHERE id = ?1", DB_ARGS(DB_INT(id)), false, &st, err);
	if (ret != GL_OK)
		return ret;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *survey = (const char *)sqlite3_column_text(st, 1);
		const char *item = (const char *)sqlite3_column_text(st, 4);
		gl_str_clear(storage);
		size_t ls = strlen(survey ? survey : "");
		if (gl_str_append(storage, survey ? survey : "", ls + 1) != GL_OK ||
			gl_str_puts(storage, item ? item : "") != GL_OK) {
			ret = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		} else {
			out->school_id = sqlite3_column_int64(st, 0);
			out->year = sqlite3_column_int(st, 2);
			out->group_id = sqlite3_column_int64(st, 3);
			out->value = sqlite3_column_double(st, 5);
			out->n = sqlite3_column_int64(st, 6);
			out->survey = storage->buf;
			out->item = storage->buf + ls + 1;
		}
	} else if (rc == SQLITE_DONE) {
		ret = gl_error_set(err, GL_ENOTFOUND, _("no survey result with id %lld"), (long long)id);
	} else {
		ret = db_error(s, err, _("cannot read the project"));
	}
	db_release(s, st);
	return ret;
}
