/* The one result of a workshop round: the store's arrays through every method of rank.h. */
#include "genomlys/ranking.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/num.h"

static const char *const method_names[] = { "borda", "schulze", "kemeny", "all" };

bool gl_rank_method_parse(const char *s, enum gl_rank_method *out)
{
	for (int i = 0; i < 4; i++)
		if (s && !strcmp(s, method_names[i]))
			return *out = (enum gl_rank_method)i, true;
	return false;
}

const char *gl_rank_method_name(enum gl_rank_method m)
{
	return m <= GL_METHOD_ALL ? method_names[m] : "";
}

enum gl_status gl_rank_order_ranks(const char *text, const struct gl_area *areas, size_t n,
	int *rank, struct gl_error *err)
{
	struct gl_rank_order o;
	enum gl_status ret = gl_rank_order_parse(text, &o, err);
	if (ret != GL_OK)
		return ret;
	memset(rank, 0, n * sizeof *rank);
	/* the item that named each area: titles that differ only in case or composition name
	 * the same area, which a ballot may name once */
	size_t *by = calloc(n ? n : 1, sizeof *by);
	if (!by)
		ret = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	for (size_t i = 0; i < o.n && ret == GL_OK; i++) {
		size_t at = 0;
		struct gl_error why = { 0 };
		ret = gl_area_find(areas, n, o.items[i].title, &at, &why);
		if (ret != GL_OK)
			gl_error_set(err, ret, _("column %ld: %s"), o.items[i].column, why.message);
		else if (by[at])
			ret = gl_error_set(err, GL_EFORMAT, _("column %ld: \"%s\" is named twice (first at "
				"column %ld)"), o.items[i].column, areas[at].title, o.items[by[at] - 1].column);
		else {
			rank[at] = o.items[i].place;
			by[at] = i + 1;
		}
	}
	free(by);
	gl_rank_order_finish(&o);
	return ret;
}

void gl_round_result_finish(struct gl_round_result *r)
{
	if (!r)
		return;
	gl_round_finish(&r->round);
	free(r->level);
	gl_areas_free(r->areas, r->n);
	gl_names_free(r->participants, r->m);
	free(r->rank);
	free(r->borda);
	free(r->borda_position);
	free(r->borda_order);
	free(r->pairwise);
	free(r->paths);
	free(r->schulze_position);
	free(r->schulze_order);
	free(r->kemeny_position);
	free(r->kemeny_order);
	free(r->differs);
	free(r->dots);
	free(r->impact);
	free(r->effort);
	free(r->scored);
	memset(r, 0, sizeof *r);
}

/* Places on a ballot as 1..k without gaps (a deleted area can leave a gap or a place above n). */
static void compact_places(int *row, size_t n)
{
	int next = 1;
	for (;;) {
		int low = 0;
		for (size_t c = 0; c < n; c++)
			if (row[c] >= next && (low == 0 || row[c] < low))
				low = row[c];
		if (low == 0)
			return;
		for (size_t c = 0; c < n; c++)
			if (row[c] == low)
				row[c] = -next;
		next++;
	}
}

static void compact(int *rank, size_t m, size_t n)
{
	for (size_t b = 0; b < m; b++) {
		int *row = rank + b * n;
		for (size_t c = 0; c < n; c++)
			if (row[c] < 0)
				row[c] = 0;
		compact_places(row, n);
		for (size_t c = 0; c < n; c++)
			row[c] = -row[c];
	}
}

