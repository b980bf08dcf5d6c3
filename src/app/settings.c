/* The analysis's settings as the panes use them: the survey threshold, the respondent groups
 * shown, the survey and year, the dot budget. They are the project's (everyone who opens the
 * file shares them; gl_store_setting_*); a project that has none of its own uses config.ini's
 * (or the built-in default). Changing one saves it in the project at once, as an undo step. */
#include "genomlys/app.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "genomlys/i18n.h"
#include "app_internal.h"

static void groups_free(struct gl_app *a)
{
	gl_strv_free(a->groups, a->ngroups);
	a->groups = NULL;
	a->ngroups = 0;
}

struct group_names {
	struct gl_app *a;
	int64_t *ids;  /* a->groups[i]'s group, 0 when it names none */
};

/* The groups shown (the project setting's keys, config.ini's names in either language) as their
 * names in the interface's language. */
static int group_name_row(void *ctx, const struct gl_row *row)
{
	/* groups: id, uuid, key, name_sv, name_en, letters, name */
	struct group_names *g = ctx;
	struct gl_app *a = g->a;
	for (size_t i = 0; i < a->ngroups; i++) {
		if (g->ids[i] && g->ids[i] == row->values[0].i && row->values[6].type == GL_VAL_TEXT) {
			char *name = gl_strdup(row->values[6].s);
			if (name) {
				free(a->groups[i]);
				a->groups[i] = name;
			}
		}
	}
	return 0;
}

static void groups_load(struct gl_app *a)
{
	groups_free(a);
	struct gl_str keys = GL_STR_INIT;
	if (gl_store_setting_get_text(a->store, GL_SETTING_GROUPS, &keys, NULL) == GL_OK &&
		keys.len) {
		char *copy = gl_strdup(gl_str_cstr(&keys));
		for (char *save = NULL, *k = copy ? strtok_r(copy, ",", &save) : NULL; k;
			k = strtok_r(NULL, ",", &save)) {
			char **v = realloc(a->groups, (a->ngroups + 1) * sizeof *v);
			if (!v)
				break;
			a->groups = v;
			a->groups[a->ngroups++] = gl_strdup(k);
		}
		free(copy);
	} else {
		a->groups = calloc(a->config.ngroups + 1, sizeof *a->groups);
		for (size_t i = 0; a->groups && i < a->config.ngroups; i++)
			a->groups[a->ngroups++] = gl_strdup(a->config.groups[i]);
	}
	gl_str_finish(&keys);
	struct group_names g = { a, calloc(a->ngroups + 1, sizeof *g.ids) };
	for (size_t i = 0; g.ids && i < a->ngroups; i++) {
		struct gl_error err = { 0 };
		if (!a->groups[i] || gl_store_group_find(a->store, a->groups[i], &g.ids[i], &err) != GL_OK)
			g.ids[i] = 0;
	}
	if (g.ids)
		gl_store_list(a->store, GL_LIST_GROUPS, NULL, 0, 0, group_name_row, &g, NULL);
	free(g.ids);
}

/* The survey and year: the project's when it has results for them, else config.ini's survey,
 * else the newest. */
static void survey_load(struct gl_app *a)
{
	struct app_sets sets;
	if (app_sets_load(a, &sets, NULL) != GL_OK || sets.n == 0) {
		app_sets_finish(&sets);
		free(a->survey);
		a->survey = NULL;
		a->year = 0;
		return;
	}
	struct gl_str name = GL_STR_INIT;
	int64_t year = 0;
	bool have = gl_store_setting_get_text(a->store, GL_SETTING_SURVEY, &name, NULL) == GL_OK;
	if (gl_store_setting_get_int(a->store, GL_SETTING_YEAR, &year, NULL) != GL_OK)
		year = 0;
	const char *want = have ? gl_str_cstr(&name) : a->config.survey;
	size_t pick = 0;
	bool found = false;
	for (size_t i = 0; want && i < sets.n && !found; i++) {
		if (!strcasecmp(sets.v[i].survey, want) && (!year || sets.v[i].year == year)) {
			pick = i;
			found = true;
		}
	}
	app_set_survey(a, sets.v[pick].survey, sets.v[pick].year);
	app_sets_finish(&sets);
	gl_str_finish(&name);
}

