/* Findings (strengths, development areas, challenges) and the evidence behind them. */
#include "genomlys/store.h"

#include <string.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

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
	return db_delete_row(s, "findings", "finding", id, err);
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
