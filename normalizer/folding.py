"""Text folded for literal search, and the characters of a text beyond ASCII (low level: no imports from mtnorm)."""

from __future__ import annotations

import re
from functools import lru_cache

# Non-ASCII characters that a case-insensitive ``re`` or ``regex`` pattern matches
# to an ASCII letter, or whose lower case holds one (tests/test_prefilter.py recomputes this).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLD_CHARS = re.compile("[\u0130\u0131\u017f\u212a]")


@lru_cache(maxsize=8)
def fold(text: str) -> str:
    """``text`` lower-cased for literal search (cached: every gated rule asks for it).

    Every character keeps its offset: U+0130, the one character whose lower case is two
    characters, is mapped to "i" first.

    >>> fold("Support \u212aelvin")
    'support kelvin'
    """
    if not text.isascii() and _FOLD_CHARS.search(text):
        text = text.translate(_FOLD)
    return text.lower()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=8)
def non_ascii(text: str) -> frozenset[str]:
    """The distinct characters of ``text`` beyond ASCII (cached: rules that check their engines ask in turn)."""
    return frozenset() if text.isascii() else frozenset(_NON_ASCII.findall(text))
