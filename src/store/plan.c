/* The development plan of a level (plan.h), and how letters' authors are named in it. */
#include "genomlys/plan.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "store_internal.h"

/* ---- Authors ---- */

/* The singular of the standard groups, as a pseudonym starts ("Elev 3"); pseudonyms are part of
 * the Swedish material the municipality receives, so they are not translated. */
static const struct { const char *key, *singular; } singulars[] = {
	{ "teacher", "Lärare" }, { "student", "Elev" }, { "politician", "Politiker" },
	{ "guardian", "Vårdnadshavare" }, { "principal", "Rektor" }, { "staff", "Personal" },
};

enum gl_status gl_store_pseudonym_format(const char *group_key, const char *group_sv, int64_t n,
	const char *school, struct gl_str *out)
{
	const char *word = group_sv;
	for (size_t i = 0; group_key && i < sizeof singulars / sizeof singulars[0]; i++)
		if (!strcmp(group_key, singulars[i].key))
			word = singulars[i].singular;
	gl_str_clear(out);
	return gl_str_printf(out, "%s %lld, %s", word ? word : "?", (long long)n,
		school ? school : "");
}

enum gl_status gl_store_author_pseudonym(struct gl_store *s, int64_t document_id,
	struct gl_str *out, struct gl_error *err)
{
	sqlite3_stmt *st;
	/* The author's number was stored with the letter when it was imported (schema step 11:
	 * one number per author of a school and group, an author being the name's key, name_key,
	 * as erase --author compares names; never renumbered, never reused) */
	enum gl_status ret = db_statement(s,
		"SELECT g.key, g.name_sv, s.name, d.author_n FROM documents d"
		" JOIN groups g ON g.id = d.group_id JOIN schools s ON s.id = d.school_id"
		" WHERE d.id = ?1",
		DB_ARGS(DB_INT(document_id)), true, &st, err);
	if (ret != GL_OK)
		return ret;
	int rc = sqlite3_step(st);
	gl_str_clear(out);
	if (rc == SQLITE_ROW) {
		ret = gl_store_pseudonym_format((const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 3),
			(const char *)sqlite3_column_text(st, 2), out);
	} else if (rc == SQLITE_DONE) {
		ret = gl_error_set(err, GL_ENOTFOUND, _("no letter with id %lld"), (long long)document_id);
	} else {
		ret = db_error(s, err, _("cannot read the project"));
	}
	db_release(s, st);
	return ret;
}

static bool keep_names(struct gl_store *s)
{
	int64_t keep = 0;
	return gl_store_setting_get_int(s, GL_SETTING_KEEP_NAMES, &keep, NULL) == GL_OK && keep;
}

/* The label, and whether it is the author's name. */
static enum gl_status author_label(struct gl_store *s, int64_t document_id, struct gl_str *out,
	bool *named, struct gl_error *err)
{
	*named = false;
	if (keep_names(s)) {
		enum gl_status ret = db_read_text(s, "SELECT trim(author) FROM documents WHERE id = ?1"
			" AND trim(author) <> ''", DB_ARGS(DB_INT(document_id)), out, err);
		if (ret != GL_ENOTFOUND) {
			*named = ret == GL_OK;
			return ret;
		}
	}
	return gl_store_author_pseudonym(s, document_id, out, err);
}

enum gl_status gl_store_author_label(struct gl_store *s, int64_t document_id, struct gl_str *out,
	struct gl_error *err)
{
	bool named;
	return author_label(s, document_id, out, &named, err);
}

/* ---- The plan ---- */

static char *dup_value(const struct gl_value *v)
{
	return v->type == GL_VAL_TEXT ? gl_strdup(v->s) : NULL;
}

static void evidence_finish(struct gl_plan_evidence *e)
{
	char *fields[] = { e->school, e->group, e->group_key, e->quote, e->code, e->author, e->letter_title,
		e->survey, e->item, e->title, e->kind };
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		free(fields[i]);
}

static void finding_finish(struct gl_plan_finding *f)
{
	for (size_t i = 0; i < f->nevidence; i++)
		evidence_finish(&f->evidence[i]);
	free(f->evidence);
	char *fields[] = { f->school, f->title, f->description, f->author, f->created_at,
		f->updated_at, f->memo, f->rank_note };
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		free(fields[i]);
}

void gl_plan_finish(struct gl_plan *p)
{
	if (!p)
		return;
	for (int k = 0; k < GL_FINDING_KINDS; k++) {
		for (size_t i = 0; i < p->n[k]; i++)
			finding_finish(&p->findings[k][i]);
		free(p->findings[k]);
	}
	free(p->school);
	memset(p, 0, sizeof *p);
}

