/* Scripts for GENOMLYS_SCRIPT: one event per line (see docs/ui-testing.md). */
#include "genomlys/app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"

struct gl_script {
	FILE *fp;
	char *path;
	long line;
	char *buf;
	size_t cap;
	/* keys still to send from the current line ("key j j j", "type text") */
	int pending[256];
	int npending, next;
	long pending_line;
};

enum gl_status gl_script_open(const char *path, struct gl_script **out, struct gl_error *err)
{
	struct gl_script *s = calloc(1, sizeof *s);
	if (!s)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	s->fp = fopen(path, "r");
	if (!s->fp) {
		int e = errno;
		free(s);
		return gl_error_set_at(err, GL_EIO, path, 0, _("cannot read the script: %s"),
			strerror(e));
	}
	s->path = gl_strdup(path);
	*out = s;
	return GL_OK;
}

void gl_script_close(struct gl_script *s)
{
	if (!s)
		return;
	fclose(s->fp);
	free(s->path);
	free(s->buf);
	free(s);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static enum gl_status bad_line(struct gl_script *s, struct gl_error *err, const char *what)
{
	return gl_error_set_at(err, GL_EFORMAT, s->path, s->line, _("bad script line: %s"), what);
}

enum gl_status gl_script_next(struct gl_script *s, struct gl_script_event *ev,
	struct gl_error *err)
{
	memset(ev, 0, sizeof *ev);
	for (;;) {
		if (s->next < s->npending) {
			ev->kind = GL_SCRIPT_KEY;
			ev->key = s->pending[s->next++];
			ev->line = s->pending_line;
			return GL_OK;
		}
		s->npending = s->next = 0;
		if (getline(&s->buf, &s->cap, s->fp) < 0) {
			ev->kind = GL_SCRIPT_END;
			return GL_OK;
		}
		s->line++;
		char *l = trim(s->buf);
		if (!*l || *l == '#')
			continue;
		ev->line = s->line;
		if (*l == ':') {
			ev->kind = GL_SCRIPT_COMMAND;
			ev->text = trim(l + 1);
			return GL_OK;
		}
		char *arg = l + strcspn(l, " \t");
		if (*arg)
			*arg++ = '\0';
		if (!strcmp(l, "key")) {
			s->pending_line = s->line;
			for (char *save = NULL, *w = strtok_r(arg, " \t", &save); w;
				w = strtok_r(NULL, " \t", &save)) {
				int key;
				if (!gl_key_parse(w, &key))
					return bad_line(s, err, w);
				if (s->npending < 256)
					s->pending[s->npending++] = key;
			}
			if (!s->npending)
				return bad_line(s, err, _("key needs a key name"));
			continue;
		}
		if (!strcmp(l, "type")) {
			/* The rest of the line as typed characters (spaces included). */
			s->pending_line = s->line;
			size_t len = strlen(arg);
			if (!gl_utf8_valid(arg, len, NULL))
				return bad_line(s, err, _("not UTF-8"));
			for (size_t i = 0; i < len && s->npending < 256;) {
				int32_t cp;
				i += gl_utf8_decode(arg + i, len - i, &cp);
				s->pending[s->npending++] = cp;
			}
			continue;
		}
		if (!strcmp(l, "wait")) {
			ev->kind = GL_SCRIPT_WAIT;
			return GL_OK;
		}
		if (!strcmp(l, "resize")) {
			if (sscanf(arg, "%d %d", &ev->w, &ev->h) != 2 || ev->w < 1 || ev->h < 1 ||
				ev->w > 1000 || ev->h > 1000)
				return bad_line(s, err, _("resize WIDTH HEIGHT"));
			ev->kind = GL_SCRIPT_RESIZE;
			return GL_OK;
		}
		if (!strcmp(l, "mouse")) {
			char what[32];
			if (sscanf(arg, "%31s %d %d", what, &ev->x, &ev->y) != 3)
				return bad_line(s, err, _("mouse click|wheel-up|wheel-down X Y"));
			if (!strcmp(what, "click"))
				ev->button = 1;
			else if (!strcmp(what, "wheel-up"))
				ev->button = 4;
			else if (!strcmp(what, "wheel-down"))
				ev->button = 5;
			else
				return bad_line(s, err, what);
			ev->kind = GL_SCRIPT_MOUSE;
			return GL_OK;
		}
		return bad_line(s, err, l);
	}
}
