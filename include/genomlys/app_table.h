/* The model behind the one list/table widget: columns (as many as a matrix needs), a cursor,
 * and a window of rows fetched a page at a time from the store, so that no list is ever loaded
 * whole. Each row carries the pane's own struct, so that nothing is read back off the screen. */
#ifndef GENOMLYS_APP_TABLE_H
#define GENOMLYS_APP_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/app_action.h"
#include "genomlys/status.h"

#define GL_TABLE_PAGE 200        /* rows fetched per page; the window holds three */

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
	GL_CELL_HEAT1,      /* heat shading of a matrix cell, light to strong */
	GL_CELL_HEAT2,
	GL_CELL_HEAT3,
	GL_CELL_HEAT4,
	GL_CELL_LINK,       /* a line of a detail view that Enter follows */
	GL_CELL_TITLE,      /* a heading inside a detail view */
	GL_CELL_CODED,      /* text coded by every coder compared */
	GL_CELL_CODED_DIFF, /* text coded by this coder but not by every one */
};

struct gl_column {
	char *title;
	int width;       /* minimum width in columns */
	int flex;        /* share of the width left over (0: fixed) */
	enum gl_align align;
	/* when the minimum widths do not fit: 0 never hides; a column with hide > 0 may be hidden,
	 * the highest first (the rightmost of equals first) */
	int hide;
	int keep;        /* a flex column keeps this width while columns may still hide (0: 4) */
};

struct gl_trow {
	int64_t id;
	unsigned char style;     /* enum gl_cell_style for the whole row */
	char **cells;            /* ncols UTF-8 strings, never NULL */
	unsigned char *styles;   /* per cell */
	void *data;              /* the pane's own struct (gl_table_row_data); NULL when none */
};

struct gl_table;

/* Fetches rows [offset, offset + limit) by calling gl_table_append for each. */
typedef enum gl_status (*gl_table_fetch_fn)(void *ctx, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err);
/* Counts every row of a table whose nrows is a lower bound (the whole list: may be slow). */
typedef enum gl_status (*gl_table_count_fn)(void *ctx, struct gl_table *t, int64_t *nrows,
	struct gl_error *err);
/* Frees what a row's data struct owns (not the struct itself). */
typedef void (*gl_table_data_finish_fn)(void *data);

struct gl_table {
	char *caption;            /* drawn above the header when set (e.g. "Strengths") */
	unsigned char caption_style;
	struct gl_column *cols;
	int ncols, cols_cap;
	int frozen;               /* leading columns that never scroll sideways */
	int col_cursor;           /* the selected column, or -1 when columns are not selectable */
	int left;                 /* the first scrolling column shown (>= frozen) */
	bool more_left, more_right;  /* columns cut off at either side at the last layout */
	int hidden;               /* columns given way (gl_table_column_hide) at the last layout */
	int64_t nrows;
	/* nrows is a lower bound: more rows may follow (a list too long to count at once). Each
	 * window fetched grows nrows to the rows it found; a window that comes back short ends the
	 * list, and count (when set) gives the exact number for a move to the last row. */
	bool more;
	int64_t cursor, top;
	int view_height;          /* rows the widget showed last; for paging */
	int page;                 /* rows per page when a row is costly to read (0: GL_TABLE_PAGE) */
	char *empty_text;         /* shown when there are no rows */
	/* the window of fetched rows */
	int64_t cache_off;
	int cache_n, cache_cap;
	struct gl_trow *cache;
	int64_t fetches;          /* pages fetched so far (for tests) */
	gl_table_fetch_fn fetch;
	void *fetch_ctx;
	gl_table_data_finish_fn data_finish;
	gl_table_count_fn count;  /* the exact number of rows, for a table with more (or NULL) */
	/* told when a table with more learned rows or its end (to say so above it), or NULL */
	void (*grown)(void *ctx, struct gl_table *t);
	/* The rows' numbers are not known yet: a window found by key where the list was not
	 * counted (the end of a long list, or the rows from the cursor's after a change). cursor,
	 * top, the window and nrows are then provisional numbers, far from 0 so that no move
	 * reaches the top by them; nothing shows them: the status bar says "?/known+" (known: the
	 * rows known to be there). gl_table_place makes them true once counted. */
	bool unplaced;
	int64_t known;
};

void gl_table_init(struct gl_table *t, gl_table_fetch_fn fetch, void *ctx);
void gl_table_finish(struct gl_table *t);
/* Drops the columns (and rows); then add them again with gl_table_column. */
void gl_table_clear_columns(struct gl_table *t);
/* Appends a column; GL_ENOMEM when it cannot (the table is then unchanged). */
enum gl_status gl_table_column(struct gl_table *t, const char *title, int width, int flex,
	enum gl_align align);
/* Lets column col give way in a narrow width: when the minimum widths do not fit, the columns
 * with the highest rank are hidden first, so that the others keep a readable width (0: the
 * column is never hidden, the default). */
