/* A growable, always NUL-terminated byte string for text of any length. */
#ifndef GENOMLYS_STR_H
#define GENOMLYS_STR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "genomlys/status.h"

struct gl_str {
	char *buf;    /* NULL until the first append; gl_str_cstr() never returns NULL */
	size_t len;
	size_t cap;
};

#define GL_STR_INIT { NULL, 0, 0 }

void gl_str_init(struct gl_str *s);
void gl_str_finish(struct gl_str *s);
void gl_str_clear(struct gl_str *s);
enum gl_status gl_str_reserve(struct gl_str *s, size_t extra);
enum gl_status gl_str_append(struct gl_str *s, const char *bytes, size_t n);
enum gl_status gl_str_puts(struct gl_str *s, const char *cstr);
enum gl_status gl_str_putc(struct gl_str *s, char c);
enum gl_status gl_str_printf(struct gl_str *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum gl_status gl_str_vprintf(struct gl_str *s, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
const char *gl_str_cstr(const struct gl_str *s);
/* Hands the buffer to the caller (free() it) and leaves s empty. */
char *gl_str_steal(struct gl_str *s);

/* strdup that tolerates NULL. */
char *gl_strdup(const char *s);

#endif
