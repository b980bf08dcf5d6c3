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
	const char *sql = "SELECT id, at, actor, action, entity, detail FROM audit_log "
		"WHERE ?1 IS NULL OR at >= ?1 ORDER BY id";
	const struct db_arg *args = DB_ARGS(DB_TEXT(since ? gl_str_cstr(&from) : NULL));
	enum gl_status st = key.len
		? db_read(s, sql, args, actor_row, &(struct actor_ctx){ gl_str_cstr(&key), fn, ctx }, err)
		: db_read(s, sql, args, fn, ctx, err);
	gl_str_finish(&key);
	gl_str_finish(&from);
	return st;
}
