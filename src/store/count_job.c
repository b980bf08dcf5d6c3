/* The review's count of overlaps or codings on a worker thread (store.h, gl_count_job): one
 * statement run by a gl_store_job (store_job.c: its own read-only connection, the cancel flag
 * behind one mutex, no gl_app and no curses). */
#include "genomlys/store.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"

struct gl_count_job {
	struct gl_store_job *job;
	enum gl_list what;
	struct gl_filter f;
	int64_t key[4];
	bool has_key;
	int64_t before, total;  /* written by the worker, read after gl_store_job_finish */
};

static enum gl_status count_run(struct gl_store *s, void *ctx, struct gl_error *err)
{
	struct gl_count_job *j = ctx;
	return gl_store_list_before(s, j->what, &j->f, j->has_key ? j->key : NULL, 0, &j->before,
		&j->total, err);
}

enum gl_status gl_count_job_start(const char *db_path, enum gl_list what,
	const struct gl_filter *f, const int64_t *key, struct gl_count_job **out, struct gl_error *err)
{
	*out = NULL;
	struct gl_count_job *j = calloc(1, sizeof *j);
	if (!j)
		return gl_error_set(err, GL_ENOMEM, _("out of memory"));
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
	enum gl_status st = gl_store_job_start(db_path, count_run, j, &j->job, err);
	if (st != GL_OK) {
		free(j);
		return st;
	}
	*out = j;
	return GL_OK;
}

bool gl_count_job_done(struct gl_count_job *j)
{
	return gl_store_job_done(j->job);
}

void gl_count_job_cancel(struct gl_count_job *j)
{
	gl_store_job_cancel(j->job);
}

enum gl_status gl_count_job_finish(struct gl_count_job *j, int64_t *before, int64_t *total,
	struct gl_error *err)
{
	if (!j)
		return GL_OK;
	enum gl_status st = gl_store_job_finish(j->job, err);
	if (before)
		*before = j->before;
	if (total)
		*total = j->total;
	free(j);
	return st;
}
