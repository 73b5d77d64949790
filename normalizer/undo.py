"""The undo journal of ``clean --in-place``: what each run changed, so ``mtnorm undo`` can put it back.

A journal (``.mtnorm-undo.jsonl``) belongs to one folder and speaks only of
files inside it, by paths relative to it. Each changed file is handled in this
order (see :mod:`normalizer.in_place`): a row (path, backup, SHA-256 of the
bytes before and after) is appended and flushed, the backup is created and
flushed, and only then is the file replaced; a write that fails or is refused
appends a ``cancelled`` row. Whenever a run stops, the file is its "before" or
its "after", and it is "after" only with its backup in place.

``undo`` trusts nothing in the journal it can check instead: a row must carry
a valid signature (:mod:`normalizer.undo_key`), name a file inside the folder
with no link on the way, and a backup beside that file named as mtnorm names
backups, holding the recorded bytes. It never follows a link when writing, and
``--force`` only lets it overwrite a file edited since the run.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import safe_io, undo_key

UNDO_NAME = ".mtnorm-undo.jsonl"


def digest(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a file of any size, read in 1 MB pieces."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _fd_digest(folder: int, name: str) -> str | None:
    """SHA-256 of the regular file ``folder/name`` (no link followed); None if nothing is there."""
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0), dir_fd=folder)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise OSError(0, "not a regular file")
        return hashlib.file_digest(fh, "sha256").hexdigest()


def journal_folder(path: Path, root: Path) -> Path:
    """The folder whose journal records a change to ``path`` found under ``root``.

    The real folder of ``root`` when the real ``path`` lies inside it, else the real folder of ``path``.
    """
    real = Path(os.path.realpath(path))
    base = Path(os.path.realpath(root if root.is_dir() else root.parent))
    return base if base in real.parents else real.parent


def new_run_id() -> str:
    return time.strftime("%Y%m%dT%H%M%S") + "-" + os.urandom(3).hex()


@dataclass(frozen=True)
class Change:
    """One file a run rewrote: paths relative to the journal's folder."""

    run: str
    time: str
    path: PurePosixPath
    backup: PurePosixPath
    before: str
    after: str


@dataclass(frozen=True)
class Problem:
    """A journal row ``undo`` refuses, with the reason."""

    line: int
    reason: str


def _relative(value: object) -> PurePosixPath | None:
    """A journal path: relative, no ``..``, no empty or odd parts; else None."""
    if not isinstance(value, str) or not value or "\0" in value or "\\" in value:
        return None
    p = PurePosixPath(value)
    if p.is_absolute() or any(part in ("", ".", "..") for part in value.split("/")):
        return None
    return p


