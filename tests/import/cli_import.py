#!/usr/bin/python3
"""Black-box tests of `genomlys import`, `search` and `demo` through the built binary.

Usage: cli_import.py GENOMLYS SOURCE_ROOT CASE   (CASE "all" runs every case)
Each case works in a fresh temporary folder, so cases run in parallel.
"""
import csv
import json
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata

EXE = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
FIXTURES = os.path.join(ROOT, 'fixtures', 'import')
DATA = os.path.join(ROOT, 'tests', 'import', 'data')
ENV = {k: v for k, v in os.environ.items() if not k.startswith('GENOMLYS_')}
ENV['LC_ALL'] = 'C.UTF-8'
ENV['LANGUAGE'] = ''


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


def equal(got, want, what):
    if got != want:
        raise Failure('%s:\n  got:  %r\n  want: %r' % (what, got, want))


def run(*args, cwd=None, env=None, rc=0):
    p = subprocess.run([EXE] + list(args), cwd=cwd, env=env or ENV, capture_output=True)
    out, err = p.stdout.decode('utf-8'), p.stderr.decode('utf-8')
    if rc is not None and p.returncode != rc:
        raise Failure('genomlys %s: exit %d, want %d\nstdout: %s\nstderr: %s'
                      % (' '.join(args), p.returncode, rc, out, err))
    return out, err


def init(tmp):
    db = os.path.join(tmp, 'p.db')
    run('init', '--db', db)
    return db


def rows(db, what):
    out, _ = run('list', what, '--db', db, '--format', 'json')
    return json.loads(out)


def snapshot(db):
    """Everything an import could change, to show that a failed one changed nothing."""
    return {w: rows(db, w) for w in ('schools', 'letters', 'survey', 'codes', 'audit')}


def letter(db, ident):
    out, _ = run('show', 'letter', str(ident), '--db', db, '--format', 'json')
    return json.loads(out)


def texts(db):
    return [letter(db, r['id'])['text'] for r in rows(db, 'letters')]


def imp(db, kind, *args, cwd=FIXTURES, rc=0):
    return run('import', kind, *args, '--db', db, cwd=cwd, rc=rc)


# ---- Letters ----

GOOD_LETTERS = {
    'good/letters_comma.csv': 'Imported 4 letters from 2 schools.',
    'good/letters_bom_crlf.csv': 'Imported 2 letters from 2 schools.',
    'good/letters_control.csv': 'Imported 2 letters from 2 schools; 2 escape sequences removed from 1 letter; 2 control characters removed from 1 letter.',
    'good/letters_cp1252.csv': 'Imported 3 letters from 2 schools (3 converted from Windows-1252).',
    'good/letters_cr.csv': 'Imported 2 letters from 2 schools.',
    'good/letters_nfd.csv':
        'Imported 2 letters from 2 schools (2 normalised from decomposed Unicode).',
    'good/letters_semicolon_reordered.csv': 'Imported 3 letters from 2 schools.',
    'good/letters_tab.csv': 'Imported 2 letters from 2 schools.',
    'good/letters_utf16le.csv': 'Imported 2 letters from 2 schools (2 converted from UTF-16).',
    'good/letters_utf16be.csv': 'Imported 2 letters from 2 schools (2 converted from UTF-16).',
}


def case_good_letters(tmp):
    for path, summary in GOOD_LETTERS.items():
        db = os.path.join(tmp, os.path.basename(path) + '.db')
        run('init', '--db', db)
        out, err = imp(db, 'letters', path)
        equal(out.strip(), summary, path)
        equal(err, '', path + ' stderr')
        for t in texts(db):
            check(t == unicodedata.normalize('NFC', t), path + ': text not NFC')
            check('\r' not in t, path + ': CR left in text')
            check(not any(ord(c) < 32 and c not in '\n\t' for c in t), path + ': control left')
        # Importing the same file again adds nothing.
        before = snapshot(db)
        out, _ = imp(db, 'letters', path)
        n = int(summary.split()[1])
        equal(out.strip(), 'Imported 0 letters; %d duplicate%s skipped.' % (n, 's' if n > 1 else ''),
              path + ' again')
        after = snapshot(db)
        equal(after['letters'], before['letters'], path + ': re-import changed letters')
    # Contents: embedded newlines and doubled quotes, converted and normalised text.
    db = os.path.join(tmp, 'letters_comma.csv.db')
    ls = rows(db, 'letters')
    equal([(r['school'], r['group_key'], r['author'], r['date'], r['title']) for r in ls],
          [('Lindåsskolan', 'teacher', 'L1', '2026-01-14', 'Om rasterna'),
           ('Lindåsskolan', 'student', 'E7', '2026-01-15', 'Matsalen'),
           ('Granbergs skola', 'teacher', 'L3', '2026-01-16', 'Läxor'),
           ('Granbergs skola', 'politician', 'P1', '2026-01-20', 'Skolbesök')], 'comma rows')
    equal(letter(db, 2)['text'], 'Det är för högt ljud i matsalen.\n'
          'Man hör inte vad kompisen säger. Kan vi få ljuddämpare?', 'embedded newline')
    equal(letter(db, 3)['text'], 'Eleverna säger att läxan är "frivillig" men den kommer ändå '
          'på provet.', 'doubled quotes')
    equal(letter(db, 1)['source'], 'letters_comma.csv:2', 'source names file and line')
    equal(letter(db, 2)['source'], 'letters_comma.csv:3', 'source of a row')
    equal(letter(db, 3)['source'], 'letters_comma.csv:5', 'line after a two-line field')
    db = os.path.join(tmp, 'letters_cp1252.csv.db')
    equal(letter(db, 1)['text'], 'Vi fick 5 000 € i bidrag till läromedel men allt gick åt '
          'till nya Chromebooks.', 'cp1252 text')
    equal(letter(db, 2)['text'][:28], 'Fröken säger “gå ut och lek”', 'cp1252 quotes')
    db = os.path.join(tmp, 'letters_nfd.csv.db')
    equal(sorted(r['name'] for r in rows(db, 'schools')), ['Granbergs skola', 'Lindåsskolan'],
          'NFD school name is NFC')
    db = os.path.join(tmp, 'letters_control.csv.db')
    equal(letter(db, 1)['text'], 'Sidan ettSidan två och röd text i brevet.',
          'controls removed')
    equal(letter(db, 2)['text'], 'Kolumn ett\tkolumn två: tabben ska vara kvar, åäö också.',
          'tab kept')
    db = os.path.join(tmp, 'letters_utf16le.csv.db')
    check('kuratorstid – en' in letter(db, 1)['text'], 'UTF-16 dash')
    # UTF-16 LE and BE, and the CR-only file, hold the same letters as their siblings.
    le = texts(os.path.join(tmp, 'letters_utf16le.csv.db'))
    be = texts(os.path.join(tmp, 'letters_utf16be.csv.db'))
    equal(le, be, 'UTF-16 LE and BE')
    groups = [r['group_key'] for r in rows(os.path.join(tmp, 'letters_semicolon_reordered.csv.db'),
                                            'letters')]
    equal(groups, ['teacher', 'student', 'student'], 'group names in any case and language')


