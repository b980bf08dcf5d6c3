/* The command line: ":school NAME", ":search TEXT" ... and completion of names. */
#include "genomlys/app.h"

#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "genomlys/export.h"
#include "genomlys/fs.h"
#include "genomlys/i18n.h"
#include "genomlys/import.h"
#include "genomlys/outfile.h"
#include "genomlys/num.h"
#include "genomlys/utf8.h"
#include "app_internal.h"

#define OK_REDRAW APP_OK_REDRAW

static unsigned cmd_quit(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	(void)a;
	(void)arg;
	return GL_F_HANDLED | GL_F_QUIT;
}

/* Actions that people also type as commands; every action works after ':' by its name, these
 * are listed and completed. */
static unsigned cmd_blind(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	if (!strcasecmp(arg, "on"))
		return gl_app_blind(a, true);
	if (!strcasecmp(arg, "off"))
		return gl_app_blind(a, false);
	return gl_app_blind(a, !a->blind);
}

static unsigned cmd_undo(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	(void)arg;
	return gl_app_action(a, GL_ACT_UNDO);
}

static unsigned cmd_redo(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	(void)arg;
	return gl_app_action(a, GL_ACT_REDO);
}

static unsigned cmd_codebook(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	(void)arg;
	return gl_app_switch(a, gl_app_pane_find(a, "codebook"));
}

static unsigned cmd_review(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	(void)arg;
	return gl_app_switch(a, gl_app_pane_find(a, "review"));
}

static unsigned cmd_help(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	(void)arg;
	a->help = true;
	a->help_top = 0;
	return OK_REDRAW;
}

static unsigned cmd_school(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	struct gl_error err = { 0 };
	int64_t id = 0;
	if (*arg && strcmp(arg, "-") && gl_store_school_find(a->store, arg, &id, &err) != GL_OK) {
		app_error(a, &err);
		return OK_REDRAW;
	}
	if (gl_app_set_school(a, id, &err) != GL_OK)
		app_error(a, &err);
	else if (a->school)
		gl_app_message(a, false, _("Showing %s in every pane (c: all schools)"), a->school);
	else
		gl_app_message(a, false, _("Showing every school"));
	return OK_REDRAW;
}

static unsigned cmd_group(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	struct gl_error err = { 0 };
	int64_t id = 0;
	if (*arg && strcmp(arg, "-") && gl_store_group_find(a->store, arg, &id, &err) != GL_OK) {
		app_error(a, &err);
		return OK_REDRAW;
	}
	if (gl_app_set_group(a, id, &err) != GL_OK)
		app_error(a, &err);
	else if (a->group)
		gl_app_message(a, false, _("Respondent group: %s"), a->group);
	else
		gl_app_message(a, false, _("All respondent groups"));
	return OK_REDRAW;
}

static unsigned cmd_search(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	return gl_app_search(a, arg);
}

static unsigned cmd_coder(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	if (!*arg) {
		gl_app_message(a, false, _("The active coder is %s"), a->coder);
		return OK_REDRAW;
	}
	struct gl_error err = { 0 };
	if (gl_app_set_coder(a, arg, &err) != GL_OK)
		app_error(a, &err);
	else
		gl_app_message(a, false, _("The active coder is now %s"), a->coder);
	return OK_REDRAW;
}

static unsigned cmd_pane(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	for (int i = 0; i < GL_PANE_COUNT; i++) {
		const struct gl_pane_ops *ops = a->panes[i].ops;
		if (!strcasecmp(arg, ops->name) || !strcasecmp(arg, _(ops->title)) ||
			(i < GL_PANE_TABS && arg[0] == '1' + i && !arg[1]))
			return gl_app_switch(a, i);
	}
	gl_app_message(a, true, _("No pane named '%s' (schools, surveys, letters, findings, ranking, "
		"analysis)"), arg);
	return OK_REDRAW;
}

static unsigned cmd_theme(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	if (!*arg) {
		gl_app_message(a, false, _("The theme is %s"), a->config.theme);
		return OK_REDRAW;
	}
	char *path = strcmp(arg, "default") ? gl_theme_find(arg, a->config.path) : NULL;
	if (strcmp(arg, "default") && !path) {
		gl_app_message(a, true, _("No theme named '%s' (Tab lists them)"), arg);
		return OK_REDRAW;
	}
	free(path);
	char *copy = gl_strdup(arg);
	free(a->config.theme);
	a->config.theme = copy;
	gl_app_message(a, false, _("Theme: %s"), arg);
	return OK_REDRAW | GL_F_THEME;
}

