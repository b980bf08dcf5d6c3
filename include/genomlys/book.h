/* A book of tables written as one .xlsx workbook (libxlsxwriter) or as one CSV file per sheet:
 * the one writer every exported table goes through, so that the safety rules hold everywhere.
 *
 * What it guarantees for every cell:
 * - text is written as text, never as a formula (a letter beginning with "=HYPERLINK(" stays
 *   text); in CSV a text beginning with = + - @ tab or CR gets a leading apostrophe, so that a
 *   spreadsheet does not evaluate it;
 * - only valid UTF-8 reaches the library (a bad byte becomes U+FFFD), without control
 *   characters that XML cannot carry;
 * - text longer than Excel's 32,767 characters is cut and ends with a visible marker;
 * - numbers are written as numbers.
 * Sheet names are made valid (at most 31 characters, none of [ ] : * ? / \, no leading or
 * trailing apostrophe) and unique even where they differ only in the case of Å, Ä, Ö
 * (libxlsxwriter compares ASCII case only). Formats are created once, when the book is opened.
 * Column widths come from the display width of what was written (libxlsxwriter 1.1 has no
 * autofit). The file is written through <genomlys/outfile.h>: to a temporary file beside the
 * target, renamed into place by gl_book_close, 0600, never onto the project. */
#ifndef GENOMLYS_BOOK_H
#define GENOMLYS_BOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "genomlys/status.h"
#include "genomlys/str.h"

/* Excel's limit on a cell's text, in UTF-16 units. */
#define GL_BOOK_CELL_MAX 32767
/* Excel's limit on a sheet name, in characters. */
#define GL_BOOK_SHEET_NAME_MAX 31

enum gl_book_style {
	GL_BOOK_PLAIN,
	GL_BOOK_BOLD,
	GL_BOOK_TITLE,     /* a sheet's title: large and bold */
	GL_BOOK_HEADING,   /* a table's header row: bold, filled, wrapped */
	GL_BOOK_WRAP,      /* long text (quotes, descriptions): wrapped, top-aligned */
	GL_BOOK_DECIMAL,   /* a number shown with two decimals */
	GL_BOOK_LOW,       /* a number below the threshold: highlighted, two decimals */
	GL_BOOK_PERCENT,   /* a fraction shown as a percentage */
	GL_BOOK_LINK,      /* a link to another sheet */
	GL_BOOK_VALUE,     /* a survey value or municipal mean: one decimal, as the interface */
	GL_BOOK_VALUE_LOW, /* the same below the threshold: highlighted */
	GL_BOOK_NSTYLES
};

enum gl_book_kind { GL_BOOK_XLSX, GL_BOOK_CSV };

struct gl_book_options {
	enum gl_book_kind kind;
	const char *project;      /* the open project's file, never written over; may be NULL */
	bool force;               /* replace existing files */
	const char *title;        /* the workbook's title property and the pages' footer */
	time_t created;           /* the workbook's creation date (0: now) */
	bool constant_memory;     /* xlsx: rows are flushed as they are written */
	char sep;                 /* CSV: ';' (default when 0), ',' or '\t' */
	bool quiet;               /* the library's messages on stderr are caught, never shown (a
	                           * curses screen is on); they end up in an error's message */
	const char *cut_marker;   /* ends a text cut at GL_BOOK_CELL_MAX, in the book's language
	                           * (NULL: the interface's, as gl_book_cell_text) */
};

struct gl_book;

/* Opens a book at path: the .xlsx file, or the folder of the CSV files (created, 0700, when
 * it does not exist). GL_EEXIST when the xlsx file exists and force is not set, GL_EINVAL
 * when it is the project. */
enum gl_status gl_book_open(const char *path, const struct gl_book_options *o,
	struct gl_book **out, struct gl_error *err);

/* Adds a sheet (xlsx) or a file (CSV: "NN-name.csv" in the folder, NN its position) named
 * after name, made valid and unique; *index (may be NULL) is its number for gl_book_select.
 * Every sheet is added before the first is written to. In CSV the files are checked here
 * (an existing one is GL_EEXIST without force). */