void app_settings_load(struct gl_app *a)
{
	double thr;
	a->threshold = gl_store_setting_get_double(a->store, GL_SETTING_THRESHOLD, &thr, NULL) ==
		GL_OK ? thr : a->config.survey_threshold;
	int64_t dots;
	a->dot_budget = gl_store_setting_get_int(a->store, GL_SETTING_DOT_BUDGET, &dots, NULL) ==
		GL_OK ? (int)dots : a->config.dot_budget;
	groups_load(a);
	survey_load(a);
}

void app_settings_finish(struct gl_app *a)
{
	groups_free(a);
}

/* ---- Changing them: one undo step each, saved in the project at once ---- */

static unsigned saved(struct gl_app *a, enum gl_status st, struct gl_error *err)
{
	if (st != GL_OK) {
		app_error(a, err);
		return APP_OK_REDRAW;
	}
	app_changed(a);  /* reads the settings again */
	return 0;
}

unsigned app_setting_threshold(struct gl_app *a, double v)
{
	struct gl_error err = { 0 };
	char buf[32];
	app_format_value(v, buf, sizeof buf);
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK) {
		st = gl_store_setting_set_double(a->store, GL_SETTING_THRESHOLD, v, &err);
		st = app_step_end(a, st, &err, _("survey threshold %s"), buf);
	}
	unsigned f = saved(a, st, &err);
	if (!f)
		gl_app_message(a, false, _("Survey results below %s are marked, for everyone who "
			"opens this project (u undoes)"), buf);
	return APP_OK_REDRAW;
}

unsigned app_setting_groups(struct gl_app *a, const char *names)
{
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK) {
		st = *names ? gl_store_setting_set_text(a->store, GL_SETTING_GROUPS, names, &err)
			: gl_store_setting_clear(a->store, GL_SETTING_GROUPS, &err);
		st = app_step_end(a, st, &err, _("respondent groups shown"));
	}
	unsigned f = saved(a, st, &err);
	if (!f) {
		struct gl_str list = GL_STR_INIT;
		for (size_t i = 0; i < a->ngroups; i++)
			gl_str_printf(&list, "%s%s", i ? ", " : "", a->groups[i]);
		gl_app_message(a, false, _("Groups shown: %s (u undoes)"), gl_str_cstr(&list));
		gl_str_finish(&list);
	}
	return APP_OK_REDRAW;
}

unsigned app_setting_survey(struct gl_app *a, const char *survey, int year)
{
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK) {
		st = gl_store_setting_set_text(a->store, GL_SETTING_SURVEY, survey, &err);
		if (st == GL_OK)
			st = gl_store_setting_set_int(a->store, GL_SETTING_YEAR, year, &err);
		st = app_step_end(a, st, &err, _("survey %s %d"), survey, year);
	}
	unsigned f = saved(a, st, &err);
	if (!f)
		gl_app_message(a, false, _("Survey: %s %d"), a->survey, a->year);
	return APP_OK_REDRAW;
}

unsigned app_setting_dot_budget(struct gl_app *a, int dots)
{
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK) {
		st = gl_store_setting_set_int(a->store, GL_SETTING_DOT_BUDGET, dots, &err);
		st = app_step_end(a, st, &err, _("dot budget %d"), dots);
	}
	unsigned f = saved(a, st, &err);
	if (!f)
		gl_app_message(a, false, ngettext("Each participant has %d dot (u undoes)",
			"Each participant has %d dots (u undoes)", (unsigned long)a->dot_budget),
			a->dot_budget);
	return APP_OK_REDRAW;
}

/* Plans and exports name the letters' authors (on) or give stable pseudonyms (off). */
bool app_setting_keep_names_get(struct gl_app *a)
{
	int64_t keep = 0;
	return gl_store_setting_get_int(a->store, GL_SETTING_KEEP_NAMES, &keep, NULL) == GL_OK &&
		keep;
}

unsigned app_setting_keep_names(struct gl_app *a, bool keep)
{
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK) {
		st = gl_store_setting_set_int(a->store, GL_SETTING_KEEP_NAMES, keep, &err);
		st = app_step_end(a, st, &err, keep ? _("keep names in quotes") :
			_("pseudonyms in quotes"));
	}
	unsigned f = saved(a, st, &err);
	if (!f)
		gl_app_message(a, false, keep ? _("Plans and exports now name the letters' authors "
			"(u undoes)") : _("Plans and exports now give pseudonyms such as Elev 3 (u undoes)"));
	return APP_OK_REDRAW;
}