/* :write-config: one person's settings changed in this session (the theme) go back into their
 * settings file, whose other lines and comments stay as they were. */
static unsigned cmd_write_config(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	char *path = *arg ? gl_strdup(arg) : a->config.path ? gl_strdup(a->config.path)
		: gl_config_default_path();
	if (!path) {
		gl_app_message(a, true, _("There is no settings file to write (neither "
			"XDG_CONFIG_HOME nor HOME is set)"));
		return OK_REDRAW;
	}
	char *real = realpath(path, NULL);  /* a link (dotfiles) stays a link to the file written */
	if (real) {
		free(path);
		path = real;
	}
	char *dir = gl_strdup(path);
	char *slash = dir ? strrchr(dir, '/') : NULL;
	if (slash && slash != dir) {
		*slash = '\0';
		gl_mkdir_p(dir, 0700);
	}
	free(dir);
	static const char *const keys[] = { "general:theme", "general:mouse" };
	struct gl_error err = { 0 };
	if (gl_config_write(&a->config, path, keys, sizeof keys / sizeof keys[0], &err) != GL_OK)
		app_error(a, &err);
	else
		gl_app_message(a, false, _("Wrote the theme to %s"), path);
	free(path);
	return OK_REDRAW;
}

static unsigned cmd_threshold(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	double v;
	struct gl_error err = { 0 };
	char buf[32], example[32];
	/* the example with the interface language's separator: "6,5" in Swedish */
	gl_num_format(6.5, 1, example, sizeof example);
	if (!*arg) {
		app_format_value(a->threshold, buf, sizeof buf);
		gl_app_message(a, false, _("The survey threshold is %s (e.g. :threshold %s)"), buf,
			example);
		return OK_REDRAW;
	}
	if (gl_num_parse_double(arg, &v, &err) != GL_OK) {
		app_format_value(a->threshold, buf, sizeof buf);
		gl_app_message(a, true, _("%s: the threshold stays %s (e.g. :threshold %s)"),
			err.message, buf, example);
		return OK_REDRAW;
	}
	return app_setting_threshold(a, v);
}

static unsigned cmd_groups(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	if (!*arg) {
		struct gl_str list = GL_STR_INIT;
		for (size_t i = 0; i < a->ngroups; i++)
			gl_str_printf(&list, "%s%s", i ? ", " : "", a->groups[i]);
		gl_app_message(a, false, _("Groups shown: %s (e.g. :columns lärare, elever; '-': the "
			"default)"), gl_str_cstr(&list));
		gl_str_finish(&list);
		return OK_REDRAW;
	}
	return app_setting_groups(a, strcmp(arg, "-") ? arg : "");
}

static unsigned cmd_dot_budget(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	int64_t n;
	struct gl_error err = { 0 };
	if (!*arg) {
		gl_app_message(a, false, _("Each participant has %d dots in dot voting (e.g. "
			":dot-budget 5; 1 to 100)"), a->dot_budget);
		return OK_REDRAW;
	}
	if (gl_num_parse_int64(arg, 1, 100, &n, &err) != GL_OK) {
		gl_app_message(a, true, _("%s: each participant keeps %d dots (1 to 100)"),
			err.message, a->dot_budget);
		return OK_REDRAW;
	}
	return app_setting_dot_budget(a, (int)n);
}

static unsigned cmd_keep_names(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	bool on = !strcmp(arg, "on"), off = !strcmp(arg, "off");
	if (!on && !off) {
		gl_app_message(a, *arg != '\0', app_setting_keep_names_get(a) ? _("Plans and exports "
			"name the letters' authors (:keep-names off gives pseudonyms)") : _("Plans and "
			"exports give pseudonyms such as Elev 3 (:keep-names on names the authors)"));
		return OK_REDRAW;
	}
	return app_setting_keep_names(a, on);
}

