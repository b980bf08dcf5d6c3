/* Search queries: what a person types, as FTS5 syntax, with mistakes said in words. */
#include "genomlys/query.h"

#include <stdbool.h>
#include <string.h>

#include "genomlys/i18n.h"

/* FTS5 barewords: ASCII letters and digits, '_', 0x1A and every non-ASCII byte. */
static bool bare_char(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c == '_' || c == 0x1A;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

enum last { LAST_NONE, LAST_OPERAND, LAST_OPERATOR, LAST_OPEN };

static bool is_operator(const char *w, size_t n)
{
	return (n == 3 && (!memcmp(w, "AND", 3) || !memcmp(w, "NOT", 3))) ||
		(n == 2 && !memcmp(w, "OR", 2));
}

/* Appends w[0..n) as a phrase: "..." with quotes doubled. */
static enum gl_status put_phrase(struct gl_str *out, const char *w, size_t n)
{
	enum gl_status st = gl_str_putc(out, '"');
	for (size_t i = 0; i < n && st == GL_OK; i++)
		st = w[i] == '"' ? gl_str_puts(out, "\"\"") : gl_str_putc(out, w[i]);
	return st == GL_OK ? gl_str_putc(out, '"') : st;
}

static enum gl_status operator_error(const char *op, size_t n, struct gl_error *err)
{
	return gl_error_set(err, GL_EINVAL, _("%.*s needs a word on each side (rast %.*s trygg)"),
		(int)n, op, (int)n, op);
}

enum gl_status gl_query_rewrite(const char *in, struct gl_str *out, struct gl_error *err)
{
	gl_str_clear(out);
	enum gl_status st = gl_str_reserve(out, strlen(in) + 16);
	enum last last = LAST_NONE;
	const char *op = NULL;  /* the last operator, for its message */
	size_t opn = 0;
	int depth = 0;
	const char *p = in;
	while (st == GL_OK) {
		while (is_space(*p))
			p++;
		if (!*p)
			break;
		if (out->len)
			st = gl_str_putc(out, ' ');
		if (*p == '(') {
			depth++;
			last = LAST_OPEN;
			st = gl_str_putc(out, *p++);
			continue;
		}
		if (*p == ')') {
			if (depth == 0)
				return gl_error_set(err, GL_EINVAL, _("the search has an unmatched "
					"parenthesis"));
			if (last == LAST_OPEN)
				return gl_error_set(err, GL_EINVAL, _("the search has empty parentheses"));
			if (last == LAST_OPERATOR)
				return operator_error(op, opn, err);
			depth--;
			last = LAST_OPERAND;
			st = gl_str_putc(out, *p++);
			continue;
		}
		if (*p == '"') {
			/* A phrase as written, up to its closing quote ("" is a quote inside). */
			const char *q = p + 1;
			for (;;) {
				q = strchr(q, '"');
				if (!q)
					return gl_error_set(err, GL_EINVAL, _("the search has an unmatched quote "
						"(\")"));
				if (q[1] != '"')
					break;
				q += 2;
			}
			q++;
			if (*q == '*')
				q++;
			st = gl_str_append(out, p, (size_t)(q - p));
			p = q;
			last = LAST_OPERAND;
			continue;
		}
		/* A word: up to a blank, a parenthesis or a quote. */
		const char *w = p;
		while (*p && !is_space(*p) && *p != '(' && *p != ')' && *p != '"')
			p++;
		size_t n = (size_t)(p - w);
		if (is_operator(w, n)) {
			if (last != LAST_OPERAND)
				return operator_error(w, n, err);
			op = w;
			opn = n;
			last = LAST_OPERATOR;
			st = gl_str_append(out, w, n);
			continue;
		}
		/* Swedish inflects and compounds: a word typed matches the words that begin with it
		 * (studiero finds Studieron), as if it ended in '*'; "quotes" match exactly. */
		bool star = n > 1 && w[n - 1] == '*';
		size_t stem = star ? n - 1 : n;
		bool bare = true;
		for (size_t i = 0; i < stem; i++)
			if (!bare_char((unsigned char)w[i]))
				bare = false;
		if (bare)
			st = gl_str_append(out, w, stem);
		else
			st = put_phrase(out, w, stem);
		if (st == GL_OK)
			st = gl_str_puts(out, bare ? "*" : " *");
		last = LAST_OPERAND;
	}
	if (st != GL_OK)
		return gl_error_set(err, st, "%s", gl_status_str(st));
	if (depth > 0)
		return gl_error_set(err, GL_EINVAL, _("the search has an unmatched parenthesis"));
	if (last == LAST_OPERATOR)
		return operator_error(op, opn, err);
	if (last == LAST_NONE)
		return gl_error_set(err, GL_EINVAL, _("empty search query"));
	return GL_OK;
}
