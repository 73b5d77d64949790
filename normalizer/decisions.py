"""The review journal: a reviewer's decisions, kept as JSON Lines so they survive re-runs."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .fixes import Fix

JOURNAL_NAME = ".mtnorm-review.jsonl"
CONTEXT = 16
APPROVE, REJECT, PENDING = "approve", "reject", "pending"


def context_of(text: str, fix: Fix) -> str:
    """The text around a fix, whitespace collapsed, that identifies it across runs."""
    before = " ".join(text[max(0, fix.start - CONTEXT):fix.start].split()[-3:])
    after = " ".join(text[fix.end:fix.end + CONTEXT].split()[:3])
    return f"{before}[{fix.original}]{after}"


def fix_key(relpath: str, text: str, fix: Fix) -> str:
    """A stable key: file, rule, the original text and its surroundings."""
    raw = "\x1f".join((relpath, fix.rule, fix.original, context_of(text, fix)))
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=10).hexdigest()


def place_key(relpath: str, original: str, context: str) -> tuple[str, str, str]:
    """Where a change is, whichever rule proposes it: an approval found here carries over."""
    return relpath, original, context


@dataclass(frozen=True)
class Decision:
    """What a reviewer decided about one fix; ``replacement`` is the approved text."""

    key: str
    decision: str
    replacement: str = ""
    path: str = ""
    rule: str = ""
    original: str = ""


class Journal:
    """Decisions of one folder, appended to ``.mtnorm-review.jsonl``; the last word on a key wins."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.root = path.parent
        self.decisions: dict[str, Decision] = {}
        self.approved_at: dict[tuple[str, str, str], Decision] = {}  # place_key -> the last approval there
        self._relpaths: dict[Path, str] = {}
        if path.exists():
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    d = Decision(rec["key"], rec["decision"], rec.get("replacement", ""),
                                 rec.get("path", ""), rec.get("rule", ""), rec.get("original", ""))
                except (ValueError, KeyError, TypeError):
                    raise ValueError(f"{path}:{n}: not a review journal record") from None
                self._remember(d, rec.get("context", ""))

    @classmethod
    def for_paths(cls, paths: list[Path]) -> Journal:
        """The journal of the folder reviewed (a folder argument, or the first file's folder)."""
        first = paths[0]
        folder = first if first.is_dir() else first.parent
        return cls(folder / JOURNAL_NAME)

    def relpath(self, file: Path) -> str:
        """``file`` relative to the journal's folder (resolved once per file: a file has 10,000 fixes)."""
        cache = self._relpaths
        if file not in cache:
            try:
                cache[file] = os.path.relpath(file.resolve(), self.root.resolve())
            except ValueError:
                cache[file] = str(file.resolve())
        return cache[file]

    def key(self, file: Path, text: str, fix: Fix) -> str:
        return fix_key(self.relpath(file), text, fix)

    def _remember(self, d: Decision, context: str) -> None:
        place = place_key(d.path, d.original, context)  # the last word at a place wins there too
        if d.decision == PENDING:
            self.decisions.pop(d.key, None)
        else:
            self.decisions[d.key] = d
        if d.decision == APPROVE:
            self.approved_at[place] = d
        else:
            self.approved_at.pop(place, None)

    def get(self, file: Path, text: str, fix: Fix) -> Decision | None:
        """The decision on ``fix``; else an approval of the same change at the same place by
        another rule (a name approved, then remembered with ``m``, comes back as N001)."""
        if not self.decisions:
            return None  # a new journal: nothing to look up
        found = self.decisions.get(self.key(file, text, fix))
        if found is not None:
            return found
        other = self.approved_at.get(place_key(self.relpath(file), fix.original, context_of(text, fix)))
        return other if other is not None and other.replacement == fix.replacement else None

    def record(self, file: Path, text: str, fix: Fix, decision: str, replacement: str = "") -> Decision:
        """Append a decision (``pending`` takes one back)."""
        d = Decision(self.key(file, text, fix), decision, replacement, self.relpath(file), fix.rule, fix.original)
        rec = {"key": d.key, "decision": decision, "path": d.path, "rule": d.rule, "original": d.original,
               "replacement": replacement, "context": context_of(text, fix),
               "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self._remember(d, rec["context"])
        return d

    def chooser(self, file: Path) -> Callable[[str, Fix], Fix | None | bool]:
        """For the engine: a rejected fix is dropped, an approved one applied as approved."""
        def choose(text: str, fix: Fix) -> Fix | None | bool:
            d = self.get(file, text, fix)
            if d is None:
                return True
            if d.decision == REJECT:
                return None
            return fix.with_replacement(d.replacement) if d.replacement != fix.replacement else fix

        return choose
