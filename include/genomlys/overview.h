/* The Schools pane's aggregates and the survey sets, kept until the project changes (keyed by
 * gl_store_data_version). The interface's cache, owned by the app (gl_app.overview); built only
 * on the public queries of queries.h. */
#ifndef GENOMLYS_OVERVIEW_H
#define GENOMLYS_OVERVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "genomlys/store.h"

struct gl_overview;

/* A cache over the project s (which must outlive it); NULL when out of memory. */
struct gl_overview *gl_overview_create(struct gl_store *s);
void gl_overview_destroy(struct gl_overview *o);  /* NULL is a no-op */

/* Rows: id, name, letters, then one column per group ("g1", "g2" ...: letters of that group),
 * low (survey results of the survey and year below the threshold), findings. */
struct gl_overview_query {
	const int64_t *group_ids;
	size_t ngroups;
	double threshold;
	const char *survey;  /* NULL: low is 0 */
	int year;
};
/* Every school (Swedish order), paged. */
enum gl_status gl_overview_schools(struct gl_overview *o, const struct gl_overview_query *q,
	int64_t offset, int64_t limit, gl_row_fn fn, void *ctx, struct gl_error *err);
/* The same columns for the municipality (id 0, name NULL): letters of all schools; low is the
 * sum of its schools' results below the threshold; findings those about no school. */
enum gl_status gl_overview_municipality(struct gl_overview *o, const struct gl_overview_query *q,
	gl_row_fn fn, void *ctx, struct gl_error *err);
/* gl_query_survey_sets, kept until the project changes. */
enum gl_status gl_overview_survey_sets(struct gl_overview *o, gl_row_fn fn, void *ctx,
	struct gl_error *err);

#endif
