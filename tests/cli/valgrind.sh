#!/usr/bin/env bash
# The binary under valgrind, for golden.sh with GENOMLYS_VALGRIND=1 (suite valgrind): an error
# or a leak ("definitely lost") exits 99, which the golden output shows as a changed exit code;
# valgrind's report goes to $GENOMLYS_VALGRIND_LOG.PID.
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	--log-file="$GENOMLYS_VALGRIND_LOG.%p" "$GENOMLYS_REAL" "$@"