static unsigned cmd_survey(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	struct app_sets sets;
	struct gl_error err = { 0 };
	if (app_sets_load(a, &sets, &err) != GL_OK) {
		app_sets_finish(&sets);
		app_error(a, &err);
		return OK_REDRAW;
	}
	/* "NAME [YEAR]": the year is the last word when it is a number. */
	char *name = gl_strdup(arg);
	if (!name) {
		app_sets_finish(&sets);
		return OK_REDRAW;
	}
	int year = 0;
	char *sp = strrchr(name, ' ');
	if (sp && sp[1] && strspn(sp + 1, "0123456789") == strlen(sp + 1) && strlen(sp + 1) <= 4) {
		year = atoi(sp + 1);
		*sp = '\0';
	} else if (strspn(name, "0123456789") == strlen(name) && *name && strlen(name) <= 4) {
		year = atoi(name);
		name[0] = '\0';
	}
	size_t pick = sets.n;
	for (size_t i = 0; i < sets.n && pick == sets.n; i++)
		if ((!*name || !strcasecmp(sets.v[i].survey, name)) && (!year || sets.v[i].year == year))
			pick = i;
	if (pick == sets.n)
		gl_app_message(a, true, _("No survey results for '%s'"), arg);
	else
		app_setting_survey(a, sets.v[pick].survey, sets.v[pick].year);
	app_sets_finish(&sets);
	free(name);
	return OK_REDRAW;
}

static unsigned cmd_clear(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	(void)arg;
	return gl_app_action(a, GL_ACT_CLEAR_FILTER);
}

/* Files the user names: written at once when new, after a question when they exist (NAME!
 * replaces without asking), never onto the project (<genomlys/outfile.h>). */
enum write_what { WRITE_DISPLAY, WRITE_CODEBOOK, WRITE_WORKBOOK };

static unsigned save_display(struct gl_app *a, const char *path, unsigned flags)
{
	char *copy = gl_strdup(path);
	free(a->save_display_path);
	a->save_display_path = copy;
	a->save_display_flags = flags;
	return OK_REDRAW | GL_F_SAVE_DISPLAY;
}

static unsigned codebook_export(struct gl_app *a, const char *path, unsigned flags)
{
	struct gl_error err = { 0 };
	if (gl_export_codebook_csv_file(a->store, path, flags, &err) != GL_OK)
		app_error(a, &err);
	else
		gl_app_message(a, false, _("Wrote the codebook to %s"), path);
	return OK_REDRAW;
}

static int workbook_progress(void *ctx, int64_t done, int64_t total)
{
	struct gl_app *a = ctx;
	return a->progress && a->progress(a->progress_ctx, _("Writing the workbook"), done, total);
}

/* The workbook (docs/export.md): the interface's language, pseudonyms, the session's
 * threshold; the library's messages caught, never on the screen. Written on a thread of its
 * own with its own connection and read transaction (gl_export_job_*), so that the interface
 * goes on: gl_app_poll shows the progress and the end, Esc stops it. */
static unsigned workbook_export(struct gl_app *a, const char *path, unsigned flags)
{
	(void)workbook_progress;
	if (a->export_job) {
		gl_app_message(a, true, _("A workbook is being written already (Esc stops it)"));
		return OK_REDRAW;
	}
	struct gl_error err = { 0 };
	struct gl_export_options o = { .force = (flags & GL_OUTFILE_FORCE) != 0,
		.lang = gl_export_lang_default(), .quiet = true, .threshold = a->threshold };
	char *copy = gl_strdup(path);
	if (!copy || gl_export_job_start(gl_store_path(a->store), path, &o, &a->export_job,
		&err) != GL_OK) {
		free(copy);
		if (!err.message[0])
			gl_error_set(&err, GL_ENOMEM, _("out of memory"));
		app_error(a, &err);
		return OK_REDRAW;
	}
	a->export_path = copy;
	a->export_shown = -1;
	app_export_poll(a);
	return OK_REDRAW;
}

static void export_end(struct gl_app *a)
{
	struct gl_error err = { 0 };
	enum gl_status st = gl_export_job_finish(a->export_job, &err);
	a->export_job = NULL;
	if (st == GL_OK)
		gl_app_message(a, false, _("Wrote the workbook to %s"), a->export_path);
	else if (st == GL_ECANCELLED)
		gl_app_message(a, false, _("The export was stopped: nothing was written"));
	else
		app_error(a, &err);
	free(a->export_path);
	a->export_path = NULL;
}