enum gl_status gl_round_result_load(struct gl_store *s, int64_t round_id,
	enum gl_rank_method method, struct gl_round_result *r, struct gl_error *err)
{
	memset(r, 0, sizeof *r);
	r->method = method;
	enum gl_status ret = gl_store_round_get(s, round_id, &r->round, err);
	if (ret != GL_OK)
		return ret;
	if (r->round.school_id) {
		struct gl_str name = GL_STR_INIT;
		if ((ret = gl_store_school_name(s, r->round.school_id, &name, err)) != GL_OK) {
			gl_str_finish(&name);
			goto fail;
		}
		r->level = gl_str_steal(&name);
	}
	if ((ret = gl_store_areas(s, r->round.school_id, &r->areas, &r->n, err)) != GL_OK ||
		(ret = gl_store_round_participants(s, round_id, &r->participants, &r->m, err)) != GL_OK)
		goto fail;
	size_t n = r->n, m = r->m;
	if (n == 0)
		return GL_OK;
	r->rank = calloc(m ? m * n : 1, sizeof *r->rank);
	r->borda = calloc(n, sizeof *r->borda);
	r->borda_position = calloc(n, sizeof *r->borda_position);
	r->borda_order = calloc(n, sizeof *r->borda_order);
	r->pairwise = calloc(n * n, sizeof *r->pairwise);
	r->paths = calloc(n * n, sizeof *r->paths);
	r->schulze_position = calloc(n, sizeof *r->schulze_position);
	r->schulze_order = calloc(n, sizeof *r->schulze_order);
	r->kemeny_position = calloc(n, sizeof *r->kemeny_position);
	r->kemeny_order = calloc(n, sizeof *r->kemeny_order);
	r->differs = calloc(n, sizeof *r->differs);
	r->dots = calloc(n, sizeof *r->dots);
	r->impact = calloc(n, sizeof *r->impact);
	r->effort = calloc(n, sizeof *r->effort);
	r->scored = calloc(n, sizeof *r->scored);
	if (!r->rank || !r->borda || !r->borda_position || !r->borda_order || !r->pairwise ||
		!r->paths || !r->schulze_position || !r->schulze_order || !r->kemeny_position ||
		!r->kemeny_order || !r->differs || !r->dots || !r->impact || !r->effort || !r->scored) {
		ret = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
		goto fail;
	}
	int *dots = NULL, *impact = NULL, *effort = NULL;
	ret = gl_store_round_matrices(s, round_id, r->areas, n, m, r->rank, &r->dot_participants,
		&dots, &r->score_participants, &impact, &effort, err);
	if (ret == GL_OK) {
		compact(r->rank, m, n);
		ret = gl_rank_borda(r->rank, m, n, r->borda, r->borda_position, r->borda_order, err);
	}
	if (ret == GL_OK)
		ret = gl_rank_schulze(r->rank, m, n, r->pairwise, r->paths, r->schulze_position,
			r->schulze_order, err);
	if (ret == GL_OK)
		ret = gl_rank_kemeny(r->rank, m, n, r->kemeny_position, r->kemeny_order, &r->kemeny,
			err);
	if (ret == GL_OK)
		ret = gl_rank_kendall_w(r->rank, m, n, NULL, &r->w, err);
	if (ret == GL_OK) {
		const size_t *pos[3] = { r->borda_position, r->schulze_position, r->kemeny_position };
		ret = gl_rank_compare(pos, r->kemeny.computed ? 3 : 2, n, r->differs, &r->ndiffer, err);
	}
	if (ret == GL_OK)
		ret = gl_rank_dot_totals(dots, r->dot_participants, n, r->dots, err);
	if (ret == GL_OK)
		ret = gl_rank_score_means(impact, r->score_participants, n, r->impact, r->scored, err);
	if (ret == GL_OK)
		ret = gl_rank_score_means(effort, r->score_participants, n, r->effort, NULL, err);
	free(dots);
	free(impact);
	free(effort);
	if (ret != GL_OK)
		goto fail;
	if (method == GL_METHOD_BORDA) {
		r->order = r->borda_order;
		r->position = r->borda_position;
	} else if (method == GL_METHOD_KEMENY && r->kemeny.computed) {
		r->order = r->kemeny_order;
		r->position = r->kemeny_position;
	} else {
		r->order = r->schulze_order;
		r->position = r->schulze_position;
	}
	return GL_OK;
fail:
	gl_round_result_finish(r);
	return ret;
}

enum gl_status gl_round_result_accepted(struct gl_store *s, int64_t school_id,
	struct gl_round_result *out, struct gl_error *err)
{
	memset(out, 0, sizeof *out);
	struct gl_round *rounds;
	size_t n;
	enum gl_status ret = gl_store_rounds(s, school_id, &rounds, &n, err);
	if (ret != GL_OK)
		return ret;
	int64_t id = 0;
	for (size_t i = n; i-- > 0 && !id;)
		if (rounds[i].state == GL_ROUND_CLOSED)
			id = rounds[i].id;
	gl_rounds_free(rounds, n);
	if (!id)
		return GL_ENOTFOUND;
	return gl_round_result_load(s, id, GL_METHOD_SCHULZE, out, err);
}

