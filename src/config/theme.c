/* Colour themes: named elements with colours from the xterm palette and attributes. */
#include "genomlys/config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "genomlys/fs.h"
#include "genomlys/i18n.h"
#include "genomlys/str.h"
#include "config_internal.h"

struct element_def {
	const char *name;
	struct gl_style style;
	unsigned mono;
};

#define GL_THEME_DEF(id, name, fg, bg, attrs, mono) { name, { fg, bg, attrs }, mono },
static const struct element_def elements[GL_EL_COUNT] = { GL_THEME_ELEMENTS(GL_THEME_DEF) };
#undef GL_THEME_DEF

const char *gl_theme_element_name(enum gl_theme_element e)
{
	return (unsigned)e < GL_EL_COUNT ? elements[e].name : "?";
}

bool gl_theme_element_from_name(const char *name, enum gl_theme_element *out)
{
	for (int i = 0; i < GL_EL_COUNT; i++) {
		if (!strcasecmp(elements[i].name, name)) {
			*out = (enum gl_theme_element)i;
			return true;
		}
	}
	return false;
}

unsigned gl_theme_mono_attrs(enum gl_theme_element e)
{
	return (unsigned)e < GL_EL_COUNT ? elements[e].mono : 0;
}

void gl_theme_init(struct gl_theme *t)
{
	t->name = gl_strdup("default");
	for (int i = 0; i < GL_EL_COUNT; i++)
		t->styles[i] = elements[i].style;
}

void gl_theme_finish(struct gl_theme *t)
{
	free(t->name);
	t->name = NULL;
}

static const char *const colour_names[] = { "black", "red", "green", "yellow", "blue", "magenta",
	"cyan", "white" };

bool gl_color_parse(const char *s, int *out)
{
	if (!strcasecmp(s, "default") || !strcasecmp(s, "none") || !strcmp(s, "-1")) {
		*out = -1;
		return true;
	}
	if (!strcasecmp(s, "gray") || !strcasecmp(s, "grey")) {
		*out = 8;
		return true;
	}
	bool bright = false;
	const char *name = s;
	if (!strncasecmp(s, "bright-", 7) || !strncasecmp(s, "bright", 6)) {
		bright = true;
		name = s + (s[6] == '-' ? 7 : 6);
	}
	for (int i = 0; i < 8; i++) {
		if (!strcasecmp(name, colour_names[i])) {
			*out = i + (bright ? 8 : 0);
			return true;
		}
	}
	if (s[0] == '#' && strlen(s) == 7) {
		unsigned rgb[3];
		for (int i = 0; i < 3; i++) {
			char hex[3] = { s[1 + 2 * i], s[2 + 2 * i], 0 };
			char *end;
			rgb[i] = (unsigned)strtoul(hex, &end, 16);
			if (*end || !isxdigit((unsigned char)hex[0]))
				return false;
		}
		/* The nearest colour of the 6x6x6 cube or the grey ramp. */
		static const unsigned steps[6] = { 0, 95, 135, 175, 215, 255 };
		int cube[3];
		long best = -1;
		for (int i = 0; i < 3; i++) {
			int b = 0;
			for (int k = 1; k < 6; k++)
				if (labs((long)steps[k] - rgb[i]) < labs((long)steps[b] - rgb[i]))
					b = k;
			cube[i] = b;
		}
		int c = 16 + 36 * cube[0] + 6 * cube[1] + cube[2];
		long d = 0;
		for (int i = 0; i < 3; i++)
			d += ((long)steps[cube[i]] - rgb[i]) * ((long)steps[cube[i]] - rgb[i]);
		best = d;
		unsigned avg = (rgb[0] + rgb[1] + rgb[2]) / 3;
		int g = avg < 8 ? 0 : (int)((avg - 8) / 10);
		if (g > 23)
			g = 23;
		long gv = 8 + 10 * g, gd = 0;
		for (int i = 0; i < 3; i++)
			gd += (gv - (long)rgb[i]) * (gv - (long)rgb[i]);
		*out = gd < best ? 232 + g : c;
		return true;
	}
	char *end;
	long n = strtol(s, &end, 10);
	if (end != s && !*end && n >= 0 && n <= 255) {
		*out = (int)n;
		return true;
	}
	return false;
}

static void palette_rgb(int c, int rgb[3])
{
	static const int base16[16][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 }, { 0, 0, 238 },
		{ 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 }, { 127, 127, 127 },
		{ 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 }, { 92, 92, 255 }, { 255, 0, 255 },
		{ 0, 255, 255 }, { 255, 255, 255 } };
	static const int steps[6] = { 0, 95, 135, 175, 215, 255 };
	if (c < 16) {
		memcpy(rgb, base16[c], sizeof base16[c]);
	} else if (c < 232) {
		c -= 16;
		rgb[0] = steps[c / 36];
		rgb[1] = steps[(c / 6) % 6];
		rgb[2] = steps[c % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
	}
}

