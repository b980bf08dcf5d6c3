#!/usr/bin/python3
"""Issue 16, "Nothing lost": genomlys killed with SIGKILL at random moments.

Each round starts one of these and kills it after a random delay within its usual run time:
  import   `genomlys import letters` of a CSV of 200 letters: afterwards all 200 are there or
           none (an import is one transaction)
  code     a `genomlys code` command of a coding loop: every coding reported saved ("Coding N:"
           and exit 0) before must be there, with its span
  tui      a scripted terminal session (GENOMLYS_SCRIPT, headless) that codes, undoes, writes
           memos and removes codings
  export   `genomlys codebook export`: the file is absent or whole (temp file + rename)
  workbook `genomlys export xlsx WB.xlsx --force` over an earlier workbook: WB.xlsx is the old
           file byte for byte or a whole new workbook (a valid zip with its workbook part), and
           what a killed export left (WB.xlsx.tmp-XXXXXX) is gone after the next export
  ballot   a `genomlys rank vote` loop in a school's open round, the last killed: every ballot
           reported stored is there with its places
  close    `genomlys rank close` of a round with ballots: the round is open with the areas'
           ranking notes as before, or closed with every area's note from this round (its
           number of ballots); reported closed means closed
  finding  a scripted session adding findings in the Findings pane, a display saved after each:
           every finding whose display was saved is there, with its description
After every round: PRAGMA integrity_check is ok, `genomlys check` exits 0, the codings reported
saved are all there, and every import is all or nothing.

Usage: kill.py --genomlys BIN --rounds N [--seed S]
"""
import argparse
import glob
import hashlib
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile

IMPORT_LETTERS = 200
SCHOOL = 'Ekåsens skola'    # the demo's school with an open round and three areas
AREAS = ['Studiero på lektionerna', 'Vikarier och personalomsättning',
         'Återkoppling på bedömning']


