/* The command line's editor: UTF-8 text with a cursor, edited by keys. */
#include "genomlys/app.h"

#include <string.h>

#include "genomlys/utf8.h"

void gl_lineedit_init(struct gl_lineedit *e)
{
	gl_str_init(&e->text);
	e->cursor = 0;
	e->selected = false;
}

void gl_lineedit_finish(struct gl_lineedit *e)
{
	gl_str_finish(&e->text);
	e->cursor = 0;
}

void gl_lineedit_set(struct gl_lineedit *e, const char *text)
{
	gl_str_clear(&e->text);
	gl_str_puts(&e->text, text);
	e->cursor = e->text.len;
	e->selected = false;
}

void gl_lineedit_set_selected(struct gl_lineedit *e, const char *text)
{
	gl_lineedit_set(e, text);
	e->selected = e->text.len > 0;
}

static size_t prev_char(const struct gl_lineedit *e, size_t i)
{
	while (i > 0) {
		i--;
		if (((unsigned char)e->text.buf[i] & 0xc0) != 0x80)
			break;
	}
	return i;
}

static size_t next_char(const struct gl_lineedit *e, size_t i)
{
	if (i < e->text.len)
		i++;
	while (i < e->text.len && ((unsigned char)e->text.buf[i] & 0xc0) == 0x80)
		i++;
	return i;
}

static void delete_range(struct gl_lineedit *e, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(e->text.buf + from, e->text.buf + to, e->text.len - to + 1);
	e->text.len -= to - from;
	e->cursor = from;
}

static void insert_cp(struct gl_lineedit *e, int cp)
{
	char u[4];
	size_t n = gl_utf8_encode(cp, u);
	if (n == 0 || gl_str_reserve(&e->text, n) != GL_OK)
		return;
	if (!e->text.buf)
		return;
	memmove(e->text.buf + e->cursor + n, e->text.buf + e->cursor,
		e->text.len - e->cursor + 1);
	memcpy(e->text.buf + e->cursor, u, n);
	e->text.len += n;
	e->cursor += n;
}

enum gl_edit_result gl_lineedit_key(struct gl_lineedit *e, int key)
{
	if (e->selected) {
		/* as in every line editor: typing over a selection replaces it, Backspace and Del
		 * delete it, anything else keeps the text for editing */
		e->selected = false;
		if ((key >= 32 && key < GL_KEY_BASE && key != 127) || key == GL_KEY_BACKSPACE ||
			key == 8 || key == GL_KEY_DELETE) {
			gl_str_clear(&e->text);
			e->cursor = 0;
			if (key == GL_KEY_BACKSPACE || key == 8 || key == GL_KEY_DELETE)
				return GL_EDIT_CONTINUE;
		}
	}
	switch (key) {
	case GL_KEY_ENTER: return GL_EDIT_ACCEPT;
	case GL_KEY_ESC:
	case 7:  /* C-g */
		return GL_EDIT_CANCEL;
	case GL_KEY_TAB: return GL_EDIT_COMPLETE;
	case GL_KEY_BACKSPACE:
	case 8:
		if (e->text.len == 0)
			return GL_EDIT_CANCEL;  /* backspace on an empty line leaves, as in vim */
		delete_range(e, prev_char(e, e->cursor), e->cursor);
		return GL_EDIT_CONTINUE;
	case GL_KEY_DELETE:
	case 4:  /* C-d */
		delete_range(e, e->cursor, next_char(e, e->cursor));
		return GL_EDIT_CONTINUE;
	case GL_KEY_LEFT:
	case 2:  /* C-b */
		e->cursor = prev_char(e, e->cursor);
		return GL_EDIT_CONTINUE;
	case GL_KEY_RIGHT:
	case 6:  /* C-f */
		e->cursor = next_char(e, e->cursor);
		return GL_EDIT_CONTINUE;
	case GL_KEY_HOME:
	case 1:  /* C-a */
		e->cursor = 0;
		return GL_EDIT_CONTINUE;
	case GL_KEY_END:
	case 5:  /* C-e */
		e->cursor = e->text.len;
		return GL_EDIT_CONTINUE;
	case 21:  /* C-u */
		delete_range(e, 0, e->cursor);
		return GL_EDIT_CONTINUE;
	case 11:  /* C-k */
		delete_range(e, e->cursor, e->text.len);
		return GL_EDIT_CONTINUE;
	case 23: {  /* C-w: the word before the cursor */
		size_t i = e->cursor;
		while (i > 0 && e->text.buf[i - 1] == ' ')
			i--;
		while (i > 0 && e->text.buf[i - 1] != ' ')
			i--;
		delete_range(e, i, e->cursor);
		return GL_EDIT_CONTINUE;
	}
	default:
		if (key >= 32 && key < GL_KEY_BASE && key != 127)
			insert_cp(e, key);
		return GL_EDIT_CONTINUE;
	}
}
