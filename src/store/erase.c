/* Erasure and redaction: rows deleted or text replaced, and then the bytes made to go. */
#include "genomlys/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"
#include "store_internal.h"

struct ids {
	int64_t *v;
	size_t n, cap;
};

static int ids_push(struct ids *l, int64_t id)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		int64_t *p = realloc(l->v, cap * sizeof *p);
		if (!p)
			return 1;
		l->v = p;
		l->cap = cap;
	}
	l->v[l->n++] = id;
	return 0;
}

static int id_row(void *ctx, const struct gl_row *row)
{
	return ids_push(ctx, row->values[0].i);
}

struct author_ctx {
	struct ids *ids;
	const char *key;
};

/* Letters whose author has the same case-folded name as the one asked for. */
static int author_row(void *ctx, const struct gl_row *row)
{
	struct author_ctx *a = ctx;
	struct gl_str key = GL_STR_INIT;
	int stop = 0;
	if (db_name_key(row->values[1].s, &key) == GL_OK && !strcmp(gl_str_cstr(&key), a->key))
		stop = ids_push(a->ids, row->values[0].i);
	gl_str_finish(&key);
	return stop;
}

static enum gl_status count(struct gl_store *s, const char *sql, int64_t id, int64_t *total,
	struct gl_error *err)
{
	int64_t n = 0;
	enum gl_status st = db_read_int(s, sql, DB_ARGS(DB_INT(id)), &n, err);
	if (st == GL_OK)
		*total += n;
	return st;
}

#define CODINGS_OF "SELECT id FROM codings WHERE document_id = ?1"

/* What erasing the letters (and, for a school, the school itself) takes with it. */
static enum gl_status erase_count(struct gl_store *s, const struct ids *docs, int64_t school,
	struct gl_erase_counts *c, struct gl_error *err)
{
	enum gl_status st = GL_OK;
	c->letters = (int64_t)docs->n;
	for (size_t i = 0; st == GL_OK && i < docs->n; i++) {
		int64_t d = docs->v[i];
		st = count(s, "SELECT count(*) FROM codings WHERE document_id = ?1", d, &c->codings, err);
		if (st == GL_OK)
			st = count(s, "SELECT count(*) FROM classifications WHERE document_id = ?1", d,
				&c->classifications, err);
		if (st == GL_OK)
			st = count(s, "SELECT count(*) FROM memos WHERE (target = 'document' AND "
				"target_id = ?1) OR (target = 'coding' AND target_id IN (" CODINGS_OF "))", d,
				&c->memos, err);
	}
	if (st == GL_OK && school > 0)
		st = count(s, "SELECT count(*) FROM findings WHERE school_id = ?1", school, &c->findings,
			err);
	if (st == GL_OK && school > 0)
		st = count(s, "SELECT count(*) FROM memos WHERE target = 'finding' AND target_id IN "
			"(SELECT id FROM findings WHERE school_id = ?1)", school, &c->memos, err);
	if (st == GL_OK && school > 0)
		st = count(s, "SELECT count(*) FROM survey_results WHERE school_id = ?1", school,
			&c->survey_results, err);
	return st;
}

/* Earlier audit rows keep the names, titles and paths of what they were about; once that is
 * gone from the project, so are they (the action, entity and time stay). */
static void scrub_audit(struct db_tx *tx, const char *author, int64_t *scrubbed)
{
	db_tx_write(tx, &(struct db_write){ .sql = "UPDATE audit_log SET detail = NULL WHERE "
		"detail IS NOT NULL AND entity_uuid IS NOT NULL AND CASE entity "
		"WHEN 'document' THEN entity_uuid NOT IN (SELECT uuid FROM documents) "
		"WHEN 'school' THEN entity_uuid NOT IN (SELECT uuid FROM schools) "
		"WHEN 'code' THEN entity_uuid NOT IN (SELECT uuid FROM codes) "
		"WHEN 'coding' THEN entity_uuid NOT IN (SELECT uuid FROM codings) "
		"WHEN 'classification' THEN entity_uuid NOT IN (SELECT uuid FROM classifications) "
		"WHEN 'memo' THEN entity_uuid NOT IN (SELECT uuid FROM memos) "
		"WHEN 'finding' THEN entity_uuid NOT IN (SELECT uuid FROM findings) "
		"WHEN 'survey_result' THEN entity_uuid NOT IN (SELECT uuid FROM survey_results) "
		"WHEN 'coder' THEN entity_uuid NOT IN (SELECT uuid FROM coders) "
		"ELSE 0 END" });
	*scrubbed += tx->changes;
	if (author) {
		db_tx_write(tx, &(struct db_write){ .sql = "UPDATE audit_log SET detail = NULL WHERE "
			"instr(lower(detail), lower(trim(?1))) > 0 OR instr(name_key(detail), name_key(?1)) > 0",
			.args = DB_ARGS(DB_TEXT(author)) });
		*scrubbed += tx->changes;
	}
}

