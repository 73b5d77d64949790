"""The gazetteer of public figures (rules/gazetteer/people.toml): who recurs in international news,
spelled the accepted English way, with the house variants that are just as right.

The file holds ``[[group]]`` tables, one per country or field, each with ``people``: inline tables
with ``name`` (given name(s) and surname in the order English news prints them), ``role`` (a few
lower-case words: "prime minister", "footballer"), and optionally ``surname`` (when it is not the
last word: family-first order "Xi Jinping", or a surname of several words "von der Leyen") and
``variants`` (accepted spellings of the full name, never flagged). The name rules N006/N007 read
it; nothing here edits text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from .errors import ConfigError, unknown_key

GROUP_KEYS = {"country", "field", "people"}
PERSON_KEYS = {"name", "surname", "role", "variants"}
# A name word: a capital, then letters, marks, inner hyphens or apostrophes ("Jae-myung", "O'Neill"),
# or a lower-case particle ("von", "der", "bin", "al-", "da").
WORD = regex.compile(r"(?:\p{Lu}[\p{L}\p{M}]*(?:[-'’][\p{L}\p{M}]+)*\.?|\p{Ll}[\p{L}\p{M}]*(?:-\p{Lu}[\p{L}\p{M}]+)?)")


@dataclass(frozen=True, slots=True)
class Person:
    """One public figure: ``given`` + ``surname`` (or ``surname`` + ``given``) make ``name``."""

    name: str
    surname: str
    given: str
    role: str
    variants: tuple[str, ...] = ()
    group: str = ""

    @property
    def family_first(self) -> bool:
        """True when the surname comes first ("Xi Jinping", "Lee Jae-myung").

        >>> Person("Xi Jinping", "Xi", "Jinping", "president").family_first
        True
        """
        return self.name.startswith(self.surname + " ")

    def forms(self) -> Iterator[tuple[str, str]]:
        """Every accepted spelling as (given, surname): the name, then each variant split the same way."""
        yield self.given, self.surname
        for v in self.variants:
            words = v.split(" ")
            if self.family_first:  # the surname keeps its number of words: "Kim Jong Un"
                n = len(self.surname.split(" "))
                yield " ".join(words[n:]), " ".join(words[:n])
            else:  # the given name keeps its number of words: "Itamar Ben Gvir"
                n = len(self.given.split(" "))
                yield " ".join(words[:n]), " ".join(words[n:])


def parse_person(entry: Any, group: str, error: Any) -> Person:
    """One ``people`` entry, validated (well-formed words, a surname at one end of the name)."""
    if not isinstance(entry, dict):
        raise error(f"group {group!r}: each person is an inline table, not {entry!r:.40}")
    extra = set(entry) - PERSON_KEYS
    if extra:
        raise error(unknown_key(sorted(extra)[0], PERSON_KEYS, f" for a person in group {group!r}"))
    name, role = entry.get("name"), entry.get("role")
    if not isinstance(name, str) or not isinstance(role, str) or not role.strip():
        raise error(f"group {group!r}: a person needs a 'name' and a 'role' (strings), got {entry!r:.60}")
    words = name.split(" ")
    if name != name.strip() or "" in words or len(words) < 2 or not all(WORD.fullmatch(w) for w in words):
        raise error(f"{name!r}: a name is two or more words, single-spaced (given name and surname)")
    if role != role.lower() or role != " ".join(role.split()):
        raise error(f"{name!r}: the role is lower-case words, single-spaced: {role!r}")
    surname = entry.get("surname", words[-1])
    if not isinstance(surname, str) or not surname:
        raise error(f"{name!r}: 'surname' must be a non-empty string")
    if name.endswith(" " + surname):
        given = name[: -len(surname) - 1]
    elif name.startswith(surname + " "):
        given = name[len(surname) + 1:]
    else:
        raise error(f"{name!r}: the surname {surname!r} must open or close the name")
    variants = entry.get("variants", [])
    if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
        raise error(f"{name!r}: 'variants' must be a list of strings")
    for v in variants:
        vw = v.split(" ")
        fixed = len((surname if name.startswith(surname + " ") else name[: -len(surname) - 1]).split(" "))
        if v == name or v in variants[: variants.index(v)] or len(vw) <= fixed or not all(WORD.fullmatch(w) for w in vw):
            raise error(f"{name!r}: variant {v!r} must be another spelling of the whole name, listed once")
    return Person(name, surname, given, role, tuple(variants), group)


def parse_people(data: dict[str, Any], source: str = "people.toml") -> tuple[Person, ...]:
    """Every person of a parsed gazetteer, checked for duplicates (one name, or a variant, listed twice)."""
    def error(msg: str) -> ConfigError:
        return ConfigError(f"{source}: {msg}")

    extra = set(data) - {"group"}
    if extra:
        raise error(unknown_key(sorted(extra)[0], {"group"}, " at the top level"))
    people: list[Person] = []
    seen: dict[str, str] = {}
    for table in data.get("group", []):
        if not isinstance(table, dict) or set(table) - GROUP_KEYS or not isinstance(table.get("people"), list):
            raise error(f"a [[group]] takes 'country' or 'field' and a 'people' list, not {table!r:.60}")
        group = table.get("country") or table.get("field")
        if not isinstance(group, str) or not group:
            raise error("a [[group]] needs a 'country' or a 'field'")
        for entry in table["people"]:
            person = parse_person(entry, group, error)
            for form in (person.name, *person.variants):
                key = form.casefold()
                if key in seen:
                    raise error(f"{form!r} ({group}) is listed twice (also under {seen[key]!r})")
                seen[key] = f"{person.name}, {group}"
            people.append(person)
    return tuple(people)


def people_path() -> Path:
    """The shipped gazetteer (inside the wheel, or the source tree)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate / "gazetteer" / "people.toml"
    raise ConfigError(f"{here}: shipped rules/ folder not found; reinstall mtnorm")


@functools.cache
def load_people(path: Path | None = None) -> tuple[Person, ...]:
    """The gazetteer, parsed once per process."""
    from .loader import load_toml

    path = path or people_path()
    data, _ = load_toml(path)
    return parse_people(data, str(path))
