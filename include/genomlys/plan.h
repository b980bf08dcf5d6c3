/* The development plan of a school or of the municipality: its strengths, development areas and
 * challenges in order, each with its evidence. The one query that the Findings pane, the CLI
 * (`genomlys plan`) and the workbook all read; none of them assembles a plan by itself. */
#ifndef GENOMLYS_PLAN_H
#define GENOMLYS_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/id.h"
#include "genomlys/status.h"
#include "genomlys/store.h"

/* One piece of evidence. Strings are owned by the plan; NULL where a field does not apply. */
struct gl_plan_evidence {
	enum gl_evidence type;
	int64_t id;            /* the coding, survey result or cited finding */
	char *school, *group;  /* coding, survey: where it comes from; finding: the cited school */
	int64_t group_id;      /* coding, survey: the group (group is its name in the interface's
	                        * language, gl_i18n_swedish) */
	char *group_key;       /* coding, survey: the group's key ("student"), in every language */
	/* coding */
	char *quote;           /* the coded text */
	char *code;            /* "Category > Code" */
	char *author;          /* name or pseudonym (gl_store_author_label) */
	bool author_named;     /* author is the name (the project keeps names), not a pseudonym */
	char *letter_title;    /* may be NULL */
	int64_t letter_id, start, end;
	/* survey */
	char *survey, *item;
	int year;
	double value;
	bool has_mean;
	double municipal_mean;  /* the mean over every school of the same survey, year, group, item */
	/* finding */
	char *title, *kind;
};

struct gl_plan_finding {
	int64_t id;
	char uuid[GL_UUID_LEN + 1];
	int kind;              /* 0 strength, 1 area, 2 challenge */
	int64_t school_id;     /* 0: the municipality */
	int64_t position;      /* 1, 2, ... within level and kind */
	char *school;          /* NULL: the municipality */
	char *title, *description, *author, *created_at, *updated_at, *memo;
	bool ranked;           /* the ranking has set figures (gl_store_finding_rank_set) */
	double rank_score;
	char *rank_note;
	struct gl_plan_evidence *evidence;  /* codings, then survey values, then cited findings */
	size_t nevidence;
};

struct gl_plan {
	int64_t school_id;     /* 0: the municipality */
	char *school;          /* NULL: the municipality */
	bool keep_names;       /* authors named (GL_SETTING_KEEP_NAMES), else pseudonyms */
	struct gl_plan_finding *findings[GL_FINDING_KINDS];  /* in position order */
	size_t n[GL_FINDING_KINDS];
};

/* Reads the plan of a school (school_id > 0) or of the municipality (0). GL_ENOTFOUND, naming
 * it, for an unknown school. *out is always initialised; gl_plan_finish it. */
enum gl_status gl_plan_read(struct gl_store *s, int64_t school_id, struct gl_plan *out,
	struct gl_error *err);
/* The same for one finding: a plan of its level holding only it (for a detail view). */
enum gl_status gl_plan_read_finding(struct gl_store *s, int64_t finding_id, struct gl_plan *out,
	struct gl_error *err);
void gl_plan_finish(struct gl_plan *p);

#endif
