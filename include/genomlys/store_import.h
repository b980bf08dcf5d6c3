/* Store queries that the importers need beyond the general store API. */
#ifndef GENOMLYS_STORE_IMPORT_H
#define GENOMLYS_STORE_IMPORT_H

#include <stdint.h>

#include "genomlys/status.h"
#include "genomlys/store.h"

/* Finds the code named name directly under parent_id (0: top level); GL_ENOTFOUND (no message)
 * when there is none. Unlike gl_store_code_find, the same name elsewhere never matches. */
enum gl_status gl_store_code_find_child(struct gl_store *s, int64_t parent_id, const char *name,
	int64_t *id, struct gl_error *err);

/* Finds the survey result with r's school, survey, year, group and item; GL_ENOTFOUND (no
 * message) when there is none. */
enum gl_status gl_store_survey_find(struct gl_store *s, const struct gl_survey_result *r,
	int64_t *id, struct gl_error *err);

#endif
