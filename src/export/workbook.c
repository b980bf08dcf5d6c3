/* The municipality's workbook: its sheets in order, written through the one book writer. */
#include "genomlys/export.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "genomlys/book.h"
#include "genomlys/config.h"
#include "genomlys/i18n.h"
#include "genomlys/num.h"
#include "genomlys/plan.h"
#include "genomlys/queries.h"
#include "genomlys/ranking.h"
#include "genomlys/stats.h"
#include "genomlys/store.h"
#include "pipe.h"

/* The workbook's own words, in both languages. They are not gettext messages: the workbook's
 * language is chosen per export (--lang), whatever the interface's language is, and a reader
 * of a Swedish workbook must get Swedish headings even where no translation is installed. */
#define TERMS(T) \
	T(OVERVIEW, "Overview", "Översikt") \
	T(PLAN_MUNI, "Development plan, municipality", "Utvecklingsplan, kommunen") \
	T(RANKING, "Ranking", "Rangordning") \
	T(CODES, "Codes", "Koder") \
	T(QUOTES, "Quotes", "Citat") \
	T(SURVEYS, "Surveys", "Enkäter") \
	T(METHOD, "Method", "Metod") \
	T(PROJECT, "Project", "Projekt") \
	T(EXPORTED, "Exported", "Exporterad") \
	T(PERIOD, "Period", "Period") \
	T(SCHOOLS, "Schools", "Skolor") \
	T(SCHOOL, "School", "Skola") \
	T(LETTERS, "Letters", "Brev") \
	T(LETTER, "Letter", "Brev") \
	T(CODERS, "Coders", "Kodare") \
	T(CODER, "Coder", "Kodare") \
	T(AUTHORS, "Authors", "Författare") \
	T(AUTHOR, "Author", "Författare") \
	T(PSEUDONYMS, "pseudonymised (a respondent group, a number and the school, the same on every sheet)", \
		"pseudonymiserade (respondentgrupp, nummer och skola, desamma på alla blad)") \
	T(NAMES_KEPT, "names kept as written in the letters", "namnen kvar som i breven") \
	T(GATHERED, "How the material was gathered", "Så samlades materialet in") \
	T(KIND, "Kind", "Slag") \
	T(DOCUMENTS, "Documents", "Dokument") \
	T(FIRST, "First date", "Första datum") \
	T(LAST, "Last date", "Sista datum") \
	T(CODINGS, "Codings", "Kodningar") \
	T(KIND_LETTER, "letters from respondents", "brev från respondenter") \
	T(KIND_SURVEY_TEXT, "free-text survey answers", "fritextsvar i enkäter") \
	T(KIND_INSPECTION, "inspection remarks", "inspektionens iakttagelser") \
	T(SURVEY_RESULTS, "Survey results", "Enkätresultat") \
	T(PER_SCHOOL_GROUP, "Letters per school and respondent group", \
		"Brev per skola och respondentgrupp") \
	T(TOTAL, "Total", "Totalt") \
	T(CONTENTS, "Contents", "Innehåll") \
	T(SHEET, "Sheet", "Blad") \
	T(HOLDS, "What it holds", "Innehåll") \
	T(HOLDS_OVERVIEW, "The project, its material and this list", \
		"Projektet, materialet och denna förteckning") \
	T(HOLDS_QUOTES, "Every coded passage: code, school, group, author, letter, quote, coder, memo (filter with the arrows in the header)", \
		"Alla kodade textavsnitt: kod, skola, grupp, författare, brev, citat, kodare, memo (filtrera med pilarna i rubrikraden)") \
	T(HOLDS_SURVEYS, "Survey results per school and item; values below the threshold are highlighted", \
		"Enkätresultat per skola och fråga; värden under gränsvärdet är markerade") \
	T(HOLDS_METHOD, "The coders, their agreement and the codebook with descriptions", \
		"Kodarna, deras samstämmighet och kodboken med beskrivningar") \
	T(CODE, "Code", "Kod") \
	T(CATEGORY, "Category", "Kategori") \
	T(GROUP, "Respondent group", "Respondentgrupp") \
	T(QUOTE, "Quote", "Citat") \
	T(MEMO, "Memo", "Memo") \
	T(QUOTES_NOTE, "Every coding of the letters, one per row. The arrows in the header filter the rows.", \
		"Varje kodning av breven, en per rad. Pilarna i rubrikraden filtrerar raderna.") \
	T(SURVEY, "Survey", "Enkät") \
	T(YEAR, "Year", "År") \
	T(ITEM, "Item", "Fråga") \
	T(VALUE, "Value", "Värde") \
	T(N, "Respondents", "Svarande") \
	T(MEAN, "Municipal mean", "Kommunens medelvärde") \
	T(BELOW, "Below threshold", "Under gränsvärdet") \
	T(YES, "yes", "ja") \
	T(THRESHOLD_NOTE, "Values below the threshold are highlighted. The municipal mean is the mean over the schools. Threshold:", \
		"Värden under gränsvärdet är markerade. Kommunens medelvärde är medelvärdet över skolorna. Gränsvärde:") \
	T(CODEBOOK, "Codebook", "Kodbok") \
	T(DESCRIPTION, "Description", "Beskrivning") \
	T(WHOLE_LETTER, "classifies whole letters: one value per letter and coder", \
		"klassificerar hela brev: ett värde per brev och kodare") \
	T(NONE, "none", "inga") \
	T(MUNICIPALITY, "Municipality", "Kommunen") \
	T(ROUND, "Round", "Omgång") \
	T(OPEN, "open", "öppen") \
	T(REVEALED, "revealed", "visad") \
	T(CLOSED, "closed: the accepted order", "stängd: den antagna ordningen") \
	T(KENDALL, "Kendall's W (agreement of the participants)", "Kendalls W (deltagarnas samstämmighet)") \
	T(DF, "df", "fg") \
	T(W_VERY_WEAK, "very weak", "mycket svag") \
	T(W_WEAK, "weak", "svag") \
	T(W_MODERATE, "moderate", "måttlig") \
	T(W_STRONG, "strong", "stark") \
	T(W_VERY_STRONG, "very strong", "mycket stark") \
	T(W_UNDEFINED, "undefined", "odefinierad") \
	T(W_FEW_PARTICIPANTS, "fewer than two participants", "färre än två deltagare") \
	T(W_FEW_CANDIDATES, "fewer than two candidates", "färre än två alternativ") \
	T(W_ALL_TIED, "every participant tied all candidates", \
		"alla deltagare satte alla alternativ på delad plats") \
	T(CUT, " […cut: Excel holds at most 32,767 characters]", \
		" […avkortat: Excel rymmer högst 32 767 tecken]") \
	T(SCHOOL_CODES_NOTE, "These tables and the chart count only the codings in the letters of", \
		"Tabellerna och diagrammet räknar bara kodningarna i breven från") \
	T(SCHOOL_METHOD_NOTE, "The agreement figures are over the letters of this school only (the coders' codings and the codebook are the whole project's):", \
		"Samstämmigheten gäller bara den här skolans brev (kodarnas kodningar och kodboken gäller hela projektet):") \
	T(POSITION, "Position", "Plats") \
	T(AREA, "Development area", "Utvecklingsområde") \
	T(BORDA, "Borda points", "Bordapoäng") \
	T(BORDA_POS, "Borda position", "Plats enligt Borda") \
	T(SCHULZE_POS, "Schulze position", "Plats enligt Schulze") \
	T(KEMENY_POS, "Kemeny position", "Plats enligt Kemeny") \
	T(DOTS, "Dots", "Prickar") \
	T(IMPACT, "Impact (1-5)", "Effekt (1-5)") \
	T(EFFORT, "Effort (1-5)", "Insats (1-5)") \
	T(DIFFER, "Methods differ", "Metoderna skiljer sig") \
	T(PARTICIPANT, "Participant (ballot: place of each area)", "Deltagare (röst: varje områdes plats)") \
	T(RANKING_NOTE, "Each level's newest closed round (its order is the development plan's), else its newest revealed round. The position is the Schulze method's.", \
		"Varje nivås senaste stängda omgång (dess ordning är utvecklingsplanens), annars den senaste visade. Platsen är Schulzemetodens.") \
	T(NO_ROUNDS, "No revealed or closed ranking round yet.", "Ingen visad eller stängd omgång av rangordning ännu.") \
	T(CHART_ORDER, "Borda points in the group's order", "Bordapoäng i gruppens ordning") \
	T(PLAN, "Development plan", "Utvecklingsplan") \
	T(STRENGTH, "Strength", "Styrka") \
	T(AREA_KIND, "Development area", "Utvecklingsområde") \
	T(CHALLENGE, "Challenge", "Utmaning") \
	T(FINDING, "Finding", "Iakttagelse") \
	T(EVIDENCE, "Evidence", "Underlag") \
	T(TEXT, "Description, quote or result", "Beskrivning, citat eller resultat") \
	T(CODE_OR_ITEM, "Code or item", "Kod eller fråga") \
	T(EV_DESCRIPTION, "description", "beskrivning") \
	T(EV_QUOTE, "quote", "citat") \
	T(EV_SURVEY, "survey result", "enkätresultat") \
	T(EV_FINDING, "the school's finding", "skolans iakttagelse") \
	T(PLAN_NOTE, "Strengths, the development areas in their ranked order and challenges; under each finding the evidence it rests on. Filter with the arrows in the header.", \
		"Styrkor, utvecklingsområdena i rangordnad ordning och utmaningar; under varje iakttagelse underlaget den vilar på. Filtrera med pilarna i rubrikraden.") \
	T(NO_FINDINGS, "No findings recorded yet.", "Inga iakttagelser ännu.") \
	T(HOLDS_PLAN_MUNI, "The municipality's strengths, ranked development areas and challenges with their evidence", \
		"Kommunens styrkor, rangordnade utvecklingsområden och utmaningar med underlag") \
	T(HOLDS_PLAN_SCHOOL, "The school's development plan:", "Skolans utvecklingsplan:") \
	T(CODES_NOTE, "Codings per code by school and by respondent group; a category counts the codings of the codes under it. The colours run from few (red) to many (green).", \
		"Kodningar per kod efter skola och efter respondentgrupp; en kategori räknar kodningarna av koderna under den. Färgerna går från få (rött) till många (grönt).") \
	T(BY_SCHOOL, "Codes by school (codings)", "Koder per skola (kodningar)") \
	T(BY_GROUP, "Codes by respondent group (codings)", "Koder per respondentgrupp (kodningar)") \
	T(TOP_CODES, "The most frequent codes", "De vanligaste koderna") \
	T(HOLDS_CODES, "Code frequencies by school and respondent group, with colours and a chart", \
		"Kodernas frekvens per skola och respondentgrupp, med färger och diagram") \
	T(AGREEMENT, "Agreement between the coders", "Samstämmighet mellan kodarna") \
	T(AGREE_BASIS, "Over the letters every coder has read:", "Över de brev som alla kodare har läst:") \
	T(AGREE_LETTERS, "letters", "brev") \
	T(AGREE_CHARS, "characters", "tecken") \
	T(AGREE_CODERS, "coders", "kodare") \
	T(COL_LETTERS, "Letters", "Brev") \
	T(COL_CHARS, "Characters", "Tecken") \
	T(AGREE_NONE, "No letter has been read by every coder yet: no agreement figures.", \
		"Inget brev är ännu läst av alla kodare: inga mått på samstämmighet.") \
	T(AGREE_FEW, "Agreement needs two coders or more.", "Samstämmighet kräver minst två kodare.") \
	T(PERCENT, "Percent agreement", "Andel överensstämmelse") \
	T(KAPPA, "Cohen's κ", "Cohens κ") \
	T(ALPHA, "Krippendorff's α", "Krippendorffs α") \
	T(READING, "Reading of α", "Tolkning av α") \
	T(ALPHA_NOMINAL, "α nominal", "α nominal") \
	T(ALPHA_ORDINAL, "α ordinal", "α ordinal") \
	T(ALPHA_INTERVAL, "α interval", "α intervall") \
	T(RELIABLE, "reliable", "tillförlitlig") \
	T(TENTATIVE, "tentative", "preliminär") \
	T(UNRELIABLE, "unreliable", "otillförlitlig") \
	T(HOLDS_RANKING, "The ranking of the development areas: results by each method, Kendall's W, the ballots and a chart", \
		"Rangordningen av utvecklingsområdena: resultat enligt varje metod, Kendalls W, rösterna och ett diagram")

