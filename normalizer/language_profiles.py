"""langdetect's language profiles read through a packed table in the user cache folder.

langdetect parses 55 JSON profiles (about 0.25 s) before its first answer; the
packed table (``packed.cached``) holds, for each n-gram, the languages it occurs
in with its probability there (two on average), and opens in a millisecond.
The detector sees the same n-grams, probabilities and language order, so it
gives the same answers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

LANGUAGES = ""  # the key holding the language list: no n-gram is empty


class Probabilities(Mapping[str, list[float]]):
    """n-gram -> probability per language, expanded from the packed sparse form on first use."""

    def __init__(self, table: Mapping[str, Any], size: int) -> None:
        self._table, self._size, self._memo = table, size, {}

    def __contains__(self, word: object) -> bool:
        return word in self._memo or (bool(word) and word in self._table)

    def __getitem__(self, word: str) -> list[float]:
        found = self._memo.get(word)
        if found is None:
            if not word:
                raise KeyError(word)
            found = [0.0] * self._size
            for i, p in self._table[word]:
                found[i] = p
            self._memo[word] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return (w for w in self._table if w != LANGUAGES)

    def __len__(self) -> int:
        return len(self._table) - (LANGUAGES in self._table)


def _build() -> dict[str, Any]:
    """The sparse table of langdetect's shipped profiles, with the language list under ``LANGUAGES``."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    table: dict[str, Any] = {w: tuple((i, p) for i, p in enumerate(probs) if p)
                             for w, probs in factory.word_lang_prob_map.items()}
    table[LANGUAGES] = list(factory.langlist)
    return table


def install() -> None:
    """Give langdetect its profiles from the cache, before its first ``detect`` (no-op after that)."""
    from langdetect import detector_factory

    if detector_factory._factory is not None:
        return
    from .packed import cached

    try:
        table = cached("langdetect-profiles", "langdetect", _build)
        languages = list(table[LANGUAGES])
    except Exception:  # langdetect loads its profiles itself, as without the cache
        return
    factory = detector_factory.DetectorFactory()
    factory.langlist = languages
    factory.word_lang_prob_map = Probabilities(table, len(languages))
    detector_factory._factory = factory
