"""Name alias data: ``[[alias]]`` tables, validated and merged from every rule file."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from .errors import unknown_key
from .lexicon import COMMON, zipf

KEYS = {"canonical", "variants", "review", "context", "ordinary_words", "note", "not_after"}


@dataclass(frozen=True)
class Alias:
    """One entity: the canonical form and the variants that should become it."""

    canonical: str
    variants: tuple[str, ...]
    review: frozenset[str] = frozenset()
    context: tuple[str, ...] = ()
    ordinary_words: frozenset[str] = frozenset()
    note: str = ""
    source: str = ""
    line: int = 0
    not_after: str = ""  # a regex: no match when the text before the variant ends with it

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


def is_ordinary_word(variant: str) -> bool:
    """True for variants that are common English words (wordfreq), like "Tramp".

    All-caps variants ("XI", "RPC") only match in capitals and are not checked.
    """
    return " " not in variant and "-" not in variant and not variant.isupper() and zipf(variant.lower()) >= COMMON


def parse_alias_table(table: dict[str, Any], path: Path, line: int, error: Callable[[str], Exception],
                      check_words: bool = True) -> Alias:
    """Validate one ``[[alias]]`` table (the cross-table checks are in :func:`validate`)."""
    extra = set(table) - KEYS
    if extra:
        raise error(unknown_key(sorted(extra)[0], KEYS, " in [[alias]]"))
    canonical = table.get("canonical")
    if not isinstance(canonical, str) or not canonical.strip():
        raise error("[[alias]] needs a non-empty 'canonical' name")
    lists = {}
    for key in ("variants", "review", "context", "ordinary_words"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise error(f"alias {canonical!r}: {key!r} must be a list of non-empty strings")
        lists[key] = value
    variants = lists["variants"]
    if not variants:
        raise error(f"alias {canonical!r}: 'variants' is empty")
    if len(set(variants)) != len(variants):
        dup = next(v for v in variants if variants.count(v) > 1)
        raise error(f"alias {canonical!r}: variant {dup!r} is listed twice")
    for key in ("review", "ordinary_words"):
        stray = [v for v in lists[key] if v not in variants]
        if stray:
            raise error(f"alias {canonical!r}: {key} lists {stray[0]!r}, which is not a variant")
    for v in variants:
        if v == canonical:
            raise error(f"alias {canonical!r}: a variant equals the canonical form")
        if check_words and v not in lists["ordinary_words"] and is_ordinary_word(v):
            raise error(f"alias {canonical!r}: variant {v!r} is a common English word; "
                        "list it in ordinary_words (and review) if you mean it")
    for v in lists["ordinary_words"]:
        if v not in lists["review"]:
            raise error(f"alias {canonical!r}: ordinary word {v!r} must also be listed in review")
    not_after = table.get("not_after", "")
    if not isinstance(not_after, str):
        raise error(f"alias {canonical!r}: 'not_after' must be a regular expression")
    if not_after:
        try:
            regex.compile(not_after)
        except regex.error as exc:
            raise error(f"alias {canonical!r}: bad 'not_after' expression: {exc}") from None
    return Alias(canonical, tuple(variants), frozenset(lists["review"]), tuple(lists["context"]),
                 frozenset(lists["ordinary_words"]), str(table.get("note", "")), str(path), line, not_after)


def validate(aliases: Iterable[Alias]) -> list[str]:
    """Cross-entity problems: a variant claimed twice, or a variant that is another canonical."""
    problems = []
    canonicals = {a.canonical: a for a in aliases}
    owner: dict[str, Alias] = {}
    for a in aliases:
        for v in a.variants:
            if v in canonicals:
                problems.append(f"{a.where}: variant {v!r} of {a.canonical!r} is the canonical form "
                                f"of another entity ({canonicals[v].where})")
            if v in owner and owner[v].canonical != a.canonical:
                problems.append(f"{a.where}: variant {v!r} of {a.canonical!r} is also a variant of "
                                f"{owner[v].canonical!r} ({owner[v].where})")
            owner.setdefault(v, a)
    return problems


def merge(aliases: Iterable[Alias]) -> list[Alias]:
    """Combine tables with the same canonical form (shipped plus user files)."""
    out: dict[str, Alias] = {}
    for a in aliases:
        if a.canonical not in out:
            out[a.canonical] = a
            continue
        b = out[a.canonical]
        out[a.canonical] = Alias(
            b.canonical, tuple(dict.fromkeys(b.variants + a.variants)), b.review | a.review,
            tuple(dict.fromkeys(b.context + a.context)) if b.context and a.context else (),
            b.ordinary_words | a.ordinary_words, b.note or a.note, b.source, b.line,
        )
    return list(out.values())