enum term {
#define T_ENUM(id, en, sv) T_##id,
	TERMS(T_ENUM)
#undef T_ENUM
	T_COUNT
};

static const char *const term_text[T_COUNT][2] = {
#define T_TEXT(id, en, sv) [T_##id] = { en, sv },
	TERMS(T_TEXT)
#undef T_TEXT
};

struct school {
	int64_t id;
	char *name;
	int sheet;
};

/* A respondent group with its names in both languages: the workbook names groups in its own
 * language, whatever the interface's is (the store's lists give the Swedish name). */
struct group {
	int64_t id;
	char *name[2];            /* en, sv */
};

struct export_ctx {
	struct gl_store *s;
	struct gl_book *b;
	const struct gl_export_options *o;
	int lang;                 /* 0 en, 1 sv */
	int64_t school_id;        /* --school; 0: all */
	bool cancelled;           /* the progress callback asked to stop: every query after fails */
	const char *const *q_names;  /* the quotes' column names, and where each of QC_* is */
	int q_col[16];
	time_t now;
	double threshold;
	struct school *schools;
	size_t nschools;
	struct group *groups;
	size_t ngroups;
	int sh_overview, sh_plan, sh_ranking, sh_codes, sh_quotes, sh_surveys, sh_method;
	int names;                /* 0: as the project keeps them, 1 pseudonyms, 2 names */
	int64_t author_doc;       /* the letter whose author is in author (consecutive quotes) */
	struct gl_str author;
	int64_t done, total;      /* rows, for the progress */
	enum gl_status st;        /* a row callback's failure */
	struct gl_error *err;
	struct gl_str a, c;       /* scratch */
	struct gl_str qt;         /* the Quotes' reading thread's scratch (quote_shape) */
	/* the Method sheet's agreement, computed with the Codes sheet's matrices (one read of
	 * the codings for both) when agreed */
	bool agreed;
	enum gl_status agree_st;
	/* the Codes sheet's matrices, read with the quotes (codes_read) */
	bool codes_read;
	struct gl_stats_matrix codes_m, codes_mg;
	struct gl_stats_agreement agree;
	struct gl_error agree_err;
};

static const char *tr(const struct export_ctx *x, enum term t)
{
	return term_text[t][x->lang];
}

/* A number written into a text in the workbook's language: "0,70" in Swedish (a number in a
 * cell of its own is a number, which Excel shows in its reader's way). */
static const char *text_num(const struct export_ctx *x, char *buf, size_t size, int digits,
	bool general, double v)
{
	if (general)
		snprintf(buf, size, "%.*g", digits, v);
	else
		snprintf(buf, size, "%.*f", digits, v);
	if (x->lang)
		for (char *p = buf; *p; p++)
			if (*p == '.')
				*p = ',';
	return buf;
}

/* A group's name in the workbook's language, by its id (the plan and the statistics give names
 * in the interface's language); fallback when the id is no group's. */
static const char *group_by_id(const struct export_ctx *x, int64_t id, const char *fallback)
{
	for (size_t i = 0; i < x->ngroups; i++)
		if (x->groups[i].id == id)
			return x->groups[i].name[x->lang];
	return fallback;
}

static int group_row(void *ctx, const struct gl_row *r);

enum gl_export_lang gl_export_lang_default(void)
{
	const char *env[] = { getenv("LANGUAGE"), getenv("LC_ALL"), getenv("LC_MESSAGES"),
		getenv("LANG") };
	for (size_t i = 0; i < sizeof env / sizeof env[0]; i++)
		if (env[i] && *env[i])
			return !strncmp(env[i], "sv", 2) ? GL_EXPORT_SV : GL_EXPORT_EN;
	return GL_EXPORT_EN;
}

bool gl_export_lang_parse(const char *s, enum gl_export_lang *out)
{
	if (!strcasecmp(s, "sv") || !strcasecmp(s, "svenska") || !strcasecmp(s, "swedish"))
		*out = GL_EXPORT_SV;
	else if (!strcasecmp(s, "en") || !strcasecmp(s, "english") || !strcasecmp(s, "engelska"))
		*out = GL_EXPORT_EN;
	else
		return false;
	return true;
}

/* ---- Helpers over rows ---- */

static const struct gl_value *col(const struct gl_row *r, const char *name)
{
	static const struct gl_value null = { GL_VAL_NULL, 0, 0, NULL, 0 };
	for (int i = 0; i < r->ncols; i++)
		if (r->names[i][0] == name[0] && !strcmp(r->names[i], name))
			return &r->values[i];
	return &null;
}

static const char *text_of(const struct gl_value *v)
{
	return v->type == GL_VAL_TEXT ? v->s : NULL;
}

static double number_of(const struct gl_value *v)
{
	return v->type == GL_VAL_REAL ? v->r : (double)v->i;
}

static enum gl_status put_text(struct export_ctx *x, int c, const char *text,
	enum gl_book_style style)
{
	return gl_book_text(x->b, c, text, SIZE_MAX, style, x->err);
}

static enum gl_status put_value(struct export_ctx *x, int c, const struct gl_value *v,
	enum gl_book_style style)
{
	switch (v->type) {
	case GL_VAL_NULL: return GL_OK;
	case GL_VAL_INT: return gl_book_number(x->b, c, (double)v->i, style, x->err);
	case GL_VAL_REAL: return gl_book_number(x->b, c, v->r, style, x->err);
	case GL_VAL_TEXT: return gl_book_text(x->b, c, v->s, v->len, style, x->err);
	}
	return GL_OK;
}

static enum gl_status next(struct export_ctx *x)
{
	return gl_book_next(x->b, x->err);
}

/* A label in the first column, a text in the second, and the row ended. */
static enum gl_status fact(struct export_ctx *x, enum term label, const char *value)
{
	enum gl_status st = put_text(x, 0, tr(x, label), GL_BOOK_BOLD);
	if (st == GL_OK)
		st = put_text(x, 1, value, GL_BOOK_WRAP);
	return st == GL_OK ? next(x) : st;
}

static int progress(struct export_ctx *x, int64_t rows)
{
	x->done += rows;
	if (x->cancelled || (x->o->progress && x->o->progress(x->o->progress_ctx, x->done,
		x->total))) {
		x->cancelled = true;
		x->st = gl_error_set(x->err, GL_ECANCELLED, _("the export was stopped"));
		return 1;
	}
	return 0;
}

/* The store's interrupt (gl_store_set_interrupt): the progress callback asked every few
 * thousand steps of any query, so that a stop takes effect inside the long queries of every
 * sheet (the codes matrices, the agreement, the plans), not only between rows. */
static int interrupt(void *ctx)
{
	return progress(ctx, 0);
}

/* A status after a call that may have been interrupted: the stop, if it was one. */
static enum gl_status cancellable(struct export_ctx *x, enum gl_status st)
{
	return x->cancelled ? GL_ECANCELLED : st;
}

static int group_row(void *ctx, const struct gl_row *r)
{
	struct export_ctx *x = ctx;
	struct group *g = realloc(x->groups, (x->ngroups + 1) * sizeof *g);
	if (!g)
		return 1;
	x->groups = g;
	g += x->ngroups;
	g->id = col(r, "id")->i;
	g->name[0] = gl_strdup(text_of(col(r, "name_en")) ? text_of(col(r, "name_en")) : "");
	g->name[1] = gl_strdup(text_of(col(r, "name_sv")) ? text_of(col(r, "name_sv")) : "");
	x->ngroups++;
	return g->name[0] && g->name[1] ? 0 : 1;
}

/* Collects the rows' text column into a list "a, b, c". */
struct join {
	struct gl_str *out;
	const char *column;
};

static int join_row(void *ctx, const struct gl_row *r)
{
	struct join *j = ctx;
	const char *t = text_of(col(r, j->column));
	if (!t)
		return 0;
	if (j->out->len)
		gl_str_puts(j->out, ", ");
	gl_str_puts(j->out, t);
	return 0;
}

/* ---- The author as the workbook shows it ---- */

/* The name where names are kept and the letter has one, else the pseudonym of the findings'
 * store (gl_store_author_pseudonym), the same on every sheet and in `genomlys plan`. The
 * quotes come letter by letter: the last letter's label is kept. */
static const char *author_label(struct export_ctx *x, int64_t letter, const char *name)
{
	if (letter == x->author_doc)
		return gl_str_cstr(&x->author);
	x->author_doc = letter;
	if (x->names == GL_NAMES_KEEP && name && *name) {
		gl_str_clear(&x->author);
		gl_str_puts(&x->author, name);
	} else if (x->names == GL_NAMES_KEEP && !name &&
		gl_query_export_author(x->s, letter, &x->author, NULL) == GL_OK) {
		/* the name, read for a plan's quote */
	} else if (gl_store_author_pseudonym(x->s, letter, &x->author, NULL) != GL_OK) {
		gl_str_clear(&x->author);
		x->author_doc = 0;
	}
	return gl_str_cstr(&x->author);
}

