/* Classifications: a coder's value of an exclusive category for a whole letter. */
#include "genomlys/store.h"

#include <stdio.h>
#include <stdlib.h>

#include "genomlys/i18n.h"
#include "genomlys/num.h"
#include "store_internal.h"

/* One of a category's values for the list of valid ones: "Blandad (2,5)", the number with the
 * interface language's decimal separator, as the user may type it. */
static int valid_value_row(void *ctx, const struct gl_row *row)
{
	struct gl_str *valid = ctx;
	if (row->ncols < 2 || row->values[0].type != GL_VAL_TEXT)
		return 0;
	if (valid->len)
		gl_str_puts(valid, ", ");
	gl_str_append(valid, row->values[0].s, row->values[0].len);
	if (row->values[1].type != GL_VAL_NULL) {
		char num[64];
		gl_num_format(row->values[1].r, GL_NUM_G, num, sizeof num);
		gl_str_printf(valid, " (%s)", num);
	}
	return 0;
}

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
	/* a number as the user writes it: "2,5" as well as "2.5" (gl_num), whatever the locale */
	double num = 0;
	bool numeric = gl_num_parse_double(value, &num, NULL) == GL_OK;
	struct gl_str key = GL_STR_INIT;
	if (db_name_key(value, &key) != GL_OK) {
		gl_str_finish(&key);
		return gl_error_set(err, GL_EINVAL, _("empty classification value"));
	}
	ret = db_read_int(s, "SELECT id FROM codes WHERE parent_id = ?1 AND (name_key = ?2 OR "
		"(?3 AND value = ?4)) ORDER BY name_key = ?2 DESC LIMIT 1",
		DB_ARGS(DB_INT(category_id), DB_TEXT(gl_str_cstr(&key)), DB_INT(numeric), DB_REAL(num)),
		value_code_id, err);
	if (ret == GL_ENOTFOUND) {
		/* name the category and what it has: "Negativ (1), Blandad (2), Positiv (3)" */
		struct gl_str name = GL_STR_INIT, valid = GL_STR_INIT;
		struct gl_error ignored = { 0 };
		db_read_text(s, "SELECT name FROM codes WHERE id = ?1", DB_ARGS(DB_INT(category_id)),
			&name, &ignored);
		db_read(s, "SELECT name, value FROM codes WHERE parent_id = ?1 ORDER BY value IS NULL, "
			"value, name_key", DB_ARGS(DB_INT(category_id)), valid_value_row, &valid, &ignored);
		if (valid.len)
			gl_error_set(err, ret, _("the category '%s' has no value '%s' (valid: %s)"),
				gl_str_cstr(&name), value, gl_str_cstr(&valid));
		else
			gl_error_set(err, ret, _("the category '%s' has no value '%s': it has no values "
				"yet (add one with 'genomlys codebook add NAME --parent CATEGORY')"),
				gl_str_cstr(&name), value);
		gl_str_finish(&name);
		gl_str_finish(&valid);
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
	const struct db_arg *who = DB_ARGS(DB_INT(document_id), DB_INT(category_id),
		DB_INT(coder_id));
	int64_t prev = 0;
	struct gl_str uuid = GL_STR_INIT;
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) != GL_OK)
		return tx.status;
	/* The classification keeps its uuid when its value changes. */
	ret = db_read_text(s, "SELECT uuid FROM classifications WHERE document_id = ?1 AND "
		"category_id = ?2 AND coder_id = ?3", who, &uuid, err);
	if (ret == GL_OK)
		ret = db_read_int(s, "SELECT value_code_id FROM classifications WHERE document_id = ?1 "
			"AND category_id = ?2 AND coder_id = ?3", who, &prev, err);
	if (ret == GL_ENOTFOUND) {
		char fresh[GL_UUID_LEN + 1];
		ret = gl_uuid_new(fresh);
		if (ret == GL_OK)
			ret = gl_str_puts(&uuid, fresh);
		if (ret != GL_OK)
			gl_error_set(err, ret, "%s", _("cannot generate a random identifier"));
	}
	db_tx_fail(&tx, ret);
	if (value_code_id == 0)
		db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM classifications WHERE "
			"document_id = ?1 AND category_id = ?2 AND coder_id = ?3", .args = who,
			.action = "unclassify", .entity = "classification", .uuid = gl_str_cstr(&uuid) });
	else
		db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO classifications (document_id, "
			"category_id, coder_id, value_code_id, uuid) VALUES (?1, ?2, ?3, ?4, ?5) "
			"ON CONFLICT (document_id, category_id, coder_id) DO UPDATE SET "
			"value_code_id = excluded.value_code_id, created_at = excluded.created_at",
			.args = DB_ARGS(DB_INT(document_id), DB_INT(category_id), DB_INT(coder_id),
				DB_INT(value_code_id), DB_TEXT(gl_str_cstr(&uuid))),
			.constraint_msg = _("no such letter or coder"),
			.action = "classify", .entity = "classification", .uuid = gl_str_cstr(&uuid) });
	if (value_code_id)  /* classifying a letter marks it read by the coder */
		db_tx_mark_read(&tx, document_id, coder_id);
	ret = db_tx_end(&tx);
	gl_str_finish(&uuid);
	if (ret == GL_OK && previous)
		*previous = prev;
	return ret;
}
