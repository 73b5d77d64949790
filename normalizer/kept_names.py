"""Names English news keeps as they are (rules/gazetteer/kept_names.toml): names printed in their own
language that machine translation renders literally ("Cooperation" for the club Al-Taawoun),
players known by one name that spell-checkers respell ("Malcolm" for Malcom), and surnames that are
also words ("war" for Guerra). N010, N011 and N013 read it; nothing here edits text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError, unknown_key
from .people import people_path

NATIVE_KEYS = {"name", "kind", "literal", "context", "origin"}
MONONYM_KEYS = {"name", "written", "sport", "cues", "role"}


@dataclass(frozen=True, slots=True)
class Native:
    """A name kept in its language and the literal English renderings of it."""

    name: str
    kind: str
    literal: tuple[str, ...]
    context: tuple[str, ...]
    origin: str


@dataclass(frozen=True, slots=True)
class Mononym:
    """A player known by one name and the common given names it gets respelled as."""

    name: str
    written: tuple[str, ...]
    sport: str
    cues: tuple[str, ...]
    role: str


@dataclass(frozen=True, slots=True)
class KeptNames:
    """The parsed file: topic words by kind, the native names, the mononyms."""

    topics: dict[str, tuple[str, ...]]
    natives: tuple[Native, ...]
    mononyms: tuple[Mononym, ...]
    surnames: dict[str, str]


def _strings(entry: dict, key: str, name: str, error: Any, required: bool = True) -> tuple[str, ...]:
    value = entry.get(key, [] if not required else None)
    if not isinstance(value, list) or (required and not value) or not all(isinstance(v, str) and v.strip() == v and v for v in value):
        raise error(f"{name!r}: {key!r} must be a {'non-empty ' if required else ''}list of non-blank strings")
    return tuple(value)


def _table(entry: Any, keys: set[str], what: str, error: Any) -> tuple[dict, str]:
    if not isinstance(entry, dict):
        raise error(f"each [[{what}]] is a table, not {entry!r:.40}")
    extra = set(entry) - keys
    if extra:
        raise error(unknown_key(sorted(extra)[0], keys, f" in a [[{what}]]"))
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip() or name != name.strip():
        raise error(f"a [[{what}]] needs a 'name' (a non-blank string), got {entry!r:.60}")
    return entry, name


def parse_kept_names(data: dict[str, Any], source: str = "kept_names.toml") -> KeptNames:
    """The file's tables, validated: known kinds and sports, capitalized literals, no literal listed twice."""
    def error(msg: str) -> ConfigError:
        return ConfigError(f"{source}: {msg}")

    extra = set(data) - {"topics", "native", "mononym", "surnames"}
    if extra:
        raise error(unknown_key(sorted(extra)[0], {"topics", "native", "mononym", "surnames"}, " at the top level"))
    surnames = data.get("surnames", {})
    if not isinstance(surnames, dict) or not all(
            isinstance(v, str) and k.isalpha() and k.islower() and v.isalpha() and v[0].isupper() for k, v in surnames.items()):
        raise error("[surnames] maps a lower-case English word to a capitalized surname (war = \"Guerra\")")
    raw_topics = data.get("topics", {})
    if not isinstance(raw_topics, dict):
        raise error("[topics] is a table of word lists")
    topics = {k: _strings(raw_topics, k, f"topics.{k}", error) for k in raw_topics}
    seen: dict[str, str] = {}

    def once(form: str, owner: str) -> None:
        if form.casefold() in seen:
            raise error(f"{form!r} ({owner}) is listed twice (also for {seen[form.casefold()]!r})")
        seen[form.casefold()] = owner

    natives = []
    for entry in data.get("native", []):
        entry, name = _table(entry, NATIVE_KEYS, "native", error)
        kind, origin = entry.get("kind"), entry.get("origin", "")
        if kind not in topics:
            raise error(f"{name!r}: 'kind' must be one of the [topics] ({', '.join(sorted(topics))}), not {kind!r}")
        if not isinstance(origin, str):
            raise error(f"{name!r}: 'origin' must be a string")
        literal = _strings(entry, "literal", name, error)
        for form in literal:
            if not form[0].isupper() and not form.startswith("the ") or form == name:
                raise error(f"{name!r}: literal {form!r} must be capitalized (or start with 'the') and differ from the name")
            once(form.removeprefix("the ").removeprefix("The "), name)
        natives.append(Native(name, kind, literal, _strings(entry, "context", name, error, False), origin))
    mononyms = []
    for entry in data.get("mononym", []):
        entry, name = _table(entry, MONONYM_KEYS, "mononym", error)
        sport, role = entry.get("sport"), entry.get("role")
        if sport not in topics:
            raise error(f"{name!r}: 'sport' must be one of the [topics] ({', '.join(sorted(topics))}), not {sport!r}")
        if not isinstance(role, str) or not role:
            raise error(f"{name!r}: a [[mononym]] needs a 'role'")
        written = _strings(entry, "written", name, error)
        for form in written:
            if " " in form or not form[0].isupper() or form == name:
                raise error(f"{name!r}: respelling {form!r} must be one capitalized word, not the name itself")
            once(form, name)
        mononyms.append(Mononym(name, written, sport, _strings(entry, "cues", name, error), role))
    return KeptNames(topics, tuple(natives), tuple(mononyms), dict(surnames))


def kept_names_path() -> Path:
    """The shipped file, beside the gazetteer of people."""
    return people_path().with_name("kept_names.toml")


@functools.cache
def load_kept_names(path: Path | None = None) -> KeptNames:
    """The file, parsed once per process."""
    from .loader import load_toml

    path = path or kept_names_path()
    data, _ = load_toml(path)
    return parse_kept_names(data, str(path))
