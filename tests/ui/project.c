/* A small, fixed project for the UI tests, built through the store API (invented schools and
 * people only). */
#include "project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/store.h"
#include "genomlys/str.h"
#include "genomlys/utf8.h"

static int die(const struct gl_error *err)
{
	char buf[768];
	gl_error_format(err, buf, sizeof buf);
	fprintf(stderr, "mkproject: %s\n", buf);
	return 1;
}

#define TRY(x) do { if ((x) != GL_OK) return die(&err); } while (0)

struct letter {
	const char *school, *group, *author, *date, *title, *text;
};

static const struct letter letters[] = {
	{ "Björkdalsskolan", "elever", "Elev 4B", "2026-02-03", "Rasten",
		"På rasten är det bara fotbollsplanen som gäller. Det borde finnas fler vuxna ute, "
		"och fler gungor.\n\nJag tycker att skolan är bra ändå." },
	{ "Björkdalsskolan", "lärare", "Lärare A", "2026-02-04", "Trygghet och rastvakter",
		"Vi har för få rastvakter. Tryggheten på skolgården är ett återkommande ämne på "
		"arbetslagsmötena, och eleverna säger själva att de inte känner sig trygga vid "
		"cykelstället. Kollegialt lärande fungerar däremot bra: vi besöker varandras lektioner "
		"varje månad." },
	{ "Björkdalsskolan", "politiker", NULL, "2026-02-10", "Besök på skolan",
		"Vid mitt besök såg jag engagerade lärare och en rektor med tydlig riktning." },
	{ "Ekåsens skola", "elever", "Elev 8A", "2026-02-05", "Stökigt i klassrummet",
		"Det är ofta stökigt på lektionerna och svårt att koncentrera sig. 日本語 står det på "
		"en affisch i korridoren." },
	{ "Ekåsens skola", "lärare", "Lärare B", "2026-02-06", "Personalomsättning",
		"Många kollegor har slutat i år. Vikarierna gör sitt bästa men eleverna märker "
		"skillnaden." },
	{ "Ekåsens skola", "elever", NULL, "2026-02-07", "Bra saker",
		"Maten är god och biblioteket är fint." },
	{ "Norrbyskolan", "lärare", "Lärare C", "2026-02-08", "Elevhälsan",
		"Elevhälsan är underbemannad: kuratorn finns här två dagar i veckan." },
	{ "Norrbyskolan", "elever", "Elev 6C", "2026-02-09", "Kuratorn",
		"Man får vänta länge på att prata med kuratorn." },
	{ "Norrbyskolan", "politiker", "Politiker D", "2026-02-11", "Lokalförsörjning",
		"Norrbyskolan har vuxit snabbare än lokalerna. Modulerna på skolgården var tänkta som en "
		"tillfällig lösning för tre år sedan, men de står kvar, och eleverna beskriver dem som "
		"kalla på vintern och varma på sommaren.\n\n"
		"I nämnden har vi diskuterat en tillbyggnad. Frågan är hur vi prioriterar mellan "
		"lokaler och personal: elevhälsan är underbemannad, och kuratorn finns på skolan bara "
		"två dagar i veckan.\n\n"
		"Jag vill att analysgruppen tittar särskilt på hur eleverna upplever tryggheten i "
		"modulerna och på vägen mellan modulerna och huvudbyggnaden, där det saknas belysning.\n\n"
		"Till sist: lärarna har lyft att studieron blir sämre när grupperna är stora och "
		"lokalerna trånga. Det hänger ihop, och vi behöver se helheten." },
};

struct result {
	const char *school, *group, *item;
	double value;
};

static const char *const items[] = { "Trygghet", "Studiero", "Stimulans" };

