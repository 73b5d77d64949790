"""Configuration: ``[tool.mtnorm]`` in pyproject.toml, or a ``mtnorm.toml`` / ``.mtnorm.toml``.

Which file is used is :mod:`normalizer.config_search`'s business; each setting remembers
the file it came from (``Config.origins``) so that ``mtnorm config`` can say it.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config_search import Located, find_config, locate
from .engine import APPLY_LEVELS
from .errors import unknown_key
from .loader import ConfigError, line_of, load_toml

__all__ = ["Config", "Located", "find_config", "load_config", "locate"]

KEYS = {"select", "ignore", "rules", "extensions", "exclude", "apply", "alias_files", "learn_min_docs",
        "accept", "per_path_ignores", "ignore_words", "ignore_words_files", "encoding"}
DEFAULT_IGNORE_FILE = "mtnorm-ignore.txt"
DEFAULT_ALIAS_FILE = "mtnorm-aliases.toml"
DEFAULT_RULES_FILE = "mtnorm-rules.toml"
DEFAULT_EXTENSIONS = ("txt", "md")
DEFAULT_EXCLUDE = (".*", "__pycache__", "node_modules", ".venv", "venv")


@dataclass
class Config:
    """Settings for a run; command-line flags override or extend them."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    rules: list[Path] = field(default_factory=list)
    extensions: list[str] = field(default_factory=lambda: list(DEFAULT_EXTENSIONS))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    apply: str = "safe"
    alias_files: list[Path] = field(default_factory=list)
    learn_min_docs: int = 3
    encoding: str = "utf-8"
    accept: list[str] = field(default_factory=list)
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    ignore_words: list[str] = field(default_factory=list)
    ignore_words_files: list[Path] = field(default_factory=list)
    source: Path | None = None
    base: Path | None = None            # the folder of mtnorm's own files; None: the config's, else here
    found_by: str = ""                  # how the configuration was found, for `mtnorm config` and -v
    origins: dict[str, Path] = field(default_factory=dict)  # setting -> the file that set it
    others: list[tuple[Path, Path]] = field(default_factory=list)  # inputs whose own config is not used

    @property
    def home(self) -> Path:
        """The folder of the default alias, rule and ignore files."""
        if self.base is not None:
            return self.base
        return self.source.parent if self.source else Path.cwd()

    @property
    def user_alias_file(self) -> Path:
        """Where ``mtnorm alias add`` writes: the first ``alias_files`` entry, else
        ``mtnorm-aliases.toml`` beside the configuration file (or in the current folder)."""
        if self.alias_files:
            return self.alias_files[0]
        return self.home / DEFAULT_ALIAS_FILE

    @property
    def user_rules_file(self) -> Path:
        """Where approved boilerplate is saved: ``mtnorm-rules.toml`` beside the config (or here)."""
        return self.home / DEFAULT_RULES_FILE

    @property
    def user_ignore_file(self) -> Path:
        """Where the review app's ``i`` adds words: ``mtnorm-ignore.txt`` beside the config (or here)."""
        return self.home / DEFAULT_IGNORE_FILE

    def ignore_words_files_to_read(self) -> list[Path]:
        """Configured ignore-word files, plus ``mtnorm-ignore.txt`` beside the config (or here) if it exists."""
        files = list(self.ignore_words_files)
        default = self.user_ignore_file
        if default not in files and default.is_file():
            files.append(default)
        return files

    def alias_files_to_read(self) -> list[Path]:
        """Configured alias files, plus the default user alias and rule files if they exist."""
        files = list(self.alias_files)
        for default in (self.user_alias_file, self.user_rules_file):
            if default not in files and default.exists():
                files.append(default)
        return files


def load_config(path: Path | None = None, start: Path | None = None, paths: Sequence[Path] = ()) -> Config:
    """Read ``path`` (or the file found from ``paths`` and ``start``, see :func:`locate`) into a :class:`Config`."""
    if path is None:
        where = locate(paths, start or Path.cwd())
        cfg = _read(where.path) if where.path is not None else Config()
        cfg.base, cfg.found_by, cfg.others = where.base, where.how, where.others
        return cfg
    cfg = _read(path)
    cfg.found_by = "given with --config"
    return cfg


def _read(path: Path) -> Config:
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    data, raw = load_toml(path)
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}:{line_of(raw, 'tool')}: 'tool' must be a table ([tool.mtnorm]), not {tool!r:.40}")
    table = tool.get("mtnorm", {} if path.name == "pyproject.toml" else data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}:{line_of(raw, 'mtnorm')}: [tool.mtnorm] must be a table of settings, "
                          f"not {table!r:.40}")
    return _parse(table, path, raw)


def _parse(table: dict[str, Any], path: Path, raw: str) -> Config:
    def error(key: str, msg: str) -> ConfigError:
        return ConfigError(f"{path}:{line_of(raw, key)}: {msg}")

    for key in table:
        if key not in KEYS:
            raise error(key, unknown_key(key, KEYS, " in [tool.mtnorm]").replace("unknown key", "unknown setting", 1))
    cfg = Config(source=path, origins={key: path for key in table})
    for key in ("select", "ignore", "rules", "extensions", "exclude", "alias_files", "accept",
                "ignore_words", "ignore_words_files"):
        if key in table:
            value = table[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise error(key, f"{key!r} must be a list of strings")
            if key in ("rules", "alias_files", "ignore_words_files"):
                setattr(cfg, key, [(path.parent / v) for v in value])
            elif key == "extensions":
                cfg.extensions = [v.lstrip(".").lower() for v in value]
            else:
                setattr(cfg, key, list(value))
    if "per_path_ignores" in table:
        ppi = table["per_path_ignores"]
        if not isinstance(ppi, dict) or not all(
                isinstance(v, list) and all(isinstance(x, str) for x in v) for v in ppi.values()):
            raise error("per_path_ignores", "'per_path_ignores' must be a table of \"glob\" = [\"CODE\", ...]")
        cfg.per_path_ignores = {k: list(v) for k, v in ppi.items()}
    if "learn_min_docs" in table:
        value = table["learn_min_docs"]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:  # TOML's true is no number
            raise error("learn_min_docs", "'learn_min_docs' must be a whole number (0 turns learning off)")
        cfg.learn_min_docs = table["learn_min_docs"]
    if "encoding" in table:
        if not isinstance(table["encoding"], str) or not table["encoding"]:
            raise error("encoding", "'encoding' must be a codec name such as \"cp1252\", or \"auto\"")
        if table["encoding"] != "auto":
            try:
                codecs.lookup(table["encoding"])
            except LookupError:
                raise error("encoding", f"unknown encoding {table['encoding']!r}") from None
        cfg.encoding = table["encoding"]
    if "apply" in table:
        if table["apply"] not in APPLY_LEVELS:
            raise error("apply", f"'apply' must be one of {', '.join(APPLY_LEVELS)}")
        cfg.apply = table["apply"]
    return cfg
