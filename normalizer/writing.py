"""Atomic writes: a temporary file beside the target, flushed, then renamed over it.

Two ways to name a target:

- :func:`write_atomic` / :func:`copy_atomic` for a file the user named (an alias
  file, a reviewed file, a file cleaned in place): a symbolic link at that name
  is written through (its target replaced, the link kept), as editors do.
- :func:`write_below` / :func:`copy_below` / :func:`move_below` for a file
  inside an output folder (``clean --out``): no link below the folder is ever
  followed; a link at the file's name is replaced, a link or a file where a
  folder should be is refused with :class:`~normalizer.safe_io.LinkRefused`.

Inside :func:`flush_at_end` the writes skip their own ``fsync`` and one
``sync`` at the end makes them all durable.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from . import safe_io
from .safe_io import LinkRefused

_deferred: set[Path] | None = None  # folders written since flush_at_end was entered (None: flush each)


def _mode_of(path: Path | None) -> int | None:
    try:
        return os.stat(path).st_mode & 0o7777 if path is not None else None
    except OSError:
        return None


def _through_link(dest: str | os.PathLike[str]) -> Path:
    """The file to replace for ``dest``: a symbolic link's target, so the link itself is kept."""
    target = Path(dest)
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _write_into(folder: int, folder_path: Path, name: str, fill, mode: int | None) -> None:
    durable = _deferred is None
    safe_io.replace_in(folder, name, fill, mode, durable=durable)
    if not durable:
        _deferred.add(folder_path)  # type: ignore[union-attr]


def _bytes(data: bytes):
    return lambda fh: fh.write(data)


def _copy_of(source: Path):
    def fill(out: BinaryIO) -> None:
        with open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
    return fill


def _replace_with(target: Path, fill, mode_from: Path | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_of(mode_from) if mode_from is not None else _mode_of(target)
    folder = safe_io.open_folder(target.parent)
    try:
        _write_into(folder, target.parent, target.name, fill, mode)
    finally:
        os.close(folder)


def write_atomic(dest: str | os.PathLike[str], data: bytes, *, like: Path | None = None) -> None:
    """Write ``data`` to ``dest`` through a temporary file, ``fsync`` and a rename.

    A reader never sees a half-written file, and a failure (disk full, no
    permission, read-only) leaves ``dest`` as it was and no temporary file
    behind. A symbolic link is written through (its target is replaced, the
    link kept); ``like`` copies permission bits (else the file's own, else the umask's).
    """
    _replace_with(_through_link(dest), _bytes(data), like)


def copy_atomic(source: Path, dest: str | os.PathLike[str]) -> None:
    """Copy a file of any size to ``dest`` as :func:`write_atomic` writes (temporary file, fsync, rename)."""
    _replace_with(_through_link(dest), _copy_of(source), source)


def _below(root: Path, rel: Path, fill, like: Path | None) -> None:
    parts = rel.parts
    if not parts or rel.is_absolute() or ".." in parts:
        raise LinkRefused(errno.EINVAL, "outside the output folder; refused", str(root / rel))
    folder = safe_io.open_below(root, parts[:-1])
    try:
        _write_into(folder, root.joinpath(*parts[:-1]), parts[-1], fill, _mode_of(like))
    finally:
        os.close(folder)


def write_below(root: Path, rel: Path, data: bytes, *, like: Path | None = None) -> None:
    """Write ``root/rel`` atomically without following any link below ``root`` (a link at the name is replaced)."""
    _below(root, rel, _bytes(data), like)


def copy_below(root: Path, rel: Path, source: Path) -> None:
    """Copy ``source`` to ``root/rel`` as :func:`write_below` writes."""
    _below(root, rel, _copy_of(source), source)


def move_below(staged: Path, root: Path, rel: Path, *, like: Path | None = None) -> None:
    """Rename an already written temporary file to ``root/rel`` (same file system), following no link below ``root``."""
    parts = rel.parts
    try:
        if not parts or rel.is_absolute() or ".." in parts:
            raise LinkRefused(errno.EINVAL, "outside the output folder; refused", str(root / rel))
        folder = safe_io.open_below(root, parts[:-1])
        try:
            mode = _mode_of(like)
            if mode is not None:
                os.chmod(staged, mode)
            if _deferred is None:
                with open(staged, "rb") as fh:
                    os.fsync(fh.fileno())
            os.replace(staged, parts[-1], dst_dir_fd=folder)
            if _deferred is None:
                safe_io.fsync_fd(folder)
            else:
                _deferred.add(root.joinpath(*parts[:-1]))
        finally:
            os.close(folder)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def move_into_place(staged: Path, dest: str | os.PathLike[str], *, like: Path | None = None) -> None:
    """Rename an already flushed temporary file over ``dest`` (through a symlink to its target)."""
    target = _through_link(dest)
    move_below(staged, target.parent, Path(target.name), like=like)


@contextmanager
def flush_at_end() -> Iterator[None]:
    """Atomic writes inside skip their own ``fsync`` calls; leaving flushes everything at once.

    For copies written beside untouched originals (``clean --out``): readers and a killed run
    still see whole files or none (temporary file and rename), and the run is not held up by
    two disk flushes per file; a power cut before the end can leave copies empty, never an original.
    """
    global _deferred
    if _deferred is not None:  # nested: the outer one flushes
        yield
        return
    _deferred = set()
    try:
        yield
    finally:
        written, _deferred = _deferred, None
        if written:
            _flush(written)


def written_elsewhere(folder: Path) -> None:
    """Inside :func:`flush_at_end`: worker processes wrote below ``folder`` without their own flush
    (a forked worker inherits the deferral), so leaving flushes even if this process wrote nothing."""
    if _deferred is not None:
        _deferred.add(folder)


def _flush(written: set[Path]) -> None:
    """Make files and folders written without their own flush durable: one ``sync``, else each folder."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in sorted(written):  # pragma: no cover (platforms without sync(2))
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        safe_io.fsync_fd(fd)
        os.close(fd)


def write_error(exc: OSError) -> str:
    """A one-line reason for a failed write (disk full, permission denied, a link in the way...)."""
    if isinstance(exc, LinkRefused):
        return f"cannot write: {exc.filename} is {exc.strerror}; nothing was changed" \
            if "symbolic link" in str(exc.strerror) or "not a folder" in str(exc.strerror) \
            else f"cannot write: {exc.filename}: {exc.strerror}; nothing was changed"
    reasons = {errno.ENOSPC: "disk full", errno.EDQUOT: "disk quota exceeded", errno.EACCES: "permission denied",
               errno.EPERM: "operation not permitted", errno.EROFS: "read-only file system",
               errno.ENAMETOOLONG: "file name too long", errno.ENOTDIR: "a file stands where a folder should be"}
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return f"cannot write: {reason}; nothing was changed"

