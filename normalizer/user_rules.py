"""The user rule file: boilerplate lines a reviewer approved, saved as patterns (tomlkit)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import regex
import tomlkit

from .writing import write_atomic
from .loader import ConfigError, line_of, load_file

SAVED_ID = "B900"
HEADER = "# mtnorm user rules (read by every command). Edit freely; comments are kept.\n"


def line_pattern(line: str) -> str:
    """A case-insensitive pattern for a whole line, with any digits and spacing.

    >>> bool(regex.search(line_pattern("© 2024 Example News"), "©  2025 EXAMPLE news"))
    True
    """
    parts = regex.split(r"(\d+|\s+)", line.strip())
    out = []
    for p in parts:
        if not p:
            continue
        out.append(r"\d+" if p[0].isdigit() else r"\s+" if p[0].isspace() else regex.escape(p))
    return r"(?i)^\s*" + "".join(out) + r"\s*$"


def save_boilerplate(path: Path, lines: Sequence[str]) -> list[str]:
    """Add ``lines`` to the saved-boilerplate rule (B900) of ``path``; returns the new patterns."""
    if path.exists():
        load_file(path)  # a broken file is reported as the loader reports it (file:line), not edited
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.parse(HEADER)
    except Exception as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if "rule" not in doc:
        doc.append("rule", tomlkit.aot())
    table = next((t for t in doc["rule"] if t.get("id") == SAVED_ID), None)
    if table is not None and table.get("kind") != "boilerplate":
        raise ConfigError(f"{path}:{line_of(doc.as_string(), SAVED_ID)}: rule {SAVED_ID} is kept for saved "
                          "boilerplate, but here it is not a boilerplate rule")
    if table is not None and "patterns" not in table:
        table.add("patterns", tomlkit.array())
    if table is None:
        table = tomlkit.table()
        for k, v in (("id", SAVED_ID), ("name", "saved-boilerplate"), ("kind", "boilerplate"),
                     ("category", "boilerplate"), ("scope", "line"), ("safety", "safe"),
                     ("description", "Lines a reviewer approved as site furniture."),
                     ("message", "A line you saved as boilerplate.")):
            table.add(k, v)
        table.add("patterns", tomlkit.array())
        doc["rule"].append(table)
        table = doc["rule"][-1]
    added = []
    for line in lines:
        if not line.strip():
            raise ConfigError("cannot save an empty line as boilerplate")
        p = line_pattern(line)
        if p not in table["patterns"]:
            table["patterns"].append(p)
            added.append(p)
    write_atomic(path, tomlkit.dumps(doc).encode("utf-8"))
    return added
