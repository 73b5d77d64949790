"""Other family (O): a possessive that lost its apostrophe ("Obamas deputy")."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import FUNCTION_WORDS, zipf
from ..registry import rule

NAME_S = regex.compile(r"(?<![\p{L}\p{N}'’-])(\p{Lu}\p{Ll}{2,})s[ \t]+(\p{Ll}{3,})(?![\p{L}'’-])")
PLURAL_BEFORE = regex.compile(r"(?i)\b(?:the|both|two|three|all|several|many|these|those)[ \t]+\Z")
VERBISH = frozenset("""are were have had has said say says will would could should may might can did do does
    and or but who which that whose also again together""".split())


@rule("O001", "missing-possessive-apostrophe", "other", Safety.REVIEW,
      example="Obamas deputy secretary of state spoke, and Chinas economy grew.")
def missing_possessive_apostrophe(doc: Document) -> Iterator[Proposal]:
    """A name with a bare "s" before a noun, where English writes a possessive ("Obamas deputy").

    Only when the name is common (wordfreq) and its "s" form far rarer, so real
    plurals and names ending in s (Wales, Adams, the Americas) stay, and not
    after "the", "both" and similar words ("the Obamas visited"). Review.
    """
    text = doc.text
    for m in NAME_S.finditer(text):
        base, nxt = m.group(1), m.group(2)
        zb = zipf(base.lower())
        if zb < 3.5 or zipf(base.lower() + "s") > zb - 1.8:
            continue
        if nxt in FUNCTION_WORDS or nxt in VERBISH or PLURAL_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        end = m.start(1) + len(base) + 1
        yield Proposal(m.start(1), end, base + "'s", f"{base + 's'!r} before {nxt!r} reads as the possessive {base + chr(39) + 's'!r}.")