def case_tree(tmp):
    db = init(tmp)
    before = snapshot(db)
    out, _ = imp(db, 'letters', 'good/tree', '--dry-run')
    summary = ('Imported 6 letters from 2 schools (1 converted from Windows-1252, '
               '1 normalised from decomposed Unicode).')
    equal(out.strip(), 'Would import' + summary[len('Imported'):], 'dry run summary')
    equal(snapshot(db), before, 'dry run wrote nothing')
    out, _ = imp(db, 'letters', 'good/tree/')
    equal(out.strip(), summary, 'tree summary')
    ls = rows(db, 'letters')
    equal([(r['school'], r['group_key'], r['source']) for r in ls], [
        ('Granbergs skola', 'student', 'tree/Granbergs skola/elev/01-laxor.txt'),
        ('Granbergs skola', 'student', 'tree/Granbergs skola/elev/02-kompisar.txt'),
        ('Granbergs skola', 'politician', 'tree/Granbergs skola/politician/01-besok.txt'),
        ('Lindåsskolan', 'student', 'tree/Lindåsskolan/Elever/01-maten.txt'),
        ('Lindåsskolan', 'teacher', 'tree/Lindåsskolan/lärare/01-rastvakter.txt'),
        ('Lindåsskolan', 'teacher', 'tree/Lindåsskolan/lärare/02-elevhalsa.txt')], 'tree rows')
    out, _ = imp(db, 'letters', 'good/tree')
    equal(out.strip(), 'Imported 0 letters; 6 duplicates skipped.', 're-import of a folder')
    equal(len(rows(db, 'letters')), 6, 're-import adds nothing')
    # A folder of one school with --school; hidden files and other files are skipped.
    school = os.path.join(tmp, 'Ekskolan')
    shutil.copytree(os.path.join(FIXTURES, 'good', 'tree', 'Lindåsskolan'), school)
    with open(os.path.join(school, 'lärare', 'notes.docx'), 'wb') as f:
        f.write(b'PK\x03\x04')
    with open(os.path.join(school, 'lärare', '.hidden.txt'), 'w') as f:
        f.write('secret\n')
    out, _ = imp(db, 'letters', school, '--school', 'Ekskolan')
    equal(out.strip(), 'Imported 3 letters from 1 school (1 converted from Windows-1252, '
          '1 normalised from decomposed Unicode); 1 file skipped (not .txt).', 'one school folder')
    # A letter where the layout says nothing of its group: an error naming it.
    with open(os.path.join(tmp, 'Ekskolan', 'stray.txt'), 'w') as f:
        f.write('Vilse.\n')
    before = snapshot(db)
    _, err = imp(db, 'letters', school, '--school', 'Ekskolan', rc=1)
    equal(err.strip(), 'genomlys: %s/stray.txt: cannot tell this letter\'s school and '
          'respondent group: letters go in FOLDER/<school>/<group>/*.txt (or give --school and '
          '--group)' % school, 'misplaced letter')
    equal(snapshot(db), before, 'misplaced letter: nothing imported')