unsigned app_export_poll(struct gl_app *a)
{
	if (!a->export_job)
		return 0;
	int64_t done, total;
	if (gl_export_job_progress(a->export_job, &done, &total)) {
		export_end(a);
		return GL_F_REDRAW;
	}
	int pct = total > 0 ? (int)(done * 100 / total) : 0;
	if (pct > 100)
		pct = 100;
	if (pct == a->export_shown && a->message.len)  /* a key clears the status bar */
		return 0;
	a->export_shown = pct;
	gl_app_message(a, false, _("%s… %d%% (Esc stops)"), _("Writing the workbook"), pct);
	return GL_F_REDRAW;
}

void app_export_stop(struct gl_app *a, bool wait)
{
	if (!a->export_job)
		return;
	gl_export_job_cancel(a->export_job);
	if (wait) {
		struct gl_error err = { 0 };
		gl_export_job_finish(a->export_job, &err);
		a->export_job = NULL;
		free(a->export_path);
		a->export_path = NULL;
	} else {
		gl_app_message(a, false, _("Stopping the export…"));
	}
}

bool gl_app_busy(const struct gl_app *a)
{
	for (int i = 0; i < GL_PANE_COUNT; i++)
		if (a->panes[i].ops && a->panes[i].ops->busy &&
			a->panes[i].ops->busy(&a->panes[i]))
			return true;
	return a->export_job != NULL;
}

static unsigned write_now(struct gl_app *a, enum write_what what, const char *path,
	unsigned flags)
{
	return what == WRITE_DISPLAY ? save_display(a, path, flags)
		: what == WRITE_WORKBOOK ? workbook_export(a, path, flags)
		: codebook_export(a, path, flags);
}

struct replace_ctx {
	enum write_what what;
	char *path;
};

static void replace_ctx_free(void *p)
{
	struct replace_ctx *c = p;
	free(c->path);
	free(c);
}

static unsigned replace_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	(void)r;
	struct replace_ctx *c = ctx;
	return write_now(a, c->what, c->path, GL_OUTFILE_FORCE);
}

static unsigned write_file(struct gl_app *a, const char *command, enum write_what what,
	const char *path, bool force)
{
	if (!*path) {
		gl_app_message(a, true, _("%s needs a file name"), command);
		return OK_REDRAW;
	}
	struct gl_error err = { 0 };
	unsigned flags = force ? GL_OUTFILE_FORCE : 0;
	enum gl_status st = gl_outfile_check(path, gl_store_path(a->store), flags, &err);
	if (st == GL_EEXIST) {
		struct replace_ctx *c = app_dialog_ctx(sizeof *c);
		if (!c || !(c->path = gl_strdup(path))) {
			free(c);
			return OK_REDRAW;
		}
		c->what = what;
		struct gl_str q = GL_STR_INIT;
		gl_str_printf(&q, _("%s exists already. Replace it? (y/n)"), path);
		struct gl_dialog d = { "replace-file", replace_accept, c, replace_ctx_free };
		app_confirm_open(a, &d, gl_str_cstr(&q));
		gl_str_finish(&q);
		return OK_REDRAW;
	}
	if (st != GL_OK) {
		app_error(a, &err);
		return OK_REDRAW;
	}
	return write_now(a, what, path, flags);
}

static unsigned cmd_save_display(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	return write_file(a, "save-display", WRITE_DISPLAY, arg, false);
}

static unsigned cmd_save_display_bang(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	return write_file(a, "save-display", WRITE_DISPLAY, arg, true);
}

/* :export without a file: "<project name>-<date>.xlsx" beside the project
 * (gl_export_default_name). */
static char *workbook_default_path(const struct gl_app *a)
{
	const char *db = gl_store_path(a->store);
	const char *slash = strrchr(db, '/');
	struct gl_str path = GL_STR_INIT;
	if (slash)
		gl_str_append(&path, db, (size_t)(slash - db + 1));
	time_t now = time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	int64_t v;
	if (sde && *sde && gl_num_parse_int64(sde, 0, INT64_MAX / 2, &v, NULL) == GL_OK)
		now = (time_t)v;
	struct tm tm;
	localtime_r(&now, &tm);
	char *name = gl_export_default_name(a->project, tm.tm_year + 1900, tm.tm_mon + 1,
		tm.tm_mday);
	if (!name) {
		gl_str_finish(&path);
		return NULL;
	}
	gl_str_puts(&path, name);
	free(name);
	return gl_str_steal(&path);
}

