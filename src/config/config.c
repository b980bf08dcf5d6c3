/* config.ini: defaults, reading through iniparser, and diagnostics with file and line. */
#include "genomlys/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <iniparser/iniparser.h>

#include "genomlys/clean.h"
#include "genomlys/fs.h"
#include "genomlys/i18n.h"
#include "genomlys/outfile.h"
#include "genomlys/num.h"
#include "genomlys/str.h"
#include "config_internal.h"

void gl_diags_init(struct gl_diags *d)
{
	memset(d, 0, sizeof *d);
}

void gl_diags_finish(struct gl_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].message);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

void gl_diags_add(struct gl_diags *d, const char *file, long line, const char *fmt, ...)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 8;
		struct gl_diag *v = realloc(d->v, cap * sizeof *v);
		if (!v)
			return;  /* a lost diagnostic is better than a crash */
		d->v = v;
		d->cap = cap;
	}
	struct gl_str raw = GL_STR_INIT, msg = GL_STR_INIT;
	va_list ap;
	va_start(ap, fmt);
	gl_str_vprintf(&raw, fmt, ap);
	va_end(ap);
	/* Messages quote what the file holds; they reach the status bar and the log. */
	gl_clean_escape(gl_str_cstr(&raw), raw.len, 0, &msg);
	gl_str_finish(&raw);
	struct gl_diag *g = &d->v[d->n++];
	g->file = gl_strdup(file);
	g->line = line;
	g->message = gl_str_steal(&msg);
	if (!g->message)
		g->message = gl_strdup("");
}

void gl_diag_format(const struct gl_diag *g, char *buf, size_t size)
{
	if (g->file && g->line > 0)
		snprintf(buf, size, "%s:%ld: %s", g->file, g->line, g->message ? g->message : "");
	else if (g->file)
		snprintf(buf, size, "%s: %s", g->file, g->message ? g->message : "");
	else
		snprintf(buf, size, "%s", g->message ? g->message : "");
}

/* ---- The line scan: where each section and key is, and which lines are not ini at all ---- */

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

void ini_scan_finish(struct ini_scan *sc)
{
	for (size_t i = 0; i < sc->n; i++) {
		free(sc->v[i].section);
		free(sc->v[i].key);
	}
	free(sc->v);
	memset(sc, 0, sizeof *sc);
}

static void scan_push(struct ini_scan *sc, const char *section, const char *key, long line,
	bool open_quote)
{
	if (sc->n == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 32;
		struct ini_entry *v = realloc(sc->v, cap * sizeof *v);
		if (!v)
			return;
		sc->v = v;
		sc->cap = cap;
	}
	sc->v[sc->n].section = gl_strdup(section);
	sc->v[sc->n].key = gl_strdup(key);
	sc->v[sc->n].line = line;
	sc->v[sc->n].open_quote = open_quote;
	sc->n++;
}

