/* Coders: the members of the analysis group who code and write findings. */
#include "genomlys/store.h"

#include "genomlys/i18n.h"
#include "store_internal.h"

enum gl_status gl_store_coder_find(struct gl_store *s, const char *name, int64_t *id,
	struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	return db_named_find(s, "coders", "coder", name, id, err);
}

enum gl_status gl_store_coder_ensure(struct gl_store *s, const char *name, int64_t *id,
	bool *created, struct gl_error *err)
{
	int64_t unused_id;
	if (!id)
		id = &unused_id;
	return db_named_ensure(s, "coders", "coder", name, id, created, err);
}
