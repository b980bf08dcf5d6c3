/* The action table, key names and the key map. */
#include "genomlys/app_action.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"

struct action_def {
	const char *name;
	enum gl_scope scope;
	const char *keys;
	const char *help;
};

#define GL_ACTION_DEF(id, name, scope, keys, help) { name, GL_SCOPE_##scope, keys, help },
static const struct action_def actions[GL_ACT_COUNT] = { GL_ACTIONS(GL_ACTION_DEF) };
#undef GL_ACTION_DEF

const char *gl_action_name(enum gl_action a)
{
	return a >= 0 && a < GL_ACT_COUNT ? actions[a].name : "";
}

enum gl_scope gl_action_scope(enum gl_action a)
{
	return a >= 0 && a < GL_ACT_COUNT ? actions[a].scope : GL_SCOPE_GENERIC;
}

const char *gl_scope_title(enum gl_scope s)
{
	switch (s) {
	case GL_SCOPE_READER: return _("In the reader");
	case GL_SCOPE_CODEBOOK: return _("In the codebook");
	case GL_SCOPE_REVIEW: return _("In the review");
	case GL_SCOPE_FINDINGS: return _("In the findings");
	case GL_SCOPE_RANKING: return _("In the ranking");
	case GL_SCOPE_ANALYSIS: return _("In the analysis");
	default: return _("Everywhere");
	}
}

const char *gl_action_help(enum gl_action a)
{
	return a >= 0 && a < GL_ACT_COUNT ? _(actions[a].help) : "";
}

enum gl_action gl_action_from_name(const char *name)
{
	for (int i = 0; i < GL_ACT_COUNT; i++)
		if (!strcasecmp(actions[i].name, name))
			return (enum gl_action)i;
	return GL_ACT_NONE;
}

static const struct { const char *name; int key; } key_names[] = {
	{ "Up", GL_KEY_UP }, { "Down", GL_KEY_DOWN }, { "Left", GL_KEY_LEFT },
	{ "Right", GL_KEY_RIGHT }, { "PgUp", GL_KEY_PGUP }, { "PgDn", GL_KEY_PGDN },
	{ "Home", GL_KEY_HOME }, { "End", GL_KEY_END }, { "Enter", GL_KEY_ENTER },
	{ "Tab", GL_KEY_TAB }, { "S-Tab", GL_KEY_BTAB }, { "Esc", GL_KEY_ESC },
	{ "Backspace", GL_KEY_BACKSPACE }, { "Del", GL_KEY_DELETE }, { "Ins", GL_KEY_INSERT },
	{ "Space", ' ' },
	/* Aliases, read but never written. */
	{ "PageUp", GL_KEY_PGUP }, { "PageDown", GL_KEY_PGDN }, { "Return", GL_KEY_ENTER },
	{ "Escape", GL_KEY_ESC }, { "Delete", GL_KEY_DELETE }, { "BackTab", GL_KEY_BTAB },
	{ "Insert", GL_KEY_INSERT }, { "M-Enter", GL_KEY_M_ENTER },
};
#define NKEY_NAMES (sizeof key_names / sizeof key_names[0])

bool gl_key_parse(const char *name, int *key)
{
	size_t len = strlen(name);
	if (len > 2 && name[0] == '<' && name[len - 1] == '>') {
		char inner[32];
		if (len - 2 >= sizeof inner)
			return false;
		memcpy(inner, name + 1, len - 2);
		inner[len - 2] = '\0';
		return gl_key_parse(inner, key);
	}
	for (size_t i = 0; i < NKEY_NAMES; i++) {
		if (!strcasecmp(key_names[i].name, name)) {
			*key = key_names[i].key;
			return true;
		}
	}
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3) {
		int n = atoi(name + 1);
		if (n >= 1 && n <= 12 && name[1] >= '1' && name[1] <= '9') {
			*key = GL_KEY_F1 + n - 1;
			return true;
		}
	}
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
		int c = name[2] | 0x20;
		if (c >= 'a' && c <= 'z') {
			*key = c & 0x1f;
			return true;
		}
	}
	if (len == 2 && name[0] == '^') {
		int c = name[1] | 0x20;
		if (c >= 'a' && c <= 'z') {
			*key = c & 0x1f;
			return true;
		}
	}
	/* One character. */
	if (len && gl_utf8_valid(name, len, NULL) && gl_utf8_count(name, len) == 1) {
		int32_t cp;
		gl_utf8_decode(name, len, &cp);
		if (cp > 32 && cp != 127) {
			*key = cp;
			return true;
		}
	}
	return false;
}

