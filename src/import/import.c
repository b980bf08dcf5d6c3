/* The store sink, the all-or-nothing transactions around each import, and shared helpers. */
#include "import_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "genomlys/i18n.h"
#include "genomlys/store.h"

/* ---- The store sink ---- */

static enum gl_status store_school(void *ctx, const char *name, int64_t *id,
	struct gl_error *err)
{
	return gl_store_school_ensure(ctx, name, id, NULL, err);
}

static enum gl_status store_group(void *ctx, const char *name, int64_t *id,
	struct gl_error *err)
{
	return gl_store_group_find(ctx, name, id, err);
}

static enum gl_status store_letter(void *ctx, const struct gl_document *d,
	enum gl_import_outcome *out, struct gl_error *err)
{
	int64_t id;
	bool duplicate;
	enum gl_status st = gl_store_document_insert(ctx, d, &id, &duplicate, err);
	*out = duplicate ? GL_IMPORT_DUPLICATE : GL_IMPORT_ADDED;
	return st;
}

static enum gl_status store_survey(void *ctx, const struct gl_survey_result *r,
	enum gl_import_outcome *out, struct gl_error *err)
{
	int64_t id;
	enum gl_status st = gl_store_survey_find(ctx, r, &id, err);
	if (st != GL_OK && st != GL_ENOTFOUND)
		return st;
	bool existed = st == GL_OK, updated;
	st = gl_store_survey_upsert(ctx, r, &id, &updated, err);
	*out = !existed ? GL_IMPORT_ADDED : updated ? GL_IMPORT_UPDATED : GL_IMPORT_UNCHANGED;
	return st;
}

static enum gl_status store_code_find(void *ctx, const char *name, int64_t *id,
	struct gl_error *err)
{
	return gl_store_code_find(ctx, name, id, err);
}

static enum gl_status store_code(void *ctx, const struct gl_code *c, int64_t *id,
	enum gl_import_outcome *out, struct gl_error *err)
{
	enum gl_status st = gl_store_code_find_child(ctx, c->parent_id, c->name, id, err);
	if (st == GL_OK) {
		/* Nothing to write when the code is as the file has it: not "updated". */
		bool same;
		if ((st = gl_store_code_same(ctx, *id, c, &same, err)) != GL_OK)
			return st;
		*out = same ? GL_IMPORT_UNCHANGED : GL_IMPORT_UPDATED;
		return same ? GL_OK : gl_store_code_update(ctx, *id, c, err);
	}
	if (st != GL_ENOTFOUND)
		return st;
	*out = GL_IMPORT_ADDED;
	return gl_store_code_insert(ctx, c, id, err);
}

static const struct gl_import_sink_ops store_ops = {
	.school = store_school,
	.group = store_group,
	.letter = store_letter,
	.survey = store_survey,
	.code_find = store_code_find,
	.code = store_code,
};

void gl_import_sink_store(struct gl_import_sink *sink, struct gl_store *s)
{
	sink->ops = &store_ops;
	sink->ctx = s;
}

/* ---- One transaction per import ---- */

/* Ends the import's transaction: commit when all went well and this is no dry run. A dry run
 * did every write the real one would and checked every rule; rolling back leaves no trace. */
static enum gl_status finish_tx(struct gl_store *s, enum gl_status st, bool dry_run,
	struct gl_error *err)
{
	if (st == GL_OK && !dry_run)
		return gl_store_commit(s, err);
	gl_store_rollback(s);
	return st;
}

enum import_what { IMPORT_LETTERS, IMPORT_SURVEY, IMPORT_CODEBOOK };

/* Every import: one transaction through the store sink, committed only when all went well
 * and this is no dry run. */
static enum gl_status import_tx(struct gl_store *s, enum import_what what,
	const char *const *paths, size_t npaths, const struct gl_import_options *o,
	struct gl_import_summary *sum, struct gl_error *err)
{
	struct gl_error local;
	if (!err)
		err = &local;
	bool dry = o && o->dry_run;
	sum->dry_run = dry;
	enum gl_status st = gl_store_begin(s, err);
	if (st != GL_OK)
		return st;
	struct gl_import_sink k;
	gl_import_sink_store(&k, s);
	switch (what) {
	case IMPORT_LETTERS:
		/* Letters are indexed for search all at once before the commit, not one by one. */
		st = gl_store_bulk_begin(s, err);
		if (st == GL_OK)
			st = gl_import_letters_sink(&k, paths, npaths, o, sum, err);
		if (st == GL_OK)
			st = gl_store_bulk_end(s, err);
		break;
	case IMPORT_SURVEY:
		st = gl_import_survey_sink(&k, paths[0], sum, err);
		break;
	case IMPORT_CODEBOOK:
		st = gl_import_codebook_sink(&k, paths[0], sum, err);
		break;
	}
	return finish_tx(s, st, dry, err);
}