def case_single_txt(tmp):
    db = init(tmp)
    out, _ = imp(db, 'letters', 'good/single_letter.txt', '--school', 'Lindåsskolan', '--group',
                 'TEACHER', '--kind', 'survey_text')
    equal(out.strip(), 'Imported 1 letter from 1 school.', 'single letter')
    d = letter(db, 1)
    equal((d['school'], d['group'], d['kind'], d['source']),
          ('Lindåsskolan', 'teachers', 'survey_text', 'single_letter.txt'), 'single letter row')
    with open(os.path.join(FIXTURES, 'good', 'single_letter.txt'), encoding='utf-8') as f:
        equal(d['text'], f.read().rstrip(), 'stored as is, trailing newline trimmed')
    _, err = imp(db, 'letters', 'good/single_letter.txt', rc=2)
    equal(err, "genomlys: good/single_letter.txt: which school and respondent group wrote this "
          "letter? Give --school and --group, or put it in a folder <school>/<group>/\n"
          "Try 'genomlys import --help'.\n", 'single letter without school and group')
    _, err = imp(db, 'letters', 'good/single_letter.txt', '--school', 'X', '--group', 'rektor2',
                 rc=1)
    check(err.startswith("genomlys: good/single_letter.txt: unknown respondent group 'rektor2' "
                         "(valid: teachers/teacher, students/student"), 'unknown group lists valid ones')
    _, err = imp(db, 'letters', 'good/single_letter.txt', '--school', 'X', '--group', 'elev',
                 '--kind', 'poem', rc=2)
    check("unknown kind 'poem'" in err, 'bad kind')
    _, err = imp(db, 'letters', os.path.join(tmp, 'p.db'), rc=1)
    check('cannot import letters from this kind of file' in err, 'unsupported file type')
    _, err = imp(db, 'letters', 'nonexistent.csv', rc=1)
    equal(err, 'genomlys: nonexistent.csv: no such file or folder\n', 'missing file')
    _, err = imp(db, 'survey', 'good/survey_update.csv', '--school', 'X', rc=2)
    check('for letters only' in err, '--school with survey')


BAD = [
    ('letters', 'bad/binary.csv', 'genomlys: bad/binary.csv: not a text file (contains NUL bytes)'),
    ('letters', 'bad/empty.csv', 'genomlys: bad/empty.csv: the file is empty'),
    ('letters', 'bad/empty_text.csv', "genomlys: bad/empty_text.csv:3: the letter's text is empty"),
    ('letters', 'bad/header_only.csv',
     'genomlys: bad/header_only.csv:1: a header line but no letters below it'),
    ('letters', 'bad/invalid_utf16.csv',
     'genomlys: bad/invalid_utf16.csv: the file ends in the middle of a UTF-16 character '
     '(an odd number of bytes: it is cut short or not UTF-16)'),
    ('letters', 'bad/missing_school_column.csv',
     "genomlys: bad/missing_school_column.csv:1: no 'school' column (the header has: group, "
     "author, text)"),
    ('letters', 'bad/missing_text_column.csv',
     "genomlys: bad/missing_text_column.csv:1: no 'text' column (the header has: school, group, "
     "author, title)"),
    ('letters', 'bad/ragged.csv', 'genomlys: bad/ragged.csv:4: 3 fields, but the header has 4'),
    ('letters', 'bad/unknown_group.csv',
     "genomlys: bad/unknown_group.csv:3: unknown respondent group 'rektorer2' (valid: "
     "teachers/teacher, students/student, politicians/politician, guardians/guardian, "
     "principals/principal, other staff/staff)"),
    ('letters', 'bad/unterminated_quote.csv',
     'genomlys: bad/unterminated_quote.csv:5: unterminated quoted field'),
    ('survey', 'bad/survey_bad_value.csv',
     "genomlys: bad/survey_bad_value.csv:3: 'sju' is not a number (write 7,9 or 7.9)"),
    ('survey', 'bad/survey_bad_year.csv', "genomlys: bad/survey_bad_year.csv:2: '20x5' is not a year"),
    ('codebook', 'bad/codebook_bad_color.csv',
     "genomlys: bad/codebook_bad_color.csv:3: invalid colour '#12zz99' (use a name such as red "
     "or blue, a number 0-255, or #rrggbb)"),
    ('codebook', 'bad/codebook_unknown_parent.csv',
     "genomlys: bad/codebook_unknown_parent.csv:4: unknown parent 'Undervisning' (a parent must "
     "be a code on an earlier line or in the project)"),
    # issue 9: invisible-only letters and names, header cells that would reach the terminal,
    # a codebook deeper than 8 levels, a value beyond the range of numbers
    ('letters', 'bad/invisible_text.csv', "genomlys: bad/invisible_text.csv:3: the letter's text is empty"),
    ('letters', 'bad/invisible_school.csv', 'genomlys: bad/invisible_school.csv:2: no school'),
    ('letters', 'bad/header_newline.csv',
     "genomlys: bad/header_newline.csv:1: no 'school' column (the header has: sko\\nla, grupp, "
     "text, )"),
    ('codebook', 'bad/codebook_too_deep.csv',
     'genomlys: bad/codebook_too_deep.csv:10: the codebook would be 9 levels deep; it may have at '
     'most 8 (a category is level 1)'),
    ('codebook', 'bad/codebook_bad_value.csv',
     "genomlys: bad/codebook_bad_value.csv:3: '1e400' is not a number (write 2 or 2,5)"),
]


