/* A function run on a thread of its own with its own connection to the project (store.h,
 * gl_store_job): read-only, one read transaction, its statements interrupted when the job is
 * cancelled. All it shares with the interface's thread is struct shared, behind one mutex; the
 * function touches no gl_app and makes no curses call (as the export's worker,
 * src/export/job.c). The review's count (count_job.c) and the Analysis pane's figures run on it. */
#include "genomlys/store.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

struct gl_store_job {
	pthread_t thread;
	char *db_path;
	gl_store_job_fn fn;
	void *ctx;
	pthread_mutex_t lock;
	struct {                /* behind lock */
		bool cancel, finished;
		enum gl_status st;
		struct gl_error err;
	} shared;
};

static int job_interrupt(void *ctx)
{
	struct gl_store_job *j = ctx;
	pthread_mutex_lock(&j->lock);
	bool cancel = j->shared.cancel;
	pthread_mutex_unlock(&j->lock);
	return cancel;
}

static void *job_main(void *arg)
{
	struct gl_store_job *j = arg;
	struct gl_error err = { 0 };
	struct gl_store *s = NULL;
	enum gl_status st = job_interrupt(j) ? GL_ECANCELLED : gl_store_open(j->db_path, &s, &err);
	if (st == GL_OK) {
		/* it only reads: say so to SQLite too */
		sqlite3_exec(s->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
		gl_store_set_interrupt(s, job_interrupt, j);
		if ((st = gl_store_snapshot_begin(s, &err)) == GL_OK) {
			st = j->fn(s, j->ctx, &err);
			gl_store_snapshot_end(s);
		}
		gl_store_set_interrupt(s, NULL, NULL);
	}
	gl_store_close(s);
	pthread_mutex_lock(&j->lock);
	if (j->shared.cancel)
		st = GL_ECANCELLED;
	j->shared.st = st;
	j->shared.err = err;
	j->shared.finished = true;
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

enum gl_status gl_store_job_start(const char *db_path, gl_store_job_fn fn, void *ctx,
	struct gl_store_job **out, struct gl_error *err)
{
	*out = NULL;
	struct gl_store_job *j = calloc(1, sizeof *j);
	if (!j)
		return gl_error_set(err, GL_ENOMEM, _("out of memory"));
	j->db_path = gl_strdup(db_path);
	j->fn = fn;
	j->ctx = ctx;
	if (!j->db_path || pthread_mutex_init(&j->lock, NULL) != 0) {
		free(j->db_path);
		free(j);
		return gl_error_set(err, GL_ENOMEM, _("out of memory"));
	}
	if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
		pthread_mutex_destroy(&j->lock);
		free(j->db_path);
		free(j);
		return gl_error_set(err, GL_ENOMEM, _("cannot start a worker thread"));
	}
	*out = j;
	return GL_OK;
}

bool gl_store_job_done(struct gl_store_job *j)
{
	pthread_mutex_lock(&j->lock);
	bool done = j->shared.finished;
	pthread_mutex_unlock(&j->lock);
	return done;
}

void gl_store_job_cancel(struct gl_store_job *j)
{
	pthread_mutex_lock(&j->lock);
	j->shared.cancel = true;
	pthread_mutex_unlock(&j->lock);
}

enum gl_status gl_store_job_finish(struct gl_store_job *j, struct gl_error *err)
{
	if (!j)
		return GL_OK;
	pthread_join(j->thread, NULL);
	enum gl_status st = j->shared.st;
	if (st != GL_OK && err)
		*err = j->shared.err;
	pthread_mutex_destroy(&j->lock);
	free(j->db_path);
	free(j);
	return st;
}
