"""Fix proposals: what a rule suggests, never an edit by itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Safety(StrEnum):
    """How much trust a fix deserves.

    ``safe`` fixes may be applied unattended (``mtnorm clean``); ``review`` fixes
    wait for a person (or ``--apply all``, which takes their first suggestion).
    """

    SAFE = "safe"
    REVIEW = "review"


CATEGORIES: tuple[str, ...] = (
    "encoding",
    "spacing",
    "capitalization",
    "duplicate",
    "name",
    "fragment",
    "boilerplate",
    "glued",
    "calque",
    "other",
)


def touches(fix: Fix, spans: list[tuple[int, int]]) -> bool:
    """True if ``fix`` changes text inside one of ``spans`` (an insertion counts at its point)."""
    end = max(fix.end, fix.start + 1)
    return any(a < end and fix.start < b for a, b in spans)


@dataclass(frozen=True, slots=True)
class Proposal:
    """What a rule function yields: a span of the text and what should replace it.

    The registry turns a proposal into a :class:`Fix` by adding the rule's code,
    category and default safety, and the original text of the span.
    """

    start: int
    end: int
    replacement: str
    message: str
    safety: Safety | None = None
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Fix:
    """One proposed change to a document's text.

    ``start``/``end`` are code-point offsets into :attr:`Document.text` (end
    exclusive) and ``original == text[start:end]``.
    """

    start: int
    end: int
    original: str
    replacement: str
    rule: str
    category: str
    safety: Safety
    message: str
    alternatives: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The fields of the JSON contract that belong to the fix itself."""
        return {
            "rule": self.rule,
            "category": self.category,
            "safety": str(self.safety),
            "start": self.start,
            "end": self.end,
            "original": self.original,
            "replacement": self.replacement,
            "alternatives": list(self.alternatives),
            "message": self.message,
        }

    def with_replacement(self, replacement: str) -> Fix:
        """The same fix with another replacement (a reviewer's edit or choice)."""
        alts = tuple(a for a in (self.replacement, *self.alternatives) if a != replacement)
        return Fix(
            self.start, self.end, self.original, replacement, self.rule,
            self.category, self.safety, self.message, alts,
        )

    def shifted(self, delta: int) -> Fix:
        """The same fix moved by ``delta`` code points."""
        return Fix(
            self.start + delta, self.end + delta, self.original, self.replacement,
            self.rule, self.category, self.safety, self.message, self.alternatives,
        )
