/* Generic paged lists over every entity, and full-text search; rows go to a callback. */
#include "genomlys/store.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/query.h"
#include "genomlys/utf8.h"
#include "store_internal.h"

/* ---- Snippets ----
 * FTS5's snippet() scores every window around every hit of a letter against every other hit:
 * its time grows with the square of the number of hits, minutes for a 10 MB letter. Ours takes
 * the first hit in the text from the index, reads the letter in pieces (incremental BLOB I/O:
 * FTS5's own xColumnText would read all 200 MB of a 200 MB letter first) and tokenizes it only
 * up to the end of the window around that hit: its time grows with where the first hit is,
 * not with the letter's size. */

#define SNIPPET_TOKENS 12
#define SNIPPET_COLUMN 1  /* documents_fts(title, text) */
/* A first hit further into a letter than this many words is not looked for in the text (the
 * snippet shows the letter's beginning): tokenizing that far would take a noticeable time. */
#define SNIPPET_MAX_OFFSET 1000000
#define SNIPPET_PIECE 65536

struct snippet_token {
	int64_t start, end;  /* byte offsets in the text */
	bool hit;
};

struct snippet_scan {
	int64_t base;    /* offset of the piece being tokenized in the text */
	int64_t first;   /* the window's first token */
	int64_t n;       /* tokens seen so far */
	int count;       /* tokens kept in tok */
	bool more;       /* the text has tokens after the window */
	struct snippet_token tok[SNIPPET_TOKENS];
};

static int snippet_token(void *ctx, int tflags, const char *token, int ntoken, int start, int end)
{
	struct snippet_scan *sc = ctx;
	(void)token;
	(void)ntoken;
	if (tflags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	int64_t i = sc->n++;
	if (i >= sc->first + SNIPPET_TOKENS) {
		sc->more = true;
		return SQLITE_DONE;  /* stops the tokenizer: nothing after the window is needed */
	}
	if (i >= sc->first) {
		sc->tok[sc->count].start = sc->base + start;
		sc->tok[sc->count].end = sc->base + end;
		sc->tok[sc->count].hit = false;
		sc->count++;
	}
	return SQLITE_OK;
}

/* Where a piece may end without cutting a word: after an ASCII byte that is no word character
 * (the unicode61 tokenizer separates words at every one of them). 0 when there is none. */
static int piece_cut(const char *p, int n)
{
	for (int i = n; i > 0; i--) {
		unsigned char c = (unsigned char)p[i - 1];
		if (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			(c >= 'A' && c <= 'Z') || c == '_'))
			return i;
	}
	return 0;
}

/* Tokenizes the letter from its start until the window's last token and one more are seen. */
static int snippet_scan(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_blob *blob,
	struct snippet_scan *sc)
{
	int64_t len = sqlite3_blob_bytes(blob), at = 0;
	struct gl_str piece = GL_STR_INIT;
	int rc = SQLITE_OK;
	while (rc == SQLITE_OK && at < len && !sc->more) {
		/* A piece grows until it can be cut between words (or the text ends). */
		int want = SNIPPET_PIECE, cut = 0;
		for (;;) {
			int n = (int)(len - at < want ? len - at : want);
			if (gl_str_reserve(&piece, (size_t)n) != GL_OK) {
				rc = SQLITE_NOMEM;
				break;
			}
			if ((rc = sqlite3_blob_read(blob, piece.buf, n, (int)at)) != SQLITE_OK)
				break;
			piece.len = (size_t)n;
			cut = at + n == len ? n : piece_cut(piece.buf, n);
			if (cut > 0 || want >= 16 * SNIPPET_PIECE)
				break;
			want *= 2;
		}
		if (rc != SQLITE_OK)
			break;
		if (cut == 0)
			cut = (int)piece.len;  /* a 1 MB word: cut anyway */
		sc->base = at;
		rc = api->xTokenize(fts, piece.buf, cut, sc, snippet_token);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		at += cut;
	}
	gl_str_finish(&piece);
	return rc;
}

/* Appends text[from, to) read from the blob. */
static int blob_append(sqlite3_blob *blob, int64_t from, int64_t to, struct gl_str *out)
{
	if (to <= from)
		return SQLITE_OK;
	if (gl_str_reserve(out, (size_t)(to - from)) != GL_OK)
		return SQLITE_NOMEM;
	int rc = sqlite3_blob_read(blob, out->buf + out->len, (int)(to - from), (int)from);
	if (rc == SQLITE_OK) {
		out->len += (size_t)(to - from);
		out->buf[out->len] = '\0';
	}
	return rc;
}

/* Appends text[from, len): the text after the last word, or a text without words; at most
 * SNIPPET_TAIL bytes of it (cut between two characters) and then "…". */
