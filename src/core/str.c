/* Growable strings. */
#include "genomlys/str.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gl_str_init(struct gl_str *s)
{
	s->buf = NULL;
	s->len = 0;
	s->cap = 0;
}

void gl_str_finish(struct gl_str *s)
{
	free(s->buf);
	gl_str_init(s);
}

void gl_str_clear(struct gl_str *s)
{
	s->len = 0;
	if (s->buf)
		s->buf[0] = '\0';
}

enum gl_status gl_str_reserve(struct gl_str *s, size_t extra)
{
	if (extra > SIZE_MAX - s->len - 1)
		return GL_ENOMEM;
	size_t need = s->len + extra + 1;
	if (need <= s->cap)
		return GL_OK;
	size_t cap = s->cap ? s->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *p = realloc(s->buf, cap);
	if (!p)
		return GL_ENOMEM;
	if (!s->buf)
		p[0] = '\0';
	s->buf = p;
	s->cap = cap;
	return GL_OK;
}

enum gl_status gl_str_append(struct gl_str *s, const char *bytes, size_t n)
{
	enum gl_status st = gl_str_reserve(s, n);
	if (st != GL_OK)
		return st;
	if (n)
		memcpy(s->buf + s->len, bytes, n);
	s->len += n;
	s->buf[s->len] = '\0';
	return GL_OK;
}

enum gl_status gl_str_puts(struct gl_str *s, const char *cstr)
{
	return gl_str_append(s, cstr, strlen(cstr));
}

enum gl_status gl_str_putc(struct gl_str *s, char c)
{
	return gl_str_append(s, &c, 1);
}

enum gl_status gl_str_vprintf(struct gl_str *s, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return GL_EINVAL;
	enum gl_status st = gl_str_reserve(s, (size_t)n);
	if (st != GL_OK)
		return st;
	vsnprintf(s->buf + s->len, (size_t)n + 1, fmt, ap);
	s->len += (size_t)n;
	return GL_OK;
}

enum gl_status gl_str_printf(struct gl_str *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	enum gl_status st = gl_str_vprintf(s, fmt, ap);
	va_end(ap);
	return st;
}

const char *gl_str_cstr(const struct gl_str *s)
{
	return s->buf ? s->buf : "";
}

char *gl_str_steal(struct gl_str *s)
{
	char *p = s->buf;
	if (!p)
		p = calloc(1, 1);
	gl_str_init(s);
	return p;
}

char *gl_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}
