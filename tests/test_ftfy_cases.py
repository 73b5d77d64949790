"""ftfy's own test cases: the encoding family repairs mojibake and leaves look-alikes alone."""

from __future__ import annotations

import json

import pytest

from normalizer import clean, load_rules

from .conftest import DATA

# E004 (odd spaces) and E006 (lost characters) go further than ftfy on purpose: E004 turns a
# no-break space between words into a space, which ftfy keeps; E006 proposes (for review) deleting
# the U+FFFD that ftfy leaves where decoding lost bytes. These cases measure the repairs ftfy defines.
RULES = load_rules(select=["encoding"], ignore=["E004", "E006"])


def cases(name: str) -> list:
    data = json.loads((DATA / "ftfy" / name).read_text(encoding="utf-8"))
    return [pytest.param(c, id=c["label"][:60]) for c in data if c.get("expect", "pass") == "pass"]


@pytest.mark.parametrize("case", cases("in-the-wild.json") + cases("synthetic.json"))
def test_mojibake_is_repaired(case: dict) -> None:
    expected = case.get("fixed-encoding", case["fixed"])
    out = clean(case["original"], rules=RULES, apply="all").text
    assert out in {expected, case["fixed"]}


@pytest.mark.parametrize("case", cases("negative.json"))
def test_lookalikes_are_left_alone(case: dict) -> None:
    out = clean(case["original"], rules=RULES, apply="all").text
    assert out == case.get("fixed-encoding", case["fixed"]) or out == case["original"] == case.get("fixed-encoding")


def test_a_line_ftfy_can_flag_holds_a_suspect_pair() -> None:
    """E001 hands ftfy only lines where SUSPECT matches: ftfy's badness test never flags a line
    without one (each character of its pattern's classes, alone between ASCII characters of every
    kind its pattern names: spaces, letters, digits, punctuation, the start and end of the line)."""
    import re

    from ftfy.badness import BADNESS_RE, is_bad

    from normalizer.kinds.encoding import SUSPECT, TYPOGRAPHIC

    chars = {c for c in BADNESS_RE.pattern if ord(c) > 0x7F}
    for lo, hi in re.findall(r"([^\x00-\x7f])-([^\x00-\x7f])", BADNESS_RE.pattern):
        chars.update(map(chr, range(ord(lo), ord(hi) + 1)))
    chars.update(map(chr, range(0x80, 0xA0)))
    around = ["", " ", "\t", "a", "z", "A", "Z", "0", ".", ",", "?", "!", "(", ")", '"', "'", "-", "#"]
    for c in sorted(chars):
        for a in around:
            for b in around:
                line = a + c + b
                assert not is_bad(line) or SUSPECT.search(line), (hex(ord(c)), line)
    for x in TYPOGRAPHIC:  # two typographic marks side by side are no suspect pair either
        for y in TYPOGRAPHIC:
            assert not is_bad(f"a{x}{y}b"), (x, y)