#define SNIPPET_TAIL 400
static int blob_append_tail(sqlite3_blob *blob, int64_t from, int64_t len, struct gl_str *out)
{
	if (len - from <= SNIPPET_TAIL)
		return blob_append(blob, from, len, out);
	size_t keep = out->len;
	int rc = blob_append(blob, from, from + SNIPPET_TAIL, out);
	if (rc != SQLITE_OK)
		return rc;
	/* Drop the last character when the cut went through it. */
	size_t i = out->len;
	while (i > keep && ((unsigned char)out->buf[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > keep) {
		unsigned char lead = (unsigned char)out->buf[i - 1];
		size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
		if (i - 1 + need > out->len) {
			out->len = i - 1;
			out->buf[out->len] = '\0';
		}
	}
	return gl_str_puts(out, "…") == GL_OK ? SQLITE_OK : SQLITE_NOMEM;
}

/* gl_snippet(documents_fts): the text around the first hit, hits in [ ], … where cut; the
 * same form as snippet(documents_fts, 1, '[', ']', '…', 12). */
static void snippet_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
	int nval, sqlite3_value **vals)
{
	(void)nval;
	(void)vals;
	sqlite3 *db = api->xUserData(fts);
	/* The first hit in the text: each phrase's instances come in order of column and offset. */
	int nphrase = api->xPhraseCount(fts), first = -1;
	for (int p = 0; p < nphrase; p++) {
		Fts5PhraseIter it;
		int col, off;
		for (api->xPhraseFirst(fts, p, &it, &col, &off); col >= 0;
			api->xPhraseNext(fts, &it, &col, &off)) {
			if (col == SNIPPET_COLUMN) {
				if (first < 0 || off < first)
					first = off;
				break;
			}
			if (col > SNIPPET_COLUMN)
				break;
		}
	}
	if (first > SNIPPET_MAX_OFFSET)
		first = -1;
	int size = 0;
	api->xColumnSize(fts, SNIPPET_COLUMN, &size);
	/* The hit in the middle of the window, as FTS5 places it. */
	int start = first < 0 ? 0 : first - (SNIPPET_TOKENS - 1) / 2;
	if (start + SNIPPET_TOKENS > size)
		start = size - SNIPPET_TOKENS;
	if (start < 0)
		start = 0;
	sqlite3_blob *blob = NULL;
	int rc = sqlite3_blob_open(db, "main", "documents", "text", api->xRowid(fts), 0, &blob);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	struct snippet_scan sc = { .first = start };
	rc = snippet_scan(api, fts, blob, &sc);
	/* Mark every hit in the window (a phrase covers several tokens). */
	for (int p = 0; rc == SQLITE_OK && first >= 0 && p < nphrase; p++) {
		int width = api->xPhraseSize(fts, p);
		Fts5PhraseIter it;
		int col, off;
		for (api->xPhraseFirst(fts, p, &it, &col, &off); col >= 0 && col <= SNIPPET_COLUMN;
			api->xPhraseNext(fts, &it, &col, &off)) {
			if (col != SNIPPET_COLUMN)
				continue;
			if (off >= start + sc.count)
				break;
			for (int t = off; t < off + width; t++)
				if (t >= start && t < start + sc.count)
					sc.tok[t - start].hit = true;
		}
	}
	struct gl_str out = GL_STR_INIT;
	int64_t len = sqlite3_blob_bytes(blob), at = 0;  /* at: bytes of the text copied so far */
	if (rc == SQLITE_OK && sc.count == 0) {
		rc = blob_append_tail(blob, 0, len, &out);  /* no words: the text as it is */
		at = len;
	} else if (rc == SQLITE_OK && start > 0) {
		rc = gl_str_puts(&out, "…") == GL_OK ? SQLITE_OK : SQLITE_NOMEM;
		at = sc.tok[0].start;
	}
	for (int i = 0; i < sc.count && rc == SQLITE_OK; i++) {
		const struct snippet_token *t = &sc.tok[i];
		bool open = t->hit && (i == 0 || !sc.tok[i - 1].hit);
		bool close = t->hit && (i == sc.count - 1 || !sc.tok[i + 1].hit);
		rc = blob_append(blob, at, t->start, &out);
		if (rc == SQLITE_OK && open && gl_str_putc(&out, '[') != GL_OK)
			rc = SQLITE_NOMEM;
		if (rc == SQLITE_OK)
			rc = blob_append(blob, t->start, t->end, &out);
		if (rc == SQLITE_OK && close && gl_str_putc(&out, ']') != GL_OK)
			rc = SQLITE_NOMEM;
		at = t->end;
	}
	if (rc == SQLITE_OK && sc.count > 0) {
		if (sc.more)
			rc = gl_str_puts(&out, "…") == GL_OK ? SQLITE_OK : SQLITE_NOMEM;
		else
			rc = blob_append_tail(blob, at, len, &out);
	}
	sqlite3_blob_close(blob);
	if (rc == SQLITE_OK)
		sqlite3_result_text64(ctx, gl_str_cstr(&out), out.len, SQLITE_TRANSIENT, SQLITE_UTF8);
	else if (rc == SQLITE_NOMEM)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_error_code(ctx, rc);
	gl_str_finish(&out);
}

enum gl_status db_search_init(struct gl_store *s, struct gl_error *err)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	enum gl_status ret = db_prepare(s, "SELECT fts5(?1)", &st, err);
	if (ret != GL_OK)
		return ret;
	if (sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL) != SQLITE_OK ||
		sqlite3_step(st) != SQLITE_ROW || !api)
		ret = db_error(s, err, _("the full-text search is missing"));
	sqlite3_finalize(st);
	if (ret == GL_OK && api->xCreateFunction(api, "gl_snippet", s->db, snippet_fn, NULL) !=
		SQLITE_OK)
		ret = db_error(s, err, _("the full-text search is missing"));
	return ret;
}


struct list_def {
	const char *name;
	const char *select;  /* SELECT ... FROM ... (WHERE clauses appended) */
	const char *order;
	const char *count;   /* a cheaper SELECT count(*) taking the same WHERE clauses, or NULL */
	/* Where paging far into a long list is costly: the page's ids are found first with this
	 * (taking the same WHERE clauses, ordered like the list), then only those rows are read. */
	const char *page;
	const char *page_col;  /* the list's id that page selects (NULL: d.id) */
};

/* The codings' page when a filter names a letter's column (school, group, kind); without one
 * the page is found in the codings table alone, the narrowest way past a million rows. */
static const char codings_page_joined[] =
	"SELECT k.id FROM codings k JOIN documents d ON d.id = k.document_id WHERE 1";

/* The pairs of overlapping codings (the list of overlaps, and its page by ids). b is found
 * among its letter's codings (the unique index on document_id, code_id, ...): without the
 * CROSS JOIN and the unary +, SQLite went through every coding of the code with a larger id
 * (codings_code), 51 s for the first page at region scale (issue 17). */
#define OVERLAPS_PAIRS \
	" FROM codings a CROSS JOIN codings b ON b.document_id = a.document_id" \
	" AND +b.code_id = a.code_id AND b.coder_id <> a.coder_id AND +b.id > a.id" \
	" AND b.start < a.end AND a.start < b.end"
#define OVERLAPS_PAGE "SELECT a.id, b.id" OVERLAPS_PAIRS
/* The overlaps list's columns and the joins they need (after OVERLAPS_PAIRS, or after the
 * pairs of a page found by key: gl_store_overlaps_by_key). */
#define OVERLAPS_COLUMNS \
	" SELECT a.id AS id, b.id AS other_id, a.document_id AS letter," \
	" ifnull(t.path, c.name) AS code," \
	" ra.name AS coder, rb.name AS other_coder, s.name AS school, " DB_GROUP_NAME("g") " AS \"group\"," \
	" a.start, a.end, b.start AS other_start, b.end AS other_end," \
	" substr(d.text, a.start + 1, a.end - a.start) AS quote," \
	" substr(d.text, b.start + 1, b.end - b.start) AS other_quote, g.key AS group_key"
#define OVERLAPS_JOINS \
	" JOIN documents d ON d.id = a.document_id JOIN codes c ON c.id = a.code_id" \
	" LEFT JOIN tree t ON t.id = a.code_id JOIN coders ra ON ra.id = a.coder_id" \
	" JOIN coders rb ON rb.id = b.coder_id JOIN schools s ON s.id = d.school_id" \
	" JOIN groups g ON g.id = d.group_id"
/* The overlaps' page when a filter names a letter's column (school, group). */
static const char overlaps_page_joined[] =
	OVERLAPS_PAGE " JOIN documents d ON d.id = a.document_id WHERE 1";
/* Their number, without the list's columns (gl_store_count); counted up to a limit, the
 * pairs are found in the same order and the count stops at the limit. */
static const char overlaps_count[] = "SELECT count(*)" OVERLAPS_PAIRS " WHERE 1";
static const char overlaps_count_joined[] =
	"SELECT count(*)" OVERLAPS_PAIRS " JOIN documents d ON d.id = a.document_id WHERE 1";
static const char overlaps_upto[] = "SELECT count(*) FROM (SELECT 1" OVERLAPS_PAIRS " WHERE 1";
static const char overlaps_upto_joined[] = "SELECT count(*) FROM (SELECT 1" OVERLAPS_PAIRS
	" JOIN documents d ON d.id = a.document_id WHERE 1";
/* The pairs before a key beside all of them, in one pass (gl_store_overlaps_before). */
#define OVERLAPS_BEFORE "SELECT ifnull(sum((a.document_id, a.start, a.id, b.id) <" \
	" (:k1, :k2, :k3, :k4)), 0), count(*)" OVERLAPS_PAIRS
static const char overlaps_before[] = OVERLAPS_BEFORE " WHERE 1";
static const char overlaps_before_joined[] = OVERLAPS_BEFORE
	" JOIN documents d ON d.id = a.document_id WHERE 1";
static const char overlaps_total[] = "SELECT count(*), count(*)" OVERLAPS_PAIRS " WHERE 1";
static const char overlaps_total_joined[] = "SELECT count(*), count(*)" OVERLAPS_PAIRS
	" JOIN documents d ON d.id = a.document_id WHERE 1";

