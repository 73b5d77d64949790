"""The undo log of ``clean --in-place``: what each run changed, so ``mtnorm undo`` can put it back.

Each changed file is handled in this order: its original bytes are copied to a
backup (``FILE.orig``) and flushed, a record (path, backup, SHA-256 of the text
before and after) is appended to ``.mtnorm-undo.jsonl`` and flushed, and only
then is the file replaced. Whenever a run stops, every record therefore points
at a backup that exists, and the file is either the "before" or the "after".
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .document import copy_atomic

UNDO_NAME = ".mtnorm-undo.jsonl"


def digest(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a file of any size, read in 1 MB pieces."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def log_for(paths: list[Path]) -> Path:
    """The undo log of a run over ``paths``: in the first folder given (or the first file's folder)."""
    first = paths[0] if paths else Path.cwd()
    folder = first if first.is_dir() else first.parent
    return folder / UNDO_NAME


@dataclass(frozen=True)
class Change:
    """One file a run rewrote."""

    run: str
    time: str
    path: Path
    backup: Path
    before: str
    after: str


class UndoLog:
    """An append-only JSON Lines file of changes and of runs undone."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.run_id = time.strftime("%Y%m%dT%H%M%S") + "-" + os.urandom(3).hex()

    def record(self, path: Path, backup: Path, before: bytes | str, after: bytes | str) -> None:
        """Append (and flush to disk) the change about to be made to ``path``.

        ``before`` and ``after`` are the bytes, or their SHA-256 already computed (large files).
        """
        entry = {"run": self.run_id, "time": time.strftime("%Y-%m-%d %H:%M:%S"),
                 "path": str(path.resolve()), "backup": str(backup.resolve()),
                 "before": before if isinstance(before, str) else digest(before),
                 "after": after if isinstance(after, str) else digest(after)}
        self._append(entry)

    def _append(self, entry: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def entries(self) -> Iterator[dict]:
        if not self.path.is_file():
            return
        with open(self.path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut short by a crash: the change it describes was never made
                if isinstance(entry, dict) and "run" in entry:
                    yield entry

    def runs(self) -> list[tuple[str, list[Change], bool]]:
        """Every run, oldest first: its id, its changes and whether it was undone."""
        order: dict[str, list[Change]] = {}
        undone: set[str] = set()
        for e in self.entries():
            if e.get("undone"):
                undone.add(e["run"])
            elif {"path", "backup", "before", "after"} <= set(e):
                order.setdefault(e["run"], []).append(
                    Change(e["run"], e.get("time", ""), Path(e["path"]), Path(e["backup"]), e["before"], e["after"]))
        return [(run, changes, run in undone) for run, changes in order.items()]

    def mark_undone(self, run: str) -> None:
        self._append({"run": run, "undone": True, "time": time.strftime("%Y-%m-%d %H:%M:%S")})


@dataclass(frozen=True)
class Outcome:
    """What undoing one change did: ``restored``, ``already`` (file was the original) or ``refused``."""

    change: Change
    status: str
    reason: str = ""


def undo_change(change: Change, force: bool = False) -> Outcome:
    """Put back the text ``change.path`` had before the run, from its backup.

    Refused when the file changed since the run (someone edited it: their work
    would be lost) unless ``force``, or when the backup is missing or altered.
    The backup is removed once its bytes are back in place.
    """
    try:
        current: str | None = file_digest(change.path)
    except FileNotFoundError:
        current = None
    except OSError as exc:
        return Outcome(change, "refused", f"cannot read: {exc.strerror or exc}")
    if current is not None and current == change.before:
        return Outcome(change, "already", "already has its original text")
    if current is not None and current != change.after and not force:
        return Outcome(change, "refused", "changed since it was cleaned; not restored (--force restores anyway)")
    try:
        original = file_digest(change.backup)
    except OSError:
        return Outcome(change, "refused", f"backup {change.backup} is missing; not restored")
    if original != change.before:
        return Outcome(change, "refused", f"backup {change.backup} was altered; not restored")
    try:
        copy_atomic(change.backup, change.path)
    except OSError as exc:
        return Outcome(change, "refused", f"cannot write: {exc.strerror or exc}")
    change.backup.unlink(missing_ok=True)
    return Outcome(change, "restored")


def undo_run(log: UndoLog, run: str | None = None, force: bool = False) -> tuple[str, list[Outcome]] | None:
    """Undo the latest run not yet undone (or the run ``run``); None if there is nothing to undo.

    The run is marked undone only when no file was refused, so a second try
    (after fixing what was in the way, or with ``force``) finishes the job.
    """
    candidates = [(r, changes) for r, changes, done in log.runs() if not done and (run is None or r == run)]
    if not candidates:
        return None
    run_id, changes = candidates[-1]
    outcomes = [undo_change(c, force) for c in reversed(changes)]
    if all(o.status != "refused" for o in outcomes):
        log.mark_undone(run_id)
    return run_id, outcomes