def file_hash(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def whole_workbook(path):
    try:
        with zipfile.ZipFile(path) as z:
            return z.testzip() is None and 'xl/workbook.xml' in z.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def env_for(tmp):
    e = dict(os.environ)
    e.update(LANG='C.UTF-8', LC_ALL='C.UTF-8', LANGUAGE='', GENOMLYS_DB='',
             XDG_CONFIG_HOME='/nonexistent', XDG_STATE_HOME=os.path.join(tmp, 'state'))
    return e


def run(cmd, env, cwd, timeout=60):
    return subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def killed_run(cmd, env, cwd, delay):
    """Starts cmd, kills it with SIGKILL after delay seconds unless it ended; returns
    (exit code or None when killed, stdout)."""
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    try:
        out, _ = p.communicate(timeout=delay)
        return p.returncode, out
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        out, _ = p.communicate()
        return None, out


def write_import_csv(path, batch):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('school,group,author,date,title,text\n')
        for i in range(IMPORT_LETTERS):
            f.write(f'Killskolan,elever,Elev {i},2026-02-01,Brev {i},"Omgång {batch} brev {i}: '
                    f'det är stökigt på lektionerna och rasterna är för korta, säger elev {i} '
                    f'i klass {i % 9 + 1}. {"Mer text om matsalen. " * (i % 7)}"\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--genomlys', required=True)
    ap.add_argument('--rounds', type=int, default=8)
    ap.add_argument('--seed', type=int, default=None)
    a = ap.parse_args()
    g = os.path.abspath(a.genomlys)
    seed = a.seed if a.seed is not None else int(time.time())
    rnd = random.Random(seed)
    print(f'seed {seed} (rerun with --seed {seed}), {a.rounds} rounds')
    tmp = tempfile.mkdtemp(prefix='gl-kill-')
    env = env_for(tmp)
    db = os.path.join(tmp, 'p.db')
    r = run([g, 'demo', '--db', db], env, tmp)
    if r.returncode != 0:
        print('demo failed:', r.stderr)
        return 1
    con = sqlite3.connect(db)
    letters = [row for row in con.execute('SELECT id, length FROM documents ORDER BY id')]
    codes = [row[0] for row in con.execute(
        "SELECT name FROM codes c WHERE parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
        "codes k WHERE k.parent_id = c.id) AND (SELECT exclusive FROM codes p WHERE p.id = "
        "c.parent_id) = 0 ORDER BY id")]
    con.close()
    codes = [c for c in codes if '>' not in c][:6]
    saved = {}          # coding id -> (letter, start, end)
    imports = []        # batch numbers started
    csv_path = os.path.join(tmp, 'import.csv')
    script = os.path.join(tmp, 'tui.script')
    with open(script, 'w', encoding='utf-8') as f:
        f.write(':coder Killtest\n')
        for i in range(12):
            f.write('key 3 Enter } v w w c\ntype ' + rnd.choice(['tryg', 'stud', 'rast', 'elev'])
                    + '\nkey Enter\n')
            if i % 3 == 1:
                f.write('key u\n')
            if i % 4 == 2:
                f.write('key Esc J\n')
        f.write(':quit\n')
    tui_env = dict(env, GENOMLYS_HEADLESS='1', GENOMLYS_SIZE='100x30', GENOMLYS_SCRIPT=script)

    def timed(cmd, e):
        t0 = time.monotonic()
        r = run(cmd, e, tmp)
        return max(time.monotonic() - t0, 0.005), r
    # each kind's run time measured once (uninterrupted), so that kills land inside a run
    t_code, r = timed([g, 'code', str(letters[0][0]), '--code', codes[0], '--coder', 'Anna',
                       '--span', '0:3', '--db', db], env)
    m = re.match(r'Coding (\d+):', r.stdout)
    if r.returncode or not m:
        print('the coding loop cannot code:', r.stdout, r.stderr)
        return 1
    saved[int(m.group(1))] = (letters[0][0], 0, 3)
    write_import_csv(csv_path, 1)
    imports.append(1)
    t_import, r = timed([g, 'import', 'letters', csv_path, '--db', db], env)
    t_tui, r = timed([g, '--db', db], tui_env)
    t_export, r = timed([g, 'codebook', 'export', '--output', os.path.join(tmp, 'c.csv'),
                         '--db', db], env)
    workbook = os.path.join(tmp, 'wb.xlsx')
    t_workbook, r = timed([g, 'export', 'xlsx', workbook, '--db', db], env)
    if r.returncode or not whole_workbook(workbook):
        print('the workbook export fails:', r.stdout, r.stderr)
        return 1

    def open_round():
        con = sqlite3.connect(db, timeout=10)
        row = con.execute("SELECT r.id FROM rounds r JOIN schools s ON s.id = r.school_id WHERE "
                          "s.name = ? AND r.state = 'open' ORDER BY r.id DESC", (SCHOOL,)
                          ).fetchone()
        con.close()
        if row:
            return row[0]
        r = run([g, 'rank', 'round', 'new', '--school', SCHOOL, '--db', db], env, tmp)
        if r.returncode:
            raise RuntimeError('rank round new: ' + r.stdout + r.stderr)
        return open_round()
    voters = [0]
    ballots = {}        # (round, participant) -> {area: place}

    def vote_cmd():
        voters[0] += 1
        who = f'Deltagare {voters[0]}'
        order = AREAS[:]
        rnd.shuffle(order)
        order = order[:rnd.randint(1, len(order))]
        places = {a: i + 1 for i, a in enumerate(order)}
        return who, places, [g, 'rank', 'vote', '--school', SCHOOL, '--participant', who,
                             '--order', ' > '.join(order), '--db', db]
    who, places, cmd = vote_cmd()
    round_id = open_round()
    t_vote, r = timed(cmd, env)
    if r.returncode:
        print('the ballot loop cannot vote:', r.stdout, r.stderr)
        return 1
    ballots[(round_id, who)] = places
    t_close, r = timed([g, 'rank', 'close', '--school', SCHOOL, '--db', db], env)
    if r.returncode:
        print('rank close fails:', r.stdout, r.stderr)
        return 1
    closes = [0]
    finding_script = os.path.join(tmp, 'finding.script')
    finding_displays = {}  # display file -> finding title

    def write_finding_script(tag):
        with open(finding_script, 'w', encoding='utf-8') as f:
            f.write(':coder Killtest\nkey 4\n:school Björkdalsskolan\nkey l\n')
            for i in range(6):
                title, shown = f'Kill-fynd {tag} {i}', os.path.join(tmp, f'kf-{tag}-{i}.txt')
                f.write(f'key a\ntype {title}\nkey Enter\ntype Beskrivning {tag} {i}.\n'
                        f'key Enter\n:save-display {shown}\n')
                finding_displays[shown] = title
            f.write(':quit\n')
    write_finding_script('m')
    t_finding, r = timed([g, '--db', db], dict(tui_env, GENOMLYS_SCRIPT=finding_script))
    if r.returncode:
        print('the findings session fails:', r.stdout, r.stderr)
        return 1
    print(f'run times: code {t_code:.3f} s, import {t_import:.3f} s, tui {t_tui:.3f} s, '
          f'export {t_export:.3f} s, workbook {t_workbook:.3f} s, vote {t_vote:.3f} s, '
          f'close {t_close:.3f} s, findings {t_finding:.3f} s')
    failures = []
    kinds = ['code', 'import', 'tui', 'export', 'workbook', 'ballot', 'close', 'finding']
    for rnd_i in range(a.rounds):
        kind = kinds[rnd_i % len(kinds)] if rnd_i < len(kinds) else rnd.choice(kinds)
        if kind == 'code':
            # a coding loop: commands one after another, the last killed
            n = rnd.randint(1, 4)
            for k in range(n):
                letter, length = rnd.choice(letters)
                start = rnd.randrange(0, max(1, length - 5))
                end = min(length, start + rnd.randint(1, 40))
                cmd = [g, 'code', str(letter), '--code', rnd.choice(codes), '--coder',
                       rnd.choice(['Anna', 'Bosse', 'Örjan']), '--span', f'{start}:{end}',
                       '--db', db]
                code, out = killed_run(cmd, env, tmp, (rnd.uniform(0, t_code * 1.3) if k == n - 1 else 60))
                m = re.match(r'Coding (\d+):', out or '')
                if code == 0 and m:
                    saved[int(m.group(1))] = (letter, start, end)
                elif code == 0:
                    failures.append(f'round {rnd_i}: code exited 0 without saying what it saved')
        elif kind == 'import':
            batch = len(imports) + 1
            write_import_csv(csv_path, batch)
            imports.append(batch)
            killed_run([g, 'import', 'letters', csv_path, '--db', db], env, tmp,
                       rnd.uniform(0, t_import * 1.3))
        elif kind == 'tui':
            killed_run([g, '--db', db], tui_env, tmp, rnd.uniform(0, t_tui * 1.3))
        elif kind == 'export':
            out_csv = os.path.join(tmp, f'codes{rnd_i}.csv')
            code, _ = killed_run([g, 'codebook', 'export', '--output', out_csv, '--db', db], env,
                                 tmp, rnd.uniform(0, t_export * 1.3))
            if os.path.exists(out_csv):
                with open(out_csv, encoding='utf-8') as f:
                    text = f.read()
                if not text.startswith('code,') or not text.endswith('\n'):
                    failures.append(f'round {rnd_i}: a partial export was left as {out_csv}')
            elif code == 0:
                failures.append(f'round {rnd_i}: export said it wrote {out_csv}, which is absent')
        elif kind == 'workbook':
            old = file_hash(workbook)
            code, _ = killed_run([g, 'export', 'xlsx', workbook, '--force', '--db', db], env, tmp,
                                 rnd.uniform(0, t_workbook * 1.3))
            if not os.path.exists(workbook):
                failures.append(f'round {rnd_i}: the old workbook is gone')
            elif file_hash(workbook) != old and not whole_workbook(workbook):
                failures.append(f'round {rnd_i}: {workbook} is neither the old file nor whole')
            elif code == 0 and file_hash(workbook) == old and not whole_workbook(workbook):
                failures.append(f'round {rnd_i}: the export said it wrote {workbook}')
            left = glob.glob(workbook + '.tmp-*')
            if code == 0 and left:
                failures.append(f'round {rnd_i}: a whole export left {left}')
        elif kind == 'ballot':
            round_id = open_round()
            n = rnd.randint(1, 4)
            for k in range(n):
                who, places, cmd = vote_cmd()
                code, out = killed_run(cmd, env, tmp,
                                       rnd.uniform(0, t_vote * 1.3) if k == n - 1 else 60)
                if code == 0 and 'ballot of' in (out or ''):
                    ballots[(round_id, who)] = places
                elif code == 0:
                    failures.append(f'round {rnd_i}: vote exited 0 without saying so: {out}')
        elif kind == 'close':
            round_id = open_round()
            closes[0] += 1
            # ballots until the round has a number of them unlike the last closed round's, so
            # that the areas' notes ("N ballots") tell which round they came from
            con = sqlite3.connect(db, timeout=10)
            last = con.execute("SELECT count(*) FROM ballots WHERE round_id = (SELECT max(r.id) "
                               "FROM rounds r JOIN schools s ON s.id = r.school_id WHERE "
                               "s.name = ? AND r.state = 'closed')", (SCHOOL,)).fetchone()[0]
            con.close()
            want = 0
            while want < 2 or want == last:
                who, places, cmd = vote_cmd()
                r = run(cmd, env, tmp)
                if r.returncode:
                    failures.append(f'round {rnd_i}: vote before close: {r.stdout}{r.stderr}')
                    break
                ballots[(round_id, who)] = places
                con = sqlite3.connect(db, timeout=10)
                want = con.execute('SELECT count(*) FROM ballots WHERE round_id = ?',
                                   (round_id,)).fetchone()[0]
                con.close()
            con = sqlite3.connect(db, timeout=10)
            notes_before = con.execute(
                "SELECT f.id, f.rank_note FROM findings f JOIN schools s ON s.id = f.school_id "
                "WHERE s.name = ? AND f.kind = 'area' ORDER BY f.id", (SCHOOL,)).fetchall()
            con.close()
            code, _ = killed_run([g, 'rank', 'close', '--round', str(round_id), '--db', db],
                                 env, tmp, rnd.uniform(0, t_close * 1.3))
            con = sqlite3.connect(db, timeout=10)
            state = con.execute('SELECT state FROM rounds WHERE id = ?', (round_id,)
                                ).fetchone()[0]
            notes = con.execute(
                "SELECT f.id, f.rank_note FROM findings f JOIN schools s ON s.id = f.school_id "
                "WHERE s.name = ? AND f.kind = 'area' ORDER BY f.id", (SCHOOL,)).fetchall()
            con.close()
            if code == 0 and state != 'closed':
                failures.append(f'round {rnd_i}: close said done, the round is {state}')
            # the note is stored as figures (gl_round_note_render words it when shown)
            if state == 'closed' and not all(f';ballots={want}' in (n or '') for _, n in notes):
                failures.append(f'round {rnd_i}: round {round_id} closed, but the areas\' '
                                f'notes are not its own: {notes}')
            if state == 'open' and notes != notes_before:
                failures.append(f'round {rnd_i}: round {round_id} still open, but the areas\' '
                                f'notes changed: {notes}')
        elif kind == 'finding':
            write_finding_script(str(rnd_i))
            killed_run([g, '--db', db], dict(tui_env, GENOMLYS_SCRIPT=finding_script), tmp,
                       rnd.uniform(0, t_finding * 1.3))
        # the checks after every kill
        try:
            con = sqlite3.connect(db, timeout=10)
            ic = con.execute('PRAGMA integrity_check').fetchall()
            if ic != [('ok',)]:
                failures.append(f'round {rnd_i} ({kind}): integrity_check: {ic}')
            for cid, (letter, start, end) in saved.items():
                row = con.execute('SELECT document_id, start, end FROM codings WHERE id = ?',
                                  (cid,)).fetchone()
                if row != (letter, start, end):
                    failures.append(f'round {rnd_i} ({kind}): coding {cid} reported saved is '
                                    f'{row}, not {(letter, start, end)}')
            for (round_id, who), places in ballots.items():
                got = dict(con.execute(
                    'SELECT f.title, r.rank FROM ballots b JOIN ballot_ranks r ON r.ballot_id = '
                    'b.id JOIN findings f ON f.id = r.finding_id WHERE b.round_id = ? AND '
                    'b.participant = ?', (round_id, who)).fetchall())
                if got != places:
                    failures.append(f'round {rnd_i} ({kind}): the ballot of {who} reported '
                                    f'stored in round {round_id} is {got}, not {places}')
            for shown, title in finding_displays.items():
                if os.path.exists(shown):
                    row = con.execute('SELECT description FROM findings WHERE title = ?',
                                      (title,)).fetchone()
                    if not row or not (row[0] or '').startswith('Beskrivning'):
                        failures.append(f'round {rnd_i} ({kind}): finding {title!r} shown saved '
                                        f'is {row}')
            for batch in imports:
                n = con.execute("SELECT count(*) FROM documents WHERE text LIKE ?",
                                (f'Omgång {batch} brev %',)).fetchone()[0]
                if n not in (0, IMPORT_LETTERS):
                    failures.append(f'round {rnd_i} ({kind}): import {batch} is half there: {n} '
                                    f'of {IMPORT_LETTERS} letters')
            con.close()
        except sqlite3.Error as e:
            failures.append(f'round {rnd_i} ({kind}): cannot read the project: {e}')
        r = run([g, 'check', '--db', db], env, tmp)
        if r.returncode != 0:
            failures.append(f'round {rnd_i} ({kind}): genomlys check: {r.stdout}{r.stderr}')
        if failures:
            break
    con = sqlite3.connect(db)
    whole = sum(1 for b in imports if con.execute(
        "SELECT count(*) FROM documents WHERE text LIKE ?", (f'Omgång {b} brev %',)).fetchone()[0])
    con.close()
    # after the kills, one export finishes: nothing a killed one left stays beside it
    r = run([g, 'export', 'xlsx', workbook, '--force', '--db', db], env, tmp)
    left = glob.glob(workbook + '.tmp-*')
    if r.returncode or left or not whole_workbook(workbook):
        failures.append(f'the export after the kills: exit {r.returncode}, left {left}')
    shown = sum(1 for p in finding_displays if os.path.exists(p))
    print(f'{a.rounds} kills: {len(saved)} codings reported saved, all there; {len(imports)} '
          f'imports, {whole} whole and {len(imports) - whole} not at all; {len(ballots)} '
          f'ballots reported stored, all there; {closes[0]} closes killed, each whole or not at '
          f'all; {shown} findings shown saved, all there; the workbook old or whole')
    for f in failures:
        print('FAIL', f)
    if not failures:
        subprocess.run(['rm', '-rf', tmp])
    else:
        print('project kept in', tmp)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