int gl_color_reduce(int color, int ncolors)
{
	if (color < 0 || ncolors >= 256 || color < (ncolors >= 16 ? 16 : 8))
		return color;
	int limit = ncolors >= 16 ? 16 : 8;
	int rgb[3], best = 0;
	long bestd = -1;
	palette_rgb(color, rgb);
	for (int i = 0; i < limit; i++) {
		int p[3];
		palette_rgb(i, p);
		long d = 0;
		for (int k = 0; k < 3; k++)
			d += (long)(p[k] - rgb[k]) * (p[k] - rgb[k]);
		if (bestd < 0 || d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best;
}

static bool parse_attr(const char *w, unsigned *attrs)
{
	static const struct { const char *name; unsigned a; } names[] = {
		{ "bold", GL_ATTR_BOLD }, { "underline", GL_ATTR_UNDERLINE },
		{ "reverse", GL_ATTR_REVERSE }, { "dim", GL_ATTR_DIM }, { "italic", GL_ATTR_ITALIC },
		{ "normal", 0 } };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!strcasecmp(w, names[i].name)) {
			*attrs |= names[i].a;
			return true;
		}
	}
	return false;
}

/* "FG [BG] [ATTR ...]": the first two colour words are fg and bg, the rest attributes. */
static bool parse_style(const char *v, struct gl_style *out, char word[64])
{
	struct gl_style st = { -1, -1, 0 };
	int ncolours = 0;
	const char *p = v;
	while (*p) {
		while (isspace((unsigned char)*p) || *p == ',')
			p++;
		if (!*p)
			break;
		size_t n = 0;
		while (p[n] && !isspace((unsigned char)p[n]) && p[n] != ',')
			n++;
		if (n >= 64) {
			snprintf(word, 64, "%.60s", p);
			return false;
		}
		memcpy(word, p, n);
		word[n] = '\0';
		p += n;
		int c;
		if (ncolours < 2 && gl_color_parse(word, &c)) {
			if (ncolours++ == 0)
				st.fg = c;
			else
				st.bg = c;
		} else if (!parse_attr(word, &st.attrs)) {
			return false;
		}
	}
	*out = st;
	return true;
}

enum gl_status gl_theme_load(struct gl_theme *t, const char *path, struct gl_diags *d,
	struct gl_error *err)
{
	/* A theme may be any file the settings name by a path: its lines are never quoted, and a
	 * file with a line that is not ini is no theme at all (nothing of it is shown). */
	struct ini_scan sc;
	struct gl_diags lines;
	gl_diags_init(&lines);
	if (ini_scan_file(path, &sc, &lines, false) != GL_OK) {
		gl_diags_finish(&lines);
		return gl_error_set_at(err, GL_EIO, path, 0, _("cannot read the theme file: %s"),
			strerror(errno));
	}
	if (lines.n) {
		enum gl_status st = gl_error_set_at(err, GL_EFORMAT, path, lines.v[0].line,
			_("not a theme file (a line that is neither [section] nor 'key = value')"));
		gl_diags_finish(&lines);
		ini_scan_finish(&sc);
		return st;
	}
	gl_diags_finish(&lines);
	dictionary *dict = ini_load_quiet(path);
	if (!dict) {
		ini_scan_finish(&sc);
		return gl_error_set_at(err, GL_EFORMAT, path, 0, _("the theme file cannot be parsed"));
	}
	int nsec = iniparser_getnsec(dict);
	for (int i = 0; i < nsec; i++) {
		const char *sec = iniparser_getsecname(dict, i);
		if (!sec)
			continue;
		bool colours = !strcmp(sec, "colors") || !strcmp(sec, "colours");
		if (!colours && strcmp(sec, "theme")) {
			gl_diags_add(d, path, ini_scan_line(&sc, sec, NULL),
				_("unknown section [%s] (known: theme, colors)"), sec);
			continue;
		}
		int nkeys = iniparser_getsecnkeys(dict, sec);
		const char **keys = nkeys > 0 ? calloc((size_t)nkeys, sizeof *keys) : NULL;
		if (!keys || !iniparser_getseckeys(dict, sec, keys)) {
			free(keys);
			continue;
		}
		for (int k = 0; k < nkeys; k++) {
			const char *name = keys[k] + strlen(sec) + 1;
			const char *v = iniparser_getstring(dict, keys[k], NULL);
			long line = ini_scan_line(&sc, sec, name);
			if (!v)
				continue;
			if (ini_scan_open_quote(&sc, sec, name)) {
				gl_diags_add(d, path, line, _("the value of %s has no closing quote"), name);
				continue;
			}
			if (!colours) {
				if (!strcmp(name, "name")) {
					free(t->name);
					t->name = gl_strdup(v);
				} else if (strcmp(name, "description")) {
					gl_diags_add(d, path, line, _("unknown key '%s' in [theme]"), name);
				}
				continue;
			}
			enum gl_theme_element e;
			if (!gl_theme_element_from_name(name, &e)) {
				gl_diags_add(d, path, line, _("unknown colour element '%s'"), name);
				continue;
			}
			char bad[64];
			struct gl_style st;
			if (!parse_style(v, &st, bad)) {
				gl_diags_add(d, path, line, _("bad colour or attribute '%s' for %s (expected "
					"'FG BG ATTR...', e.g. 'white blue bold')"), bad, name);
				continue;
			}
			t->styles[e] = st;
		}
		free(keys);
	}
	iniparser_freedict(dict);
	ini_scan_finish(&sc);
	return GL_OK;
}

