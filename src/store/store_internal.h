/* Private to the store: the connection struct and shared helpers of the store's files. */
#ifndef GENOMLYS_STORE_INTERNAL_H
#define GENOMLYS_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "genomlys/store.h"
#include "genomlys/str.h"

#define STMT_CACHE_SIZE 32


struct gl_store {
	sqlite3 *db;
	char *path;
	char *actor;  /* never cut: a long name of å, ä and ö stays whole */
	int tx_depth;
	bool tx_spoiled;  /* a nested step failed: the outer transaction must not commit */
	bool bulk;        /* between gl_store_bulk_begin and _end: letters wait to be indexed */
	uint32_t commits;  /* this connection's commits: other programs' are PRAGMA data_version */
	int64_t bulk_from;  /* the highest document id before the bulk insert began */
	char *bulk_trigger;  /* the insert triggers' SQL, dropped for the bulk insert, made again at its end */
	bool bulk_counts;    /* the letter counts' trigger was among them: count the bulk's letters */
	/* Why nothing may be written (a translated sentence), or "" while writes are allowed. */
	char read_only[256];
	bool checked;       /* PRAGMA quick_check has passed (it runs before the first write) */
	bool check_later;   /* a large project: not checked when opened */
	struct check_job *check_job;  /* the check of a large project in the background, or NULL */
	void (*check_wait_notice)(void *ctx);  /* a write is about to wait for that check */
	void *check_wait_ctx;
	char *backup;       /* the copy made before an upgrade (gl_store_backup_path), or NULL */
	/* The letters' search memo (lists.c, search_hits): temp.gl_hits holds the ids of the
	 * letters matching hits_query (as bound: NFC, rewritten) as of letters version
	 * hits_version (db_letters_version); hits_query NULL: it holds nothing to trust. */
	char *hits_query;
	uint64_t hits_version;
	uint32_t letter_changes;  /* rows of main.documents this connection has changed */
	/* Prepared statements of the hot paths, kept for the connection's life (keyed by text). */
	struct {
		char *sql;
		sqlite3_stmt *st;
	} cache[STMT_CACHE_SIZE];
};

/* Changes when a letter (a row of documents, and so the search index) may have changed: by
 * this connection (an insert, update or delete of a row, even one rolled back) or by another
 * program (PRAGMA data_version). A coding, a finding or a setting leaves it as it was. */
uint64_t db_letters_version(struct gl_store *s);

/* Sets err from the connection's last error. */
enum gl_status db_error(struct gl_store *s, struct gl_error *err, const char *what);
enum gl_status db_prepare(struct gl_store *s, const char *sql, sqlite3_stmt **st,
	struct gl_error *err);
/* Like db_prepare, but keeps the statement for reuse: a hot path's SQL is compiled once per
 * connection. Give it back with db_release (or db_exec_stmt), never sqlite3_finalize. */
enum gl_status db_prepare_cached(struct gl_store *s, const char *sql, sqlite3_stmt **st,
	struct gl_error *err);
/* Resets a cached statement for its next use, or finalizes an uncached one. */
void db_release(struct gl_store *s, sqlite3_stmt *st);
/* Steps st, handing each row to fn (ints are also given as doubles); does not finalize.
 * GL_ECANCELLED when fn asked to stop. */
enum gl_status db_run_rows(struct gl_store *s, sqlite3_stmt *st, gl_row_fn fn, void *ctx,
	struct gl_error *err);
/* Appends an audit row inside the current transaction. */
enum gl_status db_audit(struct gl_store *s, const char *action, const char *entity,
	const char *uuid, const char *detail, struct gl_error *err);
/* Case-folded, trimmed key for a name; GL_EINVAL when empty. */
enum gl_status db_name_key(const char *name, struct gl_str *key);
/* Looks up the uuid of a row by id (for the audit log). */
void db_row_uuid(struct gl_store *s, const char *table, int64_t id, char out[GL_UUID_LEN + 1]);

/* ---- db.c: statements with typed arguments, reads, and the one write path ---- */

/* One argument of a statement, bound to ?1, ?2 ... in order; a list ends with DB_END. */
enum db_arg_type { DB_ARG_END, DB_ARG_NULL, DB_ARG_INT, DB_ARG_REAL, DB_ARG_TEXT, DB_ARG_TEXT_STATIC };
struct db_arg {
	enum db_arg_type type;
	int64_t i;
	double r;
	const char *s;
	int64_t len;  /* bytes of s; -1: up to its NUL */
};
#define DB_END ((struct db_arg){ .type = DB_ARG_END })
#define DB_NULL ((struct db_arg){ .type = DB_ARG_NULL })
#define DB_INT(v) ((struct db_arg){ .type = DB_ARG_INT, .i = (int64_t)(v) })
#define DB_REAL(v) ((struct db_arg){ .type = DB_ARG_REAL, .r = (v) })
/* Text, copied when bound; a NULL pointer binds NULL. */
#define DB_TEXT(v) ((struct db_arg){ .type = DB_ARG_TEXT, .s = (v), .len = -1 })
/* len bytes of text, not copied (a letter of megabytes): valid until the statement is done. */
#define DB_TEXT_STATIC(v, n) ((struct db_arg){ .type = DB_ARG_TEXT_STATIC, .s = (v), \
	.len = (int64_t)(n) })