void gl_key_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < NKEY_NAMES; i++) {
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return;
		}
	}
	if (key >= GL_KEY_F1 && key <= GL_KEY_F12) {
		snprintf(buf, size, "F%d", key - GL_KEY_F1 + 1);
	} else if (key >= 1 && key <= 26) {
		snprintf(buf, size, "C-%c", 'a' + key - 1);
	} else if (key > 32 && key < GL_KEY_BASE) {
		char u[5] = { 0 };
		unsigned c = (unsigned)key;
		if (c < 0x80) {
			u[0] = (char)c;
		} else if (c < 0x800) {
			u[0] = (char)(0xc0 | (c >> 6));
			u[1] = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			u[0] = (char)(0xe0 | (c >> 12));
			u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
			u[2] = (char)(0x80 | (c & 0x3f));
		} else {
			u[0] = (char)(0xf0 | (c >> 18));
			u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
			u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
			u[3] = (char)(0x80 | (c & 0x3f));
		}
		snprintf(buf, size, "%s", u);
	} else {
		snprintf(buf, size, "?");
	}
}

static enum gl_status keymap_add(struct gl_keymap *km, int key, enum gl_action action)
{
	for (size_t i = 0; i < km->n; i++) {
		if (km->v[i].key == key && actions[km->v[i].action].scope == actions[action].scope) {
			km->v[i].action = action;
			return GL_OK;
		}
	}
	if (km->n == km->cap) {
		size_t cap = km->cap ? km->cap * 2 : 64;
		struct gl_binding *v = realloc(km->v, cap * sizeof *v);
		if (!v)
			return GL_ENOMEM;
		km->v = v;
		km->cap = cap;
	}
	km->v[km->n].key = key;
	km->v[km->n].action = action;
	km->n++;
	return GL_OK;
}

/* Splits keys at spaces into key codes; false on the first bad name. */
static bool keys_parse(const char *keys, int *out, size_t *n, size_t max, char *bad,
	size_t bad_size)
{
	*n = 0;
	const char *p = keys;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		size_t len = strcspn(p, " \t");
		char word[64];
		if (len >= sizeof word || *n == max) {
			snprintf(bad, bad_size, "%.*s", (int)(len < 60 ? len : 60), p);
			return false;
		}
		memcpy(word, p, len);
		word[len] = '\0';
		if (!gl_key_parse(word, &out[*n])) {
			snprintf(bad, bad_size, "%s", word);
			return false;
		}
		(*n)++;
		p += len;
	}
	return true;
}

enum gl_status gl_keymap_init(struct gl_keymap *km)
{
	memset(km, 0, sizeof *km);
	for (int a = 0; a < GL_ACT_COUNT; a++) {
		int keys[8];
		size_t n;
		char bad[8];
		if (!keys_parse(actions[a].keys, keys, &n, 8, bad, sizeof bad))
			return GL_EINVAL;  /* a typo in GL_ACTIONS; the unit tests catch it */
		for (size_t i = 0; i < n; i++)
			if (keymap_add(km, keys[i], (enum gl_action)a) != GL_OK)
				return GL_ENOMEM;
	}
	return GL_OK;
}

void gl_keymap_finish(struct gl_keymap *km)
{
	free(km->v);
	memset(km, 0, sizeof *km);
}

enum gl_status gl_keymap_bind(struct gl_keymap *km, enum gl_action action, const char *keys,
	char *bad, size_t bad_size)
{
	int codes[16];
	size_t n;
	if (action < 0 || action >= GL_ACT_COUNT)
		return GL_EINVAL;
	if (!keys_parse(keys, codes, &n, 16, bad, bad_size))
		return GL_EINVAL;
	size_t out = 0;
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].action != action)
			km->v[out++] = km->v[i];
	km->n = out;
	for (size_t i = 0; i < n; i++)
		if (keymap_add(km, codes[i], action) != GL_OK)
			return GL_ENOMEM;
	return GL_OK;
}

enum gl_action gl_keymap_lookup_in(const struct gl_keymap *km, enum gl_scope scope, int key)
{
	enum gl_action generic = GL_ACT_NONE;
	for (size_t i = 0; i < km->n; i++) {
		if (km->v[i].key != key)
			continue;
		enum gl_scope s = actions[km->v[i].action].scope;
		if (s == scope)
			return km->v[i].action;
		if (s == GL_SCOPE_GENERIC)
			generic = km->v[i].action;
	}
	return generic;
}

enum gl_action gl_keymap_lookup(const struct gl_keymap *km, int key)
{
	return gl_keymap_lookup_in(km, GL_SCOPE_GENERIC, key);
}

void gl_keymap_keys(const struct gl_keymap *km, enum gl_action action, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < km->n && used + 1 < size; i++) {
		if (km->v[i].action != action)
			continue;
		char name[32];
		gl_key_name(km->v[i].key, name, sizeof name);
		int w = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", name);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}
