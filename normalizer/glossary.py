"""Glossary data: ``[[gloss]]`` (untranslated fragment -> English) and ``[[calque]]`` (phrase -> English)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from .errors import unknown_key
from .fixes import Safety
from .patterns import LazyPattern, TimedPattern, compile_pattern

GLOSS_KEYS = {"source", "english", "alternatives", "before", "note"}
CALQUE_KEYS = {"phrase", "pattern", "english", "alternatives", "before", "context", "near", "not_near", "origin",
               "safety"}
NEAR = 250  # characters either side of a calque in which its ``near`` / ``not_near`` words are looked for


@dataclass(frozen=True)
class Gloss:
    """A fragment left in the source language and its English, chosen by a person: safe."""

    source: str
    english: str
    alternatives: tuple[str, ...] = ()
    before: regex.Pattern | None = None
    note: str = ""
    where: str = ""


@dataclass(frozen=True)
class Calque:
    """A word-for-word translation and its idiomatic English (``english`` may use ``\\1`` groups)."""

    pattern: regex.Pattern
    english: str
    alternatives: tuple[str, ...] = ()
    before: regex.Pattern | None = None
    context: regex.Pattern | None = None
    near: regex.Pattern | None = None
    not_near: regex.Pattern | None = None
    origin: str = ""
    safety: Safety = Safety.REVIEW
    where: str = ""


def _compile(value: Any, what: str, error: Callable[[str], Exception], flags: int = 0) -> regex.Pattern:
    if not isinstance(value, str) or not value:
        raise error(f"{what} must be a non-empty string")
    try:
        return compile_pattern(value, flags)
    except regex.error as exc:
        raise error(f"bad regular expression in {what}: {exc}") from None


def check_template(pattern: Any, template: str, what: str, error: Callable[[str], Exception]) -> None:
    """Refuse a replacement naming a group ``pattern`` lacks, or a bad escape: at load, not at the first match.

    A shipped pattern, compiled when first used, is left to the test suite.

    >>> check_template(regex.compile("rare (lands)"), r"\\3 x", "'english'", ValueError)
    Traceback (most recent call last):
    ValueError: 'english' r'\\3 x' does not fit the pattern 'rare (lands)': no such group
    """
    if isinstance(pattern, LazyPattern):
        return
    compiled = pattern.pattern if isinstance(pattern, TimedPattern) else pattern
    names = {i: n for n, i in compiled.groupindex.items()}
    # a pattern with the same groups that matches "": its match expands any template the real one could
    same_groups = "".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, compiled.groups + 1))
    try:
        regex.compile(same_groups).match("").expand(template)
    except (regex.error, IndexError) as exc:
        raise error(f"{what} r'{template}' does not fit the pattern {compiled.pattern!r}: {exc}") from None


def _strings(table: dict[str, Any], key: str, error: Callable[[str], Exception]) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise error(f"{key!r} must be a list of strings")
    return tuple(value)


def parse_gloss(table: dict[str, Any], path: Path, line: int, error: Callable[[str], Exception]) -> Gloss:
    extra = set(table) - GLOSS_KEYS
    if extra:
        raise error(unknown_key(sorted(extra)[0], GLOSS_KEYS, " in [[gloss]]"))
    source, english = table.get("source"), table.get("english")
    if not isinstance(source, str) or not source.strip():
        raise error("[[gloss]] needs a non-empty 'source'")
    if not isinstance(english, str):
        raise error(f"gloss {source!r}: 'english' must be a string (empty to remove the fragment)")
    before = _compile(table["before"] + r"\s*\Z", "'before'", error) if "before" in table else None
    return Gloss(source, english, _strings(table, "alternatives", error), before, str(table.get("note", "")),
                 f"{path}:{line}")


def parse_calque(table: dict[str, Any], path: Path, line: int, error: Callable[[str], Exception]) -> Calque:
    extra = set(table) - CALQUE_KEYS
    if extra:
        raise error(unknown_key(sorted(extra)[0], CALQUE_KEYS, " in [[calque]]"))
    if ("phrase" in table) == ("pattern" in table):
        raise error("[[calque]] needs exactly one of 'phrase' (literal words) or 'pattern' (a regex)")
    english = table.get("english")
    if not isinstance(english, str) or not english:
        raise error("[[calque]] needs a non-empty 'english'")
    if "phrase" in table:
        phrase = table["phrase"]
        if not isinstance(phrase, str) or not phrase.strip():
            raise error("'phrase' must be a non-empty string")
        body = regex.escape(phrase).replace(r"\ ", r"\s+")
        if phrase[0].isalpha():  # either case for the first letter: "Rare lands" too
            body = f"[{phrase[0].lower()}{phrase[0].upper()}]" + body[1:]
        pattern = regex.compile(r"(?<![\p{L}\p{N}])" + body + r"(?![\p{L}\p{N}])")
    else:
        pattern = _compile(table["pattern"], "'pattern'", error)
    before = _compile(table["before"] + r"\Z", "'before'", error) if "before" in table else None
    context = _words(table, "context", error)
    near = _words(table, "near", error, regex.IGNORECASE)
    not_near = _words(table, "not_near", error, regex.IGNORECASE)
    try:
        safety = Safety(table.get("safety", "review"))
    except ValueError:
        raise error("safety must be \"safe\" or \"review\"") from None
    alternatives = _strings(table, "alternatives", error)
    for what, template in (("'english'", english), *(("an alternative", a) for a in alternatives)):
        check_template(pattern, template, what, error)
    return Calque(pattern, english, alternatives, before, context, near, not_near,
                  str(table.get("origin", "")), safety, f"{path}:{line}")


def _words(table: dict[str, Any], key: str, error: Callable[[str], Exception], flags: int = 0) -> regex.Pattern | None:
    """One whole-word alternation of the list under ``key`` (None without the key).

    >>> _words({"near": ["goal", "red card"]}, "near", ValueError, regex.I).search("A Red  card.") is None
    True
    >>> _words({"near": ["goal", "red card"]}, "near", ValueError, regex.I).search("A RED card.").group()
    'RED card'
    """
    if key not in table:
        return None
    words = _strings(table, key, error)
    if not words or not all(w.strip() for w in words):
        raise error(f"{key!r} must list at least one word, none empty")
    body = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + body + r")(?![\p{L}\p{N}])", flags)