enum gl_status ini_scan_file(const char *path, struct ini_scan *sc, struct gl_diags *d,
	bool quote)
{
	memset(sc, 0, sizeof *sc);
	FILE *fp = fopen(path, "r");
	if (!fp)
		return GL_EIO;
	/* A folder opens, reads as nothing and would pass for an empty file. */
	struct stat sb;
	int e = fstat(fileno(fp), &sb) != 0 ? errno : S_ISDIR(sb.st_mode) ? EISDIR
		: S_ISREG(sb.st_mode) ? 0 : EINVAL;
	if (e) {
		fclose(fp);
		errno = e;
		return GL_EIO;
	}
	char *line = NULL, *section = gl_strdup("");
	size_t cap = 0;
	long lineno = 0;
	ssize_t got;
	while ((got = getline(&line, &cap, fp)) > 0) {
		lineno++;
		/* iniparser reads at most 1024 bytes of a line and then gives up on the whole file:
		 * the line that is too long is named here */
		if (got > 1000)
			gl_diags_add(d, path, lineno, _("the line is %zd bytes long; a settings line may "
				"have at most 1000"), got);
		char *s = trim(line);
		if (lineno == 1 && !strncmp(s, "\xef\xbb\xbf", 3))
			s = trim(s + 3);  /* a byte order mark from a Windows editor */
		if (!*s || *s == ';' || *s == '#')
			continue;
		if (*s == '[') {
			char *end = strchr(s, ']');
			if (!end) {
				gl_diags_add(d, path, lineno, _("a section header needs a closing ']'"));
				continue;
			}
			*end = '\0';
			free(section);
			section = gl_strdup(trim(s + 1));
			lower(section);
			scan_push(sc, section, NULL, lineno, false);
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq) {
			if (quote)
				gl_diags_add(d, path, lineno, _("not a 'key = value' line: %s"), s);
			else
				gl_diags_add(d, path, lineno, _("not a 'key = value' line"));
			continue;
		}
		*eq = '\0';
		char *key = trim(s);
		lower(key);
		char *value = trim(eq + 1);
		bool open = (*value == '"' || *value == '\'') && !strchr(value + 1, *value);
		scan_push(sc, section, key, lineno, open);
	}
	free(line);
	free(section);
	fclose(fp);
	return GL_OK;
}

static const struct ini_entry *scan_find(const struct ini_scan *sc, const char *section,
	const char *key)
{
	const struct ini_entry *found = NULL;
	for (size_t i = 0; i < sc->n; i++) {
		const struct ini_entry *e = &sc->v[i];
		if (!strcmp(e->section, section) && ((!key && !e->key) ||
			(key && e->key && !strcmp(e->key, key))))
			found = e;  /* the last one wins, as in iniparser */
	}
	return found;
}

bool ini_scan_open_quote(const struct ini_scan *sc, const char *section, const char *key)
{
	const struct ini_entry *e = scan_find(sc, section, key);
	return e && e->open_quote;
}

long ini_scan_line(const struct ini_scan *sc, const char *section, const char *key)
{
	const struct ini_entry *e = scan_find(sc, section, key);
	return e ? e->line : 0;
}

/* iniparser prints its own complaints to stderr; our scan reports them with a line instead. */
static int ini_quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

dictionary *ini_load_quiet(const char *path)
{
	iniparser_set_error_callback(ini_quiet);
	dictionary *dict = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	return dict;
}

/* ---- Values ---- */

bool ini_parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1", "ja" };
	static const char *const no[] = { "no", "false", "off", "0", "nej" };
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (!strcasecmp(v, yes[i])) {
			*out = true;
			return true;
		}
		if (!strcasecmp(v, no[i])) {
			*out = false;
			return true;
		}
	}
	return false;
}

/* A finite number; a decimal comma too ("6,5"), as Swedish users write it. */
static bool parse_double(const char *v, double *out)
{
	return gl_num_parse_double(v, out, NULL) == GL_OK;
}

static bool parse_int(const char *v, long lo, long hi, int *out)
{
	int64_t x;
	if (gl_num_parse_int64(v, lo, hi, &x, NULL) != GL_OK)
		return false;
	*out = (int)x;
	return true;
}

void gl_strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Splits "a, b ,c" at commas into trimmed non-empty strings. */
static char **split_list(const char *v, size_t *n)
{
	char *copy = gl_strdup(v);
	char **out = NULL;
	*n = 0;
	if (!copy)
		return NULL;
	size_t cap = 0;
	for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
		tok = strtok_r(NULL, ",", &save)) {
		tok = trim(tok);
		if (!*tok)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			char **grown = realloc(out, cap * sizeof *grown);
			if (!grown)
				break;
			out = grown;
		}
		out[(*n)++] = gl_strdup(tok);
	}
	free(copy);
	return out;
}

/* ---- The settings ---- */

static const char *const default_groups[] = { "lärare", "elever", "politiker" };

