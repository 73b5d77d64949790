"""File operations that stay where they were asked to: no link followed for writing, no name clobbered.

Every write goes through a folder opened as a file descriptor, so a path cannot
change under it between a check and a write:

- :func:`open_below` opens the folders under a root one by one with
  ``O_NOFOLLOW``: a symbolic link (or a file) where a folder is expected is refused.
- :func:`replace_in` writes a temporary file created exclusively (``O_EXCL |
  O_NOFOLLOW``) in that folder and renames it over the name; a link standing at
  the name is replaced, never written through.
- :func:`create_exclusive` makes a new file that must not exist yet (backups).

Temporary files are named ``.NAME.XXXXXXXX.tmp`` (NAME shortened so the whole
stays within 255 bytes); :func:`remove_stale_temps` removes only names of that
pattern, for a given NAME, older than a given time.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any, BinaryIO

NAME_MAX = 255
_TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class LinkRefused(OSError):
    """A symbolic link (or a non-folder) stood where mtnorm was about to write."""


def _shorten(name: str, room: int) -> str:
    """``name`` cut to at most ``room`` bytes of UTF-8, on a character boundary."""
    raw = name.encode("utf-8", "surrogateescape")
    if len(raw) <= room:
        return name
    return raw[:room].decode("utf-8", "ignore")


def temp_prefix(name: str) -> str:
    """The part of a temporary file's name that comes from ``name``: ``name`` shortened to fit.

    >>> temp_prefix("story.txt"), len(temp_prefix("x" * 300).encode())
    ('story.txt', 241)
    """
    return _shorten(name, NAME_MAX - len(".") - len(".XXXXXXXX.tmp"))


def temp_name(name: str) -> str:
    """A fresh temporary name for ``name``: ``.NAME.XXXXXXXX.tmp``, at most 255 bytes."""
    token = "".join(secrets.choice(_TOKEN_CHARS) for _ in range(8))
    return f".{temp_prefix(name)}.{token}.tmp"


def is_temp_of(candidate: str, name: str) -> bool:
    """True if ``candidate`` is a temporary name mtnorm makes for ``name``.

    >>> is_temp_of(".a.txt.k3x_9qzp.tmp", "a.txt"), is_temp_of(".a.txt.notes.tmp", "a.txt")
    (True, False)
    """
    return re.fullmatch(rf"\.{re.escape(temp_prefix(name))}\.[a-z0-9_]{{8}}\.tmp", candidate) is not None


def default_mode() -> int:
    """Permission bits of a new file, as ``open`` would give it under the current umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def open_folder(path: Path) -> int:
    """Open a folder named by the user (links in its own path are the user's choice)."""
    return os.open(path, os.O_RDONLY | _DIRECTORY | _CLOEXEC)


def open_below(root: Path, parts: Sequence[str], create: bool = True) -> int:
    """Open ``root/part1/part2/...`` as a folder, never following a link below ``root``.

    ``root`` itself is created if missing (the user named it); each part is
    created when ``create`` and missing. Raises :class:`LinkRefused` when a part
    is a symbolic link or not a folder.
    """
    if create:
        root.mkdir(parents=True, exist_ok=True)
    fd = open_folder(root)
    here = root
    try:
        for part in parts:
            if part in ("", ".", "..") or "/" in part or "\0" in part:
                raise LinkRefused(0, f"refused folder name {part!r}", str(here / part))
            here = here / part
            try:
                nxt = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                try:
                    os.mkdir(part, 0o777, dir_fd=fd)
                except FileExistsError:
                    pass
                nxt = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
            except OSError as exc:
                if exc.errno not in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                    raise
                st = os.stat(part, dir_fd=fd, follow_symlinks=False)
                what = "a symbolic link" if stat.S_ISLNK(st.st_mode) else "not a folder"
                raise LinkRefused(exc.errno, f"{what}; not written through", str(here)) from None
            os.close(fd)
            fd = nxt
    except BaseException:
        os.close(fd)
        raise
    return fd


def fsync_fd(fd: int) -> None:
    """Flush a file or folder descriptor, where the platform allows it."""
    try:
        os.fsync(fd)
    except OSError:
        pass


def replace_in(folder: int, name: str, fill: Callable[[BinaryIO], Any], mode: int | None,
               durable: bool = True) -> None:
    """Atomically give ``folder/name`` the bytes ``fill`` writes: exclusive temporary file, flush, rename.

    A symbolic link at ``name`` is replaced by the file, not written through.
    On any failure the temporary file is removed and ``name`` is as it was.
    """
    tmp = temp_name(name)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600, dir_fd=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
            fh.flush()
            os.fchmod(fh.fileno(), default_mode() if mode is None else mode)
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        try:
            os.unlink(tmp, dir_fd=folder)
        except OSError:
            pass
        raise
    if durable:
        fsync_fd(folder)


def create_exclusive(folder: int, name: str, fill: Callable[[BinaryIO], Any], mode: int) -> None:
    """Create ``folder/name``, which must not exist (not even as a dangling link), and flush it.

    A failure part-way removes what was created.
    """
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600, dir_fd=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
    except BaseException:
        try:
            os.unlink(name, dir_fd=folder)
        except OSError:
            pass
        raise
    fsync_fd(folder)


def exists_in(folder: int, name: str) -> bool:
    """True if anything (a dangling link too) is at ``folder/name``."""
    try:
        os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def remove_stale_temps(folder: int, names: str | Collection[str], older_than_ns: int) -> list[str]:
    """Remove regular files named as mtnorm's temporaries for ``names`` (one or several names of
    this folder, listed once) and last changed before ``older_than_ns``."""
    removed: list[str] = []
    wanted = {temp_prefix(n): n for n in ([names] if isinstance(names, str) else names)}
    try:
        listing = os.listdir(folder)
    except OSError:
        return removed
    entries = []
    for e in listing:  # ".PREFIX.XXXXXXXX.tmp": the prefix is all but the first and the last 13 characters
        name = wanted.get(e[1:-13]) if e.startswith(".") and e.endswith(".tmp") else None
        if name is not None and is_temp_of(e, name):
            entries.append(e)
    for entry in entries:
        try:
            st = os.stat(entry, dir_fd=folder, follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and st.st_mtime_ns < older_than_ns:
                os.unlink(entry, dir_fd=folder)
                removed.append(entry)
        except OSError:
            continue
    return removed
