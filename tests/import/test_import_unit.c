/* Unit tests of the importers' parts: encodings, line ends, control characters, NFC in pieces,
 * CSV delimiters and line numbers, decimal commas, the sink and the summaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "genomlys/import.h"
#include "genomlys/utf8.h"
#include "import_internal.h"

/* ---- Helpers ---- */

/* Reads all of data through the text reader; returns its status. */
static enum gl_status read_all(const char *data, size_t len, struct gl_str *out,
	enum text_encoding *enc, struct gl_error *err)
{
	FILE *fp = fmemopen((void *)data, len, "rb");
	assert_non_null(fp);
	struct text_reader r;
	struct gl_str piece = GL_STR_INIT;
	gl_str_clear(out);
	enum gl_status st = text_reader_open(&r, fp, "mem.txt", err);
	while (st == GL_OK) {
		st = text_reader_read(&r, &piece, err);
		if (st != GL_OK || piece.len == 0)
			break;
		gl_str_append(out, piece.buf, piece.len);
	}
	if (enc)
		*enc = r.enc;
	text_reader_finish(&r);
	gl_str_finish(&piece);
	fclose(fp);
	return st;
}

/* The same through a pipe (a file that cannot be read twice): a child writes data into it. */
static enum gl_status read_piped(const char *data, size_t len, struct gl_error *err)
{
	int fd[2];
	assert_int_equal(pipe(fd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fd[0]);
		size_t done = 0;
		while (done < len) {
			ssize_t k = write(fd[1], data + done, len - done);
			if (k <= 0)
				_exit(1);
			done += (size_t)k;
		}
		_exit(0);
	}
	close(fd[1]);
	FILE *fp = fdopen(fd[0], "rb");
	assert_non_null(fp);
	struct text_reader r;
	enum gl_status st = text_reader_open(&r, fp, "pipe.txt", err);
	text_reader_finish(&r);
	fclose(fp);  /* the child may still be writing: it gets EPIPE and ends */
	waitpid(pid, NULL, 0);
	return st;
}

/* ---- Encodings ---- */

static void test_bom(void **state)
{
	(void)state;
	size_t n;
	assert_int_equal(text_detect_bom((const unsigned char *)"\xEF\xBB\xBFx", 4, &n),
		TEXT_UTF8_BOM);
	assert_int_equal(n, 3);
	assert_int_equal(text_detect_bom((const unsigned char *)"\xFF\xFEx\0", 4, &n), TEXT_UTF16LE);
	assert_int_equal(n, 2);
	assert_int_equal(text_detect_bom((const unsigned char *)"\xFE\xFF\0x", 4, &n), TEXT_UTF16BE);
	assert_int_equal(n, 2);
	assert_int_equal(text_detect_bom((const unsigned char *)"ab", 2, &n), TEXT_UTF8);
	assert_int_equal(n, 0);
	assert_int_equal(text_detect_bom((const unsigned char *)"\xEF\xBB", 2, &n), TEXT_UTF8);
}

static void test_decode_utf8_and_bom(void **state)
{
	(void)state;
	struct gl_str out = GL_STR_INIT;
	struct gl_error err = { 0 };
	enum text_encoding enc;
	assert_int_equal(read_all("får\r\nfar\n", 10, &out, &enc, &err), GL_OK);
	assert_int_equal(enc, TEXT_UTF8);
	assert_string_equal(out.buf, "får\nfar\n");
	assert_int_equal(read_all("\xEF\xBB\xBFhej", 6, &out, &enc, &err), GL_OK);
	assert_int_equal(enc, TEXT_UTF8_BOM);
	assert_string_equal(out.buf, "hej");
	/* A BOM, then Windows-1252: refused, with the line. */
	assert_int_equal(read_all("\xEF\xBB\xBFok\nf\xE5r\n", 10, &out, &enc, &err), GL_EENCODING);
	assert_int_equal(err.line, 2);
	gl_str_finish(&out);
}

