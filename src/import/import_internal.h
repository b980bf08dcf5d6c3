/* Private to the importers: the text reader (encodings, line ends), the streaming CSV reader
 * and the small parsers they share. Unit tests include it to test these parts alone. */
#ifndef GENOMLYS_IMPORT_INTERNAL_H
#define GENOMLYS_IMPORT_INTERNAL_H

#include <iconv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "genomlys/clean.h"
#include "genomlys/import.h"
#include "genomlys/status.h"
#include "genomlys/str.h"
#include "genomlys/utf8.h"

/* ---- Text: encodings and line ends ---- */

enum text_encoding {
	TEXT_UTF8,        /* plain UTF-8 (ASCII included) */
	TEXT_UTF8_BOM,    /* UTF-8 after a byte order mark */
	TEXT_UTF16LE,
	TEXT_UTF16BE,
	TEXT_CP1252,      /* not valid UTF-8: the usual Swedish Windows files */
};

/* The bytes read and decoded per step: text streams through in pieces of this size. */
#define TEXT_CHUNK 65536

/* Recognises a byte order mark at the start of p; *bom_len is its length (0: none, and then
 * TEXT_UTF8 is returned as a placeholder). */
enum text_encoding text_detect_bom(const unsigned char *p, size_t n, size_t *bom_len);
const char *text_encoding_name(enum text_encoding enc);

/* Turns CRLF and lone CR into LF across pieces: pending_cr remembers a CR that ended the last
 * piece, so that an LF starting the next one is dropped. */
struct text_lines {
	bool pending_cr;
};
/* Appends in[0..n) to out with line ends normalised; counts the LFs written into *lines (when
 * lines is not NULL). */
enum gl_status text_lines_normalise(struct text_lines *tl, const char *in, size_t n,
	struct gl_str *out, long *lines);

/* Reads a file as UTF-8 with LF line ends, a piece at a time. Opening decides the encoding: a
 * BOM names it; otherwise a first pass over the file checks whether it is valid UTF-8 (else it
 * is Windows-1252) and refuses NUL bytes. */
struct text_reader {
	FILE *fp;
	const char *name;      /* the file as named in messages */
	enum text_encoding enc;
	iconv_t cd;            /* (iconv_t)-1 for UTF-8 */
	char *raw;             /* TEXT_CHUNK bytes */
	size_t raw_len;        /* undecoded bytes kept from the last read */
	bool eof;
	long line;             /* the line being decoded, for messages */
	struct text_lines lines;
	struct gl_str decoded; /* scratch */
};

enum gl_status text_reader_open(struct text_reader *r, FILE *fp, const char *name,
	struct gl_error *err);
/* Replaces out's content with the next piece of text; out->len == 0 at the end. */
enum gl_status text_reader_read(struct text_reader *r, struct gl_str *out, struct gl_error *err);
void text_reader_finish(struct text_reader *r);

/* Reads a whole file (a letter) into out: UTF-8, LF line ends; not yet cleaned or NFC. */
enum gl_status text_read_file(const char *path, const char *name, struct gl_str *out,
	enum text_encoding *enc, struct gl_error *err);

/* The same for a letter file, in one pass over its text in the usual case (UTF-8, with or
 * without a BOM): the file is read once, its line ends normalised in place, and one
 * gl_utf8_scan validates, counts and classifies it; *info (with *have_info true) is that scan's
 * result for out, so that the importer need not scan it again. A UTF-16 BOM, invalid UTF-8
 * (Windows-1252) or a NUL byte fall back to text_read_file, whose messages and conversion are
 * the ones of every text file (*have_info false then). */
enum gl_status text_read_letter(const char *path, const char *name, struct gl_str *out,
	enum text_encoding *enc, struct gl_utf8_info *info, bool *have_info, struct gl_error *err);

/* Copies in to out without control characters other than tab and newline (C0, DEL, C1; and
 * with GL_CLEAN_BIDI the bidi controls) and without terminal escape sequences, whole:
 * gl_clean_strip_count of <genomlys/clean.h>, the one function that the command line's names
 * use too. *removed (may be NULL) counts them. */
enum gl_status text_remove_controls(const char *in, size_t n, unsigned flags, struct gl_str *out,
	struct gl_clean_count *removed);

/* NFC-normalises in into out (replacing it) a piece at a time, so that a 50 MB letter does not
 * need several times its size at once; *changed tells whether anything changed. */
enum gl_status text_nfc(const char *in, size_t n, struct gl_str *out, bool *changed);

/* The whole treatment of a field or letter: controls removed (bidi controls too in a field,
 * not in a letter, which keep_leading marks), NFC, surrounding whitespace trimmed (trailing
 * only when keep_leading). Adds to *removed and sets *changed when NFC changed something. */
enum gl_status text_clean(const char *in, size_t n, bool keep_leading, struct gl_str *out,
	struct gl_str *scratch, struct gl_clean_count *removed, bool *changed);

/* The same for a text the caller gives up: in is cleaned in place and freed once normalised,
 * so that a big letter is held twice at most. */
enum gl_status text_clean_owned(struct gl_str *in, bool keep_leading, struct gl_str *out,
	struct gl_clean_count *removed, bool *changed);

/* True when s has nothing but spaces, tabs and newlines. */
bool text_is_blank(const char *s, size_t n);

/* A decimal number with a comma or a point ("7,9", "-0.5", "58"); false when s is not one.
 * Independent of the locale. */
bool text_parse_decimal(const char *s, double *out);
/* A whole number in [min, max]. */
bool text_parse_int(const char *s, long long min, long long max, long long *out);