class UndoLog:
    """An append-only JSON Lines file of signed rows: changes, cancelled changes and runs undone."""

    def __init__(self, path: Path, run_id: str | None = None, key: bytes | None = None) -> None:
        self.path = path
        self.folder = Path(os.path.realpath(path.parent))
        self.run_id = run_id or new_run_id()
        self._key = key

    @property
    def key(self) -> bytes | None:
        if self._key is None:
            self._key = undo_key.load(create=False)
        return self._key

    def _rel(self, path: Path) -> str:
        return Path(os.path.realpath(path)).relative_to(self.folder).as_posix()

    def record(self, path: Path, backup: Path, before: bytes | str, after: bytes | str) -> None:
        """Append (and flush to disk) the change about to be made to ``path``.

        ``before`` and ``after`` are the bytes, or their SHA-256 already computed (large files).
        """
        rel = self._rel(path)
        self._append({"run": self.run_id, "time": time.strftime("%Y-%m-%d %H:%M:%S"), "path": rel,
                      "backup": (PurePosixPath(rel).parent / backup.name).as_posix(),
                      "before": before if isinstance(before, str) else digest(before),
                      "after": after if isinstance(after, str) else digest(after)})

    def cancel(self, path: Path) -> None:
        """The change last recorded for ``path`` in this run was not made."""
        self._append({"run": self.run_id, "path": self._rel(path), "cancelled": True})

    def mark_undone(self, run: str) -> None:
        self._append({"run": run, "undone": True, "time": time.strftime("%Y-%m-%d %H:%M:%S")})

    def _append(self, entry: dict) -> None:
        key = self.key
        if key is None:
            raise undo_key.UndoKeyError(0, "no undo key", str(undo_key.state_dir() / undo_key.KEY_NAME))
        row = (json.dumps(undo_key.sign(entry, key), ensure_ascii=False) + "\n").encode("utf-8")
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.path, flags, safe_io.default_mode())
        try:  # one write of the whole row at the end: processes sharing the journal never mix their rows
            written = os.write(fd, row)
            if written != len(row):  # a short write (disk full): end the row so the next one stays whole
                os.write(fd, b"\n")
                raise OSError(errno.ENOSPC, "the undo journal could not be written whole")
            os.fsync(fd)
        finally:
            os.close(fd)

    def rows(self) -> Iterator[tuple[int, dict | None]]:
        """(line number, row) for each line; None for a line that is not a JSON object."""
        try:
            fh = open(self.path, encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return
        with fh:
            for n, line in enumerate(fh, 1):
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    yield n, None  # a line cut short by a crash: the change it describes was never made
                    continue
                yield n, entry if isinstance(entry, dict) else None

    def runs(self) -> tuple[list[tuple[str, list[Change], bool]], list[Problem]]:
        """Every run, oldest first (its id, its changes, whether undone), and the rows refused."""
        order: dict[str, list[Change]] = {}
        undone: set[str] = set()
        problems: list[Problem] = []
        for n, e in self.rows():
            if e is None:
                if n > 0:
                    problems.append(Problem(n, "not a journal row; ignored"))
                continue
            if not undo_key.verify(e, self.key):
                problems.append(Problem(n, "row not signed by mtnorm on this account; ignored"))
                continue
            run = e.get("run")
            if not isinstance(run, str):
                problems.append(Problem(n, "row without a run; ignored"))
            elif e.get("undone") is True:
                undone.add(run)
            elif e.get("cancelled") is True:
                rel = _relative(e.get("path"))
                changes = order.get(run, [])
                for i in range(len(changes) - 1, -1, -1):
                    if changes[i].path == rel:
                        del changes[i]
                        break
            else:
                change = self._change(e)
                if isinstance(change, str):
                    problems.append(Problem(n, change))
                else:
                    order.setdefault(run, []).append(change)
        return [(run, changes, run in undone) for run, changes in order.items() if changes], problems

    @staticmethod
    def _change(e: dict) -> Change | str:
        path, backup = _relative(e.get("path")), _relative(e.get("backup"))
        if path is None or backup is None:
            return "path outside the journal's folder; refused"
        if backup.parent != path.parent or not backup.name.startswith(path.name) or backup.name == path.name:
            return f"backup {backup} is not named as mtnorm names backups of {path}; refused"
        before, after = e.get("before"), e.get("after")
        if not (isinstance(before, str) and isinstance(after, str)):
            return "row without digests; refused"
        return Change(e["run"], str(e.get("time", "")), path, backup, before, after)


@dataclass(frozen=True)
class Outcome:
    """What undoing one change did: ``restored``, ``already`` (file was the original) or ``refused``."""

    change: Change
    status: str
    reason: str = ""


def undo_change(folder: Path, change: Change, force: bool = False) -> Outcome:
    """Put back the bytes ``change.path`` had before the run, from its backup, inside ``folder``.

    Refused when the file changed since the run (someone edited it: their work
    would be lost) unless ``force``, when the backup is missing or altered, and
    when a link or a non-file stands on the way. The backup is removed once its
    bytes are back in place, or when the file already holds them (a run stopped
    before replacing it).
    """
    try:
        fd = safe_io.open_below(folder, change.path.parts[:-1], create=False)
    except OSError as exc:
        return Outcome(change, "refused", f"its folder cannot be opened without following a link: {exc.strerror}")
    name, backup = change.path.name, change.backup.name
    try:
        try:
            current = _fd_digest(fd, name)
        except OSError as exc:
            return Outcome(change, "refused", f"cannot read: {exc.strerror or exc}")
        try:
            original = _fd_digest(fd, backup)
        except OSError as exc:
            return Outcome(change, "refused", f"backup {change.backup} cannot be read: {exc.strerror or exc}")
        if current is not None and current == change.before:
            if original is not None:
                os.unlink(backup, dir_fd=fd)
                return Outcome(change, "already", f"already had its original text; removed the backup {change.backup}")
            return Outcome(change, "already", "already has its original text")
        if current is not None and current != change.after and not force:
            return Outcome(change, "refused", "changed since it was cleaned; not restored (--force restores anyway)")
        if original is None:
            return Outcome(change, "refused", f"backup {change.backup} is missing; not restored")
        if original != change.before:
            return Outcome(change, "refused", f"backup {change.backup} was altered; not restored")
        mode = os.stat(backup, dir_fd=fd, follow_symlinks=False).st_mode & 0o7777

        def fill(out) -> None:
            src = os.open(backup, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0), dir_fd=fd)
            with os.fdopen(src, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    out.write(chunk)

        try:
            safe_io.replace_in(fd, name, fill, mode)
        except OSError as exc:
            return Outcome(change, "refused", f"cannot write: {exc.strerror or exc}")
        os.unlink(backup, dir_fd=fd)
        return Outcome(change, "restored")
    finally:
        os.close(fd)


def undo_run(log: UndoLog, run: str | None = None, force: bool = False
             ) -> tuple[str | None, list[Outcome], list[Problem]]:
    """Undo the latest run not yet undone (or the run ``run``).

    Returns the run's id (None if there is nothing to undo), what happened to
    each file, and the journal rows refused. The run is marked undone only when
    no file was refused, so a second try (after fixing what was in the way, or
    with ``force``) finishes the job.
    """
    runs, problems = log.runs()
    candidates = [(r, changes) for r, changes, done in runs if not done and (run is None or r == run)]
    if not candidates:
        return None, [], problems
    run_id, changes = candidates[-1]
    outcomes = [undo_change(log.folder, c, force) for c in reversed(changes)]
    if all(o.status != "refused" for o in outcomes):
        log.mark_undone(run_id)
    return run_id, outcomes, problems
