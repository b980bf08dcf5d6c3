/* Unit tests of the book writer's parts: CSV fields, cell text, sheet names, the output file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "genomlys/book.h"
#include "genomlys/utf8.h"

static void field_is(const char *in, char sep, const char *want)
{
	struct gl_str out = GL_STR_INIT;
	assert_int_equal(gl_csv_field(&out, in, strlen(in), sep), GL_OK);
	assert_string_equal(gl_str_cstr(&out), want);
	gl_str_finish(&out);
}

static void test_csv_field(void **state)
{
	(void)state;
	field_is("", ';', "");
	field_is("Ängsskolan", ';', "Ängsskolan");
	field_is("a;b", ';', "\"a;b\"");
	field_is("a;b", ',', "a;b");
	field_is("a,b", ',', "\"a,b\"");
	field_is("a\tb", '\t', "\"a\tb\"");
	field_is("sa \"hej\"", ';', "\"sa \"\"hej\"\"\"");
	field_is("\"", ';', "\"\"\"\"");
	field_is("rad 1\nrad 2", ';', "\"rad 1\nrad 2\"");
	field_is(" blank", ';', "\" blank\"");
	/* the formula guard: an apostrophe first, so that a spreadsheet shows the text */
	field_is("=HYPERLINK(\"http://example.invalid\",\"x\")", ';',
		"\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\"");
	field_is("=1+1", ';', "'=1+1");
	field_is("+46", ';', "'+46");
	field_is("-- vikarier", ';', "'-- vikarier");
	field_is("@SUM(A1)", ';', "'@SUM(A1)");
	field_is("\tx", ';', "\"'\tx\"");
	field_is("\rx", ';', "\"'\rx\"");
	field_is("a=b", ';', "a=b");
	assert_true(gl_book_formula_like("=x", 2));
	assert_false(gl_book_formula_like("", 0));
	assert_false(gl_book_formula_like("x=", 2));
}

static void test_cell_text(void **state)
{
	(void)state;
	struct gl_str out = GL_STR_INIT;
	bool changed = true;
	assert_int_equal(gl_book_cell_text("Åsa", strlen("Åsa"), &out, &changed), GL_OK);
	assert_false(changed);
	/* a bad byte becomes U+FFFD; controls and whole escape sequences go, tab and newline
	 * stay */
	const char bad[] = "a\xff" "b\x01\x1b[31m\tc\nd";
	assert_int_equal(gl_book_cell_text(bad, sizeof bad - 1, &out, &changed), GL_OK);
	assert_true(changed);
	assert_string_equal(gl_str_cstr(&out), "a\xEF\xBF\xBD" "b\tc\nd");
	/* too long: cut to Excel's limit with a visible marker */
	size_t n = 40000;
	char *big = malloc(n);
	memset(big, 'a', n);
	assert_int_equal(gl_book_cell_text(big, n, &out, &changed), GL_OK);
	assert_true(changed);
	assert_int_equal(gl_utf8_count(out.buf, out.len), GL_BOOK_CELL_MAX);
	assert_non_null(strstr(out.buf, "32,767"));
	assert_int_equal(out.buf[0], 'a');
	free(big);
	/* characters beyond the BMP count twice (UTF-16), and none is split */
	n = 20000 * 4;
	big = malloc(n);
	for (size_t i = 0; i < n; i += 4)
		memcpy(big + i, "\xF0\x9F\x98\x80", 4);  /* U+1F600 */
	assert_int_equal(gl_book_cell_text(big, n, &out, &changed), GL_OK);
	assert_true(changed);
	assert_true(gl_utf8_valid(out.buf, out.len, NULL));
	size_t emoji = 0;
	for (size_t i = 0; i + 4 <= out.len && !memcmp(out.buf + i, "\xF0\x9F\x98\x80", 4); i += 4)
		emoji++;
	size_t rest = gl_utf8_count(out.buf + emoji * 4, out.len - emoji * 4);
	assert_true(emoji * 2 + rest <= GL_BOOK_CELL_MAX);
	assert_true(emoji * 2 + rest >= GL_BOOK_CELL_MAX - 1);
	free(big);
	/* exactly at the limit: kept whole */
	big = malloc(GL_BOOK_CELL_MAX);
	memset(big, 'b', GL_BOOK_CELL_MAX);
	assert_int_equal(gl_book_cell_text(big, GL_BOOK_CELL_MAX, &out, &changed), GL_OK);
	assert_false(changed);
	free(big);
	gl_str_finish(&out);
}

static void name_is(const char *in, const char *want)
{
	struct gl_str out = GL_STR_INIT;
	assert_int_equal(gl_book_sheet_name_clean(in, &out), GL_OK);
	assert_string_equal(gl_str_cstr(&out), want);
	gl_str_finish(&out);
}

static void test_sheet_name_clean(void **state)
{
	(void)state;
	name_is("Översikt", "Översikt");
	name_is("a/b:c*d?e[f]g\\h", "a-b-c-d-e-f-g-h");
	name_is("'citat'", "citat");
	name_is("", "-");
	name_is("  ", "-");
	/* 31 characters, not bytes */
	name_is("Åäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäö", "Åäöåäöåäöåäöåäöåäöåäöåäöåäöåäöå");
	name_is("Skolan med ett mycket långt namn i kommunen", "Skolan med ett mycket långt nam");
}