/* The codings paged by key (gl_store_list_by_key): the list's order is k.id; the key's (id,
 * other_id) with other_id 0 (a row's key) or moved by one (between rows) becomes a bound on
 * k.id, :lo (from it on) or :hi (before it). */
static const char codings_keyed[] = "SELECT k.id FROM codings k WHERE 1";
static const char codings_keyed_joined[] =
	"SELECT k.id FROM codings k JOIN documents d ON d.id = k.document_id WHERE 1";
/* The codings before a key beside all of them, in one pass (gl_store_list_before). */
static const char codings_before[] =
	"SELECT ifnull(sum(k.id < :hi), 0), count(*) FROM codings k WHERE 1";
static const char codings_before_joined[] = "SELECT ifnull(sum(k.id < :hi), 0), count(*)"
	" FROM codings k JOIN documents d ON d.id = k.document_id WHERE 1";
static const char codings_upto[] = "SELECT count(*) FROM (SELECT 1 FROM codings k WHERE 1";
static const char codings_upto_joined[] = "SELECT count(*) FROM (SELECT 1 FROM codings k"
	" JOIN documents d ON d.id = k.document_id WHERE 1";

/* The codebook as a tree: each code's path ("Category > Code > Subcode") and a key that sorts
 * it in tree order. The tree is walked from the top through the index on ifnull(parent_id, 0)
 * (the unary + drops an integer affinity that keeps SQLite from using it), each code once:
 * linear in the codebook's size. Below GL_CODE_MAX_DEPTH (only in a damaged or hand-made
 * file) paths and sort keys stop growing, so that a chain of 10,000 codes does not build
 * 10,000 ever longer strings. Lists of codings LEFT JOIN it, which keeps them in their own
 * order (the tree is small and gets an automatic index). */
#define CODE_TREE \
	"WITH RECURSIVE tree(id, path, sort_key, depth) AS (" \
	" SELECT id, name, " DB_COLLATION "_key(name), 1 FROM codes WHERE ifnull(parent_id, 0) = 0" \
	" UNION ALL SELECT k.id," \
	" CASE WHEN t.depth < " GL_STR(GL_CODE_MAX_DEPTH) " THEN t.path ELSE '…' END" \
	" || ' > ' || k.name," \
	" CASE WHEN t.depth < " GL_STR(GL_CODE_MAX_DEPTH) " THEN t.sort_key || char(1) ||" \
	/* values of an exclusive category in value order, other codes by name */ \
	" printf('%020.6f', ifnull(k.value, 0)) || " DB_COLLATION "_key(k.name) ELSE t.sort_key END," \
	" t.depth + 1" \
	" FROM tree t JOIN codes k ON ifnull(k.parent_id, 0) = +t.id)"

/* The codings counted for a code or a letter when the list is narrowed to a school, a group or
 * a coder: the rows stay (every code, every letter in the filter), the count is of theirs. */
#define CODINGS_COUNTED(match) \
	" (SELECT count(*) FROM codings k JOIN documents dd ON dd.id = k.document_id" \
	" WHERE " match " AND (:school = 0 OR dd.school_id = :school)" \
	" AND (:group = 0 OR dd.group_id = :group) AND (:coder = 0 OR k.coder_id = :coder))"

/* An exclusive category and its values are not coded on spans but classify whole letters: their
 * "codings" are the letters classified (by the coder, in the school and group filtered to). */
#define CLASSIFIED_COUNTED \
	" (SELECT count(*) FROM classifications l JOIN documents dd ON dd.id = l.document_id" \
	" WHERE (l.category_id = c.id OR l.value_code_id = c.id)" \
	" AND (:school = 0 OR dd.school_id = :school) AND (:group = 0 OR dd.group_id = :group)" \
	" AND (:coder = 0 OR l.coder_id = :coder))"
#define EXCLUSIVE_OR_VALUE \
	" (c.exclusive = 1 OR (SELECT p.exclusive FROM codes p WHERE p.id = c.parent_id) = 1)"

static const char codes_counted[] = CODE_TREE
	" SELECT c.id, c.uuid, c.parent_id, t.path, c.name, c.description, c.color, c.exclusive,"
	" c.value, CASE WHEN" EXCLUSIVE_OR_VALUE " THEN" CLASSIFIED_COUNTED
	" ELSE" CODINGS_COUNTED("k.code_id = c.id") " END AS codings"
	" FROM tree t CROSS JOIN codes c ON c.id = t.id WHERE 1";

static const char letters_counted[] =
	"SELECT d.id, d.uuid, d.kind, s.name AS school, " DB_GROUP_NAME("g") " AS \"group\", d.author, d.date,"
	" d.title, d.length,"
	" (SELECT count(*) FROM codings c WHERE c.document_id = d.id AND c.coder_id = :coder)"
	" AS codings, d.source, g.key AS group_key"
	" FROM documents d JOIN schools s ON s.id = d.school_id JOIN groups g ON g.id = d.group_id"
	" WHERE 1";

/* Column names are the JSON keys of `genomlys list --format json`: keep them stable. "group" is
 * the group's name in the interface's language (DB_GROUP_NAME); "group_key", last, its key, the
 * same in every language, for scripts. */