enum gl_status gl_round_close(struct gl_store *s, int64_t round_id, struct gl_error *err)
{
	enum gl_status ret = gl_store_begin(s, err);
	if (ret != GL_OK)
		return ret;
	struct gl_round_result r = { 0 };
	bool loaded = false;
	int64_t *ids = NULL;
	struct gl_str note = GL_STR_INIT;
	ret = gl_store_round_set_state(s, round_id, GL_ROUND_CLOSED, err);
	if (ret == GL_OK)
		ret = gl_round_result_load(s, round_id, GL_METHOD_SCHULZE, &r, err);
	loaded = ret == GL_OK;
	if (ret == GL_OK && r.n) {
		ids = calloc(r.n, sizeof *ids);
		if (!ids)
			ret = gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	}
	for (size_t k = 0; ret == GL_OK && k < r.n; k++)
		ids[k] = r.areas[r.order[k]].id;
	if (ret == GL_OK && r.n)
		ret = gl_store_finding_order_set(s, r.round.school_id, "area", ids, r.n, err);
	for (size_t k = 0; ret == GL_OK && k < r.n; k++) {
		size_t c = r.order[k];
		gl_str_clear(&note);
		/* figures only: the words come when the note is shown, in that moment's language */
		gl_str_printf(&note, "schulze=%zu;borda=%.17g", r.schulze_position[c], r.borda[c]);
		if (r.w.defined)
			gl_str_printf(&note, ";w=%.17g", r.w.w);
		gl_str_printf(&note, ";ballots=%zu", r.m);
		ret = gl_store_finding_rank_set(s, r.areas[c].id, true, r.borda[c], gl_str_cstr(&note),
			err);
	}
	if (ret == GL_OK)
		ret = gl_store_commit(s, err);
	else
		gl_store_rollback(s);
	if (loaded)
		gl_round_result_finish(&r);
	free(ids);
	gl_str_finish(&note);
	return ret;
}

/* One "key=value" of a stored note: the value as a finite number, or false. */
static bool note_field(const char *stored, const char *key, double *out)
{
	size_t klen = strlen(key);
	for (const char *p = stored; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL) {
		if (strncmp(p, key, klen) || p[klen] != '=')
			continue;
		const char *v = p + klen + 1;
		size_t vlen = strcspn(v, ";");
		char buf[64];
		if (vlen == 0 || vlen >= sizeof buf)
			return false;
		memcpy(buf, v, vlen);
		buf[vlen] = '\0';
		return gl_num_parse_double(buf, out, NULL) == GL_OK;
	}
	return false;
}

/* Whether stored is made of known "key=value" fields only (the stored form). */
static bool note_is_stored_form(const char *stored)
{
	static const char *const keys[] = { "schulze", "borda", "w", "ballots" };
	const char *p = stored;
	while (*p) {
		size_t len = strcspn(p, ";"), k;
		for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			size_t klen = strlen(keys[k]);
			if (len > klen && !strncmp(p, keys[k], klen) && p[klen] == '=')
				break;
		}
		if (k == sizeof keys / sizeof keys[0])
			return false;
		p += len;
		if (*p == ';')
			p++;
	}
	return true;
}

void gl_round_note_render(const char *stored, struct gl_str *out)
{
	gl_str_clear(out);
	if (!stored)
		return;
	double schulze, borda, w, ballots;
	if (!note_is_stored_form(stored) || !note_field(stored, "schulze", &schulze) ||
		!note_field(stored, "borda", &borda) || !note_field(stored, "ballots", &ballots) ||
		schulze < 0 || ballots < 0) {
		gl_str_puts(out, stored);
		return;
	}
	char points[32];
	gl_num_format(borda, GL_NUM_G, points, sizeof points);
	gl_str_printf(out, _("Schulze %zu · Borda %s points"), (size_t)schulze, points);
	if (note_field(stored, "w", &w)) {
		char wbuf[32];
		gl_num_format(w, 2, wbuf, sizeof wbuf);
		gl_str_printf(out, _(" · W %s, %s agreement"), wbuf, _(gl_rank_kendall_w_words(w)));
	}
	gl_str_printf(out, ngettext(" · %zu ballot", " · %zu ballots", (unsigned long)ballots),
		(size_t)ballots);
}

/* A title as the order syntax writes it: in quotes when it holds '>', '=' or '"'. */
static void order_title(struct gl_str *out, const char *title)
{
	if (!strpbrk(title, ">=\"")) {
		gl_str_puts(out, title);
		return;
	}
	gl_str_putc(out, '"');
	for (const char *p = title; *p; p++) {
		if (*p == '"')
			gl_str_putc(out, '"');
		gl_str_putc(out, *p);
	}
	gl_str_putc(out, '"');
}

enum gl_status gl_round_ballot_text(const struct gl_round_result *r, size_t b,
	struct gl_str *out)
{
	gl_str_clear(out);
	if (b >= r->m)
		return GL_EINVAL;
	const int *row = r->rank + b * r->n;
	int last = 0;
	for (;;) {
		/* the next place above last, and its areas in the result's order */
		int place = 0;
		for (size_t c = 0; c < r->n; c++)
			if (row[c] > last && (place == 0 || row[c] < place))
				place = row[c];
		if (!place)
			break;
		bool first = true;
		for (size_t k = 0; k < r->n; k++) {
			size_t c = r->order[k];
			if (row[c] != place)
				continue;
			if (!first)
				gl_str_puts(out, " = ");
			else if (out->len)
				gl_str_puts(out, " > ");
			first = false;
			order_title(out, r->areas[c].title);
		}
		last = place;
	}
	return GL_OK;
}