def case_bad(tmp):
    db = init(tmp)
    # Some material first, so that "unchanged" is not merely "still empty".
    imp(db, 'letters', 'good/letters_comma.csv')
    imp(db, 'survey', 'good/survey_comma_point.csv')
    imp(db, 'codebook', 'good/codebook_small.csv')
    before = snapshot(db)
    for kind, path, message in BAD:
        for extra in ([], ['--dry-run']):
            out, err = imp(db, kind, path, *extra, rc=1)
            equal(err, message + '\n', path + ' message')
            equal(out, '', path + ' stdout')
            equal(snapshot(db), before, path + ': the project changed')
    # The binary letter as a .txt, and an empty .txt.
    for path, message in (('bad/binary.txt', 'not a text file (contains NUL bytes)'),
                          ('bad/empty.txt', 'the file is empty'),
                          ('bad/invisible.txt', 'the letter has no text')):
        _, err = imp(db, 'letters', path, '--school', 'X', '--group', 'elever', rc=1)
        equal(err, 'genomlys: %s: %s\n' % (path, message), path)
        equal(snapshot(db), before, path + ': the project changed')
    # All or nothing across files: good files before a bad one are not imported either.
    _, err = imp(db, 'letters', 'good/letters_tab.csv', 'good/tree', 'bad/ragged.csv', rc=1)
    equal(err, 'genomlys: bad/ragged.csv:4: 3 fields, but the header has 4\n', 'mixed import')
    equal(snapshot(db), before, 'mixed import: the project changed')
    run('check', '--db', db)


RAW_CONTROLS = re.compile('[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]')


def case_names(tmp):
    """Issue 9: names from folders, file names and CSV cells lose control characters and bidi
    overrides (letter text keeps its bidi controls, and the CLI shows them escaped)."""
    db = init(tmp)
    folder = os.path.join(tmp, 'brev', 'Norr\u202eskolan\x1b[2J', 'elever')
    os.makedirs(folder)
    with open(os.path.join(folder, 'brev\x1b]0;titel\x07.txt'), 'w', encoding='utf-8') as f:
        f.write('Rasten \u202eär för kort.\n')
    out, _ = imp(db, 'letters', os.path.join(tmp, 'brev'), cwd=tmp)
    equal(out.strip(), 'Imported 1 letter from 1 school; 1 escape sequence removed from 1 letter; 1 control character removed from 1 letter; 1 bidirectional control kept in 1 letter (shown as a placeholder).', 'summary')
    d = letter(db, 1)
    equal((d['school'], d['source']), ('Norrskolan', 'brev/Norrskolan/elever/brev.txt'),
          'folder and file names cleaned')
    equal(d['text'], 'Rasten \u202eär för kort.', 'letter text keeps its bidi control')
    path = os.path.join(tmp, 'names.csv')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('school,group,author,title,text\n'
                '\u2066Södra skolan\u2069,elever,"Elev\x1b[31m","Om\u202e maten",Maten är god.\n')
    out, _ = imp(db, 'letters', path, cwd=tmp)
    d = letter(db, 2)
    equal((d['school'], d['author'], d['title']), ('Södra skolan', 'Elev', 'Om maten'),
          'cells cleaned')
    for what in ('schools', 'letters', 'codings', 'coders', 'codes'):
        for fmt in ('table', 'tsv', 'json'):
            o, e = run('list', what, '--db', db, '--format', fmt)
            check(not RAW_CONTROLS.search(o + e), 'raw control in list %s --format %s' % (what, fmt))
    o, _ = run('show', 'letter', '1', '--db', db)
    check('Rasten \\u202Eär för kort.' in o, 'show escapes the bidi control: ' + o)


def case_dry_run(tmp):
    db = init(tmp)
    before = snapshot(db)
    out, _ = imp(db, 'letters', 'good/letters_cp1252.csv', 'good/letters_nfd.csv', '--dry-run')
    equal(out.strip(), 'Would import 5 letters from 2 schools (3 converted from Windows-1252, '
          '2 normalised from decomposed Unicode).', 'dry run')
    equal(snapshot(db), before, 'dry run wrote nothing')
    out, _ = imp(db, 'letters', 'good/letters_cp1252.csv', 'good/letters_nfd.csv')
    equal(out.strip(), 'Imported 5 letters from 2 schools (3 converted from Windows-1252, '
          '2 normalised from decomposed Unicode).', 'the real import says the same')
    out, _ = imp(db, 'survey', 'good/survey_update.csv', '--dry-run')
    equal(out.strip(), 'Would import 2 survey results for 2 schools.', 'survey dry run')
    equal(rows(db, 'survey'), [], 'survey dry run wrote nothing')
    out, _ = imp(db, 'codebook', 'good/codebook_small.csv', '--dry-run')
    equal(out.strip(), 'Would import 5 codes in 2 categories.', 'codebook dry run')
    equal(rows(db, 'codes'), [], 'codebook dry run wrote nothing')