static int finding_row(void *ctx, const struct gl_row *row)
{
	struct gl_plan *p = ctx;
	const struct gl_value *v = row->values;
	int k = gl_finding_kind_index(v[2].s);
	if (k < 0)
		return 0;
	struct gl_plan_finding *grown = realloc(p->findings[k], (p->n[k] + 1) * sizeof *grown);
	if (!grown)
		return 1;
	p->findings[k] = grown;
	struct gl_plan_finding *f = &grown[p->n[k]++];
	memset(f, 0, sizeof *f);
	f->id = v[0].i;
	if (v[1].type == GL_VAL_TEXT)
		strncpy(f->uuid, v[1].s, GL_UUID_LEN);
	f->kind = k;
	f->school_id = v[3].i;
	f->position = v[4].i;
	f->school = dup_value(&v[5]);
	f->title = dup_value(&v[6]);
	f->description = dup_value(&v[7]);
	f->author = dup_value(&v[8]);
	f->created_at = dup_value(&v[9]);
	f->updated_at = dup_value(&v[10]);
	f->memo = dup_value(&v[11]);
	f->ranked = v[12].type != GL_VAL_NULL;
	f->rank_score = v[12].r;
	f->rank_note = dup_value(&v[13]);
	return 0;
}

static struct gl_plan_evidence *evidence_add(struct gl_plan_finding *f)
{
	struct gl_plan_evidence *grown = realloc(f->evidence, (f->nevidence + 1) * sizeof *grown);
	if (!grown)
		return NULL;
	f->evidence = grown;
	struct gl_plan_evidence *e = &grown[f->nevidence++];
	memset(e, 0, sizeof *e);
	return e;
}

static int coding_row(void *ctx, const struct gl_row *row)
{
	const struct gl_value *v = row->values;
	struct gl_plan_evidence *e = evidence_add(ctx);
	if (!e)
		return 1;
	e->type = GL_EVIDENCE_CODING;
	e->id = v[0].i;
	e->school = dup_value(&v[1]);
	e->group = dup_value(&v[2]);
	e->quote = dup_value(&v[3]);
	e->code = dup_value(&v[4]);
	e->letter_title = dup_value(&v[5]);
	e->letter_id = v[6].i;
	e->start = v[7].i;
	e->end = v[8].i;
	e->group_id = v[9].i;
	e->group_key = dup_value(&v[10]);
	return 0;
}

static int survey_row(void *ctx, const struct gl_row *row)
{
	const struct gl_value *v = row->values;
	struct gl_plan_evidence *e = evidence_add(ctx);
	if (!e)
		return 1;
	e->type = GL_EVIDENCE_SURVEY;
	e->id = v[0].i;
	e->school = dup_value(&v[1]);
	e->group = dup_value(&v[2]);
	e->survey = dup_value(&v[3]);
	e->year = (int)v[4].i;
	e->item = dup_value(&v[5]);
	e->value = v[6].r;
	e->has_mean = v[7].type != GL_VAL_NULL;
	e->municipal_mean = v[7].r;
	e->group_id = v[8].i;
	e->group_key = dup_value(&v[9]);
	return 0;
}

static int cited_row(void *ctx, const struct gl_row *row)
{
	const struct gl_value *v = row->values;
	struct gl_plan_evidence *e = evidence_add(ctx);
	if (!e)
		return 1;
	e->type = GL_EVIDENCE_FINDING;
	e->id = v[0].i;
	e->school = dup_value(&v[1]);
	e->title = dup_value(&v[2]);
	e->kind = dup_value(&v[3]);
	return 0;
}

static enum gl_status nomem(enum gl_status ret, struct gl_error *err)
{
	return ret == GL_ECANCELLED ? gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM))
		: ret;
}

#define KIND_ORDER(col) "CASE " col " WHEN 'strength' THEN 0 WHEN 'area' THEN 1 ELSE 2 END"