/* Makes the bytes go after the rows went: the file rewritten without free pages, then the WAL
 * copied back and truncated to nothing. */
static enum gl_status erase_bytes(struct gl_store *s, bool *wal_truncated, struct gl_error *err)
{
	enum gl_status st = db_exec_args(s, "VACUUM", NULL, err);
	int64_t busy = 1;
	if (st == GL_OK)
		st = db_read_int(s, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, &busy, err);
	*wal_truncated = st == GL_OK && busy == 0;
	return st;
}

static enum gl_status outside_tx(struct gl_store *s, struct gl_error *err)
{
	if (s->tx_depth > 0 || s->bulk)
		return gl_error_set(err, GL_EINVAL, "erase and redact run outside a transaction");
	if (s->read_only[0])
		return gl_error_set_at(err, GL_EREADONLY, s->path, 0, "%s", s->read_only);
	/* freed pages and cells are overwritten with zeros from here on, on this connection */
	return db_exec_args(s, "PRAGMA secure_delete = ON", NULL, err);
}

static const char *const kind_entity[] = { "author", "letter", "school" };

enum gl_status gl_store_erase(struct gl_store *s, enum gl_erase_kind kind, const char *name,
	int64_t id, bool dry_run, struct gl_erase_counts *out, struct gl_error *err)
{
	struct gl_erase_counts unused;
	if (!out)
		out = &unused;
	memset(out, 0, sizeof *out);
	struct ids docs = { 0 };
	struct gl_str key = GL_STR_INIT;
	int64_t school = 0;
	enum gl_status st = GL_OK;
	switch (kind) {
	case GL_ERASE_LETTER:
		st = db_read(s, "SELECT id FROM documents WHERE id = ?1", DB_ARGS(DB_INT(id)), id_row,
			&docs, err);
		if (st == GL_OK && !docs.n)
			st = gl_error_set(err, GL_ENOTFOUND, _("no letter with id %lld"), (long long)id);
		break;
	case GL_ERASE_SCHOOL:
		st = gl_store_school_find(s, name, &school, err);
		if (st == GL_OK)
			st = db_read(s, "SELECT id FROM documents WHERE school_id = ?1",
				DB_ARGS(DB_INT(school)), id_row, &docs, err);
		break;
	case GL_ERASE_AUTHOR:
		if (!name || db_name_key(name, &key) != GL_OK) {
			st = gl_error_set(err, GL_EINVAL, _("the author's name is empty"));
			break;
		}
		st = db_read(s, "SELECT id, author FROM documents WHERE author IS NOT NULL", NULL,
			author_row, &(struct author_ctx){ &docs, gl_str_cstr(&key) }, err);
		if (st == GL_OK && !docs.n)
			st = gl_error_set(err, GL_ENOTFOUND, _("no letter by an author named '%s'"), name);
		break;
	}
	if (st == GL_OK)
		st = erase_count(s, &docs, school, out, err);
	if (st != GL_OK || dry_run)
		goto out;
	if ((st = outside_tx(s, err)) != GL_OK)
		goto out;
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) != GL_OK) {
		st = tx.status;
		goto out;
	}
	for (size_t i = 0; i < docs.n; i++) {
		const struct db_arg *arg = DB_ARGS(DB_INT(docs.v[i]));
		db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM memos WHERE (target = "
			"'document' AND target_id = ?1) OR (target = 'coding' AND target_id IN ("
			CODINGS_OF "))", .args = arg });
		/* codings, classifications and evidence links go with it (ON DELETE CASCADE), its
		 * index entries through the trigger */
		db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM documents WHERE id = ?1",
			.args = arg });
	}
	if (school > 0) {
		const struct db_arg *arg = DB_ARGS(DB_INT(school));
		db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM memos WHERE target = 'finding' "
			"AND target_id IN (SELECT id FROM findings WHERE school_id = ?1)", .args = arg });
		db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM schools WHERE id = ?1",
			.args = arg });
	}
	db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO documents_fts(documents_fts) "
		"VALUES ('rebuild')" });
	scrub_audit(&tx, kind == GL_ERASE_AUTHOR ? name : NULL, &out->audit_scrubbed);
	char detail[160];
	snprintf(detail, sizeof detail, "%lld letters, %lld codings, %lld findings",
		(long long)out->letters, (long long)out->codings, (long long)out->findings);
	db_tx_audit(&tx, "erase", kind_entity[kind], NULL, detail);
	if ((st = db_tx_end(&tx)) == GL_OK)
		st = erase_bytes(s, &out->wal_truncated, err);
