/* The reading thread and the writing thread of one long query (pipe.h). Rows travel in a few
 * batches of a few hundred: the reader fills one while the writer empties another, and each
 * waits only when every batch is full or none is. The texts of a batch live in one buffer. */
#include "pipe.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "genomlys/i18n.h"
#include "genomlys/str.h"

enum { BATCH_ROWS = 512, BATCHES = 4 };

struct batch {
	size_t rows;
	struct gl_value *cells;   /* BATCH_ROWS * ncells */
	struct gl_str text;       /* the texts, each ended by a NUL; cells point into it once full */
};

struct run {
	const struct gl_pipe *p;
	struct batch b[BATCHES];
	size_t fill;              /* the batch the reader fills (reader only) */
	pthread_mutex_t lock;
	pthread_cond_t moved;     /* a batch was filled or emptied, or the reader ended */
	size_t head, full;        /* behind lock: the oldest full batch, how many are full */
	bool ended;               /* behind lock: the reader has ended (its status below) */
	atomic_bool stop;         /* the writer has stopped: the reader stops too */
	enum gl_status st;        /* the reader's, read by the writer once ended */
	struct gl_error err;      /* the reader's */
	struct gl_value out[GL_PIPE_MAX_CELLS];
};

static int run_interrupt(void *ctx)
{
	struct run *r = ctx;
	return atomic_load_explicit(&r->stop, memory_order_relaxed);
}

/* The batch being filled is full (or the query ended): hand it over, and wait for an empty
 * one. Returns false when the writer has stopped. */
static bool publish(struct run *r)
{
	struct batch *b = &r->b[r->fill];
	const struct gl_value *end = b->cells + b->rows * (size_t)r->p->ncells;
	for (struct gl_value *v = b->cells; v < end; v++)
		if (v->type == GL_VAL_TEXT)
			v->s = b->text.buf + (uintptr_t)v->s;  /* its offset, now that nothing moves */
	pthread_mutex_lock(&r->lock);
	r->full++;
	pthread_cond_broadcast(&r->moved);
	while (r->full == BATCHES && !atomic_load(&r->stop))
		pthread_cond_wait(&r->moved, &r->lock);
	pthread_mutex_unlock(&r->lock);
	r->fill = (r->fill + 1) % BATCHES;
	r->b[r->fill].rows = 0;
	gl_str_clear(&r->b[r->fill].text);
	return !atomic_load(&r->stop);
}