enum gl_status gl_book_add(struct gl_book *b, const char *name, int *index, struct gl_error *err);
/* The name a sheet was given (valid until the book is closed). */
const char *gl_book_sheet_name(const struct gl_book *b, int index);

/* Makes a sheet the one written to, at its first row. Each sheet is selected once, in any
 * order; in CSV its file is written when the next is selected or the book closed. */
enum gl_status gl_book_select(struct gl_book *b, int index, struct gl_error *err);

/* Cells of the current row. text may be NULL (an empty cell); len is its length in bytes
 * (SIZE_MAX: up to the NUL). */
enum gl_status gl_book_text(struct gl_book *b, int col, const char *text, size_t len,
	enum gl_book_style style, struct gl_error *err);
enum gl_status gl_book_number(struct gl_book *b, int col, double value,
	enum gl_book_style style, struct gl_error *err);
/* A link to the first cell of another sheet (xlsx), its text only in CSV. */
enum gl_status gl_book_link(struct gl_book *b, int col, int sheet, const char *text,
	struct gl_error *err);
/* Ends the current row; the next cells go to the row below. */
enum gl_status gl_book_next(struct gl_book *b, struct gl_error *err);
/* The current row (0-based) of the current sheet. */
uint32_t gl_book_row(const struct gl_book *b);

/* Writes a row of headings as a table's header at the current row and ends the row. With
 * filter, and when it is the sheet's first such header, the rows above it and it are frozen,
 * it is repeated on every printed page, and it carries the autofilter over the table's columns
 * down to the sheet's last row (so nothing but the table goes below it). */
enum gl_status gl_book_header(struct gl_book *b, const char *const *headings, int n,
	bool filter, struct gl_error *err);
/* A title in the first column (GL_BOOK_TITLE) and the row ended. */
enum gl_status gl_book_title(struct gl_book *b, const char *text, struct gl_error *err);

/* xlsx only (nothing in CSV): a colour scale (low red, middle yellow, high green) over a
 * range of the current sheet. */
enum gl_status gl_book_color_scale(struct gl_book *b, uint32_t first_row, int first_col,
	uint32_t last_row, int last_col, struct gl_error *err);
/* xlsx only: a bar chart of values in one column with categories in another (rows
 * first_row..last_row of the current sheet), placed at (at_row, at_col). */
enum gl_status gl_book_bar_chart(struct gl_book *b, const char *title, int cat_col,
	int val_col, uint32_t first_row, uint32_t last_row, uint32_t at_row, int at_col,
	struct gl_error *err);

/* Finishes the last sheet, writes the workbook and renames it (or the CSV files) into place.
 * Frees b in every case; on failure no target is replaced or left half-written. */
enum gl_status gl_book_close(struct gl_book *b, struct gl_error *err);
/* Removes whatever was written and frees b; NULL is a no-op. */
void gl_book_abort(struct gl_book *b);

/* ---- The pieces, exposed for their tests ---- */

/* Appends text as one CSV field (RFC 4180: quoted when it holds sep, a quote, CR or LF, or
 * begins or ends with a blank; quotes doubled), after the formula-injection guard. */
enum gl_status gl_csv_field(struct gl_str *out, const char *text, size_t len, char sep);
/* Text as it may reach a cell: invalid UTF-8 bytes as U+FFFD, controls other than tab and
 * newline removed, cut to GL_BOOK_CELL_MAX UTF-16 units with a marker. out is replaced;
 * *changed says whether it differs from the input. */
enum gl_status gl_book_cell_text(const char *text, size_t len, struct gl_str *out,
	bool *changed);
/* True when text would be read as a formula by a spreadsheet (= + - @ tab CR first). */
bool gl_book_formula_like(const char *text, size_t len);
/* A valid sheet name from wanted: forbidden characters as '-', cut to 31 characters. */
enum gl_status gl_book_sheet_name_clean(const char *wanted, struct gl_str *out);

#endif