void gl_table_column_hide(struct gl_table *t, int col, int rank);
/* Flex column col shrinks no further than keep columns (or its minimum width, when smaller)
 * while columns that may hide are still shown; then it shrinks towards 4 like the others. */
void gl_table_column_keep(struct gl_table *t, int col, int keep);
/* Replaces a column's title. */
void gl_table_column_title(struct gl_table *t, int col, const char *title);
void gl_table_set_caption(struct gl_table *t, const char *caption, unsigned char style);
void gl_table_set_empty(struct gl_table *t, const char *text);
/* Sets the row count, drops the fetched rows and keeps the cursor in range. */
void gl_table_reset(struct gl_table *t, int64_t nrows);
/* The same with nrows a lower bound when more is true (the list was counted only so far). */
void gl_table_reset_more(struct gl_table *t, int64_t nrows, bool more);
/* Makes the row count exact with t->count (when nrows is a lower bound and count is set). */
enum gl_status gl_table_count_all(struct gl_table *t, struct gl_error *err);

/* Far from 0: where an unplaced table's provisional numbers start. */
#define GL_TABLE_UNPLACED ((int64_t)1 << 40)
/* Makes the provisional numbers of an unplaced table true: row at becomes row number
 * truly, and the list has nrows rows (exact: more is false then). */
void gl_table_place(struct gl_table *t, int64_t at, int64_t truly, int64_t nrows);
/* An unplaced table whose first row was found at provisional number first (a fetch may call
 * it on the rows it appended: they are then numbered from there): every number less first;
 * nrows rows, at least (more) or exactly. */
void gl_table_renumber(struct gl_table *t, int64_t first, int64_t nrows, bool more);
/* The rows the table may claim: nrows, or known while it is unplaced. */
int64_t gl_table_rows_known(const struct gl_table *t);

/* Makes rows [first, first + n) available (fetching a window around them when needed). */
enum gl_status gl_table_ensure(struct gl_table *t, int64_t first, int64_t n,
	struct gl_error *err);
/* A fetched row, or NULL when it is outside the window. */
const struct gl_trow *gl_table_row(const struct gl_table *t, int64_t i);
/* The selected row (fetching it when needed), or NULL when the table is empty. */
const struct gl_trow *gl_table_selected(struct gl_table *t);
/* The selected row's data struct, or NULL. */
const void *gl_table_selected_data(struct gl_table *t);

/* For fetch functions: appends a row to the window and sets its cells. */
struct gl_trow *gl_table_append(struct gl_table *t, int64_t id, unsigned char style);
void gl_table_cell(struct gl_table *t, struct gl_trow *row, int col, const char *text,
	unsigned char style);
void gl_table_cellf(struct gl_table *t, struct gl_trow *row, int col, unsigned char style,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Gives the row a zeroed data struct of size bytes, owned by the row (freed with it, after
 * t->data_finish); NULL when out of memory or row is NULL. */
void *gl_table_row_data(struct gl_table *t, struct gl_trow *row, size_t size);

/* Tells the model how many rows the widget shows; keeps the cursor visible. */
void gl_table_set_view(struct gl_table *t, int height);
/* Moves the cursor, the column cursor or (without one) the columns shown for a movement
 * action; returns flags (app.h). */
unsigned gl_table_move(struct gl_table *t, enum gl_action act);
void gl_table_select(struct gl_table *t, int64_t row);
/* Selects the first fetched or fetchable row whose id is id (searching the window first, then
 * the whole table page by page); false when there is none. */
bool gl_table_select_id(struct gl_table *t, int64_t id);
/* Scrolls the view by delta rows (mouse wheel), dragging the cursor along when needed. */
void gl_table_scroll(struct gl_table *t, int64_t delta);

/* ---- Layout: where each column goes in a given width (curses-free, so tested alone) ---- */

struct gl_table_layout {
	int ncols;
	int *x, *w;        /* per column: offset and width; w 0 when not shown */
	bool *shown;
	bool *hidden;      /* per column: given way to the others (hide rank), never scrolled to */
	int nhidden;
	bool more_left;    /* columns cut off between the frozen ones and the first shown */
	bool more_right;   /* columns cut off at the right edge */
	int marker_left_x; /* where '‹' goes when more_left */
};

/* Fits the columns into width: flex columns share what is left over; when the minimum widths
 * do not fit (and without a column cursor), flex columns shrink to what they keep, the columns
 * that may hide give way by rank, flex columns shrink further, and what still does not fit
 * scrolls sideways behind the frozen columns, keeping the column cursor in view; one column
 * at each cut edge is left for a marker. Updates t->left, t->more_left, t->more_right and
 * t->hidden. */
enum gl_status gl_table_layout(struct gl_table *t, int width, struct gl_table_layout *L);
void gl_table_layout_finish(struct gl_table_layout *L);

#endif
