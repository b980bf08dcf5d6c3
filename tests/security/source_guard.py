#!/usr/bin/env python3
"""Issue 16, "No way in": greps the program's source (src/) for what must never be there.

- No shell and no program started by name: system(), popen(), the exec family, wordexp(),
  "/bin/sh". Paths are data (no expansion beyond '~').
- No SQL built by printf with values in it: a format string that looks like SQL may only put
  identifiers (a table or column name chosen by the program) or numbers the program chose into
  the statement, never a quoted value ('%s', %q, %Q). Every such format is listed below with
  why it is safe; a new one fails the test until it is bound as a parameter instead (?1, :name)
  or added here with its reason.

Usage: source_guard.py SOURCE_ROOT [--self-test]
"""
import re
import sys
from pathlib import Path

FORBIDDEN_CALLS = re.compile(r'\b(system|popen|execl|execlp|execle|execv|execvp|execvpe|'
                             r'wordexp|posix_spawn|posix_spawnp)\s*\(')
SHELL = re.compile(r'"/bin/(ba)?sh\b')
PRINTF = re.compile(r'\b(snprintf|sprintf|asprintf|vsnprintf|sqlite3_mprintf|sqlite3_snprintf|'
                    r'sqlite3_vmprintf|gl_str_printf)\s*\(')
SQL = re.compile(r'\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA|WHERE|VACUUM|VALUES|ORDER BY|'
                 r'CREATE|DROP)\b')
QUOTED = re.compile(r"'%[-0-9.]*[a-zA-Z]+'|%[-0-9.]*[qQw]")
CONV = re.compile(r'%[-0-9.]*(?:zu|lld|ld|[sdiu])')

# (file, start of the format): why it is not a value from outside.
ALLOWED = {
    ('src/store/rows.c', 'SELECT uuid FROM %s WHERE id = ?1'): 'table name of the store',
    ('src/store/rows.c', 'SELECT id FROM %s WHERE name_key = ?'): 'table name of the store',
    ('src/store/rows.c', 'INSERT INTO %s (uuid, name, name_key)'): 'table name of the store',
    ('src/store/rows.c', 'DELETE FROM %s WHERE id = ?1'): 'table name of the store',
    ('src/store/rows.c', 'UPDATE %s SET name = trim(?1)'): 'table name of the store',
    ('src/store/query_surveys.c', ', (SELECT v.value FROM survey_results'): 'parameter numbers',
    ('src/store/query_surveys.c', ' ORDER BY v%d IS NULL, v%d %s, s.name'): 'column number, '
        'ASC/DESC, collation name',
    ('src/store/store.c', '%s; PRAGMA user_version=%d;'): 'the schema step (program text) and '
        'its number',
    ('src/store/store.c', 'PRAGMA application_id=%d'): 'a constant',
    ('src/store/lists.c', ' ORDER BY %s LIMIT %lld OFFSET %lld'): 'the list\'s order '
        'columns; limit and offset are int64 numbers',
    ('src/store/lists.c', ' ORDER BY %s'): 'the list\'s order columns',
    ('src/store/query_surveys.c', ' ORDER BY s.name COLLATE %s %s'): 'collation name, ASC/DESC',
    ('src/store/lists.c', ' AND %s IN (WITH RECURSIVE'): 'column name of the list table',
    ('src/store/lists.c', 'SELECT count(*) FROM (%s'): 'the list\'s own SELECT',
}


def literals(text):
    """The concatenated string literals of a call's argument text."""
    out = []
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', text):
        out.append(m.group(1))
    return ''.join(out)


def call_text(src, start):
    """From an opening parenthesis to its match (strings and chars skipped)."""
    depth, i, n = 0, start, len(src)
    while i < n:
        c = src[i]
        if c == '"' or c == "'":
            q = c
            i += 1
            while i < n and src[i] != q:
                i += 2 if src[i] == '\\' else 1
        elif c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
            if depth == 0:
                return src[start:i + 1]
        i += 1
    return src[start:]


def strip_comments(src):
    return re.sub(r'/\*.*?\*/|//[^\n]*', lambda m: re.sub(r'[^\n]', ' ', m.group(0)), src,
                  flags=re.S)


def scan(root):
    problems, seen = [], set()
    for path in sorted(Path(root, 'src').rglob('*.[ch]')):
        rel = path.relative_to(root).as_posix()
        src = strip_comments(path.read_text(encoding='utf-8', errors='replace'))
        # literals blanked to the same length, so that offsets stay those of src
        code_only = re.sub(r'"((?:[^"\\\n]|\\.)*)"', lambda m: '"' + ' ' * (len(m.group(0)) - 2)
                           + '"', src)
        for m in FORBIDDEN_CALLS.finditer(code_only):
            line = src.count('\n', 0, m.start()) + 1
            problems.append(f'{rel}:{line}: {m.group(1)}() starts a shell or a program')
        for m in SHELL.finditer(src):
            line = src.count('\n', 0, m.start()) + 1
            problems.append(f'{rel}:{line}: a shell named in the source')
        for m in PRINTF.finditer(code_only):
            paren = src.index('(', m.start())
            fmt = literals(call_text(src, paren))
            if not SQL.search(fmt) or not CONV.search(fmt) and not QUOTED.search(fmt):
                continue
            line = src.count('\n', 0, m.start()) + 1
            if QUOTED.search(fmt):
                problems.append(f'{rel}:{line}: a quoted value printed into SQL: "{fmt[:60]}"; '
                                f'bind it as a parameter')
                continue
            key = next((k for k in ALLOWED if k[0] == rel and fmt.startswith(k[1])), None)
            if key is None:
                problems.append(f'{rel}:{line}: SQL built with printf: "{fmt[:60]}"; bind the '
                                f'values as parameters, or list the format in '
                                f'tests/security/source_guard.py with why it holds no value')
            else:
                seen.add(key)
    for key in ALLOWED:
        if key not in seen:
            problems.append(f'{key[0]}: the allowed format "{key[1]}" is gone: remove it from '
                            f'the list')
    return problems


def self_test():
    """The guard finds what it must: a copy of a file with each kind of mistake added."""
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        Path(d, 'src').mkdir()
        Path(d, 'src', 'bad.c').write_text(
            'void f(char *b, const char *n) {\n'
            '\tsystem("ls");\n'
            '\tFILE *p = popen(n, "r");\n'
            '\tsnprintf(b, 99, "SELECT id FROM schools WHERE name = \'%s\'", n);\n'
            '\tsqlite3_mprintf("DELETE FROM x WHERE name = %Q", n);\n'
            '\tgl_str_printf(b, "SELECT * FROM t WHERE id = %lld", 3LL);\n'
            '\texecvp("/bin/sh", 0);\n'
            '\t/* system("in a comment is fine") */\n'
            '\tprintf("%s", "system(\\"in a string is fine\\")");\n'
            '}\n')
        found = [p for p in scan(d) if 'bad.c' in p]
        want = ['system()', 'popen()', 'quoted value', 'quoted value', 'SQL built with printf',
                'execvp()', 'a shell named']
        for w in want:
            if not any(w in p for p in found):
                print(f'self-test: the guard missed "{w}":', *found, sep='\n  ')
                return 1
        if len(found) != len(want):
            print('self-test: unexpected findings:', *found, sep='\n  ')
            return 1
    return 0


def main():
    root = Path(sys.argv[1])
    if self_test():
        return 1
    problems = scan(root)
    for p in problems:
        print(p)
    if problems:
        return 1
    print('no shell, no program started by name, no value printed into SQL')
    return 0


if __name__ == '__main__':
    sys.exit(main())