/* ---- CSV ---- */

/* The delimiter a header line uses: the most frequent of ',' ';' and tab outside quotes
 * (',' when there is none). */
char csv_detect_delimiter(const char *line, size_t n);

/* Fields are limited so that a malformed file cannot make the reader allocate without end. */
#define CSV_MAX_FIELDS 256

struct csv_row {
	size_t n;                  /* number of fields */
	const struct gl_str *f;    /* the fields, UTF-8 with LF line ends, not yet cleaned */
	long line;                 /* the physical line where the record starts */
};

/* Returns GL_OK to go on; an error (with err set, file and line included) stops the read. */
typedef enum gl_status (*csv_row_fn)(void *ctx, const struct csv_row *row, struct gl_error *err);

struct csv_info {
	enum text_encoding enc;
	char delimiter;
	long records;      /* non-blank records handed to fn, the header included */
};

/* Streams a CSV file through fn, one record at a time, with libcsv: blank records are
 * skipped; quoted fields may hold delimiters, quotes ("") and newlines. name is the file in
 * messages. */
enum gl_status csv_read(FILE *fp, const char *name, csv_row_fn fn, void *ctx,
	struct csv_info *info, struct gl_error *err);
/* csv_read of the file at path ("cannot open the file", GL_EIO, when it cannot be opened). */
enum gl_status csv_read_path(const char *path, csv_row_fn fn, void *ctx, struct gl_error *err);

/* One expected column: its names (English first, then Swedish aliases; NULL-terminated). */
struct csv_column {
	const char *names[6];
	bool required;
};
/* Maps a header row onto cols: index[i] is the field of cols[i], or -1 when absent. A missing
 * required column or a column named twice is an error at the header's line. */
enum gl_status csv_map_header(const struct csv_row *header, const char *name,
	const struct csv_column *cols, size_t ncols, int *index, struct gl_error *err);
/* The field at index (an empty string when index < 0 or past the row's end). */
const struct gl_str *csv_field(const struct csv_row *row, int index);
/* Checks that row has as many fields as the header (trailing empty fields aside). */
enum gl_status csv_check_width(const struct csv_row *row, size_t width, const char *name,
	struct gl_error *err);

/* The start of every row of a simple CSV table (survey results, codebooks): the first row maps
 * the header (*is_header set); later rows are counted, checked for width, and each expected
 * column is cleaned into f[i] (scratch is working space). */
struct csv_table {
	const char *name;
	const struct csv_column *cols;
	size_t ncols;
	int *idx;           /* ncols entries */
	size_t width;
	long header_line;   /* 0 until the header is read */
	long rows;
};
enum gl_status csv_table_row(struct csv_table *t, const struct csv_row *row, struct gl_str *f,
	struct gl_str *scratch, bool *is_header, struct gl_error *err);

/* ---- Shared by the importers ---- */

/* Re-sets err's current message with file and line (line 0: none); returns st. */
enum gl_status import_error_at(struct gl_error *err, enum gl_status st, const char *file,
	long line);

/* A small set of row ids (schools seen), kept sorted. */
struct id_set {
	int64_t *ids;
	size_t n, cap;
};
enum gl_status id_set_add(struct id_set *set, int64_t id, bool *added);
void id_set_finish(struct id_set *set);

/* Keys (bytes) seen in one import and a number for each: the ids of the schools and groups the
 * store gave (a region's 100,000 letters name 500 schools, and asking the store for each
 * letter's was 3% of the import), the line a survey result was first listed on. */
struct key_ids {
	struct key_id { char *key; size_t len; int64_t id; } *slots;  /* open addressing; key NULL: free */
	size_t n, cap;  /* cap: a power of two, at least twice n */
};
bool key_ids_get(const struct key_ids *m, const char *key, size_t len, int64_t *id);
enum gl_status key_ids_put(struct key_ids *m, const char *key, size_t len, int64_t id);
void key_ids_finish(struct key_ids *m);

/* The file's name without its folders (for document sources). */
const char *import_basename(const char *path);
/* True when path ends in ext, ignoring case (".txt"). */
bool import_has_ext(const char *path, const char *ext);

/* Importing from an open stream; fmemopen() lets the fuzzers and tests use memory. */
enum gl_status import_letters_csv_stream(const struct gl_import_sink *k, FILE *fp,
	const char *name, const char *source, const struct gl_import_options *o,
	struct gl_import_summary *sum, struct gl_error *err);
enum gl_status import_survey_stream(const struct gl_import_sink *k, FILE *fp, const char *name,
	struct gl_import_summary *sum, struct gl_error *err);
enum gl_status import_codebook_stream(const struct gl_import_sink *k, FILE *fp,
	const char *name, struct gl_import_summary *sum, struct gl_error *err);

/* The demo's codings and classifications from path (fixtures/demo/codings.csv), inside the
 * caller's transaction; errors name the file and line. */
/* The demo's findings and their evidence (fixtures/demo/findings.csv; demo_findings.c). */
enum gl_status demo_findings(struct gl_store *s, const char *path, struct gl_import_summary *sum,
	struct gl_error *err);
enum gl_status demo_codings(struct gl_store *s, const char *path, struct gl_import_summary *sum,
	struct gl_error *err);
/* The demo's workshop ranking (rounds.csv, ballots.csv, workshop.csv in dir): demo_ranking.c. */
enum gl_status demo_ranking(struct gl_store *s, const char *dir, struct gl_error *err);

#endif
