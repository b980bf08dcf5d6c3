/* Unit tests of the guards against hostile input (issue 9): strict numbers, cleaning and
 * escaping, the search query rewrite, safe output files, the store's rules and read-only
 * projects, settings and themes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>  /* only to damage and inspect files the way another program would */

#include "genomlys/clean.h"
#include "genomlys/config.h"
#include "genomlys/num.h"
#include "genomlys/outfile.h"
#include "genomlys/query.h"
#include "genomlys/store.h"
#include "genomlys/utf8.h"

struct fixture {
	char dir[64];
	char path[128];
	struct gl_store *s;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/gl-guards-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/p.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	gl_store_close(f->s);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static char *in_dir(const struct fixture *f, const char *name)
{
	static char buf[4][256];
	static int next;
	char *p = buf[next++ % 4];
	snprintf(p, sizeof buf[0], "%s/%s", f->dir, name);
	return p;
}

/* ---- Numbers ---- */

static void test_num_int64(void **state)
{
	(void)state;
	struct gl_error err = { 0 };
	int64_t v = 0;
	assert_int_equal(gl_num_parse_int64("9223372036854775807", 0, INT64_MAX, &v, &err), GL_OK);
	assert_true(v == INT64_MAX);
	assert_int_equal(gl_num_parse_int64("-9223372036854775808", INT64_MIN, 0, &v, &err), GL_OK);
	assert_true(v == INT64_MIN);
	assert_int_equal(gl_num_parse_int64("+42", 0, 100, &v, &err), GL_OK);
	assert_int_equal(v, 42);
	v = 7;
	assert_int_equal(gl_num_parse_int64("9223372036854775808", 0, INT64_MAX, &v, &err),
		GL_EINVAL);
	assert_string_equal(err.message, "'9223372036854775808': number out of range");
	assert_int_equal(v, 7);  /* not clamped, not written */
	assert_int_equal(gl_num_parse_int64("99999999999999999999", 1, INT64_MAX, &v, &err),
		GL_EINVAL);
	assert_string_equal(err.message, "'99999999999999999999': number out of range");
	assert_int_equal(gl_num_parse_int64("-9223372036854775809", INT64_MIN, 0, &v, &err),
		GL_EINVAL);
	assert_non_null(strstr(err.message, "out of range"));
	const char *junk[] = { "", "-", "12x", " 1", "1 ", "1.0", "0x10", "١" };
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		assert_int_equal(gl_num_parse_int64(junk[i], 0, 100, &v, &err), GL_EINVAL);
		assert_non_null(strstr(err.message, "is not a whole number"));
	}
	assert_int_equal(gl_num_parse_int64("0", 1, 10, &v, &err), GL_EINVAL);
	assert_string_equal(err.message, "'0' is less than 1");
	assert_int_equal(gl_num_parse_int64("11", 1, 10, &v, &err), GL_EINVAL);
	assert_string_equal(err.message, "'11' is more than 10");
	assert_int_equal(v, 7);
}

static void test_num_double(void **state)
{
	(void)state;
	struct gl_error err = { 0 };
	double v = 0;
	assert_int_equal(gl_num_parse_double("2.5", &v, &err), GL_OK);
	assert_true(v == 2.5);
	assert_int_equal(gl_num_parse_double("2,5", &v, &err), GL_OK);
	assert_true(v == 2.5);
	assert_int_equal(gl_num_parse_double("-0,25", &v, &err), GL_OK);
	assert_true(v == -0.25);
	assert_int_equal(gl_num_parse_double("1e3", &v, &err), GL_OK);
	assert_true(v == 1000);
	v = 9;
	const char *junk[] = { "nan", "NaN", "inf", "-Infinity", "0x10", "1e", "", ".", "1,5,2",
		"2.5 ", "1e3x" };
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		assert_int_equal(gl_num_parse_double(junk[i], &v, &err), GL_EINVAL);
		assert_non_null(strstr(err.message, "is not a number"));
	}
	assert_int_equal(gl_num_parse_double("1e400", &v, &err), GL_EINVAL);
	assert_string_equal(err.message, "'1e400': number out of range");
	assert_int_equal(gl_num_parse_double("-1e400", &v, &err), GL_EINVAL);
	assert_true(v == 9);
}

/* ---- Cleaning and escaping ---- */

static void test_clean_strip(void **state)
{
	(void)state;
	char buf[64];
	long removed = 0;
	/* ESC, BEL, DEL, U+0085 (C1) always; U+202E and U+2066 only with GL_CLEAN_BIDI. */
	const char in[] = "a\x1b[2J\t\x07" "b\n\x7f\xc2\x85\xe2\x80\xae" "c\xe2\x81\xa6" "d\xc2\xa0";
	memcpy(buf, in, sizeof in);
	size_t n = gl_clean_strip(buf, sizeof in - 1, 0, &removed);
	assert_int_equal(removed, 4);  /* the sequence ESC [ 2 J counts one */
	assert_memory_equal(buf, "a\tb\n\xe2\x80\xae" "c\xe2\x81\xa6" "d\xc2\xa0", n);
	memcpy(buf, in, sizeof in);
	removed = 0;
	n = gl_clean_strip(buf, sizeof in - 1, GL_CLEAN_BIDI, &removed);
	assert_int_equal(removed, 6);
	assert_memory_equal(buf, "a\tb\ncd\xc2\xa0", n);
	memcpy(buf, in, sizeof in);
	n = gl_clean_strip(buf, sizeof in - 1, GL_CLEAN_BIDI | GL_CLEAN_BREAKS, NULL);
	assert_memory_equal(buf, "abcd\xc2\xa0", n);
	assert_true(gl_clean_has_controls("x\xe2\x80\xaey", 5, GL_CLEAN_BIDI));
	assert_false(gl_clean_has_controls("x\xe2\x80\xaey", 5, 0));
	assert_false(gl_clean_has_controls("Åsa\tÖ\n", 8, GL_CLEAN_BIDI));
}

