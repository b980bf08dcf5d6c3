/* Unit tests of the workbook's file name (src/export/name.c): the .xlsx ending, the default. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "genomlys/export.h"

static void name_is(const char *project, int y, int m, int d, const char *want)
{
	char *got = gl_export_default_name(project, y, m, d);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* The year that ends the project's name begins the date: not "Kommunen 2026-2026-12-03". */
static void test_default_name(void **state)
{
	(void)state;
	name_is("Kommunen 2026", 2026, 12, 3, "Kommunen 2026-12-03.xlsx");
	name_is("Älvnäs kommun – genomlysning 2026", 2026, 1, 9,
		"Älvnäs kommun – genomlysning 2026-01-09.xlsx");
	name_is("Kommunen", 2026, 12, 3, "Kommunen-2026-12-03.xlsx");
	/* another year, or the year inside a longer number or not at the end: the whole date */
	name_is("Kommunen 2025", 2026, 12, 3, "Kommunen 2025-2026-12-03.xlsx");
	name_is("Kommunen 12026", 2026, 12, 3, "Kommunen 12026-2026-12-03.xlsx");
	name_is("2026 Kommunen", 2026, 12, 3, "2026 Kommunen-2026-12-03.xlsx");
	name_is("2026", 2026, 12, 3, "2026-12-03.xlsx");
	/* made a file name: no folders, no leading dot, no control characters */
	name_is(".dold/del\tnamn 2026", 2026, 12, 3, "-dold-del-namn 2026-12-03.xlsx");
	name_is(NULL, 2026, 12, 3, "genomlys-2026-12-03.xlsx");
	name_is("", 2026, 12, 3, "genomlys-2026-12-03.xlsx");
}

static void test_xlsx_name(void **state)
{
	(void)state;
	assert_true(gl_export_xlsx_name_ok("a.xlsx"));
	assert_true(gl_export_xlsx_name_ok("mapp/Rapport.XLSX"));
	assert_true(gl_export_xlsx_name_ok("Å.XlSx"));
	assert_false(gl_export_xlsx_name_ok("a.txt"));
	assert_false(gl_export_xlsx_name_ok("a.xlsx.txt"));
	assert_false(gl_export_xlsx_name_ok(".xlsx"));
	assert_false(gl_export_xlsx_name_ok("mapp.xlsx/a"));
	assert_false(gl_export_xlsx_name_ok("axlsx"));
	struct gl_error err = { 0 };
	assert_int_equal(gl_export_xlsx_name_check("rapport.txt", &err), GL_EINVAL);
	assert_non_null(strstr(err.message, "rapport.txt"));
	assert_true(gl_export_name_has_extension("a.txt"));
	assert_true(gl_export_name_has_extension("../a.b.c"));
	assert_false(gl_export_name_has_extension("a"));
	assert_false(gl_export_name_has_extension("../mapp.d/a"));
	assert_false(gl_export_name_has_extension(".dold"));
	assert_false(gl_export_name_has_extension("a."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_name),
		cmocka_unit_test(test_xlsx_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
