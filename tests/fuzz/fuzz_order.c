/* Fuzz target: bytes as the ranking's order syntax ("A > B = C", gl_rank_order_parse) and
 * through gl_rank_order_ranks against four areas with Swedish titles. Rules: a parsed order
 * has at least one title, none empty, none twice, places that start at 1, never go down and
 * count the titles before them (competition ranking); a refusal says why and leaves nothing;
 * the ranks of the areas are 0 (unranked) or a place of the order, and as many areas are
 * ranked as the order has titles (an area named twice, in another case, is refused). */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/ranking.h"

static const struct gl_area areas[] = {
	{ 1, (char *)"Studiero i undervisningen" }, { 2, (char *)"Elevhälsans tillgänglighet" },
	{ 3, (char *)"Trygghet och kränkningar" }, { 4, (char *)"Återkoppling på bedömning" },
};
#define NAREAS (sizeof areas / sizeof areas[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	struct gl_rank_order o;
	struct gl_error err = { 0 };
	enum gl_status st = gl_rank_order_parse(s, &o, &err);
	if (st != GL_OK) {
		if (err.message[0] == '\0' || o.n != 0 || o.items != NULL)
			abort();
	} else {
		if (o.n == 0 || o.items[0].place != 1)
			abort();
		for (size_t i = 0; i < o.n; i++) {
			if (!o.items[i].title || !o.items[i].title[0] || o.items[i].column < 1 ||
				o.items[i].place < 1 || (size_t)o.items[i].place > i + 1)
				abort();
			if (i && o.items[i].place != o.items[i - 1].place &&
				(size_t)o.items[i].place != i + 1)
				abort();
			for (size_t k = 0; k < i; k++)
				if (!strcmp(o.items[k].title, o.items[i].title))
					abort();
		}
	}
	size_t items = st == GL_OK ? o.n : 0;
	gl_rank_order_finish(&o);
	int rank[NAREAS];
	struct gl_error err2 = { 0 };
	st = gl_rank_order_ranks(s, areas, NAREAS, rank, &err2);
	if (st != GL_OK && err2.message[0] == '\0')
		abort();
	/* a ballot names each area once: as many areas ranked as the order has titles */
	size_t ranked = 0;
	for (size_t i = 0; st == GL_OK && i < NAREAS; i++) {
		if (rank[i] < 0 || rank[i] > (int)NAREAS)
			abort();
		ranked += rank[i] > 0;
	}
	if (st == GL_OK && ranked != items)
		abort();
	free(s);
	return 0;
}
