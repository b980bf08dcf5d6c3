/* The command line: ":school NAME", ":search TEXT" ... and completion of names. */
#include "genomlys/app.h"

#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "genomlys/export.h"
#include "genomlys/i18n.h"
#include "genomlys/import.h"
#include "genomlys/num.h"
#include "genomlys/outfile.h"
#include "genomlys/utf8.h"
#include "app_internal.h"

enum complete_kind { COMPLETE_NONE, COMPLETE_SCHOOL, COMPLETE_GROUP, COMPLETE_CODER,
	COMPLETE_PANE, COMPLETE_THEME, COMPLETE_SURVEY };

struct command_def {
	const char *name;
	const char *args;  /* N_() */
	const char *help;  /* N_() */
	unsigned (*run)(struct gl_app *a, const char *arg);
	enum complete_kind complete;
};

#define OK_REDRAW (GL_F_HANDLED | GL_F_REDRAW)

static unsigned cmd_quit(struct gl_app *a, const char *arg)
{
	(void)a;
	(void)arg;
	return GL_F_HANDLED | GL_F_QUIT;
}

static unsigned cmd_help(struct gl_app *a, const char *arg)
{
	(void)arg;
	a->help = true;
	a->help_top = 0;
	return OK_REDRAW;
}

static unsigned cmd_school(struct gl_app *a, const char *arg)
{
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

static unsigned cmd_group(struct gl_app *a, const char *arg)
{
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

static unsigned cmd_search(struct gl_app *a, const char *arg)
{
	return gl_app_search(a, arg);
}

static unsigned cmd_coder(struct gl_app *a, const char *arg)
{
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

static unsigned cmd_pane(struct gl_app *a, const char *arg)
{
	for (int i = 0; i < GL_PANE_COUNT; i++) {
		const struct gl_pane_ops *ops = a->panes[i].ops;
		if (!strcasecmp(arg, ops->name) || !strcasecmp(arg, _(ops->title)) ||
			(arg[0] == '1' + i && !arg[1]))
			return gl_app_switch(a, i);
	}
	gl_app_message(a, true, _("No pane named '%s' (schools, surveys, letters, findings)"), arg);
	return OK_REDRAW;
}

static unsigned cmd_theme(struct gl_app *a, const char *arg)
{
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

static unsigned cmd_threshold(struct gl_app *a, const char *arg)
{
	char buf[64];
	double v;
	if (!*arg || gl_num_parse_double(arg, &v, NULL) != GL_OK) {
		app_format_value(a->config.survey_threshold, buf, sizeof buf);
		gl_app_message(a, !*arg ? false : true, _("The survey threshold is %s (e.g. "
			":threshold 6.5)"), buf);
		return OK_REDRAW;
	}
	a->config.survey_threshold = v;
	gl_app_invalidate(a);
	app_format_value(v, buf, sizeof buf);
	gl_app_message(a, false, _("Survey results below %s are marked"), buf);
	return OK_REDRAW;
}

static unsigned cmd_survey(struct gl_app *a, const char *arg)
{
	struct app_sets sets;
	struct gl_error err = { 0 };
	if (app_sets_load(a, &sets, &err) != GL_OK) {
		app_sets_finish(&sets);
		app_error(a, &err);
		return OK_REDRAW;
	}
	/* "NAME [YEAR]": the year is the last word when it is a number. */
	char name[256];
	snprintf(name, sizeof name, "%s", arg);
	int year = 0;
	char *sp = strrchr(name, ' ');
	if (sp && sp[1] && strspn(sp + 1, "0123456789") == strlen(sp + 1)) {
		year = atoi(sp + 1);
		*sp = '\0';
	} else if (strspn(name, "0123456789") == strlen(name) && *name) {
		year = atoi(name);
		name[0] = '\0';
	}
	size_t pick = sets.n;
	for (size_t i = 0; i < sets.n && pick == sets.n; i++)
		if ((!*name || !strcasecmp(sets.v[i].survey, name)) && (!year || sets.v[i].year == year))
			pick = i;
	if (pick == sets.n) {
		gl_app_message(a, true, _("No survey results for '%s'"), arg);
	} else {
		app_set_survey(a, sets.v[pick].survey, sets.v[pick].year);
		gl_app_invalidate(a);
		gl_app_message(a, false, _("Survey: %s %d"), a->survey, a->year);
	}
	app_sets_finish(&sets);
	return OK_REDRAW;
}

static unsigned cmd_clear(struct gl_app *a, const char *arg)
{
	(void)arg;
	return gl_app_action(a, GL_ACT_CLEAR_FILTER);
}

/* What a confirmed replacement writes (modal.target of APP_P_REPLACE_FILE). */
enum { REPLACE_SAVE_DISPLAY, REPLACE_CODEBOOK };

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

/* Writes a file the user named: at once when it is new, after a question when it exists
 * (NAME! replaces without asking), never onto the project (<genomlys/outfile.h>). */
static unsigned write_file(struct gl_app *a, const char *command, int what, const char *path,
	bool force)
{
	if (!*path) {
		gl_app_message(a, true, _("%s needs a file name"), command);
		return OK_REDRAW;
	}
	struct gl_error err = { 0 };
	unsigned flags = force ? GL_OUTFILE_FORCE : 0;
	enum gl_status st = gl_outfile_check(path, gl_store_path(a->store), flags, &err);
	if (st == GL_EEXIST) {
		struct gl_str q = GL_STR_INIT;
		gl_str_printf(&q, _("%s exists already. Replace it? (y/n)"), path);
		app_confirm_open(a, APP_P_REPLACE_FILE, gl_str_cstr(&q));
		gl_str_finish(&q);
		a->modal.target = what;
		a->modal.pending = gl_strdup(path);
		return OK_REDRAW;
	}
	if (st != GL_OK) {
		app_error(a, &err);
		return OK_REDRAW;
	}
	return what == REPLACE_SAVE_DISPLAY ? save_display(a, path, flags)
		: codebook_export(a, path, flags);
}

unsigned app_replace_accept(struct gl_app *a)
{
	char *path = a->modal.pending;
	int what = (int)a->modal.target;
	a->modal.pending = NULL;
	app_modal_close(a);
	unsigned f = what == REPLACE_SAVE_DISPLAY ? save_display(a, path, GL_OUTFILE_FORCE)
		: codebook_export(a, path, GL_OUTFILE_FORCE);
	free(path);
	return f;
}

static unsigned cmd_save_display(struct gl_app *a, const char *arg)
{
	return write_file(a, "save-display", REPLACE_SAVE_DISPLAY, arg, false);
}

static unsigned cmd_save_display_bang(struct gl_app *a, const char *arg)
{
	return write_file(a, "save-display", REPLACE_SAVE_DISPLAY, arg, true);
}

static unsigned cmd_codebook_export(struct gl_app *a, const char *arg)
{
	return write_file(a, "codebook-export", REPLACE_CODEBOOK, arg, false);
}

static unsigned cmd_codebook_export_bang(struct gl_app *a, const char *arg)
{
	return write_file(a, "codebook-export", REPLACE_CODEBOOK, arg, true);
}

/* One undo step: the whole import comes back out with u. */
static unsigned cmd_codebook_import(struct gl_app *a, const char *arg)
{
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

/* Sets one of the review's filters (a code or a coder; '-' or nothing: all) and shows it. */
static unsigned review_filter(struct gl_app *a, const char *arg, bool code)
{
	struct gl_error err = { 0 };
	int64_t id = 0;
	if (*arg && strcmp(arg, "-") &&
		(code ? gl_store_code_find(a->store, arg, &id, &err)
			: gl_store_coder_find(a->store, arg, &id, &err)) != GL_OK) {
		app_error(a, &err);
		return OK_REDRAW;
	}
	char **name = code ? &a->review_code : &a->review_coder;
	free(*name);
	*name = id ? gl_strdup(arg) : NULL;
	if (code)
		a->review_code_id = id;
	else
		a->review_coder_id = id;
	gl_app_invalidate(a);
	return a->pane == GL_PANE_REVIEW ? OK_REDRAW : gl_app_switch(a, GL_PANE_REVIEW);
}

static unsigned cmd_review_code(struct gl_app *a, const char *arg)
{
	return review_filter(a, arg, true);
}

static unsigned cmd_review_coder(struct gl_app *a, const char *arg)
{
	return review_filter(a, arg, false);
}

static const struct command_def commands[] = {
	{ "school", N_("[NAME|-]"), N_("show one school in every pane; '-' or nothing: all"),
		cmd_school, COMPLETE_SCHOOL },
	{ "group", N_("[NAME|-]"), N_("show one respondent group; '-' or nothing: all"),
		cmd_group, COMPLETE_GROUP },
	{ "search", N_("[WORDS]"), N_("search the letters (full text); nothing: clear"),
		cmd_search, COMPLETE_NONE },
	{ "survey", N_("[NAME] [YEAR]"), N_("choose the survey and year"), cmd_survey,
		COMPLETE_SURVEY },
	{ "coder", N_("[NAME]"), N_("set the active coder"), cmd_coder, COMPLETE_CODER },
	{ "pane", N_("NAME"), N_("show a pane: schools, surveys, letters, findings"), cmd_pane,
		COMPLETE_PANE },
	{ "theme", N_("[NAME]"), N_("switch the colour theme"), cmd_theme, COMPLETE_THEME },
	{ "threshold", N_("[NUMBER]"), N_("mark survey results below this value"), cmd_threshold,
		COMPLETE_NONE },
	{ "clear", "", N_("show all schools, groups and letters again"), cmd_clear,
		COMPLETE_NONE },
	{ "save-display", N_("FILE"), N_("write the screen as text to FILE (for tests; ! "
		"replaces FILE)"),
		cmd_save_display, COMPLETE_NONE },
	{ "review-code", N_("[CODE|-]"), N_("review the codings of one code (and the codes under "
		"it); '-': all"), cmd_review_code, COMPLETE_NONE },
	{ "review-coder", N_("[NAME|-]"), N_("review one coder's codings; '-': all"),
		cmd_review_coder, COMPLETE_CODER },
	{ "codebook-export", N_("FILE"), N_("write the codebook as CSV to FILE (! replaces "
		"FILE)"),
		cmd_codebook_export, COMPLETE_NONE },
	{ "codebook-import", N_("FILE"), N_("import a codebook CSV (u undoes it)"),
		cmd_codebook_import, COMPLETE_NONE },
	{ "help", "", N_("show the keys and commands"), cmd_help, COMPLETE_NONE },
	{ "quit", "", N_("quit genomlys"), cmd_quit, COMPLETE_NONE },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* "NAME! FILE": the commands that write a file, allowed to replace an existing one. */
static const struct {
	const char *name;
	unsigned (*run)(struct gl_app *a, const char *arg);
} bang_commands[] = {
	{ "save-display!", cmd_save_display_bang },
	{ "codebook-export!", cmd_codebook_export_bang },
};

size_t gl_command_count(void)
{
	return NCOMMANDS;
}

void gl_command_info(size_t i, const char **name, const char **args, const char **help)
{
	*name = commands[i].name;
	*args = commands[i].args[0] ? _(commands[i].args) : "";
	*help = _(commands[i].help);
}

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
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
	for (size_t i = 0; i < NCOMMANDS && !flags; i++)
		if (!strcasecmp(word, commands[i].name))
			flags = commands[i].run(a, gl_str_cstr(&arg));
	for (size_t i = 0; i < sizeof bang_commands / sizeof bang_commands[0] && !flags; i++)
		if (!strcasecmp(word, bang_commands[i].name))
			flags = bang_commands[i].run(a, gl_str_cstr(&arg));
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
	/* the name column differs per list: the first text column named name/name_sv/survey */
	for (int i = 0; i < row->ncols; i++) {
		if (!strcmp(row->names[i], "name") || !strcmp(row->names[i], "name_sv") ||
			!strcmp(row->names[i], "survey")) {
			if (row->values[i].type == GL_VAL_TEXT)
				cand_add(c, row->values[i].s, row->values[i].len);
			break;
		}
	}
	return 0;
}

static void candidates_for(struct gl_app *a, enum complete_kind kind, struct candidates *c)
{
	switch (kind) {
	case COMPLETE_SCHOOL:
		cand_add(c, "-", 1);
		gl_store_list(a->store, GL_LIST_SCHOOLS, NULL, 0, 1000, cand_row, c, NULL);
		break;
	case COMPLETE_GROUP:
		gl_store_list(a->store, GL_LIST_GROUPS, NULL, 0, 100, cand_row, c, NULL);
		break;
	case COMPLETE_CODER:
		gl_store_list(a->store, GL_LIST_CODERS, NULL, 0, 1000, cand_row, c, NULL);
		break;
	case COMPLETE_PANE:
		for (int i = 0; i < GL_PANE_COUNT; i++)
			cand_add(c, a->panes[i].ops->name, strlen(a->panes[i].ops->name));
		break;
	case COMPLETE_THEME: {
		size_t n;
		char **names = gl_theme_list(a->config.path, &n);
		for (size_t i = 0; names && i < n; i++)
			cand_add(c, names[i], strlen(names[i]));
		gl_strv_free(names, names ? n : 0);
		break;
	}
	case COMPLETE_SURVEY: {
		struct app_sets sets;
		if (app_sets_load(a, &sets, NULL) == GL_OK)
			for (size_t i = 0; i < sets.n; i++)
				cand_add(c, sets.v[i].survey, strlen(sets.v[i].survey));
		app_sets_finish(&sets);
		break;
	}
	case COMPLETE_NONE:
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
		for (size_t i = 0; i < NCOMMANDS; i++)
			cand_add(&c, commands[i].name, strlen(commands[i].name));
	} else {
		const struct command_def *cmd = NULL;
		for (size_t i = 0; i < NCOMMANDS; i++)
			if (strlen(commands[i].name) == n && !strncasecmp(start, commands[i].name, n))
				cmd = &commands[i];
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