static void test_decode_cp1252(void **state)
{
	(void)state;
	struct gl_str out = GL_STR_INIT;
	struct gl_error err = { 0 };
	enum text_encoding enc;
	/* å ä ö € and curly quotes, with CRLF: the usual Swedish Windows file. */
	const char in[] = "V\xE5r skola \xE4r \xF6ppen \x80 \x93ja\x94\r\nRad tv\xE5\r\n";
	assert_int_equal(read_all(in, sizeof in - 1, &out, &enc, &err), GL_OK);
	assert_int_equal(enc, TEXT_CP1252);
	assert_string_equal(out.buf, "Vår skola är öppen € “ja”\nRad två\n");
	/* 0x81 is undefined in Windows-1252: neither encoding, so refused with its line. */
	assert_int_equal(read_all("ok\nx\x81y", 6, &out, &enc, &err), GL_EENCODING);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.message, "Windows-1252"));
	gl_str_finish(&out);
}

static void test_decode_utf16(void **state)
{
	(void)state;
	struct gl_str out = GL_STR_INIT;
	struct gl_error err = { 0 };
	enum text_encoding enc;
	const char le[] = "\xFF\xFE" "f\0\xE5\0r\0\r\0\n\0\x14\x20";  /* "får\r\n—" */
	assert_int_equal(read_all(le, sizeof le - 1, &out, &enc, &err), GL_OK);
	assert_int_equal(enc, TEXT_UTF16LE);
	assert_string_equal(out.buf, "får\n—");
	const char be[] = "\xFE\xFF" "\0f\0\xE5\0r\0\r";
	assert_int_equal(read_all(be, sizeof be - 1, &out, &enc, &err), GL_OK);
	assert_int_equal(enc, TEXT_UTF16BE);
	assert_string_equal(out.buf, "får\n");
	/* An odd number of bytes: cut short. */
	assert_int_equal(read_all("\xFF\xFE" "a\0b", 5, &out, &enc, &err), GL_EENCODING);
	assert_string_equal(err.file, "mem.txt");
	assert_int_equal(err.line, 0);
	/* A lone surrogate. */
	assert_int_equal(read_all("\xFF\xFE" "a\0\n\0\x00\xD8" "b\0", 10, &out, &enc, &err),
		GL_EENCODING);
	assert_int_equal(err.line, 2);
	/* A NUL character in UTF-16 is as binary as a NUL byte elsewhere. */
	assert_int_equal(read_all("\xFF\xFE" "a\0\0\0", 6, &out, &enc, &err), GL_EFORMAT);
	gl_str_finish(&out);
}

