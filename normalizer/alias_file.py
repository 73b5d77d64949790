"""Edit a user alias file in place with tomlkit, keeping its comments and layout."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Comment, Item, Null, Table, Whitespace

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
                text = path.read_text(encoding="utf-8")
                doc = tomlkit.parse(text + "\n" if text and not text.endswith("\n") else text)
            except Exception as exc:  # tomlkit raises several parse error types
                raise ConfigError(f"{path}: invalid TOML: {exc}") from None
            attach_comments(doc)
            return cls(path, doc)
        return cls(path, tomlkit.parse(HEADER))

    def _tables(self, key: str) -> AoT:
        if key not in self.doc:
            self.doc.append(key, tomlkit.aot())
        return self.doc[key]  # type: ignore[return-value]

    def _append_table(self, key: str, table: Table) -> Table:
        """Append ``table`` to the ``[[key]]`` array, one blank line after what precedes it."""
        tables = self._tables(key)
        before = tables[-1].value if len(tables) else _last_container(self.doc)
        _drop_trailing_blanks(before)
        tables.append(table)
        table = tables[-1]
        text = _text_before(self.doc, table)
        table.trivia.indent = "" if not text else ("\n" if text.endswith("\n") else "\n\n")
        return table

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
            table = self._append_table("alias", table)
        added = [v for v in variants if v not in table["variants"]]
        for v in added:
            table["variants"].append(v)
        for key, values in (("review", added if review else [v for v in added if v in ordinary]),
                            ("ordinary_words", [v for v in added if v in ordinary])):
            if values:
                if key not in table:
                    _add_key(table, key, tomlkit.array())
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
                self._delete(tables, i)
                return True
            missing = [v for v in variants if v not in table["variants"]]
            if missing:
                raise ConfigError(f"{self.path}: {canonical!r} has no variant {missing[0]!r}")
            for key in ("variants", "review", "ordinary_words"):
                if key in table:
                    for v in variants:
                        if v in table[key]:
                            table[key].remove(v)
                    if not table[key] and key != "variants":
                        del table[key]
            if not table["variants"]:
                self._delete(tables, i)
            return True
        return False

    def _delete(self, tables: AoT, i: int) -> None:
        """Delete an entity's table (its comment goes with it), and the array once empty."""
        if not _text_before(self.doc, tables[i]).strip() and i + 1 < len(tables):
            tables[i + 1].trivia.indent = tables[i + 1].trivia.indent.lstrip("\n")  # now the first line
        del tables[i]
        if not tables:
            del self.doc["alias"]

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
        self._append_table("not_alias", table)

    def save(self) -> None:
        """Write the file atomically; a new file gets the mode the umask allows (0644 under 022)."""
        new = not self.path.exists()
        text = tomlkit.dumps(self.doc)
        if not text.strip():
            text = ""
        write_atomic(self.path, text.encode("utf-8"))
        if new:  # the temporary file behind an atomic write is private (0600)
            self.path.chmod(0o666 & ~_umask())


def _umask() -> int:
    """The process umask: read from /proc on Linux (no race with other threads), else set and restored."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _text_before(doc: tomlkit.TOMLDocument, table: Table) -> str:
    """What the document renders before ``table``'s leading comments."""
    indent = table.trivia.indent
    table.trivia.indent = "\0" + indent
    try:
        return tomlkit.dumps(doc).partition("\0")[0]
    finally:
        table.trivia.indent = indent


def _tables_in_order(doc: tomlkit.TOMLDocument) -> Iterator[tuple[Container, Table | None]]:
    """Each top-level table (``[[aot]]`` element or ``[table]``) with the container rendered just before it."""
    before: Container = doc
    for _key, item in doc.body:
        for table in item.body if isinstance(item, AoT) else [item] if isinstance(item, Table) else []:
            yield before, table
            before = table.value
    yield before, None


def _last_container(doc: tomlkit.TOMLDocument) -> Container:
    return list(_tables_in_order(doc))[-1][0]


def _trailing(container: Container, table: Table | None) -> list[int]:
    """Indices of the comment lines (and the blank lines before them) that end ``container``.

    In the document container they are the ones just before ``table``'s array.
    """
    body = container.body
    end = next((i for i, (_k, item) in enumerate(body)
                if item is table or (isinstance(item, AoT) and item.body and item.body[0] is table)), len(body))
    idx: list[int] = []
    i = end - 1
    while i >= 0 and isinstance(body[i][1], (Comment, Null)) and body[i][0] is None:
        idx.append(i)
        i -= 1
    while i >= 0 and isinstance(body[i][1], (Whitespace, Null)) and body[i][0] is None:
        idx.append(i)
        i -= 1
    return sorted(idx)


def attach_comments(doc: tomlkit.TOMLDocument) -> None:
    """Move the comment block above each table (and the blank lines before it) into the table.

    tomlkit keeps ``# comment`` lines above ``[[alias]]`` in the *previous* table, so an edit
    there (a new key, a removed entity) would land on the wrong side of them. Kept in the
    table's own leading text they go wherever the table goes.
    """
    for before, table in list(_tables_in_order(doc)):
        if table is None:
            continue
        moved = _trailing(before, table)
        lead = "".join(before.body[i][1].as_string() for i in moved)
        for i in moved:
            before.body[i] = (None, Null())
        table.trivia.indent = lead + table.trivia.indent


def _drop_trailing_blanks(container: Container) -> None:
    body = container.body
    i = len(body) - 1
    while i >= 0 and body[i][0] is None and isinstance(body[i][1], (Whitespace, Null)):
        body[i] = (None, Null())
        i -= 1


def _add_key(table: Table, key: str, value: Item) -> None:
    """Add ``key`` right after the table's last key (before any comment lines that end it)."""
    body = table.value.body
    last = max((i for i, (k, _v) in enumerate(body) if k is not None), default=-1)
    if last + 1 < len(body):
        table.value._insert_at(last + 1, key, value)
    else:  # not Table.append: it would indent the key by the spaces of a leading comment
        table.value.append(key, value)
    dict.__setitem__(table, key, table.value[key])


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
