/* Project settings: typed values of the analysis, shared by everyone who opens the project. */
#include "genomlys/store.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"
#include "store_internal.h"

enum setting_type { SETTING_DOUBLE, SETTING_INT, SETTING_TEXT, SETTING_GROUPS };

static const struct setting {
	const char *key;
	enum setting_type type;
	int64_t min, max;  /* SETTING_INT */
} settings[] = {
	{ GL_SETTING_THRESHOLD, SETTING_DOUBLE, 0, 0 },
	{ GL_SETTING_SURVEY, SETTING_TEXT, 0, 0 },
	{ GL_SETTING_YEAR, SETTING_INT, 1900, 9999 },
	{ GL_SETTING_GROUPS, SETTING_GROUPS, 0, 0 },
	{ GL_SETTING_DOT_BUDGET, SETTING_INT, 1, 100 },
	{ GL_SETTING_KEEP_NAMES, SETTING_INT, 0, 1 },
};

static const struct setting *setting_lookup(const char *key)
{
	for (size_t i = 0; key && i < sizeof settings / sizeof settings[0]; i++)
		if (!strcmp(key, settings[i].key))
			return &settings[i];
	return NULL;
}

/* The setting of key when it has one of the types wanted (a getter's or setter's). */
static enum gl_status setting_find(const char *key, enum setting_type a, enum setting_type b,
	const struct setting **out, struct gl_error *err)
{
	*out = setting_lookup(key);
	if (!*out)
		return gl_error_set(err, GL_EINVAL, _("no project setting named '%s'"), key ? key : "");
	if ((*out)->type != a && (*out)->type != b)
		return gl_error_set(err, GL_EINVAL, _("the project setting %s does not take that kind "
			"of value"), key);
	return GL_OK;
}

/* Reads the value of key as a number (i, d) or text; GL_ENOTFOUND when unset. */
static enum gl_status setting_read(struct gl_store *s, const char *key, enum setting_type type,
	int64_t *i, double *d, struct gl_str *text, struct gl_error *err)
{
	const struct setting *def;
	enum gl_status ret = setting_find(key, type, type == SETTING_TEXT ? SETTING_GROUPS : type,
		&def, err);
	if (ret != GL_OK)
		return ret;
	sqlite3_stmt *st;
	ret = db_statement(s, "SELECT value FROM settings WHERE key = ?1", DB_ARGS(DB_TEXT(key)),
		false, &st, err);
	if (ret != GL_OK)
		return ret;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (i)
			*i = sqlite3_column_int64(st, 0);
		if (d)
			*d = sqlite3_column_double(st, 0);
		if (text) {
			gl_str_clear(text);
			ret = gl_str_append(text, (const char *)sqlite3_column_text(st, 0),
				(size_t)sqlite3_column_bytes(st, 0));
			if (ret != GL_OK)
				gl_error_set(err, ret, "%s", gl_status_str(ret));
		}
	} else if (rc == SQLITE_DONE) {
		ret = GL_ENOTFOUND;
	} else {
		ret = db_error(s, err, _("cannot read the project"));
	}
	db_release(s, st);
	return ret;
}

enum gl_status gl_store_setting_get_double(struct gl_store *s, const char *key, double *out,
	struct gl_error *err)
{
	return setting_read(s, key, SETTING_DOUBLE, NULL, out, NULL, err);
}

enum gl_status gl_store_setting_get_int(struct gl_store *s, const char *key, int64_t *out,
	struct gl_error *err)
{
	return setting_read(s, key, SETTING_INT, out, NULL, NULL, err);
}

enum gl_status gl_store_setting_get_text(struct gl_store *s, const char *key, struct gl_str *out,
	struct gl_error *err)
{
	return setting_read(s, key, SETTING_TEXT, NULL, NULL, out, err);
}

/* Writes value through the one write path; shown is its text for the audit row. */
static enum gl_status setting_write(struct gl_store *s, const char *key, struct db_arg value,
	const char *shown, struct gl_error *err)
{
	struct gl_str detail = GL_STR_INIT;
	enum gl_status ret = gl_str_printf(&detail, "%s = %s", key, shown);
	if (ret != GL_OK)
		return gl_error_set(err, ret, "%s", gl_status_str(ret));
	ret = db_write(s, &(struct db_write){ .sql = "INSERT INTO settings (key, value) "
		"VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
		"updated_at = excluded.updated_at", .args = DB_ARGS(DB_TEXT(key), value),
		.action = "set", .entity = "setting", .detail = gl_str_cstr(&detail) }, NULL, err);
	gl_str_finish(&detail);
	return ret;
}