static void test_refuse_binary_and_empty(void **state)
{
	(void)state;
	struct gl_str out = GL_STR_INIT;
	struct gl_error err = { 0 };
	assert_int_equal(read_all("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, &out, NULL, &err), GL_EFORMAT);
	assert_string_equal(err.message, "not a text file (contains NUL bytes)");
	FILE *fp = fopen("/dev/null", "rb");
	struct text_reader r;
	assert_int_equal(text_reader_open(&r, fp, "empty.txt", &err), GL_EFORMAT);
	assert_string_equal(err.message, "the file is empty");
	text_reader_finish(&r);
	fclose(fp);
	gl_str_finish(&out);
}

/* A letter file read in one pass (text_read_letter) gives what the two-pass reader gives:
 * the same text, encoding and message, and in the UTF-8 case the scan's info for it. */
static void check_letter_file(const char *data, size_t len, bool one_pass)
{
	char path[] = "/tmp/genomlys-letter-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *fp = fdopen(fd, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
	struct gl_str a = GL_STR_INIT, b = GL_STR_INIT;
	struct gl_error ea = { 0 }, eb = { 0 };
	enum text_encoding enc_a = TEXT_UTF8, enc_b = TEXT_UTF8;
	struct gl_utf8_info info;
	bool have = false;
	enum gl_status sa = text_read_letter(path, "brev.txt", &a, &enc_a, &info, &have, &ea);
	enum gl_status sb = text_read_file(path, "brev.txt", &b, &enc_b, &eb);
	unlink(path);
	assert_int_equal(sa, sb);
	assert_string_equal(ea.message, eb.message);
	assert_int_equal(ea.line, eb.line);
	if (sa == GL_OK) {
		assert_int_equal(enc_a, enc_b);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.buf, b.buf, a.len);
	}
	assert_int_equal(have, one_pass);
	if (have) {
		struct gl_utf8_info want;
		assert_true(gl_utf8_scan(b.buf, b.len, &want, NULL));
		assert_int_equal(info.count, want.count);
		assert_int_equal(info.nfc_quick, want.nfc_quick);
		assert_int_equal(info.controls, want.controls);
	}
	gl_str_finish(&a);
	gl_str_finish(&b);
}
#define CHECK_LETTER(data, one_pass) check_letter_file(data, sizeof data - 1, one_pass)

static void test_letter_one_pass(void **state)
{
	(void)state;
	/* UTF-8: one pass, CRLF, lone CR and a CR at the end become LF */
	CHECK_LETTER("Hej på er!\r\nRad två\rRad tre\r\n\r", true);
	CHECK_LETTER("\xEF\xBB\xBFMed BOM: åäö\r\n", true);
	CHECK_LETTER("NFD: a\xcc\x8a, \x1b[2J en sekvens\n", true);
	CHECK_LETTER("\xEF\xBB\xBF", true);  /* only a BOM: an empty text, refused later */
	/* the rest falls back, with the same outcome */
	CHECK_LETTER("Windows-1252: \xe5\xe4\xf6\r\n", false);
	CHECK_LETTER("\xFF\xFEH\0e\0j\0\r\0\n\0", false);
	CHECK_LETTER("NUL\0byte", false);
	CHECK_LETTER("\xEF\xBB\xBFrad 1\r\nrad 2 \xe5\n", false);  /* BOM, then not UTF-8: line 2 */
	CHECK_LETTER("odefinierad \x81 byte\n", false);
	CHECK_LETTER("", false);
	/* more than one read */
	size_t n = 3 * TEXT_CHUNK + 7;
	char *big = malloc(n + 1);
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = "ab\r\n"[i % 4];
	big[n] = '\0';
	check_letter_file(big, n, true);
	free(big);
}

/* Long input crosses the reader's pieces: CRLF and multibyte characters split between two. */
static void test_decode_across_pieces(void **state)
{
	(void)state;
	size_t n = TEXT_CHUNK * 3 + 7;
	char *in = malloc(n);
	struct gl_str expect = GL_STR_INIT, out = GL_STR_INIT;
	struct gl_error err = { 0 };
	for (size_t i = 0; i < n; i++)
		in[i] = (i % 7 == 5) ? '\r' : (i % 7 == 6) ? '\n' : 'a' + (char)(i % 5);
	in[TEXT_CHUNK - 1] = '\r';  /* a CRLF split exactly at the piece boundary */
	in[TEXT_CHUNK] = '\n';
	in[n - 3] = (char)0xE5;     /* Windows-1252: one å near the end */
	for (size_t i = 0; i < n; i++) {
		if (in[i] == '\r' && i + 1 < n && in[i + 1] == '\n')
			continue;
		if (in[i] == '\r')
			gl_str_putc(&expect, '\n');
		else if (in[i] == (char)0xE5)
			gl_str_puts(&expect, "å");
		else
			gl_str_putc(&expect, in[i]);
	}
	enum text_encoding enc;
	assert_int_equal(read_all(in, n, &out, &enc, &err), GL_OK);
	assert_int_equal(enc, TEXT_CP1252);
	assert_int_equal(out.len, expect.len);
	assert_memory_equal(out.buf, expect.buf, out.len);
	free(in);
	gl_str_finish(&expect);
	gl_str_finish(&out);
}

/* The first pass checks ASCII eight bytes at a time and counts lines only for a message: a
 * NUL, a byte that is not UTF-8 and a cut character far into a file, after a BOM, are still
 * found, with the right line. */
static void test_scan_far_into_file(void **state)
{
	(void)state;
	size_t n = TEXT_CHUNK * 3 + 11;
	char *in = malloc(n);
	assert_non_null(in);
	struct gl_str out = GL_STR_INIT;
	struct gl_error err = { 0 };
	enum text_encoding enc;
	memcpy(in, "\xEF\xBB\xBF", 3);
	for (size_t i = 3; i < n; i++)
		in[i] = i % 61 == 60 ? '\n' : i % 97 == 96 ? '\r' : 'a' + (char)(i % 23);
	size_t at = TEXT_CHUNK * 2 + 4001;
	long line = 1;
	for (size_t i = 0; i < at; i++)
		line += in[i] == '\r' || (in[i] == '\n' && (i == 0 || in[i - 1] != '\r'));
	assert_int_equal(read_all(in, n, &out, &enc, &err), GL_OK);
	assert_int_equal(enc, TEXT_UTF8_BOM);
	in[at] = (char)0xE5;  /* Windows-1252 å after a UTF-8 BOM */
	assert_int_equal(read_all(in, n, &out, &enc, &err), GL_EENCODING);
	assert_int_equal(err.line, line);
	/* the line is known without reading the file again: so also from a pipe */
	signal(SIGPIPE, SIG_IGN);
	memset(&err, 0, sizeof err);
	assert_int_equal(read_piped(in, n, &err), GL_EENCODING);
	assert_int_equal(err.line, line);
	in[at] = '\0';
	assert_int_equal(read_all(in, n, &out, &enc, &err), GL_EFORMAT);
	assert_non_null(strstr(err.message, "NUL"));
	in[at] = 'a';
	in[n - 1] = (char)0xC3;  /* the first byte of å, and then the end */
	long last = 1;
	for (size_t i = 0; i < n; i++)
		last += in[i] == '\r' || (in[i] == '\n' && (i == 0 || in[i - 1] != '\r'));
	assert_int_equal(read_all(in, n, &out, &enc, &err), GL_EENCODING);
	assert_int_equal(err.line, last);
	/* without the BOM the same file is Windows-1252, decided on its last byte */
	in[0] = in[1] = in[2] = 'x';
	assert_int_equal(read_all(in, n, &out, &enc, &err), GL_OK);
	assert_int_equal(enc, TEXT_CP1252);
	free(in);
	gl_str_finish(&out);
}

/* The keys an import has met (names of schools): found again after the table grows, and
 * only those. */
static void test_key_ids(void **state)
{
	(void)state;
	struct key_ids m = { 0 };
	int64_t id = -1;
	assert_false(key_ids_get(&m, "Björkskolan", strlen("Björkskolan"), &id));
	char name[64];
	for (int i = 0; i < 500; i++) {
		snprintf(name, sizeof name, "Skola %d i Åby", i);
		assert_int_equal(key_ids_put(&m, name, strlen(name), 1000 + i), GL_OK);
	}
	assert_int_equal(key_ids_put(&m, "Björkskolan", strlen("Björkskolan"), 7), GL_OK);
	/* a spelling of its own */
	assert_int_equal(key_ids_put(&m, "björkskolan", strlen("björkskolan"), 7), GL_OK);
	assert_int_equal(m.n, 502);
	for (int i = 0; i < 500; i++) {
		snprintf(name, sizeof name, "Skola %d i Åby", i);
		assert_true(key_ids_get(&m, name, strlen(name), &id));
		assert_int_equal(id, 1000 + i);
	}
	assert_true(key_ids_get(&m, "Björkskolan", strlen("Björkskolan"), &id));
	assert_int_equal(id, 7);
	assert_false(key_ids_get(&m, "Björkskolan ", strlen("Björkskolan "), &id));
	assert_false(key_ids_get(&m, "Skola 500 i Åby", strlen("Skola 500 i Åby"), &id));
	key_ids_finish(&m);
	assert_false(key_ids_get(&m, "Björkskolan", strlen("Björkskolan"), &id));
}

static void test_line_ends(void **state)
{
	(void)state;
	struct text_lines tl = { false };
	struct gl_str out = GL_STR_INIT;
	long lines = 0;
	text_lines_normalise(&tl, "a\r", 2, &out, &lines);
	text_lines_normalise(&tl, "\nb\rc\r\r\nd\n", 9, &out, &lines);
	assert_string_equal(out.buf, "a\nb\nc\n\nd\n");
	assert_int_equal(lines, 5);
	/* without a count, and a CR that ends one piece before an empty one */
	struct text_lines tl2 = { false };
	gl_str_clear(&out);
	text_lines_normalise(&tl2, "x\r\r", 3, &out, NULL);
	text_lines_normalise(&tl2, "", 0, &out, NULL);
	text_lines_normalise(&tl2, "\ny\r\n", 4, &out, NULL);
	assert_string_equal(out.buf, "x\n\ny\n");
	gl_str_finish(&out);
}

static void test_controls(void **state)
{
	(void)state;
	struct gl_str out = GL_STR_INIT;
	struct gl_clean_count removed = { 0, 0 };
	const char in[] = "a\fb\x07 \x1b[0m\tc\nd\x7f\xc2\x85\xc2\xa0é";
	assert_int_equal(text_remove_controls(in, sizeof in - 1, 0, &out, &removed), GL_OK);
	/* tab and newline stay, and so does U+00A0 (no-break space: not a control); the escape
	 * sequence goes whole. */
	assert_string_equal(out.buf, "ab \tc\nd\xc2\xa0é");
	assert_int_equal(removed.controls, 4);
	assert_int_equal(removed.sequences, 1);
	gl_str_finish(&out);
}

static void test_nfc_in_pieces(void **state)
{
	(void)state;
	/* More than one piece of decomposed text: the same as normalising it at once. */
	struct gl_str in = GL_STR_INIT, whole = GL_STR_INIT, pieces = GL_STR_INIT;
	while (in.len < 3 * 1024 * 1024)
		gl_str_puts(&in, "Ska\xcc\x8ane och a\xcc\x88ven pa\xcc\x8a o\xcc\x88n. ");
	bool changed = false;
	assert_int_equal(gl_utf8_nfc(in.buf, in.len, &whole, NULL), GL_OK);
	assert_int_equal(text_nfc(in.buf, in.len, &pieces, &changed), GL_OK);
	assert_true(changed);
	assert_int_equal(whole.len, pieces.len);
	assert_memory_equal(whole.buf, pieces.buf, whole.len);
	assert_int_equal(text_nfc("abc", 3, &pieces, &changed), GL_OK);
	assert_false(changed);
	/* Latin-1 and Latin Extended take the fast path and stay as they are. */
	assert_int_equal(text_nfc("Vår ö ß Łódź", strlen("Vår ö ß Łódź"), &pieces, &changed), GL_OK);
	assert_false(changed);
	assert_string_equal(pieces.buf, "Vår ö ß Łódź");
	/* U+212B ANGSTROM SIGN is NFC-normalised to U+00C5. */
	assert_int_equal(text_nfc("\xe2\x84\xab", 3, &pieces, &changed), GL_OK);
	assert_true(changed);
	assert_string_equal(pieces.buf, "Å");
	gl_str_finish(&in);
	gl_str_finish(&whole);
	gl_str_finish(&pieces);
}

static void test_clean(void **state)
{
	(void)state;
	struct gl_str out = GL_STR_INIT, scratch = GL_STR_INIT;
	struct gl_clean_count removed = { 0, 0 };
	bool changed = false;
	assert_int_equal(text_clean("  Ska\xcc\x8ane \x07 \n\n", 14, true, &out, &scratch, &removed,
		&changed), GL_OK);
	assert_string_equal(out.buf, "  Skåne");
	assert_int_equal(removed.controls, 1);
	assert_true(changed);
	assert_int_equal(text_clean(" \tNorr skolan \n", 15, false, &out, &scratch, NULL, NULL),
		GL_OK);
	assert_string_equal(out.buf, "Norr skolan");
	struct gl_str owned = GL_STR_INIT;
	gl_str_puts(&owned, "Ska\xcc\x8ane\x07\xc2\x85 \n\n");
	removed.controls = 0;
	assert_int_equal(text_clean_owned(&owned, true, &out, &removed, &changed), GL_OK);
	assert_string_equal(out.buf, "Skåne");
	assert_int_equal(removed.controls, 2);
	assert_null(owned.buf);  /* given up: freed */
	assert_true(text_is_blank(" \n\t", 3));
	assert_false(text_is_blank(" x", 2));
	gl_str_finish(&out);
	gl_str_finish(&scratch);
}

/* ---- Numbers ---- */

static void test_decimal(void **state)
{
	(void)state;
	double v;
	assert_true(text_parse_decimal("7,9", &v));
	assert_true(v == 7.9);
	assert_true(text_parse_decimal("7.9", &v));
	assert_true(v == 7.9);
	assert_true(text_parse_decimal(" 58 ", &v));
	assert_true(v == 58.0);
	assert_true(text_parse_decimal("-0,25", &v));
	assert_true(v == -0.25);
	assert_true(text_parse_decimal("\xe2\x88\x92" "3,5", &v));  /* U+2212 minus */
	assert_true(v == -3.5);
	assert_true(text_parse_decimal("0,05", &v));
	assert_true(v == 0.05);
	assert_true(text_parse_decimal(",5", &v));
	assert_true(v == 0.5);
	assert_true(text_parse_decimal("7.25", &v));
	assert_true(v == 7.25);
	assert_false(text_parse_decimal("sju", &v));
	assert_false(text_parse_decimal("", &v));
	assert_false(text_parse_decimal("7,", &v));
	assert_false(text_parse_decimal("1,2,3", &v));
	assert_false(text_parse_decimal("1.2e3", &v));
	assert_false(text_parse_decimal("12345678901234567890", &v));
	long long i;
	assert_true(text_parse_int("2015", 1900, 2200, &i));
	assert_int_equal(i, 2015);
	assert_false(text_parse_int("20x5", 1900, 2200, &i));
	assert_false(text_parse_int("1800", 1900, 2200, &i));
	assert_false(text_parse_int("99999999999999999999999", 0, INT64_MAX, &i));
	assert_false(text_parse_int("-1", 0, 100, &i));
}

/* ---- CSV ---- */

static void test_delimiter(void **state)
{
	(void)state;
	assert_int_equal(csv_detect_delimiter("school,group,text\n", 18), ',');
	assert_int_equal(csv_detect_delimiter("school;group;text\n", 18), ';');
	assert_int_equal(csv_detect_delimiter("school\tgroup\ttext", 17), '\t');
	/* Delimiters inside quotes do not count. */
	assert_int_equal(csv_detect_delimiter("\"a;b;c;d\",x,y\n", 14), ',');
	/* Only the first line decides. */
	assert_int_equal(csv_detect_delimiter("a;b\nc,d,e,f\n", 12), ';');
	assert_int_equal(csv_detect_delimiter("text", 4), ',');
}

struct rows {
	long lines[16];
	char first[16][64];
	size_t nfields[16];
	int n;
};

static enum gl_status collect_row(void *ctx, const struct csv_row *row, struct gl_error *err)
{
	(void)err;
	struct rows *r = ctx;
	if (r->n < 16) {
		r->lines[r->n] = row->line;
		snprintf(r->first[r->n], sizeof r->first[r->n], "%s", gl_str_cstr(&row->f[row->n - 1]));
		r->nfields[r->n] = row->n;
		r->n++;
	}
	return GL_OK;
}

static enum gl_status read_csv(const char *data, struct rows *rows, struct gl_error *err)
{
	memset(rows, 0, sizeof *rows);
	FILE *fp = fmemopen((void *)data, strlen(data), "rb");
	struct csv_info info;
	enum gl_status st = csv_read(fp, "t.csv", collect_row, rows, &info, err);
	fclose(fp);
	return st;
}

static void test_csv_lines(void **state)
{
	(void)state;
	struct rows r;
	struct gl_error err = { 0 };
	/* Blank lines, a quoted field over three lines with "" quotes, CRLF, and a record that
	 * starts after a line of spaces: each row reports the line it starts on. */
	const char *csv = "h1;h2\r\n\r\na;\"x\r\ny \"\"q\"\"\r\nz\"\r\n   \r\nb;c\r\n;\r\nd;e";
	assert_int_equal(read_csv(csv, &r, &err), GL_OK);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.lines[0], 1);
	assert_int_equal(r.lines[1], 3);
	assert_string_equal(r.first[1], "x\ny \"q\"\nz");
	assert_int_equal(r.lines[2], 7);
	assert_int_equal(r.lines[3], 9);  /* the ";" row on line 8 is blank and skipped */
	assert_string_equal(r.first[3], "e");
	/* CR-only line ends (old Mac) count as lines too. */
	assert_int_equal(read_csv("a,b\rc,d\r\re,f", &r, &err), GL_OK);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.lines[2], 4);
	/* Tab as delimiter keeps empty fields. */
	assert_int_equal(read_csv("a\tb\tc\nx\t\tz\n", &r, &err), GL_OK);
	assert_int_equal(r.nfields[1], 3);
}

