"""N004's search: runs of one to three word pieces that spell the same letters in two ways in one text
("Minjae", "Min-jae", "Kim Min-jae").

The whole text is cut into case-folded pieces once, with their pairs and triples; set operations over
those find the few keys that could be written two ways, and only their runs are built.
tests/test_name_runs.py checks the search against a plain run-by-run scan.
"""

from __future__ import annotations

import functools
import operator
import re
from collections import Counter, defaultdict
from itertools import compress, islice

import regex

from .name_mentions import inside

# Words of a name and what may stand between them: a space, a hyphen, an apostrophe, or a broken "- ".
PIECE = regex.compile(r"[\p{L}\p{M}]+")
PIECES = regex.compile(r"([\p{L}\p{M}]+)")  # split with the pieces kept: [gap, piece, gap, piece, ..., gap]
NON_ASCII = re.compile(r"[^\x00-\x7f]")
JOINTS = frozenset((" ", "-", "'", "’", "- ", " -"))
SPLIT_JOINTS = JOINTS - {" "}
APOSTROPHES = frozenset("'’")


@functools.cache
def _folds_alone(c: str) -> bool | None:
    """For a character outside ASCII: True if it is a letter or mark folding to one letter or mark, False
    if it is neither and folds to itself, None if it does otherwise ("ß" folds to "ss")."""
    folded = c.casefold()
    letter = PIECE.fullmatch(c) is not None
    if len(folded) != 1 or letter != (PIECE.fullmatch(folded) is not None) or not letter and folded != c:
        return None
    return letter


@functools.lru_cache(maxsize=256)
def _letter_runs(others: str) -> re.Pattern[str]:
    """:data:`PIECES` for case-folded text whose letters and marks are ASCII or in ``others``, in the
    standard ``re`` (twice as fast)."""
    return re.compile(f"([a-z{others}]+)")


def _folded_parts(text: str) -> tuple[list[str], list[str]]:
    """``PIECES.split(text)``: [gap, piece, gap, ..., piece, gap], and its pieces case-folded.

    Case folding goes character by character, so when every character folds to one of its own kind
    the whole text is folded at once and split: the parts then hold the folded pieces, with the same
    gaps and lengths. Otherwise the text is split first and each piece folded.

    >>> _folded_parts("Kim Min-jae")
    (['', 'kim', ' ', 'min', '-', 'jae', ''], ['kim', 'min', 'jae'])
    >>> _folded_parts("Straße")
    (['', 'Straße', ''], ['strasse'])
    """
    kinds = {c: _folds_alone(c) for c in set(NON_ASCII.findall(text))} if not text.isascii() else {}
    if None in kinds.values():
        parts = PIECES.split(text)
        return parts, list(map(str.casefold, parts[1::2]))
    others = "".join(sorted({c.casefold() for c, letter in kinds.items() if letter}))
    parts = _letter_runs(others).split(text.casefold())
    return parts, parts[1::2]


def _candidates(folded: list[str], pairs: list[str], triples: list[str], gaps: list[str]) -> set[str]:
    """Keys that may be written two ways, found with set operations (no run is built): the same letters
    as one, two or three pieces ("Minjae", "Min-jae", "Kim Min-jae"), a hyphen against a space or
    nothing ("j-hope", "J Hope"), an apostrophe inside a name of three pieces ("Girl's Day").

    Not looked for: letters split at two different places with spaces only ("a man", "am an"), and
    an apostrophe against a space in two pieces ("O'Brien", "O Brien"), which :func:`name_joint_variant`
    leaves alone.
    """
    ones, twos = set(folded), set(pairs)
    keys = ones & twos
    keys.update(ones.intersection(triples), twos.intersection(triples))
    for i in compress(range(len(folded) - 1), map(SPLIT_JOINTS.__contains__, gaps[1:len(folded)])):
        keys.update(triples[max(i - 1, 0):i + 1])  # the runs of three pieces through the joint
        if gaps[i + 1] not in APOSTROPHES:
            keys.add(pairs[i])
    return keys


def _spans(text: str, heads: list[tuple[int, int]], least: int = 1,
           wanted=lambda key: True) -> dict[str, list[tuple[int, int, bool]]]:
    """Runs of one to three word pieces, by their letters (case-folded): key -> [(start, end, in headline)],
    for the keys that could be written two ways, satisfy ``wanted`` and are found at least ``least`` times.

    A run starts at the start of a word, its pieces are separated by one of :data:`JOINTS`, and it
    does not stop inside a word. Only the runs of candidate keys (:func:`_candidates`) are built.
    """
    parts, folded = _folded_parts(text)
    gaps = parts[0::2]
    pairs = list(map(operator.add, folded, folded[1:]))
    triples = list(map(operator.add, pairs, folded[2:]))
    keys = {k for k in _candidates(folded, pairs, triples, gaps) if len(k) >= 4 and wanted(k)}
    if not keys:
        return {}
    runs: list[tuple[str, int, int]] = []  # (key, first piece, last piece), its pieces joined
    for width, of_width in ((1, folded), (2, pairs), (3, triples)):
        if keys.isdisjoint(of_width):
            continue  # a quick look first: single pieces are seldom keys
        for i in compress(range(len(of_width)), map(keys.__contains__, of_width)):
            if width == 1 or gaps[i + 1] in JOINTS and (width == 2 or gaps[i + 2] in JOINTS):
                runs.append((of_width[i], i, i + width - 1))
    ends_at = _ends_at(parts, {2 * i for _, i, _ in runs} | {2 * j + 1 for _, _, j in runs})
    size = len(text)

    def starts(i: int) -> bool:
        s = ends_at[2 * i]
        return not s or not (text[s - 1].isalnum() or text[s - 1] in "-'’")

    def ends(j: int) -> bool:
        e = ends_at[2 * j + 1]
        return not (e < size and (text[e].isalnum() or text[e] in "-'’" and e + 1 < size and text[e + 1].isalpha()))

    runs = [r for r in runs if starts(r[1]) and ends(r[2])]
    counts = Counter(key for key, _, _ in runs)
    out: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
    for key, i, j in sorted((r for r in runs if counts[r[0]] >= least), key=lambda r: (r[1], r[2])):
        out[key].append((ends_at[2 * i], ends_at[2 * j + 1], inside(ends_at[2 * i], heads)))
    return out


def _ends_at(parts: list[str], wanted: set[int]) -> dict[int, int]:
    """Where ``parts[k]`` ends in the joined parts, for each ``k`` in ``wanted`` (a running sum taken
    only as far as needed).

    >>> _ends_at(["", "Kim", " ", "Min", "-"], {1, 3})
    {1: 3, 3: 7}
    """
    lengths, at, total, done = map(len, parts), {}, 0, 0
    for k in sorted(wanted):
        total += sum(islice(lengths, k + 1 - done))
        at[k], done = total, k + 1
    return at