/* strip(in) == want, with the number of sequences and single controls removed */
static void check_strip(const char *in, size_t n, const char *want, long seqs, long controls)
{
	char *buf = malloc(n + 1);
	assert_non_null(buf);
	memcpy(buf, in, n);
	buf[n] = '\0';
	struct gl_clean_count k = { 0, 0 };
	size_t w = gl_clean_strip_count(buf, n, 0, &k);
	if (w != strlen(want) || memcmp(buf, want, w) != 0)
		fail_msg("strip gave '%.*s', want '%s'", (int)w, buf, want);
	assert_int_equal(k.sequences, seqs);
	assert_int_equal(k.controls, controls);
	free(buf);
}
#define CHECK_STRIP(in, want, seqs, controls) check_strip(in, sizeof in - 1, want, seqs, controls)

static void test_clean_sequences(void **state)
{
	(void)state;
	/* CSI: erase the screen, colours, a cursor move with intermediates, private parameters */
	CHECK_STRIP("Hej\x1b[2Jå", "Hejå", 1, 0);
	CHECK_STRIP("\x1b[1;31mröd\x1b[0m text", "röd text", 2, 0);
	CHECK_STRIP("a\x1b[?1049hb\x1b[3 qc", "abc", 2, 0);
	/* C1 CSI (U+009B) */
	CHECK_STRIP("Åsa\xc2\x9b" "2Jöst", "Åsaöst", 1, 0);
	/* a CSI cut short by a character that is no part of one: what was read of it goes */
	CHECK_STRIP("x\x1b[12;ä", "xä", 1, 0);
	CHECK_STRIP("x\x1b[", "x", 1, 0);
	/* OSC: clipboard write (BEL) and title (ST), and the C1 forms */
	CHECK_STRIP("före\x1b]52;c;aGVtbGlndA==\x07" "efter", "föreefter", 1, 0);
	CHECK_STRIP("ö\x1b]0;Titel\x1b\\ä", "öä", 1, 0);
	CHECK_STRIP("ö\xc2\x9d" "0;Titel\xc2\x9cä", "öä", 1, 0);
	CHECK_STRIP("ö\xc2\x9d" "0;Titel\x07ä", "öä", 1, 0);
	/* DCS, SOS, PM, APC in both forms */
	CHECK_STRIP("a\x1bP1$qm\x1b\\b\x1bXsos\x1b\\c\x1b^pm\x07" "d\x1b_apc\x1b\\e", "abcde", 4, 0);
	CHECK_STRIP("a\xc2\x90q\xc2\x9c" "b\xc2\x98s\xc2\x9c" "c\xc2\x9ep\x07" "d\xc2\x9f" "x\xc2\x9c" "e",
		"abcde", 4, 0);
	/* two-byte and nF sequences: save cursor, reset, character set, a stray ST */
	CHECK_STRIP("a\x1b" "7b\x1b" "cc\x1b(Bd\x1b\\e", "abcde", 4, 0);
	/* an ESC that starts nothing goes alone, as a control */
	CHECK_STRIP("a\x1b\nb\x1bå", "a\nbå", 0, 2);
	CHECK_STRIP("slut\x1b", "slut", 0, 1);
	/* a stray C1 ST or other C1 control: one control */
	CHECK_STRIP("a\xc2\x9c" "b\xc2\x85" "c", "abc", 0, 2);
	/* an unterminated OSC ends at the end of its line: the next line stays */
	CHECK_STRIP("Rad ett\x1b]0;titel utan slut\nRad två med åäö", "Rad ett\nRad två med åäö", 1, 0);
	/* ... at another ESC, which starts a sequence of its own */
	CHECK_STRIP("a\x1b]0;x\x1b[2Jb", "ab", 2, 0);
	/* ... and at the end of the text */
	CHECK_STRIP("a\x1b]52;c;YWJj", "a", 1, 0);
	/* decomposed text (NFD) around a sequence stays as it is, its marks included */
	CHECK_STRIP("a\xcc\x8a\x1b[0mo\xcc\x88", "a\xcc\x8ao\xcc\x88", 1, 0);
	/* Swedish text right after the final byte is intact */
	CHECK_STRIP("\x1b[mÅÄÖåäö", "ÅÄÖåäö", 1, 0);

	/* An unterminated string on a long line takes at most GL_CLEAN_UNTERMINATED_MAX bytes, and
	 * never half a character: the rest of the letter stays. */
	struct gl_str in = GL_STR_INIT;
	gl_str_puts(&in, "start\x1b]0;");
	for (int i = 0; i < 400; i++)
		gl_str_puts(&in, "å");  /* 800 bytes, no terminator */
	gl_str_puts(&in, "\nnästa rad");
	size_t n = gl_clean_strip(in.buf, in.len, 0, NULL);
	assert_true(n > 800 - GL_CLEAN_UNTERMINATED_MAX);
	assert_memory_equal(in.buf, "start", 5);
	assert_true(gl_utf8_valid(in.buf, n, NULL));
	assert_memory_equal(in.buf + n - strlen("\nnästa rad"), "\nnästa rad", strlen("\nnästa rad"));
	/* removed: ESC ] 0 ; and then whole characters up to the cap */
	assert_true(in.len - n <= GL_CLEAN_UNTERMINATED_MAX + 2);
	assert_true(in.len - n >= GL_CLEAN_UNTERMINATED_MAX - 1);
	/* A terminated one within GL_CLEAN_STRING_MAX goes whole, however long. */
	gl_str_clear(&in);
	gl_str_puts(&in, "a\x1b]52;c;");
	for (int i = 0; i < 1000; i++)
		gl_str_puts(&in, "QUJD");
	gl_str_puts(&in, "\x07" "b");
	n = gl_clean_strip(in.buf, in.len, 0, NULL);
	assert_int_equal(n, 2);
	assert_memory_equal(in.buf, "ab", 2);
	gl_str_finish(&in);

	/* Names are cleaned by the same function: the sequence goes, the name stays. */
	struct gl_str out = GL_STR_INIT;
	struct gl_error err = { 0 };
	assert_int_equal(gl_clean_name("Ö\x1b]0;x\x07rjan \x1b[2J", 17, &out, &err), GL_OK);
	assert_string_equal(out.buf, "Örjan");
	assert_int_equal(gl_clean_name("\x1b[2J", 4, &out, &err), GL_EINVAL);
	gl_str_finish(&out);
}