static const struct list_def lists[] = {
	[GL_LIST_SCHOOLS] = { "schools",
		"SELECT s.id, s.uuid, s.name,"
		" (SELECT count(*) FROM documents d WHERE d.school_id = s.id) AS letters,"
		" (SELECT count(*) FROM findings f WHERE f.school_id = s.id) AS findings,"
		" s.created_at FROM schools s WHERE 1", "s.name COLLATE " DB_COLLATION ", s.id", NULL, NULL },
	[GL_LIST_GROUPS] = { "groups",
		"SELECT g.id, g.uuid, g.key, g.name_sv, g.name_en,"
		/* the counts the triggers keep (schema step 8), summed in one pass: counting
		 * 100,000 letters took 5 ms, a scan of the counts per group 1.3 ms, and the
		 * interface reads this list after every change */
		" ifnull(n.letters, 0) AS letters,"
		/* the name the interface shows (its language), last: the columns before keep their
		 * places */
		" " DB_GROUP_NAME("g") " AS name FROM groups g LEFT JOIN (SELECT group_id,"
		" sum(letters) AS letters FROM letter_counts GROUP BY group_id) n"
		" ON n.group_id = g.id WHERE 1", "g.sort, g.id", NULL, NULL },
	[GL_LIST_LETTERS] = { "letters",
		"SELECT d.id, d.uuid, d.kind, s.name AS school, " DB_GROUP_NAME("g") " AS \"group\", d.author, d.date,"
		" d.title, d.length,"
		" (SELECT count(*) FROM codings c WHERE c.document_id = d.id) AS codings, d.source,"
		" g.key AS group_key"
		" FROM documents d JOIN schools s ON s.id = d.school_id JOIN groups g ON g.id = d.group_id"
		" WHERE 1", "d.id", "SELECT count(*) FROM documents d WHERE 1",
		"SELECT d.id FROM documents d WHERE 1" },
	[GL_LIST_CODES] = { "codes",
		CODE_TREE
		" SELECT c.id, c.uuid, c.parent_id, t.path, c.name, c.description, c.color, c.exclusive,"
		" c.value, CASE WHEN c.exclusive = 1 OR p.exclusive = 1 THEN ifnull(cl.n, 0)"
		" ELSE ifnull(u.codings, 0) END AS codings"
		" FROM tree t CROSS JOIN codes c ON c.id = t.id LEFT JOIN codes p ON p.id = c.parent_id"
		" LEFT JOIN code_usage u ON u.code_id = c.id"
		/* letters classified, per category and per value, counted once */
		" LEFT JOIN (SELECT code, count(*) AS n FROM (SELECT category_id AS code"
		" FROM classifications UNION ALL SELECT value_code_id FROM classifications)"
		" GROUP BY code) cl ON cl.code = c.id WHERE 1", "t.sort_key, t.depth", NULL,
		NULL },
	[GL_LIST_CODINGS] = { "codings",
		CODE_TREE
		" SELECT k.id, k.uuid, k.document_id AS letter, ifnull(t.path, c.name) AS code,"
		" k.code_id,"
		" r.name AS coder, s.name AS school, " DB_GROUP_NAME("g") " AS \"group\", k.start, k.end,"
		" substr(d.text, k.start + 1, k.end - k.start) AS quote, k.memo, k.created_at,"
		" g.key AS group_key"
		" FROM codings k JOIN documents d ON d.id = k.document_id"
		" JOIN codes c ON c.id = k.code_id LEFT JOIN tree t ON t.id = k.code_id"
		" JOIN coders r ON r.id = k.coder_id JOIN schools s ON s.id = d.school_id"
		" JOIN groups g ON g.id = d.group_id WHERE 1", "k.id", NULL,
		/* the review pane's G went past every coding through the whole join (issue 17) */
		"SELECT k.id FROM codings k WHERE 1", "k.id" },
	[GL_LIST_FINDINGS] = { "findings",
		"SELECT f.id, f.uuid, s.name AS school, f.kind, f.title, f.description,"
		" r.name AS author, f.created_at, f.position,"
		" (SELECT count(*) FROM finding_codings x WHERE x.finding_id = f.id)"
		" + (SELECT count(*) FROM finding_surveys x WHERE x.finding_id = f.id)"
		" + (SELECT count(*) FROM finding_findings x WHERE x.finding_id = f.id) AS evidence"
		" FROM findings f LEFT JOIN schools s ON s.id = f.school_id"
		" LEFT JOIN coders r ON r.id = f.author_id WHERE 1",
		/* the plan's order: the municipality, then schools; kinds; the group's order */
		"f.school_id IS NOT NULL, s.name COLLATE " DB_COLLATION ", f.school_id,"
		" CASE f.kind WHEN 'strength' THEN 0 WHEN 'area' THEN 1 ELSE 2 END, f.position, f.id",
		NULL, NULL },
	[GL_LIST_CODERS] = { "coders",
		"SELECT r.id, r.uuid, r.name,"
		" (SELECT count(*) FROM codings k WHERE k.coder_id = r.id) AS codings, r.created_at"
		" FROM coders r WHERE 1", "r.name COLLATE " DB_COLLATION ", r.id", NULL, NULL },
	[GL_LIST_SURVEY] = { "survey",
		"SELECT v.id, v.uuid, s.name AS school, v.survey, v.year, " DB_GROUP_NAME("g") " AS \"group\","
		" v.item, v.value, v.n, g.key AS group_key"
		" FROM survey_results v JOIN schools s ON s.id = v.school_id"
		" JOIN groups g ON g.id = v.group_id WHERE 1",
		"v.survey, v.year, s.name COLLATE " DB_COLLATION ", s.id, g.sort, v.item", NULL, NULL },
	[GL_LIST_AUDIT] = { "audit",
		"SELECT a.id, a.at, a.actor, a.action, a.entity, a.entity_uuid, a.detail"
		" FROM audit_log a WHERE 1", "a.id", NULL, NULL },
	[GL_LIST_OVERLAPS] = { "overlaps",
		CODE_TREE OVERLAPS_COLUMNS OVERLAPS_PAIRS OVERLAPS_JOINS " WHERE 1",
		"a.document_id, a.start, a.id, b.id", NULL,
		OVERLAPS_PAGE " WHERE 1", "(a.id, b.id)" },
	[GL_LIST_CLASSIFICATIONS] = { "classifications",
		"SELECT l.id, l.uuid, l.document_id AS letter, k.name AS category, v.name AS value,"
		" v.value AS number, r.name AS coder, s.name AS school, " DB_GROUP_NAME("g") " AS \"group\","
		" l.created_at, g.key AS group_key"
		" FROM classifications l JOIN codes k ON k.id = l.category_id"
		" JOIN codes v ON v.id = l.value_code_id JOIN coders r ON r.id = l.coder_id"
		" JOIN documents d ON d.id = l.document_id JOIN schools s ON s.id = d.school_id"
		" JOIN groups g ON g.id = d.group_id WHERE 1",
		"l.document_id, k.name COLLATE " DB_COLLATION ", r.name COLLATE " DB_COLLATION,
		NULL, NULL },
};

#define NLISTS (sizeof lists / sizeof lists[0])

const char *gl_list_name(enum gl_list what)
{
	return (size_t)what < NLISTS ? lists[what].name : "?";
}

bool gl_list_from_name(const char *name, enum gl_list *out)
{
	for (size_t i = 0; i < NLISTS; i++) {
		if (!strcmp(lists[i].name, name)) {
			*out = (enum gl_list)i;
			return true;
		}
	}
	return false;
}

/* Parameters are bound by name so that each clause can be added independently. */
/* hits: the letters' search is read from the memo (search_hits), not asked of the index */
static enum gl_status build_where(enum gl_list what, const struct gl_filter *f, bool hits,
	struct gl_str *sql)
{
	enum gl_status st = GL_OK;
	if (!f)
		return GL_OK;
	const char *school_col = NULL, *group_col = NULL, *code_col = NULL, *coder_col = NULL,
		*doc_col = NULL, *kind_col = NULL;
	switch (what) {
	case GL_LIST_SCHOOLS: school_col = "s.id"; break;
	case GL_LIST_GROUPS: group_col = "g.id"; break;
	case GL_LIST_LETTERS:
		school_col = "d.school_id"; group_col = "d.group_id"; doc_col = "d.id";
		kind_col = "d.kind"; break;
	case GL_LIST_CODES: code_col = "c.id"; break;
	case GL_LIST_CODINGS:
		school_col = "d.school_id"; group_col = "d.group_id"; code_col = "k.code_id";
		coder_col = "k.coder_id"; doc_col = "k.document_id"; kind_col = "d.kind"; break;
	case GL_LIST_FINDINGS:
		school_col = "f.school_id"; coder_col = "f.author_id"; kind_col = "f.kind"; break;
	case GL_LIST_CODERS: coder_col = "r.id"; break;
	case GL_LIST_SURVEY: school_col = "v.school_id"; group_col = "v.group_id"; break;
	case GL_LIST_OVERLAPS:
		school_col = "d.school_id"; group_col = "d.group_id"; code_col = "a.code_id";
		doc_col = "a.document_id"; break;
	case GL_LIST_CLASSIFICATIONS:
		school_col = "d.school_id"; group_col = "d.group_id"; coder_col = "l.coder_id";
		doc_col = "l.document_id"; break;
	case GL_LIST_AUDIT: break;
	}
	if (school_col && f->school_id > 0)
		st = gl_str_printf(sql, " AND %s = :school", school_col);
	else if (school_col && f->school_id < 0)
		st = gl_str_printf(sql, " AND %s IS NULL", school_col);
	if (st == GL_OK && group_col && f->group_id > 0)
		st = gl_str_printf(sql, " AND %s = :group", group_col);
	if (st == GL_OK && what == GL_LIST_CLASSIFICATIONS && f->code_id > 0)
		st = gl_str_puts(sql, " AND l.category_id = :code");
	if (st == GL_OK && code_col && f->code_id > 0 && what == GL_LIST_CODES)
		st = gl_str_printf(sql, " AND %s = :code", code_col);
	else if (st == GL_OK && code_col && f->code_id > 0) {
		/* A code includes every code under it, at any depth (docs/coding.md). */
		st = gl_str_printf(sql, " AND %s IN (WITH RECURSIVE sub(id, d) AS (SELECT :code, 1 "
			"UNION ALL SELECT c.id, sub.d + 1 FROM sub JOIN codes c ON ifnull(c.parent_id, 0) = "
			"+sub.id WHERE sub.d < " GL_STR(GL_CODE_MAX_DEPTH) ") SELECT id FROM sub)", code_col);
	}
	if (st == GL_OK && coder_col && f->coder_id > 0)
		st = gl_str_printf(sql, " AND %s = :coder", coder_col);
	if (st == GL_OK && what == GL_LIST_OVERLAPS && f->coder_id > 0)
		st = gl_str_puts(sql, " AND :coder IN (a.coder_id, b.coder_id)");
	if (st == GL_OK && doc_col && f->document_id > 0)
		st = gl_str_printf(sql, " AND %s = :document", doc_col);
	if (st == GL_OK && kind_col && f->kind)
		st = gl_str_printf(sql, " AND %s = :kind", kind_col);
	if (st == GL_OK && what == GL_LIST_SURVEY && f->survey)
		st = gl_str_puts(sql, " AND v.survey = :survey");
	if (st == GL_OK && what == GL_LIST_SURVEY && f->year > 0)
		st = gl_str_puts(sql, " AND v.year = :year");
	if (st == GL_OK && what == GL_LIST_LETTERS && f->match)
		st = gl_str_puts(sql, hits ? " AND d.id IN temp.gl_hits" : " AND d.id IN (SELECT "
			"rowid FROM documents_fts WHERE documents_fts MATCH :match)");
	return st;
}

