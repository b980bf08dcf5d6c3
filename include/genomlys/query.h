/* The search syntax people type, turned into an SQLite FTS5 query. */
#ifndef GENOMLYS_QUERY_H
#define GENOMLYS_QUERY_H

#include "genomlys/status.h"
#include "genomlys/str.h"

/* Rewrites a search as typed into FTS5 syntax that means what the user meant:
 *  - a word matches the words that begin with it (studiero finds Studieron, skol finds
 *    skolgården): it becomes a prefix query (studiero*); "quoted phrases" match exactly, and
 *    AND, OR, NOT and parentheses pass through;
 *  - a word with characters FTS5 would read as syntax (F-klass, 1-2, SO-ämnen, elev's,
 *    klass:7, ^rast, a+b) becomes a quoted phrase ("F-klass"; F-kl* becomes "F-kl" *), never a
 *    column filter or a syntax error.
 * Mistakes FTS5 would only call a syntax error are refused (GL_EINVAL) with a sentence:
 * "the search has an unmatched quote (\")", "the search has an unmatched parenthesis",
 * "the search has empty parentheses", "AND needs a word on each side (rast AND trygg)".
 * out's content is replaced. The store calls this for every search (the CLI's and the
 * interface's), so callers pass the text as typed. */
enum gl_status gl_query_rewrite(const char *in, struct gl_str *out, struct gl_error *err);

#endif
