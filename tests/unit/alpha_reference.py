#!/usr/bin/python3
"""Krippendorff's alpha of the Wikipedia example, term by term, as the reference for
tests/unit/test_agreement.c: the coincidence matrix o_ck and the difference functions exactly as
Krippendorff (2011), "Computing Krippendorff's alpha-reliability", writes them, with no algebraic
shortcut (the C code uses shortcuts). Run: /usr/bin/python3 tests/unit/alpha_reference.py"""
import itertools

X = None
CODERS = [
    [X, X, X, X, X, 3, 4, 1, 2, 1, 1, 3, 3, X, 3],
    [1, X, 2, 1, 3, 3, 4, 3, X, X, X, X, X, X, X],
    [X, X, 2, 1, 3, 4, 4, X, 2, 1, 1, 3, 3, X, 4],
]

units = [[v for v in unit if v is not None] for unit in zip(*CODERS)]
units = [u for u in units if len(u) >= 2]          # pairable units only
values = sorted({v for u in units for v in u})
o = {(c, k): 0.0 for c in values for k in values}
for u in units:
    for i, j in itertools.permutations(range(len(u)), 2):
        o[(u[i], u[j])] += 1 / (len(u) - 1)
n_c = {c: sum(o[(c, k)] for k in values) for c in values}
n = sum(n_c.values())


def nominal(c, k):
    return 0 if c == k else 1


def ordinal(c, k):
    lo, hi = min(c, k), max(c, k)
    return (sum(n_c[g] for g in values if lo <= g <= hi) - (n_c[c] + n_c[k]) / 2) ** 2


def interval(c, k):
    return (c - k) ** 2


for name, delta in (("nominal", nominal), ("ordinal", ordinal), ("interval", interval)):
    d_o = sum(o[(c, k)] * delta(c, k) for c in values for k in values) / n
    d_e = sum(n_c[c] * n_c[k] * delta(c, k) for c in values for k in values) / (n * (n - 1))
    print(f"{name:8} alpha {1 - d_o / d_e!r} D_o {d_o!r} D_e {d_e!r} units {len(units)} n {n:g}")
