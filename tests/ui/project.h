/* The UI tests' project: 3 schools, 8 letters, survey results, a coding, findings. */
#ifndef GENOMLYS_TESTS_UI_PROJECT_H
#define GENOMLYS_TESTS_UI_PROJECT_H

/* Creates the project at path, with extra letters more and one letter of big bytes when big > 0.
 * Returns 0, or 1 after printing the error. */
int ui_test_project(const char *path, long extra, long big);

#endif
