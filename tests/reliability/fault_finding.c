/* Test helper for the fault injection test: records a finding with evidence through the
 * store's functions (the findings pane's write path), in one transaction, and says how it
 * went. Usage: fault_finding PROJECT TITLE CODING_ID */
#include <stdio.h>
#include <stdlib.h>

#include "genomlys/store.h"

int main(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	struct gl_store *s;
	struct gl_error err = { 0 };
	if (gl_store_open(argv[1], &s, &err) != GL_OK) {
		fprintf(stderr, "fault_finding: %s\n", err.message);
		return 1;
	}
	int64_t id = 0;
	struct gl_finding f = { 0, "area", argv[2], "Beskrivning med å, ä och ö.", 0 };
	enum gl_status st = gl_store_begin(s, &err);
	if (st == GL_OK) {
		st = gl_store_finding_insert(s, &f, &id, &err);
		if (st == GL_OK)
			st = gl_store_finding_link_coding(s, id, atoll(argv[3]), &err);
		if (st == GL_OK)
			st = gl_store_commit(s, &err);
		else
			gl_store_rollback(s);
	}
	if (st != GL_OK)
		fprintf(stderr, "fault_finding: %s\n", err.message);
	else
		printf("Finding %lld\n", (long long)id);
	gl_store_close(s);
	return st == GL_OK ? 0 : 1;
}