/* A coder's overlaps lie in letters the coder coded. A coder with few codings (up to
 * OVERLAPS_CODER_FEW) has their pairs found from those letters (the coder's index, then each
 * letter's codings): going through every coding in order to find them cost a region 0.9 s for
 * each count and page of a coder with no overlaps (issue 17). With many codings, the letters
 * would cost more to collect (85 ms for 367,000) than the pairs do to find in order. */
#define OVERLAPS_CODER_FEW 20000
static enum gl_status coder_letters(struct gl_store *s, enum gl_list what,
	const struct gl_filter *f, struct gl_str *sql, struct gl_error *err)
{
	if (what != GL_LIST_OVERLAPS || !f || f->coder_id <= 0)
		return GL_OK;
	int64_t n = 0;
	enum gl_status st = db_read_int_hot(s, "SELECT count(*) FROM (SELECT 1 FROM codings WHERE "
		"coder_id = ?1 LIMIT ?2)", DB_ARGS(DB_INT(f->coder_id), DB_INT(OVERLAPS_CODER_FEW + 1)),
		&n, err);
	if (st != GL_OK || n > OVERLAPS_CODER_FEW)
		return st;
	st = gl_str_puts(sql, " AND a.document_id IN (SELECT document_id FROM codings"
		" WHERE coder_id = :coder)");
	return st == GL_OK ? GL_OK : gl_error_set(err, st, "%s", gl_status_str(st));
}

/* Binds the parameters among names[] that the statement has, checking every return code. */
static enum gl_status bind_named(struct gl_store *s, sqlite3_stmt *st, const char *const *names,
	const struct db_arg *args, struct gl_error *err)
{
	enum gl_status ret = GL_OK;
	for (size_t i = 0; ret == GL_OK && args[i].type != DB_ARG_END; i++) {
		int idx = sqlite3_bind_parameter_index(st, names[i]);
		if (idx > 0)
			ret = db_bind_one(s, st, idx, &args[i], err);
	}
	return ret;
}

/* The user's search as FTS5 syntax: NFC, then rewritten (hyphenated words are phrases). */
static enum gl_status match_query(const char *query, struct gl_str *out, struct gl_error *err)
{
	struct gl_str nfc = GL_STR_INIT;
	enum gl_status ret = gl_utf8_nfc(query, strlen(query), &nfc, NULL);
	if (ret != GL_OK)
		ret = gl_error_set(err, GL_EENCODING, _("the search query is not valid UTF-8"));
	else
		ret = gl_query_rewrite(gl_str_cstr(&nfc), out, err);
	gl_str_finish(&nfc);
	return ret;
}

/* The letters under a search: the full-text query is answered once per query and letters
 * version (db_letters_version) into a temporary table of ids, which the letters' count, their
 * read marks' count and their page then read; each used to answer it again (at region scale a
 * prefix query costs 3-5 ms, three times for every change of the letters pane's filter: issue
 * 17). A coding, or the undo of one, changes no letter, so the memo stays. Inside a
 * transaction (a rollback would empty the table behind the memo), on a connection that may
 * not write even its own temporary tables (query_only), or when the query is not valid FTS5,
 * false: the lists then ask the index themselves (and say what is wrong with the query, as
 * before). */
static bool search_hits(struct gl_store *s, enum gl_list what, const struct gl_filter *f)
{
	if (what != GL_LIST_LETTERS || !f || !f->match || !sqlite3_get_autocommit(s->db))
		return false;
	struct gl_str nfc = GL_STR_INIT;
	if (match_query(f->match, &nfc, NULL) != GL_OK) {
		gl_str_finish(&nfc);
		return false;
	}
	uint64_t version = db_letters_version(s);
	bool ok = s->hits_query && s->hits_version == version &&
		!strcmp(s->hits_query, gl_str_cstr(&nfc));
	if (!ok) {
		free(s->hits_query);
		s->hits_query = NULL;
		sqlite3_stmt *st = NULL;
		ok = sqlite3_exec(s->db, "CREATE TEMP TABLE IF NOT EXISTS gl_hits"
			" (id INTEGER PRIMARY KEY); DELETE FROM temp.gl_hits", NULL, NULL, NULL) == SQLITE_OK &&
			sqlite3_prepare_v2(s->db, "INSERT INTO temp.gl_hits SELECT rowid FROM documents_fts"
			" WHERE documents_fts MATCH ?1", -1, &st, NULL) == SQLITE_OK &&
			sqlite3_bind_text(st, 1, gl_str_cstr(&nfc), -1, SQLITE_TRANSIENT) == SQLITE_OK &&
			sqlite3_step(st) == SQLITE_DONE;
		sqlite3_finalize(st);
		if (ok) {
			s->hits_query = gl_str_steal(&nfc);
			s->hits_version = version;
			ok = s->hits_query != NULL;
		}
	}
	gl_str_finish(&nfc);
	return ok;
}

static enum gl_status bind_filter(struct gl_store *s, sqlite3_stmt *st, const struct gl_filter *f,
	struct gl_str *nfc, struct gl_error *err)
{
	if (!f)
		return GL_OK;
	if (f->match) {
		enum gl_status ret = match_query(f->match, nfc, err);
		if (ret != GL_OK)
			return ret;
	}
	static const char *const names[] = { ":school", ":group", ":code", ":coder", ":document",
		":year", ":kind", ":survey", ":match" };
	return bind_named(s, st, names, DB_ARGS(DB_INT(f->school_id), DB_INT(f->group_id),
		DB_INT(f->code_id), DB_INT(f->coder_id), DB_INT(f->document_id), DB_INT(f->year),
		DB_TEXT(f->kind), DB_TEXT(f->survey), DB_TEXT(f->match ? gl_str_cstr(nfc) : NULL)), err);
}