def case_survey(tmp):
    db = init(tmp)
    out, _ = imp(db, 'survey', 'good/survey_semicolon_decimal_comma.csv')
    equal(out.strip(), 'Imported 6 survey results for 2 schools.', 'survey')
    out, _ = imp(db, 'survey', 'good/survey_comma_point.csv')
    equal(out.strip(), 'Imported 4 survey results for 2 schools.', 'survey with points')
    vals = {(r['school'], r['year'], r['group_key'], r['item']): (r['value'], r['n'])
            for r in rows(db, 'survey')}
    equal(vals[('Lindåsskolan', 2026, 'student', 'Trygghet')], (7.4, 58), 'decimal comma')
    equal(vals[('Granbergs skola', 2026, 'student', 'Stöd')], (7.25, None), 'decimal point, no n')
    equal(vals[('Granbergs skola', 2026, 'student', 'Trivsel, matsal')], (4.9, None), 'quoted item')
    equal(vals[('Lindåsskolan', 2026, 'teacher', 'Elevhälsa')], (5.5, None), 'English group')
    out, _ = imp(db, 'survey', 'good/survey_update.csv')
    equal(out.strip(), 'Imported 2 survey results for 2 schools (2 updated).', 'update')
    vals = {(r['school'], r['year'], r['group_key'], r['item']): (r['value'], r['n'])
            for r in rows(db, 'survey')}
    equal(vals[('Lindåsskolan', 2026, 'student', 'Studiero')], (6.2, 61), 'updated value')
    equal(len(vals), 10, 'updates add no rows')
    out, _ = imp(db, 'survey', 'good/survey_update.csv')
    equal(out.strip(), 'Nothing new: 2 survey results for 2 schools were already there, unchanged.',
          'same again')


def case_codebook(tmp):
    db = init(tmp)
    out, _ = imp(db, 'codebook', 'good/codebook_small.csv')
    equal(out.strip(), 'Imported 5 codes in 2 categories.', 'codebook')
    codes = {r['path']: r for r in rows(db, 'codes')}
    equal(sorted(codes), ['Lärmiljö', 'Lärmiljö > Studiero', 'Lärmiljö > Trygghet', 'Ton',
                          'Ton > Blandad', 'Ton > Negativ', 'Ton > Positiv'], 'code paths')
    equal((codes['Ton']['exclusive'], codes['Ton > Blandad']['value'],
           codes['Lärmiljö > Studiero']['color']), (1, 2.0, '#e6b800'), 'code fields')
    out, _ = imp(db, 'codebook', 'good/codebook_small.csv')
    equal(out.strip(), 'Nothing new: 5 codes in 2 categories were already there, unchanged.',
          'codebook again')
    equal(len(rows(db, 'codes')), 7, 'no duplicated codes')
    changed = os.path.join(tmp, 'changed.csv')
    with open(changed, 'w', encoding='utf-8') as f:
        f.write('code,parent,description,color,exclusive,value\n'
                'Lärmiljö,,"Miljön där eleverna lär sig, inne och ute.",yellow,,\n'
                'Ton,,Brevets ton.,magenta,yes,\nNy,Lärmiljö,,,,\n')
    out, _ = imp(db, 'codebook', changed)
    equal(out.strip(), 'Imported 1 code in 2 categories (1 new, 1 updated, 1 unchanged).',
          'codebook changed')
    twice = os.path.join(tmp, 'twice.csv')
    with open(twice, 'w', encoding='utf-8') as f:
        f.write('code,parent\nA,\nB,A\nb,a\n')
    _, err = imp(db, 'codebook', twice, rc=1)
    equal(err, "genomlys: %s:4: the code 'b' is listed twice (first on line 3)\n" % twice, 'twice')


# ---- Search ----

def search(db, *args, rc=0):
    return run('search', '--db', db, *args, rc=rc)


def search_ids(db, *args):
    out, _ = search(db, *args, '--format', 'json')
    return sorted(r['id'] for r in json.loads(out))


