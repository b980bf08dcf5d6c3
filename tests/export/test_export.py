#!/usr/bin/python3
"""Black-box tests of `genomlys export xlsx|csv`, read back with an independent reader (openpyxl).

Usage: test_export.py GENOMLYS SOURCE_ROOT CASE   (CASE "all" runs every case)
Each case builds its own project in a fresh temporary folder (cases run in parallel).
Exit 77 (meson: skipped) with the reason printed when a case cannot run here.
"""
import csv
import io
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile

EXE = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
DATA = os.path.join(ROOT, 'tests', 'export', 'data')
ENV = {k: v for k, v in os.environ.items() if not k.startswith('GENOMLYS_')
       and k != 'SOURCE_DATE_EPOCH'}
ENV['LC_ALL'] = 'C.UTF-8'
ENV['LANGUAGE'] = ''

AUTHORS = ['Greta Lind', 'Oskar Öberg', 'Åsa Ek', 'Per Ärlig']
HYPERLINK = '=HYPERLINK("http://example.invalid","x")'


class Failure(Exception):
    pass


class Skip(Exception):
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


def project(tmp):
    """A project of two schools whose letters begin with formulas, coded by two coders."""
    db = os.path.join(tmp, 'p.db')
    run('init', '--db', db, '--name', 'Åby kommun – prov 2026')
    run('import', 'letters', os.path.join(DATA, 'letters.csv'), '--db', db)
    run('import', 'survey', os.path.join(DATA, 'survey.csv'), '--db', db)
    run('import', 'codebook', os.path.join(ROOT, 'fixtures', 'demo', 'codebook.csv'), '--db', db)
    code = lambda *a: run('code', *a, '--db', db)
    code('1', '--code', 'Studiero', '--coder', 'Anna', '--span', '0:40')
    code('1', '--code', 'Studiero', '--coder', 'Bosse', '--match', 'ingen studiero')
    code('2', '--code', 'Trygghet', '--coder', 'Anna', '--span', '0:30')
    code('3', '--code', 'Personalomsättning', '--coder', 'Anna', '--match',
         'Vikarierna byts hela tiden', '--memo', '=1+1 är ingen formel')
    code('4', '--code', 'Trygghet', '--coder', 'Cecilia', '--match', 'trygg i skolan')
    code('4', '--code', 'Resurser', '--coder', 'Cecilia', '--span', '0:3')
    code('5', '--code', 'Elevhälsa', '--coder', 'Bosse', '--match', 'Elevhälsan är svår att nå')
    return db


AREAS = ['Studiero i undervisningen', 'Behöriga lärare och kontinuitet',
         'Elevhälsans tillgänglighet']


def rounds(db):
    """Development areas (findings of kind 'area'), a closed municipal round and a revealed
    round of Ängsskolan."""
    have, _ = run('list', 'findings', '--db', db, '--format', 'tsv')
    for school, title in ((None, AREAS[0]), (None, AREAS[1]), (None, AREAS[2]),
                          ('Ängsskolan', 'Studiero på lektionerna'),
                          ('Ängsskolan', 'Vikarier och personalomsättning')):
        if title not in have:
            run('finding', 'add', '--kind', 'area', '--title', title, '--db', db,
                *(['--school', school] if school else []))
    r = lambda *a: run('rank', *a, '--db', db)
    r('round', 'new')
    r('vote', '--participant', 'Anna', '--order', ' > '.join([AREAS[0], AREAS[2], AREAS[1]]))
    r('vote', '--participant', 'Bosse', '--order', AREAS[2] + ' > ' + AREAS[0])
    r('vote', '--participant', 'Cecilia', '--order', AREAS[0] + ' > ' + AREAS[1] + ' = ' + AREAS[2])
    r('dots', '--participant', 'Anna', '--area', AREAS[0], '--dots', '1')
    r('score', '--participant', 'Anna', '--area', AREAS[0], '--impact', '5', '--effort', '2')
    r('close')
    r('round', 'new', '--school', 'Ängsskolan')
    r('vote', '--school', 'Ängsskolan', '--participant', 'Anna', '--order',
      'Vikarier och personalomsättning > Studiero på lektionerna')
    r('reveal', '--school', 'Ängsskolan')
    r('round', 'new', '--school', 'Östra skolan')  # open: not shown


def load(path):
    import openpyxl
    return openpyxl.load_workbook(path)


def cells(ws):
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                yield c


def header_row(ws, first):
    """The row (1-based) of a table's header: its first cell is `first`, its second set."""
    for row in ws.iter_rows(min_col=1, max_col=2):
        if row[0].value == first and row[1].value is not None:
            return row[0].row
    raise Failure('%s: no row beginning with %r' % (ws.title, first))


def table(ws, first):
    """The rows below the header beginning with `first`, as dicts, up to an empty row."""
    r = header_row(ws, first)
    head = [c.value for c in ws[r]]
    out = []
    for row in ws.iter_rows(min_row=r + 1, values_only=True):
        if all(v is None for v in row):
            break
        out.append({h: v for h, v in zip(head, row) if h is not None})
    return out


# ---- cases ----

