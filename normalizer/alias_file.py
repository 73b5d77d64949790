"""Edit a user alias file in place with tomlkit, keeping its comments and layout."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.items import AoT, Table

from .aliases import Alias, is_ordinary_word
from .writing import write_atomic
from .loader import ConfigError

HEADER = """\
# mtnorm user aliases: one [[alias]] table per entity (see `mtnorm alias --help`).
# Keys: canonical, variants, review, context, ordinary_words, note.
"""


@dataclass
class AliasFile:
    """A TOML document of ``[[alias]]`` (and ``[[not_alias]]``) tables, read for editing."""

    path: Path
    doc: tomlkit.TOMLDocument

    @classmethod
    def open(cls, path: Path) -> AliasFile:
        """Read ``path``, or start a new document if it does not exist yet."""
        if path.exists():
            try:
                return cls(path, tomlkit.parse(path.read_text(encoding="utf-8")))
            except Exception as exc:  # tomlkit raises several parse error types
                raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        return cls(path, tomlkit.parse(HEADER))

    def _tables(self, key: str) -> AoT:
        if key not in self.doc:
            self.doc.append(key, tomlkit.aot())
        return self.doc[key]  # type: ignore[return-value]

    def find(self, canonical: str) -> Table | None:
        for table in self.doc.get("alias", []):
            if table.get("canonical") == canonical:
                return table
        return None

    def add(self, canonical: str, variants: Sequence[str], *, review: bool = False, note: str = "",
            context: Sequence[str] = (), ordinary: Sequence[str] = ()) -> list[str]:
        """Add variants (creating the entity's table if needed); returns those actually added."""
        table = self.find(canonical)
        if table is None:
            table = tomlkit.table()
            table.add("canonical", canonical)
            table.add("variants", tomlkit.array())
            if note:
                table.add("note", note)
            if context:
                table.add("context", list(context))
            self._tables("alias").append(table)
            table = self.find(canonical)
            assert table is not None
        added = [v for v in variants if v not in table["variants"]]
        for v in added:
            table["variants"].append(v)
        for key, values in (("review", added if review else [v for v in added if v in ordinary]),
                            ("ordinary_words", [v for v in added if v in ordinary])):
            if values:
                if key not in table:
                    table[key] = tomlkit.array()
                for v in values:
                    if v not in table[key]:
                        table[key].append(v)
        return added

    def remove(self, canonical: str, variants: Sequence[str] = ()) -> bool:
        """Remove some variants of an entity, or the whole entity when none are named."""
        tables = self.doc.get("alias", [])
        for i, table in enumerate(tables):
            if table.get("canonical") != canonical:
                continue
            if not variants:
                del tables[i]
                return True
            missing = [v for v in variants if v not in table["variants"]]
            if missing:
                raise ConfigError(f"{self.path}: {canonical!r} has no variant {missing[0]!r}")
            for key in ("variants", "review", "ordinary_words"):
                if key in table:
                    for v in variants:
                        if v in table[key]:
                            table[key].remove(v)
            if not table["variants"]:
                del tables[i]
            return True
        return False

    def exclude(self, canonical: str, names: Sequence[str]) -> None:
        """Remember that ``names`` are not variants of ``canonical`` (``[[not_alias]]``)."""
        for table in self.doc.get("not_alias", []):
            if table.get("canonical") == canonical:
                for n in names:
                    if n not in table["names"]:
                        table["names"].append(n)
                return
        table = tomlkit.table()
        table.add("canonical", canonical)
        table.add("names", list(names))
        self._tables("not_alias").append(table)

    def save(self) -> None:
        write_atomic(self.path, tomlkit.dumps(self.doc).encode("utf-8"))


def check_new_variants(canonical: str, variants: Sequence[str], known: Sequence[Alias], force: bool) -> list[str]:
    """Refuse variants that would make the alias data wrong; returns the ordinary words allowed by ``force``."""
    if not canonical.strip():
        raise ConfigError("the canonical name is empty")
    canonicals = {a.canonical: a for a in known}
    owners = {v: a for a in known for v in a.variants}
    ordinary = []
    for v in variants:
        if not v.strip():
            raise ConfigError("a variant is empty")
        if v == canonical:
            raise ConfigError(f"variant {v!r} is the canonical form itself")
        if v in canonicals:
            raise ConfigError(f"variant {v!r} is the canonical form of another entity ({canonicals[v].where})")
        if v in owners and owners[v].canonical != canonical:
            raise ConfigError(f"variant {v!r} already belongs to {owners[v].canonical!r} ({owners[v].where})")
        if variants.count(v) > 1:
            raise ConfigError(f"variant {v!r} is given twice")
        if is_ordinary_word(v):
            if not force:
                raise ConfigError(f"variant {v!r} is a common English word; use --force to add it (as a review fix)")
            ordinary.append(v)
    return ordinary
