/* The order syntax of a ballot ("Area one > Area two = Area three"): titles, '>' and '='. */
#include "genomlys/ranking.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/clean.h"
#include "genomlys/i18n.h"
#include "genomlys/utf8.h"

void gl_rank_order_finish(struct gl_rank_order *o)
{
	if (!o)
		return;
	for (size_t i = 0; i < o->n; i++)
		free(o->items[i].title);
	free(o->items);
	o->items = NULL;
	o->n = 0;
}

/* The column (1-based, in characters) of byte offset off of text. */
static long column_of(const char *text, size_t off)
{
	long col = 1;
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A title shortened for a message: at most 40 characters. */
static void shown(const char *title, struct gl_str *out)
{
	gl_str_clear(out);
	size_t len = strlen(title), cut = len;
	long chars = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)title[i] & 0xC0) != 0x80 && ++chars > 40) {
			cut = i;
			break;
		}
	gl_str_append(out, title, cut);
	if (cut < len)
		gl_str_puts(out, "…");
}

enum gl_status gl_rank_order_parse(const char *text, struct gl_rank_order *out,
	struct gl_error *err)
{
	out->items = NULL;
	out->n = 0;
	if (!text || !gl_utf8_valid(text, strlen(text), NULL))
		return gl_error_set(err, GL_EFORMAT, _("the order is not valid UTF-8"));
	size_t len = strlen(text), i = 0, cap = 0;
	struct gl_str raw = GL_STR_INIT, clean = GL_STR_INIT, msg = GL_STR_INIT;
	struct gl_error ignored = { 0 };
	enum gl_status ret = GL_OK;
	int place = 1;
	size_t in_place = 0;  /* items in the current place */
	while (ret == GL_OK) {
		while (i < len && blank(text[i]))
			i++;
		size_t start = i;
		gl_str_clear(&raw);
		bool quoted = false;
		if (i < len && text[i] == '"') {
			quoted = true;
			i++;
			for (;;) {
				if (i >= len) {
					ret = gl_error_set(err, GL_EFORMAT, _("column %ld: the quote opened here is "
						"not closed"), column_of(text, start));
					break;
				}
				if (text[i] == '"' && i + 1 < len && text[i + 1] == '"') {
					gl_str_putc(&raw, '"');
					i += 2;
				} else if (text[i] == '"') {
					i++;
					break;
				} else {
					gl_str_putc(&raw, text[i++]);
				}
			}
			if (ret != GL_OK)
				break;
		} else {
			while (i < len && text[i] != '>' && text[i] != '=' && text[i] != '"')
				gl_str_putc(&raw, text[i++]);
			if (i < len && text[i] == '"') {
				gl_str_clear(&clean);
				gl_clean_name(gl_str_cstr(&raw), raw.len, &clean, &ignored);
				if (clean.len) {
					shown(gl_str_cstr(&clean), &msg);
					ret = gl_error_set(err, GL_EFORMAT, _("column %ld: expected '>' or '=' after "
						"\"%s\""), column_of(text, i), gl_str_cstr(&msg));
				} else {
					ret = gl_error_set(err, GL_EFORMAT, _("column %ld: a quote may only open a "
						"title"), column_of(text, i));
				}
				break;
			}
		}
		if (gl_clean_name(gl_str_cstr(&raw), raw.len, &clean, &ignored) != GL_OK) {
			if (start >= len && out->n == 0)
				ret = gl_error_set(err, GL_EFORMAT, _("the order is empty"));
			else
				ret = gl_error_set(err, GL_EFORMAT, _("column %ld: expected an area's title"),
					column_of(text, start));
			break;
		}
		for (size_t k = 0; k < out->n; k++)
			if (!strcmp(out->items[k].title, gl_str_cstr(&clean))) {
				shown(gl_str_cstr(&clean), &msg);
				ret = gl_error_set(err, GL_EFORMAT, _("column %ld: \"%s\" is named twice (first "
					"at column %ld)"), column_of(text, start), gl_str_cstr(&msg),
					out->items[k].column);
			}
		if (ret != GL_OK)
			break;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 8;
			struct gl_rank_order_item *p = realloc(out->items, cap * sizeof *p);
			if (!p) {
				ret = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
				break;
			}
			out->items = p;
		}
		size_t title_start = start + (quoted ? 0 : 0);
		while (!quoted && title_start < len && blank(text[title_start]))
			title_start++;
		out->items[out->n] = (struct gl_rank_order_item){ gl_str_steal(&clean), place,
			column_of(text, title_start) };
		if (!out->items[out->n].title) {
			ret = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
			break;
		}
		out->n++;
		in_place++;
		while (i < len && blank(text[i]))
			i++;
		if (i >= len)
			break;
		if (text[i] == '>') {
			place += (int)in_place;
			in_place = 0;
			i++;
		} else if (text[i] == '=') {
			i++;
		} else {
			shown(out->items[out->n - 1].title, &msg);
			ret = gl_error_set(err, GL_EFORMAT, _("column %ld: expected '>' or '=' after \"%s\""),
				column_of(text, i), gl_str_cstr(&msg));
		}
	}
	gl_str_finish(&raw);
	gl_str_finish(&clean);
	gl_str_finish(&msg);
	if (ret != GL_OK)
		gl_rank_order_finish(out);
	return ret;
}
