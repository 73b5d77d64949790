"""The word census of a text: its distinct tokens, and those that are not common forms, at the speed of bytes methods."""

from __future__ import annotations

from functools import lru_cache

from .lexicon import common_forms

# For the census: every ASCII byte that is not a letter a space (bytes beyond ASCII kept).
_LETTER_BYTES = bytes(c if 65 <= c <= 90 or 97 <= c <= 122 or c >= 128 else 32 for c in range(256))


@lru_cache(maxsize=1)
def _common_bytes() -> frozenset[bytes]:
    return frozenset(w.encode("utf-8") for w in common_forms())


@lru_cache(maxsize=4)
def tokens(text: str) -> frozenset[bytes]:
    """The distinct letter tokens of ``text`` (ASCII letters, with any bytes beyond ASCII), as UTF-8 bytes."""
    return frozenset(text.encode("utf-8", "surrogatepass").translate(_LETTER_BYTES).split())


@lru_cache(maxsize=4)
def census(text: str) -> frozenset[bytes]:
    """The distinct tokens of ``text`` that are not common forms, as UTF-8 bytes: a census at the
    speed of bytes methods (every ASCII non-letter a space, split, deduplicated, common words
    removed before anything is decoded). A token is a maximal run of ASCII letters, or a run of
    ASCII letters and characters beyond ASCII; the word rules split the second kind further.
    """
    return tokens(text) - _common_bytes()
