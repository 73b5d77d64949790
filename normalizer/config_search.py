"""Where the configuration is: walking up from the inputs, then the current folder, then the user's folder.

The search follows ruff's: in each folder, upward from each input path, the first of
``.mtnorm.toml``, ``mtnorm.toml`` and a ``pyproject.toml`` holding ``[tool.mtnorm]`` is the
configuration. A folder holding only mtnorm's own files (``mtnorm-aliases.toml``,
``mtnorm-rules.toml``, ``mtnorm-ignore.txt``, as ``mtnorm alias add`` leaves them) is a project
without settings. Failing both, the user configuration folder (``$MTNORM_CONFIG_DIR``, else the
platform's, e.g. ``~/.config/mtnorm``) is used.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

CONFIG_NAMES = (".mtnorm.toml", "mtnorm.toml", "pyproject.toml")
PROJECT_FILES = ("mtnorm-aliases.toml", "mtnorm-rules.toml", "mtnorm-ignore.txt")


def user_config_dir() -> Path:
    """The user's configuration folder: ``$MTNORM_CONFIG_DIR``, else the platform's (``~/.config/mtnorm``)."""
    if os.environ.get("MTNORM_CONFIG_DIR"):
        return Path(os.environ["MTNORM_CONFIG_DIR"])
    import platformdirs

    return Path(platformdirs.user_config_dir("mtnorm", appauthor=False))


def _has_tool_table(pyproject: Path) -> bool:
    try:
        raw = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    try:
        tool = tomllib.loads(raw).get("tool")
    except tomllib.TOMLDecodeError:  # let the loader name the broken line if it is ours
        return "[tool.mtnorm" in raw
    return isinstance(tool, dict) and "mtnorm" in tool


def config_in(folder: Path) -> Path | None:
    """The configuration file of ``folder`` itself, if it has one.

    >>> config_in(Path("/nonexistent-folder")) is None
    True
    """
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
            return candidate
    return None


def _upward(start: Path) -> list[Path]:
    here = Path(os.path.abspath(start))
    if not here.is_dir():
        here = here.parent
    return [here, *here.parents]


def find_config(start: Path) -> Path | None:
    """The nearest configuration file upward from ``start`` (a file or a folder)."""
    for folder in _upward(start):
        found = config_in(folder)
        if found is not None:
            return found
    return None


def find_project_folder(start: Path) -> Path | None:
    """The nearest folder upward from ``start`` holding one of mtnorm's own files."""
    for folder in _upward(start):
        if any((folder / name).is_file() for name in PROJECT_FILES):
            return folder
    return None


@dataclass
class Located:
    """The configuration a run uses, and how it was found."""

    path: Path | None            # the configuration file, or None (defaults)
    base: Path                   # where mtnorm's own files (aliases, rules, ignore words) live
    how: str                     # a phrase for `mtnorm config` and -v
    others: list[tuple[Path, Path]] = field(default_factory=list)  # (input, its own config) not used


def locate(paths: Sequence[Path] = (), cwd: Path | None = None) -> Located:
    """Find the configuration for a run on ``paths`` (see the module's docstring).

    One run uses one configuration: the first input's. An input whose nearest
    configuration is another file is listed in ``others`` so that the caller can warn.
    """
    cwd = cwd or Path.cwd()
    starts = [(p, f"walking up from {p}") for p in paths] + [(cwd, "walking up from the current folder")]
    found = [(p, how, find_config(p)) for p, how in starts]
    chosen = next(((p, how, c) for p, how, c in found if c is not None), None)
    if chosen is not None:
        _, how, config = chosen
        others = [(p, c) for p, _, c in found[:len(paths)] if c is not None and c.resolve() != config.resolve()]
        return Located(config, config.parent, f"found {how}", others)
    for p, how in starts:
        folder = find_project_folder(p)
        if folder is not None:
            return Located(None, folder, f"no configuration file; mtnorm's files found {how}")
    user = user_config_dir()
    config = config_in(user)
    if config is not None:
        return Located(config, user, "the user configuration (no project configuration found)")
    if any((user / name).is_file() for name in PROJECT_FILES):
        return Located(None, user, "no configuration file; mtnorm's files in the user configuration folder")
    return Located(None, cwd, "no configuration file found; defaults, files in the current folder")
