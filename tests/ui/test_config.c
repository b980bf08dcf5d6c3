/* Unit tests of src/config: settings, diagnostics with file and line, themes, colours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "genomlys/config.h"

/* Writes text to a new temporary file; returns its malloc'd path. */
static char *temp_file(const char *text)
{
	char *path = strdup("/tmp/genomlys-test-config-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	return path;
}

static const struct gl_diag *diag_at(const struct gl_config *c, long line)
{
	for (size_t i = 0; i < c->diags.n; i++)
		if (c->diags.v[i].line == line)
			return &c->diags.v[i];
	return NULL;
}

static char *read_all(const char *path)
{
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char *buf = calloc(1, 8192);
	size_t n = fread(buf, 1, 8191, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* What the user changes in the program can be written back, and the file keeps its other lines
 * and comments; what it read back is what was written. */
static void test_write_back(void **state)
{
	(void)state;
	char *path = temp_file("; Mina inställningar\n[general]\n  theme = default   \n"
		"; musen behövs inte\nmouse = no\n\n[survey]\nthreshold = 6,5\n");
	struct gl_config c;
	gl_config_init(&c);
	assert_int_equal(gl_config_load(&c, path, true, NULL), GL_OK);
	assert_false(c.mouse);
	free(c.theme);
	c.theme = strdup("projector");
	static const char *const keys[] = { "general:theme", "general:mouse",
		"workshop:dot_budget" };
	assert_int_equal(gl_config_write(&c, path, keys, 3, NULL), GL_OK);
	char *text = read_all(path);
	assert_string_equal(text, "; Mina inställningar\n[general]\n  theme = projector\n"
		"; musen behövs inte\nmouse = no\n\n[survey]\nthreshold = 6,5\n"
		"\n[workshop]\ndot_budget = 5\n");
	free(text);
	gl_config_finish(&c);
	/* read back: the same values */
	gl_config_init(&c);
	assert_int_equal(gl_config_load(&c, path, true, NULL), GL_OK);
	assert_string_equal(c.theme, "projector");
	assert_false(c.mouse);
	assert_true(c.survey_threshold == 6.5);
	assert_int_equal(c.diags.n, 0);
	gl_config_finish(&c);
	unlink(path);
	/* a file that does not exist yet is created with the keys */
	gl_config_init(&c);
	assert_int_equal(gl_config_write(&c, path, keys, 1, NULL), GL_OK);
	text = read_all(path);
	assert_string_equal(text, "[general]\ntheme = default\n");
	free(text);
	gl_config_finish(&c);
	unlink(path);
	free(path);
}

static void test_defaults(void **state)
{
	(void)state;
	struct gl_config c;
	gl_config_init(&c);
	assert_string_equal(c.theme, "default");
	assert_true(c.survey_threshold == GL_CONFIG_THRESHOLD_DEFAULT);
	assert_int_equal(c.dot_budget, GL_CONFIG_DOT_BUDGET_DEFAULT);
	assert_int_equal(c.ngroups, 3);
	assert_string_equal(c.groups[0], "lärare");
	assert_true(c.mouse);
	assert_null(c.coder);
	assert_int_equal(c.diags.n, 0);
	gl_config_finish(&c);
}

static void test_example_is_clean(void **state)
{
	(void)state;
	struct gl_config c;
	struct gl_error err = { 0 };
	gl_config_init(&c);
	assert_int_equal(gl_config_load(&c, GL_UI_EXAMPLE, true, &err), GL_OK);
	for (size_t i = 0; i < c.diags.n; i++)
		fprintf(stderr, "%ld: %s\n", c.diags.v[i].line, c.diags.v[i].message);
	assert_int_equal(c.diags.n, 0);
	assert_string_equal(c.theme, "default");
	assert_true(c.survey_threshold == 6.0);
	assert_int_equal(c.ngroups, 3);
	assert_int_equal(c.nkeys, 0);
	gl_config_finish(&c);
}

static void test_values(void **state)
{
	(void)state;
	char *path = temp_file("[general]\ntheme = projector\ncoder = Anna Svensson\nmouse = no\n"
		"[survey]\nthreshold = 6,5\nname = Skolenkäten\n[groups]\ncolumns = elever , , rektorer\n"
		"[workshop]\ndot_budget = 7\n[keys]\nmove-down = n Down\n");
	struct gl_config c;
	struct gl_error err = { 0 };
	gl_config_init(&c);
	assert_int_equal(gl_config_load(&c, path, true, &err), GL_OK);
	assert_int_equal(c.diags.n, 0);
	assert_string_equal(c.theme, "projector");
	assert_string_equal(c.coder, "Anna Svensson");
	assert_false(c.mouse);
	assert_true(c.survey_threshold == 6.5);
	assert_string_equal(c.survey, "Skolenkäten");
	assert_int_equal(c.ngroups, 2);
	assert_string_equal(c.groups[1], "rektorer");
	assert_int_equal(c.dot_budget, 7);
	assert_int_equal(c.nkeys, 1);
	assert_string_equal(c.keys[0].action, "move-down");
	assert_string_equal(c.keys[0].keys, "n Down");
	assert_int_equal(c.keys[0].line, 13);
	assert_string_equal(c.keys[0].file, path);
	gl_config_finish(&c);
	unlink(path);
	free(path);
}

static void test_bad_values_name_the_line(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/bad.ini", GL_UI_DATA);
	struct gl_config c;
	struct gl_error err = { 0 };
	gl_config_init(&c);
	assert_int_equal(gl_config_load(&c, path, true, &err), GL_OK);
	const struct gl_diag *g = diag_at(&c, 4);
	assert_non_null(g);
	assert_non_null(strstr(g->message, "unknown key 'colour' in [general]"));
	assert_string_equal(g->file, path);
	g = diag_at(&c, 7);
	assert_non_null(g);
	assert_non_null(strstr(g->message, "'lagom'"));
	g = diag_at(&c, 15);
	assert_non_null(g);
	assert_non_null(strstr(g->message, "[extra]"));
	assert_int_equal(c.diags.n, 3);
	/* the good values are taken, the bad keep their defaults */
	assert_string_equal(c.theme, "mono");
	assert_true(c.survey_threshold == GL_CONFIG_THRESHOLD_DEFAULT);
	/* bindings are checked by the app, which knows the actions; lines come along */
	assert_int_equal(c.nkeys, 4);
	char buf[600];
	gl_diag_format(diag_at(&c, 4), buf, sizeof buf);
	assert_non_null(strstr(buf, "bad.ini:4: unknown key"));
	gl_config_finish(&c);
}

static void test_syntax_error(void **state)
{
	(void)state;
	char *path = temp_file("[general]\ntheme = light\nthis line is not ini\n");
	struct gl_config c;
	struct gl_error err = { 0 };
	gl_config_init(&c);
	assert_int_equal(gl_config_load(&c, path, true, &err), GL_OK);
	const struct gl_diag *g = diag_at(&c, 3);
	assert_non_null(g);
	assert_non_null(strstr(g->message, "not a 'key = value' line"));
	/* iniparser refuses the whole file: everything stays default */
	assert_string_equal(c.theme, "default");
	gl_config_finish(&c);
	unlink(path);
	free(path);
}

static void test_missing_file(void **state)
{
	(void)state;
	struct gl_config c;
	struct gl_error err = { 0 };
	gl_config_init(&c);
	assert_int_equal(gl_config_load(&c, "/nonexistent/genomlys.ini", false, &err), GL_OK);
	assert_int_equal(c.diags.n, 0);
	assert_int_equal(gl_config_load(&c, "/nonexistent/genomlys.ini", true, &err), GL_EIO);
	assert_string_equal(err.file, "/nonexistent/genomlys.ini");
	gl_config_finish(&c);
}

static void test_xdg_paths(void **state)
{
	(void)state;
	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	char *p = gl_config_default_path();
	assert_string_equal(p, "/x/conf/genomlys/config.ini");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);  /* not absolute: ignored, as the spec says */
	setenv("HOME", "/home/t", 1);
	p = gl_config_default_path();
	assert_string_equal(p, "/home/t/.config/genomlys/config.ini");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
}

static void test_colours(void **state)
{
	(void)state;
	int c;
	assert_true(gl_color_parse("default", &c) && c == -1);
	assert_true(gl_color_parse("red", &c) && c == 1);
	assert_true(gl_color_parse("bright-blue", &c) && c == 12);
	assert_true(gl_color_parse("brightwhite", &c) && c == 15);
	assert_true(gl_color_parse("208", &c) && c == 208);
	assert_true(gl_color_parse("#ff0000", &c) && c == 196);
	assert_true(gl_color_parse("#808080", &c) && c == 244);
	assert_false(gl_color_parse("256", &c));
	assert_false(gl_color_parse("#12345", &c));
	assert_false(gl_color_parse("reddish", &c));
	assert_int_equal(gl_color_reduce(196, 256), 196);
	assert_int_equal(gl_color_reduce(196, 16), 9);
	assert_int_equal(gl_color_reduce(196, 8), 1);
	assert_int_equal(gl_color_reduce(238, 8), 0);
	assert_int_equal(gl_color_reduce(231, 8), 7);
	assert_int_equal(gl_color_reduce(12, 8), 4);
	assert_int_equal(gl_color_reduce(-1, 8), -1);
}

static void test_default_theme_file_matches_builtin(void **state)
{
	(void)state;
	struct gl_theme builtin, file;
	struct gl_diags d;
	struct gl_error err = { 0 };
	gl_theme_init(&builtin);
	gl_theme_init(&file);
	for (int e = 0; e < GL_EL_COUNT; e++)
		file.styles[e] = (struct gl_style){ 99, 99, 99 };
	gl_diags_init(&d);
	assert_int_equal(gl_theme_load(&file, GL_UI_THEMES "/default.ini", &d, &err), GL_OK);
	assert_int_equal(d.n, 0);
	for (int e = 0; e < GL_EL_COUNT; e++) {
		if (memcmp(&builtin.styles[e], &file.styles[e], sizeof file.styles[e]))
			fail_msg("%s differs", gl_theme_element_name((enum gl_theme_element)e));
	}
	gl_diags_finish(&d);
	gl_theme_finish(&builtin);
	gl_theme_finish(&file);
}

static void test_shipped_themes(void **state)
{
	(void)state;
	const char *names[] = { "default", "light", "projector", "mono" };
	setenv("GENOMLYS_THEMES", GL_UI_THEMES, 1);
	for (size_t i = 0; i < 4; i++) {
		char *path = gl_theme_find(names[i], NULL);
		assert_non_null(path);
		struct gl_theme t;
		struct gl_diags d;
		struct gl_error err = { 0 };
		gl_theme_init(&t);
		gl_diags_init(&d);
		assert_int_equal(gl_theme_load(&t, path, &d, &err), GL_OK);
		assert_int_equal(d.n, 0);
		assert_string_equal(t.name, names[i]);
		if (!strcmp(names[i], "mono"))
			for (int e = 0; e < GL_EL_COUNT; e++)
				assert_true(t.styles[e].fg == -1 && t.styles[e].bg == -1);
		gl_diags_finish(&d);
		gl_theme_finish(&t);
		free(path);
	}
	size_t n;
	char **list = gl_theme_list(NULL, &n);
	assert_true(n >= 4);
	assert_string_equal(list[0], "default");
	gl_strv_free(list, n);
	assert_null(gl_theme_find("no-such-theme", NULL));
	unsetenv("GENOMLYS_THEMES");
}

static void test_bad_theme(void **state)
{
	(void)state;
	char *path = temp_file("[theme]\nname = broken\n[colors]\ntab.active = black cyan bold\n"
		"tab.nonsense = red\nlist.selected = black sparkly\nsurvey.low = \"#ff0000\" default\n");
	struct gl_theme t;
	struct gl_diags d;
	struct gl_error err = { 0 };
	gl_theme_init(&t);
	gl_diags_init(&d);
	assert_int_equal(gl_theme_load(&t, path, &d, &err), GL_OK);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].line + d.v[1].line, 5 + 6);
	assert_int_equal(t.styles[GL_EL_TAB_ACTIVE].fg, 0);
	assert_int_equal(t.styles[GL_EL_TAB_ACTIVE].bg, 6);
	assert_int_equal(t.styles[GL_EL_TAB_ACTIVE].attrs, GL_ATTR_BOLD);
	assert_int_equal(t.styles[GL_EL_SURVEY_LOW].fg, 196);
	assert_string_equal(t.name, "broken");
	gl_diags_finish(&d);
	gl_theme_finish(&t);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_write_back),
		cmocka_unit_test(test_example_is_clean),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_bad_values_name_the_line),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_xdg_paths),
		cmocka_unit_test(test_colours),
		cmocka_unit_test(test_default_theme_file_matches_builtin),
		cmocka_unit_test(test_shipped_themes),
		cmocka_unit_test(test_bad_theme),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
