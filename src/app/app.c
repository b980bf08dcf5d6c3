/* The app context: creation, messages, filters, links between panes and the dispatch of keys
 * and actions. It names no particular pane: panes come from the registry (panes.c). */
#include "genomlys/app.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "genomlys/i18n.h"
#include "genomlys/overview.h"
#include "genomlys/queries.h"
#include "app_internal.h"

void gl_app_message(struct gl_app *a, bool error, const char *fmt, ...)
{
	gl_str_clear(&a->message);
	va_list ap;
	va_start(ap, fmt);
	gl_str_vprintf(&a->message, fmt, ap);
	va_end(ap);
	a->message_error = error;
}

void gl_app_message_clear(struct gl_app *a)
{
	gl_str_clear(&a->message);
	a->message_error = false;
}

static char *project_name(struct gl_store *s);

void app_error(struct gl_app *a, const struct gl_error *err)
{
	if (err->status == GL_EREADONLY) {
		/* A large project is checked at its first write: it may have turned read-only now. */
		free(a->project);
		a->project = project_name(a->store);
	}
	const char *path = gl_store_path(a->store);
	if (path && !strcmp(err->file, path) && err->message[0]) {
		/* The project file is no news on the status bar. */
		gl_app_message(a, true, "%s", err->message);
		return;
	}
	char buf[1024];
	gl_error_format(err, buf, sizeof buf);
	gl_app_message(a, true, "%s", buf);
}

struct gl_pane *gl_app_pane(struct gl_app *a)
{
	return &a->panes[a->pane];
}

int gl_app_pane_find(const struct gl_app *a, const char *name)
{
	for (int i = 0; i < GL_PANE_COUNT; i++)
		if (a->panes[i].ops && !strcasecmp(a->panes[i].ops->name, name))
			return i;
	return -1;
}

void gl_app_invalidate(struct gl_app *a)
{
	for (int i = 0; i < GL_PANE_COUNT; i++)
		a->panes[i].stale = true;
}

/* Another filter shows other rows: the lists start again at their top when next shown. */
static void filter_changed(struct gl_app *a)
{
	a->filter_gen++;
	gl_app_invalidate(a);
}

bool app_filter_moved(struct gl_pane *p)
{
	if (p->filter_seen == p->app->filter_gen)
		return false;
	p->filter_seen = p->app->filter_gen;
	for (int t = 0; t < p->ntables; t++)
		p->tables[t]->cursor = p->tables[t]->top = 0;
	return true;
}

static void counts_load(struct gl_app *a)
{
	gl_store_count(a->store, GL_LIST_SCHOOLS, NULL, &a->nschools, NULL);
	gl_store_count(a->store, GL_LIST_LETTERS, NULL, &a->nletters, NULL);
}

void app_pane_prepare(struct gl_pane *p)
{
	if (!p->stale)
		return;
	struct gl_error err = { 0 };
	p->stale = false;
	counts_load(p->app);
	if (p->ops->reload(p, &err) != GL_OK)
		app_error(p->app, &err);
}

void gl_app_prepare(struct gl_app *a)
{
	app_pane_prepare(gl_app_pane(a));
}

/* ---- Survey sets: the (survey, year) pairs, newest first ---- */

static int set_row(void *ctx, const struct gl_row *row)
{
	struct app_sets *s = ctx;
	const char *survey = row->values[0].s;
	int year = (int)row->values[1].i;
	if (!survey)
		return 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].year == year && !strcmp(s->v[i].survey, survey))
			return 0;
	struct app_set *v = realloc(s->v, (s->n + 1) * sizeof *v);
	if (!v)
		return 1;
	s->v = v;
	v[s->n].survey = gl_strdup(survey);
	v[s->n].year = year;
	s->n++;
	return 0;
}

enum gl_status app_sets_load(struct gl_app *a, struct app_sets *s, struct gl_error *err)
{
	memset(s, 0, sizeof *s);
	return gl_overview_survey_sets(a->overview, set_row, s, err);
}

void app_sets_finish(struct app_sets *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].survey);
	free(s->v);
	memset(s, 0, sizeof *s);
}

