/* The registry of panes in tab order: the one place that lists them all. */
#include "genomlys/app.h"

const struct gl_pane_ops *const gl_pane_registry[GL_PANE_COUNT] = {
	[GL_PANE_SCHOOLS] = &gl_pane_schools_ops,
	[GL_PANE_SURVEYS] = &gl_pane_surveys_ops,
	[GL_PANE_LETTERS] = &gl_pane_letters_ops,
	[GL_PANE_FINDINGS] = &gl_pane_findings_ops,
	[GL_PANE_ANALYSIS] = &gl_pane_analysis_ops,
	[GL_PANE_CODEBOOK] = &gl_pane_codebook_ops,
	[GL_PANE_REVIEW] = &gl_pane_review_ops,
	[GL_PANE_RANKING] = &gl_pane_ranking_ops,
};
