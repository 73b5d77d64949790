"""What a run must respect beyond the rules: the accept-list, per-path ignores, review decisions."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .decisions import Journal
from .fixes import Fix, touches
from .registry import Rule, matches


@dataclass
class Policy:
    """Run-wide vetoes and choices, applied to every file (picklable for worker processes).

    ``accept`` lists words and phrases that are right as written: no fix may touch
    them ("the user's accept-list beats every rule"). ``per_path_ignores`` maps a
    glob (matched against the path and its name) to rule selectors to skip there.
    """

    accept: Sequence[str] = ()
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    journal: Journal | None = None

    def rules_for(self, path: Path, rules: Sequence[Rule]) -> list[Rule]:
        ignored = [sel for pattern, sels in self.per_path_ignores.items()
                   if fnmatch.fnmatch(str(path), pattern) or fnmatch.fnmatch(path.name, pattern)
                   for sel in sels]
        return [r for r in rules if not any(matches(r, s) for s in ignored)]

    def chooser(self, path: Path) -> Callable[[str, Fix], Fix | None | bool] | None:
        """A chooser for the engine, or None when nothing is to be vetoed or chosen."""
        journal = self.journal.chooser(path) if self.journal is not None else None
        accepted = _accept_pattern(tuple(self.accept)) if self.accept else None
        if journal is None and accepted is None:
            return None
        last: list = [None, []]  # the text of the current pass and its accepted spans

        def choose(text: str, fix: Fix) -> Fix | None | bool:
            if accepted is not None:
                if last[0] is not text:
                    last[0], last[1] = text, [(m.start(), m.end()) for m in accepted.finditer(text)]
                if touches(fix, last[1]):
                    return None
            return journal(text, fix) if journal is not None else True

        return choose


def _accept_pattern(terms: tuple[str, ...]) -> regex.Pattern:
    body = "|".join(regex.escape(t).replace(r"\ ", r"\s+") for t in sorted(terms, key=len, reverse=True))
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + body + r")(?![\p{L}\p{N}])")