/* The directories searched for themes, in order; entries may be NULL. */
static void theme_dirs(const char *config_path, char *dirs[4])
{
	const char *env = getenv("GENOMLYS_THEMES");
	dirs[0] = env && *env ? gl_strdup(env) : NULL;
	dirs[1] = NULL;
	if (config_path) {
		const char *slash = strrchr(config_path, '/');
		struct gl_str s = GL_STR_INIT;
		if (slash)
			gl_str_append(&s, config_path, (size_t)(slash - config_path));
		else
			gl_str_puts(&s, ".");
		gl_str_puts(&s, "/themes");
		dirs[1] = gl_str_steal(&s);
	}
	char *xdg = gl_config_xdg_dir("XDG_CONFIG_HOME", ".config");
	dirs[2] = NULL;
	if (xdg) {
		struct gl_str s = GL_STR_INIT;
		gl_str_printf(&s, "%s/themes", xdg);
		dirs[2] = gl_str_steal(&s);
		free(xdg);
	}
	dirs[3] = gl_strdup(gl_data_dir("themes"));
}

char *gl_theme_find(const char *name, const char *config_path)
{
	if (!name || !*name)
		return NULL;
	/* A path only when the user wrote one; any other name is looked for in the theme
	 * folders, never in the working directory. */
	if (strchr(name, '/')) {
		char *path = gl_path_expand(name);  /* "~/..." only; nothing else is expanded */
		if (path && access(path, R_OK) == 0)
			return path;
		free(path);
		return NULL;
	}
	size_t len = strlen(name);
	if (len > 4 && !strcmp(name + len - 4, ".ini"))
		len -= 4;
	char *dirs[4];
	char *found = NULL;
	theme_dirs(config_path, dirs);
	for (int i = 0; i < 4; i++) {
		if (!found && dirs[i]) {
			struct gl_str s = GL_STR_INIT;
			gl_str_printf(&s, "%s/%.*s.ini", dirs[i], (int)len, name);
			if (access(gl_str_cstr(&s), R_OK) == 0)
				found = gl_str_steal(&s);
			gl_str_finish(&s);
		}
		free(dirs[i]);
	}
	return found;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **gl_theme_list(const char *config_path, size_t *n)
{
	char *dirs[4];
	size_t cap = 16;
	char **v = calloc(cap, sizeof *v);
	*n = 0;
	theme_dirs(config_path, dirs);
	if (v)
		v[(*n)++] = gl_strdup("default");
	for (int i = 0; i < 4; i++) {
		DIR *dir = v && dirs[i] ? opendir(dirs[i]) : NULL;
		struct dirent *de;
		while (dir && (de = readdir(dir))) {
			size_t len = strlen(de->d_name);
			if (len <= 4 || strcmp(de->d_name + len - 4, ".ini") || de->d_name[0] == '.')
				continue;
			if (*n == cap) {
				char **grown = realloc(v, 2 * cap * sizeof *grown);
				if (!grown)
					break;
				v = grown;
				cap *= 2;
			}
			v[(*n)++] = strndup(de->d_name, len - 4);
		}
		if (dir)
			closedir(dir);
		free(dirs[i]);
	}
	if (!v)
		return NULL;
	qsort(v, *n, sizeof *v, cmp_str);
	size_t out = 0;
	for (size_t i = 0; i < *n; i++) {
		if (out && !strcmp(v[out - 1], v[i]))
			free(v[i]);
		else
			v[out++] = v[i];
	}
	*n = out;
	return v;
}
