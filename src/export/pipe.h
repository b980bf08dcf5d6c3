/* A long query read on a thread of its own while the calling thread writes what it read: the
 * export's Quotes sheet, where SQLite's reading (its pages, the quotes cut from the letters)
 * and the workbook's writing (the cells, zlib) then take two CPUs instead of one after the
 * other. Internal to src/export. */
#ifndef GL_EXPORT_PIPE_H
#define GL_EXPORT_PIPE_H

#include <stdint.h>

#include "genomlys/status.h"
#include "genomlys/store.h"

/* The query: called once, on the reading thread, with the store the pipe was given. */
typedef enum gl_status (*gl_pipe_query_fn)(struct gl_store *s, int64_t arg, gl_row_fn fn,
	void *ctx, struct gl_error *err);

/* On the reading thread: turns a row of the query into ncells values (out). Texts it puts in
 * out need only live until it returns (the pipe copies them). Anything but GL_OK stops the
 * pipe with that status (err says why). It is the only code, besides the query, that may use
 * the store while the pipe runs. */
typedef enum gl_status (*gl_pipe_shape_fn)(void *ctx, const struct gl_row *r,
	struct gl_value *out, struct gl_error *err);

/* On the calling thread: one row of ncells values, in the query's order. Anything but GL_OK
 * stops the pipe and is what gl_pipe_run returns. */
typedef enum gl_status (*gl_pipe_write_fn)(void *ctx, const struct gl_value *cells,
	struct gl_error *err);

/* On the reading thread once the query has given its last row and succeeded: more reading of
 * the caller's (the Codes sheet's figures), done while this thread writes the last rows. Its
 * failure is the pipe's. May be NULL. */
typedef enum gl_status (*gl_pipe_after_fn)(void *ctx, struct gl_error *err);

/* On the calling thread while it waits for rows (every tenth of a second at most): non-zero
 * stops the pipe, which then returns GL_ECANCELLED. May be NULL. */
typedef int (*gl_pipe_idle_fn)(void *ctx);

struct gl_pipe {
	struct gl_store *s;
	gl_pipe_query_fn query;
	int64_t arg;
	int ncells;             /* at most GL_PIPE_MAX_CELLS */
	gl_pipe_shape_fn shape;
	gl_pipe_write_fn write;
	gl_pipe_after_fn after;
	gl_pipe_idle_fn idle;
	void *ctx;              /* given to shape, write, after and idle */
};

#define GL_PIPE_MAX_CELLS 16

/* Runs p->query on a new thread and calls p->write for each row, in order, on this one. The
 * store must not be used by this thread until it returns (it has then joined the other), and
 * neither may what shape and after change.
 * While it runs, the store's interrupt (gl_store_set_interrupt) is the pipe's own, which stops
 * the query when the writing side stopped; afterwards the store has none: a caller that had
 * one sets it again. Returns the first failure: write's, then shape's or the query's (err
 * filled from the reading thread's), GL_ECANCELLED when idle asked to stop; GL_OK when every
 * row was written. Where no thread can be made, it runs the query on this thread instead. */
enum gl_status gl_pipe_run(const struct gl_pipe *p, struct gl_error *err);

#endif
