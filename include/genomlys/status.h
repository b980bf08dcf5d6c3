/* Status codes returned by every core function, and the error detail that goes with them. */
#ifndef GENOMLYS_STATUS_H
#define GENOMLYS_STATUS_H

#include <stddef.h>

enum gl_status {
	GL_OK = 0,
	GL_ENOMEM,       /* out of memory */
	GL_EIO,          /* a file could not be read or written */
	GL_EDB,          /* the database reported an error */
	GL_ESCHEMA,      /* the database schema is wrong, too new or not a genomlys project */
	GL_EEXIST,       /* the thing exists already */
	GL_ENOTFOUND,    /* no such thing */
	GL_EINVAL,       /* bad argument or bad input data */
	GL_EFORMAT,      /* a file's content is malformed */
	GL_EENCODING,    /* a file's text encoding is wrong or unsupported */
	GL_EBUSY,        /* the database is locked by someone else */
	GL_ECONSTRAINT,  /* the change would break a rule of the data model */
	GL_ECANCELLED,   /* a callback asked to stop */
	GL_EREADONLY,    /* the project is open read-only (a read-only file, or a damaged one) */
};

/* Error detail: a message, and the file and line it concerns where there is one. */
struct gl_error {
	enum gl_status status;
	char message[512];  /* a one-line, translated description */
	char file[256];     /* "" when the error concerns no file */
	long line;          /* 0 when unknown */
};

const char *gl_status_str(enum gl_status st);

/* Sets err (when not NULL) and returns st, so that callers can write `return gl_error_set(...)`. */
enum gl_status gl_error_set(struct gl_error *err, enum gl_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
enum gl_status gl_error_set_at(struct gl_error *err, enum gl_status st, const char *file,
	long line, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void gl_error_clear(struct gl_error *err);

/* Formats "<message> (<file>:<line>)" or "<file>:<line>: <message>" style text for display. */
void gl_error_format(const struct gl_error *err, char *buf, size_t size);

#endif