void gl_config_init(struct gl_config *c)
{
	memset(c, 0, sizeof *c);
	c->theme = gl_strdup("default");
	c->survey_threshold = GL_CONFIG_THRESHOLD_DEFAULT;
	c->dot_budget = GL_CONFIG_DOT_BUDGET_DEFAULT;
	c->mouse = true;
	c->escape_delay = GL_CONFIG_ESCAPE_DELAY_DEFAULT;
	size_t n = sizeof default_groups / sizeof default_groups[0];
	c->groups = calloc(n, sizeof *c->groups);
	if (c->groups) {
		for (size_t i = 0; i < n; i++)
			c->groups[i] = gl_strdup(default_groups[i]);
		c->ngroups = n;
	}
	gl_diags_init(&c->diags);
}

static void keys_free(struct gl_config *c)
{
	for (size_t i = 0; i < c->nkeys; i++) {
		free(c->keys[i].action);
		free(c->keys[i].keys);
		free(c->keys[i].file);
	}
	free(c->keys);
	c->keys = NULL;
	c->nkeys = 0;
}

void gl_config_finish(struct gl_config *c)
{
	free(c->path);
	free(c->theme);
	free(c->coder);
	free(c->survey);
	gl_strv_free(c->groups, c->ngroups);
	keys_free(c);
	gl_diags_finish(&c->diags);
	memset(c, 0, sizeof *c);
}

/* Every key the file may hold, and how its value is read. */
enum opt_type { OPT_STRING, OPT_THEME, OPT_DOUBLE, OPT_INT, OPT_BOOL, OPT_LIST, OPT_MS };

struct opt {
	const char *section;
	const char *key;
	enum opt_type type;
	size_t offset;
	const char *expect;  /* N_(): what a good value looks like */
};

#define OFF(m) offsetof(struct gl_config, m)
static const struct opt opts[] = {
	{ "general", "theme", OPT_THEME, OFF(theme), N_("a theme name such as default, light, "
		"projector or mono, or the path of a theme file") },
	{ "general", "coder", OPT_STRING, OFF(coder), N_("a name") },
	{ "general", "mouse", OPT_BOOL, OFF(mouse), N_("yes or no") },
	{ "survey", "threshold", OPT_DOUBLE, OFF(survey_threshold), N_("a number such as 6.0") },
	{ "survey", "name", OPT_STRING, OFF(survey), N_("a survey name such as Skolenkäten") },
	{ "groups", "columns", OPT_LIST, OFF(groups), N_("respondent groups separated by commas") },
	{ "workshop", "dot_budget", OPT_INT, OFF(dot_budget), N_("a whole number from 1 to 100") },
	{ "ui", "escape_delay", OPT_MS, OFF(escape_delay),
		N_("milliseconds, a whole number from 0 to 1000") },
};
#undef OFF

static const struct opt *opt_find(const char *section, const char *key)
{
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (!strcmp(opts[i].section, section) && !strcmp(opts[i].key, key))
			return &opts[i];
	return NULL;
}

static bool section_known(const char *section)
{
	if (!strcmp(section, "keys"))
		return true;
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (!strcmp(opts[i].section, section))
			return true;
	return false;
}

static void opt_apply(struct gl_config *c, const struct opt *o, const char *v, long line)
{
	char *base = (char *)c;
	bool ok = true;
	switch (o->type) {
	case OPT_STRING:
	case OPT_THEME:
		if (!*v) {
			ok = o->type == OPT_STRING;
			if (ok) {
				free(*(char **)(base + o->offset));
				*(char **)(base + o->offset) = NULL;
			}
			break;
		}
		free(*(char **)(base + o->offset));
		*(char **)(base + o->offset) = gl_strdup(v);
		break;
	case OPT_DOUBLE: {
		double x;
		ok = parse_double(v, &x);
		if (ok)
			*(double *)(base + o->offset) = x;
		break;
	}
	case OPT_INT:
		ok = parse_int(v, 1, 100, (int *)(base + o->offset));
		break;
	case OPT_MS:
		ok = parse_int(v, 0, GL_CONFIG_ESCAPE_DELAY_MAX, (int *)(base + o->offset));
		break;
	case OPT_BOOL:
		ok = ini_parse_bool(v, (bool *)(base + o->offset));
		break;
	case OPT_LIST: {
		size_t n;
		char **list = split_list(v, &n);
		ok = n > 0;
		if (ok) {
			gl_strv_free(c->groups, c->ngroups);
			c->groups = list;
			c->ngroups = n;
		} else {
			gl_strv_free(list, n);
		}
		break;
	}
	}
	if (!ok)
		gl_diags_add(&c->diags, c->path, line, _("bad value '%s' for %s in [%s] (expected %s); "
			"using the default"), v, o->key, o->section, _(o->expect));
}