/* The query's row callback, on the reading thread: shaped, and its values copied. */
static int reader_row(void *ctx, const struct gl_row *row)
{
	struct run *r = ctx;
	const struct gl_pipe *p = r->p;
	memset(r->out, 0, sizeof r->out);
	enum gl_status st = p->shape(p->ctx, row, r->out, &r->err);
	if (st != GL_OK) {
		r->st = st;
		return 1;
	}
	struct batch *b = &r->b[r->fill];
	struct gl_value *cells = b->cells + b->rows * (size_t)p->ncells;
	for (int i = 0; i < p->ncells; i++) {
		cells[i] = r->out[i];
		if (cells[i].type != GL_VAL_TEXT)
			continue;
		uintptr_t at = b->text.len;
		size_t len = r->out[i].s ? r->out[i].len : 0;
		if (gl_str_append(&b->text, r->out[i].s ? r->out[i].s : "", len) != GL_OK ||
			gl_str_putc(&b->text, '\0') != GL_OK) {
			r->st = gl_error_set(&r->err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
			return 1;
		}
		cells[i].s = (const char *)at;
		cells[i].len = len;
	}
	if (++b->rows == BATCH_ROWS && !publish(r))
		return 1;
	return 0;
}

static void *reader_main(void *arg)
{
	struct run *r = arg;
	enum gl_status st = r->p->query(r->p->s, r->p->arg, reader_row, r, &r->err);
	if (st == GL_ECANCELLED && r->st != GL_OK)
		st = r->st;  /* the shape's own failure */
	if (st == GL_OK && r->b[r->fill].rows > 0 && !publish(r))
		st = GL_ECANCELLED;
	/* the last rows are being written: the caller's further reading meanwhile */
	if (st == GL_OK && r->p->after)
		st = r->p->after(r->p->ctx, &r->err);
	r->st = st;
	pthread_mutex_lock(&r->lock);
	r->ended = true;
	pthread_cond_broadcast(&r->moved);
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

/* Without a thread: each row shaped and written at once. */
struct inline_run {
	const struct gl_pipe *p;
	enum gl_status st;
	struct gl_error *err;
	struct gl_value out[GL_PIPE_MAX_CELLS];
};

static int inline_row(void *ctx, const struct gl_row *row)
{
	struct inline_run *r = ctx;
	memset(r->out, 0, sizeof r->out);
	r->st = r->p->shape(r->p->ctx, row, r->out, r->err);
	if (r->st == GL_OK)
		r->st = r->p->write(r->p->ctx, r->out, r->err);
	return r->st != GL_OK;
}

static enum gl_status run_inline(const struct gl_pipe *p, struct gl_error *err)
{
	struct inline_run r = { .p = p, .st = GL_OK, .err = err };
	gl_store_set_interrupt(p->s, NULL, NULL);
	enum gl_status st = p->query(p->s, p->arg, inline_row, &r, err);
	if (st == GL_ECANCELLED && r.st != GL_OK)
		st = r.st;
	return st == GL_OK && p->after ? p->after(p->ctx, err) : st;
}

/* Waits for a full batch: the index of the oldest, or -1 once the reader has ended and every
 * batch is empty, or -2 when idle asked to stop. */
static int next_full(struct run *r)
{
	pthread_mutex_lock(&r->lock);
	while (r->full == 0 && !r->ended) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 100 * 1000 * 1000;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		if (pthread_cond_timedwait(&r->moved, &r->lock, &until) == ETIMEDOUT && r->p->idle &&
			r->full == 0 && !r->ended) {
			pthread_mutex_unlock(&r->lock);
			if (r->p->idle(r->p->ctx))
				return -2;
			pthread_mutex_lock(&r->lock);
		}
	}
	int at = r->full > 0 ? (int)r->head : -1;
	pthread_mutex_unlock(&r->lock);
	return at;
}

enum gl_status gl_pipe_run(const struct gl_pipe *p, struct gl_error *err)
{
	if (p->ncells < 1 || p->ncells > GL_PIPE_MAX_CELLS)
		return gl_error_set(err, GL_EINVAL, "a pipe of %d cells", p->ncells);
	struct run *r = calloc(1, sizeof *r);
	bool made = r != NULL;
	for (int i = 0; made && i < BATCHES; i++) {
		made = (r->b[i].cells = calloc(BATCH_ROWS * (size_t)p->ncells,
			sizeof *r->b[i].cells)) != NULL;
	}
	pthread_t thread;
	if (made) {
		r->p = p;
		r->st = GL_OK;
		atomic_init(&r->stop, false);
		made = pthread_mutex_init(&r->lock, NULL) == 0;
		if (made && pthread_cond_init(&r->moved, NULL) != 0) {
			pthread_mutex_destroy(&r->lock);
			made = false;
		}
		if (made) {
			gl_store_set_interrupt(p->s, run_interrupt, r);
			if (pthread_create(&thread, NULL, reader_main, r) != 0) {
				pthread_cond_destroy(&r->moved);
				pthread_mutex_destroy(&r->lock);
				made = false;
			}
		}
	}
	if (!made) {
		for (int i = 0; r && i < BATCHES; i++)
			free(r->b[i].cells);
		free(r);
		return run_inline(p, err);
	}
	enum gl_status st = GL_OK;
	int at;
	while (st == GL_OK && (at = next_full(r)) >= 0) {
		const struct batch *b = &r->b[at];
		for (size_t i = 0; st == GL_OK && i < b->rows; i++)
			st = p->write(p->ctx, b->cells + i * (size_t)p->ncells, err);
		pthread_mutex_lock(&r->lock);
		r->head = (r->head + 1) % BATCHES;
		r->full--;
		pthread_cond_broadcast(&r->moved);
		pthread_mutex_unlock(&r->lock);
	}
	if (st == GL_OK && at == -2)
		st = gl_error_set(err, GL_ECANCELLED, "%s", gl_status_str(GL_ECANCELLED));
	if (st != GL_OK) {
		/* the reader may wait for an empty batch: wake it to see the stop */
		pthread_mutex_lock(&r->lock);
		atomic_store(&r->stop, true);
		pthread_cond_broadcast(&r->moved);
		pthread_mutex_unlock(&r->lock);
	}
	pthread_join(thread, NULL);
	gl_store_set_interrupt(p->s, NULL, NULL);
	if (st == GL_OK && r->st != GL_OK) {
		st = r->st;
		if (err)
			*err = r->err;
	}
	pthread_cond_destroy(&r->moved);
	pthread_mutex_destroy(&r->lock);
	for (int i = 0; i < BATCHES; i++) {
		free(r->b[i].cells);
		gl_str_finish(&r->b[i].text);
	}
	free(r);
	return st;
}
