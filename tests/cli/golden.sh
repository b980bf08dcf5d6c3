#!/usr/bin/env bash
# Runs one golden CLI case: tests/cli/cases/NAME.sh in a fresh temp dir with $G as the binary,
# then compares what it printed (stdout+stderr, and each command's exit code) with NAME.expected.
# Usage: golden.sh BINARY CASE [--update]
set -u
bin=$1 case=$2 update=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
work=$(mktemp -d /tmp/gl-cli-XXXXXX)
logs=$(mktemp -d /tmp/gl-vglog-XXXXXX)  # valgrind's logs: not in the folder a case lists
trap 'rm -rf "$work" "$logs"' EXIT
export G="$bin" FIXTURES="$src/fixtures" LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= GENOMLYS_DB= USER=tester
# GENOMLYS_VALGRIND=1: every run of the binary under valgrind (tests/cli/valgrind.sh)
if [ -n "${GENOMLYS_VALGRIND:-}" ]; then
	export GENOMLYS_REAL="$bin" GENOMLYS_VALGRIND_LOG="$logs/valgrind" G="$here/valgrind.sh"
fi
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# run CMD...: prints the command, its output and its exit code
run() {
	printf '$ %s\n' "$*"
	"$@" 2>&1
	printf '[exit %d]\n' $?
}
export -f run
actual="$work/actual"
cases=${GOLDEN_CASES:-$here/cases}  # tests/bad keeps its own
(cd "$work" && bash -c "set -u; source '$cases/$case.sh'") >"$actual" 2>&1
# Random and time-dependent values are masked so that the goldens stay stable.
sed -E -i -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<uuid>/g' \
	-e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/<time>/g' -e "s#$work#<tmp>#g" \
	-e "s#$here/valgrind.sh#genomlys#g" -e "s#$bin#genomlys#g" -e "s#$src#<src>#g" "$actual"
expected="$cases/$case.expected"
if [ "$update" = "--update" ]; then
	cp "$actual" "$expected"
	echo "updated $expected"
	exit 0
fi
for log in "$logs"/valgrind.*; do
	[ -s "$log" ] && { echo "valgrind: $log" >&2; cat "$log" >&2; }
done
if ! diff -u "$expected" "$actual"; then
	echo "golden output differs for $case (rerun with --update to accept)" >&2
	exit 1
fi
