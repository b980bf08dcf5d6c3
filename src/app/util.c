/* Small formatting helpers shared by the panes. */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/num.h"
#include "genomlys/utf8.h"

const char *app_decimal_separator(void)
{
	return gl_num_decimal_separator();
}

void app_format_value(double v, char *buf, size_t size)
{
	gl_num_format(v, 1, buf, size);
}

void app_format_fixed(double v, int decimals, char *buf, size_t size)
{
	gl_num_format(v, decimals, buf, size);
}

void app_format_number(double v, char *buf, size_t size)
{
	gl_num_format(v, GL_NUM_G, buf, size);
}

int64_t app_sync_limit(const char *name, int64_t dflt)
{
	int64_t v = dflt;
	const char *e = getenv(name);
	if (e && *e && gl_num_parse_int64(e, 0, INT64_MAX, &v, NULL) != GL_OK)
		v = dflt;
	return v;
}

int app_text_width(const char *s)
{
	size_t len = strlen(s);
	if (!gl_utf8_valid(s, len, NULL))
		return (int)len;
	return (int)gl_utf8_width(s, len);
}

void app_quote(const char *text, size_t b0, size_t b1, size_t max, struct gl_str *out)
{
	size_t n = b1 > b0 ? b1 - b0 : 0;
	bool cut = n > max;
	if (cut) {
		n = max;
		while (n > 0 && ((unsigned char)text[b0 + n] & 0xc0) == 0x80)
			n--;
	}
	size_t from = out->len;
	gl_str_append(out, text + b0, n);
	if (cut)
		gl_str_puts(out, "…");
	for (size_t i = from; out->buf && i < out->len; i++)
		if (out->buf[i] == '\n' || out->buf[i] == '\t')
			out->buf[i] = ' ';
}

char **gl_search_terms(const char *query, size_t *n)
{
	*n = 0;
	if (!query)
		return NULL;
	struct gl_str fold = GL_STR_INIT;
	if (gl_utf8_fold(query, strlen(query), &fold) != GL_OK) {
		gl_str_finish(&fold);
		return NULL;
	}
	char **v = calloc(strlen(query) / 2 + 2, sizeof *v);
	char *copy = gl_str_steal(&fold);
	if (!v || !copy) {
		free(v);
		free(copy);
		return NULL;
	}
	/* Words are runs of anything but spaces and FTS5 punctuation. */
	for (char *save = NULL, *w = strtok_r(copy, " \t\"()*:^+{}", &save); w;
		w = strtok_r(NULL, " \t\"()*:^+{}", &save)) {
		if (!strcmp(w, "or") || !strcmp(w, "and") || !strcmp(w, "not") || !strcmp(w, "near"))
			continue;
		v[(*n)++] = gl_strdup(w);
	}
	free(copy);
	return v;
}

struct group_width {
	int width, any;
};

static int group_width_row(void *ctx, const struct gl_row *row)
{
	/* groups: id, uuid, key, name_sv, name_en, letters, name */
	struct group_width *g = ctx;
	if (row->values[6].type != GL_VAL_TEXT)
		return 0;
	int w = (int)gl_utf8_width(row->values[6].s, row->values[6].len);
	if (row->values[5].i > 0 && w > g->width)
		g->width = w;
	if (w > g->any)
		g->any = w;
	return 0;
}

int app_group_width(struct gl_app *a)
{
	struct group_width g = { 0, 0 };
	if (gl_store_list(a->store, GL_LIST_GROUPS, NULL, 0, 0, group_width_row, &g, NULL) != GL_OK)
		return 11;
	int w = g.width ? g.width : g.any ? g.any : 11;  /* no letters yet: every group */
	return w < 6 ? 6 : w > 16 ? 16 : w;
}
