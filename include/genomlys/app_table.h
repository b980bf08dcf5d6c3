/* The model behind the one list/table widget: columns, a cursor, and a window of rows fetched
 * a page at a time from the store, so that no list is ever loaded whole. */
#ifndef GENOMLYS_APP_TABLE_H
#define GENOMLYS_APP_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "genomlys/app_action.h"
#include "genomlys/status.h"

#define GL_TABLE_PAGE 200        /* rows fetched per page; the window holds three */
#define GL_TABLE_MAX_COLS 64

enum gl_align { GL_ALIGN_LEFT, GL_ALIGN_RIGHT };

/* How a row or a cell is drawn; the UI maps these to theme elements. */
enum gl_cell_style {
	GL_CELL_NORMAL,
	GL_CELL_LOW,        /* a survey value below the threshold */
	GL_CELL_TOTAL,      /* the municipality row */
	GL_CELL_MARK,       /* the school every pane is filtered to */
	GL_CELL_MEAN,       /* the municipal mean */
	GL_CELL_DIM,
	GL_CELL_STRENGTH,   /* captions of the three kinds of finding */
	GL_CELL_AREA,
	GL_CELL_CHALLENGE,
};

struct gl_column {
	char *title;
	int width;       /* minimum width in columns */
	int flex;        /* share of the width left over (0: fixed) */
	enum gl_align align;
};

struct gl_trow {
	int64_t id;
	unsigned char style;     /* enum gl_cell_style for the whole row */
	char **cells;            /* ncols UTF-8 strings, never NULL */
	unsigned char *styles;   /* per cell */
};

struct gl_table;

/* Fetches rows [offset, offset + limit) by calling gl_table_append for each. */
typedef enum gl_status (*gl_table_fetch_fn)(void *ctx, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err);

struct gl_table {
	char *caption;            /* drawn above the header when set (e.g. "Strengths") */
	unsigned char caption_style;
	struct gl_column cols[GL_TABLE_MAX_COLS];
	int ncols;
	int frozen;               /* leading columns that never scroll sideways */
	int col_cursor;           /* the selected column, or -1 when columns are not selectable */
	int64_t nrows;
	int64_t cursor, top;
	int view_height;          /* rows the widget showed last; for paging */
	char *empty_text;         /* shown when there are no rows */
	/* the window of fetched rows */
	int64_t cache_off;
	int cache_n, cache_cap;
	struct gl_trow *cache;
	int64_t fetches;          /* pages fetched so far (for tests) */
	gl_table_fetch_fn fetch;
	void *fetch_ctx;
};

void gl_table_init(struct gl_table *t, gl_table_fetch_fn fetch, void *ctx);
void gl_table_finish(struct gl_table *t);
/* Drops the columns (and rows); then add them again with gl_table_column. */
void gl_table_clear_columns(struct gl_table *t);
void gl_table_column(struct gl_table *t, const char *title, int width, int flex,
	enum gl_align align);
void gl_table_set_caption(struct gl_table *t, const char *caption, unsigned char style);
void gl_table_set_empty(struct gl_table *t, const char *text);
/* Sets the row count, drops the fetched rows and keeps the cursor in range. */
void gl_table_reset(struct gl_table *t, int64_t nrows);

/* Makes rows [first, first + n) available (fetching a window around them when needed). */
enum gl_status gl_table_ensure(struct gl_table *t, int64_t first, int64_t n,
	struct gl_error *err);
/* A fetched row, or NULL when it is outside the window. */
const struct gl_trow *gl_table_row(const struct gl_table *t, int64_t i);
/* The selected row (fetching it when needed), or NULL when the table is empty. */
const struct gl_trow *gl_table_selected(struct gl_table *t);

/* For fetch functions: appends a row to the window and sets its cells. */
struct gl_trow *gl_table_append(struct gl_table *t, int64_t id, unsigned char style);
void gl_table_cell(struct gl_table *t, struct gl_trow *row, int col, const char *text,
	unsigned char style);
void gl_table_cellf(struct gl_table *t, struct gl_trow *row, int col, unsigned char style,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Tells the model how many rows the widget shows; keeps the cursor visible. */
void gl_table_set_view(struct gl_table *t, int height);
/* Moves the cursor or the column cursor for a movement action; returns flags (app.h). */
unsigned gl_table_move(struct gl_table *t, enum gl_action act);
void gl_table_select(struct gl_table *t, int64_t row);
/* Scrolls the view by delta rows (mouse wheel), dragging the cursor along when needed. */
void gl_table_scroll(struct gl_table *t, int64_t delta);

#endif
