/* Opening, creating and migrating project files; transactions; metadata; integrity check. */
#include "genomlys/store.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"
#include "schema.h"
#include "store_internal.h"

/* 'GLYS': marks a SQLite file as a genomlys project. */
#define GL_APPLICATION_ID 0x474C5953

/* A project up to this size (its file and WAL) is checked with PRAGMA quick_check when it is
 * opened; a larger one before its first write, so that opening a region-sized project stays
 * within the first screen's 150 ms (quick_check reads the whole file: about 1.6 ms per MB
 * with the file cached, several times that from disk; docs/schema.md has the figures). */
#define CHECK_AT_OPEN_BYTES (48LL << 20)

/* The search index's memory for new terms (bytes): FTS5's default, and a bulk import's. */
#define FTS_HASHSIZE 1048576
#define FTS_BULK_HASHSIZE 16777216

/* The tables every project has; a file without one of them is damaged. */
static const char *const tables[] = { "meta", "schools", "groups", "group_aliases",
	"coders", "documents", "codes", "codings", "classifications", "memos",
	"survey_results", "findings", "finding_codings", "finding_surveys", "audit_log",
	"documents_fts", "ballots", "ballot_ranks", "dot_votes", "impact_effort",
	"code_usage", "settings", "finding_findings", "letter_reads",
	"letter_counts", "survey_items", "rounds", "coder_reads", "author_counters" };
#define NTABLES (sizeof tables / sizeof tables[0])

int gl_store_schema_version(void)
{
	return schema_latest();
}

/* True when the file system holding path has no room left (SQLite says "disk I/O error" when
 * it cannot even make the shared-memory file of a project on a full disk). */
static bool disk_full(const char *path)
{
	if (!path)
		return false;
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	struct statvfs sv;
	bool full = dir && statvfs(dir, &sv) == 0 && (unsigned long long)sv.f_bavail * sv.f_frsize
		< 64 * 1024;
	free(dir);
	return full;
}

enum gl_status db_error(struct gl_store *s, struct gl_error *err, const char *what)
{
	int code = sqlite3_errcode(s->db);
	if ((code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_CANTOPEN) &&
		disk_full(s->path))
		return gl_error_set_at(err, GL_EIO, s->path, 0, _("%s: %s (the disk holding the project "
			"is full)"), what, sqlite3_errmsg(s->db));
	enum gl_status st = GL_EDB;
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		st = GL_EBUSY;
	else if (code == SQLITE_CONSTRAINT)
		st = GL_ECONSTRAINT;
	else if (code == SQLITE_NOMEM)
		st = GL_ENOMEM;
	else if (code == SQLITE_FULL || code == SQLITE_IOERR)
		st = GL_EIO;
	else if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
		st = GL_ESCHEMA;
	return gl_error_set_at(err, st, s->path, 0, "%s: %s", what, sqlite3_errmsg(s->db));
}

enum gl_status db_prepare(struct gl_store *s, const char *sql, sqlite3_stmt **st,
	struct gl_error *err)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return db_error(s, err, _("cannot prepare a query"));
	return GL_OK;
}

enum gl_status db_prepare_cached(struct gl_store *s, const char *sql, sqlite3_stmt **st,
	struct gl_error *err)
{
	size_t free_slot = STMT_CACHE_SIZE;
	for (size_t i = 0; i < STMT_CACHE_SIZE; i++) {
		if (s->cache[i].sql && !strcmp(s->cache[i].sql, sql)) {
			*st = s->cache[i].st;
			return GL_OK;
		}
		if (!s->cache[i].sql && free_slot == STMT_CACHE_SIZE)
			free_slot = i;
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		return db_error(s, err, _("cannot prepare a query"));
	if (free_slot < STMT_CACHE_SIZE && (s->cache[free_slot].sql = strdup(sql)))
		s->cache[free_slot].st = *st;
	return GL_OK;  /* a full cache just means this one is finalized after use */
}

void db_release(struct gl_store *s, sqlite3_stmt *st)
{
	for (size_t i = 0; i < STMT_CACHE_SIZE; i++) {
		if (s->cache[i].st == st && s->cache[i].sql) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return;
		}
	}
	sqlite3_finalize(st);
}

enum gl_status db_run_rows(struct gl_store *s, sqlite3_stmt *st, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	int n = sqlite3_column_count(st);
	const char **names = calloc((size_t)n, sizeof *names);
	struct gl_value *vals = calloc((size_t)n, sizeof *vals);
	enum gl_status ret = GL_OK;
	if (!names || !vals) {
		ret = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		goto out;
	}
	for (int i = 0; i < n; i++)
		names[i] = sqlite3_column_name(st, i);
	struct gl_row row = { n, names, vals };
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++) {
			struct gl_value *v = &vals[i];
			memset(v, 0, sizeof *v);
			switch (sqlite3_column_type(st, i)) {
			case SQLITE_INTEGER:
				v->type = GL_VAL_INT;
				v->i = sqlite3_column_int64(st, i);
				v->r = (double)v->i;
				break;
			case SQLITE_FLOAT:
				v->type = GL_VAL_REAL;
				v->r = sqlite3_column_double(st, i);
				break;
			case SQLITE_NULL:
				v->type = GL_VAL_NULL;
				break;
			default:
				v->type = GL_VAL_TEXT;
				v->s = (const char *)sqlite3_column_text(st, i);
				v->len = (size_t)sqlite3_column_bytes(st, i);
				if (!v->s)
					v->s = "";
				break;
			}
		}
		if (fn(ctx, &row) != 0) {
			ret = GL_ECANCELLED;
			goto out;
		}
	}
	if (rc != SQLITE_DONE)
		ret = db_error(s, err, _("cannot read the project"));