def case_search(tmp):
    db = init(tmp)
    imp(db, 'letters', os.path.join(DATA, 'search.csv'))
    equal(search_ids(db, 'får'), [1], 'får is not far')
    equal(search_ids(db, 'far'), [2], 'far is not får')
    equal(search_ids(db, 'FÅR'), [1], 'case-folded')
    equal(search_ids(db, unicodedata.normalize('NFD', 'Skåne')), [4], 'NFD query finds NFC text')
    equal(search_ids(db, 'skolutveckl*'), [3], 'prefix')
    equal(search_ids(db, '"får inte gå"'), [1], 'phrase')
    equal(search_ids(db, '"inte får"'), [], 'phrase in order only')
    equal(search_ids(db, 'rasten', 'AND', 'regnar'), [1], 'AND over several arguments')
    equal(search_ids(db, 'rasten AND far'), [], 'AND')
    equal(search_ids(db, 'rasten OR far'), [1, 2], 'OR')
    equal(search_ids(db, 'skola', '--school', 'åsens SKOLA'), [2], 'school filter')
    equal(search_ids(db, 'lärare OR lärande', '--group', 'teacher'), [2, 3], 'group filter')
    out, _ = search(db, 'studiero', '--format', 'json')
    hit = json.loads(out)
    equal(sorted(hit[0]), ['group', 'group_key', 'id', 'rank', 'school', 'snippet', 'title'],
          'json keys')
    equal((hit[0]['school'], hit[0]['group'], hit[0]['group_key'], hit[0]['title']),
          ('Bergs skola', 'politicians', 'politician', 'Skåne'), 'json values')
    check('[studiero]' in hit[0]['snippet'], 'hit marked in snippet')
    out, _ = search(db, 'far')
    equal(out, 'id  school       group     snippet\n'
          ' 2  Åsens skola  teachers  Min [far] är lärare på en annan skola.\n', 'table')
    out, _ = search(db, 'far', '--format', 'tsv')
    equal(out.splitlines()[0], 'id\tschool\tgroup\ttitle\tsnippet\trank\tgroup_key', 'tsv header')
    out, _ = search(db, 'skola OR skolorna OR rasten', '--limit', '1')
    equal(out.splitlines()[-1], '(more matches: --limit 0 shows them all)', 'limit')
    equal(len(out.splitlines()), 3, 'limit: header, one hit, the note')
    equal(len(search_ids(db, 'skola OR skolorna OR rasten', '--limit', '2')), 2, 'json limit')
    equal(len(search_ids(db, 'skola OR skolorna OR rasten')), 3, 'json shows all by default')
    out, _ = search(db, 'ingenting')
    equal(out, '(no matches)\n', 'no matches')
    _, err = search(db, '"rasten', rc=1)
    equal(err, 'genomlys: the search has an unmatched quote (")\n', 'malformed query')
    _, err = search(db, 'rasten AND', rc=1)
    equal(err, 'genomlys: AND needs a word on each side (rast AND trygg)\n', 'dangling AND')
    _, err = search(db, '(rasten', rc=1)
    equal(err, 'genomlys: the search has an unmatched parenthesis\n', 'unmatched parenthesis')
    _, err = search(db, rc=2)
    check('what should be searched for?' in err, 'no query')
    # issue 9, item 15: hyphenated words are words, not column filters
    path = os.path.join(tmp, 'hyphen.csv')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('school;group;text\n'
                'Bergs skola;lärare;Vi har F-klass och åk 1-2 i samma hus.\n'
                'Bergs skola;lärare;Eleverna vill ha mer SO-ämnen och elev:s åsikter hörs.\n'
                'Bergs skola;elever;Klassen och F-skolan.\n')
    imp(db, 'letters', path, cwd=tmp)
    equal(search_ids(db, 'F-klass'), [5], 'F-klass')
    equal(search_ids(db, '1-2'), [5], '1-2')
    equal(search_ids(db, 'SO-ämnen'), [6], 'SO-ämnen')
    equal(search_ids(db, 'elev:s'), [6], 'a colon is no column filter')
    equal(search_ids(db, 'F-kl*'), [5], 'hyphenated prefix')
    equal(search_ids(db, 'F-klass OR SO-ämnen'), [5, 6], 'OR between hyphenated words')
    equal(search_ids(db, 'F-klass', 'NOT', 'samma'), [], 'NOT')
    out, _ = search(db, 'F-klass')
    check('[F-klass]' in out, 'hyphenated word marked in the snippet: ' + out)
    for query, message in (('title:rasten', None), ('"F-klass', 'the search has an unmatched quote (")'),
                           ('F-klass)', 'the search has an unmatched parenthesis'),
                           ('()', 'the search has empty parentheses'),
                           ('OR F-klass', 'OR needs a word on each side (rast OR trygg)')):
        out, err = search(db, query, rc=None)
        if message:
            equal(err, 'genomlys: %s\n' % message, query)
        else:
            equal(err, '', query)
    _, err = search(db, 'x', '--school', 'Ingen skola', rc=1)
    check("no school named 'Ingen skola'" in err, 'unknown school filter: ' + err)


# ---- The demo ----

