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
	if (rules_name(f->title, err) != GL_OK || rules_text(f->description, err) != GL_OK)
		return GL_EINVAL;
	char uuid[GL_UUID_LEN + 1];
	enum gl_status ret = gl_uuid_new(uuid);
	if (ret != GL_OK)
		return gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	return db_write(s, &(struct db_write){ .sql = "INSERT INTO findings (uuid, school_id, kind, "
		"title, description, author_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		.args = DB_ARGS(DB_TEXT(uuid), DB_ID(f->school_id), DB_TEXT(f->kind), DB_TEXT(f->title),
			DB_TEXT(f->description), DB_ID(f->author_id)),
		.constraint_msg = _("the finding's school or author does not exist"),
		.action = "create", .entity = "finding", .uuid = uuid, .detail = f->title }, id, err);
}

enum gl_status gl_store_finding_delete(struct gl_store *s, int64_t id, struct gl_error *err)
{
	return db_delete_row(s, "findings", "finding", id, err);
}

static enum gl_status link(struct gl_store *s, const char *sql, int64_t a, int64_t b,
	const char *what, struct gl_error *err)
{
	char uuid[GL_UUID_LEN + 1];
	db_row_uuid(s, "findings", a, uuid);
	return db_write(s, &(struct db_write){ .sql = sql, .args = DB_ARGS(DB_INT(a), DB_INT(b)),
		.constraint = GL_ECONSTRAINT, .constraint_msg = _("no such finding or %s"),
		.constraint_args = { what },
		.action = "link", .entity = what, .uuid = uuid[0] ? uuid : NULL }, NULL, err);
}

enum gl_status gl_store_finding_link_coding(struct gl_store *s, int64_t finding_id,
	int64_t coding_id, struct gl_error *err)
{
	return link(s, "INSERT OR IGNORE INTO finding_codings VALUES (?1, ?2)", finding_id, coding_id,
		"coding", err);
}

enum gl_status gl_store_finding_link_survey(struct gl_store *s, int64_t finding_id,
	int64_t survey_result_id, struct gl_error *err)
{
	return link(s, "INSERT OR IGNORE INTO finding_surveys VALUES (?1, ?2)", finding_id,
		survey_result_id, "survey_result", err);
}