out:
	free(names);
	free(vals);
	return ret;
}

static enum gl_status exec(struct gl_store *s, const char *sql, struct gl_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		enum gl_status st = db_error(s, err, _("database error"));
		sqlite3_free(msg);
		return st;
	}
	return GL_OK;
}

static enum gl_status pragma_int(struct gl_store *s, const char *sql, int *out,
	struct gl_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(s, err, _("cannot read the project"));
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		enum gl_status ret = db_error(s, err, _("cannot read the project"));
		sqlite3_finalize(st);
		return ret;
	}
	*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return GL_OK;
}

/* Per-connection settings: durability first (every action is committed to disk at once). */
static enum gl_status configure(struct gl_store *s, struct gl_error *err)
{
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_timeout(s->db, 5000);
	return exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
		"PRAGMA foreign_keys=ON;", err);
}

/* Every step in one transaction: an upgrade that fails (a full disk) leaves the file at the
 * version it had, never between two versions. */
static enum gl_status migrate(struct gl_store *s, int from, struct gl_error *err)
{
	enum gl_status st = exec(s, "BEGIN IMMEDIATE", NULL);
	bool begun = st == GL_OK;
	int v = from + 1;
	for (; st == GL_OK && v <= schema_latest(); v++) {
		char *sql = sqlite3_mprintf("%s; PRAGMA user_version=%d;", schema_step(v), v);
		st = sql ? exec(s, sql, NULL) : GL_ENOMEM;
		sqlite3_free(sql);
	}
	if (st == GL_OK) {
		st = exec(s, "COMMIT", NULL);
		v = schema_latest();
	} else if (begun) {
		v--;  /* the step that failed */
	}
	if (st == GL_OK)
		return GL_OK;
	/* The database's own words ("database or disk is full"), before the rollback. */
	char why[256];
	snprintf(why, sizeof why, "%s", sqlite3_errmsg(s->db));
	if (begun)
		exec(s, "ROLLBACK", NULL);
	if (st != GL_EIO && st != GL_EBUSY && st != GL_ENOMEM)
		st = GL_ESCHEMA;
	if (from == 0)
		return gl_error_set_at(err, st, s->path, 0, _("cannot create the project: %s"), why);
	return gl_error_set_at(err, st, s->path, 0,
		_("cannot upgrade the project to schema version %d: %s"), v, why);
}

/* Copies the project as it is to PATH.vN.bak (or PATH.vN-2.bak ...), created 0600 before
 * SQLite fills it: VACUUM INTO would create it with the umask's mode. */
static enum gl_status backup_before_upgrade(struct gl_store *s, int version,
	struct gl_error *err)
{
	struct gl_str name = GL_STR_INIT;
	int fd = -1;
	for (int n = 1; n < 1000 && fd < 0; n++) {
		gl_str_clear(&name);
		if (n == 1)
			gl_str_printf(&name, "%s.v%d.bak", s->path, version);
		else
			gl_str_printf(&name, "%s.v%d-%d.bak", s->path, version, n);
		fd = open(gl_str_cstr(&name), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		enum gl_status st = gl_error_set_at(err, GL_EIO, s->path, 0, _("cannot back up the "
			"project before upgrading it to schema version %d, so it was not upgraded: %s"),
			schema_latest(), strerror(errno));
		gl_str_finish(&name);
		return st;
	}
	close(fd);
	struct gl_error cause = { 0 };
	enum gl_status st = db_exec_args(s, "VACUUM INTO ?1", DB_ARGS(DB_TEXT(gl_str_cstr(&name))),
		&cause);
	if (st != GL_OK) {
		/* the database's own words ("database or disk is full") */
		char why[256];
		snprintf(why, sizeof why, "%s", sqlite3_errmsg(s->db));
		unlink(gl_str_cstr(&name));
		gl_str_finish(&name);
		return gl_error_set_at(err, st, s->path, 0, _("cannot back up the project before "
			"upgrading it to schema version %d, so it was not upgraded: %s"), schema_latest(),
			why);
	}
	free(s->backup);
	s->backup = gl_str_steal(&name);
	return GL_OK;
}

const char *gl_store_backup_path(const struct gl_store *s)
{
	return s->backup;
}

static void default_actor(struct gl_store *s)
{
	gl_store_set_actor(s, NULL);
}

/* gl_store_one_thread: connections opened from now on take no mutex of their own. */
static bool one_thread;

void gl_store_one_thread(void)
{
	one_thread = true;
}

/* SQLite's update hook: every row this connection inserts, updates or deletes in a rowid
 * table. The letters' are counted for db_letters_version. (documents has triggers, so SQLite
 * never deletes its rows by truncation, which would not call the hook.) A connection has one
 * update hook: nothing else may set it, or the letters' search memo would go stale. */
static void row_changed(void *ctx, int op, const char *db, const char *table,
	sqlite3_int64 rowid)
{
	(void)op;
	(void)rowid;
	struct gl_store *s = ctx;
	if (!strcmp(table, "documents") && !strcmp(db, "main"))
		s->letter_changes++;
}

/* Opens path with SQLite (or uri, when not NULL: "file:...?immutable=1"). */
static enum gl_status connect(const char *path, const char *uri, int flags,
	struct gl_store **out, struct gl_error *err)
{
	*out = NULL;
	struct gl_store *s = calloc(1, sizeof *s);
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	default_actor(s);
	if (one_thread)
		flags |= SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(uri ? uri : path, &s->db, flags | (uri ? SQLITE_OPEN_URI : 0), NULL) !=
		SQLITE_OK) {
		enum gl_status st = gl_error_set_at(err, GL_EIO, path, 0, _("cannot open the project: %s"),
			s->db ? sqlite3_errmsg(s->db) : gl_status_str(GL_ENOMEM));
		gl_store_close(s);
		return st;
	}
	enum gl_status st = db_collation_register(s, err);
	if (st != GL_OK) {
		gl_store_close(s);
		return st;
	}
	sqlite3_update_hook(s->db, row_changed, s);
	*out = s;
	return GL_OK;
}