out:
	free(docs.v);
	gl_str_finish(&key);
	return st;
}

struct span_row {
	int64_t id, code, coder, start, end;
	int action;  /* 0 keep, 1 move, 2 remove */
};

struct spans {
	struct span_row *v;
	size_t n, cap;
};

static int span_row(void *ctx, const struct gl_row *row)
{
	struct spans *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct span_row *p = realloc(l->v, cap * sizeof *p);
		if (!p)
			return 1;
		l->v = p;
		l->cap = cap;
	}
	l->v[l->n++] = (struct span_row){ row->values[0].i, row->values[1].i, row->values[2].i,
		row->values[3].i, row->values[4].i, 0 };
	return 0;
}

/* Where a coding goes when [start, end) becomes mlen code points. */
static void span_move(struct span_row *c, int64_t start, int64_t end, int64_t mlen,
	struct gl_redact_result *r)
{
	int64_t delta = mlen - (end - start);
	if (c->end <= start)
		return;  /* before the passage */
	if (c->start >= end) {
		c->start += delta;
		c->end += delta;
		c->action = delta ? 1 : 0;
		r->shifted += delta != 0;
	} else if (c->start >= start && c->end <= end) {
		c->action = 2;
		r->removed++;
	} else {
		/* overlapping: what is left outside the passage stays coded; the marker with it when
		 * the coding covered the passage on both sides */
		if (c->start >= start)
			c->start = start + mlen;
		c->end = c->end > end ? c->end + delta : start;
		c->action = 1;
		r->shrunk++;
	}
}

/* Two codings of the same code and coder that come out on the same span: one goes. */
static void spans_dedupe(struct spans *l, struct gl_redact_result *r)
{
	for (size_t i = 0; i < l->n; i++) {
		for (size_t j = i + 1; j < l->n && l->v[i].action != 2; j++) {
			struct span_row *a = &l->v[i], *b = &l->v[j];
			if (b->action != 2 && a->code == b->code && a->coder == b->coder &&
				a->start == b->start && a->end == b->end) {
				struct span_row *gone = b->action == 1 ? b : a;
				if (gone->action == 1)
					r->shrunk--;
				gone->action = 2;
				r->removed++;
			}
		}
	}
}

