#!/usr/bin/env python3
"""The code matrices of `genomlys stats codes` equal a brute-force recount from `genomlys list
codings --format json` and `list letters`: codings and letters per code and school / group, a
category counting its codes' codings and each letter once, with and without a coder filter.
Usage: stats_recount.py BINARY"""
import json
import os
import random
import subprocess
import sys
import tempfile

G = sys.argv[1]


def run(*args, db):
    r = subprocess.run([G, *args, "--db", db], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(args)}: exit {r.returncode}: {r.stderr}")
    return r.stdout


def main():
    random.seed(14)
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "p.db")
        subprocess.run([G, "demo", "--uncoded", "--db", db], check=True, capture_output=True)
        # a third level, so that a category's letters are counted once across two levels
        run("codebook", "add", "Buller", "--parent", "Lärmiljö > Studiero", db=db)
        letters = json.loads(run("list", "letters", "--format", "json", db=db))
        codes = [c for c in json.loads(run("list", "codes", "--format", "json", db=db))
                 if not c["exclusive"] and c["parent_id"] is not None]
        excl = {c["id"] for c in json.loads(run("list", "codes", "--format", "json", db=db))
                if c["exclusive"]}
        codes = [c for c in codes if c["parent_id"] not in excl]
        for _ in range(120):
            d = random.choice(letters)
            c = random.choice(codes)
            a = random.randrange(0, d["length"] - 1)
            b = random.randrange(a + 1, d["length"] + 1)
            r = subprocess.run([G, "code", str(d["id"]), "--code", c["path"], "--coder",
                                random.choice(["Anna", "Bosse", "Cecilia"]), "--span",
                                f"{a}:{b}", "--db", db], capture_output=True, text=True)
            assert r.returncode in (0, 1), r.stderr
        allcodes = json.loads(run("list", "codes", "--format", "json", db=db))
        paths = {c["path"]: c for c in allcodes}
        codings = json.loads(run("list", "codings", "--format", "json", db=db))
        by_letter = {d["id"]: d for d in letters}

        def ancestors(path):
            parts = path.split(" > ")
            return [" > ".join(parts[:i]) for i in range(1, len(parts) + 1)]

        checked = 0
        for by in ("school", "group"):
            for coder in (None, "Bosse"):
                args = ["stats", "codes", "--by", by, "--format", "json"]
                if coder:
                    args += ["--coder", coder]
                for measure in ("codings", "letters"):
                    got = json.loads(run(*args, "--measure", measure, db=db))
                    want = {}
                    for k in codings:
                        if coder and k["coder"] != coder:
                            continue
                        col = k[by]
                        for p in ancestors(k["code"]):
                            key = (p, col)
                            if measure == "codings":
                                want[key] = want.get(key, 0) + 1
                            else:
                                want.setdefault(key, set()).add(k["letter"])
                    for row in got:
                        if row["code"] == "(letters)":
                            for col, n in row.items():
                                if col in ("code", "total"):
                                    continue
                                assert n == sum(1 for d in letters if d[by] == col), (col, n)
                            continue
                        for col, n in row.items():
                            if col in ("code", "total"):
                                continue
                            w = want.get((row["code"], col), 0)
                            w = w if measure == "codings" else len(w) if w else 0
                            assert n == w, (by, coder, measure, row["code"], col, n, w)
                            checked += 1
                        assert row["total"] == sum(v for c, v in row.items()
                                                   if c not in ("code", "total")), row
        assert checked > 100, checked
        print(f"ok: {checked} cells recounted")


main()