static bool folder_writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	bool ok = dir && access(dir, W_OK) == 0;
	free(dir);
	return ok;
}

static off_t file_size(const char *path, const char *suffix)
{
	char name[4096];
	struct stat sb;
	snprintf(name, sizeof name, "%s%s", path, suffix);
	return stat(name, &sb) == 0 ? sb.st_size : -1;
}

/* "file:PATH?immutable=1", PATH percent-encoded where a URI needs it. */
static char *immutable_uri(const char *path)
{
	struct gl_str u = GL_STR_INIT;
	gl_str_puts(&u, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= 0x20 || *p >= 0x7F)
			gl_str_printf(&u, "%%%02X", *p);
		else
			gl_str_putc(&u, (char)*p);
	}
	gl_str_puts(&u, "?immutable=1");
	return gl_str_steal(&u);
}

static void read_only(struct gl_store *s, const char *why)
{
	snprintf(s->read_only, sizeof s->read_only, "%s", why);
}

static bool is_busy(int rc)
{
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

static enum gl_status busy_error(struct gl_store *s, struct gl_error *err)
{
	return gl_error_set_at(err, GL_EBUSY, s->path, 0, _("the project is busy: another program "
		"is writing to it; try again when it has finished"));
}

static int check_row(void *ctx, int ncols, char **vals, char **names);

static bool table_exists(sqlite3 *db, const char *name)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE name = ?", -1, &st, NULL)
		!= SQLITE_OK)
		return false;
	bool found = sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) == SQLITE_OK &&
		sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* The cheap check on a connection: PRAGMA quick_check and (tables_too: when the schema is the
 * latest) every table there. CHECK_OK, CHECK_BAD (damaged), or CHECK_BUSY when another
 * program's write was in the way or the check was interrupted (that is not damage). */
enum { CHECK_OK, CHECK_BAD, CHECK_BUSY };
static int check_db(sqlite3 *db, bool tables_too)
{
	struct gl_str problems = GL_STR_INIT;
	char *msg = NULL;
	int rc = sqlite3_exec(db, "PRAGMA quick_check(1)", check_row, &problems, &msg);
	sqlite3_free(msg);
	if (is_busy(rc) || rc == SQLITE_INTERRUPT) {
		gl_str_finish(&problems);
		return CHECK_BUSY;
	}
	bool bad = rc != SQLITE_OK || problems.len > 0;
	gl_str_finish(&problems);
	for (size_t i = 0; i < NTABLES && !bad && tables_too; i++)
		bad = !table_exists(db, tables[i]);
	return bad ? CHECK_BAD : CHECK_OK;
}

static void damaged(struct gl_store *s)
{
	read_only(s, _("the project is read-only: its file is damaged (run 'genomlys check', "
		"or restore a backup)"));
}

/* The check on the store's own connection. A project that fails it can still be read, but
 * nothing is written into it. GL_EBUSY when another program's write is in the way. */
static enum gl_status quick_check(struct gl_store *s, bool tables_too, struct gl_error *err)
{
	int r = check_db(s->db, tables_too);
	if (r == CHECK_BUSY)
		return busy_error(s, err);
	if (r == CHECK_BAD)
		damaged(s);
	s->checked = true;
	return GL_OK;
}

/* The check of a large project in the background (docs/schema.md): a thread of its own on a
 * second, read-only connection, started once the interface's first screen is drawn. The first
 * write of the session waits for its result (check_wait); the user reads meanwhile.
 * Closing the project interrupts it. */
struct check_job {
	pthread_t thread;
	char *path;
	atomic_bool cancel;  /* closing: stop at the next progress call */
	atomic_bool done;    /* the thread has its result */
	pthread_mutex_t lock;
	sqlite3 *db;         /* the check's connection while it runs (under lock): interrupted */
	int result;          /* CHECK_*, read after the join */
};

static int check_cancelled(void *ctx)
{
	return atomic_load(&((struct check_job *)ctx)->cancel) ? 1 : 0;
}

static void *check_thread(void *arg)
{
	struct check_job *job = arg;
	job->result = CHECK_BUSY;
	/* The interface's own CPU priority: the first write may have to wait for the rest of this
	 * check, and a thread at the lowest priority made that wait 104 s on a busy machine, while an
	 * unprivileged program cannot raise a thread's priority again once lowered. It starts only
	 * once the first screen is drawn, so the first screen's reads have gone before it; its own
	 * reads take the lowest best-effort I/O priority (not the idle class, which a busy disk can
	 * starve for good). GENOMLYS_CHECK_DELAY_MS holds it back, so that tests can write while it
	 * is still behind. */
	pid_t tid = (pid_t)syscall(SYS_gettid);
#ifdef SYS_ioprio_set
	syscall(SYS_ioprio_set, 1 /* IOPRIO_WHO_PROCESS */, tid, (2 << 13) | 7 /* best effort, lowest */);
#else
	(void)tid;
#endif
	const char *delay = getenv("GENOMLYS_CHECK_DELAY_MS");
	for (long ms = delay ? atol(delay) : 0; ms > 0 && !atomic_load(&job->cancel); ms -= 10)
		usleep(10000);
	struct gl_store *c;
	if (connect(job->path, NULL, SQLITE_OPEN_READONLY, &c, NULL) != GL_OK)
		return NULL;
	sqlite3_busy_timeout(c->db, 5000);
	sqlite3_progress_handler(c->db, 10000, check_cancelled, job);
	pthread_mutex_lock(&job->lock);
	bool go = !atomic_load(&job->cancel);
	if (go)
		job->db = c->db;
	pthread_mutex_unlock(&job->lock);
	if (go)
		job->result = check_db(c->db, true);
	pthread_mutex_lock(&job->lock);
	job->db = NULL;
	pthread_mutex_unlock(&job->lock);
	gl_store_close(c);
	atomic_store(&job->done, true);
	return NULL;
}