/* Quotes: one row per coding, streamed in one pass. The columns are found by name once (the
 * rows all share one array of names), not for every cell. */
static const char *const quote_cols[] = { "title", "letter", "code", "category", "school",
	"group_sv", "group_en", "quote", "coder", "memo", "author", "author_n", "group_key" };
enum { QC_TITLE, QC_LETTER, QC_CODE, QC_CATEGORY, QC_SCHOOL, QC_GROUP_SV, QC_GROUP_EN, QC_QUOTE,
	QC_CODER, QC_MEMO, QC_AUTHOR, QC_AUTHOR_N, QC_GROUP_KEY, QC_COUNT };

static const struct gl_value *qcol(struct export_ctx *x, const struct gl_row *r, int which)
{
	static const struct gl_value null = { GL_VAL_NULL, 0, 0, NULL, 0 };
	if (r->names != x->q_names) {
		x->q_names = r->names;
		for (int k = 0; k < QC_COUNT; k++) {
			x->q_col[k] = -1;
			for (int i = 0; i < r->ncols && x->q_col[k] < 0; i++)
				if (!strcmp(r->names[i], quote_cols[k]))
					x->q_col[k] = i;
		}
	}
	return x->q_col[which] >= 0 ? &r->values[x->q_col[which]] : &null;
}

/* A quote's author: the query reads every letter's stored number (author_n) in the same pass, so
 * no query per letter. */
static const char *author_of(struct export_ctx *x, const struct gl_row *r)
{
	int64_t letter = qcol(x, r, QC_LETTER)->i;
	if (letter == x->author_doc && x->author_doc)
		return gl_str_cstr(&x->author);  /* the quotes come letter by letter */
	const char *name = text_of(qcol(x, r, QC_AUTHOR));
	const struct gl_value *n = qcol(x, r, QC_AUTHOR_N);
	bool named = x->names == GL_NAMES_KEEP && name && *name;
	if (letter == x->author_doc || named || n->type != GL_VAL_INT)
		return author_label(x, letter, name);
	x->author_doc = letter;
	if (gl_store_pseudonym_format(text_of(qcol(x, r, QC_GROUP_KEY)),
		text_of(qcol(x, r, QC_GROUP_SV)), n->i, text_of(qcol(x, r, QC_SCHOOL)),
		&x->author) != GL_OK) {
		gl_str_clear(&x->author);
		x->author_doc = 0;
	}
	return gl_str_cstr(&x->author);
}

/* ---- Sheets ---- */

struct counts {
	struct export_ctx *x;
	int64_t *groups;       /* group ids, in order */
	char **names;          /* their names in the workbook's language */
	size_t ngroups;
	int64_t *cells;        /* nschools x ngroups */
	int64_t letters;
};

static int count_group(void *ctx, const struct gl_row *r)
{
	struct counts *c = ctx;
	int64_t *g = realloc(c->groups, (c->ngroups + 1) * sizeof *g);
	if (g)
		c->groups = g;
	char **n = g ? realloc(c->names, (c->ngroups + 1) * sizeof *n) : NULL;
	if (!n)
		return 1;
	c->names = n;
	c->groups[c->ngroups] = col(r, "id")->i;
	c->names[c->ngroups++] = gl_strdup(text_of(col(r, c->x->lang ? "name_sv" : "name_en")));
	return 0;
}

static int count_letters(void *ctx, const struct gl_row *r)
{
	struct counts *c = ctx;
	int64_t school = col(r, "school_id")->i, group = col(r, "group_id")->i;
	for (size_t i = 0; i < c->x->nschools; i++)
		for (size_t g = 0; g < c->ngroups; g++)
			if (c->x->schools[i].id == school && c->groups[g] == group) {
				c->cells[i * c->ngroups + g] += col(r, "letters")->i;
				c->letters += col(r, "letters")->i;
			}
	return 0;
}