/* :export FILE: a name without an extension gets .xlsx; any other extension is refused. */
static unsigned export_workbook(struct gl_app *a, const char *arg, bool force)
{
	struct gl_error err = { 0 };
	char *path = NULL;
	if (!*arg) {
		path = workbook_default_path(a);
	} else if (!gl_export_name_has_extension(arg)) {
		struct gl_str p = GL_STR_INIT;
		gl_str_printf(&p, "%s.xlsx", arg);
		path = gl_str_steal(&p);
	} else if (gl_export_xlsx_name_check(arg, &err) != GL_OK) {
		app_error(a, &err);
		return OK_REDRAW;
	} else {
		path = gl_strdup(arg);
	}
	if (!path)
		return OK_REDRAW;
	unsigned rc = write_file(a, "export", WRITE_WORKBOOK, path, force);
	free(path);
	return rc;
}

static unsigned cmd_export(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	return export_workbook(a, arg, false);
}

static unsigned cmd_export_bang(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	return export_workbook(a, arg, true);
}

static unsigned cmd_codebook_export(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	return write_file(a, "codebook-export", WRITE_CODEBOOK, arg, false);
}

static unsigned cmd_codebook_export_bang(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	return write_file(a, "codebook-export", WRITE_CODEBOOK, arg, true);
}

/* One undo step: the whole import comes back out with u. */
static unsigned cmd_codebook_import(struct gl_app *a, struct gl_pane *p, const char *arg)
{
	(void)p;
	if (!*arg) {
		gl_app_message(a, true, _("codebook-import needs a file name"));
		return OK_REDRAW;
	}
	struct gl_error err = { 0 };
	struct gl_import_summary sum = { 0 };
	enum gl_status st = gl_history_begin(a->history, &err);
	if (st == GL_OK) {
		st = gl_import_codebook(a->store, arg, NULL, &sum, &err);
		st = gl_history_end(a->history, _("import codebook"), st, &err);
	}
	if (st != GL_OK) {
		app_error(a, &err);
		return OK_REDRAW;
	}
	struct gl_str line = GL_STR_INIT;
	gl_import_summary_codebook(&sum, &line);
	gl_app_message(a, false, "%s", gl_str_cstr(&line));
	gl_str_finish(&line);
	gl_app_invalidate(a);
	return OK_REDRAW;
}