bool gl_store_check_pending(const struct gl_store *s)
{
	return s->check_job && !atomic_load(&s->check_job->done);
}

void gl_store_on_check_wait(struct gl_store *s, void (*fn)(void *ctx), void *ctx)
{
	s->check_wait_notice = fn;
	s->check_wait_ctx = ctx;
}

bool gl_store_check_started(const struct gl_store *s)
{
	return s->check_job || s->checked;
}

void gl_store_check_in_background(struct gl_store *s)
{
	if (!s->check_later || s->checked || s->check_job || s->read_only[0])
		return;
	struct check_job *job = calloc(1, sizeof *job);
	if (!job || !(job->path = strdup(s->path))) {
		free(job);
		return;  /* out of memory: the first write checks on the store's connection */
	}
	atomic_init(&job->cancel, false);
	atomic_init(&job->done, false);
	if (pthread_mutex_init(&job->lock, NULL) != 0) {
		free(job->path);
		free(job);
		return;
	}
	if (pthread_create(&job->thread, NULL, check_thread, job) != 0) {
		pthread_mutex_destroy(&job->lock);
		free(job->path);
		free(job);
		return;
	}
	s->check_job = job;
}

/* Waits for the background check (cancel: tell it to stop first) and takes its result: the
 * project is damaged, sound (checked), or to be checked on the store's connection (busy,
 * interrupted, or the thread could not open the file). */
static void check_wait(struct gl_store *s, bool cancel)
{
	struct check_job *job = s->check_job;
	if (!job)
		return;
	/* A write that finds the check behind waits for the rest of it (the thread runs at the
	 * interface's priority): checking again on the store's connection threw away what the
	 * thread had read and checked, and made a region's first write wait 18 s (bench/RESULTS.md). */
	if (!cancel && !atomic_load(&job->done) && s->check_wait_notice)
		s->check_wait_notice(s->check_wait_ctx);
	if (cancel) {
		/* quick_check is one long step of SQLite's machine: the interrupt stops it */
		atomic_store(&job->cancel, true);
		pthread_mutex_lock(&job->lock);
		if (job->db)
			sqlite3_interrupt(job->db);
		pthread_mutex_unlock(&job->lock);
	}
	pthread_join(job->thread, NULL);
	pthread_mutex_destroy(&job->lock);
	if (!cancel && job->result == CHECK_BAD)
		damaged(s);
	if (!cancel && job->result != CHECK_BUSY)
		s->checked = true;
	free(job->path);
	free(job);
	s->check_job = NULL;
}

enum gl_status gl_store_open(const char *path, struct gl_store **out, struct gl_error *err)
{
	struct stat sb;
	*out = NULL;
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return gl_error_set_at(err, GL_ENOTFOUND, path, 0,
				_("no such project (create one with 'genomlys init')"));
		return gl_error_set_at(err, GL_EIO, path, 0, _("cannot open the project: %s"),
			strerror(errno));
	}
	if (!S_ISREG(sb.st_mode))
		return gl_error_set_at(err, GL_EINVAL, path, 0, _("not a regular file"));
	if (sb.st_size == 0 && file_size(path, "-wal") <= 0)
		return gl_error_set_at(err, GL_ESCHEMA, path, 0,
			_("not a genomlys project (the file is empty)"));
	if (access(path, R_OK) != 0)
		return gl_error_set_at(err, GL_EIO, path, 0, _("cannot open the project: %s"),
			strerror(errno));
	/* A project nobody may write is opened read-only, and says so. Without a WAL file in a
	 * folder nobody may write in, no one can change the file: SQLite reads it as immutable,
	 * since it could not create its shared-memory file there. */
	const char *why = NULL;
	bool ro_folder = !folder_writable(path);
	if (access(path, W_OK) != 0)
		why = _("the project is read-only: its file cannot be written");
	else if (ro_folder)
		why = _("the project is read-only: its folder cannot be written");
	char *uri = why && ro_folder && file_size(path, "-wal") < 0 ? immutable_uri(path) : NULL;
	struct gl_store *s;
	enum gl_status st = connect(path, uri, why ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE,
		&s, err);
	free(uri);
	if (st != GL_OK)
		return st;
	if (why)
		read_only(s, why);
	sqlite3_busy_timeout(s->db, 5000);
	/* Read the version before anything writes: a newer file must stay untouched. */
	int app_id = 0, version = 0;
	st = pragma_int(s, "PRAGMA application_id", &app_id, err);
	if (st == GL_OK)
		st = pragma_int(s, "PRAGMA user_version", &version, err);
	if (st != GL_OK) {
		if (st == GL_ESCHEMA || st == GL_EDB)
			st = gl_error_set_at(err, GL_ESCHEMA, path, 0,
				_("not a genomlys project (the file is not an SQLite database or is damaged)"));
		goto fail;
	}
	if (app_id != GL_APPLICATION_ID) {
		st = gl_error_set_at(err, GL_ESCHEMA, path, 0,
			_("not a genomlys project (an SQLite database of another program)"));
		goto fail;
	}
	if (version > schema_latest()) {
		st = gl_error_set_at(err, GL_ESCHEMA, path, 0,
			_("the project was written by a newer genomlys (schema version %d; this one knows "
			"up to %d): upgrade genomlys to open it"), version, schema_latest());
		goto fail;
	}
	if (version < schema_latest() && why) {
		st = gl_error_set_at(err, GL_EREADONLY, path, 0, _("the project must be upgraded to "
			"schema version %d before this genomlys can read it, but it is read-only (its file "
			"or its folder cannot be written)"), schema_latest());
		goto fail;
	}
	st = configure(s, err);
	/* A small file is checked now, a large one before its first write; an upgrade writes. */
	off_t wal = file_size(path, "-wal");
	/* GENOMLYS_CHECK_AT_OPEN=BYTES moves the limit, so that tests can reach either path. */
	const char *limit_env = getenv("GENOMLYS_CHECK_AT_OPEN");
	long long limit = limit_env && *limit_env ? atoll(limit_env) : CHECK_AT_OPEN_BYTES;
	if (st == GL_OK && !why && (version < schema_latest() ||
		(long long)sb.st_size + (wal > 0 ? wal : 0) <= limit))
		st = quick_check(s, version == schema_latest(), err);
	else if (st == GL_OK && !why)
		s->check_later = true;  /* before the first write, or in the background (below) */
	if (st == GL_OK && version < schema_latest() && s->read_only[0])
		st = gl_error_set_at(err, GL_ESCHEMA, path, 0, _("the project must be upgraded to "
			"schema version %d, but its file is damaged: run 'genomlys check' to see what is "
			"wrong, or restore a backup"), schema_latest());
	if (st == GL_OK && version < schema_latest())
		st = backup_before_upgrade(s, version, err);
	if (st == GL_OK && version < schema_latest())
		st = migrate(s, version, err);
	if (st == GL_OK)
		st = db_search_init(s, err);
	if (st != GL_OK)
		goto fail;
	*out = s;
	return GL_OK;
