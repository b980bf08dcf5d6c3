#!/usr/bin/python3
"""Issue 16, terminal injection: a project whose letter, title, school name, code name, memo and
finding title hold escape sequences (ESC, CSI \\e[2J, OSC 52 clipboard writes and OSC 0 title
changes, C1 controls, bidi overrides and isolates) -- written straight into the file, as a
hostile or damaged project would have them -- never sends them to the terminal raw:

- tmux: the interface shows each pane and the letter; `tmux capture-pane -e` holds no OSC, no
  \\e[2J, no C1 and no bidi control; the pane's title is unchanged and no tmux paste buffer was
  set by an OSC 52;
- pyte: the same on a real terminal emulator: the screen's title is untouched and the drawn text
  shows '?' placeholders where the controls were;
- the command line on a terminal (a pty): list, show and search print the controls escaped.

Usage: injection.py --genomlys BIN
"""
import argparse
import fcntl
import os
import pty
import select
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import termios
import time

OSC52 = '\x1b]52;c;SEVKTElHVA==\x07'
EVIL = ('Före ' + OSC52 + ' mitten \x1b]0;HACKAD TITEL\x07 och \x1b[2J rensa \u0085 C1 '
        '\u009b31m \u202eBAKLÄNGES\u202c \u2066isolerad\u2069 \u200fslut.')
RAW = [b'\x1b]', b'\x1b[2J', b'\x1bP', '\u0085'.encode(), '\u009b'.encode(),
       '\u202e'.encode(), '\u202c'.encode(), '\u2066'.encode(), '\u2069'.encode(),
       '\u200f'.encode(), b'\x07']
failures = []


def make_project(g, tmp, env):
    db = os.path.join(tmp, 'p.db')
    subprocess.run([g, 'demo', '--db', db, '--uncoded'], env=env, check=True,
                   capture_output=True)
    con = sqlite3.connect(db)
    con.execute('UPDATE documents SET text = ?, length = ?, title = ? WHERE id = 1',
                (EVIL, len(EVIL), 'Titel \x1b]0;TITEL2\x07 \u202eX'))
    con.execute('UPDATE schools SET name = ? WHERE id = (SELECT school_id FROM documents '
                'WHERE id = 1)', ('Skola \x1b[31mRÖD\x1b[0m \u202eX',))
    con.execute('UPDATE codes SET name = ? WHERE id = (SELECT min(id) FROM codes)',
                ('Kod ' + OSC52,))
    con.execute("INSERT INTO memos (uuid, target, target_id, text) VALUES ('m-inj', "
                "'document', 1, ?)", ('Memo ' + OSC52 + ' \u202eslut',))
    con.execute("INSERT INTO findings (uuid, school_id, kind, title) VALUES ('f-inj', NULL, "
                "'area', ?)", ('Fynd \x1b]0;FYNDTITEL\x07 \u2066x\u2069',))
    con.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
    con.commit()
    con.close()
    return db


def check_raw(where, data):
    for pat in RAW:
        if pat in data:
            failures.append(f'{where}: {pat!r} reached the terminal raw')


def tmux(*args):
    return subprocess.run(['tmux', *args], capture_output=True, text=True)


def with_tmux(g, db, tmp):
    if not shutil.which('tmux'):
        print('SKIP tmux: not installed')
        return
    s = f'gl-inj-{os.getpid()}'
    buffers_before = tmux('list-buffers').stdout
    env = (f"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color XDG_CONFIG_HOME=/nonexistent "
           f"XDG_STATE_HOME={tmp}/st")
    tmux('new-session', '-d', '-s', s, '-x', '120', '-y', '35', f'{env} {g} --db {db}')
    try:
        time.sleep(1.0)
        title = tmux('display', '-p', '-t', s, '#{pane_title}').stdout
        steps = [('schools', ['1']), ('letters', ['3']), ('letter', ['Enter']),
                 ('findings', ['Escape', '4']), ('codebook', ['C'])]
        for name, keys in steps:
            for k in keys:
                tmux('send-keys', '-t', s, k)
                time.sleep(0.3)
            time.sleep(0.5)
            cap = subprocess.run(['tmux', 'capture-pane', '-e', '-p', '-t', s],
                                 capture_output=True).stdout
            check_raw(f'tmux {name}', cap)
            if b'?' not in cap:
                failures.append(f'tmux {name}: no placeholder shown')
        if tmux('display', '-p', '-t', s, '#{pane_title}').stdout != title:
            failures.append('tmux: an OSC 0 changed the pane\'s title')
        if tmux('list-buffers').stdout != buffers_before:
            failures.append('tmux: an OSC 52 set a paste buffer: ' + tmux('list-buffers').stdout)
        print('tmux: five views captured with -e, nothing raw')
    finally:
        tmux('kill-session', '-t', s)


def pty_run(cmd, env, keys=(), cols=120, rows=35, wait=1.0):
    """Runs cmd on a pty; returns everything it wrote (bytes)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env,
                         close_fds=True, start_new_session=True)
    os.close(slave)
    out = b''

    def drain(t):
        nonlocal out
        end = time.monotonic() + t
        while time.monotonic() < end:
            r, _, _ = select.select([master], [], [], 0.05)
            if r:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    return
                if not data:
                    return
                out += data
    drain(wait)
    for k in keys:
        os.write(master, k.encode())
        drain(0.4)
    if p.poll() is None:
        p.kill()
    p.wait()
    drain(0.2)
    os.close(master)
    return out


def with_pyte(g, db, tmp):
    try:
        import pyte
    except ImportError:
        print('SKIP pyte: not installed')
        return
    env = dict(os.environ, LANG='C.UTF-8', LC_ALL='C.UTF-8', TERM='xterm-256color',
               XDG_CONFIG_HOME='/nonexistent', XDG_STATE_HOME=tmp + '/st')
    out = pty_run([g, '--db', db], env, keys=['3', '\r', '\x1b', '4', 'C', 'q'])
    # curses clears the screen with \e[2J itself: the raw stream is checked for the rest
    for pat in RAW:
        if pat not in (b'\x1b[2J', b'\x07') and pat in out:
            failures.append(f'pyte session output: {pat!r} reached the terminal raw')
    screen = pyte.Screen(120, 35)
    stream = pyte.ByteStream(screen)
    stream.feed(out)
    if screen.title:
        failures.append(f'pyte: the title was set to {screen.title!r}')
    text = '\n'.join(screen.display)
    for ch in ('\u202e', '\u2066', '\u0085'):
        if ch in text:
            failures.append(f'pyte: {ch!r} on the screen')
    print('pyte: the session drew no control; title untouched')
    # the command line on a terminal
    for cmd in (['list', 'schools'], ['list', 'codes'], ['show', 'letter', '1'],
                ['list', 'letters'], ['search', 'mitten'], ['list', 'findings']):
        out = pty_run([g, *cmd, '--db', db], env, wait=2.0)
        check_raw('genomlys ' + ' '.join(cmd), out)
    print('command line on a pty: list, show and search escape the controls')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--genomlys', required=True)
    a = ap.parse_args()
    g = os.path.abspath(a.genomlys)
    tmp = tempfile.mkdtemp(prefix='gl-inj-')
    env = dict(os.environ, LANG='C.UTF-8', LC_ALL='C.UTF-8', GENOMLYS_DB='')
    db = make_project(g, tmp, env)
    with_tmux(g, db, tmp)
    with_pyte(g, db, tmp)
    for f in failures:
        print('FAIL', f)
    if failures:
        print('kept', tmp)
    else:
        shutil.rmtree(tmp)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