static void test_clean_visible(void **state)
{
	(void)state;
	/* U+200B, U+2028, U+2029, U+202E, U+2066, U+00A0, U+FEFF, U+200E, tab, newline */
	const char *invisible = "\xe2\x80\x8b\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xae\xe2\x81\xa6"
		"\xc2\xa0\xef\xbb\xbf\xe2\x80\x8e\t\n ";
	assert_false(gl_clean_has_visible(invisible, strlen(invisible)));
	assert_false(gl_clean_has_visible("", 0));
	assert_true(gl_clean_has_visible("\xe2\x80\x8b" "å", 5));
	assert_true(gl_clean_has_visible("-", 1));
}

static void test_clean_name(void **state)
{
	(void)state;
	struct gl_str out = GL_STR_INIT;
	struct gl_error err = { 0 };
	const char *in = "  \xe2\x80\xae" "Ka\x1b]0;x\x07rin\x1b[0m  ";
	assert_int_equal(gl_clean_name(in, strlen(in), &out, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "Karin");
	/* decomposed å becomes one code point */
	assert_int_equal(gl_clean_name("A\xcc\x8asa", 5, &out, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "\xc3\x85sa");
	assert_int_equal(gl_clean_name("\x1b\xe2\x80\xae \xe2\x80\x8b", 8, &out, &err), GL_EINVAL);
	assert_string_equal(err.message, "the name is empty");
	assert_int_equal(gl_clean_name("f\xe5r", 3, &out, &err), GL_EENCODING);
	/* a memo keeps its lines; empty is fine */
	assert_int_equal(gl_clean_text("Rad 1\nRad\t2\x1b[31m\xe2\x80\xae", 20, &out, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "Rad 1\nRad\t2");
	assert_int_equal(gl_clean_text("\x1b", 1, &out, &err), GL_OK);
	assert_int_equal(out.len, 0);
	gl_str_finish(&out);
}

static void test_clean_escape(void **state)
{
	(void)state;
	struct gl_str out = GL_STR_INIT;
	const char in[] = "a\x1b[2J\xe2\x80\xae\tb\n\\\x7f\xc2\x9b\xff";
	assert_int_equal(gl_clean_escape(in, sizeof in - 1, 0, &out), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "a\\x1B[2J\\u202E\\tb\\n\\\\x7F\\u009B\\xFF");
	gl_str_clear(&out);
	assert_int_equal(gl_clean_escape(in, sizeof in - 1, GL_ESCAPE_KEEP_BREAKS |
		GL_ESCAPE_BACKSLASH, &out), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "a\\x1B[2J\\u202E\tb\n\\\\\\x7F\\u009B\\xFF");
	gl_str_clear(&out);
	assert_int_equal(gl_clean_escape(in, sizeof in - 1, GL_ESCAPE_KEEP_BREAKS |
		GL_ESCAPE_UNICODE, &out), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "a\\u001B[2J\\u202E\tb\n\\\\u007F\\u009B\\uFFFD");
	gl_str_clear(&out);
	/* plain Swedish text passes unchanged */
	assert_int_equal(gl_clean_escape("Får vi läsa?", 14, 0, &out), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "Får vi läsa?");
	gl_str_finish(&out);
}

/* ---- The search query rewrite ---- */

static void test_query_rewrite(void **state)
{
	(void)state;
	static const char *const ok[][2] = {
		{ "rasten", "rasten*" },
		{ "F-klass", "\"F-klass\" *" },
		{ "1-2", "\"1-2\" *" },
		{ "SO-ämnen", "\"SO-ämnen\" *" },
		{ "elev:s", "\"elev:s\" *" },
		{ "klass:7 title:rast", "\"klass:7\" * \"title:rast\" *" },
		{ "F-kl*", "\"F-kl\" *" },
		{ "skolutveckl*", "skolutveckl*" },
		{ "rasten AND far", "rasten* AND far*" },
		{ "rasten OR NOT-ämne", "rasten* OR \"NOT-ämne\" *" },
		{ "a NOT b", "a* NOT b*" },
		{ "and or not", "and* or* not*" },
		{ "\"kollegialt lärande\" OR fortbildning", "\"kollegialt lärande\" OR fortbildning*" },
		{ "\"a \"\"b\"\" c\"", "\"a \"\"b\"\" c\"" },
		{ "\"skol\"*", "\"skol\"*" },
		{ "(F-klass OR förskoleklass) AND lek", "( \"F-klass\" * OR förskoleklass* ) AND lek*" },
		{ "^rast a+b elev's", "\"^rast\" * \"a+b\" * \"elev's\" *" },
		{ "  rast  \t trygg ", "rast* trygg*" },
	};
	struct gl_str out = GL_STR_INIT;
	struct gl_error err = { 0 };
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		if (gl_query_rewrite(ok[i][0], &out, &err) != GL_OK)
			fail_msg("'%s': %s", ok[i][0], err.message);
		assert_string_equal(gl_str_cstr(&out), ok[i][1]);
	}
	static const char *const bad[][2] = {
		{ "\"rasten", "the search has an unmatched quote (\")" },
		{ "rasten \"a\" \"b", "the search has an unmatched quote (\")" },
		{ "(rasten", "the search has an unmatched parenthesis" },
		{ "rasten)", "the search has an unmatched parenthesis" },
		{ "rasten ()", "the search has empty parentheses" },
		{ "rasten AND", "AND needs a word on each side (rast AND trygg)" },
		{ "OR rasten", "OR needs a word on each side (rast OR trygg)" },
		{ "NOT rasten", "NOT needs a word on each side (rast NOT trygg)" },
		{ "a AND NOT b", "NOT needs a word on each side (rast NOT trygg)" },
		{ "(a OR) b", "OR needs a word on each side (rast OR trygg)" },
		{ "   ", "empty search query" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(gl_query_rewrite(bad[i][0], &out, &err), GL_EINVAL);
		assert_string_equal(err.message, bad[i][1]);
	}
	gl_str_finish(&out);
}

/* ---- Output files ---- */

static int count_entries(const char *dir)
{
	char cmd[160];
	snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	int n = -1;
	if (p) {
		if (fscanf(p, "%d", &n) != 1)
			n = -1;
		pclose(p);
	}
	return n;
}

static enum gl_status write_text(const char *path, const char *project, unsigned flags,
	const char *text, struct gl_error *err)
{
	struct gl_outfile *o;
	enum gl_status st = gl_outfile_open(path, project, flags, &o, err);
	if (st != GL_OK)
		return st;
	fputs(text, gl_outfile_stream(o));
	return gl_outfile_commit(o, err);
}

static void test_outfile_refuses_project(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	const char *p = f->path;
	write_file(p, "project");
	write_file(in_dir(f, "p.db-wal"), "wal");
	assert_int_equal(symlink("p.db", in_dir(f, "link.db")), 0);
	assert_int_equal(link(p, in_dir(f, "hard.db")), 0);
	assert_int_equal(mkdir(in_dir(f, "sub"), 0700), 0);
	const char *targets[] = { "p.db", "p.db-wal", "p.db-shm", "p.db-journal", "link.db",
		"hard.db", "sub/../p.db" };
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		const char *t = in_dir(f, targets[i]);
		assert_int_equal(gl_outfile_check(t, p, GL_OUTFILE_FORCE, &err), GL_EINVAL);
		assert_non_null(strstr(err.message, "project's own file"));
		assert_int_equal(write_text(t, p, GL_OUTFILE_FORCE, "x", &err), GL_EINVAL);
	}
	/* the project named through a link protects the file it points to */
	assert_int_equal(write_text(p, in_dir(f, "link.db"), GL_OUTFILE_FORCE, "x", &err),
		GL_EINVAL);
	assert_int_equal(gl_outfile_check(in_dir(f, "sub"), p, GL_OUTFILE_FORCE, &err), GL_EINVAL);
	assert_int_equal(gl_outfile_check("/dev/null", NULL, GL_OUTFILE_FORCE, &err), GL_EINVAL);
	FILE *fp = fopen(p, "r");
	char buf[16] = "";
	assert_non_null(fgets(buf, sizeof buf, fp));
	fclose(fp);
	assert_string_equal(buf, "project");
	assert_int_equal(count_entries(f->dir), 5);  /* no temporary file left */
}

/* A writer killed before its rename leaves OUT.tmp-XXXXXX: the next write of OUT removes it,
 * but never the temporary file of a writer still at work (it holds a lock on it), nor a file
 * of another name. */
static void test_outfile_removes_stale_temp(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	const char *t = in_dir(f, "out.xlsx");
	char stale[4200], busy[4200], other[4200];
	snprintf(stale, sizeof stale, "%s", in_dir(f, "out.xlsx.tmp-Ab12Cd"));
	snprintf(busy, sizeof busy, "%s", in_dir(f, "out.xlsx.tmp-Xy34Zw"));
	snprintf(other, sizeof other, "%s", in_dir(f, "out.xlsx.tmp-kept"));
	write_file(stale, "half a workbook");
	write_file(busy, "another export at work");
	write_file(other, "not a temporary file of ours");
	int fd = open(busy, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	assert_int_equal(write_text(t, f->path, 0, "whole\n", &err), GL_OK);
	assert_int_equal(access(stale, F_OK), -1);
	assert_int_equal(access(busy, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	close(fd);
	/* two writers of one file at once: the second does not take the first's file away */
	struct gl_outfile *a, *b;
	assert_int_equal(gl_outfile_open(t, f->path, GL_OUTFILE_FORCE, &a, &err), GL_OK);
	fputs("first\n", gl_outfile_stream(a));
	assert_int_equal(gl_outfile_open(t, f->path, GL_OUTFILE_FORCE, &b, &err), GL_OK);
	assert_int_equal(access(gl_outfile_temp_path(a), F_OK), 0);
	fputs("second\n", gl_outfile_stream(b));
	assert_int_equal(gl_outfile_commit(a, &err), GL_OK);
	assert_int_equal(gl_outfile_commit(b, &err), GL_OK);
	/* once the other writer is gone, its file is stale too */
	assert_int_equal(write_text(t, f->path, GL_OUTFILE_FORCE, "again\n", &err), GL_OK);
	assert_int_equal(access(busy, F_OK), -1);
	assert_int_equal(access(other, F_OK), 0);
}

static void test_outfile_replace_and_mode(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	const char *t = in_dir(f, "out.csv");
	mode_t old = umask(0);
	assert_int_equal(write_text(t, f->path, 0, "one\n", &err), GL_OK);
	struct stat sb;
	assert_int_equal(stat(t, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(chmod(t, 0644), 0);
	assert_int_equal(gl_outfile_check(t, f->path, 0, &err), GL_EEXIST);
	assert_int_equal(write_text(t, f->path, 0, "two\n", &err), GL_EEXIST);
	assert_string_equal(err.message, "the file exists already");
	assert_int_equal(write_text(t, f->path, GL_OUTFILE_FORCE, "three\n", &err), GL_OK);
	assert_int_equal(stat(t, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* a file that appears while one is written is not replaced without force */
	struct gl_outfile *o;
	const char *late = in_dir(f, "late.csv");
	assert_int_equal(gl_outfile_open(late, f->path, 0, &o, &err), GL_OK);
	fputs("mine\n", gl_outfile_stream(o));
	write_file(late, "theirs\n");
	assert_int_equal(gl_outfile_commit(o, &err), GL_EEXIST);
	FILE *fp = fopen(late, "r");
	char buf[16] = "";
	assert_non_null(fgets(buf, sizeof buf, fp));
	fclose(fp);
	assert_string_equal(buf, "theirs\n");
	/* abort leaves nothing; a library writing by name gets 0600 and an atomic rename */
	assert_int_equal(gl_outfile_open(in_dir(f, "never.csv"), NULL, 0, &o, &err), GL_OK);
	gl_outfile_abort(o);
	gl_outfile_abort(NULL);
	assert_int_equal(gl_outfile_open(in_dir(f, "lib.xlsx"), NULL, 0, &o, &err), GL_OK);
	fp = fopen(gl_outfile_temp_path(o), "w");
	fputs("PK", fp);
	fclose(fp);
	assert_int_equal(chmod(gl_outfile_temp_path(o), 0666), 0);
	assert_int_equal(gl_outfile_commit(o, &err), GL_OK);
	assert_int_equal(stat(in_dir(f, "lib.xlsx"), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_size, 2);
	umask(old);
	/* out.csv, late.csv, lib.xlsx: nothing else */
	assert_int_equal(count_entries(f->dir), 3);
}

/* ---- The store's rules ---- */

static void test_store_depth(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "Djup", &f->s, &err), GL_OK);
	int64_t id[GL_CODE_MAX_DEPTH + 1] = { 0 };
	for (int i = 0; i < GL_CODE_MAX_DEPTH; i++) {
		char name[16];
		snprintf(name, sizeof name, "N%d", i + 1);
		struct gl_code c = { .parent_id = i ? id[i - 1] : 0, .name = name };
		assert_int_equal(gl_store_code_insert(f->s, &c, &id[i], &err), GL_OK);
	}
	struct gl_code deep = { .parent_id = id[GL_CODE_MAX_DEPTH - 1], .name = "N9" };
	assert_int_equal(gl_store_code_insert(f->s, &deep, NULL, &err), GL_EINVAL);
	assert_string_equal(err.message, "the codebook would be 9 levels deep; it may have at most "
		"8 (a category is level 1)");
	/* a two-level subtree moved to level 7 would reach 9 */
	int64_t a, b;
	struct gl_code ca = { .name = "A" };
	assert_int_equal(gl_store_code_insert(f->s, &ca, &a, &err), GL_OK);
	struct gl_code cb = { .parent_id = a, .name = "B" };
	assert_int_equal(gl_store_code_insert(f->s, &cb, &b, &err), GL_OK);
	assert_int_equal(gl_store_code_move(f->s, a, id[6], &err), GL_EINVAL);
	assert_int_equal(gl_store_code_move(f->s, a, id[5], &err), GL_OK);
	assert_int_equal(gl_store_code_move(f->s, a, 0, &err), GL_OK);
	/* merging moves the children one level below the target */
	assert_int_equal(gl_store_code_merge(f->s, a, id[7], NULL, &err), GL_EINVAL);
	assert_int_equal(gl_store_code_merge(f->s, a, id[6], NULL, &err), GL_OK);
	/* the list of codes, and codings under a code at any depth */
	int64_t n = 0;
	assert_int_equal(gl_store_count(f->s, GL_LIST_CODES, NULL, &n, &err), GL_OK);
	assert_int_equal(n, GL_CODE_MAX_DEPTH + 1);
}

static void test_store_values_and_names(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "Regler", &f->s, &err), GL_OK);
	struct gl_code c = { .name = "Ton", .has_value = true, .value = 1.0 / 0.0 };
	assert_int_equal(gl_store_code_insert(f->s, &c, NULL, &err), GL_EINVAL);
	assert_string_equal(err.message, "a value must be a finite number");
	c.value = 0.0 / 0.0;
	assert_int_equal(gl_store_code_insert(f->s, &c, NULL, &err), GL_EINVAL);
	c.has_value = false;
	c.description = "Se\x1b]52;c;aGVq\x07";
	assert_int_equal(gl_store_code_insert(f->s, &c, NULL, &err), GL_EINVAL);
	c.description = "Rad 1\nRad 2";
	int64_t code;
	assert_int_equal(gl_store_code_insert(f->s, &c, &code, &err), GL_OK);
	assert_int_equal(gl_store_code_rename(f->s, code, "T\xe2\x80\xaeon", &err), GL_EINVAL);
	assert_int_equal(gl_store_code_describe(f->s, code, "\x1b[2J", NULL, &err), GL_EINVAL);
	assert_int_equal(gl_store_coder_ensure(f->s, "Eve\x1b[2J", NULL, NULL, &err), GL_EINVAL);
	assert_int_equal(gl_store_coder_ensure(f->s, "\xe2\x80\x8b", NULL, NULL, &err), GL_EINVAL);
	assert_int_equal(gl_store_school_ensure(f->s, "Sk\xc2\x9bola", NULL, NULL, &err), GL_EINVAL);
	assert_int_equal(gl_store_coder_ensure(f->s, "Åsa", NULL, NULL, &err), GL_OK);
	int64_t n = -1;
	assert_int_equal(gl_store_count(f->s, GL_LIST_CODERS, NULL, &n, &err), GL_OK);
	assert_int_equal(n, 1);
}

/* Overwrites the root page of an index with a fixed pattern under a valid page header. */
static void damage_index(const char *path, const char *index)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE); "
		"PRAGMA journal_mode=DELETE", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT rootpage, (SELECT page_size FROM "
		"pragma_page_size) FROM sqlite_schema WHERE name = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, index, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long page = sqlite3_column_int(st, 0), size = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
	char *buf = malloc((size_t)size);
	memset(buf, 'Z', (size_t)size);
	memcpy(buf, "\x0a\x00\x00\x00\x05\x0f\xf0\x00", 8);
	FILE *fp = fopen(path, "r+b");
	assert_non_null(fp);
	fseek(fp, (page - 1) * size, SEEK_SET);
	assert_int_equal(fwrite(buf, 1, (size_t)size, fp), (size_t)size);
	fclose(fp);
	free(buf);
}

static void test_store_damaged_read_only(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "Skadad", &f->s, &err), GL_OK);
	assert_null(gl_store_read_only(f->s));
	struct gl_code c = { .name = "Ton" };
	int64_t code;
	assert_int_equal(gl_store_code_insert(f->s, &c, &code, &err), GL_OK);
	gl_store_close(f->s);
	f->s = NULL;
	damage_index(f->path, "codes_name");
	/* checked when opened: read-only at once, every write refused with the reason */
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	assert_non_null(gl_store_read_only(f->s));
	assert_non_null(strstr(gl_store_read_only(f->s), "genomlys check"));
	assert_int_equal(gl_store_coder_ensure(f->s, "Ny", NULL, NULL, &err), GL_EREADONLY);
	assert_string_equal(err.message, gl_store_read_only(f->s));
	gl_store_close(f->s);
	/* a large file is checked before its first write */
	setenv("GENOMLYS_CHECK_AT_OPEN", "1", 1);
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	unsetenv("GENOMLYS_CHECK_AT_OPEN");
	assert_null(gl_store_read_only(f->s));
	assert_int_equal(gl_store_begin(f->s, &err), GL_EREADONLY);
	assert_non_null(gl_store_read_only(f->s));
	assert_int_equal(gl_store_meta_set(f->s, "x", "y", &err), GL_EREADONLY);
	gl_store_close(f->s);
	/* in the background (the interface): the first write waits for it and is refused */
	setenv("GENOMLYS_CHECK_AT_OPEN", "1", 1);
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	unsetenv("GENOMLYS_CHECK_AT_OPEN");
	gl_store_check_in_background(f->s);
	for (int i = 0; i < 6000 && gl_store_check_pending(f->s); i++)
		usleep(10000);  /* the result of the background check is in (not a timing) */
	assert_false(gl_store_check_pending(f->s));
	assert_int_equal(gl_store_meta_set(f->s, "x", "y", &err), GL_EREADONLY);
	assert_non_null(strstr(err.message, "damaged"));
}

/* A large project is checked in the background from opening: closing it while the check runs
 * stops the check (no hang, nothing leaked); a sound one is then written without a refusal. */
static void test_store_large_checked_in_background(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "Stor", &f->s, &err), GL_OK);
	gl_store_close(f->s);
	f->s = NULL;
	setenv("GENOMLYS_CHECK_AT_OPEN", "1", 1);
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	gl_store_check_in_background(f->s);
	gl_store_close(f->s);  /* at once: the check is interrupted */
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	gl_store_check_in_background(f->s);
	unsetenv("GENOMLYS_CHECK_AT_OPEN");
	assert_null(gl_store_read_only(f->s));
	assert_int_equal(gl_store_meta_set(f->s, "x", "y", &err), GL_OK);
	assert_null(gl_store_read_only(f->s));
}

static void count_wait(void *ctx)
{
	++*(int *)ctx;
}

/* A first write that finds the background check behind waits for the rest of it, saying so
 * first (the interface's status bar), and takes its result: the thread is held back 300 ms, so
 * the write comes while it is behind (whatever the machine's speed). */
static void test_store_first_write_waits_for_check(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "Stor", &f->s, &err), GL_OK);
	gl_store_close(f->s);
	f->s = NULL;
	setenv("GENOMLYS_CHECK_AT_OPEN", "1", 1);
	setenv("GENOMLYS_CHECK_DELAY_MS", "300", 1);
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	int waits = 0;
	gl_store_on_check_wait(f->s, count_wait, &waits);
	gl_store_check_in_background(f->s);
	assert_true(gl_store_check_pending(f->s));
	assert_int_equal(gl_store_meta_set(f->s, "x", "y", &err), GL_OK);
	assert_int_equal(waits, 1);
	assert_false(gl_store_check_pending(f->s));
	assert_int_equal(gl_store_meta_set(f->s, "x", "z", &err), GL_OK);
	assert_int_equal(waits, 1);  /* checked once per session */
	gl_store_close(f->s);
	/* a damaged file: the write that waited is refused with the thread's finding */
	damage_index(f->path, "codes_name");
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_OK);
	unsetenv("GENOMLYS_CHECK_AT_OPEN");
	unsetenv("GENOMLYS_CHECK_DELAY_MS");
	waits = 0;
	gl_store_on_check_wait(f->s, count_wait, &waits);
	gl_store_check_in_background(f->s);
	assert_int_equal(gl_store_meta_set(f->s, "x", "y", &err), GL_EREADONLY);
	assert_int_equal(waits, 1);
	assert_non_null(strstr(err.message, "damaged"));
	assert_non_null(gl_store_read_only(f->s));
}

