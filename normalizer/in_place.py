"""``clean --in-place``: rewrite a file with a backup, a journal row, and a guard against concurrent writers.

For each file, inside its folder opened once (no link followed below it):

1. the file is opened and must still be what was read (size, modification time);
2. a journal row is appended and flushed, then the backup ``FILE.orig`` (or
   ``FILE.orig.N``) is created exclusively (never through a link) and flushed;
3. the new bytes are written to a temporary file;
4. size, modification time and inode are checked again: anything moved means
   "changed while cleaning, left as it is" (backup removed, row cancelled);
5. the temporary file is renamed over the file;
6. bytes a writer appended between the last check and the rename (they went to
   the old file, which is still open) are appended to the new file.

What remains: a writer that keeps an old descriptor open and writes after step 6
writes into the old file, which is no longer in the folder.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from . import safe_io
from .document import DocumentError
from .undo import UNDO_NAME, UndoLog, journal_folder, new_run_id

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class Journals:
    """The undo journals of one run, one per folder, sharing the run's id and key."""

    def __init__(self, key: bytes) -> None:
        self.key = key
        self.run_id = new_run_id()
        self._logs: dict[Path, UndoLog] = {}

    def for_file(self, path: Path, root: Path) -> UndoLog:
        folder = journal_folder(path, root)
        if folder not in self._logs:
            self._logs[folder] = UndoLog(folder / UNDO_NAME, self.run_id, self.key)
        return self._logs[folder]


def backup_name(folder: int, name: str, suffix: str) -> str:
    """The first free backup name for ``name``: ``NAME.orig``, else ``NAME.orig.1``, ..."""
    candidate, n = name + suffix, 1
    while safe_io.exists_in(folder, candidate):
        candidate = f"{name}{suffix}.{n}"
        n += 1
    return candidate


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_ino, a.st_dev, a.st_size, a.st_mtime_ns) == (b.st_ino, b.st_dev, b.st_size, b.st_mtime_ns)


def _copy_from(fd: int, size: int) -> Callable[[BinaryIO], None]:
    def fill(out: BinaryIO) -> None:
        offset = 0
        while offset < size:
            chunk = os.pread(fd, min(1 << 20, size - offset), offset)
            if not chunk:
                raise DocumentError("shrank while being backed up; left as it is")
            out.write(chunk)
            offset += len(chunk)
    return fill


def rewrite(path: Path, expected: tuple[int, int] | None, new: bytes | Path, after: str | None,
            suffix: str, log: UndoLog, before: str | None = None) -> str | None:
    """Replace ``path``'s bytes with ``new`` (bytes, or a staged file in the same folder), keeping a backup.

    ``expected`` is the (size, mtime_ns) the file had when read; ``after`` and
    ``before`` are SHA-256 digests when known (a large file), else computed.
    Returns a note for the user when appended bytes were carried over, else None.
    Raises :class:`DocumentError` (refused, nothing changed) or ``OSError``.
    """
    real = Path(os.path.realpath(path))
    folder = safe_io.open_folder(real.parent)
    name = real.name
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK, dir_fd=folder)
        try:
            return _rewrite(folder, fd, real, name, expected, new, after, suffix, log, before)
        finally:
            os.close(fd)
    finally:
        os.close(folder)


def _rewrite(folder: int, fd: int, real: Path, name: str, expected: tuple[int, int] | None, new: bytes | Path,
             after: str | None, suffix: str, log: UndoLog, before: str | None) -> str | None:
    from .undo import digest

    st0 = os.fstat(fd)
    if not stat.S_ISREG(st0.st_mode):
        raise DocumentError("not a regular file; left as it is")
    if expected is not None and (st0.st_size, st0.st_mtime_ns) != expected:
        raise DocumentError("changed on disk while being cleaned; not overwritten (run again)")
    if before is None:
        before = digest(_read_all(fd, st0.st_size))
    if after is None:
        assert isinstance(new, bytes)
        after = digest(new)
    backup = backup_name(folder, name, suffix)
    log.record(real, real.parent / backup, before, after)
    tmp: str | None = None
    made_backup = False
    try:
        safe_io.create_exclusive(folder, backup, _copy_from(fd, st0.st_size), st0.st_mode & 0o7777)
        made_backup = True
        _still(folder, name, st0)
        if isinstance(new, bytes):
            tmp = safe_io.temp_name(name)
            out = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=folder)
            with os.fdopen(out, "wb") as fh:
                fh.write(new)
                fh.flush()
                os.fchmod(fh.fileno(), st0.st_mode & 0o7777)
                os.fsync(fh.fileno())
            source, src_fd = tmp, folder
        else:
            os.chmod(new, st0.st_mode & 0o7777)
            source, src_fd = str(new), None
        _still(folder, name, st0)
        os.replace(source, name, src_dir_fd=src_fd, dst_dir_fd=folder)
        tmp = None
    except BaseException:
        if tmp is not None:
            _unlink(folder, tmp)
        if made_backup:
            _unlink(folder, backup)
        log.cancel(real)
        raise
    safe_io.fsync_fd(folder)
    return _carry_over(folder, fd, name, st0.st_size)


def _read_all(fd: int, size: int) -> bytes:
    return _read_from(fd, 0, size)


def _read_from(fd: int, offset: int, size: int) -> bytes:
    """Bytes ``offset`` to ``size`` of an open file."""
    parts = []
    while offset < size:
        chunk = os.pread(fd, size - offset, offset)
        if not chunk:
            break
        parts.append(chunk)
        offset += len(chunk)
    return b"".join(parts)


def _still(folder: int, name: str, st0: os.stat_result) -> None:
    """Refuse if the file at ``name`` is no longer the one read, or was written meanwhile."""
    try:
        now = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        raise DocumentError("removed while being cleaned; left as it is") from None
    if not _same(now, st0):
        raise DocumentError("changed while cleaning, left as it is (run again)")


def _carry_over(folder: int, fd: int, name: str, size: int) -> str | None:
    """Append to the new file what a writer appended to the old one after the last check."""
    grown = os.fstat(fd).st_size
    if grown <= size:
        return None
    tail = _read_from(fd, size, grown)
    out = os.open(name, os.O_WRONLY | os.O_APPEND | _NOFOLLOW, dir_fd=folder)
    try:
        os.write(out, tail)
        os.fsync(out)
    finally:
        os.close(out)
    return f"{len(tail)} bytes appended while it was being cleaned were kept at its end"


def _unlink(folder: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=folder)
    except OSError:
        pass
