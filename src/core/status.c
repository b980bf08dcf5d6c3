/* Status code names and the error-detail helpers. */
#include "genomlys/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"

const char *gl_status_str(enum gl_status st)
{
	switch (st) {
	case GL_OK: return _("success");
	case GL_ENOMEM: return _("out of memory");
	case GL_EIO: return _("input/output error");
	case GL_EDB: return _("database error");
	case GL_ESCHEMA: return _("not a usable genomlys project");
	case GL_EEXIST: return _("already exists");
	case GL_ENOTFOUND: return _("not found");
	case GL_EINVAL: return _("invalid argument");
	case GL_EFORMAT: return _("malformed input");
	case GL_EENCODING: return _("unsupported text encoding");
	case GL_EBUSY: return _("the project is locked by another program");
	case GL_ECONSTRAINT: return _("the change breaks a rule of the data model");
	case GL_ECANCELLED: return _("cancelled");
	case GL_EREADONLY: return _("the project is open read-only");
	}
	return _("unknown error");
}

__attribute__((format(printf, 5, 0)))
static enum gl_status error_vset(struct gl_error *err, enum gl_status st, const char *file,
	long line, const char *fmt, va_list ap)
{
	if (!err)
		return st;
	err->status = st;
	/* A message or path longer than its field is cut between characters, never inside one. */
	int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
	if (n >= (int)sizeof err->message)
		err->message[gl_utf8_cut(err->message, sizeof err->message - 1)] = '\0';
	n = snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	if (n >= (int)sizeof err->file)
		err->file[gl_utf8_cut(err->file, sizeof err->file - 1)] = '\0';
	err->line = line;
	return st;
}

enum gl_status gl_error_set(struct gl_error *err, enum gl_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_vset(err, st, NULL, 0, fmt, ap);
	va_end(ap);
	return st;
}

enum gl_status gl_error_set_at(struct gl_error *err, enum gl_status st, const char *file,
	long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_vset(err, st, file, line, fmt, ap);
	va_end(ap);
	return st;
}

void gl_error_clear(struct gl_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

void gl_error_format(const struct gl_error *err, char *buf, size_t size)
{
	const char *msg = err->message[0] ? err->message : gl_status_str(err->status);
	if (err->file[0] && err->line > 0)
		snprintf(buf, size, "%s:%ld: %s", err->file, err->line, msg);
	else if (err->file[0])
		snprintf(buf, size, "%s: %s", err->file, msg);
	else
		snprintf(buf, size, "%s", msg);
}
