#!/usr/bin/python3
"""Runs the real binary on a pseudo-terminal under a terminal emulator (pyte), types keys and
compares the emulator's screen with tests/ui/expected/pyte-*.txt.

Usage: pyte_session.py CASE --genomlys EXE --mkproject EXE --expected DIR --themes DIR
CASE is panes, resize, terms, nocolor, themes, codings or ranking. GENOMLYS_UPDATE_EXPECTED=1 rewrites the
expected files. Exits 77 (skipped) when pyte is not installed."""
import argparse
import difflib
import fcntl
import os
import re
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time

try:
    import pyte
except ImportError:
    print('pyte is not installed: skipped')
    sys.exit(77)

failures = []


class Term:
    def __init__(self, cmd, env, cols=100, rows=30):
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.master, slave = pty.openpty()
        self._winsize(slave, cols, rows)

        def child():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     preexec_fn=child, close_fds=True)
        os.close(slave)
        self.settle(limit=40.0, first=30.0)  # the first screen: slow under sanitizers

    @staticmethod
    def _winsize(fd, cols, rows):
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))

    def settle(self, quiet=0.35, limit=15.0, first=3.0):
        """Reads output until the program has been quiet for a while. The quiet time counts
        from the first byte that arrives (waited for up to `first` seconds), so that a program
        slow to answer on a loaded machine (sanitizers, two cores shared) is not taken for one
        that has finished drawing."""
        end = time.monotonic() + limit
        start = time.monotonic()
        last = None
        while time.monotonic() < end:
            r, _, _ = select.select([self.master], [], [], 0.05)
            if r:
                try:
                    data = os.read(self.master, 65536)
                except OSError:
                    return
                if not data:
                    return
                self.stream.feed(data)
                last = time.monotonic()
            elif last is None:
                if time.monotonic() - start > first:
                    return
            elif time.monotonic() - last > quiet:
                return

    def keys(self, data, quiet=0.35):
        os.write(self.master, data.encode() if isinstance(data, str) else data)
        self.settle(quiet)

    def resize(self, cols, rows):
        self.screen.resize(rows, cols)
        self._winsize(self.master, cols, rows)
        self.settle()

    def text(self):
        return '\n'.join(line.rstrip() for line in self.screen.display) + '\n'

    def close(self):
        if self.proc.poll() is None:
            self.keys('q', quiet=0.2)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)
        return self.proc.returncode


def compare(expected_dir, name, got):
    path = os.path.join(expected_dir, name)
    if os.environ.get('GENOMLYS_UPDATE_EXPECTED') == '1':
        with open(path, 'w', encoding='utf-8') as f:
            f.write(got)
        return
    if not os.path.exists(path):
        failures.append(f'no expected file {path}; the screen was:\n{got}')
        return
    exp = open(path, encoding='utf-8').read()
    if exp != got:
        failures.append(f'{name} differs:\n' + ''.join(difflib.unified_diff(
            exp.splitlines(True), got.splitlines(True), 'expected', 'got')))


def check(cond, what):
    if not cond:
        failures.append(what)