int ui_test_project(const char *path, long extra, long big)
{
	struct gl_error err = { 0 };
	struct gl_store *s;
	TRY(gl_store_create(path, "Testby kommun – genomlysning 2026", &s, &err));
	gl_store_set_actor(s, "test");
	TRY(gl_store_begin(s, &err));
	const char *schools[] = { "Björkdalsskolan", "Ekåsens skola", "Norrbyskolan" };
	int64_t sid[3];
	for (int i = 0; i < 3; i++)
		TRY(gl_store_school_ensure(s, schools[i], &sid[i], NULL, &err));
	int64_t first_letter = 0;
	for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++) {
		const struct letter *l = &letters[i];
		struct gl_document d;
		memset(&d, 0, sizeof d);
		d.kind = "letter";
		TRY(gl_store_school_find(s, l->school, &d.school_id, &err));
		TRY(gl_store_group_find(s, l->group, &d.group_id, &err));
		d.author = l->author;
		d.date = l->date;
		d.title = l->title;
		d.text = l->text;
		d.text_len = strlen(l->text);
		d.length = (int64_t)gl_utf8_count(d.text, d.text_len);
		int64_t id;
		bool dup;
		TRY(gl_store_document_insert(s, &d, &id, &dup, &err));
		if (!first_letter)
			first_letter = id;
	}
	/* Survey: two groups, two years; the values are chosen so that some are below 6.0. */
	int64_t elever, larare;
	TRY(gl_store_group_find(s, "elever", &elever, &err));
	TRY(gl_store_group_find(s, "lärare", &larare, &err));
	for (int year = 2025; year <= 2026; year++) {
		for (int i = 0; i < 3; i++) {
			for (int k = 0; k < 3; k++) {
				for (int g = 0; g < 2; g++) {
					struct gl_survey_result r = { .school_id = sid[i],
						.survey = "Skolenkäten", .year = year,
						.group_id = g ? larare : elever, .item = items[k],
						.value = 5.0 + (double)((i * 7 + k * 5 + g * 3 + year) % 40) / 10.0,
						.n = 40 };
					int64_t rid;
					bool upd;
					TRY(gl_store_survey_upsert(s, &r, &rid, &upd, &err));
				}
			}
		}
	}
	/* Codebook, a coder and one coding. */
	struct gl_code cat = { .name = "Lärmiljö", .description = "Den fysiska och sociala miljön",
		.color = "yellow" };
	int64_t cat_id, code_id, coder_id, coding_id;
	TRY(gl_store_code_insert(s, &cat, &cat_id, &err));
	struct gl_code code = { .parent_id = cat_id, .name = "Trygghet", .color = "#ffd966" };
	TRY(gl_store_code_insert(s, &code, &code_id, &err));
	TRY(gl_store_coder_ensure(s, "Anna", &coder_id, NULL, &err));
	struct gl_coding c = { .document_id = first_letter, .code_id = code_id,
		.coder_id = coder_id, .start = 0, .end = 30 };
	TRY(gl_store_coding_insert(s, &c, &coding_id, &err));
	/* For coding: a code without a colour, an exclusive category, a second coder whose coding
	 * overlaps Anna's (the review). */
	struct gl_code rast = { .parent_id = cat_id, .name = "Rastaktiviteter" };
	int64_t rast_id, excl_id, bertil_id, value_id;
	TRY(gl_store_code_insert(s, &rast, &rast_id, &err));
	struct gl_code excl = { .name = "Upplevd trygghet", .exclusive = true };
	TRY(gl_store_code_insert(s, &excl, &excl_id, &err));
	const char *values[] = { "Låg", "Medel", "Hög" };
	for (int v = 0; v < 3; v++) {
		struct gl_code val = { .parent_id = excl_id, .name = values[v], .has_value = true,
			.value = v + 1 };
		TRY(gl_store_code_insert(s, &val, &value_id, &err));
	}
	TRY(gl_store_coder_ensure(s, "Bertil", &bertil_id, NULL, &err));
	struct gl_coding c2 = { .document_id = first_letter, .code_id = code_id,
		.coder_id = bertil_id, .start = 20, .end = 48 };
	TRY(gl_store_coding_insert(s, &c2, &coding_id, &err));
	/* Findings: three kinds for Björkdalsskolan, one for the municipality. */
	struct gl_finding f[] = {
		{ sid[0], "strength", "Kollegialt lärande", "Lärarna besöker varandras lektioner.",
			coder_id },
		{ sid[0], "area", "Tryggheten på rasten", NULL, coder_id },
		{ sid[0], "challenge", "För få rastvakter", NULL, 0 },
		{ sid[0], "area", "Studiero i åk 4-6", NULL, 0 },
		{ 0, "area", "Elevhälsans bemanning", "Gäller flera skolor.", coder_id },
	};
	int64_t fid;
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		TRY(gl_store_finding_insert(s, &f[i], &fid, &err));
	/* Many letters for the paging tests; a big one for the reader. */
	for (long i = 0; i < extra; i++) {
		char text[160], title[64];
		snprintf(text, sizeof text, "Brev nummer %ld om skolan. Det här brevet finns för att "
			"prova listor med många rader.", i + 1);
		snprintf(title, sizeof title, "Massbrev %06ld", i + 1);
		struct gl_document d;
		memset(&d, 0, sizeof d);
		d.kind = "letter";
		d.school_id = sid[i % 3];
		d.group_id = i % 2 ? larare : elever;
		d.title = title;
		d.text = text;
		d.text_len = strlen(text);
		d.length = (int64_t)gl_utf8_count(text, d.text_len);
		int64_t id;
		bool dup;
		TRY(gl_store_document_insert(s, &d, &id, &dup, &err));
	}
	if (big > 0) {
		struct gl_str text = GL_STR_INIT;
		long para = 0;
		while ((long)text.len < big) {
			gl_str_printf(&text, "Stycke %ld. ", ++para);
			for (int w = 0; w < 120; w++)
				gl_str_puts(&text, w % 9 == 8 ? "trygghet, " : "elevhälsa ");
			gl_str_puts(&text, "slut.\n");
		}
		struct gl_document d;
		memset(&d, 0, sizeof d);
		d.kind = "letter";
		d.school_id = sid[2];
		d.group_id = larare;
		d.title = "Ett mycket långt brev";
		d.text = gl_str_cstr(&text);
		d.text_len = text.len;
		d.length = (int64_t)gl_utf8_count(d.text, d.text_len);
		int64_t id;
		bool dup;
		TRY(gl_store_document_insert(s, &d, &id, &dup, &err));
		gl_str_finish(&text);
	}
	TRY(gl_store_commit(s, &err));
	gl_store_close(s);
	return 0;
}
