"""Finding the files of a run: the files given, and those with a wanted extension under the folders given."""

from __future__ import annotations

import errno
import fnmatch
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path


def find_files(
    paths: Sequence[Path], extensions: Sequence[str], exclude: Sequence[str],
    skipped: list[tuple[Path, str]] | None = None,
) -> Iterator[tuple[Path, Path]]:
    """Yield (file, root) for files given or found under folders, sorted per folder.

    Files named explicitly are always taken; folders contribute files with one
    of ``extensions`` whose names match none of the ``exclude`` patterns.
    Symbolic links to folders are not followed (no loops), and a link to a
    file outside the folder given is left out (no escape), and a file reached
    twice (a link beside its target, overlapping arguments) is taken once;
    such files are added to ``skipped`` with the reason.
    """
    exts = {e.lower().lstrip(".") for e in extensions}

    def excluded(name: str) -> bool:
        return any(fnmatch.fnmatch(name, pat) for pat in exclude)

    seen: set[Path] = set()
    for root in paths:
        if root.is_dir():
            found = []
            real_root = Path(os.path.realpath(root))
            for folder, files in _walk(root, excluded, skipped):
                # Folder links are not followed, so a plain file's real path is the real root joined
                # with its relative path: no realpath() (a system call per path component) per file.
                real_folder = real_root / os.path.relpath(folder, root)
                for name in files:
                    if name.rsplit(".", 1)[-1].lower() in exts and "." in name and not excluded(name):
                        f = Path(folder) / name
                        link = os.path.islink(f)
                        target = Path(os.path.realpath(f)) if link else real_folder / name
                        if link and _loops(f):
                            if skipped is not None:
                                skipped.append((f, "symbolic link loop, skipped"))
                            continue
                        if link and real_root not in target.parents:
                            if skipped is not None:
                                skipped.append((f, "symbolic link to a file outside the folder, skipped"))
                            continue
                        found.append((f, target, link))
            real = {target for _, target, link in found if not link}
            for f, target, link in sorted(found):
                if target in seen or (link and target in real):
                    if skipped is not None:
                        skipped.append((f, "the same file as another one in this run, taken once"))
                    continue
                seen.add(target)
                yield f, root
        elif (real_file := Path(os.path.realpath(root))) not in seen:
            seen.add(real_file)
            yield root, root.parent


def _walk(root: Path, excluded: Callable[[str], bool],
          skipped: list[tuple[Path, str]] | None) -> Iterator[tuple[str, list[str]]]:
    """(folder, names of its non-folder entries) for ``root`` and the folders below, without recursion.

    Folder links are reported in ``skipped`` and not entered; unreadable folders are passed over.
    """
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            continue
        dirs, files = [], []
        for e in entries:
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(e.name)
        yield folder, files
        subs = []
        for d in sorted(d for d in dirs if not excluded(d)):
            sub = os.path.join(folder, d)
            if os.path.islink(sub):
                if skipped is not None:
                    skipped.append((Path(sub), "symbolic link to a folder, not followed"))
                continue
            subs.append(sub)
        stack.extend(reversed(subs))


def _loops(link: Path) -> bool:
    """True for a symbolic link that never reaches a file (it points at itself, or round a ring)."""
    try:
        os.stat(link)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def output_path(path: Path, root: Path, out_dir: Path) -> Path:
    """Where the cleaned copy of ``path`` goes: its place under ``root``, mirrored into ``out_dir``."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    return out_dir / rel


def real_path(path: str | os.PathLike[str], folders: dict[str, str]) -> str:
    """``os.path.realpath(path)`` for many files in few folders: each folder is resolved once (kept in
    ``folders``), and a file is resolved on its own only when it is a symbolic link."""
    path = os.fspath(path)
    if os.path.islink(path):
        return os.path.realpath(path)
    parent, name = os.path.split(path)
    real = folders.get(parent)
    if real is None:
        real = folders[parent] = os.path.realpath(parent or ".")
    return os.path.join(real, name)