def case_sheets(tmp):
    """Sheet names, order and headings in both languages; å/ä/ö; numbers as numbers; no
    formula where text was given; autofilter and frozen header; print setup; 0600."""
    db = project(tmp)
    os.umask(0)
    sv = os.path.join(tmp, 'sv.xlsx')
    en = os.path.join(tmp, 'en.xlsx')
    out, _ = run('export', 'xlsx', sv, '--db', db, '--lang', 'sv')
    equal(out, 'Wrote the workbook to %s\n' % sv, 'the message names the file')
    run('export', 'xlsx', en, '--db', db, '--lang', 'en')
    equal(stat.S_IMODE(os.stat(sv).st_mode), 0o600, 'the workbook is private (umask 0)')
    wsv, wen = load(sv), load(en)
    equal(wsv.sheetnames, ['Översikt', 'Utvecklingsplan, kommunen', 'Ängsskolan',
                           'Östra skolan', 'Rangordning', 'Koder', 'Citat', 'Enkäter', 'Metod'],
          'Swedish sheets, in the order of the issue')
    equal(wen.sheetnames, ['Overview', 'Development plan, municipality', 'Ängsskolan',
                           'Östra skolan', 'Ranking', 'Codes', 'Quotes', 'Surveys', 'Method'],
          'English sheets')

    for wb, lang in ((wsv, 'sv'), (wen, 'en')):
        # not one formula anywhere: letters and memos beginning with = @ + - stay text
        for ws in wb:
            for c in cells(ws):
                check(c.data_type != 'f', '%s %s!%s is a formula: %r'
                      % (lang, ws.title, c.coordinate, c.value))
    q = table(wsv['Citat'], 'Kod')
    equal(list(q[0].keys()), ['Kod', 'Kategori', 'Skola', 'Respondentgrupp', 'Författare',
                              'Brev', 'Citat', 'Kodare', 'Memo'], 'Quotes headings (sv)')
    qe = table(wen['Quotes'], 'Code')
    equal(list(qe[0].keys()), ['Code', 'Category', 'School', 'Respondent group', 'Author',
                               'Letter', 'Quote', 'Coder', 'Memo'], 'Quotes headings (en)')
    equal(len(q), 7, 'one row per coding')
    quotes = [r['Citat'] for r in q]
    check(any(v.startswith(HYPERLINK) for v in quotes), 'the =HYPERLINK letter as text: %r' % quotes)
    check(any(v.startswith('@SUM(A1)') for v in quotes), 'the @SUM letter as text')
    check('+46' in quotes, 'a quote of "+46" stays text')
    first = next(r for r in q if r['Citat'].startswith(HYPERLINK))
    equal((first['Kod'], first['Kategori'], first['Skola'], first['Respondentgrupp'],
           first['Brev'], first['Kodare']),
          ('Lärmiljö > Studiero', 'Lärmiljö', 'Ängsskolan', 'elever', 'Om lektionerna', 'Anna'),
          'a quote row (å/ä/ö kept)')
    check(any(r['Memo'] == '=1+1 är ingen formel' for r in q), 'a memo beginning with = as text')
    untitled = next(r for r in q if r['Citat'] == '+46')
    equal(untitled['Brev'], 'Brev 4', 'a letter without a title is named by its number')
    groups_en = {r['Respondent group'] for r in qe}
    equal(groups_en, {'students', 'teachers', 'guardians'}, 'group names in English')

    # frozen header and autofilter over the table
    ws = wsv['Citat']
    hr = header_row(ws, 'Kod')
    equal(ws.freeze_panes, 'A%d' % (hr + 1), 'Quotes: the header frozen')
    equal(ws.auto_filter.ref, 'A%d:I%d' % (hr, hr + 7), 'Quotes: autofilter over the table')
    equal(ws.print_title_rows, '$%d:$%d' % (hr, hr), 'Quotes: header repeated on printed pages')
    equal(ws.page_setup.orientation, 'landscape', 'Quotes: landscape')
    check(ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0,
          'Quotes: fit to one page wide, as many pages down as it takes')
    check('Åby kommun' in (ws.oddFooter.left.text or ''), 'footer names the project: %r'
          % ws.oddFooter.left.text)
    check(ws.column_dimensions['G'].width > ws.column_dimensions['H'].width,
          'column widths follow the contents (quote wider than coder)')
    check(ws.cell(hr + 1, 7).alignment.wrap_text, 'quotes wrap')
    # every sheet measures its own columns: a text that a column of an earlier sheet already
    # held (the school sheets' headings) still sets this sheet's width
    for wb, lang in ((wsv, 'sv'), (wen, 'en')):
        for sheet in wb:
            for c in cells(sheet):
                if c.row > 1 and c.data_type == 's' and c.value:
                    dim = sheet.column_dimensions.get(c.column_letter)
                    check(dim is not None and dim.customWidth, '%s %s: column %s has a width'
                          % (lang, sheet.title, c.column_letter))

    # Surveys: numbers as numbers, the value below the threshold (6) highlighted
    s = table(wsv['Enkäter'], 'Enkät')
    equal(len(s), 4, 'four survey results')
    low = next(r for r in s if r['Skola'] == 'Ängsskolan' and r['Fråga'] == 'Trygghet')
    equal((low['Värde'], low['Svarande'], low['Under gränsvärdet']), (5.4, 41, 'ja'),
          'a low value, as a number, marked')
    check(abs(low['Kommunens medelvärde'] - 6.75) < 1e-9, 'the municipal mean')
    ws = wsv['Enkäter']
    hr = header_row(ws, 'Enkät')
    fills = {(ws.cell(r, 4).value, ws.cell(r, 5).value): ws.cell(r, 6).fill.fgColor.rgb
             for r in range(hr + 1, hr + 5)}
    lowfill = fills.pop(('Ängsskolan', 'Trygghet'))
    check(lowfill not in fills.values(), 'the low value has a fill of its own: %r %r'
          % (lowfill, fills))
    check(all(isinstance(ws.cell(r, 6).value, float) for r in range(hr + 1, hr + 5)),
          'values are numbers')
    # values and municipal means with one decimal, as the Surveys pane and `genomlys plan`
    for r in range(hr + 1, hr + 5):
        for c in (6, 8):
            if ws.cell(r, c).value is not None:
                equal(ws.cell(r, c).number_format, '0.0', 'one decimal: %s%d'
                      % (ws.cell(r, c).column_letter, r))
    equal(ws.freeze_panes, 'A%d' % (hr + 1), 'Surveys: the header frozen')

    # Overview: project, the choice of names, letters per school and group, contents linked
    ov = wsv['Översikt']
    text = [c.value for c in cells(ov)]
    check('Åby kommun – prov 2026' in text, 'the project named')
    check(any(isinstance(v, str) and v.startswith('pseudonymiserade') for v in text),
          'the overview says authors are pseudonymised')
    per = table(ov, 'Skola')
    equal(per[0], {'Skola': 'Ängsskolan', 'elever': 2, 'lärare': 1, 'vårdnadshavare': 0,
                   'Totalt': 3}, 'letters per school and group')
    links = [c for c in cells(ov) if c.hyperlink]
    equal([c.value for c in links], ['Översikt', 'Utvecklingsplan, kommunen', 'Ängsskolan',
                                     'Östra skolan', 'Rangordning', 'Koder', 'Citat', 'Enkäter',
                                     'Metod'],
          'contents')
    check(all(c.hyperlink.location for c in links), 'contents link inside the workbook')

    # Method: coders and the codebook with descriptions
    m = wsv['Metod']
    coders = table(m, 'Kodare')
    equal([(r['Kodare'], r['Kodningar']) for r in coders],
          [('Anna', 3), ('Bosse', 2), ('Cecilia', 2)], 'coders and their codings')
    book = table(m, 'Kod')
    check(any(r['Kod'] == 'Lärmiljö > Studiero' and r['Beskrivning'] for r in book),
          'the codebook with descriptions')


def case_names(tmp):
    """Authors pseudonymised by default, the same pseudonym wherever a letter appears;
    --names keep keeps them and the overview says so."""
    db = project(tmp)
    p = os.path.join(tmp, 'p.xlsx')
    run('export', 'xlsx', p, '--db', db, '--lang', 'sv')
    wb = load(p)
    for ws in wb:
        for c in cells(ws):
            for a in AUTHORS:
                check(not (isinstance(c.value, str) and a in c.value),
                      '%s!%s shows the author %r' % (ws.title, c.coordinate, a))
    q = table(wb['Citat'], 'Kod')
    by_letter = {}
    for r in q:
        by_letter.setdefault(r['Brev'], set()).add(r['Författare'])
    for letter, names in by_letter.items():
        equal(len(names), 1, 'one pseudonym for the letter %r' % letter)
    pseud = {r['Brev']: r['Författare'] for r in q}
    check(pseud['Om lektionerna'].endswith(', Ängsskolan'), 'a pseudonym names the school: %r'
          % pseud['Om lektionerna'])
    check(pseud['Om lektionerna'] != pseud['Om rasterna'], 'two authors, two pseudonyms')

    k = os.path.join(tmp, 'k.xlsx')
    run('export', 'xlsx', k, '--db', db, '--lang', 'en', '--names', 'keep')
    wb = load(k)
    q = table(wb['Quotes'], 'Code')
    equal({r['Author'] for r in q}, set(AUTHORS), 'names kept')
    text = [c.value for c in cells(wb['Overview'])]
    check('names kept as written in the letters' in text, 'the overview says names are kept')