static void test_store_empty_file(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	write_file(f->path, "");
	assert_int_equal(gl_store_open(f->path, &f->s, &err), GL_ESCHEMA);
	assert_string_equal(err.message, "not a genomlys project (the file is empty)");
	struct stat sb;
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_size, 0);
}

static int collect_snippets(void *ctx, const struct gl_row *row)
{
	struct gl_str *out = ctx;
	for (int i = 0; i < row->ncols; i++) {
		if (!strcmp(row->names[i], "snippet")) {
			gl_str_append(out, row->values[i].s, row->values[i].len);
			gl_str_putc(out, '|');
		}
	}
	return 0;
}

static void test_store_snippets(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	assert_int_equal(gl_store_create(f->path, "Snippets", &f->s, &err), GL_OK);
	int64_t school, group;
	assert_int_equal(gl_store_school_ensure(f->s, "Bergs skola", &school, NULL, &err), GL_OK);
	assert_int_equal(gl_store_group_find(f->s, "elever", &group, &err), GL_OK);
	static const char *const texts[] = {
		"Rasten är för kort.",
		"Ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton "
		"sjutton arton nitton tjugo kollegialt lärande tjugoett tjugotvå tjugotre tjugofyra "
		"tjugofem tjugosex tjugosju.",
		"Inget om det här i texten.",
	};
	static const char *const titles[] = { NULL, NULL, "Rasten" };
	for (size_t i = 0; i < 3; i++) {
		struct gl_document d = { .kind = "letter", .school_id = school, .group_id = group,
			.title = titles[i], .text = texts[i], .text_len = strlen(texts[i]) };
		assert_int_equal(gl_store_document_insert(f->s, &d, NULL, NULL, &err), GL_OK);
	}
	struct gl_str out = GL_STR_INIT;
	assert_int_equal(gl_store_search(f->s, "rasten", NULL, 0, 10, collect_snippets, &out, &err),
		GL_OK);
	/* a short letter whole; a hit only in the title: the text's start, nothing marked */
	assert_string_equal(gl_str_cstr(&out), "[Rasten] är för kort.|Inget om det här i texten.|");
	gl_str_clear(&out);
	assert_int_equal(gl_store_search(f->s, "\"kollegialt lärande\" OR tjugofem", NULL, 0, 10,
		collect_snippets, &out, &err), GL_OK);
	assert_string_equal(gl_str_cstr(&out), "…sexton sjutton arton nitton tjugo [kollegialt "
		"lärande] tjugoett tjugotvå tjugotre tjugofyra [tjugofem]…|");
	gl_str_finish(&out);
}

