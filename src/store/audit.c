/* The audit log read back: who changed what and when, for `genomlys log` and `:log`. */
#include "genomlys/store.h"

#include <ctype.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (a space for the T is taken). */
static bool since_valid(const char *s)
{
	static const char *const shapes[] = { "dddd-dd-dd", "dddd-dd-ddTdd:dd",
		"dddd-dd-ddTdd:dd:dd" };
	size_t n = strlen(s);
	for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
		const char *p = shapes[k];
		if (strlen(p) != n)
			continue;
		bool ok = true;
		for (size_t i = 0; ok && i < n; i++)
			ok = p[i] == 'd' ? isdigit((unsigned char)s[i]) != 0
				: p[i] == 'T' ? s[i] == 'T' || s[i] == ' ' : s[i] == p[i];
		int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
		if (ok && month >= 1 && month <= 12 && day >= 1 && day <= 31)
			return true;
	}
	return false;
}

struct actor_ctx {
	const char *key;
	gl_row_fn fn;
	void *ctx;
};

static int actor_row(void *ctx, const struct gl_row *row)
{
	struct actor_ctx *a = ctx;
	struct gl_str key = GL_STR_INIT;
	bool same = db_name_key(row->values[2].s, &key) == GL_OK && !strcmp(gl_str_cstr(&key), a->key);
	gl_str_finish(&key);
	return same ? a->fn(a->ctx, row) : 0;
}

enum gl_status gl_store_audit_log(struct gl_store *s, const struct gl_audit_filter *f,
	gl_row_fn fn, void *ctx, struct gl_error *err)
{
	const char *since = f && f->since ? f->since : NULL;
	if (since && !since_valid(since))
		return gl_error_set(err, GL_EINVAL, _("'%s' is not a date YYYY-MM-DD or a time "
			"YYYY-MM-DDTHH:MM[:SS]"), since);
	struct gl_str key = GL_STR_INIT, from = GL_STR_INIT;
	if (f && f->actor && db_name_key(f->actor, &key) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("the name of a %s must not be empty"),
			db_entity_word("coder"));
	}
	if (since) {
		gl_str_puts(&from, since);
		if (from.len > 10)
			from.buf[10] = 'T';
	}
	/* "about": what the row's uuid names, where that still exists and the detail does not
	 * say it already: the finding an evidence link went to ("link coding 15" is evidence for
	 * which finding?) and the finding of a rank, score or dots row, the letter of a
	 * classification, the school of a survey result, the round of a ballot. Each a probe of a
	 * uuid index; a row whose thing is gone (deleted, erased) has none. A coding's own rows
	 * (a million at region scale) are not looked up: that made the whole log six times slower. */
	const char *sql = "SELECT a.id, a.at, a.actor, a.action, a.entity, a.detail, CASE"
		" WHEN a.entity_uuid IS NULL THEN NULL"
		" WHEN a.action = 'link' OR a.entity IN ('finding', 'dots', 'score') THEN"
		"  (SELECT ?2 || ' ' || f.id || CASE WHEN f.title IS a.detail THEN ''"
		"   ELSE ': ' || f.title END FROM findings f WHERE f.uuid = a.entity_uuid)"
		" WHEN a.entity = 'survey_result' THEN (SELECT s.name FROM survey_results v"
		"  JOIN schools s ON s.id = v.school_id WHERE v.uuid = a.entity_uuid)"
		" WHEN a.entity = 'classification' THEN (SELECT ?3 || ' ' || l.document_id || ': '"
		"  || c.name || ' = ' || w.name FROM classifications l JOIN codes c ON c.id ="
		"  l.category_id JOIN codes w ON w.id = l.value_code_id WHERE l.uuid = a.entity_uuid)"
		" WHEN a.entity = 'document' THEN (SELECT ?3 || ' ' || d.id FROM documents d"
		"  WHERE d.uuid = a.entity_uuid)"
		" WHEN a.entity = 'ballot' THEN (SELECT ?4 || ': ' || r.name FROM ballots b"
		"  JOIN rounds r ON r.id = b.round_id WHERE b.uuid = a.entity_uuid)"
		" END AS about FROM audit_log a WHERE ?1 IS NULL OR a.at >= ?1 ORDER BY a.id";
	const struct db_arg *args = DB_ARGS(DB_TEXT(since ? gl_str_cstr(&from) : NULL),
		DB_TEXT(_("finding")), DB_TEXT(_("letter")), DB_TEXT(_("round")));
	enum gl_status st = key.len
		? db_read(s, sql, args, actor_row, &(struct actor_ctx){ gl_str_cstr(&key), fn, ctx }, err)
		: db_read(s, sql, args, fn, ctx, err);
	gl_str_finish(&key);
	gl_str_finish(&from);
	return st;
}