/* A failed step of a query with a MATCH is almost always the user's query: say so (the
 * rewrite has caught what it can explain in words; a busy or damaged file stays what it is). */
static enum gl_status match_rows(struct gl_store *s, sqlite3_stmt *st, gl_row_fn fn, void *ctx,
	bool match, struct gl_error *err)
{
	enum gl_status ret = db_run_rows(s, st, fn, ctx, err);
	if (match && (ret == GL_EDB || ret == GL_EINVAL) && sqlite3_errcode(s->db) == SQLITE_ERROR)
		ret = gl_error_set(err, GL_EINVAL, _("invalid search query: %s"), sqlite3_errmsg(s->db));
	return ret;
}

/* What every list's query does once its SQL is built (built: the status of building it): the
 * SQL prepared (and kept for the connection's life when cached: a hot path's), the filter's
 * parameters and names[]'s args bound (names NULL: none), each row handed to fn (match: a
 * failed step is the user's search query, match_rows). sql is freed either way. */
static enum gl_status run_list(struct gl_store *s, struct gl_str *sql, enum gl_status built,
	bool cached, const struct gl_filter *f, const char *const *names, const struct db_arg *args,
	bool match, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	if (built != GL_OK) {
		gl_str_finish(sql);
		return gl_error_set(err, built, "%s", gl_status_str(built));
	}
	sqlite3_stmt *st;
	enum gl_status ret = cached ? db_prepare_cached(s, gl_str_cstr(sql), &st, err)
		: db_prepare(s, gl_str_cstr(sql), &st, err);
	gl_str_finish(sql);
	if (ret != GL_OK)
		return ret;
	struct gl_str nfc = GL_STR_INIT;  /* the filter's query as bound: kept until the end */
	ret = bind_filter(s, st, f, &nfc, err);
	if (ret == GL_OK && names)
		ret = bind_named(s, st, names, args, err);
	if (ret == GL_OK)
		ret = match_rows(s, st, fn, ctx, match, err);
	db_release(s, st);
	gl_str_finish(&nfc);
	return ret;
}

enum gl_status gl_store_list(struct gl_store *s, enum gl_list what, const struct gl_filter *f,
	int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	if ((size_t)what >= NLISTS)
		return gl_error_set(err, GL_EINVAL, "unknown list");
	struct gl_str sql = GL_STR_INIT;
	const struct list_def *l = &lists[what];
	bool paged = l->page && (offset > 0 || limit > 0);
	/* codes and letters narrowed by school, group or coder count only those codings */
	const char *select = l->select;
	if (what == GL_LIST_CODES && f && (f->school_id > 0 || f->group_id > 0 || f->coder_id != 0))
		select = codes_counted;
	else if (what == GL_LIST_LETTERS && f && f->coder_id != 0)
		select = letters_counted;
	const char *page = l->page;
	if (what == GL_LIST_CODINGS && f && (f->school_id != 0 || f->group_id > 0 || f->kind))
		page = codings_page_joined;
	if (what == GL_LIST_OVERLAPS && f && (f->school_id != 0 || f->group_id > 0))
		page = overlaps_page_joined;
	enum gl_status ret = gl_str_puts(&sql, select);
	if (ret == GL_OK && paged)
		ret = gl_str_printf(&sql, " AND %s IN (%s", l->page_col ? l->page_col : "d.id", page);
	if (ret == GL_OK)
		ret = build_where(what, f, search_hits(s, what, f), &sql);
	if (ret == GL_OK && (ret = coder_letters(s, what, f, &sql, err)) != GL_OK) {
		gl_str_finish(&sql);
		return ret;
	}
	if (ret == GL_OK)
		ret = gl_str_printf(&sql, " ORDER BY %s LIMIT %lld OFFSET %lld%s", l->order,
			(long long)(limit > 0 ? limit : -1), (long long)(offset > 0 ? offset : 0),
			paged ? ")" : "");
	if (ret == GL_OK && paged)
		ret = gl_str_printf(&sql, " ORDER BY %s", l->order);
	return run_list(s, &sql, ret, false, f, NULL, NULL, f && f->match, fn, ctx, err);
}

enum gl_status gl_store_overlaps_by_key(struct gl_store *s, const struct gl_filter *f,
	const int64_t *key, bool backward, int64_t limit, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	const struct list_def *l = &lists[GL_LIST_OVERLAPS];
	struct gl_str sql = GL_STR_INIT;
	/* The page's pairs are found by key among the pairs alone (the CTE page), then only
	 * their rows are read, each coding by its id, in the list's order either way. As
	 * "WHERE (a.id, b.id) IN (the page)" SQLite 3.40 went through every coding of a's letter
	 * for b and evaluated the list twice: a school's first page took 7-10 ms, now 3 ms
	 * (bench/RESULTS.md). */
	enum gl_status ret = gl_str_puts(&sql, CODE_TREE ", page(pa, pb) AS (");
	if (ret == GL_OK)
		ret = gl_str_puts(&sql, f && (f->school_id != 0 || f->group_id > 0)
			? overlaps_page_joined : l->page);
	if (ret == GL_OK)
		ret = build_where(GL_LIST_OVERLAPS, f, false, &sql);
	if (ret == GL_OK && (ret = coder_letters(s, GL_LIST_OVERLAPS, f, &sql, err)) != GL_OK) {
		gl_str_finish(&sql);
		return ret;
	}
	if (ret == GL_OK && key)
		ret = gl_str_puts(&sql, backward ? " AND (a.document_id, a.start, a.id, b.id) <"
			" (:k1, :k2, :k3, :k4)" : " AND (a.document_id, a.start, a.id, b.id) >"
			" (:k1, :k2, :k3, :k4)");
	if (ret == GL_OK)
		ret = gl_str_puts(&sql, backward ? " ORDER BY a.document_id DESC, a.start DESC,"
			" a.id DESC, b.id DESC LIMIT :lim)" : " ORDER BY a.document_id, a.start,"
			" a.id, b.id LIMIT :lim)");
	if (ret == GL_OK)
		ret = gl_str_puts(&sql, OVERLAPS_COLUMNS " FROM page p CROSS JOIN codings a"
			" ON a.id = p.pa CROSS JOIN codings b ON b.id = p.pb" OVERLAPS_JOINS " ORDER BY ");
	if (ret == GL_OK)
		ret = gl_str_puts(&sql, l->order);
	/* kept: the review pane reads a window this way at every move past its rows and reload,
	 * and compiling the list's query cost as much as reading 50 of its rows */
	static const char *const names[] = { ":lim", ":k1", ":k2", ":k3", ":k4" };
	return run_list(s, &sql, ret, true, f, names, DB_ARGS(DB_INT(limit > 0 ? limit : -1),
		DB_INT(key ? key[0] : 0), DB_INT(key ? key[1] : 0), DB_INT(key ? key[2] : 0),
		DB_INT(key ? key[3] : 0)), false, fn, ctx, err);
}

static int count_row(void *ctx, const struct gl_row *row)
{
	*(int64_t *)ctx = row->values[0].i;
	return 0;
}

static int count2_row(void *ctx, const struct gl_row *row)
{
	int64_t *v = ctx;
	v[0] = row->values[0].i;
	v[1] = row->values[1].i;
	return 0;
}