enum gl_status gl_store_setting_set_double(struct gl_store *s, const char *key, double value,
	struct gl_error *err)
{
	const struct setting *def;
	enum gl_status ret = setting_find(key, SETTING_DOUBLE, SETTING_DOUBLE, &def, err);
	if (ret != GL_OK)
		return ret;
	if (!isfinite(value))
		return gl_error_set(err, GL_EINVAL, _("the project setting %s must be a finite number"),
			key);
	char shown[32];
	snprintf(shown, sizeof shown, "%.15g", value);
	return setting_write(s, key, DB_REAL(value), shown, err);
}

enum gl_status gl_store_setting_set_int(struct gl_store *s, const char *key, int64_t value,
	struct gl_error *err)
{
	const struct setting *def;
	enum gl_status ret = setting_find(key, SETTING_INT, SETTING_INT, &def, err);
	if (ret != GL_OK)
		return ret;
	if (value < def->min || value > def->max)
		return gl_error_set(err, GL_EINVAL, _("the project setting %s must be a whole number "
			"from %lld to %lld"), key, (long long)def->min, (long long)def->max);
	char shown[32];
	snprintf(shown, sizeof shown, "%lld", (long long)value);
	return setting_write(s, key, DB_INT(value), shown, err);
}

/* "lärare, Elever" -> "teacher,student": each name as gl_store_group_find takes it. */
static enum gl_status group_keys(struct gl_store *s, const char *names, struct gl_str *keys,
	struct gl_error *err)
{
	enum gl_status ret = GL_OK;
	struct gl_str name = GL_STR_INIT, key = GL_STR_INIT;
	for (const char *p = names; ret == GL_OK && *p;) {
		size_t n = strcspn(p, ",");
		gl_str_clear(&name);
		ret = gl_str_append(&name, p, n);
		p += n + (p[n] == ',');
		if (ret != GL_OK || db_name_key(gl_str_cstr(&name), &key) != GL_OK)
			continue;  /* an empty name between two commas */
		int64_t id;
		ret = gl_store_group_find(s, gl_str_cstr(&name), &id, err);
		if (ret == GL_OK)
			ret = db_read_text(s, "SELECT key FROM groups WHERE id = ?1", DB_ARGS(DB_INT(id)),
				&key, err);
		if (ret == GL_OK)
			ret = gl_str_printf(keys, "%s%s", keys->len ? "," : "", gl_str_cstr(&key));
	}
	gl_str_finish(&name);
	gl_str_finish(&key);
	if (ret == GL_OK && keys->len == 0)
		ret = gl_error_set(err, GL_EINVAL, _("the project setting %s needs at least one "
			"respondent group"), GL_SETTING_GROUPS);
	return ret;
}

enum gl_status gl_store_setting_set_text(struct gl_store *s, const char *key, const char *value,
	struct gl_error *err)
{
	const struct setting *def;
	enum gl_status ret = setting_find(key, SETTING_TEXT, SETTING_GROUPS, &def, err);
	if (ret != GL_OK)
		return ret;
	if (!value || !*value || !gl_utf8_valid(value, strlen(value), NULL))
		return gl_error_set(err, GL_EINVAL, _("the project setting %s must not be empty"), key);
	if (def->type == SETTING_TEXT)
		return setting_write(s, key, DB_TEXT(value), value, err);
	struct gl_str keys = GL_STR_INIT;
	ret = group_keys(s, value, &keys, err);
	if (ret == GL_OK)
		ret = setting_write(s, key, DB_TEXT(gl_str_cstr(&keys)), gl_str_cstr(&keys), err);
	gl_str_finish(&keys);
	return ret;
}

enum gl_status gl_store_setting_clear(struct gl_store *s, const char *key, struct gl_error *err)
{
	if (!setting_lookup(key))
		return gl_error_set(err, GL_EINVAL, _("no project setting named '%s'"), key ? key : "");
	return db_write(s, &(struct db_write){ .sql = "DELETE FROM settings WHERE key = ?1",
		.args = DB_ARGS(DB_TEXT(key)), .action = "clear", .entity = "setting", .detail = key },
		NULL, err);
}
