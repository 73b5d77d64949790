"""Where ``mtnorm clean`` puts a cleaned file: a copy under ``--out``, or the file itself (``--in-place``).

:class:`Output` writes one file's result and hands back a summary without the text
(:class:`Done`), in the process that cleaned the file: with ``--jobs N`` each worker writes
its own files and the parent receives only the summaries, so the parent keeps the order of
the messages, the error lines, the exit code and the end-of-run table without reading or
writing any text. Every write goes through :mod:`normalizer.writing` (copies under
``--out``: temporary file and rename, no link below the folder followed) or
:mod:`normalizer.in_place` (backup, signed journal row, re-checks; the journal's rows are
appended with one ``write`` each, so several processes can share a journal).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import in_place, safe_io
from .batch import FileReport
from .finding import output_path, real_path
from .document import Document, DocumentError, unchanged_since_read
from .in_place import Journals
from .stream import StreamResult, Tally
from .undo import UndoLog
from .writing import copy_below, move_below, write_below, write_error


@dataclass
class Done:
    """What cleaning one file did, without its text: what the run's summary and exit code need."""

    changed: bool
    applied: list[Tally] = field(default_factory=list)
    pending: list[Tally] = field(default_factory=list)


def _tallies(fixes: list) -> list[Tally]:
    return [f if isinstance(f, Tally) else Tally(f.rule) for f in fixes]


@dataclass(frozen=True)
class Output:
    """Where a run writes: copies under ``out_dir``, else each file in place (``journals`` set).

    Called with a file's report, it writes the file and returns the report with the text
    dropped: ``result`` becomes a :class:`Done`, a failed write sets ``write_error`` and a
    kept append sets ``note``. ``roots`` maps each file to the folder (or file) it was found from.
    """

    roots: dict[Path, Path]
    out_dir: Path | None
    suffix: str = ".orig"
    journals: Journals | None = None
    parent: int | None = None  # the run's process: a worker whose run was killed (an orphan) writes nothing

    def __call__(self, report: FileReport) -> FileReport:
        slim = FileReport(report.path, error=report.error)
        result = report.result
        if report.error or report.document is None:
            slim.error = report.error or "unreadable"
            _drop_staged(result)
            return slim
        slim.result = Done(bool(result and result.changed), _tallies(result.applied) if result else [],
                           _tallies(result.pending) if result else [])
        try:
            if self.parent is not None and self.parent not in (os.getpid(), os.getppid()):
                raise DocumentError("the run was stopped before this file was written; nothing was changed")
            if self.out_dir is not None:
                write_copy(report, self.roots[report.path], self.out_dir)
            elif result and result.changed and self.journals is not None:
                log = self.journals.for_file(report.path, self.roots[report.path])
                slim.note = write_in_place(report, self.suffix, log)
        except OSError as exc:
            slim.write_error = write_error(exc)
        except DocumentError as exc:
            slim.write_error = str(exc)
        finally:
            _drop_staged(result)  # moved into place, or not wanted after an error
        return slim

    def destination(self, path: Path) -> Path:
        """Where ``path`` is written (named in error lines)."""
        return output_path(path, self.roots[path], self.out_dir) if self.out_dir is not None else path


def _drop_staged(result: object) -> None:
    staged = getattr(result, "staged", None)
    if staged is not None:
        staged.unlink(missing_ok=True)


def write_copy(report: FileReport, root: Path, out_dir: Path) -> None:
    """The cleaned copy under ``out_dir``; a file with nothing changed is copied byte for byte.

    No link below ``out_dir`` is followed: a link at the copy's name is replaced,
    one where a folder should be is refused.
    """
    doc: Document = report.document  # type: ignore[assignment]
    rel = output_path(report.path, root, Path("."))
    if isinstance(report.result, StreamResult):
        if not report.result.changed:
            copy_below(out_dir, rel, report.path)  # byte for byte, as for a small file
        elif report.result.staged is None:
            raise DocumentError("internal error: large file not staged; please report it")
        else:
            move_below(report.result.staged, out_dir, rel, like=report.path)
        return
    if report.result is not None and report.result.changed:
        data = doc.encode(report.result.text)
    elif unchanged_since_read(doc):
        data = report.path.read_bytes()
    else:
        raise DocumentError("changed on disk while being cleaned; not copied (run again)")
    write_below(out_dir, rel, data, like=report.path)


def write_in_place(report: FileReport, suffix: str, log: UndoLog) -> str | None:
    """Back up, log, then replace (see :mod:`normalizer.in_place`); a note when appended bytes were kept."""
    doc: Document = report.document  # type: ignore[assignment]
    if isinstance(report.result, StreamResult):  # a large file, staged beside it: never read whole
        staged = report.result.staged
        if staged is None:
            raise DocumentError("internal error: large file not staged; please report it")
        return in_place.rewrite(report.path, doc.stamp, staged, report.result.after, suffix, log,
                                before=report.result.before)
    new = doc.encode(report.result.text)  # type: ignore[union-attr]
    return in_place.rewrite(report.path, doc.stamp, new, None, suffix, log)


def remove_stale_temps(pairs: list[tuple[Path, Path]], out_dir: Path | None, suffix: str, started_ns: int) -> int:
    """Remove temporaries of mtnorm's naming left by killed runs for the files of this run; how many.

    Each folder is opened and listed once, for all the names of this run it may hold.
    """
    places: dict[Path, set[str]] = {}
    real_folders: dict[str, str] = {}
    for f, root in pairs:
        if out_dir is not None:
            rel = output_path(f, root, Path("."))
            places.setdefault(out_dir.joinpath(*rel.parts[:-1]), set()).add(rel.name)
            places.setdefault(out_dir, set()).add(f.name)
        else:
            folder, name = os.path.split(real_path(f, real_folders))
            places.setdefault(Path(folder), set()).update((name, name + suffix))
    removed = 0
    for folder, names in places.items():
        try:
            fd = safe_io.open_below(folder, (), create=False) if folder.is_dir() else None
        except OSError:
            fd = None
        if fd is None:
            continue
        try:
            removed += len(safe_io.remove_stale_temps(fd, names, started_ns))
        finally:
            os.close(fd)
    return removed
