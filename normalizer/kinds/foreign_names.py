"""Names in another script written in Latin letters (anyascii, offline), for Z001's proposals.

A capitalized Cyrillic or Greek word inside English is most often a name the engine did not
transliterate ("the port of Πάτρας"): its romanization is the first proposal. Korean and
Japanese katakana have no capital letters to tell a name from a word, so their romanization
is only offered as an alternative to removal.

>>> romanized_name("Πάτρας"), romanized_name("что"), korean_name("손흥민")
('Patras', '', 'Son Heung-min')
"""

from __future__ import annotations

import regex
from anyascii import anyascii

CASED_NAME = regex.compile(r"(?:[\p{Cyrillic}\p{Greek}]\p{Ll}+)(?: [\p{Cyrillic}\p{Greek}]\p{Ll}+){0,2}")
HANGUL = regex.compile(r"\p{Hangul}{2,4}")
KATAKANA = regex.compile(r"[\p{Katakana}ー・]{2,}")


def romanized_name(run: str) -> str:
    """A capitalized Cyrillic or Greek name in Latin letters ("Москва" -> "Moskva"); empty otherwise."""
    if not CASED_NAME.fullmatch(run) or not all(w[0].isupper() for w in run.split()):
        return ""
    out = anyascii(run)
    return out if regex.fullmatch(r"[A-Za-z' -]+", out) else ""


def korean_name(run: str) -> str:
    """Two to four Hangul syllables as a Korean name: surname, then the given name hyphenated."""
    if not HANGUL.fullmatch(run):
        return ""
    syllables = [anyascii(s).lower() for s in run]
    return syllables[0].capitalize() + " " + "-".join(syllables[1:]).capitalize()


def other_reading(run: str) -> str:
    """A reading to offer beside removal: a Korean name or katakana in Latin letters; empty otherwise."""
    if HANGUL.fullmatch(run):
        return korean_name(run)
    if KATAKANA.fullmatch(run):
        return anyascii(run.replace("・", " ")).capitalize()
    return ""
