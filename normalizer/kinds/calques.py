"""Calque family (K): word-for-word translations with an idiomatic English equivalent."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..document import Document
from ..engine import EntryError
from ..fixes import Proposal, Safety
from ..glossary import NEAR, Calque
from ..registry import Rule
from ..scan import Scan
from ..triggers import Trigger


def build_rules(calques: Sequence[Calque]) -> list[Rule]:
    """K001 from the ``[[calque]]`` tables of every rule file."""

    # each calque's literals and byte pattern, asked in the scan's shared passes
    triggers = [Trigger(pattern=c.pattern, pattern_literals=True) for c in calques]

    def find(doc: Document, scan: Scan) -> Iterator[Proposal]:
        text = doc.text
        for c, trigger in zip(calques, triggers):
            if not scan.may(trigger):
                continue  # the calque's words are not in this text, or its pattern read as bytes cannot match
            try:
                yield from _proposals(c, text)
            except Exception as exc:  # a user's pattern ran out of time: name the user's file, not ours
                raise EntryError(c.where, exc) from exc

    return [Rule("K001", "calque", "calque", Safety.REVIEW,
                 "A phrase translated word for word from the source language (\"rare lands\" for\n"
                 "rare earths, French terres rares). From the [[calque]] tables of rules/calques.toml\n"
                 "and your rule files, each with its origin and, where needed, a context condition\n"
                 "(`before`: what must precede; `context`: words the document must contain; `near`,\n"
                 "`not_near`: words that must, or must not, occur within 250 characters). Review\n"
                 "unless the entry says safe.",
                 find, example="Beijing restricted exports of rare lands and magnets.", source="rules/calques.toml",
                 trigger=Trigger(any_of=tuple(triggers)))]


def _proposals(c: Calque, text: str) -> Iterator[Proposal]:
    """The fixes one calque proposes for ``text``."""
    if c.context is not None and not c.context.search(text):
        return
    for m in c.pattern.finditer(text):
        if c.before is not None and not c.before.search(text, max(0, m.start() - 80), m.start()):
            continue
        if not _near_ok(c, text, m.start(), m.end()):
            continue
        english = m.expand(c.english)
        if m.group()[:1].isupper() and english[:1].islower():
            english = english[0].upper() + english[1:]
        alts = tuple(m.expand(a) for a in c.alternatives)
        yield Proposal(m.start(), m.end(), english,
                       f"Calque: {m.group()!r} reads as {english!r} in English"
                       + (f" ({c.origin})." if c.origin else "."), c.safety, alts)


def _near_ok(c: Calque, text: str, start: int, end: int) -> bool:
    """Whether one of ``near``'s words (if any) and none of ``not_near``'s occur within NEAR characters."""
    lo, hi = max(0, start - NEAR), min(len(text), end + NEAR)
    if c.near is not None and not c.near.search(text, lo, hi):
        return False
    return c.not_near is None or not c.not_near.search(text, lo, hi)