/* ---- Settings and themes ---- */

static void test_theme_not_quoted(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	const char *path = in_dir(f, "shadow");
	write_file(path, "root:$6$salt$secrethash:19000:0:99999:7:::\n[colors]\nnormal = white\n");
	struct gl_theme t;
	struct gl_diags d;
	gl_theme_init(&t);
	gl_diags_init(&d);
	assert_int_equal(gl_theme_load(&t, path, &d, &err), GL_EFORMAT);
	assert_int_equal(err.line, 1);
	assert_null(strstr(err.message, "secret"));
	assert_null(strstr(err.message, "root"));
	assert_int_equal(d.n, 0);
	/* a folder is no theme either */
	assert_int_equal(gl_theme_load(&t, f->dir, &d, &err), GL_EIO);
	gl_diags_finish(&d);
	gl_theme_finish(&t);
	/* a name is looked for in the theme folders only; a path needs a '/' */
	char cwd[512];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(f->dir), 0);
	setenv("GENOMLYS_THEMES", in_dir(f, "themes"), 1);
	assert_int_equal(mkdir(in_dir(f, "themes"), 0700), 0);
	write_file(in_dir(f, "themes/blå.ini"), "[colors]\nnormal = white blue\n");
	char *found = gl_theme_find("shadow", NULL);
	assert_null(found);
	found = gl_theme_find("./shadow", NULL);
	assert_non_null(found);
	free(found);
	found = gl_theme_find("blå", NULL);
	assert_non_null(found);
	free(found);
	found = gl_theme_find("blå.ini", NULL);
	assert_non_null(found);
	free(found);
	unsetenv("GENOMLYS_THEMES");
	assert_int_equal(chdir(cwd), 0);
}

