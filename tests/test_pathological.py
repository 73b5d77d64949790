"""Pathological inputs finish: a guard against catastrophic backtracking, not a speed measurement.

Each input is about 60 KB; quadratic behaviour (a regex backtracking over a run of spaces, a
splitter trying every cut of a huge word) would take minutes. The alarm turns a hang into a failure.
"""

from __future__ import annotations

import signal

import pytest

from normalizer import Document, load_rules
from normalizer.engine import propose

RULES = load_rules()
CASES = {
    "spaces": " " * 60000 + "x\n",
    "blank lines": "\n" * 60000 + "x",
    "spaces and newlines": " \n" * 30000 + "x",
    "one long word": "a" * 60000,
    "punctuation": ".,;:!?" * 10000,
    "brackets": "((((((((((" * 6000,
    "capitals": "The That " * 7000,
    "han": "摆脱依赖" * 15000,
    "no-break spaces": "a\u00a0" * 30000,
    "quotes": "“ ” '' " * 8000,
    "furniture lines": "Open image in the gallery\n\n  \n" * 2000,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pathological_input_finishes(name: str) -> None:
    def hang(signum, frame):  # pragma: no cover - only on a regression
        raise TimeoutError(f"{name}: still running after 60 s")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(60)
    try:
        fixes = propose(Document(CASES[name]), RULES)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert all(0 <= f.start <= f.end <= len(CASES[name]) for f in fixes)