static int by_start_asc(const void *a, const void *b)
{
	const struct span_row *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

enum gl_status gl_store_redact(struct gl_store *s, int64_t document_id, int64_t start,
	int64_t end, const char *marker, struct gl_redact_result *out, struct gl_error *err)
{
	struct gl_redact_result unused;
	if (!out)
		out = &unused;
	memset(out, 0, sizeof *out);
	if (!marker)
		marker = "[…]";
	/* a redaction stays visible: text never goes without a trace */
	if (!marker[strspn(marker, " \t\n\r")])
		return gl_error_set(err, GL_EINVAL, _("the redaction marker is empty: a redaction must "
			"stay visible in the letter (leave out the marker for […])"));
	if (!gl_utf8_valid(marker, strlen(marker), NULL))
		return gl_error_set(err, GL_EENCODING, _("the marker is not valid UTF-8"));
	if (rules_text(marker, err) != GL_OK)
		return GL_EINVAL;
	struct gl_document d;
	enum gl_status st = gl_store_document_get(s, document_id, &d, err);
	if (st != GL_OK)
		return st;
	struct spans codings = { 0 };
	struct gl_str text = GL_STR_INIT;
	if (start < 0 || end <= start) {
		st = gl_error_set(err, GL_EINVAL, _("the span %lld:%lld is empty or inverted (START:END, "
			"START below END)"), (long long)start, (long long)end);
		goto out;
	}
	if (end > d.length) {
		st = gl_error_set(err, GL_EINVAL, _("the span %lld:%lld goes beyond the letter's end "
			"(it has %lld characters)"), (long long)start, (long long)end, (long long)d.length);
		goto out;
	}
	size_t bs = gl_utf8_offset(d.text, d.text_len, (size_t)start);
	size_t be = gl_utf8_offset(d.text, d.text_len, (size_t)end);
	int64_t mlen = (int64_t)gl_utf8_count(marker, strlen(marker));
	if (gl_str_append(&text, d.text, bs) != GL_OK || gl_str_puts(&text, marker) != GL_OK ||
		gl_str_append(&text, d.text + be, d.text_len - be) != GL_OK) {
		st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		goto out;
	}
	st = db_read(s, "SELECT id, code_id, coder_id, start, end FROM codings WHERE document_id = ?1",
		DB_ARGS(DB_INT(document_id)), span_row, &codings, err);
	if (st != GL_OK)
		goto out;
	for (size_t i = 0; i < codings.n; i++)
		span_move(&codings.v[i], start, end, mlen, out);
	spans_dedupe(&codings, out);
	/* moved in the direction of the move, so that no coding passes over another's old place */
	qsort(codings.v, codings.n, sizeof *codings.v, by_start_asc);
	if ((st = outside_tx(s, err)) != GL_OK)
		goto out;
	char hash[65];
	gl_sha256_hex(text.buf, text.len, hash);
	struct db_tx tx;
	if (db_tx_begin(s, &tx, err) != GL_OK) {
		st = tx.status;
		goto out;
	}
	db_tx_write(&tx, &(struct db_write){ .sql = "UPDATE documents SET text = ?1, length = ?2, "
		"content_hash = ?3 WHERE id = ?4", .args = DB_ARGS(DB_TEXT_STATIC(text.buf, text.len),
		DB_INT(gl_utf8_count(text.buf, text.len)), DB_TEXT(hash), DB_INT(document_id)),
		.constraint = GL_EEXIST,
		.constraint_msg = _("the redacted letter would be the same as another of its school and "
		"group") });
	for (size_t k = 0; k < codings.n; k++) {
		size_t i = mlen - (end - start) > 0 ? codings.n - 1 - k : k;
		const struct span_row *c = &codings.v[i];
		if (c->action == 2) {
			db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM memos WHERE target = "
				"'coding' AND target_id = ?1", .args = DB_ARGS(DB_INT(c->id)) });
			db_tx_write(&tx, &(struct db_write){ .sql = "DELETE FROM codings WHERE id = ?1",
				.args = DB_ARGS(DB_INT(c->id)) });
		} else if (c->action == 1) {
			db_tx_write(&tx, &(struct db_write){ .sql = "UPDATE codings SET start = ?1, end = ?2 "
				"WHERE id = ?3", .args = DB_ARGS(DB_INT(c->start), DB_INT(c->end),
				DB_INT(c->id)) });
		}
	}
	db_tx_write(&tx, &(struct db_write){ .sql = "INSERT INTO documents_fts(documents_fts) "
		"VALUES ('rebuild')" });
	int64_t scrubbed = 0;
	scrub_audit(&tx, NULL, &scrubbed);
	char detail[160];
	snprintf(detail, sizeof detail, "%lld:%lld, %lld codings removed", (long long)start,
		(long long)end, (long long)out->removed);
	db_tx_audit(&tx, "redact", "document", d.uuid, detail);
	if ((st = db_tx_end(&tx)) == GL_OK)
		st = erase_bytes(s, &out->wal_truncated, err);
out:
	free(codings.v);
	gl_str_finish(&text);
	gl_document_finish(&d);
	return st;
}

