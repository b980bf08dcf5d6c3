#!/usr/bin/python3
"""Issue 16, fault injection: the N-th write or sync of SQLite fails (SQLITE_FULL or
SQLITE_IOERR, through the preloaded VFS shim faultvfs.c) during an import, a coding, a finding
with evidence (the store's functions, through fault_finding), a ballot, an import of ballots,
closing a ranking round and an upgrade of an older project.
For each N in the operation's range: either the command succeeded and everything is there, or
it failed with a message that says so (exit 1) and the project's content is what it was
(a dump compared); afterwards PRAGMA integrity_check and `genomlys check` pass. Then a scripted
session whose coding fails: the message is on the screen, the coding is not pretended done, and
the next coding of the same session is saved; the same for a finding added in the Findings
pane.

Usage: faults.py --genomlys BIN --shim LIB --finding BIN --fixtures DIR [--max-points N]
"""
import argparse
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile


def dump_hash(db):
    con = sqlite3.connect(db)
    h = hashlib.sha256()
    for line in con.iterdump():
        # the full-text index's shadow tables are FTS5's business (segment layout may differ)
        if 'documents_fts_' in line:
            continue
        h.update(line.encode())
    con.close()
    return h.hexdigest()


def integrity(db):
    con = sqlite3.connect(db)
    r = con.execute('PRAGMA integrity_check').fetchall()
    con.close()
    return r == [('ok',)]