fail:
	gl_store_close(s);
	return st;
}

const char *gl_store_read_only(const struct gl_store *s)
{
	return s->read_only[0] ? s->read_only : NULL;
}

enum gl_status gl_store_create(const char *path, const char *name, struct gl_store **out,
	struct gl_error *err)
{
	*out = NULL;
	/* O_EXCL: never overwrite, even in a race; 0600: letters are personal data. */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return gl_error_set_at(err, GL_EEXIST, path, 0,
				_("the file exists already; not overwriting it"));
		return gl_error_set_at(err, GL_EIO, path, 0, _("cannot create the project: %s"),
			strerror(errno));
	}
	close(fd);
	struct gl_store *s;
	enum gl_status st = connect(path, NULL, SQLITE_OPEN_READWRITE, &s, err);
	if (st != GL_OK)
		goto unlink_file;
	s->checked = true;
	char sql_app[64];
	snprintf(sql_app, sizeof sql_app, "PRAGMA application_id=%d", GL_APPLICATION_ID);
	st = exec(s, sql_app, NULL);
	if (st == GL_OK)
		st = configure(s, NULL);
	if (st != GL_OK) {
		/* The database's own words: "database or disk is full". */
		gl_error_set_at(err, st, path, 0, _("cannot create the project: %s"),
			sqlite3_errmsg(s->db));
		goto fail;
	}
	st = migrate(s, 0, err);
	if (st == GL_OK)
		st = db_search_init(s, err);
	if (st != GL_OK)
		goto fail;
	char uuid[GL_UUID_LEN + 1];
	if ((st = gl_uuid_new(uuid)) != GL_OK) {
		gl_error_set(err, st, "%s", _("cannot generate a random identifier"));
		goto fail;
	}
	struct gl_error cause = { 0 };
	struct db_tx tx;
	const char *pname = name && *name ? name : _("Untitled project");
	if (db_tx_begin(s, &tx, &cause) == GL_OK)
		db_tx_fail(&tx, gl_store_meta_set(s, "name", pname, &cause));
	if (tx.status == GL_OK)
		db_tx_fail(&tx, gl_store_meta_set(s, "uuid", uuid, &cause));
	db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO meta VALUES ('created_at', "
		"strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
		.action = "create", .entity = "project", .uuid = uuid, .detail = pname });
	st = db_tx_end(&tx);
	if (st != GL_OK) {
		gl_error_set_at(err, st, path, 0, _("cannot create the project: %s"), cause.message);
		goto fail;
	}
	*out = s;
	return GL_OK;
fail:
	gl_store_close(s);
unlink_file:
	unlink(path);
	for (const char *const *suffix = (const char *const[]){ "-wal", "-shm", NULL }; *suffix;
		suffix++) {
		char *aux = sqlite3_mprintf("%s%s", path, *suffix);  /* never a cut path */
		if (aux)
			unlink(aux);
		sqlite3_free(aux);
	}
	return st;
}

/* Other programs' commits (PRAGMA data_version) in the high half, this connection's count of
 * its own changes in the low half. */
static uint64_t version_with(struct gl_store *s, uint32_t own)
{
	int other = 0;
	pragma_int(s, "PRAGMA data_version", &other, NULL);
	return (uint64_t)(uint32_t)other << 32 | own;
}

uint64_t gl_store_data_version(struct gl_store *s)
{
	return version_with(s, s->commits);
}

uint64_t db_letters_version(struct gl_store *s)
{
	return version_with(s, s->letter_changes);
}

