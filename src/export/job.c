/* The workbook on a worker thread (export.h): the interface's export. The worker has its own
 * connection and read transaction; all it shares with the interface's thread is struct shared,
 * behind one mutex. It makes no curses call and touches no gl_app. */
#include "genomlys/export.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/str.h"

struct gl_export_job {
	pthread_t thread;
	char *db_path, *path;
	struct gl_export_options o;
	pthread_mutex_t lock;
	struct {                /* behind lock */
		int64_t done, total;
		bool cancel, finished;
		enum gl_status st;
		struct gl_error err;
	} shared;
};

static int job_progress(void *ctx, int64_t done, int64_t total)
{
	struct gl_export_job *j = ctx;
	pthread_mutex_lock(&j->lock);
	j->shared.done = done;
	j->shared.total = total;
	bool cancel = j->shared.cancel;
	pthread_mutex_unlock(&j->lock);
	return cancel;
}

static void *job_main(void *arg)
{
	struct gl_export_job *j = arg;
	struct gl_error err = { 0 };
	struct gl_store *s = NULL;
	enum gl_status st = gl_store_open(j->db_path, &s, &err);
	if (st == GL_OK && (st = gl_store_snapshot_begin(s, &err)) == GL_OK) {
		st = gl_export_xlsx(s, j->path, &j->o, &err);
		gl_store_snapshot_end(s);
	}
	gl_store_close(s);
	pthread_mutex_lock(&j->lock);
	j->shared.st = st;
	j->shared.err = err;
	j->shared.finished = true;
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

enum gl_status gl_export_job_start(const char *db_path, const char *path,
	const struct gl_export_options *o, struct gl_export_job **out, struct gl_error *err)
{
	*out = NULL;
	struct gl_export_job *j = calloc(1, sizeof *j);
	if (!j)
		return gl_error_set(err, GL_ENOMEM, _("out of memory"));
	j->db_path = gl_strdup(db_path);
	j->path = gl_strdup(path);
	j->o = *o;
	j->o.school = NULL;
	j->o.progress = job_progress;
	j->o.progress_ctx = j;
	if (!j->db_path || !j->path || pthread_mutex_init(&j->lock, NULL) != 0) {
		free(j->db_path);
		free(j->path);
		free(j);
		return gl_error_set(err, GL_ENOMEM, _("out of memory"));
	}
	if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
		pthread_mutex_destroy(&j->lock);
		free(j->db_path);
		free(j->path);
		free(j);
		return gl_error_set(err, GL_ENOMEM, _("cannot start the export's thread"));
	}
	*out = j;
	return GL_OK;
}

bool gl_export_job_progress(struct gl_export_job *j, int64_t *done, int64_t *total)
{
	pthread_mutex_lock(&j->lock);
	*done = j->shared.done;
	*total = j->shared.total;
	bool finished = j->shared.finished;
	pthread_mutex_unlock(&j->lock);
	return finished;
}

void gl_export_job_cancel(struct gl_export_job *j)
{
	pthread_mutex_lock(&j->lock);
	j->shared.cancel = true;
	pthread_mutex_unlock(&j->lock);
}

enum gl_status gl_export_job_finish(struct gl_export_job *j, struct gl_error *err)
{
	pthread_join(j->thread, NULL);
	enum gl_status st = j->shared.st;
	if (st != GL_OK && err)
		*err = j->shared.err;
	pthread_mutex_destroy(&j->lock);
	free(j->db_path);
	free(j->path);
	free(j);
	return st;
}
