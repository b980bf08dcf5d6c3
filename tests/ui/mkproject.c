/* Builds the UI tests' project. Usage: mkproject DB [--letters N] [--big-letter BYTES] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "project.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mkproject DB [--letters N] [--big-letter BYTES]\n");
		return 2;
	}
	long extra = 0, big = 0;
	for (int i = 2; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--letters"))
			extra = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--big-letter"))
			big = atol(argv[i + 1]);
	}
	return ui_test_project(argv[1], extra, big);
}
