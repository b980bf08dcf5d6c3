/* Themes on the terminal: one colour pair per element, reduced to what the terminal shows;
 * without colours (NO_COLOR, mono terminals) attributes keep the elements apart. */
#include "ui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"

static attr_t curses_attrs(unsigned a)
{
	attr_t out = A_NORMAL;
	if (a & GL_ATTR_BOLD)
		out |= A_BOLD;
	if (a & GL_ATTR_UNDERLINE)
		out |= A_UNDERLINE;
	if (a & GL_ATTR_REVERSE)
		out |= A_REVERSE;
	if (a & GL_ATTR_DIM)
		out |= A_DIM;
#ifdef A_ITALIC
	if (a & GL_ATTR_ITALIC)
		out |= A_ITALIC;
#endif
	return out;
}

void ui_theme_apply(struct ui *ui)
{
	const char *no_color = getenv("NO_COLOR");
	ui->color = has_colors() && !(no_color && *no_color);
	bool defaults = false;
	if (ui->color && !ui->color_started) {
		/* COLORS and COLOR_PAIRS are known only after start_color */
		ui->color_started = start_color() == OK;
		ui->default_colors = use_default_colors() == OK;
	}
	ui->color = ui->color && ui->color_started && COLOR_PAIRS > GL_EL_COUNT;
	defaults = ui->default_colors;
	memset(ui->code_pairs, 0, sizeof ui->code_pairs);
	for (int e = 0; e < GL_EL_COUNT; e++) {
		const struct gl_style *st = &ui->theme.styles[e];
		ui->pairs[e] = 0;
		if (!ui->color) {
			ui->attrs[e] = curses_attrs(st->attrs | gl_theme_mono_attrs((enum gl_theme_element)e));
			continue;
		}
		int fg = gl_color_reduce(st->fg, COLORS);
		int bg = gl_color_reduce(st->bg, COLORS);
		if (fg >= COLORS)
			fg = -1;
		if (bg >= COLORS)
			bg = -1;
		if (!defaults) {
			if (fg < 0)
				fg = COLOR_WHITE;
			if (bg < 0)
				bg = COLOR_BLACK;
		}
		init_pair((short)(e + 1), (short)fg, (short)bg);
		ui->pairs[e] = (short)(e + 1);
		ui->attrs[e] = curses_attrs(st->attrs);
		/* 8 colours: a bright foreground only shows as bold */
		if (COLORS < 16 && st->fg >= 8 && st->fg < 16)
			ui->attrs[e] |= A_BOLD;
	}
}

void ui_theme_load(struct ui *ui)
{
	struct gl_app *a = ui->app;
	struct gl_theme t;
	gl_theme_init(&t);
	const char *name = a->config.theme ? a->config.theme : "default";
	char *path = gl_theme_find(name, a->config.path);
	if (!path && strcmp(name, "default")) {
		gl_app_message(a, true, _("No theme named '%s'; using the default (themes: %s)"), name,
			"default, light, projector, mono");
	} else if (path) {
		struct gl_diags d;
		struct gl_error err = { 0 };
		gl_diags_init(&d);
		if (gl_theme_load(&t, path, &d, &err) != GL_OK) {
			char buf[768];
			gl_error_format(&err, buf, sizeof buf);
			gl_app_message(a, true, "%s", buf);
		} else if (d.n) {
			char buf[768];
			gl_diag_format(&d.v[0], buf, sizeof buf);
			fprintf(stderr, "genomlys: %s\n", buf);
			gl_app_message(a, true, "%s", buf);
		}
		for (size_t i = 1; i < d.n; i++) {
			char buf[768];
			gl_diag_format(&d.v[i], buf, sizeof buf);
			fprintf(stderr, "genomlys: %s\n", buf);
		}
		gl_diags_finish(&d);
	}
	free(path);
	gl_theme_finish(&ui->theme);
	ui->theme = t;
	ui_theme_apply(ui);
}