def case_pseudonyms(tmp):
    """The Quotes sheet reads every letter's stored author number (author_n): the same
    pseudonym as `genomlys pseudonymise --authors` for authors with several letters, letters
    without an author, and another group and school; the numbers are stable across erasure
    and new imports."""
    db = os.path.join(tmp, 'p.db')
    run('init', '--db', db, '--name', 'Pseudonymer')
    rows = [('Ängsskolan', 'elever', 'Örjan Ås', 'A1'), ('Ängsskolan', 'elever', '', 'A2'),
            ('Ängsskolan', 'elever', 'Lina Berg', 'A3'), ('Ängsskolan', 'elever', ' Örjan Ås ', 'A4'),
            ('Ängsskolan', 'lärare', 'Lina Berg', 'A5'), ('Ängsskolan', 'elever', 'Mona Ek', 'A6'),
            ('Björkskolan', 'elever', 'Mona Ek', 'B1'), ('Björkskolan', 'elever', '', 'B2'),
            ('Björkskolan', 'elever', 'Lina Berg', 'B3'), ('Ängsskolan', 'elever', 'Lina Berg', 'A7')]
    letters = os.path.join(tmp, 'letters.csv')
    with open(letters, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(['school', 'group', 'author', 'date', 'title', 'text'])
        for school, group, author, title in rows:
            w.writerow([school, group, author, '2026-03-01', title, 'Studiero saknas i klassrummet (%s).' % title])
    run('import', 'letters', letters, '--db', db)
    run('import', 'codebook', os.path.join(ROOT, 'fixtures', 'demo', 'codebook.csv'), '--db', db)
    for i in range(1, len(rows) + 1):
        run('code', str(i), '--code', 'Studiero', '--coder', 'Anna', '--span', '0:8', '--db', db)
    out, _ = run('pseudonymise', '--authors', '--format', 'tsv', '--db', db)
    want = {}
    for line in out.splitlines()[1:]:
        lid, _, pseud = line.split('\t')
        want[rows[int(lid) - 1][3]] = pseud
    equal(len(want), 8, 'letters with a named author')
    p = os.path.join(tmp, 'p.xlsx')
    run('export', 'xlsx', p, '--db', db, '--lang', 'en')
    got = {r['Letter']: r['Author'] for r in table(load(p)['Quotes'], 'Code')}
    equal(len(got), len(rows), 'one quote per letter')
    for title, pseud in want.items():
        equal(got[title], pseud, 'the pseudonym of the letter %s' % title)
    # the letters without an author are authors of their own, numbered among the others
    equal(got['A2'], 'Elev 2, Ängsskolan', 'a letter without an author (A2)')
    equal(got['B2'], 'Elev 2, Björkskolan', 'a letter without an author (B2)')
    equal(got['A4'], got['A1'], 'one author, two letters (the name trimmed)')
    # only one school: the same numbers
    s = os.path.join(tmp, 's.xlsx')
    run('export', 'xlsx', s, '--db', db, '--lang', 'en', '--school', 'Björkskolan')
    got_s = {r['Letter']: r['Author'] for r in table(load(s)['Quotes'], 'Code')}
    equal(got_s, {t: got[t] for t in ('B1', 'B2', 'B3')}, 'the pseudonyms with --school')

    # Stable numbers (schema step 11): erasing an author renumbers nobody, and the erased
    # author's number is never given again (only a counter is kept, no name).
    equal(got['A1'], 'Elev 1, Ängsskolan', 'Örjan Ås before the erasure')
    run('erase', '--author', 'örjan ÅS', '--yes', '--db', db)
    e = os.path.join(tmp, 'e.xlsx')
    run('export', 'xlsx', e, '--db', db, '--lang', 'en')
    got_e = {r['Letter']: r['Author'] for r in table(load(e)['Quotes'], 'Code')}
    equal(sorted(got_e), sorted(t for t in got if t not in ('A1', 'A4')), 'the letters left')
    for title, pseud in got_e.items():
        equal(pseud, got[title], 'the pseudonym of %s after the erasure' % title)
    more = os.path.join(tmp, 'more.csv')
    with open(more, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(['school', 'group', 'author', 'date', 'title', 'text'])
        for author, title in (('LINA berg', 'A8'), ('Örjan Ås', 'A9'), ('Nils Nord', 'A10')):
            w.writerow(['Ängsskolan', 'elever', author, '2026-04-01', title, 'Ny text (%s).' % title])
    run('import', 'letters', more, '--db', db)
    out, _ = run('pseudonymise', '--authors', '--format', 'tsv', '--db', db)
    by_title = {}
    import sqlite3
    con = sqlite3.connect(db)
    titles = dict(con.execute('SELECT id, title FROM documents'))
    for line in out.splitlines()[1:]:
        lid, _, pseud = line.split('\t')
        by_title[titles[int(lid)]] = pseud
    equal(by_title['A8'], got['A3'], 'a new letter by an author of the school and group')
    equal(by_title['A9'], 'Elev 5, Ängsskolan', 'the erased author comes back: a new number')
    equal(by_title['A10'], 'Elev 6, Ängsskolan', 'a new author: the next number')
    equal(by_title['A3'], got['A3'], 'Lina Berg unchanged')
    # nothing of the erased author is kept: the counter table has numbers only
    equal([r[1] for r in con.execute('PRAGMA table_info(author_counters)')],
          ['school_id', 'group_id', 'last'], 'the counter table columns')
    equal(con.execute("SELECT count(*) FROM documents WHERE author_key = 'örjan ås' AND "
                      "title <> 'A9'").fetchone()[0], 0, 'no key of the erased letters')
    con.close()


def terms():
    """The workbook's own words (workbook.c's TERMS): (English, Swedish) pairs."""
    import re
    src = open(os.path.join(ROOT, 'src', 'export', 'workbook.c'), encoding='utf-8').read()
    body = src[src.index('#define TERMS(T)'):src.index('enum term {')]
    body = re.sub(r'"\s*\\?\n\s*"', '', body)  # strings continued on the next line
    return re.findall(r'T\(\w+,\s*"((?:[^"\\]|\\.)*)",\s*\\?\s*"((?:[^"\\]|\\.)*)"\)', body)


def lang_project(tmp, language):
    """A project made under the interface language `language` (rounds named by genomlys, W
    undefined for a round of one participant), with findings and their evidence, and a letter
    longer than Excel's cell so that its quote is cut with a marker."""
    env = dict(ENV, LANGUAGE=language)
    db = project(tmp)
    long_csv = os.path.join(tmp, 'long.csv')
    with open(long_csv, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(['school', 'group', 'author', 'date', 'title', 'text'])
        w.writerow(['Östra skolan', 'lärare', 'Lång Skribent', '2026-02-09', 'Långt brev',
                    'Långt brev om studiero. ' * 1500])
    run('import', 'letters', long_csv, '--db', db)
    run('code', '6', '--code', 'Studiero', '--coder', 'Anna', '--span', '0:35000', '--db', db)
    findings(db)
    r = lambda *a: run('rank', *a, '--db', db, env=env)
    r('round', 'new')
    r('vote', '--participant', 'Anna', '--order', AREAS[0] + ' > ' + AREAS[1])
    r('vote', '--participant', 'Bosse', '--order', AREAS[1] + ' > ' + AREAS[0])
    r('close')
    r('round', 'new', '--school', 'Ängsskolan')
    run('finding', 'add', '--kind', 'area', '--title', 'Vikarier', '--school', 'Ängsskolan',
        '--db', db)
    run('finding', 'add', '--kind', 'area', '--title', 'Raster', '--school', 'Ängsskolan',
        '--db', db)
    r('vote', '--school', 'Ängsskolan', '--participant', 'Anna', '--order', 'Vikarier > Raster')
    r('reveal', '--school', 'Ängsskolan')
    return db


def case_lang(tmp):
    """--lang en under a Swedish interface (LANGUAGE=sv) has no Swedish text that genomlys
    generates, and --lang sv under an English one no English: every label cell is checked
    against the workbook's words of the other language, and the texts that come from other
    parts of genomlys (a round's default name, why W is undefined, respondent groups in the
    code x group matrix, the plan and the overview, the marker of a cut text) are in the
    workbook's language. Data keeps its language (schools, quotes, titles, codes,
    pseudonyms)."""
    pairs = terms()
    check(len(pairs) > 100, 'the TERMS table was read: %d' % len(pairs))
    groups = [('teachers', 'lärare'), ('students', 'elever'), ('guardians', 'vårdnadshavare')]
    for lang, ui, other in (('en', 'sv', 1), ('sv', '', 0)):
        sub = os.path.join(tmp, lang)
        os.mkdir(sub)
        db = lang_project(sub, ui)
        p = os.path.join(sub, 'p.xlsx')
        run('export', 'xlsx', p, '--db', db, '--lang', lang, env=dict(ENV, LANGUAGE=ui))
        wb = load(p)
        mine = 0 if lang == 'en' else 1
        foreign = {t[other] for t in pairs if t[0] != t[1]}
        foreign |= {g[other] for g in groups}
        for ws in wb:
            for c in cells(ws):
                v = c.value
                if not isinstance(v, str):
                    continue
                check(v not in foreign, '%s: %s!%s is %r, a word of the other language'
                      % (lang, ws.title, c.coordinate, v))
                for word in (('Omgång', 'färre än två', 'avkortat', 'odefinierad') if lang == 'en'
                             else ('Round ', 'fewer than two', 'cut: Excel', 'undefined')):
                    check(word not in v, '%s: %s!%s %r has %r' % (lang, ws.title, c.coordinate,
                                                                   v, word))
        texts = {c.value for ws in wb for c in cells(ws) if isinstance(c.value, str)}
        rank = wb['Ranking' if lang == 'en' else 'Rangordning']
        rtexts = [c.value for c in cells(rank) if isinstance(c.value, str)]
        round_word = 'Round' if lang == 'en' else 'Omgång'
        check(any(('– %s 1 (' % round_word) in t for t in rtexts),
              '%s: the round named in the workbook\'s language: %r' % (lang, rtexts))
        why = 'fewer than two participants' if lang == 'en' else 'färre än två deltagare'
        check(why in rtexts, '%s: why W is undefined: %r' % (lang, rtexts))
        codes = wb['Codes' if lang == 'en' else 'Koder']
        r = header_row(codes, 'Code' if lang == 'en' else 'Kod')
        r = header_row_after(codes, 'Code' if lang == 'en' else 'Kod', r)
        head = [c.value for c in codes[r] if c.value]
        for g in groups[:2]:
            check(g[mine] in head, '%s: the group %r in the code x group matrix: %r'
                  % (lang, g[mine], head))
        plan = wb['Development plan, municipality' if lang == 'en' else 'Utvecklingsplan, kommunen']
        ptexts = {c.value for c in cells(plan)}
        check(groups[1][mine] in ptexts, '%s: the quote\'s group in the plan' % lang)
        check(any(('(%s)' % groups[1][mine]) in t for t in texts),
              '%s: the survey set\'s group on the overview' % lang)
        marker = ('[…cut: Excel holds at most 32,767 characters]' if lang == 'en'
                  else '[…avkortat: Excel rymmer högst 32 767 tecken]')
        check(any(t.endswith(marker) for t in texts), '%s: the cut marker' % lang)


def header_row_after(ws, first, after):
    """The next table header beginning with `first` below row `after`."""
    for row in ws.iter_rows(min_row=after + 1, min_col=1, max_col=2):
        if row[0].value == first and row[1].value is not None:
            return row[0].row
    raise Failure('%s: no second row beginning with %r' % (ws.title, first))


def tsv(out):
    lines = out.splitlines()
    head = lines[0].split('\t')
    return [dict(zip(head, line.split('\t'))) for line in lines[1:]]


def school_figures(tmp):
    """--school: the Codes sheet's matrices and chart and the Method sheet's agreement count
    that school's letters only: the figures of `genomlys stats ... --school` (the demo)."""
    db = os.path.join(tmp, 'demo.db')
    run('demo', '--db', db)
    p = os.path.join(tmp, 'n.xlsx')
    run('export', 'xlsx', p, '--db', db, '--lang', 'en', '--school', 'norrbyskolan')
    wb = load(p)
    ws = wb['Codes']
    by_school = table(ws, 'Code')
    equal(list(by_school[0].keys()), ['Code', 'Norrbyskolan', 'Total'],
          "code x school: the school's column only")
    cli = {r['code']: r for r in tsv(run('stats', 'codes', '--db', db, '--school',
                                         'Norrbyskolan', '--format', 'tsv')[0])}
    for r in by_school:
        equal(r['Norrbyskolan'], int(cli[r['Code']]['Norrbyskolan']), 'codings of %s' % r['Code'])
        equal(r['Total'], r['Norrbyskolan'], 'the total of %s is the school' % r['Code'])
    # the same counts as the school's column of the whole municipality's workbook
    whole = os.path.join(tmp, 'w.xlsx')
    run('export', 'xlsx', whole, '--db', db, '--lang', 'en')
    wm = load(whole)
    muni = {r['Code']: r for r in table(wm['Codes'], 'Code')}
    check(any(r['Total'] != muni[r['Code']]['Total'] for r in by_school),
          'the municipality has more codings than the school')
    for r in by_school:
        equal(r['Norrbyskolan'], muni[r['Code']]['Norrbyskolan'], 'school column %s' % r['Code'])
    second = header_row_after(ws, 'Code', header_row(ws, 'Code'))
    head = [c.value for c in ws[second]]
    cli_g = {r['code']: r for r in tsv(run('stats', 'codes', '--by', 'group', '--db', db,
                                           '--school', 'Norrbyskolan', '--format', 'tsv')[0])}
    rows = list(ws.iter_rows(min_row=second + 1, max_row=second + len(by_school),
                             values_only=True))
    for row in rows:
        code, total = row[0], row[len([h for h in head if h is not None]) - 1]
        equal(total, int(cli_g[code]['total']), 'code x group total of %s' % code)
        equal(list(row[1:7]), [int(v) for k, v in cli_g[code].items() if k not in ('code', 'total')],
              'code x group of %s' % code)
    # the chart's table: the school's most frequent codes
    r0 = next(c.row for c in cells(ws) if c.value == 'The most frequent codes')
    first_top = ws.cell(row=r0 + 2, column=1).value
    best = max((r for r in by_school if '>' in r['Code']), key=lambda r: r['Total'])
    equal(ws.cell(row=r0 + 2, column=2).value, best['Total'], 'the most frequent code: %s' % first_top)
    # Method: agreement over the school's letters, as stats agreement --school
    coders = ','.join(r['name'] for r in tsv(run('list', 'coders', '--db', db, '--format', 'tsv')[0]))
    out, _ = run('stats', 'agreement', '--coders', coders, '--db', db, '--school',
                 'Norrbyskolan', '--format', 'tsv')
    ag = {r['code']: r for r in tsv(out.split('\ncategory\t')[0])}
    mt = table(wb['Method'], 'Code')
    equal(sorted(r['Code'] for r in mt), sorted(ag), 'the codes with agreement figures')
    for r in mt:
        want = ag[r['Code']]
        check(abs(r['Percent agreement'] - float(want['percent_agreement'])) < 1e-9,
              'percent agreement of %s' % r['Code'])
        check(abs(r["Krippendorff's α"] - float(want['alpha'])) < 1e-9, 'alpha of %s' % r['Code'])
        equal(r['Letters'], int(want['letters']), 'letters of %s' % r['Code'])
    whole_ag = table(wm['Method'], 'Code')
    check(sorted((r['Code'], r['Letters']) for r in whole_ag) !=
          sorted((r['Code'], r['Letters']) for r in mt), 'the municipality agreement differs')


def case_school(tmp):
    """--school NAME: only that school's material."""
    db = project(tmp)
    p = os.path.join(tmp, 's.xlsx')
    run('export', 'xlsx', p, '--db', db, '--lang', 'sv', '--school', 'östra skolan')
    wb = load(p)
    q = table(wb['Citat'], 'Kod')
    equal({r['Skola'] for r in q}, {'Östra skolan'}, 'quotes of that school only')
    s = table(wb['Enkäter'], 'Enkät')
    equal({r['Skola'] for r in s}, {'Östra skolan'}, 'survey results of that school only')
    # the Codes and Method sheets cover the school's letters and say so, naming the school
    for sheet, words in (('Koder', 'räknar bara kodningarna i breven från'),
                         ('Metod', 'Samstämmigheten gäller bara den här skolans brev')):
        notes = [c.value for c in cells(wb[sheet]) if isinstance(c.value, str) and words in c.value]
        equal(len(notes), 1, '%s says what it covers' % sheet)
        check(notes[0].endswith('Östra skolan.'), '%s names the school: %r' % (sheet, notes[0]))
    full = os.path.join(tmp, 'all.xlsx')
    run('export', 'xlsx', full, '--db', db, '--lang', 'sv')
    check(not any(isinstance(c.value, str) and 'räknar bara' in c.value
                  for c in cells(load(full)['Koder'])), 'no such note in the whole workbook')
    school_figures(tmp)
    _, err = run('export', 'xlsx', os.path.join(tmp, 'x.xlsx'), '--db', db, '--school',
                 'Ingenstans', rc=1)
    check('Ingenstans' in err, 'an unknown school is named: %r' % err)
    check(not os.path.exists(os.path.join(tmp, 'x.xlsx')), 'nothing written')


def case_reproducible(tmp):
    """With SOURCE_DATE_EPOCH the same project gives the same bytes, and its date."""
    db = project(tmp)
    env = dict(ENV, SOURCE_DATE_EPOCH='1767225600')  # 2026-01-01
    a, b = os.path.join(tmp, 'a.xlsx'), os.path.join(tmp, 'b.xlsx')
    run('export', 'xlsx', a, '--db', db, env=env)
    import time
    time.sleep(1.1)
    run('export', 'xlsx', b, '--db', db, env=env)
    with open(a, 'rb') as fa, open(b, 'rb') as fb:
        check(fa.read() == fb.read(), 'two exports with SOURCE_DATE_EPOCH differ')
    wb = load(a)
    equal(wb.properties.created.year, 2026, 'the creation date from SOURCE_DATE_EPOCH')
    check('2026-01-01' in [c.value for c in cells(wb.worksheets[0])], 'the export date shown')
    c1, c2 = os.path.join(tmp, 'c1'), os.path.join(tmp, 'c2')
    run('export', 'csv', c1, '--db', db, env=env)
    run('export', 'csv', c2, '--db', db, env=env)
    for f in os.listdir(c1):
        with open(os.path.join(c1, f), 'rb') as f1, open(os.path.join(c2, f), 'rb') as f2:
            check(f1.read() == f2.read(), 'CSV %s differs' % f)


def case_failures(tmp):
    """Every failure leaves no partial file and replaces no good one; usage errors exit 2."""
    db = project(tmp)
    good = os.path.join(tmp, 'good.xlsx')
    run('export', 'xlsx', good, '--db', db)
    with open(good, 'rb') as f:
        before = f.read()
    # an existing file: refused without --force, untouched; replaced with it
    _, err = run('export', 'xlsx', good, '--db', db, rc=1)
    check('exists already' in err and '--force' in err, 'names the problem: %r' % err)
    with open(good, 'rb') as f:
        check(f.read() == before, 'the existing file untouched')
    run('export', 'xlsx', good, '--db', db, '--force', '--lang', 'en')
    check(load(good).sheetnames[0] == 'Overview', 'replaced with --force')
    # the project itself, even with --force, and through a link
    with open(db, 'rb') as f:
        proj = f.read()
    _, err = run('export', 'xlsx', db, '--db', db, '--force', rc=2)
    check('.xlsx' in err, 'refuses the project (not a workbook\'s name): %r' % err)
    os.symlink(db, os.path.join(tmp, 'link.xlsx'))
    _, err = run('export', 'xlsx', os.path.join(tmp, 'link.xlsx'), '--db', db, '--force', rc=1)
    check('project' in err, 'refuses the project: %r' % err)
    with open(db, 'rb') as f:
        check(f.read() == proj, 'the project untouched')
    # a folder that cannot hold the file
    blocker = os.path.join(tmp, 'afile')
    open(blocker, 'w').close()
    _, err = run('export', 'xlsx', os.path.join(blocker, 'out.xlsx'), '--db', db, rc=1)
    check('out.xlsx' in err, 'the message names the file: %r' % err)
    run('export', 'xlsx', os.path.join(tmp, 'missing', 'out.xlsx'), '--db', db, rc=1)
    if os.geteuid() != 0:
        ro = os.path.join(tmp, 'ro')
        os.mkdir(ro, 0o500)
        run('export', 'xlsx', os.path.join(ro, 'out.xlsx'), '--db', db, rc=1)
        equal(os.listdir(ro), [], 'nothing left in the unwritable folder')
    else:
        print('note: running as root, the read-only folder case is left out (root writes anyway)')
    # nothing half-written beside the targets
    leftovers = [f for f in os.listdir(tmp) if f.startswith('.') or 'tmp' in f.lower()]
    equal(leftovers, [], 'no temporary files left')
    # usage errors: exit 2, nothing written
    for args in (['xlsx'], ['pdf', 'x.pdf'], ['xlsx', 'x.xlsx', '--lang', 'de'],
                 ['xlsx', 'x.xlsx', '--names', 'hide'], ['xlsx', 'x.xlsx', '--sep', ';'],
                 ['csv', 'xd', '--sep', '|'], ['xlsx', 'x.xlsx', '--bogus'],
                 ['xlsx', 'x.xlsx', 'y.xlsx']):
        _, err = run('export', *args, '--db', db, rc=2)
        check(err.startswith('genomlys'), 'a usage message: %r' % err)
    check(not os.path.exists(os.path.join(tmp, 'x.xlsx')), 'nothing written on usage errors')
    out, _ = run('export', '--help')
    check('--names pseudonymise|keep' in out, 'export --help')


def case_csv(tmp):
    """CSV: one file per sheet, BOM, ';', RFC 4180 quoting, the formula guard, decimal comma."""
    db = project(tmp)
    d = os.path.join(tmp, 'tabeller')
    out, _ = run('export', 'csv', d, '--db', db, '--lang', 'sv')
    equal(out, 'Wrote the tables into %s\n' % d, 'the message names the folder')
    equal(sorted(os.listdir(d)), ['01-Översikt.csv', '02-Utvecklingsplan, kommunen.csv',
                                  '03-Ängsskolan.csv', '04-Östra skolan.csv',
                                  '05-Rangordning.csv', '06-Koder.csv', '07-Citat.csv',
                                  '08-Enkäter.csv', '09-Metod.csv'], 'one file per sheet')
    equal(stat.S_IMODE(os.stat(os.path.join(d, '07-Citat.csv')).st_mode), 0o600, 'private')
    raw = open(os.path.join(d, '07-Citat.csv'), 'rb').read()
    check(raw.startswith(b'\xef\xbb\xbf'), 'a byte order mark')
    check(b'\r\n' in raw, 'CRLF line ends')
    rows = list(csv.reader(io.StringIO(raw.decode('utf-8-sig'), newline=''), delimiter=';'))
    head = rows.index(['Kod', 'Kategori', 'Skola', 'Respondentgrupp', 'Författare', 'Brev',
                       'Citat', 'Kodare', 'Memo'])
    body = rows[head + 1:]
    equal(len(body), 7, 'one row per coding')
    quotes = [r[6] for r in body]
    check("'" + HYPERLINK in ' '.join(quotes) and not any(q.startswith('=') for q in quotes),
          'a formula-like quote gets an apostrophe: %r' % quotes)
    check(any(q.startswith("'@SUM(A1)") for q in quotes), '@ guarded')
    check("'+46" in quotes, '+ guarded')
    check(any(r[8] == "'=1+1 är ingen formel" for r in body), 'memo guarded')
    s = list(csv.reader(io.StringIO(open(os.path.join(d, '08-Enkäter.csv'), encoding='utf-8-sig',
                                         newline='').read()), delimiter=';'))
    check(['Skolenkäten', '2026', 'elever', 'Ängsskolan', 'Trygghet', '5,4', '41', '6,75', 'ja']
          in s, 'decimal comma with ";": %r' % s[:6])
    # a multi-line letter stays one field
    m = list(csv.reader(io.StringIO(open(os.path.join(d, '09-Metod.csv'), encoding='utf-8-sig',
                                         newline='').read()), delimiter=';'))
    check(any(r and r[0] == 'Anna' for r in m), 'coders in Method')
    # existing files: refused without --force, then replaced
    _, err = run('export', 'csv', d, '--db', db, '--lang', 'sv', rc=1)
    check('exists already' in err, 'refused: %r' % err)
    run('export', 'csv', d, '--db', db, '--force', '--lang', 'sv', '--sep', ',')
    s = list(csv.reader(io.StringIO(open(os.path.join(d, '08-Enkäter.csv'), encoding='utf-8-sig',
                                         newline='').read()), delimiter=','))
    check(['Skolenkäten', '2026', 'elever', 'Ängsskolan', 'Trygghet', '5.4', '41', '6.75', 'ja']
          in s, 'decimal point with ",": %r' % s[:6])
    t = os.path.join(tmp, 'tab')
    run('export', 'csv', t, '--db', db, '--lang', 'en', '--sep', 'tab')
    first = open(os.path.join(t, '07-Quotes.csv'), encoding='utf-8-sig').read().splitlines()
    check(any(line.startswith('Code\tCategory\t') for line in first), 'tab-separated')
    # a file where the folder should be
    f = os.path.join(tmp, 'plain')
    open(f, 'w').close()
    _, err = run('export', 'csv', f, '--db', db, rc=1)
    check('folder' in err, 'not a folder: %r' % err)


def findings(db):
    """A municipal area and a school strength with quotes and a survey value as evidence."""
    f = lambda *a: run('finding', *a, '--db', db)[0]
    area = f('add', '--kind', 'area', '--title', AREAS[0], '--description',
             '=Studiero brister på flera skolor')
    area_id = next(w for w in area.split() if w.isdigit())
    f('add', '--kind', 'area', '--title', AREAS[1])
    f('add', '--kind', 'area', '--title', AREAS[2])
    st = f('add', '--kind', 'strength', '--title', 'Trygga raster', '--school', 'Ängsskolan')
    st_id = next(w for w in st.split() if w.isdigit())
    f('evidence', area_id, '--coding', '1')
    f('evidence', area_id, '--coding', '7')
    f('evidence', area_id, '--survey', 'Ängsskolan/Skolenkäten/2026/elever/Trygghet')
    f('evidence', st_id, '--coding', '3')
    return area_id


def case_plan(tmp):
    """The development plans: the findings' plan query, evidence under each finding, the
    ranking's figures beside an area, the same pseudonyms as the Quotes sheet and `plan`."""
    db = project(tmp)
    findings(db)
    rounds(db)
    p = os.path.join(tmp, 'p.xlsx')
    run('export', 'xlsx', p, '--db', db, '--lang', 'sv')
    wb = load(p)
    ws = wb['Utvecklingsplan, kommunen']
    rows = table(ws, 'Slag')
    equal(list(rows[0].keys())[:5], ['Slag', 'Plats', 'Iakttagelse', 'Underlag',
                                     'Beskrivning, citat eller resultat'], 'plan headings')
    hr = header_row(ws, 'Slag')
    equal(ws.freeze_panes, 'A%d' % (hr + 1), 'plan: header frozen')
    check(ws.auto_filter.ref and ws.auto_filter.ref.startswith('A%d:' % hr), 'plan: autofilter')
    first = rows[0]
    equal((first['Slag'], first['Plats'], first['Iakttagelse'],
           first['Beskrivning, citat eller resultat']),
          ('Utvecklingsområde', 1, AREAS[0], '=Studiero brister på flera skolor'),
          'the first area with its description as text')
    check(ws.cell(hr + 1, 5).data_type == 's', 'a description beginning with = is text')
    equal((first['Bordapoäng'], first['Plats enligt Schulze'], first['Prickar']), (5, 1, 1),
          "the ranking's figures beside the area")
    ev = [r for r in rows if r['Iakttagelse'] == AREAS[0] and r['Underlag'] != 'beskrivning']
    kinds = [r['Underlag'] for r in ev]
    equal(kinds, ['citat', 'citat', 'enkätresultat'], 'evidence under the finding')
    quote = ev[0]
    check(quote['Beskrivning, citat eller resultat'].startswith(HYPERLINK), 'the quote')
    survey = ev[2]
    equal((survey['Kod eller fråga'], survey['Skola'], survey['Värde']),
          ('Trygghet', 'Ängsskolan', 5.4), 'the survey value as a number')
    check(abs(survey['Kommunens medelvärde'] - 6.75) < 1e-9, 'with the municipal mean')
    # the same pseudonym as on the Quotes sheet and in `genomlys plan`
    q = table(wb['Citat'], 'Kod')
    by_quote = {r['Citat']: r['Författare'] for r in q}
    equal(quote['Författare'], by_quote[quote['Beskrivning, citat eller resultat']],
          'one pseudonym on every sheet')
    out, _ = run('plan', '--db', db)
    check(quote['Författare'] in out, 'the pseudonym of `genomlys plan`: %r in %r'
          % (quote['Författare'], out))
    school = table(wb['Ängsskolan'], 'Slag')
    equal([(r['Slag'], r['Iakttagelse'], r['Underlag']) for r in school],
          [('Styrka', 'Trygga raster', 'beskrivning'), ('Styrka', 'Trygga raster', 'citat'),
           ('Utvecklingsområde', 'Studiero på lektionerna', 'beskrivning'),
           ('Utvecklingsområde', 'Vikarier och personalomsättning', 'beskrivning')],
          "the school's plan")
    empty = [c.value for c in cells(wb['Östra skolan'])]
    check('Inga iakttagelser ännu.' in empty, 'a school without findings says so')
    # --names keep: names on the plan sheets too
    k = os.path.join(tmp, 'k.xlsx')
    run('export', 'xlsx', k, '--db', db, '--lang', 'en', '--names', 'keep')
    rows = table(load(k)['Development plan, municipality'], 'Kind')
    named = {r['Author'] for r in rows if r['Evidence'] == 'quote'}
    check(named and named <= set(AUTHORS), 'names kept on the plan: %r' % named)


def case_ranking(tmp):
    """The Ranking sheet: per level the closed (else revealed) round's results by every method,
    Kendall's W with its words, the ballots, and a bar chart of the group's order."""
    db = project(tmp)
    rounds(db)
    p = os.path.join(tmp, 'p.xlsx')
    run('export', 'xlsx', p, '--db', db, '--lang', 'sv')
    wb = load(p)
    equal(wb.sheetnames[4], 'Rangordning', 'Ranking after the plans')
    ws = wb['Rangordning']
    text = [c.value for c in cells(ws)]
    check('Kommunen – Omgång 1 (stängd: den antagna ordningen)' in text, 'the municipal round')
    check(any(isinstance(v, str) and v.startswith('Ängsskolan – ') for v in text),
          "the school's revealed round")
    check(not any(isinstance(v, str) and v.startswith('Östra skolan – ') for v in text),
          'an open round is not shown')
    res = table(ws, 'Plats')
    equal([(r['Plats'], r['Utvecklingsområde'], r['Bordapoäng']) for r in res[:3]],
          [(1, AREAS[0], 5), (2, AREAS[2], 3.5), (3, AREAS[1], 0.5)], 'results by Schulze')
    equal((res[0]['Prickar'], res[0]['Effekt (1-5)'], res[0]['Insats (1-5)']), (1, 5, 2),
          'dots, impact and effort')
    w = next(c for c in cells(ws) if c.value == 'Kendalls W (deltagarnas samstämmighet)')
    check(abs(ws.cell(w.row, 2).value - 0.6364) < 1e-3, "Kendall's W as a number")
    equal(ws.cell(w.row, 3).value, 'måttlig', "W's words")
    chi = ws.cell(w.row, 4).value
    check(chi.startswith('χ² = ') and ', fg = ' in chi and '.' not in chi and ',' in chi.split('p = ')[1],
          'chi-square, df and p in Swedish words and decimal commas: %r' % chi)
    plan = [c.value for c in cells(wb['Utvecklingsplan, kommunen'])]
    check(any(isinstance(v, str) and v.startswith('Kendalls W (deltagarnas samstämmighet): 0,64, ')
              for v in plan), "the plan's W with a decimal comma")
    ballots = table(ws, 'Deltagare (röst: varje områdes plats)')
    equal(ballots[0], {'Deltagare (röst: varje områdes plats)': 'Anna', AREAS[0]: 1,
                       AREAS[2]: 2, AREAS[1]: 3}, 'a ballot')
    equal(ballots[1][AREAS[1]], None, 'an unranked area is empty')
    equal(len(ws._charts), 2, 'a bar chart per level')
    equal(ws._charts[0].tagname, 'barChart', 'a bar chart')
    en = os.path.join(tmp, 'en.xlsx')
    run('export', 'xlsx', en, '--db', db, '--lang', 'en')
    ws = load(en)['Ranking']
    check('moderate' in [c.value for c in cells(ws)], "W's words in English")
    check(any(isinstance(v, str) and v.startswith('χ² = ') and ', df = ' in v and '.' in v
              for v in (c.value for c in cells(ws))), 'chi-square with a decimal point in English')


def case_codes(tmp):
    """Codes: the analysis's code x school and code x group matrices as numbers with a colour
    scale each, the most frequent codes with a bar chart; Method: the coders' agreement."""
    db = os.path.join(tmp, 'demo.db')
    run('demo', '--db', db)
    p = os.path.join(tmp, 'p.xlsx')
    run('export', 'xlsx', p, '--db', db, '--lang', 'sv')
    wb = load(p)
    ws = wb['Koder']
    m = table(ws, 'Kod')
    equal(list(m[0].keys()), ['Kod', 'Björkdalsskolan', 'Ekåsens skola', 'Norrbyskolan',
                              'Sjövikskolan', 'Tallbacka skola', 'Totalt'], 'code x school')
    studiero = next(r for r in m if r['Kod'] == 'Lärmiljö > Studiero')
    out, _ = run('stats', 'codes', '--db', db, '--format', 'tsv')
    check(all(isinstance(studiero[k], int) for k in studiero if k != 'Kod'), 'counts as numbers')
    equal(studiero['Totalt'], sum(v for k, v in studiero.items() if k not in ('Kod', 'Totalt')),
          'the total is the sum of the schools')
    ranges = [str(r.sqref) for r in ws.conditional_formatting]
    equal(len(ranges), 2, 'a colour scale over each matrix: %r' % ranges)
    rules = [rule for r in ws.conditional_formatting for rule in r.rules]
    check(all(rule.type == 'colorScale' for rule in rules), 'colour scales')
    equal(len(ws._charts), 1, 'a chart of the most frequent codes')
    text = [c.value for c in cells(ws)]
    check('Koder per respondentgrupp (kodningar)' in text, 'the code x group matrix')
    check('De vanligaste koderna' in text, 'the most frequent codes')
    mt = wb['Metod']
    text = [c.value for c in cells(mt)]
    check(any(isinstance(v, str) and v.startswith('Över de brev som alla kodare har läst: 3 kodare')
              for v in text), 'what the agreement rests on')
    ag = table(mt, 'Kod')
    check(ag and all(isinstance(r['Krippendorffs α'], (int, float)) for r in ag
                     if r['Krippendorffs α'] is not None), 'alpha as numbers')
    check({r['Tolkning av α'] for r in ag} <= {'tillförlitlig', 'preliminär', 'otillförlitlig',
                                               'odefinierad'}, "alpha's reading in Swedish")
    cat = table(mt, 'Kategori')
    equal(cat[0]['Kategori'], 'Helhetsbedömning', 'the exclusive category')
    check(isinstance(cat[0]['α nominal'], (int, float)), 'its alpha')
    # a project whose coders share no letter says so
    db2 = project(tmp)
    p2 = os.path.join(tmp, 'q.xlsx')
    run('export', 'xlsx', p2, '--db', db2, '--lang', 'en')
    text = [c.value for c in cells(load(p2)['Method'])]
    check('No letter has been read by every coder yet: no agreement figures.' in text,
          'no common letters: %r' % text)


def case_charts(tmp):
    """The parts a reader's program needs: a valid zip with its sheets and charts."""
    db = project(tmp)
    rounds(db)
    p = os.path.join(tmp, 'p.xlsx')
    run('export', 'xlsx', p, '--db', db)
    with zipfile.ZipFile(p) as z:
        check(z.testzip() is None, 'a valid zip')
        names = z.namelist()
    check('xl/workbook.xml' in names and 'docProps/core.xml' in names, 'workbook parts')
    check('xl/charts/chart1.xml' in names, 'charts: %r' % names)


def case_libreoffice(tmp):
    """LibreOffice opens the workbook without complaint and reads every sheet back: converted
    to CSV one file per sheet (the filter's sheet option -1, LibreOffice 7.2 and later), with
    known cells of the Overview and Quotes sheets. Skipped, with the reason, where LibreOffice
    is not installed (.ci/packages installs libreoffice-calc-nogui)."""
    soffice = shutil.which('soffice') or shutil.which('libreoffice')
    if not soffice:
        raise Skip('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui')
    db = project(tmp)
    p = os.path.join(tmp, 'p.xlsx')
    run('export', 'xlsx', p, '--db', db, '--lang', 'sv')
    sheets = load(p).sheetnames
    out = os.path.join(tmp, 'lo')
    # 44 ',' 34 '"' 76 UTF-8; token 12 = -1: every sheet to NAME-SHEET.csv
    r = subprocess.run([soffice, '--headless', '--norestore', '--convert-to',
                        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,'
                        'false,-1', '--outdir', out, p],
                       capture_output=True, timeout=600,
                       env=dict(ENV, HOME=tmp, LANGUAGE='', LC_ALL='C.UTF-8'))
    msg = (r.stdout + r.stderr).decode(errors='replace')
    equal(r.returncode, 0, 'soffice exit status (%s)' % msg)
    check('rror' not in msg.replace('Warning: failed to launch javaldx', ''),
          'LibreOffice reports an error: %s' % msg)
    got = sorted(f for f in os.listdir(out))
    equal(got, sorted('p-%s.csv' % n for n in sheets), 'one CSV per sheet')

    def rows(name):
        with open(os.path.join(out, 'p-%s.csv' % name), encoding='utf-8', newline='') as f:
            return list(csv.reader(f))
    ov = rows('Översikt')
    equal(ov[0][0], 'Åby kommun – prov 2026', 'Översikt!A1 (the title)')
    facts = {r[0]: r[1] for r in ov if len(r) > 1 and r[0]}
    equal(facts.get('Projekt'), 'Åby kommun – prov 2026', 'Översikt: the project')
    check(facts.get('Skolor', '').split(', ') == ['Ängsskolan', 'Östra skolan'],
          'Översikt: the schools: %r' % facts.get('Skolor'))
    q = rows('Citat')
    head = next(i for i, r in enumerate(q) if r[:1] == ['Kod'])
    quotes = [dict(zip(q[head], r)) for r in q[head + 1:] if any(r)]
    equal(len(quotes), 7, 'Citat: the codings')
    texts = {r['Citat'] for r in quotes}
    check(HYPERLINK in texts, 'Citat: the letter beginning with =HYPERLINK( is its text, '
          'not a formula: %r' % texts)
    check('Elevhälsan är svår att nå' in texts, 'Citat: a quote with å/ä: %r' % texts)
    memo = [r['Memo'] for r in quotes if r['Memo']]
    equal(memo, ['=1+1 är ingen formel'], 'Citat: the memo beginning with = is text')


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith('case_')}


def main():
    which = sys.argv[3] if len(sys.argv) > 3 else 'all'
    names = list(CASES) if which == 'all' else [which]
    skipped = False
    for name in names:
        tmp = tempfile.mkdtemp(prefix='gl-export-')
        try:
            CASES[name](tmp)
            print('ok', name)
        except Skip as e:
            print('SKIP %s: %s' % (name, e))
            skipped = True
        except Failure as e:
            print('FAIL %s: %s' % (name, e))
            return 1
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return 77 if skipped and len(names) == 1 else 0


if __name__ == '__main__':
    sys.exit(main())
