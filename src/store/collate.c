/* Swedish alphabetical order for SQLite: the "swedish" collation and swedish_key(text), from
 * ICU's Swedish collator (å, ä, ö after z; case and accents only break ties). */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "genomlys/i18n.h"

/* Without a collator (ICU's data missing), text compares byte by byte: lists still work, in
 * the order of the code points (which puts "Å" before "Ä" before "Ö", all after "z"). */
static int compare_bytes(int na, const void *a, int nb, const void *b)
{
	int r = memcmp(a, b, (size_t)(na < nb ? na : nb));
	return r ? r : na - nb;
}

static int compare(void *ctx, int na, const void *a, int nb, const void *b)
{
	UCollator *coll = ctx;
	UErrorCode e = U_ZERO_ERROR;
	UCollationResult r = coll ? ucol_strcollUTF8(coll, a, na, b, nb, &e) : UCOL_EQUAL;
	if (!coll || U_FAILURE(e))
		return compare_bytes(na, a, nb, b);
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

static void collator_close(void *ctx)
{
	if (ctx)
		ucol_close(ctx);
}

/* The collator's sort key of a text, as hex digits: comparing two keys as plain bytes gives
 * the collation's order, so keys can be concatenated into one sort key for a whole path
 * (a code under its category). A key ends in "00" and has no "00" before its end, so a key
 * that is the start of another sorts first. */
static void sort_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	UCollator *coll = sqlite3_user_data(ctx);
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	int n = sqlite3_value_bytes(argv[0]);
	if (!text) {
		sqlite3_result_null(ctx);
		return;
	}
	UChar *u16 = NULL;
	uint8_t *key = NULL;
	char *hex = NULL;
	int32_t u16len = 0, keylen = 0;
	UErrorCode e = U_ZERO_ERROR;
	if (coll) {
		u_strFromUTF8(NULL, 0, &u16len, text, n, &e);  /* measures */
		e = e == U_BUFFER_OVERFLOW_ERROR ? U_ZERO_ERROR : e;
		u16 = malloc(((size_t)u16len + 1) * sizeof *u16);
		if (u16 && U_SUCCESS(e))
			u_strFromUTF8(u16, u16len + 1, NULL, text, n, &e);
		if (u16 && U_SUCCESS(e))
			keylen = ucol_getSortKey(coll, u16, u16len, NULL, 0);
		if (keylen > 0 && (key = malloc((size_t)keylen)))
			keylen = ucol_getSortKey(coll, u16, u16len, key, keylen);
	}
	if (!key) {  /* no collator: the text's own bytes, then a terminator */
		keylen = n + 1;
		if ((key = malloc((size_t)keylen))) {
			memcpy(key, text, (size_t)n);
			key[n] = 0;
		}
	}
	if (key && (hex = malloc((size_t)keylen * 2 + 1))) {
		static const char digits[] = "0123456789abcdef";
		for (int32_t i = 0; i < keylen; i++) {
			hex[2 * i] = digits[key[i] >> 4];
			hex[2 * i + 1] = digits[key[i] & 15];
		}
		hex[2 * keylen] = '\0';
		sqlite3_result_text(ctx, hex, keylen * 2, free);
	} else {
		sqlite3_result_error_nomem(ctx);
	}
	free(u16);
	free(key);
}

/* name_key(text): the key one person or place is known by (db_name_key: trimmed, NFC, Unicode
 * case folding), NULL for an empty or invalid name; so that SQL groups "Örjan" with "örjan"
 * exactly as erase --author and the name columns do (docs/privacy.md, "One author"). */
static void name_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	struct gl_str key = GL_STR_INIT;
	if (name && db_name_key(name, &key) == GL_OK)
		sqlite3_result_text(ctx, gl_str_cstr(&key), (int)key.len, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
	gl_str_finish(&key);
}

/* gl_group_name(name_sv, name_en): the one of the interface's language (the function's user
 * data is non-NULL for Swedish). */
static void group_name_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_value(ctx, argv[sqlite3_user_data(ctx) ? 0 : 1]);
}

enum gl_status db_collation_register(struct gl_store *s, struct gl_error *err)
{
	UErrorCode e = U_ZERO_ERROR;
	UCollator *coll = ucol_open("sv", &e);
	if (U_FAILURE(e))
		coll = NULL;  /* byte order, see compare_bytes */
	/* The collation owns the collator (closed with the connection); the function borrows it. */
	if (sqlite3_create_collation_v2(s->db, DB_COLLATION, SQLITE_UTF8, coll, compare,
		collator_close) != SQLITE_OK) {
		collator_close(coll);
		return db_error(s, err, _("cannot register the Swedish collation"));
	}
	if (sqlite3_create_function_v2(s->db, DB_COLLATION "_key", 1, SQLITE_UTF8 |
		SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, coll, sort_key, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(s, err, _("cannot register the Swedish sort key"));
	if (sqlite3_create_function_v2(s->db, "name_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
		SQLITE_INNOCUOUS, NULL, name_key_fn, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(s, err, _("cannot register the name key"));
	static char swedish;
	if (sqlite3_create_function_v2(s->db, "gl_group_name", 2, SQLITE_UTF8 |
		SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, gl_i18n_swedish() ? &swedish : NULL,
		group_name_fn, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(s, err, _("cannot register the group names"));
	return GL_OK;
}