static void test_csv_errors(void **state)
{
	(void)state;
	struct rows r;
	struct gl_error err = { 0 };
	assert_int_equal(read_csv("a,b\n1,2\n3,\"open\nstill open\n", &r, &err), GL_EFORMAT);
	assert_string_equal(err.message, "unterminated quoted field");
	assert_int_equal(err.line, 3);
	assert_int_equal(read_csv("a,b\n1,2\n3,4\"5\n", &r, &err), GL_EFORMAT);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.message, "quote inside a field"));
	assert_int_equal(read_csv("a,b\n\"x\ny\"z,1\n", &r, &err), GL_EFORMAT);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.message, "text after the closing quote of a field");
	assert_int_equal(read_csv("\n \n", &r, &err), GL_EFORMAT);
	assert_string_equal(err.message, "the file is empty");
}

/* ---- The sink, with a sink that keeps letters in memory ---- */

struct memory_sink {
	int letters;
	char schools[8][64];
	int nschools;
	char last_text[256];
	char last_source[64];
	char last_title[64];
};

static enum gl_status mem_school(void *ctx, const char *name, int64_t *id, struct gl_error *err)
{
	(void)err;
	struct memory_sink *m = ctx;
	for (int i = 0; i < m->nschools; i++) {
		if (!strcmp(m->schools[i], name)) {
			*id = i + 1;
			return GL_OK;
		}
	}
	snprintf(m->schools[m->nschools], 64, "%s", name);
	*id = ++m->nschools;
	return GL_OK;
}

