#!/usr/bin/python3
"""Issue 16, "Two terminals on one project": two terminal sessions and a command-line loop
write to one project at once.

1. Two scripted sessions (GENOMLYS_SCRIPT, headless), each coding a letter after another as its
   own coder, while a loop of `genomlys code` commands codes as a third: nobody sees "database
   is locked" or "busy", every command exits 0, and each coder ends with exactly the codings
   it made (the sessions' counts are those of the same script run alone on a copy).
2. Two interactive sessions in tmux: a coding made in one (and one made by a command) shows in
   the other without a key being pressed (PRAGMA data_version, polled while no key comes). The
   time it took is printed; the test waits up to 10 s (no time bound: the machine may be
   loaded), the interface polls every 0.5 s.

Usage: two_writers.py --genomlys BIN [--no-tmux]
"""
import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

ACTIONS = 12


def session_script(path, coder, start_letter):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(f':coder {coder}\nkey 3\n')
        for _ in range(start_letter - 1):
            f.write('key j\n')
        f.write('key Enter\n')
        for i in range(ACTIONS):
            f.write('key v w w c\ntype tryg\nkey Enter\n')
            f.write('key J\n')
        f.write(f':save-display {coder}.txt\n:quit\n')


def codings_by(db, coder):
    con = sqlite3.connect(db, timeout=10)
    n = con.execute('SELECT count(*) FROM codings k JOIN coders r ON r.id = k.coder_id '
                    'WHERE r.name = ?', (coder,)).fetchone()[0]
    con.close()
    return n


def scripted(g, tmp, env):
    failures = []
    base = os.path.join(tmp, 'base.db')
    r = subprocess.run([g, 'demo', '--db', base], env=env, capture_output=True, text=True)
    if r.returncode:
        return [f'demo: {r.stderr}']
    for coder, first in (('Tui1', 1), ('Tui2', 20)):
        session_script(os.path.join(tmp, coder + '.script'), coder, first)
    # what each session makes alone
    want = {}
    for coder in ('Tui1', 'Tui2'):
        alone = os.path.join(tmp, f'alone-{coder}.db')
        shutil.copy(base, alone)
        e = dict(env, GENOMLYS_HEADLESS='1', GENOMLYS_SIZE='100x30',
                 GENOMLYS_SCRIPT=os.path.join(tmp, coder + '.script'))
        r = subprocess.run([g, '--db', alone], env=e, cwd=tmp, capture_output=True, text=True)
        want[coder] = codings_by(alone, coder)
        if r.returncode or want[coder] == 0:
            return [f'{coder} alone: exit {r.returncode}, {want[coder]} codings: {r.stderr}']
    db = os.path.join(tmp, 'p.db')
    shutil.copy(base, db)
    procs = []
    for coder in ('Tui1', 'Tui2'):
        e = dict(env, GENOMLYS_HEADLESS='1', GENOMLYS_SIZE='100x30',
                 GENOMLYS_SCRIPT=os.path.join(tmp, coder + '.script'),
                 XDG_STATE_HOME=os.path.join(tmp, 'state-' + coder))
        procs.append((coder, subprocess.Popen([g, '--db', db], env=e, cwd=tmp,
                                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                              text=True)))
    cli_ok = 0
    for i in range(ACTIONS * 2):
        r = subprocess.run([g, 'code', str(i % 30 + 1), '--code', 'Trygghet', '--coder', 'Cli',
                            '--span', f'{i}:{i + 5}', '--db', db], env=env, capture_output=True,
                           text=True)
        if r.returncode:
            failures.append(f'command {i}: exit {r.returncode}: {r.stderr.strip()}')
        else:
            cli_ok += 1
        if 'locked' in r.stderr or 'busy' in r.stderr:
            failures.append(f'command {i}: {r.stderr.strip()}')
    for coder, p in procs:
        out, err = p.communicate(timeout=300)
        if p.returncode:
            failures.append(f'{coder}: exit {p.returncode}: {err.strip()}')
        log = os.path.join(tmp, 'state-' + coder, 'genomlys', 'genomlys.log')
        text = open(log, encoding='utf-8').read() if os.path.exists(log) else ''
        screen = os.path.join(tmp, coder + '.txt')
        text += open(screen, encoding='utf-8').read() if os.path.exists(screen) else ''
        for word in ('locked', 'busy'):
            if word in text:
                failures.append(f'{coder}: "{word}" in its log or screen')
        got = codings_by(db, coder)
        if got != want[coder]:
            failures.append(f'{coder}: {got} codings, {want[coder]} when alone: writes lost')
    if codings_by(db, 'Cli') != cli_ok:
        failures.append(f'Cli: {codings_by(db, "Cli")} codings, {cli_ok} reported saved')
    r = subprocess.run([g, 'check', '--db', db], env=env, capture_output=True, text=True)
    if r.returncode:
        failures.append(f'check: {r.stdout}{r.stderr}')
    print(f'scripted: Tui1 {want["Tui1"]}, Tui2 {want["Tui2"]}, Cli {cli_ok} codings, '
          f'all there')
    return failures