void gl_store_close(struct gl_store *s)
{
	if (!s)
		return;
	check_wait(s, true);
	for (size_t i = 0; i < STMT_CACHE_SIZE; i++) {
		sqlite3_finalize(s->cache[i].st);
		free(s->cache[i].sql);
	}
	if (s->db)
		sqlite3_close_v2(s->db);
	free(s->bulk_trigger);
	free(s->hits_query);
	free(s->path);
	free(s->actor);
	free(s->backup);
	free(s);
}

const char *gl_store_path(const struct gl_store *s)
{
	return s->path;
}

/* Who the audit log names: the coder when one is known, else the account running genomlys
 * ($USER, else the login of the process's user), "unknown" only when none of them is. */
void gl_store_set_actor(struct gl_store *s, const char *name)
{
	const char *u = getenv("USER");
	if (!(name && *name) && !(u && *u)) {
		const struct passwd *pw = getpwuid(geteuid());
		u = pw ? pw->pw_name : NULL;
	}
	char *copy = strdup(name && *name ? name : u && *u ? u : "unknown");
	if (!copy)
		return;  /* out of memory: the previous actor stays */
	free(s->actor);
	s->actor = copy;
}

const char *gl_store_actor(const struct gl_store *s)
{
	return s->actor ? s->actor : "unknown";
}

/* Nested transactions are counted, not savepoints: FTS5 writes a new index segment at every
 * savepoint, which made an import of 10,000 letters several times slower and fragmented the
 * index. Statements are atomic on their own; a function that fails halfway inside an outer
 * transaction spoils it, and the outer commit then rolls everything back. */
enum gl_status gl_store_begin(struct gl_store *s, struct gl_error *err)
{
	if (s->tx_depth == 0) {
		/* A large project is checked before the first write of the session: the check
		 * started in the background when it was opened is awaited here. */
		enum gl_status st = GL_OK;
		check_wait(s, false);
		if (!s->checked && !s->read_only[0] && (st = quick_check(s, true, err)) != GL_OK)
			return st;
		if (s->read_only[0])
			return gl_error_set_at(err, GL_EREADONLY, s->path, 0, "%s", s->read_only);
		st = exec(s, "BEGIN IMMEDIATE", err);
		if (st != GL_OK)
			return st;
		s->tx_spoiled = false;
	}
	s->tx_depth++;
	return GL_OK;
}

enum gl_status gl_store_commit(struct gl_store *s, struct gl_error *err)
{
	if (s->tx_depth <= 0)
		return gl_error_set(err, GL_EINVAL, "commit without a transaction");
	if (s->tx_depth > 1) {
		s->tx_depth--;
		return GL_OK;
	}
	if (s->tx_spoiled) {
		gl_store_rollback(s);
		return gl_error_set_at(err, GL_ECONSTRAINT, s->path, 0,
			_("a step of the change failed, so none of it was saved"));
	}
	enum gl_status st = exec(s, "COMMIT", NULL);
	if (st != GL_OK) {
		/* the database's own words ("database or disk is full"), before the rollback */
		char why[256];
		snprintf(why, sizeof why, "%s", sqlite3_errmsg(s->db));
		gl_store_rollback(s);
		return gl_error_set_at(err, st, s->path, 0, _("the change was not saved: %s"), why);
	}
	s->tx_depth = 0;
	s->commits++;
	return GL_OK;
}

void gl_store_set_interrupt(struct gl_store *s, int (*fn)(void *ctx), void *ctx)
{
	sqlite3_progress_handler(s->db, fn ? 4096 : 0, fn, fn ? ctx : NULL);
}

enum gl_status gl_store_snapshot_begin(struct gl_store *s, struct gl_error *err)
{
	if (s->tx_depth > 0)
		return gl_error_set(err, GL_EINVAL, "a snapshot inside a transaction");
	enum gl_status st = exec(s, "BEGIN DEFERRED", err);
	int64_t n;
	/* the snapshot is taken by the first read, so read now */
	if (st == GL_OK && (st = db_read_int(s, "SELECT count(*) FROM sqlite_schema", NULL, &n,
		err)) != GL_OK)
		exec(s, "ROLLBACK", NULL);
	return st;
}

void gl_store_snapshot_end(struct gl_store *s)
{
	if (s->tx_depth == 0)
		exec(s, "ROLLBACK", NULL);  /* nothing was written: ending the read is all */
}

void gl_store_rollback(struct gl_store *s)
{
	if (s->tx_depth <= 0)
		return;
	if (s->tx_depth == 1) {
		exec(s, "ROLLBACK", NULL);
		s->bulk = false;  /* the dropped triggers came back with the rollback */
		s->bulk_counts = false;
		free(s->bulk_trigger);
		s->bulk_trigger = NULL;
	}
	else
		s->tx_spoiled = true;
	s->tx_depth--;
}

/* The index trigger is dropped for a bulk insert, not told to stand aside: its mere presence
 * makes every INSERT into documents a multi-statement write that SQLite journals in a temporary
 * statement journal (149,000 of an import's 190,000 writes, issue 17). Dropping and making it
 * again are part of the import's own transaction: a rollback, a failure or a kill brings the
 * trigger back with everything else, and a commit only ever sees it in place. */