static int material_row(void *ctx, const struct gl_row *r)
{
	struct export_ctx *x = ctx;
	const char *kind = text_of(col(r, "kind"));
	enum term t = kind && !strcmp(kind, "letter") ? T_KIND_LETTER :
		kind && !strcmp(kind, "survey_text") ? T_KIND_SURVEY_TEXT : T_KIND_INSPECTION;
	enum gl_status st = put_text(x, 0, tr(x, t), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = put_value(x, 1, col(r, "documents"), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = put_value(x, 2, col(r, "first"), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = put_value(x, 3, col(r, "last"), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = put_value(x, 4, col(r, "codings"), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = next(x);
	x->st = st;
	return st != GL_OK;
}

struct survey_sets {
	struct export_ctx *x;
	struct gl_str *out;
};

/* The period: the first and last dates of the documents, and the survey years. */
struct period {
	char first[32], last[32];
	int year_min, year_max;
};

static int period_material(void *ctx, const struct gl_row *r)
{
	struct period *p = ctx;
	const char *f = text_of(col(r, "first")), *l = text_of(col(r, "last"));
	if (f && (!p->first[0] || strcmp(f, p->first) < 0))
		snprintf(p->first, sizeof p->first, "%s", f);
	if (l && strcmp(l, p->last) > 0)
		snprintf(p->last, sizeof p->last, "%s", l);
	return 0;
}

static int period_survey(void *ctx, const struct gl_row *r)
{
	struct period *p = ctx;
	int y = (int)col(r, "year")->i;
	if (!p->year_min || y < p->year_min)
		p->year_min = y;
	if (y > p->year_max)
		p->year_max = y;
	return 0;
}

static int survey_set_row(void *ctx, const struct gl_row *r)
{
	struct survey_sets *ss = ctx;
	if (ss->out->len)
		gl_str_puts(ss->out, "; ");
	const char *group = group_by_id(ss->x, col(r, "group_id")->i, text_of(col(r, "group")));
	gl_str_printf(ss->out, "%s %lld (%s)", text_of(col(r, "survey")) ? text_of(col(r,
		"survey")) : "", (long long)col(r, "year")->i, group ? group : "");
	return 0;
}

static enum gl_status sheet_overview(struct export_ctx *x)
{
	struct gl_str name = GL_STR_INIT;
	enum gl_status st = gl_book_select(x->b, x->sh_overview, x->err);
	gl_store_meta_get(x->s, "name", &name, NULL);
	if (st == GL_OK)
		st = gl_book_title(x->b, name.len ? gl_str_cstr(&name) : "genomlys", x->err);
	if (st == GL_OK)
		st = next(x);
	if (st == GL_OK)
		st = fact(x, T_PROJECT, gl_str_cstr(&name));
	char date[32];
	struct tm tm;
	gmtime_r(&x->now, &tm);
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	if (st == GL_OK)
		st = fact(x, T_EXPORTED, date);
	struct period per = { "", "", 0, 0 };
	if (st == GL_OK)
		st = gl_query_export_material(x->s, x->school_id, period_material, &per, x->err);
	if (st == GL_OK)
		st = gl_query_survey_sets(x->s, period_survey, &per, x->err);
	gl_str_clear(&x->a);
	if (per.first[0])
		gl_str_printf(&x->a, "%s: %s – %s", tr(x, T_LETTERS), per.first, per.last);
	if (per.year_min)
		gl_str_printf(&x->a, "%s%s: %d%s%.0d", x->a.len ? "; " : "", tr(x, T_SURVEY_RESULTS),
			per.year_min, per.year_max != per.year_min ? "–" : "",
			per.year_max != per.year_min ? per.year_max : 0);
	if (st == GL_OK && x->a.len)
		st = fact(x, T_PERIOD, gl_str_cstr(&x->a));
	/* The schools in this workbook. */
	gl_str_clear(&x->a);
	for (size_t i = 0; i < x->nschools; i++)
		gl_str_printf(&x->a, "%s%s", i ? ", " : "", x->schools[i].name);
	if (st == GL_OK)
		st = fact(x, T_SCHOOLS, gl_str_cstr(&x->a));
	gl_str_clear(&x->a);
	struct join j = { &x->a, "name" };
	if (st == GL_OK)
		st = gl_query_export_coders(x->s, join_row, &j, x->err);
	if (st == GL_OK)
		st = fact(x, T_CODERS, x->a.len ? gl_str_cstr(&x->a) : tr(x, T_NONE));
	if (st == GL_OK)
		st = fact(x, T_AUTHORS, tr(x, x->names == GL_NAMES_KEEP ? T_NAMES_KEPT : T_PSEUDONYMS));

	/* How the material was gathered: documents per kind with their dates, survey results. */
	if (st == GL_OK)
		st = next(x);
	if (st == GL_OK)
		st = put_text(x, 0, tr(x, T_GATHERED), GL_BOOK_BOLD);
	if (st == GL_OK)
		st = next(x);
	const char *mh[] = { tr(x, T_KIND), tr(x, T_DOCUMENTS), tr(x, T_FIRST), tr(x, T_LAST),
		tr(x, T_CODINGS) };
	if (st == GL_OK)
		st = gl_book_header(x->b, mh, 5, false, x->err);
	if (st == GL_OK) {
		st = gl_query_export_material(x->s, x->school_id, material_row, x, x->err);
		if (st == GL_ECANCELLED)
			st = x->st;
	}
	gl_str_clear(&x->a);
	struct survey_sets ss = { x, &x->a };
	if (st == GL_OK)
		st = gl_query_survey_sets(x->s, survey_set_row, &ss, x->err);
	if (st == GL_OK && x->a.len)
		st = fact(x, T_SURVEY_RESULTS, gl_str_cstr(&x->a));

	/* Letters per school and respondent group (only the groups that wrote). */
	struct counts c = { .x = x };
	if (st == GL_OK)
		st = gl_query_export_groups(x->s, count_group, &c, x->err);
	if (st == GL_OK && !(c.cells = calloc(x->nschools * c.ngroups + 1, sizeof *c.cells)))
		st = gl_error_set(x->err, GL_ENOMEM, _("out of memory"));
	if (st == GL_OK)
		st = gl_query_letter_counts(x->s, count_letters, &c, x->err);
	if (st == GL_OK && c.ngroups) {
		st = next(x);
		if (st == GL_OK)
			st = put_text(x, 0, tr(x, T_PER_SCHOOL_GROUP), GL_BOOK_BOLD);
		if (st == GL_OK)
			st = next(x);
		/* which groups have letters */
		bool *used = calloc(c.ngroups, sizeof *used);
		int col_of = 1;
		for (size_t g = 0; used && g < c.ngroups; g++)
			for (size_t i = 0; i < x->nschools; i++)
				if (c.cells[i * c.ngroups + g])
					used[g] = true;
		if (st == GL_OK)
			st = put_text(x, 0, tr(x, T_SCHOOL), GL_BOOK_HEADING);
		for (size_t g = 0; st == GL_OK && used && g < c.ngroups; g++) {
			if (!used[g])
				continue;
			st = put_text(x, col_of++, c.names[g], GL_BOOK_HEADING);
		}
		if (st == GL_OK)
			st = put_text(x, col_of, tr(x, T_TOTAL), GL_BOOK_HEADING);
		if (st == GL_OK)
			st = next(x);
		for (size_t i = 0; st == GL_OK && used && i < x->nschools; i++) {
			int64_t total = 0;
			col_of = 1;
			st = put_text(x, 0, x->schools[i].name, GL_BOOK_PLAIN);
			for (size_t g = 0; st == GL_OK && g < c.ngroups; g++) {
				if (!used[g])
					continue;
				total += c.cells[i * c.ngroups + g];
				st = gl_book_number(x->b, col_of++, (double)c.cells[i * c.ngroups + g],
					GL_BOOK_PLAIN, x->err);
			}
			if (st == GL_OK)
				st = gl_book_number(x->b, col_of, (double)total, GL_BOOK_BOLD, x->err);
			if (st == GL_OK)
				st = next(x);
		}
		free(used);
	}
	for (size_t g = 0; g < c.ngroups; g++)
		free(c.names[g]);
	free(c.names);
	free(c.groups);
	free(c.cells);

	/* Contents: every sheet with a link and what it holds. */
	if (st == GL_OK)
		st = next(x);
	if (st == GL_OK)
		st = put_text(x, 0, tr(x, T_CONTENTS), GL_BOOK_BOLD);
	if (st == GL_OK)
		st = next(x);
	const char *ch[] = { tr(x, T_SHEET), tr(x, T_HOLDS) };
	if (st == GL_OK)
		st = gl_book_header(x->b, ch, 2, false, x->err);
	struct { int sheet; enum term holds; } toc[] = {
		{ x->sh_overview, T_HOLDS_OVERVIEW }, { x->sh_ranking, T_HOLDS_RANKING },
		{ x->sh_codes, T_HOLDS_CODES }, { x->sh_quotes, T_HOLDS_QUOTES },
		{ x->sh_surveys, T_HOLDS_SURVEYS }, { x->sh_method, T_HOLDS_METHOD } };
	for (size_t i = 0; st == GL_OK && i < sizeof toc / sizeof toc[0]; i++) {
		st = gl_book_link(x->b, 0, toc[i].sheet, gl_book_sheet_name(x->b, toc[i].sheet),
			x->err);
		if (st == GL_OK)
			st = put_text(x, 1, tr(x, toc[i].holds), GL_BOOK_WRAP);
		if (st == GL_OK)
			st = next(x);
		if (i > 0)
			continue;
		/* after the overview: the plans, in the workbook's order */
		if (st == GL_OK && x->sh_plan >= 0) {
			st = gl_book_link(x->b, 0, x->sh_plan, gl_book_sheet_name(x->b, x->sh_plan), x->err);
			if (st == GL_OK)
				st = put_text(x, 1, tr(x, T_HOLDS_PLAN_MUNI), GL_BOOK_WRAP);
			if (st == GL_OK)
				st = next(x);
		}
		for (size_t k = 0; st == GL_OK && k < x->nschools; k++) {
			st = gl_book_link(x->b, 0, x->schools[k].sheet, gl_book_sheet_name(x->b,
				x->schools[k].sheet), x->err);
			gl_str_clear(&x->c);
			gl_str_printf(&x->c, "%s %s", tr(x, T_HOLDS_PLAN_SCHOOL), x->schools[k].name);
			if (st == GL_OK)
				st = put_text(x, 1, gl_str_cstr(&x->c), GL_BOOK_WRAP);
			if (st == GL_OK)
				st = next(x);
		}
	}
	gl_str_finish(&name);
	return st;
}

/* Ranking: per level, the round's result by every method, Kendall's W, a chart, the ballots. */
static const char *w_words(const struct export_ctx *x, const char *msgid)
{
	static const struct { const char *msgid; enum term t; } map[] = {
		{ "very weak", T_W_VERY_WEAK }, { "weak", T_W_WEAK }, { "moderate", T_W_MODERATE },
		{ "strong", T_W_STRONG }, { "very strong", T_W_VERY_STRONG } };
	for (size_t i = 0; msgid && i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(msgid, map[i].msgid))
			return tr(x, map[i].t);
	return tr(x, T_W_UNDEFINED);
}

/* Why W is undefined (rank.h's msgids), in the workbook's language, not the interface's. */
static const char *w_why(const struct export_ctx *x, const char *msgid)
{
	static const struct { const char *msgid; enum term t; } map[] = {
		{ "fewer than two participants", T_W_FEW_PARTICIPANTS },
		{ "fewer than two candidates", T_W_FEW_CANDIDATES },
		{ "every participant tied all candidates", T_W_ALL_TIED } };
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(msgid, map[i].msgid))
			return tr(x, map[i].t);
	return tr(x, T_W_UNDEFINED);
}

/* A round's name. A round created without one was named "Round N" in the language of the
 * interface that created it (rounds.c: _("Round %lld"), "Omgång N" in Swedish): that name is
 * genomlys's, not the users', so the workbook writes it in its own language. */
static const char *round_name(struct export_ctx *x, const char *name)
{
	static const char *const generated[] = { "Round ", "Omgång " };
	for (size_t i = 0; name && i < sizeof generated / sizeof generated[0]; i++) {
		size_t n = strlen(generated[i]);
		const char *d = name + n;
		if (strncmp(name, generated[i], n) || !*d || strspn(d, "0123456789") != strlen(d))
			continue;
		gl_str_clear(&x->c);
		gl_str_printf(&x->c, "%s %s", tr(x, T_ROUND), d);
		return gl_str_cstr(&x->c);
	}
	return name ? name : tr(x, T_ROUND);
}

/* The round shown for a level: the accepted (newest closed) one, else the newest revealed. */
static enum gl_status level_result(struct export_ctx *x, int64_t school_id,
	struct gl_round_result *r, bool *found)
{
	*found = false;
	enum gl_status st = gl_round_result_accepted(x->s, school_id, r, x->err);
	if (st == GL_OK) {
		*found = true;
		return GL_OK;
	}
	if (st != GL_ENOTFOUND)
		return st;
	struct gl_round *rounds = NULL;
	size_t n = 0;
	st = gl_store_rounds(x->s, school_id, &rounds, &n, x->err);
	int64_t pick = 0;
	for (size_t i = 0; st == GL_OK && i < n; i++)
		if (rounds[i].state != GL_ROUND_OPEN)
			pick = rounds[i].id;
	gl_rounds_free(rounds, n);
	if (st != GL_OK || !pick)
		return st == GL_ENOTFOUND ? GL_OK : st;
	st = gl_round_result_load(x->s, pick, GL_METHOD_ALL, r, x->err);
	*found = st == GL_OK;
	return st;
}

static enum gl_status put_position(struct export_ctx *x, int c, size_t pos)
{
	return pos ? gl_book_number(x->b, c, (double)pos, GL_BOOK_PLAIN, x->err) : GL_OK;
}

static enum gl_status ranking_level(struct export_ctx *x, const char *level,
	const struct gl_round_result *r)
{
	gl_str_clear(&x->a);
	gl_str_printf(&x->a, "%s – %s (%s)", level, round_name(x, r->round.name),
		tr(x, r->round.state == GL_ROUND_CLOSED ? T_CLOSED : r->round.state ==
		GL_ROUND_REVEALED ? T_REVEALED : T_OPEN));
	enum gl_status st = put_text(x, 0, gl_str_cstr(&x->a), GL_BOOK_TITLE);
	if (st == GL_OK)
		st = next(x);
	/* Kendall's W with its words */
	if (st == GL_OK)
		st = put_text(x, 0, tr(x, T_KENDALL), GL_BOOK_BOLD);
	if (st == GL_OK && r->w.defined)
		st = gl_book_number(x->b, 1, r->w.w, GL_BOOK_DECIMAL, x->err);
	if (st == GL_OK)
		st = put_text(x, 2, w_words(x, r->w.words), GL_BOOK_PLAIN);
	if (st == GL_OK && r->w.defined) {
		gl_str_clear(&x->a);
		char chi2[32], p[32];
		gl_str_printf(&x->a, "χ² = %s, %s = %zu, p = %s", text_num(x, chi2, sizeof chi2, 2,
			false, r->w.chi2), tr(x, T_DF), r->w.df, text_num(x, p, sizeof p, 3, true, r->w.p));
		st = put_text(x, 3, gl_str_cstr(&x->a), GL_BOOK_PLAIN);
	} else if (st == GL_OK && r->w.why) {
		st = put_text(x, 3, w_why(x, r->w.why), GL_BOOK_PLAIN);
	}
	if (st == GL_OK)
		st = next(x);
	/* the results in the group's order */
	const char *h[] = { tr(x, T_POSITION), tr(x, T_AREA), tr(x, T_BORDA), tr(x, T_BORDA_POS),
		tr(x, T_SCHULZE_POS), tr(x, T_KEMENY_POS), tr(x, T_DOTS), tr(x, T_IMPACT),
		tr(x, T_EFFORT), tr(x, T_DIFFER) };
	if (st == GL_OK)
		st = gl_book_header(x->b, h, 10, false, x->err);
	uint32_t first = gl_book_row(x->b);
	for (size_t k = 0; st == GL_OK && k < r->n; k++) {
		size_t i = r->schulze_order ? r->schulze_order[k] : k;
		st = put_position(x, 0, r->schulze_position ? r->schulze_position[i] : 0);
		if (st == GL_OK)
			st = put_text(x, 1, r->areas[i].title, GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = gl_book_number(x->b, 2, r->borda[i], GL_BOOK_PLAIN, x->err);
		if (st == GL_OK)
			st = put_position(x, 3, r->borda_position[i]);
		if (st == GL_OK)
			st = put_position(x, 4, r->schulze_position[i]);
		if (st == GL_OK)
			st = put_position(x, 5, r->kemeny_position ? r->kemeny_position[i] : 0);
		if (st == GL_OK && r->dots && r->dot_participants)
			st = gl_book_number(x->b, 6, (double)r->dots[i], GL_BOOK_PLAIN, x->err);
		if (st == GL_OK && r->impact && r->impact[i] == r->impact[i])
			st = gl_book_number(x->b, 7, r->impact[i], GL_BOOK_DECIMAL, x->err);
		if (st == GL_OK && r->effort && r->effort[i] == r->effort[i])
			st = gl_book_number(x->b, 8, r->effort[i], GL_BOOK_DECIMAL, x->err);
		if (st == GL_OK && r->differs && r->differs[i])
			st = put_text(x, 9, tr(x, T_YES), GL_BOOK_BOLD);
		if (st == GL_OK)
			st = next(x);
	}
	uint32_t last = gl_book_row(x->b);
	if (st == GL_OK && r->n)
		st = gl_book_bar_chart(x->b, tr(x, T_CHART_ORDER), 1, 2, first, last - 1, first, 11,
			x->err);
	/* the ballots: participants x areas, the place each gave each area */
	if (st == GL_OK && r->m) {
		st = next(x);
		if (st == GL_OK)
			st = put_text(x, 0, tr(x, T_PARTICIPANT), GL_BOOK_HEADING);
		for (size_t k = 0; st == GL_OK && k < r->n; k++)
			st = put_text(x, (int)k + 1, r->areas[r->schulze_order ? r->schulze_order[k] :
				k].title, GL_BOOK_HEADING);
		if (st == GL_OK)
			st = next(x);
		for (size_t p = 0; st == GL_OK && p < r->m; p++) {
			st = put_text(x, 0, r->participants[p], GL_BOOK_PLAIN);
			for (size_t k = 0; st == GL_OK && k < r->n; k++) {
				size_t i = r->schulze_order ? r->schulze_order[k] : k;
				int place = r->rank[p * r->n + i];
				if (place > 0)
					st = gl_book_number(x->b, (int)k + 1, place, GL_BOOK_PLAIN, x->err);
			}
			if (st == GL_OK)
				st = next(x);
		}
	}
	/* room for the chart below a short table */
	for (uint32_t row = gl_book_row(x->b); st == GL_OK && row < first + 16; row++)
		st = next(x);
	return st;
}

static enum gl_status sheet_ranking(struct export_ctx *x)
{
	enum gl_status st = gl_book_select(x->b, x->sh_ranking, x->err);
	if (st == GL_OK)
		st = gl_book_title(x->b, tr(x, T_RANKING), x->err);
	if (st == GL_OK)
		st = put_text(x, 0, tr(x, T_RANKING_NOTE), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = next(x);
	if (st == GL_OK)
		st = next(x);
	bool any = false;
	/* the municipality first (not in a school's own workbook), then each school */
	for (size_t i = x->school_id ? 0 : (size_t)-1; st == GL_OK &&
		(i == (size_t)-1 || i < x->nschools); i++) {
		struct gl_round_result r;
		memset(&r, 0, sizeof r);
		bool found;
		st = level_result(x, i == (size_t)-1 ? 0 : x->schools[i].id, &r, &found);
		if (st == GL_OK && found) {
			any = true;
			st = ranking_level(x, i == (size_t)-1 ? tr(x, T_MUNICIPALITY) : x->schools[i].name,
				&r);
		}
		if (found)
			gl_round_result_finish(&r);
	}
	if (st == GL_OK && !any) {
		st = put_text(x, 0, tr(x, T_NO_ROUNDS), GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = next(x);
	}
	return st;
}

/* Development plans: the plan query of the findings (gl_plan_read), one table per level with
 * each finding and under it its evidence; a development area with the figures of the level's
 * accepted ranking round. */
static enum gl_status plan_evidence(struct export_ctx *x, const char *kind,
	const struct gl_plan_finding *f, const struct gl_plan_evidence *e)
{
	enum gl_status st = put_text(x, 0, kind, GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = gl_book_number(x->b, 1, (double)f->position, GL_BOOK_PLAIN, x->err);
	if (st == GL_OK)
		st = put_text(x, 2, f->title, GL_BOOK_PLAIN);
	switch (e->type) {
	case GL_EVIDENCE_CODING: {
		const char *author = e->author;
		if (x->names == GL_NAMES_KEEP && !e->author_named)
			author = author_label(x, e->letter_id, NULL);  /* a letter without a name */
		else if (x->names == GL_NAMES_PSEUDONYMS && e->author_named)
			author = author_label(x, e->letter_id, NULL);
		if (st == GL_OK)
			st = put_text(x, 3, tr(x, T_EV_QUOTE), GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = put_text(x, 4, e->quote, GL_BOOK_WRAP);
		if (st == GL_OK)
			st = put_text(x, 5, e->code, GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = put_text(x, 6, e->school, GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = put_text(x, 7, group_by_id(x, e->group_id, e->group), GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = put_text(x, 8, author, GL_BOOK_PLAIN);
		break;
	}
	case GL_EVIDENCE_SURVEY:
		gl_str_clear(&x->c);
		gl_str_printf(&x->c, "%s %d", e->survey ? e->survey : "", e->year);
		if (st == GL_OK)
			st = put_text(x, 3, tr(x, T_EV_SURVEY), GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = put_text(x, 4, gl_str_cstr(&x->c), GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = put_text(x, 5, e->item, GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = put_text(x, 6, e->school, GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = put_text(x, 7, group_by_id(x, e->group_id, e->group), GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = gl_book_number(x->b, 9, e->value, e->value < x->threshold ?
				GL_BOOK_VALUE_LOW : GL_BOOK_VALUE, x->err);
		if (st == GL_OK && e->has_mean)  /* none when one school has a value */
			st = gl_book_number(x->b, 10, e->municipal_mean, e->municipal_mean < x->threshold ?
				GL_BOOK_VALUE_LOW : GL_BOOK_VALUE, x->err);
		break;
	case GL_EVIDENCE_FINDING:
		if (st == GL_OK)
			st = put_text(x, 3, tr(x, T_EV_FINDING), GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = put_text(x, 4, e->title, GL_BOOK_WRAP);
		if (st == GL_OK)
			st = put_text(x, 6, e->school, GL_BOOK_PLAIN);
		break;
	}
	return st == GL_OK ? next(x) : st;
}

static enum gl_status sheet_plan(struct export_ctx *x, int sheet, int64_t school_id,
	const char *level)
{
	enum gl_status st = gl_book_select(x->b, sheet, x->err);
	gl_str_clear(&x->a);
	gl_str_printf(&x->a, "%s – %s", tr(x, T_PLAN), level);
	if (st == GL_OK)
		st = gl_book_title(x->b, gl_str_cstr(&x->a), x->err);
	struct gl_plan plan;
	memset(&plan, 0, sizeof plan);
	if (st == GL_OK)
		st = gl_plan_read(x->s, school_id, &plan, x->err);
	/* the level's accepted ranking: figures beside each development area */
	struct gl_round_result r;
	memset(&r, 0, sizeof r);
	bool ranked = false;
	if (st == GL_OK) {
		enum gl_status rs = gl_round_result_accepted(x->s, school_id, &r, NULL);
		ranked = rs == GL_OK;
	}
	if (st == GL_OK && ranked) {
		gl_str_clear(&x->a);
		gl_str_printf(&x->a, "%s: ", tr(x, T_KENDALL));
		if (r.w.defined)
		{
			char w[32];
			gl_str_printf(&x->a, "%s, ", text_num(x, w, sizeof w, 2, false, r.w.w));
		}
		gl_str_printf(&x->a, "%s (%s)", w_words(x, r.w.words), round_name(x, r.round.name));
		st = put_text(x, 0, gl_str_cstr(&x->a), GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = next(x);
	}
	if (st == GL_OK)
		st = put_text(x, 0, tr(x, T_PLAN_NOTE), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = next(x);
	const char *h[] = { tr(x, T_KIND), tr(x, T_POSITION), tr(x, T_FINDING), tr(x, T_EVIDENCE),
		tr(x, T_TEXT), tr(x, T_CODE_OR_ITEM), tr(x, T_SCHOOL), tr(x, T_GROUP), tr(x, T_AUTHOR),
		tr(x, T_VALUE), tr(x, T_MEAN), tr(x, T_BORDA), tr(x, T_SCHULZE_POS), tr(x, T_DOTS),
		tr(x, T_IMPACT), tr(x, T_EFFORT) };
	if (st == GL_OK)
		st = gl_book_header(x->b, h, 16, true, x->err);
	static const enum term kinds[GL_FINDING_KINDS] = { T_STRENGTH, T_AREA_KIND, T_CHALLENGE };
	size_t total = 0;
	for (int k = 0; st == GL_OK && k < GL_FINDING_KINDS; k++) {
		for (size_t i = 0; st == GL_OK && i < plan.n[k]; i++) {
			const struct gl_plan_finding *f = &plan.findings[k][i];
			total++;
			st = put_text(x, 0, tr(x, kinds[k]), GL_BOOK_BOLD);
			if (st == GL_OK)
				st = gl_book_number(x->b, 1, (double)f->position, GL_BOOK_BOLD, x->err);
			if (st == GL_OK)
				st = put_text(x, 2, f->title, GL_BOOK_BOLD);
			if (st == GL_OK)
				st = put_text(x, 3, tr(x, T_EV_DESCRIPTION), GL_BOOK_PLAIN);
			if (st == GL_OK)
				st = put_text(x, 4, f->description, GL_BOOK_WRAP);
			for (size_t a = 0; st == GL_OK && ranked && a < r.n; a++) {
				if (r.areas[a].id != f->id)
					continue;
				st = gl_book_number(x->b, 11, r.borda[a], GL_BOOK_PLAIN, x->err);
				if (st == GL_OK)
					st = put_position(x, 12, r.schulze_position[a]);
				if (st == GL_OK && r.dots && r.dot_participants)
					st = gl_book_number(x->b, 13, (double)r.dots[a], GL_BOOK_PLAIN, x->err);
				if (st == GL_OK && r.impact && r.impact[a] == r.impact[a])
					st = gl_book_number(x->b, 14, r.impact[a], GL_BOOK_DECIMAL, x->err);
				if (st == GL_OK && r.effort && r.effort[a] == r.effort[a])
					st = gl_book_number(x->b, 15, r.effort[a], GL_BOOK_DECIMAL, x->err);
			}
			if (st == GL_OK)
				st = next(x);
			for (size_t e = 0; st == GL_OK && e < f->nevidence; e++)
				st = plan_evidence(x, tr(x, kinds[k]), f, &f->evidence[e]);
		}
	}
	if (st == GL_OK && !total) {
		st = put_text(x, 0, tr(x, T_NO_FINDINGS), GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = next(x);
	}
	if (ranked)
		gl_round_result_finish(&r);
	gl_plan_finish(&plan);
	return st;
}

static enum gl_status sheets_plans(struct export_ctx *x)
{
	enum gl_status st = GL_OK;
	if (!x->school_id)
		st = sheet_plan(x, x->sh_plan, 0, tr(x, T_MUNICIPALITY));
	for (size_t i = 0; st == GL_OK && i < x->nschools; i++)  /* asked before each school */
		st = progress(x, 0) ? GL_ECANCELLED : sheet_plan(x, x->schools[i].sheet,
			x->schools[i].id, x->schools[i].name);
	return st;
}

/* Codes: the analysis's code x school and code x group matrices (gl_stats_code_matrix), a
 * colour scale over each, and a bar chart of the most frequent codes. */
static enum gl_status code_matrix(struct export_ctx *x, enum gl_stats_by by,
	const struct gl_stats_matrix *m_all, enum term title)
{
	/* With --school the matrix counts that school's letters only (the filter), and of the
	 * school columns only the school's own is shown */
	struct gl_stats_matrix m = *m_all;
	size_t col0 = 0;
	if (by == GL_STATS_BY_SCHOOL && x->school_id) {
		for (col0 = 0; col0 < m_all->ncols && m_all->cols[col0].id != x->school_id; col0++)
			;
		m.ncols = col0 < m_all->ncols ? 1 : 0;
	}
	enum gl_status st = put_text(x, 0, tr(x, title), GL_BOOK_BOLD);
	if (st == GL_OK)
		st = next(x);
	if (st == GL_OK)
		st = put_text(x, 0, tr(x, T_CODE), GL_BOOK_HEADING);
	for (size_t c = 0; st == GL_OK && c < m.ncols; c++) {
		const char *name = by == GL_STATS_BY_GROUP ? group_by_id(x, m.cols[col0 + c].id,
			m.cols[col0 + c].name) : m.cols[col0 + c].name;
		st = put_text(x, (int)c + 1, name, GL_BOOK_HEADING);
	}
	if (st == GL_OK)
		st = put_text(x, (int)m.ncols + 1, tr(x, T_TOTAL), GL_BOOK_HEADING);
	if (st == GL_OK)
		st = next(x);
	uint32_t first = gl_book_row(x->b);
	for (size_t r = 0; st == GL_OK && r < m.nrows; r++) {
		st = put_text(x, 0, m.rows[r].name, m.rows[r].category ? GL_BOOK_BOLD : GL_BOOK_PLAIN);
		for (size_t c = 0; st == GL_OK && c < m.ncols; c++)
			st = gl_book_number(x->b, (int)c + 1,
				(double)m.codings[r * m_all->ncols + col0 + c], GL_BOOK_PLAIN, x->err);
		if (st == GL_OK)
			st = gl_book_number(x->b, (int)m.ncols + 1, (double)m.row_codings[r], GL_BOOK_BOLD,
				x->err);
		if (st == GL_OK)
			st = next(x);
		if (st == GL_OK && (r & 63) == 63 && progress(x, 0))
			st = x->st;
	}
	if (st == GL_OK && m.nrows && m.ncols)
		st = gl_book_color_scale(x->b, first, 1, first + (uint32_t)m.nrows - 1, (int)m.ncols,
			x->err);
	if (st == GL_OK)
		st = next(x);
	return st;
}

/* With --school, what a sheet that covers the whole municipality covers, said on the sheet. */
static enum gl_status school_note(struct export_ctx *x, enum term note)
{
	gl_str_clear(&x->a);
	gl_str_printf(&x->a, "%s %s.", tr(x, note), x->nschools ? x->schools[0].name : "");
	enum gl_status st = put_text(x, 0, gl_str_cstr(&x->a), GL_BOOK_BOLD);
	return st == GL_OK ? next(x) : st;
}

static int coder_id_row(void *ctx, const struct gl_row *r);
struct coder_ids {
	int64_t *v;
	size_t n;
};

/* The Codes sheet's figures: both matrices over the workbook's letters (one school's with
 * --school) in one pass over the codings; the school matrix's row totals give the most
 * frequent codes too. With two coders or more, the Method sheet's agreement of every coder
 * from the same read (kept for that sheet). Read on the Quotes sheet's reading thread (pipe.h
 * "after") while the last quotes are written: it uses the store and err, and sets only the
 * fields it reads into; sheet_codes writes them. */
static enum gl_status codes_read(void *ctx, struct gl_error *err)
{
	struct export_ctx *x = ctx;
	struct gl_query_stats_filter f = { .school_id = x->school_id };
	struct coder_ids ids = { NULL, 0 };
	enum gl_status st = gl_query_export_coders(x->s, coder_id_row, &ids, err);
	if (st == GL_OK && ids.n >= 2) {
		struct gl_query_stats_filter af = { .coders = ids.v, .ncoders = ids.n,
			.school_id = x->school_id, .coders_in_c = true };
		st = gl_stats_code_matrices_agreement(x->s, &f, &x->codes_m, &x->codes_mg, &af,
			&x->agree, &x->agree_st, &x->agree_err, err);
		x->agreed = st == GL_OK;
	} else if (st == GL_OK) {
		st = gl_stats_code_matrices(x->s, &f, &x->codes_m, &x->codes_mg, err);
	}
	free(ids.v);
	x->codes_read = st == GL_OK;
	return st;
}

static enum gl_status sheet_codes(struct export_ctx *x)
{
	enum gl_status st = x->codes_read ? GL_OK : cancellable(x, codes_read(x, x->err));
	if (st == GL_OK && x->agreed)
		x->agree_st = cancellable(x, x->agree_st);
	if (st == GL_OK)
		st = gl_book_select(x->b, x->sh_codes, x->err);
	if (st == GL_OK)
		st = gl_book_title(x->b, tr(x, T_CODES), x->err);
	if (st == GL_OK)
		st = put_text(x, 0, tr(x, T_CODES_NOTE), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = next(x);
	if (st == GL_OK && x->school_id)
		st = school_note(x, T_SCHOOL_CODES_NOTE);
	if (st == GL_OK)
		st = next(x);
	struct gl_stats_matrix m = x->codes_m, mg = x->codes_mg;
	memset(&x->codes_m, 0, sizeof x->codes_m);
	memset(&x->codes_mg, 0, sizeof x->codes_mg);
	x->codes_read = false;
	if (st == GL_OK)
		st = code_matrix(x, GL_STATS_BY_SCHOOL, &m, T_BY_SCHOOL);
	if (st == GL_OK)
		st = code_matrix(x, GL_STATS_BY_GROUP, &mg, T_BY_GROUP);
	gl_stats_matrix_finish(&mg);
	/* the most frequent codes (not categories), most first, and their chart */
	size_t *order = st == GL_OK ? calloc(m.nrows + 1, sizeof *order) : NULL;
	size_t n = 0;
	for (size_t r = 0; order && r < m.nrows; r++)
		if (!m.rows[r].category && m.row_codings[r] > 0)
			order[n++] = r;
	for (size_t i = 1; i < n; i++)  /* insertion sort: a codebook is small; stable by path */
		for (size_t j = i; j > 0 && m.row_codings[order[j]] > m.row_codings[order[j - 1]]; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	if (n > 15)
		n = 15;
	if (st == GL_OK && n) {
		const char *h[] = { tr(x, T_CODE), tr(x, T_CODINGS) };
		st = put_text(x, 0, tr(x, T_TOP_CODES), GL_BOOK_BOLD);
		if (st == GL_OK)
			st = next(x);
		if (st == GL_OK)
			st = gl_book_header(x->b, h, 2, false, x->err);
		uint32_t first = gl_book_row(x->b);
		for (size_t i = 0; st == GL_OK && i < n; i++) {
			st = put_text(x, 0, m.rows[order[i]].name, GL_BOOK_PLAIN);
			if (st == GL_OK)
				st = gl_book_number(x->b, 1, (double)m.row_codings[order[i]], GL_BOOK_PLAIN,
					x->err);
			if (st == GL_OK)
				st = next(x);
		}
		if (st == GL_OK)
			st = gl_book_bar_chart(x->b, tr(x, T_TOP_CODES), 0, 1, first, first + (uint32_t)n - 1,
				first, 3, x->err);
		for (uint32_t row = gl_book_row(x->b); st == GL_OK && row < first + 18; row++)
			st = next(x);
	}
	free(order);
	gl_stats_matrix_finish(&m);
	return st;
}

/* The Quotes sheet's rows are read on a thread of their own (pipe.h) while this one writes
 * them: quote_shape runs there and is, with the query, all that uses the store meanwhile (the
 * author's label may read it); it alone uses the qcol/author fields and qt. quote_write runs
 * here and uses only the book and the progress. */
static enum gl_status quote_shape(void *ctx, const struct gl_row *r, struct gl_value *out,
	struct gl_error *err)
{
	(void)err;
	struct export_ctx *x = ctx;
	const char *title = text_of(qcol(x, r, QC_TITLE));
	if (!title) {
		gl_str_clear(&x->qt);
		gl_str_printf(&x->qt, "%s %lld", tr(x, T_LETTER),
			(long long)qcol(x, r, QC_LETTER)->i);
		title = gl_str_cstr(&x->qt);
	}
	const char *author = author_of(x, r);
	out[0] = *qcol(x, r, QC_CODE);
	out[1] = *qcol(x, r, QC_CATEGORY);
	out[2] = *qcol(x, r, QC_SCHOOL);
	out[3] = *qcol(x, r, x->lang ? QC_GROUP_SV : QC_GROUP_EN);
	out[4] = (struct gl_value){ .type = GL_VAL_TEXT, .s = author, .len = strlen(author) };
	out[5] = (struct gl_value){ .type = GL_VAL_TEXT, .s = title, .len = strlen(title) };
	out[6] = *qcol(x, r, QC_QUOTE);
	out[7] = *qcol(x, r, QC_CODER);
	out[8] = *qcol(x, r, QC_MEMO);
	return GL_OK;
}

static enum gl_status quote_write(void *ctx, const struct gl_value *v, struct gl_error *err)
{
	(void)err;  /* x->err, the same */
	struct export_ctx *x = ctx;
	static const enum gl_book_style style[] = { GL_BOOK_PLAIN, GL_BOOK_PLAIN, GL_BOOK_PLAIN,
		GL_BOOK_PLAIN, GL_BOOK_PLAIN, GL_BOOK_PLAIN, GL_BOOK_WRAP, GL_BOOK_PLAIN,
		GL_BOOK_WRAP };
	enum gl_status st = GL_OK;
	for (int c = 0; st == GL_OK && c < 9; c++)
		st = put_value(x, c, &v[c], style[c]);
	if (st == GL_OK)
		st = next(x);
	if (st == GL_OK && ++x->done % 1024 == 0 && progress(x, 0))
		st = x->st;
	return st;
}

static int quote_idle(void *ctx)
{
	return progress(ctx, 0);
}

/* A sheet that is one table: its title, a line saying what it holds, the header row, and a
 * row per row of query (stepped once, to its end). The Quotes and the Surveys sheets. */
typedef enum gl_status (*export_query_fn)(struct gl_store *s, int64_t school_id, gl_row_fn fn,
	void *ctx, struct gl_error *err);

/* A table sheet's title, the line saying what it holds, and its header row. */
static enum gl_status table_head(struct export_ctx *x, int sheet, const char *title,
	const char *note, const char *const *h, int nh)
{
	enum gl_status st = gl_book_select(x->b, sheet, x->err);
	if (st == GL_OK)
		st = gl_book_title(x->b, title, x->err);
	if (st == GL_OK)
		st = put_text(x, 0, note, GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = next(x);
	return st == GL_OK ? gl_book_header(x->b, h, nh, true, x->err) : st;
}

static enum gl_status sheet_table(struct export_ctx *x, int sheet, const char *title,
	const char *note, const char *const *h, int nh, export_query_fn query, gl_row_fn row)
{
	enum gl_status st = table_head(x, sheet, title, note, h, nh);
	if (st == GL_OK) {
		st = query(x->s, x->school_id, row, x, x->err);
		if (st == GL_ECANCELLED)
			st = x->st;  /* the row callback stopped the query: its own status */
	}
	return st;
}

static enum gl_status sheet_quotes(struct export_ctx *x)
{
	const char *h[] = { tr(x, T_CODE), tr(x, T_CATEGORY), tr(x, T_SCHOOL), tr(x, T_GROUP),
		tr(x, T_AUTHOR), tr(x, T_LETTER), tr(x, T_QUOTE), tr(x, T_CODER), tr(x, T_MEMO) };
	enum gl_status st = table_head(x, x->sh_quotes, tr(x, T_QUOTES), tr(x, T_QUOTES_NOTE), h,
		(int)(sizeof h / sizeof h[0]));
	if (st != GL_OK)
		return st;
	struct gl_pipe p = { .s = x->s, .query = gl_query_export_codings, .arg = x->school_id,
		.ncells = 9, .shape = quote_shape, .write = quote_write, .after = codes_read,
		.idle = x->o->progress ? quote_idle : NULL, .ctx = x };
	st = gl_pipe_run(&p, x->err);
	if (x->o->progress)
		gl_store_set_interrupt(x->s, interrupt, x);  /* the pipe's is gone */
	return st;
}

/* Surveys: every result with the municipal mean; values below the threshold highlighted. */
static int survey_row(void *ctx, const struct gl_row *r)
{
	struct export_ctx *x = ctx;
	const struct gl_value *v = col(r, "value");
	bool low = number_of(v) < x->threshold;
	enum gl_status st = put_value(x, 0, col(r, "survey"), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = put_value(x, 1, col(r, "year"), GL_BOOK_PLAIN);
	if (st == GL_OK) {
		const struct gl_value *g = col(r, x->lang ? "group_sv" : "group_en");
		st = put_value(x, 2, g->type == GL_VAL_TEXT ? g : col(r, "group_sv"), GL_BOOK_PLAIN);
	}
	if (st == GL_OK)
		st = put_value(x, 3, col(r, "school"), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = put_value(x, 4, col(r, "item"), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = put_value(x, 5, v, low ? GL_BOOK_VALUE_LOW : GL_BOOK_VALUE);
	if (st == GL_OK)
		st = put_value(x, 6, col(r, "n"), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = put_value(x, 7, col(r, "mean"), number_of(col(r, "mean")) < x->threshold ?
			GL_BOOK_VALUE_LOW : GL_BOOK_VALUE);
	if (st == GL_OK && low)
		st = put_text(x, 8, tr(x, T_YES), GL_BOOK_BOLD);
	if (st == GL_OK)
		st = next(x);
	x->st = st;
	return st != GL_OK;
}

static enum gl_status sheet_surveys(struct export_ctx *x)
{
	char thr[64];
	text_num(x, thr, sizeof thr, 6, true, x->threshold);
	gl_str_clear(&x->a);
	gl_str_printf(&x->a, "%s %s", tr(x, T_THRESHOLD_NOTE), thr);
	const char *h[] = { tr(x, T_SURVEY), tr(x, T_YEAR), tr(x, T_GROUP), tr(x, T_SCHOOL),
		tr(x, T_ITEM), tr(x, T_VALUE), tr(x, T_N), tr(x, T_MEAN), tr(x, T_BELOW) };
	return sheet_table(x, x->sh_surveys, tr(x, T_SURVEYS), gl_str_cstr(&x->a), h,
		(int)(sizeof h / sizeof h[0]), gl_query_export_survey, survey_row);
}

/* Method: the coders and the codebook. */
static int coder_row(void *ctx, const struct gl_row *r)
{
	struct export_ctx *x = ctx;
	enum gl_status st = put_value(x, 0, col(r, "name"), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = put_value(x, 1, col(r, "codings"), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = next(x);
	x->st = st;
	return st != GL_OK;
}

static int code_row(void *ctx, const struct gl_row *r)
{
	struct export_ctx *x = ctx;
	enum gl_status st = put_value(x, 0, col(r, "path"), GL_BOOK_PLAIN);
	gl_str_clear(&x->a);
	const char *desc = text_of(col(r, "description"));
	if (desc)
		gl_str_puts(&x->a, desc);
	if (col(r, "exclusive")->i)
		gl_str_printf(&x->a, "%s(%s)", x->a.len ? " " : "", tr(x, T_WHOLE_LETTER));
	if (st == GL_OK)
		st = put_text(x, 1, gl_str_cstr(&x->a), GL_BOOK_WRAP);
	if (st == GL_OK)
		st = put_value(x, 2, col(r, "codings"), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = next(x);
	x->st = st;
	return st != GL_OK;
}

static const char *alpha_words(const struct export_ctx *x, double alpha)
{
	const char *w = gl_agree_alpha_words(alpha);
	return !strcmp(w, "reliable") ? tr(x, T_RELIABLE) : !strcmp(w, "tentative") ?
		tr(x, T_TENTATIVE) : !strcmp(w, "unreliable") ? tr(x, T_UNRELIABLE) :
		tr(x, T_W_UNDEFINED);
}

static int coder_id_row(void *ctx, const struct gl_row *r)
{
	struct coder_ids *ids = ctx;
	int64_t *v = realloc(ids->v, (ids->n + 1) * sizeof *v);
	if (!v)
		return 1;
	ids->v = v;
	ids->v[ids->n++] = col(r, "id")->i;
	return 0;
}

static enum gl_status put_real(struct export_ctx *x, int c, bool defined, double v)
{
	return defined && v == v ? gl_book_number(x->b, c, v, GL_BOOK_DECIMAL, x->err) : GL_OK;
}

/* Agreement of every coder over the letters all of them have read (gl_stats_agreement). */
static enum gl_status method_agreement(struct export_ctx *x)
{
	struct coder_ids ids = { NULL, 0 };
	enum gl_status st = gl_query_export_coders(x->s, coder_id_row, &ids, x->err);
	if (st == GL_OK)
		st = put_text(x, 0, tr(x, T_AGREEMENT), GL_BOOK_BOLD);
	if (st == GL_OK)
		st = next(x);
	if (st != GL_OK || ids.n < 2) {
		if (st == GL_OK)
			st = put_text(x, 0, tr(x, T_AGREE_FEW), GL_BOOK_PLAIN);
		free(ids.v);
		return st == GL_OK ? next(x) : st;
	}
	/* every coder: the agreement keeps their rows itself, SQLite probes no list per coding */
	struct gl_query_stats_filter f = { .coders = ids.v, .ncoders = ids.n,
		.school_id = x->school_id, .coders_in_c = true };
	struct gl_stats_agreement a;
	memset(&a, 0, sizeof a);
	struct gl_error quiet = { 0 };
	enum gl_status as;
	if (x->agreed) {  /* computed with the Codes sheet's matrices */
		a = x->agree;
		memset(&x->agree, 0, sizeof x->agree);
		x->agreed = false;
		as = x->agree_st;
		quiet = x->agree_err;
	} else
		as = cancellable(x, gl_stats_agreement(x->s, &f, 0, &a, &quiet));
	free(ids.v);
	if (as == GL_ECANCELLED)
		return as;
	if (as == GL_ENOTFOUND) {
		st = put_text(x, 0, tr(x, T_AGREE_NONE), GL_BOOK_PLAIN);
		return st == GL_OK ? next(x) : st;
	}
	if (as != GL_OK) {
		*x->err = quiet;
		return as;
	}
	gl_str_clear(&x->a);
	gl_str_printf(&x->a, "%s %zu %s, %zu %s, %lld %s", tr(x, T_AGREE_BASIS), a.ncoders,
		tr(x, T_AGREE_CODERS), a.letters, tr(x, T_AGREE_LETTERS), (long long)a.characters,
		tr(x, T_AGREE_CHARS));
	st = put_text(x, 0, gl_str_cstr(&x->a), GL_BOOK_PLAIN);
	if (st == GL_OK)
		st = next(x);
	const char *h[] = { tr(x, T_CODE), tr(x, T_PERCENT), tr(x, T_KAPPA), tr(x, T_ALPHA),
		tr(x, T_READING), tr(x, T_COL_LETTERS), tr(x, T_COL_CHARS) };
	if (st == GL_OK && a.ncodes)
		st = gl_book_header(x->b, h, 7, false, x->err);
	for (size_t i = 0; st == GL_OK && i < a.ncodes; i++) {
		const struct gl_stats_agree_code *c = &a.codes[i];
		st = put_text(x, 0, c->code, GL_BOOK_PLAIN);
		if (st == GL_OK && c->sum.percent == c->sum.percent)
			st = gl_book_number(x->b, 1, c->sum.percent, GL_BOOK_PERCENT, x->err);
		if (st == GL_OK)
			st = put_real(x, 2, c->sum.kappa_defined, c->sum.kappa);
		if (st == GL_OK)
			st = put_real(x, 3, c->sum.alpha.defined, c->sum.alpha.alpha);
		if (st == GL_OK)
			st = put_text(x, 4, alpha_words(x, c->sum.alpha.alpha), GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = gl_book_number(x->b, 5, (double)c->sum.letters, GL_BOOK_PLAIN, x->err);
		if (st == GL_OK)
			st = gl_book_number(x->b, 6, (double)c->sum.characters, GL_BOOK_PLAIN, x->err);
		if (st == GL_OK)
			st = next(x);
	}
	const char *ch[] = { tr(x, T_CATEGORY), tr(x, T_ALPHA_NOMINAL), tr(x, T_ALPHA_ORDINAL),
		tr(x, T_ALPHA_INTERVAL), tr(x, T_READING), tr(x, T_COL_LETTERS) };
	if (st == GL_OK && a.ncategories) {
		st = next(x);
		if (st == GL_OK)
			st = gl_book_header(x->b, ch, 6, false, x->err);
	}
	for (size_t i = 0; st == GL_OK && i < a.ncategories; i++) {
		const struct gl_stats_agree_category *c = &a.categories[i];
		st = put_text(x, 0, c->category, GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = put_real(x, 1, c->nominal.defined, c->nominal.alpha);
		if (st == GL_OK)
			st = put_real(x, 2, c->numeric && c->ordinal.defined, c->ordinal.alpha);
		if (st == GL_OK)
			st = put_real(x, 3, c->numeric && c->interval.defined, c->interval.alpha);
		if (st == GL_OK)
			st = put_text(x, 4, alpha_words(x, c->nominal.alpha), GL_BOOK_PLAIN);
		if (st == GL_OK)
			st = gl_book_number(x->b, 5, (double)c->letters, GL_BOOK_PLAIN, x->err);
		if (st == GL_OK)
			st = next(x);
	}
	gl_stats_agreement_finish(&a);
	return st == GL_OK ? next(x) : st;
}

static enum gl_status sheet_method(struct export_ctx *x)
{
	enum gl_status st = gl_book_select(x->b, x->sh_method, x->err);
	if (st == GL_OK)
		st = gl_book_title(x->b, tr(x, T_METHOD), x->err);
	if (st == GL_OK && x->school_id)
		st = school_note(x, T_SCHOOL_METHOD_NOTE);
	if (st == GL_OK)
		st = put_text(x, 0, tr(x, T_CODERS), GL_BOOK_BOLD);
	if (st == GL_OK)
		st = next(x);
	const char *ch[] = { tr(x, T_CODER), tr(x, T_CODINGS) };
	if (st == GL_OK)
		st = gl_book_header(x->b, ch, 2, false, x->err);
	if (st == GL_OK) {
		st = gl_store_list(x->s, GL_LIST_CODERS, NULL, 0, 0, coder_row, x, x->err);
		if (st == GL_ECANCELLED)
			st = x->st;
	}
	if (st == GL_OK)
		st = next(x);
	if (st == GL_OK)
		st = method_agreement(x);
	if (st == GL_OK)
		st = put_text(x, 0, tr(x, T_CODEBOOK), GL_BOOK_BOLD);
	if (st == GL_OK)
		st = next(x);
	const char *kh[] = { tr(x, T_CODE), tr(x, T_DESCRIPTION), tr(x, T_CODINGS) };
	if (st == GL_OK)
		st = gl_book_header(x->b, kh, 3, false, x->err);
	if (st == GL_OK) {
		st = gl_store_list(x->s, GL_LIST_CODES, NULL, 0, 0, code_row, x, x->err);
		if (st == GL_ECANCELLED)
			st = x->st;
	}
	return st;
}

/* ---- The whole book ---- */

static int school_row(void *ctx, const struct gl_row *r)
{
	struct export_ctx *x = ctx;
	if (x->school_id && col(r, "id")->i != x->school_id)
		return 0;
	struct school *sc = realloc(x->schools, (x->nschools + 1) * sizeof *sc);
	if (!sc)
		return 1;
	x->schools = sc;
	sc[x->nschools].id = col(r, "id")->i;
	sc[x->nschools].name = gl_strdup(text_of(col(r, "name")));
	sc[x->nschools].sheet = -1;
	x->nschools++;
	return 0;
}

static time_t export_time(void)
{
	/* SOURCE_DATE_EPOCH (reproducible builds): the same project gives the same bytes. */
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	int64_t v;
	if (sde && *sde && gl_num_parse_int64(sde, 0, INT64_MAX / 2, &v, NULL) == GL_OK)
		return (time_t)v;
	return time(NULL);
}

static enum gl_status export_book(struct gl_store *s, const char *path, enum gl_book_kind kind,
	const struct gl_export_options *o, struct gl_error *err)
{
	struct export_ctx x = { .s = s, .o = o, .lang = o->lang == GL_EXPORT_SV, .err = err,
		.now = export_time(), .names = o->names };
	if (x.names == GL_NAMES_PROJECT) {
		int64_t keep = 0;
		x.names = gl_store_setting_get_int(s, GL_SETTING_KEEP_NAMES, &keep, NULL) == GL_OK &&
			keep ? GL_NAMES_KEEP : GL_NAMES_PSEUDONYMS;
	}
	enum gl_status st = GL_OK;
	if (o->school) {
		st = gl_store_school_find(s, o->school, &x.school_id, err);
		if (st != GL_OK)
			return st;
	}
	if (gl_store_setting_get_double(s, GL_SETTING_THRESHOLD, &x.threshold, NULL) != GL_OK)
		x.threshold = o->threshold > 0 ? o->threshold : GL_CONFIG_THRESHOLD_DEFAULT;
	st = gl_query_school_names(s, 0, 0, school_row, &x, err);
	if (st == GL_OK)
		st = gl_query_export_groups(s, group_row, &x, err);
	if (st == GL_ECANCELLED)
		st = gl_error_set(err, GL_ENOMEM, _("out of memory"));
	struct gl_str name = GL_STR_INIT;
	gl_store_meta_get(s, "name", &name, NULL);
	struct gl_book_options bo = { .kind = kind, .project = gl_store_path(s), .force = o->force,
		.title = name.len ? gl_str_cstr(&name) : "genomlys", .created = x.now,
		.constant_memory = true, .sep = o->sep, .quiet = o->quiet,
		.cut_marker = tr(&x, T_CUT) };
	if (st == GL_OK && o->progress) {
		struct gl_filter f = { .school_id = x.school_id };
		st = gl_store_count(s, GL_LIST_CODINGS, &f, &x.total, err);
	}
	if (st == GL_OK)
		st = gl_book_open(path, &bo, &x.b, err);
	gl_str_finish(&name);
	if (st == GL_OK && o->progress)
		gl_store_set_interrupt(s, interrupt, &x);
	/* Every sheet first, in the order, so that the overview can link to them. */
	if (st == GL_OK)
		st = gl_book_add(x.b, tr(&x, T_OVERVIEW), &x.sh_overview, err);
	x.sh_plan = -1;
	if (st == GL_OK && !x.school_id)
		st = gl_book_add(x.b, tr(&x, T_PLAN_MUNI), &x.sh_plan, err);
	for (size_t i = 0; st == GL_OK && i < x.nschools; i++)
		st = gl_book_add(x.b, x.schools[i].name, &x.schools[i].sheet, err);
	if (st == GL_OK)
		st = gl_book_add(x.b, tr(&x, T_RANKING), &x.sh_ranking, err);
	if (st == GL_OK)
		st = gl_book_add(x.b, tr(&x, T_CODES), &x.sh_codes, err);
	if (st == GL_OK)
		st = gl_book_add(x.b, tr(&x, T_QUOTES), &x.sh_quotes, err);
	if (st == GL_OK)
		st = gl_book_add(x.b, tr(&x, T_SURVEYS), &x.sh_surveys, err);
	if (st == GL_OK)
		st = gl_book_add(x.b, tr(&x, T_METHOD), &x.sh_method, err);
	/* Written in this order; they stand in the workbook in the order added above. The Quotes
	 * come before the Codes, whose figures are read on the Quotes' reading thread while the
	 * last quotes are written (codes_read). */
	static const struct { const char *name; enum gl_status (*write)(struct export_ctx *); }
	parts[] = { { "overview", sheet_overview }, { "plans", sheets_plans },
		{ "ranking", sheet_ranking }, { "quotes", sheet_quotes }, { "codes", sheet_codes },
		{ "surveys", sheet_surveys }, { "method", sheet_method } };
	for (size_t i = 0; st == GL_OK && i < sizeof parts / sizeof parts[0]; i++) {
		if (o->part)
			o->part(o->progress_ctx, parts[i].name);
		st = progress(&x, 0) ? GL_ECANCELLED : parts[i].write(&x);
	}
	if (st == GL_OK && x.o->progress && x.o->progress(x.o->progress_ctx, x.total, x.total))
		x.cancelled = true;
	if (o->progress)
		gl_store_set_interrupt(s, NULL, NULL);
	/* a stop inside a query fails it with the database's words: the stop is what happened */
	if (x.cancelled)
		st = gl_error_set(err, GL_ECANCELLED, _("the export was stopped"));
	if (st == GL_OK)
		st = gl_book_close(x.b, err);
	else
		gl_book_abort(x.b);
	for (size_t i = 0; i < x.nschools; i++)
		free(x.schools[i].name);
	free(x.schools);
	for (size_t i = 0; i < x.ngroups; i++) {
		free(x.groups[i].name[0]);
		free(x.groups[i].name[1]);
	}
	free(x.groups);
	gl_str_finish(&x.a);
	gl_str_finish(&x.c);
	gl_str_finish(&x.qt);
	gl_str_finish(&x.author);
	gl_stats_agreement_finish(&x.agree);
	gl_stats_matrix_finish(&x.codes_m);
	gl_stats_matrix_finish(&x.codes_mg);
	return st;
}

enum gl_status gl_export_xlsx(struct gl_store *s, const char *path,
	const struct gl_export_options *o, struct gl_error *err)
{
	enum gl_status st = gl_export_xlsx_name_check(path, err);
	return st != GL_OK ? st : export_book(s, path, GL_BOOK_XLSX, o, err);
}

enum gl_status gl_export_csv(struct gl_store *s, const char *dir,
	const struct gl_export_options *o, struct gl_error *err)
{
	return export_book(s, dir, GL_BOOK_CSV, o, err);
}