/* An optional reference: the id, or NULL when it is 0 or less. */
#define DB_ID(v) db_arg_id(v)
/* Text that "" turns into NULL (optional fields). */
#define DB_TEXT_OR_NULL(v) db_arg_text_or_null(v)
#define DB_ARGS(...) ((const struct db_arg[]){ __VA_ARGS__, DB_END })

static inline struct db_arg db_arg_id(int64_t id)
{
	return id > 0 ? DB_INT(id) : DB_NULL;
}

static inline struct db_arg db_arg_text_or_null(const char *text)
{
	return DB_TEXT(text && *text ? text : NULL);
}

/* Binds one argument to parameter idx (from 1), checking the return code. */
enum gl_status db_bind_one(struct gl_store *s, sqlite3_stmt *st, int idx,
	const struct db_arg *a, struct gl_error *err);
/* Binds args (may be NULL: none) to st, checking every return code. */
enum gl_status db_bind_args(struct gl_store *s, sqlite3_stmt *st, const struct db_arg *args,
	struct gl_error *err);
/* Prepares sql (kept for the connection's life when hot) and binds args; on failure nothing
 * is left to release. Give st back with db_release. */
enum gl_status db_statement(struct gl_store *s, const char *sql, const struct db_arg *args,
	bool hot, sqlite3_stmt **st, struct gl_error *err);
/* Runs a query, handing each row to fn. */
enum gl_status db_read(struct gl_store *s, const char *sql, const struct db_arg *args,
	gl_row_fn fn, void *ctx, struct gl_error *err);
/* Reads the first column of the first row as a number (hot: a cached statement);
 * GL_ENOTFOUND, with no message, when there is no row. */
enum gl_status db_read_int(struct gl_store *s, const char *sql, const struct db_arg *args,
	int64_t *out, struct gl_error *err);
enum gl_status db_read_int_hot(struct gl_store *s, const char *sql, const struct db_arg *args,
	int64_t *out, struct gl_error *err);
/* Reads the first column of the first row as text into out; GL_ENOTFOUND as above. */
enum gl_status db_read_text(struct gl_store *s, const char *sql, const struct db_arg *args,
	struct gl_str *out, struct gl_error *err);
/* Runs one statement that returns no rows, outside the write path (no transaction, no audit):
 * for the store's own bookkeeping. */
enum gl_status db_exec_args(struct gl_store *s, const char *sql, const struct db_arg *args,
	struct gl_error *err);

/* One statement of a write, and its audit row. */
struct db_write {
	const char *sql;
	const struct db_arg *args;  /* DB_ARGS(...); NULL: none */
	bool hot;                   /* keep the prepared statement for the connection's life */
	/* A constraint failure (UNIQUE, FOREIGN KEY, CHECK) becomes this status and message
	 * (translated; each "%s" takes the next of constraint_args); unset, GL_ECONSTRAINT with
	 * SQLite's message. */
	enum gl_status constraint;
	const char *constraint_msg;
	const char *constraint_args[2];
	/* The audit row written after the statement, in the same transaction; none when action
	 * is NULL. */
	const char *action, *entity, *uuid, *detail;
};

/* The one write path: begin, prepare, bind (every return code checked), step, map a
 * constraint failure, audit, then commit, or roll back everything on any failure. *id (may
 * be NULL) gets the rowid of an INSERT. */
enum gl_status db_write(struct gl_store *s, const struct db_write *w, int64_t *id,
	struct gl_error *err);

/* The same path for a write of several statements in one transaction: every step after a
 * failure is skipped, and db_tx_end commits or rolls back.
 *	struct db_tx tx;
 *	db_tx_begin(s, &tx, err);
 *	db_tx_write(&tx, &(struct db_write){ ... });
 *	db_tx_write(&tx, &(struct db_write){ ..., .action = "merge", ... });
 *	return db_tx_end(&tx);
 */
struct db_tx {
	struct gl_store *s;
	struct gl_error *err;
	enum gl_status status;  /* the first failure */
	int64_t last_id;        /* rowid of the last INSERT */
	int64_t changes;        /* rows changed by the last statement */
};
enum gl_status db_tx_begin(struct gl_store *s, struct db_tx *tx, struct gl_error *err);
enum gl_status db_tx_write(struct db_tx *tx, const struct db_write *w);
/* An audit row on its own (when the last step is not a statement). */
enum gl_status db_tx_audit(struct db_tx *tx, const char *action, const char *entity,
	const char *uuid, const char *detail);
/* Marks the transaction failed with st (err already set by the caller); returns st. */
enum gl_status db_tx_fail(struct db_tx *tx, enum gl_status st);
/* Commits when every step succeeded, else rolls back; returns the transaction's status. */
enum gl_status db_tx_end(struct db_tx *tx);