enum gl_status gl_store_bulk_begin(struct gl_store *s, struct gl_error *err)
{
	if (s->tx_depth <= 0)
		return gl_error_set(err, GL_EINVAL, "bulk insert outside a transaction");
	if (s->bulk)
		return GL_OK;
	int from = 0;
	enum gl_status st = pragma_int(s, "SELECT ifnull(max(id), 0) FROM documents", &from, err);
	sqlite3_stmt *q = NULL;
	struct gl_str sql = GL_STR_INIT;
	if (st == GL_OK)
		st = db_prepare(s, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND "
			"name IN ('documents_ai', 'documents_counts_ai') ORDER BY name", &q, err);
	int rc = SQLITE_DONE;
	while (st == GL_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(q, 0);
		const char *text = (const char *)sqlite3_column_text(q, 1);
		if (!name || !text)
			continue;
		if (!strcmp(name, "documents_counts_ai"))
			s->bulk_counts = true;
		if (gl_str_puts(&sql, text) != GL_OK || gl_str_puts(&sql, ";") != GL_OK)
			st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	if (st == GL_OK && rc != SQLITE_DONE)
		st = db_error(s, err, _("cannot read the project"));
	sqlite3_finalize(q);
	if (st == GL_OK && sql.len)
		st = exec(s, "DROP TRIGGER IF EXISTS documents_ai; "
			"DROP TRIGGER IF EXISTS documents_counts_ai;", err);
	if (st != GL_OK) {
		gl_str_finish(&sql);
		s->bulk_counts = false;
		return st;
	}
	s->bulk = true;
	s->bulk_from = from;
	/* NULL: a damaged project without them; the import adds none */
	s->bulk_trigger = sql.len ? sql.buf : NULL;
	if (!sql.len)
		gl_str_finish(&sql);
	return GL_OK;
}

enum gl_status gl_store_bulk_end(struct gl_store *s, struct gl_error *err)
{
	if (!s->bulk)
		return GL_OK;
	/* FTS5 keeps new terms in memory until they pass its hashsize (1 MB by default), then
	 * writes a segment and merges every four: a region's 100,000 letters made about 160
	 * segments and rewrote the index three or four times (38% of the import's time). 16 MB
	 * makes a tenth of the segments and saves about a third of the index's build for 22 MB
	 * more memory, only while it runs; the default is back before the commit (issue 17). */
	enum gl_status ret = exec(s, "INSERT INTO documents_fts (documents_fts, rank) "
		"VALUES ('hashsize', " GL_STR(FTS_BULK_HASHSIZE) ")", err);
	if (ret == GL_OK)
		ret = db_exec_args(s, "INSERT INTO documents_fts (rowid, title, text) "
			"SELECT id, title, text FROM documents WHERE id > ?1",
			DB_ARGS(DB_INT(s->bulk_from)), err);
	if (ret == GL_OK)
		ret = exec(s, "INSERT INTO documents_fts (documents_fts, rank) "
			"VALUES ('hashsize', " GL_STR(FTS_HASHSIZE) ")", err);
	if (ret == GL_OK && s->bulk_counts)
		ret = db_exec_args(s, "INSERT INTO letter_counts (school_id, group_id, letters) "
			"SELECT school_id, group_id, count(*) FROM documents WHERE id > ?1 "
			"GROUP BY school_id, group_id ON CONFLICT (school_id, group_id) "
			"DO UPDATE SET letters = letters + excluded.letters",
			DB_ARGS(DB_INT(s->bulk_from)), err);
	if (ret == GL_OK && s->bulk_trigger)
		ret = exec(s, s->bulk_trigger, err);
	if (ret == GL_OK) {
		s->bulk = false;
		s->bulk_counts = false;
		free(s->bulk_trigger);
		s->bulk_trigger = NULL;
	}
	return ret;
}

enum gl_status db_finish(struct gl_store *s, enum gl_status st, struct gl_error *err)
{
	if (st == GL_OK)
		return gl_store_commit(s, err);
	gl_store_rollback(s);
	return st;
}

static int check_row(void *ctx, int ncols, char **vals, char **names)
{
	struct gl_str *problems = ctx;
	(void)names;
	for (int i = 0; i < ncols; i++) {
		if (vals[i] && strcmp(vals[i], "ok") != 0) {
			gl_str_puts(problems, vals[i]);
			gl_str_putc(problems, '\n');
		}
	}
	return 0;
}

static int fk_row(void *ctx, int ncols, char **vals, char **names)
{
	struct gl_str *problems = ctx;
	(void)names;
	gl_str_printf(problems, _("broken reference: row %s of table %s points to a missing row "
		"of %s\n"), ncols > 1 && vals[1] ? vals[1] : "?", vals[0] ? vals[0] : "?",
		ncols > 2 && vals[2] ? vals[2] : "?");
	return 0;
}

/* A school's finding citing another school's coding or survey value (the store refuses to make
 * one since findings.c's own_school, but a project written before may hold them). */
static int cross_coding_row(void *ctx, int ncols, char **vals, char **names)
{
	struct gl_str *problems = ctx;
	(void)names;
	if (ncols < 6)
		return 0;
	gl_str_printf(problems, _("finding %s '%s' of %s cites coding %s from letter %s of %s, not "
		"its own school's evidence\n  remove the link: genomlys finding evidence %s --coding %s "
		"--remove\n"), vals[0], vals[1] ? vals[1] : "", vals[2] ? vals[2] : "", vals[3],
		vals[4], vals[5] ? vals[5] : "", vals[0], vals[3]);
	return 0;
}

static int cross_survey_row(void *ctx, int ncols, char **vals, char **names)
{
	struct gl_str *problems = ctx;
	(void)names;
	if (ncols < 6)
		return 0;
	gl_str_printf(problems, _("finding %s '%s' of %s cites survey result %s (%s) of %s, not its "
		"own school's evidence\n  remove the link: genomlys finding evidence %s --survey \"%s\" "
		"--remove\n"), vals[0], vals[1] ? vals[1] : "", vals[2] ? vals[2] : "", vals[3],
		vals[4] ? vals[4] : "", vals[5] ? vals[5] : "", vals[0], vals[4] ? vals[4] : "");
	return 0;
}

/* Runs one check, adding what it says to problems; *busy when another program was in the way. */
static void check_exec(struct gl_store *s, const char *sql, int (*row)(void *, int, char **,
	char **), struct gl_str *problems, const char *prefix, bool *busy)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, sql, row, problems, &msg);
	if (is_busy(rc))
		*busy = true;
	else if (rc != SQLITE_OK)
		gl_str_printf(problems, "%s%s\n", prefix, msg ? msg : sqlite3_errmsg(s->db));
	sqlite3_free(msg);
}