static void test_config_values(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	const char *path = in_dir(f, "config.ini");
	write_file(path, "[survey]\nthreshold = nan\nname = \"Skolenk\n[workshop]\n"
		"dot_budget = 99999999999999999999\n");
	struct gl_config c;
	gl_config_init(&c);
	assert_int_equal(gl_config_load(&c, path, true, &err), GL_OK);
	assert_true(c.survey_threshold == GL_CONFIG_THRESHOLD_DEFAULT);
	assert_null(c.survey);
	assert_int_equal(c.dot_budget, GL_CONFIG_DOT_BUDGET_DEFAULT);
	assert_int_equal(c.diags.n, 3);
	char buf[512];
	gl_diag_format(&c.diags.v[0], buf, sizeof buf);
	assert_non_null(strstr(buf, "config.ini:2: bad value 'nan' for threshold"));
	gl_diag_format(&c.diags.v[1], buf, sizeof buf);
	assert_non_null(strstr(buf, "config.ini:3: the value of name has no closing quote"));
	gl_config_finish(&c);
	gl_config_init(&c);
	assert_int_equal(gl_config_load(&c, f->dir, true, &err), GL_EIO);
	assert_non_null(strstr(err.message, "Is a directory"));
	gl_config_finish(&c);
}

/* [ui] escape_delay: read, refused out of range (default kept), written back (issue 17). */
static void test_config_escape_delay(void **state)
{
	struct fixture *f = *state;
	struct gl_error err = { 0 };
	struct gl_config c;
	gl_config_init(&c);
	assert_int_equal(c.escape_delay, GL_CONFIG_ESCAPE_DELAY_DEFAULT);
	assert_true(c.escape_delay <= 25);
	gl_config_finish(&c);
	const char *path = in_dir(f, "config.ini");
	write_file(path, "[ui]\nescape_delay = 5\n");
	gl_config_init(&c);
	assert_int_equal(gl_config_load(&c, path, true, &err), GL_OK);
	assert_int_equal(c.escape_delay, 5);
	assert_int_equal(c.diags.n, 0);
	gl_config_finish(&c);
	static const char *const bad[] = { "-1", "1001", "lagom", "2.5" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[64];
		snprintf(text, sizeof text, "[ui]\nescape_delay = %s\n", bad[i]);
		write_file(path, text);
		gl_config_init(&c);
		assert_int_equal(gl_config_load(&c, path, true, &err), GL_OK);
		assert_int_equal(c.escape_delay, GL_CONFIG_ESCAPE_DELAY_DEFAULT);
		assert_int_equal(c.diags.n, 1);
		char buf[512];
		gl_diag_format(&c.diags.v[0], buf, sizeof buf);
		assert_non_null(strstr(buf, "config.ini:2: bad value"));
		assert_non_null(strstr(buf, "escape_delay in [ui]"));
		gl_config_finish(&c);
	}
	write_file(path, "[ui]\nescape_delay = 0\n");
	gl_config_init(&c);
	assert_int_equal(gl_config_load(&c, path, true, &err), GL_OK);
	assert_int_equal(c.escape_delay, 0);
	c.escape_delay = 40;
	static const char *const keys[] = { "ui:escape_delay" };
	assert_int_equal(gl_config_write(&c, path, keys, 1, &err), GL_OK);
	gl_config_finish(&c);
	gl_config_init(&c);
	assert_int_equal(gl_config_load(&c, path, true, &err), GL_OK);
	assert_int_equal(c.escape_delay, 40);
	gl_config_finish(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_num_int64),
		cmocka_unit_test(test_num_double),
		cmocka_unit_test(test_clean_strip),
		cmocka_unit_test(test_clean_sequences),
		cmocka_unit_test(test_clean_visible),
		cmocka_unit_test(test_clean_name),
		cmocka_unit_test(test_clean_escape),
		cmocka_unit_test(test_query_rewrite),
		cmocka_unit_test_setup_teardown(test_outfile_refuses_project, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outfile_replace_and_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outfile_removes_stale_temp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_depth, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_values_and_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_damaged_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_empty_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_large_checked_in_background, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_first_write_waits_for_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_snippets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_theme_not_quoted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_escape_delay, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