enum gl_status gl_store_overlaps_before(struct gl_store *s, const struct gl_filter *f,
	const int64_t *key, int64_t limit, int64_t *before, int64_t *total, struct gl_error *err)
{
	struct gl_str sql = GL_STR_INIT;
	bool joined = f && (f->school_id != 0 || f->group_id > 0);
	*before = 0;
	if (total)
		*total = 0;
	/* Up to a limit: the pairs before the key, found from the first letter on (the unique
	 * index's range up to the key's letter), stopping at the limit. All: the whole list in
	 * one pass, counting those before the key beside it. */
	enum gl_status ret;
	if (limit > 0)
		ret = gl_str_puts(&sql, joined ? overlaps_upto_joined : overlaps_upto);
	else if (key)
		ret = gl_str_puts(&sql, joined ? overlaps_before_joined : overlaps_before);
	else
		ret = gl_str_puts(&sql, joined ? overlaps_total_joined : overlaps_total);
	if (ret == GL_OK)
		ret = build_where(GL_LIST_OVERLAPS, f, false, &sql);
	if (ret == GL_OK && (ret = coder_letters(s, GL_LIST_OVERLAPS, f, &sql, err)) != GL_OK) {
		gl_str_finish(&sql);
		return ret;
	}
	if (ret == GL_OK && limit > 0 && key)
		ret = gl_str_puts(&sql, " AND (a.document_id, a.start, a.id, b.id) < (:k1, :k2, :k3, :k4)");
	if (ret == GL_OK && limit > 0)
		ret = gl_str_puts(&sql, " LIMIT :upto)");
	static const char *const names[] = { ":upto", ":k1", ":k2", ":k3", ":k4" };
	int64_t v[2] = { 0, 0 };
	ret = run_list(s, &sql, ret, true, f, names, DB_ARGS(DB_INT(limit),
		DB_INT(key ? key[0] : 0), DB_INT(key ? key[1] : 0), DB_INT(key ? key[2] : 0),
		DB_INT(key ? key[3] : 0)), false, limit > 0 ? count_row : count2_row, v, err);
	if (ret == GL_OK) {
		*before = v[0];
		if (total)
			*total = limit > 0 ? v[0] : v[1];
	}
	return ret;
}

/* The bounds on k.id of a codings key (codings_keyed): the codings after it (lo: from lo on)
 * and before it (hi: below hi). */
static int64_t codings_lo(const int64_t *key)
{
	return !key ? INT64_MIN : key[2] + (key[3] < 0 ? 0 : 1);
}

static int64_t codings_hi(const int64_t *key)
{
	return !key ? INT64_MAX : key[2] + (key[3] > 0 ? 1 : 0);
}

static enum gl_status codings_by_key(struct gl_store *s, const struct gl_filter *f,
	const int64_t *key, bool backward, int64_t limit, gl_row_fn fn, void *ctx,
	struct gl_error *err)
{
	const struct list_def *l = &lists[GL_LIST_CODINGS];
	struct gl_str sql = GL_STR_INIT;
	bool joined = f && (f->school_id != 0 || f->group_id > 0 || f->kind);
	/* the page's ids found among the codings alone (by their id, the list's order), then
	 * only their rows read, as gl_store_list's pages */
	enum gl_status ret = gl_str_printf(&sql, "%s AND k.id IN (%s", l->select,
		joined ? codings_keyed_joined : codings_keyed);
	if (ret == GL_OK)
		ret = build_where(GL_LIST_CODINGS, f, false, &sql);
	if (ret == GL_OK)
		ret = gl_str_puts(&sql, backward ? " AND k.id < :hi ORDER BY k.id DESC LIMIT :lim)"
			" ORDER BY k.id" : " AND k.id >= :lo ORDER BY k.id LIMIT :lim) ORDER BY k.id");
	static const char *const names[] = { ":lim", ":lo", ":hi" };
	return run_list(s, &sql, ret, true, f, names, DB_ARGS(DB_INT(limit > 0 ? limit : -1),
		DB_INT(codings_lo(key)), DB_INT(codings_hi(key))), false, fn, ctx, err);
}

static enum gl_status codings_before_key(struct gl_store *s, const struct gl_filter *f,
	const int64_t *key, int64_t limit, int64_t *before, int64_t *total, struct gl_error *err)
{
	struct gl_str sql = GL_STR_INIT;
	bool joined = f && (f->school_id != 0 || f->group_id > 0 || f->kind);
	*before = 0;
	if (total)
		*total = 0;
	/* up to a limit: the codings below the key's id, from the first on; all: the whole list
	 * in one pass of the codings alone, those before the key counted beside it */
	enum gl_status ret = gl_str_puts(&sql, limit > 0 ? (joined ? codings_upto_joined
		: codings_upto) : (joined ? codings_before_joined : codings_before));
	if (ret == GL_OK)
		ret = build_where(GL_LIST_CODINGS, f, false, &sql);
	if (ret == GL_OK && limit > 0)
		ret = gl_str_puts(&sql, " AND k.id < :hi LIMIT :upto)");
	static const char *const names[] = { ":upto", ":hi" };
	int64_t v[2] = { 0, 0 };
	ret = run_list(s, &sql, ret, true, f, names, DB_ARGS(DB_INT(limit), DB_INT(codings_hi(key))),
		false, limit > 0 ? count_row : count2_row, v, err);
	if (ret == GL_OK) {
		*before = v[0];
		if (total)
			*total = limit > 0 ? v[0] : v[1];
	}
	return ret;
}

enum gl_status gl_store_list_by_key(struct gl_store *s, enum gl_list what,
	const struct gl_filter *f, const int64_t *key, bool backward, int64_t limit, gl_row_fn fn,
	void *ctx, struct gl_error *err)
{
	if (what == GL_LIST_CODINGS)
		return codings_by_key(s, f, key, backward, limit, fn, ctx, err);
	if (what == GL_LIST_OVERLAPS)
		return gl_store_overlaps_by_key(s, f, key, backward, limit, fn, ctx, err);
	return gl_error_set(err, GL_EINVAL, "list not paged by key");
}

enum gl_status gl_store_list_before(struct gl_store *s, enum gl_list what,
	const struct gl_filter *f, const int64_t *key, int64_t limit, int64_t *before,
	int64_t *total, struct gl_error *err)
{
	if (what == GL_LIST_CODINGS)
		return codings_before_key(s, f, key, limit, before, total, err);
	if (what == GL_LIST_OVERLAPS)
		return gl_store_overlaps_before(s, f, key, limit, before, total, err);
	*before = 0;
	if (total)
		*total = 0;
	return gl_error_set(err, GL_EINVAL, "list not paged by key");
}

/* The rows of a list, or at most limit of them (limit > 0): the rows are found as the list
 * finds them and the count stops at the limit, so that a long list costs what its first
 * limit rows cost. */
