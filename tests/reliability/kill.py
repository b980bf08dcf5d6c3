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
After every round: PRAGMA integrity_check is ok, `genomlys check` exits 0, the codings reported
saved are all there, and every import is all or nothing.

Usage: kill.py --genomlys BIN --rounds N [--seed S]
"""
import argparse
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

IMPORT_LETTERS = 200


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
    print(f'run times: code {t_code:.3f} s, import {t_import:.3f} s, tui {t_tui:.3f} s, '
          f'export {t_export:.3f} s')
    failures = []
    kinds = ['code', 'import', 'tui', 'export']
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
    print(f'{a.rounds} kills: {len(saved)} codings reported saved, all there; {len(imports)} '
          f'imports, {whole} whole and {len(imports) - whole} not at all')
    for f in failures:
        print('FAIL', f)
    if not failures:
        subprocess.run(['rm', '-rf', tmp])
    else:
        print('project kept in', tmp)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