/* ---- collate.c: Swedish order ---- */
/* The collation for names in lists ("ORDER BY name COLLATE " DB_COLLATION); the function
 * DB_COLLATION "_key"(text) gives a sort key whose byte order is the same, for sort keys
 * built from several names (paths in the codebook). */
#define DB_COLLATION "swedish"
/* The municipal mean of a survey item (one survey, year and group): the mean over the schools
 * with a value, NULL when only one school has one (a school compared with itself says nothing;
 * docs/findings.md). */
#define GL_SQL_MUNICIPAL_MEAN(col) "CASE WHEN count(" col ") > 1 THEN avg(" col ") END"

/* A number macro as a string for SQL text ("8" for GL_CODE_MAX_DEPTH). */
#define GL_STR_(x) #x
#define GL_STR(x) GL_STR_(x)
/* A respondent group's name as the interface shows it (groups g: DB_GROUP_NAME("g")): the
 * Swedish or the English column, chosen once per connection from the messages' language
 * (gl_i18n_swedish). Only in what a query returns, never in its WHERE or joins, so plans
 * stay the same; input takes either name (gl_store_group_find). */
#define DB_GROUP_NAME(t) "gl_group_name(" t ".name_sv, " t ".name_en)"
/* Registers both (and gl_group_name) on a new connection: ICU's Swedish collator, or byte order when ICU cannot
 * open it (its data missing). */
enum gl_status db_collation_register(struct gl_store *s, struct gl_error *err);

/* ---- rows.c: helpers shared by the entity files ---- */
/* Runs "SELECT id FROM ... WHERE <col> = ?" with one text parameter; GL_ENOTFOUND (no message)
 * when there is no row. */
enum gl_status db_find_id(struct gl_store *s, const char *sql, const char *key, int64_t *id,
	struct gl_error *err);
/* The translated word for an entity ("school", "code" ...) in messages. */
const char *db_entity_word(const char *entity);
/* Find and find-or-create in a table of names with a case-folded unique key (schools, coders). */
enum gl_status db_named_find(struct gl_store *s, const char *table, const char *what,
	const char *name, int64_t *id, struct gl_error *err);
enum gl_status db_named_ensure(struct gl_store *s, const char *table, const char *what,
	const char *name, int64_t *id, bool *created, struct gl_error *err);
/* Deletes one row by id, with its audit row, in one transaction. */
enum gl_status db_delete_row(struct gl_store *s, const char *table, const char *what,
	int64_t id, struct gl_error *err);
/* Renames a row of schools or codes (tables with a case-folded name_key), with its audit row. */
enum gl_status db_rename(struct gl_store *s, const char *table, const char *entity, int64_t id,
	const char *name, struct gl_error *err);

/* ---- codes.c ---- */
/* Validates a code's fields (the colour) before a write. */
enum gl_status db_code_check(const struct gl_code *c, struct gl_error *err);
/* Reads parent_id and exclusive of a code; GL_ENOTFOUND when there is none. */
enum gl_status db_code_info(struct gl_store *s, int64_t id, int64_t *parent, bool *exclusive,
	struct gl_error *err);


/* ---- reads.c ---- */
/* Marks a letter read by a coder inside a write of several statements (coding or classifying
 * a letter marks it read); nothing when it is read already. */
enum gl_status db_tx_mark_read(struct db_tx *tx, int64_t document_id, int64_t coder_id);

/* Ends a write started with gl_store_begin: commit when st is GL_OK, roll back otherwise. */
enum gl_status db_finish(struct gl_store *s, enum gl_status st, struct gl_error *err);

/* Registers the full-text functions of the store (gl_snippet) on the connection (lists.c). */
enum gl_status db_search_init(struct gl_store *s, struct gl_error *err);

/* ---- rules.c: what the store refuses, whoever calls it ---- */
/* A name (NULL or blank is left to the caller) without control characters or bidi controls
 * (GL_CLEAN_BIDI of <genomlys/clean.h>) and with a visible character. */
enum gl_status rules_name(const char *name, struct gl_error *err);
/* A memo or description (may be NULL) without control characters (tab and newline allowed). */
enum gl_status rules_text(const char *text, struct gl_error *err);
/* A finite number. */
enum gl_status rules_number(double v, struct gl_error *err);
/* A code's name, description and value. */
enum gl_status rules_code(const struct gl_code *c, struct gl_error *err);
/* A document's author, title and source (its text is cleaned by the importer). */
enum gl_status rules_document(const struct gl_document *d, struct gl_error *err);
/* Putting code id (0: a new code) with its subtree under parent_id (0: the top) keeps the
 * codebook within GL_CODE_MAX_DEPTH levels. */
enum gl_status rules_code_depth(struct gl_store *s, int64_t parent_id, int64_t id,
	struct gl_error *err);
/* The same for merging from into into (from's children move under into). */
enum gl_status rules_code_merge_depth(struct gl_store *s, int64_t from, int64_t into,
	struct gl_error *err);

#endif