class Runner:
    def __init__(self, a, tmp):
        self.g = os.path.abspath(a.genomlys)
        self.shim = os.path.abspath(a.shim)
        self.finding = os.path.abspath(a.finding)
        self.tmp = tmp
        self.env = dict(os.environ, LANG='C.UTF-8', LC_ALL='C.UTF-8', LANGUAGE='',
                        GENOMLYS_DB='', XDG_CONFIG_HOME='/nonexistent',
                        XDG_STATE_HOME=os.path.join(tmp, 'state'))
        self.failures = []
        self.points = 0

    def run(self, cmd, fault=None, extra=None):
        env = dict(self.env, **(extra or {}))
        if fault is not None:
            env['LD_PRELOAD'] = self.shim
            env.update(fault)
        return subprocess.run(cmd, env=env, cwd=self.tmp, capture_output=True, text=True,
                              timeout=120)

    def count(self, cmd):
        """Writes and syncs of cmd when nothing fails."""
        log = os.path.join(self.tmp, 'count.log')
        if os.path.exists(log):
            os.unlink(log)
        r = self.run(cmd, {'GL_FAULT_LOG': log})
        if r.returncode:
            self.failures.append(f'{cmd}: fails without a fault: {r.stderr}')
            return 0, 0
        with open(log) as f:
            last = f.read().split('\n')[-2].split()
        return int(last[1]), int(last[3])

    def scenario(self, name, base, cmd_for, present, max_points):
        """Runs cmd_for(db) on copies of base with each fault; present(db) says whether the
        change is there."""
        probe = os.path.join(self.tmp, name + '-probe.db')
        shutil.copy(base, probe)
        writes, syncs = self.count(cmd_for(probe))
        before = dump_hash(base)
        points = []
        for kind, total in (('GL_FAULT_WRITE', writes), ('GL_FAULT_SYNC', syncs)):
            if total == 0:
                continue
            step = max(1, total // max_points)
            points += [(kind, n) for n in range(1, total + 1, step)]
            if points[-1] != (kind, total):
                points.append((kind, total))
        failed = ok = 0
        for i, (kind, n) in enumerate(points):
            db = os.path.join(self.tmp, f'{name}-{i}.db')
            shutil.copy(base, db)
            code = 'full' if i % 2 == 0 else 'ioerr'
            r = self.run(cmd_for(db), {kind: str(n), 'GL_FAULT_CODE': code})
            where = f'{name}: {kind}={n} ({code})'
            self.points += 1
            if r.returncode == 0:
                ok += 1
                if not present(db):
                    self.failures.append(f'{where}: exit 0 but the change is not there')
            else:
                failed += 1
                msg = r.stderr.strip()
                if r.returncode != 1 or not msg or ('full' not in msg and 'I/O' not in msg and
                                                    'disk' not in msg):
                    self.failures.append(f'{where}: exit {r.returncode}, message "{msg}"')
                if present(db):
                    self.failures.append(f'{where}: failed ("{msg}") but the change is there')
                elif dump_hash(db) != before:
                    self.failures.append(f'{where}: failed but the project changed')
            if not integrity(db):
                self.failures.append(f'{where}: integrity_check fails')
            c = self.run([self.g, 'check', '--db', db])
            if c.returncode:
                self.failures.append(f'{where}: check: {c.stdout}{c.stderr}')
            for suffix in ('', '-wal', '-shm'):
                if os.path.exists(db + suffix):
                    os.unlink(db + suffix)
        print(f'{name}: {writes} writes, {syncs} syncs; {len(points)} faults: {failed} refused '
              f'with the project unchanged, {ok} done whole (the failed step came after the '
              f'commit)')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--genomlys', required=True)
    ap.add_argument('--shim', required=True)
    ap.add_argument('--finding', required=True)
    ap.add_argument('--fixtures', required=True)
    ap.add_argument('--max-points', type=int, default=12)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix='gl-faults-')
    r = Runner(a, tmp)
    g = r.g
    base = os.path.join(tmp, 'base.db')
    res = r.run([g, 'demo', '--db', base])
    if res.returncode:
        print('demo:', res.stderr)
        return 1
    # import: all letters or none
    csv = os.path.join(tmp, 'letters.csv')
    with open(csv, 'w', encoding='utf-8') as f:
        f.write('school,group,author,date,title,text\n')
        for i in range(60):
            f.write(f'Felskolan,elever,Elev {i},2026-03-01,Brev {i},"Felbrev {i}: det är för '
                    f'högt ljud i matsalen och för få vuxna ute på rasten."\n')

    def letters_there(db):
        con = sqlite3.connect(db)
        n = con.execute("SELECT count(*) FROM documents WHERE text LIKE 'Felbrev %'").fetchone()[0]
        con.close()
        if n not in (0, 60):
            r.failures.append(f'{db}: {n} of 60 letters: an import half there')
        return n == 60
    r.scenario('import', base, lambda db: [g, 'import', 'letters', csv, '--db', db],
               letters_there, a.max_points)

    # coding
    def coding_there(db):
        con = sqlite3.connect(db)
        n = con.execute("SELECT count(*) FROM codings k JOIN coders r ON r.id = k.coder_id "
                        "WHERE r.name = 'Felkodare'").fetchone()[0]
        con.close()
        return n == 1
    r.scenario('code', base, lambda db: [g, 'code', '1', '--code', 'Trygghet', '--coder',
                                         'Felkodare', '--span', '0:7', '--db', db],
               coding_there, a.max_points)

    # a finding with its evidence, through the store's functions
    def finding_there(db):
        con = sqlite3.connect(db)
        n = con.execute("SELECT count(*) FROM findings f JOIN finding_codings e ON "
                        "e.finding_id = f.id WHERE f.title = 'Felfynd i matsalen'").fetchone()[0]
        m = con.execute("SELECT count(*) FROM findings WHERE title = 'Felfynd i matsalen'"
                        ).fetchone()[0]
        con.close()
        if m != n:
            r.failures.append(f'{db}: a finding without its evidence')
        return n == 1
    r.scenario('finding', base, lambda db: [r.finding, db, 'Felfynd i matsalen', '1'],
               finding_there, a.max_points)

    # ranking: a ballot, an import of three ballots (all or none), closing the round (its state
    # and the areas' order and notes in one transaction)
    school = 'Ekåsens skola'

    def ballots_of(db, who):
        con = sqlite3.connect(db)
        n = con.execute('SELECT count(*) FROM ballots WHERE participant IN (%s)'
                        % ','.join('?' * len(who)), who).fetchone()[0]
        con.close()
        return n
    r.scenario('ballot', base, lambda db: [g, 'rank', 'vote', '--school', school, '--participant',
                                           'Felröst', '--order', 'Återkoppling på bedömning > '
                                           'Studiero på lektionerna', '--db', db],
               lambda db: ballots_of(db, ['Felröst']) == 1, a.max_points)
    ballots_csv = os.path.join(tmp, 'ballots.csv')
    with open(ballots_csv, 'w', encoding='utf-8') as f:
        f.write('participant,order\nFel 1,Studiero på lektionerna > Återkoppling på bedömning\n'
                'Fel 2,Vikarier och personalomsättning\nFel 3,Återkoppling på bedömning = '
                'Studiero på lektionerna\n')

    def ballots_there(db):
        n = ballots_of(db, ['Fel 1', 'Fel 2', 'Fel 3'])
        if n not in (0, 3):
            r.failures.append(f'{db}: {n} of 3 ballots: an import half there')
        return n == 3
    r.scenario('ballot-import', base, lambda db: [g, 'rank', 'import', ballots_csv, '--school',
                                                  school, '--db', db], ballots_there,
               a.max_points)

    def closed(db):
        con = sqlite3.connect(db)
        state = con.execute("SELECT r.state FROM rounds r JOIN schools s ON s.id = r.school_id "
                            "WHERE s.name = ?", (school,)).fetchone()[0]
        notes = con.execute("SELECT count(*) FROM findings f JOIN schools s ON s.id = "
                            "f.school_id WHERE s.name = ? AND f.kind = 'area' AND f.rank_note "
                            "IS NOT NULL", (school,)).fetchone()[0]
        con.close()
        if (state == 'closed') != (notes == 3):
            r.failures.append(f'{db}: the round is {state} and {notes} of 3 areas have notes')
        return state == 'closed'
    r.scenario('close', base, lambda db: [g, 'rank', 'close', '--school', school, '--db', db],
               closed, a.max_points)

    # an upgrade of an older project (the copy before it, then the steps)
    old = os.path.join(tmp, 'old.db')
    con = sqlite3.connect(old)
    con.executescript(open(os.path.join(a.fixtures, 'schema', 'v4.sql'), encoding='utf-8').read())
    con.execute('PRAGMA application_id=1196185939')
    con.execute('PRAGMA user_version=4')
    con.close()

    con = sqlite3.connect(base)
    latest = con.execute('PRAGMA user_version').fetchone()[0]
    con.close()

    def upgraded(db):
        con = sqlite3.connect(db)
        v = con.execute('PRAGMA user_version').fetchone()[0]
        con.close()
        if v not in (4, latest):
            r.failures.append(f'{db}: schema version {v}')
        return v == latest
    r.scenario('upgrade', old, lambda db: [g, 'list', 'schools', '--db', db], upgraded,
               a.max_points)

    # the interface: a failed coding says so and is not pretended done; the next one is saved
    db = os.path.join(tmp, 'tui.db')
    shutil.copy(base, db)
    script = os.path.join(tmp, 'fault.script')
    with open(script, 'w') as f:
        f.write(':coder Felkodare\nkey 3 Enter\n:save-display arm\nkey v w w c\ntype tryg\n'
                'key Enter\n:save-display fault-1.txt\nkey J v w w c\ntype tryg\nkey Enter\n'
                ':save-display fault-2.txt\n')
    res = r.run([g, '--db', db], {'GL_FAULT_WRITE': '1', 'GL_FAULT_ARM': os.path.join(tmp, 'arm')},
                {'GENOMLYS_HEADLESS': '1', 'GENOMLYS_SIZE': '120x30', 'GENOMLYS_SCRIPT': script})
    s1 = open(os.path.join(tmp, 'fault-1.txt'), encoding='utf-8').read().splitlines()
    s2 = open(os.path.join(tmp, 'fault-2.txt'), encoding='utf-8').read().splitlines()
    con = sqlite3.connect(db)
    rows = con.execute("SELECT document_id FROM codings k JOIN coders c ON c.id = k.coder_id "
                       "WHERE c.name = 'Felkodare'").fetchall()
    con.close()
    print('interface, after the failed coding:', s1[-1].strip())
    print('interface, after the next coding:  ', s2[-1].strip())
    if res.returncode:
        r.failures.append(f'interface: exit {res.returncode}: {res.stderr}')
    if 'full' not in s1[-1]:
        r.failures.append('interface: the failed coding\'s message is not shown: ' + s1[-1])
    if 'Coded' in s1[-1]:
        r.failures.append('interface: the failed coding is reported done')
    if 'Coded' not in s2[-1]:
        r.failures.append('interface: the next coding is not saved: ' + s2[-1])
    if len(rows) != 1 or rows[0][0] == 1:
        r.failures.append(f'interface: codings saved for letters {rows}, want one, not letter 1')
    # the interface: a finding whose saving fails is not shown as added; the next one is saved
    db = os.path.join(tmp, 'tui-finding.db')
    shutil.copy(base, db)
    script = os.path.join(tmp, 'fault-finding.script')
    with open(script, 'w') as f:
        f.write(':coder Felkodare\nkey 4\n:school Björkdalsskolan\nkey l\n:save-display arm\n'
                'key a\ntype Felfynd ett\nkey Enter\ntype Sparas inte.\nkey Enter\n'
                ':save-display fault-f1.txt\nkey a\ntype Felfynd två\nkey Enter\n'
                'type Sparas.\nkey Enter\n:save-display fault-f2.txt\n')
    if os.path.exists(os.path.join(tmp, 'arm')):  # the coding session's: armed from the start
        os.unlink(os.path.join(tmp, 'arm'))
    res = r.run([g, '--db', db], {'GL_FAULT_WRITE': '1', 'GL_FAULT_ARM': os.path.join(tmp, 'arm')},
                {'GENOMLYS_HEADLESS': '1', 'GENOMLYS_SIZE': '120x30', 'GENOMLYS_SCRIPT': script})
    s1 = open(os.path.join(tmp, 'fault-f1.txt'), encoding='utf-8').read()
    s2 = open(os.path.join(tmp, 'fault-f2.txt'), encoding='utf-8').read()
    con = sqlite3.connect(db)
    rows = [t for (t,) in con.execute("SELECT title FROM findings WHERE title LIKE 'Felfynd%'")]
    con.close()
    print('interface, after the failed finding:', s1.splitlines()[-1].strip())
    print('interface, after the next finding:  ', s2.splitlines()[-1].strip())
    if res.returncode:
        r.failures.append(f'interface (finding): exit {res.returncode}: {res.stderr}')
    if 'full' not in s1.splitlines()[-1]:
        r.failures.append('interface: the failed finding\'s message is not shown: '
                          + s1.splitlines()[-1])
    if 'Felfynd ett' in s1 or 'added' in s1.splitlines()[-1]:
        r.failures.append('interface: the failed finding is shown as added')
    if 'Felfynd två' not in s2 or 'added' not in s2.splitlines()[-1]:
        r.failures.append('interface: the next finding is not saved: ' + s2.splitlines()[-1])
    if rows != ['Felfynd två']:
        r.failures.append(f'interface: findings saved {rows}, want only "Felfynd två"')
    for f in r.failures:
        print('FAIL', f)
    print(f'{r.points} faults injected')
    if r.failures:
        print('kept', tmp)
    else:
        shutil.rmtree(tmp)
    return 1 if r.failures else 0


if __name__ == '__main__':
    sys.exit(main())
