#!/usr/bin/python3
"""Issue 16, a real small file system: a project on a size-limited tmpfs (mounted here, so only
as root; skipped with the reason otherwise) is filled by an import of letters larger than the
space left. The import fails with a message that says the disk is full (exit 1), nothing of it
is in the project (a dump compared), PRAGMA integrity_check and `genomlys check` pass, and the
project opens and takes a small change afterwards. Then the file system is filled to the last
byte and a workbook export over an earlier workbook fails saying so: the old workbook is intact
and no temporary file is left.

Usage: tmpfs_full.py --genomlys BIN
"""
import argparse
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

SKIP = 77


def dump_hash(db):
    con = sqlite3.connect(db)
    h = hashlib.sha256()
    for line in con.iterdump():
        h.update(line.encode())
    con.close()
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--genomlys', required=True)
    a = ap.parse_args()
    g = os.path.abspath(a.genomlys)
    if os.geteuid() != 0:
        print('SKIP: mounting a size-limited tmpfs needs root (this test runs as uid '
              f'{os.geteuid()})')
        return SKIP
    tmp = tempfile.mkdtemp(prefix='gl-tmpfs-')
    mnt = os.path.join(tmp, 'small')
    os.mkdir(mnt)
    env = dict(os.environ, LANG='C.UTF-8', LC_ALL='C.UTF-8', LANGUAGE='', GENOMLYS_DB='',
               XDG_CONFIG_HOME='/nonexistent', XDG_STATE_HOME=os.path.join(tmp, 'state'))

    def run(*args):
        return subprocess.run([g, *args], env=env, cwd=tmp, capture_output=True, text=True,
                              timeout=300)
    base = os.path.join(tmp, 'base.db')
    r = run('demo', '--db', base)
    if r.returncode:
        print('demo:', r.stderr)
        return 1
    size = os.path.getsize(base)
    # room for the project, its WAL while it is opened, and a little more: not for the import
    m = subprocess.run(['mount', '-t', 'tmpfs', '-o', f'size={size * 2 + 512 * 1024},mode=0700',
                        'tmpfs', mnt], capture_output=True, text=True)
    if m.returncode:
        print(f'SKIP: cannot mount a tmpfs here ({m.stderr.strip()})')
        shutil.rmtree(tmp)
        return SKIP
    failures = []
    try:
        db = os.path.join(mnt, 'p.db')
        shutil.copy(base, db)
        before = dump_hash(db)
        csv = os.path.join(tmp, 'letters.csv')   # on the big disk
        with open(csv, 'w', encoding='utf-8') as f:
            f.write('school,group,author,date,title,text\n')
            for i in range(400):
                f.write(f'Fullskolan,elever,Elev {i},2026-04-01,Brev {i},"Fullbrev {i}: '
                        + 'Det är trångt i matsalen och för få vuxna på rasten. ' * 60 + '"\n')
        st = os.statvfs(mnt)
        print(f'tmpfs of {st.f_blocks * st.f_frsize // 1024} KiB, '
              f'{st.f_bavail * st.f_frsize // 1024} KiB free; project {size // 1024} KiB, '
              f'import {os.path.getsize(csv) // 1024} KiB')
        r = run('import', 'letters', csv, '--db', db)
        msg = (r.stdout + r.stderr).strip()
        print(f'import: exit {r.returncode}: {msg}')
        if r.returncode != 1:
            failures.append(f'the import exits {r.returncode}, not 1')
        if 'full' not in msg:
            failures.append(f'the message does not say the disk is full: {msg!r}')
        if dump_hash(db) != before:
            failures.append('the project changed')
        con = sqlite3.connect(db)
        if con.execute('PRAGMA integrity_check').fetchall() != [('ok',)]:
            failures.append('integrity_check fails')
        n = con.execute("SELECT count(*) FROM documents WHERE text LIKE 'Fullbrev %'").fetchone()[0]
        con.close()
        if n:
            failures.append(f'{n} letters of the failed import are there')
        r = run('check', '--db', db)
        if r.returncode:
            failures.append(f'genomlys check: {r.stdout}{r.stderr}')
        r = run('list', 'schools', '--db', db)
        if r.returncode or 'Björkdalsskolan' not in r.stdout:
            failures.append(f'the project does not open: {r.stderr}')
        r = run('code', '1', '--code', 'Trygghet', '--coder', 'Efter', '--span', '0:5', '--db', db)
        if r.returncode:
            failures.append(f'a small change afterwards fails: {r.stdout}{r.stderr}')
        # the workbook: an earlier one, then the disk filled to the last byte
        wb = os.path.join(mnt, 'wb.xlsx')
        r = run('export', 'xlsx', wb, '--db', db)
        if r.returncode:
            failures.append(f'the first workbook export fails: {r.stderr}')
        else:
            with open(wb, 'rb') as f:
                old = f.read()
            with open(os.path.join(mnt, 'filler'), 'wb') as f:
                try:
                    while True:
                        f.write(b'\0' * 65536)
                        f.flush()
                except OSError:
                    pass
            r = run('export', 'xlsx', wb, '--force', '--db', db)
            msg = (r.stdout + r.stderr).strip()
            print(f'workbook export on a full disk: exit {r.returncode}: {msg}')
            if r.returncode != 1 or ('space' not in msg and 'full' not in msg):
                failures.append(f'the export on a full disk: exit {r.returncode}, {msg!r}')
            with open(wb, 'rb') as f:
                if f.read() != old:
                    failures.append('the earlier workbook changed')
            left = [n for n in os.listdir(mnt) if '.tmp-' in n]
            if left:
                failures.append(f'the failed export left {left}')
    finally:
        subprocess.run(['umount', mnt])
    for f in failures:
        print('FAIL', f)
    if failures:
        print('kept', tmp)
    else:
        shutil.rmtree(tmp)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