def tmux(*args):
    return subprocess.run(['tmux', *args], capture_output=True, text=True)


def codings_shown(session, letter):
    """The Codings column of a letter's row in the Letters pane of a tmux session."""
    screen = tmux('capture-pane', '-p', '-t', session).stdout
    for line in screen.splitlines():
        m = re.match(rf'\s+{letter}\s.*\s(\d+)\s*$', line)
        if m:
            return int(m.group(1))
    return None


def wait_for(session, letter, value, limit=10.0):
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        if codings_shown(session, letter) == value:
            return time.monotonic() - t0
        time.sleep(0.05)
    return None


def interactive(g, tmp, env):
    if not shutil.which('tmux'):
        print('SKIP interactive: no tmux')
        return []
    failures = []
    db = os.path.join(tmp, 'live.db')
    subprocess.run([g, 'demo', '--db', db, '--uncoded'], env=env, capture_output=True)
    sessions = ['gl-two-a-%d' % os.getpid(), 'gl-two-b-%d' % os.getpid()]
    envs = ' '.join(f"{k}='{v}'" for k, v in (('LANG', 'C.UTF-8'), ('LC_ALL', 'C.UTF-8'),
                    ('XDG_CONFIG_HOME', '/nonexistent'), ('XDG_STATE_HOME', tmp + '/st'),
                    ('TERM', 'xterm-256color')))
    try:
        for s in sessions:
            tmux('new-session', '-d', '-s', s, '-x', '120', '-y', '40',
                 f'env {envs} {g} --db {db}')
        time.sleep(1.0)
        for s in sessions:
            tmux('send-keys', '-t', s, '3')
        time.sleep(0.5)
        before = codings_shown(sessions[1], 1)
        if before is None:
            return ['interactive: the Letters pane shows no letter 1: ' +
                    tmux('capture-pane', '-p', '-t', sessions[1]).stdout]
        # a command codes letter 1: both sessions show it without a key
        subprocess.run([g, 'code', '1', '--code', 'Trygghet', '--coder', 'Cli', '--span', '0:4',
                        '--db', db], env=env, capture_output=True)
        for s in sessions:
            t = wait_for(s, 1, before + 1)
            if t is None:
                failures.append(f'{s}: the command\'s coding does not show')
            else:
                print(f'a command\'s coding shown by {s} after {t:.2f} s')
        # session a codes letter 1; b shows it without a key
        tmux('send-keys', '-t', sessions[0], ':coder Anna', 'Enter')
        time.sleep(0.3)
        tmux('send-keys', '-t', sessions[0], 'Enter')
        time.sleep(0.3)
        for k in ['v', 'w', 'c']:
            tmux('send-keys', '-t', sessions[0], k)
            time.sleep(0.1)
        tmux('send-keys', '-t', sessions[0], 'tryg')
        time.sleep(0.3)
        tmux('send-keys', '-t', sessions[0], 'Enter')
        t = wait_for(sessions[1], 1, before + 2)
        if t is None:
            failures.append('the other session\'s coding does not show: ' +
                            tmux('capture-pane', '-p', '-t', sessions[1]).stdout)
        else:
            print(f'the other session\'s coding shown after {t:.2f} s')
        for s in sessions:
            screen = tmux('capture-pane', '-p', '-t', s).stdout
            if 'locked' in screen or 'busy' in screen:
                failures.append(f'{s}: {screen}')
    finally:
        for s in sessions:
            tmux('kill-session', '-t', s)
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--genomlys', required=True)
    ap.add_argument('--no-tmux', action='store_true')
    a = ap.parse_args()
    g = os.path.abspath(a.genomlys)
    tmp = tempfile.mkdtemp(prefix='gl-two-')
    env = dict(os.environ, LANG='C.UTF-8', LC_ALL='C.UTF-8', LANGUAGE='', GENOMLYS_DB='',
               XDG_CONFIG_HOME='/nonexistent', XDG_STATE_HOME=os.path.join(tmp, 'state'))
    failures = scripted(g, tmp, env)
    if not a.no_tmux:
        failures += interactive(g, tmp, env)
    for f in failures:
        print('FAIL', f)
    if failures:
        print('kept', tmp)
    else:
        shutil.rmtree(tmp)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