static void keybind_add(struct gl_config *c, const char *action, const char *keys, long line)
{
	struct gl_keybind *v = realloc(c->keys, (c->nkeys + 1) * sizeof *v);
	if (!v)
		return;
	c->keys = v;
	v[c->nkeys].action = gl_strdup(action);
	v[c->nkeys].keys = gl_strdup(keys);
	v[c->nkeys].file = gl_strdup(c->path);
	v[c->nkeys].line = line;
	c->nkeys++;
}

static enum gl_status load_path(struct gl_config *c, const char *path, bool must_exist,
	struct gl_error *err);

/* The settings file's path may start with "~" (gl_path_expand); nothing else is expanded. */
enum gl_status gl_config_load(struct gl_config *c, const char *path, bool must_exist,
	struct gl_error *err)
{
	char *ex = gl_path_expand(path);
	enum gl_status st = load_path(c, ex ? ex : path, must_exist, err);
	free(ex);
	return st;
}

static enum gl_status load_path(struct gl_config *c, const char *path, bool must_exist,
	struct gl_error *err)
{
	struct ini_scan sc;
	if (ini_scan_file(path, &sc, &c->diags, true) != GL_OK) {
		if (!must_exist && errno == ENOENT)
			return GL_OK;
		return gl_error_set_at(err, GL_EIO, path, 0, _("cannot read the settings: %s"),
			strerror(errno));
	}
	free(c->path);
	c->path = gl_strdup(path);
	dictionary *dict = ini_load_quiet(path);
	if (!dict) {
		gl_diags_add(&c->diags, path, 0, _("the settings file cannot be parsed; using the "
			"defaults"));
		ini_scan_finish(&sc);
		return GL_OK;
	}
	int nsec = iniparser_getnsec(dict);
	for (int i = 0; i < nsec; i++) {
		const char *sec = iniparser_getsecname(dict, i);
		if (!sec)
			continue;
		if (!section_known(sec)) {
			gl_diags_add(&c->diags, path, ini_scan_line(&sc, sec, NULL),
				_("unknown section [%s] (known: general, survey, groups, workshop, ui, keys)"),
				sec);
			continue;
		}
		int nkeys = iniparser_getsecnkeys(dict, sec);
		if (nkeys <= 0)
			continue;
		const char **keys = calloc((size_t)nkeys, sizeof *keys);
		if (!keys)
			break;
		if (!iniparser_getseckeys(dict, sec, keys)) {
			free(keys);
			continue;
		}
		size_t seclen = strlen(sec);
		for (int k = 0; k < nkeys; k++) {
			/* Full keys are "section:key"; getstring (never getboolean, CVE-2023-33461). */
			const char *full = keys[k];
			const char *name = full + seclen + 1;
			const char *v = iniparser_getstring(dict, full, NULL);
			long line = ini_scan_line(&sc, sec, name);
			if (!v)
				continue;
			if (ini_scan_open_quote(&sc, sec, name)) {
				gl_diags_add(&c->diags, path, line, _("the value of %s has no closing quote; "
					"using the default"), name);
				continue;
			}
			if (!strcmp(sec, "keys")) {
				keybind_add(c, name, v, line);
				continue;
			}
			const struct opt *o = opt_find(sec, name);
			if (!o) {
				gl_diags_add(&c->diags, path, line, _("unknown key '%s' in [%s]"), name, sec);
				continue;
			}
			opt_apply(c, o, v, line);
		}
		free(keys);
	}
	iniparser_freedict(dict);
	ini_scan_finish(&sc);
	return GL_OK;
}

