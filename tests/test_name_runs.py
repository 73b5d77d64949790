"""N004's runs of name pieces: the fast candidate search finds every key a plain run-by-run scan finds
written two ways (the plain scan is the reference, written here), except the two kinds it does not look
for: letters split at two places with spaces only, and an apostrophe in a run of two pieces."""

from collections import defaultdict

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer.kinds.name_evidence import _spans

PIECE = regex.compile(r"[\p{L}\p{M}]+")
JOINT = regex.compile(r" |-|'|’|- | -")


def reference(text: str) -> dict[str, list[tuple[int, int]]]:
    """Every run of one to three pieces, built one run at a time; only keys written in two shapes."""
    out = defaultdict(list)
    pieces = [(m.start(), m.end()) for m in PIECE.finditer(text)]
    for i, (s, e) in enumerate(pieces):
        if s and (text[s - 1].isalnum() or text[s - 1] in "-'’"):
            continue
        key, end = text[s:e].casefold(), e
        for j in range(i, min(i + 3, len(pieces))):
            if j > i:
                if not JOINT.fullmatch(text, pieces[j - 1][1], pieces[j][0]):
                    break
                key += text[pieces[j][0]:pieces[j][1]].casefold()
                end = pieces[j][1]
            if end < len(text) and (text[end].isalnum() or text[end] in "-'’" and end + 1 < len(text)
                                    and text[end + 1].isalpha()):
                continue
            if len(key) >= 4:
                out[key].append((s, end))
    shapes = {k: {" ".join(text[s:e].split()).casefold() for s, e in v} for k, v in out.items()}
    return {k: sorted(v) for k, v in out.items() if len(shapes[k]) > 1 and looked_for(shapes[k])}


def looked_for(shapes: set[str]) -> bool:
    """Shapes of one key that the fast search must find: different numbers of pieces, a hyphen, or an
    apostrophe in a run of three pieces."""
    pieces = {len(PIECE.findall(s)) for s in shapes}
    return (len(pieces) > 1 or any("-" in s for s in shapes)
            or any(c in s for s in shapes for c in "'’") and pieces == {3})


def fast(text: str) -> dict[str, list[tuple[int, int]]]:
    return {k: sorted((s, e) for s, e, _ in v) for k, v in _spans(text, []).items()
            if len({" ".join(text[s:e].split()).casefold() for s, e, _ in v}) > 1}


WORDS = ["Kim", "Min", "jae", "Minjae", "Lim", "jaroenrat", "Limjaroenrat", "Girl", "Girls", "s", "Day",
         "j", "hope", "J", "Hope", "a", "man", "am", "an", "every", "day", "everyday", "Ab", "cd", "Abc", "d"]
GAPS = [" ", " ", " ", "-", "'", "’", "- ", " -", ", ", ". ", "\n", "  "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=40))
def test_fast_runs_match_the_plain_scan(tokens):
    text = "".join(w + g for w, g in tokens)
    expected, found = reference(text), fast(text)
    assert {k: found.get(k) for k in expected} == expected


def test_known_variants_are_found():
    text = "Kim Min-jae scored. Kim Min-jae ran. Later Kim Minjae left. Everyone ate at noon."
    found = fast(text)
    assert "kimminjae" in found and "minjae" in found
    assert "everyone" not in found  # one shape only
