/* The review's count of overlaps or codings on a worker thread (store.h, gl_count_job): its own
 * connection, read-only, one statement; all it shares with the interface's thread is struct
 * shared, behind one mutex. It touches no gl_app and makes no curses call (as the export's
 * worker, src/export/job.c). */
#include "genomlys/store.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

struct gl_count_job {
	pthread_t thread;
	char *db_path;
	enum gl_list what;
	struct gl_filter f;
	int64_t key[4];
	bool has_key;
	pthread_mutex_t lock;
	struct {                /* behind lock */
		bool cancel, finished;
		enum gl_status st;
		struct gl_error err;
		int64_t before, total;
	} shared;
};

static int job_interrupt(void *ctx)
{
	struct gl_count_job *j = ctx;
	pthread_mutex_lock(&j->lock);
	bool cancel = j->shared.cancel;
	pthread_mutex_unlock(&j->lock);
	return cancel;
}

static void *job_main(void *arg)
{
	struct gl_count_job *j = arg;
	struct gl_error err = { 0 };
	struct gl_store *s = NULL;
	int64_t before = 0, total = 0;
	enum gl_status st = job_interrupt(j) ? GL_ECANCELLED : gl_store_open(j->db_path, &s, &err);
	if (st == GL_OK) {
		/* it only reads: say so to SQLite too */
		sqlite3_exec(s->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
		gl_store_set_interrupt(s, job_interrupt, j);
		st = gl_store_list_before(s, j->what, &j->f, j->has_key ? j->key : NULL, 0, &before,
			&total, &err);
		gl_store_set_interrupt(s, NULL, NULL);
	}
	gl_store_close(s);
	pthread_mutex_lock(&j->lock);
	if (j->shared.cancel)
		st = GL_ECANCELLED;
	j->shared.st = st;
	j->shared.err = err;
	j->shared.before = before;
	j->shared.total = total;
	j->shared.finished = true;
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

enum gl_status gl_count_job_start(const char *db_path, enum gl_list what,
	const struct gl_filter *f, const int64_t *key, struct gl_count_job **out, struct gl_error *err)
{
	*out = NULL;
	struct gl_count_job *j = calloc(1, sizeof *j);
	if (!j)
		return gl_error_set(err, GL_ENOMEM, _("out of memory"));
	j->db_path = gl_strdup(db_path);
	j->what = what;
	if (f) {
		j->f.school_id = f->school_id;
		j->f.group_id = f->group_id;
		j->f.code_id = f->code_id;
		j->f.coder_id = f->coder_id;
		j->f.document_id = f->document_id;
	}
	if (key) {
		memcpy(j->key, key, sizeof j->key);
		j->has_key = true;
	}
	if (!j->db_path || pthread_mutex_init(&j->lock, NULL) != 0) {
		free(j->db_path);
		free(j);
		return gl_error_set(err, GL_ENOMEM, _("out of memory"));
	}
	if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
		pthread_mutex_destroy(&j->lock);
		free(j->db_path);
		free(j);
		return gl_error_set(err, GL_ENOMEM, _("cannot start the count's thread"));
	}
	*out = j;
	return GL_OK;
}

bool gl_count_job_done(struct gl_count_job *j)
{
	pthread_mutex_lock(&j->lock);
	bool done = j->shared.finished;
	pthread_mutex_unlock(&j->lock);
	return done;
}

void gl_count_job_cancel(struct gl_count_job *j)
{
	pthread_mutex_lock(&j->lock);
	j->shared.cancel = true;
	pthread_mutex_unlock(&j->lock);
}

enum gl_status gl_count_job_finish(struct gl_count_job *j, int64_t *before, int64_t *total,
	struct gl_error *err)
{
	if (!j)
		return GL_OK;
	pthread_join(j->thread, NULL);
	enum gl_status st = j->shared.st;
	if (st != GL_OK && err)
		*err = j->shared.err;
	if (before)
		*before = j->shared.before;
	if (total)
		*total = j->shared.total;
	pthread_mutex_destroy(&j->lock);
	free(j->db_path);
	free(j);
	return st;
}