struct pseudo {
	int64_t id;
	char *author, *pseudonym;
};

struct pseudo_list {
	struct pseudo *v;
	size_t n, cap;
};

static int author_id_row(void *ctx, const struct gl_row *row)
{
	struct pseudo_list *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct pseudo *p = realloc(l->v, cap * sizeof *p);
		if (!p)
			return 1;
		l->v = p;
		l->cap = cap;
	}
	l->v[l->n++] = (struct pseudo){ row->values[0].i, strdup(row->values[1].s), NULL };
	return l->v[l->n - 1].author ? 0 : 1;
}

enum gl_status gl_store_pseudonymise_authors(struct gl_store *s, bool apply, gl_row_fn fn,
	void *ctx, int64_t *changed, bool *wal_truncated, struct gl_error *err)
{
	struct pseudo_list l = { 0 };
	struct gl_str p = GL_STR_INIT;
	int64_t n = 0;
	if (wal_truncated)
		*wal_truncated = true;
	enum gl_status st = db_read(s, "SELECT id, author FROM documents WHERE trim(ifnull(author, "
		"'')) <> '' ORDER BY id", NULL, author_id_row, &l, err);
	/* every pseudonym before any name changes: they number the authors by name */
	for (size_t i = 0; st == GL_OK && i < l.n; i++) {
		st = gl_store_author_pseudonym(s, l.v[i].id, &p, err);
		if (st == GL_OK && strcmp(gl_str_cstr(&p), l.v[i].author) &&
			!(l.v[i].pseudonym = strdup(gl_str_cstr(&p))))
			st = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	static const char *const names[] = { "id", "author", "pseudonym" };
	for (size_t i = 0; st == GL_OK && i < l.n; i++) {
		if (!l.v[i].pseudonym)
			continue;
		n++;
		struct gl_value vals[3] = { { .type = GL_VAL_INT, .i = l.v[i].id, .r = (double)l.v[i].id },
			{ .type = GL_VAL_TEXT, .s = l.v[i].author, .len = strlen(l.v[i].author) },
			{ .type = GL_VAL_TEXT, .s = l.v[i].pseudonym, .len = strlen(l.v[i].pseudonym) } };
		struct gl_row row = { 3, names, vals };
		if (fn && fn(ctx, &row))
			st = GL_ECANCELLED;
	}
	if (st == GL_OK && apply && n > 0 && (st = outside_tx(s, err)) == GL_OK) {
		struct db_tx tx;
		if (db_tx_begin(s, &tx, err) == GL_OK) {
			/* audit rows that name an author, while the names are still there to find */
			db_tx_write(&tx, &(struct db_write){ .sql = "UPDATE audit_log SET detail = NULL "
				"WHERE detail IS NOT NULL AND EXISTS (SELECT 1 FROM documents d WHERE "
				"trim(ifnull(d.author, '')) <> '' AND (instr(lower(audit_log.detail), "
				"lower(trim(d.author))) > 0 OR instr(name_key(audit_log.detail), "
				"name_key(d.author)) > 0))" });
			for (size_t i = 0; i < l.n; i++) {
				if (!l.v[i].pseudonym)
					continue;
				/* the number stays (schema step 11); the key follows the new name, so that
				 * nothing keeps the old one */
				db_tx_write(&tx, &(struct db_write){ .sql = "UPDATE documents SET author = ?1, "
					"author_key = name_key(?1) WHERE id = ?2",
					.args = DB_ARGS(DB_TEXT(l.v[i].pseudonym), DB_INT(l.v[i].id)) });
			}
			char detail[64];
			snprintf(detail, sizeof detail, "%lld letters", (long long)n);
			db_tx_audit(&tx, "pseudonymise", "author", NULL, detail);
		}
		st = db_tx_end(&tx);
		bool truncated = false;
		if (st == GL_OK)
			st = erase_bytes(s, &truncated, err);
		if (wal_truncated)
			*wal_truncated = truncated;
	}
	for (size_t i = 0; i < l.n; i++) {
		free(l.v[i].author);
		free(l.v[i].pseudonym);
	}
	free(l.v);
	gl_str_finish(&p);
	if (changed)
		*changed = n;
	return st;
}