static enum gl_status mem_group(void *ctx, const char *name, int64_t *id, struct gl_error *err)
{
	(void)ctx;
	if (strcmp(name, "elever") && strcmp(name, "lärare"))
		return gl_error_set(err, GL_ENOTFOUND, "unknown respondent group '%s'", name);
	*id = name[0] == 'e' ? 2 : 1;
	return GL_OK;
}

static enum gl_status mem_letter(void *ctx, const struct gl_document *d,
	enum gl_import_outcome *out, struct gl_error *err)
{
	(void)err;
	struct memory_sink *m = ctx;
	/* Same text as the last one: a duplicate, as the store would say. */
	*out = !strcmp(m->last_text, d->text) ? GL_IMPORT_DUPLICATE : GL_IMPORT_ADDED;
	snprintf(m->last_text, sizeof m->last_text, "%s", d->text);
	snprintf(m->last_source, sizeof m->last_source, "%s", d->source ? d->source : "");
	snprintf(m->last_title, sizeof m->last_title, "%s", d->title ? d->title : "(null)");
	m->letters++;
	return GL_OK;
}

static const struct gl_import_sink_ops mem_ops = { .school = mem_school, .group = mem_group,
	.letter = mem_letter };

static void test_sink_letters(void **state)
{
	(void)state;
	struct memory_sink m = { 0 };
	struct gl_import_sink k = { &mem_ops, &m };
	struct gl_import_summary sum = { 0 };
	struct gl_error err = { 0 };
	const char csv[] = "text;school;group;title\n"
		"\"Hej\x07 da\xcc\x8a\";Norr;elever;\n"
		"\"Hej da\xcc\x8a\";Norr;elever;T\n"
		"Ny;Syd;l\xc3\xa4rare;\n";
	assert_int_equal(gl_import_csv_memory(&k, GL_IMPORT_CSV_LETTERS, csv, sizeof csv - 1,
		"dir/brev.csv", NULL, &sum, &err), GL_OK);
	assert_int_equal(m.letters, 3);
	assert_int_equal(sum.letters, 2);
	assert_int_equal(sum.duplicates, 1);
	assert_int_equal(sum.schools, 2);
	assert_int_equal(sum.nfc_normalised, 1);
	assert_int_equal(sum.controls_removed, 1);
	assert_string_equal(m.last_text, "Ny");
	assert_string_equal(m.last_source, "brev.csv:4");
	assert_string_equal(m.last_title, "(null)");  /* an empty title is no title */
	const char bad[] = "school,group,text\nNorr,rektor2,Hej\n";
	assert_int_equal(gl_import_csv_memory(&k, GL_IMPORT_CSV_LETTERS, bad, sizeof bad - 1,
		"b.csv", NULL, &sum, &err), GL_ENOTFOUND);
	assert_string_equal(err.file, "b.csv");
	assert_int_equal(err.line, 2);
	assert_string_equal(err.message, "unknown respondent group 'rektor2'");
}