static const struct gl_command commands[] = {
	{ "school", N_("[NAME|-]"), N_("show one school in every pane; '-' or nothing: all"),
		cmd_school, GL_COMPLETE_SCHOOL },
	{ "group", N_("[NAME|-]"), N_("show one respondent group; '-' or nothing: all"),
		cmd_group, GL_COMPLETE_GROUP },
	{ "search", N_("[WORDS]"), N_("search the letters (full text); nothing: clear"),
		cmd_search, GL_COMPLETE_NONE },
	{ "survey", N_("[NAME] [YEAR]"), N_("choose the survey and year"), cmd_survey,
		GL_COMPLETE_SURVEY },
	{ "coder", N_("[NAME]"), N_("set the active coder"), cmd_coder, GL_COMPLETE_CODER },
	{ "pane", N_("NAME"), N_("show a pane: schools, surveys, letters, findings, ranking, "
		"analysis"), cmd_pane,
		GL_COMPLETE_PANE },
	{ "theme", N_("[NAME]"), N_("switch the colour theme"), cmd_theme, GL_COMPLETE_THEME },
	{ "write-config", N_("[FILE]"), N_("save the theme in your settings file (keeping its "
		"other lines)"), cmd_write_config, GL_COMPLETE_NONE },
	{ "columns", N_("[GROUP, ...|-]"), N_("the respondent groups shown as columns (saved in "
		"the project)"), cmd_groups, GL_COMPLETE_GROUP },
	{ "dot-budget", N_("[N]"), N_("dots per participant in dot voting (saved in the project)"),
		cmd_dot_budget, GL_COMPLETE_NONE },
	{ "threshold", N_("[NUMBER]"), N_("mark survey results below this value (saved in the "
		"project)"), cmd_threshold,
		GL_COMPLETE_NONE },
	{ "keep-names", N_("[on|off]"), N_("authors' names or pseudonyms in plans (saved in the "
		"project)"), cmd_keep_names, GL_COMPLETE_NONE },
	{ "clear", "", N_("show all schools, groups and letters again"), cmd_clear,
		GL_COMPLETE_NONE },
	{ "save-display", N_("FILE"), N_("write the screen as text to FILE (for tests; ! "
		"replaces FILE)"),
		cmd_save_display, GL_COMPLETE_NONE },
	{ "codebook-export", N_("FILE"), N_("write the codebook as CSV to FILE (! replaces "
		"FILE)"),
		cmd_codebook_export, GL_COMPLETE_NONE },
	{ "export", N_("[FILE]"), N_("write the workbook in the background (.xlsx; ! replaces; Esc "
		"stops it)"), cmd_export, GL_COMPLETE_NONE },
	{ "codebook-import", N_("FILE"), N_("import a codebook CSV (u undoes it)"),
		cmd_codebook_import, GL_COMPLETE_NONE },
	{ "blind", N_("[on|off]"), N_("show only the active coder's work (again: everyone's)"),
		cmd_blind, GL_COMPLETE_NONE },
	{ "undo", "", N_("undo the last change of this session"), cmd_undo, GL_COMPLETE_NONE },
	{ "redo", "", N_("redo what was undone"), cmd_redo, GL_COMPLETE_NONE },
	{ "codebook", "", N_("show the codebook"), cmd_codebook, GL_COMPLETE_NONE },
	{ "review", "", N_("review all codings (facilitator view)"), cmd_review, GL_COMPLETE_NONE },
	{ "help", "", N_("show the keys and commands"), cmd_help, GL_COMPLETE_NONE },
	{ "quit", "", N_("quit genomlys"), cmd_quit, GL_COMPLETE_NONE },
	/* privacy (issue 16): privacy.c */
	{ "log", N_("[CODER]"), N_("show who changed what and when (the audit log)"), app_cmd_log,
		GL_COMPLETE_CODER },
	{ "erase", N_("author NAME|letter ID|school NAME"), N_("erase letters and what goes with "
		"them, bytes and all (asks first; cannot be undone)"), app_cmd_erase, GL_COMPLETE_NONE },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* "NAME! FILE": the commands that write a file, allowed to replace an existing one. */
static const struct gl_command bang_commands[] = {
	{ "save-display!", "", "", cmd_save_display_bang, GL_COMPLETE_NONE },
	{ "codebook-export!", "", "", cmd_codebook_export_bang, GL_COMPLETE_NONE },
	{ "export!", "", "", cmd_export_bang, GL_COMPLETE_NONE },
};

/* The i-th command: the global ones, then each pane's own; *owner is the pane (or NULL). */
static const struct gl_command *command_at(const struct gl_app *a, size_t i,
	const struct gl_pane **owner)
{
	*owner = NULL;
	if (i < NCOMMANDS)
		return &commands[i];
	i -= NCOMMANDS;
	for (int k = 0; k < GL_PANE_COUNT; k++) {
		const struct gl_pane *p = &a->panes[k];
		if (i < p->ops->ncommands) {
			*owner = p;
			return &p->ops->commands[i];
		}
		i -= p->ops->ncommands;
	}
	return NULL;
}

size_t gl_command_count(const struct gl_app *a)
{
	size_t n = NCOMMANDS;
	for (int k = 0; k < GL_PANE_COUNT; k++)
		n += a->panes[k].ops->ncommands;
	return n;
}

void gl_command_info(const struct gl_app *a, size_t i, const char **name, const char **args,
	const char **help)
{
	const struct gl_pane *owner;
	const struct gl_command *c = command_at(a, i, &owner);
	*name = c ? c->name : "";
	*args = c && c->args[0] ? _(c->args) : "";
	*help = c ? _(c->help) : "";
}

/* The command named name (any case), NULL when none. */
static const struct gl_command *command_find(struct gl_app *a, const char *name, size_t len,
	struct gl_pane **owner)
{
	size_t n = gl_command_count(a);
	for (size_t i = 0; i < n; i++) {
		const struct gl_pane *o;
		const struct gl_command *c = command_at(a, i, &o);
		if (strlen(c->name) == len && !strncasecmp(c->name, name, len)) {
			*owner = (struct gl_pane *)o;
			return c;
		}
	}
	return NULL;
}

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The commands allowed while a pane holds the screen for one person: they neither leave the
 * pane nor show another. */
static bool command_harmless(const struct gl_command *cmd)
{
	return cmd->run == cmd_help || cmd->run == cmd_quit || cmd->run == cmd_save_display ||
		cmd->run == cmd_save_display_bang;
}

unsigned gl_app_command(struct gl_app *a, const char *line)
{
	line = skip_space(line);
	size_t n = strcspn(line, " \t");
	if (n == 0)
		return GL_F_HANDLED;
	char word[64];
	snprintf(word, sizeof word, "%.*s", (int)(n < 63 ? n : 63), line);
	struct gl_str arg = GL_STR_INIT;
	gl_str_puts(&arg, skip_space(line + n));
	while (arg.len && (arg.buf[arg.len - 1] == ' ' || arg.buf[arg.len - 1] == '\t'))
		arg.buf[--arg.len] = '\0';
	unsigned flags = 0;
	struct gl_pane *owner = NULL;
	const struct gl_command *cmd = command_find(a, word, strlen(word), &owner);
	for (size_t i = 0; !cmd && i < sizeof bang_commands / sizeof bang_commands[0]; i++)
		if (!strcasecmp(word, bang_commands[i].name))
			cmd = &bang_commands[i];
	struct gl_pane *shown = &a->panes[a->pane];
	if (cmd && shown->ops->holds_screen && shown->ops->holds_screen(shown) &&
		!command_harmless(cmd)) {
		gl_app_message(a, true, "%s", _("Finish or discard the turn first (Enter submits, "
			"Esc discards)"));
		flags = OK_REDRAW;
	} else if (cmd) {
		flags = cmd->run(a, owner, gl_str_cstr(&arg));
	}
	if (!flags) {
		/* Every action is a command too (tig's ":move-down"). */
		enum gl_action act = gl_action_from_name(word);
		if (act != GL_ACT_NONE)
			flags = gl_app_action(a, act) | GL_F_HANDLED | GL_F_REDRAW;
	}
	if (!flags) {
		gl_app_message(a, true, _("Unknown command '%s' (Tab completes, :help lists them)"),
			word);
		flags = OK_REDRAW;
	}
	gl_str_finish(&arg);
	return flags;
}

/* ---- Completion ---- */

struct candidates {
	const char *prefix;   /* case-folded */
	char **v;
	size_t n, cap;
};

static void cand_add(struct candidates *c, const char *name, size_t len)
{
	struct gl_str fold = GL_STR_INIT;
	if (gl_utf8_fold(name, len, &fold) != GL_OK ||
		strncmp(gl_str_cstr(&fold), c->prefix, strlen(c->prefix))) {
		gl_str_finish(&fold);
		return;
	}
	gl_str_finish(&fold);
	for (size_t i = 0; i < c->n; i++)
		if (strlen(c->v[i]) == len && !memcmp(c->v[i], name, len))
			return;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		char **v = realloc(c->v, cap * sizeof *v);
		if (!v)
			return;
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = strndup(name, len);
}

static int cand_row(void *ctx, const struct gl_row *row)
{
	struct candidates *c = ctx;
	/* the name column differs per list: the first text column named name or survey */
	for (int i = 0; i < row->ncols; i++) {
		if (!strcmp(row->names[i], "name") || !strcmp(row->names[i], "survey")) {
			if (row->values[i].type == GL_VAL_TEXT)
				cand_add(c, row->values[i].s, row->values[i].len);
			break;
		}
	}
	return 0;
}

/* groups: id, uuid, key, name_sv, name_en, letters, name: the name shown (the interface's
 * language); the other language's when a prefix is typed, as input takes both. */
static int group_cand_row(void *ctx, const struct gl_row *row)
{
	struct candidates *c = ctx;
	static const int cols[] = { 6, 3, 4 };
	for (size_t i = 0; i < sizeof cols / sizeof cols[0] && (i == 0 || *c->prefix); i++)
		if (row->values[cols[i]].type == GL_VAL_TEXT)
			cand_add(c, row->values[cols[i]].s, row->values[cols[i]].len);
	return 0;
}

static int code_cand_row(void *ctx, const struct gl_row *row)
{
	struct candidates *c = ctx;
	/* codes: id, uuid, parent_id, path, ...: the path names a code however deep */
	if (row->values[3].type == GL_VAL_TEXT)
		cand_add(c, row->values[3].s, row->values[3].len);
	return 0;
}

static void candidates_for(struct gl_app *a, enum gl_complete kind, struct candidates *c)
{
	switch (kind) {
	case GL_COMPLETE_SCHOOL:
		cand_add(c, "-", 1);
		gl_store_list(a->store, GL_LIST_SCHOOLS, NULL, 0, 1000, cand_row, c, NULL);
		break;
	case GL_COMPLETE_GROUP:
		gl_store_list(a->store, GL_LIST_GROUPS, NULL, 0, 100, group_cand_row, c, NULL);
		break;
	case GL_COMPLETE_CODER:
		gl_store_list(a->store, GL_LIST_CODERS, NULL, 0, 1000, cand_row, c, NULL);
		break;
	case GL_COMPLETE_PANE:
		for (int i = 0; i < GL_PANE_COUNT; i++)
			cand_add(c, a->panes[i].ops->name, strlen(a->panes[i].ops->name));
		break;
	case GL_COMPLETE_THEME: {
		size_t n;
		char **names = gl_theme_list(a->config.path, &n);
		for (size_t i = 0; names && i < n; i++)
			cand_add(c, names[i], strlen(names[i]));
		gl_strv_free(names, names ? n : 0);
		break;
	}
	case GL_COMPLETE_SURVEY: {
		struct app_sets sets;
		if (app_sets_load(a, &sets, NULL) == GL_OK)
			for (size_t i = 0; i < sets.n; i++)
				cand_add(c, sets.v[i].survey, strlen(sets.v[i].survey));
		app_sets_finish(&sets);
		break;
	}
	case GL_COMPLETE_CODE:
		cand_add(c, "-", 1);
		gl_store_list(a->store, GL_LIST_CODES, NULL, 0, 5000, code_cand_row, c, NULL);
		break;
	case GL_COMPLETE_NONE:
		break;
	}
}

/* Bytes that every candidate shares (whole UTF-8 characters, exact case). */
static size_t common_prefix(char **v, size_t n)
{
	size_t len = strlen(v[0]);
	for (size_t i = 1; i < n; i++) {
		size_t k = 0;
		while (k < len && v[i][k] == v[0][k])
			k++;
		len = k;
	}
	while (len > 0 && ((unsigned char)v[0][len] & 0xc0) == 0x80)
		len--;
	return len;
}

bool gl_app_complete(struct gl_app *a, const char *line, struct gl_str *out,
	struct gl_str *choices)
{
	gl_str_clear(out);
	gl_str_clear(choices);
	const char *start = skip_space(line);
	size_t n = strcspn(start, " \t");
	bool in_arg = start[n] != '\0';
	struct candidates c = { 0 };
	struct gl_str fold = GL_STR_INIT;
	const char *word;
	size_t head;  /* bytes of line kept before the completed word */
	if (!in_arg) {
		word = start;
		head = (size_t)(start - line);
		gl_utf8_fold(word, strlen(word), &fold);
		c.prefix = gl_str_cstr(&fold);
		size_t ncmd = gl_command_count(a);
		for (size_t i = 0; i < ncmd; i++) {
			const struct gl_pane *o;
			const struct gl_command *k = command_at(a, i, &o);
			cand_add(&c, k->name, strlen(k->name));
		}
	} else {
		struct gl_pane *owner;
		const struct gl_command *cmd = command_find(a, start, n, &owner);
		word = skip_space(start + n);
		head = (size_t)(word - line);
		gl_utf8_fold(word, strlen(word), &fold);
		c.prefix = gl_str_cstr(&fold);
		if (cmd)
			candidates_for(a, cmd->complete, &c);
	}
	bool changed = false;
	if (c.n > 0) {
		size_t keep = c.n == 1 ? strlen(c.v[0]) : common_prefix(c.v, c.n);
		gl_str_append(out, line, head);
		/* The typed word stays as typed unless the candidates agree on more. */
		if (keep >= strlen(word)) {
			gl_str_append(out, c.v[0], keep);
		} else {
			gl_str_puts(out, word);
		}
		if (c.n == 1 && !in_arg)
			gl_str_putc(out, ' ');
		changed = strcmp(gl_str_cstr(out), line) != 0;
		if (c.n > 1) {
			for (size_t i = 0; i < c.n; i++)
				gl_str_printf(choices, "%s%s", i ? "  " : "", c.v[i]);
		}
	} else {
		gl_str_puts(out, line);
	}
	for (size_t i = 0; i < c.n; i++)
		free(c.v[i]);
	free(c.v);
	gl_str_finish(&fold);
	return changed;
}