/* ---- Writing options back (calcurse's confmap: every option reads and writes itself) ---- */

/* The option's value as config.ini writes it; false when it has none (an unset string). */
static bool opt_format(const struct gl_config *c, const struct opt *o, struct gl_str *out)
{
	const char *base = (const char *)c;
	gl_str_clear(out);
	switch (o->type) {
	case OPT_STRING:
	case OPT_THEME: {
		const char *v = *(char *const *)(base + o->offset);
		if (!v)
			return false;
		gl_str_puts(out, v);
		return true;
	}
	case OPT_DOUBLE:
		gl_str_printf(out, "%g", *(const double *)(base + o->offset));
		return true;
	case OPT_INT:
	case OPT_MS:
		gl_str_printf(out, "%d", *(const int *)(base + o->offset));
		return true;
	case OPT_BOOL:
		gl_str_puts(out, *(const bool *)(base + o->offset) ? "yes" : "no");
		return true;
	case OPT_LIST:
		for (size_t i = 0; i < c->ngroups; i++)
			gl_str_printf(out, "%s%s", i ? ", " : "", c->groups[i]);
		return true;
	}
	return false;
}

/* The file's lines, each with its section (lower case) and key (NULL: no key). */
struct line {
	char *text;
	char *section;
	char *key;
};

static void lines_free(struct line *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].text);
		free(v[i].section);
		free(v[i].key);
	}
	free(v);
}

static enum gl_status lines_read(const char *path, struct line **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	FILE *fp = fopen(path, "r");
	if (!fp)
		return errno == ENOENT ? GL_OK : GL_EIO;
	char *buf = NULL, *section = gl_strdup("");
	size_t cap = 0, vcap = 0;
	ssize_t len;
	enum gl_status st = GL_OK;
	while (st == GL_OK && (len = getline(&buf, &cap, fp)) >= 0) {
		while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			buf[--len] = '\0';
		if (*n == vcap) {
			vcap = vcap ? 2 * vcap : 64;
			struct line *v = realloc(*out, vcap * sizeof *v);
			if (!v) {
				st = GL_ENOMEM;
				break;
			}
			*out = v;
		}
		struct line *l = &(*out)[(*n)++];
		memset(l, 0, sizeof *l);
		l->text = gl_strdup(buf);
		char *copy = gl_strdup(buf), *t = copy ? trim(copy) : NULL;
		if (t && *t == '[' && strchr(t, ']')) {
			*strchr(t, ']') = '\0';
			free(section);
			section = gl_strdup(trim(t + 1));
			lower(section);
		} else if (t && *t && *t != ';' && *t != '#' && strchr(t, '=')) {
			*strchr(t, '=') = '\0';
			l->key = gl_strdup(trim(t));
			lower(l->key);
		}
		l->section = gl_strdup(section);
		free(copy);
	}
	if (ferror(fp))
		st = GL_EIO;
	free(buf);
	free(section);
	fclose(fp);
	return st;
}

