/* Private to src/app: helpers shared by the context, the panes and the commands. */
#ifndef GENOMLYS_APP_INTERNAL_H
#define GENOMLYS_APP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "genomlys/app.h"

/* (survey, year) pairs with results, the newest first. */
struct app_set {
	char *survey;
	int year;
};

struct app_sets {
	struct app_set *v;
	size_t n;
};

struct app_ids {
	int64_t *v;
	size_t n;
};

enum gl_status app_sets_load(struct gl_app *a, struct app_sets *s, struct gl_error *err);
void app_sets_finish(struct app_sets *s);
void app_set_survey(struct gl_app *a, const char *survey, int year);
/* Shows err in the status bar. */
void app_error(struct gl_app *a, const struct gl_error *err);
/* Closes the letter shown in p's reader. */
void app_reader_close(struct gl_pane *p);
/* A value as text with one decimal in the locale's style ("6.5" or "6,5"). */
void app_format_value(double v, char *buf, size_t size);
/* Display columns of UTF-8 text. */
int app_text_width(const char *s);

#endif
