#!/usr/bin/python3
"""Every dialog's accept path is reached by a scripted session: runs every script of
tests/ui/scripts with GENOMLYS_TRACE (the app writes 'accept NAME' when a dialog is accepted) and
fails when a dialog named in src/app is never accepted. A new dialog needs a script that uses it.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

DIALOG = re.compile(r'gl_dialog \w+ = \{ "([a-z0-9-]+)"|^\s*\w+\.name = "([a-z0-9-]+)";', re.M)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--src', required=True)
    ap.add_argument('--scripts', required=True)
    ap.add_argument('--run-script', required=True)
    a, rest = ap.parse_known_args()
    names = set()
    for path in glob.glob(os.path.join(a.src, '*.c')):
        with open(path, encoding='utf-8') as f:
            for m in DIALOG.finditer(f.read()):
                names.add(m.group(1) or m.group(2))
    if len(names) < 10:
        print(f'found only {sorted(names)} in {a.src}: the pattern no longer matches the code')
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        trace = os.path.join(tmp, 'trace.txt')
        open(trace, 'w').close()
        for script in sorted(glob.glob(os.path.join(a.scripts, '*.script'))):
            subprocess.run([sys.executable, a.run_script, '--script', script, '--trace', trace] +
                           rest, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(trace, encoding='utf-8') as f:
            accepted = {line.split()[1] for line in f if line.startswith('accept ')}
    missing = sorted(names - accepted)
    if missing:
        print('dialogs no script accepts:', ', '.join(missing))
        return 1
    print(f'all {len(names)} dialogs are accepted by a script')
    return 0


if __name__ == '__main__':
    sys.exit(main())
