#!/usr/bin/python3
"""Runs one scripted UI session headless (GENOMLYS_SCRIPT, GENOMLYS_HEADLESS=1) and compares
every display it saved with tests/ui/expected/<name>.

Directives in the script's leading comments:
  # size: 100x30          the virtual terminal (default 100x30)
  # project: --letters N  arguments for mkproject
  # env: NAME=VALUE       extra environment (repeatable; $DATA is tests/ui/data)
  # config: FILE          --config tests/ui/data/FILE
  # exit: N               the expected exit status (default 0)
  # log: TEXT             the log file must contain TEXT (repeatable)
  # time: SECONDS         the session must finish within this (default 60)
  # demo: fresh|twice|junk  run with --demo instead of --db (twice: a second time over the
                          first demo; junk: over a file that is not a demo, which must stay)
  # contains: TEXT        a saved display must contain TEXT; with it no expected files are used
  # lacks: TEXT           no saved display may contain TEXT (with contains:)
  # after: NAME ARGS...   after the session, `genomlys ARGS --db PROJECT` is saved as NAME and
                          compared like a display; JSON output keeps only the keys letter, code,
                          coder, start, end, quote, memo, path, codings (ids and times vary)
Set GENOMLYS_UPDATE_EXPECTED=1 to write the expected files instead of comparing.
With --valgrind every run of the binary is under valgrind (suite valgrind, a build without
sanitizers): a memory error or a definite leak exits 99, which fails the session as a wrong exit
status, and its report is printed. valgrind's logs go to a folder of their own, never into the
folder whose files are compared. tests/ui/valgrind.supp holds what ncurses and its terminfo keep
until exit ("still reachable", not counted as errors anyway) and nothing of genomlys. The time
limits are not checked under valgrind.
"""
import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--genomlys', required=True)
    ap.add_argument('--mkproject', required=True)
    ap.add_argument('--script', required=True)
    ap.add_argument('--expected', required=True)
    ap.add_argument('--themes', required=True)
    ap.add_argument('--data', required=True)
    ap.add_argument('--trace', help='append the dialogs opened and accepted to this file')
    ap.add_argument('--valgrind', action='store_true', help='run the binary under valgrind')
    a = ap.parse_args()
    a.genomlys = os.path.abspath(a.genomlys)
    a.mkproject = os.path.abspath(a.mkproject)

    size, project, env_extra, config, want_exit, logs, limit = '100x30', [], {}, None, 0, [], 60.0
    demo, contains, lacks, after = None, [], [], []
    with open(a.script, encoding='utf-8') as f:
        script = f.read()
    for line in script.splitlines():
        if not line.startswith('#'):
            continue
        key, _, val = line[1:].strip().partition(':')
        val = val.strip()
        if key == 'size':
            size = val
        elif key == 'project':
            project = val.split()
        elif key == 'env':
            k, _, v = val.partition('=')
            env_extra[k] = v
        elif key == 'config':
            config = os.path.join(a.data, val)
        elif key == 'exit':
            want_exit = int(val)
        elif key == 'log':
            logs.append(val)
        elif key == 'time':
            limit = float(val)
        elif key == 'demo':
            demo = val
        elif key == 'contains':
            contains.append(val)
        elif key == 'lacks':
            lacks.append(val)
        elif key == 'after':
            after.append(val.split())

    tmp = tempfile.mkdtemp(prefix='genomlys-ui-')
    vglogs = tempfile.mkdtemp(prefix='genomlys-vg-') if a.valgrind else None
    prefix = []
    if a.valgrind:
        limit = 3000.0  # not checked in practice: meson's timeout bounds the run
        prefix = ['valgrind', '-q', '--error-exitcode=99', '--leak-check=full',
                  '--errors-for-leak-kinds=definite', '--show-leak-kinds=definite',
                  '--suppressions=' + os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                   'valgrind.supp'),
                  '--log-file=' + os.path.join(vglogs, 'valgrind.%p')]
    try:
        db = os.path.join(tmp, 'project.db')
        subprocess.run([a.mkproject, db] + project, check=True)
        env = {k: v for k, v in os.environ.items() if k.startswith(('ASAN_', 'UBSAN_', 'LSAN_'))}
        env.update({
            'HOME': tmp, 'USER': 'tester', 'PATH': os.environ.get('PATH', '/usr/bin:/bin'),
            'XDG_CONFIG_HOME': os.path.join(tmp, 'config'),
            'XDG_STATE_HOME': os.path.join(tmp, 'state'),
            'XDG_DATA_HOME': os.path.join(tmp, 'data'),
            'LANG': 'C.UTF-8', 'LC_ALL': 'C.UTF-8', 'TERM': 'xterm-256color',
            'GENOMLYS_HEADLESS': '1', 'GENOMLYS_SCRIPT': a.script, 'GENOMLYS_SIZE': size,
            'GENOMLYS_THEMES': a.themes,
        })
        if a.trace:
            env['GENOMLYS_TRACE'] = os.path.abspath(a.trace)
        env.update({k: v.replace('$DATA', a.data) for k, v in env_extra.items()})
        cmd = prefix + [a.genomlys, '--db', db]
        demo_db = os.path.join(tmp, 'data', 'genomlys', 'demo.db')
        if demo:
            cmd = prefix + [a.genomlys, '--demo']
            os.makedirs(os.path.dirname(demo_db))
            if demo == 'junk':
                with open(demo_db, 'w') as f:
                    f.write('not a project\n')
            elif demo == 'twice':
                first = subprocess.run(cmd, env=dict(env, GENOMLYS_SCRIPT=os.devnull),
                                       stdin=subprocess.DEVNULL, capture_output=True)
                if first.returncode != 0 or not os.path.exists(demo_db):
                    print('the first --demo failed:', first.stderr.decode(errors='replace'))
                    return 1
        out = os.path.join(tmp, 'out')
        os.mkdir(out)
        if config:
            # Named relative to the working directory, so that what the screen shows of the
            # path does not depend on where the source tree is checked out.
            shutil.copy(config, os.path.join(tmp, os.path.basename(config)))
            cmd += ['--config', os.path.join('..', os.path.basename(config))]
        start = time.monotonic()
        p = subprocess.run(cmd, cwd=out, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=limit * 4 + 60)
        took = time.monotonic() - start
        ok = True
        if p.returncode != want_exit:
            print(f'exit status {p.returncode}, expected {want_exit}')
            print(p.stderr.decode(errors='replace'))
            ok = False
        if took > limit:
            print(f'took {took:.1f}s, more than {limit}s')
            ok = False
        logfile = os.path.join(tmp, 'state', 'genomlys', 'genomlys.log')
        logtext = open(logfile, encoding='utf-8').read() if os.path.exists(logfile) else ''
        for want in logs:
            if want not in logtext.replace(tmp, '$TMP').replace(a.data, '$DATA'):
                print(f'the log lacks {want!r}; it has:\n{logtext}')
                ok = False
        if demo == 'junk':
            with open(demo_db) as f:
                if f.read() != 'not a project\n':
                    print('--demo replaced a file that was not a demo')
                    ok = False
        elif demo and not os.path.exists(demo_db):
            print(f'--demo left no {demo_db}')
            ok = False
        elif demo and [n for n in os.listdir(os.path.dirname(demo_db)) if n != 'demo.db']:
            print('--demo left other files:', os.listdir(os.path.dirname(demo_db)))
            ok = False
        for words in after:
            name, args = words[0], words[1:]
            # a --demo session's project is the demo's
            r = subprocess.run(prefix + [a.genomlys] + args + ['--db', demo_db if demo else db],
                               env=dict(env, GENOMLYS_SCRIPT='',
                               GENOMLYS_HEADLESS=''), capture_output=True, text=True)
            text = r.stdout + r.stderr
            if '--format' in args and 'json' in args:
                import json
                keep = ('letter', 'code', 'coder', 'start', 'end', 'quote', 'memo', 'path',
                        'codings')
                if 'findings' in args:  # what a finding is (its times and ids vary)
                    keep += ('school', 'kind', 'title', 'description', 'author', 'evidence')
                rows = [{k: row[k] for k in keep if k in row} for row in json.loads(r.stdout)]
                text = json.dumps(rows, ensure_ascii=False, indent=1) + '\n'
            with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
                f.write(text)
        for log in sorted(os.listdir(vglogs)) if vglogs else []:
            with open(os.path.join(vglogs, log), encoding='utf-8', errors='replace') as f:
                text = f.read()
            if text:
                print(f'valgrind ({log}):\n{text}')
                ok = False
        update = os.environ.get('GENOMLYS_UPDATE_EXPECTED') == '1'
        saved = sorted(os.listdir(out))
        if contains:
            for want in contains:
                if not any(want in open(os.path.join(out, n), encoding='utf-8').read()
                           for n in saved):
                    print(f'no saved display contains {want!r}')
                    ok = False
            for bad in lacks:
                for n in saved:
                    if bad in open(os.path.join(out, n), encoding='utf-8').read():
                        print(f'the saved display {n} contains {bad!r}')
                        ok = False
            return 0 if ok else 1
        if not saved and want_exit == 0:
            print('the script saved no display')
            ok = False
        # a session that ended early must not pass by saving fewer displays
        if want_exit == 0:
            for line in script.splitlines():
                words = line.split()
                if len(words) == 2 and words[0] == ':save-display' and \
                        words[1].rstrip('!') not in saved and '/' not in words[1]:
                    print(f'the script did not save {words[1]} (did the session end early?)')
                    ok = False
        for name in saved:
            got = open(os.path.join(out, name), encoding='utf-8').read().replace(tmp, '$TMP')
            got = got.replace(a.data, '$DATA').replace(tmp, '$TMP')
            got = re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?Z)?", "TIME", got)
            exp_path = os.path.join(a.expected, name)
            if update:
                with open(exp_path, 'w', encoding='utf-8') as f:
                    f.write(got)
                continue
            if not os.path.exists(exp_path):
                print(f'no expected file {exp_path}; the display was:\n{got}')
                ok = False
                continue
            exp = open(exp_path, encoding='utf-8').read()
            if got != exp:
                print(f'{name} differs from {exp_path}:')
                sys.stdout.writelines(difflib.unified_diff(
                    exp.splitlines(True), got.splitlines(True), 'expected', 'got'))
                ok = False
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if vglogs:
            shutil.rmtree(vglogs, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
