#!/bin/sh
# The translation's inputs are complete: every file po/POTFILES names exists, and every source
# file that marks strings for translation (_(" N_(" C_( ngettext() is named in po/POTFILES, so
# that no message is left out of po/sv.po. With "complete", also that po/sv.po translates every
# message (no untranslated or fuzzy entries) and passes msgfmt --check.
set -u
root=$1
cd "$root" || exit 1
status=0
while read -r f; do
	case $f in ''|'#'*) continue ;; esac
	[ -f "$f" ] || { echo "po/POTFILES names $f, which does not exist"; status=1; }
done < po/POTFILES
for f in $(grep -rlE '(^|[^a-zA-Z_])(_|N_|C_|ngettext)\("' src); do
	grep -qx "$f" po/POTFILES || { echo "$f marks strings for translation but is not in po/POTFILES"; status=1; }
done
if [ "${2:-}" = complete ] && command -v xgettext >/dev/null; then
	tmp=$(mktemp -d) || exit 1
	xgettext --from-code=UTF-8 -k_ -kN_ -kC_:1c,2 -kngettext:1,2 -C -o "$tmp/g.pot" -f po/POTFILES &&
		msgmerge -q -o "$tmp/sv.po" po/sv.po "$tmp/g.pot" || status=1
	stats=$(msgfmt --check --statistics -o /dev/null "$tmp/sv.po" 2>&1) || status=1
	echo "po/sv.po: $stats"
	case $stats in *fuzzy*|*untranslated*) echo "po/sv.po is not complete"; status=1 ;; esac
	rm -rf "$tmp"
fi
exit $status