enum gl_status gl_config_write(const struct gl_config *c, const char *path,
	const char *const *keys, size_t nkeys, struct gl_error *err)
{
	struct line *lines;
	size_t n;
	enum gl_status st = lines_read(path, &lines, &n);
	if (st != GL_OK)
		return gl_error_set_at(err, st, path, 0, _("cannot read the settings: %s"),
			strerror(errno));
	struct gl_str text = GL_STR_INIT, value = GL_STR_INIT;
	bool *done = calloc(nkeys ? nkeys : 1, sizeof *done);
	if (!done) {
		lines_free(lines, n);
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	/* every line as it was, but a key being written gets its value in place */
	for (size_t i = 0; i < n; i++) {
		const struct line *l = &lines[i];
		bool replaced = false;
		for (size_t k = 0; l->key && k < nkeys && !replaced; k++) {
			const char *colon = strchr(keys[k], ':');
			size_t seclen = colon ? (size_t)(colon - keys[k]) : 0;
			if (!colon || strlen(l->section) != seclen ||
				strncmp(l->section, keys[k], seclen) || strcmp(l->key, colon + 1))
				continue;
			char *sec = strndup(keys[k], seclen);
			const struct opt *o = sec ? opt_find(sec, colon + 1) : NULL;
			free(sec);
			if (o && opt_format(c, o, &value)) {
				size_t indent = strspn(l->text, " \t");
				gl_str_printf(&text, "%.*s%s = %s\n", (int)indent, l->text, o->key,
					gl_str_cstr(&value));
				replaced = true;
			}
			done[k] = true;
		}
		if (!replaced)
			gl_str_printf(&text, "%s\n", l->text);
	}
	/* keys the file did not have: under their section, which is added at the end if new */
	for (size_t k = 0; k < nkeys; k++) {
		const char *colon = strchr(keys[k], ':');
		if (done[k] || !colon)
			continue;
		char *sec = strndup(keys[k], (size_t)(colon - keys[k]));
		const struct opt *o = sec ? opt_find(sec, colon + 1) : NULL;
		if (o && opt_format(c, o, &value)) {
			struct gl_str header = GL_STR_INIT;
			gl_str_printf(&header, "[%s]\n", sec);
			char *at = strstr(text.buf ? text.buf : "", gl_str_cstr(&header));
			if (at) {
				struct gl_str rest = GL_STR_INIT;
				size_t pos = (size_t)(at - text.buf) + header.len;
				gl_str_puts(&rest, text.buf + pos);
				text.len = pos;
				text.buf[pos] = '\0';
				gl_str_printf(&text, "%s = %s\n%s", o->key, gl_str_cstr(&value),
					gl_str_cstr(&rest));
				gl_str_finish(&rest);
			} else {
				gl_str_printf(&text, "%s[%s]\n%s = %s\n", text.len ? "\n" : "", sec, o->key,
					gl_str_cstr(&value));
			}
			gl_str_finish(&header);
		}
		free(sec);
	}
	free(done);
	lines_free(lines, n);
	gl_str_finish(&value);
	/* a temporary file renamed into place: a crash never leaves half a settings file */
	struct gl_outfile *f = NULL;
	st = gl_outfile_open(path, NULL, GL_OUTFILE_FORCE, &f, err);
	if (st == GL_OK) {
		FILE *fp = gl_outfile_stream(f);
		if (fwrite(text.buf ? text.buf : "", 1, text.len, fp) != text.len)
			st = gl_error_set_at(err, GL_EIO, path, 0, _("cannot write the settings: %s"),
				strerror(errno));
		st = st == GL_OK ? gl_outfile_commit(f, err) : (gl_outfile_abort(f), st);
	}
	gl_str_finish(&text);
	return st;
}

char *gl_config_xdg_dir(const char *env_var, const char *home_rel)
{
	struct gl_str s = GL_STR_INIT;
	const char *base = getenv(env_var);
	if (base && base[0] == '/') {
		gl_str_printf(&s, "%s/genomlys", base);
	} else {
		const char *home = getenv("HOME");
		if (!home || !*home)
			return NULL;
		gl_str_printf(&s, "%s/%s/genomlys", home, home_rel);
	}
	return gl_str_steal(&s);
}

char *gl_config_default_path(void)
{
	char *dir = gl_config_xdg_dir("XDG_CONFIG_HOME", ".config");
	if (!dir)
		return NULL;
	struct gl_str s = GL_STR_INIT;
	gl_str_printf(&s, "%s/config.ini", dir);
	free(dir);
	return gl_str_steal(&s);
}