void app_set_survey(struct gl_app *a, const char *survey, int year)
{
	char *copy = gl_strdup(survey);
	free(a->survey);
	a->survey = copy;
	a->year = year;
}

/* ---- Creation ---- */

static void keys_apply(struct gl_app *a)
{
	for (size_t i = 0; i < a->config.nkeys; i++) {
		const struct gl_keybind *kb = &a->config.keys[i];
		enum gl_action act = gl_action_from_name(kb->action);
		char bad[64];
		if (act == GL_ACT_NONE) {
			gl_diags_add(&a->config.diags, kb->file, kb->line, _("unknown action '%s' in "
				"[keys] (the help, ?, lists the actions)"), kb->action);
		} else if (gl_keymap_bind(&a->keymap, act, kb->keys, bad, sizeof bad) != GL_OK) {
			gl_diags_add(&a->config.diags, kb->file, kb->line, _("unknown key '%s' for %s "
				"(e.g. j, C-f, Enter, PgDn, F1)"), bad, kb->action);
		}
	}
}

/* The project's name for the status bar; "(read-only)" after it while it cannot be changed. */
static char *project_name(struct gl_store *s)
{
	struct gl_str name = GL_STR_INIT;
	if (gl_store_meta_get(s, "name", &name, NULL) != GL_OK || !name.len) {
		const char *path = gl_store_path(s);
		const char *slash = path ? strrchr(path, '/') : NULL;
		gl_str_clear(&name);
		gl_str_puts(&name, slash ? slash + 1 : path ? path : "genomlys");
	}
	if (gl_store_read_only(s))
		gl_str_printf(&name, " (%s)", _("read-only"));
	return gl_str_steal(&name);
}

