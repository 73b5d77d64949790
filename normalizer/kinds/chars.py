"""What the P, C, E and Z rules of this package ask of a document first, computed once per text.

A per-document look shared by several rules (the distinct tokens, the characters beyond ASCII),
cached for the few texts in flight, so that a rule whose characters or words are absent costs a
set lookup.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Every ASCII byte that is not a letter becomes a space: splitting the UTF-8 bytes gives the
# document's distinct tokens at the speed of bytes methods.
_LETTERS_ONLY = bytes(c if 65 <= c <= 90 or 97 <= c <= 122 or c >= 128 else 32 for c in range(256))


@lru_cache(maxsize=4)
def wide_chars(text: str) -> frozenset[str]:
    """The distinct characters of ``text`` beyond ASCII."""
    return frozenset() if text.isascii() else frozenset(_NON_ASCII.findall(text))


@lru_cache(maxsize=4)
def tokens(text: str) -> frozenset[bytes]:
    """The distinct letter tokens of ``text`` (ASCII letters, with any bytes beyond ASCII), as UTF-8 bytes."""
    return frozenset(text.encode("utf-8", "surrogatepass").translate(_LETTERS_ONLY).split())