def cells(screen):
    for y in range(screen.lines):
        row = screen.buffer[y]
        for x in range(screen.columns):
            yield row[x]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('case')
    ap.add_argument('--genomlys', required=True)
    ap.add_argument('--mkproject', required=True)
    ap.add_argument('--expected', required=True)
    ap.add_argument('--themes', required=True)
    a = ap.parse_args()
    a.genomlys = os.path.abspath(a.genomlys)
    a.mkproject = os.path.abspath(a.mkproject)
    tmp = tempfile.mkdtemp(prefix='genomlys-pyte-')
    try:
        db = os.path.join(tmp, 'project.db')
        subprocess.run([a.mkproject, db], check=True)
        base = {k: v for k, v in os.environ.items() if k.startswith(('ASAN_', 'UBSAN_', 'LSAN_'))}
        base.update({'HOME': tmp, 'USER': 'tester', 'PATH': os.environ.get('PATH', '/usr/bin'),
                     'XDG_CONFIG_HOME': os.path.join(tmp, 'config'),
                     'XDG_STATE_HOME': os.path.join(tmp, 'state'),
                     'LANG': 'C.UTF-8', 'LC_ALL': 'C.UTF-8', 'TERM': 'xterm-256color',
                     'GENOMLYS_THEMES': a.themes})
        cmd = [a.genomlys, '--db', db]

        def run(env_extra=None, extra_args=(), cols=100, rows=30):
            env = dict(base)
            env.update(env_extra or {})
            return Term(cmd + list(extra_args), env, cols, rows)

        if a.case == 'panes':
            t = run()
            compare(a.expected, 'pyte-schools.txt', t.text())
            t.keys('2')
            compare(a.expected, 'pyte-surveys.txt', t.text())
            t.keys('3')
            compare(a.expected, 'pyte-letters.txt', t.text())
            t.keys('j\r')
            compare(a.expected, 'pyte-reader.txt', t.text())
            t.keys('\x1b', quiet=0.5)
            t.keys('4')
            compare(a.expected, 'pyte-findings.txt', t.text())
            t.keys('?')
            compare(a.expected, 'pyte-help.txt', t.text())
            t.keys('q')
            t.keys('/')
            t.keys('trygg*\r')
            compare(a.expected, 'pyte-search.txt', t.text())
            check(t.close() == 0, 'the program did not exit with 0 on q')
        elif a.case == 'resize':
            t = run()
            t.keys('3')
            t.keys('\r')
            t.resize(50, 14)
            compare(a.expected, 'pyte-too-small.txt', t.text())
            t.resize(100, 30)
            compare(a.expected, 'pyte-restored.txt', t.text())
            t.keys(':sch')
            t.resize(70, 20)
            compare(a.expected, 'pyte-prompt-resized.txt', t.text())
            t.keys('\x1b', quiet=0.5)
            check(t.close() == 0, 'the program did not exit with 0 on q')
        elif a.case == 'terms':
            for term in ['xterm-256color', 'tmux-256color', 'screen', 'linux', 'vt100']:
                extra = {'TERM': term}
                if term == 'linux' and 'LSAN_OPTIONS' in base:
                    # ncurses opens libgpm there, which keeps a few bytes; the suppression
                    # (lsan.supp) needs the slow unwinder to see through it
                    extra['LSAN_OPTIONS'] = base['LSAN_OPTIONS'] + ':fast_unwind_on_malloc=0'
                t = run(extra)
                got = t.text()
                t.keys('3')
                letters = t.text()
                rc = t.close()
                check(rc == 0, f'TERM={term}: exit status {rc}')
                compare(a.expected, 'pyte-schools.txt', got)
                compare(a.expected, 'pyte-letters.txt', letters)
        elif a.case == 'nocolor':
            t = run({'NO_COLOR': '1'})
            text = t.text()
            plain = all(c.fg == 'default' and c.bg == 'default' for c in cells(t.screen))
            check(plain, 'NO_COLOR: some cells have a colour')
            check(any(c.reverse for c in cells(t.screen)),
                  'NO_COLOR: nothing is in reverse video (the selection must still show)')
            t.close()
            compare(a.expected, 'pyte-schools.txt', text)
            t = run()
            check(any(c.fg != 'default' or c.bg != 'default' for c in cells(t.screen)),
                  'without NO_COLOR nothing is coloured')
            t.close()
        elif a.case == 'themes':
            seen = {}
            for theme in ['default', 'light', 'projector', 'mono']:
                conf = os.path.join(tmp, f'{theme}.ini')
                with open(conf, 'w') as f:
                    f.write(f'[general]\ntheme = {theme}\n')
                t = run(extra_args=['--config', conf])
                compare(a.expected, 'pyte-schools.txt', t.text())
                colours = {(c.fg, c.bg) for c in cells(t.screen)}
                seen[theme] = colours
                # the pane's caption (second line) is drawn in the caption's colours, the
                # same as the line's blank start, not in those of the last cell of a table
                row = t.screen.buffer[1]
                cap = {(row[x].fg, row[x].bg, row[x].bold) for x in range(t.screen.columns)
                       if row[x].data.strip()}
                check(cap == {(row[0].fg, row[0].bg, row[0].bold)},
                      f'theme {theme}: the caption in {cap}, its line in '
                      f'{(row[0].fg, row[0].bg, row[0].bold)}')
                check('No theme' not in t.text(), f'theme {theme} was not found')
                t.close()
            check(seen['mono'] == {('default', 'default')}, 'mono has colours')
            check(len({frozenset(v) for v in seen.values()}) == 4,
                  'the four themes do not look different')
        elif a.case == 'codings':
            # Letter 1 has two coders' overlapping codings of Trygghet (#ffd966): the coded
            # text is drawn on the code's colour, the margin names the code, and without colour
            # the codings are still visible (underlined).
            def coded_text(screen):
                rows = {}
                for y in range(4, screen.lines - 1):
                    for x in range(screen.columns):
                        c = screen.buffer[y][x]
                        if c.bg not in ('default', 'black') and not c.reverse:
                            rows.setdefault(y, []).append(c.data)
                return ' '.join(''.join(v) for v in rows.values())

            t = run()
            t.keys('3')
            t.keys('\r')
            text = t.text()
            compare(a.expected, 'pyte-codings.txt', text)
            coloured = coded_text(t.screen)
            check('fotbollsplanen' in coloured,
                  f'the coded text is not drawn in a colour (coloured cells: {coloured!r})')
            check('Trygghet' in text, 'the margin does not name the code')
            t.close()
            t = run({'NO_COLOR': '1'})
            t.keys('3')
            t.keys('\r')
            under = ''.join(c.data for c in cells(t.screen) if c.underscore)
            check('fotbollsplanen' in under,
                  f'NO_COLOR: the coded text is not underlined (underlined: {under!r})')
            check(all(c.fg == 'default' and c.bg == 'default' for c in cells(t.screen)),
                  'NO_COLOR: some cells have a colour')
            t.close()
            # A selection is highlighted exactly as it will be coded: "v w w" from the start of
            # "På rasten är" selects "På rasten " and codes "På rasten" (0:9); the space after
            # it is not highlighted, the caret on "ä" is.
            t = run({'NO_COLOR': '1'})
            t.keys('3')
            t.keys('\r')
            t.keys('v')
            t.keys('w')
            t.keys('w')
            check('Selection 0:9 (9 characters)' in t.text(),
                  'the selection caption does not say 0:9')
            row = next(y for y in range(t.screen.lines)
                       if ''.join(c.data for c in t.screen.buffer[y].values()).startswith(
                           '  På rasten'))
            line = [t.screen.buffer[row][x] for x in range(2, 14)]
            lit = ''.join(c.data if c.reverse else '_' for c in line)
            check(lit == 'På rasten_ä_',
                  f'the selection highlight covers {lit!r}, not "På rasten" and the caret')
            t.close()
        elif a.case == 'ranking':
            # A revealed round with dots and scores, drawn without colour: the bars and the
            # impact/effort grid must read in block and box characters alone.
            rdb = os.path.join(tmp, 'ranking.db')
            subprocess.run([a.mkproject, rdb, '--ranking'], check=True)
            ballots = os.path.join(tmp, 'ballots.csv')
            with open(ballots, 'w', encoding='utf-8') as f:
                f.write('participant,order\n'
                        'Anna,Studiero i undervisningen > Trygghet och kränkningar > '
                        'Elevhälsans bemanning > Extra anpassningar i tid\n'
                        'Bosse,Trygghet och kränkningar > Studiero i undervisningen = '
                        'Extra anpassningar i tid\n'
                        'Cecilia,Studiero i undervisningen > Elevhälsans bemanning > '
                        'Trygghet och kränkningar > Extra anpassningar i tid\n')
            cli = [a.genomlys]
            cli_env = dict(base)
            for args in (['rank', 'round', 'new', '--name', 'Workshop'],
                         ['rank', 'import', ballots],
                         ['rank', 'dots', '--participant', 'Anna', '--area',
                          'Studiero i undervisningen', '--dots', '1'],
                         ['rank', 'dots', '--participant', 'Bosse', '--area',
                          'Studiero i undervisningen', '--dots', '1'],
                         ['rank', 'dots', '--participant', 'Cecilia', '--area',
                          'Trygghet och kränkningar', '--dots', '1'],
                         ['rank', 'score', '--participant', 'Anna', '--area',
                          'Studiero i undervisningen', '--impact', '5', '--effort', '2'],
                         ['rank', 'score', '--participant', 'Anna', '--area',
                          'Trygghet och kränkningar', '--impact', '4', '--effort', '5'],
                         ['rank', 'score', '--participant', 'Anna', '--area',
                          'Extra anpassningar i tid', '--impact', '2', '--effort', '1'],
                         ['rank', 'score', '--participant', 'Anna', '--area',
                          'Elevhälsans bemanning', '--impact', '1', '--effort', '4'],
                         ['rank', 'reveal']):
                subprocess.run(cli + args + ['--db', rdb], check=True, env=cli_env,
                               stdout=subprocess.DEVNULL)
            t = Term([a.genomlys, '--db', rdb], dict(base, NO_COLOR='1'), 100, 30)
            t.keys('5')
            table = t.text()
            check(all(c.fg == 'default' and c.bg == 'default' for c in cells(t.screen)),
                  'NO_COLOR: some cells of the ranking have a colour')
            # the first bar of a row is its Borda points: whole blocks and eighths, scaled to
            # the largest (7.5 points = 8 blocks = 64 eighths)
            eighths = {'█': 8, '▉': 7, '▊': 6, '▋': 5, '▌': 4, '▍': 3, '▎': 2, '▏': 1}
            lengths = []
            for line in table.splitlines()[3:7]:
                m = re.search('[█▉▊▋▌▍▎▏]+', line)
                lengths.append(sum(eighths[ch] for ch in m.group(0)) if m else 0)
            want = [round(p / 7.5 * 64) for p in (7.5, 6, 3, 1.5)]
            check(lengths == want, f'the points bars are {lengths!r} eighths, not {want!r}')
            compare(a.expected, 'pyte-ranking.txt', table)
            t.keys('\r')
            grid = t.text()
            for word in ('┼', 'Quick wins', 'Major projects', 'Fill-ins', 'Thankless tasks'):
                check(word in grid, f'the grid has no {word!r}')
            compare(a.expected, 'pyte-ranking-grid.txt', grid)
            check(all(c.fg == 'default' and c.bg == 'default' for c in cells(t.screen)),
                  'NO_COLOR: some cells of the grid have a colour')
            check(t.close() == 0, 'the program did not exit with 0 on q')
        elif a.case == 'finding-detail':
            # A finding's detail view with å/ä/ö in its title, description, quotes and memo: the
            # quote of the coding is drawn whole and the line under it keeps its indent (widths
            # counted in characters, not bytes); the survey value stands beside its mean.
            def g(*args):
                subprocess.run([a.genomlys, *args, '--db', db], check=True,
                               stdout=subprocess.DEVNULL, env=dict(base))
            g('finding', 'edit', '2', '--description', 'Äldre elever styr på skolgården; få vuxna ute.')
            g('finding', 'evidence', '2', '--coding', '1')
            g('finding', 'evidence', '2', '--coding', '2')
            g('finding', 'evidence', '2', '--survey', 'Björkdalsskolan/Skolenkäten/2026/lärare/Trygghet')
            g('finding', 'evidence', '5', '--finding', '2')
            t = run()
            t.keys('4')
            t.keys(':school Björkdalsskolan\r')
            t.keys('l')
            t.keys('\r')
            text = re.sub(r'\d{4}-\d\d-\d\d \d\d:\d\d UTC', 'TIME UTC', t.text())
            compare(a.expected, 'pyte-finding-detail.txt', text)
            rows = text.split('\n')
            quote = next((r for r in rows if '“På rasten är det bara fotbolls”' in r), None)
            check(quote is not None and quote.startswith('    “'),
                  f'the quote with å/ä is not drawn whole at its indent: {quote!r}')
            who = [r for r in rows if '— Elev 1, Björkdalsskolan' in r]
            check(len(who) == 2 and all(r.startswith('      — ') for r in who),
                  f'the attribution lines lost their indent: {who!r}')
            check(any('Trygghet: 7,9' in r or 'Trygghet: 7.9' in r for r in rows),
                  'the survey value is not shown')
            # Enter on the quote opens the reader at the coding
            t.keys('j')
            t.keys('\r')
            check('Rasten' in t.text() and 'Björkdalsskolan · students' in t.text(),
                  'Enter on the quote did not open the letter')
            t.keys('\x1b', quiet=0.5)
            t.keys('q')
            check(t.close() == 0, 'the program did not exit with 0 on q')
        else:
            print(f'unknown case {a.case}')
            return 2
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