static char dir[64];

static int setup_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/gl-book-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static void path_in(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", dir, name);
}

static void test_sheet_names_unique(void **state)
{
	(void)state;
	char path[128];
	path_in(path, sizeof path, "names.xlsx");
	struct gl_book_options o = { .kind = GL_BOOK_XLSX, .title = "Prov & test",
		.created = 1767225600 };
	struct gl_book *b;
	struct gl_error err = { 0 };
	assert_int_equal(gl_book_open(path, &o, &b, &err), GL_OK);
	int i[6];
	assert_int_equal(gl_book_add(b, "Ängen", &i[0], &err), GL_OK);
	assert_int_equal(gl_book_add(b, "ängen", &i[1], &err), GL_OK);
	assert_int_equal(gl_book_add(b, "ÄNGEN", &i[2], &err), GL_OK);
	assert_int_equal(gl_book_add(b, "Skolan med ett mycket långt namn A", &i[3], &err), GL_OK);
	assert_int_equal(gl_book_add(b, "Skolan med ett mycket långt namn B", &i[4], &err), GL_OK);
	assert_int_equal(gl_book_add(b, "Östra:skolan?", &i[5], &err), GL_OK);
	assert_string_equal(gl_book_sheet_name(b, i[0]), "Ängen");
	assert_string_equal(gl_book_sheet_name(b, i[1]), "ängen (2)");
	assert_string_equal(gl_book_sheet_name(b, i[2]), "ÄNGEN (3)");
	assert_string_equal(gl_book_sheet_name(b, i[3]), "Skolan med ett mycket långt nam");
	assert_string_equal(gl_book_sheet_name(b, i[4]), "Skolan med ett mycket långt (2)");
	assert_string_equal(gl_book_sheet_name(b, i[5]), "Östra-skolan-");
	/* write a little: numbers, a text, a header with a filter */
	assert_int_equal(gl_book_select(b, i[1], &err), GL_OK);
	const char *h[] = { "Skola", "Värde" };
	assert_int_equal(gl_book_header(b, h, 2, true, &err), GL_OK);
	assert_int_equal(gl_book_text(b, 0, "=1+1", SIZE_MAX, GL_BOOK_PLAIN, &err), GL_OK);
	assert_int_equal(gl_book_number(b, 1, 5.5, GL_BOOK_LOW, &err), GL_OK);
	assert_int_equal(gl_book_next(b, &err), GL_OK);
	assert_int_equal(gl_book_row(b), 2);
	assert_int_equal(gl_book_select(b, i[1], &err), GL_EINVAL);  /* once only */
	assert_int_equal(gl_book_close(b, &err), GL_OK);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* an existing file: only with force */
	assert_int_equal(gl_book_open(path, &o, &b, &err), GL_EEXIST);
	assert_null(b);
	o.force = true;
	assert_int_equal(gl_book_open(path, &o, &b, &err), GL_OK);
	gl_book_abort(b);  /* nothing written: the old file stays */
	assert_int_equal(stat(path, &sb), 0);
	assert_true(sb.st_size > 0);
	/* never the project */
	char project[128];
	path_in(project, sizeof project, "p.db");
	FILE *fp = fopen(project, "w");
	fputs("project", fp);
	fclose(fp);
	o.project = project;
	assert_int_equal(gl_book_open(project, &o, &b, &err), GL_EINVAL);
	unlink(project);
	unlink(path);
}

static void test_csv_book(void **state)
{
	(void)state;
	char path[128], file[192];
	path_in(path, sizeof path, "tables");
	struct gl_book_options o = { .kind = GL_BOOK_CSV };
	struct gl_book *b;
	struct gl_error err = { 0 };
	assert_int_equal(gl_book_open(path, &o, &b, &err), GL_OK);
	int t;
	assert_int_equal(gl_book_add(b, "Enkäter", &t, &err), GL_OK);
	assert_int_equal(gl_book_select(b, t, &err), GL_OK);
	assert_int_equal(gl_book_title(b, "Rubrik", &err), GL_OK);
	const char *h[] = { "Skola", "Värde", "Not" };
	assert_int_equal(gl_book_header(b, h, 3, true, &err), GL_OK);
	assert_int_equal(gl_book_text(b, 0, "Ängsskolan", SIZE_MAX, GL_BOOK_PLAIN, &err), GL_OK);
	assert_int_equal(gl_book_number(b, 1, 5.25, GL_BOOK_PLAIN, &err), GL_OK);
	assert_int_equal(gl_book_close(b, &err), GL_OK);
	snprintf(file, sizeof file, "%s/01-Enkäter.csv", path);
	{
		FILE *fp = fopen(file, "rb");
		assert_non_null(fp);
		char buf[256];
		size_t n = fread(buf, 1, sizeof buf - 1, fp);
		buf[n] = '\0';
		fclose(fp);
		assert_string_equal(buf, "\xEF\xBB\xBFRubrik\r\nSkola;Värde;Not\r\nÄngsskolan;5,25;\r\n");
	}
	unlink(file);
	rmdir(path);
}

static int teardown_dir(void **state)
{
	(void)state;
	return rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_field),
		cmocka_unit_test(test_cell_text),
		cmocka_unit_test(test_sheet_name_clean),
		cmocka_unit_test(test_sheet_names_unique),
		cmocka_unit_test(test_csv_book),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