enum gl_status gl_import_letters(struct gl_store *s, const char *const *paths, size_t npaths,
	const struct gl_import_options *o, struct gl_import_summary *sum, struct gl_error *err)
{
	return import_tx(s, IMPORT_LETTERS, paths, npaths, o, sum, err);
}

enum gl_status gl_import_survey(struct gl_store *s, const char *path,
	const struct gl_import_options *o, struct gl_import_summary *sum, struct gl_error *err)
{
	return import_tx(s, IMPORT_SURVEY, &path, 1, o, sum, err);
}

enum gl_status gl_import_codebook(struct gl_store *s, const char *path,
	const struct gl_import_options *o, struct gl_import_summary *sum, struct gl_error *err)
{
	return import_tx(s, IMPORT_CODEBOOK, &path, 1, o, sum, err);
}

enum gl_status gl_import_csv_memory(const struct gl_import_sink *k, enum gl_import_csv what,
	const void *data, size_t len, const char *name, const struct gl_import_options *o,
	struct gl_import_summary *sum, struct gl_error *err)
{
	struct gl_error local;
	if (!err)
		err = &local;
	if (len == 0)  /* fmemopen refuses an empty buffer */
		return gl_error_set_at(err, GL_EFORMAT, name, 0, _("the file is empty"));
	FILE *fp = fmemopen((void *)data, len, "rb");
	if (!fp)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	enum gl_status st;
	switch (what) {
	case GL_IMPORT_CSV_SURVEY:
		st = import_survey_stream(k, fp, name, sum, err);
		break;
	case GL_IMPORT_CSV_CODEBOOK:
		st = import_codebook_stream(k, fp, name, sum, err);
		break;
	default:
		st = import_letters_csv_stream(k, fp, name, import_basename(name), o, sum, err);
		break;
	}
	fclose(fp);
	return st;
}

/* ---- Helpers ---- */

enum gl_status import_error_at(struct gl_error *err, enum gl_status st, const char *file,
	long line)
{
	if (!err)
		return st;
	/* Copy first: the message is both the source and the destination. */
	char msg[sizeof err->message];
	snprintf(msg, sizeof msg, "%s", err->message[0] ? err->message : gl_status_str(st));
	return gl_error_set_at(err, st, file, line, "%s", msg);
}

enum gl_status id_set_add(struct id_set *set, int64_t id, bool *added)
{
	size_t lo = 0, hi = set->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (set->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (added)
		*added = false;
	if (lo < set->n && set->ids[lo] == id)
		return GL_OK;
	if (set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 16;
		int64_t *p = realloc(set->ids, cap * sizeof *p);
		if (!p)
			return GL_ENOMEM;
		set->ids = p;
		set->cap = cap;
	}
	memmove(set->ids + lo + 1, set->ids + lo, (set->n - lo) * sizeof *set->ids);
	set->ids[lo] = id;
	set->n++;
	if (added)
		*added = true;
	return GL_OK;
}

void id_set_finish(struct id_set *set)
{
	free(set->ids);
	memset(set, 0, sizeof *set);
}

static size_t key_hash(const char *key, size_t len)
{
	uint64_t h = UINT64_C(14695981039346656037);  /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * UINT64_C(1099511628211);
	return (size_t)h;
}

/* The slot that holds key, or the free one where it would go. */
static struct key_id *key_slot(const struct key_ids *m, const char *key, size_t len)
{
	size_t mask = m->cap - 1;
	for (size_t i = key_hash(key, len) & mask;; i = (i + 1) & mask)
		if (!m->slots[i].key || (m->slots[i].len == len && !memcmp(m->slots[i].key, key, len)))
			return &m->slots[i];
}

bool key_ids_get(const struct key_ids *m, const char *key, size_t len, int64_t *id)
{
	if (!m->cap)
		return false;
	const struct key_id *e = key_slot(m, key, len);
	if (!e->key)
		return false;
	*id = e->id;
	return true;
}

enum gl_status key_ids_put(struct key_ids *m, const char *key, size_t len, int64_t id)
{
	if (2 * (m->n + 1) > m->cap) {
		struct key_ids grown = { calloc(m->cap ? 2 * m->cap : 64, sizeof *m->slots), m->n,
			m->cap ? 2 * m->cap : 64 };
		if (!grown.slots)
			return GL_ENOMEM;
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				*key_slot(&grown, m->slots[i].key, m->slots[i].len) = m->slots[i];
		free(m->slots);
		*m = grown;
	}
	struct key_id *e = key_slot(m, key, len);
	if (!e->key) {
		if (!(e->key = malloc(len ? len : 1)))
			return GL_ENOMEM;
		memcpy(e->key, key, len);
		e->len = len;
		m->n++;
	}
	e->id = id;
	return GL_OK;
}

void key_ids_finish(struct key_ids *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	memset(m, 0, sizeof *m);
}

const char *import_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

bool import_has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && !strcasecmp(path + n - e, ext);
}
