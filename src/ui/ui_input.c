/* Input: curses keys to GL key codes, the prompt, and the mouse. */
#include "ui_internal.h"

#include <string.h>

#include "genomlys/i18n.h"

int ui_read_key(struct ui *ui)
{
	(void)ui;
	wint_t wch;
	int rc = get_wch(&wch);
	if (rc == ERR)
		return UI_EV_NONE;
	if (rc == KEY_CODE_YES) {
		switch (wch) {
		case KEY_RESIZE: return UI_EV_RESIZE;
		case KEY_MOUSE: return UI_EV_MOUSE;
		case KEY_UP: return GL_KEY_UP;
		case KEY_DOWN: return GL_KEY_DOWN;
		case KEY_LEFT: return GL_KEY_LEFT;
		case KEY_RIGHT: return GL_KEY_RIGHT;
		case KEY_PPAGE: return GL_KEY_PGUP;
		case KEY_NPAGE: return GL_KEY_PGDN;
		case KEY_HOME: return GL_KEY_HOME;
		case KEY_END: return GL_KEY_END;
		case KEY_ENTER: return GL_KEY_ENTER;
		case KEY_BTAB: return GL_KEY_BTAB;
		case KEY_BACKSPACE: return GL_KEY_BACKSPACE;
		case KEY_DC: return GL_KEY_DELETE;
		case KEY_IC: return GL_KEY_INSERT;
		default:
			if (wch >= KEY_F(1) && wch <= KEY_F(12))
				return GL_KEY_F1 + (int)(wch - KEY_F(1));
			return UI_EV_NONE;
		}
	}
	switch (wch) {
	case '\n': case '\r': return GL_KEY_ENTER;
	case '\t': return GL_KEY_TAB;
	case 27: {
		/* Esc then Enter at once (Alt-Enter) saves a memo; anything else stays unread */
		wint_t next;
		nodelay(stdscr, TRUE);
		int rc2 = get_wch(&next);
		timeout(UI_POLL_MS);
		if (rc2 == OK && (next == '\r' || next == '\n'))
			return GL_KEY_M_ENTER;
		if (rc2 == OK)
			unget_wch((wchar_t)next);
		else if (rc2 == KEY_CODE_YES)
			ungetch((int)next);
		return GL_KEY_ESC;
	}
	case 127: case 8: return GL_KEY_BACKSPACE;
	default: return (int)wch;
	}
}

static void prompt_close(struct ui *ui)
{
	ui->prompt = 0;
	gl_lineedit_set(&ui->edit, "");
	gl_str_clear(&ui->choices);
}

static unsigned prompt_key(struct ui *ui, int key)
{
	struct gl_app *a = ui->app;
	enum gl_edit_result r = gl_lineedit_key(&ui->edit, key);
	gl_str_clear(&ui->choices);
	switch (r) {
	case GL_EDIT_ACCEPT: {
		int kind = ui->prompt;
		struct gl_str text = GL_STR_INIT;
		gl_str_puts(&text, gl_str_cstr(&ui->edit.text));
		prompt_close(ui);
		gl_app_message_clear(a);
		unsigned f = kind == '/' ? gl_app_search(a, gl_str_cstr(&text))
			: gl_app_command(a, gl_str_cstr(&text));
		gl_str_finish(&text);
		return f | GL_F_REDRAW;
	}
	case GL_EDIT_CANCEL:
		prompt_close(ui);
		return GL_F_HANDLED | GL_F_REDRAW;
	case GL_EDIT_COMPLETE:
		if (ui->prompt == ':') {
			struct gl_str out = GL_STR_INIT;
			gl_app_complete(a, gl_str_cstr(&ui->edit.text), &out, &ui->choices);
			gl_lineedit_set(&ui->edit, gl_str_cstr(&out));
			gl_str_finish(&out);
		}
		return GL_F_HANDLED | GL_F_REDRAW;
	case GL_EDIT_CONTINUE:
		break;
	}
	return GL_F_HANDLED | GL_F_REDRAW;
}

unsigned ui_handle_key(struct ui *ui, int key)
{
	struct gl_app *a = ui->app;
	if (ui->prompt)
		return prompt_key(ui, key);
	if (ui->too_small) {
		/* Nothing that cannot be seen: only quitting and redrawing; and never quitting away
		 * from text typed into a dialog (it waits for the window to grow). */
		enum gl_action act = gl_keymap_lookup(&a->keymap, key);
		if (act == GL_ACT_QUIT && !gl_app_unsaved(a))
			return GL_F_HANDLED | GL_F_QUIT;
		return act == GL_ACT_REDRAW ? GL_F_REDRAW | GL_F_REPAINT : 0;
	}
	gl_app_message_clear(a);
	unsigned f = gl_app_key(a, key);
	if (f & GL_F_PROMPT) {
		ui->prompt = ':';
		gl_lineedit_set(&ui->edit, "");
	} else if (f & GL_F_SEARCH) {
		ui->prompt = '/';
		gl_lineedit_set_selected(&ui->edit, a->search ? a->search : "");  /* typing replaces it */
	}
	return f | GL_F_REDRAW;
}

unsigned ui_handle_mouse(struct ui *ui, int x, int y, int button)
{
	struct gl_app *a = ui->app;
	struct gl_pane *p = gl_app_pane(a);
	if (ui->too_small || ui->prompt)
		return 0;
	if (button == 4 || button == 5) {
		int delta = button == 4 ? -3 : 3;
		if (a->help) {
			a->help_top += delta;
			if (a->help_top < 0)
				a->help_top = 0;
		} else if (p->detail) {
			gl_detail_move(p->detail, delta < 0 ? GL_ACT_MOVE_UP : GL_ACT_MOVE_DOWN);
		} else if (p->letter) {
			gl_reader_scroll(&p->letter->reader, delta);
		} else {
			for (int i = 0; i < ui->ntables && i < p->ntables; i++) {
				const struct ui_rect *r = &ui->tables[i];
				if (x >= r->x && x < r->x + r->w)
					gl_table_scroll(p->tables[i], delta);
			}
		}
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	if (button != 1)
		return 0;
	if (y == 0) {
		for (int i = 0; i < GL_PANE_COUNT; i++)
			if (x >= ui->tab_x[i] && x < ui->tab_x[i + 1])
				return gl_app_switch(a, i);
		return 0;
	}
	if (a->help || p->letter || p->detail)
		return 0;
	for (int i = 0; i < ui->ntables && i < p->ntables; i++) {
		const struct ui_rect *r = &ui->tables[i];
		if (x < r->x || x >= r->x + r->w || y < r->body_y || y >= r->y + r->h)
			continue;
		struct gl_table *t = p->tables[i];
		int64_t row = t->top + (y - r->body_y);
		p->focus = i;
		if (row >= t->nrows)
			return GL_F_HANDLED | GL_F_REDRAW;
		if (row == t->cursor)
			return gl_app_action(a, GL_ACT_ENTER) | GL_F_REDRAW;  /* a second click opens */
		gl_table_select(t, row);
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	return 0;
}