enum gl_status gl_app_create(struct gl_store *store, struct gl_config *config,
	struct gl_app **out, struct gl_error *err)
{
	struct gl_app *a = calloc(1, sizeof *a);
	if (!a)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	a->store = store;
	a->config = *config;
	memset(config, 0, sizeof *config);
	gl_str_init(&a->message);
	if (gl_keymap_init(&a->keymap) != GL_OK) {
		gl_app_destroy(a);
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	keys_apply(a);
	a->project = project_name(store);
	/* A read-only project says so and why at once, not at the first change it refuses. */
	if (gl_store_read_only(store))
		gl_app_message(a, true, "%s", gl_store_read_only(store));
	else if (gl_store_backup_path(store))
		gl_app_message(a, false, _("Upgraded the project to schema version %d; the file as it "
			"was is kept in %s"), gl_store_schema_version(), gl_store_backup_path(store));
	/* The coder: from the settings, else the one who coded this project last; never a guess
	 * ($USER may be anyone at a shared screen): coding asks for a name first. */
	struct gl_str last = GL_STR_INIT;
	const char *coder = a->config.coder;
	if (!coder && gl_store_meta_get(store, "last_coder", &last, NULL) == GL_OK && last.len)
		coder = gl_str_cstr(&last);
	a->coder = gl_strdup(coder ? coder : "");
	a->coder_set = coder != NULL;
	gl_str_finish(&last);
	if (!a->coder_set || gl_store_coder_find(store, a->coder, &a->coder_id, NULL) != GL_OK)
		a->coder_id = 0;
	if (a->coder_set)
		gl_store_set_actor(store, a->coder);
	if (!(a->overview = gl_overview_create(store))) {
		gl_app_destroy(a);
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	if (gl_history_create(store, &a->history, err) != GL_OK) {
		gl_app_destroy(a);
		return GL_ENOMEM;
	}
	app_settings_load(a);
	for (int i = 0; i < GL_PANE_COUNT; i++) {
		struct gl_pane *p = &a->panes[i];
		p->ops = gl_pane_registry[i];
		p->app = a;
		gl_str_init(&p->caption);
		p->stale = true;
		enum gl_status st = p->ops->init(p);
		if (st != GL_OK) {
			gl_app_destroy(a);
			return gl_error_set(err, st, "%s", gl_status_str(st));
		}
	}
	*out = a;
	return GL_OK;
}

void gl_app_destroy(struct gl_app *a)
{
	if (!a)
		return;
	app_export_stop(a, true);  /* a workbook not yet written is not written */
	for (int i = 0; i < GL_PANE_COUNT; i++) {
		struct gl_pane *p = &a->panes[i];
		if (!p->ops)
			continue;
		p->ops->finish(p);
		gl_str_finish(&p->caption);
	}
	app_modal_close(a);
	gl_history_destroy(a->history);
	gl_overview_destroy(a->overview);
	app_log_free(a);
	app_settings_finish(a);
	gl_keymap_finish(&a->keymap);
	gl_config_finish(&a->config);
	gl_store_close(a->store);
	free(a->project);
	free(a->coder);
	free(a->school);
	free(a->group);
	free(a->search);
	free(a->survey);
	free(a->save_display_path);
	gl_str_finish(&a->message);
	free(a);
}

/* ---- Filters ---- */

enum gl_status gl_app_set_school(struct gl_app *a, int64_t id, struct gl_error *err)
{
	char *name = NULL;
	if (id > 0) {
		struct gl_str s = GL_STR_INIT;
		enum gl_status st = gl_store_school_name(a->store, id, &s, err);
		if (st != GL_OK) {
			gl_str_finish(&s);
			return st;
		}
		name = gl_str_steal(&s);
	}
	free(a->school);
	a->school = name;
	a->school_id = id > 0 ? id : 0;
	filter_changed(a);
	return GL_OK;
}

struct group_pick {
	int64_t want;
	char *name;
};

static int group_name_row(void *ctx, const struct gl_row *row)
{
	struct group_pick *g = ctx;
	/* groups: id, uuid, key, name_sv, name_en, letters, name (the interface's language) */
	if (row->values[0].i == g->want && row->values[6].type == GL_VAL_TEXT)
		g->name = gl_strdup(row->values[6].s);
	return 0;
}

enum gl_status gl_app_set_group(struct gl_app *a, int64_t id, struct gl_error *err)
{
	struct group_pick g = { id, NULL };
	if (id > 0) {
		enum gl_status st = gl_store_list(a->store, GL_LIST_GROUPS, NULL, 0, 0,
			group_name_row, &g, err);
		if (st != GL_OK)
			return st;
		if (!g.name)
			return gl_error_set(err, GL_ENOTFOUND, _("no respondent group with id %lld"),
				(long long)id);
	}
	free(a->group);
	a->group = g.name;
	a->group_id = id > 0 ? id : 0;
	filter_changed(a);
	return GL_OK;
}

enum gl_status gl_app_set_coder(struct gl_app *a, const char *name, struct gl_error *err)
{
	int64_t id;
	enum gl_status st = gl_store_coder_ensure(a->store, name, &id, NULL, err);
	if (st != GL_OK)
		return st;
	char *copy = gl_strdup(name);
	if (!copy)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	free(a->coder);
	a->coder = copy;
	a->coder_id = id;
	a->coder_set = true;
	gl_store_set_actor(a->store, a->coder);
	/* the next session in this project starts with this coder */
	gl_store_meta_set(a->store, "last_coder", a->coder, NULL);
	if (a->blind)
		app_changed(a);
	return GL_OK;
}

/* ---- Panes and links ---- */

unsigned gl_app_switch(struct gl_app *a, int id)
{
	if (id < 0)
		id = GL_PANE_TABS - 1;
	if (id >= GL_PANE_COUNT)
		id = 0;
	if (id < GL_PANE_TABS && a->pane < GL_PANE_TABS)
		a->pane_back = id;
	else if (id >= GL_PANE_TABS && a->pane < GL_PANE_TABS)
		a->pane_back = a->pane;
	a->pane = id;
	a->help = false;
	return GL_F_HANDLED | GL_F_REDRAW;
}

enum gl_scope gl_app_scope(struct gl_app *a)
{
	struct gl_pane *p = gl_app_pane(a);
	if (a->help)
		return GL_SCOPE_GENERIC;
	if (p->letter && !p->detail)
		return GL_SCOPE_READER;
	return p->ops->scope;
}

unsigned gl_app_follow(struct gl_app *a, const struct gl_link *link)
{
	int from = a->pane;
	for (int i = 0; i < GL_PANE_COUNT; i++) {
		struct gl_pane *p = &a->panes[i];
		if (!p->ops->follow)
			continue;
		int before = a->pane;
		unsigned f = p->ops->follow(p, link);
		if (!f)
			continue;
		if (a->pane == before)
			gl_app_switch(a, i);
		if (a->pane != from) {
			if (a->nback == GL_BACK_MAX) {
				memmove(a->back, a->back + 1, (GL_BACK_MAX - 1) * sizeof a->back[0]);
				a->nback--;
			}
			a->back[a->nback++] = from;
		}
		return f | GL_F_HANDLED | GL_F_REDRAW;
	}
	gl_app_message(a, true, _("There is nothing to show for this line"));
	return GL_F_HANDLED | GL_F_REDRAW;
}

bool gl_app_back(struct gl_app *a)
{
	if (a->nback == 0)
		return false;
	int to = a->back[--a->nback];
	a->pane = to;
	a->help = false;
	return true;
}

unsigned gl_app_open_letter(struct gl_app *a, int64_t id, int64_t cp, int64_t cp_end)
{
	struct gl_link l = { GL_LINK_LETTER, id, cp, cp_end };
	return gl_app_follow(a, &l);
}

unsigned gl_app_search(struct gl_app *a, const char *query)
{
	while (query && (*query == ' ' || *query == '\t'))
		query++;
	if (!query || !*query) {
		free(a->search);
		a->search = NULL;
		filter_changed(a);
		gl_app_message(a, false, _("Search cleared"));
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	struct gl_filter f = { .school_id = a->school_id, .group_id = a->group_id, .match = query };
	struct gl_error err = { 0 };
	int64_t n = 0;
	if (gl_store_count(a->store, GL_LIST_LETTERS, &f, &n, &err) != GL_OK) {
		app_error(a, &err);
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	char *copy = gl_strdup(query);
	free(a->search);
	a->search = copy;
	filter_changed(a);
	/* the letters that match, as a list (a letter open there closes) */
	struct gl_link l = { GL_LINK_LETTER, 0, 0, 0 };
	gl_app_follow(a, &l);
	a->nback = 0;
	gl_app_message(a, false, ngettext("%lld letter matches \"%s\"",
		"%lld letters match \"%s\"", (unsigned long)n), (long long)n, query);
	return GL_F_HANDLED | GL_F_REDRAW;
}

/* ---- Groups: cycling through all, then each group ---- */

struct app_ids {
	int64_t *v;
	size_t n;
};

static int group_id_row(void *ctx, const struct gl_row *row)
{
	struct app_ids *ids = ctx;
	int64_t *v = realloc(ids->v, (ids->n + 1) * sizeof *v);
	if (!v)
		return 1;
	ids->v = v;
	v[ids->n++] = row->values[0].i;
	return 0;
}

static unsigned group_next(struct gl_app *a)
{
	struct app_ids ids = { NULL, 0 };
	struct gl_error err = { 0 };
	if (gl_store_list(a->store, GL_LIST_GROUPS, NULL, 0, 0, group_id_row, &ids, &err)
		!= GL_OK) {
		free(ids.v);
		app_error(a, &err);
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	int64_t next = ids.n ? ids.v[0] : 0;
	for (size_t i = 0; i < ids.n; i++)
		if (ids.v[i] == a->group_id)
			next = i + 1 < ids.n ? ids.v[i + 1] : 0;
	free(ids.v);
	if (gl_app_set_group(a, next, &err) != GL_OK)
		app_error(a, &err);
	else if (a->group)
		gl_app_message(a, false, _("Respondent group: %s"), a->group);
	else
		gl_app_message(a, false, _("All respondent groups"));
	return GL_F_HANDLED | GL_F_REDRAW;
}

static unsigned survey_next(struct gl_app *a)
{
	struct app_sets sets;
	struct gl_error err = { 0 };
	if (app_sets_load(a, &sets, &err) != GL_OK) {
		app_sets_finish(&sets);
		app_error(a, &err);
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	if (sets.n == 0) {
		gl_app_message(a, true, _("The project has no survey results"));
	} else {
		size_t next = 0;
		for (size_t i = 0; i < sets.n; i++)
			if (a->survey && sets.v[i].year == a->year && !strcmp(sets.v[i].survey, a->survey))
				next = (i + 1) % sets.n;
		app_setting_survey(a, sets.v[next].survey, sets.v[next].year);
	}
	app_sets_finish(&sets);
	return GL_F_HANDLED | GL_F_REDRAW;
}

/* ---- Key hints ---- */

/* The first key bound to act, "" when none. */
static void first_key(const struct gl_app *a, enum gl_action act, char *buf, size_t size)
{
	gl_keymap_keys(&a->keymap, act, buf, size);
	char *comma = strstr(buf, ", ");
	if (comma)
		*comma = '\0';
}

void gl_app_hint(const struct gl_app *a, struct gl_str *out, enum gl_action act,
	const char *label)
{
	char keys[128];
	first_key(a, act, keys, sizeof keys);
	if (keys[0])
		gl_str_printf(out, "%s%s %s", out->len ? " · " : "", keys, label);
}

void gl_app_hint2(const struct gl_app *a, struct gl_str *out, enum gl_action act,
	enum gl_action act2, const char *label)
{
	char k1[128], k2[128];
	first_key(a, act, k1, sizeof k1);
	first_key(a, act2, k2, sizeof k2);
	if (k1[0] && k2[0])
		gl_str_printf(out, "%s%s/%s %s", out->len ? " · " : "", k1, k2, label);
	else if (k1[0] || k2[0])
		gl_str_printf(out, "%s%s %s", out->len ? " · " : "", k1[0] ? k1 : k2, label);
}

/* ---- Keys and actions ---- */

static unsigned help_action(struct gl_app *a, enum gl_action act)
{
	switch (act) {
	case GL_ACT_MOVE_DOWN: a->help_top++; break;
	case GL_ACT_MOVE_UP: a->help_top--; break;
	case GL_ACT_PAGE_DOWN: a->help_top += 10; break;
	case GL_ACT_PAGE_UP: a->help_top -= 10; break;
	case GL_ACT_MOVE_FIRST: a->help_top = 0; break;
	case GL_ACT_MOVE_LAST: a->help_top = 1 << 20; break;  /* the UI clamps */
	case GL_ACT_HELP:
	case GL_ACT_BACK:
	case GL_ACT_QUIT:
	case GL_ACT_ENTER:
		a->help = false;
		break;
	case GL_ACT_PANE_SCHOOLS: case GL_ACT_PANE_SURVEYS: case GL_ACT_PANE_LETTERS:
	case GL_ACT_PANE_FINDINGS: case GL_ACT_PANE_RANKING: case GL_ACT_PANE_NEXT:
	case GL_ACT_PANE_PREV:
	case GL_ACT_PANE_ANALYSIS:
	case GL_ACT_PROMPT: case GL_ACT_SEARCH:
		a->help = false;
		return gl_app_action(a, act);
	default:
		return GL_F_HANDLED;
	}
	if (a->help_top < 0)
		a->help_top = 0;
	return GL_F_HANDLED | GL_F_REDRAW;
}

unsigned gl_app_key(struct gl_app *a, int key)
{
	if (a->modal.kind != GL_MODAL_NONE)
		return app_modal_key(a, key);
	if (a->export_job && key == GL_KEY_ESC) {  /* Esc stops the export (:help, :export) */
		app_export_stop(a, false);
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	enum gl_action act = gl_keymap_lookup_in(&a->keymap, gl_app_scope(a), key);
	if (act == GL_ACT_NONE) {
		char name[32];
		gl_key_name(key, name, sizeof name);
		gl_app_message(a, true, _("The key %s does nothing here (? shows the keys)"), name);
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	return gl_app_action(a, act);
}

/* The detail view's own keys: moving, following a link, closing. */
static unsigned detail_action(struct gl_pane *p, enum gl_action act)
{
	struct gl_detail *d = p->detail;
	unsigned f = gl_detail_move(d, act);
	if (f)
		return f;
	if (act == GL_ACT_ENTER) {
		const struct gl_detail_line *l = gl_detail_selected(d);
		if (!l || l->link.kind == GL_LINK_NONE)
			return GL_F_HANDLED;
		struct gl_link link = l->link;
		return gl_app_follow(p->app, &link);
	}
	if (act == GL_ACT_BACK) {
		p->detail = NULL;
		if (!gl_app_back(p->app))
			p->stale = true;
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	return 0;
}

/* A pane shown by its own action (1-4, C, R): that action again leaves the codebook and the
 * review for the tab they came from. */
static unsigned show_pane(struct gl_app *a, enum gl_action act)
{
	for (int i = 0; i < GL_PANE_COUNT; i++) {
		if (a->panes[i].ops->show != act)
			continue;
		if (i == a->pane && i >= GL_PANE_TABS)
			return gl_app_switch(a, a->pane_back);
		return gl_app_switch(a, i);
	}
	return 0;
}

unsigned gl_app_action(struct gl_app *a, enum gl_action act)
{
	if (a->help)
		return help_action(a, act);
	gl_app_prepare(a);
	struct gl_pane *p = gl_app_pane(a);
	unsigned flags;
	/* :log's view lies over whatever the pane shows: its keys first (Esc closes it) */
	if (p->detail && p->detail == a->log && (flags = detail_action(p, act)) != 0)
		return flags;
	flags = p->ops->request(p, act);
	if (flags)
		return flags;
	if (p->detail && (flags = detail_action(p, act)) != 0)
		return flags;
	if (!p->detail && !p->letter && p->ntables > 0 &&
		(flags = gl_table_move(p->tables[p->focus], act)) != 0)
		return flags;
	if ((flags = show_pane(a, act)) != 0)
		return flags;
	switch (act) {
	case GL_ACT_PANE_NEXT:
		return gl_app_switch(a, a->pane + 1 >= GL_PANE_TABS ? 0 : a->pane + 1);
	case GL_ACT_PANE_PREV:
		return gl_app_switch(a, a->pane >= GL_PANE_TABS ? a->pane_back : a->pane - 1);
	case GL_ACT_SEARCH: return GL_F_HANDLED | GL_F_SEARCH;
	case GL_ACT_PROMPT: return GL_F_HANDLED | GL_F_PROMPT;
	case GL_ACT_HELP:
		a->help = true;
		a->help_top = 0;
		return GL_F_HANDLED | GL_F_REDRAW;
	case GL_ACT_QUIT: return GL_F_HANDLED | GL_F_QUIT;
	case GL_ACT_UNDO: return app_undo(a, false);
	case GL_ACT_REDO: return app_undo(a, true);
	case GL_ACT_CODER: return app_coder_prompt(a);
	case GL_ACT_REDRAW:
		gl_app_invalidate(a);  /* another program may have changed the project */
		return GL_F_HANDLED | GL_F_REDRAW | GL_F_REPAINT;
	case GL_ACT_GROUP_NEXT: return group_next(a);
	case GL_ACT_SURVEY_NEXT: return survey_next(a);
	case GL_ACT_BLIND: return gl_app_blind(a, !a->blind);
	case GL_ACT_CLEAR_FILTER: {
		struct gl_error err = { 0 };
		gl_app_set_school(a, 0, &err);
		gl_app_set_group(a, 0, &err);
		free(a->search);
		a->search = NULL;
		gl_app_message(a, false, _("Showing all schools, groups and letters"));
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	case GL_ACT_BACK:
		if (gl_app_back(a))
			return GL_F_HANDLED | GL_F_REDRAW;
		gl_app_message_clear(a);
		return GL_F_HANDLED | GL_F_REDRAW;
	default:
		return GL_F_HANDLED;
	}
}