static enum gl_status count_rows(struct gl_store *s, enum gl_list what, const struct gl_filter *f,
	int64_t limit, int64_t *count, struct gl_error *err)
{
	if ((size_t)what >= NLISTS)
		return gl_error_set(err, GL_EINVAL, "unknown list");
	if (limit <= 0 && what == GL_LIST_LETTERS && (!f || (f->school_id >= 0 && !f->code_id &&
		!f->coder_id && !f->document_id && !f->kind && !f->match))) {
		/* by school and group only: the counts the triggers keep (schema step 10), not a pass
		 * over every letter's id (318 pages of a region's project read at start) */
		*count = 0;
		return db_read_int(s, "SELECT ifnull(sum(letters), 0) FROM letter_counts WHERE "
			"(?1 = 0 OR school_id = ?1) AND (?2 = 0 OR group_id = ?2)",
			DB_ARGS(DB_INT(f ? f->school_id : 0), DB_INT(f ? f->group_id : 0)), count, err);
	}
	struct gl_str sql = GL_STR_INIT;
	const char *cheap = lists[what].count;
	/* The overlaps are counted from the pairs alone (their letter only when a filter names its
	 * school or group): counting the whole list built the code tree and joined five tables
	 * for each of 659,000 pairs, 1.6 s of CPU at region scale each time the review pane showed
	 * them (issue 17). Every filter of the list names a column of a, b or d. */
	bool joined = f && (f->school_id != 0 || f->group_id > 0);
	struct gl_str upto = GL_STR_INIT;
	if (what == GL_LIST_OVERLAPS && limit > 0)
		cheap = joined ? overlaps_upto_joined : overlaps_upto;
	else if (what == GL_LIST_OVERLAPS)
		cheap = joined ? overlaps_count_joined : overlaps_count;
	else if (limit > 0 && lists[what].page) {
		/* the ids the list's pages are found by, not its rows: the codings of a region are
		 * counted to 1000 without reading a letter's text or building the code tree */
		const char *page = what == GL_LIST_CODINGS && (joined || (f && f->kind))
			? codings_page_joined : lists[what].page;
		cheap = gl_str_printf(&upto, "SELECT count(*) FROM (%s", page) == GL_OK
			? gl_str_cstr(&upto) : NULL;
	} else if (limit > 0) {
		cheap = NULL;  /* the whole list's query, limited */
	}
	bool sub = !cheap || limit > 0;  /* a count over a subquery, closed after the WHERE */
	enum gl_status ret = cheap ? gl_str_puts(&sql, cheap)
		: gl_str_printf(&sql, "SELECT count(*) FROM (%s", lists[what].select);
	if (ret == GL_OK)
		ret = build_where(what, f, search_hits(s, what, f), &sql);
	if (ret == GL_OK && (ret = coder_letters(s, what, f, &sql, err)) != GL_OK) {
		gl_str_finish(&sql);
		gl_str_finish(&upto);
		return ret;
	}
	if (ret == GL_OK && limit > 0)
		ret = gl_str_puts(&sql, " LIMIT :upto");
	if (ret == GL_OK && sub)
		ret = gl_str_puts(&sql, ")");
	gl_str_finish(&upto);  /* copied into sql */
	*count = 0;
	/* the review pane counts overlaps at each keep or merge: their statements are kept */
	static const char *const names[] = { ":upto" };
	return run_list(s, &sql, ret, what == GL_LIST_OVERLAPS, f, limit > 0 ? names : NULL,
		DB_ARGS(DB_INT(limit)), f && f->match, count_row, count, err);
}

enum gl_status gl_store_count(struct gl_store *s, enum gl_list what, const struct gl_filter *f,
	int64_t *count, struct gl_error *err)
{
	return count_rows(s, what, f, 0, count, err);
}

enum gl_status gl_store_read_progress(struct gl_store *s, const struct gl_filter *f,
	gl_row_fn fn, void *ctx, struct gl_error *err)
{
	/* The filtered letters' ids are found once (the school's or group's index, or the search
	 * index), then each coder's reads among them by letter_reads_coder (coder, letter): the cost
	 * is coders x letters under the filter index probes (a school of 400 letters and 5
	 * coders: 2,000), not every read mark of the project (300,000 at region scale). */
	struct gl_str sql = GL_STR_INIT;
	enum gl_status ret = gl_str_puts(&sql, "SELECT r.id AS coder_id, r.name AS coder,"
		" (SELECT count(*) FROM letter_reads l WHERE l.coder_id = r.id AND l.document_id IN"
		" (SELECT d.id FROM documents d WHERE 1");
	if (ret == GL_OK)
		ret = build_where(GL_LIST_LETTERS, f, search_hits(s, GL_LIST_LETTERS, f), &sql);
	if (ret == GL_OK)
		ret = gl_str_puts(&sql, ")) AS read FROM coders r"
			" ORDER BY r.name COLLATE " DB_COLLATION ", r.id");
	return run_list(s, &sql, ret, false, f, NULL, NULL, f && f->match, fn, ctx, err);
}

enum gl_status gl_store_codings_max_id(struct gl_store *s, int64_t *id, struct gl_error *err)
{
	*id = 0;
	return db_read_int(s, "SELECT ifnull(max(id), 0) FROM codings", NULL, id, err);
}

enum gl_status gl_store_count_upto(struct gl_store *s, enum gl_list what,
	const struct gl_filter *f, int64_t limit, int64_t *count, struct gl_error *err)
{
	return count_rows(s, what, f, limit > 0 ? limit : 1, count, err);
}

enum gl_status gl_store_search(struct gl_store *s, const char *query, const struct gl_filter *f,
	int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err)
{
	if (!query || !*query)
		return gl_error_set(err, GL_EINVAL, _("empty search query"));
	struct gl_str nfc = GL_STR_INIT, sql = GL_STR_INIT;
	enum gl_status ret = match_query(query, &nfc, err);
	if (ret != GL_OK) {
		gl_str_finish(&nfc);
		return ret;
	}
	ret = gl_str_puts(&sql, "SELECT d.id, s.name AS school, " DB_GROUP_NAME("g") " AS \"group\", d.title,"
		" gl_snippet(documents_fts) AS snippet, documents_fts.rank AS rank, g.key AS group_key"
		" FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
		" JOIN schools s ON s.id = d.school_id JOIN groups g ON g.id = d.group_id"
		" WHERE documents_fts MATCH :q");
	/* A school's letters are found first (a covering index, a few hundred ids) and each hit is
	 * checked against them before its row is read: testing d.school_id read the letter's row
	 * (its text on the same page) for every hit of other schools until 50 were found, 38-41 ms
	 * at region scale (issue 17). The + keeps FTS5 from being asked once per id instead. */
	if (ret == GL_OK && f && f->school_id > 0)
		ret = gl_str_puts(&sql, f->group_id > 0 ?
			" AND +documents_fts.rowid IN (SELECT id FROM documents WHERE school_id = :school"
			" AND group_id = :group)" :
			" AND +documents_fts.rowid IN (SELECT id FROM documents WHERE school_id = :school)");
	else if (ret == GL_OK && f && f->group_id > 0)
		ret = gl_str_puts(&sql, " AND d.group_id = :group");
	if (ret == GL_OK && f && f->kind)
		ret = gl_str_puts(&sql, " AND d.kind = :kind");
	if (ret == GL_OK)
		ret = gl_str_printf(&sql, " ORDER BY %s LIMIT %lld OFFSET %lld",
			f && f->by_rank ? "documents_fts.rank" : "documents_fts.rowid",
			(long long)(limit > 0 ? limit : -1), (long long)(offset > 0 ? offset : 0));
	/* :school, :group and :kind are the filter's (run_list binds them); its match is not this
	 * search's */
	struct gl_filter where = f ? *f : (struct gl_filter){ 0 };
	where.match = NULL;
	static const char *const names[] = { ":q" };
	ret = run_list(s, &sql, ret, false, &where, names, DB_ARGS(DB_TEXT(gl_str_cstr(&nfc))), true,
		fn, ctx, err);
	gl_str_finish(&nfc);
	return ret;
}