/* ---- Summaries ---- */

static void test_summaries(void **state)
{
	(void)state;
	struct gl_str s = GL_STR_INIT;
	struct gl_import_summary sum = { .letters = 42, .schools = 4, .from_cp1252 = 3,
		.nfc_normalised = 1, .duplicates = 2 };
	gl_import_summary_letters(&sum, &s);
	assert_string_equal(s.buf, "Imported 42 letters from 4 schools (3 converted from "
		"Windows-1252, 1 normalised from decomposed Unicode); 2 duplicates skipped.");
	sum = (struct gl_import_summary){ .letters = 1, .schools = 1, .controls_removed = 1,
		.controls_letters = 1, .duplicates = 1, .dry_run = true };
	gl_import_summary_letters(&sum, &s);
	assert_string_equal(s.buf, "Would import 1 letter from 1 school; 1 control character "
		"removed from 1 letter; 1 duplicate skipped.");
	sum = (struct gl_import_summary){ .letters = 5, .schools = 1, .controls_removed = 3,
		.controls_letters = 2, .bidi_kept = 2, .bidi_letters = 1 };
	gl_import_summary_letters(&sum, &s);
	assert_string_equal(s.buf, "Imported 5 letters from 1 school; 3 control characters "
		"removed from 2 letters; 2 bidirectional controls kept in 1 letter (shown as a "
		"placeholder).");
	sum = (struct gl_import_summary){ .duplicates = 3 };
	gl_import_summary_letters(&sum, &s);
	assert_string_equal(s.buf, "Imported 0 letters; 3 duplicates skipped.");
	sum = (struct gl_import_summary){ .results = 115, .result_schools = 5, .results_updated = 2,
		.results_unchanged = 113 };
	gl_import_summary_survey(&sum, &s);
	assert_string_equal(s.buf, "Imported 115 survey results for 5 schools (2 updated, 113 "
		"unchanged).");
	sum = (struct gl_import_summary){ .results = 115, .result_schools = 5, .results_updated = 2,
		.results_unchanged = 110, .dry_run = true };
	gl_import_summary_survey(&sum, &s);
	assert_string_equal(s.buf, "Would import 115 survey results for 5 schools (3 new, 2 would "
		"be updated, 110 unchanged).");
	/* nothing changed: not "imported" */
	sum = (struct gl_import_summary){ .results = 115, .result_schools = 5,
		.results_unchanged = 115 };
	gl_import_summary_survey(&sum, &s);
	assert_string_equal(s.buf, "Nothing new: 115 survey results for 5 schools were already "
		"there, unchanged.");
	sum.dry_run = true;
	gl_import_summary_survey(&sum, &s);
	assert_string_equal(s.buf, "Nothing would change: 115 survey results for 5 schools are "
		"already there, unchanged.");
	sum = (struct gl_import_summary){ .codes = 17, .categories = 4 };
	gl_import_summary_codebook(&sum, &s);
	assert_string_equal(s.buf, "Imported 17 codes in 4 categories.");
	sum.codes_updated = 1;
	sum.codes_unchanged = 20;
	gl_import_summary_codebook(&sum, &s);
	assert_string_equal(s.buf, "Imported 17 codes in 4 categories (1 updated, 20 unchanged).");
	sum.codes_updated = 0;
	sum.codes_unchanged = 21;
	gl_import_summary_codebook(&sum, &s);
	assert_string_equal(s.buf, "Nothing new: 17 codes in 4 categories were already there, "
		"unchanged.");
	sum = (struct gl_import_summary){ .categories = 1, .codes_unchanged = 1 };
	gl_import_summary_codebook(&sum, &s);
	assert_string_equal(s.buf, "Nothing new: 1 code was already there, unchanged.");
	gl_str_finish(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_decode_utf8_and_bom),
		cmocka_unit_test(test_scan_far_into_file),
		cmocka_unit_test(test_key_ids),
		cmocka_unit_test(test_decode_cp1252),
		cmocka_unit_test(test_decode_utf16),
		cmocka_unit_test(test_refuse_binary_and_empty),
		cmocka_unit_test(test_decode_across_pieces),
		cmocka_unit_test(test_letter_one_pass),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_nfc_in_pieces),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_delimiter),
		cmocka_unit_test(test_csv_lines),
		cmocka_unit_test(test_csv_errors),
		cmocka_unit_test(test_sink_letters),
		cmocka_unit_test(test_summaries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