enum gl_status gl_store_check(struct gl_store *s, struct gl_str *problems, struct gl_error *err)
{
	gl_str_clear(problems);
	bool busy = false;
	check_exec(s, "PRAGMA integrity_check", check_row, problems, "", &busy);
	check_exec(s, "PRAGMA foreign_key_check", fk_row, problems, "", &busy);
	for (size_t i = 0; i < NTABLES; i++)
		if (!table_exists(s->db, tables[i]))
			gl_str_printf(problems, _("missing table: %s\n"), tables[i]);
	check_exec(s, "SELECT f.id, f.title, fs.name, c.id, c.document_id, ds.name FROM "
		"finding_codings fc JOIN findings f ON f.id = fc.finding_id JOIN codings c ON c.id = "
		"fc.coding_id JOIN documents d ON d.id = c.document_id JOIN schools fs ON fs.id = "
		"f.school_id JOIN schools ds ON ds.id = d.school_id WHERE d.school_id <> f.school_id "
		"ORDER BY f.id, c.id", cross_coding_row, problems, "", &busy);
	check_exec(s, "SELECT f.id, f.title, fs.name, r.id, rs.name || '/' || r.survey || '/' || "
		"r.year || '/' || g.key || '/' || r.item, rs.name FROM finding_surveys fr JOIN findings f "
		"ON f.id = fr.finding_id JOIN survey_results r ON r.id = fr.survey_result_id JOIN groups "
		"g ON g.id = r.group_id JOIN schools fs ON fs.id = f.school_id JOIN schools rs ON rs.id = "
		"r.school_id WHERE r.school_id <> f.school_id ORDER BY f.id, r.id", cross_survey_row,
		problems, "", &busy);
	int drift = 0;
	if (pragma_int(s, "SELECT count(*) FROM codes c LEFT JOIN code_usage u ON u.code_id = c.id "
		"WHERE ifnull(u.codings, 0) <> (SELECT count(*) FROM codings k WHERE k.code_id = c.id)",
		&drift, NULL) == GL_OK && drift)
		gl_str_printf(problems, _("the coding counts of %d codes are wrong (table code_usage)\n"),
			drift);
	if (pragma_int(s, "SELECT count(*) FROM (SELECT school_id, group_id, count(*) AS n FROM "
		"documents GROUP BY 1, 2) d FULL JOIN (SELECT * FROM letter_counts WHERE letters <> 0) c "
		"USING (school_id, group_id) WHERE ifnull(d.n, 0) <> ifnull(c.letters, 0)", &drift, NULL)
		== GL_OK && drift && !s->bulk)
		gl_str_printf(problems, _("the letter counts of %d schools and groups are wrong (table "
			"letter_counts)\n"), drift);
	if (pragma_int(s, "SELECT count(*) FROM (SELECT coder_id, count(*) AS n FROM letter_reads "
		"GROUP BY 1) l FULL JOIN (SELECT * FROM coder_reads WHERE letters <> 0) c USING (coder_id) "
		"WHERE ifnull(l.n, 0) <> ifnull(c.letters, 0)", &drift, NULL) == GL_OK && drift)
		gl_str_printf(problems, _("the read counts of %d coders are wrong (table coder_reads)\n"),
			drift);
	if (pragma_int(s, "SELECT count(*) FROM (SELECT survey, year, group_id, item, count(*) AS n "
		"FROM survey_results GROUP BY 1, 2, 3, 4) r FULL JOIN (SELECT * FROM survey_items WHERE "
		"results <> 0) i USING (survey, year, group_id, item) WHERE ifnull(r.n, 0) <> "
		"ifnull(i.results, 0)", &drift, NULL) == GL_OK && drift)
		gl_str_printf(problems, _("the survey item counts of %d survey items are wrong (table "
			"survey_items)\n"), drift);
	int marker = 0;
	if (pragma_int(s, "SELECT count(*) FROM meta WHERE key = 'fts_deferred'", &marker, NULL) ==
		GL_OK && marker && !s->bulk)
		gl_str_puts(problems, _("the full-text index is switched off (meta 'fts_deferred'); "
			"delete that row and rebuild the index\n"));
	if (!s->bulk && table_exists(s->db, "documents_fts") && pragma_int(s, "SELECT count(*) FROM "
		"sqlite_schema WHERE type = 'trigger' AND name = 'documents_ai'", &marker, NULL) == GL_OK
		&& !marker)
		gl_str_puts(problems, _("the full-text index misses new letters (trigger documents_ai "
			"is gone)\n"));
	/* FTS5's own check is written as an insert, which a read-only file cannot take. */
	if (!sqlite3_db_readonly(s->db, "main"))
		check_exec(s, "INSERT INTO documents_fts(documents_fts, rank) VALUES "
			"('integrity-check', 1)", NULL, problems, _("full-text index: "), &busy);
	if (busy) {
		gl_str_clear(problems);
		return busy_error(s, err);
	}
	if (problems->len)
		return gl_error_set_at(err, GL_ESCHEMA, s->path, 0, _("the project has problems"));
	return GL_OK;
}

bool gl_store_check_fts_skipped(const struct gl_store *s)
{
	return sqlite3_db_readonly(s->db, "main") == 1;
}
