/* Private to src/ui: the terminal's state beside the app context. */
#ifndef GENOMLYS_UI_INTERNAL_H
#define GENOMLYS_UI_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include <curses.h>

#include "genomlys/app.h"
#include "genomlys/config.h"

#define UI_MIN_WIDTH 60
#define UI_MIN_HEIGHT 16

struct ui_rect {
	int y, x, h, w;
	int body_y;  /* first row of the table's rows (below caption and header) */
};

struct ui {
	struct gl_app *app;
	struct gl_theme theme;
	bool color;                       /* colours are in use (not NO_COLOR, terminal has them) */
	bool color_started, default_colors;
	attr_t attrs[GL_EL_COUNT];
	short pairs[GL_EL_COUNT];
	bool headless;
	SCREEN *screen;
	FILE *term_out, *term_in;
	/* the prompt: ':' or '/' when open */
	int prompt;
	struct gl_lineedit edit;
	struct gl_str choices;
	/* where things were drawn, for the mouse */
	int tab_x[GL_PANE_COUNT + 1];
	struct ui_rect tables[GL_PANE_MAX_TABLES];
	int ntables;
	bool too_small;
	char *log_path;
	short code_pairs[256];            /* colour pairs made for code colours; 0: not yet */
	int reader_cursor_y, reader_cursor_x;  /* where the reader's cursor is drawn; -1: off */
	int ready_fd;  /* GENOMLYS_READY: a byte each time the loop has drawn and waits; -1: none */
};

/* ui_theme.c */
void ui_theme_apply(struct ui *ui);
/* Loads app->config.theme (a name or a path); problems go to the status bar. */
void ui_theme_load(struct ui *ui);

/* ui_draw.c, ui_code.c */
void ui_draw_reader(struct ui *ui, struct gl_letter_view *v, int y0, int h);
void ui_draw_modal(struct ui *ui);
void ui_set_el(struct ui *ui, enum gl_theme_element e, attr_t extra);
void ui_fill(struct ui *ui, int y, int x, int w, enum gl_theme_element e, attr_t extra);
int ui_put(int y, int x, int maxw, const char *s, size_t len, bool ellipsis);
int ui_text_width(const char *s);
void ui_draw_matches(struct ui *ui, int y, int x, int width, const char *line, size_t len,
	char **terms, size_t nterms);
void ui_draw(struct ui *ui);
/* Writes the screen as text, one line per row, trailing spaces removed. */
enum gl_status ui_save_display(const char *path, const char *project, unsigned flags,
	struct gl_error *err);

/* ui_input.c */
/* Reads a key from the terminal: a GL key code, or KEY_RESIZE / KEY_MOUSE as negative codes. */
#define UI_EV_RESIZE (-2)
#define UI_EV_MOUSE (-3)
#define UI_EV_NONE (-4)
/* How long a read of a key waits before the loop looks for other programs' changes. */
#define UI_POLL_MS 500
/* ... and while a worker computes (gl_app_busy: the Analysis pane's figures, the export), so
 * that its result shows soon after it is in. */
#define UI_BUSY_POLL_MS 50
int ui_read_key(struct ui *ui);
/* Handles a key (prompt or app); returns GL_F_* flags. */
unsigned ui_handle_key(struct ui *ui, int key);
unsigned ui_handle_mouse(struct ui *ui, int x, int y, int button);

#endif