static enum gl_status evidence_read(struct gl_store *s, struct gl_plan_finding *f,
	struct gl_error *err)
{
	enum gl_status ret = db_read(s,
		"SELECT k.id, s.name, " DB_GROUP_NAME("g") ","
		" substr(d.text, k.start + 1, k.end - k.start),"
		" CASE WHEN p.id IS NULL THEN c.name ELSE p.name || ' > ' || c.name END, d.title, d.id,"
		" k.start, k.end, g.id, g.key"
		" FROM finding_codings fc JOIN codings k ON k.id = fc.coding_id"
		" JOIN documents d ON d.id = k.document_id JOIN schools s ON s.id = d.school_id"
		" JOIN groups g ON g.id = d.group_id JOIN codes c ON c.id = k.code_id"
		" LEFT JOIN codes p ON p.id = c.parent_id WHERE fc.finding_id = ?1"
		" ORDER BY s.name COLLATE " DB_COLLATION ", s.id, g.sort, d.id, k.start, k.id",
		DB_ARGS(DB_INT(f->id)), coding_row, f, err);
	if (ret == GL_OK)
		ret = db_read(s,
			"SELECT v.id, s.name, " DB_GROUP_NAME("g") ", v.survey, v.year, v.item, v.value,"
			" (SELECT " GL_SQL_MUNICIPAL_MEAN("w.value") " FROM survey_results w WHERE w.survey = v.survey AND"
			" w.year = v.year AND w.group_id = v.group_id AND w.item = v.item), g.id, g.key"
			" FROM finding_surveys fs JOIN survey_results v ON v.id = fs.survey_result_id"
			" JOIN schools s ON s.id = v.school_id JOIN groups g ON g.id = v.group_id"
			" WHERE fs.finding_id = ?1 ORDER BY v.survey, v.year, g.sort, v.item,"
			" s.name COLLATE " DB_COLLATION ", v.id", DB_ARGS(DB_INT(f->id)), survey_row, f, err);
	if (ret == GL_OK)
		ret = db_read(s,
			"SELECT c.id, s.name, c.title, c.kind FROM finding_findings ff"
			" JOIN findings c ON c.id = ff.cited_id LEFT JOIN schools s ON s.id = c.school_id"
			" WHERE ff.finding_id = ?1 ORDER BY s.name COLLATE " DB_COLLATION ", s.id, "
			KIND_ORDER("c.kind") ", c.position, c.id", DB_ARGS(DB_INT(f->id)), cited_row, f, err);
	/* authors after the rows: their query is not run inside another's */
	struct gl_str label = GL_STR_INIT;
	for (size_t i = 0; ret == GL_OK && i < f->nevidence; i++) {
		struct gl_plan_evidence *e = &f->evidence[i];
		if (e->type != GL_EVIDENCE_CODING)
			continue;
		ret = author_label(s, e->letter_id, &label, &e->author_named, err);
		if (ret == GL_OK && !(e->author = gl_strdup(gl_str_cstr(&label))))
			ret = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	gl_str_finish(&label);
	return nomem(ret, err);
}

static enum gl_status plan_read(struct gl_store *s, int64_t school_id, int64_t finding_id,
	struct gl_plan *out, struct gl_error *err)
{
	memset(out, 0, sizeof *out);
	out->school_id = school_id > 0 ? school_id : 0;
	out->keep_names = keep_names(s);
	enum gl_status ret = GL_OK;
	if (out->school_id > 0) {
		struct gl_str name = GL_STR_INIT;
		ret = db_read_text(s, "SELECT name FROM schools WHERE id = ?1",
			DB_ARGS(DB_INT(out->school_id)), &name, err);
		if (ret == GL_ENOTFOUND)
			ret = gl_error_set(err, GL_ENOTFOUND, _("no school with id %lld"),
				(long long)out->school_id);
		out->school = gl_str_steal(&name);
		gl_str_finish(&name);
		if (ret != GL_OK)
			return ret;
	}
	ret = db_read(s,
		"SELECT f.id, f.uuid, f.kind, ifnull(f.school_id, 0), f.position, s.name, f.title,"
		" f.description, r.name, f.created_at, f.updated_at,"
		" (SELECT m.text FROM memos m WHERE m.target = 'finding' AND m.target_id = f.id"
		"  ORDER BY m.id DESC LIMIT 1), f.rank_score, f.rank_note"
		" FROM findings f LEFT JOIN schools s ON s.id = f.school_id"
		" LEFT JOIN coders r ON r.id = f.author_id"
		" WHERE ifnull(f.school_id, 0) = ?1 AND (?2 = 0 OR f.id = ?2)"
		" ORDER BY " KIND_ORDER("f.kind") ", f.position, f.id",
		DB_ARGS(DB_INT(out->school_id), DB_INT(finding_id)), finding_row, out, err);
	ret = nomem(ret, err);
	for (int k = 0; ret == GL_OK && k < GL_FINDING_KINDS; k++)
		for (size_t i = 0; ret == GL_OK && i < out->n[k]; i++)
			ret = evidence_read(s, &out->findings[k][i], err);
	return ret;
}

enum gl_status gl_plan_read(struct gl_store *s, int64_t school_id, struct gl_plan *out,
	struct gl_error *err)
{
	return plan_read(s, school_id, 0, out, err);
}

enum gl_status gl_plan_read_finding(struct gl_store *s, int64_t finding_id, struct gl_plan *out,
	struct gl_error *err)
{
	memset(out, 0, sizeof *out);
	int64_t level = 0;
	enum gl_status ret = db_read_int(s, "SELECT ifnull(school_id, 0) FROM findings WHERE id = ?1",
		DB_ARGS(DB_INT(finding_id)), &level, err);
	if (ret == GL_ENOTFOUND)
		return gl_error_set(err, GL_ENOTFOUND, _("no finding with id %lld"),
			(long long)finding_id);
	if (ret != GL_OK)
		return ret;
	return plan_read(s, level, finding_id, out, err);
}
