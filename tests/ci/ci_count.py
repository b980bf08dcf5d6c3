"""Issue 16: CI runs the valgrind suite and counts it. .ci/count reads the logs of the three
runs of .ci/test (both builds' default suites, the plain build's valgrind suite with its own
--logbase); a missing or empty log is a failure, so that a valgrind run that did not happen (or
found no test: valgrind missing, a sanitized build) cannot pass unseen. And .ci/test really runs
the valgrind suite, on the build without sanitizers, into the log .ci/count reads."""
import json
import os
import re
import subprocess
import sys
import tempfile

top = sys.argv[1]
count = os.path.join(top, '.ci', 'count')
ok = True


def check(what, got, want):
    global ok
    if got != want:
        print(f'not ok - {what}: got {got!r}, want {want!r}')
        ok = False
    else:
        print(f'ok - {what}')


def write(root, d, log, results):
    os.makedirs(os.path.join(root, d, 'meson-logs'), exist_ok=True)
    with open(os.path.join(root, d, 'meson-logs', log + '.json'), 'w') as f:
        for i, r in enumerate(results):
            f.write(json.dumps({'name': f't{i}', 'result': r}) + '\n')


def run(root):
    p = subprocess.run([sys.executable, count, root], capture_output=True, text=True)
    return p.stdout.strip(), p.returncode


with tempfile.TemporaryDirectory() as root:
    write(root, 'build-test', 'testlog', ['OK', 'OK', 'SKIP'])
    write(root, 'build-asan', 'testlog', ['OK', 'FAIL'])
    check('no valgrind log: a failure', run(root), ('3 passed, 2 failed, 1 skipped', 1))
    write(root, 'build-test', 'testlog-valgrind', [])
    check('an empty valgrind log: a failure', run(root), ('3 passed, 2 failed, 1 skipped', 1))
    write(root, 'build-test', 'testlog-valgrind', ['OK', 'OK', 'TIMEOUT', 'ERROR'])
    check('valgrind results counted beside the default runs', run(root),
          ('5 passed, 3 failed, 1 skipped', 1))
    write(root, 'build-asan', 'testlog', ['OK', 'EXPECTEDFAIL'])
    write(root, 'build-test', 'testlog-valgrind', ['OK'] * 62)
    check('all passed', run(root), ('66 passed, 0 failed, 1 skipped', 0))

with open(os.path.join(top, '.ci', 'test'), encoding='utf-8') as f:
    test = f.read()
# the one meson test command that runs the valgrind suite
joined = test.replace('\\\n', ' ')  # continuation lines joined
runs = [c for c in re.findall(r'meson test [^\n]*', joined) if '--suite valgrind' in c]
check('.ci/test runs the valgrind suite once', len(runs), 1)
if runs:
    c = runs[0]
    check('on build-test', '-C build-test' in c, True)
    check('into testlog-valgrind', '--logbase testlog-valgrind' in c, True)
# build-test has no sanitizer (valgrind tests are defined only when b_sanitize is none)
opts = re.search(r'\[ "\$variant" = (\S+) \] && opts\+=\(([^)]*)\)', test)
check('only build-asan gets sanitizers', bool(opts) and opts.group(1) == 'build-asan'
      and 'b_sanitize' in opts.group(2), True)
check('.ci/run counts with .ci/count',
      './.ci/count' in open(os.path.join(top, '.ci', 'run'), encoding='utf-8').read(), True)
sys.exit(0 if ok else 1)