def case_demo(tmp):
    db = os.path.join(tmp, 'demo.db')
    out, err = run('demo', '--db', db)
    equal(out, "Created the demo project 'Älvnäs kommun – genomlysning 2026' in %s\n"
          'Imported 17 codes in 4 categories.\n'
          'Imported 40 letters from 5 schools (1 converted from Windows-1252, 1 normalised from '
          'decomposed Unicode).\n'
          'Imported 115 survey results for 5 schools.\n'
          'Added 270 codings and 85 classifications by 3 coders. Added 41 findings with 127 pieces of evidence.\n' % db, 'demo output')
    equal(err, '', 'demo stderr')
    # Every coding of the demo spans exactly the quote that codings.csv gives for it (code
    # points, in a letter converted from Windows-1252 or decomposed Unicode as well).
    with open(os.path.join(ROOT, 'fixtures', 'demo', 'codings.csv'), encoding='utf-8') as f:
        want = sorted((r['letter'], r['coder'], r['code'].split(' > ')[-1], r['quote'])
                      for r in csv.DictReader(f) if r['quote'])
    con = sqlite3.connect(db)
    got = sorted((d[len('letters/'):], c, k, q) for d, c, k, q in con.execute(
        "SELECT d.source, r.name, k.name, substr(d.text, g.start + 1, g.end - g.start) "
        "FROM codings g JOIN documents d ON d.id = g.document_id "
        "JOIN coders r ON r.id = g.coder_id JOIN codes k ON k.id = g.code_id"))
    equal(got, want, 'demo codings span their quotes')
    coders = dict(con.execute("SELECT r.name, count(*) FROM codings g "
                              "JOIN coders r ON r.id = g.coder_id GROUP BY 1"))
    check(set(coders) == {'Anna', 'Bosse', 'Cecilia'} and min(coders.values()) > 10,
          'three coders: %r' % coders)
    shared = con.execute("SELECT count(*) FROM (SELECT document_id FROM classifications "
                         "GROUP BY 1 HAVING count(DISTINCT coder_id) = 3)").fetchone()[0]
    differ = con.execute("SELECT count(*) FROM (SELECT document_id FROM classifications "
                         "GROUP BY 1 HAVING count(DISTINCT value_code_id) > 1)").fetchone()[0]
    check(shared >= 10 and 0 < differ < shared, 'a shared subset with some disagreement: '
          '%d letters classified by all three, %d differ' % (shared, differ))
    con.close()
    # --uncoded: the material without the coders' work.
    bare = os.path.join(tmp, 'bare.db')
    out, _ = run('demo', '--uncoded', '--db', bare)
    check('codings' not in out, 'demo --uncoded says nothing of codings: ' + out)
    con = sqlite3.connect(bare)
    equal(con.execute("SELECT (SELECT count(*) FROM codings) + (SELECT count(*) FROM "
                      "classifications) + (SELECT count(*) FROM coders)").fetchone()[0], 0,
          'demo --uncoded has no codings, classifications or coders')
    equal(con.execute("SELECT count(*) FROM documents").fetchone()[0], 40, 'uncoded letters')
    con.close()
    # A quote that is not in its letter: the file and line named, no project left behind.
    bad = os.path.join(tmp, 'baddemo')
    shutil.copytree(os.path.join(ROOT, 'fixtures', 'demo'), os.path.join(bad, 'demo'))
    with open(os.path.join(bad, 'demo', 'codings.csv'), 'a', encoding='utf-8') as f:
        f.write('Sjövikskolan/elever/03-maten.txt,Anna,Studiero,Ingen skrev så här.,\n')
    _, err = run('demo', '--db', os.path.join(tmp, 'z.db'),
                 env=dict(ENV, GENOMLYS_DATADIR=bad), rc=1)
    check('codings.csv:357:' in err and 'the quote is not in the letter' in err,
          'bad demo quote: ' + err)
    check(not os.path.exists(os.path.join(tmp, 'z.db')), 'no half-built demo left behind')
    equal(len(rows(db, 'letters')), 40, 'demo letters')
    equal(len(rows(db, 'schools')), 5, 'demo schools')
    equal(len(rows(db, 'codes')), 21, 'demo codes')
    equal(len(rows(db, 'survey')), 115, 'demo survey')
    check(all(r['source'].startswith('letters/') for r in rows(db, 'letters')), 'demo sources')
    for t in texts(db):
        check(t == unicodedata.normalize('NFC', t) and '\r' not in t, 'demo text normalised')
    check(oct(os.stat(db).st_mode & 0o777) == '0o600', 'demo file is private')
    before = open(db, 'rb').read()
    _, err = run('demo', '--db', db, rc=1)
    equal(err, 'genomlys: %s: the file exists already; not overwriting it\n' % db, 'demo again')
    equal(open(db, 'rb').read(), before, 'demo again left the file alone')
    run('check', '--db', db)
    # GENOMLYS_DATADIR names where the demo is; a wrong one is a clear error and leaves no file.
    env = dict(ENV, GENOMLYS_DATADIR=os.path.join(tmp, 'nowhere'))
    _, err = run('demo', '--db', os.path.join(tmp, 'x.db'), env=env, rc=1)
    check('the demo files are not there' in err, 'missing demo dir: ' + err)
    check(not os.path.exists(os.path.join(tmp, 'x.db')), 'no file left behind')
    env = dict(ENV, GENOMLYS_DATADIR=os.path.join(ROOT, 'fixtures'))
    run('demo', '--db', os.path.join(tmp, 'y.db'), env=env)
    # The default path is the one every command uses.
    run('demo', cwd=tmp)
    check(os.path.exists(os.path.join(tmp, 'genomlys.db')), 'demo at ./genomlys.db')


# ---- Size (the 'slow' suite) ----

def case_big_letter(tmp):
    """A 50 MB letter is stored whole, and memory stays within a few times its size."""
    db = init(tmp)
    folder = os.path.join(tmp, 'brev', 'Storskolan', 'lärare')
    os.makedirs(folder)
    path = os.path.join(folder, 'stor.txt')
    line = 'Vi behöver fler rastvakter på skolgården, särskilt vid förmiddagsrasten. Ska\u030ane.\r\n'
    want = []
    size = 0
    with open(path, 'w', encoding='utf-8', newline='') as f:
        while size < 50 * 1024 * 1024:
            f.write(line)
            size += len(line.encode('utf-8'))
    n = size // len(line.encode('utf-8'))
    want = unicodedata.normalize('NFC', line.replace('\r\n', '\n')) * n
    out, _ = imp(db, 'letters', os.path.join(tmp, 'brev'), cwd=tmp)
    equal(out.strip(), 'Imported 1 letter from 1 school (1 normalised from decomposed Unicode).',
          'big letter')
    d = letter(db, 1)
    want = want.rstrip('\n')
    equal(d['length'], len(want), 'stored length in characters')
    check(d['text'] == want, 'stored text equals the input')
    print('# peak memory of a child: %.0f MB'
          % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))


def case_many_rows(tmp):
    """A CSV of 100 000 letters streams: the importer's memory does not grow with the file."""
    db = init(tmp)
    path = os.path.join(tmp, 'many.csv')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('school;group;text\n')
        for i in range(100000):
            f.write('Skola %d;elever;"Brev nummer %d om rasten,\nmatsalen och ""läxorna""."\n'
                    % (i % 7, i))
    out, _ = imp(db, 'letters', path)
    equal(out.strip(), 'Imported 100000 letters from 7 schools.', 'many rows')
    equal(rows(db, 'letters')[-1]['source'], 'many.csv:200000', 'line of the last record')


def time_bound(seconds):
    """A time bound for this build: sanitizers make everything several times slower."""
    with open(EXE, 'rb') as f:
        asan = b'__asan_init' in f.read()
    return seconds * (5 if asan else 1)


def timed_run(*args, **kw):
    t0 = time.monotonic()
    out = run(*args, **kw)
    return time.monotonic() - t0, out


def case_huge_search(tmp):
    """Issue 9, item 4: searching a 200 MB letter takes well under a second (it took minutes:
    FTS5's snippet() compared every hit with every other)."""
    db = init(tmp)
    path = os.path.join(tmp, 'stor.txt')
    line = 'Vi behöver fler rastvakter på skolgården, särskilt vid förmiddagsrasten.\n'
    with open(path, 'w', encoding='utf-8') as f:
        block = line * 1000
        size = 0
        while size < 200 * 1024 * 1024:
            f.write(block)
            size += len(block.encode('utf-8'))
        f.write('Allra sist står ordet slutklämmen.\n')
    imp(db, 'letters', path, '--school', 'Storskolan', '--group', 'elever', cwd=tmp)
    bound = time_bound(1.0)
    for args in (['rastvakter'], ['rastvakter', '--limit', '1'], ['rastvakter', '--rank'],
                 ['rastvakter', '--format', 'json'], ['"fler rastvakter"', '--format', 'tsv'],
                 ['slutklämmen']):
        took, (out, _) = timed_run('search', '--db', db, *args)
        print('# search %s: %.2f s' % (' '.join(args), took))
        check(took < bound, 'search %s took %.2f s (bound %.1f s)' % (' '.join(args), took, bound))
        check(out.count('\n') >= 2, 'search %s found the letter: %s' % (' '.join(args), out))
    out, _ = search(db, '"fler rastvakter"')
    check('[fler rastvakter]' in out, 'phrase marked: ' + out)
    out, _ = search(db, 'slutklämmen')
    check('Vi behöver fler rastvakter' in out, 'a hit past a million words: the beginning')


def case_codebook_scale(tmp):
    """Issue 9, item 5: a chain of 10,000 codes (only a hand-made file has one: the store
    refuses more than 8 levels) and a flat codebook of 100,000 codes list in about a second."""
    import sqlite3
    deep = init(tmp)
    flat = os.path.join(tmp, 'flat.db')
    run('init', '--db', flat)
    c = sqlite3.connect(deep)
    c.executemany('INSERT INTO codes (id, uuid, parent_id, name, name_key) VALUES (?,?,?,?,?)',
                  ((i, 'u%d' % i, i - 1 if i > 1 else None, 'Kod %d' % i, 'kod %d' % i)
                   for i in range(1, 10001)))
    c.commit()
    c.close()
    c = sqlite3.connect(flat)
    c.executemany('INSERT INTO codes (uuid, name, name_key) VALUES (?,?,?)',
                  (('u%d' % i, 'Kod %06d' % i, 'kod %06d' % i) for i in range(100000)))
    c.commit()
    c.close()
    bound = time_bound(2.0)
    for db, args in ((deep, ['list', 'codes']), (deep, ['list', 'codes', '--format', 'json']),
                     (deep, ['codebook', 'export']), (deep, ['list', 'codings', '--code', 'Kod 1']),
                     (flat, ['list', 'codes']), (flat, ['list', 'codes', '--format', 'tsv']),
                     (flat, ['codebook', 'export'])):
        took, (out, _) = timed_run(*args, '--db', db)
        print('# %s %s: %.2f s' % (os.path.basename(db), ' '.join(args), took))
        check(took < bound, '%s took %.2f s (bound %.1f s)' % (' '.join(args), took, bound))
    out, _ = run('list', 'codes', '--db', deep, '--format', 'tsv')
    lines = out.splitlines()
    equal(len(lines), 10001, 'every code of the chain listed')
    check('\tKod 1 > Kod 2 > Kod 3 > Kod 4 > Kod 5 > Kod 6 > Kod 7 > Kod 8\t' in lines[8],
          'full path to the depth limit: ' + lines[8])
    check(lines[-1].split('\t')[3] == '… > Kod 10000', 'below it, a short path: ' + lines[-1])
    out, _ = run('list', 'codes', '--db', flat, '--format', 'tsv')
    equal(out.splitlines()[1].split('\t')[3], 'Kod 000000', 'flat codebook in name order')


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith('case_')}


def main():
    names = list(CASES) if sys.argv[3] == 'all' else [sys.argv[3]]
    failed = 0
    for name in names:
        with tempfile.TemporaryDirectory(prefix='gl-import-') as tmp:
            try:
                CASES[name](tmp)
                print('ok - %s' % name)
            except Failure as e:
                failed += 1
                print('not ok - %s\n%s' % (name, e))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
